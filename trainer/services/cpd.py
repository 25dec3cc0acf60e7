"""The learner's progress and CPD log, shaped for Social Work England's CPD record: the activity,
its date and time spent, what it covered, and the learner's reflection (what I learnt; the impact
on my practice and on the people I work with; what I learnt from discussing it with a peer).

An entry is drafted for each module passed (its first passed attempt) and each group session
attended (recorded by the session when it finishes); reflections are saved to
the database as the learner types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainer.content.library import Library
from trainer.quiz import scoring
from trainer.services.errors import UserError
from trainer.services.exports import Table, para, pdf_bytes, pdf_table
from trainer.store import Store
from trainer.store.cpd import REFLECTION_FIELDS, CpdEntry
from trainer.store.records import Attempt, Certificate

AREA_NAMES = {
    "help-protection": "Children who need help and protection",
    "looked-after": "Children looked after and achieving permanence",
    "adoption": "Adoption",
    "care-leavers": "Care leavers",
    "leadership": "Leadership, management and governance",
    "lscb": "The Local Safeguarding Children Board",
}

REFLECTION_PROMPTS = {
    "learnt": "What I learnt",
    "impact": "The impact on my practice and on the people I work with",
    "peer": "What I learnt from discussing it with a peer",
}

CPD_HEADERS = ["Date", "Activity", "Type", "Time spent (minutes)", "What it covered",
               REFLECTION_PROMPTS["learnt"], REFLECTION_PROMPTS["impact"],
               REFLECTION_PROMPTS["peer"]]


@dataclass(frozen=True)
class ModuleProgress:
    module_id: str
    title: str
    state: str
    best_percent: int | None
    attempts: int
    passed_on: str | None


class ProgressService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    # -- progress -----------------------------------------------------------------------------
    def modules(self, learner_id: int) -> list[ModuleProgress]:
        attempts = [a for a in self.store.attempts_for(learner_id)]
        out = []
        for pack in self.library.packs:
            for module in pack.ordered_modules():
                mine = [a for a in attempts if a.pack_id == pack.id and a.module_id == module.id]
                finished = [a for a in mine if a.finished_at and a.max_score]
                best = max((scoring.percent(a.score, a.max_score) for a in finished), default=None)
                passed = sorted(a.finished_at for a in finished if a.passed)
                if passed:
                    state = "Passed"
                elif any(a.finished_at is None for a in mine):
                    state = "In progress"
                elif finished:
                    state = "Not yet passed"
                else:
                    state = "Not started"
                out.append(ModuleProgress(module.id, module.title, state, best, len(finished),
                                          passed[0][:10] if passed else None))
        return out

    def attempts(self, learner_id: int) -> list[Attempt]:
        return sorted((a for a in self.store.attempts_for(learner_id) if a.finished_at),
                      key=lambda a: a.finished_at, reverse=True)

    def module_title(self, pack_id: str, module_id: str) -> str:
        pack = self.library.pack(pack_id)
        module = pack.modules.get(module_id) if pack else None
        return module.title if module else module_id

    def certificates(self, learner_id: int) -> list[Certificate]:
        return self.store.certificates_for(learner_id)

    # -- CPD ----------------------------------------------------------------------------------
    def sync_cpd(self, learner_id: int) -> int:
        """Draft an entry for each module passed that has none yet; the number drafted."""
        added = 0
        first_pass: dict[tuple[str, str], Attempt] = {}
        for attempt in self.store.attempts_for(learner_id):
            if attempt.finished_at and attempt.passed:
                first_pass.setdefault((attempt.pack_id, attempt.module_id), attempt)
        for session in self.store.group_learning_for(learner_id):
            pack = self.library.pack(session.pack_id)
            module = pack.modules.get(session.module_id) if pack else None
            added += self.store.draft_cpd_entry(
                learner_id=learner_id, source=f"session:{session.session_id}",
                activity=session.activity, kind="Group learning with peer discussion",
                done_on=session.date[:10], minutes=session.minutes,
                covered=self._covered(pack, module) if module else session.title)
        for (pack_id, module_id), attempt in first_pass.items():
            pack = self.library.pack(pack_id)
            module = pack.modules.get(module_id) if pack else None
            if module is None:
                title, minutes, covered = module_id, 30, ""
            else:
                title, minutes = module.title, module.minutes
                covered = self._covered(pack, module)
            percent = scoring.percent(attempt.score, attempt.max_score)
            activity = f"{title}: module and knowledge check (passed, {percent}%)"
            added += self.store.draft_cpd_entry(
                learner_id=learner_id, source=f"attempt:{attempt.id}", activity=activity,
                kind="Self-directed online learning", done_on=attempt.finished_at[:10],
                minutes=minutes, covered=covered)
        return added

    @staticmethod
    def _covered(pack, module) -> str:
        areas = "; ".join(dict.fromkeys(f"{j.area} (judged {j.grade})" for j in module.judgements))
        return f"{' '.join(module.summary.split())} Report areas: {areas}. {pack.attribution}"

    def cpd_entries(self, learner_id: int) -> list[CpdEntry]:
        self.sync_cpd(learner_id)
        return self.store.cpd_entries(learner_id)

    def save_reflection(self, entry_id: int, field: str, text: str) -> None:
        if field not in REFLECTION_FIELDS:
            raise UserError(f"'{field}' is not a part of the reflection.")
        if len(text) > 20000:
            raise UserError("This reflection is longer than 20,000 characters; shorten it.")
        self.store.save_cpd_reflection(entry_id, field, text)

    def cpd_table(self, learner_id: int) -> Table:
        learner = self.store.learner(learner_id)
        rows = [[e.done_on, e.activity, e.kind, e.minutes, e.covered, e.learnt, e.impact, e.peer]
                for e in self.cpd_entries(learner_id)]
        return Table(f"CPD log {learner.name if learner else ''}".strip(), CPD_HEADERS, rows)

    def cpd_pdf(self, learner_id: int) -> bytes:
        from reportlab.lib.units import mm

        from trainer.services.exports import _styles

        learner = self.store.learner(learner_id)
        if learner is None:
            raise UserError(f"There is no learner {learner_id}.")
        entries = self.cpd_entries(learner_id)
        styles = _styles()
        story = [para(f"CPD record: {learner.name}", styles["h1"]),
                 para(f"{learner.role}, {learner.team}. Printed {date.today():%d %B %Y}. "
                      f"{len(entries)} {'activity' if len(entries) == 1 else 'activities'}, "
                      f"{sum(e.minutes for e in entries)} minutes in all.", styles["body"])]
        if not entries:
            story.append(para("No activities yet: pass a module's knowledge check and it appears "
                              "here for your reflection.", styles["body"]))
        summary = Table("", ["Date", "Activity", "Minutes"],
                        [[e.done_on, e.activity, e.minutes] for e in entries])
        if entries:
            story.append(pdf_table(summary, styles, widths=[25 * mm, 125 * mm, 22 * mm]))
        for entry in entries:
            story.append(para(f"{entry.done_on}: {entry.activity}", styles["h2"]))
            story.append(para(f"{entry.kind} · {entry.minutes} minutes", styles["small"]))
            story.append(para("What it covered", styles["label"]))
            story.append(para(entry.covered, styles["body"]))
            for field, prompt in REFLECTION_PROMPTS.items():
                story.append(para(prompt, styles["label"]))
                story.append(para(getattr(entry, field) or "(not written yet)", styles["body"]))
        return pdf_bytes(f"CPD record: {learner.name}", story)
