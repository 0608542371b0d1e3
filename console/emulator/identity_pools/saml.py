"""SAML logins of identity pools: the Logins key is an IAM SAML provider's ARN the pool names in
SamlProviderARNs, the value the base64 ``SAMLResponse`` the identity provider posted for AWS's sign-in.

The response is checked against the IAM SAML provider's metadata (its SAMLMetadataDocument) as AWS checks an
assertion for AWS (the parsing, signature and time checks of hosted_ui/federation/saml.py):

- signed, the whole Response or its one Assertion, with a signing certificate of the metadata; everything is
  read from what the signature covers;
- the Issuer is the metadata's entityID and the Status is Success;
- the Audience is AWS's, ``urn:amazon:webservices`` (or ``https://signin.aws.amazon.com/saml``), and the
  Destination and the bearer SubjectConfirmationData's Recipient, when present, AWS's sign-in endpoint;
- now is within NotBefore / NotOnOrAfter of the Conditions and of the SubjectConfirmationData (60 s of skew).

The user is the assertion's NameID; its attributes are the login's claims (what role mapping Rules match).
The ``https://aws.amazon.com/SAML/Attributes/Role`` attribute's values, ``<role ARN>,<provider ARN>`` (either
order), name the roles the user may take through this provider: GetCredentialsForIdentity takes the one the
CustomRoleArn names, or the only one (roles.py).
"""

from __future__ import annotations

import base64
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.hosted_ui.federation import saml as federation
from console.emulator.iam.providers import get_saml_provider

from .verified import Login, invalid_login

ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role"
AUDIENCES = ("urn:amazon:webservices", "https://signin.aws.amazon.com/saml")


def _aws_sign_in(url: str) -> bool:
    """Whether ``url`` is AWS's SAML sign-in endpoint (global, or a region's)."""
    host, _, path = url.removeprefix("https://").partition("/")
    return path == "saml" and (host == "signin.aws.amazon.com" or host.endswith(".signin.aws.amazon.com"))


def _assertion(ctx: RequestContext, metadata: federation.IdpMetadata, encoded: str) -> Any:
    """The signed assertion (lxml) of the response, after the checks of the module's docstring."""
    if len(encoded) > federation.MAX_RESPONSE:
        raise federation.SamlError("too large")
    try:
        document = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise federation.SamlError("not base64") from None
    root = federation.parse_xml(document, "SAML response")
    if root.tag != f"{{{federation.SAMLP}}}Response":
        raise federation.SamlError("not a samlp:Response")
    if len(root.findall(f".//{{{federation.SAML}}}Assertion")) != 1:
        raise federation.SamlError("exactly one assertion is expected")
    if not metadata.certificates:
        raise federation.SamlError("the SAML provider's metadata has no signing certificate")
    signed = federation.signed_element(document, metadata.certificates)
    if signed.tag == f"{{{federation.SAMLP}}}Response":
        found = signed.findall(f"{{{federation.SAML}}}Assertion")
        if len(found) != 1:
            raise federation.SamlError("exactly one assertion is expected")
        assertion, top = found[0], signed
    elif signed.tag == f"{{{federation.SAML}}}Assertion":
        outer = root.find(f"{{{federation.SAML}}}Assertion")
        if outer is None or outer.get("ID") != signed.get("ID"):
            raise federation.SamlError("the signed assertion is not the response's assertion")
        assertion, top = signed, root
    else:
        raise federation.SamlError("the signature covers neither the response nor its assertion")
    status = top.find(f"{{{federation.SAMLP}}}Status/{{{federation.SAMLP}}}StatusCode")
    if status is None or status.get("Value") != federation.SUCCESS:
        raise federation.SamlError("the identity provider did not authenticate the user")
    destination = top.get("Destination")
    if destination is not None and not _aws_sign_in(destination):
        raise federation.SamlError("Destination is not AWS's SAML sign-in endpoint")
    issuer = federation.child_text(assertion, f"{{{federation.SAML}}}Issuer")
    if not issuer or (metadata.entity_id and issuer != metadata.entity_id):
        raise federation.SamlError("the Issuer is not the SAML provider")
    conditions = assertion.find(f"{{{federation.SAML}}}Conditions")
    if conditions is None:
        raise federation.SamlError("no Conditions")
    now, skew = ctx.now, federation.SKEW
    not_before = federation.parse_instant(conditions.get("NotBefore"))
    not_after = federation.parse_instant(conditions.get("NotOnOrAfter"))
    if not_before is not None and now + skew < not_before:
        raise federation.SamlError("the assertion is not valid yet")
    if not_after is None or now - skew >= not_after:
        raise federation.SamlError("the assertion has expired")
    audiences = {
        (a.text or "").strip()
        for a in conditions.findall(f"{{{federation.SAML}}}AudienceRestriction/{{{federation.SAML}}}Audience")
    }
    if not audiences & set(AUDIENCES):
        raise federation.SamlError("the Audience is not urn:amazon:webservices")
    subject = assertion.find(f"{{{federation.SAML}}}Subject")
    if subject is None:
        raise federation.SamlError("no Subject")
    bearer = [
        c for c in subject.findall(f"{{{federation.SAML}}}SubjectConfirmation") if c.get("Method") == federation.BEARER
    ]
    if not bearer:
        raise federation.SamlError("no bearer SubjectConfirmation")
    data = bearer[0].find(f"{{{federation.SAML}}}SubjectConfirmationData")
    if data is not None:
        recipient = data.get("Recipient")
        if recipient is not None and not _aws_sign_in(recipient):
            raise federation.SamlError("Recipient is not AWS's SAML sign-in endpoint")
        confirmed_until = federation.parse_instant(data.get("NotOnOrAfter"))
        if confirmed_until is not None and now - skew >= confirmed_until:
            raise federation.SamlError("the assertion has expired")
    return assertion


def _roles(provider_arn: str, values: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        parts = [p.strip() for p in value.split(",")]
        if len(parts) != 2 or provider_arn not in parts:
            continue
        role = parts[1] if parts[0] == provider_arn else parts[0]
        if ":role/" in role and role not in found:
            found.append(role)
    return tuple(found)


def verify(ctx: RequestContext, pool: dict[str, Any], provider_arn: str, encoded: str) -> Login | AwsError:
    """The login of a SAML response for the provider ``provider_arn`` (one of the pool's SamlProviderARNs)."""
    try:
        described = get_saml_provider(ctx, {"SAMLProviderArn": provider_arn})
    except AwsError:
        return invalid_login(f"The SAML provider {provider_arn} does not exist.")
    try:
        document = described.get("SAMLMetadataDocument", "") if isinstance(described, dict) else ""
        metadata = federation.parse_metadata(document)
        assertion = _assertion(ctx, metadata, encoded)
    except federation.SamlError as err:
        # [U] AWS's wording for each refused SAML response is not documented; the reason is given here.
        return invalid_login(f"Invalid SAML response: {err.description.removeprefix('Invalid SAML response: ')}.")
    subject = assertion.find(f"{{{federation.SAML}}}Subject")
    name_id = federation.child_text(subject, f"{{{federation.SAML}}}NameID") if subject is not None else None
    if not name_id:
        return invalid_login("Invalid SAML response: no NameID.")
    attributes: dict[str, Any] = {}
    for attribute in assertion.findall(f"{{{federation.SAML}}}AttributeStatement/{{{federation.SAML}}}Attribute"):
        name = attribute.get("Name")
        if name:
            values = [(v.text or "").strip() for v in attribute.findall(f"{{{federation.SAML}}}AttributeValue")]
            attributes[name] = values[0] if len(values) == 1 else values
    role_values = attributes.get(ROLE_ATTRIBUTE) or []
    roles = _roles(provider_arn, [role_values] if isinstance(role_values, str) else list(role_values))
    return Login(
        key=provider_arn,
        provider=provider_arn,
        subject=name_id,
        claims={"sub": name_id, **attributes},
        amr=(provider_arn, f"{provider_arn}:{name_id}"),
        role_mapping_keys=(provider_arn,),
        roles=roles,
    )
