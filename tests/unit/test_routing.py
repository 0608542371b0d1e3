"""The app's router remembers which route took each method and path: the answers are the ones the routes give
when tried in turn, for a path taken before as for a new one, and the memory stays bounded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from console.emulator.core.app import _Router, create_app, open_store
from console.emulator.core.context import ServerConfig


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(ServerConfig(), open_store(":memory:"))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_a_remembered_path_answers_as_before(client: TestClient) -> None:
    first = client.get("/_emulator/health")
    again = client.get("/_emulator/health")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()


def test_another_method_on_a_remembered_path_is_still_refused(client: TestClient) -> None:
    assert client.get("/_emulator/clock").status_code == 200
    for _ in range(2):
        refused = client.delete("/_emulator/clock")
        assert refused.status_code == 405
        assert refused.headers["x-amzn-ErrorType"] == "UnknownOperationException:"


def test_a_parameterized_route_gets_each_paths_own_parameters(client: TestClient) -> None:
    for pool_id in ("us-east-1_aaaaaaaaa", "us-east-1_bbbbbbbbb", "us-east-1_aaaaaaaaa"):
        answer = client.get(f"/{pool_id}/.well-known/openid-configuration")
        assert answer.status_code == 404
        assert pool_id in answer.text


def test_the_memory_is_bounded(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Router, "MEMORY", 8)
    for n in range(20):
        client.get(f"/us-east-1_{n:09d}/.well-known/jwks.json")
    router = client.app.router  # type: ignore[attr-defined]
    assert 0 < len(router._taken) <= 8
