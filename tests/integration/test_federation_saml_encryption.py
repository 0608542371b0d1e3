"""Encrypted SAML assertions: a provider with EncryptedResponses gets a key pair and certificate
(DescribeIdentityProvider's ActiveEncryptionCertificate), the identity provider encrypts its assertions to
that certificate, and the hosted UI decrypts them before the usual checks.

The identity provider (tests/integration/saml_idp.py) encrypts with ``cryptography`` and lxml as XML
Encryption says. Refused, with nothing created: a tampered ciphertext, an assertion encrypted to another
key, RSA PKCS#1 v1.5 key transport, an unencrypted assertion while encryption is required, an encrypted
one that is not signed.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography import x509
from lxml import etree

from tests.integration.saml_idp import (
    AES128_CBC,
    AES128_GCM,
    AES256_CBC,
    AES256_GCM,
    CALLBACK,
    IDP_KEY,
    OTHER_KEY,
    RSA_1_5,
    RSA_OAEP,
    RSA_OAEP_MGF1P,
    SAML,
    XENC,
    XENC11,
    Encryption,
    SigningKey,
    encrypted_assertion,
    metadata,
    post,
    query,
    response,
    saml_site,
    signing_key,
    start,
    token_claims,
    users,
)


@pytest.fixture
def encrypting_site(idp: Any, cognito: Any) -> Iterator[dict[str, Any]]:
    for site in saml_site(idp, cognito, {"MetadataFile": metadata(IDP_KEY), "EncryptedResponses": "true"}):
        provider = idp.describe_identity_provider(UserPoolId=site["pool_id"], ProviderName="Corp")["IdentityProvider"]
        yield {**site, "certificate": provider["ProviderDetails"]["ActiveEncryptionCertificate"]}


def _sign_in(site: dict[str, Any], browser: httpx.Client, name_id: str, **extra: Any) -> httpx.Response:
    request_id, relay_state = start(site, browser)
    message = response(acs=site["acs"], audience=site["audience"], name_id=name_id, in_response_to=request_id, **extra)
    return post(site, browser, message, relay_state)


def _refused(answer: httpx.Response) -> str:
    """The error_description an app is sent back with (the sign-in refused)."""
    assert answer.status_code == 302, answer.text[:300]
    location = answer.headers["location"]
    assert location.startswith(CALLBACK)
    returned = query(location)
    assert returned["error"] == "invalid_request"
    assert "code" not in returned
    return returned.get("error_description", "")


def test_the_provider_gets_an_encryption_certificate(idp: Any, encrypting_site: dict[str, Any]) -> None:
    site = encrypting_site
    certificate = x509.load_der_x509_certificate(base64.b64decode(site["certificate"]))
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days >= 3650
    # Kept across updates, shown while the provider is described, gone with the provider.
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": metadata(IDP_KEY), "EncryptedResponses": "true", "IDPInit": "true"},
    )
    details = idp.describe_identity_provider(UserPoolId=site["pool_id"], ProviderName="Corp")["IdentityProvider"][
        "ProviderDetails"
    ]
    assert details["ActiveEncryptionCertificate"] == site["certificate"]
    assert details["EncryptedResponses"] == "true"
    idp.create_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Plain",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata(IDP_KEY)},
    )
    plain = idp.describe_identity_provider(UserPoolId=site["pool_id"], ProviderName="Plain")["IdentityProvider"]
    assert "ActiveEncryptionCertificate" not in plain["ProviderDetails"]
    idp.delete_identity_provider(UserPoolId=site["pool_id"], ProviderName="Corp")
    idp.create_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata(IDP_KEY), "EncryptedResponses": "true"},
    )
    again = idp.describe_identity_provider(UserPoolId=site["pool_id"], ProviderName="Corp")["IdentityProvider"]
    assert again["ProviderDetails"]["ActiveEncryptionCertificate"] != site["certificate"]


@pytest.mark.parametrize(
    ("sign", "encryption"),
    [
        ("assertion", {}),
        ("response", {}),
        ("assertion", {"content": AES128_GCM}),
        ("assertion", {"content": AES256_CBC}),
        ("response", {"content": AES128_CBC, "key_beside_data": True}),
        ("assertion", {"key_transport": RSA_OAEP, "oaep_digest": XENC + "sha256", "mgf": XENC11 + "mgf1sha256"}),
        ("assertion", {"key_transport": RSA_OAEP_MGF1P, "oaep_digest": XENC + "sha256", "content": AES256_GCM}),
    ],
)
def test_an_encrypted_assertion_signs_the_user_in(
    idp: Any, encrypting_site: dict[str, Any], sign: str, encryption: dict[str, Any]
) -> None:
    site = encrypting_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        answer = _sign_in(
            site,
            browser,
            "Jane.Doe@corp.example",
            email="jane@corp.example",
            sign=sign,
            encryption=Encryption(site["certificate"], **encryption),
        )
    assert answer.status_code == 302
    returned = query(answer.headers["location"])
    assert "code" in returned, answer.headers["location"]
    claims = token_claims(site, returned["code"])
    assert claims["cognito:username"] == "corp_jane.doe@corp.example"
    assert claims["email"] == "jane@corp.example"
    assert users(idp, site) == ["corp_jane.doe@corp.example"]


def test_an_unencrypted_assertion_is_refused_while_encryption_is_required(
    idp: Any, encrypting_site: dict[str, Any]
) -> None:
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        answer = _sign_in(encrypting_site, browser, "jane")
    assert "not encrypted" in _refused(answer)
    assert users(idp, encrypting_site) == []


def test_an_encrypted_assertion_needs_encrypted_responses_turned_on(idp: Any, cognito: Any) -> None:
    """A provider without a key pair cannot decrypt: the assertion (encrypted to some other key) is refused."""
    for site in saml_site(idp, cognito, {"MetadataFile": metadata(IDP_KEY)}):
        elsewhere = _certificate_of(signing_key())
        with httpx.Client(follow_redirects=False, timeout=20) as browser:
            answer = _sign_in(site, browser, "jane", encryption=Encryption(elsewhere))
        assert "not enabled" in _refused(answer)
        assert users(idp, site) == []


def _certificate_of(key: SigningKey) -> str:
    """The key's certificate as AWS gives one: base64 DER."""
    return key.cert_body


@pytest.mark.parametrize(
    "case",
    [
        "encrypted to another key",
        "rsa-1_5 key transport",
        "unsigned",
        "signed by another key",
        "gcm ciphertext changed",
        "cbc ciphertext changed",
        "cbc ciphertext changed, response signed",
    ],
)
def test_a_bad_encrypted_assertion_is_refused_and_creates_nobody(
    idp: Any, encrypting_site: dict[str, Any], case: str
) -> None:
    site = encrypting_site
    ours = Encryption(site["certificate"])
    extra: dict[str, Any] = {
        "encrypted to another key": {"encryption": Encryption(_certificate_of(OTHER_KEY))},
        "rsa-1_5 key transport": {"encryption": Encryption(site["certificate"], key_transport=RSA_1_5)},
        "unsigned": {"encryption": ours, "key": None},
        "signed by another key": {"encryption": ours, "key": OTHER_KEY},
        "gcm ciphertext changed": {"encryption": ours},
        "cbc ciphertext changed": {"encryption": Encryption(site["certificate"], content=AES128_CBC)},
        "cbc ciphertext changed, response signed": {
            "encryption": Encryption(site["certificate"], content=AES256_CBC),
            "sign": "response",
        },
    }[case]
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = start(site, browser)
        message = response(
            acs=site["acs"], audience=site["audience"], name_id="mallory", in_response_to=request_id, **extra
        )
        if "changed" in case:
            root = etree.fromstring(message)
            value = root.find(
                f"{{{SAML}}}EncryptedAssertion/{{{XENC}}}EncryptedData/{{{XENC}}}CipherData/{{{XENC}}}CipherValue"
            )
            data = bytearray(base64.b64decode(value.text))
            data[40] ^= 0x01  # a bit of the first block after the IV (CBC) or of the ciphertext (GCM)
            value.text = base64.b64encode(bytes(data)).decode()
            message = etree.tostring(root)
        answer = post(site, browser, message, relay_state)
    expected = {
        "encrypted to another key": "could not be decrypted",
        "rsa-1_5 key transport": "could not be decrypted",
        "unsigned": "signature",
        "signed by another key": "signature",
        "gcm ciphertext changed": "could not be decrypted",
    }
    assert expected.get(case, "") in _refused(answer)
    assert users(idp, site) == []


def test_an_encrypted_assertion_that_is_not_an_assertion_is_refused(idp: Any, encrypting_site: dict[str, Any]) -> None:
    """What decrypts must be one signed saml:Assertion: a DTD or another element inside is refused."""
    site = encrypting_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = start(site, browser)
        message = response(
            acs=site["acs"],
            audience=site["audience"],
            name_id="mallory",
            in_response_to=request_id,
            encryption=Encryption(site["certificate"]),
        )
        root = etree.fromstring(message)
        holder = root.find(f"{{{SAML}}}EncryptedAssertion")
        hostile = etree.fromstring(f'<saml:Subject xmlns:saml="{SAML}"><saml:NameID>admin</saml:NameID></saml:Subject>')
        root.replace(holder, encrypted_assertion(hostile, Encryption(site["certificate"])))
        answer = post(site, browser, etree.tostring(root), relay_state)
    assert "not an assertion" in _refused(answer)
    assert users(idp, site) == []


_MALFORMED = {
    "no EncryptedData": f'<saml:EncryptedAssertion xmlns:saml="{SAML}"/>',
    "unknown content algorithm": (
        f'<saml:EncryptedAssertion xmlns:saml="{SAML}" xmlns:xenc="{XENC}"><xenc:EncryptedData>'
        '<xenc:EncryptionMethod Algorithm="urn:unknown"/></xenc:EncryptedData></saml:EncryptedAssertion>'
    ),
    "cipher value not base64": (
        f'<saml:EncryptedAssertion xmlns:saml="{SAML}" xmlns:xenc="{XENC}"><xenc:EncryptedData>'
        f'<xenc:EncryptionMethod Algorithm="{AES128_GCM}"/><xenc:CipherData><xenc:CipherValue>***'
        "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>"
    ),
    "no key": (
        f'<saml:EncryptedAssertion xmlns:saml="{SAML}" xmlns:xenc="{XENC}"><xenc:EncryptedData>'
        f'<xenc:EncryptionMethod Algorithm="{AES128_GCM}"/><xenc:CipherData><xenc:CipherValue>AAAA'
        "</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>"
    ),
}


@pytest.mark.parametrize("case", sorted(_MALFORMED))
def test_a_malformed_encrypted_assertion_is_refused(idp: Any, encrypting_site: dict[str, Any], case: str) -> None:
    site = encrypting_site
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        request_id, relay_state = start(site, browser)
        root = etree.fromstring(
            response(acs=site["acs"], audience=site["audience"], name_id="mallory", in_response_to=request_id)
        )
        root.replace(root.find(f"{{{SAML}}}Assertion"), etree.fromstring(_MALFORMED[case]))
        answer = post(site, browser, etree.tostring(root), relay_state)
    assert "could not be decrypted" in _refused(answer)
    assert users(idp, site) == []


def test_an_idp_initiated_encrypted_assertion_signs_the_user_in(idp: Any, encrypting_site: dict[str, Any]) -> None:
    site = encrypting_site
    idp.update_identity_provider(
        UserPoolId=site["pool_id"],
        ProviderName="Corp",
        ProviderDetails={"MetadataFile": metadata(IDP_KEY), "EncryptedResponses": "true", "IDPInit": "true"},
    )
    relay_state = f"client_id={site['client_id']}&redirect_uri={CALLBACK}&response_type=code&identity_provider=Corp"
    message = response(
        acs=site["acs"],
        audience=site["audience"],
        name_id="idp-init",
        in_response_to=None,
        encryption=Encryption(site["certificate"]),
    )
    with httpx.Client(follow_redirects=False, timeout=20) as browser:
        answer = post(site, browser, message, relay_state)
    assert "code" in query(answer.headers["location"]), answer.headers["location"]
    assert users(idp, site) == ["corp_idp-init"]
