"""The fixed-base table for g agrees with plain modular exponentiation."""

from __future__ import annotations

import secrets

import gmpy2

from console.emulator.user_pools.passwords import G, N, pow_g


def test_pow_g_matches_powmod() -> None:
    exponents = [0, 1, 2, 255, 256, 2**255, 2**256 - 1, *(secrets.randbits(256) for _ in range(200))]
    for e in exponents:
        assert pow_g(e) == gmpy2.powmod(G, e, N), e


def test_pow_g_falls_back_for_long_exponents() -> None:
    e = secrets.randbits(1024) | (1 << 1023)
    assert pow_g(e) == gmpy2.powmod(G, e, N)
