"""The source report as data: an index of its numbered paragraphs and unnumbered sections.

The published text has traps: paragraphs split by a page break continue after a blank line with a
lower-case word; some summaries carry stray ``<p>`` markup; footnote markers (¹ ² ³) sit mid-text.
The parser joins, strips and removes them so that a citation shows exactly one clean paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_TAGS = re.compile(r"</?p\s*>", re.IGNORECASE)
_FOOTNOTE_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")
_FOOTNOTE_LINE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]\s")
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.+?)\t\s*(?P<page>\d+)\s*$")

# Stable ids for the unnumbered parts of an Ofsted report, by the heading that opens them.
_SECTION_IDS = {
    "the experiences and progress of children who need help and protection": "help",
    "the experiences and progress of children looked after and achieving permanence": "cla",
    "leadership, management and governance": "leadership",
    "the local safeguarding children board (lscb)": "lscb",
}


@dataclass(frozen=True)
class Paragraph:
    """One citable unit: a numbered paragraph or an unnumbered section of the report."""

    id: str
    section: str
    text: str
    number: int | None = None
    title: str = ""

    @property
    def label(self) -> str:
        return f"¶{self.number}" if self.number is not None else self.title


@dataclass
class Section:
    title: str
    ids: list[str] = field(default_factory=list)


@dataclass
class ReportIndex:
    paragraphs: dict[str, Paragraph]
    sections: list[Section]

    @property
    def numbered(self) -> list[Paragraph]:
        return [p for p in self.paragraphs.values() if p.number is not None]

    def get(self, pid: str) -> Paragraph | None:
        return self.paragraphs.get(str(pid).strip().lstrip("¶"))

    def expand(self, ref: str) -> list[str]:
        """``"12-14"`` → ``["12", "13", "14"]``; ``"exec-summary"`` → itself."""
        ref = ref.strip().lstrip("¶").replace("–", "-")
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", ref)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            return [str(n) for n in range(lo, hi + 1)]
        return [ref]

    def search(self, query: str) -> list[Paragraph]:
        words = [w for w in query.casefold().split() if w]
        if not words:
            return []
        return [p for p in self.paragraphs.values() if all(w in p.text.casefold() for w in words)]


def clean(text: str) -> str:
    text = _TAGS.sub(" ", text)
    text = _FOOTNOTE_MARKS.sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _contents_titles(lines: list[str]) -> set[str]:
    titles: set[str] = set()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Contents")
    except StopIteration:
        return titles
    for line in lines[start + 1 :]:
        m = _CONTENTS_ENTRY.match(line.strip("\n"))
        if m:
            titles.add(m.group("title").strip().casefold())
        elif line.strip() and titles:
            break
    return titles


def parse_report(text: str) -> ReportIndex:
    lines = text.splitlines()
    headings = _contents_titles(lines)
    paragraphs: dict[str, Paragraph] = {}
    sections: list[Section] = []
    blocks: dict[str, list[str]] = {}
    block_titles: dict[str, str] = {}

    section = Section("Judgements", ["judgements"])
    sections.append(section)
    current_block: str | None = "judgements"
    block_titles["judgements"] = "Judgements"
    current_para: list = []  # [id, number, [text parts]]
    area = ""  # help / cla / leadership / lscb
    seen_exec = False
    in_contents = False

    def flush_para() -> None:
        if current_para:
            pid, number, parts = current_para
            paragraphs[pid] = Paragraph(pid, section.title, clean(" ".join(parts)), number)
            section.ids.append(pid)
            current_para.clear()

    def open_block(bid: str, title: str) -> None:
        nonlocal current_block
        flush_para()
        current_block = bid
        block_titles[bid] = title
        blocks.setdefault(bid, [])
        if bid not in section.ids:
            section.ids.append(bid)

    def new_section(title: str) -> None:
        nonlocal section
        flush_para()
        section = Section(title)
        sections.append(section)

    for raw in lines:
        line = raw.rstrip()
        stripped = clean(line)
        if not stripped:
            continue
        if _FOOTNOTE_LINE.match(line.strip()):
            continue  # footnotes are not part of any paragraph
        if stripped == "Contents":
            in_contents = True
            flush_para()
            current_block = None
            continue
        if in_contents:
            if _CONTENTS_ENTRY.match(line.strip()):
                continue
            in_contents = False
        lowered = stripped.split("\t")[0].strip().casefold()
        # Inline "<p>Summary</p> <p>text</p>" opens a section summary with its text on one line.
        inline_summary = re.match(r"^<p>\s*Summary\s*</p>\s*(.*)$", line.strip(), re.IGNORECASE)

        m = _NUMBERED.match(stripped)
        if m and not inline_summary:
            flush_para()
            current_block = None
            number = int(m.group(1))
            current_para.extend([str(number), number, [m.group(2)]])
            continue
        if current_para and stripped[:1].islower():
            current_para[2].append(stripped)  # a paragraph split by a page break
            continue

        heading_key = re.sub(r"\s+(good|requires improvement|outstanding|inadequate)$", "",
                             lowered)
        is_heading = "\t" in line or heading_key in headings or line.strip().startswith("<p>")
        if current_block != "judgements" and heading_key in _SECTION_IDS and is_heading:
            area = _SECTION_IDS[heading_key]
            new_section(clean(line.split("\t")[0]))
            current_block = None
            if area == "lscb":
                seen_exec = False
            continue
        lscb_grade = re.match(r"the local safeguarding children board is (\w+)", lowered)
        if lscb_grade:
            blocks.setdefault("judgements", []).append(f"- The LSCB: {lscb_grade.group(1).title()}")
            continue
        if lowered == "executive summary":
            bid = "lscb-exec-summary" if area == "lscb" else "exec-summary"
            if area != "lscb" and seen_exec:
                continue
            seen_exec = True
            if bid == "exec-summary":
                new_section("Executive summary")
            open_block(bid, "Executive summary" if bid == "exec-summary"
                       else "LSCB executive summary")
            continue
        if lowered.startswith("information about this local authority area"):
            new_section("Information about this local authority area")
            open_block("area-facts", "Information about this local authority area")
            continue
        if lowered == "summary for children and young people":
            new_section("Summary for children and young people")
            open_block("summary-children", "Summary for children and young people")
            continue
        if lowered == "information about this inspection":
            new_section("Information about this inspection")
            open_block("about-inspection", "Information about this inspection")
            continue
        if lowered == "recommendations":
            new_section("LSCB recommendations" if area == "lscb" else "Recommendations")
            current_block = None
            continue
        if lowered.startswith("inspection findings"):
            flush_para()
            if area == "lscb":
                new_section(stripped)
            current_block = None
            continue
        if inline_summary or lowered == "summary":
            if area in ("help", "cla", "leadership"):
                open_block(f"section-{area}-summary", f"{section.title}: summary")
                if inline_summary:
                    blocks[current_block].append(clean(inline_summary.group(1)))
            continue
        if lowered.startswith("the graded judgement"):
            sid = "adoption" if "adoption" in lowered else "leavers"
            new_section("Adoption performance" if sid == "adoption"
                        else "Experiences and progress of care leavers")
            open_block(f"section-{sid}-summary", f"{section.title}: judgement")
            blocks[current_block].append(stripped)
            current_block = None
            continue
        if lowered in ("previous ofsted inspections", "local leadership", "children living in this area",
                       "child protection in this area", "children looked after in this area"):
            if current_block == "area-facts":
                blocks["area-facts"].append(f"**{stripped}**")
            continue
        if lowered == "the inspection team" and current_block == "about-inspection":
            current_block = None
            continue
        if lowered in headings or lowered == "the local authority":
            flush_para()
            continue
        if current_block == "judgements":
            overall = re.match(r"children.s services in .+? are (\w+)", stripped, re.IGNORECASE)
            if overall:
                blocks.setdefault("judgements", []).append(f"- Overall: {overall.group(1).title()}")
            elif "\t" in line:
                area_name, _, grade = (clean(part) for part in line.partition("\t"))
                area_name = re.sub(r"^\d\.\d\s+", "", area_name)
                blocks.setdefault("judgements", []).append(f"- {area_name}: {grade or ''}".rstrip(": "))
            continue
        if current_block is not None:
            flush_para()
            blocks.setdefault(current_block, []).append(stripped)
            continue
        # Anything else (a stray line) is attached to the paragraph it follows, if any.
        if current_para:
            current_para[2].append(stripped)
    flush_para()

    for bid, parts in blocks.items():
        text = "\n\n".join(part for part in parts if part)
        owner = next((s for s in sections if bid in s.ids), sections[0])
        paragraphs[bid] = Paragraph(bid, owner.title, text, None, block_titles.get(bid, bid))
    sections = [s for s in sections if s.ids]
    return ReportIndex(paragraphs, sections)


def load_report(path: Path) -> ReportIndex:
    from trainer.content import reads

    reads.note(path)
    return parse_report(path.read_text(encoding="utf-8"))
