"""Dialogs that async slots show leave the event loop running: while one is up, other tasks (a ticking
coroutine, a service call on its way) go on, and the slot finishes with the dialog's answer. Against a real
local Cognito."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from tests.conftest import unique
from tests.gui.conftest import run_until_idle


def answer_while_up(
    aloop: Any, ctx: Any, trigger: Callable[[], Any], kind: type[QWidget], answer: Callable[[Any], None]
) -> tuple[int, Any]:
    """Trigger a slot that shows a dialog of ``kind``. While the dialog is up, a ticking task runs and a
    ListGroups call is made in a task of its own; once that call has answered (or after 5 s), the dialog is
    answered. Returns how often the ticker ran while the dialog was up, and what ListGroups said (None when
    it never finished).

    The dialog is watched and answered by a plain Qt timer, not by a coroutine: were the slot to run exec(),
    its nested event loop would still run the timer (so the test fails on what it measures instead of
    hanging), while no task could step ("Cannot enter into task")."""
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    seen: dict[str, Any] = {}
    closed = aloop.create_future()

    def watch() -> None:
        now = time.monotonic()
        if "dialog" not in seen:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, kind):
                call = asyncio.ensure_future(ctx.require().list_groups(ctx.pool_id), loop=aloop)
                seen.update(dialog=dialog, at=now, ticks=ticks, call=call, visible=True)
            return
        if "ran" not in seen:
            if now - seen["at"] < 5 and not (seen["call"].done() and now - seen["at"] > 0.1):
                return
            seen["ran"] = ticks - seen["ticks"]
            seen["visible"] = seen["dialog"].isVisible()  # all of that happened while the dialog was up
            answer(seen["dialog"])
            return
        if not shiboken6.isValid(seen["dialog"]) or not seen["dialog"].isVisible():  # closed, or closed and deleted
            timer.stop()
            if not closed.done():
                closed.set_result(None)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(10)

    async def scenario() -> None:
        ticker = asyncio.ensure_future(tick())
        try:
            trigger()
            await asyncio.wait_for(closed, 30)
        finally:
            ticker.cancel()
            timer.stop()

    aloop.run_until_complete(scenario())
    assert seen["visible"]
    call = seen["call"]
    return seen["ran"], call.result() if call.done() else None


def test_list_view_edit_dialog_leaves_the_loop_running(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """ListView.edit (Create group): other tasks run while the dialog is up; Cancel creates nothing."""
    from console.views.dialogs import GroupDialog
    from console.views.groups import GroupsView

    view = GroupsView(ctx)
    qtbot.addWidget(view)
    view.show()
    aloop.run_until_complete(view.load())
    listed = view.model.rowCount()

    ran, groups = answer_while_up(aloop, ctx, view.ui.createButton.click, GroupDialog, lambda d: d.reject())
    run_until_idle(aloop, ctx)
    assert ran > 3 and groups is not None and {"admins", "editors"} <= {g.name for g in groups}
    assert view.model.rowCount() == listed and view.ui.createButton.isEnabled()


def test_accepted_edit_dialog_goes_on_to_save(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import GroupDialog
    from console.views.groups import GroupsView

    view = GroupsView(ctx)
    qtbot.addWidget(view)
    view.show()
    aloop.run_until_complete(view.load())
    name = unique("modal")

    def create(dialog: GroupDialog) -> None:
        dialog.ui.nameEdit.setText(name)
        dialog.accept()

    ran, groups = answer_while_up(aloop, ctx, view.ui.createButton.click, GroupDialog, create)
    run_until_idle(aloop, ctx)
    assert ran > 3 and groups is not None
    assert view.model.row_of(name) >= 0, ctx.errors
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(name))))


def test_delete_confirmation_leaves_the_loop_running(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """View.confirm (Delete group): other tasks run while the question is up; Cancel deletes nothing."""
    from console.views.groups import GroupsView

    view = GroupsView(ctx)
    qtbot.addWidget(view)
    view.show()
    aloop.run_until_complete(view.load())
    view.ui.table.selectRow(0)
    run_until_idle(aloop, ctx)
    listed = view.model.rowCount()

    def cancel(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Cancel).click()

    ran, groups = answer_while_up(aloop, ctx, view.ui.deleteButton.click, QMessageBox, cancel)
    run_until_idle(aloop, ctx)
    assert ran > 3 and groups is not None
    assert view.model.rowCount() == listed


def test_users_view_dialogs_leave_the_loop_running(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """The users view: editing attributes, the group picker, the new password and the question after it, the
    export's file dialog."""
    from console.views.dialogs import AttributesDialog
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.show()
    aloop.run_until_complete(view.load())
    view.ui.table.selectRow(0)
    run_until_idle(aloop, ctx)
    assert len(view.selected()) == 1

    def type_password(entry: QInputDialog) -> None:
        entry.setTextValue("Aa1!never-set")
        entry.accept()

    for trigger, kind, answer in (
        (view.ui.editButton.click, AttributesDialog, lambda d: d.reject()),
        (lambda: view.on_action("add_group"), QInputDialog, lambda d: d.reject()),
        (lambda: view.on_action("set_password"), QInputDialog, type_password),
        (lambda: None, QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Cancel).click()),
        (view.ui.exportButton.click, QFileDialog, lambda d: d.reject()),
    ):
        ran, groups = answer_while_up(aloop, ctx, trigger, kind, answer)
        assert ran > 3 and groups is not None, kind
    run_until_idle(aloop, ctx)
    assert not ctx.errors


# A menu is raised and grabs the keyboard while it is up; the offscreen platform says it can do neither.
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support grabbing the keyboard$", r"^This plugin does not support raise\(\)$"
)
def test_columns_menu_pops_up_without_a_nested_loop(qtbot: Any, ctx: Any) -> None:
    """The click returns while the menu is up (exec() would return only once it closed); a column toggled in it
    is shown."""
    from PySide6.QtWidgets import QMenu

    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.ui.columnsButton.click()
    menu = next(m for m in view.findChildren(QMenu) if m.isVisible())
    shown = list(view.model.attributes)
    action = next(a for a in menu.actions() if a.text() not in shown)
    action.trigger()
    assert view.model.attributes == [*shown, action.text()]
    menu.close()
