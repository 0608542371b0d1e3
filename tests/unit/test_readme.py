"""README.md's table of supported operations says what the code implements, and where.

The table lists the operations of the botocore release it was generated from. It goes stale when our code
changes (an operation implemented, removed or moved to another module), not when the installed botocore has
operations the table's release did not have, or lacks some it had.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.model import ServiceModel

from console.emulator.core import protocol, registry, support
from console.emulator.core.app import load_services

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


@pytest.fixture
def current() -> str:
    """README.md with its table generated now, from the code and the installed botocore."""
    return support.render(README.read_text())


@pytest.fixture
def user_pool_ops(monkeypatch: pytest.MonkeyPatch) -> dict[str, registry.Registered]:
    """The registry's cognito-idp operations, to change in a test; restored after it."""
    load_services()
    ops = registry._REGISTRY["cognito-idp"]  # the registry has no API to unregister, which only tests need
    monkeypatch.setattr(registry, "_REGISTRY", {**registry._REGISTRY, "cognito-idp": dict(ops)})
    return registry._REGISTRY["cognito-idp"]


def module_of(entry: registry.Registered) -> str:
    return support.module_path(entry.handler.__module__)


def model_with(service: str, add: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> ServiceModel:
    """The installed model of ``service`` as a botocore release with other operations would have it."""
    data: dict[str, Any] = botocore.session.get_session().get_service_data(service)
    operations = {name: op for name, op in data["operations"].items() if name not in drop}
    for name in add:
        operations[name] = {"name": name, "http": {"method": "POST", "requestUri": "/"}}
    return ServiceModel({**data, "operations": operations}, service_name=service)


def test_operations_table_matches_the_code() -> None:
    problems = support.differences(README.read_text())
    assert not problems, "\n".join([*problems, "run: python -m console.emulator.core.support --write README.md"])


def test_table_names_the_botocore_release_and_each_operations_module(current: str) -> None:
    assert f"Operations of the service models in botocore {botocore.__version__};" in current
    entry = registry.lookup("cognito-idp", "CreateUserPool")
    assert entry is not None
    home = module_of(entry)
    assert f"| CreateUserPool | yes | [`{home}`](console/emulator/{home}) |" in current
    listed = support.parse(current)
    assert listed["cognito-idp"]["CreateUserPool"] == home
    paths = {path for ops in listed.values() for path in ops.values() if path}
    assert all((ROOT / "console/emulator" / path).is_file() for path in paths)


def test_what_the_table_writes_parses_back_as_the_registry(current: str) -> None:
    listed = support.parse(current)
    assert {s: {op: m for op, m in ops.items() if m} for s, ops in listed.items()} == support.implemented()
    assert support.differences(current) == []


def unsupported_in(text: str, operation: str) -> str:
    """The README with ``operation``'s row saying it is not supported (every operation of the model is)."""
    row = re.compile(rf"^\| {operation} \| yes \| .*\|$", re.M)
    assert row.search(text), operation
    return row.sub(f"| {operation} | {support.NOT_SUPPORTED} | |", text, count=1)


def test_an_operation_implemented_and_not_in_the_table_is_reported(
    current: str, user_pool_ops: dict[str, registry.Registered]
) -> None:
    unsupported = "AdminGetUser"
    current = unsupported_in(current, unsupported)
    entry = user_pool_ops["CreateUserPool"]
    user_pool_ops[unsupported] = entry
    user_pool_ops["FakeOperation"] = entry
    assert support.differences(current) == [
        f"cognito-idp {name}: implemented in {module_of(entry)}, not supported in the README"
        for name in sorted([unsupported, "FakeOperation"])
    ]


def test_an_operation_removed_from_the_code_is_reported(
    current: str, user_pool_ops: dict[str, registry.Registered]
) -> None:
    home = module_of(user_pool_ops.pop("CreateUserPool"))
    assert support.differences(current) == [
        f"cognito-idp CreateUserPool: supported ({home}) in the README, implemented nowhere"
    ]


def test_an_operation_moved_to_another_module_is_reported(
    current: str, user_pool_ops: dict[str, registry.Registered]
) -> None:
    home = module_of(user_pool_ops["CreateUserPool"])
    elsewhere = next(entry for entry in user_pool_ops.values() if module_of(entry) != home)
    user_pool_ops["CreateUserPool"] = elsewhere
    assert support.differences(current) == [
        f"cognito-idp CreateUserPool: implemented in {module_of(elsewhere)}, the README names {home}"
    ]


def test_a_botocore_release_with_other_operations_does_not_make_the_table_stale(
    current: str, monkeypatch: pytest.MonkeyPatch, user_pool_ops: dict[str, registry.Registered]
) -> None:
    gone = "AdminGetUser"  # an operation this release no longer has, and no module implements
    user_pool_ops.pop(gone)
    current = unsupported_in(current, gone)
    model = model_with("cognito-idp", add=("FakeOperation",), drop=(gone,))
    installed = protocol.service_model
    monkeypatch.setattr(protocol, "service_model", lambda name: model if name == "cognito-idp" else installed(name))
    table = support.table()
    assert "| FakeOperation | — | |" in table  # the generator lists what the installed model has
    assert f"| {gone} |" not in table
    assert support.differences(current) == []  # and the table made from the other release is still current
