"""Helpers for the sign-in trigger tests: a local Cognito wired to the fake Lambda Invoke API, scripts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.integration.auth_support import new_client

ARN = "arn:aws:lambda:us-east-1:000000000000:function:{}"


def make_pool(idp: Any, lambda_config: dict[str, Any], **kwargs: Any) -> tuple[str, str]:
    """A pool whose LambdaConfig names fake functions, and an app client allowing every flow."""
    client_kwargs = kwargs.pop("client", None) or {}
    pool = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:8]}", LambdaConfig=lambda_config, **kwargs)
    pool_id: str = pool["UserPool"]["Id"]
    return pool_id, new_client(idp, pool_id, **client_kwargs)["ClientId"]


def respond(**response: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A script answering the event with ``response``."""

    def answer(event: dict[str, Any]) -> dict[str, Any]:
        event["response"] = response
        return event

    return answer


def user_status(idp: Any, pool_id: str, username: str) -> tuple[str, bool]:
    got = idp.admin_get_user(UserPoolId=pool_id, Username=username)
    return got["UserStatus"], got["Enabled"]
