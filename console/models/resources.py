"""Concrete table models: user pools, groups, app clients, identity providers, identity pools."""

from __future__ import annotations

from typing import Any

from console.services.protocol import (
    AppClientSummary,
    Group,
    IdentityPoolSummary,
    IdentityProvider,
    Pool,
    PoolAuthEvent,
)

from .table import Column, RecordTableModel

POOL_COLUMNS: list[Column[Pool]] = [
    Column("User pool name", lambda p: p.name),
    Column("User pool ID", lambda p: p.id),
    Column("Estimated users", lambda p: p.estimated_users if p.raw else None, "EstimatedNumberOfUsers", True),
    Column("MFA", lambda p: p.mfa if p.raw else "", "MfaConfiguration"),
    Column("Created", lambda p: p.created),
]


class PoolsModel(RecordTableModel[Pool]):
    COL_NAME, COL_ID, COL_USERS, COL_MFA, COL_CREATED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(POOL_COLUMNS, key=lambda p: p.id, parent=parent)


class GroupsModel(RecordTableModel[Group]):
    COL_NAME, COL_DESCRIPTION, COL_PRECEDENCE, COL_ROLE, COL_CREATED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Group name", lambda g: g.name),
                Column("Description", lambda g: g.description),
                Column("Precedence", lambda g: g.precedence, align_right=True),
                Column("IAM role ARN", lambda g: g.role_arn),
                Column("Created", lambda g: g.created),
            ],
            key=lambda g: g.name,
            parent=parent,
        )


class AppClientsModel(RecordTableModel[AppClientSummary]):
    COL_NAME, COL_ID = range(2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [Column("App client name", lambda c: c.name), Column("Client ID", lambda c: c.id)],
            key=lambda c: c.id,
            parent=parent,
        )


PROVIDER_LABELS = {
    "OIDC": "OpenID Connect",
    "SAML": "SAML",
    "Google": "Google",
    "Facebook": "Facebook",
    "LoginWithAmazon": "Login with Amazon",
    "SignInWithApple": "Sign in with Apple",
}


class IdentityProvidersModel(RecordTableModel[IdentityProvider]):
    COL_NAME, COL_TYPE, COL_MODIFIED = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Provider name", lambda p: p.name),
                Column("Type", lambda p: PROVIDER_LABELS.get(p.type, p.type)),
                Column("Last modified", lambda p: p.modified or p.created),
            ],
            key=lambda p: p.name,
            parent=parent,
        )


class IdentityPoolsModel(RecordTableModel[IdentityPoolSummary]):
    COL_NAME, COL_ID = range(2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [Column("Identity pool name", lambda p: p.name), Column("Identity pool ID", lambda p: p.id)],
            key=lambda p: p.id,
            parent=parent,
        )


RISK_WORDS = {"NoRisk": "", "AccountTakeover": "Account takeover", "Block": "Blocked"}


def risk_text(event: PoolAuthEvent) -> str:
    """Blocked first, then the risk level and decision: "Blocked", "High · Account takeover"."""
    if event.blocked:
        return "Blocked"
    return " · ".join(x for x in (event.risk_level, RISK_WORDS.get(event.risk_decision, event.risk_decision)) if x)


class AuthEventsModel(RecordTableModel[PoolAuthEvent]):
    COL_TIME, COL_USER, COL_TYPE, COL_RESPONSE, COL_RISK, COL_COMPROMISED, COL_IP, COL_DEVICE, COL_CLIENT = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Time", lambda e: e.created),
                Column("User", lambda e: e.username),
                Column("Event", lambda e: e.event_type),
                Column("Result", lambda e: e.response),
                Column("Risk", risk_text),
                Column("Compromised", lambda e: "Yes" if e.compromised else ""),
                Column("IP address", lambda e: e.ip),
                Column("Device", lambda e: e.device),
                Column("App client", lambda e: e.client_id),
            ],
            key=lambda e: e.event_id,
            parent=parent,
        )
