"""Domains of a user pool from the user pools view, against a real local Cognito: a prefix domain created,
switched between managed login and the classic hosted UI, refused names caught before the call, AWS's refusal
shown in the dialog, deleted."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import unique
from tests.gui.conftest import modal


def _pool(ctx: Any, aloop: Any) -> str:
    client = aloop.run_until_complete(ctx.service.client())
    return str(client.create_user_pool(PoolName=unique("domains-"))["UserPool"]["Id"])


def test_domain_dialog_rules(qtbot: Any) -> None:
    from console.services.protocol import Domain
    from console.views.domains import DomainDialog

    dialog = DomainDialog("p", [])
    qtbot.addWidget(dialog)
    dialog.ui.domainEdit.setText("Bad_Prefix")
    assert "lower-case" in (dialog.validate() or "")
    dialog.ui.domainEdit.setText("my-cognito-app")
    assert dialog.validate() == "Domain cannot contain reserved word: cognito"
    dialog.ui.kindCombo.setCurrentIndex(1)
    dialog.ui.domainEdit.setText("auth.example.com")
    dialog.ui.certificateEdit.setText("arn:aws:acm:eu-west-1:123456789012:certificate/abc")
    assert "us-east-1" in (dialog.validate() or "")
    dialog.ui.certificateEdit.setText("arn:aws:acm:us-east-1:123456789012:certificate/abc")
    assert dialog.validate() is None
    change = dialog.change()
    assert (change.action, change.certificate_arn) == ("create", "arn:aws:acm:us-east-1:123456789012:certificate/abc")
    existing = DomainDialog("p", [Domain("my-app", "p_1", "ACTIVE", managed_login_version=1)])
    qtbot.addWidget(existing)
    assert existing.ui.domainEdit.isReadOnly() and existing.ui.versionCombo.currentIndex() == 1
    existing.ui.versionCombo.setCurrentIndex(0)
    assert existing.change().action == "update" and existing.change().managed_login_version == 2


def test_domain_create_update_delete(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.domains import DomainChange
    from console.views.pools import PoolsView

    pool_id = _pool(ctx, aloop)
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    prefix = unique("app-").lower()
    aloop.run_until_complete(view.save_domain(pool_id, DomainChange("create", prefix, 1)))
    domains = aloop.run_until_complete(ctx.service.pool_domains(pool_id))
    assert [(d.domain, d.managed_login_version, d.custom) for d in domains] == [(prefix, 1, False)]
    aloop.run_until_complete(view.save_domain(pool_id, DomainChange("update", prefix, 2)))
    assert aloop.run_until_complete(ctx.service.pool_domains(pool_id))[0].managed_login_version == 2
    aloop.run_until_complete(view.save_domain(pool_id, DomainChange("delete", prefix)))
    assert aloop.run_until_complete(ctx.service.pool_domains(pool_id)) == []


def test_refused_domain_shows_aws_message_in_dialog(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.domains import DomainDialog
    from console.views.pools import PoolsView

    first, second = _pool(ctx, aloop), _pool(ctx, aloop)
    taken = unique("taken-").lower()
    aloop.run_until_complete(ctx.service.create_pool_domain(first, taken))
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    view.select(second)

    async def drive() -> str:
        task = asyncio.ensure_future(view.configure_domains(view.current()))
        dialog = await modal(DomainDialog)
        dialog.ui.domainEdit.setText(taken)
        dialog.ui.buttons.accepted.emit()
        for _ in range(500):
            await asyncio.sleep(0.01)
            if dialog.ui.errorLabel.text():
                break
        text = dialog.ui.errorLabel.text()
        dialog.grab().save("/tmp/j/domain_dialog.png")
        dialog.reject()
        await task
        return text

    text = aloop.run_until_complete(drive())
    assert "already associated" in text and "InvalidParameterException" in text


def test_delete_asks_first(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Delete domain in the dialog asks for confirmation; Cancel there keeps the domain and the dialog."""
    from PySide6.QtWidgets import QMessageBox

    from console.views.domains import DomainDialog
    from console.views.pools import PoolsView

    pool_id = _pool(ctx, aloop)
    prefix = unique("keep-").lower()
    aloop.run_until_complete(ctx.service.create_pool_domain(pool_id, prefix))
    view = PoolsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    view.select(pool_id)

    async def drive() -> str:
        task = asyncio.ensure_future(view.configure_domains(view.current()))
        dialog = await modal(DomainDialog)
        dialog.ui.deleteButton.click()
        box = await modal(QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()
        dialog = await modal(DomainDialog)
        text = dialog.ui.errorLabel.text()
        dialog.ui.deleteButton.click()
        box = await modal(QMessageBox)
        box.button(QMessageBox.StandardButton.Ok).click()
        await task
        return text

    assert "was not deleted" in aloop.run_until_complete(drive())
    assert aloop.run_until_complete(ctx.service.pool_domains(pool_id)) == []
