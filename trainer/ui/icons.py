"""The app's icon set: small line icons under resources/icons/, drawn in the theme's text colour.

The SVG files use ``currentColor``; each icon is rendered for the current theme, so icons keep the
same contrast as text in light, dark and high contrast.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from trainer import paths

# Sidebar keys to icon files; a page added later without an icon of its own gets "page".
NAV_ICONS = {"home": "home", "learn": "learn", "practise": "practise", "practice": "practise",
             "sessions": "sessions", "group": "sessions", "progress": "progress",
             "report": "report", "manage": "manage", "settings": "settings"}


def icon_names() -> list[str]:
    return sorted(p.stem for p in (paths.resources_dir() / "icons").glob("*.svg"))


@cache
def _svg(name: str) -> str:
    path = paths.resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        path = paths.resources_dir() / "icons" / "page.svg"
    return path.read_text(encoding="utf-8")


def icon(name: str, colour: str, selected_colour: str | None = None, size: int = 48) -> QIcon:
    """An icon in ``colour`` (and ``selected_colour`` when its list item is selected)."""
    result = QIcon()
    for mode, fill in ((QIcon.Normal, colour), (QIcon.Selected, selected_colour or colour)):
        renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", fill).encode()))
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap, mode)
    return result


def nav_icon(key: str, colour: str, selected_colour: str) -> QIcon:
    return icon(NAV_ICONS.get(key, "page"), colour, selected_colour)
