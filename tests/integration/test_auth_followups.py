"""Review follow-ups on sign-in: adaptive authentication's MFA decision survives a multi-request sign-in,
and USER_AUTH does not tell who exists when PreventUserExistenceErrors is ENABLED (COGNITO-FACTS §2, §5)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.integration import test_adaptive_auth
from tests.integration.auth_support import PASSWORD, error, new_client, new_user
from tests.integration.test_adaptive_auth import (
    AWAY,
    BLOCKED,
    HOME,
    admin_sign_in,
    context,
    events_of,
    fail_times,
    user_with_phone,
    user_without_mfa,
)
from tests.srp_client import SrpClient

TEMPORARY = "Tempor4ry-Pass!"
NEW = "N3w-Passw0rd-Here!"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
plus = test_adaptive_auth.plus  # the threat-protection pool fixture


def _force_new_password(idp: Any, pool_id: str, username: str) -> None:
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=TEMPORARY, Permanent=False)


def _answer_new_password(idp: Any, pool_id: str, client_id: str, username: str, step: dict[str, Any]) -> Any:
    return idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id,
        ClientId=client_id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=step["Session"],
        ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": NEW},
        ContextData=context(AWAY),
    )


# -- 1. adaptive authentication across requests ------------------------------------------------------


def test_low_risk_mfa_is_asked_after_the_new_password_challenge(idp: Any, plus: str, cognito: Any) -> None:
    """MFA_IF_CONFIGURED decided at the password step still applies when the sign-in continues after
    NEW_PASSWORD_REQUIRED in a later request: no tokens before the SMS code."""
    client_id = new_client(idp, plus)["ClientId"]
    user_with_phone(idp, plus, "pia")
    admin_sign_in(idp, plus, client_id, "pia", HOME)  # history: HOME is known
    _force_new_password(idp, plus, "pia")
    step = admin_sign_in(idp, plus, client_id, "pia", AWAY, TEMPORARY)  # new IP: Low
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    after = _answer_new_password(idp, plus, client_id, "pia", step)
    assert "AuthenticationResult" not in after
    assert after["ChallengeName"] == "SMS_MFA"
    sms = [m for m in cognito.outbox(plus) if m.get("channel") == "SMS"][-1]
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=plus,
        ClientId=client_id,
        ChallengeName="SMS_MFA",
        Session=after["Session"],
        ChallengeResponses={"USERNAME": "pia", "SMS_MFA_CODE": sms["code"]},
        ContextData=context(HOME),  # the decision travels with the session, not re-made here
    )
    assert done["AuthenticationResult"]["AccessToken"]
    latest = events_of(idp, plus, "pia")[0]
    assert latest["EventResponse"] == "Pass"
    assert latest["EventRisk"]["RiskLevel"] == "Low"
    assert latest["ChallengeResponses"][-1] == {"ChallengeName": "Mfa", "ChallengeResponse": "Success"}


def test_medium_risk_mfa_required_blocks_after_the_new_password_challenge(idp: Any, plus: str) -> None:
    """MFA_REQUIRED for a user without MFA blocks the sign-in, also when it continues after
    NEW_PASSWORD_REQUIRED; the new password is not kept."""
    client_id = new_client(idp, plus)["ClientId"]
    user_without_mfa(idp, plus, "quin")
    admin_sign_in(idp, plus, client_id, "quin", HOME)
    _force_new_password(idp, plus, "quin")
    fail_times(idp, plus, client_id, "quin", 3)
    step = admin_sign_in(idp, plus, client_id, "quin", AWAY, TEMPORARY)  # new IP + 3 failures: Medium
    assert step["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    with pytest.raises(ClientError) as exc:
        _answer_new_password(idp, plus, client_id, "quin", step)
    assert error(exc) == BLOCKED
    assert idp.admin_get_user(UserPoolId=plus, Username="quin")["UserStatus"] == "FORCE_CHANGE_PASSWORD"


# -- 2. USER_AUTH and PreventUserExistenceErrors ------------------------------------------------------


@pytest.fixture
def choice_pool(idp: Any) -> Any:
    pool = idp.create_user_pool(
        PoolName="choice-followups",
        UsernameConfiguration={"CaseSensitive": False},
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
    )["UserPool"]
    yield pool
    idp.delete_user_pool(UserPoolId=pool["Id"])


def _start(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params})


def _respond(idp: Any, client_id: str, name: str, session: str, **responses: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName=name, Session=session, ChallengeResponses=responses
    )


def test_user_auth_unknown_user_gets_a_simulated_select_challenge(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    new_user(idp, choice_pool["Id"], "real-one")  # a password only
    real = _start(idp, client_id, "real-one")
    ghost = _start(idp, client_id, "nobody-home")
    assert ghost["ChallengeName"] == real["ChallengeName"] == "SELECT_CHALLENGE"
    assert ghost["AvailableChallenges"] == real["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    assert ghost["ChallengeParameters"] == real["ChallengeParameters"]
    assert ghost["Session"]
    # Any password answer to the simulated session is refused as a wrong password would be.
    with pytest.raises(ClientError) as exc:
        _respond(idp, client_id, "SELECT_CHALLENGE", ghost["Session"], USERNAME="nobody-home", ANSWER="PASSWORD",
                 PASSWORD=PASSWORD)  # fmt: skip
    assert error(exc) == INCORRECT
    # An unavailable choice is refused exactly as for the real user.
    answers = []
    for name, first in (("real-one", real), ("nobody-home", _start(idp, client_id, "nobody-home"))):
        with pytest.raises(ClientError) as exc:
            _respond(idp, client_id, "SELECT_CHALLENGE", first["Session"], USERNAME=name, ANSWER="EMAIL_OTP")
        answers.append(error(exc))
    assert answers[0] == answers[1]


def test_user_auth_unknown_user_password_challenge_then_incorrect(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    first = _start(idp, client_id, "nobody-home")
    step = _respond(idp, client_id, "SELECT_CHALLENGE", first["Session"], USERNAME="nobody-home", ANSWER="PASSWORD")
    assert step["ChallengeName"] == "PASSWORD"
    with pytest.raises(ClientError) as exc:
        _respond(idp, client_id, "PASSWORD", step["Session"], USERNAME="nobody-home", PASSWORD=PASSWORD)
    assert error(exc) == INCORRECT
    # PREFERRED_CHALLENGE with a password: refused at once, as for a real user's wrong password.
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "nobody-home", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert error(exc) == INCORRECT


def test_user_auth_unknown_user_srp_choice_is_simulated(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    first = _start(idp, client_id, "nobody-home")
    srp = SrpClient(choice_pool["Id"], "nobody-home", PASSWORD)
    step = _respond(
        idp, client_id, "SELECT_CHALLENGE", first["Session"], USERNAME="nobody-home", ANSWER="PASSWORD_SRP",
        SRP_A=srp.srp_a(),
    )  # fmt: skip
    assert step["ChallengeName"] == "PASSWORD_VERIFIER"
    assert set(step["ChallengeParameters"]) == {"SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"}
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client_id,
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.answer(step["ChallengeParameters"]),
        )
    assert error(exc) == INCORRECT


def test_user_auth_unknown_user_legacy_still_user_not_found(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="LEGACY")["ClientId"]
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "nobody-home")
    assert error(exc) == ("UserNotFoundException", "User does not exist.")
