"""What the hosted UI's pages carry over HTTP: the authenticator setup page's QR code (inline SVG of its
otpauth:// URI), and a managed login style's page header and footer, form logo, favicons and identity
provider icons (small images in the page, larger ones served by the domain itself), under the same
restrictive Content-Security-Policy."""

from __future__ import annotations

import base64
import contextlib
import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pyotp
import segno

from console.emulator.hosted_ui.pages import qr_svg
from tests.conftest import unique
from tests.integration.hosted_ui_support import CALLBACK, Browser, add_user, authorize_params, make_site

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="#c00"/></svg>'
ICO = b"\x00\x00\x01\x00" + bytes(18)
# A PNG over the size the pages carry in themselves (what follows its end is ignored by image decoders).
BIG_PNG = PNG + bytes(20_000)


@contextlib.contextmanager
def site(cognito: Any, idp: Any, *, managed: bool, **client: Any) -> Iterator[tuple[dict[str, Any], Browser]]:
    pool_id = idp.create_user_pool(
        PoolName=unique("Look"), UserPoolTier="ESSENTIALS", UsernameConfiguration={"CaseSensitive": False}
    )["UserPool"]["Id"]
    made = make_site(idp, pool_id, **client)
    if managed:
        idp.update_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"], ManagedLoginVersion=2)
    add_user(idp, pool_id)
    browser = Browser(cognito.base_url, made["domain"])
    try:
        yield made, browser
    finally:
        browser.close()
        with contextlib.suppress(Exception):
            idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"])
            idp.delete_user_pool(UserPoolId=pool_id)


def image(browser: Browser, address: str) -> tuple[bytes, str]:
    """The image a page names (``&amp;`` and all): its bytes and media type. A small one is in the page (a
    data: URL); a larger one is served by the domain itself for a year (its address changes with its
    bytes), unable to run anything when opened on its own."""
    address = html.unescape(address)
    if address.startswith("data:"):
        kind, _, data = address.removeprefix("data:").partition(";base64,")
        return base64.b64decode(data), kind
    assert address.startswith("/") and "/managed-login/assets?" in address, address
    answer = browser.follow(address)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in answer.headers["content-security-policy"]
    return answer.content, answer.headers["content-type"]


def setup_page(idp: Any, made: dict[str, Any], browser: Browser, **params: str) -> Any:
    idp.set_user_pool_mfa_config(
        UserPoolId=made["pool_id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    page = browser.sign_in("alice", **authorize_params(made, **params))
    assert page.status_code == 200, page.text
    return page


def test_the_authenticator_setup_page_shows_the_qr_code_of_its_otpauth_uri(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=False) as (made, browser):
        page = setup_page(idp, made, browser)
        secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', page.text)
        link = re.search(r'href="(otpauth://[^"]+)"', page.text)
        assert secret and link, page.text
        uri = html.unescape(link.group(1))
        parts = urlsplit(uri)
        pool_name = idp.describe_user_pool(UserPoolId=made["pool_id"])["UserPool"]["Name"]
        assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
        assert unquote(parts.path) == f"/{pool_name}:alice"
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert query == {"secret": secret.group(1), "issuer": pool_name}
        # The page's SVG is the QR code of exactly that URI (segno draws the same modules for the same data).
        drawn = re.search(
            r'<div class="qr-frame" id="totp-qr" role="img" aria-label="[^"]+">(<svg .*?</svg>)</div>', page.text
        )
        assert drawn, page.text
        assert drawn.group(1) == str(qr_svg(uri))
        assert drawn.group(1) != str(qr_svg(uri.replace(secret.group(1), "A" * len(secret.group(1)))))
        assert segno.make(uri, error="m").designator.endswith("-M")
        assert "<script" not in page.text and "http://" not in drawn.group(1).replace("http://www.w3.org", "")
        policy = page.headers["content-security-policy"]
        assert "img-src 'self' data:" in policy and "unsafe-inline" not in policy
        answer = browser.submit(page, "/mfa", code=pyotp.TOTP(secret.group(1)).now())
        assert answer.status_code == 302 and answer.headers["location"].startswith(CALLBACK)


def test_the_qr_code_is_on_the_managed_login_page_in_its_language(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=True) as (made, browser):
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"], ClientId=made["client_id"], UseCognitoProvidedValues=True
        )
        page = setup_page(idp, made, browser, lang="ja")
        assert '<h1 class="title" id="title">認証アプリの設定</h1>' in page.text
        assert 'aria-label="認証アプリ用の QR コード"' in page.text and '<svg viewBox="0 0 ' in page.text
        assert len(page.text.encode()) < 100_000


def test_a_managed_login_style_draws_its_header_footer_logos_favicons_and_idp_icons(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=True) as (made, browser):
        idp.create_identity_provider(
            UserPoolId=made["pool_id"],
            ProviderName="Corp",
            ProviderType="OIDC",
            ProviderDetails={
                "client_id": "corp",
                "client_secret": "s",
                "attributes_request_method": "GET",
                "oidc_issuer": "https://corp.example.com",
                "authorize_scopes": "openid",
                "authorize_url": "https://corp.example.com/authorize",
                "token_url": "https://corp.example.com/token",
                "attributes_url": "https://corp.example.com/userinfo",
                "jwks_uri": "https://corp.example.com/jwks",
            },
        )
        idp.update_user_pool_client(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code", "implicit"],
            AllowedOAuthScopes=["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            CallbackURLs=[CALLBACK],
            SupportedIdentityProviders=["COGNITO", "Corp"],
        )
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            Settings={
                "categories": {
                    "global": {
                        "colorSchemeMode": "DYNAMIC",
                        "pageHeader": {"enabled": True},
                        "pageFooter": {"enabled": True},
                        "spacingDensity": "COMPACT",
                    },
                    "auth": {
                        "authMethodOrder": [
                            [
                                {"display": "INPUT", "type": "USERNAME_PASSWORD"},
                                {"display": "BUTTON", "type": "FEDERATED"},
                            ]
                        ]
                    },
                },
                "components": {
                    "pageHeader": {
                        "logo": {"enabled": True, "location": "CENTER"},
                        "lightMode": {"background": {"color": "123456ff"}},
                    },
                    "pageFooter": {"logo": {"enabled": True, "location": "END"}},
                    "form": {"logo": {"enabled": True, "formInclusion": "OUT", "location": "START", "position": "TOP"}},
                    "favicon": {"enabledTypes": ["ICO", "SVG"]},
                },
            },
            Assets=[
                {"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": BIG_PNG},
                {"Category": "PAGE_HEADER_LOGO", "ColorMode": "DARK", "Extension": "SVG", "Bytes": SVG},
                {"Category": "PAGE_FOOTER_LOGO", "ColorMode": "DYNAMIC", "Extension": "SVG", "Bytes": SVG},
                {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG},
                {"Category": "PAGE_BACKGROUND", "ColorMode": "DARK", "Extension": "PNG", "Bytes": BIG_PNG},
                {"Category": "FAVICON_ICO", "ColorMode": "LIGHT", "Extension": "ICO", "Bytes": ICO},
                {"Category": "FAVICON_SVG", "ColorMode": "LIGHT", "Extension": "SVG", "Bytes": SVG},
                {
                    "Category": "IDP_BUTTON_ICON",
                    "ColorMode": "LIGHT",
                    "Extension": "SVG",
                    "Bytes": SVG,
                    "ResourceId": "Corp",
                },
            ],
        )
        page = browser.login_page(**authorize_params(made))
        text = page.text
        header = re.search(r'<header class="page-header" id="page-header">(.*?)</header>', text, re.S)
        footer = re.search(r'<footer class="page-footer" id="page-footer">(.*?)</footer>', text, re.S)
        assert header and footer, text
        assert 'class="bar-content place-center"' in header.group(1)
        dark = re.search(r'<source media="\(prefers-color-scheme: dark\)" srcset="([^"]+)">', header.group(1))
        light = re.search(r'<img class="bar-logo" src="([^"]+)"', header.group(1))
        assert dark and light, header.group(1)
        assert image(browser, dark.group(1)) == (SVG, "image/svg+xml")
        assert "/managed-login/assets?" in light.group(1) and dark.group(1).startswith("data:image/svg+xml;base64,")
        assert image(browser, light.group(1)) == (BIG_PNG, "image/png")
        assert 'class="bar-content place-end"' in footer.group(1)
        footer_logo = re.search(r'<img class="bar-logo" src="([^"]+)"', footer.group(1))
        assert footer_logo and image(browser, footer_logo.group(1)) == (SVG, "image/svg+xml")
        icons = dict(re.findall(r'<link rel="icon" type="([^"]+)" href="([^"]+)">', text))
        assert image(browser, icons["image/x-icon"]) == (ICO, "image/x-icon")
        assert image(browser, icons["image/svg+xml"]) == (SVG, "image/svg+xml")
        # The form's logo stands outside the card, above it; the style's colours and spacing are in its stylesheet.
        assert re.search(r'<div class="column">\s*<div class="banner banner-customizable form-logo">', text)
        assert ".form-logo{justify-content:flex-start;}" in text
        assert "--header-bg:#123456ff;" in text and "--density:0.75;" in text
        # The page's background image in dark mode only (the only mode it was given for).
        background = re.findall(r'\.managed \.page\{background:var\(--page-bg\) url\("([^"]+)"\)', text)
        assert len(background) == 1 and "mode=DARK" in background[0] and image(browser, background[0])[0] == BIG_PNG
        assert text.index("prefers-color-scheme: dark){") < text.index(background[0])
        # The identity provider's button has its icon, after the password form as the method order says.
        button = re.search(r'<a class="idp-button idpButton-customizable" href="[^"]+">(.*?)</a>', text)
        icon = re.search(r'<img class="idp-icon" src="([^"]+)" alt="">', button.group(1)) if button else None
        assert button and icon and image(browser, icon.group(1)) == (SVG, "image/svg+xml")
        assert text.index('action="/') < text.index("idp-button idpButton")
        assert "Continue with Corp" in button.group(1)
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "img-src 'self' data:" in policy and "unsafe-inline" not in policy
        assert len(text.encode()) < 100_000


def test_cognito_provided_values_show_no_header_or_footer(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=True) as (made, browser):
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"], ClientId=made["client_id"], UseCognitoProvidedValues=True
        )
        page = browser.login_page(**authorize_params(made))
        assert "page-header" not in page.text.split("</style>")[-1]
        assert "page-footer" not in page.text.split("</style>")[-1]
        assert '<link rel="icon"' not in page.text
        assert "--button-bg:#0972d3ff;" in page.text


def test_a_style_with_a_provider_drop_down_and_graphics(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=True) as (made, browser):
        for name in ("Google", "Facebook"):
            idp.create_identity_provider(
                UserPoolId=made["pool_id"],
                ProviderName=name,
                ProviderType=name,
                ProviderDetails={"client_id": "c", "client_secret": "s", "authorize_scopes": "openid email"},
            )
        idp.update_user_pool_client(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code"],
            AllowedOAuthScopes=["openid", "email"],
            CallbackURLs=[CALLBACK],
            SupportedIdentityProviders=["COGNITO", "Google", "Facebook"],
        )
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            Settings={
                "categories": {
                    "form": {"languageSelector": {"enabled": True}, "displayGraphics": True},
                    "auth": {"federation": {"interfaceStyle": "DROPDOWN"}},
                }
            },
            Assets=[{"Category": "AUTH_APP_GRAPHIC", "ColorMode": "DYNAMIC", "Extension": "SVG", "Bytes": SVG}],
        )
        page = browser.login_page(**authorize_params(made, lang="it", state="s1"))
        text = html.unescape(page.text)
        # languageSelector is reserved by AWS (botocore: "not currently implemented"): no selector, the page in Italian.
        assert '<html lang="it">' in text and ">Accedi</h1>" in text
        assert "languages" not in text.split("</style>")[-1]
        # The providers in a drop-down list: a GET form to /oauth2/authorize with the request's parameters.
        form = re.search(r'<form class="idp-select" method="get" action="([^"]+)"[^>]*>(.*?)</form>', text, re.S)
        assert form, text
        assert form.group(1) == f"/{made['domain']}/oauth2/authorize"
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2)))
        assert hidden["client_id"] == made["client_id"] and hidden["state"] == "s1" and hidden["lang"] == "it"
        assert "identity_provider" not in hidden
        assert re.findall(r'<option value="([^"]+)">', form.group(2)) == ["Google", "Facebook"]
        assert "idp-button" not in text.split("</style>")[-1]
        # The authenticator app's graphic above the set-up page's heading.
        setup = setup_page(idp, made, browser, lang="it")
        graphic = re.search(
            r'<div class="graphic">\s*<picture><img class="graphic-image" src="([^"]+)" alt=""></picture>\s*</div>',
            setup.text,
        )
        assert graphic and image(browser, graphic.group(1)) == (SVG, "image/svg+xml")
        assert setup.text.index('class="graphic"') < setup.text.index('id="title"')


def test_an_image_the_style_does_not_have_is_not_found(cognito: Any, idp: Any) -> None:
    with site(cognito, idp, managed=True) as (made, browser):
        idp.create_managed_login_branding(
            UserPoolId=made["pool_id"],
            ClientId=made["client_id"],
            Settings={"components": {"form": {"logo": {"enabled": True}}}},
            Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": BIG_PNG}],
        )
        page = browser.login_page(**authorize_params(made))
        logo = re.search(r'<img class="logo logo-customizable" src="(/[^"]+)"', page.text)
        assert logo and image(browser, logo.group(1)) == (BIG_PNG, "image/png")
        assert len(page.text.encode()) < 20_000
        base = f"/{made['domain']}/managed-login/assets"
        for query in (
            {"client_id": made["client_id"], "category": "FORM_LOGO", "mode": "DARK"},
            {"client_id": "nope", "category": "FORM_LOGO", "mode": "LIGHT"},
            {"client_id": made["client_id"], "category": "FORM_LOGO", "mode": "LIGHT", "resource": "x" * 300},
        ):
            assert browser.get(base.removeprefix(f"/{made['domain']}"), query).status_code == 404
        # An old fingerprint still gets the image, not to be kept.
        stale = browser.get(
            "/managed-login/assets",
            {"client_id": made["client_id"], "category": "FORM_LOGO", "mode": "LIGHT", "v": "old"},
        )
        assert stale.status_code == 200 and stale.content == BIG_PNG and stale.headers["cache-control"] == "no-cache"
