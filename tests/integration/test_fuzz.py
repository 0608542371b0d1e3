"""Fuzzing the local Cognito over raw HTTP: every operation of the cognito-idp and logs models gets
valid-by-shape, aimed-at-real-resources and edge-value requests (tests/fuzz_inputs.py), and every answer
must be AWS-shaped: below 500, ``__type`` + ``message`` + ``x-amzn-ErrorType`` for errors, a code the
model lists for the operation (or a generic one), no traceback in the server's log, the store untouched
by a failed synchronous request, and the server still serving at the end.

The seed is fixed (``FUZZ_SEED`` overrides it, ``FUZZ_PER_OP`` the number of requests per operation), so a
failure names a request that reproduces.
"""

from __future__ import annotations

import base64
import concurrent.futures
import json
import os
import random
from collections.abc import Iterator
from typing import Any

import botocore.session
import httpx
import pytest

from console.emulator.core import app, registry
from tests.fuzz_inputs import World, describe, model_errors, requests_for
from tests.fuzz_server import (
    JSON_TYPE,
    KEEPS_ON_FAILURE,
    PREFIX,
    READ_ONLY,
    UNLISTED_CODES,
    DataVersion,
    FuzzServer,
    Worlds,
    serve,
    shape_problems,
)

SEED = int(os.environ.get("FUZZ_SEED", "20240611"))
PER_OP = int(os.environ.get("FUZZ_PER_OP", "4"))
# Async handlers commit in several short transactions, and some failures rightly leave a trace (failed
# sign-in counters, auth events); FUZZ_STORE_ASYNC=1 reports their writes on failure too, to be read.
STORE_ASYNC = os.environ.get("FUZZ_STORE_ASYNC") == "1"

_SESSION = botocore.session.get_session()
IDP_MODEL = _SESSION.get_service_model("cognito-idp")
LOGS_MODEL = _SESSION.get_service_model("logs")
app.load_services()


def _operations() -> list[tuple[str, str]]:
    ops = [("cognito-idp", name) for name in IDP_MODEL.operation_names]
    implemented = set(registry.implemented("logs"))
    ops += [("logs", name) for name in LOGS_MODEL.operation_names if name in implemented]
    # A sample of the logs operations the local Cognito does not implement: validated, then refused.
    others = sorted(set(LOGS_MODEL.operation_names) - implemented)
    ops += [("logs", name) for name in random.Random(SEED).sample(others, 4)]
    return ops


# -- a server of our own, so that its log (tracebacks) can be read -------------------------------------------


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzServer]:
    with serve(tmp_path_factory.mktemp("fuzz")) as server:
        yield server


@pytest.fixture(scope="module")
def worlds(fuzz_server: FuzzServer) -> Worlds:
    return Worlds(fuzz_server)


@pytest.mark.parametrize(("service", "op"), _operations(), ids=lambda v: v)
def test_fuzz_operation(fuzz_server: FuzzServer, worlds: Worlds, service: str, op: str) -> None:
    model = IDP_MODEL if service == "cognito-idp" else LOGS_MODEL
    op_model = model.operation_model(op)
    allowed = model_errors(op_model) | {code for (name, code) in UNLISTED_CODES if name == op}
    handler = registry.lookup(service, op)
    rng = random.Random(f"{SEED}:{service}:{op}")
    # Half the requests aim at the default pool, half at the "rich" one, each cycling through the modes.
    plain = requests_for(service, op_model, rng, worlds.get(), (PER_OP + 1) // 2)
    rich = requests_for(service, op_model, rng, worlds.get_rich(), PER_OP // 2, start=2, tag="rich-")
    version = DataVersion(fuzz_server.db_path)
    failures: list[str] = []
    wrote = False
    try:
        for req in plain + rich:
            before = version()
            try:
                r = fuzz_server.call(service, op, req.body)
            except httpx.TransportError as exc:
                failures.append(
                    f"{req.label()} {describe(req.body)}\n  -> no answer: {exc!r}\n{fuzz_server.new_log()[-1500:]}"
                )
                continue
            problems = shape_problems(r, allowed)
            log = fuzz_server.new_log()
            if "Traceback" in log:
                problems.append("traceback in the server log:\n" + log[-1500:])
            if (
                r.status_code != 200
                and handler is not None
                and (STORE_ASYNC or not (handler.is_async or op in KEEPS_ON_FAILURE))
                and version() != before
            ):
                problems.append("the store changed although the request failed")
            if r.status_code == 200 and not op.startswith(READ_ONLY):
                wrote = True
            if problems:
                failures.append(
                    f"{req.label()} {describe(req.body)}\n  -> {r.status_code} {r.text[:300]}\n  "
                    + "\n  ".join(problems)
                )
    finally:
        if wrote or op.startswith(("Delete", "AdminDelete", "GlobalSignOut", "AdminUserGlobalSignOut", "Revoke")):
            worlds.dirty()
    assert not failures, "\n\n".join(failures)


def test_server_still_serving_after_fuzz(fuzz_server: FuzzServer) -> None:
    r = fuzz_server.http.get(fuzz_server.base_url + "/_emulator/health")
    assert r.status_code == 200
    assert r.json()["service"] == "cognito-local"


# -- targeted malformed bodies ------------------------------------------------------------------------------


def assert_aws_error(r: httpx.Response, code: str | None = None, status: int | None = 400) -> dict[str, Any]:
    assert r.status_code < 500, r.text
    if status is not None:
        assert r.status_code == status, r.text
    body = r.json()
    assert isinstance(body["__type"], str) and isinstance(body["message"], str), body
    assert r.headers["x-amzn-ErrorType"].startswith(body["__type"])
    if code is not None:
        assert body["__type"] == code, body
    return body


def _required_paths(op_model: Any) -> list[str]:
    shape = op_model.input_shape
    if shape is None:
        return []
    return [n[:1].lower() + n[1:] for n in shape.required_members]


@pytest.mark.parametrize("service", ["cognito-idp", "logs"])
def test_empty_body_for_every_operation(fuzz_server: FuzzServer, service: str) -> None:
    model = IDP_MODEL if service == "cognito-idp" else LOGS_MODEL
    failures = []
    for op in model.operation_names:
        r = fuzz_server.call(service, op, raw=b"")
        required = _required_paths(model.operation_model(op))
        try:
            if required:
                body = assert_aws_error(r)
                n = len(required)
                assert body["message"].startswith(f"{n} validation error{'s' if n > 1 else ''} detected: "), body
                for path in required:
                    assert (
                        f"Value null at '{path}' failed to satisfy constraint: Member must not be null"
                        in body["message"]
                    ), body
            else:
                assert r.status_code < 500, r.text
                if r.status_code != 200:
                    assert_aws_error(r, status=None)
        except (AssertionError, KeyError, ValueError) as exc:
            failures.append(f"{op}: {exc}")
    assert not failures, "\n".join(failures)
    assert "Traceback" not in fuzz_server.new_log()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"[]", "SerializationException"),
        (b"[1, 2]", "SerializationException"),
        (b"42", "SerializationException"),
        (b"-1.5e400", "SerializationException"),
        (b'"a string"', "SerializationException"),
        (b"null", "SerializationException"),
        (b"true", "SerializationException"),
        (b"\xff\xfe\xfd", "SerializationException"),
        (b'{"UserPoolId": "\xff\xfe"}', "SerializationException"),
        (b"\xef\xbb\xbf{}", None),  # a UTF-8 byte order mark
        (b'{"UserPoolId": "us-east-1_abc", "UserPoolId": 5}', "SerializationException"),
        (b'{"UserPoolId": "\\ud800"}', None),  # a lone surrogate
        (b"NaN", "SerializationException"),
        (b'{"UserPoolId": NaN}', "SerializationException"),
        (b"\x00", "SerializationException"),
    ],
    ids=lambda v: repr(v)[:40],
)
def test_non_object_and_non_utf8_bodies(fuzz_server: FuzzServer, raw: bytes, code: str | None) -> None:
    r = fuzz_server.call("cognito-idp", "DescribeUserPool", raw=raw)
    assert_aws_error(r, code)
    assert "Traceback" not in fuzz_server.new_log()


@pytest.mark.parametrize("op", ["DescribeUserPool", "UpdateUserPool", "AdminCreateUser", "SetUICustomization"])
def test_deeply_nested_json(fuzz_server: FuzzServer, op: str) -> None:
    depth = 10_000
    for raw in (b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth):
        r = fuzz_server.call("cognito-idp", op, raw=raw)
        assert_aws_error(r, "SerializationException")
    assert "Traceback" not in fuzz_server.new_log()


def test_deeply_nested_member_values(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    """Nesting the JSON parser accepts (a few hundred levels) inside members of every kind."""
    w = worlds.get()
    nested: Any = 1
    for _ in range(400):
        nested = {"a": [nested]}
    cases = [
        ("AdminUpdateUserAttributes", {"UserPoolId": w.pool_id, "Username": w.username, "UserAttributes": nested}),
        ("AdminCreateUser", {"UserPoolId": w.pool_id, "Username": "deep", "ClientMetadata": {"k": nested}}),
        ("UpdateUserPool", {"UserPoolId": w.pool_id, "LambdaConfig": nested}),
        ("ListUsers", {"UserPoolId": w.pool_id, "Filter": nested}),
        ("DescribeUserPool", {"UserPoolId": w.pool_id, "Extra": nested}),
    ]
    for op, body in cases:
        r = fuzz_server.call("cognito-idp", op, body)
        assert r.status_code < 500, (op, r.text)
        if r.status_code != 200:
            assert_aws_error(r, status=None)
    assert "Traceback" not in fuzz_server.new_log()


def test_five_megabyte_body(fuzz_server: FuzzServer) -> None:
    big = json.dumps({"UserPoolId": "us-east-1_abc", "Pad": "x" * (5 * 1024 * 1024)}).encode()
    r = fuzz_server.call("cognito-idp", "DescribeUserPool", raw=big)
    assert_aws_error(r, "SerializationException", 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while streaming too
        for i in range(0, len(big), 65536):
            yield big[i : i + 65536]

    r = fuzz_server.http.post(
        fuzz_server.base_url + "/",
        content=chunks(),
        headers={"Content-Type": JSON_TYPE, "X-Amz-Target": f"{PREFIX['cognito-idp']}.DescribeUserPool"},
    )
    assert_aws_error(r, "SerializationException", 413)
    assert fuzz_server.http.get(fuzz_server.base_url + "/_emulator/health").status_code == 200


def test_one_megabyte_string_in_a_member(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    w = worlds.get()
    mb = "x" * 1_000_000  # a megabyte (10^6), just under the 1 MiB body limit with the rest of the request
    cases = [
        ("AdminGetUser", {"UserPoolId": w.pool_id, "Username": mb}, "InvalidParameterException"),
        ("ListUsers", {"UserPoolId": w.pool_id, "Filter": mb}, "InvalidParameterException"),
        ("GetUser", {"AccessToken": mb}, "NotAuthorizedException"),  # TokenModelType has no maximum
        ("AdminCreateUser", {"UserPoolId": w.pool_id, "Username": "mb", "ClientMetadata": {"k": mb}}, None),
        (
            "InitiateAuth",
            {
                "ClientId": w.client_id,
                "AuthFlow": "USER_SRP_AUTH",
                "AuthParameters": {"USERNAME": w.username, "SRP_A": "f" * 800_000},
            },
            None,
        ),
        (
            "InitiateAuth",
            {
                "ClientId": w.client_id,
                "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": w.username, "PASSWORD": mb},
            },
            None,
        ),
        ("SetUICustomization", {"UserPoolId": w.pool_id, "CSS": mb}, "InvalidParameterException"),
        (
            "AdminUpdateUserAttributes",
            {"UserPoolId": w.pool_id, "Username": w.username, "UserAttributes": [{"Name": "custom:x", "Value": mb}]},
            None,
        ),
    ]
    for op, body, code in cases:
        r = fuzz_server.call("cognito-idp", op, body)
        assert r.status_code != 200 or code is None, (op, r.text[:300])
        if r.status_code != 200:
            assert_aws_error(r, code)
        assert len(r.headers.get("x-amzn-ErrorMessage", "")) <= 1024
    # Over the body limit: refused before parsing.
    r = fuzz_server.call("cognito-idp", "AdminGetUser", {"UserPoolId": w.pool_id, "Username": "x" * (1024 * 1024)})
    assert_aws_error(r, "SerializationException", 413)
    assert "Traceback" not in fuzz_server.new_log()


def test_fifty_concurrent_malformed_requests(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    w = worlds.get()
    bodies: list[tuple[str, bytes]] = [
        ("DescribeUserPool", b"{"),
        ("AdminGetUser", json.dumps({"UserPoolId": w.pool_id, "Username": 5}).encode()),
        ("AdminCreateUser", json.dumps({"UserPoolId": w.pool_id, "Username": ""}).encode()),
        ("ListUsers", json.dumps({"UserPoolId": w.pool_id, "Filter": 'email = "'}).encode()),
        (
            "InitiateAuth",
            json.dumps(
                {
                    "ClientId": w.client_id,
                    "AuthFlow": "USER_SRP_AUTH",
                    "AuthParameters": {"USERNAME": w.username, "SRP_A": "0"},
                }
            ).encode(),
        ),
        ("UpdateUserPool", b"[" * 5000 + b"]" * 5000),
        (
            "AdminUpdateUserAttributes",
            json.dumps(
                {
                    "UserPoolId": w.pool_id,
                    "Username": w.username,
                    "UserAttributes": [{"Name": "custom:nope", "Value": "1"}],
                }
            ).encode(),
        ),
        ("GetUser", json.dumps({"AccessToken": "a.b.c"}).encode()),
        ("CreateGroup", json.dumps({"UserPoolId": w.pool_id, "GroupName": w.group}).encode()),
        ("DescribeUserPool", b"\xff" * 100),
    ]
    before = fuzz_server.ok("AdminGetUser", {"UserPoolId": w.pool_id, "Username": w.username})

    def one(i: int) -> httpx.Response:
        op, raw = bodies[i % len(bodies)]
        with httpx.Client(timeout=30) as c:
            return c.post(
                fuzz_server.base_url + "/",
                content=raw,
                headers={"Content-Type": JSON_TYPE, "X-Amz-Target": f"{PREFIX['cognito-idp']}.{op}"},
            )

    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(one, range(50)))
    for r in answers:
        assert_aws_error(r)
    after = fuzz_server.ok("AdminGetUser", {"UserPoolId": w.pool_id, "Username": w.username})
    assert after == before
    assert "Traceback" not in fuzz_server.new_log()
    assert fuzz_server.http.get(fuzz_server.base_url + "/_emulator/health").status_code == 200


def test_binary_blob_member(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    w = worlds.get()
    for image in (
        "",
        "!!!",
        base64.b64encode(b"\x00" * 10).decode(),
        base64.b64encode(b"GIF89a" + b"\x00" * 10).decode(),
    ):
        r = fuzz_server.call("cognito-idp", "SetUICustomization", {"UserPoolId": w.pool_id, "ImageFile": image})
        assert r.status_code < 500, r.text
        if r.status_code != 200:
            assert_aws_error(r)
    assert "Traceback" not in fuzz_server.new_log()


def _b64(obj: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


# Pagination tokens a client could forge: base64 JSON of the right length with the wrong types inside,
# other kinds' tokens, huge numbers, and text that is not a token at all.
FORGED_TOKENS = [
    _b64([{}, []]),
    _b64([[1], {"a": 1}]),
    _b64(["a", "b"]),
    _b64([1e308, "x"]),
    _b64([2**70, 2**70]),
    _b64([None, None]),
    _b64([True]),
    _b64([{}]),
    _b64(["x"]),
    _b64("x"),
    _b64({"a": 1}),
    _b64(["groups", [{}]]),
    _b64(["users", [None, None]]),
    _b64(["group-users", [[]]]),
    "f/abc/def",
    "b/1/2/3",
    "f/99999999999999999999999999/1",
    "!!!",
    "=",
    "é",
]


def _paginated_requests(w: World) -> list[tuple[str, str, dict[str, Any], str]]:
    pool = {"UserPoolId": w.pool_id}
    return [
        ("cognito-idp", "ListUserPools", {"MaxResults": 10}, "NextToken"),
        ("cognito-idp", "ListUsers", pool, "PaginationToken"),
        ("cognito-idp", "ListGroups", pool, "NextToken"),
        ("cognito-idp", "ListUserPoolClients", pool, "NextToken"),
        ("cognito-idp", "ListUserPoolClientSecrets", {**pool, "ClientId": w.client_id}, "NextToken"),
        ("cognito-idp", "ListIdentityProviders", pool, "NextToken"),
        ("cognito-idp", "ListResourceServers", pool, "NextToken"),
        ("cognito-idp", "ListUserImportJobs", {**pool, "MaxResults": 10}, "PaginationToken"),
        ("cognito-idp", "ListUsersInGroup", {**pool, "GroupName": w.group}, "NextToken"),
        ("cognito-idp", "AdminListGroupsForUser", {**pool, "Username": w.username}, "NextToken"),
        ("cognito-idp", "AdminListUserAuthEvents", {**pool, "Username": w.username}, "NextToken"),
        ("cognito-idp", "AdminListDevices", {**pool, "Username": w.username}, "PaginationToken"),
        ("cognito-idp", "ListDevices", {"AccessToken": w.access_token}, "PaginationToken"),
        ("logs", "DescribeLogGroups", {}, "nextToken"),
        ("logs", "DescribeLogStreams", {"logGroupName": w.log_group}, "nextToken"),
        ("logs", "GetLogEvents", {"logGroupName": w.log_group, "logStreamName": w.log_stream}, "nextToken"),
        ("logs", "FilterLogEvents", {"logGroupName": w.log_group}, "nextToken"),
    ]


def test_forged_pagination_tokens(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    w = worlds.get()
    failures = []
    for service, op, body, member in _paginated_requests(w):
        for token in FORGED_TOKENS:
            r = fuzz_server.call(service, op, {**body, member: token})
            if r.status_code == 200:
                continue  # a token that decodes to a plausible position may just start there
            problems = shape_problems(r, None)
            if problems:
                failures.append(f"{op} {member}={token!r}: {r.status_code} {r.text[:120]}")
    assert not failures, "\n".join(failures)
    assert "Traceback" not in fuzz_server.new_log()


# -- single requests the fuzzing found mishandled, each pinned -------------------------------------------------


def test_control_characters_in_an_echoed_value_keep_the_response(fuzz_server: FuzzServer) -> None:
    """server.py put an echoed ``\\r`` into x-amzn-ErrorMessage; the HTTP layer then dropped the response."""
    for value in ("a\rb", "a\x00b", "a\tb", "a\x7fb", "a\x1bb"):
        r = fuzz_server.call("cognito-idp", "DescribeUserPool", {"UserPoolId": value})
        body = assert_aws_error(r, "InvalidParameterException")
        assert repr(value)[1:-1] in repr(body["message"])
    assert "Traceback" not in fuzz_server.new_log()


def test_null_items_in_lists_and_maps_are_dropped(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    """protocol.py let ``[null]`` through to handlers that index into every item."""
    w = worlds.get()
    cases = [
        ("SetUserSettings", {"AccessToken": w.access_token, "MFAOptions": [None]}),
        ("UpdateUserAttributes", {"AccessToken": w.access_token, "UserAttributes": [None]}),
        ("AdminUpdateUserAttributes", {"UserPoolId": w.pool_id, "Username": w.username, "UserAttributes": [None]}),
        ("AddCustomAttributes", {"UserPoolId": w.pool_id, "CustomAttributes": [None]}),
        ("CreateUserPool", {"PoolName": "nulls", "Schema": [None], "UserPoolTags": {"k": None}}),
    ]
    for op, body in cases:
        r = fuzz_server.call("cognito-idp", op, body)
        assert r.status_code < 500, (op, r.text)
        if r.status_code != 200:
            assert_aws_error(r)
    assert "Traceback" not in fuzz_server.new_log()
    worlds.dirty()


def test_a_null_required_member_is_reported_as_null(fuzz_server: FuzzServer) -> None:
    r = fuzz_server.call("cognito-idp", "DescribeUserPool", {"UserPoolId": None})
    body = assert_aws_error(r, "InvalidParameterException")
    assert body["message"] == (
        "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
    )


@pytest.mark.parametrize(
    ("op", "member"),
    [("CreateUserPool", "Schema"), ("AddCustomAttributes", "CustomAttributes")],
)
def test_schema_attribute_without_a_name(fuzz_server: FuzzServer, worlds: Worlds, op: str, member: str) -> None:
    """pools.py read attr["Name"], optional in the model: KeyError -> 500."""
    w = worlds.get()
    body: dict[str, Any] = {member: [{"AttributeDataType": "String"}]}
    body |= {"PoolName": "nameless"} if op == "CreateUserPool" else {"UserPoolId": w.pool_id}
    err = assert_aws_error(fuzz_server.call("cognito-idp", op, body), "InvalidParameterException")
    path = "schema" if op == "CreateUserPool" else "customAttributes"
    assert f"'{path}.1.member.name'" in err["message"]
    before = fuzz_server.ok("DescribeUserPool", {"UserPoolId": w.pool_id})["UserPool"]["SchemaAttributes"]
    body = {"UserPoolId": w.pool_id, "CustomAttributes": [{"Name": "ok1"}, {"Mutable": True}]}
    assert_aws_error(fuzz_server.call("cognito-idp", "AddCustomAttributes", body), "InvalidParameterException")
    after = fuzz_server.ok("DescribeUserPool", {"UserPoolId": w.pool_id})["UserPool"]["SchemaAttributes"]
    assert after == before  # the named attribute before the bad one was not added either
    assert "Traceback" not in fuzz_server.new_log()


@pytest.mark.parametrize(
    ("service", "op", "body"),
    [
        ("cognito-idp", "CreateGroup", {"UserPoolId": "us-east-1_abc", "GroupName": "g", "Precedence": 2**31}),
        ("cognito-idp", "CreateGroup", {"UserPoolId": "us-east-1_abc", "GroupName": "g", "Precedence": 1e300}),
        ("logs", "GetLogEvents", {"logGroupName": "g", "logStreamName": "s", "startTime": 2**64}),
        ("logs", "FilterLogEvents", {"logGroupName": "g", "endTime": 2**63}),
    ],
    ids=["int-2^31", "int-1e300", "long-2^64", "long-2^63"],
)
def test_integers_beyond_java_int_and_long(fuzz_server: FuzzServer, service: str, op: str, body: Any) -> None:
    """Values past 64 bits reached SQLite (OverflowError -> 500); AWS fails them at deserialization."""
    err = assert_aws_error(fuzz_server.call(service, op, body), "SerializationException")
    assert "out of range" in err["message"]
    assert "Traceback" not in fuzz_server.new_log()


def test_integers_beyond_the_model_bounds_stay_validation_errors(fuzz_server: FuzzServer) -> None:
    for value in (2**40, 2**70, 1e300, -(2**63)):
        err = assert_aws_error(
            fuzz_server.call("cognito-idp", "ListUsers", {"UserPoolId": "us-east-1_abc", "Limit": value}),
            "InvalidParameterException",
        )
        assert "at 'limit' failed to satisfy constraint: Member must have value" in err["message"]


def test_integral_floats_are_integers(fuzz_server: FuzzServer, worlds: Worlds) -> None:
    w = worlds.get()
    r = fuzz_server.call("cognito-idp", "ListUsers", {"UserPoolId": w.pool_id, "Limit": 1.0})
    assert r.status_code == 200, r.text
    assert len(r.json()["Users"]) == 1


@pytest.mark.parametrize(
    ("ptype", "details"),
    [
        ("OIDC", {"oidc_issuer": "https://[x"}),
        ("OIDC", {"oidc_issuer": "https://[::1"}),
        ("OIDC", {"oidc_issuer": "http://[::1]:99999"}),
        ("OIDC", {"oidc_issuer": "https://\u0000"}),
        ("SAML", {"MetadataURL": "https://[::1"}),
        ("SAML", {"MetadataURL": "http://127.0.0.1:99999/"}),
        ("SAML", {"MetadataURL": "http://\u0000/"}),
    ],
    ids=lambda v: v if isinstance(v, str) else repr(next(iter(v.values()))),
)
def test_identity_provider_urls_that_cannot_be_fetched(
    fuzz_server: FuzzServer, worlds: Worlds, ptype: str, details: dict[str, str]
) -> None:
    """identity_providers.py let urlsplit's ValueError, httpx.InvalidURL and connect()'s OverflowError out."""
    w = worlds.get()
    if ptype == "OIDC":
        details = {"client_id": "c", "client_secret": "s", "attributes_request_method": "GET", **details}
        details["authorize_scopes"] = "openid"
    body = {"UserPoolId": w.pool_id, "ProviderName": "Broken", "ProviderType": ptype, "ProviderDetails": details}
    assert_aws_error(fuzz_server.call("cognito-idp", "CreateIdentityProvider", body), "InvalidParameterException")
    assert "Traceback" not in fuzz_server.new_log()
    listed = fuzz_server.ok("ListIdentityProviders", {"UserPoolId": w.pool_id, "MaxResults": 60})["Providers"]
    assert "Broken" not in {p["ProviderName"] for p in listed}


@pytest.mark.parametrize("signature", ["%C3%A9", "%00", "", "a" * 5000])
def test_user_import_upload_with_a_hostile_signature(fuzz_server: FuzzServer, worlds: Worlds, signature: str) -> None:
    """user_import.py compared the query's signature as str: non-ASCII -> TypeError -> a bare 500, after
    which the keep-alive connection hung."""
    w = worlds.get()
    job = fuzz_server.ok(
        "CreateUserImportJob",
        {"UserPoolId": w.pool_id, "JobName": "fuzz", "CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/x"},
    )["UserImportJob"]
    url = httpx.URL(job["PreSignedUrl"])
    params = dict(url.params)
    forged = (
        str(url.copy_with(query=None))
        + "?"
        + "&".join(f"{k}={signature if k == 'X-Amz-Signature' else v}" for k, v in params.items())
    )
    for _ in range(2):  # the same connection keeps answering
        r = fuzz_server.http.put(forged, content=b"a,b\n")
        assert r.status_code == 403, r.text
        assert "<Code>SignatureDoesNotMatch</Code>" in r.text
    assert fuzz_server.http.put(job["PreSignedUrl"], content=b"name\n").status_code == 200
    assert "Traceback" not in fuzz_server.new_log()
