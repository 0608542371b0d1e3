"""CUSTOM_AUTH over the wire: Define/Create/VerifyAuthChallenge through the fake Lambda Invoke API.

Multi-round challenges, failAuthentication, issueTokens, SRP_A inside CUSTOM_AUTH (COGNITO-FACTS §3),
the Define trigger's ``session`` list, privateChallengeParameters handed to Verify, ClientMetadata, and
unknown users with and without PreventUserExistenceErrors.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.fake_lambda import Fail, FakeLambda, Garbage
from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user
from tests.integration.trigger_support import ARN, make_pool, user_status
from tests.srp_client import SrpClient

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
CUSTOM = {
    "DefineAuthChallenge": ARN.format("define"),
    "CreateAuthChallenge": ARN.format("create"),
    "VerifyAuthChallengeResponse": ARN.format("verify"),
}


# -- the scripted functions: a quiz of up to three questions, SRP first when the client starts with it --


def define(event: dict[str, Any]) -> dict[str, Any]:
    session = event["request"]["session"]
    custom = [s for s in session if s["challengeName"] == "CUSTOM_CHALLENGE"]
    response = event["response"]
    if session == [{"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None}]:
        response.update(challengeName="PASSWORD_VERIFIER", issueTokens=False, failAuthentication=False)
    elif custom and custom[-1]["challengeResult"]:
        response.update(issueTokens=True, failAuthentication=False)
    elif len(custom) >= 3:
        response.update(issueTokens=False, failAuthentication=True)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
    return event


def create(event: dict[str, Any]) -> dict[str, Any]:
    n = len(event["request"]["session"])
    event["response"] = {
        "publicChallengeParameters": {"question": f"{n} + 2"},
        "privateChallengeParameters": {"answer": str(n + 2)},
        "challengeMetadata": f"QUIZ-{n}",
    }
    return event


def verify(event: dict[str, Any]) -> dict[str, Any]:
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"] = {"answerCorrect": event["request"]["challengeAnswer"] == expected}
    return event


def quiz(lam: FakeLambda) -> None:
    lam.script("define", define)
    lam.script("create", create)
    lam.script("verify", verify)


def start_custom(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(
        ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": username, **params}
    )


def answer(idp: Any, client_id: str, session: str, username: str, value: str, **kwargs: Any) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="CUSTOM_CHALLENGE",
        Session=session,
        ChallengeResponses={"USERNAME": username, "ANSWER": value},
        **kwargs,
    )


# -- tests --------------------------------------------------------------------------------------------


def test_multi_round_challenge_and_the_events(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "quinn", attributes={"email": "quinn@example.com"})
    quiz(fresh)
    first = start_custom(idp, client_id, "quinn", IGNORED="x")
    assert first["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert first["ChallengeParameters"] == {"question": "0 + 2", "USERNAME": "quinn"}
    second = answer(idp, client_id, first["Session"], "quinn", "5", ClientMetadata={"app": "web"})
    assert second["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert second["ChallengeParameters"]["question"] == "1 + 2"
    assert second["Session"] != first["Session"]
    done = answer(idp, client_id, second["Session"], "quinn", "3")
    assert claims(done["AuthenticationResult"]["IdToken"])["cognito:username"] == "quinn"

    defines = fresh.events("define")
    assert [e["request"]["session"] for e in defines] == [
        [],
        [{"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "QUIZ-0"}],
        [
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "QUIZ-0"},
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "QUIZ-1"},
        ],
    ]
    first_define = defines[0]
    assert first_define["triggerSource"] == "DefineAuthChallenge_Authentication"
    assert first_define["userName"] == "quinn"
    assert first_define["callerContext"]["clientId"] == client_id
    attrs = first_define["request"]["userAttributes"]
    assert attrs["email"] == "quinn@example.com" and attrs["cognito:user_status"] == "CONFIRMED" and attrs["sub"]
    assert first_define["request"]["userNotFound"] is False
    # InitiateAuth's ClientMetadata reaches none of these; RespondToAuthChallenge's reaches them all.
    assert "clientMetadata" not in first_define["request"]
    assert defines[1]["request"]["clientMetadata"] == {"app": "web"}

    creates = fresh.events("create")
    assert creates[0]["triggerSource"] == "CreateAuthChallenge_Authentication"
    assert creates[0]["request"]["challengeName"] == "CUSTOM_CHALLENGE"
    assert creates[0]["request"]["session"] == []
    assert creates[1]["request"]["session"] == defines[1]["request"]["session"]

    verifies = fresh.events("verify")
    assert [v["request"]["challengeAnswer"] for v in verifies] == ["5", "3"]
    assert [v["request"]["privateChallengeParameters"] for v in verifies] == [{"answer": "2"}, {"answer": "3"}]
    assert verifies[0]["triggerSource"] == "VerifyAuthChallengeResponse_Authentication"
    assert verifies[0]["request"]["clientMetadata"] == {"app": "web"}
    assert "clientMetadata" not in verifies[1]["request"]


def test_fail_authentication_after_three_wrong_answers(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "rory")
    quiz(fresh)
    step = start_custom(idp, client_id, "rory")
    for wrong in ("9", "9"):
        step = answer(idp, client_id, step["Session"], "rory", wrong)
        assert step["ChallengeName"] == "CUSTOM_CHALLENGE"
    last = step["Session"]
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, last, "rory", "9")
    assert error(exc) == INCORRECT
    # The answered session is used up, even though the sign-in failed.
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, last, "rory", "4")
    assert error(exc) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
    assert user_status(idp, pool_id, "rory") == ("CONFIRMED", True)


def test_issue_tokens_without_any_challenge_and_fail_at_once(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "sam")
    fresh.script("define", lambda e: {**e, "response": {"issueTokens": True, "failAuthentication": False}})
    result = start_custom(idp, client_id, "sam")
    assert result["AuthenticationResult"]["AccessToken"]
    assert fresh.events("create") == []
    fresh.script("define", lambda e: {**e, "response": {"issueTokens": False, "failAuthentication": True}})
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "sam")
    assert error(exc) == INCORRECT


def test_srp_inside_custom_auth(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "tess")
    quiz(fresh)
    srp = SrpClient(pool_id, "tess", PASSWORD)
    step = start_custom(idp, client_id, "tess", SRP_A=srp.srp_a(), CHALLENGE_NAME="SRP_A")
    assert step["ChallengeName"] == "PASSWORD_VERIFIER"
    assert step["ChallengeParameters"]["USER_ID_FOR_SRP"] == "tess"
    assert fresh.events("create") == []  # Cognito's own challenge: no CreateAuthChallenge
    responses = srp.answer(step["ChallengeParameters"])
    step = idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses
    )
    assert step["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert step["ChallengeParameters"]["question"] == "2 + 2"
    done = answer(idp, client_id, step["Session"], "tess", "4")
    assert done["AuthenticationResult"]["IdToken"]
    sessions = [e["request"]["session"] for e in fresh.events("define")]
    srp_entries = [
        {"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None},
        {"challengeName": "PASSWORD_VERIFIER", "challengeResult": True, "challengeMetadata": None},
    ]
    assert sessions[0] == srp_entries[:1]
    assert sessions[1] == srp_entries
    assert sessions[2] == [
        *srp_entries,
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "QUIZ-2"},
    ]


def test_srp_inside_custom_auth_wrong_password(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "uma")
    quiz(fresh)
    srp = SrpClient(pool_id, "uma", "Wr0ng-Passw0rd!")
    step = start_custom(idp, client_id, "uma", SRP_A=srp.srp_a(), CHALLENGE_NAME="SRP_A")
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.answer(step["ChallengeParameters"]),
        )
    assert error(exc) == INCORRECT
    assert len(fresh.events("define")) == 1  # the Define trigger never saw a passed verifier


def test_define_may_skip_the_password_after_srp_a(idp, fresh):
    """SRP_A offered but the Define trigger goes straight to a custom challenge: Define runs once."""
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "vic")
    fresh.script("define", lambda e: {**e, "response": {"challengeName": "CUSTOM_CHALLENGE"}})
    fresh.script("create", create)
    srp = SrpClient(pool_id, "vic", PASSWORD)
    step = start_custom(idp, client_id, "vic", SRP_A=srp.srp_a(), CHALLENGE_NAME="SRP_A")
    assert step["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert len(fresh.events("define")) == 1
    (created,) = fresh.events("create")
    assert created["request"]["session"] == [
        {"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None}
    ]


def test_unknown_user_legacy_is_user_not_found_without_triggers(idp, fresh):
    _, client_id = make_pool(idp, CUSTOM)
    quiz(fresh)
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "nobody")
    assert error(exc) == ("UserNotFoundException", "User does not exist.")
    assert fresh.calls == []


def test_unknown_user_with_prevent_user_existence_errors(idp, fresh):
    """The triggers run with userNotFound true; even a right answer ends in NotAuthorized."""
    pool_id, _ = make_pool(idp, CUSTOM)
    client_id = new_client(idp, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]
    quiz(fresh)
    step = start_custom(idp, client_id, "ghost")
    assert step["ChallengeName"] == "CUSTOM_CHALLENGE"
    assert step["ChallengeParameters"] == {"question": "0 + 2", "USERNAME": "ghost"}
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, step["Session"], "ghost", "2")
    assert error(exc) == INCORRECT
    for function in ("define", "create", "verify"):
        events = fresh.events(function)
        assert events and all(e["request"]["userNotFound"] is True for e in events)
        assert all(e["request"]["userAttributes"] == {} for e in events)
        assert all(e["userName"] == "ghost" for e in events)
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool_id, Username="ghost")


def test_trigger_errors_reach_the_caller(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "wes")
    quiz(fresh)
    fresh.script("define", Fail("no quiz today"))
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "wes")
    assert error(exc) == ("UserLambdaValidationException", "DefineAuthChallenge failed with error no quiz today.")
    fresh.script("define", define)
    fresh.script("create", Garbage())
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "wes")
    assert error(exc) == ("InvalidLambdaResponseException", "Unrecognizable lambda output")
    fresh.script("create", create)
    step = start_custom(idp, client_id, "wes")
    fresh.script("verify", Fail("boom"))
    with pytest.raises(ClientError) as exc:
        answer(idp, client_id, step["Session"], "wes", "2")
    assert error(exc) == ("UserLambdaValidationException", "VerifyAuthChallengeResponse failed with error boom.")
    # The failed request changed nothing: the same session still takes the right answer.
    fresh.script("verify", verify)
    assert answer(idp, client_id, step["Session"], "wes", "2")["AuthenticationResult"]


def test_unknown_challenge_name_from_define(idp, fresh):
    pool_id, client_id = make_pool(idp, CUSTOM)
    new_user(idp, pool_id, "xan")
    fresh.script("define", lambda e: {**e, "response": {"challengeName": "NOT_A_CHALLENGE"}})
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "xan")
    assert error(exc) == ("InvalidLambdaResponseException", "Unrecognizable lambda output")


def test_custom_flow_must_be_allowed(idp, fresh):
    pool_id, _ = make_pool(idp, CUSTOM)
    client_id = new_client(idp, pool_id, ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])[
        "ClientId"
    ]
    new_user(idp, pool_id, "yve")
    with pytest.raises(ClientError) as exc:
        start_custom(idp, client_id, "yve")
    assert error(exc) == ("InvalidParameterException", "CUSTOM_AUTH flow not enabled for this client")
    assert fresh.calls == []
