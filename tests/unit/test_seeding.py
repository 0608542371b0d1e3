"""Seed files (core/seeding.py, user_pools/seed.py), loaded into a server in this process: what an entry makes,
every check the API makes, errors that name the file and the entry, all or nothing, and idempotence."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from console.emulator.core import ids, seeding
from console.emulator.core.app import ServerState, create_app, open_store
from console.emulator.core.context import ServerConfig

POOL_ID = "us-east-1_SeededApp"
CLIENT_ID = "seededwebclient00000000001"
SEED: dict[str, Any] = {
    "UserPools": [
        {
            "PoolName": "app",
            "Id": POOL_ID,
            "Policies": {"PasswordPolicy": {"MinimumLength": 10}},
            "UsernameConfiguration": {"CaseSensitive": False},
            "Domains": ["seeded-app"],
            "Groups": [{"GroupName": "admins", "Precedence": 1}, {"GroupName": "readers"}],
            "Clients": [
                {"ClientName": "web", "ClientId": CLIENT_ID, "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]},
                {"ClientName": "backend", "ClientSecret": "seededbackendsecret0123456789"},
            ],
            "Users": [
                {
                    "Username": "alice",
                    "Password": "correct-horse-battery",
                    "UserAttributes": {"email": "alice@example.com", "email_verified": True},
                    "Groups": ["admins", "readers"],
                },
                {
                    "Username": "bob",
                    "UserAttributes": [{"Name": "email", "Value": "bob@example.com"}],
                    "TemporaryPassword": "temporary-123",
                },
            ],
        },
        {"PoolName": "other"},
    ]
}


@pytest.fixture
def state() -> Iterator[ServerState]:
    store = open_store(":memory:")
    app = create_app(ServerConfig(region="us-east-1"), store)
    yield app.state.emulator
    store.close()


def api(state: ServerState, operation: str, **params: Any) -> dict[str, Any]:
    """A cognito-idp operation, run as a request runs it."""
    return seeding.Seeding("test", state.context).call("cognito-idp", operation, params)


def pool_names(state: ServerState) -> list[str]:
    return sorted(p["Name"] for p in api(state, "ListUserPools", MaxResults=60)["UserPools"])


def test_a_seed_makes_pools_domains_groups_clients_and_users(state: ServerState) -> None:
    seeded = state.load_seed("seed.json", copy.deepcopy(SEED))
    assert seeded.kept == []
    assert seeded.created[0] == f"user pool app ({POOL_ID})"
    assert pool_names(state) == ["app", "other"]
    pool = api(state, "DescribeUserPool", UserPoolId=POOL_ID)["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert pool["Domain"] == "seeded-app"
    clients = {c["ClientName"]: c for c in api(state, "ListUserPoolClients", UserPoolId=POOL_ID)["UserPoolClients"]}
    assert clients["web"]["ClientId"] == CLIENT_ID
    assert ids.is_client_id(clients["backend"]["ClientId"])
    backend = api(state, "DescribeUserPoolClient", UserPoolId=POOL_ID, ClientId=clients["backend"]["ClientId"])
    assert backend["UserPoolClient"]["ClientSecret"] == "seededbackendsecret0123456789"
    alice = api(state, "AdminGetUser", UserPoolId=POOL_ID, Username="alice")
    assert alice["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in alice["UserAttributes"]}
    assert (attributes["email"], attributes["email_verified"]) == ("alice@example.com", "true")
    groups = api(state, "AdminListGroupsForUser", UserPoolId=POOL_ID, Username="alice")["Groups"]
    assert sorted(g["GroupName"] for g in groups) == ["admins", "readers"]
    assert api(state, "AdminGetUser", UserPoolId=POOL_ID, Username="bob")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    # MessageAction SUPPRESS unless the entry says otherwise: no invitation was "sent".
    assert state.store.all("SELECT * FROM outbox") == []


def test_a_pool_already_there_is_left_as_it_is(state: ServerState) -> None:
    state.load_seed("seed.json", copy.deepcopy(SEED))
    api(state, "AdminDeleteUser", UserPoolId=POOL_ID, Username="bob")
    changed = copy.deepcopy(SEED)
    changed["UserPools"][0]["Users"].append({"Username": "carol"})
    changed["UserPools"][1]["Clients"] = [{"ClientName": "new"}]  # "other" has no Id: found by its name
    again = state.load_seed("seed.json", changed)
    assert again.created == []
    assert len(again.kept) == 2
    assert pool_names(state) == ["app", "other"]
    users = [u["Username"] for u in api(state, "ListUsers", UserPoolId=POOL_ID)["Users"]]
    assert users == ["alice"]  # bob stays deleted, carol is not added
    other = next(p["Id"] for p in api(state, "ListUserPools", MaxResults=60)["UserPools"] if p["Name"] == "other")
    assert api(state, "ListUserPoolClients", UserPoolId=other)["UserPoolClients"] == []


def with_change(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """SEED with the value at ``path`` replaced (a path ending in a new key adds it)."""
    doc = copy.deepcopy(SEED)
    target: Any = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


APP = "UserPools[0] (app)"


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (
            {"Pools": []},
            "seed file seed.json: Pools: not a section of a seed file (the sections are UserPools, IdentityPools)",
        ),
        (
            with_change(("UserPools", 1, "PoolNme"), "x"),
            "UserPools[1] (other): unknown field 'PoolNme' in a user pool (did you mean PoolName?)",
        ),
        (with_change(("UserPools",), {"PoolName": "x"}), "seed file seed.json: UserPools must be a list, not dict"),
        (with_change(("UserPools", 1), "other"), "UserPools[1] (other): a user pool must be a mapping of its fields"),
        (
            with_change(("UserPools", 0, "Id"), "us-east-1_short"),
            f"{APP}: Id 'us-east-1_short' is not a user pool ID of us-east-1: us-east-1_ and nine letters or digits",
        ),
        (with_change(("UserPools", 0, "Id"), "eu-west-1_SeededApp"), "is not a user pool ID of us-east-1"),
        (
            with_change(("UserPools", 1, "Id"), POOL_ID),
            f"UserPools[1] (other): a second user pool with the Id {POOL_ID}",
        ),
        (
            with_change(("UserPools", 1, "PoolName"), "app"),
            "UserPools[1] (app): a second user pool named app, and one of them has no Id",
        ),
        (
            with_change(("UserPools", 0, "Clients", 0, "ClientId"), "Web-Client"),
            f"{APP} > Clients[0] (web): ClientId 'Web-Client' is not an app client ID: 26 lower-case letters or digits",
        ),
        (
            with_change(("UserPools", 0, "Clients", 1, "ClientSecret"), "not-a-valid-secret-at-all"),
            f"{APP} > Clients[1] (backend): CreateUserPoolClient: InvalidParameterException: 1 validation error",
        ),
        (
            with_change(("UserPools", 0, "Users", 0, "Password"), "short"),
            f"{APP} > Users[0] (alice): AdminSetUserPassword: InvalidPasswordException: ",
        ),
        (
            with_change(("UserPools", 0, "Users", 0, "Groups"), ["admins", "owners"]),
            f"{APP} > Users[0] (alice): AdminAddUserToGroup: ResourceNotFoundException:",
        ),
        (
            with_change(("UserPools", 0, "Users", 1, "UserPoolId"), POOL_ID),
            f"{APP} > Users[1] (bob): unknown field 'UserPoolId' in a user (",
        ),
        (
            with_change(("UserPools", 0, "Domains"), ["Not A Domain"]),
            f"{APP} > Domains[0] (Not A Domain): CreateUserPoolDomain: InvalidParameterException:",
        ),
        (
            with_change(("UserPools", 0, "Groups", 1, "Precedence"), "first"),
            f"{APP} > Groups[1] (readers): CreateGroup: SerializationException:",
        ),
        (with_change(("UserPools", 0, "MfaConfiguration"), "SOMETIMES"), f"{APP}: CreateUserPool: "),
    ],
)
def test_a_bad_entry_is_named_and_leaves_nothing_behind(
    state: ServerState, document: dict[str, Any], says: str
) -> None:
    with pytest.raises(seeding.SeedError) as error:
        state.load_seed("seed.json", document)
    message = str(error.value)
    assert message.startswith("seed file seed.json: ")
    assert says in message, message
    assert "\n" not in message
    assert pool_names(state) == []
    assert state.seed is None


def test_a_fixed_client_id_of_another_pool_is_refused(state: ServerState) -> None:
    state.load_seed("first.json", copy.deepcopy(SEED))
    other = {"UserPools": [{"PoolName": "second", "Clients": [{"ClientName": "web", "ClientId": CLIENT_ID}]}]}
    with pytest.raises(seeding.SeedError, match=f"the ClientId {CLIENT_ID} is taken by an app client"):
        state.load_seed("second.json", other)


def test_reset_empties_the_server_and_loads_its_seed_again(state: ServerState) -> None:
    state.load_seed("seed.json", copy.deepcopy(SEED))
    api(state, "CreateUserPool", PoolName="made-later")
    api(state, "AdminDeleteUser", UserPoolId=POOL_ID, Username="alice")
    state.reset()
    assert pool_names(state) == ["app", "other"]
    assert api(state, "AdminGetUser", UserPoolId=POOL_ID, Username="alice")["UserStatus"] == "CONFIRMED"


def test_every_table_is_empty_after_a_reset_without_a_seed(state: ServerState) -> None:
    state.load_seed("seed.json", copy.deepcopy(SEED))
    state.seed = None  # as a server started without --seed
    state.config.clock_offset = 3600.0
    state.shared["cached"] = object()
    state.reset()
    tables = [
        r[0]
        for r in state.store.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_migrations'")
    ]
    assert "pools" in tables and "outbox" in tables
    assert {t: state.store.value(f'SELECT COUNT(*) FROM "{t}"') for t in tables} == dict.fromkeys(tables, 0)  # noqa: S608
    assert state.store.schema_versions()  # the schema stays
    assert (state.shared, state.config.clock_offset) == ({}, 0.0)


# -- reading the file ---------------------------------------------------------------------------------------------


def test_json_and_yaml_files_read_the_same(tmp_path: Path) -> None:
    (tmp_path / "seed.json").write_text(json.dumps(SEED))
    (tmp_path / "seed.yaml").write_text(yaml.safe_dump(SEED))
    (tmp_path / "seed.YML").write_text(yaml.safe_dump(SEED))
    assert seeding.read(str(tmp_path / "seed.json")) == SEED
    assert seeding.read(str(tmp_path / "seed.yaml")) == SEED
    assert seeding.read(str(tmp_path / "seed.YML")) == SEED


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("seed.json", '{"UserPools": [}', "not valid JSON (Expecting value: line 1 column 16 (char 15))"),
        ("seed.json", "UserPools: []", "not valid JSON"),
        ("seed.yaml", "UserPools: [\n  - a\n", "not valid YAML: "),
        ("seed.yml", "- PoolName: app\n", "must hold an object whose keys are sections"),
        ("seed.json", "\udcff", "not UTF-8 text"),
    ],
)
def test_a_file_that_does_not_parse_is_one_line_naming_it(tmp_path: Path, name: str, text: str, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(seeding.SeedError) as error:
        seeding.read(str(path))
    assert str(error.value).startswith(f"seed file {path}: ")
    assert says in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(seeding.SeedError, match=r"seed file .*nothing\.json: no such file$"):
        seeding.read(str(tmp_path / "nothing.json"))
