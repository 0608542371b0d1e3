"""Groups: CreateGroup ... DeleteGroup, ListGroups, membership and its listings, with AWS's errors."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from console.emulator.core import paging
from tests.conftest import unique

ROLE = "arn:aws:iam::123456789012:role/readers"


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    return err["Code"], err["Message"]


def add_user(idp: Any, pool: dict[str, Any], name: str) -> None:
    idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS")


def test_create_get_update_delete(idp: Any, pool: dict[str, Any]) -> None:
    group = idp.create_group(
        UserPoolId=pool["Id"], GroupName="readers", Description="Read only", RoleArn=ROLE, Precedence=5
    )["Group"]
    assert group["GroupName"] == "readers"
    assert group["UserPoolId"] == pool["Id"]
    assert (group["Description"], group["RoleArn"], group["Precedence"]) == ("Read only", ROLE, 5)
    assert isinstance(group["CreationDate"], dt.datetime) and isinstance(group["LastModifiedDate"], dt.datetime)
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="readers")["Group"] == group

    updated = idp.update_group(UserPoolId=pool["Id"], GroupName="readers", Description="Readers", Precedence=1)["Group"]
    assert (updated["Description"], updated["Precedence"], updated["RoleArn"]) == ("Readers", 1, ROLE)
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="readers")["Group"]["Description"] == "Readers"

    idp.delete_group(UserPoolId=pool["Id"], GroupName="readers")
    with pytest.raises(ClientError) as exc:
        idp.get_group(UserPoolId=pool["Id"], GroupName="readers")
    assert error_of(exc) == ("ResourceNotFoundException", "Group not found.")


def test_minimal_group_has_no_optional_fields(idp: Any, pool: dict[str, Any]) -> None:
    group = idp.create_group(UserPoolId=pool["Id"], GroupName="plain")["Group"]
    assert "Description" not in group and "RoleArn" not in group and "Precedence" not in group


def test_group_errors(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="dup")
    with pytest.raises(ClientError) as exc:
        idp.create_group(UserPoolId=pool["Id"], GroupName="dup")
    assert error_of(exc) == ("GroupExistsException", "A group with the name dup already exists.")
    for call in (idp.get_group, idp.delete_group, idp.update_group, idp.list_users_in_group):
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool["Id"], GroupName="missing")
        assert error_of(exc) == ("ResourceNotFoundException", "Group not found."), call
    with pytest.raises(ClientError) as exc:
        idp.create_group(UserPoolId="us-east-1_nonexist0", GroupName="x")
    assert error_of(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        idp.create_group(UserPoolId=pool["Id"], GroupName="x", RoleArn="not-an-arn-but-long-enough")
    assert error_of(exc)[0] == "InvalidParameterException"


def test_group_names_are_case_sensitive(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="Admins")
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins")
    groups = idp.list_groups(UserPoolId=pool["Id"])["Groups"]
    assert sorted(g["GroupName"] for g in groups) == ["Admins", "admins"]


def test_list_groups_paging(idp: Any, pool: dict[str, Any]) -> None:
    made = [f"g{i:02d}" for i in range(5)]
    for name in made:
        idp.create_group(UserPoolId=pool["Id"], GroupName=name)
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        extra = {"NextToken": token} if token else {}
        page = idp.list_groups(UserPoolId=pool["Id"], Limit=2, **extra)
        pages += 1
        seen += [g["GroupName"] for g in page["Groups"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == made
    assert pages == 3
    with pytest.raises(ClientError) as exc:
        idp.list_groups(UserPoolId=pool["Id"], NextToken="bogus")
    assert error_of(exc)[0] == "InvalidParameterException"


@pytest.mark.parametrize("huge", [2**63, 2**70, -(2**63) - 1])
def test_a_token_with_a_huge_integer_is_invalid_not_a_500(idp: Any, pool: dict[str, Any], huge: int) -> None:
    """ListGroups, AdminListGroupsForUser and ListUsersInGroup refuse a NextToken whose key is an integer
    SQLite cannot bind, as any token they did not make."""
    add_user(idp, pool, "alice")
    idp.create_group(UserPoolId=pool["Id"], GroupName="g")
    forged = base64.urlsafe_b64encode(json.dumps(["groups", [huge]]).encode()).decode().rstrip("=")
    calls = [
        (idp.list_groups, {}, forged),
        (idp.list_groups, {}, paging.encode("groups", [huge])),
        (idp.admin_list_groups_for_user, {"Username": "alice"}, paging.encode("user-groups", [huge])),
        (idp.list_users_in_group, {"GroupName": "g"}, paging.encode("group-users", [huge])),
    ]
    for call, kwargs, token in calls:
        with pytest.raises(ClientError) as exc:
            call(UserPoolId=pool["Id"], NextToken=token, **kwargs)
        assert error_of(exc) == ("InvalidParameterException", "Invalid pagination token.")


def test_membership(idp: Any, pool: dict[str, Any]) -> None:
    for name in ("ann", "ben", "cat"):
        add_user(idp, pool, name)
    for group in ("editors", "readers"):
        idp.create_group(UserPoolId=pool["Id"], GroupName=group)
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ann", GroupName="readers")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ann", GroupName="readers")  # idempotent
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ann", GroupName="editors")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ben", GroupName="readers")

    groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="ann")["Groups"]
    assert [g["GroupName"] for g in groups] == ["editors", "readers"]
    assert groups[0]["UserPoolId"] == pool["Id"]
    members = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="readers")["Users"]
    assert [u["Username"] for u in members] == ["ann", "ben"]
    assert members[0]["UserStatus"] == "FORCE_CHANGE_PASSWORD" and members[0]["Enabled"] is True

    idp.admin_remove_user_from_group(UserPoolId=pool["Id"], Username="ann", GroupName="readers")
    members = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="readers")["Users"]
    assert [u["Username"] for u in members] == ["ben"]
    assert idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="cat")["Groups"] == []


def test_membership_follows_deletes(idp: Any, pool: dict[str, Any]) -> None:
    add_user(idp, pool, "dan")
    add_user(idp, pool, "eve")
    idp.create_group(UserPoolId=pool["Id"], GroupName="team")
    idp.create_group(UserPoolId=pool["Id"], GroupName="other")
    for user in ("dan", "eve"):
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=user, GroupName="team")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="eve", GroupName="other")
    idp.admin_delete_user(UserPoolId=pool["Id"], Username="dan")
    members = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="team")["Users"]
    assert [u["Username"] for u in members] == ["eve"]
    idp.delete_group(UserPoolId=pool["Id"], GroupName="team")
    groups = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="eve")["Groups"]
    assert [g["GroupName"] for g in groups] == ["other"]
    # A new group of the old name starts empty.
    idp.create_group(UserPoolId=pool["Id"], GroupName="team")
    assert idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="team")["Users"] == []


def test_membership_errors(idp: Any, pool: dict[str, Any]) -> None:
    add_user(idp, pool, "fay")
    idp.create_group(UserPoolId=pool["Id"], GroupName="crew")
    with pytest.raises(ClientError) as exc:
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="ghost", GroupName="crew")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as exc:
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="fay", GroupName="nope")
    assert error_of(exc) == ("ResourceNotFoundException", "Group not found.")
    with pytest.raises(ClientError) as exc:
        idp.admin_remove_user_from_group(UserPoolId=pool["Id"], Username="ghost", GroupName="crew")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as exc:
        idp.admin_remove_user_from_group(UserPoolId=pool["Id"], Username="fay", GroupName="nope")
    assert error_of(exc) == ("ResourceNotFoundException", "Group not found.")
    with pytest.raises(ClientError) as exc:
        idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username="ghost")
    assert error_of(exc) == ("UserNotFoundException", "User does not exist.")


def test_membership_listings_page(idp: Any, pool: dict[str, Any]) -> None:
    users = [unique("m").lower() for _ in range(5)]
    groups = [f"grp{i}" for i in range(5)]
    for name in users:
        add_user(idp, pool, name)
    for group in groups:
        idp.create_group(UserPoolId=pool["Id"], GroupName=group)
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=users[0], GroupName=group)
    for name in users[1:]:
        idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=name, GroupName="grp0")

    seen: list[str] = []
    token = None
    while True:
        extra = {"NextToken": token} if token else {}
        page = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="grp0", Limit=2, **extra)
        assert len(page["Users"]) <= 2
        seen += [u["Username"] for u in page["Users"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == sorted(users)

    seen = []
    token = None
    while True:
        extra = {"NextToken": token} if token else {}
        page = idp.admin_list_groups_for_user(UserPoolId=pool["Id"], Username=users[0], Limit=3, **extra)
        seen += [g["GroupName"] for g in page["Groups"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == groups


def test_membership_by_alias_and_case(idp: Any, pool: dict[str, Any]) -> None:
    """The pool fixture is case insensitive: the user is found whatever the case of the name."""
    add_user(idp, pool, "Gus")
    idp.create_group(UserPoolId=pool["Id"], GroupName="g")
    idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username="GUS", GroupName="g")
    members = idp.list_users_in_group(UserPoolId=pool["Id"], GroupName="g")["Users"]
    assert [u["Username"] for u in members] == ["Gus"]
