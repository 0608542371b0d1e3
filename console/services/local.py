"""Find the local Cognito on its configured port, or start it as a child process (and stop only that).

A child's standard output and error (its log at info: a line per request, warnings, a traceback should it
crash) go to a log file of capped size, and a thread that keeps that file also notices when the child ends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from . import errors

HOST = "127.0.0.1"
DEFAULT_PORT = 9229

LOG_NAME = "local-cognito.log"
# About the last megabyte of a child's output is kept: the log file and the one before it, half each.
LOG_LIMIT = 1024 * 1024


def default_log_file() -> str:
    """The log of the local Cognito children the console starts, in the platform's user log directory
    (~/.local/state/cognito-console/log on Linux, ~/Library/Logs/cognito-console on macOS,
    %LOCALAPPDATA%\\cognito-console\\cognito-console\\Logs on Windows)."""
    import platformdirs

    return str(Path(platformdirs.user_log_dir("cognito-console")) / LOG_NAME)


def probe(base_url: str, timeout: float = 0.5) -> bool:
    """True when a local Cognito answers its health endpoint at base_url."""
    try:
        with urllib.request.urlopen(f"{base_url}/_emulator/health", timeout=timeout) as resp:  # noqa: S310 - http URL we built
            doc = json.loads(resp.read(65536))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("service") == "cognito-local"


def describe_exit(returncode: int) -> str:
    """How a process ended, said after its name: "was killed by SIGKILL", "exited with status 2"."""
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return "exited normally" if returncode == 0 else f"exited with status {returncode}"


def _stamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


# --- the log file ---------------------------------------------------------------------------------------------
class CappedLog:
    """An append-only log that keeps about the last ``limit`` bytes: once the file holds half of that, it
    becomes ``<name>.1`` (replacing the one before) and a new file starts. Lines are written through at once,
    so a crash of either process loses none. Files are made 0600: request lines name pools and app clients."""

    def __init__(self, path: str | Path, limit: int = LOG_LIMIT) -> None:
        self.path = Path(path)
        self.half = max(1, limit // 2)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self._open()

    def _open(self) -> IO[str]:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.size = os.fstat(fd).st_size
        return os.fdopen(fd, "a", encoding="utf-8", errors="replace", newline="\n")

    def write(self, line: str) -> None:
        if not line.endswith("\n"):
            line += "\n"
        if self.size >= self.half:
            self.file.close()
            os.replace(self.path, self.path.with_name(self.path.name + ".1"))
            self.file = self._open()
        self.file.write(line)
        self.file.flush()
        self.size += len(line.encode("utf-8", "replace"))

    def note(self, text: str) -> None:
        """A line of the console's own about the child (started, ended), stamped like the server's lines."""
        self.write(f"{_stamp()} console: {text}")

    def close(self) -> None:
        self.file.close()


def read_log(path: str | Path, max_lines: int = 5000) -> str:
    """The end of a CappedLog, oldest first: the file before the current one, then the current one, at most
    ``max_lines`` lines (blocking: use run_blocking). Empty when there is no log yet."""
    path = Path(path)
    tail: deque[str] = deque(maxlen=max_lines)
    for part in (path.with_name(path.name + ".1"), path):
        try:
            with part.open(encoding="utf-8", errors="replace") as f:
                tail.extend(f)
        except FileNotFoundError:
            continue
    return "".join(tail)


# --- a local Cognito: one found listening, or a child of ours -------------------------------------------------
@dataclass(eq=False)
class LocalServer:
    base_url: str
    process: subprocess.Popen[str] | None = None  # set only while a child we started is ours to stop
    data_dir: str = ""
    log_file: str = ""  # where a child's output goes; "" for a server someone else runs
    returncode: int | None = None  # how our child ended, once it has
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _pump: threading.Thread | None = field(default=None, repr=False)
    _on_exit: Callable[[], None] | None = field(default=None, repr=False)
    _ended: bool = field(default=False, repr=False)
    _stopping: bool = field(default=False, repr=False)

    @property
    def started_by_us(self) -> bool:
        return self.process is not None

    def exited(self) -> bool:
        """True when this is a child we started and it has ended (crashed, or was killed)."""
        if self.process is None:
            return False
        code = self.process.poll()
        if code is not None:
            self.returncode = code
        return code is not None

    def alive(self) -> bool:
        return not self.exited() and probe(self.base_url)

    def exit_status(self) -> str:
        """How our child ended ("was killed by SIGKILL"); empty while it runs, or for a server someone else runs."""
        return "" if self.returncode is None else describe_exit(self.returncode)

    def watch(self, on_exit: Callable[[], None]) -> None:
        """Call ``on_exit`` (on the thread that keeps the log) once this child ends by itself, not through
        stop(); at once should it have ended already. A server someone else runs is not watched."""
        with self._lock:
            self._on_exit = on_exit
            ended_by_itself = self._ended and not self._stopping
        if ended_by_itself:
            on_exit()

    def keep_output(self, stream: IO[str], log: CappedLog | None) -> None:
        """Copy the child's output into the log until it ends, then note how it ended (on a thread of its own)."""
        proc = self.process
        assert proc is not None

        def pump() -> None:
            try:
                for line in stream:
                    if log is not None:
                        log.write(line)
            except (OSError, ValueError):  # the pipe closed under us: the child is gone
                pass
            finally:
                code = proc.wait()
                stream.close()
                if log is not None:
                    log.note(f"the local Cognito (pid {proc.pid}) {describe_exit(code)}")
                    log.close()
                with self._lock:
                    self.returncode = code
                    self._ended = True
                    on_exit = None if self._stopping else self._on_exit
                if on_exit is not None:
                    on_exit()

        self._pump = threading.Thread(target=pump, name=f"local-cognito-log-{proc.pid}", daemon=True)
        self._pump.start()

    def stop(self, timeout: float = 5) -> None:
        """Stop the child we started; a server someone else runs is left alone."""
        proc = self.process
        if proc is None:
            return
        with self._lock:
            self._stopping = True
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout)
        if self._pump is not None:
            self._pump.join(timeout)  # the child's last lines and how it ended are in the log
        elif proc.stdout is not None:
            proc.stdout.close()
        self.returncode = proc.returncode
        self.process = None


def start_child(
    port: int = DEFAULT_PORT, data_dir: str = "", timeout: float = 20, log_file: str = "", ephemeral: bool = False
) -> LocalServer:
    """Start ``python -m console emulator`` and wait until it answers (blocking; use run_blocking). Its output
    goes to ``log_file`` (a CappedLog) when one is given; ``ephemeral`` keeps nothing on disk."""
    # A frozen build (PyInstaller) is itself the cognito-console command; otherwise run our module.
    prefix = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "console"]
    # --parent-pid: should the console crash or be killed, the child it started stops with it. --log-level
    # info: a line per request, so that the log says what the server was doing when it stopped.
    args = ["emulator", "--port", str(port), "--parent-pid", str(os.getpid()), "--log-level", "info"]
    if ephemeral:
        args.append("--ephemeral")
    elif data_dir:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        args += ["--data-dir", data_dir]
    log = CappedLog(log_file) if log_file else None
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
        [*prefix, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=str(Path(__file__).resolve().parents[2]),
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    if log is not None:
        log.note(f"started the local Cognito (pid {proc.pid}): cognito-console {' '.join(args)}")
    # The first line of standard output names the base URL; what the server says on standard error before
    # it (a port in use, a data directory it cannot write) goes to the log, and the last of it into the error.
    said = ""
    first = ""
    for line in proc.stdout:
        if line.startswith("http"):
            first = line.strip()
            break
        said = line.strip() or said
        if log is not None:
            log.write(line)
    server = LocalServer(first, proc, data_dir, log_file)
    server.keep_output(proc.stdout, log)
    if not first:
        server.stop()
        why = f": {said}" if said else " (is the port in use?)"
        raise errors.ConnectionLost("LocalCognitoFailed", f"The local Cognito did not start on port {port}{why}")
    deadline = time.monotonic() + timeout
    while not probe(first, timeout=1):
        if proc.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise errors.ConnectionLost("LocalCognitoFailed", f"The local Cognito at {first} did not answer.")
        time.sleep(0.05)
    return server


def find_or_start(port: int = DEFAULT_PORT, data_dir: str = "", log_file: str = "") -> LocalServer:
    """Use a local Cognito already listening on the port, else start one (blocking)."""
    base = f"http://{HOST}:{port}"
    if port and probe(base):
        return LocalServer(base)
    return start_child(port, data_dir, log_file=log_file)
