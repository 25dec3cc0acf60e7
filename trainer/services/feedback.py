"""The feedback on one answer as Markdown with citation links: used after each question and in the
review of a whole attempt, so both say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from trainer.content.markup import to_linked_markdown
from trainer.content.pack import ContentPack
from trainer.quiz.model import Option, Question, QuestionType
from trainer.quiz.scoring import matching_pairs

CONFIDENCE_WORDS = {"unsure": "Unsure", "fairly": "Fairly sure", "sure": "Sure"}


def _choice_lines(q: Question, options: Sequence[Option], given: Sequence[str]) -> str:
    right = set(q.answer)
    chosen = set(given)
    lines = []
    for option in options:
        if option.id in chosen or option.id in right:
            if option.id in chosen and option.id in right:
                mark = "Your answer, and a right one"
            elif option.id in chosen:
                mark = "Your answer"
            else:
                mark = "Right answer"
            lines.append(f"**{mark}:** {option.text}\n\n{option.feedback}")
    others = [o for o in options if o.id not in chosen and o.id not in right]
    text = "\n\n".join(lines)
    if others:
        text += "\n\n**The other options**\n\n" + "\n".join(
            f"- *{o.text}* {o.feedback}" for o in others)
    return text


def _ordering_lines(q: Question, given: Sequence[str]) -> str:
    known = {o.id for o in q.options}
    yours = []
    for i, oid in enumerate((g for g in given if g in known), start=1):
        placed = i <= len(q.answer) and q.answer[i - 1] == oid
        yours.append(f"{i}. {q.option(oid).text}{'' if placed else ' *(not in its place)*'}")
    right = "\n".join(f"{i}. **{q.option(oid).text}**: {q.option(oid).feedback}"
                      for i, oid in enumerate(q.answer, start=1))
    return "**Your order**\n\n" + "\n".join(yours) + f"\n\n**The right order, and why**\n\n{right}"


def _matching_lines(q: Question, given: Sequence[str]) -> str:
    pairs = matching_pairs(given)
    lines = []
    for option in q.options:
        mine = pairs.get(option.id, "")
        if mine == option.match:
            lines.append(f"- **{option.text}** → {option.match} (right). {option.feedback}")
        else:
            shown = f"you chose “{mine}”" if mine else "not matched"
            lines.append(f"- **{option.text}** → {option.match} ({shown}). {option.feedback}")
    return "**Each item and its match**\n\n" + "\n".join(lines)


def answer_markdown(pack: ContentPack, question: Question, options: Sequence[Option],
                    given: Sequence[str]) -> str:
    """What was right, why, why the tempting wrong answers are wrong, and the citations."""
    if question.type is QuestionType.ORDERING:
        text = _ordering_lines(question, given)
    elif question.type is QuestionType.MATCHING:
        text = _matching_lines(question, given)
    else:
        text = _choice_lines(question, options, given)
    text += f"\n\n**Why**\n\n{question.explanation.strip()}"
    if question.guidance:
        sources = [pack.guidance[g].source for g in question.guidance if g in pack.guidance]
        text += "\n\n**National guidance:** " + "; ".join(sources)
    text += "\n\n**In the report:** " + " ".join(f"[¶{c}]" for c in question.cites)
    labels = {tid: term.term for tid, term in pack.glossary.items()}
    return to_linked_markdown(text, labels)


def given_text(question: Question, given: Sequence[str]) -> str:
    """The learner's answer in words, for the review list."""
    if not given:
        return "Not answered"
    if question.type is QuestionType.MATCHING:
        pairs = matching_pairs(given)
        return "; ".join(f"{o.text} → {pairs.get(o.id, '—')}" for o in question.options)
    known = {o.id for o in question.options}
    texts = [question.option(oid).text for oid in given if oid in known]
    if question.type is QuestionType.ORDERING:
        return " → ".join(texts)
    return "; ".join(texts)
