"""The certificate PDF (ReportLab), one A4 landscape page.

Names are printed exactly as entered: text is escaped before it reaches ReportLab's Paragraph
markup (which would otherwise drop ``<Team Lead>``), and an embedded Unicode TrueType font prints
letters such as Ł that the built-in Helvetica cannot.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from trainer import paths
from trainer.store.records import Certificate

FONT = "TrainerSans"
FONT_BOLD = "TrainerSans-Bold"
INK = "#1d2b36"
ACCENT = "#1f5f7a"
MUTED = "#4a5a66"


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(paths.font_path())))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(paths.font_path(bold=True))))


def format_date(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {moment:%B %Y}"


class CertificateRenderer:
    """Draws one certificate. Subclass and override a step to change a part of the page."""

    def __init__(self, organisation: str = "", attribution: str = ""):
        self.organisation = organisation
        self.attribution = attribution

    def render(self, certificate: Certificate) -> bytes:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfgen.canvas import Canvas

        _register_fonts()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=landscape(A4), invariant=True)
        canvas.setTitle(f"Certificate {certificate.id}")
        canvas.setAuthor(self.organisation or "Inspection Trainer")
        canvas.setSubject(certificate.title)
        self.draw(canvas, certificate, *landscape(A4))
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def render_many(self, certificates: list[Certificate]) -> bytes:
        """Several certificates as one PDF, one page each (for printing a session's batch)."""
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfgen.canvas import Canvas

        _register_fonts()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=landscape(A4), invariant=True)
        canvas.setTitle("Certificates of attendance")
        canvas.setAuthor(self.organisation or "Inspection Trainer")
        for certificate in certificates:
            self.draw(canvas, certificate, *landscape(A4))
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def draw(self, canvas, cert: Certificate, width: float, height: float) -> None:
        self.draw_frame(canvas, width, height)
        self.draw_heading(canvas, cert, width, height)
        self.draw_body(canvas, cert, width, height)
        self.draw_details(canvas, cert, width)
        self.draw_qr(canvas, cert, width)
        self.draw_footer(canvas, width)

    def draw_frame(self, canvas, width: float, height: float) -> None:
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(3)
        canvas.rect(24, 24, width - 48, height - 48)
        canvas.setLineWidth(0.8)
        canvas.rect(32, 32, width - 64, height - 64)

    def draw_heading(self, canvas, cert: Certificate, width: float, height: float) -> None:
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 12)
        if self.organisation:
            canvas.drawCentredString(width / 2, height - 70, self.organisation)
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, 30)
        heading = ("Certificate of completion" if cert.kind == "pass"
                   else "Certificate of attendance")
        canvas.drawCentredString(width / 2, height - 110, heading)

    def _paragraph(self, canvas, text: str, size: float, y: float, width: float,
                   bold: bool = False, colour: str = INK, max_lines: int = 2) -> float:
        """Draw escaped text centred and wrapped; shrink it until it fits. Returns the new y."""
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        frame_width = width - 160
        markup = escape(text)
        while True:
            style = ParagraphStyle("c", fontName=FONT_BOLD if bold else FONT, fontSize=size,
                                   leading=size * 1.25, alignment=TA_CENTER, textColor=colour)
            para = Paragraph(markup, style)
            _, h = para.wrap(frame_width, 1000)
            if h <= size * 1.25 * max_lines + 1 or size <= 9:
                break
            size -= 1
        para.drawOn(canvas, 80, y - h)
        return y - h

    def draw_body(self, canvas, cert: Certificate, width: float, height: float) -> None:
        y = height - 150
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(width / 2, y, "This is to certify that")
        y = self._paragraph(canvas, cert.learner_name, 26, y - 14, width, bold=True)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 13)
        verb = "has completed" if cert.kind == "pass" else "attended the group session"
        canvas.drawCentredString(width / 2, y - 26, verb)
        y = self._paragraph(canvas, cert.title, 18, y - 40, width, bold=True, colour=ACCENT)
        if cert.score_text:
            self._paragraph(canvas, cert.score_text, 13, y - 10, width, colour=INK)

    def draw_details(self, canvas, cert: Certificate, width: float) -> None:
        rows = [
            ("Date", format_date(cert.issued_at)),
            ("CPD time", f"{cert.cpd_minutes} minutes"),
            ("Certificate", cert.id),
            ("Verification code", cert.code),
            ("Content", f"{cert.pack_id} version {cert.pack_version}"),
        ]
        x, y = 80, 190
        for label, value in rows:
            canvas.setFont(FONT, 10)
            canvas.setFillColor(MUTED)
            canvas.drawString(x, y, label)
            canvas.setFont(FONT_BOLD, 11)
            canvas.setFillColor(INK)
            canvas.drawString(x + 110, y, value)
            y -= 18

    def draw_qr(self, canvas, cert: Certificate, width: float) -> None:
        """The QR code holds the verification command; drawn as one path, it costs little."""
        import segno

        qr = segno.make(f"trainer verify {cert.code}", error="m")
        matrix = qr.matrix
        size = 100.0
        cell = size / len(matrix)
        x0, y0 = width - 80 - size, 98
        path = canvas.beginPath()
        for row_index, row in enumerate(matrix):
            for col_index, dark in enumerate(row):
                if dark:
                    path.rect(x0 + col_index * cell, y0 + size - (row_index + 1) * cell, cell, cell)
        canvas.setFillColor(INK)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(x0 + size / 2, y0 - 12, "Scan or type the code to verify")

    def draw_footer(self, canvas, width: float) -> None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        text = self.attribution or ("Source: Ofsted inspection report. © Crown copyright. "
                                    "Open Government Licence v3.0.")
        style = ParagraphStyle("f", fontName=FONT, fontSize=8, leading=10, textColor=MUTED)
        para = Paragraph(escape(text), style)
        _, h = para.wrap(width - 160, 100)
        para.drawOn(canvas, 80, 48)
