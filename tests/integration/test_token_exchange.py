"""Token exchange (RFC 8693): GetDerivedToken and the token endpoint's token-exchange grant."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.integration.hosted_ui_support import PASSWORD, add_user, claims

EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS = "urn:ietf:params:oauth:token-type:access_token"
ID = "urn:ietf:params:oauth:token-type:id_token"


def _setup(idp: Any, pool_id: str, **service: Any) -> dict[str, Any]:
    idp.create_resource_server(
        UserPoolId=pool_id,
        Identifier="https://api.example.com",
        Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}, {"ScopeName": "write", "ScopeDescription": "w"}],
    )
    add_user(idp, pool_id, "alice")
    app = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    settings: dict[str, Any] = {
        "UserPoolId": pool_id,
        "ClientName": "service",
        "ExplicitAuthFlows": ["ALLOW_TOKEN_EXCHANGE_IMPERSONATION", "ALLOW_TOKEN_EXCHANGE_DELEGATION"],
        "AllowedOAuthScopes": ["aws.cognito.signin.user.admin", "https://api.example.com/read"],
    }
    settings.update(service)
    svc = idp.create_user_pool_client(**settings)["UserPoolClient"]
    signed_in = idp.initiate_auth(
        ClientId=app["ClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    return {"app": app, "service": svc, "tokens": signed_in}


def _error(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


def test_impersonation_issues_a_narrowed_audience_bound_access_token(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"])
    subject = s["tokens"]["AccessToken"]
    out = idp.get_derived_token(
        ClientId=s["service"]["ClientId"],
        SubjectToken=subject,
        SubjectTokenType="ACCESS_TOKEN",
        Audiences=[s["app"]["ClientId"]],
    )
    assert out["IssuedTokenType"] == "ACCESS_TOKEN"
    assert out["TokenType"] == "Bearer"
    assert out["Scopes"] == ["aws.cognito.signin.user.admin"]
    assert 0 < out["ExpiresIn"] <= 3600
    issued, original = claims(out["IssuedToken"]), claims(subject)
    assert issued["sub"] == original["sub"]
    assert issued["username"] == "alice"
    assert issued["client_id"] == s["service"]["ClientId"]
    assert issued["aud"] == s["app"]["ClientId"]
    assert issued["origin_jti"] == original["origin_jti"]
    assert issued["auth_time"] == original["auth_time"]
    assert "act" not in issued
    assert issued["exp"] <= original["exp"]
    # The issued token is a token of the pool like any other: self-service operations take it.
    assert idp.get_user(AccessToken=out["IssuedToken"])["Username"] == "alice"
    assert "RefreshToken" not in out


def test_delegation_adds_the_actor_in_act(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"])
    add_user(idp, pool["Id"], "agent")
    actor = idp.initiate_auth(
        ClientId=s["app"]["ClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "agent", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]["AccessToken"]
    out = idp.get_derived_token(
        ClientId=s["service"]["ClientId"],
        SubjectToken=s["tokens"]["AccessToken"],
        SubjectTokenType="ACCESS_TOKEN",
        ActorToken=actor,
        ActorTokenType="ACCESS_TOKEN",
    )
    issued = claims(out["IssuedToken"])
    assert issued["sub"] == claims(s["tokens"]["AccessToken"])["sub"]
    assert issued["act"] == {"sub": claims(actor)["sub"], "client_id": s["app"]["ClientId"]}


def test_id_token_subject_and_id_token_issued(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"])
    out = idp.get_derived_token(
        ClientId=s["service"]["ClientId"],
        SubjectToken=s["tokens"]["IdToken"],
        SubjectTokenType="ID_TOKEN",
        RequestedTokenType="ID_TOKEN",
    )
    assert out["IssuedTokenType"] == "ID_TOKEN"
    issued = claims(out["IssuedToken"])
    assert issued["token_use"] == "id"
    assert issued["aud"] == s["service"]["ClientId"]
    assert issued["email"] == "alice@example.com"
    assert "Scopes" not in out


def test_resource_binding_narrows_scopes_to_the_resource_server(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    s = _setup(idp, pool_id)
    code, message = _error(
        lambda: idp.get_derived_token(
            ClientId=s["service"]["ClientId"],
            SubjectToken=s["tokens"]["AccessToken"],
            SubjectTokenType="ACCESS_TOKEN",
            Resources=["https://api.example.com"],
        )
    )
    # The SDK sign-in's token has only aws.cognito.signin.user.admin: nothing of the resource server to keep.
    assert code == "InvalidParameterException", message


def test_scope_narrowing(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"])
    code, _ = _error(
        lambda: idp.get_derived_token(
            ClientId=s["service"]["ClientId"],
            SubjectToken=s["tokens"]["AccessToken"],
            SubjectTokenType="ACCESS_TOKEN",
            Scopes=["https://api.example.com/write"],
        )
    )
    assert code == "InvalidParameterException"
    out = idp.get_derived_token(
        ClientId=s["service"]["ClientId"],
        SubjectToken=s["tokens"]["AccessToken"],
        SubjectTokenType="ACCESS_TOKEN",
        Scopes=["aws.cognito.signin.user.admin", "https://api.example.com/write"],
    )
    assert out["Scopes"] == ["aws.cognito.signin.user.admin"]


def test_refusals(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    s = _setup(idp, pool_id)
    subject = s["tokens"]["AccessToken"]
    service = s["service"]["ClientId"]

    def derive(**kw: Any) -> Any:
        args = {"ClientId": service, "SubjectToken": subject, "SubjectTokenType": "ACCESS_TOKEN", **kw}
        return lambda: idp.get_derived_token(**args)

    # Both an audience and a resource.
    assert _error(derive(Audiences=["x"], Resources=["https://api.example.com"]))[0] == "InvalidParameterException"
    # An audience that is neither an app client nor a resource server of the pool.
    assert _error(derive(Audiences=["https://elsewhere.example.com"]))[0] == "InvalidParameterException"
    assert _error(derive(Resources=["https://elsewhere.example.com"]))[0] == "InvalidParameterException"
    # The wrong declared type, and garbage.
    assert _error(derive(SubjectTokenType="ID_TOKEN"))[0] == "NotAuthorizedException"
    assert _error(derive(SubjectToken="abc.def.ghi"))[0] == "NotAuthorizedException"
    assert _error(derive(SubjectToken="not-a-token"))[0] == "NotAuthorizedException"
    # An actor token without its type.
    assert _error(derive(ActorToken=subject))[0] == "InvalidParameterException"
    # A client without the flow.
    assert _error(derive(ClientId=s["app"]["ClientId"]))[0] == "InvalidParameterException"
    # An unknown client.
    assert _error(derive(ClientId="nosuchclient123"))[0] == "ResourceNotFoundException"
    # A subject token of another pool.
    other = idp.create_user_pool(PoolName=f"other-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    try:
        t = _setup(idp, other)
        assert _error(derive(SubjectToken=t["tokens"]["AccessToken"]))[0] == "NotAuthorizedException"
    finally:
        idp.delete_user_pool(UserPoolId=other)
    # A revoked sign-in: GlobalSignOut revokes the subject, and tokens derived from it.
    derived = derive()()["IssuedToken"]
    idp.global_sign_out(AccessToken=subject)
    code, message = _error(derive())
    assert code == "NotAuthorizedException" and "revoked" in message
    assert _error(lambda: idp.get_user(AccessToken=derived))[0] == "NotAuthorizedException"


def test_impersonation_and_delegation_need_their_own_flow(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"], ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_IMPERSONATION"])
    subject = s["tokens"]["AccessToken"]
    ok = idp.get_derived_token(ClientId=s["service"]["ClientId"], SubjectToken=subject, SubjectTokenType="ACCESS_TOKEN")
    assert ok["IssuedToken"]
    code, message = _error(
        lambda: idp.get_derived_token(
            ClientId=s["service"]["ClientId"],
            SubjectToken=subject,
            SubjectTokenType="ACCESS_TOKEN",
            ActorToken=subject,
            ActorTokenType="ACCESS_TOKEN",
        )
    )
    assert code == "InvalidParameterException" and "TOKEN_EXCHANGE_DELEGATION" in message


def test_client_secret_is_checked(idp: Any, pool: dict[str, Any]) -> None:
    s = _setup(idp, pool["Id"], GenerateSecret=True)
    svc = s["service"]
    args = {"ClientId": svc["ClientId"], "SubjectToken": s["tokens"]["AccessToken"], "SubjectTokenType": "ACCESS_TOKEN"}
    assert _error(lambda: idp.get_derived_token(**args, ClientSecret="x" * 40))[0] == "NotAuthorizedException"
    out = idp.get_derived_token(**args, ClientSecret=svc["ClientSecret"])
    assert out["IssuedToken"]


def test_lite_pool_refuses(idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName=f"lite-{uuid.uuid4().hex[:6]}", UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        s = _setup(idp, pool_id)
        code, _ = _error(
            lambda: idp.get_derived_token(
                ClientId=s["service"]["ClientId"],
                SubjectToken=s["tokens"]["AccessToken"],
                SubjectTokenType="ACCESS_TOKEN",
            )
        )
        assert code == "FeatureUnavailableInTierException"
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


def test_token_endpoint_grant(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    s = _setup(idp, pool_id, GenerateSecret=True)
    domain = f"tx{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    try:
        url = f"{cognito.base_url}/{domain}/oauth2/token"
        svc = s["service"]
        auth = (svc["ClientId"], svc["ClientSecret"])
        subject = s["tokens"]["AccessToken"]
        r = httpx.post(
            url,
            data={
                "grant_type": EXCHANGE,
                "subject_token": subject,
                "subject_token_type": ACCESS,
                "audience": s["app"]["ClientId"],
            },
            auth=auth,
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["issued_token_type"] == ACCESS
        assert body["token_type"] == "Bearer"
        assert "refresh_token" not in body
        assert claims(body["access_token"])["aud"] == s["app"]["ClientId"]

        def refused(**fields: str) -> str:
            resp = httpx.post(url, data={"grant_type": EXCHANGE, **fields}, auth=auth)
            assert resp.status_code in (400, 401), resp.text
            return str(resp.json()["error"])

        assert refused() == "invalid_request"
        assert refused(subject_token=subject) == "invalid_request"
        assert refused(subject_token=subject, subject_token_type="urn:example:nope") == "invalid_request"
        assert refused(subject_token="garbage", subject_token_type=ACCESS) == "invalid_grant"
        assert refused(subject_token=subject, subject_token_type=ID) == "invalid_grant"
        assert refused(subject_token=subject, subject_token_type=ACCESS, audience="nobody") == "invalid_target"
        assert refused(subject_token=subject, subject_token_type=ACCESS, scope="https://api.example.com/write") == (
            "invalid_scope"
        )
        wrong = httpx.post(
            url,
            data={"grant_type": EXCHANGE, "subject_token": subject, "subject_token_type": ACCESS},
            auth=(svc["ClientId"], "x"),
        )
        assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
