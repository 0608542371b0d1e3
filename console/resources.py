"""Where the bundled resources live (icons, themes, the breached-password list), however the package was installed.

A source checkout or an editable install reads ``resources/`` beside the package; a PyInstaller bundle
its own folder; a wheel install the copy it put under the environment's ``share/cognito-console/``.
"""

from __future__ import annotations

import site
import sys
from pathlib import Path

SHARED = Path("share") / "cognito-console" / "resources"


def root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    for prefix in (sys.prefix, site.USER_BASE or ""):
        if prefix and (Path(prefix) / SHARED).is_dir():
            return Path(prefix) / SHARED
    return Path(sys.prefix) / SHARED
