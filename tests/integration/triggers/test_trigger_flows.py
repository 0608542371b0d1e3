"""Lambda triggers fired by the real flows, over the wire (boto3), against a fake Lambda Invoke API.

The server runs with ``--lambda-endpoint`` pointing at ``tests.fake_lambda``, which records every event
and answers per-function scripts. Each test makes its own pool whose LambdaConfig names the functions.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.fake_lambda import Fail, FakeLambda, Garbage, Sleep
from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user, password_auth
from tests.localcognito import LocalCognito

ARN = "arn:aws:lambda:us-east-1:000000000000:function:{}"
KMS = "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555"


def make_pool(idp: Any, lambda_config: dict[str, Any], **kwargs: Any) -> tuple[str, str]:
    kwargs.setdefault("AutoVerifiedAttributes", ["email"])
    pool = idp.create_user_pool(PoolName=f"t-{uuid.uuid4().hex[:8]}", LambdaConfig=lambda_config, **kwargs)
    pool_id = pool["UserPool"]["Id"]
    client = new_client(idp, pool_id)
    return pool_id, client["ClientId"]


def sign_up(idp: Any, client_id: str, username: str, email: str = "a@example.com", **kwargs: Any) -> Any:
    return idp.sign_up(
        ClientId=client_id,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
        **kwargs,
    )


def no_user(idp: Any, pool_id: str, username: str) -> bool:
    try:
        idp.admin_get_user(UserPoolId=pool_id, Username=username)
    except idp.exceptions.UserNotFoundException:
        return True
    return False


def respond(**response: Any) -> Any:
    def answer(event: dict[str, Any]) -> dict[str, Any]:
        event["response"] = response
        return event

    return answer


# -- PreSignUp ------------------------------------------------------------------------------------------


def test_pre_sign_up_event_and_auto_confirm(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("pre")})
    fresh.script("pre", respond(autoConfirmUser=True, autoVerifyEmail=True, autoVerifyPhone=False))
    out = sign_up(
        idp,
        client_id,
        "alice",
        ValidationData=[{"Name": "invite", "Value": "x1"}],
        ClientMetadata={"source": "web"},
    )
    assert out["UserConfirmed"] is True
    assert "CodeDeliveryDetails" not in out
    (event,) = fresh.events("pre")
    assert event["triggerSource"] == "PreSignUp_SignUp"
    assert event["version"] == "1"
    assert event["userPoolId"] == pool_id
    assert event["userName"] == "alice"
    assert event["callerContext"]["clientId"] == client_id
    assert event["callerContext"]["awsSdkVersion"].startswith("aws-sdk-")
    assert event["request"]["userAttributes"] == {"email": "a@example.com"}
    assert event["request"]["validationData"] == {"invite": "x1"}
    assert event["request"]["clientMetadata"] == {"source": "web"}
    user = idp.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    assert server.outbox(pool_id) == []
    assert password_auth(idp, client_id, "alice")["AuthenticationResult"]["AccessToken"]


def test_pre_sign_up_without_flags_leaves_user_unconfirmed(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("pre")})
    out = sign_up(idp, client_id, "bob")  # echoes the event: empty response
    assert out["UserConfirmed"] is False
    assert out["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="bob")["UserStatus"] == "UNCONFIRMED"


def test_auto_verify_phone_without_phone_fails(idp, fresh):
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("pre")})
    fresh.script("pre", respond(autoConfirmUser=True, autoVerifyPhone=True))
    with pytest.raises(ClientError) as exc:
        sign_up(idp, client_id, "carol")
    assert error(exc)[0] == "InvalidParameterException"
    assert no_user(idp, pool_id, "carol")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (Fail("Registration from this domain is not allowed."), (
            "UserLambdaValidationException",
            "PreSignUp failed with error Registration from this domain is not allowed..",
        )),
        (Garbage(), ("InvalidLambdaResponseException", "Unrecognizable lambda output")),
        (respond(autoConfirmUser="yes"), ("InvalidLambdaResponseException", "Unrecognizable lambda output")),
    ],
)  # fmt: skip
def test_pre_sign_up_failure_creates_no_user(idp, server, fresh, answer, expected):
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("pre")})
    fresh.script("pre", answer)
    with pytest.raises(ClientError) as exc:
        sign_up(idp, client_id, "dave")
    assert error(exc) == expected
    assert no_user(idp, pool_id, "dave")
    assert server.outbox(pool_id) == []
    # The username is still free: a sign-up that the trigger accepts succeeds.
    fresh.script("pre", None)
    assert sign_up(idp, client_id, "dave")["UserSub"]


@pytest.mark.slow
def test_pre_sign_up_timeout(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("slow")})
    fresh.script("slow", Sleep(6.5))
    with pytest.raises(ClientError) as exc:
        sign_up(idp, client_id, "erin")
    assert error(exc) == (
        "UnexpectedLambdaException",
        "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
    )
    assert no_user(idp, pool_id, "erin")


def test_pre_sign_up_admin_create_user(idp, server, fresh):
    pool_id, _ = make_pool(idp, {"PreSignUp": ARN.format("pre")})
    fresh.script("pre", respond(autoConfirmUser=True, autoVerifyEmail=True))
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="frank",
        UserAttributes=[{"Name": "email", "Value": "f@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
        ClientMetadata={"k": "v"},
    )
    (event,) = fresh.events("pre")
    assert event["triggerSource"] == "PreSignUp_AdminCreateUser"
    assert event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert event["request"]["clientMetadata"] == {"k": "v"}
    user = idp.admin_get_user(UserPoolId=pool_id, Username="frank")
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"  # the flags are ignored
    assert {"Name": "email_verified", "Value": "true"} not in user["UserAttributes"]
    fresh.script("pre", Fail("no admins today"))
    with pytest.raises(ClientError) as exc:
        idp.admin_create_user(UserPoolId=pool_id, Username="gina", DesiredDeliveryMediums=["EMAIL"])
    assert error(exc) == ("UserLambdaValidationException", "PreSignUp failed with error no admins today.")
    assert no_user(idp, pool_id, "gina")


# -- PostConfirmation -----------------------------------------------------------------------------------


def code_for(server: LocalCognito, pool_id: str) -> str:
    return str(server.outbox(pool_id)[-1]["code"])


def test_post_confirmation_on_confirm_sign_up(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"PostConfirmation": ARN.format("post")})
    sign_up(idp, client_id, "hank")
    fresh.script("post", Fail("downstream is down"))
    with pytest.raises(ClientError) as exc:
        idp.confirm_sign_up(ClientId=client_id, Username="hank", ConfirmationCode=code_for(server, pool_id))
    assert error(exc) == ("UserLambdaValidationException", "PostConfirmation failed with error downstream is down.")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="hank")["UserStatus"] == "UNCONFIRMED"
    fresh.script("post", None)
    idp.confirm_sign_up(
        ClientId=client_id,
        Username="hank",
        ConfirmationCode=code_for(server, pool_id),
        ClientMetadata={"m": "1"},
    )
    event = fresh.events("post")[-1]
    assert event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    assert event["request"]["userAttributes"]["email_verified"] == "true"
    assert event["request"]["userAttributes"]["sub"]
    assert event["request"]["clientMetadata"] == {"m": "1"}
    assert idp.admin_get_user(UserPoolId=pool_id, Username="hank")["UserStatus"] == "CONFIRMED"


def test_post_confirmation_on_admin_confirm_and_forgot_password(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"PostConfirmation": ARN.format("post")})
    sign_up(idp, client_id, "ivy")
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="ivy")
    assert fresh.events("post")[-1]["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    idp.admin_update_user_attributes(
        UserPoolId=pool_id, Username="ivy", UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )
    idp.forgot_password(ClientId=client_id, Username="ivy")
    idp.confirm_forgot_password(
        ClientId=client_id, Username="ivy", ConfirmationCode=code_for(server, pool_id), Password="N3w-Passw0rd!x"
    )
    assert fresh.events("post")[-1]["triggerSource"] == "PostConfirmation_ConfirmForgotPassword"


# -- CustomMessage and the custom senders ---------------------------------------------------------------


def custom_message(event: dict[str, Any]) -> dict[str, Any]:
    source = event["triggerSource"]
    code = event["request"]["codeParameter"]
    user = event["request"].get("usernameParameter") or ""
    event["response"] = {
        "emailSubject": f"[{source}]",
        "emailMessage": f"{source}: your code is {code} {user}".strip(),
        "smsMessage": f"{source} sms {code}",
    }
    return event


def test_custom_message_every_account_source(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"CustomMessage": ARN.format("msg")})
    fresh.script("msg", custom_message)

    sign_up(idp, client_id, "jack", email="jack@example.com")
    message = server.outbox(pool_id)[-1]
    assert message["subject"] == "[CustomMessage_SignUp]"
    assert message["body"] == f"CustomMessage_SignUp: your code is {message['code']}"

    idp.resend_confirmation_code(ClientId=client_id, Username="jack")
    assert server.outbox(pool_id)[-1]["subject"] == "[CustomMessage_ResendCode]"
    idp.confirm_sign_up(ClientId=client_id, Username="jack", ConfirmationCode=code_for(server, pool_id))

    idp.forgot_password(ClientId=client_id, Username="jack")
    assert server.outbox(pool_id)[-1]["subject"] == "[CustomMessage_ForgotPassword]"

    tokens = password_auth(idp, client_id, "jack")["AuthenticationResult"]
    idp.update_user_attributes(
        AccessToken=tokens["AccessToken"], UserAttributes=[{"Name": "email", "Value": "jack2@example.com"}]
    )
    assert server.outbox(pool_id)[-1]["subject"] == "[CustomMessage_UpdateUserAttribute]"
    idp.get_user_attribute_verification_code(AccessToken=tokens["AccessToken"], AttributeName="email")
    assert server.outbox(pool_id)[-1]["subject"] == "[CustomMessage_VerifyUserAttribute]"

    idp.admin_create_user(
        UserPoolId=pool_id,
        Username="kate",
        UserAttributes=[{"Name": "email", "Value": "kate@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    invite = server.outbox(pool_id)[-1]
    assert invite["subject"] == "[CustomMessage_AdminCreateUser]"
    assert invite["body"] == f"CustomMessage_AdminCreateUser: your code is {invite['code']} kate"
    admin_event = next(e for e in fresh.events("msg") if e["triggerSource"] == "CustomMessage_AdminCreateUser")
    assert admin_event["request"]["usernameParameter"] == "{username}"
    assert admin_event["request"]["codeParameter"] == "{####}"
    sources = [e["triggerSource"] for e in fresh.events("msg")]
    assert sources == [
        "CustomMessage_SignUp",
        "CustomMessage_ResendCode",
        "CustomMessage_ForgotPassword",
        "CustomMessage_UpdateUserAttribute",
        "CustomMessage_VerifyUserAttribute",
        "CustomMessage_AdminCreateUser",
    ]


def test_custom_message_authentication(idp, server, fresh):
    pool_id, client_id = make_pool(
        idp,
        {"CustomMessage": ARN.format("msg")},
        MfaConfiguration="OPTIONAL",
        SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/sns", "ExternalId": "x"},
    )
    fresh.script("msg", custom_message)
    new_user(idp, pool_id, "liam", attributes={"phone_number": "+15555550100", "phone_number_verified": "true"})
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username="liam", SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    out = password_auth(idp, client_id, "liam")
    assert out["ChallengeName"] == "SMS_MFA"
    sms = server.outbox(pool_id)[-1]
    assert sms["channel"] == "SMS"
    assert sms["body"] == f"CustomMessage_Authentication sms {sms['code']}"


def test_custom_email_sender_replaces_outbox(idp, server, fresh):
    pool_id, client_id = make_pool(
        idp,
        {
            "CustomEmailSender": {"LambdaVersion": "V1_0", "LambdaArn": ARN.format("sender")},
            "KMSKeyID": KMS,
        },
    )
    sign_up(idp, client_id, "mia", email="mia@example.com", ClientMetadata={"x": "y"})
    assert server.outbox(pool_id) == []
    (event,) = fresh.events("sender")
    assert event["triggerSource"] == "CustomEmailSender_SignUp"
    assert event["request"]["type"] == "customEmailSenderRequestV1"
    code = base64.b64decode(event["request"]["code"]).decode()
    assert code.isdigit()
    assert event["request"]["clientMetadata"] == {"x": "y"}
    assert event["request"]["userAttributes"]["email"] == "mia@example.com"
    # The code the sender got confirms the user.
    idp.confirm_sign_up(ClientId=client_id, Username="mia", ConfirmationCode=code)
    # A failing sender does not reach the caller (asynchronous on AWS).
    fresh.script("sender", Fail("smtp down"))
    idp.forgot_password(ClientId=client_id, Username="mia")
    assert fresh.events("sender")[-1]["triggerSource"] == "CustomEmailSender_ForgotPassword"


def test_custom_sms_sender(idp, server, fresh):
    pool_id, client_id = make_pool(
        idp,
        {"CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": ARN.format("sms")}, "KMSKeyID": KMS},
        AutoVerifiedAttributes=["phone_number"],
        SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/sns", "ExternalId": "x"},
    )
    idp.sign_up(
        ClientId=client_id,
        Username="noah",
        Password=PASSWORD,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550111"}],
    )
    assert server.outbox(pool_id) == []
    (event,) = fresh.events("sms")
    assert event["triggerSource"] == "CustomSMSSender_SignUp"
    assert event["request"]["type"] == "customSMSSenderRequestV1"


# -- sign-in triggers -----------------------------------------------------------------------------------


def test_user_migration_on_sign_in(idp, server, fresh):
    pool_id, client_id = make_pool(idp, {"UserMigration": ARN.format("migrate")})

    def migrate(event: dict[str, Any]) -> dict[str, Any]:
        assert event["request"]["password"] == PASSWORD
        event["response"] = {
            "userAttributes": {"email": "old@example.com", "email_verified": "true"},
            "finalUserStatus": "CONFIRMED",
            "messageAction": "SUPPRESS",
        }
        return event

    fresh.script("migrate", migrate)
    out = password_auth(idp, client_id, "olduser")
    assert out["AuthenticationResult"]["AccessToken"]
    (event,) = fresh.events("migrate")
    assert event["triggerSource"] == "UserMigration_Authentication"
    assert event["userName"] == "olduser"
    user = idp.admin_get_user(UserPoolId=pool_id, Username="olduser")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email", "Value": "old@example.com"} in user["UserAttributes"]
    # Now a local user: the trigger is not asked again.
    password_auth(idp, client_id, "olduser")
    assert len(fresh.events("migrate")) == 1
    # A failing migration creates nothing.
    fresh.script("migrate", Fail("unknown"))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "ghost")
    assert error(exc) == ("UserLambdaValidationException", "UserMigration failed with error unknown.")
    assert no_user(idp, pool_id, "ghost")


def test_user_migration_enable_sms_mfa(idp, server, fresh):
    """enableSMSMFA: the migrated user has SMS MFA on, so an MFA pool asks for the code."""
    pool_id, client_id = make_pool(idp, {"UserMigration": ARN.format("migrate-mfa")}, MfaConfiguration="OFF")
    fresh.script(
        "migrate-mfa",
        respond(
            userAttributes={"phone_number": "+15555550123", "phone_number_verified": "true"},
            finalUserStatus="CONFIRMED",
            messageAction="SUPPRESS",
            enableSMSMFA=True,
        ),
    )
    password_auth(idp, client_id, "mfauser")
    user = idp.admin_get_user(UserPoolId=pool_id, Username="mfauser")
    assert user["UserMFASettingList"] == ["SMS_MFA"]
    assert user["PreferredMfaSetting"] == "SMS_MFA"


def test_pre_token_generation_v2_access_token(idp, server, fresh):
    pool_id, client_id = make_pool(
        idp,
        {"PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": ARN.format("pretoken")}},
        UserPoolTier="ESSENTIALS",
    )
    fresh.script(
        "pretoken",
        respond(
            claimsAndScopeOverrideDetails={
                "idTokenGeneration": {"claimsToAddOrOverride": {"tier": "gold"}, "claimsToSuppress": ["email"]},
                "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme"}, "scopesToAdd": ["orders/read"]},
                "groupOverrideDetails": {"groupsToOverride": ["vip"]},
            }
        ),
    )
    new_user(idp, pool_id, "pat", attributes={"email": "pat@example.com"})
    result = password_auth(idp, client_id, "pat")["AuthenticationResult"]
    (event,) = fresh.events("pretoken")
    assert event["version"] == "2"
    assert event["triggerSource"] == "TokenGeneration_Authentication"
    assert "scopes" in event["request"]
    id_claims, access = claims(result["IdToken"]), claims(result["AccessToken"])
    assert id_claims["tier"] == "gold" and "email" not in id_claims
    assert access["tenant"] == "acme"
    assert "orders/read" in access["scope"].split()
    assert id_claims["cognito:groups"] == ["vip"] and access["cognito:groups"] == ["vip"]


def test_a_running_trigger_does_not_hold_up_other_requests(idp: Any, fresh: FakeLambda) -> None:
    """While a PreSignUp function is still running, other clients are served (writes included); the
    function runs once and the sign-up completes when it answers."""
    import threading

    release = threading.Event()
    entered = threading.Event()

    def slow(event: dict[str, Any]) -> dict[str, Any]:
        entered.set()
        assert release.wait(30), "the test never released the function"
        event["response"] = {"autoConfirmUser": True}
        return event

    fresh.script("slow-presignup", slow)
    pool_id, client_id = make_pool(idp, {"PreSignUp": ARN.format("slow-presignup")})
    outcome: dict[str, Any] = {}

    def signing_up() -> None:
        try:
            outcome["result"] = sign_up(idp, client_id, "waiting")
        except Exception as exc:  # reported by the assertion below
            outcome["error"] = exc

    worker = threading.Thread(target=signing_up)
    worker.start()
    try:
        assert entered.wait(30), "PreSignUp was never invoked"
        # The function has not answered: these must complete anyway.
        other = idp.create_user_pool(PoolName="meanwhile")["UserPool"]["Id"]
        idp.admin_create_user(UserPoolId=other, Username="meanwhile", MessageAction="SUPPRESS")
        assert idp.admin_get_user(UserPoolId=other, Username="meanwhile")["Username"] == "meanwhile"
        assert worker.is_alive()
    finally:
        release.set()
        worker.join(30)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"]["UserConfirmed"] is True
    assert len(fresh.events("slow-presignup")) == 1
    assert idp.admin_get_user(UserPoolId=pool_id, Username="waiting")["UserStatus"] == "CONFIRMED"


def test_admin_reset_user_password_takes_the_forgot_password_path(idp, server, fresh):
    """AdminResetUserPassword sends its code as ForgotPassword does: through CustomMessage with the
    CustomMessage_ForgotPassword source (Developer Guide, custom message trigger sources), and the code
    it sends is the one ConfirmForgotPassword takes; a later ForgotPassword replaces it."""
    pool_id, client_id = make_pool(idp, {"CustomMessage": ARN.format("msg")})
    fresh.script("msg", custom_message)
    sign_up(idp, client_id, "lena", email="lena@example.com")
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="lena")
    idp.admin_update_user_attributes(
        UserPoolId=pool_id, Username="lena", UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )
    idp.admin_reset_user_password(UserPoolId=pool_id, Username="lena")
    sent = server.outbox(pool_id)[-1]
    assert sent["subject"] == "[CustomMessage_ForgotPassword]"
    assert fresh.events("msg")[-1]["triggerSource"] == "CustomMessage_ForgotPassword"
    first_code = sent["code"]
    idp.forgot_password(ClientId=client_id, Username="lena")
    with pytest.raises(ClientError) as exc:
        idp.confirm_forgot_password(
            ClientId=client_id, Username="lena", ConfirmationCode=first_code, Password="N3w-Passw0rd!x"
        )
    assert error(exc)[0] == "CodeMismatchException"
    idp.admin_reset_user_password(UserPoolId=pool_id, Username="lena")
    idp.confirm_forgot_password(
        ClientId=client_id, Username="lena", ConfirmationCode=code_for(server, pool_id), Password="N3w-Passw0rd!x"
    )
    assert password_auth(idp, client_id, "lena", "N3w-Passw0rd!x")["AuthenticationResult"]
