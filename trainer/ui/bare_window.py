"""The baseline for ``trainer bench``: a bare PySide6 window with a few widgets, started and quit
the same way as the app (``python -m trainer.ui.bare_window``), so the difference is ours."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (
        QApplication,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPushButton,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(QLabel("A bare window"))
    layout.addWidget(QLineEdit())
    layout.addWidget(QPushButton("OK"))
    window.setCentralWidget(central)
    window.resize(1280, 820)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
