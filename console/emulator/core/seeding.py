"""Seed files (``--seed FILE``): what a server holds from its start, made through the API's own handlers.

A seed file is a JSON object, or YAML when its name ends in ``.yaml`` or ``.yml``, whose keys are sections.
Each service package registers the sections it reads with ``section`` (``UserPools``: user_pools/seed.py);
a section's entries carry the fields of the API operations that make them, and ``Seeding.call`` runs those
operations as a request would (validated against botocore's model, then the registered handler), so every
check the API makes applies to a seed file too. The whole file loads in one transaction: a bad entry leaves
nothing behind, and the error names the file and the entry.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from collections.abc import Awaitable, Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import protocol, registry, transaction
from .errors import AwsError

if TYPE_CHECKING:
    from .context import RequestContext

YAML_SUFFIXES = (".yaml", ".yml")


class SeedError(Exception):
    """A seed file that cannot be loaded: which file, which entry, what is wrong (one line)."""

    def __init__(self, file: str, where: str, message: str) -> None:
        super().__init__(message)
        self.file = file
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"seed file {self.file}: {self.where + ': ' if self.where else ''}{self.message}"


Section = Callable[["Seeding", Any], None]
_SECTIONS: dict[str, Section] = {}


def section(name: str) -> Callable[[Section], Section]:
    """Register the reader of a seed file's top-level key ``name`` (sections load in registration order)."""

    def register(fn: Section) -> Section:
        if name in _SECTIONS:
            raise RuntimeError(f"seed section {name} registered twice")
        _SECTIONS[name] = fn
        return fn

    return register


def _one_line(text: str) -> str:
    return " ".join(text.split())


def read(path: str) -> dict[str, Any]:
    """The seed file at ``path``, parsed; ``SeedError`` if it cannot be read or is not an object."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError(path, "", "no such file") from None
    except UnicodeDecodeError:
        raise SeedError(path, "", "not UTF-8 text") from None
    except OSError as exc:
        raise SeedError(path, "", exc.strerror or str(exc)) from None
    if file.suffix.lower() in YAML_SUFFIXES:
        import yaml  # only a YAML seed file pays for importing PyYAML (20 ms of every start otherwise)

        try:
            # The C parser where PyYAML has it; safe either way (plain data, no Python objects).
            document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
        except yaml.YAMLError as exc:
            raise SeedError(path, "", f"not valid YAML: {_one_line(str(exc))}") from None
    else:
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise SeedError(
                path, "", f"not valid JSON ({_one_line(str(exc))}); YAML files end in .yaml or .yml"
            ) from None
    if not isinstance(document, dict):
        raise SeedError(path, "", "must hold an object whose keys are sections (UserPools)")
    return document


class Seeding:
    """One seed file being loaded: runs operations as requests would, and names the entry at fault."""

    def __init__(self, file: str, context: Callable[[str], RequestContext]) -> None:
        self.file = file
        self._context = context  # the request context of an operation, as the server makes it
        probe = context("")
        self.store = probe.store
        self.config = probe.config
        self.created: list[str] = []  # what the file made, for the start-up line
        self.kept: list[str] = []  # what was there already and is left as it is
        self._where: list[str] = []

    @contextlib.contextmanager
    def entry(self, label: str) -> Iterator[None]:
        """Within the block, errors name ``label`` (after the labels of the entries it is inside)."""
        self._where.append(label)
        try:
            yield
        finally:
            self._where.pop()

    def error(self, message: str) -> SeedError:
        return SeedError(self.file, " > ".join(self._where), message)

    def members(self, service: str, operation: str) -> set[str]:
        """The fields of ``operation``'s request."""
        shape = protocol.service_model(service).operation_model(operation).input_shape
        return set(shape.members) if shape is not None else set()

    def fields(self, value: Any, what: str, allowed: Collection[str]) -> dict[str, Any]:
        """``value`` as a mapping of ``allowed`` fields. A misspelt field is an error here, where the API
        would ignore it: a seed file's typo must not go unnoticed."""
        if not isinstance(value, dict):
            raise self.error(f"{what} must be a mapping of its fields, not {type(value).__name__}")
        for key in value:
            if key not in allowed:
                import difflib  # for this message only: not imported with every server's start

                close = difflib.get_close_matches(str(key), list(allowed), n=1)
                hint = f"did you mean {close[0]}?" if close else f"the fields are {', '.join(sorted(allowed))}"
                raise self.error(f"unknown field {key!r} in {what} ({hint})")
        return dict(value)

    def entries(self, value: Any, what: str) -> list[Any]:
        """``value`` as a list of entries (absent: none)."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"{what} must be a list, not {type(value).__name__}")
        return value

    def call(self, service: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """``operation`` with ``params``, as a request runs it: checked against the model, then the handler."""
        handler = registry.lookup(service, operation)
        if handler is None:
            raise self.error(f"{operation} is not supported by the local Cognito")
        ctx: RequestContext = self._context(operation)
        try:
            params = protocol.validate_input(protocol.service_model(service).operation_model(operation), params)
            result: Any = (
                handler.handler(ctx, params) if handler.is_async else transaction.run(ctx, handler.handler, ctx, params)
            )
            if inspect.isawaitable(result):
                result = asyncio.run(_awaited(result))
        except AwsError as err:
            raise self.error(f"{operation}: {err.code}: {err.message}") from None
        return dict(result or {})


async def _awaited(result: Awaitable[Any]) -> Any:
    return await result


def apply(file: str, document: Mapping[str, Any], context: Callable[[str], RequestContext]) -> Seeding:
    """Load ``document`` (read from ``file``) into the server whose request contexts ``context`` makes, all
    or nothing; what was made and what was there already."""
    seeding = Seeding(file, context)
    for key in document:
        if key not in _SECTIONS:
            raise SeedError(file, str(key), f"not a section of a seed file (the sections are {', '.join(_SECTIONS)})")
    with seeding.store.tx():
        for name, load in _SECTIONS.items():
            if name in document:
                load(seeding, document[name])
    return seeding
