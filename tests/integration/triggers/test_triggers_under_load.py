"""Triggers while other requests come and go: how a sign-in runs its steps depends on load (auth.py does
short arithmetic inside the step when the request is alone, workers.py hands it off when others wait),
and none of that may show: each function is invoked once, and what a step wrote survives as before."""

from __future__ import annotations

import concurrent.futures
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.fake_lambda import Fail, FakeLambda, Sleep
from tests.integration.auth_support import error, new_user, password_auth
from tests.integration.trigger_support import ARN, make_pool, respond


def test_a_trigger_is_invoked_once_when_load_changes_during_its_call(idp: Any, fresh: FakeLambda) -> None:
    # alice's PostAuthentication is slow; bob signs in while it runs, so alice's sign-in is replayed
    # (invocations.py) under other load than its first attempt saw.
    pool_id, client_id = make_pool(idp, {"PostAuthentication": ARN.format("post")})
    new_user(idp, pool_id, "alice")
    new_user(idp, pool_id, "bob")
    fresh.script("post", Sleep(0.5))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        alice = pool.submit(password_auth, idp, client_id, "alice")
        time.sleep(0.15)
        bob = pool.submit(password_auth, idp, client_id, "bob")
        assert alice.result()["AuthenticationResult"]["AccessToken"]
        assert bob.result()["AuthenticationResult"]["AccessToken"]
    names = sorted(event["userName"] for event in fresh.events("post"))
    assert names == ["alice", "bob"]


def test_a_migrated_user_stays_when_a_later_trigger_refuses_the_sign_in(idp: Any, fresh: FakeLambda) -> None:
    pool_id, client_id = make_pool(
        idp, {"UserMigration": ARN.format("migrate"), "PostAuthentication": ARN.format("post")}
    )
    fresh.script(
        "migrate",
        respond(
            userAttributes={"email": "mig@example.com", "email_verified": "true"},
            finalUserStatus="CONFIRMED",
            messageAction="SUPPRESS",
        ),
    )
    fresh.script("post", Fail("post auth failed"))
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client_id, "mig")
    assert error(exc) == ("UserLambdaValidationException", "PostAuthentication failed with error post auth failed.")
    # The migration was its own committed step before, and still is: the user is there.
    got = idp.admin_get_user(UserPoolId=pool_id, Username="mig")
    assert got["UserStatus"] == "CONFIRMED"
    assert len(fresh.events("migrate")) == 1
