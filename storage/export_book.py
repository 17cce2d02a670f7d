"""Export the whole book as one workbook, so that no one is locked in: a sheet per kind of
record (customers, contacts, transactions, interactions, needs, assessments, account plans and
their objectives, support, actions and reviews) under the headers the importer reads, which
``keyplan import book`` (File → Import all data…) reads back into an empty book as the same
records.

Every sheet's rows are streamed (:mod:`storage.xlsx_stream`): a million sales lines take
seconds and little memory. A sheet holds at most 1,048,575 records (Excel's 1,048,576 rows,
less the header); beyond that the rest go on "Transactions (2)" and so on, which the import
reads too. The reads share one snapshot of the book, and the file is written beside the
target and renamed when complete (:func:`storage.export_files.atomic_write`).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Generator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from storage.base import DatabaseBase
from storage.export_book_sheets import CUSTOMER_ORDER_SQL, SHEETS, BookSheet
from storage.export_files import ExportCancelled, ExportResult, Progress, atomic_write
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_stream import RowStreamer, StreamedSheet, save_with_streamed_sheets, style_id
from storage.xlsx_style import HEADER_ALIGN, HEADER_FILL, HEADER_FONT, fit_columns, put

#: Records per sheet: Excel's 1,048,576 rows less the header row.
MAX_SHEET_ROWS = 1_048_575


def export_book(db: DatabaseBase, path: str | Path, *, lang: str | None = None,
                progress: Progress | None = None) -> ExportResult:
    """Write every live record of the book to ``path``; ``progress(done, total)`` (records)
    returning False cancels: no file is written and the previous one is kept."""
    started = time.perf_counter()
    labels = Labels(lang)
    with db.read_snapshot():
        counts = [int(db.scalar(sheet.count_sql) or 0) for sheet in SHEETS]
        total = sum(counts)
        workbook = Workbook()
        workbook.remove(workbook.worksheets[0])  # every sheet is one of ours
        parts: list[tuple[BookSheet, Worksheet, int]] = []
        for sheet, count in zip(SHEETS, counts, strict=True):
            for piece, rows in enumerate(_pieces(count)):
                name = labels(sheet.name)
                if piece:
                    name = labels("sheet.part", sheet=name, part=piece + 1)
                ws = workbook.create_sheet(sheet_name(name))
                _header(ws, labels, sheet, rows)
                parts.append((sheet, ws, rows))

        def on_chunk(done: int) -> None:
            if progress is not None and not progress(done, total):
                raise ExportCancelled()

        def write(temporary: Path) -> None:
            shared: dict[str, Generator[Sequence[Any], None, None]] = {}
            streamed = []
            for sheet, ws, rows in parts:
                # The pieces of one kind read one query, each taking its share in turn.
                source = shared.setdefault(sheet.name, _records(db, sheet, labels))
                streamed.append(StreamedSheet(ws, _streamer(ws, sheet), islice(source, rows),
                                              len(sheet.columns), rows))
            try:
                with tempfile.TemporaryDirectory(dir=temporary.parent,
                                                 prefix=".keyplan-") as scratch:
                    save_with_streamed_sheets(workbook, temporary, streamed,
                                              scratch=Path(scratch) / "skeleton.xlsx",
                                              on_chunk=on_chunk)
            finally:
                for source in shared.values():  # a cancel or a failure leaves them half read
                    source.close()

        target = atomic_write(path, write)
    if progress is not None:
        progress(total, total)
    return ExportResult(path=target, sheets=workbook.sheetnames, rows=total,
                        seconds=time.perf_counter() - started)


def _pieces(count: int) -> list[int]:
    """How many records each sheet of a kind holds (one sheet, empty or not, at least)."""
    if count <= MAX_SHEET_ROWS:
        return [count]
    full, rest = divmod(count, MAX_SHEET_ROWS)
    return [MAX_SHEET_ROWS] * full + ([rest] if rest else [])


def _records(db: DatabaseBase, sheet: BookSheet,
             labels: Labels) -> Generator[Sequence[Any], None, None]:
    """The sheet's rows as cells, read when the first is wanted."""
    if sheet.per_customer:
        for code, name, customer_id in db.conn.execute(CUSTOMER_ORDER_SQL).fetchall():
            for row in db.conn.execute(sheet.sql, [customer_id]):
                yield (code, name, *row, customer_id)
        return
    cursor = db.conn.execute(sheet.sql)
    if sheet.cells is None:
        yield from cursor
        return
    cells = sheet.cells(labels)
    for row in cursor:
        yield cells(row)


def _header(ws: Worksheet, labels: Labels, sheet: BookSheet, rows: int) -> None:
    for column, spec in enumerate(sheet.columns, 1):
        put(ws, 1, column, labels(spec.label), font=HEADER_FONT, align=HEADER_ALIGN,
            fill=HEADER_FILL)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "C2"  # the customer's code and name stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{rows + 1}"
    fit_columns(ws, {column: spec.width for column, spec in enumerate(sheet.columns, 1)})


def _streamer(ws: Worksheet, sheet: BookSheet) -> RowStreamer:
    styles = [style_id(ws, number_format=spec.number_format) if spec.number_format else None
              for spec in sheet.columns]
    return RowStreamer([spec.kind for spec in sheet.columns], styles,
                       style_id(ws, quotePrefix=True))
