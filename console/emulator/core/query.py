"""The AWS query protocol (IAM, STS) from botocore's models: form-encoded requests in, XML answers out.

A request is ``POST /`` with an ``application/x-www-form-urlencoded`` body ``Action=<Op>&Version=<date>&...``
and no ``X-Amz-Target``. The service is the one the SigV4 credential scope names (``.../us-east-1/iam/
aws4_request``), or, for unsigned calls such as AssumeRoleWithWebIdentity, the one whose API version the
``Version`` parameter gives (IAM 2010-05-08, STS 2011-06-15). Members are named as botocore's query
serializer names them: a structure's members by dotted names (``PermissionsBoundary``,
``ProviderContexts.member.1.ProviderArn``), list items as ``Name.member.N`` (``Name.N`` when flattened), map
entries as ``Name.entry.N.key``/``.value``. The parameters are then validated against the input shape as a
JSON request is (protocol.validate_input).

Answers follow the output shape: ``<OpResponse xmlns="<namespace>"><OpResult>...</OpResult>
<ResponseMetadata><RequestId>...`` with list items as ``<member>``, timestamps in ISO 8601 and booleans as
``true``/``false``. Errors are ``<ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message>
</Error><RequestId>..</RequestId></ErrorResponse>``; the errors the core raises in the JSON protocols' words
(validation, signatures, tokens) are answered with the codes IAM and STS use for them.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import Response

from . import credentials
from .errors import AwsError
from .service_models import OperationModel, ServiceModel, Shape

# The query services by the name in a SigV4 credential scope, and by API version.
SERVICES = ("iam", "sts")
VERSIONS = {"2010-05-08": "iam", "2011-06-15": "sts"}
_MAX_FIELDS = 10_000
_XML = "text/xml"
_LEAF = ""  # where a tree node keeps its own value (a key may be both ``A`` and a prefix of ``A.B``)

# The core's JSON-protocol errors, in the query services' words: (code, status, message or None to keep).
_QUERY_ERRORS: dict[str, tuple[str, int, str | None]] = {
    "ValidationException": ("ValidationError", 400, None),
    "SerializationException": ("ValidationError", 400, None),
    "InvalidParameterException": ("ValidationError", 400, None),
    "UnrecognizedClientException": ("InvalidClientTokenId", 403, credentials.INVALID_TOKEN),
    "ExpiredTokenException": ("ExpiredToken", 403, credentials.EXPIRED_TOKEN),
    "InvalidSignatureException": ("SignatureDoesNotMatch", 403, None),
    "IncompleteSignatureException": ("IncompleteSignature", 403, None),
    "MissingAuthenticationTokenException": ("MissingAuthenticationToken", 403, None),
    "UnknownOperationException": ("InvalidAction", 400, None),
    "AccessDeniedException": ("AccessDenied", 403, None),
    "InternalErrorException": ("InternalFailure", 500, None),
}
_SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
    " Access Key and signing method. Consult the service documentation for details."
)


_NOT_XML = {c: "\ufffd" for c in range(32) if c not in (9, 10, 13)}


def escape(text: str) -> str:
    """``text`` as XML character data: markup escaped, and characters XML 1.0 cannot hold replaced."""
    return text.translate(_NOT_XML).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_query(scope: Mapping[str, Any]) -> bool:
    """Whether a ``POST /`` is a query-protocol call: a form body and no ``X-Amz-Target``."""
    form = False
    for name, value in scope["headers"]:
        if name == b"x-amz-target":
            return False
        if name == b"content-type":
            form = value.split(b";", 1)[0].strip().lower() == b"application/x-www-form-urlencoded"
    return form


def parse_form(body: bytes) -> dict[str, str]:
    """The form's fields (the last of a repeated name wins)."""
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=_MAX_FIELDS))
    except (UnicodeDecodeError, ValueError):
        raise AwsError("MalformedQueryString", "The query string could not be parsed.") from None


def service_of(scope: Mapping[str, Any], form: Mapping[str, str]) -> str:
    """``iam`` or ``sts``: the credential scope's service, else the one whose API version ``Version`` gives."""
    key_scope = _credential_scope_service(scope)
    if key_scope in SERVICES:
        return key_scope
    version = form.get("Version")
    if version in VERSIONS:
        return VERSIONS[version]
    if not version:
        raise AwsError("MissingParameter", "The request must contain the parameter Version.")
    raise AwsError("InvalidAction", f"Could not find operation {form.get('Action', '')} for version {version}")


def _credential_scope_service(scope: Mapping[str, Any]) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            text = value.decode("latin-1")
            start = text.find("Credential=")
            if start < 0:
                return None
            parts = text[start + len("Credential=") :].split(",", 1)[0].split("/")
            return parts[3].strip() if len(parts) == 5 else None
    return None


def operation(model: ServiceModel, form: Mapping[str, str]) -> OperationModel:
    action = form.get("Action")
    if not action:
        raise AwsError("MissingAction", "The request must contain the parameter Action.")
    if action not in model.operation_names:
        raise AwsError("InvalidAction", f"Could not find operation {action} for version {model.api_version}")
    return model.operation_model(action)


# -- request parameters ------------------------------------------------------------------------------------


def request_params(op_model: OperationModel, form: Mapping[str, str]) -> dict[str, Any]:
    """The operation's parameters, read from the form by its input shape (not yet validated)."""
    shape = op_model.input_shape
    if shape is None:
        return {}
    tree: dict[str, Any] = {}
    for key, value in form.items():
        if key in ("Action", "Version"):
            continue
        node = tree
        for part in key.split("."):
            node = node.setdefault(part, {})
        node[_LEAF] = value
    found = _read(shape, tree)
    return found if isinstance(found, dict) else {}


def _read(shape: Shape, node: Any) -> Any:
    t = shape.type_name
    if t == "structure":
        out: dict[str, Any] = {}
        for name, member in shape.members.items():
            wire = member.serialization.get("name", name)
            if wire in node:
                out[name] = _read(member, node[wire])
        return out
    if t == "list":
        member = shape.member
        items = node if shape.serialization.get("flattened") else node.get(member.serialization.get("name", "member"))
        if not items:
            return []
        return [_read(member, items[k]) for k in sorted((k for k in items if k.isdigit()), key=int)]
    if t == "map":
        entries = node if shape.serialization.get("flattened") else node.get("entry")
        if not entries:
            return {}
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        out = {}
        for k in sorted((k for k in entries if k.isdigit()), key=int):
            entry = entries[k]
            if key_name in entry:
                out[_read(shape.key, entry[key_name])] = _read(shape.value, entry.get(value_name, {}))
        return out
    value = node.get(_LEAF)
    if value is None:
        return None
    if t in ("integer", "long"):
        try:
            return int(value)
        except ValueError:
            return value  # the validator answers it as a string where a number belongs
    if t in ("float", "double"):
        try:
            return float(value)
        except ValueError:
            return value
    if t == "boolean":
        lowered = value.lower()
        return lowered == "true" if lowered in ("true", "false") else value
    return value


# -- answers -------------------------------------------------------------------------------------------------


def _timestamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    elif isinstance(value, str):
        return value
    else:
        moment = dt.datetime.fromtimestamp(float(value), dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write(shape: Shape, value: Any, tag: str, out: list[str]) -> None:
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, Mapping):
            return
        out.append(f"<{tag}>")
        _members(shape, value, out)
        out.append(f"</{tag}>")
    elif t == "list":
        member = shape.member
        if shape.serialization.get("flattened"):
            name = member.serialization.get("name", tag)
            for item in value:
                if item is not None:
                    _write(member, item, name, out)
            return
        name = member.serialization.get("name", "member")
        out.append(f"<{tag}>")
        for item in value:
            if item is not None:
                _write(member, item, name, out)
        out.append(f"</{tag}>")
    elif t == "map":
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        out.append(f"<{tag}>")
        for k, v in value.items():
            if v is None:
                continue
            out.append(f"<entry><{key_name}>{escape(str(k))}</{key_name}>")
            _write(shape.value, v, value_name, out)
            out.append("</entry>")
        out.append(f"</{tag}>")
    elif t == "timestamp":
        out.append(f"<{tag}>{_timestamp(value)}</{tag}>")
    elif t == "boolean":
        out.append(f"<{tag}>{'true' if value else 'false'}</{tag}>")
    elif t == "blob":
        raw = base64.b64encode(value).decode() if isinstance(value, bytes | bytearray) else str(value)
        out.append(f"<{tag}>{raw}</{tag}>")
    elif t in ("integer", "long") and isinstance(value, float):
        out.append(f"<{tag}>{int(value)}</{tag}>")
    else:
        out.append(f"<{tag}>{escape(str(value))}</{tag}>")


def _members(shape: Shape, value: Mapping[str, Any], out: list[str]) -> None:
    for name, member in shape.members.items():
        v = value.get(name)
        if v is not None:
            _write(member, v, member.serialization.get("name", name), out)


def response(op_model: OperationModel, result: Mapping[str, Any] | None, request_id: str) -> Response:
    """The XML answer of ``op_model`` with the handler's ``result``."""
    name = op_model.name
    namespace = op_model.service_model.metadata.get("xmlNamespace", "")
    out = [f'<{name}Response xmlns="{namespace}">']
    shape = op_model.output_shape
    if shape is not None:
        wrapper = shape.serialization.get("resultWrapper", f"{name}Result")
        out.append(f"<{wrapper}>")
        _members(shape, result or {}, out)
        out.append(f"</{wrapper}>")
    out.append(f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{name}Response>")
    return Response("".join(out).encode(), media_type=_XML, headers={"x-amzn-RequestId": request_id})


def error_response(model: ServiceModel | None, err: AwsError, request_id: str) -> Response:
    """``err`` as IAM and STS answer errors: ``<ErrorResponse>`` with Type, Code, Message and the request ID."""
    code, status, message = err.code, err.status, err.message
    mapped = _QUERY_ERRORS.get(code)
    if mapped is not None:
        code, status, replacement = mapped
        message = replacement or message
        if code == "SignatureDoesNotMatch" and message.startswith("The request signature we calculated"):
            message = _SIGNATURE_MISMATCH
    fault = "Receiver" if status >= 500 else "Sender"
    namespace = model.metadata.get("xmlNamespace", "") if model is not None else ""
    opening = f'<ErrorResponse xmlns="{namespace}">' if namespace else "<ErrorResponse>"
    body = (
        f"{opening}<Error><Type>{fault}</Type><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
        f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return Response(body.encode(), status_code=status, media_type=_XML, headers={"x-amzn-RequestId": request_id})
