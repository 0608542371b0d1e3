"""USER_AUTH, choice-based sign-in: the first factors a user may choose, and SELECT_CHALLENGE.

The pool's SignInPolicy and what the user has (a password, a verified email or phone, a passkey) decide the
choices: PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN (webauthn.py). The client names one in
PREFERRED_CHALLENGE or answers SELECT_CHALLENGE; a one-time code or a passkey is a first factor of its own,
after which no MFA follows. USER_AUTH with the Session of ConfirmSignUp signs the user in straight after
confirming.

TARGET_ACR_VALUES asks for authentication levels (user_pools/acr.py): the sign-in then goes on to the MFA
challenge a level still needs (completion.step_up). With an ACCESS_TOKEN of the same user and app client,
the methods of that token's sign-in count as done (unless it is older than MAX_AGE seconds): the user is
asked only for the missing factor. Another app client's ACCESS_TOKEN is refused (NotAuthorizedException).
"""

from __future__ import annotations

import hmac
from typing import Any

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import invalid_parameter, not_authorized
from console.emulator.user_pools import acr, signup, tokens, users
from console.emulator.user_pools.users import User

from . import chain, completion, password, sessions, srp, srp_challenge, webauthn
from .steps import Flow, challenge, check_lockout, check_usable, param, phantom_user, pre_authentication, unknown_user


def first_factors(pool: dict[str, Any], user: User, *, passkeys: bool = False) -> list[str]:
    """The USER_AUTH challenges ``user`` can choose in ``pool`` (the pool's SignInPolicy and the user's
    password and verified email / phone; WEB_AUTHN where ``passkeys``: webauthn.offered says so)."""
    policy = ((pool.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or ["PASSWORD"]
    out: list[str] = []
    has_password = bool(user.secret.get("verifier"))
    if "PASSWORD" in policy and has_password:
        out += ["PASSWORD", "PASSWORD_SRP"]
    if "EMAIL_OTP" in policy and user.attrs.get("email") and user.attrs.get("email_verified") == "true":
        out.append("EMAIL_OTP")
    if "SMS_OTP" in policy and user.attrs.get("phone_number") and user.attrs.get("phone_number_verified") == "true":
        out.append("SMS_OTP")
    if "WEB_AUTHN" in policy and passkeys:
        out.append("WEB_AUTHN")
    return out


def _levels(flow: Flow, params: dict[str, str]) -> None:
    """TARGET_ACR_VALUES, ACCESS_TOKEN and MAX_AGE checked; the levels noted on the flow."""
    values = params.get("TARGET_ACR_VALUES")
    if params.get("ACCESS_TOKEN") and not values:
        raise invalid_parameter("TARGET_ACR_VALUES is required when ACCESS_TOKEN is provided.")
    max_age = params.get("MAX_AGE")
    if max_age is not None and (not max_age.isdigit() or len(max_age) > 10):
        raise invalid_parameter("MAX_AGE must be a number of seconds.")
    if values is not None:
        flow.acr_values = acr.target_values(flow.pool, "Step-up authentication", values)


def _step_up_from_token(ctx: RequestContext, flow: Flow, user: User, params: dict[str, str]) -> Any:
    """The missing factor's challenge (or tokens, the level already reached) for a user whose ACCESS_TOKEN
    vouches for what they did; None when the token's sign-in is older than MAX_AGE: a fresh sign-in."""
    token_pool, token_user, claims = tokens.check_access_token(ctx, params["ACCESS_TOKEN"])
    if token_pool["Id"] != flow.pool["Id"] or token_user.sub != user.sub:
        raise invalid_parameter("The USERNAME doesn't match the user that the ACCESS_TOKEN was issued for.")
    # Another app client's sign-in vouches for nothing here: as with another client's refresh token, the
    # token is refused rather than minting this client's tokens without a factor.
    if not hmac.compare_digest(str(claims.get("client_id") or "").encode(), str(flow.client["ClientId"]).encode()):
        raise not_authorized("The ACCESS_TOKEN was not issued for this app client.")
    auth_time = float(claims.get("auth_time") or 0)
    max_age = params.get("MAX_AGE")
    if max_age is not None and ctx.now - auth_time > int(max_age):
        return None
    # [U] A token whose sign-in asked for no level carries no amr: its sign-in is taken as a password's.
    done = claims.get("amr")
    flow.amr = [str(m) for m in done] if isinstance(done, list) and done else ["pwd"]
    flow.first_factor = "WEB_AUTHN" if "hwk" in flow.amr else "PASSWORD"
    flow.auth_time = auth_time
    step = completion.step_up(ctx, flow, user)
    if step is not None:
        return step
    passkey = webauthn.offered(ctx, flow.pool, user)
    if acr.level_index(flow.amr) >= acr.target(flow.pool, flow.acr_values, user, passkey=passkey):
        return completion.issue_tokens(ctx, flow, user)
    flow.amr, flow.auth_time, flow.first_factor = [], None, "PASSWORD"
    return None


def start(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    if flow.req.get("Session"):
        return _sign_in_after_sign_up(ctx, flow, params)
    _levels(flow, params)
    username = param(params, "USERNAME")
    user = users.find(ctx, flow.pool, username)
    if user is None:
        if not sessions.prevents_existence_errors(flow.client):
            raise unknown_user(flow)
        # PreventUserExistenceErrors: answered as a user with only a password would be (a simulated
        # SELECT_CHALLENGE); every answer ends in "Incorrect username or password." (COGNITO-FACTS §2).
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username)
        flow.phantom = username
        user = phantom_user(flow, username)
        user.secret = {"verifier": "simulated"}  # "has a password" for first_factors; never checked against
    else:
        sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), username, user.username)
        check_usable(flow, user, password_checked=False)
        if params.get("ACCESS_TOKEN"):
            stepped = _step_up_from_token(ctx, flow, user, params)
            if stepped is not None:
                return stepped
    passkeys = flow.phantom is None and webauthn.offered(ctx, flow.pool, user)
    available = first_factors(flow.pool, user, passkeys=passkeys)
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred and preferred in available:
        return _choose(ctx, flow, user, preferred, params)
    result = challenge(ctx, flow, user, "SELECT_CHALLENGE", {}, {"available": available})
    result["AvailableChallenges"] = available
    return result


def _sign_in_after_sign_up(ctx: RequestContext, flow: Flow, params: dict[str, str]) -> Any:
    """USER_AUTH with the Session of ConfirmSignUp: signed in straight after confirming."""
    user = signup.consume_signup_session(
        ctx, flow.pool, flow.client["ClientId"], flow.req["Session"], params.get("USERNAME") or None
    )
    if user is None:
        raise not_authorized(sessions.SESSION_EXPIRED)
    sessions.check_secret_hash(ctx, flow.client, params.get("SECRET_HASH"), params.get("USERNAME") or "", user.username)
    check_usable(flow, user, password_checked=True)
    flow.first_factor = "OTP"  # the confirmation code proved the user; no MFA follows
    return chain.after_first_factor(ctx, flow, user)


def _choose(ctx: RequestContext, flow: Flow, user: User, choice: str, values: dict[str, str]) -> Any:
    if choice == "PASSWORD":
        if values.get("PASSWORD"):
            check_lockout(user, ctx.now)
            return password.verify_password(ctx, flow, user, values["PASSWORD"])
        return challenge(ctx, flow, user, "PASSWORD", {})
    if choice == "PASSWORD_SRP":
        if values.get("SRP_A"):
            if not srp.valid_a(values["SRP_A"]):
                raise invalid_parameter("SRP_A cannot be 0 mod N")
            if flow.phantom is not None:  # nobody (PreventUserExistenceErrors): a simulated challenge
                pre_authentication(ctx, flow, user)
                return srp_challenge.issue(ctx, flow, None, user.username, values["SRP_A"])
            return srp_challenge.issue(ctx, flow, user, user.username, values["SRP_A"])
        return challenge(ctx, flow, user, "PASSWORD_SRP", {})
    if choice in ("EMAIL_OTP", "SMS_OTP"):
        flow.first_factor = "OTP"
        flow.amr = acr.first_methods(flow.pool, "OTP", choice)
        return completion.send_code_challenge(ctx, flow, user, choice)
    if choice == "WEB_AUTHN":
        return webauthn.issue(ctx, flow, user)
    raise invalid_parameter(f"The challenge {choice} is not available for the user.")


def answer_select_challenge(
    ctx: RequestContext, flow: Flow, user: User, session: sessions.Session, responses: dict[str, str]
) -> Any:
    choice = param(responses, "ANSWER")
    if choice not in (session.state.get("available") or []):
        raise invalid_parameter(f"The challenge {choice} is not available for the user.")
    return _choose(ctx, flow, user, choice, responses)


def answer_password(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> Any:
    check_lockout(user, ctx.now)
    return password.verify_password(ctx, flow, user, param(responses, "PASSWORD"))


def answer_password_srp(ctx: RequestContext, flow: Flow, user: User, responses: dict[str, str]) -> Any:
    return _choose(ctx, flow, user, "PASSWORD_SRP", {"SRP_A": param(responses, "SRP_A")})
