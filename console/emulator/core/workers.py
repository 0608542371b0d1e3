"""Worker processes for the server's CPU-bound crypto: RS256 signatures and SRP arithmetic.

The server is one process and one event loop; a sign-in spends most of its CPU in two RSA signatures
and 3072-bit exponentiations. While other requests are waiting, ``call`` runs such work in a worker
process (another core) and the loop serves them meanwhile; when a request is alone, the work runs in
place, which is quicker than any hand-off.

A worker is a child process (``_worker.py``) reading length-prefixed pickles on an anonymous pipe: a
hand-off costs tens of microseconds. Threads would not do: gmpy2 holds the GIL, and a worker thread
that signs with OpenSSL must win the GIL back from a busy loop to return, which cost more than the
signature (measured). ``concurrent.futures.ProcessPoolExecutor`` costs 1.5-2 ms per call here.

Without workers (``--workers 0``, an app not started by ``serve``), before they are up, or while one that
died or stopped answering (5 s) is being replaced, the work runs in place: never an error.
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
        self.sent: dict[int, float] = {}  # when each waiting call was sent (loop time), for the watchdog
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
        self.sent[call_id] = asyncio.get_running_loop().time()
        future.add_done_callback(lambda _: self._done(call_id))
        try:
            self.process.stdin.write(struct.pack(">I", len(frame)) + frame)
        except (OSError, RuntimeError):
            self._gone("lost its input")
        return future

    def _done(self, call_id: int) -> None:
        self.waiting.pop(call_id, None)
        self.sent.pop(call_id, None)

    def oldest(self) -> float | None:
        """When the longest-waiting call was sent, if any."""
        return min(self.sent.values(), default=None)

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
        except asyncio.CancelledError:
            raise
        except Exception:  # end of output, or an answer that does not unpickle: no answers from it again
            self._gone("stopped")

    def _gone(self, why: str, *, kill: bool = False) -> None:
        if self.alive:
            log.warning(
                "worker process %s %s: its work runs in the server until a new one is up", self.process.pid, why
            )
        self.alive = False
        # Only a worker given up on while it runs is killed: one whose output ended is exiting by itself,
        # and killing it would reap it behind asyncio's child watcher (which then warns).
        if kill and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
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
    return spare()


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
    """One worker per core this process may use beyond the event loop's own, up to four; none on one core."""
    try:
        cores = len(os.sched_getaffinity(0))  # a container's or taskset's limit, where cpu_count is the host's
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(0, min(4, cores - 1))


TIMEOUT = 5.0  # a call unanswered this long means a stuck worker: its calls run in place, it is replaced
RESTART_PAUSE = 10.0  # at most one new worker per slot this often (a worker that dies at start must not spin)
_watchdog: asyncio.Task[None] | None = None


def _command() -> list[str]:
    # A frozen build (PyInstaller) is itself the cognito-console program, which has a subcommand for this.
    if getattr(sys, "frozen", False):
        return [sys.executable, "emulator-worker"]
    return [sys.executable, "-m", f"{__package__}._worker"]


async def _spawn() -> Worker:
    process = await asyncio.create_subprocess_exec(
        *_command(),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        # Out of the terminal's process group: Ctrl-C stops the server, which closes the pipe.
        start_new_session=True,
    )
    return Worker(process)


async def _watch() -> None:
    """Replace workers that died or stopped answering."""
    loop = asyncio.get_running_loop()
    restarted: dict[int, float] = {}
    while True:
        await asyncio.sleep(1.0)
        now = loop.time()
        for slot, worker in enumerate(list(_workers)):
            oldest = worker.oldest()
            if worker.alive and oldest is not None and now - oldest > TIMEOUT:
                worker._gone(f"did not answer for {TIMEOUT:.0f} s", kill=True)
            if worker.alive or now - restarted.get(slot, -RESTART_PAUSE) < RESTART_PAUSE:
                continue
            restarted[slot] = now
            try:
                fresh = await _spawn()
            except OSError as exc:
                log.warning("could not start a worker process: %s", exc)
                continue
            if slot < len(_workers) and _workers[slot] is worker:
                _workers[slot] = fresh
                worker.reader.cancel()
            else:  # stopped meanwhile
                await fresh.stop()


async def start(count: int) -> None:
    """Start ``count`` worker processes (they end when the server's end of their pipe closes)."""
    global _watchdog
    for _ in range(count):
        _workers.append(await _spawn())
    if count:
        _watchdog = asyncio.get_running_loop().create_task(_watch())


async def stop() -> None:
    global _watchdog
    if _watchdog is not None:
        _watchdog.cancel()
        _watchdog = None
    workers = list(_workers)
    _workers.clear()
    for worker in workers:
        await worker.stop()
