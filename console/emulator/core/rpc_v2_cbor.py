"""The Smithy RPC v2 CBOR protocol (CloudWatch): ``POST /service/{ServiceName}/operation/{Operation}`` with a
CBOR body, answered in CBOR.

The body is decoded and turned into the values the JSON protocol carries (timestamps as epoch seconds, blobs
as base64), so one validator (protocol.validate_input) and one output shaper (protocol.shape_output) serve
every protocol; the answer is turned back: timestamps as CBOR tag 1, blobs as byte strings. Errors are a
CBOR map with ``__type`` and ``message``, as botocore's parser reads them, and the ``x-amzn-query-error``
header for services that keep their query-protocol error codes (``awsQueryCompatible``).
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import MutableMapping
from typing import Any

from starlette.responses import Response

from . import protocol
from .errors import AwsError
from .service_models import OperationModel, ServiceModel, Shape

PREFIX = "/service/"
CONTENT_TYPE = "application/cbor"
HEADERS = {"smithy-protocol": "rpc-v2-cbor"}
# The services answered in this protocol, by the service name their paths carry (the model's targetPrefix).
SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}


def is_rpc_v2(scope: MutableMapping[str, Any]) -> bool:
    return bool(scope["method"] == "POST" and scope["path"].startswith(PREFIX))


def target(path: str) -> tuple[str, str]:
    """The service (botocore's name) and the operation a path names, or UnknownOperationException."""
    parts = path[len(PREFIX) :].split("/")
    if len(parts) != 3 or parts[1] != "operation" or parts[0] not in SERVICES or not parts[2]:
        raise AwsError("UnknownOperationException", f"Unknown operation path {path}.", 404)
    return SERVICES[parts[0]], parts[2]


def operation(model: ServiceModel, name: str) -> OperationModel:
    if name not in model.operation_names:
        raise AwsError("UnknownOperationException", f"Unknown operation {name}.", 404)
    return model.operation_model(name)


def decode(body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    import cbor2  # with the first CloudWatch call: a millisecond of every start otherwise

    try:
        value = cbor2.loads(body)
    except (cbor2.CBORDecodeError, ValueError, RecursionError, MemoryError):
        raise AwsError("SerializationException", "Could not parse the request body as CBOR.") from None
    if not isinstance(value, dict):
        raise AwsError("SerializationException", "The request body must be a CBOR map.")
    return value


def request_params(shape: Shape | None, value: Any) -> Any:
    """A decoded CBOR request as the JSON protocol would have carried it, guided by the input shape."""
    if shape is None:
        return value
    t = shape.type_name
    if t == "structure" and isinstance(value, dict):
        return {k: request_params(shape.members.get(k), v) for k, v in value.items()}
    if t == "list" and isinstance(value, list):
        return [request_params(shape.member, v) for v in value]
    if t == "map" and isinstance(value, dict):
        return {k: request_params(shape.value, v) for k, v in value.items()}
    if t == "timestamp" and isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).timestamp()
    if t == "blob" and isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode()
    if t in ("float", "double") and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def response_value(shape: Shape | None, value: Any) -> Any:
    """A shaped answer (protocol.shape_output) in CBOR's types: timestamps tagged, blobs as bytes."""
    if shape is None or value is None:
        return value
    t = shape.type_name
    if t == "structure" and isinstance(value, dict):
        return {k: response_value(shape.members.get(k), v) for k, v in value.items()}
    if t == "list" and isinstance(value, list):
        return [response_value(shape.member, v) for v in value]
    if t == "map" and isinstance(value, dict):
        return {k: response_value(shape.value, v) for k, v in value.items()}
    if t == "timestamp" and isinstance(value, int | float):
        import cbor2

        return cbor2.CBORTag(1, float(value))
    if t == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    if t in ("float", "double") and isinstance(value, float) and not math.isfinite(value):
        return value
    return value


def response(op_model: OperationModel, shaped: Any, request_id: str) -> Response:
    import cbor2

    body = cbor2.dumps(response_value(op_model.output_shape, shaped or {}))
    return Response(body, media_type=CONTENT_TYPE, headers={**HEADERS, "x-amzn-RequestId": request_id})


def error_response(model: ServiceModel | None, err: AwsError, request_id: str) -> Response:
    headers = {**HEADERS, "x-amzn-RequestId": request_id}
    code = err.code
    compatible = protocol.query_compatible_error(model, code) if model is not None else None
    if compatible is not None:
        code, query_code = compatible
        headers["x-amzn-query-error"] = f"{query_code};{'Receiver' if err.status >= 500 else 'Sender'}"
    import cbor2

    body = cbor2.dumps({"__type": code, "message": err.message})
    return Response(body, status_code=err.status, media_type=CONTENT_TYPE, headers=headers)
