"""Threat protection: risk configuration, compromised credentials, and the account-takeover risk score.

Risk configuration
------------------
SetRiskConfiguration / DescribeRiskConfiguration store one configuration per pool (``ClientId`` absent
or ``ALL``) and optionally one per app client, which then replaces the pool's for that client
(``effective_config``). Both need the pool's threat protection on (``UserPoolAddOnNotEnabledException``
otherwise, as the model documents); ``RiskExceptionConfiguration`` ranges must be IPv4/IPv6 CIDR blocks.

Compromised credentials
-----------------------
``is_compromised(password)`` checks the breached-password corpus in ``resources/breached-passwords.txt``
(the 30,000 most common leaked passwords; source and license in its header), loaded once into a frozenset.
A password matches when it, or its lower-case form, is in the corpus (the corpus is lower case). The
check applies to the events in ``CompromisedCredentialsRiskConfiguration.EventFilter`` (SIGN_IN,
SIGN_UP, PASSWORD_CHANGE; all three when the filter is absent), only when a password is presented.

Account-takeover score (deterministic)
--------------------------------------
``assess`` adds points for each signal, from the user's own auth-event history (``auth_events``):

====================================================================  ======
signal                                                                points
====================================================================  ======
failed sign-ins in the last 15 minutes: 3-4 / 5-9 / 10 or more          20 / 40 / 60
the IP address was never seen in a successful sign-in (user has some)    25
the device (DeviceId from EncodedData, else the device name) is new      15
  (only when the user has signed in successfully before)
the time zone differs from the last successful sign-in                   10
no context data at all (no ``UserContextData.EncodedData`` /             10
  ``ContextData``)
====================================================================  ======

The total maps to a risk level: below 20 no risk (``RiskLevel`` absent, ``RiskDecision`` NoRisk);
20-44 Low; 45-69 Medium; 70 and above High (``RiskDecision`` AccountTakeover). A user's first sign-in
has no history, so only velocity and missing context count. An IP in ``SkippedIPRangeList`` skips every
check (no risk); an IP in ``BlockedIPRangeList`` is ``RiskDecision`` Block, level High.

Actions
-------
``decide_actions(config, assessment, mode)`` gives the action to take: BLOCK when the IP is on the block
list, or when compromised credentials were detected and the configured action is BLOCK; otherwise the
``AccountTakeoverRiskConfiguration.Actions.<Level>Action`` (``EventAction`` NO_ACTION, MFA_IF_CONFIGURED,
MFA_REQUIRED or BLOCK, and ``Notify``). In AUDIT mode every action is NO_ACTION without notification: the
assessment is recorded only. ``notify`` writes the NotifyConfiguration email (Block/Mfa/NoAction
templates, AWS's ``{username}``, ``{ip-address}``, ``{city}``, ``{country}``, ``{login-time}``,
``{device-name}``, ``{one-click-link-valid}``, ``{one-click-link-invalid}`` placeholders) to the outbox.

The caller-side errors (COGNITO-FACTS §2): an adaptive-authentication block is NotAuthorizedException
``Unable to login because of security reasons.`` and an IP block-list hit is NotAuthorizedException
``Request not allowed due to security reasons.`` (``block_error``).
"""

from __future__ import annotations

import functools
import ipaddress
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console import resources
from console.emulator.core import outbox as messaging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, client_not_found, invalid_parameter, not_authorized
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from . import auth_events, pools, users

ALL = "ALL"
CORPUS_ENV = "COGNITO_BREACHED_PASSWORDS"
COMPROMISED_EVENTS = ("SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP")
VELOCITY_WINDOW = 15 * 60

# -- breached-password corpus ----------------------------------------------------------------------


def corpus_path() -> Path:
    """``$COGNITO_BREACHED_PASSWORDS``, else ``resources/breached-passwords.txt`` wherever it was installed."""
    override = os.environ.get(CORPUS_ENV)
    if override:
        return Path(override)
    return resources.root() / "breached-passwords.txt"


@functools.cache
def corpus() -> frozenset[str]:
    path = corpus_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def is_compromised(password: str) -> bool:
    """Whether the password is in the breached-password corpus (exactly or lower-cased)."""
    words = corpus()
    return password in words or password.lower() in words


# -- configuration ---------------------------------------------------------------------------------


def _check_ranges(ranges: Iterable[str]) -> None:
    for cidr in ranges:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise invalid_parameter(f"Invalid IP range: {cidr}") from None
        if "/" not in cidr:
            raise invalid_parameter(f"Invalid IP range: {cidr}")


def ip_in(ranges: Iterable[str] | None, ip: str | None) -> bool:
    if not ranges or not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for cidr in ranges:
        try:
            if address in ipaddress.ip_network(cidr, strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False


def _client_in_pool(ctx: RequestContext, pool_id: str, client_id: str) -> None:
    if not ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (client_id, pool_id)):
        raise client_not_found(client_id)


def _stored(ctx: RequestContext, pool_id: str, client_id: str) -> tuple[dict[str, Any], float] | None:
    row = ctx.store.one(
        "SELECT doc, modified FROM risk_configurations WHERE pool_id = ? AND client_id = ?", (pool_id, client_id)
    )
    return None if row is None else (loads(row["doc"]), row["modified"])


def effective_config(ctx: RequestContext, pool_id: str, client_id: str | None) -> dict[str, Any]:
    """The configuration that applies to a client: its own, else the pool's; {} when none is set."""
    if client_id:
        found = _stored(ctx, pool_id, client_id)
        if found is not None:
            return found[0]
    found = _stored(ctx, pool_id, ALL)
    return found[0] if found is not None else {}


_CONFIG_KEYS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)


@idp("SetRiskConfiguration")
def set_risk_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    client_id = req.get("ClientId") or ALL
    if client_id != ALL:
        _client_in_pool(ctx, pool["Id"], client_id)
    auth_events.require_addon(pool)
    exceptions = req.get("RiskExceptionConfiguration") or {}
    _check_ranges(exceptions.get("BlockedIPRangeList") or [])
    _check_ranges(exceptions.get("SkippedIPRangeList") or [])
    compromised = req.get("CompromisedCredentialsRiskConfiguration")
    if compromised is not None and not compromised.get("EventFilter"):
        compromised = {**compromised, "EventFilter": list(COMPROMISED_EVENTS)}
    doc = {k: req[k] for k in _CONFIG_KEYS if req.get(k) is not None}
    if compromised is not None:
        doc["CompromisedCredentialsRiskConfiguration"] = compromised
    ctx.store.run(
        "INSERT INTO risk_configurations (pool_id, client_id, modified, doc) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(pool_id, client_id) DO UPDATE SET modified = excluded.modified, doc = excluded.doc",
        (pool["Id"], client_id, ctx.now, dumps(doc)),
    )
    return {"RiskConfiguration": {"UserPoolId": pool["Id"], "ClientId": client_id, **doc, "LastModifiedDate": ctx.now}}


@idp("DescribeRiskConfiguration")
def describe_risk_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    client_id = req.get("ClientId") or ALL
    if client_id != ALL:
        _client_in_pool(ctx, pool["Id"], client_id)
    auth_events.require_addon(pool)
    found = _stored(ctx, pool["Id"], client_id)
    if found is None and client_id != ALL:
        found = _stored(ctx, pool["Id"], ALL)
        shown = ALL
    else:
        shown = client_id
    if found is None:
        return {"RiskConfiguration": {"UserPoolId": pool["Id"], "ClientId": client_id}}
    doc, modified = found
    return {"RiskConfiguration": {"UserPoolId": pool["Id"], "ClientId": shown, **doc, "LastModifiedDate": modified}}


# -- assessment ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskAssessment:
    """One event's risk: ``level`` Low/Medium/High or None, ``decision`` NoRisk/AccountTakeover/Block."""

    level: str | None = None
    decision: str = "NoRisk"
    compromised: bool = False
    score: int = 0
    reasons: tuple[str, ...] = field(default_factory=tuple)
    blocked_ip: bool = False
    skipped: bool = False

    def event_risk(self) -> dict[str, Any]:
        out: dict[str, Any] = {"RiskDecision": self.decision, "CompromisedCredentialsDetected": self.compromised}
        if self.level:
            out["RiskLevel"] = self.level
        return out


NO_RISK = RiskAssessment()


def level_for(score: int) -> str | None:
    if score >= 70:
        return "High"
    if score >= 45:
        return "Medium"
    if score >= 20:
        return "Low"
    return None


def _velocity_points(failures: int) -> int:
    if failures >= 10:
        return 60
    if failures >= 5:
        return 40
    if failures >= 3:
        return 20
    return 0


def assess(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    client: Mapping[str, Any] | str | None,
    user: users.User | None,
    context: Mapping[str, Any] | None,
    *,
    event: str = "SIGN_IN",
    password: str | None = None,
) -> RiskAssessment:
    """Assess one SIGN_IN / SIGN_UP / PASSWORD_CHANGE (``context`` is ``auth_events.event_context``'s)."""
    if auth_events.security_mode(pool) == "OFF":
        return NO_RISK
    client_id = client if isinstance(client, str) or client is None else client.get("ClientId")
    config = effective_config(ctx, pool["Id"], client_id)
    context = context or {}
    ip = context.get("IpAddress")
    exceptions = config.get("RiskExceptionConfiguration") or {}
    if ip_in(exceptions.get("SkippedIPRangeList"), ip):
        return RiskAssessment(skipped=True, reasons=("skipped-ip",))
    compromised = False
    compromised_config = config.get("CompromisedCredentialsRiskConfiguration") or {}
    events = compromised_config.get("EventFilter") or list(COMPROMISED_EVENTS)
    if password is not None and event in events and is_compromised(password):
        compromised = True
    if ip_in(exceptions.get("BlockedIPRangeList"), ip):
        return RiskAssessment("High", "Block", compromised, 100, ("blocked-ip",), blocked_ip=True)
    if event != "SIGN_IN" or user is None:
        return RiskAssessment(compromised=compromised)
    score = 0
    reasons: list[str] = []
    failures = auth_events.count_since(
        ctx, pool["Id"], user.username_key, ctx.now - VELOCITY_WINDOW, event_type="SignIn", response="Fail"
    )
    if points := _velocity_points(failures):
        score += points
        reasons.append(f"failed-attempts:{failures}")
    past = [h for h in auth_events.history(ctx, pool["Id"], user.username_key) if h["type"] == "SignIn"]
    passed = [h for h in past if h["response"] == "Pass"]
    if passed:
        if ip and all(h["ip"] != ip for h in passed):
            score += 25
            reasons.append("new-ip")
        device = context.get("DeviceKey") or context.get("DeviceName")
        if device and all(h["device"] != device for h in passed):
            score += 15
            reasons.append("new-device")
        timezone = context.get("Timezone")
        if timezone and passed[0].get("timezone") and passed[0]["timezone"] != timezone:
            score += 10
            reasons.append("new-timezone")
    if not context.get("HasContextData"):
        score += 10
        reasons.append("no-context-data")
    level = level_for(score)
    return RiskAssessment(level, "AccountTakeover" if level else "NoRisk", compromised, score, tuple(reasons))


@dataclass(frozen=True)
class RiskAction:
    action: str  # NO_ACTION | MFA_IF_CONFIGURED | MFA_REQUIRED | BLOCK
    notify: bool = False
    cause: str = ""  # "blocked-ip", "compromised", "account-takeover" or ""


def decide_actions(config: Mapping[str, Any], assessment: RiskAssessment, mode: str = "ENFORCED") -> RiskAction:
    """What to do about an assessment under ``config`` (see the module doc); AUDIT never acts."""
    if mode != "ENFORCED":
        return RiskAction("NO_ACTION")
    if assessment.blocked_ip:
        return RiskAction("BLOCK", cause="blocked-ip")
    if assessment.compromised:
        compromised = (config.get("CompromisedCredentialsRiskConfiguration") or {}).get("Actions") or {}
        if compromised.get("EventAction") == "BLOCK":
            return RiskAction("BLOCK", cause="compromised")
    if assessment.level:
        actions = (config.get("AccountTakeoverRiskConfiguration") or {}).get("Actions") or {}
        chosen = actions.get(f"{assessment.level}Action") or {}
        action = chosen.get("EventAction", "NO_ACTION")
        return RiskAction(action, bool(chosen.get("Notify")), "account-takeover")
    return RiskAction("NO_ACTION")


def block_error(action: RiskAction) -> AwsError:
    """The error a blocked request answers."""
    if action.cause == "blocked-ip":
        return not_authorized("Request not allowed due to security reasons.")
    return not_authorized("Unable to login because of security reasons.")


_DEFAULT_SUBJECTS = {
    "BLOCK": "Blocked sign-in attempt",
    "MFA": "New sign-in attempt",
    "NO_ACTION": "New sign-in attempt",
}


def notify(
    ctx: RequestContext,
    pool: Mapping[str, Any],
    user: users.User,
    config: Mapping[str, Any],
    action: RiskAction,
    event_id: str | None,
    context: Mapping[str, Any] | None = None,
) -> int | None:
    """Send the account-takeover notification email to the outbox; its outbox id, or None if not sent."""
    if not action.notify or not user.attrs.get("email"):
        return None
    notify_config = (config.get("AccountTakeoverRiskConfiguration") or {}).get("NotifyConfiguration") or {}
    kind = "BLOCK" if action.action == "BLOCK" else "MFA" if action.action.startswith("MFA") else "NO_ACTION"
    template_key = {"BLOCK": "BlockEmail", "MFA": "MfaEmail", "NO_ACTION": "NoActionEmail"}[kind]
    template = notify_config.get(template_key) or {}
    context = context or {}
    link = ""
    if event_id:
        token = auth_events.feedback_token(ctx, pool["Id"], user.username_key, event_id)
        link = (
            f"{ctx.base_url}/_emulator/feedback?pool={pool['Id']}&user={user.username}&event={event_id}&token={token}"
        )
    values = {
        "{username}": user.username,
        "{ip-address}": str(context.get("IpAddress") or ""),
        "{city}": str(context.get("City") or ""),
        "{country}": str(context.get("Country") or ""),
        "{login-time}": str(int(ctx.now)),
        "{device-name}": str(context.get("DeviceName") or ""),
        "{one-click-link-valid}": f"{link}&value=Valid" if link else "",
        "{one-click-link-invalid}": f"{link}&value=Invalid" if link else "",
    }
    body = (
        template.get("TextBody")
        or template.get("HtmlBody")
        or (
            "We detected a sign-in attempt for {username} from {ip-address} ({device-name}). "
            "If this was you: {one-click-link-valid} If not: {one-click-link-invalid}"
        )
    )
    for key, value in values.items():
        body = body.replace(key, value)
    subject = template.get("Subject") or _DEFAULT_SUBJECTS[kind]
    return messaging.send(
        ctx,
        pool_id=pool["Id"],
        username=user.username,
        channel="EMAIL",
        destination=user.attrs["email"],
        body=body,
        subject=subject,
    )
