"""Small building blocks that give every control a name, an accessible name and a style role."""

from __future__ import annotations

import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.theme import SPACE, repolish


def button(text: str, name: str, *, role: str | None = None, accessible: str | None = None,
           description: str = "", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    if role:
        widget.setProperty("role", role)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setAutoDefault(False)
    return widget


def label(text: str = "", *, role: str | None = None, name: str | None = None,
          wrap: bool = True, selectable: bool = False) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return widget


AREA_SHORT = {
    "children who need help and protection": "Help and protection",
    "children looked after and achieving permanence": "Looked after",
    "adoption performance": "Adoption",
    "experiences and progress of care leavers": "Care leavers",
    "leadership, management and governance": "Leadership",
    "the lscb": "LSCB",
    "the local safeguarding children board": "LSCB",
    "the local safeguarding children board (lscb)": "LSCB",
}


def short_area(area: str) -> str:
    return AREA_SHORT.get(area.strip().casefold(), area.strip())


def grade_badge(grade: str, name: str, area: str = "") -> QLabel:
    """The report's judgement as text in a badge: colour is never the only signal."""
    text = f"{short_area(area)}: {grade}" if area else grade
    badge = label(text, role="badge", name=name, wrap=False)
    badge.setProperty("grade", grade)
    badge.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Maximum)
    badge.setAccessibleName(f"Ofsted judgement for {area or 'this area'}: {grade}")
    badge.setToolTip(area)
    return badge


class Card(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(SPACE["l"], SPACE["l"], SPACE["l"], SPACE["l"])
        self.body.setSpacing(SPACE["s"])


def field_label(text: str, buddy: QWidget, name: str | None = None, *,
                wrap: bool = True) -> QLabel:
    """A label tied to its field: Alt plus the underlined letter moves there, and screen readers
    read the label as the field's name."""
    widget = QLabel(text)
    widget.setBuddy(buddy)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    if not buddy.accessibleName():
        buddy.setAccessibleName(text.replace("&", ""))
    return widget


ANNOUNCED: list[str] = []  # the latest announcements, newest last (tests read them)


def announce(widget: QWidget, message: str) -> None:
    """Ask a screen reader to say ``message`` now (feedback on an answer, an error on a form):
    text that appears on screen is otherwise read only when the person moves to it."""
    if not message:
        return
    ANNOUNCED.append(message)
    del ANNOUNCED[:-20]
    event_class = getattr(QtGui, "QAccessibleAnnouncementEvent", None)  # Qt 6.8 and later
    if event_class is not None and QAccessible.isActive():
        QAccessible.updateAccessibility(event_class(widget, message))


def show_field_error(error: QLabel, field: QWidget, message: str, hint: str = "") -> None:
    """Show (or clear, with an empty message) a field's error under it, mark the field, make the
    message the field's description for a screen reader, and say it at once."""
    error.setText(message)
    error.setVisible(bool(message))
    field.setProperty("invalid", bool(message))
    field.setAccessibleDescription(message or hint)
    repolish(field)
    announce(field, message)


def add_field_row(form: QFormLayout, text: str, field: QWidget, error_name: str, *,
                  wrap: bool = True) -> QLabel:
    """Add a form row whose field keeps its error message just under it (hidden until there is
    one), so the message is read next to what it is about. Returns the error label."""
    holder = QVBoxLayout()
    holder.setSpacing(2)
    holder.addWidget(field)
    error = label("", role="error", name=error_name)
    error.hide()
    holder.addWidget(error)
    form.addRow(field_label(text, field, wrap=wrap), holder)
    return error


class EmptyState(QFrame):
    """What to do when there is nothing to show yet: a title and the next step, never a blank."""

    def __init__(self, name: str, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        layout.setSpacing(SPACE["s"])
        self.title = label(title, role="h3", name=f"{name}Title")
        self.text = label(text, role="muted", name=f"{name}Text")
        layout.addWidget(self.title)
        layout.addWidget(self.text)


def scroll_body(page: QWidget, name: str, accessible: str) -> QWidget:
    """Put a page's content in a scroll area, so it stays usable at twice the text size.
    Returns the widget to lay the content out in."""
    from PySide6.QtWidgets import QScrollArea

    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setAccessibleName(accessible)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.NoFrame)
    inner = QWidget()
    inner.setObjectName(f"{name}Content")
    scroll.setWidget(inner)
    outer.addWidget(scroll)
    return inner


def reading_column(page: QWidget, name: str, accessible: str, back: QWidget) -> QVBoxLayout:
    """The column of a page read top to bottom (a module, a case study): in a scroll area, with
    the link back where it came from alone on the first line. Returns the column to add to."""
    column = QVBoxLayout(scroll_body(page, name, accessible))
    column.setContentsMargins(SPACE["xl"], SPACE["l"], SPACE["xl"], SPACE["l"])
    column.setSpacing(SPACE["s"])
    top = QHBoxLayout()
    top.addWidget(back)
    top.addStretch(1)
    column.addLayout(top)
    return column


def labelled(text: str | None, field: QWidget, *more) -> QWidget:
    """A label and its field kept together on one line (``more``: further texts and fields), so
    a wrapping row of filters never parts a label from what it names. The label is the field's
    buddy: its mnemonic and a screen reader lead to the field."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(SPACE["s"])
    parts = ([] if text is None else [text]) + [field, *more]
    pending = None
    for part in parts:
        if isinstance(part, str):
            pending = label(part, wrap=False)
            row.addWidget(pending)
        else:
            if pending is not None:
                pending.setBuddy(part)
                pending = None
            row.addWidget(part)
    return group


def fit_to_text(window: QWidget, width: int, *, height: int = 0, grow_only: bool = False) -> None:
    """Size a dialog for the text size in use: ``width`` (at 100%) scaled up with the text, and
    tall enough for its wrapped text at that width (a top-level window's layout does not work
    out the height of wrapping labels by itself), and at least ``height`` (at 100%, scaled too).
    Keeps within the screen."""
    layout = window.layout()
    if layout is None:
        return
    app = QApplication.instance()
    scale = float(app.property("trainerScale") or 1.0) if app is not None else 1.0
    screen = window.screen().availableGeometry() if window.screen() is not None else None
    limit = QSize(screen.width(), screen.height()) if screen else None
    if limit is not None and QApplication.platformName() == "offscreen":
        limit = limit.expandedTo(QSize(1280, 820))  # the audit's laptop, not Qt's 800×800 stand-in
    wide = int(width * max(1.0, scale))
    if limit is not None:
        wide = min(wide, limit.width() - 40)
    layout.activate()
    high = layout.totalHeightForWidth(wide) if layout.hasHeightForWidth() else -1
    high = max(high, layout.totalMinimumSize().height(), int(height * max(1.0, scale)))
    for scroll in window.findChildren(QScrollArea):  # room for what it holds, if the screen has
        content = scroll.widget()
        if scroll.widgetResizable() and content is not None and content.layout() is not None:
            needed = content.layout().totalHeightForWidth(wide - 24)
            high += max(0, needed - scroll.sizeHint().height())
    if limit is not None:
        high = min(high, limit.height() - 60)
    if grow_only:
        wide, high = max(wide, window.width()), max(high, window.height())
    window.resize(wide, high)


class PageStack(QStackedWidget):
    """A stack whose minimum size is its current page's, not its widest page's: one wide page
    (the Manage tables) must not force the window wider while another page is shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page else QSize(0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.sizeHint() if page else super().sizeHint()


class FlowBox(QWidget):
    """Lays its widgets out left to right and wraps them onto new lines, like words in a
    paragraph, so a row of buttons or badges never forces the page wider at large text sizes.

    A widget that places its children itself rather than a QLayout subclass: a layout written in
    Python has to hold Qt's layout items, and some PySide6 releases (6.10, 6.11) let those be
    deleted behind its back, a crash the next time the layout is asked for its size."""

    def __init__(self, parent: QWidget | None = None, spacing: int = SPACE["s"],
                 right: bool = False, name: str = ""):
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self._widgets: list[QWidget] = []
        self._spacing = spacing
        self._right = right  # lines end at the right edge (a header's buttons)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- the widgets ----------------------------------------------------------------------------
    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - named like a layout's
        hidden = widget.isHidden() and widget.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        widget.setParent(self)
        widget.installEventFilter(self)
        self._widgets.append(widget)
        if self.isVisible() and not hidden:
            widget.show()
        self._changed()

    def removeWidget(self, widget: QWidget) -> None:  # noqa: N802 - named like a layout's
        if widget in self._widgets:
            self._widgets.remove(widget)
            widget.removeEventFilter(self)
            self._changed()

    def widgets(self) -> list[QWidget]:
        return [w for w in self._widgets if shiboken6.isValid(w) and w.parentWidget() is self]

    def clear(self) -> None:
        """Remove and delete every widget."""
        for widget in self.widgets():
            widget.removeEventFilter(self)
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self._widgets = []
        self._changed()

    # -- size -----------------------------------------------------------------------------------
    def _shown(self) -> list[QWidget]:
        self._widgets = self.widgets()
        return [w for w in self._widgets if not w.isHidden()]

    @staticmethod
    def _hint(widget: QWidget) -> QSize:
        hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
        return hint.expandedTo(widget.minimumSize()).boundedTo(widget.maximumSize())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(width, move=False)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize(0, 0)
        for widget in self._shown():
            size = size.expandedTo(self._hint(widget))
        return size

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.minimumSizeHint().width()
        return QSize(width, self._arrange(width, move=False))

    # -- placing --------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.updateGeometry()
        self._arrange(self.width(), move=True)

    def _arrange(self, width: int, move: bool) -> int:
        lines: list[list] = [[]]
        x = 0
        for widget in self._shown():
            hint = self._hint(widget)
            if x + hint.width() > width and lines[-1]:
                lines.append([])
                x = 0
            lines[-1].append((widget, hint))
            x += hint.width() + self._spacing
        y = 0
        for number, line in enumerate(lines):
            if not line:
                continue
            height = max(hint.height() for _widget, hint in line)
            used = sum(hint.width() for _widget, hint in line) + self._spacing * (len(line) - 1)
            x = max(0, width - used) if self._right else 0
            for widget, hint in line:
                if move:  # centred in its line, so a label sits level with the buttons beside it
                    widget.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2),
                                             QSize(min(hint.width(), max(width, 1)),
                                                   hint.height())))
                x += hint.width() + self._spacing
            y += height + (self._spacing if number < len(lines) - 1 else 0)
        return y

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(self.width(), move=True)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a child's size hint changed
            self._changed()
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            QTimer.singleShot(0, self._later)
        return False

    def _later(self) -> None:
        if shiboken6.isValid(self):
            self._changed()


class _ShownText:
    """text() gives the option's words, which a ChoiceText beside the box shows."""

    def text(self) -> str:
        return self.property("choiceText") or ""


class ChoiceRadio(_ShownText, QRadioButton):
    pass


class ChoiceCheck(_ShownText, QCheckBox):
    pass


class ChoiceText(QLabel):
    """The wrapping text of a radio button or check box (their own text never wraps, so long
    options would run off the page at large text sizes). Clicking the text clicks the box."""

    def __init__(self, text: str, box: QWidget, name: str):
        super().__init__(text)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setBuddy(box)
        box.setProperty("choiceText", text)
        self.setCursor(Qt.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        box = self.buddy()
        if event.button() == Qt.LeftButton and box is not None and box.isEnabled():
            box.click()
            box.setFocus(Qt.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrapButton(QPushButton):
    """A push button whose text wraps onto more lines, for long choices (a plain QPushButton keeps
    its text on one line and would push the page wider than the window at large text sizes)."""

    def __init__(self, text: str, name: str, accessible: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible or text)
        self.setCursor(Qt.PointingHandCursor)
        self.setAutoDefault(False)
        self._text = QLabel(text, self)
        self._text.setObjectName(f"{name}Text")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.PlainText)
        self._text.setAttribute(Qt.WA_TransparentForMouseEvents)
        from PySide6.QtWidgets import QHBoxLayout

        row = QHBoxLayout(self)
        row.setContentsMargins(SPACE["l"], SPACE["s"], SPACE["l"], SPACE["s"])
        row.addWidget(self._text)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._text.setText(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self.layout().totalHeightForWidth(width)
