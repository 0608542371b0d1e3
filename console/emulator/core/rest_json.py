"""The REST-JSON protocol (Cognito Sync) from botocore's models: routes, request members, responses, errors.

Each operation of a REST-JSON service names its HTTP method and a path template (``http.requestUri``, say
``/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets``); its input members say where each value
travels: a path label, a query-string parameter, a header, or the JSON body (or the body itself, for a payload
member). ``route`` finds the operation of a request from its method and path, ``request_params`` gathers the
members into the dict a handler gets (the same one the JSON protocol's body gives), ``response`` writes the
output members back to headers, status and body, and ``error_response`` answers an error with the status the
model gives its shape, ``{"message": ...}`` and the ``x-amzn-ErrorType`` header, as AWS does.

A path is looked at only when its first segment is one a REST-JSON service's templates start with
(``SERVICES``), so every other path (the JSON endpoint, the well-known documents, the hosted UI) costs one
dictionary lookup; a path that matches none of the service's templates is handed on.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import functools
import json
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, unquote

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from . import protocol, signatures
from .context import RequestContext
from .errors import AwsError
from .service_models import OperationModel, ServiceModel, Shape
from .store import compact_json

# The REST-JSON services the local Cognito answers, by the first segment of their operations' paths.
SERVICES = {"identitypools": "cognito-sync"}

_JSON = "application/json"


class _Template(NamedTuple):
    """An operation's ``requestUri``: its path segments (literal text, ``{Label}`` or a greedy ``{Label+}``)
    and the query-string parameters the template itself fixes."""

    operation: str
    method: str
    segments: tuple[tuple[str, str], ...]  # ("literal", text) | ("label", name) | ("greedy", name)
    fixed_query: tuple[tuple[str, str | None], ...]

    def match(self, parts: list[str], query: Mapping[str, str]) -> dict[str, str] | None:
        """The template's labels, percent-decoded, when ``parts`` (the path's raw segments) fit it."""
        labels: dict[str, str] = {}
        for i, (kind, text) in enumerate(self.segments):
            if kind == "greedy":
                rest = parts[i:]
                if not rest or not all(rest):
                    return None
                labels[text] = unquote("/".join(rest))
                break
            if i >= len(parts):
                return None
            if kind == "literal":
                if parts[i] != text:
                    return None
            elif not parts[i]:
                return None
            else:
                labels[text] = unquote(parts[i])
        else:
            if len(parts) != len(self.segments):
                return None
        for key, value in self.fixed_query:
            if key not in query or (value is not None and query[key] != value):
                return None
        return labels


class Route(NamedTuple):
    """The operation a request's method and path matched, and the values of its path labels."""

    operation: OperationModel
    labels: dict[str, str]


def _parse_template(operation: OperationModel) -> _Template:
    uri = operation.http["requestUri"]
    path, _, query = uri.partition("?")
    segments: list[tuple[str, str]] = []
    for part in path.strip("/").split("/") if path.strip("/") else []:
        if part.startswith("{") and part.endswith("}"):
            name = part[1:-1]
            segments.append(("greedy", name[:-1]) if name.endswith("+") else ("label", name))
        else:
            segments.append(("literal", part))
    fixed = tuple((k, v if sep else None) for k, sep, v in (p.partition("=") for p in query.split("&") if p))
    return _Template(operation.name, operation.http["method"].upper(), tuple(segments), fixed)


@functools.cache
def _templates(service: str) -> tuple[_Template, ...]:
    """The service's templates, the most literal first (``/x/{Id}/events`` before ``/x/{Id}/{Name}``)."""
    model = protocol.service_model(service)
    templates = [_parse_template(model.operation_model(name)) for name in model.operation_names]
    return tuple(sorted(templates, key=lambda t: [kind != "literal" for kind, _ in t.segments]))


def route(scope: Scope) -> Route | None:
    """The REST-JSON operation ``scope``'s method and path name, or None (the request is someone else's)."""
    raw = scope.get("raw_path") or scope["path"].encode()
    path = raw.decode("latin-1").partition("?")[0]
    parts = path.strip("/").split("/") if path.strip("/") else []
    service = SERVICES.get(parts[0]) if parts else None
    if service is None:
        return None
    method = scope["method"]
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
    for template in _templates(service):
        if template.method != method:
            continue
        labels = template.match(parts, query)
        if labels is not None:
            return Route(protocol.service_model(service).operation_model(template.operation), labels)
    return None


# -- requests -------------------------------------------------------------------------------------


def _bad_value(value: str, where: str, kind: str) -> AwsError:
    return AwsError("SerializationException", f"Value '{value}' at '{where}' is not a valid {kind}.")


def _scalar(shape: Shape, value: str, where: str) -> Any:
    """A query-string or header value as the member's type."""
    t = shape.type_name
    if t in ("integer", "long"):
        try:
            return int(value)
        except ValueError:
            raise _bad_value(value, where, "integer") from None
    if t in ("float", "double"):
        try:
            return float(value)
        except ValueError:
            raise _bad_value(value, where, "number") from None
    if t == "boolean":
        if value not in ("true", "false"):
            raise _bad_value(value, where, "boolean")
        return value == "true"
    if t == "timestamp":
        return _timestamp(value, where)
    if t == "string" and shape.serialization.get("jsonvalue"):
        try:
            return json.loads(base64.b64decode(value))
        except ValueError:
            raise _bad_value(value, where, "base64-encoded JSON value") from None
    return value


def _timestamp(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        raise _bad_value(value, where, "timestamp") from None


def request_params(found: Route, request: Request, body: bytes) -> dict[str, Any]:
    """The operation's input members from the request's path labels, query string, headers and body."""
    shape = found.operation.input_shape
    if shape is None:
        return {}
    params: dict[str, Any] = {}
    query = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    claimed = {m.serialization.get("name", n) for n, m in shape.members.items() if m.serialization.get("location")}
    located: set[str] = set()
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if location is None:
            continue
        located.add(name)
        if location == "uri":
            if wire in found.labels:
                params[name] = found.labels[wire]
        elif location == "querystring":
            if member.type_name == "map":  # every parameter no other member claims
                params[name] = {k: v for k, v in query if k not in claimed} or None
            elif member.type_name == "list":
                values = [_scalar(member.member, v, wire) for k, v in query if k == wire]
                params[name] = values or None
            else:
                first = next((v for k, v in query if k == wire), None)
                params[name] = None if first is None else _scalar(member, first, wire)
        elif location == "header":
            if member.type_name == "map":  # headers that start with the prefix
                prefix = wire.lower()
                params[name] = {
                    k[len(prefix) :]: v for k, v in request.headers.items() if k.lower().startswith(prefix)
                } or None
            else:
                value = request.headers.get(wire)
                params[name] = None if value is None else _scalar(member, value, wire)
    payload = shape.serialization.get("payload")
    if payload is not None:
        member = shape.members[payload]
        if member.type_name == "blob":
            params[payload] = base64.b64encode(body).decode() if body else None
        elif member.type_name == "string":
            params[payload] = body.decode("utf-8", "replace") if body else None
        elif body.strip():
            params[payload] = protocol.json_document(body)
    elif body.strip():
        document = protocol.json_document(body)
        if not isinstance(document, dict):
            raise AwsError("SerializationException", "The request body must be a JSON object.")
        for name, value in document.items():
            if name not in located:  # a body member cannot stand in for a path label or a header
                params[name] = value
    return {k: v for k, v in params.items() if v is not None}


# -- responses ------------------------------------------------------------------------------------


def _header_value(shape: Shape, value: Any) -> str:
    if shape.type_name == "timestamp":
        stamp = value.timestamp() if isinstance(value, dt.datetime) else float(value)
        return email.utils.formatdate(stamp, usegmt=True)
    if shape.type_name == "boolean":
        return "true" if value else "false"
    if shape.serialization.get("jsonvalue"):
        return base64.b64encode(compact_json(value)).decode()
    return str(value)


async def response(ctx: RequestContext, operation: OperationModel, result: Any, request_id: str) -> Response:
    """The handler's ``result`` on the wire: header members as headers, a status-code member as the status,
    the rest (or the payload member) as the JSON body; the operation's success status otherwise."""
    status = int(operation.http.get("responseCode", 200))
    headers = {"x-amzn-RequestId": request_id}
    shape = operation.output_shape
    if shape is None:
        return Response(b"{}", status_code=status, headers=headers, media_type=_JSON)
    result = result or {}
    body: dict[str, Any] = {}
    for name, member in shape.members.items():
        value = result.get(name)
        if value is None:
            continue
        location = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if location == "header":
            if member.type_name == "map":
                headers.update({f"{wire}{k}": str(v) for k, v in value.items()})
            else:
                headers[wire] = _header_value(member, value)
        elif location == "statusCode":
            status = int(value)
        elif location is None:
            body[name] = value
    payload = shape.serialization.get("payload")
    if payload is not None:
        member = shape.members[payload]
        value = body.get(payload)
        if member.type_name in ("blob", "string"):
            raw = value if isinstance(value, bytes) else (value or "").encode()
            return Response(raw, status_code=status, headers=headers, media_type="application/octet-stream")
        shaped = protocol.shape_output(member, value) if value is not None else {}
    else:
        shaped = protocol.shape_output(shape, body)
    content = await signatures.complete(ctx, compact_json(shaped))
    return Response(content, status_code=status, headers=headers, media_type=_JSON)


def error_status(model: ServiceModel, err: AwsError) -> int:
    """The HTTP status of ``err``: the one the model gives its error shape, else the error's own."""
    if err.code in model.shape_names:
        status = model.shape_for(err.code).metadata.get("error", {}).get("httpStatusCode")
        if isinstance(status, int):
            return status
    return err.status


def error_response(model: ServiceModel, err: AwsError, request_id: str) -> Response:
    """``err`` as REST-JSON answers it: the status of its shape, ``{"message": ...}`` and ``x-amzn-ErrorType``."""
    headers = {"x-amzn-ErrorType": f"{err.code}:", "x-amzn-RequestId": request_id}
    if err.message and all(" " <= c <= "~" for c in err.message):
        headers["x-amzn-ErrorMessage"] = err.message[:1024]
    return Response(
        compact_json({"message": err.message}),
        status_code=error_status(model, err),
        headers=headers,
        media_type=_JSON,
    )
