"""``/signup``, ``/confirmUser``, ``/resendCode``, ``/forgotPassword`` and ``/confirmForgotPassword``.

Each page calls the operation behind it (user_pools/signup.py: SignUp, ConfirmSignUp,
ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword) as the API does, with the client's
SECRET_HASH answered by the hosted UI, so the same policies, codes, triggers and events apply. A user who
confirms the sign-up code (or is confirmed at sign-up by the Pre sign-up trigger) is signed in and the
authorize request answered, as AWS's hosted UI does; after a password reset the user signs in again.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.core.registry import http_route
from console.emulator.user_pools import attributes, clients, terms, users
from console.emulator.user_pools import signup as sign_up_api

from . import login, pages, sealing
from .flow import PendingAuthorization, finish_sign_in, run
from .pages import Site

_STATE = "sign-up-state"
_MAX = 2048


def _req(ctx: RequestContext, pending: PendingAuthorization, username: str, **fields: Any) -> dict[str, Any]:
    client = clients.get_pool_client(ctx, pending.pool_id, pending.client_id)
    req: dict[str, Any] = {"ClientId": pending.client_id, "Username": username, **fields}
    secret_hash = login.secret_hash(client, username)
    if secret_hash is not None:
        req["SecretHash"] = secret_hash
    return req


async def _call(
    ctx: RequestContext, handler: Any, pending: PendingAuthorization, username: str, **fields: Any
) -> dict[str, Any]:
    def work() -> dict[str, Any]:
        result: dict[str, Any] = handler(ctx, _req(ctx, pending, username, **fields))
        return result

    return await run(ctx, work)


def _sign_up_attributes(pool: dict[str, Any]) -> list[dict[str, str]]:
    _, _, _, username_attribute = login.username_field(pool)
    wanted = list(attributes.required_attributes(pool))
    for name in pool.get("AutoVerifiedAttributes") or []:
        if name not in wanted:
            wanted.append(name)
    return [login.attribute_field(n) for n in wanted if n != username_attribute]


def _terms(ctx: RequestContext, site: Site, pending: PendingAuthorization) -> list[dict[str, str]]:
    if not site.managed_login:
        return []
    found = terms.terms_for(ctx, site.pool_id, pending.client_id, pending.lang)
    names = {"terms-of-use": "Terms of use", "privacy-policy": "Privacy policy"}
    return [{"url": str(t["Url"]), "text": names.get(str(t["TermsName"]), str(t["TermsName"]))} for t in found]


def signup_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    *,
    values: dict[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    label, kind, complete, _ = login.username_field(site.pool)
    return pages.render(
        request,
        ctx,
        site,
        "signup.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        authorization=pending.seal(ctx),
        username_label=label,
        username_type=kind,
        username_autocomplete=complete,
        attributes=_sign_up_attributes(site.pool),
        values=values or {},
        policy=login.policy_text(site.pool),
        terms=_terms(ctx, site, pending),
        error=error,
        login_href=login.links(site, pending)["login_href"],
    )


@http_route("/signup", ("GET",))
@http_route("/{domain}/signup", ("GET",))
async def signup(request: Request) -> Response:
    ctx, site, checked = await login.pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    return signup_page(request, ctx, site, checked)


@http_route("/signup", ("POST",))
@http_route("/{domain}/signup", ("POST",))
async def signup_post(request: Request) -> Response:
    ctx, site, pending, fields = await login.posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = fields.get("username", "").strip()[:_MAX]
    password = fields.get("password", "")[:256]
    shown = {k: v[:_MAX] for k, v in fields.items() if k == "username" or k.startswith("attr_")}
    if not username or not password:
        return signup_page(request, ctx, site, pending, values=shown, error="Please fill in every field.", status=400)
    given = [
        {"Name": field["name"], "Value": fields.get(f"attr_{field['name']}", "").strip()[:_MAX]}
        for field in _sign_up_attributes(site.pool)
        if fields.get(f"attr_{field['name']}", "").strip()
    ]
    try:
        result = await _call(ctx, sign_up_api.sign_up, pending, username, Password=password, UserAttributes=given)
    except AwsError as err:
        return signup_page(request, ctx, site, pending, values=shown, error=err.message, status=400)
    if result.get("UserConfirmed"):
        return await _signed_up(request, ctx, site, pending, username)
    return confirm_page(request, ctx, site, pending, username, result.get("CodeDeliveryDetails"))


async def _signed_up(
    request: Request, ctx: RequestContext, site: Site, pending: PendingAuthorization, username: str
) -> Response:
    user = await run(ctx, lambda: users.find(ctx, site.pool, username, sub=True))
    if user is None or user.status != "CONFIRMED":
        return login.login_page(request, ctx, site, pending, info="Your account is confirmed. Please sign in.")
    return await finish_sign_in(request, ctx, pending, user, auth_time=ctx.now, method="password")


def confirm_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    username: str,
    delivery: dict[str, Any] | None,
    *,
    error: str | None = None,
    info: str | None = None,
    status: int = 200,
) -> Response:
    if delivery:
        where = "email" if delivery.get("DeliveryMedium") == "EMAIL" else "text message"
        description = (
            f"We have sent a code by {where} to {delivery.get('Destination')}. Enter it below to confirm your account."
        )
    else:
        description = "Enter the code we sent you to confirm your account."
    state = sealing.seal(ctx, _STATE, {"u": username, "client": pending.client_id, "t": ctx.now})
    return pages.render(
        request,
        ctx,
        site,
        "code.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        heading="Confirm your account",
        description=description,
        code_label="Verification code",
        submit="Confirm account",
        action="/confirmUser",
        resend_action="/resendCode",
        authorization=pending.seal(ctx),
        sign_in_state=state,
        secret=None,
        secret_uri="",
        links=[],
        error=error,
        info=info,
    )


def _state_username(ctx: RequestContext, pending: PendingAuthorization, sealed: str | None) -> str | None:
    state = sealing.unseal(ctx, _STATE, sealed)
    if not isinstance(state, dict) or state.get("client") != pending.client_id:
        return None
    if not float(state.get("t") or 0) + 3600 > ctx.now:
        return None
    return str(state.get("u") or "") or None


@http_route("/confirmUser", ("GET",))
@http_route("/{domain}/confirmUser", ("GET",))
async def confirm_user(request: Request) -> Response:
    if "confirmation_code" in request.query_params:
        return await confirmation_link(request)
    ctx, site, checked = await login.pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    username = request.query_params.get("username", "")[:_MAX]
    if not username:
        return signup_page(request, ctx, site, checked)
    return confirm_page(request, ctx, site, checked, username, None)


async def confirmation_link(request: Request) -> Response:
    """The link of a sign-up email sent with CONFIRM_WITH_LINK (``?client_id=&user_name=&confirmation_code=``):
    ConfirmSignUp with its code, and a page that says how it went. The link names the app client, whose
    pool's domain styles the page when the link came to the server's own address."""
    ctx = pages.context(request)
    params = request.query_params
    client_id = params.get("client_id", "")[:128]
    username = params.get("user_name", "")[:_MAX]
    code = params.get("confirmation_code", "")[:16]
    try:
        client = clients.get_client(ctx, client_id)
    except AwsError:
        return pages.error_page(request, ctx, pages.site(ctx, request), error="invalid_request")
    site = pages.site(ctx, request) or pages.site_of_pool(ctx, str(client["UserPoolId"]))
    if site is None or site.pool_id != client["UserPoolId"] or not username or not code:
        return pages.error_page(request, ctx, site, error="invalid_request")
    req = {"ClientId": client_id, "Username": username, "ConfirmationCode": code}
    hashed = login.secret_hash(client, username)
    if hashed is not None:
        req["SecretHash"] = hashed
    try:
        await run(ctx, sign_up_api.confirm_sign_up, ctx, req)
    except AwsError as err:
        return pages.error_page(request, ctx, site, err.message)
    return pages.render(request, ctx, site, "confirmed.html", client_id=client_id)


@http_route("/confirmUser", ("POST",))
@http_route("/{domain}/confirmUser", ("POST",))
async def confirm_user_post(request: Request) -> Response:
    ctx, site, pending, fields = await login.posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = _state_username(ctx, pending, fields.get("state"))
    if username is None:
        return login.login_page(
            request, ctx, site, pending, error="Your session has expired. Please sign in again.", status=400
        )
    code = fields.get("code", "").strip()[:16]
    try:
        await _call(ctx, sign_up_api.confirm_sign_up, pending, username, ConfirmationCode=code or "-")
    except AwsError as err:
        return confirm_page(request, ctx, site, pending, username, None, error=err.message, status=400)
    return await _signed_up(request, ctx, site, pending, username)


@http_route("/resendCode", ("POST",))
@http_route("/{domain}/resendCode", ("POST",))
async def resend_code(request: Request) -> Response:
    ctx, site, pending, fields = await login.posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = _state_username(ctx, pending, fields.get("state"))
    if username is None:
        return login.login_page(
            request, ctx, site, pending, error="Your session has expired. Please sign in again.", status=400
        )
    try:
        result = await _call(ctx, sign_up_api.resend_confirmation_code, pending, username)
    except AwsError as err:
        return confirm_page(request, ctx, site, pending, username, None, error=err.message, status=400)
    return confirm_page(
        request, ctx, site, pending, username, result.get("CodeDeliveryDetails"), info="A new code was sent."
    )


# -- forgotten passwords ----------------------------------------------------------------------------------


def forgot_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    *,
    username: str = "",
    error: str | None = None,
    status: int = 200,
) -> Response:
    return pages.render(
        request,
        ctx,
        site,
        "forgot.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        authorization=pending.seal(ctx),
        username=username,
        username_label=login.username_field(site.pool)[0],
        error=error,
        login_href=login.links(site, pending)["login_href"],
    )


def confirm_forgot_page(
    request: Request,
    ctx: RequestContext,
    site: Site,
    pending: PendingAuthorization,
    username: str,
    delivery: dict[str, Any] | None,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    description = None
    if delivery:
        where = "email" if delivery.get("DeliveryMedium") == "EMAIL" else "text message"
        description = (
            f"We have sent a password reset code by {where} to {delivery.get('Destination')}."
            " Enter it below to reset your password."
        )
    return pages.render(
        request,
        ctx,
        site,
        "confirm_forgot.html",
        client_id=pending.client_id,
        lang=pending.lang,
        status=status,
        authorization=pending.seal(ctx),
        username=username,
        description=description,
        policy=login.policy_text(site.pool),
        error=error,
        login_href=login.links(site, pending)["login_href"],
    )


@http_route("/forgotPassword", ("GET",))
@http_route("/{domain}/forgotPassword", ("GET",))
async def forgot_password(request: Request) -> Response:
    ctx, site, checked = await login.pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    return forgot_page(request, ctx, site, checked)


@http_route("/forgotPassword", ("POST",))
@http_route("/{domain}/forgotPassword", ("POST",))
async def forgot_password_post(request: Request) -> Response:
    ctx, site, pending, fields = await login.posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = fields.get("username", "").strip()[:_MAX]
    if not username:
        return forgot_page(request, ctx, site, pending, error="Please enter your username.", status=400)
    try:
        result = await _call(ctx, sign_up_api.forgot_password, pending, username)
    except AwsError as err:
        return forgot_page(request, ctx, site, pending, username=username, error=err.message, status=400)
    return confirm_forgot_page(request, ctx, site, pending, username, result.get("CodeDeliveryDetails"))


@http_route("/confirmForgotPassword", ("GET",))
@http_route("/{domain}/confirmForgotPassword", ("GET",))
async def confirm_forgot_password(request: Request) -> Response:
    ctx, site, checked = await login.pending_from_query(request)
    if not isinstance(checked, PendingAuthorization):
        return checked
    assert site is not None
    username = request.query_params.get("username", "")[:_MAX]
    if not username:
        return forgot_page(request, ctx, site, checked)
    return confirm_forgot_page(request, ctx, site, checked, username, None)


@http_route("/confirmForgotPassword", ("POST",))
@http_route("/{domain}/confirmForgotPassword", ("POST",))
async def confirm_forgot_password_post(request: Request) -> Response:
    ctx, site, pending, fields = await login.posted(request)
    if not isinstance(pending, PendingAuthorization):
        return pending
    assert site is not None
    username = fields.get("username", "").strip()[:_MAX]
    code = fields.get("code", "").strip()[:16]
    password = fields.get("password", "")[:256]
    if not username:
        return forgot_page(request, ctx, site, pending, status=400, error="Please enter your username.")
    if not password or password != fields.get("confirm_password", ""):
        return confirm_forgot_page(
            request, ctx, site, pending, username, None, error="Passwords do not match.", status=400
        )
    try:
        await _call(
            ctx, sign_up_api.confirm_forgot_password, pending, username, ConfirmationCode=code or "-", Password=password
        )
    except AwsError as err:
        return confirm_forgot_page(request, ctx, site, pending, username, None, error=err.message, status=400)
    return login.login_page(
        request, ctx, site, pending, info="Your password has been changed. Please sign in.", username=username
    )
