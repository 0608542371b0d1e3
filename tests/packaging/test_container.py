"""The container image (packaging/Dockerfile): the local Cognito alone, without Qt, as a non-root user, behind
SigV4 credentials or the explicit accept-any-credentials option, with boto3 signing in against it.

Builds the image, which takes a minute or two and needs a Docker engine: skipped where ``docker info`` fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import jwt
import pytest
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Corr3ct-Horse!"


def docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=30, check=False).returncode == 0
    except subprocess.TimeoutExpired:
        return False


# Building the image (a minute or several, by the storage driver) counts towards its first test's time.
pytestmark = pytest.mark.timeout(1200)
needs_docker = pytest.mark.skipif(not docker_answers(), reason="no Docker engine answers (docker info fails)")


def docker(*args: str, timeout: float = 60, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout, check=False, env=env)


def build_env() -> dict[str, str] | None:
    """Docker's classic builder where the buildx plugin (BuildKit's front end) is absent, as with Debian's
    docker.io: the Dockerfile needs nothing BuildKit alone offers."""
    if docker("buildx", "version").returncode == 0:
        return None
    return {**os.environ, "DOCKER_BUILDKIT": "0"}


@pytest.fixture(scope="module")
def image() -> Iterator[str]:
    tag = f"cognito-local-test:{uuid.uuid4().hex[:8]}"
    built = docker("build", "--file", "packaging/Dockerfile", "--tag", tag, str(ROOT), timeout=900, env=build_env())
    assert built.returncode == 0, built.stderr[-4000:]
    yield tag
    docker("image", "rm", "--force", tag)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Container:
    def __init__(self, image: str, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        options = [arg for name, value in env.items() for arg in ("--env", f"{name}={value}")]
        run = docker(
            "run", "--detach", "--publish", f"127.0.0.1:{self.port}:9229",
            "--env", f"COGNITO_LOCAL_PUBLIC_URL={self.url}", *options, image,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        self.id = run.stdout.strip()

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            status = docker("inspect", "--format", "{{.State.Health.Status}} {{.State.Status}}", self.id).stdout
            if status.startswith("healthy"):
                return
            assert "exited" not in status, self.logs()
            assert time.monotonic() < deadline, f"not healthy after {timeout} s ({status}): {self.logs()}"
            time.sleep(0.5)

    def logs(self) -> str:
        result = docker("logs", self.id)
        return result.stdout + result.stderr

    def stop(self) -> int:
        docker("stop", "--time", "10", self.id, timeout=30)
        code = int(docker("inspect", "--format", "{{.State.ExitCode}}", self.id).stdout.strip() or -1)
        docker("rm", "--force", self.id)
        return code


def client(url: str, key: str, secret: str, service: str = "cognito-idp") -> Any:
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1}),
    )


def sign_in(idp: Any, url: str) -> None:
    pool_id = idp.create_user_pool(PoolName="container")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    tokens = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
    )["AuthenticationResult"]
    # The issuer is the public URL, and its JWKS (fetched through the published port) verifies the token.
    issuer = f"{url}/{pool_id}"
    keys = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json")
    claims = jwt.decode(
        tokens["IdToken"], keys.get_signing_key_from_jwt(tokens["IdToken"]).key, ["RS256"], audience=client_id
    )
    assert (claims["iss"], claims["cognito:username"]) == (issuer, "alice")


@needs_docker
@pytest.mark.slow
def test_sign_in_with_sigv4_credentials(image: str) -> None:
    container = Container(
        image, {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDCONTAINER", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "container-secret"}
    )
    try:
        container.wait_healthy()
        sign_in(client(container.url, "AKIDCONTAINER", "container-secret"), container.url)
        wrong = client(container.url, "AKIDCONTAINER", "not-the-secret")
        with pytest.raises(wrong.exceptions.ClientError):
            wrong.list_user_pools(MaxResults=10)
    finally:
        assert container.stop() == 0, container.logs()


@needs_docker
@pytest.mark.slow
def test_sign_in_accepting_any_credentials(image: str) -> None:
    container = Container(image, {"COGNITO_LOCAL_ACCEPT_ANY_CREDENTIALS": "1"})
    try:
        container.wait_healthy()
        sign_in(client(container.url, "anything", "at-all"), container.url)
    finally:
        assert container.stop() == 0, container.logs()


@needs_docker
@pytest.mark.slow
def test_refuses_to_start_beyond_loopback_without_credentials(image: str) -> None:
    result = docker("run", "--rm", image, timeout=60)
    assert result.returncode == 2
    assert "COGNITO_LOCAL_ACCESS_KEY_ID" in result.stderr


@needs_docker
@pytest.mark.slow
def test_image_has_no_qt_and_runs_as_a_user(image: str) -> None:
    check = "import importlib.util as u, os; print(os.getuid(), [m for m in ('PySide6', 'qasync') if u.find_spec(m)])"
    result = docker("run", "--rm", "--entrypoint", "python", image, "-c", check)
    assert result.stdout.strip() == "10001 []", result.stderr


def test_the_build_context_holds_what_the_dockerfile_copies() -> None:
    """packaging/Dockerfile.dockerignore lets in only what the image needs, and all of it (no engine needed)."""
    allowed = [
        line[1:].rstrip("/")
        for line in (ROOT / "packaging" / "Dockerfile.dockerignore").read_text().splitlines()
        if line.startswith("!")
    ]
    copied = []
    for line in (ROOT / "packaging" / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"] and not any(w.startswith(("--from", "<<")) for w in words):
            copied += [w.rstrip("/") for w in words[1:-1] if not w.startswith("--")]
    assert copied, "no COPY from the build context"
    for source in copied:
        assert source in allowed, f"COPY {source} is not let into the build context"
        assert (ROOT / source).exists(), source
