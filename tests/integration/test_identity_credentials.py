"""The enhanced and basic flows end to end: a user pool sign-in, GetId, GetCredentialsForIdentity and STS
credentials that work; guests; and the tokens identity pools refuse."""

from __future__ import annotations

import json
import time
from typing import Any

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import claims, error, new_client, signing_key_pem, tokens
from tests.integration.identity_support import make_role, signed_in, wired_pools
from tests.localcognito import start


@pytest.fixture(scope="module")
def ci(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture(scope="module")
def iam(cognito: Any) -> Any:
    return make_client(cognito.base_url, "iam")


@pytest.fixture
def wired(idp: Any, ci: Any, iam: Any, pool: dict[str, Any]) -> dict[str, Any]:
    found = wired_pools(idp, ci, pool["Id"])
    found["auth_role"] = make_role(iam, found["pool_id"], "authenticated")
    found["guest_role"] = make_role(iam, found["pool_id"], "unauthenticated")
    ci.set_identity_pool_roles(
        IdentityPoolId=found["pool_id"],
        Roles={"authenticated": found["auth_role"], "unauthenticated": found["guest_role"]},
    )
    found["user_pool_id"] = pool["Id"]
    return found


def caller(cognito: Any, credentials: dict[str, Any]) -> dict[str, Any]:
    """GetCallerIdentity, signed with the credentials an identity got."""
    client = boto3.client(
        "sts",
        endpoint_url=cognito.base_url,
        region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretKey"],
        aws_session_token=credentials["SessionToken"],
    )
    found: dict[str, Any] = client.get_caller_identity()
    return found


def test_user_pool_sign_in_gets_working_credentials(cognito: Any, idp: Any, ci: Any, wired: dict[str, Any]) -> None:
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "alice")
    logins = {wired["provider"]: token}
    identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
    assert ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"] == identity_id
    # The local issuer's form of the provider name names the same user pool.
    local_key = f"{cognito.base_url}/{wired['user_pool_id']}"
    assert ci.get_id(IdentityPoolId=wired["pool_id"], Logins={local_key: token})["IdentityId"] == identity_id
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == [wired["provider"]]
    got = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert got["IdentityId"] == identity_id
    credentials = got["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA") and credentials["SecretKey"] and credentials["SessionToken"]
    assert 3000 < credentials["Expiration"].timestamp() - time.time() <= 3600
    who = caller(cognito, credentials)
    role_name = wired["auth_role"].rsplit("/", 1)[1]
    assert who["Arn"] == f"arn:aws:sts::000000000000:assumed-role/{role_name}/CognitoIdentityCredentials"


def test_guest_credentials_and_sign_in_merges_the_guest(cognito: Any, idp: Any, ci: Any, wired: dict[str, Any]) -> None:
    guest = ci.get_id(IdentityPoolId=wired["pool_id"])["IdentityId"]
    credentials = ci.get_credentials_for_identity(IdentityId=guest)["Credentials"]
    assert wired["guest_role"].rsplit("/", 1)[1] in caller(cognito, credentials)["Arn"]
    # The guest signs in: the guest identity becomes authenticated.
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "bob")
    got = ci.get_credentials_for_identity(IdentityId=guest, Logins={wired["provider"]: token})
    assert got["IdentityId"] == guest
    assert ci.describe_identity(IdentityId=guest)["Logins"] == [wired["provider"]]
    # Another guest that signs in as bob is merged into bob's identity.
    other = ci.get_id(IdentityPoolId=wired["pool_id"])["IdentityId"]
    merged = ci.get_credentials_for_identity(IdentityId=other, Logins={wired["provider"]: token})
    assert merged["IdentityId"] == guest
    # An authenticated identity needs its login.
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=guest)
    assert error(exc) == (
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    )
    carol = signed_in(idp, wired["user_pool_id"], wired["client_id"], "carol")
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=guest, Logins={wired["provider"]: carol})
    assert error(exc)[0] == "NotAuthorizedException"


def test_guests_refused_where_the_pool_allows_none(idp: Any, ci: Any, pool: dict[str, Any]) -> None:
    wired = wired_pools(idp, ci, pool["Id"], guests=False)
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=wired["pool_id"])
    assert error(exc) == ("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")


def test_refused_tokens(cognito: Any, idp: Any, ci: Any, wired: dict[str, Any], pool: dict[str, Any]) -> None:
    pool_id, provider = wired["pool_id"], wired["provider"]
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "dave")

    def refused(logins: dict[str, str]) -> str:
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins=logins)
        code, message = error(exc)
        assert code == "NotAuthorizedException"
        return message

    header, _payload, signature = token.split(".")
    tampered = claims(token) | {"sub": "someone-else"}
    forged = jwt.encode(tampered, "x" * 32, algorithm="HS256").split(".")[1]
    assert refused({provider: f"{header}.{forged}.{signature}"}) == "Invalid login token. Couldn't verify signed token."
    assert refused({provider: "not-a-token"}) == "Invalid login token. Not a valid OpenId Connect identity token."
    key = signing_key_pem(cognito.data_dir, wired["user_pool_id"], "id")
    expired = jwt.encode(
        claims(token) | {"exp": int(time.time()) - 60},
        key,
        algorithm="RS256",
        headers={"kid": jwt.get_unverified_header(token)["kid"]},
    )
    assert refused({provider: expired}).startswith("Invalid login token. Token expired: ")
    # Another user pool's token, under this pool's provider name or its own.
    other_pool = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    other_client = idp.create_user_pool_client(
        UserPoolId=other_pool,
        ClientName="c",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    other = signed_in(idp, other_pool, other_client, "erin")
    assert refused({provider: other}) == "Invalid login token. Issuer doesn't match providerName"
    assert refused({f"cognito-idp.us-east-1.amazonaws.com/{other_pool}": other}) == (
        "Token is not from a supported provider of this identity pool."
    )
    # An app client of the user pool that the identity pool does not name.
    unnamed = new_client(idp, wired["user_pool_id"])["ClientId"]
    assert refused({provider: tokens(idp, unnamed, "dave")["IdToken"]}) == (
        "Token is not from a supported provider of this identity pool."
    )
    # An access token is not an identity token.
    access = idp.initiate_auth(
        ClientId=wired["client_id"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "dave", "PASSWORD": "Corr3ct-Horse!"},
    )["AuthenticationResult"]["AccessToken"]
    assert refused({provider: access}) == "Invalid login token. Not a valid OpenId Connect identity token."
    idp.delete_user_pool(UserPoolId=other_pool)


def test_server_side_token_check_refuses_signed_out_tokens(idp: Any, ci: Any, pool: dict[str, Any]) -> None:
    checked = wired_pools(idp, ci, pool["Id"], server_side_check=True)
    token = signed_in(idp, pool["Id"], checked["client_id"], "frank")
    logins = {checked["provider"]: token}
    assert ci.get_id(IdentityPoolId=checked["pool_id"], Logins=logins)["IdentityId"]
    idp.admin_user_global_sign_out(UserPoolId=pool["Id"], Username="frank")
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=checked["pool_id"], Logins=logins)
    assert error(exc) == ("NotAuthorizedException", "Invalid login token. Token has been revoked.")
    # Without the check, the signed-out token (still unexpired) is taken, as AWS takes it.
    unchecked = ci.create_identity_pool(
        IdentityPoolName="unchecked",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": checked["provider"], "ClientId": checked["client_id"]}],
    )["IdentityPoolId"]
    assert ci.get_id(IdentityPoolId=unchecked, Logins=logins)["IdentityId"]


def test_a_role_without_cognito_trust_gives_no_credentials(idp: Any, ci: Any, iam: Any, pool: dict[str, Any]) -> None:
    wired = wired_pools(idp, ci, pool["Id"])
    cases = [
        make_role(iam, "us-east-1:00000000-0000-0000-0000-000000000000", "unauthenticated"),  # another pool's
        make_role(iam, wired["pool_id"], "authenticated"),  # authenticated identities only
        make_role(iam, wired["pool_id"], "unauthenticated", aud=False),  # any pool's identities
        "arn:aws:iam::000000000000:role/does-not-exist",
    ]
    guest = ci.get_id(IdentityPoolId=wired["pool_id"])["IdentityId"]
    for role in cases:
        ci.set_identity_pool_roles(IdentityPoolId=wired["pool_id"], Roles={"unauthenticated": role})
        with pytest.raises(ClientError) as exc:
            ci.get_credentials_for_identity(IdentityId=guest)
        assert error(exc) == (
            "InvalidIdentityPoolConfigurationException",
            "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        ), role
    ci.set_identity_pool_roles(IdentityPoolId=wired["pool_id"], Roles={})
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=guest)
    assert error(exc)[0] == "InvalidIdentityPoolConfigurationException"


def test_what_was_checked_once_is_checked_again_after_a_change(
    idp: Any, ci: Any, iam: Any, wired: dict[str, Any]
) -> None:
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "carol")
    logins = {wired["provider"]: token}
    identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
    assert ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["AccessKeyId"]
    # The role stops trusting authenticated identities of this pool: no credentials, though the same token
    # and identity got some a moment ago.
    role_name = wired["auth_role"].rsplit("/", 1)[1]
    kept = iam.get_role(RoleName=role_name)["Role"]["AssumeRolePolicyDocument"]
    untrusting = json.loads(json.dumps(kept).replace('"authenticated"', '"unauthenticated"'))
    iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(untrusting))
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert error(exc)[0] == "InvalidIdentityPoolConfigurationException"
    iam.update_assume_role_policy(RoleName=role_name, PolicyDocument=json.dumps(kept))
    assert ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["AccessKeyId"]
    # The user pool is deleted: its tokens, checked before, sign nobody in.
    idp.delete_user_pool(UserPoolId=wired["user_pool_id"])
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)
    assert error(exc)[0] == "NotAuthorizedException"


def test_basic_flow(cognito: Any, idp: Any, ci: Any, iam: Any, wired: dict[str, Any]) -> None:
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "gina")
    logins = {wired["provider"]: token}
    identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as exc:
        ci.get_open_id_token(IdentityId=identity_id, Logins=logins)
    assert error(exc) == ("InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow.")
    described = ci.describe_identity_pool(IdentityPoolId=wired["pool_id"])
    described.pop("ResponseMetadata")
    ci.update_identity_pool(**{**described, "AllowClassicFlow": True})
    got = ci.get_open_id_token(IdentityId=identity_id, Logins=logins)
    openid = claims(got["Token"])
    sub = claims(token)["sub"]
    assert openid["sub"] == identity_id and openid["aud"] == wired["pool_id"]
    assert openid["amr"] == ["authenticated", wired["provider"], f"{wired['provider']}:CognitoSignIn:{sub}"]
    assert openid["exp"] - openid["iat"] == 600
    sts = make_client(cognito.base_url, "sts")
    assumed = sts.assume_role_with_web_identity(
        RoleArn=wired["auth_role"], RoleSessionName="basic", WebIdentityToken=got["Token"]
    )
    assert assumed["Credentials"]["AccessKeyId"].startswith("ASIA")
    assert assumed["SubjectFromWebIdentityToken"] == identity_id


def test_an_iam_oidc_provider_for_a_local_user_pool(
    cognito: Any, idp: Any, ci: Any, iam: Any, pool: dict[str, Any]
) -> None:
    client_id = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="oidc",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    issuer = f"{cognito.base_url}/{pool['Id']}"
    provider_arn = iam.create_open_id_connect_provider(Url=issuer, ClientIDList=[client_id], ThumbprintList=["0" * 40])[
        "OpenIDConnectProviderArn"
    ]
    key = issuer.split("://", 1)[1]
    pool_id = ci.create_identity_pool(
        IdentityPoolName="oidc", AllowUnauthenticatedIdentities=False, OpenIdConnectProviderARNs=[provider_arn]
    )["IdentityPoolId"]
    role = make_role(iam, pool_id)
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role})
    token = signed_in(idp, pool["Id"], client_id, "oscar")
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins={key: token})["IdentityId"]
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == [key]
    credentials = ci.get_credentials_for_identity(IdentityId=identity_id, Logins={key: token})["Credentials"]
    assert caller(cognito, credentials)["Arn"].endswith("/CognitoIdentityCredentials")
    # A client the provider does not list is refused.
    other_client = new_client(idp, pool["Id"])["ClientId"]
    other = tokens(idp, other_client, "oscar")["IdToken"]
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=pool_id, Logins={key: other})
    assert error(exc) == ("NotAuthorizedException", "Invalid login token. Incorrect token audience.")


def test_unlink_identity(idp: Any, ci: Any, wired: dict[str, Any]) -> None:
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "uma")
    logins = {wired["provider"]: token}
    identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
    with pytest.raises(ClientError) as exc:
        ci.unlink_identity(IdentityId=identity_id, Logins=logins, LoginsToRemove=["graph.facebook.com"])
    assert error(exc)[0] == "ResourceConflictException"
    ci.unlink_identity(IdentityId=identity_id, Logins=logins, LoginsToRemove=[wired["provider"]])
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == []
    # The login is free again: signing in makes a new identity.
    assert ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"] != identity_id


def test_principal_tags_need_a_role_that_allows_tagging(
    cognito: Any, idp: Any, ci: Any, iam: Any, wired: dict[str, Any]
) -> None:
    ci.set_principal_tag_attribute_map(
        IdentityPoolId=wired["pool_id"], IdentityProviderName=wired["provider"], UseDefaults=True
    )
    token = signed_in(idp, wired["user_pool_id"], wired["client_id"], "tina")
    logins = {wired["provider"]: token}
    identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
    assert ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["AccessKeyId"]
    statement = {
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": wired["pool_id"]}},
    }
    untagged = iam.create_role(
        RoleName=f"no-tag-session-{time.time_ns()}",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )["Role"]["Arn"]
    ci.set_identity_pool_roles(IdentityPoolId=wired["pool_id"], Roles={"authenticated": untagged})
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert error(exc)[0] == "InvalidIdentityPoolConfigurationException"
    ci.set_principal_tag_attribute_map(
        IdentityPoolId=wired["pool_id"], IdentityProviderName=wired["provider"], UseDefaults=False
    )
    assert ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]["AccessKeyId"]


def test_with_aws_issuers_the_openid_token_is_cognito_identitys(tmp_path: Any) -> None:
    server = start(tmp_path / "data", "--issuer", "aws", "--ephemeral")
    try:
        idp, ci, iam = (make_client(server.base_url, s) for s in ("cognito-idp", "cognito-identity", "iam"))
        user_pool_id = idp.create_user_pool(PoolName="aws-issuer")["UserPool"]["Id"]
        wired = wired_pools(idp, ci, user_pool_id, AllowClassicFlow=True)
        role = make_role(iam, wired["pool_id"])
        token = signed_in(idp, user_pool_id, wired["client_id"], "ida")
        assert claims(token)["iss"] == wired["provider"].join(["https://", ""])
        logins = {wired["provider"]: token}
        identity_id = ci.get_id(IdentityPoolId=wired["pool_id"], Logins=logins)["IdentityId"]
        openid = ci.get_open_id_token(IdentityId=identity_id, Logins=logins)["Token"]
        assert claims(openid)["iss"] == "https://cognito-identity.amazonaws.com"
        sts = make_client(server.base_url, "sts")
        assumed = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="session", WebIdentityToken=openid)
        assert assumed["SubjectFromWebIdentityToken"] == identity_id
    finally:
        assert server.stop() == 0
