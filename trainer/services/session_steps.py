"""The steps of a group session, built from a module: what the room sees and what the facilitator
reads. Audience text never holds anything about a learner; it comes only from the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.content.markup import (
    CITATION,
    GLOSSARY_LINK,
    SECTION_LABELS,
    citation_refs,
    to_linked_markdown,
)
from trainer.content.pack import ContentPack
from trainer.quiz.draw import draw_questions, option_order
from trainer.quiz.model import Option, Question, QuestionType

if TYPE_CHECKING:  # schema (pydantic) is not imported at start: see trainer/content/cache.py
    from trainer.content.schema import CaseStudySpec, ModuleSpec, NodeSpec

SESSION_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE}
LETTERS = "ABCDEFGH"
_CITE_RUN = re.compile(r"\s*(?:\[¶[^\]\[]+\]\s*)+")


@dataclass(frozen=True)
class Step:
    key: str
    kind: str  # "overview" | "points" | "case" | "question" | "reflect"
    title: str
    lead: str = ""  # projector text above the list
    lines: tuple[str, ...] = ()  # projector bullets (or lettered options)
    speaker_notes: str = ""  # Markdown for the console only
    prompts: tuple[str, ...] = ()  # plain text for the console (citations as ¶12)
    question: Question | None = None
    options: tuple[Option, ...] = ()  # a question's options in the order shown


@dataclass(frozen=True)
class Reveal:
    """What the projector shows after the answers are in."""

    answer_lines: tuple[str, ...]
    explanation: str
    paragraphs: tuple[tuple[str, str], ...]  # (label, text) of the cited paragraphs
    attribution: str


def projector_text(text: str) -> str:
    """Plain text for the big screen: citations as (¶12, ¶13), no Markdown marks."""

    def cites(match: re.Match[str]) -> str:
        refs = citation_refs(match.group(0))
        return " (" + ", ".join(f"¶{r}" if r[:1].isdigit() else SECTION_LABELS.get(r, r)
                                for r in refs) + ")" + (
            " " if match.group(0).endswith((" ", "\n")) else "")

    text = GLOSSARY_LINK.sub(lambda m: m.group(2) or m.group(1).replace("-", " "), text or "")
    text = _CITE_RUN.sub(cites, text)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


def bullet_items(markdown: str) -> list[str]:
    """The items of a Markdown bullet list (continuation lines joined)."""
    items: list[str] = []
    for line in (markdown or "").splitlines():
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")):
            items.append(stripped[2:])
        elif stripped and items:
            items[-1] += " " + stripped
    return items


def _best_score(study: CaseStudySpec, node_id: str, seen: frozenset[str] = frozenset()) -> int:
    nodes = {n.id: n for n in study.nodes}
    node = nodes.get(node_id)
    if node is None or node_id in seen:
        return -1
    if node.ending or not node.choices:
        return node.score or 0
    return max(_best_score(study, c.next, seen | {node_id}) for c in node.choices)


def best_path(study: CaseStudySpec) -> list[NodeSpec]:
    """The decision points along the best route through a case study, then its ending."""
    nodes = {n.id: n for n in study.nodes}
    path: list[NodeSpec] = []
    current = nodes.get(study.start)
    while current is not None and current not in path:
        path.append(current)
        if current.ending or not current.choices:
            break
        choice = max(current.choices, key=lambda c: _best_score(study, c.next,
                                                                frozenset(n.id for n in path)))
        current = nodes.get(choice.next)
    return path


def _case_steps(study: CaseStudySpec) -> list[Step]:
    steps: list[Step] = []
    path = best_path(study)
    decisions = [n for n in path if n.choices and not n.ending]
    for number, node in enumerate(decisions, start=1):
        notes = ["**What each choice leads to** (read out after the discussion):", ""]
        for letter, choice in zip(LETTERS, node.choices, strict=False):
            notes.append(f"- **{letter}. {choice.text}** — {choice.consequence}")
        steps.append(Step(
            key=f"case:{study.id}:{node.id}", kind="case",
            title=f"Case study: {study.title} — decision {number} of {len(decisions)}",
            lead="Fictional case study. " + projector_text(node.text).replace(
                "Fictional case study. ", ""),
            lines=tuple(f"{letter}. {projector_text(c.text)}"
                        for letter, c in zip(LETTERS, node.choices, strict=False)),
            speaker_notes="\n".join(notes),
            prompts=("What would you do, and why?", "What else would you want to know first?")))
    ending = path[-1] if path and path[-1].ending else None
    if ending is not None:
        steps.append(Step(
            key=f"case-end:{study.id}", kind="case",
            title=f"Case study: {study.title} — {ending.title or 'how it ended'}",
            lead=projector_text(ending.debrief),
            speaker_notes="The best route through the case study ends here. Other routes end "
                          "differently; the module page lets people try them on their own.",
            prompts=tuple(projector_text(p) for p in study.reflect)))
    return steps


def build_steps(pack: ContentPack, module: ModuleSpec, question_count: int,
                seed: int) -> list[Step]:
    grades = "; ".join(f"{j.area}: {j.grade}" for j in module.judgements)
    steps = [Step(key="overview", kind="overview", title=module.title,
                  lead=projector_text(module.summary),
                  lines=tuple(f"Ofsted judgement — {j.area}: {j.grade}"
                              for j in module.judgements),
                  speaker_notes=module.overview.strip(),
                  prompts=("What do people already know about this area of practice?",))]
    if module.works_well:
        steps.append(Step(key="works-well", kind="points", title="What works well",
                          lines=tuple(projector_text(p) for p in module.works_well),
                          speaker_notes=f"Judgement: {grades}.\n\n" + "\n".join(
                              f"- {p}" for p in module.works_well),
                          prompts=("Where do you see this in your own team's work?",)))
    if module.must_improve:
        steps.append(Step(key="must-improve", kind="points", title="What must improve",
                          lines=tuple(projector_text(p) for p in module.must_improve),
                          speaker_notes="\n".join(f"- {p}" for p in module.must_improve),
                          prompts=("Which of these would a child or family notice first?",
                                   "What gets in the way of doing this well?")))
    points = bullet_items(module.key_points)
    if points:
        steps.append(Step(key="key-points", kind="points",
                          title="What this means for your practice",
                          lines=tuple(projector_text(p) for p in points),
                          speaker_notes=module.key_points.strip(),
                          prompts=("Which one will you do differently next week?",)))
    for study in module.case_studies:
        steps.extend(_case_steps(study))
    questions = session_questions(pack, module, question_count, seed)
    for number, question in enumerate(questions, start=1):
        options = tuple(option_order(question, seed, True))
        feedback = "\n".join(f"- **{letter}. {o.text}**"
                             f"{' (right)' if o.id in question.answer else ''} — {o.feedback}"
                             for letter, o in zip(LETTERS, options, strict=False))
        steps.append(Step(
            key=f"question:{question.id}", kind="question",
            title=f"Question {number} of {len(questions)}", lead=projector_text(question.stem),
            lines=tuple(f"{letter}. {projector_text(o.text)}"
                        for letter, o in zip(LETTERS, options, strict=False)),
            speaker_notes=f"{feedback}\n\n**Why:** {question.explanation.strip()}",
            prompts=("Ask someone who chose differently to explain their thinking.",),
            question=question, options=options))
    if module.reflect:
        steps.append(Step(key="reflect", kind="reflect", title="Reflect and close",
                          lines=tuple(projector_text(p) for p in module.reflect),
                          speaker_notes="Invite everyone to note one answer in their CPD log. "
                                        "The session is recorded there as group learning with "
                                        "peer discussion.",
                          prompts=tuple(projector_text(p) for p in module.reflect)))
    return steps


def session_questions(pack: ContentPack, module: ModuleSpec, count: int,
                      seed: int) -> list[Question]:
    rules = pack.quizzes.get(module.quiz) if module.quiz else None
    pool = pack.pool(rules) if rules else [q for q in pack.questions.values()
                                           if q.module == module.id]
    usable = [q.id for q in pool if q.type in SESSION_TYPES]
    return [pack.questions[qid] for qid in draw_questions(usable, max(0, count), seed)] if (
        count > 0) else []


def reveal_for(pack: ContentPack, step: Step) -> Reveal:
    question = step.question
    assert question is not None
    lines = tuple(f"{letter}. {projector_text(o.text)}"
                  for letter, o in zip(LETTERS, step.options, strict=False)
                  if o.id in question.answer)
    paragraphs = []
    for ref in question.cites:
        for pid in pack.report.expand(ref):
            para = pack.report.get(pid)
            if para is not None:
                label = f"¶{para.number}" if para.number is not None else (
                    para.title or SECTION_LABELS.get(para.id, para.id))
                paragraphs.append((label, " ".join(para.text.split())))
    return Reveal(lines, projector_text(question.explanation), tuple(paragraphs),
                  pack.attribution)


def speaker_notes_markdown(pack: ContentPack, step: Step) -> str:
    """A step's speaker notes for the console: glossary terms in their own words and citations as
    ``cite:`` links, as the module page shows them (the notes are written in content markup)."""
    labels = {tid: term.term for tid, term in pack.glossary.items()}
    return to_linked_markdown(step.speaker_notes or "No speaker notes for this step.", labels)


def letter_for(step: Step, option_id: str) -> str:
    for letter, option in zip(LETTERS, step.options, strict=False):
        if option.id == option_id:
            return letter
    return "?"


__all__ = ["CITATION", "Reveal", "Step", "build_steps", "projector_text", "reveal_for",
           "speaker_notes_markdown"]
