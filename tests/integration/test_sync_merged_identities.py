"""Cognito Sync datasets of merged identities: MergeDeveloperIdentities, and a guest that signs in with a login
another identity holds, move the source identity's datasets to the destination as ``<name>.<sourceIdentityId>``,
which ListRecords names in MergedDatasetNames."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.test_sync import put, replace

DEVELOPER = "login.example.app"


@pytest.fixture(scope="module")
def ci(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture(scope="module")
def sync(cognito: Any) -> Any:
    return make_client(cognito.base_url, "cognito-sync")


@pytest.fixture
def pool_id(ci: Any) -> str:
    found: str = ci.create_identity_pool(
        IdentityPoolName=f"merge{uuid.uuid4().hex[:8]}",
        AllowUnauthenticatedIdentities=True,
        AllowClassicFlow=True,
        DeveloperProviderName=DEVELOPER,
    )["IdentityPoolId"]
    return found


def _values(sync: Any, pool_id: str, identity_id: str, dataset: str) -> dict[str, str | None]:
    listed = sync.list_records(IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName=dataset)
    return {r["Key"]: r.get("Value") for r in listed["Records"]}


def test_merge_developer_identities_moves_the_source_datasets(ci: Any, sync: Any, pool_id: str) -> None:
    source = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "phone"})
    destination = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "web"})
    source_id, destination_id = source["IdentityId"], destination["IdentityId"]
    put(sync, pool_id, source_id, "game", replace("level", "7"), replace("score", "700"))
    put(sync, pool_id, source_id, "game", replace("level", "8", 1))
    put(sync, pool_id, source_id, "prefs", replace("theme", "dark"))
    put(sync, pool_id, destination_id, "game", replace("level", "2"))

    merged = ci.merge_developer_identities(
        SourceUserIdentifier="phone",
        DestinationUserIdentifier="web",
        DeveloperProviderName=DEVELOPER,
        IdentityPoolId=pool_id,
    )
    assert merged["IdentityId"] == destination_id

    datasets = sync.list_datasets(IdentityPoolId=pool_id, IdentityId=destination_id)["Datasets"]
    by_name = {d["DatasetName"]: d for d in datasets}
    assert set(by_name) == {"game", f"game.{source_id}", f"prefs.{source_id}"}
    assert by_name[f"game.{source_id}"]["NumRecords"] == 2
    listed = sync.list_records(IdentityPoolId=pool_id, IdentityId=destination_id, DatasetName="game")
    assert listed["MergedDatasetNames"] == [f"game.{source_id}"]
    assert {r["Key"]: r["Value"] for r in listed["Records"]} == {"level": "2"}
    moved = sync.list_records(IdentityPoolId=pool_id, IdentityId=destination_id, DatasetName=f"game.{source_id}")
    assert moved["DatasetSyncCount"] == 2  # the sync counts come along
    assert {r["Key"]: (r["Value"], r["SyncCount"]) for r in moved["Records"]} == {
        "level": ("8", 2),
        "score": ("700", 1),
    }
    assert _values(sync, pool_id, destination_id, f"prefs.{source_id}") == {"theme": "dark"}
    assert sync.list_records(IdentityPoolId=pool_id, IdentityId=destination_id, DatasetName="prefs")[
        "MergedDatasetNames"
    ] == [f"prefs.{source_id}"]

    # The source identity is disabled: its data is reached through the destination only.
    with pytest.raises(ClientError) as exc:
        sync.list_datasets(IdentityPoolId=pool_id, IdentityId=source_id)
    assert exc.value.response["Error"]["Code"] == "NotAuthorizedException"

    # The app folds the merged dataset into its own and deletes it; the name is then no longer reported.
    sync.delete_dataset(IdentityPoolId=pool_id, IdentityId=destination_id, DatasetName=f"game.{source_id}")
    assert (
        sync.list_records(IdentityPoolId=pool_id, IdentityId=destination_id, DatasetName="game")["MergedDatasetNames"]
        == []
    )


def test_a_guest_signing_in_as_another_identity_brings_its_datasets(ci: Any, sync: Any, pool_id: str) -> None:
    known = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "alice"})
    guest_id = ci.get_id(IdentityPoolId=pool_id)["IdentityId"]
    put(sync, pool_id, guest_id, "cart", replace("item", "book"))

    # The guest presents the login of alice's identity: it is merged into that identity.
    signed_in = ci.get_open_id_token(IdentityId=guest_id, Logins={"cognito-identity.amazonaws.com": known["Token"]})
    assert signed_in["IdentityId"] == known["IdentityId"]
    datasets = sync.list_datasets(IdentityPoolId=pool_id, IdentityId=known["IdentityId"])["Datasets"]
    assert [d["DatasetName"] for d in datasets] == [f"cart.{guest_id}"]
    assert _values(sync, pool_id, known["IdentityId"], f"cart.{guest_id}") == {"item": "book"}
    assert sync.list_records(IdentityPoolId=pool_id, IdentityId=known["IdentityId"], DatasetName="cart")[
        "MergedDatasetNames"
    ] == [f"cart.{guest_id}"]


def test_a_dataset_made_again_under_a_merged_name_is_the_identitys_own(ci: Any, sync: Any, pool_id: str) -> None:
    source = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "s"})
    destination = ci.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={DEVELOPER: "d"})
    put(sync, pool_id, source["IdentityId"], "notes", replace("a", "1"))
    ci.merge_developer_identities(
        SourceUserIdentifier="s", DestinationUserIdentifier="d", DeveloperProviderName=DEVELOPER, IdentityPoolId=pool_id
    )
    name = f"notes.{source['IdentityId']}"
    sync.delete_dataset(IdentityPoolId=pool_id, IdentityId=destination["IdentityId"], DatasetName=name)
    put(sync, pool_id, destination["IdentityId"], name, replace("b", "2"))
    assert (
        sync.list_records(IdentityPoolId=pool_id, IdentityId=destination["IdentityId"], DatasetName="notes")[
            "MergedDatasetNames"
        ]
        == []
    )
