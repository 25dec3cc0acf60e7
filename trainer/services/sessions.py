"""Facilitator-led group sessions: plan, run, finish, certify and report.

Everything the facilitator does is written to SQLite as it happens (the step shown, notes, each
count or answer, the reveal), so a session that stops half way can be resumed with all of it.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from trainer.content.library import Library
from trainer.content.pack import ContentPack
from trainer.content.schema import ModuleSpec
from trainer.services.answers import HANDS, MODES, PerAttendee, ShowOfHands, Spread, collector_for
from trainer.services.errors import FieldError, UserError
from trainer.services.learners import LearnerService, clean_field
from trainer.services.session_steps import Reveal, Step, build_steps, reveal_for
from trainer.store import Store
from trainer.store.records import Learner
from trainer.store.sessions import GROUP_ACTIVITY, Attendee, Session, SessionStep

STATUS_TITLES = {"running": "Running", "planned": "Planned", "finished": "Finished"}
DEFAULT_QUESTIONS = 6


def parse_when(text: str) -> str:
    """A local date and time as ``YYYY-MM-DDTHH:MM``, or a FieldError saying how to write it."""
    value = (text or "").strip().replace(" ", "T")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError("when", "Date and time must look like 2026-11-26 14:30 (year, month, "
                                 "day, then hours and minutes).") from None
    return moment.strftime("%Y-%m-%dT%H:%M")


def when_text(scheduled_for: str) -> str:
    moment = datetime.fromisoformat(scheduled_for)
    return f"{moment:%a} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


def _minutes_between(start: str | None, end: str | None) -> int:
    if not start:
        return 0
    begin = datetime.fromisoformat(start)
    finish = datetime.fromisoformat(end) if end else datetime.now(UTC)
    return max(0, int((finish - begin).total_seconds() // 60))


def suggested_cpd_minutes(session: Session) -> int:
    """The time spent, rounded up to five minutes (at least five); the facilitator can change it."""
    minutes = _minutes_between(session.started_at, session.ended_at)
    return max(5, int(math.ceil(minutes / 5.0)) * 5)


@dataclass
class SessionRun:
    """A running (or finished) session as the console needs it."""

    session: Session
    pack: ContentPack
    module: ModuleSpec
    steps: list[Step]
    records: list[SessionStep]

    @property
    def current(self) -> int:
        return self.session.current_step

    def record(self, position: int) -> SessionStep:
        return self.records[position]


@dataclass(frozen=True)
class QuestionResult:
    number: int
    step: Step
    mode: str
    spread: Spread
    revealed: bool
    notes: str
    per_attendee: dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class SessionRecord:
    """Everything saved about a session, for its report."""

    session: Session
    module: ModuleSpec
    attendees: list[Attendee]
    questions: list[QuestionResult]
    step_notes: list[tuple[str, str]]  # (step title, notes) where notes were written
    minutes: int
    attribution: str


class SessionService:
    def __init__(self, store: Store, library: Library, learners: LearnerService):
        self.store = store
        self.library = library
        self.learners = learners

    # -- planning ---------------------------------------------------------------------------
    def _pack(self, pack_id: str) -> ContentPack:
        pack = self.library.pack(pack_id)
        if pack is None:
            raise UserError(f"The content pack '{pack_id}' is not loaded, so this session "
                            "cannot be shown. Add the pack in Settings.")
        return pack

    def plan(self, *, pack_id: str, module_id: str, when: str, place: str, facilitator: str,
             learner_ids: list[int], question_count: int = DEFAULT_QUESTIONS) -> Session:
        pack = self._pack(pack_id)
        module = pack.modules.get(module_id)
        if module is None:
            raise FieldError("module", "Choose the module the session covers.")
        scheduled = parse_when(when)
        facilitator = clean_field("name", facilitator).strip()
        place = " ".join((place or "").split())
        if len(place) > 120:
            raise FieldError("place", f"Place is {len(place)} characters long; use at most 120.")
        if not learner_ids:
            raise FieldError("attendees", "Add at least one attendee: pick people from the list "
                                          "or add someone new.")
        known = {learner.id for learner in self.learners.all()}
        if set(learner_ids) - known:
            raise FieldError("attendees", "An attendee's profile no longer exists; refresh the "
                                          "list and pick again.")
        if not 0 <= question_count <= 30:
            raise FieldError("questions", "Choose between 0 and 30 questions.")
        return self.store.create_session(
            pack_id=pack.id, pack_version=pack.version, module_id=module.id, title=module.title,
            scheduled_for=scheduled, place=place, facilitator=facilitator,
            question_count=question_count, seed=secrets.randbits(31), learner_ids=learner_ids)

    def quick_add(self, name: str, role: str, team: str) -> Learner:
        """A new learner profile, validated like any other."""
        return self.learners.add(name, role, team)

    def sessions(self) -> dict[str, list[Session]]:
        grouped: dict[str, list[Session]] = {key: [] for key in STATUS_TITLES}
        for session in self.store.sessions():
            grouped[session.status].append(session)
        return grouped

    def session(self, session_id: int) -> Session:
        session = self.store.session(session_id)
        if session is None:
            raise UserError(f"There is no session {session_id}.")
        return session

    def attendees(self, session_id: int) -> list[Attendee]:
        return self.store.attendees(session_id)

    def add_attendee(self, session_id: int, learner_id: int) -> None:
        if self.session(session_id).status == "finished":
            raise UserError("This session is finished; its attendance can no longer change.")
        self.store.add_attendee(session_id, learner_id)

    def interrupted(self) -> Session | None:
        """A session left running when the app last closed, to offer to resume."""
        running = self.store.sessions("running")
        return running[0] if running else None

    # -- running ----------------------------------------------------------------------------
    def start(self, session_id: int, collect_mode: str = HANDS) -> SessionRun:
        session = self.session(session_id)
        if session.status == "running":
            return self.run(session_id)
        if session.status == "finished":
            raise UserError("This session is finished. Plan a new one to run it again.")
        other = self.interrupted()
        if other is not None:
            raise UserError(f"Another session is running ({other.title}). Finish it first.")
        pack = self._pack(session.pack_id)
        module = pack.modules.get(session.module_id)
        if module is None:
            raise UserError(f"The module '{session.module_id}' is no longer in the content.")
        steps = build_steps(pack, module, session.question_count, session.seed)
        self.store.start_session(session_id, [(s.key, s.kind, s.title) for s in steps],
                                 collect_mode if collect_mode in MODES else HANDS)
        run = self.run(session_id)
        self.go_to(run, 0)
        return run

    def run(self, session_id: int) -> SessionRun:
        session = self.session(session_id)
        pack = self._pack(session.pack_id)
        module = pack.modules.get(session.module_id)
        if module is None:
            raise UserError(f"The module '{session.module_id}' is no longer in the content.")
        built = {s.key: s for s in build_steps(pack, module, session.question_count,
                                               session.seed)}
        records = self.store.session_steps(session_id)
        missing = [r.key for r in records if r.key not in built]
        if missing:
            raise UserError("The content has changed since this session started, so some of its "
                            f"steps cannot be shown ({', '.join(missing[:3])}).")
        return SessionRun(session, pack, module, [built[r.key] for r in records], records)

    def _refresh(self, run: SessionRun) -> None:
        run.session = self.session(run.session.id)
        run.records = self.store.session_steps(run.session.id)

    def _check_running(self, run: SessionRun) -> None:
        if run.session.status != "running":
            raise UserError("This session is not running.")

    def go_to(self, run: SessionRun, position: int) -> None:
        self._check_running(run)
        position = max(0, min(position, len(run.steps) - 1))
        self.store.set_current_step(run.session.id, position)
        self._refresh(run)

    def save_step_notes(self, run: SessionRun, position: int, notes: str) -> None:
        self.store.set_step_notes(run.session.id, position, notes)
        self._refresh(run)

    def save_session_notes(self, run: SessionRun, notes: str) -> None:
        self.store.set_session_notes(run.session.id, notes)
        self._refresh(run)

    def set_mode(self, run: SessionRun, position: int, mode: str) -> None:
        if mode not in MODES:
            raise UserError(f"Unknown way of collecting answers: {mode}.")
        self.store.set_step_mode(run.session.id, position, mode)
        self._refresh(run)

    def collector(self, run: SessionRun, position: int) -> ShowOfHands | PerAttendee:
        return collector_for(self.store, run.session.id, run.record(position).collect_mode)

    def spread(self, run: SessionRun, position: int) -> Spread | None:
        step = run.steps[position]
        if step.question is None:
            return None
        return self.collector(run, position).spread(step.question)

    def reveal(self, run: SessionRun, position: int) -> Reveal:
        step = run.steps[position]
        if step.question is None:
            raise UserError("Only a question has an answer to reveal.")
        self.store.reveal_step(run.session.id, position)
        self._refresh(run)
        return reveal_for(run.pack, step)

    def elapsed_seconds(self, run: SessionRun) -> int:
        if not run.session.started_at:
            return 0
        begin = datetime.fromisoformat(run.session.started_at)
        end = (datetime.fromisoformat(run.session.ended_at) if run.session.ended_at
               else datetime.now(UTC))
        return max(0, int((end - begin).total_seconds()))

    def set_present(self, run: SessionRun, learner_id: int, present: bool) -> None:
        self.store.set_present(run.session.id, learner_id, present)

    def finish(self, run: SessionRun, cpd_minutes: int) -> Session:
        """Close the session: attendance as marked (unmarked counts as absent), CPD rows."""
        self._check_running(run)
        if not 1 <= cpd_minutes <= 600:
            raise FieldError("minutes", "CPD time must be between 1 and 600 minutes.")
        attendees = self.store.attendees(run.session.id)
        present = {a.learner_id: bool(a.present) for a in attendees}
        if not any(present.values()):
            raise UserError("Nobody is marked present. Tick who came before finishing.")
        date = (datetime.fromisoformat(run.session.scheduled_for).date().isoformat())
        rows = [(a.learner_id, run.session.id, run.session.pack_id, run.session.module_id,
                 run.session.title, GROUP_ACTIVITY, date, cpd_minutes)
                for a in attendees if present[a.learner_id]]
        self.store.finish_session(run.session.id, cpd_minutes, present, rows)
        self._refresh(run)
        return run.session

    # -- after ------------------------------------------------------------------------------
    def record(self, session_id: int) -> SessionRecord:
        session = self.session(session_id)
        run = self.run(session_id)
        questions = []
        number = 0
        notes = []
        for position, (step, saved) in enumerate(zip(run.steps, run.records, strict=True)):
            if saved.notes.strip():
                notes.append((step.title, saved.notes.strip()))
            if step.question is None:
                continue
            number += 1
            per = PerAttendee(self.store, session_id).answers(step.question)
            questions.append(QuestionResult(number, step, saved.collect_mode,
                                            self.spread(run, position),
                                            saved.revealed_at is not None, saved.notes, per))
        return SessionRecord(session, run.module, self.store.attendees(session_id), questions,
                             notes, _minutes_between(session.started_at, session.ended_at),
                             run.pack.attribution)

    def present_attendees(self, session_id: int) -> list[Attendee]:
        return [a for a in self.store.attendees(session_id) if a.present]
