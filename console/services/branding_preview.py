"""A draft look of the hosted UI, rendered by the local Cognito's own pages without saving it to the pool it is
for: an ephemeral local Cognito (nothing on disk, on a free loopback port) that the console starts for previews
holds a preview user pool (with a domain, an app client and a user whose sign-in asks for an MFA code); the draft
goes to it and the page is read back as HTML.

Every connection previews this way, a local one too: the user's own local Cognito never sees the preview pool.
The pages are the local Cognito's, which follow AWS's classic hosted UI and managed login.
"""

from __future__ import annotations

import asyncio
import atexit
import html as htmllib
import json
import re
import secrets
import threading
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from console.emulator.user_pools import branding_rules

from . import errors, local
from .boto import run_blocking
from .protocol import Branding

PREVIEW_POOL = "cognito-console-preview"
PREVIEW_TAG = {"cognito-console:preview": "true"}
CALLBACK = "http://localhost/preview"
PREVIEW_USER = "preview-user"
WARM_UP_DOMAIN = "cognito-console-warm-up"
PAGES = {
    "login": ("Sign-in", "/login"),
    "signup": ("Sign-up", "/signup"),
    "forgot": ("Forgotten password", "/forgotPassword"),
    "mfa": ("MFA code", "/login"),
}
_DARK = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)")
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_ACTION = re.compile(r'<form[^>]*\saction="([^"]+)"')


# One render at a time in the process: every preview saves its draft to the same preview pool and reads the
# page back, and a render whose caller has gone (a closed window) still runs to its end in its thread.
_RENDERING = threading.Lock()


# The ephemeral local Cognito that renders previews when the view is given none of its own: started on first use
# (again should it have ended), stopped when the process exits; started with --parent-pid, it also stops by
# itself should the process be killed.
_SERVER: local.LocalServer | None = None
_STARTING = threading.Lock()


_SESSION: Any = None
_SESSION_LOCK = threading.Lock()


async def ephemeral_endpoint() -> str:
    """The base URL of this process's ephemeral local Cognito for previews, started if need be."""
    server = _SERVER
    if server is not None and not server.exited():
        return server.base_url
    models = asyncio.ensure_future(run_blocking(_preview_client, "http://127.0.0.1:9"))  # while the child starts
    try:
        return await run_blocking(_start)
    finally:
        await asyncio.wait([models])


def _preview_client(endpoint_url: str, region: str = "us-east-1") -> Any:
    """A cognito-idp client of the local Cognito at ``endpoint_url``, from one session for every preview: its
    service model is loaded once (the first client takes a few hundred milliseconds, the next ones little)."""
    global _SESSION
    import boto3
    from botocore.config import Config

    with _SESSION_LOCK:
        if _SESSION is None:
            # The local Cognito accepts any keys on loopback; these are placeholders, not secrets.
            _SESSION = boto3.session.Session(aws_access_key_id="local", aws_secret_access_key="local")  # noqa: S106
        config = Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=60)
        return _SESSION.client("cognito-idp", endpoint_url=endpoint_url, region_name=region, config=config)


def _start() -> str:
    global _SERVER
    with _STARTING:
        if _SERVER is None or _SERVER.exited():
            try:
                _SERVER = local.start_child(0, "", 20, "", True)
            except OSError as exc:  # the interpreter could not be started
                raise errors.ConnectionLost("LocalCognitoFailed", f"The local Cognito did not start: {exc}") from exc
            # While the console makes its client, the server loads its pages' code.
            threading.Thread(target=_warm_up, args=(_SERVER.base_url,), name="preview-warm-up", daemon=True).start()
        return _SERVER.base_url


def _warm_up(base_url: str) -> None:
    """Ask the new server for a sign-in page of a domain it does not have (a 404): its first hosted UI page
    loads the pages' code and templates, which the preview's first page would otherwise wait for."""
    try:
        with urllib.request.urlopen(f"{base_url}/{WARM_UP_DOMAIN}/login", timeout=5):  # noqa: S310 - our loopback URL
            pass
    except OSError:  # the 404 expected (HTTPError is an OSError), or a server too slow: the preview does not wait
        pass


@atexit.register
def stop_ephemeral() -> None:
    """Stop the ephemeral local Cognito this process started for previews, if any."""
    global _SERVER
    with _STARTING:
        server, _SERVER = _SERVER, None
    if server is not None:
        server.stop()


@dataclass
class _Site:
    pool_id: str
    client_id: str
    domain: str
    password: str
    branding_id: str = ""
    version: int = 0  # the domain's ManagedLoginVersion as last set here
    asset_keys: frozenset[tuple[str, str, str]] = frozenset()  # the images the preview style holds
    settings: Any = None  # the settings the preview style holds; None: not known


class BrandingPreview:
    """Renders drafts on the local Cognito at ``endpoint_url`` (the ephemeral one for previews); the preview pool
    is found or made on first use."""

    def __init__(self, endpoint_url: str, region: str = "us-east-1") -> None:
        self.endpoint_url = endpoint_url.rstrip("/")
        self.region = region
        self._client: Any = None
        self._site: _Site | None = None

    async def render(self, branding: Branding, page: str, dark: bool) -> tuple[str, str]:
        """The HTML of ``page`` (PAGES' keys) with ``branding`` applied, in the light or dark scheme, and the
        base URL its relative links resolve against."""
        if page not in PAGES:
            raise errors.InvalidInput("InvalidParameterException", f"No preview of the page {page!r}.")
        try:
            html = await run_blocking(self._render, branding, page)
        except errors.ServiceError:
            raise
        except Exception as exc:  # boto3 and httpx failures: said in the view, as any call's
            raise errors.from_exception(exc, "PreviewBranding") from exc
        site = self._site
        assert site is not None
        return with_scheme(html, dark), f"{self.endpoint_url}/{site.domain}/"

    async def prepare(self, style: str = "classic") -> None:
        """Find or make the preview pool and read its sign-in page in ``style`` (classic or managed) once now
        (the server's first page of a kind is its slowest), so that the first render only applies its draft."""
        try:
            await run_blocking(self._prepare, style)
        except errors.ServiceError:
            raise
        except Exception as exc:  # boto3 and httpx failures, as render's
            raise errors.from_exception(exc, "PreviewBranding") from exc

    # --- blocking work, off the event loop -------------------------------------------------------------
    def _prepare(self, style: str) -> None:
        with _RENDERING:
            site = self._ensure()
            self._use_version(site, 2 if style == "managed" else 1)
            self._page(site, "login")

    def _render(self, branding: Branding, page: str) -> str:
        with _RENDERING:
            return self._render_now(branding, page)

    def _render_now(self, branding: Branding, page: str) -> str:
        site = self._ensure()
        self._apply(site, branding)
        return self._page(site, page)

    def _page(self, site: _Site, page: str) -> str:
        import httpx

        query = {"client_id": site.client_id, "response_type": "code", "scope": "openid", "redirect_uri": CALLBACK}
        url = f"{self.endpoint_url}/{site.domain}{PAGES[page][1]}?{urlencode(query)}"
        with httpx.Client(timeout=10) as http:
            answer = http.get(url)
            if page == "mfa":  # the page a sign-in with the preview user's password leads to
                form = {name: htmllib.unescape(value) for name, value in _HIDDEN.findall(answer.text)}
                form.update(username=PREVIEW_USER, password=site.password)
                action = _ACTION.search(answer.text)
                target = str(answer.url.join(htmllib.unescape(action.group(1)))) if action else url
                answer = http.post(target, data=form)
        return answer.text

    def client(self) -> Any:
        if self._client is None:
            self._client = _preview_client(self.endpoint_url, self.region)
        return self._client

    def _ensure(self) -> _Site:
        if self._site is not None:
            return self._site
        idp = self.client()
        pool_id = next(
            (p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == PREVIEW_POOL), None
        )
        if pool_id is not None:  # made by another view's preview: taken up again with a new password for its user
            reused = self._take_up(pool_id)
            if reused is not None:
                self._site = reused
                return reused
            domain = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("Domain")
            if domain:
                idp.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
            idp.delete_user_pool(UserPoolId=pool_id)
        pool = idp.create_user_pool(
            PoolName=PREVIEW_POOL,
            UserPoolTier="ESSENTIALS",  # managed login
            UserPoolTags=PREVIEW_TAG,
            MfaConfiguration="ON",
            SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/preview-sms", "ExternalId": "preview"},
            AutoVerifiedAttributes=["email"],
        )["UserPool"]
        pool_id = pool["Id"]
        domain = f"console-preview-{secrets.token_hex(4)}"
        idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain, ManagedLoginVersion=1)
        client_id = idp.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName="preview",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            AllowedOAuthFlows=["code"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthScopes=["openid", "email"],
            CallbackURLs=[CALLBACK],
            SupportedIdentityProviders=["COGNITO"],
        )["UserPoolClient"]["ClientId"]
        password = "Aa1!" + secrets.token_urlsafe(16)
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=PREVIEW_USER,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "phone_number", "Value": "+15555550100"},
                {"Name": "phone_number_verified", "Value": "true"},
            ],
        )
        idp.admin_set_user_password(UserPoolId=pool_id, Username=PREVIEW_USER, Password=password, Permanent=True)
        self._site = _Site(pool_id, client_id, domain, password, version=1)
        return self._site

    def _take_up(self, pool_id: str) -> _Site | None:
        """A preview pool made before, if it has all it needs (a domain, the app client, the user)."""
        idp = self.client()
        domain = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("Domain")
        clients = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
        client_id = next((c["ClientId"] for c in clients if c["ClientName"] == "preview"), None)
        if not domain or client_id is None:
            return None
        password = "Aa1!" + secrets.token_urlsafe(16)
        try:
            idp.admin_set_user_password(UserPoolId=pool_id, Username=PREVIEW_USER, Password=password, Permanent=True)
        except idp.exceptions.UserNotFoundException:
            return None
        keys: frozenset[tuple[str, str, str]] = frozenset()
        try:
            found = idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id)
            branding_id = found["ManagedLoginBranding"]["ManagedLoginBrandingId"]
            keys = frozenset(asset_key(a) for a in found["ManagedLoginBranding"].get("Assets") or ())
        except idp.exceptions.ResourceNotFoundException:
            branding_id = ""
        return _Site(pool_id, client_id, domain, password, branding_id, asset_keys=keys)

    def _use_version(self, site: _Site, version: int) -> None:
        """Serve the classic hosted UI (1) or managed login (2) on the preview pool's domain."""
        if site.version != version:
            self.client().update_user_pool_domain(
                UserPoolId=site.pool_id, Domain=site.domain, ManagedLoginVersion=version
            )
            site.version = version

    def _apply(self, site: _Site, branding: Branding) -> None:
        idp = self.client()
        self._use_version(site, 2 if branding.style == "managed" else 1)
        if branding.style == "classic":
            request: dict[str, Any] = {"UserPoolId": site.pool_id, "ClientId": site.client_id, "CSS": branding.css}
            if branding.logo is not None:
                request["ImageFile"] = branding.logo
            idp.set_ui_customization(**request)
            return
        assets = [dict(a) for a in branding.assets]
        # Cognito's own look takes no settings (AWS refuses them beside UseCognitoProvidedValues) and shows no images.
        look: dict[str, Any] = (
            {"UseCognitoProvidedValues": True}
            if branding.use_cognito
            else {"Settings": dict(branding.settings or {}), "Assets": assets}
        )
        keys = frozenset(asset_key(a) for a in assets)
        if site.branding_id:
            if branding.use_cognito is False and (
                site.asset_keys - keys or site.settings is None or drops(site.settings, branding.settings or {})
            ):
                # An update merges settings and replaces images, never removes either: Cognito's look drops them.
                idp.update_managed_login_branding(
                    UserPoolId=site.pool_id, ManagedLoginBrandingId=site.branding_id, UseCognitoProvidedValues=True
                )
            idp.update_managed_login_branding(UserPoolId=site.pool_id, ManagedLoginBrandingId=site.branding_id, **look)
        else:
            made = idp.create_managed_login_branding(UserPoolId=site.pool_id, ClientId=site.client_id, **look)
            site.branding_id = made["ManagedLoginBranding"]["ManagedLoginBrandingId"]
        site.asset_keys = frozenset() if branding.use_cognito else keys
        site.settings = {} if branding.use_cognito else json.loads(json.dumps(branding.settings or {}))


def drops(saved: Any, draft: Any) -> bool:
    """Whether ``draft`` leaves out a member that ``saved`` has in an object both have at the same place: an
    update (a JSON merge patch) would keep that member, so the style must go back to Cognito's look first."""
    if not isinstance(saved, dict) or not isinstance(draft, dict):
        return False
    return any(key not in draft or drops(value, draft[key]) for key, value in saved.items())


def with_scheme(html: str, dark: bool) -> str:
    """The page as a browser in the light or the dark scheme shows it: its ``prefers-color-scheme: dark`` rules
    applied always, or never (the preview's web view has no scheme of its own to follow)."""
    return _DARK.sub("@media all" if dark else "@media not all", html)


# The classic hosted UI's rules, the local Cognito's own (user_pools/branding_rules.py): one copy of them.
CSS_CLASSES = tuple(sorted(branding_rules.CSS_CLASSES))
css_problem = branding_rules.css_problem


def logo_problem(data: bytes) -> str | None:
    """Why SetUICustomization would refuse this logo (PNG or JPEG, at most 100 KB), or None."""
    limit = branding_rules.MAX_IMAGE_BYTES
    if len(data) > limit:
        return f"{len(data) // 1024} KB; the logo may be at most {limit // 1024} KB."
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        return "the logo must be a PNG or JPEG image."
    return None


# --- managed login's image assets (AssetType in the API reference) ---------------------------------------------
ASSET_CATEGORIES = {
    "PAGE_HEADER_LOGO": "Page header logo",
    "PAGE_HEADER_BACKGROUND": "Page header background",
    "PAGE_FOOTER_LOGO": "Page footer logo",
    "PAGE_FOOTER_BACKGROUND": "Page footer background",
    "PAGE_BACKGROUND": "Page background",
    "FORM_LOGO": "Form logo",
    "FORM_BACKGROUND": "Form background",
    "FAVICON_ICO": "Favicon (ICO)",
    "FAVICON_SVG": "Favicon (SVG)",
    "IDP_BUTTON_ICON": "Identity provider button icon",
    "EMAIL_GRAPHIC": "Email MFA graphic",
    "SMS_GRAPHIC": "SMS MFA graphic",
    "AUTH_APP_GRAPHIC": "Authenticator app graphic",
    "PASSWORD_GRAPHIC": "Password graphic",
    "PASSKEY_GRAPHIC": "Passkey graphic",
}
COLOR_MODES = {"LIGHT": "Light mode", "DARK": "Dark mode", "DYNAMIC": "Browser-adaptive"}
ASSET_EXTENSIONS = ("ICO", "JPEG", "PNG", "SVG", "WEBP")
# The favicons take the format their category names; the other images are pictures a browser shows inline.
CATEGORY_EXTENSIONS = {"FAVICON_ICO": ("ICO",), "FAVICON_SVG": ("SVG",)}
IMAGE_EXTENSIONS = ("PNG", "JPEG", "SVG", "WEBP")
MAX_ASSET_BYTES = 1_000_000  # AssetType's Bytes: at most 1,000,000
MAX_ASSETS = 40  # a style's Assets: at most 40
MAX_REQUEST_BYTES = 2_000_000  # Create/UpdateManagedLoginBranding: a 2-megabyte request, settings and images
_RESOURCE_ID = re.compile(r"[\w\- ]{1,40}")  # AssetType's ResourceId
_SVG_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s/>]", re.S | re.I)
_SVG_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.I)
CONTENT_TYPES = {
    "ICO": "image/x-icon",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "SVG": "image/svg+xml",
    "WEBP": "image/webp",
}


def asset_key(asset: Any) -> tuple[str, str, str]:
    """What an update replaces an image by: its category, colour mode and resource ID."""
    return (str(asset["Category"]), str(asset["ColorMode"]), str(asset.get("ResourceId") or ""))


def image_extension(data: bytes) -> str | None:
    """The AssetType Extension of an image file, read from its first bytes, or None for another format."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x00\x00\x01\x00"):
        return "ICO"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if _SVG_ROOT.match(data.removeprefix(b"\xef\xbb\xbf")[:4096]):
        return "SVG"
    return None


def asset_problem(category: str, data: bytes, resource_id: str = "") -> str | None:
    """Why Amazon Cognito would refuse this file as the image of ``category`` (with ``resource_id``), or None."""
    label = ASSET_CATEGORIES.get(category, category)
    if resource_id and not _RESOURCE_ID.fullmatch(resource_id):
        return "a resource ID is 1 to 40 letters, digits, underscores, hyphens and spaces."

    allowed = CATEGORY_EXTENSIONS.get(category, IMAGE_EXTENSIONS)
    names = " or ".join(allowed)
    if not data:
        return "the file is empty."
    if len(data) > MAX_ASSET_BYTES:
        return f"{len(data) / 1_000_000:.1f} MB; an image may be at most 1 MB (1,000,000 bytes)."
    extension = image_extension(data)
    if extension is None:
        return f"not an image Amazon Cognito takes; the image for {label} must be {names}."
    if extension not in allowed:
        return f"a {extension} file; the image for {label} must be {names}."
    if extension == "SVG" and _SVG_ACTIVE.search(data):
        return "SVG files can't contain scripts, event handlers or foreign objects."
    return None


def assets_problem(assets: Any, settings: Any) -> str | None:
    """Why one Create/UpdateManagedLoginBranding request could not carry these images and settings, or None."""
    if len(assets) > MAX_ASSETS:
        return f"{len(assets)} images; a style holds at most {MAX_ASSETS}."
    size = sum((len(a["Bytes"]) + 2) // 3 * 4 for a in assets) + len(json.dumps(settings or {}))
    if size > MAX_REQUEST_BYTES:
        return (
            f"the images and settings come to {size / 1_000_000:.1f} MB in the request (Base64); Amazon Cognito "
            "takes at most 2 MB in one request. Use smaller images."
        )
    return None
