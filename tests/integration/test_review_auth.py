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


def test_device_srp_with_a_not_remembered_device_does_not_skip_mfa(idp: Any) -> None:
    """DEVICE_SRP_AUTH offered for a remembered device, answered with another device of the user that is
    not remembered: MFA may only be skipped on remembered devices."""
    import warnings

    from tests.integration.test_devices import ALWAYS, confirm, device_sign_in, srp_for
    from tests.integration.test_mfa import enrol
    from tests.integration.test_self_service import FLOWS, make_user
    from tests.integration.test_signup import new_client as signup_client
    from tests.integration.test_signup import new_pool

    pool = new_pool(idp, DeviceConfiguration=ALWAYS)
    client = signup_client(idp, pool["Id"], ExplicitAuthFlows=[*FLOWS, "ALLOW_USER_SRP_AUTH"])
    name = make_user(idp, pool)
    home = device_sign_in(idp, pool, client, name)
    confirm(idp, home, "home")
    shared = device_sign_in(idp, pool, client, name)
    shared_password, _ = confirm(idp, shared, "shared")
    idp.update_device_status(
        AccessToken=shared.token, DeviceKey=shared.device_key, DeviceRememberedStatus="not_remembered"
    )
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    enrol(idp, home.token)
    idp.set_user_mfa_preference(
        AccessToken=home.token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    srp = srp_for(idp, pool, client, name, shared, shared_password)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        started = srp.get_auth_params()
        started["DEVICE_KEY"] = home.device_key  # the remembered device's key: not a secret
        first = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=started)
        second = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses={
                **srp.process_challenge(first["ChallengeParameters"], started),
                "DEVICE_KEY": home.device_key,
            },
        )
        assert second["ChallengeName"] == "DEVICE_SRP_AUTH"
        with pytest.raises(ClientError) as exc:
            third = idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_SRP_AUTH",
                Session=second["Session"],
                ChallengeResponses={
                    "USERNAME": name,
                    "DEVICE_KEY": shared.device_key,
                    "SRP_A": format(srp.large_a_value, "x"),
                },
            )
            idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_PASSWORD_VERIFIER",
                ChallengeResponses=srp.process_device_challenge(third["ChallengeParameters"]),
            )
    assert error(exc)[0] in ("NotAuthorizedException", "ResourceNotFoundException")


@pytest.mark.parametrize("change", ["reset", "new_password"])
def test_mfa_session_ends_when_the_password_is_reset_or_changed(idp: Any, change: str) -> None:
    """A sign-in waiting for its MFA code is over once an administrator resets or sets the password."""
    from tests.integration.test_mfa import enrol
    from tests.integration.test_self_service import FLOWS, access_token, make_user, sign_in
    from tests.integration.test_signup import new_client as signup_client

    pool = totp_pool(idp)
    client = signup_client(idp, pool["Id"], ExplicitAuthFlows=FLOWS)
    name = make_user(idp, pool, email="mfa-user@example.com", email_verified="true")
    token = access_token(idp, pool, client, name)
    secret = enrol(idp, token)
    idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    pending = sign_in(idp, pool, client, name)
    assert pending["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    if change == "reset":
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username=name)
    else:
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password="N3w-Passw0rd!!", Permanent=True)
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=pending["Session"],
            ChallengeResponses={"USERNAME": name, "SOFTWARE_TOKEN_MFA_CODE": code_for(secret)},
        )
    assert error(exc)[0] in ("NotAuthorizedException", "PasswordResetRequiredException")


def test_new_password_session_ends_when_the_temporary_password_is_replaced(idp: Any, pool: dict[str, Any]) -> None:
    """NEW_PASSWORD_REQUIRED from an old temporary password cannot set a password once an administrator
    issued a new temporary password."""
    client = new_client(idp, pool["Id"])
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="temp-user", TemporaryPassword="Old-Temp-Passw0rd!", MessageAction="SUPPRESS"
    )
    pending = idp.initiate_auth(
        ClientId=client["ClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "temp-user", "PASSWORD": "Old-Temp-Passw0rd!"},
    )
    assert pending["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    idp.admin_set_user_password(
        UserPoolId=pool["Id"], Username="temp-user", Password="New-Temp-Passw0rd!", Permanent=False
    )
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=pending["Session"],
            ChallengeResponses={"USERNAME": "temp-user", "NEW_PASSWORD": PASSWORD},
        )
    assert error(exc)[0] == "NotAuthorizedException"


def test_reset_required_user_with_prevent_user_existence_errors(idp: Any, pool: dict[str, Any]) -> None:
    """COGNITO-FACTS §5.3 / import: a RESET_REQUIRED user signing in gets PasswordResetRequiredException,
    or NotAuthorizedException when PreventUserExistenceErrors is ENABLED (as an unknown user would)."""
    client = new_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")
    new_user(idp, pool["Id"], "reset-me", attributes={"email": "reset-me@example.com", "email_verified": "true"})
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="reset-me")
    with pytest.raises(ClientError) as exc:
        _password_sign_in(idp, client["ClientId"], "reset-me")
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")
    legacy = new_client(idp, pool["Id"], PreventUserExistenceErrors="LEGACY")
    with pytest.raises(ClientError) as exc:
        _password_sign_in(idp, legacy["ClientId"], "reset-me")
    assert error(exc)[0] == "PasswordResetRequiredException"


@pytest.mark.parametrize("flow", ["USER_PASSWORD_AUTH", "USER_AUTH"])
def test_wrong_secret_hash_does_not_tell_who_exists(idp: Any, pool: dict[str, Any], flow: str) -> None:
    """With PreventUserExistenceErrors, a caller without the client secret gets the same answer for a
    user who exists and one who does not (the SECRET_HASH is checked either way)."""
    client = new_client(idp, pool["Id"], GenerateSecret=True, PreventUserExistenceErrors="ENABLED")
    new_user(idp, pool["Id"], "known-user")
    answers = []
    for name in ("known-user", "nobody-here"):
        params = {"USERNAME": name, "SECRET_HASH": "d3JvbmctaGFzaA=="}
        if flow == "USER_PASSWORD_AUTH":
            params["PASSWORD"] = "Wr0ng-Password!"
        with pytest.raises(ClientError) as exc:
            idp.initiate_auth(ClientId=client["ClientId"], AuthFlow=flow, AuthParameters=params)
        answers.append(error(exc))
    assert (
        answers[0]
        == answers[1]
        == (
            "NotAuthorizedException",
            f"Unable to verify secret hash for client {client['ClientId']}",
        )
    )


def test_device_forgotten_during_device_srp_cannot_sign_in(idp: Any) -> None:
    """A device forgotten (or no longer remembered) between DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER
    no longer proves anything: its answer gives no tokens."""
    import warnings

    from tests.integration.test_devices import ALWAYS, confirm, device_sign_in, srp_for
    from tests.integration.test_self_service import FLOWS, make_user
    from tests.integration.test_signup import new_client as signup_client
    from tests.integration.test_signup import new_pool

    pool = new_pool(idp, DeviceConfiguration=ALWAYS)
    client = signup_client(idp, pool["Id"], ExplicitAuthFlows=[*FLOWS, "ALLOW_USER_SRP_AUTH"])
    name = make_user(idp, pool)
    signed = device_sign_in(idp, pool, client, name)
    device_password, _ = confirm(idp, signed)
    srp = srp_for(idp, pool, client, name, signed, device_password)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        params = srp.get_auth_params()
        first = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=params)
        second = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.process_challenge(first["ChallengeParameters"], params),
        )
        assert second["ChallengeName"] == "DEVICE_SRP_AUTH"
        third = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="DEVICE_SRP_AUTH",
            Session=second["Session"],
            ChallengeResponses={
                "USERNAME": name,
                "DEVICE_KEY": signed.device_key,
                "SRP_A": format(srp.large_a_value, "x"),
            },
        )
        idp.admin_forget_device(UserPoolId=pool["Id"], Username=name, DeviceKey=signed.device_key)
        with pytest.raises(ClientError) as exc:
            idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_PASSWORD_VERIFIER",
                ChallengeResponses=srp.process_device_challenge(third["ChallengeParameters"]),
            )
    assert error(exc)[0] == "NotAuthorizedException"
