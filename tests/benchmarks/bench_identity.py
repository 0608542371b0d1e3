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


def call(client: httpx.Client, base: str, op: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(base + "/", content=json.dumps(body), headers={**HEADERS, "X-Amz-Target": TARGET + op})
    if r.status_code != 200:
        raise RuntimeError(f"{op}: {r.status_code} {r.text[:300]}")
    found: dict[str, Any] = r.json()
    return found


def guest_sign_ins(base: str, pool_id: str, n: int) -> list[float]:
    """Seconds per GetId + GetCredentialsForIdentity, one after another on one connection."""
    times: list[float] = []
    with httpx.Client(timeout=60) as client:
        for _ in range(n):
            started = time.perf_counter()
            identity_id = call(client, base, "GetId", {"IdentityPoolId": pool_id})["IdentityId"]
            credentials = call(client, base, "GetCredentialsForIdentity", {"IdentityId": identity_id})["Credentials"]
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
        servers = {"local Cognito": (local.base_url, setup(local.base_url))}
        if moto is not None:
            servers["moto"] = (moto.base_url, setup(moto.base_url, roles=False))
        results: dict[str, list[float]] = {name: [] for name in servers}
        for _ in range(args.rounds):
            for name, (base, pool_id) in servers.items():
                guest_sign_ins(base, pool_id, 20)  # warm-up
                results[name] += guest_sign_ins(base, pool_id, args.requests)
        print("guest sign-in (GetId + GetCredentialsForIdentity), sequential:")
        for name, times in results.items():
            print(f"  {name:14s} {summary(times)}")
    finally:
        local.stop()
        if moto is not None:
            moto.stop()


if __name__ == "__main__":
    main()
