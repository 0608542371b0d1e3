"""A user's MFA settings, authenticator app reset, remembered devices and invitation from the users view,
against a real local Cognito."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

from tests.conftest import unique

PASSWORD = "Passw0rd!long"


def _totp(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1000000:06d}"


def _pool_with_user(ctx: Any, aloop: Any, **pool_extra: Any) -> tuple[Any, str, str, dict[str, Any]]:
    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("user-mfa-"), **pool_extra)["UserPool"]["Id"]
    client.set_user_pool_mfa_config(
        UserPoolId=pool_id, MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration={"Enabled": True}
    )
    app = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    name = unique("u-")
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=name,
        UserAttributes=[
            {"Name": "phone_number", "Value": "+15555550123"},
            {"Name": "email", "Value": f"{name}@example.com"},
        ],
        MessageAction="SUPPRESS",
    )
    client.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    auth = client.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=app["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    ctx.pool_id = pool_id
    return client, pool_id, name, auth


def test_mfa_dialog_rules(qtbot: Any) -> None:
    from console.services.protocol import User
    from console.views.user_mfa import UserMfaDialog

    dialog = UserMfaDialog(User("alice", mfa=("SMS_MFA",), preferred_mfa="SMS_MFA"))
    qtbot.addWidget(dialog)
    assert dialog.ui.smsCheck.isChecked() and dialog.ui.preferredCombo.currentIndex() == 1
    dialog.ui.preferredCombo.setCurrentIndex(3)
    assert dialog.validate() == "The preferred method must be one that is turned on."
    dialog.ui.preferredCombo.setCurrentIndex(1)
    assert dialog.settings()["SMS"] == {"Enabled": True, "PreferredMfa": True}
    assert dialog.settings()["TOTP"] == {"Enabled": False, "PreferredMfa": False}
    dialog.grab().save("/tmp/j/user_mfa_dialog.png")


def test_mfa_preference_totp_reset_and_devices(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView, devices_html

    client, pool_id, name, auth = _pool_with_user(
        ctx,
        aloop,
        MfaConfiguration="OFF",
        DeviceConfiguration={"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False},
    )
    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.set_mfa(pool_id, name, {"SMS": {"Enabled": True, "PreferredMfa": True}}))
    user = client.admin_get_user(UserPoolId=pool_id, Username=name)
    assert user["UserMFASettingList"] == ["SMS_MFA"] and user["PreferredMfaSetting"] == "SMS_MFA"

    secret = client.associate_software_token(AccessToken=auth["AccessToken"])["SecretCode"]
    client.verify_software_token(AccessToken=auth["AccessToken"], UserCode=_totp(secret))
    aloop.run_until_complete(view.set_mfa(pool_id, name, {"TOTP": {"Enabled": True, "PreferredMfa": True}}))
    assert "SOFTWARE_TOKEN_MFA" in client.admin_get_user(UserPoolId=pool_id, Username=name)["UserMFASettingList"]
    done, failed = aloop.run_until_complete(view.apply("reset_totp", [name]))
    assert (done, failed) == ([name], [])
    after = client.admin_get_user(UserPoolId=pool_id, Username=name)
    assert "SOFTWARE_TOKEN_MFA" not in after.get("UserMFASettingList", [])
    # A second reset: the user has no authenticator app any more, and AWS's refusal reaches the window.
    assert aloop.run_until_complete(view.apply("reset_totp", [name])) == ([], [name])
    assert ctx.errors[-1].code == "ResourceNotFoundException"

    device = auth.get("NewDeviceMetadata")
    assert device, "the pool remembers devices"
    client.confirm_device(
        AccessToken=auth["AccessToken"],
        DeviceKey=device["DeviceKey"],
        DeviceSecretVerifierConfig={"PasswordVerifier": base64.b64encode(b"v" * 32).decode(), "Salt": "c2FsdA=="},
        DeviceName="test laptop",
    )
    devices = aloop.run_until_complete(ctx.service.user_devices(pool_id, name))
    assert f"forget:{device['DeviceKey']}" in devices_html(devices)
    aloop.run_until_complete(view.forget_device(name, device["DeviceKey"]))
    assert client.admin_list_devices(UserPoolId=pool_id, Username=name)["Devices"] == []


def test_resend_invitation(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("resend-"))["UserPool"]["Id"]
    ctx.pool_id = pool_id
    name = unique("invitee-")
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=name,
        UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
        DesiredDeliveryMediums=["EMAIL"],
    )
    before = len(aloop.run_until_complete(ctx.service.outbox(pool_id)))
    view = UsersView(ctx)
    qtbot.addWidget(view)
    assert aloop.run_until_complete(view.apply("resend", [name])) == ([name], [])
    messages = aloop.run_until_complete(ctx.service.outbox(pool_id))
    assert len(messages) == before + 1 and messages[-1]["destination"] == f"{name}@example.com"


def test_resend_invitation_by_sms_to_a_phone_only_user(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("resend-sms-"))["UserPool"]["Id"]
    ctx.pool_id = pool_id
    name = unique("phone-")
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=name,
        UserAttributes=[{"Name": "phone_number", "Value": "+15555550142"}],
        MessageAction="SUPPRESS",
    )
    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert aloop.run_until_complete(view.apply("resend", [name])) == ([name], [])
    messages = aloop.run_until_complete(ctx.service.outbox(pool_id))
    assert [(m["channel"], m["destination"]) for m in messages] == [("SMS", "+15555550142")]
