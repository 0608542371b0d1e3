"""The keyring-backed secret store: an in-memory backend for tests, and the visible fallback without one."""

from __future__ import annotations

from typing import Any

from keyring.backends import fail

from console.secrets import SERVICE, SecretStore
from tests.memory_keyring import MemoryKeyring


class BrokenKeyring(MemoryKeyring):
    """A backend that is there but refuses to store (a locked collection, say)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("the collection is locked")


def test_secrets_go_to_keyring() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend)
    assert store.persistent and store.backend_name == "MemoryKeyring"
    assert store.set("work", "s3cret") is True
    assert backend.store == {(SERVICE, "connection:work"): "s3cret"}
    # A new store over the same backend (the next session) reads it back.
    assert SecretStore(backend).get("work") == "s3cret"
    assert store.get("other") is None
    store.delete("work")
    assert store.get("work") is None and not backend.store
    store.delete("never-stored")  # nothing there is fine


def test_no_backend_falls_back_to_memory_and_says_so() -> None:
    store = SecretStore(fail.Keyring())
    assert not store.persistent
    assert "this session only" in store.backend_name
    assert store.set("work", "s3cret") is False  # the caller shows the banner
    assert store.get("work") == "s3cret"
    # Nothing outlives the session: a new store knows nothing.
    assert SecretStore(fail.Keyring()).get("work") is None
    store.delete("work")
    assert store.get("work") is None


def test_a_failing_backend_degrades_visibly_not_silently() -> None:
    backend: Any = BrokenKeyring()
    store = SecretStore(backend)
    assert store.persistent
    assert store.set("work", "s3cret") is False
    assert not store.persistent  # from now on the window shows the fallback banner
    assert store.get("work") == "s3cret"
    assert not backend.store
