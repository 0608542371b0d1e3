"""Remembered devices: ConfirmDevice, Get/List/UpdateDeviceStatus/ForgetDevice and their Admin variants.

A device is born when a sign-in of a pool with device tracking issues ``NewDeviceMetadata``
(``new_device_metadata``: DeviceKey ``<region>_<uuid>``, and the user's DeviceGroupKey). ConfirmDevice
then stores the device's SRP verifier and salt (sent base64, kept hex) so that DEVICE_SRP_AUTH can prove
the device, and decides whether it is remembered: automatically ("Always"), or only when the user says
so (``DeviceOnlyRememberedOnUserPrompt``: ``UserConfirmationNecessary`` and UpdateDeviceStatus).

Device attributes as AWS lists them: ``device_status`` (``valid``), ``device_name``,
``dev:device_remembered_status`` (``remembered`` / ``not_remembered``), ``last_ip_used``.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import string
import uuid
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import loads

from . import passwords, pools, tokens, users

DEFAULT_LIMIT = 60
_ALNUM = string.ascii_letters + string.digits
DEVICE_NOT_FOUND = "Device does not exist."


def _row_for(ctx: RequestContext, user: users.User, device_key: str) -> Any:
    return ctx.store.one(
        "SELECT * FROM devices WHERE pool_id = ? AND device_key = ? AND username_key = ?",
        (user.pool_id, device_key, user.username_key),
    )


# -- for sign-in (auth) -------------------------------------------------------------------------------


def tracking_enabled(pool: dict[str, Any]) -> bool:
    """Whether the pool remembers devices at all (a DeviceConfiguration with either flag set, as the
    console's "Always" / "User opt-in" choices write it)."""
    config = pool.get("DeviceConfiguration")
    return config is not None


def new_device_metadata(ctx: RequestContext, pool: dict[str, Any], user: users.User) -> dict[str, str]:
    """NewDeviceMetadataType for a sign-in: a fresh DeviceKey and the user's DeviceGroupKey."""
    group = ctx.store.value(
        "SELECT group_key FROM devices WHERE pool_id = ? AND username_key = ? LIMIT 1",
        (user.pool_id, user.username_key),
    )
    if not group:
        group = "-" + "".join(secrets.choice(_ALNUM) for _ in range(9))
    device_key = f"{ctx.region}_{uuid.uuid4()}"
    ctx.store.run(
        "INSERT INTO devices (pool_id, username_key, device_key, group_key, created, modified)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (user.pool_id, user.username_key, device_key, group, ctx.now, ctx.now),
    )
    return {"DeviceKey": device_key, "DeviceGroupKey": str(group)}


def device_verifier(
    ctx: RequestContext, pool: dict[str, Any], user: users.User, device_key: str
) -> tuple[str, str, str] | None:
    """(salt hex, verifier hex, device group key) of a confirmed device of ``user``, or None."""
    row = _row_for(ctx, user, device_key)
    if row is None or not row["confirmed"] or not row["verifier"]:
        return None
    return str(row["salt"]), str(row["verifier"]), str(row["group_key"])


def device_for_auth(
    ctx: RequestContext, pool: dict[str, Any], user: users.User, device_key: str | None
) -> dict[str, Any] | None:
    """A confirmed device of ``user`` as sign-in needs it: ``salt`` / ``verifier`` (hex), ``group_key``,
    ``remembered`` (bool); None for an unknown, unconfirmed or someone else's device."""
    if not device_key:
        return None
    row = _row_for(ctx, user, device_key)
    if row is None or not row["confirmed"] or not row["verifier"]:
        return None
    return {
        "device_key": device_key,
        "salt": str(row["salt"]),
        "verifier": str(row["verifier"]),
        "group_key": str(row["group_key"]),
        "remembered": bool(row["remembered"]),
    }


def is_remembered(ctx: RequestContext, pool: dict[str, Any], user: users.User, device_key: str | None) -> bool:
    """Whether ``device_key`` is a confirmed, remembered device of ``user`` (MFA may be skipped on it)."""
    if not device_key:
        return False
    row = _row_for(ctx, user, device_key)
    return bool(row is not None and row["confirmed"] and row["remembered"])


def touch_device(ctx: RequestContext, pool: dict[str, Any], user: users.User, device_key: str | None) -> None:
    """Record a sign-in from ``device_key``: its last authenticated date and IP address."""
    if not device_key:
        return
    ctx.store.run(
        "UPDATE devices SET last_auth = ?, last_ip = ? WHERE pool_id = ? AND device_key = ? AND username_key = ?",
        (ctx.now, ctx.source_ip, user.pool_id, device_key, user.username_key),
    )


# -- shapes -------------------------------------------------------------------------------------------


def device_type(row: Any) -> dict[str, Any]:
    attrs: list[dict[str, str]] = [{"Name": "device_status", "Value": "valid"}]
    if row["name"]:
        attrs.append({"Name": "device_name", "Value": row["name"]})
    attrs.append(
        {"Name": "dev:device_remembered_status", "Value": "remembered" if row["remembered"] else "not_remembered"}
    )
    if row["last_ip"]:
        attrs.append({"Name": "last_ip_used", "Value": row["last_ip"]})
    attrs += [{"Name": k, "Value": v} for k, v in loads(row["attrs"]).items()]
    out: dict[str, Any] = {
        "DeviceKey": row["device_key"],
        "DeviceAttributes": attrs,
        "DeviceCreateDate": row["created"],
        "DeviceLastModifiedDate": row["modified"],
    }
    if row["last_auth"] is not None:
        out["DeviceLastAuthenticatedDate"] = row["last_auth"]
    return out


def _decode_b64(value: str, what: str) -> str:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise invalid_parameter(f"Invalid {what}: must be base64-encoded.") from None
    if not raw:
        raise invalid_parameter(f"Invalid {what}: must not be empty.")
    return raw.hex()


# -- operations ---------------------------------------------------------------------------------------


@idp("ConfirmDevice", public=True)
def confirm_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = tokens.authenticate_access_token(ctx, req["AccessToken"])
    row = _row_for(ctx, user, req["DeviceKey"])
    if row is None:
        raise resource_not_found(DEVICE_NOT_FOUND)
    if row["confirmed"]:
        raise AwsError("DeviceKeyExistsException", "Device key already exists.")
    config = req.get("DeviceSecretVerifierConfig") or {}
    if not config.get("PasswordVerifier") or not config.get("Salt"):
        raise invalid_parameter("DeviceSecretVerifierConfig with PasswordVerifier and Salt is required.")
    verifier = _decode_b64(config["PasswordVerifier"], "PasswordVerifier")
    salt = _decode_b64(config["Salt"], "Salt")
    # A degenerate verifier (0, 1 or N-1 modulo N) would make the device-SRP shared secret predictable,
    # letting anyone sign in as the device without its password.
    if int(verifier, 16) % passwords.N in (0, 1, passwords.N - 1):
        raise invalid_parameter("Invalid PasswordVerifier: not a valid SRP verifier.")
    on_prompt = bool((pool.get("DeviceConfiguration") or {}).get("DeviceOnlyRememberedOnUserPrompt"))
    ctx.store.run(
        "UPDATE devices SET confirmed = 1, remembered = ?, salt = ?, verifier = ?, name = ?, last_ip = ?,"
        " modified = ?, last_auth = COALESCE(last_auth, ?) WHERE pool_id = ? AND device_key = ?",
        (
            0 if on_prompt else 1,
            salt,
            verifier.lstrip("0") or "0",
            req.get("DeviceName"),
            ctx.source_ip,
            ctx.now,
            ctx.now,
            pool["Id"],
            req["DeviceKey"],
        ),
    )
    return {"UserConfirmationNecessary": on_prompt}


def _get(ctx: RequestContext, user: users.User, device_key: str) -> Any:
    row = _row_for(ctx, user, device_key)
    if row is None or not row["confirmed"]:
        raise resource_not_found(DEVICE_NOT_FOUND)
    return row


def _page(ctx: RequestContext, user: users.User, req: dict[str, Any]) -> dict[str, Any]:
    limit = int(req.get("Limit") or DEFAULT_LIMIT)
    params: list[Any] = [user.pool_id, user.username_key]
    where = ""
    token = req.get("PaginationToken")
    if token:
        created, key = paging.decode(token, "devices", (float, str))
        where = " AND (created > ? OR (created = ? AND device_key > ?))"
        params += [created, created, key]
    rows = ctx.store.all(
        "SELECT * FROM devices WHERE pool_id = ? AND username_key = ? AND confirmed = 1"  # noqa: S608 - fixed text
        + where
        + " ORDER BY created, device_key LIMIT ?",
        [*params, limit + 1],
    )
    out: dict[str, Any] = {"Devices": [device_type(r) for r in rows[:limit]]}
    if len(rows) > limit:
        last = rows[limit - 1]
        out["PaginationToken"] = paging.encode("devices", [last["created"], last["device_key"]])
    return out


def _set_status(ctx: RequestContext, user: users.User, device_key: str, status: str | None) -> None:
    _get(ctx, user, device_key)
    remembered = 1 if status == "remembered" else 0
    ctx.store.run(
        "UPDATE devices SET remembered = ?, modified = ? WHERE pool_id = ? AND device_key = ?",
        (remembered, ctx.now, user.pool_id, device_key),
    )


def _forget(ctx: RequestContext, user: users.User, device_key: str) -> None:
    _get(ctx, user, device_key)
    ctx.store.run("DELETE FROM devices WHERE pool_id = ? AND device_key = ?", (user.pool_id, device_key))


def _token_user(ctx: RequestContext, req: dict[str, Any]) -> users.User:
    token = req.get("AccessToken")
    if not token:
        raise invalid_parameter("Missing required parameter AccessToken")
    _, user, _ = tokens.authenticate_access_token(ctx, token)
    return user


def _admin_user(ctx: RequestContext, req: dict[str, Any]) -> users.User:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    return users.get(ctx, pool, req["Username"])


@idp("GetDevice", public=True)
def get_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Device": device_type(_get(ctx, _token_user(ctx, req), req["DeviceKey"]))}


@idp("ListDevices", public=True)
def list_devices(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return _page(ctx, _token_user(ctx, req), req)


@idp("UpdateDeviceStatus", public=True)
def update_device_status(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _set_status(ctx, _token_user(ctx, req), req["DeviceKey"], req.get("DeviceRememberedStatus"))
    return {}


@idp("ForgetDevice", public=True)
def forget_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _forget(ctx, _token_user(ctx, req), req["DeviceKey"])
    return {}


@idp("AdminGetDevice")
def admin_get_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Device": device_type(_get(ctx, _admin_user(ctx, req), req["DeviceKey"]))}


@idp("AdminListDevices")
def admin_list_devices(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return _page(ctx, _admin_user(ctx, req), req)


@idp("AdminUpdateDeviceStatus")
def admin_update_device_status(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _set_status(ctx, _admin_user(ctx, req), req["DeviceKey"], req.get("DeviceRememberedStatus"))
    return {}


@idp("AdminForgetDevice")
def admin_forget_device(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    _forget(ctx, _admin_user(ctx, req), req["DeviceKey"])
    return {}
