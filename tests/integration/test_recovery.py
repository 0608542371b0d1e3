"""Point-in-time recovery: the preview of what a recovery reverts (users, groups, memberships, MFA settings),
the pause of writes while it is pending, applying and cancelling it, expiry, limits and refusals.

The recovery point must be at least 15 minutes old; rather than wait, the tests move a pool's history (its
journal and creation time) back in the store, as if that time had gone by."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests import fake_lambda
from tests.conftest import make_client, unique
from tests.fake_lambda import FakeLambda
from tests.integration.auth_support import PASSWORD, error, new_client, new_user, password_auth, tokens
from tests.integration.passkey_support import Authenticator
from tests.integration.trigger_support import ARN, respond
from tests.localcognito import LocalCognito, start

HOUR = 3600.0


def _age(data_dir: Path, pool_id: str, seconds: float) -> None:
    """Move the pool's history and creation time ``seconds`` into the past."""
    db = sqlite3.connect(data_dir / "cognito.db", timeout=10)
    try:
        with db:
            db.execute("UPDATE pool_journal SET at = at - ? WHERE pool_id = ?", (seconds, pool_id))
            db.execute("UPDATE pools SET created = created - ? WHERE id = ?", (seconds, pool_id))
            db.execute("UPDATE pool_recoveries SET created = created - ? WHERE pool_id = ?", (seconds, pool_id))
    finally:
        db.close()


def _attrs(idp: Any, pool_id: str, username: str) -> dict[str, str]:
    got = idp.admin_get_user(UserPoolId=pool_id, Username=username)
    return {a["Name"]: a["Value"] for a in got["UserAttributes"]}


def _groups(idp: Any, pool_id: str, username: str) -> list[str]:
    return [g["GroupName"] for g in idp.admin_list_groups_for_user(UserPoolId=pool_id, Username=username)["Groups"]]


def _initiate(idp: Any, pool_id: str, ago: float = 30 * 60) -> dict[str, Any]:
    restoration: dict[str, Any] = idp.initiate_point_in_time_recovery(
        UserPoolId=pool_id, RestoreTimestamp=time.time() - ago
    )["Restoration"]
    return restoration


def _preview(restoration: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {p["Entity"]: (p["CreateCount"], p["UpdateCount"], p["DeleteCount"]) for p in restoration["RestorePreview"]}


def test_preview_pause_and_restore(cognito, idp, pool):
    pool_id = pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "ada", attributes={"name": "Ada", "phone_number": "+15555550100"})
    new_user(idp, pool_id, "grace", attributes={"name": "Grace"})
    idp.create_group(UserPoolId=pool_id, GroupName="admins")
    idp.create_group(UserPoolId=pool_id, GroupName="staff", Description="everyone")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="grace", GroupName="admins")
    _age(cognito.data_dir, pool_id, HOUR)

    # After the recovery point: a user deleted, one created, one changed; a group deleted, one created,
    # a membership added.
    idp.admin_delete_user(UserPoolId=pool_id, Username="grace")
    new_user(idp, pool_id, "linus")
    idp.admin_update_user_attributes(
        UserPoolId=pool_id, Username="ada", UserAttributes=[{"Name": "name", "Value": "Countess"}]
    )
    idp.admin_set_user_settings(
        UserPoolId=pool_id, Username="ada", MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    )
    idp.delete_group(UserPoolId=pool_id, GroupName="staff")
    idp.create_group(UserPoolId=pool_id, GroupName="temp")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="ada", GroupName="admins")

    restoration = _initiate(idp, pool_id)
    assert restoration["RestoreStatus"] == "PREVIEW_GENERATED"
    assert restoration["TriggerTimestamp"] > restoration["RestoreTimestamp"]
    preview = _preview(restoration)
    assert preview["Users"] == (1, 1, 1)
    assert preview["Groups"] == (1, 1, 1)
    assert preview["User MFAs"] == (0, 1, 0)
    assert preview["Passkeys"] == (0, 0, 0)
    restore_id = restoration["RestoreId"]

    # Writes are paused; reads and sign-in go on.
    for write in (
        lambda: idp.admin_create_user(UserPoolId=pool_id, Username="hopper"),
        lambda: idp.admin_update_user_attributes(
            UserPoolId=pool_id, Username="ada", UserAttributes=[{"Name": "name", "Value": "x"}]
        ),
        lambda: idp.sign_up(ClientId=client_id, Username="hopper", Password=PASSWORD),
        lambda: idp.create_group(UserPoolId=pool_id, GroupName="later"),
    ):
        with pytest.raises(ClientError) as exc:
            write()
        assert error(exc)[0] == "OperationNotEnabledException"
    assert _attrs(idp, pool_id, "ada")["name"] == "Countess"
    password_auth(idp, client_id, "ada")
    with pytest.raises(ClientError) as exc:
        _initiate(idp, pool_id)
    assert error(exc)[0] == "ConcurrentModificationException"

    described = idp.describe_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert described["RestoreStatus"] == "PREVIEW_GENERATED"
    assert _preview(described) == preview
    listed = idp.list_point_in_time_recoveries(UserPoolId=pool_id)["Restorations"]
    assert [(r["RestoreId"], r["RestoreStatus"]) for r in listed] == [(restore_id, "PREVIEW_GENERATED")]

    started = idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert started["RestoreStatus"] == "RESTORING"
    described = idp.describe_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert described["RestoreStatus"] == "RESTORE_COMPLETED"

    # The user data is as it was at the point.
    names = {u["Username"] for u in idp.list_users(UserPoolId=pool_id)["Users"]}
    assert names == {"ada", "grace"}
    assert _attrs(idp, pool_id, "ada")["name"] == "Ada"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="ada").get("MFAOptions", []) == []
    assert _attrs(idp, pool_id, "grace")["name"] == "Grace"
    assert _groups(idp, pool_id, "grace") == ["admins"]
    assert _groups(idp, pool_id, "ada") == []
    groups = {g["GroupName"]: g for g in idp.list_groups(UserPoolId=pool_id)["Groups"]}
    assert set(groups) == {"admins", "staff"}
    assert groups["staff"]["Description"] == "everyone"
    password_auth(idp, client_id, "grace")  # a restored user signs in with the password they had
    # Filters and aliases see the restored attributes.
    found = idp.list_users(UserPoolId=pool_id, Filter='name = "Grace"')["Users"]
    assert [u["Username"] for u in found] == ["grace"]

    # Writes resume; one completed recovery a day.
    new_user(idp, pool_id, "hopper")
    with pytest.raises(ClientError) as exc:
        _initiate(idp, pool_id)
    assert error(exc)[0] == "LimitExceededException"


def test_changed_passwords_are_kept(cognito, idp, pool):
    pool_id = pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "ada", attributes={"name": "Ada"})
    _age(cognito.data_dir, pool_id, HOUR)
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ada", Password="N3w-Passw0rd!", Permanent=True)
    idp.admin_update_user_attributes(
        UserPoolId=pool_id, Username="ada", UserAttributes=[{"Name": "name", "Value": "Countess"}]
    )
    restore_id = _initiate(idp, pool_id)["RestoreId"]
    idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)
    assert _attrs(idp, pool_id, "ada")["name"] == "Ada"
    password_auth(idp, client_id, "ada", "N3w-Passw0rd!")


def test_nothing_changed_since_the_point(cognito, idp, pool):
    new_user(idp, pool["Id"], "ada")
    _age(cognito.data_dir, pool["Id"], HOUR)
    restoration = _initiate(idp, pool["Id"])
    assert _preview(restoration) == {
        "Users": (0, 0, 0),
        "Groups": (0, 0, 0),
        "User MFAs": (0, 0, 0),
        "Passkeys": (0, 0, 0),
    }


def test_cancel(cognito, idp, pool):
    pool_id = pool["Id"]
    new_user(idp, pool_id, "ada")
    _age(cognito.data_dir, pool_id, HOUR)
    idp.admin_delete_user(UserPoolId=pool_id, Username="ada")
    restore_id = _initiate(idp, pool_id)["RestoreId"]
    cancelled = idp.cancel_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert cancelled["RestoreStatus"] == "PREVIEW_CANCELLED"
    assert idp.list_users(UserPoolId=pool_id)["Users"] == []  # nothing restored
    new_user(idp, pool_id, "grace")  # writes resume
    for call in (idp.start_point_in_time_recovery, idp.cancel_point_in_time_recovery):
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool_id, RestoreId=restore_id)
        assert error(exc)[0] == "ConcurrentModificationException"


def test_an_unstarted_preview_expires(cognito, idp, pool):
    pool_id = pool["Id"]
    new_user(idp, pool_id, "ada")
    _age(cognito.data_dir, pool_id, HOUR)
    restore_id = _initiate(idp, pool_id)["RestoreId"]
    with pytest.raises(ClientError):
        new_user(idp, pool_id, "grace")
    _age(cognito.data_dir, pool_id, 25 * HOUR)
    described = idp.describe_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert described["RestoreStatus"] == "PREVIEW_EXPIRED"
    new_user(idp, pool_id, "grace")
    with pytest.raises(ClientError) as exc:
        idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)
    assert error(exc)[0] == "ConcurrentModificationException"


def test_three_previews_a_day(cognito, idp, pool):
    _age(cognito.data_dir, pool["Id"], HOUR)
    for _ in range(3):
        restore_id = _initiate(idp, pool["Id"])["RestoreId"]
        idp.cancel_point_in_time_recovery(UserPoolId=pool["Id"], RestoreId=restore_id)
    with pytest.raises(ClientError) as exc:
        _initiate(idp, pool["Id"])
    assert error(exc)[0] == "LimitExceededException"
    listed = idp.list_point_in_time_recoveries(UserPoolId=pool["Id"], MaxResults=2)
    assert len(listed["Restorations"]) == 2
    rest = idp.list_point_in_time_recoveries(UserPoolId=pool["Id"], NextToken=listed["NextToken"])
    assert len(rest["Restorations"]) == 1
    assert "NextToken" not in rest
    everything = [r["RestoreId"] for r in listed["Restorations"] + rest["Restorations"]]
    assert len(set(everything)) == 3


def test_recovery_point_rules(cognito, idp, pool):
    pool_id = pool["Id"]
    with pytest.raises(ClientError) as exc:  # the pool did not exist then
        _initiate(idp, pool_id)
    assert error(exc)[0] == "InvalidParameterException"
    _age(cognito.data_dir, pool_id, 3 * 86400)
    with pytest.raises(ClientError) as exc:  # too recent
        _initiate(idp, pool_id, ago=10 * 60)
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:  # beyond the Essentials plan's day
        _initiate(idp, pool_id, ago=2 * 86400)
    assert error(exc)[0] == "InvalidParameterException"
    idp.update_user_pool(UserPoolId=pool_id, UserPoolTier="PLUS")
    assert _initiate(idp, pool_id, ago=2 * 86400)["RestoreStatus"] == "PREVIEW_GENERATED"


def test_lite_pools_and_unknown_recoveries(idp, pool):
    lite = idp.create_user_pool(PoolName=unique("lite"), UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        with pytest.raises(ClientError) as exc:
            _initiate(idp, lite)
        assert error(exc)[0] == "FeatureUnavailableInTierException"
    finally:
        idp.delete_user_pool(UserPoolId=lite)
    missing = "0f8fad5b-d9cb-469f-a165-70867728950e"
    for call in (
        idp.describe_point_in_time_recovery,
        idp.start_point_in_time_recovery,
        idp.cancel_point_in_time_recovery,
    ):
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool["Id"], RestoreId=missing)
        assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.list_point_in_time_recoveries(UserPoolId="us-east-1_nosuchpool")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_bad_input(cognito, pool):
    raw = make_client(cognito.base_url, parameter_validation=False)
    for call, kwargs in (
        (raw.describe_point_in_time_recovery, {"UserPoolId": pool["Id"], "RestoreId": "not-a-uuid"}),
        (raw.start_point_in_time_recovery, {"UserPoolId": pool["Id"]}),
        (raw.initiate_point_in_time_recovery, {"UserPoolId": pool["Id"]}),
        (raw.list_point_in_time_recoveries, {"UserPoolId": pool["Id"], "MaxResults": 61}),
        (raw.list_point_in_time_recoveries, {"UserPoolId": pool["Id"], "NextToken": "garbage"}),
    ):
        with pytest.raises(ClientError) as exc:
            call(**kwargs)
        assert error(exc)[0] == "InvalidParameterException", kwargs


def test_passkeys_registered_and_deleted_since_the_point(cognito, idp):
    pool_id = idp.create_user_pool(
        PoolName=unique("passkeys"), Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
    )["UserPool"]["Id"]
    try:
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id, WebAuthnConfiguration={"RelyingPartyId": "example.com", "UserVerification": "preferred"}
        )
        client_id = new_client(idp, pool_id)["ClientId"]
        new_user(idp, pool_id, "ann")
        first, second = Authenticator(), Authenticator()

        def register(authenticator: Authenticator) -> None:
            access = tokens(idp, client_id, "ann")["AccessToken"]
            options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
            credential = authenticator.create(options, "https://example.com")
            idp.complete_web_authn_registration(AccessToken=access, Credential=credential)

        register(first)
        _age(cognito.data_dir, pool_id, HOUR)
        register(second)
        access = tokens(idp, client_id, "ann")["AccessToken"]
        idp.delete_web_authn_credential(AccessToken=access, CredentialId=first.id)
        restoration = _initiate(idp, pool_id)
        assert _preview(restoration)["Passkeys"] == (1, 0, 1)
        idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restoration["RestoreId"])
        listed = idp.list_web_authn_credentials(AccessToken=access)["Credentials"]
        assert [c["CredentialId"] for c in listed] == [first.id]
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


def test_a_username_taken_by_another_user_since_goes_back_to_the_first(cognito, idp, pool):
    pool_id = pool["Id"]
    new_user(idp, pool_id, "ada", attributes={"name": "First"})
    first_sub = _attrs(idp, pool_id, "ada")["sub"]
    _age(cognito.data_dir, pool_id, HOUR)
    idp.admin_delete_user(UserPoolId=pool_id, Username="ada")
    new_user(idp, pool_id, "ada", attributes={"name": "Second"})
    restoration = _initiate(idp, pool_id)
    assert _preview(restoration)["Users"] == (1, 0, 1)
    idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restoration["RestoreId"])
    restored = _attrs(idp, pool_id, "ada")
    assert (restored["sub"], restored["name"]) == (first_sub, "First")


def test_five_active_recoveries_an_account(cognito, idp):
    pool_ids = [idp.create_user_pool(PoolName=unique("many"))["UserPool"]["Id"] for _ in range(6)]
    try:
        for pool_id in pool_ids:
            _age(cognito.data_dir, pool_id, HOUR)
        for pool_id in pool_ids[:5]:
            _initiate(idp, pool_id)
        with pytest.raises(ClientError) as exc:
            _initiate(idp, pool_ids[5])
        assert error(exc)[0] == "LimitExceededException"
    finally:
        for pool_id in pool_ids:
            idp.delete_user_pool(UserPoolId=pool_id)


def test_a_new_password_cannot_be_set_while_writes_are_paused(cognito, idp, pool):
    pool_id = pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool_id, Username="newbie", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    _age(cognito.data_dir, pool_id, HOUR)
    restore_id = _initiate(idp, pool_id)["RestoreId"]
    challenge = password_auth(idp, client_id, "newbie", "Temp-Passw0rd!")
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"

    def answer() -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": PASSWORD},
        )

    with pytest.raises(ClientError) as exc:
        answer()
    assert error(exc)[0] == "OperationNotEnabledException"
    idp.cancel_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)
    assert "AuthenticationResult" in answer()


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def with_lambda(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    running = start(Path(tmp_path_factory.mktemp("recovery-triggers")), "--lambda-endpoint", lam.endpoint)
    yield running
    assert running.stop() == 0


def test_a_user_migrated_at_sign_in_while_writes_are_paused_stays(with_lambda, lam):
    idp = make_client(with_lambda.base_url)
    pool_id = idp.create_user_pool(PoolName=unique("migration"), LambdaConfig={"UserMigration": ARN.format("migrate")})[
        "UserPool"
    ]["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "ada")
    _age(with_lambda.data_dir, pool_id, HOUR)
    new_user(idp, pool_id, "grace")  # after the point: the recovery deletes her
    restore_id = _initiate(idp, pool_id)["RestoreId"]
    lam.script(
        "migrate",
        respond(userAttributes={"email": "old@example.com"}, finalUserStatus="CONFIRMED", messageAction="SUPPRESS"),
    )
    password_auth(idp, client_id, "migrant")  # sign-in goes on, and the migrated user is created
    idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)
    names = {u["Username"] for u in idp.list_users(UserPoolId=pool_id)["Users"]}
    assert names == {"ada", "migrant"}
