"""Logins of the public providers whose logins are access tokens: Facebook, Login with Amazon and Twitter.

Only the provider can tell whether such a token is good, so each is checked at the provider, before the
request's transaction (logins.verify_outside), as Amazon Cognito checks it:

- Facebook (``graph.facebook.com``): the Graph API's ``/me`` with the access token names the user (``id``)
  and ``/app`` the app the token was issued to, which must be the app ID of SupportedLoginProviders.
- Login with Amazon (``www.amazon.com``): ``/auth/o2/tokeninfo`` answers the token's ``app_id`` (and its
  client, ``aud``), one of which must be the app ID of SupportedLoginProviders, and the user (``user_id``).
- Twitter (``api.twitter.com``): the login is ``<token>;<token secret>`` and SupportedLoginProviders holds
  ``<consumer key>;<consumer secret>``; ``/1.1/account/verify_credentials.json``, called with an OAuth 1.0a
  signature (HMAC-SHA1) of both, names the user (``id_str``).

The server's ``--social-base-url`` (``COGNITO_LOCAL_SOCIAL_BASE_URL``, as the hosted UI's federation uses it)
moves each provider to a stand-in: the Graph API to ``{base}/facebook``, Login with Amazon's API to
``{base}/loginwithamazon`` and Twitter's to ``{base}/twitter``. Calls go through core/fetch.py.

An answer that is not JSON, nests deeper than the parser can go, holds a lone surrogate, or names the user or
the app with anything but a string (or, for Twitter's ``id``, an integer) is a refused token: NotAuthorized.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import quote, urlencode

from console.emulator.core import fetch
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

from .verified import Login, invalid_login

FACEBOOK = "graph.facebook.com"
AMAZON = "www.amazon.com"
TWITTER = "api.twitter.com"
PROVIDERS = (FACEBOOK, AMAZON, TWITTER)

_WHERE = {
    FACEBOOK: ("facebook", "https://graph.facebook.com"),
    AMAZON: ("loginwithamazon", "https://api.amazon.com"),
    TWITTER: ("twitter", "https://api.twitter.com"),
}
_JSON = {"Accept": "application/json"}


def api_base(ctx: RequestContext, key: str) -> str:
    """Where the provider's API answers: the real one, or the stand-in under --social-base-url."""
    name, real = _WHERE[key]
    base = ctx.config.social_base_url.strip().rstrip("/")
    return f"{base}/{name}" if base else real


def _login(key: str, subject: str, app: str, claims: dict[str, Any]) -> Login:
    return Login(
        key=key,
        provider=key,
        subject=subject,
        claims={"sub": subject, "aud": app, **claims},
        amr=(key, f"{key}:{app}:{subject}"),
        role_mapping_keys=(key,),
    )


def _text(document: Any, field: str) -> str | None:
    """The non-empty string (or integer) ``field`` of a provider's answer, else None."""
    value = document.get(field) if isinstance(document, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value else None


def _configured(pool: dict[str, Any], key: str) -> list[str]:
    return [v for v in str((pool.get("SupportedLoginProviders") or {}).get(key, "")).split(";") if v]


async def _facebook(ctx: RequestContext, pool: dict[str, Any], token: str) -> Login | AwsError:
    graph = api_base(ctx, FACEBOOK)
    me = await fetch.get_json(ctx, f"{graph}/me?" + urlencode({"fields": "id", "access_token": token}), _JSON)
    user = _text(me, "id")
    if user is None:
        # [U] AWS's wording for a Facebook token the Graph API refuses is not documented.
        return invalid_login("Not a valid Facebook access token.")
    app = await fetch.get_json(ctx, f"{graph}/app?" + urlencode({"access_token": token}), _JSON)
    app_id = _text(app, "id")
    if app_id is None or app_id not in _configured(pool, FACEBOOK):
        return invalid_login("The Facebook access token was not issued to the app of this identity pool.")
    return _login(FACEBOOK, user, app_id, {"id": user, "app_id": app_id})


async def _amazon(ctx: RequestContext, pool: dict[str, Any], token: str) -> Login | AwsError:
    url = f"{api_base(ctx, AMAZON)}/auth/o2/tokeninfo?" + urlencode({"access_token": token})
    info = await fetch.get_json(ctx, url, _JSON)
    user = _text(info, "user_id")
    if user is None:
        return invalid_login("Not a valid Login with Amazon access token.")
    configured = _configured(pool, AMAZON)
    app = next((found for f in ("app_id", "aud") if (found := _text(info, f)) in configured), None)
    if app is None:
        return invalid_login("The Login with Amazon access token was not issued to the app of this identity pool.")
    return _login(AMAZON, user, app, {"user_id": user, "app_id": _text(info, "app_id") or app})


def _encode(value: str) -> str:
    return quote(value, safe="~-._")


def oauth1_authorization(
    method: str,
    url: str,
    *,
    consumer_key: str,
    consumer_secret: str,
    token: str,
    token_secret: str,
    nonce: str,
    timestamp: int,
    params: dict[str, str] | None = None,
) -> str:
    """The ``Authorization`` header of an OAuth 1.0a request signed with HMAC-SHA1 (RFC 5849 §3.4)."""
    oauth = {
        "oauth_consumer_key": consumer_key,
        "oauth_nonce": nonce,
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": str(timestamp),
        "oauth_token": token,
        "oauth_version": "1.0",
    }
    pairs = sorted((_encode(k), _encode(v)) for k, v in {**(params or {}), **oauth}.items())
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base_string = "&".join((method.upper(), _encode(url), _encode(normalized)))
    key = f"{_encode(consumer_secret)}&{_encode(token_secret)}"
    signature = base64.b64encode(hmac.new(key.encode(), base_string.encode(), hashlib.sha1).digest()).decode()
    fields = {**oauth, "oauth_signature": signature}
    return "OAuth " + ", ".join(f'{_encode(k)}="{_encode(v)}"' for k, v in sorted(fields.items()))


async def _twitter(ctx: RequestContext, pool: dict[str, Any], value: str) -> Login | AwsError:
    consumer = _configured(pool, TWITTER)
    token, _, token_secret = value.partition(";")
    if len(consumer) != 2 or not token or not token_secret:
        return invalid_login("A Twitter login is the access token and its secret, separated by a semicolon.")
    url = f"{api_base(ctx, TWITTER)}/1.1/account/verify_credentials.json"
    authorization = oauth1_authorization(
        "GET",
        url,
        consumer_key=consumer[0],
        consumer_secret=consumer[1],
        token=token,
        token_secret=token_secret,
        nonce=secrets.token_hex(16),
        timestamp=int(time.time()),
    )
    response = await fetch.request(ctx, "GET", url, headers={**_JSON, "Authorization": authorization})
    found = fetch.json_of(response) if response is not None and response.status_code == 200 else None
    user = _text(found, "id_str") or _text(found, "id")
    if user is None:
        return invalid_login("Not a valid Twitter access token.")
    return _login(TWITTER, user, consumer[0], {"id_str": user})


async def verify(ctx: RequestContext, pool: dict[str, Any], key: str, value: str) -> Login | AwsError:
    """The login of ``key`` (one of PROVIDERS, which the pool supports), checked at the provider."""
    if key == FACEBOOK:
        return await _facebook(ctx, pool, value)
    if key == AMAZON:
        return await _amazon(ctx, pool, value)
    return await _twitter(ctx, pool, value)
