"""Lambda calls without freezing the server: replay with memoised answers.

A trigger is called from deep inside a handler, in the middle of the request's SQLite transaction. Calling
the Lambda there would hold the event loop (and the write lock) for as long as the function runs (up to
5 s; seconds on a cold ``sam local`` start), so every other client of the local Cognito would wait.

Instead, when a handler asks for a trigger's answer it does not have yet, ``triggers.invoke`` raises
``PendingInvocation``: the transaction rolls back, ``settle`` makes the call on a worker thread while the
loop keeps serving, stores the answer (or the AWS error) by call order, and runs the work again from the
start. The second run reaches the same call, finds the answer, and goes on; a request that calls several
triggers settles them one by one. Each function is invoked once per request, as AWS invokes it, and
nothing the first run wrote survives it.

Work must be deterministic up to its trigger calls for the answers to line up; handlers are (their clock
is ``ctx.now``, fixed per request). Anything that commits between steps (auth.py's sign-in steps) settles
each step on its own.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from .context import RequestContext
from .errors import AwsError

T = TypeVar("T")


class PendingInvocation(BaseException):
    """A trigger answer the work needs and does not have yet (a BaseException, so that handlers'
    ``except Exception`` clauses let it through to ``settle``)."""

    def __init__(self, index: int, call: Callable[[], Any]) -> None:
        super().__init__(f"pending Lambda invocation #{index}")
        self.index = index
        self.call = call


def next_answer(ctx: RequestContext, call: Callable[[], Any]) -> Any:
    """The answer of this request's next Lambda call: memoised, made now, or made pending.

    ``call`` blocks (HTTP to the Lambda endpoint) and returns the answer or raises AwsError. Outside
    ``settle`` (a background job) it is made in place.
    """
    memo = ctx.__dict__.setdefault(_MEMO, {})
    index = ctx.__dict__.get(_COUNT, 0)
    ctx.__dict__[_COUNT] = index + 1
    if index not in memo:
        if not ctx.__dict__.get(_SETTLING):
            return call()
        raise PendingInvocation(index, call)
    outcome = memo[index]
    if isinstance(outcome, AwsError):
        raise AwsError(outcome.code, outcome.message, outcome.status)
    return outcome


async def settle(ctx: RequestContext, attempt: Callable[[], Any]) -> Any:
    """Run ``attempt`` until its Lambda calls are answered; its result, awaited if it is awaitable.

    ``attempt`` is synchronous work in its own transaction, or an ``async def`` handler made of one
    transaction.
    """
    outer = ctx.__dict__.get(_SETTLING, False)
    ctx.__dict__[_SETTLING] = True
    saved = _snapshot(ctx)
    try:
        while True:
            ctx.__dict__[_COUNT] = 0
            ctx.__dict__[_STABLE_COUNT] = 0
            try:
                result = attempt()
                return await result if inspect.isawaitable(result) else result
            except PendingInvocation as pending:
                memo = ctx.__dict__.setdefault(_MEMO, {})
                try:
                    memo[pending.index] = await asyncio.to_thread(pending.call)
                except AwsError as err:
                    memo[pending.index] = err
                _restore(ctx, saved)
    finally:
        ctx.__dict__[_SETTLING] = outer


def stable(ctx: RequestContext, make: Callable[[], T]) -> T:
    """A random value (a code, a sub) that is the same again when the work is replayed, so that what a
    function was sent (a custom sender gets the code) is what the request finally stores."""
    values: list[Any] = ctx.__dict__.setdefault(_STABLE, [])
    index = ctx.__dict__.get(_STABLE_COUNT, 0)
    ctx.__dict__[_STABLE_COUNT] = index + 1
    if index == len(values):
        values.append(make())
    value: T = values[index]
    return value


def reset_memo(ctx: RequestContext) -> None:
    """Forget answers (between the committed steps of a multi-step flow: each step numbers its own)."""
    ctx.__dict__[_MEMO] = {}
    ctx.__dict__[_STABLE] = []


_MEMO = "_invocations_memo"
_COUNT = "_invocations_count"
_SETTLING = "_invocations_settling"
_STABLE = "_invocations_stable"
_STABLE_COUNT = "_invocations_stable_count"
_OWN = {_MEMO, _COUNT, _SETTLING, _STABLE, _STABLE_COUNT}


_FIELDS = {f.name for f in dataclasses.fields(RequestContext)} | _OWN


def _snapshot(ctx: RequestContext) -> dict[str, Any]:
    """Request-scoped scratch state modules keep on ``ctx`` (flow_hooks' pending writes, risk...)."""
    return {k: copy.copy(v) for k, v in ctx.__dict__.items() if k not in _FIELDS}


def _restore(ctx: RequestContext, saved: dict[str, Any]) -> None:
    for key in [k for k in ctx.__dict__ if k not in _FIELDS]:
        del ctx.__dict__[key]
    ctx.__dict__.update({k: copy.copy(v) for k, v in saved.items()})
