"""Opening an import file: a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) through
:mod:`storage.importer.spreadsheet`, or CSV in any common encoding, with its delimiter and
header row found automatically."""

from __future__ import annotations

import csv
import itertools
import weakref
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from storage.connection import is_open_book_file
from storage.importer import spreadsheet
from storage.importer.columns import ImportKind, header_score
from storage.importer.encodings import detect_encoding, encoding_label
from storage.importer.file_errors import (
    EmptyFileError,
    EncodingBrokenError,
    EncodingUnknownError,
    EncryptedFileError,
    FolderGivenError,
    HeadersOnlyError,
    HiddenSheetsOnlyError,
    ImportFileError,
    NotATableError,
)
from storage.importer.values import cell_text, is_blank, is_total_row

__all__ = ["EmptyFileError", "EncodingUnknownError", "ImportFileError", "NotATableError",
           "TableSource", "guess_kind", "open_table"]

HEADER_SEARCH_ROWS = 30


Rows = Iterator[tuple[int, list[Any]]]


@dataclass
class TableSource:
    """An opened file: its header row and a way to read the rows below it (as often as
    needed: the preview and the import each read them once)."""

    path: Path
    format: str  # "csv", or the spreadsheet's kind: "xlsx", "xlsm", "xlsb", "xls", "ods"
    headers: list[str]
    header_row: int  # 1-based, as the spreadsheet numbers it
    size: int  # bytes of a CSV file, the last row number of a sheet
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    reader: Callable[[TableSource], Rows] | None = None
    #: The first rows (the header among them), read when the file was opened; for a sheet,
    #: the rest may still wait in the reader that parsed it (used by the first ``rows()``;
    #: later ones parse again).
    head_rows: list[tuple[int, list[Any]]] = field(default_factory=list, repr=False)
    waiting: Iterator[list[tuple[int, list[Any]]]] | None = field(default=None, repr=False)
    position: int = 0  # how far ``rows()`` has read, in the unit of ``size``
    #: A CSV file's header row as written, in values (trailing empty ones included): a row
    #: with a value beyond it has more values than the header (see ``ragged_rows``); 0 for a
    #: sheet, whose cells right of the table are its own columns.
    width: int = 0
    rows_read: int = 0  # rows ``rows()`` has given so far

    def rows(self) -> Rows:
        """(row number, cell values) of every row below the header."""
        assert self.reader is not None
        return self.reader(self)


def open_table(path: str | Path, kind: ImportKind, sheet: str | None = None,
               meanwhile: Callable[[], object] | None = None) -> TableSource:
    """The file opened, its header found. ``meanwhile`` runs while a spreadsheet is parsed in
    its child process (first, for a CSV file): an import reads what it needs of the book
    then instead of after."""
    path = Path(path)
    if path.is_dir():
        raise FolderGivenError(str(path))
    if not path.is_file():
        raise ImportFileError(str(path), detail="no such file")
    if is_open_book_file(path):  # reading it here would release this process's locks on it
        raise ImportFileError(str(path), detail="it is the open book itself, not a "
                                                "spreadsheet or CSV file")
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(_OLE_MAGIC):
        if _is_encrypted_package(path):
            raise EncryptedFileError(str(path))
        return _open_sheet(path, "xls", kind, sheet, meanwhile)
    if magic.startswith(b"PK\x03\x04"):
        return _open_sheet(path, _zip_kind(path), kind, sheet, meanwhile)
    if path.stat().st_size == 0:
        raise EmptyFileError(str(path))
    if meanwhile is not None:
        meanwhile()
    return _open_csv(path, kind)


def worksheets(path: str | Path) -> list[tuple[str, bool]]:
    """A workbook's worksheets as (name, visible), none of them parsed; [] for a CSV file
    or a file that cannot be read (opening it says why)."""
    path = Path(path)
    if is_open_book_file(path):  # reading it would release this process's locks on it
        return []
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
        if not magic.startswith((_OLE_MAGIC, b"PK\x03\x04")) or (
                magic.startswith(_OLE_MAGIC) and _is_encrypted_package(path)):
            return []
        return [(info.name, info.visible) for info in spreadsheet.list_sheets(path)
                if info.kind == "WorkSheet"]
    except (OSError, ImportFileError):
        return []


#: Which kind a file is taken for when its headers fit several equally well.
_KIND_PREFERENCE = (ImportKind.TRANSACTIONS, ImportKind.CONTACTS, ImportKind.CUSTOMERS)


def guess_kind(path: str | Path, sheet: str | None = None) -> ImportKind | None:
    """What a file holds, judged from its header row: among the kinds whose required
    columns it has, the one it names the most known columns of (transactions before contacts
    before customers on a tie); None when no kind fits."""
    from storage.importer.columns import auto_map

    source = open_table(path, ImportKind.TRANSACTIONS, sheet)
    best: tuple[int, int] | None = None
    chosen: ImportKind | None = None
    for rank, kind in enumerate(_KIND_PREFERENCE):
        if auto_map(kind, source.headers).missing():
            continue
        key = (header_score(kind, source.headers), -rank)
        if best is None or key > best:
            best, chosen = key, kind
    return chosen


# ---- CSV ---------------------------------------------------------------------------------
def _open_csv(path: Path, kind: ImportKind) -> TableSource:
    encoding = detect_encoding(path, judge=lambda text: _best_header_score(text, kind))
    with path.open(encoding=encoding, newline="") as handle:
        sample = handle.read(64 * 1024)
    delimiter = _delimiter(sample)
    source = TableSource(path=path, format="csv", headers=[], header_row=1,
                         size=path.stat().st_size, encoding=encoding, delimiter=delimiter,
                         reader=_csv_rows)
    first = []
    for number, values in _csv_records(source, skip=0, whole=False):
        first.append((number, values))
        if len(first) >= HEADER_SEARCH_ROWS:
            break
    _choose_header(source, kind, first)
    source.width = next((len(values) for number, values in first
                         if number == source.header_row), 0)
    source.head_rows = first
    if len(first) < HEADER_SEARCH_ROWS:
        _refuse_headers_only(source, first)
    return source


def _best_header_score(text: str, kind: ImportKind) -> int:
    """How many known column names the best of the first lines of ``text`` holds."""
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = _delimiter("\n".join(lines))
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        return 0
    return max((header_score(kind, row) for row in rows), default=0)


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


def _csv_records(source: TableSource, skip: int, whole: bool = True) -> Rows:
    """The file's rows below row ``skip``; ``whole``: all of them are wanted (not only the
    first few), which makes it worth looking for NULs in the whole file first."""
    # The rows pass through C iterators (a million Python resumptions took 0.5 s): the
    # blocks come from the generator below, their rows from chain.
    return itertools.chain.from_iterable(_csv_blocks(source, skip, whole))


#: Rows read at a time, between updates of ``position`` (see run.PROGRESS_EVERY).
_BLOCK = 512
#: Encodings whose text holds a NUL byte for every NUL character, and no other.
_NUL_SAFE_PREFIXES = ("utf-16", "utf_16", "utf-32", "utf_32")


def _csv_blocks(source: TableSource, skip: int,
                whole: bool) -> Iterator[list[tuple[int, list[str]]]]:
    try:
        with source.path.open(encoding=source.encoding, newline="") as handle:
            lines: Iterator[str] = handle
            if not whole or _has_nul(source):  # junk files do; their NULs are dropped
                lines = (line.replace("\0", "") if "\0" in line else line for line in handle)
            reader = csv.reader(lines, delimiter=source.delimiter or ",")
            numbered = zip(itertools.count(1), reader)
            if skip:
                next(itertools.islice(numbered, skip - 1, skip), None)
            while block := list(itertools.islice(numbered, _BLOCK)):
                # The buffer is a BufferedReader; typeshed types it as a protocol
                # without tell().
                source.position = handle.buffer.tell()  # type: ignore[attr-defined]
                yield block
            source.position = source.size
    except csv.Error as error:
        raise NotATableError(str(source.path), detail=str(error)) from None
    except UnicodeDecodeError as error:  # the file changed since its encoding was checked
        raise EncodingBrokenError(str(source.path),
                                  encoding=encoding_label(source.encoding)) from error


def _has_nul(source: TableSource) -> bool:
    """Whether the file's text may hold a NUL character (looked for in its bytes, 0.03 s for
    85 MB, rather than in each of its lines)."""
    if (source.encoding or "").lower().startswith(_NUL_SAFE_PREFIXES):
        return True
    with source.path.open("rb") as handle:  # an import file, never the book
        return any(b"\0" in chunk for chunk in iter(lambda: handle.read(1 << 20), b""))


def _csv_rows(source: TableSource) -> Rows:
    return _csv_records(source, skip=source.header_row)


# ---- spreadsheets -----------------------------------------------------------------------
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: An encrypted .xlsx is an OLE file holding this stream (its name in UTF-16).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _is_encrypted_package(path: Path) -> bool:
    """Excel and WPS wrap a password-protected .xlsx in an OLE container whose directory
    names an ``EncryptedPackage`` stream; an .xls never does."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if _ENCRYPTED_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_STREAM):]
    return False


def _zip_kind(path: Path) -> str:
    """xlsx, xlsm, xlsb or ods from the parts the archive holds (the suffix may lie)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise NotATableError(str(path), detail=type(error).__name__) from None
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names:
        return "ods"
    if "xl/workbook.xml" in names or "xl/workbook2.xml" in names:
        return "xlsm" if path.suffix.lower() == ".xlsm" else "xlsx"
    raise NotATableError(str(path), detail="a zip archive without a workbook in it")


def _open_sheet(path: Path, label: str, kind: ImportKind, sheet: str | None,
                meanwhile: Callable[[], object] | None = None) -> TableSource:
    head = spreadsheet.read_head(path, sheet, meanwhile)
    try:
        best: TableSource | None = None
        best_score = -1
        for sheet_head in head.heads:
            candidate = TableSource(path=path, format=label, headers=[], header_row=1,
                                    size=sheet_head.last_row, sheet=sheet_head.name,
                                    sheets=head.table_names, reader=_sheet_rows,
                                    head_rows=sheet_head.rows)
            score = _choose_header(candidate, kind, sheet_head.rows, required=False)
            if score > best_score:
                best, best_score = candidate, score
        if best is None or not best.headers:
            hidden = [s.name for s in head.sheets if s.kind == "WorkSheet" and not s.visible]
            if hidden and sheet is None:  # only the hidden ones were not read
                raise HiddenSheetsOnlyError(str(path), sheets=", ".join(hidden))
            raise EmptyFileError(str(path))
        if best.size <= HEADER_SEARCH_ROWS:
            _refuse_headers_only(best, best.head_rows)
    except BaseException:
        if head.end_rest is not None:
            head.end_rest()
        raise
    if head.rest is not None and head.end_rest is not None:
        best.waiting = head.rest  # one sheet was read: its reader holds the rest of its rows
        weakref.finalize(best, head.end_rest)  # an opened file never read ends its reader
    return best


def _sheet_rows(source: TableSource) -> Rows:
    # In blocks, through C iterators: no Python step per row (see _csv_records).
    return itertools.chain.from_iterable(_sheet_blocks(source))


def _sheet_blocks(source: TableSource) -> Iterator[list[tuple[int, list[Any]]]]:
    assert source.sheet is not None
    waiting, source.waiting = source.waiting, None
    if waiting is not None:
        blocks: Iterator[list[tuple[int, list[Any]]]] = itertools.chain(
            [[(n, v) for n, v in source.head_rows if n > source.header_row]], waiting)
    else:
        def sized(last_row: int) -> None:
            source.size = last_row

        blocks = spreadsheet.read_blocks(source.path, source.sheet, source.header_row,
                                         on_size=sized)
    for block in blocks:
        if block:
            source.position = block[-1][0]
        yield block
    source.position = source.size


def rows_below_header(source: TableSource) -> list[list[Any]]:
    """The rows under the header among those read when the file was opened."""
    return [values for number, values in source.head_rows if number > source.header_row]


def ragged_rows(source: TableSource, rows: list[tuple[int, list[Any]]]
                ) -> list[tuple[int, list[Any]]]:
    """The rows of a CSV file with a value beyond its header row's last column: a value
    holding the delimiter without quotes (1,200 in a comma-separated file) split in two and
    moved the row's later values one column on. Empty values there (a trailing delimiter)
    are harmless. One look in C per block when no row is longer than the header."""
    width = source.width
    if not width or max(map(len, map(_VALUES, rows)), default=0) <= width:
        return []
    # A total row is skipped as one, whatever its width (the handler looks for the total
    # words in its date and money columns, after this).
    return [row for row in rows if len(row[1]) > width
            and any(str(value).strip() for value in row[1][width:])
            and not is_total_row(row[1])]


_VALUES = itemgetter(1)


def _refuse_headers_only(source: TableSource, rows: list[tuple[int, list[Any]]]) -> None:
    """A file whose every row is known (it is short) and holds nothing below its header."""
    if all(is_blank(values) for number, values in rows if number > source.header_row):
        raise HeadersOnlyError(str(source.path), headers=", ".join(h for h in source.headers
                                                                     if h))


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

