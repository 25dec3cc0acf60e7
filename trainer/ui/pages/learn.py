"""Home and Learn: the modules as cards, each with its judgement badge, time and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from trainer.content.pack import ContentPack
from trainer.services.study import ModuleStatus
from trainer.ui.theme import SPACE
from trainer.ui.widgets import Card, FlowBox, button, grade_badge, label

if TYPE_CHECKING:  # schema (pydantic) is not imported at start: see trainer/content/cache.py
    from trainer.content.schema import ModuleSpec

AREA_TITLES = {
    "help-protection": "Children who need help and protection",
    "looked-after": "Children looked after and achieving permanence",
    "adoption": "Adoption",
    "care-leavers": "Care leavers",
    "leadership": "Leadership, management and governance",
    "lscb": "The Local Safeguarding Children Board",
}


class ModuleCard(Card):
    """A module you can open with a click, Enter or Space."""

    activated = Signal(str)

    def __init__(self, module: ModuleSpec, status: ModuleStatus | None, parent=None):
        super().__init__(f"moduleCard-{module.id}", parent)
        self.module_id = module.id
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.body.addWidget(label(module.title, role="h3"))
        badges = FlowBox(name=f"moduleGrades-{module.id}")
        for index, judgement in enumerate(module.judgements):
            badges.addWidget(grade_badge(judgement.grade, f"moduleGrade-{module.id}-{index}",
                                         judgement.area))
        self.body.addWidget(badges)
        self.body.addWidget(label(module.summary, role="muted"))
        status_text = status.text if status else "Not started"
        self.status = label(f"About {module.minutes} minutes · {status_text}",
                            name=f"moduleStatus-{module.id}")
        self.body.addWidget(self.status)
        grades = ", ".join(f"{j.area}: {j.grade}" for j in module.judgements)
        self.setAccessibleName(f"Module: {module.title}")
        self.setAccessibleDescription(f"Ofsted judgement {grades}. About {module.minutes} "
                                      f"minutes. {status_text}. Press Enter to open.")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.module_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.module_id)
            return
        super().keyPressEvent(event)


class _ScrollPage(QWidget):
    def __init__(self, name: str, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName(f"{name}Scroll")
        scroll.setAccessibleName(title)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        self.column.setSpacing(SPACE["m"])
        self.title = label(title, role="h1", name=f"{name}Title")
        self.column.addWidget(self.title)
        if intro:
            self.column.addWidget(label(intro, role="muted"))
        self.content = QVBoxLayout()
        self.content.setSpacing(SPACE["m"])
        self.column.addLayout(self.content)
        self.column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)

    def clear(self) -> None:
        while self.content.count():
            item = self.content.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone at once, not only when the deletion is processed
                item.widget().deleteLater()
            elif item.layout():
                _clear_layout(item.layout())


def _clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().hide()
            item.widget().deleteLater()


class LearnPage(_ScrollPage):
    module_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__("learnPage", "Learn",
                         "Modules follow the report's areas. Each reads top to bottom: overview, "
                         "what works well, what must improve, recommendations, a case study, "
                         "reflection and a knowledge check.", parent)
        self.cards: dict[str, ModuleCard] = {}

    def show_modules(self, pack: ContentPack, statuses: dict[str, ModuleStatus]) -> None:
        self.clear()
        self.cards = {}
        area = None
        for module in pack.ordered_modules():
            if module.area != area:
                area = module.area
                self.content.addWidget(label(AREA_TITLES.get(area, area), role="h2"))
            card = ModuleCard(module, statuses.get(module.id))
            card.activated.connect(self.module_requested)
            self.cards[module.id] = card
            self.content.addWidget(card)
        if not pack.modules:
            self.content.addWidget(label("No modules are loaded. Check the content folder in "
                                         "Settings, or run 'trainer validate'.", role="muted"))


class HomePage(_ScrollPage):
    module_requested = Signal(str)
    resume_requested = Signal(int)
    problems_requested = Signal()
    practise_requested = Signal()

    def __init__(self, parent=None):
        super().__init__("homePage", "Home", "", parent)

    def show_home(self, learner_name: str, pack: ContentPack | None,
                  statuses: dict[str, ModuleStatus], problem_count: int = 0,
                  practice_due: int = 0) -> None:
        self.clear()
        self.title.setText(f"Hello, {learner_name}")
        if problem_count:
            notice = Card("contentProblemsCard")
            notice.body.addWidget(label(
                f"Some content could not be loaded ({problem_count} problem"
                f"{'s' if problem_count != 1 else ''}). Everything else works as usual.",
                role="lead"))
            show = button("Show the problems", "showContentProblems",
                          description="List each problem with its file and line")
            show.clicked.connect(self.problems_requested)
            notice.body.addWidget(show, 0, Qt.AlignmentFlag.AlignLeft)
            self.content.addWidget(notice)
        if pack is None:
            self.content.addWidget(label("No content is loaded.", role="muted"))
            return
        resume = next((s for s in statuses.values() if s.unfinished_attempt), None)
        upcoming = next((m for m in pack.ordered_modules()
                         if statuses.get(m.id) and statuses[m.id].state != "passed"), None)
        card = Card("continueCard")
        card.body.addWidget(label("Continue", role="h2"))
        if resume:
            module = pack.modules[resume.module_id]
            card.body.addWidget(label(f"You have a knowledge check in progress: {module.title}. "
                                      "Your earlier answers are saved."))
            go = button("Resume knowledge check", "resumeAttempt", role="primary")
            go.clicked.connect(lambda: self.resume_requested.emit(resume.unfinished_attempt))
            card.body.addWidget(go, 0, Qt.AlignmentFlag.AlignLeft)
        elif upcoming:
            card.body.addWidget(label(f"Next: {upcoming.title}", role="lead"))
            card.body.addWidget(label(upcoming.summary, role="muted"))
            go = button("Open module", "openNextModule", role="primary",
                        accessible=f"Open module {upcoming.title}")
            go.clicked.connect(lambda: self.module_requested.emit(upcoming.id))
            card.body.addWidget(go, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            card.body.addWidget(label("You have passed every module. Well done: look back at "
                                      "your weakest topics in Progress.", role="lead"))
        self.content.addWidget(card)
        practice = Card("practiceDueCard")
        due_text = (f"Practice due: {practice_due} question{'s' if practice_due != 1 else ''}"
                    if practice_due else "No practice due")
        self.practice_label = label(due_text, role="h3", name="practiceDue")
        practice.body.addWidget(self.practice_label)
        practice.body.addWidget(label("Questions you got wrong, or were unsure of, come back on a "
                                      "spaced schedule.", role="muted"))
        if practice_due:
            go_practise = button("Practise now", "practiseNow",
                                 accessible=f"Practise now: {practice_due} due")
            go_practise.clicked.connect(self.practise_requested)
            self.practise_button = go_practise
            practice.body.addWidget(go_practise, 0, Qt.AlignLeft)
        self.content.addWidget(practice)
        done = sum(1 for s in statuses.values() if s.state == "passed")
        self.content.addWidget(label(f"Modules passed: {done} of {len(pack.modules)}", role="h2",
                                     name="modulesPassed"))
        for module in pack.ordered_modules():
            row = ModuleCard(module, statuses.get(module.id))
            row.setObjectName(f"homeModule-{module.id}")
            row.activated.connect(self.module_requested)
            self.content.addWidget(row)


