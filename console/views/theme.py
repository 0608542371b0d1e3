"""Light and dark themes that follow the system colour scheme (or a forced choice)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from . import assets


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str | None) -> str:
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def palette(name: str) -> QPalette:
    p = QPalette()
    if name == "dark":
        colors = {
            QPalette.ColorRole.Window: "#1f2329",
            QPalette.ColorRole.WindowText: "#e5e7eb",
            QPalette.ColorRole.Base: "#16191d",
            QPalette.ColorRole.AlternateBase: "#1c2025",
            QPalette.ColorRole.Text: "#e5e7eb",
            QPalette.ColorRole.Button: "#2a2f37",
            QPalette.ColorRole.ButtonText: "#e5e7eb",
            QPalette.ColorRole.Highlight: "#2563eb",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2a2f37",
            QPalette.ColorRole.ToolTipText: "#e5e7eb",
            QPalette.ColorRole.PlaceholderText: "#6b7280",
            QPalette.ColorRole.Link: "#60a5fa",
            QPalette.ColorRole.Mid: "#3a404a",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#ffffff",
            QPalette.ColorRole.WindowText: "#111827",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f9fafb",
            QPalette.ColorRole.Text: "#111827",
            QPalette.ColorRole.Button: "#f3f4f6",
            QPalette.ColorRole.ButtonText: "#111827",
            QPalette.ColorRole.Highlight: "#2563eb",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#111827",
            QPalette.ColorRole.ToolTipText: "#f9fafb",
            QPalette.ColorRole.PlaceholderText: "#9ca3af",
            QPalette.ColorRole.Link: "#2563eb",
            QPalette.ColorRole.Mid: "#d1d5db",
        }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    disabled = QColor("#6b7280" if name == "dark" else "#9ca3af")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def icon_color(name: str) -> str:
    return "#d1d5db" if name == "dark" else "#374151"


def apply(app: QApplication, choice: str | None) -> str:
    name = resolve(choice)
    app.setStyle("Fusion")
    app.setPalette(palette(name))
    icons = assets.path("icons").as_posix()
    app.setStyleSheet(assets.read_text(f"themes/{name}.qss").replace("@ICONS@", icons))
    app.setProperty("consoleTheme", name)
    return name
