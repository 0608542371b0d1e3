"""Worker processes for the server's CPU-bound crypto: RS256 signatures and SRP arithmetic.

The server is one process and one event loop; a sign-in spends most of its CPU in two RSA signatures
and 3072-bit exponentiations. While other requests are waiting, ``call`` runs such work in a worker
process (another core) and the loop serves them meanwhile; when a request is alone, the work runs in
place, which is quicker than any hand-off.

A worker is a child process (``_worker.py``) reading length-prefixed pickles on an anonymous pipe: a
hand-off costs tens of microseconds. Threads would not do: gmpy2 holds the GIL, and a worker thread
that signs with OpenSSL must win the GIL back from a busy loop to return, which cost more than the
signature (measured). ``concurrent.futures.ProcessPoolExecutor`` costs 1.5-2 ms per call here.

Without workers (``--workers 0``, an app not started by ``serve``), before they are up, or once one has
died, the work runs in place: never an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

log = logging.getLogger("console.emulator")

T = TypeVar("T")


class Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.alive = True
        self.waiting: dict[int, asyncio.Future[tuple[bool, Any] | None]] = {}
        self.next_id = 0
        self.state: dict[str, Any] = {}  # callers' notes about this worker (signatures: the keys it has)
        self.reader = asyncio.get_running_loop().create_task(self._read())

    def submit(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> asyncio.Future[tuple[bool, Any] | None]:
        """Send the call now; the future gives (ok, result or exception), or None if the worker is lost."""
        assert self.process.stdin is not None
        self.next_id += 1
        call_id = self.next_id
        frame = pickle.dumps((call_id, fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        future: asyncio.Future[tuple[bool, Any] | None] = asyncio.get_running_loop().create_future()
        self.waiting[call_id] = future
        future.add_done_callback(lambda _: self.waiting.pop(call_id, None))
        try:
            self.process.stdin.write(struct.pack(">I", len(frame)) + frame)
        except (OSError, RuntimeError):
            self._gone("lost its input")
        return future

    async def drain(self) -> None:
        """Wait while the pipe to the worker is full."""
        if self.process.stdin is not None:
            try:
                await self.process.stdin.drain()
            except (OSError, RuntimeError):
                self._gone("lost its input")

    async def call(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any] | None:
        """(ok, result or exception), or None if the worker could not answer."""
        future = self.submit(fn, args)
        await self.drain()
        return await future

    async def _read(self) -> None:
        assert self.process.stdout is not None
        try:
            while True:
                header = await self.process.stdout.readexactly(4)
                frame = await self.process.stdout.readexactly(struct.unpack(">I", header)[0])
                call_id, ok, value = pickle.loads(frame)  # noqa: S301 - our own child wrote it
                future = self.waiting.get(call_id)
                if future is not None and not future.done():
                    future.set_result((ok, value))
        except (asyncio.IncompleteReadError, OSError, pickle.PickleError, ValueError, AttributeError):
            self._gone("stopped")

    def _gone(self, why: str) -> None:
        if self.alive:
            log.warning("worker process %s %s: its work runs in the server from now on", self.process.pid, why)
        self.alive = False
        for future in self.waiting.values():
            if not future.done():
                future.set_result(None)

    async def stop(self) -> None:
        self.alive = False
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 3)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()
        self.reader.cancel()


_workers: list[Worker] = []
_in_flight = 0


@contextlib.contextmanager
def serving() -> Iterator[None]:
    """Count a request as in flight while it is served (``call`` hands work off only when others wait)."""
    global _in_flight
    _in_flight += 1
    try:
        yield
    finally:
        _in_flight -= 1


# COGNITO_LOCAL_OFFLOAD=always hands work off even to a request that is alone (tests run every flow
# through the workers that way); the default hands off only while other requests wait.
_ALONE = 1 if os.environ.get("COGNITO_LOCAL_OFFLOAD") == "always" else 2


def pick() -> Worker | None:
    """The worker to hand work to now, or None to run it in place."""
    if _in_flight < _ALONE:
        return None
    return min((w for w in _workers if w.alive), key=lambda w: len(w.waiting), default=None)


def spare() -> Worker | None:
    """The least busy worker, for work no request is waiting on yet."""
    return min((w for w in _workers if w.alive), key=lambda w: len(w.waiting), default=None)


def idle() -> Worker | None:
    """A worker with nothing to do, to share a lone request's work with (its other core is free)."""
    return next((w for w in _workers if w.alive and not w.waiting), None)


async def call(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, in a worker if other requests are waiting, else in place.

    ``fn`` must be a module-level function of this package, and ``args`` and its result picklable.
    """
    worker = pick()
    if worker is not None:
        answer = await worker.call(fn, args)
        if answer is not None:
            ok, value = answer
            if ok:
                return value
            raise value
    return fn(*args)


def default_count() -> int:
    """One worker per core beyond the event loop's own, up to four; none on a single core."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


async def start(count: int) -> None:
    """Start ``count`` worker processes (they end when the server's end of their pipe closes)."""
    for _ in range(count):
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            f"{__package__}._worker",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            # Out of the terminal's process group: Ctrl-C stops the server, which closes the pipe.
            start_new_session=True,
        )
        _workers.append(Worker(process))


async def stop() -> None:
    workers = list(_workers)
    _workers.clear()
    for worker in workers:
        await worker.stop()
