"""Seed the demo user pool through the API, so a first run shows a working pool within seconds.

Every step goes through cognito-idp exactly as a user's code would. A step the backend does not support
yet is skipped and noted, never fatal: the demo should degrade, not block the first start.
"""

from __future__ import annotations

import contextlib
import secrets
import string
from dataclasses import dataclass, field
from typing import Any

DEMO_POOL_NAME = "demo-pool"
DEMO_TAG = {"cognito-console:demo": "true"}

FIRST = ("Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Radia", "Edsger",
         "Frances", "John", "Hedy", "Tim", "Katherine", "Guido", "Anita", "Donald", "Sophie", "Niklaus")  # fmt: skip
LAST = ("Lovelace", "Hopper", "Turing", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Perlman",
        "Dijkstra", "Allen", "McCarthy", "Lamarr", "Berners-Lee", "Johnson", "van Rossum", "Borg", "Knuth",
        "Wilson", "Wirth")  # fmt: skip


@dataclass
class SeedResult:
    pool_id: str
    created: bool
    notes: list[str] = field(default_factory=list)


class Steps:
    """Calls made for the demo, each allowed to fail: a refused call is noted (``notes``), answers None, and the
    seeding goes on without it."""

    def __init__(self, notes: list[str] | None = None) -> None:
        self.notes = notes if notes is not None else []

    def __call__(self, what: str, fn: Any, **kw: Any) -> Any:
        from botocore.exceptions import ClientError

        try:
            return fn(**kw)
        except ClientError as exc:
            err = exc.response.get("Error", {})
            self.notes.append(f"{what}: {err.get('Code')}: {err.get('Message')}")
            return None


def _password() -> str:
    alphabet = string.ascii_letters + string.digits
    return "Aa1!" + "".join(secrets.choice(alphabet) for _ in range(16))


def find_demo_pool(client: Any) -> str | None:
    token = None
    while True:
        kw: dict[str, Any] = {"MaxResults": 60}
        if token:
            kw["NextToken"] = token
        resp = client.list_user_pools(**kw)
        for p in resp.get("UserPools", []):
            if p.get("Name") == DEMO_POOL_NAME:
                return str(p["Id"])
        token = resp.get("NextToken")
        if not token:
            return None


def seed_demo(client: Any, extra_users: int = 40) -> SeedResult:
    """Create the demo pool unless it exists (blocking; run through the executor helper)."""
    existing = find_demo_pool(client)
    if existing:
        return SeedResult(existing, created=False)

    pool = client.create_user_pool(
        PoolName=DEMO_POOL_NAME,
        UsernameConfiguration={"CaseSensitive": False},
        AutoVerifiedAttributes=["email"],
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 10,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
                "TemporaryPasswordValidityDays": 7,
            }
        },
        Schema=[{"Name": "department", "AttributeDataType": "String", "Mutable": True}],
        UserPoolTags=DEMO_TAG,
        # Threat protection, so the demo has auth events, risk and a blocked sign-in to show (seed_activity).
        UserPoolTier="PLUS",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
    )
    pool_id = pool["UserPool"]["Id"]
    result = SeedResult(pool_id, created=True)

    step = Steps(result.notes)

    for name, precedence, desc in (
        ("admins", 1, "Administrators of the demo app"),
        ("editors", 10, "Can edit content"),
        ("readers", 20, "Read-only access"),
    ):
        step(f"group {name}", client.create_group, UserPoolId=pool_id, GroupName=name, Precedence=precedence,
             Description=desc)  # fmt: skip

    app = step(
        "app client",
        client.create_user_pool_client,
        UserPoolId=pool_id,
        ClientName="demo-web",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=["http://localhost:3000/callback"],
        LogoutURLs=["http://localhost:3000/"],
        SupportedIdentityProviders=["COGNITO"],
        PreventUserExistenceErrors="ENABLED",
    )
    client_id = app["UserPoolClient"]["ClientId"] if app else None
    step("backend app client", client.create_user_pool_client, UserPoolId=pool_id, ClientName="demo-backend",
         GenerateSecret=True, ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"])  # fmt: skip
    step("domain", client.create_user_pool_domain, UserPoolId=pool_id, Domain=f"demo-{pool_id.split('_')[1].lower()}")
    if (
        step(
            "OIDC identity provider",
            client.create_identity_provider,
            UserPoolId=pool_id,
            ProviderName="DemoOIDC",
            ProviderType="OIDC",
            ProviderDetails={
                "client_id": "demo-oidc-client",
                "client_secret": secrets.token_urlsafe(24),
                "attributes_request_method": "GET",
                "oidc_issuer": "https://accounts.example.com",
                "authorize_scopes": "openid email profile",
                # Explicit endpoints: the demo issuer is not reachable, so no discovery is needed.
                "authorize_url": "https://accounts.example.com/oauth2/authorize",
                "token_url": "https://accounts.example.com/oauth2/token",
                "attributes_url": "https://accounts.example.com/oauth2/userinfo",
                "jwks_uri": "https://accounts.example.com/.well-known/jwks.json",
            },
            AttributeMapping={"email": "email", "name": "name", "username": "sub"},
            IdpIdentifiers=["example.com"],
        )
        and client_id
    ):
        step("app client identity providers", client.update_user_pool_client, UserPoolId=pool_id, ClientId=client_id,
             ClientName="demo-web", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
             "ALLOW_REFRESH_TOKEN_AUTH"], AllowedOAuthFlows=["code"], AllowedOAuthFlowsUserPoolClient=True,
             AllowedOAuthScopes=["openid", "email", "profile"], CallbackURLs=["http://localhost:3000/callback"],
             LogoutURLs=["http://localhost:3000/"], SupportedIdentityProviders=["COGNITO", "DemoOIDC"],
             PreventUserExistenceErrors="ENABLED")  # fmt: skip

    password = _password()
    people = [
        ("alice", "Alice Liddell", "admins", "confirmed"),
        ("bob", "Bob Builder", "editors", "force-change"),
        ("carol", "Carol Danvers", "readers", "disabled"),
        ("dave", "Dave Bowman", None, "reset"),
        ("erin", "Erin Brockovich", "editors", "confirmed"),
    ]
    for i in range(extra_users):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        people.append((f"{first.lower()}.{last.lower().replace(' ', '')}{i}", f"{first} {last}", None,
                       "confirmed" if i % 3 else "force-change"))  # fmt: skip
    for username, full_name, group, state in people:
        made = step(
            f"user {username}",
            client.admin_create_user,
            UserPoolId=pool_id,
            Username=username,
            MessageAction="SUPPRESS",
            TemporaryPassword=password,
            UserAttributes=[
                {"Name": "email", "Value": f"{username}@example.com"},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "name", "Value": full_name},
                {"Name": "custom:department", "Value": "engineering" if len(username) % 2 else "sales"},
            ],
        )
        if not made:
            continue
        if group:
            step(f"{username} in {group}", client.admin_add_user_to_group, UserPoolId=pool_id, Username=username,
                 GroupName=group)  # fmt: skip
        if state in ("confirmed", "disabled", "reset"):
            step(f"{username} password", client.admin_set_user_password, UserPoolId=pool_id, Username=username,
                 Password=password, Permanent=True)  # fmt: skip
        if state == "disabled":
            step(f"disable {username}", client.admin_disable_user, UserPoolId=pool_id, Username=username)
        if state == "reset":
            step(f"reset {username}", client.admin_reset_user_password, UserPoolId=pool_id, Username=username)

    # An unconfirmed sign-up, as a real visitor leaves it.
    if client_id:
        frank = [{"Name": "email", "Value": "frank@example.com"}, {"Name": "name", "Value": "Frank Poole"}]
        step("sign-up frank", client.sign_up, ClientId=client_id, Username="frank", Password=password,
             UserAttributes=frank)  # fmt: skip
        # Some sign-ins, so tokens and auth events exist.
        for username in ("alice", "alice", "erin"):
            if not step(f"sign-in {username}", client.admin_initiate_auth, UserPoolId=pool_id, ClientId=client_id,
                        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": username, "PASSWORD": password}):  # fmt: skip
                break
    return result


DEMO_IDENTITY_POOL_NAME = "demo_identity_pool"
_SYNC_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["cognito-sync:*"], "Resource": ["*"]}],
}


def seed_identity_pool(client: Any, identity: Any, iam: Any, user_pool_id: str) -> list[str]:
    """The demo identity pool beside the demo user pool, unless one exists (blocking). The web app client's
    users and guests get credentials: an authenticated and a guest role that trust the pool (the Developer
    Guide's trust policy), and a rule that gives members of the admins group a role of their own. Returns
    what could not be made, a sentence each."""
    import json

    from .policies import cognito_trust_policy

    step = Steps()
    notes = step.notes

    listed = step("identity pools", identity.list_identity_pools, MaxResults=60)
    if listed is None or any(p.get("IdentityPoolName") == DEMO_IDENTITY_POOL_NAME for p in listed["IdentityPools"]):
        return notes
    clients = client.list_user_pool_clients(UserPoolId=user_pool_id, MaxResults=60).get("UserPoolClients", [])
    web = next((c["ClientId"] for c in clients if c.get("ClientName") == "demo-web"), None)
    region = user_pool_id.split("_", 1)[0]
    provider = f"cognito-idp.{region}.amazonaws.com/{user_pool_id}"
    pool = step(
        "identity pool",
        identity.create_identity_pool,
        IdentityPoolName=DEMO_IDENTITY_POOL_NAME,
        AllowUnauthenticatedIdentities=True,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": web, "ServerSideTokenCheck": True}]
        if web
        else [],
        IdentityPoolTags=DEMO_TAG,
    )
    if pool is None:
        return notes
    pool_id = pool["IdentityPoolId"]
    arns: dict[str, str] = {}
    for kind, authenticated in (("authenticated", True), ("guest", False), ("admins", True)):
        role = step(
            f"{kind} role",
            iam.create_role,
            RoleName=f"demo_identity_pool_{kind}_{pool_id.split(':')[1][:8]}",
            AssumeRolePolicyDocument=json.dumps(cognito_trust_policy(pool_id, authenticated)),
            Description=f"The demo identity pool's {kind} role",
            Tags=[{"Key": k, "Value": v} for k, v in DEMO_TAG.items()],
        )
        if role is None:
            continue
        arns[kind] = role["Role"]["Arn"]
        step(f"{kind} role policy", iam.put_role_policy, RoleName=role["Role"]["RoleName"], PolicyName="sync",
             PolicyDocument=json.dumps(_SYNC_ONLY))  # fmt: skip
    roles = {k: arns[v] for k, v in (("authenticated", "authenticated"), ("unauthenticated", "guest")) if v in arns}
    mappings = {}
    if web and "admins" in arns:
        mappings[f"{provider}:{web}"] = {
            "Type": "Rules",
            "AmbiguousRoleResolution": "AuthenticatedRole",
            "RulesConfiguration": {
                "Rules": [
                    {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admins", "RoleARN": arns["admins"]}
                ]
            },
        }
    if roles:
        step("identity pool roles", identity.set_identity_pool_roles, IdentityPoolId=pool_id, Roles=roles,
             RoleMappings=mappings)  # fmt: skip
    return notes


DEMO_LOG_GROUP = "/aws/vendedlogs/cognito/demo-pool"
# In the breached-password corpus, and within the demo pool's password policy.
COMPROMISED_PASSWORD = "Password123"  # noqa: S105 - a known-breached password, used to show a block


def seed_activity(client: Any, logs: Any, pool_id: str) -> list[str]:
    """The demo pool's user activity (blocking), once: its auth events delivered to a CloudWatch Logs group;
    compromised credentials blocked at sign-in, account takeover risk only noted; some sign-ins, failed
    sign-ins and one blocked sign-in with a breached password. Returns what could not be made."""
    from botocore.exceptions import ClientError

    step = Steps()
    notes = step.notes

    if logs.describe_log_groups(logGroupNamePrefix=DEMO_LOG_GROUP).get("logGroups"):
        return notes
    if step("log group", logs.create_log_group, logGroupName=DEMO_LOG_GROUP) is None:
        return notes
    # The log group's ARN is in the pool's account and region, as its own ARN names them.
    pool_arn = client.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("Arn", "")
    _, _, _, region, account, _ = (pool_arn.split(":", 5) + [""] * 6)[:6]
    arn = f"arn:aws:logs:{region}:{account}:log-group:{DEMO_LOG_GROUP}"
    step("log delivery", client.set_log_delivery_configuration, UserPoolId=pool_id, LogConfigurations=[
        {"LogLevel": "INFO", "EventSource": "userAuthEvents", "CloudWatchLogsConfiguration": {"LogGroupArn": arn}}
    ])  # fmt: skip
    no_action = {"EventAction": "NO_ACTION", "Notify": False}
    step("risk configuration", client.set_risk_configuration, UserPoolId=pool_id,
         CompromisedCredentialsRiskConfiguration={"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}},
         AccountTakeoverRiskConfiguration={"Actions": {"LowAction": no_action, "MediumAction": no_action,
                                                       "HighAction": no_action}})  # fmt: skip
    clients = client.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60).get("UserPoolClients", [])
    web = next((c["ClientId"] for c in clients if c.get("ClientName") == "demo-web"), None)
    if web is None:
        return notes
    password = _password()

    def sign_in(username: str, secret: str) -> None:
        with contextlib.suppress(ClientError):  # the failures are the point
            client.admin_initiate_auth(UserPoolId=pool_id, ClientId=web, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": username, "PASSWORD": secret})  # fmt: skip

    for username in ("alice", "erin"):
        step(f"{username} password", client.admin_set_user_password, UserPoolId=pool_id, Username=username,
             Password=password, Permanent=True)  # fmt: skip
        sign_in(username, password)
    sign_in("erin", password + "x")  # a mistyped password
    sign_in("alice", password)
    made = step("user mallory", client.admin_create_user, UserPoolId=pool_id, Username="mallory",
                MessageAction="SUPPRESS", UserAttributes=[{"Name": "email", "Value": "mallory@example.com"},
                {"Name": "email_verified", "Value": "true"}, {"Name": "name", "Value": "Mallory Mayhem"}])  # fmt: skip
    if made:
        step("mallory password", client.admin_set_user_password, UserPoolId=pool_id, Username="mallory",
             Password=COMPROMISED_PASSWORD, Permanent=True)  # fmt: skip
        sign_in("mallory", COMPROMISED_PASSWORD)  # blocked: compromised credentials
    return notes


DEMO_SIGN_IN_USER = "alice"


def demo_id_token(client: Any, pool_id: str) -> str | None:
    """An ID token of a demo user, for the token inspector's screenshot (blocking; executor helper).

    Only for the seeded demo pool: its password is random and never kept, so the demo user is given a new
    random one (never shown or stored) and signed in with ADMIN_USER_PASSWORD_AUTH on the demo-web app
    client, exactly as the seed signed in. None when this is not the demo pool or a step is refused.
    """
    from botocore.exceptions import ClientError

    try:
        pool = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        tags = pool.get("UserPoolTags") or {}
        if pool.get("Name") != DEMO_POOL_NAME or any(tags.get(k) != v for k, v in DEMO_TAG.items()):
            return None
        clients = client.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60).get("UserPoolClients", [])
        web = next((c["ClientId"] for c in clients if c.get("ClientName") == "demo-web"), None)
        if web is None:
            return None
        password = _password()
        client.admin_set_user_password(UserPoolId=pool_id, Username=DEMO_SIGN_IN_USER, Password=password,
                                       Permanent=True)  # fmt: skip
        auth = client.admin_initiate_auth(
            UserPoolId=pool_id, ClientId=web, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": DEMO_SIGN_IN_USER, "PASSWORD": password},
        )  # fmt: skip
    except ClientError:
        return None
    token = (auth.get("AuthenticationResult") or {}).get("IdToken")
    return str(token) if token else None
