"""Identity pool logins whose tokens only their provider can check (Facebook, Login with Amazon, Twitter),
against stand-ins on loopback (COGNITO_LOCAL_SOCIAL_BASE_URL), and SAML logins checked against an IAM SAML
provider's metadata, with the role the assertion names."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import boto3
import pytest
from botocore.exceptions import ClientError
from lxml import etree
from signxml import XMLSigner

from console.emulator.identity_pools.social import oauth1_authorization
from tests.conftest import make_client
from tests.integration.auth_support import claims, error
from tests.integration.identity_support import make_role
from tests.integration.saml_idp import IDP_ENTITY, IDP_KEY, OTHER_KEY, SAML, SAMLP, SigningKey, instant, metadata
from tests.localcognito import start

FACEBOOK_APP = "1234567890123"
AMAZON_APP = "amzn1.application.12312k3j234j13rjiwuenf"
TWITTER_CONSUMER = ("consumer-key", "consumer-secret")


class Providers:
    """Facebook's Graph API, Login with Amazon's API and Twitter's API, as far as Cognito calls them."""

    def __init__(self) -> None:
        # access token -> (user, app) for Facebook and Login with Amazon; token -> (secret, user) for Twitter
        self.facebook: dict[str, tuple[str, str]] = {}
        self.amazon: dict[str, tuple[str, str]] = {}
        self.twitter: dict[str, tuple[str, str]] = {}
        self.calls: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                outer.calls.append(url.path)
                found = outer.answer(url.path, query, self.headers.get("Authorization", ""))
                body = json.dumps(found if found is not None else {"error": "invalid_token"}).encode()
                self.send_response(200 if found is not None else 400)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, query: dict[str, str], authorization: str) -> dict[str, Any] | None:
        token = query.get("access_token", "")
        if path == "/facebook/me" and token in self.facebook:
            return {"id": self.facebook[token][0]}
        if path == "/facebook/app" and token in self.facebook:
            return {"id": self.facebook[token][1], "name": "My app"}
        if path == "/loginwithamazon/auth/o2/tokeninfo" and token in self.amazon:
            user, app = self.amazon[token]
            return {"user_id": user, "app_id": app, "aud": "amzn1.application-oa2-client.abc", "exp": 3597}
        if path == "/twitter/1.1/account/verify_credentials.json":
            return self.verify_twitter(authorization)
        return None

    def verify_twitter(self, authorization: str) -> dict[str, Any] | None:
        """The user of a request signed with a known token and the app's consumer secret, else None."""
        if not authorization.startswith("OAuth "):
            return None
        fields = {}
        for part in authorization[len("OAuth ") :].split(", "):
            name, _, value = part.partition("=")
            fields[unquote(name)] = unquote(value.strip('"'))
        known = self.twitter.get(fields.get("oauth_token", ""))
        if known is None or fields.get("oauth_consumer_key") != TWITTER_CONSUMER[0]:
            return None
        expected = oauth1_authorization(
            "GET",
            f"{self.base}/twitter/1.1/account/verify_credentials.json",
            consumer_key=TWITTER_CONSUMER[0],
            consumer_secret=TWITTER_CONSUMER[1],
            token=fields["oauth_token"],
            token_secret=known[0],
            nonce=fields.get("oauth_nonce", ""),
            timestamp=int(fields.get("oauth_timestamp", "0")),
        )
        return {"id_str": known[1], "screen_name": "someone"} if expected == authorization else None

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def providers() -> Iterator[Providers]:
    found = Providers()
    yield found
    found.stop()


@pytest.fixture(scope="module")
def server(providers: Providers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    found = start(
        Path(tmp_path_factory.mktemp("social")), "--ephemeral", env={"COGNITO_LOCAL_SOCIAL_BASE_URL": providers.base}
    )
    yield found
    assert found.stop() == 0


@pytest.fixture
def ci(server: Any) -> Any:
    return make_client(server.base_url, "cognito-identity")


def _pool(ci: Any, **settings: Any) -> str:
    pool_id: str = ci.create_identity_pool(
        IdentityPoolName=f"social{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=False, **settings
    )["IdentityPoolId"]
    return pool_id


def test_the_oauth1_signature_is_twitters_documented_one() -> None:
    # The example of Twitter's "Creating a signature" page.
    header = oauth1_authorization(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json",
        consumer_key="xvz1evFS4wEEPTGEFPHBog",
        consumer_secret="kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        token_secret="LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp=1318622958,
        params={"status": "Hello Ladies + Gentlemen, a signed OAuth request!", "include_entities": "true"},
    )
    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in header


def test_facebook(server: Any, ci: Any, providers: Providers) -> None:
    iam = make_client(server.base_url, "iam")
    pool_id = _pool(ci, AllowClassicFlow=True, SupportedLoginProviders={"graph.facebook.com": FACEBOOK_APP})
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": make_role(iam, pool_id)})
    providers.facebook["EAAB-good"] = ("10150000000001", FACEBOOK_APP)
    providers.facebook["EAAB-other-app"] = ("10150000000001", "999")
    logins = {"graph.facebook.com": "EAAB-good"}
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"]
    assert ci.get_id(IdentityPoolId=pool_id, Logins=logins)["IdentityId"] == identity_id
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == ["graph.facebook.com"]
    token = claims(ci.get_open_id_token(IdentityId=identity_id, Logins=logins)["Token"])
    assert token["amr"] == [
        "authenticated",
        "graph.facebook.com",
        f"graph.facebook.com:{FACEBOOK_APP}:10150000000001",
    ]
    issued = ci.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)["Credentials"]
    assert issued["AccessKeyId"].startswith("ASIA")
    # Attributes for access control: Facebook's default map tags the user's id and the app's.
    ci.set_principal_tag_attribute_map(
        IdentityPoolId=pool_id, IdentityProviderName="graph.facebook.com", UseDefaults=True
    )
    tagged = claims(ci.get_open_id_token(IdentityId=identity_id, Logins=logins)["Token"])
    assert tagged["https://aws.amazon.com/tags"] == {
        "principal_tags": {"username": ["10150000000001"], "client": [FACEBOOK_APP]}
    }
    for bad, reason in (
        ("EAAB-unknown", "Not a valid Facebook access token."),
        ("EAAB-other-app", "The Facebook access token was not issued to the app of this identity pool."),
    ):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={"graph.facebook.com": bad})
        assert error(exc) == ("NotAuthorizedException", f"Invalid login token. {reason}")
    # A pool that does not list Facebook refuses its logins before asking it.
    other = _pool(ci, SupportedLoginProviders={"www.amazon.com": AMAZON_APP})
    before = len(providers.calls)
    with pytest.raises(ClientError) as exc:
        ci.get_id(IdentityPoolId=other, Logins=logins)
    assert error(exc) == ("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
    assert len(providers.calls) == before


def test_login_with_amazon(ci: Any, providers: Providers) -> None:
    pool_id = _pool(ci, SupportedLoginProviders={"www.amazon.com": AMAZON_APP})
    providers.amazon["Atza|good"] = ("amzn1.account.AAAA", AMAZON_APP)
    providers.amazon["Atza|other"] = ("amzn1.account.AAAA", "amzn1.application.other")
    first = ci.get_id(IdentityPoolId=pool_id, Logins={"www.amazon.com": "Atza|good"})["IdentityId"]
    assert ci.describe_identity(IdentityId=first)["Logins"] == ["www.amazon.com"]
    for bad in ("Atza|other", "Atza|unknown"):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={"www.amazon.com": bad})
        assert error(exc)[0] == "NotAuthorizedException"
        assert error(exc)[1].startswith("Invalid login token.")


def test_twitter(ci: Any, providers: Providers) -> None:
    pool_id = _pool(ci, SupportedLoginProviders={"api.twitter.com": ";".join(TWITTER_CONSUMER)})
    providers.twitter["370773112-token"] = ("token-secret", "370773112")
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins={"api.twitter.com": "370773112-token;token-secret"})[
        "IdentityId"
    ]
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == ["api.twitter.com"]
    for bad in ("370773112-token;wrong-secret", "370773112-token", "unknown;token-secret"):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={"api.twitter.com": bad})
        assert error(exc)[0] == "NotAuthorizedException"


# -- SAML -----------------------------------------------------------------------------------------------

ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role"
AWS_SIGN_IN = "https://signin.aws.amazon.com/saml"


def saml_response(
    name_id: str,
    roles: list[str],
    *,
    key: SigningKey = IDP_KEY,
    audience: str = "urn:amazon:webservices",
    lifetime: dt.timedelta = dt.timedelta(minutes=5),
    groups: str = "staff",
) -> str:
    """A SAML Response for AWS's sign-in, its assertion signed with ``key``, base64 as the IdP posts it."""
    now = dt.datetime.now(dt.UTC)
    assertion_id = f"_{uuid.uuid4().hex}"
    role_values = "".join(f"<saml:AttributeValue>{r}</saml:AttributeValue>" for r in roles)
    document = (
        f'<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="_{uuid.uuid4().hex}" Version="2.0"'
        f' IssueInstant="{instant(now)}" Destination="{AWS_SIGN_IN}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        f'<saml:Assertion ID="{assertion_id}" Version="2.0" IssueInstant="{instant(now)}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        f"<saml:Subject><saml:NameID>{name_id}</saml:NameID>"
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData Recipient="{AWS_SIGN_IN}" NotOnOrAfter="{instant(now + lifetime)}"/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{instant(now - dt.timedelta(minutes=1))}"'
        f' NotOnOrAfter="{instant(now + lifetime)}">'
        f"<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>"
        "</saml:Conditions>"
        f'<saml:AttributeStatement><saml:Attribute Name="{ROLE_ATTRIBUTE}">{role_values}</saml:Attribute>'
        f'<saml:Attribute Name="groups"><saml:AttributeValue>{groups}</saml:AttributeValue></saml:Attribute>'
        "</saml:AttributeStatement></saml:Assertion></samlp:Response>"
    )
    root = etree.fromstring(document.encode())
    assertion = root.find(f"{{{SAML}}}Assertion")
    signer = XMLSigner(c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
    root.replace(assertion, signer.sign(assertion, key=key.key_pem, cert=key.cert_pem, reference_uri=assertion_id))
    return base64.b64encode(etree.tostring(root)).decode()


@pytest.fixture
def saml_pool(server: Any, ci: Any) -> dict[str, Any]:
    iam = make_client(server.base_url, "iam")
    provider = iam.create_saml_provider(Name=f"corp-{uuid.uuid4().hex[:8]}", SAMLMetadataDocument=metadata(IDP_KEY))[
        "SAMLProviderArn"
    ]
    pool_id = _pool(ci, SamlProviderARNs=[provider], AllowClassicFlow=True)
    admin, reader, default = (make_role(iam, pool_id) for _ in range(3))
    ci.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": default})
    return {"pool_id": pool_id, "provider": provider, "admin": admin, "reader": reader, "default": default}


def _role_of(server: Any, credentials: dict[str, Any]) -> str:
    sts = boto3.client(
        "sts",
        endpoint_url=server.base_url,
        region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretKey"],
        aws_session_token=credentials["SessionToken"],
    )
    arn: str = sts.get_caller_identity()["Arn"]
    return arn.split(":assumed-role/", 1)[1].split("/", 1)[0]


def test_saml_gives_the_role_the_assertion_names(server: Any, ci: Any, saml_pool: dict[str, Any]) -> None:
    provider, pool_id = saml_pool["provider"], saml_pool["pool_id"]
    one = saml_response("alice@corp.example", [f"{saml_pool['admin']},{provider}"])
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins={provider: one})["IdentityId"]
    assert ci.describe_identity(IdentityId=identity_id)["Logins"] == [provider]
    issued = ci.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: one})["Credentials"]
    assert _role_of(server, issued) == saml_pool["admin"].rsplit("/", 1)[1]

    # Two roles: CustomRoleArn chooses one of them (the provider ARN may come first too).
    two = saml_response("alice@corp.example", [f"{saml_pool['admin']},{provider}", f"{provider},{saml_pool['reader']}"])
    chosen = ci.get_credentials_for_identity(
        IdentityId=identity_id, Logins={provider: two}, CustomRoleArn=saml_pool["reader"]
    )["Credentials"]
    assert _role_of(server, chosen) == saml_pool["reader"].rsplit("/", 1)[1]
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: two})
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(
            IdentityId=identity_id, Logins={provider: two}, CustomRoleArn=saml_pool["default"]
        )
    assert error(exc)[0] == "NotAuthorizedException"

    # SAML logins take the enhanced flow only.
    with pytest.raises(ClientError) as exc:
        ci.get_open_id_token(IdentityId=identity_id, Logins={provider: one})
    assert error(exc) == ("InvalidParameterException", "SAML logins are supported in the enhanced flow only.")

    # No Role attribute for this provider: the pool's authenticated role.
    none = saml_response("alice@corp.example", [])
    fallback = ci.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: none})["Credentials"]
    assert _role_of(server, fallback) == saml_pool["default"].rsplit("/", 1)[1]


def test_saml_role_mapping_rules_read_the_assertions_attributes(
    server: Any, ci: Any, saml_pool: dict[str, Any]
) -> None:
    provider, pool_id = saml_pool["provider"], saml_pool["pool_id"]
    ci.set_identity_pool_roles(
        IdentityPoolId=pool_id,
        Roles={"authenticated": saml_pool["default"]},
        RoleMappings={
            provider: {
                "Type": "Rules",
                "AmbiguousRoleResolution": "Deny",
                "RulesConfiguration": {
                    "Rules": [
                        {"Claim": "groups", "MatchType": "Equals", "Value": "admins", "RoleARN": saml_pool["admin"]}
                    ]
                },
            }
        },
    )
    admin = saml_response("root@corp.example", [], groups="admins")
    identity_id = ci.get_id(IdentityPoolId=pool_id, Logins={provider: admin})["IdentityId"]
    issued = ci.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: admin})["Credentials"]
    assert _role_of(server, issued) == saml_pool["admin"].rsplit("/", 1)[1]
    staff = saml_response("bob@corp.example", [], groups="staff")
    bob = ci.get_id(IdentityPoolId=pool_id, Logins={provider: staff})["IdentityId"]
    with pytest.raises(ClientError) as exc:
        ci.get_credentials_for_identity(IdentityId=bob, Logins={provider: staff})
    assert error(exc)[0] == "NotAuthorizedException"


def test_forged_or_stale_saml_responses_are_refused(ci: Any, saml_pool: dict[str, Any]) -> None:
    provider, pool_id = saml_pool["provider"], saml_pool["pool_id"]
    role = [f"{saml_pool['admin']},{provider}"]
    for bad in (
        saml_response("eve@corp.example", role, key=OTHER_KEY),  # signed by a key not in the metadata
        saml_response("eve@corp.example", role, audience="urn:amazon:cognito:sp:us-east-1_x"),
        saml_response("eve@corp.example", role, lifetime=dt.timedelta(minutes=-5)),
        base64.b64encode(b"<not-saml/>").decode(),
        "%%% not base64 %%%",
    ):
        with pytest.raises(ClientError) as exc:
            ci.get_id(IdentityPoolId=pool_id, Logins={provider: bad})
        code, message = error(exc)
        assert code == "NotAuthorizedException"
        assert message.startswith("Invalid login token. Invalid SAML response")
    # An ARN the pool does not name is no provider of it.
    with pytest.raises(ClientError) as exc:
        ci.get_id(
            IdentityPoolId=pool_id,
            Logins={"arn:aws:iam::000000000000:saml-provider/other": saml_response("eve@corp.example", role)},
        )
    assert error(exc) == ("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
