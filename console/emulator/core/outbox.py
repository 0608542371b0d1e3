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
