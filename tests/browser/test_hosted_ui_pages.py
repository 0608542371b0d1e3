"""The hosted UI's pages in headless Chromium: sign-in, sign-up with its code, a forgotten password, TOTP
MFA, and both page styles checked by the styles the browser computes; no CSP violation on any page."""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pyotp
import pytest

from tests.integration.hosted_ui_support import (
    CALLBACK,
    PASSWORD,
    add_user,
    authorize_params,
    exchange,
    make_site,
    query_of,
)

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Chromium is not installed")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    runner = sync_api.sync_playwright().start()
    browser = runner.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()
    runner.stop()


class Tab:
    """A browser page that records CSP violations and answers the app's callback URL itself."""

    def __init__(self, chromium: Any, *, dark: bool = False, viewport: dict[str, int] = DESKTOP) -> None:
        self.context = chromium.new_context(color_scheme="dark" if dark else "light", viewport=viewport)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.route("http://localhost:8976/**", lambda route: route.fulfill(status=200, body="signed in"))

    def close(self) -> None:
        self.context.close()

    def open(self, url: str) -> None:
        self.page.goto(url)

    def callback_code(self) -> str:
        self.page.wait_for_url(re.compile(re.escape(CALLBACK) + r"\?"))
        return query_of(self.page.url)["code"]

    def violations(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line]

    def style(self, selector: str, prop: str) -> str:
        value: str = self.page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")
        return value


@pytest.fixture
def site(idp: Any) -> Iterator[dict[str, Any]]:
    pool_id = idp.create_user_pool(
        PoolName=f"pages-{uuid.uuid4().hex[:6]}",
        AutoVerifiedAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
    )["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id)
    yield made
    with contextlib.suppress(Exception):
        idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
        idp.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture
def tab(chromium: Any) -> Iterator[Tab]:
    made = Tab(chromium)
    yield made
    made.close()


def authorize_url(cognito: Any, site: dict[str, Any], **extra: str) -> str:
    return f"{cognito.base_url}/{site['domain']}/oauth2/authorize?{urlencode(authorize_params(site, **extra))}"


def sign_in(tab: Tab, username: str = "alice", password: str = PASSWORD) -> None:
    tab.page.get_by_label("Username").fill(username)
    tab.page.get_by_label("Password", exact=True).fill(password)
    tab.page.get_by_role("button", name="Sign in", exact=True).click()


def test_sign_in_with_the_keyboard(cognito: Any, tab: Tab, site: dict[str, Any]) -> None:
    tab.open(authorize_url(cognito, site, state="kb"))
    assert tab.page.get_by_role("heading", name="Sign in").is_visible()
    tab.page.get_by_label("Username").focus()
    tab.page.keyboard.type("alice")
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.type("wrong-password")
    tab.page.keyboard.press("Enter")
    alert = tab.page.get_by_role("alert")
    assert alert.inner_text() == "Incorrect username or password."
    assert tab.page.get_by_label("Username").get_attribute("aria-invalid") == "true"
    sign_in(tab)
    code = tab.callback_code()
    assert query_of(tab.page.url)["state"] == "kb"
    assert exchange(cognito.base_url, site, code).status_code == 200
    assert tab.violations() == []


def test_sign_up_with_the_emailed_code(cognito: Any, tab: Tab, site: dict[str, Any]) -> None:
    tab.open(authorize_url(cognito, site))
    tab.page.get_by_role("link", name="Sign up").click()
    assert tab.page.get_by_role("heading", name="Sign up").is_visible()
    tab.page.get_by_label("Username").fill("bob")
    tab.page.get_by_label("Email").fill("bob@example.com")
    tab.page.get_by_label("Password", exact=True).fill(PASSWORD)
    tab.page.get_by_role("button", name="Sign up").click()
    assert tab.page.get_by_role("heading", name="Confirm your account").is_visible()
    code = [m for m in cognito.outbox(site["pool_id"]) if m["destination"] == "bob@example.com"][-1]["code"]
    tab.page.get_by_label("Verification code").fill(code)
    tab.page.get_by_role("button", name="Confirm account").click()
    assert exchange(cognito.base_url, site, tab.callback_code()).status_code == 200
    assert tab.violations() == []


def test_forgotten_password(cognito: Any, tab: Tab, site: dict[str, Any]) -> None:
    tab.open(authorize_url(cognito, site))
    tab.page.get_by_role("link", name="Forgot your password?").click()
    tab.page.get_by_label("Username").fill("alice")
    tab.page.get_by_role("button", name="Reset my password").click()
    assert tab.page.get_by_role("heading", name="Reset your password").is_visible()
    code = cognito.outbox(site["pool_id"])[-1]["code"]
    tab.page.get_by_label("Code").fill(code)
    tab.page.get_by_label("New password", exact=True).fill("An0ther!password")
    tab.page.get_by_label("Enter new password again").fill("An0ther!password")
    tab.page.get_by_role("button", name="Change password").click()
    assert "Your password has been changed" in tab.page.get_by_role("status").inner_text()
    tab.page.get_by_label("Password", exact=True).fill("An0ther!password")
    tab.page.get_by_role("button", name="Sign in", exact=True).click()
    tab.callback_code()
    assert tab.violations() == []


def test_totp_mfa_set_up_then_used(cognito: Any, idp: Any, chromium: Any, tab: Tab, site: dict[str, Any]) -> None:
    idp.set_user_pool_mfa_config(
        UserPoolId=site["pool_id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    tab.open(authorize_url(cognito, site))
    sign_in(tab)
    assert tab.page.get_by_role("heading", name="Set up an authenticator app").is_visible()
    secret = tab.page.get_by_label("Authenticator key").inner_text().strip()
    totp = pyotp.TOTP(secret)
    tab.page.get_by_label("Authenticator code").fill(totp.now())
    tab.page.get_by_role("button", name="Verify").click()
    tab.callback_code()
    again = Tab(chromium)
    try:
        again.open(authorize_url(cognito, site))
        sign_in(again)
        assert again.page.get_by_role("heading", name="Multi-factor authentication").is_visible()

        again.page.get_by_label("Authenticator code").fill(totp.at(time.time() + 30))
        again.page.get_by_role("button", name="Sign in").click()
        again.callback_code()
        assert again.violations() == []
    finally:
        again.close()


def test_classic_branding_by_computed_style(cognito: Any, idp: Any, tab: Tab, site: dict[str, Any]) -> None:
    logo = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    idp.set_ui_customization(
        UserPoolId=site["pool_id"],
        ClientId=site["client_id"],
        CSS=".submitButton-customizable {background-color: rgb(12, 34, 56);} "
        ".background-customizable {background-color: rgb(250, 240, 230);} "
        ".banner-customizable {background-color: rgb(35, 47, 62);} "
        ".inputField-customizable {border-color: rgb(1, 2, 3);} "
        ".label-customizable {color: rgb(4, 5, 6);}",
        ImageFile=logo,
    )
    tab.open(authorize_url(cognito, site))
    assert tab.style(".submitButton-customizable", "background-color") == "rgb(12, 34, 56)"
    assert tab.style(".background-customizable", "background-color") == "rgb(250, 240, 230)"
    assert tab.style(".banner-customizable", "background-color") == "rgb(35, 47, 62)"
    assert tab.style("#password", "border-top-color") == "rgb(1, 2, 3)"
    assert tab.style("label[for=username]", "color") == "rgb(4, 5, 6)"
    assert tab.style(".submitButton-customizable", "border-top-left-radius") == "4px"
    assert tab.page.locator("img.logo-customizable").is_visible()
    assert tab.violations() == []


def test_managed_login_branding_by_computed_style_light_and_dark(
    cognito: Any, idp: Any, chromium: Any, site: dict[str, Any]
) -> None:
    idp.update_user_pool(UserPoolId=site["pool_id"], UserPoolTier="ESSENTIALS", AutoVerifiedAttributes=["email"])
    idp.update_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(
        UserPoolId=site["pool_id"],
        ClientId=site["client_id"],
        Settings={
            "components": {
                "primaryButton": {
                    "lightMode": {"defaults": {"backgroundColor": "ff8800ff", "textColor": "000000ff"}},
                    "darkMode": {"defaults": {"backgroundColor": "00aa55ff", "textColor": "000000ff"}},
                },
            },
            "categories": {"global": {"colorSchemeMode": "DYNAMIC"}},
        },
    )
    for dark, colour in ((False, "rgb(255, 136, 0)"), (True, "rgb(0, 170, 85)")):
        tab = Tab(chromium, dark=dark)
        try:
            tab.open(authorize_url(cognito, site))
            assert tab.style("button[type=submit]", "background-color") == colour
            assert tab.violations() == []
        finally:
            tab.close()


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_pages_fit_every_width(
    cognito: Any, chromium: Any, site: dict[str, Any], dark: bool, viewport: dict[str, int], tmp_path: Any
) -> None:
    tab = Tab(chromium, dark=dark, viewport=viewport)
    try:
        tab.open(authorize_url(cognito, site))
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]
        card = tab.page.locator(".card").bounding_box()
        assert card is not None and card["width"] <= viewport["width"]
        assert tab.page.get_by_role("button", name="Sign in", exact=True).bounding_box()["height"] >= 44
        background = tab.style("body", "background-color")
        assert (background == "rgb(15, 27, 42)") == dark
        tab.page.screenshot(path=str(tmp_path / "login.png"), full_page=True)
    finally:
        tab.close()


SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="30" height="30" fill="#f90"/></svg>'
)
SVG_ICON = b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="9"/></svg>'


def managed(idp: Any, site: dict[str, Any], **branding: Any) -> None:
    """Managed login for ``site``'s domain, with a style for its app client (``branding``: its Settings or
    UseCognitoProvidedValues, and Assets)."""
    idp.update_user_pool(UserPoolId=site["pool_id"], UserPoolTier="ESSENTIALS", AutoVerifiedAttributes=["email"])
    idp.update_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(UserPoolId=site["pool_id"], ClientId=site["client_id"], **branding)


def with_google(idp: Any, site: dict[str, Any]) -> None:
    idp.create_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails={"client_id": "g", "client_secret": "s", "authorize_scopes": "openid email"},
    )
    idp.update_user_pool_client(
        UserPoolId=site["pool_id"],
        ClientId=site["client_id"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO", "Google"],
    )


def test_managed_login_header_footer_and_idp_buttons_by_computed_style(
    cognito: Any, idp: Any, chromium: Any, site: dict[str, Any]
) -> None:
    with_google(idp, site)
    managed(
        idp,
        site,
        Settings={
            "categories": {
                "global": {
                    "colorSchemeMode": "DYNAMIC",
                    "pageHeader": {"enabled": True},
                    "pageFooter": {"enabled": True},
                }
            },
            "components": {
                "pageHeader": {
                    "logo": {"enabled": True, "location": "END"},
                    "lightMode": {"background": {"color": "102030ff"}, "borderColor": "405060ff"},
                    "darkMode": {"background": {"color": "203040ff"}, "borderColor": "506070ff"},
                },
                "pageFooter": {"lightMode": {"background": {"color": "a0b0c0ff"}}},
                "pageText": {"lightMode": {"headingColor": "112233ff", "bodyColor": "223344ff"}},
                "idpButton": {
                    "standard": {
                        "lightMode": {
                            "defaults": {
                                "backgroundColor": "fff0e0ff",
                                "borderColor": "aa5500ff",
                                "textColor": "552200ff",
                            },
                            "hover": {
                                "backgroundColor": "ffe0c0ff",
                                "borderColor": "aa5500ff",
                                "textColor": "331100ff",
                            },
                        }
                    }
                },
            },
            "componentClasses": {"buttons": {"borderRadius": 20}, "input": {"borderRadius": 2}},
        },
        Assets=[
            {"Category": "PAGE_HEADER_LOGO", "ColorMode": "DYNAMIC", "Extension": "SVG", "Bytes": SVG_LOGO},
            {
                "Category": "IDP_BUTTON_ICON",
                "ColorMode": "DYNAMIC",
                "Extension": "SVG",
                "Bytes": SVG_ICON,
                "ResourceId": "Google",
            },
        ],
    )
    for dark in (False, True):
        tab = Tab(chromium, dark=dark)
        try:
            tab.open(authorize_url(cognito, site))
            header = "rgb(32, 48, 64)" if dark else "rgb(16, 32, 48)"
            assert tab.style("#page-header", "background-color") == header
            assert tab.style("#page-header", "border-bottom-color") == (
                "rgb(80, 96, 112)" if dark else "rgb(64, 80, 96)"
            )
            logo = tab.page.locator("#page-header img.bar-logo")
            assert logo.is_visible()
            box, bar = logo.bounding_box(), tab.page.locator("#page-header").bounding_box()
            assert box is not None and bar is not None and box["x"] + box["width"] > bar["width"] - 40  # at the end
            assert tab.page.locator("#page-footer").is_visible()
            if not dark:
                assert tab.style("#page-footer", "background-color") == "rgb(160, 176, 192)"
                assert tab.style("h1.title", "color") == "rgb(17, 34, 51)"
                assert tab.style("body", "color") == "rgb(34, 51, 68)"
                button = ".idp-button"
                assert tab.style(button, "background-color") == "rgb(255, 240, 224)"
                assert tab.style(button, "border-top-color") == "rgb(170, 85, 0)"
                assert tab.style(button, "color") == "rgb(85, 34, 0)"
                tab.page.hover(button)
                assert tab.style(button, "background-color") == "rgb(255, 224, 192)"
            assert tab.page.locator(".idp-button img.idp-icon").is_visible()
            assert tab.style(".idp-button", "border-top-left-radius") == "20px"
            assert tab.style("button[type=submit]", "border-top-left-radius") == "20px"
            assert tab.style("#username", "border-top-left-radius") == "2px"
            assert "Amazon Ember" in tab.style("body", "font-family")
            assert tab.page.get_by_role("link", name="Continue with Google").is_visible()
            assert tab.violations() == []
        finally:
            tab.close()


def test_a_german_managed_login_walk(cognito: Any, idp: Any, tab: Tab, site: dict[str, Any]) -> None:
    managed(idp, site, UseCognitoProvidedValues=True)
    tab.open(authorize_url(cognito, site, lang="de"))
    assert tab.page.evaluate("document.documentElement.lang") == "de"
    assert tab.page.get_by_role("heading", name="Anmelden").is_visible()
    tab.page.get_by_label("Benutzername").fill("alice")
    tab.page.get_by_label("Passwort", exact=True).fill("falsch")
    tab.page.get_by_role("button", name="Anmelden", exact=True).click()
    assert tab.page.get_by_role("alert").inner_text() == "Falscher Benutzername oder falsches Passwort."
    tab.page.get_by_role("link", name="Registrieren").click()
    assert tab.page.get_by_role("heading", name="Registrieren").is_visible()
    tab.page.get_by_role("link", name="Anmelden").click()
    tab.page.get_by_label("Benutzername").fill("alice")
    tab.page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    tab.page.get_by_role("button", name="Anmelden", exact=True).click()
    assert exchange(cognito.base_url, site, tab.callback_code()).status_code == 200
    assert tab.violations() == []


@pytest.mark.parametrize("viewport", [{"width": 375, "height": 740}, DESKTOP])
def test_the_totp_setup_qr_code_in_japanese(
    cognito: Any, idp: Any, chromium: Any, site: dict[str, Any], viewport: dict[str, int]
) -> None:
    managed(idp, site, UseCognitoProvidedValues=True)
    idp.set_user_pool_mfa_config(
        UserPoolId=site["pool_id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    tab = Tab(chromium, viewport=viewport)
    try:
        tab.open(authorize_url(cognito, site, lang="ja"))
        tab.page.get_by_label("ユーザー名").fill("alice")
        tab.page.get_by_label("パスワード", exact=True).fill(PASSWORD)
        tab.page.get_by_role("button", name="サインイン", exact=True).click()
        assert tab.page.get_by_role("heading", name="認証アプリの設定").is_visible()
        qr = tab.page.get_by_role("img", name="認証アプリ用の QR コード")
        box = qr.bounding_box()
        assert box is not None and box["width"] >= 120 and box["height"] >= 120
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert tab.style(".qr path:first-child", "fill") == "rgb(255, 255, 255)"
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        secret = tab.page.locator("#totp-secret").inner_text().strip()
        tab.page.get_by_label("認証コード").fill(pyotp.TOTP(secret).now())
        tab.page.get_by_role("button", name="確認").click()
        tab.callback_code()
        assert tab.violations() == []
    finally:
        tab.close()


SVG_DARK_LOGO = SVG_LOGO.replace(b"#f90", b"#09f")


def test_dark_mode_logos_and_the_provider_drop_down(
    cognito: Any, idp: Any, chromium: Any, site: dict[str, Any]
) -> None:
    with_google(idp, site)
    managed(
        idp,
        site,
        Settings={
            "categories": {
                "global": {"colorSchemeMode": "DYNAMIC", "pageHeader": {"enabled": True}},
                "auth": {"federation": {"interfaceStyle": "DROPDOWN"}},
            },
            "components": {"pageHeader": {"logo": {"enabled": True, "location": "START"}}},
        },
        Assets=[
            {"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "SVG", "Bytes": SVG_LOGO},
            {"Category": "PAGE_HEADER_LOGO", "ColorMode": "DARK", "Extension": "SVG", "Bytes": SVG_DARK_LOGO},
        ],
    )
    shown = {}
    seen: list[str] = []
    for dark in (False, True):
        tab = Tab(chromium, dark=dark)
        try:
            tab.open(authorize_url(cognito, site, state="dd", lang="es"))
            source = tab.page.eval_on_selector("#page-header img", "img => img.currentSrc")
            shown[dark] = base64.b64decode(source.split(",", 1)[1])  # small images stand in the page
            if dark:
                # The drop-down list, with the keyboard: choose the provider, then continue to it.
                provider = tab.page.get_by_label("Proveedor de identidad")
                provider.focus()
                assert provider.input_value() == "Google"
                tab.page.on("request", lambda request: seen.append(request.url))
                tab.page.get_by_role("button", name="Continuar").click()
                tab.page.wait_for_load_state()
                authorize = next(url for url in seen if "/oauth2/authorize?" in url)
                sent = query_of(authorize)
                assert sent["identity_provider"] == "Google" and sent["state"] == "dd" and sent["lang"] == "es"
            assert tab.violations() == []
        finally:
            tab.close()
    assert shown == {False: SVG_LOGO, True: SVG_DARK_LOGO}
