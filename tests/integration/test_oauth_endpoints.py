"""The hosted UI's OAuth 2.0 endpoints over HTTP: authorize, token, userInfo, revoke, logout, discovery.

Driven as a relying party would, with httpx (and Authlib's OIDC client for a whole code flow with PKCE);
the pool, app clients and users are made with boto3.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import uuid
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import make_client
from tests.integration.hosted_ui_support import (
    CALLBACK,
    LOGOUT,
    PASSWORD,
    Browser,
    add_user,
    authorize_params,
    claims,
    exchange,
    fragment_of,
    hidden_fields,
    make_site,
    pkce,
    query_of,
)
from tests.localcognito import start


@pytest.fixture
def site(idp: Any, pool: dict[str, Any]) -> Iterator[dict[str, Any]]:
    made = make_site(idp, pool["Id"])
    add_user(idp, pool["Id"])
    yield made
    with contextlib.suppress(Exception):
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=made["domain"])


@pytest.fixture
def browser(cognito: Any, site: dict[str, Any]) -> Iterator[Browser]:
    made = Browser(cognito.base_url, site["domain"])
    yield made
    made.close()


def code_for(browser: Browser, site: dict[str, Any], **extra: str) -> str:
    answer = browser.answer(**authorize_params(site, **extra))
    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(CALLBACK + "?")
    return query_of(answer.headers["location"])["code"]


def endpoint(cognito: Any, site: dict[str, Any], path: str) -> str:
    return f"{cognito.base_url}/{site['domain']}{path}"


# -- authorize --------------------------------------------------------------------------------------------


def test_authorize_sends_the_browser_to_login_with_the_same_parameters(browser: Browser, site: dict[str, Any]) -> None:
    answer = browser.authorize(**authorize_params(site, state="s1", scope="openid email"))
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert urlsplit(location).path == f"/{site['domain']}/login"
    assert query_of(location) == authorize_params(site, state="s1", scope="openid email")


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://localhost:8976/callback/evil",  # the registered URL as a prefix
        "http://localhost:8976/callbac",
        "http://localhost:8976/callback?x=1",
        "https://evil.example/callback",
        "",
    ],
)
def test_an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect(
    browser: Browser, site: dict[str, Any], redirect_uri: str
) -> None:
    answer = browser.authorize(**authorize_params(site, redirect_uri=redirect_uri))
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert "redirect_mismatch" in answer.text
    assert answer.headers["x-frame-options"] == "DENY"


def test_unknown_or_foreign_client_gets_an_error_page(browser: Browser, site: dict[str, Any], idp: Any) -> None:
    answer = browser.authorize(**authorize_params(site, client_id="nosuchclient0000000000000"))
    assert answer.status_code == 400 and "location" not in answer.headers
    other = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    try:
        foreign = idp.create_user_pool_client(UserPoolId=other, ClientName="x", CallbackURLs=[CALLBACK])
        answer = browser.authorize(**authorize_params(site, client_id=foreign["UserPoolClient"]["ClientId"]))
        assert answer.status_code == 400 and "location" not in answer.headers
    finally:
        idp.delete_user_pool(UserPoolId=other)


def test_an_unknown_domain_is_not_found(browser: Browser, site: dict[str, Any], cognito: Any) -> None:
    answer = httpx.get(f"{cognito.base_url}/nosuchdomain/oauth2/authorize", params=authorize_params(site))
    assert answer.status_code == 404


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"response_type": ""}, "invalid_request"),
        ({"response_type": "id_token"}, "unsupported_response_type"),
        ({"code_challenge_method": "S512", "code_challenge": "a" * 43}, "invalid_request"),
        ({"code_challenge_method": "S256"}, "invalid_request"),
        ({"code_challenge": "short"}, "invalid_request"),
        ({"scope": "nosuch/scope"}, "invalid_scope"),
        ({"scope": "email"}, "invalid_scope"),
    ],
)
def test_authorize_errors_go_back_to_the_redirect_uri_with_the_state(
    browser: Browser, site: dict[str, Any], extra: dict[str, str], error: str
) -> None:
    answer = browser.authorize(**authorize_params(site, state="keep-me", **extra))
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(CALLBACK + "?")
    assert query_of(location)["error"] == error
    assert query_of(location)["state"] == "keep-me"


def test_a_flow_the_client_does_not_allow_is_unauthorized_client(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    made = make_site(idp, pool["Id"], AllowedOAuthFlows=["code"])
    no_oauth = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="plain", CallbackURLs=[CALLBACK], SupportedIdentityProviders=["COGNITO"]
    )["UserPoolClient"]
    browser = Browser(cognito.base_url, made["domain"])
    try:
        answer = browser.authorize(**authorize_params(made, response_type="token"))
        assert query_of(answer.headers["location"])["error"] == "unauthorized_client"
        answer = browser.authorize(**authorize_params(made, client_id=no_oauth["ClientId"]))
        assert query_of(answer.headers["location"])["error"] == "unauthorized_client"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=made["domain"])


# -- the code flow and the token endpoint -------------------------------------------------------------------


def test_code_flow_with_pkce_issues_oauth_tokens(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    verifier, challenge = pkce()
    code = code_for(browser, site, state="st", nonce="n-123", code_challenge=challenge, code_challenge_method="S256")
    answer = exchange(cognito.base_url, site, code, code_verifier=verifier)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert set(body) == {"id_token", "access_token", "refresh_token", "expires_in", "token_type"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    id_claims, access = claims(body["id_token"]), claims(body["access_token"])
    assert id_claims["nonce"] == "n-123" and "at_hash" in id_claims
    assert id_claims["aud"] == site["client_id"] and id_claims["cognito:username"] == "alice"
    assert access["version"] == 2
    assert access["scope"] == "openid email profile aws.cognito.signin.user.admin"
    assert access["auth_time"] == id_claims["auth_time"]
    assert "event_id" not in access
    digest = base64.urlsafe_b64encode(hashlib.sha256(body["access_token"].encode()).digest()[:16])
    assert id_claims["at_hash"] == digest.rstrip(b"=").decode()


def test_a_code_is_used_once_and_its_replay_revokes_its_tokens(
    cognito: Any, browser: Browser, site: dict[str, Any]
) -> None:
    code = code_for(browser, site)
    first = exchange(cognito.base_url, site, code)
    assert first.status_code == 200
    info = endpoint(cognito, site, "/oauth2/userInfo")
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    assert httpx.get(info, headers=bearer).status_code == 200
    again = exchange(cognito.base_url, site, code)
    assert again.status_code == 400 and again.json() == {"error": "invalid_grant"}
    assert httpx.get(info, headers=bearer).status_code == 401
    refresh = httpx.post(
        endpoint(cognito, site, "/oauth2/token"),
        data={
            "grant_type": "refresh_token",
            "client_id": site["client_id"],
            "refresh_token": first.json()["refresh_token"],
        },
    )
    assert refresh.json() == {"error": "invalid_grant"}


@pytest.mark.parametrize(
    "extra",
    [
        {"code_verifier": "x" * 43},  # the wrong verifier
        {},  # no verifier
        {"code_verifier": "short"},
    ],
)
def test_a_wrong_or_missing_pkce_verifier_is_invalid_grant_and_burns_the_code(
    cognito: Any, browser: Browser, site: dict[str, Any], extra: dict[str, str]
) -> None:
    verifier, challenge = pkce()
    code = code_for(browser, site, code_challenge=challenge, code_challenge_method="S256")
    refused = exchange(cognito.base_url, site, code, **extra)
    assert refused.status_code == 400 and refused.json() == {"error": "invalid_grant"}
    assert exchange(cognito.base_url, site, code, code_verifier=verifier).json() == {"error": "invalid_grant"}


def test_plain_pkce(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    verifier = "v" * 50
    code = code_for(browser, site, code_challenge=verifier, code_challenge_method="plain")
    assert exchange(cognito.base_url, site, code, code_verifier=verifier).status_code == 200


def test_tampered_codes_and_redirect_uris_are_invalid_grant(
    cognito: Any, browser: Browser, site: dict[str, Any]
) -> None:
    code = code_for(browser, site)
    assert exchange(cognito.base_url, site, code[:-1] + ("0" if code[-1] != "0" else "1")).json() == {
        "error": "invalid_grant"
    }
    assert exchange(cognito.base_url, site, code, redirect_uri=CALLBACK + "/x").json() == {"error": "invalid_grant"}
    # The code was used by the refused attempt.
    assert exchange(cognito.base_url, site, code).json() == {"error": "invalid_grant"}


def test_an_expired_code_is_invalid_grant(tmp_path: Any) -> None:
    server = start(tmp_path / "clock", "--movable-clock")
    try:
        idp = make_client(server.base_url)
        pool_id = idp.create_user_pool(PoolName="clock")["UserPool"]["Id"]
        made = make_site(idp, pool_id)
        add_user(idp, pool_id)
        browser = Browser(server.base_url, made["domain"])
        code = code_for(browser, made)
        server.advance_clock(301)
        assert exchange(server.base_url, made, code).json() == {"error": "invalid_grant"}
        # The hosted UI session lasts an hour: until then the browser gets codes without signing in.
        fresh = query_of(browser.authorize(**authorize_params(made)).headers["location"])["code"]
        assert exchange(server.base_url, made, fresh).status_code == 200
        server.advance_clock(3601)
        after = browser.authorize(**authorize_params(made))
        assert urlsplit(after.headers["location"]).path.endswith("/login")
        browser.close()
    finally:
        assert server.stop() == 0


def test_token_endpoint_errors(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    url = endpoint(cognito, site, "/oauth2/token")
    assert httpx.post(url, data={"client_id": site["client_id"]}).json() == {"error": "invalid_request"}
    assert httpx.post(url, data={"grant_type": "password", "client_id": site["client_id"]}).json() == {
        "error": "unsupported_grant_type"
    }
    unknown = httpx.post(url, data={"grant_type": "authorization_code", "client_id": "nosuch", "code": "x"})
    assert unknown.status_code == 401 and unknown.json() == {"error": "invalid_client"}
    missing = httpx.post(url, data={"grant_type": "authorization_code", "client_id": site["client_id"]})
    assert missing.json() == {"error": "invalid_request"}
    as_json = httpx.post(url, json={"grant_type": "authorization_code"})
    assert as_json.status_code == 400 and as_json.json() == {"error": "invalid_request"}


def test_a_code_is_only_for_the_client_it_was_issued_to(
    cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]
) -> None:
    other = idp.create_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientName="other",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    code = code_for(browser, site)
    stolen = exchange(cognito.base_url, site, code, client_id=other["ClientId"])
    assert stolen.json() == {"error": "invalid_grant"}


def test_confidential_clients_authenticate_basic_or_post(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    client = idp.create_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientName="confidential",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    confidential = {**site, "client_id": client["ClientId"]}
    browser = Browser(cognito.base_url, site["domain"])
    try:
        url = endpoint(cognito, site, "/oauth2/token")
        code = code_for(browser, confidential)
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK}
        no_secret = httpx.post(url, data={**form, "client_id": client["ClientId"]})
        assert no_secret.status_code == 401 and no_secret.json() == {"error": "invalid_client"}
        wrong = httpx.post(url, data=form, auth=(client["ClientId"], "wrong"))
        assert wrong.status_code == 401 and wrong.json() == {"error": "invalid_client"}
        code = code_for(browser, confidential)
        basic = httpx.post(url, data={**form, "code": code}, auth=(client["ClientId"], client["ClientSecret"]))
        assert basic.status_code == 200, basic.text
        code = code_for(browser, confidential)
        post = httpx.post(
            url,
            data={**form, "code": code, "client_id": client["ClientId"], "client_secret": client["ClientSecret"]},
        )
        assert post.status_code == 200, post.text
        refreshed = httpx.post(
            url,
            data={"grant_type": "refresh_token", "refresh_token": post.json()["refresh_token"]},
            auth=(client["ClientId"], client["ClientSecret"]),
        )
        assert refreshed.status_code == 200 and "refresh_token" not in refreshed.json()
    finally:
        browser.close()


def test_refresh_token_grant(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    tokens = exchange(cognito.base_url, site, code_for(browser, site, scope="openid email")).json()
    url = endpoint(cognito, site, "/oauth2/token")
    answer = httpx.post(
        url,
        data={"grant_type": "refresh_token", "client_id": site["client_id"], "refresh_token": tokens["refresh_token"]},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"id_token", "access_token", "expires_in", "token_type"}
    access = claims(body["access_token"])
    assert access["scope"] == "openid email" and access["version"] == 2
    assert claims(body["id_token"])["auth_time"] == claims(tokens["id_token"])["auth_time"]
    bad = httpx.post(url, data={"grant_type": "refresh_token", "client_id": site["client_id"], "refresh_token": "x.y"})
    assert bad.status_code == 400 and bad.json() == {"error": "invalid_grant"}


def test_client_credentials(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    idp.create_resource_server(
        UserPoolId=site["pool_id"],
        Identifier="https://api.example",
        Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}, {"ScopeName": "write", "ScopeDescription": "w"}],
    )
    machine = idp.create_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientName="machine",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example/read", "https://api.example/write"],
    )["UserPoolClient"]
    url = endpoint(cognito, site, "/oauth2/token")
    auth = (machine["ClientId"], machine["ClientSecret"])
    answer = httpx.post(url, data={"grant_type": "client_credentials", "scope": "https://api.example/read"}, auth=auth)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    token = claims(body["access_token"])
    assert token["scope"] == "https://api.example/read" and token["sub"] == machine["ClientId"]
    every = httpx.post(url, data={"grant_type": "client_credentials"}, auth=auth).json()
    assert claims(every["access_token"])["scope"] == "https://api.example/read https://api.example/write"
    assert httpx.post(
        url, data={"grant_type": "client_credentials", "scope": "https://api.example/x"}, auth=auth
    ).json() == {"error": "invalid_scope"}
    public = httpx.post(url, data={"grant_type": "client_credentials", "client_id": site["client_id"]})
    assert public.status_code == 401 and public.json() == {"error": "invalid_client"}


# -- userInfo and revoke ----------------------------------------------------------------------------------


def test_user_info(cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    tokens = exchange(cognito.base_url, site, code_for(browser, site)).json()
    url = endpoint(cognito, site, "/oauth2/userInfo")
    answer = httpx.get(url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["username"] == "alice" and body["email"] == "alice@example.com"
    assert body["sub"] == claims(tokens["id_token"])["sub"]
    missing = httpx.get(url)
    assert missing.status_code == 400
    assert missing.headers["www-authenticate"].startswith('Bearer error="invalid_request"')
    forged = httpx.get(url, headers={"Authorization": "Bearer abc.def.ghi"})
    assert forged.status_code == 401 and 'error="invalid_token"' in forged.headers["www-authenticate"]
    # A token from the API's own sign-in has no openid scope.
    api_client = idp.create_user_pool_client(
        UserPoolId=site["pool_id"], ClientName="api", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    api = idp.admin_initiate_auth(
        UserPoolId=site["pool_id"],
        ClientId=api_client["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )
    api_token = api["AuthenticationResult"]["AccessToken"]
    assert httpx.get(url, headers={"Authorization": f"Bearer {api_token}"}).status_code == 401
    idp.admin_user_global_sign_out(UserPoolId=site["pool_id"], Username="alice")
    signed_out = httpx.get(url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert signed_out.status_code == 401


def test_revoke(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    tokens = exchange(cognito.base_url, site, code_for(browser, site)).json()
    url = endpoint(cognito, site, "/oauth2/revoke")
    assert httpx.post(url, data={"client_id": site["client_id"]}).json() == {"error": "invalid_request"}
    assert httpx.post(url, data={"client_id": site["client_id"], "token": tokens["access_token"]}).json() == {
        "error": "unsupported_token_type"
    }
    assert httpx.post(url, data={"client_id": "nosuch", "token": tokens["refresh_token"]}).status_code == 401
    revoked = httpx.post(url, data={"client_id": site["client_id"], "token": tokens["refresh_token"]})
    assert revoked.status_code == 200 and revoked.content == b""
    again = httpx.post(url, data={"client_id": site["client_id"], "token": tokens["refresh_token"]})
    assert again.status_code == 200
    info = httpx.get(
        endpoint(cognito, site, "/oauth2/userInfo"), headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert info.status_code == 401
    refresh = httpx.post(
        endpoint(cognito, site, "/oauth2/token"),
        data={"grant_type": "refresh_token", "client_id": site["client_id"], "refresh_token": tokens["refresh_token"]},
    )
    assert refresh.json() == {"error": "invalid_grant"}


# -- implicit flow, sessions, logout ------------------------------------------------------------------------


def test_implicit_flow_returns_tokens_in_the_fragment(browser: Browser, site: dict[str, Any]) -> None:
    answer = browser.sign_in(**authorize_params(site, response_type="token", state="st", nonce="nn"))
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(CALLBACK + "#")
    fragment = fragment_of(location)
    assert set(fragment) == {"id_token", "access_token", "expires_in", "token_type", "state"}
    assert fragment["state"] == "st" and claims(fragment["id_token"])["nonce"] == "nn"


def test_single_sign_on_then_logout(cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    first = browser.sign_in(**authorize_params(site))
    cookie = next(c for c in browser.http.cookies.jar if c.name == "cognito")
    assert cookie.path == f"/{site['domain']}/" and cookie.has_nonstandard_attr("HttpOnly")
    assert "samesite=lax" in first.headers["set-cookie"].lower()
    other = idp.create_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientName="second",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    # Another client of the pool: answered from the session, no page.
    again = browser.authorize(**authorize_params(site, client_id=other["ClientId"], state="two"))
    assert again.status_code == 302 and query_of(again.headers["location"])["state"] == "two"
    code = query_of(again.headers["location"])["code"]
    tokens = exchange(cognito.base_url, {**site, "client_id": other["ClientId"]}, code).json()
    assert claims(tokens["access_token"])["client_id"] == other["ClientId"]
    # prompt=login asks again.
    forced = browser.authorize(**authorize_params(site, prompt="login"))
    assert urlsplit(forced.headers["location"]).path.endswith("/login")
    page = browser.get(forced.headers["location"].split(site["domain"], 1)[1])
    assert page.status_code == 200 and 'name="password"' in page.text
    # An unregistered logout_uri is an error page.
    bad = browser.get("/logout", {"client_id": site["client_id"], "logout_uri": LOGOUT + "x"})
    assert bad.status_code == 400 and "location" not in bad.headers
    out = browser.get("/logout", {"client_id": site["client_id"], "logout_uri": LOGOUT})
    assert out.status_code == 302 and out.headers["location"] == LOGOUT
    after = browser.authorize(**authorize_params(site))
    assert urlsplit(after.headers["location"]).path.endswith("/login")


def test_logout_with_redirect_uri_goes_back_to_login(browser: Browser, site: dict[str, Any]) -> None:
    browser.sign_in(**authorize_params(site))
    out = browser.get("/logout", {**authorize_params(site), "state": "x"})
    assert out.status_code == 302
    assert urlsplit(out.headers["location"]).path == f"/{site['domain']}/login"
    assert query_of(out.headers["location"])["state"] == "x"
    bad = browser.get("/logout", {**authorize_params(site), "redirect_uri": "https://evil.example/"})
    assert bad.status_code == 400 and "location" not in bad.headers


# -- discovery ----------------------------------------------------------------------------------------------


def test_discovery_lists_the_domain_endpoints_only_with_a_domain(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    doc = httpx.get(f"{cognito.base_url}/{site['pool_id']}/.well-known/openid-configuration").json()
    base = f"{cognito.base_url}/{site['domain']}"
    assert doc["authorization_endpoint"] == f"{base}/oauth2/authorize"
    assert doc["token_endpoint"] == f"{base}/oauth2/token"
    assert doc["userinfo_endpoint"] == f"{base}/oauth2/userInfo"
    assert doc["revocation_endpoint"] == f"{base}/oauth2/revoke"
    assert doc["end_session_endpoint"] == f"{base}/logout"
    bare = idp.create_user_pool(PoolName="bare")["UserPool"]["Id"]
    try:
        doc = httpx.get(f"{cognito.base_url}/{bare}/.well-known/openid-configuration").json()
        assert "authorization_endpoint" not in doc and "token_endpoint" not in doc
        assert doc["jwks_uri"].endswith(f"/{bare}/.well-known/jwks.json")
    finally:
        idp.delete_user_pool(UserPoolId=bare)


def test_authlib_completes_a_code_flow_with_pkce_from_the_discovery_document(
    cognito: Any, browser: Browser, site: dict[str, Any]
) -> None:
    import authlib.deprecate  # its import sets its warnings to "always": before the filter below

    with warnings.catch_warnings():  # Authlib announces its next major version's module names
        warnings.simplefilter("ignore", authlib.deprecate.AuthlibDeprecationWarning)
        from authlib.integrations.httpx_client import OAuth2Client
        from authlib.jose import JsonWebKey, jwt
        from authlib.oidc.core import CodeIDToken

    discovery = httpx.get(f"{cognito.base_url}/{site['pool_id']}/.well-known/openid-configuration").json()
    client = OAuth2Client(
        client_id=site["client_id"],
        redirect_uri=CALLBACK,
        scope="openid email",
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )
    verifier = "k" * 64
    url, state = client.create_authorization_url(
        discovery["authorization_endpoint"], code_verifier=verifier, nonce="authlib-nonce"
    )
    login = browser.get(url)
    assert login.status_code == 302
    page = browser.get(login.headers["location"].split(site["domain"], 1)[1])
    answered = browser.post("/login", {**hidden_fields(page.text), "username": "alice", "password": PASSWORD})
    callback = answered.headers["location"]
    assert query_of(callback)["state"] == state
    token = client.fetch_token(discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier)
    keys = JsonWebKey.import_key_set(httpx.get(discovery["jwks_uri"]).json())
    id_token = jwt.decode(
        token["id_token"],
        keys,
        claims_cls=CodeIDToken,
        claims_options={"iss": {"values": [discovery["issuer"]]}},
        claims_params={"nonce": "authlib-nonce", "client_id": site["client_id"], "access_token": token["access_token"]},
    )
    id_token.validate()
    assert id_token["cognito:username"] == "alice"
    info = client.get(discovery["userinfo_endpoint"])
    assert info.json()["email"] == "alice@example.com"
    client.close()


def test_the_domains_own_host_name_answers_at_the_root(cognito: Any, site: dict[str, Any]) -> None:
    host = f"{site['domain']}.auth.us-east-1.amazoncognito.com"
    port = urlsplit(cognito.base_url).port
    with httpx.Client(base_url=cognito.base_url, headers={"Host": f"{host}:{port}"}) as client:
        answer = client.get("/oauth2/authorize", params=authorize_params(site, state="root"))
        assert answer.status_code == 302 and answer.headers["location"].startswith("/login?")
        page = client.get(answer.headers["location"])
        assert page.status_code == 200 and 'action="/login"' in page.text
        assert "path=/;" in page.headers["set-cookie"].lower()
        signed_in = client.post("/login", data={**hidden_fields(page.text), "username": "alice", "password": PASSWORD})
        assert query_of(signed_in.headers["location"])["state"] == "root"
        assert "path=/;" in signed_in.headers["set-cookie"].lower()
        tokens = client.post(
            "/oauth2/token",
            data={
                "grant_type": "authorization_code",
                "client_id": site["client_id"],
                "code": query_of(signed_in.headers["location"])["code"],
                "redirect_uri": CALLBACK,
            },
        )
        assert tokens.status_code == 200, tokens.text
    # A name that is no pool's domain is not answered, and a foreign host name not at all.
    other = httpx.get(
        f"{cognito.base_url}/login", headers={"Host": f"nosuchdomain.auth.us-east-1.amazoncognito.com:{port}"}
    )
    assert other.status_code == 404
    foreign = httpx.get(f"{cognito.base_url}/login", headers={"Host": "evil.example"})
    assert foreign.status_code == 403


def test_malformed_requests_get_4xx_never_5xx(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    base = f"{cognito.base_url}/{site['domain']}"
    page = browser.login_page(**authorize_params(site))
    fields = hidden_fields(page.text)
    answers = [
        httpx.get(f"{base}/oauth2/authorize?client_id=%ff%fe&redirect_uri=%c3%28"),
        httpx.get(f"{base}/oauth2/authorize", params={**authorize_params(site), "state": "s" * 5000}),
        httpx.get(f"{base}/login?client_id=a&client_id=b"),
        browser.post("/login", {**fields, "username": "\x00" * 300, "password": "p" * 10_000}),
        browser.http.post(
            f"{base}/login", content=b"\xff\xfe=\xff", headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        browser.http.post(f"{base}/login", content=b"{}", headers={"Content-Type": "application/json"}),
        browser.http.post(f"{base}/mfa", data={**fields, "state": "garbage"}),
        browser.http.post(f"{base}/forceChangePassword", data={**fields, "state": ""}),
        browser.http.post(f"{base}/confirmUser", data={**fields, "state": "x", "code": "1"}),
        httpx.post(
            f"{base}/oauth2/token", content=b"x" * 70_000, headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        httpx.post(
            f"{base}/oauth2/token", data={"grant_type": "authorization_code"}, headers={"Authorization": "Basic !!!"}
        ),
        httpx.post(
            f"{base}/oauth2/token",
            data={"grant_type": "refresh_token", "client_id": site["client_id"], "refresh_token": "a.b.c.d.e"},
        ),
        httpx.get(f"{base}/oauth2/userInfo", headers={"Authorization": "Bearer " + "a" * 20_000}),
        httpx.post(f"{base}/oauth2/revoke", data={"token": "x"}, headers={"Authorization": "Basic Og=="}),
        httpx.get(f"{base}/logout"),
        httpx.get(f"{base}/confirmUser", params={**authorize_params(site), "username": "x" * 5000}),
    ]
    for answer in answers:
        assert 400 <= answer.status_code < 500, (answer.request.url, answer.status_code, answer.text[:200])


def test_custom_scopes_of_resource_servers_in_the_code_flow(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    idp.create_resource_server(
        UserPoolId=pool["Id"],
        Identifier="orders",
        Name="orders",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}],
    )
    made = make_site(idp, pool["Id"], AllowedOAuthScopes=["openid", "orders/read"])
    add_user(idp, pool["Id"])
    browser = Browser(cognito.base_url, made["domain"])
    try:
        code = code_for(browser, made, scope="orders/read openid profile")
        access = claims(exchange(cognito.base_url, made, code).json()["access_token"])
        # profile is not the client's: left out, as AWS leaves out scopes the client does not have.
        assert access["scope"] == "orders/read openid"
        every = claims(exchange(cognito.base_url, made, code_for(browser, made)).json()["access_token"])
        assert every["scope"] == "openid orders/read"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=made["domain"])


def test_without_openid_there_is_no_id_token_and_no_user_info(
    cognito: Any, browser: Browser, site: dict[str, Any]
) -> None:
    tokens = exchange(cognito.base_url, site, code_for(browser, site, scope="aws.cognito.signin.user.admin")).json()
    assert "id_token" not in tokens and claims(tokens["access_token"])["scope"] == "aws.cognito.signin.user.admin"
    refreshed = httpx.post(
        endpoint(cognito, site, "/oauth2/token"),
        data={"grant_type": "refresh_token", "client_id": site["client_id"], "refresh_token": tokens["refresh_token"]},
    ).json()
    assert set(refreshed) == {"access_token", "expires_in", "token_type"}
    info = httpx.get(
        endpoint(cognito, site, "/oauth2/userInfo"), headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert info.status_code == 401


def test_signing_in_again_replaces_the_session(cognito: Any, browser: Browser, site: dict[str, Any]) -> None:
    code_for(browser, site)
    first = browser.http.cookies.get("cognito")
    stale = Browser(cognito.base_url, site["domain"])
    try:
        stale.http.cookies.set("cognito", first or "", path=f"/{site['domain']}/")
        again = browser.sign_in(**authorize_params(site, prompt="login"))
        assert again.status_code == 302
        assert browser.http.cookies.get("cognito") != first
        # The old cookie no longer signs anybody in.
        answer = stale.authorize(**authorize_params(site))
        assert urlsplit(answer.headers["location"]).path.endswith("/login")
    finally:
        stale.close()


def test_a_custom_domain_answers_at_its_name(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    name = f"auth.{uuid.uuid4().hex[:8]}.example.com"
    idp.create_user_pool_domain(
        UserPoolId=pool["Id"],
        Domain=name,
        CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:000000000000:certificate/abc"},
    )
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="web",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    add_user(idp, pool["Id"])
    made = {"pool_id": pool["Id"], "domain": name, "client_id": client["ClientId"]}
    browser = Browser(cognito.base_url, name)
    try:
        code = code_for(browser, made)
        assert exchange(cognito.base_url, made, code).status_code == 200
        doc = httpx.get(f"{cognito.base_url}/{pool['Id']}/.well-known/openid-configuration").json()
        assert doc["token_endpoint"] == f"{cognito.base_url}/{name}/oauth2/token"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)


def test_revoke_with_revocation_disabled_is_invalid_request(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    client = idp.create_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientName="norevoke",
        EnableTokenRevocation=False,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    made = {**site, "client_id": client["ClientId"]}
    browser = Browser(cognito.base_url, site["domain"])
    try:
        tokens = exchange(cognito.base_url, made, code_for(browser, made)).json()
    finally:
        browser.close()
    assert "jti" not in claims(tokens["access_token"])
    refused = httpx.post(
        endpoint(cognito, site, "/oauth2/revoke"),
        data={"client_id": client["ClientId"], "token": tokens["refresh_token"]},
    )
    assert refused.status_code == 400 and refused.json() == {"error": "invalid_request"}
