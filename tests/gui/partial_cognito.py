"""A Cognito endpoint on loopback that fails chosen operations the way other implementations, proxies and IAM
policies do (an HTML 500 page, AccessDeniedException, an unknown operation) and passes every other call to the
real local Cognito."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

TARGET_PREFIX = "AWSCognitoIdentityProviderService."

HTML_500 = (
    "<!DOCTYPE html>\n<html>\n<head>\n<title>500 Internal Server Error</title>\n</head>\n<body>\n"
    "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete "
    "your request. Either the server is overloaded or there is an error in the application.</p>\n"
    "<hr><address>gunicorn/21.2.0 at cognito.internal.example</address>\n</body>\n</html>\n"
)


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    content_type: str = "application/x-amz-json-1.1"
    error_type: str = ""


def html_500() -> Answer:
    return Answer(500, HTML_500, "text/html; charset=utf-8")


def aws_error(code: str, message: str, status: int = 400) -> Answer:
    return Answer(status, json.dumps({"__type": code, "message": message}), error_type=code)


def access_denied(operation: str) -> Answer:
    return aws_error(
        "AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/ConsoleReadOnly/dev is not authorized to perform: "
        f"cognito-idp:{operation} on resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/* because "
        "no identity-based policy allows the cognito-idp:" + operation + " action",
    )


def unknown_operation() -> Answer:
    return aws_error("UnknownOperationException", "")


class PartialCognito:
    """``failures`` maps an operation (AdminListDevices) to the answer it gets instead of the local Cognito's."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.failures: dict[str, Answer] = {}
        self.calls: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                target = self.headers.get("X-Amz-Target", "")
                operation = target.removeprefix(TARGET_PREFIX)
                owner.calls.append(operation)
                answer = owner.failures.get(operation) or owner.forward(self.path, dict(self.headers), body)
                data = answer.body.encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                if answer.error_type:
                    self.send_header("x-amzn-ErrorType", answer.error_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def forward(self, path: str, headers: dict[str, str], body: bytes) -> Answer:
        keep = {k: v for k, v in headers.items() if k.lower() not in ("host", "content-length", "connection")}
        request = urllib.request.Request(self.upstream + path, data=body, headers=keep, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return Answer(resp.status, resp.read().decode(), resp.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            return Answer(
                exc.code,
                exc.read().decode(),
                exc.headers.get("Content-Type", ""),
                exc.headers.get("x-amzn-ErrorType", ""),
            )


@contextmanager
def serving(upstream: str) -> Iterator[PartialCognito]:
    endpoint = PartialCognito(upstream)
    thread = threading.Thread(target=endpoint.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        endpoint.server.shutdown()
        endpoint.server.server_close()
        thread.join(5)
