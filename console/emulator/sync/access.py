"""The identity pool and identity a Cognito Sync request names, checked against identity pools.

Every operation names an identity pool, most an identity of it too; both must exist (identity_pools/). An
operation whose model lists ``ResourceNotFoundException`` answers an unknown one with it; ListDatasets and
ListRecords, whose models do not, answer ``NotAuthorizedException``, as the caller may not read data that
is not there to be given access to.
"""

from __future__ import annotations

import functools

from console.emulator.core import protocol
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.identity_pools.identities import identity_exists, identity_pool_exists

SERVICE = "cognito-sync"


@functools.cache
def _lists_not_found(operation: str) -> bool:
    model = protocol.service_model(SERVICE).operation_model(operation)
    return any(shape.name == "ResourceNotFoundException" for shape in model.error_shapes)


def _unknown(ctx: RequestContext, message: str) -> AwsError:
    if _lists_not_found(ctx.operation):
        return AwsError("ResourceNotFoundException", message, 404)
    return AwsError("NotAuthorizedException", message, 403)


def require_pool(ctx: RequestContext, pool_id: str) -> None:
    """The identity pool ``pool_id`` exists, or the operation's error."""
    if not identity_pool_exists(ctx, pool_id):
        raise _unknown(ctx, f"IdentityPool '{pool_id}' not found.")


def require_identity(ctx: RequestContext, pool_id: str, identity_id: str) -> None:
    """``identity_id`` is an identity (not merged away) of the pool ``pool_id``, or the operation's error."""
    require_pool(ctx, pool_id)
    if not identity_exists(ctx, pool_id, identity_id):
        raise _unknown(ctx, f"Identity '{identity_id}' not found.")


def identity_pool_ids(ctx: RequestContext, after: str, limit: int) -> list[str]:
    """Up to ``limit`` identity pool IDs of the account that sort after ``after``, in order."""
    rows = ctx.store.all("SELECT id FROM identity_pools WHERE id > ? ORDER BY id LIMIT ?", (after, limit))
    return [row[0] for row in rows]
