"""The groups view against a real local Cognito: listing, members, create, edit, delete."""

from __future__ import annotations

from typing import Any

from console.services.protocol import Group
from tests.conftest import unique


def test_groups_view(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.groups import GroupsView

    view = GroupsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert {"admins", "editors", "readers"} <= {g.name for g in view.model.items()}
    name = unique("grp")
    aloop.run_until_complete(view.save(Group(name, ctx.pool_id, "d", 5), create=True))
    aloop.run_until_complete(view.save(Group(name, ctx.pool_id, "changed", 7), create=False))
    assert view.model.item(view.model.row_of(name)).precedence == 7
    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of("admins"))))
    assert view.members.rowCount() >= 1
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(name))))
    assert view.model.row_of(name) < 0
