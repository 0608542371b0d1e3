"""Dialogs catch the rules they know before any call; what they produce works against a real local Cognito."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.services.protocol import LOCAL_DEFAULT, AppClient, ConnectionKind, Group
from tests.conftest import make_client, unique


def test_user_dialog_rejects_bad_attribute_names_and_formats(qtbot: Any) -> None:
    from console.views.dialogs import AttributesDialog, UserDialog

    dialog = UserDialog()
    qtbot.addWidget(dialog)
    assert dialog.validate() == "User names have 1 to 128 characters and no spaces."
    dialog.ui.usernameEdit.setText("new user")
    assert dialog.validate() == "User names have 1 to 128 characters and no spaces."
    dialog.ui.usernameEdit.setText("newuser")
    assert dialog.validate() is None
    dialog.ui.emailEdit.setText("not-an-email")
    assert dialog.validate() == "Invalid email address format."
    dialog.ui.emailEdit.setText("new@example.com")
    dialog.ui.phoneEdit.setText("555-0100")
    assert "E.164" in (dialog.validate() or "")
    dialog.ui.phoneEdit.setText("+15555550100")
    dialog.ui.attributesEdit.setPlainText("custom:team = blue\nbad name = x")
    assert dialog.validate() == "Invalid attribute name: bad name"
    dialog.ui.attributesEdit.setPlainText("custom:team blue")
    assert dialog.validate() == "Expected name = value: 'custom:team blue'"
    dialog.ui.attributesEdit.setPlainText("custom:team = blue")
    dialog.ui.passwordCombo.setCurrentIndex(1)
    assert dialog.validate() == "Type a temporary password or let Cognito generate one."
    dialog.ui.passwordEdit.setText("Aa1!temporary")
    assert dialog.validate() is None
    username, attrs, password, suppress = dialog.values()
    assert (username, password, suppress) == ("newuser", "Aa1!temporary", True)
    assert attrs == {
        "email": "new@example.com",
        "email_verified": "true",
        "phone_number": "+15555550100",
        "custom:team": "blue",
    }

    edit = AttributesDialog("alice", {"sub": "x", "email": "a@example.com", "name": "Alice"})
    qtbot.addWidget(edit)
    assert not hasattr(edit.ui, "usernameEdit")  # its own form, not the user dialog's with parts hidden
    assert edit.ui.attributesEdit.toPlainText() == "email = a@example.com\nname = Alice"
    edit.ui.attributesEdit.setPlainText("email = a@example.com\nname = Alice L\ncustom:x y = 1")
    assert edit.validate() == "Invalid attribute name: custom:x y"
    edit.ui.attributesEdit.setPlainText("email = a@example.com\nname = Alice L")
    assert edit.validate() is None
    assert edit.changes() == ({"name": "Alice L"}, [])
    edit.ui.attributesEdit.setPlainText("email = nope")
    assert edit.validate() == "Invalid email address format."
    edit.ui.attributesEdit.setPlainText("email = a@example.com")
    assert edit.changes() == ({}, ["name"])


def test_pool_dialog_checks_policy_numbers_and_mfa(qtbot: Any) -> None:
    from console.views.dialogs import PoolDialog

    dialog = PoolDialog()
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("ok-pool")
    assert dialog.validate() is None
    dialog.ui.nameEdit.setText("slash/name")
    assert "User pool names" in (dialog.validate() or "")
    dialog.ui.nameEdit.setText("ok-pool")
    # The spin boxes hold the service model's ranges, and validate() checks them again.
    assert (dialog.ui.minLengthSpin.minimum(), dialog.ui.minLengthSpin.maximum()) == (6, 99)
    dialog.ui.tagsEdit.setPlainText("team")
    assert dialog.validate() == "Expected name = value: 'team'"
    dialog.ui.tagsEdit.setPlainText("\n".join(f"k{i}=v" for i in range(51)))
    assert dialog.validate() == "A user pool has at most 50 tags."
    dialog.ui.tagsEdit.setPlainText("team=identity")
    dialog.ui.mfaCombo.setCurrentIndex(2)  # required
    dialog.ui.totpCheck.setChecked(False)
    assert "at least one MFA method" in (dialog.validate() or "")
    dialog.ui.smsCheck.setChecked(True)
    assert "SMS MFA needs an SNS role" in (dialog.validate() or "")
    dialog.ui.smsCheck.setChecked(False)
    dialog.ui.totpCheck.setChecked(True)
    assert dialog.validate() is None
    request = dialog.request()
    assert request["MfaConfiguration"] == "OFF"  # CreateUserPool cannot turn on TOTP-only MFA...
    assert dialog.mfa() == ("ON", True)  # ...SetUserPoolMfaConfig does, right after
    assert request["UserPoolTags"] == {"team": "identity"}


def test_app_client_dialog_checks_urls_and_grants(qtbot: Any) -> None:
    from console.views.dialogs import AppClientDialog

    dialog = AppClientDialog()
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("web")
    assert dialog.validate() is None
    dialog.ui.oauthCheck.setChecked(True)
    assert dialog.validate() == "Authorization code and implicit grants need at least one callback URL."
    for bad in ("http://app.example.com/cb", "https://app.example.com/cb#frag", "ftp://x", "app.example.com"):
        dialog.ui.callbacksEdit.setPlainText(bad)
        assert dialog.validate() == (
            f"{bad} is not a valid URL: use https (http only for localhost) and no fragment."
        ), bad
    dialog.ui.callbacksEdit.setPlainText("https://app.example.com/cb\nhttp://localhost:3000/cb")
    assert dialog.validate() is None
    dialog.ui.logoutsEdit.setPlainText("javascript:alert(1)")
    assert "not a valid URL" in (dialog.validate() or "")
    dialog.ui.logoutsEdit.setPlainText("")
    dialog.ui.grantCode.setChecked(False)
    dialog.ui.grantClient.setChecked(True)
    assert dialog.validate() == "Client credentials need a client secret."
    dialog.ui.secretCheck.setChecked(True)
    assert dialog.validate() is None
    dialog.ui.grantImplicit.setChecked(True)
    assert dialog.validate() == "Client credentials cannot be combined with other grant types."
    for name in ("flowSrp", "flowPassword", "flowAdmin", "flowCustom", "flowUserAuth", "flowRefresh"):
        getattr(dialog.ui, name).setChecked(False)
    dialog.ui.grantImplicit.setChecked(False)
    assert dialog.validate() == "Choose at least one authentication flow."

    existing = AppClient("cid", "web", raw={"ClientName": "web", "CallbackURLs": ["https://a.example/cb"]})
    edit = AppClientDialog(None, existing)
    qtbot.addWidget(edit)
    assert not edit.ui.secretCheck.isEnabled()
    assert "GenerateSecret" not in edit.request()


def test_identity_provider_dialog_mapping_editor_and_urls(qtbot: Any) -> None:
    from console.views.dialogs import IdentityProviderDialog

    dialog = IdentityProviderDialog()
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("OIDC")
    dialog.ui.nameEdit.setText("Corp")
    dialog.ui.clientIdEdit.setText("cid")
    dialog.ui.issuerEdit.setText("http://accounts.example.com")
    assert dialog.validate() == "The issuer URL must be an https URL."
    dialog.ui.issuerEdit.setText("https://accounts.example.com")
    dialog.ui.scopesEdit.setText("email profile")
    assert dialog.validate() == "OIDC authorized scopes must include openid."
    dialog.ui.scopesEdit.setText("openid email")
    assert dialog.validate() is None
    # The attribute-mapping editor: rows added in the table, checked before the call.
    row = dialog.mapping.add_row()
    assert dialog.validate() == ("Every attribute mapping needs both a user pool attribute and a provider attribute.")
    dialog.mapping.setData(dialog.mapping.index(row, 0), "given name")
    dialog.mapping.setData(dialog.mapping.index(row, 1), "given_name")
    assert dialog.validate() == "Invalid user pool attribute name: given name"
    dialog.mapping.setData(dialog.mapping.index(row, 0), "given_name")
    assert dialog.validate() is None
    value = dialog.value("us-east-1_x")
    assert value.attribute_mapping == {"email": "email", "given_name": "given_name"}
    assert value.details["oidc_issuer"] == "https://accounts.example.com"

    dialog.ui.nameEdit.setText("_bad")
    assert "do not start with _" in (dialog.validate() or "")
    saml = IdentityProviderDialog()
    qtbot.addWidget(saml)
    saml.ui.typeCombo.setCurrentText("SAML")
    saml.ui.nameEdit.setText("Okta")
    assert saml.validate() == "SAML providers need a metadata document URL or file."
    saml.ui.metadataUrlEdit.setText("http://idp.example.com/metadata.xml")
    assert saml.validate() == "The metadata document URL must be an https URL."
    saml.ui.metadataUrlEdit.setText("https://idp.example.com/metadata.xml")
    assert saml.validate() is None


def test_saml_metadata_file_over_the_model_limit_is_refused(qtbot: Any, tmp_path: Path) -> None:
    """ProviderDetails values are StringType (max 131072): a longer file was cut silently; now refused."""
    from console.views.dialogs import IdentityProviderDialog

    dialog = IdentityProviderDialog()
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    dialog.ui.nameEdit.setText("corp")
    head = '<?xml version="1.0"?><md:EntityDescriptor entityID="urn:corp"/><!--'
    big = tmp_path / "big.xml"
    big.write_text(head + "x" * (131073 - len(head)), encoding="utf-8")
    dialog.metadata_file = str(big)
    problem = dialog.validate()
    assert problem is not None and "131,072" in problem and "big.xml" in problem
    exact = tmp_path / "exact.xml"
    text = head + "x" * (131072 - len(head) - 3) + "-->"
    exact.write_text(text, encoding="utf-8")
    dialog.metadata_file = str(exact)
    assert dialog.validate() is None
    assert dialog.details()["MetadataFile"] == text


def test_unreadable_saml_metadata_file_is_reported_in_the_dialog(qtbot: Any, tmp_path: Any) -> None:
    """A metadata file that cannot be read is said in the dialog, not raised after it closed (where the
    async slot's exception went to stderr and the window showed nothing)."""
    from console.views.dialogs import IdentityProviderDialog

    dialog = IdentityProviderDialog()
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    dialog.ui.nameEdit.setText("corp")
    latin1 = tmp_path / "metadata.xml"
    latin1.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?><md:EntityDescriptor entityID="Müller"/>'.encode("latin-1")
    )
    dialog.metadata_file = str(latin1)
    problem = dialog.validate()
    assert problem is not None and "metadata.xml" in problem
    dialog.metadata_file = str(tmp_path / "gone.xml")
    problem = dialog.validate()
    assert problem is not None and "gone.xml" in problem


def test_group_dialog_checks_role_arn(qtbot: Any) -> None:
    from console.views.dialogs import GroupDialog

    dialog = GroupDialog()
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("ops")
    dialog.ui.roleEdit.setText("arn:aws:iam::12345:role/x")
    assert "arn:aws:iam::123456789012:role/RoleName" in (dialog.validate() or "")
    dialog.ui.roleEdit.setText("arn:aws:iam::123456789012:role/Ops")
    dialog.ui.precedenceSpin.setValue(4)
    assert dialog.validate() is None
    group = dialog.value("us-east-1_x")
    assert (group.name, group.precedence, group.role_arn) == ("ops", 4, "arn:aws:iam::123456789012:role/Ops")


def test_group_role_arn_cannot_be_cleared_and_the_dialog_says_so(
    qtbot: Any, aloop: Any, ctx: Any, cognito: Any
) -> None:
    """UpdateGroup's RoleArn is ArnType (min 20): "" is rejected, and leaving it out keeps the role; the API
    has no way to remove a group's role. The dialog refuses an emptied field and explains why."""
    from console.views.dialogs import GroupDialog

    idp = make_client(cognito.base_url)
    role = "arn:aws:iam::123456789012:role/Followup"
    name = unique("g")
    idp.create_group(UserPoolId=ctx.pool_id, GroupName=name, RoleArn=role)
    try:
        raw = make_client(cognito.base_url, parameter_validation=False)  # botocore itself refuses "" (min 20)
        with pytest.raises(ClientError) as err:
            raw.update_group(UserPoolId=ctx.pool_id, GroupName=name, RoleArn="")
        assert err.value.response["Error"]["Code"] == "InvalidParameterException"
        idp.update_group(UserPoolId=ctx.pool_id, GroupName=name, Description="no role given")
        assert idp.get_group(UserPoolId=ctx.pool_id, GroupName=name)["Group"]["RoleArn"] == role

        dialog = GroupDialog(group=Group(name=name, pool_id=ctx.pool_id, role_arn=role))
        qtbot.addWidget(dialog)
        assert "cannot" in dialog.ui.roleEdit.toolTip()
        dialog.ui.roleEdit.setText("")
        problem = dialog.validate()
        assert problem is not None and "cannot remove" in problem
        dialog.ui.roleEdit.setText("arn:aws:iam::123456789012:role/Other")
        assert dialog.validate() is None
        fresh = GroupDialog(group=Group(name=name, pool_id=ctx.pool_id))  # no role yet: empty stays allowed
        qtbot.addWidget(fresh)
        assert fresh.validate() is None
    finally:
        idp.delete_group(UserPoolId=ctx.pool_id, GroupName=name)


def test_connection_dialog_checks_keys_and_region(qtbot: Any) -> None:
    from console.services.connections import cognito_regions
    from console.views.dialogs import ConnectionDialog

    dialog = ConnectionDialog([LOCAL_DEFAULT], LOCAL_DEFAULT, False, cognito_regions(), ["default"])
    qtbot.addWidget(dialog)
    assert "session only" in dialog.ui.secretHint.text()
    dialog.ui.savedCombo.setCurrentIndex(0)  # new connection
    assert dialog.ui.regionCombo.currentText() == "us-east-1"
    dialog.ui.nameEdit.setText("work")
    dialog.ui.kindCombo.setCurrentIndex(2)  # access keys
    dialog.ui.regionCombo.setCurrentText("eu-west-1")
    dialog.ui.accessKeyEdit.setText("not-a-key")
    assert "AKIA or ASIA" in (dialog.validate() or "")
    dialog.ui.accessKeyEdit.setText("AKIAEXAMPLEEXAMPLE")
    assert dialog.validate() == "Type the secret access key."
    dialog.ui.secretKeyEdit.setText("secret")
    dialog.ui.regionCombo.setCurrentText("moon-1")
    assert dialog.validate() == "Choose an AWS region such as us-east-1."
    for region in (*cognito_regions(), "cn-north-1"):  # botocore's, and one it does not list for Cognito
        dialog.ui.regionCombo.setCurrentText(region)
        assert dialog.validate() is None, region
    dialog.ui.regionCombo.setCurrentText("eu-west-1")
    assert dialog.validate() is None
    conn, secret = dialog.value()
    assert conn.kind is ConnectionKind.KEYS and conn.access_key_id == "AKIAEXAMPLEEXAMPLE" and secret == "secret"
    assert "secret" not in conn.to_dict().values()
