"""Check a certificate's verification code: genuine, changed, revoked or unknown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout

from trainer.services.certification import Verification
from trainer.ui.theme import SPACE, repolish
from trainer.ui.widgets import button, fit_to_text, label


class VerifyDialog(QDialog):
    def __init__(self, verify: Callable[[str], Verification], parent=None):
        super().__init__(parent)
        self.verify = verify
        self.setObjectName("verifyDialog")
        self.setWindowTitle("Verify a certificate")
        self.setAccessibleName("Verify a certificate")
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE["m"])
        layout.addWidget(label("Verify a certificate", role="h2"))
        layout.addWidget(label("Type the verification code printed on the certificate, for "
                               "example ABCD-EFGH-IJKL-MNOP. Spaces and capitals do not matter.",
                               role="muted"))
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("verifyCode")
        self.code.setAccessibleName("Verification code")
        self.code.setPlaceholderText("Verification code")
        self.check = button("Verify", "verifyButton", role="primary")
        row.addWidget(self.code, 1)
        row.addWidget(self.check)
        layout.addLayout(row)
        self.verdict = label("", role="lead", name="verifyVerdict", selectable=True)
        self.verdict.setAccessibleName("Verification result")
        layout.addWidget(self.verdict)
        close = button("Close", "verifyClose")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignRight)
        self.check.clicked.connect(self.run_check)
        self.code.returnPressed.connect(self.run_check)
        fit_to_text(self, 560)

    def set_code(self, code: str) -> None:
        self.code.setText(code)
        self.verdict.setText("")

    def run_check(self) -> None:
        code = self.code.text().strip()
        if not code:
            self.verdict.setText("Type a code first.")
            self.verdict.setProperty("role", "error")
        else:
            result = self.verify(code)
            self.verdict.setText(result.message)
            self.verdict.setProperty("role", "lead" if result.genuine else "error")
        repolish(self.verdict)
        fit_to_text(self, 560, grow_only=True)
