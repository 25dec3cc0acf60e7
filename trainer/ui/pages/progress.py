"""Progress: my modules, attempts, certificates, and the CPD log with its reflection fields.

Reflections are saved to the database as they are typed (each change is written at once), so
nothing is only in memory; "Save" is there for people who expect one, and confirms.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.services.cpd import REFLECTION_PROMPTS, ModuleProgress
from trainer.store.cpd import CpdEntry
from trainer.store.records import Attempt, Certificate
from trainer.ui.table_models import RowsModel
from trainer.ui.theme import SPACE
from trainer.ui.widgets import Card, button, label


class TableView(QTableView):
    """A table whose columns are measured again when the text size changes, so a header or a
    date set at 100% is not cut off at 200%."""

    _refit = False

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._refit = True  # measured when next shown (a hidden tab has no width yet)
            QTimer.singleShot(0, self._fit_if_shown)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_if_shown)

    def _fit_if_shown(self) -> None:
        if shiboken6.isValid(self) and self._refit and self.isVisible():
            self._refit = False
            self.fit_columns()

    def fit_columns(self) -> None:
        if not shiboken6.isValid(self) or self.model() is None:
            return
        columns = self.model().columnCount()
        stretch = self.horizontalHeader().stretchLastSection()
        widest = max(200, self.viewport().width() // 2)
        for column in range(columns - 1 if stretch else columns):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), widest))


def table_view(name: str, accessible: str, model) -> QTableView:
    view = TableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectRows)
    view.setSelectionMode(QTableView.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


def scroll_column(name: str, accessible: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A tab's column that scrolls; ``accessible`` is what a screen reader calls it."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setAccessibleName(accessible)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.NoFrame)
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, SPACE["m"], SPACE["s"], SPACE["m"])
    column.setSpacing(SPACE["m"])
    scroll.setWidget(inner)
    return scroll, column


class CpdEntryCard(Card):
    reflection_changed = Signal(int, str, str)

    def __init__(self, entry: CpdEntry, parent=None):
        super().__init__(f"cpdEntry-{entry.id}", parent)
        self.entry_id = entry.id
        self.body.addWidget(label(entry.activity, role="h3"))
        self.body.addWidget(label(f"{entry.done_on} · {entry.kind} · {entry.minutes} minutes",
                                  role="muted"))
        self.body.addWidget(label(entry.covered, name=f"cpdCovered-{entry.id}"))
        self.fields: dict[str, QPlainTextEdit] = {}
        for field, prompt in REFLECTION_PROMPTS.items():
            self.body.addWidget(label(prompt, role="h3"))
            edit = QPlainTextEdit(getattr(entry, field))
            edit.setObjectName(f"cpd-{field}-{entry.id}")
            edit.setAccessibleName(f"{prompt}: {entry.activity}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(84)
            edit.textChanged.connect(
                lambda f=field, e=edit: self.reflection_changed.emit(self.entry_id, f,
                                                                     e.toPlainText()))
            self.fields[field] = edit
            self.body.addWidget(edit)


class ProgressPage(QWidget):
    reflection_changed = Signal(int, str, str)
    save_reflections_requested = Signal()
    cpd_export_requested = Signal(str)  # "pdf" or "csv"
    certificate_save_requested = Signal(str)
    verify_requested = Signal(str)  # a code, or "" to type one
    practise_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("progressPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["l"])
        outer.setSpacing(SPACE["m"])
        outer.addWidget(label("Progress", role="h1", name="progressPageTitle"))
        self.summary = label("", role="lead", name="progressSummary")
        outer.addWidget(self.summary)
        practice_row = QHBoxLayout()
        self.practice_line = label("", name="practiceDue")
        self.practise_now = button("Practise now", "progressPractiseNow",
                                   description="Answer the questions due for practice")
        practice_row.addWidget(self.practice_line, 1)
        practice_row.addWidget(self.practise_now)
        outer.addLayout(practice_row)
        self.practise_now.clicked.connect(self.practise_requested)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("progressTabs")
        self.tabs.setAccessibleName("Progress sections")
        outer.addWidget(self.tabs, 1)

        self.modules_model = RowsModel(["Module", "Status", "Best score", "Attempts", "Passed on"])
        self.modules_view = table_view("progressModules", "My modules", self.modules_model)
        self.tabs.addTab(self.modules_view, "Modules")

        self.attempts_model = RowsModel(["Finished", "Module", "Score", "Result"])
        self.attempts_view = table_view("progressAttempts", "My attempts", self.attempts_model)
        self.tabs.addTab(self.attempts_view, "Attempts")

        cert_scroll, self.cert_column = scroll_column("progressCertificates", "Your certificates")
        self.tabs.addTab(cert_scroll, "Certificates")

        cpd = QWidget()
        cpd_layout = QVBoxLayout(cpd)
        cpd_layout.setContentsMargins(0, SPACE["m"], 0, 0)
        cpd_layout.addWidget(label(
            "Your CPD record, shaped for Social Work England: an entry is drafted for each module "
            "you pass. Add your reflection; it is saved as you type.", role="muted"))
        row = QHBoxLayout()
        self.save_cpd = button("Save", "cpdSave", role="primary",
                               description="Save every reflection now")
        self.export_pdf = button("Export PDF…", "cpdExportPdf",
                                 description="Save your CPD log as a PDF file")
        self.export_csv = button("Export CSV…", "cpdExportCsv",
                                 description="Save your CPD log as a spreadsheet (CSV)")
        self.saved_note = label("", role="muted", name="cpdSavedNote")
        for widget in (self.save_cpd, self.export_pdf, self.export_csv):
            row.addWidget(widget)
        row.addWidget(self.saved_note, 1)
        cpd_layout.addLayout(row)
        cpd_scroll, self.cpd_column = scroll_column("cpdEntries", "CPD log entries")
        cpd_layout.addWidget(cpd_scroll, 1)
        self.tabs.addTab(cpd, "CPD log")
        self.cpd_cards: dict[int, CpdEntryCard] = {}

        self.save_cpd.clicked.connect(self.save_reflections_requested)
        self.export_pdf.clicked.connect(lambda: self.cpd_export_requested.emit("pdf"))
        self.export_csv.clicked.connect(lambda: self.cpd_export_requested.emit("csv"))

    @staticmethod
    def _clear(column: QVBoxLayout) -> None:
        while column.count():
            item = column.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def show_progress(self, modules: list[ModuleProgress], attempts: list[tuple[Attempt, str]],
                      certificates: list[Certificate], entries: list[CpdEntry],
                      practice: str = "", practice_due: int = 0) -> None:
        self.practice_line.setText(practice)
        self.practice_line.setVisible(bool(practice))
        self.practise_now.setVisible(practice_due > 0)
        passed = sum(1 for m in modules if m.state == "Passed")
        minutes = sum(e.minutes for e in entries)
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        self.summary.setText(f"{passed} of {len(modules)} modules passed · "
                             f"{count(len(attempts), 'attempt')} · "
                             f"{count(len(certificates), 'certificate')} · {minutes} CPD "
                             "minutes recorded")
        self.modules_model.set_rows([
            [m.title, m.state, f"{m.best_percent}%" if m.best_percent is not None else None,
             m.attempts, m.passed_on] for m in modules])
        self.modules_view.resizeColumnToContents(0)
        self.attempts_model.set_rows([
            [a.finished_at[:16].replace("T", " "), title,
             f"{a.score:g} of {a.max_score}", "Passed" if a.passed else "Not passed"]
            for a, title in attempts])
        self.attempts_view.resizeColumnToContents(1)
        self._show_certificates(certificates)
        self._show_cpd(entries)

    def _show_certificates(self, certificates: list[Certificate]) -> None:
        self._clear(self.cert_column)
        verify_any = button("Verify a certificate…", "verifyAnyCertificate",
                            description="Check a verification code from any certificate")
        verify_any.clicked.connect(lambda: self.verify_requested.emit(""))
        self.cert_column.addWidget(verify_any, 0, Qt.AlignLeft)
        if not certificates:
            self.cert_column.addWidget(label("No certificates yet. Pass a module's knowledge "
                                             "check to earn one.", role="muted",
                                             name="noCertificates"))
        for cert in certificates:
            card = Card(f"certificateCard-{cert.id}")
            card.body.addWidget(label(cert.title, role="h3"))
            status = f"Revoked: {cert.revoked_reason}" if cert.revoked_at else cert.score_text
            card.body.addWidget(label(f"Issued {cert.issued_at[:10]} · {status} · "
                                      f"{cert.cpd_minutes} CPD minutes", role="muted"))
            card.body.addWidget(label(f"Certificate {cert.id} · code {cert.code}",
                                      selectable=True))
            row = QHBoxLayout()
            again = button("Save again…", f"saveAgain-{cert.id}",
                           accessible=f"Save certificate for {cert.title} again")
            check = button("Verify", f"verify-{cert.id}",
                           accessible=f"Verify certificate for {cert.title}")
            again.clicked.connect(lambda _=False, c=cert.id: self.certificate_save_requested.emit(c))
            check.clicked.connect(lambda _=False, c=cert.code: self.verify_requested.emit(c))
            row.addWidget(again)
            row.addWidget(check)
            row.addStretch(1)
            card.body.addLayout(row)
            self.cert_column.addWidget(card)
        self.cert_column.addStretch(1)

    def _show_cpd(self, entries: list[CpdEntry]) -> None:
        self._clear(self.cpd_column)
        self.cpd_cards = {}
        if not entries:
            self.cpd_column.addWidget(label("No entries yet. When you pass a module's knowledge "
                                            "check, an entry is drafted here for your reflection.",
                                            role="muted", name="noCpdEntries"))
        for entry in entries:
            card = CpdEntryCard(entry)
            card.reflection_changed.connect(self.reflection_changed)
            self.cpd_cards[entry.id] = card
            self.cpd_column.addWidget(card)
        self.cpd_column.addStretch(1)

    def reflections(self) -> list[tuple[int, str, str]]:
        return [(entry_id, field, edit.toPlainText()) for entry_id, card in self.cpd_cards.items()
                for field, edit in card.fields.items()]
