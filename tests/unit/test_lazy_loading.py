"""Handler modules imported on demand: each service package's table of which module registers each operation
and HTTP route matches what the modules register, and a server starts without importing any of them."""

from __future__ import annotations

import subprocess
import sys

from console.emulator.core import app, registry


def _registered() -> dict[tuple[str, str], str]:
    app.load_services()
    return {
        (service, name): entry.handler.__module__
        for service, operations in registry._REGISTRY.items()
        for name, entry in operations.items()
    }


def _declared() -> dict[tuple[str, str], str]:
    app.declare_services()
    return dict(registry._DECLARED)


def test_every_registered_operation_is_in_its_package_table_under_its_module() -> None:
    registered = _registered()
    declared = _declared()
    assert {op: module for op, module in registered.items() if declared.get(op) != module} == {}


def test_every_operation_in_a_table_is_registered_by_the_module_it_names() -> None:
    registered = _registered()
    declared = _declared()
    assert {op: module for op, module in declared.items() if registered.get(op) != module} == {}


def test_the_route_tables_match_the_registered_routes() -> None:
    app.load_services()
    registered = sorted((r.path, r.methods, r.endpoint.__module__) for r in registry.http_routes())
    assert sorted(app.http_routes()) == registered


def test_a_server_is_made_without_importing_a_handler_module_or_botocore() -> None:
    code = (
        "import sys\n"
        "from console.emulator.core.app import create_app, open_store\n"
        "from console.emulator.core.context import ServerConfig\n"
        "create_app(ServerConfig(), open_store(':memory:'))\n"
        "from console.emulator.core.app import handler_modules\n"
        "print(sorted(m for m in handler_modules() if m in sys.modules))\n"
        "print('httpx' in sys.modules, 'botocore' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["[]", "False False"]


def test_the_server_imports_uvicorns_serving_parts_without_its_command_line() -> None:
    code = (
        "import sys\n"
        "import console.emulator.core.serving\n"
        "print(sorted(m for m in ('click', 'uvicorn.main', 'watchfiles', 'multiprocessing') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_uvicorn_read_by_threads_at_once_is_whole_for_each() -> None:
    code = (
        "import threading\n"
        "import console.emulator.core.serving\n"
        "import uvicorn\n"
        "found = []\n"
        "threads = [threading.Thread(target=lambda: found.append(uvicorn.run.__module__)) for _ in range(8)]\n"
        "for t in threads: t.start()\n"
        "for t in threads: t.join()\n"
        "print(found)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(["uvicorn.main"] * 8)
    assert result.stderr == ""


def test_uvicorn_imported_after_the_server_is_the_whole_package() -> None:
    code = (
        "from console.emulator.core import serving\n"
        "from uvicorn import Config, Server, run, main\n"
        "import uvicorn, uvicorn.config, uvicorn.server\n"
        "print(Config is serving.Config is uvicorn.config.Config, Server is serving.Server is uvicorn.server.Server)\n"
        "print(callable(run), uvicorn.__version__ == uvicorn._version.__version__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["True True", "True True"]
