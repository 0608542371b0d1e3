"""Dialogs catch the rules they know before any call; what they produce works against a real local Cognito."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from console.services.protocol import AppClient, IdentityProvider
from tests.conftest import unique


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


def test_connection_dialog_checks_keys_and_region(qtbot: Any) -> None:
    from console.services.connections import cognito_regions
    from console.services.protocol import LOCAL_DEFAULT, ConnectionKind
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
    conn, secret = dialog.value()
    assert conn.kind is ConnectionKind.KEYS and conn.access_key_id == "AKIAEXAMPLEEXAMPLE" and secret == "secret"
    assert "secret" not in conn.to_dict().values()


def test_create_pool_with_totp_only_mfa(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import PoolDialog
    from console.views.pools import PoolsView

    view = PoolsView(ctx)
    qtbot.addWidget(view)
    dialog = PoolDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText(unique("totp-pool-"))
    dialog.ui.mfaCombo.setCurrentIndex(2)
    dialog.ui.totpCheck.setChecked(True)
    dialog.ui.smsCheck.setChecked(False)
    assert dialog.validate() is None
    pool = aloop.run_until_complete(view.create_pool(dialog.request(), dialog.mfa()))
    assert pool is not None and (pool.mfa, pool.mfa_methods) == ("ON", ("TOTP",))
    assert not ctx.errors
    described = aloop.run_until_complete(ctx.service.describe_pool(pool.id))
    assert described.mfa == "ON" and described.mfa_methods == ("TOTP",)
    view.select(pool.id)
    assert "Authenticator apps (TOTP)" in view.ui.details.toPlainText()
    # Editing back to optional goes through SetUserPoolMfaConfig as well.
    edit = PoolDialog(view, described)
    qtbot.addWidget(edit)
    assert edit.ui.totpCheck.isChecked() and edit.mfa() is None
    edit.ui.mfaCombo.setCurrentIndex(1)
    assert edit.mfa() == ("OPTIONAL", True)
    aloop.run_until_complete(view.update_pool(pool.id, edit.changes(), edit.mfa()))
    assert view.model.item(view.model.row_of(pool.id)).mfa == "OPTIONAL"
    aloop.run_until_complete(view.delete(pool.id))


def test_bulk_action_reports_partial_failure(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    notices: list[str] = []
    ctx.notice.connect(notices.append)
    names = [unique("bulk") for _ in range(3)]
    for n in names:
        aloop.run_until_complete(view.create_user(n, {"email": f"{n}@example.com"}, None, True))
    ghost = unique("ghost")
    done, failed = aloop.run_until_complete(view.apply("disable", [names[0], ghost, names[1]]))
    assert done == [names[0], names[1]] and failed == [ghost]
    assert notices[-1] == f"2 done, 1 failed: {ghost}"  # said, not half-applied silently
    assert ctx.errors[-1].code == "UserNotFoundException"
    assert [u.enabled for u in view.model.items() if u.username in names] == [False, False, True]
    aloop.run_until_complete(view.apply("enable", names[:2]))
    assert all(u.enabled for u in view.model.items() if u.username in names)
    aloop.run_until_complete(view.apply("add_group", names, group="editors"))
    members = {m.username for m in aloop.run_until_complete(ctx.service.group_members(ctx.pool_id, "editors"))}
    assert set(names) <= members
    aloop.run_until_complete(view.apply("remove_group", names, group="editors"))
    aloop.run_until_complete(view.apply("sign_out", names))
    done, failed = aloop.run_until_complete(view.apply("delete", names))
    assert done == names and not failed
    assert all(view.model.row_of(n) < 0 for n in names)


def test_identity_provider_from_dialog_round_trips(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.dialogs import IdentityProviderDialog
    from console.views.identity_providers import IdentityProvidersView

    view = IdentityProvidersView(ctx)
    qtbot.addWidget(view)
    dialog = IdentityProviderDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    name = unique("saml")[:20]
    dialog.ui.nameEdit.setText(name)
    metadata = tmp_path / "metadata.xml"
    metadata.write_text(SAML_METADATA, encoding="utf-8")
    dialog.metadata_file = str(metadata)  # what "Choose file..." sets
    row = dialog.mapping.add_row()
    dialog.mapping.setData(dialog.mapping.index(row, 0), "email")
    dialog.mapping.setData(dialog.mapping.index(row, 1), "http://schemas.xmlsoap.org/claims/EmailAddress")
    assert dialog.validate() is None
    idp: IdentityProvider = dialog.value(ctx.pool_id)
    assert idp.details == {"MetadataFile": SAML_METADATA}
    aloop.run_until_complete(view.save(idp, create=True))
    assert not ctx.errors
    saved = aloop.run_until_complete(ctx.service.describe_identity_provider(ctx.pool_id, name))
    assert saved.type == "SAML"
    assert saved.attribute_mapping["email"] == "http://schemas.xmlsoap.org/claims/EmailAddress"
    aloop.run_until_complete(view.delete(saved))
    assert view.model.row_of(name) < 0


SAML_METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""
