"""Terms documents of app clients: Create/Describe/DescribeByClient/Update/Delete/ListTerms.

An app client has at most one document of each name, ``terms-of-use`` and ``privacy-policy``, each a map
of managed login languages (``cognito:default``, ``cognito:spanish``, ...) to a URL. The managed login
sign-up page links both once both exist, in the user's language or else ``cognito:default``;
``terms_for`` is what it reads.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from .clients import get_pool_client
from .pools import get_pool

TERMS_OF_USE = "terms-of-use"
PRIVACY_POLICY = "privacy-policy"
DEFAULT_LANGUAGE = "cognito:default"
# Managed login's languages by the language tags its pages take (the ``lang`` query parameter).
LANGUAGES = {
    "de": "cognito:german",
    "en": "cognito:english",
    "es": "cognito:spanish",
    "fr": "cognito:french",
    "id": "cognito:bahasa-indonesia",
    "it": "cognito:italian",
    "ja": "cognito:japanese",
    "ko": "cognito:korean",
    "nl": "cognito:dutch",
    "pt-br": "cognito:portuguese-brazil",
    "zh-cn": "cognito:chinese-simplified",
    "zh-tw": "cognito:chinese-traditional",
}
_PAGE = 60
_LIST = "terms"


def terms_for(ctx: RequestContext, pool_id: str, client_id: str, language: str | None = None) -> list[dict[str, Any]]:
    """The terms documents the managed login sign-up page of ``client_id`` links, or [] when it links none.

    Managed login shows terms only once the client has both a ``terms-of-use`` and a ``privacy-policy``
    document with a URL for the page's language or for ``cognito:default``. ``language`` is a language
    ID (``cognito:spanish``) or tag (``es``, ``pt-BR``); None means ``cognito:default``. Returns
    ``[{"TermsId", "TermsName", "Enforcement", "Links", "Url"}]``, terms of use first; ``Url`` is the link
    for ``language`` with the fallback applied. Reads only, inside the request's transaction.
    """
    wanted = _language_id(language)
    rows = ctx.store.all(
        "SELECT id, name, doc FROM terms WHERE pool_id = ? AND client_id = ?",
        (pool_id, client_id),
    )
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        doc = loads(row["doc"])
        links: dict[str, str] = doc.get("Links") or {}
        url = links.get(wanted) or links.get(DEFAULT_LANGUAGE)
        if url:
            found[row["name"]] = {
                "TermsId": row["id"],
                "TermsName": row["name"],
                "Enforcement": doc["Enforcement"],
                "Links": dict(links),
                "Url": url,
            }
    if TERMS_OF_USE not in found or PRIVACY_POLICY not in found:
        return []
    return [found[TERMS_OF_USE], found[PRIVACY_POLICY]]


def _language_id(language: str | None) -> str:
    if not language:
        return DEFAULT_LANGUAGE
    if language.startswith("cognito:"):
        return language
    tag = language.lower().replace("_", "-")
    return LANGUAGES.get(tag) or LANGUAGES.get(tag.split("-")[0], DEFAULT_LANGUAGE)


def _check_links(links: dict[str, str]) -> None:
    for language, url in links.items():
        try:
            parts = urlsplit(url)
        except ValueError:  # an unclosed or malformed IPv6 host: "https://[zz]/"
            parts = None
        if parts is None or parts.scheme not in ("https", "http") or not parts.netloc:
            raise invalid_parameter(f"The link for {language} must be an absolute http or https URL.")


def _terms_type(row: Any) -> dict[str, Any]:
    doc = loads(row["doc"])
    return {
        "TermsId": row["id"],
        "UserPoolId": row["pool_id"],
        "ClientId": row["client_id"],
        "TermsName": row["name"],
        "TermsSource": doc["TermsSource"],
        "Enforcement": doc["Enforcement"],
        "Links": doc.get("Links") or {},
        "CreationDate": row["created"],
        "LastModifiedDate": row["modified"],
    }


def _row(ctx: RequestContext, pool_id: str, terms_id: str) -> Any:
    row = ctx.store.one(
        "SELECT id, pool_id, client_id, name, created, modified, doc FROM terms WHERE id = ? AND pool_id = ?",
        (terms_id, pool_id),
    )
    if row is None:
        raise resource_not_found(f"Terms {terms_id} does not exist.")
    return row


def _exists(client_id: str, name: str) -> AwsError:
    return AwsError("TermsExistsException", f"Terms with name {name} already exist for app client {client_id}.")


@idp("CreateTerms")
def create_terms(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_pool_client(ctx, pool["Id"], req["ClientId"])
    links = dict(req.get("Links") or {})
    _check_links(links)
    name = req["TermsName"]
    if ctx.store.value("SELECT 1 FROM terms WHERE client_id = ? AND name = ?", (client["ClientId"], name)):
        raise _exists(client["ClientId"], name)
    terms_id = str(uuid.uuid4())
    doc = {"TermsSource": req["TermsSource"], "Enforcement": req["Enforcement"], "Links": links}
    ctx.store.run(
        "INSERT INTO terms (id, pool_id, client_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (terms_id, pool["Id"], client["ClientId"], name, ctx.now, ctx.now, dumps(doc)),
    )
    return {"Terms": _terms_type(_row(ctx, pool["Id"], terms_id))}


@idp("DescribeTerms")
def describe_terms(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"Terms": _terms_type(_row(ctx, pool["Id"], req["TermsId"]))}


@idp("DescribeTermsByClient")
def describe_terms_by_client(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_pool_client(ctx, pool["Id"], req["ClientId"])
    terms_id = ctx.store.value(
        "SELECT id FROM terms WHERE client_id = ? AND name = ?", (client["ClientId"], req["TermsName"])
    )
    if terms_id is None:
        raise resource_not_found(
            f"Terms with name {req['TermsName']} do not exist for app client {client['ClientId']}."
        )
    return {"Terms": _terms_type(_row(ctx, pool["Id"], str(terms_id)))}


@idp("UpdateTerms")
def update_terms(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    row = _row(ctx, pool["Id"], req["TermsId"])
    doc = loads(row["doc"])
    name = req.get("TermsName") or row["name"]
    if name != row["name"] and ctx.store.value(
        "SELECT 1 FROM terms WHERE client_id = ? AND name = ?", (row["client_id"], name)
    ):
        raise _exists(row["client_id"], name)
    if "Links" in req:
        links = dict(req["Links"])
        _check_links(links)
        doc["Links"] = links
    for member in ("TermsSource", "Enforcement"):
        if req.get(member):
            doc[member] = req[member]
    ctx.store.run(
        "UPDATE terms SET name = ?, modified = ?, doc = ? WHERE id = ?", (name, ctx.now, dumps(doc), row["id"])
    )
    return {"Terms": _terms_type(_row(ctx, pool["Id"], row["id"]))}


@idp("DeleteTerms")
def delete_terms(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    row = _row(ctx, pool["Id"], req["TermsId"])
    ctx.store.run("DELETE FROM terms WHERE id = ?", (row["id"],))
    return {}


@idp("ListTerms")
def list_terms(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    limit = req.get("MaxResults") or _PAGE
    sql = "SELECT id, name, created, modified, doc FROM terms WHERE pool_id = ?"
    params: list[Any] = [pool["Id"]]
    if req.get("NextToken"):
        created, last_id = paging.decode(req["NextToken"], _LIST, (float, str))
        sql += " AND (created > ? OR (created = ? AND id > ?))"
        params += [created, created, last_id]
    rows = ctx.store.all(sql + " ORDER BY created, id LIMIT ?", (*params, limit + 1))
    out: dict[str, Any] = {
        "Terms": [
            {
                "TermsId": r["id"],
                "TermsName": r["name"],
                "Enforcement": loads(r["doc"])["Enforcement"],
                "CreationDate": r["created"],
                "LastModifiedDate": r["modified"],
            }
            for r in rows[:limit]
        ]
    }
    if len(rows) > limit:
        last = rows[limit - 1]
        out["NextToken"] = paging.encode(_LIST, [last["created"], last["id"]])
    return out
