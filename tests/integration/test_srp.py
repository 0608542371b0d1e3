"""USER_SRP_AUTH end to end with the clients our users run: pycognito and amazon-cognito-identity-js.

Also the protocol's defences: a wrong password, a replayed or tampered answer, a stale TIMESTAMP, and the
simulated challenge PreventUserExistenceErrors gives unknown users.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from tests.integration.auth_support import PASSWORD, claims, error, new_client, new_user, secret_hash

JS = Path(__file__).resolve().parents[1] / "js"


@pytest.fixture
def app(idp: Any, pool: dict[str, Any]) -> dict[str, Any]:
    return new_client(idp, pool["Id"])


def srp_client(idp: Any, pool_id: str, client_id: str, username: str, password: str = PASSWORD, **kw: Any) -> AWSSRP:
    return AWSSRP(username, password, pool_id, client_id, client=idp, **kw)


def answer(
    idp: Any, pool_id: str, client_id: str, username: str, password: str = PASSWORD
) -> tuple[AWSSRP, dict[str, Any]]:
    """Run step 1 and compute (not send) the PASSWORD_VERIFIER answer."""
    client = srp_client(idp, pool_id, client_id, username, password)
    params = client.get_auth_params()
    started = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    assert started["ChallengeName"] == "PASSWORD_VERIFIER"
    return client, client.process_challenge(started["ChallengeParameters"], params)


def respond(idp: Any, client_id: str, responses: dict[str, str]) -> Any:
    return idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses
    )


def test_pycognito_signs_in(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "alice")
    tokens = srp_client(idp, pool["Id"], app["ClientId"], "alice").authenticate_user()
    assert claims(tokens["AuthenticationResult"]["AccessToken"])["username"] == "alice"
    assert idp.get_user(AccessToken=tokens["AuthenticationResult"]["AccessToken"])["Username"] == "alice"


def test_challenge_parameters(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "bea")
    client = srp_client(idp, pool["Id"], app["ClientId"], "BEA")
    started = idp.initiate_auth(
        ClientId=app["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=client.get_auth_params()
    )
    params = started["ChallengeParameters"]
    assert set(params) == {"SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"}
    assert params["USER_ID_FOR_SRP"] == "bea" and params["USERNAME"] == "bea"
    int(params["SRP_B"], 16), int(params["SALT"], 16)
    base64.b64decode(params["SECRET_BLOCK"], validate=True)


def test_wrong_password(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "carl")
    with pytest.raises(ClientError) as exc:
        srp_client(idp, pool["Id"], app["ClientId"], "carl", "Wr0ng-Password!").authenticate_user()
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


def test_replayed_answer_is_refused(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "dora")
    _, responses = answer(idp, pool["Id"], app["ClientId"], "dora")
    assert "AuthenticationResult" in respond(idp, app["ClientId"], responses)
    with pytest.raises(ClientError) as exc:
        respond(idp, app["ClientId"], responses)
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


def test_wrong_answer_uses_up_the_secret_block(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "eli")
    _, right = answer(idp, pool["Id"], app["ClientId"], "eli")
    wrong = {**right, "PASSWORD_CLAIM_SIGNATURE": base64.b64encode(b"\0" * 32).decode()}
    with pytest.raises(ClientError):
        respond(idp, app["ClientId"], wrong)
    with pytest.raises(ClientError) as exc:
        respond(idp, app["ClientId"], right)
    assert error(exc)[0] == "NotAuthorizedException"


def test_srp_answer_refused_for_a_disabled_user_cannot_be_replayed(idp: Any, pool: dict[str, Any]) -> None:
    """A PASSWORD_VERIFIER answer is single-use even when it was refused for the user's state."""
    client = new_client(idp, pool["Id"])
    new_user(idp, pool["Id"], "replay-me")
    _, responses = answer(idp, pool["Id"], client["ClientId"], "replay-me")
    idp.admin_disable_user(UserPoolId=pool["Id"], Username="replay-me")
    with pytest.raises(ClientError) as exc:
        respond(idp, client["ClientId"], responses)
    assert error(exc) == ("NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="replay-me")
    with pytest.raises(ClientError) as exc:
        respond(idp, client["ClientId"], responses)
    assert error(exc)[0] == "NotAuthorizedException"


def test_tampered_block_stale_timestamp_and_other_client(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "fin")
    _, responses = answer(idp, pool["Id"], app["ClientId"], "fin")
    raw = bytearray(base64.b64decode(responses["PASSWORD_CLAIM_SECRET_BLOCK"]))
    raw[20] ^= 1
    tampered = {**responses, "PASSWORD_CLAIM_SECRET_BLOCK": base64.b64encode(bytes(raw)).decode()}
    stale_time = AWSSRP.get_cognito_formatted_timestamp(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    stale = {**responses, "TIMESTAMP": stale_time}
    malformed = {**responses, "TIMESTAMP": "yesterday"}
    other = new_client(idp, pool["Id"])
    for client_id, bad in (
        (app["ClientId"], tampered),
        (app["ClientId"], stale),
        (app["ClientId"], malformed),
        (other["ClientId"], responses),
    ):
        with pytest.raises(ClientError) as exc:
            respond(idp, client_id, bad)
        assert error(exc)[0] == "NotAuthorizedException"
    # The stale attempt burned the block: even the genuine answer is now refused.
    with pytest.raises(ClientError):
        respond(idp, app["ClientId"], responses)


def test_missing_parameters(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as exc:
        respond(idp, app["ClientId"], {"USERNAME": "x"})
    assert error(exc) == ("InvalidParameterException", "Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK")
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(
            ClientId=app["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters={"USERNAME": "x", "SRP_A": "0"}
        )
    assert error(exc)[0] == "InvalidParameterException"


def test_unknown_user_legacy_and_simulated(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    client = srp_client(idp, pool["Id"], app["ClientId"], "ghost")
    with pytest.raises(ClientError) as exc:
        idp.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=client.get_auth_params())
    assert error(exc) == ("UserNotFoundException", "User does not exist.")
    hidden = new_client(idp, pool["Id"], PreventUserExistenceErrors="ENABLED")
    first = idp.initiate_auth(
        ClientId=hidden["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=client.get_auth_params()
    )
    second = idp.initiate_auth(
        ClientId=hidden["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=client.get_auth_params()
    )
    assert first["ChallengeName"] == "PASSWORD_VERIFIER"
    assert first["ChallengeParameters"]["SALT"] == second["ChallengeParameters"]["SALT"]
    user_id = first["ChallengeParameters"]["USER_ID_FOR_SRP"]
    assert (
        user_id == second["ChallengeParameters"]["USER_ID_FOR_SRP"] and len(user_id) == 36 and user_id.count("-") == 4
    )
    responses = client.process_challenge(first["ChallengeParameters"], client.get_auth_params())
    with pytest.raises(ClientError) as exc:
        respond(idp, hidden["ClientId"], responses)
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")
    with pytest.raises(ClientError) as exc:
        srp_client(idp, pool["Id"], hidden["ClientId"], "ghost").authenticate_user()
    assert error(exc) == ("NotAuthorizedException", "Incorrect username or password.")


def test_srp_with_client_secret(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "gil")
    client = new_client(idp, pool["Id"], GenerateSecret=True)
    tokens = srp_client(
        idp, pool["Id"], client["ClientId"], "gil", client_secret=client["ClientSecret"]
    ).authenticate_user()
    assert "AccessToken" in tokens["AuthenticationResult"]
    with pytest.raises(ClientError) as exc:
        srp_client(idp, pool["Id"], client["ClientId"], "gil").authenticate_user()
    assert error(exc)[1] == f"Client {client['ClientId']} is configured with secret but SECRET_HASH was not received"
    assert secret_hash(client["ClientSecret"], "gil", client["ClientId"])


def test_srp_sign_in_with_an_email_username(idp: Any) -> None:
    pool = idp.create_user_pool(PoolName="email-username", UsernameAttributes=["email"])["UserPool"]
    try:
        client = new_client(idp, pool["Id"])
        new_user(idp, pool["Id"], "hana@example.com", attributes={"email_verified": "true"})
        srp = srp_client(idp, pool["Id"], client["ClientId"], "hana@example.com")
        started = idp.initiate_auth(
            ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params()
        )
        user_id = started["ChallengeParameters"]["USER_ID_FOR_SRP"]
        assert user_id != "hana@example.com" and len(user_id) == 36  # the real username is the sub
        tokens = srp.authenticate_user()
        assert claims(tokens["AuthenticationResult"]["IdToken"])["email"] == "hana@example.com"
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_srp_flow_must_be_enabled(idp: Any, pool: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "ivy")
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    with pytest.raises(ClientError) as exc:
        srp_client(idp, pool["Id"], client["ClientId"], "ivy").authenticate_user()
    assert error(exc) == ("InvalidParameterException", "USER_SRP_AUTH flow not enabled for this client")


def test_srp_wrong_password_counts_toward_lockout(idp: Any, pool: dict[str, Any], app: dict[str, Any]) -> None:
    new_user(idp, pool["Id"], "jo")
    for _ in range(5):
        with pytest.raises(ClientError):
            srp_client(idp, pool["Id"], app["ClientId"], "jo", "Wr0ng-Password!").authenticate_user()
    with pytest.raises(ClientError) as exc:
        srp_client(idp, pool["Id"], app["ClientId"], "jo").authenticate_user()
    assert error(exc) == ("NotAuthorizedException", "Password attempts exceeded")


def node(*args: str) -> dict[str, Any]:
    out = subprocess.run(["node", *args], cwd=JS, capture_output=True, text=True, timeout=120, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def js_ready() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (JS / "node_modules" / "amazon-cognito-identity-js").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=300, capture_output=True)


@pytest.mark.usefixtures("js_ready")
def test_amazon_cognito_identity_js_signs_in_and_refreshes(
    cognito: Any, idp: Any, pool: dict[str, Any], app: dict[str, Any]
) -> None:
    new_user(idp, pool["Id"], "kai", attributes={"email": "kai@example.com", "email_verified": "true"})
    result = node("srp_sign_in.js", cognito.base_url, pool["Id"], app["ClientId"], "kai", PASSWORD)
    assert result["ok"], result
    assert claims(result["idToken"])["email"] == "kai@example.com"
    assert idp.get_user(AccessToken=result["refreshedAccessToken"])["Username"] == "kai"
    wrong = node("srp_sign_in.js", cognito.base_url, pool["Id"], app["ClientId"], "kai", "Wr0ng-Password!")
    assert (wrong["ok"], wrong["code"], wrong["message"]) == (
        False,
        "NotAuthorizedException",
        "Incorrect username or password.",
    )
