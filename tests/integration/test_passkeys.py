"""Passkeys: Start/CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential, and
USER_AUTH's WEB_AUTHN challenge, driven through boto3 with a software authenticator (passkey_support.py)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

import cbor2
import pytest
from botocore.exceptions import ClientError

from tests.integration.auth_support import claims, error, new_client, new_user, tokens
from tests.integration.passkey_support import Authenticator, b64url, b64url_decode

RP = "example.com"
ORIGIN = "https://example.com"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


def passkey_pool(idp: Any, *, rp: str | None = RP, verification: str = "preferred", **kwargs: Any) -> dict[str, Any]:
    pool: dict[str, Any] = idp.create_user_pool(
        PoolName=f"passkeys-{uuid.uuid4().hex[:6]}",
        Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}},
        **kwargs,
    )["UserPool"]
    config: dict[str, Any] = {"UserVerification": verification}
    if rp is not None:
        config["RelyingPartyId"] = rp
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], WebAuthnConfiguration=config)
    return pool


@pytest.fixture
def setup(idp: Any) -> Any:
    """A passkey pool (RP example.com), an app client with USER_AUTH, and user ann signed in."""
    pool = passkey_pool(idp)
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "ann")
    access = tokens(idp, client["ClientId"], "ann")["AccessToken"]
    yield pool, client, access
    idp.delete_user_pool(UserPoolId=pool["Id"])


def register(idp: Any, access: str, authenticator: Authenticator, origin: str = ORIGIN, **kwargs: Any) -> None:
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    idp.complete_web_authn_registration(AccessToken=access, Credential=authenticator.create(options, origin, **kwargs))


def user_auth(idp: Any, client_id: str, username: str, **params: str) -> Any:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": username, **params})


def answer(idp: Any, client_id: str, session: str, username: str, credential: dict[str, Any]) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="WEB_AUTHN",
        Session=session,
        ChallengeResponses={"USERNAME": username, "CREDENTIAL": json.dumps(credential)},
    )


def request_options(challenge: dict[str, Any]) -> dict[str, Any]:
    assert challenge["ChallengeName"] == "WEB_AUTHN"
    options: dict[str, Any] = json.loads(challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    return options


# -- registration, listing, deletion -------------------------------------------------------------------


def test_registration_options_describe_the_pool_and_user(idp: Any, setup: Any) -> None:
    _, _, access = setup
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    assert options["rp"] == {"id": RP, "name": RP}
    assert options["user"]["name"] == "ann"
    assert {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
    assert options["excludeCredentials"] == []
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert len(options["challenge"]) >= 43  # 32 random bytes, base64url
    assert (
        idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]["challenge"]
        != (options["challenge"])
    )


def test_register_list_and_delete_passkeys(idp: Any, setup: Any) -> None:
    _, _, access = setup
    first, second = Authenticator(), Authenticator()
    register(idp, access, first)
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    assert [c["id"] for c in options["excludeCredentials"]] == [first.id]
    idp.complete_web_authn_registration(AccessToken=access, Credential=second.create(options, ORIGIN, fmt="packed"))

    listed = idp.list_web_authn_credentials(AccessToken=access)["Credentials"]
    assert [c["CredentialId"] for c in listed] == [first.id, second.id]
    assert listed[0]["RelyingPartyId"] == RP
    assert listed[0]["FriendlyCredentialName"] == "Passkey"
    assert listed[0]["AuthenticatorAttachment"] == "platform"
    assert listed[0]["AuthenticatorTransports"] == ["hybrid", "internal"]
    assert listed[0]["CreatedAt"].year >= 2024

    page = idp.list_web_authn_credentials(AccessToken=access, MaxResults=1)
    assert [c["CredentialId"] for c in page["Credentials"]] == [first.id]
    rest = idp.list_web_authn_credentials(AccessToken=access, MaxResults=1, NextToken=page["NextToken"])
    assert [c["CredentialId"] for c in rest["Credentials"]] == [second.id]
    assert "NextToken" not in rest
    with pytest.raises(ClientError) as exc:
        idp.list_web_authn_credentials(AccessToken=access, NextToken="not-a-token")
    assert error(exc)[0] == "InvalidParameterException"

    idp.delete_web_authn_credential(AccessToken=access, CredentialId=first.id)
    assert [c["CredentialId"] for c in idp.list_web_authn_credentials(AccessToken=access)["Credentials"]] == [second.id]
    with pytest.raises(ClientError) as exc:
        idp.delete_web_authn_credential(AccessToken=access, CredentialId=first.id)
    assert error(exc)[0] == "ResourceNotFoundException"


def test_another_users_passkey_cannot_be_deleted_or_listed(idp: Any, setup: Any) -> None:
    pool, client, access = setup
    new_user(idp, pool["Id"], "bob")
    bob = tokens(idp, client["ClientId"], "bob")["AccessToken"]
    key = Authenticator()
    register(idp, access, key)
    assert idp.list_web_authn_credentials(AccessToken=bob)["Credentials"] == []
    with pytest.raises(ClientError) as exc:
        idp.delete_web_authn_credential(AccessToken=bob, CredentialId=key.id)
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:  # the same credential cannot be registered to a second user
        register(idp, bob, key)
    assert error(exc)[0] == "InvalidParameterException"


def test_registration_refusals_carry_their_webauthn_errors(idp: Any, setup: Any) -> None:
    pool, _, access = setup
    key = Authenticator()

    def complete(credential: Any, token: str = access) -> tuple[str, str]:
        with pytest.raises(ClientError) as exc:
            idp.complete_web_authn_registration(AccessToken=token, Credential=credential)
        return error(exc)

    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    wrong_challenge = key.create(options, ORIGIN, challenge=b64url(b"x" * 32))
    assert complete(wrong_challenge)[0] == "WebAuthnChallengeNotFoundException"
    assert complete(key.create(options, "https://evil.example.net"))[0] == "WebAuthnOriginNotAllowedException"
    # A challenge answers one completion, right or wrong.
    assert complete(key.create(options, ORIGIN))[0] == "WebAuthnChallengeNotFoundException"

    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    assert complete(key.create(options, ORIGIN, rp_id="other.example"))[0] == "WebAuthnRelyingPartyMismatchException"

    other_client = new_client(idp, pool["Id"])
    other = tokens(idp, other_client["ClientId"], "ann")["AccessToken"]
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    assert complete(key.create(options, ORIGIN), other)[0] == "WebAuthnClientMismatchException"

    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    assert complete({"id": "x", "response": {}})[0] == "InvalidParameterException"
    broken = key.create(options, ORIGIN)
    broken["response"]["attestationObject"] = b64url(b"\xff\x00garbage")
    assert complete(broken)[0] == "InvalidParameterException"

    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    registered = key.create(options, ORIGIN)
    idp.complete_web_authn_registration(AccessToken=access, Credential=registered)
    assert complete(registered)[0] == "WebAuthnChallengeNotFoundException"  # replayed


def test_subdomain_origins_and_sign_in_expiry_of_a_challenge(idp: Any, cognito: Any, setup: Any) -> None:
    _, _, access = setup
    register(idp, access, Authenticator(), origin="https://login.example.com:8443")
    for origin in ("http://example.com", "https://example.com.evil.net", "https://notexample.com"):
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        with pytest.raises(ClientError) as exc:
            idp.complete_web_authn_registration(AccessToken=access, Credential=Authenticator().create(options, origin))
        assert error(exc)[0] == "WebAuthnOriginNotAllowedException", origin
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    db = sqlite3.connect(cognito.data_dir / "cognito.db", timeout=10)
    try:
        with db:
            db.execute("UPDATE webauthn_registrations SET expires = expires - 181")
    finally:
        db.close()
    with pytest.raises(ClientError) as exc:
        idp.complete_web_authn_registration(AccessToken=access, Credential=Authenticator().create(options, ORIGIN))
    assert error(exc)[0] == "WebAuthnChallengeNotFoundException"


def test_relying_party_defaults_to_the_pool_domain(idp: Any, cognito: Any) -> None:
    pool = passkey_pool(idp, rp=None)
    made: list[str] = []
    try:
        client = new_client(idp, pool["Id"])
        new_user(idp, pool["Id"], "cy")
        access = tokens(idp, client["ClientId"], "cy")["AccessToken"]
        with pytest.raises(ClientError) as exc:
            idp.start_web_authn_registration(AccessToken=access)
        assert error(exc)[0] == "WebAuthnConfigurationMissingException"

        prefix = f"pk-{uuid.uuid4().hex[:8]}"
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
        made.append(prefix)
        host = f"{prefix}.auth.us-east-1.amazoncognito.com"
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        assert options["rp"]["id"] == host
        # The local managed-login pages (this server's origin) stand in for the domain's.
        idp.complete_web_authn_registration(
            AccessToken=access, Credential=Authenticator().create(options, cognito.base_url)
        )
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        idp.complete_web_authn_registration(
            AccessToken=access, Credential=Authenticator().create(options, f"https://{host}")
        )

        idp.create_user_pool_domain(
            UserPoolId=pool["Id"],
            Domain=f"auth-{prefix}.example.org",
            CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:000000000000:certificate/x"},
        )
        made.append(f"auth-{prefix}.example.org")
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        assert options["rp"]["id"] == f"auth-{prefix}.example.org"
    finally:
        for domain in made:
            idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_passkeys_need_web_authn_allowed_and_a_signed_in_user(idp: Any, pool: dict[str, Any]) -> None:
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "dee")
    access = tokens(idp, client["ClientId"], "dee")["AccessToken"]
    with pytest.raises(ClientError) as exc:
        idp.start_web_authn_registration(AccessToken=access)
    assert error(exc)[0] == "WebAuthnNotEnabledException"
    with pytest.raises(ClientError) as exc:
        idp.complete_web_authn_registration(AccessToken=access, Credential={})
    assert error(exc)[0] == "WebAuthnNotEnabledException"
    with pytest.raises(ClientError) as exc:
        idp.start_web_authn_registration(AccessToken="not.a.token")
    assert error(exc)[0] == "NotAuthorizedException"


def test_user_verification_required_refuses_an_authenticator_without_it(idp: Any) -> None:
    pool = passkey_pool(idp, verification="required")
    try:
        client = new_client(idp, pool["Id"])
        new_user(idp, pool["Id"], "eve")
        access = tokens(idp, client["ClientId"], "eve")["AccessToken"]
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        assert options["authenticatorSelection"]["userVerification"] == "required"
        with pytest.raises(ClientError) as exc:
            idp.complete_web_authn_registration(
                AccessToken=access, Credential=Authenticator(verifies_user=False).create(options, ORIGIN)
            )
        assert error(exc)[0] == "WebAuthnCredentialNotSupportedException"
        register(idp, access, Authenticator())
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_a_user_has_at_most_twenty_passkeys(idp: Any, setup: Any) -> None:
    _, _, access = setup
    for _ in range(20):
        register(idp, access, Authenticator())
    with pytest.raises(ClientError) as exc:
        idp.start_web_authn_registration(AccessToken=access)
    assert error(exc)[0] == "LimitExceededException"
    listed = idp.list_web_authn_credentials(AccessToken=access)
    assert len(listed["Credentials"]) == 20 and "NextToken" not in listed


# -- sign-in: USER_AUTH with WEB_AUTHN -------------------------------------------------------------------


def test_sign_in_with_a_passkey_as_the_preferred_challenge(idp: Any, setup: Any) -> None:
    _, client, access = setup
    key = Authenticator()
    register(idp, access, key)
    first = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    options = request_options(first)
    assert options["rpId"] == RP
    assert options["allowCredentials"] == [{"type": "public-key", "id": key.id, "transports": ["hybrid", "internal"]}]
    assert options["userVerification"] == "preferred"
    done = answer(idp, client["ClientId"], first["Session"], "ann", key.get(options, ORIGIN))
    assert claims(done["AuthenticationResult"]["AccessToken"])["username"] == "ann"
    assert idp.get_user(AccessToken=done["AuthenticationResult"]["AccessToken"])["Username"] == "ann"


def test_select_challenge_offers_web_authn_to_users_with_a_passkey(idp: Any, setup: Any) -> None:
    _, client, access = setup
    assert user_auth(idp, client["ClientId"], "ann")["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    preferred = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    assert preferred["ChallengeName"] == "SELECT_CHALLENGE"  # no passkey yet
    key = Authenticator(counts=False)
    register(idp, access, key)
    first = user_auth(idp, client["ClientId"], "ann")
    assert first["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]
    second = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"],
        ChallengeName="SELECT_CHALLENGE",
        Session=first["Session"],
        ChallengeResponses={"USERNAME": "ann", "ANSWER": "WEB_AUTHN"},
    )
    options = request_options(second)
    done = answer(idp, client["ClientId"], second["Session"], "ann", key.get(options, ORIGIN))
    assert "AccessToken" in done["AuthenticationResult"]
    # A passkey that keeps no counter (0 each time) signs in again.
    again = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    answer(idp, client["ClientId"], again["Session"], "ann", key.get(request_options(again), ORIGIN))


def test_passkey_sign_in_refusals(idp: Any, setup: Any) -> None:
    pool, client, access = setup
    key = Authenticator()
    register(idp, access, key)
    new_user(idp, pool["Id"], "bob")
    bob_key = Authenticator()
    register(idp, tokens(idp, client["ClientId"], "bob")["AccessToken"], bob_key)

    def refused(credential: Any, session: str) -> tuple[str, str]:
        with pytest.raises(ClientError) as exc:
            answer(idp, client["ClientId"], session, "ann", credential)
        return error(exc)

    first = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    options = request_options(first)
    session = first["Session"]
    assert refused(key.get(options, "https://evil.example.net"), session) == INCORRECT
    assert refused(key.get(options, ORIGIN, rp_id="other.example"), session) == INCORRECT
    assert refused(key.get(options, ORIGIN, challenge=b64url(b"y" * 32)), session) == INCORRECT
    assert refused(bob_key.get({**options, "allowCredentials": []}, ORIGIN), session) == INCORRECT
    done = answer(idp, client["ClientId"], session, "ann", key.get(options, ORIGIN))
    assert "AccessToken" in done["AuthenticationResult"]


def test_forged_replayed_and_cloned_assertions_are_refused(idp: Any, setup: Any) -> None:
    _, client, access = setup
    key = Authenticator()
    register(idp, access, key)

    def refused(credential: Any, session: str) -> tuple[str, str]:
        with pytest.raises(ClientError) as exc:
            answer(idp, client["ClientId"], session, "ann", credential)
        return error(exc)

    first = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    options = request_options(first)
    session = first["Session"]
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="WEB_AUTHN",
            Session=session,
            ChallengeResponses={"USERNAME": "ann", "CREDENTIAL": "{not json"},
        )
    assert error(exc)[0] == "InvalidParameterException"
    forged = key.get(options, ORIGIN)
    forged["response"]["signature"] = Authenticator().get(options, ORIGIN)["response"]["signature"]
    assert refused(forged, session) == INCORRECT

    good = key.get(options, ORIGIN)
    answer(idp, client["ClientId"], session, "ann", good)
    # Replayed: the Session is spent, and in a new Session the challenge is not the one signed.
    assert refused(good, session)[0] == "NotAuthorizedException"
    fresh = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    assert refused(good, fresh["Session"]) == INCORRECT
    # A counter that does not move forward: a cloned authenticator.
    stale = key.get(request_options(fresh), ORIGIN, advance=False)
    assert refused(stale, fresh["Session"]) == INCORRECT
    answer(idp, client["ClientId"], fresh["Session"], "ann", key.get(request_options(fresh), ORIGIN))


def test_deleted_passkey_no_longer_signs_in(idp: Any, setup: Any) -> None:
    _, client, access = setup
    key = Authenticator()
    register(idp, access, key)
    first = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    idp.delete_web_authn_credential(AccessToken=access, CredentialId=key.id)
    with pytest.raises(ClientError) as exc:
        answer(idp, client["ClientId"], first["Session"], "ann", key.get(request_options(first), ORIGIN))
    assert error(exc) == INCORRECT
    assert "WEB_AUTHN" not in user_auth(idp, client["ClientId"], "ann")["AvailableChallenges"]


def test_a_deleted_users_passkeys_go_with_them(idp: Any, setup: Any) -> None:
    pool, client, access = setup
    register(idp, access, Authenticator())
    idp.admin_delete_user(UserPoolId=pool["Id"], Username="ann")
    new_user(idp, pool["Id"], "ann")
    again = tokens(idp, client["ClientId"], "ann")["AccessToken"]
    assert idp.list_web_authn_credentials(AccessToken=again)["Credentials"] == []
    assert "WEB_AUTHN" not in user_auth(idp, client["ClientId"], "ann")["AvailableChallenges"]


def test_a_pool_that_requires_mfa_offers_passkeys_only_as_mfa(idp: Any, setup: Any) -> None:
    pool, client, access = setup
    register(idp, access, Authenticator())
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True}
    )
    assert "WEB_AUTHN" not in user_auth(idp, client["ClientId"], "ann")["AvailableChallenges"]
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"],
        WebAuthnConfiguration={
            "RelyingPartyId": RP,
            "UserVerification": "required",
            "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION",
        },
    )
    assert "WEB_AUTHN" in user_auth(idp, client["ClientId"], "ann")["AvailableChallenges"]


def test_a_packed_attestation_must_be_signed_by_the_new_key(idp: Any, setup: Any) -> None:
    _, _, access = setup
    key = Authenticator()
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    credential = key.create(options, ORIGIN, fmt="packed")
    attestation = cbor2.loads(b64url_decode(credential["response"]["attestationObject"]))
    attestation["attStmt"]["sig"] = Authenticator().sign(b"something else")
    credential["response"]["attestationObject"] = b64url(cbor2.dumps(attestation))
    with pytest.raises(ClientError) as exc:
        idp.complete_web_authn_registration(AccessToken=access, Credential=credential)
    assert error(exc)[0] == "WebAuthnCredentialNotSupportedException"
    assert idp.list_web_authn_credentials(AccessToken=access)["Credentials"] == []


def test_credentials_nested_past_the_parser_or_with_lone_surrogates_are_invalid_parameters(
    idp: Any, setup: Any
) -> None:
    """A caller's clientDataJSON or CREDENTIAL nested deeper than the JSON parser can go, or holding a lone
    surrogate escape, is refused as a bad parameter, never a 500."""
    _, client, access = setup
    key = Authenticator()
    deep = b64url(b"[" * 5000)
    surrogate = b64url(b'{"type": "webauthn.create", "challenge": "\\ud800", "origin": "https://example.com"}')
    for client_data in (deep, surrogate):
        options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
        credential = key.create(options, ORIGIN)
        credential["response"]["clientDataJSON"] = client_data
        with pytest.raises(ClientError) as exc:
            idp.complete_web_authn_registration(AccessToken=access, Credential=credential)
        assert error(exc)[0] == "InvalidParameterException"

    register(idp, access, key)
    first = user_auth(idp, client["ClientId"], "ann", PREFERRED_CHALLENGE="WEB_AUTHN")
    with pytest.raises(ClientError) as exc:
        idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="WEB_AUTHN",
            Session=first["Session"],
            ChallengeResponses={"USERNAME": "ann", "CREDENTIAL": "[" * 5000},
        )
    assert error(exc)[0] == "InvalidParameterException"
    assertion = key.get(request_options(first), ORIGIN)
    assertion["response"]["clientDataJSON"] = deep
    with pytest.raises(ClientError) as exc:
        answer(idp, client["ClientId"], first["Session"], "ann", assertion)
    assert error(exc)[0] == "InvalidParameterException"
