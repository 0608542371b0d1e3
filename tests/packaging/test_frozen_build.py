"""The PyInstaller bundle (packaging/cognito-console.spec) runs the local Cognito and its worker.

Skipped unless ``COGNITO_FROZEN_BUILD`` names a built bundle directory (the one holding the
``cognito-console`` executable); the default run never builds a bundle, which takes minutes:

    pyinstaller --distpath /tmp/pyi/dist --workpath /tmp/pyi/build packaging/cognito-console.spec
    COGNITO_FROZEN_BUILD=/tmp/pyi/dist/cognito-console python -m pytest tests/packaging -q
"""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from tests.conftest import make_client

BUNDLE = os.environ.get("COGNITO_FROZEN_BUILD", "")
PASSWORD = "Corr3ct-Horse!"

pytestmark = pytest.mark.skipif(not BUNDLE, reason="COGNITO_FROZEN_BUILD names no built bundle")


class Frozen:
    def __init__(self, process: subprocess.Popen[str], base_url: str, stderr: Path) -> None:
        self.process = process
        self.base_url = base_url
        self.stderr = stderr


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Frozen]:
    executable = Path(BUNDLE) / "cognito-console"
    assert executable.is_file(), f"no cognito-console executable in {BUNDLE}"
    stderr = tmp_path / "stderr.txt"
    with stderr.open("w") as err:
        command = [str(executable), "emulator", "--port", "0", "--data-dir", str(tmp_path / "data")]
        process = subprocess.Popen(
            # --parent-pid: a test run that dies without its teardown takes the server with it.
            [*command, "--parent-pid", str(os.getpid())],
            stdout=subprocess.PIPE,
            stderr=err,
            stdin=subprocess.DEVNULL,
            text=True,
            # Every crypto step goes to the worker, so the test does not depend on load.
            env={**os.environ, "COGNITO_LOCAL_OFFLOAD": "always"},
        )
    assert process.stdout is not None
    base_url = process.stdout.readline().strip()
    try:
        assert base_url.startswith("http://"), stderr.read_text()
        yield Frozen(process, base_url, stderr)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        process.stdout.close()


def _worker(pid: int) -> int:
    """The server's helper process, once it is up (it starts beside the server)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                if "emulator-worker" in Path(f"/proc/{child}/cmdline").read_text().replace("\0", " "):
                    return int(child)
        time.sleep(0.05)
    raise AssertionError("no cognito-console emulator-worker child")


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_the_frozen_local_cognito_signs_users_in_through_its_worker(frozen: Frozen) -> None:
    worker = _worker(frozen.process.pid)
    idp = make_client(frozen.base_url)
    pool_id = idp.create_user_pool(PoolName="frozen")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    before = _cpu_ticks(worker)

    def sign_in(_: int) -> dict[str, Any]:
        result: dict[str, Any] = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
        return result

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(sign_in, range(24)))

    keys = {
        k["kid"]: jwt.PyJWK(k).key
        for k in httpx.get(f"{frozen.base_url}/{pool_id}/.well-known/jwks.json", timeout=10).json()["keys"]
    }
    for result in results:
        for token, use in ((result["IdToken"], "id"), (result["AccessToken"], "access")):
            kid = jwt.get_unverified_header(token)["kid"]
            claims = jwt.decode(
                token,
                keys[kid],
                algorithms=["RS256"],
                issuer=f"{frozen.base_url}/{pool_id}",
                options={"verify_aud": False},
            )
            assert claims["token_use"] == use
            assert claims.get("cognito:username", claims.get("username")) == "alice"
    # The signatures were made by the same worker, which is still there and did the work.
    assert _worker(frozen.process.pid) == worker
    assert _cpu_ticks(worker) > before
    assert frozen.process.poll() is None
    assert "worker process" not in frozen.stderr.read_text()
