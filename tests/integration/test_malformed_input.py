"""Malformed input answers AWS-shaped 4xx, never a 500: a SyncTrigger function's odd answers, identity pools'
malformed SAML responses and social logins, the hosted UI's lang and acr_values, JSON nested past the parser
or holding lone surrogates, unreadable URLs, and step-up requests that must not skip a factor."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests import fake_lambda
from tests.conftest import make_client
from tests.fake_lambda import FakeLambda, Garbage
from tests.integration.test_sync import error_of, identity_session, put, replace
from tests.localcognito import LocalCognito, start

ARN = "arn:aws:lambda:us-east-1:000000000000:function:sync-trigger"


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    running = start(Path(tmp_path_factory.mktemp("malformed")), "--ephemeral", "--lambda-endpoint", lam.endpoint)
    yield running
    assert running.stop() == 0


@pytest.fixture
def trigger_pool(server: LocalCognito, lam: FakeLambda) -> tuple[Any, str]:
    lam.reset()
    identity = make_client(server.base_url, "cognito-identity")
    sync = make_client(server.base_url, "cognito-sync")
    pool_id = identity.create_identity_pool(
        IdentityPoolName=f"rev{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=True
    )["IdentityPoolId"]
    sync.set_cognito_events(IdentityPoolId=pool_id, Events={"SyncTrigger": ARN})
    return identity, pool_id


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested-beyond-recursion"),
        pytest.param(b'{"datasetRecords": {"k": {"op": "replace", "newValue": "\\ud800"}}}', id="lone-surrogate-value"),
        pytest.param(b'{"datasetRecords": {"\\udfff": {"op": "remove"}}}', id="lone-surrogate-key"),
        pytest.param(
            b'{"datasetRecords": {"k": {"op": "replace", "newValue": "' + b"x" * 2_000_000 + b'"}}}', id="huge"
        ),
        pytest.param(b'{"datasetRecords": {"' + b"k" * 5000 + b'": {"op": "remove"}}}', id="long-key"),
        pytest.param(b"NaN", id="nan"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
def test_an_odd_sync_trigger_answer_is_a_4xx(
    server: LocalCognito, lam: FakeLambda, trigger_pool: tuple[Any, str], body: bytes
) -> None:
    identity, pool_id = trigger_pool
    identity_id, sync = identity_session(server, identity, pool_id)
    lam.script("sync-trigger", Garbage(body))
    try:
        put(sync, pool_id, identity_id, "game", replace("level", "1"))
    except ClientError as err:
        code, status, _message = error_of(pytest.ExceptionInfo.from_exc_info((type(err), err, err.__traceback__)))
        assert 400 <= status < 500, (code, status)


# -- identity pools' SAML logins --------------------------------------------------------------------------


def _b64(text: str | bytes) -> str:
    return base64.b64encode(text.encode() if isinstance(text, str) else text).decode()


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><samlp:Response '
    'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol3;</samlp:Response>'
)
_XXE = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>'
)
_BARE = (
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
    'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Assertion ID="a"/></samlp:Response>'
)


@pytest.mark.parametrize(
    "value",
    [
        "!!!not base64",
        _b64("<not xml"),
        _b64(b"\xff\xfe\x00<"),
        _b64(_LAUGHS),
        _b64(_XXE),
        _b64(_BARE),
        _b64("<a>" * 10_000 + "</a>" * 10_000),
        _b64("<x:Response xmlns:x='urn:oasis:names:tc:SAML:2.0:protocol'/>"),
        "A" * 60_000,
    ],
    ids=["not-base64", "not-xml", "binary", "laughs", "xxe", "unsigned", "deep", "empty-response", "long"],
)
def test_a_malformed_saml_login_is_not_authorized(server: LocalCognito, value: str) -> None:
    from tests.integration.saml_idp import IDP_KEY, metadata

    iam = make_client(server.base_url, "iam")
    ci = make_client(server.base_url, "cognito-identity")
    provider = iam.create_saml_provider(Name=f"rev-{uuid.uuid4().hex[:8]}", SAMLMetadataDocument=metadata(IDP_KEY))[
        "SAMLProviderArn"
    ]
    pool_id = ci.create_identity_pool(
        IdentityPoolName=f"rev{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=False, SamlProviderARNs=[provider]
    )["IdentityPoolId"]
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=pool_id, Logins={provider: value})
    code, status, _message = error_of(exc)
    assert 400 <= status < 500, (code, status)


# -- the hosted UI's lang and acr_values ------------------------------------------------------------------

_ODD = [
    "x" * 5000,
    "urn:cognito:loa:1 " * 400,
    "\u0000",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "urn:cognito:loa:99999999999999999999999",
    "urn:cognito:loa:-1",
    "urn:cognito:loa:1e309",
    "zh-Hant-TW-x-" + "a" * 300,
    "de\r\nSet-Cookie: a=b",
    "%",
    " ",
]


@pytest.mark.parametrize("value", _ODD, ids=[f"odd{i}" for i in range(len(_ODD))])
def test_odd_lang_and_acr_values_never_give_a_500(cognito: Any, idp: Any, value: str) -> None:
    from tests.integration.hosted_ui_support import PASSWORD, Browser, authorize_params, hidden_fields
    from tests.integration.test_hosted_ui_pages_localization import managed_site

    made = managed_site(idp)
    browser = Browser(cognito.base_url, made["domain"])
    try:
        for params in ({"lang": value}, {"acr_values": value}, {"lang": value, "acr_values": value}):
            answer = browser.authorize(**authorize_params(made, **params))
            assert answer.status_code < 500, (params, answer.status_code, answer.text[:500])
            assert value not in answer.text or "<" not in value, "reflected unescaped"
            if answer.status_code == 302 and "/login" in answer.headers["location"]:
                page = browser.follow(answer.headers["location"])
                assert page.status_code < 500, (params, page.status_code, page.text[:500])
                assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
                done = browser.post("/login", {**hidden_fields(page.text), "username": "alice", "password": PASSWORD})
                assert done.status_code < 500, (params, done.status_code, done.text[:500])
        # With the browser's session: the step-up path.
        again = browser.authorize(**authorize_params(made, acr_values=value, lang=value))
        assert again.status_code < 500, (again.status_code, again.text[:500])
        for path in ("/login", "/signup", "/forgotPassword", "/logout", "/mfa", "/managed-login/assets"):
            page = browser.get(path, {"client_id": made["client_id"], "lang": value, "redirect_uri": value})
            assert page.status_code < 500, (path, page.status_code, page.text[:500])
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=made["pool_id"])


@pytest.mark.parametrize("value", ["x" * 3000, "\ud800", "urn:cognito:loa:1e309", " ", ",", "urn:cognito:loa:1," * 300])
@pytest.mark.parametrize("max_age", [None, "abc", "-1", "1e309", "99999999999999999999999", "nan"])
def test_odd_target_acr_values_and_max_age_are_a_4xx(idp: Any, pool: dict[str, Any], value: str, max_age: Any) -> None:
    client_id = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="c", ExplicitAuthFlows=["ALLOW_USER_AUTH"]
    )["UserPoolClient"]["ClientId"]
    params = {"USERNAME": "nobody", "TARGET_ACR_VALUES": value}
    if max_age is not None:
        params["MAX_AGE"] = max_age
    try:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters=params)
    except ClientError as err:
        status = err.response["ResponseMetadata"]["HTTPStatusCode"]
        assert 400 <= status < 500, err.response["Error"]


# -- a lone surrogate (a JSON \ud800 escape) in a request ------------------------------------------------


def _raw_json(server: LocalCognito, target: str, body: bytes) -> Any:
    import httpx

    return httpx.post(
        server.base_url,
        content=body,
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{target}",
            "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/cognito-idp/aws4_request, "
            "SignedHeaders=host, Signature=0",
        },
        timeout=20,
    )


def test_a_lone_surrogate_in_a_json_request_is_a_4xx(server: LocalCognito) -> None:
    idp = make_client(server.base_url)
    pool_id = idp.create_user_pool(PoolName=f"rev{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    created = _raw_json(
        server,
        "AdminCreateUser",
        b'{"UserPoolId":"%s","Username":"bob","UserAttributes":[{"Name":"name","Value":"\\ud800"}]}' % pool_id.encode(),
    )
    assert 400 <= created.status_code < 500, created.text
    signed_in = _raw_json(
        server,
        "InitiateAuth",
        b'{"ClientId":"%s","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"\\ud800","PASSWORD":"x"}}'
        % client_id.encode(),
    )
    assert 400 <= signed_in.status_code < 500, signed_in.text


@pytest.mark.parametrize("query", ["lang=%ED%A0%80", "lang=%FF%FE", "acr_values=%ED%A0%80", "acr_values=%00"])
def test_undecodable_lang_and_acr_values_in_the_query_are_not_a_500(cognito: Any, idp: Any, query: str) -> None:
    import httpx

    from tests.integration.hosted_ui_support import authorize_params
    from tests.integration.test_hosted_ui_pages_localization import managed_site

    made = managed_site(idp)
    try:
        base = f"{cognito.base_url}/{made['domain']}"
        params = "&".join(f"{k}={v}" for k, v in authorize_params(made).items())
        answer = httpx.get(f"{base}/oauth2/authorize?{params}&{query}", timeout=20)
        assert answer.status_code < 500, answer.text[:300]
        login = httpx.get(f"{base}/login?{params}&{query}", timeout=20)
        assert login.status_code < 500, login.text[:300]
    finally:
        idp.delete_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=made["pool_id"])


# -- hosted UI step-up from a session that may not answer ---------------------------------------------------


def test_step_up_from_a_session_older_than_max_age_asks_for_the_password(cognito: Any, idp: Any) -> None:
    """max_age=0 asks for a fresh sign-in: the browser's old session may not stand in for the password,
    even when acr_values also ask for a factor it lacks (login.py's step-up path)."""
    from tests.integration.hosted_ui_support import Browser, add_user, authorize_params, make_site
    from tests.integration.test_acr import _authenticator, _code

    pool_id = idp.create_user_pool(PoolName=f"rev-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id, "alice")
    _authenticator(idp, pool_id, enabled=False)
    browser = Browser(cognito.base_url, made["domain"])
    try:
        _code(browser.sign_in(**authorize_params(made, acr_values="urn:cognito:loa:1")))
        asked = browser.authorize(**authorize_params(made, max_age="0", acr_values="urn:cognito:loa:3"))
        assert asked.status_code == 302 and "/login?" in asked.headers["location"]
        page = browser.follow(asked.headers["location"])
        assert 'name="password"' in page.text, "the old session skipped the password"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=pool_id)


def test_step_up_for_a_client_that_never_reuses_sessions_asks_for_the_password(cognito: Any, idp: Any) -> None:
    from tests.integration.hosted_ui_support import Browser, add_user, authorize_params, make_site
    from tests.integration.test_acr import _authenticator, _code

    pool_id = idp.create_user_pool(PoolName=f"rev-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id, "alice")
    _authenticator(idp, pool_id, enabled=False)
    settings = {k: v for k, v in made["client"].items() if k not in ("ClientId", "CreationDate", "LastModifiedDate")}
    other = idp.create_user_pool_client(**settings)["UserPoolClient"]["ClientId"]
    idp.set_user_pool_session_configuration(
        UserPoolId=pool_id, UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": 20}
    )
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool_id, ClientId=other, SSOSession={"MaxValidityMinutes": 0}
    )
    browser = Browser(cognito.base_url, made["domain"])
    try:
        _code(browser.sign_in(**authorize_params(made, acr_values="urn:cognito:loa:1")))
        asked = browser.authorize(**{**authorize_params(made, acr_values="urn:cognito:loa:3"), "client_id": other})
        assert asked.status_code == 302 and "/login?" in asked.headers["location"]
        page = browser.follow(asked.headers["location"])
        assert 'name="password"' in page.text, "a session the client may not reuse skipped the password"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=pool_id)


# -- dynamic client registration ----------------------------------------------------------------------------

_REGISTRATIONS = [
    b"[" * 30_000 + b"]" * 30_000,
    b'{"redirect_uris": ["http://[::1"]}',
    b'{"redirect_uris": ["https://[zz]/cb"]}',
    b'{"redirect_uris": ["https://example.com:99999/cb"]}',
    b'{"client_name": "\\ud800", "redirect_uris": ["https://example.com/cb"]}',
    b'{"redirect_uris": ["https://example.com/\\ud800"]}',
    b'{"scope": 5, "redirect_uris": ["https://example.com/cb"]}',
    b'{"scope": "\\ud800", "redirect_uris": ["https://example.com/cb"]}',
    b'{"grant_types": "authorization_code", "redirect_uris": ["https://example.com/cb"]}',
    b'{"grant_types": [null], "response_types": [1]}',
    b'{"token_endpoint_auth_method": ["none"]}',
    b'{"client_name": ["a"], "redirect_uris": ["https://example.com/cb"]}',
    b'{"client_name": "' + b"n" * 5000 + b'", "redirect_uris": ["https://example.com/cb"]}',
    b'{"logo_uri": "\\u0000", "client_uri": {}, "redirect_uris": ["https://example.com/cb"]}',
]


@pytest.mark.parametrize("body", _REGISTRATIONS, ids=[f"dcr{i}" for i in range(len(_REGISTRATIONS))])
def test_odd_client_metadata_is_a_4xx(cognito: Any, idp: Any, body: bytes) -> None:
    import httpx

    pool_id = idp.create_user_pool(PoolName=f"rev-{uuid.uuid4().hex[:6]}", DcrConfiguration={"OpenDcrEnabled": True})[
        "UserPool"
    ]["Id"]
    domain = f"rev{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    try:
        answer = httpx.post(
            f"{cognito.base_url}/{domain}/oauth2/register",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=20,
        )
        assert answer.status_code < 500, answer.text[:300]
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        idp.delete_user_pool(UserPoolId=pool_id)


# -- JSON nested past the parser's recursion limit, where a caller's text is parsed -------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize("part", [0, 1])
def test_a_token_nested_too_deep_is_not_authorized(server: LocalCognito, part: int) -> None:
    idp = make_client(server.base_url)
    segments = [_b64url(b'{"alg":"RS256"}'), _b64url(b"{}"), "c2ln"]
    segments[part] = _b64url(b"[" * 5000)
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=".".join(segments))
    assert error_of(exc)[:2] == ("NotAuthorizedException", 400)


def test_a_user_whose_address_is_nested_brackets_still_signs_in(server: LocalCognito) -> None:
    idp = make_client(server.base_url)
    pool_id = idp.create_user_pool(PoolName=f"rev{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="u",
        UserAttributes=[{"Name": "address", "Value": "[" * 1500}],
        MessageAction="SUPPRESS",
    )
    idp.admin_set_user_password(UserPoolId=pool_id, Username="u", Password="Passw0rd!long", Permanent=True)
    signed_in = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "u", "PASSWORD": "Passw0rd!long"}
    )
    assert "IdToken" in signed_in["AuthenticationResult"]


def test_user_context_data_nested_too_deep_is_ignored(server: LocalCognito) -> None:
    idp = make_client(server.base_url)
    pool_id = idp.create_user_pool(PoolName=f"rev{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="u", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="u", Password="Passw0rd!long", Permanent=True)
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "u", "PASSWORD": "not-it"},
            UserContextData={"EncodedData": base64.b64encode(b"[" * 5000).decode()},
        )
    assert error_of(exc)[1] == 400


# -- social logins: a provider answering odd documents ------------------------------------------------------


class _Answering:
    """A stand-in for Facebook, Login with Amazon and Twitter that answers every GET with ``body``."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.body = b"{}"
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture(scope="module")
def answering() -> Iterator[_Answering]:
    found = _Answering()
    yield found
    found.server.shutdown()
    found.server.server_close()


@pytest.fixture(scope="module")
def social_server(answering: _Answering, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    running = start(
        Path(tmp_path_factory.mktemp("malformed-social")),
        "--ephemeral",
        env={"COGNITO_LOCAL_SOCIAL_BASE_URL": answering.base},
    )
    yield running
    assert running.stop() == 0


_PROVIDERS = {"graph.facebook.com": "app1", "www.amazon.com": "app1", "api.twitter.com": "key;secret"}
_ODD_ANSWERS = [
    b"[" * 200_000 + b"]" * 200_000,
    b'{"id": {"a": 1}, "user_id": ["x"], "app_id": {"b": 2}, "id_str": [1]}',
    b'{"id": 1e400, "user_id": 1e400, "id_str": 1e400}',
    b'{"id": "\\ud800", "user_id": "\\ud800", "app_id": "app1", "id_str": "\\ud800"}',
    b"null",
    b'{"id": true, "user_id": true, "app_id": "app1", "id_str": true}',
]


_SOCIAL_CASES = [
    pytest.param(provider, body, id=f"{name}-{provider}")
    for provider in _PROVIDERS
    for name, body in zip(("deep", "types", "infinite", "surrogate", "null", "boolean"), _ODD_ANSWERS, strict=True)
]


@pytest.mark.parametrize(("provider", "body"), _SOCIAL_CASES)
def test_a_social_provider_answering_oddly_gives_a_4xx(
    social_server: LocalCognito, answering: _Answering, provider: str, body: bytes
) -> None:
    answering.body = body
    ci = make_client(social_server.base_url, "cognito-identity")
    pool_id = ci.create_identity_pool(
        IdentityPoolName=f"rev{uuid.uuid4().hex[:8]}",
        AllowUnauthenticatedIdentities=False,
        SupportedLoginProviders={provider: _PROVIDERS[provider]},
    )["IdentityPoolId"]
    login = "token;secret" if provider == "api.twitter.com" else "token"
    with pytest.raises(ClientError) as refused:
        ci.get_id(IdentityPoolId=pool_id, Logins={provider: login})
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400, refused.value.response["Error"]
    assert refused.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_userinfo_with_a_token_nested_too_deep_is_a_4xx(cognito: Any, idp: Any) -> None:
    import httpx

    from tests.integration.test_hosted_ui_pages_localization import managed_site

    made = managed_site(idp)
    try:
        token = ".".join([_b64url(b"[" * 5000), _b64url(b"{}"), "c2ln"])
        answer = httpx.get(
            f"{cognito.base_url}/{made['domain']}/oauth2/userInfo",
            headers={"Authorization": f"Bearer {token}"},
            timeout=20,
        )
        assert 400 <= answer.status_code < 500, answer.text[:300]
    finally:
        idp.delete_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=made["pool_id"])


# -- USER_AUTH step-up with another app client's ACCESS_TOKEN ------------------------------------------------


def test_an_access_token_of_another_app_client_does_not_mint_tokens_without_a_factor(idp: Any) -> None:
    from tests.integration.auth_support import PASSWORD, new_client, new_user

    pool_id = idp.create_user_pool(PoolName=f"rev-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    try:
        first = new_client(idp, pool_id)["ClientId"]
        second = new_client(idp, pool_id)["ClientId"]
        new_user(idp, pool_id, "ann")
        signed_in = idp.initiate_auth(
            ClientId=first,
            AuthFlow="USER_AUTH",
            AuthParameters={"USERNAME": "ann", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": PASSWORD},
        )
        access = signed_in["AuthenticationResult"]["AccessToken"]
        try:
            other = idp.initiate_auth(
                ClientId=second,
                AuthFlow="USER_AUTH",
                AuthParameters={"USERNAME": "ann", "ACCESS_TOKEN": access, "TARGET_ACR_VALUES": "urn:cognito:loa:1"},
            )
        except ClientError:
            return
        assert "AuthenticationResult" not in other, "client B's tokens from client A's access token, no factor asked"
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
