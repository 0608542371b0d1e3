"""Passkey sign-in on the hosted UI through HTTP, as the passkey page's script drives it: the login page's
link, /passkey, /passkey/options (the request options as JSON), the assertion posted to /passkey, and the
redirect with a code; with the software authenticator of passkey_support.py on the local server's origin."""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.integration.auth_support import PASSWORD, new_user, secret_hash
from tests.integration.passkey_support import Authenticator

CALLBACK = "http://localhost:8976/callback"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden(page: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _HIDDEN.findall(page)}


@pytest.fixture
def site(idp: Any) -> Iterator[dict[str, Any]]:
    """A pool offering passkeys with the relying party localhost, a domain, an OAuth client, user ann."""
    pool = idp.create_user_pool(
        PoolName=f"passkey-site-{uuid.uuid4().hex[:6]}",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}},
    )["UserPool"]
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], WebAuthnConfiguration={"RelyingPartyId": "localhost"})
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
        GenerateSecret=True,
    )["UserPoolClient"]
    new_user(idp, pool["Id"], "ann")
    yield {"pool_id": pool["Id"], "domain": domain, "client": client}
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=pool["Id"])


def origin_of(base_url: str) -> str:
    return f"http://localhost:{urlsplit(base_url).port}"


def register(idp: Any, site: dict[str, Any], origin: str) -> Authenticator:
    client = site["client"]
    access = idp.initiate_auth(
        ClientId=client["ClientId"],
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "ann",
            "PASSWORD": PASSWORD,
            "SECRET_HASH": secret_hash(client["ClientSecret"], "ann", client["ClientId"]),
        },
    )["AuthenticationResult"]["AccessToken"]
    key = Authenticator()
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    idp.complete_web_authn_registration(AccessToken=access, Credential=key.create(options, origin))
    return key


def test_passkey_sign_in_through_the_hosted_ui(idp: Any, cognito: Any, site: dict[str, Any]) -> None:
    origin = origin_of(cognito.base_url)
    base = f"{origin}/{site['domain']}"
    key = register(idp, site, origin)
    query = {"client_id": site["client"]["ClientId"], "response_type": "code", "redirect_uri": CALLBACK}
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        login = browser.get(f"{base}/login", params=query)
        assert login.status_code == 200, login.text
        link = re.search(r'id="passkey-sign-in" href="([^"]+)"', login.text)
        assert link is not None
        page = browser.get(f"{origin}{html.unescape(link.group(1))}")
        assert page.status_code == 200, page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert '<script src="/' in page.text and "<script>" not in page.text
        script = browser.get(f"{base}/passkey.js")
        assert script.status_code == 200 and "navigator.credentials.get" in script.text

        fields = hidden(page.text)
        answer = browser.post(f"{base}/passkey/options", data={**fields, "username": "ann"})
        assert answer.status_code == 200, answer.text
        options = answer.json()["options"]
        assert options["rpId"] == "localhost"
        assert [c["id"] for c in options["allowCredentials"]] == [key.id]

        done = browser.post(
            f"{base}/passkey",
            data={**fields, "state": answer.json()["state"], "credential": json.dumps(key.get(options, origin))},
        )
        assert done.status_code == 302, done.text
        location = done.headers["location"]
        assert location.startswith(CALLBACK)
        code = parse_qs(urlsplit(location).query)["code"][0]
    tokens = httpx.post(
        f"{base}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK},
        auth=(site["client"]["ClientId"], site["client"]["ClientSecret"]),
        timeout=20,
    )
    assert tokens.status_code == 200, tokens.text
    assert idp.get_user(AccessToken=tokens.json()["access_token"])["Username"] == "ann"


def test_passkey_pages_refuse_bad_input(idp: Any, cognito: Any, site: dict[str, Any]) -> None:
    origin = origin_of(cognito.base_url)
    base = f"{origin}/{site['domain']}"
    query = {"client_id": site["client"]["ClientId"], "response_type": "code", "redirect_uri": CALLBACK}
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        page = browser.get(f"{base}/passkey", params=query)
        fields = hidden(page.text)
        no_passkey = browser.post(f"{base}/passkey/options", data={**fields, "username": "ann"})
        assert no_passkey.status_code == 400
        assert no_passkey.json() == {"error": "Passkey sign-in is not available for this user."}
        nobody = browser.post(f"{base}/passkey/options", data={**fields, "username": "nobody"})
        assert nobody.status_code == 400
        forged = browser.post(f"{base}/passkey/options", data={**fields, "_csrf": "x", "username": "ann"})
        assert forged.status_code == 403

        key = register(idp, site, origin)
        answer = browser.post(f"{base}/passkey/options", data={**fields, "username": "ann"}).json()
        elsewhere = key.get(answer["options"], "https://evil.example.net")
        refused = browser.post(
            f"{base}/passkey", data={**fields, "state": answer["state"], "credential": json.dumps(elsewhere)}
        )
        assert refused.status_code == 400
        assert "Incorrect username or password." in refused.text
        tampered = browser.post(f"{base}/passkey", data={**fields, "state": "x" + answer["state"], "credential": "{}"})
        assert tampered.status_code == 400
        assert "expired" in tampered.text

        # The page's script posts with Accept: application/json and follows the location it is given.
        script = {"accept": "application/json"}
        refused_json = browser.post(
            f"{base}/passkey",
            data={**fields, "state": answer["state"], "credential": json.dumps(elsewhere)},
            headers=script,
        )
        assert refused_json.status_code == 400
        assert refused_json.json() == {"error": "Incorrect username or password."}
        answer = browser.post(f"{base}/passkey/options", data={**fields, "username": "ann"}).json()
        signed_in = browser.post(
            f"{base}/passkey",
            data={**fields, "state": answer["state"], "credential": json.dumps(key.get(answer["options"], origin))},
            headers=script,
        )
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json()["location"].startswith(f"{CALLBACK}?code=")
        assert "set-cookie" in signed_in.headers


def signed_in_browser(base: str, site: dict[str, Any]) -> httpx.Client:
    """A browser with a hosted UI session: ann signed in with her password at /login."""
    browser = httpx.Client(follow_redirects=False, timeout=20)
    query = {"client_id": site["client"]["ClientId"], "response_type": "code", "redirect_uri": CALLBACK}
    login = browser.get(f"{base}/login", params=query)
    assert login.status_code == 200, login.text
    done = browser.post(f"{base}/login", data={**hidden(login.text), "username": "ann", "password": PASSWORD})
    assert done.status_code == 302 and done.headers["location"].startswith(CALLBACK), done.text
    return browser


def test_a_signed_in_user_adds_a_passkey_on_managed_login(idp: Any, cognito: Any, site: dict[str, Any]) -> None:
    origin = origin_of(cognito.base_url)
    base = f"{origin}/{site['domain']}"
    client_id = site["client"]["ClientId"]
    add = {"client_id": client_id, "redirect_uri": CALLBACK}
    with httpx.Client(follow_redirects=False, timeout=20) as stranger:
        classic = stranger.get(f"{base}/passkeys/add", params=add)
        assert classic.status_code == 400 and "managed login only" in classic.text
    idp.update_user_pool_domain(UserPoolId=site["pool_id"], Domain=site["domain"], ManagedLoginVersion=2)
    idp.create_managed_login_branding(UserPoolId=site["pool_id"], ClientId=client_id, UseCognitoProvidedValues=True)
    with httpx.Client(follow_redirects=False, timeout=20) as stranger:
        anonymous = stranger.get(f"{base}/passkeys/add", params=add)
        assert anonymous.status_code == 401 and "Sign in before you add a passkey." in anonymous.text
    browser = signed_in_browser(base, site)
    try:
        mismatch = browser.get(f"{base}/passkeys/add", params={**add, "redirect_uri": "https://evil.example.net/"})
        assert mismatch.status_code == 400 and "redirect_mismatch" in mismatch.text
        page = browser.get(f"{base}/passkeys/add", params=add)
        assert page.status_code == 200, page.text
        assert 'id="passkey-user">ann<' in page.text
        fields = hidden(page.text)
        options = browser.post(f"{base}/passkeys/add/options", data=fields).json()["options"]
        assert options["rp"]["id"] == "localhost" and options["user"]["name"] == "ann"
        key = Authenticator()
        wrong = browser.post(
            f"{base}/passkeys/add", data={**fields, "credential": json.dumps(key.create(options, "https://evil.test"))}
        )
        assert wrong.status_code == 400
        assert wrong.json()["error"].startswith("The origin of the WebAuthn credential is not allowed")
        options = browser.post(f"{base}/passkeys/add/options", data=fields).json()["options"]
        added = browser.post(
            f"{base}/passkeys/add", data={**fields, "credential": json.dumps(key.create(options, origin))}
        )
        assert added.status_code == 200, added.text
        assert added.json() == {"location": CALLBACK}
        nested = browser.post(f"{base}/passkeys/add", data={**fields, "credential": "[" * 5000})
        assert nested.status_code == 400 and nested.json()["error"] == "The passkey could not be read."
        forged = browser.post(f"{base}/passkeys/add/options", data={**fields, "_csrf": "forged"})
        assert forged.status_code == 403
    finally:
        browser.close()
    with httpx.Client(follow_redirects=False, timeout=20) as stranger:  # the sealed form without the session
        assert stranger.post(f"{base}/passkeys/add/options", data=fields).status_code in (401, 403)

    # The new passkey signs ann in on the passkey page.
    query = {"client_id": client_id, "response_type": "code", "redirect_uri": CALLBACK}
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        page = browser.get(f"{base}/passkey", params=query)
        fields = hidden(page.text)
        answer = browser.post(f"{base}/passkey/options", data={**fields, "username": "ann"}).json()
        done = browser.post(
            f"{base}/passkey",
            data={**fields, "state": answer["state"], "credential": json.dumps(key.get(answer["options"], origin))},
        )
        assert done.status_code == 302 and done.headers["location"].startswith(f"{CALLBACK}?code=")


def test_passkey_pages_answer_at_the_root_of_the_domains_own_host(cognito: Any, site: dict[str, Any]) -> None:
    host = {"host": f"{site['domain']}.auth.us-east-1.amazoncognito.com"}
    query = {"client_id": site["client"]["ClientId"], "response_type": "code", "redirect_uri": CALLBACK}
    with httpx.Client(follow_redirects=False, timeout=20, headers=host) as browser:
        page = browser.get(f"{cognito.base_url}/passkey", params=query)
        assert page.status_code == 200, page.text
        assert '<script src="/passkey.js"' in page.text and 'data-options="/passkey/options"' in page.text
        assert browser.get(f"{cognito.base_url}/passkey.js").status_code == 200
