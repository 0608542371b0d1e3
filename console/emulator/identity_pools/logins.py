"""The Logins map: which provider each key names for an identity pool, and the checks of each login's token.

Keys and values (COGNITO-FACTS §8.2):

- a user pool, ``cognito-idp.<region>.amazonaws.com/<userPoolId>`` (or this server's issuer form
  ``{base}/<userPoolId>``), with an ID token of that pool for one of the app clients the identity pool
  names; with ServerSideTokenCheck, a token whose sign-in was revoked (or whose user is gone or disabled)
  is refused;
- an OpenID Connect provider of IAM that the pool names (its URL without its scheme), with an ID token for
  one of its client IDs, where its issuer is one of this server's user pools (checked with that pool's keys);
- ``cognito-identity.amazonaws.com``, with an OpenID token from GetOpenIdTokenForDeveloperIdentity for an
  identity of this pool.

- Google (``accounts.google.com``) and Sign in with Apple (``appleid.apple.com``), with an ID token for one of
  the client IDs SupportedLoginProviders gives (``;`` between them), and the OIDC providers whose issuer is
  elsewhere: checked against the keys the provider publishes (``verify_outside``, before the request's
  transaction, as it fetches them).

- Facebook (``graph.facebook.com``), Login with Amazon (``www.amazon.com``) and Twitter (``api.twitter.com``),
  whose logins are access tokens: checked at the provider (social.py, in ``verify_outside``);
- an IAM SAML provider that SamlProviderARNs names (its ARN), with the base64 SAML response for AWS: checked
  against the provider's metadata (saml.py).

Digits (``www.digits.com``) is gone: its logins are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.emulator.core import fetch
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, not_authorized
from console.emulator.hosted_ui.federation import oidc
from console.emulator.iam.providers import oidc_provider_for_issuer, provider_key
from console.emulator.user_pools import tokens

from . import openid, saml, social
from .pools import PUBLIC_PROVIDERS, user_pool_of_provider, user_pool_provider_name
from .verified import Login, invalid_login

COGNITO_IDENTITY = "cognito-identity.amazonaws.com"
UNSUPPORTED = "Token is not from a supported provider of this identity pool."


def _user_pool_login(ctx: RequestContext, pool: dict[str, Any], key: str, token: str, user_pool_id: str) -> Login:
    configured = [
        p
        for p in pool.get("CognitoIdentityProviders") or []
        if user_pool_of_provider(ctx, p.get("ProviderName", "")) == user_pool_id
    ]
    if not configured:
        raise not_authorized(UNSUPPORTED)
    verified = tokens.verify_jwt(ctx, token)
    if verified is None:
        if tokens.decode_unverified(token) is None:
            raise invalid_login("Not a valid OpenId Connect identity token.")
        raise invalid_login("Couldn't verify signed token.")
    issuer_pool, _header, claims = verified
    if issuer_pool != user_pool_id:
        raise invalid_login("Issuer doesn't match providerName")
    if claims.get("token_use") != "id":
        raise invalid_login("Not a valid OpenId Connect identity token.")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= ctx.now:
        raise invalid_login(f"Token expired: {exp} >= {int(ctx.now)}")
    matching = [p for p in configured if p.get("ClientId") == claims.get("aud")]
    if not matching:  # an app client the identity pool does not name: AWS says the same as for the pool
        raise not_authorized(UNSUPPORTED)
    if any(p.get("ServerSideTokenCheck") for p in matching) and tokens.sign_in_revoked(ctx, user_pool_id, claims):
        raise invalid_login("Token has been revoked.")
    provider = user_pool_provider_name(ctx, user_pool_id)
    sub = str(claims.get("sub"))
    return Login(
        key=key,
        provider=provider,
        subject=sub,
        claims=claims,
        amr=(provider, f"{provider}:CognitoSignIn:{sub}"),
        role_mapping_keys=(*(f"{p['ProviderName']}:{p['ClientId']}" for p in matching), key, provider),
    )


def _oidc_login(ctx: RequestContext, pool: dict[str, Any], key: str, token: str) -> Login:
    """A login of an IAM OIDC provider the pool names, whose issuer is one of this server's user pools: the
    token must be signed by that pool, for one of the provider's client IDs."""
    verified = tokens.verify_jwt(ctx, token)
    if verified is None:
        if tokens.decode_unverified(token) is None:
            raise invalid_login("Not a valid OpenId Connect identity token.")
        raise invalid_login("Couldn't verify signed token.")
    _pool_id, _header, claims = verified
    iss = str(claims.get("iss"))
    provider = oidc_provider_for_issuer(ctx, iss)
    if provider_key(iss) != key or provider is None or provider["Arn"] not in oidc_provider_names(pool).values():
        raise invalid_login("Issuer doesn't match providerName")
    if claims.get("token_use") != "id":
        raise invalid_login("Not a valid OpenId Connect identity token.")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= ctx.now:
        raise invalid_login(f"Token expired: {exp} >= {int(ctx.now)}")
    aud = str(claims.get("aud"))
    if aud not in provider["ClientIDList"]:
        raise invalid_login("Incorrect token audience.")
    sub = str(claims.get("sub"))
    return Login(
        key=key, provider=key, subject=sub, claims=claims, amr=(key, f"{key}:{aud}:{sub}"), role_mapping_keys=(key,)
    )


def _cognito_login(ctx: RequestContext, pool: dict[str, Any], token: str) -> Login:
    try:
        claims = openid.verify(ctx, token)
    except AwsError as err:
        raise invalid_login(err.message) from None
    if claims.get("aud") != pool["IdentityPoolId"]:
        raise invalid_login("Token is not for this identity pool.")
    amr = claims.get("amr")
    if not isinstance(amr, list) or "authenticated" not in amr:
        raise invalid_login("Not an authenticated identity's token.")
    developer = pool.get("DeveloperProviderName")
    tags = (claims.get(openid.TAGS_CLAIM) or {}).get("principal_tags") or {}
    return Login(
        key=COGNITO_IDENTITY,
        provider=COGNITO_IDENTITY,
        subject=str(claims["sub"]),
        claims=claims,
        amr=tuple(str(a) for a in amr if a != "authenticated"),
        role_mapping_keys=(COGNITO_IDENTITY, developer) if developer else (COGNITO_IDENTITY,),
        identity_id=str(claims["sub"]),
        principal_tags={k: v[0] if isinstance(v, list) and v else str(v) for k, v in tags.items()},
    )


def oidc_provider_names(pool: dict[str, Any]) -> dict[str, str]:
    """The pool's OpenID Connect providers: the Logins key of each (its URL without https://) -> its ARN."""
    return {arn.split(":oidc-provider/", 1)[1]: arn for arn in pool.get("OpenIdConnectProviderARNs") or []}


def verify(
    ctx: RequestContext,
    pool: dict[str, Any],
    logins: Mapping[str, str],
    outside: Mapping[str, Login | AwsError] | None = None,
) -> list[Login]:
    """Check every login of a Logins map against the identity pool; NotAuthorizedException for the first that
    fails. ``outside`` holds what ``verify_outside`` found for the logins of providers elsewhere."""
    found: list[Login] = []
    for key, token in logins.items():
        checked = (outside or {}).get(key)
        if isinstance(checked, AwsError):
            raise checked
        if checked is not None:
            found.append(checked)
            continue
        if key == COGNITO_IDENTITY:
            found.append(_cognito_login(ctx, pool, token))
            continue
        user_pool_id = user_pool_of_provider(ctx, key)
        oidc = oidc_provider_names(pool)
        if key in oidc:
            found.append(_oidc_login(ctx, pool, key, token))
        elif user_pool_id is not None:
            found.append(_user_pool_login(ctx, pool, key, token, user_pool_id))
        elif key in (pool.get("SupportedLoginProviders") or {}) and key in PUBLIC_PROVIDERS:
            # Digits, which Twitter closed in 2017: no service is left to check its logins with.
            raise invalid_login(f"Logins of {key} cannot be verified.")
        elif key in (pool.get("SamlProviderARNs") or []):
            checked = saml.verify(ctx, pool, key, token)
            if isinstance(checked, AwsError):
                raise checked
            found.append(checked)
        elif key == pool.get("DeveloperProviderName"):
            raise not_authorized(
                "Developer-authenticated identities sign in with the OpenID token of "
                f"GetOpenIdTokenForDeveloperIdentity under the key {COGNITO_IDENTITY}."
            )
        else:
            raise not_authorized(UNSUPPORTED)
    return found


# -- providers elsewhere --------------------------------------------------------------------------------------

# The public providers whose logins are OpenID Connect ID tokens, by the user pool provider type that has
# their endpoints (hosted_ui/federation/oidc.py; --social-base-url moves them to a stand-in).
PUBLIC_OIDC = {"accounts.google.com": "Google", "appleid.apple.com": "SignInWithApple"}


def _outside_login(key: str, claims: dict[str, Any]) -> Login:
    sub, aud = str(claims.get("sub")), str(claims.get("aud"))
    return Login(
        key=key, provider=key, subject=sub, claims=claims, amr=(key, f"{key}:{aud}:{sub}"), role_mapping_keys=(key,)
    )


async def _checked_at(
    ctx: RequestContext, key: str, token: str, where: oidc.Endpoints, audiences: list[str]
) -> Login | AwsError:
    for audience in audiences:
        try:
            claims = await oidc.verify_id_token(ctx, token, where, audience=audience, nonce=None)
        except oidc.FederationError:
            continue
        return _outside_login(key, claims)
    return invalid_login("Couldn't verify signed token.")


async def _outside_oidc(ctx: RequestContext, pool: dict[str, Any], key: str, token: str) -> Login | AwsError | None:
    """An IAM OIDC provider's login whose issuer is not one of this server's user pools: its ID token checked
    against the keys the issuer's discovery document names, for one of the provider's client IDs."""
    if tokens.verify_jwt(ctx, token) is not None:
        return None  # a local user pool's token: checked with the pool's keys (_oidc_login)
    decoded = tokens.decode_unverified(token)
    if decoded is None:
        return invalid_login("Not a valid OpenId Connect identity token.")
    iss = decoded[1].get("iss")
    provider = oidc_provider_for_issuer(ctx, iss) if isinstance(iss, str) else None
    if (
        not isinstance(iss, str)
        or provider_key(iss) != key
        or provider is None
        or provider["Arn"] not in oidc_provider_names(pool).values()
    ):
        return invalid_login("Issuer doesn't match providerName")
    discovery = await fetch.get_json(ctx, f"{iss.rstrip('/')}/.well-known/openid-configuration")
    jwks_uri = discovery.get("jwks_uri") if isinstance(discovery, dict) else None
    if not isinstance(jwks_uri, str):
        return invalid_login("Couldn't retrieve the keys of the identity provider.")
    where = oidc.Endpoints("", "", None, jwks_uri, iss)
    return await _checked_at(ctx, key, token, where, list(provider["ClientIDList"]))


async def verify_outside(
    ctx: RequestContext, pool: dict[str, Any], logins: Mapping[str, str]
) -> dict[str, Login | AwsError]:
    """The logins of providers elsewhere (Google, Sign in with Apple, OIDC providers whose issuer is not a
    local user pool, checked against their published keys; Facebook, Login with Amazon, Twitter, checked at
    their APIs); run before the request's transaction, since
    fetching keys waits on the network. Each is a Login, or the error its check gave."""
    found: dict[str, Login | AwsError] = {}
    for key, token in logins.items():
        if key in oidc_provider_names(pool):
            checked = await _outside_oidc(ctx, pool, key, token)
            if checked is not None:
                found[key] = checked
        elif key in social.PROVIDERS and key in (pool.get("SupportedLoginProviders") or {}):
            found[key] = await social.verify(ctx, pool, key, token)
        elif key in PUBLIC_OIDC and key in (pool.get("SupportedLoginProviders") or {}):
            kind = PUBLIC_OIDC[key]
            where = oidc.endpoints(
                {"ProviderType": kind, "ProviderDetails": {"authorize_url": "", "token_url": ""}},
                ctx.config.social_base_url,
            )
            audiences = [a for a in str(pool["SupportedLoginProviders"][key]).split(";") if a]
            found[key] = await _checked_at(ctx, key, token, where, audiences)
    return found
