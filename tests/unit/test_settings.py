"""Settings over an injected QSettings: connections without secrets, per-connection pools, window state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from console.services.protocol import LOCAL_DEFAULT, Connection, ConnectionKind
from console.settings import Settings


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def settings_at(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def test_first_run_is_the_local_cognito(ini: Path) -> None:
    s = settings_at(ini)
    assert s.first_run
    assert s.connections() == [LOCAL_DEFAULT]
    assert s.connection(None) == LOCAL_DEFAULT
    assert s.theme == "system" and s.last_view == "pools"
    assert s.user_columns() == ["email", "name"]
    assert s.window_state() == (None, None)


def test_connections_round_trip_without_secrets(ini: Path) -> None:
    s = settings_at(ini)
    keys = Connection("work", ConnectionKind.KEYS, "eu-west-1", access_key_id="AKIAEXAMPLEEXAMPLE")
    prof = Connection("dev", ConnectionKind.PROFILE, "us-west-2", profile="dev")
    s.save_connection(keys)
    s.save_connection(prof)
    s.set_last_connection("work")
    s.set_last_pool("work", "eu-west-1_abc")
    s.sync()

    again = settings_at(ini)
    assert not again.first_run
    assert [c.name for c in again.connections()] == ["Local Cognito", "work", "dev"]
    assert again.connection(None) == keys
    assert again.connection("dev") == prof
    assert again.connection("gone") == LOCAL_DEFAULT  # an unknown name falls back to the first
    assert again.last_pool("work") == "eu-west-1_abc" and again.last_pool("dev") == ""
    text = ini.read_text()
    assert "AKIAEXAMPLEEXAMPLE" in text and "secret" not in text.lower()

    again.save_connection(Connection("work", ConnectionKind.KEYS, "eu-central-1", access_key_id="AKIAOTHER00000000"))
    assert [c.region for c in again.connections() if c.name == "work"] == ["eu-central-1"]
    again.remove_connection("work")
    assert [c.name for c in again.connections()] == ["Local Cognito", "dev"]


def test_corrupt_connection_list_is_survivable(ini: Path) -> None:
    q = QSettings(str(ini), QSettings.Format.IniFormat)
    q.setValue("connections/list", "{not json")
    q.setValue("users/columns", "[broken")
    s = Settings(q)
    assert s.connections() == [LOCAL_DEFAULT]
    assert s.user_columns() == ["email", "name"]


def test_window_state_theme_view_and_columns(ini: Path) -> None:
    s = settings_at(ini)
    s.save_window_state(QByteArray(b"geometry"), QByteArray(b"state"))
    s.theme = "dark"
    s.last_view = "users"
    s.set_user_columns(["email", "phone_number"])
    s.sync()
    again = settings_at(ini)
    geometry, state = again.window_state()
    assert geometry is not None and bytes(geometry.data()) == b"geometry"
    assert state is not None and bytes(state.data()) == b"state"
    assert again.theme == "dark" and again.last_view == "users"
    assert again.user_columns() == ["email", "phone_number"]
