"""App clients' callback, sign-out and default redirect URLs: a URL Python's URL parser cannot read (a bracket
that opens no IPv6 address) is an InvalidParameterException on create and update, as any malformed URL is."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

UNREADABLE = ["http://[::1", "https://[zz]/cb", "https://[::1/cb"]


@pytest.mark.parametrize("url", UNREADABLE)
@pytest.mark.parametrize("field", ["CallbackURLs", "LogoutURLs", "DefaultRedirectURI"])
def test_an_unreadable_url_is_an_invalid_parameter(idp: Any, field: str, url: str) -> None:
    pool_id = idp.create_user_pool(PoolName=f"urls-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    try:
        settings: dict[str, Any] = {field: url} if field == "DefaultRedirectURI" else {field: [url]}
        if field == "DefaultRedirectURI":
            settings["CallbackURLs"] = [url]
        with pytest.raises(ClientError) as created:
            idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web", **settings)
        assert created.value.response["Error"]["Code"] == "InvalidParameterException"
        assert created.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
        with pytest.raises(ClientError) as updated:
            idp.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, **settings)
        assert updated.value.response["Error"]["Code"] == "InvalidParameterException"
        assert (
            idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"].get("CallbackURLs")
            is None
        )
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
