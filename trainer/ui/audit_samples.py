"""Sample states for the audit: pages that need data to show, and dialogs that need arguments.

Each function brings the main window to a state a person would see. Registered through
trainer.ui.registry, so the audit needs no list of its own.
"""

from __future__ import annotations

from trainer.ui import dialogs
from trainer.ui.registry import dialog_sample, page_state


def _first_module_with_check(window) -> str | None:
    pack = window.pack
    if pack is None:
        return None
    return next((m.id for m in pack.ordered_modules() if pack.quiz_for_module(m.id)), None)


@page_state("welcome")
def welcome(window) -> None:
    window.show_welcome()


@page_state("module")
def module(window) -> None:
    module_id = _first_module_with_check(window)
    if module_id:
        window.open_module(module_id)


@page_state("module-with-report-panel")
def module_with_report(window) -> None:
    module(window)
    if window.pack and window.pack.report.numbered:
        window.show_citation(str(window.pack.report.numbered[0].number))


@page_state("question")
def question(window) -> None:
    module_id = _first_module_with_check(window)
    if module_id:
        window.start_check(module_id)


@page_state("question-feedback")
def question_feedback(window) -> None:
    question(window)
    if window.quiz.view and window.quiz.view.current is not None:
        window.quiz.choose(1)
        window.quiz.submit_answer()


def _passed_attempt(window) -> int | None:
    module_id = _first_module_with_check(window)
    if not module_id or window.learner is None:
        return None
    study = window.services.study
    quiz = window.pack.quiz_for_module(module_id)
    view = study.start_or_resume(window.learner.id, window.pack.id, quiz.id)
    while view.current is not None:
        q = view.current
        study.answer(view, q.id, tuple(q.answer), "sure", 20.0)
    study.finish(view)
    return view.attempt.id


@page_state("result")
def result(window) -> None:
    """A passed attempt: every question answered with its key."""
    attempt_id = _passed_attempt(window)
    if attempt_id is not None:
        window.show_result(attempt_id)


@page_state("review")
def review(window) -> None:
    attempt_id = _passed_attempt(window)
    if attempt_id is not None and hasattr(window, "show_review"):
        window.show_review(attempt_id)


@page_state("case-study")
def case_study(window) -> None:
    pack = window.pack
    if pack is None or not hasattr(window, "open_case"):
        return
    module = next((m for m in pack.ordered_modules() if m.case_studies), None)
    if module is not None:
        window.open_case(module.id, module.case_studies[0].id)


@dialog_sample("contentProblemsDialog")
def content_problems(window):
    from trainer.content.yamlio import Problem
    from trainer.ui.main_window import ProblemsDialog

    return ProblemsDialog([Problem("resources/modules/early-help.yaml", "'cites' is missing", 12),
                           Problem("quizzes/thresholds.yaml", "option 'c' is not among the "
                                   "options", 40)], window)


@dialog_sample("glossaryDialog")
def glossary(window):
    from trainer.ui.main_window import GlossaryDialog

    terms = list(window.pack.glossary.values()) if window.pack else []
    return GlossaryDialog(terms[0], window) if terms else None


@dialog_sample("errorMessage")
def error_message(window):
    return dialogs.error_box(window, "Certificate not saved",
                             "Cannot write to /media/usb/certificate.pdf (read-only file system). "
                             "Choose another folder, such as Documents, and save again.")


def _unlocked_sessions(window):
    group = getattr(window, "group", None)
    if group is None:
        return None
    group.unlocked = True  # the PIN dialog itself is audited when the sidebar item asks for it
    return group


@page_state("group-sessions-list")
def sessions_list(window) -> None:
    group = _unlocked_sessions(window)
    if group is not None and window.pack is not None:
        _planned_session(window)
        group.open(window.pack, window.learner.name if window.learner else "")


@page_state("group-session-plan")
def session_plan(window) -> None:
    group = _unlocked_sessions(window)
    if group is not None and window.pack is not None:
        group.open(window.pack, window.learner.name if window.learner else "")
        group.page.show_plan()


@page_state("group-session-console")
def session_console(window) -> None:
    group = _unlocked_sessions(window)
    if group is not None and window.pack is not None:
        group.start(_planned_session(window))


def _planned_session(window) -> int:
    sessions = window.services.sessions
    existing = [s for group in sessions.sessions().values() for s in group]
    if existing:
        return existing[0].id
    module = window.pack.ordered_modules()[0]
    return sessions.plan(pack_id=window.pack.id, module_id=module.id, when="2026-12-01 10:00",
                         place="Training room 2, Tooley Street", facilitator="Alex Morgan",
                         learner_ids=[window.learner.id]).id


@dialog_sample("pinDialog")
def pin_dialog(window):
    return dialogs.PinDialog(window, new=True) if hasattr(dialogs, "PinDialog") else None


@dialog_sample("aboutDialog")
def about_dialog(window):
    from trainer.ui.about import AboutDialog

    return AboutDialog(window.services.library, window.services.store.path, window)


@dialog_sample("backupsDialog")
def backups_dialog(window):
    from trainer.ui.backups import BackupsDialog

    if window.services.backups is None:
        return None
    window.services.backups.backup_now("manual")
    return BackupsDialog(window.services.backups, window)


@dialog_sample("verifyDialog")
def verify_dialog(window):
    """A code that is not on record: the verdict shows as an error."""
    from trainer.ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog(window.services.certificates.verify, window)
    dialog.set_code("ABCD-EFGH-IJKL-MNOP")
    dialog.run_check()
    return dialog


@dialog_sample("finishSessionDialog")
def finish_session(window):
    return dialogs.FinishSessionDialog(
        window, "Finish the session with 6 attendees? Each gets a CPD entry and an attendance "
        "certificate.", 90)


@dialog_sample("textDialog")
def typed_confirmation(window):
    return dialogs.TextDialog(window, "Erase Pat Leaver",
                              "This removes Pat Leaver and all their records for good. Type "
                              "their name to confirm.")


@dialog_sample("saveFileDialog")
def save_file(window):
    from pathlib import Path

    dialog = dialogs.file_dialog(window, "Save certificate", Path.home() / "certificate.pdf",
                                 "PDF files (*.pdf)")
    dialog.setOption(dialog.Option.DontUseNativeDialog, True)  # the dialog Qt draws itself
    dialogs.name_file_dialog_parts(dialog)
    return dialog


@dialog_sample("folderDialog")
def folder(window):
    from pathlib import Path

    dialog = dialogs.file_dialog(window, "Choose a content pack folder", Path.home(), folder=True)
    dialog.setOption(dialog.Option.DontUseNativeDialog, True)
    dialogs.name_file_dialog_parts(dialog)
    return dialog


@dialog_sample("audienceWindow")
def audience(window):
    """The projector view at a question's reveal: the spread of answers and the report's words."""
    from trainer.services.answers import Spread
    from trainer.services.session_steps import build_steps, reveal_for
    from trainer.ui.audience import AudienceWindow

    pack = window.pack
    if pack is None:
        return None
    module = pack.ordered_modules()[0]
    steps = build_steps(pack, module, 3, seed=1)
    step = next((s for s in steps if s.question is not None), steps[0])
    view = AudienceWindow(window)
    if step.question is None:
        view.show_step(step, 1, len(steps), module.title)
        return view
    counts = {option.id: count for option, count in zip(step.options, (2, 5, 1, 0), strict=False)}
    spread = Spread(step.question.id, counts, sum(counts.values()), None)
    view.show_step(step, steps.index(step) + 1, len(steps), module.title,
                   reveal_for(pack, step), spread)
    return view
