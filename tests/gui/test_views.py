"""Every view against a real local Cognito, driving the same coroutines the slots await."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from console.services import errors
from console.services.protocol import Group, IdentityProvider
from tests.conftest import make_client, unique


def test_generated_ui_is_current() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_ui", root / "packaging" / "build_ui.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main = module.main

    assert main(["--check"]) == 0


def test_pools_view_lists_and_describes(qtbot: Any, aloop: Any, ctx: Any, demo: dict[str, str]) -> None:
    from console.views.pools import PoolsView

    view = PoolsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    row = view.model.row_of(demo["pool_id"])
    assert row >= 0
    pool = view.model.item(row)
    assert pool.estimated_users >= 70 and pool.raw
    view.select(demo["pool_id"])
    assert "Password policy" in view.ui.details.toHtml()


def test_pools_create_update_delete(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import PoolDialog
    from console.views.pools import PoolsView

    view = PoolsView(ctx)
    qtbot.addWidget(view)
    dialog = PoolDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("bad/name")
    assert dialog.validate() is not None  # caught before any call
    name = unique("gui-pool-")
    dialog.ui.nameEdit.setText(name)
    dialog.ui.minLengthSpin.setValue(12)
    assert dialog.validate() is None
    pool = aloop.run_until_complete(view.create_pool(dialog.request()))
    assert pool is not None and pool.password_policy["MinimumLength"] == 12
    aloop.run_until_complete(view.update_pool(pool.id, {"DeletionProtection": "ACTIVE"}))
    assert view.model.item(view.model.row_of(pool.id)).deletion_protection == "ACTIVE"
    aloop.run_until_complete(view.update_pool(pool.id, {"DeletionProtection": "INACTIVE"}))
    aloop.run_until_complete(view.delete(pool.id))
    assert view.model.row_of(pool.id) < 0


def test_users_view_pages_with_fetch_more(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    first = view.model.rowCount()
    assert first == 60 and view.model.canFetchMore(QModelIndex())
    view.model.fetchMore(QModelIndex())
    aloop.run_until_complete(view.fetch_page(view.model.generation, view.model._token or ""))
    assert view.model.rowCount() > first and view.model.exhausted
    assert "admins" in view.groups


def test_users_search_and_status_filter(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    view.ui.searchEdit.setText("ali")
    aloop.run_until_complete(view.load())
    assert [u.username for u in view.model.items()] == ["alice"]
    view.ui.searchEdit.setText("")
    view.ui.statusCombo.setCurrentIndex(view.ui.statusCombo.findData("Disabled"))
    aloop.run_until_complete(view.load())
    assert [u.username for u in view.model.items()] == ["carol"]


def test_user_lifecycle_and_bulk(qtbot: Any, aloop: Any, ctx: Any, tmp_path: Path) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    names = [unique("gui") for _ in range(2)]
    for n in names:
        aloop.run_until_complete(view.create_user(n, {"email": f"{n}@example.com"}, None, True))
    done, failed = aloop.run_until_complete(view.apply("disable", names))
    assert done == names and not failed
    assert all(not u.enabled for u in view.model.items() if u.username in names)
    aloop.run_until_complete(view.apply("add_group", names[:1], group="readers"))
    details = aloop.run_until_complete(ctx.service.user_details(ctx.pool_id, names[0]))
    assert details.groups == ("readers",)
    aloop.run_until_complete(view.edit_attributes(names[0], {"name": "Gui Person"}, []))
    assert view.model.item(view.model.row_of(names[0])).attributes["name"] == "Gui Person"
    view.ui.searchEdit.setText("gui")
    view.ui.attributeCombo.setCurrentIndex(view.ui.attributeCombo.findData("username"))
    out = tmp_path / "users.csv"
    count = aloop.run_until_complete(view.export(out))
    assert count >= 2 and names[0] in out.read_text()
    aloop.run_until_complete(view.apply("delete", names))
    assert all(view.model.row_of(n) < 0 for n in names)


def test_errors_reach_the_window_with_aws_code(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.users import UsersView

    view = UsersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.apply("enable", ["no-such-user-" + unique()]))
    assert isinstance(ctx.errors[-1], errors.NotFound)
    assert ctx.errors[-1].code == "UserNotFoundException"


def test_groups_view(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.groups import GroupsView

    view = GroupsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert {"admins", "editors", "readers"} <= {g.name for g in view.model.items()}
    name = unique("grp")
    aloop.run_until_complete(view.save(Group(name, ctx.pool_id, "d", 5), create=True))
    aloop.run_until_complete(view.save(Group(name, ctx.pool_id, "changed", 7), create=False))
    assert view.model.item(view.model.row_of(name)).precedence == 7
    aloop.run_until_complete(view.show_details(view.model.item(view.model.row_of("admins"))))
    assert view.members.rowCount() >= 1
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(name))))
    assert view.model.row_of(name) < 0


def test_app_clients_view_shows_secret_on_request(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.app_clients import AppClientsView

    view = AppClientsView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    backend = next(c for c in view.model.items() if c.name == "demo-backend")
    aloop.run_until_complete(view.show_details(backend))
    assert view.client is not None and view.client.secret
    assert view.client.secret not in view.ui.details.toPlainText()
    view.show_client(reveal=True)
    assert view.client.secret in view.ui.details.toPlainText()
    saved = aloop.run_until_complete(view.save(None, {"ClientName": unique("c"), "GenerateSecret": False}))
    assert saved is not None
    aloop.run_until_complete(view.save(saved.id, {"CallbackURLs": ["https://example.com/cb"]}))
    assert view.client.callback_urls == ("https://example.com/cb",)
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of(saved.id))))


def test_identity_providers_view(qtbot: Any, aloop: Any, ctx: Any) -> None:
    from console.views.dialogs import IdentityProviderDialog
    from console.views.identity_providers import IdentityProvidersView

    view = IdentityProvidersView(ctx)
    qtbot.addWidget(view)
    aloop.run_until_complete(view.load())
    assert "DemoOIDC" in [p.name for p in view.model.items()]
    dialog = IdentityProviderDialog(view)
    qtbot.addWidget(dialog)
    dialog.ui.typeCombo.setCurrentText("Google")
    assert dialog.validate() == "Google needs a client ID."
    dialog.ui.clientIdEdit.setText("gid")
    dialog.ui.clientSecretEdit.setText("gsecret")
    assert dialog.validate() is None
    idp: IdentityProvider = dialog.value(ctx.pool_id)
    aloop.run_until_complete(view.save(idp, create=True))
    assert view.model.row_of("Google") >= 0
    aloop.run_until_complete(view.delete(view.model.item(view.model.row_of("Google"))))


def test_token_inspector_verifies_a_real_token(qtbot: Any, aloop: Any, ctx: Any, cognito: Any) -> None:
    from console.views.tokens import TokenInspectorView

    idp = make_client(cognito.base_url)
    client_id = next(
        c["ClientId"] for c in idp.list_user_pool_clients(UserPoolId=ctx.pool_id, MaxResults=60)["UserPoolClients"]
        if c["ClientName"] == "demo-web"
    )  # fmt: skip
    name = unique("tok")
    idp.admin_create_user(UserPoolId=ctx.pool_id, Username=name, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=ctx.pool_id, Username=name, Password="Aa1!tokentest", Permanent=True)
    auth = idp.admin_initiate_auth(
        UserPoolId=ctx.pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": "Aa1!tokentest"},
    )["AuthenticationResult"]  # fmt: skip
    view = TokenInspectorView(ctx)
    qtbot.addWidget(view)
    view.ui.tokenEdit.setPlainText(auth["IdToken"])
    assert view.decoded is not None and view.decoded.claims["cognito:username"] == name
    result = aloop.run_until_complete(view.verify())
    assert result is not None and result.valid, result
    head, body, sig = auth["IdToken"].split(".")
    view.ui.tokenEdit.setPlainText(f"{head}.{body}.{sig[:-4]}AAAA")
    result = aloop.run_until_complete(view.verify())
    assert result is not None and not result.valid
    view.ui.tokenEdit.setPlainText(auth["IdToken"])
    # A long kid keeps its start and end in view, and the whole of it is in the tooltip.
    assert view.ui.headerTable.textElideMode() == Qt.TextElideMode.ElideMiddle
    kid = view.decoded.header["kid"]
    row = next(r for r in range(view.header.rowCount()) if view.header.index(r, 0).data() == "kid")
    assert view.header.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == kid
    view.ui.tokenEdit.setPlainText("not a token")
    assert view.decoded is None and "three parts" in view.ui.verdict.text()
