"""USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH and what every sign-in checks: client rules, user states,
SECRET_HASH, PreventUserExistenceErrors, the lockout, temporary passwords and NEW_PASSWORD_REQUIRED."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.integration.auth_support import (
    PASSWORD,
    age_sessions,
    age_temporary_password,
    claims,
    error,
    new_client,
    new_user,
    password_auth,
    secret_hash,
)


@pytest.fixture
def app(idp: Any, pool: dict[str, Any]) -> dict[str, Any]:
    return new_client(idp, pool["Id"])


def fails(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as exc:
        call(*args, **kwargs)
    return error(exc)


def test_user_password_auth_and_admin_flow(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "alice")
    result = password_auth(idp, app["ClientId"], "alice")
    assert set(result["AuthenticationResult"]) >= {"AccessToken", "IdToken", "RefreshToken", "ExpiresIn", "TokenType"}
    admin = idp.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=app["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )
    assert claims(admin["AuthenticationResult"]["AccessToken"])["username"] == "alice"
    legacy = idp.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=app["ClientId"],
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )
    assert "AccessToken" in legacy["AuthenticationResult"]


def test_wrong_password_and_unknown_user(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "bob")
    assert fails(password_auth, idp, app["ClientId"], "bob", "Wr0ng-Password!") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )
    assert fails(password_auth, idp, app["ClientId"], "nobody") == ("UserNotFoundException", "User does not exist.")
    hidden = new_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")
    assert fails(password_auth, idp, hidden["ClientId"], "nobody") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )


def test_flows_must_be_enabled(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "cat")
    srp_only = new_client(idp, pool["Id"], ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"])
    assert fails(password_auth, idp, srp_only["ClientId"], "cat") == (
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    )
    code, message = fails(
        idp.admin_initiate_auth,
        UserPoolId=pool["Id"],
        ClientId=srp_only["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cat", "PASSWORD": PASSWORD},
    )
    assert code == "InvalidParameterException" and "flow not enabled for this client" in message
    assert fails(
        idp.initiate_auth,
        ClientId=srp_only["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "cat", "PASSWORD": PASSWORD},
    ) == ("InvalidParameterException", "Initiate Auth method not supported.")
    assert fails(
        idp.initiate_auth, ClientId=srp_only["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "cat"}
    ) == ("InvalidParameterException", "Missing required parameter SRP_A")
    code, _ = fails(idp.initiate_auth, ClientId="a" * 26, AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "cat"})
    assert code == "ResourceNotFoundException"


def test_admin_flow_checks_the_pool(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    other = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    try:
        code, _ = fails(
            idp.admin_initiate_auth,
            UserPoolId=other,
            ClientId=app["ClientId"],
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "x", "PASSWORD": PASSWORD},
        )
        assert code == "ResourceNotFoundException"
    finally:
        idp.delete_user_pool(UserPoolId=other)


def test_secret_hash(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "dan")
    client = new_client(idp, pool["Id"], GenerateSecret=True)
    cid, secret = client["ClientId"], client["ClientSecret"]
    assert fails(password_auth, idp, cid, "dan") == (
        "NotAuthorizedException",
        f"Client {cid} is configured with secret but SECRET_HASH was not received",
    )
    assert fails(password_auth, idp, cid, "dan", SECRET_HASH=secret_hash(secret, "eve", cid)) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {cid}",
    )
    result = password_auth(idp, cid, "dan", SECRET_HASH=secret_hash(secret, "dan", cid))
    refresh = result["AuthenticationResult"]["RefreshToken"]
    code, _ = fails(
        idp.initiate_auth, ClientId=cid, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh}
    )
    assert code == "NotAuthorizedException"
    again = idp.initiate_auth(
        ClientId=cid,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": refresh, "SECRET_HASH": secret_hash(secret, "dan", cid)},
    )
    assert "AccessToken" in again["AuthenticationResult"]
    # A second secret works as well as the first.
    second = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=cid)["ClientSecretDescriptor"]
    password_auth(idp, cid, "dan", SECRET_HASH=secret_hash(second["ClientSecretValue"], "dan", cid))


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


def test_user_states(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "off")
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="off")
    assert fails(password_auth, idp, app["ClientId"], "off") == ("NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="off")
    password_auth(idp, app["ClientId"], "off")

    idp.sign_up(ClientId=app["ClientId"], Username="newbie", Password=PASSWORD)
    assert fails(password_auth, idp, app["ClientId"], "newbie") == (
        "UserNotConfirmedException",
        "User is not confirmed.",
    )
    assert fails(password_auth, idp, app["ClientId"], "newbie", "Wr0ng-Password!")[0] == "UserNotConfirmedException"
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="newbie")
    password_auth(idp, app["ClientId"], "newbie")

    new_user(idp, pool["Id"], "reset", attributes={"email": "reset@example.com", "email_verified": "true"})
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="reset")
    assert fails(password_auth, idp, app["ClientId"], "reset") == (
        "PasswordResetRequiredException",
        "Password reset required for the user",
    )


def test_reset_required_user_with_prevent_user_existence_errors(idp: Any, pool: dict[str, Any]) -> None:
    """COGNITO-FACTS §5.3 / import: a RESET_REQUIRED user signing in gets PasswordResetRequiredException,
    or NotAuthorizedException when PreventUserExistenceErrors is ENABLED (as an unknown user would)."""
    client = new_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")
    new_user(idp, pool["Id"], "reset-me", attributes={"email": "reset-me@example.com", "email_verified": "true"})
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="reset-me")
    with pytest.raises(ClientError) as exc:
        password_auth(idp, client["ClientId"], "reset-me")
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")
    legacy = new_client(idp, pool["Id"], PreventUserExistenceErrors="LEGACY")
    with pytest.raises(ClientError) as exc:
        password_auth(idp, legacy["ClientId"], "reset-me")
    assert error(exc)[0] == "PasswordResetRequiredException"


def test_lockout_after_repeated_failures(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "locky")
    for _ in range(5):
        assert (
            fails(password_auth, idp, app["ClientId"], "locky", "Wr0ng-Password!")[1]
            == "Incorrect username or password."
        )
    # The fifth failure locks the user (1 s): the right password is refused meanwhile.
    assert fails(password_auth, idp, app["ClientId"], "locky") == (
        "NotAuthorizedException",
        "Password attempts exceeded",
    )
    new_user(idp, pool["Id"], "free")
    password_auth(idp, app["ClientId"], "free")  # the lockout is per user


def test_new_password_required(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    idp.admin_create_user(
        UserPoolId=pool["Id"],
        Username="temp",
        TemporaryPassword="Temp0rary-Pass!",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "temp@example.com"}],
    )
    started = password_auth(idp, app["ClientId"], "temp", "Temp0rary-Pass!")
    assert started["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    params = started["ChallengeParameters"]
    assert json.loads(params["requiredAttributes"]) == []
    assert json.loads(params["userAttributes"])["email"] == "temp@example.com"
    assert params["USER_ID_FOR_SRP"] == "temp"
    session = started["Session"]
    code, message = fails(
        idp.respond_to_auth_challenge,
        ClientId=app["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=session,
        ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": "short"},
    )
    assert code == "InvalidPasswordException" and message.startswith("Password does not conform to policy")
    done = idp.respond_to_auth_challenge(
        ClientId=app["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=session,
        ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": PASSWORD, "userAttributes.name": "Tem Porary"},
    )
    assert claims(done["AuthenticationResult"]["IdToken"])["name"] == "Tem Porary"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="temp")["UserStatus"] == "CONFIRMED"
    # The session was used up; the new password works and the temporary one does not.
    assert fails(
        idp.respond_to_auth_challenge,
        ClientId=app["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=session,
        ChallengeResponses={"USERNAME": "temp", "NEW_PASSWORD": PASSWORD},
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
    password_auth(idp, app["ClientId"], "temp")
    assert fails(password_auth, idp, app["ClientId"], "temp", "Temp0rary-Pass!")[0] == "NotAuthorizedException"


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


def test_admin_new_password_challenge(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="adm", TemporaryPassword="Temp0rary-Pass!", MessageAction="SUPPRESS"
    )
    started = idp.admin_initiate_auth(
        UserPoolId=pool["Id"],
        ClientId=app["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "adm", "PASSWORD": "Temp0rary-Pass!"},
    )
    done = idp.admin_respond_to_auth_challenge(
        UserPoolId=pool["Id"],
        ClientId=app["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "adm", "NEW_PASSWORD": PASSWORD},
    )
    assert "AccessToken" in done["AuthenticationResult"]


def test_expired_temporary_password(cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="late", TemporaryPassword="Temp0rary-Pass!", MessageAction="SUPPRESS"
    )
    assert password_auth(idp, app["ClientId"], "late", "Temp0rary-Pass!")["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    age_temporary_password(cognito.data_dir, pool["Id"], "late", 8 * 86400)
    assert fails(password_auth, idp, app["ClientId"], "late", "Temp0rary-Pass!") == (
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
    )


def test_bad_sessions(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    for session in ("x" * 40, "A" * 200):
        assert fails(
            idp.respond_to_auth_challenge,
            ClientId=app["ClientId"],
            ChallengeName="SMS_MFA",
            Session=session,
            ChallengeResponses={"USERNAME": "a", "SMS_MFA_CODE": "123456"},
        ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def test_session_of_another_client_is_refused(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="two", TemporaryPassword="Temp0rary-Pass!", MessageAction="SUPPRESS"
    )
    started = password_auth(idp, app["ClientId"], "two", "Temp0rary-Pass!")
    other = new_client(idp, pool["Id"])
    assert fails(
        idp.respond_to_auth_challenge,
        ClientId=other["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "two", "NEW_PASSWORD": PASSWORD},
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def test_sign_in_by_email_alias(idp: Any) -> None:
    pool = idp.create_user_pool(PoolName="alias", AliasAttributes=["email"])["UserPool"]
    try:
        client = new_client(idp, pool["Id"])
        new_user(idp, pool["Id"], "zed", attributes={"email": "zed@example.com", "email_verified": "true"})
        result = password_auth(idp, client["ClientId"], "zed@example.com")
        assert claims(result["AuthenticationResult"]["AccessToken"])["username"] == "zed"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_sessions_expire(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    client = new_client(idp, pool["Id"], AuthSessionValidity=3)
    idp.admin_create_user(
        UserPoolId=pool["Id"], Username="slow", TemporaryPassword="Temp0rary-Pass!", MessageAction="SUPPRESS"
    )
    started = password_auth(idp, client["ClientId"], "slow", "Temp0rary-Pass!")
    age_sessions(cognito.data_dir, pool["Id"], 3 * 60 + 1)
    assert fails(
        idp.respond_to_auth_challenge,
        ClientId=client["ClientId"],
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "slow", "NEW_PASSWORD": PASSWORD},
    ) == ("NotAuthorizedException", "Invalid session for the user, session is expired.")
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="slow")["UserStatus"] == "FORCE_CHANGE_PASSWORD"
