"""``/login`` and the pages that follow it: MFA codes, the MFA method choice, authenticator setup and the
new password a temporary one requires.

The sign-in runs through the sign-in engine (user_pools/auth/), as InitiateAuth's USER_PASSWORD_AUTH and
RespondToAuthChallenge do, so wrong passwords count towards the same lockout, the same triggers run and
the same auth events are recorded; the hosted UI answers the client's SECRET_HASH itself, and its tokens
carry the authorize request's grant (``ctx.oauth``). Between pages the engine's challenge Session travels
sealed in the form (``state``), beside the sealed authorize request (``authorization``).

Step-up: when ``acr_values`` ask for more than the browser's session did (authorize.needs_step_up), the
page is the missing factor's (an MFA code), the session's methods counting as done; the new session then
holds both.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import cimd, clients, flow_hooks, mfa, passwords, pools, tokens, users, webauthn
from console.emulator.user_pools import signup as sign_up_api
from console.emulator.user_pools.auth import choice, completion, operations
from console.emulator.user_pools.auth import password as password_flow
from console.emulator.user_pools.auth.sessions import secret_hash_of
from console.emulator.user_pools.auth.steps import Flow, drive

from . import authorize, pages, sealing, sessions
from .authorize import Refusal
from .flow import PendingAuthorization, finish_sign_in, run
from .pages import Site

_STATE = "sign-in-state"
_MAX_USERNAME = 128
_MAX_PASSWORD = 256
_MFA_NAMES = {
    "SMS_MFA": ("SMS_MFA_CODE", "Text message (SMS)"),
    "EMAIL_OTP": ("EMAIL_OTP_CODE", "Email"),
    "SOFTWARE_TOKEN_MFA": ("SOFTWARE_TOKEN_MFA_CODE", "Authenticator app"),
    # One-time codes as the first factor (choice-based sign-in, managed login).
    "SMS_OTP": ("SMS_OTP_CODE", "Text message (SMS)"),
}
_CODE_FACTORS = ("EMAIL_OTP", "SMS_OTP")
_ATTRIBUTE_LABELS = {
    "email": ("Email", "email", "email"),
    "phone_number": ("Phone number", "tel", "tel"),
    "name": ("Name", "text", "name"),
    "given_name": ("Given name", "text", "given-name"),
    "family_name": ("Family name", "text", "family-name"),
    "birthdate": ("Birthdate", "text", "bday"),
}


def attribute_field(name: str) -> dict[str, str]:
    label, kind, complete = _ATTRIBUTE_LABELS.get(name, (name.replace("_", " ").capitalize(), "text", "off"))
    return {"name": name, "label": label, "type": kind, "autocomplete": complete}


def username_field(pool: dict[str, Any]) -> tuple[str, str, str, str | None]:
    """(label, input type, autocomplete, the attribute the username is): how the pool's forms ask for it."""
    by = list(pool.get("UsernameAttributes") or [])
    if "email" in by:
        return "Email", "email", "email", "email"
    if "phone_number" in by:
        return "Phone number", "tel", "tel", "phone_number"
    return "Username", "text", "username", None


def links(site: Site, pending: PendingAuthorization) -> dict[str, str]:
    query = urlencode(pending.query())
    return {
        "forgot_href": f"{site.url('/forgotPassword')}?{query}",
        "signup_href": f"{site.url('/signup')}?{query}",
        "login_href": f"{site.url('/login')}?{query}",
    }


def login_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    *,
    error: str | None = None,
    info: str | None = None,
    username: str = "",
    status: int = 200,
) -> Response:
    client = clients.get_pool_client(ctx, site.pool_id, pending.client_id)
    supported = list(client.get("SupportedIdentityProviders") or [])
    query = pending.query()
    paths = links(site, pending)
    providers = [
        {"name": name, "href": f"{site.url('/oauth2/authorize')}?{urlencode({**query, 'identity_provider': name})}"}
        for name in supported
        if name != "COGNITO"
    ]
    return pages.render(
        request,
        ctx,
        site,
        "login.html",
        client_id=pending.client_id,
        status=status,
        lang=pending.lang,
        authorization=pending.seal(ctx),
        providers=providers,
        cognito="COGNITO" in supported,
        username=username,
        username_label=username_field(site.pool)[0],
        error=error,
        info=info,
        forgot_href=paths["forgot_href"],
        signup_href=paths["signup_href"],
        passkey_href=f"{site.url('/passkey')}?{urlencode(query)}" if webauthn.enabled(site.pool) else "",
        code_sign_in=offers_codes(site),
    )


async def pending_from_query(request: Request) -> tuple[RequestContext, Site | None, PendingAuthorization | Response]:
    """The site and the authorize request in a page's query string, or the response that refuses it."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return ctx, None, pages.error_page(request, ctx, None, status=404)
    await cimd.prepare(ctx, site.pool_id, request.query_params.get("client_id"))
    checked = authorize.validate(ctx, site, request.query_params)
    if isinstance(checked, Refusal):
        return ctx, site, authorize.refuse(request, ctx, site, checked)
    return ctx, site, checked


async def posted(
    request: Request,
) -> tuple[RequestContext, Site | None, PendingAuthorization | Response, dict[str, str]]:
    """A page's form: CSRF-checked, with its sealed authorize request opened; or the refusal."""
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    if site is None:
        return ctx, None, pages.error_page(request, ctx, None, status=404), {}
    fields = await pages.form(request)
    if fields is None:
        return ctx, site, pages.error_page(request, ctx, site), {}
    if not pages.csrf_ok(ctx, request, fields):
        return (
            ctx,
            site,
            pages.error_page(
                request, ctx, site, "Your session has expired. Please sign in again.", error="csrf", status=403
            ),
            {},
        )
    pending = PendingAuthorization.open(ctx, fields.get("authorization"), site.pool_id)
    if pending is None:
        return (
            ctx,
            site,
            pages.error_page(request, ctx, site, "Your session has expired. Please sign in again.", status=400),
            {},
        )
    return ctx, site, pending, fields


@http_route("/login", ("GET",))
@http_route("/{domain}/login", ("GET",))
async def login(request: Request) -> Response:
    ctx, site, checked = await pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    answered = await authorize.answer_or_login(request, ctx, site, checked)
    if answered is not None:
        return answered
    session = authorize.reusable_session(request, ctx, site, checked)
    if session is not None and authorize.needs_step_up(ctx, site, checked, session):
        ctx.oauth = checked.grant()
        ctx.operation = "InitiateAuth"
        try:
            step = await drive(ctx, _start_step_up, ctx, checked, session)
        except AwsError as err:
            return login_page(request, ctx, site, checked, error=err.message, status=400)
        if step:
            return await proceed(request, ctx, site, checked, step, session.user.username, "mfa")
    return login_page(request, ctx, site, checked)


def _start_step_up(ctx: RequestContext, pending: PendingAuthorization, session: sessions.HostedSession) -> Any:
    """Step-up from the browser's session: its sign-in's methods count as done, and the engine asks for the
    factor the requested level still needs (an MFA challenge); {} when there is none to ask."""
    pool = pools.get_pool(ctx, pending.pool_id)
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    req = {
        "ClientId": client["ClientId"],
        "AuthFlow": "USER_AUTH",
        "AuthParameters": {"USERNAME": session.user.username},
    }
    flow_hooks.begin(ctx, req, client)
    flow = Flow(
        pool=pool,
        client=client,
        admin=False,
        flow="USER_AUTH",
        source="HostedAuth",
        req=req,
        first_factor="WEB_AUTHN" if "hwk" in session.amr else "PASSWORD",
        auth_time=session.auth_time,
        amr=list(session.amr),
    )
    return completion.step_up(ctx, flow, session.user) or {}


def secret_hash(client: dict[str, Any], username: str) -> str | None:
    secret = client.get("ClientSecret")
    return secret_hash_of(secret, username, client["ClientId"]).decode() if secret else None


def _start_password(ctx: RequestContext, pending: PendingAuthorization, username: str, password: str) -> Any:
    """The engine's USER_PASSWORD_AUTH first step for the hosted UI (no ExplicitAuthFlows needed, as AWS)."""
    pool = pools.get_pool(ctx, pending.pool_id)
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    params = {"USERNAME": username, "PASSWORD": password}
    hashed = secret_hash(client, username)
    if hashed is not None:
        params["SECRET_HASH"] = hashed
    req = {"ClientId": client["ClientId"], "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": params}
    flow_hooks.begin(ctx, req, client)
    flow = Flow(pool=pool, client=client, admin=False, flow="USER_PASSWORD_AUTH", source="HostedAuth", req=req)
    return password_flow.start_password(ctx, flow, params)


@http_route("/login", ("POST",))
@http_route("/{domain}/login", ("POST",))
async def login_post(request: Request) -> Response:
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = fields.get("username", "").strip()
    password = fields.get("password", "")
    if fields.get("method") == "otp" and offers_codes(site):
        return await _sign_in_with_a_code(request, ctx, site, pending, username)
    if not username or not password:
        return login_page(
            request, ctx, site, pending, error="Please enter your username and password.", username=username, status=400
        )
    if len(username) > _MAX_USERNAME or len(password) > _MAX_PASSWORD:
        return login_page(request, ctx, site, pending, error="Incorrect username or password.", status=400)
    ctx.oauth = pending.grant()
    ctx.operation = "InitiateAuth"
    try:
        result = await drive(ctx, _start_password, ctx, pending, username, password)
    except AwsError as err:
        if err.code == "UserNotConfirmedException":
            return await _confirm_first(request, ctx, site, pending, username)
        message = "User does not exist." if err.code == "UserNotFoundException" else err.message
        return login_page(request, ctx, site, pending, error=message, username=username, status=400)
    return await proceed(request, ctx, site, pending, result, username, "password")


def offers_codes(site: Site) -> bool:
    """Whether the page offers a one-time code instead of the password: managed login, with EMAIL_OTP or
    SMS_OTP among the pool's first factors (choice-based sign-in)."""
    policy = (site.pool.get("Policies") or {}).get("SignInPolicy") or {}
    return site.managed_login and any(f in _CODE_FACTORS for f in policy.get("AllowedFirstAuthFactors") or [])


def _start_choice(ctx: RequestContext, pending: PendingAuthorization, username: str) -> Any:
    """The engine's USER_AUTH first step (choice-based sign-in) for the hosted UI."""
    pool = pools.get_pool(ctx, pending.pool_id)
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    params = {"USERNAME": username}
    hashed = secret_hash(client, username)
    if hashed is not None:
        params["SECRET_HASH"] = hashed
    req = {"ClientId": client["ClientId"], "AuthFlow": "USER_AUTH", "AuthParameters": params}
    flow_hooks.begin(ctx, req, client)
    flow = Flow(pool=pool, client=client, admin=False, flow="USER_AUTH", source="HostedAuth", req=req)
    return choice.start(ctx, flow, params)


async def _sign_in_with_a_code(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization, username: str
) -> Response:
    """USER_AUTH with an emailed (else texted) one-time code as the first factor; then the code page."""
    if not username or len(username) > _MAX_USERNAME:
        return login_page(request, ctx, site, pending, error="Please enter your username.", status=400)
    ctx.oauth = pending.grant()
    ctx.operation = "InitiateAuth"
    try:
        first = await drive(ctx, _start_choice, ctx, pending, username)
        available = list(first.get("AvailableChallenges") or [])
        pick = next((f for f in _CODE_FACTORS if f in available), None)
        if first.get("ChallengeName") != "SELECT_CHALLENGE" or pick is None:
            return login_page(
                request,
                ctx,
                site,
                pending,
                error="A sign-in code can't be sent for this account. Sign in with your password.",
                username=username,
                status=400,
            )
        state = {"s": first.get("Session"), "u": username}
        result = await _respond(ctx, pending, state, "SELECT_CHALLENGE", {"ANSWER": pick})
    except AwsError as err:
        message = "User does not exist." if err.code == "UserNotFoundException" else err.message
        return login_page(request, ctx, site, pending, error=message, username=username, status=400)
    return await proceed(request, ctx, site, pending, result, username, "otp")


async def _confirm_first(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization, username: str
) -> Response:
    """An unconfirmed user signed in: a new sign-up code is sent and the confirmation page shown."""

    def resend() -> None:
        client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
        req = {"ClientId": pending.client_id, "Username": username}
        hashed = secret_hash(client, username)
        if hashed is not None:
            req["SecretHash"] = hashed
        sign_up_api.resend_confirmation_code(ctx, req)

    try:
        await run(ctx, resend)
    except AwsError as err:
        return login_page(request, ctx, site, pending, error=err.message, username=username, status=400)
    target = f"{site.url('/confirmUser')}?{urlencode({**pending.query(), 'username': username})}"
    return pages.security_headers(RedirectResponse(target, status_code=302))


# -- after the password -----------------------------------------------------------------------------------


def _seal_state(ctx: RequestContext, pending: PendingAuthorization, **values: Any) -> str:
    return sealing.seal(ctx, _STATE, {"client": pending.client_id, "pool": pending.pool_id, "t": ctx.now, **values})


def _open_state(ctx: RequestContext, pending: PendingAuthorization, sealed: str | None) -> dict[str, Any] | None:
    state = sealing.unseal(ctx, _STATE, sealed)
    if not isinstance(state, dict) or state.get("client") != pending.client_id or state.get("pool") != pending.pool_id:
        return None
    if not float(state.get("t") or 0) + 3600 > ctx.now:
        return None
    return state


async def proceed(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    result: dict[str, Any],
    username: str,
    method: str,
) -> Response:
    """What follows an engine step: the tokens (the sign-in is over) or the page of the next challenge."""
    if "AuthenticationResult" in result:
        issued = result["AuthenticationResult"]
        decoded = tokens.decode_unverified(str(issued.get("AccessToken", "")))
        claims = decoded[1] if decoded else {}
        user = users.by_sub(ctx, site.pool_id, str(claims.get("sub")))
        if user is None:
            return pages.error_page(request, ctx, site)
        auth_time = float(claims.get("auth_time") or ctx.now)
        return await finish_sign_in(request, ctx, pending, user, auth_time=auth_time, method=method, tokens=issued)
    name = str(result.get("ChallengeName"))
    params = dict(result.get("ChallengeParameters") or {})
    username = params.get("USER_ID_FOR_SRP") or params.get("USERNAME") or username
    state = {"s": result.get("Session"), "c": name, "u": username, "m": method}
    if name in _MFA_NAMES:
        sealed = _seal_state(ctx, pending, **state)
        return code_page(request, ctx, site, pending, sealed, name, params, first_factor=method == "otp")
    if name == "SELECT_MFA_TYPE":
        choices = [
            {"value": choice, "text": _MFA_NAMES[choice][1]}
            for choice in json.loads(params.get("MFAS_CAN_CHOOSE") or "[]")
            if choice in _MFA_NAMES
        ]
        return pages.render(
            request,
            ctx,
            site,
            "select_mfa.html",
            client_id=pending.client_id,
            lang=pending.lang,
            authorization=pending.seal(ctx),
            sign_in_state=_seal_state(ctx, pending, **state),
            choices=choices,
        )
    if name == "NEW_PASSWORD_REQUIRED":
        required = [n.split(".", 1)[1] for n in json.loads(params.get("requiredAttributes") or "[]")]
        return new_password_page(request, ctx, site, pending, _seal_state(ctx, pending, **state, r=required), required)
    if name == "MFA_SETUP":
        return await mfa_setup_page(request, ctx, site, pending, state)
    return pages.error_page(request, ctx, site, "This sign-in method is not available on this page.")


def code_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    sealed_state: str,
    name: str,
    params: dict[str, Any],
    *,
    error: str | None = None,
    status: int = 200,
    first_factor: bool = False,
) -> Response:
    """The page for a code challenge: an MFA code, or (``first_factor``) a one-time code instead of a password."""
    destination = params.get("CODE_DELIVERY_DESTINATION")
    heading = "Enter your sign-in code" if first_factor else "Multi-factor authentication"
    if name == "SOFTWARE_TOKEN_MFA":
        description = "Enter the code from your authenticator app."
        label = "Authenticator code"
    else:
        channel = "email" if name == "EMAIL_OTP" else "text message"
        description = f"We sent a code by {channel}{f' to {destination}' if destination else ''}. Enter it below."
        label = "Code"
    return pages.render(
        request,
        ctx,
        site,
        "code.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        heading=heading,
        description=description,
        code_label=label,
        submit="Sign in",
        action="/mfa",
        authorization=pending.seal(ctx),
        sign_in_state=sealed_state,
        secret=None,
        secret_uri="",
        links=[],
        error=error,
    )


def policy_text(pool: dict[str, Any]) -> str:
    """The pool's password policy, as the hint under a new password field says it."""
    policy = passwords.policy_of(pool)
    rules = [f"at least {int(policy.get('MinimumLength') or 8)} characters"]
    for key, text in (
        ("RequireUppercase", "an uppercase letter"),
        ("RequireLowercase", "a lowercase letter"),
        ("RequireNumbers", "a number"),
        ("RequireSymbols", "a symbol"),
    ):
        if policy.get(key):
            rules.append(text)
    return "Use " + ", ".join(rules) + "."


def new_password_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    sealed_state: str,
    required: list[str],
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    return pages.render(
        request,
        ctx,
        site,
        "new_password.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        authorization=pending.seal(ctx),
        sign_in_state=sealed_state,
        required=[attribute_field(n) for n in required],
        policy=policy_text(site.pool),
        error=error,
    )


async def _respond(
    ctx: RequestContext, pending: PendingAuthorization, state: dict[str, Any], name: str, responses: dict[str, str]
) -> dict[str, Any]:
    client = await run(ctx, clients.get_pool_client, ctx, pending.pool_id, pending.client_id)
    username = str(state.get("u") or "")
    answers = {"USERNAME": username, **responses}
    hashed = secret_hash(client, username)
    if hashed is not None:
        answers["SECRET_HASH"] = hashed
    ctx.oauth = pending.grant()
    ctx.operation = "RespondToAuthChallenge"
    req = {
        "ClientId": pending.client_id,
        "ChallengeName": name,
        "Session": state.get("s"),
        "ChallengeResponses": answers,
    }
    respond = cast(Callable[..., Awaitable[dict[str, Any]]], operations.respond_to_auth_challenge)
    return await respond(ctx, req)


@http_route("/mfa", ("POST",))
@http_route("/{domain}/mfa", ("POST",))
async def mfa_post(request: Request) -> Response:
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    state = _open_state(ctx, pending, fields.get("state"))
    if state is None:
        return login_page(
            request, ctx, site, pending, error="Your session has expired. Please sign in again.", status=400
        )
    name = str(state.get("c"))
    try:
        if name == "SELECT_MFA_TYPE":
            result = await _respond(ctx, pending, state, name, {"ANSWER": fields.get("answer", "")[:32]})
        elif name == "MFA_SETUP":
            return await mfa_setup_answer(request, ctx, site, pending, state, fields.get("code", ""))
        elif name in _MFA_NAMES:
            code = fields.get("code", "").strip()[:16]
            result = await _respond(ctx, pending, state, name, {_MFA_NAMES[name][0]: code})
        else:
            return pages.error_page(request, ctx, site)
    except AwsError as err:
        if err.code == "CodeMismatchException" and name in _MFA_NAMES:
            sealed = fields.get("state", "")
            again = state.get("m") == "otp"
            return code_page(
                request, ctx, site, pending, sealed, name, {}, error=err.message, status=400, first_factor=again
            )
        return login_page(
            request, ctx, site, pending, error=err.message, username=str(state.get("u") or ""), status=400
        )
    method = "otp" if state.get("m") == "otp" else "mfa"
    return await proceed(request, ctx, site, pending, result, str(state.get("u") or ""), method)


@http_route("/forceChangePassword", ("POST",))
@http_route("/{domain}/forceChangePassword", ("POST",))
async def new_password_post(request: Request) -> Response:
    ctx, site, pending, fields = await posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    sealed = fields.get("state", "")
    state = _open_state(ctx, pending, sealed)
    if state is None or state.get("c") != "NEW_PASSWORD_REQUIRED":
        return login_page(
            request, ctx, site, pending, error="Your session has expired. Please sign in again.", status=400
        )
    required = [str(n) for n in state.get("r") or []]
    new = fields.get("new_password", "")
    if len(new) > _MAX_PASSWORD or new != fields.get("confirm_password", ""):
        return new_password_page(
            request, ctx, site, pending, sealed, required, error="Passwords do not match.", status=400
        )
    responses = {"NEW_PASSWORD": new}
    for name in required:
        responses[f"userAttributes.{name}"] = fields.get(f"attr_{name}", "")[:2048]
    try:
        result = await _respond(ctx, pending, state, "NEW_PASSWORD_REQUIRED", responses)
    except AwsError as err:
        if err.code in (
            "InvalidPasswordException",
            "InvalidParameterException",
            "PasswordHistoryPolicyViolationException",
        ):
            # The engine consumed the Session: the user signs in again with the temporary password.
            return login_page(
                request, ctx, site, pending, error=err.message, username=str(state.get("u") or ""), status=400
            )
        return login_page(request, ctx, site, pending, error=err.message, status=400)
    return await proceed(request, ctx, site, pending, result, str(state.get("u") or ""), "password")


# -- authenticator setup (MFA required, none set up) -----------------------------------------------------------


async def mfa_setup_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    state: dict[str, Any],
    *,
    error: str | None = None,
) -> Response:
    associated = cast(dict[str, Any], await run(ctx, mfa.associate_software_token, ctx, {"Session": state["s"]}))
    secret = str(associated["SecretCode"])
    label = quote(f"{site.pool.get('Name') or 'Cognito'}:{state.get('u')}")
    uri = f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': site.pool.get('Name') or 'Cognito'})}"
    sealed = _seal_state(ctx, pending, s=associated.get("Session"), c="MFA_SETUP", u=state.get("u"))
    return pages.render(
        request,
        ctx,
        site,
        "code.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=400 if error else 200,
        heading="Set up an authenticator app",
        description="",
        code_label="Authenticator code",
        submit="Verify",
        action="/mfa",
        authorization=pending.seal(ctx),
        sign_in_state=sealed,
        secret=secret,
        secret_uri=uri,
        links=[],
        error=error,
    )


async def mfa_setup_answer(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization, state: dict[str, Any], code: str
) -> Response:
    try:
        verified = cast(
            dict[str, Any],
            await run(ctx, mfa.verify_software_token, ctx, {"Session": state["s"], "UserCode": code.strip()[:6]}),
        )
        result = await _respond(ctx, pending, {**state, "s": verified.get("Session")}, "MFA_SETUP", {})
    except AwsError as err:
        return login_page(
            request, ctx, site, pending, error=err.message, username=str(state.get("u") or ""), status=400
        )
    return await proceed(request, ctx, site, pending, result, str(state.get("u") or ""), "mfa")
