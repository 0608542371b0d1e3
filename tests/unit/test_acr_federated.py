"""acr.federated reads an identity provider's ID token claims, which the provider alone controls: an ``amr``
that is not a list of strings must neither fail the sign-in nor be split into letters."""

from __future__ import annotations

from typing import Any

import pytest

from console.emulator.user_pools import acr

POOL: dict[str, Any] = {}
PROVIDER = {"AcrMapping": {"Level2": "https://idp.example/acr/mfa"}}


@pytest.mark.parametrize("amr", [5, 1.5, True])
def test_an_amr_that_is_not_a_list_is_left_out(amr: Any) -> None:
    found = acr.federated(POOL, PROVIDER, {"acr": "https://idp.example/acr/mfa", "amr": amr}, ["urn:cognito:loa:2"])
    assert "amr" not in found


def test_an_amr_given_as_one_string_is_not_split_into_letters() -> None:
    found = acr.federated(POOL, PROVIDER, {"amr": "pwd"}, ["urn:cognito:loa:1"])
    assert found.get("amr") in (None, ["pwd"])


def test_a_mapped_acr_reaches_its_level() -> None:
    found = acr.federated(
        POOL, PROVIDER, {"acr": "https://idp.example/acr/mfa", "amr": ["pwd", "mfa"]}, ["urn:cognito:loa:2"]
    )
    assert found == {"acr": "urn:cognito:loa:2", "amr": ["pwd", "mfa"]}
