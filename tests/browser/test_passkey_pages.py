"""Passkeys on the hosted UI in Chromium, with a CDP virtual authenticator: a user signed in with a password
adds a passkey on managed login's /passkeys/add (navigator.credentials.create on the local server's origin,
relying party localhost), then signs in with it through /oauth2/authorize, the login page's passkey button,
the passkey page's script and navigator.credentials.get, and the redirect with a code that the token
endpoint exchanges."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.integration.auth_support import PASSWORD, new_user

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CALLBACK = "http://localhost:8976/callback"

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Chromium is not installed")


@pytest.fixture
def site(idp: Any) -> Iterator[dict[str, Any]]:
    """A pool that offers passkeys with the relying party localhost, a domain and an OAuth app client."""
    pool = idp.create_user_pool(
        PoolName=f"passkey-pages-{uuid.uuid4().hex[:6]}",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}},
    )["UserPool"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], WebAuthnConfiguration={"RelyingPartyId": "localhost", "UserVerification": "required"}
    )
    domain = f"pk{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "aws.cognito.signin.user.admin"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    new_user(idp, pool["Id"], "ann")
    yield {"pool_id": pool["Id"], "domain": domain, "client_id": client["ClientId"]}
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=pool["Id"])


def local_origin(base_url: str) -> str:
    return f"http://localhost:{urlsplit(base_url).port}"


def virtual_authenticator(context: Any, page: Any) -> tuple[Any, str]:
    """A CDP virtual platform authenticator (resident keys, user verification) for ``page``."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, str(added["authenticatorId"])


def test_add_a_passkey_then_sign_in_with_it(idp: Any, cognito: Any, site: dict[str, Any]) -> None:
    origin = local_origin(cognito.base_url)
    base = f"{origin}/{site['domain']}"
    idp.update_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(
        UserPoolId=site["pool_id"], ClientId=site["client_id"], UseCognitoProvidedValues=True
    )
    query = {
        "client_id": site["client_id"],
        "response_type": "code",
        "redirect_uri": CALLBACK,
        "scope": "openid aws.cognito.signin.user.admin",
    }
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            page = context.new_page()
            cdp, authenticator = virtual_authenticator(context, page)
            redirected: list[str] = []

            def callback(route: Any) -> None:
                redirected.append(route.request.url)
                route.fulfill(status=200, content_type="text/plain", body="back in the app")

            page.route(f"{CALLBACK}*", callback)

            # Signed in with a password, the user adds a passkey on /passkeys/add.
            page.goto(f"{base}/oauth2/authorize?{urlencode(query)}")
            page.fill("#username", "ann")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{CALLBACK}*")
            page.goto(f"{base}/passkeys/add?{urlencode({'client_id': site['client_id'], 'redirect_uri': CALLBACK})}")
            assert page.inner_text("#passkey-user") == "ann"
            page.click("#passkey-add-button")
            page.wait_for_url(CALLBACK)
            stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
            assert len(stored["credentials"]) == 1
            assert stored["credentials"][0]["rpId"] == "localhost"

            # Then signs in with it: the login page's passkey button, the passkey page, the browser's prompt.
            redirected.clear()
            page.goto(f"{base}/oauth2/authorize?{urlencode({**query, 'prompt': 'login'})}")
            page.click("#passkey-sign-in")
            page.wait_for_url("**/passkey?*")
            page.fill("#username", "ann")
            page.click("#passkey-button")
            page.wait_for_url(f"{CALLBACK}?code=*")
            assert redirected, page.content()
        finally:
            browser.close()

    code = parse_qs(urlsplit(redirected[-1]).query)["code"][0]
    answer = httpx.post(
        f"{base}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": site["client_id"],
            "code": code,
            "redirect_uri": CALLBACK,
        },
        timeout=20,
    )
    assert answer.status_code == 200, answer.text
    access = answer.json()["access_token"]
    assert idp.get_user(AccessToken=access)["Username"] == "ann"
    listed = idp.list_web_authn_credentials(AccessToken=access)["Credentials"]
    assert len(listed) == 1 and listed[0]["RelyingPartyId"] == "localhost"


def test_passkey_page_says_when_the_user_has_no_passkey(cognito: Any, site: dict[str, Any]) -> None:
    origin = local_origin(cognito.base_url)
    query = urlencode({"client_id": site["client_id"], "response_type": "code", "redirect_uri": CALLBACK})
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(f"{origin}/{site['domain']}/passkey?{query}")
            page.fill("#username", "ann")
            page.click("#passkey-button")
            page.wait_for_selector("#passkey-error:not([hidden])")
            assert "not available" in page.inner_text("#passkey-error")
            assert not [e for e in errors if "Content Security Policy" in e]
        finally:
            browser.close()


def test_the_passkey_page_script_speaks_the_page_language(idp: Any, cognito: Any, site: dict[str, Any]) -> None:
    origin = local_origin(cognito.base_url)
    idp.update_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(
        UserPoolId=site["pool_id"], ClientId=site["client_id"], UseCognitoProvidedValues=True
    )
    query = urlencode({"client_id": site["client_id"], "response_type": "code", "redirect_uri": CALLBACK, "lang": "de"})
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            # The server's answer to the script (ann has no passkey), in German.
            page = browser.new_page()
            page.goto(f"{origin}/{site['domain']}/passkey?{query}")
            assert page.inner_text("h1") == "Mit einem Passkey anmelden"
            page.fill("#username", "ann")
            page.click("#passkey-button")
            page.wait_for_selector("#passkey-error:not([hidden])")
            assert (
                page.inner_text("#passkey-error")
                == "Die Anmeldung mit Passkey ist für diesen Benutzer nicht verfügbar."
            )
            # The script's own message, for a browser without passkeys.
            bare = browser.new_context()
            bare.add_init_script("delete window.PublicKeyCredential;")
            page = bare.new_page()
            page.goto(f"{origin}/{site['domain']}/passkey?{query}")
            page.fill("#username", "ann")
            page.click("#passkey-button")
            page.wait_for_selector("#passkey-error:not([hidden])")
            assert page.inner_text("#passkey-error") == "Dieser Browser unterstützt keine Passkeys."
        finally:
            browser.close()
