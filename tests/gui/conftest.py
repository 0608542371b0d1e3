"""GUI tests: offscreen Qt, a qasync loop to run coroutines to completion, an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium's sandbox refuses to run as root

import argparse
import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from console.app import Console
from console.secrets import SecretStore
from console.services.boto import BotoCognito
from console.services.protocol import Connection, ConnectionKind
from console.services.seed import seed_demo
from console.settings import Settings
from console.views.context import AppContext
from tests.conftest import make_client
from tests.gui.partial_cognito import PartialCognito, serving
from tests.memory_keyring import MemoryKeyring

# The branding view's QtWebEngine needs this before pytest-qt makes the QApplication.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture(scope="session")
def session_loop(qapp: Any) -> Iterator[Any]:
    """One qasync loop for the whole run.

    A loop per test crashed about one run in three: a closed loop's qasync timer object could be freed on
    the Python side while Qt still delivered its timer event (a segfault in Shiboken's getattr, under
    PySide6 6.11.3). One loop that lives as long as the QApplication avoids that lifecycle entirely.
    """
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=False)
    yield loop
    loop.close()


@pytest.fixture
def aloop(session_loop: Any) -> Iterator[Any]:
    """The qasync loop; tests call ``aloop.run_until_complete(coro)``."""
    asyncio.set_event_loop(session_loop)
    yield session_loop
    # Finish what the views spawned (detail loads) while their widgets still exist. Bounded: a task whose
    # wake-up was lost (a nested event loop refused to step it) would otherwise hang the run here.
    pending = [t for t in asyncio.all_tasks(session_loop) if not t.done()]
    if pending:
        session_loop.run_until_complete(asyncio.wait(pending, timeout=30))
    asyncio.set_event_loop(None)


@pytest.fixture(scope="session")
def demo(cognito: Any) -> dict[str, str]:
    """The demo pool, seeded once through the API on the session's local Cognito."""
    result = seed_demo(make_client(cognito.base_url), extra_users=70)
    assert not result.notes, result.notes
    return {"pool_id": result.pool_id}


@pytest.fixture
def ctx(qapp: Any, cognito: Any, demo: dict[str, str]) -> Any:
    context = AppContext()
    conn = Connection("Local Cognito", ConnectionKind.LOCAL, endpoint_url=cognito.base_url)
    context.set_service(BotoCognito(conn))
    context.pool_id = demo["pool_id"]
    context.errors = []  # type: ignore[attr-defined]
    context.errorRaised.connect(context.errors.append)  # type: ignore[attr-defined]
    return context


def make_console(
    qapp: Any, tmp_path: Path, secrets: SecretStore, port: int | None = None, data_dir: str | None = None
) -> Console:
    """The console as run() wires it, with settings and the local Cognito's log in tmp_path and the given secret
    store."""
    ns = argparse.Namespace(
        screenshot=None,
        view="pools",
        view_explicit=None,
        connection=None,
        theme="light",
        local_port=port,
        local_data_dir=data_dir,
    )
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    return Console(
        qapp,
        ns,
        settings,
        secrets,
        "light",
        service_factory=BotoCognito,
        local_log_file=str(tmp_path / "local-cognito.log"),
    )


W = TypeVar("W", bound=QWidget)


async def modal(kind: type[W], timeout: float = 10) -> W:
    """The dialog of this kind once it is up (shown window-modal with run_dialog), waited for on the loop."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not isinstance(widget := QApplication.activeModalWidget(), kind):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no {kind.__name__} came up; the modal widget is {widget!r}")
        await asyncio.sleep(0.01)
    return widget


def run_until_idle(aloop: Any, ctx: AppContext) -> None:
    """Run the loop until the views' background tasks (detail loads, pages) have finished, at most 5 s."""

    async def idle() -> None:
        for _ in range(500):
            await asyncio.sleep(0.01)
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
            if not pending and not ctx.is_busy:
                return

    aloop.run_until_complete(idle())


@pytest.fixture(scope="session")
def partial_endpoint(cognito: Any) -> Iterator[PartialCognito]:
    with serving(cognito.base_url) as endpoint:
        yield endpoint


@pytest.fixture
def partial(qapp: Any, partial_endpoint: PartialCognito, demo: dict[str, str]) -> Iterator[Any]:
    """A context whose connection is the partial endpoint: set ``partial.endpoint.failures`` to make chosen
    operations fail; the rest reach the local Cognito and its demo pool."""
    partial_endpoint.failures.clear()
    context = AppContext()
    conn = Connection("Partial Cognito", ConnectionKind.LOCAL, endpoint_url=partial_endpoint.base_url)
    context.set_service(BotoCognito(conn))
    context.pool_id = demo["pool_id"]
    context.errors = []  # type: ignore[attr-defined]
    context.errorRaised.connect(context.errors.append)  # type: ignore[attr-defined]
    context.endpoint = partial_endpoint  # type: ignore[attr-defined]
    yield context
    partial_endpoint.failures.clear()
