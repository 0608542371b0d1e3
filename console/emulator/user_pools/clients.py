"""App clients: the UserPoolClient operations, their AWS defaults and OAuth rules, and client secrets.

A client is stored as its ``UserPoolClientType`` document in ``clients.doc``; its secrets live apart in
``client_secrets`` (at most two, for rotation), so listing or describing never copies them around.
Other modules use ``get_client``, ``get_pool_client`` and ``client_secrets``.
"""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core import ids, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, client_not_found, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads, loads_document

from .pool_configurations import DCR_SCOPE
from .pools import get_pool, schema_attribute

DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"]
LEGACY_AUTH_FLOWS = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
# GetClientToken's flow (client_tokens.py): only for a client with a secret, and never beside user flows.
CLIENT_TOKEN_FLOW = "ALLOW_CLIENT_TOKEN_AUTH"  # noqa: S105 - a flow name, not a password
STANDARD_SCOPES = {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}
MAX_SECRETS = 2
_REFRESH = "RefreshToken"
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


# -- look-ups other modules use -----------------------------------------------------------------------


def get_client(ctx: RequestContext, client_id: str) -> dict[str, Any]:
    """The client's document with its primary ``ClientSecret``; ResourceNotFoundException if none."""
    row = ctx.store.one("SELECT doc FROM clients WHERE id = ?", (client_id,))
    if row is None:
        raise client_not_found(client_id)
    doc: dict[str, Any] = loads_document(row["doc"])
    secrets = client_secrets(ctx, client_id)
    if secrets:
        doc["ClientSecret"] = secrets[0]
    return doc


def get_pool_client(ctx: RequestContext, pool_id: str, client_id: str) -> dict[str, Any]:
    """The client if it belongs to ``pool_id`` (the pool must exist); ResourceNotFoundException if not."""
    get_pool(ctx, pool_id)
    doc = get_client(ctx, client_id)
    if doc["UserPoolId"] != pool_id:
        raise client_not_found(client_id)
    return doc


def client_secrets(ctx: RequestContext, client_id: str) -> list[str]:
    """Every active secret of the client, oldest first (the first is the one Describe shows)."""
    rows = ctx.store.all("SELECT secret FROM client_secrets WHERE client_id = ? ORDER BY created, rowid", (client_id,))
    return [r["secret"] for r in rows]


def secret_matches(ctx: RequestContext, client_id: str, candidate: str) -> bool:
    """Whether ``candidate`` is one of the client's secrets, compared in constant time."""
    found = False
    for secret in client_secrets(ctx, client_id):
        found |= hmac.compare_digest(secret.encode(), candidate.encode())
    return found


def authenticates(ctx: RequestContext, client_id: str, supplied: str | None) -> bool:
    """Whether a caller proved it is this client: it has no secret, or ``supplied`` is one of them."""
    if not client_secrets(ctx, client_id):
        return True
    return supplied is not None and secret_matches(ctx, client_id, supplied)


# -- validation ---------------------------------------------------------------------------------------


# AWS: real CreateUserPoolClient/UpdateUserPoolClient output captured with AWS CLI 2024-2025
# (imo-tikuwa setup_hosted-ui-login2.md; a 2024 blog's create-user-pool-client output).
def _validity(req: dict[str, Any]) -> dict[str, Any]:
    """Token validities and units as AWS answers them: only what was asked for, plus RefreshTokenValidity.

    Omitted access/ID validities stay absent (they mean 1 hour) and TokenValidityUnits holds only the
    units the request gave (each defaulting to hours, refresh to days), so a default client answers
    ``"RefreshTokenValidity": 30, "TokenValidityUnits": {}``.
    """
    given_units = req.get("TokenValidityUnits") or {}
    units: dict[str, str] = {}
    out: dict[str, Any] = {}
    for token, default_seconds, default_unit, lo, hi in (
        ("AccessToken", 3600, "hours", 300, 86400),
        ("IdToken", 3600, "hours", 300, 86400),
        ("RefreshToken", 30 * 86400, "days", 3600, 315360000),
    ):
        value = req.get(f"{token}Validity")
        unit = given_units.get(token) or default_unit
        if given_units.get(token):
            units[token] = unit
        if token == _REFRESH and value == 0:
            value = None  # AWS: 0 means the default of 30 days
        if value is None:
            if token != _REFRESH:
                continue
            value = max(1, default_seconds // _UNIT_SECONDS[unit])
        seconds = int(value) * _UNIT_SECONDS[unit]
        if seconds < lo or seconds > hi:
            name = {"AccessToken": "Access", "IdToken": "Id", "RefreshToken": "Refresh"}[token]
            limits = {
                "AccessToken": "between 5 minutes and 1 day",
                "IdToken": "between 5 minutes and 1 day",
                "RefreshToken": "between 60 minutes and 10 years",
            }[token]
            raise invalid_parameter(f"Invalid range for token validity. {name} token validity must be {limits}.")
        out[f"{token}Validity"] = int(value)
    out["TokenValidityUnits"] = units
    return out


def _check_url(url: str, what: str) -> None:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # a bracket that opens no IPv6 address
        raise invalid_parameter(f"{what} must be an absolute URI: {url}") from None
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise invalid_parameter(f"{what} must be an absolute URI: {url}")
    if parts.fragment or "#" in url:
        raise invalid_parameter(f"{what} must not include a fragment component: {url}")
    if parts.scheme == "http" and host not in _LOOPBACK_HOSTS:
        raise invalid_parameter(
            f"{what} must use HTTPS, except http://localhost, http://127.0.0.1 and http://[::1]: {url}"
        )


def _scope_exists(ctx: RequestContext, pool_id: str, scope: str) -> bool:
    if scope in STANDARD_SCOPES:
        return True
    identifier, sep, name = scope.rpartition("/")
    if not sep or not identifier:
        return False
    row = ctx.store.one("SELECT doc FROM resource_servers WHERE pool_id = ? AND identifier = ?", (pool_id, identifier))
    if row is None:
        return False
    return any(s["ScopeName"] == name for s in loads(row["doc"]).get("Scopes") or [])


def _attributes(pool: dict[str, Any], names: list[str], kind: str, verb: str) -> list[str]:
    for name in names:
        attr = schema_attribute(pool, name)
        if attr is None or name == "sub" or (kind == "write" and name == "identities"):
            raise invalid_parameter(f"Invalid {kind} attributes specified while {verb} a client")
    return list(dict.fromkeys(names))


def _settings(
    ctx: RequestContext, pool: dict[str, Any], req: dict[str, Any], has_secret: bool, verb: str
) -> dict[str, Any]:
    """The client's settings from a Create/Update request, with AWS's defaults for omissions."""
    doc: dict[str, Any] = {}
    doc.update(_validity(req))

    if req.get("ReadAttributes"):
        doc["ReadAttributes"] = _attributes(pool, req["ReadAttributes"], "read", verb)
    if req.get("WriteAttributes"):
        doc["WriteAttributes"] = _attributes(pool, req["WriteAttributes"], "write", verb)

    # AWS: an omitted ExplicitAuthFlows is answered absent (the client still allows the documented
    # defaults); real UpdateUserPoolClient output, imo-tikuwa setup_hosted-ui-login2.md (2025).
    given_flows = req.get("ExplicitAuthFlows")
    flows = list(dict.fromkeys(DEFAULT_AUTH_FLOWS if given_flows is None else given_flows))
    legacy = [f for f in flows if f in LEGACY_AUTH_FLOWS]
    if legacy and len(legacy) != len(flows):
        raise invalid_parameter("ExplicitAuthFlows can not have both legacy and new values.")
    if CLIENT_TOKEN_FLOW in flows:
        if len(flows) > 1:
            raise invalid_parameter(
                f"{CLIENT_TOKEN_FLOW} is mutually exclusive with user authentication flows and must be the only"
                " authentication flow of the app client."
            )
        if not has_secret:
            raise invalid_parameter(f"{CLIENT_TOKEN_FLOW} can only be enabled for an app client with a client secret.")
    if "ALLOW_USER_AUTH" in flows and pool.get("UserPoolTier") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Choice-based authentication (ALLOW_USER_AUTH) is not available in the Lite tier.",
        )
    if given_flows:
        doc["ExplicitAuthFlows"] = flows

    providers = list(dict.fromkeys(req.get("SupportedIdentityProviders") or []))
    for name in providers:
        if name == "COGNITO":
            continue
        exists = ctx.store.value("SELECT 1 FROM identity_providers WHERE pool_id = ? AND name = ?", (pool["Id"], name))
        if not exists:
            raise invalid_parameter(f"The provider {name} does not exist for User Pool {pool['Id']}")
    if providers:
        doc["SupportedIdentityProviders"] = providers

    callbacks = list(dict.fromkeys(req.get("CallbackURLs") or []))
    for url in callbacks:
        _check_url(url, "CallbackURL")
    logouts = list(dict.fromkeys(req.get("LogoutURLs") or []))
    for url in logouts:
        _check_url(url, "LogoutURL")
    if callbacks:
        doc["CallbackURLs"] = callbacks
    if logouts:
        doc["LogoutURLs"] = logouts
    default_redirect = req.get("DefaultRedirectURI")
    if default_redirect:
        _check_url(default_redirect, "DefaultRedirectURI")
        if default_redirect not in callbacks:
            raise invalid_parameter("DefaultRedirectURI must be one of the CallbackURLs.")
        doc["DefaultRedirectURI"] = default_redirect

    oauth_flows = list(dict.fromkeys(req.get("AllowedOAuthFlows") or []))
    scopes = list(dict.fromkeys(req.get("AllowedOAuthScopes") or []))
    if "client_credentials" in oauth_flows:
        if len(oauth_flows) > 1:
            raise AwsError(
                "InvalidOAuthFlowException",
                "client_credentials flow can not be selected along with code flow or implicit flow.",
            )
        if not has_secret:
            raise AwsError(
                "InvalidOAuthFlowException",
                "client_credentials flow can not be selected if client does not have a client secret.",
            )
        for scope in scopes:
            if scope in STANDARD_SCOPES:
                raise AwsError("InvalidOAuthFlowException", f"{scope} is not supported with client_credentials flow")
    for scope in scopes:
        if not _scope_exists(ctx, pool["Id"], scope):
            raise AwsError("ScopeDoesNotExistException", f"Invalid scope requested: {scope}")
    allowed = bool(req.get("AllowedOAuthFlowsUserPoolClient", False))
    if allowed:
        if not oauth_flows:
            raise AwsError(
                "InvalidOAuthFlowException",
                "AllowedOAuthFlows must be specified when AllowedOAuthFlowsUserPoolClient is true.",
            )
        if not scopes:
            raise invalid_parameter(
                "AllowedOAuthScopes must be specified when AllowedOAuthFlowsUserPoolClient is true."
            )
        if ("code" in oauth_flows or "implicit" in oauth_flows) and not callbacks:
            # AWS: "InvalidOAuthFlowException: CallbackUrls can not be empty when code flow or implicit flow is
            # selected" (cisagov/crossfeed#440, anomalyco/sst#6272).
            raise AwsError(
                "InvalidOAuthFlowException",
                "CallbackUrls can not be empty when code flow or implicit flow is selected",
            )
    if oauth_flows:
        doc["AllowedOAuthFlows"] = oauth_flows
    if scopes:
        doc["AllowedOAuthScopes"] = scopes
    doc["AllowedOAuthFlowsUserPoolClient"] = allowed

    if req.get("AnalyticsConfiguration") is not None:
        analytics = dict(req["AnalyticsConfiguration"])
        if not analytics.get("ApplicationArn") and not (
            analytics.get("ApplicationId") and analytics.get("RoleArn") and analytics.get("ExternalId")
        ):
            raise invalid_parameter(
                "AnalyticsConfiguration needs ApplicationArn, or ApplicationId with RoleArn and ExternalId."
            )
        analytics.setdefault("UserDataShared", False)
        doc["AnalyticsConfiguration"] = analytics

    # AWS: absent unless set (it then means LEGACY); same real outputs as above.
    if req.get("PreventUserExistenceErrors"):
        doc["PreventUserExistenceErrors"] = req["PreventUserExistenceErrors"]
    revocation = req.get("EnableTokenRevocation")
    doc["EnableTokenRevocation"] = True if revocation is None else bool(revocation)
    doc["EnablePropagateAdditionalUserContextData"] = bool(req.get("EnablePropagateAdditionalUserContextData", False))
    if doc["EnablePropagateAdditionalUserContextData"] and not has_secret:
        raise invalid_parameter(
            "EnablePropagateAdditionalUserContextData can only be enabled for a client with a secret."
        )
    doc["AuthSessionValidity"] = req.get("AuthSessionValidity") or 3
    rotation = req.get("RefreshTokenRotation")
    if rotation is not None:
        rotation = {
            "Feature": rotation["Feature"],
            "RetryGracePeriodSeconds": rotation.get("RetryGracePeriodSeconds") or 0,
        }
        if rotation["Feature"] == "ENABLED":
            if pool.get("UserPoolTier") == "LITE":
                raise AwsError(
                    "FeatureUnavailableInTierException",
                    "Refresh token rotation is not available in the Lite tier.",
                )
            if "ALLOW_REFRESH_TOKEN_AUTH" in flows:
                raise invalid_parameter(
                    "ALLOW_REFRESH_TOKEN_AUTH can not be enabled when refresh token rotation is enabled."
                )
        doc["RefreshTokenRotation"] = rotation
    return doc


def _insert_secret(ctx: RequestContext, client_id: str, secret: str) -> dict[str, Any]:
    secret_id = ids.client_secret_id(client_id)
    ctx.store.run(
        "INSERT INTO client_secrets (id, client_id, secret, created) VALUES (?, ?, ?, ?)",
        (secret_id, client_id, secret, ctx.now),
    )
    return {"ClientSecretId": secret_id, "ClientSecretValue": secret, "ClientSecretCreateDate": ctx.now}


def _save(ctx: RequestContext, doc: dict[str, Any]) -> None:
    stored = {k: v for k, v in doc.items() if k != "ClientSecret"}
    ctx.store.run(
        "UPDATE clients SET name = ?, modified = ?, doc = ? WHERE id = ?",
        (doc["ClientName"], ctx.now, dumps(stored), doc["ClientId"]),
    )


# -- operations ---------------------------------------------------------------------------------------


@idp("CreateUserPoolClient")
def create_user_pool_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    custom_secret = req.get("ClientSecret")
    if req.get("GenerateSecret") and custom_secret:
        raise invalid_parameter("You cannot specify both GenerateSecret as true and provide a ClientSecret value.")
    has_secret = bool(req.get("GenerateSecret") or custom_secret)
    client_id = ids.client_id()
    doc: dict[str, Any] = {
        "UserPoolId": pool["Id"],
        "ClientName": req["ClientName"],
        "ClientId": client_id,
        "CreationDate": ctx.now,
        "LastModifiedDate": ctx.now,
    }
    doc.update(_settings(ctx, pool, req, has_secret, "creating"))
    ctx.store.run(
        "INSERT INTO clients (id, pool_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?, ?)",
        (client_id, pool["Id"], doc["ClientName"], ctx.now, ctx.now, dumps(doc)),
    )
    if has_secret:
        secret = custom_secret or ids.client_secret()
        _insert_secret(ctx, client_id, secret)
        doc["ClientSecret"] = secret
    return {"UserPoolClient": doc}


@idp("DescribeUserPoolClient")
def describe_user_pool_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"UserPoolClient": get_pool_client(ctx, req["UserPoolId"], req["ClientId"])}


@idp("UpdateUserPoolClient")
def update_user_pool_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    current = get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    pool = get_pool(ctx, req["UserPoolId"])
    has_secret = bool(current.get("ClientSecret"))
    doc: dict[str, Any] = {
        "UserPoolId": current["UserPoolId"],
        "ClientName": req.get("ClientName") or current["ClientName"],
        "ClientId": current["ClientId"],
        "CreationDate": current["CreationDate"],
        "LastModifiedDate": ctx.now,
    }
    # Settings the request leaves out go back to their defaults, as in AWS.
    doc.update(_settings(ctx, pool, req, has_secret, "updating"))
    if current.get("ClientType"):  # how the client came to be (DCR) is not a setting an update resets
        doc["ClientType"] = current["ClientType"]
    if doc.get("ClientType") == "DCR" and DCR_SCOPE in (doc.get("AllowedOAuthScopes") or []):
        raise invalid_parameter(f"An app client created through dynamic client registration can't hold {DCR_SCOPE}.")
    _save(ctx, doc)
    if has_secret:
        doc["ClientSecret"] = current["ClientSecret"]
    return {"UserPoolClient": doc}


@idp("DeleteUserPoolClient")
def delete_user_pool_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    ctx.store.run("DELETE FROM clients WHERE id = ?", (client["ClientId"],))
    ctx.store.run(
        "DELETE FROM ui_customizations WHERE pool_id = ? AND client_id = ?",
        (client["UserPoolId"], client["ClientId"]),
    )
    return {}


@idp("ListUserPoolClients")
def list_user_pool_clients(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    limit = int(req.get("MaxResults") or 60)
    # Keyset paging: the token names the last client of the previous page.
    token = req.get("NextToken")
    created, last = paging.decode(token, "clients", (float, str)) if token else (-1.0, "")
    rows = ctx.store.all(
        "SELECT id, name, created, json_extract(doc, '$.ClientType') AS client_type FROM clients"
        " WHERE pool_id = ? AND (created, id) > (?, ?) ORDER BY created, id LIMIT ?",
        (pool["Id"], created, last, limit + 1),
    )
    # A ClientType filter applies to the page read, as in AWS: a page may hold fewer clients, or none.
    wanted = req.get("ClientType")
    out: dict[str, Any] = {
        "UserPoolClients": [
            {"ClientId": r["id"], "UserPoolId": pool["Id"], "ClientName": r["name"]}
            for r in rows[:limit]
            if wanted is None or (r["client_type"] or "REGULAR") == wanted
        ]
    }
    if len(rows) > limit:
        out["NextToken"] = paging.encode("clients", [rows[limit - 1]["created"], rows[limit - 1]["id"]])
    return out


def _refuse_dcr(client: dict[str, Any]) -> None:
    if client.get("ClientType") == "DCR":
        raise invalid_parameter(
            f"Client {client['ClientId']} was created through dynamic client registration and doesn't support"
            " client secret operations."
        )


@idp("AddUserPoolClientSecret")
def add_user_pool_client_secret(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    _refuse_dcr(client)
    existing = client_secrets(ctx, client["ClientId"])
    if not existing:
        raise invalid_parameter(
            f"Client {client['ClientId']} is a public client; client secrets can only be added to a"
            " confidential client."
        )
    if len(existing) >= MAX_SECRETS:
        raise AwsError(
            "LimitExceededException",
            f"The app client already has the maximum of {MAX_SECRETS} client secrets.",
        )
    secret = req.get("ClientSecret") or ids.client_secret()
    descriptor = _insert_secret(ctx, client["ClientId"], secret)
    return {"ClientSecretDescriptor": descriptor}


@idp("ListUserPoolClientSecrets")
def list_user_pool_client_secrets(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    _refuse_dcr(client)
    rows = ctx.store.all(
        "SELECT id, created FROM client_secrets WHERE client_id = ? ORDER BY created, rowid",
        (client["ClientId"],),
    )
    # The value is never revealed after creation.
    return {"ClientSecrets": [{"ClientSecretId": r["id"], "ClientSecretCreateDate": r["created"]} for r in rows]}


@idp("DeleteUserPoolClientSecret")
def delete_user_pool_client_secret(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = get_pool_client(ctx, req["UserPoolId"], req["ClientId"])
    _refuse_dcr(client)
    secret_id = req["ClientSecretId"]
    row = ctx.store.one("SELECT id FROM client_secrets WHERE id = ? AND client_id = ?", (secret_id, client["ClientId"]))
    if row is None:
        raise resource_not_found(f"Client secret {secret_id} does not exist.")
    if len(client_secrets(ctx, client["ClientId"])) <= 1:
        raise invalid_parameter("You cannot delete the last remaining client secret of an app client.")
    ctx.store.run("DELETE FROM client_secrets WHERE id = ?", (secret_id,))
    return {}
