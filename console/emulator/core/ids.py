"""Identifiers in the formats AWS uses, from a cryptographic source."""

from __future__ import annotations

import secrets
import string
import uuid

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _pick(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def user_pool_id(region: str) -> str:
    """``us-east-1_AbCdEfGhI``: the region, an underscore and nine letters and digits."""
    return f"{region}_{_pick(_ALNUM, 9)}"


def client_id() -> str:
    """26 lower-case letters and digits, as AWS's app client IDs."""
    return _pick(_LOWER_ALNUM, 26)


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
