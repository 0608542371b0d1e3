"""Amazon Cognito user pools (``cognito-idp``): pools, app clients, users, groups, sign-in and tokens."""

from .schema import MIGRATIONS

# Which module registers each operation, by service: a request imports the module of its operation when it
# first comes (core/registry.py), so a server answers without importing every module first. A test holds this
# to the registry (tests/unit/test_lazy_loading.py).
OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "cognito-idp": {
        "admin_users": (
            "AdminConfirmSignUp",
            "AdminCreateUser",
            "AdminDeleteUser",
            "AdminDeleteUserAttributes",
            "AdminDisableUser",
            "AdminEnableUser",
            "AdminGetUser",
            "AdminResetUserPassword",
            "AdminSetUserPassword",
            "AdminUpdateUserAttributes",
            "ListUsers",
        ),
        "auth.operations": (
            "AdminInitiateAuth",
            "AdminRespondToAuthChallenge",
            "InitiateAuth",
            "RespondToAuthChallenge",
        ),
        "auth.refresh": ("GetTokensFromRefreshToken",),
        "auth_events": ("AdminListUserAuthEvents", "AdminUpdateAuthEventFeedback", "UpdateAuthEventFeedback"),
        "auth_factors": ("AdminDeleteSoftwareToken", "AdminGetUserAuthFactors"),
        "client_tokens": ("GetClientToken",),
        "clients": (
            "AddUserPoolClientSecret",
            "CreateUserPoolClient",
            "DeleteUserPoolClient",
            "DeleteUserPoolClientSecret",
            "DescribeUserPoolClient",
            "ListUserPoolClientSecrets",
            "ListUserPoolClients",
            "UpdateUserPoolClient",
        ),
        "devices": (
            "AdminForgetDevice",
            "AdminGetDevice",
            "AdminListDevices",
            "AdminUpdateDeviceStatus",
            "ConfirmDevice",
            "ForgetDevice",
            "GetDevice",
            "ListDevices",
            "UpdateDeviceStatus",
        ),
        "domains": ("CreateUserPoolDomain", "DeleteUserPoolDomain", "DescribeUserPoolDomain", "UpdateUserPoolDomain"),
        "groups": (
            "AdminAddUserToGroup",
            "AdminListGroupsForUser",
            "AdminRemoveUserFromGroup",
            "CreateGroup",
            "DeleteGroup",
            "GetGroup",
            "ListGroups",
            "ListUsersInGroup",
            "UpdateGroup",
        ),
        "identity_providers": (
            "CreateIdentityProvider",
            "DeleteIdentityProvider",
            "DescribeIdentityProvider",
            "GetIdentityProviderByIdentifier",
            "ListIdentityProviders",
            "UpdateIdentityProvider",
        ),
        "keys": ("GetSigningCertificate",),
        "limits": ("GetProvisionedLimit", "UpdateProvisionedLimit"),
        "linking": ("AdminDisableProviderForUser", "AdminLinkProviderForUser"),
        "managed_login": (
            "CreateManagedLoginBranding",
            "DeleteManagedLoginBranding",
            "DescribeManagedLoginBranding",
            "DescribeManagedLoginBrandingByClient",
            "UpdateManagedLoginBranding",
        ),
        "mfa": (
            "AdminSetUserMFAPreference",
            "AdminSetUserSettings",
            "AssociateSoftwareToken",
            "SetUserMFAPreference",
            "VerifySoftwareToken",
        ),
        "pools": (
            "AddCustomAttributes",
            "CreateUserPool",
            "DeleteUserPool",
            "DescribeUserPool",
            "GetCSVHeader",
            "GetUserPoolMfaConfig",
            "ListTagsForResource",
            "ListUserPools",
            "SetUserPoolMfaConfig",
            "TagResource",
            "UntagResource",
            "UpdateUserPool",
        ),
        "recovery": (
            "CancelPointInTimeRecovery",
            "DescribePointInTimeRecovery",
            "InitiatePointInTimeRecovery",
            "ListPointInTimeRecoveries",
            "StartPointInTimeRecovery",
        ),
        "replicas": (
            "CreateUserPoolReplica",
            "DeleteUserPoolReplica",
            "ListUserPoolReplicas",
            "UpdateUserPoolReplica",
        ),
        "resource_servers": (
            "CreateResourceServer",
            "DeleteResourceServer",
            "DescribeResourceServer",
            "ListResourceServers",
            "UpdateResourceServer",
        ),
        "risk": ("DescribeRiskConfiguration", "SetRiskConfiguration"),
        "self_service": (
            "ChangePassword",
            "DeleteUser",
            "DeleteUserAttributes",
            "GetUser",
            "GetUserAttributeVerificationCode",
            "GetUserAuthFactors",
            "SetUserSettings",
            "UpdateUserAttributes",
            "VerifyUserAttribute",
        ),
        "sessions": (
            "AdminListUserSessions",
            "AdminRevokeUserSession",
            "GetUserPoolClientSessionConfiguration",
            "GetUserPoolSessionConfiguration",
            "ListUserSessions",
            "RevokeUserSession",
            "SetUserPoolClientSessionConfiguration",
            "SetUserPoolSessionConfiguration",
        ),
        "signup": ("ConfirmForgotPassword", "ConfirmSignUp", "ForgotPassword", "ResendConfirmationCode", "SignUp"),
        "terms": ("CreateTerms", "DeleteTerms", "DescribeTerms", "DescribeTermsByClient", "ListTerms", "UpdateTerms"),
        "token_exchange": ("GetDerivedToken",),
        "tokens": ("AdminUserGlobalSignOut", "GlobalSignOut", "RevokeToken"),
        "ui_customization": ("GetUICustomization", "SetUICustomization"),
        "user_import": (
            "CreateUserImportJob",
            "DescribeUserImportJob",
            "ListUserImportJobs",
            "StartUserImportJob",
            "StopUserImportJob",
        ),
        "webauthn": (
            "CompleteWebAuthnRegistration",
            "DeleteWebAuthnCredential",
            "ListWebAuthnCredentials",
            "StartWebAuthnRegistration",
        ),
    },
}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("/{pool_id}/.well-known/jwks.json", ("GET",), "wellknown"),
    ("/{pool_id}/.well-known/openid-configuration", ("GET",), "wellknown"),
    ("/_emulator/feedback", ("GET",), "auth_events"),
    ("/_emulator/user-import/{job_id}", ("PUT",), "user_import"),
)

# The module that registers the seed file's UserPools section (core/seeding.py), imported when a seed is loaded.
SEED_MODULES = ("seed",)

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
