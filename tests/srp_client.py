"""A fast client side of Cognito's SRP (gmpy2), for benchmarks: pycognito's pure-Python arithmetic costs
tens of milliseconds per sign-in on the client, which would swamp the server's own figure.

It follows the published algorithm (amazon-cognito-identity-js AuthenticationHelper) independently of the
server's code; tests cross-check it against pycognito.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

import gmpy2

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = gmpy2.mpz(N_HEX, 16)
G = gmpy2.mpz(2)
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _pad(value: int | gmpy2.mpz | str) -> str:
    h = value if isinstance(value, str) else format(int(value), "x")
    if len(h) % 2:
        return "0" + h
    return "00" + h if h[0] in "89abcdef" else h


def _h(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = gmpy2.mpz(_h("00" + N_HEX + "02"), 16)


def timestamp(now: dt.datetime | None = None) -> str:
    t = now or dt.datetime.now(dt.UTC)
    return f"{_WEEKDAYS[t.weekday()]} {_MONTHS[t.month - 1]} {t.day} {t:%H:%M:%S} UTC {t.year}"


class SrpClient:
    def __init__(self, pool_id: str, username: str, password: str) -> None:
        self.pool_suffix = pool_id.split("_", 1)[1]
        self.username = username
        self.password = password
        self.a = gmpy2.mpz(secrets.randbits(1024)) % N
        self.A = gmpy2.powmod(G, self.a, N)

    def srp_a(self) -> str:
        return format(int(self.A), "x")

    def answer(self, params: dict[str, str], ts: str | None = None) -> dict[str, str]:
        """ChallengeResponses for a PASSWORD_VERIFIER challenge."""
        user_id = params["USER_ID_FOR_SRP"]
        B = gmpy2.mpz(params["SRP_B"], 16)
        salt = params["SALT"]
        u = gmpy2.mpz(_h(_pad(self.A) + _pad(B)), 16)
        inner = hashlib.sha256(f"{self.pool_suffix}{user_id}:{self.password}".encode()).hexdigest()
        x = gmpy2.mpz(_h(_pad(salt) + inner), 16)
        S = gmpy2.powmod((B - K * gmpy2.powmod(G, x, N)) % N, self.a + u * x, N)
        prk = hmac.new(bytes.fromhex(_pad(u)), bytes.fromhex(_pad(S)), hashlib.sha256).digest()
        key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
        ts = ts or timestamp()
        msg = self.pool_suffix.encode() + user_id.encode() + base64.b64decode(params["SECRET_BLOCK"]) + ts.encode()
        signature = base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()
        return {
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
            "PASSWORD_CLAIM_SIGNATURE": signature,
            "TIMESTAMP": ts,
        }
