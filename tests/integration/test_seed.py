"""``--seed FILE``: a real server starts with the pools, app clients, domains, groups and users a file names,
with the IDs and secrets it fixes; seeding again leaves what is there alone; a bad file stops the server."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import yaml

from tests.conftest import make_client
from tests.localcognito import start

ROOT = Path(__file__).resolve().parents[2]
POOL_ID = "us-east-1_ShopTests"
WEB_CLIENT = "shopwebclient0000000000001"
SERVER_CLIENT = "shopserverclient0000000001"
SERVER_SECRET = "shopserversecret0123456789"

SEED_YAML = f"""
UserPools:
  - PoolName: shop
    Id: {POOL_ID}
    UsernameConfiguration: {{CaseSensitive: false}}
    Policies:
      PasswordPolicy: {{MinimumLength: 8, RequireSymbols: false}}
    Domains: [shop-tests]
    Groups:
      - {{GroupName: admins, Precedence: 1}}
    Clients:
      - ClientName: web
        ClientId: {WEB_CLIENT}
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      - ClientName: server
        ClientId: {SERVER_CLIENT}
        ClientSecret: {SERVER_SECRET}
        ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
    Users:
      - Username: alice
        Password: Passw0rd1
        UserAttributes: {{email: alice@example.com, email_verified: true}}
        Groups: [admins]
  - PoolName: audit
"""


def seed_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SEED_YAML)
    return document


def secret_hash(username: str) -> str:
    digest = hmac.new(SERVER_SECRET.encode(), (username + SERVER_CLIENT).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_a_seeded_server_signs_in_with_the_ids_and_secrets_the_file_fixed(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED_YAML)
    server = start(tmp_path / "data", "--ephemeral", "--workers", "0", "--seed", str(seed))
    try:
        idp = make_client(server.base_url)
        assert sorted(p["Name"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]) == ["audit", "shop"]
        tokens = idp.initiate_auth(
            ClientId=WEB_CLIENT,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "ALICE", "PASSWORD": "Passw0rd1"},
        )["AuthenticationResult"]
        claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
        assert claims["iss"] == f"{server.base_url}/{POOL_ID}"
        assert claims["cognito:groups"] == ["admins"]
        assert (claims["email"], claims["email_verified"]) == ("alice@example.com", True)
        admin = idp.admin_initiate_auth(
            UserPoolId=POOL_ID,
            ClientId=SERVER_CLIENT,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd1", "SECRET_HASH": secret_hash("alice")},
        )
        assert "AccessToken" in admin["AuthenticationResult"]
        assert idp.describe_user_pool_domain(Domain="shop-tests")["DomainDescription"]["UserPoolId"] == POOL_ID
        assert server.outbox() == []  # seeded users get no invitation
    finally:
        assert server.stop() == 0


def test_seeding_again_leaves_the_pools_already_there_alone(tmp_path: Path) -> None:
    """A persistent server started again with its seed file (here from COGNITO_LOCAL_SEED, as JSON): the pool
    with a fixed Id and the pool found by its name keep what was done to them since."""
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(seed_document()))
    env = {"COGNITO_LOCAL_SEED": str(seed), "COGNITO_LOCAL_WORKERS": "0"}
    first = start(tmp_path / "data", env=env)
    try:
        idp = make_client(first.base_url)
        audit = next(p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"] if p["Name"] == "audit")
        idp.admin_delete_user(UserPoolId=POOL_ID, Username="alice")
        idp.admin_create_user(UserPoolId=POOL_ID, Username="dave", MessageAction="SUPPRESS")
        idp.create_group(UserPoolId=audit, GroupName="auditors")
    finally:
        assert first.stop() == 0
    log = tmp_path / "second.log"
    second = start(tmp_path / "data", env=env, log=log)
    try:
        idp = make_client(second.base_url)
        pools = idp.list_user_pools(MaxResults=10)["UserPools"]
        assert sorted((p["Name"], p["Id"]) for p in pools) == [("audit", audit), ("shop", POOL_ID)]
        assert [u["Username"] for u in idp.list_users(UserPoolId=POOL_ID)["Users"]] == ["dave"]
        assert [g["GroupName"] for g in idp.list_groups(UserPoolId=audit)["Groups"]] == ["auditors"]
    finally:
        assert second.stop() == 0
    assert (
        f"Seeded from {seed}: made nothing; already there, left as they are: user pool shop ({POOL_ID}),"
        f" user pool audit ({audit})" in log.read_text()
    )


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda doc: doc["UserPools"][0]["Users"][0].update(Password="short"),
            "UserPools[0] (shop) > Users[0] (alice): AdminSetUserPassword: InvalidPasswordException: ",
        ),
        (
            lambda doc: doc["UserPools"][0]["Clients"][0].update(ClientId="web"),
            "UserPools[0] (shop) > Clients[0] (web): ClientId 'web' is not an app client ID",
        ),
    ],
)
def test_a_bad_seed_file_stops_the_server_and_leaves_nothing(tmp_path: Path, change: Any, says: str) -> None:
    document = seed_document()
    change(document)
    seed = tmp_path / "bad.json"
    seed.write_text(json.dumps(document))
    data = tmp_path / "data"
    run = subprocess.run(
        [sys.executable, "-m", "console", "emulator", "--port", "0", "--data-dir", str(data), "--seed", str(seed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stdout == ""  # no base URL: nothing was served
    assert f"error: seed file {seed}: {says}" in run.stderr
    assert "Traceback" not in run.stderr
    # The file loads all or nothing: the pools before the bad entry are not there either.
    server = start(data, "--workers", "0")
    try:
        assert httpx.get(server.base_url + "/_emulator/health", timeout=10).status_code == 200
        assert make_client(server.base_url).list_user_pools(MaxResults=10)["UserPools"] == []
    finally:
        assert server.stop() == 0
