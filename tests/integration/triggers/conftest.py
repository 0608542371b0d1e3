"""Fixtures of the trigger tests: each module gets its own local Cognito wired to its own fake Lambda
Invoke API (tests.fake_lambda), and ``idp`` here is a client of that server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import fake_lambda
from tests.conftest import make_client
from tests.fake_lambda import FakeLambda
from tests.localcognito import LocalCognito, start


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    running = start(Path(tmp_path_factory.mktemp("triggers")), "--lambda-endpoint", lam.endpoint)
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def idp(server: LocalCognito) -> Any:
    return make_client(server.base_url)


@pytest.fixture
def fresh(lam: FakeLambda) -> FakeLambda:
    lam.reset()
    return lam
