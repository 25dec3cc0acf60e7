"""Case studies from the content schema into the engine's model (trainer/quiz/casestudy.py)."""

from __future__ import annotations

from trainer.content.schema import CaseStudySpec
from trainer.quiz.casestudy import CaseStudy, Choice, Node


def case_from_spec(spec: CaseStudySpec) -> CaseStudy:
    nodes = {
        n.id: Node(id=n.id, text=n.text, ending=n.ending, score=n.score, title=n.title,
                   debrief=n.debrief,
                   choices=tuple(Choice(c.text, c.consequence, c.next) for c in n.choices))
        for n in spec.nodes
    }
    return CaseStudy(id=spec.id, title=spec.title, summary=spec.summary, start=spec.start,
                     nodes=nodes, reflect=tuple(spec.reflect))
