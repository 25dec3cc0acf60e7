"""First run: create a learner profile. Later runs: pick who is studying, or add someone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.services.errors import FieldError
from trainer.services.learners import LIMITS, ROLES, LearnerService
from trainer.store.records import Learner
from trainer.ui.theme import SPACE
from trainer.ui.widgets import Card, add_field_row, button, label, scroll_body, show_field_error


class WelcomePage(QWidget):
    learner_chosen = Signal(int)

    def __init__(self, learners: LearnerService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.learners = learners
        outer = QVBoxLayout(scroll_body(self, "welcomeScroll", "Welcome"))
        outer.setContentsMargins(SPACE["xxl"], SPACE["xxl"], SPACE["xxl"], SPACE["xxl"])
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(SPACE["l"])
        self.title = label("Welcome", role="h1", name="welcomeTitle")
        self.intro = label(
            "Learn from what Ofsted's inspectors found in Southwark's children's services in 2017. "
            "Every lesson point and question links to the inspectors' own words. Your answers and "
            "certificates are kept on this computer.", role="lead", name="welcomeIntro")
        column.addWidget(self.title)
        column.addWidget(self.intro)

        self.pick_card = Card("pickLearnerCard")
        self.pick_card.body.addWidget(label("Choose your name", role="h2"))
        self.learner_list = QListWidget()
        self.learner_list.setObjectName("learnerList")
        self.learner_list.setAccessibleName("Learners on this computer")
        self.learner_list.setMinimumHeight(120)
        self.pick_card.body.addWidget(self.learner_list)
        self.continue_button = button("Continue", "continueAsLearner", role="primary",
                                      description="Study as the learner selected in the list")
        self.pick_card.body.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.pick_card)

        card = Card("createLearnerCard")
        self.form_title = label("Create your learner profile", role="h2", name="createTitle")
        card.body.addWidget(self.form_title)
        card.body.addWidget(label("Your name appears on your certificates exactly as you type it.",
                                  role="muted"))
        form = QFormLayout()
        form.setSpacing(SPACE["s"])
        self.name = QLineEdit()
        self.name.setObjectName("learnerName")
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(LIMITS["name"] + 50)
        self.role = QComboBox()
        self.role.setObjectName("learnerRole")
        self.role.setAccessibleName("Role")
        self.role.setEditable(True)
        self.role.addItems(ROLES)
        self.role.setCurrentIndex(-1)
        self.role.lineEdit().setPlaceholderText("Choose or type your role")
        self.team = QLineEdit()
        self.team.setObjectName("learnerTeam")
        self.team.setAccessibleName("Team")
        self.team.setPlaceholderText("For example: Assessment Team 2")
        self.errors: dict[str, object] = {}
        for key, text, widget in (("name", "&Name", self.name), ("role", "&Role", self.role),
                                  ("team", "&Team", self.team)):
            self.errors[key] = add_field_row(form, text, widget, f"{key}Error", wrap=False)
        card.body.addLayout(form)
        self.create_button = button("Create profile and start", "createLearner", role="primary")
        card.body.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(card)

        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        self.holder = holder
        row.addWidget(holder, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.create_button.clicked.connect(self.create)
        self.team.returnPressed.connect(self.create)
        self.name.returnPressed.connect(self.create)
        self.continue_button.clicked.connect(self._continue)
        self.learner_list.itemActivated.connect(lambda _item: self._continue())
        self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.FontChange:  # the text size setting: widen the column with it
            self.holder.setMaximumWidth(int(720 * max(1.0, self.font().pointSizeF() / 11)))
        super().changeEvent(event)

    def refresh(self) -> None:
        everyone: list[Learner] = self.learners.all()
        self.learner_list.clear()
        for learner in everyone:
            item = QListWidgetItem(f"{learner.name} — {learner.role}, {learner.team}")
            item.setData(Qt.ItemDataRole.UserRole, learner.id)
            self.learner_list.addItem(item)
        has_learners = bool(everyone)
        self.pick_card.setVisible(has_learners)
        self.title.setText("Who is studying?" if has_learners else "Welcome")
        self.form_title.setText("Add a learner" if has_learners
                                else "Create your learner profile")
        if has_learners:
            self.learner_list.setCurrentRow(0)
        for key in self.errors:
            self._set_error(key, "")

    def _set_error(self, key: str, message: str) -> None:
        widget = {"name": self.name, "role": self.role, "team": self.team}[key]
        show_field_error(self.errors[key], widget, message)

    def create(self) -> None:
        values = {"name": self.name.text(), "role": self.role.currentText(),
                  "team": self.team.text()}
        from trainer.services.learners import clean_field

        first_bad = None
        for key, value in values.items():
            try:
                clean_field(key, value)
                self._set_error(key, "")
            except FieldError as exc:
                self._set_error(key, str(exc))
                first_bad = first_bad or key
        if first_bad:
            {"name": self.name, "role": self.role, "team": self.team}[first_bad].setFocus()
            return
        learner = self.learners.add(values["name"], values["role"], values["team"])
        self.name.clear()
        self.team.clear()
        self.role.setCurrentIndex(-1)
        self.learner_chosen.emit(learner.id)

    def _continue(self) -> None:
        item = self.learner_list.currentItem()
        if item is not None:
            self.learner_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
