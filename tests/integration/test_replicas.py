"""User pool replicas: Create/Update/Delete/ListUserPoolReplicas, and what a secondary replica serves to
requests signed for its Region (the same pool and users as the primary; reads always, sign-in once
ACTIVE, writes only in the primary Region)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests import fake_lambda
from tests.conftest import make_client, unique
from tests.fake_lambda import FakeLambda
from tests.integration.auth_support import PASSWORD, error, new_client, new_user, password_auth
from tests.integration.trigger_support import ARN, respond
from tests.localcognito import LocalCognito, start

SECONDARY = "eu-west-1"


def _regional(base_url: str, region: str, **config: Any) -> Any:
    """A cognito-idp client whose requests are signed for ``region``, as a user's client in that Region."""
    return boto3.client(
        "cognito-idp",
        endpoint_url=base_url,
        region_name=region,
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 1}, **config),
    )


@pytest.fixture
def secondary(cognito: Any) -> Any:
    return _regional(cognito.base_url, SECONDARY)


def _admin_sign_in(client: Any, pool_id: str, client_id: str, username: str) -> dict[str, Any]:
    result: dict[str, Any] = client.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return result


def test_create_and_list(idp, pool):
    created = idp.create_user_pool_replica(
        UserPoolId=pool["Id"], RegionName=SECONDARY, UserPoolTags={"team": "identity"}
    )["UserPoolReplica"]
    assert created == {
        "RegionName": SECONDARY,
        "Status": "CREATING",
        "Role": "SECONDARY",
        "UserPoolArn": f"arn:aws:cognito-idp:{SECONDARY}:000000000000:userpool/{pool['Id']}",
    }
    listed = idp.list_user_pool_replicas(UserPoolId=pool["Id"])
    assert "NextToken" not in listed
    assert [(r["RegionName"], r["Role"], r["Status"]) for r in listed["UserPoolReplicas"]] == [
        ("us-east-1", "PRIMARY", "ACTIVE"),
        (SECONDARY, "SECONDARY", "INACTIVE"),
    ]
    assert listed["UserPoolReplicas"][0]["UserPoolArn"] == pool["Arn"]


def test_create_refusals(idp, pool):
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName="us-east-1")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName="not a region")
    assert error(exc)[0] == "InvalidParameterException"
    idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName="ap-southeast-2")
    assert error(exc)[0] == "LimitExceededException"
    with pytest.raises(ClientError) as exc:
        idp.create_user_pool_replica(UserPoolId="us-east-1_nosuchpool", RegionName=SECONDARY)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_lite_pools_cannot_replicate(idp):
    pool_id = idp.create_user_pool(PoolName=unique("lite"), UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        with pytest.raises(ClientError) as exc:
            idp.create_user_pool_replica(UserPoolId=pool_id, RegionName=SECONDARY)
        assert error(exc)[0] == "FeatureUnavailableInTierException"
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


def test_bad_input(cognito, pool):
    raw = make_client(cognito.base_url, parameter_validation=False)
    for call, kwargs in (
        (raw.create_user_pool_replica, {"UserPoolId": pool["Id"], "RegionName": "eu"}),
        (raw.create_user_pool_replica, {"UserPoolId": pool["Id"]}),
        (raw.update_user_pool_replica, {"UserPoolId": pool["Id"], "RegionName": SECONDARY, "Status": "CREATING"}),
        (raw.delete_user_pool_replica, {"UserPoolId": "bad id", "RegionName": SECONDARY}),
        (raw.list_user_pool_replicas, {"UserPoolId": pool["Id"], "NextToken": "garbage"}),
    ):
        with pytest.raises(ClientError) as exc:
            call(**kwargs)
        assert error(exc)[0] == "InvalidParameterException", kwargs


def test_the_secondary_shares_the_pool_and_refuses_writes(idp, pool, secondary):
    idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    client_id = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "ada")
    # The same pool, the same users: reads in the secondary Region see what the primary wrote.
    described = secondary.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["Id"] == pool["Id"]
    assert described["Arn"] == pool["Arn"].replace("us-east-1", SECONDARY, 1)
    assert secondary.admin_get_user(UserPoolId=pool["Id"], Username="ada")["Username"] == "ada"
    new_user(idp, pool["Id"], "grace")
    names = {u["Username"] for u in secondary.list_users(UserPoolId=pool["Id"])["Users"]}
    assert names == {"ada", "grace"}
    replicas = secondary.list_user_pool_replicas(UserPoolId=pool["Id"])["UserPoolReplicas"]
    assert [r["Role"] for r in replicas] == ["PRIMARY", "SECONDARY"]

    for write in (
        lambda: secondary.admin_create_user(UserPoolId=pool["Id"], Username="linus"),
        lambda: secondary.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username="ada", UserAttributes=[{"Name": "name", "Value": "Ada"}]
        ),
        lambda: secondary.create_group(UserPoolId=pool["Id"], GroupName="admins"),
        lambda: secondary.delete_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY),
        lambda: secondary.create_user_pool_replica(UserPoolId=pool["Id"], RegionName="ap-south-1"),
    ):
        with pytest.raises(ClientError) as exc:
            write()
        assert error(exc)[0] == "OperationNotEnabledException"
    assert "name" not in {
        a["Name"] for a in idp.admin_get_user(UserPoolId=pool["Id"], Username="ada")["UserAttributes"]
    }

    # An INACTIVE secondary signs nobody in; an ACTIVE one does, with the pool's tokens.
    with pytest.raises(ClientError) as exc:
        _admin_sign_in(secondary, pool["Id"], client_id, "ada")
    assert error(exc)[0] == "OperationNotEnabledException"
    activated = secondary.update_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY, Status="ACTIVE")
    assert activated["UserPoolReplica"]["Status"] == "ACTIVE"
    signed_in = _admin_sign_in(secondary, pool["Id"], client_id, "ada")["AuthenticationResult"]
    assert idp.get_user(AccessToken=signed_in["AccessToken"])["Username"] == "ada"


def test_delete(idp, pool, secondary):
    idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    idp.update_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY, Status="ACTIVE")
    with pytest.raises(ClientError) as exc:
        idp.delete_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    assert error(exc)[0] == "InvalidParameterException"
    idp.update_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY, Status="INACTIVE")
    deleted = idp.delete_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)["UserPoolReplica"]
    assert (deleted["Status"], deleted["Role"]) == ("DELETING", "SECONDARY")
    assert [r["Role"] for r in idp.list_user_pool_replicas(UserPoolId=pool["Id"])["UserPoolReplicas"]] == ["PRIMARY"]
    # Without its replica the Region is the primary's again: writes signed for it are served.
    secondary.admin_create_user(UserPoolId=pool["Id"], Username="linus", MessageAction="SUPPRESS")
    for call in (idp.delete_user_pool_replica, idp.update_user_pool_replica):
        kwargs = {"Status": "ACTIVE"} if call == idp.update_user_pool_replica else {}
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool["Id"], RegionName=SECONDARY, **kwargs)
        assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.update_user_pool_replica(UserPoolId=pool["Id"], RegionName="us-east-1", Status="INACTIVE")
    assert error(exc)[0] == "InvalidParameterException"


def test_other_regions_are_served_by_the_primary(cognito, pool):
    elsewhere = _regional(cognito.base_url, "ap-south-1")
    elsewhere.admin_create_user(UserPoolId=pool["Id"], Username="hopper", MessageAction="SUPPRESS")
    assert elsewhere.admin_get_user(UserPoolId=pool["Id"], Username="hopper")["Username"] == "hopper"


def test_deleting_the_pool_deletes_its_replicas(idp):
    pool_id = idp.create_user_pool(PoolName=unique("gone"))["UserPool"]["Id"]
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName=SECONDARY)
    idp.delete_user_pool(UserPoolId=pool_id)
    with pytest.raises(ClientError) as exc:
        idp.list_user_pool_replicas(UserPoolId=pool_id)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_a_secondary_sets_no_new_passwords(idp, pool, secondary):
    idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    idp.update_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY, Status="ACTIVE")
    client_id = new_client(idp, pool["Id"])["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="newbie", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    challenge = secondary.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "newbie", "PASSWORD": "Temp-Passw0rd!"},
    )
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    with pytest.raises(ClientError) as exc:
        secondary.admin_respond_to_auth_challenge(
            UserPoolId=pool["Id"],
            ClientId=client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "newbie", "NEW_PASSWORD": PASSWORD},
        )
    assert error(exc)[0] == "OperationNotEnabledException"


def test_a_replica_keeps_its_own_tags(idp, pool, secondary):
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"owner": "primary"})
    replica_arn = idp.create_user_pool_replica(
        UserPoolId=pool["Id"], RegionName=SECONDARY, UserPoolTags={"team": "identity"}
    )["UserPoolReplica"]["UserPoolArn"]
    assert idp.list_tags_for_resource(ResourceArn=replica_arn)["Tags"] == {"team": "identity"}
    secondary.tag_resource(ResourceArn=replica_arn, Tags={"cost": "eu"})
    secondary.untag_resource(ResourceArn=replica_arn, TagKeys=["team"])
    assert secondary.list_tags_for_resource(ResourceArn=replica_arn)["Tags"] == {"cost": "eu"}
    assert idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"owner": "primary"}
    elsewhere = replica_arn.replace(SECONDARY, "ap-south-1")
    with pytest.raises(ClientError) as exc:
        idp.list_tags_for_resource(ResourceArn=elsewhere)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_a_replica_keeps_its_own_regional_settings(idp, pool, secondary):
    primary_email = {"EmailSendingAccount": "COGNITO_DEFAULT", "ReplyToEmailAddress": "help@example.com"}
    idp.update_user_pool(UserPoolId=pool["Id"], EmailConfiguration=primary_email)
    idp.create_user_pool_replica(UserPoolId=pool["Id"], RegionName=SECONDARY)
    # The replica starts with the primary's settings.
    seen = secondary.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert seen["EmailConfiguration"]["ReplyToEmailAddress"] == "help@example.com"

    regional_email = {"EmailSendingAccount": "COGNITO_DEFAULT", "ReplyToEmailAddress": "eu-help@example.com"}
    secondary.update_user_pool(UserPoolId=pool["Id"], EmailConfiguration=regional_email, DeletionProtection="ACTIVE")
    seen = secondary.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert seen["EmailConfiguration"]["ReplyToEmailAddress"] == "eu-help@example.com"
    primary = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert primary["EmailConfiguration"]["ReplyToEmailAddress"] == "help@example.com"
    assert primary.get("DeletionProtection", "INACTIVE") == "INACTIVE"  # not a regional setting: ignored there

    # The primary's own changes leave the replica's settings as they are.
    idp.update_user_pool(
        UserPoolId=pool["Id"],
        EmailConfiguration={"EmailSendingAccount": "COGNITO_DEFAULT", "ReplyToEmailAddress": "new@example.com"},
    )
    seen = secondary.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert seen["EmailConfiguration"]["ReplyToEmailAddress"] == "eu-help@example.com"


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def with_lambda(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    running = start(Path(tmp_path_factory.mktemp("replica-triggers")), "--lambda-endpoint", lam.endpoint)
    yield running
    assert running.stop() == 0


def test_a_secondary_runs_its_own_triggers(with_lambda, lam):
    lam.reset()
    primary = make_client(with_lambda.base_url)
    secondary = _regional(with_lambda.base_url, SECONDARY)
    pool_id = primary.create_user_pool(
        PoolName=unique("triggers"), LambdaConfig={"PreAuthentication": ARN.format("primary-pre")}
    )["UserPool"]["Id"]
    client_id = new_client(primary, pool_id)["ClientId"]
    new_user(primary, pool_id, "ada")
    for name in ("primary-pre", "regional-pre"):
        lam.script(name, respond())
    primary.create_user_pool_replica(UserPoolId=pool_id, RegionName=SECONDARY)
    secondary.update_user_pool(UserPoolId=pool_id, LambdaConfig={"PreAuthentication": ARN.format("regional-pre")})
    secondary.update_user_pool_replica(UserPoolId=pool_id, RegionName=SECONDARY, Status="ACTIVE")

    _admin_sign_in(secondary, pool_id, client_id, "ada")
    password_auth(primary, client_id, "ada")
    assert len(lam.events("regional-pre")) == 1
    assert len(lam.events("primary-pre")) == 1
    described = primary.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["LambdaConfig"]["PreAuthentication"] == ARN.format("primary-pre")
