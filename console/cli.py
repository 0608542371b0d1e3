"""Command-line parsing: ``cognito-console`` opens the console; ``cognito-console emulator`` serves the
local Cognito. Heavy imports (Qt, uvicorn) happen only in the branch that needs them."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn
from urllib.parse import urlsplit

ENV_PREFIX = "COGNITO_LOCAL_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def package_version() -> str:
    """The installed package's version (``--version``)."""
    import importlib.metadata  # here, not at the top: it imports the email package, a tenth of the server's start

    try:
        return importlib.metadata.version("cognito-console")
    except importlib.metadata.PackageNotFoundError:  # a source tree run without being installed
        return "unknown (not installed)"


class VersionAction(argparse.Action):
    """``--version``: prints the program's name and the installed version (looked up only then) and exits."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


class EnvOptionParser(argparse.ArgumentParser):
    """An argument parser whose every option may also come from an environment variable: ``env_prefix`` and
    the option's name in capitals (``--data-dir``: ``COGNITO_LOCAL_DATA_DIR``). The command line wins over
    the environment; ``--help`` names each option's variable; an empty variable counts as unset. A bad value
    in the environment is a one-line error naming the variable (exit status 2), as a bad option is."""

    def __init__(self, *args: Any, env_prefix: str, **kwargs: Any) -> None:
        # Set before argparse's own __init__, which adds --help through add_argument.
        self.env_prefix = env_prefix
        self.env_options: dict[str, argparse.Action] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.option_strings and kwargs.get("action") not in ("help", "version", VersionAction):
            name = self.env_prefix + action.dest.upper()
            self.env_options[name] = action
            action.help = f"{action.help} [env: {name}]" if action.help else f"[env: {name}]"
        return action

    def parse_with_env(self, args: Sequence[str], environ: Mapping[str, str]) -> argparse.Namespace:
        """``parse_args(args)``, with each option the command line leaves out taken from ``environ``."""
        if not {"-h", "--help", "--version"} & set(args):  # help and version whatever the environment holds
            defaults = {
                action.dest: self._from_env(name, action, environ[name])
                for name, action in self.env_options.items()
                if environ.get(name, "") != ""
            }
            self.set_defaults(**defaults)
        return self.parse_args(args)

    def _from_env(self, name: str, action: argparse.Action, raw: str) -> Any:
        if action.nargs == 0:  # a switch (--movable-clock, --no-movable-clock)
            word = raw.strip().lower()
            if word in _TRUE | _FALSE:
                return word in _TRUE
            self._env_error(name, f"{raw!r} is not 1, true, yes or on, nor 0, false, no or off")
        try:
            value = action.type(raw) if callable(action.type) else raw
        except (ValueError, TypeError, argparse.ArgumentTypeError) as exc:
            self._env_error(name, str(exc))
        if action.choices is not None and value not in action.choices:
            self._env_error(name, f"{raw!r} is not one of {', '.join(map(str, action.choices))}")
        return value

    def _env_error(self, name: str, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: environment variable {name}: {message}\n")


def _port(value: str) -> int:
    if not value.strip().isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (0 to 65535)")
    return int(value)


def _count(value: str) -> int:
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 or more)")
    return int(value)


def _pid(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a process id")
    return int(value)


# A region name goes into every user pool ID ({region}_{nine letters and digits}), so it must be one's shape.
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")


def _region(value: str) -> str:
    if _REGION.fullmatch(value) is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not an AWS region name (like us-east-1)")
    return value


def _http_url(value: str) -> str:
    """An http(s) URL with a host, without a trailing slash."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// URL")
    return value.strip().rstrip("/")


def _public_url(value: str) -> str:
    """``http(s)://host[:port]``, without a trailing slash: the server's routes are at the root."""
    parts = urlsplit(value.strip())
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} has a port that is not one") from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a base URL: http:// or https://, a host and a port, no path"
        )
    return f"{parts.scheme}://{parts.netloc}"


def emulator_parser() -> EnvOptionParser:
    p = EnvOptionParser(
        prog="cognito-console emulator",
        description="Serve the local Cognito (user pools, identity pools, hosted UI) over the AWS wire protocol."
        " Every option can also be set by the environment variable named after it; the command line wins.",
        env_prefix=ENV_PREFIX,
    )
    p.add_argument("--version", action=VersionAction)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=_port, default=9229, help="port; 0 picks a free one (default: 9229)")
    p.add_argument("--data-dir", default="", help="where the SQLite database lives (default: user data dir)")
    p.add_argument(
        "--ephemeral",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="keep everything in memory: nothing is written to disk, nothing survives a stop (--data-dir unused)",
    )
    p.add_argument(
        "--seed",
        metavar="FILE",
        default=None,
        help="load user pools, app clients, domains, groups and users from FILE (JSON; YAML if it ends in .yaml"
        " or .yml) at start; a user pool already there is left as it is",
    )
    p.add_argument(
        "--region", type=_region, default="us-east-1", help="the AWS region to answer as (default: us-east-1)"
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        type=_public_url,
        default=None,
        help="the base URL clients use, when it is not the listening address (a container's published port, a"
        " proxy): the issuer's base and every URL the server gives out (default: http://{host}:{port})",
    )
    p.add_argument(
        "--accept-any-credentials",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="beyond loopback, accept admin calls with any SigV4 credentials, or none, instead of requiring"
        f" {ENV_PREFIX}ACCESS_KEY_ID and {ENV_PREFIX}SECRET_ACCESS_KEY: the admin API is then open to anyone"
        " who can reach the port (for a container on a private network)",
    )
    p.add_argument(
        "--allowed-hosts",
        metavar="NAMES",
        default="",
        help="host names to answer besides localhost, 127.0.0.1, [::1] and *.localhost, comma-separated"
        " (*.example.test for every name under it): requests for any other name are refused, against DNS"
        " rebinding; beyond loopback, any name is answered unless this is set",
    )
    p.add_argument("--lambda-endpoint", default=None, help="Lambda Invoke API for triggers, e.g. sam local")
    p.add_argument(
        "--social-base-url",
        metavar="URL",
        type=_http_url,
        default=None,
        help="where Google, Facebook, Login with Amazon and Sign in with Apple answer instead of their own hosts"
        " ({URL}/google/authorize, /token, ...): a stand-in provider for tests (default: the real ones)",
    )
    p.add_argument(
        "--issuer",
        choices=["local", "aws"],
        default="local",
        help="token issuer: {base}/{poolId} (local) or https://cognito-idp.{region}.amazonaws.com/{poolId}",
    )
    p.add_argument(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        help="what the server logs on standard error (default: warning; info adds a line per request)",
    )
    p.add_argument(
        "--log-format",
        default="text",
        choices=["text", "json"],
        help="text for a terminal, or a JSON object per line for a log collector (default: text)",
    )
    p.add_argument(
        "--parent-pid",
        type=_pid,
        default=None,
        help="stop when this process is gone (a console or test run that started the server and died)",
    )
    p.add_argument(
        "--workers",
        type=_count,
        default=None,
        help="processes for signing and SRP arithmetic (default: one per core beyond the first, up to 4; 0: none)",
    )
    p.add_argument(
        "--movable-clock",
        action=argparse.BooleanOptionalAction,
        default=False,
        help='let tests move the server\'s clock forward with POST /_emulator/clock {"advance": seconds}',
    )
    p.add_argument(
        "--http-metadata-urls",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="accept client ID metadata document URLs that are http on loopback (local testing of CIMD clients)",
    )
    return p


# The console's views by the names --view takes, in the order of the window's navigation.
VIEWS = (
    "pools",
    "users",
    "groups",
    "app-clients",
    "identity-providers",
    "token-inspector",
    "hosted-ui",
    "identity-pools",
    "sign-in-activity",
    "auth-events",
    "outbox",
)


def gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cognito-console",
        usage="%(prog)s [options]\n       %(prog)s emulator [options]",
        description="A desktop console for Amazon Cognito.",
        epilog="commands:\n  emulator          serve the local Cognito, without the console"
        " (cognito-console emulator --help)\n  install-desktop   add the console to the desktop's applications"
        " menu, with its icon (cognito-console install-desktop --help)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action=VersionAction)
    p.add_argument(
        "--screenshot",
        metavar="FILE",
        help="render a view once its content has loaded and shows (at most 15 s), save a PNG, exit",
    )
    p.add_argument("--view", default="pools", choices=VIEWS, help="the view to show (with --screenshot)")
    p.add_argument("--connection", default=None, help="open this saved connection instead of the last one")
    p.add_argument(
        "--theme",
        choices=["system", "light", "dark"],
        default=None,
        help="light or dark, or as the system's colour scheme (default: the saved setting, at first system)",
    )
    p.add_argument("--local-port", type=int, default=None, help="port of the local Cognito (default: 9229)")
    p.add_argument("--local-data-dir", default=None, help="data directory for a local Cognito the console starts")
    return p


def install_desktop_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cognito-console install-desktop",
        description="Add Cognito Console to the desktop's applications menu for this user: its desktop entry,"
        " AppStream metainfo and icon (PNG at the hicolor sizes and SVG), under $XDG_DATA_HOME (default"
        " ~/.local/share) in applications/, metainfo/ and icons/hicolor/; then update-desktop-database and"
        " gtk-update-icon-cache, where installed.",
    )
    p.add_argument("--uninstall", action="store_true", help="remove those files again")
    return p


# What the "console" extra installs: the base install (the local Cognito, console.testing) has none of it.
GUI_MODULES = ("PySide6", "qasync", "pyqtgraph", "keyring")


def missing_gui_modules() -> list[str]:
    """The console's GUI dependencies that cannot be imported, found without importing them."""
    missing = []
    for name in GUI_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ImportError:  # a finder that refuses the name
            found = False
        if not found:
            missing.append(name)
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["emulator-worker"]:  # the local Cognito's helper process (a frozen build has no -m)
        from console.emulator.core._worker import main as worker_main

        return worker_main()
    if args[:1] == ["emulator"]:
        ns = emulator_parser().parse_with_env(args[1:], os.environ)
        # The server's start makes a few hundred thousand objects that live as long as it does; the garbage
        # collector went over them again and again meanwhile. serve() freezes them and turns it back on.
        gc.disable()
        from console.emulator.core.context import ServerConfig
        from console.emulator.core.serving import serve

        config = ServerConfig(
            host=ns.host,
            port=ns.port,
            data_dir=ns.data_dir,
            ephemeral=ns.ephemeral,
            seed=ns.seed,
            region=ns.region,
            public_url=ns.public_url or "",
            accept_any_credentials=ns.accept_any_credentials,
            lambda_endpoint=ns.lambda_endpoint,
            social_base_url=ns.social_base_url or "",
            issuer_style=ns.issuer,
            parent_pid=ns.parent_pid,
            workers=ns.workers,
            movable_clock=ns.movable_clock,
            http_metadata_urls=ns.http_metadata_urls,
            allowed_hosts=tuple(name.strip() for name in ns.allowed_hosts.split(",") if name.strip()),
        )
        return serve(config, log_level=ns.log_level, log_format=ns.log_format)
    if args[:1] == ["install-desktop"]:
        from console import desktop_integration

        return desktop_integration.main(install_desktop_parser().parse_args(args[1:]).uninstall)
    ns = gui_parser().parse_args(args)
    missing = missing_gui_modules()
    if missing:
        print(
            f"cognito-console: the desktop console needs its GUI extra ({', '.join(missing)} not installed):"
            " pip install 'cognito-console[console]' (the local Cognito, `cognito-console emulator`, runs without it)",
            file=sys.stderr,
        )
        return 2
    from console.app import run

    return run(ns)


if __name__ == "__main__":
    sys.exit(main())
