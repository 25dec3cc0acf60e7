"""A broken extra pack: the app still starts with the good content and lists the problems."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from trainer.content.library import load_library
from trainer.services.context import Services
from trainer.store import Store
from trainer.ui.main_window import MainWindow
from trainer.ui.widgets import Card


def test_problems_are_listed_and_good_content_loads(qtbot, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.yaml").write_text("id: broken\ntitle: [unclosed\n")
    library = load_library([broken])
    assert library.pack("southwark-2017") is not None
    services = Services.build(Store.open(tmp_path / "t.db"), library)
    learner = services.learners.add("Sam Taylor", "Social worker", "MASH")
    services.store.set_setting("last_learner_id", str(learner.id))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    card = window.home.findChild(Card, "contentProblemsCard")
    assert card is not None and card.isVisible()
    show = card.findChild(QPushButton, "showContentProblems")
    shown = []

    def read_dialog():
        dialog = QApplication.activeModalWidget()
        shown.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.accept()

    QTimer.singleShot(0, read_dialog)
    qtbot.mouseClick(show, Qt.LeftButton)
    assert shown and any(line.startswith(str(broken / "pack.yaml")) or "pack.yaml:" in line
                         for line in shown[0])
    services.close()
