"""RFC 6238 TOTP as the local Cognito computes it: the RFC's own test vectors, and pyotp agreeing."""

from __future__ import annotations

import base64

import pyotp
import pytest

from console.emulator.user_pools import mfa

# RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; 8-digit values.
RFC_SECRET_SHA1 = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]
# RFC 4226 Appendix D: HOTP values for counters 0..9 with the same seed, 6 digits.
RFC_HOTP = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]


@pytest.mark.parametrize(("when", "expected"), RFC_VECTORS)
def test_rfc6238_sha1_vectors(when, expected):
    assert mfa.totp(RFC_SECRET_SHA1, when, digits=8) == expected


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC_HOTP)))
def test_rfc4226_hotp_vectors(counter, expected):
    assert mfa.hotp(b"12345678901234567890", counter) == expected


def test_sha256_and_sha512_vectors():
    seed256 = b"12345678901234567890123456789012"
    seed512 = b"1234567890123456789012345678901234567890123456789012345678901234"
    assert mfa.totp(base64.b32encode(seed256).decode(), 59, digits=8, digest="sha256") == "46119246"
    assert mfa.totp(base64.b32encode(seed512).decode(), 59, digits=8, digest="sha512") == "90693936"


def test_six_digit_codes_agree_with_pyotp():
    for _ in range(20):
        secret = mfa.new_secret()
        for when in (0, 29, 30, 1_700_000_000, 1_700_000_015.5, 4_000_000_000):
            assert mfa.totp(secret, when) == pyotp.TOTP(secret).at(when)


def test_new_secret_shape():
    secrets_ = {mfa.new_secret() for _ in range(50)}
    assert len(secrets_) == 50
    for s in secrets_:
        assert len(s) == 32
        assert set(s) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        assert len(base64.b32decode(s)) == 20


def test_verify_window_is_one_step_each_side():
    secret = mfa.new_secret()
    now = 1_700_000_010.0
    assert mfa.totp_verify(secret, pyotp.TOTP(secret).at(now), now)
    assert mfa.totp_verify(secret, pyotp.TOTP(secret).at(now - 30), now)
    assert mfa.totp_verify(secret, pyotp.TOTP(secret).at(now + 30), now)
    # Two steps away is refused (unless by chance the same digits: pick times whose codes differ).
    far = [pyotp.TOTP(secret).at(now + d) for d in (-60, 60)]
    near = {pyotp.TOTP(secret).at(now + d) for d in (-30, 0, 30)}
    for code in far:
        if code not in near:
            assert not mfa.totp_verify(secret, code, now)


def test_totp_match_returns_the_step():
    secret = mfa.new_secret()
    now = 1_700_000_010.0
    assert mfa.totp_match(secret, pyotp.TOTP(secret).at(now - 30), now) == int(now // 30) - 1


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 345", "١٢٣٤٥٦"])
def test_malformed_codes_are_refused(bad):
    assert not mfa.totp_verify(mfa.new_secret(), bad, 1_700_000_000)


def test_bad_secret_is_refused_not_raised():
    assert not mfa.totp_verify("not base32!", "123456", 1_700_000_000)
