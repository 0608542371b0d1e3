"""The service layer against a real local Cognito on loopback: the same BotoCognito that talks to AWS."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import socket
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from console.services import errors
from console.services.boto import BotoCognito
from console.services.export import export_users
from console.services.protocol import Connection, ConnectionKind, Group, IdentityProvider, UserFilter
from tests.conftest import unique

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@pytest.fixture
def service(cognito: Any) -> BotoCognito:
    return BotoCognito(Connection("Local Cognito", ConnectionKind.LOCAL, endpoint_url=cognito.base_url))


@pytest.fixture
def pool_id(service: BotoCognito) -> Iterator[str]:
    pool = run(service.create_pool({"PoolName": unique("svc-"), "UsernameConfiguration": {"CaseSensitive": False}}))
    yield pool.id
    with contextlib.suppress(errors.NotFound):
        run(service.delete_pool(pool.id))


def test_pools_create_describe_update_keeps_other_settings(service: BotoCognito) -> None:
    name = unique("svc-pool-")
    created = run(
        service.create_pool(
            {
                "PoolName": name,
                "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": False}},
                "AutoVerifiedAttributes": ["email"],
                "UserPoolTags": {"team": "identity"},
            }
        )
    )
    try:
        assert created.name == name and created.password_policy["MinimumLength"] == 12
        assert any(p.id == created.id for p in run(service.list_pools()))
        # UpdateUserPool resets what it is not given: the service merges, so the policy survives.
        updated = run(service.update_pool(created.id, {"DeletionProtection": "ACTIVE"}))
        assert updated.deletion_protection == "ACTIVE"
        assert updated.password_policy["MinimumLength"] == 12
        assert updated.auto_verified == ("email",) and updated.tags == {"team": "identity"}
        with pytest.raises(errors.ServiceError) as exc:
            run(service.delete_pool(created.id))
        assert exc.value.code == "InvalidParameterException"
        run(service.update_pool(created.id, {"DeletionProtection": "INACTIVE"}))
    finally:
        run(service.delete_pool(created.id))
    with pytest.raises(errors.NotFound) as gone:
        run(service.describe_pool(created.id))
    assert gone.value.code == "ResourceNotFoundException"


def test_totp_only_mfa_through_set_user_pool_mfa_config(service: BotoCognito, pool_id: str) -> None:
    assert run(service.describe_pool(pool_id)).mfa == "OFF"
    pool = run(service.set_mfa_config(pool_id, "ON", True))
    assert pool.mfa == "ON" and pool.mfa_methods == ("TOTP",)
    pool = run(service.set_mfa_config(pool_id, "OPTIONAL", True))
    assert pool.mfa == "OPTIONAL" and "TOTP" in pool.mfa_methods
    # Required MFA with no method at all is refused by Cognito, with its own code and message.
    with pytest.raises(errors.ServiceError) as exc:
        run(service.set_mfa_config(pool_id, "ON", False))
    assert exc.value.code in ("InvalidParameterException", "InvalidSmsRoleAccessPolicyException")
    assert exc.value.message


def test_users_crud_search_paging_and_details(service: BotoCognito, pool_id: str) -> None:
    async def scenario() -> None:
        names = [f"user{i:02d}" for i in range(7)]
        for n in names:
            await service.create_user(pool_id, n, {"email": f"{n}@example.com", "name": n.upper()})
        with pytest.raises(errors.AlreadyExists) as dup:
            await service.create_user(pool_id, "user00", {})
        assert dup.value.code == "UsernameExistsException"

        first = await service.list_users(pool_id, None, None, limit=3)
        assert len(first.items) == 3 and first.next_token
        seen = list(first.items)
        token: str | None = first.next_token
        while token:
            page = await service.list_users(pool_id, None, token, limit=3)
            seen += page.items
            token = page.next_token
        assert sorted(u.username for u in seen) == names

        found = await service.list_users(pool_id, UserFilter("email", "user03@", prefix=True))
        assert [u.username for u in found.items] == ["user03"]
        exact = await service.list_users(pool_id, UserFilter("username", "user0", prefix=False))
        assert exact.items == ()

        await service.set_user_enabled(pool_id, "user01", False)
        disabled = await service.list_users(pool_id, UserFilter(status="Disabled"))
        assert [u.username for u in disabled.items] == ["user01"]

        await service.update_user_attributes(pool_id, "user02", {"name": "Renamed"}, delete=["email"])
        await service.set_password(pool_id, "user02", "Aa1!aVeryGoodPassword", permanent=True)
        group = await service.create_group(Group("staff", pool_id, "Staff", 3))
        assert group.precedence == 3
        await service.add_to_group(pool_id, "user02", "staff")
        details = await service.user_details(pool_id, "user02")
        assert details.user.status == "CONFIRMED"
        assert details.user.attributes.get("name") == "Renamed" and "email" not in details.user.attributes
        assert details.groups == ("staff",)
        assert [m.username for m in await service.group_members(pool_id, "staff")] == ["user02"]
        await service.remove_from_group(pool_id, "user02", "staff")
        assert await service.group_members(pool_id, "staff") == []
        await service.global_sign_out(pool_id, "user02")
        # Without a verified email or phone, Cognito has nowhere to send the code, and says so.
        with pytest.raises(errors.InvalidInput) as nowhere:
            await service.reset_password(pool_id, "user02")
        assert "no registered/verified email or phone_number" in nowhere.value.message
        await service.update_user_attributes(pool_id, "user04", {"email_verified": "true"})
        await service.set_password(pool_id, "user04", "Aa1!aVeryGoodPassword", permanent=True)
        await service.reset_password(pool_id, "user04")
        assert (await service.get_user(pool_id, "user04")).status == "RESET_REQUIRED"

        await service.delete_user(pool_id, "user06")
        with pytest.raises(errors.NotFound) as missing:
            await service.user_details(pool_id, "user06")
        assert (missing.value.code, missing.value.message) == ("UserNotFoundException", "User does not exist.")

    run(scenario())


def test_groups_update_and_delete(service: BotoCognito, pool_id: str) -> None:
    async def scenario() -> None:
        await service.create_group(Group("g1", pool_id, "first", 1))
        updated = await service.update_group(
            Group("g1", pool_id, "second", 2, "arn:aws:iam::123456789012:role/Console")
        )
        assert (updated.description, updated.precedence, updated.role_arn) == (
            "second",
            2,
            "arn:aws:iam::123456789012:role/Console",
        )
        assert [g.name for g in await service.list_groups(pool_id)] == ["g1"]
        with pytest.raises(errors.AlreadyExists):
            await service.create_group(Group("g1", pool_id))
        await service.delete_group(pool_id, "g1")
        assert await service.list_groups(pool_id) == []

    run(scenario())


def test_app_clients_create_update_merges_and_secret(service: BotoCognito, pool_id: str) -> None:
    async def scenario() -> None:
        created = await service.create_app_client(
            pool_id,
            {
                "ClientName": "web",
                "GenerateSecret": True,
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "PreventUserExistenceErrors": "ENABLED",
            },
        )
        assert created.secret and created.auth_flows == ("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
        # UpdateUserPoolClient resets omitted settings: the service merges over the current ones.
        updated = await service.update_app_client(pool_id, created.id, {"RefreshTokenValidity": 10})
        assert updated.raw["RefreshTokenValidity"] == 10
        assert updated.auth_flows == created.auth_flows
        assert updated.raw["PreventUserExistenceErrors"] == "ENABLED"
        described = await service.describe_app_client(pool_id, created.id)
        assert described.secret == created.secret
        assert [c.id for c in await service.list_app_clients(pool_id)] == [created.id]
        with pytest.raises(errors.InvalidInput) as bad:
            await service.update_app_client(pool_id, created.id, {"CallbackURLs": ["https://x.example/#frag"]})
        assert bad.value.code == "InvalidParameterException" and bad.value.message
        await service.delete_app_client(pool_id, created.id)
        assert await service.list_app_clients(pool_id) == []

    run(scenario())


def test_identity_providers_domain_and_jwks(service: BotoCognito, pool_id: str) -> None:
    async def scenario() -> None:
        google = IdentityProvider(
            "Google",
            "Google",
            pool_id,
            {"client_id": "gid", "client_secret": "gsecret", "authorize_scopes": "openid email"},
            {"email": "email", "username": "sub"},
            ("gmail.com",),
        )
        created = await service.create_identity_provider(google)
        assert created.attribute_mapping["email"] == "email" and created.identifiers == ("gmail.com",)
        with pytest.raises(errors.AlreadyExists):
            await service.create_identity_provider(google)
        changed = await service.update_identity_provider(
            IdentityProvider("Google", "Google", pool_id, dict(created.details), {"email": "email", "name": "name"}, ())
        )
        assert changed.attribute_mapping.get("name") == "name"
        assert [p.name for p in await service.list_identity_providers(pool_id)] == ["Google"]
        await service.delete_identity_provider(pool_id, "Google")
        assert await service.list_identity_providers(pool_id) == []

        prefix = unique("svc-dom-")
        domain = await service.create_domain(pool_id, prefix)
        assert domain.pool_id == pool_id
        described = await service.describe_domain(prefix)
        assert described is not None and described.pool_id == pool_id
        await service.delete_domain(pool_id, prefix)
        assert await service.describe_domain(prefix) is None

        jwks = await service.fetch_jwks(pool_id)
        assert jwks["keys"] and all(k["kty"] == "RSA" for k in jwks["keys"])

    run(scenario())


def test_csv_export_lists_what_the_search_lists(service: BotoCognito, pool_id: str, tmp_path: Path) -> None:
    async def scenario() -> None:
        for i in range(65):  # more than one ListUsers page
            await service.create_user(pool_id, f"exp{i:03d}", {"email": f"exp{i:03d}@example.com"})
        await service.create_user(pool_id, "formula", {"email": "f@example.com", "name": "=HYPERLINK(1)"})
        progress: list[int] = []
        out = tmp_path / "all.csv"
        assert await export_users(service, pool_id, None, out, progress.append) == 66
        assert progress[-1] == 66 and len(progress) >= 2
        rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
        assert len(rows) == 66
        # The columns of GetCSVHeader, so that the file is a user import job's CSV.
        assert list(rows[0]) == (await service.csv_header(pool_id))
        formula = next(r for r in rows if r["cognito:username"] == "formula")
        assert formula["name"] == "'=HYPERLINK(1)"  # neutralised for spreadsheets
        assert all(r["cognito:mfa_enabled"] == "false" for r in rows)

        some = tmp_path / "some.csv"
        assert await export_users(service, pool_id, UserFilter("username", "exp00"), some) == 10
        assert {r["cognito:username"] for r in csv.DictReader(some.read_text(encoding="utf-8").splitlines())} == {
            f"exp00{i}" for i in range(10)
        }

    run(scenario())


def test_unreachable_local_cognito_is_connection_lost() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = BotoCognito(Connection("gone", ConnectionKind.LOCAL, endpoint_url=f"http://127.0.0.1:{port}"))
    with pytest.raises(errors.ConnectionLost) as exc:
        run(dead.list_pools())
    assert exc.value.code == "EndpointConnectionError" and exc.value.operation == "list_user_pools"
