"""Command-line parsing: ``cognito-console`` opens the console; ``cognito-console emulator`` serves the
local Cognito. Heavy imports (Qt, uvicorn) happen only in the branch that needs them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def emulator_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cognito-console emulator",
        description="Serve the local Cognito (user pools, identity pools, hosted UI) over the AWS wire protocol.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=9229, help="port; 0 picks a free one (default: 9229)")
    p.add_argument("--data-dir", default="", help="where the SQLite database lives (default: user data dir)")
    p.add_argument("--region", default="us-east-1", help="the AWS region to answer as (default: us-east-1)")
    p.add_argument("--lambda-endpoint", default=None, help="Lambda Invoke API for triggers, e.g. sam local")
    p.add_argument(
        "--issuer",
        choices=["local", "aws"],
        default="local",
        help="token issuer: {base}/{poolId} (local) or https://cognito-idp.{region}.amazonaws.com/{poolId}",
    )
    p.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    p.add_argument(
        "--parent-pid",
        type=int,
        default=None,
        help="stop when this process is gone (a console or test run that started the server and died)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for signing and SRP arithmetic (default: one per core beyond the first, up to 4; 0: none)",
    )
    p.add_argument(
        "--movable-clock",
        action="store_true",
        help='let tests move the server\'s clock forward with POST /_emulator/clock {"advance": seconds}',
    )
    return p


def gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cognito-console", description="A desktop console for Amazon Cognito.")
    p.add_argument("--screenshot", metavar="FILE", help="render a view once its data has loaded, save a PNG, exit")
    p.add_argument("--view", default="pools", help="the view to show (with --screenshot)")
    p.add_argument("--connection", default=None, help="open this saved connection instead of the last one")
    p.add_argument("--theme", choices=["system", "light", "dark"], default=None)
    p.add_argument("--local-port", type=int, default=None, help="port of the local Cognito (default: 9229)")
    p.add_argument("--local-data-dir", default=None, help="data directory for a local Cognito the console starts")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["emulator-worker"]:  # the local Cognito's helper process (a frozen build has no -m)
        from console.emulator.core._worker import main as worker_main

        return worker_main()
    if args[:1] == ["emulator"]:
        ns = emulator_parser().parse_args(args[1:])
        from console.emulator.core.context import ServerConfig
        from console.emulator.core.serving import serve

        config = ServerConfig(
            host=ns.host,
            port=ns.port,
            data_dir=ns.data_dir,
            region=ns.region,
            lambda_endpoint=ns.lambda_endpoint,
            issuer_style=ns.issuer,
            parent_pid=ns.parent_pid,
            workers=ns.workers,
            movable_clock=ns.movable_clock,
        )
        return serve(config, log_level=ns.log_level)
    ns = gui_parser().parse_args(args)
    from console.app import run

    return run(ns)


if __name__ == "__main__":
    sys.exit(main())
