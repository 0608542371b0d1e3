"""Helpers for the hosted UI's tests: a pool with a domain and an OAuth app client, and a scripted browser."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from tests.conftest import unique

CALLBACK = "http://localhost:8976/callback"
LOGOUT = "http://localhost:8976/signed-out"
PASSWORD = "Passw0rd!long"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def make_site(idp: Any, pool_id: str, **client: Any) -> dict[str, Any]:
    """A domain for ``pool_id`` and an app client for the code and implicit flows; what the tests need."""
    prefix = unique("site").lower()
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=prefix)
    settings: dict[str, Any] = {
        "UserPoolId": pool_id,
        "ClientName": unique("web"),
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": ["code", "implicit"],
        "AllowedOAuthScopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
        "CallbackURLs": [CALLBACK],
        "LogoutURLs": [LOGOUT],
        "SupportedIdentityProviders": ["COGNITO"],
    }
    settings.update(client)
    created = idp.create_user_pool_client(**settings)["UserPoolClient"]
    return {"pool_id": pool_id, "domain": prefix, "client": created, "client_id": created["ClientId"]}


def add_user(idp: Any, pool_id: str, username: str = "alice", **attributes: str) -> None:
    attrs = [{"Name": k, "Value": v} for k, v in {"email": f"{username}@example.com", **attributes}.items()]
    attrs.append({"Name": "email_verified", "Value": "true"})
    idp.admin_create_user(UserPoolId=pool_id, Username=username, UserAttributes=attrs, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def hidden_fields(page: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _HIDDEN.findall(page)}


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def fragment_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).fragment).items()}


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


class Browser:
    """A cookie-keeping HTTP client that walks the hosted UI as a browser would (no redirects followed)."""

    def __init__(self, base_url: str, domain: str) -> None:
        self.base = f"{base_url}/{domain}"
        self.http = httpx.Client(follow_redirects=False, timeout=20)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, params: dict[str, str] | None = None) -> httpx.Response:
        url = path if path.startswith("http") else f"{self.base}{path}"
        return self.http.get(url, params=params)

    def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        url = path if path.startswith("http") else f"{self.base}{path}"
        return self.http.post(url, data=data)

    def authorize(self, **params: str) -> httpx.Response:
        return self.get("/oauth2/authorize", params)

    def login_page(self, **params: str) -> httpx.Response:
        """The page /oauth2/authorize sends the browser to (following the one redirect to /login)."""
        answer = self.authorize(**params)
        assert answer.status_code == 302, answer.text
        location = answer.headers["location"]
        assert urlsplit(location).path.endswith("/login"), location
        return self.follow(location)

    def submit(self, page: httpx.Response, path: str, **fields: str) -> httpx.Response:
        """Post the form on ``page`` to ``path`` with its hidden fields and ``fields``."""
        return self.post(path, {**hidden_fields(page.text), **fields})

    def follow(self, location: str) -> httpx.Response:
        """GET a Location the hosted UI answered with (a path on the server, or a full URL)."""
        return self.get(location if location.startswith("http") else f"{self.base.rsplit('/', 1)[0]}{location}")

    def answer(self, username: str = "alice", password: str = PASSWORD, **params: str) -> httpx.Response:
        """The authorize request's answer: from the session if the browser has one, else after signing in."""
        answer = self.authorize(**params)
        assert answer.status_code == 302, answer.text
        if urlsplit(answer.headers["location"]).path.endswith("/login"):
            page = self.follow(answer.headers["location"])
            answer = self.submit(page, "/login", username=username, password=password)
        return answer

    def sign_in(self, username: str = "alice", password: str = PASSWORD, **params: str) -> httpx.Response:
        page = self.login_page(**params)
        assert page.status_code == 200, page.text
        return self.submit(page, "/login", username=username, password=password)


def authorize_params(site: dict[str, Any], **extra: str) -> dict[str, str]:
    params = {"client_id": site["client_id"], "response_type": "code", "redirect_uri": CALLBACK}
    params.update(extra)
    return params


def exchange(base_url: str, site: dict[str, Any], code: str, **extra: str) -> httpx.Response:
    data = {"grant_type": "authorization_code", "client_id": site["client_id"], "code": code, "redirect_uri": CALLBACK}
    data.update(extra)
    return httpx.post(f"{base_url}/{site['domain']}/oauth2/token", data=data, timeout=20)


def url_with(path: str, **params: str) -> str:
    return f"{path}?{urlencode(params)}"
