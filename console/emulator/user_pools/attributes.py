"""User attributes against the pool's schema: names, types, constraints, mutability.

Shared by the admin operations (AdminCreateUser, AdminUpdateUserAttributes, ...) and the self-service
ones (SignUp, UpdateUserAttributes, ...). Every check raises the AWS error the real service answers:
``InvalidParameterException`` with ``Attributes did not conform to the schema: ...`` for schema
violations (UpdateUserAttributes: ``user.<name>: ...`` lines alone), ``Invalid email address format.`` /
``Invalid phone number format.`` for malformed email or phone values, ``AliasExistsException`` /
``UsernameExistsException`` for alias conflicts.

Schema source: the pool document's ``SchemaAttributes`` (AWS lists custom attributes there with their
``custom:`` prefix, developer-only ones as ``dev:custom:``); a pool document without it is read as
AWS's default standard schema (``STANDARD_SCHEMA``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from console.emulator.core.errors import AwsError, invalid_parameter

SCHEMA_PREFIX = "Attributes did not conform to the schema: "
UNKNOWN_ATTRIBUTE = "Attribute does not exist in the schema."

# Operations whose schema errors AWS words per attribute as ``user.<name>: <text>``, without SCHEMA_PREFIX:
# ``user.update_email: Attribute does not exist in the schema.\n`` (raw UpdateUserAttributes response in
# Jaydev Ahire's account-takeover write-up, jaydevahire.medium.com post dd5468d5773d, March 2023;
# aws-amplify/amplify-flutter#1531 lists five such lines). [U] That its other problems take the same form
# (one app's tests show ``user.custom:role: Attribute cannot be updated.\n``). [U] AdminUpdateUserAttributes
# keeps SCHEMA_PREFIX: no source shows its wording.
_USER_PREFIXED_OPS = frozenset({"UpdateUserAttributes"})


def _string(name: str, *, mutable: bool = True, required: bool = False, lo: int = 0, hi: int = 2048) -> dict:
    return {
        "Name": name,
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": mutable,
        "Required": required,
        "StringAttributeConstraints": {"MinLength": str(lo), "MaxLength": str(hi)},
    }


def _boolean(name: str) -> dict:
    return {
        "Name": name,
        "AttributeDataType": "Boolean",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": False,
    }


# AWS's standard attributes as DescribeUserPool lists them for a pool created with no Schema.
STANDARD_SCHEMA: list[dict[str, Any]] = [
    _string("sub", mutable=False, required=True, lo=1),
    _string("name"),
    _string("given_name"),
    _string("family_name"),
    _string("middle_name"),
    _string("nickname"),
    _string("preferred_username"),
    _string("profile"),
    _string("picture"),
    _string("website"),
    _string("email"),
    _boolean("email_verified"),
    _string("gender"),
    _string("birthdate", lo=10, hi=10),
    _string("zoneinfo"),
    _string("locale"),
    _string("phone_number"),
    _boolean("phone_number_verified"),
    _string("address"),
    {
        "Name": "updated_at",
        "AttributeDataType": "Number",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": False,
        "NumberAttributeConstraints": {"MinValue": "0"},
    },
    {
        "Name": "identities",
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": False,
        "StringAttributeConstraints": {},
    },
]
STANDARD_NAMES = frozenset(a["Name"] for a in STANDARD_SCHEMA)

# Attributes only Cognito itself writes.
_NEVER_WRITABLE = frozenset({"sub", "identities"})

# What AWS accepts as an email address and an E.164 phone number (loose, as AWS is).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")


def schema_of(pool: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{attribute name: SchemaAttributeType}``; dev-only attributes under their ``dev:`` name."""
    listed = pool.get("SchemaAttributes") or STANDARD_SCHEMA
    out: dict[str, dict[str, Any]] = {}
    for attr in listed:
        name = attr["Name"]
        if attr.get("DeveloperOnlyAttribute") and name.startswith("custom:"):
            name = "dev:" + name
        out[name] = attr
    # The standard attributes always exist even if a stored document lists only some of them.
    for attr in STANDARD_SCHEMA:
        out.setdefault(attr["Name"], attr)
    return out


def required_attributes(pool: Mapping[str, Any]) -> list[str]:
    """Names a new user must have (``Required: true``), ``sub`` excluded (Cognito makes it)."""
    return [name for name, a in schema_of(pool).items() if a.get("Required") and name != "sub"]


def as_dict(attrs: Iterable[Mapping[str, Any]] | Mapping[str, str] | None) -> list[tuple[str, str]]:
    """AttributeListType (``[{"Name", "Value"}]``) or a plain mapping, as ``(name, value)`` pairs.

    A missing ``Value`` reads as the empty string, as AWS treats it.
    """
    if not attrs:
        return []
    if isinstance(attrs, Mapping):
        return [(str(k), "" if v is None else str(v)) for k, v in attrs.items()]
    return [(str(a["Name"]), str(a.get("Value") or "")) for a in attrs]


def to_list(attrs: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"Name": k, "Value": v} for k, v in attrs.items()]


def _bad(name: str, text: str) -> str:
    return f"{name}: {text}"


def _schema_error(problems: list[str], *, user_prefixed: bool = False) -> AwsError:
    """One InvalidParameterException for every problem, each on its own line ending in a newline, as AWS
    writes them (aws-amplify/amplify-flutter#509, aws-amplify/amplify-cli#1761: the message ends in a newline
    after its last ``...: Attribute does not exist in the schema.``)."""
    if user_prefixed:
        return invalid_parameter("".join(f"user.{problem}\n" for problem in problems))
    return invalid_parameter(SCHEMA_PREFIX + "".join(f"{problem}\n" for problem in problems))


def _check_value(name: str, value: str, schema: Mapping[str, Any]) -> tuple[str, str | None]:
    """(normalized value, problem or None) for one attribute value against its schema entry."""
    kind = schema.get("AttributeDataType", "String")
    if kind == "Boolean":
        lowered = value.strip().lower()
        if lowered not in ("true", "false"):
            return value, _bad(name, "Attribute value must be true or false")  # [U] exact wording
        return lowered, None
    if kind == "Number":
        try:
            number = int(value.strip())
        except ValueError:
            try:
                as_float = float(value.strip())
            except ValueError:
                return value, _bad(name, "Number must be a valid number")  # [U] exact wording
            number = int(as_float) if as_float.is_integer() else None  # type: ignore[assignment]
            if number is None:
                return value, _bad(name, "Number must be an integer")  # [U] exact wording
        cons = schema.get("NumberAttributeConstraints") or {}
        if cons.get("MinValue") not in (None, "") and number < int(cons["MinValue"]):
            return value, _bad(name, f"Number must be no less than {cons['MinValue']}")
        if cons.get("MaxValue") not in (None, "") and number > int(cons["MaxValue"]):
            return value, _bad(name, f"Number must be no greater than {cons['MaxValue']}")
        return str(number), None
    if kind == "DateTime":
        if value and not _is_datetime(value):
            return value, _bad(name, "DateTime must be a valid date")  # [U] exact wording
        return value, None
    cons = schema.get("StringAttributeConstraints") or {}
    if cons.get("MaxLength") not in (None, "") and len(value) > int(cons["MaxLength"]):
        return value, _bad(name, f"String must be no longer than {cons['MaxLength']} characters")
    # An empty value clears an optional attribute, so the minimum applies to non-empty values.
    if value and cons.get("MinLength") not in (None, "") and len(value) < int(cons["MinLength"]):
        return value, _bad(name, f"String must be no shorter than {cons['MinLength']} characters")
    return value, None


def _is_datetime(value: str) -> bool:
    if value.isdigit():  # epoch seconds
        return True
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def validate_attributes(
    pool: Mapping[str, Any],
    attrs: Iterable[Mapping[str, Any]] | Mapping[str, str] | None,
    *,
    op: str,
    admin: bool,
    creating: bool,
    existing: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Check ``attrs`` against ``pool``'s schema; return them normalized as ``{name: value}``.

    - ``attrs``: AttributeListType as received, or a mapping. Only these attributes are returned
      (normalized: booleans lower-cased ``"true"``/``"false"``, numbers canonical); the caller merges
      them into the user's attributes itself. An empty value means "clear this attribute".
    - ``op``: the operation name (``"AdminCreateUser"``, ``"SignUp"``, ...), used for AWS's wording.
    - ``admin``: an administrator call. Only admin calls may write developer-only (``dev:custom:``)
      attributes; self-service calls must additionally respect the app client's WriteAttributes
      (see ``check_client_writable``).
    - ``creating``: the user is being created (AdminCreateUser, SignUp, a migration): immutable
      attributes may be set, and every required attribute must be present and non-empty in ``attrs``.
      Callers put attributes Cognito derives itself (the email of an email-as-username pool) into
      ``attrs`` before calling.
    - ``existing``: the user's current attributes when updating; a required attribute may not be
      cleared, an immutable one may not be written at all.

    Raises ``InvalidParameterException``: ``Attributes did not conform to the schema: <problems>``
    (problems ``name: text``, each followed by a newline, e.g. ``email: The attribute is required``,
    ``custom:x: Attribute does not exist in the schema.``, ``custom:x: String must be no longer
    than 5 characters``, ``custom:x: Attribute cannot be updated. (changing an immutable attribute)``;
    UpdateUserAttributes: the problems alone, each as ``user.<problem>``), or ``Invalid email address
    format.`` / ``Invalid phone number format.``.
    """
    schema = schema_of(pool)
    pairs = as_dict(attrs)
    problems: list[str] = []
    out: dict[str, str] = {}
    for name, value in pairs:
        entry = schema.get(name)
        if entry is None or (name.startswith("dev:") and not admin):
            # Every unknown attribute is listed, in the request's order ([U] the order: AWS's reports list
            # all of them, aws-amplify/amplify-flutter#509 and #1531, in an order that may not be the
            # request's). SignUp: aws-amplify/amplify-flutter#509, aws-amplify/aws-sdk-android#1629,
            # aws-amplify/amplify-cli#1761 (2018-2021). [U] One 2025 report of SignUp answers "Type for
            # attribute {custom:role} could not be determined" instead (Kalplaoffice/kalpla-elearning
            # commit 4559a13). [U] AdminCreateUser and AdminUpdateUserAttributes: no source shows their
            # wording; SignUp's is used.
            problems.append(_bad(name, UNKNOWN_ATTRIBUTE))
            continue
        if name in _NEVER_WRITABLE:
            problems.append(_bad(name, "Attribute cannot be updated. (changing an immutable attribute)"))
            continue
        if not creating and not entry.get("Mutable", True):
            problems.append(_bad(name, "Attribute cannot be updated. (changing an immutable attribute)"))
            continue
        normalized, problem = _check_value(name, value, entry)
        if problem:
            problems.append(problem)
            continue
        if not normalized and entry.get("Required"):
            problems.append(_bad(name, "The attribute is required"))
            continue
        out[name] = normalized
    if creating:
        for name in required_attributes(pool):
            if not out.get(name) and f"{name}: The attribute is required" not in problems:
                problems.append(_bad(name, "The attribute is required"))
    if problems:
        raise _schema_error(problems, user_prefixed=op in _USER_PREFIXED_OPS)
    if out.get("email") and not _EMAIL.match(out["email"]):
        raise invalid_parameter("Invalid email address format.")
    if out.get("phone_number") and not _PHONE.match(out["phone_number"]):
        raise invalid_parameter("Invalid phone number format.")
    return out


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def is_phone(value: str) -> bool:
    return bool(_PHONE.match(value))


def check_deletable(pool: Mapping[str, Any], names: Iterable[str]) -> None:
    """AdminDeleteUserAttributes / DeleteUserAttributes: names must exist, not be required or immutable."""
    schema = schema_of(pool)
    wanted = list(names)
    unknown = [name for name in wanted if name not in schema]
    if unknown:
        # [U] moto's wording (test_admin_delete_user_attributes_non_existing_attribute, a test not run
        # against AWS): ``Invalid user attributes: user.custom:foo: Attribute does not exist in the
        # schema.\n``, one line per unknown name. That unknown names are reported before other problems
        # is also unconfirmed.
        lines = "".join(f"user.{name}: {UNKNOWN_ATTRIBUTE}\n" for name in unknown)
        raise invalid_parameter("Invalid user attributes: " + lines)
    problems: list[str] = []
    for name in wanted:
        entry = schema[name]
        if entry.get("Required") or name in _NEVER_WRITABLE:
            problems.append(_bad(name, "The attribute is required"))
        elif not entry.get("Mutable", True):
            problems.append(_bad(name, "Attribute cannot be updated. (changing an immutable attribute)"))
    if problems:
        raise _schema_error(problems)


def check_client_writable(client: Mapping[str, Any], names: Iterable[str]) -> None:
    """Self-service writes must stay within the app client's ``WriteAttributes`` (when it sets any).

    Raises ``NotAuthorizedException`` ``A client attempted to write unauthorized attribute``.
    """
    allowed = client.get("WriteAttributes")
    if not allowed:
        return
    permitted = set(allowed)
    for name in names:
        if name not in permitted:
            raise AwsError("NotAuthorizedException", "A client attempted to write unauthorized attribute")


def filter_readable(client: Mapping[str, Any] | None, attrs: Mapping[str, str]) -> dict[str, str]:
    """The attributes an app client may read (``ReadAttributes``; all when it sets none). ``sub`` always."""
    allowed = (client or {}).get("ReadAttributes")
    if not allowed:
        return dict(attrs)
    permitted = set(allowed) | {"sub"}
    return {k: v for k, v in attrs.items() if k in permitted}
