"""The metrics a user pool publishes to CloudWatch (namespace AWS/Cognito) as its users sign up, sign in,
refresh tokens and federate, and the threat protection metrics of its risky requests.

As the Developer Guide's "User pool metrics in CloudWatch" describes them: SignUpSuccesses, SignInSuccesses,
TokenRefreshSuccesses and FederationSuccesses are 1 for a success and 0 for a failure (the Average is the
success rate, the SampleCount the attempts), with the dimensions UserPool and UserPoolClient (and
IdentityProvider for federation); an admin's sign-up has the client ``Admin``; an unknown client is
``Invalid``. Threat protection publishes Risk / NoRisk, CompromisedCredentialRisk, AccountTakeoverRisk and
OverrideBlock (a block by the IP block list) with the dimensions Operation, UserPoolId and RiskLevel.

A failed attempt rolls its request back, so its 0 is written with ``ctx.keep`` (core/transaction.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from console.emulator.cloudwatch import metrics
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

NAMESPACE = "AWS/Cognito"
ADMIN = "Admin"
INVALID = "Invalid"

T = TypeVar("T")


def publish(ctx: RequestContext, name: str, pool_id: str, client_id: str | None, value: float, **extra: str) -> None:
    dimensions = {"UserPool": pool_id, "UserPoolClient": client_id or INVALID, **extra}
    metrics.put(ctx, NAMESPACE, name, dimensions, value, unit="Count")


def succeeded(ctx: RequestContext, name: str, pool_id: str, client_id: str | None, **extra: str) -> None:
    """A success (1) of ``name`` (SignInSuccesses, SignUpSuccesses, ...), written with the request's work."""
    publish(ctx, name, pool_id, client_id, 1.0, **extra)


def failed_later(
    ctx: RequestContext, name: str, pool_id: str, client_id: str | None, **extra: str
) -> Callable[[], None]:
    """The write of a failure (0) of ``name``, for ``ctx.keep``: it stays when the request rolls back."""
    return lambda: publish(ctx, name, pool_id, client_id, 0.0, **extra)


def counted(
    ctx: RequestContext, name: str, pool_id: str, client_id: str | None, work: Callable[[], T], **extra: str
) -> T:
    """``work()``, published as a success when it returns and as a failure when it raises an AWS error."""
    try:
        result = work()
    except AwsError:
        ctx.keep(failed_later(ctx, name, pool_id, client_id, **extra))
        raise
    succeeded(ctx, name, pool_id, client_id, **extra)
    return result


def risk(ctx: RequestContext, pool_id: str, operation: str, assessment: Any, *, blocked_by_ip: bool = False) -> None:
    """The threat protection metrics of one assessed request (a ``risk.RiskAssessment``)."""
    level = str(getattr(assessment, "level", None) or "NoRisk")
    dimensions = {"Operation": operation, "UserPoolId": pool_id, "RiskLevel": level}
    decision = getattr(assessment, "decision", "NoRisk")
    metrics.put(ctx, NAMESPACE, "NoRisk" if decision == "NoRisk" else "Risk", dimensions, 1.0, unit="Count")
    if getattr(assessment, "compromised", False):
        metrics.put(ctx, NAMESPACE, "CompromisedCredentialRisk", dimensions, 1.0, unit="Count")
    if decision == "AccountTakeover":
        metrics.put(ctx, NAMESPACE, "AccountTakeoverRisk", dimensions, 1.0, unit="Count")
    if blocked_by_ip or getattr(assessment, "blocked_ip", False):
        metrics.put(ctx, NAMESPACE, "OverrideBlock", dimensions, 1.0, unit="Count")
