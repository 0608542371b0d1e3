"""The hosted UI's pages: which domain a request is for, templates, styles, the anti-CSRF token, headers.

Pages are Jinja2 templates (autoescaped, StrictUndefined) in ``templates/``. Each page carries its whole
stylesheet in a ``<style>`` element allowed by a per-response nonce; the Content-Security-Policy allows no
script, no frames (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``) and images only from the page
itself or ``data:`` URLs. The look follows the domain's ``ManagedLoginVersion``: the classic hosted UI (1)
with SetUICustomization's CSS and logo (the client's own setting, else the pool's ALL setting), or managed
login (2) with its ManagedLoginBranding settings.

Forms carry an anti-CSRF token: the HMAC of a random ``XSRF-TOKEN`` cookie (double submit, signed), checked
in constant time on every POST.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import jinja2
from markupsafe import Markup
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.user_pools import domains, managed_login, pools, ui_customization

from . import sealing, sessions

_HERE = Path(__file__).parent
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
STYLESHEET = (_HERE / "templates" / "hosted_ui.css").read_text(encoding="utf-8")
CSRF_COOKIE = "XSRF-TOKEN"
CSRF_FIELD = "_csrf"
_CSRF = "csrf"
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_HEX_COLOUR = re.compile(r"^[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$")

GENERIC_ERROR = "An error was encountered with the requested page."


@dataclass(frozen=True)
class Site:
    """The user pool domain a request came to: its pool, its description and where its pages answer."""

    pool: dict[str, Any]
    domain: str
    doc: dict[str, Any]
    prefix: str  # "/myapp" with path addressing, "" when the Host is the domain itself

    @property
    def pool_id(self) -> str:
        return str(self.pool["Id"])

    @property
    def managed_login(self) -> bool:
        return int(self.doc.get("ManagedLoginVersion") or 1) == 2

    def url(self, path: str) -> str:
        return f"{self.prefix}{path}"


def context(request: Request) -> RequestContext:
    ctx: RequestContext = request.app.state.emulator.context("", request)
    return ctx


def site(ctx: RequestContext, request: Request) -> Site | None:
    """The domain in the path (or Host) and its pool, or None when no pool has that domain."""
    domain = str(request.path_params.get("domain") or "")
    prefix = f"/{domain}" if domain else ""
    if not domain:
        domain = (request.headers.get("host") or "").lower().split(":", 1)[0]
    if not domain or len(domain) > 255:
        return None
    pool_id = domains.pool_for_domain(ctx, domain)
    if pool_id is None:
        return None
    try:
        pool = pools.get_pool(ctx, pool_id)
    except AwsError:
        return None
    described = domains.domains_of(ctx, pool_id)
    name = domain.lower().removesuffix(f".auth.{ctx.region}.amazoncognito.com")
    doc = next((d for d in described if d.get("Domain") == name), described[0] if described else {})
    return Site(pool, domain, doc, prefix)


def site_of_pool(ctx: RequestContext, pool_id: str) -> Site | None:
    """The pool's site at its prefix domain (else its custom domain), addressed by path; None without one."""
    described = sorted(domains.domains_of(ctx, pool_id), key=domains.is_custom)
    if not described:
        return None
    try:
        pool = pools.get_pool(ctx, pool_id)
    except AwsError:
        return None
    name = str(described[0]["Domain"])
    return Site(pool, name, described[0], f"/{name}")


# -- anti-CSRF ------------------------------------------------------------------------------------------


def csrf(ctx: RequestContext, request: Request) -> tuple[str, str | None]:
    """The form token for this browser, and a new cookie value to set when it has none yet."""
    value = request.cookies.get(CSRF_COOKIE)
    fresh = None
    if not value or len(value) > 100:
        value = fresh = secrets.token_urlsafe(24)
    return sealing.sign(ctx, _CSRF, value), fresh


def csrf_ok(ctx: RequestContext, request: Request, form: Any) -> bool:
    value = request.cookies.get(CSRF_COOKIE)
    token = form.get(CSRF_FIELD)
    return bool(value) and isinstance(token, str) and sealing.signed(ctx, _CSRF, str(value), token)


# -- styles ---------------------------------------------------------------------------------------------


def _safe_css(css: str) -> Markup:
    # SetUICustomization refuses markup in CSS; nothing in a <style> element may close it either way.
    return Markup(css.replace("<", "\\3c "))  # noqa: S704 - CSS checked by ui_customization, '<' escaped


def _colour(value: Any) -> str | None:
    if isinstance(value, str) and _HEX_COLOUR.match(value):
        return f"#{value.lower()}"
    return None


def _dig(doc: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(name)
    return doc


def _mode_vars(settings: dict[str, Any], mode: str) -> str:
    """The stylesheet's custom properties for one colour mode of a ManagedLoginBranding settings document."""
    components = settings.get("components") or {}
    classes = settings.get("componentClasses") or {}
    wanted = {
        "--page-bg": (components, "pageBackground", mode, "color"),
        "--card-bg": (components, "form", mode, "backgroundColor"),
        "--card-border": (components, "form", mode, "borderColor"),
        "--button-bg": (components, "primaryButton", mode, "defaults", "backgroundColor"),
        "--button-fg": (components, "primaryButton", mode, "defaults", "textColor"),
        "--button-hover-bg": (components, "primaryButton", mode, "hover", "backgroundColor"),
        "--heading": (components, "pageText", mode, "headingColor"),
        "--text": (components, "pageText", mode, "bodyColor"),
        "--muted": (components, "pageText", mode, "descriptionColor"),
        "--link": (classes, "link", mode, "defaults", "textColor"),
        "--input-bg": (classes, "input", mode, "defaults", "backgroundColor"),
        "--input-border": (classes, "input", mode, "defaults", "borderColor"),
        "--label": (classes, "inputLabel", mode, "textColor"),
        "--focus": (classes, "focusState", mode, "borderColor"),
        "--error-bg": (components, "alert", mode, "error", "backgroundColor"),
        "--error-border": (components, "alert", mode, "error", "borderColor"),
    }
    out = []
    for prop, (root, *path) in wanted.items():
        colour = _colour(_dig(root, *(str(p) for p in path)))
        if colour:
            out.append(f"{prop}:{colour};")
    return "".join(out)


def _radius(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 64:
        return f"{float(value):g}px"
    return None


def managed_login_css(branding: dict[str, Any]) -> tuple[str, str | None]:
    """The CSS of a managed login style (``managed_login.branding_for``): its colours in light and dark
    mode, as its colour scheme says, its corner radii and background image; and its form logo."""
    settings = branding.get("Settings") or {}
    assets = {(a.get("Category"), a.get("ColorMode")): a for a in branding.get("Assets") or []}
    light, dark = _mode_vars(settings, "lightMode"), _mode_vars(settings, "darkMode")
    shared = []
    for prop, value in (
        ("--radius", _radius(_dig(settings, "components", "form", "borderRadius"))),
        ("--button-radius", _radius(_dig(settings, "componentClasses", "buttons", "borderRadius"))),
        ("--input-radius", _radius(_dig(settings, "componentClasses", "input", "borderRadius"))),
    ):
        if value:
            shared.append(f"{prop}:{value};")

    def image(category: str, mode: str) -> str | None:
        asset = assets.get((category, mode)) or assets.get((category, "DYNAMIC"))
        if asset is None or not isinstance(asset.get("Bytes"), bytes | bytearray):
            return None
        return f"data:{asset.get('ContentType') or 'image/png'};base64,{base64.b64encode(asset['Bytes']).decode()}"

    scheme = _dig(settings, "categories", "global", "colorSchemeMode") or "LIGHT"
    background = _dig(settings, "components", "pageBackground", "image", "enabled") is not False
    out = [f":root{{{''.join(shared)}}}"]
    location = _dig(settings, "categories", "form", "location") or {}
    place = {"START": "flex-start", "TOP": "flex-start", "CENTER": "center", "END": "flex-end", "BOTTOM": "flex-end"}
    vertical, horizontal = place.get(str(location.get("vertical"))), place.get(str(location.get("horizontal")))
    if vertical or horizontal:
        # Where the form sits, beyond a phone's width (on a phone it fills the screen from the top).
        rule = f".managed .page{{align-items:{vertical or 'flex-start'};justify-content:{horizontal or 'center'};}}"
        out.append(f"@media (min-width: 481px){{{rule}}}")

    def mode_rule(vars_: str, mode: str, colour_scheme: str) -> str:
        rule = f":root{{color-scheme:{colour_scheme};{vars_}}}"
        url = image("PAGE_BACKGROUND", mode) if background else None
        if url:
            rule += f'.managed .page{{background:var(--page-bg) url("{url}") center/cover no-repeat;}}'
        return rule

    if scheme == "DARK":
        out.append(mode_rule(dark, "DARK", "dark"))
    elif scheme == "LIGHT":
        out.append(mode_rule(light, "LIGHT", "light"))
    else:
        out.append(mode_rule(light, "LIGHT", "light dark"))
        out.append(f"@media (prefers-color-scheme: dark){{{mode_rule(dark, 'DARK', 'light dark')}}}")
    logo = None
    if _dig(settings, "components", "form", "logo", "enabled"):
        logo = image("FORM_LOGO", "DARK" if scheme == "DARK" else "LIGHT")
    return "\n".join(out), logo


def _branding(ctx: RequestContext, site: Site, client_id: str | None) -> dict[str, Any]:
    """What the page template needs to look as the domain's version says (``available`` False: managed
    login with no style for the client, which AWS answers with an error page)."""
    if site.managed_login:
        managed = managed_login.branding_for(ctx, site.pool_id, client_id) if client_id else None
        if managed is None:
            return {
                "style": "managed",
                "custom_css": "",
                "managed_css": "",
                "logo": None,
                "available": client_id is None,
            }
        css, logo = managed_login_css(managed)
        return {"style": "managed", "custom_css": "", "managed_css": css, "logo": logo, "available": True}
    doc = ui_customization.customization_for(ctx, site.pool_id, client_id)
    logo = None
    if doc and doc.get("_image"):
        logo = f"data:{doc.get('_image_type') or 'image/png'};base64,{doc['_image']}"
    custom = str(doc.get("CSS") or "") if doc else ""
    return {"style": "classic", "custom_css": custom, "managed_css": "", "logo": logo, "available": True}


# -- responses ------------------------------------------------------------------------------------------


def security_headers(response: Response, nonce: str | None = None, script_sources: tuple[str, ...] = ()) -> Response:
    style = f"'nonce-{nonce}'" if nonce else "'none'"
    script = " ".join(script_sources) if script_sources else "'none'"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src {style}; img-src 'self' data:; script-src {script}; connect-src 'self';"
        " base-uri 'none'; frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # same-origin: no referrer leaves for other sites, and a form post keeps its Origin (no-referrer would
    # send "Origin: null", which the Origin check refuses).
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def render(
    request: Request,
    ctx: RequestContext,
    site: Site | None,
    template: str,
    *,
    client_id: str | None = None,
    status: int = 200,
    lang: str | None = None,
    script_sources: tuple[str, ...] = (),
    **values: Any,
) -> Response:
    """The page ``template`` for ``site`` (None: a domain we do not know), styled for ``client_id``."""
    nonce = secrets.token_urlsafe(16)
    token, fresh = csrf(ctx, request)
    branding = (
        _branding(ctx, site, client_id)
        if site is not None
        else {"style": "classic", "custom_css": "", "managed_css": "", "logo": None, "available": True}
    )
    if not branding["available"]:
        template, status = "error.html", 400
        values = {"message": "Login pages unavailable. Please contact an administrator.", "error_code": ""}
    values.setdefault("error", None)
    values.setdefault("info", None)
    page = ENV.get_template(template).render(
        nonce=nonce,
        csrf_field=CSRF_FIELD,
        csrf_token=token,
        stylesheet=Markup(STYLESHEET),  # noqa: S704 - our own file
        custom_css=_safe_css(str(branding["custom_css"] or "")),
        managed_css=_safe_css(str(branding["managed_css"] or "")),
        page_style=branding["style"],
        logo=branding["logo"],
        url=(site.url if site is not None else (lambda path: path)),
        lang=lang if lang and _LANG.match(lang) else "en",
        **values,
    )
    response = HTMLResponse(page, status_code=status)
    if fresh is not None:
        response.set_cookie(
            CSRF_COOKIE,
            fresh,
            path=sessions.cookie_path(request),
            secure=sessions.secure(request),
            httponly=True,
            samesite="lax",
        )
    return security_headers(response, nonce, script_sources)


def error_page(
    request: Request,
    ctx: RequestContext,
    site: Site | None,
    message: str = GENERIC_ERROR,
    *,
    error: str = "",
    status: int = 400,
) -> Response:
    return render(request, ctx, site, "error.html", status=status, message=message, error_code=error)


MAX_FORM = 64 * 1024


async def form(request: Request) -> dict[str, str] | None:
    """An ``application/x-www-form-urlencoded`` body (the first value of each field), or None when it is
    not one, or larger than 64 KB."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_FORM:
                return None
            chunks.append(chunk)
    except ClientDisconnect:
        return None
    try:
        pairs = parse_qsl(b"".join(chunks).decode("utf-8"), keep_blank_values=True, max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        return None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields
