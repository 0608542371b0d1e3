"""Who may call a Cognito Sync operation, and the identity pool and identity it names.

As on AWS, each identity reaches only its own data. A request signed with temporary credentials of a Cognito
identity (GetCredentialsForIdentity, or AssumeRoleWithWebIdentity with a Cognito OpenID token: their STS
session knows the identity) may name that identity only, and may not call the operations AWS keeps for
developer credentials (pool settings, usage of the pool, bulk publish); push sync's device operations, the
other way round, take only an identity's credentials. Any other signature is a developer's (on loopback
the server trusts it; beyond, core/sigv4.py checked it).

Every operation names an identity pool, most an identity of it too; both must exist (identity_pools/). An
operation whose model lists ``ResourceNotFoundException`` answers an unknown one with it; ListDatasets and
ListRecords, whose models do not, answer ``NotAuthorizedException``.
"""

from __future__ import annotations

import functools

from console.emulator.core import credentials, protocol
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.identity_pools.identities import identity_exists, identity_pool_exists
from console.emulator.sts.credentials import session

SERVICE = "cognito-sync"

DEVELOPER_ONLY = frozenset(
    {
        "BulkPublish",
        "DescribeIdentityPoolUsage",
        "GetBulkPublishDetails",
        "GetCognitoEvents",
        "GetIdentityPoolConfiguration",
        "ListIdentityPoolUsage",
        "SetCognitoEvents",
        "SetIdentityPoolConfiguration",
    }
)
IDENTITY_ONLY = frozenset({"RegisterDevice", "SubscribeToDataset", "UnsubscribeFromDataset"})
_COGNITO = "cognito-identity.amazonaws.com"


def _refused(message: str) -> AwsError:
    return AwsError("NotAuthorizedException", message, 403)


def caller_identity(ctx: RequestContext) -> tuple[str, str] | None:
    """The identity pool and identity whose Cognito credentials signed the request; None for a developer's."""
    authorization = ctx.headers.get("authorization")
    if not authorization:
        return None
    key = credentials.access_key([(b"authorization", authorization.encode("latin-1"))])
    found = session(ctx.store, key) if key else None
    if found is None:
        return None
    subject, audience = found.context.get(f"{_COGNITO}:sub"), found.context.get(f"{_COGNITO}:aud")
    if not subject or not audience:
        return None
    return str(audience[0]), str(subject[0])


def require_developer(ctx: RequestContext) -> None:
    """The operation is one for developer credentials, and the caller holds some."""
    if caller_identity(ctx) is not None and ctx.operation in DEVELOPER_ONLY:
        raise _refused(f"{ctx.operation} cannot be called with the temporary credentials of a Cognito identity.")


def _require_caller(ctx: RequestContext, pool_id: str, identity_id: str | None) -> None:
    caller = caller_identity(ctx)
    if caller is None:
        if ctx.operation in IDENTITY_ONLY:
            raise _refused(f"{ctx.operation} can only be called with the temporary credentials of a Cognito identity.")
        return
    require_developer(ctx)
    if identity_id is not None and caller != (pool_id, identity_id):
        raise _refused(f"Access to Identity '{identity_id}' is forbidden.")


@functools.cache
def _lists_not_found(operation: str) -> bool:
    model = protocol.service_model(SERVICE).operation_model(operation)
    return any(shape.name == "ResourceNotFoundException" for shape in model.error_shapes)


def _unknown(ctx: RequestContext, message: str) -> AwsError:
    if _lists_not_found(ctx.operation):
        return AwsError("ResourceNotFoundException", message, 404)
    return _refused(message)


def require_pool(ctx: RequestContext, pool_id: str) -> None:
    """The caller may call the operation on ``pool_id``, which exists; or the operation's error."""
    _require_caller(ctx, pool_id, None)
    if not identity_pool_exists(ctx, pool_id):
        raise _unknown(ctx, f"IdentityPool '{pool_id}' not found.")


def require_identity(ctx: RequestContext, pool_id: str, identity_id: str) -> None:
    """The caller may reach ``identity_id``, an identity (not merged away) of the pool ``pool_id``; or the
    operation's error."""
    _require_caller(ctx, pool_id, identity_id)
    if not identity_pool_exists(ctx, pool_id):
        raise _unknown(ctx, f"IdentityPool '{pool_id}' not found.")
    if not identity_exists(ctx, pool_id, identity_id):
        raise _unknown(ctx, f"Identity '{identity_id}' not found.")


def identity_pool_ids(ctx: RequestContext, after: str, limit: int) -> list[str]:
    """Up to ``limit`` identity pool IDs of the account that sort after ``after``, in order."""
    rows = ctx.store.all("SELECT id FROM identity_pools WHERE id > ? ORDER BY id LIMIT ?", (after, limit))
    return [row[0] for row in rows]
