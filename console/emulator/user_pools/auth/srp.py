"""The server side of Cognito's SRP-6a (USER_SRP_AUTH, PASSWORD_SRP, DEVICE_SRP_AUTH).

The group is RFC 5054's 3072-bit prime with g = 2 and SHA-256 (``passwords.N``/``passwords.G``), and the
maths follow what AWS's clients compute (amazon-cognito-identity-js, pycognito):

    k = H(pad(N) || pad(g))           B = (k*v + g^b) mod N          u = H(pad(A) || pad(B))
    S = (A * v^u)^b mod N             key = HKDF-SHA256(ikm=pad(S), salt=pad(u), "Caldera Derived Key")[:16]
    PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolSuffix || USER_ID_FOR_SRP || SECRET_BLOCK
                                                     || TIMESTAMP))

The SECRET_BLOCK is the server's state for the second round trip, AES-GCM-encrypted under the pool's
secret key: clients echo it back (pycognito even sends no Session), so it must carry everything the
server needs, and nobody else can read or forge it. Each block is accepted once (``srp_used``).

The big-number work runs through ``compute``, which returns to the event loop between full
exponentiations, so a sign-in never holds the loop longer than about 0.6 ms at a time.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import calendar
import contextlib
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

import gmpy2

from console.emulator.core import workers
from console.emulator.core.context import RequestContext
from console.emulator.user_pools.keys import PoolKeys
from console.emulator.user_pools.passwords import G, N, pad_hex, pow_g

K = gmpy2.mpz(hashlib.sha256(bytes.fromhex(pad_hex(N) + pad_hex(G))).hexdigest(), 16)
_INFO = b"Caldera Derived Key\x01"
# The server's secret exponent: 256 random bits keep 128-bit security for the 3072-bit group at a
# fraction of the cost of a full-length exponent.
_B_BITS = 256

# How far a client's TIMESTAMP may stray from the server clock (AWS: "within a few seconds" of the
# challenge; clocks of real devices drift, so minutes are allowed either way).
TIMESTAMP_SKEW = 300

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TIMESTAMP = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01])"
    r" ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$"
)


# -- the maths -----------------------------------------------------------------------------------------


def hex_hash(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


def server_ephemeral(verifier_hex: str) -> tuple[str, str]:
    """A fresh secret ``b`` and the public ``B = k*v + g^b mod N`` (both hex)."""
    v = gmpy2.mpz(verifier_hex, 16)
    while True:
        b = gmpy2.mpz(secrets.randbits(_B_BITS))
        big_b = (K * v + pow_g(b)) % N
        if b and big_b:
            return format(int(b), "x"), format(int(big_b), "x")


def valid_a(a_hex: str) -> bool:
    """SRP_A is hex and not 0 mod N (a client value of 0, N, 2N... would fix the session key)."""
    try:
        a = gmpy2.mpz(a_hex, 16)
    except ValueError:
        return False
    return bool(a % N)


def session_key(a_hex: str, b_hex: str, big_b_hex: str, verifier_hex: str) -> bytes | None:
    """The 16-byte HKDF key both sides derive, or None for values a correct client never sends."""
    a = gmpy2.mpz(a_hex, 16)
    if not a % N:
        return None
    u_hex = hex_hash(pad_hex(a) + pad_hex(gmpy2.mpz(big_b_hex, 16)))
    u = gmpy2.mpz(u_hex, 16)
    if not u:
        return None
    v = gmpy2.mpz(verifier_hex, 16)
    s = gmpy2.powmod(a * gmpy2.powmod(v, u, N), gmpy2.mpz(b_hex, 16), N)
    return hkdf(bytes.fromhex(pad_hex(s)), bytes.fromhex(pad_hex(u)))


def hkdf(ikm: bytes, salt: bytes) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, _INFO, hashlib.sha256).digest()[:16]


def signature(key: bytes, realm: str, user_id: str, secret_block: bytes, timestamp: str) -> bytes:
    """HMAC over realm (pool suffix, or device group key) || user id || secret block || timestamp."""
    message = realm.encode() + user_id.encode() + secret_block + timestamp.encode()
    return hmac.new(key, message, hashlib.sha256).digest()


def check_signature(
    key: bytes | None, realm: str, user_id: str, secret_block: bytes, timestamp: str, claimed_b64: str
) -> bool:
    if key is None:
        return False
    try:
        claimed = base64.b64decode(claimed_b64, validate=True)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(signature(key, realm, user_id, secret_block, timestamp), claimed)


def parse_timestamp(text: str) -> float | None:
    """Epoch seconds of a TIMESTAMP as AWS's clients write it (``Tue Nov 3 16:14:00 UTC 2026``)."""
    m = _TIMESTAMP.match(text or "")
    if not m:
        return None
    weekday, month, day, hh, mm, ss, year = m.groups()
    try:
        when = calendar.timegm((int(year), _MONTHS.index(month) + 1, int(day), int(hh), int(mm), int(ss), 0, 0, 0))
    except (ValueError, OverflowError):
        return None
    if _WEEKDAYS[time.gmtime(when).tm_wday] != weekday or time.gmtime(when).tm_mday != int(day):
        return None  # 31 Feb, or the wrong weekday: not a date a client would write
    return float(when)


def format_timestamp(epoch: float) -> str:
    t = time.gmtime(epoch)
    return (
        f"{_WEEKDAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}"
    )


def fresh_timestamp(text: str, now: float) -> bool:
    when = parse_timestamp(text)
    return when is not None and abs(when - now) <= TIMESTAMP_SKEW


# -- simulated users (PreventUserExistenceErrors) -----------------------------------------------------


def fake_salt(pool_secret: bytes, username_key: str) -> str:
    """The same salt for the same unknown username, so a prober cannot tell it from a real user."""
    return hmac.new(pool_secret, b"salt|" + username_key.encode(), hashlib.sha256).hexdigest()[:32]


def fake_verifier(pool_secret: bytes, username_key: str) -> str:
    x = gmpy2.mpz(hmac.new(pool_secret, b"v|" + username_key.encode(), hashlib.sha256).hexdigest(), 16)
    return format(int(pow_g(x)), "x")  # the same cost as a real verifier: no timing tell


def fake_user_id(pool_secret: bytes, username_key: str) -> str:
    """A UUID-shaped USER_ID_FOR_SRP, stable per username, as AWS simulates for unknown users."""
    h = hmac.new(pool_secret, b"id|" + username_key.encode(), hashlib.sha256).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


# -- the secret block ---------------------------------------------------------------------------------


def seal(pool_keys: PoolKeys, state: dict[str, Any]) -> str:
    """SECRET_BLOCK: the server's state, encrypted and authenticated, base64 as clients expect."""
    body = json.dumps(state, separators=(",", ":")).encode()
    return base64.b64encode(pool_keys.seal_bytes("srp", body, _BLOCK)).decode("ascii")


def unseal(pool_keys: PoolKeys, block_b64: str) -> tuple[dict[str, Any], bytes] | None:
    """The state sealed in a SECRET_BLOCK and the block's bytes, or None if it is not one of ours."""
    try:
        raw = base64.b64decode(block_b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    body = pool_keys.unseal_bytes("srp", raw, _BLOCK)
    try:
        state = json.loads(body) if body is not None else None
    except ValueError:
        return None
    return (state, raw) if isinstance(state, dict) else None


_BLOCK = b"srp-secret-block"


def claim_block(ctx: RequestContext, block: bytes, expires: float) -> bool:
    """Mark a SECRET_BLOCK as answered; False if it was answered before (a replay)."""
    block_id = hashlib.sha256(block).hexdigest()
    ctx.store.run("DELETE FROM srp_used WHERE expires < ?", (ctx.now - TIMESTAMP_SKEW,))
    return bool(ctx.store.run("INSERT OR IGNORE INTO srp_used (block_id, expires) VALUES (?, ?)", (block_id, expires)))


# -- keeping the event loop responsive ---------------------------------------------------------------
#
# With gmpy2 and the fixed-base table for g, no single step of a sign-in costs more than one 3072-bit
# exponentiation with a 256-bit exponent (about 0.6 ms here): the password check and the server
# ephemeral cost 0.16 ms each, and the session key's two exponentiations are taken one at a time with a
# return to the event loop between them. So a sign-in never holds the loop longer than an ordinary
# request does. A worker process was tried and measured worse: USER_PASSWORD_AUTH at 360-420 req/s with
# 8 connections against 475-625 in place, and an SRP sign-in 1.5-2 ms slower (15.0-15.5 ms p50 against
# 12.7-13.9) for the inter-process hand-off; a thread gains nothing, as gmpy2 keeps the GIL.

T = TypeVar("T")


async def _session_key_in_turns(a_hex: str, b_hex: str, big_b_hex: str, verifier_hex: str) -> bytes | None:
    """``session_key`` with a return to the event loop between its two exponentiations."""
    a = gmpy2.mpz(a_hex, 16)
    if not a % N:
        return None
    u = gmpy2.mpz(hex_hash(pad_hex(a) + pad_hex(gmpy2.mpz(big_b_hex, 16))), 16)
    if not u:
        return None
    v_u = gmpy2.powmod(gmpy2.mpz(verifier_hex, 16), u, N)
    await asyncio.sleep(0)
    s = gmpy2.powmod(a * v_u % N, gmpy2.mpz(b_hex, 16), N)
    return hkdf(bytes.fromhex(pad_hex(s)), bytes.fromhex(pad_hex(u)))


async def compute(fn: Callable[..., T], *args: Any) -> T:
    """Run a sign-in's arithmetic: in a worker process while other requests wait (workers.py), else in
    place, yielding to the event loop between full exponentiations."""
    if fn is session_key:
        prepared = _prepared.pop(args, None)
        if prepared is not None:
            task, expiry = prepared
            # Taken: its timer would otherwise hold the challenge's numbers for the session's whole life (three
            # minutes of SRP sign-ins, tens of MB under load).
            expiry.cancel()
            with contextlib.suppress(Exception):  # derived ahead unless that failed: then again, below
                key: Any = await task
                return cast(T, key)
    if workers.pick() is not None:
        return await workers.call(fn, *args)
    if fn is session_key:
        key = await _session_key_in_turns(*args)
        return cast(T, key)
    return fn(*args)


# Session keys derived ahead: S depends only on A, b, B and v, all known once the challenge is issued,
# so the server derives it (two 3072-bit exponentiations) while the client computes its answer, and the
# answer's check finds it ready. Kept in memory only, for the session's lifetime at most.
_prepared: dict[tuple[str, ...], tuple[asyncio.Task[bytes | None], asyncio.TimerHandle]] = {}
_PREPARED_MAX = 256  # challenges nobody answers must not pile up work


def prepare(a_hex: str, b_hex: str, big_b_hex: str, verifier_hex: str, expires_in: float) -> None:
    """Start deriving the session key of a challenge just issued (``compute(session_key, ...)`` takes it)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no event loop: nothing to overlap with
        return
    args = (a_hex, b_hex, big_b_hex, verifier_hex)
    if args in _prepared or len(_prepared) >= _PREPARED_MAX:
        return
    task = loop.create_task(_derive(args))
    _prepared[args] = (task, loop.call_later(max(1.0, expires_in), _forget, args, task))


def _forget(args: tuple[str, ...], task: asyncio.Task[bytes | None]) -> None:
    prepared = _prepared.get(args)
    if prepared is not None and prepared[0] is task:
        del _prepared[args]
        task.cancel()


async def _derive(args: tuple[str, ...]) -> bytes | None:
    worker = workers.spare()
    if worker is not None:
        answer = await worker.call(session_key, args)
        if answer is not None and answer[0]:
            derived: bytes | None = answer[1]
            return derived
    return await _session_key_in_turns(*args)
