"""Auth events: the per-user history of sign-ins, sign-ups, password changes, ... and its operations.

Sign-in and account flows call ``record_event`` for every SignIn, SignUp, ForgotPassword, PasswordChange
and ResendCode. An event is kept (and delivered to the pool's ``userAuthEvents`` log group, see
``delivery.deliver_auth_event``) only while the pool's threat protection is on
(``UserPoolAddOns.AdvancedSecurityMode`` AUDIT or ENFORCED), as on AWS. Events belong to their user and
go with it when the user (or the pool) is deleted.

Operations: AdminListUserAuthEvents (newest first, ``MaxResults`` 0..60 with 0 meaning 60, a ``NextToken``
holding the last event's time and id), AdminUpdateAuthEventFeedback, UpdateAuthEventFeedback (with the
``FeedbackToken`` issued per event by ``feedback_token``, an HMAC over pool, user and event that the
account-takeover notification emails carry).

``event_context`` turns a request's ``UserContextData`` / ``ContextData`` into ``EventContextData``:
the IP address (``ContextData.IpAddress`` for admin calls; ``UserContextData.IpAddress`` only when the
app client has ``EnablePropagateAdditionalUserContextData``; otherwise the caller's address), a device
name derived from the User-Agent (``Chrome 126, Windows 10``, ``Other, Other`` when unknown), and the
time zone from the ``EncodedData`` that Amazon's context-data libraries produce, when it decodes.

The UserPoolAddOnNotEnabledException wording is not documented [U].
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from console.emulator.cloudwatch_logs import delivery
from console.emulator.core import fetch, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, resource_not_found
from console.emulator.core.registry import http_route, idp
from console.emulator.core.store import dumps, loads

from . import pools, users

EVENT_TYPES = ("SignIn", "SignUp", "ForgotPassword", "PasswordChange", "ResendCode")
RESPONSES = ("Pass", "Fail", "InProgress")
DEFAULT_PAGE = 60


def security_mode(pool: Mapping[str, Any]) -> str:
    """``OFF``, ``AUDIT`` or ``ENFORCED``."""
    return str((pool.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") or "OFF")


def require_addon(pool: Mapping[str, Any]) -> None:
    if security_mode(pool) == "OFF":
        raise AwsError(
            "UserPoolAddOnNotEnabledException", "Advanced security features are not enabled for this user pool."
        )


# -- context data ----------------------------------------------------------------------------------

_BROWSERS = (
    (re.compile(r"Edg(?:e|A|iOS)?/(\d+)"), "Edge"),
    (re.compile(r"OPR/(\d+)"), "Opera"),
    (re.compile(r"Firefox/(\d+)"), "Firefox"),
    (re.compile(r"Chrome/(\d+)"), "Chrome"),
    (re.compile(r"Version/(\d+)[\d.]* (?:Mobile/\S+ )?Safari/"), "Safari"),
)
_SYSTEMS = (
    (re.compile(r"Windows NT 10"), "Windows 10"),
    (re.compile(r"Windows NT 6\.3"), "Windows 8.1"),
    (re.compile(r"Windows NT 6\.1"), "Windows 7"),
    (re.compile(r"Android (\d+)"), "Android {}"),
    (re.compile(r"iPhone OS (\d+)"), "iOS {}"),
    (re.compile(r"Mac OS X (\d+)[_.](\d+)"), "Mac OS X {}.{}"),
    (re.compile(r"CrOS"), "Chrome OS"),
    (re.compile(r"Linux"), "Linux"),
)


def device_name(user_agent: str | None) -> str:
    """AWS's ``DeviceName``: ``<browser> <major>, <OS>``; ``Other`` for what is not recognised."""
    agent = user_agent or ""
    browser = "Other"
    for pattern, name in _BROWSERS:
        m = pattern.search(agent)
        if m:
            browser = f"{name} {m.group(1)}"
            break
    system = "Other"
    for pattern, fmt in _SYSTEMS:
        m = pattern.search(agent)
        if m:
            system = fmt.format(*m.groups())
            break
    return f"{browser}, {system}"


def decode_encoded_data(encoded: str | None) -> dict[str, Any]:
    """The ``contextData`` inside ``EncodedData`` (base64 JSON with a JSON ``payload``), or {} when it cannot
    be read: not base64 or JSON, nested past the parser's recursion, or holding a lone surrogate."""
    if not encoded:
        return {}
    try:
        outer = json.loads(base64.b64decode(encoded + "=" * (-len(encoded) % 4)))
        payload = outer.get("payload") if isinstance(outer, dict) else None
        inner = json.loads(payload) if isinstance(payload, str) else payload
        data = inner.get("contextData") if isinstance(inner, dict) else None
    except (ValueError, binascii.Error, UnicodeDecodeError, AttributeError, RecursionError):
        return {}
    return data if isinstance(data, dict) and fetch.encodable(data) else {}


def event_context(
    ctx: RequestContext, req: Mapping[str, Any], client: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``EventContextData`` for a request (plus ``HasContextData`` and ``DeviceKey`` for risk scoring)."""
    admin = req.get("ContextData") or {}
    user = req.get("UserContextData") or {}
    headers = {h.get("headerName", "").lower(): h.get("headerValue", "") for h in admin.get("HttpHeaders") or []}
    encoded = admin.get("EncodedData") or user.get("EncodedData")
    decoded = decode_encoded_data(encoded)
    if admin.get("IpAddress"):
        ip = admin["IpAddress"]
    elif user.get("IpAddress") and client and client.get("EnablePropagateAdditionalUserContextData"):
        ip = user["IpAddress"]
    else:
        ip = ctx.source_ip
    agent = decoded.get("UserAgent") or headers.get("user-agent") or ctx.headers.get("user-agent")
    out: dict[str, Any] = {"IpAddress": ip, "DeviceName": device_name(agent)}
    timezone = decoded.get("ClientTimezone")
    if isinstance(timezone, str) and timezone:
        out["Timezone"] = timezone
    out["HasContextData"] = bool(encoded or admin)
    device = decoded.get("DeviceId") or decoded.get("DeviceFingerprint")
    if isinstance(device, str) and device:
        out["DeviceKey"] = device
    return out


# -- recording -------------------------------------------------------------------------------------


def _secret(ctx: RequestContext, name: str) -> bytes:
    cache = ctx.state.setdefault("auth_events.keys", {})
    if name not in cache:
        value = ctx.store.value("SELECT secret FROM auth_event_keys WHERE name = ?", (name,))
        if value is None:
            value = secrets.token_hex(32)
            ctx.store.run("INSERT OR IGNORE INTO auth_event_keys (name, secret) VALUES (?, ?)", (name, value))
            value = ctx.store.value("SELECT secret FROM auth_event_keys WHERE name = ?", (name,))
        cache[name] = bytes.fromhex(value)
    key: bytes = cache[name]
    return key


def feedback_token(ctx: RequestContext, pool_id: str, username_key: str, event_id: str) -> str:
    """The per-event token UpdateAuthEventFeedback accepts (carried by notification emails)."""
    mac = hmac.new(_secret(ctx, "feedback"), f"{pool_id}|{username_key}|{event_id}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def _challenge_list(challenges: Iterable[Any] | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for c in challenges or []:
        if isinstance(c, Mapping):
            out.append({"ChallengeName": str(c["ChallengeName"]), "ChallengeResponse": str(c["ChallengeResponse"])})
        else:
            name, result = c
            out.append({"ChallengeName": str(name), "ChallengeResponse": str(result)})
    return out


def _risk_doc(risk: Any) -> dict[str, Any]:
    if risk is None:
        return {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}
    if isinstance(risk, Mapping):
        doc = dict(risk)
    else:  # risk.RiskAssessment
        doc = {
            "RiskDecision": risk.decision,
            "RiskLevel": risk.level,
            "CompromisedCredentialsDetected": bool(risk.compromised),
        }
    doc.setdefault("RiskDecision", "NoRisk")
    doc.setdefault("CompromisedCredentialsDetected", False)
    if doc.get("RiskLevel") is None:
        doc.pop("RiskLevel", None)
    return doc


def record_event(
    ctx: RequestContext,
    pool: Mapping[str, Any] | str,
    user_or_username: users.User | str,
    event_type: str,
    response: str,
    risk: Any = None,
    challenge_responses: Iterable[Any] | None = None,
    context_data: Mapping[str, Any] | None = None,
    *,
    client_id: str | None = None,
) -> str | None:
    """Record one auth event and deliver it to the pool's log group; returns its EventId.

    ``risk`` is a ``risk.RiskAssessment``, an ``EventRisk`` dict or None (no risk). ``challenge_responses``
    are ``{"ChallengeName", "ChallengeResponse"}`` dicts or ``(name, result)`` pairs
    (``Password``/``Mfa``, ``Success``/``Failure``). ``context_data`` is ``event_context(...)``'s result
    (or any ``EventContextData``). Returns None, recording nothing, when threat protection is off or the
    user does not exist.
    """
    if event_type not in EVENT_TYPES or response not in RESPONSES:
        raise ValueError(f"bad auth event {event_type}/{response}")
    doc_pool = pools.get_pool(ctx, pool) if isinstance(pool, str) else pool
    if security_mode(doc_pool) == "OFF":
        return None
    user = (
        user_or_username
        if isinstance(user_or_username, users.User)
        else users.find(ctx, dict(doc_pool), user_or_username)
    )
    if user is None:
        return None
    context = dict(context_data or {"IpAddress": ctx.source_ip})
    has_context = bool(context.pop("HasContextData", False))
    context.pop("DeviceKey", None)
    device_key = (context_data or {}).get("DeviceKey")
    event_id = str(uuid.uuid4())
    event: dict[str, Any] = {
        "EventId": event_id,
        "EventType": event_type,
        "CreationDate": ctx.now,
        "EventResponse": response,
        "EventRisk": _risk_doc(risk),
        "ChallengeResponses": _challenge_list(challenge_responses),
        "EventContextData": {k: v for k, v in context.items() if v is not None},
    }
    ctx.store.run(
        "INSERT INTO auth_events (pool_id, event_id, username_key, created, event_type, response, ip, device, doc)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_pool["Id"],
            event_id,
            user.username_key,
            ctx.now,
            event_type,
            response,
            context.get("IpAddress"),
            device_key or context.get("DeviceName"),
            dumps(event),
        ),
    )
    delivery.deliver_auth_event(
        ctx,
        doc_pool["Id"],
        {
            **event,
            "UserSub": user.sub,
            "Username": user.username,
            "ClientId": client_id or "",
            "RequestId": ctx.request_id,
            "HasContextData": has_context,
        },
    )
    return event_id


def history(ctx: RequestContext, pool_id: str, username_key: str, limit: int = 200) -> list[dict[str, Any]]:
    """The user's most recent events (newest first): ``created``, ``type``, ``response``, ``ip``, ``device``."""
    rows = ctx.store.all(
        "SELECT created, event_type, response, ip, device, doc FROM auth_events"
        " WHERE pool_id = ? AND username_key = ? ORDER BY created DESC, event_id DESC LIMIT ?",
        (pool_id, username_key, limit),
    )
    return [
        {
            "created": r["created"],
            "type": r["event_type"],
            "response": r["response"],
            "ip": r["ip"],
            "device": r["device"],
            "timezone": (loads(r["doc"]).get("EventContextData") or {}).get("Timezone"),
        }
        for r in rows
    ]


def count_since(
    ctx: RequestContext, pool_id: str, username_key: str, since: float, *, event_type: str, response: str
) -> int:
    return int(
        ctx.store.value(
            "SELECT COUNT(*) FROM auth_events WHERE pool_id = ? AND username_key = ? AND created >= ?"
            " AND event_type = ? AND response = ?",
            (pool_id, username_key, since, event_type, response),
        )
    )


# -- operations ------------------------------------------------------------------------------------


@idp("AdminListUserAuthEvents")
def admin_list_user_auth_events(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    require_addon(pool)
    user = users.get(ctx, pool, req["Username"])
    limit = int(req.get("MaxResults") or 0) or DEFAULT_PAGE
    sql = "SELECT event_id, created, doc FROM auth_events WHERE pool_id = ? AND username_key = ?"
    params: list[Any] = [pool["Id"], user.username_key]
    token = req.get("NextToken")
    if token:
        created, event_id = paging.decode(token, "auth-events", (float, str))
        sql += " AND (created < ? OR (created = ? AND event_id < ?))"
        params += [created, created, event_id]
    rows = ctx.store.all(sql + " ORDER BY created DESC, event_id DESC LIMIT ?", [*params, limit + 1])
    events = []
    for r in rows[:limit]:
        doc = loads(r["doc"])
        if not doc.get("EventRisk", {}).get("RiskLevel"):
            doc.get("EventRisk", {}).pop("RiskLevel", None)
        events.append(doc)
    out: dict[str, Any] = {"AuthEvents": events}
    if len(rows) > limit:
        last = rows[limit - 1]
        out["NextToken"] = paging.encode("auth-events", [last["created"], last["event_id"]])
    return out


def _set_feedback(
    ctx: RequestContext, pool_id: str, user: users.User, event_id: str, value: str, provider: str
) -> None:
    row = ctx.store.one(
        "SELECT doc FROM auth_events WHERE pool_id = ? AND event_id = ? AND username_key = ?",
        (pool_id, event_id, user.username_key),
    )
    if row is None:
        raise resource_not_found("Auth event not found.")
    doc = loads(row["doc"])
    doc["EventFeedback"] = {"FeedbackValue": value, "Provider": provider, "FeedbackDate": ctx.now}
    ctx.store.run("UPDATE auth_events SET doc = ? WHERE pool_id = ? AND event_id = ?", (dumps(doc), pool_id, event_id))


@idp("AdminUpdateAuthEventFeedback")
def admin_update_auth_event_feedback(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    require_addon(pool)
    user = users.get(ctx, pool, req["Username"])
    _set_feedback(ctx, pool["Id"], user, req["EventId"], req["FeedbackValue"], "Admin")
    return {}


@idp("UpdateAuthEventFeedback", public=True)
def update_auth_event_feedback(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    require_addon(pool)
    user = users.get(ctx, pool, req["Username"])
    expected = feedback_token(ctx, pool["Id"], user.username_key, req["EventId"])
    if not hmac.compare_digest(expected.encode(), req["FeedbackToken"].encode()):
        raise not_authorized("Invalid feedback token.")
    _set_feedback(ctx, pool["Id"], user, req["EventId"], req["FeedbackValue"], "User")
    return {}


@http_route("/_emulator/feedback", ("GET",))
async def feedback_link(request: Request) -> Response:
    """The one-click links of account-takeover notification emails: records the user's feedback."""
    state = request.app.state.emulator
    q = request.query_params
    value = q.get("value", "")
    ctx = state.context("UpdateAuthEventFeedback", request)
    try:
        if value not in ("Valid", "Invalid"):
            raise invalid_parameter("value must be Valid or Invalid.")
        with ctx.store.tx():
            update_auth_event_feedback(
                ctx,
                {
                    "UserPoolId": q.get("pool", ""),
                    "Username": q.get("user", ""),
                    "EventId": q.get("event", ""),
                    "FeedbackToken": q.get("token", ""),
                    "FeedbackValue": value,
                },
            )
    except AwsError as err:
        return PlainTextResponse(f"{err.code}: {err.message}", status_code=400)
    return PlainTextResponse("Thank you: your feedback was recorded.")
