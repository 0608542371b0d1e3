"""Provisioned API rate limits of the account: GetProvisionedLimit and UpdateProvisionedLimit.

A limit is a user pools API category (``LimitClass`` ``API_CATEGORY``, ``Attributes`` ``{"Category": ...}``)
with a default (free) rate and, for the adjustable categories, a provisioned rate that the account sets
between that default and its account-level max limit (Developer Guide, "Quotas in Amazon Cognito":
"Managing provisioned limits" and the per-category table). Limits belong to the account and Region, not
to a user pool. The local Cognito keeps the provisioned rates and reports them; it throttles nothing.

There is no Service Quotas here to raise the account-level max limit, so the local account's is
``ACCOUNT_MAX_FACTOR`` times each adjustable category's default. When any user pool has a managed login
domain (branding version 2), UserAuthentication and UserFederation can't be provisioned, as AWS says.
"""

from __future__ import annotations

from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError, invalid_parameter, resource_not_found
from console.emulator.core.registry import idp
from console.emulator.core.store import loads

API_CATEGORY = "API_CATEGORY"
CATEGORY = "Category"

# Category: (default quota in requests per second, adjustable), from the Developer Guide's table.
CATEGORIES: dict[str, tuple[int, bool]] = {
    "UserAuthentication": (120, True),
    "UserCreation": (50, True),
    "UserFederation": (25, True),
    "UserAccountRecovery": (30, False),
    "UserRead": (120, True),
    "UserUpdate": (25, False),
    "UserToken": (120, True),
    "UserResourceRead": (50, True),
    "UserResourceUpdate": (25, False),
    "UserList": (30, False),
    "UserPoolRead": (15, False),
    "UserPoolUpdate": (15, False),
    "UserPoolResourceRead": (20, False),
    "UserPoolResourceUpdate": (15, False),
    "UserPoolClientRead": (15, False),
    "UserPoolClientUpdate": (15, False),
    "ClientAuthentication": (150, False),
    "LimitManagement": (1, False),
}
ACCOUNT_MAX_FACTOR = 10
# Categories managed login pools can't provision (a Service Quotas increase request raises them instead).
NOT_WITH_MANAGED_LOGIN = frozenset({"UserAuthentication", "UserFederation"})


def account_max_limit(category: str) -> int:
    """The local account's account-level max limit for an adjustable category."""
    return CATEGORIES[category][0] * ACCOUNT_MAX_FACTOR


def provisioned_limit(ctx: RequestContext, category: str) -> int:
    """The rate, in requests per second, the account has for ``category``: its provisioned rate, else the
    default."""
    value = ctx.store.value(
        "SELECT value FROM provisioned_limits WHERE limit_class = ? AND category = ?", (API_CATEGORY, category)
    )
    return int(value) if value is not None else CATEGORIES[category][0]


def _category(definition: dict[str, Any]) -> str:
    attributes: dict[str, str] = definition["Attributes"]
    if set(attributes) != {CATEGORY}:
        raise invalid_parameter(f"Attributes of an {API_CATEGORY} limit must be exactly the key {CATEGORY}.")
    category = attributes[CATEGORY]
    if category not in CATEGORIES:
        raise resource_not_found(f"No limit exists for the category {category}.")
    return category


def _limit(ctx: RequestContext, category: str) -> dict[str, Any]:
    return {
        "LimitDefinition": {"LimitClass": API_CATEGORY, "Attributes": {CATEGORY: category}},
        "ProvisionedLimitValue": provisioned_limit(ctx, category),
        "FreeLimitValue": CATEGORIES[category][0],
    }


def _managed_login_in_use(ctx: RequestContext) -> bool:
    return any(loads(r["doc"]).get("ManagedLoginVersion") == 2 for r in ctx.store.all("SELECT doc FROM domains"))


@idp("GetProvisionedLimit")
def get_provisioned_limit(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    return {"Limit": _limit(ctx, _category(req["LimitDefinition"]))}


@idp("UpdateProvisionedLimit")
def update_provisioned_limit(ctx: RequestContext, req: dict[str, Any]) -> dict[str, Any]:
    category = _category(req["LimitDefinition"])
    default, adjustable = CATEGORIES[category]
    requested = req["RequestedLimitValue"]
    if not adjustable:
        raise invalid_parameter(
            f"The category {category} isn't adjustable: only adjustable categories support provisioning."
        )
    if category in NOT_WITH_MANAGED_LOGIN and _managed_login_in_use(ctx):
        raise invalid_parameter(
            f"User pools with managed login can't adjust the {category} category with the provisioning API."
            " Submit a Service Quotas increase request instead."
        )
    if requested < default:
        raise invalid_parameter(
            f"The requested limit {requested} is below the default limit of {default} for the category {category}."
        )
    maximum = account_max_limit(category)
    if requested > maximum:
        raise AwsError(
            "ServiceQuotaExceededException",
            f"The requested limit {requested} exceeds the account-level max limit of {maximum} for the category"
            f" {category}. Request an increase in Service Quotas.",
        )
    ctx.store.run(
        "INSERT OR REPLACE INTO provisioned_limits (limit_class, category, value, modified) VALUES (?, ?, ?, ?)",
        (API_CATEGORY, category, requested, ctx.now),
    )
    return {"Limit": _limit(ctx, category)}
