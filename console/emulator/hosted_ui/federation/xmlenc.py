"""XML Encryption of SAML assertions: an ``EncryptedAssertion`` decrypted with the provider's key pair.

An identity provider encrypts an assertion to the provider's certificate (user_pools/saml_keys.py) as XML
Encryption 1.1 says: a random content key encrypts the ``<Assertion>`` element (``EncryptedData``), and the
certificate's RSA key encrypts that content key (``EncryptedKey``, inside the data's ``KeyInfo`` or beside
it in the ``EncryptedAssertion``). Accepted here:

- key transport: RSA-OAEP, ``xmlenc#rsa-oaep-mgf1p`` (MGF1 with SHA-1; the digest SHA-1 unless a
  ``DigestMethod`` names another) and ``xmlenc11#rsa-oaep`` (digest and ``MGF`` named, SHA-1 by default).
  RSA PKCS#1 v1.5 (``xmlenc#rsa-1_5``) is refused: how its padding check fails can be measured from outside
  and turned into a decryption of the key (Bleichenbacher's attack);
- content: AES-128/192/256-GCM (``xmlenc11#aes*-gcm``) and AES-128/192/256-CBC (``xmlenc#aes*-cbc``).

A CBC ciphertext is not authenticated: a changed one decrypts to something else, which its signature then
refuses (saml.py checks the signature after decrypting, or before when it covers the whole Response). Every
failure is the same ``DecryptionError``, whichever step failed, so no answer tells a caller more than
"this did not decrypt".
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"
ELEMENT = XENC + "Element"

RSA_OAEP_MGF1P = XENC + "rsa-oaep-mgf1p"
RSA_OAEP = XENC11 + "rsa-oaep"
RSA_1_5 = XENC + "rsa-1_5"

# Content encryption: algorithm -> (mode, key length in bytes)
_CONTENT: dict[str, tuple[str, int]] = {
    XENC + "aes128-cbc": ("cbc", 16),
    XENC + "aes192-cbc": ("cbc", 24),
    XENC + "aes256-cbc": ("cbc", 32),
    XENC11 + "aes128-gcm": ("gcm", 16),
    XENC11 + "aes192-gcm": ("gcm", 24),
    XENC11 + "aes256-gcm": ("gcm", 32),
}
_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    DS + "sha1": hashes.SHA1,
    "http://www.w3.org/2001/04/xmldsig-more#sha224": hashes.SHA224,
    XENC + "sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashes.SHA384,
    XENC + "sha512": hashes.SHA512,
}
_MGFS: dict[str, type[hashes.HashAlgorithm]] = {
    XENC11 + "mgf1sha1": hashes.SHA1,
    XENC11 + "mgf1sha224": hashes.SHA224,
    XENC11 + "mgf1sha256": hashes.SHA256,
    XENC11 + "mgf1sha384": hashes.SHA384,
    XENC11 + "mgf1sha512": hashes.SHA512,
}


class DecryptionError(Exception):
    """The EncryptedAssertion could not be decrypted with the provider's key."""


def _cipher_value(element: Any) -> bytes:
    value = element.find(f"{{{XENC}}}CipherData/{{{XENC}}}CipherValue")
    if value is None:
        raise DecryptionError
    try:
        return base64.b64decode("".join((value.text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionError from None


def _oaep(method: Any) -> padding.OAEP:
    """The OAEP parameters an EncryptedKey's EncryptionMethod names."""
    algorithm = method.get("Algorithm")
    if algorithm not in (RSA_OAEP_MGF1P, RSA_OAEP):
        raise DecryptionError  # rsa-1_5 among them: see the module's docstring
    digest_method = method.find(f"{{{DS}}}DigestMethod")
    digest = _DIGESTS.get(digest_method.get("Algorithm") if digest_method is not None else DS + "sha1")
    mgf_digest: type[hashes.HashAlgorithm] | None = hashes.SHA1
    if algorithm == RSA_OAEP:
        mgf = method.find(f"{{{XENC11}}}MGF")
        mgf_digest = _MGFS.get(mgf.get("Algorithm") if mgf is not None else XENC11 + "mgf1sha1")
    if digest is None or mgf_digest is None:
        raise DecryptionError
    label = None
    params = method.find(f"{{{XENC}}}OAEPparams")
    if params is not None and (params.text or "").strip():
        try:
            label = base64.b64decode("".join((params.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise DecryptionError from None
    return padding.OAEP(mgf=padding.MGF1(algorithm=mgf_digest()), algorithm=digest(), label=label)


def _content_key(encrypted_key: Any, key: rsa.RSAPrivateKey, length: int) -> bytes | None:
    method = encrypted_key.find(f"{{{XENC}}}EncryptionMethod")
    if method is None:
        return None
    try:
        content_key = key.decrypt(_cipher_value(encrypted_key), _oaep(method))
    except (DecryptionError, ValueError):
        return None
    return content_key if len(content_key) == length else None


def _decrypt_content(mode: str, content_key: bytes, data: bytes) -> bytes:
    if mode == "gcm":
        if len(data) < 12 + 16:
            raise DecryptionError
        try:
            return AESGCM(content_key).decrypt(data[:12], data[12:], None)
        except InvalidTag:
            raise DecryptionError from None
    if len(data) < 32 or len(data) % 16:
        raise DecryptionError
    decryptor = Cipher(algorithms.AES(content_key), modes.CBC(data[:16])).decryptor()
    plain = decryptor.update(data[16:]) + decryptor.finalize()
    # XML Encryption's padding: the last byte says how many bytes were added (the others are arbitrary).
    pad = plain[-1]
    if not 1 <= pad <= 16:
        raise DecryptionError
    return plain[:-pad]


def decrypt(encrypted_assertion: Any, key: rsa.RSAPrivateKey) -> bytes:
    """The serialized element an ``EncryptedAssertion`` (an ElementTree or lxml element) holds."""
    data = encrypted_assertion.find(f"{{{XENC}}}EncryptedData")
    if data is None or data.get("Type", ELEMENT) != ELEMENT:
        raise DecryptionError
    method = data.find(f"{{{XENC}}}EncryptionMethod")
    content = _CONTENT.get(method.get("Algorithm") if method is not None else "")
    if content is None:
        raise DecryptionError
    mode, length = content
    candidates = [
        *data.findall(f"{{{DS}}}KeyInfo/{{{XENC}}}EncryptedKey"),
        *encrypted_assertion.findall(f"{{{XENC}}}EncryptedKey"),
    ]
    ciphertext = _cipher_value(data)
    for candidate in candidates:
        content_key = _content_key(candidate, key, length)
        if content_key is not None:
            return _decrypt_content(mode, content_key, ciphertext)
    raise DecryptionError
