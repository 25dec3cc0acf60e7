"""Keyboard shortcuts and appearance for the main window: zoom, full screen, following the system.

Standard keys: Ctrl+Q quits and Alt+Left goes back (set in the main window), F11 toggles full
screen, Ctrl+= (or Ctrl++) and Ctrl+- change the text size setting, Ctrl+0 resets it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from trainer.services.settings import SettingsService
from trainer.ui.theme import TEXT_SIZES, apply_theme


def next_size(current: int, step: int) -> int:
    """The next text size up (step 1) or down (step -1) from ``current``."""
    if step > 0:
        return next((s for s in TEXT_SIZES if s > current), TEXT_SIZES[-1])
    return next((s for s in reversed(TEXT_SIZES) if s < current), TEXT_SIZES[0])


class Appearance:
    """Applies the stored theme and text size, and keeps them in step with the system."""

    def __init__(self, app: QApplication, settings: SettingsService):
        self.app = app
        self.settings = settings
        self.listeners = []
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_changed)
        if hasattr(hints, "accessibility"):  # Qt 6.10+
            hints.accessibility().contrastPreferenceChanged.connect(self._system_changed)

    def apply(self) -> None:
        apply_theme(self.app, self.settings.theme, self.settings.text_size / 100)
        for listener in self.listeners:
            listener(self.settings.theme, self.settings.text_size)

    def set(self, theme: str, size: int) -> None:
        self.settings.set_theme(theme)
        self.settings.set_text_size(size)
        self.apply()

    def zoom(self, step: int) -> None:
        size = TEXT_SIZES[0] if step == 0 else next_size(self.settings.text_size, step)
        self.set(self.settings.theme, size)

    def _system_changed(self, *_args) -> None:
        if self.settings.theme == "system":
            self.apply()


def _action(window: QMainWindow, text: str, name: str, keys, slot) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    sequences: list[QKeySequence] = []
    for key in keys:
        for sequence in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                         else [QKeySequence(key)]):
            if sequence not in sequences:
                sequences.append(sequence)
    action.setShortcuts(sequences)
    action.setShortcutContext(Qt.WindowShortcut)  # other windows (the audience view) keep F11
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def toggle_full_screen(window: QMainWindow) -> None:
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()


class _FullScreenKey(QObject):
    """F11 for the main window only, as a key filter rather than a shortcut, so that another
    window of the app (the audience view) keeps its own F11."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.KeyPress and event.key() == Qt.Key_F11
                and isinstance(obj, QWidget) and obj.window() is self.window):
            toggle_full_screen(self.window)
            return True
        return False


def install_shortcuts(window: QMainWindow, appearance: Appearance) -> list[QAction]:
    QApplication.instance().installEventFilter(_FullScreenKey(window))
    return [
        _action(window, "Larger text", "zoomInAction",
                [QKeySequence.ZoomIn, "Ctrl+=", "Ctrl++"], lambda: appearance.zoom(1)),
        _action(window, "Smaller text", "zoomOutAction", [QKeySequence.ZoomOut, "Ctrl+-"],
                lambda: appearance.zoom(-1)),
        _action(window, "Normal text size", "zoomResetAction", ["Ctrl+0"],
                lambda: appearance.zoom(0)),
    ]
