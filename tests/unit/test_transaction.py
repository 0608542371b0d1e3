"""A request's unit of work (core/transaction.py): kept writes commit whether the work succeeds or fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.emulator.core import transaction
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.core.errors import AwsError
from console.emulator.core.store import Store

SCHEMA = {"t": {1: "CREATE TABLE t (k TEXT PRIMARY KEY)"}}


@pytest.fixture
def ctx(tmp_path: Path) -> RequestContext:
    return RequestContext(store=Store(tmp_path / "t.db", SCHEMA), config=ServerConfig())


def rows(ctx: RequestContext) -> list[str]:
    return [r["k"] for r in ctx.store.all("SELECT k FROM t ORDER BY k")]


def insert(ctx: RequestContext, key: str) -> None:
    ctx.store.run("INSERT INTO t (k) VALUES (?)", (key,))


def test_a_failure_rolls_back_its_work_and_commits_what_it_kept(ctx: RequestContext) -> None:
    def work() -> None:
        insert(ctx, "work")
        ctx.keep(lambda: insert(ctx, "kept"))
        raise AwsError("CodeMismatchException", "wrong code")

    with pytest.raises(AwsError) as exc:
        transaction.run(ctx, work)
    assert exc.value.code == "CodeMismatchException"
    assert rows(ctx) == ["kept"]
    assert ctx.scratch.kept == []


def test_a_success_commits_its_work_and_what_it_kept(ctx: RequestContext) -> None:
    def work() -> str:
        ctx.keep(lambda: insert(ctx, "kept"))
        insert(ctx, "work")
        return "done"

    assert transaction.run(ctx, work) == "done"
    assert rows(ctx) == ["kept", "work"]


def test_an_internal_error_keeps_nothing(ctx: RequestContext) -> None:
    def work() -> None:
        ctx.keep(lambda: insert(ctx, "kept"))
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        transaction.run(ctx, work)
    assert rows(ctx) == []
    assert ctx.scratch.kept == []


def test_kept_writes_do_not_leak_into_the_next_unit_of_work(ctx: RequestContext) -> None:
    def failing() -> None:
        ctx.keep(lambda: insert(ctx, "first"))
        raise AwsError("NotAuthorizedException", "no")

    with pytest.raises(AwsError):
        transaction.run(ctx, failing)
    transaction.run(ctx, lambda: insert(ctx, "second"))
    assert rows(ctx) == ["first", "second"]
