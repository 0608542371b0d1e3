"""How a server is configured: options from ``COGNITO_LOCAL_*`` variables, ``--ephemeral`` (nothing on disk),
``--public-url`` (the base URL and issuer clients use) and ``--accept-any-credentials`` (containers)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import httpx
import jwt
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from tests.conftest import make_client, unique
from tests.localcognito import start

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Passw0rd!x"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sign_in(idp: Any, pool_id: str) -> dict[str, str]:
    """A confirmed user of ``pool_id`` signed in with USER_PASSWORD_AUTH: the tokens."""
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ann", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True)
    return idp.initiate_auth(  # type: ignore[no-any-return]
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD}
    )["AuthenticationResult"]


def client_with(base_url: str, access_key: str | None) -> Any:
    """A cognito-idp client signing with ``access_key`` (any secret), or not signing at all (None)."""
    return boto3.client(
        "cognito-idp",
        endpoint_url=base_url,
        region_name="us-east-1",
        aws_access_key_id=access_key or "unused",
        aws_secret_access_key="anything",
        config=Config(retries={"max_attempts": 1}, signature_version=UNSIGNED if access_key is None else None),
    )


# -- options from the environment ----------------------------------------------------------------------------


def test_options_from_the_environment_and_the_command_line_winning(tmp_path: Path) -> None:
    elsewhere = tmp_path / "from-the-environment"
    server = start(
        tmp_path / "data",  # --data-dir on the command line: it wins over COGNITO_LOCAL_DATA_DIR
        env={
            "COGNITO_LOCAL_REGION": "eu-west-1",
            "COGNITO_LOCAL_ISSUER": "aws",
            "COGNITO_LOCAL_MOVABLE_CLOCK": "true",
            "COGNITO_LOCAL_WORKERS": "0",
            "COGNITO_LOCAL_DATA_DIR": str(elsewhere),
        },
    )
    try:
        assert httpx.get(server.base_url + "/_emulator/health", timeout=10).json()["region"] == "eu-west-1"
        idp = make_client(server.base_url)
        pool_id = idp.create_user_pool(PoolName=unique("env"))["UserPool"]["Id"]
        assert pool_id.startswith("eu-west-1_")
        discovery = httpx.get(f"{server.base_url}/{pool_id}/.well-known/openid-configuration", timeout=10).json()
        assert discovery["issuer"] == f"https://cognito-idp.eu-west-1.amazonaws.com/{pool_id}"
        before = httpx.get(server.base_url + "/_emulator/clock", timeout=10).json()["now"]
        assert server.advance_clock(3600) >= before + 3600
    finally:
        assert server.stop() == 0
    assert (tmp_path / "data" / "cognito.db").is_file()
    assert not elsewhere.exists()


def test_a_host_it_cannot_listen_on_is_one_line_and_exit_status_2() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "console", "emulator", "--host", "192.0.2.1", "--accept-any-credentials"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert "error: cannot listen on 192.0.2.1 port 9229" in run.stderr
    assert "Traceback" not in run.stderr


# -- --ephemeral --------------------------------------------------------------------------------------------


def open_files(pid: int) -> list[str]:
    """The regular files the process ``pid`` and its children (the worker processes) hold open, but for the
    standard streams it was given (pytest's capture file)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids += [int(child) for child in (task / "children").read_text().split()]
    given = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in (0, 1, 2)}
    found = []
    for each in pids:
        for fd in Path(f"/proc/{each}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except FileNotFoundError:  # closed meanwhile
                continue
            if target.startswith("/") and not target.startswith(("/dev/", "/proc/")) and target not in given:
                found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_ephemeral_writes_nothing_to_disk_even_when_killed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = start(data, "--ephemeral", "--workers", "1", env={"COGNITO_LOCAL_OFFLOAD": "always"})
    try:
        idp = make_client(server.base_url)
        pool_id = idp.create_user_pool(PoolName="in-memory")["UserPool"]["Id"]
        tokens = sign_in(idp, pool_id)  # signed by the worker process (offload=always)
        assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == "ann"
        assert open_files(server.process.pid) == []
        assert not data.exists()
    finally:
        server.stop(signal.SIGKILL)
    assert not data.exists()
    # A new ephemeral server (from the environment this time) starts empty.
    again = start(data, env={"COGNITO_LOCAL_EPHEMERAL": "1", "COGNITO_LOCAL_WORKERS": "0"})
    try:
        assert make_client(again.base_url).list_user_pools(MaxResults=10)["UserPools"] == []
    finally:
        assert again.stop() == 0
    assert not data.exists()


# -- --public-url ---------------------------------------------------------------------------------------------


def test_public_url_is_the_base_url_and_the_issuer(tmp_path: Path) -> None:
    port = free_port()
    public = f"http://localhost:{port}"  # another name than the listening address, 127.0.0.1
    server = start(tmp_path, "--workers", "0", "--public-url", public + "/", port=port)
    try:
        assert server.base_url == public  # the first line names it (normalised, without the slash)
        idp = make_client(f"http://127.0.0.1:{port}")
        pool_id = idp.create_user_pool(PoolName="published")["UserPool"]["Id"]
        discovery = httpx.get(f"http://127.0.0.1:{port}/{pool_id}/.well-known/openid-configuration", timeout=10).json()
        assert discovery["issuer"] == f"{public}/{pool_id}"
        assert discovery["jwks_uri"] == f"{public}/{pool_id}/.well-known/jwks.json"
        tokens = sign_in(idp, pool_id)
        claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
        assert claims["iss"] == f"{public}/{pool_id}"
    finally:
        assert server.stop() == 0


def test_the_public_url_s_host_name_is_answered_on_loopback(tmp_path: Path) -> None:
    """Bound to loopback, the server answers only loopback names (against DNS rebinding), and the name of its
    public URL: clients reach it by that name."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "emulator", "--port", str(port), "--data-dir", str(tmp_path)],
        env={**os.environ, "COGNITO_LOCAL_PUBLIC_URL": f"http://cognito.test:{port}", "COGNITO_LOCAL_WORKERS": "0"},
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"http://cognito.test:{port}"
        r = httpx.post(
            f"http://127.0.0.1:{port}/",
            content=b'{"MaxResults": 1}',
            headers={
                "Host": f"cognito.test:{port}",
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools",
            },
            timeout=10,
        )
        assert r.status_code == 200, r.text
    finally:
        process.terminate()
        assert process.wait(10) == 0
        if process.stdout is not None:
            process.stdout.close()


# -- --accept-any-credentials ------------------------------------------------------------------------------------


def test_accept_any_credentials_beyond_loopback(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    # No COGNITO_LOCAL_ACCESS_KEY_ID: without the option it would refuse to start (test_sigv4.py).
    env = {"COGNITO_LOCAL_ACCEPT_ANY_CREDENTIALS": "1", "COGNITO_LOCAL_WORKERS": "0"}
    server = start(tmp_path / "data", "--host", "127.0.0.2", env=env, log=log)
    try:
        for key in ("AKIDANYTHING", "test"):
            client_with(server.base_url, key).create_user_pool(PoolName=unique("any"))
        unsigned = client_with(server.base_url, None)
        assert len(unsigned.list_user_pools(MaxResults=10)["UserPools"]) == 2
        assert httpx.post(server.base_url + "/_emulator/reset", timeout=10).json() == {}
        assert unsigned.list_user_pools(MaxResults=10)["UserPools"] == []
    finally:
        assert server.stop() == 0
    said = log.read_text()
    assert "WARNING" in said and "admin calls are NOT authenticated" in said
