"""User pools: list with key facts, details, guided create, edit, delete with confirmation."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QMenu, QPushButton, QWidget
from qasync import asyncSlot

from console.models.resources import PoolsModel
from console.models.table import local_time
from console.services import errors
from console.services.protocol import Pool

from . import assets
from ._generated.ui_resource_view import Ui_ResourceView
from .attributes import SchemaDialog
from .base import (
    View,
    accepted,
    document,
    failure_note,
    make_proxy,
    name_resource_view,
    section,
    selected_records,
    setup_table,
    unavailable,
    yes_no,
)
from .context import AppContext
from .dialogs import PoolDialog, until_saved
from .domains import DomainChange, DomainDialog
from .messages import MessagesDialog
from .triggers import TriggersDialog


class PoolsView(View):
    name = "pools"
    title = "User pools"
    icon_name = "pools"
    needs_pool = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_ResourceView()
        self.ui.setupUi(self)
        self.model = PoolsModel(self)
        self.proxy = make_proxy(self.model, self)
        self.ui.table.setModel(self.proxy)
        setup_table(self.ui.table)
        self.ui.table.setColumnWidth(0, 220)
        self.ui.table.setColumnWidth(1, 220)
        self.ui.filterEdit.setPlaceholderText("Filter user pools")
        name_resource_view(self.ui, self.title, "user pool")
        self.ui.createButton.setText("Create user pool")
        self.ui.createButton.setIcon(assets.icon("add", "#ffffff"))
        self.ui.emptyState.setText("No user pools yet.\nCreate one to hold your app's users.")
        self.ui.filterEdit.textChanged.connect(self.proxy.setFilterFixedString)
        self.ui.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.createButton.clicked.connect(self.on_create_clicked)
        self.ui.editButton.clicked.connect(self.on_edit_clicked)
        self.ui.deleteButton.clicked.connect(self.on_delete_clicked)
        self.ui.splitter.setSizes([250, 430])
        self.wire_details(self.ui.details)
        # The pool's settings that have a dialog of their own, under one button beside Edit.
        self.configureButton = QPushButton("Configure", self)
        self.configureButton.setObjectName("configureButton")
        self.configureButton.setAccessibleName("Configure user pool")
        self.configureButton.setToolTip("Domains, attributes, Lambda triggers and message templates of the user pool")
        self.configureMenu = QMenu(self.configureButton)
        self.configureMenu.addAction("Domains…", self.on_domains_clicked)
        self.configureMenu.addAction("Attributes…", self.on_attributes_clicked)
        self.configureMenu.addAction("Lambda triggers…", self.on_triggers_clicked)
        self.configureMenu.addAction("Message templates…", self.on_messages_clicked)
        self.configureButton.setMenu(self.configureMenu)
        self.ui.actions.insertWidget(self.ui.actions.indexOf(self.ui.editButton), self.configureButton)
        # Pools whose DescribeUserPool failed, and why: their rows and panes show what the listing told.
        self.describe_failures: dict[str, errors.ServiceError] = {}
        self._update_buttons()

    def _update_buttons(self) -> None:
        one = len(self.ui.table.selectionModel().selectedRows()) == 1
        self.ui.editButton.setEnabled(one)
        self.ui.deleteButton.setEnabled(one)
        if hasattr(self, "configureButton"):
            self.configureButton.setEnabled(one)
        self.ui.tableStack.setCurrentIndex(0 if self.model.rowCount() else 1)

    def current(self) -> Pool | None:
        records = selected_records(self.ui.table)
        return records[0] if len(records) == 1 else None

    async def load(self) -> None:
        async with self.ctx.busy("Loading user pools"):
            service = self.ctx.require()
            summaries = await service.list_pools()
            self.model.set_items(Pool(s.id, s.name, created=s.created, modified=s.modified) for s in summaries)
            self._update_buttons()
            self._announce()
            # The key facts (estimated users, MFA) come from DescribeUserPool: a few at a time. One that fails
            # leaves its pool as listed, and its details pane says why.
            gate = asyncio.Semaphore(4)
            self.describe_failures = {}

            async def describe(pool_id: str) -> None:
                async with gate:
                    pool = await self.ctx.attempt(f"Loading user pool {pool_id}", service.describe_pool, pool_id)
                if isinstance(pool, errors.ServiceError):
                    self.describe_failures[pool_id] = pool
                else:
                    self.model.upsert(pool)
                shown = self.current()
                if shown is not None and shown.id == pool_id:
                    self.on_selection_changed()

            await asyncio.gather(*(describe(s.id) for s in summaries))
            self.loaded_pool = self.ctx.pool_id
            self.select(self.ctx.pool_id)

    def _announce(self) -> None:
        """Tell the window's pool picker what the pools are now (created, renamed, deleted)."""
        self.ctx.poolsListed.emit([(p.id, p.name) for p in self.model.items()])

    def select(self, pool_id: str) -> None:
        row = self.model.row_of(pool_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.ui.table.selectRow(index.row())

    def on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        pool = self.current()
        if pool is None:
            self.ui.details.setHtml("<p style='color:#6b7280'>Select a user pool to see its settings.</p>")
            return
        self.ctx.set_pool(pool.id)
        failure = self.describe_failures.get(pool.id)
        self.failures = {"pool": failure} if failure else dict(pool.unavailable)
        self.ui.details.setHtml(pool_details(pool, failure))

    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    @asyncSlot()
    async def on_create_clicked(self) -> None:
        dialog = PoolDialog(self)
        if not await accepted(dialog):
            return
        await self.create_pool(dialog.request(), dialog.mfa())

    async def create_pool(self, request: dict[str, Any], mfa: tuple[str, bool] | None = None) -> Pool | None:
        """CreateUserPool, then SetUserPoolMfaConfig when MFA is chosen; a failed second step is reported
        as such (the pool exists), never silently dropped."""
        created: Pool | None = None
        async with self.ctx.busy("Creating user pool"):
            service = self.ctx.require()
            created = await service.create_pool(request)
            self.describe_failures.pop(created.id, None)
            self.model.upsert(created)
            self._announce()
            self.select(created.id)
            self._update_buttons()
            if mfa is not None:
                try:
                    created = await service.set_mfa_config(created.id, *mfa)
                except errors.ServiceError as exc:
                    exc.message = (
                        f"The user pool {created.id} was created, but its MFA setting was not saved: {exc.message}"
                    )
                    raise
                self.model.upsert(created)
                self.on_selection_changed()
            self.ctx.notice.emit(f"Created user pool {created.name} ({created.id})")
        return created

    @asyncSlot()
    async def on_edit_clicked(self) -> None:
        pool = self.current()
        if pool is None:
            return
        dialog = PoolDialog(self, pool)
        if not await accepted(dialog):
            return
        await self.update_pool(pool.id, dialog.changes(), dialog.mfa())

    async def update_pool(self, pool_id: str, changes: dict[str, Any], mfa: tuple[str, bool] | None = None) -> None:
        async with self.ctx.busy("Saving user pool"):
            service = self.ctx.require()
            pool = await service.update_pool(pool_id, changes)
            self.describe_failures.pop(pool_id, None)
            self.model.upsert(pool)
            self._announce()
            if mfa is not None:
                try:
                    pool = await service.set_mfa_config(pool_id, *mfa)
                except errors.ServiceError as exc:
                    exc.message = f"The other settings were saved, but the MFA setting was not: {exc.message}"
                    raise
                self.model.upsert(pool)
            self.on_selection_changed()

    @asyncSlot()
    async def on_delete_clicked(self) -> None:
        pool = self.current()
        if pool is None:
            return
        if pool.deletion_protection == "ACTIVE":
            self.ctx.invalid(
                f"The user pool {pool.id} has deletion protection turned on. Turn it off (Edit) before deleting."
            )
            return
        text = (
            f"Delete the user pool {pool.name} ({pool.id})?\n\nIts {pool.estimated_users} users, groups, "
            "app clients and identity providers are deleted with it. This cannot be undone."
        )
        if await self.confirm("Delete user pool", text, accept="Delete user pool"):
            await self.delete(pool.id)

    async def delete(self, pool_id: str) -> None:
        async with self.ctx.busy("Deleting user pool"):
            await self.ctx.require().delete_pool(pool_id)
            self.model.remove(pool_id)
            self._announce()
            if self.ctx.pool_id == pool_id:
                # Go on with another pool rather than leave the picker on one that is gone.
                remaining = self.model.items()
                self.ctx.set_pool(remaining[0].id if remaining else "")
            self._update_buttons()

    # --- configure: domains ----------------------------------------------------------------------------
    @asyncSlot()
    async def on_domains_clicked(self) -> None:
        pool = self.current()
        if pool is not None:
            await self.configure_domains(pool)

    async def configure_domains(self, pool: Pool) -> None:
        async with self.ctx.busy("Reading domains"):
            domains = await self.ctx.require().pool_domains(pool.id)
            dialog = DomainDialog(pool.name, domains, self)

            async def save() -> None:
                change = dialog.change()
                if change.action == "delete" and not await self.confirm(
                    "Delete domain",
                    f"Delete the domain {change.domain}? Its sign-in pages and OAuth endpoints stop answering.",
                    accept="Delete domain",
                ):
                    raise errors.ServiceError("Cancelled", f"The domain {change.domain} was not deleted.")
                await self.save_domain(pool.id, change)

            if await until_saved(dialog, save):
                self.ctx.notice.emit(f"Saved the domains of {pool.name}")
            dialog.deleteLater()

    async def save_domain(self, pool_id: str, change: DomainChange) -> None:
        """Create, update or delete a domain; errors propagate (the dialog shows AWS's message)."""
        service = self.ctx.require()
        if change.action == "create":
            await service.create_pool_domain(
                pool_id, change.domain, change.certificate_arn, change.managed_login_version
            )
        elif change.action == "update":
            await service.update_pool_domain(
                pool_id, change.domain, change.managed_login_version, change.certificate_arn
            )
        else:
            await service.delete_domain(pool_id, change.domain)
        self.model.upsert(await service.describe_pool(pool_id))
        if (shown := self.current()) is not None and shown.id == pool_id:
            self.on_selection_changed()

    # --- configure: attribute schema ---------------------------------------------------------------------
    @asyncSlot()
    async def on_attributes_clicked(self) -> None:
        pool = self.current()
        if pool is not None:
            await self.configure_attributes(pool)

    async def configure_attributes(self, pool: Pool) -> None:
        async with self.ctx.busy("Reading the attribute schema"):
            current = await self.ctx.require().describe_pool(pool.id)
            dialog = SchemaDialog(current.name, current.schema, self)
            if await until_saved(dialog, lambda: self.add_custom_attribute(pool.id, dialog.attribute())):
                self.ctx.notice.emit(f"Added custom:{dialog.attribute()['Name']} to {pool.name}")
            dialog.deleteLater()

    async def add_custom_attribute(self, pool_id: str, attribute: dict[str, Any]) -> None:
        """AddCustomAttributes; errors propagate (the dialog shows AWS's message)."""
        pool = await self.ctx.require().add_custom_attributes(pool_id, [attribute])
        self.model.upsert(pool)
        if (shown := self.current()) is not None and shown.id == pool_id:
            self.on_selection_changed()

    # --- configure: Lambda triggers and message templates (UpdateUserPool with the whole document) ---------
    @asyncSlot()
    async def on_triggers_clicked(self) -> None:
        pool = self.current()
        if pool is not None:
            await self.configure_triggers(pool)

    async def configure_triggers(self, pool: Pool) -> None:
        async with self.ctx.busy("Reading Lambda triggers"):
            current = await self.ctx.require().describe_pool(pool.id)
            dialog = TriggersDialog(current.name, current.raw.get("LambdaConfig") or {}, self)
            if await until_saved(dialog, lambda: self.save_settings(pool.id, {"LambdaConfig": dialog.lambda_config()})):
                self.ctx.notice.emit(f"Saved the Lambda triggers of {pool.name}")
            dialog.deleteLater()

    @asyncSlot()
    async def on_messages_clicked(self) -> None:
        pool = self.current()
        if pool is not None:
            await self.configure_messages(pool)

    async def configure_messages(self, pool: Pool) -> None:
        async with self.ctx.busy("Reading message templates"):
            current = await self.ctx.require().describe_pool(pool.id)
            dialog = MessagesDialog(current.name, current.raw, self)
            if await until_saved(dialog, lambda: self.save_settings(pool.id, dialog.changes())):
                self.ctx.notice.emit(f"Saved the message templates of {pool.name}")
            dialog.deleteLater()

    async def save_settings(self, pool_id: str, changes: dict[str, Any]) -> Pool:
        """UpdateUserPool with the current document plus ``changes``; errors propagate (the dialog shows them)."""
        pool = await self.ctx.require().update_pool(pool_id, changes)
        self.model.upsert(pool)
        if (shown := self.current()) is not None and shown.id == pool_id:
            self.on_selection_changed()
        return pool


def pool_details(pool: Pool, failure: errors.ServiceError | None = None) -> str:
    """A user pool's settings; ``failure`` is why DescribeUserPool could not tell them (the listing's facts
    still show)."""
    if failure is not None:
        return document(
            pool.name,
            pool.id,
            section("Overview", [("Created", local_time(pool.created)), ("Last modified", local_time(pool.modified))]),
            unavailable("Settings", failure, "pool"),
        )
    policy = pool.password_policy
    require = [
        label
        for key, label in (
            ("RequireUppercase", "uppercase"),
            ("RequireLowercase", "lowercase"),
            ("RequireNumbers", "numbers"),
            ("RequireSymbols", "symbols"),
        )
        if policy.get(key)
    ]
    raw = pool.raw
    sign_in = ", ".join(pool.username_attributes) or "user name"
    if pool.alias_attributes:
        sign_in += f" (aliases: {', '.join(pool.alias_attributes)})"
    method_labels = {"TOTP": "Authenticator apps (TOTP)", "SMS": "SMS messages", "EMAIL": "Email messages"}
    mfa_methods = [method_labels.get(m, m) for m in pool.mfa_methods]
    mfa_label = {"OFF": "Off", "OPTIONAL": "Optional", "ON": "Required"}.get(pool.mfa, pool.mfa)
    mfa_failure = pool.unavailable.get("mfa_methods")
    schema_rows = [
        (
            a.get("Name", ""),
            f"{a.get('AttributeDataType', '')}"
            + (", required" if a.get("Required") else "")
            + ("" if a.get("Mutable", True) else ", immutable"),
        )
        for a in pool.schema
        if a.get("Name") != "sub"
    ]
    return document(
        pool.name,
        f"{pool.id} · {pool.arn}",
        section(
            "Overview",
            [
                ("Estimated users", pool.estimated_users),
                ("Created", local_time(pool.created)),
                ("Last modified", local_time(pool.modified)),
                ("Deletion protection", "Active" if pool.deletion_protection == "ACTIVE" else "Inactive"),
                ("Domain", pool.domain or "None"),
            ],
        ),
        section(
            "Sign-in",
            [
                ("Users sign in with", sign_in),
                ("Case-sensitive user names", yes_no((raw.get("UsernameConfiguration") or {}).get("CaseSensitive"))),
                ("Self sign-up", yes_no(not (raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly"))),
                ("Verified automatically", ", ".join(pool.auto_verified) or "Nothing"),
            ],
        ),
        section(
            "Password policy",
            [
                ("Minimum length", policy.get("MinimumLength", 8)),
                ("Requires", ", ".join(require) or "nothing more"),
                ("Temporary password validity", f"{policy.get('TemporaryPasswordValidityDays', 7)} days"),
                ("Password history", policy.get("PasswordHistorySize") or "Not kept"),
            ],
        ),
        section(
            "Multi-factor authentication",
            [("MFA", mfa_label)]
            + ([("Methods", ", ".join(mfa_methods) or "—")] if pool.mfa != "OFF" and not mfa_failure else []),
        )
        + (failure_note(mfa_failure, "mfa_methods") if mfa_failure else ""),
        section("Attribute schema", schema_rows),
        section("Tags", sorted(pool.tags.items())),
    )
