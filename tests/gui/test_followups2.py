"""Reviewers' follow-ups (2): paging keeps its search's filter, bulk refresh stays in its pool, SAML
metadata over the model's limit is refused, and a group's IAM role cannot be cleared (AWS can't)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_client, unique


def _all_usernames(idp: Any, pool_id: str) -> list[str]:
    names: list[str] = []
    kw: dict[str, Any] = {"UserPoolId": pool_id, "Limit": 60}
    while True:
        resp = idp.list_users(**kw)
        names += [u["Username"] for u in resp["Users"]]
        if not resp.get("PaginationToken"):
            return names
        kw["PaginationToken"] = resp["PaginationToken"]


def test_next_page_during_the_search_debounce_uses_the_listed_search_filter(
    qtbot: Any, aloop: Any, ctx: Any, cognito: Any
) -> None:
    """Typing a new search starts a 300 ms pause; a fetchMore in that pause continues the LISTED search
    (its token belongs to that filter), and the new search then starts from a fresh first page."""
    from PySide6.QtCore import QModelIndex

    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert view.model.rowCount() == 60 and view.model.canFetchMore(QModelIndex())
    view.ui.searchEdit.setText("alice")  # the debounce is pending ...
    assert view._search_timer is not None
    view._search_timer.cancel()  # ... and stays pending for the length of this test (no timing involved)
    view.model.fetchMore(QModelIndex())  # scrolling to the end: the view spawns the page's fetch
    aloop.run_until_complete(asyncio.gather(*ctx._tasks))
    expected = _all_usernames(make_client(cognito.base_url), ctx.pool_id)
    assert [u.username for u in view.model.items()] == expected
    assert view.model.exhausted and view.model.error is None and not ctx.errors
    aloop.run_until_complete(view.load())  # what the debounce runs: a fresh first page of the new search
    assert [u.username for u in view.model.items()] == ["alice"]
    assert view.model.exhausted


def test_bulk_action_refreshes_rows_only_in_the_pool_it_ran_on(qtbot: Any, aloop: Any, ctx: Any, cognito: Any) -> None:
    """If the user switches pools while a bulk action runs, its rows are not refreshed from the new pool
    (a same-named user there replaced the row; an absent one showed UserNotFoundException)."""
    from console.views.users import UsersView

    idp = make_client(cognito.base_url)
    home = ctx.pool_id
    other = idp.create_user_pool(PoolName=unique("other"))["UserPool"]["Id"]
    name = unique("bulk")
    try:
        idp.admin_create_user(UserPoolId=home, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "here@example.com"}])  # fmt: skip
        idp.admin_create_user(UserPoolId=other, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "there@example.com"}])  # fmt: skip
        view = UsersView(ctx)
        qtbot.addWidget(view)
        view.ui.attributeCombo.setCurrentIndex(view.ui.attributeCombo.findData("username"))
        view.ui.searchEdit.setText(name)
        view._search_timer.cancel()  # type: ignore[union-attr]
        aloop.run_until_complete(view.load())
        assert [u.attributes.get("email") for u in view.model.items()] == ["here@example.com"]

        def switch(on: bool, label: str) -> None:
            if on and label.startswith("Disable"):
                ctx.pool_id = other  # the pool picker changed while the action was in flight

        ctx.busyChanged.connect(switch)
        try:
            done, failed = aloop.run_until_complete(view.apply("disable", [name]))
        finally:
            ctx.busyChanged.disconnect(switch)
        assert done == [name] and not failed
        assert idp.admin_get_user(UserPoolId=home, Username=name)["Enabled"] is False  # ran on its pool
        assert idp.admin_get_user(UserPoolId=other, Username=name)["Enabled"] is True
        assert [u.attributes.get("email") for u in view.model.items()] == ["here@example.com"]
        assert not ctx.errors
    finally:
        idp.delete_user_pool(UserPoolId=other)
        with contextlib.suppress(ClientError):  # the demo pool is shared by the session's tests
            idp.admin_delete_user(UserPoolId=home, Username=name)


def test_saml_metadata_file_over_the_model_limit_is_refused(qtbot: Any, tmp_path: Path) -> None:
    """ProviderDetails values are StringType (max 131072): a longer file was cut silently; now refused."""
    from console.views.dialogs import IdentityProviderDialog

    dialog = IdentityProviderDialog()
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("SAML")
    dialog.ui.nameEdit.setText("corp")
    head = '<?xml version="1.0"?><md:EntityDescriptor entityID="urn:corp"/><!--'
    big = tmp_path / "big.xml"
    big.write_text(head + "x" * (131073 - len(head)), encoding="utf-8")
    dialog.metadata_file = str(big)
    problem = dialog.validate()
    assert problem is not None and "131,072" in problem and "big.xml" in problem
    exact = tmp_path / "exact.xml"
    text = head + "x" * (131072 - len(head) - 3) + "-->"
    exact.write_text(text, encoding="utf-8")
    dialog.metadata_file = str(exact)
    assert dialog.validate() is None
    assert dialog.details()["MetadataFile"] == text


def test_group_role_arn_cannot_be_cleared_and_the_dialog_says_so(
    qtbot: Any, aloop: Any, ctx: Any, cognito: Any
) -> None:
    """UpdateGroup's RoleArn is ArnType (min 20): "" is rejected, and leaving it out keeps the role; the API
    has no way to remove a group's role. The dialog refuses an emptied field and explains why."""
    from console.services.protocol import Group
    from console.views.dialogs import GroupDialog

    idp = make_client(cognito.base_url)
    role = "arn:aws:iam::123456789012:role/Followup"
    name = unique("g")
    idp.create_group(UserPoolId=ctx.pool_id, GroupName=name, RoleArn=role)
    try:
        raw = make_client(cognito.base_url, parameter_validation=False)  # botocore itself refuses "" (min 20)
        with pytest.raises(ClientError) as err:
            raw.update_group(UserPoolId=ctx.pool_id, GroupName=name, RoleArn="")
        assert err.value.response["Error"]["Code"] == "InvalidParameterException"
        idp.update_group(UserPoolId=ctx.pool_id, GroupName=name, Description="no role given")
        assert idp.get_group(UserPoolId=ctx.pool_id, GroupName=name)["Group"]["RoleArn"] == role

        dialog = GroupDialog(group=Group(name=name, pool_id=ctx.pool_id, role_arn=role))
        qtbot.addWidget(dialog)
        assert "cannot" in dialog.ui.roleEdit.toolTip()
        dialog.ui.roleEdit.setText("")
        problem = dialog.validate()
        assert problem is not None and "cannot remove" in problem
        dialog.ui.roleEdit.setText("arn:aws:iam::123456789012:role/Other")
        assert dialog.validate() is None
        fresh = GroupDialog(group=Group(name=name, pool_id=ctx.pool_id))  # no role yet: empty stays allowed
        qtbot.addWidget(fresh)
        assert fresh.validate() is None
    finally:
        idp.delete_group(UserPoolId=ctx.pool_id, GroupName=name)
