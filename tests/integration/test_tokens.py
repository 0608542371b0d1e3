"""ID, access and refresh tokens: signatures against the JWKS, AWS's claims, validity, revocation, rotation."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import jwt
import pytest
from botocore.exceptions import ClientError
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tests.conftest import unique
from tests.integration.auth_support import (
    PASSWORD,
    claims,
    error,
    jwks,
    new_client,
    new_user,
    password_auth,
    signing_key_pem,
    tokens,
)

ADMIN_SCOPE = "aws.cognito.signin.user.admin"


@pytest.fixture
def app(idp: Any, pool: dict[str, Any]) -> dict[str, Any]:
    return new_client(idp, pool["Id"])


def verify(cognito: Any, pool_id: str, token: str, **kwargs: Any) -> dict[str, Any]:
    keys = {k["kid"]: k for k in jwks(cognito.base_url, pool_id)["keys"]}
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwt.PyJWK(keys[kid]).key
    return jwt.decode(token, key, algorithms=["RS256"], issuer=f"{cognito.base_url}/{pool_id}", **kwargs)


def test_tokens_verify_against_the_jwks_with_different_keys(
    cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]
) -> None:
    new_user(idp, pool["Id"], "alice", attributes={"email": "alice@example.com", "email_verified": "true"})
    result = tokens(idp, app["ClientId"], "alice")
    assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600
    id_claims = verify(cognito, pool["Id"], result["IdToken"], audience=app["ClientId"])
    access = verify(cognito, pool["Id"], result["AccessToken"], options={"verify_aud": False})
    assert (
        jwt.get_unverified_header(result["IdToken"])["kid"] != jwt.get_unverified_header(result["AccessToken"])["kid"]
    )
    assert jwt.get_unverified_header(result["IdToken"])["alg"] == "RS256"
    published = jwks(cognito.base_url, pool["Id"])["keys"]
    assert len(published) == 2 and all(k["kty"] == "RSA" and k["use"] == "sig" and k["e"] == "AQAB" for k in published)
    sub = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["UserAttributes"][0]["Value"]
    assert set(id_claims) == {
        "sub",
        "email",
        "email_verified",
        "iss",
        "cognito:username",
        "origin_jti",
        "aud",
        "event_id",
        "token_use",
        "auth_time",
        "exp",
        "iat",
        "jti",
    }
    assert id_claims["sub"] == sub and id_claims["email_verified"] is True and id_claims["token_use"] == "id"
    assert id_claims["cognito:username"] == "alice" and id_claims["aud"] == app["ClientId"]
    assert set(access) == {
        "sub",
        "iss",
        "client_id",
        "origin_jti",
        "event_id",
        "token_use",
        "scope",
        "auth_time",
        "exp",
        "iat",
        "jti",
        "username",
    }
    assert access["scope"] == ADMIN_SCOPE and access["client_id"] == app["ClientId"] and access["username"] == "alice"
    assert access["origin_jti"] == id_claims["origin_jti"] and access["event_id"] == id_claims["event_id"]
    assert access["exp"] - access["iat"] == 3600


def test_discovery_document(cognito: Any, pool: dict[str, Any]) -> None:
    doc = httpx.get(f"{cognito.base_url}/{pool['Id']}/.well-known/openid-configuration", timeout=10).json()
    issuer = f"{cognito.base_url}/{pool['Id']}"
    assert doc["issuer"] == issuer
    assert doc["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]
    assert httpx.get(f"{cognito.base_url}/us-east-1_nothere00/.well-known/jwks.json", timeout=10).status_code == 404


def test_jwks_is_stable_and_per_pool(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    other = idp.create_user_pool(PoolName=unique("p"))["UserPool"]["Id"]
    try:
        first = jwks(cognito.base_url, pool["Id"])
        assert jwks(cognito.base_url, pool["Id"]) == first
        assert {k["kid"] for k in jwks(cognito.base_url, other)["keys"]}.isdisjoint({k["kid"] for k in first["keys"]})
    finally:
        idp.delete_user_pool(UserPoolId=other)


def test_signing_certificate(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    text = idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"]
    cert = x509.load_der_x509_certificate(base64.b64decode(text))
    assert pool["Id"] in cert.subject.rfc4514_string()
    assert idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"] == text
    with pytest.raises(ClientError) as exc:
        idp.get_signing_certificate(UserPoolId="us-east-1_nothere00")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_groups_roles_and_custom_attributes(cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    idp.add_custom_attributes(
        UserPoolId=pool["Id"], CustomAttributes=[{"Name": "level", "AttributeDataType": "Number", "Mutable": True}]
    )
    new_user(idp, pool["Id"], "bob", attributes={"custom:level": "7", "phone_number": "+15555550100"})
    role_a = "arn:aws:iam::000000000000:role/a"
    role_b = "arn:aws:iam::000000000000:role/b"
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Precedence=1, RoleArn=role_a)
    idp.create_group(UserPoolId=pool["Id"], GroupName="users", Precedence=5, RoleArn=role_b)
    idp.create_group(UserPoolId=pool["Id"], GroupName="plain")
    for group in ("admins", "users", "plain"):
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="bob", GroupName=group)
    result = tokens(idp, app["ClientId"], "bob")
    id_claims = claims(result["IdToken"])
    assert id_claims["custom:level"] == "7"
    assert id_claims["phone_number"] == "+15555550100"
    assert sorted(id_claims["cognito:groups"]) == ["admins", "plain", "users"]
    assert sorted(id_claims["cognito:roles"]) == [role_a, role_b]
    assert id_claims["cognito:preferred_role"] == role_a
    assert sorted(claims(result["AccessToken"])["cognito:groups"]) == ["admins", "plain", "users"]


def test_tied_precedence_with_different_roles_sets_no_preferred_role(
    idp: Any, pool: dict[str, Any], app: dict[str, Any]
) -> None:
    new_user(idp, pool["Id"], "tia")
    for name, role in (("g1", "arn:aws:iam::000000000000:role/x"), ("g2", "arn:aws:iam::000000000000:role/y")):
        idp.create_group(UserPoolId=pool["Id"], GroupName=name, Precedence=3, RoleArn=role)
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="tia", GroupName=name)
    id_claims = claims(tokens(idp, app["ClientId"], "tia")["IdToken"])
    assert len(id_claims["cognito:roles"]) == 2 and "cognito:preferred_role" not in id_claims


def test_validity_per_client_and_revocation_claims(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "carol")
    client = new_client(
        idp,
        pool["Id"],
        AccessTokenValidity=10,
        IdTokenValidity=2,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours"},
        EnableTokenRevocation=False,
    )
    result = tokens(idp, client["ClientId"], "carol")
    access, id_claims = claims(result["AccessToken"]), claims(result["IdToken"])
    assert result["ExpiresIn"] == 600
    assert access["exp"] - access["iat"] == 600 and id_claims["exp"] - id_claims["iat"] == 7200
    assert "jti" not in access and "origin_jti" not in access and "origin_jti" not in id_claims
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "carol"
    idp.admin_user_global_sign_out(UserPoolId=pool["Id"], Username="carol")
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=result["AccessToken"])
    assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")


def test_tampered_forged_and_other_pool_tokens(
    cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]
) -> None:
    new_user(idp, pool["Id"], "dave")
    access = tokens(idp, app["ClientId"], "dave")["AccessToken"]
    header, payload, signature = access.split(".")
    body = claims(access)
    body["username"] = "mallory"
    forged_payload = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    other = idp.create_user_pool(PoolName=unique("p"))["UserPool"]["Id"]
    try:
        other_client = new_client(idp, other)
        new_user(idp, other, "dave")
        other_access = tokens(idp, other_client["ClientId"], "dave")["AccessToken"]
        moved = claims(other_access)
        moved["iss"] = f"{cognito.base_url}/{pool['Id']}"
        moved_payload = base64.urlsafe_b64encode(json.dumps(moved).encode()).rstrip(b"=").decode()
        o_header, _, o_signature = other_access.split(".")
        id_token = tokens(idp, app["ClientId"], "dave")["IdToken"]
        for bad in (
            f"{header}.{forged_payload}.{signature}",
            f"{o_header}.{moved_payload}.{o_signature}",
            "not-a-token",
            f"{header}.{payload}.{signature[:-4]}AAAA",
            id_token,  # an ID token is not an access token
        ):
            with pytest.raises(ClientError) as exc:
                idp.get_user(AccessToken=bad)
            assert error(exc) == ("NotAuthorizedException", "Invalid Access Token"), bad
        # A token of the other pool is valid there, and only there.
        assert idp.get_user(AccessToken=other_access)["Username"] == "dave"
    finally:
        idp.delete_user_pool(UserPoolId=other)


def _forge(cognito: Any, pool_id: str, token: str, **changes: Any) -> str:
    key = serialization.load_pem_private_key(signing_key_pem(cognito.data_dir, pool_id, "access").encode(), None)
    body = {**claims(token), **changes}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]})  # type: ignore[arg-type]


def test_expired_and_scopeless_access_tokens(cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "erin")
    access = tokens(idp, app["ClientId"], "erin")["AccessToken"]
    expired = _forge(cognito, pool["Id"], access, exp=int(time.time()) - 10)
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=expired)
    assert error(exc) == ("NotAuthorizedException", "Access Token has expired")
    scopeless = _forge(cognito, pool["Id"], access, scope="openid email")
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=scopeless)
    assert error(exc) == ("NotAuthorizedException", "Access Token does not have required scopes")
    # The forging itself is sound: the same key with the claims unchanged is accepted.
    assert idp.get_user(AccessToken=_forge(cognito, pool["Id"], access))["Username"] == "erin"


def test_deleted_and_disabled_users(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "fay")
    access = tokens(idp, app["ClientId"], "fay")["AccessToken"]
    idp.admin_delete_user(UserPoolId=pool["Id"], Username="fay")
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=access)
    assert error(exc) == ("NotAuthorizedException", "User does not exist.")


def test_global_sign_out_revokes_access_and_refresh(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "gus")
    first = tokens(idp, app["ClientId"], "gus")
    second = tokens(idp, app["ClientId"], "gus")
    idp.global_sign_out(AccessToken=first["AccessToken"])
    for token in (first["AccessToken"], second["AccessToken"]):
        with pytest.raises(ClientError) as exc:
            idp.get_user(AccessToken=token)
        assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=app["ClientId"],
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
        )
    assert error(exc)[0] == "NotAuthorizedException"
    with pytest.raises(ClientError) as exc:
        idp.global_sign_out(AccessToken=first["AccessToken"])
    assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    # Signing in again works: sign-out is not a lock.
    assert idp.get_user(AccessToken=tokens(idp, app["ClientId"], "gus")["AccessToken"])["Username"] == "gus"


def test_refresh_token_auth(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "hal")
    first = tokens(idp, app["ClientId"], "hal")
    assert first["RefreshToken"].count(".") == 4
    assert first["RefreshToken"].split(".")[0] == "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"
    refreshed = idp.initiate_auth(
        ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]}
    )["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    old, new = claims(first["IdToken"]), claims(refreshed["IdToken"])
    assert new["auth_time"] == old["auth_time"] and new["origin_jti"] == old["origin_jti"] and new["jti"] != old["jti"]
    assert idp.get_user(AccessToken=refreshed["AccessToken"])["Username"] == "hal"
    # The token still works (no rotation), through the admin flow as well.
    again = idp.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=app["ClientId"],
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
    )
    assert "AccessToken" in again["AuthenticationResult"]


def test_invalid_refresh_tokens(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "ida")
    refresh = tokens(idp, app["ClientId"], "ida")["RefreshToken"]
    other_client = new_client(idp, pool["Id"])
    parts = refresh.split(".")
    parts[3] = parts[3][:-2] + ("AA" if not parts[3].endswith("AA") else "BB")
    for client_id, token in (
        (other_client["ClientId"], refresh),
        (app["ClientId"], ".".join(parts)),
        (app["ClientId"], "garbage"),
    ):
        with pytest.raises(ClientError) as exc:
            idp.initiate_auth(
                ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": token}
            )
        assert error(exc) == ("NotAuthorizedException", "Invalid Refresh Token.")


def test_rotation_and_reuse(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "jan")
    client = new_client(
        idp,
        pool["Id"],
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
    )
    first = tokens(idp, client["ClientId"], "jan")
    rotated = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])[
        "AuthenticationResult"
    ]
    assert rotated["RefreshToken"] != first["RefreshToken"]
    with pytest.raises(ClientError) as exc:
        idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])
    assert error(exc)[0] == "RefreshTokenReuseException"
    again = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=rotated["RefreshToken"])
    assert again["AuthenticationResult"]["RefreshToken"] not in (first["RefreshToken"], rotated["RefreshToken"])


def test_rotation_grace_period_and_refresh_token_auth_refused(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "kim")
    client = new_client(
        idp,
        pool["Id"],
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 60},
    )
    first = tokens(idp, client["ClientId"], "kim")
    one = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])
    two = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], RefreshToken=first["RefreshToken"])
    assert one["AuthenticationResult"]["RefreshToken"] != two["AuthenticationResult"]["RefreshToken"]
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
        )
    assert error(exc) == ("InvalidParameterException", "REFRESH_TOKEN_AUTH flow not enabled for this client")


def test_get_tokens_without_rotation_keeps_the_refresh_token(
    idp: Any, pool: dict[str, Any], app: dict[str, Any]
) -> None:
    new_user(idp, pool["Id"], "lou")
    first = tokens(idp, app["ClientId"], "lou")
    result = idp.get_tokens_from_refresh_token(ClientId=app["ClientId"], RefreshToken=first["RefreshToken"])
    assert "RefreshToken" not in result["AuthenticationResult"]
    assert "IdToken" in result["AuthenticationResult"]


def test_revoke_token(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "max")
    first = tokens(idp, app["ClientId"], "max")
    second = tokens(idp, app["ClientId"], "max")
    refreshed = idp.initiate_auth(
        ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]}
    )["AuthenticationResult"]
    idp.revoke_token(Token=first["RefreshToken"], ClientId=app["ClientId"])
    for access in (first["AccessToken"], refreshed["AccessToken"]):
        with pytest.raises(ClientError) as exc:
            idp.get_user(AccessToken=access)
        assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=app["ClientId"],
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
        )
    assert error(exc)[0] == "NotAuthorizedException"
    # The other sign-in is untouched.
    assert idp.get_user(AccessToken=second["AccessToken"])["Username"] == "max"
    with pytest.raises(ClientError) as exc:
        idp.revoke_token(Token=second["AccessToken"], ClientId=app["ClientId"])
    assert error(exc)[0] == "UnsupportedTokenTypeException"
    idp.revoke_token(Token=first["RefreshToken"], ClientId=app["ClientId"])  # already revoked: still 200


def test_revoke_token_needs_revocation_and_the_secret(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "ned")
    plain = new_client(idp, pool["Id"], EnableTokenRevocation=False)
    refresh = tokens(idp, plain["ClientId"], "ned")["RefreshToken"]
    with pytest.raises(ClientError) as exc:
        idp.revoke_token(Token=refresh, ClientId=plain["ClientId"])
    assert error(exc)[0] == "UnsupportedOperationException"
    secret_client = new_client(
        idp, pool["Id"], GenerateSecret=True, ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )
    with pytest.raises(ClientError) as exc:
        idp.revoke_token(Token=refresh, ClientId=secret_client["ClientId"], ClientSecret="w" * 51)
    assert error(exc)[0] == "UnauthorizedException"
    idp.revoke_token(Token=refresh, ClientId=secret_client["ClientId"], ClientSecret=secret_client["ClientSecret"])


def test_password_auth_result_is_usable_for_tokens(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "oli")
    result = password_auth(idp, app["ClientId"], "OLI", PASSWORD)  # case-insensitive pool
    assert claims(result["AuthenticationResult"]["AccessToken"])["username"] == "oli"


@pytest.fixture(scope="module")
def aws_issuer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A local Cognito whose tokens carry AWS's issuer, so AWS's own verifiers accept them."""
    from tests.localcognito import start

    server = start(tmp_path_factory.mktemp("aws-issuer"), "--issuer", "aws")
    yield server
    assert server.stop() == 0


def test_aws_issuer_and_aws_jwt_verify(aws_issuer: Any) -> None:
    import shutil
    import subprocess
    from pathlib import Path

    from tests.conftest import make_client

    idp = make_client(aws_issuer.base_url)
    pool_id = idp.create_user_pool(PoolName="aws-issuer")["UserPool"]["Id"]
    client = new_client(idp, pool_id)
    new_user(idp, pool_id, "pat", attributes={"email": "pat@example.com"})
    result = tokens(idp, client["ClientId"], "pat")
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert claims(result["IdToken"])["iss"] == issuer == claims(result["AccessToken"])["iss"]
    discovery = httpx.get(f"{aws_issuer.base_url}/{pool_id}/.well-known/openid-configuration", timeout=10).json()
    assert discovery["issuer"] == issuer
    assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "pat"
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    js = Path(__file__).resolve().parents[1] / "js"
    if not (js / "node_modules" / "aws-jwt-verify").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=js, check=True, timeout=300, capture_output=True)
    jwks_url = f"{aws_issuer.base_url}/{pool_id}/.well-known/jwks.json"
    args = ["node", "verify_tokens.js", jwks_url, pool_id, client["ClientId"], result["IdToken"], result["AccessToken"]]
    out = subprocess.run(args, cwd=js, capture_output=True, text=True, timeout=120, check=True)
    verified = json.loads(out.stdout.strip().splitlines()[-1])
    assert verified["ok"], verified
    assert verified["id"]["email"] == "pat@example.com" and verified["access"]["username"] == "pat"
    # A tampered token fails AWS's verifier too.
    header, payload, signature = result["AccessToken"].split(".")
    bad = f"{header}.{payload}.{signature[:-6]}AAAAAA"
    out = subprocess.run([*args[:-1], bad], cwd=js, capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1])["ok"] is False


def test_deleting_the_app_client_ends_its_tokens(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    name = unique()
    new_user(idp, pool["Id"], name)
    access = tokens(idp, app["ClientId"], name)["AccessToken"]
    assert idp.get_user(AccessToken=access)["Username"] == name
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=app["ClientId"])
    for call in (
        lambda: idp.get_user(AccessToken=access),
        lambda: idp.list_devices(AccessToken=access),
        lambda: idp.global_sign_out(AccessToken=access),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
