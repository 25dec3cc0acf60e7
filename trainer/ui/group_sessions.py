"""The Group sessions flow: the facilitator PIN, the list, the console, finishing, certificates,
the report and resuming after a crash. The main window creates one and wires it in one place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from trainer.services.context import Services
from trainer.services.errors import FieldError, UserError
from trainer.services.session_outputs import (
    BatchResult,
    prepare_attendance,
    safe_filename,
    save_session_report,
)
from trainer.services.sessions import suggested_cpd_minutes
from trainer.ui import dialogs
from trainer.ui.jobs import Job


class _Built:
    """``self.page`` and ``self.console`` are built, added to the stack and wired when first used,
    so that starting the app does not build them (see BENCHMARKS.md)."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        widget = getattr(obj, f"_make_{self.name}")()
        obj.__dict__[self.name] = widget
        return widget


class GroupSessions(QObject):
    certificates_done = Signal(object)  # BatchResult
    status = Signal(str)
    citation_requested = Signal(str)  # from the console's speaker notes
    glossary_requested = Signal(str)
    page = _Built()
    console = _Built()

    def __init__(self, window: QWidget, services: Services, stack: QStackedWidget):
        super().__init__(window)
        self.window = window
        self.services = services
        self.stack = stack
        self.unlocked = False
        self.job: Job | None = None
        self.last_result: BatchResult | None = None

    def _make_page(self):
        from trainer.ui.pages.sessions import SessionsPage

        page = SessionsPage(self.services.sessions)
        self.stack.addWidget(page)
        page.start_requested.connect(self.start)
        page.certificates_requested.connect(self.certificates)
        page.report_requested.connect(self.report)
        return page

    def _make_console(self):
        from trainer.ui.session_console import ConsolePage

        console = ConsolePage(self.services.sessions)
        self.stack.addWidget(console)
        console.finish_requested.connect(self.finish)
        console.leave_requested.connect(self.show_list)
        console.citation_requested.connect(self.citation_requested)
        console.glossary_requested.connect(self.glossary_requested)
        console.error.connect(lambda m: dialogs.show_error(self.window, "Cannot do that", m))
        return console

    # -- the PIN ----------------------------------------------------------------------------
    def unlock(self) -> bool:
        """Ask for the facilitator PIN (or to set one) once per run of the app."""
        if self.unlocked:
            return True
        lock = self.services.facilitator
        message = ""
        if not lock.is_set:
            while True:
                answer = dialogs.ask_new_pin(self.window, message)
                if answer is None:
                    return False
                try:
                    lock.set_pin(*answer)
                    break
                except FieldError as exc:
                    message = str(exc)
        else:
            while True:
                pin = dialogs.ask_pin(self.window, message)
                if pin is None:
                    return False
                try:
                    if lock.unlock(pin):
                        break
                    message = "That PIN is not right. Try again."
                except UserError as exc:
                    message = str(exc)
        self.unlocked = True
        return True

    # -- pages ------------------------------------------------------------------------------
    def open(self, pack, facilitator_name: str = "") -> bool:
        if not self.unlock():
            return False
        self.page.pack = pack
        self.page.facilitator_name = facilitator_name
        if self.stack.currentWidget() is not self.__dict__.get("console"):
            self.show_list()
        return True

    def show_list(self) -> None:
        self.page.show_list()
        self.stack.setCurrentWidget(self.page)

    def start(self, session_id: int) -> None:
        if not self.unlock():
            return
        try:
            session = self.services.sessions.session(session_id)
            run = (self.services.sessions.run(session_id) if session.status == "running"
                   else self.services.sessions.start(session_id))
        except UserError as exc:
            dialogs.show_error(self.window, "Cannot start the session", str(exc))
            return
        self.console.load(run)
        self.stack.setCurrentWidget(self.console)

    def offer_resume(self) -> None:
        session = self.services.sessions.interrupted()
        if session is None:
            return
        if not dialogs.confirm(self.window, "Resume the group session?",
                               f"The session “{session.title}” was still running when the app "
                               "closed. Everything recorded so far is saved: the steps shown, "
                               "answers, attendance and notes. Resume it now?"):
            return
        self.start(session.id)

    # -- finishing --------------------------------------------------------------------------
    def finish(self, session_id: int) -> None:
        run = self.console.run
        if run is None or run.session.id != session_id:
            return
        attendees = self.services.sessions.attendees(session_id)
        present = sum(1 for a in attendees if a.present)
        minutes = dialogs.ask_cpd_minutes(
            self.window,
            f"{present} of {len(attendees)} people are marked present. Anyone not ticked is "
            "recorded as absent. Each person present gets this session in their CPD log as group "
            "learning with peer discussion.", suggested_cpd_minutes(run.session))
        if minutes is None:
            return
        try:
            self.services.sessions.finish(run, minutes)
        except UserError as exc:
            dialogs.show_error(self.window, "The session is still running", str(exc))
            return
        self.console.stop()
        self.show_list()
        self.status.emit(f"Session finished: {present} attended.")

    # -- certificates and the report --------------------------------------------------------
    def certificates(self, session_id: int) -> None:
        session = self.services.sessions.session(session_id)
        folder = dialogs.ask_folder(
            self.window, "Choose a folder for the certificates",
            Path.home() / f"certificates-{safe_filename(session.title, 30)}-{session.id}")
        if folder is None:
            return
        try:
            batch = prepare_attendance(self.services.sessions, self.services.certificates,
                                       session_id, folder)
        except UserError as exc:
            dialogs.show_error(self.window, "No certificates", str(exc))
            return
        self.job = Job(self.window, "Writing certificates of attendance", batch.run)
        self.job.finished.connect(self._certificates_written)
        self.job.failed.connect(lambda m: dialogs.show_error(self.window,
                                                             "Certificates not written", m))
        self.job.start()

    def _certificates_written(self, result: BatchResult) -> None:
        self.last_result = result
        if result.cancelled:
            dialogs.show_info(self.window, "Certificates stopped",
                              f"Stopped after {len(result.files)} certificates. Issue them again "
                              "to write the rest; the same certificates are reused.")
        else:
            dialogs.show_info(self.window, "Certificates written",
                              f"{len(result.files)} certificates and one combined file are in "
                              f"{result.combined.parent}.")
        self.certificates_done.emit(result)

    def report(self, session_id: int) -> None:
        session = self.services.sessions.session(session_id)
        suggested = Path.home() / (f"session-report-{safe_filename(session.title, 30)}-"
                                   f"{session.scheduled_for[:10]}.pdf")
        path = dialogs.ask_save_path_with_suffix(self.window, "Save the session report", suggested,
                                                 "PDF files (*.pdf)", ".pdf")
        if path is None:
            return
        try:
            saved = save_session_report(self.services.sessions, session_id, path,
                                        self.services.store.get_setting("organisation", "") or "")
        except UserError as exc:
            dialogs.show_error(self.window, "Report not saved", str(exc))
            return
        self.status.emit(f"Session report saved to {saved}.")
