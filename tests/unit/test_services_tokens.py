"""JWT decoding and RS256 verification against a JWKS."""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from console.services import tokens


def b64(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwks_for(key: rsa.RSAPrivateKey, kid: str = "k1") -> dict:
    pub = key.public_key().public_numbers()
    return {"keys": [{"kid": kid, "kty": "RSA", "alg": "RS256", "use": "sig", "n": b64(pub.n), "e": b64(pub.e)}]}


def make(key: rsa.RSAPrivateKey, **claims: object) -> str:
    body = {"sub": "abc", "token_use": "id", "iss": "http://x/us-east-1_AAA", "exp": int(time.time()) + 600}
    body.update(claims)
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def test_decode_header_and_claims(key: rsa.RSAPrivateKey) -> None:
    decoded = tokens.decode("Bearer " + make(key, email="a@example.com"))
    assert decoded.header["kid"] == "k1"
    assert decoded.claims["email"] == "a@example.com"
    assert decoded.kind == "id"


def test_valid_signature(key: rsa.RSAPrivateKey) -> None:
    result = tokens.verify(tokens.decode(make(key)), jwks_for(key), issuer="http://x/us-east-1_AAA")
    assert result.valid, result.reason


def test_tampered_claims_fail(key: rsa.RSAPrivateKey) -> None:
    h, _, s = make(key).split(".")
    forged = base64.urlsafe_b64encode(json.dumps({"sub": "root"}).encode()).rstrip(b"=").decode()
    result = tokens.verify(tokens.decode(f"{h}.{forged}.{s}"), jwks_for(key))
    assert not result.valid
    assert "signature" in result.reason.lower()


def test_other_key_and_unknown_kid_fail(key: rsa.RSAPrivateKey) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert not tokens.verify(tokens.decode(make(key)), jwks_for(other)).valid
    assert "kid" in tokens.verify(tokens.decode(make(key)), jwks_for(key, "zz")).reason


def test_expired_and_wrong_issuer(key: rsa.RSAPrivateKey) -> None:
    result = tokens.verify(tokens.decode(make(key, exp=1)), jwks_for(key), issuer="http://elsewhere/p_1")
    assert not result.valid
    assert len(result.problems) == 2


@pytest.mark.parametrize("text", ["", "abc", "a.b", "!!.??.**", "a.b.c.d.e"])
def test_garbage_is_a_token_error(text: str) -> None:
    with pytest.raises(tokens.TokenError):
        tokens.decode(text)


def test_pool_id_from_issuer() -> None:
    assert tokens.pool_id_from_issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC") == "us-east-1_AbC"
    assert tokens.pool_id_from_issuer("http://127.0.0.1:9229/") is None
