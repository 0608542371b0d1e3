"""The hosted UI of a user pool's domain: the sign-in pages and the OAuth 2.0 / OpenID Connect endpoints.

A domain's endpoints answer at ``{base}/{domain}/<AWS path>``, where ``{domain}`` is the domain prefix or
the custom domain name (``/myapp/oauth2/authorize``, ``/myapp/login``). The package serves no botocore
operation.
"""

from .schema import MIGRATIONS

OPERATIONS: dict[str, dict[str, tuple[str, ...]]] = {}

# The plain HTTP endpoints (path, methods, module), served from the start and imported on their first request.
HTTP_ROUTES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("/{domain}/oauth2/authorize", ("GET",), "authorize"),
    ("/{domain}/oauth2/token", ("POST",), "token"),
    ("/{domain}/oauth2/userInfo", ("GET", "POST"), "userinfo"),
    ("/{domain}/oauth2/revoke", ("POST",), "revocation"),
    ("/{domain}/oauth2/register", ("POST",), "registration"),
    ("/{domain}/login", ("GET",), "login"),
    ("/{domain}/login", ("POST",), "login"),
    ("/{domain}/mfa", ("POST",), "login"),
    ("/{domain}/forceChangePassword", ("POST",), "login"),
    ("/{domain}/logout", ("GET",), "logout"),
    ("/{domain}/signup", ("GET",), "signup"),
    ("/{domain}/signup", ("POST",), "signup"),
    ("/{domain}/confirmUser", ("GET",), "signup"),
    ("/{domain}/confirmUser", ("POST",), "signup"),
    ("/{domain}/resendCode", ("POST",), "signup"),
    ("/{domain}/forgotPassword", ("GET",), "signup"),
    ("/{domain}/forgotPassword", ("POST",), "signup"),
    ("/{domain}/confirmForgotPassword", ("GET",), "signup"),
    ("/{domain}/confirmForgotPassword", ("POST",), "signup"),
    ("/{domain}/passkey", ("GET",), "passkeys"),
    ("/{domain}/passkey", ("POST",), "passkeys"),
    ("/{domain}/passkey/options", ("POST",), "passkeys"),
    ("/{domain}/passkey.js", ("GET",), "passkeys"),
    ("/{domain}/passkeys/add", ("GET",), "passkeys"),
    ("/{domain}/passkeys/add", ("POST",), "passkeys"),
    ("/{domain}/passkeys/add/options", ("POST",), "passkeys"),
    ("/{domain}/managed-login/assets", ("GET",), "assets"),
    ("/{domain}/oauth2/idpresponse", ("GET", "POST"), "federation.routes"),
    ("/{domain}/saml2/idpresponse", ("POST",), "federation.routes"),
    ("/{domain}/saml2/logout", ("GET", "POST"), "federation.single_logout"),
    # The same pages at the root of a domain's own host name (<prefix>.auth.<region>.amazoncognito.com, or a
    # custom domain listed in --allowed-hosts, pointed at this server): the Host header names the domain.
    ("/oauth2/authorize", ("GET",), "authorize"),
    ("/login", ("GET",), "login"),
    ("/login", ("POST",), "login"),
    ("/mfa", ("POST",), "login"),
    ("/forceChangePassword", ("POST",), "login"),
    ("/logout", ("GET",), "logout"),
    ("/saml2/logout", ("GET", "POST"), "federation.single_logout"),
    ("/oauth2/token", ("POST",), "token"),
    ("/oauth2/userInfo", ("GET", "POST"), "userinfo"),
    ("/oauth2/revoke", ("POST",), "revocation"),
    ("/oauth2/register", ("POST",), "registration"),
    ("/signup", ("GET",), "signup"),
    ("/signup", ("POST",), "signup"),
    ("/confirmUser", ("GET",), "signup"),
    ("/confirmUser", ("POST",), "signup"),
    ("/resendCode", ("POST",), "signup"),
    ("/forgotPassword", ("GET",), "signup"),
    ("/forgotPassword", ("POST",), "signup"),
    ("/confirmForgotPassword", ("GET",), "signup"),
    ("/confirmForgotPassword", ("POST",), "signup"),
    ("/passkey", ("GET",), "passkeys"),
    ("/passkey", ("POST",), "passkeys"),
    ("/passkey/options", ("POST",), "passkeys"),
    ("/passkey.js", ("GET",), "passkeys"),
    ("/passkeys/add", ("GET",), "passkeys"),
    ("/passkeys/add", ("POST",), "passkeys"),
    ("/passkeys/add/options", ("POST",), "passkeys"),
    ("/managed-login/assets", ("GET",), "assets"),
)

SEED_MODULES: tuple[str, ...] = ()

__all__ = ["HTTP_ROUTES", "MIGRATIONS", "OPERATIONS", "SEED_MODULES"]
