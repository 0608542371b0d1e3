"""SAML single logout with a provider whose IDPSignout is true: ``/logout`` through the identity provider's
SingleLogoutService and back at ``saml2/logout``, and the identity provider's own LogoutRequest there.

The identity provider is tests/integration/saml_idp.py's, its metadata naming a SingleLogoutService
(HTTP-Redirect). A hosted UI session is seen alive when ``/oauth2/authorize`` answers with a code straight
away (single sign-on) and ended when it sends the browser to the provider again.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.integration.saml_idp import (
    CALLBACK,
    IDP_ENTITY,
    IDP_KEY,
    OTHER_KEY,
    SAML,
    SAMLP,
    SIGNED_OUT,
    SLO_URL,
    SSO_URL,
    logout_request,
    logout_request_query,
    logout_response,
    metadata,
    pool_signature_verifies,
    query,
    redirect_message,
    saml_site,
    signed_in,
)


@pytest.fixture
def slo_site(idp: Any, cognito: Any) -> Iterator[dict[str, Any]]:
    yield from saml_site(idp, cognito, {"MetadataFile": metadata(IDP_KEY, single_logout=True), "IDPSignout": "true"})


def _authorize(site: dict[str, Any], browser: httpx.Client) -> str:
    """Where /oauth2/authorize for the SAML provider sends the browser now."""
    answer = browser.get(
        f"{site['base']}/oauth2/authorize",
        params={
            "client_id": site["client_id"],
            "response_type": "code",
            "redirect_uri": CALLBACK,
            "identity_provider": "Corp",
            "scope": "openid email",
        },
    )
    assert answer.status_code == 302, answer.text[:300]
    return str(answer.headers["location"])


def _session_alive(site: dict[str, Any], browser: httpx.Client) -> bool:
    location = _authorize(site, browser)
    return location.startswith(CALLBACK) and "code=" in location


def _logout(site: dict[str, Any], browser: httpx.Client) -> httpx.Response:
    return browser.get(f"{site['base']}/logout", params={"client_id": site["client_id"], "logout_uri": SIGNED_OUT})


def test_logout_goes_through_the_identity_provider_and_on_to_the_logout_uri(idp: Any, slo_site: dict[str, Any]) -> None:
    site = slo_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "Jane.Doe@corp.example", session_index="_session-1")
        assert _session_alive(site, browser)
        answer = _logout(site, browser)
        assert answer.status_code == 302
        location = answer.headers["location"]
        assert location.startswith(SLO_URL + "?")
        assert pool_signature_verifies(idp, site["pool_id"], location)
        request = redirect_message(location, "SAMLRequest")
        assert request.tag == f"{{{SAMLP}}}LogoutRequest"
        assert request.get("Destination") == SLO_URL
        assert request.find(f"{{{SAML}}}Issuer").text == site["audience"]
        assert request.find(f"{{{SAML}}}NameID").text == "Jane.Doe@corp.example"
        assert request.find(f"{{{SAMLP}}}SessionIndex").text == "_session-1"
        relay_state = query(location)["RelayState"]
        # The session ended already: a new authorize request goes to the provider again.
        assert _authorize(site, browser).startswith(SSO_URL)
        message = logout_response(in_response_to=request.get("ID"), destination=site["logout"])
        back = browser.post(
            site["logout"], data={"SAMLResponse": base64.b64encode(message).decode(), "RelayState": relay_state}
        )
        assert back.status_code == 302, back.text[:300]
        assert back.headers["location"] == SIGNED_OUT
        # The RelayState is used up.
        again = browser.post(
            site["logout"], data={"SAMLResponse": base64.b64encode(message).decode(), "RelayState": relay_state}
        )
        assert again.status_code == 400


def test_logout_without_idp_signout_does_not_visit_the_provider(idp: Any, slo_site: dict[str, Any]) -> None:
    site = slo_site
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": metadata(IDP_KEY, single_logout=True), "IDPSignout": "false"},
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "jane")
        answer = _logout(site, browser)
        assert answer.headers["location"] == SIGNED_OUT
        assert _authorize(site, browser).startswith(SSO_URL)


@pytest.mark.parametrize("case", ["answers another request", "signed by another key", "from another issuer"])
def test_a_bad_logout_response_gets_the_error_page(idp: Any, slo_site: dict[str, Any], case: str) -> None:
    site = slo_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "jane")
        location = _logout(site, browser).headers["location"]
        request_id = redirect_message(location, "SAMLRequest").get("ID")
        if case == "answers another request":
            message = logout_response(in_response_to="_another", destination=site["logout"])
        elif case == "signed by another key":
            message = logout_response(in_response_to=request_id, destination=site["logout"], key=OTHER_KEY)
        else:
            message = logout_response(in_response_to=request_id, destination=site["logout"], key=None).replace(
                IDP_ENTITY.encode(), b"https://evil.example"
            )
        back = browser.post(
            site["logout"],
            data={"SAMLResponse": base64.b64encode(message).decode(), "RelayState": query(location)["RelayState"]},
        )
    assert back.status_code == 400
    assert "Invalid SAML" in back.text


def test_an_identity_provider_s_logout_request_ends_the_user_s_sessions(idp: Any, slo_site: dict[str, Any]) -> None:
    site = slo_site
    with (
        httpx.Client(follow_redirects=False, timeout=20) as browser,
        httpx.Client(follow_redirects=False, timeout=20) as other_browser,
    ):
        signed_in(site, browser, "jane")
        signed_in(site, other_browser, "john")
        signed_query = logout_request_query(
            name_id="jane", destination=site["logout"], relay_state="idp-state", request_id="_idp-logout-1"
        )
        answer = browser.get(f"{site['logout']}?{signed_query}")
        assert answer.status_code == 302, answer.text[:300]
        location = answer.headers["location"]
        assert location.startswith(SLO_URL + "?")
        assert query(location)["RelayState"] == "idp-state"
        assert pool_signature_verifies(idp, site["pool_id"], location)
        reply = redirect_message(location, "SAMLResponse")
        assert reply.tag == f"{{{SAMLP}}}LogoutResponse"
        assert reply.get("InResponseTo") == "_idp-logout-1"
        assert reply.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode").get("Value").endswith(":Success")
        assert _authorize(site, browser).startswith(SSO_URL)  # jane's session ended
        assert _session_alive(site, other_browser)  # john's did not


@pytest.mark.parametrize("case", ["unsigned", "signed by another key", "tampered", "not deflated", "to another pool"])
def test_a_bad_logout_request_ends_nothing(idp: Any, slo_site: dict[str, Any], case: str) -> None:
    site = slo_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "jane")
        destination = site["logout"] if case != "to another pool" else "https://elsewhere.example/saml2/logout"
        key = None if case == "unsigned" else OTHER_KEY if case == "signed by another key" else IDP_KEY
        signed_query = logout_request_query(name_id="jane", destination=destination, relay_state="s", key=key)
        if case == "tampered":
            signed_query = signed_query.replace("RelayState=s", "RelayState=t")
        if case == "not deflated":
            signed_query = urlencode({"SAMLRequest": "bm90IGRlZmxhdGVk", "RelayState": "s"})
        answer = browser.get(f"{site['logout']}?{signed_query}")
        assert answer.status_code == 400
        assert _session_alive(site, browser)


@pytest.mark.parametrize(
    "body",
    [b"", b"SAMLResponse=%%%", b"SAMLRequest=PHg+PC94Pg==", b"SAMLResponse=PHg+PC94Pg==&RelayState=nope", b"x=1"],
)
def test_saml2_logout_answers_bad_input_with_the_error_page(slo_site: dict[str, Any], body: bytes) -> None:
    answer = httpx.post(
        slo_site["logout"], content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=20
    )
    assert answer.status_code == 400
    assert "<html" in answer.text.lower()
    assert httpx.get(slo_site["logout"], timeout=20).status_code == 400


@pytest.mark.parametrize("key", ["the provider's", "none", "another"])
def test_a_logout_request_by_http_post_needs_its_xml_signature(idp: Any, slo_site: dict[str, Any], key: str) -> None:
    site = slo_site
    signer = {"the provider's": IDP_KEY, "none": None, "another": OTHER_KEY}[key]
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "jane")
        message = logout_request(name_id="jane", destination=site["logout"], key=signer)
        answer = browser.post(
            site["logout"], data={"SAMLRequest": base64.b64encode(message).decode(), "RelayState": "idp-state"}
        )
        if signer is IDP_KEY:
            assert answer.status_code == 302
            assert redirect_message(answer.headers["location"], "SAMLResponse").tag == f"{{{SAMLP}}}LogoutResponse"
            assert _authorize(site, browser).startswith(SSO_URL)
        else:
            assert answer.status_code == 400
            assert _session_alive(site, browser)


def test_a_logout_request_naming_another_session_index_ends_nothing(idp: Any, slo_site: dict[str, Any]) -> None:
    site = slo_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        signed_in(site, browser, "jane", session_index="_session-now")
        for index, alive in (("_session-before", True), ("_session-now", False)):
            message = logout_request(name_id="jane", destination=site["logout"], key=IDP_KEY, session_index=index)
            answer = browser.post(site["logout"], data={"SAMLRequest": base64.b64encode(message).decode()})
            assert answer.status_code == 302  # answered Success either way
            assert _session_alive(site, browser) is alive


def _deflated(data: bytes) -> str:
    import zlib

    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(squeeze.compress(data) + squeeze.flush()).decode()


@pytest.mark.parametrize(
    "query_string",
    [
        "SAMLRequest=" + _deflated(b"\0" * 5_000_000),  # inflates far past the limit
        "SAMLRequest=" + _deflated(b"<a>" * 20_000 + b"</a>" * 20_000),
        "SAMLResponse=" + _deflated(b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"),
        "SAMLRequest=" + _deflated(b"<x/>") + "&SigAlg=nope&Signature=%%%",
        "SAMLRequest=" + _deflated(b"<x/>") + "&SAMLResponse=" + _deflated(b"<x/>"),
        "SAMLRequest=%ED%A0%80&RelayState=%FF",
        "SAMLResponse=" + _deflated(b"<x/>") + "&RelayState=" + "r" * 50_000,
    ],
    ids=["bomb", "deep", "entity", "bad-signature", "both", "undecodable", "long-relay-state"],
)
def test_saml2_logout_answers_odd_queries_with_the_error_page(slo_site: dict[str, Any], query_string: str) -> None:
    answer = httpx.get(f"{slo_site['logout']}?{query_string}", timeout=20)
    assert 400 <= answer.status_code < 500, answer.text[:300]


@pytest.mark.parametrize(
    "body",
    [
        b"SAMLResponse=" + base64.b64encode(b"<a>" * 20_000 + b"</a>" * 20_000),
        b"SAMLResponse=" + base64.b64encode(b"\xff\xfe<x"),
        b"SAMLResponse=%ED%A0%80&RelayState=%ED%A0%80",
        b"SAMLResponse=PHg+PC94Pg==&RelayState=" + b"r" * 50_000,
    ],
    ids=["deep", "binary", "undecodable", "long-relay-state"],
)
def test_the_acs_answers_odd_posts_with_a_4xx(slo_site: dict[str, Any], body: bytes) -> None:
    answer = httpx.post(
        slo_site["acs"], content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=20
    )
    assert 400 <= answer.status_code < 500, answer.text[:300]
