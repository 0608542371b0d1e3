"""The console's checks of IAM policy documents before it saves them (console/services/policies.py)."""

from __future__ import annotations

import json

import pytest

from console.services import policies

PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["cognito-sync:*"], "Resource": ["*"]}],
}


def test_a_permission_policy_and_the_guides_trust_policy_pass() -> None:
    assert policies.parse(json.dumps(PERMISSIONS)) == PERMISSIONS
    trust = policies.cognito_trust_policy("us-east-1:1234", authenticated=True)
    assert policies.parse(json.dumps(trust), trust=True) == trust
    assert policies.trusts_cognito(trust, "us-east-1:1234", authenticated=True) is None


@pytest.mark.parametrize(
    ("document", "trust", "said"),
    [
        ("{", False, "Not valid JSON"),
        ("[]", False, "JSON object"),
        ('{"Version": "2020-01-01", "Statement": []}', False, "Version must be 2012-10-17"),
        ('{"Statement": []}', False, "non-empty list"),
        (
            '{"Statement": {"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}}',
            False,
            "Effect must be Allow or Deny",
        ),
        ('{"Statement": {"Effect": "Allow", "Resource": "*"}}', False, "exactly one of Action and NotAction"),
        ('{"Statement": {"Effect": "Allow", "Action": "GetObject", "Resource": "*"}}', False, "no service prefix"),
        ('{"Statement": {"Effect": "Allow", "Action": "s3:*"}}', False, "exactly one of Resource and NotResource"),
        ('{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "bucket"}}', False, "not an ARN"),
        (
            '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Principal": "*"}}',
            False,
            "has no Principal",
        ),
        ('{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}}', True, "needs a Principal"),
        (
            '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Maybe": {"a": "b"}}}}',
            False,
            "unknown condition operator",
        ),
        (
            '{"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},'
            ' {"Sid": "A", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}',
            False,
            "used twice",
        ),
    ],
)
def test_documents_iam_would_refuse_are_refused_with_the_reason(document: str, trust: bool, said: str) -> None:
    with pytest.raises(policies.PolicyProblem, match=said):
        policies.parse(document, trust=trust)


def test_a_json_error_names_its_line() -> None:
    with pytest.raises(policies.PolicyProblem) as raised:
        policies.parse('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}')
    assert raised.value.line == 3


def test_condition_operators_with_set_and_if_exists_qualifiers_are_known() -> None:
    document = {
        "Statement": {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*",
            "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": "a*"}},
        }
    }
    assert policies.parse(json.dumps(document)) == document


def test_a_trust_policy_that_does_not_name_the_pool_or_the_identity_kind_is_explained() -> None:
    other = policies.cognito_trust_policy("us-east-1:other", authenticated=True)
    assert "aud" in (policies.trusts_cognito(other, "us-east-1:mine", authenticated=True) or "")
    guest = policies.cognito_trust_policy("us-east-1:mine", authenticated=False)
    assert "authenticated identities" in (policies.trusts_cognito(guest, "us-east-1:mine", authenticated=True) or "")
    ec2 = {"Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}
    assert "No statement" in (policies.trusts_cognito(ec2, "us-east-1:mine", authenticated=True) or "")


def test_an_oversized_trust_policy_is_refused_before_iam_sees_it() -> None:
    trust = policies.cognito_trust_policy("us-east-1:1234", authenticated=True)
    trust["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalTag/x"] = ["v" * 40] * 60
    with pytest.raises(policies.PolicyProblem, match="at most 2,048"):
        policies.parse(json.dumps(trust), trust=True)
