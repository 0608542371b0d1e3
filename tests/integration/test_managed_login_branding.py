"""Managed login branding styles through boto3: one per app client, settings and assets, Cognito's defaults,
partial updates, feature plans and bad input."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from console.emulator.core.app import open_store
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.user_pools import clients, managed_login, pools

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
SMALLEST_SVG = b"<svg/>"
ICO = b"\x00\x00\x01\x00\x01\x00\x01\x01" + b"\x00" * 30
SOURCE = "useCognitoProvidedValues or settings should be specified (but not both)"
SETTINGS = {
    "components": {
        "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "ff9900ff", "textColor": "000000ff"}}},
        "pageBackground": {"lightMode": {"color": "f0f0f0ff"}},
    },
    "categories": {"global": {"colorSchemeMode": "DARK"}},
}


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def client_id(idp: Any, pool: dict[str, Any]) -> str:
    created = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web")["UserPoolClient"]
    return str(created["ClientId"])


def test_create_with_settings_and_assets_then_describe(idp, pool, client_id):
    out = idp.create_managed_login_branding(
        UserPoolId=pool["Id"],
        ClientId=client_id,
        Settings=SETTINGS,
        Assets=[
            {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG},
            {"Category": "FAVICON_SVG", "ColorMode": "DYNAMIC", "Extension": "SVG", "Bytes": SVG},
        ],
    )["ManagedLoginBranding"]
    branding_id = out["ManagedLoginBrandingId"]
    uuid.UUID(branding_id, version=4)
    assert out["UserPoolId"] == pool["Id"]
    assert out["UseCognitoProvidedValues"] is False
    assert out["Settings"] == SETTINGS
    assert {(a["Category"], a["ColorMode"], a["Extension"], a["Bytes"]) for a in out["Assets"]} == {
        ("FORM_LOGO", "LIGHT", "PNG", PNG),
        ("FAVICON_SVG", "DYNAMIC", "SVG", SVG),
    }
    assert out["CreationDate"] == out["LastModifiedDate"]

    described = idp.describe_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    assert described["ManagedLoginBranding"] == out
    by_client = idp.describe_managed_login_branding_by_client(UserPoolId=pool["Id"], ClientId=client_id)
    assert by_client["ManagedLoginBranding"] == out


def test_merged_resources_fill_in_cognito_defaults(idp, pool, client_id):
    branding_id = idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, Settings=SETTINGS)[
        "ManagedLoginBranding"
    ]["ManagedLoginBrandingId"]
    merged = idp.describe_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id, ReturnMergedResources=True
    )["ManagedLoginBranding"]["Settings"]
    button = merged["components"]["primaryButton"]
    assert button["lightMode"]["defaults"] == {"backgroundColor": "ff9900ff", "textColor": "000000ff"}
    assert button["lightMode"]["hover"]["backgroundColor"] == "033160ff"  # a default left as it was
    assert button["darkMode"]["defaults"]["backgroundColor"] == "539fe5ff"
    assert merged["categories"]["global"]["colorSchemeMode"] == "DARK"
    assert merged["categories"]["global"]["spacingDensity"] == "REGULAR"
    assert merged["componentClasses"]["input"]["lightMode"]["defaults"]["borderColor"] == "7d8998ff"


def test_cognito_provided_values(idp, pool, client_id):
    out = idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True)[
        "ManagedLoginBranding"
    ]
    assert out["UseCognitoProvidedValues"] is True
    assert "Settings" not in out
    assert out["Assets"] == []
    merged = idp.describe_managed_login_branding_by_client(
        UserPoolId=pool["Id"], ClientId=client_id, ReturnMergedResources=True
    )["ManagedLoginBranding"]
    light = merged["Settings"]["components"]["pageBackground"]["lightMode"]
    dark = merged["Settings"]["components"]["pageBackground"]["darkMode"]
    assert light["color"] == "ffffffff" and dark["color"] == "0f1b2aff"
    assert merged["Settings"]["components"]["favicon"]["enabledTypes"] == ["ICO", "SVG"]


def test_one_style_per_app_client(idp, pool, client_id):
    idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True)
    with pytest.raises(ClientError) as exc:
        idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, Settings=SETTINGS)
    assert error(exc) == (
        "ManagedLoginBrandingExistsException",
        f"A ManagedLoginBranding already exists for client {client_id}",
    )


def test_update_merges_settings_and_replaces_assets_by_category_and_mode(idp, pool, client_id):
    created = idp.create_managed_login_branding(
        UserPoolId=pool["Id"],
        ClientId=client_id,
        Settings=SETTINGS,
        Assets=[
            {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG},
            {"Category": "FAVICON_ICO", "ColorMode": "DYNAMIC", "Extension": "ICO", "Bytes": ICO},
        ],
    )["ManagedLoginBranding"]
    updated = idp.update_managed_login_branding(
        UserPoolId=pool["Id"],
        ManagedLoginBrandingId=created["ManagedLoginBrandingId"],
        Settings={"components": {"pageBackground": {"lightMode": {"color": "000000ff"}}, "primaryButton": None}},
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "SVG", "Bytes": SVG}],
    )["ManagedLoginBranding"]
    assert updated["Settings"] == {
        "components": {"pageBackground": {"lightMode": {"color": "000000ff"}}},
        "categories": {"global": {"colorSchemeMode": "DARK"}},
    }
    assert {(a["Category"], a["Extension"]) for a in updated["Assets"]} == {
        ("FORM_LOGO", "SVG"),
        ("FAVICON_ICO", "ICO"),
    }
    assert updated["LastModifiedDate"] >= created["LastModifiedDate"]

    reset = idp.update_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=created["ManagedLoginBrandingId"], UseCognitoProvidedValues=True
    )["ManagedLoginBranding"]
    assert reset["UseCognitoProvidedValues"] is True
    assert reset["Assets"] == []
    assert "Settings" not in reset


def test_update_names_one_source_of_the_look(idp, pool, client_id):
    branding_id = idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, Settings=SETTINGS)[
        "ManagedLoginBranding"
    ]["ManagedLoginBrandingId"]
    asset = {"Category": "FAVICON_SVG", "ColorMode": "DARK", "Extension": "SVG", "Bytes": SMALLEST_SVG}
    for wrong in (
        {},
        {"Assets": [asset]},
        {"UseCognitoProvidedValues": False},
        {"UseCognitoProvidedValues": True, "Settings": {"components": {}}},
    ):
        with pytest.raises(ClientError) as exc:
            idp.update_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id, **wrong)
        assert error(exc) == ("InvalidParameterException", SOURCE), wrong
    kept = idp.describe_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    assert kept["ManagedLoginBranding"]["Settings"] == SETTINGS
    assert kept["ManagedLoginBranding"]["Assets"] == []
    # Settings with false is one source; Cognito's values may come with images.
    idp.update_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id, UseCognitoProvidedValues=False, Settings={}
    )
    out = idp.update_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id, UseCognitoProvidedValues=True, Assets=[asset]
    )["ManagedLoginBranding"]
    assert out["UseCognitoProvidedValues"] is True and "Settings" not in out
    assert [(a["Category"], a["Bytes"]) for a in out["Assets"]] == [("FAVICON_SVG", SMALLEST_SVG)]


def test_cognito_provided_values_refuse_settings_on_create(idp, pool, client_id):
    logo = {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
    for wrong in (
        {"Settings": {}},
        {"Settings": SETTINGS, "Assets": [logo]},
    ):
        with pytest.raises(ClientError) as exc:
            idp.create_managed_login_branding(
                UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True, **wrong
            )
        assert error(exc) == ("InvalidParameterException", SOURCE), wrong
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_managed_login_branding_by_client(UserPoolId=pool["Id"], ClientId=client_id)

    # Images are not a source of the look: AWS was measured to take them beside Cognito's values (an empty
    # list too), and ReturnMergedResources answers Cognito's settings with them.
    out = idp.create_managed_login_branding(
        UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True, Assets=[logo]
    )["ManagedLoginBranding"]
    assert out["UseCognitoProvidedValues"] is True and "Settings" not in out
    assert [(a["Category"], a["Bytes"]) for a in out["Assets"]] == [("FORM_LOGO", PNG)]
    merged = idp.describe_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=out["ManagedLoginBrandingId"], ReturnMergedResources=True
    )["ManagedLoginBranding"]
    assert merged["Settings"] == managed_login.DEFAULT_SETTINGS
    assert merged["Assets"] == out["Assets"]
    reset = idp.update_managed_login_branding(
        UserPoolId=pool["Id"],
        ManagedLoginBrandingId=out["ManagedLoginBrandingId"],
        UseCognitoProvidedValues=True,
        Assets=[],
    )["ManagedLoginBranding"]
    assert reset["UseCognitoProvidedValues"] is True and reset["Assets"] == []


def test_a_style_holds_at_most_forty_images(idp, pool, client_id):
    def images(n: int) -> list[dict[str, Any]]:
        return [
            {
                "Category": "IDP_BUTTON_ICON",
                "ColorMode": "LIGHT",
                "Extension": "PNG",
                "Bytes": PNG,
                "ResourceId": f"idp-{i}",
            }
            for i in range(n)
        ]

    with pytest.raises(ClientError) as exc:
        idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, Settings={}, Assets=images(41))
    code, message = error(exc)
    assert code == "InvalidParameterException"
    assert message.startswith("1 validation error detected: Value '")
    assert message.endswith(
        "' at 'assets' failed to satisfy constraint: Member must have length less than or equal to 40"
    )
    # The pool has no domain: a style belongs to an app client, whatever domain serves it.
    out = idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, Settings={}, Assets=images(40))[
        "ManagedLoginBranding"
    ]
    assert len(out["Assets"]) == 40
    with pytest.raises(ClientError) as exc:
        idp.update_managed_login_branding(
            UserPoolId=pool["Id"], ManagedLoginBrandingId=out["ManagedLoginBrandingId"], Settings={}, Assets=images(41)
        )
    assert error(exc)[0] == "InvalidParameterException" and "less than or equal to 40" in error(exc)[1]
    kept = idp.describe_managed_login_branding(
        UserPoolId=pool["Id"], ManagedLoginBrandingId=out["ManagedLoginBrandingId"]
    )
    assert len(kept["ManagedLoginBranding"]["Assets"]) == 40
    with pytest.raises(ClientError) as exc:
        idp.update_managed_login_branding(
            UserPoolId=pool["Id"],
            ManagedLoginBrandingId=out["ManagedLoginBrandingId"],
            Settings={},
            Assets=[dict(images(1)[0], ResourceId="idp/1")],
        )
    assert error(exc) == (
        "InvalidParameterException",
        "1 validation error detected: Value 'idp/1' at 'assets.1.member.resourceId' failed to satisfy constraint:"
        " Member must satisfy regular expression pattern: ^[\\w\\- ]+$",
    )


def test_delete(idp, pool, client_id):
    branding_id = idp.create_managed_login_branding(
        UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True
    )["ManagedLoginBranding"]["ManagedLoginBrandingId"]
    idp.delete_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    with pytest.raises(ClientError) as exc:
        idp.describe_managed_login_branding_by_client(UserPoolId=pool["Id"], ClientId=client_id)
    assert error(exc) == ("ResourceNotFoundException", f"ManagedLoginBranding for client {client_id} does not exist.")
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.delete_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)
    # The client can have a new style once the old one is gone.
    idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True)


def test_deleting_the_app_client_deletes_its_style(idp, pool, client_id):
    branding_id = idp.create_managed_login_branding(
        UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True
    )["ManagedLoginBranding"]["ManagedLoginBrandingId"]
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client_id)
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId=branding_id)


def test_unknown_pool_client_and_style(idp, pool, client_id):
    with pytest.raises(ClientError) as exc:
        idp.create_managed_login_branding(UserPoolId="us-east-1_nothere", ClientId=client_id, Settings={})
    assert error(exc) == ("ResourceNotFoundException", "User pool us-east-1_nothere does not exist.")
    with pytest.raises(ClientError) as exc:
        idp.create_managed_login_branding(UserPoolId=pool["Id"], ClientId="nosuchclient1234", Settings={})
    assert error(exc) == ("ResourceNotFoundException", "User pool client nosuchclient1234 does not exist.")
    other = idp.create_user_pool(PoolName=f"other-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    try:
        with pytest.raises(ClientError) as exc:
            idp.create_managed_login_branding(UserPoolId=other, ClientId=client_id, UseCognitoProvidedValues=True)
        assert error(exc)[0] == "ResourceNotFoundException"
        branding_id = idp.create_managed_login_branding(
            UserPoolId=pool["Id"], ClientId=client_id, UseCognitoProvidedValues=True
        )["ManagedLoginBranding"]["ManagedLoginBrandingId"]
        with pytest.raises(ClientError) as exc:  # another pool's style
            idp.describe_managed_login_branding(UserPoolId=other, ManagedLoginBrandingId=branding_id)
        assert error(exc) == ("ResourceNotFoundException", "ManagedLoginBranding does not exist.")
    finally:
        idp.delete_user_pool(UserPoolId=other)
    with pytest.raises(ClientError) as exc:
        idp.describe_managed_login_branding(UserPoolId=pool["Id"], ManagedLoginBrandingId="not-a-uuid")
    assert error(exc)[0] == "InvalidParameterException"
    assert "ManagedLoginBrandingId" in error(exc)[1] or "managedLoginBrandingId" in error(exc)[1]


def _refused(idp: Any, pool_id: str, client_id: str, **kwargs: Any) -> tuple[str, str]:
    if "Settings" not in kwargs:
        kwargs.setdefault("UseCognitoProvidedValues", True)
    with pytest.raises(ClientError) as exc:
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, **kwargs)
    return error(exc)


def test_bad_input_is_refused_and_nothing_is_stored(idp, pool, client_id):
    pool_id = pool["Id"]
    assert _refused(idp, pool_id, client_id, UseCognitoProvidedValues=True, Settings=SETTINGS) == (
        "InvalidParameterException",
        SOURCE,
    )
    assert _refused(idp, pool_id, client_id, UseCognitoProvidedValues=False) == ("InvalidParameterException", SOURCE)
    with pytest.raises(ClientError) as exc:  # neither
        idp.create_managed_login_branding(
            UserPoolId=pool_id,
            ClientId=client_id,
            Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}],
        )
    assert error(exc) == ("InvalidParameterException", SOURCE)
    code, message = _refused(
        idp, pool_id, client_id, Settings={"components": {"pageBackground": {"lightMode": {"color": "red"}}}}
    )
    assert code == "InvalidParameterException" and "components.pageBackground.lightMode.color" in message
    code, message = _refused(idp, pool_id, client_id, Settings={"stylesheet": ".x{}"})
    assert code == "InvalidParameterException" and "stylesheet" in message
    deep: dict[str, Any] = {"enabled": True}
    for _ in range(40):
        deep = {"nested": deep}
    code, message = _refused(idp, pool_id, client_id, Settings={"components": deep})
    assert code == "InvalidParameterException" and "nested too deeply" in message
    code, message = _refused(
        idp,
        pool_id,
        client_id,
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "SVG", "Bytes": PNG}],
    )
    assert code == "InvalidParameterException" and "SVG" in message
    code, message = _refused(
        idp,
        pool_id,
        client_id,
        Assets=[{"Category": "FAVICON_ICO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}],
    )
    assert code == "InvalidParameterException" and "ICO" in message
    script = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    code, _ = _refused(
        idp,
        pool_id,
        client_id,
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "DARK", "Extension": "SVG", "Bytes": script}],
    )
    assert code == "InvalidParameterException"
    twice = {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
    code, message = _refused(idp, pool_id, client_id, Assets=[twice, twice])
    assert code == "InvalidParameterException" and "Duplicate" in message
    code, _ = _refused(
        idp, pool_id, client_id, Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG"}]
    )
    assert code == "InvalidParameterException"
    code, message = _refused(
        idp, pool_id, client_id, Assets=[{"Category": "LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}]
    )
    assert code == "InvalidParameterException" and "enum value set" in message
    code, message = _refused(
        idp,
        pool_id,
        client_id,
        Assets=[
            {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG + b"\x00" * 1_000_000}
        ],
    )
    assert code == "InvalidParameterException" and "length less than or equal to 1000000" in message
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id)


def test_an_asset_of_a_million_bytes_fits_in_a_request(idp, pool, client_id):
    big = PNG + b"\x00" * (1_000_000 - len(PNG))
    out = idp.create_managed_login_branding(
        UserPoolId=pool["Id"],
        ClientId=client_id,
        UseCognitoProvidedValues=True,
        Assets=[{"Category": "PAGE_BACKGROUND", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": big}],
    )["ManagedLoginBranding"]
    assert out["Assets"][0]["Bytes"] == big


def test_update_needs_pool_and_style_ids(idp, pool, client_id):
    with pytest.raises(ClientError) as exc:
        idp.update_managed_login_branding(UseCognitoProvidedValues=True)
    code, message = error(exc)
    assert code == "InvalidParameterException"
    assert "userPoolId" in message and "managedLoginBrandingId" in message


def test_lite_pools_have_no_managed_login_styles(idp, client_id, pool):
    lite = idp.create_user_pool(PoolName=f"lite-{uuid.uuid4().hex[:6]}", UserPoolTier="LITE")["UserPool"]["Id"]
    try:
        lite_client = idp.create_user_pool_client(UserPoolId=lite, ClientName="c")["UserPoolClient"]["ClientId"]
        with pytest.raises(ClientError) as exc:
            idp.create_managed_login_branding(UserPoolId=lite, ClientId=lite_client, UseCognitoProvidedValues=True)
        assert error(exc)[0] == "FeatureUnavailableInTierException"
    finally:
        idp.delete_user_pool(UserPoolId=lite)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[RequestContext]:
    store = open_store(tmp_path / "cognito.db")
    yield RequestContext(store=store, config=ServerConfig())
    store.close()


def test_branding_for_the_managed_login_pages(ctx: RequestContext) -> None:
    with ctx.store.tx():
        pool_id = pools.create_user_pool(ctx, {"PoolName": "pages"})["UserPool"]["Id"]
        client_id = clients.create_user_pool_client(ctx, {"UserPoolId": pool_id, "ClientName": "web"})[
            "UserPoolClient"
        ]["ClientId"]
        assert managed_login.branding_for(ctx, pool_id, client_id) is None
        created = managed_login.create_managed_login_branding(
            ctx,
            {
                "UserPoolId": pool_id,
                "ClientId": client_id,
                "Settings": SETTINGS,
                "Assets": [
                    {
                        "Category": "FORM_LOGO",
                        "ColorMode": "LIGHT",
                        "Extension": "PNG",
                        "Bytes": base64.b64encode(PNG).decode(),
                    }
                ],
            },
        )["ManagedLoginBranding"]
        style = managed_login.branding_for(ctx, pool_id, client_id)
        assert style is not None
        assert style["ManagedLoginBrandingId"] == created["ManagedLoginBrandingId"]
        assert style["UseCognitoProvidedValues"] is False
        assert style["Settings"]["categories"]["global"]["colorSchemeMode"] == "DARK"
        assert style["Settings"]["components"]["primaryButton"]["lightMode"]["defaults"]["backgroundColor"] == (
            "ff9900ff"
        )
        assert style["Settings"]["components"]["form"] == managed_login.DEFAULT_SETTINGS["components"]["form"]
        assert style["Assets"] == [
            {
                "Category": "FORM_LOGO",
                "ColorMode": "LIGHT",
                "Extension": "PNG",
                "Bytes": PNG,
                "ContentType": "image/png",
            }
        ]
        managed_login.update_managed_login_branding(
            ctx,
            {
                "UserPoolId": pool_id,
                "ManagedLoginBrandingId": created["ManagedLoginBrandingId"],
                "UseCognitoProvidedValues": True,
            },
        )
        style = managed_login.branding_for(ctx, pool_id, client_id)
        assert style is not None
        assert style["Settings"] == managed_login.DEFAULT_SETTINGS
        assert style["Assets"] == []


def test_the_two_megabyte_request_limit_is_the_branding_operations_own(idp, pool, client_id, cognito):
    # A 1.5 MB request: within CreateManagedLoginBranding's 2 MB, beyond the 1 MB of other operations.
    body = json.dumps({"UserPoolId": pool["Id"], "ClientId": client_id, "Settings": {"textContent": "A" * 1536 * 1024}})
    for operation, status in (("CreateManagedLoginBranding", 200), ("DescribeUserPool", 413)):
        r = httpx.post(
            cognito.base_url,
            content=body,
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
            },
            timeout=30,
        )
        assert r.status_code == status, r.text[:300]
    assert r.json()["__type"] == "SerializationException"
