"""The local Cognito's request log: one line per request at info level, as text or JSON, never a secret."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Sup3r-Secret-Passw0rd!"


def serve(tmp_path: Path, *extra: str) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "server.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "console",
                "emulator",
                "--port",
                "0",
                "--data-dir",
                str(tmp_path / "data"),
                "--parent-pid",
                str(os.getpid()),
                "--log-level",
                "info",
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        try:
            yield base, log
        finally:
            proc.terminate()
            proc.wait(10)
            proc.stdout.close()


def exercise(base: str) -> str:
    idp = make_client(base)
    pool = idp.create_user_pool(PoolName="logged")["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool, Username="ann", TemporaryPassword=SECRET, MessageAction="SUPPRESS")
    with pytest.raises(ClientError):
        idp.initiate_auth(
            ClientId=client,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ann", "PASSWORD": "wr0ng-" + SECRET},
        )
    return pool


@pytest.fixture
def text_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    yield from serve(tmp_path)


def test_a_line_per_request_with_operation_pool_status_code_and_time(text_server: tuple[str, Path]) -> None:
    base, log = text_server
    pool = exercise(base)
    lines = [line for line in log.read_text().splitlines() if "console.emulator.requests" in line]
    assert len(lines) == 4
    assert lines[0].endswith(" ms") and " CreateUserPool - 200 - " in lines[0]
    assert f" AdminCreateUser {pool} 200 - " in lines[2]
    assert " InitiateAuth " in lines[3] and " 400 NotAuthorizedException " in lines[3]
    assert SECRET not in log.read_text()
