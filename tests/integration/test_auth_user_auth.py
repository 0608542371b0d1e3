"""USER_AUTH (choice-based sign-in): SELECT_CHALLENGE, PREFERRED_CHALLENGE, PASSWORD, PASSWORD_SRP, EMAIL_OTP,
and the simulated challenges unknown users get under PreventUserExistenceErrors (COGNITO-FACTS §2, §5)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user
from tests.srp_client import SrpClient

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


@pytest.fixture
def choice_pool(idp: Any) -> Any:
    pool = idp.create_user_pool(
        PoolName="choice",
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
    )["UserPool"]
    yield pool
    idp.delete_user_pool(UserPoolId=pool["Id"])


def start(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params})


def respond(idp: Any, client_id: str, name: str, session: str, **responses: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName=name, Session=session, ChallengeResponses=responses
    )


def test_select_challenge_lists_what_the_user_can_do(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "ann", attributes={"email": "ann@example.com", "email_verified": "true"})
    new_user(idp, choice_pool["Id"], "ben")  # no email: no EMAIL_OTP
    first = start(idp, client["ClientId"], "ann")
    assert first["ChallengeName"] == "SELECT_CHALLENGE"
    assert first["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
    assert start(idp, client["ClientId"], "ben")["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    done = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="SELECT_CHALLENGE",
        Session=first["Session"],
        ChallengeResponses={"USERNAME": "ann", "ANSWER": "PASSWORD", "PASSWORD": PASSWORD},
    )
    assert claims(done["AuthenticationResult"]["AccessToken"])["username"] == "ann"


def test_preferred_password_inline(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "cy")
    done = start(idp, client["ClientId"], "cy", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert "AccessToken" in done["AuthenticationResult"]
    with pytest.raises(ClientError) as exc:
        start(idp, client["ClientId"], "cy", PREFERRED_CHALLENGE="PASSWORD", PASSWORD="Wr0ng-Password!")
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


def test_password_challenge_then_password(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "dee")
    first = start(idp, client["ClientId"], "dee")
    second = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="SELECT_CHALLENGE",
        Session=first["Session"],
        ChallengeResponses={"USERNAME": "dee", "ANSWER": "PASSWORD"},
    )
    assert second["ChallengeName"] == "PASSWORD"
    done = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="PASSWORD",
        Session=second["Session"],
        ChallengeResponses={"USERNAME": "dee", "PASSWORD": PASSWORD},
    )
    assert "AccessToken" in done["AuthenticationResult"]


def test_preferred_password_srp(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "eve")
    srp = AWSSRP("eve", PASSWORD, choice_pool["Id"], client["ClientId"], client=idp)
    params = srp.get_auth_params()
    started = start(idp, client["ClientId"], "eve", PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=params["SRP_A"])
    assert started["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(started["ChallengeParameters"], params)
    done = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses
    )
    assert "AccessToken" in done["AuthenticationResult"]


def test_email_otp_first_factor(cognito: Any, idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "fox", attributes={"email": "fox@example.com", "email_verified": "true"})
    started = start(idp, client["ClientId"], "fox", PREFERRED_CHALLENGE="EMAIL_OTP")
    assert started["ChallengeName"] == "EMAIL_OTP"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "EMAIL"
    assert started["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"].startswith("f***@")
    code = [m for m in cognito.outbox(choice_pool["Id"]) if m["destination"] == "fox@example.com"][-1]["code"]
    wrong = "0" * len(code) if code != "0" * len(code) else "1" * len(code)
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="EMAIL_OTP",
            Session=started["Session"],
            ChallengeResponses={"USERNAME": "fox", "EMAIL_OTP_CODE": wrong},
        )
    assert error(exc) == ("CodeMismatchException", "Invalid code or auth state for the user.")
    # A wrong code leaves the session usable.
    done = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="EMAIL_OTP",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "fox", "EMAIL_OTP_CODE": code},
    )
    assert claims(done["AuthenticationResult"]["IdToken"])["email"] == "fox@example.com"


def test_user_auth_must_be_enabled(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"], ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    new_user(idp, choice_pool["Id"], "gwen")
    with pytest.raises(ClientError) as exc:
        start(idp, client["ClientId"], "gwen")
    assert error(exc) == ("InvalidParameterException", "USER_AUTH flow not enabled for this client")


def test_unavailable_answer_is_refused(idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    new_user(idp, choice_pool["Id"], "hu")
    first = start(idp, client["ClientId"], "hu")
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="SELECT_CHALLENGE",
            Session=first["Session"],
            ChallengeResponses={"USERNAME": "hu", "ANSWER": "EMAIL_OTP"},
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_sign_in_with_the_session_of_confirm_sign_up(cognito: Any, idp: Any, choice_pool: dict[str, Any]) -> None:
    client = new_client(idp, choice_pool["Id"])
    signed_up = idp.sign_up(
        ClientId=client["ClientId"],
        Username="neo",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "neo@example.com"}],
    )
    code = [m for m in cognito.outbox(choice_pool["Id"]) if m["destination"] == "neo@example.com"][-1]["code"]
    confirmed = idp.confirm_sign_up(
        ClientId=client["ClientId"], Username="neo", ConfirmationCode=code, Session=signed_up["Session"]
    )
    done = idp.initiate_auth(
        ClientId=client["ClientId"],
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "neo"},
        Session=confirmed["Session"],
    )
    assert claims(done["AuthenticationResult"]["AccessToken"])["username"] == "neo"
    with pytest.raises(ClientError) as exc:  # single use
        idp.initiate_auth(
            ClientId=client["ClientId"],
            AuthFlow="USER_AUTH",
            AuthParameters={"USERNAME": "neo"},
            Session=confirmed["Session"],
        )
    assert error(exc) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


# -- unknown users under PreventUserExistenceErrors ------------------------------------------------------------


def test_user_auth_unknown_user_gets_a_simulated_select_challenge(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    new_user(idp, choice_pool["Id"], "real-one")  # a password only
    real = start(idp, client_id, "real-one")
    ghost = start(idp, client_id, "nobody-home")
    assert ghost["ChallengeName"] == real["ChallengeName"] == "SELECT_CHALLENGE"
    assert ghost["AvailableChallenges"] == real["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    assert ghost["ChallengeParameters"] == real["ChallengeParameters"]
    assert ghost["Session"]
    # Any password answer to the simulated session is refused as a wrong password would be.
    with pytest.raises(ClientError) as exc:
        respond(idp, client_id, "SELECT_CHALLENGE", ghost["Session"], USERNAME="nobody-home", ANSWER="PASSWORD",
                PASSWORD=PASSWORD)  # fmt: skip
    assert error(exc) == INCORRECT
    # An unavailable choice is refused exactly as for the real user.
    answers = []
    for name, first in (("real-one", real), ("nobody-home", start(idp, client_id, "nobody-home"))):
        with pytest.raises(ClientError) as exc:
            respond(idp, client_id, "SELECT_CHALLENGE", first["Session"], USERNAME=name, ANSWER="EMAIL_OTP")
        answers.append(error(exc))
    assert answers[0] == answers[1]


def test_user_auth_unknown_user_password_challenge_then_incorrect(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    first = start(idp, client_id, "nobody-home")
    step = respond(idp, client_id, "SELECT_CHALLENGE", first["Session"], USERNAME="nobody-home", ANSWER="PASSWORD")
    assert step["ChallengeName"] == "PASSWORD"
    with pytest.raises(ClientError) as exc:
        respond(idp, client_id, "PASSWORD", step["Session"], USERNAME="nobody-home", PASSWORD=PASSWORD)
    assert error(exc) == INCORRECT
    # PREFERRED_CHALLENGE with a password: refused at once, as for a real user's wrong password.
    with pytest.raises(ClientError) as exc:
        start(idp, client_id, "nobody-home", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert error(exc) == INCORRECT


def test_user_auth_unknown_user_srp_choice_is_simulated(idp: Any, choice_pool: dict[str, Any]) -> None:
    client_id = new_client(idp, choice_pool["Id"], PreventUserExistenceErrors="ENABLED")["ClientId"]
    first = start(idp, client_id, "nobody-home")
    srp = SrpClient(choice_pool["Id"], "nobody-home", PASSWORD)
    step = respond(
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
        start(idp, client_id, "nobody-home")
    assert error(exc) == ("UserNotFoundException", "User does not exist.")
