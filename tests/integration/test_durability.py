"""Persistence: a clean restart and a ``kill -9`` lose nothing acknowledged; concurrent writers lose
nothing; malformed requests change nothing."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

import httpx
import pytest

from tests.conftest import make_client
from tests.localcognito import start


def _users(idp, pool_id: str) -> set[str]:
    names: set[str] = set()
    kwargs = {"UserPoolId": pool_id, "Limit": 60}
    while True:
        page = idp.list_users(**kwargs)
        names |= {u["Username"] for u in page["Users"]}
        if not page.get("PaginationToken"):
            return names
        kwargs["PaginationToken"] = page["PaginationToken"]


@pytest.mark.slow
def test_restart_keeps_everything(tmp_path: Path) -> None:
    server = start(tmp_path)
    idp = make_client(server.base_url)
    pool = idp.create_user_pool(PoolName="kept", UsernameConfiguration={"CaseSensitive": False})["UserPool"]
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", GenerateSecret=True)
    idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username="alice",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
    )
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="alice", GroupName="admins")
    assert server.stop() == 0

    again = start(tmp_path)
    try:
        idp = make_client(again.base_url)
        described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        assert described["Name"] == "kept"
        c = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["UserPoolClient"]["ClientId"])
        assert c["UserPoolClient"]["ClientSecret"] == client["UserPoolClient"]["ClientSecret"]
        user = idp.admin_get_user(UserPoolId=pool["Id"], Username="ALICE")
        assert user["Username"] == "alice"
        groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="alice")["Groups"]
        assert [g["GroupName"] for g in groups] == ["admins"]
    finally:
        assert again.stop() == 0


@pytest.mark.slow
def test_kill_9_loses_no_acknowledged_write(tmp_path: Path) -> None:
    server = start(tmp_path)
    idp = make_client(server.base_url)
    pool_id = idp.create_user_pool(PoolName="crash")["UserPool"]["Id"]
    acknowledged = []
    for i in range(200):
        idp.admin_create_user(UserPoolId=pool_id, Username=f"user{i:03d}", MessageAction="SUPPRESS")
        acknowledged.append(f"user{i:03d}")
    server.stop(signal.SIGKILL)
    assert server.process.returncode == -signal.SIGKILL

    again = start(tmp_path)
    try:
        assert _users(make_client(again.base_url), pool_id) == set(acknowledged)
    finally:
        again.stop()


@pytest.mark.slow
def test_fifty_concurrent_writers_lose_nothing(cognito, pool) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        idp = make_client(cognito.base_url)
        try:
            for i in range(10):
                idp.admin_create_user(UserPoolId=pool["Id"], Username=f"w{n:02d}-{i}", MessageAction="SUPPRESS")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    idp = make_client(cognito.base_url)
    assert _users(idp, pool["Id"]) == {f"w{n:02d}-{i}" for n in range(50) for i in range(10)}


def test_malformed_requests_change_nothing(cognito, idp, pool) -> None:
    idp.admin_create_user(UserPoolId=pool["Id"], Username="stay", MessageAction="SUPPRESS")
    before = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    target = "AWSCognitoIdentityProviderService."
    bad = [
        ("AdminCreateUser", {"UserPoolId": pool["Id"], "Username": ""}),
        ("AdminCreateUser", {"UserPoolId": pool["Id"], "Username": "x" * 200}),
        ("AdminCreateUser", {"UserPoolId": pool["Id"], "Username": "ok", "UserAttributes": "nope"}),
        (
            "AdminCreateUser",
            {
                "UserPoolId": pool["Id"],
                "Username": "ok2",
                "UserAttributes": [{"Name": "no_such_attribute", "Value": "v"}],
            },
        ),
        ("AdminDeleteUser", {"UserPoolId": pool["Id"], "Username": 7}),
        ("DeleteUserPool", {"UserPoolId": "us-east-1_doesnotexist"}),
        ("UpdateUserPool", {"UserPoolId": pool["Id"], "MfaConfiguration": "SOMETIMES"}),
        ("CreateGroup", {"UserPoolId": pool["Id"], "GroupName": "g", "Precedence": -1}),
    ]
    for op, body in bad:
        r = httpx.post(
            cognito.base_url,
            content=json.dumps(body),
            headers={"X-Amz-Target": target + op, "Content-Type": "application/x-amz-json-1.1"},
        )
        assert 400 <= r.status_code < 500, (op, r.status_code, r.text)
        assert "__type" in r.json()
    assert _users(idp, pool["Id"]) == {"stay"}
    assert idp.list_groups(UserPoolId=pool["Id"])["Groups"] == []
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert after["MfaConfiguration"] == before["MfaConfiguration"]
    assert after["LastModifiedDate"] == before["LastModifiedDate"]
