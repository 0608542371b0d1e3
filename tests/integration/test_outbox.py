"""The outbox (``GET /_emulator/outbox``) keeps what it holds, codes and temporary passwords, for a day
(``COGNITO_LOCAL_OUTBOX_TTL``), measured on the server's clock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_client, unique
from tests.localcognito import LocalCognito, start

DAY = 86400.0


@pytest.fixture
def movable(tmp_path: Path) -> Iterator[LocalCognito]:
    server = start(tmp_path, "--movable-clock")
    yield server
    assert server.stop() == 0


def invite(idp: Any, pool_id: str) -> str:
    """Create a user whose temporary password goes out by email; the user's name."""
    name = unique()
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=name,
        UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    return name


def stored(server: LocalCognito) -> list[str]:
    """Usernames of the outbox rows on disk, whether or not the endpoint would show them."""
    db = sqlite3.connect(server.data_dir / "cognito.db")
    try:
        return [r[0] for r in db.execute("SELECT username FROM outbox ORDER BY id")]
    finally:
        db.close()


@pytest.mark.slow
def test_messages_older_than_a_day_are_dropped(movable: LocalCognito) -> None:
    idp = make_client(movable.base_url)
    pool_id = idp.create_user_pool(PoolName="outbox")["UserPool"]["Id"]
    first = invite(idp, pool_id)
    assert [m["username"] for m in movable.outbox(pool_id)] == [first]
    movable.advance_clock(DAY - 60)
    assert [m["username"] for m in movable.outbox(pool_id)] == [first]
    movable.advance_clock(120)
    # Read: the expired message is gone from the answer and from the disk.
    assert movable.outbox(pool_id) == []
    assert movable.outbox() == []
    assert stored(movable) == []


@pytest.mark.slow
def test_writing_a_message_drops_the_expired_ones(movable: LocalCognito) -> None:
    idp = make_client(movable.base_url)
    pool_id = idp.create_user_pool(PoolName="outbox")["UserPool"]["Id"]
    first = invite(idp, pool_id)
    movable.advance_clock(DAY + 1)
    second = invite(idp, pool_id)
    # Nothing read the outbox in between: the write itself dropped the expired message.
    assert stored(movable) == [second]
    assert first not in stored(movable)


@pytest.mark.slow
def test_the_age_is_configurable(tmp_path: Path) -> None:
    server = start(tmp_path, "--movable-clock", env={"COGNITO_LOCAL_OUTBOX_TTL": "600"})
    try:
        idp = make_client(server.base_url)
        pool_id = idp.create_user_pool(PoolName="outbox")["UserPool"]["Id"]
        name = invite(idp, pool_id)
        server.advance_clock(500)
        assert [m["username"] for m in server.outbox(pool_id)] == [name]
        server.advance_clock(200)
        assert server.outbox(pool_id) == []
    finally:
        assert server.stop() == 0
