"""The main window: header, sidebar, pages and the report side panel, wired in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer import APP_NAME
from trainer.services.context import Services
from trainer.services.errors import UserError
from trainer.services.study import module_statuses
from trainer.store.records import Learner
from trainer.ui import dialogs
from trainer.ui.accessibility import Appearance, install_shortcuts
from trainer.ui.group_sessions import GroupSessions
from trainer.ui.icons import nav_icon
from trainer.ui.manager_actions import ManagerActions
from trainer.ui.pages.learn import HomePage, LearnPage
from trainer.ui.theme import SPACE, current_palette
from trainer.ui.widgets import FlowBox, PageStack, button, label

NAV = (("home", "Home"), ("learn", "Learn"), ("practise", "Practise"),
       ("sessions", "Group sessions"), ("progress", "Progress"), ("report", "The report"),
       ("manage", "Manage"), ("settings", "Settings"))
# The sidebar section each page belongs to, so the sidebar shows where you are however you got
# there (a module opened from Home, a session resumed when the app starts).
START_PAGE = {"home": "homePage", "learn": "learnPage", "practise": "practisePage",
              "sessions": "sessionsPage", "progress": "progressPage", "report": "reportPage",
              "manage": "managePage", "settings": "settingsPage"}
SECTION_OF_PAGE = {page: key for key, page in START_PAGE.items()} | {
    "modulePage": "learn", "quizPage": "learn", "resultPage": "learn", "reviewPage": "learn",
    "caseStudyPage": "learn", "consolePage": "sessions"}


class _Page:
    """A page built, added to the stack and wired the first time it is used, so that starting the
    app builds only what the first screen shows (see BENCHMARKS.md). ``window.quiz`` etc. work as
    plain attributes: the first access calls ``window._make_quiz()`` and keeps the result."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        page = getattr(window, f"_make_{self.name}")()
        window.__dict__[self.name] = page  # from now on a plain attribute
        return page


class GlossaryDialog(QDialog):
    def __init__(self, term, parent=None, term_label: dict[str, str] | None = None):
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle(f"Glossary: {term.term}")
        self.setAccessibleName(f"Glossary: {term.term}")
        layout = QVBoxLayout(self)
        layout.addWidget(label(term.term, role="h2", name="glossaryTerm"))
        from trainer.ui.pages.module import LinkedText

        self.text = LinkedText("glossaryDefinition", "Definition")
        from trainer.services.lesson import glossary_markdown

        self.text.setMarkdown(glossary_markdown(term, term_label))
        layout.addWidget(self.text)
        close = button("Close", "glossaryClose")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        scale = float(QApplication.instance().property("trainerScale") or 1.0)
        self.resize(int(520 * scale), int(300 * scale))


class ProblemsDialog(QDialog):
    """Content that did not load, each problem as file:line: reason, so an author can fix it."""

    def __init__(self, problems, parent=None):
        super().__init__(parent)
        self.setObjectName("contentProblemsDialog")
        self.setWindowTitle("Content problems")
        self.setAccessibleName("Content problems")
        layout = QVBoxLayout(self)
        layout.addWidget(label("These content files have problems. The rest of the content "
                               "loaded. Fix each file at the line shown, then restart the app "
                               "(or run 'trainer validate').", role="lead"))
        self.list = QListWidget()
        self.list.setObjectName("contentProblemsList")
        self.list.setAccessibleName("Problems, one per line")
        for problem in problems:
            self.list.addItem(str(problem))
        layout.addWidget(self.list, 1)
        close = button("Close", "contentProblemsClose")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 420)


def fitted_size(wanted: QSize) -> QSize:
    """``wanted``, made smaller where the screen is (a 1366×768 laptop has less height than the
    window would like), so the window never opens with its foot off the screen."""
    screen = QApplication.primaryScreen()
    if screen is None or QApplication.platformName() == "offscreen":
        return wanted  # offscreen's 800×800 "screen" is a stand-in, not a laptop
    room = screen.availableGeometry().size() - QSize(24, 48)  # the frame and title bar
    return wanted.boundedTo(room).expandedTo(QSize(640, 480))


class MainWindow(QMainWindow):
    welcome = _Page()
    home = _Page()
    learn = _Page()
    module = _Page()
    quiz = _Page()
    result = _Page()
    report = _Page()
    case_study = _Page()
    review = _Page()
    practise = _Page()
    progress = _Page()
    manage = _Page()
    panel = _Page()
    settings_page = _Page()

    def __init__(self, services: Services):
        super().__init__()
        self.services = services
        self.learner: Learner | None = None
        self.pack = services.library.packs[0] if services.library.packs else None
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(fitted_size(QSize(1280, 820)))

        # -- build ----------------------------------------------------------------------------
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QFrame()
        header.setObjectName("header")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(SPACE["l"], SPACE["s"], SPACE["l"], SPACE["s"])
        self.app_icon = label(name="appIcon")
        self.app_icon.setPixmap(QApplication.windowIcon().pixmap(24, 24))
        self.app_icon.setAccessibleName(f"{APP_NAME} icon")
        header_row.addWidget(self.app_icon)
        header_row.addWidget(label(APP_NAME, name="appTitle", wrap=False))
        # The learner and the buttons wrap onto a second line at large text sizes.
        header_tools = tools = FlowBox(right=True, name="headerTools")
        self.learner_label = label("", name="currentLearner", wrap=False)
        self.switch_learner = button("Switch learner", "switchLearner",
                                     description="Choose another learner, or add one")
        for widget in (self.learner_label, self.switch_learner):
            tools.addWidget(widget)
        header_row.addWidget(header_tools, 1)
        outer.addWidget(header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.sidebar = QFrame()
        self.sidebar.setObjectName("sidebar")
        side_layout = QVBoxLayout(self.sidebar)
        side_layout.setContentsMargins(SPACE["s"], SPACE["l"], SPACE["s"], SPACE["l"])
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Main sections")
        for key, text in NAV:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        side_layout.addWidget(self.nav, 1)
        # Less used than the sections: at the foot of the sidebar, out of the header's way.
        self.backups_button = button("Backups", "openBackups",
                                     description="Make a backup of the records now, or restore one")
        self.about_button = button("About", "aboutButton",
                                   description="Version, content, licences and data folder (F1)")
        for widget in (self.backups_button, self.about_button):
            side_layout.addWidget(widget)
        self.sidebar.setMinimumWidth(190)
        self.sidebar.setMaximumWidth(260)

        self.stack = PageStack()
        self.stack.setObjectName("pages")
        # The pages and the report panel are built when first used: see _Page and _make_*.
        self.practice_summary = ""
        self.group = GroupSessions(self, services, self.stack)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        quit_action = QAction("Quit", self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])  # QKeySequence.Quit is empty on Windows
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        back_action = QAction("Back", self)
        back_action.setShortcuts([QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Back)])
        back_action.triggered.connect(self.go_back)
        self.addAction(back_action)
        self.appearance = Appearance(QApplication.instance(), services.settings)
        self.appearance.listeners.append(self._sync_settings_page)
        install_shortcuts(self, self.appearance)
        close_panel = QAction("Close report panel", self)
        close_panel.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close_panel.triggered.connect(self._hide_panel)
        self.addAction(close_panel)
        about_action = QAction(f"About {APP_NAME}", self)
        about_action.setShortcut(QKeySequence(Qt.Key_F1))
        about_action.triggered.connect(self.show_about)
        self.addAction(about_action)

        # -- wire -----------------------------------------------------------------------------
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.stack.currentChanged.connect(self._sync_nav)
        self.nav.itemClicked.connect(self._nav_again)  # the section you are in: back to its start
        self.nav.itemActivated.connect(self._nav_again)
        self.switch_learner.clicked.connect(self.show_welcome)
        self.backups_button.clicked.connect(self.show_backups)
        self.about_button.clicked.connect(self.show_about)
        self.manager_actions = ManagerActions(self)  # Progress and Manage: wires their signals
        self.group.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.group.citation_requested.connect(self.show_citation)
        self.group.glossary_requested.connect(self.show_glossary)
        self._nav_key = "home"

        self.appearance.apply()
        self.on_theme_applied()
        self._restore_learner()
        QTimer.singleShot(0, self.group.offer_resume)

    # -- backups ----------------------------------------------------------------------------
    def show_backups(self) -> None:
        from trainer.ui.backups import BackupsDialog

        if self.services.backups is None:
            return
        dialog = BackupsDialog(self.services.backups, self)
        dialog.restored.connect(self.after_restore)
        self.backups_dialog = dialog
        dialog.exec()

    def after_restore(self) -> None:
        self.learner = None
        self._restore_learner()

    # -- pages, built and wired when first used ---------------------------------------------
    def _add(self, page):
        self.stack.addWidget(page)
        return page

    def _made(self, name: str):
        """The page if it has been built, else None (without building it)."""
        return self.__dict__.get(name)

    def _make_welcome(self):
        from trainer.ui.pages.welcome import WelcomePage

        page = self._add(WelcomePage(self.services.learners))
        page.learner_chosen.connect(self.set_learner)
        return page

    def _make_home(self):
        page = self._add(HomePage())
        page.module_requested.connect(self.open_module)
        page.resume_requested.connect(self.resume_attempt)
        page.problems_requested.connect(self.show_problems)
        page.practise_requested.connect(lambda: self.go("practise"))
        return page

    def _make_learn(self):
        page = self._add(LearnPage())
        page.module_requested.connect(self.open_module)
        return page

    def _make_module(self):
        from trainer.ui.pages.module import ModulePage

        page = self._add(ModulePage())
        page.back_requested.connect(lambda: self.go("learn"))
        page.check_requested.connect(self.start_check)
        page.text.citation_requested.connect(self.show_citation)
        page.text.glossary_requested.connect(self.show_glossary)
        page.case_requested.connect(self.open_case)
        return page

    def _make_quiz(self):
        from trainer.ui.pages.quiz import QuizPage

        page = self._add(QuizPage(self.services.study))
        page.citation_requested.connect(self.show_citation)
        page.glossary_requested.connect(self.show_glossary)
        page.finished.connect(self.show_result)
        page.error.connect(lambda message: dialogs.show_error(self, "Cannot do that", message))
        page.practice_finished.connect(self.practice_done)
        return page

    def _make_result(self):
        from trainer.ui.pages.result import ResultPage

        page = self._add(ResultPage())
        page.certificate_requested.connect(self.save_certificate)
        page.retake_requested.connect(self.retake)
        page.module_requested.connect(self.open_module)
        page.review_requested.connect(self.show_review)
        return page

    def _make_case_study(self):
        from trainer.ui.pages.casestudy import CaseStudyPage

        page = self._add(CaseStudyPage(self.services.cases))
        page.back_requested.connect(self.open_module)
        page.citation_requested.connect(self.show_citation)
        page.glossary_requested.connect(self.show_glossary)
        page.error.connect(lambda message: dialogs.show_error(self, "Cannot do that", message))
        return page

    def _make_review(self):
        from trainer.ui.pages.review import ReviewPage

        page = self._add(ReviewPage())
        page.retake_requested.connect(self.retake)
        page.result_requested.connect(self.show_result)
        page.citation_requested.connect(self.show_citation)
        page.glossary_requested.connect(self.show_glossary)
        return page

    def _make_practise(self):
        from trainer.ui.pages.practise import PractisePage

        page = self._add(PractisePage())
        page.start_requested.connect(self.start_practice)
        page.learn_requested.connect(lambda: self.go("learn"))
        return page

    def _make_report(self):
        from trainer.ui.report_view import ReportPage

        page = self._add(ReportPage())
        if self.pack:
            page.set_pack(self.pack)
        return page

    def _make_progress(self):
        from trainer.ui.pages.progress import ProgressPage

        page = self._add(ProgressPage())
        self.manager_actions.wire_progress(page)
        return page

    def _make_manage(self):
        from trainer.ui.pages.manage import ManagePage

        page = self._add(ManagePage(self.services.insights))
        self.manager_actions.wire_manage(page)
        return page

    def _make_settings_page(self):
        from trainer.ui.pages.settings import SettingsPage

        page = self._add(SettingsPage(self.services.settings,
                                      [f"{p.manifest.title} (version {p.version})"
                                       for p in self.services.library.packs]))
        page.appearance_changed.connect(self.appearance.set)
        return page

    def _sync_settings_page(self, theme: str, size: int) -> None:
        page = self._made("settings_page")
        if page is not None:
            page.sync_appearance(theme, size)

    def _make_panel(self):
        from trainer.ui.report_view import ReportPanel

        panel = ReportPanel()
        panel.hide()
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(2, 2)
        if self.pack:
            panel.view.set_pack(self.pack)
        panel.close_requested.connect(panel.hide)
        panel.open_full_requested.connect(self.open_report_at)
        return panel

    def _hide_panel(self) -> None:
        if self._made("panel") is not None:
            self.panel.hide()

    # -- learners ---------------------------------------------------------------------------
    def _restore_learner(self) -> None:
        last = self.services.store.get_setting("last_learner_id")
        learner = self.services.learners.get(int(last)) if last and last.isdigit() else None
        if learner and learner.archived_at is None:
            self.set_learner(learner.id)
        else:
            self.show_welcome()

    def show_welcome(self) -> None:
        self.welcome.refresh()
        self.sidebar.hide()
        self.switch_learner.hide()
        self.learner_label.setText("")
        self.stack.setCurrentWidget(self.welcome)

    def set_learner(self, learner_id: int) -> None:
        self.learner = self.services.learners.get(learner_id)
        self.services.store.set_setting("last_learner_id", str(learner_id))
        self.learner_label.setText(f"Studying as {self.learner.name}")
        self.learner_label.setAccessibleName(f"Current learner: {self.learner.name}")
        self.sidebar.show()
        self.switch_learner.show()
        self.go("home")

    # -- navigation -------------------------------------------------------------------------
    def _statuses(self):
        if self.pack is None or self.learner is None:
            return {}
        return module_statuses(self.services.store, self.learner.id, self.pack)

    def go(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if self.nav.currentRow() != row:
                    self.nav.setCurrentRow(row)
                    return  # _nav_changed shows the page
        self._show_page(key)

    def _sync_nav(self, _index: int) -> None:
        page = self.stack.currentWidget()
        key = SECTION_OF_PAGE.get(page.objectName()) if page is not None else None
        if key is None:
            return
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                if self.nav.currentRow() != row:
                    self.nav.blockSignals(True)  # the page is already shown
                    self.nav.setCurrentRow(row)
                    self.nav.blockSignals(False)
                    self.nav.viewport().update()
                self._nav_key = key
                return

    def _nav_again(self, item) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        page = self.stack.currentWidget()
        start = START_PAGE.get(key) if key != "sessions" else None  # not a plan half filled in
        if (start and item is self.nav.currentItem() and page is not None
                and page.objectName() != start):
            self._show_page(key)

    def _nav_changed(self, current, _previous) -> None:
        if current is not None:
            self._show_page(current.data(Qt.ItemDataRole.UserRole))

    def _show_page(self, key: str) -> None:
        if self.learner is None:
            return
        if key == "home":
            due = self.services.practice.due_count(self.learner.id, self.pack.id) if self.pack else 0
            self.home.show_home(self.learner.name, self.pack, self._statuses(),
                                len(self.services.library.problems), practice_due=due)
            self.stack.setCurrentWidget(self.home)
        elif key == "practise":
            self._show_practise()
        elif key == "learn":
            if self.pack:
                self.learn.show_modules(self.pack, self._statuses())
            self.stack.setCurrentWidget(self.learn)
        elif key == "report":
            self.stack.setCurrentWidget(self.report)
        elif key == "progress":
            self.manager_actions.show_progress()
        elif key == "manage":
            if not self.manager_actions.show_manage():
                self.go(self._nav_key)  # PIN not given: stay where we were
                return
        elif key == "sessions":
            if not self.group.open(self.pack, self.learner.name):
                self.go(self._nav_key)  # PIN not given: stay where we were
                return
        elif key == "settings":
            self.settings_page.refresh()
            self.stack.setCurrentWidget(self.settings_page)
        self._nav_key = key

    def on_theme_applied(self) -> None:
        """Redraw the sidebar icons in the new theme's colours, at the new text size."""
        palette = current_palette()
        scale = float(QApplication.instance().property("trainerScale") or 1.0)
        size = int(20 * scale)
        self.nav.setIconSize(QSize(size, size))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setIcon(nav_icon(item.data(Qt.ItemDataRole.UserRole), palette.text,
                                  palette.accent_text))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        needed = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 2 * SPACE["s"] + 8
        self.sidebar.setMinimumWidth(max(190, needed))
        self.sidebar.setMaximumWidth(max(260, needed + 40))
        # The splitter keeps the sidebar's old width after the text gets smaller: give the page
        # back what the sidebar no longer needs.
        sizes = self.splitter.sizes()
        if sizes and sum(sizes) > 0:
            side = min(max(sizes[0], self.sidebar.minimumWidth()), self.sidebar.maximumWidth())
            if side != sizes[0] and len(sizes) > 1:
                sizes[1] += sizes[0] - side
                sizes[0] = side
                self.splitter.setSizes(sizes)
        # Hidden pages keep size hints from the old text size until told; the stack's minimum
        # is the largest of them, so refresh them all (only those built so far).
        for index in range(self.stack.count()):
            for layout in self.stack.widget(index).findChildren(QLayout):
                layout.invalidate()
        for name in ("report", "panel"):
            built = self._made(name)
            if built is not None:
                built.view.refresh()

    def go_back(self) -> None:
        current = self.stack.currentWidget()
        if current is not None and current in (self._made("module"), self._made("result")):
            self.go("learn")
        elif current is not None and current is self._made("case_study") and self.case_study.view:
            self.open_module(self.case_study.view.module_id)
        elif current is not None and current is self._made("review") and self.review.result:
            self.show_result(self.review.result.attempt.id)
        elif (current is not None and current is self._made("quiz")
              and getattr(self.quiz.view, "kind", "") == "practice"):
            self.go("practise")
        elif current is not None and current is self._made("quiz") and self.quiz.view:
            self.open_module(self.quiz.view.attempt.module_id)

    def open_module(self, module_id: str) -> None:
        if self.pack is None or module_id not in self.pack.modules:
            return
        self.services.store.mark_module_opened(self.learner.id, self.pack.id, module_id)
        self.module.show_module(self.pack, module_id, self._statuses().get(module_id))
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(1)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.module)

    def open_report_at(self, pid: str) -> None:
        self._hide_panel()
        self.go("report")
        if pid:
            self.report.show_paragraph(pid)

    def show_citation(self, pid: str) -> None:
        if self.panel.view.show_paragraph(pid):
            self.panel.show()
            if sum(self.splitter.sizes()[2:]) < 200:
                total = sum(self.splitter.sizes())
                self.splitter.setSizes([200, int((total - 200) * 0.58), int((total - 200) * 0.42)])

    def show_problems(self) -> None:
        ProblemsDialog(self.services.library.problems, self).exec()

    def show_glossary(self, term_id: str) -> None:
        term = self.pack.glossary.get(term_id) if self.pack else None
        if term is None:
            return
        dialog = GlossaryDialog(term, self,
                                {tid: t.term for tid, t in self.pack.glossary.items()})
        dialog.text.citation_requested.connect(self.show_citation)
        dialog.text.glossary_requested.connect(self.show_glossary)  # a term in a definition
        dialog.exec()

    def show_about(self) -> None:
        from trainer.ui.about import AboutDialog

        dialog = AboutDialog(self.services.library, self.services.store.path, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.exec()

    # -- studying ---------------------------------------------------------------------------
    def start_check(self, module_id: str) -> None:
        quiz = self.pack.quiz_for_module(module_id) if self.pack else None
        if quiz is None:
            return
        self._start_quiz(quiz.id)

    def _start_quiz(self, quiz_id: str) -> None:
        try:
            view = self.services.study.start_or_resume(self.learner.id, self.pack.id, quiz_id)
        except UserError as exc:
            dialogs.show_error(self, "Cannot start the knowledge check", str(exc))
            return
        self.quiz.start(view)
        self.stack.setCurrentWidget(self.quiz)

    def resume_attempt(self, attempt_id: int) -> None:
        try:
            view = self.services.study.view(attempt_id)
        except UserError as exc:
            dialogs.show_error(self, "Cannot resume", str(exc))
            return
        self.quiz.start(view)
        self.stack.setCurrentWidget(self.quiz)

    def retake(self, quiz_id: str) -> None:
        self._start_quiz(quiz_id)

    def show_result(self, attempt_id: int) -> None:
        self.result.show_result(self.services.study.result(attempt_id))
        self.stack.setCurrentWidget(self.result)

    def save_certificate(self, attempt_id: int) -> None:
        try:
            certificate = self.services.certificates.issue_for_attempt(attempt_id)
        except UserError as exc:
            dialogs.show_error(self, "No certificate", str(exc))
            return
        safe_name = "".join(ch if ch.isalnum() else "-" for ch in certificate.learner_name)
        suggested = Path.home() / f"certificate-{safe_name.strip('-')[:40]}-{certificate.id}.pdf"
        path = dialogs.ask_save_path_with_suffix(self, "Save certificate", suggested,
                                                 "PDF files (*.pdf)", ".pdf")
        if path is None:
            return
        try:
            saved = self.services.certificates.save_pdf(certificate, path)
        except UserError as exc:
            dialogs.show_error(self, "Certificate not saved", str(exc))
            return
        self.result.certificate_saved(str(saved), certificate.id, certificate.code)

    # -- case studies, review and practice ----------------------------------------------------
    def open_case(self, module_id: str, case_id: str) -> None:
        if self.pack is None or self.learner is None:
            return
        try:
            view = self.services.cases.open(self.learner.id, self.pack.id, module_id, case_id)
        except UserError as exc:
            dialogs.show_error(self, "Cannot open the case study", str(exc))
            return
        self.case_study.start(view, self.learner.id)
        self._mark_nav("learn")
        self.stack.setCurrentWidget(self.case_study)

    def _mark_nav(self, key: str) -> None:
        """Show where a page belongs in the sidebar without switching page."""
        self.nav.blockSignals(True)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.UserRole) == key:
                self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def show_review(self, attempt_id: int) -> None:
        result = self.services.study.result(attempt_id)
        view = self.services.study.view(attempt_id)
        self.review.show_review(result, view.pack, self.services.study.review(attempt_id))
        self.stack.setCurrentWidget(self.review)

    def _show_practise(self) -> None:
        if self.pack is None or self.learner is None:
            return
        practice = self.services.practice
        next_due = practice.next_due(self.learner.id, self.pack.id)
        unfinished = practice.unfinished(self.learner.id, self.pack.id)
        resume = unfinished is not None and not unfinished.state.finished
        self.practise.show_queue(practice.due_count(self.learner.id, self.pack.id),
                                 practice.queued_count(self.learner.id, self.pack.id),
                                 next_due.strftime("%d %B") if next_due else "", resume,
                                 self.practice_summary)
        self.stack.setCurrentWidget(self.practise)

    def start_practice(self) -> None:
        try:
            view = self.services.practice.start_or_resume(self.learner.id, self.pack.id)
        except UserError as exc:
            dialogs.show_error(self, "Nothing to practise", str(exc))
            return
        self.quiz.start(view, self.services.practice)
        self.stack.setCurrentWidget(self.quiz)

    def practice_done(self, session_id: int) -> None:
        answered = self.services.store.practice_responses(session_id)
        right = sum(1 for r in answered if r.correct)
        self.practice_summary = (f"Last session: {right} of {len(answered)} right. Right answers "
                                 "come back later; wrong ones tomorrow.")
        self.go("practise")
