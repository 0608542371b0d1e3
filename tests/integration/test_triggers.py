"""Lambda triggers: the Invoke API call against a fake Lambda on loopback, and AWS's caller-side errors.

The sign-up and sign-in flows that fire triggers are tested with those flows; here ``triggers.invoke``
runs against a real store with a pool made by the real CreateUserPool handler, and a real HTTP Lambda.
"""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.emulator.core.app import open_store
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.core.errors import AwsError
from console.emulator.user_pools import pools, triggers, users
from tests import fake_lambda
from tests.fake_lambda import Fail, FakeLambda, Garbage, Sleep, Status

ARN = "arn:aws:lambda:us-east-1:000000000000:function:{}"


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture
def ctx(tmp_path: Path, lam: FakeLambda) -> Iterator[RequestContext]:
    store = open_store(tmp_path / "cognito.db")
    config = ServerConfig(lambda_endpoint=lam.endpoint, base_url="http://127.0.0.1:1")
    lam.reset()
    yield RequestContext(store=store, config=config, headers={"user-agent": "Boto3/1.40.0 md/Botocore#1.40.0"})
    store.close()


def make_pool(ctx: RequestContext, **lambda_config: Any) -> dict[str, Any]:
    with ctx.store.tx():
        created: Any = pools.create_user_pool(
            ctx,
            {
                "PoolName": "triggers",
                "LambdaConfig": lambda_config,
                "AliasAttributes": ["email"],
            },
        )
        return pools.get_pool(ctx, created["UserPool"]["Id"])


def event_for(ctx: RequestContext, pool: dict[str, Any], source: str = "PreSignUp_SignUp") -> dict[str, Any]:
    user = users.User(
        pool_id=pool["Id"],
        username="alice",
        username_key="alice",
        sub="5f1c1b1e-0000-4000-8000-000000000001",
        status="UNCONFIRMED",
        enabled=True,
        created=0,
        modified=0,
        attrs={"email": "alice@example.com", "email_verified": "true"},
    )
    request = {"userAttributes": triggers.user_attributes(pool, user), "validationData": None}
    return triggers.base_event(ctx, pool, "client123", "alice", source, request)


def test_not_configured_returns_none(ctx, lam):
    pool = make_pool(ctx)
    assert triggers.invoke(ctx, pool, "PreSignUp", event_for(ctx, pool)) is None
    assert lam.calls == []


def test_event_shape_and_response(ctx, lam):
    pool = make_pool(ctx, PreSignUp=ARN.format("pre-signup"))

    def confirm(event: dict[str, Any]) -> dict[str, Any]:
        event["response"] = {"autoConfirmUser": True, "autoVerifyEmail": True}
        return event

    lam.script("pre-signup", confirm)
    returned = triggers.invoke(ctx, pool["Id"], "PreSignUp", event_for(ctx, pool))
    assert returned is not None
    assert returned["response"] == {"autoConfirmUser": True, "autoVerifyEmail": True}
    (sent,) = lam.events("pre-signup")
    assert sent["version"] == "1"
    assert sent["triggerSource"] == "PreSignUp_SignUp"
    assert sent["region"] == "us-east-1"
    assert sent["userPoolId"] == pool["Id"]
    assert sent["userName"] == "alice"
    assert sent["callerContext"] == {"awsSdkVersion": "aws-sdk-boto3-1.40.0", "clientId": "client123"}
    attrs = sent["request"]["userAttributes"]
    assert attrs["sub"] == "5f1c1b1e-0000-4000-8000-000000000001"
    assert attrs["cognito:user_status"] == "UNCONFIRMED"
    assert attrs["email_verified"] == "true"
    assert attrs["cognito:email_alias"] == "alice@example.com"
    assert all(isinstance(v, str) for v in attrs.values())
    assert sent["response"] == {}


def test_function_error_is_user_lambda_validation(ctx, lam):
    pool = make_pool(ctx, PreSignUp=ARN.format("reject"))
    lam.script("reject", Fail("Registration from this domain is not allowed."))
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreSignUp", event_for(ctx, pool))
    assert err.value.code == "UserLambdaValidationException"
    assert err.value.message == "PreSignUp failed with error Registration from this domain is not allowed.."


def test_timeout_is_unexpected_lambda(ctx, lam, monkeypatch):
    # The 5 s timeout is AWS's; a shorter one keeps the test quick and proves the same path.
    monkeypatch.setattr(triggers, "TIMEOUT_SECONDS", 0.5)
    pool = make_pool(ctx, PostAuthentication=ARN.format("slow"))
    lam.script("slow", Sleep(2))
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PostAuthentication", event_for(ctx, pool, "PostAuthentication_Authentication"))
    assert err.value.code == "UnexpectedLambdaException"
    assert err.value.message == (
        "PostAuthentication invocation failed due to error Socket timeout while invoking Lambda function."
    )


def test_default_timeout_is_five_seconds():
    assert triggers.TIMEOUT_SECONDS == 5.0


def test_connection_refused_is_unexpected_lambda(ctx):
    ctx.config.lambda_endpoint = "http://127.0.0.1:9"  # discard port: nothing listens
    pool = make_pool(ctx, PreAuthentication=ARN.format("x"))
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreAuthentication", event_for(ctx, pool, "PreAuthentication_Authentication"))
    assert err.value.code == "UnexpectedLambdaException"


def test_no_endpoint_is_unexpected_lambda(ctx):
    ctx.config.lambda_endpoint = None
    pool = make_pool(ctx, PreAuthentication=ARN.format("x"))
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreAuthentication", event_for(ctx, pool, "PreAuthentication_Authentication"))
    assert err.value.code == "UnexpectedLambdaException"
    assert "--lambda-endpoint" in err.value.message


@pytest.mark.parametrize(
    "answer",
    [Garbage(), Garbage(b"[1, 2, 3]"), Garbage(b'"a string"'), lambda e: {**e, "response": "nope"}],
)
def test_garbage_is_invalid_lambda_response(ctx, lam, answer):
    pool = make_pool(ctx, PreSignUp=ARN.format("garbage"))
    lam.script("garbage", answer)
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreSignUp", event_for(ctx, pool))
    assert err.value.code == "InvalidLambdaResponseException"
    assert err.value.message == "Unrecognizable lambda output"


def test_wrong_response_type_is_invalid(ctx, lam):
    pool = make_pool(ctx, PreSignUp=ARN.format("typed"))
    lam.script("typed", lambda e: {**e, "response": {"autoConfirmUser": "yes"}})
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreSignUp", event_for(ctx, pool))
    assert err.value.code == "InvalidLambdaResponseException"


def test_http_failure_is_unexpected_lambda(ctx, lam):
    pool = make_pool(ctx, PreSignUp=ARN.format("broken"))
    lam.script("broken", Status(500))
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "PreSignUp", event_for(ctx, pool))
    assert err.value.code == "UnexpectedLambdaException"


def test_qualifier_and_pre_token_version(ctx, lam):
    pool = make_pool(
        ctx,
        PreTokenGenerationConfig={"LambdaVersion": "V2_0", "LambdaArn": ARN.format("pretoken") + ":live"},
    )
    assert triggers.pre_token_version(pool) == "V2_0"
    event = triggers.pre_token_event(ctx, pool, "c", "alice", "TokenGeneration_Authentication", {"scopes": []})
    assert event["version"] == "2"
    triggers.invoke(ctx, pool, "PreTokenGeneration", event)
    (call,) = lam.calls
    assert (call.function, call.qualifier) == ("pretoken", "live")


def test_custom_sender_failures_do_not_reach_caller(ctx, lam):
    pool = make_pool(
        ctx,
        CustomEmailSender={"LambdaVersion": "V1_0", "LambdaArn": ARN.format("sender")},
        KMSKeyID="arn:aws:kms:us-east-1:000000000000:key/abc",
    )
    lam.script("sender", Fail("boom"))
    event = triggers.sender_event(
        ctx, pool, None, "alice", "CustomEmailSender_SignUp", code="123456", user_attrs={"sub": "s"}
    )
    assert triggers.invoke(ctx, pool, "CustomEmailSender", event) is None
    (sent,) = lam.events("sender")
    assert sent["request"]["type"] == "customEmailSenderRequestV1"
    assert sent["request"]["code"] != "123456"


def test_python_callable_mapping(ctx, lam, monkeypatch):
    module = types.ModuleType("local_trigger_module")

    def define(event: dict[str, Any], context: Any) -> dict[str, Any]:
        assert context.function_name == "define-local"
        assert context.get_remaining_time_in_millis() > 0
        event["response"] = {"challengeName": "CUSTOM_CHALLENGE", "issueTokens": False, "failAuthentication": False}
        return event

    def explode(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise ValueError("no custom auth today")

    module.define = define  # type: ignore[attr-defined]
    module.explode = explode  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "local_trigger_module", module)
    monkeypatch.setenv(
        triggers.ENV_VAR, "define-local=local_trigger_module:define, explode=local_trigger_module:explode"
    )
    pool = make_pool(ctx, DefineAuthChallenge=ARN.format("define-local"), CreateAuthChallenge=ARN.format("explode"))
    out = triggers.invoke(ctx, pool, "DefineAuthChallenge", event_for(ctx, pool, "DefineAuthChallenge_Authentication"))
    assert out is not None and out["response"]["challengeName"] == "CUSTOM_CHALLENGE"
    with pytest.raises(AwsError) as err:
        triggers.invoke(ctx, pool, "CreateAuthChallenge", event_for(ctx, pool, "CreateAuthChallenge_Authentication"))
    assert err.value.code == "UserLambdaValidationException"
    assert err.value.message == "CreateAuthChallenge failed with error no custom auth today."
    assert lam.calls == []  # mapped functions never reach the Invoke API


def test_invoke_async_runs_off_the_loop(ctx, lam):
    pool = make_pool(ctx, PostConfirmation=ARN.format("post-confirm"))
    event = event_for(ctx, pool, "PostConfirmation_ConfirmSignUp")
    out = asyncio.run(triggers.invoke_async(ctx, pool, "PostConfirmation", event))
    assert out is not None and out["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert len(lam.events("post-confirm")) == 1
