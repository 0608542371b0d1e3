"""RS256 signatures made after the commit, in a worker process when other requests are waiting.

Two RSA-2048 signatures (ID and access token, about 0.3 ms each) are the largest CPU cost of a sign-in.
So a JSON API request does not sign where its tokens are made: ``sign`` gives the token a placeholder
and records the work; once the request's transaction has committed and its response is serialized,
``complete`` makes the signatures (in a worker process, workers.py, if others are waiting) and puts them
in place. A request that is alone hands its first token to an idle worker at once, so that it is signed
while the request finishes its transaction, and signs the second itself. Placeholders carry a random
per-request nonce, so nothing a client sends can stand for one. A key travels to a worker once, with its
first use there.

Work a request replays (invocations.py) snapshots and restores the job list like any request-scoped
state, so the jobs of a rolled-back attempt are dropped. Outside a request that called ``defer``
(background jobs, the console's seed, plain HTTP routes) signing happens in place.

cryptography is imported with the first signature, not with this module: the server defers every request's
signatures from its start, and importing cryptography's primitives took a tenth of that start.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
from typing import TYPE_CHECKING, Any

from . import workers
from .context import RequestContext, Signing

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

Job = tuple[str, str, "rsa.RSAPrivateKey", bytes]  # marker, kid, key, signing input


def rs256(key: rsa.RSAPrivateKey, signing_input: bytes) -> str:
    """The base64url RS256 signature of ``signing_input``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def defer(ctx: RequestContext) -> None:
    """From now on, ``sign`` in this request leaves placeholders for ``complete`` to fill."""
    ctx.signing = Signing(nonce=secrets.token_hex(12))


def sign(ctx: RequestContext, kid: str, key: rsa.RSAPrivateKey, signing_input: bytes) -> str:
    """The signature, or in a deferring request a placeholder that ``complete`` replaces with it."""
    signing = ctx.signing
    if signing is None:
        return rs256(key, signing_input)
    jobs: list[Job] = signing.jobs
    marker = f"~{signing.nonce}~{len(jobs)}~"
    job = (marker, kid, key, signing_input)
    jobs.append(job)
    if len(jobs) == 1 and workers.pick() is None and (worker := workers.idle()) is not None:
        # Alone, with a core to spare: the worker signs the first token now, while this request goes on
        # with the rest of its work (a rolled-back attempt's answer is never used).
        signing.early[marker] = _submit(worker, [job])
    return marker


async def complete(ctx: RequestContext, body: bytes) -> bytes:
    """``body`` with every placeholder it holds replaced by its signature."""
    signing = ctx.signing
    if signing is None:
        return body
    jobs = [job for job in signing.jobs if job[0].encode("ascii") in body]
    early: dict[str, asyncio.Future[tuple[bool, Any] | None]] = signing.early
    signing.jobs = []
    signing.early = {}
    if not jobs:
        return body
    handed = [(early[job[0]], [job]) for job in jobs if job[0] in early]
    here = [job for job in jobs if job[0] not in early]
    worker = workers.pick()
    if here and worker is not None:  # others are waiting: all of it to a worker
        handed.append((_submit(worker, here), here))
        here = []
        await worker.drain()
    elif len(here) > 1 and (worker := workers.idle()) is not None:
        # Alone: a worker signs the others while this process signs the first, each on its own core.
        handed.append((_submit(worker, here[1:]), here[1:]))
        here = here[:1]
    made = {marker: rs256(key, data) for marker, _, key, data in here}
    for future, batch in handed:
        made.update(_answer(await future, batch))
    for marker, _, key, data in jobs:
        signature = made.get(marker) or rs256(key, data)  # in place: no worker, or it was lost
        body = body.replace(marker.encode("ascii"), signature.encode("ascii"))
    return body


def _submit(worker: workers.Worker, jobs: list[Job]) -> asyncio.Future[tuple[bool, Any] | None]:
    known: set[str] = worker.state.setdefault("kids", set())
    batch = [(kid, None if kid in known else _pem(key), data) for _, kid, key, data in jobs]
    known.update(kid for _, kid, _, _ in jobs)
    return worker.submit(sign_batch, (batch,))


def _answer(answer: tuple[bool, Any] | None, jobs: list[Job]) -> dict[str, str]:
    if answer is None or not answer[0]:
        return {}
    return {job[0]: signature for job, signature in zip(jobs, answer[1], strict=True)}


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    encoding, private = serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8
    return key.private_bytes(encoding, private, serialization.NoEncryption())


# -- in the worker process --------------------------------------------------------------------------------

_worker_keys: dict[str, rsa.RSAPrivateKey] = {}


def sign_batch(jobs: list[tuple[str, bytes | None, bytes]]) -> list[str]:
    """Runs in a worker: the signatures of ``(kid, PEM on first use, signing input)`` jobs."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    made = []
    for kid, pem, data in jobs:
        if pem is not None:
            # The server loaded (and checked) this key before sending it: checking it again took tens of ms.
            key = serialization.load_pem_private_key(pem, password=None, unsafe_skip_rsa_key_validation=True)
            assert isinstance(key, rsa.RSAPrivateKey)
            _worker_keys[kid] = key
        made.append(rs256(_worker_keys[kid], data))
    return made
