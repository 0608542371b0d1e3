"""A user pool's IssuerConfiguration and KeyConfiguration: kept, described, and the issuer tokens carry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.integration.hosted_ui_support import PASSWORD, add_user, claims
from tests.localcognito import LocalCognito, start

KMS_KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture(scope="module")
def aws_issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    server = start(tmp_path_factory.mktemp("issuer"), "--issuer", "aws")
    yield server
    assert server.stop() == 0


def _sign_in(api: Any, pool_id: str) -> dict[str, Any]:
    add_user(api, pool_id, "alice")
    client = api.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    return dict(
        api.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
        )["AuthenticationResult"]
    )


def test_updated_issuer_names_the_multi_region_host(aws_issuer: LocalCognito) -> None:
    api = make_client(aws_issuer.base_url)
    pool = api.create_user_pool(PoolName="updated", IssuerConfiguration={"Type": "UPDATED"})["UserPool"]
    assert pool["IssuerConfiguration"] == {"Type": "UPDATED"}
    issued = _sign_in(api, pool["Id"])
    expected = f"https://issuer-cognito-idp.us-east-1.amazonaws.com/{pool['Id']}"
    assert claims(issued["IdToken"])["iss"] == expected
    assert claims(issued["AccessToken"])["iss"] == expected
    # The pool's own operations still take its tokens, and its discovery document names the issuer.
    assert api.get_user(AccessToken=issued["AccessToken"])["Username"] == "alice"
    doc = httpx.get(f"{aws_issuer.base_url}/{pool['Id']}/.well-known/openid-configuration").json()
    assert doc["issuer"] == expected
    original = api.create_user_pool(PoolName="original")["UserPool"]
    assert "IssuerConfiguration" not in original
    issued = _sign_in(api, original["Id"])
    assert claims(issued["IdToken"])["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{original['Id']}"


def test_local_issuer_is_unchanged_by_the_configuration(cognito: LocalCognito, idp: Any) -> None:
    pool = idp.create_user_pool(PoolName="updated-local", IssuerConfiguration={"Type": "UPDATED"})["UserPool"]
    try:
        issued = _sign_in(idp, pool["Id"])
        assert claims(issued["IdToken"])["iss"] == f"{cognito.base_url}/{pool['Id']}"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_key_configuration(idp: Any) -> None:
    pool = idp.create_user_pool(
        PoolName="keys", KeyConfiguration={"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": KMS_KEY}
    )["UserPool"]
    try:
        assert pool["KeyConfiguration"] == {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": KMS_KEY}
        idp.update_user_pool(UserPoolId=pool["Id"])
        described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        assert described["KeyConfiguration"]["KmsKeyArn"] == KMS_KEY
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    for bad in ({"KeyType": "CUSTOMER_MANAGED_KEY"}, {"KeyType": "AWS_OWNED_KEY", "KmsKeyArn": KMS_KEY}):
        with pytest.raises(ClientError) as info:
            idp.create_user_pool(PoolName="bad-keys", KeyConfiguration=bad)
        assert info.value.response["Error"]["Code"] == "InvalidParameterException"
