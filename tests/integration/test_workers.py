"""Worker processes (workers.py): signatures and SRP arithmetic made off the event loop.

Every flow must give the same answers whether its crypto runs in place or in a worker, and a worker
that dies must cost nothing but speed. ``COGNITO_LOCAL_OFFLOAD=always`` sends even a lone request's
work to a worker, so these tests do not depend on timing.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.auth_support import PASSWORD, error, jwks, new_client, new_user, tokens
from tests.localcognito import LocalCognito, start
from tests.srp_client import SrpClient


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(c) for c in text]
    return found


def _workers(pid: int, count: int) -> list[int]:
    """The server's worker processes, once ``count`` of them are up (they start beside the server)."""
    deadline = time.monotonic() + 10
    while len(found := _children(pid)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:  # reaped between the two looks
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def offloading(tmp_path: Path) -> Iterator[LocalCognito]:
    server = start(tmp_path / "data", "--workers", "1", env={"COGNITO_LOCAL_OFFLOAD": "always"})
    yield server
    assert server.stop() == 0


def _setup(base_url: str) -> tuple[Any, str, str]:
    idp = make_client(base_url)
    pool_id = idp.create_user_pool(PoolName="workers")["UserPool"]["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "alice", attributes={"email": "alice@example.com"})
    return idp, pool_id, client_id


def _verify(base_url: str, pool_id: str, client_id: str, result: dict[str, Any]) -> tuple[dict, dict]:
    keys = {k["kid"]: jwt.PyJWK(k).key for k in jwks(base_url, pool_id)["keys"]}
    verified = []
    for token in (result["IdToken"], result["AccessToken"]):
        assert "~" not in token  # no placeholder left
        kid = jwt.get_unverified_header(token)["kid"]
        verified.append(
            jwt.decode(
                token,
                keys[kid],
                algorithms=["RS256"],
                issuer=f"{base_url}/{pool_id}",
                options={"verify_aud": False},
            )
        )
    return verified[0], verified[1]


def _srp_sign_in(idp: Any, pool_id: str, client_id: str, password: str = PASSWORD) -> dict[str, Any]:
    srp = SrpClient(pool_id, "alice", password)
    first = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "alice", "SRP_A": srp.srp_a()}
    )
    session = {"Session": first["Session"]} if first.get("Session") else {}
    done: dict[str, Any] = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.answer(first["ChallengeParameters"]),
        **session,
    )
    return done


def test_every_sign_in_flow_gives_valid_tokens_through_a_worker(offloading: LocalCognito) -> None:
    idp, pool_id, client_id = _setup(offloading.base_url)
    assert len(_workers(offloading.process.pid, 1)) == 1

    result = tokens(idp, client_id, "alice")
    id_claims, access_claims = _verify(offloading.base_url, pool_id, client_id, result)
    assert id_claims["email"] == "alice@example.com" and id_claims["aud"] == client_id
    assert access_claims["client_id"] == client_id and access_claims["username"] == "alice"

    srp_result = _srp_sign_in(idp, pool_id, client_id)["AuthenticationResult"]
    _verify(offloading.base_url, pool_id, client_id, srp_result)

    refreshed = idp.initiate_auth(
        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]}
    )["AuthenticationResult"]
    _verify(offloading.base_url, pool_id, client_id, refreshed)
    # The signed tokens are the ones the server knows: GetUser accepts the access token.
    assert idp.get_user(AccessToken=refreshed["AccessToken"])["Username"] == "alice"


def test_a_wrong_password_fails_the_same_through_a_worker(offloading: LocalCognito) -> None:
    idp, pool_id, client_id = _setup(offloading.base_url)
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": "Wr0ng-password!"},
        )
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")
    with pytest.raises(ClientError) as exc:
        _srp_sign_in(idp, pool_id, client_id, password="Wr0ng-password!")
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


@pytest.mark.slow
def test_a_dead_worker_costs_nothing_but_speed(offloading: LocalCognito) -> None:
    idp, pool_id, client_id = _setup(offloading.base_url)
    (worker,) = _workers(offloading.process.pid, 1)
    os.kill(worker, signal.SIGKILL)
    assert _wait_gone(worker)
    for _ in range(3):
        result = tokens(idp, client_id, "alice")
        _verify(offloading.base_url, pool_id, client_id, result)
    _verify(offloading.base_url, pool_id, client_id, _srp_sign_in(idp, pool_id, client_id)["AuthenticationResult"])
    # A new worker takes its place, and does the work again.
    deadline = time.monotonic() + 15
    while (found := _children(offloading.process.pid)) in ([], [worker]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(found) == 1 and found != [worker]
    time.sleep(0.5)  # its imports
    result = tokens(idp, client_id, "alice")
    _verify(offloading.base_url, pool_id, client_id, result)


@pytest.mark.slow
def test_a_stuck_worker_is_given_up_on_and_replaced(offloading: LocalCognito) -> None:
    idp, pool_id, client_id = _setup(offloading.base_url)
    (worker,) = _workers(offloading.process.pid, 1)
    os.kill(worker, signal.SIGSTOP)
    try:
        started = time.monotonic()
        result = tokens(idp, client_id, "alice")
        assert time.monotonic() - started < 10  # the watchdog's 5 s, then in place: no hang
        _verify(offloading.base_url, pool_id, client_id, result)
        assert _wait_gone(worker)  # killed
        deadline = time.monotonic() + 15
        while not [c for c in _children(offloading.process.pid) if c != worker]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGCONT)


def test_the_worker_runs_as_a_subcommand_for_frozen_builds() -> None:
    """A PyInstaller build has no ``-m``: ``cognito-console emulator-worker`` is the worker."""
    import pickle
    import struct
    import subprocess
    import sys

    from console.emulator.core import workers
    from console.emulator.user_pools import passwords

    frame = pickle.dumps((7, passwords.pad_hex, ("abc",)))
    done = subprocess.run(
        [sys.executable, "-m", "console", "emulator-worker"],
        input=struct.pack(">I", len(frame)) + frame,
        capture_output=True,
        timeout=30,
        check=True,
    )
    assert pickle.loads(done.stdout[4:]) == (7, True, "0abc")  # noqa: S301 - our own worker
    sys.frozen = True  # type: ignore[attr-defined]
    try:
        assert workers._command() == [sys.executable, "emulator-worker"]
    finally:
        del sys.frozen  # type: ignore[attr-defined]


@pytest.mark.slow
def test_concurrent_sign_ins_each_get_their_own_valid_tokens(tmp_path: Path) -> None:
    server = start(tmp_path / "data", "--workers", "2")
    try:
        _, pool_id, client_id = _setup(server.base_url)
        params = {"USERNAME": "alice", "PASSWORD": PASSWORD}
        body = json.dumps({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id, "AuthParameters": params})

        def sign_in(_: int) -> dict[str, Any]:
            import httpx

            r = httpx.post(
                server.base_url + "/",
                content=body,
                headers={
                    "Content-Type": "application/x-amz-json-1.1",
                    "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                },
                timeout=30,
            )
            assert r.status_code == 200, r.text
            result: dict[str, Any] = r.json()["AuthenticationResult"]
            return result

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            results = list(pool.map(sign_in, range(64)))
        jtis = set()
        for result in results:
            id_claims, access_claims = _verify(server.base_url, pool_id, client_id, result)
            jtis.add(access_claims["jti"])
            assert id_claims["origin_jti"] == access_claims["origin_jti"]
        assert len(jtis) == 64
    finally:
        assert server.stop() == 0


def test_workers_end_with_the_server_even_when_it_is_killed(tmp_path: Path) -> None:
    server = start(tmp_path / "a", "--workers", "2")
    workers = _workers(server.process.pid, 2)
    assert len(workers) == 2
    assert server.stop() == 0
    assert all(_wait_gone(w) for w in workers)

    killed = start(tmp_path / "b", "--workers", "1")
    (worker,) = _workers(killed.process.pid, 1)
    killed.stop(signal.SIGKILL)
    assert _wait_gone(worker)  # its input closed with the server


def test_no_workers_signs_in_place(tmp_path: Path) -> None:
    server = start(tmp_path / "data", "--workers", "0", env={"COGNITO_LOCAL_OFFLOAD": "always"})
    try:
        assert _children(server.process.pid) == []
        idp, pool_id, client_id = _setup(server.base_url)
        result = tokens(idp, client_id, "alice")
        _verify(server.base_url, pool_id, client_id, result)
    finally:
        assert server.stop() == 0


def test_claims_beyond_ascii_survive_the_token(offloading: LocalCognito) -> None:
    idp = make_client(offloading.base_url)
    pool_id = idp.create_user_pool(PoolName="workers")["UserPool"]["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "zoë", attributes={"name": "Zoë Ångström 🚀", "email": "zoe@example.com"})
    result = tokens(idp, client_id, "zoë")
    id_claims, access_claims = _verify(offloading.base_url, pool_id, client_id, result)
    assert id_claims["name"] == "Zoë Ångström 🚀"
    assert id_claims["cognito:username"] == access_claims["username"] == "zoë"


def test_ctrl_c_to_the_process_group_stops_quietly(tmp_path: Path) -> None:
    """Ctrl-C in a terminal signals the server and its workers together: a clean stop, no traceback."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "console", "emulator", "--port", "0", "--data-dir", str(tmp_path), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("http://127.0.0.1:")
    (worker,) = _workers(process.pid, 1)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert _wait_gone(worker)


@pytest.mark.slow
def test_a_quick_stop_on_asyncios_own_loop_reaps_workers_quietly(tmp_path: Path) -> None:
    """Without uvloop, asyncio's child watcher reaps the workers; nothing else may reap them first (it
    then warns 'Unknown child process')."""
    import subprocess
    import sys

    for attempt in range(4):
        process = subprocess.Popen(
            [sys.executable, "-m", "console", "emulator", "--port", "0", "--data-dir", str(tmp_path / str(attempt))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COGNITO_LOCAL_LOOP": "asyncio"},
        )
        assert process.stdout is not None
        assert process.stdout.readline().startswith("http://")
        _workers(process.pid, 1)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=15)
        assert process.returncode == 0
        assert "Unknown child process" not in stderr and "Traceback" not in stderr, stderr


@pytest.mark.slow
def test_a_lone_sign_in_shares_its_signing_with_an_idle_worker(tmp_path: Path) -> None:
    """The default path of a request that is alone: its first token goes to the idle worker as soon as it
    is made (signatures.py), the second is signed in place; refresh and SRP the same way."""
    server = start(tmp_path / "data", "--workers", "1")
    try:
        idp, pool_id, client_id = _setup(server.base_url)
        (worker,) = _workers(server.process.pid, 1)
        before = _cpu_ticks(worker)
        for _ in range(5):
            result = tokens(idp, client_id, "alice")
            _verify(server.base_url, pool_id, client_id, result)
        refreshed = idp.initiate_auth(
            ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]}
        )["AuthenticationResult"]
        _verify(server.base_url, pool_id, client_id, refreshed)
        _verify(server.base_url, pool_id, client_id, _srp_sign_in(idp, pool_id, client_id)["AuthenticationResult"])
        assert _cpu_ticks(worker) > before  # the worker did part of it
    finally:
        assert server.stop() == 0


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
