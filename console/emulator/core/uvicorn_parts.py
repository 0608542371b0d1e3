"""uvicorn's server, configuration and httptools protocol, imported without running the package's ``__init__``.

``uvicorn/__init__.py`` imports uvicorn's command line with them (``uvicorn.main``: click, the reloading and
multiprocess supervisors, watchfiles, multiprocessing), a tenth of the local Cognito's start-up for nothing it
serves. The package is put in ``sys.modules`` as its import system would make it, before executing it: its
submodules import as usual, and the first read of an attribute it lacks (``uvicorn.run``, ``uvicorn.Config``,
``uvicorn.__version__``) runs uvicorn's own ``__init__`` then, so ``import uvicorn`` anywhere else in the process
still finds the whole package.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from typing import Any


def _package_without_its_init() -> None:
    if "uvicorn" in sys.modules:
        return
    spec = importlib.util.find_spec("uvicorn")
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return  # the imports below then fail as they would have
    loader = spec.loader
    package = importlib.util.module_from_spec(spec)
    completing = threading.RLock()
    started = False

    def complete(name: str) -> Any:
        """Module ``__getattr__`` (PEP 562): runs ``uvicorn/__init__.py`` once, then reads ``name`` as usual."""
        nonlocal started
        with completing:  # another thread's read waits here until the package is whole
            if not started:
                started = True
                loader.exec_module(package)
                if package.__dict__.get("__getattr__") is complete:  # not replaced by one of uvicorn's own
                    del package.__dict__["__getattr__"]
        if package.__dict__.get("__getattr__") is complete:  # read by uvicorn's __init__ itself, still running
            raise AttributeError(f"partially initialized module 'uvicorn' has no attribute {name!r}")
        return getattr(package, name)

    package.__getattr__ = complete  # type: ignore[method-assign]
    sys.modules["uvicorn"] = package


_package_without_its_init()

from uvicorn.config import Config  # noqa: E402
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol  # noqa: E402
from uvicorn.server import Server  # noqa: E402

# Bound as uvicorn's __init__ binds it: Config.load imports the lifespan classes, which import it from the package.
vars(sys.modules["uvicorn"]).setdefault("Config", Config)

__all__ = ["Config", "HttpToolsProtocol", "Server"]
