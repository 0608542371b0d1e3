"""User administration: AdminCreateUser, AdminGetUser, attribute updates, passwords, status, ListUsers.

The administrator's view of a user pool's users, as AWS answers it. Username semantics (username
attributes, aliases, case sensitivity) live in ``users``; schema rules in ``attributes``.

ListUsers pages by keyset (the last row's sort key in the pagination token) over the indexes of the
``users`` and ``user_attrs`` tables, so a filtered query is an index range and a full pagination is
linear in the pool's size.
"""

from __future__ import annotations

import re
from typing import Any

from console.emulator.core import ids, invocations, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, user_not_found
from console.emulator.core.registry import idp

from . import activity, attributes, codes, flow_hooks, mfa_settings, passwords, pools, users
from .users import User

# AWS's default invitation (AdminCreateUserConfig.InviteMessageTemplate unset).
DEFAULT_INVITE_SUBJECT = "Your temporary password"
DEFAULT_INVITE_MESSAGE = "Your username is {username} and temporary password is {####}."

MAX_LIMIT = 60


# -- shapes ---------------------------------------------------------------------------------------------


def mfa_fields(user: User) -> dict[str, Any]:
    """UserMFASettingList / PreferredMfaSetting / MFAOptions as AdminGetUser answers them, when set."""

    return mfa_settings.mfa_settings_for_get_user(user)


def user_type(user: User, attributes_to_get: list[str] | None = None) -> dict[str, Any]:
    """UserType as ListUsers, ListUsersInGroup and AdminCreateUser answer it."""
    attrs = user.attributes()
    if attributes_to_get is not None:
        wanted = set(attributes_to_get)
        attrs = [a for a in attrs if a["Name"] in wanted]
    out: dict[str, Any] = {
        "Username": user.username,
        "Attributes": attrs,
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status,
    }
    options = user.mfa.get("MFAOptions")
    if options:
        out["MFAOptions"] = list(options)
    return out


def _render(template: str, *, username: str, code: str) -> str:
    return template.replace("{username}", username).replace("{####}", code)


# -- AdminCreateUser ------------------------------------------------------------------------------------


def _temporary_password(pool: dict[str, Any]) -> str:
    length = max(int(passwords.policy_of(pool)["MinimumLength"]), 12)
    while True:
        candidate = ids.temporary_password(length)
        if passwords.policy_violation(pool, candidate) is None:
            return candidate


def _send_invitation(
    ctx: RequestContext,
    pool: dict[str, Any],
    user: User,
    sign_in_name: str,
    password: str,
    mediums: list[str],
    client_metadata: dict[str, str] | None = None,
) -> None:
    """The invitation, through CustomMessage_AdminCreateUser / the custom senders when configured."""
    template = (pool.get("AdminCreateUserConfig") or {}).get("InviteMessageTemplate") or {}
    for medium in mediums:
        if medium == "EMAIL" and user.attrs.get("email"):
            flow_hooks.deliver(
                ctx,
                pool,
                user,
                source="AdminCreateUser",
                channel="EMAIL",
                destination=user.attrs["email"],
                subject=template.get("EmailSubject") or DEFAULT_INVITE_SUBJECT,
                body=_render(
                    template.get("EmailMessage") or DEFAULT_INVITE_MESSAGE, username=sign_in_name, code=password
                ),
                code=password,
                client_metadata=client_metadata,
                username_parameter=sign_in_name,
            )
        elif medium == "SMS" and user.attrs.get("phone_number"):
            flow_hooks.deliver(
                ctx,
                pool,
                user,
                source="AdminCreateUser",
                channel="SMS",
                destination=user.attrs["phone_number"],
                subject=None,
                body=_render(
                    template.get("SMSMessage") or DEFAULT_INVITE_MESSAGE, username=sign_in_name, code=password
                ),
                code=password,
                client_metadata=client_metadata,
                username_parameter=sign_in_name,
            )


@idp("AdminCreateUser")
def admin_create_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    name = req["Username"]
    mediums = list(req.get("DesiredDeliveryMediums") or ["SMS"])
    action = req.get("MessageAction")
    temporary = req.get("TemporaryPassword")
    if temporary is not None:
        passwords.enforce_policy(pool, temporary)

    if action == "RESEND":
        existing = users.find(ctx, pool, name)
        if existing is None:
            raise user_not_found()
        if existing.status != "FORCE_CHANGE_PASSWORD":
            raise AwsError(
                "UnsupportedUserStateException",
                f"Resend not possible. {existing.username} status is not FORCE_CHANGE_PASSWORD.",
            )
        password = temporary or invocations.stable(ctx, lambda: _temporary_password(pool))
        existing.secret = passwords.set_password(
            pool, existing.username, password, existing.secret, now=ctx.now, temporary=True
        )
        users.save(ctx, pool, existing)
        _send_invitation(ctx, pool, existing, name, password, mediums, req.get("ClientMetadata"))
        return {"User": user_type(existing)}

    username_attr = users.check_username_format(pool, name)
    given = attributes.as_dict(req.get("UserAttributes"))
    if username_attr and not any(k == username_attr for k, _ in given):
        given.append((username_attr, name))
    attrs = attributes.validate_attributes(pool, dict(given), op="AdminCreateUser", admin=True, creating=True)
    attrs = {k: v for k, v in attrs.items() if v != ""}

    sub = invocations.stable(ctx, ids.sub)
    username = sub if username_attr else name
    key = users.username_key(pool, username)
    if users.by_key(ctx, pool["Id"], key) is not None:
        raise AwsError("UsernameExistsException", "User account already exists")
    for attr in ("email", "phone_number"):
        if f"{attr}_verified" in attrs and not attrs.get(attr):
            attrs.pop(f"{attr}_verified")
    users.alias_conflict(ctx, pool, None, attrs, force=bool(req.get("ForceAliasCreation")), creating=True)

    password = temporary or _temporary_password(pool)
    user = User(
        pool_id=pool["Id"],
        username=username,
        username_key=key,
        sub=sub,
        status="FORCE_CHANGE_PASSWORD",
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs=attrs,
    )
    # PreSignUp_AdminCreateUser: a throw refuses the user; the response flags are ignored.
    flow_hooks.pre_sign_up(ctx, pool, None, user, req, source="AdminCreateUser")
    user.secret = passwords.set_password(pool, username, password, {}, now=ctx.now, temporary=True)
    users.insert(ctx, pool, user)
    activity.succeeded(ctx, "SignUpSuccesses", pool["Id"], activity.ADMIN)  # an admin's sign-up
    if action != "SUPPRESS":
        _send_invitation(ctx, pool, user, name, password, mediums, req.get("ClientMetadata"))
    return {"User": user_type(user)}


# -- reading and changing one user ----------------------------------------------------------------------


@idp("AdminGetUser")
def admin_get_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    return {
        "Username": user.username,
        "UserAttributes": user.attributes(),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status,
        **mfa_fields(user),
    }


def _requires_verification_first(pool: dict[str, Any]) -> set[str]:
    settings = pool.get("UserAttributeUpdateSettings") or {}
    return set(settings.get("AttributesRequireVerificationBeforeUpdate") or [])


def apply_attribute_update(ctx: RequestContext, pool: dict[str, Any], user: User, changes: dict[str, str]) -> list[str]:
    """Merge validated ``changes`` into ``user.attrs`` the way AWS does for an update.

    A changed email / phone_number becomes unverified unless the request set ``*_verified`` itself.
    Where the pool lists the attribute in ``AttributesRequireVerificationBeforeUpdate`` and the request
    does not mark it verified, the old value stays and the new one waits, unverified, in
    ``user.secret["pending_attributes"]`` until it is verified. An empty value deletes the attribute.
    Returns the names of email / phone_number attributes whose new value awaits verification.
    """
    awaiting: list[str] = []
    before_update = _requires_verification_first(pool)
    pending = dict(user.secret.get("pending_attributes") or {})
    for name, value in changes.items():
        if name in ("email", "phone_number"):
            flag = f"{name}_verified"
            if value == user.attrs.get(name):
                continue
            explicitly_verified = changes.get(flag) == "true"
            if value and name in before_update and not explicitly_verified and user.attrs.get(name):
                pending[name] = value
                awaiting.append(name)
                continue
            pending.pop(name, None)
            if not value:
                user.attrs.pop(name, None)
                user.attrs.pop(flag, None)
                continue
            user.attrs[name] = value
            if flag not in changes:
                user.attrs[flag] = "false"
                awaiting.append(name)
            continue
        if value == "":
            user.attrs.pop(name, None)
        else:
            user.attrs[name] = value
    for attr in ("email", "phone_number"):
        if not user.attrs.get(attr):
            user.attrs.pop(f"{attr}_verified", None)
    if pending:
        user.secret["pending_attributes"] = pending
    else:
        user.secret.pop("pending_attributes", None)
    return awaiting


@idp("AdminUpdateUserAttributes")
def admin_update_user_attributes(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    changes = attributes.validate_attributes(
        pool, req["UserAttributes"], op="AdminUpdateUserAttributes", admin=True, creating=False, existing=user.attrs
    )
    awaiting = apply_attribute_update(ctx, pool, user, changes)
    users.alias_conflict(ctx, pool, user, user.attrs, creating=False)
    users.save(ctx, pool, user)
    # As AWS, a changed email / phone number the pool auto-verifies gets a verification code.
    auto = set(pool.get("AutoVerifiedAttributes") or [])
    for name in ("email", "phone_number"):
        if name in awaiting and name in auto:
            value = (user.secret.get("pending_attributes") or {}).get(name) or user.attrs.get(name)
            if value:
                _send_verification_code(ctx, pool, user, name, value)
    return {}


def _send_verification_code(ctx: RequestContext, pool: dict[str, Any], user: User, name: str, value: str) -> None:
    """A code for VerifyUserAttribute, kept and delivered by the self-service side's code store."""

    code = codes.store_code(
        ctx, user, f"verify:{name}", ttl=codes.VERIFY_CODE_TTL, data={"attribute": name, "value": value}
    )
    codes.send_code(ctx, pool, user, name, value, code, source="UpdateUserAttribute")


@idp("AdminDeleteUserAttributes")
def admin_delete_user_attributes(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    names = list(req["UserAttributeNames"])
    attributes.check_deletable(pool, names)
    for name in names:
        user.attrs.pop(name, None)
        if name in ("email", "phone_number"):
            user.attrs.pop(f"{name}_verified", None)
    users.save(ctx, pool, user)
    return {}


@idp("AdminDisableUser")
def admin_disable_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    user.enabled = False
    users.save(ctx, pool, user)
    # Disabling signs the user out everywhere, as AWS does: refresh and access tokens stop working.
    from . import tokens  # tokens imports users; a local import keeps the module graph acyclic

    tokens.revoke_user_tokens(ctx, pool["Id"], user.sub)
    return {}


@idp("AdminEnableUser")
def admin_enable_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    user.enabled = True
    users.save(ctx, pool, user)
    return {}


@idp("AdminDeleteUser")
def admin_delete_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    users.delete(ctx, user)
    return {}


@idp("AdminConfirmSignUp")
def admin_confirm_sign_up(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    if user.status != "UNCONFIRMED":
        raise not_authorized(f"User cannot be confirmed. Current status is {user.status}")
    user.status = "CONFIRMED"
    users.save(ctx, pool, user)
    flow_hooks.post_confirmation(
        ctx, pool, None, user, source="ConfirmSignUp", client_metadata=req.get("ClientMetadata")
    )
    return {}


# -- passwords ------------------------------------------------------------------------------------------

# [U] exact wording. Not a password: the error message.


@idp("AdminSetUserPassword")
def admin_set_user_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    password = req["Password"]
    permanent = bool(req.get("Permanent"))
    passwords.enforce_policy(pool, password)
    size = int(passwords.policy_of(pool).get("PasswordHistorySize") or 0)
    if permanent and passwords.in_history(pools.pool_suffix(pool["Id"]), user.username, password, user.secret, size):
        raise passwords.history_violation()
    user.secret = passwords.set_password(
        pool, user.username, password, user.secret, now=ctx.now, temporary=not permanent
    )
    codes.drop_code(ctx, user, "forgot")  # a password the administrator set ends a reset in progress
    user.status = "CONFIRMED" if permanent else "FORCE_CHANGE_PASSWORD"
    users.save(ctx, pool, user)
    return {}


@idp("AdminResetUserPassword")
def admin_reset_user_password(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    if user.status == "FORCE_CHANGE_PASSWORD":
        raise not_authorized("User password cannot be reset in the current state.")
    attribute = codes.recovery_attribute(pool, user)
    if attribute is not None:
        codes.send_reset_code(ctx, pool, user, attribute, client_metadata=req.get("ClientMetadata"))
    elif not codes.admin_only(pool):
        raise invalid_parameter(codes.NO_RECOVERY_DESTINATION)
    if user.status != "UNCONFIRMED":
        user.status = "RESET_REQUIRED"
    users.save(ctx, pool, user)
    return {}


# -- ListUsers ------------------------------------------------------------------------------------------

# Filterable attributes (the model's documentation of ListUsersRequest.Filter).
_ATTR_FILTERS = ("email", "phone_number", "name", "given_name", "family_name", "preferred_username")
SEARCHABLE = ("username", *_ATTR_FILTERS, "cognito:user_status", "status", "sub")
_FILTER = re.compile(r'^\s*(?P<attr>[^\s=^"]+)\s*(?P<op>=|\^=)\s*"(?P<value>(?:[^"\\]|\\.)*)"\s*$', re.DOTALL)


def parse_filter(text: str | None) -> tuple[str, str, str] | None:
    """``(attribute, "=" | "^=", value)`` or None for no filter; AWS's errors for bad ones."""
    if text is None or not text.strip():
        return None
    match = _FILTER.match(text)
    if match is None:
        # AWS: raw body {"__type":"InvalidParameterException","message":"Error while parsing filter."}
        # (aws/aws-sdk-php#1088; also aws/aws-aspnet-cognito-identity-provider#235). moto drops the period.
        raise invalid_parameter("Error while parsing filter.")
    attr = match["attr"]
    if attr not in SEARCHABLE:
        raise invalid_parameter(f"Invalid search attribute: {attr}")  # [U] moto's wording, not seen from AWS
    value = re.sub(r"\\(.)", r"\1", match["value"], flags=re.DOTALL)
    return attr, match["op"], value


def successor(prefix: str) -> str | None:
    """The smallest string greater than every string starting with ``prefix`` (None: unbounded).

    SQLite compares TEXT by its UTF-8 bytes, whose order is code-point order, so ``prefix`` with its last
    character incremented bounds the range.
    """
    chars = list(prefix)
    while chars:
        last = ord(chars[-1])
        if last < 0x10FFFF:
            bumped = last + 1
            if 0xD800 <= bumped <= 0xDFFF:  # surrogates are not valid in UTF-8 text
                bumped = 0xE000
            chars[-1] = chr(bumped)
            return "".join(chars)
        chars.pop()
    return None


def _range(column: str, prefix: str, params: list[Any]) -> str:
    """SQL for ``column`` starting with ``prefix``, as an index range."""
    params.append(prefix)
    upper = successor(prefix)
    if upper is None:
        return f"{column} >= ?"
    params.append(upper)
    return f"{column} >= ? AND {column} < ?"


def list_users_page(
    ctx: RequestContext,
    pool: dict[str, Any],
    filt: tuple[str, str, str] | None,
    limit: int,
    token: str | None,
) -> tuple[list[User], str | None]:
    """One page of users matching ``filt``, and the token for the next page (None at the end)."""
    pool_id = pool["Id"]
    params: list[Any] = [pool_id]
    join = ""
    # Without statistics SQLite would walk the primary key in username order and filter on status;
    # the status and enabled indexes hold the same order after their equality, so name them.
    source = "users u"
    if filt is None:
        kind, order = "all", ["u.username_key"]
        where = "u.pool_id = ?"
    else:
        attr, op, value = filt
        if attr == "username":
            kind, order = f"username{op}", ["u.username_key"]
            key = users.username_key(pool, value)
            if op == "=":
                where = "u.pool_id = ? AND u.username_key = ?"
                params.append(key)
            else:
                where = "u.pool_id = ? AND " + _range("u.username_key", key, params)
        elif attr == "sub":
            kind, order = f"sub{op}", ["u.sub"]
            if op == "=":
                where = "u.pool_id = ? AND u.sub = ?"
                params.append(value)
            else:
                where = "u.pool_id = ? AND " + _range("u.sub", value, params)
        elif attr == "cognito:user_status":
            status = value.upper()
            if op == "=":
                kind, order, source = "status=", ["u.username_key"], "users u INDEXED BY users_by_status"
                where = "u.pool_id = ? AND u.status = ?"
                params.append(status)
            else:
                kind, order = "status^=", ["u.status", "u.username_key"]
                where = "u.pool_id = ? AND " + _range("u.status", status, params)
        elif attr == "status":
            names = {"Enabled": 1, "Disabled": 0}
            matching = [n for n in names if (n == value if op == "=" else n.startswith(value))]
            if not matching:
                return [], None
            kind, order = "all", ["u.username_key"]
            where = "u.pool_id = ?"
            if len(matching) == 1:
                # users_by_enabled(pool_id, enabled, username_key): an equality then the key order.
                kind = f"enabled{names[matching[0]]}"
                source = "users u INDEXED BY users_by_enabled"
                where += " AND u.enabled = ?"
                params.append(names[matching[0]])
        else:
            indexed = users.index_value(pool, attr, value)
            join = " JOIN users u ON u.pool_id = a.pool_id AND u.username_key = a.username_key"
            if op == "=":
                kind, order = f"{attr}=", ["a.username_key"]
                where = "a.pool_id = ? AND a.name = ? AND a.value = ?"
                params += [attr, indexed]
            else:
                kind, order = f"{attr}^=", ["a.value", "a.username_key"]
                params.append(attr)
                where = "a.pool_id = ? AND a.name = ? AND " + _range("a.value", indexed, params)
    if token is not None:
        # AWS (aws/aws-sdk-js#3705): "Paging marker <token> is invalid for request <request id>", for a
        # token replayed with another Filter as for one that is not a token at all.
        message = f"Paging marker {token} is invalid for request {ctx.request_id}"
        after = paging.decode(token, kind, [str] * len(order), message=message)
        if len(order) == 1:
            where += f" AND {order[0]} > ?"
        else:
            where += f" AND ({', '.join(order)}) > ({', '.join('?' for _ in order)})"
        params += after
    if join:
        source = "user_attrs a" + join
    keys = ", ".join(f"{c} AS k{i}" for i, c in enumerate(order))
    # Only fixed column names are interpolated; every value is a parameter.
    sql = f"SELECT u.*, {keys} FROM {source} WHERE {where} ORDER BY {', '.join(order)} LIMIT ?"  # noqa: S608
    params.append(limit + 1)
    rows = ctx.store.all(sql, params)
    more = len(rows) > limit
    rows = rows[:limit]
    found = [users.from_row(r) for r in rows]
    next_token = None
    if more and rows:
        last = rows[-1]
        next_token = paging.encode(kind, [last[f"k{i}"] for i in range(len(order))])
    return found, next_token


def page_limit(value: int | None) -> int:
    return value if value else MAX_LIMIT


@idp("ListUsers")
def list_users(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    wanted = req.get("AttributesToGet")
    if wanted is not None:
        schema = attributes.schema_of(pool)
        if any(name not in schema for name in wanted):
            raise invalid_parameter("One or more requested attributes do not exist.")  # [U] exact wording
    filt = parse_filter(req.get("Filter"))
    found, token = list_users_page(ctx, pool, filt, page_limit(req.get("Limit")), req.get("PaginationToken"))
    out: dict[str, Any] = {"Users": [user_type(u, wanted) for u in found]}
    if token:
        out["PaginationToken"] = token
    return out
