"""A user pool's AcrConfiguration, DcrConfiguration, IssuerConfiguration and KeyConfiguration.

CreateUserPool and UpdateUserPool (pools.py) call ``apply``; the modules that act on them read them here:
``acr_names`` (acr.py: the ``acr`` claim's level names), ``dcr`` (hosted_ui/registration.py: dynamic
client registration), ``issuer_type`` (the issuer form tokens carry with ``--issuer aws``).

- AcrConfiguration names the four fixed levels, ``urn:cognito:loa:1`` to ``:4`` by default; a pool is
  described with every level, its own names merged over the defaults; each name is unique across the four.
  Essentials or Plus.
- DcrConfiguration: given, it replaces the pool's; members left out go back to their defaults, an omitted
  EnableStatus turns registration on. Essentials or Plus; a pool going to Lite must turn it off.
- IssuerConfiguration (ORIGINAL or UPDATED) and KeyConfiguration (AWS_OWNED_KEY, or CUSTOMER_MANAGED_KEY with
  a KmsKeyArn) are kept as given.

An UpdateUserPool that leaves one of them out keeps the pool's.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.store import dumps, loads

LEVELS = ("Level1", "Level2", "Level3", "Level4")
DEFAULT_ACR = {level: f"urn:cognito:loa:{i}" for i, level in enumerate(LEVELS, start=1)}
DCR_SCOPE = "aws.cognito/dcr/register"
OIDC_SCOPES = ("openid", "email", "phone", "profile")
DEFAULT_AUTHENTICATED_GRANTS = ("code", "client_credentials")
DEFAULT_OPEN_GRANTS = ("code",)
_STANDARD = {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}


def _unavailable(what: str) -> AwsError:
    return AwsError("FeatureUnavailableInTierException", f"{what} requires the Essentials or Plus feature plan.")


def acr_names(pool: dict[str, Any]) -> dict[str, str]:
    """Level1..Level4 -> the name the ``acr`` claim carries for it."""
    names = dict(DEFAULT_ACR)
    for level, config in (pool.get("AcrConfiguration") or {}).items():
        if level in names and isinstance(config, dict) and config.get("AcrValue"):
            names[level] = str(config["AcrValue"])
    return names


def _acr(tier: str, given: dict[str, Any]) -> dict[str, Any]:
    if given and tier == "LITE":
        raise _unavailable("AcrConfiguration")
    names = dict(DEFAULT_ACR)
    for level, config in given.items():
        if level not in names:
            raise invalid_parameter(f"Invalid ACR level {level}; the levels are Level1 to Level4.")
        names[level] = config["AcrValue"]
    if len(set(names.values())) != len(names):
        raise invalid_parameter("Each ACR level name must be unique across Level1 to Level4, default names included.")
    return {level: {"AcrValue": names[level]} for level in LEVELS}


def _scope_exists(ctx: RequestContext, pool_id: str, scope: str) -> bool:
    if scope in _STANDARD or scope == DCR_SCOPE:
        return True
    identifier, sep, name = scope.rpartition("/")
    if not sep:
        return False
    row = ctx.store.one("SELECT doc FROM resource_servers WHERE pool_id = ? AND identifier = ?", (pool_id, identifier))
    return row is not None and any(s["ScopeName"] == name for s in loads(row["doc"]).get("Scopes") or [])


def _dcr(ctx: RequestContext, pool_id: str, tier: str, given: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = {
        "EnableStatus": given.get("EnableStatus") or "Enabled",
        "OpenDcrEnabled": bool(given.get("OpenDcrEnabled", False)),
    }
    if config["EnableStatus"] == "Enabled" and tier == "LITE":
        raise _unavailable("Dynamic client registration")
    for key in ("AuthenticatedGrantTypes", "OpenDcrGrantTypes", "AllowedScopes"):
        if given.get(key) is not None:
            config[key] = list(dict.fromkeys(given[key]))
    for scope in config.get("AllowedScopes") or []:
        if not _scope_exists(ctx, pool_id, scope):
            # Create/UpdateUserPool list no ScopeDoesNotExistException: InvalidParameterException it is.
            raise invalid_parameter(f"Invalid scope requested: {scope}")
    return config


def _key(given: dict[str, Any]) -> dict[str, Any]:
    config = {k: v for k, v in given.items() if v is not None}
    key_type = config.setdefault("KeyType", "AWS_OWNED_KEY")
    if key_type == "CUSTOMER_MANAGED_KEY" and not config.get("KmsKeyArn"):
        raise invalid_parameter("KmsKeyArn is required when KeyType is CUSTOMER_MANAGED_KEY.")
    if key_type == "AWS_OWNED_KEY" and config.get("KmsKeyArn"):
        raise invalid_parameter("KmsKeyArn can only be set when KeyType is CUSTOMER_MANAGED_KEY.")
    return config


def apply(ctx: RequestContext, doc: dict[str, Any], req: dict[str, Any], *, creating: bool) -> None:
    """Set ``doc``'s four configurations from a CreateUserPool or UpdateUserPool request."""
    tier = str(doc.get("UserPoolTier") or "ESSENTIALS")
    if req.get("AcrConfiguration") is not None:
        doc["AcrConfiguration"] = _acr(tier, req["AcrConfiguration"])
    elif creating or "AcrConfiguration" not in doc:
        doc["AcrConfiguration"] = _acr("ESSENTIALS", {})
    if req.get("DcrConfiguration") is not None:
        doc["DcrConfiguration"] = _dcr(ctx, doc["Id"], tier, req["DcrConfiguration"])
    elif tier == "LITE" and (doc.get("DcrConfiguration") or {}).get("EnableStatus") == "Enabled":
        raise invalid_parameter(
            "To change the feature plan of the user pool to Lite, set DcrConfiguration EnableStatus to Disabled."
        )
    if req.get("IssuerConfiguration") is not None:
        doc["IssuerConfiguration"] = dict(req["IssuerConfiguration"])
    if req.get("KeyConfiguration") is not None:
        doc["KeyConfiguration"] = _key(req["KeyConfiguration"])


def dcr(pool: dict[str, Any]) -> dict[str, Any] | None:
    """The pool's DcrConfiguration when dynamic client registration is on, else None."""
    config = pool.get("DcrConfiguration")
    if not isinstance(config, dict) or config.get("EnableStatus") != "Enabled":
        return None
    return config


def issuer_type(pool: dict[str, Any]) -> str:
    return str((pool.get("IssuerConfiguration") or {}).get("Type") or "ORIGINAL")


DCR_RESOURCE_SERVER = "aws.cognito/dcr"


def sync_managed_resource_server(ctx: RequestContext, doc: dict[str, Any]) -> None:
    """Once dynamic client registration is on, the pool has the resource server Amazon Cognito manages for
    its system scope ``aws.cognito/dcr/register`` (``ManagedBy: COGNITO``), so an app client can hold the
    scope and get an initial access token with the client credentials grant. Call after the pool is saved."""
    if dcr(doc) is None:
        return
    exists = ctx.store.value(
        "SELECT 1 FROM resource_servers WHERE pool_id = ? AND identifier = ?", (doc["Id"], DCR_RESOURCE_SERVER)
    )
    if exists:
        return
    server = {
        "UserPoolId": doc["Id"],
        "Identifier": DCR_RESOURCE_SERVER,
        "Name": "Amazon Cognito dynamic client registration",
        "Scopes": [{"ScopeName": "register", "ScopeDescription": "Register app clients"}],
        "ManagedBy": "COGNITO",
    }
    ctx.store.run(
        "INSERT INTO resource_servers (pool_id, identifier, doc) VALUES (?, ?, ?)",
        (doc["Id"], DCR_RESOURCE_SERVER, dumps(server)),
    )
