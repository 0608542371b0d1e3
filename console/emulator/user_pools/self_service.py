"""What a signed-in user does to their own account, authorised by their access token: GetUser,
UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUser,
DeleteUserAttributes, ChangePassword, SetUserSettings.

A changed email or phone number is unverified until the user proves it with a code; where the pool
lists it in ``AttributesRequireVerificationBeforeUpdate`` the old value stays in force (and signs in)
and the new one waits in ``user.secret["pending_attributes"]`` until verified, as AdminUpdateUserAttributes
keeps it (admin_users.apply_attribute_update).
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import invalid_parameter, not_authorized
from console.emulator.core.registry import idp

from . import (
    admin_users,
    attributes,
    auth_factors,
    clients,
    codes,
    flow_hooks,
    mfa,
    mfa_settings,
    passwords,
    pools,
    signup,
    tokens,
    users,
)

VERIFIABLE = ("email", "phone_number")
WRONG_PASSWORD = "Incorrect username or password."  # noqa: S105 - an error message


def _authorize(ctx: RequestContext, access_token: str) -> tuple[dict[str, Any], users.User, dict[str, Any]]:
    """Pool, user and app client of a valid access token with the aws.cognito.signin.user.admin scope."""
    pool, user, claims = tokens.authenticate_access_token(ctx, access_token)
    client_id = claims.get("client_id")
    client: dict[str, Any] = {}
    if client_id:
        row = ctx.store.one("SELECT 1 FROM clients WHERE id = ?", (str(client_id),))
        if row is not None:
            client = clients.get_client(ctx, str(client_id))
    return pool, user, client


def _send_verification(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: users.User,
    name: str,
    value: str,
    source: str = "UpdateUserAttribute",
    client_id: str | None = None,
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    code = codes.store_code(
        ctx, user, f"verify:{name}", ttl=codes.VERIFY_CODE_TTL, data={"attribute": name, "value": value}
    )
    return codes.send_code(
        ctx, pool, user, name, value, code, source=source, client_id=client_id, client_metadata=client_metadata
    )


def _target_value(user: users.User, name: str) -> str | None:
    """Where a verification code for ``name`` goes: the value awaiting verification, else the current one."""
    pending = (user.secret.get("pending_attributes") or {}).get(name)
    return pending or user.attrs.get(name)


@idp("GetUser", public=True)
def get_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _, user, client = _authorize(ctx, req["AccessToken"])
    readable = attributes.filter_readable(client or None, {"sub": user.sub, **user.attrs})
    return {
        "Username": user.username,
        "UserAttributes": [{"Name": "sub", "Value": user.sub}]
        + [{"Name": k, "Value": v} for k, v in readable.items() if k != "sub"],
        **mfa_settings.mfa_settings_for_get_user(user),
    }


@idp("GetUserAuthFactors", public=True)
def get_user_auth_factors(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """The signed-in user's MFA settings and the factors they can sign in with, as AdminGetUserAuthFactors."""
    pool, user, _ = _authorize(ctx, req["AccessToken"])
    return {
        "Username": user.username,
        "ConfiguredUserAuthFactors": auth_factors.configured_auth_factors(ctx, pool, user),
        **mfa_settings.mfa_settings_for_get_user(user),
    }


@idp("UpdateUserAttributes", public=True)
def update_user_attributes(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, client = _authorize(ctx, req["AccessToken"])
    given = attributes.as_dict(req["UserAttributes"])
    attributes.check_client_writable(client, [name for name, _ in given])
    # Verification flags are proven with codes, never set by the user.
    wanted = {k: v for k, v in given if k not in ("email_verified", "phone_number_verified")}
    changes = attributes.validate_attributes(
        pool, wanted, op="UpdateUserAttributes", admin=False, creating=False, existing=user.attrs
    )
    awaiting = admin_users.apply_attribute_update(ctx, pool, user, changes)
    users.alias_conflict(ctx, pool, user, user.attrs, creating=False)
    users.save(ctx, pool, user)
    auto = set(pool.get("AutoVerifiedAttributes") or [])
    details: list[dict[str, Any]] = []
    for name in VERIFIABLE:
        if name in awaiting and name in auto:
            value = _target_value(user, name)
            if value:
                details.append(
                    _send_verification(
                        ctx,
                        pool,
                        user,
                        name,
                        value,
                        "UpdateUserAttribute",
                        client.get("ClientId"),
                        req.get("ClientMetadata"),
                    )
                )
    return {"CodeDeliveryDetailsList": details} if details else {}


@idp("GetUserAttributeVerificationCode", public=True)
def get_user_attribute_verification_code(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, client = _authorize(ctx, req["AccessToken"])
    name = req["AttributeName"]
    if name not in VERIFIABLE:
        raise invalid_parameter(f"Invalid attribute name {name}: only email and phone_number can be verified.")
    value = _target_value(user, name)
    if not value:
        raise invalid_parameter(f"User does not have a value for the attribute: {name}")
    codes.count_attempt(ctx, user, "GetUserAttributeVerificationCode")
    details = _send_verification(
        ctx, pool, user, name, value, "VerifyUserAttribute", client.get("ClientId"), req.get("ClientMetadata")
    )
    return {"CodeDeliveryDetails": details}


@idp("VerifyUserAttribute", public=True)
def verify_user_attribute(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = _authorize(ctx, req["AccessToken"])
    name = req["AttributeName"]
    if name not in VERIFIABLE:
        raise invalid_parameter(f"Invalid attribute name {name}: only email and phone_number can be verified.")
    codes.count_attempt(ctx, user, "VerifyUserAttribute")
    data = codes.require_code(ctx, user, f"verify:{name}", req["Code"])
    value = data.get("value")
    pending = dict(user.secret.get("pending_attributes") or {})
    if value and pending.get(name) == value:
        user.attrs[name] = value
        pending.pop(name)
        if pending:
            user.secret["pending_attributes"] = pending
        else:
            user.secret.pop("pending_attributes", None)
    if value and user.attrs.get(name) == value:
        user.attrs[f"{name}_verified"] = "true"
    else:
        # The attribute changed after this code was sent: the code verified a value the user no longer has.
        raise signup.AwsError("CodeMismatchException", codes.CODE_MISMATCH)
    users.alias_conflict(ctx, pool, user, user.attrs, creating=False)
    users.save(ctx, pool, user)
    return {}


@idp("DeleteUser", public=True)
def delete_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = _authorize(ctx, req["AccessToken"])
    tokens.revoke_user_tokens(ctx, pool["Id"], user.sub)
    users.delete(ctx, user)
    return {}


@idp("DeleteUserAttributes", public=True)
def delete_user_attributes(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, client = _authorize(ctx, req["AccessToken"])
    names = list(req["UserAttributeNames"])
    attributes.check_deletable(pool, names)
    attributes.check_client_writable(client, names)
    pending = dict(user.secret.get("pending_attributes") or {})
    for name in names:
        user.attrs.pop(name, None)
        if name in VERIFIABLE:
            user.attrs.pop(f"{name}_verified", None)
            pending.pop(name, None)
    if pending:
        user.secret["pending_attributes"] = pending
    else:
        user.secret.pop("pending_attributes", None)
    users.save(ctx, pool, user)
    return {}


@idp("ChangePassword", public=True)
def change_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, client = _authorize(ctx, req["AccessToken"])
    codes.count_attempt(ctx, user, "ChangePassword")
    flow_hooks.begin(ctx, req, client or None)
    previous = req.get("PreviousPassword")
    suffix = pools.pool_suffix(pool["Id"])
    has_password = bool(user.secret.get("verifier"))
    if has_password and (
        previous is None or not passwords.check_password(suffix, user.username, previous, user.secret)
    ):
        ctx.keep(flow_hooks.record_later(ctx, pool, user, "PasswordChange", "Fail"))
        raise not_authorized(WRONG_PASSWORD)
    assessment = flow_hooks.password_risk(
        ctx, pool, client or None, user, req["ProposedPassword"], event="PASSWORD_CHANGE", event_type="PasswordChange"
    )
    signup.set_new_password(ctx, pool, user, req["ProposedPassword"])
    users.save(ctx, pool, user)
    flow_hooks.record(ctx, pool, user, "PasswordChange", "Pass", assessment=assessment)
    return {}


@idp("SetUserSettings", public=True)
def set_user_settings(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = _authorize(ctx, req["AccessToken"])
    mfa.apply_settings(ctx, pool, user, req["MFAOptions"])
    return {}
