"""Email and SMS delivery: every message goes to the outbox (``GET /_emulator/outbox``).

Also AWS's masking of delivery destinations (``CODE_DELIVERY_DESTINATION``, ``CodeDeliveryDetails``).
"""

from __future__ import annotations

from typing import Any

from .context import RequestContext


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
    return ctx.store.insert(
        "INSERT INTO outbox (user_pool_id, username, channel, destination, code, subject, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (pool_id, username, channel, destination, code, subject, body, ctx.now),
    )


def mask_email(email: str) -> str:
    """``t***@e***`` as AWS shows it: first character of the local part and of the domain."""
    local, _, domain = email.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not host:
        host, tld, dot = domain, "", ""
    return f"{local[:1]}***@{host[:1]}***{dot}{tld}"


def mask_phone(phone: str) -> str:
    """``+*******0839``: the plus, stars, and the last four digits."""
    return "+" + "*" * max(len(phone) - 5, 1) + phone[-4:]


def delivery_details(channel: str, destination: str, attribute: str) -> dict[str, Any]:
    """CodeDeliveryDetailsType for a code sent to ``destination``."""
    masked = mask_email(destination) if channel == "EMAIL" else mask_phone(destination)
    return {"Destination": masked, "DeliveryMedium": channel, "AttributeName": attribute}
