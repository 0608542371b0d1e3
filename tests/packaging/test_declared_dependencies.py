"""Every third-party package the code imports comes with what pyproject.toml declares (itself or as a requirement
of a declared one): the local Cognito's and the service layer's with the base dependencies (a base install runs
them), the desktop console's with the base or the console extra. An undeclared import works in the development
environment and fails after `pip install`."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "console"
# Imported only where the importing program brings them: console.testing is a pytest plugin (pytest loads it).
BROUGHT_BY_CALLER = {"pytest", "_pytest"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def with_their_requirements(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` name and, transitively, those they require (with the extras asked
    for): a module of any of them is there wherever the declared ones are installed."""
    names: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    stack = [Requirement(r) for r in requirements]
    while stack:
        requirement = stack.pop()
        key = (normalized(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(key[0])
        try:
            distribution = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        extras = requirement.extras or {""}
        for line in distribution.requires or []:
            needed = Requirement(line)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in extras):
                stack.append(needed)
    return names


def declared() -> tuple[set[str], set[str]]:
    """The distributions a base install has, and those the console extra adds."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = with_their_requirements(project["dependencies"])
    return base, with_their_requirements(project["optional-dependencies"]["console"])


def imported_modules(path: Path) -> set[str]:
    """Top-level names of the absolute imports in ``path``, those inside functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names - set(sys.stdlib_module_names) - {"console", "__future__"} - BROUGHT_BY_CALLER


def runs_without_the_extra(path: Path) -> bool:
    """The modules a base install runs: the local Cognito, the service layer, the command line and console.testing."""
    relative = path.relative_to(PACKAGE).parts
    return relative[0] in ("emulator", "services") or relative in (("cli.py",), ("testing.py",), ("__main__.py",))


def test_every_imported_package_is_declared() -> None:
    base, extra = declared()
    distributions = importlib.metadata.packages_distributions()
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        allowed = base if runs_without_the_extra(path) else base | extra
        for module in sorted(imported_modules(path)):
            owners = {normalized(d) for d in distributions.get(module, [])}
            if not owners:
                problems.append(f"{path.relative_to(ROOT)}: {module} is imported but no installed package provides it")
            elif not owners & allowed:
                where = "dependencies" if allowed is base else "dependencies or the console extra"
                where += " (nor required by one of them)"
                problems.append(f"{path.relative_to(ROOT)}: {module} ({', '.join(sorted(owners))}) is not in {where}")
    assert not problems, "\n".join(problems)
