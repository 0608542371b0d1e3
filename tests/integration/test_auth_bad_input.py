"""Bad input to the sign-in flows over the wire: AWS's errors and no change of state.

Lockout (COGNITO-FACTS §2.1), wrong / reused / expired codes and sessions, replayed SRP answers, malformed
tokens and tokens of another pool, the PASSWORD_VERIFIER exchange without a Session. After each refusal
the user's state is read back.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client, unique
from tests.integration.auth_support import (
    PASSWORD,
    age_sessions,
    claims,
    error,
    new_client,
    new_user,
    password_auth,
    tokens,
)
from tests.localcognito import LocalCognito, start
from tests.srp_client import SrpClient

WRONG = "Wr0ng-Passw0rd!"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
EXCEEDED = ("NotAuthorizedException", "Password attempts exceeded")
EXPIRED = ("NotAuthorizedException", "Invalid session for the user, session is expired.")
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::000000000000:role/sms", "ExternalId": "ext"}


def state(idp: Any, pool_id: str, username: str) -> tuple[str, bool, list[str]]:
    got = idp.admin_get_user(UserPoolId=pool_id, Username=username)
    return got["UserStatus"], got["Enabled"], got.get("UserMFASettingList", [])


def refused(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as exc:
        call(*args, **kwargs)
    return error(exc)


# -- lockout --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def movable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCognito]:
    """A local Cognito of this module's own whose clock the tests move forward (``--movable-clock``)."""
    server = start(tmp_path_factory.mktemp("movable-clock"), "--movable-clock")
    yield server
    assert server.stop() == 0


def test_lockout_back_off_doubles_and_is_not_extended(movable: LocalCognito) -> None:
    idp = make_client(movable.base_url)
    pool_id = idp.create_user_pool(PoolName="lockout")["UserPool"]["Id"]
    app = new_client(idp, pool_id)["ClientId"]
    new_user(idp, pool_id, "lock")
    for _ in range(5):
        assert refused(password_auth, idp, app, "lock", WRONG) == INCORRECT
    # Locked for 1 s: the right password and a wrong one are both refused, without extending it.
    assert refused(password_auth, idp, app, "lock") == EXCEEDED
    assert refused(password_auth, idp, app, "lock", WRONG) == EXCEEDED
    movable.advance_clock(1.2)
    # The lock is over (it was not extended); a sixth failure locks for 2 s.
    assert refused(password_auth, idp, app, "lock", WRONG) == INCORRECT
    assert refused(password_auth, idp, app, "lock") == EXCEEDED
    movable.advance_clock(1.2)
    assert refused(password_auth, idp, app, "lock") == EXCEEDED  # 2 s, not 1 s
    movable.advance_clock(1.0)
    assert password_auth(idp, app, "lock")["AuthenticationResult"]
    # A success resets the count: the next failure is an ordinary one.
    assert refused(password_auth, idp, app, "lock", WRONG) == INCORRECT
    assert password_auth(idp, app, "lock")["AuthenticationResult"]
    assert state(idp, pool_id, "lock")[:2] == ("CONFIRMED", True)


def test_the_clock_moves_only_forward_and_only_when_allowed(movable: LocalCognito, cognito: LocalCognito) -> None:
    before = httpx.get(f"{movable.base_url}/_emulator/clock").json()
    assert before["movable"] is True
    assert movable.advance_clock(60) >= before["now"] + 60
    for bad in ({"advance": -1}, {"advance": "soon"}, {"advance": True}, {"advance": 1e12}, []):
        r = httpx.post(f"{movable.base_url}/_emulator/clock", json=bad)
        assert r.status_code == 400
        assert r.json()["__type"] == "InvalidParameterException"
    refused_move = httpx.post(f"{cognito.base_url}/_emulator/clock", json={"advance": 1})
    assert refused_move.status_code == 403
    assert refused_move.json()["__type"] == "AccessDeniedException"
    assert httpx.get(f"{cognito.base_url}/_emulator/clock").json()["offset"] == 0


def test_lockout_covers_srp_and_admin_flows(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "lock2")
    for _ in range(5):
        assert refused(password_auth, idp, app, "lock2", WRONG) == INCORRECT
    srp = SrpClient(pool["Id"], "lock2", PASSWORD)
    step = idp.initiate_auth(
        ClientId=app, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "lock2", "SRP_A": srp.srp_a()}
    )
    assert (
        refused(
            idp.respond_to_auth_challenge,
            ClientId=app,
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.answer(step["ChallengeParameters"]),
        )
        == EXCEEDED
    )
    assert (
        refused(
            idp.admin_initiate_auth,
            UserPoolId=pool["Id"],
            ClientId=app,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "lock2", "PASSWORD": PASSWORD},
        )
        == EXCEEDED
    )


@pytest.mark.parametrize("flow", ["USER_PASSWORD_AUTH", "USER_SRP_AUTH"])
def test_lockout_does_not_tell_who_exists(idp, pool, flow):
    """Under PreventUserExistenceErrors an unknown username's answers follow a known user's: after five
    wrong passwords both answer "Password attempts exceeded" (were only real users locked out, the
    lockout would enumerate them; the Developer Guide's managing-errors page: the answers must not
    indicate whether the user exists)."""
    app = new_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    new_user(idp, pool["Id"], "known")

    def attempt(username: str) -> tuple[str, str]:
        if flow == "USER_PASSWORD_AUTH":
            return refused(password_auth, idp, app, username, WRONG)
        srp = SrpClient(pool["Id"], username, WRONG)
        step = idp.initiate_auth(
            ClientId=app, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": username, "SRP_A": srp.srp_a()}
        )
        return refused(
            idp.respond_to_auth_challenge,
            ClientId=app,
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.answer(step["ChallengeParameters"]),
        )

    answers = {name: [attempt(name) for _ in range(6)] for name in ("known", "nobody")}
    assert answers["known"] == answers["nobody"] == [INCORRECT] * 5 + [EXCEEDED]


# -- PASSWORD_VERIFIER ------------------------------------------------------------------------------------


def test_password_verifier_has_no_session(idp, pool):
    """AWS answers USER_SRP_AUTH without a Session (SECRET_BLOCK carries the state), as clients that send
    none (cognito-srp-helper, pycognito) and a measured comparison (ministack#1758) show."""
    app = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "vera")
    srp = SrpClient(pool["Id"], "vera", PASSWORD)
    step = idp.initiate_auth(
        ClientId=app, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "vera", "SRP_A": srp.srp_a()}
    )
    assert step["ChallengeName"] == "PASSWORD_VERIFIER"
    assert "Session" not in step
    answer = srp.answer(step["ChallengeParameters"])
    done = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer)
    assert done["AuthenticationResult"]["AccessToken"]
    # The same answer again is a replay: refused, no tokens.
    assert (
        refused(
            idp.respond_to_auth_challenge, ClientId=app, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer
        )
        == INCORRECT
    )
    # A block from another user's challenge cannot be answered as this user.
    new_user(idp, pool["Id"], "walt")
    other = SrpClient(pool["Id"], "walt", PASSWORD)
    theirs = idp.initiate_auth(
        ClientId=app, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "walt", "SRP_A": other.srp_a()}
    )["ChallengeParameters"]
    forged = srp.answer({**theirs, "USER_ID_FOR_SRP": "vera"})
    assert (
        refused(
            idp.respond_to_auth_challenge, ClientId=app, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=forged
        )
        == INCORRECT
    )


# -- codes and sessions -------------------------------------------------------------------------------------


@pytest.fixture
def sms_pool(idp: Any) -> Any:
    pool = idp.create_user_pool(
        PoolName=unique("sms"), MfaConfiguration="OFF", SmsConfiguration=SMS_CONFIG, AutoVerifiedAttributes=["email"]
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], MfaConfiguration="ON", SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIG}
    )
    yield pool["Id"]
    idp.delete_user_pool(UserPoolId=pool["Id"])


def sms_user(idp: Any, pool_id: str, name: str) -> None:
    new_user(idp, pool_id, name, attributes={"phone_number": "+15555550123", "phone_number_verified": "true"})
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username=name, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )


def answer_sms(idp: Any, app: str, session: str, name: str, code: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=app,
        ChallengeName="SMS_MFA",
        Session=session,
        ChallengeResponses={"USERNAME": name, "SMS_MFA_CODE": code},
    )


def test_wrong_and_reused_mfa_codes(idp, cognito, sms_pool):
    app = new_client(idp, sms_pool)["ClientId"]
    sms_user(idp, sms_pool, "mo")
    before = state(idp, sms_pool, "mo")
    step = password_auth(idp, app, "mo")
    assert step["ChallengeName"] == "SMS_MFA"
    code = cognito.outbox(sms_pool)[-1]["code"]
    wrong = "000000" if code != "000000" else "111111"
    assert refused(answer_sms, idp, app, step["Session"], "mo", wrong) == (
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
    )
    # The session survives a wrong code; the right one then signs in, once.
    assert answer_sms(idp, app, step["Session"], "mo", code)["AuthenticationResult"]
    assert refused(answer_sms, idp, app, step["Session"], "mo", code) == EXPIRED
    # A code of an earlier challenge does not answer a new one.
    again = password_auth(idp, app, "mo")
    new_code = cognito.outbox(sms_pool)[-1]["code"]
    if new_code != code:
        assert refused(answer_sms, idp, app, again["Session"], "mo", code)[0] == "CodeMismatchException"
    assert state(idp, sms_pool, "mo") == before


def test_three_wrong_codes_use_up_the_session(idp, cognito, sms_pool):
    app = new_client(idp, sms_pool)["ClientId"]
    sms_user(idp, sms_pool, "nia")
    step = password_auth(idp, app, "nia")
    code = cognito.outbox(sms_pool)[-1]["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        assert refused(answer_sms, idp, app, step["Session"], "nia", wrong)[0] == "CodeMismatchException"
    assert refused(answer_sms, idp, app, step["Session"], "nia", code) == EXPIRED


def test_expired_mfa_session(idp, cognito, sms_pool):
    app = new_client(idp, sms_pool)["ClientId"]
    sms_user(idp, sms_pool, "oz")
    step = password_auth(idp, app, "oz")
    code = cognito.outbox(sms_pool)[-1]["code"]
    age_sessions(cognito.data_dir, sms_pool, 3 * 60 + 1)
    assert refused(answer_sms, idp, app, step["Session"], "oz", code) == EXPIRED


def test_new_password_challenge_bad_passwords_change_nothing(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="pat", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    step = password_auth(idp, app, "pat", "Temp-Passw0rd!")

    def respond(new_password: str) -> Any:
        return idp.respond_to_auth_challenge(
            ClientId=app,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=step["Session"],
            ChallengeResponses={"USERNAME": "pat", "NEW_PASSWORD": new_password},
        )

    code, message = refused(respond, "shrt1A!")
    assert code == "InvalidPasswordException" and message.startswith("Password does not conform to policy")
    assert state(idp, pool["Id"], "pat")[0] == "FORCE_CHANGE_PASSWORD"
    # The temporary password still works; the new one does not yet.
    assert refused(password_auth, idp, app, "pat", PASSWORD) == INCORRECT
    assert respond(PASSWORD)["AuthenticationResult"]
    assert state(idp, pool["Id"], "pat")[0] == "CONFIRMED"
    assert refused(respond, PASSWORD) == EXPIRED  # single use


def test_challenge_name_must_match_the_session(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="quo", TemporaryPassword="Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    step = password_auth(idp, app, "quo", "Temp-Passw0rd!")
    code, _ = refused(
        idp.respond_to_auth_challenge,
        ClientId=app,
        ChallengeName="SMS_MFA",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": "quo", "SMS_MFA_CODE": "123456"},
    )
    assert code == "InvalidParameterException"
    assert state(idp, pool["Id"], "quo")[0] == "FORCE_CHANGE_PASSWORD"


# -- tokens ------------------------------------------------------------------------------------------------


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_malformed_and_tampered_access_tokens(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "rex")
    access = tokens(idp, app, "rex")["AccessToken"]
    header, payload, signature = access.split(".")
    tampered = ".".join([header, b64({**claims(access), "username": "someone-else"}), signature])
    unsigned = ".".join([b64({"alg": "none", "kid": "x"}), payload, ""])
    for bad in ("not-a-token", "a.b.c", tampered, unsigned, access[:-4] + "AAAA"):
        code, _ = refused(idp.get_user, AccessToken=bad)
        assert code == "NotAuthorizedException"
        assert refused(idp.global_sign_out, AccessToken=bad)[0] == "NotAuthorizedException"
    # Nothing was signed out by the refused calls.
    assert idp.get_user(AccessToken=access)["Username"] == "rex"


def test_tokens_of_another_pool(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "sia")
    other_pool = idp.create_user_pool(PoolName=unique("other"))["UserPool"]["Id"]
    try:
        other_app = new_client(idp, other_pool)["ClientId"]
        new_user(idp, other_pool, "sia")
        mine = tokens(idp, app, "sia")
        assert refused(
            idp.initiate_auth,
            ClientId=other_app,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": mine["RefreshToken"]},
        ) == ("NotAuthorizedException", "Invalid Refresh Token.")
        assert refused(idp.get_tokens_from_refresh_token, ClientId=other_app, RefreshToken=mine["RefreshToken"]) == (
            "NotAuthorizedException",
            "Invalid Refresh Token.",
        )
        # A token of the other pool's user does not act on this pool's user of the same name.
        theirs = tokens(idp, other_app, "sia")
        idp.global_sign_out(AccessToken=theirs["AccessToken"])
        assert idp.get_user(AccessToken=mine["AccessToken"])["Username"] == "sia"
        refreshed = idp.initiate_auth(
            ClientId=app, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": mine["RefreshToken"]}
        )
        assert refreshed["AuthenticationResult"]["AccessToken"]
    finally:
        idp.delete_user_pool(UserPoolId=other_pool)


def test_refresh_token_garbage_and_revoked(idp, pool):
    app = new_client(idp, pool["Id"])["ClientId"]
    new_user(idp, pool["Id"], "tao")
    mine = tokens(idp, app, "tao")
    for bad in ("garbage", mine["RefreshToken"][:-8] + "AAAAAAAA", "a.b.c.d.e"):
        assert refused(
            idp.initiate_auth, ClientId=app, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": bad}
        ) == ("NotAuthorizedException", "Invalid Refresh Token.")
    idp.revoke_token(Token=mine["RefreshToken"], ClientId=app)
    code, _ = refused(
        idp.initiate_auth,
        ClientId=app,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": mine["RefreshToken"]},
    )
    assert code == "NotAuthorizedException"
    assert state(idp, pool["Id"], "tao")[:2] == ("CONFIRMED", True)
