"""A user pool's attribute schema, standard and custom, and AddCustomAttributes with AWS's rules checked first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QWidget

from ._generated.ui_schema_dialog import Ui_SchemaDialog
from .dialogs import FormDialog

COLUMNS = ("Name", "Type", "Custom", "Mutable", "Required", "Minimum", "Maximum")
STRING_MAX = 2048  # a custom String attribute holds at most 2,048 characters
MAX_CUSTOM_ATTRIBUTES = 50


def schema_rows(schema: Sequence[Mapping[str, Any]]) -> list[tuple[str, ...]]:
    """One row per attribute: name, type, custom, mutable, required, minimum, maximum (lengths for String)."""
    rows: list[tuple[str, ...]] = []
    for a in schema:
        kind = str(a.get("AttributeDataType", ""))
        limits = a.get("StringAttributeConstraints") if kind == "String" else a.get("NumberAttributeConstraints")
        limits = limits or {}
        low = limits.get("MinLength", limits.get("MinValue", ""))
        high = limits.get("MaxLength", limits.get("MaxValue", ""))
        name = str(a.get("Name", ""))
        rows.append(
            (
                name,
                kind,
                "Yes" if name.startswith(("custom:", "dev:")) else "No",
                "Yes" if a.get("Mutable", True) else "No",
                "Yes" if a.get("Required") else "No",
                str(low),
                str(high),
            )
        )
    return rows


class SchemaDialog(FormDialog):
    """The schema listed; the form below adds one custom attribute (OK reads "Add attribute")."""

    def __init__(self, pool_name: str, schema: Sequence[Mapping[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SchemaDialog()
        self.ui.setupUi(self)
        self._wire()
        self.setWindowTitle(f"Attributes of {pool_name}")
        self.schema = list(schema)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        for row in schema_rows(self.schema):
            self.model.appendRow([QStandardItem(v) for v in row])
        self.ui.schemaTable.setModel(self.model)
        self.ui.schemaTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ok_button().setText("Add attribute")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        self.ui.typeCombo.currentTextChanged.connect(self._type_changed)
        self._type_changed(self.ui.typeCombo.currentText())

    def _type_changed(self, kind: str) -> None:
        limited = kind in ("String", "Number")
        for w in (self.ui.minEdit, self.ui.maxEdit, self.ui.minEditLabel, self.ui.maxEditLabel):
            w.setVisible(limited)
        self.ui.minEditLabel.setText("Minimum length" if kind == "String" else "Minimum value")
        self.ui.maxEditLabel.setText("Maximum length" if kind == "String" else "Maximum value")

    def validate(self) -> str | None:
        name = self.ui.nameEdit.text().strip().removeprefix("custom:")
        if not 1 <= len(name) <= 20 or any(c.isspace() for c in name):
            return "Custom attribute names have 1 to 20 characters and no spaces (custom: is added for you)."
        if any(a.get("Name") == f"custom:{name}" for a in self.schema):
            return f"custom:{name} already exists in the schema; custom attributes cannot be changed."
        if sum(1 for a in self.schema if str(a.get("Name", "")).startswith("custom:")) >= MAX_CUSTOM_ATTRIBUTES:
            return f"A user pool has at most {MAX_CUSTOM_ATTRIBUTES} custom attributes."
        kind = self.ui.typeCombo.currentText()
        low, high = self.ui.minEdit.text().strip(), self.ui.maxEdit.text().strip()
        if kind == "String":
            try:
                lo = int(low) if low else 0
                hi = int(high) if high else STRING_MAX
            except ValueError:
                return "String lengths are whole numbers."
            if not (0 <= lo <= hi <= STRING_MAX) or hi < 1:
                return f"String lengths are between 0 and {STRING_MAX:,}, the minimum no more than the maximum."
        elif kind == "Number":
            try:
                lo_n = int(low) if low else None
                hi_n = int(high) if high else None
            except ValueError:
                return "Number limits are whole numbers."
            if lo_n is not None and hi_n is not None and lo_n > hi_n:
                return "The minimum value is more than the maximum value."
        return None

    def attribute(self) -> dict[str, Any]:
        """The SchemaAttributeType for AddCustomAttributes."""
        kind = self.ui.typeCombo.currentText()
        attr: dict[str, Any] = {
            "Name": self.ui.nameEdit.text().strip().removeprefix("custom:"),
            "AttributeDataType": kind,
            "Mutable": self.ui.mutableCheck.isChecked(),
        }
        low, high = self.ui.minEdit.text().strip(), self.ui.maxEdit.text().strip()
        if kind == "String":
            attr["StringAttributeConstraints"] = {"MinLength": low or "0", "MaxLength": high or str(STRING_MAX)}
        elif kind == "Number" and (low or high):
            attr["NumberAttributeConstraints"] = {
                **({"MinValue": low} if low else {}),
                **({"MaxValue": high} if high else {}),
            }
        return attr
