"""``GET /{domain}/managed-login/assets``: the images of an app client's managed login style, for its pages.

The pages carry a style's small images in themselves (``data:`` URLs, ``pages.INLINE_ASSET_LIMIT``) and
name each larger one by the app client, its asset category, colour mode and resource ID, and a fingerprint
of its bytes (``pages.asset_url``), so a browser keeps the image until the style changes it
(``Cache-Control: immutable``) and a page stays small whatever its images weigh. An image is served with
its own media type, ``nosniff``, and a Content-Security-Policy that lets an SVG opened on its own
run nothing (CreateManagedLoginBranding already refuses SVG files with scripts).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from console.emulator.core.registry import http_route
from console.emulator.user_pools import managed_login

from . import pages

_MAX_PARAM = 256


def _not_found() -> Response:
    response = Response("Not found", status_code=404, media_type="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@http_route("/managed-login/assets", ("GET",))
@http_route("/{domain}/managed-login/assets", ("GET",))
async def asset(request: Request) -> Response:
    ctx = pages.context(request)
    site = pages.site(ctx, request)
    params = request.query_params
    if site is None or not site.managed_login or any(len(v) > _MAX_PARAM for v in params.values()):
        return _not_found()
    client_id = params.get("client_id", "")
    branding = managed_login.branding_for(ctx, site.pool_id, client_id) if client_id else None
    if branding is None:
        return _not_found()
    wanted = (params.get("category"), params.get("mode"), params.get("resource") or "")
    found = next(
        (
            a
            for a in branding.get("Assets") or []
            if (a.get("Category"), a.get("ColorMode"), a.get("ResourceId") or "") == wanted
        ),
        None,
    )
    if found is None:
        return _not_found()
    data = bytes(found["Bytes"])
    current = params.get("v") == pages.asset_version(data)
    response = Response(data, media_type=str(found["ContentType"]))
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if current else "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
