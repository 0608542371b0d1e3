"""Lambda triggers and message templates of a user pool against a real local Cognito: ARNs and placeholders
checked before the call, saved with UpdateUserPool over the whole document (other settings kept), AWS's
refusal shown in the dialog."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import unique
from tests.gui.conftest import modal

FN = "arn:aws:lambda:us-east-1:123456789012:function:"
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _pool(ctx: Any, aloop: Any, **extra: Any) -> str:
    client = aloop.run_until_complete(ctx.service.client())
    return str(client.create_user_pool(PoolName=unique("settings-"), **extra)["UserPool"]["Id"])


def test_trigger_rules(qtbot: Any) -> None:
    from console.views.triggers import TriggersDialog

    dialog = TriggersDialog("p", {"PreSignUp": FN + "signup"})
    qtbot.addWidget(dialog)
    assert dialog.ui.preSignUpEdit.text() == FN + "signup"
    dialog.ui.postConfirmationEdit.setText("not-an-arn")
    assert "Post confirmation" in (dialog.validate() or "")
    dialog.ui.postConfirmationEdit.clear()
    dialog.ui.customSMSSenderEdit.setText(FN + "sms")
    assert "KMS key" in (dialog.validate() or "")
    dialog.ui.kmsKeyEdit.setText(KMS)
    assert dialog.validate() is None
    dialog.ui.preTokenGenerationEdit.setText(FN + "pretoken")
    dialog.ui.preTokenVersionCombo.setCurrentIndex(1)
    config = dialog.lambda_config()
    assert config == {
        "PreSignUp": FN + "signup",
        "PreTokenGeneration": FN + "pretoken",
        "PreTokenGenerationConfig": {"LambdaArn": FN + "pretoken", "LambdaVersion": "V2_0"},
        "CustomSMSSender": {"LambdaArn": FN + "sms", "LambdaVersion": "V1_0"},
        "KMSKeyID": KMS,
    }
    dialog.grab().save("/tmp/j/triggers_dialog.png")


def test_triggers_saved_and_other_settings_kept(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.pools import PoolsView
    from console.views.triggers import TriggersDialog

    pool_id = _pool(ctx, aloop, Policies={"PasswordPolicy": {"MinimumLength": 11}})
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    dialog = TriggersDialog("p", {})
    qtbot.addWidget(dialog)
    dialog.ui.preAuthenticationEdit.setText(FN + "preauth")
    dialog.ui.customEmailSenderEdit.setText(FN + "email")
    dialog.ui.kmsKeyEdit.setText(KMS)
    assert dialog.validate() is None
    pool = aloop.run_until_complete(view.save_settings(pool_id, {"LambdaConfig": dialog.lambda_config()}))
    config = pool.raw["LambdaConfig"]
    assert config["PreAuthentication"] == FN + "preauth"
    assert config["CustomEmailSender"] == {"LambdaArn": FN + "email", "LambdaVersion": "V1_0"}
    assert config["KMSKeyID"] == KMS
    assert pool.password_policy["MinimumLength"] == 11
    # Emptying a field removes the trigger (the whole configuration is replaced).
    again = TriggersDialog("p", config)
    qtbot.addWidget(again)
    again.ui.preAuthenticationEdit.clear()
    pool = aloop.run_until_complete(view.save_settings(pool_id, {"LambdaConfig": again.lambda_config()}))
    assert "PreAuthentication" not in pool.raw["LambdaConfig"]
    assert pool.raw["LambdaConfig"]["KMSKeyID"] == KMS


def test_message_rules(qtbot: Any) -> None:
    from console.views.messages import MessagesDialog

    dialog = MessagesDialog("p", {})
    qtbot.addWidget(dialog)
    dialog.ui.emailMessageEdit.setPlainText("Your code is here")
    assert "{####}" in (dialog.validate() or "")
    dialog.ui.emailMessageEdit.setPlainText("Your code is {####}")
    dialog.ui.smsMessageEdit.setText("x" * 141)
    assert "6 to 140" in (dialog.validate() or "")
    dialog.ui.smsMessageEdit.setText("Code {####}")
    dialog.ui.inviteEmailEdit.setPlainText("Your password is {####}")
    assert "{username}" in (dialog.validate() or "")
    dialog.ui.inviteEmailEdit.setPlainText("Hello {username}, your password is {####}")
    dialog.ui.mfaSmsEdit.setText("Sign-in code")
    assert "MFA SMS message must contain {####}" in (dialog.validate() or "")
    dialog.ui.mfaSmsEdit.setText("Sign-in code {####}")
    dialog.ui.verificationTypeCombo.setCurrentIndex(1)
    dialog.ui.emailMessageEdit.setPlainText("Verify here")
    assert "link" in (dialog.validate() or "")
    dialog.ui.emailMessageEdit.setPlainText("Verify: {##Verify Email##}")
    assert dialog.validate() is None
    dialog.grab().save("/tmp/j/messages_dialog.png")


def test_messages_saved(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.messages import MessagesDialog
    from console.views.pools import PoolsView

    pool_id = _pool(ctx, aloop, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    pool = aloop.run_until_complete(ctx.service.describe_pool(pool_id))
    dialog = MessagesDialog(pool.name, pool.raw)
    qtbot.addWidget(dialog)
    dialog.ui.emailSubjectEdit.setText("Your code")
    dialog.ui.emailMessageEdit.setPlainText("Your verification code is {####}.")
    dialog.ui.inviteSubjectEdit.setText("Welcome")
    dialog.ui.inviteEmailEdit.setPlainText("Hello {username}, your temporary password is {####}")
    dialog.ui.mfaSmsEdit.setText("Your sign-in code is {####}")
    assert dialog.validate() is None
    saved = aloop.run_until_complete(view.save_settings(pool_id, dialog.changes()))
    raw = saved.raw
    assert raw["VerificationMessageTemplate"]["EmailMessage"] == "Your verification code is {####}."
    assert raw["VerificationMessageTemplate"]["DefaultEmailOption"] == "CONFIRM_WITH_CODE"
    invite = raw["AdminCreateUserConfig"]["InviteMessageTemplate"]
    assert invite["EmailSubject"] == "Welcome" and "{username}" in invite["EmailMessage"]
    assert raw["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert raw["SmsAuthenticationMessage"] == "Your sign-in code is {####}"


def test_refused_triggers_show_aws_message(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A V2_0 pre token generation trigger on a Lite pool: AWS refuses it (a feature of Essentials and Plus)."""
    from console.views.pools import PoolsView
    from console.views.triggers import TriggersDialog

    pool_id = _pool(ctx, aloop, UserPoolTier="LITE")
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    view.select(pool_id)

    async def drive() -> str:
        task = asyncio.ensure_future(view.configure_triggers(view.current()))
        dialog = await modal(TriggersDialog)
        dialog.ui.preTokenGenerationEdit.setText(FN + "pretoken")
        dialog.ui.preTokenVersionCombo.setCurrentIndex(1)
        dialog.ui.buttons.accepted.emit()
        for _ in range(500):
            await asyncio.sleep(0.01)
            if dialog.ui.errorLabel.text():
                break
        text = dialog.ui.errorLabel.text()
        dialog.reject()
        await task
        return text

    text = aloop.run_until_complete(drive())
    assert "(InvalidParameterException)" in text or "(FeatureUnavailableInTierException)" in text, text
