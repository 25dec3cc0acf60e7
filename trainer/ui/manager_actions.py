"""What the Progress and Manage pages ask for, carried out with the services: kept apart from
main_window.py so that the window's own wiring stays short. Every dialog goes through
trainer.ui.dialogs, so tests answer by patching one function."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from trainer.services import reports
from trainer.services.errors import UserError
from trainer.services.exports import write_file, write_table
from trainer.ui import dialogs
from trainer.ui.background import BackgroundTask
from trainer.ui.verify_dialog import VerifyDialog

TABLE_FILTER = "CSV files (*.csv);;Excel workbooks (*.xlsx)"


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-")[:40] or "export"


class ManagerActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.verify_dialog: VerifyDialog | None = None
        self.task: BackgroundTask | None = None
        self.last_export: Path | None = None
        try:
            self.services.data_protection.apply_retention()
        except UserError:
            pass

    # The window builds the Progress and Manage pages when first opened, and wires them here.
    def wire_progress(self, progress) -> None:
        progress.reflection_changed.connect(self.save_reflection)
        progress.save_reflections_requested.connect(self.save_all_reflections)
        progress.cpd_export_requested.connect(self.export_cpd)
        progress.certificate_save_requested.connect(self.save_certificate_again)
        progress.verify_requested.connect(self.open_verify)
        progress.practise_requested.connect(lambda: self.window.go("practise"))

    def wire_manage(self, manage) -> None:
        manage.verify_requested.connect(self.open_verify)
        manage.export_requested.connect(self.export)
        manage.archive_requested.connect(self.archive)
        manage.subject_access_requested.connect(self.subject_access)
        manage.erase_requested.connect(self.erase)
        manage.revoke_requested.connect(self.revoke)
        manage.retention_requested.connect(self.set_retention)
        manage.lock_requested.connect(self.relock)
        manage.tabs.currentChanged.connect(lambda _i: self._refresh_admin_tabs())

    def _error(self, title: str, exc: Exception) -> None:
        dialogs.show_error(self.window, title, str(exc))

    # -- progress -------------------------------------------------------------------------------
    def show_progress(self) -> None:
        w = self.window
        learner_id = w.learner.id
        progress = self.services.progress
        attempts = [(a, progress.module_title(a.pack_id, a.module_id))
                    for a in progress.attempts(learner_id)]
        due, practice = self._practice_line(learner_id)
        w.progress.show_progress(progress.modules(learner_id), attempts,
                                 progress.certificates(learner_id),
                                 progress.cpd_entries(learner_id), practice, due)
        w.stack.setCurrentWidget(w.progress)

    def _practice_line(self, learner_id: int) -> tuple[int, str]:
        practice = getattr(self.services, "practice", None)
        pack = self.window.pack
        if practice is None or pack is None:
            return 0, ""
        due = practice.due_count(learner_id, pack.id)
        queued = practice.queued_count(learner_id, pack.id)
        if due:
            return due, (f"Practice due: {due} question{'s' if due != 1 else ''} now "
                         f"({queued} in your practice queue).")
        if queued:
            upcoming = practice.next_due(learner_id, pack.id)
            when = f" Next due {upcoming:%d %b %Y}." if upcoming else ""
            return 0, f"No practice due now ({queued} in your practice queue).{when}"
        return 0, ("No practice queue yet: questions you get wrong in a knowledge check come "
                   "back in Practise.")

    def save_reflection(self, entry_id: int, field: str, text: str) -> None:
        try:
            self.services.progress.save_reflection(entry_id, field, text)
        except UserError as exc:
            self._error("Reflection not saved", exc)
            return
        self.window.progress.saved_note.setText("Saved")

    def save_all_reflections(self) -> None:
        for entry_id, field, text in self.window.progress.reflections():
            self.save_reflection(entry_id, field, text)
        self.window.progress.saved_note.setText("All reflections saved")

    def export_cpd(self, fmt: str) -> None:
        learner = self.window.learner
        suggested = Path.home() / f"cpd-log-{_slug(learner.name)}.{fmt}"
        filter_text = "PDF files (*.pdf)" if fmt == "pdf" else "CSV files (*.csv)"
        path = dialogs.ask_save_path_with_suffix(self.window, "Export CPD log", suggested,
                                                 filter_text, f".{fmt}")
        if path is None:
            return
        try:
            if fmt == "pdf":
                write_file(path, self.services.progress.cpd_pdf(learner.id))
            else:
                write_table(self.services.progress.cpd_table(learner.id), path, "csv")
        except UserError as exc:
            self._error("CPD log not saved", exc)
            return
        self.window.progress.saved_note.setText(f"Saved to {path}")

    def save_certificate_again(self, certificate_id: str) -> None:
        certificate = self.services.store.certificate(certificate_id)
        if certificate is None:
            return
        suggested = Path.home() / f"certificate-{_slug(certificate.learner_name)}-{certificate.id}.pdf"
        path = dialogs.ask_save_path_with_suffix(self.window, "Save certificate", suggested,
                                                 "PDF files (*.pdf)", ".pdf")
        if path is None:
            return
        try:
            self.services.certificates.save_pdf(certificate, path)
        except UserError as exc:
            self._error("Certificate not saved", exc)

    def open_verify(self, code: str = "") -> None:
        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(self.services.certificates.verify, self.window)
        self.verify_dialog.set_code(code)
        if code:
            self.verify_dialog.run_check()
        self.verify_dialog.show()
        self.verify_dialog.raise_()
        self.verify_dialog.code.setFocus()

    # -- the PIN --------------------------------------------------------------------------------
    def _unlock(self) -> bool:
        """One facilitator PIN for Group sessions and Manage, asked once per run of the app."""
        return self.window.group.unlock()

    def relock(self) -> None:
        self.window.group.unlocked = False
        self.window.go("home")

    def show_manage(self) -> bool:
        w = self.window
        if not self._unlock():
            return False
        w.manage.refresh_filters()
        w.manage.refresh_current()
        self._refresh_admin_tabs()
        w.stack.setCurrentWidget(w.manage)
        return True

    def _refresh_admin_tabs(self) -> None:
        manage = self.window.manage
        manage.show_learners(self.services.data_protection.all_learners())
        manage.show_records(self.services.data_protection.retention_years(),
                            self.services.store.audit_entries())

    # -- exports --------------------------------------------------------------------------------
    def export(self, what: str) -> None:
        manage = self.window.manage
        f = manage.filters()
        insights = self.services.insights
        suffix = _slug(f["team"] or "all-teams")
        if what == "summary":
            path = dialogs.ask_save_path(self.window, "Save team summary",
                                         Path.home() / f"training-summary-{suffix}.pdf",
                                         "PDF files (*.pdf)")
            if path is None:
                return
            try:
                organisation = self.services.store.get_setting("organisation", "") or ""
                write_file(path.with_suffix(".pdf"),
                           reports.team_summary_pdf(insights, f["team"], organisation))
            except UserError as exc:
                self._error("Summary not saved", exc)
            return
        path = dialogs.ask_save_path(self.window, f"Export {what}",
                                     Path.home() / f"{what}-{suffix}.csv", TABLE_FILTER)
        if path is None:
            return
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        if what == "matrix":
            table = reports.matrix_table(insights, team=f["team"], role=f["role"],
                                         since=f["since"], until=f["until"])
        elif what == "attempts":
            table = reports.attempts_table(insights, team=f["team"], role=f["role"])
        else:
            table = reports.questions_table(insights)
        # Reading is quick; writing a large workbook is not: that part runs off the UI thread.
        self._run_in_background(what, f"Saving {path.name}…",
                                lambda tick: write_table(table, path, fmt, tick))

    def _run_in_background(self, what: str, title: str, work) -> None:
        if self.task is not None:
            dialogs.show_error(self.window, "Busy", "An export is still being saved; wait for "
                               "it to finish or cancel it.")
            return

        def done(path):
            self.last_export = path
            self.services.data_protection.record_export(what, str(path))

        def failed(message):
            dialogs.show_error(self.window, "Export not saved", message)

        self.task = BackgroundTask(self.window, title, work, done, failed)
        self.task.finished.connect(self._task_finished)
        self.task.start()

    def _task_finished(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()

    # -- learners and records -------------------------------------------------------------------
    def archive(self, learner_id: int, archive: bool) -> None:
        self.services.data_protection.archive(learner_id, archive)
        self._after_change()

    def subject_access(self, learner_id: int) -> None:
        learner = self.services.store.learner(learner_id)
        path = dialogs.ask_save_path(self.window, "Export everything held on this learner",
                                     Path.home() / f"subject-access-{_slug(learner.name)}.zip",
                                     "Zip archives (*.zip)")
        if path is None:
            return
        try:
            self.services.data_protection.save_subject_access(learner_id, path.with_suffix(".zip"))
        except UserError as exc:
            self._error("Not saved", exc)
            return
        self._refresh_admin_tabs()

    def erase(self, learner_id: int) -> None:
        learner = self.services.store.learner(learner_id)
        typed = dialogs.ask_typed_confirmation(
            self.window, "Erase a learner",
            f"This erases {learner.name} and all their attempts, answers, CPD entries and "
            "certificates for good. It cannot be undone.\n\nType their name exactly to confirm:")
        if typed is None:
            return
        try:
            self.services.data_protection.erase(learner_id, typed)
        except UserError as exc:
            self._error("Nothing was erased", exc)
            return
        self._after_change()
        if self.window.learner and self.window.learner.id == learner_id:
            self.window.learner = None
            self.window.show_welcome()

    def revoke(self, certificate_id: str, reason: str) -> None:
        try:
            self.services.data_protection.revoke(certificate_id, reason)
        except UserError as exc:
            self._error("Not revoked", exc)
            return
        manage = self.window.manage
        manage.revoke_id.clear()
        manage.revoke_reason.clear()
        dialogs.show_info(self.window, "Certificate revoked",
                          f"Certificate {certificate_id.strip()} is revoked; it no longer verifies.")
        self._refresh_admin_tabs()

    def set_retention(self, years: int) -> None:
        dp = self.services.data_protection
        try:
            dp.set_retention_years(years or None)
            counts = dp.apply_retention()
        except UserError as exc:
            self._error("Retention not changed", exc)
            return
        removed = sum(counts.values())
        dialogs.show_info(self.window, "Records kept",
                          f"Records older than {years} years removed: {removed} rows."
                          if years else "Every record is kept.")
        self._after_change()

    def _after_change(self) -> None:
        manage = self.window.manage
        manage.refresh_filters()
        manage.refresh_current()
        self._refresh_admin_tabs()
