"""Sign-in through a SAML 2.0 identity provider at the hosted UI, and the responses it must refuse.

The identity provider is tests/integration/saml_idp.py's: a self-signed certificate in its metadata (given
as MetadataFile), and responses signed with signxml as an IdP would sign them. Every forged response
(unsigned, signed by another key, for another audience or recipient, expired, replayed, with a DTD, with a
wrapped second assertion) must send the app an error and create nobody.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from lxml import etree

from tests.integration.saml_idp import (
    CALLBACK,
    EMAIL_ATTRIBUTE,
    IDP_ENTITY,
    IDP_KEY,
    OTHER_KEY,
    SAML,
    SAMLP,
    pool_signature_verifies,
)
from tests.integration.saml_idp import metadata as _metadata
from tests.integration.saml_idp import post as _post
from tests.integration.saml_idp import query as _query
from tests.integration.saml_idp import response as _response
from tests.integration.saml_idp import saml_site as _saml_site
from tests.integration.saml_idp import start as _start
from tests.integration.saml_idp import token_claims as _token_claims
from tests.integration.saml_idp import users as _users


@pytest.fixture
def saml_site(idp: Any, cognito: Any) -> Iterator[dict[str, Any]]:
    yield from _saml_site(idp, cognito, {"MetadataFile": _metadata(IDP_KEY), "IDPInit": "true"})


@pytest.mark.parametrize("signed", ["assertion", "response"])
def test_a_signed_response_signs_the_user_in(idp: Any, saml_site: dict[str, Any], signed: str) -> None:
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        saml_response = _response(
            acs=site["acs"],
            audience=site["audience"],
            name_id="Jane.Doe@corp.example",
            in_response_to=request_id,
            email="jane@corp.example",
            sign=signed,
        )
        answer = _post(site, browser, saml_response, relay_state)
    assert answer.status_code == 302
    assert answer.headers["location"].startswith(CALLBACK), answer.headers["location"]
    returned = _query(answer.headers["location"])
    assert returned["state"] == "app-state"
    claims = _token_claims(site, returned["code"])
    assert claims["cognito:username"] == "corp_jane.doe@corp.example"
    assert claims["email"] == "jane@corp.example"
    assert f"{site['pool_id']}_Corp" in claims["cognito:groups"]
    (identity,) = claims["identities"]
    assert identity["providerType"] == "SAML"
    assert identity["userId"] == "Jane.Doe@corp.example"
    assert identity["issuer"] == IDP_ENTITY
    assert _users(idp, site) == ["corp_jane.doe@corp.example"]


def test_idp_identifier_chooses_the_saml_provider(saml_site: dict[str, Any]) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(saml_site, browser, idp_identifier="corp.example")
    assert request_id.startswith("_") and relay_state


def test_an_idp_initiated_response_is_taken_when_the_provider_allows_it(idp: Any, saml_site: dict[str, Any]) -> None:
    site = saml_site
    relay_state = (
        f"client_id={site['client_id']}&redirect_uri={CALLBACK}&response_type=code&identity_provider=Corp&scope=openid"
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        response = _response(acs=site["acs"], audience=site["audience"], name_id="idp-init", in_response_to=None)
        answer = _post(site, browser, response, relay_state)
    assert answer.headers["location"].startswith(CALLBACK)
    assert "code" in _query(answer.headers["location"])
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": _metadata(IDP_KEY), "IDPInit": "false"},
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        response = _response(acs=site["acs"], audience=site["audience"], name_id="idp-init-2", in_response_to=None)
        refused = _post(site, browser, response, relay_state)
    assert refused.status_code == 400
    assert _users(idp, site) == ["corp_idp-init"]


Forgery = Callable[[dict[str, Any], str], bytes]

_FORGERIES: dict[str, Forgery] = {
    "unsigned": lambda s, rid: _response(
        acs=s["acs"], audience=s["audience"], name_id="mallory", in_response_to=rid, key=None
    ),
    "signed by another key": lambda s, rid: _response(
        acs=s["acs"], audience=s["audience"], name_id="mallory", in_response_to=rid, key=OTHER_KEY
    ),
    "another audience": lambda s, rid: _response(
        acs=s["acs"], audience="urn:amazon:cognito:sp:us-east-1_other", name_id="mallory", in_response_to=rid
    ),
    "another recipient": lambda s, rid: _response(
        acs=s["acs"],
        audience=s["audience"],
        name_id="mallory",
        in_response_to=rid,
        recipient="https://evil.example/acs",
    ),
    "another destination": lambda s, rid: _response(
        acs="https://evil.example/acs",
        audience=s["audience"],
        name_id="mallory",
        in_response_to=rid,
        recipient=s["acs"],
    ),
    "expired": lambda s, rid: _response(
        acs=s["acs"],
        audience=s["audience"],
        name_id="mallory",
        in_response_to=rid,
        lifetime=dt.timedelta(minutes=-10),
        not_before_offset=dt.timedelta(minutes=-20),
    ),
    "not valid yet": lambda s, rid: _response(
        acs=s["acs"],
        audience=s["audience"],
        name_id="mallory",
        in_response_to=rid,
        not_before_offset=dt.timedelta(hours=1),
    ),
    "answering another request": lambda s, rid: _response(
        acs=s["acs"], audience=s["audience"], name_id="mallory", in_response_to="_someone-elses-request"
    ),
    "another issuer": lambda s, rid: _response(
        acs=s["acs"], audience=s["audience"], name_id="mallory", in_response_to=rid, issuer="https://evil.example"
    ),
}


@pytest.mark.parametrize("forgery", sorted(_FORGERIES))
def test_a_forged_response_is_refused_and_creates_nobody(idp: Any, saml_site: dict[str, Any], forgery: str) -> None:
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        answer = _post(site, browser, _FORGERIES[forgery](site, request_id), relay_state)
    assert answer.status_code == 302
    returned = _query(answer.headers["location"])
    assert answer.headers["location"].startswith(CALLBACK)
    assert returned["error"] == "invalid_request"
    assert returned["state"] == "app-state"
    assert "code" not in returned
    assert _users(idp, site) == []


def test_a_dtd_is_refused(idp: Any, saml_site: dict[str, Any]) -> None:
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        signed = _response(acs=site["acs"], audience=site["audience"], name_id="mallory", in_response_to=request_id)
        hostile = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "mallory">]>' + signed
        answer = _post(site, browser, hostile, relay_state)
    assert _query(answer.headers["location"])["error"] == "invalid_request"
    assert _users(idp, site) == []


def test_a_wrapped_second_assertion_is_refused(idp: Any, saml_site: dict[str, Any]) -> None:
    """Signature wrapping: the genuine signed assertion is kept, and an unsigned one for another user is
    put first, where a careless reader would take it."""
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        genuine = etree.fromstring(
            _response(acs=site["acs"], audience=site["audience"], name_id="jane", in_response_to=request_id)
        )
        signed_assertion = genuine.find(f"{{{SAML}}}Assertion")
        evil = etree.fromstring(
            _response(acs=site["acs"], audience=site["audience"], name_id="admin", in_response_to=request_id, key=None)
        ).find(f"{{{SAML}}}Assertion")
        evil.set("ID", signed_assertion.get("ID"))
        genuine.insert(list(genuine).index(signed_assertion), evil)
        answer = _post(site, browser, etree.tostring(genuine), relay_state)
    assert _query(answer.headers["location"])["error"] == "invalid_request"
    assert _users(idp, site) == []


def test_an_assertion_is_used_once(idp: Any, saml_site: dict[str, Any]) -> None:
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        first = _response(
            acs=site["acs"], audience=site["audience"], name_id="jane", in_response_to=request_id, assertion_id="_once"
        )
        assert "code" in _query(_post(site, browser, first, relay_state).headers["location"])
        # The same relay state again: unknown now (used), so the hosted UI's error page.
        assert _post(site, browser, first, relay_state).status_code == 400
    # A new sign-in (another browser) answered with an assertion whose ID was used before.
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        again = _response(
            acs=site["acs"], audience=site["audience"], name_id="jane", in_response_to=request_id, assertion_id="_once"
        )
        answer = _post(site, browser, again, relay_state)
    assert _query(answer.headers["location"])["error"] == "invalid_request"


def test_an_idp_initiated_response_cannot_be_replayed(idp: Any, saml_site: dict[str, Any]) -> None:
    site = saml_site
    relay_state = f"client_id={site['client_id']}&redirect_uri={CALLBACK}&response_type=code&identity_provider=Corp"
    response = _response(acs=site["acs"], audience=site["audience"], name_id="jane", in_response_to=None)
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        assert "code" in _query(_post(site, browser, response, relay_state).headers["location"])
    with httpx.Client(follow_redirects=False, timeout=20) as attacker:
        replayed = _post(site, attacker, response, relay_state)
    assert _query(replayed.headers["location"])["error"] == "invalid_request"


def test_a_provider_known_by_its_metadata_url(idp: Any, saml_site: dict[str, Any]) -> None:
    body = _metadata(IDP_KEY).encode()

    class Metadata(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Metadata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = saml_site
    try:
        idp.create_identity_provider(
            UserPoolId=site["pool_id"],
            ProviderName="CorpByUrl",
            ProviderType="SAML",
            ProviderDetails={"MetadataURL": f"http://127.0.0.1:{server.server_address[1]}/metadata"},
            AttributeMapping={"email": EMAIL_ATTRIBUTE},
        )
        idp.update_user_pool_client(
            UserPoolId=site["pool_id"],
            ClientId=site["client_id"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthFlows=["code"],
            AllowedOAuthScopes=["openid", "email"],
            CallbackURLs=[CALLBACK],
            SupportedIdentityProviders=["CorpByUrl"],
        )
        with httpx.Client(follow_redirects=False, timeout=20) as browser:
            request_id, relay_state = _start(site, browser, identity_provider="CorpByUrl")
            response = _response(
                acs=site["acs"], audience=site["audience"], name_id="url-user", in_response_to=request_id
            )
            answer = _post(site, browser, response, relay_state)
    finally:
        server.shutdown()
        server.server_close()
    assert "code" in _query(answer.headers["location"]), answer.headers["location"]
    assert _users(idp, site) == ["corpbyurl_url-user"]


def test_a_signed_response_wrapped_in_another_response_is_refused(idp: Any, saml_site: dict[str, Any]) -> None:
    """A genuine signed Response for one request, wrapped in an outer Response that claims to answer another."""
    site = saml_site
    with httpx.Client(follow_redirects=False, timeout=20) as first:
        old_request, _ = _start(site, first)
    genuine = _response(
        acs=site["acs"], audience=site["audience"], name_id="jane", in_response_to=old_request, sign="response"
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = _start(site, browser)
        wrapper = (
            f'<samlp:Response xmlns:samlp="{SAMLP}" ID="_wrapper" Version="2.0" Destination="{site["acs"]}"'
            f' InResponseTo="{request_id}"><samlp:Status><samlp:StatusCode'
            ' Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><samlp:Extensions>'
        ).encode()
        wrapped = wrapper + genuine + b"</samlp:Extensions></samlp:Response>"
        answer = _post(site, browser, wrapped, relay_state)
    assert _query(answer.headers["location"])["error"] == "invalid_request"
    assert _users(idp, site) == []


def test_authn_requests_are_signed_with_the_pool_s_signing_certificate(idp: Any, saml_site: dict[str, Any]) -> None:
    site = saml_site

    def authn_request_location() -> str:
        with httpx.Client(follow_redirects=False, timeout=20) as browser:
            answer = browser.get(
                f"{site['base']}/oauth2/authorize",
                params={
                    "client_id": site["client_id"],
                    "response_type": "code",
                    "redirect_uri": CALLBACK,
                    "identity_provider": "Corp",
                },
            )
        return str(answer.headers["location"])

    assert "Signature" not in _query(authn_request_location())
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": _metadata(IDP_KEY), "RequestSigningAlgorithm": "rsa-sha256"},
    )
    location = authn_request_location()
    assert pool_signature_verifies(idp, site["pool_id"], location)
    tampered = location.replace("RelayState=", "RelayState=x", 1)
    assert not pool_signature_verifies(idp, site["pool_id"], tampered)
