"""OIDC and the social providers: where to send the browser, the code exchange, the ID token check, the user's claims.

- OIDC providers: the endpoints CreateIdentityProvider filled in (from the issuer's discovery document or
  given explicitly). Client authentication at the token endpoint is ``client_secret_post``. The ID token
  must be signed by a key of the provider's JWKS (RS256/384/512, PS*, ES256/384/512) and carry the issuer
  (``oidc_issuer``), the app's ``client_id`` in ``aud``, an ``exp`` in the future and the nonce sent.
  Claims come from the ID token and from the provider's userinfo endpoint (``attributes_url``, by
  ``attributes_request_method``), userinfo winning.
- Google and Sign in with Apple are OIDC providers with fixed endpoints; Apple's client secret is the
  ES256 JWT Apple asks for (``team_id``, ``key_id``, ``private_key``). Facebook and Login with Amazon are
  plain OAuth 2.0: no ID token; the user's fields come from the Graph API (``me?fields=`` the mapped
  fields and ``id``) and from Amazon's profile endpoint.
- the server's ``--social-base-url`` (``COGNITO_LOCAL_SOCIAL_BASE_URL``) points the social providers at a
  stand-in (a test's fake): with it set to ``http://127.0.0.1:9000``, Google's endpoints are
  ``{base}/google/authorize``, ``/token`` and ``/jwks`` and its issuer ``{base}/google``; Sign in with
  Apple's the same under ``{base}/signinwithapple`` (its client secret's audience is that issuer);
  Facebook's and Login with Amazon's are ``{base}/facebook/authorize``, ``/token`` and ``/userinfo`` (and
  ``loginwithamazon``), the user's fields read from ``/userinfo`` with the access token as a Bearer token.
- An issuer over plain http is accepted only on loopback (CreateIdentityProvider already refuses others),
  so a pool of this local Cognito can be another pool's OIDC provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt

from console.emulator.core import fetch
from console.emulator.core.context import RequestContext

SOCIAL = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
_JSON = {"Accept": "application/json"}
_LEEWAY = 60  # seconds of clock difference tolerated on exp / iat
_GOOGLE = ("https://accounts.google.com", "https://www.googleapis.com/oauth2/v3/certs")
_APPLE = ("https://appleid.apple.com", "https://appleid.apple.com/auth/keys")


class FederationError(Exception):
    """A sign-in at an external provider that failed: ``description`` goes back to the app as
    ``error_description`` (``error`` is ``invalid_request`` unless the provider named another)."""

    def __init__(self, description: str, error: str = "invalid_request") -> None:
        super().__init__(description)
        self.description = description
        self.error = error


@dataclass(frozen=True)
class Endpoints:
    authorize_url: str
    token_url: str
    attributes_url: str | None
    jwks_uri: str | None
    issuer: str | None
    token_method: str = "POST"  # noqa: S105 - an HTTP method, not a password
    attributes_method: str = "GET"


def endpoints(provider: dict[str, Any], social_base: str = "") -> Endpoints:
    """Where the provider answers (``social_base``, the server's --social-base-url, moves the social ones)."""
    details = provider.get("ProviderDetails") or {}
    kind = provider["ProviderType"]
    base = social_base.strip().rstrip("/")
    if kind in SOCIAL and base:
        here = f"{base}/{kind.lower()}"
        with_id_token = kind in ("Google", "SignInWithApple")
        return Endpoints(
            f"{here}/authorize",
            f"{here}/token",
            f"{here}/userinfo" if not with_id_token else None,
            f"{here}/jwks" if with_id_token else None,
            here if with_id_token else None,
            "POST",
        )
    if kind == "Google":
        return Endpoints(details["authorize_url"], details["token_url"], None, _GOOGLE[1], _GOOGLE[0])
    if kind == "SignInWithApple":
        return Endpoints(details["authorize_url"], details["token_url"], None, _APPLE[1], _APPLE[0])
    if kind in ("Facebook", "LoginWithAmazon"):
        return Endpoints(
            details["authorize_url"],
            details["token_url"],
            details.get("attributes_url"),
            None,
            None,
            details.get("token_request_method") or "POST",
        )
    return Endpoints(
        details["authorize_url"],
        details["token_url"],
        details.get("attributes_url"),
        details.get("jwks_uri"),
        details.get("oidc_issuer"),
        "POST",
        details.get("attributes_request_method") or "GET",
    )


def authorize_url(
    provider: dict[str, Any],
    where: Endpoints,
    *,
    redirect_uri: str,
    state: str,
    nonce: str,
    acr_values: str | None = None,
) -> str:
    """The provider's authorization request for this sign-in (code flow); ``acr_values`` are the provider's own
    values for the levels the app asked for (its AcrMapping, user_pools/acr.py)."""
    details = provider.get("ProviderDetails") or {}
    params = {
        "client_id": details.get("client_id", ""),
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": details.get("authorize_scopes", "openid"),
        "state": state,
    }
    if where.jwks_uri is not None:
        params["nonce"] = nonce
    if acr_values:
        params["acr_values"] = acr_values
    if provider["ProviderType"] == "SignInWithApple" and set(params["scope"].split()) & {"name", "email"}:
        # Apple answers with a form POST when name or email is asked for.
        params["response_mode"] = "form_post"
    separator = "&" if "?" in where.authorize_url else "?"
    return f"{where.authorize_url}{separator}{urlencode(params)}"


def _apple_client_secret(details: dict[str, str], audience: str, now: float) -> str:
    headers = {"kid": details.get("key_id", ""), "alg": "ES256"}
    claims = {
        "iss": details.get("team_id", ""),
        "iat": int(now),
        "exp": int(now) + 300,
        "aud": audience,
        "sub": details.get("client_id", ""),
    }
    try:
        return jwt.encode(claims, details.get("private_key", ""), algorithm="ES256", headers=headers)
    except Exception:
        raise FederationError("The Sign in with Apple private_key is not a usable ES256 key.") from None


async def exchange_code(
    ctx: RequestContext, provider: dict[str, Any], where: Endpoints, *, code: str, redirect_uri: str
) -> dict[str, Any]:
    """The provider's token response for ``code``."""
    details = provider.get("ProviderDetails") or {}
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": details.get("client_id", ""),
    }
    if provider["ProviderType"] == "SignInWithApple":
        form["client_secret"] = _apple_client_secret(details, where.issuer or _APPLE[0], ctx.now)
    elif details.get("client_secret"):
        form["client_secret"] = details["client_secret"]
    if where.token_method == "GET":  # noqa: S105 - an HTTP method
        separator = "&" if "?" in where.token_url else "?"
        response = await fetch.request(ctx, "GET", f"{where.token_url}{separator}{urlencode(form)}", headers=_JSON)
    else:
        response = await fetch.request(ctx, "POST", where.token_url, data=form, headers=_JSON)
    if response is None:
        raise FederationError("Unable to reach the token endpoint of the identity provider.")
    body = fetch.json_of(response)
    if response.status_code != 200 or not isinstance(body, dict) or not body.get("access_token"):
        raise FederationError("Invalid code or client credentials at the token endpoint of the identity provider.")
    return body


async def verify_id_token(
    ctx: RequestContext, token: str, where: Endpoints, *, audience: str, nonce: str | None
) -> dict[str, Any]:
    """The claims of the provider's ID token, once its signature (a key of the provider's JWKS), issuer,
    audience, expiry and nonce are checked."""
    if where.jwks_uri is None or where.issuer is None:
        raise FederationError("The identity provider has no keys to verify its ID token with.")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise FederationError("Bad id_token from the identity provider.") from None
    algorithm = header.get("alg")
    if algorithm not in _ALGORITHMS:
        raise FederationError("Bad id_token from the identity provider: unsupported algorithm.")
    document = await fetch.get_json(ctx, where.jwks_uri)
    found = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(found, list):
        raise FederationError("Unable to retrieve the keys of the identity provider.")
    kid = header.get("kid")
    candidates = [k for k in found if isinstance(k, dict) and (kid is None or k.get("kid") == kid)]
    for candidate in candidates:
        try:
            key = jwt.PyJWK(candidate, algorithm=algorithm)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=audience,
                issuer=where.issuer,
                leeway=_LEEWAY,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            continue
        if nonce is not None and claims.get("nonce") != nonce:
            raise FederationError("Bad id_token from the identity provider: the nonce does not match.")
        if not fetch.encodable(claims):
            raise FederationError("Bad id_token from the identity provider: a claim is not Unicode text.")
        return claims
    raise FederationError("Bad id_token from the identity provider: invalid signature, issuer, audience or expiry.")


async def user_claims(
    ctx: RequestContext, provider: dict[str, Any], where: Endpoints, tokens: dict[str, Any], *, nonce: str | None
) -> dict[str, Any]:
    """Everything the provider says about the user: the verified ID token's claims, then the userinfo
    endpoint's (Graph API fields for Facebook, the profile for Login with Amazon)."""
    details = provider.get("ProviderDetails") or {}
    claims: dict[str, Any] = {}
    if where.jwks_uri is not None:
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str):
            raise FederationError("The identity provider did not return an id_token.")
        claims.update(await verify_id_token(ctx, id_token, where, audience=details.get("client_id", ""), nonce=nonce))
    if where.attributes_url:
        url = where.attributes_url
        if provider["ProviderType"] == "Facebook":
            fields = {"id", *(v for k, v in (provider.get("AttributeMapping") or {}).items() if k != "username")}
            if url.endswith("fields="):
                url += ",".join(sorted(fields))
            else:
                url += ("&" if "?" in url else "?") + urlencode({"fields": ",".join(sorted(fields))})
        auth = {**_JSON, "Authorization": f"Bearer {tokens['access_token']}"}
        if where.attributes_method == "POST":
            response = await fetch.request(ctx, "POST", url, data={}, headers=auth)
        else:
            response = await fetch.request(ctx, "GET", url, headers=auth)
        info: Any = None
        if response is not None and response.status_code == 200:
            info = fetch.json_of(response)
        if not isinstance(info, dict):
            if not claims:
                raise FederationError("Unable to retrieve the user's attributes from the identity provider.")
        else:
            if claims and info.get("sub") not in (None, claims.get("sub")):
                raise FederationError("The userinfo of the identity provider names another user.")
            claims.update(info)
    return claims


def subject(provider: dict[str, Any], claims: dict[str, Any]) -> str:
    """The provider's ID for the user: the claim the AttributeMapping maps to ``username``."""
    source = (provider.get("AttributeMapping") or {}).get("username") or "sub"
    value = claims.get(source)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise FederationError(f"The identity provider did not return the user's {source}.")
    return value
