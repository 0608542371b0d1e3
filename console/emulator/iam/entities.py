"""What every IAM entity shares: unique IDs and ARNs in IAM's forms, tags, and IAM's Marker/MaxItems paging."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Sequence
from typing import Any

from console.emulator.core import paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError

_ID_ALPHABET = string.ascii_uppercase + string.digits
DEFAULT_MAX_ITEMS = 100
TAGS_PER_ENTITY = 50


def unique_id(prefix: str) -> str:
    """An IAM unique ID: ``AROA`` (role), ``ANPA`` (managed policy) and 17 upper-case letters and digits."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(17))


def arn(ctx: RequestContext, kind: str, path: str, name: str) -> str:
    """``arn:aws:iam::<account>:<kind><path><name>``, e.g. ``role/service/MyRole``."""
    return f"arn:aws:iam::{ctx.config.account_id}:{kind}{path}{name}"


def not_found(message: str) -> AwsError:
    return AwsError("NoSuchEntity", message, 404)


def already_exists(message: str) -> AwsError:
    return AwsError("EntityAlreadyExists", message, 409)


def delete_conflict(message: str) -> AwsError:
    return AwsError("DeleteConflict", message, 409)


def limit_exceeded(message: str) -> AwsError:
    return AwsError("LimitExceeded", message, 409)


def invalid_input(message: str) -> AwsError:
    return AwsError("InvalidInput", message)


def merge_tags(current: list[dict[str, str]], added: Sequence[dict[str, str]], kind: str) -> list[dict[str, str]]:
    """``current`` with ``added`` put in (a key already there takes the new value; keys compare without case,
    as IAM's do), within IAM's 50 tags per entity."""
    keys = [t["Key"].lower() for t in added]
    if len(set(keys)) != len(keys):
        raise invalid_input("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
    merged = {t["Key"].lower(): t for t in current}
    for tag in added:
        merged[tag["Key"].lower()] = {"Key": tag["Key"], "Value": tag.get("Value", "")}
    if len(merged) > TAGS_PER_ENTITY:
        raise limit_exceeded(f"Cannot exceed quota for TagsPer{kind}: {TAGS_PER_ENTITY}.")
    return list(merged.values())


def remove_tags(current: list[dict[str, str]], keys: Sequence[str]) -> list[dict[str, str]]:
    gone = {k.lower() for k in keys}
    return [t for t in current if t["Key"].lower() not in gone]


def page(
    req: dict[str, Any], kind: str, items: Sequence[Any], key: Callable[[Any], str], member: str
) -> dict[str, Any]:
    """One page of ``items`` (sorted by ``key``) after ``req``'s Marker, at most MaxItems (100 by default),
    as ``{member: [...], "IsTruncated": bool, "Marker": next}``."""
    start = ""
    if req.get("Marker"):
        try:
            start = paging.decode(req["Marker"], kind, (str,))[0]
        except AwsError:
            raise invalid_input("Invalid Marker.") from None
    limit = req.get("MaxItems") or DEFAULT_MAX_ITEMS
    rest = [i for i in items if key(i) > start] if start else list(items)
    chosen = rest[:limit]
    out: dict[str, Any] = {member: chosen, "IsTruncated": len(rest) > limit}
    if len(rest) > limit:
        out["Marker"] = paging.encode(kind, [key(chosen[-1])])
    return out
