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
_CACHE = "identity_pools.trust_decisions"
_CACHE_MAX = 4096


def _limits_aud(statement: Mapping[str, Any]) -> bool:
    condition = statement.get("Condition")
    if not isinstance(condition, Mapping):
        return False
    return any(isinstance(keys, Mapping) and any(str(k).lower() == AUD for k in keys) for keys in condition.values())


def _decide(trust_policy: Mapping[str, Any], context: Mapping[str, Any], *, tagged: bool) -> bool:
    decision = policy.trust_decision(
        trust_policy, action="sts:AssumeRoleWithWebIdentity", federated=COGNITO, context=context
    )
    if not decision.allowed or not any(_limits_aud(s.statement) for s in decision.why):
        return False
    return not tagged or policy.trust_allows(trust_policy, action="sts:TagSession", federated=COGNITO, context=context)


def _trusted(ctx: RequestContext, trust_policy: Mapping[str, Any], context: Mapping[str, Any], *, tagged: bool) -> bool:
    """Whether the trust policy lets Cognito assume the role for this identity (and tag its session).

    The answer depends only on the policy and the condition keys, so it is remembered: an identity signs
    in again and again with the same ones. The identity's ``sub`` is part of what is remembered only when
    the policy names it."""
    text = repr(trust_policy)
    sub = tuple(context[f"{COGNITO}:sub"]) if "cognito-identity.amazonaws.com:sub" in text.lower() else ()
    key = (text, tuple(context[AUD]), tuple(context[f"{COGNITO}:amr"]), sub, tagged)
    cache: dict[tuple[Any, ...], bool] = ctx.state.setdefault(_CACHE, {})
    found = cache.get(key)
    if found is None:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        found = cache[key] = _decide(trust_policy, context, tagged=tagged)
    return found


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
    context = {AUD: [pool_id], f"{COGNITO}:amr": list(amr), f"{COGNITO}:sub": [identity_id]}
    if not _trusted(ctx, role["AssumeRolePolicyDocument"], context, tagged=bool(principal_tags)):
        raise no_role()
    return issue(
        ctx,
        role_arn=role_arn,
        session_name=session_name,
        duration=duration,
        principal_tags=dict(principal_tags),
        context=context,
    )
