"""What every view shares, against a real local Cognito: the generated forms are current, errors reach the
window, and a pool switch whose listing fails leaves no rows of the old pool."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from console.services import errors
from tests.conftest import unique
from tests.gui.conftest import run_until_idle


def test_generated_ui_is_current() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_ui", root / "packaging" / "build_ui.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main = module.main

    assert main(["--check"]) == 0


def test_errors_reach_the_window_with_aws_code(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.apply("enable", ["no-such-user-" + unique()]))
    assert isinstance(ctx.errors[-1], errors.NotFound)
    assert ctx.errors[-1].code == "UserNotFoundException"


def test_an_unexpected_error_is_shown_in_the_window(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """A bug of ours inside a busy() block reaches the window's error banner instead of only stderr."""

    async def broken() -> None:
        async with ctx.busy("Loading things"):
            raise KeyError("Name")

    before = len(ctx.errors)
    aloop.run_until_complete(broken())
    assert len(ctx.errors) == before + 1
    shown = ctx.errors[-1]
    assert shown.code == "KeyError"
    assert "Loading things failed unexpectedly" in shown.message


def test_failed_load_after_switching_pools_shows_no_rows_of_the_old_pool(qtbot: Any, aloop: Any, ctx: Any) -> None:
    """After a switch to a pool whose listing fails, the table must not go on showing (and acting on) the
    previous pool's groups, nor the users view offer the previous pool's groups."""
    from console.views.groups import GroupsView
    from console.views.users import UsersView

    groups = GroupsView(ctx)
    users = UsersView(ctx)
    qtbot.addWidget(groups)
    qtbot.addWidget(users)
    aloop.run_until_complete(groups.load())
    aloop.run_until_complete(users.load())
    run_until_idle(aloop, ctx)
    assert groups.model.rowCount() and users.groups
    ctx.pool_id = "us-east-1_NoSuchPool"
    aloop.run_until_complete(groups.load())
    aloop.run_until_complete(users.load())
    run_until_idle(aloop, ctx)
    assert ctx.errors and ctx.errors[-1].code == "ResourceNotFoundException"
    assert groups.model.rowCount() == 0
    assert groups.current() is None
    assert users.groups == []
