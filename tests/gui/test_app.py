"""The composition root: the screenshot mode and the ids the packaging files share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from console import desktop_integration
from console.secrets import SecretStore
from console.services.protocol import Connection, ConnectionKind
from tests.gui.conftest import make_console
from tests.memory_keyring import MemoryKeyring


def test_token_inspector_screenshot_shows_a_verified_demo_token(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any, demo: dict[str, str]
) -> None:
    """--screenshot FILE --view token-inspector on the local Cognito renders a decoded, verified token."""

    port = int(cognito.base_url.rsplit(":", 1)[-1])  # found there, not started
    app = make_console(qapp, tmp_path, SecretStore(MemoryKeyring()), port=port)
    qtbot.addWidget(app.window)
    app.ns.screenshot = str(tmp_path / "token-inspector.png")
    app.ns.view = "token-inspector"
    conn = Connection("Local Cognito", ConnectionKind.LOCAL)

    async def scenario() -> int:
        app.window.show_view("token-inspector")
        ok = await app.open_connection(conn, load_view=False)
        return int(await app.screenshot(tmp_path / "token-inspector.png", "token-inspector", ok))

    assert aloop.run_until_complete(scenario()) == 0
    view = app.window.views["token-inspector"]
    assert view.ui.verdict.text().startswith("✔"), view.ui.verdict.text()
    assert view.claims.rowCount() > 5
    assert (tmp_path / "token-inspector.png").stat().st_size > 0


def test_hosted_ui_screenshot_shows_the_drawn_preview(
    qapp: Any, qtbot: Any, aloop: Any, tmp_path: Any, cognito: Any, demo: dict[str, str]
) -> None:
    """--screenshot FILE --view hosted-ui waits for the branding preview's page to load and be drawn: the preview's
    area of the saved image has the sign-in page's colours, not one blank fill."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QImage

    port = int(cognito.base_url.rsplit(":", 1)[-1])
    app = make_console(qapp, tmp_path, SecretStore(MemoryKeyring()), port=port)
    qtbot.addWidget(app.window)
    shot = tmp_path / "hosted-ui.png"
    app.ns.screenshot = str(shot)
    app.ns.view = "hosted-ui"
    conn = Connection("Local Cognito", ConnectionKind.LOCAL)

    async def scenario() -> int:
        app.window.resize(1280, 800)
        app.window.show()
        app.window.show_view("hosted-ui")
        ok = await app.open_connection(conn, load_view=False)
        app.ctx.pool_id = demo["pool_id"]  # its domain serves the pages the preview shows
        return int(await app.screenshot(shot, "hosted-ui", ok))

    assert aloop.run_until_complete(scenario()) == 0
    view = app.window.views["hosted-ui"]
    assert "Sign in" in view.rendered
    host = view.ui.previewHost
    area = QRect(host.mapTo(app.window, QPoint(0, 0)), host.size())
    image = QImage(str(shot))
    assert image.rect().contains(area) and area.width() > 100 and area.height() > 100
    preview = image.copy(area)
    colours = {preview.pixel(x, y) for x in range(0, preview.width(), 4) for y in range(0, preview.height(), 4)}
    assert len(colours) > 1, "the preview's area of the screenshot is one blank fill"


def test_packaging_names_agree() -> None:
    """The .desktop file, the AppStream metainfo and the app's desktop file name are one id."""
    import configparser
    import xml.etree.ElementTree as ET

    root = Path(__file__).resolve().parents[2]
    desktop_dir = root / "resources" / "desktop"
    app_id = "io.github.cognito_console.CognitoConsole"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(desktop_dir / f"{app_id}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "cognito-console" and entry["Icon"] == app_id and entry["Type"] == "Application"
    meta = ET.parse(desktop_dir / f"{app_id}.metainfo.xml").getroot()  # noqa: S314 - our own file
    assert meta.findtext("id") == app_id
    assert meta.findtext("launchable") == f"{app_id}.desktop"
    assert meta.findtext("provides/binary") == "cognito-console"
    assert app_id in (root / "console" / "app.py").read_text(encoding="utf-8")
    assert app_id == desktop_integration.APP_ID
    spec = (root / "packaging" / "cognito-console.spec").read_text(encoding="utf-8")
    assert "console/__main__.py" in spec.replace('" / "', "/") or '"__main__.py"' in spec


def test_view_takes_every_view_of_the_window() -> None:
    """--view (with --screenshot) offers each view of the navigation, by the same names."""
    from console.cli import VIEWS, gui_parser
    from console.views.main_window import NAV

    assert tuple(key for key, _label, _icon in NAV) == VIEWS
    assert gui_parser().parse_args(["--view", "identity-pools"]).view == "identity-pools"


def test_the_app_icons_pngs_are_renderings_of_its_svg() -> None:
    """resources/icons/app-<size>.png are app.svg drawn at each hicolor size (packaging/build_icons.py): after a
    change to the SVG they must be rendered again."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from console import resources

    icons = resources.root() / "icons"
    renderer = QSvgRenderer(str(icons / "app.svg"))
    for size in desktop_integration.ICON_SIZES:
        fresh = QImage(size, size, QImage.Format.Format_ARGB32)
        fresh.fill(Qt.GlobalColor.transparent)
        painter = QPainter(fresh)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        committed = QImage(str(icons / f"app-{size}.png")).convertToFormat(QImage.Format.Format_ARGB32)
        assert (committed.width(), committed.height()) == (size, size)
        step = max(1, size // 32)
        points = [(x, y) for x in range(0, size, step) for y in range(0, size, step)]
        differences = [
            abs(a - b)
            for x, y in points
            for a, b in zip(fresh.pixelColor(x, y).getRgb(), committed.pixelColor(x, y).getRgb(), strict=True)
        ]
        assert sum(differences) / len(differences) < 3, f"app-{size}.png is not app.svg as it is now"
