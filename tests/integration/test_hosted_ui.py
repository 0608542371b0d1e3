"""The hosted UI's pages over HTTP: sign-in with MFA and new passwords, sign-up, forgotten passwords, the
lockout shared with the API, anti-CSRF, headers, page styles, and the Pre Token Generation trigger."""

from __future__ import annotations

import base64
import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest

from tests import fake_lambda
from tests.conftest import make_client, unique
from tests.fake_lambda import FakeLambda
from tests.integration.hosted_ui_support import (
    CALLBACK,
    PASSWORD,
    Browser,
    add_user,
    authorize_params,
    claims,
    exchange,
    hidden_fields,
    make_site,
    query_of,
)
from tests.localcognito import LocalCognito, start

ARN = "arn:aws:lambda:us-east-1:000000000000:function:{}"
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::000000000000:role/sms", "ExternalId": "ext"}
EMAIL_CONFIG = {
    "EmailSendingAccount": "DEVELOPER",
    "SourceArn": "arn:aws:ses:us-east-1:000000000000:identity/example.com",
    "From": "no-reply@example.com",
}
# A 1x1 PNG.
LOGO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def site(idp: Any, pool: dict[str, Any]) -> Iterator[dict[str, Any]]:
    made = make_site(idp, pool["Id"])
    add_user(idp, pool["Id"])
    yield made
    with contextlib.suppress(Exception):
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=made["domain"])


@pytest.fixture
def browser(cognito: Any, site: dict[str, Any]) -> Iterator[Browser]:
    made = Browser(cognito.base_url, site["domain"])
    yield made
    made.close()


def new_site(idp: Any, **pool: Any) -> dict[str, Any]:
    pool.setdefault("UsernameConfiguration", {"CaseSensitive": False})
    pool_id = idp.create_user_pool(PoolName=unique("p"), **pool)["UserPool"]["Id"]
    return make_site(idp, pool_id)


def drop_site(idp: Any, site: dict[str, Any]) -> None:
    idp.delete_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"])
    idp.delete_user_pool(UserPoolId=site["pool_id"])


@contextlib.contextmanager
def site_and_browser(cognito: Any, idp: Any, **pool: Any) -> Iterator[tuple[dict[str, Any], Browser]]:
    made = new_site(idp, **pool)
    browser = Browser(cognito.base_url, made["domain"])
    try:
        yield made, browser
    finally:
        browser.close()
        drop_site(idp, made)


def api_token(idp: Any, site: dict[str, Any], username: str = "alice", password: str = PASSWORD) -> str:
    client = idp.create_user_pool_client(
        UserPoolId=site["pool_id"], ClientName="api", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]
    answer = idp.admin_initiate_auth(
        UserPoolId=site["pool_id"],
        ClientId=client["ClientId"],
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    return str(answer["AuthenticationResult"]["AccessToken"])


def callback_code(answer: Any) -> str:
    assert answer.status_code == 302, answer.text
    assert answer.headers["location"].startswith(CALLBACK + "?"), answer.headers["location"]
    return query_of(answer.headers["location"])["code"]


def error_text(page: Any) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', page.text)
    assert found, page.text
    return found.group(1)


# -- the pages and their protections ---------------------------------------------------------------------


def test_login_page_headers_labels_and_anti_csrf_cookie(browser: Browser, site: dict[str, Any]) -> None:
    page = browser.login_page(**authorize_params(site, lang="fr"))
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'none'" in policy and "unsafe-inline" not in policy
    nonce = re.search(r"style-src 'nonce-([^']+)'", policy)
    assert nonce and f'<style nonce="{nonce.group(1)}">' in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert '<html lang="en">' in page.text  # the classic hosted UI is English whatever lang says, as AWS's
    assert '<label for="username"' in page.text and '<label for="password"' in page.text
    assert 'autocomplete="current-password"' in page.text
    assert "<script" not in page.text
    cookie = page.headers["set-cookie"].lower()
    assert cookie.startswith("xsrf-token=") and "httponly" in cookie and "samesite=lax" in cookie
    assert f"path=/{site['domain']}/" in cookie
    assert len(page.text.encode()) < 100_000


def test_a_form_without_the_anti_csrf_token_is_refused(browser: Browser, site: dict[str, Any]) -> None:
    page = browser.login_page(**authorize_params(site))
    fields = hidden_fields(page.text)
    fields.pop("_csrf")
    refused = browser.post("/login", {**fields, "username": "alice", "password": PASSWORD})
    assert refused.status_code == 403 and "location" not in refused.headers
    forged = browser.post("/login", {**fields, "_csrf": "x" * 43, "username": "alice", "password": PASSWORD})
    assert forged.status_code == 403
    # Another browser's token does not fit this browser's cookie.
    other = Browser(browser.base.rsplit("/", 1)[0], site["domain"])
    try:
        stolen = other.post("/login", {**hidden_fields(page.text), "username": "alice", "password": PASSWORD})
        assert stolen.status_code == 403
    finally:
        other.close()


def test_a_tampered_authorize_request_is_refused(browser: Browser, site: dict[str, Any]) -> None:
    page = browser.login_page(**authorize_params(site))
    fields = hidden_fields(page.text)
    sealed = fields["authorization"]
    fields["authorization"] = sealed[:-2] + ("AA" if sealed[-2:] != "AA" else "BB")
    refused = browser.post("/login", {**fields, "username": "alice", "password": PASSWORD})
    assert refused.status_code == 400 and "location" not in refused.headers


def test_state_comes_back_unchanged_and_input_is_escaped(browser: Browser, site: dict[str, Any]) -> None:
    state = '<script>alert(1)</script>&"x y'
    answer = browser.sign_in(**authorize_params(site, state=state))
    assert query_of(answer.headers["location"])["state"] == state
    page = browser.login_page(**authorize_params(site, prompt="login"))
    wrong = browser.submit(page, "/login", username='"><img src=x>', password="nope")
    assert wrong.status_code == 400
    assert "<img src=x>" not in wrong.text and "&lt;img src=x&gt;" in wrong.text


def test_wrong_passwords_count_towards_the_apis_lockout(idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    page = browser.login_page(**authorize_params(site))
    for _ in range(5):
        wrong = browser.submit(page, "/login", username="alice", password="Wrong-password-1")
        assert wrong.status_code == 400 and error_text(wrong) == "Incorrect username or password."
    with pytest.raises(idp.exceptions.NotAuthorizedException, match="Password attempts exceeded"):
        api_token(idp, site)
    locked = browser.submit(page, "/login", username="alice", password=PASSWORD)
    assert error_text(locked) == "Password attempts exceeded"


def test_unknown_and_disabled_users(idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    page = browser.login_page(**authorize_params(site))
    nobody = browser.submit(page, "/login", username="nobody", password=PASSWORD)
    assert error_text(nobody) == "User does not exist."
    idp.admin_disable_user(UserPoolId=site["pool_id"], Username="alice")
    disabled = browser.submit(page, "/login", username="alice", password=PASSWORD)
    assert error_text(disabled) == "User is disabled."


def test_a_disabled_user_loses_single_sign_on(idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    callback_code(browser.sign_in(**authorize_params(site)))
    idp.admin_disable_user(UserPoolId=site["pool_id"], Username="alice")
    again = browser.authorize(**authorize_params(site))
    assert urlsplit(again.headers["location"]).path.endswith("/login")


def test_a_client_without_cognito_sign_in_shows_no_password_form(cognito: Any, idp: Any, pool: dict[str, Any]) -> None:
    made = make_site(idp, pool["Id"], SupportedIdentityProviders=[])
    browser = Browser(cognito.base_url, made["domain"])
    try:
        page = browser.login_page(**authorize_params(made))
        assert page.status_code == 200 and 'name="password"' not in page.text
        refused = browser.authorize(**authorize_params(made, identity_provider="COGNITO"))
        assert refused.status_code == 400
    finally:
        browser.close()
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=made["domain"])


# -- MFA and new passwords -----------------------------------------------------------------------------------


def test_email_mfa(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp, UserPoolTier="ESSENTIALS", EmailConfiguration=EMAIL_CONFIG) as (made, browser):
        idp.set_user_pool_mfa_config(
            UserPoolId=made["pool_id"],
            EmailMfaConfiguration={"Message": "Your code is {####}", "Subject": "Sign-in code"},
            MfaConfiguration="OPTIONAL",
        )
        add_user(idp, made["pool_id"], "erin")
        idp.admin_set_user_mfa_preference(
            UserPoolId=made["pool_id"], Username="erin", EmailMfaSettings={"Enabled": True, "PreferredMfa": True}
        )
        page = browser.sign_in("erin", **authorize_params(made, nonce="mfa"))
        assert page.status_code == 200 and 'name="code"' in page.text
        assert "e***@e***" in page.text
        wrong = browser.submit(page, "/mfa", code="00000000")
        assert wrong.status_code == 400 and error_text(wrong) == "Invalid code or auth state for the user."
        code = cognito.outbox(made["pool_id"])[-1]["code"]
        answer = browser.submit(wrong, "/mfa", code=code)
        tokens = exchange(cognito.base_url, made, callback_code(answer)).json()
        assert claims(tokens["id_token"])["nonce"] == "mfa"


def test_choosing_sms_among_mfa_methods(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp) as (made, browser):
        idp.set_user_pool_mfa_config(
            UserPoolId=made["pool_id"],
            SmsMfaConfiguration={"SmsAuthenticationMessage": "Code: {####}", "SmsConfiguration": SMS_CONFIG},
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration="OPTIONAL",
        )
        add_user(idp, made["pool_id"], "sid", phone_number="+15555550839", phone_number_verified="true")
        token = api_token(idp, made, "sid")
        secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
        idp.verify_software_token(AccessToken=token, UserCode=pyotp.TOTP(secret).now())
        idp.admin_set_user_mfa_preference(
            UserPoolId=made["pool_id"],
            Username="sid",
            SMSMfaSettings={"Enabled": True, "PreferredMfa": False},
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": False},
        )
        choose = browser.sign_in("sid", **authorize_params(made))
        assert 'value="SMS_MFA"' in choose.text and 'value="SOFTWARE_TOKEN_MFA"' in choose.text
        page = browser.submit(choose, "/mfa", answer="SMS_MFA")
        assert page.status_code == 200 and "+*******0839" in page.text
        sms = cognito.outbox(made["pool_id"])[-1]
        assert sms["channel"] == "SMS"
        callback_code(browser.submit(page, "/mfa", code=sms["code"]))


def test_totp_mfa(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp) as (made, browser):
        idp.set_user_pool_mfa_config(
            UserPoolId=made["pool_id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL"
        )
        add_user(idp, made["pool_id"], "tom")
        token = api_token(idp, made, "tom")
        secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
        idp.verify_software_token(AccessToken=token, UserCode=pyotp.TOTP(secret).now())
        idp.set_user_mfa_preference(AccessToken=token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
        page = browser.sign_in("tom", **authorize_params(made))
        assert "authenticator app" in page.text
        code = pyotp.TOTP(secret).at(time.time() + 30)
        answer = browser.submit(page, "/mfa", code=code)
        callback_code(answer)


def test_required_mfa_sets_up_an_authenticator(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp) as (made, browser):
        idp.set_user_pool_mfa_config(
            UserPoolId=made["pool_id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
        )
        add_user(idp, made["pool_id"], "sam")
        page = browser.sign_in("sam", **authorize_params(made))
        found = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page.text)
        assert found, page.text
        assert "otpauth://totp/" in page.text
        answer = browser.submit(page, "/mfa", code=pyotp.TOTP(found.group(1)).now())
        callback_code(answer)
        mfa = idp.admin_get_user(UserPoolId=made["pool_id"], Username="sam")["UserMFASettingList"]
        assert mfa == ["SOFTWARE_TOKEN_MFA"]


def test_a_temporary_password_must_be_changed(cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    idp.admin_create_user(
        UserPoolId=site["pool_id"], Username="newbie", TemporaryPassword="Temp0rary!pass", MessageAction="SUPPRESS"
    )
    page = browser.sign_in("newbie", "Temp0rary!pass", **authorize_params(site))
    assert page.status_code == 200 and 'name="new_password"' in page.text
    mismatch = browser.submit(page, "/forceChangePassword", new_password="N3w!password", confirm_password="other")
    assert mismatch.status_code == 400 and error_text(mismatch) == "Passwords do not match."
    answer = browser.submit(page, "/forceChangePassword", new_password="N3w!password", confirm_password="N3w!password")
    callback_code(answer)
    assert idp.admin_get_user(UserPoolId=site["pool_id"], Username="newbie")["UserStatus"] == "CONFIRMED"


# -- sign-up and forgotten passwords ----------------------------------------------------------------------------


def test_sign_up_with_confirmation(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp, AutoVerifiedAttributes=["email"]) as (made, browser):
        page = browser.get("/signup", authorize_params(made, state="up"))
        assert page.status_code == 200 and '<label for="attr_email"' in page.text
        weak = browser.submit(page, "/signup", username="newuser", attr_email="new@example.com", password="short")
        assert weak.status_code == 400 and "Password did not conform with policy" in error_text(weak)
        confirm = browser.submit(page, "/signup", username="newuser", attr_email="new@example.com", password=PASSWORD)
        assert confirm.status_code == 200 and "n***@e***" in confirm.text
        wrong = browser.submit(confirm, "/confirmUser", code="000000")
        assert wrong.status_code == 400
        resent = browser.submit(confirm, "/resendCode")
        assert resent.status_code == 200 and "A new code was sent." in resent.text
        code = cognito.outbox(made["pool_id"])[-1]["code"]
        answer = browser.submit(resent, "/confirmUser", code=code)
        assert query_of(answer.headers["location"])["state"] == "up"
        tokens = exchange(cognito.base_url, made, callback_code(answer)).json()
        assert claims(tokens["id_token"])["email_verified"] is True
        user = idp.admin_get_user(UserPoolId=made["pool_id"], Username="newuser")
        assert user["UserStatus"] == "CONFIRMED"


def test_an_unconfirmed_user_signing_in_is_asked_for_the_code(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp, AutoVerifiedAttributes=["email"]) as (made, browser):
        idp.sign_up(
            ClientId=made["client_id"],
            Username="later",
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "later@example.com"}],
        )
        page = browser.login_page(**authorize_params(made))
        answer = browser.submit(page, "/login", username="later", password=PASSWORD)
        assert answer.status_code == 302 and urlsplit(answer.headers["location"]).path.endswith("/confirmUser")
        confirm = browser.follow(answer.headers["location"])
        code = cognito.outbox(made["pool_id"])[-1]["code"]
        callback_code(browser.submit(confirm, "/confirmUser", code=code))


def test_forgotten_password(cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]) -> None:
    login = browser.login_page(**authorize_params(site))
    forgot_href = re.search(r'href="([^"]*forgotPassword[^"]*)"', login.text)
    assert forgot_href
    forgot = browser.follow(forgot_href.group(1).replace("&amp;", "&"))
    assert forgot.status_code == 200
    sent = browser.submit(forgot, "/forgotPassword", username="alice")
    assert sent.status_code == 200 and "a***@e***" in sent.text
    code = cognito.outbox(site["pool_id"])[-1]["code"]
    wrong = browser.submit(
        sent, "/confirmForgotPassword", code="000000", password="N3w!password", confirm_password="N3w!password"
    )
    assert wrong.status_code == 400
    done = browser.submit(
        sent, "/confirmForgotPassword", code=code, password="N3w!password", confirm_password="N3w!password"
    )
    assert done.status_code == 200 and "Your password has been changed" in done.text
    callback_code(browser.submit(done, "/login", username="alice", password="N3w!password"))


# -- page styles ----------------------------------------------------------------------------------------------


def test_classic_pages_use_the_clients_own_customization_without_falling_back(
    cognito: Any, idp: Any, browser: Browser, site: dict[str, Any]
) -> None:
    idp.set_ui_customization(
        UserPoolId=site["pool_id"], ClientId="ALL", CSS=".submitButton-customizable {background-color: #123456;}"
    )
    page = browser.login_page(**authorize_params(site))
    assert "#123456" in page.text and "logo-customizable" not in page.text
    idp.set_ui_customization(
        UserPoolId=site["pool_id"],
        ClientId=site["client_id"],
        CSS=".banner-customizable {background-color: #abcdef;}",
        ImageFile=LOGO,
    )
    page = browser.login_page(**authorize_params(site))
    assert "#abcdef" in page.text and "#123456" not in page.text
    assert 'class="logo logo-customizable" src="data:image/png;base64,' in page.text
    assert '<body class="classic">' in page.text


def test_managed_login_pages_need_a_style_and_use_it(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp, UserPoolTier="ESSENTIALS") as (made, browser):
        idp.update_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"], ManagedLoginVersion=2)
        unstyled = browser.login_page(**authorize_params(made))
        assert unstyled.status_code == 400 and "Login pages unavailable" in unstyled.text
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            Settings={
                "components": {
                    "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "ff8800ff"}}},
                    "pageBackground": {"darkMode": {"color": "101010ff"}},
                },
                "categories": {"global": {"colorSchemeMode": "DYNAMIC"}},
            },
        )
        page = browser.login_page(**authorize_params(made))
        assert page.status_code == 200 and '<body class="managed">' in page.text
        assert "--button-bg:#ff8800ff" in page.text
        assert "@media (prefers-color-scheme: dark){:root{color-scheme:light dark;--page-bg:#101010ff" in page.text
        idp.create_terms(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            TermsName="terms-of-use",
            TermsSource="LINK",
            Enforcement="NONE",
            Links={"cognito:default": "https://example.com/terms"},
        )
        idp.create_terms(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            TermsName="privacy-policy",
            TermsSource="LINK",
            Enforcement="NONE",
            Links={"cognito:default": "https://example.com/privacy"},
        )
        signup = browser.get("/signup", authorize_params(made))
        assert 'href="https://example.com/terms"' in signup.text and 'href="https://example.com/privacy"' in signup.text


# -- triggers --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lam() -> Iterator[FakeLambda]:
    yield from fake_lambda.running()


@pytest.fixture(scope="module")
def with_lambda(tmp_path_factory: pytest.TempPathFactory, lam: FakeLambda) -> Iterator[LocalCognito]:
    server = start(Path(tmp_path_factory.mktemp("hosted-ui-triggers")), "--lambda-endpoint", lam.endpoint)
    yield server
    assert server.stop() == 0


def test_pre_token_generation_sees_the_hosted_ui(with_lambda: LocalCognito, lam: FakeLambda) -> None:
    idp = make_client(with_lambda.base_url)
    lam.reset()
    pool_id = idp.create_user_pool(
        PoolName=unique("trig"),
        LambdaConfig={
            "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": ARN.format("pretoken")},
            "PostAuthentication": ARN.format("postauth"),
        },
    )["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id)

    def pre_token(event: dict[str, Any]) -> dict[str, Any]:
        event["response"] = {
            "claimsAndScopeOverrideDetails": {"idTokenGeneration": {"claimsToAddOrOverride": {"tier": "gold"}}}
        }
        return event

    lam.script("pretoken", pre_token)
    browser = Browser(with_lambda.base_url, made["domain"])
    try:
        code = callback_code(browser.sign_in(**authorize_params(made, scope="openid email")))
        tokens = exchange(with_lambda.base_url, made, code).json()
    finally:
        browser.close()
    events = lam.events("pretoken")
    assert [e["triggerSource"] for e in events] == ["TokenGeneration_HostedAuth"]
    assert events[0]["request"]["scopes"] == ["openid", "email"]
    assert [e["triggerSource"] for e in lam.events("postauth")] == ["PostAuthentication_Authentication"]
    assert claims(tokens["id_token"])["tier"] == "gold"


def test_email_as_username_pools_ask_for_the_email(cognito: Any, idp: Any) -> None:
    with site_and_browser(cognito, idp, UsernameAttributes=["email"], AutoVerifiedAttributes=["email"]) as (
        made,
        browser,
    ):
        page = browser.login_page(**authorize_params(made))
        assert '<label for="username" class="label-customizable">Email</label>' in page.text
        signup = browser.get("/signup", authorize_params(made))
        assert 'type="email"' in signup.text and 'id="attr_email"' not in signup.text
        confirm = browser.submit(signup, "/signup", username="mail@example.com", password=PASSWORD)
        code = cognito.outbox(made["pool_id"])[-1]["code"]
        tokens = exchange(cognito.base_url, made, callback_code(browser.submit(confirm, "/confirmUser", code=code)))
        assert claims(tokens.json()["id_token"])["email"] == "mail@example.com"
        browser.get("/logout", {"client_id": made["client_id"], "logout_uri": "http://localhost:8976/signed-out"})
        again = browser.sign_in("MAIL@example.com", **authorize_params(made))
        callback_code(again)


def test_a_confirmation_link_confirms_the_sign_up(cognito: Any, idp: Any) -> None:
    with site_and_browser(
        cognito,
        idp,
        AutoVerifiedAttributes=["email"],
        VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_LINK"},
    ) as (made, browser):
        idp.sign_up(
            ClientId=made["client_id"],
            Username="linked",
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "linked@example.com"}],
        )
        body = cognito.outbox(made["pool_id"])[-1]["body"]
        link = re.search(r'href="([^"]+)"', body)
        assert link, body
        url = link.group(1).replace("&amp;", "&")
        assert "/confirmUser?" in url
        confirmed = browser.get(url)
        assert confirmed.status_code == 200 and "Your registration has been confirmed!" in confirmed.text
        assert idp.admin_get_user(UserPoolId=made["pool_id"], Username="linked")["UserStatus"] == "CONFIRMED"
        again = browser.get(url)
        assert again.status_code == 400 and "User cannot be confirmed" in again.text
        forged = browser.get(url.replace("confirmation_code=", "confirmation_code=9"))
        assert forged.status_code == 400


def test_managed_login_signs_in_with_an_emailed_code(cognito: Any, idp: Any) -> None:
    with site_and_browser(
        cognito,
        idp,
        UserPoolTier="ESSENTIALS",
        EmailConfiguration=EMAIL_CONFIG,
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
    ) as (made, browser):
        classic = browser.login_page(**authorize_params(made))
        assert 'value="otp"' not in classic.text  # the classic hosted UI signs in with passwords only
        idp.update_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"], ManagedLoginVersion=2)
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"], ClientId=made["client_id"], UseCognitoProvidedValues=True
        )
        add_user(idp, made["pool_id"], "olga")
        page = browser.login_page(**authorize_params(made, nonce="otp"))
        assert 'name="method" value="otp"' in page.text
        nobody = browser.submit(page, "/login", username="nobody", method="otp")
        assert error_text(nobody) == "User does not exist."
        code_page = browser.submit(page, "/login", username="olga", method="otp")
        assert code_page.status_code == 200 and "Enter your sign-in code" in code_page.text
        assert "o***@e***" in code_page.text
        wrong = browser.submit(code_page, "/mfa", code="00000000")
        assert wrong.status_code == 400 and "Enter your sign-in code" in wrong.text
        code = cognito.outbox(made["pool_id"])[-1]["code"]
        tokens = exchange(cognito.base_url, made, callback_code(browser.submit(wrong, "/mfa", code=code))).json()
        assert claims(tokens["id_token"])["nonce"] == "otp"
        assert claims(tokens["access_token"])["username"] == "olga"
