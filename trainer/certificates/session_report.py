"""The session report PDF: details, attendance register, answers per question with a chart, notes.

Takes the service's ``SessionRecord`` (duck-typed, so this layer imports nothing above it) and
returns bytes. Text is escaped before it reaches ReportLab's Paragraph markup.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from trainer.certificates.render import ACCENT, FONT, FONT_BOLD, INK, MUTED, _register_fonts

LETTERS = "ABCDEFGH"
RIGHT = "#1e6b3a"


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=20, leading=25, textColor=ACCENT,
                             spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=14, leading=18, textColor=INK,
                             spaceBefore=12, spaceAfter=6),
        "h3": ParagraphStyle("h3", fontName=FONT_BOLD, fontSize=11, leading=14, textColor=INK,
                             spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK),
        "muted": ParagraphStyle("muted", fontName=FONT, fontSize=9, leading=12,
                                textColor=MUTED),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11, textColor=INK),
    }


def _p(text: str, style) -> object:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def spread_chart(counts: list[tuple[str, int, bool]], width: float = 440.0):
    """Horizontal bars, one per option letter; the right answer's bar is green and labelled."""
    from reportlab.graphics.shapes import Drawing, Rect, String

    row = 18.0
    height = row * len(counts) + 6
    drawing = Drawing(width, height)
    most = max((c for _, c, _ in counts), default=0) or 1
    bar_space = width - 150
    for index, (letter, count, right) in enumerate(counts):
        y = height - (index + 1) * row
        drawing.add(String(0, y + 4, letter, fontName=FONT_BOLD, fontSize=10, fillColor=INK))
        bar = bar_space * count / most
        colour = RIGHT if right else ACCENT
        if bar > 0:
            drawing.add(Rect(18, y + 2, bar, row - 6, fillColor=colour, strokeColor=None))
        label = f"{count}" + ("  right answer" if right else "")
        drawing.add(String(24 + bar, y + 4, label, fontName=FONT, fontSize=9, fillColor=INK))
    return drawing


class SessionReportRenderer:
    def __init__(self, organisation: str = ""):
        self.organisation = organisation

    def render(self, record) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate

        _register_fonts()
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=48, rightMargin=48,
                                topMargin=48, bottomMargin=56, invariant=True,
                                title=f"Group session report: {record.session.title}",
                                author=self.organisation or "Inspection Trainer")
        styles = _styles()
        story: list = []
        self.details(story, record, styles)
        self.register(story, record, styles)
        self.answers(story, record, styles)
        self.notes(story, record, styles)

        def footer(canvas, _doc):
            canvas.saveState()
            canvas.setFont(FONT, 7)
            canvas.setFillColor(MUTED)
            from reportlab.lib.utils import simpleSplit

            lines = simpleSplit(record.attribution, FONT, 7, A4[0] - 160)
            for index, line in enumerate(lines[:3]):
                canvas.drawString(48, 36 - index * 9, line)
            canvas.drawRightString(A4[0] - 48, 30, f"Page {canvas.getPageNumber()}")
            canvas.restoreState()

        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()

    def details(self, story: list, record, styles) -> None:
        from reportlab.platypus import Table, TableStyle

        session = record.session
        if self.organisation:
            story.append(_p(self.organisation, styles["muted"]))
        story.append(_p("Group session report", styles["h1"]))
        story.append(_p(session.title, styles["h2"]))
        present = sum(1 for a in record.attendees if a.present)
        rows = [("Planned for", session.scheduled_for.replace("T", " ")),
                ("Place", session.place or "—"), ("Facilitator", session.facilitator),
                ("Started (UTC)", (session.started_at or "—").replace("T", " ")[:16]),
                ("Ended (UTC)", (session.ended_at or "—").replace("T", " ")[:16]),
                ("Duration", f"{record.minutes} minutes"),
                ("CPD time recorded", f"{session.cpd_minutes or 0} minutes"),
                ("Attendance", f"{present} of {len(record.attendees)} present"),
                ("Activity", "Group learning with peer discussion")]
        table = Table([[_p(k, styles["muted"]), _p(v, styles["body"])] for k, v in rows],
                      colWidths=[120, 370], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
        if session.notes.strip():
            story.append(_p("Session notes", styles["h3"]))
            story.append(_p(session.notes.strip(), styles["body"]))

    def register(self, story: list, record, styles) -> None:
        from reportlab.platypus import Table, TableStyle

        story.append(_p("Attendance register", styles["h2"]))
        header = [_p(t, styles["h3"]) for t in ("Name", "Role", "Team", "Present",
                                                "Certificate")]
        rows = [header]
        for attendee in record.attendees:
            rows.append([_p(attendee.name, styles["cell"]), _p(attendee.role, styles["cell"]),
                         _p(attendee.team, styles["cell"]),
                         _p("Yes" if attendee.present else "No", styles["cell"]),
                         _p(attendee.certificate_id or "—", styles["cell"])])
        table = Table(rows, colWidths=[125, 95, 95, 70, 114], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(table)

    def answers(self, story: list, record, styles) -> None:
        from reportlab.platypus import KeepTogether

        story.append(_p("Answers, question by question", styles["h2"]))
        if not record.questions:
            story.append(_p("This session had no questions.", styles["muted"]))
        for result in record.questions:
            step = result.step
            question = step.question
            stem = " ".join(question.stem.split())
            block = [_p(f"Question {result.number}: {stem}", styles["h3"])]
            counts = []
            for letter, option in zip(LETTERS, step.options, strict=False):
                right = option.id in question.answer
                count = result.spread.counts.get(option.id, 0)
                counts.append((letter, count, right))
                block.append(_p(f"{letter}. {' '.join(option.text.split())}" + (
                    "  (right answer)" if right
                                                              else ""), styles["cell"]))
            block.append(spread_chart(counts))
            how = "show of hands" if result.mode == "hands" else "each attendee's answer"
            summary = f"Collected by {how}: {result.spread.answered} answered"
            if result.spread.correct is not None:
                summary += f", {result.spread.correct} right"
            if not result.revealed:
                summary += " (the answer was not revealed)"
            block.append(_p(summary + ".", styles["muted"]))
            story.append(KeepTogether(block))

    def notes(self, story: list, record, styles) -> None:
        story.append(_p("Notes on each step", styles["h2"]))
        if not record.step_notes:
            story.append(_p("No notes were written.", styles["muted"]))
        for title, text in record.step_notes:
            story.append(_p(title, styles["h3"]))
            story.append(_p(text, styles["body"]))
