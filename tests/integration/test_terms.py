"""Terms documents through boto3: one of each name per app client, links per language, paging, bad input."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.emulator.core.app import open_store
from console.emulator.core.context import RequestContext, ServerConfig
from console.emulator.user_pools import clients, pools, terms

TOS = {"cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/terms"}
PRIVACY = {"cognito:default": "https://example.com/privacy"}


def error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def client_id(idp: Any, pool: dict[str, Any]) -> str:
    return str(idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web")["UserPoolClient"]["ClientId"])


def create(idp: Any, pool_id: str, client_id: str, name: str = "terms-of-use", **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("Links", TOS if name == "terms-of-use" else PRIVACY)
    terms: dict[str, Any] = idp.create_terms(
        UserPoolId=pool_id, ClientId=client_id, TermsName=name, TermsSource="LINK", Enforcement="NONE", **kwargs
    )["Terms"]
    return terms


def test_create_describe_update_delete(idp, pool, client_id):
    terms = create(idp, pool["Id"], client_id)
    uuid.UUID(terms["TermsId"], version=4)
    assert terms["UserPoolId"] == pool["Id"]
    assert terms["ClientId"] == client_id
    assert (terms["TermsName"], terms["TermsSource"], terms["Enforcement"]) == ("terms-of-use", "LINK", "NONE")
    assert terms["Links"] == TOS
    assert terms["CreationDate"] == terms["LastModifiedDate"]

    assert idp.describe_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])["Terms"] == terms
    by_client = idp.describe_terms_by_client(UserPoolId=pool["Id"], ClientId=client_id, TermsName="terms-of-use")
    assert by_client["Terms"] == terms

    links = {"cognito:default": "https://example.com/v2/terms", "cognito:japanese": "https://example.com/ja/terms"}
    updated = idp.update_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"], Links=links)["Terms"]
    assert updated["Links"] == links  # the map is replaced, not merged
    assert updated["TermsName"] == "terms-of-use"
    assert updated["CreationDate"] == terms["CreationDate"]
    assert updated["LastModifiedDate"] >= terms["LastModifiedDate"]
    renamed = idp.update_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"], TermsName="privacy-policy")["Terms"]
    assert renamed["TermsName"] == "privacy-policy" and renamed["Links"] == links

    idp.delete_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])
    with pytest.raises(ClientError) as exc:
        idp.describe_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])
    assert error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.delete_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_terms_by_client(UserPoolId=pool["Id"], ClientId=client_id, TermsName="privacy-policy")


def test_names_are_unique_to_the_app_client(idp, pool, client_id):
    tos = create(idp, pool["Id"], client_id)
    with pytest.raises(idp.exceptions.TermsExistsException):
        create(idp, pool["Id"], client_id)
    privacy = create(idp, pool["Id"], client_id, "privacy-policy")
    with pytest.raises(idp.exceptions.TermsExistsException):
        idp.update_terms(UserPoolId=pool["Id"], TermsId=privacy["TermsId"], TermsName="terms-of-use")
    # Another app client has its own documents.
    other = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="other")["UserPoolClient"]["ClientId"]
    create(idp, pool["Id"], other)
    assert idp.describe_terms(UserPoolId=pool["Id"], TermsId=tos["TermsId"])["Terms"]["ClientId"] == client_id


def test_list_terms_pages_through_the_pool(idp, pool, client_id):
    made = []
    for i in range(3):
        client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName=f"c{i}")["UserPoolClient"]["ClientId"]
        made += [
            create(idp, pool["Id"], client)["TermsId"],
            create(idp, pool["Id"], client, "privacy-policy")["TermsId"],
        ]
    seen: list[str] = []
    kwargs: dict[str, Any] = {"UserPoolId": pool["Id"], "MaxResults": 4}
    while True:
        page = idp.list_terms(**kwargs)
        assert len(page["Terms"]) <= 4
        for item in page["Terms"]:
            assert set(item) == {"TermsId", "TermsName", "Enforcement", "CreationDate", "LastModifiedDate"}
        seen += [t["TermsId"] for t in page["Terms"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert sorted(seen) == sorted(made)
    assert idp.list_terms(UserPoolId=pool["Id"], MaxResults=60)["Terms"][0]["TermsId"] == made[0]
    with pytest.raises(ClientError) as exc:
        idp.list_terms(UserPoolId=pool["Id"], NextToken="bm90IGEgdG9rZW4")
    assert error(exc) == ("InvalidParameterException", "Invalid pagination token.")


def test_deleting_the_app_client_deletes_its_terms(idp, pool, client_id):
    terms = create(idp, pool["Id"], client_id)
    idp.delete_user_pool_client(UserPoolId=pool["Id"], ClientId=client_id)
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])
    assert idp.list_terms(UserPoolId=pool["Id"])["Terms"] == []


def test_bad_input_is_refused_and_nothing_is_stored(idp, pool, client_id):
    pool_id = pool["Id"]
    cases = [
        ({"TermsName": "cookie-policy"}, "Member must satisfy regular expression pattern"),
        ({"TermsSource": "FILE"}, "Member must satisfy enum value set: [LINK]"),
        ({"Enforcement": "REQUIRED"}, "Member must satisfy enum value set: [NONE]"),
        ({"Links": {"cognito:klingon": "https://example.com"}}, "Member must satisfy regular expression pattern"),
        ({"Links": {}}, "Member must have length greater than or equal to 1"),
        ({"Links": {"cognito:default": "not a url"}}, "regular expression pattern"),
        ({"Links": {"cognito:default": "javascript:alert(1)"}}, "absolute http or https URL"),
        ({"Links": {"cognito:default": "https://[zz]/terms"}}, "absolute http or https URL"),
        ({"Links": {"cognito:default": "https://example.com/" + "a" * 1100}}, "length less than or equal to 1024"),
    ]
    for change, wanted in cases:
        request = {
            "UserPoolId": pool_id,
            "ClientId": client_id,
            "TermsName": "terms-of-use",
            "TermsSource": "LINK",
            "Enforcement": "NONE",
            "Links": TOS,
            **change,
        }
        with pytest.raises(ClientError) as exc:
            idp.create_terms(**request)
        code, message = error(exc)
        assert code == "InvalidParameterException", change
        assert wanted in message, (change, message)
    with pytest.raises(ClientError) as exc:
        create(idp, "us-east-1_nothere", client_id)
    assert error(exc) == ("ResourceNotFoundException", "User pool us-east-1_nothere does not exist.")
    with pytest.raises(ClientError) as exc:
        create(idp, pool_id, "nosuchclient1234")
    assert error(exc) == ("ResourceNotFoundException", "User pool client nosuchclient1234 does not exist.")
    with pytest.raises(ClientError) as exc:
        idp.describe_terms(UserPoolId=pool_id, TermsId="12345")
    assert error(exc)[0] == "InvalidParameterException"
    assert idp.list_terms(UserPoolId=pool_id)["Terms"] == []


def test_a_failed_update_changes_nothing(idp, pool, client_id):
    terms = create(idp, pool["Id"], client_id)
    with pytest.raises(ClientError) as exc:
        idp.update_terms(
            UserPoolId=pool["Id"], TermsId=terms["TermsId"], Links={"cognito:default": "ftp://example.com/terms"}
        )
    assert error(exc)[0] == "InvalidParameterException"
    assert idp.describe_terms(UserPoolId=pool["Id"], TermsId=terms["TermsId"])["Terms"] == terms


def test_terms_of_another_pool_are_not_found(idp, pool, client_id):
    terms = create(idp, pool["Id"], client_id)
    other = idp.create_user_pool(PoolName=f"other-{uuid.uuid4().hex[:6]}")["UserPool"]["Id"]
    try:
        for call in (idp.describe_terms, idp.delete_terms):
            with pytest.raises(idp.exceptions.ResourceNotFoundException):
                call(UserPoolId=other, TermsId=terms["TermsId"])
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            idp.describe_terms_by_client(UserPoolId=other, ClientId=client_id, TermsName="terms-of-use")
    finally:
        idp.delete_user_pool(UserPoolId=other)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[RequestContext]:
    store = open_store(tmp_path / "cognito.db")
    yield RequestContext(store=store, config=ServerConfig())
    store.close()


def test_terms_for_the_sign_up_page(ctx: RequestContext) -> None:
    with ctx.store.tx():
        pool_id = pools.create_user_pool(ctx, {"PoolName": "signup"})["UserPool"]["Id"]
        client_id = clients.create_user_pool_client(ctx, {"UserPoolId": pool_id, "ClientName": "web"})[
            "UserPoolClient"
        ]["ClientId"]
        base = {"UserPoolId": pool_id, "ClientId": client_id, "TermsSource": "LINK", "Enforcement": "NONE"}
        terms.create_terms(ctx, {**base, "TermsName": "terms-of-use", "Links": TOS})
        # One document alone is not shown: managed login needs both.
        assert terms.terms_for(ctx, pool_id, client_id) == []
        terms.create_terms(ctx, {**base, "TermsName": "privacy-policy", "Links": PRIVACY})
        shown = terms.terms_for(ctx, pool_id, client_id)
        assert [(t["TermsName"], t["Url"]) for t in shown] == [
            ("terms-of-use", "https://example.com/terms"),
            ("privacy-policy", "https://example.com/privacy"),
        ]
        for language in ("es", "es-MX", "cognito:spanish"):
            assert [t["Url"] for t in terms.terms_for(ctx, pool_id, client_id, language)] == [
                "https://example.com/es/terms",
                "https://example.com/privacy",  # no Spanish privacy policy: cognito:default
            ]
        assert terms.terms_for(ctx, pool_id, "someotherclient") == []
