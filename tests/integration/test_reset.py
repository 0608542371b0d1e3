"""``POST /_emulator/reset``: everything gone, as after a fresh start (the seed file loaded again), in one
transaction that requests under way never see half done; per-server caches and the movable clock go too."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import make_client, unique
from tests.localcognito import LocalCognito, start

POOL_ID = "us-east-1_ResetTest"
CLIENT_ID = "resettestclient00000000001"
SEED = {
    "UserPools": [
        {
            "PoolName": "kept-by-the-seed",
            "Id": POOL_ID,
            "AutoVerifiedAttributes": ["email"],
            "Clients": [
                {"ClientName": "web", "ClientId": CLIENT_ID, "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]}
            ],
            "Users": [{"Username": "alice", "Password": "Passw0rd!", "UserAttributes": {"email": "a@example.com"}}],
        }
    ]
}
TARGET = "AWSCognitoIdentityProviderService."


def write_seed(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "seed.json"
    path.write_text(json.dumps(SEED))
    return path


def reset(server: LocalCognito) -> httpx.Response:
    return httpx.post(server.base_url + "/_emulator/reset", timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    directory = tmp_path_factory.mktemp("reset")
    running = start(directory / "data", "--movable-clock", "--workers", "0", "--seed", str(write_seed(directory)))
    yield running
    assert running.stop() == 0


def sign_in(idp: Any) -> dict[str, str]:
    return idp.initiate_auth(  # type: ignore[no-any-return]
        ClientId=CLIENT_ID, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"}
    )["AuthenticationResult"]


def test_reset_empties_everything_but_what_the_seed_makes(server: LocalCognito) -> None:
    idp, logs = make_client(server.base_url), make_client(server.base_url, "logs")
    extra = idp.create_user_pool(PoolName=unique("gone"))["UserPool"]["Id"]
    idp.admin_create_user(  # an invitation in the outbox
        UserPoolId=extra,
        Username="bob",
        UserAttributes=[{"Name": "email", "Value": "bob@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    idp.admin_delete_user(UserPoolId=POOL_ID, Username="alice")
    logs.create_log_group(logGroupName=unique("/gone/"))
    assert server.outbox() != []
    server.advance_clock(3600)

    r = reset(server)
    assert (r.status_code, r.json()) == (200, {})

    assert [p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]] == [POOL_ID]
    assert [u["Username"] for u in idp.list_users(UserPoolId=POOL_ID)["Users"]] == ["alice"]
    assert server.outbox() == []
    assert logs.describe_log_groups()["logGroups"] == []
    clock = httpx.get(server.base_url + "/_emulator/clock", timeout=10).json()
    assert clock["offset"] == 0 and abs(clock["now"] - time.time()) < 60
    assert "AccessToken" in sign_in(idp)


def test_reset_forgets_cached_keys(server: LocalCognito) -> None:
    """The seeded pool comes back with the same ID and new keys: the keys cached by ID are dropped with the
    tables (else the server would sign with keys no longer in its database)."""
    jwks = f"{server.base_url}/{POOL_ID}/.well-known/jwks.json"
    before = {k["kid"] for k in httpx.get(jwks, timeout=10).json()["keys"]}
    assert reset(server).status_code == 200
    after = {k["kid"] for k in httpx.get(jwks, timeout=10).json()["keys"]}
    assert before and after and not before & after
    idp = make_client(server.base_url)
    token = sign_in(idp)["AccessToken"]
    assert idp.get_user(AccessToken=token)["Username"] == "alice"


def test_tokens_from_before_a_reset_are_refused(server: LocalCognito) -> None:
    idp = make_client(server.base_url)
    tokens = sign_in(idp)
    assert reset(server).status_code == 200
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.get_user(AccessToken=tokens["AccessToken"])


def test_requests_during_resets_never_see_the_server_half_empty(server: LocalCognito) -> None:
    """The seeded pool and user exist before and after every reset: a request running beside the resets always
    finds them, and no request fails with a 500."""
    answers: Counter[tuple[str, int, str]] = Counter()
    done = threading.Event()

    def call(client: httpx.Client, operation: str, body: dict[str, Any]) -> httpx.Response:
        r = client.post(
            server.base_url + "/",
            content=json.dumps(body),
            headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation},
        )
        answers[(operation, r.status_code, r.json().get("__type", ""))] += 1
        return r

    def reader() -> None:
        with httpx.Client(timeout=30) as client:
            while not done.is_set():
                call(client, "DescribeUserPool", {"UserPoolId": POOL_ID})
                call(client, "AdminGetUser", {"UserPoolId": POOL_ID, "Username": "alice"})
                call(client, "ListUserPoolClients", {"UserPoolId": POOL_ID})

    def writer() -> None:
        with httpx.Client(timeout=30) as client:
            while not done.is_set():
                name = unique("during")
                call(client, "SignUp", {"ClientId": CLIENT_ID, "Username": name, "Password": "Passw0rd!"})
                call(client, "AdminDeleteUser", {"UserPoolId": POOL_ID, "Username": name})

    threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(25):
            assert reset(server).status_code == 200
    finally:
        done.set()
        for thread in threads:
            thread.join(30)
    for read in ("DescribeUserPool", "AdminGetUser", "ListUserPoolClients"):
        assert answers[(read, 200, "")] > 0
        assert [key for key in answers if key[0] == read and key[1] != 200] == [], answers
    assert answers[("SignUp", 200, "")] > 0
    # A user signed up before a reset is gone after it: the only other answer the writer may get.
    assert {key for key in answers if key[1] != 200} <= {("AdminDeleteUser", 400, "UserNotFoundException")}, answers


@pytest.mark.slow
def test_keys_made_after_a_reset_outlive_a_restart(tmp_path: Path) -> None:
    """The server's code key is cached in memory and kept in the database: after a reset both are new, so a
    code sent after the reset still confirms after a restart."""
    seed = write_seed(tmp_path)
    first = start(tmp_path / "data", "--workers", "0", "--seed", str(seed))
    try:
        idp = make_client(first.base_url)
        idp.sign_up(  # a code is sent: the code key is made and cached
            ClientId=CLIENT_ID,
            Username="before",
            Password="Passw0rd!",
            UserAttributes=[{"Name": "email", "Value": "before@example.com"}],
        )
        assert reset(first).status_code == 200
        idp.sign_up(
            ClientId=CLIENT_ID,
            Username="after",
            Password="Passw0rd!",
            UserAttributes=[{"Name": "email", "Value": "after@example.com"}],
        )
        code = next(m["code"] for m in first.outbox(POOL_ID) if m["username"] == "after")
    finally:
        assert first.stop() == 0
    second = start(tmp_path / "data", "--workers", "0", "--seed", str(seed))
    try:
        idp = make_client(second.base_url)
        idp.confirm_sign_up(ClientId=CLIENT_ID, Username="after", ConfirmationCode=code)
        assert idp.admin_get_user(UserPoolId=POOL_ID, Username="after")["UserStatus"] == "CONFIRMED"
    finally:
        assert second.stop() == 0
