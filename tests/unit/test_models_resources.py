"""Pools, groups, app clients, identity providers and key/value models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from console.models.keyvalue import KeyValueModel
from console.models.resources import AppClientsModel, GroupsModel, IdentityProvidersModel, PoolsModel
from console.models.table import SortRole, local_time
from console.services.protocol import AppClientSummary, Group, IdentityProvider, Pool

CREATED = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)


def test_pools_model(qtmodeltester: Any) -> None:
    model = PoolsModel()
    model.set_items([Pool("us-east-1_A", "a", created=CREATED), Pool("us-east-1_B", "b")])
    qtmodeltester.check(model, force_py=True)
    # Before DescribeUserPool answers, the facts it brings are blank rather than a wrong zero.
    assert model.data(model.index(0, PoolsModel.COL_USERS)) == ""
    model.upsert(Pool("us-east-1_A", "a", estimated_users=42, mfa="ON", raw={"Id": "us-east-1_A"}))
    assert model.data(model.index(0, PoolsModel.COL_USERS)) == "42"
    assert model.rowCount() == 2
    assert model.data(model.index(1, PoolsModel.COL_CREATED)) == ""
    assert model.remove("us-east-1_B") and model.rowCount() == 1


def test_groups_model_sorts_by_precedence(qtmodeltester: Any) -> None:
    model = GroupsModel()
    model.set_items([Group("admins", precedence=1, created=CREATED), Group("readers", precedence=20)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, GroupsModel.COL_PRECEDENCE), SortRole) == 20
    assert model.data(model.index(0, GroupsModel.COL_CREATED)) == local_time(CREATED)


def test_clients_and_providers(qtmodeltester: Any) -> None:
    clients = AppClientsModel()
    clients.set_items([AppClientSummary("abc", "web")])
    qtmodeltester.check(clients, force_py=True)
    providers = IdentityProvidersModel()
    providers.set_items([IdentityProvider("Google", "Google"), IdentityProvider("Corp", "SAML")])
    qtmodeltester.check(providers, force_py=True)
    assert providers.data(providers.index(0, 1)) == "Google"
    assert providers.headerData(1, Qt.Orientation.Horizontal) == "Type"


def test_key_value_model_edits(qtmodeltester: Any) -> None:
    model = KeyValueModel(("User pool attribute", "Provider attribute"), editable=True)
    model.set_mapping({"email": "email"})
    qtmodeltester.check(model, force_py=True)
    row = model.add_row()
    assert model.setData(model.index(row, 0), " name ")
    assert model.setData(model.index(row, 1), "full_name")
    assert model.mapping() == {"email": "email", "name": "full_name"}
    model.remove_row(0)
    assert model.mapping() == {"name": "full_name"}


def test_read_only_claims_describe_times() -> None:
    model = KeyValueModel(describe=lambda k, v: "local" if k == "exp" else None)
    model.set_mapping({"exp": 1700000000, "aud": ["a", "b"]})
    assert model.data(model.index(0, 1)) == "1700000000  (local)"
    assert model.data(model.index(1, 1)) == '["a", "b"]'
    assert not model.setData(model.index(0, 1), "x")
