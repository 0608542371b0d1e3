"""The user pools view against a real local Cognito: listing, details, create, edit, delete, and the pool
picker that follows them."""

from __future__ import annotations

from typing import Any

from tests.conftest import unique
from tests.gui.conftest import run_until_idle


def _make_pool(ctx: Any, aloop: Any, **extra: Any) -> str:
    client = aloop.run_until_complete(ctx.service.client())
    resp = client.create_user_pool(PoolName=unique("review-"), **extra)
    return str(resp["UserPool"]["Id"])


def test_pools_view_lists_and_describes(qtbot: Any, aloop: Any, ctx: Any, demo: dict[str, str]) -> None:
    from console.views.pools import PoolsView

    view = PoolsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    row = view.model.row_of(demo["pool_id"])
    assert row >= 0
    pool = view.model.item(row)
    assert pool.estimated_users >= 70 and pool.raw
    view.select(demo["pool_id"])
    assert "Password policy" in view.ui.details.toHtml()


def test_pools_create_update_delete(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import PoolDialog
    from console.views.pools import PoolsView

    view = PoolsView(ctx)
    qtbot.addWidget(view)
    dialog = PoolDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("bad/name")
    assert dialog.validate() is not None  # caught before any call
    name = unique("gui-pool-")
    dialog.ui.nameEdit.setText(name)
    dialog.ui.minLengthSpin.setValue(12)
    assert dialog.validate() is None
    pool = aloop.run_until_complete(view.create_pool(dialog.request()))
    assert pool is not None and pool.password_policy["MinimumLength"] == 12
    aloop.run_until_complete(view.update_pool(pool.id, {"DeletionProtection": "ACTIVE"}))
    assert view.model.item(view.model.row_of(pool.id)).deletion_protection == "ACTIVE"
    aloop.run_until_complete(view.update_pool(pool.id, {"DeletionProtection": "INACTIVE"}))
    aloop.run_until_complete(view.delete(pool.id))
    assert view.model.row_of(pool.id) < 0


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


def test_editing_a_pool_keeps_recovery_invitation_and_sign_in_settings(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """The edit dialog must not reset settings it does not show (UpdateUserPool resets what it is not given)."""
    from console.views.dialogs import PoolDialog
    from console.views.pools import PoolsView

    invite = {"EmailSubject": "Welcome", "EmailMessage": "Hi {username}, your code is {####}"}
    pool_id = _make_pool(
        ctx,
        aloop,
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]},
        AdminCreateUserConfig={
            "AllowAdminCreateUserOnly": True,
            "UnusedAccountValidityDays": 3,
            "InviteMessageTemplate": invite,
        },
    )
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    try:
        before = aloop.run_until_complete(ctx.service.describe_pool(pool_id))
        dialog = PoolDialog(view, before)
        qtbot.addWidget(dialog)
        dialog.ui.nameEdit.setText(unique("renamed-"))  # the only change the user makes
        assert dialog.validate() is None
        aloop.run_until_complete(view.update_pool(pool_id, dialog.changes(), dialog.mfa()))
        assert not ctx.errors
        after = aloop.run_until_complete(ctx.service.describe_pool(pool_id))
        assert after.raw["AccountRecoverySetting"] == before.raw["AccountRecoverySetting"]
        admin = after.raw["AdminCreateUserConfig"]
        assert admin.get("UnusedAccountValidityDays") == 3
        assert admin.get("InviteMessageTemplate", {}).get("EmailMessage") == invite["EmailMessage"]
    finally:
        aloop.run_until_complete(ctx.service.delete_pool(pool_id))


def test_pool_picker_follows_created_and_deleted_pools(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """After deleting the current pool, the picker must not offer (and show as current) the deleted pool."""
    from console.views.main_window import MainWindow
    from console.views.pools import PoolsView

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    view = PoolsView(ctx)
    window.add_view(view)
    pools = aloop.run_until_complete(ctx.service.list_pools())
    window.set_pools([(p.id, p.name) for p in pools], ctx.pool_id)
    aloop.run_until_complete(view.load())
    name = unique("picker-")
    created = aloop.run_until_complete(view.create_pool({"PoolName": name}))
    assert created is not None
    run_until_idle(aloop, ctx)
    combo = window.ui.poolCombo
    assert combo.itemText(combo.findData(created.id)).startswith(name)
    aloop.run_until_complete(view.delete(created.id))
    run_until_idle(aloop, ctx)
    assert combo.findData(created.id) < 0
    assert combo.currentData() == ctx.pool_id != ""
