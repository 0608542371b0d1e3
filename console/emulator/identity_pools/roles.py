"""An identity pool's roles: GetIdentityPoolRoles, SetIdentityPoolRoles, and which role an identity gets.

The default roles (``authenticated``, ``unauthenticated``) and the role mappings of providers
(COGNITO-FACTS §8.5): a ``Token`` mapping takes ``cognito:preferred_role`` (or the CustomRoleArn asked for,
if ``cognito:roles`` holds it), a ``Rules`` mapping the role of the first rule whose claim matches; where
neither decides, ``AmbiguousRoleResolution`` says whether the default authenticated role applies
(``AuthenticatedRole``) or no role does (``Deny``). A provider without a mapping whose login names the
user's roles (a SAML assertion's Role attribute) gives the one CustomRoleArn asks for, or its only one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized

from .pools import api, get_pool, save_pool
from .verified import Login

ROLE_ARN = re.compile(r"arn:aws:iam::\d{12}:role/[\w+=,.@/-]+")
NO_ROLE = "Invalid identity pool configuration. Check assigned IAM roles for this pool."
AMBIGUOUS_DENIED = (
    "Ambiguous role mapping rules for: {provider}. The identity pool denies access when no role can be chosen."
)


def no_role() -> AwsError:
    return AwsError("InvalidIdentityPoolConfigurationException", NO_ROLE)


def _check_role(arn: str) -> None:
    if ROLE_ARN.fullmatch(arn) is None:
        raise invalid_parameter(f"Invalid role ARN: {arn}")


@api("GetIdentityPoolRoles")
def get_identity_pool_roles(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["IdentityPoolId"])
    out: dict[str, Any] = {"IdentityPoolId": doc["IdentityPoolId"], "Roles": dict(doc.get("Roles") or {})}
    if doc.get("RoleMappings"):
        out["RoleMappings"] = doc["RoleMappings"]
    return out


@api("SetIdentityPoolRoles")
def set_identity_pool_roles(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["IdentityPoolId"])
    for arn in req["Roles"].values():
        _check_role(arn)
    mappings = req.get("RoleMappings") or {}
    for provider, mapping in mappings.items():
        if mapping["Type"] == "Rules":
            rules = (mapping.get("RulesConfiguration") or {}).get("Rules")
            if not rules:
                raise invalid_parameter(f"RulesConfiguration is required for role mapping {provider} of type Rules.")
            for rule in rules:
                _check_role(rule["RoleARN"])
        elif mapping.get("RulesConfiguration"):
            raise invalid_parameter(f"RulesConfiguration is only for role mappings of type Rules: {provider}.")
        if not mapping.get("AmbiguousRoleResolution"):
            raise invalid_parameter(f"AmbiguousRoleResolution is required for role mapping {provider}.")
    doc["Roles"] = dict(req["Roles"])
    if "RoleMappings" in req:
        doc["RoleMappings"] = mappings
    save_pool(ctx, doc)
    return {}


def _matches(rule: dict[str, Any], claims: dict[str, Any]) -> bool:
    if rule["Claim"] not in claims:
        return False  # a missing claim matches no rule, not even NotEqual
    found = claims[rule["Claim"]]
    values = [str(v) for v in found] if isinstance(found, list) else [str(found)]
    wanted = rule["Value"]
    kind = rule["MatchType"]
    if kind == "Equals":
        return wanted in values
    if kind == "Contains":
        return any(wanted in v for v in values)
    if kind == "StartsWith":
        return any(v.startswith(wanted) for v in values)
    if kind == "NotEqual":
        return all(v != wanted for v in values)
    return False


def _token_roles(claims: dict[str, Any]) -> list[str]:
    roles = claims.get("cognito:roles")
    if isinstance(roles, str):
        return [roles]
    return [str(r) for r in roles] if isinstance(roles, list) else []


def _provider_role(login: Login, custom_role_arn: str | None) -> str:
    """The role a provider that names the user's roles (a SAML assertion) gives: the one CustomRoleArn asks
    for, or its only one."""
    if custom_role_arn:
        if custom_role_arn in login.roles:
            return custom_role_arn
        raise not_authorized(f"The role {custom_role_arn} is not one of the roles the SAML assertion names.")
    if len(login.roles) == 1:
        return login.roles[0]
    # [U] AWS's wording when several roles come and no CustomRoleArn chooses is not documented.
    raise invalid_parameter("The SAML assertion names several roles: CustomRoleArn must choose one of them.")


def resolve(
    ctx: RequestContext, pool: dict[str, Any], logins: Sequence[Login], custom_role_arn: str | None = None
) -> str:
    """The ARN of the role an identity with these verified ``logins`` (none: a guest) gets."""
    roles = pool.get("Roles") or {}
    if not logins:
        role = roles.get("unauthenticated")
        if not role:
            raise no_role()
        return str(role)
    mappings = pool.get("RoleMappings") or {}
    for login in logins:
        if login.roles and not any(k in mappings for k in login.role_mapping_keys):
            return _provider_role(login, custom_role_arn)
    for login in logins:
        key = next((k for k in login.role_mapping_keys if k in mappings), None)
        if key is None:
            continue
        mapping = mappings[key]
        claims = dict(login.claims)
        if mapping["Type"] == "Token":
            token_roles = _token_roles(claims)
            if custom_role_arn:
                if custom_role_arn in token_roles:
                    return custom_role_arn
                raise not_authorized(f"The role {custom_role_arn} is not one of the token's cognito:roles.")
            preferred = claims.get("cognito:preferred_role")
            if isinstance(preferred, str) and preferred:
                return preferred
            if len(token_roles) == 1:
                return token_roles[0]
        else:
            for rule in (mapping.get("RulesConfiguration") or {}).get("Rules") or []:
                if _matches(rule, claims):
                    return str(rule["RoleARN"])
        if mapping.get("AmbiguousRoleResolution") == "Deny":
            raise not_authorized(AMBIGUOUS_DENIED.format(provider=key))
        break
    role = roles.get("authenticated")
    if not role:
        raise no_role()
    return str(role)
