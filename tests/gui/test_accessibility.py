"""Every control of the console has a name a screen reader can say: the main window with each of its views loaded
from the local Cognito, and every dialog, walked widget by widget through what Qt's accessibility layer exposes
(QAccessibleInterface's Name, or the label that names it), not through our own properties."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from console.secrets import SecretStore
from console.services.protocol import (
    CognitoProviderRef,
    Connection,
    ConnectionKind,
    Domain,
    IamRole,
    IdentityPool,
    IdentityPoolRoles,
    MappingRule,
    User,
)
from tests.gui.conftest import make_console, run_until_idle
from tests.memory_keyring import MemoryKeyring

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QAbstractSlider,
    QTabBar,
    QGraphicsView,  # pyqtgraph's PlotWidget
)
# Parts that Qt builds inside a control and names through it (a combo box's line edit, a spin box's, a table's
# headers, corner button and scroll bars, a calendar's navigation, a line edit's clear button).
COMPOSITES = (QComboBox, QAbstractSpinBox, QCalendarWidget, QAbstractItemView, QLineEdit)

NAME = QAccessible.Text.Name


def _label_names(iface: Any) -> str:
    """What the labels that label it say (AT-SPI's labelled-by: a buddy label, a form row's label)."""
    return " ".join(label.text(NAME) for label, _relation in iface.relations(QAccessible.RelationFlag.Label)).strip()


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for ``widget``. A combo box on Linux reports its current text as its
    Name (its label comes through the labelled-by relation), so for one only a set name or a label counts."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, f"Qt exposes no accessible interface for {describe(widget)}"
    name = widget.accessibleName() if isinstance(widget, QComboBox) else iface.text(NAME)
    return name.strip() or _label_names(iface)


def describe(widget: QWidget) -> str:
    path = []
    node: QWidget | None = widget
    while node is not None:
        path.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return f"{type(widget).__name__} {'/'.join(reversed(path))}"


def _internal(widget: QWidget, root: QWidget) -> bool:
    if widget.objectName().startswith("qt_") or isinstance(widget, (QHeaderView, QScrollBar)):
        return True
    child, parent = widget, widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and child is parent.viewport():
            pass  # a table's cell widget, a scroll area's page: each control there is named on its own
        elif isinstance(parent, COMPOSITES) or (
            parent.objectName().startswith("qt_") and not parent.objectName().startswith("qt_scrollarea_viewport")
        ):
            return True
        child, parent = parent, parent.parentWidget()
    return False


def controls(root: QWidget) -> Iterator[QWidget]:
    """The interactive widgets under ``root`` (itself included), visible or not: a hidden control shows in
    another state of the same window."""
    for widget in [root, *root.findChildren(QWidget)]:
        web_view = widget.inherits("QWebEngineView")
        if (isinstance(widget, INTERACTIVE) or web_view) and not _internal(widget, root):
            yield widget


def unnamed(root: QWidget) -> list[str]:
    """Every control under ``root`` without an accessible name in words, and every unnamed tab of its tab bars."""
    missing = []
    for widget in controls(root):
        if isinstance(widget, QTabBar):
            iface = QAccessible.queryAccessibleInterface(widget)
            for index in range(widget.count()):
                tab = iface.child(index) if iface is not None else None
                if tab is None or not tab.text(NAME).strip():
                    missing.append(f"tab {index} of {describe(widget)}")
            continue
        name = accessible_name(widget)
        if not any(c.isalnum() for c in name):  # none, or a symbol read out as itself ("✕": "multiplication x")
            missing.append(f"{describe(widget)}" + (f" (named {name!r})" if name else ""))
    return missing


# --- the walker itself --------------------------------------------------------------------------------------


def test_the_walker_finds_an_unnamed_control_and_accepts_a_labelled_one(qtbot: Any) -> None:
    from PySide6.QtWidgets import QFormLayout, QPushButton, QTableWidget, QToolButton

    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    named_edit, bare_edit, labelled_combo, bare_combo = QLineEdit(), QLineEdit(), QComboBox(), QComboBox()
    for combo in (labelled_combo, bare_combo):
        combo.addItems(["first", "second"])
    icon_only, with_text, symbol = QToolButton(), QPushButton("&Save"), QToolButton()
    symbol.setText("✕")
    icon_only.setObjectName("iconOnly")
    icon_only.setToolTip("a tooltip is a description, not a name")
    bare_edit.setObjectName("bareEdit")
    bare_combo.setObjectName("bareCombo")
    layout.addRow("User name:", named_edit)
    layout.addRow(bare_edit)
    layout.addRow("Region:", labelled_combo)
    layout.addRow(bare_combo)
    layout.addRow(icon_only, with_text)
    layout.addRow(symbol)
    table = QTableWidget(1, 1)
    table.setAccessibleName("Rules")
    table.setCellWidget(0, 0, QComboBox())  # a cell widget is a control of its own
    layout.addRow("Rules:", table)
    missing = unnamed(form)
    assert [m.split()[0] for m in missing] == ["QLineEdit", "QComboBox", "QToolButton", "QToolButton", "QComboBox"]
    assert "(named '✕')" in missing[3]
    assert "/qt_scrollarea_viewport/" in missing[-1]
    assert accessible_name(named_edit) == "User name:"
    assert accessible_name(labelled_combo) == "Region:"
    assert accessible_name(with_text) == "Save"


# --- the main window and its views ----------------------------------------------------------------------------


@pytest.fixture
def console(qapp: Any, qtbot: Any, aloop: Any, tmp_path: Path, cognito: Any, demo: dict[str, str]) -> Any:
    port = int(cognito.base_url.rsplit(":", 1)[-1])
    app = make_console(qapp, tmp_path, SecretStore(MemoryKeyring()), port=port)
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    assert aloop.run_until_complete(app.open_connection(Connection("Local Cognito", ConnectionKind.LOCAL), False))
    app.ctx.set_pool(demo["pool_id"])
    return app


def test_every_view_of_the_main_window_names_its_controls(console: Any, aloop: Any) -> None:
    from console.views.main_window import NAV

    window = console.window
    missing: dict[str, list[str]] = {}
    for key, _label, _icon in NAV:
        view = window.show_view(key)
        assert view is not None, key
        aloop.run_until_complete(view.load())
        table = getattr(getattr(view, "ui", None), "table", None)
        if table is not None and table.model() is not None and table.model().rowCount():
            table.selectRow(0)  # the details pane builds its sections for a selection
        run_until_idle(aloop, console.ctx)
        assert any(True for _ in controls(view)), f"no controls found in the {key} view"
        found = unnamed(view)
        if found:
            missing[key] = found
    chrome = [m for m in unnamed(window) if not any(m in found for found in missing.values())]
    chrome = [m for m in chrome if "/stack/" not in m]
    if chrome:
        missing["main window"] = chrome
    assert not missing, "controls without an accessible name:\n" + "\n".join(
        f"{where}: {name}" for where, names in missing.items() for name in names
    )


# --- every dialog -------------------------------------------------------------------------------------------------


def _dialogs(console: Any, aloop: Any, demo: dict[str, str], tmp_path: Path) -> dict[str, Callable[[], QWidget]]:
    from console.services.connections import cognito_regions
    from console.services.errors import ServiceError
    from console.services.protocol import LOCAL_DEFAULT
    from console.views.attributes import SchemaDialog
    from console.views.auth_events import ThreatProtectionDialog
    from console.views.base import error_details
    from console.views.dialogs import (
        AppClientDialog,
        AttributesDialog,
        ConnectionDialog,
        GroupDialog,
        IdentityProviderDialog,
        PoolDialog,
        UserDialog,
    )
    from console.views.domains import DomainDialog
    from console.views.identity_pool_dialogs import (
        IdentityPoolDialog,
        IdentityPoolRolesDialog,
        RolePolicyDialog,
        RoleSimulatorDialog,
    )
    from console.views.local_log import LocalLogDialog
    from console.views.messages import MessagesDialog
    from console.views.triggers import TriggersDialog
    from console.views.user_import import UserImportDialog
    from console.views.user_mfa import UserMfaDialog

    ctx = console.ctx
    service = ctx.require()
    pool = aloop.run_until_complete(service.describe_pool(demo["pool_id"]))
    role_arn = "arn:aws:iam::123456789012:role/demo"
    identity_pool = IdentityPool(
        id="us-east-1:00000000-0000-0000-0000-000000000000",
        name="demo",
        allow_unauthenticated=True,
        cognito_providers=(CognitoProviderRef(f"cognito-idp.us-east-1.amazonaws.com/{pool.id}", "client"),),
        login_providers={"accounts.google.com": "123.apps.googleusercontent.com"},
    )
    roles = IdentityPoolRoles(identity_pool.id, role_arn, role_arn)
    role = IamRole(
        "demo",
        role_arn,
        trust_policy={"Version": "2012-10-17", "Statement": []},
        inline_policies={"sync": {"Version": "2012-10-17", "Statement": []}},
    )
    log = tmp_path / "local-cognito.log"
    log.write_text("a line\n", encoding="utf-8")

    def with_rule(dialog: Any) -> Any:
        dialog.ui.mappingCombo.setCurrentIndex(2)  # rules: a row of cell widgets per rule
        dialog.add_rule(MappingRule("hd", "Equals", "example.com", role_arn))
        return dialog

    async def read(path: str) -> str:
        return Path(path).read_text(encoding="utf-8")

    return {
        "create user pool": lambda: PoolDialog(console.window),
        "edit user pool": lambda: PoolDialog(console.window, pool),
        "create user": lambda: UserDialog(console.window),
        "user attributes": lambda: AttributesDialog("alice", {"sub": "x", "email": "a@example.com"}, console.window),
        "group": lambda: GroupDialog(console.window),
        "app client": lambda: AppClientDialog(console.window),
        "identity provider": lambda: IdentityProviderDialog(console.window),
        "connection": lambda: ConnectionDialog(
            [LOCAL_DEFAULT], LOCAL_DEFAULT, False, cognito_regions(), ["default"], console.window
        ),
        "attribute schema": lambda: SchemaDialog(pool.name, pool.schema, console.window),
        "threat protection": lambda: ThreatProtectionDialog(console.window, "ENFORCED", {}, [("client", "web")]),
        "domains": lambda: DomainDialog(pool.name, [Domain("my-app", pool.id, "ACTIVE")], console.window),
        "identity pool": lambda: IdentityPoolDialog(console.window, identity_pool),
        "identity pool roles": lambda: with_rule(
            IdentityPoolRolesDialog(console.window, identity_pool, roles, [role_arn])
        ),
        "role policies": lambda: RolePolicyDialog(console.window, role, identity_pool.id),
        "role simulator": lambda: RoleSimulatorDialog(console.window, ctx, identity_pool, roles, "us-east-1"),
        "local Cognito log": lambda: LocalLogDialog(str(log), read, console.window),
        "messages": lambda: MessagesDialog(pool.name, pool.raw, console.window),
        "triggers": lambda: TriggersDialog(pool.name, {}, console.window),
        "import users": lambda: UserImportDialog(ctx, pool.id, pool.name, console.window),
        "user MFA": lambda: UserMfaDialog(User("alice", mfa=("SMS_MFA",), preferred_mfa="SMS_MFA"), console.window),
        "error details": lambda: error_details(
            console.window, ServiceError("NotAuthorizedException", "Incorrect username or password.", "InitiateAuth")
        ),
    }


def test_every_dialog_names_its_controls(console: Any, aloop: Any, demo: dict[str, str], tmp_path: Path) -> None:
    missing: dict[str, list[str]] = {}
    for title, make in _dialogs(console, aloop, demo, tmp_path).items():
        dialog = make()
        try:
            dialog.show()
            aloop.run_until_complete(asyncio.sleep(0.05))
            found = unnamed(dialog)
            if found:
                missing[title] = found
        finally:
            dialog.close()
            dialog.deleteLater()
    assert not missing, "controls without an accessible name:\n" + "\n".join(
        f"{where}: {name}" for where, names in missing.items() for name in names
    )
