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
is ``ctx.now``, fixed per request). Work that commits between steps (the sign-in's, user_pools/auth/)
settles each step on its own.
"""

from __future__ import annotations

import asyncio
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
    state = ctx.invocations
    index = state.count
    state.count += 1
    if index not in state.memo:
        if not state.settling:
            return call()
        raise PendingInvocation(index, call)
    outcome = state.memo[index]
    if isinstance(outcome, AwsError):
        raise AwsError(outcome.code, outcome.message, outcome.status)
    return outcome


async def settle(ctx: RequestContext, attempt: Callable[[], Any]) -> Any:
    """Run ``attempt`` until its Lambda calls are answered; its result, awaited if it is awaitable.

    ``attempt`` is synchronous work in its own transaction, or an ``async def`` handler made of one
    transaction.
    """
    state = ctx.invocations
    outer = state.settling
    state.settling = True
    saved = ctx.scratch.copy()
    try:
        while True:
            state.count = 0
            state.stable_count = 0
            try:
                result = attempt()
                return await result if inspect.isawaitable(result) else result
            except PendingInvocation as pending:
                try:
                    state.memo[pending.index] = await asyncio.to_thread(pending.call)
                except AwsError as err:
                    state.memo[pending.index] = err
                ctx.scratch = saved.copy()
    finally:
        state.settling = outer


def stable(ctx: RequestContext, make: Callable[[], T]) -> T:
    """A random value (a code, a sub) that is the same again when the work is replayed, so that what a
    function was sent (a custom sender gets the code) is what the request finally stores."""
    state = ctx.invocations
    index = state.stable_count
    state.stable_count += 1
    if index == len(state.stable):
        state.stable.append(make())
    value: T = state.stable[index]
    return value


def reset_memo(ctx: RequestContext) -> None:
    """Forget answers (between the committed steps of a multi-step flow: each step numbers its own)."""
    ctx.invocations.memo = {}
    ctx.invocations.stable = []
