"""The hosted UI's pages: which domain a request is for, templates, styles, the anti-CSRF token, headers.

Pages are Jinja2 templates (autoescaped, StrictUndefined) in ``templates/``. Each page carries its whole
stylesheet in a ``<style>`` element allowed by a per-response nonce; the Content-Security-Policy allows no
script, no frames (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``) and images only from the page
itself or ``data:`` URLs. The look follows the domain's ``ManagedLoginVersion``: the classic hosted UI (1)
with SetUICustomization's CSS and logo (the client's own setting, else the pool's ALL setting), or managed
login (2) with its ManagedLoginBranding settings (``managed_login_look``: colours in light and dark mode,
radii, spacing, the page header and footer, logos, background images, favicons, identity provider buttons
and icons, graphics; small images inline as ``data:`` URLs, larger ones served by the domain, assets.py).
Managed login pages speak the language of the request's ``lang`` (localization.py; templates call ``_``),
and their forms post to addresses that carry it (``form_url``), so that a post refused before its sealed
authorize request is opened (a failed CSRF check, an expired form) is answered in that language too; the
classic hosted UI is English. The authenticator setup page draws its ``otpauth://`` URI's QR code as inline SVG (the
``qr_svg`` filter): the code fetches nothing.

Forms carry an anti-CSRF token: the HMAC of a random ``XSRF-TOKEN`` cookie (double submit, signed), checked
in constant time on every POST.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode

import jinja2
import segno
from markupsafe import Markup
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response

from console.emulator.core.context import RequestContext
from console.emulator.core.errors import AwsError
from console.emulator.user_pools import domains, managed_login, pools, ui_customization

from . import localization, sealing, sessions

_HERE = Path(__file__).parent
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
STYLESHEET = (_HERE / "templates" / "hosted_ui.css").read_text(encoding="utf-8")
# The pages whose words come from the localization catalogue (managed login's languages).
LOCALIZED_TEMPLATES = frozenset(
    {
        "code.html",
        "confirm_forgot.html",
        "confirmed.html",
        "error.html",
        "forgot.html",
        "login.html",
        "new_password.html",
        "passkey.html",
        "passkey_add.html",
        "select_mfa.html",
        "signup.html",
    }
)


def qr_svg(uri: str) -> Markup:
    """An inline SVG of the QR code of ``uri`` (an authenticator app's ``otpauth://`` URI), drawn here
    so that the page fetches nothing: dark modules on a white ground with a quiet zone, whatever the
    colour scheme, as scanners need; sized by the stylesheet (``.qr``)."""
    code = segno.make(uri, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr", lineclass=None)
    return Markup(svg)  # noqa: S704 - segno's own output: paths and numbers, the URI is not in it


ENV.filters["qr_svg"] = qr_svg
CSRF_COOKIE = "XSRF-TOKEN"
CSRF_FIELD = "_csrf"
_CSRF = "csrf"
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


def _site_pool(ctx: RequestContext, request: Request) -> tuple[str, str, dict[str, Any]] | None:
    """The domain in the path (or Host), its path prefix and its pool's document, or None."""
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
        return domain, prefix, pools.get_pool(ctx, pool_id)
    except AwsError:
        return None


def site_pool_id(ctx: RequestContext, request: Request) -> str | None:
    """The ID of the pool whose domain the request came to, as ``site`` finds it, without reading the
    domain's description: for the endpoints that are not pages (the token endpoint)."""
    found = _site_pool(ctx, request)
    return None if found is None else str(found[2]["Id"])


def site(ctx: RequestContext, request: Request) -> Site | None:
    """The domain in the path (or Host) and its pool, or None when no pool has that domain."""
    found = _site_pool(ctx, request)
    if found is None:
        return None
    domain, prefix, pool = found
    pool_id = str(pool["Id"])
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


# The custom properties of the stylesheet that a managed login style's colours set, for one colour mode
# (the path under components / componentClasses, below lightMode or darkMode).
_MODE_COLOURS: dict[str, tuple[str, ...]] = {
    "--page-bg": ("components", "pageBackground", "{mode}", "color"),
    "--card-bg": ("components", "form", "{mode}", "backgroundColor"),
    "--card-border": ("components", "form", "{mode}", "borderColor"),
    "--button-bg": ("components", "primaryButton", "{mode}", "defaults", "backgroundColor"),
    "--button-fg": ("components", "primaryButton", "{mode}", "defaults", "textColor"),
    "--button-hover-bg": ("components", "primaryButton", "{mode}", "hover", "backgroundColor"),
    "--button-hover-fg": ("components", "primaryButton", "{mode}", "hover", "textColor"),
    "--button-active-bg": ("components", "primaryButton", "{mode}", "active", "backgroundColor"),
    "--button-active-fg": ("components", "primaryButton", "{mode}", "active", "textColor"),
    "--secondary-bg": ("components", "secondaryButton", "{mode}", "defaults", "backgroundColor"),
    "--secondary-border": ("components", "secondaryButton", "{mode}", "defaults", "borderColor"),
    "--secondary-fg": ("components", "secondaryButton", "{mode}", "defaults", "textColor"),
    "--secondary-hover-bg": ("components", "secondaryButton", "{mode}", "hover", "backgroundColor"),
    "--secondary-hover-border": ("components", "secondaryButton", "{mode}", "hover", "borderColor"),
    "--secondary-hover-fg": ("components", "secondaryButton", "{mode}", "hover", "textColor"),
    "--heading": ("components", "pageText", "{mode}", "headingColor"),
    "--text": ("components", "pageText", "{mode}", "bodyColor"),
    "--muted": ("components", "pageText", "{mode}", "descriptionColor"),
    "--header-bg": ("components", "pageHeader", "{mode}", "background", "color"),
    "--header-border": ("components", "pageHeader", "{mode}", "borderColor"),
    "--footer-bg": ("components", "pageFooter", "{mode}", "background", "color"),
    "--footer-border": ("components", "pageFooter", "{mode}", "borderColor"),
    "--idp-bg": ("components", "idpButton", "standard", "{mode}", "defaults", "backgroundColor"),
    "--idp-border": ("components", "idpButton", "standard", "{mode}", "defaults", "borderColor"),
    "--idp-fg": ("components", "idpButton", "standard", "{mode}", "defaults", "textColor"),
    "--idp-hover-bg": ("components", "idpButton", "standard", "{mode}", "hover", "backgroundColor"),
    "--idp-hover-border": ("components", "idpButton", "standard", "{mode}", "hover", "borderColor"),
    "--idp-hover-fg": ("components", "idpButton", "standard", "{mode}", "hover", "textColor"),
    "--idp-active-bg": ("components", "idpButton", "standard", "{mode}", "active", "backgroundColor"),
    "--idp-active-border": ("components", "idpButton", "standard", "{mode}", "active", "borderColor"),
    "--idp-active-fg": ("components", "idpButton", "standard", "{mode}", "active", "textColor"),
    "--error-bg": ("components", "alert", "{mode}", "error", "backgroundColor"),
    "--error-border": ("components", "alert", "{mode}", "error", "borderColor"),
    "--link": ("componentClasses", "link", "{mode}", "defaults", "textColor"),
    "--link-hover": ("componentClasses", "link", "{mode}", "hover", "textColor"),
    "--input-bg": ("componentClasses", "input", "{mode}", "defaults", "backgroundColor"),
    "--input-border": ("componentClasses", "input", "{mode}", "defaults", "borderColor"),
    "--placeholder": ("componentClasses", "input", "{mode}", "placeholderColor"),
    "--label": ("componentClasses", "inputLabel", "{mode}", "textColor"),
    "--hint": ("componentClasses", "inputDescription", "{mode}", "textColor"),
    "--focus": ("componentClasses", "focusState", "{mode}", "borderColor"),
    "--divider": ("componentClasses", "divider", "{mode}", "borderColor"),
    "--option-bg": ("componentClasses", "optionControls", "{mode}", "defaults", "backgroundColor"),
    "--option-selected": ("componentClasses", "optionControls", "{mode}", "selected", "backgroundColor"),
}
# Corner radii (px) of a style: the property and where the settings keep it.
_RADII: dict[str, tuple[str, ...]] = {
    "--radius": ("components", "form", "borderRadius"),
    "--button-radius": ("componentClasses", "buttons", "borderRadius"),
    "--input-radius": ("componentClasses", "input", "borderRadius"),
    "--alert-radius": ("components", "alert", "borderRadius"),
}
# categories.global.spacingDensity: how much room the form's parts get.
_DENSITY = {"COMPACT": "0.75", "REGULAR": "1", "SPACIOUS": "1.25"}
_PLACE = {"START": "flex-start", "TOP": "flex-start", "CENTER": "center", "END": "flex-end", "BOTTOM": "flex-end"}
_MODES = {"LIGHT": "lightMode", "DARK": "darkMode"}
_GRAPHICS = ("EMAIL_GRAPHIC", "SMS_GRAPHIC", "AUTH_APP_GRAPHIC", "PASSWORD_GRAPHIC", "PASSKEY_GRAPHIC")


def _mode_vars(settings: dict[str, Any], mode: str) -> str:
    """The stylesheet's custom properties for one colour mode (lightMode, darkMode) of a settings document."""
    out = []
    for prop, path in _MODE_COLOURS.items():
        colour = _colour(_dig(settings, *(mode if p == "{mode}" else p for p in path)))
        if colour:
            out.append(f"{prop}:{colour};")
    return "".join(out)


def _radius(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 64:
        return f"{float(value):g}px"
    return None


@dataclass(frozen=True)
class Image:
    """An image of a style for the template: ``src`` in light mode (or always), ``dark`` in dark mode."""

    src: str
    dark: str | None = None


@dataclass(frozen=True)
class ManagedLook:
    """What a managed login style puts on a page besides its stylesheet: the page header and footer
    (None when hidden) with their logos, the form's logo and where it stands, the favicons, and the
    identity provider buttons' icons by provider name."""

    css: str
    header: dict[str, Any] | None = None
    footer: dict[str, Any] | None = None
    form_logo: Image | None = None
    form_logo_outside: bool = False
    form_logo_bottom: bool = False
    favicons: tuple[tuple[str, str], ...] = ()
    idp_icons: dict[str, Image] = field(default_factory=dict)
    federated_first: bool = True
    # categories.auth.federation.interfaceStyle: the providers as a list of buttons, or a drop-down list.
    idp_dropdown: bool = False
    # The pictures above a form (categories.form.displayGraphics), by asset category (EMAIL_GRAPHIC ...).
    graphics: dict[str, Image] = field(default_factory=dict)


# Where a domain serves its managed login styles' images (assets.py), beside its pages.
ASSETS_PATH = "/managed-login/assets"
# A style's images up to this size stand in the page as data: URLs (no request of their own); larger ones,
# up to the 1 MB an asset may weigh, are fetched from ASSETS_PATH and kept by the browser.
INLINE_ASSET_LIMIT = 8 * 1024


def data_url(asset: dict[str, Any]) -> str:
    """An asset of ``managed_login.branding_for`` as a ``data:`` URL."""
    kind = asset.get("ContentType") or "image/png"
    return f"data:{kind};base64,{base64.b64encode(bytes(asset.get('Bytes') or b'')).decode()}"


def asset_version(data: bytes) -> str:
    """The fingerprint in an asset's address: a changed image gets a new address, so browsers may keep one."""
    return hashlib.sha256(data).hexdigest()[:16]


def asset_url(site: Site, client_id: str, asset: dict[str, Any]) -> str:
    """Where ``site`` serves one image of ``client_id``'s managed login style (assets.py answers it)."""
    params = {"client_id": client_id, "category": asset.get("Category"), "mode": asset.get("ColorMode")}
    if asset.get("ResourceId"):
        params["resource"] = asset["ResourceId"]
    params["v"] = asset_version(bytes(asset.get("Bytes") or b""))
    return f"{site.url(ASSETS_PATH)}?{urlencode(params)}"


def managed_login_look(branding: dict[str, Any], address: Callable[[dict[str, Any]], str] = data_url) -> ManagedLook:
    """How a managed login style (``managed_login.branding_for``) draws the pages: its colours in light and
    dark mode as its colour scheme says, corner radii, spacing, background images, the page header and
    footer, the form's logo, favicons and identity provider icons. ``address`` says where each image is
    (its ``data:`` URL, or where the domain serves it: ``asset_url``); either is an image source the
    Content-Security-Policy's ``img-src 'self' data:`` allows."""
    settings = branding.get("Settings") or {}
    assets: dict[tuple[str, str, str], dict[str, Any]] = {
        (str(a.get("Category")), str(a.get("ColorMode")), str(a.get("ResourceId") or "")): a
        for a in branding.get("Assets") or []
    }
    scheme = str(_dig(settings, "categories", "global", "colorSchemeMode") or "LIGHT")

    def url(category: str, mode: str, resource: str = "") -> str | None:
        asset = assets.get((category, mode, resource)) or assets.get((category, "DYNAMIC", resource))
        if asset is None or not isinstance(asset.get("Bytes"), bytes | bytearray):
            return None
        return address(asset)

    def image(category: str, resource: str = "") -> Image | None:
        """The image of ``category`` for the style's colour scheme (both modes' when it follows the browser)."""
        if scheme in _MODES:
            found = url(category, scheme, resource) or url(category, "DARK" if scheme == "LIGHT" else "LIGHT", resource)
            return Image(found) if found else None
        light, dark = url(category, "LIGHT", resource), url(category, "DARK", resource)
        if light is None and dark is None:
            return None
        return Image(light or str(dark), dark if dark != light else None)

    shared = []
    for prop, path in _RADII.items():
        value = _radius(_dig(settings, *path))
        if value:
            shared.append(f"{prop}:{value};")
    density = _DENSITY.get(str(_dig(settings, "categories", "global", "spacingDensity")))
    if density:
        shared.append(f"--density:{density};")
    out = [f":root{{{''.join(shared)}}}"]
    location = _dig(settings, "categories", "form", "location") or {}
    vertical, horizontal = _PLACE.get(str(location.get("vertical"))), _PLACE.get(str(location.get("horizontal")))
    if vertical or horizontal:
        # Where the form sits, beyond a phone's width (on a phone it fills the screen from the top).
        rule = f".managed .page{{align-items:{vertical or 'flex-start'};justify-content:{horizontal or 'center'};}}"
        out.append(f"@media (min-width: 481px){{{rule}}}")

    backgrounds = (
        (".managed .page", "PAGE_BACKGROUND", "--page-bg", ("components", "pageBackground", "image", "enabled")),
        (".managed .card", "FORM_BACKGROUND", "--card-bg", ("components", "form", "backgroundImage", "enabled")),
        (
            ".page-header",
            "PAGE_HEADER_BACKGROUND",
            "--header-bg",
            ("components", "pageHeader", "backgroundImage", "enabled"),
        ),
        (
            ".page-footer",
            "PAGE_FOOTER_BACKGROUND",
            "--footer-bg",
            ("components", "pageFooter", "backgroundImage", "enabled"),
        ),
    )

    def mode_rule(mode: str, colour_scheme: str) -> str:
        rule = f":root{{color-scheme:{colour_scheme};{_mode_vars(settings, _MODES[mode])}}}"
        for selector, category, colour, enabled in backgrounds:
            # The page's background image shows unless turned off; the others only when turned on.
            wanted = _dig(settings, *enabled)
            found = url(category, mode) if (wanted is not False if category == "PAGE_BACKGROUND" else wanted) else None
            if found:
                rule += f'{selector}{{background:var({colour}) url("{found}") center/cover no-repeat;}}'
        return rule

    if scheme in _MODES:
        out.append(mode_rule(scheme, scheme.lower()))
    else:
        out.append(mode_rule("LIGHT", "light dark"))
        out.append(f"@media (prefers-color-scheme: dark){{{mode_rule('DARK', 'light dark')}}}")

    def bar(name: str, category: str) -> dict[str, Any] | None:
        if not _dig(settings, "categories", "global", name, "enabled"):
            return None
        logo = image(category) if _dig(settings, "components", name, "logo", "enabled") else None
        place = _PLACE.get(str(_dig(settings, "components", name, "logo", "location")), "flex-start")
        return {"logo": logo, "place": place.removeprefix("flex-")}

    form_logo = _dig(settings, "components", "form", "logo") or {}
    if form_logo.get("enabled"):
        place = _PLACE.get(str(form_logo.get("location")), "center")
        out.append(f".form-logo{{justify-content:{place};}}")
    favicons = []
    for kind in _dig(settings, "components", "favicon", "enabledTypes") or ():
        found = url(f"FAVICON_{kind}", "LIGHT") if kind in ("ICO", "SVG") else None
        if found:
            favicons.append((found, "image/svg+xml" if kind == "SVG" else "image/x-icon"))
    icons: dict[str, Image] = {}
    if _dig(settings, "componentClasses", "idpButtons", "icons", "enabled") is not False:
        for category, _mode, resource in assets:
            if category == "IDP_BUTTON_ICON" and resource and resource not in icons:
                found_icon = image(category, resource)
                if found_icon is not None:
                    icons[resource] = found_icon
    order = _dig(settings, "categories", "auth", "authMethodOrder") or [[]]
    kinds = [
        str(m.get("type")) for m in (order[0] if order and isinstance(order[0], list) else []) if isinstance(m, dict)
    ]
    federated_first = not ("USERNAME_PASSWORD" in kinds and "FEDERATED" in kinds) or kinds.index(
        "FEDERATED"
    ) < kinds.index("USERNAME_PASSWORD")
    graphics: dict[str, Image] = {}
    if _dig(settings, "categories", "form", "displayGraphics") is not False:
        for category in _GRAPHICS:
            found_graphic = image(category)
            if found_graphic is not None:
                graphics[category] = found_graphic
    return ManagedLook(
        css="\n".join(out),
        header=bar("pageHeader", "PAGE_HEADER_LOGO"),
        footer=bar("pageFooter", "PAGE_FOOTER_LOGO"),
        form_logo=image("FORM_LOGO") if form_logo.get("enabled") else None,
        form_logo_outside=form_logo.get("formInclusion") == "OUT",
        form_logo_bottom=form_logo.get("position") == "BOTTOM",
        favicons=tuple(favicons),
        idp_icons=icons,
        federated_first=federated_first,
        idp_dropdown=_dig(settings, "categories", "auth", "federation", "interfaceStyle") == "DROPDOWN",
        graphics=graphics,
    )


_CLASSIC_LOOK = ManagedLook(css="")


def _branding(ctx: RequestContext, site: Site, client_id: str | None) -> dict[str, Any]:
    """What the page template needs to look as the domain's version says (``available`` False: managed
    login with no style for the client, which AWS answers with an error page)."""
    if site.managed_login:
        managed = managed_login.branding_for(ctx, site.pool_id, client_id) if client_id else None
        if managed is None:
            return {
                "style": "managed",
                "custom_css": "",
                "look": _CLASSIC_LOOK,
                "logo": None,
                "available": client_id is None,
            }
        client = str(client_id)

        def address(asset: dict[str, Any]) -> str:
            small = len(asset.get("Bytes") or b"") <= INLINE_ASSET_LIMIT
            return data_url(asset) if small else asset_url(site, client, asset)

        look = managed_login_look(managed, address)
        return {"style": "managed", "custom_css": "", "look": look, "logo": look.form_logo, "available": True}
    doc = ui_customization.customization_for(ctx, site.pool_id, client_id)
    logo = None
    if doc and doc.get("_image"):
        logo = Image(f"data:{doc.get('_image_type') or 'image/png'};base64,{doc['_image']}")
    custom = str(doc.get("CSS") or "") if doc else ""
    return {"style": "classic", "custom_css": custom, "look": _CLASSIC_LOOK, "logo": logo, "available": True}


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


def _provider_form(providers: Any) -> dict[str, Any] | None:
    """The drop-down list of identity providers as a GET form to ``/oauth2/authorize``: its action and the
    authorize request's parameters as hidden fields (read off the providers' own links)."""
    if not providers:
        return None
    action, _, query = str(providers[0]["href"]).partition("?")
    fields = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != "identity_provider"]
    return {"action": action, "fields": fields}


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
    """The page ``template`` for ``site`` (None: a domain we do not know), styled for ``client_id``; with
    managed login, in the language ``lang`` asks for (else the request's own ``lang`` parameter)."""
    nonce = secrets.token_urlsafe(16)
    token, fresh = csrf(ctx, request)
    branding = (
        _branding(ctx, site, client_id)
        if site is not None
        else {"style": "classic", "custom_css": "", "look": _CLASSIC_LOOK, "logo": None, "available": True}
    )
    if not branding["available"]:
        template, status = "error.html", 400
        values = {"message": "Login pages unavailable. Please contact an administrator.", "error_code": ""}
    values.setdefault("error", None)
    values.setdefault("info", None)
    localized = site is not None and site.managed_login and template in LOCALIZED_TEMPLATES
    words = localization.translator((lang or request.query_params.get("lang")) if localized else None)
    look = cast(ManagedLook, branding["look"])
    provider_form = _provider_form(values.get("providers")) if look.idp_dropdown else None
    url: Callable[[str], str] = site.url if site is not None else (lambda path: path)
    # A form's address carries the page's language, so that what answers a post the sealed authorize request
    # can't (an expired form, a failed CSRF check) is in the page's language too.
    posted_lang = f"?{urlencode({'lang': words.code})}" if words.code != localization.ENGLISH else ""
    page = ENV.get_template(template).render(
        nonce=nonce,
        csrf_field=CSRF_FIELD,
        csrf_token=token,
        stylesheet=Markup(STYLESHEET),  # noqa: S704 - our own file
        custom_css=_safe_css(str(branding["custom_css"] or "")),
        managed_css=_safe_css(look.css),
        page_style=branding["style"],
        logo=branding["logo"],
        look=look,
        url=url,
        form_url=lambda path: f"{url(path)}{posted_lang}",
        lang=words.code,
        _=words,
        provider_form=provider_form,
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


def page_words(request: Request, site: Site | None) -> localization.Translator:
    """The words of what answers a page's script: managed login's in the language of the request's ``lang``
    (a page's form address carries it), the classic hosted UI's in English."""
    managed = site is not None and site.managed_login
    return localization.translator(request.query_params.get("lang") if managed else None)


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
