"""The Outbox view against a real local Cognito: the pool's emails and SMS messages newest first, the filter,
the code copied, and the view listed only while the connection is a local Cognito."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication

from tests.conftest import unique


def test_outbox_lists_newest_first_filters_and_copies(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.outbox import OutboxView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("outbox-"), AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    app = client.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]
    first, second = unique("first-"), unique("second-")
    for name in (first, second):
        client.sign_up(
            ClientId=app["ClientId"],
            Username=name,
            Password="Passw0rd!long",
            UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}],
        )
    ctx.pool_id = pool_id
    view = OutboxView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert view.proxy.rowCount() == 2
    newest = view.current()
    assert newest is not None and newest.destination == f"{second}@example.com" and newest.code
    assert newest.code in view.ui.bodyEdit.toPlainText()
    assert view.copy_code() == newest.code == QGuiApplication.clipboard().text()
    view.ui.filterEdit.setText(first)
    assert view.proxy.rowCount() == 1 and view.ui.countLabel.text() == "1 of 2 messages"
    view.grab().save("/tmp/j/outbox_view.png")


def test_outbox_is_listed_only_for_local_connections(qtbot: Any, ctx: Any) -> None:
    from console.services.boto import BotoCognito
    from console.services.protocol import Connection, ConnectionKind
    from console.views.main_window import NAV, MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    row = [key for key, _, _ in NAV].index("outbox")
    ctx.set_service(ctx.service)
    assert not window.ui.nav.item(row).isHidden()
    ctx.set_service(BotoCognito(Connection("AWS", ConnectionKind.PROFILE, region="us-east-1")))
    assert window.ui.nav.item(row).isHidden()
