"""The one secret store: AWS secret access keys live in keyring, never in settings files.

With no usable keyring backend the store falls back to memory for this session only, and says so
(``persistent`` is False; the window shows a banner). It never falls back to plaintext on disk.
"""

from __future__ import annotations

import contextlib
from typing import Any

SERVICE = "cognito-console"


def _usable(backend: Any) -> bool:
    try:
        from keyring.backends import fail

        if isinstance(backend, fail.Keyring):
            return False
        try:
            from keyring.backends import null

            if isinstance(backend, null.Keyring):
                return False
        except ImportError:  # pragma: no cover - older keyring
            pass
        # chainer with nothing behind it is as good as none
        return float(getattr(backend, "priority", 1)) > 0
    except Exception:
        return False


class SecretStore:
    def __init__(self, backend: Any | None = None) -> None:
        import keyring

        self._keyring = keyring
        self._backend = backend if backend is not None else keyring.get_keyring()
        self.persistent = _usable(self._backend)
        self._memory: dict[str, str] = {}

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__ if self.persistent else "memory (this session only)"

    def _key(self, connection_name: str) -> str:
        return f"connection:{connection_name}"

    def get(self, connection_name: str) -> str | None:
        key = self._key(connection_name)
        if self.persistent:
            try:
                value = self._backend.get_password(SERVICE, key)
            except Exception:
                value = None
            if value is not None:
                return str(value)
        return self._memory.get(key)

    def set(self, connection_name: str, secret: str) -> bool:
        """Store the secret; returns True when it will outlive this session."""
        key = self._key(connection_name)
        if self.persistent:
            try:
                self._backend.set_password(SERVICE, key, secret)
                return True
            except Exception:
                self.persistent = False
        self._memory[key] = secret
        return False

    def delete(self, connection_name: str) -> None:
        key = self._key(connection_name)
        self._memory.pop(key, None)
        if self.persistent:
            # nothing stored under that name is fine
            with contextlib.suppress(Exception):
                self._backend.delete_password(SERVICE, key)
