"""Tokens: RS256 ID and access tokens as AWS issues them, opaque refresh tokens, revocation.

- ID and access tokens are JWTs signed with the pool's own keys (``keys.py``: one key for each kind, as
  AWS does), with exactly AWS's claims (COGNITO-FACTS §1.3, §1.4).
- Refresh tokens look like AWS's: a five-segment JWE with the header
  ``{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}``. Inside, AES-256-GCM under the pool's secret key
  hides a reference to a server-side record, so refresh tokens can be revoked and rotated.
- Every authentication is an *origin* (``token_origins``): the ``origin_jti`` of the tokens it yields.
  Revoking a refresh token, GlobalSignOut and AdminUserGlobalSignOut revoke origins, and with them every
  access token issued under them. Tokens without ``origin_jti`` (revocation disabled on the client) are
  traced by ``event_id``.

Other modules use ``issue_tokens`` (after any successful sign-in) and ``authenticate_access_token``
(every operation that takes an ``AccessToken``).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from console.emulator.core import signatures
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, not_authorized
from console.emulator.core.registry import idp
from console.emulator.core.store import compact_json, loads

from . import acr, clients, keys, pools, pre_token, session_tracking, users
from .keys import b64url, b64url_decode
from .users import User

ADMIN_SCOPE = "aws.cognito.signin.user.admin"
_REFRESH_HEADER = b64url(b'{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}')
_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_CLEANUP_EVERY = 500


# -- validity -------------------------------------------------------------------------------------------


def _validity(client: dict[str, Any], field: str, unit_key: str, default_unit: str, default: int) -> int:
    value = client.get(field)
    if not value:
        return default
    unit = (client.get("TokenValidityUnits") or {}).get(unit_key) or default_unit
    return int(value) * _UNITS.get(unit, 3600)


def access_validity(client: dict[str, Any]) -> int:
    return _validity(client, "AccessTokenValidity", "AccessToken", "hours", 3600)


def id_validity(client: dict[str, Any]) -> int:
    return _validity(client, "IdTokenValidity", "IdToken", "hours", 3600)


def refresh_validity(client: dict[str, Any]) -> int:
    # "You can't set RefreshTokenValidity to 0 ... Cognito overrides the value with ... 30 days."
    return _validity(client, "RefreshTokenValidity", "RefreshToken", "days", 30 * 86400)


def revocation_enabled(client: dict[str, Any]) -> bool:
    return client.get("EnableTokenRevocation", True) is not False


def rotation(client: dict[str, Any]) -> tuple[bool, int]:
    config = client.get("RefreshTokenRotation") or {}
    return config.get("Feature") == "ENABLED", int(config.get("RetryGracePeriodSeconds") or 0)


# -- JWTs -----------------------------------------------------------------------------------------------


_headers: dict[str, str] = {}  # a JWT's first segment, by kid


def _sign(ctx: RequestContext, key: Any, kid: str, claims: dict[str, Any], *, now: bool = False) -> str:
    """A signed JWT; in a JSON API request the signature is made after the commit, off the event loop
    (signatures.py), unless ``now`` (something in this request needs the whole token)."""
    header = _headers.get(kid)
    if header is None:
        header = _headers[kid] = b64url(json.dumps({"kid": kid, "alg": "RS256"}, separators=(",", ":")).encode())
    payload = b64url(compact_json(claims))
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = signatures.rs256(key, signing_input) if now else signatures.sign(ctx, kid, key, signing_input)
    return f"{header}.{payload}.{signature}"


def sign_access_token(ctx: RequestContext, pool_keys: keys.PoolKeys, claims: dict[str, Any]) -> str:
    """An access token of ``claims`` signed with the pool's access key (client_tokens.py's M2M tokens)."""
    return _sign(ctx, pool_keys.access_key, pool_keys.access_kid, claims)


def sign_id_token(ctx: RequestContext, pool_keys: keys.PoolKeys, claims: dict[str, Any]) -> str:
    """An ID token of ``claims`` signed with the pool's ID key (token_exchange.py's derived ID tokens)."""
    return _sign(ctx, pool_keys.id_key, pool_keys.id_kid, claims)


def decode_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(header, claims) of a JWT, or None if it is not one."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        return None
    return header, claims


_VERIFIED = "user_pools.verified_jwts"
_VERIFIED_MAX = 4096


def verify_jwt(ctx: RequestContext, token: str) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(pool id, header, claims) if ``token`` is a JWT signed by one of our pools' keys, else None.

    Checks the issuer and the signature, not expiry or revocation. A token whose signature checked out is
    remembered with the pool keys that signed it (an app presents the same token call after call): while
    its pool exists with those keys, it is not decoded and checked again.
    """
    cache: dict[str, tuple[str, dict[str, Any], dict[str, Any], keys.PoolKeys]] = ctx.state.setdefault(_VERIFIED, {})
    hit = cache.get(token)
    if hit is not None:
        pool_id, header, claims, signed_by = hit
        if (
            claims.get("iss") == ctx.issuer(pool_id)
            and ctx.store.value("SELECT 1 FROM pools WHERE id = ?", (pool_id,))
            and keys.pool_keys(ctx, pool_id, create=False) is signed_by
        ):
            return pool_id, dict(header), dict(claims)
        del cache[token]
    found = _verify_jwt(ctx, token)
    if found is not None:
        if len(cache) >= _VERIFIED_MAX:
            cache.clear()
        pool_id, header, claims = found
        signed_by_now = keys.pool_keys(ctx, pool_id, create=False)
        if signed_by_now is not None:
            cache[token] = (pool_id, dict(header), dict(claims), signed_by_now)
    return found


def _verify_jwt(ctx: RequestContext, token: str) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    decoded = decode_unverified(token)
    if decoded is None:
        return None
    header, claims = decoded
    iss = claims.get("iss")
    if header.get("alg") != "RS256" or not isinstance(iss, str) or "/" not in iss:
        return None
    pool_id = iss.rsplit("/", 1)[1]
    if ctx.issuer(pool_id) != iss:
        return None
    exists = ctx.store.value("SELECT 1 FROM pools WHERE id = ?", (pool_id,))
    if not exists:
        return None
    pool_keys = keys.pool_keys(ctx, pool_id, create=False)
    kid = header.get("kid")
    public = pool_keys.public(kid) if pool_keys is not None and isinstance(kid, str) else None
    if public is None:
        return None
    signing_input, _, signature = token.rpartition(".")
    try:
        public.verify(b64url_decode(signature), signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return None
    return pool_id, header, claims


# -- claims ---------------------------------------------------------------------------------------------


def group_claims(ctx: RequestContext, user: User) -> dict[str, Any]:
    """cognito:groups, cognito:roles and cognito:preferred_role as AWS derives them from the groups."""
    rows = ctx.store.all(
        "SELECT g.name, g.doc FROM user_groups ug JOIN groups g ON g.pool_id = ug.pool_id AND g.name = ug.group_name"
        " WHERE ug.pool_id = ? AND ug.username_key = ?",
        (user.pool_id, user.username_key),
    )
    if not rows:
        return {}
    groups = []
    for r in rows:
        doc = loads(r["doc"])
        precedence = doc.get("Precedence")
        groups.append((precedence if isinstance(precedence, int) else None, r["name"], doc.get("RoleArn")))
    groups.sort(key=lambda g: (g[0] is None, g[0] or 0, g[1]))
    out: dict[str, Any] = {"cognito:groups": [g[1] for g in groups]}
    roles = list(dict.fromkeys(g[2] for g in groups if g[2]))
    if roles:
        out["cognito:roles"] = roles
        with_role = [g for g in groups if g[2]]
        if len(roles) == 1:
            out["cognito:preferred_role"] = roles[0]
        else:
            best = with_role[0]
            ties = {g[2] for g in with_role if g[0] == best[0]}
            if best[0] is not None and len(ties) == 1:
                out["cognito:preferred_role"] = best[2]
    return out


def _identity_claim(entry: dict[str, Any]) -> dict[str, Any]:
    out = dict(entry)
    for key in ("primary", "dateCreated"):
        if key in out:
            out[key] = str(out[key]).lower() if isinstance(out[key], bool) else str(out[key])
    return out


def _attribute_claim(name: str, value: str) -> Any:
    if name in ("email_verified", "phone_number_verified"):
        return value.lower() == "true"
    if name == "updated_at" and value.isdigit():
        return int(value)
    if name == "identities":
        # The attribute keeps primary as a boolean and dateCreated as a number; AWS's ID tokens carry both
        # as strings: [{"userId": "...", ..., "primary": "true", "dateCreated": "1682704282933"}].
        try:
            entries = json.loads(value)
        except (ValueError, RecursionError):
            return value
        if not isinstance(entries, list):
            return entries
        return [_identity_claim(e) if isinstance(e, dict) else e for e in entries]
    if name == "address":
        try:
            parsed = json.loads(value)
            if isinstance(parsed, dict):
                return parsed
        except (ValueError, RecursionError):
            pass
        return {"formatted": value}
    return value  # custom attributes too: strings, whatever their type


def id_claims(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: dict[str, Any],
    user: User,
    origin: dict[str, Any],
    groups: dict[str, Any],
    *,
    now: int,
    jti: str | None,
    oauth: bool,
    nonce: str | None,
) -> dict[str, Any]:
    claims: dict[str, Any] = {"sub": user.sub}
    claims.update(groups)
    readable = client.get("ReadAttributes")
    permitted = set(readable) if readable else None
    for name, value in user.attrs.items():
        if name == "sub" or name.startswith("dev:") or (permitted is not None and name not in permitted):
            continue
        claims[name] = _attribute_claim(name, value)
    claims["iss"] = ctx.issuer(pool["Id"])
    claims["cognito:username"] = user.username
    if nonce is not None:
        claims["nonce"] = nonce
    if jti is not None:
        claims["origin_jti"] = origin["origin_jti"]
    claims["aud"] = client["ClientId"]
    if not oauth:
        claims["event_id"] = origin["event_id"]
    claims["token_use"] = "id"  # noqa: S105 - a claim value, not a password
    claims["auth_time"] = origin["auth_time"]
    claims["exp"] = now + id_validity(client)
    claims["iat"] = now
    if jti is not None:
        claims["jti"] = jti
    return claims


def access_claims(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: dict[str, Any],
    user: User,
    origin: dict[str, Any],
    groups: dict[str, Any],
    *,
    now: int,
    jti: str | None,
    oauth: bool,
) -> dict[str, Any]:
    claims: dict[str, Any] = {"sub": user.sub}
    if "cognito:groups" in groups:
        claims["cognito:groups"] = groups["cognito:groups"]
    if origin.get("device_key"):
        claims["device_key"] = origin["device_key"]
    claims["iss"] = ctx.issuer(pool["Id"])
    if oauth:
        claims["version"] = 2
    claims["client_id"] = client["ClientId"]
    if jti is not None:
        claims["origin_jti"] = origin["origin_jti"]
    if not oauth:
        claims["event_id"] = origin["event_id"]
    claims["token_use"] = "access"  # noqa: S105 - a claim value, not a password
    scopes = loads(origin["scopes"]) if origin.get("scopes") else None
    claims["scope"] = " ".join(scopes) if scopes else ADMIN_SCOPE
    claims["auth_time"] = origin["auth_time"]
    claims["exp"] = now + access_validity(client)
    claims["iat"] = now
    if jti is not None:
        claims["jti"] = jti
    claims["username"] = user.username
    return claims


# -- refresh tokens -------------------------------------------------------------------------------------


def _seal_refresh(pool_keys: keys.PoolKeys, client_id: str, token_id: str) -> str:
    iv = os.urandom(12)
    body = json.dumps({"t": token_id, "c": client_id}, separators=(",", ":")).encode()
    sealed = pool_keys.aead("refresh").encrypt(iv, body, _REFRESH_HEADER.encode())
    # The second segment stands where a JWE carries the RSA-OAEP-wrapped content key: random here.
    return ".".join((_REFRESH_HEADER, b64url(os.urandom(256)), b64url(iv), b64url(sealed[:-16]), b64url(sealed[-16:])))


def _open_refresh(pool_keys: keys.PoolKeys, token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 5 or parts[0] != _REFRESH_HEADER:
        return None
    try:
        iv, body, tag = b64url_decode(parts[2]), b64url_decode(parts[3]), b64url_decode(parts[4])
        plain = pool_keys.aead("refresh").decrypt(iv, body + tag, parts[0].encode())
        data = json.loads(plain)
    except Exception:
        return None
    return data if isinstance(data, dict) else None


def _new_refresh(
    ctx: RequestContext,
    pool_keys: keys.PoolKeys,
    origin: dict[str, Any],
    client: dict[str, Any],
    expires: float | None = None,
) -> str:
    token_id = b64url(os.urandom(18))
    if expires is None:
        expires = ctx.now + refresh_validity(client)
    ctx.store.run(
        "INSERT INTO refresh_tokens (token_id, origin_jti, created, expires) VALUES (?, ?, ?, ?)",
        (token_id, origin["origin_jti"], ctx.now, expires),
    )
    ctx.store.run(
        "UPDATE token_origins SET expires = MAX(expires, ?) WHERE origin_jti = ?", (expires, origin["origin_jti"])
    )
    return _seal_refresh(pool_keys, client["ClientId"], token_id)


def _cleanup(ctx: RequestContext) -> None:
    count = ctx.state.get("tokens.issued", 0) + 1
    ctx.state["tokens.issued"] = count
    if count % _CLEANUP_EVERY == 0:
        ctx.store.run("DELETE FROM token_origins WHERE expires < ?", (ctx.now - 86400,))


# -- issuing --------------------------------------------------------------------------------------------


def _mint(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: dict[str, Any],
    user: User,
    origin: dict[str, Any],
    *,
    with_id: bool,
    nonce: str | None = None,
    source: str = "Authentication",
    step_up: dict[str, Any] | None = None,
) -> dict[str, Any]:
    pool_keys = keys.require(ctx, pool["Id"])
    now = int(ctx.now)
    revocable = revocation_enabled(client)
    oauth = bool(origin.get("scopes"))
    groups = group_claims(ctx, user)
    scopes = loads(origin["scopes"]) if origin.get("scopes") else [ADMIN_SCOPE]
    custom = pre_token.pre_token(ctx, pool, client, user, groups, source=source, scopes=scopes)
    if custom.groups is not None:
        groups = custom.groups
    access = access_claims(
        ctx,
        pool,
        client,
        user,
        origin,
        groups,
        now=now,
        jti=str(uuid.uuid4()) if revocable else None,
        oauth=oauth,
    )
    custom.apply_access(access)
    # A sign-in that asked for an authentication level (acr_values) says which it reached, and how.
    if step_up is None:
        step_up = acr.claims(ctx, pool, user)
    access.update(step_up)
    # The ID token of an OAuth sign-in carries at_hash, a digest of the whole access token.
    access_token = _sign(ctx, pool_keys.access_key, pool_keys.access_kid, access, now=oauth and with_id)
    result: dict[str, Any] = {
        "AccessToken": access_token,
        "ExpiresIn": access_validity(client),
        "TokenType": "Bearer",
    }
    if with_id:
        idc = id_claims(
            ctx,
            pool,
            client,
            user,
            origin,
            groups,
            now=now,
            jti=str(uuid.uuid4()) if revocable else None,
            oauth=oauth,
            nonce=nonce,
        )
        custom.apply_id(idc)
        idc.update(step_up)
        if oauth:
            digest = hashlib.sha256(access_token.encode("ascii")).digest()
            idc = {"at_hash": b64url(digest[:16]), **idc}
        result["IdToken"] = _sign(ctx, pool_keys.id_key, pool_keys.id_kid, idc)
    return result


def issue_tokens(
    ctx: RequestContext,
    pool: dict[str, Any],
    client: dict[str, Any],
    user: User,
    *,
    auth_time: float | None = None,
    device_key: str | None = None,
    scopes: list[str] | None = None,
    with_refresh: bool = True,
    source: str = "Authentication",
    nonce: str | None = None,
    step_up: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """AuthenticationResultType for a successful sign-in of ``user`` through ``client``.

    ``scopes`` (OAuth sign-in through the hosted UI) makes OAuth-shaped tokens: ``version: 2``, the
    scopes in ``scope``, no ``event_id``, an ID token only with ``openid``. ``source`` names the trigger
    source (``Authentication``, ``HostedAuth``, ``NewPasswordChallenge``, ``AuthenticateDevice``...).
    ``step_up`` is the ``acr`` and ``amr`` claims where the caller knows them (acr.py; else acr.claims).
    Must run inside a transaction.
    """
    keys.require(ctx, pool["Id"])
    grant = ctx.oauth
    if scopes is None and grant is not None:
        # A sign-in through the hosted UI (hosted_ui/flow.py): the tokens answer its authorize request.
        scopes, nonce, with_refresh = list(grant.scopes), grant.nonce, grant.with_refresh
    origin = {
        "origin_jti": str(uuid.uuid4()),
        "event_id": str(uuid.uuid4()),
        "pool_id": pool["Id"],
        "client_id": client["ClientId"],
        "sub": user.sub,
        "auth_time": int(auth_time if auth_time is not None else ctx.now),
        "device_key": device_key,
        "scopes": json.dumps(scopes) if scopes else None,
        "created": ctx.now,
        "expires": ctx.now + max(access_validity(client), id_validity(client)),
    }
    ctx.store.run(
        "INSERT INTO token_origins (origin_jti, event_id, pool_id, client_id, sub, auth_time, device_key,"
        " scopes, created, expires) VALUES (:origin_jti, :event_id, :pool_id, :client_id, :sub, :auth_time,"
        " :device_key, :scopes, :created, :expires)",
        origin,
    )
    _cleanup(ctx)
    with_id = scopes is None or "openid" in scopes
    result = _mint(ctx, pool, client, user, origin, with_id=with_id, nonce=nonce, source=source, step_up=step_up)
    if with_refresh:
        result["RefreshToken"] = _new_refresh(ctx, keys.require(ctx, pool["Id"]), origin, client)
        session_tracking.start(ctx, origin)
    return result


# -- refreshing -----------------------------------------------------------------------------------------


def refresh_token_user(ctx: RequestContext, client: dict[str, Any], token: str) -> User | None:
    """The user a refresh token of ``client`` belongs to, or None (for SECRET_HASH checks)."""
    pool_keys = keys.pool_keys(ctx, client["UserPoolId"], create=False)
    data = _open_refresh(pool_keys, token) if pool_keys is not None else None
    if data is None or data.get("c") != client["ClientId"]:
        return None
    sub = ctx.store.value(
        "SELECT o.sub FROM refresh_tokens r JOIN token_origins o ON o.origin_jti = r.origin_jti WHERE r.token_id = ?",
        (data.get("t"),),
    )
    return users.by_sub(ctx, client["UserPoolId"], sub) if sub else None


def redeem_refresh_token(
    ctx: RequestContext,
    client: dict[str, Any],
    token: str,
    *,
    rotate: bool,
    device_key: str | None = None,
) -> dict[str, Any]:
    """New ID and access tokens for a refresh token of ``client`` (and a new refresh token if ``rotate``).

    Raises NotAuthorizedException "Invalid Refresh Token." / "Refresh Token has expired" /
    "Refresh Token has been revoked", RefreshTokenReuseException for a rotated-out token past its grace
    period, and the user's own state errors. Must run inside a transaction.
    """
    pool = pools.get_pool(ctx, client["UserPoolId"])
    pool_keys = keys.pool_keys(ctx, pool["Id"], create=False)
    data = _open_refresh(pool_keys, token) if pool_keys is not None else None
    if data is None or data.get("c") != client["ClientId"]:
        raise not_authorized("Invalid Refresh Token.")
    row = ctx.store.one(
        "SELECT r.token_id, r.expires AS r_expires, r.superseded, o.* FROM refresh_tokens r"
        " JOIN token_origins o ON o.origin_jti = r.origin_jti WHERE r.token_id = ?",
        (data.get("t"),),
    )
    if row is None or row["pool_id"] != pool["Id"]:
        raise not_authorized("Invalid Refresh Token.")
    if row["revoked"] is not None:
        raise not_authorized("Refresh Token has been revoked")
    if row["r_expires"] <= ctx.now:
        raise not_authorized("Refresh Token has expired")
    _, grace = rotation(client)
    if row["superseded"] is not None and ctx.now > row["superseded"] + grace:
        raise AwsError("RefreshTokenReuseException", "Refresh token has already been used.")
    if row["device_key"] and device_key is not None and device_key != row["device_key"]:
        raise not_authorized("Invalid Refresh Token.")
    user = users.by_sub(ctx, pool["Id"], row["sub"])
    if user is None:
        raise not_authorized("User does not exist.")
    if not user.enabled:
        raise not_authorized("User is disabled.")
    origin = dict(row)
    ctx.store.run(
        "UPDATE token_origins SET expires = MAX(expires, ?) WHERE origin_jti = ?",
        (ctx.now + max(access_validity(client), id_validity(client)), origin["origin_jti"]),
    )
    # An OAuth sign-in's tokens (hosted UI) come with an ID token only where openid was granted.
    granted = loads(origin["scopes"]) if origin.get("scopes") else None
    with_id = granted is None or "openid" in granted
    result = _mint(ctx, pool, client, user, origin, with_id=with_id, source="RefreshTokens")
    session_tracking.touch(ctx, origin["origin_jti"])
    if rotate:
        if row["superseded"] is None:
            ctx.store.run("UPDATE refresh_tokens SET superseded = ? WHERE token_id = ?", (ctx.now, row["token_id"]))
        # A rotated-in token runs out when the token it replaces would have.
        assert pool_keys is not None
        result["RefreshToken"] = _new_refresh(ctx, pool_keys, origin, client, row["r_expires"])
    return result


# -- checking access tokens -----------------------------------------------------------------------------


def authenticate_access_token(ctx: RequestContext, access_token: str) -> tuple[dict[str, Any], User, dict[str, Any]]:
    """The pool, user and claims of a valid access token with the admin scope, else NotAuthorized."""
    pool, user, claims = _check_access_token(ctx, access_token)
    if ADMIN_SCOPE not in str(claims.get("scope", "")).split():
        raise not_authorized("Access Token does not have required scopes")
    return pool, user, claims


def check_access_token(ctx: RequestContext, access_token: str) -> tuple[dict[str, Any], User, dict[str, Any]]:
    """Like ``authenticate_access_token`` without the scope check (for the hosted UI's userInfo)."""
    return _check_access_token(ctx, access_token)


def _check_access_token(ctx: RequestContext, access_token: str) -> tuple[dict[str, Any], User, dict[str, Any]]:
    verified = verify_jwt(ctx, access_token)
    if verified is None:
        raise not_authorized("Invalid Access Token")
    pool_id, header, claims = verified
    pool_keys = keys.require(ctx, pool_id)
    if header.get("kid") != pool_keys.access_kid or claims.get("token_use") != "access":
        raise not_authorized("Invalid Access Token")
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or exp <= ctx.now:
        raise not_authorized("Access Token has expired")
    if "origin_jti" in claims:
        origin = ctx.store.one(
            "SELECT revoked, sub FROM token_origins WHERE origin_jti = ?", (str(claims["origin_jti"]),)
        )
    else:
        origin = ctx.store.one(
            "SELECT revoked, sub FROM token_origins WHERE event_id = ?", (str(claims.get("event_id")),)
        )
    if origin is None or origin["revoked"] is not None:
        raise not_authorized("Access Token has been revoked")
    # Deleting an app client ends its sessions: its tokens stop working everywhere, not just where a
    # handler happens to look the client up.
    if (
        ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (str(claims.get("client_id")), pool_id))
        is None
    ):
        raise not_authorized("Access Token has been revoked")
    user = users.by_sub(ctx, pool_id, str(claims.get("sub")))
    if user is None:
        raise not_authorized("User does not exist.")
    if not user.enabled:
        raise not_authorized("User is disabled.")
    return pools.get_pool(ctx, pool_id), user, claims


def sign_in_revoked(ctx: RequestContext, pool_id: str, claims: dict[str, Any]) -> bool:
    """Whether the sign-in a verified ID or access token came from no longer stands: revoked (GlobalSignOut,
    RevokeToken), its app client deleted, its user deleted or disabled. Identity pools' ServerSideTokenCheck
    refuses such tokens."""
    if "origin_jti" in claims:
        origin = ctx.store.one("SELECT revoked FROM token_origins WHERE origin_jti = ?", (str(claims["origin_jti"]),))
    elif "event_id" in claims:
        origin = ctx.store.one("SELECT revoked FROM token_origins WHERE event_id = ?", (str(claims["event_id"]),))
    else:
        origin = None
    if origin is not None and origin["revoked"] is not None:
        return True
    client_id = claims.get("client_id", claims.get("aud"))
    if ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (str(client_id), pool_id)) is None:
        return True
    user = users.by_sub(ctx, pool_id, str(claims.get("sub")))
    return user is None or not user.enabled


# -- revocation -----------------------------------------------------------------------------------------


def revoke_user_tokens(ctx: RequestContext, pool_id: str, sub: str) -> int:
    """Revoke every refresh and access token of a user (GlobalSignOut, AdminDisableUser...)."""
    return ctx.store.run(
        "UPDATE token_origins SET revoked = ? WHERE pool_id = ? AND sub = ? AND revoked IS NULL",
        (ctx.now, pool_id, sub),
    )


@idp("GlobalSignOut", public=True)
def global_sign_out(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool, user, _ = authenticate_access_token(ctx, req["AccessToken"])
    revoke_user_tokens(ctx, pool["Id"], user.sub)
    return {}


@idp("AdminUserGlobalSignOut")
def admin_user_global_sign_out(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    user = users.get(ctx, pool, req["Username"])
    revoke_user_tokens(ctx, pool["Id"], user.sub)
    return {}


@idp("RevokeToken", public=True)
def revoke_token(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    try:
        client = clients.get_client(ctx, req["ClientId"])
    except AwsError:
        raise AwsError("UnauthorizedException", "Client authentication failed.") from None
    if not clients.authenticates(ctx, client["ClientId"], req.get("ClientSecret")):
        raise AwsError("UnauthorizedException", "Client authentication failed.")
    if not revocation_enabled(client):
        raise AwsError("UnsupportedOperationException", "Token revocation is not enabled for this client.")
    token = req["Token"]
    if decode_unverified(token) is not None:
        raise AwsError("UnsupportedTokenTypeException", "Unsupported token type. Only refresh tokens are supported.")
    pool_keys = keys.pool_keys(ctx, client["UserPoolId"], create=False)
    data = _open_refresh(pool_keys, token) if pool_keys is not None else None
    # As at /oauth2/revoke, a token that is invalid or already revoked is answered with success.
    if data is None or data.get("c") != client["ClientId"]:
        return {}
    origin = ctx.store.value("SELECT origin_jti FROM refresh_tokens WHERE token_id = ?", (data.get("t"),))
    if origin is not None:
        ctx.store.run(
            "UPDATE token_origins SET revoked = ? WHERE origin_jti = ? AND revoked IS NULL", (ctx.now, origin)
        )
        if req.get("RevokeAssociatedSessions") == "LINKED":
            # Also the hosted UI (SSO) session the token session came through, where sessions are tracked.
            session_tracking.end_origin_sso(ctx, str(origin))
    return {}
