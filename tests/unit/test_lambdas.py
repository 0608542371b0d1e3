"""core/lambdas.py reads a function's answer: odd answers (too deep, lone surrogates, not JSON) are unreadable,
odd function errors keep a readable message, and both services' triggers turn them into their 4xx errors."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from console.emulator.core import lambdas
from console.emulator.core.errors import AwsError
from console.emulator.sync import events
from console.emulator.user_pools import triggers

ARN = "arn:aws:lambda:us-east-1:000000000000:function:odd"
DEEP = b"[" * 100_000 + b"]" * 100_000
JUST_TOO_DEEP = b"[" * (lambdas.MAX_DEPTH + 1) + b"]" * (lambdas.MAX_DEPTH + 1)
DEEP_ENOUGH = b"[" * lambdas.MAX_DEPTH + b"]" * lambdas.MAX_DEPTH
ODD_ANSWERS = {
    "nested-beyond-recursion": DEEP,
    "nested-beyond-max-depth": JUST_TOO_DEEP,
    "lone-surrogate-value": b'{"response": {"k": "\\ud800"}}',
    "lone-surrogate-key": b'{"response": {"\\udfff": 1}}',
    "not-json": b"not json",
    "not-utf8": b"\xff\xfe",
    "empty": b"",
}


class _Answers:
    """A Lambda Invoke API answering every call with ``body`` (a function error when ``error`` is set)."""

    def __init__(self) -> None:
        self.body = b"{}"
        self.error = False


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, _Answers]]:
    answers = _Answers()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(200)
                self.send_header("Content-Length", str(len(answers.body)))
                if answers.error:
                    self.send_header("X-Amz-Function-Error", "Unhandled")
                self.end_headers()
                self.wfile.write(answers.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", answers
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("body", ODD_ANSWERS.values(), ids=ODD_ANSWERS.keys())
def test_an_odd_answer_is_unreadable(endpoint: tuple[str, _Answers], body: bytes) -> None:
    url, answers = endpoint
    answers.body, answers.error = body, False
    with pytest.raises(lambdas.UnreadableOutput):
        lambdas.call(url, "r", ARN, {})


def test_an_answer_nested_max_depth_deep_is_read(endpoint: tuple[str, _Answers]) -> None:
    url, answers = endpoint
    answers.body, answers.error = DEEP_ENOUGH, False
    assert isinstance(lambdas.call(url, "r", ARN, {}), list)


@pytest.mark.parametrize("body", ODD_ANSWERS.values(), ids=ODD_ANSWERS.keys())
def test_an_odd_answer_is_each_services_4xx(endpoint: tuple[str, _Answers], body: bytes) -> None:
    url, answers = endpoint
    answers.body, answers.error = body, False
    with pytest.raises(AwsError) as user_pools:
        triggers._run(url, "r", "PreSignUp", ARN, {"request": {}})
    with pytest.raises(AwsError) as sync:
        events._call(url, "r", ARN, {})
    assert (user_pools.value.code, user_pools.value.status) == ("InvalidLambdaResponseException", 400)
    assert (sync.value.code, sync.value.status) == ("InvalidLambdaFunctionOutputException", 400)


@pytest.mark.parametrize(
    "body",
    [DEEP, JUST_TOO_DEEP, b'{"errorMessage": "bad \\ud800"}', b'{"errorMessage": {"\\udfff": 1}}', b"\xff oops"],
    ids=["nested-beyond-recursion", "nested-beyond-max-depth", "lone-surrogate", "lone-surrogate-key", "not-utf8"],
)
def test_an_odd_function_error_has_a_readable_message(endpoint: tuple[str, _Answers], body: bytes) -> None:
    url, answers = endpoint
    answers.body, answers.error = body, True
    with pytest.raises(lambdas.FunctionError) as failure:
        lambdas.call(url, "r", ARN, {})
    str(failure.value.message).encode("utf-8")
    with pytest.raises(AwsError) as user_pools:
        triggers._run(url, "r", "PreSignUp", ARN, {"request": {}})
    assert user_pools.value.code == "UserLambdaValidationException"
    user_pools.value.message.encode("utf-8")


def test_a_function_errors_message_is_its_error_message(endpoint: tuple[str, _Answers]) -> None:
    url, answers = endpoint
    answers.body, answers.error = b'{"errorMessage": "no such user", "errorType": "Error"}', True
    with pytest.raises(lambdas.FunctionError) as failure:
        lambdas.call(url, "r", ARN, {})
    assert failure.value.message == "no such user"


def _deep() -> list[Any]:
    document: list[Any] = []
    for _ in range(5000):
        document = [document]
    return document


def _circular() -> dict[str, Any]:
    document: dict[str, Any] = {}
    document["self"] = document
    return document


@pytest.mark.parametrize(
    ("returned", "failure"),
    [
        ({"response": {"k": "\ud800"}}, lambdas.UnreadableOutput),
        ({"\udfff": {}}, lambdas.UnreadableOutput),
        (_deep(), lambdas.FunctionError),
        (_circular(), lambdas.FunctionError),
        ({"response": {1, 2}}, lambdas.FunctionError),
    ],
    ids=["lone-surrogate-value", "lone-surrogate-key", "nested-beyond-recursion", "circular", "not-json"],
)
def test_a_python_functions_odd_answer_is_refused(
    monkeypatch: pytest.MonkeyPatch, returned: Any, failure: type[lambdas.LambdaFailure]
) -> None:
    monkeypatch.setattr(lambdas, "python_target", lambda arn: lambda event, context: returned)
    with pytest.raises(failure):
        lambdas.call(None, "r", ARN, {})


def test_a_python_functions_exception_has_a_readable_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def handler(event: Any, context: Any) -> Any:
        raise ValueError("bad \ud800 value")

    monkeypatch.setattr(lambdas, "python_target", lambda arn: handler)
    with pytest.raises(lambdas.FunctionError) as failure:
        lambdas.call(None, "r", ARN, {})
    assert failure.value.message == "bad ? value"


def test_a_python_functions_answer_is_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = {"response": {"autoConfirmUser": True}}
    monkeypatch.setattr(lambdas, "python_target", lambda arn: lambda event, context: kept)
    answer = lambdas.call(None, "r", ARN, {})
    assert answer == kept and answer is not kept
