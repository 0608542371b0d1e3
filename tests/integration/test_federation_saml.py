"""Sign-in through a SAML 2.0 identity provider at the hosted UI, and the responses it must refuse.

The identity provider is built here: a self-signed certificate in its metadata (given as MetadataFile), and
responses signed with signxml as an IdP would sign them. Every forged response (unsigned, signed by another
key, for another audience or recipient, expired, replayed, with a DTD, with a wrapped second assertion)
must send the app an error and create nobody.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

from tests.conftest import unique

CALLBACK = "http://localhost:8976/callback"
IDP_ENTITY = "https://idp.example.test/metadata"
SSO_URL = "https://idp.example.test/sso"
EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"


@dataclass
class SigningKey:
    key_pem: bytes
    cert_pem: bytes

    @property
    def cert_body(self) -> str:
        return "".join(self.cert_pem.decode().strip().splitlines()[1:-1])


def _signing_key() -> SigningKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test idp")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return SigningKey(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.PEM),
    )


IDP_KEY = _signing_key()
OTHER_KEY = _signing_key()


def _metadata(key: SigningKey) -> str:
    return (
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{IDP_ENTITY}">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        f"<ds:X509Data><ds:X509Certificate>{key.cert_body}</ds:X509Certificate></ds:X509Data>"
        "</ds:KeyInfo></md:KeyDescriptor>"
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
        f' Location="{SSO_URL}"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


def _instant(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _response(
    *,
    acs: str,
    audience: str,
    name_id: str,
    in_response_to: str | None,
    email: str = "user@example.com",
    key: SigningKey | None = IDP_KEY,
    sign: str = "assertion",
    lifetime: dt.timedelta = dt.timedelta(minutes=5),
    not_before_offset: dt.timedelta = dt.timedelta(minutes=-1),
    recipient: str | None = None,
    assertion_id: str | None = None,
    issuer: str = IDP_ENTITY,
) -> bytes:
    """A SAML Response as an IdP makes it, its assertion (or the whole response) signed with ``key``."""
    now = dt.datetime.now(dt.UTC)
    response_id, assertion_id = f"_{uuid.uuid4().hex}", assertion_id or f"_{uuid.uuid4().hex}"
    answered = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    document = (
        f'<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{response_id}" Version="2.0"'
        f' IssueInstant="{_instant(now)}" Destination="{acs}"{answered}>'
        f"<saml:Issuer>{issuer}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        f'<saml:Assertion ID="{assertion_id}" Version="2.0" IssueInstant="{_instant(now)}">'
        f"<saml:Issuer>{issuer}</saml:Issuer>"
        f"<saml:Subject><saml:NameID>{name_id}</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData Recipient="{recipient or acs}"'
        f' NotOnOrAfter="{_instant(now + lifetime)}"{answered}/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{_instant(now + not_before_offset)}" NotOnOrAfter="{_instant(now + lifetime)}">'
        f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>"
        "</saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{_instant(now)}"/>'
        f'<saml:AttributeStatement><saml:Attribute Name="{EMAIL_ATTRIBUTE}">'
        f"<saml:AttributeValue>{email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>"
        "</saml:Assertion></samlp:Response>"
    )
    root = etree.fromstring(document.encode())
    if key is None:
        return bytes(etree.tostring(root))
    signer = XMLSigner(c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
    if sign == "response":
        return bytes(etree.tostring(signer.sign(root, key=key.key_pem, cert=key.cert_pem, reference_uri=response_id)))
    assertion = root.find(f"{{{SAML}}}Assertion")
    signed = signer.sign(assertion, key=key.key_pem, cert=key.cert_pem, reference_uri=assertion_id)
    root.replace(assertion, signed)
    return bytes(etree.tostring(root))


def _query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def saml_site(idp: Any, cognito: Any) -> Iterator[dict[str, Any]]:
    pool_id = idp.create_user_pool(PoolName=unique("saml"), UsernameConfiguration={"CaseSensitive": False})["UserPool"][
        "Id"
    ]
    domain = unique("sp").lower()
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Corp",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": _metadata(IDP_KEY), "IDPInit": "true"},
        AttributeMapping={"email": EMAIL_ATTRIBUTE},
        IdpIdentifiers=["corp.example"],
    )
    client = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["Corp"],
    )["UserPoolClient"]
    base = f"{cognito.base_url}/{domain}"
    yield {
        "pool_id": pool_id,
        "base": base,
        "acs": f"{base}/saml2/idpresponse",
        "audience": f"urn:amazon:cognito:sp:{pool_id}",
        "client_id": client["ClientId"],
    }
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool_id)


def _start(site: dict[str, Any], browser: httpx.Client, **extra: str) -> tuple[str, str]:
    """Authorize with the SAML provider: (the AuthnRequest's ID, the RelayState) the IdP receives."""
    params = {
        "client_id": site["client_id"],
        "response_type": "code",
        "redirect_uri": CALLBACK,
        "scope": "openid email",
        "state": "app-state",
        **extra,
    }
    if "idp_identifier" not in params:
        params.setdefault("identity_provider", "Corp")
    response = browser.get(f"{site['base']}/oauth2/authorize", params=params)
    assert response.status_code == 302, response.text[:300]
    location = response.headers["location"]
    assert location.startswith(SSO_URL)
    sent = _query(location)
    request = zlib.decompress(base64.b64decode(sent["SAMLRequest"]), -15)
    parsed = etree.fromstring(request)
    assert parsed.get("AssertionConsumerServiceURL") == site["acs"]
    assert parsed.find(f"{{{SAML}}}Issuer").text == site["audience"]
    return str(parsed.get("ID")), sent["RelayState"]


def _post(site: dict[str, Any], browser: httpx.Client, response: bytes, relay_state: str) -> httpx.Response:
    return browser.post(
        site["acs"], data={"SAMLResponse": base64.b64encode(response).decode(), "RelayState": relay_state}
    )


def _users(idp: Any, site: dict[str, Any]) -> list[str]:
    return [u["Username"] for u in idp.list_users(UserPoolId=site["pool_id"])["Users"]]


def _token_claims(site: dict[str, Any], code: str) -> dict[str, Any]:
    answer = httpx.post(
        f"{site['base']}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": site["client_id"],
            "code": code,
            "redirect_uri": CALLBACK,
        },
    )
    assert answer.status_code == 200, answer.text
    payload = answer.json()["id_token"].split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


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
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": _metadata(IDP_KEY), "RequestSigningAlgorithm": "rsa-sha256"},
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        location = browser.get(
            f"{site['base']}/oauth2/authorize",
            params={
                "client_id": site["client_id"],
                "response_type": "code",
                "redirect_uri": CALLBACK,
                "identity_provider": "Corp",
            },
        ).headers["location"]
    raw_query = urlsplit(location).query
    signed_part, _, signature = raw_query.rpartition("&Signature=")
    sent = _query(location)
    assert sent["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    certificate = x509.load_der_x509_certificate(
        base64.b64decode(idp.get_signing_certificate(UserPoolId=site["pool_id"])["Certificate"])
    )
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(base64.b64decode(sent["Signature"]), signed_part.encode(), padding.PKCS1v15(), hashes.SHA256())
    assert signature
