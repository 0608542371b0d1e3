"""Users of external identity providers: who signs in as whom, AdminLinkProviderForUser, AdminDisableProviderForUser.

An identity of an external provider (Google, Facebook, LoginWithAmazon, SignInWithApple, an OIDC or a SAML
provider of the pool) is recorded in ``federated_identities`` as (provider name, attribute name, attribute
value) -> the user it signs in as:

- On its first sign-in an identity becomes a user of its own: username ``<ProviderName>_<subject>``,
  status ``EXTERNAL_PROVIDER``, no password, a member of the group ``<userPoolId>_<ProviderName>`` (made
  when the provider's first user arrives), and an ``identities`` attribute naming the identity. The
  PreSignUp trigger sees it first, with the source ``PreSignUp_ExternalProvider``. In a user pool whose
  usernames are case insensitive the whole username is lower-cased (``google_1234``; aws-amplify/amplify-js
  #13844 shows the PreSignUp ``userName`` so); a case-sensitive pool keeps ``Google_1234``.
- ``AdminLinkProviderForUser`` records an identity that has not signed in yet against an existing user
  (native or federated), by ``Cognito_Subject`` (the provider's subject: ``sub`` of OIDC and Google, ``id``
  of Facebook, ``user_id`` of Login with Amazon, the SAML NameID) or by a user pool attribute the provider's
  AttributeMapping fills. That identity then signs in as that user; a link by attribute becomes a link by
  ``Cognito_Subject`` at its first sign-in, as AWS describes for AdminDisableProviderForUser.
- Every sign-in writes the mapped attributes again (the provider's AttributeMapping: user pool attribute
  -> provider attribute), so the user's profile follows the provider's.
- Triggers, as the events AWS sends for federated users show them (EXTERNAL_PROVIDER users with
  ``identities`` in PostConfirmation_ConfirmSignUp, PreAuthentication_Authentication and
  PostAuthentication_Authentication events): the first sign-in runs PreSignUp_ExternalProvider, then
  PostConfirmation_ConfirmSignUp and PostAuthentication; a later one PreAuthentication (its refusal
  refuses the sign-in) and PostAuthentication. [U] Whether the first sign-in also runs PreAuthentication:
  here it does not.

The ``identities`` attribute is a JSON list of ``{"userId", "providerName", "providerType", "issuer",
"primary", "dateCreated"}``, ``primary`` a boolean and ``dateCreated`` milliseconds, as the user
attributes of AWS's trigger events show it (e.g. ``[{"userId":"1029...","providerName":"Google",
"providerType":"Google","issuer":null,"primary":true,"dateCreated":1658604803064}]``). ``issuer`` is null for
the social providers, the issuer URL of an OIDC provider and the entity ID of a SAML provider [U: the last
two]. The ID token carries the same list (tokens.py writes ``primary`` and ``dateCreated`` as strings there,
as AWS's tokens do).

Errors, as AWS words them where a source shows it: a SourceUser of ``Cognito`` is ``InvalidParameterException``
"Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a
DestinationUser" (aws-amplify/amplify-js#13334); a SourceUser that already signed in (so has a user of its
own) is "Merging is not currently supported, provide a SourceUser that has not been signed up in order to
link" (aws/aws-sdk-net#1000); one already linked is "SourceUser is already linked to DestinationUser" (seen in
several applications' error handling). [U] The wording of the five-identity limit and of a social
provider's link by an attribute other than Cognito_Subject.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from console.emulator.core import ids
from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, not_authorized, user_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import dumps

from . import activity, attributes, flow_hooks, identity_providers, pools, triggers, users
from .users import User

SUBJECT = "Cognito_Subject"
COGNITO = "Cognito"
EXTERNAL_PROVIDER = "EXTERNAL_PROVIDER"
MAX_LINKED_IDENTITIES = 5
SOCIAL = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
_MAX_VALUE = 2048


# -- the external user model ------------------------------------------------------------------------


def external_username(pool: dict[str, Any], provider_name: str, subject: str) -> str:
    """The username of an identity's own user: ``<ProviderName>_<subject>``, lower-cased where usernames are
    case insensitive."""
    name = f"{provider_name}_{subject}"
    return name if pools.is_case_sensitive(pool) else name.lower()


def group_name(pool_id: str, provider_name: str) -> str:
    """The group every user of a provider belongs to: ``<userPoolId>_<ProviderName>``."""
    return f"{pool_id}_{provider_name}"


def identity_entry(
    provider: Mapping[str, Any], user_id: str, *, primary: bool, now: float, issuer: str | None = None
) -> dict[str, Any]:
    """One entry of the ``identities`` attribute; ``issuer`` is a SAML assertion's Issuer."""
    provider_type = provider["ProviderType"]
    if provider_type == "OIDC":
        issuer = (provider.get("ProviderDetails") or {}).get("oidc_issuer")
    elif provider_type != "SAML":
        issuer = None
    return {
        "userId": user_id,
        "providerName": provider["ProviderName"],
        "providerType": provider_type,
        "issuer": issuer,
        "primary": primary,
        "dateCreated": int(now * 1000),
    }


def identities_of(user: User) -> list[dict[str, Any]]:
    raw = user.attrs.get("identities")
    if not raw:
        return []
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    return [e for e in parsed if isinstance(e, dict)] if isinstance(parsed, list) else []


def _set_identities(user: User, entries: list[dict[str, Any]]) -> None:
    if entries:
        user.attrs["identities"] = json.dumps(entries, separators=(",", ":"))
    else:
        user.attrs.pop("identities", None)


def _row(ctx: RequestContext, pool_id: str, provider: str, name: str, value: str) -> Any:
    return ctx.store.one(
        "SELECT * FROM federated_identities WHERE pool_id = ? AND provider_name = ? AND attribute_name = ?"
        " AND attribute_value = ?",
        (pool_id, provider, name, value),
    )


def _record(ctx: RequestContext, pool_id: str, provider: str, name: str, value: str, username_key: str) -> None:
    ctx.store.run(
        "INSERT OR REPLACE INTO federated_identities (pool_id, provider_name, attribute_name, attribute_value,"
        " username_key, created) VALUES (?, ?, ?, ?, ?, ?)",
        (pool_id, provider, name, value, username_key, ctx.now),
    )


def _forget(ctx: RequestContext, pool_id: str, provider: str, name: str, value: str) -> None:
    ctx.store.run(
        "DELETE FROM federated_identities WHERE pool_id = ? AND provider_name = ? AND attribute_name = ?"
        " AND attribute_value = ?",
        (pool_id, provider, name, value),
    )


def _is_own_identity(pool: dict[str, Any], user: User, provider_name: str, subject: str) -> bool:
    """Whether ``user`` is the user this identity became at its first sign-in (not a user it was linked to)."""
    return user.status == EXTERNAL_PROVIDER and user.username == external_username(pool, provider_name, subject)


def _provider_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        # A multi-valued SAML attribute or an OIDC array claim: AWS joins them into one string [U the
        # separator].
        return ",".join(value)
    return json.dumps(value, separators=(",", ":"))


def mapped_attributes(
    pool: dict[str, Any], provider: Mapping[str, Any], provider_attributes: Mapping[str, Any], *, creating: bool
) -> dict[str, str]:
    """The user pool attributes the provider's AttributeMapping fills from ``provider_attributes``.

    Attributes the pool's schema does not have, ``sub`` and ``identities`` are never written; an
    immutable attribute only when the user is created; a value is cut to the schema's maximum length.
    """
    schema = attributes.schema_of(pool)
    out: dict[str, str] = {}
    for name, source in (provider.get("AttributeMapping") or {}).items():
        if name in ("username", "sub", "identities"):
            continue
        entry = schema.get(name)
        if entry is None or (not creating and not entry.get("Mutable", True)):
            continue
        value = _provider_value(provider_attributes.get(source))
        if value is None:
            continue
        if entry.get("AttributeDataType") == "Boolean":
            value = value.lower()
            if value not in ("true", "false"):
                continue
        limit = (entry.get("StringAttributeConstraints") or {}).get("MaxLength")
        out[name] = value[: int(limit) if limit else _MAX_VALUE]
    return out


def _ensure_group(ctx: RequestContext, pool_id: str, provider_name: str) -> str:
    name = group_name(pool_id, provider_name)
    if not ctx.store.value("SELECT 1 FROM groups WHERE pool_id = ? AND name = ?", (pool_id, name)):
        doc = {
            "GroupName": name,
            "UserPoolId": pool_id,
            "Description": f"Autogenerated group for users who sign in using {provider_name}",
            "LastModifiedDate": ctx.now,
            "CreationDate": ctx.now,
        }
        ctx.store.run(
            "INSERT INTO groups (pool_id, name, created, modified, doc) VALUES (?, ?, ?, ?, ?)",
            (pool_id, name, ctx.now, ctx.now, dumps(doc)),
        )
    return name


def _pre_sign_up(ctx: RequestContext, pool: dict[str, Any], client_id: str | None, user: User) -> None:
    """PreSignUp_ExternalProvider: a refusal fails the sign-in; autoVerifyEmail / autoVerifyPhone verify."""
    if not triggers.configured(pool, "PreSignUp"):
        return
    request = {
        "userAttributes": {k: str(v) for k, v in user.attrs.items()},
        "validationData": {},
        "clientMetadata": {},
    }
    event = triggers.base_event(ctx, pool, client_id, user.username, "PreSignUp_ExternalProvider", request)
    answered = triggers.invoke(ctx, pool, "PreSignUp", event) or {}
    response = answered.get("response") or {}
    if response.get("autoVerifyEmail") and user.attrs.get("email"):
        user.attrs["email_verified"] = "true"
    if response.get("autoVerifyPhone") and user.attrs.get("phone_number"):
        user.attrs["phone_number_verified"] = "true"


def _authentication_trigger(
    ctx: RequestContext, pool: dict[str, Any], client_id: str | None, user: User, trigger: str
) -> None:
    """PreAuthentication_Authentication / PostAuthentication_Authentication for a federated sign-in."""
    if not triggers.configured(pool, trigger):
        return
    request: dict[str, Any] = {"userAttributes": triggers.user_attributes(pool, user)}
    if trigger == "PreAuthentication":
        request["validationData"] = {}
    else:
        request.update(newDeviceUsed=False, clientMetadata={})
    event = triggers.base_event(ctx, pool, client_id, user.username, f"{trigger}_Authentication", request)
    triggers.invoke(ctx, pool, trigger, event)


def _check_required(pool: dict[str, Any], attrs: Mapping[str, str]) -> None:
    missing = [name for name in attributes.required_attributes(pool) if not attrs.get(name)]
    if missing:
        # The hosted UI's answer to a federated sign-up without a required attribute:
        # error_description=attributes required: [email] [U the exact text].
        raise invalid_parameter(f"attributes required: [{', '.join(missing)}]")


def resolve(
    ctx: RequestContext, pool: dict[str, Any], provider_name: str, subject: str, mapped: Mapping[str, str]
) -> User | None:
    """The user an identity signs in as, if it has one yet: linked by Cognito_Subject, linked by a mapped
    attribute (the link then becomes one by Cognito_Subject), or its own user from an earlier sign-in."""
    pool_id = pool["Id"]
    row = _row(ctx, pool_id, provider_name, SUBJECT, subject)
    if row is None:
        for name, value in mapped.items():
            row = _row(ctx, pool_id, provider_name, name, value)
            if row is not None:
                _forget(ctx, pool_id, provider_name, name, value)
                _record(ctx, pool_id, provider_name, SUBJECT, subject, row["username_key"])
                linked = users.by_key(ctx, pool_id, row["username_key"])
                if linked is not None:
                    entries = identities_of(linked)
                    for entry in entries:
                        if entry.get("providerName") == provider_name and entry.get("userId") == value:
                            entry["userId"] = subject
                    _set_identities(linked, entries)
                    users.save(ctx, pool, linked)
                break
    if row is not None:
        return users.by_key(ctx, pool_id, row["username_key"])
    own = users.by_key(ctx, pool_id, users.username_key(pool, external_username(pool, provider_name, subject)))
    return own if own is not None and own.status == EXTERNAL_PROVIDER else None


def sign_in(
    ctx: RequestContext,
    pool: dict[str, Any],
    provider: Mapping[str, Any],
    subject: str,
    provider_attributes: Mapping[str, Any],
    *,
    client_id: str | None,
    issuer: str | None = None,
) -> User:
    """The user an identity of ``provider`` signs in as, made at its first sign-in, with the mapped attributes
    written again. Inside a transaction. Raises NotAuthorizedException "User is disabled." for a disabled user,
    the PreSignUp trigger's errors, and InvalidParameterException for a missing required attribute. Published
    as the pool's FederationSuccesses metric (1, or 0 when it raises)."""
    return activity.counted(
        ctx,
        "FederationSuccesses",
        pool["Id"],
        client_id,
        lambda: _sign_in(ctx, pool, provider, subject, provider_attributes, client_id=client_id, issuer=issuer),
        IdentityProvider=provider["ProviderName"],
    )


def _sign_in(
    ctx: RequestContext,
    pool: dict[str, Any],
    provider: Mapping[str, Any],
    subject: str,
    provider_attributes: Mapping[str, Any],
    *,
    client_id: str | None,
    issuer: str | None,
) -> User:
    provider_name = provider["ProviderName"]
    if not subject:
        raise invalid_parameter(f"The identity provider {provider_name} did not name the user.")
    user = resolve(
        ctx, pool, provider_name, subject, mapped_attributes(pool, provider, provider_attributes, creating=False)
    )
    if user is not None:
        if not user.enabled:
            raise not_authorized("User is disabled.")
        _authentication_trigger(ctx, pool, client_id, user, "PreAuthentication")
        changed = {
            k: v
            for k, v in mapped_attributes(pool, provider, provider_attributes, creating=False).items()
            if user.attrs.get(k) != v
        }
        if changed:
            user.attrs.update(changed)
            users.save(ctx, pool, user)
        _authentication_trigger(ctx, pool, client_id, user, "PostAuthentication")
        return user
    pools.add_identities_attribute(ctx, pool)
    username = external_username(pool, provider_name, subject)
    attrs = mapped_attributes(pool, provider, provider_attributes, creating=True)
    _check_required(pool, attrs)
    user = User(
        pool_id=pool["Id"],
        username=username,
        username_key=users.username_key(pool, username),
        sub=ids.sub(),
        status=EXTERNAL_PROVIDER,
        enabled=True,
        created=ctx.now,
        modified=ctx.now,
        attrs=attrs,
    )
    _set_identities(user, [identity_entry(provider, subject, primary=True, now=ctx.now, issuer=issuer)])
    _pre_sign_up(ctx, pool, client_id, user)
    users.insert(ctx, pool, user)
    _record(ctx, pool["Id"], provider_name, SUBJECT, subject, user.username_key)
    group = _ensure_group(ctx, pool["Id"], provider_name)
    ctx.store.run(
        "INSERT OR IGNORE INTO user_groups (pool_id, group_name, username_key) VALUES (?, ?, ?)",
        (pool["Id"], group, user.username_key),
    )
    flow_hooks.post_confirmation(ctx, pool, client_id, user, source="ConfirmSignUp")
    _authentication_trigger(ctx, pool, client_id, user, "PostAuthentication")
    return user


# -- AdminLinkProviderForUser / AdminDisableProviderForUser -------------------------------------------


def _linked_count(ctx: RequestContext, pool: dict[str, Any], user: User) -> int:
    rows = ctx.store.all(
        "SELECT provider_name, attribute_value FROM federated_identities WHERE pool_id = ? AND username_key = ?",
        (user.pool_id, user.username_key),
    )
    return sum(1 for r in rows if not _is_own_identity(pool, user, r["provider_name"], r["attribute_value"]))


def _destination(ctx: RequestContext, pool: dict[str, Any], given: Mapping[str, Any]) -> User:
    """DestinationUser: a native user by username (ProviderName Cognito) or a federated user by the
    provider's user ID; its ProviderAttributeName is ignored, as the API reference says."""
    name, value = given.get("ProviderName") or "", given.get("ProviderAttributeValue") or ""
    if not value:
        raise user_not_found()
    if name == COGNITO:
        return users.get(ctx, pool, value)
    row = _row(ctx, pool["Id"], name, SUBJECT, value)
    user = users.by_key(ctx, pool["Id"], row["username_key"]) if row is not None else None
    if user is None:
        raise user_not_found()
    return user


@idp("AdminLinkProviderForUser")
def admin_link_provider_for_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    pool = pools.get_pool(ctx, req["UserPoolId"])
    source = req["SourceUser"]
    source_name = source.get("ProviderName") or ""
    if source_name == COGNITO:
        raise invalid_parameter(
            "Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser,"
            " only as a DestinationUser"
        )
    provider = identity_providers.get_provider(ctx, pool["Id"], source_name)
    attribute = source.get("ProviderAttributeName") or ""
    value = source.get("ProviderAttributeValue") or ""
    if not attribute or not value:
        raise invalid_parameter("SourceUser must have a ProviderAttributeName and a ProviderAttributeValue.")
    if provider["ProviderType"] in SOCIAL and attribute != SUBJECT:
        raise invalid_parameter(f"ProviderAttributeName must be {SUBJECT} for the {source_name} identity provider.")
    destination = _destination(ctx, pool, req["DestinationUser"])
    own = users.by_key(ctx, pool["Id"], users.username_key(pool, external_username(pool, source_name, value)))
    if attribute == SUBJECT and own is not None and own.status == EXTERNAL_PROVIDER:
        raise invalid_parameter(
            "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link"
        )
    if _row(ctx, pool["Id"], source_name, attribute, value) is not None:
        raise invalid_parameter("SourceUser is already linked to DestinationUser")
    if _linked_count(ctx, pool, destination) >= MAX_LINKED_IDENTITIES:
        raise AwsError(
            "LimitExceededException",
            f"A user can have at most {MAX_LINKED_IDENTITIES} linked identities.",
        )
    _record(ctx, pool["Id"], source_name, attribute, value, destination.username_key)
    pools.add_identities_attribute(ctx, pool)
    entries = identities_of(destination)
    entries.append(identity_entry(provider, value, primary=False, now=ctx.now))
    _set_identities(destination, entries)
    users.save(ctx, pool, destination)
    return {}


@idp("AdminDisableProviderForUser")
def admin_disable_provider_for_user(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    """A linked identity is unlinked (its next sign-in makes a user of its own); an identity's own user can no
    longer sign in (disabled); a native user (ProviderName Cognito, Cognito_Subject, the username) loses its
    password, so it can no longer sign in with one. [U] An identity that is linked to nobody is answered
    with success, nothing changed."""
    pool = pools.get_pool(ctx, req["UserPoolId"])
    given = req["User"]
    name = given.get("ProviderName") or ""
    attribute = given.get("ProviderAttributeName") or ""
    value = given.get("ProviderAttributeValue") or ""
    if name == COGNITO:
        if attribute != SUBJECT:
            raise invalid_parameter(f"ProviderAttributeName must be {SUBJECT} for the Cognito provider.")
        user = users.get(ctx, pool, value)
        if user.status != EXTERNAL_PROVIDER:
            for key in ("salt", "verifier", "temporary_expires"):
                user.secret.pop(key, None)
            users.save(ctx, pool, user)
        return {}
    provider = identity_providers.get_provider(ctx, pool["Id"], name)
    if provider["ProviderType"] in SOCIAL and attribute != SUBJECT:
        raise invalid_parameter(f"ProviderAttributeName must be {SUBJECT} for the {name} identity provider.")
    row = _row(ctx, pool["Id"], name, attribute, value)
    if row is None:
        return {}
    found = users.by_key(ctx, pool["Id"], row["username_key"])
    _forget(ctx, pool["Id"], name, attribute, value)
    if found is None:
        return {}
    user = found
    if _is_own_identity(pool, user, name, value):
        user.enabled = False
    else:
        _set_identities(
            user,
            [e for e in identities_of(user) if not (e.get("providerName") == name and e.get("userId") == value)],
        )
    users.save(ctx, pool, user)
    return {}
