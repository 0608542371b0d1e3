"""STS role sessions: GetCallerIdentity, AssumeRoleWithWebIdentity and AssumeRole.

AssumeRoleWithWebIdentity takes an identity pool's OpenID token (the basic flow: GetId, GetOpenIdToken, then
this) or an ID token of an IAM OpenID Connect provider whose issuer is one of this server's user pools, and
checks the role's trust policy as STS does: the principal ``Federated`` is ``cognito-identity.amazonaws.com``
(or the provider's ARN), and the conditions see ``cognito-identity.amazonaws.com:aud``/``:sub``/``:amr`` (or
``<provider>:aud``/``:sub``). Principal tags in the token (``https://aws.amazon.com/tags``) become session
tags, which needs ``sts:TagSession`` too. Tokens of other issuers are refused: their keys are not here.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core import credentials as verified
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import operation
from console.emulator.iam import documents, policy
from console.emulator.iam.providers import oidc_provider_for_issuer, provider_key
from console.emulator.iam.roles import role_by_arn
from console.emulator.identity_pools import openid
from console.emulator.user_pools import tokens

from .credentials import Credentials, issue

COGNITO = "cognito-identity.amazonaws.com"
DEFAULT_DURATION = 3600
CHAINED_MAX_DURATION = 3600  # a role session assuming another role


def _denied(action: str) -> AwsError:
    return AwsError("AccessDenied", f"Not authorized to perform {action}", 403)


def _invalid_token(message: str) -> AwsError:
    return AwsError("InvalidIdentityToken", message)


def caller(ctx: RequestContext) -> verified.Temporary | None:
    """The issued credentials the request was signed with (checked by the dispatcher), or None."""
    key = verified.access_key([(b"authorization", ctx.headers.get("authorization", "").encode("latin-1"))])
    return None if key is None else verified.issued(ctx.store, key)


@operation("sts", "GetCallerIdentity")
def get_caller_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    account = ctx.config.account_id
    found = caller(ctx)
    if found is not None:
        return {"UserId": found.user_id, "Account": account, "Arn": found.arn}
    # The operator's own keys (or an unsigned call on loopback): the account itself.
    return {"UserId": account, "Account": account, "Arn": f"arn:aws:iam::{account}:root"}


def _duration(req: dict[str, Any], role: dict[str, Any], *, chained: bool = False) -> int:
    duration = int(req.get("DurationSeconds", DEFAULT_DURATION))
    if duration > role["MaxSessionDuration"]:
        raise AwsError(
            "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
        )
    if chained and duration > CHAINED_MAX_DURATION:
        raise AwsError(
            "ValidationError",
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
        )
    return duration


def _session_policy(req: dict[str, Any]) -> dict[str, Any] | None:
    if "Policy" not in req:
        return None
    return documents.parse(req["Policy"])


def _answer(issued: Credentials, extra: dict[str, Any]) -> dict[str, Any]:
    out = {
        "Credentials": issued.as_wire(),
        "AssumedRoleUser": {"AssumedRoleId": issued.assumed_role_id, "Arn": issued.arn},
        "PackedPolicySize": 0,
        **extra,
    }
    if issued.source_identity is not None:
        out["SourceIdentity"] = issued.source_identity
    return out


def _web_identity(ctx: RequestContext, token: str) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """(federated principal, provider, condition keys, claims) of a web identity token, verified."""
    decoded = tokens.decode_unverified(token)
    if decoded is None:
        raise _invalid_token("Couldn't parse the token.")
    iss = decoded[1].get("iss")
    if not isinstance(iss, str):
        raise _invalid_token("The token has no issuer.")
    if iss in (openid.issuer(ctx), openid.AWS_ISSUER):
        claims = openid.verify(ctx, token)
        amr = claims.get("amr") if isinstance(claims.get("amr"), list) else []
        keys = {f"{COGNITO}:aud": [claims["aud"]], f"{COGNITO}:sub": [claims["sub"]], f"{COGNITO}:amr": amr}
        return COGNITO, COGNITO, keys, claims
    provider = oidc_provider_for_issuer(ctx, iss)
    if provider is None:
        raise _invalid_token(f"No OpenIDConnect provider found in your account for {iss}")
    checked = tokens.verify_jwt(ctx, token)
    if checked is None:
        raise AwsError(
            "IDPCommunicationError",
            "Couldn't retrieve verification key from your identity provider,  please reference"
            " AssumeRoleWithWebIdentity documentation for requirements",
        )
    claims = checked[2]
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool) or exp <= ctx.now:
        raise AwsError(
            "ExpiredTokenException", "Token expired: current date/time must be before the expiration date/time."
        )
    aud = claims.get("aud", claims.get("client_id"))
    audiences = aud if isinstance(aud, list) else [aud]
    if not any(a in provider["ClientIDList"] for a in audiences):
        raise _invalid_token("Incorrect token audience")
    key = provider_key(iss)
    context: dict[str, Any] = {f"{key}:aud": [str(a) for a in audiences], f"{key}:sub": [str(claims.get("sub"))]}
    if isinstance(claims.get("amr"), list):
        context[f"{key}:amr"] = claims["amr"]
    return provider["Arn"], key, context, claims


def _token_tags(claims: dict[str, Any]) -> dict[str, str]:
    found = (claims.get(openid.TAGS_CLAIM) or {}).get("principal_tags") or {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v[0]) if isinstance(v, list) and v else str(v) for k, v in found.items()}


@operation("sts", "AssumeRoleWithWebIdentity", public=True)
def assume_role_with_web_identity(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    action = "sts:AssumeRoleWithWebIdentity"
    federated, provider, context, claims = _web_identity(ctx, req["WebIdentityToken"])
    role = role_by_arn(ctx, req["RoleArn"])
    if role is None:
        raise _denied(action)
    trust = role["AssumeRolePolicyDocument"]
    if not policy.trust_allows(trust, action=action, federated=federated, context=context):
        raise _denied(action)
    tags = _token_tags(claims)
    if tags and not policy.trust_allows(trust, action="sts:TagSession", federated=federated, context=context):
        raise _denied("sts:TagSession")
    duration = _duration(req, role)
    session_policy = _session_policy(req)
    session_context: dict[str, Any] = {**context, "aws:FederatedProvider": [federated]}
    if session_policy is not None:
        session_context["session_policy"] = session_policy
    issued = issue(
        ctx,
        role_arn=role["Arn"],
        session_name=req["RoleSessionName"],
        duration=duration,
        principal_tags=tags,
        context=session_context,
    )
    aud = claims.get("aud", claims.get("client_id"))
    return _answer(
        issued,
        {
            "SubjectFromWebIdentityToken": str(claims.get("sub")),
            "Provider": provider,
            "Audience": aud[0] if isinstance(aud, list) and aud else str(aud),
        },
    )


@operation("sts", "AssumeRole")
def assume_role(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    action = "sts:AssumeRole"
    account = ctx.config.account_id
    found = caller(ctx)
    principal = found.arn if found is not None else f"arn:aws:iam::{account}:root"
    role = role_by_arn(ctx, req["RoleArn"])
    if role is None:
        raise _denied(action)
    context: dict[str, Any] = {"aws:PrincipalArn": [principal], "aws:PrincipalAccount": [account]}
    if "SourceIdentity" in req:
        context["sts:SourceIdentity"] = [req["SourceIdentity"]]
    trust = role["AssumeRolePolicyDocument"]
    aws_principal = principal if found is None else _role_arn_of(found.arn, account)
    if not policy.trust_allows(trust, action=action, aws=aws_principal, context=context):
        raise _denied(action)
    tags = {t["Key"]: t["Value"] for t in req.get("Tags", [])}
    if tags and not policy.trust_allows(trust, action="sts:TagSession", aws=aws_principal, context=context):
        raise _denied("sts:TagSession")
    duration = _duration(req, role, chained=found is not None)
    session_policy = _session_policy(req)
    if session_policy is not None:
        context["session_policy"] = session_policy
    issued = issue(
        ctx,
        role_arn=role["Arn"],
        session_name=req["RoleSessionName"],
        duration=duration,
        source_identity=req.get("SourceIdentity"),
        principal_tags=tags,
        context=context,
    )
    return _answer(issued, {})


def _role_arn_of(session_arn: str, account: str) -> str:
    """The role of an assumed-role session ARN, as trust policies name it (``arn:aws:iam::<acct>:role/<name>``)."""
    role_name = session_arn.split(":assumed-role/", 1)[-1].split("/", 1)[0]
    return f"arn:aws:iam::{account}:role/{role_name}"
