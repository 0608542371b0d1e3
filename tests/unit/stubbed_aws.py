"""A BotoCognito service on a botocore Stubber: the paths only real AWS has, without AWS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from console.services.boto import BotoCognito
from console.services.protocol import Connection, ConnectionKind

AWS = Connection(name="prod", kind=ConnectionKind.PROFILE, region="eu-west-1", profile="default")
POOL = "eu-west-1_Abcdefghi"


@pytest.fixture
def stubbed() -> Iterator[tuple[BotoCognito, Any]]:
    client = boto3.client("cognito-idp", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="y")
    service = BotoCognito(AWS)
    service.use_client(client)
    with Stubber(client) as stub:
        yield service, stub
        stub.assert_no_pending_responses()
