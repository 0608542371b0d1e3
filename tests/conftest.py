"""Shared fixtures: a real local Cognito on loopback, and boto3 clients pointed at it."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.localcognito import LocalCognito, start

os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture(scope="session")
def cognito(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    """One local Cognito for the whole run; each test makes its own pools."""
    server = start(tmp_path_factory.mktemp("local-cognito"))
    yield server
    assert server.stop() == 0


def make_client(base_url: str, service: str = "cognito-idp", **kwargs: Any) -> Any:
    return boto3.client(
        service,
        endpoint_url=base_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 1}, **kwargs),
    )


@pytest.fixture(scope="session")
def idp(cognito: LocalCognito) -> Any:
    """A boto3 cognito-idp client on the local Cognito, exactly as a user's code makes one."""
    return make_client(cognito.base_url)


@pytest.fixture
def pool(idp: Any) -> Iterator[dict[str, Any]]:
    """A fresh user pool with AWS's defaults (case-insensitive usernames, as the AWS console makes)."""
    created = idp.create_user_pool(
        PoolName=f"test-{uuid.uuid4().hex[:8]}", UsernameConfiguration={"CaseSensitive": False}
    )["UserPool"]
    yield created
    with contextlib.suppress(idp.exceptions.ResourceNotFoundException):
        idp.delete_user_pool(UserPoolId=created["Id"])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def unique(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"
