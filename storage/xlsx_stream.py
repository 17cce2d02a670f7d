"""Streaming the rows of very large sheets into a workbook that openpyxl builds.

openpyxl writes the workbook: styles, the other sheets, charts, and each big sheet's title and
header rows, column widths, frozen panes, filter and print set-up. Its per-cell XML writer,
though, costs about 6 µs a cell here (20 s for 100,000 customers x 35 columns), so the body
rows of the big sheets are serialised by :class:`RowStreamer` straight into those sheets'
parts while the package is copied: the same SpreadsheetML openpyxl would write (inline
strings, numbers, style indexes openpyxl registered), about ten times faster, in constant
memory. Every text cell is an inline string, so no user text can ever become a formula; and
text is written losslessly (a carriage return, U+FFFF or a literal ``_x000D_`` read back as
they were), so an exported book imports back unchanged.
"""

from __future__ import annotations

import math
import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from storage.xlsx_style import MAX_CELL_TEXT, wrapped_lines

_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
#: Excel counts 1900 as a leap year: its serial numbers are right from 1900-03-01 on.
_FIRST_SERIAL_DAY = date(1900, 3, 1)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_CHUNK_ROWS = 2_000
_FORMULA_FIRST = frozenset("=+-@\t\r")
_SPACES = frozenset(" \t\r\n\u3000")
#: What SpreadsheetML text cannot hold as it is, written as Excel's ``_xHHHH_`` escape
#: (which Excel, LibreOffice and calamine read back): control characters XML forbids, the
#: carriage return (XML readers turn CR LF into LF), and the ``_`` of a literal ``_xHHHH_``.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
#: What no reader gives back even escaped: lone surrogates (never in the book: SQLite stores
#: UTF-8) and the noncharacters U+FFFE and U+FFFF, written as U+FFFD.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")

_UNKNOWN: Any = object()
_SERIALS_KEPT = 100_000
_TEXTS_KEPT = 20_000

#: Column kinds a streamed sheet knows how to write.
TEXT, NUMBER, DATE, DATETIME = "text", "number", "date", "datetime"


def style_id(ws: Worksheet, **style: Any) -> int:
    """Register a cell style (number_format=..., font=..., quotePrefix=...) in the workbook
    and return the index SpreadsheetML cells refer to with ``s=``."""
    template = Cell(ws, row=1, column=1)  # a template, never placed in the sheet
    for name, value in style.items():
        setattr(template, name, value)
    return int(template.style_id)


def cell_text(text: str) -> str:
    """``text`` as SpreadsheetML holds it losslessly (before XML's own ``&<>`` escapes), cut
    to Excel's limit of characters per cell."""
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT - 1] + "…"
    if _UNWRITABLE.search(text):
        text = _UNWRITABLE.sub("\ufffd", text)
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    return "_x005F_" if character == "_" else f"_x{ord(character):04X}_"


class RowStreamer:
    """Serialises body rows for one sheet: one kind and one style per column."""

    def __init__(self, kinds: Sequence[str], styles: Sequence[int | None],
                 quoted_style: int, wrap: dict[int, int] | None = None) -> None:
        self.columns = [(get_column_letter(i), kind, f' s="{s}"' if s else "")
                        for i, (kind, s) in enumerate(zip(kinds, styles, strict=True), 1)]
        #: Columns (0-based) whose style wraps text, and their widths in column units: a row
        #: whose text there takes more than a line gets the height of its lines, since Excel
        #: does not grow a row for text it did not lay out itself.
        self.wrap = sorted((wrap or {}).items())
        self.quoted = f' s="{quoted_style}"'
        #: Serial numbers of the dates met so far: a book has few distinct days.
        self.serials: dict[tuple[Any, str], int | float | None] = {}
        #: The cells of texts met lately, from the end of their reference on: a customer's
        #: code and name come again on each of its lines, products over and over.
        self.texts: dict[tuple[str, str], str] = {}

    def row(self, number: int, values: Sequence[Any]) -> str:
        n = str(number)
        lines = 1
        for column, width in self.wrap:
            text = values[column] if column < len(values) else None
            if isinstance(text, str) and 2 * len(text) >= width - 1:
                lines = max(lines, wrapped_lines(text, width - 1))
        parts = [f'<row r="{n}" ht="{13.5 * lines + 3:g}" customHeight="1">' if lines > 1
                 else f'<row r="{n}">']
        append = parts.append
        for (letter, kind, style), value in zip(self.columns, values, strict=False):
            if value is None:
                continue
            kind_of_value = type(value)
            if kind_of_value is float and kind != TEXT:
                if math.isfinite(value):
                    append(f'<c r="{letter}{n}"{style}><v>{value!r}</v></c>')
                continue
            if kind_of_value is int and kind != TEXT:
                append(f'<c r="{letter}{n}"{style}><v>{value}</v></c>')
                continue
            if kind in (DATE, DATETIME):
                key = (value, kind)
                serial = self.serials.get(key, _UNKNOWN)
                if serial is _UNKNOWN:
                    serial = _serial(value, kind)
                    if len(self.serials) < _SERIALS_KEPT:
                        self.serials[key] = serial
                if serial is not None:
                    append(f'<c r="{letter}{n}"{style}><v>{serial}</v></c>')
                    continue
                value = _early(value, kind)  # before 1900-03-01: as text
            elif kind_of_value is bool:
                append(f'<c r="{letter}{n}" t="b"{style}><v>{int(value)}</v></c>')
                continue
            tail: str | None
            if kind_of_value is not str:  # a number in a text column, say: as its text
                tail = self._text(str(value), style)
            elif (tail := self.texts.get((value, style))) is None:
                tail = self._text(value, style)
                if len(self.texts) >= _TEXTS_KEPT:
                    self.texts.clear()
                self.texts[(value, style)] = tail
            if tail:
                append(f'<c r="{letter}{n}{tail}')
        append("</row>")
        return "".join(parts)

    def _text(self, text: str, style: str) -> str:
        """A text cell from the end of its reference on ('' for no text): always an inline
        string, whatever it looks like."""
        if not text:
            return ""
        # Printable text (CJK too) needs no escape: every printable character is one XML
        # allows.
        if not text.isprintable() or "_x" in text or len(text) > MAX_CELL_TEXT:
            text = cell_text(text)
        cell_style = self.quoted if text[0] in _FORMULA_FIRST else style
        space = ' xml:space="preserve"' if text[0] in _SPACES or text[-1] in _SPACES else ""
        if "&" in text or "<" in text or ">" in text:
            text = text.translate(_ESCAPES)
        return f'" t="inlineStr"{cell_style}><is><t{space}>{text}</t></is></c>'


def _moment(value: Any, kind: str) -> date | datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value) if kind == DATETIME and len(value) > 10 \
            else date.fromisoformat(value[:10])
    if kind == DATE and isinstance(value, datetime):
        return value.date()
    return value  # type: ignore[no-any-return]


def _serial(value: Any, kind: str) -> int | float | None:
    """The Excel serial number of a date (a whole number) or a date and time (days and the
    fraction of a day); None before 1900-03-01, where Excel's serials go wrong."""
    moment = _moment(value, kind)
    day = moment.date() if isinstance(moment, datetime) else moment
    if day < _FIRST_SERIAL_DAY:
        return None
    whole = day.toordinal() - _EXCEL_EPOCH
    if isinstance(moment, datetime) and (moment.hour or moment.minute or moment.second):
        return whole + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86_400
    return whole


def _early(value: Any, kind: str) -> str:
    moment = _moment(value, kind)
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="minutes")
    return moment.isoformat()


@dataclass
class StreamedSheet:
    """One sheet's body rows, appended below the rows ``sheet`` already holds."""

    sheet: Worksheet
    streamer: RowStreamer
    rows: Iterable[Sequence[Any]]
    columns: int
    expected_rows: int  # sizes the sheet's dimension


def save_with_streamed_sheets(workbook: Workbook, path: Path, sheets: Sequence[StreamedSheet],
                              *, scratch: Path,
                              on_chunk: Callable[[int], None] | None = None) -> list[int]:
    """Save ``workbook`` to ``path`` with each sheet's rows streamed into its part, in the
    order given (which is the workbook's order: several parts may share one cursor); returns
    how many rows each got. ``on_chunk(rows_done)``, rows of every sheet so far, is called
    every few thousand rows and may raise to stop (the caller then discards ``path``)."""
    workbook.save(scratch)
    by_part = {item.sheet.path.lstrip("/"): index for index, item in enumerate(sheets)}
    counts = [0] * len(sheets)
    done = 0
    expected = 0  # the next sheet whose part must come
    with zipfile.ZipFile(scratch) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            index = by_part.get(info.filename)
            if index is None:
                target.writestr(info, source.read(info.filename),
                                compress_type=zipfile.ZIP_DEFLATED)
                continue
            assert index == expected, "streamed sheets come in the workbook's order"
            expected += 1
            item = sheets[index]
            first = item.sheet.max_row + 1
            head, tail = _split_sheet_data(source.read(info.filename).decode("utf-8"))
            last_row = max(first - 1 + item.expected_rows, 1)
            head = _DIMENSION.sub(
                f'<dimension ref="A1:{get_column_letter(max(item.columns, 1))}{last_row}"/>',
                head, count=1)
            with target.open(info.filename, "w", force_zip64=True) as part, \
                    _Beside(part) as out:
                out.write(head.encode("utf-8"))
                buffer: list[str] = []
                row = item.streamer.row
                for number, values in enumerate(item.rows, first):
                    buffer.append(row(number, values))
                    if len(buffer) >= _CHUNK_ROWS:
                        out.write("".join(buffer).encode("utf-8"))
                        counts[index] += len(buffer)
                        done += len(buffer)
                        buffer.clear()
                        if on_chunk is not None:
                            on_chunk(done)
                out.write("".join(buffer).encode("utf-8"))
                counts[index] += len(buffer)
                done += len(buffer)
                if on_chunk is not None:
                    on_chunk(done)
                out.write(tail.encode("utf-8"))
    return counts


class _Beside:
    """Writes a part's chunks on a thread of its own: zlib lets go of the interpreter while
    it compresses, so the next rows are made meanwhile (compressing is a third of the work,
    and laptops have two cores or more). A failed write (a full disk) is raised here, on the
    next chunk or at the end."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="xlsx-deflate", daemon=True)

    def __enter__(self) -> _Beside:
        self.thread.start()
        return self

    def _run(self) -> None:
        while (chunk := self.chunks.get()) is not None:
            if self.error is None:
                try:
                    self.out.write(chunk)
                except BaseException as error:  # handed to the caller's thread
                    self.error = error

    def write(self, chunk: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.chunks.put(chunk)

    def __exit__(self, kind: object, *_: object) -> None:
        self.chunks.put(None)
        self.thread.join()
        if kind is None and self.error is not None:
            raise self.error


def save_with_streamed_rows(workbook: Workbook, sheet: Worksheet, path: Path,
                            streamer: RowStreamer, rows: Iterable[Sequence[Any]],
                            columns: int, expected_rows: int, *, scratch: Path,
                            on_chunk: Callable[[int], None] | None = None) -> int:
    """Save ``workbook`` to ``path`` with ``rows`` appended below the rows ``sheet`` already
    holds (one streamed sheet); returns how many rows were streamed."""
    return save_with_streamed_sheets(
        workbook, path, [StreamedSheet(sheet, streamer, rows, columns, expected_rows)],
        scratch=scratch, on_chunk=on_chunk)[0]


def _split_sheet_data(xml: str) -> tuple[str, str]:
    """The sheet part around the end of its rows: (everything before, everything after)."""
    if "<sheetData/>" in xml:
        head, tail = xml.split("<sheetData/>", 1)
        return head + "<sheetData>", "</sheetData>" + tail
    head, tail = xml.split("</sheetData>", 1)
    return head, "</sheetData>" + tail
