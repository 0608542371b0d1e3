"""The local STS through boto3's sts client: caller identity, AssumeRole, AssumeRoleWithWebIdentity with identity
pool and OIDC provider tokens under their trust policies, and temporary credentials that every service of the
server checks (signature, session token, expiry), and the policy evaluation endpoint."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.conftest import make_client, unique
from tests.integration.auth_support import error, new_client, new_user, tokens
from tests.integration.identity_support import make_role
from tests.localcognito import LocalCognito, start

ACCOUNT = "000000000000"
ROOT_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}
    ],
}
PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnFolder",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*",
        },
        {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/secret/*"},
    ],
}


def client_with(base_url: str, service: str, credentials: dict[str, Any], **changes: str) -> Any:
    """A boto3 client signing with STS credentials (``SecretAccessKey`` or identity pools' ``SecretKey``)."""
    keys = {
        "aws_access_key_id": credentials["AccessKeyId"],
        "aws_secret_access_key": credentials.get("SecretAccessKey") or credentials["SecretKey"],
        "aws_session_token": credentials["SessionToken"],
    }
    keys.update(changes)
    return boto3.client(
        service, endpoint_url=base_url, region_name="us-east-1", config=Config(retries={"max_attempts": 1}), **keys
    )


@pytest.fixture(scope="module")
def sts(cognito: LocalCognito) -> Any:
    return make_client(cognito.base_url, "sts")


@pytest.fixture(scope="module")
def iam(cognito: LocalCognito) -> Any:
    return make_client(cognito.base_url, "iam")


@pytest.fixture(scope="module")
def ci(cognito: LocalCognito) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture
def root_role(iam: Any) -> str:
    arn: str = iam.create_role(RoleName=unique("assumable"), AssumeRolePolicyDocument=json.dumps(ROOT_TRUST))["Role"][
        "Arn"
    ]
    return arn


def test_caller_identity_of_the_operators_keys(sts: Any) -> None:
    got = sts.get_caller_identity()
    assert got["Account"] == ACCOUNT and got["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"


def test_assumed_role_credentials_work_on_every_service(cognito: LocalCognito, sts: Any, root_role: str) -> None:
    assumed = sts.assume_role(RoleArn=root_role, RoleSessionName="worker", DurationSeconds=900)
    credentials = assumed["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA") and len(credentials["AccessKeyId"]) == 20
    role_name = root_role.rsplit("/", 1)[1]
    assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role_name}/worker"
    assert assumed["AssumedRoleUser"]["AssumedRoleId"].endswith(":worker")
    expires_in = (credentials["Expiration"] - dt.datetime.now(dt.UTC)).total_seconds()
    assert 800 < expires_in <= 900
    me = client_with(cognito.base_url, "sts", credentials).get_caller_identity()
    assert me["Arn"] == assumed["AssumedRoleUser"]["Arn"]
    assert me["UserId"] == assumed["AssumedRoleUser"]["AssumedRoleId"]
    # The JSON protocol (user pools) and the query protocol (IAM) accept them too.
    client_with(cognito.base_url, "cognito-idp", credentials).list_user_pools(MaxResults=1)
    client_with(cognito.base_url, "iam", credentials).get_role(RoleName=role_name)


def test_duration_beyond_the_roles_maximum_is_refused(sts: Any, root_role: str) -> None:
    with pytest.raises(ClientError) as exc:
        sts.assume_role(RoleArn=root_role, RoleSessionName="long", DurationSeconds=7200)
    assert error(exc) == (
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    )


def test_assume_role_needs_the_trust_policy(iam: Any, sts: Any) -> None:
    other = {**ROOT_TRUST, "Statement": [{**ROOT_TRUST["Statement"][0], "Principal": {"AWS": "111111111111"}}]}
    arn = iam.create_role(RoleName=unique("untrusting"), AssumeRolePolicyDocument=json.dumps(other))["Role"]["Arn"]
    with pytest.raises(ClientError) as exc:
        sts.assume_role(RoleArn=arn, RoleSessionName="session")
    assert error(exc) == ("AccessDenied", "Not authorized to perform sts:AssumeRole")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as exc:
        sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{unique('none')}", RoleSessionName="session")
    assert error(exc)[0] == "AccessDenied"


def test_forged_and_altered_credentials_are_refused(cognito: LocalCognito, sts: Any, root_role: str) -> None:
    credentials = sts.assume_role(RoleArn=root_role, RoleSessionName="victim")["Credentials"]
    forged = {**credentials, "AccessKeyId": "ASIA" + "A" * 16}
    cases = [
        ("sts", forged, {}, ("InvalidClientTokenId", "The security token included in the request is invalid.")),
        (
            "cognito-idp",
            forged,
            {},
            ("UnrecognizedClientException", "The security token included in the request is invalid."),
        ),
        (
            "sts",
            credentials,
            {"aws_session_token": "x" + credentials["SessionToken"]},
            ("InvalidClientTokenId", "The security token included in the request is invalid."),
        ),
        (
            "iam",
            credentials,
            {"aws_session_token": ""},
            ("InvalidClientTokenId", "The security token included in the request is invalid."),
        ),
        (
            "cognito-idp",
            credentials,
            {"aws_secret_access_key": "wrong"},
            (
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.",
            ),
        ),
    ]
    for service, creds, changes, expected in cases:
        client = client_with(cognito.base_url, service, creds, **changes)
        with pytest.raises(ClientError) as exc:
            if service == "sts":
                client.get_caller_identity()
            elif service == "iam":
                client.list_roles()
            else:
                client.list_user_pools(MaxResults=1)
        assert error(exc) == expected, service
    with pytest.raises(ClientError) as exc:
        client_with(cognito.base_url, "sts", credentials, aws_secret_access_key="wrong").get_caller_identity()
    code, message = error(exc)
    assert code == "SignatureDoesNotMatch" and message.startswith("The request signature we calculated does not match")


@pytest.fixture(scope="module")
def movable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    """A local Cognito of this module's own whose clock the tests move forward (``--movable-clock``)."""
    server = start(tmp_path_factory.mktemp("sts-clock"), "--movable-clock")
    yield server
    assert server.stop() == 0


def test_expired_credentials_are_refused(movable: LocalCognito) -> None:
    iam = make_client(movable.base_url, "iam")
    sts = make_client(movable.base_url, "sts")
    arn = iam.create_role(RoleName=unique("expiring"), AssumeRolePolicyDocument=json.dumps(ROOT_TRUST))["Role"]["Arn"]
    credentials = sts.assume_role(RoleArn=arn, RoleSessionName="short", DurationSeconds=900)["Credentials"]
    client_with(movable.base_url, "sts", credentials).get_caller_identity()
    movable.advance_clock(901)
    with pytest.raises(ClientError) as exc:
        client_with(movable.base_url, "sts", credentials).get_caller_identity()
    assert error(exc) == ("ExpiredToken", "The security token included in the request is expired")
    with pytest.raises(ClientError) as exc:
        client_with(movable.base_url, "cognito-idp", credentials).list_user_pools(MaxResults=1)
    assert error(exc) == ("ExpiredTokenException", "The security token included in the request is expired")


def guest_pool(ci: Any, iam: Any, *, classic: bool = True) -> tuple[str, str]:
    """An identity pool allowing guests and the classic flow, and its unauthenticated role's ARN."""
    pool_id = ci.create_identity_pool(
        IdentityPoolName=f"ip{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=True, AllowClassicFlow=classic
    )["IdentityPoolId"]
    role = make_role(iam, pool_id, "unauthenticated")
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"unauthenticated": role})
    return pool_id, role


def test_web_identity_with_an_identity_pool_token(cognito: LocalCognito, ci: Any, iam: Any, sts: Any) -> None:
    pool_id, role = guest_pool(ci, iam)
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    token = ci.get_open_id_token(IdentityId=identity_id)["Token"]
    assumed = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="guest", WebIdentityToken=token)
    assert assumed["SubjectFromWebIdentityToken"] == identity_id
    assert assumed["Provider"] == "cognito-identity.amazonaws.com" and assumed["Audience"] == pool_id
    me = client_with(cognito.base_url, "sts", assumed["Credentials"]).get_caller_identity()
    assert me["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role.rsplit('/', 1)[1]}/guest"
    # Another pool's role trusts another aud; an authenticated-only role refuses a guest's amr.
    _, other_role = guest_pool(ci, iam)
    authenticated_only = make_role(iam, pool_id, "authenticated")
    for refused in (other_role, authenticated_only):
        with pytest.raises(ClientError) as exc:
            sts.assume_role_with_web_identity(RoleArn=refused, RoleSessionName="guest", WebIdentityToken=token)
        assert error(exc) == ("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
    with pytest.raises(ClientError) as exc:
        sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="guest", WebIdentityToken=token[:-4] + "AAAA")
    assert error(exc)[0] == "InvalidIdentityToken"


def test_identity_pool_credentials_name_cognito_identity_credentials(cognito: LocalCognito, ci: Any, iam: Any) -> None:
    pool_id, role = guest_pool(ci, iam, classic=False)
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    credentials = ci.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    me = client_with(cognito.base_url, "sts", credentials).get_caller_identity()
    assert me["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role.rsplit('/', 1)[1]}/CognitoIdentityCredentials"


def test_web_identity_with_a_user_pool_id_token_through_an_oidc_provider(
    cognito: LocalCognito, idp: Any, iam: Any, sts: Any, pool: dict[str, Any]
) -> None:
    client_id = new_client(idp, pool["Id"])["ClientId"]
    issuer = f"{cognito.base_url}/{pool['Id']}"
    key = issuer.split("://", 1)[1]
    provider = iam.create_open_id_connect_provider(Url=issuer, ClientIDList=[client_id])["OpenIDConnectProviderArn"]
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": provider},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {f"{key}:aud": client_id}},
            }
        ],
    }
    role = iam.create_role(RoleName=unique("oidc"), AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    new_user(idp, pool["Id"], "olga")
    id_token = tokens(idp, client_id, "olga")["IdToken"]
    assumed = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="olga", WebIdentityToken=id_token)
    assert assumed["Audience"] == client_id and assumed["Provider"] == key
    other_client = new_client(idp, pool["Id"])["ClientId"]
    other_token = tokens(idp, other_client, "olga")["IdToken"]
    with pytest.raises(ClientError) as exc:
        sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="olga", WebIdentityToken=other_token)
    assert error(exc) == ("InvalidIdentityToken", "Incorrect token audience")
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=provider)
    with pytest.raises(ClientError) as exc:
        sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="olga", WebIdentityToken=id_token)
    assert error(exc) == ("InvalidIdentityToken", f"No OpenIDConnect provider found in your account for {issuer}")


def test_policy_evaluation_endpoint(cognito: LocalCognito, ci: Any, iam: Any) -> None:
    pool_id, role = guest_pool(ci, iam, classic=False)
    role_name = role.rsplit("/", 1)[1]
    iam.put_role_policy(RoleName=role_name, PolicyName="files", PolicyDocument=json.dumps(PERMISSIONS))
    identity_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    credentials = ci.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    url = f"{cognito.base_url}/_emulator/policy-evaluation"

    def ask(**body: Any) -> dict[str, Any]:
        answer = httpx.post(url, json=body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    own = ask(identity_id=identity_id, action="s3:GetObject", resource=f"arn:aws:s3:::bucket/{identity_id}/a.txt")
    assert own["allowed"] is True and own["role_arn"] == role
    assert [(s["policy"], s["sid"], s["effect"]) for s in own["statements"]] == [("files", "OwnFolder", "Allow")]
    assert own["context"]["cognito-identity.amazonaws.com:sub"] == [identity_id]
    others = ask(
        access_key_id=credentials["AccessKeyId"],
        action="s3:GetObject",
        resource="arn:aws:s3:::bucket/us-east-1:someone-else/a.txt",
    )
    assert others["allowed"] is False and others["statements"] == []
    assert others["decision"].startswith("implicitly denied")
    secret = ask(
        role_arn=role,
        action="s3:GetObject",
        resource="arn:aws:s3:::bucket/secret/x",
        context={"cognito-identity.amazonaws.com:sub": "secret"},
    )
    assert secret["allowed"] is False and secret["decision"] == "explicitly denied"
    assert [s["sid"] for s in secret["statements"]] == ["NoSecrets"]
    missing = httpx.post(url, json={"identity_id": "us-east-1:nobody", "action": "s3:GetObject"})
    assert missing.status_code == 404 and missing.json()["__type"] == "NoSuchEntity"
    bad = httpx.post(url, json={"role_arn": role, "action": "nothing"})
    assert bad.status_code == 400


OPERATOR = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDOPERATOR", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "operator/secret+key"}


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    server = start(tmp_path_factory.mktemp("sts-public"), "--host", "127.0.0.2", env=OPERATOR)
    yield server
    assert server.stop() == 0


def test_beyond_loopback_the_same_signature_rules_apply(public: LocalCognito) -> None:
    operator = {
        "AccessKeyId": OPERATOR["COGNITO_LOCAL_ACCESS_KEY_ID"],
        "SecretAccessKey": OPERATOR["COGNITO_LOCAL_SECRET_ACCESS_KEY"],
        "SessionToken": "",
    }
    iam = client_with(public.base_url, "iam", operator, aws_session_token="")
    sts = client_with(public.base_url, "sts", operator, aws_session_token="")
    arn = iam.create_role(RoleName=unique("public"), AssumeRolePolicyDocument=json.dumps(ROOT_TRUST))["Role"]["Arn"]
    unsigned = httpx.post(public.base_url, data={"Action": "GetCallerIdentity", "Version": "2011-06-15"})
    assert unsigned.status_code == 403 and "<Code>MissingAuthenticationToken</Code>" in unsigned.text
    with pytest.raises(ClientError) as exc:
        client_with(
            public.base_url, "sts", {**operator, "AccessKeyId": "AKIDSOMEONEELSE"}, aws_session_token=""
        ).get_caller_identity()
    assert error(exc)[0] == "InvalidClientTokenId"
    credentials = sts.assume_role(RoleArn=arn, RoleSessionName="remote")["Credentials"]
    # Credentials this server issued stand in for the operator's keys.
    client_with(public.base_url, "cognito-idp", credentials).list_user_pools(MaxResults=1)
    assert client_with(public.base_url, "sts", credentials).get_caller_identity()["Arn"].endswith("/remote")
    # AssumeRoleWithWebIdentity is unsigned, as on AWS: it is refused for its token, not for a signature.
    web = httpx.post(
        public.base_url,
        data={
            "Action": "AssumeRoleWithWebIdentity",
            "Version": "2011-06-15",
            "RoleArn": arn,
            "RoleSessionName": "web",
            "WebIdentityToken": "not-a-token-at-all",
        },
    )
    assert web.status_code == 400 and "<Code>InvalidIdentityToken</Code>" in web.text


def test_iam_and_sts_are_signed_in_us_east_1_on_a_server_of_another_region(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    server = start(tmp_path_factory.mktemp("sts-region"), "--region", "eu-west-1")
    try:
        iam = make_client(server.base_url, "iam")
        arn = iam.create_role(RoleName=unique("regional"), AssumeRolePolicyDocument=json.dumps(ROOT_TRUST))["Role"][
            "Arn"
        ]
        credentials = make_client(server.base_url, "sts").assume_role(RoleArn=arn, RoleSessionName="global")[
            "Credentials"
        ]
        # make_client signs in us-east-1: IAM and STS take it, as their global endpoint does; user pools do not.
        assert client_with(server.base_url, "sts", credentials).get_caller_identity()["Arn"].endswith("/global")
        client_with(server.base_url, "iam", credentials).list_roles()
        with pytest.raises(ClientError) as exc:
            client_with(server.base_url, "cognito-idp", credentials).list_user_pools(MaxResults=1)
        assert error(exc)[0] == "InvalidSignatureException"
        regional = boto3.client(
            "cognito-idp",
            endpoint_url=server.base_url,
            region_name="eu-west-1",
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )
        regional.list_user_pools(MaxResults=1)
    finally:
        assert server.stop() == 0
