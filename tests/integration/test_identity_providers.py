"""Identity providers through boto3: per-type ProviderDetails, OIDC discovery, SAML metadata, identifiers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botocore.exceptions import ClientError

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
