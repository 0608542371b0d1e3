"""SAML 2.0 providers: the AuthnRequest (HTTP-Redirect binding) and the check of the IdP's response (HTTP-POST).

The user pool is the service provider ``urn:amazon:cognito:sp:<userPoolId>``; its assertion consumer
service is the domain's ``/saml2/idpresponse``. A response is accepted only when all of this holds, else
nothing is created and the app gets ``error=invalid_request`` with a description:

- the document has no DTD, entity or external reference (defusedxml refuses it before anything reads it);
- it is signed, the whole Response or its Assertion, with a certificate of the provider's metadata
  (signxml; ``ignore_ambiguous_key_info``: a certificate the signature carries is never trusted), and
  everything read afterwards is read from what the signature covers, so a second, unsigned assertion
  wrapped around or beside the signed one is never looked at (a document with more than one assertion is
  refused outright);
- the Issuer is the metadata's entityID, the Status is Success, the Destination (when present) and the
  bearer SubjectConfirmationData's Recipient are this ACS URL, the Audience is this user pool;
- NotBefore / NotOnOrAfter of the Conditions and of the SubjectConfirmationData include now (60 seconds of
  clock skew allowed);
- InResponseTo is the ID of the AuthnRequest this RelayState went out with; a response to no request
  (IdP-initiated) only when the provider's ``IDPInit`` is ``true``;
- the assertion's ID has not been used before: IDs are remembered until the assertion expires.

With ``RequestSigningAlgorithm`` ``rsa-sha256`` the AuthnRequest is signed (``authn_request_url``).

An ``EncryptedAssertion`` is decrypted with the provider's key pair (user_pools/saml_keys.py; xmlenc.py says
which algorithms). Its signature is either the whole Response's, checked before decrypting (it covers the
ciphertext), or the assertion's own inside the encryption, checked after: the decrypted assertion is read as
a document of its own (hardened as the response is) and must verify against the metadata's certificates,
since anyone can encrypt to the provider's public certificate. With ``EncryptedResponses`` ``true`` an
assertion that is not encrypted is refused.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode
from xml.etree.ElementTree import Element

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as safe_fromstring

from console.emulator.core import fetch
from console.emulator.core.context import RequestContext

from . import xmlenc

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
SKEW = 60.0
# AWS: "The saml2/idpresponse endpoint can accept SAML assertions of up to 100,000 characters in length."
MAX_RESPONSE = 100_000
_METADATA_CACHE = 300.0


class SamlError(Exception):
    """A SAML response that is refused; ``description`` goes back to the app."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class IdpMetadata:
    entity_id: str
    certificates: tuple[str, ...]


@dataclass(frozen=True)
class Assertion:
    assertion_id: str
    issuer: str
    subject: str
    expires: float
    attributes: dict[str, Any] = field(default_factory=dict)
    name_id_format: str | None = None
    session_index: str | None = None  # the AuthnStatement's, which a LogoutRequest names


def sp_entity_id(pool_id: str) -> str:
    return f"urn:amazon:cognito:sp:{pool_id}"


def new_request_id() -> str:
    return "_" + secrets.token_hex(20)


def _instant(now: float) -> str:
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


SIG_ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def redirect_binding_url(
    location: str, parameter: str, message: str, relay_state: str | None, signing_key: rsa.RSAPrivateKey | None
) -> str:
    """``location`` with ``message`` deflated and base64-encoded as ``parameter`` (SAMLRequest or
    SAMLResponse) and the RelayState, as the HTTP-Redirect binding sends it; with ``signing_key``, signed
    as that binding signs: RSA-SHA256 over ``<parameter>=...&RelayState=...&SigAlg=...``."""
    compressor = zlib.compressobj(wbits=-15)
    deflated = compressor.compress(message.encode()) + compressor.flush()
    params = {parameter: base64.b64encode(deflated).decode()}
    if relay_state is not None:
        params["RelayState"] = relay_state
    if signing_key is not None:
        params["SigAlg"] = SIG_ALG_RSA_SHA256
        signed = urlencode(params).encode("ascii")
        params["Signature"] = base64.b64encode(signing_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())).decode()
    return f"{location}{'&' if '?' in location else '?'}{urlencode(params)}"


def authn_request_url(
    ctx: RequestContext,
    provider: dict[str, Any],
    *,
    request_id: str,
    acs_url: str,
    relay_state: str,
    signing_key: rsa.RSAPrivateKey | None = None,
) -> str | None:
    """The provider's SingleSignOnService URL with the AuthnRequest and the RelayState; with ``signing_key``
    (RequestSigningAlgorithm rsa-sha256), signed with the key whose certificate GetSigningCertificate
    returns."""
    details = provider.get("ProviderDetails") or {}
    sso = details.get("SSORedirectBindingURI")
    if not sso:
        return None
    pool_id = provider["UserPoolId"]
    request = (
        f'<samlp:AuthnRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{request_id}" Version="2.0"'
        f' IssueInstant="{_instant(ctx.now)}" Destination="{_attr_escape(sso)}"'
        f' AssertionConsumerServiceURL="{_attr_escape(acs_url)}" ProtocolBinding="{POST_BINDING}">'
        f"<saml:Issuer>{sp_entity_id(pool_id)}</saml:Issuer>"
        '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>'
        "</samlp:AuthnRequest>"
    )
    return redirect_binding_url(sso, "SAMLRequest", request, relay_state, signing_key)


# -- metadata ---------------------------------------------------------------------------------------------


def parse_xml(document: bytes | str, what: str) -> Element:
    try:
        root: Element = safe_fromstring(document, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError):
        raise SamlError(f"Invalid {what}: the document is not well-formed XML or has a DTD or entities.") from None
    return root


def parse_metadata(document: bytes | str) -> IdpMetadata:
    root = parse_xml(document, "SAML metadata")
    descriptor = root if root.tag == f"{{{MD}}}EntityDescriptor" else root.find(f".//{{{MD}}}EntityDescriptor")
    if descriptor is None:
        raise SamlError("Invalid SAML metadata: no EntityDescriptor.")
    idp = descriptor.find(f"{{{MD}}}IDPSSODescriptor")
    if idp is None:
        raise SamlError("Invalid SAML metadata: no IDPSSODescriptor.")
    certificates: list[str] = []
    for key in idp.findall(f"{{{MD}}}KeyDescriptor"):
        if key.get("use") not in (None, "signing"):
            continue
        for cert in key.iter(f"{{{DS}}}X509Certificate"):
            text = "".join((cert.text or "").split())
            if text:
                certificates.append(text)
    return IdpMetadata(descriptor.get("entityID") or "", tuple(dict.fromkeys(certificates)))


async def metadata(ctx: RequestContext, provider: dict[str, Any]) -> IdpMetadata:
    """The provider's entity ID and signing certificates, from MetadataFile or (cached five minutes)
    MetadataURL."""
    details = provider.get("ProviderDetails") or {}
    if details.get("MetadataFile"):
        return parse_metadata(details["MetadataFile"])
    url = details.get("MetadataURL") or ""
    cache: dict[str, tuple[float, IdpMetadata]] = ctx.state.setdefault("saml.metadata", {})
    hit = cache.get(url)
    if hit is not None and hit[0] > ctx.now:
        return hit[1]
    response = await fetch.get(ctx, url, headers={"Accept": "application/xml"})
    if response is None:
        raise SamlError("Unable to retrieve the SAML metadata of the identity provider.")
    found = parse_metadata(response.content)
    cache[url] = (ctx.now + _METADATA_CACHE, found)
    return found


# -- the response -----------------------------------------------------------------------------------------


def parse_instant(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise SamlError(f"Invalid SAML response: bad time {value}.") from None


def _lxml(document: bytes) -> Any:
    """``document`` parsed by lxml once ``parse_xml`` (defusedxml) has refused DTDs and entities: no entity is
    resolved and nothing is fetched."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(document, parser)
    except etree.XMLSyntaxError:
        raise SamlError("Invalid SAML response: the document is not well-formed XML.") from None


def _standalone(plaintext: bytes, holder: Any) -> bytes:
    """A decrypted Assertion as a document of its own, the namespaces in scope at its EncryptedAssertion
    (``holder``, lxml) declared on it, as signxml verifies it."""
    from lxml import etree

    text = plaintext.strip()
    if text.startswith(b"<?xml"):
        text = text[text.find(b"?>") + 2 :]
    declarations = " ".join(
        f'xmlns:{prefix}="{_attr_escape(uri)}"' if prefix else f'xmlns="{_attr_escape(uri)}"'
        for prefix, uri in holder.nsmap.items()
    )
    wrapped = f"<wrapper {declarations}>".encode() + text + b"</wrapper>"
    parse_xml(wrapped, "SAML assertion")  # no DTD, entity or external reference in what was encrypted either
    elements = [child for child in _lxml(wrapped) if isinstance(child.tag, str)]
    if len(elements) != 1 or elements[0].tag != f"{{{SAML}}}Assertion":
        raise SamlError("Invalid SAML response: the encrypted data is not an assertion.")
    return bytes(etree.tostring(elements[0]))


def _decrypted(holder: Any, key: rsa.RSAPrivateKey) -> bytes:
    try:
        return _standalone(xmlenc.decrypt(holder, key), holder)
    except xmlenc.DecryptionError:
        raise SamlError("Invalid SAML response: the assertion could not be decrypted.") from None


def signed_element(document: bytes, certificates: tuple[str, ...]) -> Any:
    """The element the signature covers (lxml), checked against each certificate in turn."""
    # Imported where responses are read: signxml and lxml are not needed at start-up.
    from signxml import XMLVerifier

    for certificate in certificates:
        pem = "-----BEGIN CERTIFICATE-----\n" + certificate + "\n-----END CERTIFICATE-----\n"
        try:
            result = XMLVerifier().verify(document, x509_cert=pem, ignore_ambiguous_key_info=True)
        except Exception:  # noqa: S112 - InvalidSignature, InvalidInput, InvalidCertificate, lxml errors: next certificate
            continue
        if isinstance(result, list):  # several signatures were expected: never asked for here
            continue
        return result.signed_xml
    raise SamlError("Invalid SAML response: the signature is missing or does not verify.")


def child_text(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else (found.text or "").strip()


def _signed_plain(document: bytes, root: Element, certificates: tuple[str, ...]) -> tuple[Any, Any]:
    """(the assertion, the Response to read Status, Destination and InResponseTo from) of a response with
    a plain assertion: whichever of the two the signature covers."""
    signed = signed_element(document, certificates)
    tag = signed.tag
    if tag == f"{{{SAMLP}}}Response":
        assertions = signed.findall(f"{{{SAML}}}Assertion")
        if len(assertions) != 1:
            raise SamlError("Invalid SAML response: exactly one assertion is expected.")
        # Read from the signed Response when the whole Response is signed: a wrapper around it cannot
        # change them.
        return assertions[0], signed
    if tag == f"{{{SAML}}}Assertion":
        outer = root.find(f"{{{SAML}}}Assertion")
        if outer is None or outer.get("ID") != signed.get("ID"):
            raise SamlError("Invalid SAML response: the signed assertion is not the response's assertion.")
        # With only the assertion signed, Status, Destination and InResponseTo are the response's own, as
        # SAML allows, and the assertion's ID is good once either way.
        return signed, root
    raise SamlError("Invalid SAML response: the signature covers neither the response nor its assertion.")


def _signed_encrypted(document: bytes, certificates: tuple[str, ...], key: rsa.RSAPrivateKey) -> tuple[Any, Any]:
    """``_signed_plain`` for a response whose assertion is encrypted (see the module's docstring)."""
    try:
        signed = signed_element(document, certificates)
    except SamlError:
        signed = None
    if signed is not None and signed.tag == f"{{{SAMLP}}}Response":
        holders = signed.findall(f"{{{SAML}}}EncryptedAssertion")
        if len(holders) != 1:
            raise SamlError("Invalid SAML response: exactly one assertion is expected.")
        return _lxml(_decrypted(holders[0], key)), signed
    root = _lxml(document)
    holder = root.find(f"{{{SAML}}}EncryptedAssertion")
    if holder is None:
        raise SamlError("Invalid SAML response: the encrypted assertion is not the response's assertion.")
    assertion = signed_element(_decrypted(holder, key), certificates)
    if assertion.tag != f"{{{SAML}}}Assertion":
        raise SamlError("Invalid SAML response: the signature covers neither the response nor its assertion.")
    return assertion, root


def verify_response(
    ctx: RequestContext,
    provider: dict[str, Any],
    idp: IdpMetadata,
    encoded: str,
    *,
    acs_url: str,
    request_id: str | None,
    decryption_key: rsa.RSAPrivateKey | None = None,
) -> Assertion:
    """The assertion of a SAML response (base64 of the POST's ``SAMLResponse``), or SamlError.
    ``decryption_key`` is the provider's (user_pools/saml_keys.py), for an encrypted assertion."""
    document = binding_document(encoded, deflated=False, what="SAML response")
    root = parse_xml(document, "SAML response")
    if root.tag != f"{{{SAMLP}}}Response":
        raise SamlError("Invalid SAML response: not a samlp:Response.")
    encrypted = root.findall(f".//{{{SAML}}}EncryptedAssertion")
    if len(encrypted) + len(root.findall(f".//{{{SAML}}}Assertion")) != 1:
        raise SamlError("Invalid SAML response: exactly one assertion is expected.")
    details = provider.get("ProviderDetails") or {}
    if not encrypted and details.get("EncryptedResponses") == "true":
        raise SamlError("Invalid SAML response: the assertion is not encrypted.")
    if encrypted and decryption_key is None:
        raise SamlError("Invalid SAML response: encrypted responses are not enabled for this identity provider.")
    if not idp.certificates:
        raise SamlError("Invalid SAML metadata: no signing certificate.")
    if encrypted:
        assert decryption_key is not None
        assertion, top = _signed_encrypted(document, idp.certificates, decryption_key)
    else:
        assertion, top = _signed_plain(document, root, idp.certificates)
    now = ctx.now

    status = top.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode")
    if status is None or status.get("Value") != SUCCESS:
        raise SamlError("Invalid SAML response: the identity provider did not authenticate the user.")
    destination = top.get("Destination")
    if destination is not None and destination != acs_url:
        raise SamlError("Invalid SAML response: Destination is not this service provider's ACS URL.")
    issuer = child_text(assertion, f"{{{SAML}}}Issuer")
    if not issuer or (idp.entity_id and issuer != idp.entity_id):
        raise SamlError("Invalid SAML response: the Issuer is not the identity provider.")

    answered = top.get("InResponseTo")
    if request_id is None:
        if details.get("IDPInit") != "true":
            raise SamlError("Invalid SAML response: IdP-initiated sign-in is not enabled for this identity provider.")
        if answered is not None:
            raise SamlError("Invalid SAML response: InResponseTo names no request of this sign-in.")
    elif answered != request_id:
        raise SamlError("Invalid SAML response: InResponseTo does not match the request.")

    conditions = assertion.find(f"{{{SAML}}}Conditions")
    if conditions is None:
        raise SamlError("Invalid SAML response: no Conditions.")
    not_before = parse_instant(conditions.get("NotBefore"))
    not_after = parse_instant(conditions.get("NotOnOrAfter"))
    if not_before is not None and now + SKEW < not_before:
        raise SamlError("Invalid SAML response: the assertion is not valid yet.")
    if not_after is None or now - SKEW >= not_after:
        raise SamlError("Invalid SAML response: the assertion has expired.")
    audiences = [
        (a.text or "").strip() for a in conditions.findall(f"{{{SAML}}}AudienceRestriction/{{{SAML}}}Audience")
    ]
    if sp_entity_id(provider["UserPoolId"]) not in audiences:
        raise SamlError("Invalid SAML response: the Audience is not this user pool.")

    subject = assertion.find(f"{{{SAML}}}Subject")
    name_id = child_text(subject, f"{{{SAML}}}NameID") if subject is not None else None
    if not name_id:
        raise SamlError("Invalid SAML response: no NameID.")
    bearer = [c for c in subject.findall(f"{{{SAML}}}SubjectConfirmation") if c.get("Method") == BEARER]
    if not bearer:
        raise SamlError("Invalid SAML response: no bearer SubjectConfirmation.")
    data = bearer[0].find(f"{{{SAML}}}SubjectConfirmationData")
    if data is None or data.get("Recipient") != acs_url:
        raise SamlError("Invalid SAML response: Recipient is not this service provider's ACS URL.")
    confirmed_until = parse_instant(data.get("NotOnOrAfter"))
    if confirmed_until is None or now - SKEW >= confirmed_until:
        raise SamlError("Invalid SAML response: the assertion has expired.")
    if (request_id is None and data.get("InResponseTo") is not None) or (
        request_id is not None and data.get("InResponseTo") not in (None, request_id)
    ):
        raise SamlError("Invalid SAML response: InResponseTo does not match the request.")

    attributes: dict[str, Any] = {}
    for attribute in assertion.findall(f"{{{SAML}}}AttributeStatement/{{{SAML}}}Attribute"):
        name = attribute.get("Name")
        if not name:
            continue
        values = [(v.text or "") for v in attribute.findall(f"{{{SAML}}}AttributeValue")]
        attributes[name] = values[0] if len(values) == 1 else values
    assertion_id = assertion.get("ID") or ""
    if not assertion_id:
        raise SamlError("Invalid SAML response: the assertion has no ID.")
    name_id_element = subject.find(f"{{{SAML}}}NameID")
    statement = assertion.find(f"{{{SAML}}}AuthnStatement")
    return Assertion(
        assertion_id,
        issuer,
        name_id,
        min(not_after, confirmed_until),
        attributes,
        name_id_format=name_id_element.get("Format") if name_id_element is not None else None,
        session_index=statement.get("SessionIndex") if statement is not None else None,
    )


def consume(ctx: RequestContext, pool_id: str, assertion: Assertion) -> None:
    """Remember the assertion's ID until it expires; SamlError if it was used before (inside a transaction)."""
    ctx.store.run("DELETE FROM saml_assertions WHERE expires < ?", (ctx.now - SKEW,))
    if ctx.store.value(
        "SELECT 1 FROM saml_assertions WHERE pool_id = ? AND assertion_id = ?", (pool_id, assertion.assertion_id)
    ):
        raise SamlError("Invalid SAML response: the assertion was already used.")
    ctx.store.run(
        "INSERT INTO saml_assertions (pool_id, assertion_id, expires) VALUES (?, ?, ?)",
        (pool_id, assertion.assertion_id, assertion.expires + SKEW),
    )


def remember_session(
    ctx: RequestContext, pool_id: str, provider_name: str, assertion: Assertion, username_key: str, expires: float
) -> None:
    """The SAML sign-in behind a hosted UI session, for single logout (single_logout.py): the NameID and
    SessionIndex a LogoutRequest names (inside a transaction)."""
    ctx.store.run("DELETE FROM saml_sessions WHERE expires < ?", (ctx.now,))
    ctx.store.run(
        "INSERT OR REPLACE INTO saml_sessions (pool_id, provider_name, name_id, username_key, name_id_format,"
        " session_index, expires) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            pool_id,
            provider_name,
            assertion.subject,
            username_key,
            assertion.name_id_format,
            assertion.session_index,
            expires,
        ),
    )


# -- single logout ----------------------------------------------------------------------------------------

SIG_ALG_RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
_SIG_ALGS = {SIG_ALG_RSA_SHA256: hashes.SHA256, SIG_ALG_RSA_SHA512: hashes.SHA512}
_MAX_INFLATED = 256 * 1024


@dataclass(frozen=True)
class LogoutRequest:
    request_id: str
    issuer: str
    name_id: str
    session_indexes: tuple[str, ...]


def logout_request_url(
    ctx: RequestContext,
    provider: dict[str, Any],
    *,
    request_id: str,
    name_id: str,
    name_id_format: str | None,
    session_index: str | None,
    relay_state: str,
    signing_key: rsa.RSAPrivateKey,
) -> str | None:
    """The provider's SingleLogoutService URL with a signed LogoutRequest for the user's NameID (AWS signs
    it with the pool's signing certificate, always)."""
    slo = (provider.get("ProviderDetails") or {}).get("SLORedirectBindingURI")
    if not slo:
        return None
    name_format = f' Format="{_attr_escape(name_id_format)}"' if name_id_format else ""
    index = f"<samlp:SessionIndex>{text_escape(session_index)}</samlp:SessionIndex>" if session_index else ""
    message = (
        f'<samlp:LogoutRequest xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{request_id}" Version="2.0"'
        f' IssueInstant="{_instant(ctx.now)}" Destination="{_attr_escape(slo)}">'
        f"<saml:Issuer>{sp_entity_id(provider['UserPoolId'])}</saml:Issuer>"
        f"<saml:NameID{name_format}>{text_escape(name_id)}</saml:NameID>{index}"
        "</samlp:LogoutRequest>"
    )
    return redirect_binding_url(slo, "SAMLRequest", message, relay_state, signing_key)


def logout_response_url(
    ctx: RequestContext,
    provider: dict[str, Any],
    *,
    in_response_to: str,
    relay_state: str | None,
    signing_key: rsa.RSAPrivateKey,
) -> str | None:
    """The provider's SingleLogoutService URL with a signed, successful LogoutResponse to its request."""
    slo = (provider.get("ProviderDetails") or {}).get("SLORedirectBindingURI")
    if not slo:
        return None
    message = (
        f'<samlp:LogoutResponse xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{new_request_id()}" Version="2.0"'
        f' IssueInstant="{_instant(ctx.now)}" Destination="{_attr_escape(slo)}"'
        f' InResponseTo="{_attr_escape(in_response_to)}">'
        f"<saml:Issuer>{sp_entity_id(provider['UserPoolId'])}</saml:Issuer>"
        f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
        "</samlp:LogoutResponse>"
    )
    return redirect_binding_url(slo, "SAMLResponse", message, relay_state, signing_key)


def binding_document(encoded: str, *, deflated: bool, what: str = "SAML message") -> bytes:
    """The XML of a ``SAMLRequest`` / ``SAMLResponse``: base64 (HTTP-POST binding), deflated first with
    the HTTP-Redirect binding (inflated to at most 256 KB)."""
    if len(encoded) > MAX_RESPONSE:
        raise SamlError(f"Invalid {what}: too large.")
    try:
        raw = base64.b64decode(encoded, validate=False)
    except ValueError:
        raise SamlError(f"Invalid {what}: not base64.") from None
    if not deflated:
        return raw
    inflater = zlib.decompressobj(wbits=-15)
    try:
        document = inflater.decompress(raw, _MAX_INFLATED)
    except zlib.error:
        raise SamlError(f"Invalid {what}: not deflated.") from None
    if inflater.unconsumed_tail:
        raise SamlError(f"Invalid {what}: too large.")
    return document


def verify_redirect_signature(idp: IdpMetadata, raw_query: str, parameter: str) -> None:
    """Check the HTTP-Redirect binding's signature of a message from the identity provider: ``SigAlg`` and
    ``Signature`` over ``<parameter>=...&RelayState=...&SigAlg=...`` as the URL carries them (still
    URL-encoded); SamlError when it is missing or does not verify with a certificate of the metadata."""
    from urllib.parse import unquote_plus

    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    raw: dict[str, str] = {}
    for pair in raw_query.split("&"):
        name, _, value = pair.partition("=")
        raw.setdefault(name, value)
    algorithm = _SIG_ALGS.get(unquote_plus(raw.get("SigAlg", "")))
    if algorithm is None or parameter not in raw or "Signature" not in raw:
        raise SamlError("Invalid SAML message: the signature is missing or uses an unsupported algorithm.")
    signed = "&".join(f"{name}={raw[name]}" for name in (parameter, "RelayState", "SigAlg") if name in raw)
    try:
        signature = base64.b64decode(unquote_plus(raw["Signature"]), validate=False)
    except ValueError:
        raise SamlError("Invalid SAML message: the signature is not base64.") from None
    for certificate in idp.certificates:
        try:
            public = x509.load_der_x509_certificate(base64.b64decode(certificate)).public_key()
            if not isinstance(public, rsa.RSAPublicKey):
                continue
            public.verify(signature, signed.encode("ascii"), padding.PKCS1v15(), algorithm())
        except (InvalidSignature, ValueError, UnicodeEncodeError):
            continue
        return
    raise SamlError("Invalid SAML message: the signature does not verify.")


def _logout_message(document: bytes, idp: IdpMetadata, kind: str, *, signature_required: bool) -> Any:
    """The ``kind`` (LogoutRequest or LogoutResponse) element, from what its XML signature covers when it
    has one (required unless the binding's signature was checked, ``signature_required`` False)."""
    root = parse_xml(document, f"SAML {kind}")
    if root.tag != f"{{{SAMLP}}}{kind}":
        raise SamlError(f"Invalid SAML message: not a samlp:{kind}.")
    if root.find(f".//{{{DS}}}Signature") is None:
        if signature_required:
            raise SamlError("Invalid SAML message: the signature is missing or does not verify.")
        return root
    signed = signed_element(document, idp.certificates)
    if signed.tag != f"{{{SAMLP}}}{kind}":
        raise SamlError("Invalid SAML message: the signature does not cover the message.")
    return signed


def _check_issuer_and_destination(message: Any, idp: IdpMetadata, logout_url: str) -> str:
    issuer = child_text(message, f"{{{SAML}}}Issuer")
    if not issuer or (idp.entity_id and issuer != idp.entity_id):
        raise SamlError("Invalid SAML message: the Issuer is not the identity provider.")
    destination = message.get("Destination")
    if destination is not None and destination != logout_url:
        raise SamlError("Invalid SAML message: Destination is not this service provider's logout URL.")
    return issuer


def read_logout_response(document: bytes, idp: IdpMetadata, *, request_id: str, logout_url: str) -> None:
    """Check that a LogoutResponse is the identity provider's answer to LogoutRequest ``request_id``; an
    XML signature, when it has one, must verify. SamlError otherwise."""
    message = _logout_message(document, idp, "LogoutResponse", signature_required=False)
    _check_issuer_and_destination(message, idp, logout_url)
    if message.get("InResponseTo") != request_id:
        raise SamlError("Invalid SAML message: InResponseTo does not match the logout request.")


def read_logout_request(
    ctx: RequestContext, document: bytes, idp: IdpMetadata, *, logout_url: str, binding_signed: bool
) -> LogoutRequest:
    """An identity provider's LogoutRequest, signed (by the HTTP-Redirect binding, ``binding_signed``, or
    an XML signature), from the provider, to this logout URL, not expired; SamlError otherwise."""
    message = _logout_message(document, idp, "LogoutRequest", signature_required=not binding_signed)
    issuer = _check_issuer_and_destination(message, idp, logout_url)
    not_after = parse_instant(message.get("NotOnOrAfter"))
    if not_after is not None and ctx.now - SKEW >= not_after:
        raise SamlError("Invalid SAML message: the logout request has expired.")
    name_id = child_text(message, f"{{{SAML}}}NameID")
    request_id = message.get("ID") or ""
    if not name_id or not request_id:
        raise SamlError("Invalid SAML message: the logout request has no NameID or ID.")
    indexes = tuple((e.text or "").strip() for e in message.findall(f"{{{SAMLP}}}SessionIndex"))
    return LogoutRequest(request_id, issuer, name_id, indexes)


def peek_issuer(document: bytes) -> str | None:
    """The Issuer a SAML message claims, before anything is checked: which provider's keys to check it with."""
    root = parse_xml(document, "SAML message")
    return child_text(root, f"{{{SAML}}}Issuer")
