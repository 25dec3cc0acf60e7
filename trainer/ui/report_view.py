"""The report itself: a section of paragraphs, one highlighted, with the licence line."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.content.pack import ContentPack
from trainer.ui.theme import current_palette
from trainer.ui.widgets import button, label


def _paragraph_html(paragraph, highlight: bool) -> str:
    p = current_palette()
    blocks = [b for b in paragraph.text.split("\n\n") if b.strip()]
    body = ""
    for block in blocks:
        text = html.escape(block.replace("**", ""))
        if block.lstrip().startswith("- "):
            indent = 24 if block.startswith(" ") else 12
            body += f"<p style='margin:0 0 4px {indent}px'>• {text.lstrip()[2:]}</p>"
        else:
            body += f"<p style='margin:0 0 6px 0'>{text}</p>"
    number = (f"<b>¶{paragraph.number}</b> " if paragraph.number is not None
              else f"<b>{html.escape(paragraph.title)}</b><br/>")
    style = (f"background-color:{p.highlight}; border-left: 4px solid {p.focus};"
             if highlight else "")
    return (f"<a name='p-{html.escape(paragraph.id)}'></a>"
            f"<div style='{style} padding:6px; margin-bottom:8px'>{number}{body}</div>")


class ReportView(QWidget):
    """Shows the section that holds a paragraph, scrolled to it and highlighted."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pack: ContentPack | None = None
        self.current_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label("", role="h3", name=f"{name}Heading")
        self.browser = QTextBrowser()
        self.browser.setObjectName(f"{name}Text")
        self.browser.setAccessibleName("Report text")
        self.browser.setOpenLinks(False)
        self.attribution = label("", role="muted", name=f"{name}Attribution")
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.attribution)

    def set_pack(self, pack: ContentPack) -> None:
        self.pack = pack
        self.attribution.setText(pack.attribution)

    def show_paragraph(self, pid: str, highlight: bool = True) -> bool:
        if self.pack is None:
            return False
        ids = self.pack.report.expand(pid)
        first = self.pack.report.get(ids[0]) if ids else None
        if first is None:
            return False
        section = next((s for s in self.pack.report.sections if first.id in s.ids), None)
        members = section.ids if section else [first.id]
        wanted = set(ids) if highlight else set()
        parts = [_paragraph_html(self.pack.report.get(i), i in wanted) for i in members]
        self.heading.setText(section.title if section else first.title)
        self.browser.setHtml("".join(parts))
        self.browser.scrollToAnchor(f"p-{first.id}")
        # Layout finishes after the event loop turns; scroll again then.
        QTimer.singleShot(0, lambda anchor=f"p-{first.id}": self.browser.scrollToAnchor(anchor))
        self.current_id = first.id
        label_text = ", ".join(self.pack.report.get(i).label for i in ids if self.pack.report.get(i))
        self.browser.setAccessibleDescription(f"Showing {label_text}, highlighted")
        return True

    def refresh(self) -> None:
        """Draw the paragraphs again, in the colours of the theme now applied."""
        if self.current_id is not None:
            self.show_paragraph(self.current_id)

    def highlighted_text(self) -> str:
        if self.pack is None or self.current_id is None:
            return ""
        return self.pack.report.get(self.current_id).text


class ReportPanel(QWidget):
    """The side panel that a citation opens, beside whatever the learner is reading."""

    close_requested = Signal()
    open_full_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportPanel")
        self.setAccessibleName("The report, cited paragraph")
        layout = QVBoxLayout(self)
        title = label("The report", role="h2", name="reportPanelTitle")
        layout.addWidget(title)
        top = QHBoxLayout()  # the buttons under the title, so the panel stays narrow at 200%
        self.open_full = button("Open in The report", "reportPanelOpenFull", role="link",
                                description="Show this paragraph on the full report page")
        self.close_button = button("Close", "reportPanelClose",
                                   accessible="Close the report panel")
        top.addWidget(self.open_full)
        top.addStretch(1)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.view = ReportView("reportPanel")
        layout.addWidget(self.view, 1)
        self.close_button.clicked.connect(self.close_requested)
        self.open_full.clicked.connect(
            lambda: self.open_full_requested.emit(self.view.current_id or ""))


class ReportPage(QWidget):
    """The whole report: browse by section, search the text, read any paragraph."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.pack: ContentPack | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(label("The report", role="h1", name="reportPageTitle"))
        layout.addWidget(label("The inspectors' own words. Every lesson point and question links "
                               "here.", role="muted"))
        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("reportSearch")
        self.search.setPlaceholderText("Search the report, for example: return home interviews")
        self.search.setAccessibleName("Search the report")
        self.search.setClearButtonEnabled(True)
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.sections = QTreeWidget()
        self.sections.setObjectName("reportSections")
        self.sections.setAccessibleName("Sections of the report")
        self.sections.setHeaderHidden(True)
        self.results = QListWidget()
        self.results.setObjectName("reportSearchResults")
        self.results.setAccessibleName("Search results")
        self.results.hide()
        left_layout.addWidget(self.sections)
        left_layout.addWidget(self.results)
        self.view = ReportView("reportPage")
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setSizes([320, 700])
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self._search)
        self.sections.currentItemChanged.connect(self._picked)
        self.results.currentItemChanged.connect(self._picked)
        self.results.itemActivated.connect(self._picked)

    def set_pack(self, pack: ContentPack) -> None:
        self.pack = pack
        self.view.set_pack(pack)
        self.sections.clear()
        for section in pack.report.sections:
            top = QTreeWidgetItem([section.title])
            top.setData(0, Qt.ItemDataRole.UserRole, section.ids[0])
            for pid in section.ids:
                para = pack.report.get(pid)
                text = para.label if para.number is not None else para.title
                child = QTreeWidgetItem([text])
                child.setData(0, Qt.ItemDataRole.UserRole, pid)
                top.addChild(child)
            self.sections.addTopLevelItem(top)
        if pack.report.sections:
            self.view.show_paragraph(pack.report.sections[0].ids[0], highlight=False)

    def show_paragraph(self, pid: str) -> None:
        self.view.show_paragraph(pid)

    def _picked(self, item, _previous=None) -> None:
        if item is None:
            return
        data = item.data(0, Qt.ItemDataRole.UserRole) if isinstance(item, QTreeWidgetItem) else item.data(
            Qt.ItemDataRole.UserRole)
        if data:
            # A section heading shows the section; a paragraph is shown highlighted.
            is_section = isinstance(item, QTreeWidgetItem) and item.parent() is None
            self.view.show_paragraph(data, highlight=not is_section)

    def _search(self, text: str) -> None:
        self.results.clear()
        if self.pack is None or len(text.strip()) < 3:
            self.results.hide()
            self.sections.show()
            return
        hits = self.pack.report.search(text)
        for para in hits[:200]:
            snippet = para.text[:90].replace("\n", " ")
            item = QListWidgetItem(f"{para.label}: {snippet}…")
            item.setData(Qt.ItemDataRole.UserRole, para.id)
            self.results.addItem(item)
        if not hits:
            self.results.addItem(QListWidgetItem("No paragraph contains all of these words."))
        self.sections.hide()
        self.results.show()
