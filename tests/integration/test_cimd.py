"""Client ID metadata documents: the CIMD policy operations, and OAuth clients whose client_id is a URL."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.hosted_ui_support import Browser, add_user, claims, pkce, query_of
from tests.localcognito import LocalCognito, start

REDIRECT = "http://localhost:8976/cimd-callback"


class _Documents(BaseHTTPRequestHandler):
    """Serves whatever the test put in ``served`` at each path."""

    served: ClassVar[dict[str, bytes]] = {}
    hits: ClassVar[dict[str, int]] = {}
    extra_headers: ClassVar[dict[str, dict[str, str]]] = {}

    def do_GET(self) -> None:
        body = self.served.get(self.path)
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.extra_headers.get(self.path, {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def documents() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Documents)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    server = start(tmp_path_factory.mktemp("cimd"), "--http-metadata-urls")
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def api(local: LocalCognito) -> Any:
    return make_client(local.base_url)


def _serve(path: str, doc: dict[str, Any] | bytes) -> None:
    _Documents.served[path] = doc if isinstance(doc, bytes) else json.dumps(doc).encode()


def _document(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "client_id": url,
        "client_name": "An MCP client",
        "redirect_uris": [REDIRECT],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        **extra,
    }


def _pool(api: Any, documents: str) -> dict[str, Any]:
    pool_id = api.create_user_pool(PoolName=f"cimd-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    domain = f"cimd{uuid.uuid4().hex[:10]}"
    api.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    app = api.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="agents",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=["https://app.example.com/cb"],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    port = documents.rsplit(":", 1)[1]
    policy = api.create_cimd_policy(
        UserPoolId=pool_id,
        ClientId=app["ClientId"],
        PolicyName="local agents",
        URLPatterns=[f"https://127.0.0.1:{port}/{domain}/*"],
    )["CIMDPolicy"]
    add_user(api, pool_id, "alice")
    return {"pool_id": pool_id, "domain": domain, "app": app, "policy": policy}


def _error(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_policy_operations(api: Any, documents: str) -> None:
    p = _pool(api, documents)
    pool_id, policy = p["pool_id"], p["policy"]
    assert policy["ClientId"] == p["app"]["ClientId"]
    assert policy["CacheDuration"] == 86400
    assert policy["PolicyName"] == "local agents"
    assert policy["CIMDPolicyId"].isalnum() and policy["CIMDPolicyId"].islower()
    described = api.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy["CIMDPolicyId"])["CIMDPolicy"]
    assert described["URLPatterns"] == policy["URLPatterns"]
    second = api.create_cimd_policy(
        UserPoolId=pool_id,
        ClientId=p["app"]["ClientId"],
        PolicyName="second",
        CacheDuration=172800,
        URLPatterns=["https://*.example.com/client.json"],
    )["CIMDPolicy"]
    page = api.list_cimd_policies(UserPoolId=pool_id, MaxResults=1)
    assert len(page["CIMDPolicies"]) == 1 and "NextToken" in page
    rest = api.list_cimd_policies(UserPoolId=pool_id, MaxResults=1, NextToken=page["NextToken"])
    ids = [x["CIMDPolicyId"] for x in page["CIMDPolicies"] + rest["CIMDPolicies"]]
    assert ids == [policy["CIMDPolicyId"], second["CIMDPolicyId"]]
    updated = api.update_cimd_policy(
        UserPoolId=pool_id,
        CIMDPolicyId=second["CIMDPolicyId"],
        ClientId=p["app"]["ClientId"],
        PolicyName="renamed",
        URLPatterns=["https://agents.example.com/*"],
    )["CIMDPolicy"]
    assert updated["PolicyName"] == "renamed" and updated["CacheDuration"] == 86400
    assert updated["URLPatterns"] == ["https://agents.example.com/*"]
    api.delete_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=second["CIMDPolicyId"])
    code, _ = _error(lambda: api.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=second["CIMDPolicyId"]))
    assert code == "ResourceNotFoundException"
    # The policy outlives its app client, which it then no longer names.
    api.delete_user_pool_client(UserPoolId=pool_id, ClientId=p["app"]["ClientId"])
    orphan = api.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy["CIMDPolicyId"])["CIMDPolicy"]
    assert "ClientId" not in orphan


def test_policy_bad_input(api: Any, documents: str) -> None:
    p = _pool(api, documents)
    pool_id, client_id = p["pool_id"], p["app"]["ClientId"]

    def create(**kw: Any) -> Any:
        args = {
            "UserPoolId": pool_id,
            "ClientId": client_id,
            "PolicyName": "p",
            "URLPatterns": ["https://a.example.com/x"],
            **kw,
        }
        return lambda: api.create_cimd_policy(**args)

    assert _error(create(ClientId="nosuchclient0000000000000a"))[0] == "ResourceNotFoundException"
    assert _error(create(UserPoolId="us-east-1_NoSuchPoo"))[0] == "ResourceNotFoundException"
    assert _error(create(URLPatterns=["http://a.example.com/x"]))[0] == "InvalidParameterException"
    assert _error(create(URLPatterns=["https://a.example.com/x#frag"]))[0] == "InvalidParameterException"
    assert _error(create(URLPatterns=[f"https://a.example.com/{i}" for i in range(6)]))[0] == (
        "InvalidParameterException"
    )
    assert _error(create(CacheDuration=40000000))[0] == "InvalidParameterException"
    assert _error(create(PolicyName="x" * 33))[0] == "InvalidParameterException"
    assert _error(lambda: api.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId="nosuch"))[0] == (
        "ResourceNotFoundException"
    )
    code, _ = _error(
        lambda: api.update_client_metadata_url_state(
            UserPoolId=pool_id,
            CIMDPolicyId=p["policy"]["CIMDPolicyId"],
            URL="https://never.example.com/client.json",
            Action="REFRESH",
        )
    )
    assert code == "CachedCIMDURLDoesNotExistException"
    lite = api.create_user_pool(PoolName="lite", UserPoolTier="LITE")["UserPool"]["Id"]
    lite_client = api.create_user_pool_client(UserPoolId=lite, ClientName="c")["UserPoolClient"]["ClientId"]
    code, _ = _error(create(UserPoolId=lite, ClientId=lite_client))
    assert code == "FeatureUnavailableInTierException"


def _authorize(local: LocalCognito, p: dict[str, Any], url: str, **extra: str) -> tuple[Browser, httpx.Response]:
    browser = Browser(local.base_url, p["domain"])
    params = {"client_id": url, "response_type": "code", "redirect_uri": REDIRECT, "scope": "openid", **extra}
    return browser, browser.authorize(**params)


def test_a_metadata_url_client_signs_a_user_in(local: LocalCognito, api: Any, documents: str) -> None:
    p = _pool(api, documents)
    url = f"{documents}/{p['domain']}/client.json"
    _serve(f"/{p['domain']}/client.json", _document(url))
    verifier, challenge = pkce()
    browser, answer = _authorize(local, p, url, code_challenge=challenge, code_challenge_method="S256", state="s1")
    try:
        assert answer.status_code == 302, answer.text
        page = browser.follow(answer.headers["location"])
        assert page.status_code == 200, page.text
        signed_in = browser.submit(page, "/login", username="alice", password="Passw0rd!long")
        assert signed_in.status_code == 302, signed_in.text
        location = signed_in.headers["location"]
        assert location.startswith(REDIRECT)
        query = query_of(location)
        assert query["state"] == "s1"
        token_url = f"{local.base_url}/{p['domain']}/oauth2/token"
        form = {
            "grant_type": "authorization_code",
            "client_id": url,
            "code": query["code"],
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        }
        r = httpx.post(token_url, data=form)
        assert r.status_code == 200, r.text
        tokens = r.json()
        assert claims(tokens["id_token"])["aud"] == p["app"]["ClientId"]
        assert claims(tokens["access_token"])["scope"] == "openid"
        refreshed = httpx.post(
            token_url, data={"grant_type": "refresh_token", "client_id": url, "refresh_token": tokens["refresh_token"]}
        )
        assert refreshed.status_code == 200, refreshed.text
        # A CIMD client is public: a secret is refused.
        bad = httpx.post(token_url, data={**form, "client_secret": "x" * 40})
        assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    finally:
        browser.close()
    # The document is cached: listed, fetched once, refreshed and invalidated on request.
    policy_id = p["policy"]["CIMDPolicyId"]
    listed = api.list_client_metadata_urls(UserPoolId=p["pool_id"], CIMDPolicyId=policy_id)["ClientMetadataURLs"]
    assert [u["URL"] for u in listed] == [url]
    assert (listed[0]["ExpirationDate"] - listed[0]["CachedDate"]).total_seconds() == pytest.approx(86400, abs=1)
    assert _Documents.hits[f"/{p['domain']}/client.json"] == 1
    https_form = "https://" + url.removeprefix("http://")
    api.update_client_metadata_url_state(
        UserPoolId=p["pool_id"], CIMDPolicyId=policy_id, URL=https_form, Action="REFRESH"
    )
    assert _Documents.hits[f"/{p['domain']}/client.json"] == 2
    api.update_client_metadata_url_state(
        UserPoolId=p["pool_id"], CIMDPolicyId=policy_id, URL=https_form, Action="INVALIDATE"
    )
    assert api.list_client_metadata_urls(UserPoolId=p["pool_id"], CIMDPolicyId=policy_id)["ClientMetadataURLs"] == []


@pytest.mark.parametrize(
    "case",
    [
        "wrong_client_id",
        "not_json",
        "nested_too_deep",
        "lone_surrogate",
        "too_large",
        "unreachable",
        "secret_client",
        "no_redirects",
        "no_policy",
    ],
)
def test_bad_documents_are_refused_and_nothing_is_kept(
    local: LocalCognito, api: Any, documents: str, case: str
) -> None:
    p = _pool(api, documents)
    path = f"/{p['domain']}/client.json"
    url = f"{documents}{path}"
    if case == "wrong_client_id":
        _serve(path, _document("https://elsewhere.example.com/client.json"))
    elif case == "not_json":
        _serve(path, b"<html>not json</html>")
    elif case == "nested_too_deep":
        _serve(path, b"[" * 5000)
    elif case == "lone_surrogate":
        _serve(path, _document(url, client_name="\ud800"))
    elif case == "too_large":
        _serve(path, _document(url, client_name="x" * 6000))
    elif case == "unreachable":
        url = f"{documents}/{p['domain']}/missing.json"
    elif case == "secret_client":
        _serve(path, _document(url, token_endpoint_auth_method="client_secret_basic"))
    elif case == "no_redirects":
        _serve(path, _document(url, redirect_uris=[]))
    else:
        url = f"{documents}/not-{p['domain']}/client.json"
        _serve(f"/not-{p['domain']}/client.json", _document(url))
    browser, answer = _authorize(local, p, url)
    try:
        assert answer.status_code == 400, answer.text
        assert "location" not in answer.headers
    finally:
        browser.close()
    token = httpx.post(
        f"{local.base_url}/{p['domain']}/oauth2/token",
        data={"grant_type": "authorization_code", "client_id": url, "code": "x", "redirect_uri": REDIRECT},
    )
    assert token.status_code == 401 and token.json()["error"] == "invalid_client"
    listed = api.list_client_metadata_urls(UserPoolId=p["pool_id"], CIMDPolicyId=p["policy"]["CIMDPolicyId"])
    assert listed["ClientMetadataURLs"] == []


def test_redirect_uri_must_be_in_the_document(local: LocalCognito, api: Any, documents: str) -> None:
    p = _pool(api, documents)
    url = f"{documents}/{p['domain']}/client.json"
    _serve(f"/{p['domain']}/client.json", _document(url))
    browser = Browser(local.base_url, p["domain"])
    try:
        # The app client's own callback URL is not the CIMD client's.
        answer = browser.authorize(client_id=url, response_type="code", redirect_uri="https://app.example.com/cb")
        assert answer.status_code == 400 and "redirect_mismatch" in answer.text
    finally:
        browser.close()


def test_http_metadata_urls_need_the_server_option(cognito: LocalCognito, idp: Any, documents: str) -> None:
    p = _pool(idp, documents)
    url = f"{documents}/{p['domain']}/client.json"
    _serve(f"/{p['domain']}/client.json", _document(url))
    browser, answer = _authorize(cognito, p, url)
    try:
        assert answer.status_code == 400
    finally:
        browser.close()
    assert _Documents.hits.get(f"/{p['domain']}/client.json") is None


@pytest.mark.parametrize(("max_age", "cached_for"), [(172800, 172800), (60, 86400), (None, 86400)])
def test_cache_control_max_age_within_a_day_and_a_year_wins(
    local: LocalCognito, api: Any, documents: str, max_age: int | None, cached_for: int
) -> None:
    p = _pool(api, documents)
    path = f"/{p['domain']}/client.json"
    url = f"{documents}{path}"
    _serve(path, _document(url))
    if max_age is not None:
        _Documents.extra_headers[path] = {"Cache-Control": f"public, max-age={max_age}"}
    browser, answer = _authorize(local, p, url)
    browser.close()
    assert answer.status_code == 302, answer.text
    listed = api.list_client_metadata_urls(UserPoolId=p["pool_id"], CIMDPolicyId=p["policy"]["CIMDPolicyId"])
    entry = listed["ClientMetadataURLs"][0]
    assert (entry["ExpirationDate"] - entry["CachedDate"]).total_seconds() == pytest.approx(cached_for, abs=1)


def test_discovery_says_metadata_url_clients_are_accepted(local: LocalCognito, api: Any, documents: str) -> None:
    p = _pool(api, documents)
    doc = httpx.get(f"{local.base_url}/{p['pool_id']}/.well-known/openid-configuration").json()
    assert doc["client_id_metadata_document_supported"] is True
    api.delete_cimd_policy(UserPoolId=p["pool_id"], CIMDPolicyId=p["policy"]["CIMDPolicyId"])
    doc = httpx.get(f"{local.base_url}/{p['pool_id']}/.well-known/openid-configuration").json()
    assert "client_id_metadata_document_supported" not in doc
