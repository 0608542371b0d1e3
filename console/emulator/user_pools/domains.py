"""User pool domains: prefix domains (<prefix>.auth.<region>.amazoncognito.com) and custom domains.

A pool has at most one prefix domain and one custom domain. The stored document is the
``DomainDescriptionType`` AWS describes; ``pool_for_domain`` lets the hosted UI find a pool by its
domain (the prefix alone, the full prefix host name, or the custom domain).
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads

from .pools import get_pool

_RESERVED = ("aws", "amazon", "cognito")
_POOL_OF_DOMAIN = "domains.pool_of_domain"  # ctx.state: domain -> pool ID (pool_for_domain)
_POOL_OF_DOMAIN_SIZE = 1024
# The S3 bucket of the hosted UI assets names the region by its airport code.
_AIRPORTS = {
    "us-east-1": "iad",
    "us-east-2": "cmh",
    "us-west-1": "sfo",
    "us-west-2": "pdx",
    "eu-west-1": "dub",
    "eu-west-2": "lhr",
    "eu-west-3": "cdg",
    "eu-central-1": "fra",
    "eu-north-1": "arn",
    "ap-southeast-1": "sin",
    "ap-southeast-2": "syd",
    "ap-northeast-1": "nrt",
    "ap-northeast-2": "icn",
    "ap-south-1": "bom",
    "ca-central-1": "yul",
    "sa-east-1": "gru",
}


def _version(now: float) -> str:
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y%m%d%H%M%S")


def _cloudfront() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "d" + "".join(secrets.choice(alphabet) for _ in range(13)) + ".cloudfront.net"


def prefix_host(ctx: RequestContext, prefix: str) -> str:
    return f"{prefix}.auth.{ctx.region}.amazoncognito.com"


def is_custom(doc: dict[str, Any]) -> bool:
    return bool(doc.get("CustomDomainConfig"))


def pool_for_domain(ctx: RequestContext, domain: str) -> str | None:
    """The pool ID a domain serves: a prefix, its full amazoncognito.com host name, or a custom domain.

    Every hosted UI request asks, so the answers are remembered per server (a domain keeps its pool until
    it is deleted, which forgets them all); only committed ones, read outside a transaction."""
    domain = domain.lower().split(":", 1)[0]
    suffix = f".auth.{ctx.region}.amazoncognito.com"
    if domain.endswith(suffix):
        domain = domain[: -len(suffix)]
    known: dict[str, str] = ctx.state.setdefault(_POOL_OF_DOMAIN, {})
    found = known.get(domain)
    if found is not None:
        return found
    value = ctx.store.value("SELECT pool_id FROM domains WHERE domain = ?", (domain,))
    if value is None:
        return None
    if not getattr(ctx.store, "_depth", 0):
        if len(known) >= _POOL_OF_DOMAIN_SIZE:
            known.clear()
        known[domain] = str(value)
    return str(value)


def domains_of(ctx: RequestContext, pool_id: str) -> list[dict[str, Any]]:
    """The pool's domain descriptions (prefix and/or custom)."""
    rows = ctx.store.all("SELECT doc FROM domains WHERE pool_id = ? ORDER BY domain", (pool_id,))
    return [loads(r["doc"]) for r in rows]


def _get(ctx: RequestContext, domain: str) -> dict[str, Any] | None:
    row = ctx.store.one("SELECT doc FROM domains WHERE domain = ?", (domain,))
    return None if row is None else loads(row["doc"])


def _check_certificate(arn: str) -> None:
    if not arn.startswith("arn:aws:acm:us-east-1:"):
        raise invalid_parameter(
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't"
            " include a valid certificate chain."
        )


def _check_version(pool: dict[str, Any], version: int) -> None:
    if version not in (1, 2):
        raise invalid_parameter("ManagedLoginVersion must be 1 (hosted UI classic) or 2 (managed login).")
    if version == 2 and pool.get("UserPoolTier") == "LITE":
        raise AwsError(
            "FeatureUnavailableInTierException",
            "Managed login branding is not available in the Lite tier of user pools.",
        )


@idp("CreateUserPoolDomain")
def create_user_pool_domain(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    domain = req["Domain"]
    custom = req.get("CustomDomainConfig")
    version = req.get("ManagedLoginVersion") or 1
    _check_version(pool, version)
    if custom is not None:
        if "." not in domain:
            raise invalid_parameter("A custom domain must be a fully qualified domain name.")
        _check_certificate(custom["CertificateArn"])
    else:
        if "." in domain:
            raise invalid_parameter("A domain prefix can contain only lower-case letters, numbers, and hyphens.")
        for word in _RESERVED:
            if word in domain:
                raise invalid_parameter(f"Domain cannot contain reserved word: {word}")
    if _get(ctx, domain) is not None:
        raise invalid_parameter("Domain already associated with another user pool.")
    for existing in domains_of(ctx, pool["Id"]):
        if is_custom(existing) == (custom is not None):
            raise invalid_parameter("User pool already has a domain configured.")
    doc: dict[str, Any] = {
        "UserPoolId": pool["Id"],
        "AWSAccountId": ctx.config.account_id,
        "Domain": domain,
        "S3Bucket": f"aws-cognito-prod-{_AIRPORTS.get(ctx.region, ctx.region)}-assets",
        "CloudFrontDistribution": _cloudfront(),
        "Version": _version(ctx.now),
        "Status": "ACTIVE",
        "CustomDomainConfig": {"CertificateArn": custom["CertificateArn"]} if custom else {},
        "ManagedLoginVersion": version,
    }
    ctx.store.run("INSERT INTO domains (domain, pool_id, doc) VALUES (?, ?, ?)", (domain, pool["Id"], dumps(doc)))
    out: dict[str, Any] = {"ManagedLoginVersion": version}
    if custom is not None:
        out["CloudFrontDomain"] = doc["CloudFrontDistribution"]
    return out


@idp("DescribeUserPoolDomain")
def describe_user_pool_domain(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    # An unknown domain is not an error: AWS answers an empty description.
    return {"DomainDescription": _get(ctx, req["Domain"]) or {}}


@idp("UpdateUserPoolDomain")
def update_user_pool_domain(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = get_pool(ctx, req["UserPoolId"])
    doc = _get(ctx, req["Domain"])
    if doc is None or doc["UserPoolId"] != pool["Id"]:
        raise invalid_parameter("No such domain or user pool exists.")
    custom = req.get("CustomDomainConfig")
    if custom is not None:
        if not is_custom(doc):
            raise invalid_parameter("CustomDomainConfig can only be set for a custom domain.")
        _check_certificate(custom["CertificateArn"])
        doc["CustomDomainConfig"] = {"CertificateArn": custom["CertificateArn"]}
    if req.get("ManagedLoginVersion") is not None:
        _check_version(pool, req["ManagedLoginVersion"])
        doc["ManagedLoginVersion"] = req["ManagedLoginVersion"]
    doc["Version"] = _version(ctx.now)
    ctx.store.run("UPDATE domains SET doc = ? WHERE domain = ?", (dumps(doc), doc["Domain"]))
    out: dict[str, Any] = {"ManagedLoginVersion": doc.get("ManagedLoginVersion", 1)}
    if is_custom(doc):
        out["CloudFrontDomain"] = doc["CloudFrontDistribution"]
    return out


@idp("DeleteUserPoolDomain")
def delete_user_pool_domain(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    get_pool(ctx, req["UserPoolId"])
    doc = _get(ctx, req["Domain"])
    if doc is None or doc["UserPoolId"] != req["UserPoolId"]:
        raise invalid_parameter("No such domain or user pool exists.")
    ctx.store.run("DELETE FROM domains WHERE domain = ?", (doc["Domain"],))
    ctx.state.pop(_POOL_OF_DOMAIN, None)
    return {}
