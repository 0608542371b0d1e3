"""The AWS CLI, unchanged, against the local Cognito."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is a test dependency")


def aws(base_url: str, *args: str) -> dict:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_PAGER": "",
    }
    r = subprocess.run(
        ["aws", "--endpoint-url", base_url, "--output", "json", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return json.loads(r.stdout) if r.stdout.strip() else {}


@pytest.mark.slow
def test_cli_round_trip(cognito) -> None:
    created = aws(cognito.base_url, "cognito-idp", "create-user-pool", "--pool-name", "from-cli")
    pool_id = created["UserPool"]["Id"]
    aws(
        cognito.base_url,
        "cognito-idp",
        "admin-create-user",
        "--user-pool-id",
        pool_id,
        "--username",
        "cli-user",
        "--user-attributes",
        "Name=email,Value=cli@example.com",
        "--message-action",
        "SUPPRESS",
    )
    listed = aws(
        cognito.base_url,
        "cognito-idp",
        "list-users",
        "--user-pool-id",
        pool_id,
        "--filter",
        'email = "cli@example.com"',
    )
    assert [u["Username"] for u in listed["Users"]] == ["cli-user"]
    pools = aws(cognito.base_url, "cognito-idp", "list-user-pools", "--max-results", "60")
    assert pool_id in {p["Id"] for p in pools["UserPools"]}
    aws(cognito.base_url, "cognito-idp", "delete-user-pool", "--user-pool-id", pool_id)


def test_cli_error_is_readable(cognito) -> None:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    r = subprocess.run(
        [
            "aws",
            "--endpoint-url",
            cognito.base_url,
            "cognito-idp",
            "describe-user-pool",
            "--user-pool-id",
            "us-east-1_nothere0",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0
    assert "ResourceNotFoundException" in r.stderr
