"""Citations and glossary links inside lesson Markdown."""

from __future__ import annotations

import re

CITATION = re.compile(r"\[¶\s*([^\]\[]+?)\s*\]")
GLOSSARY_LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]+))?\]\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def citation_refs(text: str) -> list[str]:
    """Every paragraph reference written in ``text`` as ``[¶13]``, ``[¶12-14]`` or ``[¶a, ¶b]``."""
    refs: list[str] = []
    for match in CITATION.finditer(text or ""):
        for part in match.group(1).split(","):
            part = part.strip().lstrip("¶").strip()
            if part:
                refs.append(part.replace("–", "-"))
    return refs


def glossary_ids(text: str) -> list[str]:
    return [m.group(1) for m in GLOSSARY_LINK.finditer(text or "")]


SECTION_LABELS = {
    "judgements": "judgements",
    "exec-summary": "executive summary",
    "area-facts": "area facts",
    "summary-children": "summary for children",
    "section-help-summary": "help and protection summary",
    "section-cla-summary": "children looked after summary",
    "section-adoption-summary": "adoption judgement",
    "section-leavers-summary": "care leavers judgement",
    "section-leadership-summary": "leadership summary",
    "lscb-exec-summary": "LSCB summary",
    "about-inspection": "about the inspection",
}


def _cite_link(match: re.Match[str]) -> str:
    parts = [p.strip().lstrip("¶").strip().replace("–", "-") for p in match.group(1).split(",")]
    return "\u00a0".join(f"[¶\u00a0{SECTION_LABELS.get(p, p)}](cite:{p})" for p in parts if p)


def to_linked_markdown(text: str, term_label: dict[str, str] | None = None) -> str:
    """Markdown in which citations are ``cite:`` links and glossary terms ``glossary:`` links."""
    labels = term_label or {}

    def glossary(match: re.Match[str]) -> str:
        tid, shown = match.group(1), match.group(2)
        return f"[{shown or labels.get(tid, tid)}](glossary:{tid})"

    text = GLOSSARY_LINK.sub(glossary, text or "")
    text = re.sub(r"\]\s*\[¶", "], [¶", text)  # keep adjacent citations apart: ¶12, ¶13
    return CITATION.sub(_cite_link, text)


def plain(text: str) -> str:
    """Text without citation markers and link syntax, for numbers checks and plain exports."""
    text = CITATION.sub("", text or "")
    return GLOSSARY_LINK.sub(lambda m: m.group(2) or m.group(1), text)


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(plain(text))}
