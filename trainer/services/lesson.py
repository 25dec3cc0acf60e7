"""A module as one Markdown document, top to bottom, with citation and glossary links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.content.markup import citation_refs, to_linked_markdown
from trainer.content.pack import ContentPack

if TYPE_CHECKING:  # schema (pydantic) is not imported at start: see trainer/content/cache.py
    from trainer.content.schema import ModuleSpec, TermSpec


def _first_sentence(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def module_markdown(pack: ContentPack, module: ModuleSpec) -> str:
    parts: list[str] = []
    grades = "; ".join(f"{j.area}: **{j.grade}**" for j in module.judgements)
    parts.append(f"Ofsted judgement: {grades}. About {module.minutes} minutes.")
    parts.append("## Overview\n\n" + module.overview.strip())
    if module.works_well:
        parts.append("## What works well\n\n" + "\n".join(f"- {p.strip()}"
                                                          for p in module.works_well))
    if module.must_improve:
        parts.append("## What must improve\n\n" + "\n".join(f"- {p.strip()}"
                                                            for p in module.must_improve))
    if module.recommendations:
        lines = []
        for ref in module.recommendations:
            para = pack.report.get(ref)
            if para:
                lines.append(f"- **Recommendation {para.number}** [¶{para.id}]: "
                             f"“{_first_sentence(para.text)}”")
        parts.append("## Recommendations that apply\n\n" + "\n".join(lines))
    if module.key_points.strip():
        parts.append("## What this means for your practice\n\n" + module.key_points.strip())
    for study in module.case_studies:
        text = f"## Case study: {study.title}\n\n*Fictional case study: the people are invented.*"
        if study.summary:
            text += f"\n\n{study.summary.strip()}"
        decisions = sum(1 for n in study.nodes if n.choices)
        endings = sum(1 for n in study.nodes if n.ending)
        text += (f"\n\nYou make the decisions; each choice shows what happened next "
                 f"({decisions} decision points, {endings} possible endings). "
                 f"[Open the case study: {study.title}](case:{study.id})")
        parts.append(text)
    if module.reflect:
        parts.append("## Reflect\n\nNote your answers in your CPD log.\n\n" + "\n".join(
            f"{i}. {prompt.strip()}" for i, prompt in enumerate(module.reflect, start=1)))
    terms = [pack.glossary[t] for t in module.glossary if t in pack.glossary]
    if terms:
        parts.append("## Glossary\n\n" + "\n".join(
            f"- **{t.term}**: {' '.join(t.definition.split())}" for t in terms))
    labels = {tid: term.term for tid, term in pack.glossary.items()}
    return to_linked_markdown("\n\n".join(parts), labels)


def glossary_markdown(term: TermSpec, term_label: dict[str, str] | None = None) -> str:
    """A term's definition with each of its citations once: those the definition already cites
    stay where they are written; the rest of the term's citations follow it."""
    cited = set(citation_refs(term.definition))
    rest: list[str] = []
    for ref in term.cites:
        ref = ref.strip().lstrip("¶").strip().replace("–", "-")
        if ref and ref not in cited and ref not in rest:
            rest.append(ref)
    text = term.definition.strip()
    if rest:
        lead = "Also in the report:" if cited else "In the report:"
        text += f"\n\n**{lead}** " + " ".join(f"[¶{ref}]" for ref in rest)
    return to_linked_markdown(text, term_label)
