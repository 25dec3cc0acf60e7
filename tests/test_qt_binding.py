"""The Qt binding in use keeps Python's reference counts straight.

PySide6 6.12.0 drops a reference to ``None`` on every call that returns nothing (``processEvents()``,
``update()``, ``show()``...); after enough calls (a long session, or this test suite) the
interpreter aborts with "deallocating None". pyproject.toml
keeps that version out; this test fails if it (or a later release with the same fault) comes back.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(5000):  # calls that return nothing: 6.12.0 loses a reference to None on each
    app.processEvents()
    window.update()
    window.setWindowTitle("Inspection Trainer")
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*(a - b for a, b in zip(after, before)))
"""


def test_processing_events_keeps_reference_counts():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    drift = [int(n) for n in done.stdout.split()]
    assert all(abs(n) < 1000 for n in drift), (
        f"reference counts of None, True, False drifted by {drift} over 15,000 calls that "
        "return nothing: this PySide6 release has a reference-counting fault; pin another in pyproject.toml")
