"""The local Cognito's outbox as a table: one row per email or SMS message, newest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .table import Column, RecordTableModel


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    channel: str  # EMAIL | SMS
    destination: str
    username: str
    code: str
    subject: str
    body: str
    created: datetime | None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> OutboxMessage:
        created = record.get("created_at")
        return cls(
            id=int(record.get("id") or 0),
            channel=str(record.get("channel") or ""),
            destination=str(record.get("destination") or ""),
            username=str(record.get("username") or ""),
            code=str(record.get("code") or ""),
            subject=str(record.get("subject") or ""),
            body=str(record.get("body") or ""),
            created=datetime.fromtimestamp(float(created), UTC) if created is not None else None,
        )


COLUMNS: list[Column[OutboxMessage]] = [
    Column("Sent", lambda m: m.created),
    Column("Channel", lambda m: m.channel),
    Column("To", lambda m: m.destination),
    Column("User", lambda m: m.username),
    Column("Code", lambda m: m.code),
    Column("Subject", lambda m: m.subject),
]


class OutboxModel(RecordTableModel[OutboxMessage]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, lambda m: str(m.id), parent)

    def set_messages(self, records: Iterable[Mapping[str, Any]]) -> None:
        """The outbox's records (oldest first, as the server lists them), shown newest first."""
        messages = [OutboxMessage.from_record(r) for r in records]
        self.set_items(sorted(messages, key=lambda m: m.id, reverse=True))
