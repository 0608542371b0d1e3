"""USER_AUTH's WEB_AUTHN challenge: sign-in with a passkey.

A user with a registered passkey, in a pool that offers passkeys (user_pools/webauthn.py: Essentials tier or
higher, WEB_AUTHN an allowed first factor), may choose WEB_AUTHN in PREFERRED_CHALLENGE or SELECT_CHALLENGE.
The answer is the ``WEB_AUTHN`` challenge, whose ``CREDENTIAL_REQUEST_OPTIONS`` is the JSON of
PublicKeyCredentialRequestOptions (a fresh challenge, the relying party ID, the user's passkeys as
allowCredentials, the pool's userVerification); the client answers with ``CREDENTIAL``, the JSON of the
authenticator's assertion (AuthenticationResponseJSON). Answering SELECT_CHALLENGE with WEB_AUTHN leads to
that challenge too, as Amplify expects: no challenge has been given to sign before it. The challenge travels
in the Session's state, so an assertion is good for that Session only (operations.py spends the Session once
the answer succeeds).

The assertion must name one of the user's passkeys, carry the challenge, come from an allowed origin for the
relying party, be signed over the relying party's hash with the passkey's key, show user presence (and user
verification where the pool requires it), and advance the authenticator's signature counter where it keeps one
(a counter that does not move forward means a cloned authenticator). Any failure is the NotAuthorizedException
of a wrong password, counted toward the lockout like one. A passkey is a first factor of its own: no MFA
follows it, and so a pool that requires MFA offers passkeys only where a passkey with user verification counts
as MFA (WebAuthnConfiguration's FactorConfiguration; the WebAuthnMfaSettingsType documentation: "passkey
sign-in is available when MFA is required" once passkey MFA is on).

py_webauthn is imported where an assertion is verified (see user_pools/webauthn.py for why).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import invalid_parameter, not_authorized
from console.emulator.user_pools import webauthn
from console.emulator.user_pools.users import User

from . import chain, sessions
from .steps import Flow, challenge, check_lockout, failed_password, param, password_ok


def offered(ctx: RequestContext, pool: dict[str, Any], user: User) -> bool:
    """Whether USER_AUTH offers ``user`` the WEB_AUTHN challenge: a passkey, in a pool that offers them and
    either does not require MFA or counts a passkey with user verification as MFA (FactorConfiguration
    MULTI_FACTOR_WITH_USER_VERIFICATION, which also makes UserVerification required)."""
    if not (webauthn.enabled(pool) and webauthn.has_credentials(ctx, user)):
        return False
    if (pool.get("MfaConfiguration") or "OFF") != "ON":
        return True
    config = pool.get("WebAuthnConfiguration") or {}
    return config.get("FactorConfiguration") == "MULTI_FACTOR_WITH_USER_VERIFICATION"


def issue(ctx: RequestContext, flow: Flow, user: User) -> dict[str, Any]:
    """The WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS, with its challenge kept in the Session."""
    rp_id = webauthn.relying_party_id(ctx, flow.pool)
    nonce = webauthn.b64url(secrets.token_bytes(32))
    options = {
        "challenge": nonce,
        "timeout": webauthn.TIMEOUT_MS,
        "rpId": rp_id,
        "allowCredentials": [
            webauthn.descriptor(c) for c in webauthn.credentials_of(ctx, user) if c.relying_party_id == rp_id
        ],
        "userVerification": webauthn.user_verification(flow.pool),
    }
    parameters = {"CREDENTIAL_REQUEST_OPTIONS": json.dumps(options, separators=(",", ":"))}
    return challenge(ctx, flow, user, "WEB_AUTHN", parameters, {"webauthn": {"challenge": nonce, "rp_id": rp_id}})


def answer(ctx: RequestContext, flow: Flow, user: User, session: sessions.Session, responses: dict[str, str]) -> Any:
    """RespondToAuthChallenge WEB_AUTHN: the assertion in CREDENTIAL checked; then the chain to tokens."""
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import InvalidAuthenticationResponse, WebAuthnException

    raw = param(responses, "CREDENTIAL")
    state = session.state.get("webauthn") or {}
    if not state.get("challenge") or flow.phantom is not None:
        raise not_authorized(sessions.SESSION_EXPIRED)
    check_lockout(user, ctx.now)
    try:
        given = json.loads(raw)
        parsed = parse_authentication_credential_json(given)
    except (WebAuthnException, ValueError, TypeError, KeyError, RecursionError):
        raise invalid_parameter("CREDENTIAL must be the JSON of a WebAuthn authentication response.") from None
    found = webauthn.credential(ctx, user.pool_id, parsed.id)
    if found is None or found.username_key != user.username_key or found.relying_party_id != state["rp_id"]:
        raise failed_password(ctx, flow, user)
    data = webauthn.client_data(given["response"].get("clientDataJSON"), "webauthn.get")
    if not webauthn.origin_allowed(ctx, found.relying_party_id, data["origin"]):
        raise failed_password(ctx, flow, user)
    try:
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=webauthn.b64url_decode(str(state["challenge"])),
            expected_rp_id=found.relying_party_id,
            expected_origin=data["origin"],
            credential_public_key=found.public_key,
            credential_current_sign_count=found.sign_count,
            require_user_verification=webauthn.user_verification(flow.pool) == "required",
        )
    except (InvalidAuthenticationResponse, WebAuthnException, ValueError, TypeError, KeyError):
        raise failed_password(ctx, flow, user) from None
    password_ok(ctx, user)  # a successful sign-in ends the failures' count, as a right password does
    webauthn.record_use(ctx, found, verified.new_sign_count)
    flow.first_factor = "WEB_AUTHN"  # a first factor of its own: no MFA follows
    flow.auth_time = ctx.now
    return chain.after_first_factor(ctx, flow, user)
