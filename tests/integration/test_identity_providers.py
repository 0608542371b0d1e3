"""Identity providers through boto3: per-type ProviderDetails, OIDC discovery, SAML metadata, identifiers."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client
from tests.localcognito import start

GOOGLE = {"client_id": "gid", "client_secret": "gsecret", "authorize_scopes": "openid email"}
SAML_METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    """An OIDC issuer on loopback that serves a discovery document, as a real IdP would."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/.well-known/openid-configuration":
                body = json.dumps(
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_google_provider_filled_in(idp, pool):
    out = idp.create_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails=GOOGLE,
        AttributeMapping={"email": "email"},
    )["IdentityProvider"]
    details = out["ProviderDetails"]
    assert details["client_id"] == "gid"
    assert details["authorize_url"] == "https://accounts.google.com/o/oauth2/v2/auth"
    assert details["token_url"] == "https://www.googleapis.com/oauth2/v4/token"
    assert details["oidc_issuer"] == "https://accounts.google.com"
    assert out["AttributeMapping"] == {"email": "email", "username": "sub"}
    assert out["IdpIdentifiers"] == []
    assert "CreationDate" in out and "LastModifiedDate" in out
    described = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"]
    assert described == out
    # Federation adds the identities attribute to the pool's schema.
    names = [a["Name"] for a in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["SchemaAttributes"]]
    assert names[names.index("updated_at") + 1] == "identities"


def test_social_rules(idp, pool):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="MyGoogle", ProviderType="Google", ProviderDetails=GOOGLE
        )
    assert error(exc)[0] == "InvalidParameterException"
    # AWS (aws/aws-cli#3179): "Provider NameOfGP cannot be of type Google."
    assert error(exc)[1] == "Provider MyGoogle cannot be of type Google."
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="Google",
            ProviderType="Google",
            ProviderDetails={"client_id": "x", "authorize_scopes": "openid"},
        )
    assert error(exc)[0] == "InvalidParameterException"
    idp.create_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="SignInWithApple",
        ProviderType="SignInWithApple",
        ProviderDetails={
            "client_id": "com.example",
            "team_id": "TEAM",
            "key_id": "KEY",
            "private_key": "-----BEGIN PRIVATE KEY-----x",
            "authorize_scopes": "email name",
        },
    )
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="SignInWithApple",
            ProviderType="SignInWithApple",
            ProviderDetails={
                "client_id": "c",
                "team_id": "t",
                "key_id": "k",
                "private_key": "p",
                "authorize_scopes": "e",
            },
        )
    assert error(exc)[0] == "DuplicateProviderException"
    # AWS (CloudTrail, cloudformation-coverage-roadmap#1287): "<name> already exists in user pool <id>"
    assert error(exc)[1] == f"SignInWithApple already exists in user pool {pool['Id']}"


def test_oidc_discovery(idp, pool, issuer):
    out = idp.create_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="corp",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "cid",
            "client_secret": "cs",
            "attributes_request_method": "GET",
            "oidc_issuer": issuer,
            "authorize_scopes": "openid email",
        },
        IdpIdentifiers=["corp.example.com"],
    )["IdentityProvider"]
    details = out["ProviderDetails"]
    assert details["authorize_url"] == f"{issuer}/authorize"
    assert details["token_url"] == f"{issuer}/token"
    assert details["attributes_url"] == f"{issuer}/userinfo"
    assert details["jwks_uri"] == f"{issuer}/jwks"
    assert out["AttributeMapping"] == {"username": "sub"}
    found = idp.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="corp.example.com")
    assert found["IdentityProvider"]["ProviderName"] == "corp"


def test_oidc_explicit_endpoints_and_errors(idp, pool):
    details = {
        "client_id": "cid",
        "attributes_request_method": "POST",
        "oidc_issuer": "https://login.example.com",
        "authorize_scopes": "openid",
        "authorize_url": "https://login.example.com/auth",
        "token_url": "https://login.example.com/token",
        "attributes_url": "https://login.example.com/me",
        "jwks_uri": "https://login.example.com/keys",
    }
    out = idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="explicit", ProviderType="OIDC", ProviderDetails=details
    )["IdentityProvider"]
    assert out["ProviderDetails"]["jwks_uri"] == "https://login.example.com/keys"
    bad = {**details, "attributes_request_method": "PUT"}
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="bad", ProviderType="OIDC", ProviderDetails=bad
        )
    assert error(exc)[0] == "InvalidParameterException"
    missing = {k: v for k, v in details.items() if k != "oidc_issuer"}
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="bad", ProviderType="OIDC", ProviderDetails=missing
        )
    assert error(exc)[0] == "InvalidParameterException"
    unreachable = {k: v for k, v in details.items() if k != "jwks_uri"}
    unreachable["oidc_issuer"] = "http://127.0.0.1:9/none"
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="bad", ProviderType="OIDC", ProviderDetails=unreachable
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_saml_metadata_file(idp, pool):
    out = idp.create_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="corp-saml",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": SAML_METADATA, "IDPSignout": "true"},
        AttributeMapping={"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
    )["IdentityProvider"]
    assert out["ProviderDetails"]["SSORedirectBindingURI"] == "https://idp.example.com/sso"
    assert out["ProviderDetails"]["SLORedirectBindingURI"] == "https://idp.example.com/slo"
    assert "username" not in out["AttributeMapping"]


@pytest.mark.parametrize(
    "details",
    [{}, {"MetadataFile": "<not xml"}, {"MetadataFile": SAML_METADATA, "MetadataURL": "https://x.example.com/m"}],
)
def test_saml_errors(idp, pool, details):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="s", ProviderType="SAML", ProviderDetails=details
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_attribute_mapping_must_name_pool_attributes(idp, pool):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="Google",
            ProviderType="Google",
            ProviderDetails=GOOGLE,
            AttributeMapping={"custom:absent": "x"},
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_idp_identifiers_unique(idp, pool):
    idp.create_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="one",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": SAML_METADATA},
        IdpIdentifiers=["example.com"],
    )
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="two",
            ProviderType="SAML",
            ProviderDetails={"MetadataFile": SAML_METADATA},
            IdpIdentifiers=["example.com"],
        )
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.get_identity_provider_by_identifier(UserPoolId=pool["Id"], IdpIdentifier="absent.com")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_update_list_delete(idp, pool):
    idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE
    )
    idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="corp", ProviderType="SAML", ProviderDetails={"MetadataFile": SAML_METADATA}
    )
    updated = idp.update_identity_provider(
        UserPoolId=pool["Id"],
        ProviderName="Google",
        ProviderDetails={"client_secret": "rotated"},
        AttributeMapping={"email": "email"},
        IdpIdentifiers=["gmail.com"],
    )["IdentityProvider"]
    assert updated["ProviderDetails"]["client_secret"] == "rotated"
    assert updated["ProviderDetails"]["client_id"] == "gid"
    assert updated["AttributeMapping"] == {"email": "email", "username": "sub"}
    assert updated["IdpIdentifiers"] == ["gmail.com"]
    page = idp.list_identity_providers(UserPoolId=pool["Id"], MaxResults=1)
    assert [p["ProviderName"] for p in page["Providers"]] == ["Google"]
    assert set(page["Providers"][0]) == {"ProviderName", "ProviderType", "LastModifiedDate", "CreationDate"}
    rest = idp.list_identity_providers(UserPoolId=pool["Id"], MaxResults=5, NextToken=page["NextToken"])
    assert [p["ProviderName"] for p in rest["Providers"]] == ["corp"]
    idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")
    with pytest.raises(ClientError) as exc:
        idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")
    assert error(exc)[0] == "ResourceNotFoundException"


def test_client_can_use_created_provider(idp, pool):
    idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE
    )
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="c", SupportedIdentityProviders=["COGNITO", "Google"]
    )["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == ["COGNITO", "Google"]


def test_unknown_pool(idp):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId="us-east-1_nothere00", ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE
        )
    assert error(exc)[0] == "ResourceNotFoundException"


# -- what the server fetches: no private, link-local or (beyond loopback) loopback addresses -------------------


@contextlib.contextmanager
def http_server(host: str, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """A small HTTP server on ``host`` answering ``routes`` (path -> status, headers, body); its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = routes.get(self.path, (404, {}, b""))
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
    server = server_class((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{f'[{host}]' if family == socket.AF_INET6 else host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def private_address() -> str | None:
    """An address of this machine that is neither loopback nor global (a LAN, container or ULA address),
    where a test server can listen as an internal service would; None if it has none."""
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))  # UDP: no packet is sent; the kernel picks the source address
                address = ipaddress.ip_address(s.getsockname()[0])
        except OSError:
            continue
        if not address.is_loopback and not address.is_global and not address.is_link_local:
            return str(address)
    return None


@pytest.fixture(scope="module")
def internal() -> Iterator[str]:
    """A service on a private address of this machine, serving SAML metadata and a discovery document."""
    host = private_address()
    if host is None:
        pytest.skip("this machine has no private address to listen on")
    discovery = {
        "issuer": "https://idp.example.com",
        "authorization_endpoint": "https://idp.example.com/authorize",
        "token_endpoint": "https://idp.example.com/token",
        "userinfo_endpoint": "https://idp.example.com/userinfo",
        "jwks_uri": "https://idp.example.com/jwks",
    }
    as_json = {"Content-Type": "application/json"}
    routes = {
        "/metadata": (200, {"Content-Type": "application/xml"}, SAML_METADATA.encode()),
        "/.well-known/openid-configuration": (200, as_json, json.dumps(discovery).encode()),
    }
    with http_server(host, routes) as base:
        yield base


@pytest.fixture(scope="module")
def redirector(internal: str) -> Iterator[str]:
    """A server on loopback whose every answer redirects to the internal service."""
    routes = {
        "/metadata": (302, {"Location": f"{internal}/metadata"}, b""),
        "/.well-known/openid-configuration": (307, {"Location": f"{internal}/.well-known/openid-configuration"}, b""),
    }
    with http_server("127.0.0.1", routes) as base:
        yield base


SAML_UNREACHABLE = ("InvalidParameterException", "Could not retrieve the SAML metadata from MetadataURL.")
OIDC_UNREACHABLE = (
    "InvalidParameterException",
    "Unable to contact well-known endpoint for oidc_issuer; provide authorize_url, token_url, attributes_url and"
    " jwks_uri.",
)


def oidc_details(issuer: str) -> dict[str, str]:
    return {"client_id": "cid", "attributes_request_method": "GET", "oidc_issuer": issuer, "authorize_scopes": "openid"}


def test_saml_metadata_on_a_private_address_is_not_fetched(idp, pool, internal):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="inside",
            ProviderType="SAML",
            ProviderDetails={"MetadataURL": f"{internal}/metadata"},
        )
    assert error(exc) == SAML_UNREACHABLE


def test_a_redirect_to_a_private_address_is_not_followed(idp, pool, redirector):
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="bounced",
            ProviderType="SAML",
            ProviderDetails={"MetadataURL": f"{redirector}/metadata"},
        )
    assert error(exc) == SAML_UNREACHABLE
    with pytest.raises(ClientError) as exc:
        idp.create_identity_provider(
            UserPoolId=pool["Id"], ProviderName="bounced", ProviderType="OIDC", ProviderDetails=oidc_details(redirector)
        )
    assert error(exc) == OIDC_UNREACHABLE
    # The same refusal on update, whose fetch is the same.
    idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="saml", ProviderType="SAML", ProviderDetails={"MetadataFile": SAML_METADATA}
    )
    with pytest.raises(ClientError) as exc:
        idp.update_identity_provider(
            UserPoolId=pool["Id"], ProviderName="saml", ProviderDetails={"MetadataURL": f"{redirector}/metadata"}
        )
    assert error(exc) == SAML_UNREACHABLE


def test_a_redirect_on_loopback_is_followed(idp, pool):
    """A local identity provider (the main use of a local Cognito) may redirect within loopback."""
    with (
        http_server("127.0.0.1", {"/metadata": (200, {}, SAML_METADATA.encode())}) as target,
        http_server("127.0.0.1", {"/m": (301, {"Location": f"{target}/metadata"}, b"")}) as first,
    ):
        out = idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="local-saml",
            ProviderType="SAML",
            ProviderDetails={"MetadataURL": f"{first}/m"},
        )["IdentityProvider"]
    assert out["ProviderDetails"]["SSORedirectBindingURI"] == "https://idp.example.com/sso"


@pytest.mark.slow
def test_private_fetches_can_be_allowed(tmp_path: Path, internal: str) -> None:
    server = start(tmp_path, env={"COGNITO_LOCAL_ALLOW_PRIVATE_FETCH": "1"})
    try:
        idp = make_client(server.base_url)
        pool_id = idp.create_user_pool(PoolName="allowed")["UserPool"]["Id"]
        out = idp.create_identity_provider(
            UserPoolId=pool_id,
            ProviderName="inside",
            ProviderType="SAML",
            ProviderDetails={"MetadataURL": f"{internal}/metadata"},
        )["IdentityProvider"]
        assert out["ProviderDetails"]["SSORedirectBindingURI"] == "https://idp.example.com/sso"
    finally:
        assert server.stop() == 0


KEYS = {"COGNITO_LOCAL_ACCESS_KEY_ID": "AKIDLOCALTEST", "COGNITO_LOCAL_SECRET_ACCESS_KEY": "s3cr3t/local+key"}


@pytest.mark.slow
def test_beyond_loopback_loopback_is_not_fetched_either(tmp_path: Path, issuer: str) -> None:
    """A server others can reach (here 127.0.0.2, which it treats as public) fetches nothing on its own
    machine's loopback: that would reach services listening only there."""
    server = start(tmp_path, "--host", "127.0.0.2", env=KEYS)
    try:
        idp = boto3.client(
            "cognito-idp",
            endpoint_url=server.base_url,
            region_name="us-east-1",
            aws_access_key_id=KEYS["COGNITO_LOCAL_ACCESS_KEY_ID"],
            aws_secret_access_key=KEYS["COGNITO_LOCAL_SECRET_ACCESS_KEY"],
        )
        pool_id = idp.create_user_pool(PoolName="public")["UserPool"]["Id"]
        with pytest.raises(ClientError) as exc:
            idp.create_identity_provider(
                UserPoolId=pool_id, ProviderName="corp", ProviderType="OIDC", ProviderDetails=oidc_details(issuer)
            )
        assert error(exc) == OIDC_UNREACHABLE
    finally:
        assert server.stop() == 0
