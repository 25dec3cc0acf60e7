"""Slow work (large exports) off the UI thread, with a progress dialog and a cancel button.

The work function gets ``tick(done, total)``; calling it reports progress and raises
``Cancelled`` once the person has pressed Cancel. Work must not touch the database connection
(it belongs to the UI thread): read first, then hand the rows to the work function.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from trainer.services.errors import UserError
from trainer.services.exports import Cancelled


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(str)
    cancelled_out = Signal()
    progress = Signal(int, int)

    def __init__(self, work: Callable):
        super().__init__()
        self.work = work
        self.cancelled = False

    def tick(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.tick)
        except Cancelled:
            self.cancelled_out.emit()
        except UserError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the person, not swallowed
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.done.emit(result)


class BackgroundTask(QObject):
    finished = Signal()

    def __init__(self, parent: QWidget, title: str, work: Callable,
                 on_done: Callable[[object], None], on_error: Callable[[str], None]):
        super().__init__(parent)
        self.on_done = on_done
        self.on_error = on_error
        self.outcome: str | None = None
        self.thread = QThread(self)
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("backgroundProgress")
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled_out.connect(self._cancelled)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.dialog.reset()
        self.dialog.hide()
        self.thread.quit()
        self.thread.wait()
        self.finished.emit()

    def _done(self, result) -> None:
        self._finish("done")
        self.on_done(result)

    def _failed(self, message: str) -> None:
        self._finish("failed")
        self.on_error(message)

    def _cancelled(self) -> None:
        self._finish("cancelled")
