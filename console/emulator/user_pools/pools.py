"""User pools: the pool document and the pool-level operations.

A pool is stored as its ``UserPoolType`` document (JSON) in ``pools.doc``; computed fields
(``EstimatedNumberOfUsers``) are filled in when it is described.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.emulator.core import ids, paging
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, pool_not_found, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps, loads, loads_document

from . import pool_access, pool_configurations


def get_pool(ctx: RequestContext, pool_id: str) -> dict[str, Any]:
    """The pool's document; ``ResourceNotFoundException`` if there is no such pool. A request that keeps
    pool documents (``RequestContext.pool_documents``) gets the one it read first, which it must not change."""
    kept = ctx.pool_documents
    if kept is not None and (found := kept.get(pool_id)) is not None:
        return found
    row = ctx.store.one("SELECT doc FROM pools WHERE id = ?", (pool_id,))
    if row is None:
        raise pool_not_found(pool_id)
    # A secondary replica's Region, or a recovery in progress, may refuse the request (pool_access.py); a
    # secondary's own regional settings stand in for the primary's.
    regional = pool_access.check(ctx, pool_id)
    doc: dict[str, Any] = loads_document(row["doc"])
    if regional is not None:
        for key in pool_access.REGIONAL_SETTINGS:
            doc.pop(key, None)
        doc.update(regional)
    if kept is not None:
        kept[pool_id] = doc
    return doc


def save_pool(ctx: RequestContext, doc: dict[str, Any]) -> None:
    doc["LastModifiedDate"] = ctx.now
    ctx.store.run(
        "UPDATE pools SET name = ?, modified = ?, doc = ? WHERE id = ?",
        (doc["Name"], ctx.now, dumps(doc), doc["Id"]),
    )


def pool_suffix(pool_id: str) -> str:
    """The part of the pool ID after the underscore: SRP's "pool name"."""
    return pool_id.split("_", 1)[1]


def is_case_sensitive(pool: dict[str, Any]) -> bool:
    """Pools created without ``UsernameConfiguration`` are case sensitive (AWS's legacy default)."""
    config = pool.get("UsernameConfiguration")
    if not config:
        return True
    return bool(config.get("CaseSensitive", True))


def username_attributes(pool: dict[str, Any]) -> list[str]:
    """``email`` and/or ``phone_number`` when they sign in in place of a username."""
    return list(pool.get("UsernameAttributes") or [])


def alias_attributes(pool: dict[str, Any]) -> list[str]:
    return list(pool.get("AliasAttributes") or [])


def pool_arn(ctx: RequestContext, pool_id: str, region: str | None = None) -> str:
    return f"arn:aws:cognito-idp:{region or ctx.region}:{ctx.config.account_id}:userpool/{pool_id}"


# ---------------------------------------------------------------------------------------------------
# The pool-level operations.
# ---------------------------------------------------------------------------------------------------

_S = "String"


def _std(
    name: str, data_type: str = _S, *, mutable: bool = True, required: bool = False, lo: str = "0", hi: str = "2048"
) -> dict[str, Any]:
    attr: dict[str, Any] = {
        "Name": name,
        "AttributeDataType": data_type,
        "DeveloperOnlyAttribute": False,
        "Mutable": mutable,
        "Required": required,
    }
    if data_type == _S:
        attr["StringAttributeConstraints"] = {"MinLength": lo, "MaxLength": hi}
    elif data_type == "Number":
        attr["NumberAttributeConstraints"] = {"MinValue": "0"}
    return attr


# The standard attributes in the order DescribeUserPool lists them (awscli's describe-user-pool
# example, captured from the service).
STANDARD_SCHEMA: tuple[dict[str, Any], ...] = (
    _std("sub", mutable=False, required=True, lo="1"),
    _std("name"),
    _std("given_name"),
    _std("family_name"),
    _std("middle_name"),
    _std("nickname"),
    _std("preferred_username"),
    _std("profile"),
    _std("picture"),
    _std("website"),
    _std("email"),
    _std("email_verified", "Boolean"),
    _std("gender"),
    _std("birthdate", lo="10", hi="10"),
    _std("zoneinfo"),
    _std("locale"),
    _std("phone_number"),
    _std("phone_number_verified", "Boolean"),
    _std("address"),
    _std("updated_at", "Number"),
)
STANDARD_NAMES = frozenset(a["Name"] for a in STANDARD_SCHEMA)
# Added to the schema once the pool federates (the service lists it after updated_at).
IDENTITIES_ATTRIBUTE: dict[str, Any] = {
    "Name": "identities",
    "AttributeDataType": _S,
    "DeveloperOnlyAttribute": False,
    "Mutable": True,
    "Required": False,
    "StringAttributeConstraints": {},
}
MAX_CUSTOM_ATTRIBUTES = 50
MISSING_DATA_TYPE = "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."
MAX_TAGS = 50

DEFAULT_PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}
DEFAULT_SIGN_IN_POLICY: dict[str, Any] = {"AllowedFirstAuthFactors": ["PASSWORD"]}

# Settings that UpdateUserPool resets to these defaults when a request leaves them out, as AWS does.
_RESETTABLE = (
    "Policies",
    "DeletionProtection",
    "LambdaConfig",
    "AutoVerifiedAttributes",
    "SmsVerificationMessage",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "UserAttributeUpdateSettings",
    "MfaConfiguration",
    "DeviceConfiguration",
    "EmailConfiguration",
    "SmsConfiguration",
    "AdminCreateUserConfig",
    "UserPoolAddOns",
    "AccountRecoverySetting",
)
_TIERS = {"LITE": 0, "ESSENTIALS": 1, "PLUS": 2}


def _copy(value: Any) -> Any:
    return loads(dumps(value))


def _require_name(attr: dict[str, Any], path: str) -> str:
    """A schema attribute's Name: optional in the model, yet nothing can be made without one."""
    name = attr.get("Name")
    if not name:
        # [U] AWS's wording for a nameless schema attribute is not documented; its validation style.
        raise invalid_parameter(
            f"1 validation error detected: Value null at '{path}.member.name' failed to satisfy constraint:"
            " Member must not be null"
        )
    return str(name)


def custom_attribute_name(attr: dict[str, Any]) -> str:
    base = attr["Name"]
    return f"dev:custom:{base}" if attr.get("DeveloperOnlyAttribute") else f"custom:{base}"


def schema_attribute(pool: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The schema entry for ``name`` (``custom:x`` also finds a developer-only ``dev:custom:x``)."""
    for attr in pool.get("SchemaAttributes") or []:
        if attr["Name"] == name or attr["Name"] == f"dev:{name}":
            return dict(attr)
    return None


def custom_attributes(pool: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        a for a in pool.get("SchemaAttributes") or [] if a["Name"] not in STANDARD_NAMES and a["Name"] != "identities"
    ]


def _check_number(value: Any, what: str, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise invalid_parameter(f"Invalid {what} for schema attribute {name}") from None
    return number


def _constraints(attr: dict[str, Any], name: str) -> dict[str, Any]:
    """Validate and normalise one attribute's constraints; returns the stored entry's extra keys."""
    data_type = attr.get("AttributeDataType") or _S
    out: dict[str, Any] = {}
    if data_type == _S:
        given = attr.get("StringAttributeConstraints")
        if given is not None:
            lo = _check_number(given.get("MinLength"), "StringAttributeConstraints", name)
            hi = _check_number(given.get("MaxLength"), "StringAttributeConstraints", name)
            if (lo is not None and lo > 2048) or (hi is not None and hi > 2048):
                raise invalid_parameter(f"user.{name}: String attributes cannot have a length of more than 2048")
            if lo is not None and hi is not None and lo > hi:
                raise invalid_parameter(f"user.{name}: Max length cannot be less than min length.")
            out["StringAttributeConstraints"] = {k: v for k, v in given.items() if v is not None}
        else:
            out["StringAttributeConstraints"] = {}
    elif data_type == "Number":
        given = attr.get("NumberAttributeConstraints")
        if given is not None:
            lo = _check_number(given.get("MinValue"), "NumberAttributeConstraints", name)
            hi = _check_number(given.get("MaxValue"), "NumberAttributeConstraints", name)
            if lo is not None and hi is not None and lo > hi:
                raise invalid_parameter(f"user.{name}: Max value cannot be less than min value.")
            out["NumberAttributeConstraints"] = {k: v for k, v in given.items() if v is not None}
        else:
            out["NumberAttributeConstraints"] = {}
    return out


def _new_custom_attribute(attr: dict[str, Any], existing: list[dict[str, Any]]) -> dict[str, Any]:
    name = custom_attribute_name(attr)
    plain = f"custom:{attr['Name']}"
    if not attr.get("AttributeDataType"):
        # AddCustomAttributes: CloudFormation updates that add schema entries without a type fail with this
        # (aws/aws-cdk#8585, anomalyco/sst#1645, aws-amplify/amplify-cli#9532). [U] CreateUserPool: only
        # moto's test_create_user_pool_custom_attribute_without_data_type (not run against AWS) says the
        # same; standard attributes there may omit the type.
        raise invalid_parameter(MISSING_DATA_TYPE)
    if attr.get("Required"):
        raise invalid_parameter("Required custom attributes are not supported currently.")
    for other in existing:
        if other["Name"] in (plain, f"dev:{plain}"):
            raise invalid_parameter(f"{plain}: Existing attribute already has name {other['Name']}.")
    entry: dict[str, Any] = {
        "Name": name,
        "AttributeDataType": attr["AttributeDataType"],
        "DeveloperOnlyAttribute": bool(attr.get("DeveloperOnlyAttribute", False)),
        "Mutable": bool(attr.get("Mutable", True)),
        "Required": False,
    }
    entry.update(_constraints(attr, plain))
    return entry


def build_schema(given: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """SchemaAttributes for a new pool: the standard list with the request's overrides, then customs."""
    schema = [_copy(a) for a in STANDARD_SCHEMA]
    by_name = {a["Name"]: a for a in schema}
    customs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, attr in enumerate(given or [], 1):
        name = _require_name(attr, f"schema.{i}")
        if name in STANDARD_NAMES:
            if name in seen:
                raise invalid_parameter(f"{name}: Existing attribute already has name {name}.")
            seen.add(name)
            std = by_name[name]
            data_type = attr.get("AttributeDataType")
            if data_type is not None and data_type != std["AttributeDataType"]:
                raise invalid_parameter(
                    f"You can not change AttributeDataType or set developerOnlyAttribute for"
                    f" standard schema attribute {name}"
                )
            if attr.get("DeveloperOnlyAttribute"):
                raise invalid_parameter(
                    f"You can not change AttributeDataType or set developerOnlyAttribute for"
                    f" standard schema attribute {name}"
                )
            if name == "sub":
                if attr.get("Mutable") is True or attr.get("Required") is False:
                    raise invalid_parameter("You can not change the sub attribute.")
                continue
            if "Required" in attr and attr["Required"] is not None:
                std["Required"] = bool(attr["Required"])
            if "Mutable" in attr and attr["Mutable"] is not None:
                std["Mutable"] = bool(attr["Mutable"])
            if std["AttributeDataType"] == _S and attr.get("StringAttributeConstraints") is not None:
                merged = {**std["StringAttributeConstraints"], **attr["StringAttributeConstraints"]}
                std.update(_constraints({"StringAttributeConstraints": merged}, name))
            if std["AttributeDataType"] == "Number" and attr.get("NumberAttributeConstraints") is not None:
                merged = {**std["NumberAttributeConstraints"], **attr["NumberAttributeConstraints"]}
                std.update(_constraints({"AttributeDataType": "Number", "NumberAttributeConstraints": merged}, name))
        else:
            customs.append(_new_custom_attribute(attr, customs))
    if len(customs) > MAX_CUSTOM_ATTRIBUTES:
        raise invalid_parameter(f"The user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes.")
    return schema + customs


def _tier_at_least(pool: dict[str, Any], tier: str) -> bool:
    return _TIERS.get(pool.get("UserPoolTier") or "ESSENTIALS", 1) >= _TIERS[tier]


def _feature_unavailable(message: str) -> AwsError:
    return AwsError("FeatureUnavailableInTierException", message)


def _apply_settings(doc: dict[str, Any], req: dict[str, Any]) -> None:
    """Fill ``doc`` with the request's settings, or AWS's defaults for those it leaves out."""
    policies = _copy(req.get("Policies") or {})
    password = policies.get("PasswordPolicy")
    if password is None:
        password = dict(DEFAULT_PASSWORD_POLICY)
    else:
        password = {
            "MinimumLength": password.get("MinimumLength") or 8,
            "RequireUppercase": bool(password.get("RequireUppercase", False)),
            "RequireLowercase": bool(password.get("RequireLowercase", False)),
            "RequireNumbers": bool(password.get("RequireNumbers", False)),
            "RequireSymbols": bool(password.get("RequireSymbols", False)),
            **({"PasswordHistorySize": password["PasswordHistorySize"]} if password.get("PasswordHistorySize") else {}),
            # 0 means "not set": AWS stores the default of 7 days.
            "TemporaryPasswordValidityDays": password.get("TemporaryPasswordValidityDays") or 7,
        }
        if password.get("PasswordHistorySize") and not _tier_at_least(doc, "PLUS"):
            raise _feature_unavailable("Password history is only available in the Plus tier.")
    sign_in = policies.get("SignInPolicy") or dict(DEFAULT_SIGN_IN_POLICY)
    factors = list(dict.fromkeys(sign_in.get("AllowedFirstAuthFactors") or ["PASSWORD"]))
    if "PASSWORD" not in factors:
        raise invalid_parameter("PASSWORD must be an allowed first authentication factor.")
    if factors != ["PASSWORD"] and not _tier_at_least(doc, "ESSENTIALS"):
        raise _feature_unavailable("Choice-based authentication is not available in the Lite tier of user pools.")
    doc["Policies"] = {"PasswordPolicy": password, "SignInPolicy": {"AllowedFirstAuthFactors": factors}}

    doc["DeletionProtection"] = req.get("DeletionProtection") or "INACTIVE"
    doc["LambdaConfig"] = _lambda_config(req.get("LambdaConfig") or {})
    doc["AutoVerifiedAttributes"] = list(dict.fromkeys(req.get("AutoVerifiedAttributes") or []))
    if not doc["AutoVerifiedAttributes"]:
        del doc["AutoVerifiedAttributes"]

    template = _copy(req.get("VerificationMessageTemplate") or {})
    # The legacy top-level messages and the template mirror each other.
    for legacy, key in (
        ("SmsVerificationMessage", "SmsMessage"),
        ("EmailVerificationMessage", "EmailMessage"),
        ("EmailVerificationSubject", "EmailSubject"),
    ):
        if req.get(legacy) and not template.get(key):
            template[key] = req[legacy]
        if template.get(key):
            doc[legacy] = template[key]
        else:
            doc.pop(legacy, None)
    template.setdefault("DefaultEmailOption", "CONFIRM_WITH_CODE")
    if template["DefaultEmailOption"] == "CONFIRM_WITH_LINK" and template.get("EmailMessageByLink") is None:
        template.setdefault(
            "EmailMessageByLink",
            "Please click the link below to verify your email address. {##Verify Email##} ",
        )
        template.setdefault("EmailSubjectByLink", "Your verification link")
    doc["VerificationMessageTemplate"] = template

    if req.get("SmsAuthenticationMessage"):
        doc["SmsAuthenticationMessage"] = req["SmsAuthenticationMessage"]
    else:
        doc.pop("SmsAuthenticationMessage", None)
    update_settings = req.get("UserAttributeUpdateSettings") or {}
    require_before = list(update_settings.get("AttributesRequireVerificationBeforeUpdate") or [])
    for attr in require_before:
        if attr not in (doc.get("AutoVerifiedAttributes") or []):
            raise invalid_parameter(
                "The attribute(s) in AttributesRequireVerificationBeforeUpdate must be in AutoVerifiedAttributes."
            )
    doc["UserAttributeUpdateSettings"] = {"AttributesRequireVerificationBeforeUpdate": require_before}

    for key in ("DeviceConfiguration", "SmsConfiguration", "UserPoolAddOns", "AccountRecoverySetting"):
        if req.get(key) is not None:
            doc[key] = _copy(req[key])
        else:
            doc.pop(key, None)
    if doc.get("SmsConfiguration") is not None:
        doc["SmsConfiguration"].setdefault("SnsRegion", doc["Id"].split("_", 1)[0])
    recovery = (doc.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms")
    if recovery:
        names = [m["Name"] for m in recovery]
        priorities = [m["Priority"] for m in recovery]
        if len(set(names)) != len(names) or len(set(priorities)) != len(priorities):
            raise invalid_parameter("Recovery mechanisms must have unique names and priorities.")
        if "admin_only" in names and len(names) > 1:
            raise invalid_parameter("admin_only can not be used with any other recovery mechanism.")
    addons = doc.get("UserPoolAddOns")
    if addons is not None:
        addons.setdefault("AdvancedSecurityMode", "OFF")
        if addons["AdvancedSecurityMode"] != "OFF" and not _tier_at_least(doc, "PLUS"):
            raise _feature_unavailable("Threat protection requires upgrading the user pool to Plus tier.")

    email = _copy(req.get("EmailConfiguration") or {})
    email.setdefault("EmailSendingAccount", "COGNITO_DEFAULT")
    if email["EmailSendingAccount"] == "DEVELOPER" and not email.get("SourceArn"):
        raise invalid_parameter("SourceArn must be provided when EmailSendingAccount is DEVELOPER.")
    doc["EmailConfiguration"] = email

    admin = _copy(req.get("AdminCreateUserConfig") or {})
    admin_out: dict[str, Any] = {
        "AllowAdminCreateUserOnly": bool(admin.get("AllowAdminCreateUserOnly", False)),
        "UnusedAccountValidityDays": admin.get("UnusedAccountValidityDays")
        or password["TemporaryPasswordValidityDays"],
    }
    if admin.get("InviteMessageTemplate"):
        admin_out["InviteMessageTemplate"] = admin["InviteMessageTemplate"]
    doc["AdminCreateUserConfig"] = admin_out

    mfa = req.get("MfaConfiguration") or "OFF"
    if (
        mfa != "OFF"
        and not doc.get("SmsConfiguration")
        and not _totp_enabled(doc)
        and not doc.get("EmailMfaConfiguration")
    ):
        raise invalid_parameter("SMS configuration and Auth Message Template must be set when MFA is ON or OPTIONAL.")
    doc["MfaConfiguration"] = mfa


def _lambda_config(config: dict[str, Any]) -> dict[str, Any]:
    config = _copy(config)
    legacy = config.get("PreTokenGeneration")
    detailed = config.get("PreTokenGenerationConfig")
    if detailed is not None:
        if legacy is not None and legacy != detailed["LambdaArn"]:
            raise invalid_parameter("The PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same.")
        config["PreTokenGeneration"] = detailed["LambdaArn"]
    elif legacy is not None:
        config["PreTokenGenerationConfig"] = {"LambdaVersion": "V1_0", "LambdaArn": legacy}
    if (config.get("CustomSMSSender") or config.get("CustomEmailSender")) and not config.get("KMSKeyID"):
        raise invalid_parameter("KMSKeyID must be provided for custom sender triggers.")
    return config


def _totp_enabled(doc: dict[str, Any]) -> bool:
    return bool((doc.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled"))


def describe(ctx: RequestContext, doc: dict[str, Any]) -> dict[str, Any]:
    """The pool as DescribeUserPool shows it: stored document plus the computed fields."""
    out = dict(doc)
    out["EstimatedNumberOfUsers"] = ctx.store.value("SELECT COUNT(*) FROM users WHERE pool_id = ?", (doc["Id"],))
    replica = pool_access.serving_replica(ctx, doc["Id"])  # a secondary answers with its own ARN
    out["Arn"] = pool_arn(ctx, doc["Id"]) if replica is None else pool_arn(ctx, doc["Id"], replica.region)
    for row in ctx.store.all("SELECT domain, doc FROM domains WHERE pool_id = ?", (doc["Id"],)):
        if loads(row["doc"]).get("CustomDomainConfig"):
            out["CustomDomain"] = row["domain"]
        else:
            out["Domain"] = row["domain"]
    return out


@idp("CreateUserPool")
def create_user_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    if req.get("UsernameAttributes") and req.get("AliasAttributes"):
        raise invalid_parameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.")
    tags = req.get("UserPoolTags") or {}
    if len(tags) > MAX_TAGS:
        raise AwsError("UserPoolTaggingException", f"A user pool can have at most {MAX_TAGS} tags.")
    pool_id = ids.user_pool_id(ctx.region)
    doc: dict[str, Any] = {
        "Id": pool_id,
        "Name": req["PoolName"],
        "CreationDate": ctx.now,
        "LastModifiedDate": ctx.now,
        "UserPoolTier": req.get("UserPoolTier") or "ESSENTIALS",
        "SchemaAttributes": build_schema(req.get("Schema")),
        "UserPoolTags": dict(tags),
    }
    for key in ("AliasAttributes", "UsernameAttributes"):
        if req.get(key):
            doc[key] = list(dict.fromkeys(req[key]))
    if req.get("UsernameConfiguration") is not None:
        doc["UsernameConfiguration"] = {"CaseSensitive": bool(req["UsernameConfiguration"].get("CaseSensitive", True))}
    _apply_settings(doc, req)
    pool_configurations.apply(ctx, doc, req, creating=True)
    ctx.store.run(
        "INSERT INTO pools (id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?)",
        (pool_id, doc["Name"], ctx.now, ctx.now, dumps(doc)),
    )
    pool_configurations.sync_managed_resource_server(ctx, doc)
    return {"UserPool": describe(ctx, doc)}


@idp("DescribeUserPool")
def describe_user_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"UserPool": describe(ctx, get_pool(ctx, req["UserPoolId"]))}


@idp("UpdateUserPool")
def update_user_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["UserPoolId"])
    new_tier = req.get("UserPoolTier")
    if new_tier:
        doc["UserPoolTier"] = new_tier
    if req.get("PoolName"):
        doc["Name"] = req["PoolName"]
    if req.get("UserPoolTags") is not None:
        if len(req["UserPoolTags"]) > MAX_TAGS:
            raise AwsError("UserPoolTaggingException", f"A user pool can have at most {MAX_TAGS} tags.")
        doc["UserPoolTags"] = dict(req["UserPoolTags"])
    # Every other setting the request leaves out goes back to its default, as in AWS.
    settings = {k: req.get(k) for k in _RESETTABLE}
    if settings.get("MfaConfiguration") is None and doc.get("MfaConfiguration") not in (None, "OFF"):
        settings["MfaConfiguration"] = "OFF"
    _apply_settings(doc, settings)
    pool_configurations.apply(ctx, doc, req, creating=False)
    if doc.get("MfaConfiguration") == "OFF":
        doc.pop("EmailMfaConfiguration", None)
    replica = pool_access.serving_replica(ctx, doc["Id"])
    if replica is not None:  # a secondary sets its regional settings and tags only
        pool_access.save_regional_settings(ctx, doc["Id"], replica.region, doc)
        if req.get("UserPoolTags") is not None:
            pool_access.save_replica_tags(ctx, doc["Id"], replica.region, dict(req["UserPoolTags"]))
        return {}
    save_pool(ctx, doc)
    pool_configurations.sync_managed_resource_server(ctx, doc)
    return {}


@idp("DeleteUserPool")
def delete_user_pool(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["UserPoolId"])
    if doc.get("DeletionProtection") == "ACTIVE":
        raise invalid_parameter(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first."
        )
    if ctx.store.value("SELECT 1 FROM domains WHERE pool_id = ?", (doc["Id"],)):
        raise invalid_parameter("User pool cannot be deleted. It has a domain configured that should be deleted first.")
    ctx.store.run("DELETE FROM pools WHERE id = ?", (doc["Id"],))
    return {}


@idp("ListUserPools")
def list_user_pools(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    limit = int(req["MaxResults"])
    if limit < 1:
        raise invalid_parameter(
            f"1 validation error detected: Value '{limit}' at 'maxResults' failed to satisfy"
            " constraint: Member must have value greater than or equal to 1"
        )
    if req.get("NextToken"):
        created, last = paging.decode(req["NextToken"], "pools", (float, str))
        rows = ctx.store.all(
            "SELECT id, created, doc FROM pools WHERE (created, id) > (?, ?) ORDER BY created, id LIMIT ?",
            (created, last, limit + 1),
        )
    else:
        rows = ctx.store.all("SELECT id, created, doc FROM pools ORDER BY created, id LIMIT ?", (limit + 1,))
    out: dict[str, Any] = {"UserPools": []}
    for row in rows[:limit]:
        doc = loads(row["doc"])
        out["UserPools"].append(
            {
                "Id": doc["Id"],
                "Name": doc["Name"],
                "LambdaConfig": doc.get("LambdaConfig") or {},
                "LastModifiedDate": doc["LastModifiedDate"],
                "CreationDate": doc["CreationDate"],
            }
        )
    if len(rows) > limit:
        last_row = rows[limit - 1]
        out["NextToken"] = paging.encode("pools", [last_row["created"], last_row["id"]])
    return out


@idp("AddCustomAttributes")
def add_custom_attributes(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["UserPoolId"])
    schema = list(doc.get("SchemaAttributes") or [])
    existing = custom_attributes(doc)
    for i, attr in enumerate(req["CustomAttributes"], 1):
        _require_name(attr, f"customAttributes.{i}")
        entry = _new_custom_attribute(attr, existing)
        existing.append(entry)
        schema.append(entry)
    if len(existing) > MAX_CUSTOM_ATTRIBUTES:
        raise invalid_parameter(f"The user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes.")
    doc["SchemaAttributes"] = schema
    save_pool(ctx, doc)
    return {}


def add_identities_attribute(ctx: RequestContext, doc: dict[str, Any]) -> None:
    """Federation adds the ``identities`` attribute to the schema, after the standard ones."""
    schema = list(doc.get("SchemaAttributes") or [])
    if any(a["Name"] == "identities" for a in schema):
        return
    at = next((i + 1 for i, a in enumerate(schema) if a["Name"] == "updated_at"), len(schema))
    schema.insert(at, dict(IDENTITIES_ATTRIBUTE))
    doc["SchemaAttributes"] = schema
    save_pool(ctx, doc)


# -- tags -------------------------------------------------------------------------------------------


def _pool_by_arn(ctx: RequestContext, arn: str) -> dict[str, Any]:
    prefix = f"arn:aws:cognito-idp:{ctx.region}:{ctx.config.account_id}:userpool/"
    if not arn.startswith(prefix):
        raise resource_not_found(f"Resource {arn} does not exist.")
    pool_id = arn[len(prefix) :]
    row = ctx.store.one("SELECT doc FROM pools WHERE id = ?", (pool_id,))
    if row is None:
        raise resource_not_found(f"Resource {arn} does not exist.")
    doc: dict[str, Any] = loads(row["doc"])
    return doc


def _save_tags(ctx: RequestContext, doc: dict[str, Any]) -> None:
    # Tagging does not change the pool's LastModifiedDate.
    ctx.store.run("UPDATE pools SET doc = ? WHERE id = ?", (dumps(doc), doc["Id"]))


def _tags(ctx: RequestContext, arn: str) -> tuple[dict[str, str], Callable[[dict[str, str]], None]]:
    """The tags ``arn`` names and how to save them: a secondary replica's own (pool_access.py), or the pool's."""
    replica = pool_access.replica_by_arn(ctx, arn)
    if replica is not None:
        pool_id, region = replica
        return pool_access.replica_tags(ctx, pool_id, region), (
            lambda tags: pool_access.save_replica_tags(ctx, pool_id, region, tags)
        )
    doc = _pool_by_arn(ctx, arn)

    def save(tags: dict[str, str]) -> None:
        doc["UserPoolTags"] = tags
        _save_tags(ctx, doc)

    return dict(doc.get("UserPoolTags") or {}), save


@idp("TagResource")
def tag_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    tags, save = _tags(ctx, req["ResourceArn"])
    tags.update(req.get("Tags") or {})
    if len(tags) > MAX_TAGS:
        raise invalid_parameter(f"A user pool can have at most {MAX_TAGS} tags.")
    save(tags)
    return {}


@idp("UntagResource")
def untag_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    tags, save = _tags(ctx, req["ResourceArn"])
    for key in req.get("TagKeys") or []:
        tags.pop(key, None)
    save(tags)
    return {}


@idp("ListTagsForResource")
def list_tags_for_resource(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    tags, _ = _tags(ctx, req["ResourceArn"])
    return {"Tags": tags}


# -- MFA configuration ------------------------------------------------------------------------------


def mfa_config(doc: dict[str, Any]) -> dict[str, Any]:
    """The pool's MFA and passkey configuration, shaped as GetUserPoolMfaConfig answers."""
    out: dict[str, Any] = {"MfaConfiguration": doc.get("MfaConfiguration") or "OFF"}
    sms: dict[str, Any] = {}
    if doc.get("SmsAuthenticationMessage"):
        sms["SmsAuthenticationMessage"] = doc["SmsAuthenticationMessage"]
    if doc.get("SmsConfiguration"):
        sms["SmsConfiguration"] = doc["SmsConfiguration"]
    if sms:
        out["SmsMfaConfiguration"] = sms
    out["SoftwareTokenMfaConfiguration"] = {"Enabled": _totp_enabled(doc)}
    if doc.get("EmailMfaConfiguration"):
        out["EmailMfaConfiguration"] = doc["EmailMfaConfiguration"]
    out["WebAuthnConfiguration"] = doc.get("WebAuthnConfiguration") or {"UserVerification": "preferred"}
    return out


def sms_mfa_enabled(doc: dict[str, Any]) -> bool:
    return bool(doc.get("SmsConfiguration"))


def totp_mfa_enabled(doc: dict[str, Any]) -> bool:
    return _totp_enabled(doc)


def email_mfa_enabled(doc: dict[str, Any]) -> bool:
    return bool(doc.get("EmailMfaConfiguration"))


@idp("GetUserPoolMfaConfig")
def get_user_pool_mfa_config(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return mfa_config(get_pool(ctx, req["UserPoolId"]))


@idp("SetUserPoolMfaConfig")
def set_user_pool_mfa_config(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["UserPoolId"])
    sms = req.get("SmsMfaConfiguration")
    if sms is not None:
        if sms.get("SmsAuthenticationMessage"):
            doc["SmsAuthenticationMessage"] = sms["SmsAuthenticationMessage"]
        if sms.get("SmsConfiguration"):
            config = _copy(sms["SmsConfiguration"])
            config.setdefault("SnsRegion", ctx.region)
            doc["SmsConfiguration"] = config
        elif not sms:
            doc.pop("SmsConfiguration", None)
    totp = req.get("SoftwareTokenMfaConfiguration")
    if totp is not None:
        doc["SoftwareTokenMfaConfiguration"] = {"Enabled": bool(totp.get("Enabled", False))}
    email = req.get("EmailMfaConfiguration")
    if email is not None:
        if email:
            if not _tier_at_least(doc, "ESSENTIALS"):
                raise _feature_unavailable("Email MFA is not available in the Lite tier of user pools.")
            if (doc.get("EmailConfiguration") or {}).get("EmailSendingAccount") != "DEVELOPER":
                raise invalid_parameter(
                    "Email MFA requires the user pool to send email with Amazon SES (EmailSendingAccount DEVELOPER)."
                )
            doc["EmailMfaConfiguration"] = {k: v for k, v in email.items() if v is not None}
        else:
            doc.pop("EmailMfaConfiguration", None)
    webauthn = req.get("WebAuthnConfiguration")
    if webauthn is not None:
        config = {k: v for k, v in webauthn.items() if v is not None}
        config.setdefault("UserVerification", "preferred")
        if config.get("FactorConfiguration") == "MULTI_FACTOR_WITH_USER_VERIFICATION" and (
            config["UserVerification"] != "required"
        ):
            raise invalid_parameter(
                "UserVerification must be required when FactorConfiguration is MULTI_FACTOR_WITH_USER_VERIFICATION."
            )
        doc["WebAuthnConfiguration"] = config
    mfa = req.get("MfaConfiguration") or doc.get("MfaConfiguration") or "OFF"
    if mfa != "OFF" and not (sms_mfa_enabled(doc) or _totp_enabled(doc) or email_mfa_enabled(doc)):
        raise invalid_parameter(
            "At least one MFA method (SMS, TOTP or email) must be enabled when MFA is ON or OPTIONAL."
        )
    doc["MfaConfiguration"] = mfa
    save_pool(ctx, doc)
    return mfa_config(doc)


# -- user import ------------------------------------------------------------------------------------

_CSV_STANDARD = [a["Name"] for a in STANDARD_SCHEMA if a["Name"] != "sub"]


@idp("GetCSVHeader")
def get_csv_header(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    doc = get_pool(ctx, req["UserPoolId"])
    header = list(_CSV_STANDARD)
    header += [a["Name"] for a in custom_attributes(doc)]
    header += ["cognito:mfa_enabled", "cognito:username"]
    return {"UserPoolId": doc["Id"], "CSVHeader": header}
