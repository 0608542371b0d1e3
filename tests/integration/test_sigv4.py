"""Beyond loopback, admin calls must be SigV4-signed with the configured key pair."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.localcognito import start

KEYS = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDLOCALTEST", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "s3cr3t/local+key"}


def client(base: str, key: str, secret: str, unsigned: bool = False):
    config = Config(retries={"max_attempts": 1}, signature_version=UNSIGNED if unsigned else None)
    return boto3.client(
        "cognito-idp",
        endpoint_url=base,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=config,
    )


def test_signed_admin_calls_beyond_loopback(tmp_path: Path) -> None:
    # 127.0.0.2 is on the loopback interface but is not the loopback default: the server treats it as public.
    server = start(tmp_path, "--host", "127.0.0.2", env=KEYS)
    try:
        good = client(server.base_url, KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"])
        good.list_user_pools(MaxResults=10)
        with pytest.raises(ClientError) as wrong_secret:
            client(server.base_url, KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"], "nope").list_user_pools(MaxResults=10)
        assert wrong_secret.value.response["Error"]["Code"] == "InvalidSignatureException"
        with pytest.raises(ClientError) as wrong_key:
            client(server.base_url, "AKIDOTHER", "x").list_user_pools(MaxResults=10)
        assert wrong_key.value.response["Error"]["Code"] == "UnrecognizedClientException"
        with pytest.raises(ClientError) as unsigned:
            client(server.base_url, "a", "b", unsigned=True).list_user_pools(MaxResults=10)
        assert unsigned.value.response["Error"]["Code"] == "MissingAuthenticationTokenException"
    finally:
        assert server.stop() == 0


def test_refuses_to_listen_beyond_loopback_without_keys(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="did not start"):
        start(tmp_path, "--host", "127.0.0.2")
