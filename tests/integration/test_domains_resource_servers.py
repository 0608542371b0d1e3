"""User pool domains and resource servers through boto3."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222"


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def domain_pool(idp: Any, pool: dict[str, Any]) -> Any:
    """The pool, with every domain it gets deleted before the pool fixture deletes the pool."""
    yield pool
    for row in ("Domain", "CustomDomain"):
        name = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"].get(row)
        if name:
            idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)


def test_prefix_domain_lifecycle(idp, domain_pool):
    pool_id = domain_pool["Id"]
    name = prefix()
    out = idp.create_user_pool_domain(UserPoolId=pool_id, Domain=name)
    assert out["ManagedLoginVersion"] == 1
    desc = idp.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert desc["UserPoolId"] == pool_id
    assert desc["AWSAccountId"] == "000000000000"
    assert desc["Domain"] == name
    assert desc["Status"] == "ACTIVE"
    assert desc["CustomDomainConfig"] == {}
    assert desc["CloudFrontDistribution"].endswith(".cloudfront.net")
    assert desc["S3Bucket"] == "aws-cognito-prod-iad-assets"
    assert len(desc["Version"]) == 14 and desc["Version"].isdigit()
    assert desc["ManagedLoginVersion"] == 1
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"] == name
    updated = idp.update_user_pool_domain(UserPoolId=pool_id, Domain=name, ManagedLoginVersion=2)
    assert updated["ManagedLoginVersion"] == 2
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"]["ManagedLoginVersion"] == 2
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=name)
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"] == {}
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def test_unknown_domain_describes_empty(idp):
    assert idp.describe_user_pool_domain(Domain=prefix())["DomainDescription"] == {}


def test_one_prefix_domain_per_pool_and_unique(idp, domain_pool, pool):
    name = prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix())
    assert error(exc) == ("InvalidParameterException", "User pool already has a domain configured.")
    other = idp.create_user_pool(PoolName="other")["UserPool"]
    try:
        with pytest.raises(ClientError) as exc:
            idp.create_user_pool_domain(UserPoolId=other["Id"], Domain=name)
        assert error(exc) == ("InvalidParameterException", "Domain already associated with another user pool.")
    finally:
        idp.delete_user_pool(UserPoolId=other["Id"])


def test_custom_domain(idp, domain_pool):
    pool_id = domain_pool["Id"]
    name = f"auth{uuid.uuid4().hex[:8]}.example.com"
    out = idp.create_user_pool_domain(UserPoolId=pool_id, Domain=name, CustomDomainConfig={"CertificateArn": CERT})
    assert out["CloudFrontDomain"].endswith(".cloudfront.net")
    desc = idp.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert desc["CustomDomainConfig"] == {"CertificateArn": CERT}
    assert desc["CloudFrontDistribution"] == out["CloudFrontDomain"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["CustomDomain"] == name
    new_cert = CERT.replace("EXAMPLE22222", "EXAMPLE33333")
    updated = idp.update_user_pool_domain(
        UserPoolId=pool_id, Domain=name, CustomDomainConfig={"CertificateArn": new_cert}
    )
    assert updated["CloudFrontDomain"] == out["CloudFrontDomain"]
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"]["CustomDomainConfig"] == {
        "CertificateArn": new_cert
    }


def test_custom_domain_certificate_region(idp, domain_pool):
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_domain(
            UserPoolId=domain_pool["Id"],
            Domain="auth.example.org",
            CustomDomainConfig={"CertificateArn": CERT.replace("us-east-1", "eu-west-1")},
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_domain_errors(idp, domain_pool):
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_domain(UserPoolId=domain_pool["Id"], Domain="my-cognito-app")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_domain(UserPoolId=domain_pool["Id"], Domain="Upper-Case")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_domain(UserPoolId="us-east-1_nothere00", Domain=prefix())
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool_domain(UserPoolId=domain_pool["Id"], Domain=prefix())
    assert error(exc) == ("InvalidParameterException", "No such domain or user pool exists.")
    with pytest.raises(ClientError) as exc:
        idp.update_user_pool_domain(UserPoolId=domain_pool["Id"], Domain=prefix(), ManagedLoginVersion=2)
    assert error(exc)[0] == "InvalidParameterException"


def test_pool_with_domain_cannot_be_deleted(idp):
    pool = idp.create_user_pool(PoolName="with-domain")["UserPool"]
    name = prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert error(exc)[0] == "InvalidParameterException"
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    idp.delete_user_pool(UserPoolId=pool["Id"])


# -- resource servers ----------------------------------------------------------------------------------

SCOPES = [{"ScopeName": "read", "ScopeDescription": "Read"}, {"ScopeName": "write", "ScopeDescription": "Write"}]


def test_resource_server_lifecycle(idp, pool):
    created = idp.create_resource_server(
        UserPoolId=pool["Id"], Identifier="https://api.example.com", Name="API", Scopes=SCOPES
    )["ResourceServer"]
    assert created == {
        "UserPoolId": pool["Id"],
        "Identifier": "https://api.example.com",
        "Name": "API",
        "Scopes": SCOPES,
    }
    desc = idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")["ResourceServer"]
    assert desc == created
    updated = idp.update_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com", Name="API v2")[
        "ResourceServer"
    ]
    assert updated["Name"] == "API v2"
    assert updated["Scopes"] == []
    idp.delete_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    with pytest.raises(ClientError) as exc:
        idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.delete_resource_server(UserPoolId=pool["Id"], Identifier="https://api.example.com")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_resource_server_errors(idp, pool):
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="api", Name="API")
    with pytest.raises(ClientError) as exc:
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier="api", Name="API")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier="api2", Name="API", Scopes=[SCOPES[0], SCOPES[0]])
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_resource_server(UserPoolId="us-east-1_nothere00", Identifier="x", Name="x")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.update_resource_server(UserPoolId=pool["Id"], Identifier="absent", Name="x")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_resource_server_limit(idp, pool):
    for i in range(25):
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier=f"api{i}", Name="n")
    with pytest.raises(ClientError) as exc:
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier="one-too-many", Name="n")
    assert error(exc)[0] == "LimitExceededException"


def test_list_resource_servers_paging(idp, pool):
    for name in ("c", "a", "b"):
        idp.create_resource_server(UserPoolId=pool["Id"], Identifier=name, Name=name)
    first = idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=2)
    assert [s["Identifier"] for s in first["ResourceServers"]] == ["a", "b"]
    second = idp.list_resource_servers(UserPoolId=pool["Id"], MaxResults=2, NextToken=first["NextToken"])
    assert [s["Identifier"] for s in second["ResourceServers"]] == ["c"]
    assert "NextToken" not in second
