"""Security review of sign-in: each test pins a defect found in review (it failed before its fix)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.integration.auth_support import PASSWORD, error, new_client, new_user
from tests.integration.test_mfa import code_for, totp_pool
from tests.integration.test_srp import answer, respond


def _password_sign_in(idp: Any, client_id: str, name: str) -> dict[str, Any]:
    out: dict[str, Any] = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD}
    )
    return out


def test_mfa_setup_session_needs_its_own_verified_token(idp: Any) -> None:
    """An MFA_SETUP Session answered without VerifySoftwareToken on it must not give tokens, even when
    the user has meanwhile set up an authenticator through another sign-in (MFA would be skipped)."""
    pool = totp_pool(idp, "ON")
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "mallory-target")
    attacker = _password_sign_in(idp, client["ClientId"], "mallory-target")
    assert attacker["ChallengeName"] == "MFA_SETUP"
    # The owner sets up an authenticator through a sign-in of their own.
    owner = _password_sign_in(idp, client["ClientId"], "mallory-target")
    associated = idp.associate_software_token(Session=owner["Session"])
    verified = idp.verify_software_token(Session=associated["Session"], UserCode=code_for(associated["SecretCode"]))
    idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="MFA_SETUP",
        Session=verified["Session"],
        ChallengeResponses={"USERNAME": "mallory-target"},
    )
    # The first Session never verified a code: no tokens for it.
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="MFA_SETUP",
            Session=attacker["Session"],
            ChallengeResponses={"USERNAME": "mallory-target"},
        )
    assert error(exc)[0] == "NotAuthorizedException"


def test_srp_answer_refused_for_a_disabled_user_cannot_be_replayed(idp: Any, pool: dict[str, Any]) -> None:
    """A PASSWORD_VERIFIER answer is single-use even when it was refused for the user's state."""
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "replay-me")
    _, responses = answer(idp, pool["Id"], client["ClientId"], "replay-me")
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="replay-me")
    with pytest.raises(ClientError) as exc:
        respond(idp, client["ClientId"], responses)
    assert error(exc) == ("NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="replay-me")
    with pytest.raises(ClientError) as exc:
        respond(idp, client["ClientId"], responses)
    assert error(exc)[0] == "NotAuthorizedException"
