"""Sign-in with Google, Facebook and Login with Amazon at the hosted UI, against a stand-in for the providers.

This module's local Cognito runs with ``COGNITO_LOCAL_SOCIAL_BASE_URL`` pointing at a fake provider served
here (``/google/token``, ``/google/jwks``, ``/facebook/token``, ``/facebook/userinfo``, ...) and with a fake
Lambda Invoke API, so the PreSignUp_ExternalProvider trigger is seen too. The browser's trip to the provider's
authorize page is skipped: the test reads the state and nonce Cognito sent and answers as the provider would.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tests import fake_lambda
from tests.conftest import make_client, unique
from tests.fake_lambda import Fail, FakeLambda
from tests.localcognito import LocalCognito, start

CALLBACK = "http://localhost:8976/callback"
PRE_SIGN_UP = "arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up"
FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:{}"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_APPLE_KEY = ec.generate_private_key(ec.SECP256R1())
_APPLE_PEM = _APPLE_KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()
_JWK = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_KEY.public_key())), "kid": "fake-1", "alg": "RS256"}


@dataclass
class FakeProviders:
    server: ThreadingHTTPServer
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> what the token endpoint answers
    token_requests: list[dict[str, str]] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def _providers() -> FakeProviders:
    fake: FakeProviders

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def _json(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path.endswith("/jwks"):
                return self._json(200, {"keys": [_JWK]})
            if path.endswith("/userinfo"):
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                found = next((c for c in fake.codes.values() if c.get("access_token") == token), None)
                if found is None:
                    return self._json(401, {"error": "invalid_token"})
                return self._json(200, found["userinfo"])
            return self._json(404, {})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            fake.token_requests.append(form)
            answer = fake.codes.pop(form.get("code", ""), None)
            if "/signinwithapple/" in self.path:
                try:  # Apple's client secret: an ES256 JWT of the team, for the client, signed with the key
                    secret = jwt.decode(
                        form.get("client_secret", ""),
                        _APPLE_KEY.public_key(),
                        algorithms=["ES256"],
                        audience=f"{fake.base}/signinwithapple",
                        issuer="TEAM123",
                    )
                    good = secret["sub"] == "apple-client"
                except jwt.PyJWTError:
                    good = False
            else:
                good = form.get("client_secret") == "social-secret"
            if answer is None or not good:
                return self._json(400, {"error": "invalid_grant"})
            body = {"access_token": answer["access_token"], "token_type": "Bearer", "expires_in": 3600}
            if "id_token" in answer:
                body["id_token"] = answer["id_token"]
            fake.codes[f"used-{form['code']}"] = answer  # userinfo still answers for its access token
            return self._json(200, body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake = FakeProviders(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake


@pytest.fixture(scope="module")
def providers() -> Iterator[FakeProviders]:
    fake = _providers()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, providers: FakeProviders, lam: FakeLambda
) -> Iterator[LocalCognito]:
    running = start(
        Path(tmp_path_factory.mktemp("social")),
        "--lambda-endpoint",
        lam.endpoint,
        env={"COGNITO_LOCAL_SOCIAL_BASE_URL": providers.base},
    )
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def idp(server: LocalCognito) -> Any:
    return make_client(server.base_url)


@pytest.fixture
def site(idp: Any, server: LocalCognito, lam: FakeLambda) -> Iterator[dict[str, Any]]:
    lam.reset()
    pool_id = idp.create_user_pool(
        PoolName=unique("social"),
        UsernameConfiguration={"CaseSensitive": False},
        LambdaConfig={
            "PreSignUp": PRE_SIGN_UP,
            "PostConfirmation": FUNCTION.format("post-confirmation"),
            "PreAuthentication": FUNCTION.format("pre-authentication"),
            "PostAuthentication": FUNCTION.format("post-authentication"),
        },
    )["UserPool"]["Id"]
    domain = unique("social").lower()
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    details = {"client_id": "social-client", "client_secret": "social-secret"}
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails={**details, "authorize_scopes": "openid email profile"},
        AttributeMapping={"email": "email", "name": "name"},
    )
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Facebook",
        ProviderType="Facebook",
        ProviderDetails={**details, "authorize_scopes": "public_profile,email"},
        AttributeMapping={"email": "email"},
    )
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="LoginWithAmazon",
        ProviderType="LoginWithAmazon",
        ProviderDetails={**details, "authorize_scopes": "profile"},
        AttributeMapping={"email": "email"},
    )
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="SignInWithApple",
        ProviderType="SignInWithApple",
        ProviderDetails={
            "client_id": "apple-client",
            "team_id": "TEAM123",
            "key_id": "KEY123",
            "private_key": _APPLE_PEM,
            "authorize_scopes": "email name",
        },
        AttributeMapping={"email": "email"},
    )
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"],
    )["UserPoolClient"]["ClientId"]
    yield {"pool_id": pool_id, "base": f"{server.base_url}/{domain}", "client_id": client_id}
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool_id)


def _query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def _go_to(site: dict[str, Any], browser: httpx.Client, provider: str) -> tuple[str, dict[str, str]]:
    answer = browser.get(
        f"{site['base']}/oauth2/authorize",
        params={
            "client_id": site["client_id"],
            "response_type": "code",
            "redirect_uri": CALLBACK,
            "identity_provider": provider,
            "state": "app-state",
        },
    )
    assert answer.status_code == 302, answer.text[:300]
    location = answer.headers["location"]
    return location, _query(location)


def _id_token(providers: FakeProviders, claims: dict[str, Any]) -> str:
    body = {"iss": f"{providers.base}/google", "aud": "social-client", "iat": 0, "exp": 4102444800, **claims}
    return jwt.encode(body, _KEY, algorithm="RS256", headers={"kid": "fake-1"})


def _come_back(site: dict[str, Any], browser: httpx.Client, state: str, code: str) -> httpx.Response:
    return browser.get(f"{site['base']}/oauth2/idpresponse", params={"code": code, "state": state})


def _claims(site: dict[str, Any], code: str) -> dict[str, Any]:
    answer = httpx.post(
        f"{site['base']}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": site["client_id"],
            "code": code,
            "redirect_uri": CALLBACK,
        },
    )
    assert answer.status_code == 200, answer.text
    payload = answer.json()["id_token"].split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def test_google_sign_in_verifies_the_id_token_and_runs_pre_sign_up(
    idp: Any, site: dict[str, Any], providers: FakeProviders, lam: FakeLambda
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        location, sent = _go_to(site, browser, "Google")
        assert location.startswith(f"{providers.base}/google/authorize?")
        assert sent["client_id"] == "social-client" and sent["scope"] == "openid email profile"
        providers.codes["g-code"] = {
            "access_token": "g-access",
            "id_token": _id_token(
                providers, {"sub": "10769150350006150715", "email": "g@example.com", "nonce": sent["nonce"]}
            ),
        }
        answer = _come_back(site, browser, sent["state"], "g-code")
    assert answer.headers["location"].startswith(CALLBACK), answer.headers["location"]
    claims = _claims(site, _query(answer.headers["location"])["code"])
    assert claims["cognito:username"] == "google_10769150350006150715"
    assert claims["email"] == "g@example.com"
    assert claims["identities"][0]["providerType"] == "Google"
    assert claims["identities"][0]["issuer"] is None
    (event,) = lam.events("pre-sign-up")
    assert event["triggerSource"] == "PreSignUp_ExternalProvider"
    assert event["userName"] == "google_10769150350006150715"
    assert event["request"]["userAttributes"]["email"] == "g@example.com"
    assert providers.token_requests[-1]["client_secret"] == "social-secret"  # client_secret_post
    (confirmed,) = lam.events("post-confirmation")
    assert confirmed["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert confirmed["request"]["userAttributes"]["cognito:user_status"] == "EXTERNAL_PROVIDER"
    assert "identities" in confirmed["request"]["userAttributes"]
    assert lam.events("pre-authentication") == []
    assert [e["triggerSource"] for e in lam.events("post-authentication")] == ["PostAuthentication_Authentication"]
    # The second sign-in finds the user: no new PreSignUp.
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Google")
        providers.codes["g-code-2"] = {
            "access_token": "g-access-2",
            "id_token": _id_token(providers, {"sub": "10769150350006150715", "nonce": sent["nonce"]}),
        }
        assert _come_back(site, browser, sent["state"], "g-code-2").headers["location"].startswith(CALLBACK)
    assert len(lam.events("pre-sign-up")) == 1
    assert len(lam.events("post-confirmation")) == 1
    assert [e["triggerSource"] for e in lam.events("pre-authentication")] == ["PreAuthentication_Authentication"]
    assert len(lam.events("post-authentication")) == 2


@pytest.mark.parametrize(
    "changes",
    [{"nonce": "another"}, {"aud": "someone-else"}, {"iss": "https://accounts.evil.example"}, {"exp": 1000}],
    ids=["nonce", "audience", "issuer", "expired"],
)
def test_a_bad_google_id_token_is_refused(
    idp: Any, site: dict[str, Any], providers: FakeProviders, changes: dict[str, Any]
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Google")
        claims = {"sub": "1", "nonce": sent["nonce"], **changes}
        providers.codes["bad"] = {"access_token": "a", "id_token": _id_token(providers, claims)}
        answer = _come_back(site, browser, sent["state"], "bad")
    returned = _query(answer.headers["location"])
    assert returned["error"] == "invalid_request" and returned["state"] == "app-state"
    assert idp.list_users(UserPoolId=site["pool_id"])["Users"] == []


def test_an_id_token_signed_by_another_key_is_refused(idp: Any, site: dict[str, Any], providers: FakeProviders) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Google")
        body = {
            "iss": f"{providers.base}/google",
            "aud": "social-client",
            "exp": 4102444800,
            "sub": "1",
            "nonce": sent["nonce"],
        }
        forged = jwt.encode(body, other, algorithm="RS256", headers={"kid": "fake-1"})
        providers.codes["forged"] = {"access_token": "a", "id_token": forged}
        answer = _come_back(site, browser, sent["state"], "forged")
    assert _query(answer.headers["location"])["error"] == "invalid_request"
    assert idp.list_users(UserPoolId=site["pool_id"])["Users"] == []


@pytest.mark.parametrize(
    ("provider", "userinfo", "username"),
    [
        ("Facebook", {"id": "10155", "email": "fb@example.com"}, "facebook_10155"),
        (
            "LoginWithAmazon",
            {"user_id": "amzn1.account.XYZ", "email": "amzn@example.com"},
            "loginwithamazon_amzn1.account.xyz",
        ),
    ],
)
def test_oauth_providers_name_the_user_from_their_profile(
    idp: Any, site: dict[str, Any], providers: FakeProviders, provider: str, userinfo: dict[str, str], username: str
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        location, sent = _go_to(site, browser, provider)
        assert location.startswith(f"{providers.base}/{provider.lower()}/authorize?")
        assert "nonce" not in sent
        providers.codes[f"{provider}-code"] = {"access_token": f"{provider}-access", "userinfo": userinfo}
        answer = _come_back(site, browser, sent["state"], f"{provider}-code")
    assert answer.headers["location"].startswith(CALLBACK), answer.headers["location"]
    claims = _claims(site, _query(answer.headers["location"])["code"])
    assert claims["cognito:username"] == username
    assert claims["email"] == userinfo["email"]


def test_a_pre_sign_up_refusal_creates_nobody(
    idp: Any, site: dict[str, Any], providers: FakeProviders, lam: FakeLambda
) -> None:
    lam.script("pre-sign-up", Fail("Not from this domain."))
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Google")
        providers.codes["refused"] = {
            "access_token": "r",
            "id_token": _id_token(providers, {"sub": "2", "email": "x@evil.example", "nonce": sent["nonce"]}),
        }
        answer = _come_back(site, browser, sent["state"], "refused")
    returned = _query(answer.headers["location"])
    assert returned["error"] == "invalid_request"
    assert returned["error_description"] == "PreSignUp failed with error Not from this domain.."
    assert idp.list_users(UserPoolId=site["pool_id"])["Users"] == []


def test_sign_in_with_apple_posts_back_and_is_paid_with_an_es256_client_secret(
    idp: Any, site: dict[str, Any], providers: FakeProviders
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        location, sent = _go_to(site, browser, "SignInWithApple")
        assert location.startswith(f"{providers.base}/signinwithapple/authorize?")
        assert sent["response_mode"] == "form_post"
        claims = {
            "iss": f"{providers.base}/signinwithapple",
            "aud": "apple-client",
            "exp": 4102444800,
            "sub": "001234.abcdef",
            "email": "apple@example.com",
            "nonce": sent["nonce"],
        }
        providers.codes["apple-code"] = {
            "access_token": "apple-access",
            "id_token": jwt.encode(claims, _KEY, algorithm="RS256", headers={"kid": "fake-1"}),
        }
        # Apple answers with a cross-site form POST.
        answer = browser.post(f"{site['base']}/oauth2/idpresponse", data={"code": "apple-code", "state": sent["state"]})
    assert answer.headers["location"].startswith(CALLBACK), answer.headers["location"]
    token_claims = _claims(site, _query(answer.headers["location"])["code"])
    assert token_claims["cognito:username"] == "signinwithapple_001234.abcdef"
    assert token_claims["email"] == "apple@example.com"


def test_a_pre_authentication_refusal_refuses_a_returning_user(
    idp: Any, site: dict[str, Any], providers: FakeProviders, lam: FakeLambda
) -> None:
    def sign_in(code: str) -> dict[str, str]:
        with httpx.Client(follow_redirects=False, timeout=20) as browser:
            _, sent = _go_to(site, browser, "Google")
            providers.codes[code] = {
                "access_token": f"{code}-access",
                "id_token": _id_token(providers, {"sub": "3", "email": "back@example.com", "nonce": sent["nonce"]}),
            }
            return _query(_come_back(site, browser, sent["state"], code).headers["location"])

    assert "code" in sign_in("first")
    lam.script("pre-authentication", Fail("Not today."))
    refused = sign_in("second")
    assert refused["error_description"] == "PreAuthentication failed with error Not today.."


@pytest.mark.parametrize(
    "claims",
    [{"sub": "1\ud800"}, {"sub": "1", "email": "g\udfff@example.com"}, {"sub": "1", "name": ["a", {"b": "\ud800"}]}],
    ids=["sub", "email", "nested"],
)
def test_an_id_token_with_a_lone_surrogate_is_refused(
    idp: Any, site: dict[str, Any], providers: FakeProviders, claims: dict[str, Any]
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Google")
        providers.codes["odd"] = {
            "access_token": "a",
            "id_token": _id_token(providers, {**claims, "nonce": sent["nonce"]}),
        }
        answer = _come_back(site, browser, sent["state"], "odd")
    assert answer.status_code == 302, answer.text[:300]
    assert _query(answer.headers["location"])["error"] == "invalid_request"
    assert idp.list_users(UserPoolId=site["pool_id"])["Users"] == []


@pytest.mark.parametrize(
    "userinfo",
    [{"id": "10155\ud800"}, {"id": "10155", "email": "\ud800"}, {"id": {"nested": 1}}, {"id": 10155.5, "email": 5}],
    ids=["id", "email", "object-id", "numbers"],
)
def test_a_profile_with_a_lone_surrogate_or_odd_types_is_no_500(
    idp: Any, site: dict[str, Any], providers: FakeProviders, userinfo: dict[str, Any]
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        _, sent = _go_to(site, browser, "Facebook")
        providers.codes["odd-profile"] = {"access_token": "fb-odd", "userinfo": userinfo}
        answer = _come_back(site, browser, sent["state"], "odd-profile")
    assert answer.status_code < 500, answer.text[:300]
