"""Hosted UI (classic) customization through boto3: class whitelist, limits, ALL fallback, domain rule."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
CSS = ".logo-customizable {\n\tmax-width: 60%;\n}\n.submitButton-customizable:hover {\n\tcolor: #fff;\n}\n"


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def branded_pool(idp: Any, pool: dict[str, Any]) -> Any:
    domain = f"ui-{uuid.uuid4().hex[:12]}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    yield pool
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)


def test_domain_required(idp, pool):
    with pytest.raises(ClientError) as exc:
        idp.set_ui_customization(UserPoolId=pool["Id"], CSS=CSS)
    assert error(exc) == (
        "InvalidParameterException",
        "There has to be an existing domain associated with this user pool",
    )


def test_set_and_get_all(idp, branded_pool):
    pool_id = branded_pool["Id"]
    assert idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"] == {}
    out = idp.set_ui_customization(UserPoolId=pool_id, ClientId="ALL", CSS=CSS, ImageFile=PNG)["UICustomization"]
    assert out["UserPoolId"] == pool_id
    assert out["ClientId"] == "ALL"
    assert out["CSS"] == CSS
    assert len(out["CSSVersion"]) == 14 and out["CSSVersion"].isdigit()
    assert out["ImageUrl"].startswith("https://")
    assert out["ImageUrl"].endswith(f"/{pool_id}/ALL/{out['CSSVersion']}/assets/images/image.jpg")
    assert "CreationDate" in out and "LastModifiedDate" in out
    assert idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"] == out


def test_client_falls_back_to_all_until_it_has_its_own(idp, branded_pool):
    pool_id = branded_pool["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"]["ClientId"]
    idp.set_ui_customization(UserPoolId=pool_id, CSS=CSS)
    inherited = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert inherited["ClientId"] == "ALL"
    own_css = ".banner-customizable { background-color: red; }"
    own = idp.set_ui_customization(UserPoolId=pool_id, ClientId=client_id, CSS=own_css)["UICustomization"]
    assert own["ClientId"] == client_id
    got = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert got["CSS"] == own_css
    assert "ImageUrl" not in got
    # The pool-wide setting is unchanged.
    assert idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"]["CSS"] == CSS


@pytest.mark.parametrize(
    "css",
    [
        ".not-a-class { color: red; }",
        "body { color: red; }",
        "@import url('https://evil.example.com/x.css');",
        "@media (max-width: 600px) { .logo-customizable { width: 10px; } }",
        ".logo-customizable { background: url(javascript:alert(1)); }",
        ".logo-customizable { width: expression(alert(1)); }",
        ".logo-customizable { color: red; ",
        ".label-customizable { x: " + "a" * 3100 + "; }",
    ],
)
def test_css_rejected(idp, branded_pool, css):
    with pytest.raises(ClientError) as exc:
        idp.set_ui_customization(UserPoolId=branded_pool["Id"], CSS=css)
    assert error(exc)[0] == "InvalidParameterException"


def test_every_documented_class_accepted(idp, branded_pool):
    classes = [
        "background-customizable",
        "banner-customizable",
        "errorMessage-customizable",
        "idpButton-customizable",
        "idpButton-customizable:hover",
        "inputField-customizable",
        "inputField-customizable:focus",
        "label-customizable",
        "legalText-customizable",
        "logo-customizable",
        "submitButton-customizable",
        "submitButton-customizable:hover",
        "textDescription-customizable",
    ]
    css = "\n".join(f".{c} {{ color: #111; }}" for c in classes) + "\n/* comment */"
    out = idp.set_ui_customization(UserPoolId=branded_pool["Id"], CSS=css)["UICustomization"]
    assert out["CSS"] == css


def test_image_rules(idp, branded_pool):
    with pytest.raises(ClientError) as exc:
        idp.set_ui_customization(UserPoolId=branded_pool["Id"], ImageFile=b"GIF89a not allowed")
    assert error(exc)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as exc:
        idp.set_ui_customization(UserPoolId=branded_pool["Id"], ImageFile=PNG + b"\0" * (101 * 1024))
    assert error(exc)[0] == "InvalidParameterException"
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 64
    out = idp.set_ui_customization(UserPoolId=branded_pool["Id"], ImageFile=jpeg)["UICustomization"]
    assert "ImageUrl" in out


def test_unknown_client_and_pool(idp, branded_pool):
    with pytest.raises(ClientError) as exc:
        idp.set_ui_customization(UserPoolId=branded_pool["Id"], ClientId="a" * 26, CSS=CSS)
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.get_ui_customization(UserPoolId=branded_pool["Id"], ClientId="a" * 26)
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.get_ui_customization(UserPoolId="us-east-1_nothere00")
    assert error(exc)[0] == "ResourceNotFoundException"
