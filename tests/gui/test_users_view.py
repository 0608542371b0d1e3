"""The users view against a real local Cognito: search and paging, single and bulk actions, export, and
Cancel."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError
from PySide6.QtCore import QModelIndex

from tests.conftest import make_client, unique
from tests.gui.conftest import run_until_idle


def _all_usernames(idp: Any, pool_id: str) -> list[str]:
    names: list[str] = []
    kw: dict[str, Any] = {"UserPoolId": pool_id, "Limit": 60}
    while True:
        resp = idp.list_users(**kw)
        names += [u["Username"] for u in resp["Users"]]
        if not resp.get("PaginationToken"):
            return names
        kw["PaginationToken"] = resp["PaginationToken"]


def _flt(username: str) -> Any:
    from console.services.protocol import UserFilter

    return UserFilter(attribute="username", value=username, prefix=False)


def test_users_view_pages_with_fetch_more(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    first = view.model.rowCount()
    assert first == 60 and view.model.canFetchMore(QModelIndex())
    view.model.fetchMore(QModelIndex())
    aloop.run_until_complete(view.fetch_page(view.model.generation, view.model._token or ""))
    assert view.model.rowCount() > first and view.model.exhausted
    assert "admins" in view.groups


def test_users_search_and_status_filter(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.ui.searchEdit.setText("ali")
    aloop.run_until_complete(view.load())
    assert [u.username for u in view.model.items()] == ["alice"]
    view.ui.searchEdit.setText("")
    view.ui.statusCombo.setCurrentIndex(view.ui.statusCombo.findData("Disabled"))
    aloop.run_until_complete(view.load())
    assert [u.username for u in view.model.items()] == ["carol"]


def test_next_page_during_the_search_debounce_uses_the_listed_search_filter(
    qtbot: Any, aloop: Any, ctx: Any, cognito: Any
) -> None:
    """Typing a new search starts a 300 ms pause; a fetchMore in that pause continues the LISTED search
    (its token belongs to that filter), and the new search then starts from a fresh first page."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert view.model.rowCount() == 60 and view.model.canFetchMore(QModelIndex())
    view.ui.searchEdit.setText("alice")  # the debounce is pending ...
    assert view._search_timer is not None
    view._search_timer.cancel()  # ... and stays pending for the length of this test (no timing involved)
    view.model.fetchMore(QModelIndex())  # scrolling to the end: the view spawns the page's fetch
    aloop.run_until_complete(asyncio.gather(*ctx._tasks))
    expected = _all_usernames(make_client(cognito.base_url), ctx.pool_id)
    assert [u.username for u in view.model.items()] == expected
    assert view.model.exhausted and view.model.error is None and not ctx.errors
    aloop.run_until_complete(view.load())  # what the debounce runs: a fresh first page of the new search
    assert [u.username for u in view.model.items()] == ["alice"]
    assert view.model.exhausted


def test_users_count_does_not_claim_the_end_after_a_page_failed(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A page that fails stops paging; the count must not then read as the whole pool."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert not view.model.exhausted
    loaded = view.model.rowCount()
    pool = ctx.pool_id
    ctx.pool_id = "us-east-1_NoSuchPool"  # the next page fails, as when the backend goes away
    try:
        assert view.model.canFetchMore()
        view.model.fetchMore()
        run_until_idle(aloop, ctx)
    finally:
        ctx.pool_id = pool
    assert view.model.rowCount() == loaded and ctx.errors
    text = view.ui.countLabel.text()
    assert text != f"{loaded} users" and "+" in text, text


def test_user_lifecycle_and_bulk(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    names = [unique("gui") for _ in range(2)]
    for n in names:
        aloop.run_until_complete(view.create_user(n, {"email": f"{n}@example.com"}, None, True))
    done, failed = aloop.run_until_complete(view.apply("disable", names))
    assert done == names and not failed
    assert all(not u.enabled for u in view.model.items() if u.username in names)
    aloop.run_until_complete(view.apply("add_group", names[:1], group="readers"))
    details = aloop.run_until_complete(ctx.service.user_details(ctx.pool_id, names[0]))
    assert details.groups == ("readers",)
    aloop.run_until_complete(view.edit_attributes(names[0], {"name": "Gui Person"}, []))
    assert view.model.item(view.model.row_of(names[0])).attributes["name"] == "Gui Person"
    view.ui.searchEdit.setText("gui")
    view.ui.attributeCombo.setCurrentIndex(view.ui.attributeCombo.findData("username"))
    out = tmp_path / "users.csv"
    count = aloop.run_until_complete(view.export(out))
    assert count >= 2 and names[0] in out.read_text()
    aloop.run_until_complete(view.apply("delete", names))
    assert all(view.model.row_of(n) < 0 for n in names)


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


def test_bulk_action_refreshes_rows_only_in_the_pool_it_ran_on(qtbot: Any, aloop: Any, ctx: Any, cognito: Any) -> None:
    """If the user switches pools while a bulk action runs, its rows are not refreshed from the new pool
    (a same-named user there replaced the row; an absent one showed UserNotFoundException)."""
    from console.views.users import UsersView

    idp = make_client(cognito.base_url)
    home = ctx.pool_id
    other = idp.create_user_pool(PoolName=unique("other"))["UserPool"]["Id"]
    name = unique("bulk")
    try:
        idp.admin_create_user(UserPoolId=home, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "here@example.com"}])  # fmt: skip
        idp.admin_create_user(UserPoolId=other, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "there@example.com"}])  # fmt: skip
        view = UsersView(ctx)
        qtbot.addWidget(view)
        view.ui.attributeCombo.setCurrentIndex(view.ui.attributeCombo.findData("username"))
        view.ui.searchEdit.setText(name)
        view._search_timer.cancel()  # type: ignore[union-attr]
        aloop.run_until_complete(view.load())
        assert [u.attributes.get("email") for u in view.model.items()] == ["here@example.com"]

        def switch(on: bool, label: str) -> None:
            if on and label.startswith("Disable"):
                ctx.pool_id = other  # the pool picker changed while the action was in flight

        ctx.busyChanged.connect(switch)
        try:
            done, failed = aloop.run_until_complete(view.apply("disable", [name]))
        finally:
            ctx.busyChanged.disconnect(switch)
        assert done == [name] and not failed
        assert idp.admin_get_user(UserPoolId=home, Username=name)["Enabled"] is False  # ran on its pool
        assert idp.admin_get_user(UserPoolId=other, Username=name)["Enabled"] is True
        assert [u.attributes.get("email") for u in view.model.items()] == ["here@example.com"]
        assert not ctx.errors
    finally:
        idp.delete_user_pool(UserPoolId=other)
        with contextlib.suppress(ClientError):  # the demo pool is shared by the session's tests
            idp.admin_delete_user(UserPoolId=home, Username=name)


def test_cancel_stops_a_bulk_action(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Cancel (Esc) during a bulk delete stops it; the remaining users are left alone and the window says so."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    notices: list[str] = []
    ctx.notice.connect(notices.append)
    names = [unique("stop") for _ in range(4)]
    for n in names:
        aloop.run_until_complete(view.create_user(n, {}, None, True))

    async def run() -> Any:
        task = asyncio.ensure_future(view.apply("delete", names))
        # cancel as soon as the first deletion is under way
        while not any(label.startswith("Delete ") for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        try:
            return await task
        except asyncio.CancelledError:
            return None

    aloop.run_until_complete(run())
    remaining = []
    for n in names:
        page = aloop.run_until_complete(ctx.service.list_users(ctx.pool_id, _flt(n)))
        remaining += [u.username for u in page.items if u.username == n]
    try:
        assert len(remaining) >= len(names) - 1, "the bulk delete went on after Cancel"
        assert any(text.startswith("Cancelled: ") and "not started" in text for text in notices), notices
    finally:
        from console.services.errors import NotFound

        for n in remaining:
            # The request under way when Cancel came was abandoned by the window, not by the server: it
            # may delete its user after the listing above.
            with contextlib.suppress(NotFound):
                aloop.run_until_complete(ctx.service.delete_user(ctx.pool_id, n))


def test_cancelled_users_load_does_not_go_on_to_load_groups(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """Esc during the users listing stops load() there: the status bar says so, groups are not listed, and
    the model is not left 'loading'."""
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    labels: list[str] = []
    notices: list[str] = []
    ctx.busyChanged.connect(lambda _busy, label: labels.append(label))
    ctx.notice.connect(notices.append)

    async def scenario() -> str:
        task = asyncio.ensure_future(view.load())
        while not any(label == "Loading users" for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        try:
            await task
        except asyncio.CancelledError:
            return "cancelled"
        return "finished"

    assert aloop.run_until_complete(scenario()) == "cancelled"
    assert "Cancelled: Loading users" in notices
    assert "Loading groups" not in labels, labels
    assert view.groups == []
    assert not view.model.loading
    assert not ctx.is_busy
    assert not ctx.errors  # a Cancel is no error


def test_cancelled_refresh_slot_ends_quietly(qtbot: Any, aloop: Any, ctx: Any, monkeypatch: Any) -> None:
    """The @asyncSlot entry point ends on Cancel without a traceback and re-enables its button."""
    import sys

    from console.views.users import UsersView

    hooked: list[Any] = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: hooked.append(exc))
    view = UsersView(ctx)
    qtbot.addWidget(view)

    async def scenario() -> bool:
        task = view.on_refresh_clicked()
        while not any(label == "Loading users" for _t, label in ctx._busy):
            await asyncio.sleep(0)
        ctx.cancel_all()
        await asyncio.wait([task])
        await asyncio.sleep(0)  # the slot's done-callback runs after the task ends
        return bool(task.cancelled())

    assert aloop.run_until_complete(scenario())
    assert hooked == []
    assert view.ui.refreshButton.isEnabled()
