"""The users model: qtmodeltester, fetchMore paging driven by signals, stale pages dropped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from console.models.table import KeyRole, ObjectRole
from console.models.users import UsersModel
from console.services.protocol import Page, User


def users(start: int, n: int) -> tuple[User, ...]:
    return tuple(
        User(
            f"user{i:05d}",
            "CONFIRMED" if i % 2 else "FORCE_CHANGE_PASSWORD",
            enabled=bool(i % 3),
            created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            attributes={"email": f"u{i}@example.com", "sub": f"s{i}"},
        )
        for i in range(start, start + n)
    )


def test_model_tester(qtmodeltester: Any) -> None:
    model = UsersModel(["email"])
    gen = model.begin_search()
    model.append_page(gen, Page(users(0, 25), "t1"))
    qtmodeltester.check(model, force_py=True)


def test_idle_model_asks_for_nothing() -> None:
    model = UsersModel()
    asked: list[tuple[int, str]] = []
    model.fetchRequested.connect(lambda g, t: asked.append((g, t)))
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == []


def test_fetch_more_pages_until_the_token_runs_out() -> None:
    model = UsersModel(["email"])
    asked: list[tuple[int, str]] = []
    model.fetchRequested.connect(lambda g, t: asked.append((g, t)))
    gen = model.begin_search()
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == [(gen, "")]
    assert model.loading and not model.canFetchMore(QModelIndex())  # one request in flight at a time
    model.fetchMore(QModelIndex())
    assert len(asked) == 1
    model.append_page(gen, Page(users(0, 60), "next"))
    model.fetchMore(QModelIndex())
    assert asked[-1] == (gen, "next")
    model.append_page(gen, Page(users(60, 10), None))
    assert model.rowCount() == 70
    assert not model.canFetchMore(QModelIndex())


def test_a_new_search_drops_pages_of_the_old_one() -> None:
    model = UsersModel()
    old = model.begin_search()
    model.fetchMore(QModelIndex())
    new = model.begin_search()
    assert not model.append_page(old, Page(users(0, 5), None))
    assert model.rowCount() == 0
    assert model.append_page(new, Page(users(0, 2), None))
    assert model.rowCount() == 2


def test_failure_stops_fetching_until_retry() -> None:
    model = UsersModel()
    gen = model.begin_search()
    model.fetchMore(QModelIndex())
    model.fetch_failed(gen, "EndpointConnectionError: gone")
    assert model.error and not model.canFetchMore(QModelIndex())
    model.retry()
    assert model.canFetchMore(QModelIndex())


def test_columns_follow_the_attribute_picker() -> None:
    model = UsersModel(["email"])
    gen = model.begin_search()
    model.append_page(gen, Page(users(0, 3), None))
    assert model.headerData(1, Qt.Orientation.Horizontal) == "email"
    assert model.data(model.index(1, 1)) == "u1@example.com"
    model.set_attributes(["sub", "email"])
    assert model.data(model.index(1, 1)) == "s1"
    assert model.data(model.index(1, 0), KeyRole) == "user00001"
    assert model.data(model.index(1, 0), ObjectRole).username == "user00001"
    status_col = model.columnCount() - 4
    assert model.data(model.index(1, status_col)) == "Confirmed"
    assert model.data(model.index(0, status_col + 1)) == "Disabled"
    assert model.usernames([2, 0, 2]) == ["user00000", "user00002"]
