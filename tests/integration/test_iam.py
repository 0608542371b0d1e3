"""The local IAM through boto3's iam client and the AWS CLI: roles, their trust and permission policies, managed
policies, tags, OIDC and SAML providers, and IAM's errors over the query protocol."""

from __future__ import annotations

import json
import shutil
import urllib.parse
from typing import Any

import httpx
import pytest

from tests.conftest import make_client, unique

ACCOUNT = "000000000000"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": "us-east-1:00000000-0000-0000-0000-000000000000"
                },
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
            },
        }
    ],
}
PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*",
        }
    ],
}
SAML_METADATA = (
    '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"'
    ' entityID="https://idp.example.com/metadata" validUntil="2099-01-01T00:00:00Z">'
    '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    + '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
    ' Location="https://idp.example.com/sso"/>' * 12 + "</md:IDPSSODescriptor></md:EntityDescriptor>"
)


@pytest.fixture(scope="module")
def iam(cognito: Any) -> Any:
    return make_client(cognito.base_url, "iam")


@pytest.fixture
def role(iam: Any) -> Any:
    name = unique("role")
    created = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]
    yield created
    for policy_name in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
    for attached in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        iam.detach_role_policy(RoleName=name, PolicyArn=attached["PolicyArn"])
    iam.delete_role(RoleName=name)


def test_create_get_and_list_roles(iam: Any) -> None:
    name = unique("role")
    created = iam.create_role(
        RoleName=name,
        Path="/cognito/",
        AssumeRolePolicyDocument=json.dumps(TRUST),
        Description="authenticated users",
        MaxSessionDuration=7200,
        Tags=[{"Key": "team", "Value": "web"}],
    )["Role"]
    assert created["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/cognito/{name}"
    assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21
    assert created["AssumeRolePolicyDocument"] == TRUST  # boto3 decodes the URL-encoded document
    got = iam.get_role(RoleName=name.upper())["Role"]  # role names are unique without regard to case
    assert got["RoleName"] == name
    assert got["MaxSessionDuration"] == 7200 and got["Description"] == "authenticated users"
    assert got["Tags"] == [{"Key": "team", "Value": "web"}]
    assert got["CreateDate"] == created["CreateDate"]
    listed = iam.list_roles(PathPrefix="/cognito/")["Roles"]
    assert name in [r["RoleName"] for r in listed]
    assert all(r["Path"].startswith("/cognito/") for r in listed)
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException, match=f"Role with name {name} already exists"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.delete_role(RoleName=name)
    with pytest.raises(iam.exceptions.NoSuchEntityException, match=f"The role with name {name} cannot be found"):
        iam.get_role(RoleName=name)


def test_the_document_is_answered_as_written_url_encoded(cognito: Any, iam: Any, role: Any) -> None:
    text = '{"Version": "2012-10-17",\n "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}'
    iam.put_role_policy(RoleName=role["RoleName"], PolicyName="p", PolicyDocument=text)
    raw = httpx.post(
        cognito.base_url,
        data={"Action": "GetRolePolicy", "Version": "2010-05-08", "RoleName": role["RoleName"], "PolicyName": "p"},
    )
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/xml")
    assert '<GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' in raw.text
    encoded = raw.text.split("<PolicyDocument>")[1].split("</PolicyDocument>")[0]
    assert urllib.parse.unquote(encoded) == text
    assert "<RequestId>" in raw.text


def test_trust_policy_checks(iam: Any, role: Any) -> None:
    malformed = iam.exceptions.MalformedPolicyDocumentException
    cases = {
        "{not json": "Syntax errors in policy.",
        json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}
        ): "Missing required field Principal",
        json.dumps(
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}]}
        ): "Has prohibited field Resource",
        json.dumps({"Version": "2020-01-01", "Statement": []}): "The policy failed legacy parsing",
        json.dumps(
            {"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "sts:AssumeRole"}]}
        ): "Invalid effect",
        json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*"}]}): "Policy statement must contain actions.",
        json.dumps(
            {"Statement": [{"Effect": "Allow", "Principal": {"Nobody": "x"}, "Action": "sts:AssumeRole"}]}
        ): "Invalid principal in policy",
    }
    for document, message in cases.items():
        with pytest.raises(malformed, match=message):
            iam.update_assume_role_policy(RoleName=role["RoleName"], PolicyDocument=document)
    changed = {**TRUST, "Statement": [{**TRUST["Statement"][0], "Condition": {}}]}
    iam.update_assume_role_policy(RoleName=role["RoleName"], PolicyDocument=json.dumps(changed))
    assert iam.get_role(RoleName=role["RoleName"])["Role"]["AssumeRolePolicyDocument"] == changed


def test_identity_policy_checks(iam: Any, role: Any) -> None:
    malformed = iam.exceptions.MalformedPolicyDocumentException
    cases = {
        json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}): "Policy statement must contain resources.",
        json.dumps(
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}
        ): "Policy document should not specify a principal.",
        json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3", "Resource": "*"}]}): "prefaced by a vendor",
        json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "bucket"}]}
        ): "must be in ARN format",
        json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Sometimes": {"a:b": "c"}}}
                ]
            }
        ): "Invalid Condition type : Sometimes",
        json.dumps(
            {
                "Statement": [
                    {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                    {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"},
                ]
            }
        ): "Statement IDs \\(SID\\) in a single policy must be unique.",
    }
    for document, message in cases.items():
        with pytest.raises(malformed, match=message):
            iam.put_role_policy(RoleName=role["RoleName"], PolicyName="p", PolicyDocument=document)
    assert iam.list_role_policies(RoleName=role["RoleName"])["PolicyNames"] == []


def test_inline_role_policies(iam: Any, role: Any) -> None:
    name = role["RoleName"]
    iam.put_role_policy(RoleName=name, PolicyName="s3", PolicyDocument=json.dumps(PERMISSIONS))
    iam.put_role_policy(RoleName=name, PolicyName="again", PolicyDocument=json.dumps(PERMISSIONS))
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["again", "s3"]
    got = iam.get_role_policy(RoleName=name, PolicyName="s3")
    assert got["PolicyDocument"] == PERMISSIONS and got["RoleName"] == name
    with pytest.raises(iam.exceptions.DeleteConflictException, match="must delete policies first"):
        iam.delete_role(RoleName=name)
    iam.delete_role_policy(RoleName=name, PolicyName="again")
    with pytest.raises(iam.exceptions.NoSuchEntityException, match="The role policy with name again cannot be found"):
        iam.get_role_policy(RoleName=name, PolicyName="again")
    too_big = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Sid": "x" * 10300}],
    }
    with pytest.raises(iam.exceptions.LimitExceededException, match="Maximum policy size of 10240 bytes"):
        iam.put_role_policy(RoleName=name, PolicyName="big", PolicyDocument=json.dumps(too_big))


def test_managed_policies_attach_and_detach(iam: Any, role: Any) -> None:
    name = unique("policy")
    created = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(PERMISSIONS), Description="d")["Policy"]
    arn = created["Arn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:policy/{name}"
    assert created["DefaultVersionId"] == "v1" and created["AttachmentCount"] == 0
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException, match=f"A policy called {name} already exists"):
        iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(PERMISSIONS))
    version = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert version["Document"] == PERMISSIONS and version["IsDefaultVersion"] is True
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    attached = iam.list_attached_role_policies(RoleName=role["RoleName"])["AttachedPolicies"]
    assert attached == [{"PolicyName": name, "PolicyArn": arn}]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 1
    with pytest.raises(iam.exceptions.DeleteConflictException, match="must detach all policies first"):
        iam.delete_role(RoleName=role["RoleName"])
    with pytest.raises(iam.exceptions.DeleteConflictException, match="Cannot delete a policy attached to entities"):
        iam.delete_policy(PolicyArn=arn)
    iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException, match="was not found"):
        iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    iam.delete_policy(PolicyArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException, match="does not exist or is not attachable"):
        iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)


def test_attached_policies_are_limited_to_ten(iam: Any, role: Any) -> None:
    arns = [
        iam.create_policy(PolicyName=unique("p"), PolicyDocument=json.dumps(PERMISSIONS))["Policy"]["Arn"]
        for _ in range(11)
    ]
    for arn in arns[:10]:
        iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    with pytest.raises(iam.exceptions.LimitExceededException, match="PoliciesPerRole: 10"):
        iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arns[10])
    for arn in arns[:10]:
        iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    for arn in arns:
        iam.delete_policy(PolicyArn=arn)


def test_role_tags(iam: Any, role: Any) -> None:
    name = role["RoleName"]
    iam.tag_role(RoleName=name, Tags=[{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}])
    iam.tag_role(RoleName=name, Tags=[{"Key": "A", "Value": "one"}])  # keys compare without case
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "A", "Value": "one"}, {"Key": "b", "Value": "2"}]
    iam.untag_role(RoleName=name, TagKeys=["a"])
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "b", "Value": "2"}]
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.tag_role(RoleName=unique("gone"), Tags=[{"Key": "a", "Value": "1"}])


def test_list_roles_pages_with_markers(iam: Any) -> None:
    prefix = f"/{unique('paging')}/"
    names = sorted(unique("r") for _ in range(5))
    for n in names:
        iam.create_role(RoleName=n, Path=prefix, AssumeRolePolicyDocument=json.dumps(TRUST))
    first = iam.list_roles(PathPrefix=prefix, MaxItems=2)
    assert first["IsTruncated"] is True and len(first["Roles"]) == 2
    seen = [
        r["RoleName"]
        for page in iam.get_paginator("list_roles").paginate(PathPrefix=prefix, PaginationConfig={"PageSize": 2})
        for r in page["Roles"]
    ]
    assert seen == names
    for n in names:
        iam.delete_role(RoleName=n)


def test_openid_connect_providers(iam: Any) -> None:
    host = f"{unique('idp')}.example.com"
    created = iam.create_open_id_connect_provider(
        Url=f"https://{host}", ClientIDList=["client-a"], ThumbprintList=["A" * 40]
    )
    arn = created["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:oidc-provider/{host}"
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["Url"] == host and got["ClientIDList"] == ["client-a"] and got["ThumbprintList"] == ["a" * 40]
    assert {"Arn": arn} in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
        iam.create_open_id_connect_provider(Url=f"https://{host}", ClientIDList=["x"])
    with pytest.raises(iam.exceptions.InvalidInputException):
        iam.create_open_id_connect_provider(Url=f"http://{host}", ClientIDList=["x"])
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException, match="OpenIDConnect Provider not found"):
        iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)


def test_saml_providers(iam: Any) -> None:
    name = unique("saml")
    arn = iam.create_saml_provider(Name=name, SAMLMetadataDocument=SAML_METADATA)["SAMLProviderArn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:saml-provider/{name}"
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["SAMLMetadataDocument"] == SAML_METADATA
    assert got["ValidUntil"].year == 2099
    assert arn in [p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]]
    with pytest.raises(iam.exceptions.InvalidInputException, match="Could not parse metadata"):
        iam.create_saml_provider(
            Name=unique("bad"), SAMLMetadataDocument="<notmetadata>" + "x" * 1000 + "</notmetadata>"
        )
    iam.delete_saml_provider(SAMLProviderArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.delete_saml_provider(SAMLProviderArn=arn)


def test_query_protocol_errors(cognito: Any) -> None:
    unknown = httpx.post(cognito.base_url, data={"Action": "MakeCoffee", "Version": "2010-05-08"})
    assert unknown.status_code == 400
    assert "<Code>InvalidAction</Code>" in unknown.text and "<Type>Sender</Type>" in unknown.text
    missing = httpx.post(cognito.base_url, data={"Action": "GetRole", "Version": "2010-05-08"})
    assert missing.status_code == 400 and "<Code>ValidationError</Code>" in missing.text
    assert "Value null at &apos;roleName&apos;" in missing.text or "Value null at 'roleName'" in missing.text
    bad_number = httpx.post(cognito.base_url, data={"Action": "ListRoles", "Version": "2010-05-08", "MaxItems": "lots"})
    assert bad_number.status_code == 400 and "<Code>ValidationError</Code>" in bad_number.text


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is a test dependency")
def test_aws_cli_creates_and_reads_a_role(cognito: Any) -> None:
    from tests.integration.test_aws_cli import aws

    name = unique("cli")
    created = aws(
        cognito.base_url, "iam", "create-role", "--role-name", name, "--assume-role-policy-document", json.dumps(TRUST)
    )
    assert created["Role"]["AssumeRolePolicyDocument"] == TRUST
    aws(
        cognito.base_url,
        "iam",
        "put-role-policy",
        "--role-name",
        name,
        "--policy-name",
        "s3",
        "--policy-document",
        json.dumps(PERMISSIONS),
    )
    assert aws(cognito.base_url, "iam", "list-role-policies", "--role-name", name)["PolicyNames"] == ["s3"]
    aws(cognito.base_url, "iam", "delete-role-policy", "--role-name", name, "--policy-name", "s3")
    aws(cognito.base_url, "iam", "delete-role", "--role-name", name)
    identity = aws(cognito.base_url, "sts", "get-caller-identity")
    assert identity["Account"] == ACCOUNT


def test_simulate_principal_policy(iam: Any, role: Any) -> None:
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "Read",
                    "Effect": "Allow",
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::b/${aws:username}/*",
                    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "web"}},
                },
                {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/secret/*"},
            ],
        },
        indent=2,
    )
    iam.put_role_policy(RoleName=role["RoleName"], PolicyName="files", PolicyDocument=text)
    results = iam.simulate_principal_policy(
        PolicySourceArn=role["Arn"],
        ActionNames=["s3:GetObject", "s3:PutObject"],
        ResourceArns=["arn:aws:s3:::b/ann/x", "arn:aws:s3:::b/secret/x"],
        ContextEntries=[
            {"ContextKeyName": "aws:username", "ContextKeyValues": ["ann"], "ContextKeyType": "string"},
            {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["web"], "ContextKeyType": "string"},
        ],
    )["EvaluationResults"]
    decisions = {(r["EvalActionName"], r["EvalResourceName"]): r for r in results}
    read = decisions["s3:GetObject", "arn:aws:s3:::b/ann/x"]
    assert read["EvalDecision"] == "allowed"
    [statement] = read["MatchedStatements"]
    assert statement["SourcePolicyId"] == "files" and statement["SourcePolicyType"] == "role"
    assert statement["StartPosition"] == {"Line": 4, "Column": 5}
    assert decisions["s3:GetObject", "arn:aws:s3:::b/secret/x"]["EvalDecision"] == "explicitDeny"
    assert decisions["s3:PutObject", "arn:aws:s3:::b/ann/x"]["EvalDecision"] == "implicitDeny"
    missing = iam.simulate_principal_policy(
        PolicySourceArn=role["Arn"], ActionNames=["s3:GetObject"], ResourceArns=["arn:aws:s3:::b/ann/x"]
    )["EvaluationResults"][0]
    assert missing["EvalDecision"] == "implicitDeny"
    assert missing["MissingContextValues"] == ["aws:PrincipalTag/team", "aws:username"]
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.simulate_principal_policy(
            PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:role/{unique('none')}", ActionNames=["s3:GetObject"]
        )


def test_simulate_custom_policy(iam: Any) -> None:
    results = iam.simulate_custom_policy(
        PolicyInputList=[json.dumps(PERMISSIONS)],
        ActionNames=["s3:PutObject"],
        ResourceArns=["arn:aws:s3:::bucket/us-east-1:abc/f"],
        ContextEntries=[
            {
                "ContextKeyName": "cognito-identity.amazonaws.com:sub",
                "ContextKeyValues": ["us-east-1:abc"],
                "ContextKeyType": "string",
            }
        ],
    )["EvaluationResults"]
    assert results[0]["EvalDecision"] == "allowed"
    assert results[0]["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.1"
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException):
        iam.simulate_custom_policy(PolicyInputList=["{"], ActionNames=["s3:PutObject"])


def test_policy_versions(iam: Any, role: Any) -> None:
    arn = iam.create_policy(PolicyName=unique("versioned"), PolicyDocument=json.dumps(PERMISSIONS))["Policy"]["Arn"]
    narrower = {**PERMISSIONS, "Statement": [{**PERMISSIONS["Statement"][0], "Action": "s3:GetObject"}]}
    created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(narrower), SetAsDefault=True)
    assert created["PolicyVersion"]["VersionId"] == "v2" and created["PolicyVersion"]["IsDefaultVersion"] is True
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"] == narrower
    listed = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in listed] == [("v2", True), ("v1", False)]
    # The role's decisions follow the default version.
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    put = iam.simulate_principal_policy(
        PolicySourceArn=role["Arn"],
        ActionNames=["s3:PutObject"],
        ResourceArns=["arn:aws:s3:::bucket/x/y"],
        ContextEntries=[
            {
                "ContextKeyName": "cognito-identity.amazonaws.com:sub",
                "ContextKeyValues": ["x"],
                "ContextKeyType": "string",
            }
        ],
    )["EvaluationResults"][0]
    assert put["EvalDecision"] == "implicitDeny"
    iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    with pytest.raises(iam.exceptions.DeleteConflictException, match="default version"):
        iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    with pytest.raises(iam.exceptions.DeleteConflictException, match="more than one version"):
        iam.delete_policy(PolicyArn=arn)
    for _ in range(3):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(PERMISSIONS))
    with pytest.raises(iam.exceptions.LimitExceededException, match="up to 5 versions"):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(PERMISSIONS))
    iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    assert (
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(PERMISSIONS))["PolicyVersion"]["VersionId"]
        == "v6"
    )
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v6")
    for version in ("v2", "v3", "v4", "v5"):
        iam.delete_policy_version(PolicyArn=arn, VersionId=version)
    iam.delete_policy(PolicyArn=arn)


def test_openid_connect_provider_updates(iam: Any) -> None:
    arn = iam.create_open_id_connect_provider(Url=f"https://{unique('upd')}.example.com", ClientIDList=["a"])[
        "OpenIDConnectProviderArn"
    ]
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="b")
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="b")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="a")
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["B" * 40])
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["ClientIDList"] == ["b"] and got["ThumbprintList"] == ["b" * 40]
    with pytest.raises(iam.exceptions.InvalidInputException, match="not a valid SHA-1 thumbprint"):
        iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["zz" * 20])
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="c")


def test_saml_provider_update(iam: Any) -> None:
    arn = iam.create_saml_provider(Name=unique("saml"), SAMLMetadataDocument=SAML_METADATA)["SAMLProviderArn"]
    later = SAML_METADATA.replace("2099-01-01", "2098-06-01")
    assert iam.update_saml_provider(SAMLProviderArn=arn, SAMLMetadataDocument=later)["SAMLProviderArn"] == arn
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["SAMLMetadataDocument"] == later and got["ValidUntil"].year == 2098
    iam.delete_saml_provider(SAMLProviderArn=arn)
