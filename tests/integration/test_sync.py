"""Cognito Sync (REST-JSON) through boto3's cognito-sync client and the AWS CLI: datasets, records, sync counts,
conflicts, sync sessions, limits, usage, push sync, streams, events, bulk publish and bad input."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.localcognito import LocalCognito, start

ROLE = "arn:aws:iam::000000000000:role/sync"
GCM_APP = "arn:aws:sns:us-east-1:000000000000:app/GCM/my-app"
SYNC_TRIGGER = "arn:aws:lambda:us-east-1:000000000000:function:sync-trigger"


@pytest.fixture(scope="module")
def sync(cognito: LocalCognito) -> Any:
    return make_client(cognito.base_url, "cognito-sync")


@pytest.fixture(scope="module")
def identity_client(cognito: LocalCognito) -> Any:
    return make_client(cognito.base_url, "cognito-identity")


@pytest.fixture
def identity_pool(identity_client: Any) -> Iterator[str]:
    pool_id = identity_client.create_identity_pool(
        IdentityPoolName=f"sync{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=True
    )["IdentityPoolId"]
    yield pool_id
    identity_client.delete_identity_pool(IdentityPoolId=pool_id)


def new_identity(identity_client: Any, pool_id: str) -> str:
    return str(identity_client.get_id(IdentityPoolId=pool_id)["IdentityId"])


@pytest.fixture
def identity(identity_client: Any, identity_pool: str) -> str:
    return new_identity(identity_client, identity_pool)


def identity_session(cognito: LocalCognito, identity_client: Any, pool_id: str) -> tuple[str, Any]:
    """A new guest identity of ``pool_id`` and a cognito-sync client signed with its Cognito credentials, as a
    mobile app's: the pool's unauthenticated role (made here) and GetCredentialsForIdentity."""
    iam = make_client(cognito.base_url, "iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
                },
            }
        ],
    }
    roles = identity_client.get_identity_pool_roles(IdentityPoolId=pool_id).get("Roles", {})
    if "unauthenticated" not in roles:
        role = iam.create_role(RoleName=f"guest-{uuid.uuid4().hex[:12]}", AssumeRolePolicyDocument=json.dumps(trust))
        identity_client.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"unauthenticated": role["Role"]["Arn"]})
    identity_id = new_identity(identity_client, pool_id)
    issued = identity_client.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    client = boto3.client(
        "cognito-sync",
        endpoint_url=cognito.base_url,
        region_name="us-east-1",
        aws_access_key_id=issued["AccessKeyId"],
        aws_secret_access_key=issued["SecretKey"],
        aws_session_token=issued["SessionToken"],
        config=Config(retries={"max_attempts": 1}),
    )
    return identity_id, client


def error_of(exc: pytest.ExceptionInfo[Any]) -> tuple[str, int, str]:
    response = exc.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


def sync_session(sync: Any, pool_id: str, identity_id: str, dataset: str) -> str:
    return str(
        sync.list_records(IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName=dataset)["SyncSessionToken"]
    )


def put(sync: Any, pool_id: str, identity_id: str, dataset: str, *patches: dict[str, Any], **extra: Any) -> Any:
    """One sync: ListRecords for a session, then UpdateRecords with ``patches``."""
    token = sync_session(sync, pool_id, identity_id, dataset)
    return sync.update_records(
        IdentityPoolId=pool_id,
        IdentityId=identity_id,
        DatasetName=dataset,
        SyncSessionToken=token,
        RecordPatches=list(patches),
        **extra,
    )


def replace(key: str, value: str, sync_count: int = 0) -> dict[str, Any]:
    return {"Op": "replace", "Key": key, "Value": value, "SyncCount": sync_count}


# -- records and sync counts ------------------------------------------------------------------------


def test_a_new_dataset_has_no_records_and_a_sync_session(sync: Any, identity_pool: str, identity: str) -> None:
    listed = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="settings")
    assert listed["Records"] == []
    assert listed["Count"] == 0
    assert listed["DatasetSyncCount"] == 0
    assert listed["DatasetExists"] is False
    assert listed["DatasetDeletedAfterRequestedSyncCount"] is False
    assert listed["SyncSessionToken"]
    # Listing made no dataset.
    assert sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=identity)["Datasets"] == []


def test_every_update_raises_the_sync_count_by_one(sync: Any, identity_pool: str, identity: str) -> None:
    first = put(sync, identity_pool, identity, "game", replace("level", "3"), replace("score", "100"), DeviceId="phone")
    assert sorted((r["Key"], r["Value"], r["SyncCount"]) for r in first["Records"]) == [
        ("level", "3", 1),
        ("score", "100", 1),
    ]
    assert all(r["LastModifiedBy"] == "phone" for r in first["Records"])
    second = put(sync, identity_pool, identity, "game", replace("score", "250", 1))
    assert [(r["Key"], r["SyncCount"]) for r in second["Records"]] == [("score", 2)]
    empty = put(sync, identity_pool, identity, "game")
    assert empty["Records"] == []
    described = sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="game")
    dataset = described["Dataset"]
    assert dataset["DatasetName"] == "game"
    assert dataset["IdentityId"] == identity
    assert dataset["NumRecords"] == 2
    assert dataset["DataStorage"] == len("level3score250")
    assert dataset["CreationDate"] <= dataset["LastModifiedDate"]
    listed = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="game")
    assert listed["DatasetSyncCount"] == 3
    assert listed["DatasetExists"] is True
    assert {r["Key"]: (r["Value"], r["SyncCount"]) for r in listed["Records"]} == {
        "level": ("3", 1),
        "score": ("250", 2),
    }


def test_list_records_returns_what_changed_after_the_last_sync_count(
    sync: Any, identity_pool: str, identity: str
) -> None:
    put(sync, identity_pool, identity, "notes", replace("a", "1"), replace("b", "1"))
    put(sync, identity_pool, identity, "notes", replace("c", "2"))
    since = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="notes", LastSyncCount=1)
    assert [r["Key"] for r in since["Records"]] == ["c"]
    assert since["DatasetSyncCount"] == 2
    up_to_date = sync.list_records(
        IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="notes", LastSyncCount=2
    )
    assert up_to_date["Records"] == []
    with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
        sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="notes", LastSyncCount=3)
    assert error_of(exc) == ("InvalidParameterException", 400, "No such SyncCount: 3 exists for this Dataset")


def test_list_records_pages(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "many", *(replace(f"k{i:02}", str(i)) for i in range(7)))
    keys: list[str] = []
    kwargs: dict[str, Any] = {}
    pages = 0
    while True:
        page = sync.list_records(
            IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="many", MaxResults=3, **kwargs
        )
        pages += 1
        assert page["Count"] == len(page["Records"]) <= 3
        keys += [r["Key"] for r in page["Records"]]
        if "NextToken" not in page:
            break
        kwargs = {"NextToken": page["NextToken"], "SyncSessionToken": page["SyncSessionToken"]}
    assert pages == 3
    assert keys == [f"k{i:02}" for i in range(7)]


def test_a_removed_record_stays_as_a_tombstone(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "prefs", replace("theme", "dark"), replace("font", "mono"))
    removed = put(sync, identity_pool, identity, "prefs", {"Op": "remove", "Key": "theme", "SyncCount": 1})
    assert removed["Records"][0]["Key"] == "theme"
    assert "Value" not in removed["Records"][0]
    assert removed["Records"][0]["SyncCount"] == 2
    since = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="prefs", LastSyncCount=1)
    assert [(r["Key"], r.get("Value")) for r in since["Records"]] == [("theme", None)]
    dataset = sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="prefs")["Dataset"]
    assert dataset["NumRecords"] == 1
    assert dataset["DataStorage"] == len("fontmono")
    # The removed record comes back with the tombstone's sync count.
    back = put(sync, identity_pool, identity, "prefs", replace("theme", "light", 2))
    assert back["Records"][0]["SyncCount"] == 3


def test_device_last_modified_date_is_kept(sync: Any, identity_pool: str, identity: str) -> None:
    patch = {**replace("k", "v"), "DeviceLastModifiedDate": 1_700_000_000}
    written = put(sync, identity_pool, identity, "dates", patch)
    assert written["Records"][0]["DeviceLastModifiedDate"].timestamp() == 1_700_000_000


# -- conflicts ----------------------------------------------------------------------------------------


def test_a_stale_sync_count_is_a_conflict_and_writes_nothing(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "shared", replace("x", "from device A"), replace("y", "1"))
    put(sync, identity_pool, identity, "shared", replace("x", "from device A again", 1))
    # Device B last saw x at sync count 1; the server holds it at 2.
    with pytest.raises(sync.exceptions.ResourceConflictException) as exc:
        put(sync, identity_pool, identity, "shared", replace("y", "2", 1), replace("x", "from device B", 1))
    assert error_of(exc) == ("ResourceConflictException", 409, "Current SyncCount for: x is: 2 not: 1")
    listed = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="shared")
    assert listed["DatasetSyncCount"] == 2
    assert {r["Key"]: r["Value"] for r in listed["Records"]} == {"x": "from device A again", "y": "1"}


def test_a_new_record_must_claim_sync_count_zero(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "fresh", replace("a", "1"))
    with pytest.raises(sync.exceptions.ResourceConflictException) as exc:
        put(sync, identity_pool, identity, "fresh", replace("b", "1", 5))
    assert error_of(exc)[2] == "Current SyncCount for: b is: 0 not: 5"
    with pytest.raises(sync.exceptions.ResourceConflictException):
        put(sync, identity_pool, identity, "fresh", replace("a", "again", 0))


# -- sync sessions --------------------------------------------------------------------------------------


def test_update_records_needs_a_sync_session_of_its_own(
    sync: Any, identity_client: Any, identity_pool: str, identity: str
) -> None:
    patch = [replace("k", "v")]
    for bad in ("not-a-session", sync_session(sync, identity_pool, identity, "other-dataset")):
        with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
            sync.update_records(
                IdentityPoolId=identity_pool,
                IdentityId=identity,
                DatasetName="mine",
                SyncSessionToken=bad,
                RecordPatches=patch,
            )
        assert error_of(exc) == ("InvalidParameterException", 400, "SyncSessionToken not valid for these inputs")
    someone_else = new_identity(identity_client, identity_pool)
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.update_records(
            IdentityPoolId=identity_pool,
            IdentityId=someone_else,
            DatasetName="mine",
            SyncSessionToken=sync_session(sync, identity_pool, identity, "mine"),
            RecordPatches=patch,
        )
    # A session serves more than one page of ListRecords, and then the update.
    token = sync_session(sync, identity_pool, identity, "mine")
    again = sync.list_records(
        IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="mine", SyncSessionToken=token
    )
    assert again["SyncSessionToken"] == token
    sync.update_records(
        IdentityPoolId=identity_pool,
        IdentityId=identity,
        DatasetName="mine",
        SyncSessionToken=token,
        RecordPatches=patch,
    )


def test_a_sync_session_expires(tmp_path: Path) -> None:
    server = start(tmp_path / "data", "--movable-clock")
    try:
        identity_client = make_client(server.base_url, "cognito-identity")
        sync = make_client(server.base_url, "cognito-sync")
        pool_id = identity_client.create_identity_pool(IdentityPoolName="expiry", AllowUnauthenticatedIdentities=True)[
            "IdentityPoolId"
        ]
        identity_id = new_identity(identity_client, pool_id)
        token = sync_session(sync, pool_id, identity_id, "d")
        server.advance_clock(3601)
        with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
            sync.update_records(
                IdentityPoolId=pool_id,
                IdentityId=identity_id,
                DatasetName="d",
                SyncSessionToken=token,
                RecordPatches=[replace("k", "v")],
            )
        assert error_of(exc)[2] == "SyncSessionToken has expired"
    finally:
        assert server.stop() == 0


# -- limits -----------------------------------------------------------------------------------------------


def test_an_identity_holds_at_most_20_datasets(sync: Any, identity_pool: str, identity: str) -> None:
    for i in range(20):
        put(sync, identity_pool, identity, f"ds{i}", replace("k", "v"))
    with pytest.raises(sync.exceptions.LimitExceededException) as exc:
        put(sync, identity_pool, identity, "one-too-many", replace("k", "v"))
    assert error_of(exc)[:2] == ("LimitExceededException", 400)
    # Deleting one makes room.
    sync.delete_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="ds0")
    put(sync, identity_pool, identity, "one-too-many", replace("k", "v"))


def test_a_dataset_holds_at_most_1024_records(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "big", *(replace(f"k{i}", "v") for i in range(1000)))
    with pytest.raises(sync.exceptions.LimitExceededException):
        put(sync, identity_pool, identity, "big", *(replace(f"more{i}", "v") for i in range(25)))
    put(sync, identity_pool, identity, "big", *(replace(f"more{i}", "v") for i in range(24)))
    dataset = sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="big")["Dataset"]
    assert dataset["NumRecords"] == 1024


def test_a_dataset_holds_at_most_1_mb(sync: Any, identity_pool: str, identity: str) -> None:
    half = "x" * 520_000
    put(sync, identity_pool, identity, "blob", replace("a", half))
    with pytest.raises(sync.exceptions.LimitExceededException):
        put(sync, identity_pool, identity, "blob", replace("b", half + "y" * 10_000))
    put(sync, identity_pool, identity, "blob", replace("b", half))
    dataset = sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="blob")["Dataset"]
    assert dataset["DataStorage"] == 2 * (1 + 520_000)


def test_dataset_names_and_record_keys_follow_the_model(sync: Any, identity_pool: str, identity: str) -> None:
    for name in ("x" * 129, "has space", "slash/no", "ü"):
        with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
            sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName=name)
        assert "datasetName" in error_of(exc)[2]
    put(sync, identity_pool, identity, "A-z_0.9:ok" + "y" * 118, replace("k", "v"))
    with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
        put(sync, identity_pool, identity, "keys", replace("k" * 1025, "v"))
    assert "recordPatches.1.member.key" in error_of(exc)[2]
    with pytest.raises(sync.exceptions.InvalidParameterException):
        put(sync, identity_pool, identity, "keys", replace("dup", "1"), replace("dup", "2"))
    with pytest.raises(sync.exceptions.InvalidParameterException):
        put(sync, identity_pool, identity, "keys", {"Op": "replace", "Key": "no-value", "SyncCount": 0})


# -- datasets ----------------------------------------------------------------------------------------------


def test_list_datasets_pages_by_name(sync: Any, identity_pool: str, identity: str) -> None:
    for name in ("c", "a", "b", "d", "e"):
        put(sync, identity_pool, identity, name, replace("k", name))
    names: list[str] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=identity, MaxResults=2, **kwargs)
        assert page["Count"] == len(page["Datasets"])
        names += [d["DatasetName"] for d in page["Datasets"]]
        if "NextToken" not in page:
            break
        kwargs = {"NextToken": page["NextToken"]}
    assert names == ["a", "b", "c", "d", "e"]
    assert all(
        d["NumRecords"] == 1 for d in sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=identity)["Datasets"]
    )


def test_delete_dataset_and_the_sync_that_follows(sync: Any, identity_pool: str, identity: str) -> None:
    put(sync, identity_pool, identity, "doomed", replace("a", "1"))
    put(sync, identity_pool, identity, "doomed", replace("a", "2", 1))
    deleted = sync.delete_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="doomed")
    assert deleted["Dataset"]["DatasetName"] == "doomed"
    assert deleted["Dataset"]["NumRecords"] == 1
    with pytest.raises(sync.exceptions.ResourceNotFoundException) as exc:
        sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="doomed")
    assert error_of(exc)[:2] == ("ResourceNotFoundException", 404)
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.delete_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="doomed")
    assert sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=identity)["Datasets"] == []
    # A device that synced before the deletion learns of it.
    after = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="doomed", LastSyncCount=2)
    assert after["DatasetExists"] is False
    assert after["DatasetDeletedAfterRequestedSyncCount"] is True
    assert after["Records"] == []
    # Made again, it counts on from where it was: no sync count is given out twice.
    again = put(sync, identity_pool, identity, "doomed", replace("a", "fresh"))
    assert again["Records"][0]["SyncCount"] == 3
    fresh = sync.list_records(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="doomed", LastSyncCount=3)
    assert fresh["DatasetDeletedAfterRequestedSyncCount"] is False


# -- identity pools and identities ---------------------------------------------------------------------


def test_unknown_identity_pools_and_identities(sync: Any, identity_pool: str, identity: str) -> None:
    missing_pool = f"us-east-1:{uuid.uuid4()}"
    missing_identity = f"us-east-1:{uuid.uuid4()}"
    with pytest.raises(sync.exceptions.ResourceNotFoundException) as exc:
        sync.describe_identity_pool_usage(IdentityPoolId=missing_pool)
    assert error_of(exc) == ("ResourceNotFoundException", 404, f"IdentityPool '{missing_pool}' not found.")
    with pytest.raises(sync.exceptions.ResourceNotFoundException) as exc:
        sync.describe_identity_usage(IdentityPoolId=identity_pool, IdentityId=missing_identity)
    assert error_of(exc)[2] == f"Identity '{missing_identity}' not found."
    # An identity of another pool is not one of this pool's.
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.describe_identity_usage(IdentityPoolId=missing_pool, IdentityId=identity)
    # ListDatasets and ListRecords list no ResourceNotFoundException: they refuse access instead.
    with pytest.raises(sync.exceptions.NotAuthorizedException) as exc:
        sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=missing_identity)
    assert error_of(exc)[:2] == ("NotAuthorizedException", 403)
    with pytest.raises(sync.exceptions.NotAuthorizedException):
        sync.list_records(IdentityPoolId=identity_pool, IdentityId=missing_identity, DatasetName="d")


def test_deleting_the_identity_pool_deletes_its_sync_data(
    cognito: LocalCognito, sync: Any, identity_client: Any
) -> None:
    pool_id = identity_client.create_identity_pool(IdentityPoolName="gone", AllowUnauthenticatedIdentities=True)[
        "IdentityPoolId"
    ]
    identity_id = new_identity(identity_client, pool_id)
    put(sync, pool_id, identity_id, "d", replace("k", "v"))
    identity_client.delete_identity_pool(IdentityPoolId=pool_id)
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.describe_dataset(IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName="d")
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.describe_identity_pool_usage(IdentityPoolId=pool_id)
    # Its datasets and records are gone from the store, not only hidden.
    rows = sqlite3.connect(cognito.data_dir / "cognito.db").execute(
        "SELECT COUNT(*) FROM sync_datasets WHERE pool_id = ?", (pool_id,)
    )
    assert rows.fetchone()[0] == 0


def test_deleting_an_identity_deletes_its_datasets(sync: Any, identity_client: Any, identity_pool: str) -> None:
    identity_id = new_identity(identity_client, identity_pool)
    put(sync, identity_pool, identity_id, "d", replace("k", "v"), ClientContext="eyJjbGllbnQiOnt9fQ==")
    assert sync.describe_identity_pool_usage(IdentityPoolId=identity_pool)["IdentityPoolUsage"]["DataStorage"] == 2
    identity_client.delete_identities(IdentityIdsToDelete=[identity_id])
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.describe_identity_usage(IdentityPoolId=identity_pool, IdentityId=identity_id)
    assert sync.describe_identity_pool_usage(IdentityPoolId=identity_pool)["IdentityPoolUsage"]["DataStorage"] == 0


# -- usage ------------------------------------------------------------------------------------------------------


def test_usage_of_an_identity_pool_and_an_identity(
    sync: Any, identity_client: Any, identity_pool: str, identity: str
) -> None:
    before = sync.describe_identity_pool_usage(IdentityPoolId=identity_pool)["IdentityPoolUsage"]
    assert before == {"IdentityPoolId": identity_pool, "SyncSessionsCount": 0, "DataStorage": 0}
    other = new_identity(identity_client, identity_pool)
    put(sync, identity_pool, identity, "one", replace("ab", "cd"))
    put(sync, identity_pool, identity, "two", replace("e", "fgh"))
    put(sync, identity_pool, other, "one", replace("i", "j"))
    usage = sync.describe_identity_pool_usage(IdentityPoolId=identity_pool)["IdentityPoolUsage"]
    assert usage["SyncSessionsCount"] == 3
    assert usage["DataStorage"] == 4 + 4 + 2
    assert "LastModifiedDate" in usage
    mine = sync.describe_identity_usage(IdentityPoolId=identity_pool, IdentityId=identity)["IdentityUsage"]
    assert mine["IdentityId"] == identity
    assert mine["IdentityPoolId"] == identity_pool
    assert mine["DatasetCount"] == 2
    assert mine["DataStorage"] == 8
    sync.delete_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="two")
    mine = sync.describe_identity_usage(IdentityPoolId=identity_pool, IdentityId=identity)["IdentityUsage"]
    assert (mine["DatasetCount"], mine["DataStorage"]) == (1, 4)


def test_list_identity_pool_usage_pages(sync: Any, identity_client: Any) -> None:
    made = [
        identity_client.create_identity_pool(IdentityPoolName=f"usage{i}", AllowUnauthenticatedIdentities=False)[
            "IdentityPoolId"
        ]
        for i in range(3)
    ]
    try:
        seen: list[str] = []
        kwargs: dict[str, Any] = {}
        while True:
            page = sync.list_identity_pool_usage(MaxResults=2, **kwargs)
            assert page["MaxResults"] == 2
            assert page["Count"] == len(page["IdentityPoolUsages"]) <= 2
            seen += [u["IdentityPoolId"] for u in page["IdentityPoolUsages"]]
            if "NextToken" not in page:
                break
            kwargs = {"NextToken": page["NextToken"]}
        assert set(made) <= set(seen)
        assert seen == sorted(seen)
    finally:
        for pool_id in made:
            identity_client.delete_identity_pool(IdentityPoolId=pool_id)


# -- configuration, events, bulk publish ----------------------------------------------------------------------


def test_identity_pool_configuration(sync: Any, identity_pool: str) -> None:
    empty = sync.get_identity_pool_configuration(IdentityPoolId=identity_pool)
    assert empty["IdentityPoolId"] == identity_pool
    assert "PushSync" not in empty
    assert "CognitoStreams" not in empty
    set_ = sync.set_identity_pool_configuration(
        IdentityPoolId=identity_pool,
        PushSync={"ApplicationArns": [GCM_APP], "RoleArn": ROLE},
        CognitoStreams={"StreamName": "sync-stream", "RoleArn": ROLE, "StreamingStatus": "ENABLED"},
    )
    got = sync.get_identity_pool_configuration(IdentityPoolId=identity_pool)
    for answer in (set_, got):
        assert answer["PushSync"] == {"ApplicationArns": [GCM_APP], "RoleArn": ROLE}
        assert answer["CognitoStreams"] == {"StreamName": "sync-stream", "RoleArn": ROLE, "StreamingStatus": "ENABLED"}
    # Setting one leaves the other as it was.
    sync.set_identity_pool_configuration(
        IdentityPoolId=identity_pool,
        CognitoStreams={"StreamName": "s2", "RoleArn": ROLE, "StreamingStatus": "DISABLED"},
    )
    got = sync.get_identity_pool_configuration(IdentityPoolId=identity_pool)
    assert got["PushSync"]["ApplicationArns"] == [GCM_APP]
    assert got["CognitoStreams"]["StreamingStatus"] == "DISABLED"
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_identity_pool_configuration(
            IdentityPoolId=identity_pool, CognitoStreams={"StreamingStatus": "ENABLED"}
        )
    with pytest.raises(sync.exceptions.InvalidParameterException) as exc:
        sync.set_identity_pool_configuration(
            IdentityPoolId=identity_pool,
            PushSync={"ApplicationArns": ["arn:aws:sns:us-east-1:1:app/gcm/x"], "RoleArn": ROLE},
        )
    assert "pushSync.applicationArns.1.member" in error_of(exc)[2]
    with pytest.raises(sync.exceptions.InvalidParameterException):  # no role to publish with
        sync.set_identity_pool_configuration(IdentityPoolId=identity_pool, PushSync={"ApplicationArns": [GCM_APP]})
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_identity_pool_configuration(
            IdentityPoolId=identity_pool,
            CognitoStreams={"StreamName": "s", "RoleArn": "arn:aws:iam::123456789012:user/not-a-role"},
        )
    with pytest.raises(sync.exceptions.ResourceNotFoundException):
        sync.get_identity_pool_configuration(IdentityPoolId=f"us-east-1:{uuid.uuid4()}")


def test_cognito_events(sync: Any, identity_pool: str) -> None:
    assert sync.get_cognito_events(IdentityPoolId=identity_pool)["Events"] == {}
    sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"SyncTrigger": SYNC_TRIGGER})
    assert sync.get_cognito_events(IdentityPoolId=identity_pool)["Events"] == {"SyncTrigger": SYNC_TRIGGER}
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"OnSomething": SYNC_TRIGGER})
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"SyncTrigger": "not-an-arn"})
    with pytest.raises(sync.exceptions.InvalidParameterException):  # the model allows one event per call
        sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"SyncTrigger": SYNC_TRIGGER, "Other": "x"})
    sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"SyncTrigger": ""})
    assert sync.get_cognito_events(IdentityPoolId=identity_pool)["Events"] == {}


def test_bulk_publish(sync: Any, identity_pool: str) -> None:
    details = sync.get_bulk_publish_details(IdentityPoolId=identity_pool)
    assert details["BulkPublishStatus"] == "NOT_STARTED"
    assert "BulkPublishStartTime" not in details
    with pytest.raises(sync.exceptions.InvalidParameterException):
        sync.bulk_publish(IdentityPoolId=identity_pool)
    sync.set_identity_pool_configuration(
        IdentityPoolId=identity_pool, CognitoStreams={"StreamName": "s", "RoleArn": ROLE, "StreamingStatus": "ENABLED"}
    )
    assert sync.bulk_publish(IdentityPoolId=identity_pool)["IdentityPoolId"] == identity_pool
    details = sync.get_bulk_publish_details(IdentityPoolId=identity_pool)
    assert details["BulkPublishStatus"] == "SUCCEEDED"
    assert details["BulkPublishStartTime"] <= details["BulkPublishCompleteTime"]
    with pytest.raises(sync.exceptions.AlreadyStreamedException) as exc:
        sync.bulk_publish(IdentityPoolId=identity_pool)
    assert error_of(exc)[:2] == ("AlreadyStreamedException", 400)


# -- push sync ----------------------------------------------------------------------------------------------------


def test_push_sync_devices_and_subscriptions(
    cognito: LocalCognito, sync: Any, identity_client: Any, identity_pool: str
) -> None:
    identity, device_sync = identity_session(cognito, identity_client, identity_pool)
    ids = {"IdentityPoolId": identity_pool, "IdentityId": identity}
    with pytest.raises(device_sync.exceptions.InvalidConfigurationException):
        device_sync.register_device(**ids, Platform="GCM", Token="t1")
    sync.set_identity_pool_configuration(
        IdentityPoolId=identity_pool, PushSync={"ApplicationArns": [GCM_APP], "RoleArn": ROLE}
    )
    device_id = device_sync.register_device(**ids, Platform="GCM", Token="t1")["DeviceId"]
    assert device_sync.register_device(**ids, Platform="GCM", Token="t1")["DeviceId"] == device_id
    assert device_sync.register_device(**ids, Platform="GCM", Token="t2")["DeviceId"] != device_id
    with pytest.raises(device_sync.exceptions.InvalidConfigurationException):
        device_sync.register_device(**ids, Platform="APNS", Token="t1")
    with pytest.raises(device_sync.exceptions.InvalidParameterException):
        device_sync.register_device(**ids, Platform="PIGEON", Token="t1")
    device_sync.subscribe_to_dataset(**ids, DatasetName="d", DeviceId=device_id)
    device_sync.subscribe_to_dataset(**ids, DatasetName="d", DeviceId=device_id)
    device_sync.unsubscribe_from_dataset(**ids, DatasetName="d", DeviceId=device_id)
    with pytest.raises(device_sync.exceptions.ResourceNotFoundException) as exc:
        device_sync.subscribe_to_dataset(**ids, DatasetName="d", DeviceId=str(uuid.uuid4()))
    assert error_of(exc)[:2] == ("ResourceNotFoundException", 404)
    # Push sync's device operations take only an identity's own credentials.
    with pytest.raises(sync.exceptions.NotAuthorizedException) as exc:
        sync.register_device(**ids, Platform="GCM", Token="t1")
    assert error_of(exc)[:2] == ("NotAuthorizedException", 403)
    with pytest.raises(sync.exceptions.NotAuthorizedException):
        sync.subscribe_to_dataset(**ids, DatasetName="d", DeviceId=device_id)


def test_cognito_credentials_reach_only_their_own_identity(
    cognito: LocalCognito, sync: Any, identity_client: Any, identity_pool: str, identity: str
) -> None:
    mine, device_sync = identity_session(cognito, identity_client, identity_pool)
    token = device_sync.list_records(IdentityPoolId=identity_pool, IdentityId=mine, DatasetName="d")["SyncSessionToken"]
    device_sync.update_records(
        IdentityPoolId=identity_pool,
        IdentityId=mine,
        DatasetName="d",
        SyncSessionToken=token,
        RecordPatches=[replace("k", "v")],
    )
    assert [
        d["DatasetName"] for d in device_sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=mine)["Datasets"]
    ] == ["d"]
    assert (
        device_sync.describe_identity_usage(IdentityPoolId=identity_pool, IdentityId=mine)["IdentityUsage"][
            "DatasetCount"
        ]
        == 1
    )
    # Developer credentials reach every identity.
    assert (
        sync.describe_dataset(IdentityPoolId=identity_pool, IdentityId=mine, DatasetName="d")["Dataset"]["NumRecords"]
        == 1
    )
    with pytest.raises(device_sync.exceptions.NotAuthorizedException) as exc:
        device_sync.list_datasets(IdentityPoolId=identity_pool, IdentityId=identity)
    assert error_of(exc) == ("NotAuthorizedException", 403, f"Access to Identity '{identity}' is forbidden.")
    with pytest.raises(device_sync.exceptions.NotAuthorizedException):
        device_sync.delete_dataset(IdentityPoolId=identity_pool, IdentityId=identity, DatasetName="d")
    for developer_only in (
        lambda: device_sync.describe_identity_pool_usage(IdentityPoolId=identity_pool),
        lambda: device_sync.list_identity_pool_usage(),
        lambda: device_sync.get_identity_pool_configuration(IdentityPoolId=identity_pool),
        lambda: device_sync.set_cognito_events(IdentityPoolId=identity_pool, Events={"SyncTrigger": SYNC_TRIGGER}),
        lambda: device_sync.get_bulk_publish_details(IdentityPoolId=identity_pool),
        lambda: device_sync.bulk_publish(IdentityPoolId=identity_pool),
    ):
        with pytest.raises(device_sync.exceptions.NotAuthorizedException):
            developer_only()


# -- the wire ---------------------------------------------------------------------------------------------------


def test_bad_input_on_the_wire(cognito: LocalCognito, sync: Any, identity_pool: str, identity: str) -> None:
    base = f"{cognito.base_url}/identitypools/{identity_pool}/identities/{identity}/datasets"
    r = httpx.get(base, params={"maxResults": "lots"})
    assert r.status_code == 400
    assert r.headers["x-amzn-ErrorType"].split(":")[0] == "SerializationException"
    assert "message" in r.json()
    r = httpx.get(base, params={"maxResults": "0"})
    assert (r.status_code, r.headers["x-amzn-ErrorType"].split(":")[0]) == (400, "InvalidParameterException")
    r = httpx.get(base, params={"nextToken": "garbage"})
    assert (r.status_code, r.headers["x-amzn-ErrorType"].split(":")[0]) == (400, "InvalidParameterException")
    r = httpx.post(f"{base}/d", content=b"{not json")
    assert (r.status_code, r.headers["x-amzn-ErrorType"].split(":")[0]) == (400, "SerializationException")
    r = httpx.post(f"{base}/d", content=b"[1, 2]")
    assert r.status_code == 400
    r = httpx.post(f"{base}/d", json={"RecordPatches": []})  # no SyncSessionToken
    assert r.status_code == 400
    assert r.headers["x-amzn-ErrorType"].split(":")[0] == "InvalidParameterException"
    assert "syncSessionToken" in r.json()["message"]
    r = httpx.post(f"{base}/d", json={"SyncSessionToken": "x", "RecordPatches": "nope"})
    assert r.status_code == 400
    token = sync_session(sync, identity_pool, identity, "d")
    for patch in (
        b'{"Op": "replace", "Key": "\\ud800", "Value": "x", "SyncCount": 0}',  # a lone surrogate is no UTF-8
        b'{"Op": "replace", "Key": "k", "Value": "x", "SyncCount": 0, "DeviceLastModifiedDate": 1e300}',
        b'{"Op": "replace", "Key": "k", "Value": "x", "SyncCount": 99999999999999999999}',
    ):
        body = b'{"SyncSessionToken": "%s", "RecordPatches": [%s]}' % (token.encode(), patch)
        r = httpx.post(f"{base}/d", content=body)
        assert r.status_code == 400, r.text
    # Paths of no Sync operation are handed on: the rest of the server answers them.
    r = httpx.get(f"{cognito.base_url}/identitypools/{identity_pool}/nothing-here")
    assert r.status_code == 404
    r = httpx.put(f"{cognito.base_url}/identitypools/{identity_pool}/events")
    assert r.status_code in (404, 405)
    # A labelled segment is percent-decoded; the client encodes the colon of the IDs.
    encoded = identity_pool.replace(":", "%3A")
    r = httpx.get(f"{cognito.base_url}/identitypools/{encoded}")
    assert r.status_code == 200
    assert r.json()["IdentityPoolUsage"]["IdentityPoolId"] == identity_pool
    assert r.headers["content-type"].startswith("application/json")


# -- the AWS CLI ------------------------------------------------------------------------------------------------


def aws(base_url: str, *args: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_PAGER": "",
    }
    r = subprocess.run(
        ["aws", "--endpoint-url", base_url, "--output", "json", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return json.loads(r.stdout) if r.stdout.strip() else {}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is a test dependency")
def test_aws_cli_syncs_a_dataset(cognito: LocalCognito, identity_pool: str, identity: str) -> None:
    ids = ["--identity-pool-id", identity_pool, "--identity-id", identity]
    listed = aws(cognito.base_url, "cognito-sync", "list-records", *ids, "--dataset-name", "cli")
    assert listed["DatasetExists"] is False
    patches = json.dumps([{"Op": "replace", "Key": "color", "Value": "blue", "SyncCount": 0}])
    updated = aws(
        cognito.base_url,
        "cognito-sync",
        "update-records",
        *ids,
        "--dataset-name",
        "cli",
        "--sync-session-token",
        listed["SyncSessionToken"],
        "--record-patches",
        patches,
    )
    assert updated["Records"][0]["SyncCount"] == 1
    datasets = aws(cognito.base_url, "cognito-sync", "list-datasets", *ids)
    assert [d["DatasetName"] for d in datasets["Datasets"]] == ["cli"]
    usage = aws(cognito.base_url, "cognito-sync", "describe-identity-pool-usage", "--identity-pool-id", identity_pool)
    assert usage["IdentityPoolUsage"]["DataStorage"] == len("colorblue")


def test_signed_calls_beyond_loopback(tmp_path: Path) -> None:
    keys = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDSYNCTEST", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "sync/s3cr3t+key"}
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    server = start(tmp_path / "data", "--host", "127.0.0.2", env=keys)
    try:

        def client(service: str, secret: str) -> Any:
            return boto3.client(
                service,
                endpoint_url=server.base_url,
                region_name="us-east-1",
                aws_access_key_id=keys["COGNITO_LOCAL_ACCESS_KEY_ID"],
                aws_secret_access_key=secret,
                config=Config(retries={"max_attempts": 1}),
            )

        secret = keys["COGNITO_LOCAL_SECRET_ACCESS_KEY"]
        identity_client, sync = client("cognito-identity", secret), client("cognito-sync", secret)
        pool_id = identity_client.create_identity_pool(IdentityPoolName="signed", AllowUnauthenticatedIdentities=True)[
            "IdentityPoolId"
        ]
        identity_id = new_identity(identity_client, pool_id)
        # Labels with encoded colons, a query string and a JSON body, all under the signature.
        put(sync, pool_id, identity_id, "d", replace("k", "v"))
        listed = sync.list_records(
            IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName="d", LastSyncCount=0, MaxResults=5
        )
        assert listed["DatasetSyncCount"] == 1
        with pytest.raises(ClientError) as exc:
            client("cognito-sync", "wrong").list_datasets(IdentityPoolId=pool_id, IdentityId=identity_id)
        assert error_of(exc)[:2] == ("InvalidSignatureException", 403)
        r = httpx.get(f"{server.base_url}/identitypools/{pool_id}")
        assert (r.status_code, r.headers["x-amzn-ErrorType"].split(":")[0]) == (
            403,
            "MissingAuthenticationTokenException",
        )
    finally:
        assert server.stop() == 0


def test_a_hosted_ui_domain_named_like_the_sync_paths_keeps_its_pages(
    cognito: LocalCognito, idp: Any, pool: dict[str, Any], identity_pool: str
) -> None:
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="identitypools")
    try:
        # /identitypools/login is a page of the domain, not DescribeIdentityPoolUsage of a pool named "login".
        page = httpx.get(f"{cognito.base_url}/identitypools/login")
        assert "identityPoolId" not in page.text
        assert page.headers.get("x-amzn-ErrorType", "").split(":")[0] != "InvalidParameterException"
        # The Sync paths no page claims are still Sync's.
        r = httpx.get(f"{cognito.base_url}/identitypools/{identity_pool}")
        assert r.json()["IdentityPoolUsage"]["IdentityPoolId"] == identity_pool
    finally:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="identitypools")
