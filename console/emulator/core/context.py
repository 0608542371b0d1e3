"""What a handler knows about the request it serves and the server it runs in."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store


@dataclass
class ServerConfig:
    """How the server was started (``cognito-console emulator``'s options)."""

    host: str = "127.0.0.1"
    port: int = 0
    data_dir: str = ""
    # Nothing on disk: the database lives in memory (SQLite's :memory:) and ends with the process.
    ephemeral: bool = False
    seed: str | None = None  # a seed file loaded at start (seeding.py)
    region: str = "us-east-1"
    # The base URL clients use, where it is not the listening address (a container's published port, a
    # proxy): it becomes base_url, and so the issuer's base and every URL the server gives out.
    public_url: str = ""
    # Beyond loopback, admin calls go unauthenticated instead of needing SigV4 with the configured keys
    # (sigv4.py): for containers, as moto and LocalStack do.
    accept_any_credentials: bool = False
    # Host names answered besides loopback's (hosts.py): DNS rebinding stops at names not listed.
    allowed_hosts: tuple[str, ...] = ()
    lambda_endpoint: str | None = None
    # Where the social identity providers answer instead of their own hosts (hosted_ui/federation/oidc.py).
    social_base_url: str = ""
    # The issuer claim: "local" gives {base}/{poolId}; "aws" gives AWS's own form, so aws-jwt-verify
    # accepts the tokens.
    issuer_style: str = "local"
    account_id: str = "000000000000"
    base_url: str = ""  # filled in once the socket is bound
    parent_pid: int | None = None  # stop when this process is gone
    workers: int | None = None  # processes for CPU-bound crypto (workers.py); None: one per spare core
    # Tests may move the server's clock forward (POST /_emulator/clock) to reach a lockout's end or a code's
    # expiry without waiting; only a server started with --movable-clock allows it.
    movable_clock: bool = False
    clock_offset: float = 0.0  # seconds the clock was moved forward
    # Client ID metadata document URLs (user_pools/cimd.py) may be http on loopback, matched as their https
    # form against CIMD policies' patterns: an OAuth client under development serves its document locally.
    http_metadata_urls: bool = False

    def now(self) -> float:
        """The server's clock: the wall clock, plus what a test moved it forward by."""
        return time.time() + self.clock_offset


@dataclass
class Scratch:
    """What a request's work notes as it goes. A replayed attempt (invocations.py) starts again from the
    copy taken before the first, so nothing a rolled-back attempt noted leaks into the next."""

    # Writes committed whether or not the request fails (a counted wrong code, an auth event): the
    # transaction runner (transaction.py) runs them after the work, in its transaction when it succeeds,
    # in one of their own after the rollback when it fails.
    kept: list[Callable[[], Any]] = field(default_factory=list)
    # The request and app client the hooks of a sign-up or sign-in describe (user_pools/flow_hooks.py).
    request: Mapping[str, Any] = field(default_factory=dict)
    client: Mapping[str, Any] | None = None
    # The sign-in's risk assessment, once made (user_pools/flow_hooks.py's SignInRisk).
    sign_in_risk: Any = None

    def copy(self) -> Scratch:
        return replace(self, kept=list(self.kept))


@dataclass
class Invocations:
    """This request's Lambda answers, by call order, for replaying its work (invocations.py)."""

    memo: dict[int, Any] = field(default_factory=dict)
    count: int = 0
    settling: bool = False
    stable: list[Any] = field(default_factory=list)
    stable_count: int = 0


@dataclass
class Signing:
    """Tokens a request signs once its response is serialized (signatures.py): placeholders carry the
    request's random ``nonce``; ``early`` holds signatures a worker started before the end."""

    nonce: str
    jobs: list[Any] = field(default_factory=list)
    early: dict[str, Any] = field(default_factory=dict)


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
    scratch: Scratch = field(default_factory=Scratch)
    invocations: Invocations = field(default_factory=Invocations)
    signing: Signing | None = None
    # A sign-in through the hosted UI: the OAuth grant its tokens carry (scopes, nonce, whether a refresh
    # token comes with them; hosted_ui/flow.py's Grant). None for the JSON API's sign-ins.
    oauth: Any = None
    # User pool documents as this request first read them (pools.get_pool), by pool ID, where the request
    # keeps them: a handler that reads pools without changing them (the token endpoint) sets {}, and each
    # pool is read and parsed once however many of its steps ask for it. None: every read parses afresh.
    pool_documents: dict[str, dict[str, Any]] | None = None

    def keep(self, write: Callable[[], Any]) -> None:
        """Commit ``write`` whether or not this request's work fails (see ``Scratch.kept``)."""
        self.scratch.kept.append(write)

    @property
    def region(self) -> str:
        return self.config.region

    @property
    def base_url(self) -> str:
        return self.config.base_url

    def issuer(self, pool_id: str) -> str:
        if self.config.issuer_style == "aws":
            # A pool whose IssuerConfiguration is UPDATED names AWS's multi-Region issuer host.
            kind = self.store.value(
                "SELECT json_extract(doc, '$.IssuerConfiguration.Type') FROM pools WHERE id = ?", (pool_id,)
            )
            host = "issuer-cognito-idp" if kind == "UPDATED" else "cognito-idp"
            return f"https://{host}.{self.region}.amazonaws.com/{pool_id}"
        return f"{self.base_url}/{pool_id}"
