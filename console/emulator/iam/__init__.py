"""The small IAM identity pools need (``iam``): roles with their trust and permission policies, managed
policies, OpenID Connect and SAML identity providers, and IAM policy evaluation (policy.py)."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py). A test holds this to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "iam": {
        "roles": (
            "AttachRolePolicy",
            "CreateRole",
            "DeleteRole",
            "DeleteRolePolicy",
            "DetachRolePolicy",
            "GetRole",
            "GetRolePolicy",
            "ListAttachedRolePolicies",
            "ListRolePolicies",
            "ListRoleTags",
            "ListRoles",
            "PutRolePolicy",
            "TagRole",
            "UntagRole",
            "UpdateAssumeRolePolicy",
            "UpdateRole",
        ),
        "policies": (
            "CreatePolicy",
            "CreatePolicyVersion",
            "DeletePolicy",
            "DeletePolicyVersion",
            "GetPolicy",
            "GetPolicyVersion",
            "ListPolicies",
            "ListPolicyVersions",
            "SetDefaultPolicyVersion",
        ),
        "simulation": ("SimulateCustomPolicy", "SimulatePrincipalPolicy"),
        "providers": (
            "AddClientIDToOpenIDConnectProvider",
            "CreateOpenIDConnectProvider",
            "CreateSAMLProvider",
            "DeleteOpenIDConnectProvider",
            "DeleteSAMLProvider",
            "GetOpenIDConnectProvider",
            "GetSAMLProvider",
            "ListOpenIDConnectProviders",
            "ListSAMLProviders",
            "RemoveClientIDFromOpenIDConnectProvider",
            "UpdateOpenIDConnectProviderThumbprint",
            "UpdateSAMLProvider",
        ),
    },
}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = (("/_emulator/policy-evaluation", ("POST",), "evaluation"),)

SEED_MODULES: tuple[str, ...] = ()

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
