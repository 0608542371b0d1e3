"""What every view shares: the current service and user pool, busy tracking, errors shown in the window."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from console.services import errors
from console.services.protocol import CognitoService

log = logging.getLogger(__name__)
T = TypeVar("T")


class AppContext(QObject):
    poolChanged = Signal(str)
    serviceChanged = Signal()
    busyChanged = Signal(bool, str)
    errorRaised = Signal(object)  # a ServiceError
    connectionLost = Signal(object)  # the ConnectionLost error; the app re-probes with backoff
    connectionRestored = Signal()
    notice = Signal(str)
    poolsListed = Signal(object)  # [(pool id, name)] whenever the user pools view learns the list changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service: CognitoService | None = None
        self.pool_id: str = ""
        self._busy: list[tuple[asyncio.Task[Any] | None, str]] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    def set_service(self, service: CognitoService | None) -> None:
        self.service = service
        self.pool_id = ""
        self.serviceChanged.emit()

    def set_pool(self, pool_id: str) -> None:
        if pool_id != self.pool_id:
            self.pool_id = pool_id
            self.poolChanged.emit(pool_id)

    def require(self) -> CognitoService:
        if self.service is None:
            raise errors.ConnectionLost("NotConnected", "No connection is open.")
        return self.service

    @property
    def is_busy(self) -> bool:
        return bool(self._busy)

    @contextlib.contextmanager
    def _working(self, label: str) -> Iterator[None]:
        """The status bar's busy state while ``label`` runs in the current task (Cancel stops that task)."""
        entry = (asyncio.current_task(), label)
        self._busy.append(entry)
        self.busyChanged.emit(True, label)
        try:
            yield
        finally:
            self._busy.remove(entry)
            self.busyChanged.emit(bool(self._busy), self._busy[-1][1] if self._busy else "")

    @contextlib.asynccontextmanager
    async def busy(self, label: str) -> AsyncIterator[None]:
        """Mark work in progress; our errors go to the window's banner instead of propagating (cancellation
        propagates, after saying so)."""
        with self._working(label):
            try:
                yield
            except errors.ServiceError as exc:
                self.errorRaised.emit(exc)
                if isinstance(exc, errors.ConnectionLost):
                    self.connectionLost.emit(exc)
            except asyncio.CancelledError:
                # Said in the status bar, then re-raised: Cancel stops the whole slot, not just this step (the
                # code after a cancelled users load went on to load groups). @asyncSlot and spawn() end
                # quietly on it; callers that must tidy up (a bulk action's report) catch it and raise it again.
                self.notice.emit(f"Cancelled: {label}")
                raise
            except Exception as exc:
                # A bug of ours, not an AWS answer: still shown in the window (and logged with its traceback)
                # rather than lost on stderr while the window looks as if nothing happened.
                log.exception("unexpected error in %s", label)
                self.errorRaised.emit(errors.ServiceError(type(exc).__name__, f"{label} failed unexpectedly: {exc}"))

    async def attempt(self, label: str, fn: Callable[..., Awaitable[T]], /, *args: Any) -> T | errors.ServiceError:
        """Await ``fn(*args)``, one section of a details pane: its result, or the error that the view shows in
        that section's place while the other sections show. A lost connection also goes to the window (which
        reconnects). The call is made here, inside the busy state, so that nothing is left un-awaited."""
        with self._working(label):
            try:
                return await fn(*args)
            except errors.ServiceError as exc:
                if isinstance(exc, errors.ConnectionLost):
                    self.errorRaised.emit(exc)
                    self.connectionLost.emit(exc)
                return exc
            except asyncio.CancelledError:
                self.notice.emit(f"Cancelled: {label}")
                raise
            except Exception as exc:
                log.exception("unexpected error in %s", label)
                return errors.ServiceError(type(exc).__name__, f"{label} failed unexpectedly: {exc}")

    def cancel_all(self) -> int:
        count = 0
        for task, _label in list(self._busy):
            if task is not None and not task.done():
                task.cancel()
                count += 1
        return count

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a coroutine in the background, keeping a strong reference until it ends."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def report(self, exc: errors.ServiceError) -> None:
        self.errorRaised.emit(exc)

    def invalid(self, message: str) -> None:
        """A rule we know before calling AWS (shown like AWS's own InvalidParameterException)."""
        self.errorRaised.emit(errors.InvalidInput("InvalidParameterException", message))


Confirm = Callable[[str, str], bool]
