"""The server's transport wrapper: a response's header and body writes leave as one write."""

from __future__ import annotations

import asyncio
from typing import Any

from console.emulator.core.serving import _CoalescingTransport


class FakeTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> Any:
        return ("127.0.0.1", 1) if name == "peername" else None


def test_writes_in_one_turn_of_the_loop_leave_as_one() -> None:
    async def run() -> FakeTransport:
        real = FakeTransport()
        wrapped = _CoalescingTransport(real, asyncio.get_running_loop())  # type: ignore[arg-type]
        wrapped.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        assert real.writes == []  # headers wait for their body
        wrapped.write(b"{}")
        assert len(real.writes) == 1  # the body after its headers: both at once
        wrapped.write(b"next")  # a lone write goes at the end of the turn
        assert len(real.writes) == 1
        await asyncio.sleep(0)
        assert wrapped.get_extra_info("peername") == ("127.0.0.1", 1)  # the rest is the real transport's
        return real

    real = asyncio.run(run())
    assert real.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", b"next"]


def test_closing_sends_what_is_pending_first_and_nothing_after() -> None:
    async def run() -> FakeTransport:
        real = FakeTransport()
        wrapped = _CoalescingTransport(real, asyncio.get_running_loop())  # type: ignore[arg-type]
        wrapped.write(b"last words")
        wrapped.close()
        wrapped.write(b"too late")
        await asyncio.sleep(0)
        return real

    real = asyncio.run(run())
    assert real.writes == [b"last words"] and real.closed
