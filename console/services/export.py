"""Export the users a search lists to CSV, page by page, cancellable between pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from .boto import run_blocking
from .protocol import Page, User, UserFilter

FIXED_COLUMNS = ("username", "status", "enabled", "created", "modified")


class _Lister(Protocol):
    async def list_users(
        self, pool_id: str, flt: UserFilter | None = None, token: str | None = None, limit: int = 60
    ) -> Page[User]: ...


def users_csv(users: Sequence[User], attributes: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*FIXED_COLUMNS, *attributes])
    for u in users:
        writer.writerow(
            [
                u.username,
                u.status,
                "true" if u.enabled else "false",
                u.created.isoformat() if u.created else "",
                u.modified.isoformat() if u.modified else "",
                *[_safe(u.attributes.get(a, "")) for a in attributes],
            ]
        )
    return out.getvalue()


def _safe(value: str) -> str:
    # A cell starting with = + - @ is a formula to spreadsheets: neutralise it (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


async def export_users(
    service: _Lister,
    pool_id: str,
    flt: UserFilter | None,
    path: Path,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write every user the filter lists to ``path``; returns the count. Cancel the task to stop."""
    users: list[User] = []
    token: str | None = None
    while True:
        page = await service.list_users(pool_id, flt, token)
        users += page.items
        if on_progress:
            on_progress(len(users))
        token = page.next_token
        if not token:
            break
    attributes = sorted({k for u in users for k in u.attributes})
    if "sub" in attributes:
        attributes.remove("sub")
        attributes.insert(0, "sub")
    text = users_csv(users, attributes)
    await run_blocking(path.write_text, text, encoding="utf-8", newline="")
    return len(users)
