"""Identity pool logins of providers elsewhere: an IAM OpenID Connect provider whose issuer is not a local
user pool, and Google, each checked against the keys the provider publishes (a stand-in provider on loopback)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import make_client
from tests.integration.auth_support import claims, error
from tests.integration.identity_support import make_role
from tests.localcognito import start


class Provider:
    """An OpenID Connect provider on loopback: discovery documents and keys under /idp and /google."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        keys = json.dumps({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]}).encode()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.endswith("/.well-known/openid-configuration"):
                    issuer = outer.base + self.path.removesuffix("/.well-known/openid-configuration")
                    body = json.dumps({"issuer": issuer, "jwks_uri": f"{issuer}/jwks"}).encode()
                elif self.path.endswith("/jwks"):
                    body = keys
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, issuer: str, audience: str, sub: str, **extra: Any) -> str:
        now = int(time.time())
        payload = {"iss": issuer, "aud": audience, "sub": sub, "iat": now, "exp": now + 600, **extra}
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": "k1"})

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    found = Provider()
    yield found
    found.stop()


@pytest.fixture(scope="module")
def server(provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local Cognito whose Google is the stand-in (COGNITO_LOCAL_SOCIAL_BASE_URL)."""
    found = start(
        Path(tmp_path_factory.mktemp("federated")), "--ephemeral", env={"COGNITO_LOCAL_SOCIAL_BASE_URL": provider.base}
    )
    yield found
    assert found.stop() == 0


def test_an_outside_oidc_provider(server: Any, provider: Provider) -> None:
    ci, iam = make_client(server.base_url, "cognito-identity"), make_client(server.base_url, "iam")
    issuer = f"{provider.base}/idp"
    arn = iam.create_open_id_connect_provider(Url=issuer, ClientIDList=["app-1"], ThumbprintList=["0" * 40])[
        "OpenIDConnectProviderArn"
    ]
    key = issuer.split("://", 1)[1]
    pool_id = ci.create_identity_pool(
        IdentityPoolName="outside", AllowUnauthenticatedIdentities=False, OpenIdConnectProviderARNs=[arn]
    )["IdentityPoolId"]
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": make_role(iam, pool_id)})
    token = provider.token(issuer, "app-1", "user-42")
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins={key: token})["IdentityId"]
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == [key]
    got = ci.get_credentials_for_identity(IdentityId=identity_id, Logins={key: token})
    assert got["Credentials"]["AccessKeyId"].startswith("ASIA")
    for bad in (
        provider.token(issuer, "app-2", "user-42"),  # a client the provider does not list
        provider.token(issuer, "app-1", "user-42", exp=int(time.time()) - 120),
        jwt.encode(
            {"iss": issuer, "aud": "app-1", "sub": "x", "exp": int(time.time()) + 60}, "k" * 32, algorithm="HS256"
        ),
    ):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={key: bad})
        assert error(exc) == ("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.")
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=pool_id, Logins={key: provider.token(f"{provider.base}/other", "app-1", "u")})
    assert error(exc) == ("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName")


def test_google(server: Any, provider: Provider) -> None:
    ci = make_client(server.base_url, "cognito-identity")
    pool_id = ci.create_identity_pool(
        IdentityPoolName="google",
        AllowUnauthenticatedIdentities=False,
        AllowClassicFlow=True,
        SupportedLoginProviders={"accounts.google.com": "web-client;ios-client"},
    )["IdentityPoolId"]
    sub = uuid.uuid4().hex
    token = provider.token(f"{provider.base}/google", "ios-client", sub)
    logins = {"accounts.google.com": token}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    openid = claims(ci.get_open_id_token(IdentityId=identity_id, Logins=logins)["Token"])
    assert openid["amr"] == ["authenticated", "accounts.google.com", f"accounts.google.com:ios-client:{sub}"]
    with pytest.raises(ClientError) as exc:
        ci.get_id(
            IdentityPoolId=pool_id,
            Logins={"accounts.google.com": provider.token(f"{provider.base}/google", "android", sub)},
        )
    assert error(exc)[0] == "NotAuthorizedException"
    # A Facebook access token the Graph API (here the stand-in, which knows none) refuses.
    facebook = ci.create_identity_pool(
        IdentityPoolName="facebook",
        AllowUnauthenticatedIdentities=False,
        SupportedLoginProviders={"graph.facebook.com": "123"},
    )["IdentityPoolId"]
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=facebook, Logins={"graph.facebook.com": "EAAB..."})
    assert error(exc)[0] == "NotAuthorizedException"


def test_sign_in_with_apple(server: Any, provider: Provider) -> None:
    ci = make_client(server.base_url, "cognito-identity")
    pool_id = ci.create_identity_pool(
        IdentityPoolName="apple",
        AllowUnauthenticatedIdentities=False,
        SupportedLoginProviders={"appleid.apple.com": "com.example.app"},
    )["IdentityPoolId"]
    issuer = f"{provider.base}/signinwithapple"
    sub = f"000123.{uuid.uuid4().hex}.0456"
    logins = {"appleid.apple.com": provider.token(issuer, "com.example.app", sub)}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == ["appleid.apple.com"]
    # Google's issuer is not Apple's, nor is another app's token good here.
    for bad in (
        provider.token(f"{provider.base}/google", "com.example.app", sub),
        provider.token(issuer, "other", sub),
    ):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={"appleid.apple.com": bad})
        assert error(exc) == ("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.")
