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
from tests.integration.hosted_ui_support import Browser, add_user, authorize_params, make_site, query_of


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
