"""Streaming the rows of one very large sheet into a workbook that openpyxl builds.

openpyxl writes the workbook: styles, the other sheets, charts, and the big sheet's title and
header rows, column widths, frozen panes, filter and print set-up. Its per-cell XML writer,
though, costs about 6 µs a cell here (20 s for 100,000 customers x 35 columns), so the body
rows of the big sheet are serialised by :class:`RowStreamer` straight into that sheet's part
while the package is copied: the same SpreadsheetML openpyxl would write (inline strings,
numbers, style indexes openpyxl registered), about ten times faster, in constant memory.
Every text cell is an inline string, so no user text can ever become a formula.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from storage.xlsx_style import safe_text

_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_CHUNK_ROWS = 2_000
_FORMULA_FIRST = frozenset("=+-@\t\r")
_SPACES = frozenset(" \t\r\n\u3000")

#: Column kinds a streamed sheet knows how to write.
TEXT, NUMBER, DATE = "text", "number", "date"


def style_id(ws: Worksheet, **style: Any) -> int:
    """Register a cell style (number_format=..., font=..., quotePrefix=...) in the workbook
    and return the index SpreadsheetML cells refer to with ``s=``."""
    template = Cell(ws, row=1, column=1)  # a template, never placed in the sheet
    for name, value in style.items():
        setattr(template, name, value)
    return int(template.style_id)


class RowStreamer:
    """Serialises body rows for one sheet: one kind and one style per column."""

    def __init__(self, kinds: Sequence[str], styles: Sequence[int | None],
                 quoted_style: int) -> None:
        self.columns = [(get_column_letter(i), kind, f' s="{s}"' if s else "")
                        for i, (kind, s) in enumerate(zip(kinds, styles, strict=True), 1)]
        self.quoted = f' s="{quoted_style}"'

    def row(self, number: int, values: Sequence[Any]) -> str:
        n = str(number)
        parts = [f'<row r="{n}">']
        append = parts.append
        for (letter, kind, style), value in zip(self.columns, values, strict=False):
            if value is None:
                continue
            kind_of_value = type(value)
            if kind_of_value is float and kind != TEXT:
                if math.isfinite(value):
                    append(f'<c r="{letter}{n}"{style}><v>{value!r}</v></c>')
            elif kind_of_value is int and kind != TEXT:
                append(f'<c r="{letter}{n}"{style}><v>{value}</v></c>')
            elif kind == DATE:
                append(f'<c r="{letter}{n}"{style}><v>{_serial(value)}</v></c>')
            elif kind_of_value is bool:
                append(f'<c r="{letter}{n}" t="b"{style}><v>{int(value)}</v></c>')
            else:
                text = value if kind_of_value is str else str(value)
                if not text:
                    continue
                if not (text.isascii() and text.isprintable()):
                    text = safe_text(text)
                if text[0] in _FORMULA_FIRST:
                    style = self.quoted
                space = ' xml:space="preserve"' if text[0] in _SPACES or text[-1] in _SPACES \
                    else ""
                if "&" in text or "<" in text or ">" in text:
                    text = text.translate(_ESCAPES)
                append(f'<c r="{letter}{n}" t="inlineStr"{style}><is><t{space}>{text}</t></is>'
                       f'</c>')
        append("</row>")
        return "".join(parts)


def _serial(value: Any) -> int:
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return int(day.toordinal() - _EXCEL_EPOCH)


def save_with_streamed_rows(workbook: Workbook, sheet: Worksheet, path: Path,
                            streamer: RowStreamer, rows: Iterable[Sequence[Any]],
                            columns: int, expected_rows: int, *, scratch: Path,
                            on_chunk: Callable[[int], None] | None = None) -> int:
    """Save ``workbook`` to ``path`` with ``rows`` appended below the rows ``sheet`` already
    holds; returns how many rows were streamed. ``expected_rows`` sizes the sheet's
    dimension; ``on_chunk(rows_done)`` is called every few thousand rows and may raise to
    stop (the caller then discards ``path``)."""
    first = sheet.max_row + 1
    workbook.save(scratch)
    part = sheet.path.lstrip("/")
    count = 0
    with zipfile.ZipFile(scratch) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info.filename),
                                compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = _split_sheet_data(source.read(info.filename).decode("utf-8"))
            last_row = first - 1 + expected_rows
            head = _DIMENSION.sub(f'<dimension ref="A1:{get_column_letter(columns)}{last_row}"/>',
                                  head, count=1)
            with target.open(part, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                buffer: list[str] = []
                for number, values in enumerate(rows, first):
                    buffer.append(streamer.row(number, values))
                    count += 1
                    if len(buffer) >= _CHUNK_ROWS:
                        out.write("".join(buffer).encode("utf-8"))
                        buffer.clear()
                        if on_chunk is not None:
                            on_chunk(count)
                out.write("".join(buffer).encode("utf-8"))
                if on_chunk is not None:
                    on_chunk(count)
                out.write(tail.encode("utf-8"))
    return count


def _split_sheet_data(xml: str) -> tuple[str, str]:
    """The sheet part around the end of its rows: (everything before, everything after)."""
    if "<sheetData/>" in xml:
        head, tail = xml.split("<sheetData/>", 1)
        return head + "<sheetData>", "</sheetData>" + tail
    head, tail = xml.split("</sheetData>", 1)
    return head, "</sheetData>" + tail
