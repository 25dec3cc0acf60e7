"""One theme for the whole app: colours, a spacing scale and a type scale, as a stylesheet.

Colours are chosen for contrast (text at least 4.5:1 on its background, controls and focus rings
at least 3:1). The text size setting scales every font from one base size.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from trainer import paths

SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24, "xxl": 32}
TYPE_SCALE = {"small": 0.9, "body": 1.0, "lead": 1.15, "h3": 1.2, "h2": 1.45, "h1": 1.8}
BASE_POINT_SIZE = 11


@dataclass(frozen=True)
class Palette:
    name: str
    window: str
    surface: str
    sidebar: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    focus: str
    good: str
    warn: str
    bad: str
    highlight: str
    alternate: str  # every other row of a table


LIGHT = Palette("light", window="#f4f6f8", surface="#ffffff", sidebar="#e9eef2", text="#1b262e",
                muted="#4a5a66", accent="#1f5f7a", accent_text="#ffffff", border="#6e7c88",
                focus="#b3400a", good="#1e6b3a", warn="#8a4b00", bad="#a32020",
                highlight="#fff1b8", alternate="#eef2f5")
DARK = Palette("dark", window="#15191d", surface="#1f252b", sidebar="#1a1f24", text="#e8edf1",
               muted="#b3c0ca", accent="#7cc4e0", accent_text="#0e1a20", border="#7d8b96",
               focus="#ffb26b", good="#7fd39a", warn="#f2c46d", bad="#ff9c9c",
               highlight="#4d4210", alternate="#283038")
HIGH_CONTRAST = Palette("high-contrast", window="#000000", surface="#000000", sidebar="#000000",
                        text="#ffffff", muted="#ffffff", accent="#ffff00", accent_text="#000000",
                        border="#ffffff", focus="#00ffff", good="#00ff00", warn="#ffff00",
                        bad="#ff6b6b", highlight="#333300", alternate="#1c1c1c")
THEMES = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}
THEME_CHOICES = (("system", "Same as the system"), ("light", "Light"), ("dark", "Dark"),
                 ("high-contrast", "High contrast"))
TEXT_SIZES = (100, 110, 125, 150, 175, 200)

# The colour pairs the app draws, with their WCAG 2.2 minimum: 4.5:1 for text (1.4.3), 3:1 for
# control boundaries, focus indicators and state (1.4.11).
THEME_PAIRS = (
    *((fg, bg, 4.5) for fg in ("text", "muted") for bg in ("window", "surface", "sidebar")),
    ("text", "highlight", 4.5), ("text", "alternate", 4.5), ("muted", "alternate", 4.5),
    ("accent", "window", 4.5), ("accent", "surface", 4.5), ("accent_text", "accent", 4.5),
    *((fg, bg, 4.5) for fg in ("good", "warn", "bad") for bg in ("window", "surface")),
    *(("border", bg, 3.0) for bg in ("window", "surface", "sidebar")),
    *(("focus", bg, 3.0) for bg in ("window", "surface", "sidebar", "highlight")),
    ("accent", "sidebar", 3.0),
)


def relative_luminance(colour: str) -> float:
    value = QColor(colour)

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(value.redF()) + 0.7152 * channel(value.greenF())
            + 0.0722 * channel(value.blueF()))


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette_findings(p: Palette) -> list[dict]:
    """Every theme pair under its minimum, as audit findings."""
    found = []
    for fg, bg, minimum in THEME_PAIRS:
        ratio = contrast_ratio(getattr(p, fg), getattr(p, bg))
        if ratio < minimum:
            found.append({"theme": p.name, "pair": f"{fg} on {bg}", "foreground": getattr(p, fg),
                          "background": getattr(p, bg), "ratio": round(ratio, 2),
                          "minimum": minimum})
    return found


def system_theme(app: QApplication | None = None) -> str:
    """The theme that matches the system: high contrast if asked for, else dark or light."""
    app = app or QApplication.instance()
    hints = app.styleHints() if app else None
    if hints is None:
        return "light"
    if hasattr(hints, "accessibility"):  # Qt 6.10+
        preference = hints.accessibility().contrastPreference()
        if preference == Qt.ContrastPreference.HighContrast:
            return "high-contrast"
    if hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def resolve_theme(name: str, app: QApplication | None = None) -> str:
    return system_theme(app) if name == "system" or name not in THEMES else name


def current_palette(app: QApplication | None = None) -> Palette:
    app = app or QApplication.instance()
    name = app.property("trainerTheme") if app else None
    return THEMES.get(name or "light", LIGHT)


_THEMED_DIR: list[Path] = []


def _themed_svg(name: str, colour: str) -> str:
    """A copy of an icon in one colour, as a file a stylesheet can point at."""
    if not _THEMED_DIR:
        _THEMED_DIR.append(Path(tempfile.mkdtemp(prefix="trainer-icons-")))
    target = _THEMED_DIR[0] / f"{name}-{colour.lstrip('#')}.svg"
    if not target.exists():
        source = (paths.resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
        target.write_text(source.replace("currentColor", colour), encoding="utf-8")
    return target.as_posix()


def stylesheet(p: Palette, scale: float) -> str:
    def pt(step: str) -> str:
        return f"{BASE_POINT_SIZE * scale * TYPE_SCALE[step]:.1f}pt"

    arrow = (paths.resources_dir() / "icons" / "combo-arrow.svg").as_posix()
    check = _themed_svg("check", p.accent_text)
    box = int(18 * min(scale, 1.5))

    return f"""
    QWidget {{ color: {p.text}; font-size: {pt('body')}; }}
    QMainWindow, QStackedWidget > QWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
        background: {p.window}; }}
    QFrame#sidebar {{ background: {p.sidebar}; border-right: 1px solid {p.border}; }}
    QListWidget#navigation {{ background: {p.sidebar}; border: none; font-size: {pt('lead')}; }}
    QListWidget#navigation::item {{ padding: {SPACE['m']}px {SPACE['l']}px; border-radius: 6px; }}
    QListWidget#navigation::item:selected {{ background: {p.accent}; color: {p.accent_text}; }}
    QListWidget#navigation:focus {{ outline: none; border: 2px solid {p.focus}; }}
    QFrame#header {{ background: {p.surface}; border-bottom: 1px solid {p.border}; }}
    QLabel#appTitle {{ font-size: {pt('h3')}; font-weight: 600; color: {p.accent}; }}
    QLabel[role="h1"] {{ font-size: {pt('h1')}; font-weight: 600; }}
    QLabel[role="h2"] {{ font-size: {pt('h2')}; font-weight: 600; }}
    QLabel[role="h3"] {{ font-size: {pt('h3')}; font-weight: 600; }}
    QLabel[role="lead"] {{ font-size: {pt('lead')}; }}
    QLabel[role="muted"] {{ color: {p.muted}; }}
    QLabel[role="error"] {{ color: {p.bad}; font-weight: 600; }}
    QLabel[role="badge"] {{ border: 1px solid {p.border}; border-radius: 4px; padding: 2px 8px;
        font-size: {pt('small')}; font-weight: 600; background: {p.surface}; }}
    QLabel[grade="Outstanding"], QLabel[grade="Good"] {{ color: {p.good}; border-color: {p.good}; }}
    QLabel[grade="Requires improvement"], QLabel[grade="Inadequate"] {{ color: {p.warn};
        border-color: {p.warn}; }}
    QFrame[role="card"] {{ background: {p.surface}; border: 1px solid {p.border};
        border-radius: 8px; }}
    QFrame[role="card"]:focus {{ border: 2px solid {p.focus}; }}
    QFrame[role="actionbar"] {{ background: {p.window}; border-top: 1px solid {p.border}; }}
    QFrame[verdict="right"] {{ border-left: 6px solid {p.good}; }}
    QFrame[verdict="partly"] {{ border-left: 6px solid {p.warn}; }}
    QFrame[verdict="wrong"] {{ border-left: 6px solid {p.bad}; }}
    QPushButton {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 6px;
        padding: {SPACE['s']}px {SPACE['l']}px; min-height: 1.6em; }}
    QPushButton:hover {{ border-color: {p.accent}; }}
    QPushButton:focus {{ border: 2px solid {p.focus}; }}
    QPushButton:disabled {{ color: {p.muted}; border-style: dashed; }}
    QPushButton[role="primary"] {{ background: {p.accent}; color: {p.accent_text};
        border-color: {p.accent}; font-weight: 600; }}
    QPushButton[role="primary"]:focus {{ border: 3px solid {p.focus}; }}
    QPushButton[role="primary"]:disabled {{ background: {p.surface}; color: {p.muted};
        border: 1px dashed {p.border}; }}
    QPushButton[role="link"] {{ background: transparent; border: none; color: {p.accent};
        text-decoration: underline; padding: 2px; }}
    QPushButton[role="link"]:focus {{ border: 2px solid {p.focus}; }}
    QLineEdit, QComboBox, QPlainTextEdit, QSpinBox {{ background: {p.surface};
        border: 1px solid {p.border}; border-radius: 4px; padding: {SPACE['s']}px; }}
    QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus {{
        border: 2px solid {p.focus}; }}
    QLineEdit[invalid="true"] {{ border: 2px solid {p.bad}; }}
    QTextBrowser {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 6px;
        padding: {SPACE['s']}px; }}
    QTextBrowser:focus {{ border: 2px solid {p.focus}; }}
    QRadioButton, QCheckBox {{ padding: {SPACE['s']}px; spacing: {SPACE['m']}px; }}
    QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {p.focus}; border-radius: 4px; }}
    QRadioButton::indicator, QCheckBox::indicator {{ width: {box}px; height: {box}px;
        border: 2px solid {p.border}; background: {p.surface}; }}
    QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }}
    QCheckBox::indicator {{ border-radius: 4px; }}
    QRadioButton::indicator:checked {{ border-color: {p.accent}; background: qradialgradient(
        cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {p.accent}, stop: 0.55 {p.accent},
        stop: 0.6 {p.surface}, stop: 1 {p.surface}); }}
    QCheckBox::indicator:checked {{ border-color: {p.accent}; background: {p.accent};
        image: url({check}); }}
    QRadioButton::indicator:hover, QCheckBox::indicator:hover {{ border-color: {p.accent}; }}
    QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-style: dashed; }}
    QProgressBar {{ border: 1px solid {p.border}; border-radius: 4px; background: {p.surface};
        text-align: center; min-height: 10px; max-height: 14px; color: {p.text}; }}
    QProgressBar::chunk {{ background: {p.accent}; border-radius: 3px; }}
    QTreeWidget, QListWidget {{ background: {p.surface}; border: 1px solid {p.border}; }}
    QTreeWidget:focus, QListWidget:focus {{ border: 2px solid {p.focus}; }}
    QTreeWidget::item:selected, QListWidget::item:selected {{ background: {p.accent};
        color: {p.accent_text}; }}
    QToolTip {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border}; }}
    QDoubleSpinBox, QDateEdit, QTimeEdit, QTextEdit {{ background: {p.surface};
        border: 1px solid {p.border}; border-radius: 4px; padding: {SPACE['xs']}px; }}
    QDoubleSpinBox:focus, QDateEdit:focus, QTimeEdit:focus, QTextEdit:focus {{
        border: 2px solid {p.focus}; }}
    QComboBox {{ padding-right: {SPACE['xl']}px; }}
    QComboBox::drop-down {{ border: none; width: {SPACE['xl']}px; }}
    QComboBox::down-arrow {{ image: url({arrow}); width: {int(14 * scale)}px;
        height: {int(14 * scale)}px; }}
    QComboBox QAbstractItemView {{ background: {p.surface}; color: {p.text};
        selection-background-color: {p.accent}; selection-color: {p.accent_text}; }}
    QTableView, QListView, QTreeView {{ background: {p.surface}; border: 1px solid {p.border};
        alternate-background-color: {p.alternate}; gridline-color: {p.border};
        selection-background-color: {p.accent}; selection-color: {p.accent_text}; }}
    QTableView:focus, QListView:focus, QTreeView:focus {{ border: 2px solid {p.focus}; }}
    QHeaderView::section {{ background: {p.sidebar}; color: {p.text}; border: none;
        border-bottom: 1px solid {p.border}; padding: {SPACE['xs']}px {SPACE['s']}px;
        font-weight: 600; }}
    QToolButton {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 6px;
        padding: {SPACE['xs']}px; }}
    QToolButton:focus {{ border: 2px solid {p.focus}; }}
    QTabBar::tab {{ background: {p.window}; border: 1px solid {p.border}; padding: {SPACE['s']}px
        {SPACE['l']}px; border-top-left-radius: 6px; border-top-right-radius: 6px; }}
    QTabBar::tab:selected {{ background: {p.surface}; font-weight: 600; }}
    QTabBar::tab:focus {{ border: 2px solid {p.focus}; }}
    QSlider:focus {{ border: 2px solid {p.focus}; border-radius: 4px; }}
    QFrame[role="empty"] {{ background: {p.surface}; border: 1px dashed {p.border};
        border-radius: 8px; }}
    QLabel[role="success"] {{ color: {p.good}; font-weight: 600; }}
    """


def apply_theme(app: QApplication, name: str = "light", scale: float = 1.0) -> None:
    """Apply a theme (``system`` follows the system's colour scheme and contrast preference)."""
    p = THEMES[resolve_theme(name, app)]
    app.setProperty("trainerThemeChoice", name)
    app.setProperty("trainerTheme", p.name)
    app.setProperty("trainerScale", scale)
    palette = QPalette()
    palette.setColor(QPalette.Window, QColor(p.window))
    palette.setColor(QPalette.WindowText, QColor(p.text))
    palette.setColor(QPalette.Base, QColor(p.surface))
    palette.setColor(QPalette.AlternateBase, QColor(p.alternate))
    palette.setColor(QPalette.Text, QColor(p.text))
    palette.setColor(QPalette.Button, QColor(p.surface))
    palette.setColor(QPalette.ButtonText, QColor(p.text))
    palette.setColor(QPalette.Highlight, QColor(p.accent))
    palette.setColor(QPalette.HighlightedText, QColor(p.accent_text))
    palette.setColor(QPalette.Link, QColor(p.accent))
    palette.setColor(QPalette.LinkVisited, QColor(p.accent))
    palette.setColor(QPalette.ToolTipBase, QColor(p.surface))
    palette.setColor(QPalette.ToolTipText, QColor(p.text))
    palette.setColor(QPalette.PlaceholderText, QColor(p.muted))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(p, scale))
    for widget in app.topLevelWidgets():  # open windows redraw what the stylesheet cannot
        if widget.isVisible() and hasattr(widget, "on_theme_applied"):
            widget.on_theme_applied()


def repolish(widget) -> None:
    """Re-apply the stylesheet after a dynamic property (role, verdict, invalid) changes."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
