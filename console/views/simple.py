"""Groups, app clients and identity providers: list, details, create, edit, delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget
from qasync import asyncSlot

from console.models.resources import PROVIDER_LABELS, AppClientsModel, GroupsModel, IdentityProvidersModel
from console.models.table import local_time
from console.models.users import UsersModel
from console.services.protocol import AppClient, Group, IdentityProvider, Page

from . import assets
from ._generated.ui_resource_view import Ui_ResourceView
from .base import View, document, h, listing, make_proxy, section, selected_records, setup_table, yes_no
from .context import AppContext
from .dialogs import AppClientDialog, GroupDialog, IdentityProviderDialog


class ListView(View):
    """A list with a details pane over resource_view.ui; subclasses say what a row is."""

    noun = ""
    empty = ""

    def __init__(self, ctx: AppContext, model: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_ResourceView()
        self.ui.setupUi(self)
        self.model = model
        self.proxy = make_proxy(model, self)
        self.ui.table.setModel(self.proxy)
        setup_table(self.ui.table)
        self.ui.table.setColumnWidth(0, 220)
        self.ui.filterEdit.setPlaceholderText(f"Filter {self.noun}s")
        self.ui.createButton.setText(f"Create {self.noun}")
        self.ui.createButton.setIcon(assets.icon("add", "#ffffff"))
        self.ui.emptyState.setText(self.empty)
        self.ui.filterEdit.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.ui.table.doubleClicked.connect(lambda *_: self.ui.editButton.click())
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.createButton.clicked.connect(self.on_create_clicked)
        self.ui.editButton.clicked.connect(self.on_edit_clicked)
        self.ui.deleteButton.clicked.connect(self.on_delete_clicked)
        self.ui.splitter.setSizes([250, 430])
        self._update_buttons()

    def _update_buttons(self) -> None:
        one = len(self.ui.table.selectionModel().selectedRows()) == 1
        self.ui.editButton.setEnabled(one)
        self.ui.deleteButton.setEnabled(one)
        self.ui.createButton.setEnabled(bool(self.ctx.pool_id))
        self.ui.tableStack.setCurrentIndex(0 if self.model.rowCount() else 1)

    def current(self) -> Any:
        records = selected_records(self.ui.table)
        return records[0] if len(records) == 1 else None

    async def load(self) -> None:
        pool = self.ctx.pool_id
        if not pool:
            self.model.set_items([])
            self.ui.emptyState.setText("Choose a user pool first.")
            self._update_buttons()
            return
        if pool != self.loaded_pool:
            # Another pool's rows must not stay on show (and be acted on) should this listing fail.
            self.model.set_items([])
            self._update_buttons()
        async with self.ctx.busy(f"Loading {self.noun}s"):
            self.model.set_items(await self.fetch(pool))
            self.ui.emptyState.setText(self.empty)
            self.loaded_pool = pool
            self._update_buttons()
            if self.model.rowCount():
                self.ui.table.selectRow(0)

    async def fetch(self, pool_id: str) -> list[Any]:
        raise NotImplementedError

    def on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        record = self.current()
        if record is None:
            self.ui.details.setHtml(f"<p style='color:#6b7280'>Select a {self.noun} to see its settings.</p>")
            return
        self.ctx.spawn(self.show_details(record))

    async def show_details(self, record: Any) -> None:
        pass

    def _claim_details(self) -> int:
        """Number a details load; a slower, older load must not overwrite a newer one."""
        self._details_seq = getattr(self, "_details_seq", 0) + 1
        return self._details_seq

    def _is_latest(self, claim: int) -> bool:
        return claim == getattr(self, "_details_seq", 0)

    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    @asyncSlot()
    async def on_create_clicked(self) -> None:
        if not self.ui.createButton.isEnabled():  # a click queued before the first one started
            return
        self.ui.createButton.setEnabled(False)
        try:
            await self.edit(None)
        finally:
            self._update_buttons()

    @asyncSlot()
    async def on_edit_clicked(self) -> None:
        record = self.current()
        if record is None or not self.ui.editButton.isEnabled():  # a click queued before the first started
            return
        # Editing loads the record before the dialog opens: a second click meanwhile opened a second dialog.
        self.ui.editButton.setEnabled(False)
        try:
            await self.edit(record)
        finally:
            self._update_buttons()

    async def edit(self, record: Any) -> None:
        raise NotImplementedError

    @asyncSlot()
    async def on_delete_clicked(self) -> None:
        record = self.current()
        if record is not None and self.confirm(
            f"Delete {self.noun}", f"Delete the {self.noun} {record.name}? This cannot be undone.", accept="Delete"
        ):
            await self.delete(record)

    async def delete(self, record: Any) -> None:
        raise NotImplementedError


class GroupsView(ListView):
    name = "groups"
    title = "Groups"
    icon_name = "groups"
    noun = "group"
    empty = "No groups in this user pool.\nGroups give users roles and precedence in their tokens."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, GroupsModel(), parent)
        self.model.setParent(self)
        self.members = UsersModel(["email"], self)

    async def fetch(self, pool_id: str) -> list[Group]:
        return await self.ctx.require().list_groups(pool_id)

    async def show_details(self, group: Group) -> None:
        claim = self._claim_details()
        async with self.ctx.busy(f"Loading members of {group.name}"):
            members = await self.ctx.require().group_members(self.ctx.pool_id, group.name)
            if not self._is_latest(claim):
                return
            generation = self.members.begin_search()
            self.members.append_page(generation, Page(tuple(members)))
            self.ui.details.setHtml(
                document(
                    group.name,
                    group.description,
                    section(
                        "Group",
                        [
                            ("Precedence", "None" if group.precedence is None else group.precedence),
                            ("IAM role ARN", group.role_arn or "None"),
                            ("Created", local_time(group.created)),
                            ("Last modified", local_time(group.modified)),
                        ],
                    ),
                    section(f"Members ({len(members)})", [(m.username, m.email) for m in members[:200]]),
                )
            )

    async def edit(self, group: Group | None) -> None:
        dialog = GroupDialog(self, group, self.members if group else None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            await self.save(dialog.value(self.ctx.pool_id), create=group is None)

    async def save(self, group: Group, create: bool) -> None:
        async with self.ctx.busy("Saving group"):
            service = self.ctx.require()
            saved = await (service.create_group(group) if create else service.update_group(group))
            self.model.upsert(saved)
            self._update_buttons()

    async def delete(self, group: Group) -> None:
        async with self.ctx.busy(f"Deleting {group.name}"):
            await self.ctx.require().delete_group(self.ctx.pool_id, group.name)
            self.model.remove(group.name)
            self._update_buttons()


class AppClientsView(ListView):
    name = "app-clients"
    title = "App clients"
    icon_name = "app-clients"
    noun = "app client"
    empty = "No app clients.\nAn app client lets an application sign users in to this pool."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, AppClientsModel(), parent)
        self.model.setParent(self)
        self.client: AppClient | None = None
        self.ui.details.setOpenLinks(False)
        self.ui.details.anchorClicked.connect(self._on_link)

    async def fetch(self, pool_id: str) -> list[Any]:
        return await self.ctx.require().list_app_clients(pool_id)

    async def show_details(self, summary: Any) -> None:
        claim = self._claim_details()
        async with self.ctx.busy(f"Loading {summary.name}"):
            client = await self.ctx.require().describe_app_client(self.ctx.pool_id, summary.id)
            if not self._is_latest(claim):
                return
            self.client = client
            self.show_client(reveal=False)

    def show_client(self, reveal: bool) -> None:
        c = self.client
        if c is None:
            return
        raw = c.raw
        units = raw.get("TokenValidityUnits") or {}
        secret = "None"  # noqa: S105 - display text, not a credential
        if c.secret:
            secret = c.secret if reveal else "•" * 12
        links = (
            "<p><a href='copy:id'>Copy client ID</a>"
            + (
                f" · <a href='{'hide' if reveal else 'show'}:secret'>{'Hide' if reveal else 'Show'} secret</a>"
                " · <a href='copy:secret'>Copy secret</a>"
                if c.secret
                else ""
            )
            + "</p>"
        )
        self.ui.details.setHtml(
            document(
                c.name,
                c.id,
                links,
                section(
                    "Client",
                    [
                        ("Client ID", c.id),
                        ("Client secret", secret),
                        ("Created", local_time(c.created)),
                        ("Last modified", local_time(c.modified)),
                    ],
                ),
                listing("Authentication flows", c.auth_flows),
                section(
                    "Hosted UI and OAuth",
                    [
                        ("OAuth enabled", yes_no(raw.get("AllowedOAuthFlowsUserPoolClient"))),
                        ("Grant types", ", ".join(raw.get("AllowedOAuthFlows") or []) or "None"),
                        ("Scopes", " ".join(raw.get("AllowedOAuthScopes") or []) or "None"),
                        ("Callback URLs", ", ".join(c.callback_urls) or "None"),
                        ("Sign-out URLs", ", ".join(raw.get("LogoutURLs") or []) or "None"),
                        ("Identity providers", ", ".join(raw.get("SupportedIdentityProviders") or []) or "None"),
                    ],
                ),
                section(
                    "Tokens",
                    [
                        # Without TokenValidityUnits AWS counts these two in hours; absent, they are 1 hour.
                        ("Access token", _validity(raw.get("AccessTokenValidity"), units.get("AccessToken"))),
                        ("ID token", _validity(raw.get("IdTokenValidity"), units.get("IdToken"))),
                        ("Refresh token", f"{raw.get('RefreshTokenValidity', 30)} {units.get('RefreshToken', 'days')}"),
                        ("Token revocation", yes_no(raw.get("EnableTokenRevocation"))),
                        ("Prevent user existence errors", raw.get("PreventUserExistenceErrors", "LEGACY")),
                    ],
                ),
            )
        )

    def _on_link(self, url: Any) -> None:
        action, _, what = url.toString().partition(":")
        if self.client is None:
            return
        if action == "copy":
            value = self.client.id if what == "id" else (self.client.secret or "")
            QGuiApplication.clipboard().setText(value)
            self.ctx.notice.emit("Client ID copied" if what == "id" else "Client secret copied")
        else:
            self.show_client(reveal=action == "show")

    async def edit(self, summary: Any) -> None:
        client = None
        if summary is not None:
            async with self.ctx.busy("Loading app client"):
                client = await self.ctx.require().describe_app_client(self.ctx.pool_id, summary.id)
            if client is None:
                return
        dialog = AppClientDialog(self, client)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            await self.save(client.id if client else None, dialog.request())

    async def save(self, client_id: str | None, request: dict[str, Any]) -> AppClient | None:
        async with self.ctx.busy("Saving app client"):
            service = self.ctx.require()
            if client_id is None:
                saved = await service.create_app_client(self.ctx.pool_id, request)
            else:
                saved = await service.update_app_client(self.ctx.pool_id, client_id, request)
            from console.services.protocol import AppClientSummary

            self.model.upsert(AppClientSummary(saved.id, saved.name, saved.pool_id))
            self.client = saved
            self.show_client(reveal=False)
            self._update_buttons()
            return saved
        return None

    async def delete(self, summary: Any) -> None:
        async with self.ctx.busy(f"Deleting {summary.name}"):
            await self.ctx.require().delete_app_client(self.ctx.pool_id, summary.id)
            self.model.remove(summary.id)
            self._update_buttons()


def _validity(value: Any, unit: str | None) -> str:
    return f"{value} {unit or 'hours'}" if value else "60 minutes"


class IdentityProvidersView(ListView):
    name = "identity-providers"
    title = "Identity providers"
    icon_name = "identity-providers"
    noun = "identity provider"
    empty = "No identity providers.\nAdd OIDC, SAML, Google, Facebook, Amazon or Apple sign-in."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, IdentityProvidersModel(), parent)
        self.model.setParent(self)
        self.ui.createButton.setText("Add identity provider")

    async def fetch(self, pool_id: str) -> list[IdentityProvider]:
        return await self.ctx.require().list_identity_providers(pool_id)

    async def show_details(self, summary: IdentityProvider) -> None:
        claim = self._claim_details()
        async with self.ctx.busy(f"Loading {summary.name}"):
            idp = await self.ctx.require().describe_identity_provider(self.ctx.pool_id, summary.name)
            if not self._is_latest(claim):
                return
            details = {k: ("•" * 8 if "secret" in k or k == "private_key" else v) for k, v in idp.details.items()}
            if "MetadataFile" in details:
                details["MetadataFile"] = f"{len(idp.details['MetadataFile'])} characters of SAML metadata"
            self.ui.details.setHtml(
                document(
                    idp.name,
                    PROVIDER_LABELS.get(idp.type, idp.type),
                    section("Provider details", sorted(details.items())),
                    section("Attribute mapping", sorted(idp.attribute_mapping.items())),
                    listing("Identifiers", idp.identifiers),
                    f"<p style='color:#6b7280'>Created {h(local_time(idp.created))}</p>",
                )
            )

    async def edit(self, summary: IdentityProvider | None) -> None:
        idp = None
        if summary is not None:
            async with self.ctx.busy("Loading identity provider"):
                idp = await self.ctx.require().describe_identity_provider(self.ctx.pool_id, summary.name)
            if idp is None:
                return
        dialog = IdentityProviderDialog(self, idp)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            await self.save(dialog.value(self.ctx.pool_id), create=idp is None)

    async def save(self, idp: IdentityProvider, create: bool) -> None:
        async with self.ctx.busy("Saving identity provider"):
            service = self.ctx.require()
            saved = await (service.create_identity_provider(idp) if create else service.update_identity_provider(idp))
            self.model.upsert(saved)
            self._update_buttons()

    async def delete(self, idp: IdentityProvider) -> None:
        async with self.ctx.busy(f"Deleting {idp.name}"):
            await self.ctx.require().delete_identity_provider(self.ctx.pool_id, idp.name)
            self.model.remove(idp.name)
            self._update_buttons()
