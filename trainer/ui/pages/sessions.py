"""Group sessions: the list (running, planned, finished) and the form that plans one."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.content.pack import ContentPack
from trainer.services.errors import FieldError, UserError
from trainer.services.learners import ROLES, clean_field
from trainer.services.sessions import DEFAULT_QUESTIONS, STATUS_TITLES, SessionService, when_text
from trainer.store.sessions import Session
from trainer.ui.theme import SPACE, repolish
from trainer.ui.widgets import (
    Card,
    FlowBox,
    add_field_row,
    announce,
    button,
    label,
    labelled,
    scroll_body,
    show_field_error,
)

EMPTY = "No sessions yet — plan one for your next team meeting"


class SessionCard(Card):
    def __init__(self, session: Session, attendees: int, present: int, parent=None):
        super().__init__(f"sessionCard-{session.id}", parent)
        self.setAccessibleName(f"{STATUS_TITLES[session.status]} session: {session.title}")
        self.body.addWidget(label(session.title, role="h3"))
        where = f" · {session.place}" if session.place else ""
        people = (f"{present} of {attendees} attended" if session.status == "finished"
                  else f"{attendees} attendee{'s' if attendees != 1 else ''}")
        self.body.addWidget(label(f"{when_text(session.scheduled_for)}{where} · facilitator "
                                  f"{session.facilitator} · {people}", role="muted"))
        self.actions = QHBoxLayout()
        self.actions.addStretch(1)
        self.body.addLayout(self.actions)

    def add_action(self, text: str, name: str, primary: bool = False, accessible: str = ""):
        widget = button(text, name, role="primary" if primary else None,
                        accessible=accessible or text)
        self.actions.insertWidget(self.actions.count() - 1, widget)
        return widget


class SessionListView(QWidget):
    plan_requested = Signal()
    start_requested = Signal(int)
    certificates_requested = Signal(int)
    report_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionList")
        self.column = QVBoxLayout(scroll_body(self, "sessionListScroll", "Group sessions"))
        self.column.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        self.column.setSpacing(SPACE["m"])
        top = QHBoxLayout()
        top.addWidget(label("Group sessions", role="h1", name="sessionsTitle"), 1)
        self.plan_button = button("Plan a session", "planSession", role="primary")
        top.addWidget(self.plan_button)
        self.column.addLayout(top)
        self.column.addWidget(label(
            "Run a module with a team: present it on a projector, collect answers by a show of "
            "hands or person by person, record who came and print certificates of attendance. "
            "Everything stays on this computer.", role="muted"))
        self.content = QVBoxLayout()
        self.content.setSpacing(SPACE["m"])
        self.column.addLayout(self.content)
        self.column.addStretch(1)
        self.cards: dict[int, SessionCard] = {}
        self.plan_button.clicked.connect(self.plan_requested)

    def show_sessions(self, service: SessionService) -> None:
        while self.content.count():
            item = self.content.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cards = {}
        grouped = service.sessions()
        if not any(grouped.values()):
            empty = label(EMPTY, role="lead", name="sessionsEmpty")
            self.content.addWidget(empty)
            return
        for status, sessions in grouped.items():
            if not sessions:
                continue
            self.content.addWidget(label(STATUS_TITLES[status], role="h2",
                                         name=f"sessionsHeading-{status}"))
            for session in sessions:
                people = service.attendees(session.id)
                card = SessionCard(session, len(people), sum(1 for p in people if p.present))
                sid = session.id
                if status == "running":
                    go = card.add_action("Resume session", f"resumeSession-{sid}", True)
                    go.clicked.connect(lambda _=False, s=sid: self.start_requested.emit(s))
                elif status == "planned":
                    go = card.add_action("Start session", f"startSession-{sid}", True)
                    go.clicked.connect(lambda _=False, s=sid: self.start_requested.emit(s))
                else:
                    certs = card.add_action("Certificates of attendance…",
                                            f"sessionCertificates-{sid}", True)
                    certs.clicked.connect(
                        lambda _=False, s=sid: self.certificates_requested.emit(s))
                    report = card.add_action("Session report…", f"sessionReport-{sid}")
                    report.clicked.connect(lambda _=False, s=sid: self.report_requested.emit(s))
                self.cards[sid] = card
                self.content.addWidget(card)


class PlanView(QWidget):
    """Plan a session: module, date and time, place, facilitator and attendees."""

    planned = Signal(int)
    cancelled = Signal()

    def __init__(self, service: SessionService, parent=None):
        super().__init__(parent)
        self.setObjectName("planSessionView")
        self.service = service
        self.pack: ContentPack | None = None
        column = QVBoxLayout(scroll_body(self, "planSessionScroll", "Plan a session"))
        column.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], SPACE["xl"])
        column.setSpacing(SPACE["m"])
        column.addWidget(label("Plan a session", role="h1", name="planTitle"))
        self.errors: dict[str, object] = {}

        details = Card("planDetailsCard")
        form = QFormLayout()
        form.setSpacing(SPACE["s"])
        self.module = QComboBox()
        self.module.setObjectName("planModule")
        self.module.setAccessibleName("Module")
        # Long module titles must not push the form wider than the window at large text sizes.
        self.module.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.module.setMinimumContentsLength(16)
        self.when = QDateTimeEdit()
        self.when.setObjectName("planWhen")
        self.when.setAccessibleName("Date and time")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.place = QLineEdit()
        self.place.setObjectName("planPlace")
        self.place.setAccessibleName("Place")
        self.place.setPlaceholderText("For example: Training room 2, Tooley Street")
        self.facilitator = QLineEdit()
        self.facilitator.setObjectName("planFacilitator")
        self.facilitator.setAccessibleName("Facilitator")
        self.questions = QSpinBox()
        self.questions.setObjectName("planQuestions")
        self.questions.setAccessibleName("Number of questions")
        self.questions.setRange(0, 20)
        self.questions.setValue(DEFAULT_QUESTIONS)
        for key, text, widget in (("module", "&Module", self.module),
                                  ("when", "&Date and time", self.when),
                                  ("place", "&Place", self.place),
                                  ("name", "&Facilitator", self.facilitator),
                                  ("questions", "&Questions", self.questions)):
            self.errors[key] = add_field_row(form, text, widget, f"plan-{key}-error", wrap=False)
        details.body.addLayout(form)
        column.addWidget(details)

        people = Card("planAttendeesCard")
        people.body.addWidget(label("Attendees", role="h2"))
        people.body.addWidget(label("Tick the people invited. Attendance is marked on the day.",
                                    role="muted"))
        self.filter = QLineEdit()
        self.filter.setObjectName("attendeeFilter")
        self.filter.setAccessibleName("Find a learner")
        self.filter.setPlaceholderText("Find by name, role or team")
        self.filter.setClearButtonEnabled(True)
        people.body.addWidget(self.filter)
        self.people = QListWidget()
        self.people.setObjectName("planAttendees")
        self.people.setAccessibleName("Learners to invite")
        self.people.setMinimumHeight(200)
        people.body.addWidget(self.people)
        self.chosen_count = label("", name="planChosenCount")
        people.body.addWidget(self.chosen_count)
        error = label("", role="error", name="attendeesError")
        error.hide()
        self.errors["attendees"] = error
        people.body.addWidget(error)

        people.body.addWidget(label("Add someone quickly", role="h3"))
        self.quick_name = QLineEdit()
        self.quick_name.setObjectName("quickName")
        self.quick_name.setAccessibleName("New attendee's name")
        self.quick_role = QComboBox()
        self.quick_role.setObjectName("quickRole")
        self.quick_role.setAccessibleName("New attendee's role")
        self.quick_role.setEditable(True)
        self.quick_role.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.quick_role.setMinimumContentsLength(14)  # room for its placeholder
        self.quick_role.addItems(ROLES)
        self.quick_role.setCurrentIndex(-1)
        self.quick_role.lineEdit().setPlaceholderText("Choose or type")
        self.quick_team = QLineEdit()
        self.quick_team.setObjectName("quickTeam")
        self.quick_team.setAccessibleName("New attendee's team")
        self.quick_add = button("Add", "quickAdd", accessible="Add this person and invite them")
        # Each field with its visible label (its buddy), wrapping onto more lines at large text.
        quick_row = quick = FlowBox(name="quickAddRow")
        self.quick_labels = {}
        for key, text, widget in (("name", "&Name", self.quick_name),
                                  ("role", "&Role", self.quick_role),
                                  ("team", "&Team", self.quick_team)):
            group = labelled(text, widget)
            self.quick_labels[key] = group.findChild(QLabel)
            quick.addWidget(group)
        quick.addWidget(self.quick_add)
        people.body.addWidget(quick_row)
        self.quick_error = label("", role="error", name="quickError")
        self.quick_error.hide()
        people.body.addWidget(self.quick_error)
        column.addWidget(people)

        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button("Cancel", "cancelPlan")
        self.save = button("Save plan", "savePlan", role="primary")
        row.addWidget(self.cancel)
        row.addWidget(self.save)
        column.addLayout(row)
        column.addStretch(1)

        self.filter.textChanged.connect(self._filter)
        self.people.itemChanged.connect(lambda _item: self._count())
        self.quick_add.clicked.connect(self._quick_add)
        self.quick_team.returnPressed.connect(self._quick_add)
        self.save.clicked.connect(self._save)
        self.cancel.clicked.connect(self.cancelled)

    def reset(self, pack: ContentPack | None, facilitator: str = "") -> None:
        self.pack = pack
        self.module.clear()
        if pack:
            for module in pack.ordered_modules():
                self.module.addItem(module.title, module.id)
        start = (datetime.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        self.when.setDateTime(QDateTime(start))
        self.place.clear()
        self.facilitator.setText(facilitator)
        self.questions.setValue(DEFAULT_QUESTIONS)
        self.filter.clear()
        self.quick_name.clear()
        self.quick_team.clear()
        self.quick_role.setCurrentIndex(-1)
        self._fill_people(set())
        for key in self.errors:
            self._error(key, "")
        self.quick_error.hide()

    def _fill_people(self, ticked: set[int]) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        for learner in self.service.learners.all():
            item = QListWidgetItem(f"{learner.name} — {learner.role}, {learner.team}")
            item.setData(Qt.UserRole, learner.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if learner.id in ticked else Qt.Unchecked)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._filter(self.filter.text())
        self._count()

    def chosen_ids(self) -> list[int]:
        return [int(self.people.item(r).data(Qt.UserRole)) for r in range(self.people.count())
                if self.people.item(r).checkState() == Qt.Checked]

    def person_item(self, name: str) -> QListWidgetItem | None:
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.text().startswith(f"{name} — "):
                return item
        return None

    def _count(self) -> None:
        count = len(self.chosen_ids())
        self.chosen_count.setText(f"{count} invited")
        if count:
            self._error("attendees", "")

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def _error(self, key: str, message: str) -> None:
        field = {"module": self.module, "when": self.when, "place": self.place,
                 "name": self.facilitator, "questions": self.questions,
                 "attendees": self.people}[key]
        show_field_error(self.errors[key], field, message)

    def _quick_add(self) -> None:
        values = {"name": self.quick_name.text(), "role": self.quick_role.currentText(),
                  "team": self.quick_team.text()}
        widgets = {"name": self.quick_name, "role": self.quick_role, "team": self.quick_team}
        problems = []
        for key, value in values.items():
            try:
                clean_field(key, value)
                widgets[key].setProperty("invalid", False)
            except FieldError as exc:
                problems.append(str(exc))
                widgets[key].setProperty("invalid", True)
            repolish(widgets[key])
        if problems:
            self.quick_error.setText(" ".join(problems))
            self.quick_error.show()
            announce(self.quick_error, " ".join(problems))
            return
        learner = self.service.quick_add(values["name"], values["role"], values["team"])
        self.quick_error.hide()
        ticked = set(self.chosen_ids()) | {learner.id}
        self._fill_people(ticked)
        self.quick_name.clear()
        self.quick_team.clear()
        self.quick_role.setCurrentIndex(-1)
        self.quick_name.setFocus()

    def _save(self) -> None:
        for key in self.errors:
            self._error(key, "")
        if self.pack is None:
            self._error("module", "No content is loaded, so there is nothing to present.")
            return
        moment = self.when.dateTime().toPython()
        try:
            session = self.service.plan(
                pack_id=self.pack.id, module_id=self.module.currentData() or "",
                when=moment.strftime("%Y-%m-%d %H:%M"), place=self.place.text(),
                facilitator=self.facilitator.text(), learner_ids=self.chosen_ids(),
                question_count=self.questions.value())
        except FieldError as exc:
            self._error(exc.field if exc.field in self.errors else "module", str(exc))
            return
        except UserError as exc:
            self._error("module", str(exc))
            return
        self.planned.emit(session.id)


class SessionsPage(QWidget):
    """The Group sessions page: the list, or the planning form."""

    start_requested = Signal(int)
    certificates_requested = Signal(int)
    report_requested = Signal(int)

    def __init__(self, service: SessionService, parent=None):
        super().__init__(parent)
        self.setObjectName("sessionsPage")
        self.service = service
        self.pack: ContentPack | None = None
        self.facilitator_name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.inner = QStackedWidget()
        self.list = SessionListView()
        self.plan = PlanView(service)
        self.inner.addWidget(self.list)
        self.inner.addWidget(self.plan)
        layout.addWidget(self.inner)
        self.list.plan_requested.connect(self.show_plan)
        self.list.start_requested.connect(self.start_requested)
        self.list.certificates_requested.connect(self.certificates_requested)
        self.list.report_requested.connect(self.report_requested)
        self.plan.planned.connect(lambda _sid: self.show_list())
        self.plan.cancelled.connect(self.show_list)

    def show_list(self) -> None:
        self.list.show_sessions(self.service)
        self.inner.setCurrentWidget(self.list)

    def show_plan(self) -> None:
        self.plan.reset(self.pack, self.facilitator_name)
        self.inner.setCurrentWidget(self.plan)
        self.plan.module.setFocus()
