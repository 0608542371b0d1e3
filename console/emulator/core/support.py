"""The table of supported operations in README.md, generated from the registry and botocore's models.

``python -m console.emulator.core.support --write README.md`` rewrites the part of README.md between the
``<!-- operations:begin -->`` and ``<!-- operations:end -->`` markers: which botocore release's models it lists,
and for every operation whether it is supported and which module implements it.

``differences`` holds a README's table against the code. The table is stale when an operation is implemented,
removed or moved to another module; a botocore release with more (or fewer) operations than the table's does
not make it stale by itself, as long as none of the operations it lacks is implemented.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import botocore

from . import protocol, registry

BEGIN = "<!-- operations:begin -->"
END = "<!-- operations:end -->"
SERVICES = {
    "cognito-idp": "Cognito user pools (`cognito-idp`)",
    "cognito-identity": "Cognito identity pools (`cognito-identity`)",
    "cognito-sync": "Cognito Sync (`cognito-sync`)",
    "sts": "STS (`sts`)",
    "iam": "IAM (`iam`, roles and policies only)",
    "logs": "CloudWatch Logs (`logs`)",
    "cloudwatch": "CloudWatch (`cloudwatch`, metrics only)",
}
# Services whose table lists every operation of the model, supported or not; the others list the supported ones.
LISTED_IN_FULL = ("cognito-idp", "cognito-identity", "cognito-sync")
EMULATOR = Path(__file__).resolve().parents[1]  # module paths in the table are relative to console/emulator/
NOT_SUPPORTED = "—"

_TITLE = re.compile(r"^\*\*.*?\(`(?P<service>[a-z-]+)`")
_MODULE = re.compile(r"`(?P<path>[^`]+)`")


def module_path(module: str) -> str:
    """Where a module of the local Cognito is, relative to console/emulator/: ``user_pools/pools.py``."""
    file = sys.modules[module].__file__
    if file is None:
        raise ValueError(f"{module} has no source file")
    return Path(file).resolve().relative_to(EMULATOR).as_posix()


def implemented() -> dict[str, dict[str, str]]:
    """Every registered operation of the services in the table, with the module that implements it."""
    from .app import load_services  # the app's module imports uvicorn's machinery; the README tool needs none

    load_services()
    found: dict[str, dict[str, str]] = {}
    for service in SERVICES:
        ops: dict[str, str] = {}
        for op in registry.implemented(service):
            entry = registry.lookup(service, op)
            if entry is not None:
                ops[op] = module_path(entry.handler.__module__)
        if ops:
            found[service] = ops
    return found


def table() -> str:
    done = implemented()
    lines = [
        f"Operations of the service models in botocore {botocore.__version__}; modules are under `console/emulator/`.",
        "",
    ]
    for service, title in SERVICES.items():
        ops = done.get(service)
        if not ops:
            continue
        model_ops = set(protocol.service_model(service).operation_names)
        lines.append(f"**{title}**: {len(ops)} of {len(model_ops)} operations.\n")
        lines.append("| Operation | Supported | Module |")
        lines.append("|---|---|---|")
        listed = model_ops | set(ops) if service in LISTED_IN_FULL else set(ops)
        for op in sorted(listed):
            if op in ops:
                path = ops[op]
                lines.append(f"| {op} | yes | [`{path}`](console/emulator/{path}) |")
            else:
                lines.append(f"| {op} | {NOT_SUPPORTED} | |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _section(readme: str) -> tuple[str, str, str]:
    head, sep, rest = readme.partition(BEGIN)
    if not sep:
        raise ValueError(f"README has no {BEGIN} marker")
    body, sep2, tail = rest.partition(END)
    if not sep2:
        raise ValueError(f"README has no {END} marker")
    return head, body, tail


def render(readme: str) -> str:
    head, _, tail = _section(readme)
    return f"{head}{BEGIN}\n{table()}{END}{tail}"


def parse(readme: str) -> dict[str, dict[str, str | None]]:
    """The README's table: service -> operation -> the module named for it, or None where it is not supported."""
    listed: dict[str, dict[str, str | None]] = {}
    rows: dict[str, str | None] | None = None
    for line in _section(readme)[1].splitlines():
        title = _TITLE.match(line)
        if title:
            rows = listed.setdefault(title["service"], {})
            continue
        if rows is None or not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] == "Operation" or set(cells[0]) <= {"-"}:
            continue
        module = _MODULE.search(cells[2])
        rows[cells[0]] = module["path"] if cells[1] == "yes" and module else None
    return listed


def differences(readme: str) -> list[str]:
    """Where the README's table and the registry disagree; empty when the table is current for the code."""
    listed = parse(readme)
    done = implemented()
    found: list[str] = []
    for service in sorted(set(listed) | set(done)):
        rows = listed.get(service, {})
        ops = done.get(service, {})
        for op, path in sorted(ops.items()):
            if rows.get(op) is None:
                found.append(f"{service} {op}: implemented in {path}, not supported in the README")
            elif rows[op] != path:
                found.append(f"{service} {op}: implemented in {path}, the README names {rows[op]}")
        for op, named in sorted(rows.items()):
            if named is not None and op not in ops:
                found.append(f"{service} {op}: supported ({named}) in the README, implemented nowhere")
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--write", metavar="README", help="rewrite the table in this file")
    ns = p.parse_args(argv)
    if ns.write:
        path = Path(ns.write)
        path.write_text(render(path.read_text()))
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
