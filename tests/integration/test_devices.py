"""Remembered devices over boto3: ConfirmDevice with verifiers made by pycognito, Get/List/Update/Forget and
the Admin variants, paging, and DEVICE_SRP_AUTH sign-in on a remembered device (pycognito's client)."""

from __future__ import annotations

import base64
import re
import warnings
from typing import Any

import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP, generate_hash_device

from tests.conftest import unique
from tests.integration.test_mfa import enrol
from tests.integration.test_self_service import FLOWS, make_user, sign_in
from tests.integration.test_signup import STRONG, attrs_of, error_of, new_client, new_pool

ALWAYS = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": False}
OPT_IN = {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": True}


class Signed:
    def __init__(self, result: dict[str, Any]) -> None:
        self.token = result["AccessToken"]
        self.device_key = result["NewDeviceMetadata"]["DeviceKey"]
        self.group_key = result["NewDeviceMetadata"]["DeviceGroupKey"]


def device_sign_in(idp: Any, pool: dict[str, Any], client: dict[str, Any], name: str) -> Signed:
    out = sign_in(idp, pool, client, name)
    return Signed(out["AuthenticationResult"])


def confirm(idp: Any, signed: Signed, name: str = "laptop") -> tuple[str, dict[str, Any]]:
    password, config = generate_hash_device(signed.group_key, signed.device_key)
    out = idp.confirm_device(
        AccessToken=signed.token, DeviceKey=signed.device_key, DeviceSecretVerifierConfig=config, DeviceName=name
    )
    return password, out


@pytest.fixture
def tracked(idp: Any) -> Any:
    pool = new_pool(idp, DeviceConfiguration=ALWAYS)
    flows = [*FLOWS, "ALLOW_USER_SRP_AUTH"]
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=flows)
    name = make_user(idp, pool)
    yield pool, client, name
    idp.delete_user_pool(UserPoolId=pool["Id"])


def test_new_device_metadata_and_confirm(idp, tracked):
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    assert re.fullmatch(r"us-east-1_[0-9a-f-]{36}", signed.device_key)
    assert signed.group_key
    _, out = confirm(idp, signed)
    assert out["UserConfirmationNecessary"] is False
    device = idp.get_device(AccessToken=signed.token, DeviceKey=signed.device_key)["Device"]
    assert device["DeviceKey"] == signed.device_key
    attrs = attrs_of(device["DeviceAttributes"])
    assert attrs["device_name"] == "laptop"
    assert attrs["device_status"] == "valid"
    assert attrs["dev:device_remembered_status"] == "remembered"
    assert attrs["last_ip_used"] == "127.0.0.1"
    assert {"DeviceCreateDate", "DeviceLastModifiedDate", "DeviceLastAuthenticatedDate"} <= set(device)
    # A second sign-in of the same user shares the device group.
    assert device_sign_in(idp, pool, client, name).group_key == signed.group_key


def test_confirm_device_errors(idp, tracked):
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    _, config = generate_hash_device(signed.group_key, signed.device_key)
    with pytest.raises(ClientError) as exc:
        idp.confirm_device(
            AccessToken=signed.token,
            DeviceKey="us-east-1_00000000-0000-0000-0000-000000000000",
            DeviceSecretVerifierConfig=config,
        )
    assert error_of(exc)[0] == "ResourceNotFoundException"
    confirm(idp, signed)
    with pytest.raises(ClientError) as exc:
        idp.confirm_device(AccessToken=signed.token, DeviceKey=signed.device_key, DeviceSecretVerifierConfig=config)
    assert error_of(exc)[0] == "DeviceKeyExistsException"
    other = device_sign_in(idp, pool, client, name)
    with pytest.raises(ClientError) as exc:
        idp.confirm_device(
            AccessToken=other.token,
            DeviceKey=other.device_key,
            DeviceSecretVerifierConfig={"PasswordVerifier": "not base64!", "Salt": "AAAA"},
        )
    assert error_of(exc)[0] == "InvalidParameterException"


def test_another_users_device_is_not_found(idp, tracked):
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    confirm(idp, signed)
    other = make_user(idp, pool)
    other_signed = device_sign_in(idp, pool, client, other)
    with pytest.raises(ClientError) as exc:
        idp.get_device(AccessToken=other_signed.token, DeviceKey=signed.device_key)
    assert error_of(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.admin_get_device(UserPoolId=pool["Id"], Username=other, DeviceKey=signed.device_key)
    assert error_of(exc)[0] == "ResourceNotFoundException"


def test_opt_in_pool_needs_the_user_to_remember(idp):
    pool = new_pool(idp, DeviceConfiguration=OPT_IN)
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=FLOWS)
    name = make_user(idp, pool)
    signed = device_sign_in(idp, pool, client, name)
    _, out = confirm(idp, signed)
    assert out["UserConfirmationNecessary"] is True
    status = attrs_of(
        idp.get_device(AccessToken=signed.token, DeviceKey=signed.device_key)["Device"]["DeviceAttributes"]
    )
    assert status["dev:device_remembered_status"] == "not_remembered"
    idp.update_device_status(AccessToken=signed.token, DeviceKey=signed.device_key, DeviceRememberedStatus="remembered")
    device = idp.admin_get_device(UserPoolId=pool["Id"], Username=name, DeviceKey=signed.device_key)["Device"]
    assert attrs_of(device["DeviceAttributes"])["dev:device_remembered_status"] == "remembered"
    idp.admin_update_device_status(
        UserPoolId=pool["Id"], Username=name, DeviceKey=signed.device_key, DeviceRememberedStatus="not_remembered"
    )
    device = idp.get_device(AccessToken=signed.token, DeviceKey=signed.device_key)["Device"]
    assert attrs_of(device["DeviceAttributes"])["dev:device_remembered_status"] == "not_remembered"


def test_list_devices_pages(idp, tracked):
    pool, client, name = tracked
    keys = []
    token = ""
    for i in range(5):
        signed = device_sign_in(idp, pool, client, name)
        confirm(idp, signed, f"device-{i}")
        keys.append(signed.device_key)
        token = signed.token
    # An unconfirmed device is not listed.
    device_sign_in(idp, pool, client, name)
    seen: list[str] = []
    page = idp.list_devices(AccessToken=token, Limit=2)
    while True:
        assert len(page["Devices"]) <= 2
        seen += [d["DeviceKey"] for d in page["Devices"]]
        if "PaginationToken" not in page:
            break
        page = idp.list_devices(AccessToken=token, Limit=2, PaginationToken=page["PaginationToken"])
    assert seen == keys
    admin_seen: list[str] = []
    page = idp.admin_list_devices(UserPoolId=pool["Id"], Username=name, Limit=3)
    admin_seen += [d["DeviceKey"] for d in page["Devices"]]
    page = idp.admin_list_devices(
        UserPoolId=pool["Id"], Username=name, Limit=3, PaginationToken=page["PaginationToken"]
    )
    admin_seen += [d["DeviceKey"] for d in page["Devices"]]
    assert admin_seen == keys and "PaginationToken" not in page
    with pytest.raises(ClientError) as exc:
        idp.list_devices(AccessToken=token, PaginationToken="!!!not-a-token")
    assert error_of(exc)[0] == "InvalidParameterException"


def test_forget_device(idp, tracked):
    pool, client, name = tracked
    first = device_sign_in(idp, pool, client, name)
    confirm(idp, first)
    second = device_sign_in(idp, pool, client, name)
    confirm(idp, second)
    idp.forget_device(AccessToken=first.token, DeviceKey=first.device_key)
    with pytest.raises(ClientError) as exc:
        idp.get_device(AccessToken=first.token, DeviceKey=first.device_key)
    assert error_of(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.forget_device(AccessToken=first.token, DeviceKey=first.device_key)
    assert error_of(exc)[0] == "ResourceNotFoundException"
    idp.admin_forget_device(UserPoolId=pool["Id"], Username=name, DeviceKey=second.device_key)
    assert idp.admin_list_devices(UserPoolId=pool["Id"], Username=name)["Devices"] == []


def test_admin_device_operations_need_a_user(idp, tracked):
    pool, _, _ = tracked
    ghost = unique("ghost")
    key = "us-east-1_00000000-0000-0000-0000-000000000000"
    for call in (
        lambda: idp.admin_get_device(UserPoolId=pool["Id"], Username=ghost, DeviceKey=key),
        lambda: idp.admin_list_devices(UserPoolId=pool["Id"], Username=ghost),
        lambda: idp.admin_forget_device(UserPoolId=pool["Id"], Username=ghost, DeviceKey=key),
        lambda: idp.admin_update_device_status(
            UserPoolId=pool["Id"], Username=ghost, DeviceKey=key, DeviceRememberedStatus="remembered"
        ),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert error_of(exc)[0] == "UserNotFoundException"


def test_deleting_the_user_forgets_its_devices(idp, tracked):
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    confirm(idp, signed)
    idp.admin_delete_user(UserPoolId=pool["Id"], Username=name)
    make_user(idp, pool, name)
    assert idp.admin_list_devices(UserPoolId=pool["Id"], Username=name)["Devices"] == []


def srp_for(idp: Any, pool: dict[str, Any], client: dict[str, Any], name: str, signed: Signed, password: str) -> Any:
    return AWSSRP(
        username=name,
        password=STRONG,
        pool_id=pool["Id"],
        client_id=client["ClientId"],
        client=idp,
        device_key=signed.device_key,
        device_group_key=signed.group_key,
        device_password=password,
    )


def test_device_srp_sign_in_on_a_remembered_device(idp, tracked):
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    device_password, _ = confirm(idp, signed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        out = srp_for(idp, pool, client, name, signed, device_password).authenticate_user()
        assert "AccessToken" in out["AuthenticationResult"]
        assert "NewDeviceMetadata" not in out["AuthenticationResult"]
        device = idp.admin_get_device(UserPoolId=pool["Id"], Username=name, DeviceKey=signed.device_key)["Device"]
        assert "DeviceLastAuthenticatedDate" in device
        # A wrong device password fails the device proof.
        with pytest.raises(ClientError) as exc:
            srp_for(idp, pool, client, name, signed, device_password + "x").authenticate_user()
        assert error_of(exc)[0] == "NotAuthorizedException"
        # A forgotten device is no longer offered DEVICE_SRP_AUTH: sign-in issues a new device instead.
        idp.forget_device(AccessToken=signed.token, DeviceKey=signed.device_key)
        out = srp_for(idp, pool, client, name, signed, device_password).authenticate_user()
        assert out["AuthenticationResult"]["NewDeviceMetadata"]["DeviceKey"] != signed.device_key


def test_degenerate_device_verifier_is_refused(idp, tracked):
    """A verifier of 0 or 1 would make the device-SRP secret predictable: ConfirmDevice refuses it."""
    pool, client, name = tracked
    signed = device_sign_in(idp, pool, client, name)
    for verifier in (b"\x00", b"\x01"):
        with pytest.raises(ClientError) as exc:
            idp.confirm_device(
                AccessToken=signed.token,
                DeviceKey=signed.device_key,
                DeviceSecretVerifierConfig={
                    "PasswordVerifier": base64.b64encode(verifier).decode(),
                    "Salt": base64.b64encode(b"salt").decode(),
                },
            )
        assert error_of(exc)[0] == "InvalidParameterException"
    # The device is still unconfirmed: a proper verifier is accepted afterwards.
    confirm(idp, signed)


def test_device_srp_with_a_not_remembered_device_does_not_skip_mfa(idp: Any) -> None:
    """DEVICE_SRP_AUTH offered for a remembered device, answered with another device of the user that is
    not remembered: MFA may only be skipped on remembered devices."""
    pool = new_pool(idp, DeviceConfiguration=ALWAYS)
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=[*FLOWS, "ALLOW_USER_SRP_AUTH"])
    name = make_user(idp, pool)
    home = device_sign_in(idp, pool, client, name)
    confirm(idp, home, "home")
    shared = device_sign_in(idp, pool, client, name)
    shared_password, _ = confirm(idp, shared, "shared")
    idp.update_device_status(
        AccessToken=shared.token, DeviceKey=shared.device_key, DeviceRememberedStatus="not_remembered"
    )
    idp.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="ON"
    )
    enrol(idp, home.token)
    idp.set_user_mfa_preference(
        AccessToken=home.token, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    srp = srp_for(idp, pool, client, name, shared, shared_password)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        started = srp.get_auth_params()
        started["DEVICE_KEY"] = home.device_key  # the remembered device's key: not a secret
        first = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=started)
        second = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses={
                **srp.process_challenge(first["ChallengeParameters"], started),
                "DEVICE_KEY": home.device_key,
            },
        )
        assert second["ChallengeName"] == "DEVICE_SRP_AUTH"
        with pytest.raises(ClientError) as exc:
            third = idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_SRP_AUTH",
                Session=second["Session"],
                ChallengeResponses={
                    "USERNAME": name,
                    "DEVICE_KEY": shared.device_key,
                    "SRP_A": format(srp.large_a_value, "x"),
                },
            )
            idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_PASSWORD_VERIFIER",
                ChallengeResponses=srp.process_device_challenge(third["ChallengeParameters"]),
            )
    assert error_of(exc)[0] in ("NotAuthorizedException", "ResourceNotFoundException")


def test_device_forgotten_during_device_srp_cannot_sign_in(idp: Any) -> None:
    """A device forgotten (or no longer remembered) between DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER
    no longer proves anything: its answer gives no tokens."""
    pool = new_pool(idp, DeviceConfiguration=ALWAYS)
    client = new_client(idp, pool["Id"], ExplicitAuthFlows=[*FLOWS, "ALLOW_USER_SRP_AUTH"])
    name = make_user(idp, pool)
    signed = device_sign_in(idp, pool, client, name)
    device_password, _ = confirm(idp, signed)
    srp = srp_for(idp, pool, client, name, signed, device_password)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pycognito uses datetime.utcnow
        params = srp.get_auth_params()
        first = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH", AuthParameters=params)
        second = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=srp.process_challenge(first["ChallengeParameters"], params),
        )
        assert second["ChallengeName"] == "DEVICE_SRP_AUTH"
        third = idp.respond_to_auth_challenge(
            ClientId=client["ClientId"],
            ChallengeName="DEVICE_SRP_AUTH",
            Session=second["Session"],
            ChallengeResponses={
                "USERNAME": name,
                "DEVICE_KEY": signed.device_key,
                "SRP_A": format(srp.large_a_value, "x"),
            },
        )
        idp.admin_forget_device(UserPoolId=pool["Id"], Username=name, DeviceKey=signed.device_key)
        with pytest.raises(ClientError) as exc:
            idp.respond_to_auth_challenge(
                ClientId=client["ClientId"],
                ChallengeName="DEVICE_PASSWORD_VERIFIER",
                ChallengeResponses=srp.process_device_challenge(third["ChallengeParameters"]),
            )
    assert error_of(exc)[0] == "NotAuthorizedException"
