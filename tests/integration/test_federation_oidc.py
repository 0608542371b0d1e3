"""Sign-in through an OIDC identity provider at the hosted UI: pool B of the local Cognito is pool A's provider.

A browser (httpx, cookies kept, redirects followed one by one) asks pool A's authorize endpoint for
``identity_provider=PoolB``, signs in on pool B's login page, comes back to pool A's /oauth2/idpresponse and
ends at the app's callback with a code that pool A's token endpoint exchanges.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.conftest import unique

CALLBACK = "http://localhost:8976/callback"
PASSWORD = "Passw0rd!long"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def _query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def federation(idp: Any, cognito: Any) -> Iterator[dict[str, Any]]:
    """Pool B (the provider, with a user) and pool A (its relying party), each with a domain and a client."""
    base = cognito.base_url
    pool_b = idp.create_user_pool(PoolName=unique("provider"))["UserPool"]["Id"]
    pool_a = idp.create_user_pool(PoolName=unique("relying"), UsernameConfiguration={"CaseSensitive": False})[
        "UserPool"
    ]["Id"]
    domain_a, domain_b = unique("rp").lower(), unique("op").lower()
    idp.create_user_pool_domain(UserPoolId=pool_a, Domain=domain_a)
    idp.create_user_pool_domain(UserPoolId=pool_b, Domain=domain_b)
    client_b = idp.create_user_pool_client(
        UserPoolId=pool_b,
        ClientName="relying-party",
        GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[f"{base}/{domain_a}/oauth2/idpresponse"],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    username = unique("bob")
    idp.admin_create_user(
        UserPoolId=pool_b,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "name", "Value": "Bob Builder"},
        ],
    )
    idp.admin_set_user_password(UserPoolId=pool_b, Username=username, Password=PASSWORD, Permanent=True)
    sub_b = next(
        a["Value"]
        for a in idp.admin_get_user(UserPoolId=pool_b, Username=username)["UserAttributes"]
        if a["Name"] == "sub"
    )
    idp.create_identity_provider(
        UserPoolId=pool_a,
        ProviderName="PoolB",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": client_b["ClientId"],
            "client_secret": client_b["ClientSecret"],
            "attributes_request_method": "GET",
            "oidc_issuer": f"{base}/{pool_b}",
            "authorize_scopes": "openid email profile",
            "authorize_url": f"{base}/{domain_b}/oauth2/authorize",
            "token_url": f"{base}/{domain_b}/oauth2/token",
            "attributes_url": f"{base}/{domain_b}/oauth2/userInfo",
            "jwks_uri": f"{base}/{pool_b}/.well-known/jwks.json",
        },
        AttributeMapping={"email": "email", "name": "name", "email_verified": "email_verified"},
        IdpIdentifiers=["example.com"],
    )
    client_a = idp.create_user_pool_client(
        UserPoolId=pool_a,
        ClientName="app",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO", "PoolB"],
    )["UserPoolClient"]
    yield {
        "base": base,
        "pool_a": pool_a,
        "pool_b": pool_b,
        "domain_a": domain_a,
        "client_a": client_a["ClientId"],
        "username_b": username,
        "sub_b": sub_b,
    }
    for pool_id, domain in ((pool_a, domain_a), (pool_b, domain_b)):
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
        idp.delete_user_pool(UserPoolId=pool_id)


def _sign_in(
    f: dict[str, Any], *, username: str | None = None, seen: list[str] | None = None, **params: str
) -> httpx.Response:
    """Walk the browser from pool A's authorize to the app's callback; the last response (a redirect to
    the callback, or whatever stopped the walk). ``seen`` collects every address the browser was sent to."""
    query = {
        "client_id": f["client_a"],
        "response_type": "code",
        "redirect_uri": CALLBACK,
        "scope": "openid email profile",
        "state": "app-state",
        **params,
    }
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        response = browser.get(f"{f['base']}/{f['domain_a']}/oauth2/authorize", params=query)
        for _ in range(10):
            if response.status_code == 200 and "<form" in response.text:
                fields = {k: html.unescape(v) for k, v in _HIDDEN.findall(response.text)}
                action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', response.text).group(1))  # type: ignore[union-attr]
                fields.update(username=username or f["username_b"], password=PASSWORD)
                response = browser.post(httpx.URL(str(response.url)).join(action), data=fields)
                continue
            location = response.headers.get("location")
            if response.status_code != 302 or not location or location.startswith(CALLBACK):
                return response
            if seen is not None:
                seen.append(location)
            response = browser.get(httpx.URL(str(response.url)).join(location))
    raise AssertionError("the sign-in did not end")


def _tokens(f: dict[str, Any], code: str) -> dict[str, Any]:
    response = httpx.post(
        f"{f['base']}/{f['domain_a']}/oauth2/token",
        data={"grant_type": "authorization_code", "client_id": f["client_a"], "code": code, "redirect_uri": CALLBACK},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_first_sign_in_makes_an_external_user_and_returns_tokens(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    answer = _sign_in(f, identity_provider="PoolB")
    assert answer.status_code == 302 and answer.headers["location"].startswith(CALLBACK), answer.text[:500]
    returned = _query(answer.headers["location"])
    assert returned["state"] == "app-state"
    tokens = _tokens(f, returned["code"])
    id_claims = _claims(tokens["id_token"])
    assert id_claims["cognito:username"] == f"poolb_{f['sub_b']}"
    assert id_claims["email"] == f"{f['username_b']}@example.com"
    assert id_claims["name"] == "Bob Builder"
    assert f"{f['pool_a']}_PoolB" in id_claims["cognito:groups"]
    (identity,) = id_claims["identities"]
    assert identity["userId"] == f["sub_b"]
    assert identity["providerName"] == "PoolB"
    assert identity["providerType"] == "OIDC"
    assert identity["primary"] == "true"
    assert identity["dateCreated"].isdigit()
    user = idp.admin_get_user(UserPoolId=f["pool_a"], Username=f"poolb_{f['sub_b']}")
    assert user["UserStatus"] == "EXTERNAL_PROVIDER"
    group = idp.get_group(UserPoolId=f["pool_a"], GroupName=f"{f['pool_a']}_PoolB")["Group"]
    assert group["GroupName"] == f"{f['pool_a']}_PoolB"


def test_a_second_sign_in_is_the_same_user_with_attributes_refreshed(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    first = _claims(_tokens(f, _query(_sign_in(f, identity_provider="PoolB").headers["location"])["code"])["id_token"])
    idp.admin_update_user_attributes(
        UserPoolId=f["pool_b"], Username=f["username_b"], UserAttributes=[{"Name": "name", "Value": "Robert"}]
    )
    second = _claims(_tokens(f, _query(_sign_in(f, identity_provider="PoolB").headers["location"])["code"])["id_token"])
    assert second["sub"] == first["sub"]
    assert second["name"] == "Robert"
    listed = idp.list_users(UserPoolId=f["pool_a"])["Users"]
    assert [u["Username"] for u in listed] == [f"poolb_{f['sub_b']}"]


def test_idp_identifier_chooses_the_provider(federation: dict[str, Any]) -> None:
    answer = _sign_in(federation, idp_identifier="example.com")
    assert answer.headers["location"].startswith(CALLBACK)
    assert "code" in _query(answer.headers["location"])


def test_a_linked_identity_signs_in_as_the_native_user(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    native = unique("native")
    idp.admin_create_user(UserPoolId=f["pool_a"], Username=native, MessageAction="SUPPRESS")
    idp.admin_link_provider_for_user(
        UserPoolId=f["pool_a"],
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": native},
        SourceUser={
            "ProviderName": "PoolB",
            "ProviderAttributeName": "Cognito_Subject",
            "ProviderAttributeValue": f["sub_b"],
        },
    )
    id_claims = _claims(
        _tokens(f, _query(_sign_in(f, identity_provider="PoolB").headers["location"])["code"])["id_token"]
    )
    assert id_claims["cognito:username"] == native
    assert [u["Username"] for u in idp.list_users(UserPoolId=f["pool_a"])["Users"]] == [native]


def test_linking_an_identity_that_already_signed_in_is_merging(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    _sign_in(f, identity_provider="PoolB")
    native = unique("native")
    idp.admin_create_user(UserPoolId=f["pool_a"], Username=native, MessageAction="SUPPRESS")
    with pytest.raises(ClientError) as exc:
        idp.admin_link_provider_for_user(
            UserPoolId=f["pool_a"],
            DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": native},
            SourceUser={
                "ProviderName": "PoolB",
                "ProviderAttributeName": "Cognito_Subject",
                "ProviderAttributeValue": f["sub_b"],
            },
        )
    assert exc.value.response["Error"]["Message"] == (
        "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link"
    )


def test_a_provider_the_client_does_not_support_is_refused(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    idp.update_user_pool_client(
        UserPoolId=f["pool_a"],
        ClientId=f["client_a"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )
    response = httpx.get(
        f"{f['base']}/{f['domain_a']}/oauth2/authorize",
        params={
            "client_id": f["client_a"],
            "response_type": "code",
            "redirect_uri": CALLBACK,
            "identity_provider": "PoolB",
        },
    )
    assert response.status_code == 400
    assert idp.list_users(UserPoolId=f["pool_a"])["Users"] == []


def test_a_forged_or_replayed_state_creates_nobody(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    forged = httpx.get(
        f"{f['base']}/{f['domain_a']}/oauth2/idpresponse", params={"code": "anything", "state": "not-ours"}
    )
    assert forged.status_code == 400
    # A state is good once: the provider's answer replayed is refused.
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        step = browser.get(
            f"{f['base']}/{f['domain_a']}/oauth2/authorize",
            params={
                "client_id": f["client_a"],
                "response_type": "code",
                "redirect_uri": CALLBACK,
                "identity_provider": "PoolB",
            },
        )
        to_provider = _query(step.headers["location"])
        assert to_provider["redirect_uri"] == f"{f['base']}/{f['domain_a']}/oauth2/idpresponse"
        assert to_provider["nonce"] and to_provider["state"]
        first = browser.get(
            f"{f['base']}/{f['domain_a']}/oauth2/idpresponse",
            params={"code": "bad-code", "state": to_provider["state"]},
        )
        assert first.status_code == 302
        assert _query(first.headers["location"])["error"] == "invalid_request"
        again = browser.get(
            f"{f['base']}/{f['domain_a']}/oauth2/idpresponse",
            params={"code": "bad-code", "state": to_provider["state"]},
        )
        assert again.status_code == 400
    assert idp.list_users(UserPoolId=f["pool_a"])["Users"] == []


def test_the_provider_s_error_goes_back_to_the_app(federation: dict[str, Any]) -> None:
    f = federation
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        step = browser.get(
            f"{f['base']}/{f['domain_a']}/oauth2/authorize",
            params={
                "client_id": f["client_a"],
                "response_type": "code",
                "redirect_uri": CALLBACK,
                "identity_provider": "PoolB",
                "state": "s1",
            },
        )
        state = _query(step.headers["location"])["state"]
        back = browser.get(
            f"{f['base']}/{f['domain_a']}/oauth2/idpresponse",
            params={"error": "access_denied", "error_description": "User said no", "state": state},
        )
    assert back.headers["location"].startswith(CALLBACK)
    assert _query(back.headers["location"]) == {
        "error": "access_denied",
        "error_description": "User said no",
        "state": "s1",
    }


def test_a_provider_known_by_its_issuer_alone_is_found_by_discovery(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    details = idp.describe_identity_provider(UserPoolId=f["pool_a"], ProviderName="PoolB")["IdentityProvider"][
        "ProviderDetails"
    ]
    created = idp.create_identity_provider(
        UserPoolId=f["pool_a"],
        ProviderName="Discovered",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": details["client_id"],
            "client_secret": details["client_secret"],
            "attributes_request_method": "GET",
            "oidc_issuer": f"{f['base']}/{f['pool_b']}",
            "authorize_scopes": "openid email",
        },
        AttributeMapping={"email": "email"},
    )["IdentityProvider"]
    assert created["ProviderDetails"]["authorize_url"] == details["authorize_url"]
    idp.update_user_pool_client(
        UserPoolId=f["pool_a"],
        ClientId=f["client_a"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["Discovered"],
    )
    answer = _sign_in(f, identity_provider="Discovered")
    id_claims = _claims(_tokens(f, _query(answer.headers["location"])["code"])["id_token"])
    assert id_claims["cognito:username"] == f"discovered_{f['sub_b']}"
    assert id_claims["identities"][0]["issuer"] == f"{f['base']}/{f['pool_b']}"


def test_the_provider_s_answer_must_come_back_to_the_browser_that_went_out(
    idp: Any, federation: dict[str, Any]
) -> None:
    f = federation
    with httpx.Client(follow_redirects=False, timeout=20) as attacker:
        step = attacker.get(
            f"{f['base']}/{f['domain_a']}/oauth2/authorize",
            params={
                "client_id": f["client_a"],
                "response_type": "code",
                "redirect_uri": CALLBACK,
                "identity_provider": "PoolB",
            },
        )
        state = _query(step.headers["location"])["state"]
    with httpx.Client(follow_redirects=False, timeout=20) as victim:
        planted = victim.get(f"{f['base']}/{f['domain_a']}/oauth2/idpresponse", params={"code": "c", "state": state})
    assert planted.status_code == 400
    assert idp.list_users(UserPoolId=f["pool_a"])["Users"] == []


def test_a_link_by_a_mapped_attribute_becomes_a_link_by_subject_at_sign_in(
    idp: Any, federation: dict[str, Any]
) -> None:
    f = federation
    native = unique("native")
    idp.admin_create_user(UserPoolId=f["pool_a"], Username=native, MessageAction="SUPPRESS")
    idp.admin_link_provider_for_user(
        UserPoolId=f["pool_a"],
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": native},
        SourceUser={
            "ProviderName": "PoolB",
            "ProviderAttributeName": "email",
            "ProviderAttributeValue": f"{f['username_b']}@example.com",
        },
    )
    id_claims = _claims(
        _tokens(f, _query(_sign_in(f, identity_provider="PoolB").headers["location"])["code"])["id_token"]
    )
    assert id_claims["cognito:username"] == native
    assert id_claims["email"] == f"{f['username_b']}@example.com"  # the mapped attributes written to the user
    assert [i["userId"] for i in id_claims["identities"]] == [f["sub_b"]]
    # Signed in once, the identity is unlinked by its subject.
    idp.admin_disable_provider_for_user(
        UserPoolId=f["pool_a"],
        User={
            "ProviderName": "PoolB",
            "ProviderAttributeName": "Cognito_Subject",
            "ProviderAttributeValue": f["sub_b"],
        },
    )
    again = _claims(_tokens(f, _query(_sign_in(f, identity_provider="PoolB").headers["location"])["code"])["id_token"])
    assert again["cognito:username"] == f"poolb_{f['sub_b']}"


def test_an_external_user_has_no_password_to_sign_in_with(idp: Any, federation: dict[str, Any]) -> None:
    f = federation
    _sign_in(f, identity_provider="PoolB")
    client_id = idp.create_user_pool_client(
        UserPoolId=f["pool_a"],
        ClientName="sdk",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": f"poolb_{f['sub_b']}", "PASSWORD": PASSWORD},
        )
    assert exc.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_requested_levels_go_to_the_provider_and_its_acr_comes_back_through_the_acr_mapping(
    idp: Any, federation: dict[str, Any]
) -> None:
    f = federation
    idp.update_user_pool(UserPoolId=f["pool_a"], AcrConfiguration={"Level1": {"AcrValue": "https://rp.example/basic"}})
    mapping = {"Level1": "urn:cognito:loa:1"}
    idp.update_identity_provider(UserPoolId=f["pool_a"], ProviderName="PoolB", AcrMapping=mapping)
    seen: list[str] = []
    answer = _sign_in(f, identity_provider="PoolB", acr_values="https://rp.example/basic", seen=seen)
    assert answer.status_code == 302 and answer.headers["location"].startswith(CALLBACK), answer.text[:500]
    paths = [(urlsplit(url).path, url) for url in seen]
    (to_provider,) = [url for path, url in paths if path.endswith("/oauth2/authorize") and f["domain_a"] not in path]
    assert _query(to_provider)["acr_values"] == "urn:cognito:loa:1"
    id_claims = _claims(_tokens(f, _query(answer.headers["location"])["code"])["id_token"])
    assert id_claims["acr"] == "https://rp.example/basic"
    assert id_claims["amr"] == ["pwd"]
