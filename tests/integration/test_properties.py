"""Properties of the local Cognito under Hypothesis: for every operation of the cognito-idp and logs models,
requests drawn from the operation's input shape (structures, lists, maps, strings that honour or break
their length, pattern and enum, integers in and out of range, booleans, blobs, timestamps, wrong JSON
types, unknown and missing members), some aimed at resources that exist, all sent to one live server.
After every request:

- the answer is below 500 and AWS-shaped (``__type``, ``message``, ``x-amzn-ErrorType``; a code the model
  lists for the operation or a generic one), and the server logged no traceback;
- a request that failed changed nothing: the store's ``PRAGMA data_version`` is unchanged (but for the
  asynchronous handlers and the failures that rightly keep a trace, as in test_fuzz), and the fixture
  pool's DescribeUserPool is as before;
- the server still answers ListUserPools.

The run is deterministic (derandomized, no example database). ``HYPOTHESIS_PROFILE=long`` draws many
more examples with a fresh seed each run; ``PROPERTIES_EXAMPLES`` sets the examples per operation.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

import botocore.session
import httpx
import pytest
import regex
from botocore.model import OperationModel, Shape
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from console.emulator.core import app, registry
from tests.fuzz_inputs import (
    AUTH_PARAMETER_KEYS,
    CHALLENGE_RESPONSE_KEYS,
    HINTS,
    NASTY,
    World,
    java_to_python,
    model_errors,
)
from tests.fuzz_server import (
    KEEPS_ON_FAILURE,
    READ_ONLY,
    UNLISTED_CODES,
    DataVersion,
    FuzzServer,
    Worlds,
    serve,
    shape_problems,
)
from tests.srp_client import N_HEX

pytestmark = pytest.mark.slow

_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile(
    "properties",
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=_HEALTH,
)
settings.register_profile("long", max_examples=200, database=None, deadline=None, suppress_health_check=_HEALTH)
SETTINGS = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "properties"))
EXAMPLES = int(os.environ.get("PROPERTIES_EXAMPLES", str(SETTINGS.max_examples)))
# Operations the local Cognito does not implement are only validated, then refused: fewer examples.
UNIMPLEMENTED_EXAMPLES = max(1, EXAMPLES // 4)

_SESSION = botocore.session.get_session()
MODELS = {"cognito-idp": _SESSION.get_service_model("cognito-idp"), "logs": _SESSION.get_service_model("logs")}
app.load_services()

MAX_DEPTH = 5  # below this, structures get their required members only and lists their minimum
MAX_ITEMS = 4  # items drawn for valid lists and maps
MAX_TEXT = 48  # characters drawn for a string whose model maximum is larger
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


# -- values of resources that exist, resolved when a request is sent ----------------------------------------


class Ref(NamedTuple):
    """A drawn placeholder for the ``nth`` real value of a member named ``member`` (a pool ID, a user
    name, a token...): strategies are built once, and the world they aim at is rebuilt as requests change it."""

    member: str
    nth: int


REAL_MEMBERS = frozenset(World().by_member())
REAL_AUTH_VALUES = frozenset(
    f"auth:{key}"
    for key in ("USERNAME", "PASSWORD", "NEW_PASSWORD", "SECRET_HASH", "REFRESH_TOKEN", "PASSWORD_CLAIM_SECRET_BLOCK")
)
_SRP_GROUP = int(N_HEX, 16)


def real_values(w: World) -> dict[str, list[str]]:
    values = {name: [v for v in vs if v] for name, vs in w.by_member().items()}
    values.update(
        {
            "auth:USERNAME": [w.username, w.new_user, w.sub, w.email],
            "auth:PASSWORD": [w.password],
            "auth:NEW_PASSWORD": ["Passw0rd!new"],
            "auth:SECRET_HASH": [w.secret_hash],
            "auth:REFRESH_TOKEN": [w.refresh_token, w.access_token],
            "auth:PASSWORD_CLAIM_SECRET_BLOCK": [w.srp.get("SECRET_BLOCK", "")],
        }
    )
    return {name: [v for v in vs if v] for name, vs in values.items()}


def resolve(value: Any, values: dict[str, list[str]]) -> Any:
    if isinstance(value, Ref):
        choices = values.get(value.member) or [""]
        return choices[value.nth % len(choices)]
    if isinstance(value, dict):
        return {k: resolve(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, values) for v in value]
    return value


# -- strategies from botocore's shapes ----------------------------------------------------------------------

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(*INT64), st.text(max_size=8))
WRONG_TYPES = st.sampled_from([None, True, False, 0, -1, 1.5, "x", "", [], {}, [None], {"": None}])
# Characters that break most of the models' patterns.
BREAKERS = st.sampled_from(["\u0000", " ", "\n", "\u202e", "😀", "é", "/", ":", "*", '"', "\\", "%", "<"])
DOCUMENT = st.recursive(
    JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
)


def _bounds(shape: Shape) -> tuple[int | None, int | None]:
    lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
    return (None if lo is None else int(lo)), (None if hi is None else int(hi))


def _clamp(text: str, lo: int, hi: int) -> str:
    if len(text) > hi:
        return text[:hi]
    if len(text) < lo:
        return text + (text[-1:] or "a") * (lo - len(text))
    return text


@cache
def _pattern_strings(pattern: str, lo: int, hi: int) -> st.SearchStrategy[str]:
    """Strings drawn from a member's pattern (Java's Unicode classes narrowed to what ``re`` parses; ``\\w``
    and ``\\d`` ASCII, as in Java), cut or padded to the member's length; a pattern ``re`` cannot parse gives
    plain text."""
    try:
        compiled = re.compile(java_to_python(pattern), re.ASCII)
    except re.error:
        return st.text(min_size=lo, max_size=max(lo, min(hi, MAX_TEXT)))
    return st.from_regex(compiled, fullmatch=True).map(lambda s: _clamp(s, lo, hi))


def valid_string(shape: Shape) -> st.SearchStrategy[str]:
    if shape.enum:
        return st.sampled_from([str(e) for e in shape.enum])
    lo, hi = _bounds(shape)
    lo, hi = lo or 0, max(lo or 0, hi if hi is not None else 2048)
    pattern = shape.metadata.get("pattern")
    if pattern:
        return _pattern_strings(pattern, lo, hi)
    return st.text(min_size=lo, max_size=max(lo, min(hi, MAX_TEXT)))


def invalid_string(shape: Shape) -> st.SearchStrategy[Any]:
    lo, hi = _bounds(shape)
    options: list[st.SearchStrategy[Any]] = [WRONG_TYPES, st.sampled_from(NASTY)]
    if hi is not None:
        # Past the maximum: drawn where it is short, a plain run of letters where it is long.
        options.append(st.text(min_size=hi + 1, max_size=hi + 8) if hi < 200 else st.just("x" * (hi + 1)))
    if lo:
        options.append(st.text(max_size=lo - 1))
    if shape.metadata.get("pattern"):
        options.append(st.builds(lambda a, b, c: a + b + c, valid_string(shape), BREAKERS, st.text(max_size=3)))
    if shape.enum:
        first = str(shape.enum[0])
        options.append(st.sampled_from([first.lower(), first + " ", " " + first, first.upper() + "_X"]))
        options.append(st.text(max_size=12).filter(lambda s: s not in shape.enum))
    return st.one_of(options)


def valid_number(shape: Shape) -> st.SearchStrategy[Any]:
    lo, hi = _bounds(shape)
    if shape.type_name in ("float", "double"):
        return st.floats(
            min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False, allow_subnormal=False, width=32
        )
    limits = INT32 if shape.type_name == "integer" else INT64
    lo = limits[0] if lo is None else lo
    hi = limits[1] if hi is None else hi
    return st.integers(lo, max(lo, hi))


def invalid_number(shape: Shape) -> st.SearchStrategy[Any]:
    lo, hi = _bounds(shape)
    options: list[st.SearchStrategy[Any]] = [
        st.sampled_from([2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 2**64 + 1, 10**30, 1.5, 1e308, -1e308]),
        st.sampled_from(["1", "", "one", True, None, [], {}]),
    ]
    if lo is not None:
        options.append(st.integers(max_value=lo - 1, min_value=lo - 2**40))
    if hi is not None:
        options.append(st.integers(min_value=hi + 1, max_value=hi + 2**40))
    return st.one_of(options)


def valid_leaf(shape: Shape) -> st.SearchStrategy[Any]:
    t = shape.type_name
    if t == "string":
        return valid_string(shape)
    if t in ("integer", "long", "float", "double"):
        return valid_number(shape)
    if t == "boolean":
        return st.booleans()
    if t == "timestamp":
        return st.one_of(st.integers(0, 2**32), st.floats(0, 4e9, allow_nan=False))
    if t == "blob":
        return st.binary(max_size=48).map(lambda b: base64.b64encode(b).decode())
    return JSON_SCALARS


def invalid_leaf(shape: Shape) -> st.SearchStrategy[Any]:
    t = shape.type_name
    if t == "string":
        return invalid_string(shape)
    if t in ("integer", "long", "float", "double"):
        return invalid_number(shape)
    if t == "boolean":
        return st.sampled_from(["true", "false", 0, 1, None, [], {}])
    if t == "timestamp":
        return st.one_of(st.sampled_from([-1, 2**62, 1e300, -1e300, True, None, [], {}]), st.text(max_size=30))
    if t == "blob":
        return st.one_of(st.sampled_from(["!!!notbase64", "a", "====", 5, None, [], {}]), st.text(max_size=20))
    return WRONG_TYPES


class Builder:
    """Strategies for one operation's requests in one mode:

    - ``valid``: values that satisfy the input shape;
    - ``real``: the same, with the identifiers of resources that exist (``Ref``) and plausible values for
      members named so (``HINTS``), so that handlers get past "not found" into their own logic;
    - ``invalid``: ``real``, with any member possibly breaking its shape, required members missing and
      unknown members added.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def member(self, name: str, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
        drawn = self.value(shape, name, depth)
        if self.mode != "valid" and shape.type_name == "string":
            if name in REAL_MEMBERS:
                # Only real values: drawn ones are the other modes' (and ``invalid`` may break this one).
                drawn = st.builds(Ref, st.just(name), st.integers(0, 4))
            elif name in HINTS:
                drawn = st.one_of(st.sampled_from(HINTS[name]), drawn)
        if self.mode == "invalid":
            drawn = st.one_of(drawn, self.invalid(shape, name, depth))
        return drawn

    def value(self, shape: Shape, name: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
        t = shape.type_name
        if t == "structure":
            if shape.metadata.get("document") or shape.name == "Document":
                return DOCUMENT
            return self.structure(shape, depth)
        if t == "list":
            lo, hi = _bounds(shape)
            lo = lo or 0
            hi = lo if depth >= MAX_DEPTH else max(lo, min(hi if hi is not None else MAX_ITEMS, MAX_ITEMS))
            return st.lists(self.member("", shape.member, depth + 1), min_size=lo, max_size=hi)
        if t == "map":
            if self.mode != "valid" and name in ("AuthParameters", "ChallengeResponses"):
                return self.auth_map(name)
            lo, hi = _bounds(shape)
            lo = lo or 0
            hi = lo if depth >= MAX_DEPTH else max(lo, min(hi if hi is not None else MAX_ITEMS, MAX_ITEMS))
            return st.dictionaries(
                valid_string(shape.key), self.member("", shape.value, depth + 1), min_size=lo, max_size=hi
            )
        return valid_leaf(shape)

    def structure(self, shape: Shape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
        required = set(shape.required_members)
        members = {n: self.member(n, m, depth + 1) for n, m in shape.members.items() if n in required}
        optional = (
            {}
            if depth >= MAX_DEPTH
            else {n: self.member(n, m, depth + 1) for n, m in shape.members.items() if n not in required}
        )
        body = st.fixed_dictionaries(members, optional=optional)
        if self.mode != "invalid":
            return body
        unknown = st.dictionaries(st.sampled_from(["Bogus", "__type", "userPoolId", "", "X-Amz-Target"]), WRONG_TYPES)
        return st.one_of(
            body,
            st.builds(lambda b, extra: {**extra, **b}, body, unknown),
            body.flatmap(lambda b: _without_one(b, sorted(required))) if required else body,
        )

    def auth_map(self, name: str) -> st.SearchStrategy[dict[str, Any]]:
        keys = AUTH_PARAMETER_KEYS if name == "AuthParameters" else CHALLENGE_RESPONSE_KEYS
        return st.fixed_dictionaries({}, optional={k: self.auth_value(k) for k in keys})

    def auth_value(self, key: str) -> st.SearchStrategy[Any]:
        plain = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))
        if key == "SRP_A":
            # A well-made A (g^a mod N), the degenerate ones, and any hex.
            made = st.integers(1, 2**256).map(lambda a: format(pow(2, a, _SRP_GROUP), "x"))
            return st.one_of(made, st.sampled_from(["0", "00", N_HEX, "1", "zz", ""]), st.text("0123456789abcdef"))
        if key == "TIMESTAMP":
            return st.one_of(st.just("Mon Jan 1 00:00:00 UTC 2024"), plain)
        if f"auth:{key}" in REAL_AUTH_VALUES:
            return st.one_of(st.builds(Ref, st.just(f"auth:{key}"), st.integers(0, 3)), plain)
        if key.endswith("_CODE") or key == "ANSWER":
            return st.one_of(st.from_regex(r"\A[0-9]{6}\Z"), plain)
        return plain

    def invalid(self, shape: Shape, name: str, depth: int) -> st.SearchStrategy[Any]:
        t = shape.type_name
        if t == "structure":
            return WRONG_TYPES
        if t == "list":
            lo, hi = _bounds(shape)
            options: list[st.SearchStrategy[Any]] = [
                st.sampled_from(["notalist", 5, {}, [None]]),
                st.lists(
                    invalid_leaf(shape.member) if shape.member.type_name != "structure" else WRONG_TYPES,
                    min_size=1,
                    max_size=3,
                ),
            ]
            if hi is not None and hi < 100:
                options.append(st.lists(self.value(shape.member, "", MAX_DEPTH), min_size=hi + 1, max_size=hi + 1))
            if lo:
                options.append(st.just([]))
            return st.one_of(options)
        if t == "map":
            lo, hi = _bounds(shape)
            options = [
                st.sampled_from(["notamap", 5, [], {"": ""}, {"k": None}]),
                st.dictionaries(
                    invalid_string(shape.key).filter(lambda k: isinstance(k, str)), WRONG_TYPES, min_size=1, max_size=3
                ),
            ]
            if hi is not None and hi < 200:
                options.append(st.just({f"k{i}": "v" for i in range(hi + 1)}))
            return st.one_of(options)
        return invalid_leaf(shape)

    def request(self, shape: Shape | None) -> st.SearchStrategy[Any]:
        if shape is None:
            body: st.SearchStrategy[Any] = st.just({})
        else:
            body = self.structure(shape, 0)
        if self.mode == "invalid":
            # Bodies that are JSON but not an object.
            body = st.one_of(body, st.sampled_from([[], [1], "x", 1, None, True]))
        return body


def _without_one(body: dict[str, Any], required: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(required).map(lambda name: {k: v for k, v in body.items() if k != name})


@cache
def request_strategy(service: str, op: str) -> st.SearchStrategy[tuple[str, Any]]:
    shape = MODELS[service].operation_model(op).input_shape
    modes = [(mode, Builder(mode).request(shape)) for mode in ("real", "invalid", "valid")]
    return st.one_of([st.tuples(st.just(mode), body) for mode, body in modes])


def operations() -> list[tuple[str, str]]:
    return [(service, op) for service, model in MODELS.items() for op in model.operation_names]


# -- the server and its fixture pools -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzServer]:
    with serve(tmp_path_factory.mktemp("properties")) as running:
        yield running


class Fixtures:
    """The two worlds requests are aimed at (test_fuzz's plain and rich pools), each with its pool's
    DescribeUserPool as last read, to compare after a failed request."""

    def __init__(self, srv: FuzzServer) -> None:
        self.srv = srv
        self.worlds = Worlds(srv)
        self.described: dict[str, dict[str, Any]] = {}

    def world(self, rich: bool) -> World:
        w = self.worlds.get_rich() if rich else self.worlds.get()
        if w.pool_id not in self.described:
            self.described[w.pool_id] = self.describe(w.pool_id)
        return w

    def describe(self, pool_id: str) -> dict[str, Any]:
        return self.srv.ok("DescribeUserPool", {"UserPoolId": pool_id})["UserPool"]

    def changed(self, rich: bool) -> None:
        """After a request that wrote to a world: read its pool again, and rebuild the world if the write
        took away something requests are aimed at (a pool, client, user, group, token, log group...). Most
        writes add to a world or change its settings; rebuilding after each (a new pool makes RSA keys)
        would take most of the run."""
        w = self.worlds.rich if rich else self.worlds.current
        if w is None:
            return
        self.described.pop(w.pool_id, None)
        if not self.intact(w):
            if rich:
                self.worlds.rich = None
            else:
                self.worlds.current = None

    def intact(self, w: World) -> bool:
        pool = {"UserPoolId": w.pool_id}
        probes: list[tuple[str, str, dict[str, Any]]] = [
            ("cognito-idp", "DescribeUserPoolClient", {**pool, "ClientId": w.client_id}),
            ("cognito-idp", "GetUser", {"AccessToken": w.access_token}),
            ("cognito-idp", "GetGroup", {**pool, "GroupName": w.group}),
            ("logs", "DescribeLogStreams", {"logGroupName": w.log_group}),
        ]
        if w.resource_server:
            probes.append(("cognito-idp", "DescribeResourceServer", {**pool, "Identifier": w.resource_server}))
        if w.provider:
            probes.append(("cognito-idp", "DescribeIdentityProvider", {**pool, "ProviderName": w.provider}))
        if any(self.srv.call(service, op, body).status_code != 200 for service, op, body in probes):
            return False
        for username, status in ((w.username, "CONFIRMED"), (w.new_user, "FORCE_CHANGE_PASSWORD")):
            r = self.srv.call("cognito-idp", "AdminGetUser", {**pool, "Username": username})
            if r.status_code != 200 or r.json()["UserStatus"] != status or not r.json()["Enabled"]:
                return False
        if w.domain:
            r = self.srv.call("cognito-idp", "DescribeUserPoolDomain", {"Domain": w.domain})
            if r.status_code != 200 or r.json()["DomainDescription"].get("UserPoolId") != w.pool_id:
                return False
        return True


@pytest.fixture(scope="module")
def fixtures(server: FuzzServer) -> Fixtures:
    return Fixtures(server)


# -- the properties -----------------------------------------------------------------------------------------


def _answer(r: httpx.Response) -> str:
    return f"{r.status_code} {r.text[:400]}"


@pytest.mark.parametrize(("service", "op"), operations(), ids=lambda v: v)
def test_any_request_is_answered_and_a_failed_one_changes_nothing(
    server: FuzzServer, fixtures: Fixtures, service: str, op: str
) -> None:
    op_model: OperationModel = MODELS[service].operation_model(op)
    handler = registry.lookup(service, op)
    allowed = model_errors(op_model) | {code for (name, code) in UNLISTED_CODES if name == op}
    version = DataVersion(server.db_path)
    # A failed request of these may rightly write (kept writes, an async handler's short transactions).
    may_write_on_failure = handler is not None and (handler.is_async or op in KEEPS_ON_FAILURE)
    examples = EXAMPLES if handler is not None else UNIMPLEMENTED_EXAMPLES

    @given(rich=st.booleans(), drawn=request_strategy(service, op))
    @settings(SETTINGS, max_examples=examples)
    def one_request(rich: bool, drawn: tuple[str, Any]) -> None:
        mode, template = drawn
        w = fixtures.world(rich)
        body = resolve(template, real_values(w))
        note(f"{'rich' if rich else 'plain'} pool {w.pool_id}, {mode} request: {body!r}"[:4000])
        described = fixtures.described[w.pool_id]
        server.new_log()
        before = version()
        try:
            r = server.call(service, op, body)
        except httpx.TransportError as exc:
            raise AssertionError(f"no answer: {exc!r}\n{server.new_log()[-2000:]}") from exc
        problems = shape_problems(r, allowed)
        log = server.new_log()
        if "Traceback" in log:
            problems.append("traceback in the server log:\n" + log[-2000:])
        failed = r.status_code != 200
        wrote = version() != before
        if failed and wrote and not may_write_on_failure:
            problems.append("the store changed although the request failed")
        if failed and fixtures.describe(w.pool_id) != described:
            problems.append("DescribeUserPool of the fixture pool changed although the request failed")
        listed = server.call("cognito-idp", "ListUserPools", {"MaxResults": 1})
        if listed.status_code != 200:
            problems.append(f"ListUserPools afterwards: {_answer(listed)}")
        if wrote or (not failed and not op.startswith(READ_ONLY)):
            fixtures.changed(rich)
        assert not problems, f"{service}.{op} -> {_answer(r)}\n" + "\n".join(problems)

    one_request()


@pytest.mark.parametrize(
    ("op", "member"),
    [
        ("AdminGetUser", "UserPoolId"),
        ("AdminGetUser", "Username"),
        ("DescribeUserPoolClient", "ClientId"),
        ("CreateGroup", "GroupName"),
        ("TagResource", "ResourceArn"),
    ],
)
def test_strings_drawn_from_a_pattern_match_it(op: str, member: str) -> None:
    """The valid strings drawn for a pattern match it as the server reads it (``regex``), so that valid
    requests get past validation."""
    shape = MODELS["cognito-idp"].operation_model(op).input_shape.members[member]
    pattern = shape.metadata["pattern"]

    @given(valid_string(shape))
    @settings(SETTINGS, max_examples=30)
    def matches(text: str) -> None:
        assert regex.fullmatch(pattern, text), text

    matches()


def test_server_still_serving_after_the_properties(server: FuzzServer) -> None:
    r = server.http.get(server.base_url + "/_emulator/health")
    assert r.status_code == 200
    assert "Traceback" not in server.new_log()
