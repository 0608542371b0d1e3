"""A SAML 2.0 identity provider built for the tests, and a browser's part in a SAML sign-in and logout.

The identity provider has a self-signed certificate in its metadata (given as MetadataFile); it signs its
responses and logout messages with signxml (or, for the HTTP-Redirect binding, RSA-SHA256 over the query as
the binding says), and encrypts assertions as XML Encryption says, with ``cryptography`` and lxml, to the
certificate a user pool gives the provider (DescribeIdentityProvider's ActiveEncryptionCertificate).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

from tests.conftest import unique

CALLBACK = "http://localhost:8976/callback"
SIGNED_OUT = "http://localhost:8976/signed-out"
IDP_ENTITY = "https://idp.example.test/metadata"
SSO_URL = "https://idp.example.test/sso"
SLO_URL = "https://idp.example.test/slo"
EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"
RSA_OAEP_MGF1P = XENC + "rsa-oaep-mgf1p"
RSA_OAEP = XENC11 + "rsa-oaep"
RSA_1_5 = XENC + "rsa-1_5"
AES128_CBC = XENC + "aes128-cbc"
AES256_CBC = XENC + "aes256-cbc"
AES128_GCM = XENC11 + "aes128-gcm"
AES256_GCM = XENC11 + "aes256-gcm"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


@dataclass
class SigningKey:
    key_pem: bytes
    cert_pem: bytes

    @property
    def cert_body(self) -> str:
        return "".join(self.cert_pem.decode().strip().splitlines()[1:-1])

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        key = serialization.load_pem_private_key(self.key_pem, password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return key


def signing_key() -> SigningKey:
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


IDP_KEY = signing_key()
OTHER_KEY = signing_key()


def metadata(key: SigningKey, *, single_logout: bool = False) -> str:
    logout = (
        f'<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SLO_URL}"/>'
        if single_logout
        else ""
    )
    return (
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{IDP_ENTITY}">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        f"<ds:X509Data><ds:X509Certificate>{key.cert_body}</ds:X509Certificate></ds:X509Data>"
        f"</ds:KeyInfo></md:KeyDescriptor>{logout}"
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"'
        f' Location="{SSO_URL}"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


def instant(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Encryption:
    """How the identity provider encrypts the assertion: to ``certificate`` (base64 DER)."""

    certificate: str
    key_transport: str = RSA_OAEP_MGF1P
    content: str = AES256_GCM
    oaep_digest: str = DS + "sha1"
    mgf: str | None = None  # xmlenc11 rsa-oaep's MGF
    key_beside_data: bool = False  # the EncryptedKey beside the EncryptedData, not in its KeyInfo


def encrypted_assertion(assertion: Any, encryption: Encryption) -> Any:
    """The ``saml:EncryptedAssertion`` of ``assertion`` (an lxml element), as an identity provider makes it."""
    plain = etree.tostring(assertion)
    key_length = {AES128_CBC: 16, AES256_CBC: 32, AES128_GCM: 16, AES256_GCM: 32}[encryption.content]
    content_key = os.urandom(key_length)
    if encryption.content in (AES128_GCM, AES256_GCM):
        iv = os.urandom(12)
        ciphertext = iv + AESGCM(content_key).encrypt(iv, plain, None)
    else:
        iv = os.urandom(16)
        pad = 16 - len(plain) % 16
        padded = plain + os.urandom(pad - 1) + bytes([pad])
        encryptor = Cipher(algorithms.AES(content_key), modes.CBC(iv)).encryptor()
        ciphertext = iv + encryptor.update(padded) + encryptor.finalize()
    public = x509.load_der_x509_certificate(base64.b64decode(encryption.certificate)).public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    digests = {DS + "sha1": hashes.SHA1, XENC + "sha256": hashes.SHA256}
    mgfs = {XENC11 + "mgf1sha1": hashes.SHA1, XENC11 + "mgf1sha256": hashes.SHA256}
    method_children = ""
    if encryption.key_transport == RSA_1_5:
        encrypted_key = public.encrypt(content_key, padding.PKCS1v15())
    else:
        digest = digests[encryption.oaep_digest]
        mgf = hashes.SHA1 if encryption.key_transport == RSA_OAEP_MGF1P else mgfs[encryption.mgf or XENC11 + "mgf1sha1"]
        encrypted_key = public.encrypt(content_key, padding.OAEP(padding.MGF1(mgf()), digest(), None))
        method_children = f'<ds:DigestMethod Algorithm="{encryption.oaep_digest}"/>'
        if encryption.mgf:
            method_children += f'<xenc11:MGF Algorithm="{encryption.mgf}"/>'
    key_xml = (
        f'<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{encryption.key_transport}">{method_children}'
        "</xenc:EncryptionMethod><xenc:CipherData><xenc:CipherValue>"
        f"{base64.b64encode(encrypted_key).decode()}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey>"
    )
    holder = (
        f'<saml:EncryptedAssertion xmlns:saml="{SAML}" xmlns:xenc="{XENC}" xmlns:xenc11="{XENC11}" xmlns:ds="{DS}">'
        f'<xenc:EncryptedData Type="{XENC}Element"><xenc:EncryptionMethod Algorithm="{encryption.content}"/>'
        f"{'' if encryption.key_beside_data else f'<ds:KeyInfo>{key_xml}</ds:KeyInfo>'}"
        f"<xenc:CipherData><xenc:CipherValue>{base64.b64encode(ciphertext).decode()}</xenc:CipherValue>"
        f"</xenc:CipherData></xenc:EncryptedData>{key_xml if encryption.key_beside_data else ''}"
        "</saml:EncryptedAssertion>"
    )
    return etree.fromstring(holder.encode())


def response(
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
    session_index: str | None = None,
    encryption: Encryption | None = None,
) -> bytes:
    """A SAML Response as an IdP makes it, its assertion (or the whole response) signed with ``key``, the
    assertion encrypted (after its own signature, before the response's) with ``encryption``."""
    now = dt.datetime.now(dt.UTC)
    response_id, assertion_id = f"_{uuid.uuid4().hex}", assertion_id or f"_{uuid.uuid4().hex}"
    answered = f' InResponseTo="{in_response_to}"' if in_response_to else ""
    index = f' SessionIndex="{session_index}"' if session_index else ""
    document = (
        f'<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{response_id}" Version="2.0"'
        f' IssueInstant="{instant(now)}" Destination="{acs}"{answered}>'
        f"<saml:Issuer>{issuer}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
        f'<saml:Assertion ID="{assertion_id}" Version="2.0" IssueInstant="{instant(now)}">'
        f"<saml:Issuer>{issuer}</saml:Issuer>"
        f'<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">{name_id}'
        "</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData Recipient="{recipient or acs}"'
        f' NotOnOrAfter="{instant(now + lifetime)}"{answered}/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{instant(now + not_before_offset)}" NotOnOrAfter="{instant(now + lifetime)}">'
        f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>"
        "</saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{instant(now)}"{index}/>'
        f'<saml:AttributeStatement><saml:Attribute Name="{EMAIL_ATTRIBUTE}">'
        f"<saml:AttributeValue>{email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>"
        "</saml:Assertion></samlp:Response>"
    )
    root = etree.fromstring(document.encode())
    signer = XMLSigner(c14n_algorithm=_EXC_C14N)
    if key is not None and sign == "assertion":
        assertion = root.find(f"{{{SAML}}}Assertion")
        root.replace(assertion, signer.sign(assertion, key=key.key_pem, cert=key.cert_pem, reference_uri=assertion_id))
    if encryption is not None:
        assertion = root.find(f"{{{SAML}}}Assertion")
        root.replace(assertion, encrypted_assertion(assertion, encryption))
    if key is not None and sign == "response":
        root = signer.sign(root, key=key.key_pem, cert=key.cert_pem, reference_uri=response_id)
    return bytes(etree.tostring(root))


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def saml_site(idp: Any, cognito: Any, details: dict[str, str]) -> Iterator[dict[str, Any]]:
    """A user pool with a domain, the SAML provider Corp (``details``) and an app client using it; what a
    test needs of them. For a fixture to yield from."""
    pool_id = idp.create_user_pool(PoolName=unique("saml"), UsernameConfiguration={"CaseSensitive": False})["UserPool"][
        "Id"
    ]
    domain = unique("sp").lower()
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="Corp",
        ProviderType="SAML",
        ProviderDetails=details,
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
        LogoutURLs=[SIGNED_OUT],
        SupportedIdentityProviders=["Corp"],
    )["UserPoolClient"]
    base = f"{cognito.base_url}/{domain}"
    yield {
        "pool_id": pool_id,
        "base": base,
        "acs": f"{base}/saml2/idpresponse",
        "logout": f"{base}/saml2/logout",
        "audience": f"urn:amazon:cognito:sp:{pool_id}",
        "client_id": client["ClientId"],
    }
    idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool_id)


def start(site: dict[str, Any], browser: httpx.Client, **extra: str) -> tuple[str, str]:
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
    answer = browser.get(f"{site['base']}/oauth2/authorize", params=params)
    assert answer.status_code == 302, answer.text[:300]
    location = answer.headers["location"]
    assert location.startswith(SSO_URL)
    sent = query(location)
    request = zlib.decompress(base64.b64decode(sent["SAMLRequest"]), -15)
    parsed = etree.fromstring(request)
    assert parsed.get("AssertionConsumerServiceURL") == site["acs"]
    assert parsed.find(f"{{{SAML}}}Issuer").text == site["audience"]
    return str(parsed.get("ID")), sent["RelayState"]


def post(site: dict[str, Any], browser: httpx.Client, message: bytes, relay_state: str) -> httpx.Response:
    return browser.post(
        site["acs"], data={"SAMLResponse": base64.b64encode(message).decode(), "RelayState": relay_state}
    )


def users(idp: Any, site: dict[str, Any]) -> list[str]:
    return [u["Username"] for u in idp.list_users(UserPoolId=site["pool_id"])["Users"]]


def token_claims(site: dict[str, Any], code: str) -> dict[str, Any]:
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


def signed_in(site: dict[str, Any], browser: httpx.Client, name_id: str, **extra: Any) -> str:
    """Sign ``browser`` in through the provider (a hosted UI session); the authorization code."""
    request_id, relay_state = start(site, browser)
    message = response(acs=site["acs"], audience=site["audience"], name_id=name_id, in_response_to=request_id, **extra)
    answer = post(site, browser, message, relay_state)
    returned = query(answer.headers["location"])
    assert "code" in returned, answer.headers["location"]
    return returned["code"]


def logout_response(*, in_response_to: str, destination: str, key: SigningKey | None = IDP_KEY) -> bytes:
    """The identity provider's LogoutResponse (HTTP-POST binding), signed with ``key``."""
    response_id = f"_{uuid.uuid4().hex}"
    document = (
        f'<samlp:LogoutResponse xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{response_id}" Version="2.0"'
        f' IssueInstant="{instant(dt.datetime.now(dt.UTC))}" Destination="{destination}"'
        f' InResponseTo="{in_response_to}"><saml:Issuer>{IDP_ENTITY}</saml:Issuer>'
        f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status></samlp:LogoutResponse>'
    )
    root = etree.fromstring(document.encode())
    if key is not None:
        root = XMLSigner(c14n_algorithm=_EXC_C14N).sign(
            root, key=key.key_pem, cert=key.cert_pem, reference_uri=response_id
        )
    return bytes(etree.tostring(root))


def logout_request(
    *,
    name_id: str,
    destination: str,
    request_id: str = "",
    key: SigningKey | None = None,
    session_index: str | None = None,
) -> bytes:
    """The identity provider's LogoutRequest, with an XML signature by ``key`` (HTTP-POST binding)."""
    request_id = request_id or f"_{uuid.uuid4().hex}"
    index = f"<samlp:SessionIndex>{session_index}</samlp:SessionIndex>" if session_index else ""
    document = (
        f'<samlp:LogoutRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{request_id}"'
        f' Version="2.0" IssueInstant="{instant(dt.datetime.now(dt.UTC))}" Destination="{destination}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer><saml:NameID>{name_id}</saml:NameID>{index}</samlp:LogoutRequest>"
    )
    root = etree.fromstring(document.encode())
    if key is not None:
        root = XMLSigner(c14n_algorithm=_EXC_C14N).sign(
            root, key=key.key_pem, cert=key.cert_pem, reference_uri=request_id
        )
    return bytes(etree.tostring(root))


def logout_request_query(
    *, name_id: str, destination: str, relay_state: str, key: SigningKey | None = IDP_KEY, request_id: str = ""
) -> str:
    """The identity provider's LogoutRequest as the HTTP-Redirect binding sends it (the query string),
    signed with ``key`` (RSA-SHA256 over the binding's parameters)."""
    document = logout_request(name_id=name_id, destination=destination, request_id=request_id)
    compressor = zlib.compressobj(wbits=-15)
    deflated = compressor.compress(document) + compressor.flush()
    params = {"SAMLRequest": base64.b64encode(deflated).decode(), "RelayState": relay_state}
    if key is None:
        return urlencode(params)
    params["SigAlg"] = RSA_SHA256
    signed = urlencode(params)
    signature = key.private_key.sign(signed.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signed}&{urlencode({'Signature': base64.b64encode(signature).decode()})}"


def redirect_message(location: str, parameter: str) -> Any:
    """The SAML message (lxml) a redirect from the user pool carries (HTTP-Redirect binding)."""
    return etree.fromstring(zlib.decompress(base64.b64decode(query(location)[parameter]), -15))


def pool_signature_verifies(idp: Any, pool_id: str, location: str) -> bool:
    """Whether a redirect's HTTP-Redirect binding signature verifies with the pool's signing certificate."""
    signed_part, _, _ = urlsplit(location).query.rpartition("&Signature=")
    sent = query(location)
    certificate = x509.load_der_x509_certificate(
        base64.b64decode(idp.get_signing_certificate(UserPoolId=pool_id)["Certificate"])
    )
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    assert sent["SigAlg"] == RSA_SHA256
    try:
        public_key.verify(
            base64.b64decode(sent["Signature"]), signed_part.encode(), padding.PKCS1v15(), hashes.SHA256()
        )
    except Exception:
        return False
    return True
