"""Export the users a search lists to CSV in the user import format (GetCSVHeader's columns), page by page,
cancellable between pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from .boto import run_blocking
from .protocol import Page, User, UserFilter

BIRTHDATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A cell that is only a number (a phone number in E.164, a negative Number attribute) holds no formula to
# neutralise, and a quote in front of it would make the row fail a re-import.
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


class _Lister(Protocol):
    async def list_users(
        self, pool_id: str, flt: UserFilter | None = None, token: str | None = None, limit: int = 60
    ) -> Page[User]: ...

    async def csv_header(self, pool_id: str) -> list[str]: ...


def users_csv(users: Sequence[User], header: Sequence[str]) -> str:
    """The users in the columns of GetCSVHeader, in the forms a user import job reads back: cognito:username,
    cognito:mfa_enabled, birthdate as mm/dd/yyyy, unquoted values with \\, for a comma; every cell safe to open
    in a spreadsheet."""
    lines = [",".join(header)]
    lines += [",".join(_escape(safe(_cell(u, column))) for column in header) for u in users]
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    # The import format has no quoting: a comma inside a value is written \, and a line break would end the row.
    return " ".join(value.splitlines()).replace(",", "\\,")


def _cell(user: User, column: str) -> str:
    if column == "cognito:username":
        return user.username
    if column == "cognito:mfa_enabled":
        return "true" if user.mfa else "false"
    value = user.attributes.get(column, "")
    if column == "birthdate" and (m := BIRTHDATE.match(value)):
        return f"{m[2]}/{m[3]}/{m[1]}"
    if column in ("email_verified", "phone_number_verified") and not value:
        return "false"
    return value


def safe(value: str) -> str:
    """A cell starting with = + - @, a tab or a carriage return is a formula to spreadsheets (CSV injection):
    a quote in front makes it text."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(value):
        return "'" + value
    return value


async def export_users(
    service: _Lister,
    pool_id: str,
    flt: UserFilter | None,
    path: Path,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write every user the filter lists to ``path`` in the user import CSV format; returns the count. Cancel the
    task to stop."""
    header = await service.csv_header(pool_id)
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
    text = users_csv(users, header)
    await run_blocking(path.write_text, text, encoding="utf-8", newline="")
    return len(users)
