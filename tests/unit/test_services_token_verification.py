"""Verifying a token against the chosen user pool of the connection: the keys and the issuer come from the
connection, never from the token. A forged token whose issuer points at a JWKS server of the forger's (here
on loopback, where it would make the token look valid) is reported as issued elsewhere, and that server is
never asked. Against a real local Cognito, and an AWS connection that needs no network for it."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections.abc import Coroutine, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from console.services import errors, tokens
from console.services.boto import BotoCognito, fetch_json
from console.services.protocol import Connection, ConnectionKind
from tests.conftest import make_client, unique

T = TypeVar("T")
PASSWORD = "Aa1!verify-me"


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def b64(n: int) -> str:
    return base64.urlsafe_b64encode(n.to_bytes((n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


class ForgerKeys:
    """The forger's JWKS server: any path answers its public key (as a JWKS) or a discovery document naming
    itself as the issuer; every request is counted."""

    def __init__(self, key: rsa.RSAPrivateKey, kid: str) -> None:
        pub = key.public_key().public_numbers()
        self.jwks = {
            "keys": [{"kid": kid, "kty": "RSA", "alg": "RS256", "use": "sig", "n": b64(pub.n), "e": b64(pub.e)}]
        }
        self.requests: list[str] = []
        forger = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                forger.requests.append(self.path)
                pool = self.path.strip("/").split("/", 1)[0]
                doc = forger.jwks if self.path.endswith("jwks.json") else {"issuer": f"{forger.base_url}/{pool}"}
                body = json.dumps(doc).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def forger_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def service(cognito: Any) -> BotoCognito:
    return BotoCognito(Connection("Local Cognito", ConnectionKind.LOCAL, endpoint_url=cognito.base_url))


@pytest.fixture
def signed_in(cognito: Any) -> Iterator[tuple[str, str]]:
    """A pool of the local Cognito and an ID token a user of it got by signing in."""
    idp = make_client(cognito.base_url)
    pool_id = idp.create_user_pool(PoolName=unique("verify-"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ada", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ada", Password=PASSWORD, Permanent=True)
    auth = idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    yield pool_id, auth["IdToken"]
    idp.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture
def forger(forger_key: rsa.RSAPrivateKey) -> Iterator[ForgerKeys]:
    server = ForgerKeys(forger_key, "forged-kid")
    yield server
    server.close()


def forge(key: rsa.RSAPrivateKey, kid: str, **claims: Any) -> tokens.DecodedToken:
    body = {"sub": "s", "token_use": "id", "cognito:username": "mallory", "exp": int(time.time()) + 600, **claims}
    return tokens.decode(jwt.encode(body, key, algorithm="RS256", headers={"kid": kid}))


def test_the_forgers_server_would_say_valid(forger: ForgerKeys, forger_key: rsa.RSAPrivateKey) -> None:
    """The premise: verified with the keys its issuer names, the forged token passes."""
    iss = f"{forger.base_url}/us-east-1_Forged1"
    token = forge(forger_key, "forged-kid", iss=iss)
    jwks = run(fetch_json(f"{iss}/.well-known/jwks.json"))
    assert tokens.verify(token, jwks, issuer=iss).valid


def test_a_token_of_another_issuer_is_not_verified_and_its_issuer_is_not_asked(
    service: BotoCognito, signed_in: tuple[str, str], forger: ForgerKeys, forger_key: rsa.RSAPrivateKey
) -> None:
    pool_id, _ = signed_in
    for iss in (
        f"{forger.base_url}/us-east-1_Forged1",
        f"{forger.base_url}/{pool_id}",  # the chosen pool's ID under the forger's host
        f"{forger.base_url}/x/..#_{pool_id}",
        "",
    ):
        claims = {"iss": iss} if iss else {}
        result = run(tokens.verify_for_pool(forge(forger_key, "forged-kid", **claims), service, pool_id))
        assert not result.valid and not result.verified, (iss, result)
        assert result.reason.startswith("Issued by another pool or issuer: not verified"), result.reason
        assert pool_id in result.reason
    assert forger.requests == []


def test_a_forged_token_naming_the_chosen_pool_fails_its_signature(
    service: BotoCognito, signed_in: tuple[str, str], forger_key: rsa.RSAPrivateKey
) -> None:
    """Forging the issuer right does not help: the keys are the pool's, from the connection."""
    pool_id, real = signed_in
    decoded = tokens.decode(real)
    real_kid = str(decoded.header["kid"])
    forged = forge(forger_key, real_kid, iss=decoded.claims["iss"])
    result = run(tokens.verify_for_pool(forged, service, pool_id))
    assert result.verified and not result.valid
    assert result.reason == "The signature does not match the pool's key."
    other_kid = forge(forger_key, "forged-kid", iss=decoded.claims["iss"])
    assert "no key with kid" in run(tokens.verify_for_pool(other_kid, service, pool_id)).reason


def test_a_real_token_of_the_chosen_pool_is_valid(service: BotoCognito, signed_in: tuple[str, str]) -> None:
    pool_id, real = signed_in
    assert run(service.token_issuer(pool_id)) == tokens.decode(real).claims["iss"]
    result = run(tokens.verify_for_pool(tokens.decode(real), service, pool_id))
    assert result.valid and result.verified, result


def test_a_token_of_another_pool_on_the_same_connection_is_not_verified_with_the_chosen_one(
    service: BotoCognito, signed_in: tuple[str, str], cognito: Any
) -> None:
    pool_id, real = signed_in
    idp = make_client(cognito.base_url)
    other = idp.create_user_pool(PoolName=unique("other-"))["UserPool"]["Id"]
    try:
        result = run(tokens.verify_for_pool(tokens.decode(real), service, other))
        assert not result.verified and other in result.reason
        assert f"Should this connection have the user pool {pool_id}, choose it" in result.reason
    finally:
        idp.delete_user_pool(UserPoolId=other)


def test_on_aws_the_issuer_is_known_without_asking_anyone(forger: ForgerKeys, forger_key: rsa.RSAPrivateKey) -> None:
    aws = BotoCognito(Connection("work", ConnectionKind.PROFILE, "eu-west-1", profile="work"))
    pool_id = "eu-west-1_AbCdEfGhI"
    assert run(aws.token_issuer(pool_id)) == f"https://cognito-idp.eu-west-1.amazonaws.com/{pool_id}"
    forged = forge(forger_key, "forged-kid", iss=f"{forger.base_url}/{pool_id}")
    result = run(tokens.verify_for_pool(forged, aws, pool_id))
    assert not result.verified and forger.requests == []


@pytest.mark.parametrize(
    "pool_id", ["evil.example#_x", "x@127.0.0.1:9#_a", "us-east-1_a/../b", "us-east-1_a?x", "us-east-1_", ""]
)
def test_addresses_are_made_only_from_pool_ids(pool_id: str) -> None:
    aws = BotoCognito(Connection("work", ConnectionKind.PROFILE, "eu-west-1", profile="work"))
    for call in (aws.jwks_url, aws.token_issuer):
        with pytest.raises(errors.InvalidInput):
            run(call(pool_id))
