"""The server half of SRP against pycognito's client half: both sides must derive the same key."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from pycognito.aws_srp import AWSSRP, calculate_u, compute_hkdf, hex_to_long, long_to_hex

from console.emulator.user_pools import passwords
from console.emulator.user_pools.auth import srp
from console.emulator.user_pools.keys import PoolKeys

POOL_ID = "us-east-1_AbCdEfGhI"
USER = "alice"
PASSWORD = "Correct-horse-1"


def client(password: str = PASSWORD) -> AWSSRP:
    return AWSSRP(USER, password, POOL_ID, "clientid", client=object())


def exchange(password: str) -> tuple[bytes | None, bytes]:
    record = passwords.make_verifier("AbCdEfGhI", USER, PASSWORD)
    b_hex, big_b_hex = srp.server_ephemeral(record["verifier"])
    c = client(password)
    client_key = c.get_password_authentication_key(USER, password, hex_to_long(big_b_hex), record["salt"])
    server_key = srp.session_key(long_to_hex(c.large_a_value), b_hex, big_b_hex, record["verifier"])
    return server_key, client_key


def test_both_sides_derive_the_same_key() -> None:
    server_key, client_key = exchange(PASSWORD)
    assert server_key == client_key and len(client_key) == 16


def test_a_wrong_password_derives_another_key() -> None:
    server_key, client_key = exchange("Wrong-horse-1")
    assert server_key != client_key


def test_hkdf_matches_the_client_library() -> None:
    ikm, salt = b"\x01" * 384, b"\x02" * 32
    assert srp.hkdf(ikm, salt) == compute_hkdf(ikm, salt)


def test_u_matches_the_client_library() -> None:
    a, b = 0x8ABC, 0x1234
    ours = srp.hex_hash(passwords.pad_hex(a) + passwords.pad_hex(b))
    assert int(ours, 16) == calculate_u(a, b)


def test_signature_matches_process_challenge() -> None:
    record = passwords.make_verifier("AbCdEfGhI", USER, PASSWORD)
    b_hex, big_b_hex = srp.server_ephemeral(record["verifier"])
    block = base64.b64encode(b"opaque state").decode()
    c = client()
    params = {"USER_ID_FOR_SRP": USER, "SALT": record["salt"], "SRP_B": big_b_hex, "SECRET_BLOCK": block}
    answer = c.process_challenge(params, {"USERNAME": USER})
    key = srp.session_key(long_to_hex(c.large_a_value), b_hex, big_b_hex, record["verifier"])
    assert srp.check_signature(
        key, "AbCdEfGhI", USER, b"opaque state", answer["TIMESTAMP"], answer["PASSWORD_CLAIM_SIGNATURE"]
    )
    assert not srp.check_signature(
        key, "AbCdEfGhI", USER, b"opaque statf", answer["TIMESTAMP"], answer["PASSWORD_CLAIM_SIGNATURE"]
    )
    assert not srp.check_signature(key, "AbCdEfGhI", USER, b"opaque state", answer["TIMESTAMP"], "!!")


def test_a_zero_mod_n_is_refused() -> None:
    assert not srp.valid_a("0")
    assert not srp.valid_a(format(int(passwords.N) * 2, "x"))
    assert not srp.valid_a("xyz")
    assert srp.valid_a("02")
    b_hex, big_b_hex = srp.server_ephemeral("05")
    assert srp.session_key(format(int(passwords.N), "x"), b_hex, big_b_hex, "05") is None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Tue Nov 3 16:14:00 UTC 2026", True),
        ("Tue Nov 03 16:14:00 UTC 2026", False),  # the day is not zero-padded
        ("Wed Nov 3 16:14:00 UTC 2026", False),  # wrong weekday
        ("Tue Nov 3 16:14:00 GMT 2026", False),
        ("Tue Nov 3 24:14:00 UTC 2026", False),
        ("", False),
    ],
)
def test_timestamp_format(text: str, ok: bool) -> None:
    assert (srp.parse_timestamp(text) is not None) is ok


def test_timestamp_round_trip_and_client_format() -> None:
    when = dt.datetime(2026, 11, 3, 16, 14, 0, tzinfo=dt.UTC)
    text = AWSSRP.get_cognito_formatted_timestamp(when)
    assert text == "Tue Nov 3 16:14:00 UTC 2026"
    assert srp.parse_timestamp(text) == when.timestamp()
    assert srp.format_timestamp(when.timestamp()) == text
    assert srp.fresh_timestamp(text, when.timestamp() + 10)
    assert not srp.fresh_timestamp(text, when.timestamp() + 3600)


def pool_keys(secret: bytes) -> PoolKeys:
    """A pool's keys with only the symmetric secret a SECRET_BLOCK is sealed with."""
    return PoolKeys("us-east-1_pool00000", "id", None, "access", None, secret, "")  # type: ignore[arg-type]


def test_sealed_blocks_are_opaque_and_tamper_evident() -> None:
    keys = pool_keys(b"k" * 32)
    block = srp.seal(keys, {"b": "abc", "user": USER})
    assert "abc" not in base64.b64decode(block).decode("latin-1")
    state, raw = srp.unseal(keys, block) or ({}, b"")
    assert state == {"b": "abc", "user": USER} and raw == base64.b64decode(block)
    flipped = bytearray(raw)
    flipped[-1] ^= 1
    assert srp.unseal(keys, base64.b64encode(bytes(flipped)).decode()) is None
    assert srp.unseal(pool_keys(b"x" * 32), block) is None
    assert srp.unseal(keys, "not base64!") is None
    assert srp.unseal(keys, base64.b64encode(b"short").decode()) is None


def test_simulated_users_are_stable() -> None:
    secret = b"s" * 32
    assert srp.fake_salt(secret, "bob") == srp.fake_salt(secret, "bob") != srp.fake_salt(secret, "eve")
    uid = srp.fake_user_id(secret, "bob")
    assert len(uid) == 36 and uid.count("-") == 4


def test_session_key_in_turns_matches_session_key() -> None:
    """The loop-friendly session key (two exponentiations with a yield between) is the same key."""
    import asyncio
    import secrets as _secrets

    from console.emulator.user_pools import passwords
    from console.emulator.user_pools.auth import srp

    record = passwords.make_verifier("abc", "user", "Passw0rd!")
    b_hex, big_b_hex = srp.server_ephemeral(record["verifier"])
    a = format(int(passwords.pow_g(_secrets.randbits(256))), "x")
    direct = srp.session_key(a, b_hex, big_b_hex, record["verifier"])
    turns = asyncio.run(srp.compute(srp.session_key, a, b_hex, big_b_hex, record["verifier"]))
    assert direct is not None and turns == direct
