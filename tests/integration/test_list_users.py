"""ListUsers: paging, AttributesToGet, the Filter syntax on the attributes AWS allows, and index use."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.emulator.core import app, paging, store
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.user_pools import admin_users, users
from tests.conftest import unique

STRONG = "Passw0rd!x"


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def attrs_of(items: list[dict[str, str]]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in items}


def create(idp: Any, pool_id: str, username: str, /, **attrs: str) -> dict[str, Any]:
    return idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": k, "Value": v} for k, v in attrs.items()],
    )["User"]


def names(idp: Any, pool_id: str, flt: str, **kwargs: Any) -> list[str]:
    """Usernames of every page of a filtered ListUsers."""
    out: list[str] = []
    token = None
    while True:
        extra = {"PaginationToken": token} if token else {}
        page = idp.list_users(UserPoolId=pool_id, Filter=flt, **kwargs, **extra)
        out += [u["Username"] for u in page["Users"]]
        token = page.get("PaginationToken")
        if not token:
            return out


@pytest.fixture
def people(idp: Any, pool: dict[str, Any]) -> dict[str, Any]:
    """A pool with a handful of users whose attributes the filters can tell apart."""
    pid = pool["Id"]
    create(
        idp,
        pid,
        "alice",
        email="alice@example.com",
        given_name="Alice",
        family_name="Smith",
        name="Alice Smith",
        phone_number="+15550000001",
        preferred_username="ally",
    )
    create(idp, pid, "alfred", email="alfred@example.org", given_name="Alfred", family_name="Smithers")
    create(idp, pid, "bob", email="bob@example.com", given_name="Bob", family_name='O"Neil')
    create(idp, pid, "carol", email="carol@example.com", phone_number="+15550000002")
    idp.admin_set_user_password(UserPoolId=pid, Username="carol", Password=STRONG, Permanent=True)
    idp.admin_disable_user(UserPoolId=pid, Username="bob")
    return pool


def test_list_all_sorted_and_shaped(idp: Any, people: dict[str, Any]) -> None:
    page = idp.list_users(UserPoolId=people["Id"])
    assert [u["Username"] for u in page["Users"]] == ["alfred", "alice", "bob", "carol"]
    assert "PaginationToken" not in page
    alice = page["Users"][1]
    assert set(alice) >= {"Username", "Attributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"}
    assert attrs_of(alice["Attributes"])["email"] == "alice@example.com"
    assert alice["Attributes"][0]["Name"] == "sub"


def test_paging_with_limit(idp: Any, pool: dict[str, Any]) -> None:
    made = sorted(unique("p").lower() for _ in range(7))
    for name in made:
        create(idp, pool["Id"], name)
    seen: list[str] = []
    sizes: list[int] = []
    token = None
    while True:
        extra = {"PaginationToken": token} if token else {}
        page = idp.list_users(UserPoolId=pool["Id"], Limit=3, **extra)
        sizes.append(len(page["Users"]))
        seen += [u["Username"] for u in page["Users"]]
        token = page.get("PaginationToken")
        if not token:
            break
    assert sizes == [3, 3, 1]
    assert seen == made


def test_default_limit_is_60(idp: Any, pool: dict[str, Any]) -> None:
    for i in range(61):
        create(idp, pool["Id"], f"user{i:03d}")
    page = idp.list_users(UserPoolId=pool["Id"])
    assert len(page["Users"]) == 60
    rest = idp.list_users(UserPoolId=pool["Id"], PaginationToken=page["PaginationToken"])
    assert [u["Username"] for u in rest["Users"]] == ["user060"]
    assert "PaginationToken" not in rest


def test_limit_over_60_is_a_validation_error(idp: Any, pool: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=pool["Id"], Limit=61)
    code, message = error_of(exc)
    assert code == "InvalidParameterException"
    assert "limit" in message


def test_attributes_to_get(idp: Any, people: dict[str, Any]) -> None:
    page = idp.list_users(UserPoolId=people["Id"], AttributesToGet=["email"], Filter='username = "alice"')
    [alice] = page["Users"]
    assert alice["Attributes"] == [{"Name": "email", "Value": "alice@example.com"}]
    page = idp.list_users(UserPoolId=people["Id"], AttributesToGet=[], Filter='username = "alice"')
    assert page["Users"][0].get("Attributes", []) == []
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=people["Id"], AttributesToGet=["custom:nope"])
    assert error_of(exc)[0] == "InvalidParameterException"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ('email = "alice@example.com"', ["alice"]),
        ('email ^= "al"', ["alfred", "alice"]),
        ('email ^= "zzz"', []),
        ('username = "bob"', ["bob"]),
        ('username ^= "al"', ["alfred", "alice"]),
        ('given_name = "Alfred"', ["alfred"]),
        ('family_name ^= "Smith"', ["alice", "alfred"]),
        ('family_name = "O\\"Neil"', ["bob"]),
        ('name = "Alice Smith"', ["alice"]),
        ('phone_number ^= "+1555"', ["alice", "carol"]),
        ('preferred_username = "ally"', ["alice"]),
        ('cognito:user_status = "CONFIRMED"', ["carol"]),
        ('cognito:user_status = "force_change_password"', ["alfred", "alice", "bob"]),
        ('status = "Disabled"', ["bob"]),
        ('status = "Enabled"', ["alfred", "alice", "carol"]),
        ('status = "enabled"', []),
        ("", ["alfred", "alice", "bob", "carol"]),
        ('  email   =   "bob@example.com"  ', ["bob"]),
    ],
)
def test_filters(idp: Any, people: dict[str, Any], flt: str, expected: list[str]) -> None:
    assert names(idp, people["Id"], flt) == expected


def test_filter_by_sub(idp: Any, pool: dict[str, Any]) -> None:
    user = create(idp, pool["Id"], "subby")
    create(idp, pool["Id"], "other")
    sub = attrs_of(user["Attributes"])["sub"]
    assert names(idp, pool["Id"], f'sub = "{sub}"') == ["subby"]
    assert "subby" in names(idp, pool["Id"], f'sub ^= "{sub[:8]}"')


def test_email_filter_ignores_case_in_case_insensitive_pool(idp: Any, people: dict[str, Any]) -> None:
    assert names(idp, people["Id"], 'email = "ALICE@example.com"') == ["alice"]


def test_filtered_paging(idp: Any, pool: dict[str, Any]) -> None:
    for i in range(5):
        create(idp, pool["Id"], f"m{i}", email=f"match{i}@example.com")
        create(idp, pool["Id"], f"n{i}", email=f"nomatch{i}@example.com")
    assert names(idp, pool["Id"], 'email ^= "match"', Limit=2) == [f"m{i}" for i in range(5)]
    assert names(idp, pool["Id"], 'cognito:user_status = "FORCE_CHANGE_PASSWORD"', Limit=3) == sorted(
        [f"m{i}" for i in range(5)] + [f"n{i}" for i in range(5)]
    )


@pytest.mark.parametrize(
    ("flt", "message"),
    [
        ('custom:foo = "bar"', "Invalid search attribute: custom:foo"),
        ('locale = "en"', "Invalid search attribute: locale"),
        ('email == "x"', "Error while parsing filter."),
        ("email = x", "Error while parsing filter."),
        ('email ~= "x"', "Error while parsing filter."),
        ('email = "x" and name = "y"', "Error while parsing filter."),
        ("email", "Error while parsing filter."),
    ],
)
def test_filter_errors(idp: Any, pool: dict[str, Any], flt: str, message: str) -> None:
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=pool["Id"], Filter=flt)
    assert error_of(exc) == ("InvalidParameterException", message)


def test_bad_pagination_token(idp: Any, pool: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=pool["Id"], PaginationToken="garbage!")
    assert error_of(exc)[0] == "InvalidParameterException"
    # A token of one filter does not page another.
    for i in range(3):
        create(idp, pool["Id"], f"t{i}", email=f"t{i}@example.com")
    token = idp.list_users(UserPoolId=pool["Id"], Limit=1)["PaginationToken"]
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=pool["Id"], Limit=1, PaginationToken=token, Filter='email ^= "t"')
    assert error_of(exc)[0] == "InvalidParameterException"
    # AWS (aws/aws-sdk-js#3705): "Paging marker <token> is invalid for request <request id>"
    assert re.fullmatch(f"Paging marker {re.escape(token)} is invalid for request [0-9a-f-]{{36}}", error_of(exc)[1])


def _forged(value: Any) -> str:
    """A token as a client could forge one: URL-safe base64, unpadded, of any JSON."""
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        _forged(["all", [2**64]]),  # ListUsers' own token shape with a key past SQLite's integers
        _forged(["all", [2**70]]),
        _forged(["all", [-(2**63) - 1]]),
        paging.encode("all", [2**63]),
    ],
)
def test_a_forged_token_with_a_huge_integer_is_invalid_not_a_500(idp: Any, pool: dict[str, Any], token: str) -> None:
    """An integer beyond SQLite's signed 64 bits in a PaginationToken is an invalid token (it was an
    OverflowError inside the query, answered 500 InternalErrorException)."""
    create(idp, pool["Id"], "alice")
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId=pool["Id"], PaginationToken=token)
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error_of(exc)[0] == "InvalidParameterException"
    assert re.fullmatch(f"Paging marker {re.escape(token)} is invalid for request [0-9a-f-]{{36}}", error_of(exc)[1])
    with pytest.raises(ClientError) as exc:  # a filter whose sort key has two parts
        idp.list_users(UserPoolId=pool["Id"], Filter='cognito:user_status ^= "F"', PaginationToken=token)
    assert error_of(exc)[0] == "InvalidParameterException"


def test_unknown_pool(idp: Any) -> None:
    with pytest.raises(ClientError) as exc:
        idp.list_users(UserPoolId="us-east-1_nonexist0")
    assert error_of(exc)[0] == "ResourceNotFoundException"


# -- the queries behind the filters use indexes (no table scans) ------------------------------------------


class RecordingStore(store.Store):
    """The real store, remembering each SELECT it ran so that its plan can be checked."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, app.load_services())
        self.selects: list[tuple[str, list[Any]]] = []

    def all(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        self.selects.append((sql, list(params)))
        return super().all(sql, params)


FILTERS = [  # each filter, and the index its query must search
    (None, "PRIMARY KEY"),
    (("email", "=", "a@example.com"), "PRIMARY KEY (pool_id=? AND name=? AND value=?)"),
    (("email", "^=", "a"), "PRIMARY KEY (pool_id=? AND name=? AND value>? AND value<?)"),
    (("given_name", "^=", "Al"), "PRIMARY KEY (pool_id=? AND name=? AND value>? AND value<?)"),
    (("username", "=", "alice"), "PRIMARY KEY (pool_id=? AND username_key=?)"),
    (("username", "^=", "al"), "PRIMARY KEY (pool_id=? AND username_key>? AND username_key<?)"),
    (("sub", "=", "00000000-0000-0000-0000-000000000000"), "INDEX users_by_sub (pool_id=? AND sub=?)"),
    (("sub", "^=", "0000"), "INDEX users_by_sub (pool_id=? AND sub>? AND sub<?)"),
    (("cognito:user_status", "=", "CONFIRMED"), "INDEX users_by_status (pool_id=? AND status=?"),
    (("cognito:user_status", "^=", "CON"), "INDEX users_by_status (pool_id=? AND status>? AND status<?)"),
    (("status", "=", "Enabled"), "INDEX users_by_enabled (pool_id=? AND enabled=?"),
]


@pytest.mark.parametrize(("flt", "index"), FILTERS)
def test_list_users_queries_use_indexes(tmp_path: Path, flt: tuple[str, str, str] | None, index: str) -> None:
    db = RecordingStore(tmp_path / "plan.db")
    try:
        ctx = RequestContext(store=db, config=ServerConfig())
        pool = {"Id": "us-east-1_plan00000", "UsernameConfiguration": {"CaseSensitive": False}}
        db.run("INSERT INTO pools (id, name, created, modified, doc) VALUES (?, 'p', 0, 0, '{}')", (pool["Id"],))
        for i, name in enumerate(["alice", "alfred", "albert"]):
            user = users.User(
                pool_id=pool["Id"],
                username=name,
                username_key=name,
                sub=f"0000{i}000-0000-0000-0000-000000000000",
                status="CONFIRMED",
                enabled=True,
                created=0,
                modified=0,
                attrs={"email": f"a{i}@example.com", "given_name": f"Al{i}"},
            )
            users.insert(ctx, pool, user)
        _, token = admin_users.list_users_page(ctx, pool, flt, 1, None)
        if token:  # the keyset page's query too
            admin_users.list_users_page(ctx, pool, flt, 1, token)
        assert db.selects
        for sql, params in list(db.selects):
            plan = " | ".join(r[3] for r in store.Store.all(db, "EXPLAIN QUERY PLAN " + sql, params))
            assert "SCAN" not in plan, plan
            assert f"SEARCH {'a' if flt and flt[0] in ('email', 'given_name') else 'u'} USING {index}" in plan
            assert "TEMP B-TREE" not in plan, plan  # ordered by the index, no sort
    finally:
        db.close()
