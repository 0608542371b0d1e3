"""Users: server-side search and paging (fetchMore), details, single and bulk actions, CSV export."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox, QPushButton, QWidget
from qasync import asyncSlot

from console.models.table import local_time
from console.models.users import STATUS_LABELS, UsersModel
from console.services.errors import ServiceError
from console.services.protocol import SEARCHABLE_ATTRIBUTES, AuthEvent, Device, User, UserFilter

from . import assets
from ._generated.ui_users_view import Ui_UsersView
from .base import (
    View,
    accepted,
    document,
    h,
    listing,
    pending,
    run_dialog,
    section,
    selected_records,
    setup_table,
    unavailable,
)
from .context import AppContext
from .dialogs import AttributesDialog, UserDialog, until_saved
from .user_import import UserImportDialog
from .user_mfa import UserMfaDialog

STATUS_FILTERS = (
    [("All users", None)]
    + [(label, code) for code, label in STATUS_LABELS.items()]
    + [
        ("Enabled", "Enabled"),
        ("Disabled", "Disabled"),
    ]
)
COLUMN_CHOICES = ("email", "name", "phone_number", "given_name", "family_name", "preferred_username", "sub",
                  "email_verified", "phone_number_verified")  # fmt: skip


NO_SELECTION = (
    "<p style='color:#6b7280'>Select a user to see their attributes, groups, devices and sign-in events. "
    "Select several (Shift or Ctrl) for bulk actions.</p>"
)


def keep_rows_out_of_full_collections() -> None:
    """Move what survived so far into the permanent generation (gc.freeze).

    A full collection scans every tracked object: with 100,000 listed users that is about 300 ms with the
    event loop stalled. Listed users are plain records without reference cycles (refcounting frees them),
    so the collector gains nothing by scanning them. Young cycles are collected first so that only
    survivors are frozen.
    """
    gc.collect(1)
    gc.freeze()


class UsersView(View):
    name = "users"
    title = "Users"
    icon_name = "users"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, columns: list[str] | None = None) -> None:
        super().__init__(ctx, parent)
        self.ui = Ui_UsersView()
        self.ui.setupUi(self)
        self.model = UsersModel(columns or ["email", "name"], self)
        self.ui.table.setModel(self.model)
        setup_table(self.ui.table)
        self._size_columns()
        for attr in SEARCHABLE_ATTRIBUTES:
            if attr not in ("cognito:user_status", "status"):
                self.ui.attributeCombo.addItem(attr.replace("_", " ").capitalize() if attr != "sub" else "sub", attr)
        self.ui.attributeCombo.setCurrentIndex(self.ui.attributeCombo.findData("email"))
        for label, code in STATUS_FILTERS:
            self.ui.statusCombo.addItem(label, code)
        self.ui.createButton.setIcon(assets.icon("add", "#ffffff"))
        self.ui.createButton.setObjectName("createButton")
        self.ui.emptyState.setText("No users match.\nCreate a user, or change the search.")
        self._search_timer: asyncio.TimerHandle | None = None
        self._pages = 0
        # The filter each search was started with: its pages (and their tokens) belong to it, whatever the
        # search fields say while the next search waits for its debounce.
        self._search: tuple[int, UserFilter] = (0, self.current_filter())
        self._details_task: asyncio.Task[Any] | None = None
        self.pane: UserPane | None = None
        self.groups: list[str] = []

        menu = QMenu(self)
        self.actions_by_name: dict[str, QAction] = {}
        for key, label in (
            ("enable", "Enable"),
            ("disable", "Disable"),
            ("reset", "Reset password"),
            ("set_password", "Set password…"),
            ("confirm", "Confirm account"),
            ("add_group", "Add to group…"),
            ("remove_group", "Remove from group…"),
            ("sign_out", "Sign out everywhere"),
            ("mfa", "MFA settings…"),
            ("reset_totp", "Reset authenticator app (TOTP)"),
            ("resend", "Resend invitation"),
            ("delete", "Delete"),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, k=key: self.on_action(k))
            self.actions_by_name[key] = action
        self.actions_by_name["delete"].setShortcut(QKeySequence.StandardKey.Delete)
        self.ui.actionsButton.setMenu(menu)
        self.addAction(self.actions_by_name["delete"])

        self.model.fetchRequested.connect(self.on_fetch_requested)
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.ui.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.ui.searchEdit.textChanged.connect(self._schedule_search)
        self.ui.searchEdit.returnPressed.connect(self.on_refresh_clicked)
        self.ui.attributeCombo.currentIndexChanged.connect(self._schedule_search)
        self.ui.matchCombo.currentIndexChanged.connect(self._schedule_search)
        self.ui.statusCombo.currentIndexChanged.connect(self._schedule_search)
        self.ui.refreshButton.clicked.connect(self.on_refresh_clicked)
        self.ui.createButton.clicked.connect(self.on_create_clicked)
        self.ui.editButton.clicked.connect(self.on_edit_clicked)
        self.ui.exportButton.clicked.connect(self.on_export_clicked)
        self.importButton = QPushButton("Import CSV", self)
        self.importButton.setAccessibleName("Import users from a CSV file")
        self.importButton.clicked.connect(self.on_import_clicked)
        self.ui.actions.insertWidget(self.ui.actions.indexOf(self.ui.exportButton) + 1, self.importButton)
        self.ui.columnsButton.clicked.connect(self.on_columns_clicked)
        self.ui.splitter.setSizes([420, 260])
        self.wire_details(self.ui.details)
        self._update_buttons()

    def _size_columns(self) -> None:
        # Widths that fit the default columns in a 1280-pixel window without a horizontal scroll bar.
        widths = {"User name": 150, "email": 200, "name": 130, "sub": 280, "Confirmation status": 155, "Status": 72}
        date_width = self.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 20
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = date_width if title in ("Created", "Last modified") else widths.get(title, 140)
            self.ui.table.setColumnWidth(column, width)

    # --- searching and paging -------------------------------------------------------------------------
    def current_filter(self) -> UserFilter:
        return UserFilter(
            attribute=self.ui.attributeCombo.currentData() or "email",
            value=self.ui.searchEdit.text().strip(),
            prefix=self.ui.matchCombo.currentIndex() == 0,
            status=self.ui.statusCombo.currentData(),
        )

    def _schedule_search(self, *_: Any) -> None:
        # Typing searches after a short pause, not on every key (ListUsers is rate-limited on AWS).
        if self._search_timer is not None:
            self._search_timer.cancel()
        loop = asyncio.get_event_loop()
        self._search_timer = loop.call_later(0.3, lambda: self.ctx.spawn(self.load()))

    async def load(self) -> None:
        """Start a search and wait for its first page (later pages come through fetchMore)."""
        pool_id = self.ctx.pool_id
        generation = self.model.begin_search()
        self._search = (generation, self.current_filter())
        self._pages = 0
        gc.unfreeze()  # rows of the last search go back to the collector (they are freed by refcount anyway)
        self.pane = None
        self.ui.details.setHtml(NO_SELECTION)
        if pool_id != self.loaded_pool:
            self.groups = []  # another pool's groups are no choice for "Add to group" here
        if not pool_id:
            self.ui.emptyState.setText("Choose a user pool to list its users.")
            self._update_count()
            return
        self.model.fetchMore()  # marks the model loading; the signal is answered here, not in the slot
        await self.fetch_page(generation, "")
        self.loaded_pool = pool_id
        async with self.ctx.busy("Loading groups"):
            self.groups = [g.name for g in await self.ctx.require().list_groups(pool_id)]

    def on_fetch_requested(self, generation: int, token: str) -> None:
        if token:  # page one is fetched by load(); later pages come from scrolling
            self.ctx.spawn(self.fetch_page(generation, token))

    async def fetch_page(self, generation: int, token: str) -> None:
        pool_id = self.ctx.pool_id
        search_generation, flt = self._search
        if generation != search_generation:
            return  # a page of an older search: the model would drop it anyway
        failed = True
        try:
            async with self.ctx.busy("Loading users"):
                page = await self.ctx.require().list_users(pool_id, flt, token or None)
                self.model.append_page(generation, page)
                failed = False
                self._pages += 1
                if self._pages % 20 == 0:
                    keep_rows_out_of_full_collections()
        except asyncio.CancelledError:
            # the model must not stay "loading" (and the count must not claim the end) after a Cancel
            self.model.fetch_failed(generation, "Loading was cancelled.")
            self._update_count()
            raise
        if failed:
            self.model.fetch_failed(generation, "The last page could not be loaded.")
        self._update_count()

    def _update_count(self, *_: Any) -> None:
        n = self.model.rowCount()
        more = "" if self.model.exhausted else "+ (scroll for more)"
        if self.model.error:  # paging stopped on an error: not the end of the list
            more = f"+ ({self.model.error} Refresh to start over.)"
        self.ui.countLabel.setText(f"{n}{more} users" if self.ctx.pool_id else "")
        self.ui.tableStack.setCurrentIndex(0 if n or self.model.loading else 1)

    # --- selection and details ------------------------------------------------------------------------
    def selected(self) -> list[User]:
        return selected_records(self.ui.table)

    def _update_buttons(self) -> None:
        users = self.selected()
        self.ui.editButton.setEnabled(len(users) == 1)
        self.ui.actionsButton.setEnabled(bool(users))
        self.ui.actionsButton.setText(f"Actions ({len(users)})" if len(users) > 1 else "Actions")
        self.actions_by_name["set_password"].setEnabled(len(users) == 1)
        self.actions_by_name["mfa"].setEnabled(len(users) == 1)

    def on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        users = self.selected()
        if len(users) != 1:
            self.pane = None
            self.ui.details.setHtml(
                f"<p style='color:#6b7280'>{len(users)} users selected: the Actions menu applies to all of them.</p>"
                if users
                else NO_SELECTION
            )
            return
        if self._details_task is not None:
            self._details_task.cancel()
        self._details_task = self.ctx.spawn(self.show_details(users[0]))

    async def show_details(self, listed: User) -> None:
        """Fill the details pane section by section: each shows as its call answers, or says in its place why
        it could not be read, while the others show (the listed record stands in until AdminGetUser answers)."""
        service = self.ctx.service
        if service is None:
            return
        pool, name = self.ctx.pool_id, listed.username
        pane = self.pane = UserPane(listed)
        self._show_pane()
        calls: dict[str, tuple[str, Callable[[str, str], Awaitable[Any]]]] = {
            "user": (f"Loading {name}", service.get_user),
            "groups": (f"Loading the groups of {name}", service.user_groups),
            "devices": (f"Loading the devices of {name}", service.user_devices),
            "auth_events": (f"Loading the auth events of {name}", service.user_auth_events),
        }

        async def load_section(key: str, label: str, read: Callable[[str, str], Awaitable[Any]]) -> None:
            result = await self.ctx.attempt(label, read, pool, name)
            if self.pane is pane:  # not another user's pane by now
                setattr(pane, key, result)
                self._show_pane()

        await asyncio.gather(*(load_section(key, label, read) for key, (label, read) in calls.items()))

    def _show_pane(self) -> None:
        pane = self.pane
        if pane is None:
            return
        self.failures = pane.failures()
        self.ui.details.setHtml(user_details_html(pane))

    # --- actions --------------------------------------------------------------------------------------
    @asyncSlot()
    async def on_refresh_clicked(self) -> None:
        self.ui.refreshButton.setEnabled(False)
        try:
            await self.load()
        finally:
            self.ui.refreshButton.setEnabled(True)

    @asyncSlot()
    async def on_create_clicked(self) -> None:
        dialog = UserDialog(self)
        if not await accepted(dialog):
            return
        username, attrs, password, suppress = dialog.values()
        await self.create_user(username, attrs, password, suppress)

    async def create_user(self, username: str, attrs: dict[str, str], password: str | None, suppress: bool) -> None:
        async with self.ctx.busy(f"Creating {username}"):
            user = await self.ctx.require().create_user(self.ctx.pool_id, username, attrs, password, suppress)
            self.model.upsert(user)
            self.ctx.notice.emit(f"Created user {user.username}")
            self._update_count()

    @asyncSlot()
    async def on_edit_clicked(self) -> None:
        users = self.selected()
        if len(users) != 1:
            return
        dialog = AttributesDialog(users[0].username, users[0].attributes, self)
        if not await accepted(dialog):
            return
        update, delete = dialog.changes()
        await self.edit_attributes(users[0].username, update, delete)

    async def edit_attributes(self, username: str, update: dict[str, str], delete: list[str]) -> None:
        async with self.ctx.busy(f"Saving {username}"):
            service = self.ctx.require()
            await service.update_user_attributes(self.ctx.pool_id, username, update, delete)
            await self._refresh_user(username)

    async def _refresh_user(self, username: str, pool: str | None = None) -> None:
        pool = pool or self.ctx.pool_id
        user = await self.ctx.require().get_user(pool, username)
        if self.ctx.pool_id != pool:
            return  # another pool was chosen while this user was read
        self.model.upsert(user)
        selected = self.selected()
        if len(selected) == 1 and selected[0].username == username:
            await self.show_details(user)

    @asyncSlot()
    async def on_action(self, key: str) -> None:
        users = [u.username for u in self.selected()]
        if not users:
            return
        if key == "mfa":
            await self.edit_mfa(self.selected()[0])
            return
        group = password = None
        permanent = False
        if key in ("add_group", "remove_group"):
            if not self.groups:
                self.ctx.invalid("This user pool has no groups yet: create one in Groups.")
                return
            choice = QInputDialog(self)
            choice.setWindowTitle("Group")
            choice.setLabelText("Group:")
            choice.setComboBoxItems(self.groups)
            choice.setComboBoxEditable(False)
            chosen = await accepted(choice)
            group = choice.textValue()
            choice.deleteLater()
            if not chosen:
                return
        if key == "set_password":
            entry = QInputDialog(self)
            # The user name goes in the title: a dialog's label would take a name that looks like markup for it.
            entry.setWindowTitle(f"Set password for {users[0]}")
            entry.setLabelText("New password:")
            entry.setTextEchoMode(QLineEdit.EchoMode.Password)
            typed = await accepted(entry)
            password = entry.textValue()
            entry.deleteLater()  # it need not keep the password
            if not typed or not password:
                return
            box = QMessageBox(QMessageBox.Icon.Question, "Set password", "", parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(
                f"Make the new password of {users[0]} permanent?\n\nNo: it is temporary, and the user must "
                "choose a new one at the next sign-in."
            )
            box.setStandardButtons(
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
            )
            box.setDefaultButton(QMessageBox.StandardButton.No)
            answer = await run_dialog(box)
            box.deleteLater()
            if answer not in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
                return  # Cancel, Esc, or closed
            permanent = answer == QMessageBox.StandardButton.Yes
        if key in ("delete", "sign_out", "reset", "disable", "reset_totp", "resend"):
            what = {"delete": "Delete", "sign_out": "Sign out everywhere", "reset": "Reset the password of",
                    "disable": "Disable", "reset_totp": "Reset the authenticator app of",
                    "resend": "Resend the invitation to"}[key]  # fmt: skip
            names = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
            if not await self.confirm(what, f"{what} {names}?", accept=what):
                return
        await self.apply(key, users, group=group, password=password, permanent=permanent)

    async def apply(
        self, key: str, usernames: list[str], *, group: str | None = None, password: str | None = None,
        permanent: bool = False,
    ) -> tuple[list[str], list[str]]:  # fmt: skip
        """Run one action over users; reports which succeeded and which failed (never half-silently)."""
        service = self.ctx.require()
        pool = self.ctx.pool_id
        done: list[str] = []
        failed: list[str] = []
        interrupted: str | None = None
        not_started: list[str] = []
        cancelled: asyncio.CancelledError | None = None
        for i, name in enumerate(usernames):
            try:
                step = f" ({i + 1} of {len(usernames)})" if len(usernames) > 1 else ""
                ok = await self._apply_one(key, service, pool, name, group, password, permanent, step)
                (done if ok else failed).append(name)
            except asyncio.CancelledError as exc:
                # Cancel stops the bulk action here; what was done is still refreshed and reported below.
                cancelled = exc
                interrupted = name
                not_started = usernames[i + 1 :]
                break
        for name in done:
            if self.ctx.pool_id != pool:
                break  # the user chose another pool meanwhile: these rows are not the listed pool's
            if key == "delete":
                self.model.remove(name)
            else:
                async with self.ctx.busy(f"Refreshing {name}"):
                    await self._refresh_user(name, pool)
        if cancelled is not None:
            self.ctx.notice.emit(
                f"Cancelled: {len(done)} done, {len(not_started)} not started"
                + (f"; {interrupted} was in progress and may have been changed" if interrupted else "")
            )
            self._update_count()
            raise cancelled
        if failed and done:
            self.ctx.notice.emit(f"{len(done)} done, {len(failed)} failed: {', '.join(failed[:5])}")
        elif done:
            self.ctx.notice.emit(f"{key.replace('_', ' ').capitalize()}: {len(done)} user(s)")
        self._update_count()
        return done, failed

    async def _apply_one(
        self, key: str, service: Any, pool: str, name: str, group: str | None, password: str | None, permanent: bool,
        step: str = "",
    ) -> bool:  # fmt: skip
        """One user's action; False when it failed (busy() has shown AWS's error). Cancel propagates. ``step``
        says where a bulk action is ("(3 of 40)"); the status bar's Cancel stops it."""
        label = ACTION_LABELS.get(key) or key.replace("_", " ").capitalize()
        async with self.ctx.busy(f"{label} {name}{step}"):
            if key in ("enable", "disable"):
                await service.set_user_enabled(pool, name, key == "enable")
            elif key == "reset":
                await service.reset_password(pool, name)
            elif key == "set_password" and password:
                await service.set_password(pool, name, password, permanent)
            elif key == "confirm":
                await service.confirm_user(pool, name)
            elif key == "add_group" and group:
                await service.add_to_group(pool, name, group)
            elif key == "remove_group" and group:
                await service.remove_from_group(pool, name, group)
            elif key == "sign_out":
                await service.global_sign_out(pool, name)
            elif key == "delete":
                await service.delete_user(pool, name)
            elif key == "reset_totp":
                await service.delete_software_token(pool, name)
            elif key == "resend":
                await service.resend_invitation(pool, name, self._invitation_channels(name))
            return True
        return False

    def _invitation_channels(self, username: str) -> list[str]:
        """Where the invitation goes again: the listed user's email and/or phone number (email when unknown)."""
        row = self.model.row_of(username)
        attributes = self.model.item(row).attributes if row >= 0 else {}
        channels = [c for c, a in (("EMAIL", "email"), ("SMS", "phone_number")) if attributes.get(a)]
        return channels or ["EMAIL"]

    # --- MFA settings and devices of one user ----------------------------------------------------------
    async def edit_mfa(self, user: User) -> bool:
        pool = self.ctx.pool_id
        dialog = UserMfaDialog(user, self)
        try:
            saved = await until_saved(dialog, lambda: self.set_mfa(pool, user.username, dialog.settings()))
        finally:
            dialog.deleteLater()
        if saved:
            self.ctx.notice.emit(f"Saved the MFA settings of {user.username}")
        return saved

    async def set_mfa(self, pool: str, username: str, settings: dict[str, dict[str, bool]]) -> None:
        """AdminSetUserMFAPreference; errors propagate (the dialog shows AWS's message)."""
        await self.ctx.require().set_user_mfa_preference(pool, username, settings)
        async with self.ctx.busy(f"Refreshing {username}"):
            await self._refresh_user(username, pool)

    def on_details_link(self, action: str, what: str) -> None:
        if action == "forget" and self.pane is not None:
            self.ctx.spawn(self.on_forget_device(self.pane.listed.username, what))

    async def on_forget_device(self, username: str, device_key: str) -> None:
        if await self.confirm(
            "Forget device",
            f"Forget the device {device_key} of {username}? It is no longer remembered, and the user signs in with "
            "MFA on it again.",
            accept="Forget device",
        ):
            await self.forget_device(username, device_key)

    async def forget_device(self, username: str, device_key: str) -> None:
        pool = self.ctx.pool_id
        async with self.ctx.busy(f"Forgetting a device of {username}"):
            await self.ctx.require().forget_device(pool, username, device_key)
            self.ctx.notice.emit(f"Forgot the device {device_key} of {username}")
            await self._refresh_user(username, pool)

    @asyncSlot()
    async def on_export_clicked(self) -> None:
        dialog = QFileDialog(self, "Export users", "users.csv", "CSV (*.csv)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        chosen = await accepted(dialog)
        paths = dialog.selectedFiles()
        dialog.deleteLater()
        if chosen and paths:
            await self.export(Path(paths[0]))

    async def export(self, path: Path) -> int:
        from console.services.export import export_users

        count = 0
        async with self.ctx.busy("Exporting users (Esc cancels)"):
            flt = self.current_filter()
            total = ""
            if not flt.value and not flt.status:  # every user: the pool's estimate is the "m" of "n of m"
                total = f" of about {(await self.ctx.require().describe_pool(self.ctx.pool_id)).estimated_users}"
            count = await export_users(
                self.ctx.require(), self.ctx.pool_id, flt, path,
                lambda n: self.ctx.notice.emit(f"Exporting… {n}{total} users"),
            )  # fmt: skip
            self.ctx.notice.emit(f"Exported {count} users to {path}")
        return count

    @asyncSlot()
    async def on_import_clicked(self) -> None:
        if not self.ctx.pool_id:
            return
        pool = self.ctx.pool_id
        name = ""
        async with self.ctx.busy("Reading the user pool"):
            name = (await self.ctx.require().describe_pool(pool)).name
        if not name:
            return
        dialog = UserImportDialog(self.ctx, pool, name, self)
        await accepted(dialog)
        dialog.deleteLater()
        if self.ctx.pool_id == pool:
            await self.load()

    def on_columns_clicked(self) -> None:
        # popup(), not exec(): no nested event loop, so a load under way goes on while the menu is open.
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        current = self.model.attributes
        for attr in COLUMN_CHOICES:
            action = menu.addAction(attr)
            action.setCheckable(True)
            action.setChecked(attr in current)
            action.toggled.connect(lambda on, a=attr: self.set_columns(
                [*current, a] if on else [c for c in current if c != a]))  # fmt: skip
        menu.popup(self.ui.columnsButton.mapToGlobal(self.ui.columnsButton.rect().bottomLeft()))

    def set_columns(self, columns: list[str]) -> None:
        self.model.set_attributes(columns)
        self._size_columns()
        self.ctx.setProperty("userColumns", columns)


@dataclass
class UserPane:
    """One user's details pane: each section is None while its call runs, then what it read, or the error
    that says in its place why it could not be read."""

    listed: User  # the row from ListUsers, shown until AdminGetUser answers (or instead, when it fails)
    user: User | ServiceError | None = None
    groups: tuple[str, ...] | ServiceError | None = None
    devices: tuple[Device, ...] | ServiceError | None = None
    auth_events: tuple[AuthEvent, ...] | ServiceError | None = None

    def failures(self) -> dict[str, ServiceError]:
        return {
            key: value
            for key in ("user", "groups", "devices", "auth_events")
            if isinstance(value := getattr(self, key), ServiceError)
        }


def user_details_html(pane: UserPane) -> str:
    u = pane.user if isinstance(pane.user, User) else pane.listed
    attrs = sorted(u.attributes.items())
    if isinstance(pane.user, User):
        mfa = section("MFA", [("Methods", ", ".join(u.mfa) or "None"), ("Preferred", u.preferred_mfa or "—")])
    elif isinstance(pane.user, ServiceError):
        mfa = unavailable("MFA", pane.user, "user")
    else:
        mfa = pending("MFA")
    return document(
        u.username,
        f"sub {u.sub} · {STATUS_LABELS.get(u.status, u.status)} · {'Enabled' if u.enabled else 'Disabled'}",
        section("Account", [("Created", local_time(u.created)), ("Last modified", local_time(u.modified))]),
        section("Attributes", attrs)
        + (
            "<p style='margin:2px 0 0 0;color:#6b7280'>As listed: AdminGetUser failed (see MFA).</p>"
            if isinstance(pane.user, ServiceError)
            else ""
        ),
        mfa,
        _part("Groups", pane.groups, "groups", lambda groups: listing("Groups", groups)),
        _part(
            "Devices",
            pane.devices,
            "devices",
            devices_html,
        ),
        _part(
            "Auth events",
            pane.auth_events,
            "auth_events",
            lambda events: section(
                "Auth events",
                [(local_time(e.created), f"{e.event_type} {e.response} {e.risk} {e.ip}".strip()) for e in events],
            ),
        ),
    )


def devices_html(devices: tuple[Device, ...]) -> str:
    """The user's remembered devices, and a link per device that forgets it (AdminForgetDevice)."""
    table = section("Devices", [(dev.name or dev.key, local_time(dev.last_authenticated)) for dev in devices])
    links = " · ".join(f"<a href='forget:{h(dev.key)}'>Forget {h(dev.name or dev.key)}</a>" for dev in devices)
    return table + (f"<p style='margin:2px 0 0 0'>{links}</p>" if links else "")


ACTION_LABELS = {"reset_totp": "Reset authenticator app of", "resend": "Resend invitation to"}


def _part(title: str, value: Any, key: str, show: Callable[[Any], str]) -> str:
    """A section: loading, why it could not be read, or what ``show`` makes of its value."""
    if value is None:
        return pending(title)
    if isinstance(value, ServiceError):
        return unavailable(title, value, key)
    return show(value)
