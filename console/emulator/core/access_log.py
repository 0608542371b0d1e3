"""One log line per request, and the log formats: text for a terminal, JSON lines for a log collector.

A request's line says what was asked and how it ended: the operation, the user pool or app client it
named, the HTTP status, the AWS error code, and the milliseconds it took. It never carries a request's
body or headers, so no password, code, token or secret reaches a log.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from typing import Any

log = logging.getLogger("console.emulator.requests")

FORMATS = ("text", "json")


def enabled() -> bool:
    return log.isEnabledFor(logging.INFO)


def fields_of(params: Mapping[str, Any]) -> dict[str, str]:
    """The identifiers a request's line may show: the user pool and app client it names."""
    out = {}
    for name, key in (("UserPoolId", "pool"), ("ClientId", "client")):
        value = params.get(name)
        if isinstance(value, str) and len(value) <= 128:
            out[key] = value
    return out


def record(
    target: str, status: int, error_code: str, elapsed: float, identifiers: Mapping[str, str] | None = None
) -> None:
    """Log one answered request (call only when ``enabled()``)."""
    operation = target.rpartition(".")[2] or target or "-"
    ids = dict(identifiers or {})
    log.info(
        "%s %s %d %s %.1f ms",
        operation,
        ids.get("pool") or ids.get("client") or "-",
        status,
        error_code or "-",
        elapsed * 1000,
        extra={
            "request": {
                "operation": operation,
                **ids,
                "status": status,
                "error": error_code or None,
                "ms": round(elapsed * 1000, 1),
            }
        },
    )


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message, and a request's fields when it has them."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if isinstance(request, dict):
            doc.update(request)
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False)


def configure(level: str, fmt: str) -> None:
    """Send the server's logs to standard error at ``level``, as text or JSON lines."""
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.WARNING))
