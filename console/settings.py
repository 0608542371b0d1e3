"""Settings the console remembers (connections, theme, window state), over an injected QSettings."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from console.services.protocol import LOCAL_DEFAULT, Connection


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings("cognito-console", "cognito-console")

    def _get(self, key: str, default: Any = None) -> Any:
        value = self.q.value(key, default)
        return default if value is None else value

    # --- connections: names and non-secret fields only; secrets go to console.secrets ---
    def connections(self) -> list[Connection]:
        raw = self._get("connections/list", "")
        out: list[Connection] = []
        if raw:
            try:
                out = [Connection.from_dict(d) for d in json.loads(str(raw))]
            except (ValueError, KeyError, TypeError):
                out = []
        if not any(c.name == LOCAL_DEFAULT.name for c in out):
            out.insert(0, LOCAL_DEFAULT)
        return out

    def save_connection(self, connection: Connection) -> None:
        items = [c for c in self.connections() if c.name != connection.name]
        items.append(connection)
        self.q.setValue("connections/list", json.dumps([c.to_dict() for c in items]))

    def remove_connection(self, name: str) -> None:
        items = [c for c in self.connections() if c.name != name]
        self.q.setValue("connections/list", json.dumps([c.to_dict() for c in items]))

    def connection(self, name: str | None) -> Connection:
        items = self.connections()
        wanted = name or str(self._get("connections/last", "") or "")
        return next((c for c in items if c.name == wanted), items[0])

    def set_last_connection(self, name: str) -> None:
        self.q.setValue("connections/last", name)

    @property
    def first_run(self) -> bool:
        return not bool(self._get("connections/last", ""))

    # --- per-connection memory ---
    def last_pool(self, connection: str) -> str:
        return str(self._get(f"pools/{connection}", "") or "")

    def set_last_pool(self, connection: str, pool_id: str) -> None:
        self.q.setValue(f"pools/{connection}", pool_id)

    # --- appearance and window ---
    @property
    def theme(self) -> str:
        return str(self._get("ui/theme", "system"))

    @theme.setter
    def theme(self, value: str) -> None:
        self.q.setValue("ui/theme", value)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geo, state = self.q.value("window/geometry"), self.q.value("window/state")
        return (
            geo if isinstance(geo, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    @property
    def last_view(self) -> str:
        return str(self._get("ui/view", "pools"))

    @last_view.setter
    def last_view(self, value: str) -> None:
        self.q.setValue("ui/view", value)

    def user_columns(self) -> list[str]:
        raw = self._get("users/columns", "")
        if raw:
            try:
                cols = json.loads(str(raw))
                if isinstance(cols, list):
                    return [str(c) for c in cols]
            except ValueError:
                pass
        return ["email", "name"]

    def set_user_columns(self, cols: list[str]) -> None:
        self.q.setValue("users/columns", json.dumps(cols))

    def sync(self) -> None:
        self.q.sync()
