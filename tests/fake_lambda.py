"""A fake Lambda Invoke API on loopback for trigger tests: records events, answers scripted responses.

``POST /2015-03-31/functions/{name}/invocations`` as ``sam local start-lambda`` serves it. A script per
function decides the answer: a callable ``event -> event`` (the default echoes the event back), or one of
``Fail(message)`` (a function error, ``X-Amz-Function-Error: Unhandled``), ``Sleep(seconds, then)``,
``Garbage(body)`` (a 200 with a body that is not an event), ``Status(code)``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Fail:
    message: str
    error_type: str = "Error"


@dataclass
class Sleep:
    seconds: float
    then: Any = None


@dataclass
class Garbage:
    body: bytes = b"this is not json"


@dataclass
class Status:
    code: int


@dataclass
class Call:
    function: str
    qualifier: str | None
    event: dict[str, Any]


@dataclass
class FakeLambda:
    server: ThreadingHTTPServer
    calls: list[Call] = field(default_factory=list)
    scripts: dict[str, Any] = field(default_factory=dict)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def script(self, function: str, answer: Any) -> None:
        self.scripts[function] = answer

    def events(self, function: str) -> list[dict[str, Any]]:
        return [c.event for c in self.calls if c.function == function]

    def reset(self) -> None:
        self.calls.clear()
        self.scripts.clear()


def _respond(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.end_headers()
    handler.wfile.write(body)


def _answer(handler: BaseHTTPRequestHandler, answer: Any, event: dict[str, Any]) -> None:
    if isinstance(answer, Sleep):
        time.sleep(answer.seconds)
        _answer(handler, answer.then, event)
        return
    if isinstance(answer, Fail):
        body = json.dumps({"errorMessage": answer.message, "errorType": answer.error_type}).encode()
        _respond(handler, 200, body, {"X-Amz-Function-Error": "Unhandled"})
        return
    if isinstance(answer, Garbage):
        _respond(handler, 200, answer.body)
        return
    if isinstance(answer, Status):
        _respond(handler, answer.code, b'{"message":"failed"}')
        return
    result = event if answer is None else answer(event) if callable(answer) else answer
    _respond(handler, 200, json.dumps(result).encode())


def serve() -> FakeLambda:
    fake: FakeLambda

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            parts = url.path.strip("/").split("/")
            if len(parts) != 4 or parts[0] != "2015-03-31" or parts[1] != "functions" or parts[3] != "invocations":
                _respond(self, 404, b'{"message":"not found"}')
                return
            name = urllib.parse.unquote(parts[2])
            qualifier = urllib.parse.parse_qs(url.query).get("Qualifier", [None])[0]
            length = int(self.headers.get("Content-Length") or 0)
            event = json.loads(self.rfile.read(length) or b"{}")
            fake.calls.append(Call(name, qualifier, copy.deepcopy(event)))
            # A caller that gave up (timeout) has closed the connection: nothing to answer.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                _answer(self, fake.scripts.get(name), event)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake = FakeLambda(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake


def running() -> Iterator[FakeLambda]:
    """For a pytest fixture: ``yield from running()``."""
    fake = serve()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()


Script = Callable[[dict[str, Any]], dict[str, Any]]
