"""The look of exported workbooks (titles, header fills, borders, formats, widths, print set-up)
and the safety rules every written cell goes through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# Number formats
MONEY = "#,##0.00"
MONEY0 = "#,##0"
PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
SCORE = "0.0"
INTEGER = "0"
TEXT = "@"

FONT_NAME = "Calibri"
ACCENT = "1F4E79"
TITLE_FONT = Font(name=FONT_NAME, size=15, bold=True, color=ACCENT)
SUBTITLE_FONT = Font(name=FONT_NAME, size=9, italic=True, color="595959")
SECTION_FONT = Font(name=FONT_NAME, size=12, bold=True, color=ACCENT)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")
BODY_FONT = Font(name=FONT_NAME, size=10)
LABEL_FONT = Font(name=FONT_NAME, size=10, bold=True, color="404040")
TOTAL_FONT = Font(name=FONT_NAME, size=10, bold=True)
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
ALERT_FONT = Font(name=FONT_NAME, size=10, bold=True, color="C00000")
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")

MAX_CELL_TEXT = 32_767  # Excel's limit per cell
MAX_WIDTH = 60
MIN_WIDTH = 6

# XML 1.0 forbids these (control characters, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """``text`` with characters XML forbids replaced by U+FFFD and cut to Excel's cell limit."""
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("\ufffd", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT - 1] + "…"
    return text


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet could take for a formula (CSV/DDE injection)."""
    return text.startswith(_FORMULA_START)


def put(ws: Worksheet, row: int, column: int, value: Any, *, fmt: str | None = None,
        font: Font | None = BODY_FONT, align: Alignment | None = TOP,
        border: bool = True, fill: PatternFill | None = None) -> Cell:
    """Write one value; text is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell), "put() writes a cell before any merge covers it"
    set_value(cell, value)
    if fmt:
        cell.number_format = fmt
    elif isinstance(value, datetime):
        cell.number_format = DATETIME
    elif isinstance(value, date):
        cell.number_format = DATE
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align
    if border:
        cell.border = BORDER
    if fill is not None:
        cell.fill = fill
    return cell


def set_value(cell: Cell, value: Any) -> None:
    if isinstance(value, str):
        text = safe_text(value)
        cell.value = text
        if looks_like_formula(text):
            # data_type "s" keeps openpyxl from writing a formula; quotePrefix keeps Excel
            # from turning it into one when the user edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def display_width(text: str) -> int:
    """Width in character cells: CJK and full-width characters take two."""
    longest = 0
    for line in text.split("\n"):
        if line.isascii():
            width = len(line)
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


#: A body letter's width in column units (the width of a "0" in the default font): the
#: letters of a 10-point proportional font average about 0.8 of it; CJK characters are
#: about two.
LETTER_WIDTH = 0.85


def wrapped_lines(text: str, width: int) -> int:
    """The lines ``text`` takes when a spreadsheet wraps it at word breaks in a column
    ``width`` units wide. Counting a letter as a whole unit gave many rows an empty second
    line (a 29-letter summary in a 25-unit column fits one)."""
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split(" "):
            size = (LETTER_WIDTH * len(word) if word.isascii()
                    else sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else LETTER_WIDTH
                             for ch in word))
            gap = LETTER_WIDTH if used else 0.0
            if used and used + gap + size > width:
                lines, used = lines + 1, 0.0
                gap = 0.0
            while size > width:  # a word (or Chinese text) longer than the column breaks
                size -= width
                lines += 1
            used += gap + size
        count += lines
    return max(1, count)


def shown_text(value: Any, fmt: str | None = None) -> str:
    """Roughly what a spreadsheet shows for ``value`` (for fitting column widths)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "2026-01-01 00:00"
    if isinstance(value, date):
        return "2026-01-01"
    if isinstance(value, bool):
        return "FALSE"
    if isinstance(value, int | float):
        if fmt == PERCENT:
            return f"{value * 100:.1f}%"
        if fmt in (MONEY, MONEY0):
            return f"{value:,.2f}" if fmt == MONEY else f"{value:,.0f}"
        return f"{value:.1f}" if isinstance(value, float) else str(value)
    return str(value)


class SheetWriter:
    """Writes one document-like sheet top to bottom and remembers how wide each column is."""

    def __init__(self, ws: Worksheet, columns: int) -> None:
        self.ws = ws
        self.columns = columns
        self.row = 1
        self.widths: dict[int, int] = {}
        self.header_row = 0
        self.wrapped: list[tuple[int, int, str]] = []  # (row, column, text) of wrapping cells

    def _measure(self, column: int, value: Any, fmt: str | None = None) -> None:
        width = display_width(shown_text(value, fmt))
        self.widths[column] = max(self.widths.get(column, 0), width)

    def title(self, text: str, subtitle: str = "") -> None:
        put(self.ws, self.row, 1, text, font=TITLE_FONT, align=None, border=False)
        self.ws.row_dimensions[self.row].height = 24
        self.row += 1
        if subtitle:
            put(self.ws, self.row, 1, subtitle, font=SUBTITLE_FONT, align=None, border=False)
            self.row += 1
        self.row += 1

    def section(self, text: str) -> None:
        if self.row > 4:
            self.row += 1
        put(self.ws, self.row, 1, text, font=SECTION_FONT, align=None, border=False)
        self.ws.row_dimensions[self.row].height = 20
        self.row += 1

    def note(self, text: str, font: Font = SUBTITLE_FONT) -> None:
        put(self.ws, self.row, 1, text, font=font, align=None, border=False)
        self.row += 1

    def header(self, labels: Sequence[str]) -> int:
        for column, label in enumerate(labels, 1):
            put(self.ws, self.row, column, label, font=HEADER_FONT, align=HEADER_ALIGN,
                fill=HEADER_FILL)
            # Headers wrap; count only their longest word so one long label does not
            # widen a column of short values too much.
            words = label.split() if label.isascii() else [label]
            self._measure(column, max(words, key=display_width) if words else "")
        self.ws.row_dimensions[self.row].height = 30
        self.header_row = self.row
        self.row += 1
        return self.header_row

    def rows(self, rows: Iterable[Sequence[Any]], formats: Sequence[str | None] = (),
             wrap: Iterable[int] = ()) -> int:
        """Write a bordered table body; ``wrap`` lists 1-based columns of long text."""
        wrapped = set(wrap)
        count = 0
        for values in rows:
            for column, value in enumerate(values, 1):
                fmt = formats[column - 1] if column <= len(formats) else None
                put(self.ws, self.row, column, value, fmt=fmt,
                    align=WRAP if column in wrapped else TOP)
                if column in wrapped and isinstance(value, str):
                    self.wrapped.append((self.row, column, value))
                else:
                    self._measure(column, value, fmt)
            self.row += 1
            count += 1
        return count

    def total(self, values: Sequence[Any], formats: Sequence[str | None] = ()) -> None:
        for column, value in enumerate(values, 1):
            fmt = formats[column - 1] if column <= len(formats) else None
            put(self.ws, self.row, column, value, fmt=fmt, font=TOTAL_FONT, fill=TOTAL_FILL)
            self._measure(column, value, fmt)
        self.row += 1

    def pairs(self, items: Iterable[tuple[str, Any, str | None]], span: int = 2) -> None:
        """Label / value lines (a profile card); the value is merged over ``span`` columns."""
        for label, value, fmt in items:
            put(self.ws, self.row, 1, label, font=LABEL_FONT, fill=LABEL_FILL)
            put(self.ws, self.row, 2, value, fmt=fmt, align=WRAP)
            for column in range(3, 2 + span):
                put(self.ws, self.row, column, None)
            if span > 1:
                self.ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row,
                                    end_column=1 + span)
            self._measure(1, label)
            self.row += 1

    def paragraph(self, text: str, span: int, lines: int | None = None) -> None:
        """A long text merged across ``span`` columns with a height that fits it."""
        put(self.ws, self.row, 1, text, align=WRAP)
        for column in range(2, span + 1):
            put(self.ws, self.row, column, None)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                            end_column=span)
        chars = sum(self.widths.get(c, 10) for c in range(1, span + 1)) or 60
        needed = lines or max(1, sum(display_width(line) // max(chars, 1) + 1
                                     for line in text.split("\n")))
        self.ws.row_dimensions[self.row].height = min(400, 15 * needed + 4)
        self.row += 1

    def finish(self, *, freeze: bool = True, landscape: bool = True,
               fixed: dict[int, int] | None = None) -> None:
        widths = {**self.widths, **(fixed or {})}
        for column in {c for _, c, _ in self.wrapped} - set(widths):
            widths[column] = MAX_WIDTH // 2
        fit_columns(self.ws, widths)
        # Spreadsheets do not grow rows for wrapped text they did not lay out themselves
        # (LibreOffice keeps the default height), so give each row the lines it needs.
        lines: dict[int, int] = {}
        for row, column, text in self.wrapped:
            width = max(MIN_WIDTH, min(MAX_WIDTH, widths.get(column, 10) + 2)) - 1
            lines[row] = max(lines.get(row, 1), wrapped_lines(text, width))
        for row, count in lines.items():
            if count > 1:
                self.ws.row_dimensions[row].height = min(400, 13.5 * count + 3)
        print_setup(self.ws, self.header_row if freeze else 0, landscape=landscape)
        if freeze and self.header_row:
            self.ws.freeze_panes = self.ws.cell(row=self.header_row + 1, column=1).coordinate


def fit_columns(ws: Any, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(
            MIN_WIDTH, min(MAX_WIDTH, width + 2))


def print_setup(ws: Any, header_row: int, *, landscape: bool = True) -> None:
    """Landscape A4, fitted to the page width, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if header_row:
        ws.print_title_rows = f"1:{header_row}"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 8
