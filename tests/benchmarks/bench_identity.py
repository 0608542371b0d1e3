"""Benchmark: an identity pool's guest sign-in (GetId, then GetCredentialsForIdentity) on the local Cognito
against moto's server, in the same run.

The local Cognito checks the role's trust policy and has its STS issue credentials it keeps (and verifies
on every call signed with them); moto answers GetCredentialsForIdentity with made-up keys and checks no role.

    python -m tests.benchmarks.bench_identity [--skip-moto] [--requests 300] [--rounds 3]

The servers are measured in turns, round after round, because this machine's speed drifts within seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
import httpx

from tests.benchmarks.bench_user_admin import Moto
from tests.localcognito import start

TARGET = "AWSCognitoIdentityService."
HEADERS = {"Content-Type": "application/x-amz-json-1.1"}


def setup(base: str, *, roles: bool = True) -> str:
    """An identity pool for guests whose unauthenticated role trusts it (moto has no SetIdentityPoolRoles to
    speak of: it answers 500, and needs no role); its ID."""
    kwargs: dict[str, Any] = {
        "endpoint_url": base,
        "region_name": "us-east-1",
        "aws_access_key_id": "local",
        "aws_secret_access_key": "local",
    }
    pool_id: str = boto3.client("cognito-identity", **kwargs).create_identity_pool(
        IdentityPoolName="bench", AllowUnauthenticatedIdentities=True
    )["IdentityPoolId"]
    if not roles:
        return pool_id
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
                },
            }
        ],
    }
    role = boto3.client("iam", **kwargs).create_role(RoleName="bench-guest", AssumeRolePolicyDocument=json.dumps(trust))
    boto3.client("cognito-identity", **kwargs).set_identity_pool_roles(
        IdentityPoolId=pool_id, Roles={"unauthenticated": role["Role"]["Arn"]}
    )
    return pool_id


def setup_signed_in(base: str, *, roles: bool = True) -> tuple[str, dict[str, str]]:
    """A user pool user signed in once, and an identity pool that trusts the pool's app client with an
    authenticated role that trusts it: the identity pool's ID and the Logins map of the user's ID token."""
    kwargs: dict[str, Any] = {
        "endpoint_url": base,
        "region_name": "us-east-1",
        "aws_access_key_id": "local",
        "aws_secret_access_key": "local",
    }
    idp = boto3.client("cognito-idp", **kwargs)
    user_pool = idp.create_user_pool(PoolName="bench-identity")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=user_pool,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=user_pool, Username="bench", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool, Username="bench", Password="Bench-pass-123", Permanent=True)
    token = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "bench", "PASSWORD": "Bench-pass-123"},
    )["AuthenticationResult"]["IdToken"]
    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool}"
    identity = boto3.client("cognito-identity", **kwargs)
    pool_id: str = identity.create_identity_pool(
        IdentityPoolName="bench-signed-in",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}],
    )["IdentityPoolId"]
    if roles:
        trust = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {
                        "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
                    },
                }
            ],
        }
        role = boto3.client("iam", **kwargs).create_role(
            RoleName="bench-signed-in", AssumeRolePolicyDocument=json.dumps(trust)
        )
        identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": role["Role"]["Arn"]})
    return pool_id, {provider: token}


def call(client: httpx.Client, base: str, op: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(base + "/", content=json.dumps(body), headers={**HEADERS, "X-Amz-Target": TARGET + op})
    if r.status_code != 200:
        raise RuntimeError(f"{op}: {r.status_code} {r.text[:300]}")
    found: dict[str, Any] = r.json()
    return found


def guest_sign_ins(base: str, pool_id: str, n: int, logins: dict[str, str] | None = None) -> list[float]:
    """Seconds per GetId + GetCredentialsForIdentity, one after another on one connection; with ``logins``, a
    signed-in user's (the token checked on both calls)."""
    times: list[float] = []
    given = {"Logins": logins} if logins else {}
    with httpx.Client(timeout=60) as client:
        for _ in range(n):
            started = time.perf_counter()
            identity_id = call(client, base, "GetId", {"IdentityPoolId": pool_id, **given})["IdentityId"]
            credentials = call(client, base, "GetCredentialsForIdentity", {"IdentityId": identity_id, **given})[
                "Credentials"
            ]
            times.append(time.perf_counter() - started)
            assert credentials["AccessKeyId"]
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    rate = len(ordered) / sum(ordered)
    return f"p50 {statistics.median(ordered) * 1000:6.2f} ms  p99 {p99 * 1000:6.2f} ms  {rate:7.1f}/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-moto", action="store_true")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    local = start(Path(tempfile.mkdtemp()) / "data", "--ephemeral")
    moto = None if args.skip_moto else Moto()
    try:
        servers = {"local Cognito": (local.base_url, setup(local.base_url), setup_signed_in(local.base_url))}
        if moto is not None:
            servers["moto"] = (
                moto.base_url,
                setup(moto.base_url, roles=False),
                setup_signed_in(moto.base_url, roles=False),
            )
        guests: dict[str, list[float]] = {name: [] for name in servers}
        users: dict[str, list[float]] = {name: [] for name in servers}
        for _ in range(args.rounds):
            for name, (base, pool_id, (user_pool_id, logins)) in servers.items():
                guest_sign_ins(base, pool_id, 20)  # warm-up
                guests[name] += guest_sign_ins(base, pool_id, args.requests)
                users[name] += guest_sign_ins(base, user_pool_id, args.requests, logins)
        for title, results in (("guest", guests), ("signed-in user pool user", users)):
            print(f"{title} (GetId + GetCredentialsForIdentity), sequential:")
            for name, times in results.items():
                print(f"  {name:14s} {summary(times)}")
    finally:
        local.stop()
        if moto is not None:
            moto.stop()


if __name__ == "__main__":
    main()
