"""Amazon Cognito user pools (``cognito-idp``): pools, app clients, users, groups, sign-in and tokens."""

from .schema import MIGRATIONS

# The modules that register cognito-idp operations, HTTP routes (JWKS, discovery, import uploads) and the
# seed file's UserPools section.
HANDLER_MODULES = (
    "pools",
    "clients",
    "domains",
    "resource_servers",
    "identity_providers",
    "ui_customization",
    "keys",
    "wellknown",
    "groups",
    "admin_users",
    "signup",
    "self_service",
    "mfa",
    "devices",
    "tokens",
    "auth.operations",
    "auth.refresh",
    "risk",
    "auth_events",
    "user_import",
    "seed",
)

__all__ = ["HANDLER_MODULES", "MIGRATIONS"]
