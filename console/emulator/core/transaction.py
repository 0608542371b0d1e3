"""A request's unit of work: one transaction, and the writes it keeps when it fails.

A failed attempt (a wrong code, a wrong password) rolls back everything it wrote, but some of what it did
must stay: the attempt counted against a quota, the lockout's failure count, the auth event that records
the failure, a used SRP secret block. Work asks for that with ``ctx.keep(write)``; ``run`` commits the
kept writes with the work when it succeeds, and after the rollback, in a transaction of their own, when it
raises an AWS error. The dispatcher runs every plain handler this way, and the sign-in flows each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .context import RequestContext
from .errors import AwsError

T = TypeVar("T")


def run(ctx: RequestContext, work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` in one transaction, with the writes it kept (see the module's docstring)."""
    try:
        with ctx.store.tx():
            result = work(*args)
            _run_kept(ctx)
            return result
    except AwsError:
        if ctx.scratch.kept:
            with ctx.store.tx():
                _run_kept(ctx)
        raise
    finally:
        ctx.scratch.kept.clear()


def _run_kept(ctx: RequestContext) -> None:
    kept, ctx.scratch.kept = ctx.scratch.kept, []
    for write in kept:
        write()
