"""What a handler knows about the request it serves and the server it runs in."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 0
    data_dir: str = ""
    region: str = "us-east-1"
    lambda_endpoint: str | None = None
    # The issuer claim: "local" gives {base}/{poolId}; "aws" gives AWS's own form, so aws-jwt-verify
    # accepts the tokens.
    issuer_style: str = "local"
    account_id: str = "000000000000"
    base_url: str = ""  # filled in once the socket is bound
    parent_pid: int | None = None  # stop when this process is gone
    workers: int | None = None  # processes for CPU-bound crypto (workers.py); None: one per spare core


@dataclass
class RequestContext:
    store: Store
    config: ServerConfig
    operation: str = ""
    source_ip: str = "127.0.0.1"
    headers: dict[str, str] = field(default_factory=dict)
    request_id: str = ""
    # One clock per request, so every timestamp a request writes agrees.
    now: float = field(default_factory=time.time)
    # Shared per-server state for modules that need caches or executors (keys, process pools).
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def region(self) -> str:
        return self.config.region

    @property
    def base_url(self) -> str:
        return self.config.base_url

    def issuer(self, pool_id: str) -> str:
        if self.config.issuer_style == "aws":
            return f"https://cognito-idp.{self.region}.amazonaws.com/{pool_id}"
        return f"{self.base_url}/{pool_id}"
