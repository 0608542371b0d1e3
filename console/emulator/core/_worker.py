"""A worker process of the local Cognito's server: runs CPU-bound crypto for it (see workers.py).

Reads frames from stdin and answers on stdout, in order. A frame is a 4-byte big-endian length and a
pickle; both ends are this package, over an anonymous pipe the server made. A request is
``(call_id, function, args)`` with a module-level function of this package; the answer is
``(call_id, True, result)`` or ``(call_id, False, exception)``. Ends at end of input: when the server
stops, or dies.
"""

from __future__ import annotations

import pickle
import signal
import struct
import sys
from typing import BinaryIO


def _read(stream: BinaryIO, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def main() -> int:
    # The server stops on Ctrl-C; this process ends when its input closes (it runs in a session of its
    # own, and ignores an interrupt sent to it anyway).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reader, writer = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = _read(reader, 4)
        frame = None if header is None else _read(reader, struct.unpack(">I", header)[0])
        if frame is None:
            return 0
        call_id, function, args = pickle.loads(frame)  # noqa: S301 - the server that started us wrote it
        try:
            answer = (call_id, True, function(*args))
        except Exception as exc:  # the server raises it where the call was made
            answer = (call_id, False, exc)
        try:
            out = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an answer that does not pickle
            out = pickle.dumps((call_id, False, RuntimeError(f"unpicklable answer: {exc}")))
        writer.write(struct.pack(">I", len(out)) + out)
        writer.flush()


if __name__ == "__main__":
    sys.exit(main())
