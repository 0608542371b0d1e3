"""Calling a Lambda function: the Invoke API at the server's ``--lambda-endpoint``, or a Python callable.

User pool triggers (user_pools/triggers.py) and Cognito Sync's SyncTrigger (sync/events.py) call their
functions here; each turns the failures below into its own service's errors.

How a function runs
-------------------
1. A Python callable, when the function is mapped to one. The mapping is the environment variable
   ``COGNITO_LOCAL_TRIGGERS`` of the local Cognito's process: comma-separated
   ``<function>=<module>:<callable>`` entries, where ``<function>`` is the function name in the ARN
   (``arn:aws:lambda:us-east-1:000000000000:function:<function>``) or the whole ARN::

       COGNITO_LOCAL_TRIGGERS="pre-signup=myapp.triggers:pre_signup,define=myapp.auth:define"

   The callable is called as ``fn(event, context)`` like a Python Lambda handler (``context`` has
   ``function_name``, ``invoked_function_arn``, ``aws_request_id`` and
   ``get_remaining_time_in_millis()``) and returns the answer. An exception it raises is a function error.
2. Otherwise the Lambda Invoke API, as ``sam local start-lambda`` serves it:
   ``POST {endpoint}/2015-03-31/functions/{function}/invocations`` with the event as the JSON body (a
   version or alias in the ARN becomes ``?Qualifier=``). A response with the ``X-Amz-Function-Error``
   header is a function error; its ``errorMessage`` is the message.

``call`` blocks for at most ``TIMEOUT_SECONDS`` (AWS's 5 s): callers inside a request make it off the event loop
(core/invocations.py).

What the caller gets
--------------------
An answer is readable when it is JSON, nests arrays and objects at most ``MAX_DEPTH`` deep, and every string
in it (keys too) can be written as UTF-8: a ``\\ud800`` escape decodes to a lone surrogate, which neither
SQLite nor an answer can hold. Anything else is ``UnreadableOutput``, whichever way the function ran. A
function error's message is made readable the same way (the raw body, or surrogates replaced).
"""

from __future__ import annotations

import http.client
import importlib
import json
import logging
import os
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("console.emulator.core.lambdas")

TIMEOUT_SECONDS = 5.0
ENV_VAR = "COGNITO_LOCAL_TRIGGERS"
MAX_DEPTH = 200
"""How deep arrays and objects may nest in an answer: well inside Python's recursion limit, so that what
reads the answer afterwards (copies, JSON encoding, token signing) can walk it recursively."""


class LambdaFailure(Exception):
    """A call that gave no answer the caller can use."""


class FunctionError(LambdaFailure):
    """The function ran and failed (raised, or answered with ``X-Amz-Function-Error``)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


class InvocationError(LambdaFailure):
    """The function could not be called: no endpoint, a refused connection, a timeout, an HTTP error
    (``status``: the Invoke API's status, when it answered)."""

    def __init__(self, cause: str, status: int | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.status = status


class UnreadableOutput(LambdaFailure):
    """The function answered something that is not readable JSON (see the module doc)."""


SOCKET_TIMEOUT = "Socket timeout while invoking Lambda function"
NO_ENDPOINT = "No Lambda endpoint configured (start the local Cognito with --lambda-endpoint)"


def readable(document: Any) -> bool:
    """Whether a decoded JSON document nests at most ``MAX_DEPTH`` deep and holds only strings that can be
    written as UTF-8. Walks without recursion, so any depth is safe to check."""
    pending: list[tuple[Any, int]] = [(document, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if not _utf8(value):
                return False
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return False
            if isinstance(value, dict):
                if not all(_utf8(key) for key in value if isinstance(key, str)):
                    return False
                pending.extend((item, depth + 1) for item in value.values())
            else:
                pending.extend((item, depth + 1) for item in value)
    return True


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decoded(payload: bytes) -> Any:
    """The readable JSON document in ``payload``; raises UnreadableOutput."""
    try:
        document = json.loads(payload)
    except (ValueError, RecursionError):
        raise UnreadableOutput() from None
    if not readable(document):
        raise UnreadableOutput()
    return document


def _error_message(payload: bytes) -> Any:
    """A function error's message: the body's ``errorMessage`` when readable, else the body as text."""
    text = payload.decode("utf-8", "replace")
    try:
        parsed = _decoded(payload)
    except UnreadableOutput:
        return text
    return parsed.get("errorMessage", text) if isinstance(parsed, dict) else text


def function_name(arn: str) -> tuple[str, str | None]:
    """``(name, qualifier)`` from a Lambda ARN; a bare name passes through."""
    parts = arn.split(":")
    if len(parts) >= 7 and parts[0] == "arn" and parts[5] == "function":
        return parts[6], (parts[7] if len(parts) > 7 else None)
    return arn, None


def _python_mappings() -> dict[str, str]:
    raw = os.environ.get(ENV_VAR, "")
    out: dict[str, str] = {}
    for entry in raw.split(","):
        name, sep, target = entry.strip().partition("=")
        if sep and name.strip() and target.strip():
            out[name.strip()] = target.strip()
    return out


def python_target(arn: str) -> Callable[..., Any] | None:
    """The Python callable the function is mapped to, if any."""
    mappings = _python_mappings()
    name, _ = function_name(arn)
    target = mappings.get(arn) or mappings.get(name)
    if target is None:
        return None
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
        fn = getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        log.warning("function mapping %s=%s does not resolve: %s", name, target, exc)
        return None
    return fn if callable(fn) else None


@dataclass
class LambdaContext:
    """The ``context`` a Python handler receives."""

    function_name: str
    invoked_function_arn: str
    aws_request_id: str
    deadline: float
    memory_limit_in_mb: str = "128"
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = ""

    def get_remaining_time_in_millis(self) -> int:
        return max(int((self.deadline - time.monotonic()) * 1000), 0)


def _call_python(fn: Callable[..., Any], arn: str, event: Any, request_id: str, timeout: float) -> Any:
    name, _ = function_name(arn)
    context = LambdaContext(name, arn, request_id, time.monotonic() + timeout)
    try:
        # The handler gets its own copy, as a Lambda gets the event by value.
        returned = fn(json.loads(json.dumps(event)), context)
    except Exception as exc:
        raise FunctionError(str(exc).encode("utf-8", "replace").decode("utf-8")) from None
    # The answer travels as JSON, as a Lambda's does: what the runtime cannot marshal is a function error.
    try:
        payload = json.dumps(returned).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        raise FunctionError(f"Unable to marshal response: {exc}") from None
    return _decoded(payload)


def _call_http(endpoint: str | None, arn: str, event: Any, timeout: float) -> Any:
    if not endpoint:
        raise InvocationError(NO_ENDPOINT)
    name, qualifier = function_name(arn)
    url = urllib.parse.urlsplit(endpoint)
    path = url.path.rstrip("/") + f"/2015-03-31/functions/{urllib.parse.quote(name, safe='')}/invocations"
    if qualifier:
        path += "?" + urllib.parse.urlencode({"Qualifier": qualifier})
    conn_type = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    body = json.dumps(event).encode()
    conn = conn_type(url.hostname or "127.0.0.1", url.port, timeout=timeout)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-Amz-Invocation-Type": "RequestResponse",
                "X-Amz-Log-Type": "None",
            },
        )
        response = conn.getresponse()
        payload = response.read()
        function_error = response.getheader("X-Amz-Function-Error")
        status = response.status
    except (TimeoutError, OSError, http.client.HTTPException):
        raise InvocationError(SOCKET_TIMEOUT) from None
    finally:
        conn.close()
    if function_error:
        raise FunctionError(_error_message(payload))
    if status >= 300:
        raise InvocationError(f"Lambda Invoke API returned HTTP {status}", status)
    return _decoded(payload)


def call(endpoint: str | None, request_id: str, arn: str, event: Any, *, timeout: float = TIMEOUT_SECONDS) -> Any:
    """The function's answer (decoded JSON) to ``event``, waited for at most ``timeout`` seconds; raises a
    LambdaFailure."""
    fn = python_target(arn)
    if fn is not None:
        return _call_python(fn, arn, event, request_id, timeout)
    return _call_http(endpoint, arn, event, timeout)
