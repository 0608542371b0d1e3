"""Credentials for an identity: the role's trust in Cognito checked as AWS checks it, then STS's temporary
credentials.

The enhanced flow (GetCredentialsForIdentity) assumes the role on the identity's behalf, so Cognito checks the
role's trust policy itself (COGNITO-FACTS §8.6): the role must let ``cognito-identity.amazonaws.com`` perform
``sts:AssumeRoleWithWebIdentity`` with the condition keys ``cognito-identity.amazonaws.com:aud`` (the pool),
``:amr`` (how the identity signed in) and ``:sub`` (the identity), and an allowing statement must hold a
condition on ``aud``: a role that trusts every identity pool is refused, as AWS refuses it. With principal
tags the role must allow ``sts:TagSession`` too. A role that is missing or does not trust Cognito gives
``InvalidIdentityPoolConfigurationException``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.iam import policy
from console.emulator.iam.roles import role_by_arn
from console.emulator.sts.credentials import issue

from .roles import no_role

COGNITO = "cognito-identity.amazonaws.com"
AUD = f"{COGNITO}:aud"


def _limits_aud(statement: Mapping[str, Any]) -> bool:
    condition = statement.get("Condition")
    if not isinstance(condition, Mapping):
        return False
    return any(isinstance(keys, Mapping) and any(str(k).lower() == AUD for k in keys) for keys in condition.values())


def credentials(
    ctx: RequestContext,
    *,
    role_arn: str,
    pool_id: str,
    identity_id: str,
    amr: Sequence[str],
    session_name: str,
    duration: int,
    principal_tags: Mapping[str, str],
) -> Any:
    """STS's credentials for the role, once its trust policy lets this identity of this pool assume it. The
    session's policies see the identity's condition keys (``${cognito-identity.amazonaws.com:sub}``...)."""
    role = role_by_arn(ctx, role_arn)
    if role is None:
        raise no_role()
    trust_policy = role["AssumeRolePolicyDocument"]
    context = {AUD: [pool_id], f"{COGNITO}:amr": list(amr), f"{COGNITO}:sub": [identity_id]}
    decision = policy.trust_decision(
        trust_policy, action="sts:AssumeRoleWithWebIdentity", federated=COGNITO, context=context
    )
    if not decision.allowed or not any(_limits_aud(s.statement) for s in decision.why):
        raise no_role()
    if principal_tags and not policy.trust_allows(
        trust_policy, action="sts:TagSession", federated=COGNITO, context=context
    ):
        raise no_role()
    return issue(
        ctx,
        role_arn=role_arn,
        session_name=session_name,
        duration=duration,
        principal_tags=dict(principal_tags),
        context=context,
    )
