"""IAM policy evaluation (console/emulator/iam/policy.py) and IAM's policy document checks (iam/documents.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from console.emulator.core.errors import AwsError
from console.emulator.iam import documents
from console.emulator.iam.policy import evaluate, trust_allows, trust_decision

SUB = "cognito-identity.amazonaws.com:sub"
AUD = "cognito-identity.amazonaws.com:aud"
AMR = "cognito-identity.amazonaws.com:amr"


def policy(*statements: dict[str, Any], version: str = "2012-10-17") -> dict[str, Any]:
    return {"Version": version, "Statement": list(statements)}


def allow(action: Any = "s3:GetObject", resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def allowed(
    document: dict[str, Any], action: str = "s3:GetObject", resource: str = "arn:aws:s3:::b/k", **context: Any
) -> bool:
    return evaluate([document], action=action, resource=resource, context=context).allowed


def test_nothing_matching_is_an_implicit_deny() -> None:
    decision = evaluate([policy(allow("s3:PutObject"))], action="s3:GetObject", resource="*", context={})
    assert not decision.allowed and not decision.explicit_deny and decision.why == ()
    assert evaluate([], action="s3:GetObject", resource="*", context={}).allowed is False


def test_explicit_deny_wins_and_is_reported() -> None:
    documents_ = [
        policy(allow("s3:*", Sid="All")),
        policy({"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}),
    ]
    decision = evaluate(documents_, action="s3:DeleteObject", resource="arn:aws:s3:::b/k", context={})
    assert decision.explicit_deny and not decision.allowed
    assert [(s.policy, s.index, s.sid) for s in decision.why] == [(1, 0, "NoDelete")]
    kept = evaluate(documents_, action="s3:GetObject", resource="arn:aws:s3:::b/k", context={})
    assert kept.allowed and [s.sid for s in kept.why] == ["All"]


def test_action_wildcards_ignore_case_and_resources_do_not() -> None:
    document = policy(allow(["dynamodb:Get*", "s3:?etObject"], "arn:aws:s3:::Bucket/*"))
    assert allowed(document, "S3:GETOBJECT", "arn:aws:s3:::Bucket/k")
    assert allowed(document, "s3:SetObject", "arn:aws:s3:::Bucket/a/b/c")
    assert not allowed(document, "s3:GetObject", "arn:aws:s3:::bucket/k")
    assert not allowed(document, "s3:GetObjects", "arn:aws:s3:::Bucket/k")
    assert allowed(document, "dynamodb:GetItem", "arn:aws:s3:::Bucket/k")


def test_not_action_and_not_resource() -> None:
    document = policy({"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::private/*"})
    assert allowed(document, "s3:GetObject", "arn:aws:s3:::public/k")
    assert not allowed(document, "iam:CreateRole", "arn:aws:s3:::public/k")
    assert not allowed(document, "s3:GetObject", "arn:aws:s3:::private/k")


def test_policy_variables_in_resources() -> None:
    document = policy(allow(resource="arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*"))
    me = "us-east-1:1111-2222"
    assert allowed(document, resource=f"arn:aws:s3:::b/{me}/file", **{SUB: me})
    assert not allowed(document, resource="arn:aws:s3:::b/us-east-1:other/file", **{SUB: me})
    assert not allowed(document, resource=f"arn:aws:s3:::b/{me}/file")  # no value: matches nothing
    # A substituted value is literal text: a '*' in it is no wildcard.
    assert not allowed(document, resource="arn:aws:s3:::b/anything/file", **{SUB: "*"})
    assert allowed(document, resource="arn:aws:s3:::b/*/file", **{SUB: "*"})


def test_policy_variables_need_version_2012() -> None:
    old = policy(allow(resource="arn:aws:s3:::b/${aws:username}"), version="2008-10-17")
    assert not allowed(old, resource="arn:aws:s3:::b/alice", **{"aws:username": "alice"})
    assert allowed(old, resource="arn:aws:s3:::b/${aws:username}", **{"aws:username": "alice"})


def test_principal_tag_variables_defaults_and_escapes() -> None:
    document = policy(
        allow(resource="arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/${*}"),
    )
    assert allowed(document, resource="arn:aws:s3:::b/web/*", **{"aws:principaltag/TEAM": "web"})
    assert allowed(document, resource="arn:aws:s3:::b/shared/*")
    assert not allowed(document, resource="arn:aws:s3:::b/shared/x")


def test_string_conditions() -> None:
    cases: list[tuple[dict[str, Any], dict[str, Any], bool]] = [
        ({"StringEquals": {AUD: "pool-1"}}, {AUD: "pool-1"}, True),
        ({"StringEquals": {AUD: ["pool-1", "pool-2"]}}, {AUD: "pool-2"}, True),
        ({"StringEquals": {AUD: "pool-1"}}, {AUD: "POOL-1"}, False),
        ({"StringEqualsIgnoreCase": {AUD: "pool-1"}}, {AUD: "POOL-1"}, True),
        ({"StringEquals": {AUD: "pool-1"}}, {}, False),
        ({"StringNotEquals": {AUD: "pool-1"}}, {AUD: "pool-2"}, True),
        ({"StringNotEquals": {AUD: "pool-1"}}, {}, True),
        ({"StringLike": {AUD: "pool-*"}}, {AUD: "pool-9"}, True),
        ({"StringNotLike": {AUD: "pool-*"}}, {AUD: "pool-9"}, False),
        ({"StringEqualsIfExists": {AUD: "pool-1"}}, {}, True),
        ({"StringEqualsIfExists": {AUD: "pool-1"}}, {AUD: "pool-2"}, False),
        (
            {"StringEquals": {"aws:username": "${aws:PrincipalTag/owner}"}},
            {"aws:username": "ann", "aws:PrincipalTag/owner": "ann"},
            True,
        ),
        # Every operator must hold, and every key within one.
        ({"StringEquals": {AUD: "pool-1", SUB: "me"}}, {AUD: "pool-1", SUB: "you"}, False),
        ({"StringEquals": {AUD: "pool-1"}, "StringLike": {SUB: "m*"}}, {AUD: "pool-1", SUB: "me"}, True),
    ]
    for condition, context, expected in cases:
        assert allowed(policy(allow(Condition=condition)), **context) is expected, (condition, context)


def test_set_operators_on_multivalued_keys() -> None:
    any_authenticated = {"ForAnyValue:StringLike": {AMR: "authenticated"}}
    assert allowed(policy(allow(Condition=any_authenticated)), **{AMR: ["authenticated", "cognito-idp"]})
    assert not allowed(policy(allow(Condition=any_authenticated)), **{AMR: ["unauthenticated"]})
    assert not allowed(policy(allow(Condition=any_authenticated)))
    all_known = {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "project"]}}
    assert allowed(policy(allow(Condition=all_known)), **{"aws:TagKeys": ["team"]})
    assert not allowed(policy(allow(Condition=all_known)), **{"aws:TagKeys": ["team", "cost"]})
    assert allowed(policy(allow(Condition=all_known)))  # no values: vacuously true
    none_secret = {"ForAllValues:StringNotLike": {"aws:TagKeys": "secret*"}}
    assert allowed(policy(allow(Condition=none_secret)), **{"aws:TagKeys": ["team"]})
    assert not allowed(policy(allow(Condition=none_secret)), **{"aws:TagKeys": ["team", "secret-x"]})


def test_other_condition_operators() -> None:
    cases: list[tuple[dict[str, Any], dict[str, Any], bool]] = [
        ({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": True}, True),
        ({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": "false"}, False),
        ({"Null": {"aws:TokenIssueTime": "true"}}, {}, True),
        ({"Null": {"aws:TokenIssueTime": "false"}}, {}, False),
        ({"Null": {"aws:TokenIssueTime": "false"}}, {"aws:TokenIssueTime": "2026-01-01T00:00:00Z"}, True),
        ({"NumericLessThan": {"s3:max-keys": "10"}}, {"s3:max-keys": "9"}, True),
        ({"NumericLessThan": {"s3:max-keys": "10"}}, {"s3:max-keys": "10"}, False),
        ({"NumericGreaterThanEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": 10}, True),
        ({"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "ten"}, False),
        (
            {"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}},
            {"aws:CurrentTime": "2026-06-01T00:00:00Z"},
            True,
        ),
        ({"DateLessThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}, {"aws:CurrentTime": "1767225599"}, True),
        (
            {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic-*"}},
            {"aws:SourceArn": "arn:aws:sns:us-east-1:1:topic-a"},
            True,
        ),
        (
            {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic-*"}},
            {"aws:SourceArn": "arn:aws:sqs:us-east-1:1:topic-a"},
            False,
        ),
        (
            {"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:1:t"}},
            {"aws:SourceArn": "arn:aws:sns:us-east-1:1:u"},
            True,
        ),
        ({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, {"aws:SourceIp": "10.1.2.3"}, True),
        ({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, {"aws:SourceIp": "192.168.0.1"}, False),
        ({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "::1/128"]}}, {"aws:SourceIp": "::1"}, False),
        ({"BinaryEquals": {"k:b": "aGVsbG8="}}, {"k:b": "aGVsbG8="}, True),
        ({"Unknown": {"k:b": "x"}}, {"k:b": "x"}, False),
    ]
    for condition, context, expected in cases:
        assert allowed(policy(allow(Condition=condition)), **context) is expected, (condition, context)


def test_condition_keys_ignore_case() -> None:
    document = policy(allow(Condition={"StringEquals": {"Cognito-Identity.amazonaws.com:AUD": "p"}}))
    assert allowed(document, **{"cognito-identity.amazonaws.com:aud": "p"})


TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
            "Condition": {
                "StringEquals": {AUD: "us-east-1:pool"},
                "ForAnyValue:StringLike": {AMR: "authenticated"},
            },
        }
    ],
}


def test_trust_policy_for_cognito() -> None:
    def trusts(**changes: Any) -> bool:
        context = {AUD: ["us-east-1:pool"], AMR: ["authenticated", "cognito-idp.us-east-1.amazonaws.com/p"]}
        federated = changes.pop("federated", "cognito-identity.amazonaws.com")
        action = changes.pop("action", "sts:AssumeRoleWithWebIdentity")
        context.update(changes)
        return trust_allows(TRUST, action=action, federated=federated, context=context)

    assert trusts()
    assert trusts(action="sts:TagSession")
    assert not trusts(action="sts:AssumeRole")
    assert not trusts(federated="accounts.google.com")
    assert not trusts(**{AUD: ["us-east-1:other"]})
    assert not trusts(**{AMR: ["unauthenticated"]})
    denied = {**TRUST, "Statement": [*TRUST["Statement"], {"Effect": "Deny", "Principal": "*", "Action": "sts:*"}]}
    decision = trust_decision(
        denied,
        action="sts:AssumeRoleWithWebIdentity",
        federated="cognito-identity.amazonaws.com",
        context={AUD: "us-east-1:pool", AMR: "authenticated"},
    )
    assert decision.explicit_deny and [s.index for s in decision.why] == [1]


def test_trust_policy_for_aws_principals() -> None:
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}]}
    assert trust_allows(trust, action="sts:AssumeRole", aws="arn:aws:iam::123456789012:root", context={})
    assert trust_allows(trust, action="sts:AssumeRole", aws="arn:aws:iam::123456789012:role/r", context={})
    assert not trust_allows(trust, action="sts:AssumeRole", aws="arn:aws:iam::999999999999:root", context={})
    assert not trust_allows(trust, action="sts:AssumeRole", federated="cognito-identity.amazonaws.com", context={})


def test_ten_statements_evaluate() -> None:
    statements = [
        allow(f"service{i}:Get*", f"arn:aws:service{i}:::thing/${{{SUB}}}/*", Condition={"StringEquals": {AUD: "p"}})
        for i in range(9)
    ]
    statements.append({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:x": "true"}}})
    document = policy(*statements)
    decision = evaluate(
        [document], action="service8:GetThing", resource="arn:aws:service8:::thing/me/1", context={SUB: "me", AUD: "p"}
    )
    assert decision.allowed and [s.index for s in decision.why] == [8]


@pytest.mark.parametrize(
    ("document", "trust", "message"),
    [
        ("[]", False, "Syntax errors in policy."),
        ('{"Statement": [], "Extra": 1}', False, "Syntax errors in policy."),
        (
            '{"Version": "2011-01-01", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}',
            False,
            "The policy failed legacy parsing",
        ),
        ('{"Statement": {"Action": "s3:*", "Resource": "*"}}', False, "Missing required field Effect"),
        ('{"Statement": {"Effect": "Allow", "Resource": "*"}}', False, "Policy statement must contain actions."),
        ('{"Statement": {"Effect": "Allow", "Action": "s3:*"}}', False, "Policy statement must contain resources."),
        (
            '{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b", "Principal": "*"}}',
            False,
            "Policy document should not specify a principal.",
        ),
        ('{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}}', True, "Missing required field Principal"),
        (
            '{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*", "Resource": "*"}}',
            True,
            "Has prohibited field Resource",
        ),
        (
            '{"Statement": {"Sid": "a-b", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}',
            False,
            "Statement IDs (SID) must be alpha-numeric.",
        ),
    ],
)
def test_document_checks(document: str, trust: bool, message: str) -> None:
    with pytest.raises(AwsError) as exc:
        documents.parse(document, trust=trust)
    assert exc.value.code == "MalformedPolicyDocument"
    assert exc.value.message.startswith(message)


def test_document_accepted_and_size_without_white_space() -> None:
    text = json.dumps(policy(allow()), indent=4)
    assert documents.parse(text)["Version"] == "2012-10-17"
    assert documents.size(text) == len(json.dumps(policy(allow()), separators=(",", ":")))
    assert documents.encoded('{"a": "b c"}') == "%7B%22a%22%3A%20%22b%20c%22%7D"
