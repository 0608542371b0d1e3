"""An OIDC identity provider's AcrMapping: kept and described, OIDC only, and how a provider's acr maps to
the user pool's levels."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.emulator.user_pools import acr

DETAILS = {
    "client_id": "cid",
    "client_secret": "secret",
    "attributes_request_method": "GET",
    "oidc_issuer": "https://login.example.com",
    "authorize_scopes": "openid",
    "authorize_url": "https://login.example.com/auth",
    "token_url": "https://login.example.com/token",
    "attributes_url": "https://login.example.com/me",
    "jwks_uri": "https://login.example.com/keys",
}
MAPPING = {"Level1": "https://idp.example.com/basic", "Level3": "https://idp.example.com/mfa"}


def _code(call: Any) -> str:
    with pytest.raises(ClientError) as info:
        call()
    return str(info.value.response["Error"]["Code"])


def test_acr_mapping_is_kept_described_and_replaced(idp: Any, pool: dict[str, Any]) -> None:
    made = idp.create_identity_provider(
        UserPoolId=pool["Id"], ProviderName="corp", ProviderType="OIDC", ProviderDetails=DETAILS, AcrMapping=MAPPING
    )["IdentityProvider"]
    assert made["AcrMapping"] == MAPPING
    described = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")["IdentityProvider"]
    assert described["AcrMapping"] == MAPPING
    # An update without it keeps it; with it, replaces it.
    idp.update_identity_provider(UserPoolId=pool["Id"], ProviderName="corp", IdpIdentifiers=["corp.example.com"])
    kept = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")["IdentityProvider"]
    assert kept["AcrMapping"] == MAPPING
    idp.update_identity_provider(
        UserPoolId=pool["Id"], ProviderName="corp", AcrMapping={"Level4": "https://idp.example.com/hw"}
    )
    replaced = idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="corp")["IdentityProvider"]
    assert replaced["AcrMapping"] == {"Level4": "https://idp.example.com/hw"}


def test_acr_mapping_is_for_oidc_providers_only(idp: Any, pool: dict[str, Any]) -> None:
    google = {"client_id": "g", "client_secret": "s", "authorize_scopes": "openid email"}
    assert _code(
        lambda: idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="Google",
            ProviderType="Google",
            ProviderDetails=google,
            AcrMapping=MAPPING,
        )
    ) == ("InvalidParameterException")
    assert _code(
        lambda: idp.create_identity_provider(
            UserPoolId=pool["Id"],
            ProviderName="corp2",
            ProviderType="OIDC",
            ProviderDetails=DETAILS,
            AcrMapping={"Level5": "x"},
        )
    ) in ("InvalidParameterException", "ValidationException")
    names = [p["ProviderName"] for p in idp.list_identity_providers(UserPoolId=pool["Id"])["Providers"]]
    assert "Google" not in names and "corp2" not in names


def test_a_providers_acr_maps_to_the_pools_level() -> None:
    pool = {"AcrConfiguration": {"Level3": {"AcrValue": "https://example.com/acr/strong"}}}
    provider = {"AcrMapping": MAPPING}
    wanted = ("https://example.com/acr/strong", "urn:cognito:loa:1")
    strong = acr.federated(pool, provider, {"acr": "https://idp.example.com/mfa", "amr": ["pwd", "mfa"]}, wanted)
    assert strong == {"acr": "https://example.com/acr/strong", "amr": ["pwd", "mfa"]}
    basic = acr.federated(pool, provider, {"acr": "https://idp.example.com/basic"}, wanted)
    assert basic == {"acr": "urn:cognito:loa:1"}
    # An acr the mapping does not know, or none, is the lowest level.
    assert acr.federated(pool, provider, {"acr": "urn:other"}, ("https://example.com/acr/strong",)) == {
        "acr": "urn:cognito:loa:1"
    }
    assert acr.federated(pool, {}, {}, ("urn:cognito:loa:3",))["acr"] == "urn:cognito:loa:1"


def test_requested_levels_become_the_providers_acr_values() -> None:
    pool: dict[str, Any] = {}
    provider = {"AcrMapping": MAPPING}
    wanted = ("urn:cognito:loa:3", "urn:cognito:loa:2", "urn:cognito:loa:1")
    assert acr.provider_values(pool, provider, wanted) == "https://idp.example.com/mfa https://idp.example.com/basic"
    assert acr.provider_values(pool, provider, ("urn:cognito:loa:2",)) is None
    assert acr.provider_values(pool, {}, wanted) is None
