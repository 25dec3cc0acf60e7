"""Manage (behind the facilitator PIN): the team matrix, question statistics, training needs,
charts, learners (archive, export their data, erase), certificates and record keeping.

The page reads through InsightService; everything that changes records is a ``*_requested``
signal that the main window carries out (and that the audit log records).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.services.insights import InsightService, topic_label
from trainer.store.admin import AuditEntry
from trainer.store.records import Learner
from trainer.ui.manager_charts import BarChart, LineChart
from trainer.ui.pages.progress import scroll_column, table_view
from trainer.ui.table_models import MatrixModel, RowsModel
from trainer.ui.theme import SPACE
from trainer.ui.widgets import FlowBox, button, label, labelled

ALL = "All"


def _combo(name: str, accessible: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setMinimumWidth(160)
    return box


def _tab(name: str, accessible: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A tab's page that scrolls when the window is short for it (at large text sizes), so its
    table keeps a usable height instead of being squeezed to a line."""
    scroll, layout = scroll_column(name, accessible)
    layout.setContentsMargins(0, SPACE["m"], SPACE["s"], 0)
    return scroll, layout


def _set_items(box: QComboBox, items: list[str]) -> None:
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems([ALL, *items])
    index = box.findText(current)
    box.setCurrentIndex(max(0, index))
    box.blockSignals(False)


def _value(box: QComboBox) -> str | None:
    return None if box.currentText() in ("", ALL) else box.currentText()


class ManagePage(QWidget):
    export_requested = Signal(str)  # "matrix", "attempts", "questions", "summary"
    archive_requested = Signal(int, bool)
    subject_access_requested = Signal(int)
    erase_requested = Signal(int)
    revoke_requested = Signal(str, str)
    verify_requested = Signal(str)
    retention_requested = Signal(int)
    lock_requested = Signal()

    def __init__(self, insights: InsightService, parent=None):
        super().__init__(parent)
        self.insights = insights
        self.setObjectName("managePage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["l"])
        outer.setSpacing(SPACE["m"])
        top = QHBoxLayout()
        top.addWidget(label("Manage", role="h1", name="managePageTitle"))
        top.addStretch(1)
        self.lock = button("Lock", "manageLock", description="Lock Manage behind the PIN again")
        top.addWidget(self.lock)
        outer.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("manageTabs")
        self.tabs.setAccessibleName("Manage sections")
        outer.addWidget(self.tabs, 1)
        self._build_matrix()
        self._build_questions()
        self._build_needs()
        self._build_charts()
        self._build_learners()
        self._build_certificates()
        self._build_records()
        self.lock.clicked.connect(self.lock_requested)
        self.tabs.currentChanged.connect(lambda _i: self.refresh_current())
        self._keep_rows_in_view()

    # -- matrix -------------------------------------------------------------------------------
    def _build_matrix(self) -> None:
        page, layout = _tab("manageMatrixScroll", "Team matrix")
        filter_row = filters = FlowBox(name="matrixFilters")
        self.team = _combo("matrixTeam", "Team")
        self.role = _combo("matrixRole", "Role")
        self.use_dates = QCheckBox("Completed between")
        self.use_dates.setObjectName("matrixUseDates")
        self.use_dates.setAccessibleName("Filter by completion date")
        self.since = QDateEdit(QDate.currentDate().addMonths(-12))
        self.until = QDateEdit(QDate.currentDate())
        for edit, name, text in ((self.since, "matrixSince", "From date"),
                                 (self.until, "matrixUntil", "To date")):
            edit.setObjectName(name)
            edit.setAccessibleName(text)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        filters.addWidget(labelled("Team", self.team))
        filters.addWidget(labelled("Role", self.role))
        filters.addWidget(self.use_dates)
        filters.addWidget(labelled(None, self.since, "and", self.until))
        layout.addWidget(filter_row)
        self.matrix_summary = label("", role="muted", name="matrixSummary")
        layout.addWidget(self.matrix_summary)
        self.matrix_model = MatrixModel(self.insights.modules(), self._fill)
        self.matrix_view = table_view("matrixTable", "Learners by modules", self.matrix_model)
        self.matrix_view.setSelectionBehavior(QTableView.SelectItems)
        self.matrix_view.setTextElideMode(Qt.ElideRight)
        self.matrix_view.horizontalHeader().setDefaultSectionSize(190)
        self.matrix_view.horizontalHeader().setStretchLastSection(False)
        # A module title longer than its column shows its start (the full title is its tooltip).
        self.matrix_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.matrix_view, 1)
        row_widget = row = FlowBox()
        for key, text in (("matrix", "Export matrix…"), ("attempts", "Export attempts…"),
                          ("summary", "Team summary PDF…")):
            widget = button(text, f"export-{key}")
            widget.clicked.connect(lambda _=False, k=key: self.export_requested.emit(k))
            row.addWidget(widget)
        layout.addWidget(row_widget)
        self.tabs.addTab(page, "Team matrix")
        for box in (self.team, self.role):
            box.currentIndexChanged.connect(lambda _i: self.refresh_matrix())
        self.use_dates.toggled.connect(lambda _b: self.refresh_matrix())
        self.since.dateChanged.connect(lambda _d: self.refresh_matrix())
        self.until.dateChanged.connect(lambda _d: self.refresh_matrix())

    def filters(self) -> dict:
        dates = self.use_dates.isChecked()
        return {"team": _value(self.team), "role": _value(self.role),
                "since": self.since.date().toString("yyyy-MM-dd") if dates else None,
                "until": self.until.date().toString("yyyy-MM-dd") if dates else None}

    def _fill(self, learners) -> None:
        f = self.filters()
        self.insights.fill(learners, since=f["since"], until=f["until"])

    def refresh_matrix(self) -> None:
        f = self.filters()
        learners = self.insights.matrix_rows(team=f["team"], role=f["role"])
        self.matrix_model.set_learners(learners)
        who = f["team"] or "all teams"
        self.matrix_summary.setText(
            f"{len(learners)} learners in {who}" + (f", {f['role']}" if f["role"] else "")
            + (f"; results completed {f['since']} to {f['until']}" if f["since"] else "")
            + ". Each cell: best score and the date it was reached.")
        self.matrix_view.setColumnWidth(0, 200)
        self.matrix_view.setColumnWidth(1, 140)
        self.matrix_view.setColumnWidth(2, 160)

    # -- questions ----------------------------------------------------------------------------
    def _build_questions(self) -> None:
        page, layout = _tab("manageQuestionsScroll", "Questions")
        layout.addWidget(label(
            "Every question over all attempts, hardest first. Facility: the mean mark (low means "
            "most people get it wrong). Discrimination: how well the question separates those who "
            "score well overall from those who do not (below 0.2 is weak; negative needs a look).",
            role="muted"))
        self.questions_model = RowsModel(["Question", "Topic", "Answers", "Facility",
                                          "Discrimination", "Wrong answer chosen most", "Times",
                                          "Question text"])
        self.questions_view = table_view("questionStats", "Question statistics",
                                         self.questions_model)
        layout.addWidget(self.questions_view, 1)
        export = button("Export question statistics…", "export-questions")
        export.clicked.connect(lambda: self.export_requested.emit("questions"))
        layout.addWidget(export, 0, Qt.AlignLeft)
        self.tabs.addTab(page, "Questions")

    def refresh_questions(self) -> None:
        self.questions_model.set_rows([
            [q.question_id, topic_label(q.topic), q.answered, round(q.facility, 2),
             None if q.discrimination is None else round(q.discrimination, 2), q.top_wrong,
             q.top_wrong_count, q.stem] for q in self.insights.question_stats()])
        for column in (0, 1, 5):
            self.questions_view.resizeColumnToContents(column)
        self.questions_view.setColumnWidth(5, min(320, self.questions_view.columnWidth(5)))

    # -- training needs -----------------------------------------------------------------------
    def _build_needs(self) -> None:
        scroll, column = scroll_column("trainingNeeds", "Training needs")
        row = QHBoxLayout()
        row.addWidget(label("Team", wrap=False))
        self.needs_team = _combo("needsTeam", "Team for training needs")
        row.addWidget(self.needs_team)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(label(
            "Topics ranked by the team's weakness: the lowest mean mark first. The report found "
            "no skills audit or record of staff's training (¶100) and asked for an analysis of "
            "workforce training needs and gaps (¶105).", role="muted"))
        self.needs_list = QListWidget()
        self.needs_list.setObjectName("needsRanking")
        self.needs_list.setAccessibleName("Topics, weakest first")
        self.needs_list.setMinimumHeight(180)
        column.addWidget(self.needs_list)
        self.needs_chart = BarChart("needsChart", "Mean mark by topic, weakest first")
        column.addWidget(self.needs_chart)
        column.addStretch(1)
        self.tabs.addTab(scroll, "Training needs")
        self.needs_team.currentIndexChanged.connect(lambda _i: self.refresh_needs())

    def refresh_needs(self) -> None:
        needs = self.insights.training_needs(_value(self.needs_team))
        self.needs_list.clear()
        for rank, need in enumerate(needs, start=1):
            who = f", {need.learners} learners" if need.learners else ""
            self.needs_list.addItem(f"{rank}. {topic_label(need.topic)}: mean mark "
                                    f"{round(need.facility * 100)}% ({need.answered} answers{who})")
        if not needs:
            self.needs_list.addItem("No answers yet from this team.")
        self.needs_chart.set_bars([(topic_label(n.topic), n.facility) for n in needs[:12]])

    # -- charts -------------------------------------------------------------------------------
    def _build_charts(self) -> None:
        scroll, column = scroll_column("manageCharts", "Charts")
        column.addWidget(label("Modules passed over time (all learners, cumulative)", role="h3"))
        self.completion_chart = LineChart("completionChart", "Modules passed over time")
        column.addWidget(self.completion_chart)
        column.addWidget(label("Mean mark by topic, all attempts", role="h3"))
        self.topic_chart = BarChart("topicChart", "Mean mark by topic")
        column.addWidget(self.topic_chart)
        column.addStretch(1)
        self.tabs.addTab(scroll, "Charts")

    def refresh_charts(self) -> None:
        self.completion_chart.set_points(self.insights.completions_over_time())
        self.topic_chart.set_bars([(topic_label(t), v) for t, v in
                                   self.insights.scores_by_topic()[:15]])

    # -- learners -----------------------------------------------------------------------------
    def _build_learners(self) -> None:
        page, layout = _tab("manageLearnersScroll", "Learners")
        layout.addWidget(label("Archive leavers to hide them from lists (their records stay). "
                               "Export everything held on a learner for a subject access request. "
                               "Erase removes a learner and all their records for good.",
                               role="muted"))
        self.learners_model = RowsModel(["Name", "Role", "Team", "Status"])
        self.learners_view = table_view("learnersTable", "Learners", self.learners_model)
        layout.addWidget(self.learners_view, 1)
        row_widget = row = FlowBox()
        self.archive = button("Archive / restore", "archiveLearner",
                              description="Archive the selected learner, or restore them")
        self.subject_access = button("Export their data…", "subjectAccess",
                                     description="Save everything held on the selected learner")
        self.erase = button("Erase…", "eraseLearner",
                            description="Erase the selected learner and all their records")
        for widget in (self.archive, self.subject_access, self.erase):
            row.addWidget(widget)
        layout.addWidget(row_widget)
        self.tabs.addTab(page, "Learners")
        self.learner_rows: list[Learner] = []
        self.archive.clicked.connect(self._archive_clicked)
        self.subject_access.clicked.connect(
            lambda: self._with_learner(lambda ln: self.subject_access_requested.emit(ln.id)))
        self.erase.clicked.connect(
            lambda: self._with_learner(lambda ln: self.erase_requested.emit(ln.id)))

    def selected_learner(self) -> Learner | None:
        rows = self.learners_view.selectionModel().selectedRows()
        return self.learner_rows[rows[0].row()] if rows else None

    def _with_learner(self, action) -> None:
        learner = self.selected_learner()
        if learner is not None:
            action(learner)

    def _archive_clicked(self) -> None:
        self._with_learner(lambda ln: self.archive_requested.emit(ln.id, ln.archived_at is None))

    def show_learners(self, learners: list[Learner]) -> None:
        self.learner_rows = learners
        self.learners_model.set_rows([
            [ln.name, ln.role, ln.team,
             f"Archived {ln.archived_at[:10]}" if ln.archived_at else "Active"]
            for ln in learners])
        for column in range(3):
            self.learners_view.resizeColumnToContents(column)

    # -- certificates -------------------------------------------------------------------------
    def _build_certificates(self) -> None:
        page, layout = _tab("manageCertificatesScroll", "Certificates")
        verify = button("Verify a certificate…", "manageVerify")
        verify.clicked.connect(lambda: self.verify_requested.emit(""))
        layout.addWidget(verify, 0, Qt.AlignLeft)
        layout.addWidget(label("Revoke a certificate", role="h2"))
        layout.addWidget(label("A revoked certificate no longer verifies; the reason is shown to "
                               "whoever checks it and kept in the audit log.", role="muted"))
        form = QFormLayout()
        self.revoke_id = QLineEdit()
        self.revoke_id.setObjectName("revokeId")
        self.revoke_id.setAccessibleName("Certificate number to revoke")
        self.revoke_id.setPlaceholderText("TC-2026-…")
        self.revoke_reason = QLineEdit()
        self.revoke_reason.setObjectName("revokeReason")
        self.revoke_reason.setAccessibleName("Reason for revoking")
        form.addRow("Certificate number", self.revoke_id)
        form.addRow("Reason", self.revoke_reason)
        layout.addLayout(form)
        self.revoke = button("Revoke", "revokeCertificate", role="primary")
        self.revoke.clicked.connect(lambda: self.revoke_requested.emit(
            self.revoke_id.text(), self.revoke_reason.text()))
        layout.addWidget(self.revoke, 0, Qt.AlignLeft)
        layout.addStretch(1)
        self.tabs.addTab(page, "Certificates")

    # -- records --------------------------------------------------------------------------------
    def _build_records(self) -> None:
        page, layout = _tab("manageRecordsScroll", "Records")
        layout.addWidget(label("Keeping records", role="h2"))
        row_widget = row = FlowBox()
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionYears")
        self.retention.setAccessibleName("Years to keep records (0 keeps everything)")
        self.retention.setRange(0, 100)
        self.retention.setSpecialValueText("keep everything")
        self.retention.setSuffix(" years")
        self.retention.setMinimumWidth(180)
        row.addWidget(labelled("Remove records older than", self.retention))
        self.apply_retention = button("Save and apply", "applyRetention",
                                      description="Save the period and remove older records now")
        row.addWidget(self.apply_retention)
        layout.addWidget(row_widget)
        layout.addWidget(label("Applies to attempts, CPD entries, certificates and archived "
                               "learners. Checked each time the app starts.", role="muted"))
        layout.addWidget(label("Audit log", role="h2"))
        self.audit = QListWidget()
        self.audit.setObjectName("auditLog")
        self.audit.setAccessibleName("Audit log of administrative actions")
        layout.addWidget(self.audit, 1)
        self.apply_retention.clicked.connect(
            lambda: self.retention_requested.emit(self.retention.value()))
        self.tabs.addTab(page, "Records")

    def show_records(self, years: int | None, audit: list[AuditEntry]) -> None:
        self.retention.setValue(years or 0)
        self.audit.clear()
        for entry in audit:
            detail = f": {entry.detail}" if entry.detail else ""
            self.audit.addItem(f"{entry.at[:16].replace('T', ' ')}  {entry.action}{detail}")

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Tables and lists keep about ten rows in view at any text size; the tab scrolls."""
        if event.type() == QEvent.FontChange:
            self._keep_rows_in_view()
        super().changeEvent(event)

    def _keep_rows_in_view(self) -> None:
        rows = self.fontMetrics().lineSpacing() * 12
        for view in (self.matrix_view, self.questions_view, self.learners_view, self.audit):
            view.setMinimumHeight(rows)

    # -- refresh ------------------------------------------------------------------------------
    def refresh_filters(self) -> None:
        teams = self.insights.teams()
        _set_items(self.team, teams)
        _set_items(self.role, self.insights.roles())
        _set_items(self.needs_team, teams)

    def refresh_current(self) -> None:
        index = self.tabs.currentIndex()
        if index == 0:
            self.refresh_matrix()
        elif index == 1:
            self.refresh_questions()
        elif index == 2:
            self.refresh_needs()
        elif index == 3:
            self.refresh_charts()
