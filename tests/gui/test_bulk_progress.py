"""Bulk actions and the export say where they are ("n of m") against a real local Cognito."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import unique


def test_bulk_action_and_export_say_n_of_m(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.users import UsersView

    client = aloop.run_until_complete(ctx.service.client())
    pool_id = client.create_user_pool(PoolName=unique("bulk-"))["UserPool"]["Id"]
    names = [unique("bulk-") for _ in range(3)]
    for name in names:
        client.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
    ctx.pool_id = pool_id
    view = UsersView(ctx)
    qtbot.addWidget(view)
    labels: list[str] = []
    notices: list[str] = []
    ctx.busyChanged.connect(lambda _busy, label: labels.append(label))
    ctx.notice.connect(notices.append)
    assert aloop.run_until_complete(view.apply("disable", names)) == (names, [])
    assert [f"Disable {n} ({i} of 3)" for i, n in enumerate(names, 1)] == [
        label for label in labels if label.startswith("Disable ")
    ]
    assert aloop.run_until_complete(view.export(tmp_path / "all.csv")) == 3
    assert "Exporting… 3 of about 3 users" in notices
