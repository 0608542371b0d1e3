"""botocore's service models as the wire contract: request validation and response shaping.

Every request body is checked against the operation's input shape (required members, types, lengths,
ranges, patterns, enums), and every handler result is walked through the output shape, so that the
local Cognito accepts and answers exactly what AWS documents. Validation failures produce AWS's own
wording: ``1 validation error detected: Value 'x' at 'userPoolId' failed to satisfy constraint: ...``.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from . import service_models
from .errors import AwsError
from .service_models import OperationModel, ServiceModel, Shape

if TYPE_CHECKING:
    import regex

# The JSON services the local Cognito answers, keyed by their X-Amz-Target prefix.
JSON_SERVICES = {
    "GraniteServiceVersion20100801": "cloudwatch",  # JSON 1.0, which botocore prefers to its CBOR protocol
    "AWSCognitoIdentityProviderService": "cognito-idp",
    "AWSCognitoIdentityService": "cognito-identity",
    "Logs_20140328": "logs",
}

# Shapes whose model pattern is narrower than what the service accepts. DomainType's pattern allows only
# a prefix label, yet CreateUserPoolDomain takes custom domains such as auth.example.com.
PATTERN_OVERRIDES: dict[str, str] = {
    "DomainType": r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)*$",
}

# Enum values a service accepts that its model's enum does not list yet. GetClientToken's documentation
# requires app clients with the ALLOW_CLIENT_TOKEN_AUTH flow, which ExplicitAuthFlowsType leaves out.
ENUM_ADDITIONS: dict[str, tuple[str, ...]] = {
    "ExplicitAuthFlowsType": ("ALLOW_CLIENT_TOKEN_AUTH",),
}

_MAX_REPORTED = 10  # AWS lists at most a handful of violations; keep messages readable


@functools.cache
def service_model(name: str) -> ServiceModel:
    """The service's model, loaded on the first request for it (the logs model only when logs is called)."""
    return service_models.load(name)


@functools.cache
def _compiled(pattern: str) -> regex.Pattern[str] | None:
    # Java's regular expressions (Unicode classes such as \p{L}) need the regex module, imported with the first
    # pattern a request meets rather than at the server's start.
    import regex

    try:
        return regex.compile(pattern)
    except regex.error:  # a Java-only construct; the shape's other constraints still apply
        return None


def _wire_name(name: str) -> str:
    """AWS names members in validation messages in lower camel case: UserPoolId -> userPoolId."""
    return name[:1].lower() + name[1:] if name else name


def _quote(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={v}" for k, v in value.items()) + "}"
    return str(value)


class _TypeMismatch(Exception):
    pass


class _Violation(NamedTuple):
    path: str
    value: Any
    constraint: str
    sensitive: bool

    def describe(self) -> str:
        if self.value is None:
            return f"Value null at '{self.path}' failed to satisfy constraint: {self.constraint}"
        if self.sensitive:
            return f"Value at '{self.path}' failed to satisfy constraint: {self.constraint}"
        return f"Value '{_quote(self.value)}' at '{self.path}' failed to satisfy constraint: {self.constraint}"


_JSON_TYPE_NAMES = {
    "structure": "Start of structure or map",
    "map": "Start of structure or map",
    "list": "Start of list",
}


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "Start of structure or map"
    if isinstance(value, list):
        return "Start of list"
    if isinstance(value, bool):
        return "TRUE or FALSE value"
    if isinstance(value, int | float):
        return "Number value"
    if isinstance(value, str):
        return "String value"
    return "NULL value"


class Validator:
    """Walks a request against an input shape, collecting AWS-worded violations."""

    def __init__(self) -> None:
        self.violations: list[_Violation] = []

    def check(self, shape: Shape, value: Any, path: str, sensitive: bool = False) -> None:
        sensitive = sensitive or bool(shape.serialization.get("sensitive") or shape.metadata.get("sensitive"))
        t = shape.type_name
        if value is None:
            return
        if t == "structure":
            if not isinstance(value, dict):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            members = shape.members
            for req in shape.required_members:
                if value.get(req) is None:
                    self._add(_join(path, req), None, "Member must not be null", sensitive)
            for name, member_value in value.items():
                member = members.get(name)
                if member is None:
                    continue  # AWS ignores unknown members of JSON input
                self.check(member, member_value, _join(path, name), sensitive)
        elif t == "list":
            if not isinstance(value, list):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            self._length(shape, value, len(value), path, sensitive)
            member = shape.member
            for i, item in enumerate(value):
                if item is None:
                    continue
                self.check(member, item, f"{path}.{i + 1}.member", sensitive)
        elif t == "map":
            if not isinstance(value, dict):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            self._length(shape, value, len(value), path, sensitive)
            key_shape, value_shape = shape.key, shape.value
            for k, v in value.items():
                self.check(key_shape, k, f"{path}.{k}.key" if path else k, sensitive)
                if v is not None:
                    self.check(value_shape, v, f"{path}.{k}.value" if path else k, sensitive)
        elif t == "string":
            if not isinstance(value, str):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            self._length(shape, value, len(value), path, sensitive)
            enum = shape.enum
            if enum and value not in enum and value not in ENUM_ADDITIONS.get(shape.name, ()):
                allowed = [*enum, *ENUM_ADDITIONS.get(shape.name, ())]
                self._add(path, value, f"Member must satisfy enum value set: [{', '.join(allowed)}]", sensitive)
            pattern = PATTERN_OVERRIDES.get(shape.name, shape.metadata.get("pattern"))
            if pattern:
                compiled = _compiled(pattern)
                if compiled is not None and compiled.fullmatch(value) is None:
                    self._add(path, value, f"Member must satisfy regular expression pattern: {pattern}", sensitive)
        elif t in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            if isinstance(value, float) and not value.is_integer():
                raise _TypeMismatch(f"Number value with a fraction found where an integer was expected at '{path}'")
            found = len(self.violations)
            self._range(shape, value, path, sensitive)
            # The service reads integers as Java int and long: a value wider than that, where the model
            # sets no bound that catches it, fails to deserialize (and would overflow SQLite's 64-bit
            # integers in the handlers).
            bits = 31 if t == "integer" else 63
            if len(self.violations) == found and not -(2**bits) <= value < 2**bits:
                raise _TypeMismatch(f"Number value out of range for {'an int' if bits == 31 else 'a long'} at '{path}'")
        elif t in ("float", "double"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            self._range(shape, value, path, sensitive)
        elif t == "boolean":
            if not isinstance(value, bool):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
        elif t == "timestamp":
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
        elif t == "blob":
            if not isinstance(value, str):
                raise _TypeMismatch(f"{_kind(value)} found where not expected at '{path}'")
            try:
                raw = base64.b64decode(value, validate=True)
            except ValueError as exc:
                raise _TypeMismatch(f"Base64 encoded value expected at '{path}'") from exc
            self._length(shape, raw, len(raw), path, True)

    def _length(self, shape: Shape, value: Any, n: int, path: str, sensitive: bool) -> None:
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and n < lo:
            self._add(path, value, f"Member must have length greater than or equal to {lo}", sensitive)
        if hi is not None and n > hi:
            self._add(path, value, f"Member must have length less than or equal to {hi}", sensitive)

    def _range(self, shape: Shape, value: float, path: str, sensitive: bool) -> None:
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        if lo is not None and value < lo:
            self._add(path, value, f"Member must have value greater than or equal to {lo}", sensitive)
        if hi is not None and value > hi:
            self._add(path, value, f"Member must have value less than or equal to {hi}", sensitive)

    def _add(self, path: str, value: Any, constraint: str, sensitive: bool) -> None:
        self.violations.append(_Violation(path, value, constraint, sensitive))


def _join(path: str, name: str) -> str:
    return f"{path}.{_wire_name(name)}" if path else _wire_name(name)


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def json_document(body: bytes) -> Any:
    """A request's JSON body, parsed. SerializationException for what is no JSON text: not JSON, nested past
    the parser's recursion limit (say 10,000 "["), or holding a lone surrogate (a "\\ud800" escape, which is
    no UTF-8 text: no store or header could take it). Paired surrogates (an emoji) are text."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise AwsError("SerializationException", "Could not parse the request body as JSON.") from None
    if _SURROGATE_ESCAPE.search(body):
        try:
            json.dumps(document, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise AwsError("SerializationException", "The request body is not valid UTF-8 text.") from None
    return document


def validate_input(operation: OperationModel, params: Any) -> dict[str, Any]:
    """Check ``params`` against the operation's input shape; raise AWS's error for the first problem."""
    shape = operation.input_shape
    if shape is None:
        return {}
    if not isinstance(params, dict):
        raise AwsError("SerializationException", f"{_kind(params)} found where not expected")
    params = _normalise(shape, params)
    validator = Validator()
    try:
        validator.check(shape, params, "")
    except _TypeMismatch as exc:
        raise AwsError("SerializationException", str(exc)) from None
    found = validator.violations
    if found:
        n = len(found)
        head = f"{n} validation error{'s' if n > 1 else ''} detected: "
        raise AwsError(
            "InvalidParameterException" if _has_invalid_parameter(operation) else "ValidationException",
            head + "; ".join(v.describe() for v in found[:_MAX_REPORTED]),
        )
    return params


def _normalise(shape: Shape, value: Any) -> Any:
    """The request with JSON nulls removed from structures, lists and maps (documents excepted), and
    integral numbers such as ``5.0`` read as integers where the model says integer or long.

    The JSON protocol treats a null member as an absent one; dropping nulls here means handlers never
    meet ``None`` where the model promises a value (``[null]`` as a list of attributes, say), and a
    required member sent as null is still reported as null by the validator.
    """
    t = shape.type_name
    if t == "structure" and isinstance(value, dict) and not shape.metadata.get("document"):
        members = shape.members
        return {k: (_normalise(members[k], v) if k in members else v) for k, v in value.items() if v is not None}
    if t == "list" and isinstance(value, list):
        member = shape.member
        return [_normalise(member, v) for v in value if v is not None]
    if t == "map" and isinstance(value, dict):
        value_shape = shape.value
        return {k: _normalise(value_shape, v) for k, v in value.items() if v is not None}
    if t in ("integer", "long") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _has_invalid_parameter(operation: OperationModel) -> bool:
    return any(e.name == "InvalidParameterException" for e in operation.error_shapes)


def shape_output(shape: Shape | None, value: Any) -> Any:
    """Keep only what the output shape names, and encode timestamps and blobs as the JSON protocol does."""
    if shape is None or value is None:
        return None if shape is not None else {}
    t = shape.type_name
    if t == "structure" and shape.metadata.get("document"):
        return value  # a Document (managed login's Settings) is any JSON value, answered as it is
    if t == "structure":
        if not isinstance(value, dict):
            return None
        out: dict[str, Any] = {}
        members = shape.members
        for name, member in members.items():
            v = value.get(name)
            if v is None:
                continue
            shaped = shape_output(member, v)
            if shaped is not None:
                out[name] = shaped
        return out
    if t == "list":
        member = shape.member
        return [shape_output(member, v) for v in value if v is not None]
    if t == "map":
        value_shape = shape.value
        return {k: shape_output(value_shape, v) for k, v in value.items() if v is not None}
    if t == "timestamp":
        return _epoch(value)
    if t == "blob":
        if isinstance(value, bytes | bytearray):
            return base64.b64encode(value).decode()
        return value
    if t in ("integer", "long") and isinstance(value, float) and math.isfinite(value):
        return int(value)
    return value


def _epoch(value: Any) -> float:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return round(value.timestamp(), 3)
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).timestamp()
    return round(float(value), 3)


def operations(service: str) -> Iterator[str]:
    yield from service_model(service).operation_names


def query_compatible_error(model: ServiceModel, code: str) -> tuple[str, str] | None:
    """For a service that keeps its query-protocol error codes (``awsQueryCompatible``: CloudWatch), the error
    shape's name and its query code for ``code`` (either form): ``InvalidParameterValueException`` and
    ``InvalidParameterValue``. botocore reads the second from the ``x-amzn-query-error`` header."""
    if "awsQueryCompatible" not in model.metadata:
        return None
    for shape in model.error_shapes:
        query_code = shape.metadata.get("error", {}).get("code", shape.name)
        if code in (shape.name, query_code):
            return shape.name, query_code
    return code, code
