"""Request generator for the fuzz tests: random requests for every operation, from botocore's models.

For one operation it makes, deterministically from a ``random.Random``:

- ``valid``: values that satisfy the input shape (required members, enums, lengths, ranges; patterns as a
  hint: a string is drawn from the pattern where the pattern is simple enough, and checked against it);
- ``real``: the same, with the identifiers (pool, app client, user, group, tokens, session...) of
  resources that exist, so that handlers get past "not found" and into their own logic;
- ``edge``: empty and maximum-length strings, unicode, integers at and beyond their limits, empty and
  oversize lists and maps, nulls, wrong JSON types and unknown members.

The values are plain JSON; the caller sends them over raw HTTP.
"""

from __future__ import annotations

import base64
import random
import re

# The regular-expression parser of the standard library (private, but stable across 3.11+), to draw
# strings from a member's pattern.
import re._constants as sre_c
import re._parser as sre_parse
import string
from dataclasses import dataclass, field
from typing import Any

import regex
from botocore.model import OperationModel, Shape

from tests.srp_client import N_HEX

MAX_STRING = 4096  # longest string drawn for a member whose model maximum is larger
MAX_ITEMS = 6  # items drawn for lists and maps (the edge mode goes past the model's maximum)

# Unicode classes of Java patterns, narrowed to a few characters Python's ``re`` parser understands.
_UNICODE_CLASSES = {
    r"\p{L}": "a-zA-Zé漢",
    r"\p{M}": "\u0301",
    r"\p{S}": "+$^~",
    r"\p{N}": "0-9",
    r"\p{P}": ".,!@_",
    r"\p{Z}": " ",
}

# Strings that break naive code: control characters, bidi overrides, astral planes, SQL and path bits.
NASTY = [
    "",
    " ",
    "\u0000",
    "é",
    "漢字",
    "😀",
    "\u202e",
    "a\nb",
    "'; DROP TABLE users; --",
    "../../etc/passwd",
    "%s%n",
    "${jndi:ldap://x}",
    "\\",
    '"',
    "null",
    "-1",
    "0",
    "1e400",
    "NaN",
    "us-east-1_",
    "_",
    "custom:",
    "custom:\u0000",
    "=",
    "a" * 300,
]

SRP_N_HEX = N_HEX  # SRP_A equal to the group prime: 0 mod N, which the server must refuse

AUTH_PARAMETER_KEYS = [
    "USERNAME",
    "PASSWORD",
    "SRP_A",
    "SECRET_HASH",
    "REFRESH_TOKEN",
    "DEVICE_KEY",
    "PREFERRED_CHALLENGE",
    "CHALLENGE_NAME",
]
CHALLENGE_RESPONSE_KEYS = [
    "USERNAME",
    "PASSWORD",
    "NEW_PASSWORD",
    "SMS_MFA_CODE",
    "SMS_OTP_CODE",
    "EMAIL_OTP_CODE",
    "SOFTWARE_TOKEN_MFA_CODE",
    "PASSWORD_CLAIM_SIGNATURE",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "TIMESTAMP",
    "ANSWER",
    "SECRET_HASH",
    "DEVICE_KEY",
    "SRP_A",
    "MFAS_CAN_SETUP",
    "userAttributes.email",
    "userAttributes.custom:x",
]


ATTRIBUTE_NAMES = [
    "email",
    "email_verified",
    "phone_number",
    "phone_number_verified",
    "sub",
    "name",
    "custom:x",
    "custom:",
    "dev:custom:x",
    "address",
    "updated_at",
    "preferred_username",
    "cognito:user_status",
]

# Plausible values for members named so: they get past the model's checks and into the handlers' own.
HINTS: dict[str, list[str]] = {
    "Filter": [
        'email = "a@b.c"',
        'email ^= "a"',
        'cognito:user_status = "CONFIRMED"',
        'status = "Enabled"',
        'sub = "',
        'username ^= ""',
        'email = "\\"',
        "email =",
        'name = "x" and email = "y"',
        'custom:x = "1"',
        '"email" = "a"',
        'email != "a"',
    ],
    "Name": ATTRIBUTE_NAMES,
    "AttributeName": ATTRIBUTE_NAMES,
    "Value": ["a@b.c", "+15555550100", "true", "false", "", "é" * 2048, "2024-01-01", "not-an-email", "1e999"],
    "CSS": [".background-customizable { color: red; }", ".bogus { x: y }", "}{", "/*", ".label-customizable{"],
    "ProviderType": ["Google", "OIDC", "SAML", "Facebook", "LoginWithAmazon", "SignInWithApple"],
    "AttributeDataType": ["String", "Number", "DateTime", "Boolean"],
    "Code": ["123456", "000000", "", "abc"],
    "ConfirmationCode": ["123456", "000000", "abc"],
    "UserCode": ["123456", "000000"],
    "FriendlyDeviceName": ["phone", ""],
    "FeedbackToken": ["garbage", "a.b.c"],
    "EventId": ["00000000-0000-4000-8000-000000000000", "nope"],
    "ScopeName": ["read", "write", "a/b"],
    "CallbackURL": ["https://example.com/cb", "http://localhost/cb", "ftp://x", "https://exa mple.com/#frag"],
    "DefaultRedirectURI": ["https://example.com/cb", "http://localhost/cb", "javascript:alert(1)"],
}


@dataclass
class World:
    """Resources that exist on the server, to aim requests at."""

    pool_id: str = ""
    pool_arn: str = ""
    client_id: str = ""
    username: str = ""
    password: str = ""
    sub: str = ""
    email: str = ""
    group: str = ""
    access_token: str = ""
    id_token: str = ""
    refresh_token: str = ""
    session: str = ""  # a NEW_PASSWORD_REQUIRED session of ``new_user``
    new_user: str = ""
    srp: dict[str, str] = field(default_factory=dict)  # PASSWORD_VERIFIER challenge parameters + session
    resource_server: str = ""
    domain: str = ""
    provider: str = ""
    log_group: str = ""
    log_stream: str = ""
    client_secret: str = ""
    secret_hash: str = ""  # SECRET_HASH of ``username`` for ``client_id`` when the client has a secret
    mfa_session: str = ""  # a SOFTWARE_TOKEN_MFA challenge session of ``username``

    def by_member(self) -> dict[str, list[str]]:
        """Real values for members named so, several when more than one resource fits."""
        tokens = [t for t in (self.access_token, self.refresh_token, self.id_token) if t]
        sessions = [s for s in (self.session, self.srp.get("Session", ""), self.mfa_session) if s]
        return {
            "UserPoolId": [self.pool_id],
            "ClientId": [self.client_id],
            "Username": [self.username, self.new_user, self.sub, self.email, self.username.upper()],
            "GroupName": [self.group],
            "AccessToken": [self.access_token],
            "RefreshToken": [self.refresh_token],
            "Token": tokens,
            "Session": sessions,
            "Identifier": [self.resource_server],
            "Domain": [self.domain],
            "ProviderName": [self.provider, "Cognito"],
            "IdpIdentifier": [self.provider],
            "ResourceArn": [self.pool_arn],
            "SecretHash": [self.secret_hash],
            "ClientSecret": [self.client_secret],
            "Password": [self.password, "Passw0rd!x"],
            "PreviousPassword": [self.password],
            "ProposedPassword": ["Passw0rd!new", "short"],
            "TemporaryPassword": ["Passw0rd!tmp"],
            "logGroupName": [self.log_group],
            "logGroupIdentifier": [self.log_group],
            "logStreamName": [self.log_stream],
            "logStreamNamePrefix": [self.log_stream[:3]],
            "logGroupNamePrefix": [self.log_group[:5]],
        }


@dataclass
class FuzzRequest:
    service: str
    operation: str
    mode: str
    body: Any
    raw: bytes | None = None  # when set, sent instead of json.dumps(body)

    def label(self) -> str:
        return f"{self.service}.{self.operation}[{self.mode}]"


def java_to_python(pattern: str) -> str:
    for java, python in _UNICODE_CLASSES.items():
        pattern = pattern.replace(java, python)
    return pattern


class Generator:
    """Draws values for botocore shapes from one ``random.Random``."""

    def __init__(self, rng: random.Random, world: World | None = None) -> None:
        self.rng = rng
        self.world = world
        self._real = world.by_member() if world else {}

    # -- strings ------------------------------------------------------------------------------------------
    def _from_pattern(self, pattern: str, lo: int, hi: int) -> str | None:
        try:
            parsed = sre_parse.parse(java_to_python(pattern))
        except Exception:
            return None
        for _ in range(4):
            try:
                text = self._emit(parsed, budget=max(lo, min(hi, self.rng.randint(lo or 1, max(lo or 1, 24)))))
            except _Unsupported:
                return None
            if lo <= len(text) <= hi:
                try:
                    if regex.fullmatch(pattern, text) is not None:
                        return text
                except regex.error:
                    return text
        return None

    def _emit(self, items: Any, budget: int) -> str:
        out: list[str] = []
        for op, av in items:
            if op is sre_c.LITERAL:
                out.append(chr(av))
            elif op is sre_c.NOT_LITERAL:
                out.append(self.rng.choice([c for c in "abcXYZ019" if c != chr(av)]))
            elif op is sre_c.ANY:
                out.append(self.rng.choice(string.ascii_letters + string.digits))
            elif op is sre_c.IN:
                out.append(self._class_char(av))
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
                lo, hi, sub = av
                hi = min(hi, lo + max(budget, 1))
                for _ in range(self.rng.randint(lo, max(lo, hi))):
                    out.append(self._emit(sub, 1))
            elif op is sre_c.SUBPATTERN:
                out.append(self._emit(av[-1], budget))
            elif op is sre_c.BRANCH:
                out.append(self._emit(self.rng.choice(av[1]), budget))
            elif op is sre_c.AT:
                continue
            else:
                raise _Unsupported(op)
        return "".join(out)

    def _class_char(self, items: list[Any]) -> str:
        if items and items[0][0] is sre_c.NEGATE:
            banned = {chr(v) for o, v in items[1:] if o is sre_c.LITERAL}
            return self.rng.choice([c for c in "abcXYZ019-." if c not in banned])
        choices: list[str] = []
        for op, av in items:
            if op is sre_c.LITERAL:
                choices.append(chr(av))
            elif op is sre_c.RANGE:
                lo, hi = av
                choices.append(chr(self.rng.randint(lo, hi)))
            elif op is sre_c.CATEGORY:
                choices.append(
                    {
                        sre_c.CATEGORY_DIGIT: self.rng.choice(string.digits),
                        sre_c.CATEGORY_WORD: self.rng.choice(string.ascii_letters + string.digits + "_"),
                        sre_c.CATEGORY_SPACE: " ",
                        sre_c.CATEGORY_NOT_SPACE: self.rng.choice(string.ascii_letters),
                    }.get(av, "a")
                )
        if not choices:
            raise _Unsupported(items)
        return self.rng.choice(choices)

    def string(self, shape: Shape) -> str:
        enum = shape.enum
        if enum:
            return str(self.rng.choice(enum))
        lo = int(shape.metadata.get("min", 0))
        hi = min(int(shape.metadata.get("max", 64)), MAX_STRING)
        hi = max(hi, lo)
        pattern = shape.metadata.get("pattern")
        if pattern:
            drawn = self._from_pattern(pattern, lo, hi)
            if drawn is not None:
                return drawn
        n = self.rng.randint(lo, max(lo, min(hi, 40)))
        return "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(n))

    # -- other shapes -------------------------------------------------------------------------------------
    def value(self, shape: Shape, name: str = "", depth: int = 0, optional: float = 0.5) -> Any:
        if name in self._real and self.rng.random() < 0.85:
            choices = [v for v in self._real[name] if v]
            if choices and shape.type_name == "string":
                return self.rng.choice(choices)
        if name in HINTS and shape.type_name == "string" and self.rng.random() < 0.7:
            return self.rng.choice(HINTS[name])
        t = shape.type_name
        if t == "structure":
            if shape.metadata.get("document") or shape.name == "Document":
                return {"k": self.rng.choice([1, "v", None, [1, 2], {"n": True}])}
            out: dict[str, Any] = {}
            required = set(shape.required_members)
            for member_name, member in shape.members.items():
                if member_name in required or (depth < 4 and self.rng.random() < optional):
                    out[member_name] = self.value(member, member_name, depth + 1, optional)
            return out
        if t == "list":
            lo = int(shape.metadata.get("min", 0))
            hi = min(int(shape.metadata.get("max", MAX_ITEMS)), MAX_ITEMS)
            n = self.rng.randint(lo, max(lo, hi)) if depth < 4 else lo
            return [self.value(shape.member, "", depth + 1, optional) for _ in range(n)]
        if t == "map":
            return self._map(shape, name, depth, optional)
        if t == "string":
            return self.string(shape)
        if t in ("integer", "long"):
            lo = int(shape.metadata.get("min", 0))
            hi = int(shape.metadata.get("max", 1000))
            return self.rng.randint(lo, max(lo, hi))
        if t in ("float", "double"):
            return round(self.rng.uniform(0, 100), 3)
        if t == "boolean":
            return self.rng.random() < 0.5
        if t == "timestamp":
            return self.rng.choice([0, 1_700_000_000, 1_700_000_000.5])
        if t == "blob":
            return base64.b64encode(self.rng.randbytes(self.rng.randint(1, 32))).decode()
        return None

    def _map(self, shape: Shape, name: str, depth: int, optional: float) -> dict[str, Any]:
        keys: list[str]
        if name == "AuthParameters":
            keys = self.rng.sample(AUTH_PARAMETER_KEYS, self.rng.randint(1, 4))
            if "USERNAME" not in keys and self.rng.random() < 0.8:
                keys.append("USERNAME")
            return {k: self._auth_value(k) for k in keys}
        if name == "ChallengeResponses":
            keys = self.rng.sample(CHALLENGE_RESPONSE_KEYS, self.rng.randint(1, 5))
            if "USERNAME" not in keys and self.rng.random() < 0.8:
                keys.append("USERNAME")
            return {k: self._auth_value(k) for k in keys}
        n = self.rng.randint(0, 3) if depth < 4 else 0
        return {self.string(shape.key): self.value(shape.value, "", depth + 1, optional) for _ in range(n)}

    def _auth_value(self, key: str) -> str:
        w = self.world
        rng = self.rng
        if key == "USERNAME" and w:
            return rng.choice([w.username, w.new_user, w.sub, w.email, "nobody", ""])
        if key in ("PASSWORD", "NEW_PASSWORD") and w:
            return rng.choice([w.password, "wrong", "", "Passw0rd!new", "é" * 300])
        if key == "SECRET_HASH" and w and w.secret_hash:
            return rng.choice([w.secret_hash, w.secret_hash, "", "!!!", w.secret_hash[:-2] + "AA"])
        if key == "SRP_A":
            return rng.choice(["0", "00", SRP_N_HEX, "zz", "", "1", "f" * 2000, format(rng.getrandbits(3072), "x")])
        if key == "REFRESH_TOKEN" and w:
            return rng.choice([w.refresh_token, w.access_token, "garbage", "", w.refresh_token[:-4] + "AAAA"])
        if key in ("PASSWORD_CLAIM_SECRET_BLOCK",) and w and w.srp:
            return rng.choice([w.srp.get("SECRET_BLOCK", ""), "!!!", "", base64.b64encode(b"x" * 10).decode()])
        if key == "PASSWORD_CLAIM_SIGNATURE":
            return rng.choice(["", "!!!", base64.b64encode(rng.randbytes(32)).decode(), "A" * 3])
        if key == "TIMESTAMP":
            return rng.choice(["", "Mon Jan 1 00:00:00 UTC 2024", "yesterday", "Tue Feb 31 25:61:61 UTC 99999"])
        if key.endswith("_CODE") or key == "ANSWER":
            return rng.choice(["", "123456", "abc", "1" * 100, "\u0000"])
        if key == "MFAS_CAN_SETUP":
            return rng.choice(["", "[", '["SMS_MFA"]', "null", "[1,2,{}]"])
        if key in ("PREFERRED_CHALLENGE", "CHALLENGE_NAME"):
            return rng.choice(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "", "BOGUS"])
        if key == "DEVICE_KEY":
            return rng.choice(["", "us-east-1_" + "0" * 8 + "-0000-4000-8000-" + "0" * 12, "nope"])
        return rng.choice(NASTY)

    # -- edge values --------------------------------------------------------------------------------------
    def edge_string(self, shape: Shape) -> Any:
        hi = int(shape.metadata.get("max", 2048))
        lo = int(shape.metadata.get("min", 0))
        choices: list[Any] = [
            "",
            "x" * min(hi, 8192),
            "y" * min(hi + 1, 8193),
            "é" * min(max(lo, 1), 256),
            self.rng.choice(NASTY),
            self.rng.choice(NASTY) * max(1, lo),
            None,
            12345,
            True,
            [],
            {},
        ]
        if shape.enum:
            choices += [str(shape.enum[0]).lower(), str(shape.enum[0]) + " "]
        return self.rng.choice(choices)

    def edge_request(self, shape: Shape) -> dict[str, Any]:
        """A plausible request with one or two members replaced by edge values (or an extra member)."""
        body = self.value(shape, optional=0.5)
        members = list(shape.members)
        for _ in range(self.rng.randint(1, 2)):
            r = self.rng.random()
            if r < 0.1 or not members:
                body[self.rng.choice(["Bogus", "__type", "userPoolId", ""])] = self.rng.choice([None, 1, "x", {}])
            elif r < 0.2 and shape.required_members:
                body[self.rng.choice(shape.required_members)] = None
            else:
                member_name = self.rng.choice(members)
                body[member_name] = self.edge(shape.members[member_name], member_name, 1)
        return body

    def edge(self, shape: Shape, name: str = "", depth: int = 0) -> Any:
        t = shape.type_name
        if t == "structure":
            out: dict[str, Any] = {}
            for member_name, member in shape.members.items():
                r = self.rng.random()
                if member_name in shape.required_members or r < 0.6:
                    if depth < 4 and r < 0.5:
                        out[member_name] = self.edge(member, member_name, depth + 1)
                    else:
                        out[member_name] = self.value(member, member_name, depth + 1)
            if self.rng.random() < 0.3:
                out[self.rng.choice(["Bogus", "__type", "userPoolId", ""])] = self.rng.choice([None, 1, "x", {}])
            return out
        if t == "list":
            hi = int(shape.metadata.get("max", MAX_ITEMS))
            return self.rng.choice(
                [
                    [],
                    [None],
                    [self.edge(shape.member, "", depth + 1)],
                    [self.value(shape.member, "", depth + 1)] * min(hi + 1, 60),
                    "notalist",
                    {},
                ]
            )
        if t == "map":
            hi = int(shape.metadata.get("max", MAX_ITEMS))
            return self.rng.choice(
                [
                    {},
                    {"": ""},
                    {"k": None},
                    {self.rng.choice(NASTY): self.rng.choice(NASTY)},
                    {f"k{i}": "v" for i in range(min(hi + 1, 120))},
                    [],
                    "notamap",
                ]
            )
        if t == "string":
            return self.edge_string(shape)
        if t in ("integer", "long"):
            lo = shape.metadata.get("min")
            hi = shape.metadata.get("max")
            choices: list[Any] = [0, -1, 2**31, -(2**31) - 1, 2**63, 2**64 + 1, 10**30, 1.5, 1e308, "1", None]
            if lo is not None:
                choices += [lo, lo - 1]
            if hi is not None:
                choices += [hi, hi + 1]
            return self.rng.choice(choices)
        if t in ("float", "double"):
            return self.rng.choice([0.0, -1e308, 1e308, 5e-324, "NaN", 1])
        if t == "boolean":
            return self.rng.choice([True, False, "true", 0, None])
        if t == "timestamp":
            return self.rng.choice([0, -1, 2**62, 1e300, "2024-01-01T00:00:00Z", "not a time", True])
        if t == "blob":
            return self.rng.choice(["", "!!!notbase64", base64.b64encode(b"\x00" * 100).decode(), 5])
        return None


class _Unsupported(Exception):
    pass


def requests_for(
    service: str,
    operation: OperationModel,
    rng: random.Random,
    world: World | None,
    count: int = 4,
    start: int = 0,
    tag: str = "",
) -> list[FuzzRequest]:
    """``count`` requests for one operation, cycling through the modes from mode ``start``."""
    shape = operation.input_shape
    plain = Generator(rng)
    real = Generator(rng, world)
    out: list[FuzzRequest] = []
    modes = ["valid", "real", "edge", "real-full", "edge", "real"]
    for i in range(start, start + count):
        mode = modes[i % len(modes)]
        if shape is None:
            body: Any = {}
        elif mode == "valid":
            body = plain.value(shape, optional=0.3)
        elif mode == "real":
            body = real.value(shape, optional=0.2)
        elif mode == "real-full":
            body = real.value(shape, optional=0.9)
        else:
            body = real.edge_request(shape)
        out.append(FuzzRequest(service, operation.name, f"{tag}{mode}", body))
    return out


def error_is_generic(code: str) -> bool:
    return code in GENERIC_ERRORS


# Codes any operation may answer, whether or not its model lists them.
GENERIC_ERRORS = {
    "InvalidParameterException",
    "SerializationException",
    "UnknownOperationException",
    "NotAuthorizedException",
    "ResourceNotFoundException",
    "UnsupportedOperationException",
    "ValidationException",
}


def model_errors(operation: OperationModel) -> set[str]:
    return {e.name for e in operation.error_shapes}


_SAFE = re.compile(r"[^\x20-\x7e]")


def describe(body: Any, limit: int = 600) -> str:
    """A short printable rendering of a request body for failure messages."""
    import json

    text = json.dumps(body, ensure_ascii=True, default=str)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"
