"""Step-up authentication in USER_AUTH: TARGET_ACR_VALUES asks for a level, Cognito challenges for the
factor it still needs, and the tokens' acr / amr say what was done; with an ACCESS_TOKEN only the missing
factor is asked for."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from botocore.exceptions import ClientError

from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user
from tests.integration.passkey_support import Authenticator

LOA1, LOA3 = "urn:cognito:loa:1", "urn:cognito:loa:3"


@pytest.fixture
def step_up_pool(idp: Any) -> Iterator[dict[str, Any]]:
    pool = idp.create_user_pool(
        PoolName=f"step-up-{uuid.uuid4().hex[:6]}",
        AutoVerifiedAttributes=["email"],
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL"
    )
    yield pool
    idp.delete_user_pool(UserPoolId=pool["Id"])


def _start(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params})


def _respond(idp: Any, client_id: str, answer: Any, **responses: str) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName=answer["ChallengeName"],
        Session=answer["Session"],
        ChallengeResponses=responses,
    )


def _user_with_authenticator(idp: Any, pool_id: str, client_id: str, username: str) -> pyotp.TOTP:
    new_user(idp, pool_id, username, attributes={"email": f"{username}@example.com", "email_verified": "true"})
    token = _start(idp, client_id, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    access = token["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    totp = pyotp.TOTP(secret)
    idp.verify_software_token(AccessToken=access, UserCode=totp.now())
    idp.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    return totp


def _email_code(cognito: Any, pool_id: str, username: str) -> str:
    sent = [m for m in cognito.outbox(pool_id) if m["destination"] == f"{username}@example.com"]
    return str(sent[-1]["code"])


def _signed_in_with_a_code(cognito: Any, idp: Any, pool_id: str, client_id: str, username: str, **params: str) -> Any:
    first = _start(idp, client_id, username, PREFERRED_CHALLENGE="EMAIL_OTP", **params)
    assert first["ChallengeName"] == "EMAIL_OTP"
    return _respond(idp, client_id, first, USERNAME=username, EMAIL_OTP_CODE=_email_code(cognito, pool_id, username))


def test_a_code_alone_is_level_1_without_a_target(cognito: Any, idp: Any, step_up_pool: dict[str, Any]) -> None:
    pool_id = step_up_pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    _user_with_authenticator(idp, pool_id, client_id, "ann")
    done = _signed_in_with_a_code(cognito, idp, pool_id, client_id, "ann")
    assert "acr" not in claims(done["AuthenticationResult"]["AccessToken"])
    at_level_1 = _signed_in_with_a_code(cognito, idp, pool_id, client_id, "ann", TARGET_ACR_VALUES=LOA1)
    access = claims(at_level_1["AuthenticationResult"]["AccessToken"])
    assert (access["acr"], access["amr"]) == (LOA1, ["otp"])


def test_a_level_above_the_first_factor_asks_for_mfa(cognito: Any, idp: Any, step_up_pool: dict[str, Any]) -> None:
    pool_id = step_up_pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    totp = _user_with_authenticator(idp, pool_id, client_id, "bea")
    stepped = _signed_in_with_a_code(cognito, idp, pool_id, client_id, "bea", TARGET_ACR_VALUES=f"{LOA3} {LOA1}")
    # The code was a first factor; level 3 needs a second one: the authenticator is asked for.
    assert stepped["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = _respond(idp, client_id, stepped, USERNAME="bea", SOFTWARE_TOKEN_MFA_CODE=totp.at(time.time() + 30))
    id_claims = claims(done["AuthenticationResult"]["IdToken"])
    access = claims(done["AuthenticationResult"]["AccessToken"])
    assert id_claims["acr"] == access["acr"] == LOA3
    assert access["amr"] == ["otp", "mfa"]


def test_an_access_token_counts_and_only_the_missing_factor_is_asked(
    cognito: Any, idp: Any, step_up_pool: dict[str, Any]
) -> None:
    pool_id = step_up_pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    totp = _user_with_authenticator(idp, pool_id, client_id, "cy")
    first = _signed_in_with_a_code(cognito, idp, pool_id, client_id, "cy", TARGET_ACR_VALUES=LOA1)
    access_token = first["AuthenticationResult"]["AccessToken"]
    stepped = _start(idp, client_id, "cy", ACCESS_TOKEN=access_token, TARGET_ACR_VALUES=LOA3)
    assert stepped["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = _respond(idp, client_id, stepped, USERNAME="cy", SOFTWARE_TOKEN_MFA_CODE=totp.at(time.time() + 30))
    access = claims(done["AuthenticationResult"]["AccessToken"])
    assert (access["acr"], access["amr"]) == (LOA3, ["otp", "mfa"])
    assert access["auth_time"] == claims(access_token)["auth_time"]
    # MAX_AGE: a sign-in older than that is no credit; the user signs in afresh.
    time.sleep(1.1)
    fresh = _start(idp, client_id, "cy", ACCESS_TOKEN=access_token, TARGET_ACR_VALUES=LOA3, MAX_AGE="0")
    assert fresh["ChallengeName"] == "SELECT_CHALLENGE"


def test_bad_step_up_requests(cognito: Any, idp: Any, step_up_pool: dict[str, Any]) -> None:
    pool_id = step_up_pool["Id"]
    client_id = new_client(idp, pool_id)["ClientId"]
    _user_with_authenticator(idp, pool_id, client_id, "dee")
    _user_with_authenticator(idp, pool_id, client_id, "eve")
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "dee", TARGET_ACR_VALUES="urn:example:gold")
    assert error(exc)[0] == "InvalidParameterException"
    token = _signed_in_with_a_code(cognito, idp, pool_id, client_id, "dee")["AuthenticationResult"]["AccessToken"]
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "dee", ACCESS_TOKEN=token)
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "eve", ACCESS_TOKEN=token, TARGET_ACR_VALUES=LOA3)
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        _start(idp, client_id, "dee", ACCESS_TOKEN="not-a-token", TARGET_ACR_VALUES=LOA3)
    assert error(exc)[0] == "NotAuthorizedException"
    # Another app client's token vouches for nothing here, even at a level it already reached.
    other_client = new_client(idp, pool_id)["ClientId"]
    with pytest.raises(ClientError) as exc:
        _start(idp, other_client, "dee", ACCESS_TOKEN=token, TARGET_ACR_VALUES=LOA1)
    assert error(exc) == ("NotAuthorizedException", "The ACCESS_TOKEN was not issued for this app client.")
    # Names the pool does not know are ignored when one it knows is there.
    assert _start(idp, client_id, "dee", TARGET_ACR_VALUES=f"urn:example:gold {LOA1}")["ChallengeName"] == (
        "SELECT_CHALLENGE"
    )


def test_a_passkey_then_mfa_reaches_level_4(idp: Any) -> None:
    pool_id = idp.create_user_pool(
        PoolName=f"step-up-passkeys-{uuid.uuid4().hex[:6]}",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}},
    )["UserPool"]["Id"]
    try:
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            WebAuthnConfiguration={"RelyingPartyId": "example.com", "UserVerification": "preferred"},
            MfaConfiguration="OPTIONAL",
        )
        client_id = new_client(idp, pool_id)["ClientId"]
        new_user(idp, pool_id, "gus")
        signed_in = _start(idp, client_id, "gus", PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
        access = signed_in["AuthenticationResult"]["AccessToken"]
        key = Authenticator()
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        idp.complete_web_authn_registration(AccessToken=access, Credential=key.create(options, "https://example.com"))
        totp = pyotp.TOTP(idp.associate_software_token(AccessToken=access)["SecretCode"])
        idp.verify_software_token(AccessToken=access, UserCode=totp.now())
        idp.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True})

        def passkey(**params: str) -> Any:
            first = _start(idp, client_id, "gus", PREFERRED_CHALLENGE="WEB_AUTHN", **params)
            assert first["ChallengeName"] == "WEB_AUTHN"
            request = json.loads(first["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
            credential = json.dumps(key.get(request, "https://example.com"))
            return _respond(idp, client_id, first, USERNAME="gus", CREDENTIAL=credential)

        # Level 2 is what a passkey reaches: tokens at once.
        at_2 = claims(passkey(TARGET_ACR_VALUES="urn:cognito:loa:2")["AuthenticationResult"]["AccessToken"])
        assert (at_2["acr"], at_2["amr"]) == ("urn:cognito:loa:2", ["hwk"])
        # Level 4 needs a second factor after the passkey.
        stepped_up = passkey(TARGET_ACR_VALUES="urn:cognito:loa:4 urn:cognito:loa:2")
        assert stepped_up["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
        done = _respond(idp, client_id, stepped_up, USERNAME="gus", SOFTWARE_TOKEN_MFA_CODE=totp.at(time.time() + 30))
        at_4 = claims(done["AuthenticationResult"]["AccessToken"])
        assert (at_4["acr"], at_4["amr"]) == ("urn:cognito:loa:4", ["hwk", "otp", "mfa"])
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
