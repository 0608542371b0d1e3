"""Client ID metadata documents (CIMD): the CIMD policy operations, and OAuth clients whose client_id is a URL.

A CIMD policy maps one to five ``https`` URL patterns (``*`` a wildcard) to one app client of the pool. An
OAuth client that names itself with a URL matching a policy's pattern (``client_id=https://app.example.com/
client.json``) is accepted at ``/oauth2/authorize`` and ``/oauth2/token`` as a public client of that app
client: the document at the URL is its registration. The document must be JSON, at most ``MAX_DOCUMENT``
bytes, name its own URL as ``client_id``, list ``redirect_uris``, and be a public client
(``token_endpoint_auth_method`` ``none``, no secret); the grant types allowed are those both the document
and the app client allow, never ``client_credentials``. A document that is unreachable, too large, not
JSON or wrong is refused and nothing is kept; a good one is cached for its Cache-Control max-age where that
is between a day and a year, else for the policy's CacheDuration (a day by default), listed by
ListClientMetadataURLs and refreshed or dropped with UpdateClientMetadataURLState.

Documents are fetched with core/fetch.py, kept off private networks. A server started
with ``--http-metadata-urls`` also accepts ``http`` URLs on loopback, matched as their ``https`` form.

In the wildcard, ``*`` stands for any run of characters other than ``/``, ``@``, ``:``, ``?`` and ``#`` in the
host, and other than ``?`` and ``#`` in the path. [U] AWS does not say how far its ``*`` reaches, nor how
large a document may be (5 KB, the CIMD draft's advice, here), nor whether the tokens name the URL or the
app client: here they name the app client (``client_id``, ``aud``), so every check of a token works as for
the app client's own.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core import fetch, ids, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from . import clients, pools

DEFAULT_CACHE_DURATION = 86400
MIN_CACHE, MAX_CACHE = 86400, 31556952
MAX_DOCUMENT = 5 * 1024
_LIST = "cimd-policies"
_URLS = "cimd-urls"
_PAGE = 60
_LOOPBACK = {"localhost", "127.0.0.1", "[::1]"}
_GRANTS = {"authorization_code": "code", "implicit": "implicit"}


# -- policies -------------------------------------------------------------------------------------------


def _policy_row(ctx: RequestContext, pool_id: str, policy_id: str) -> dict[str, Any]:
    row = ctx.store.one("SELECT * FROM cimd_policies WHERE id = ? AND pool_id = ?", (policy_id, pool_id))
    if row is None:
        raise resource_not_found(f"CIMD policy {policy_id} does not exist.")
    return dict(row)


def _describe(ctx: RequestContext, row: dict[str, Any], *, summary: bool = False) -> dict[str, Any]:
    doc = loads(row["doc"])
    out: dict[str, Any] = {}
    if not summary:
        out["UserPoolId"] = row["pool_id"]
    out["CIMDPolicyId"] = row["id"]
    if ctx.store.value("SELECT 1 FROM clients WHERE id = ? AND pool_id = ?", (row["client_id"], row["pool_id"])):
        out["ClientId"] = row["client_id"]
    out["PolicyName"] = row["name"]
    out["CacheDuration"] = doc["CacheDuration"]
    if not summary:
        out["URLPatterns"] = doc["URLPatterns"]
    out["CreationDate"] = row["created"]
    out["LastModifiedDate"] = row["modified"]
    return out


def _check(ctx: RequestContext, pool: dict[str, Any], req: dict[str, Any]) -> list[str]:
    if pool.get("UserPoolTier") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Client ID metadata document policies are not available in the Lite tier of user pools.",
        )
    clients.get_pool_client(ctx, pool["Id"], req["ClientId"])
    patterns = list(dict.fromkeys(req["URLPatterns"]))
    for pattern in patterns:
        try:
            parts = urlsplit(pattern)
        except ValueError:  # a bracket that opens no IPv6 address
            raise invalid_parameter(f"Invalid URL pattern: {pattern}") from None
        if parts.scheme != "https" or not parts.netloc or parts.fragment or "@" in parts.netloc:
            raise invalid_parameter(f"Invalid URL pattern: {pattern}")
    return patterns


@idp("CreateCIMDPolicy")
def create_cimd_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    patterns = _check(ctx, pool, req)
    policy_id = ids.client_id()
    doc = {"URLPatterns": patterns, "CacheDuration": req.get("CacheDuration") or DEFAULT_CACHE_DURATION}
    ctx.store.run(
        "INSERT INTO cimd_policies (id, pool_id, client_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (policy_id, pool["Id"], req["ClientId"], req["PolicyName"], ctx.now, ctx.now, dumps(doc)),
    )
    return {"CIMDPolicy": _describe(ctx, _policy_row(ctx, pool["Id"], policy_id))}


@idp("DescribeCIMDPolicy")
def describe_cimd_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    return {"CIMDPolicy": _describe(ctx, _policy_row(ctx, pool["Id"], req["CIMDPolicyId"]))}


@idp("UpdateCIMDPolicy")
def update_cimd_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    row = _policy_row(ctx, pool["Id"], req["CIMDPolicyId"])
    patterns = _check(ctx, pool, req)
    # Omitted members go back to their defaults, as in AWS's other Update operations.
    doc = {"URLPatterns": patterns, "CacheDuration": req.get("CacheDuration") or DEFAULT_CACHE_DURATION}
    ctx.store.run(
        "UPDATE cimd_policies SET client_id = ?, name = ?, modified = ?, doc = ? WHERE id = ?",
        (req["ClientId"], req.get("PolicyName") or row["name"], ctx.now, dumps(doc), row["id"]),
    )
    # Documents cached for URLs the patterns no longer match are forgotten.
    for cached in ctx.store.all("SELECT url FROM cimd_documents WHERE policy_id = ?", (row["id"],)):
        if not any(matches(pattern, cached["url"], http_loopback=True) for pattern in patterns):
            ctx.store.run("DELETE FROM cimd_documents WHERE policy_id = ? AND url = ?", (row["id"], cached["url"]))
    return {"CIMDPolicy": _describe(ctx, _policy_row(ctx, pool["Id"], row["id"]))}


@idp("DeleteCIMDPolicy")
def delete_cimd_policy(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    row = _policy_row(ctx, pool["Id"], req["CIMDPolicyId"])
    ctx.store.run("DELETE FROM cimd_policies WHERE id = ?", (row["id"],))
    return {}


@idp("ListCIMDPolicies")
def list_cimd_policies(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    limit = req.get("MaxResults") or _PAGE
    sql = "SELECT * FROM cimd_policies WHERE pool_id = ?"
    params: list[Any] = [pool["Id"]]
    if req.get("NextToken"):
        created, last_id = paging.decode(req["NextToken"], _LIST, (float, str))
        sql += " AND (created > ? OR (created = ? AND id > ?))"
        params += [created, created, last_id]
    rows = ctx.store.all(sql + " ORDER BY created, id LIMIT ?", (*params, limit + 1))
    out: dict[str, Any] = {"CIMDPolicies": [_describe(ctx, dict(r), summary=True) for r in rows[:limit]]}
    if len(rows) > limit:
        last = rows[limit - 1]
        out["NextToken"] = paging.encode(_LIST, [last["created"], last["id"]])
    return out


@idp("ListClientMetadataURLs")
def list_client_metadata_urls(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    row = _policy_row(ctx, pool["Id"], req["CIMDPolicyId"])
    limit = req.get("MaxResults") or _PAGE
    sql = "SELECT url, cached, expires FROM cimd_documents WHERE policy_id = ? AND expires > ?"
    params: list[Any] = [row["id"], ctx.now]
    if req.get("NextToken"):
        (after,) = paging.decode(req["NextToken"], _URLS, (str,))
        sql += " AND url > ?"
        params.append(after)
    rows = ctx.store.all(sql + " ORDER BY url LIMIT ?", (*params, limit + 1))
    out: dict[str, Any] = {
        "ClientMetadataURLs": [
            {"URL": r["url"], "CachedDate": r["cached"], "ExpirationDate": r["expires"]} for r in rows[:limit]
        ]
    }
    if len(rows) > limit:
        out["NextToken"] = paging.encode(_URLS, [rows[limit - 1]["url"]])
    return out


@idp("UpdateClientMetadataURLState")
async def update_client_metadata_url_state(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    url = req["URL"]
    with ctx.store.tx():
        pool = pools.get_pool(ctx, req["UserPoolId"])
        row = _policy_row(ctx, pool["Id"], req["CIMDPolicyId"])
        if pool.get("UserPoolTier") == "LITE":
            raise AwsError(
                "FeatureUnavailableInTierException",
                "Client ID metadata document policies are not available in the Lite tier of user pools.",
            )
        # An http URL on loopback (--http-metadata-urls) is named by its https form, as the API takes only https.
        cached = next(
            (
                str(r["url"])
                for r in ctx.store.all(
                    "SELECT url FROM cimd_documents WHERE policy_id = ? AND expires > ?", (row["id"], ctx.now)
                )
                if url in (r["url"], _https_form(r["url"], http_loopback=True))
            ),
            None,
        )
        if cached is None:
            raise AwsError("CachedCIMDURLDoesNotExistException", f"The URL {url} is not cached for this CIMD policy.")
        url = cached
        if req["Action"] == "INVALIDATE":
            ctx.store.run("DELETE FROM cimd_documents WHERE policy_id = ? AND url = ?", (row["id"], url))
            return {}
    await _fetch_and_cache(ctx, dict(row), url)
    return {}


# -- metadata URLs --------------------------------------------------------------------------------------


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    rest = pattern.removeprefix("https://")
    authority, slash, path = rest.partition("/")
    host = "[^/@:?#]*".join(re.escape(piece) for piece in authority.split("*"))
    tail = "[^?#]*".join(re.escape(piece) for piece in path.split("*"))
    return re.compile(f"https://{host}{re.escape(slash)}{tail}")


def _https_form(url: str, *, http_loopback: bool) -> str | None:
    """``url`` as the patterns see it: itself if https; its https form if it is http on loopback and the
    server allows that; None if it cannot be a client ID metadata document URL."""
    if len(url) > 256 or not url.isprintable() or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if not parts.netloc or parts.fragment or "#" in url or parts.username is not None or parts.password is not None:
        return None
    if not parts.path or parts.path == "/" or any(seg in (".", "..") for seg in parts.path.split("/")):
        return None
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and http_loopback and (parts.hostname or "") in {h.strip("[]") for h in _LOOPBACK}:
        return "https://" + url.removeprefix("http://")
    return None


def matches(pattern: str, url: str, *, http_loopback: bool = False) -> bool:
    """Whether the metadata URL ``url`` matches a policy's URL pattern."""
    form = _https_form(url, http_loopback=http_loopback)
    return form is not None and _pattern_regex(pattern).fullmatch(form) is not None


def looks_like_metadata_url(client_id: str | None) -> bool:
    return bool(client_id) and str(client_id).startswith(("https://", "http://"))


def _policy_for(ctx: RequestContext, pool_id: str, url: str) -> dict[str, Any] | None:
    """The first policy of the pool (oldest first) whose patterns ``url`` matches."""
    loopback = ctx.config.http_metadata_urls
    for row in ctx.store.all("SELECT * FROM cimd_policies WHERE pool_id = ? ORDER BY created, id", (pool_id,)):
        if any(matches(p, url, http_loopback=loopback) for p in loads(row["doc"])["URLPatterns"]):
            return dict(row)
    return None


def _checked_document(url: str, body: bytes | None) -> dict[str, Any] | None:
    """The metadata document in ``body`` if it is one this URL may serve, else None."""
    if body is None or len(body) > MAX_DOCUMENT:
        return None
    try:
        doc = loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or doc.get("client_id") != url or not fetch.encodable(doc):
        return None
    redirects = doc.get("redirect_uris")
    if not isinstance(redirects, list) or not redirects or not all(isinstance(r, str) for r in redirects):
        return None
    for redirect in redirects:
        try:
            parts = urlsplit(redirect)
        except ValueError:
            return None
        if not parts.scheme or "#" in redirect or (parts.scheme in ("http", "https") and not parts.netloc):
            return None
    if doc.get("token_endpoint_auth_method", "none") != "none" or "client_secret" in doc:
        return None
    grants = doc.get("grant_types", ["authorization_code"])
    if not isinstance(grants, list) or not all(isinstance(g, str) for g in grants):
        return None
    for key in ("scope", "client_name"):
        if key in doc and not isinstance(doc[key], str):
            return None
    logouts = doc.get("post_logout_redirect_uris", [])
    if not isinstance(logouts, list) or not all(isinstance(u, str) for u in logouts):
        return None
    return doc


def _max_age(cache_control: str | None) -> int | None:
    """The document's Cache-Control max-age, where it is between a day and a year (CacheDuration's range)."""
    for directive in (cache_control or "").split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            seconds = int(value.strip())
            return seconds if MIN_CACHE <= seconds <= MAX_CACHE else None
    return None


async def _fetch_and_cache(ctx: RequestContext, policy: dict[str, Any], url: str) -> bool:
    """Fetch ``url``'s document for ``policy``; cache it if it is good, forget the URL if it is not."""
    # An http URL only gets here on loopback, on a server started with --http-metadata-urls.
    response = await fetch.get(ctx, url)
    document = _checked_document(url, response.content if response is not None else None)
    with ctx.store.tx():
        exists = ctx.store.value("SELECT 1 FROM cimd_policies WHERE id = ?", (policy["id"],))
        if document is None or not exists:
            ctx.store.run("DELETE FROM cimd_documents WHERE policy_id = ? AND url = ?", (policy["id"], url))
            return False
        duration = _max_age(response.headers.get("cache-control") if response is not None else None) or int(
            loads(policy["doc"]).get("CacheDuration") or DEFAULT_CACHE_DURATION
        )
        ctx.store.run(
            "INSERT OR REPLACE INTO cimd_documents (policy_id, url, doc, cached, expires) VALUES (?, ?, ?, ?, ?)",
            (policy["id"], url, dumps(document), ctx.now, ctx.now + duration),
        )
    return True


async def prepare(ctx: RequestContext, pool_id: str, client_id: str | None) -> None:
    """Before an authorize or token request is checked: when ``client_id`` is a metadata URL that a policy
    of the pool matches and no live document is cached for it, fetch it (``client_for`` then finds it)."""
    if client_id is None or not looks_like_metadata_url(client_id):
        return
    policy = _policy_for(ctx, pool_id, client_id)
    if policy is None:
        return
    live = ctx.store.value(
        "SELECT 1 FROM cimd_documents WHERE policy_id = ? AND url = ? AND expires > ?",
        (policy["id"], client_id, ctx.now),
    )
    if not live:
        await _fetch_and_cache(ctx, policy, client_id)


def client_for(ctx: RequestContext, pool_id: str, client_id: str) -> dict[str, Any] | None:
    """The app client a metadata URL stands for, as its document registers it, or None.

    The answer is the policy's app client with the document's redirect URIs (``CallbackURLs``), sign-out
    URIs, name and scopes, the OAuth flows both allow, and no secret (CIMD clients are public); its
    ``ClientId`` stays the app client's.
    """
    if not looks_like_metadata_url(client_id):
        return None
    policy = _policy_for(ctx, pool_id, client_id)
    if policy is None:
        return None
    row = ctx.store.one(
        "SELECT doc FROM cimd_documents WHERE policy_id = ? AND url = ? AND expires > ?",
        (policy["id"], client_id, ctx.now),
    )
    if row is None:
        return None
    try:
        app = clients.get_pool_client(ctx, pool_id, policy["client_id"])
    except AwsError:
        return None
    document = loads(row["doc"])
    client = {k: v for k, v in app.items() if k not in ("ClientSecret", "DefaultRedirectURI")}
    client["ClientName"] = document.get("client_name") or client_id
    client["CallbackURLs"] = list(document["redirect_uris"])
    client["LogoutURLs"] = list(document.get("post_logout_redirect_uris") or [])
    allowed = {_GRANTS[g] for g in document.get("grant_types", ["authorization_code"]) if g in _GRANTS}
    client["AllowedOAuthFlows"] = [f for f in app.get("AllowedOAuthFlows") or [] if f in allowed]
    if isinstance(document.get("scope"), str):
        wanted = set(document["scope"].split())
        client["AllowedOAuthScopes"] = [s for s in app.get("AllowedOAuthScopes") or [] if s in wanted]
    client["MetadataURL"] = client_id
    return client
