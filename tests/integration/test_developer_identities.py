"""Developer-authenticated identities: OpenID tokens for a developer's users, lookup, merge and unlink."""

from __future__ import annotations

import uuid
from typing import Any

import jwt
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import claims, error

DEVELOPER = "login.example.app"


@pytest.fixture(scope="module")
def ci(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture
def pool_id(ci: Any) -> str:
    found: str = ci.create_identity_pool(
        IdentityPoolName=f"dev{uuid.uuid4().hex[:8]}",
        AllowUnauthenticatedIdentities=True,
        DeveloperProviderName=DEVELOPER,
    )["IdentityPoolId"]
    return found


def test_token_for_a_developer_user_names_its_identity(cognito: Any, ci: Any, pool_id: str) -> None:
    first = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "user-1"})
    again = ci.get_open_id_token_for_developer_identity(
        IdentityPoolId=pool_id, Logins={DEVELOPER: "user-1"}, TokenDuration=3600, PrincipalTags={"dept": "eng"}
    )
    assert again["IdentityId"] == first["IdentityId"]
    token = claims(again["Token"])
    assert token["sub"] == first["IdentityId"] and token["aud"] == pool_id
    assert token["iss"] == f"{cognito.base_url}/_identity"
    assert token["amr"] == ["authenticated", DEVELOPER, f"{DEVELOPER}:{pool_id}:user-1"]
    assert token["exp"] - token["iat"] == 3600
    assert token["https://aws.amazon.com/tags"] == {"principal_tags": {"dept": ["eng"]}}
    assert claims(first["Token"])["exp"] - claims(first["Token"])["iat"] == 900
    # The token verifies against the published keys.
    keys = jwt.PyJWKClient(f"{cognito.base_url}/_identity/.well-known/jwks_uri")
    jwt.decode(
        again["Token"], keys.get_signing_key_from_jwt(again["Token"]).key, algorithms=["RS256"], audience=pool_id
    )
    described = ci.describe_identity(IdentityId=first["IdentityId"])
    assert described["Logins"] == [DEVELOPER]
    # The developer's token signs the identity in (enhanced flow's Logins key).
    assert (
        ci.get_id(IdentityPoolId=pool_id, Logins={"cognito-identity.amazonaws.com": again["Token"]})["IdentityId"]
        == first["IdentityId"]
    )


def test_lookup_by_identity_or_user(ci: Any, pool_id: str) -> None:
    identity = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "alice"})[
        "IdentityId"
    ]
    by_user = ci.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="alice", MaxResults=10)
    assert by_user["IdentityId"] == identity and by_user["DeveloperUserIdentifierList"] == ["alice"]
    by_id = ci.lookup_developer_identity(IdentityPoolId=pool_id, IdentityId=identity, MaxResults=10)
    assert by_id["DeveloperUserIdentifierList"] == ["alice"]
    other = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "bob"})["IdentityId"]
    with pytest.raises(ClientError) as exc:
        ci.lookup_developer_identity(
            IdentityPoolId=pool_id, IdentityId=other, DeveloperUserIdentifier="alice", MaxResults=10
        )
    assert error(exc)[0] == "ResourceConflictException"
    with pytest.raises(ClientError) as exc:
        ci.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="nobody", MaxResults=10)
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        ci.lookup_developer_identity(IdentityPoolId=pool_id, MaxResults=10)
    assert error(exc)[0] == "InvalidParameterException"


def test_merge_moves_the_source_user_to_the_destination_identity(ci: Any, pool_id: str) -> None:
    made = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "src"})
    source, source_token = made["IdentityId"], made["Token"]
    destination = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "dst"})[
        "IdentityId"
    ]
    merged = ci.merge_developer_identities(
        SourceUserIdentifier="src",
        DestinationUserIdentifier="dst",
        DeveloperProviderName=DEVELOPER,
        IdentityPoolId=pool_id,
    )
    assert merged["IdentityId"] == destination
    found = ci.lookup_developer_identity(IdentityPoolId=pool_id, IdentityId=destination, MaxResults=10)
    assert sorted(found["DeveloperUserIdentifierList"]) == ["dst", "src"]
    assert (
        ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "src"})["IdentityId"]
        == destination
    )
    # A token the source got before the merge signs in as the destination.
    signed_in = ci.get_id(IdentityPoolId=pool_id, Logins={"cognito-identity.amazonaws.com": source_token})
    assert signed_in["IdentityId"] == destination
    listed = ci.list_identities(IdentityPoolId=pool_id, MaxResults=60, HideDisabled=True)["Identities"]
    assert destination in {i["IdentityId"] for i in listed} and source not in {i["IdentityId"] for i in listed}
    with pytest.raises(ClientError) as exc:
        ci.merge_developer_identities(
            SourceUserIdentifier="src",
            DestinationUserIdentifier="dst",
            DeveloperProviderName="other",
            IdentityPoolId=pool_id,
        )
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        ci.merge_developer_identities(
            SourceUserIdentifier="ghost",
            DestinationUserIdentifier="dst",
            DeveloperProviderName=DEVELOPER,
            IdentityPoolId=pool_id,
        )
    assert error(exc)[0] == "ResourceNotFoundException"


def test_linking_to_an_identity_and_unlinking(ci: Any, pool_id: str) -> None:
    guest = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    linked = ci.get_open_id_token_for_developer_identity(
        IdentityPoolId=pool_id, IdentityId=guest, Logins={DEVELOPER: "carol"}
    )
    assert linked["IdentityId"] == guest
    with pytest.raises(ClientError) as exc:
        other = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
        ci.get_open_id_token_for_developer_identity(
            IdentityPoolId=pool_id, IdentityId=other, Logins={DEVELOPER: "carol"}
        )
    assert error(exc)[0] == "DeveloperUserAlreadyRegisteredException"
    ci.unlink_developer_identity(
        IdentityId=guest, IdentityPoolId=pool_id, DeveloperProviderName=DEVELOPER, DeveloperUserIdentifier="carol"
    )
    assert ci.describe_identity(IdentityId=guest)["Logins"] == []
    with pytest.raises(ClientError) as exc:
        ci.unlink_developer_identity(
            IdentityId=guest, IdentityPoolId=pool_id, DeveloperProviderName=DEVELOPER, DeveloperUserIdentifier="carol"
        )
    assert error(exc)[0] == "ResourceNotFoundException"


def test_a_pool_without_a_developer_provider_refuses(ci: Any) -> None:
    pool_id = ci.create_identity_pool(IdentityPoolName="nodev", AllowUnauthenticatedIdentities=True)["IdentityPoolId"]
    with pytest.raises(ClientError) as exc:
        ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "x"})
    assert error(exc)[0] == "InvalidParameterException"
