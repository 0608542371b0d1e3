"""boto3 behind the service layer: one session and client per connection, and the one executor helper
through which every blocking call leaves the event loop."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import re
import threading
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar

from . import errors
from .protocol import (
    ACTIVITY_KINDS,
    Activity,
    ActivitySeries,
    AppClient,
    AppClientSummary,
    AuthEvent,
    AuthEventPage,
    Branding,
    CognitoProviderRef,
    Connection,
    ConnectionKind,
    Device,
    Domain,
    Group,
    IamRole,
    IdentityPool,
    IdentityPoolRoles,
    IdentityPoolSummary,
    IdentityProvider,
    MappingRule,
    Page,
    PolicySimulation,
    Pool,
    PoolAuthEvent,
    PoolSummary,
    RoleMapping,
    User,
    UserDetails,
    UserFilter,
)

R = TypeVar("R")

# UserPoolIdType's pattern in the cognito-idp service model, in ASCII.
ACTIVITY_NAMESPACE = "AWS/Cognito"
USER_POOL_ID = re.compile(r"[A-Za-z0-9_-]+_[0-9a-zA-Z]+")

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=6, thread_name_prefix="cognito-console")
        return _executor


async def run_blocking(fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> R:
    """Run a blocking callable (boto3, file I/O of size) on the shared worker pool and await it."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor(), functools.partial(fn, *args, **kwargs))


def shutdown_executor() -> None:
    global _executor
    with _executor_lock:
        if _executor is not None:
            _executor.shutdown(wait=False, cancel_futures=True)
            _executor = None


def make_client(connection: Connection, secret_access_key: str | None = None, service: str = "cognito-idp") -> Any:
    """A client of ``service`` (cognito-idp, cognito-identity, iam) for a connection (blocking: boto3 loads its
    models here). An endpoint URL serves every service: the local Cognito answers them all on one port."""
    import boto3
    from botocore.config import Config

    local = connection.kind is ConnectionKind.LOCAL
    config = Config(
        # A local server that is gone should say so at once; AWS gets the standard retry policy.
        retries={"max_attempts": 1 if local else 3, "mode": "standard"},
        connect_timeout=2 if local else 10,
        read_timeout=60,
        user_agent_extra="cognito-console/0.1",
    )
    if local:
        session = boto3.session.Session(
            # The local Cognito accepts any keys on loopback; these are placeholders, not secrets.
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106
            region_name=connection.region,
        )
        return session.client(service, endpoint_url=connection.endpoint_url, config=config)
    if connection.kind is ConnectionKind.KEYS:
        if not (connection.access_key_id and secret_access_key):
            raise errors.CredentialsMissing("NoCredentialsError", "The secret access key is not available.")
        session = boto3.session.Session(
            aws_access_key_id=connection.access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=connection.region,
        )
    else:
        session = boto3.session.Session(profile_name=connection.profile or None, region_name=connection.region)
    return session.client(service, endpoint_url=connection.endpoint_url, config=config)


def _dt(value: Any) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _attrs(items: Sequence[Mapping[str, str]] | None) -> dict[str, str]:
    return {a["Name"]: a.get("Value", "") for a in items or ()}


def user_from(doc: Mapping[str, Any]) -> User:
    """A User from ListUsers' UserType or AdminGetUser's response."""
    return User(
        username=doc["Username"],
        status=doc.get("UserStatus", ""),
        enabled=bool(doc.get("Enabled", True)),
        created=_dt(doc.get("UserCreateDate")),
        modified=_dt(doc.get("UserLastModifiedDate")),
        attributes=_attrs(doc.get("Attributes") or doc.get("UserAttributes")),
        mfa=tuple(doc.get("UserMFASettingList") or [o.get("DeliveryMedium", "") for o in doc.get("MFAOptions") or ()]),
        preferred_mfa=doc.get("PreferredMfaSetting"),
    )


def pool_from(doc: Mapping[str, Any]) -> Pool:
    return Pool(
        id=doc["Id"],
        name=doc.get("Name", ""),
        arn=doc.get("Arn", ""),
        estimated_users=int(doc.get("EstimatedNumberOfUsers", 0) or 0),
        mfa=doc.get("MfaConfiguration", "OFF"),
        created=_dt(doc.get("CreationDate")),
        modified=_dt(doc.get("LastModifiedDate")),
        deletion_protection=doc.get("DeletionProtection", "INACTIVE"),
        username_attributes=tuple(doc.get("UsernameAttributes") or ()),
        alias_attributes=tuple(doc.get("AliasAttributes") or ()),
        auto_verified=tuple(doc.get("AutoVerifiedAttributes") or ()),
        domain=doc.get("CustomDomain") or doc.get("Domain"),
        tags=dict(doc.get("UserPoolTags") or {}),
        raw=dict(doc),
    )


def group_from(doc: Mapping[str, Any]) -> Group:
    return Group(
        name=doc["GroupName"],
        pool_id=doc.get("UserPoolId", ""),
        description=doc.get("Description", ""),
        precedence=doc.get("Precedence"),
        role_arn=doc.get("RoleArn", ""),
        created=_dt(doc.get("CreationDate")),
        modified=_dt(doc.get("LastModifiedDate")),
    )


def client_from(doc: Mapping[str, Any]) -> AppClient:
    return AppClient(
        id=doc["ClientId"],
        name=doc.get("ClientName", ""),
        pool_id=doc.get("UserPoolId", ""),
        secret=doc.get("ClientSecret"),
        created=_dt(doc.get("CreationDate")),
        modified=_dt(doc.get("LastModifiedDate")),
        raw=dict(doc),
    )


def idp_from(doc: Mapping[str, Any]) -> IdentityProvider:
    return IdentityProvider(
        name=doc["ProviderName"],
        type=doc.get("ProviderType", ""),
        pool_id=doc.get("UserPoolId", ""),
        details=dict(doc.get("ProviderDetails") or {}),
        attribute_mapping=dict(doc.get("AttributeMapping") or {}),
        identifiers=tuple(doc.get("IdpIdentifiers") or ()),
        created=_dt(doc.get("CreationDate")),
        modified=_dt(doc.get("LastModifiedDate")),
    )


def identity_pool_from(doc: Mapping[str, Any]) -> IdentityPool:
    """An IdentityPool from DescribeIdentityPool's (or Create/UpdateIdentityPool's) IdentityPool."""
    return IdentityPool(
        id=doc["IdentityPoolId"],
        name=doc.get("IdentityPoolName", ""),
        allow_unauthenticated=bool(doc.get("AllowUnauthenticatedIdentities")),
        allow_classic_flow=bool(doc.get("AllowClassicFlow")),
        cognito_providers=tuple(
            CognitoProviderRef(p.get("ProviderName", ""), p.get("ClientId", ""), bool(p.get("ServerSideTokenCheck")))
            for p in doc.get("CognitoIdentityProviders") or ()
        ),
        login_providers=dict(doc.get("SupportedLoginProviders") or {}),
        developer_provider=doc.get("DeveloperProviderName", ""),
        openid_providers=tuple(doc.get("OpenIdConnectProviderARNs") or ()),
        saml_providers=tuple(doc.get("SamlProviderARNs") or ()),
        tags=dict(doc.get("IdentityPoolTags") or {}),
        raw=dict(doc),
    )


def identity_pool_request(pool: IdentityPool) -> dict[str, Any]:
    """UpdateIdentityPool's request for ``pool`` (it replaces the whole configuration)."""
    request: dict[str, Any] = {
        "IdentityPoolId": pool.id,
        "IdentityPoolName": pool.name,
        "AllowUnauthenticatedIdentities": pool.allow_unauthenticated,
        "AllowClassicFlow": pool.allow_classic_flow,
        "CognitoIdentityProviders": [
            {
                "ProviderName": p.provider_name,
                "ClientId": p.client_id,
                "ServerSideTokenCheck": p.server_side_token_check,
            }
            for p in pool.cognito_providers
        ],
        "SupportedLoginProviders": dict(pool.login_providers),
        "OpenIdConnectProviderARNs": list(pool.openid_providers),
        "SamlProviderARNs": list(pool.saml_providers),
    }
    if pool.developer_provider:
        request["DeveloperProviderName"] = pool.developer_provider
    return request


def roles_from(pool_id: str, doc: Mapping[str, Any]) -> IdentityPoolRoles:
    roles = doc.get("Roles") or {}
    mappings = []
    for provider, m in (doc.get("RoleMappings") or {}).items():
        rules = (m.get("RulesConfiguration") or {}).get("Rules") or ()
        mappings.append(
            RoleMapping(
                provider=provider,
                type=m.get("Type", "Token"),
                ambiguous=m.get("AmbiguousRoleResolution", "AuthenticatedRole"),
                rules=tuple(
                    MappingRule(
                        r.get("Claim", ""), r.get("MatchType", "Equals"), r.get("Value", ""), r.get("RoleARN", "")
                    )
                    for r in rules
                ),
            )
        )
    return IdentityPoolRoles(
        pool_id=pool_id,
        authenticated=roles.get("authenticated", ""),
        unauthenticated=roles.get("unauthenticated", ""),
        mappings=tuple(mappings),
    )


def roles_request(roles: IdentityPoolRoles) -> dict[str, Any]:
    """SetIdentityPoolRoles' request: it replaces the default roles and every role mapping."""
    mapped: dict[str, Any] = {}
    for m in roles.mappings:
        entry: dict[str, Any] = {"Type": m.type, "AmbiguousRoleResolution": m.ambiguous}
        if m.type == "Rules":
            entry["RulesConfiguration"] = {
                "Rules": [
                    {"Claim": r.claim, "MatchType": r.match_type, "Value": r.value, "RoleARN": r.role_arn}
                    for r in m.rules
                ]
            }
        mapped[m.provider] = entry
    request: dict[str, Any] = {
        "IdentityPoolId": roles.pool_id,
        "Roles": {
            k: v for k, v in (("authenticated", roles.authenticated), ("unauthenticated", roles.unauthenticated)) if v
        },
    }
    if mapped:
        request["RoleMappings"] = mapped
    return request


def role_name(arn: str) -> str:
    """The role name of a role ARN (arn:aws:iam::123456789012:role/path/Name)."""
    if ":role/" not in arn:
        raise errors.InvalidInput("InvalidParameterException", f"{arn!r} is not an IAM role ARN.")
    return arn.rsplit("/", 1)[-1]


def policy_document(value: Any) -> dict[str, Any]:
    """A policy document as a dict: botocore decodes IAM's URL-encoded JSON; a server that does not gets it here."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value:
        from urllib.parse import unquote

        try:
            doc = json.loads(value if value.lstrip().startswith("{") else unquote(value))
        except ValueError:
            return {}
        return doc if isinstance(doc, dict) else {}
    return {}


MAX_LISTED_EVENTS = 5000
# The user activity log writes the risk decision in its own words.
_LOG_DECISIONS = {"PASS": "NoRisk", "ACCOUNT_TAKEOVER": "AccountTakeover", "BLOCK": "Block"}


def event_from_log(text: str) -> PoolAuthEvent | None:
    """An auth event from one record of a pool's user activity log (the format the Developer Guide documents)."""
    try:
        entry = json.loads(text)
    except ValueError:
        return None
    message = entry.get("message") if isinstance(entry, dict) else None
    if not isinstance(message, dict) or not message.get("eventType"):
        return None
    try:
        created = datetime.fromtimestamp(int(entry.get("eventTimestamp", 0)) / 1000, UTC)
    except (TypeError, ValueError, OverflowError):
        created = None
    return PoolAuthEvent(
        event_id=str(message.get("eventId", "")),
        event_type=str(message.get("eventType", "")),
        created=created,
        username=str(message.get("userName", "")),
        response=str(message.get("eventResponse", "")),
        risk_level=str(message.get("riskLevel", "")),
        risk_decision=_LOG_DECISIONS.get(str(message.get("riskDecision", "")), str(message.get("riskDecision", ""))),
        compromised=str(message.get("compromisedCredentialDetected", "")).lower() == "true",
        ip=str(message.get("ipAddress", "")),
        device=str(message.get("deviceName", "")),
        client_id=str(message.get("clientId", "")),
        feedback=str(message.get("eventFeedbackValue", "")),
        raw=message,
    )


def event_from_api(username: str, event: Mapping[str, Any]) -> PoolAuthEvent:
    """An auth event from AdminListUserAuthEvents' AuthEventType."""
    risk = event.get("EventRisk") or {}
    context = event.get("EventContextData") or {}
    return PoolAuthEvent(
        event_id=event.get("EventId", ""),
        event_type=event.get("EventType", ""),
        created=_dt(event.get("CreationDate")),
        username=username,
        response=event.get("EventResponse", ""),
        risk_level=risk.get("RiskLevel", ""),
        risk_decision=risk.get("RiskDecision", ""),
        compromised=bool(risk.get("CompromisedCredentialsDetected")),
        ip=context.get("IpAddress", ""),
        device=context.get("DeviceName", ""),
        feedback=(event.get("EventFeedback") or {}).get("FeedbackValue", ""),
        raw=dict(event),
    )


def _input_members(client: Any, operation: str) -> set[str]:
    return set(client.meta.service_model.operation_model(operation).input_shape.members)


class BotoCognito:
    """The CognitoService for one connection: real AWS or the local Cognito, the same code."""

    def __init__(self, connection: Connection, secret_access_key: str | None = None) -> None:
        self.connection = connection
        self._secret = secret_access_key
        self._clients: dict[str, Any] = {}
        self._lock = asyncio.Lock()

    async def client(self, service: str = "cognito-idp") -> Any:
        async with self._lock:
            if service not in self._clients:
                try:
                    self._clients[service] = await run_blocking(make_client, self.connection, self._secret, service)
                except errors.ServiceError:
                    raise
                except Exception as exc:
                    raise errors.from_exception(exc, "CreateClient") from exc
            return self._clients[service]

    def use_client(self, client: Any, service: str = "cognito-idp") -> None:
        """Adopt an existing client (tests pass a client wrapped in botocore's Stubber)."""
        self._clients[service] = client

    async def call(self, operation: str, **params: Any) -> dict[str, Any]:
        """Call one cognito-idp operation by its boto3 method name, off the event loop."""
        return await self.call_service("cognito-idp", operation, **params)

    async def call_service(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call one operation of ``service`` by its boto3 method name, off the event loop."""
        client = await self.client(service)
        method = getattr(client, operation, None)
        if method is None:  # an operation newer than the installed botocore's models
            raise errors.Unsupported("UnknownClientMethodError", f"botocore has no operation {operation}", operation)
        try:
            response: dict[str, Any] = await run_blocking(method, **params)
        except Exception as exc:
            raise errors.from_exception(exc, operation) from exc
        return response

    # --- user pools -------------------------------------------------------------------------------
    async def list_pools(self) -> list[PoolSummary]:
        pools: list[PoolSummary] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"MaxResults": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("list_user_pools", **kw)
            pools += [
                PoolSummary(p["Id"], p.get("Name", ""), _dt(p.get("CreationDate")), _dt(p.get("LastModifiedDate")))
                for p in resp.get("UserPools", [])
            ]
            token = resp.get("NextToken")
            if not token:
                return pools

    async def describe_pool(self, pool_id: str) -> Pool:
        resp = await self.call("describe_user_pool", UserPoolId=pool_id)
        pool = pool_from(resp["UserPool"])
        if pool.mfa == "OFF":
            return pool
        try:
            cfg = await self.call("get_user_pool_mfa_config", UserPoolId=pool_id)
        except errors.ConnectionLost:
            raise
        except errors.ServiceError as exc:  # the pool is still shown; its MFA methods say why they are missing
            return dataclasses.replace(pool, unavailable={"mfa_methods": exc})
        methods = [
            label
            for key, label in (
                ("SoftwareTokenMfaConfiguration", "TOTP"),
                ("SmsMfaConfiguration", "SMS"),
                ("EmailMfaConfiguration", "EMAIL"),
            )
            if key in cfg and (key != "SoftwareTokenMfaConfiguration" or cfg[key].get("Enabled"))
        ]
        if "SmsMfaConfiguration" in cfg and not (cfg["SmsMfaConfiguration"].get("SmsConfiguration") or {}).get(
            "SnsCallerArn"
        ):
            methods.remove("SMS")
        return dataclasses.replace(pool, mfa_methods=tuple(methods))

    async def create_pool(self, request: Mapping[str, Any]) -> Pool:
        resp = await self.call("create_user_pool", **request)
        return pool_from(resp["UserPool"])

    async def update_pool(self, pool_id: str, changes: Mapping[str, Any]) -> Pool:
        """UpdateUserPool resets every setting it is not given, so send the current ones plus changes."""
        current = pool_from((await self.call("describe_user_pool", UserPoolId=pool_id))["UserPool"])
        client = await self.client()
        allowed = _input_members(client, "UpdateUserPool")
        request = {k: v for k, v in current.raw.items() if k in allowed}
        if "UserPoolTags" in current.raw:
            request["UserPoolTags"] = current.raw["UserPoolTags"]
        request.update(changes)
        request["UserPoolId"] = pool_id
        # AWS refuses some read-only echoes inside the shapes it returns.
        if isinstance(request.get("Policies"), dict):
            request["Policies"] = {
                k: v for k, v in request["Policies"].items() if k in ("PasswordPolicy", "SignInPolicy")
            }
        await self.call("update_user_pool", **request)
        return await self.describe_pool(pool_id)

    async def delete_pool(self, pool_id: str) -> None:
        await self.call("delete_user_pool", UserPoolId=pool_id)

    async def set_mfa_config(self, pool_id: str, mfa: str, totp: bool) -> Pool:
        """SetUserPoolMfaConfig: the one way to turn on TOTP-only MFA (CreateUserPool needs SMS for MFA)."""
        await self.call(
            "set_user_pool_mfa_config",
            UserPoolId=pool_id,
            MfaConfiguration=mfa,
            SoftwareTokenMfaConfiguration={"Enabled": totp},
        )
        return await self.describe_pool(pool_id)

    # --- users ------------------------------------------------------------------------------------
    async def list_users(
        self, pool_id: str, flt: UserFilter | None = None, token: str | None = None, limit: int = 60
    ) -> Page[User]:
        kw: dict[str, Any] = {"UserPoolId": pool_id, "Limit": max(1, min(60, limit))}
        expression = flt.expression() if flt else None
        if expression:
            kw["Filter"] = expression
        if token:
            kw["PaginationToken"] = token
        resp = await self.call("list_users", **kw)
        return Page(tuple(user_from(u) for u in resp.get("Users", [])), resp.get("PaginationToken"))

    async def get_user(self, pool_id: str, username: str) -> User:
        resp = await self.call("admin_get_user", UserPoolId=pool_id, Username=username)
        return user_from(resp)

    async def user_groups(self, pool_id: str, username: str) -> tuple[str, ...]:
        groups: list[str] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"UserPoolId": pool_id, "Username": username, "Limit": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("admin_list_groups_for_user", **kw)
            groups += [g["GroupName"] for g in resp.get("Groups", [])]
            token = resp.get("NextToken")
            if not token:
                return tuple(groups)

    async def user_devices(self, pool_id: str, username: str) -> tuple[Device, ...]:
        resp = await self.call("admin_list_devices", UserPoolId=pool_id, Username=username, Limit=60)
        devices: list[Device] = []
        for d in resp.get("Devices", []):
            attrs = _attrs(d.get("DeviceAttributes"))
            devices.append(
                Device(
                    d.get("DeviceKey", ""),
                    attrs.get("device_name", ""),
                    _dt(d.get("DeviceCreateDate")),
                    _dt(d.get("DeviceLastAuthenticatedDate")),
                )
            )
        return tuple(devices)

    async def user_auth_events(self, pool_id: str, username: str) -> tuple[AuthEvent, ...]:
        resp = await self.call("admin_list_user_auth_events", UserPoolId=pool_id, Username=username, MaxResults=20)
        events: list[AuthEvent] = []
        for e in resp.get("AuthEvents", []):
            ctx = e.get("EventContextData") or {}
            risk = e.get("EventRisk") or {}
            events.append(
                AuthEvent(
                    e.get("EventId", ""),
                    e.get("EventType", ""),
                    _dt(e.get("CreationDate")),
                    e.get("EventResponse", ""),
                    risk.get("RiskLevel", ""),
                    ctx.get("IpAddress", ""),
                )
            )
        return tuple(events)

    async def user_details(self, pool_id: str, username: str) -> UserDetails:
        """The user (whose failure is the call's) and each section that could be read; a section whose call
        failed is in ``unavailable`` with the reason, so a policy or a backend without one operation still
        shows the rest. A lost connection fails the whole call. (The users view loads the sections itself,
        at once, each shown as it answers.)"""
        user = await self.get_user(pool_id, username)
        sections = {
            "groups": self.user_groups,
            "devices": self.user_devices,
            "auth_events": self.user_auth_events,
        }
        found: dict[str, Any] = {}
        unavailable: dict[str, errors.ServiceError] = {}
        for key, read in sections.items():
            try:
                found[key] = await read(pool_id, username)
            except errors.ConnectionLost:
                raise
            except errors.ServiceError as exc:
                unavailable[key] = exc
        return UserDetails(user, unavailable=unavailable, **found)

    async def create_user(
        self,
        pool_id: str,
        username: str,
        attributes: Mapping[str, str],
        temporary_password: str | None = None,
        suppress_message: bool = True,
    ) -> User:
        kw: dict[str, Any] = {
            "UserPoolId": pool_id,
            "Username": username,
            "UserAttributes": [{"Name": k, "Value": v} for k, v in attributes.items()],
        }
        if temporary_password:
            kw["TemporaryPassword"] = temporary_password
        if suppress_message:
            kw["MessageAction"] = "SUPPRESS"
        resp = await self.call("admin_create_user", **kw)
        return user_from(resp["User"])

    async def update_user_attributes(
        self, pool_id: str, username: str, attributes: Mapping[str, str], delete: Sequence[str] = ()
    ) -> None:
        if attributes:
            await self.call(
                "admin_update_user_attributes",
                UserPoolId=pool_id,
                Username=username,
                UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
            )
        if delete:
            await self.call(
                "admin_delete_user_attributes",
                UserPoolId=pool_id,
                Username=username,
                UserAttributeNames=list(delete),
            )

    async def set_user_enabled(self, pool_id: str, username: str, enabled: bool) -> None:
        op = "admin_enable_user" if enabled else "admin_disable_user"
        await self.call(op, UserPoolId=pool_id, Username=username)

    async def reset_password(self, pool_id: str, username: str) -> None:
        await self.call("admin_reset_user_password", UserPoolId=pool_id, Username=username)

    async def set_password(self, pool_id: str, username: str, password: str, permanent: bool) -> None:
        await self.call(
            "admin_set_user_password", UserPoolId=pool_id, Username=username, Password=password, Permanent=permanent
        )

    async def confirm_user(self, pool_id: str, username: str) -> None:
        await self.call("admin_confirm_sign_up", UserPoolId=pool_id, Username=username)

    async def global_sign_out(self, pool_id: str, username: str) -> None:
        await self.call("admin_user_global_sign_out", UserPoolId=pool_id, Username=username)

    async def delete_user(self, pool_id: str, username: str) -> None:
        await self.call("admin_delete_user", UserPoolId=pool_id, Username=username)

    async def add_to_group(self, pool_id: str, username: str, group: str) -> None:
        await self.call("admin_add_user_to_group", UserPoolId=pool_id, Username=username, GroupName=group)

    async def remove_from_group(self, pool_id: str, username: str, group: str) -> None:
        await self.call("admin_remove_user_from_group", UserPoolId=pool_id, Username=username, GroupName=group)

    # --- groups -----------------------------------------------------------------------------------
    async def list_groups(self, pool_id: str) -> list[Group]:
        out: list[Group] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"UserPoolId": pool_id, "Limit": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("list_groups", **kw)
            out += [group_from(g) for g in resp.get("Groups", [])]
            token = resp.get("NextToken")
            if not token:
                return out

    def _group_request(self, group: Group) -> dict[str, Any]:
        kw: dict[str, Any] = {"UserPoolId": group.pool_id, "GroupName": group.name}
        if group.description:
            kw["Description"] = group.description
        if group.precedence is not None:
            kw["Precedence"] = group.precedence
        if group.role_arn:
            kw["RoleArn"] = group.role_arn
        return kw

    async def create_group(self, group: Group) -> Group:
        resp = await self.call("create_group", **self._group_request(group))
        return group_from(resp["Group"])

    async def update_group(self, group: Group) -> Group:
        kw = self._group_request(group)
        kw.setdefault("Description", "")
        resp = await self.call("update_group", **kw)
        return group_from(resp["Group"])

    async def delete_group(self, pool_id: str, name: str) -> None:
        await self.call("delete_group", UserPoolId=pool_id, GroupName=name)

    async def group_members(self, pool_id: str, name: str) -> list[User]:
        out: list[User] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"UserPoolId": pool_id, "GroupName": name, "Limit": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("list_users_in_group", **kw)
            out += [user_from(u) for u in resp.get("Users", [])]
            token = resp.get("NextToken")
            if not token:
                return out

    # --- app clients ------------------------------------------------------------------------------
    async def list_app_clients(self, pool_id: str) -> list[AppClientSummary]:
        out: list[AppClientSummary] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"UserPoolId": pool_id, "MaxResults": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("list_user_pool_clients", **kw)
            out += [
                AppClientSummary(c["ClientId"], c.get("ClientName", ""), c.get("UserPoolId", pool_id))
                for c in resp.get("UserPoolClients", [])
            ]
            token = resp.get("NextToken")
            if not token:
                return out

    async def describe_app_client(self, pool_id: str, client_id: str) -> AppClient:
        resp = await self.call("describe_user_pool_client", UserPoolId=pool_id, ClientId=client_id)
        return client_from(resp["UserPoolClient"])

    async def create_app_client(self, pool_id: str, request: Mapping[str, Any]) -> AppClient:
        resp = await self.call("create_user_pool_client", **{**request, "UserPoolId": pool_id})
        return client_from(resp["UserPoolClient"])

    async def update_app_client(self, pool_id: str, client_id: str, request: Mapping[str, Any]) -> AppClient:
        """UpdateUserPoolClient also resets what it is not given: merge over the current settings."""
        current = await self.describe_app_client(pool_id, client_id)
        client = await self.client()
        allowed = _input_members(client, "UpdateUserPoolClient")
        merged = {k: v for k, v in current.raw.items() if k in allowed}
        merged.update({k: v for k, v in request.items() if k in allowed})
        merged.update(UserPoolId=pool_id, ClientId=client_id)
        resp = await self.call("update_user_pool_client", **merged)
        return client_from(resp["UserPoolClient"])

    async def delete_app_client(self, pool_id: str, client_id: str) -> None:
        await self.call("delete_user_pool_client", UserPoolId=pool_id, ClientId=client_id)

    # --- identity providers -----------------------------------------------------------------------
    async def list_identity_providers(self, pool_id: str) -> list[IdentityProvider]:
        out: list[IdentityProvider] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"UserPoolId": pool_id, "MaxResults": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call("list_identity_providers", **kw)
            out += [
                IdentityProvider(
                    p["ProviderName"],
                    p.get("ProviderType", ""),
                    pool_id,
                    created=_dt(p.get("CreationDate")),
                    modified=_dt(p.get("LastModifiedDate")),
                )
                for p in resp.get("Providers", [])
            ]
            token = resp.get("NextToken")
            if not token:
                return out

    async def describe_identity_provider(self, pool_id: str, name: str) -> IdentityProvider:
        resp = await self.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
        return idp_from(resp["IdentityProvider"])

    async def create_identity_provider(self, idp: IdentityProvider) -> IdentityProvider:
        kw: dict[str, Any] = {
            "UserPoolId": idp.pool_id,
            "ProviderName": idp.name,
            "ProviderType": idp.type,
            "ProviderDetails": dict(idp.details),
        }
        if idp.attribute_mapping:
            kw["AttributeMapping"] = dict(idp.attribute_mapping)
        if idp.identifiers:
            kw["IdpIdentifiers"] = list(idp.identifiers)
        resp = await self.call("create_identity_provider", **kw)
        return idp_from(resp["IdentityProvider"])

    async def update_identity_provider(self, idp: IdentityProvider) -> IdentityProvider:
        resp = await self.call(
            "update_identity_provider",
            UserPoolId=idp.pool_id,
            ProviderName=idp.name,
            ProviderDetails=dict(idp.details),
            AttributeMapping=dict(idp.attribute_mapping),
            IdpIdentifiers=list(idp.identifiers),
        )
        return idp_from(resp["IdentityProvider"])

    async def delete_identity_provider(self, pool_id: str, name: str) -> None:
        await self.call("delete_identity_provider", UserPoolId=pool_id, ProviderName=name)

    # --- domains ----------------------------------------------------------------------------------
    async def describe_domain(self, domain: str) -> Domain | None:
        resp = await self.call("describe_user_pool_domain", Domain=domain)
        d = resp.get("DomainDescription") or {}
        if not d.get("UserPoolId"):
            return None
        return Domain(
            d.get("Domain", domain),
            d["UserPoolId"],
            d.get("Status", ""),
            d.get("CloudFrontDistribution", ""),
            bool(d.get("CustomDomainConfig")),
        )

    async def create_domain(self, pool_id: str, domain: str) -> Domain:
        await self.call("create_user_pool_domain", UserPoolId=pool_id, Domain=domain)
        return Domain(domain, pool_id, "ACTIVE")

    async def delete_domain(self, pool_id: str, domain: str) -> None:
        await self.call("delete_user_pool_domain", UserPoolId=pool_id, Domain=domain)

    # --- domains, schema, triggers, messages, user MFA and devices --------------------------------------
    async def pool_domains(self, pool_id: str) -> list[Domain]:
        """The pool's prefix domain and custom domain (either may be missing), as DescribeUserPoolDomain tells."""
        raw = (await self.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        found: list[Domain] = []
        for name in (raw.get("Domain"), raw.get("CustomDomain")):
            if not name:
                continue
            resp = await self.call("describe_user_pool_domain", Domain=name)
            d = resp.get("DomainDescription") or {}
            found.append(
                Domain(
                    d.get("Domain", name),
                    d.get("UserPoolId", pool_id),
                    d.get("Status", ""),
                    d.get("CloudFrontDistribution", ""),
                    bool(d.get("CustomDomainConfig")),
                    managed_login_version=int(d.get("ManagedLoginVersion") or 1),
                    certificate_arn=(d.get("CustomDomainConfig") or {}).get("CertificateArn", ""),
                )
            )
        return found

    async def create_pool_domain(
        self, pool_id: str, domain: str, certificate_arn: str = "", managed_login_version: int = 1
    ) -> Domain:
        """CreateUserPoolDomain: a prefix domain, or a custom one when a certificate ARN is given."""
        req: dict[str, Any] = {"UserPoolId": pool_id, "Domain": domain, "ManagedLoginVersion": managed_login_version}
        if certificate_arn:
            req["CustomDomainConfig"] = {"CertificateArn": certificate_arn}
        resp = await self.call("create_user_pool_domain", **req)
        return Domain(
            domain,
            pool_id,
            "CREATING" if certificate_arn else "ACTIVE",
            resp.get("CloudFrontDomain", ""),
            bool(certificate_arn),
            managed_login_version=int(resp.get("ManagedLoginVersion") or managed_login_version),
            certificate_arn=certificate_arn,
        )

    async def update_pool_domain(
        self, pool_id: str, domain: str, managed_login_version: int, certificate_arn: str = ""
    ) -> None:
        """UpdateUserPoolDomain: classic hosted UI (1) or managed login (2); a custom domain's certificate."""
        req: dict[str, Any] = {"UserPoolId": pool_id, "Domain": domain, "ManagedLoginVersion": managed_login_version}
        if certificate_arn:
            req["CustomDomainConfig"] = {"CertificateArn": certificate_arn}
        await self.call("update_user_pool_domain", **req)

    async def add_custom_attributes(self, pool_id: str, attributes: Sequence[Mapping[str, Any]]) -> Pool:
        await self.call("add_custom_attributes", UserPoolId=pool_id, CustomAttributes=list(attributes))
        return await self.describe_pool(pool_id)

    async def set_user_mfa_preference(
        self, pool_id: str, username: str, settings: Mapping[str, Mapping[str, bool]]
    ) -> None:
        """AdminSetUserMFAPreference: ``settings`` by method (SMS, EMAIL, TOTP): Enabled and PreferredMfa."""
        keys = {"SMS": "SMSMfaSettings", "EMAIL": "EmailMfaSettings", "TOTP": "SoftwareTokenMfaSettings"}
        req: dict[str, Any] = {"UserPoolId": pool_id, "Username": username}
        for method, value in settings.items():
            req[keys[method]] = {"Enabled": bool(value.get("Enabled")), "PreferredMfa": bool(value.get("PreferredMfa"))}
        await self.call("admin_set_user_mfa_preference", **req)

    async def user_mfa(self, pool_id: str, username: str) -> tuple[tuple[str, ...], str]:
        """The MFA methods a user has turned on and the preferred one (AdminGetUser's UserMFASettingList)."""
        resp = await self.call("admin_get_user", UserPoolId=pool_id, Username=username)
        names = {"SMS_MFA": "SMS", "EMAIL_OTP": "EMAIL", "SOFTWARE_TOKEN_MFA": "TOTP"}
        enabled = tuple(names.get(m, m) for m in resp.get("UserMFASettingList") or [])
        return enabled, names.get(resp.get("PreferredMfaSetting", ""), resp.get("PreferredMfaSetting", ""))

    async def delete_software_token(self, pool_id: str, username: str) -> None:
        """AdminDeleteSoftwareToken: the user's authenticator app is forgotten; they set up TOTP again."""
        await self.call("admin_delete_software_token", UserPoolId=pool_id, Username=username)

    async def forget_device(self, pool_id: str, username: str, device_key: str) -> None:
        await self.call("admin_forget_device", UserPoolId=pool_id, Username=username, DeviceKey=device_key)

    async def resend_invitation(self, pool_id: str, username: str, channels: Sequence[str] = ("EMAIL",)) -> None:
        """AdminCreateUser with MessageAction RESEND: a new temporary password, sent again."""
        await self.call(
            "admin_create_user",
            UserPoolId=pool_id,
            Username=username,
            MessageAction="RESEND",
            DesiredDeliveryMediums=list(channels),
        )

    async def outbox(self, pool_id: str) -> list[dict[str, Any]]:
        """The local Cognito's outbox for a pool: the emails and SMS it would have sent (local connections)."""
        if not self.connection.endpoint_url:
            raise errors.Unsupported("LocalOnly", "Only the local Cognito keeps an outbox.", "Outbox")
        from urllib.parse import quote

        url = f"{self.connection.endpoint_url.rstrip('/')}/_emulator/outbox?user_pool_id={quote(pool_id)}"
        try:
            messages = await run_blocking(_get_json, url, 10)
        except OSError as exc:
            raise errors.ConnectionLost("EndpointConnectionError", f"{url}: {exc}", "Outbox") from exc
        return [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []

    # --- user import jobs ---------------------------------------------------------------------------------
    async def csv_header(self, pool_id: str) -> list[str]:
        return list((await self.call("get_csv_header", UserPoolId=pool_id)).get("CSVHeader") or [])

    async def create_import_job(self, pool_id: str, name: str, role_arn: str) -> dict[str, Any]:
        resp = await self.call(
            "create_user_import_job", UserPoolId=pool_id, JobName=name, CloudWatchLogsRoleArn=role_arn
        )
        return dict(resp["UserImportJob"])

    async def upload_import_csv(self, url: str, body: bytes) -> None:
        """PUT the CSV to the job's pre-signed URL (S3 on AWS, the local Cognito's own route locally)."""
        from .user_import import put_csv

        await run_blocking(put_csv, url, body)

    async def start_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]:
        return dict((await self.call("start_user_import_job", UserPoolId=pool_id, JobId=job_id))["UserImportJob"])

    async def stop_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]:
        return dict((await self.call("stop_user_import_job", UserPoolId=pool_id, JobId=job_id))["UserImportJob"])

    async def describe_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]:
        resp = await self.call("describe_user_import_job", UserPoolId=pool_id, JobId=job_id)
        return dict(resp["UserImportJob"])

    async def import_job_log(self, pool_id: str, pool_name: str, job: Mapping[str, Any]) -> list[str]:
        """The job's per-line results from CloudWatch Logs: group /aws/cognito/userpools/<pool id>/<pool name>,
        stream <job id>/<job name>."""
        name = re.sub(r"[^.\-_/#A-Za-z0-9]", "-", pool_name)  # what a log group name cannot hold
        group = f"/aws/cognito/userpools/{pool_id}/{name}"[:512]
        stream = f"{job['JobId']}/{job['JobName']}"
        messages: list[str] = []
        token: str | None = None
        while True:
            resp = await self.call_service(
                "logs",
                "filter_log_events",
                logGroupName=group,
                logStreamNames=[stream],
                **({"nextToken": token} if token else {}),
            )
            messages += [str(e.get("message", "")) for e in resp.get("events", [])]
            token = resp.get("nextToken")
            if not token:
                return messages

    # --- identity pools (cognito-identity) and their roles (iam) ----------------------------------------
    async def list_identity_pools(self) -> list[IdentityPoolSummary]:
        pools: list[IdentityPoolSummary] = []
        token: str | None = None
        while True:
            kw: dict[str, Any] = {"MaxResults": 60}
            if token:
                kw["NextToken"] = token
            resp = await self.call_service("cognito-identity", "list_identity_pools", **kw)
            pools += [
                IdentityPoolSummary(p["IdentityPoolId"], p.get("IdentityPoolName", ""))
                for p in resp.get("IdentityPools", [])
            ]
            token = resp.get("NextToken")
            if not token:
                return pools

    async def describe_identity_pool(self, pool_id: str) -> IdentityPool:
        resp = await self.call_service("cognito-identity", "describe_identity_pool", IdentityPoolId=pool_id)
        return identity_pool_from(resp)

    async def create_identity_pool(self, pool: IdentityPool) -> IdentityPool:
        request = identity_pool_request(pool)
        request.pop("IdentityPoolId")
        if pool.tags:
            request["IdentityPoolTags"] = dict(pool.tags)
        resp = await self.call_service("cognito-identity", "create_identity_pool", **request)
        return identity_pool_from(resp)

    async def update_identity_pool(self, pool: IdentityPool) -> IdentityPool:
        resp = await self.call_service("cognito-identity", "update_identity_pool", **identity_pool_request(pool))
        return identity_pool_from(resp)

    async def delete_identity_pool(self, pool_id: str) -> None:
        await self.call_service("cognito-identity", "delete_identity_pool", IdentityPoolId=pool_id)

    async def identity_pool_roles(self, pool_id: str) -> IdentityPoolRoles:
        resp = await self.call_service("cognito-identity", "get_identity_pool_roles", IdentityPoolId=pool_id)
        return roles_from(pool_id, resp)

    async def set_identity_pool_roles(self, roles: IdentityPoolRoles) -> None:
        await self.call_service("cognito-identity", "set_identity_pool_roles", **roles_request(roles))

    async def get_role(self, arn: str) -> IamRole:
        name = role_name(arn)
        role = (await self.call_service("iam", "get_role", RoleName=name))["Role"]
        inline: dict[str, Mapping[str, Any]] = {}
        for policy_name in await self._pages("iam", "list_role_policies", "PolicyNames", RoleName=name):
            doc = await self.call_service("iam", "get_role_policy", RoleName=name, PolicyName=policy_name)
            inline[policy_name] = policy_document(doc.get("PolicyDocument"))
        attached = await self._pages("iam", "list_attached_role_policies", "AttachedPolicies", RoleName=name)
        return IamRole(
            name=role["RoleName"],
            arn=role["Arn"],
            trust_policy=policy_document(role.get("AssumeRolePolicyDocument")),
            inline_policies=inline,
            attached_policies=tuple((a.get("PolicyName", ""), a.get("PolicyArn", "")) for a in attached),
            description=role.get("Description", ""),
            max_session_duration=int(role.get("MaxSessionDuration") or 3600),
        )

    async def update_trust_policy(self, role_name: str, document: Mapping[str, Any]) -> None:
        await self.call_service(
            "iam", "update_assume_role_policy", RoleName=role_name, PolicyDocument=json.dumps(document)
        )

    async def put_role_policy(self, role_name: str, policy_name: str, document: Mapping[str, Any]) -> None:
        await self.call_service(
            "iam", "put_role_policy", RoleName=role_name, PolicyName=policy_name, PolicyDocument=json.dumps(document)
        )

    async def user_token_claims(self, pool_id: str, username: str) -> dict[str, Any]:
        """The claims a user's ID token would carry for an identity pool to read: attributes, groups, and the
        groups' roles (cognito:roles, and cognito:preferred_role from the group of lowest precedence)."""
        user = await self.get_user(pool_id, username)
        groups = await self._pages_token(
            "cognito-idp", "admin_list_groups_for_user", "Groups", UserPoolId=pool_id, Username=username
        )
        claims: dict[str, Any] = {**user.attributes, "cognito:username": user.username}
        claims["iss"] = f"https://cognito-idp.{self._pool_region(pool_id)}.amazonaws.com/{pool_id}"
        if groups:
            claims["cognito:groups"] = [g["GroupName"] for g in groups]
        with_roles = [g for g in groups if g.get("RoleArn")]
        if with_roles:
            claims["cognito:roles"] = [g["RoleArn"] for g in with_roles]
            ranked = sorted((g for g in with_roles if g.get("Precedence") is not None), key=lambda g: g["Precedence"])
            # The lowest precedence wins; a tie between the best leaves no preferred role.
            if ranked and (len(ranked) == 1 or ranked[0]["Precedence"] != ranked[1]["Precedence"]):
                claims["cognito:preferred_role"] = ranked[0]["RoleArn"]
        return claims

    async def simulate_role_policy(
        self, role_arn: str, action: str, resource: str, context: Mapping[str, Sequence[str]]
    ) -> PolicySimulation:
        resp = await self.call_service(
            "iam",
            "simulate_principal_policy",
            PolicySourceArn=role_arn,
            ActionNames=[action],
            ResourceArns=[resource or "*"],
            ContextEntries=[
                {"ContextKeyName": key, "ContextKeyValues": list(values), "ContextKeyType": "stringList"}
                for key, values in context.items()
            ],
        )
        result = (resp.get("EvaluationResults") or [{}])[0]
        statements = tuple(
            f"{m.get('SourcePolicyId', '')} (line {m.get('StartPosition', {}).get('Line', '?')})"
            for m in result.get("MatchedStatements") or []
        )
        return PolicySimulation(
            action=action,
            resource=resource or "*",
            decision=str(result.get("EvalDecision", "implicitDeny")),
            statements=statements,
            missing_context=tuple(result.get("MissingContextValues") or ()),
        )

    async def _pages(self, service: str, operation: str, key: str, **params: Any) -> list[Any]:
        """Every item of a list operation paged with Marker / IsTruncated (IAM)."""
        items: list[Any] = []
        marker: str | None = None
        while True:
            resp = await self.call_service(service, operation, **params, **({"Marker": marker} if marker else {}))
            items += resp.get(key, [])
            marker = resp.get("Marker") if resp.get("IsTruncated") else None
            if not marker:
                return items

    # --- sign-in activity: the pool's AWS/Cognito metrics (cloudwatch), or its auth events -------------------
    async def sign_in_activity(
        self, pool_id: str, start: float, end: float, period: int, client_id: str | None = None
    ) -> Activity:
        """The pool's activity from its AWS/Cognito metrics, summed over app clients (or one client's); where
        CloudWatch refuses these credentials, from the auth event history of the pool's first users."""
        try:
            # The metrics under either dimension name, listed at the same time.
            by_pool, by_pool_id = await asyncio.gather(*(
                self._pages_token(
                    "cloudwatch", "list_metrics", "Metrics", Namespace=ACTIVITY_NAMESPACE,
                    Dimensions=[{"Name": dimension, "Value": pool_id}],
                )
                for dimension in ("UserPool", "UserPoolId")
            ))  # fmt: skip
            listed = by_pool + by_pool_id
        except errors.ServiceError as exc:
            if exc.code not in ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation"):
                raise
            return await self._activity_from_auth_events(pool_id, start, end, period, client_id)
        by_metric = {kind.metric for kind in ACTIVITY_KINDS}
        clients = sorted({d["Value"] for m in listed for d in m.get("Dimensions", []) if d["Name"] == "UserPoolClient"})
        queries: list[tuple[str, str, dict[str, Any]]] = []  # (metric, statistic, Metric)
        for metric in listed:
            name = metric["MetricName"]
            if name not in by_metric:
                continue
            dims = {d["Name"]: d["Value"] for d in metric.get("Dimensions", [])}
            if client_id and "UserPoolClient" in dims and dims["UserPoolClient"] != client_id:
                continue
            for statistic in ("Sum", "SampleCount") if name == "SignInSuccesses" else ("Sum",):
                queries.append((name, statistic, metric))
        sums: dict[tuple[str, str], dict[float, float]] = {}
        for first in range(0, len(queries), 500):
            chunk = queries[first : first + 500]
            request = [
                {"Id": f"q{n}", "MetricStat": {"Metric": metric, "Period": period, "Stat": statistic}}
                for n, (_, statistic, metric) in enumerate(chunk)
            ]
            token: str | None = None
            while True:
                resp = await self.call_service(
                    "cloudwatch", "get_metric_data", MetricDataQueries=request, ScanBy="TimestampAscending",
                    StartTime=datetime.fromtimestamp(start, UTC), EndTime=datetime.fromtimestamp(end, UTC),
                    **({"NextToken": token} if token else {}),
                )  # fmt: skip
                for result in resp.get("MetricDataResults", []):
                    name, statistic, _ = chunk[int(result["Id"][1:])]
                    into = sums.setdefault((name, statistic), {})
                    for when, value in zip(result.get("Timestamps", []), result.get("Values", []), strict=False):
                        stamp = when.timestamp() if isinstance(when, datetime) else float(when)
                        into[stamp] = into.get(stamp, 0.0) + float(value)
                token = resp.get("NextToken")
                if not token:
                    break
        series: dict[str, ActivitySeries] = {}
        for kind in ACTIVITY_KINDS:
            if kind.statistic == "failures":
                total, attempts = sums.get((kind.metric, "Sum"), {}), sums.get((kind.metric, "SampleCount"), {})
                points = {t: attempts[t] - total.get(t, 0.0) for t in attempts}
            else:
                points = sums.get((kind.metric, "Sum"), {})
            stamps = sorted(points)
            series[kind.key] = ActivitySeries(kind, tuple(stamps), tuple(points[t] for t in stamps))
        return Activity(pool_id, start, end, period, series, tuple(clients))

    async def _activity_from_auth_events(
        self, pool_id: str, start: float, end: float, period: int, client_id: str | None
    ) -> Activity:
        """Sign-ins, failures and sign-ups from AdminListUserAuthEvents of the pool's first users: the way left
        when CloudWatch is not allowed (it needs threat protection on the pool, and sees no app client)."""
        users = (await self.call("list_users", UserPoolId=pool_id, Limit=60)).get("Users", [])
        points: dict[str, dict[float, float]] = {"sign_ins": {}, "failures": {}, "sign_ups": {}, "risky": {}}
        for user in users:
            events = await self.call(
                "admin_list_user_auth_events", UserPoolId=pool_id, Username=user["Username"], MaxResults=60
            )
            for event in events.get("AuthEvents", []):
                created = event.get("CreationDate")
                when = created.timestamp() if isinstance(created, datetime) else float(created or 0)
                if not start <= when < end:
                    continue
                bucket = when - when % period
                kind = event.get("EventType")
                key = {"SignUp": "sign_ups"}.get(kind or "")
                if kind == "SignIn":
                    key = "sign_ins" if event.get("EventResponse") == "Pass" else "failures"
                if key:
                    points[key][bucket] = points[key].get(bucket, 0.0) + 1
                if (event.get("EventRisk") or {}).get("RiskDecision") not in (None, "NoRisk"):
                    points["risky"][bucket] = points["risky"].get(bucket, 0.0) + 1
        series = {}
        for kind in ACTIVITY_KINDS:
            found = points.get(kind.key, {})
            stamps = sorted(found)
            series[kind.key] = ActivitySeries(kind, tuple(stamps), tuple(found[t] for t in stamps))
        source = f"the auth event history of {len(users)} users (CloudWatch is not allowed for these credentials)"
        return Activity(pool_id, start, end, period, series, (), source)

    async def _pages_token(self, service: str, operation: str, key: str, **params: Any) -> list[Any]:
        """Every item of a list operation paged with NextToken."""
        items: list[Any] = []
        token: str | None = None
        while True:
            resp = await self.call_service(service, operation, **params, **({"NextToken": token} if token else {}))
            items += resp.get(key, [])
            token = resp.get("NextToken")
            if not token:
                return items

    # --- auth events across the pool (its user activity log), threat protection ------------------------
    async def pool_auth_events(self, pool_id: str, start: float, end: float) -> AuthEventPage:
        """The pool's auth events between ``start`` and ``end``, newest first: from the user activity log the
        pool delivers to CloudWatch Logs; without one, from AdminListUserAuthEvents of its first users."""
        group = await self._activity_log_group(pool_id)
        if group is not None:
            events: list[PoolAuthEvent] = []
            token: str | None = None
            while len(events) < MAX_LISTED_EVENTS:
                resp = await self.call_service(
                    "logs", "filter_log_events", logGroupName=group, startTime=int(start * 1000),
                    endTime=int(end * 1000), **({"nextToken": token} if token else {}),
                )  # fmt: skip
                events += [e for e in (event_from_log(x.get("message", "")) for x in resp.get("events", [])) if e]
                token = resp.get("nextToken")
                if not token:
                    break
            events.sort(key=lambda e: e.created or datetime.min.replace(tzinfo=UTC), reverse=True)
            return AuthEventPage(tuple(events[:MAX_LISTED_EVENTS]), f"the user activity log {group}")
        users = (await self.call("list_users", UserPoolId=pool_id, Limit=60)).get("Users", [])
        found: list[PoolAuthEvent] = []
        for user in users:
            resp = await self.call(
                "admin_list_user_auth_events", UserPoolId=pool_id, Username=user["Username"], MaxResults=60
            )
            for event in resp.get("AuthEvents", []):
                listed = event_from_api(user["Username"], event)
                stamp = listed.created.timestamp() if listed.created else 0.0
                if start <= stamp < end:
                    found.append(listed)
        found.sort(key=lambda e: e.created or datetime.min.replace(tzinfo=UTC), reverse=True)
        return AuthEventPage(
            tuple(found),
            f"AdminListUserAuthEvents of the first {len(users)} users",
            "Deliver user activity logs (userAuthEvents) to CloudWatch Logs to see every user's events as they happen.",
        )

    async def _activity_log_group(self, pool_id: str) -> str | None:
        try:
            resp = await self.call("get_log_delivery_configuration", UserPoolId=pool_id)
        except errors.ServiceError as exc:
            if exc.code in ("AccessDeniedException", "AccessDenied", "FeatureUnavailableInTierException"):
                return None
            raise
        for config in (resp.get("LogDeliveryConfiguration") or {}).get("LogConfigurations", []):
            arn = (config.get("CloudWatchLogsConfiguration") or {}).get("LogGroupArn", "")
            if config.get("EventSource") == "userAuthEvents" and ":log-group:" in arn:
                return str(arn.split(":log-group:", 1)[1].removesuffix(":*"))
        return None

    async def auth_event_feedback(self, pool_id: str, username: str, event_id: str, valid: bool) -> None:
        await self.call(
            "admin_update_auth_event_feedback", UserPoolId=pool_id, Username=username, EventId=event_id,
            FeedbackValue="Valid" if valid else "Invalid",
        )  # fmt: skip

    async def risk_configuration(self, pool_id: str, client_id: str | None = None) -> dict[str, Any]:
        kw = {"ClientId": client_id} if client_id else {}
        resp = await self.call("describe_risk_configuration", UserPoolId=pool_id, **kw)
        return dict(resp.get("RiskConfiguration") or {})

    async def set_risk_configuration(self, pool_id: str, client_id: str | None, config: Mapping[str, Any]) -> None:
        kw = {"ClientId": client_id} if client_id else {}
        await self.call("set_risk_configuration", UserPoolId=pool_id, **kw, **config)

    async def set_threat_protection_mode(self, pool_id: str, mode: str) -> Pool:
        """OFF, AUDIT or ENFORCED (UserPoolAddOns.AdvancedSecurityMode), the pool's other settings kept."""
        pool = await self.describe_pool(pool_id)
        add_ons = dict(pool.raw.get("UserPoolAddOns") or {})
        add_ons["AdvancedSecurityMode"] = mode
        return await self.update_pool(pool_id, {"UserPoolAddOns": add_ons})

    # --- hosted UI branding: the classic hosted UI's CSS and logo, managed login's styles ---------------
    async def domain_style(self, pool_id: str) -> tuple[str, str]:
        """The pool's domain (its custom domain, else its prefix) and its pages' style: classic or managed."""
        pool = await self.describe_pool(pool_id)
        domain = str(pool.raw.get("CustomDomain") or pool.raw.get("Domain") or "")
        if not domain:
            return "", "classic"
        described = await self.call("describe_user_pool_domain", Domain=domain)
        version = (described.get("DomainDescription") or {}).get("ManagedLoginVersion") or 1
        return domain, "managed" if int(version) == 2 else "classic"

    async def branding(self, pool_id: str, client_id: str, style: str) -> Branding:
        """The saved look for an app client ("" for the pool-wide setting of the classic hosted UI)."""
        if style == "classic":
            resp = await self.call(
                "get_ui_customization", UserPoolId=pool_id, **({"ClientId": client_id} if client_id else {})
            )
            ui = resp.get("UICustomization") or {}
            return Branding("classic", client_id, css=ui.get("CSS", ""), logo_url=ui.get("ImageUrl", ""))
        try:
            resp = await self.call("describe_managed_login_branding_by_client", UserPoolId=pool_id, ClientId=client_id)
        except errors.ServiceError as exc:
            if exc.code == "ResourceNotFoundException":
                return Branding("managed", client_id)
            raise
        found = resp.get("ManagedLoginBranding") or {}
        return Branding(
            "managed",
            client_id,
            settings=found.get("Settings"),
            use_cognito=bool(found.get("UseCognitoProvidedValues")),
            assets=tuple(found.get("Assets") or ()),
            branding_id=found.get("ManagedLoginBrandingId", ""),
        )

    async def save_branding(self, pool_id: str, branding: Branding) -> Branding:
        """Save a look: SetUICustomization, or create / update the client's managed login style."""
        if branding.style == "classic":
            request: dict[str, Any] = {"UserPoolId": pool_id, "CSS": branding.css}
            if branding.client_id:
                request["ClientId"] = branding.client_id
            if branding.logo is not None:
                request["ImageFile"] = branding.logo
            await self.call("set_ui_customization", **request)
            return await self.branding(pool_id, branding.client_id, "classic")
        # Cognito's own look takes no settings (AWS refuses them beside UseCognitoProvidedValues) and shows no images.
        look: dict[str, Any] = (
            {"UseCognitoProvidedValues": True}
            if branding.use_cognito
            else {"Settings": dict(branding.settings or {}), "Assets": [dict(a) for a in branding.assets]}
        )
        if branding.branding_id:
            await self.call(
                "update_managed_login_branding", UserPoolId=pool_id, ManagedLoginBrandingId=branding.branding_id, **look
            )
        else:
            await self.call("create_managed_login_branding", UserPoolId=pool_id, ClientId=branding.client_id, **look)
        return await self.branding(pool_id, branding.client_id, "managed")

    # --- a user pool's signing keys and issuer, from this connection only -----------------------------
    def _pool_base(self, pool_id: str) -> str:
        """Where this connection serves the pool's .well-known documents. The pool ID must have the form of
        one (it goes into the address); the host is the connection's, never one a token names."""
        if not USER_POOL_ID.fullmatch(pool_id):
            raise errors.InvalidInput("InvalidParameterException", f"{pool_id!r} is not a user pool ID.")
        if self.connection.endpoint_url:
            return f"{self.connection.endpoint_url.rstrip('/')}/{pool_id}"
        return f"https://cognito-idp.{self._pool_region(pool_id)}.amazonaws.com/{pool_id}"

    def _pool_region(self, pool_id: str) -> str:
        return pool_id.split("_", 1)[0] or self.connection.region

    async def jwks_url(self, pool_id: str) -> str:
        return f"{self._pool_base(pool_id)}/.well-known/jwks.json"

    async def fetch_jwks(self, pool_id: str) -> dict[str, Any]:
        url = await self.jwks_url(pool_id)
        return await fetch_json(url)

    async def token_issuer(self, pool_id: str) -> str:
        """The ``iss`` of the tokens the pool issues: AWS's form on AWS; on an endpoint URL (the local Cognito),
        what its discovery document says (its issuer follows the server's public URL and issuer style)."""
        base = self._pool_base(pool_id)
        if not self.connection.endpoint_url:
            return base
        doc = await fetch_json(f"{base}/.well-known/openid-configuration")
        issuer = doc.get("issuer")
        if not isinstance(issuer, str) or not issuer:
            raise errors.ServiceError("InvalidDiscovery", f"{base}/.well-known/openid-configuration names no issuer")
        return issuer


def _get_json(url: str, timeout: float) -> Any:
    if not url.startswith(("http://", "https://")):
        raise errors.InvalidInput("InvalidParameterException", f"Not an HTTP URL: {url}")
    req = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - scheme checked
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - scheme checked
        return json.loads(resp.read(2 * 1024 * 1024))


async def fetch_json(url: str, timeout: float = 10) -> dict[str, Any]:
    """GET a JSON document (JWKS, OIDC discovery) off the event loop, errors mapped like AWS calls."""
    import urllib.error

    try:
        doc = await run_blocking(_get_json, url, timeout)
    except urllib.error.HTTPError as exc:
        code = "ResourceNotFoundException" if exc.code == 404 else f"HTTP{exc.code}"
        raise errors.error_for(code, f"{url}: HTTP {exc.code} {exc.reason}", "GetJWKS", exc.code) from exc
    except errors.ServiceError:
        raise
    except (OSError, ValueError) as exc:
        raise errors.ConnectionLost("EndpointConnectionError", f"{url}: {exc}", "GetJWKS") from exc
    if not isinstance(doc, dict):
        raise errors.ServiceError("InvalidJWKS", f"{url} did not return a JSON object", "GetJWKS")
    return doc
