"""The managed login pages in the language of the authorize request's ``lang`` (AWS's eleven), carried from
``/oauth2/authorize`` to ``/login`` and the pages after it; English for an unknown language and always on
the classic hosted UI."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from console.emulator.hosted_ui import localization
from tests.conftest import unique
from tests.integration.hosted_ui_support import Browser, add_user, authorize_params, hidden_fields, make_site, query_of


def managed_site(idp: Any, **pool: Any) -> dict[str, Any]:
    """A pool on the Essentials plan whose domain serves managed login, with a style for its app client."""
    pool.setdefault("UsernameConfiguration", {"CaseSensitive": False})
    pool_id = idp.create_user_pool(PoolName=unique("ml"), UserPoolTier="ESSENTIALS", **pool)["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    idp.update_user_pool_domain(UserPoolId=pool_id, Domain=made["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=made["client_id"], UseCognitoProvidedValues=True)
    add_user(idp, pool_id)
    return made


@contextlib.contextmanager
def browsing(cognito: Any, idp: Any, made: dict[str, Any]) -> Iterator[Browser]:
    browser = Browser(cognito.base_url, made["domain"])
    try:
        yield browser
    finally:
        browser.close()
        with contextlib.suppress(Exception):
            idp.delete_user_pool_domain(UserPoolId=made["pool_id"], Domain=made["domain"])
            idp.delete_user_pool(UserPoolId=made["pool_id"])


def html_lang(page: Any) -> str:
    found = re.search(r'<html lang="([^"]+)">', page.text)
    assert found, page.text
    return found.group(1)


def heading(page: Any) -> str:
    found = re.search(r'<h1 class="title" id="title">([^<]*)</h1>', page.text)
    assert found, page.text
    return html.unescape(found.group(1))


def alert(page: Any) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', page.text)
    assert found, page.text
    return html.unescape(found.group(1))


def href(page: Any, path: str) -> str:
    found = re.search(rf'href="([^"]*{re.escape(path)}\?[^"]*)"', page.text)
    assert found, page.text
    return html.unescape(found.group(1))


def test_the_catalogue_has_every_language_for_every_string() -> None:
    assert localization.SUPPORTED == ("en", "de", "es", "fr", "id", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW")
    for english, translations in localization.CATALOGUE.items():
        assert len(translations) == len(localization.LANGUAGES), english
        wanted = sorted(re.findall(r"\{(\w+)\}", english))
        for text in translations:
            assert text.strip() and sorted(re.findall(r"\{(\w+)\}", text)) == wanted, (english, text)


@pytest.mark.parametrize(
    ("lang", "code"),
    [("de", "de"), ("DE-at", "de"), ("pt", "pt-BR"), ("zh-Hant", "zh-TW"), ("zh", "zh-CN"), ("xx", "en"), ("", "en")],
)
def test_a_lang_is_one_of_the_eleven_or_english(lang: str, code: str) -> None:
    assert localization.language(lang) == code


def test_a_sentence_written_in_english_is_translated_with_its_parts() -> None:
    german = localization.translator("de")
    assert german("We sent a code by email to a***@e***.com. Enter it below.") == (
        "Wir haben einen Code per E-Mail an a***@e***.com gesendet. Geben Sie ihn unten ein."
    )
    assert german("Use at least 8 characters, an uppercase letter, a number.") == (
        "Verwenden Sie mindestens 8 Zeichen, einen Großbuchstaben, eine Ziffer."
    )
    japanese = localization.translator("ja")
    assert japanese("Use at least 8 characters, a symbol.") == "8 文字以上、記号を使用してください。"
    # What the catalogue does not hold (an API's or a trigger's message) is shown as it is, never half translated.
    assert german("Use a company email address.") == "Use a company email address."
    assert german("We sent a code by pigeon. Enter it below.") == "We sent a code by pigeon. Enter it below."
    assert german("Password did not conform with policy: Password not long enough") == (
        "Password did not conform with policy: Password not long enough"
    )


def test_lang_travels_from_authorize_to_login_and_the_pages_after_it(cognito: Any, idp: Any) -> None:
    made = managed_site(idp)
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang="de"))
        assert query_of(str(page.url))["lang"] == "de"
        assert html_lang(page) == "de"
        assert heading(page) == "Anmelden"
        assert "<title>Anmelden</title>" in page.text
        assert '<label for="username" class="label-customizable">Benutzername</label>' in page.text
        assert '<label for="password" class="label-customizable">Passwort</label>' in page.text
        assert ">Passwort vergessen?</a>" in page.text
        wrong = browser.submit(page, "/login", username="alice", password="not-the-password")
        assert wrong.status_code == 400 and html_lang(wrong) == "de"
        assert alert(wrong) == "Falscher Benutzername oder falsches Passwort."
        signup = browser.follow(href(page, "/signup"))
        assert query_of(str(signup.url))["lang"] == "de"
        assert html_lang(signup) == "de" and heading(signup) == "Registrieren"
        assert "Verwenden Sie mindestens 8 Zeichen" in signup.text
        forgot = browser.follow(href(page, "/forgotPassword"))
        assert heading(forgot) == "Passwort vergessen?"
        sent = browser.submit(forgot, "/forgotPassword", username="alice")
        assert heading(sent) == "Passwort zurücksetzen"
        assert "Wir haben einen Code zum Zurücksetzen des Passworts per E-Mail an" in sent.text


def test_japanese_sign_up_and_its_code_page(cognito: Any, idp: Any) -> None:
    made = managed_site(idp, AutoVerifiedAttributes=["email"])
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang="ja"))
        assert heading(page) == "サインイン"
        signup = browser.follow(href(page, "/signup"))
        assert heading(signup) == "サインアップ" and html_lang(signup) == "ja"
        assert ">E メール</label>" in signup.text
        confirm = browser.submit(
            signup, "/signup", username="kenji", password="Passw0rd!long", attr_email="k@example.com"
        )
        assert confirm.status_code == 200, confirm.text
        assert heading(confirm) == "アカウントの確認"
        assert "E メールで k***@e*** にコードを送信しました。" in html.unescape(confirm.text)
        assert ">確認コード</label>" in confirm.text


@pytest.mark.parametrize("lang", localization.SUPPORTED)
def test_every_language_has_its_sign_in_page(cognito: Any, idp: Any, lang: str) -> None:
    made = managed_site(idp)
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang=lang))
        assert page.status_code == 200
        assert html_lang(page) == lang
        assert heading(page) == localization.translator(lang)("Sign in")
        assert len(page.text.encode()) < 100_000


def test_an_unknown_language_is_english(cognito: Any, idp: Any) -> None:
    made = managed_site(idp)
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang="tlh"))
        assert html_lang(page) == "en" and heading(page) == "Sign in"


def test_the_error_page_speaks_the_language_too(cognito: Any, idp: Any) -> None:
    made = managed_site(idp)
    with browsing(cognito, idp, made) as browser:
        page = browser.authorize(**authorize_params(made, lang="fr", redirect_uri="https://elsewhere.example/cb"))
        assert page.status_code == 400
        assert html_lang(page) == "fr" and heading(page) == "Un problème est survenu"
        assert 'id="error-code">redirect_mismatch<' in page.text


def test_the_classic_hosted_ui_is_english_whatever_lang_says(cognito: Any, idp: Any) -> None:
    pool_id = idp.create_user_pool(PoolName=unique("classic"))["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    add_user(idp, pool_id)
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang="de"))
        assert urlsplit(str(page.url)).path.endswith("/login")
        assert html_lang(page) == "en" and heading(page) == "Sign in"
        assert "Benutzername" not in page.text


def form_action(page: Any, form_id: str = "") -> str:
    """The address a page's form posts to (the one with ``form_id``, else the first posted form)."""
    found = re.search(rf'<form method="post" action="([^"]+)"[^>]*{re.escape(form_id)}', page.text)
    assert found, page.text
    return html.unescape(found.group(1))


def post_to(browser: Browser, address: str, data: dict[str, str]) -> Any:
    """Post ``data`` to an address a page gave (a path on the server, the domain's included)."""
    return browser.post(f"{browser.base.rsplit('/', 1)[0]}{address}", data)


def test_the_passkey_pages_speak_the_language_too(cognito: Any, idp: Any) -> None:
    made = managed_site(idp, Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})
    idp.set_user_pool_mfa_config(UserPoolId=made["pool_id"], WebAuthnConfiguration={"RelyingPartyId": "localhost"})
    german = localization.translator("de")
    with browsing(cognito, idp, made) as browser:
        login = browser.login_page(**authorize_params(made, lang="de"))
        link = re.search(r'id="passkey-sign-in" href="([^"]+)">([^<]+)<', login.text)
        assert link is not None and link.group(2) == "Mit Passkey anmelden"
        page = browser.follow(html.unescape(link.group(1)))
        assert page.status_code == 200, page.text
        assert html_lang(page) == "de" and heading(page) == "Mit einem Passkey anmelden"
        assert "<title>Mit einem Passkey anmelden</title>" in page.text
        assert '<label for="username" class="label-customizable">Benutzername</label>' in page.text
        assert ">Stattdessen mit Ihrem Passwort anmelden</a>" in page.text
        # What the page's script shows when the browser's request fails, from the error box's attributes.
        assert 'data-cancelled="Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen."' in page.text
        assert 'data-unsupported="Dieser Browser unterstützt keine Passkeys."' in page.text
        assert 'data-failed="Die Passkey-Anfrage ist fehlgeschlagen."' in page.text
        script = browser.get("/passkey.js").text
        assert 'said("cancelled"' in script and 'said("unsupported"' in script
        # The script posts to the form's addresses, which carry the language of the page's answers.
        options = re.search(r'data-options="([^"]+)"', page.text)
        assert options is not None and urlsplit(html.unescape(options.group(1))).query == "lang=de"
        assert urlsplit(form_action(page, 'id="passkey-form"')).query == "lang=de"
        fields = hidden_fields(page.text)
        for username, message in (
            ("alice", "Passkey sign-in is not available for this user."),
            ("", "Please enter your username."),
        ):
            refused = post_to(browser, html.unescape(options.group(1)), {**fields, "username": username})
            assert refused.status_code == 400
            assert refused.json() == {"error": german(message)} and german(message) != message
        expired = post_to(browser, html.unescape(options.group(1)), {**fields, "_csrf": "forged", "username": "alice"})
        assert expired.status_code == 403
        assert expired.json() == {"error": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."}

        # Adding a passkey, in Japanese: refused before signing in, then the page of the signed-in user.
        add = {"client_id": made["client_id"], "redirect_uri": authorize_params(made)["redirect_uri"], "lang": "ja"}
        anonymous = browser.get("/passkeys/add", add)
        assert anonymous.status_code == 401 and html_lang(anonymous) == "ja"
        assert alert(anonymous) == "パスキーを追加する前にサインインしてください。"
        assert browser.answer(**authorize_params(made)).status_code == 302
        page = browser.get("/passkeys/add", add)
        assert page.status_code == 200, page.text
        assert html_lang(page) == "ja" and heading(page) == "パスキーを追加"
        assert '<strong id="passkey-user">alice</strong> としてサインインしています。' in page.text
        assert ">後で</a>" in page.text and ">パスキーを追加</button>" in page.text
        assert 'data-registered="このパスキーは既に登録されています。"' in page.text
        action = form_action(page, 'id="passkey-add-form"')
        assert urlsplit(action).query == "lang=ja"
        unreadable = post_to(browser, action, {**hidden_fields(page.text), "credential": "not json"})
        assert unreadable.status_code == 400 and unreadable.json() == {"error": "パスキーを読み取れませんでした。"}


def test_the_passkey_pages_of_the_classic_hosted_ui_are_english(cognito: Any, idp: Any) -> None:
    pool_id = idp.create_user_pool(
        PoolName=unique("classic"), Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
    )["UserPool"]["Id"]
    made = make_site(idp, pool_id)
    with browsing(cognito, idp, made) as browser:
        page = browser.get("/passkey", authorize_params(made, lang="de"))
        assert page.status_code == 200, page.text
        assert html_lang(page) == "en" and heading(page) == "Sign in with a passkey"
        assert 'data-failed="The passkey request failed."' in page.text
        assert urlsplit(form_action(page, 'id="passkey-form"')).query == ""
        refused = browser.post("/passkey/options?lang=de", {**hidden_fields(page.text), "username": ""})
        assert refused.json() == {"error": "Please enter your username."}


def test_an_expired_form_is_answered_in_the_language_of_its_page(cognito: Any, idp: Any) -> None:
    made = managed_site(idp)
    expired = "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."
    with browsing(cognito, idp, made) as browser:
        page = browser.login_page(**authorize_params(made, lang="de"))
        action = form_action(page)
        assert urlsplit(action).path == f"/{made['domain']}/login" and urlsplit(action).query == "lang=de"
        fields = hidden_fields(page.text)
        # A failed CSRF check (another browser's form, a lost cookie): the sealed request is not opened.
        forged = post_to(browser, action, {**fields, "_csrf": "forged", "username": "alice", "password": "x"})
        assert forged.status_code == 403 and html_lang(forged) == "de"
        assert heading(forged) == "Etwas ist schiefgelaufen" and alert(forged) == expired
        # A form whose sealed authorize request can't be opened (tampered with, or from before a restart).
        stale = post_to(
            browser, action, {**fields, "authorization": "x" + fields["authorization"], "username": "alice"}
        )
        assert stale.status_code == 400 and html_lang(stale) == "de" and alert(stale) == expired
        forgot = browser.follow(href(page, "/forgotPassword"))
        forgot_action = form_action(forgot)
        assert urlsplit(forgot_action).query == "lang=de"
        forged = post_to(browser, forgot_action, {**hidden_fields(forgot.text), "_csrf": "forged", "username": "alice"})
        assert forged.status_code == 403 and alert(forged) == expired
        # English pages post to plain addresses.
        english = browser.login_page(**authorize_params(made))
        assert urlsplit(form_action(english)).query == ""
