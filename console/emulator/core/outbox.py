"""Email and SMS delivery: every message goes to the outbox (``GET /_emulator/outbox``).

Messages hold codes and temporary passwords, so the outbox keeps them for a day only
(``COGNITO_LOCAL_OUTBOX_TTL`` seconds): no code lives longer (sign-up and attribute verification codes
last a day, a forgotten password's an hour, sign-in's three minutes). A temporary password can outlive
its message (AdminCreateUser's lasts 7 days by default): a test that needs it later reads it sooner, or
sets a longer age. Expired messages are deleted whenever a message is written and whenever the outbox is
read, by the server's clock (which tests may move forward).

Also AWS's masking of delivery destinations (``CODE_DELIVERY_DESTINATION``, ``CodeDeliveryDetails``).
"""

from __future__ import annotations

import functools
import logging
import math
import os
from typing import Any

from .context import RequestContext
from .store import Store

log = logging.getLogger("console.emulator")

TTL_ENV = "COGNITO_LOCAL_OUTBOX_TTL"
DEFAULT_TTL = 86400.0  # seconds


def ttl() -> float:
    """How long, in seconds, a message stays in the outbox: ``COGNITO_LOCAL_OUTBOX_TTL``, or a day."""
    return _ttl_of(os.environ.get(TTL_ENV))


@functools.cache
def _ttl_of(raw: str | None) -> float:
    if raw is None or not raw.strip():
        return DEFAULT_TTL
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        log.warning("%s=%r is not a positive number of seconds: messages are kept a day", TTL_ENV, raw)
        return DEFAULT_TTL
    return value


def purge(store: Store, now: float) -> int:
    """Delete the messages older than ``ttl()`` at ``now``; how many were deleted."""
    return store.run("DELETE FROM outbox WHERE created_at < ?", (now - ttl(),))


def messages(store: Store, now: float, pool_id: str | None = None) -> list[dict[str, Any]]:
    """The messages still in the outbox at ``now``, oldest first (of one user pool, or of all)."""
    with store.tx():
        purge(store, now)
    if pool_id:
        rows = store.all("SELECT * FROM outbox WHERE user_pool_id = ? ORDER BY id", (pool_id,))
    else:
        rows = store.all("SELECT * FROM outbox ORDER BY id")
    return [dict(r) for r in rows]


def send(
    ctx: RequestContext,
    *,
    pool_id: str,
    username: str | None,
    channel: str,
    destination: str,
    body: str,
    subject: str | None = None,
    code: str | None = None,
) -> int:
    """Record one delivered message; returns its outbox id."""
    if channel not in ("EMAIL", "SMS"):
        raise ValueError(f"unknown channel {channel}")
    purge(ctx.store, ctx.now)
    return ctx.store.insert(
        "INSERT INTO outbox (user_pool_id, username, channel, destination, code, subject, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (pool_id, username, channel, destination, code, subject, body, ctx.now),
    )


def mask_email(email: str) -> str:
    """``t***@t***`` for ``test@test.com``: the first character of the local part and of the domain, no
    top-level domain. moto's AWS-verified tests (``test_sign_up_with_verified_email``,
    ``test_forgot_password_with_email_delivery_details``) assert ``t***@t***``; the Developer Guide's
    CLI example (cognito-user-pool-managing-errors) shows ``j****@e****``, and a real sign-up pasted in
    lukpod1/finvo's README shows ``l***@g***``."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def mask_phone(phone: str) -> str:
    """``+*******0839``: the plus, stars, and the last four digits (Developer Guide, SMS text message MFA:
    "hides all but the last four digits"; seen as ``+*******0008`` in amazon-cognito-identity-js#236)."""
    # [U] Every observed mask is of a +1 number (seven stars); one star per hidden digit for other
    # lengths is our guess.
    return "+" + "*" * max(len(phone) - 5, 1) + phone[-4:]


def delivery_details(channel: str, destination: str, attribute: str) -> dict[str, Any]:
    """CodeDeliveryDetailsType for a code sent to ``destination``."""
    masked = mask_email(destination) if channel == "EMAIL" else mask_phone(destination)
    return {"Destination": masked, "DeliveryMedium": channel, "AttributeName": attribute}
