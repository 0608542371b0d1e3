"""Which requests a user pool serves right now: what its secondary replica allows, and the writes a
point-in-time recovery pauses.

``pools.get_pool`` calls ``check`` for every request that names a pool, so the rules hold for every
operation without each handler knowing them:

- A request signed for the Region of one of the pool's secondary replicas (replicas.py) is served by that
  replica, which shares the pool's ID and its user directory with the primary and so is always in step
  with it. A secondary answers reads and sets its own settings; while ACTIVE it also signs users in; every
  other operation belongs to the primary Region: OperationNotEnabledException. Requests signed for any
  other Region, and unsigned ones (a user's own sign-in carries no Region), are the primary's.
- A replica keeps its own regional settings (email and SMS configuration, Lambda triggers): a secondary's
  UpdateUserPool sets them (the rest of that request is the primary's to set, and ignored), and what it
  serves uses them; and its own tags: TagResource, UntagResource and ListTagsForResource given its ARN
  (its Region's) read and write them.
- While a recovery is being previewed or applied (recovery.py), writes to the pool are paused:
  OperationNotEnabledException; reads, sign-in and tokens go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.store import dumps, loads

_READ_PREFIXES = ("Describe", "Get", "List", "AdminGet", "AdminList")
# Sign-in, tokens and sign-out: what users still do while a recovery pauses writes, and what an ACTIVE
# secondary replica serves besides reads.
_SIGN_IN_OPERATIONS = frozenset(
    {
        "InitiateAuth",
        "AdminInitiateAuth",
        "RespondToAuthChallenge",
        "AdminRespondToAuthChallenge",
        "GetTokensFromRefreshToken",
        "GetClientToken",
        "RevokeToken",
        "GlobalSignOut",
        "AdminUserGlobalSignOut",
        "RevokeUserSession",
        "AdminRevokeUserSession",
    }
)
# Recoveries are looked at and ended while writes are paused (recovery.py answers for itself), and the
# pool itself may be deleted, recovery and all.
_RECOVERY_OPERATIONS = frozenset(
    {
        "DeleteUserPool",
        "InitiatePointInTimeRecovery",
        "StartPointInTimeRecovery",
        "DescribePointInTimeRecovery",
        "CancelPointInTimeRecovery",
        "ListPointInTimeRecoveries",
    }
)
# Settings each replica keeps for itself (the developer guide's regional settings that the local Cognito
# has): a secondary's UpdateUserPool sets them, and requests it serves see them in place of the primary's.
REGIONAL_SETTINGS = ("EmailConfiguration", "SmsConfiguration", "LambdaConfig")
# Administrator operations a secondary replica serves besides reads: its own settings.
_REPLICA_SETTINGS_OPERATIONS = frozenset({"UpdateUserPoolReplica", "UpdateUserPool"})
# Challenges that set a password or MFA, or need TOTP: neither a paused pool nor a secondary replica
# completes them (InitiatePointInTimeRecovery's documentation; a secondary has no TOTP and no profile changes).
_WRITING_CHALLENGES = frozenset({"NEW_PASSWORD_REQUIRED", "MFA_SETUP", "SOFTWARE_TOKEN_MFA"})
# Recoveries that pause writes: a preview within its 24 hours, or a recovery being applied.
PREVIEW_STATUSES = ("PREVIEW_GENERATING", "PREVIEW_GENERATED")
PREVIEW_LIFETIME = 86400.0


def _is_read(operation: str) -> bool:
    return operation.startswith(_READ_PREFIXES)


def signed_region(ctx: RequestContext) -> str | None:
    """The Region a request's SigV4 credential scope names, or None for an unsigned request."""
    authorization = ctx.headers.get("authorization", "")
    _, found, rest = authorization.partition("Credential=")
    if not found:
        return None
    parts = rest.split(",", 1)[0].strip().split("/")
    return parts[2] if len(parts) == 5 else None


@dataclass(frozen=True)
class Replica:
    """The secondary replica that serves a request: its Region, status and regional settings."""

    region: str
    status: str
    settings: dict[str, Any]


def serving_replica(ctx: RequestContext, pool_id: str) -> Replica | None:
    """The secondary replica a request is served by, or None for the primary."""
    region = signed_region(ctx)
    if region is None or region == ctx.config.region:
        return None
    row = ctx.store.one(
        "SELECT region, status, settings FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool_id, region)
    )
    return None if row is None else Replica(row["region"], row["status"], loads(row["settings"]))


def regional_settings(doc: dict[str, Any]) -> dict[str, Any]:
    """The settings of a pool document that each replica keeps for itself."""
    return {k: doc[k] for k in REGIONAL_SETTINGS if doc.get(k) is not None}


def save_regional_settings(ctx: RequestContext, pool_id: str, region: str, doc: dict[str, Any]) -> None:
    ctx.store.run(
        "UPDATE pool_replicas SET settings = ?, modified = ? WHERE pool_id = ? AND region = ?",
        (dumps(regional_settings(doc)), ctx.now, pool_id, region),
    )


def recovery_in_progress(ctx: RequestContext, pool_id: str) -> bool:
    """Whether a recovery of the pool pauses its writes now."""
    found = ctx.store.value(
        "SELECT 1 FROM pool_recoveries WHERE pool_id = ? AND (status = 'RESTORING'"
        " OR (status IN (?, ?) AND created > ?)) LIMIT 1",
        (pool_id, *PREVIEW_STATUSES, ctx.now - PREVIEW_LIFETIME),
    )
    return found is not None


def check(ctx: RequestContext, pool_id: str) -> dict[str, Any] | None:
    """Refuse the request's operation on pool ``pool_id`` if the pool does not serve it now. For a request a
    secondary replica serves, the replica's regional settings, which stand in for the pool's."""
    operation = ctx.operation
    if not operation:
        return None  # not a request: a seed, a background job
    read = _is_read(operation)
    replica = serving_replica(ctx, pool_id)
    if replica is not None:
        region, status = replica.region, replica.status
        if status != "ACTIVE" and operation in _SIGN_IN_OPERATIONS:
            raise AwsError(
                "OperationNotEnabledException",
                f"The replica of user pool {pool_id} in {region} is {status} and doesn't accept end-user requests.",
            )
        if not (read or operation in _SIGN_IN_OPERATIONS or operation in _REPLICA_SETTINGS_OPERATIONS):
            raise AwsError(
                "OperationNotEnabledException",
                f"{operation} isn't supported in the secondary Region {region} of user pool {pool_id}; call it in"
                f" the primary Region {ctx.config.region}.",
            )
    paused = not (read or operation in _SIGN_IN_OPERATIONS or operation in _RECOVERY_OPERATIONS)
    if paused and recovery_in_progress(ctx, pool_id):
        raise AwsError(
            "OperationNotEnabledException",
            f"A point-in-time recovery of user pool {pool_id} is in progress: write operations are paused until it"
            " ends.",
        )
    return None if replica is None else replica.settings


def check_challenge(ctx: RequestContext, pool_id: str, challenge: str) -> None:
    """Refuse an answer to ``challenge`` that the pool can't complete now (see ``_WRITING_CHALLENGES``)."""
    if challenge not in _WRITING_CHALLENGES:
        return
    replica = serving_replica(ctx, pool_id)
    if replica is not None:
        raise AwsError(
            "OperationNotEnabledException",
            f"The {challenge} challenge can't be completed in the secondary Region {replica.region} of user pool"
            f" {pool_id}; sign in through the primary Region {ctx.config.region}.",
        )
    if recovery_in_progress(ctx, pool_id):
        raise AwsError(
            "OperationNotEnabledException",
            f"The {challenge} challenge can't be completed while a point-in-time recovery of user pool {pool_id} is"
            " in progress.",
        )


# -- a secondary replica's own tags (TagResource and its kin, given the replica's ARN) ---------------------


def replica_by_arn(ctx: RequestContext, arn: str) -> tuple[str, str] | None:
    """(pool ID, Region) of the secondary replica ``arn`` names, or None if it names no replica."""
    prefix, found, pool_id = arn.partition(":userpool/")
    parts = prefix.split(":")
    if not found or len(parts) != 5 or parts[:3] != ["arn", "aws", "cognito-idp"] or parts[4] != ctx.config.account_id:
        return None
    region = parts[3]
    exists = ctx.store.value("SELECT 1 FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool_id, region))
    return (pool_id, region) if exists else None


def replica_tags(ctx: RequestContext, pool_id: str, region: str) -> dict[str, str]:
    tags: dict[str, str] = loads(
        ctx.store.value("SELECT tags FROM pool_replicas WHERE pool_id = ? AND region = ?", (pool_id, region))
    )
    return tags


def save_replica_tags(ctx: RequestContext, pool_id: str, region: str, tags: dict[str, str]) -> None:
    ctx.store.run("UPDATE pool_replicas SET tags = ? WHERE pool_id = ? AND region = ?", (dumps(tags), pool_id, region))
