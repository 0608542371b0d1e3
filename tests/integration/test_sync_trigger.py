"""Cognito Sync's SyncTrigger: SetCognitoEvents names a Lambda function that UpdateRecords calls (through the
fake Lambda Invoke API) with AWS's event, and whose answer is what is stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests import fake_lambda
from tests.conftest import make_client
from tests.fake_lambda import Fail, FakeLambda, Garbage, Status
from tests.integration.test_sync import error_of, identity_session, put, replace
from tests.localcognito import LocalCognito, start

ARN = "arn:aws:lambda:us-east-1:000000000000:function:sync-trigger"


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    running = start(Path(tmp_path_factory.mktemp("sync-trigger")), "--ephemeral", "--lambda-endpoint", lam.endpoint)
    yield running
    assert running.stop() == 0


@pytest.fixture
def pool(server: LocalCognito, lam: FakeLambda) -> tuple[Any, Any, str]:
    """(cognito-identity client, developer's cognito-sync client, an identity pool whose SyncTrigger is set)."""
    lam.reset()
    identity = make_client(server.base_url, "cognito-identity")
    sync = make_client(server.base_url, "cognito-sync")
    pool_id = identity.create_identity_pool(
        IdentityPoolName=f"trig{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=True
    )["IdentityPoolId"]
    sync.set_cognito_events(IdentityPoolId=pool_id, Events={"SyncTrigger": ARN})
    return identity, sync, pool_id


def _records(sync: Any, pool_id: str, identity_id: str, dataset: str) -> dict[str, str | None]:
    listed = sync.list_records(IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName=dataset)
    return {r["Key"]: r.get("Value") for r in listed["Records"]}


def test_the_trigger_sees_the_documented_event_and_its_answer_is_stored(
    server: LocalCognito, lam: FakeLambda, pool: tuple[Any, Any, str]
) -> None:
    identity, _developer, pool_id = pool
    identity_id, sync = identity_session(server, identity, pool_id)
    put(sync, pool_id, identity_id, "game", replace("level", "1"), replace("score", "10"))
    first = lam.events("sync-trigger")
    assert len(first) == 1
    assert first[0] == {
        "version": 2,
        "eventType": "SyncTrigger",
        "region": "us-east-1",
        "identityPoolId": pool_id,
        "identityId": identity_id,
        "datasetName": "game",
        "datasetRecords": {
            "level": {"oldValue": None, "newValue": "1", "op": "replace"},
            "score": {"oldValue": None, "newValue": "10", "op": "replace"},
        },
    }

    def cheat_check(event: dict[str, Any]) -> dict[str, Any]:
        records = event["datasetRecords"]
        if int(records["score"]["newValue"]) > 1000:
            records["score"]["newValue"] = "1000"  # the function changes a value
        records["badge"] = {"newValue": "gold", "op": "replace"}  # adds a record
        records["level"]["op"] = "remove"  # and turns a change into a removal
        return event

    lam.script("sync-trigger", cheat_check)
    got = put(sync, pool_id, identity_id, "game", replace("level", "2", 1), replace("score", "99999", 1))
    assert {r["Key"]: (r.get("Value"), r["SyncCount"]) for r in got["Records"]} == {
        "badge": ("gold", 2),
        "level": (None, 2),
        "score": ("1000", 2),
    }
    second = lam.events("sync-trigger")[-1]["datasetRecords"]
    assert second["score"] == {"oldValue": "10", "newValue": "99999", "op": "replace"}
    assert _records(sync, pool_id, identity_id, "game") == {"badge": "gold", "level": None, "score": "1000"}

    # A record the function leaves out is not written.
    def drop_all(event: dict[str, Any]) -> dict[str, Any]:
        event["datasetRecords"] = {}
        return event

    lam.script("sync-trigger", drop_all)
    put(sync, pool_id, identity_id, "game", replace("score", "5", 2))
    assert _records(sync, pool_id, identity_id, "game")["score"] == "1000"


def test_a_developers_update_does_not_call_the_trigger(
    server: LocalCognito, lam: FakeLambda, pool: tuple[Any, Any, str]
) -> None:
    identity, developer, pool_id = pool
    identity_id = identity.get_id(IdentityPoolId=pool_id)["IdentityId"]
    put(developer, pool_id, identity_id, "notes", replace("a", "1"))
    assert lam.events("sync-trigger") == []
    assert _records(developer, pool_id, identity_id, "notes") == {"a": "1"}


@pytest.mark.parametrize(
    ("answer", "code", "status"),
    [
        (Fail("no cheating"), "InvalidLambdaFunctionOutputException", 400),
        (Garbage(b"not json"), "InvalidLambdaFunctionOutputException", 400),
        (lambda event: {"datasetRecords": {"k": {"op": "upsert"}}}, "InvalidLambdaFunctionOutputException", 400),
        (lambda event: {"version": 2}, "InvalidLambdaFunctionOutputException", 400),
        (Status(429), "LambdaThrottledException", 429),
        (Status(500), "InvalidLambdaFunctionOutputException", 400),
    ],
)
def test_a_failing_trigger_fails_the_update_and_stores_nothing(
    server: LocalCognito, lam: FakeLambda, pool: tuple[Any, Any, str], answer: Any, code: str, status: int
) -> None:
    identity, _developer, pool_id = pool
    identity_id, sync = identity_session(server, identity, pool_id)
    lam.script("sync-trigger", answer)
    with pytest.raises(ClientError) as exc:
        put(sync, pool_id, identity_id, "game", replace("level", "1"))
    assert error_of(exc)[:2] == (code, status)
    listed = sync.list_records(IdentityPoolId=pool_id, IdentityId=identity_id, DatasetName="game")
    assert listed["Records"] == []
    assert listed["DatasetSyncCount"] == 0


def test_clearing_the_event_stops_the_calls(server: LocalCognito, lam: FakeLambda, pool: tuple[Any, Any, str]) -> None:
    identity, developer, pool_id = pool
    developer.set_cognito_events(IdentityPoolId=pool_id, Events={"SyncTrigger": ""})
    identity_id, sync = identity_session(server, identity, pool_id)
    put(sync, pool_id, identity_id, "game", replace("level", "1"))
    assert lam.events("sync-trigger") == []
