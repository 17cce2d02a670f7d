"""Opening an import file: .xlsx through openpyxl's read-only mode, or CSV in UTF-8 (with or
without BOM), UTF-16 or GBK/GB18030, with its delimiter and header row found automatically."""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.validation import tr_noop
from storage.connection import is_open_book_file
from storage.errors import StorageError
from storage.importer.columns import ImportKind, header_score
from storage.importer.values import cell_text, is_blank

HEADER_SEARCH_ROWS = 30
_DETECT_CHUNK = 1 << 20


class ImportFileError(StorageError):
    message = tr_noop("Could not read {path}: {detail}")


class EncodingUnknownError(ImportFileError):
    message = tr_noop("{path} is neither UTF-8 nor GBK/GB18030 text. Save it as CSV UTF-8 or "
                      "as an .xlsx workbook and try again.")


class NotATableError(ImportFileError):
    message = tr_noop("{path} is not a readable .xlsx workbook or CSV file ({detail}).")


class OldExcelError(ImportFileError):
    message = tr_noop("{path} is an old .xls workbook. Open it in Excel or LibreOffice and save "
                      "it as .xlsx, then import that file.")


class SheetNotFoundError(ImportFileError):
    message = tr_noop("{path} has no sheet '{sheet}'. Its sheets: {sheets}.")


class EmptyFileError(ImportFileError):
    message = tr_noop("{path} holds no rows to import.")


Rows = Iterator[tuple[int, list[Any]]]


@dataclass
class TableSource:
    """An opened file: its header row and a way to read the rows below it (as often as
    needed: the preview and the import each read them once)."""

    path: Path
    format: str  # "csv" or "xlsx"
    headers: list[str]
    header_row: int  # 1-based, as the spreadsheet numbers it
    size: int  # bytes of a CSV file, rows of a sheet (0 when the sheet does not say)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    reader: Callable[[TableSource], Rows] | None = None
    position: int = 0  # how far ``rows()`` has read, in the unit of ``size``
    rows_read: int = 0  # rows ``rows()`` has given so far

    def rows(self) -> Rows:
        """(row number, cell values) of every row below the header."""
        assert self.reader is not None
        return self.reader(self)


def open_table(path: str | Path, kind: ImportKind, sheet: str | None = None) -> TableSource:
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(str(path), detail="no such file")
    if is_open_book_file(path):  # reading it here would release this process's locks on it
        raise ImportFileError(str(path), detail="it is the open book itself, not a "
                                                "spreadsheet or CSV file")
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise OldExcelError(str(path))
    if magic.startswith(b"PK"):
        return _open_xlsx(path, kind, sheet)
    if path.stat().st_size == 0:
        raise EmptyFileError(str(path))
    return _open_csv(path, kind)


# ---- CSV ---------------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """BOM first; then the whole file must decode as strict UTF-8, else as GB18030 (a
    superset of GBK and GB2312)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    candidates: tuple[str, ...] = ("utf-8", "gb18030")
    if head.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_DETECT_CHUNK):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise EncodingUnknownError(str(path))


def _open_csv(path: Path, kind: ImportKind) -> TableSource:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        sample = handle.read(64 * 1024)
    delimiter = _delimiter(sample)
    source = TableSource(path=path, format="csv", headers=[], header_row=1,
                         size=path.stat().st_size, encoding=encoding, delimiter=delimiter,
                         reader=_csv_rows)
    first = []
    for number, values in _csv_records(source, skip=0):
        first.append((number, values))
        if len(first) >= HEADER_SEARCH_ROWS:
            break
    _choose_header(source, kind, first)
    return source


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    best, best_score = ",", 0
    for candidate in (",", ";", "\t", "|"):
        counts = [line.count(candidate) for line in lines]
        if not counts or max(counts) == 0:
            continue
        # A real delimiter appears about equally often on most lines.
        steady = max(counts.count(c) for c in set(counts) if c)
        score = steady * 10 + max(counts)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _csv_records(source: TableSource, skip: int) -> Rows:
    try:
        with source.path.open(encoding=source.encoding, newline="") as handle:
            # The csv module refuses NUL characters; junk files do contain them.
            lines = (line.replace("\0", "") if "\0" in line else line for line in handle)
            reader = csv.reader(lines, delimiter=source.delimiter or ",")
            for number, values in enumerate(reader, 1):
                if number <= skip:
                    continue
                if number % 1024 == 0:
                    # The buffer is a BufferedReader; typeshed types it as a protocol
                    # without tell().
                    source.position = handle.buffer.tell()  # type: ignore[attr-defined]
                yield number, values
            source.position = source.size
    except csv.Error as error:
        raise NotATableError(str(source.path), detail=str(error)) from None
    except UnicodeDecodeError as error:
        raise EncodingUnknownError(str(source.path)) from error


def _csv_rows(source: TableSource) -> Rows:
    return _csv_records(source, skip=source.header_row)


# ---- XLSX --------------------------------------------------------------------------------
def _load(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError) as error:
        raise NotATableError(str(path), detail=type(error).__name__) from None
    except Exception as error:  # openpyxl raises many kinds on a damaged package
        raise NotATableError(str(path), detail=type(error).__name__) from None


def _open_xlsx(path: Path, kind: ImportKind, sheet: str | None) -> TableSource:
    workbook = _load(path)
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise SheetNotFoundError(str(path), sheet=sheet, sheets=", ".join(names))
        best: TableSource | None = None
        best_score = -1
        for name in ([sheet] if sheet is not None else names):
            ws = workbook[name]
            first = list(_sheet_rows(path, ws, 0, limit=HEADER_SEARCH_ROWS))
            candidate = TableSource(path=path, format="xlsx", headers=[], header_row=1,
                                    size=int(getattr(ws, "max_row", 0) or 0), sheet=name,
                                    sheets=names, reader=_xlsx_rows)
            score = _choose_header(candidate, kind, first, required=False)
            if score > best_score:
                best, best_score = candidate, score
    finally:
        workbook.close()
    if best is None or not best.headers:
        raise EmptyFileError(str(path))
    return best


def _sheet_rows(path: Path, ws: Any, skip: int, limit: int | None = None,
                source: TableSource | None = None) -> Rows:
    try:
        for number, values in enumerate(ws.iter_rows(min_row=skip + 1, values_only=True),
                                        skip + 1):
            if limit is not None and number > limit:
                return
            if source is not None and number % 1024 == 0:
                source.position = number
            yield number, list(values)
    except ImportFileError:
        raise
    except Exception as error:  # damaged sheet XML; see _load
        raise NotATableError(str(path), detail=type(error).__name__) from None


def _xlsx_rows(source: TableSource) -> Rows:
    workbook = _load(source.path)
    try:
        yield from _sheet_rows(source.path, workbook[source.sheet], source.header_row,
                               source=source)
        source.position = source.size
    finally:
        workbook.close()


# ---- header ------------------------------------------------------------------------------
def _choose_header(source: TableSource, kind: ImportKind, first: list[tuple[int, list[Any]]],
                   required: bool = True) -> int:
    """Take the row among the first few that names the most known fields (title rows above
    a table are common); without any, the first non-blank row."""
    best_number, best_values, best_score = 0, None, 0
    for number, values in first:
        score = header_score(kind, values)
        if score > best_score:
            best_number, best_values, best_score = number, values, score
    if best_values is None:
        filled = [(n, v) for n, v in first if not is_blank(v)]
        if not filled:
            if required:
                raise EmptyFileError(str(source.path))
            return -1
        best_number, best_values = filled[0]
    headers = [cell_text(v) for v in best_values]
    while headers and not headers[-1]:
        headers.pop()
    source.headers, source.header_row = headers, best_number
    return best_score

