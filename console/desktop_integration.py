"""``cognito-console install-desktop``: the desktop entry, the AppStream metainfo and the app icon put where
freedesktop.org desktops look for a user's applications ($XDG_DATA_HOME, by default ~/.local/share), or taken
away again with ``--uninstall``. Plain file copies from the bundled resources: no Qt, no display needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from console import resources

APP_ID = "io.github.cognito_console.CognitoConsole"
COMMAND = "cognito-console"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Characters that the Desktop Entry Specification's Exec key reserves: a path holding one is quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class Installed:
    """One file of the desktop integration: where it comes from in resources/ and where it goes."""

    source: Path
    target: Path


def data_home(environ: Mapping[str, str]) -> Path:
    """$XDG_DATA_HOME when it is an absolute path (the specification ignores a relative one), else ~/.local/share."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def files(home: Path) -> list[Installed]:
    """Every file the integration writes under ``home``, with the bundled file it is copied from."""
    root = resources.root()
    icons = home / "icons" / "hicolor"
    made = [
        Installed(root / "desktop" / f"{APP_ID}.desktop", home / "applications" / f"{APP_ID}.desktop"),
        Installed(root / "desktop" / f"{APP_ID}.metainfo.xml", home / "metainfo" / f"{APP_ID}.metainfo.xml"),
        Installed(root / "icons" / "app.svg", icons / "scalable" / "apps" / f"{APP_ID}.svg"),
    ]
    made += [
        Installed(root / "icons" / f"app-{size}.png", icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
        for size in ICON_SIZES
    ]
    return made


def launcher(executable: str | None = None, which: Callable[[str], str | None] = shutil.which) -> str:
    """What the desktop entry's Exec runs: ``cognito-console`` when that name on PATH is this installation's
    command; otherwise this installation's command by its full path (a virtualenv not on the desktop's PATH,
    a frozen build)."""
    if getattr(sys, "frozen", False):
        own = Path(sys.executable)
    else:
        own = Path(executable or sys.executable).parent / COMMAND
        if not own.is_file():  # run from a source tree: the one on PATH is all there is
            return COMMAND
    found = which(COMMAND)
    if found and Path(found).resolve() == own.resolve():
        return COMMAND
    return exec_argument(str(own))


class UnusablePath(ValueError):
    """An installation path no Exec key can hold: a control character (a line break would end the key and
    start another), a line or paragraph separator, or a byte that is not UTF-8."""

    def __init__(self, path: str, character: str) -> None:
        super().__init__(
            f"the installation's path {path!r} holds {_describe(character)}, which a desktop entry's Exec key"
            " cannot hold; install Cognito Console under a path without it"
        )
        self.path = path
        self.character = character


def _describe(character: str) -> str:
    if unicodedata.category(character) == "Cs":
        return "a byte that is not UTF-8"
    return f"U+{ord(character):04X} (a line break or other control character)"


def exec_argument(path: str) -> str:
    """``path`` as one argument of an Exec key, written as the Desktop Entry Specification says: a literal %
    doubled (``%u`` and its kind are field codes the desktop replaces), quoted when it holds a reserved
    character. Raises ``UnusablePath`` for a path holding a line break or other control character."""
    bad = next((c for c in path if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")), None)
    if bad is not None:
        raise UnusablePath(path, bad)
    path = path.replace("%", "%%")
    if not _RESERVED & set(path):
        return path
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in path)
    # The key's value is itself a string whose backslashes are escaped once more.
    return '"' + quoted.replace("\\", "\\\\") + '"'


def desktop_entry(text: str, command: str) -> str:
    """The bundled desktop entry with its Exec key running ``command``."""
    lines = [f"Exec={command}" if line.split("=", 1)[0].strip() == "Exec" else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def refresh_caches(home: Path, run: Callable[[list[str]], object] | None = None) -> list[str]:
    """Tell the desktop about the change: update-desktop-database and gtk-update-icon-cache, each when
    installed. A missing or failing tool is noted, never fatal (desktops also watch these folders)."""
    notes = []
    commands = [
        ["update-desktop-database", "-q", str(home / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons" / "hicolor")],
    ]
    for command in commands:
        exe = shutil.which(command[0])
        if exe is None:
            continue
        try:
            if run is not None:
                run([exe, *command[1:]])
            else:
                subprocess.run([exe, *command[1:]], check=True, capture_output=True, timeout=60)  # noqa: S603
        except (OSError, subprocess.SubprocessError) as exc:
            notes.append(f"{command[0]} did not succeed ({exc}); the desktop picks the change up on its next scan")
    return notes


def install(home: Path, command: str) -> list[Path]:
    """Write every file of the integration under ``home``; the desktop entry runs ``command``."""
    written = []
    for item in files(home):
        item.target.parent.mkdir(parents=True, exist_ok=True)
        if item.target.suffix == ".desktop":
            text = desktop_entry(item.source.read_text(encoding="utf-8"), command)
            item.target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(item.source, item.target)
        written.append(item.target)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove the files ``install`` writes (those that are there); folders stay."""
    removed = []
    for item in files(home):
        if item.target.is_file() or item.target.is_symlink():
            item.target.unlink()
            removed.append(item.target)
    return removed


def main(remove: bool, environ: Mapping[str, str] | None = None) -> int:
    """The command: install or uninstall, say what changed on standard output, notes on standard error."""
    home = data_home(os.environ if environ is None else environ)
    missing = [str(item.source) for item in files(home) if not item.source.is_file()]
    if missing and not remove:
        print(f"cognito-console: the installation lacks {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        command = "" if remove else launcher()
    except UnusablePath as exc:
        print(f"cognito-console: {exc}", file=sys.stderr)
        return 1
    try:
        changed = uninstall(home) if remove else install(home, command)
    except OSError as exc:
        print(f"cognito-console: {exc}", file=sys.stderr)
        return 1
    for path in changed:
        print(("removed " if remove else "") + str(path))
    if remove and not changed:
        print(f"nothing to remove under {home}")
    for note in refresh_caches(home):
        print(f"cognito-console: {note}", file=sys.stderr)
    return 0
