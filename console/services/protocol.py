"""What the views may ask of a Cognito backend: one Protocol and the frozen dataclasses it returns.

The dataclasses keep the AWS document they came from in ``raw`` so that details panes and edit dialogs
(UpdateUserPool and UpdateUserPoolClient replace the whole configuration) work from the full picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from .errors import ServiceError

T = TypeVar("T")

# ListUsers' Filter accepts exactly these attributes (AWS API reference, ListUsers).
SEARCHABLE_ATTRIBUTES = (
    "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
    "cognito:user_status", "status", "sub",
)  # fmt: skip

USER_STATUSES = (
    "UNCONFIRMED", "CONFIRMED", "ARCHIVED", "COMPROMISED", "UNKNOWN", "RESET_REQUIRED",
    "FORCE_CHANGE_PASSWORD", "EXTERNAL_PROVIDER",
)  # fmt: skip


class ConnectionKind(StrEnum):
    LOCAL = "local"
    PROFILE = "profile"
    KEYS = "keys"


@dataclass(frozen=True)
class Connection:
    """Where the console points: the local Cognito, an AWS profile, or access keys kept in keyring."""

    name: str
    kind: ConnectionKind
    region: str = "us-east-1"
    endpoint_url: str | None = None
    profile: str | None = None
    access_key_id: str | None = None
    port: int = 9229  # the local Cognito's configured port

    @property
    def label(self) -> str:
        if self.kind is ConnectionKind.LOCAL:
            return f"Local Cognito ({self.endpoint_url or f'port {self.port}'})"
        if self.kind is ConnectionKind.PROFILE:
            return f"AWS profile {self.profile or 'default'}"
        return f"AWS keys {self.access_key_id or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind.value,
            "region": self.region,
            "endpoint_url": self.endpoint_url,
            "profile": self.profile,
            "access_key_id": self.access_key_id,
            "port": self.port,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Connection:
        return cls(
            name=str(d["name"]),
            kind=ConnectionKind(d.get("kind", "local")),
            region=str(d.get("region") or "us-east-1"),
            endpoint_url=d.get("endpoint_url") or None,
            profile=d.get("profile") or None,
            access_key_id=d.get("access_key_id") or None,
            port=int(d.get("port") or 9229),
        )


LOCAL_DEFAULT = Connection(name="Local Cognito", kind=ConnectionKind.LOCAL)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing and the token for the next (None at the end)."""

    items: tuple[T, ...]
    next_token: str | None = None


@dataclass(frozen=True)
class PoolSummary:
    id: str
    name: str
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class Pool:
    id: str
    name: str
    arn: str = ""
    estimated_users: int = 0
    mfa: str = "OFF"
    created: datetime | None = None
    modified: datetime | None = None
    deletion_protection: str = "INACTIVE"
    username_attributes: tuple[str, ...] = ()
    alias_attributes: tuple[str, ...] = ()
    auto_verified: tuple[str, ...] = ()
    domain: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)
    # From GetUserPoolMfaConfig (UserPoolType does not say which methods): "TOTP", "SMS", "EMAIL".
    mfa_methods: tuple[str, ...] = ()
    # What the backend would not tell, by field ("mfa_methods"), and why: shown in place, not hidden.
    unavailable: Mapping[str, ServiceError] = field(default_factory=dict)

    @property
    def password_policy(self) -> Mapping[str, Any]:
        return self.raw.get("Policies", {}).get("PasswordPolicy", {})

    @property
    def schema(self) -> Sequence[Mapping[str, Any]]:
        return self.raw.get("SchemaAttributes", [])


@dataclass(frozen=True)
class User:
    username: str
    status: str = ""
    enabled: bool = True
    created: datetime | None = None
    modified: datetime | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    mfa: tuple[str, ...] = ()
    preferred_mfa: str | None = None

    @property
    def sub(self) -> str:
        return self.attributes.get("sub", "")

    @property
    def email(self) -> str:
        return self.attributes.get("email", "")


@dataclass(frozen=True)
class Group:
    name: str
    pool_id: str = ""
    description: str = ""
    precedence: int | None = None
    role_arn: str = ""
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class AppClientSummary:
    id: str
    name: str
    pool_id: str = ""


@dataclass(frozen=True)
class AppClient:
    id: str
    name: str
    pool_id: str = ""
    secret: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def auth_flows(self) -> tuple[str, ...]:
        return tuple(self.raw.get("ExplicitAuthFlows", ()))

    @property
    def callback_urls(self) -> tuple[str, ...]:
        return tuple(self.raw.get("CallbackURLs", ()))


@dataclass(frozen=True)
class IdentityProvider:
    name: str
    type: str
    pool_id: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    attribute_mapping: Mapping[str, str] = field(default_factory=dict)
    identifiers: tuple[str, ...] = ()
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class Domain:
    domain: str
    pool_id: str
    status: str = ""
    cloudfront: str = ""
    custom: bool = False
    managed_login_version: int = 1  # 1: classic hosted UI, 2: managed login
    certificate_arn: str = ""  # a custom domain's ACM certificate


@dataclass(frozen=True)
class Device:
    key: str
    name: str = ""
    created: datetime | None = None
    last_authenticated: datetime | None = None


@dataclass(frozen=True)
class AuthEvent:
    event_id: str
    event_type: str
    created: datetime | None
    response: str = ""
    risk: str = ""
    ip: str = ""


USER_SECTIONS = {"groups": "Groups", "devices": "Devices", "auth_events": "Auth events"}


@dataclass(frozen=True)
class UserDetails:
    user: User
    groups: tuple[str, ...] = ()
    devices: tuple[Device, ...] = ()
    auth_events: tuple[AuthEvent, ...] = ()
    # What the backend would not tell, by section (USER_SECTIONS; e.g. auth events with advanced security
    # off), and why: shown, not hidden.
    unavailable: Mapping[str, ServiceError] = field(default_factory=dict)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(
            f"{USER_SECTIONS.get(key, key)}: {exc.code}: {exc.message}" for key, exc in self.unavailable.items()
        )


@dataclass(frozen=True)
class UserFilter:
    """ListUsers' server-side search: one attribute, ``=`` or prefix ``^=``, plus a status filter."""

    attribute: str = "email"
    value: str = ""
    prefix: bool = True
    status: str | None = None

    def expression(self) -> str | None:
        """The Filter string, or None. ListUsers takes one filter, so a typed search wins over status."""
        if self.value:
            escaped = self.value.replace("\\", "\\\\").replace('"', '\\"')
            return f'{self.attribute} {"^=" if self.prefix else "="} "{escaped}"'
        if self.status:
            if self.status in ("Enabled", "Disabled"):
                return f'status = "{self.status}"'
            return f'cognito:user_status = "{self.status}"'
        return None


# --- identity pools and the IAM roles they hand out ---------------------------------------------------------
@dataclass(frozen=True)
class IdentityPoolSummary:
    id: str
    name: str


@dataclass(frozen=True)
class CognitoProviderRef:
    """A user pool app client an identity pool trusts (ProviderName: cognito-idp.<region>.amazonaws.com/<poolId>)."""

    provider_name: str
    client_id: str
    server_side_token_check: bool = False

    @property
    def user_pool_id(self) -> str:
        return self.provider_name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class IdentityPool:
    id: str
    name: str
    allow_unauthenticated: bool = False
    allow_classic_flow: bool = False
    cognito_providers: tuple[CognitoProviderRef, ...] = ()
    login_providers: Mapping[str, str] = field(default_factory=dict)  # SupportedLoginProviders
    developer_provider: str = ""
    openid_providers: tuple[str, ...] = ()  # OpenIdConnectProviderARNs
    saml_providers: tuple[str, ...] = ()  # SamlProviderARNs
    tags: Mapping[str, str] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)


# MappingRule's MatchType values, as the Identity pools console words them.
MATCH_TYPES = {"Equals": "equals", "Contains": "contains", "StartsWith": "starts with", "NotEqual": "does not equal"}


@dataclass(frozen=True)
class MappingRule:
    claim: str
    match_type: str  # MATCH_TYPES
    value: str
    role_arn: str


@dataclass(frozen=True)
class RoleMapping:
    """How one identity provider's users get a role: from their token (cognito:preferred_role,
    cognito:roles) or by rules; AmbiguousRoleResolution says what happens when neither decides."""

    provider: str  # the Logins key: cognito-idp.<region>.amazonaws.com/<poolId>:<clientId>, accounts.google.com ...
    type: str  # Token | Rules
    ambiguous: str = "AuthenticatedRole"  # AuthenticatedRole | Deny
    rules: tuple[MappingRule, ...] = ()


@dataclass(frozen=True)
class IdentityPoolRoles:
    pool_id: str
    authenticated: str = ""  # role ARNs
    unauthenticated: str = ""
    mappings: tuple[RoleMapping, ...] = ()


@dataclass(frozen=True)
class IamRole:
    """A role with its trust policy and permission policies (documents decoded from IAM's URL encoding)."""

    name: str
    arn: str
    trust_policy: Mapping[str, Any] = field(default_factory=dict)
    inline_policies: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    attached_policies: tuple[tuple[str, str], ...] = ()  # (name, ARN)
    description: str = ""
    max_session_duration: int = 3600


@dataclass(frozen=True)
class PolicySimulation:
    """IAM's policy simulator on one action and resource: ``allowed``, ``explicitDeny`` or ``implicitDeny``, the
    statements that decided (policy and place), and the condition keys they use that the context lacked."""

    action: str
    resource: str
    decision: str
    statements: tuple[str, ...] = ()
    missing_context: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.decision == "allowed"


# --- hosted UI branding -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Branding:
    """A draft or saved look of the hosted UI for one app client (client_id "" is the pool-wide ALL setting):
    the classic hosted UI's CSS and logo, or managed login's settings document and image assets."""

    style: str  # classic | managed
    client_id: str = ""
    css: str = ""
    logo: bytes | None = None  # the classic logo's bytes when chosen here; saved logos are at logo_url
    logo_url: str = ""
    settings: Mapping[str, Any] | None = None  # managed login's Settings; None with use_cognito
    use_cognito: bool = True
    assets: tuple[Mapping[str, Any], ...] = ()
    branding_id: str = ""  # the managed login style's ID once it exists


# --- sign-in activity: the AWS/Cognito metrics in CloudWatch --------------------------------------------------
@dataclass(frozen=True)
class ActivityKind:
    """One chart series: which AWS/Cognito metric, and which statistic of it (``failures`` is SampleCount
    minus Sum: the metric is 1 for a success and 0 for a failure)."""

    key: str
    label: str
    metric: str
    statistic: str  # Sum | failures
    per_client: bool = True  # threat protection metrics have no app client dimension


ACTIVITY_KINDS = (
    ActivityKind("sign_ins", "Sign-ins", "SignInSuccesses", "Sum"),
    ActivityKind("failures", "Failed sign-ins", "SignInSuccesses", "failures"),
    ActivityKind("sign_ups", "Sign-ups", "SignUpSuccesses", "Sum"),
    ActivityKind("refreshes", "Token refreshes", "TokenRefreshSuccesses", "Sum"),
    ActivityKind("federated", "Federated sign-ins", "FederationSuccesses", "Sum"),
    ActivityKind("risky", "Risky requests", "Risk", "Sum", per_client=False),
    ActivityKind("compromised", "Compromised credentials", "CompromisedCredentialRisk", "Sum", per_client=False),
    ActivityKind("takeover", "Account takeover risk", "AccountTakeoverRisk", "Sum", per_client=False),
    ActivityKind("blocked", "Blocked by IP list", "OverrideBlock", "Sum", per_client=False),
)


@dataclass(frozen=True)
class ActivitySeries:
    kind: ActivityKind
    timestamps: tuple[float, ...] = ()  # period starts, epoch seconds, oldest first
    values: tuple[float, ...] = ()

    @property
    def total(self) -> float:
        return float(sum(self.values))


@dataclass(frozen=True)
class Activity:
    """A pool's activity between ``start`` and ``end`` in periods of ``period`` seconds."""

    pool_id: str
    start: float
    end: float
    period: int
    series: Mapping[str, ActivitySeries] = field(default_factory=dict)
    clients: tuple[str, ...] = ()  # the app client dimension values seen (client IDs, Admin, Invalid)
    source: str = "CloudWatch metrics"


# --- auth events across a pool, and threat protection ----------------------------------------------------------
AUTH_EVENT_TYPES = ("SignIn", "SignUp", "ForgotPassword", "PasswordChange", "ResendCode")


@dataclass(frozen=True)
class PoolAuthEvent:
    """One auth event of any user of a pool, as the pool's user activity log (or AdminListUserAuthEvents) tells it."""

    event_id: str
    event_type: str
    created: datetime | None
    username: str = ""
    response: str = ""  # Pass | Fail | InProgress
    risk_level: str = ""  # Low | Medium | High, or empty for no risk
    risk_decision: str = ""  # NoRisk | AccountTakeover | Block (the log's PASS/ACCOUNT_TAKEOVER/BLOCK read back)
    compromised: bool = False
    ip: str = ""
    device: str = ""
    client_id: str = ""
    feedback: str = ""  # Valid | Invalid, once someone said
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        return self.event_id

    @property
    def blocked(self) -> bool:
        return self.risk_decision == "Block" or (self.compromised and self.response == "Fail")

    @property
    def risky(self) -> bool:
        return self.blocked or self.compromised or self.risk_decision not in ("", "NoRisk")


@dataclass(frozen=True)
class AuthEventPage:
    events: tuple[PoolAuthEvent, ...]
    source: str  # where they came from, in a phrase
    note: str = ""  # what to turn on for more, when the source is the fallback


class CognitoService(Protocol):
    """User-pool administration, as the views need it. Every method may raise ``errors.ServiceError``."""

    connection: Connection

    async def list_pools(self) -> list[PoolSummary]: ...
    async def describe_pool(self, pool_id: str) -> Pool: ...
    async def create_pool(self, request: Mapping[str, Any]) -> Pool: ...
    async def update_pool(self, pool_id: str, changes: Mapping[str, Any]) -> Pool: ...
    async def delete_pool(self, pool_id: str) -> None: ...
    async def set_mfa_config(self, pool_id: str, mfa: str, totp: bool) -> Pool: ...

    async def list_users(
        self, pool_id: str, flt: UserFilter | None = None, token: str | None = None, limit: int = 60
    ) -> Page[User]: ...
    async def get_user(self, pool_id: str, username: str) -> User: ...
    async def user_groups(self, pool_id: str, username: str) -> tuple[str, ...]: ...
    async def user_devices(self, pool_id: str, username: str) -> tuple[Device, ...]: ...
    async def user_auth_events(self, pool_id: str, username: str) -> tuple[AuthEvent, ...]: ...
    async def user_details(self, pool_id: str, username: str) -> UserDetails: ...
    async def create_user(
        self,
        pool_id: str,
        username: str,
        attributes: Mapping[str, str],
        temporary_password: str | None = None,
        suppress_message: bool = True,
    ) -> User: ...
    async def update_user_attributes(
        self, pool_id: str, username: str, attributes: Mapping[str, str], delete: Sequence[str] = ()
    ) -> None: ...
    async def set_user_enabled(self, pool_id: str, username: str, enabled: bool) -> None: ...
    async def reset_password(self, pool_id: str, username: str) -> None: ...
    async def set_password(self, pool_id: str, username: str, password: str, permanent: bool) -> None: ...
    async def confirm_user(self, pool_id: str, username: str) -> None: ...
    async def global_sign_out(self, pool_id: str, username: str) -> None: ...
    async def delete_user(self, pool_id: str, username: str) -> None: ...
    async def add_to_group(self, pool_id: str, username: str, group: str) -> None: ...
    async def remove_from_group(self, pool_id: str, username: str, group: str) -> None: ...

    async def list_groups(self, pool_id: str) -> list[Group]: ...
    async def create_group(self, group: Group) -> Group: ...
    async def update_group(self, group: Group) -> Group: ...
    async def delete_group(self, pool_id: str, name: str) -> None: ...
    async def group_members(self, pool_id: str, name: str) -> list[User]: ...

    async def list_app_clients(self, pool_id: str) -> list[AppClientSummary]: ...
    async def describe_app_client(self, pool_id: str, client_id: str) -> AppClient: ...
    async def create_app_client(self, pool_id: str, request: Mapping[str, Any]) -> AppClient: ...
    async def update_app_client(self, pool_id: str, client_id: str, request: Mapping[str, Any]) -> AppClient: ...
    async def delete_app_client(self, pool_id: str, client_id: str) -> None: ...

    async def list_identity_providers(self, pool_id: str) -> list[IdentityProvider]: ...
    async def describe_identity_provider(self, pool_id: str, name: str) -> IdentityProvider: ...
    async def create_identity_provider(self, idp: IdentityProvider) -> IdentityProvider: ...
    async def update_identity_provider(self, idp: IdentityProvider) -> IdentityProvider: ...
    async def delete_identity_provider(self, pool_id: str, name: str) -> None: ...

    async def describe_domain(self, domain: str) -> Domain | None: ...
    async def create_domain(self, pool_id: str, domain: str) -> Domain: ...
    async def delete_domain(self, pool_id: str, domain: str) -> None: ...
    async def pool_domains(self, pool_id: str) -> list[Domain]: ...
    async def create_pool_domain(
        self, pool_id: str, domain: str, certificate_arn: str = "", managed_login_version: int = 1
    ) -> Domain: ...
    async def update_pool_domain(
        self, pool_id: str, domain: str, managed_login_version: int, certificate_arn: str = ""
    ) -> None: ...
    async def add_custom_attributes(self, pool_id: str, attributes: Sequence[Mapping[str, Any]]) -> Pool: ...
    async def set_user_mfa_preference(
        self, pool_id: str, username: str, settings: Mapping[str, Mapping[str, bool]]
    ) -> None: ...
    async def user_mfa(self, pool_id: str, username: str) -> tuple[tuple[str, ...], str]: ...
    async def delete_software_token(self, pool_id: str, username: str) -> None: ...
    async def forget_device(self, pool_id: str, username: str, device_key: str) -> None: ...
    async def resend_invitation(self, pool_id: str, username: str, channels: Sequence[str] = ("EMAIL",)) -> None: ...
    async def outbox(self, pool_id: str) -> list[dict[str, Any]]: ...
    async def csv_header(self, pool_id: str) -> list[str]: ...
    async def create_import_job(self, pool_id: str, name: str, role_arn: str) -> dict[str, Any]: ...
    async def upload_import_csv(self, url: str, body: bytes) -> None: ...
    async def start_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]: ...
    async def stop_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]: ...
    async def describe_import_job(self, pool_id: str, job_id: str) -> dict[str, Any]: ...
    async def import_job_log(self, pool_id: str, pool_name: str, job: Mapping[str, Any]) -> list[str]: ...

    async def jwks_url(self, pool_id: str) -> str: ...
    async def fetch_jwks(self, pool_id: str) -> dict[str, Any]: ...
    async def token_issuer(self, pool_id: str) -> str: ...

    async def list_identity_pools(self) -> list[IdentityPoolSummary]: ...
    async def describe_identity_pool(self, pool_id: str) -> IdentityPool: ...
    async def create_identity_pool(self, pool: IdentityPool) -> IdentityPool: ...
    async def update_identity_pool(self, pool: IdentityPool) -> IdentityPool: ...
    async def delete_identity_pool(self, pool_id: str) -> None: ...
    async def identity_pool_roles(self, pool_id: str) -> IdentityPoolRoles: ...
    async def set_identity_pool_roles(self, roles: IdentityPoolRoles) -> None: ...
    async def get_role(self, arn: str) -> IamRole: ...
    async def update_trust_policy(self, role_name: str, document: Mapping[str, Any]) -> None: ...
    async def put_role_policy(self, role_name: str, policy_name: str, document: Mapping[str, Any]) -> None: ...

    async def sign_in_activity(
        self, pool_id: str, start: float, end: float, period: int, client_id: str | None = None
    ) -> Activity: ...

    async def pool_auth_events(self, pool_id: str, start: float, end: float) -> AuthEventPage: ...
    async def auth_event_feedback(self, pool_id: str, username: str, event_id: str, valid: bool) -> None: ...
    async def risk_configuration(self, pool_id: str, client_id: str | None = None) -> dict[str, Any]: ...
    async def set_risk_configuration(self, pool_id: str, client_id: str | None, config: Mapping[str, Any]) -> None: ...
    async def set_threat_protection_mode(self, pool_id: str, mode: str) -> Pool: ...
    async def user_token_claims(self, pool_id: str, username: str) -> dict[str, Any]: ...
    async def simulate_role_policy(
        self, role_arn: str, action: str, resource: str, context: Mapping[str, Sequence[str]]
    ) -> PolicySimulation: ...
    async def domain_style(self, pool_id: str) -> tuple[str, str]: ...
    async def branding(self, pool_id: str, client_id: str, style: str) -> Branding: ...
    async def save_branding(self, pool_id: str, branding: Branding) -> Branding: ...
