"""GetCredentialsForIdentity, the enhanced flow's last step: the identity's role, and STS's temporary
credentials for it (trust.py)."""

from __future__ import annotations

from typing import Any

from console.emulator.core import transaction
from console.emulator.core.context import RequestContext

from . import principal_tags, roles, trust
from .flows import Outside, amr, authenticate, checked_outside
from .pools import api

SESSION_NAME = "CognitoIdentityCredentials"
CREDENTIALS_DURATION = 3600


@api("GetCredentialsForIdentity", public=True)
async def get_credentials_for_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    outside = await checked_outside(ctx, req.get("Logins"), identity_id=req["IdentityId"])
    return transaction.run(ctx, _get_credentials_for_identity, ctx, req, outside)


def _get_credentials_for_identity(ctx: RequestContext, req: dict[str, Any], outside: Outside) -> dict[str, Any]:
    pool, identity, logins = authenticate(ctx, req["IdentityId"], req.get("Logins"), outside)
    role_arn = roles.resolve(ctx, pool, logins, req.get("CustomRoleArn"))
    issued = trust.credentials(
        ctx,
        role_arn=role_arn,
        pool_id=pool["IdentityPoolId"],
        identity_id=identity.id,
        amr=amr(logins),
        session_name=SESSION_NAME,
        duration=CREDENTIALS_DURATION,
        principal_tags=principal_tags.session_tags(pool, logins),
    )
    return {
        "IdentityId": identity.id,
        "Credentials": {
            "AccessKeyId": issued.access_key_id,
            "SecretKey": issued.secret_access_key,
            "SessionToken": issued.session_token,
            "Expiration": issued.expiration,
        },
    }
