"""User sessions: pool and app client session configuration, listing and revoking a user's token sessions and
hosted UI (SSO) sessions by the user and by an administrator, the limit of sessions per user, and revoked
sessions' tokens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client, unique
from tests.integration.auth_support import error, new_client, new_user, tokens
from tests.integration.hosted_ui_support import PASSWORD as HOSTED_PASSWORD
from tests.integration.hosted_ui_support import Browser, add_user, authorize_params, exchange, make_site, query_of

SESSION_ID = re.compile(r"^tkn[a-z0-9]{25}$")


def _enable(idp: Any, pool_id: str, max_per_user: int = 20) -> None:
    idp.set_user_pool_session_configuration(
        UserPoolId=pool_id, UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": max_per_user}
    )


def _signed_in(idp: Any, pool_id: str) -> tuple[str, str]:
    """(client id, username) of a new user of a new client."""
    client_id = new_client(idp, pool_id)["ClientId"]
    username = unique("user")
    new_user(idp, pool_id, username)
    return client_id, username


def _refresh(idp: Any, client_id: str, refresh_token: str) -> dict[str, Any]:
    result: dict[str, Any] = idp.initiate_auth(
        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh_token}
    )["AuthenticationResult"]
    return result


def test_pool_configuration_defaults_and_replacement(idp, pool):
    got = idp.get_user_pool_session_configuration(UserPoolId=pool["Id"])
    assert got["UserPoolId"] == pool["Id"]
    assert got["UserSessionTracking"] == "DISABLED"
    assert got["TokenSession"] == {"MaxPerUser": 20}
    answered = idp.set_user_pool_session_configuration(
        UserPoolId=pool["Id"], UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": 5}
    )
    assert answered["UserSessionTracking"] == "ENABLED"
    assert answered["TokenSession"] == {"MaxPerUser": 5}
    got = idp.get_user_pool_session_configuration(UserPoolId=pool["Id"])
    assert (got["UserSessionTracking"], got["TokenSession"]["MaxPerUser"]) == ("ENABLED", 5)


def test_client_configuration(idp, pool):
    client_id = new_client(idp, pool["Id"])["ClientId"]
    got = idp.get_user_pool_client_session_configuration(UserPoolId=pool["Id"], ClientId=client_id)
    assert got["SSOSession"] == {"MaxValidityMinutes": 60}
    assert got["ClientId"] == client_id
    with pytest.raises(ClientError) as exc:
        idp.set_user_pool_client_session_configuration(
            UserPoolId=pool["Id"], ClientId=client_id, SSOSession={"MaxValidityMinutes": 0}
        )
    assert error(exc)[0] == "OperationNotEnabledException"
    _enable(idp, pool["Id"])
    answered = idp.set_user_pool_client_session_configuration(
        UserPoolId=pool["Id"], ClientId=client_id, SSOSession={"MaxValidityMinutes": 0}
    )
    assert answered["SSOSession"] == {"MaxValidityMinutes": 0}
    got = idp.get_user_pool_client_session_configuration(UserPoolId=pool["Id"], ClientId=client_id)
    assert got["SSOSession"] == {"MaxValidityMinutes": 0}
    with pytest.raises(ClientError) as exc:
        idp.get_user_pool_client_session_configuration(UserPoolId=pool["Id"], ClientId="nosuchclient1234567890abc")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_lite_pools_cannot_track_sessions(idp):
    pool_id = idp.create_user_pool(PoolName=unique("lite"), UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        with pytest.raises(ClientError) as exc:
            _enable(idp, pool_id)
        assert error(exc)[0] == "FeatureUnavailableInTierException"
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)


def test_bad_configuration_input(cognito, pool):
    raw = make_client(cognito.base_url, parameter_validation=False)
    for kwargs in (
        {"UserSessionTracking": "ENABLED", "TokenSession": {"MaxPerUser": 0}},
        {"UserSessionTracking": "ENABLED", "TokenSession": {"MaxPerUser": 101}},
        {"UserSessionTracking": "MAYBE", "TokenSession": {"MaxPerUser": 3}},
        {"UserSessionTracking": "ENABLED", "TokenSession": {}},
        {"UserSessionTracking": "ENABLED"},
    ):
        with pytest.raises(ClientError) as exc:
            raw.set_user_pool_session_configuration(UserPoolId=pool["Id"], **kwargs)
        assert error(exc)[0] == "InvalidParameterException", kwargs
    with pytest.raises(ClientError) as exc:
        raw.set_user_pool_client_session_configuration(
            UserPoolId=pool["Id"], ClientId="abc", SSOSession={"MaxValidityMinutes": 129601}
        )
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        raw.get_user_pool_session_configuration(UserPoolId="us-east-1_nosuchpool")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        raw.revoke_user_session(AccessToken="abc", SessionId="tkn-not-an-id")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        raw.admin_revoke_user_session(
            UserPoolId=pool["Id"], Username="x", SessionId="tkn" + "a" * 25, RevokeAssociatedSessions="ALL"
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_listing_needs_tracking(idp, pool):
    client_id, username = _signed_in(idp, pool["Id"])
    access = tokens(idp, client_id, username)["AccessToken"]
    with pytest.raises(ClientError) as exc:
        idp.list_user_sessions(AccessToken=access)
    assert error(exc)[0] == "OperationNotEnabledException"
    with pytest.raises(ClientError) as exc:
        idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)
    assert error(exc)[0] == "OperationNotEnabledException"


def test_list_own_sessions(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    first = tokens(idp, client_id, username)
    second = tokens(idp, client_id, username)
    listed = idp.list_user_sessions(AccessToken=second["AccessToken"])
    sessions = listed["Sessions"]
    assert "NextToken" not in listed
    assert len(sessions) == 2
    for session in sessions:
        assert SESSION_ID.match(session["SessionId"])
        assert session["SessionType"] == "TOKEN"
        assert session["ClientId"] == client_id
        assert session["LastIPAddress"] == "127.0.0.1"
        assert "Boto3" in session["DeviceType"]
        assert session["LastActiveDate"] >= session["CreateDate"]
    assert [s["IsCurrentSession"] for s in sessions] == [True, False]  # most recently active first
    from_first = idp.list_user_sessions(AccessToken=first["AccessToken"])["Sessions"]
    assert [s["IsCurrentSession"] for s in from_first] == [False, True]
    # Another user's sessions are theirs alone.
    other = unique("other")
    new_user(idp, pool["Id"], other)
    tokens(idp, client_id, other)
    assert len(idp.list_user_sessions(AccessToken=second["AccessToken"])["Sessions"]) == 2
    admin = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"]
    assert {s["SessionId"] for s in admin} == {s["SessionId"] for s in sessions}
    assert not any(s["IsCurrentSession"] for s in admin)


def test_a_refresh_keeps_the_session(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    signed_in = tokens(idp, client_id, username)
    (before,) = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"]
    refreshed = _refresh(idp, client_id, signed_in["RefreshToken"])
    (after,) = idp.list_user_sessions(AccessToken=refreshed["AccessToken"])["Sessions"]
    assert after["SessionId"] == before["SessionId"]
    assert after["IsCurrentSession"] is True
    assert after["LastActiveDate"] >= before["LastActiveDate"]


def test_revoke_another_session_ends_its_tokens_at_once(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    phone = tokens(idp, client_id, username)
    laptop = tokens(idp, client_id, username)
    sessions = idp.list_user_sessions(AccessToken=laptop["AccessToken"])["Sessions"]
    (phone_session,) = [s["SessionId"] for s in sessions if not s["IsCurrentSession"]]
    (laptop_session,) = [s["SessionId"] for s in sessions if s["IsCurrentSession"]]

    with pytest.raises(ClientError) as exc:
        idp.revoke_user_session(AccessToken=laptop["AccessToken"], SessionId=laptop_session)
    assert error(exc)[0] == "InvalidParameterException"

    idp.revoke_user_session(AccessToken=laptop["AccessToken"], SessionId=phone_session)
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=phone["AccessToken"])
    assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError) as exc:
        _refresh(idp, client_id, phone["RefreshToken"])
    assert error(exc)[0] == "NotAuthorizedException"
    idp.get_user(AccessToken=laptop["AccessToken"])  # the caller's own session goes on
    remaining = idp.list_user_sessions(AccessToken=laptop["AccessToken"])["Sessions"]
    assert [s["SessionId"] for s in remaining] == [laptop_session]

    with pytest.raises(ClientError) as exc:  # already gone
        idp.revoke_user_session(AccessToken=laptop["AccessToken"], SessionId=phone_session)
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.revoke_user_session(AccessToken=laptop["AccessToken"], SessionId="tkn" + "0" * 25)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_a_user_cannot_revoke_another_users_session(idp, pool):
    _enable(idp, pool["Id"])
    client_id, alice = _signed_in(idp, pool["Id"])
    bob = unique("bob")
    new_user(idp, pool["Id"], bob)
    alice_tokens = tokens(idp, client_id, alice)
    bob_tokens = tokens(idp, client_id, bob)
    (bob_session,) = idp.list_user_sessions(AccessToken=bob_tokens["AccessToken"])["Sessions"]
    with pytest.raises(ClientError) as exc:
        idp.revoke_user_session(AccessToken=alice_tokens["AccessToken"], SessionId=bob_session["SessionId"])
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.admin_revoke_user_session(UserPoolId=pool["Id"], Username=alice, SessionId=bob_session["SessionId"])
    assert error(exc)[0] == "ResourceNotFoundException"
    idp.get_user(AccessToken=bob_tokens["AccessToken"])


def test_admin_revoke(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    signed_in = tokens(idp, client_id, username)
    (session,) = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"]
    idp.admin_revoke_user_session(
        UserPoolId=pool["Id"], Username=username, SessionId=session["SessionId"], RevokeAssociatedSessions="LINKED"
    )
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=signed_in["AccessToken"])
    assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    with pytest.raises(ClientError) as exc:
        _refresh(idp, client_id, signed_in["RefreshToken"])
    assert error(exc)[0] == "NotAuthorizedException"
    assert idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"] == []
    with pytest.raises(ClientError) as exc:
        idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="nobody-here")
    assert error(exc)[0] == "UserNotFoundException"


def test_the_least_recently_used_session_goes_beyond_the_limit(idp, pool):
    _enable(idp, pool["Id"], max_per_user=2)
    client_id, username = _signed_in(idp, pool["Id"])
    first = tokens(idp, client_id, username)
    second = tokens(idp, client_id, username)
    _refresh(idp, client_id, first["RefreshToken"])  # the first is now the more recently used
    third = tokens(idp, client_id, username)
    with pytest.raises(ClientError) as exc:
        idp.get_user(AccessToken=second["AccessToken"])
    assert error(exc) == ("NotAuthorizedException", "Access Token has been revoked")
    idp.get_user(AccessToken=first["AccessToken"])
    idp.get_user(AccessToken=third["AccessToken"])
    assert len(idp.list_user_sessions(AccessToken=third["AccessToken"])["Sessions"]) == 2
    # A lower limit takes effect at the next sign-in.
    _enable(idp, pool["Id"], max_per_user=1)
    assert len(idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"]) == 2
    fourth = tokens(idp, client_id, username)
    (only,) = idp.list_user_sessions(AccessToken=fourth["AccessToken"])["Sessions"]
    assert only["IsCurrentSession"] is True
    for old in (first, third):
        with pytest.raises(ClientError):
            idp.get_user(AccessToken=old["AccessToken"])


def test_global_sign_out_and_disabling_tracking(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    signed_in = tokens(idp, client_id, username)
    tokens(idp, client_id, username)
    idp.global_sign_out(AccessToken=signed_in["AccessToken"])
    assert idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"] == []
    kept = tokens(idp, client_id, username)
    idp.set_user_pool_session_configuration(
        UserPoolId=pool["Id"], UserSessionTracking="DISABLED", TokenSession={"MaxPerUser": 20}
    )
    idp.get_user(AccessToken=kept["AccessToken"])  # turning tracking off signs nobody out
    _enable(idp, pool["Id"])
    assert idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username=username)["Sessions"] == []


def test_a_revoked_refresh_token_ends_its_session(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    kept = tokens(idp, client_id, username)
    revoked = tokens(idp, client_id, username)
    idp.revoke_token(ClientId=client_id, Token=revoked["RefreshToken"])
    (session,) = idp.list_user_sessions(AccessToken=kept["AccessToken"])["Sessions"]
    assert session["IsCurrentSession"] is True


def test_a_deleted_app_client_ends_its_sessions(idp, pool):
    _enable(idp, pool["Id"])
    client_id, username = _signed_in(idp, pool["Id"])
    other_client = new_client(idp, pool["Id"])["ClientId"]
    tokens(idp, other_client, username)
    kept = tokens(idp, client_id, username)
    assert len(idp.list_user_sessions(AccessToken=kept["AccessToken"])["Sessions"]) == 2
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=other_client)
    (session,) = idp.list_user_sessions(AccessToken=kept["AccessToken"])["Sessions"]
    assert session["ClientId"] == client_id


# -- hosted UI (SSO) sessions ---------------------------------------------------------------------------


SSO_ID = re.compile(r"^sso[a-z0-9]{25}$")


def test_hosted_ui_sessions_are_listed_and_revocable(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    add_user(idp, pool_id, "alice")
    browser = Browser(cognito.base_url, site["domain"])
    try:
        signed_in = browser.sign_in(**authorize_params(site))
        assert signed_in.status_code == 302 and "code=" in signed_in.headers["location"]
        body = exchange(cognito.base_url, site, query_of(signed_in.headers["location"])["code"]).json()
        listed = idp.admin_list_user_sessions(UserPoolId=pool_id, Username="alice")["Sessions"]
        sso = [s for s in listed if s["SessionType"] == "SSO"]
        token = [s for s in listed if s["SessionType"] == "TOKEN"]
        assert len(sso) == 1 and len(token) == 1
        assert SSO_ID.match(sso[0]["SessionId"]) and SESSION_ID.match(token[0]["SessionId"])
        assert sso[0]["ClientId"] == site["client_id"] and sso[0]["IsCurrentSession"] is False
        own = idp.list_user_sessions(AccessToken=body["access_token"])["Sessions"]
        assert {s["SessionId"]: s["IsCurrentSession"] for s in own} == {
            sso[0]["SessionId"]: False,
            token[0]["SessionId"]: True,
        }
        # While it lives, the browser is answered at once (single sign-on) ...
        again = browser.authorize(**authorize_params(site))
        assert again.status_code == 302 and "code=" in again.headers["location"]
        idp.admin_revoke_user_session(UserPoolId=pool_id, Username="alice", SessionId=sso[0]["SessionId"])
        # ... once revoked, it signs in again; the token session is still there.
        after = browser.authorize(**authorize_params(site))
        assert after.status_code == 302 and "/login?" in after.headers["location"]
        left = idp.admin_list_user_sessions(UserPoolId=pool_id, Username="alice")["Sessions"]
        assert {s["SessionType"] for s in left} == {"TOKEN"}  # one per sign-in the browser was answered with
        with pytest.raises(ClientError) as exc:
            idp.admin_revoke_user_session(UserPoolId=pool_id, Username="alice", SessionId=sso[0]["SessionId"])
        assert error(exc)[0] == "ResourceNotFoundException"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])


def test_a_user_revokes_their_hosted_ui_session(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    add_user(idp, pool_id, "bob")
    browser = Browser(cognito.base_url, site["domain"])
    try:
        signed_in = browser.sign_in(username="bob", **authorize_params(site))
        body = exchange(cognito.base_url, site, query_of(signed_in.headers["location"])["code"]).json()
        sso = [
            s for s in idp.list_user_sessions(AccessToken=body["access_token"])["Sessions"] if s["SessionType"] == "SSO"
        ]
        idp.revoke_user_session(AccessToken=body["access_token"], SessionId=sso[0]["SessionId"])
        assert "/login?" in browser.authorize(**authorize_params(site)).headers["location"]
        # The access token's own session goes on.
        assert idp.get_user(AccessToken=body["access_token"])["Username"] == "bob"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])


def test_token_sessions_name_their_hosted_ui_session_and_linked_revocation(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    add_user(idp, pool_id, "cy")
    browser = Browser(cognito.base_url, site["domain"])
    try:
        first = browser.sign_in(username="cy", **authorize_params(site))
        body = exchange(cognito.base_url, site, query_of(first.headers["location"])["code"]).json()
        # A second app sign-in answered from the same browser session (single sign-on).
        second = browser.authorize(**authorize_params(site))
        exchange(cognito.base_url, site, query_of(second.headers["location"])["code"])
        listed = idp.admin_list_user_sessions(UserPoolId=pool_id, Username="cy")["Sessions"]
        (sso,) = [s["SessionId"] for s in listed if s["SessionType"] == "SSO"]
        token_sessions = [s for s in listed if s["SessionType"] == "TOKEN"]
        assert len(token_sessions) == 2
        assert all(s["OriginSessionId"] == sso for s in token_sessions)
        # An API sign-in came through no SSO session.
        api = new_client(idp, pool_id)["ClientId"]
        tokens(idp, api, "cy", HOSTED_PASSWORD)
        listed = idp.admin_list_user_sessions(UserPoolId=pool_id, Username="cy")["Sessions"]
        assert sum(1 for s in listed if s["SessionType"] == "TOKEN" and "OriginSessionId" not in s) == 1
        # LINKED from a token session ends its SSO session too (the other token session stays).
        current = idp.list_user_sessions(AccessToken=body["access_token"])["Sessions"]
        (own,) = [s["SessionId"] for s in current if s["IsCurrentSession"]]
        other = next(s["SessionId"] for s in token_sessions if s["SessionId"] != own)
        idp.revoke_user_session(AccessToken=body["access_token"], SessionId=other, RevokeAssociatedSessions="LINKED")
        left = {
            s["SessionId"]: s["SessionType"]
            for s in idp.list_user_sessions(AccessToken=body["access_token"])["Sessions"]
        }
        assert other not in left and sso not in left and own in left
        assert "/login?" in browser.authorize(**authorize_params(site)).headers["location"]
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])


def test_revoking_a_hosted_ui_session_with_linked_ends_its_token_sessions(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    add_user(idp, pool_id, "dot")
    browser = Browser(cognito.base_url, site["domain"])
    try:
        signed_in = browser.sign_in(username="dot", **authorize_params(site))
        body = exchange(cognito.base_url, site, query_of(signed_in.headers["location"])["code"]).json()
        listed = idp.admin_list_user_sessions(UserPoolId=pool_id, Username="dot")["Sessions"]
        (sso,) = [s["SessionId"] for s in listed if s["SessionType"] == "SSO"]
        idp.admin_revoke_user_session(
            UserPoolId=pool_id, Username="dot", SessionId=sso, RevokeAssociatedSessions="LINKED"
        )
        assert idp.admin_list_user_sessions(UserPoolId=pool_id, Username="dot")["Sessions"] == []
        with pytest.raises(ClientError) as exc:
            idp.get_user(AccessToken=body["access_token"])
        assert error(exc)[0] == "NotAuthorizedException"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])


def test_revoke_token_with_linked_ends_the_hosted_ui_session(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    add_user(idp, pool_id, "eli")
    browser = Browser(cognito.base_url, site["domain"])
    try:
        signed_in = browser.sign_in(username="eli", **authorize_params(site))
        body = exchange(cognito.base_url, site, query_of(signed_in.headers["location"])["code"]).json()
        idp.revoke_token(Token=body["refresh_token"], ClientId=site["client_id"], RevokeAssociatedSessions="LINKED")
        assert idp.admin_list_user_sessions(UserPoolId=pool_id, Username="eli")["Sessions"] == []
        assert "/login?" in browser.authorize(**authorize_params(site)).headers["location"]
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])


def test_an_app_client_that_never_reuses_a_hosted_ui_session(cognito, idp, pool):
    pool_id = pool["Id"]
    _enable(idp, pool_id)
    site = make_site(idp, pool_id)
    settings = {k: v for k, v in site["client"].items() if k not in ("ClientId", "CreationDate", "LastModifiedDate")}
    other = idp.create_user_pool_client(**settings)["UserPoolClient"]["ClientId"]
    add_user(idp, pool_id, "fay")
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool_id, ClientId=other, SSOSession={"MaxValidityMinutes": 0}
    )
    browser = Browser(cognito.base_url, site["domain"])
    try:
        assert "code=" in browser.sign_in(username="fay", **authorize_params(site)).headers["location"]
        # The first client reuses the session; the one set to 0 minutes asks the user to sign in again.
        assert "code=" in browser.authorize(**authorize_params(site)).headers["location"]
        asked = browser.authorize(**{**authorize_params(site), "client_id": other})
        assert "/login?" in asked.headers["location"]
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=site["domain"])
