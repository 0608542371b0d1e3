"""The table of supported operations in README.md, generated from the registry and botocore's models.

``python -m console.emulator.core.support --write README.md`` rewrites the part of README.md between the
``<!-- operations:begin -->`` and ``<!-- operations:end -->`` markers; a test fails when it is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
}


def table() -> str:
    from .app import load_services  # the app's module imports uvicorn's machinery; the README tool needs none

    load_services()
    lines: list[str] = []
    for service, title in SERVICES.items():
        done = set(registry.implemented(service))
        if not done:
            continue
        model_ops = list(protocol.service_model(service).operation_names)
        lines.append(f"**{title}**: {len(done)} of {len(model_ops)} operations.\n")
        lines.append("| Operation | Supported |")
        lines.append("|---|---|")
        for op in model_ops:
            if op in done or service in ("cognito-idp", "cognito-identity", "cognito-sync"):
                lines.append(f"| {op} | {'yes' if op in done else '—'} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(readme: str) -> str:
    head, sep, rest = readme.partition(BEGIN)
    if not sep:
        raise ValueError(f"README has no {BEGIN} marker")
    _, sep2, tail = rest.partition(END)
    if not sep2:
        raise ValueError(f"README has no {END} marker")
    return f"{head}{BEGIN}\n{table()}{END}{tail}"


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
