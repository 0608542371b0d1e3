"""A local Cognito for other projects' tests: ``LocalCognito``, a context manager that runs an ephemeral server
in a child process, and the pytest plugin (entry point ``pytest11``: ``cognito_local``) with its
``local_cognito`` fixture.

pytest imports this module in every run of an environment where cognito-console is installed, so it imports
only the standard library and pytest at import time: the server runs in its own process, and boto3 is
imported by the first ``client()`` call. It needs neither Qt nor pytest (the base install has neither):
``LocalCognito`` works in any script.

pytest::

    def test_sign_up(local_cognito):
        idp = local_cognito.client("cognito-idp")
        pool_id = idp.create_user_pool(PoolName="app")["UserPool"]["Id"]
        ...
        assert local_cognito.outbox(pool_id)[0]["channel"] == "EMAIL"

One server serves the whole session; before each test that uses ``local_cognito`` it is emptied
(``POST /_emulator/reset``), unless the test is marked ``@pytest.mark.local_cognito_keep_state``: such a test
starts with what the tests before it left. Server options for the session go in the ini option
``local_cognito_args`` (e.g. ``--lambda-endpoint http://127.0.0.1:3001``).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import IO, Any

try:
    import pytest
except ModuleNotFoundError:  # the base install has no pytest; LocalCognito works without it
    pytest = None  # type: ignore[assignment]

KEEP_STATE_MARKER = "local_cognito_keep_state"


class LocalCognitoError(RuntimeError):
    """The local Cognito did not start, or refused an ``/_emulator`` call."""


class LocalCognito:
    """An ephemeral local Cognito (nothing on disk) on a free loopback port, in a child process.

    ``with LocalCognito() as cognito: idp = cognito.client("cognito-idp")`` starts it and stops it at the end.
    ``server_args`` are more ``cognito-console emulator`` options (``"--seed", "seed.json"``). The child's
    environment has no ``COGNITO_LOCAL_*`` variables of the caller's (a developer's shell may set them for
    another server), only those given in ``env``.
    """

    def __init__(
        self,
        *server_args: str,
        region: str = "us-east-1",
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        self.server_args = server_args
        self.region = region
        self.env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.endpoint_url = ""  # the base URL, once started
        self._process: subprocess.Popen[str] | None = None
        self._stderr: IO[str] | None = None

    def __enter__(self) -> LocalCognito:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"LocalCognito({self.endpoint_url or 'not started'})"

    def start(self) -> LocalCognito:
        """Start the server and wait until it answers; the first line it prints is its base URL."""
        if self._process is not None:
            raise LocalCognitoError("this LocalCognito is already started")
        command = [
            sys.executable,
            "-m",
            "console",
            "emulator",
            "--port",
            "0",
            "--ephemeral",
            "--region",
            self.region,
            # A test run that dies without its teardown (a timeout, a crash) takes the server with it.
            "--parent-pid",
            str(os.getpid()),
            *self.server_args,
        ]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("COGNITO_LOCAL_")}
        # -m puts the working directory first on sys.path; a project's own ``console`` package there would be
        # imported instead of this one, by the server and by its worker processes (which inherit this).
        environment["PYTHONSAFEPATH"] = "1"
        environment.update(self.env)
        self._stderr = tempfile.TemporaryFile("w+")  # noqa: SIM115 - kept open for the server's lifetime
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=environment,
        )
        deadline = time.monotonic() + self.startup_timeout
        try:
            first_line = self._first_line(deadline)
            if not first_line.startswith("http"):
                raise LocalCognitoError(f"the local Cognito did not start: {self._failure()}")
            self.endpoint_url = first_line
            self._wait_until_healthy(deadline)
        except BaseException:
            self.stop()
            raise
        return self

    def _first_line(self, deadline: float) -> str:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        lines: list[str] = []
        # A thread, not select(), so that the wait is bounded on every platform.
        reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(max(0.0, deadline - time.monotonic()))
        if reader.is_alive():
            self._process.kill()  # the reader then sees the end of the pipe
            reader.join(5)
            raise LocalCognitoError(f"the local Cognito printed no base URL in {self.startup_timeout:.0f} s")
        return lines[0].strip() if lines else ""

    def _wait_until_healthy(self, deadline: float) -> None:
        assert self._process is not None
        while True:
            try:
                self._call("GET", "/_emulator/health", timeout=2)
                return
            except (OSError, LocalCognitoError) as exc:
                if self._process.poll() is not None:
                    raise LocalCognitoError(f"the local Cognito stopped: {self._failure()}") from exc
                if time.monotonic() > deadline:
                    raise LocalCognitoError(f"the local Cognito at {self.endpoint_url} does not answer") from exc
                time.sleep(0.01)

    def _failure(self) -> str:
        """What the server said on stderr (its last lines), for an error message."""
        assert self._process is not None
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(5)
        said = ""
        if self._stderr is not None:
            self._stderr.seek(0)
            said = " | ".join(line.strip() for line in self._stderr.read().strip().splitlines()[-5:])
        return f"exit status {self._process.returncode}: {said or '(nothing on stderr)'}"

    def stop(self, timeout: float = 10.0) -> int | None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds); its exit status."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        if process.stdout is not None:
            process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        return process.returncode

    def reset(self) -> None:
        """Empty the server: no pools, users, identity pools or outbox, as at a fresh start."""
        self._call("POST", "/_emulator/reset")

    def outbox(self, pool_id: str | None = None) -> list[dict[str, Any]]:
        """Every email and SMS the server "sent" (of one user pool, if given), oldest first: dicts with id,
        user_pool_id, username, channel (EMAIL or SMS), destination, code, subject, body, created_at."""
        query = f"?{urllib.parse.urlencode({'user_pool_id': pool_id})}" if pool_id else ""
        result: list[dict[str, Any]] = self._call("GET", f"/_emulator/outbox{query}")
        return result

    def client(self, service_name: str, **kwargs: Any) -> Any:
        """A boto3 client on this server: its endpoint and region, dummy credentials, no retries (a test
        sees the first error). Keyword arguments go to ``boto3.client`` and win; a ``config`` is merged."""
        # Imported here, not at the top: pytest imports this module in every run, used or not.
        import boto3
        from botocore.config import Config

        if not self.endpoint_url:
            raise LocalCognitoError("the local Cognito is not started")
        config = Config(retries={"total_max_attempts": 1})
        if kwargs.get("config") is not None:
            config = config.merge(kwargs.pop("config"))
        options: dict[str, Any] = {
            "endpoint_url": self.endpoint_url,
            "region_name": self.region,
            "aws_access_key_id": "local",
            "aws_secret_access_key": "local",
            **kwargs,
            "config": config,
        }
        return boto3.client(service_name, **options)

    def _call(self, method: str, path: str, timeout: float = 30) -> Any:
        if not self.endpoint_url:
            raise LocalCognitoError("the local Cognito is not started")
        url = f"{self.endpoint_url}{path}"  # http://, from the server's first line
        request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")
            raise LocalCognitoError(f"{method} {path}: HTTP {exc.code} {detail}") from exc
        return json.loads(body) if body.strip() else None


def pytest_addoption(parser: Any) -> None:
    parser.addini(
        "local_cognito_args",
        type="args",
        default=[],
        help="more options for the local Cognito of the local_cognito fixture (cognito-console emulator --help)",
    )


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        f"{KEEP_STATE_MARKER}: the local_cognito fixture keeps what earlier tests left instead of emptying the"
        " server before this test",
    )


if pytest is not None:

    @pytest.fixture(scope="session")
    def _local_cognito_server(pytestconfig: pytest.Config) -> Iterator[LocalCognito]:
        """One local Cognito for the session, started when a test first asks for ``local_cognito``."""
        with LocalCognito(*pytestconfig.getini("local_cognito_args")) as cognito:
            yield cognito

    @pytest.fixture
    def local_cognito(request: pytest.FixtureRequest, _local_cognito_server: LocalCognito) -> LocalCognito:
        """An ephemeral local Cognito (``endpoint_url``, ``client(service_name, **kwargs)``,
        ``outbox(pool_id=None)``, ``reset()``), empty at the start of the test unless it is marked
        ``@pytest.mark.local_cognito_keep_state``."""
        if request.node.get_closest_marker(KEEP_STATE_MARKER) is None:
            _local_cognito_server.reset()
        return _local_cognito_server
