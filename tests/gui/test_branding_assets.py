"""Managed login's images in the hosted UI branding view against a real local Cognito: files Amazon Cognito would
refuse are refused before any call with a readable reason; the draft's images show in the preview without being
saved; Apply saves them (CreateManagedLoginBranding, then UpdateManagedLoginBranding), and a removed image is gone
from the saved style while the others and the settings stay."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6

from tests.conftest import make_client, unique
from tests.gui.test_accessibility import unnamed

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
ICO = b"\x00\x00\x01\x00\x01\x00\x01\x01\x00\x00\x01\x00\x20\x00" + b"\x00" * 40
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#0a7"/></svg>'
SETTINGS = {"components": {"form": {"logo": {"enabled": True}}}}


@pytest.fixture
def managed_pool(cognito: Any) -> dict[str, Any]:
    idp = make_client(cognito.base_url)
    pool_id = idp.create_user_pool(PoolName=unique("assets"), UserPoolTier="ESSENTIALS")["UserPool"]["Id"]
    domain = unique("assets")
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain, ManagedLoginVersion=2)
    client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
    return {"idp": idp, "pool_id": pool_id, "client": client}


@pytest.fixture
def view(qtbot: Any, ctx: Any, aloop: Any, managed_pool: dict[str, Any]) -> Iterator[Any]:
    from console.views.branding import BrandingView

    ctx.pool_id = managed_pool["pool_id"]
    widget = BrandingView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    aloop.run_until_complete(widget.load())
    widget.ui.useCognitoCheck.setChecked(False)
    widget.ui.settingsEdit.setPlainText(json.dumps(SETTINGS))
    yield widget
    if shiboken6.isValid(widget):  # pytest-qt may have closed and deleted it already
        widget.timer.stop()  # no preview left to start once the test's event loop is gone


def saved_style(pool: dict[str, Any]) -> dict[str, Any]:
    found = pool["idp"].describe_managed_login_branding_by_client(UserPoolId=pool["pool_id"], ClientId=pool["client"])
    return dict(found["ManagedLoginBranding"])


def test_files_cognito_would_refuse_are_refused_before_any_call(view: Any) -> None:
    assert "ICO" in (view.set_asset("FAVICON_ICO", "LIGHT", PNG, "icon.png") or "")
    assert "SVG" in (view.set_asset("FAVICON_SVG", "LIGHT", ICO, "icon.ico") or "")
    assert "not an image" in (view.set_asset("PAGE_BACKGROUND", "LIGHT", b"GIF89a" + b"\0" * 20, "bg.gif") or "")
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * 1_000_000
    assert "at most 1 MB" in (view.set_asset("PAGE_BACKGROUND", "LIGHT", big, "big.png") or "")
    scripted = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "scripts" in (view.set_asset("FORM_LOGO", "DYNAMIC", scripted, "logo.svg") or "")
    assert "logo.svg" in view.ui.assetsLabel.text() and "scripts" in view.ui.assetsLabel.text()
    assert view.assets == [] and view.ui.assetsTable.rowCount() == 0
    assert view.ui.applyButton.isEnabled()

    # Each file fits, but the request would not: 3 images of 0.9 MB are 3.6 MB in Base64.
    nearly = b"\x89PNG\r\n\x1a\n" + b"\0" * 900_000
    for category in ("PAGE_BACKGROUND", "FORM_BACKGROUND", "PAGE_HEADER_BACKGROUND"):
        assert view.set_asset(category, "LIGHT", nearly, "wide.png") is None
    assert "2 MB" in view.ui.settingsCheckLabel.text()
    assert not view.ui.applyButton.isEnabled()
    view.remove_asset("PAGE_HEADER_BACKGROUND", "LIGHT")
    view.remove_asset("FORM_BACKGROUND", "LIGHT")
    assert view.ui.applyButton.isEnabled() and view.ui.assetsTable.rowCount() == 1


def test_images_are_previewed_applied_and_removed(view: Any, aloop: Any, managed_pool: dict[str, Any]) -> None:
    from botocore.exceptions import ClientError

    assert view.set_asset("PAGE_BACKGROUND", "LIGHT", PNG, "background.png") is None
    assert view.set_asset("FORM_LOGO", "DYNAMIC", SVG, "logo.svg") is None
    assert view.set_asset("FAVICON_ICO", "LIGHT", ICO, "favicon.ico") is None
    view.ui.assetCategoryCombo.setCurrentIndex(view.ui.assetCategoryCombo.findData("PAGE_BACKGROUND"))
    assert view.set_asset("PAGE_BACKGROUND", "LIGHT", PNG, "again.png") is None  # the same slot: replaced
    table = view.ui.assetsTable
    assert table.rowCount() == 3
    rows = {(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(3)}
    assert ("Form logo", "Browser-adaptive", "SVG") in rows and ("Page background", "Light mode", "PNG") in rows

    aloop.run_until_complete(view.render_preview())
    assert base64.b64encode(PNG).decode() in view.rendered  # the page background
    assert base64.b64encode(SVG).decode() in view.rendered  # the form logo
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        saved_style(managed_pool)  # previewing saved nothing

    aloop.run_until_complete(view.apply())
    saved = saved_style(managed_pool)
    assert {(a["Category"], a["ColorMode"], a["Extension"]) for a in saved["Assets"]} == {
        ("PAGE_BACKGROUND", "LIGHT", "PNG"),
        ("FORM_LOGO", "DYNAMIC", "SVG"),
        ("FAVICON_ICO", "LIGHT", "ICO"),
    }
    assert view.ui.assetsTable.rowCount() == 3  # shown as saved

    table.selectRow(next(r for r in range(3) if table.item(r, 0).text() == "Page background"))
    assert view.ui.removeAssetButton.isEnabled()
    view.ui.removeAssetButton.click()
    assert "removed" in view.ui.assetsLabel.text()
    aloop.run_until_complete(view.render_preview())
    assert base64.b64encode(PNG).decode() not in view.rendered
    aloop.run_until_complete(view.apply())
    saved = saved_style(managed_pool)
    assert {a["Category"] for a in saved["Assets"]} == {"FORM_LOGO", "FAVICON_ICO"}
    assert saved["Settings"]["components"]["form"]["logo"]["enabled"] is True


def test_cognitos_look_takes_no_images(view: Any, aloop: Any, managed_pool: dict[str, Any]) -> None:
    assert view.set_asset("PAGE_BACKGROUND", "DARK", PNG, "night.png") is None
    view.ui.useCognitoCheck.setChecked(True)
    assert not view.ui.assetsGroup.isEnabled()
    branding, problem = view.draft()
    assert problem is None and branding is not None and branding.assets == ()
    aloop.run_until_complete(view.apply())
    assert saved_style(managed_pool)["UseCognitoProvidedValues"] is True


def test_every_control_of_the_branding_view_has_a_name(view: Any, aloop: Any) -> None:
    assert view.set_asset("FORM_LOGO", "LIGHT", PNG, "logo.png") is None
    aloop.run_until_complete(view.render_preview())  # the web view exists from the first preview
    assert view.web is not None
    assert unnamed(view) == []


def test_copying_a_style_leaves_the_other_client_with_its_images_only(
    view: Any, aloop: Any, managed_pool: dict[str, Any]
) -> None:
    idp, pool_id = managed_pool["idp"], managed_pool["pool_id"]
    mobile = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="mobile")["UserPoolClient"]["ClientId"]
    idp.create_managed_login_branding(
        UserPoolId=pool_id,
        ClientId=mobile,
        Settings={},
        Assets=[{"Category": "PAGE_FOOTER_LOGO", "ColorMode": "DARK", "Extension": "PNG", "Bytes": PNG}],
    )
    assert view.set_asset("FORM_LOGO", "LIGHT", SVG, "logo.svg") is None
    aloop.run_until_complete(view.copy_to(mobile))
    copied = idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=mobile)["ManagedLoginBranding"]
    assert [(a["Category"], a["ColorMode"]) for a in copied["Assets"]] == [("FORM_LOGO", "LIGHT")]
    assert copied["Settings"]["components"]["form"]["logo"]["enabled"] is True


def test_an_image_is_chosen_from_a_file(view: Any, tmp_path: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (chosen[-1], ""))
    view.ui.assetCategoryCombo.setCurrentIndex(view.ui.assetCategoryCombo.findData("PAGE_HEADER_LOGO"))
    view.ui.colorModeCombo.setCurrentIndex(view.ui.colorModeCombo.findData("DARK"))

    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 1_200_000)
    chosen.append(str(huge))
    view.ui.chooseAssetButton.click()
    assert "huge.png" in view.ui.assetsLabel.text() and "at most 1 MB" in view.ui.assetsLabel.text()
    assert view.assets == []

    logo = tmp_path / "header.png"
    logo.write_bytes(PNG)
    chosen.append(str(logo))
    view.ui.chooseAssetButton.click()
    assert [(a["Category"], a["ColorMode"], a["Extension"]) for a in view.assets] == [
        ("PAGE_HEADER_LOGO", "DARK", "PNG")
    ]
    assert "header.png" in view.ui.assetsLabel.text()


def test_a_setting_left_out_of_the_draft_is_gone_from_preview_and_style(
    view: Any, aloop: Any, managed_pool: dict[str, Any]
) -> None:
    red = {"lightMode": {"defaults": {"backgroundColor": "ff0000ff", "textColor": "ffffffff"}}}
    view.ui.settingsEdit.setPlainText(
        json.dumps({**SETTINGS, "components": {**SETTINGS["components"], "primaryButton": red}})
    )
    aloop.run_until_complete(view.render_preview())
    assert "#ff0000" in view.rendered.lower()
    aloop.run_until_complete(view.apply())
    assert "primaryButton" in saved_style(managed_pool)["Settings"]["components"]

    view.ui.settingsEdit.setPlainText(json.dumps(SETTINGS))  # the button's colours left out
    aloop.run_until_complete(view.render_preview())
    assert "#ff0000" not in view.rendered.lower()
    aloop.run_until_complete(view.apply())
    assert saved_style(managed_pool)["Settings"] == SETTINGS


def test_icons_of_one_category_are_told_apart_by_resource_id(
    view: Any, aloop: Any, managed_pool: dict[str, Any]
) -> None:
    assert "resource ID" in (view.set_asset("IDP_BUTTON_ICON", "LIGHT", PNG, "icon.png", "Google/Okta") or "")
    assert view.set_asset("IDP_BUTTON_ICON", "LIGHT", PNG, "google.png", "Google") is None
    assert view.set_asset("IDP_BUTTON_ICON", "LIGHT", SVG, "okta.svg", "Okta") is None
    table = view.ui.assetsTable
    assert {table.item(r, 0).text() for r in range(table.rowCount())} == {
        "Identity provider button icon (Google)",
        "Identity provider button icon (Okta)",
    }
    aloop.run_until_complete(view.apply())
    saved = saved_style(managed_pool)["Assets"]
    assert {(a["ResourceId"], a["Extension"]) for a in saved} == {("Google", "PNG"), ("Okta", "SVG")}
    view.remove_asset("IDP_BUTTON_ICON", "LIGHT", "Okta")
    aloop.run_until_complete(view.apply())
    assert [a["ResourceId"] for a in saved_style(managed_pool)["Assets"]] == ["Google"]
