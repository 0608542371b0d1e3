"""Identity pools: create, describe, update, list, delete, tags, identities, roles and principal tag maps, and
the errors AWS answers for bad input."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import error
from tests.localcognito import start

USER_POOL_PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
ROLE = "arn:aws:iam::000000000000:role/Cognito_Authenticated"


@pytest.fixture(scope="module")
def ci(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture
def identity_pool(ci: Any) -> Iterator[dict[str, Any]]:
    created = ci.create_identity_pool(
        IdentityPoolName=f"pool{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=True
    )
    yield created
    with contextlib.suppress(ci.exceptions.ResourceNotFoundException):
        ci.delete_identity_pool(IdentityPoolId=created["IdentityPoolId"])


def test_create_describe_update_delete(ci: Any) -> None:
    created = ci.create_identity_pool(
        IdentityPoolName="My pool",
        AllowUnauthenticatedIdentities=False,
        AllowClassicFlow=True,
        SupportedLoginProviders={"accounts.google.com": "123.apps.googleusercontent.com"},
        DeveloperProviderName="login.example",
        CognitoIdentityProviders=[
            {"ProviderName": USER_POOL_PROVIDER, "ClientId": "client1", "ServerSideTokenCheck": True}
        ],
        OpenIdConnectProviderARNs=["arn:aws:iam::000000000000:oidc-provider/login.example.com"],
        SamlProviderARNs=["arn:aws:iam::000000000000:saml-provider/corp"],
        IdentityPoolTags={"team": "a"},
    )
    pool_id = created["IdentityPoolId"]
    region, _, guid = pool_id.partition(":")
    assert region == "us-east-1" and uuid.UUID(guid)
    described = ci.describe_identity_pool(IdentityPoolId=pool_id)
    described.pop("ResponseMetadata")
    created.pop("ResponseMetadata")
    assert described == created
    assert described["AllowClassicFlow"] is True
    assert described["CognitoIdentityProviders"] == [
        {"ProviderName": USER_POOL_PROVIDER, "ClientId": "client1", "ServerSideTokenCheck": True}
    ]
    updated = ci.update_identity_pool(
        IdentityPoolId=pool_id,
        IdentityPoolName="Renamed",
        AllowUnauthenticatedIdentities=True,
        DeveloperProviderName="login.example",
    )
    assert updated["IdentityPoolName"] == "Renamed" and updated["AllowUnauthenticatedIdentities"] is True
    assert updated["AllowClassicFlow"] is False and updated["CognitoIdentityProviders"] == []
    assert updated["IdentityPoolTags"] == {"team": "a"}
    with pytest.raises(ClientError) as exc:
        ci.update_identity_pool(
            IdentityPoolId=pool_id,
            IdentityPoolName="x",
            AllowUnauthenticatedIdentities=True,
            DeveloperProviderName="other",
        )
    assert error(exc)[0] == "InvalidParameterException"
    ci.delete_identity_pool(IdentityPoolId=pool_id)
    with pytest.raises(ClientError) as exc:
        ci.describe_identity_pool(IdentityPoolId=pool_id)
    assert error(exc) == ("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found.")


def test_list_pages_through_every_pool(ci: Any) -> None:
    made = {
        ci.create_identity_pool(IdentityPoolName=f"list{i}", AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
        for i in range(5)
    }
    seen: list[str] = []
    kwargs: dict[str, Any] = {"MaxResults": 2}
    while True:
        page = ci.list_identity_pools(**kwargs)
        assert len(page["IdentityPools"]) <= 2
        seen += [p["IdentityPoolId"] for p in page["IdentityPools"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert made <= set(seen) and len(seen) == len(set(seen))
    for pool_id in made:
        ci.delete_identity_pool(IdentityPoolId=pool_id)
    with pytest.raises(ClientError) as exc:
        ci.list_identity_pools(MaxResults=2, NextToken="garbage")
    assert error(exc)[0] == "InvalidParameterException"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"IdentityPoolName": "bad/name", "AllowUnauthenticatedIdentities": True}, "InvalidParameterException"),
        (
            {
                "IdentityPoolName": "p",
                "AllowUnauthenticatedIdentities": True,
                "SupportedLoginProviders": {"evil.example": "x"},
            },
            "InvalidParameterException",
        ),
        (
            {
                "IdentityPoolName": "p",
                "AllowUnauthenticatedIdentities": True,
                "CognitoIdentityProviders": [{"ProviderName": "example.com/x", "ClientId": "c"}],
            },
            "InvalidParameterException",
        ),
        (
            {
                "IdentityPoolName": "p",
                "AllowUnauthenticatedIdentities": True,
                "OpenIdConnectProviderARNs": ["arn:aws:iam::000000000000:role/notoidc"],
            },
            "InvalidParameterException",
        ),
        (
            {"IdentityPoolName": "p", "AllowUnauthenticatedIdentities": True, "DeveloperProviderName": "bad name"},
            "InvalidParameterException",
        ),
    ],
)
def test_bad_pools_are_refused(ci: Any, kwargs: dict[str, Any], code: str) -> None:
    with pytest.raises(ClientError) as exc:
        ci.create_identity_pool(**kwargs)
    assert error(exc)[0] == code


def test_bad_ids_are_refused(ci: Any) -> None:
    with pytest.raises(ClientError) as exc:
        ci.describe_identity_pool(IdentityPoolId="not-a-pool-id")
    code, message = error(exc)
    assert code == "InvalidParameterException" and "identityPoolId" in message
    with pytest.raises(ClientError) as exc:
        ci.describe_identity(IdentityId="us-east-1:00000000-0000-0000-0000-000000000000")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId="us-east-1:00000000-0000-0000-0000-000000000000")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_tags(ci: Any, identity_pool: dict[str, Any]) -> None:
    arn = f"arn:aws:cognito-identity:us-east-1:000000000000:identitypool/{identity_pool['IdentityPoolId']}"
    ci.tag_resource(ResourceArn=arn, Tags={"a": "1", "b": "2"})
    ci.untag_resource(ResourceArn=arn, TagKeys=["a"])
    assert ci.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"b": "2"}
    assert ci.describe_identity_pool(IdentityPoolId=identity_pool["IdentityPoolId"])["IdentityPoolTags"] == {"b": "2"}
    with pytest.raises(ClientError) as exc:
        ci.tag_resource(ResourceArn=arn, Tags={f"k{i}": "v" for i in range(51)})
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        ci.list_tags_for_resource(ResourceArn=arn.replace(identity_pool["IdentityPoolId"], "us-east-1:0000"))
    assert error(exc)[0] == "ResourceNotFoundException"


def test_guest_identities_listed_described_and_deleted(ci: Any, identity_pool: dict[str, Any]) -> None:
    pool_id = identity_pool["IdentityPoolId"]
    ids = [ci.get_id(IdentityPoolId=pool_id)["IdentityId"] for _ in range(3)]
    assert all(i.startswith("us-east-1:") for i in ids) and len(set(ids)) == 3
    described = ci.describe_identity(IdentityId=ids[0])
    assert described["IdentityId"] == ids[0] and described["Logins"] == []
    assert described["CreationDate"] and described["LastModifiedDate"]
    first = ci.list_identities(IdentityPoolId=pool_id, MaxResults=2)
    second = ci.list_identities(IdentityPoolId=pool_id, MaxResults=2, NextToken=first["NextToken"])
    assert [i["IdentityId"] for i in first["Identities"] + second["Identities"]] == ids
    assert "NextToken" not in second
    assert ci.delete_identities(IdentityIdsToDelete=ids[:2])["UnprocessedIdentityIds"] == []
    assert [i["IdentityId"] for i in ci.list_identities(IdentityPoolId=pool_id, MaxResults=60)["Identities"]] == ids[2:]


def test_guests_refused_where_the_pool_allows_none(ci: Any) -> None:
    pool_id = ci.create_identity_pool(IdentityPoolName="noguests", AllowUnauthenticatedIdentities=False)[
        "IdentityPoolId"
    ]
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=pool_id)
    assert error(exc) == ("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
    ci.delete_identity_pool(IdentityPoolId=pool_id)


def test_roles_and_role_mappings(ci: Any, identity_pool: dict[str, Any]) -> None:
    pool_id = identity_pool["IdentityPoolId"]
    assert ci.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"] == {}
    mappings = {
        f"{USER_POOL_PROVIDER}:client1": {
            "Type": "Rules",
            "AmbiguousRoleResolution": "Deny",
            "RulesConfiguration": {
                "Rules": [{"Claim": "custom:team", "MatchType": "Equals", "Value": "red", "RoleARN": ROLE}]
            },
        }
    }
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": ROLE}, RoleMappings=mappings)
    got = ci.get_identity_pool_roles(IdentityPoolId=pool_id)
    assert got["Roles"] == {"authenticated": ROLE} and got["RoleMappings"] == mappings
    for bad in (
        {"Roles": {"authenticated": "arn:aws:iam::000000000000:user/not-a-role"}},
        {"Roles": {}, "RoleMappings": {"x": {"Type": "Rules", "AmbiguousRoleResolution": "Deny"}}},
        {"Roles": {}, "RoleMappings": {"x": {"Type": "Token"}}},
        {"Roles": {"guest": ROLE}},
    ):
        with pytest.raises(ClientError) as exc:
            ci.set_identity_pool_roles(IdentityPoolId=pool_id, **bad)
        assert error(exc)[0] == "InvalidParameterException", bad


def test_principal_tag_attribute_maps(ci: Any, identity_pool: dict[str, Any]) -> None:
    pool_id = identity_pool["IdentityPoolId"]
    unset = ci.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=USER_POOL_PROVIDER)
    assert unset["UseDefaults"] is False and "PrincipalTags" not in unset
    defaults = ci.set_principal_tag_attribute_map(
        IdentityPoolId=pool_id, IdentityProviderName=USER_POOL_PROVIDER, UseDefaults=True
    )
    assert defaults["UseDefaults"] is True and defaults["PrincipalTags"] == {"username": "sub", "client": "aud"}
    ci.set_principal_tag_attribute_map(
        IdentityPoolId=pool_id,
        IdentityProviderName=USER_POOL_PROVIDER,
        UseDefaults=False,
        PrincipalTags={"dept": "custom:dept"},
    )
    got = ci.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=USER_POOL_PROVIDER)
    assert got["UseDefaults"] is False and got["PrincipalTags"] == {"dept": "custom:dept"}


def test_openid_discovery_and_keys(cognito: Any) -> None:
    config = httpx.get(f"{cognito.base_url}/_identity/.well-known/openid-configuration", timeout=10).json()
    assert config["issuer"] == f"{cognito.base_url}/_identity"
    keys = httpx.get(config["jwks_uri"], timeout=10).json()["keys"]
    assert len(keys) == 1 and keys[0]["alg"] == "RS256" and jwt.PyJWK(keys[0]).key is not None


def test_a_seed_file_makes_identity_pools_with_fixed_ids(tmp_path: Any) -> None:

    fixed = "us-east-1:11111111-2222-3333-4444-555555555555"
    seed = tmp_path / "seed.json"
    seed.write_text(
        json.dumps(
            {
                "UserPools": [
                    {
                        "Id": "us-east-1_SeedPool1",
                        "PoolName": "seeded",
                        "Clients": [{"ClientName": "app", "ClientId": "a" * 26}],
                    }
                ],
                "IdentityPools": [
                    {
                        "IdentityPoolId": fixed,
                        "IdentityPoolName": "seeded",
                        "AllowUnauthenticatedIdentities": True,
                        "CognitoIdentityProviders": [
                            {
                                "ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_SeedPool1",
                                "ClientId": "a" * 26,
                            }
                        ],
                        "Roles": {"unauthenticated": ROLE},
                    }
                ],
            }
        )
    )
    server = start(tmp_path / "data", "--seed", str(seed))
    try:
        ci = make_client(server.base_url, "cognito-identity")
        assert ci.describe_identity_pool(IdentityPoolId=fixed)["IdentityPoolName"] == "seeded"
        assert ci.get_identity_pool_roles(IdentityPoolId=fixed)["Roles"] == {"unauthenticated": ROLE}
        assert ci.get_id(IdentityPoolId=fixed)["IdentityId"]
    finally:
        assert server.stop() == 0
    # A second start with the same data leaves the pool (and its identity) as it is.
    server = start(tmp_path / "data", "--seed", str(seed))
    try:
        ci = make_client(server.base_url, "cognito-identity")
        assert len(ci.list_identities(IdentityPoolId=fixed, MaxResults=10)["Identities"]) == 1
    finally:
        assert server.stop() == 0


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is a test dependency")
def test_the_aws_cli_manages_identity_pools(cognito: Any) -> None:
    def aws(*args: str) -> dict[str, Any]:
        env = {
            **os.environ,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_PAGER": "",
        }
        done = subprocess.run(
            ["aws", "--endpoint-url", cognito.base_url, "--output", "json", "cognito-identity", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        found: dict[str, Any] = json.loads(done.stdout) if done.stdout.strip() else {}
        return found

    created = aws("create-identity-pool", "--identity-pool-name", "from_cli", "--allow-unauthenticated-identities")
    pool_id = created["IdentityPoolId"]
    assert created["AllowUnauthenticatedIdentities"] is True
    identity_id = aws("get-id", "--identity-pool-id", pool_id)["IdentityId"]
    listed = aws("list-identities", "--identity-pool-id", pool_id, "--max-results", "10")
    assert [i["IdentityId"] for i in listed["Identities"]] == [identity_id]
    assert aws("describe-identity", "--identity-id", identity_id)["IdentityId"] == identity_id
    pools = aws("list-identity-pools", "--max-results", "60")
    assert pool_id in {p["IdentityPoolId"] for p in pools["IdentityPools"]}
    aws("delete-identity-pool", "--identity-pool-id", pool_id)
