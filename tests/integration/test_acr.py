"""Authentication context: AcrConfiguration, and the acr / amr claims of a sign-in that asks for levels."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from botocore.exceptions import ClientError

from tests.integration.hosted_ui_support import (
    CALLBACK,
    PASSWORD,
    Browser,
    add_user,
    authorize_params,
    claims,
    exchange,
    make_site,
    query_of,
)

DEFAULTS = {f"Level{i}": {"AcrValue": f"urn:cognito:loa:{i}"} for i in range(1, 5)}


@pytest.fixture
def site(idp: Any) -> Iterator[dict[str, Any]]:
    pool_id = idp.create_user_pool(PoolName=f"acr-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id, "alice")
    yield made
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
    idp.delete_user_pool(UserPoolId=pool_id)


def _code(answer: Any) -> str:
    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(CALLBACK + "?"), answer.headers["location"]
    return query_of(answer.headers["location"])["code"]


def _tokens(cognito: Any, made: dict[str, Any], answer: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    body = exchange(cognito.base_url, made, _code(answer)).json()
    return claims(body["id_token"]), claims(body["access_token"])


def test_acr_configuration(idp: Any) -> None:
    pool = idp.create_user_pool(PoolName="acr-defaults")["UserPool"]
    try:
        assert pool["AcrConfiguration"] == DEFAULTS
        idp.update_user_pool(
            UserPoolId=pool["Id"], AcrConfiguration={"Level3": {"AcrValue": "https://example.com/acr/strong"}}
        )
        described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["AcrConfiguration"]
        assert described == {**DEFAULTS, "Level3": {"AcrValue": "https://example.com/acr/strong"}}
        # Names are unique across the four levels, defaults included.
        with pytest.raises(ClientError) as info:
            idp.update_user_pool(UserPoolId=pool["Id"], AcrConfiguration={"Level2": {"AcrValue": "urn:cognito:loa:1"}})
        assert info.value.response["Error"]["Code"] == "InvalidParameterException"
        with pytest.raises(ClientError) as info:
            idp.update_user_pool(UserPoolId=pool["Id"], AcrConfiguration={"Level5": {"AcrValue": "x"}})
        assert info.value.response["Error"]["Code"] == "InvalidParameterException"
        assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["AcrConfiguration"] == described
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])
    with pytest.raises(ClientError) as info:
        idp.create_user_pool(
            PoolName="acr-lite", UserPoolTier="LITE", AcrConfiguration={"Level1": {"AcrValue": "urn:x:1"}}
        )
    assert info.value.response["Error"]["Code"] == "FeatureUnavailableInTierException"


def test_password_sign_in_reaches_level_1(cognito: Any, site: dict[str, Any]) -> None:
    browser = Browser(cognito.base_url, site["domain"])
    try:
        answer = browser.sign_in(**authorize_params(site, acr_values="urn:cognito:loa:3 urn:cognito:loa:1"))
        id_claims, access = _tokens(cognito, site, answer)
    finally:
        browser.close()
    assert id_claims["acr"] == access["acr"] == "urn:cognito:loa:1"
    assert id_claims["amr"] == access["amr"] == ["pwd"]


def test_no_acr_values_no_claims(cognito: Any, site: dict[str, Any]) -> None:
    browser = Browser(cognito.base_url, site["domain"])
    try:
        id_claims, access = _tokens(cognito, site, browser.sign_in(**authorize_params(site)))
    finally:
        browser.close()
    assert "acr" not in id_claims and "amr" not in access


def test_unknown_acr_values_are_refused_or_ignored(cognito: Any, site: dict[str, Any]) -> None:
    browser = Browser(cognito.base_url, site["domain"])
    try:
        refused = browser.authorize(**authorize_params(site, acr_values="urn:example:gold", state="st"))
        assert refused.status_code == 302
        query = query_of(refused.headers["location"])
        assert query["error"] == "invalid_request" and query["state"] == "st"
        answer = browser.sign_in(**authorize_params(site, acr_values="urn:example:gold urn:cognito:loa:2"))
        id_claims, _ = _tokens(cognito, site, answer)
    finally:
        browser.close()
    # Level 2 is not reached with a password: the level reached is reported.
    assert id_claims["acr"] == "urn:cognito:loa:1"


def test_totp_mfa_reaches_level_3_with_custom_names(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    pool_id = site["pool_id"]
    idp.update_user_pool(
        UserPoolId=pool_id,
        AcrConfiguration={"Level3": {"AcrValue": "https://example.com/acr/mfa"}},
    )
    idp.set_user_pool_mfa_config(
        UserPoolId=pool_id, SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL"
    )
    api = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="api", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    token = idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=api["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
    idp.verify_software_token(AccessToken=token, UserCode=pyotp.TOTP(secret).now())
    idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    browser = Browser(cognito.base_url, site["domain"])
    try:
        page = browser.sign_in(**authorize_params(site, acr_values="https://example.com/acr/mfa urn:cognito:loa:1"))
        assert page.status_code == 200 and 'name="code"' in page.text
        answer = browser.submit(page, "/mfa", code=pyotp.TOTP(secret).at(time.time() + 30))
        id_claims, access = _tokens(cognito, site, answer)
    finally:
        browser.close()
    assert id_claims["acr"] == access["acr"] == "https://example.com/acr/mfa"
    assert id_claims["amr"] == ["pwd", "otp", "mfa"]


def test_lite_pools_cannot_ask_for_levels(cognito: Any, idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName=f"acr-lite-{uuid.uuid4().hex[:6]}", UserPoolTier="LITE")["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    browser = Browser(cognito.base_url, made["domain"])
    try:
        refused = browser.authorize(**authorize_params(made, acr_values="urn:cognito:loa:1"))
        assert refused.status_code == 302
        assert query_of(refused.headers["location"])["error"] == "invalid_request"
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=pool_id)


def test_max_age_makes_an_older_session_sign_in_again(cognito: Any, site: dict[str, Any]) -> None:
    browser = Browser(cognito.base_url, site["domain"])
    try:
        _code(browser.sign_in(**authorize_params(site)))
        # A recent enough session answers at once (single sign-on) ...
        _code(browser.authorize(**authorize_params(site, max_age="3600")))
        # ... an older one sends the user to sign in again, with the levels asked for kept.
        again = browser.authorize(**authorize_params(site, max_age="0", acr_values="urn:cognito:loa:1"))
        assert again.status_code == 302 and "/login?" in again.headers["location"]
        assert query_of(again.headers["location"])["max_age"] == "0"
        assert query_of(again.headers["location"])["acr_values"] == "urn:cognito:loa:1"
        bad = browser.authorize(**authorize_params(site, max_age="soon"))
        assert query_of(bad.headers["location"])["error"] == "invalid_request"
    finally:
        browser.close()


def _authenticator(idp: Any, pool_id: str, *, enabled: bool) -> pyotp.TOTP:
    """alice's authenticator app, set up; ``enabled`` makes it her MFA (else only a step-up asks for it)."""
    idp.set_user_pool_mfa_config(
        UserPoolId=pool_id, SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL"
    )
    api = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="api", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    token = idp.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=api["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
    idp.verify_software_token(AccessToken=token, UserCode=pyotp.TOTP(secret).now())
    idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings={"Enabled": enabled})
    return pyotp.TOTP(secret)


def test_a_higher_level_than_the_session_asks_for_the_missing_factor(
    cognito: Any, idp: Any, site: dict[str, Any]
) -> None:
    totp = _authenticator(idp, site["pool_id"], enabled=False)
    browser = Browser(cognito.base_url, site["domain"])
    try:
        # A password alone: MFA is optional and alice has not turned it on.
        first, _ = _tokens(cognito, site, browser.sign_in(**authorize_params(site, acr_values="urn:cognito:loa:1")))
        assert first["amr"] == ["pwd"]
        # Level 3 from that session: not answered silently, the authenticator is asked for (no password).
        asked = browser.authorize(**authorize_params(site, acr_values="urn:cognito:loa:3"))
        assert asked.status_code == 302 and "/login?" in asked.headers["location"]
        page = browser.follow(asked.headers["location"])
        assert page.status_code == 200 and 'name="code"' in page.text and 'name="password"' not in page.text
        answer = browser.submit(page, "/mfa", code=totp.at(time.time() + 30))
        id_claims, access = _tokens(cognito, site, answer)
        assert id_claims["acr"] == access["acr"] == "urn:cognito:loa:3"
        assert access["amr"] == ["pwd", "otp", "mfa"]
        # The session now holds both factors: level 3 is answered at once, with what the session did.
        again = browser.authorize(**authorize_params(site, acr_values="urn:cognito:loa:3"))
        id_claims, access = _tokens(cognito, site, again)
        assert (access["acr"], access["amr"]) == ("urn:cognito:loa:3", ["pwd", "otp", "mfa"])
    finally:
        browser.close()


def test_a_fresh_sign_in_for_level_3_goes_on_to_mfa(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    totp = _authenticator(idp, site["pool_id"], enabled=False)
    browser = Browser(cognito.base_url, site["domain"])
    try:
        page = browser.sign_in(**authorize_params(site, acr_values="urn:cognito:loa:3"))
        assert page.status_code == 200 and 'name="code"' in page.text
        id_claims, _ = _tokens(cognito, site, browser.submit(page, "/mfa", code=totp.at(time.time() + 30)))
    finally:
        browser.close()
    assert (id_claims["acr"], id_claims["amr"]) == ("urn:cognito:loa:3", ["pwd", "otp", "mfa"])


def test_a_session_answers_single_sign_on_with_its_own_methods(cognito: Any, idp: Any, site: dict[str, Any]) -> None:
    totp = _authenticator(idp, site["pool_id"], enabled=True)
    browser = Browser(cognito.base_url, site["domain"])
    try:
        page = browser.sign_in(**authorize_params(site))
        _code(browser.submit(page, "/mfa", code=totp.at(time.time() + 30)))
        _, access = _tokens(cognito, site, browser.authorize(**authorize_params(site, acr_values="urn:cognito:loa:3")))
    finally:
        browser.close()
    assert (access["acr"], access["amr"]) == ("urn:cognito:loa:3", ["pwd", "otp", "mfa"])
