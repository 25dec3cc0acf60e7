"""Playing a branching case study: each choice is saved before its consequence is shown, so the
path a learner took is on record and a closed app resumes at the same point of the story."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.content.cases import case_from_spec
from trainer.content.library import Library
from trainer.content.pack import ContentPack
from trainer.quiz.casestudy import CaseStudy, Step, Walk
from trainer.services.errors import UserError
from trainer.store import Store
from trainer.store.practice import CaseRun

__all__ = ["CaseStudyService", "CaseView", "case_from_spec"]


@dataclass
class CaseView:
    run: CaseRun
    pack: ContentPack
    module_id: str
    case: CaseStudy
    walk: Walk


class CaseStudyService:
    def __init__(self, store: Store, library: Library):
        self.store = store
        self.library = library

    def _case(self, pack_id: str, module_id: str, case_id: str) -> tuple[ContentPack, CaseStudy]:
        pack = self.library.pack(pack_id)
        module = pack.modules.get(module_id) if pack else None
        spec = next((c for c in module.case_studies if c.id == case_id), None) if module else None
        if spec is None:
            raise UserError(f"The case study '{case_id}' is not in the module '{module_id}'.")
        return pack, case_from_spec(spec)

    def open(self, learner_id: int, pack_id: str, module_id: str, case_id: str) -> CaseView:
        """The unfinished run of this case study, or a new one."""
        pack, case = self._case(pack_id, module_id, case_id)
        for run in reversed(self.store.case_runs(learner_id, pack_id, case_id)):
            if run.finished_at is None:
                return self._view(run, pack, case)
            break
        return self.restart(learner_id, pack_id, module_id, case_id)

    def last_run(self, learner_id: int, pack_id: str, case_id: str) -> CaseRun | None:
        runs = self.store.case_runs(learner_id, pack_id, case_id)
        return runs[-1] if runs else None

    def restart(self, learner_id: int, pack_id: str, module_id: str, case_id: str) -> CaseView:
        pack, case = self._case(pack_id, module_id, case_id)
        run = self.store.create_case_run(learner_id, pack_id, module_id, case_id)
        return CaseView(run, pack, module_id, case, Walk(case))

    def _view(self, run: CaseRun, pack: ContentPack, case: CaseStudy) -> CaseView:
        steps = [(s.node_id, s.choice_index) for s in self.store.case_steps(run.id)]
        return CaseView(run, pack, run.module_id, case, Walk.replay(case, steps))

    def choose(self, view: CaseView, index: int) -> Step:
        """Save the choice (and the ending it reaches), then move the walk on."""
        walk = view.walk
        if walk.finished:
            raise UserError("This case study has ended. Start it again to choose differently.")
        node = walk.current
        if not 0 <= index < len(node.choices):
            raise UserError(f"There is no choice {index + 1} here.")
        choice = node.choices[index]
        target = view.case.node(choice.next)
        ending = (target.id, target.score or 0) if target.ending else None
        self.store.record_case_step(view.run.id, len(walk.steps), node.id, index, choice.next,
                                    ending)
        step = walk.choose(index)
        if ending:
            view.run = self.store.case_run(view.run.id)
        return step
