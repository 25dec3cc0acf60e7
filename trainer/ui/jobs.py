"""Slow work (PDF batches) on a worker thread, with a progress dialog and a cancel.

The work is a plain function ``fn(progress, cancelled)``: it reports ``progress(done, total,
what)`` and stops at the next safe point when ``cancelled()`` is true. It must not touch the
database (the connection belongs to the UI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from trainer.services.errors import UserError


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable, cancel: threading.Event):
        super().__init__()
        self.fn = fn
        self.cancel = cancel

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total, what: self.progressed.emit(done, total, what),
                             self.cancel.is_set)
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person, never a silent loss
            self.failed.emit(f"Something went wrong while writing the files: {exc}")
            return
        self.succeeded.emit(result)


class Job(QObject):
    """One background task. ``finished`` carries the result; ``failed`` a message to show."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, title: str, fn: Callable):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("jobProgress")
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.thread = QThread(self)
        self.worker = _Worker(fn, self.cancel_event)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.succeeded.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.running = False
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def shutdown(self) -> None:
        """Quitting while files are written: stop at the next file and wait for the thread."""
        if self.thread.isRunning():
            self.cancel_event.set()
            self.thread.quit()
            self.thread.wait(10_000)

    def start(self) -> None:
        self.running = True
        self.dialog.show()
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText("Stopping after the current file…")

    def _progress(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if done < total:
            self.dialog.setLabelText(f"Writing {done + 1} of {total}: {what}")

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.hide()
        self.running = False

    def _done(self, result) -> None:
        self._stop()
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)
