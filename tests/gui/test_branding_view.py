"""The hosted UI branding view against a real local Cognito: a draft checked as AWS would check it, previewed
through the local Cognito's pages without being saved, then applied, reverted and copied to another client."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6

from tests.conftest import make_client, unique

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def branded_pool(cognito: Any) -> dict[str, Any]:
    idp = make_client(cognito.base_url)
    pool_id = idp.create_user_pool(PoolName=unique("brand"), UserPoolTier="ESSENTIALS")["UserPool"]["Id"]
    prefix = unique("brand")
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=prefix, ManagedLoginVersion=1)
    clients = [
        idp.create_user_pool_client(UserPoolId=pool_id, ClientName=name)["UserPoolClient"]["ClientId"]
        for name in ("web", "mobile")
    ]
    return {"idp": idp, "pool_id": pool_id, "domain": prefix, "clients": clients}


@pytest.fixture
def view(qtbot: Any, ctx: Any, branded_pool: dict[str, Any]) -> Iterator[Any]:
    from console.views.branding import BrandingView

    ctx.pool_id = branded_pool["pool_id"]
    widget = BrandingView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    yield widget
    if shiboken6.isValid(widget):  # pytest-qt may have closed and deleted it already
        widget.timer.stop()  # no preview left to start once the test's event loop is gone


def choose_client(view: Any, client_id: str, aloop: Any) -> None:
    combo = view.ui.clientCombo
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(client_id))
    combo.blockSignals(False)
    aloop.run_until_complete(view.load_client())


def test_a_classic_draft_is_checked_previewed_and_applied(view: Any, aloop: Any, branded_pool: dict[str, Any]) -> None:
    idp, pool_id, (web, mobile) = branded_pool["idp"], branded_pool["pool_id"], branded_pool["clients"]
    aloop.run_until_complete(view.load())
    assert "classic hosted UI" in view.ui.styleLabel.text()
    choose_client(view, web, aloop)

    view.ui.cssEdit.setPlainText("@import url(evil.css);")
    assert "not allowed" in view.ui.cssCheckLabel.text() and not view.ui.applyButton.isEnabled()
    view.ui.cssEdit.setPlainText(".h1 { color: red; }")
    assert "not a customizable class" in view.ui.cssCheckLabel.text()
    assert view.set_logo(b"GIF89a" + b"\0" * 10, "logo.gif") == "the logo must be a PNG or JPEG image."
    assert "100 KB" in (view.set_logo(b"\x89PNG\r\n\x1a\n" + b"\0" * 200_000, "big.png") or "")

    view.ui.cssEdit.setPlainText(".banner-customizable { background-color: #336699; }")
    assert view.set_logo(PNG, "logo.png") is None
    assert view.ui.applyButton.isEnabled()
    aloop.run_until_complete(view.render_preview())
    assert "#336699" in view.rendered and "data:image/png;base64," in view.rendered
    # Previewing saved nothing to the pool.
    assert "CSS" not in idp.get_ui_customization(UserPoolId=pool_id, ClientId=web)["UICustomization"]

    aloop.run_until_complete(view.apply())
    assert "#336699" in idp.get_ui_customization(UserPoolId=pool_id, ClientId=web)["UICustomization"]["CSS"]
    view.ui.cssEdit.setPlainText(".banner-customizable { background-color: #000000; }")
    view.on_revert_clicked()
    aloop.run_until_complete(view.render_preview())
    assert "#336699" in view.ui.cssEdit.toPlainText()

    aloop.run_until_complete(view.copy_to(mobile))
    assert "#336699" in idp.get_ui_customization(UserPoolId=pool_id, ClientId=mobile)["UICustomization"]["CSS"]


def test_previews_in_the_dark_scheme_and_of_every_page(view: Any, aloop: Any, branded_pool: dict[str, Any]) -> None:
    aloop.run_until_complete(view.load())
    choose_client(view, branded_pool["clients"][0], aloop)
    view.ui.schemeCombo.setCurrentIndex(1)
    seen = {}
    for index in range(view.ui.pageCombo.count()):
        view.ui.pageCombo.setCurrentIndex(index)
        aloop.run_until_complete(view.render_preview())
        seen[view.ui.pageCombo.currentData()] = view.rendered
    assert seen["login"], view.ui.previewNote.text()
    assert "prefers-color-scheme" not in seen["login"] and "@media all" in seen["login"]
    assert 'name="password"' in seen["login"]
    assert "Multi-factor authentication" in seen["mfa"]
    assert all("Something went wrong" not in html for html in seen.values())


def test_managed_login_settings_are_previewed_and_applied(view: Any, aloop: Any, branded_pool: dict[str, Any]) -> None:
    idp, pool_id, (web, _) = branded_pool["idp"], branded_pool["pool_id"], branded_pool["clients"]
    idp.update_user_pool_domain(UserPoolId=pool_id, Domain=branded_pool["domain"], ManagedLoginVersion=2)
    aloop.run_until_complete(view.load())
    assert "managed login" in view.ui.styleLabel.text()
    assert view.ui.clientCombo.findData("") < 0  # managed login has no pool-wide style
    choose_client(view, web, aloop)
    view.ui.useCognitoCheck.setChecked(False)
    view.ui.settingsEdit.setPlainText("{ not json")
    assert "not valid JSON" in view.ui.settingsCheckLabel.text()
    settings = (
        '{"components": {"primaryButton": {"lightMode": {"defaults": '
        '{"backgroundColor": "ff0000ff", "textColor": "ffffffff"}}}}}'
    )
    view.ui.settingsEdit.setPlainText(settings)
    aloop.run_until_complete(view.render_preview())
    assert "ff0000" in view.rendered.lower()
    aloop.run_until_complete(view.apply())
    saved = idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=web)["ManagedLoginBranding"]
    assert saved["Settings"]["components"]["primaryButton"]["lightMode"]["defaults"]["backgroundColor"] == "ff0000ff"


def test_a_preview_on_a_local_connection_leaves_the_users_pools_alone(
    view: Any, aloop: Any, cognito: Any, branded_pool: dict[str, Any]
) -> None:
    from console.services.branding_preview import PREVIEW_POOL

    aloop.run_until_complete(view.load())
    aloop.run_until_complete(view.render_preview())
    assert 'name="password"' in view.rendered, view.ui.previewNote.text()
    # Rendered by the console's ephemeral local Cognito, not the connection's.
    assert view.preview is not None and view.preview.endpoint_url != cognito.base_url.rstrip("/")
    pages = branded_pool["idp"].get_paginator("list_user_pools").paginate(MaxResults=60)
    names = [pool["Name"] for page in pages for pool in page["UserPools"]]
    assert branded_pool["pool_id"] in {pool["Id"] for page in pages for pool in page["UserPools"]}
    assert PREVIEW_POOL not in names
    assert "pool" not in view.ui.previewNote.text().lower()  # no scratch pool to speak of
