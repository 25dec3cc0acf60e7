"""Tables out of the app: CSV, XLSX and PDF, safe to open in a spreadsheet.

OWASP CSV injection: a spreadsheet treats a cell beginning with = + - @ (or a tab, CR or LF) as a
formula. Every text cell that begins so gets a leading single quote, in CSV and in XLSX alike
(negative numbers included: in CSV a number is only text). XLSX numbers are written as numbers,
and strings are never turned into formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer import paths
from trainer.services.errors import UserError

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")
TICK_ROWS = 2000


class Cancelled(Exception):
    """Raised from a progress callback when the person cancels a long export."""


def _tick(tick, done: int, total: int) -> None:
    if tick is not None and done % TICK_ROWS == 0:
        tick(done, total)


def safe_cell(value) -> str:
    """The text of a cell, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = value if isinstance(value, str) else (f"{value:g}" if isinstance(value, float)
                                                 else str(value))
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def csv_bytes(table: Table, tick=None) -> bytes:
    """``tick(done, total)`` is called every few thousand rows; it may raise Cancelled."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in table.headers])
    total = len(table.rows)
    for done, row in enumerate(table.rows):
        _tick(tick, done, total)
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read UTF-8 names


def xlsx_bytes(tables: Sequence[Table], tick=None) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    for table in tables:
        sheet = book.add_worksheet(table.title[:31])
        for col, header in enumerate(table.headers):
            sheet.write_string(0, col, safe_cell(header), bold)
        total = len(table.rows)
        for r, row in enumerate(table.rows, start=1):
            _tick(tick, r - 1, total)
            for col, value in enumerate(row):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(r, col, value)
                elif value is not None:
                    sheet.write_string(r, col, safe_cell(value))
        sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def write_file(path: Path, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise UserError(f"Cannot write {path} ({exc.strerror}). Choose another folder.") from exc
    return path


def write_table(table: Table, path: Path, fmt: str, tick=None) -> Path:
    if fmt == "csv":
        return write_file(path, csv_bytes(table, tick))
    if fmt == "xlsx":
        return write_file(path, xlsx_bytes([table], tick))
    raise UserError(f"Unknown format '{fmt}': use csv or xlsx.")


# -- PDF ------------------------------------------------------------------------------------------
FONT = "TrainerSans"
FONT_BOLD = "TrainerSans-Bold"


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(paths.font_path())))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(paths.font_path(bold=True))))
    return {
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=18, leading=23, spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=10,
                             spaceAfter=4),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=4),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=8.5, leading=11),
        "label": ParagraphStyle("label", fontName=FONT_BOLD, fontSize=10, leading=14),
    }


def para(text: str, style) -> object:
    """A Paragraph whose text is shown exactly as typed (escaped, line breaks kept)."""
    from xml.sax.saxutils import escape  # imports urllib and email: not at the app's start

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def pdf_bytes(title: str, build: Iterable) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=18 * mm,
                            rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                            invariant=True)
    doc.build(list(build))
    return buffer.getvalue()


def pdf_table(table: Table, styles, widths=None):
    from reportlab.lib import colors
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    data = [[para(str(h), styles["label"]) for h in table.headers]]
    for row in table.rows:
        data.append([para("" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)),
                          styles["small"]) for v in row])
    out = RLTable(data, colWidths=widths, repeatRows=1)
    out.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b0")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6eef2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return out
