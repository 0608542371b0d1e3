"""Compile the Designer sources in ui/ into console/views/_generated/ with pyside6-uic.

Run: python packaging/build_ui.py [--check]. --check compiles into a temporary directory and fails when
the committed output differs (the GUI tests run it).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
OUT = ROOT / "console" / "views" / "_generated"


def uic() -> str:
    exe = shutil.which("pyside6-uic")
    if not exe:
        raise SystemExit("pyside6-uic not found (it ships with PySide6)")
    return exe


def compile_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "__init__.py").write_text('"""pyside6-uic output of ui/*.ui: do not edit; run packaging/build_ui.py."""\n')
    made = []
    for src in sorted(UI.glob("*.ui")):
        target = out / f"ui_{src.stem}.py"
        subprocess.run([uic(), "--from-imports", "--no-autoconnection", str(src), "-o", str(target)], check=True)  # noqa: S603
        made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--check", action="store_true", help="fail when console/views/_generated is stale")
    ns = p.parse_args(argv)
    if not ns.check:
        for path in compile_all(OUT):
            print(path.relative_to(ROOT))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = compile_all(Path(tmp))
        stale = [f.name for f in fresh if not (OUT / f.name).exists() or (OUT / f.name).read_text() != f.read_text()]
        extra = sorted({p.name for p in OUT.glob("ui_*.py")} - {f.name for f in fresh})
    if stale or extra:
        print("stale generated UI:", ", ".join(stale + extra), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
