"""botocore's service model files, read without importing botocore: the services, operations and shapes.

The models installed with botocore are the local Cognito's contract (protocol.py validates every request
against them). botocore's own ``botocore.model`` brings in its HTTP and TLS stack (urllib3, pyOpenSSL,
cryptography's X.509, dateutil) when imported, about half of a server's start-up; the classes here read the
same files the same way, with the part of ``botocore.model``'s interface the server uses: a shape's name,
type, members, list member, map key and value, enum, ``metadata`` (constraints) and ``serialization`` (wire
names and locations, ``locationName`` read as ``name``), a member reference's own traits over its shape's;
an operation's input, output and error shapes and HTTP binding; a service's metadata and names.

The files are found where botocore's loader looks first when nothing overrides it: the newest API version in
botocore's ``data`` directory. Where ``AWS_DATA_PATH`` or ``~/.aws/models`` may hold another version, or a
model has extras to merge, botocore's loader reads it, as botocore would.
"""

from __future__ import annotations

import importlib.util
import os
import zlib
from pathlib import Path
from typing import Any

import orjson

# What botocore moves from a shape's definition into ``Shape.serialization`` and ``Shape.metadata``.
_SERIALIZED = (
    "locationName",
    "queryName",
    "flattened",
    "location",
    "payload",
    "streaming",
    "timestampFormat",
    "xmlNamespace",
    "resultWrapper",
    "xmlAttribute",
    "eventstream",
    "event",
    "eventheader",
    "eventpayload",
    "jsonvalue",
    "hostLabel",
)
_METADATA = (
    "required",
    "min",
    "max",
    "pattern",
    "sensitive",
    "enum",
    "idempotencyToken",
    "error",
    "exception",
    "endpointdiscoveryid",
    "retryable",
    "document",
    "union",
    "contextParam",
    "clientContextParams",
    "requiresLength",
)


class Shape:
    """One shape of a service model, or a member's reference to it with the member's own traits applied."""

    def __init__(self, name: str, definition: dict[str, Any], model: ServiceModel) -> None:
        self.name = name
        self.type_name: str = definition["type"]
        self.documentation: str = definition.get("documentation", "")
        self._definition = definition
        self._model = model
        serialization = {key: definition[key] for key in _SERIALIZED if key in definition}
        if "locationName" in serialization:
            serialization["name"] = serialization.pop("locationName")
        self.serialization: dict[str, Any] = serialization
        self.metadata: dict[str, Any] = {key: definition[key] for key in _METADATA if key in definition}
        self._members: dict[str, Shape] | None = None

    @property
    def required_members(self) -> list[str]:
        return list(self.metadata.get("required", []))

    @property
    def enum(self) -> list[str]:
        return list(self.metadata.get("enum", []))

    @property
    def members(self) -> dict[str, Shape]:
        """A structure's members, in the model's order."""
        if self._members is None:
            refs = self._definition.get("members", {})
            self._members = {name: self._model.resolve_shape_ref(ref) for name, ref in refs.items()}
        return self._members

    @property
    def member(self) -> Shape:
        """A list's member."""
        return self._model.resolve_shape_ref(self._definition["member"])

    @property
    def key(self) -> Shape:
        """A map's key."""
        return self._model.resolve_shape_ref(self._definition["key"])

    @property
    def value(self) -> Shape:
        """A map's value."""
        return self._model.resolve_shape_ref(self._definition["value"])

    def __repr__(self) -> str:
        return f"<Shape({self.name})>"


class OperationModel:
    def __init__(self, definition: dict[str, Any], service_model: ServiceModel, name: str) -> None:
        self._definition = definition
        self.service_model = service_model
        self.name = name
        self.metadata = service_model.metadata
        self.http: dict[str, Any] = definition.get("http", {})
        self.documentation: str = definition.get("documentation", "")
        self._input: Shape | None = None
        self._output: Shape | None = None
        self._errors: list[Shape] | None = None

    @property
    def input_shape(self) -> Shape | None:
        if self._input is None and "input" in self._definition:
            self._input = self.service_model.resolve_shape_ref(self._definition["input"])
        return self._input

    @property
    def output_shape(self) -> Shape | None:
        if self._output is None and "output" in self._definition:
            self._output = self.service_model.resolve_shape_ref(self._definition["output"])
        return self._output

    @property
    def error_shapes(self) -> list[Shape]:
        if self._errors is None:
            self._errors = [self.service_model.resolve_shape_ref(ref) for ref in self._definition.get("errors", [])]
        return self._errors

    def __repr__(self) -> str:
        return f"OperationModel(name={self.name})"


class ServiceModel:
    """A service's model (``service-2``): its metadata, operations and shapes."""

    def __init__(self, description: dict[str, Any], service_name: str) -> None:
        self._description = description
        self._shapes: dict[str, dict[str, Any]] = description.get("shapes", {})
        self._operations: dict[str, dict[str, Any]] = description.get("operations", {})
        self.service_name = service_name
        self.metadata: dict[str, Any] = description.get("metadata", {})
        self.operation_names = list(self._operations)
        self._resolved: dict[str, Shape] = {}
        self._operation_models: dict[str, OperationModel] = {}
        self._error_shapes: list[Shape] | None = None

    @property
    def shape_names(self) -> list[str]:
        return list(self._shapes)

    @property
    def signing_name(self) -> str:
        return str(self.metadata.get("signingName") or self.metadata["endpointPrefix"])

    @property
    def api_version(self) -> str:
        return str(self.metadata["apiVersion"])

    def shape_for(self, name: str, member_traits: dict[str, Any] | None = None) -> Shape:
        if member_traits:
            return Shape(name, {**self._shapes[name], **member_traits}, self)
        shape = self._resolved.get(name)
        if shape is None:
            shape = self._resolved[name] = Shape(name, self._shapes[name], self)
        return shape

    def resolve_shape_ref(self, ref: dict[str, Any]) -> Shape:
        """The shape a member or operation refers to, with the reference's own traits over the shape's."""
        if len(ref) == 1:
            return self.shape_for(ref["shape"])
        traits = dict(ref)
        return self.shape_for(traits.pop("shape"), traits)

    @property
    def error_shapes(self) -> list[Shape]:
        if self._error_shapes is None:
            shapes = (self.shape_for(name) for name in self._shapes)
            self._error_shapes = [shape for shape in shapes if shape.metadata.get("exception", False)]
        return self._error_shapes

    def operation_model(self, name: str) -> OperationModel:
        found = self._operation_models.get(name)
        if found is None:
            found = self._operation_models[name] = OperationModel(self._operations[name], self, name)
        return found

    def __repr__(self) -> str:
        return f"ServiceModel({self.service_name})"


def _botocore_data() -> Path:
    spec = importlib.util.find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("botocore is not installed: its service models are the local Cognito's contract")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _overridden(service: str) -> bool:
    """Whether botocore's loader could read ``service`` from somewhere other than its own data directory."""
    return bool(os.environ.get("AWS_DATA_PATH")) or (Path.home() / ".aws" / "models" / service).exists()


def model_file(service: str) -> Path:
    """The newest ``service-2`` file of ``service`` in botocore's data directory."""
    versions = sorted(p for p in (_botocore_data() / service).iterdir() if p.is_dir())
    for directory in reversed(versions):
        for name in ("service-2.json", "service-2.json.gz"):
            if (directory / name).is_file():
                return directory / name
    raise FileNotFoundError(f"botocore has no service-2 model of {service}")


def gunzip(data: bytes) -> bytes:
    """``gzip.decompress(data)`` (every member of the file), by zlib alone: the gzip module's import is half a
    millisecond of the server's start."""
    parts = []
    while data:
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)  # a gzip header and trailer around deflate data
        parts.append(member.decompress(data))
        if not member.eof:
            raise EOFError("Compressed file ended before the end-of-stream marker was reached")
        data = member.unused_data
    return b"".join(parts)


def load_description(service: str) -> dict[str, Any]:
    """The ``service-2`` description of ``service``, as botocore's loader reads it."""
    if not _overridden(service):
        path = model_file(service)
        if not list(path.parent.glob("service-2.*-extras.json")):
            raw = path.read_bytes()
            description: dict[str, Any] = orjson.loads(gunzip(raw) if path.suffix == ".gz" else raw)
            return description
    from botocore.loaders import create_loader

    loaded: dict[str, Any] = create_loader().load_service_model(service, "service-2")
    return loaded


def load(service: str) -> ServiceModel:
    return ServiceModel(load_description(service), service)
