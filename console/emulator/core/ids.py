"""Identifiers in the formats AWS uses, from a cryptographic source."""

from __future__ import annotations

import contextlib
import contextvars
import re
import secrets
import string
import uuid
from collections.abc import Iterator

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits

# Identifiers a seed file fixes, so that tests can hardcode them (user_pools/seed.py): while ``preset`` is in
# force, the next identifier of each kind it names is the one given instead of a random one.
_preset: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("preset_ids", default=None)


@contextlib.contextmanager
def preset(**values: str) -> Iterator[None]:
    """Within the block, ``user_pool_id()`` or ``client_id()`` returns the value given for it, once."""
    token = _preset.set(dict(values))
    try:
        yield
    finally:
        _preset.reset(token)


def _fixed(kind: str) -> str | None:
    values = _preset.get()
    return None if values is None else values.pop(kind, None)


def _pick(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def user_pool_id(region: str) -> str:
    """``us-east-1_AbCdEfGhI``: the region, an underscore and nine letters and digits."""
    return _fixed("user_pool_id") or f"{region}_{_pick(_ALNUM, 9)}"


def is_user_pool_id(value: str, region: str) -> bool:
    """Whether ``value`` has the form of a user pool ID AWS makes in ``region``."""
    return re.fullmatch(re.escape(region) + "_[A-Za-z0-9]{9}", value) is not None


def client_id() -> str:
    """26 lower-case letters and digits, as AWS's app client IDs."""
    return _fixed("client_id") or _pick(_LOWER_ALNUM, 26)


def is_client_id(value: str) -> bool:
    """Whether ``value`` has the form of an app client ID AWS makes."""
    return re.fullmatch("[a-z0-9]{26}", value) is not None


def client_secret() -> str:
    """51 lower-case letters and digits, as AWS's app client secrets."""
    return _pick(_LOWER_ALNUM, 51)


def client_secret_id(client: str) -> str:
    return f"{client}--{_pick(_LOWER_ALNUM, 12)}"


def sub() -> str:
    return str(uuid.uuid4())


def request_id() -> str:
    return str(uuid.uuid4())


def numeric_code(digits: int = 6) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(digits))


def temporary_password(length: int = 12) -> str:
    """A password that meets any policy AWS allows (each character class present)."""
    symbols = "^$*.[]{}()?-!@#%&/,><:;|_~`+="
    required = [
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.digits),
        secrets.choice(symbols),
    ]
    rest = [secrets.choice(_ALNUM + symbols) for _ in range(max(length, 8) - len(required))]
    chars = required + rest
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)
