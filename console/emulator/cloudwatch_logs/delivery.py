"""Cognito's log delivery: Set/GetLogDeliveryConfiguration and the entries a pool writes to its log group.

``deliver_auth_event`` (user activity, ``userAuthEvents``, INFO) and ``deliver_notification_error``
(message delivery errors, ``userNotification``, ERROR) write in the format AWS documents
(``eventTimestamp``, ``eventSource``, ``logLevel``, ``message``, ``logSourceId``) to the configured log
group. S3 and Firehose destinations are stored and described but nothing is delivered to them locally.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from console.emulator.cloudwatch_logs.api import append_events, find_group, group_name_from_arn, now_ms
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads
from console.emulator.user_pools import pools

# -- Cognito log delivery --------------------------------------------------------------------------


def get_delivery(ctx: RequestContext, pool_id: str) -> dict[str, Any] | None:
    row = ctx.store.one("SELECT doc FROM log_delivery WHERE pool_id = ?", (pool_id,))
    return None if row is None else loads(row["doc"])


@idp("SetLogDeliveryConfiguration")
def set_log_delivery_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    configs = req["LogConfigurations"]
    seen: set[str] = set()
    for config in configs:
        source, level = config["EventSource"], config["LogLevel"]
        if source in seen:
            raise invalid_parameter(f"Only one log configuration is allowed for event source {source}.")
        seen.add(source)
        destinations = [
            k for k in ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration") if config.get(k)
        ]
        if len(destinations) != 1:
            raise invalid_parameter("Exactly one log destination must be specified for each log configuration.")
        if source == "userNotification":
            if level != "ERROR":
                raise invalid_parameter("LogLevel must be ERROR for EventSource userNotification.")
            if destinations[0] != "CloudWatchLogsConfiguration":
                raise invalid_parameter("userNotification logs can only be delivered to CloudWatch Logs.")
        if source == "userAuthEvents":
            if level != "INFO":
                raise invalid_parameter("LogLevel must be INFO for EventSource userAuthEvents.")
            if pool.get("UserPoolTier", "ESSENTIALS") != "PLUS":
                raise AwsError(
                    "FeatureUnavailableInTierException",
                    "User activity log export requires the PLUS feature plan.",
                )
        cw = config.get("CloudWatchLogsConfiguration")
        if cw:
            arn = cw.get("LogGroupArn") or ""
            name = group_name_from_arn(arn)
            if name is None:
                raise invalid_parameter(f"Invalid LogGroupArn: {arn}")
            if find_group(ctx, name) is None:
                raise invalid_parameter(f"The specified log group does not exist: {arn}")
    doc = {"UserPoolId": pool["Id"], "LogConfigurations": configs}
    ctx.store.run(
        "INSERT INTO log_delivery (pool_id, doc) VALUES (?, ?) ON CONFLICT(pool_id) DO UPDATE SET doc = excluded.doc",
        (pool["Id"], dumps(doc)),
    )
    return {"LogDeliveryConfiguration": doc}


@idp("GetLogDeliveryConfiguration")
def get_log_delivery_configuration(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    doc = get_delivery(ctx, pool["Id"]) or {"UserPoolId": pool["Id"], "LogConfigurations": []}
    return {"LogDeliveryConfiguration": doc}


def _destination_group(ctx: RequestContext, pool_id: str, source: str) -> str | None:
    doc = get_delivery(ctx, pool_id)
    if not doc:
        return None
    for config in doc.get("LogConfigurations", []):
        if config.get("EventSource") == source:
            arn = (config.get("CloudWatchLogsConfiguration") or {}).get("LogGroupArn")
            return group_name_from_arn(arn) if arn else None
    return None


def _creation_date(ms: int) -> str:
    """AWS's ``creationDate`` text: ``Wed Jul 17 17:25:55 UTC 2024``."""
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


_RISK_DECISION_LOG = {"NoRisk": "PASS", "AccountTakeover": "ACCOUNT_TAKEOVER", "Block": "BLOCK"}


def auth_event_log_entry(pool_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """The documented user-activity log record for one auth event (an AuthEventType-like dict with
    ``UserSub``, ``Username``, ``ClientId``, ``RequestId`` added)."""
    ms = int(float(event.get("CreationDate", 0)) * 1000)
    risk = event.get("EventRisk") or {}
    context = event.get("EventContextData") or {}
    feedback = event.get("EventFeedback") or {}
    challenges = [
        {"challengeName": c.get("ChallengeName", ""), "challengeResponse": c.get("ChallengeResponse", "")}
        for c in event.get("ChallengeResponses") or []
    ]
    message = {
        "version": "1",
        "eventId": event.get("EventId", ""),
        "eventType": event.get("EventType", ""),
        "userSub": event.get("UserSub", ""),
        "userName": event.get("Username", ""),
        "userPoolId": pool_id,
        "clientId": event.get("ClientId", ""),
        "creationDate": _creation_date(ms),
        "eventResponse": event.get("EventResponse", ""),
        "riskLevel": risk.get("RiskLevel", "") or "",
        "riskDecision": _RISK_DECISION_LOG.get(risk.get("RiskDecision", "NoRisk"), "PASS"),
        "challenges": challenges,
        "deviceName": context.get("DeviceName", "") or "",
        "ipAddress": context.get("IpAddress", "") or "",
        "requestId": event.get("RequestId", ""),
        "idpName": event.get("IdpName", ""),
        "compromisedCredentialDetected": "true" if risk.get("CompromisedCredentialsDetected") else "false",
        "city": context.get("City", "") or "",
        "country": context.get("Country", "") or "",
        "eventFeedbackValue": feedback.get("FeedbackValue", ""),
        "eventFeedbackDate": str(feedback.get("FeedbackDate", "")) if feedback else "",
        "eventFeedbackProvider": feedback.get("Provider", ""),
        "hasContextData": "true" if event.get("HasContextData") else "false",
    }
    return {
        "eventTimestamp": str(ms),
        "eventSource": "USER_ACTIVITY",
        "logLevel": "INFO",
        "message": message,
        "logSourceId": {"userPoolId": pool_id},
    }


def deliver_auth_event(ctx: RequestContext, pool_id: str, event: dict[str, Any]) -> bool:
    """Write one auth event to the pool's ``userAuthEvents`` CloudWatch group, if one is configured.

    The stream is named after the pool. Returns whether anything was written.
    """
    group = _destination_group(ctx, pool_id, "userAuthEvents")
    if group is None:
        return False
    entry = auth_event_log_entry(pool_id, event)
    text = json.dumps(entry, separators=(",", ":"))
    return append_events(ctx, group, pool_id, [(int(entry["eventTimestamp"]), text)]) == 1


def deliver_notification_error(ctx: RequestContext, pool_id: str, details: str | dict[str, Any]) -> bool:
    """Write one message-delivery error (``userNotification``, ERROR) to the configured group."""
    group = _destination_group(ctx, pool_id, "userNotification")
    if group is None:
        return False
    ms = now_ms(ctx)
    entry = {
        "eventTimestamp": str(ms),
        "eventSource": "USER_NOTIFICATION",
        "logLevel": "ERROR",
        "message": {"details": details},
        "logSourceId": {"userPoolId": pool_id},
    }
    return append_events(ctx, group, pool_id, [(ms, json.dumps(entry, separators=(",", ":")))]) == 1
