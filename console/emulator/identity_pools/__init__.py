"""Amazon Cognito identity pools (``cognito-identity``): pools, identities, logins, OpenID tokens, credentials."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py), so a server answers without importing every module first. A test holds this
# to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "cognito-identity": {
        "pools": (
            "CreateIdentityPool",
            "DeleteIdentityPool",
            "DescribeIdentityPool",
            "ListIdentityPools",
            "ListTagsForResource",
            "TagResource",
            "UntagResource",
            "UpdateIdentityPool",
        ),
        "identities": ("DeleteIdentities", "DescribeIdentity", "ListIdentities"),
        "flows": ("GetId", "GetOpenIdToken", "UnlinkIdentity"),
        "credentials": ("GetCredentialsForIdentity",),
        "developer": (
            "GetOpenIdTokenForDeveloperIdentity",
            "LookupDeveloperIdentity",
            "MergeDeveloperIdentities",
            "UnlinkDeveloperIdentity",
        ),
        "roles": ("GetIdentityPoolRoles", "SetIdentityPoolRoles"),
        "principal_tags": ("GetPrincipalTagAttributeMap", "SetPrincipalTagAttributeMap"),
    },
}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("/_identity/.well-known/jwks_uri", ("GET",), "openid"),
    ("/_identity/.well-known/openid-configuration", ("GET",), "openid"),
)

# The module that registers the seed file's IdentityPools section (core/seeding.py), imported when a seed is loaded.
SEED_MODULES = ("seed",)

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
