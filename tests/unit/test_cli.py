"""The command line: every option of ``cognito-console emulator`` is also a ``COGNITO_LOCAL_*`` variable, the
command line wins, a bad value in the environment is a one-line error naming the variable, ``--version``
on both commands, and ``cognito-console --help`` names the ``emulator`` subcommand."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from console import cli

ROOT = Path(__file__).resolve().parents[2]

# Every option the emulator takes, and its variable (a new option gets one without anything more to do).
VARIABLES = {
    "COGNITO_LOCAL_HOST",
    "COGNITO_LOCAL_PORT",
    "COGNITO_LOCAL_DATA_DIR",
    "COGNITO_LOCAL_EPHEMERAL",
    "COGNITO_LOCAL_SEED",
    "COGNITO_LOCAL_REGION",
    "COGNITO_LOCAL_PUBLIC_URL",
    "COGNITO_LOCAL_ACCEPT_ANY_CREDENTIALS",
    "COGNITO_LOCAL_LAMBDA_ENDPOINT",
    "COGNITO_LOCAL_ISSUER",
    "COGNITO_LOCAL_LOG_LEVEL",
    "COGNITO_LOCAL_LOG_FORMAT",
    "COGNITO_LOCAL_PARENT_PID",
    "COGNITO_LOCAL_WORKERS",
    "COGNITO_LOCAL_MOVABLE_CLOCK",
}


def parse(args: list[str], env: dict[str, str] | None = None) -> object:
    return cli.emulator_parser().parse_with_env(args, env or {})


def test_every_option_has_a_variable_named_after_it_and_help_shows_it() -> None:
    parser = cli.emulator_parser()
    assert set(parser.env_options) >= VARIABLES
    text = parser.format_help()
    for name, action in parser.env_options.items():
        assert name == "COGNITO_LOCAL_" + action.option_strings[0].removeprefix("--").replace("-", "_").upper()
        assert f"[env: {name}]" in " ".join(text.split()), name


def test_the_environment_sets_every_kind_of_option() -> None:
    ns = parse(
        [],
        {
            "COGNITO_LOCAL_HOST": "10.1.2.3",
            "COGNITO_LOCAL_PORT": "9339",
            "COGNITO_LOCAL_DATA_DIR": "/srv/cognito",
            "COGNITO_LOCAL_EPHEMERAL": "true",
            "COGNITO_LOCAL_SEED": "/seed.yaml",
            "COGNITO_LOCAL_REGION": "eu-west-2",
            "COGNITO_LOCAL_PUBLIC_URL": "http://cognito:9339/",
            "COGNITO_LOCAL_ACCEPT_ANY_CREDENTIALS": "YES",
            "COGNITO_LOCAL_LAMBDA_ENDPOINT": "http://127.0.0.1:3001",
            "COGNITO_LOCAL_ISSUER": "aws",
            "COGNITO_LOCAL_LOG_LEVEL": "info",
            "COGNITO_LOCAL_LOG_FORMAT": "json",
            "COGNITO_LOCAL_PARENT_PID": "4242",
            "COGNITO_LOCAL_WORKERS": "0",
            "COGNITO_LOCAL_MOVABLE_CLOCK": "1",
        },
    )
    expected = {
        "host": "10.1.2.3",
        "port": 9339,
        "data_dir": "/srv/cognito",
        "ephemeral": True,
        "seed": "/seed.yaml",
        "region": "eu-west-2",
        "public_url": "http://cognito:9339",
        "accept_any_credentials": True,
        "lambda_endpoint": "http://127.0.0.1:3001",
        "issuer": "aws",
        "log_level": "info",
        "log_format": "json",
        "parent_pid": 4242,
        "workers": 0,
        "movable_clock": True,
    }
    assert {name: getattr(ns, name) for name in expected} == expected


def test_defaults_without_the_environment() -> None:
    ns = parse([])
    assert (ns.host, ns.port, ns.data_dir, ns.region, ns.issuer) == ("127.0.0.1", 9229, "", "us-east-1", "local")
    assert (ns.ephemeral, ns.accept_any_credentials, ns.movable_clock) == (False, False, False)
    assert (ns.seed, ns.public_url, ns.workers, ns.parent_pid, ns.log_level) == (None, None, None, None, "warning")


def test_the_command_line_wins_over_the_environment() -> None:
    env = {
        "COGNITO_LOCAL_PORT": "9339",
        "COGNITO_LOCAL_REGION": "eu-west-2",
        "COGNITO_LOCAL_EPHEMERAL": "1",
        "COGNITO_LOCAL_MOVABLE_CLOCK": "0",
        "COGNITO_LOCAL_ISSUER": "aws",
    }
    ns = parse(["--port", "0", "--region", "ap-south-1", "--no-ephemeral", "--movable-clock", "--issuer", "local"], env)
    assert (ns.port, ns.region, ns.ephemeral, ns.movable_clock, ns.issuer) == (0, "ap-south-1", False, True, "local")


def test_an_empty_variable_counts_as_unset() -> None:
    ns = parse([], {"COGNITO_LOCAL_PORT": "", "COGNITO_LOCAL_MOVABLE_CLOCK": "", "COGNITO_LOCAL_REGION": ""})
    assert (ns.port, ns.movable_clock, ns.region) == (9229, False, "us-east-1")


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("COGNITO_LOCAL_PORT", "abc", "'abc' is not a port (0 to 65535)"),
        ("COGNITO_LOCAL_PORT", "70000", "'70000' is not a port (0 to 65535)"),
        ("COGNITO_LOCAL_WORKERS", "-1", "'-1' is not a number of processes"),
        ("COGNITO_LOCAL_PARENT_PID", "0", "'0' is not a process id"),
        ("COGNITO_LOCAL_MOVABLE_CLOCK", "maybe", "'maybe' is not 1, true, yes or on, nor 0, false, no or off"),
        ("COGNITO_LOCAL_EPHEMERAL", "2", "'2' is not 1, true, yes or on"),
        ("COGNITO_LOCAL_ISSUER", "azure", "'azure' is not one of local, aws"),
        ("COGNITO_LOCAL_LOG_LEVEL", "loud", "'loud' is not one of debug, info, warning, error"),
        ("COGNITO_LOCAL_REGION", "us_east_1", "'us_east_1' is not an AWS region name"),
        ("COGNITO_LOCAL_PUBLIC_URL", "0.0.0.0:9229", "is not a base URL"),
        ("COGNITO_LOCAL_PUBLIC_URL", "http://cognito:9229/auth", "is not a base URL"),
        ("COGNITO_LOCAL_PUBLIC_URL", "http://cognito:99999", "has a port that is not one"),
    ],
)
def test_a_bad_value_in_the_environment_is_one_line_naming_the_variable(
    name: str, value: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(["--host", "127.0.0.1"], {name: value})
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"cognito-console emulator: error: environment variable {name}: ")
    assert says in err


def test_a_bad_value_on_the_command_line_is_argparse_s_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(["--public-url", "ftp://cognito"])
    assert exit_.value.code == 2
    assert "argument --public-url: 'ftp://cognito' is not a base URL" in capsys.readouterr().err


def test_help_and_version_work_whatever_the_environment_holds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(["--help"], {"COGNITO_LOCAL_PORT": "abc"})
    assert exit_.value.code == 0
    assert "COGNITO_LOCAL_PORT" in capsys.readouterr().out


def test_version_of_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    version = importlib.metadata.version("cognito-console")
    for argv in (["--version"], ["emulator", "--version"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(argv)
        assert exit_.value.code == 0
        out = capsys.readouterr().out.strip()
        assert out.startswith("cognito-console") and out.endswith(f" {version}"), out
    assert cli.package_version() == version


def test_the_console_s_help_names_the_emulator_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "cognito-console emulator [options]" in out
    assert "\n  emulator " in out


def test_public_url_is_normalised_to_scheme_host_and_port() -> None:
    assert parse(["--public-url", "https://auth.example.test/"]).public_url == "https://auth.example.test"
    assert parse(["--public-url", "http://[::1]:9229"]).public_url == "http://[::1]:9229"


def test_a_bad_environment_stops_the_real_command_without_a_traceback() -> None:
    """The whole program, as a container runs it: exit status 2, one line on stderr, nothing on stdout."""
    run = subprocess.run(
        [sys.executable, "-m", "console", "emulator"],
        env={"PATH": "/usr/bin:/bin", "COGNITO_LOCAL_WORKERS": "lots"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == (
        "cognito-console emulator: error: environment variable COGNITO_LOCAL_WORKERS:"
        " 'lots' is not a number of processes (0 or more)\n"
    )
