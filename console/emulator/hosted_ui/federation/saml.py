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
Encrypted assertions (``EncryptedResponses``) are not implemented: an encrypted assertion is refused.
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


def sp_entity_id(pool_id: str) -> str:
    return f"urn:amazon:cognito:sp:{pool_id}"


def new_request_id() -> str:
    return "_" + secrets.token_hex(20)


def _instant(now: float) -> str:
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _attr_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


SIG_ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def authn_request_url(
    ctx: RequestContext,
    provider: dict[str, Any],
    *,
    request_id: str,
    acs_url: str,
    relay_state: str,
    signing_key: rsa.RSAPrivateKey | None = None,
) -> str | None:
    """The provider's SingleSignOnService URL with the deflated AuthnRequest and the RelayState; with
    ``signing_key`` (RequestSigningAlgorithm rsa-sha256), signed as the HTTP-Redirect binding signs: RSA-SHA256
    over ``SAMLRequest=...&RelayState=...&SigAlg=...``, with the key whose certificate GetSigningCertificate
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
    compressor = zlib.compressobj(wbits=-15)
    deflated = compressor.compress(request.encode()) + compressor.flush()
    params = {"SAMLRequest": base64.b64encode(deflated).decode(), "RelayState": relay_state}
    if signing_key is not None:
        params["SigAlg"] = SIG_ALG_RSA_SHA256
        signed = urlencode(params).encode("ascii")
        params["Signature"] = base64.b64encode(signing_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())).decode()
    return f"{sso}{'&' if '?' in sso else '?'}{urlencode(params)}"


# -- metadata ---------------------------------------------------------------------------------------------


def _parse(document: bytes | str, what: str) -> Element:
    try:
        root: Element = safe_fromstring(document, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError):
        raise SamlError(f"Invalid {what}: the document is not well-formed XML or has a DTD or entities.") from None
    return root


def parse_metadata(document: bytes | str) -> IdpMetadata:
    root = _parse(document, "SAML metadata")
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


def _time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise SamlError(f"Invalid SAML response: bad time {value}.") from None


def _verified(document: bytes, certificates: tuple[str, ...]) -> Any:
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


def _text(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else (found.text or "").strip()


def verify_response(
    ctx: RequestContext,
    provider: dict[str, Any],
    idp: IdpMetadata,
    encoded: str,
    *,
    acs_url: str,
    request_id: str | None,
) -> Assertion:
    """The assertion of a SAML response (base64 of the POST's ``SAMLResponse``), or SamlError."""
    if len(encoded) > MAX_RESPONSE:
        raise SamlError("Invalid SAML response: too large.")
    try:
        document = base64.b64decode(encoded, validate=False)
    except ValueError:
        raise SamlError("Invalid SAML response: not base64.") from None
    root = _parse(document, "SAML response")
    if root.tag != f"{{{SAMLP}}}Response":
        raise SamlError("Invalid SAML response: not a samlp:Response.")
    if root.findall(f".//{{{SAML}}}EncryptedAssertion"):
        raise SamlError("Invalid SAML response: encrypted assertions are not supported.")
    if len(root.findall(f".//{{{SAML}}}Assertion")) != 1:
        raise SamlError("Invalid SAML response: exactly one assertion is expected.")
    if not idp.certificates:
        raise SamlError("Invalid SAML metadata: no signing certificate.")
    signed = _verified(document, idp.certificates)
    tag = signed.tag
    if tag == f"{{{SAMLP}}}Response":
        assertions = signed.findall(f"{{{SAML}}}Assertion")
        if len(assertions) != 1:
            raise SamlError("Invalid SAML response: exactly one assertion is expected.")
        assertion = assertions[0]
    elif tag == f"{{{SAML}}}Assertion":
        assertion = signed
        outer = root.find(f"{{{SAML}}}Assertion")
        if outer is None or outer.get("ID") != assertion.get("ID"):
            raise SamlError("Invalid SAML response: the signed assertion is not the response's assertion.")
    else:
        raise SamlError("Invalid SAML response: the signature covers neither the response nor its assertion.")
    now = ctx.now
    # Status, Destination and InResponseTo are read from the signed Response when the whole Response is
    # signed (a wrapper around it cannot change them); with only the assertion signed they are the
    # response's own, as SAML allows, and the assertion's ID is good once either way.
    top = signed if tag == f"{{{SAMLP}}}Response" else root

    status = top.find(f"{{{SAMLP}}}Status/{{{SAMLP}}}StatusCode")
    if status is None or status.get("Value") != SUCCESS:
        raise SamlError("Invalid SAML response: the identity provider did not authenticate the user.")
    destination = top.get("Destination")
    if destination is not None and destination != acs_url:
        raise SamlError("Invalid SAML response: Destination is not this service provider's ACS URL.")
    issuer = _text(assertion, f"{{{SAML}}}Issuer")
    if not issuer or (idp.entity_id and issuer != idp.entity_id):
        raise SamlError("Invalid SAML response: the Issuer is not the identity provider.")

    details = provider.get("ProviderDetails") or {}
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
    not_before = _time(conditions.get("NotBefore"))
    not_after = _time(conditions.get("NotOnOrAfter"))
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
    name_id = _text(subject, f"{{{SAML}}}NameID") if subject is not None else None
    if not name_id:
        raise SamlError("Invalid SAML response: no NameID.")
    bearer = [c for c in subject.findall(f"{{{SAML}}}SubjectConfirmation") if c.get("Method") == BEARER]
    if not bearer:
        raise SamlError("Invalid SAML response: no bearer SubjectConfirmation.")
    data = bearer[0].find(f"{{{SAML}}}SubjectConfirmationData")
    if data is None or data.get("Recipient") != acs_url:
        raise SamlError("Invalid SAML response: Recipient is not this service provider's ACS URL.")
    confirmed_until = _time(data.get("NotOnOrAfter"))
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
    return Assertion(assertion_id, issuer, name_id, min(not_after, confirmed_until), attributes)


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
