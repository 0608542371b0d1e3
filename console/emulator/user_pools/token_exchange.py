"""Token exchange (RFC 8693): GetDerivedToken, and the token endpoint's token-exchange grant (hosted_ui/token.py).

A service holding a user's token (the *subject token*) trades it for a new access or ID token, narrowed in
scope and bound to one downstream audience or resource server, with no refresh token. With an *actor
token* (the service's own token: a client credentials access token, or a user's) the issued token carries
an ``act`` claim naming the intermediary (delegation); without one it reads as the user's own
(impersonation). The requesting app client needs ``ALLOW_TOKEN_EXCHANGE_DELEGATION`` or
``ALLOW_TOKEN_EXCHANGE_IMPERSONATION`` in its ExplicitAuthFlows accordingly. Essentials and Plus only.

Rules, from the GetDerivedToken reference:
- The subject and actor tokens must be this pool's, signed with the key of their declared type, unexpired
  and not revoked (GlobalSignOut, RevokeToken, a deleted app client, a disabled or deleted user).
- Scopes: those requested, narrowed to the subject token's and the requesting client's; none requested,
  the subject token's. ``Resources`` (one resource server identifier of the pool) narrows them to that
  server's scopes and becomes ``aud``; ``Audiences`` (one app client ID or resource server identifier of the
  pool) becomes ``aud``; both at once are refused.
- The issued token keeps the subject token's sign-in (``origin_jti``, ``auth_time``), so revoking that
  sign-in revokes it too, and it never outlives the subject token.

[U] AWS's exact error messages for this operation are not documented; the codes follow the model's error
list. Subject tokens of third-party providers (``SubjectTokenProviderName``, SAML2) are refused here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized
from console.emulator.core.registry import idp

from . import clients, keys, pools, tokens, users

IMPERSONATION_FLOW = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION"
DELEGATION_FLOW = "ALLOW_TOKEN_EXCHANGE_DELEGATION"
ACCESS_TOKEN = "ACCESS_TOKEN"  # noqa: S105 - a token type name, not a password
ID_TOKEN = "ID_TOKEN"  # noqa: S105 - a token type name, not a password
SAML2 = "SAML2"

# RFC 8693's token type URIs, as the token endpoint names them.
TOKEN_TYPE_URIS = {
    "urn:ietf:params:oauth:token-type:access_token": ACCESS_TOKEN,
    "urn:ietf:params:oauth:token-type:id_token": ID_TOKEN,
    "urn:ietf:params:oauth:token-type:saml2": SAML2,
}
URI_OF_TYPE = {v: k for k, v in TOKEN_TYPE_URIS.items()}


@dataclass(frozen=True)
class Exchange:
    """One exchange request, whichever way it came (GetDerivedToken or the token endpoint)."""

    subject_token: str
    subject_token_type: str
    actor_token: str | None = None
    actor_token_type: str | None = None
    scopes: tuple[str, ...] | None = None
    audience: str | None = None
    resource: str | None = None
    requested_token_type: str = ACCESS_TOKEN
    provider_name: str | None = None


@dataclass(frozen=True)
class Issued:
    token: str
    token_type: str  # ACCESS_TOKEN | ID_TOKEN
    expires_in: int
    scopes: tuple[str, ...]


class ExchangeRefused(AwsError):
    """An AWS error that also names the RFC 8693 / RFC 6749 error the token endpoint answers with."""

    def __init__(self, code: str, message: str, oauth_error: str) -> None:
        super().__init__(code, message)
        self.oauth_error = oauth_error


def _refused(message: str, oauth_error: str = "invalid_grant") -> ExchangeRefused:
    return ExchangeRefused("NotAuthorizedException", message, oauth_error)


def _invalid(message: str, oauth_error: str = "invalid_request") -> ExchangeRefused:
    return ExchangeRefused("InvalidParameterException", message, oauth_error)


def _check_token(
    ctx: RequestContext, pool_id: str, token: str, token_type: str, what: str
) -> tuple[dict[str, Any], users.User | None]:
    """The claims of a live token of this pool of ``token_type``, and its user (None for a client
    credentials token); NotAuthorizedException otherwise."""
    if token_type == SAML2:
        raise _invalid(f"{what}Type SAML2 needs {what}ProviderName, a SAML identity provider of the user pool.")
    verified = tokens.verify_jwt(ctx, token)
    if verified is None or verified[0] != pool_id:
        raise _refused(f"Invalid {what}.")
    _, header, claims = verified
    pool_keys = keys.require(ctx, pool_id)
    expected = ("access", pool_keys.access_kid) if token_type == ACCESS_TOKEN else ("id", pool_keys.id_kid)
    if claims.get("token_use") != expected[0] or header.get("kid") != expected[1]:
        raise _refused(f"Invalid {what}.")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= ctx.now:
        raise _refused(f"{what} has expired.")
    user_token = "username" in claims or "cognito:username" in claims
    if not user_token:
        # A client credentials token: its app client must still exist.
        client_id = str(claims.get("client_id") or claims.get("sub"))
        if ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (client_id, pool_id)) is None:
            raise _refused(f"{what} has been revoked.")
        return claims, None
    if tokens.sign_in_revoked(ctx, pool_id, claims):
        user = users.by_sub(ctx, pool_id, str(claims.get("sub")))
        if user is None:
            raise ExchangeRefused("UserNotFoundException", "User does not exist.", "invalid_grant")
        if not user.enabled:
            raise _refused("User is disabled.")
        raise _refused(f"{what} has been revoked.")
    user = users.by_sub(ctx, pool_id, str(claims.get("sub")))
    assert user is not None
    return claims, user


def _token_scopes(claims: dict[str, Any], token_type: str) -> list[str]:
    if token_type == ID_TOKEN:
        return []
    scope = claims.get("scope")
    return str(scope).split() if scope else []


def _granted_scopes(
    ctx: RequestContext, client: dict[str, Any], subject_scopes: list[str], exchange: Exchange
) -> list[str]:
    if exchange.scopes:
        allowed = set(client.get("AllowedOAuthScopes") or [])
        granted = [s for s in dict.fromkeys(exchange.scopes) if s in subject_scopes and s in allowed]
        if not granted:
            raise _invalid("Invalid scope requested.", "invalid_scope")
    else:
        granted = list(subject_scopes)
    if exchange.resource is not None:
        granted = [s for s in granted if s.startswith(f"{exchange.resource}/")]
        if not granted and exchange.requested_token_type == ACCESS_TOKEN:
            raise _invalid(f"No scope of resource server {exchange.resource} is granted.", "invalid_scope")
    return granted


def _audience(ctx: RequestContext, pool_id: str, exchange: Exchange) -> str | None:
    if exchange.audience is not None and exchange.resource is not None:
        raise _invalid("You can't request both Audiences and Resources.")
    if exchange.resource is not None:
        if exchange.resource not in _resource_servers(ctx, pool_id):
            raise _invalid(f"Resource {exchange.resource} is not a resource server of the user pool.", "invalid_target")
        return exchange.resource
    if exchange.audience is not None:
        is_client = ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (exchange.audience, pool_id))
        if not is_client and exchange.audience not in _resource_servers(ctx, pool_id):
            raise _invalid(f"Audience {exchange.audience} is not allowed.", "invalid_target")
        return exchange.audience
    return None


def _resource_servers(ctx: RequestContext, pool_id: str) -> set[str]:
    rows = ctx.store.all("SELECT identifier FROM resource_servers WHERE pool_id = ?", (pool_id,))
    return {str(r["identifier"]) for r in rows}


def _actor_claim(claims: dict[str, Any]) -> dict[str, Any]:
    act: dict[str, Any] = {"sub": claims.get("sub")}
    client_id = claims.get("client_id", claims.get("aud"))
    if client_id is not None:
        act["client_id"] = client_id
    # A chain of delegations keeps the earlier actors inside, as RFC 8693 §4.1 nests them.
    if isinstance(claims.get("act"), dict):
        act["act"] = claims["act"]
    return act


def exchange_token(ctx: RequestContext, client: dict[str, Any], exchange: Exchange) -> Issued:
    """The token ``client`` (already authenticated) gets for ``exchange``; inside a transaction.

    Raises ``ExchangeRefused`` (an AwsError carrying the OAuth error code) or the pool's own errors.
    """
    pool = pools.get_pool(ctx, client["UserPoolId"])
    if pool.get("UserPoolTier") == "LITE":
        raise ExchangeRefused(
            "FeatureUnavailableInTierException",
            "Token exchange is not available in the Lite tier of user pools.",
            "unauthorized_client",
        )
    flows = client.get("ExplicitAuthFlows") or []
    delegation = exchange.actor_token is not None
    needed = DELEGATION_FLOW if delegation else IMPERSONATION_FLOW
    if needed not in flows:
        raise _invalid(f"{needed.removeprefix('ALLOW_')} flow not enabled for this client", "unauthorized_client")
    if exchange.provider_name is not None:
        raise _invalid(
            "SubjectTokenProviderName names a third-party identity provider; this user pool exchanges only its own"
            " tokens."
        )
    if exchange.requested_token_type not in (ACCESS_TOKEN, ID_TOKEN):
        raise _invalid("Invalid RequestedTokenType.")
    subject, user = _check_token(ctx, pool["Id"], exchange.subject_token, exchange.subject_token_type, "SubjectToken")
    if user is None:
        raise _refused("The SubjectToken does not represent a user.")
    act: dict[str, Any] | None = None
    if delegation:
        if exchange.actor_token_type is None:
            raise _invalid("ActorTokenType is required with ActorToken.")
        actor, _ = _check_token(ctx, pool["Id"], str(exchange.actor_token), exchange.actor_token_type, "ActorToken")
        act = _actor_claim(actor)
    elif exchange.actor_token_type is not None:
        raise _invalid("ActorTokenType is only allowed with ActorToken.")
    audience = _audience(ctx, pool["Id"], exchange)
    scopes = _granted_scopes(ctx, client, _token_scopes(subject, exchange.subject_token_type), exchange)

    pool_keys = keys.require(ctx, pool["Id"])
    now = int(ctx.now)
    # The subject's sign-in: revoking it revokes this token (tokens.py finds it by origin_jti or event_id).
    origin = {
        "origin_jti": subject.get("origin_jti") or str(uuid.uuid4()),
        "event_id": subject.get("event_id") or str(uuid.uuid4()),
        "auth_time": subject.get("auth_time", now),
        "scopes": json.dumps(scopes) if scopes else None,
        "device_key": None,
    }
    revocable = "origin_jti" in subject
    jti = str(uuid.uuid4()) if revocable else None
    groups = tokens.group_claims(ctx, user)
    ceiling = int(subject["exp"]) - now
    if exchange.requested_token_type == ACCESS_TOKEN:
        claims = tokens.access_claims(ctx, pool, client, user, origin, groups, now=now, jti=jti, oauth=True)
        if not revocable:
            claims["event_id"] = origin["event_id"]
        claims["scope"] = " ".join(scopes)
        if not scopes:
            del claims["scope"]
        validity = min(tokens.access_validity(client), ceiling)
        if audience is not None:
            claims["aud"] = audience
    else:
        claims = tokens.id_claims(ctx, pool, client, user, origin, groups, now=now, jti=jti, oauth=True, nonce=None)
        if not revocable:
            claims["event_id"] = origin["event_id"]
        validity = min(tokens.id_validity(client), ceiling)
        claims["aud"] = audience if audience is not None else client["ClientId"]
    claims["exp"] = now + validity
    if act is not None:
        claims["act"] = act
    if exchange.requested_token_type == ACCESS_TOKEN:
        token = tokens.sign_access_token(ctx, pool_keys, claims)
    else:
        token = tokens.sign_id_token(ctx, pool_keys, claims)
    return Issued(token, exchange.requested_token_type, validity, tuple(scopes))


def _authenticate(ctx: RequestContext, client: dict[str, Any], secret: str | None) -> None:
    """GetDerivedToken: the client's secret, unless the request is signed with IAM credentials."""
    signed = ctx.headers.get("authorization", "").startswith("AWS4-HMAC-SHA256")
    if secret is not None:
        if not clients.secret_matches(ctx, client["ClientId"], secret):
            raise not_authorized(f"Unable to verify secret for client {client['ClientId']}")
    elif clients.client_secrets(ctx, client["ClientId"]) and not signed:
        raise not_authorized(f"Client {client['ClientId']} is configured with secret but ClientSecret was not received")


@idp("GetDerivedToken", public=True)
def get_derived_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    client = clients.get_client(ctx, req["ClientId"])
    _authenticate(ctx, client, req.get("ClientSecret"))
    audiences = req.get("Audiences") or []
    resources = req.get("Resources") or []
    if audiences and resources:
        raise invalid_parameter("You can't request both Audiences and Resources.")
    if req.get("ActorTokenProviderName") is not None and req.get("ActorToken") is None:
        raise invalid_parameter("ActorTokenProviderName is only allowed with ActorToken.")
    exchange = Exchange(
        subject_token=req["SubjectToken"],
        subject_token_type=req["SubjectTokenType"],
        actor_token=req.get("ActorToken"),
        actor_token_type=req.get("ActorTokenType"),
        scopes=tuple(req["Scopes"]) if req.get("Scopes") else None,
        audience=audiences[0] if audiences else None,
        resource=resources[0] if resources else None,
        requested_token_type=req.get("RequestedTokenType") or ACCESS_TOKEN,
        provider_name=req.get("SubjectTokenProviderName") or req.get("ActorTokenProviderName"),
    )
    try:
        issued = exchange_token(ctx, client, exchange)
    except ExchangeRefused as err:
        raise AwsError(err.code, err.message) from None
    out: dict[str, Any] = {
        "IssuedToken": issued.token,
        "IssuedTokenType": issued.token_type,
        "TokenType": "Bearer",
        "ExpiresIn": issued.expires_in,
    }
    if issued.scopes:
        out["Scopes"] = list(issued.scopes)
    return out


# -- the token endpoint's grant (hosted_ui/token.py) ---------------------------------------------------

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange"


def exchange_from_form(fields: dict[str, str]) -> Exchange:
    """The exchange a token request's form asks for (RFC 8693 §2.1); ``invalid_request`` if malformed."""
    subject = fields.get("subject_token")
    subject_type = TOKEN_TYPE_URIS.get(fields.get("subject_token_type") or "")
    if not subject or subject_type is None:
        raise _invalid("subject_token and a supported subject_token_type are required.")
    actor = fields.get("actor_token") or None
    actor_type_uri = fields.get("actor_token_type") or None
    actor_type = TOKEN_TYPE_URIS.get(actor_type_uri) if actor_type_uri is not None else None
    if (actor is None) != (actor_type_uri is None) or (actor_type_uri is not None and actor_type is None):
        raise _invalid("actor_token and a supported actor_token_type go together.")
    requested_uri = fields.get("requested_token_type") or URI_OF_TYPE[ACCESS_TOKEN]
    requested = TOKEN_TYPE_URIS.get(requested_uri)
    if requested not in (ACCESS_TOKEN, ID_TOKEN):
        raise _invalid("Unsupported requested_token_type.")
    scope = fields.get("scope")
    return Exchange(
        subject_token=subject,
        subject_token_type=subject_type,
        actor_token=actor,
        actor_token_type=actor_type,
        scopes=tuple(scope.split()) if scope and scope.split() else None,
        audience=fields.get("audience") or None,
        resource=fields.get("resource") or None,
        requested_token_type=requested,
    )


def oauth_body(issued: Issued) -> dict[str, Any]:
    """The token endpoint's answer (RFC 8693 §2.2.1): the issued token in ``access_token``, whatever its type."""
    body: dict[str, Any] = {
        "access_token": issued.token,
        "issued_token_type": URI_OF_TYPE[issued.token_type],
        "token_type": "Bearer" if issued.token_type == ACCESS_TOKEN else "N_A",
        "expires_in": issued.expires_in,
    }
    if issued.scopes:
        body["scope"] = " ".join(issued.scopes)
    return body
