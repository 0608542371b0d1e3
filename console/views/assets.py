"""The one place that resolves bundled assets (icons, themes); it refuses paths that leave resources/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from console import resources

ROOT = resources.root()


def path(relative: str) -> Path:
    target = (ROOT / relative).resolve()
    if ".." in Path(relative).parts or not target.is_relative_to(ROOT):
        raise ValueError(f"asset path leaves resources/: {relative!r}")
    return target


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")


@cache
def icon(name: str, color: str = "#374151", size: int = 20) -> QIcon:
    """An SVG icon drawn in ``color`` (the sources use currentColor)."""
    from PySide6.QtSvg import QSvgRenderer

    svg = read_text(f"icons/{name}.svg").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    result = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(QSize(size * scale, size * scale))
        pixmap.fill(QColor(Qt.GlobalColor.transparent))
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result


def app_icon() -> QIcon:
    return QIcon(str(path("icons/app.svg")))
