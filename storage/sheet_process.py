"""Read one spreadsheet in a process of its own: ``python -m storage.sheet_process MODE PATH
SHEET SKIP LIMIT_MB``.

calamine (Rust) reads .xlsx, .xlsm, .xlsb, .xls and .ods fast, but it allocates the whole
rectangle a sheet's cells span before giving a row back: one stray cell at XFD1048576 asks for
hundreds of gigabytes and a failed allocation aborts the process. So the parsing happens here,
under a memory limit, after cheap checks of the archive's expanded size and of the sheet's real
extent; the app reads the rows from this process's standard output and turns a crash into a
message. Only the standard library and python_calamine are imported: the child starts in
about 50 ms.

Output: pickled frames, one after the other (the parent is this program, so pickle is safe):

- ``("sheets", [(name, kind, visible), ...])`` first (all of mode ``sheets``);
- mode ``head``: ``("head", name, last_row, rows)`` for each readable sheet (or the one
  named), with its first ``HEAD_ROWS`` rows, then ``("heads_done", more)``; with only one
  sheet to read, ``more`` is True and the rest of its rows follow as in mode ``rows`` (the
  app reads them when it imports, without a second parse);
- mode ``rows``: ``("size", last_row)``, then ``("rows", first_row_number, rows)`` chunks,
  then ``("end",)``;
- on a problem: ``("error", code, detail)`` and exit status 0.

Rows are lists of cell values padded on the left to column A (trailing empty cells dropped),
numbered from 1 as the spreadsheet numbers them; merged cells carry the value of their
top-left cell.
"""

from __future__ import annotations

import functools
import pickle
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

HEAD_ROWS = 30
CHUNK_ROWS = 2_000
#: A sheet spanning more cells than this is refused before calamine allocates it: about
#: 32 bytes a cell, so roughly 640 MB (a million rows of twenty columns still fits).
MAX_CELLS = 20_000_000
#: An archive may expand to this many times its size (XML compresses 10-30 times; a
#: decompression bomb, thousands) ...
MAX_RATIO = 200
#: ... and never beyond this, whatever its size.
MAX_EXPANDED = 2 << 30
#: Below this, any ratio is harmless.
SMALL_EXPANDED = 64 << 20

# Literal prefixes keep these fast (0.1 s for 800,000 cells); they match ``<c`` and ``<x:c``.
_CELL_REF = re.compile(rb'c r="([A-Z]{1,3})\d')
_ROW_REF = re.compile(rb'row [^>]*?\br="(\d{1,7})"')


class SheetProblem(Exception):
    """What to tell the app instead of reading: a short code and its detail."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code, self.detail = code, detail


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    mode, path, sheet, skip, limit_mb = args[0], args[1], args[2] or None, int(args[3]), \
        int(args[4])
    _limit_memory(limit_mb)
    out = sys.stdout.buffer
    try:
        _run(out, mode, path, sheet, skip)
    except SheetProblem as problem:
        _send(out, ("error", problem.code, problem.detail))
    except MemoryError:
        _send(out, ("error", "memory", ""))
    return 0


def _limit_memory(limit_mb: int) -> None:
    """Cap this process's address space (POSIX): an allocation beyond it fails here, in the
    child, instead of pushing the laptop into swap. Windows has no such limit without a job
    object; there the extent and archive checks stand alone."""
    if limit_mb <= 0:
        return
    try:
        import resource
    except ImportError:
        return
    limit = limit_mb << 20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _send(out: BinaryIO, frame: tuple[Any, ...]) -> None:
    pickle.dump(frame, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def _run(out: BinaryIO, mode: str, path: str, sheet: str | None, skip: int) -> None:
    archive = _archive(path)
    if archive is not None:
        _check_expansion(archive, path)
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_path(path)
    except calamine.PasswordError:
        raise SheetProblem("password") from None
    except (calamine.CalamineError, OSError, ValueError) as error:
        raise SheetProblem("format", _short(error)) from None
    sheets = [(m.name, str(m.typ).rpartition(".")[2],
               m.visible == calamine.SheetVisibleEnum.Visible) for m in workbook.sheets_metadata]
    _send(out, ("sheets", sheets))
    if mode == "sheets":
        return
    if sheet is not None:
        if sheet not in [name for name, _kind, _visible in sheets]:
            raise SheetProblem("no_sheet", sheet)
        names = [sheet]
    else:
        names = [name for name, kind, visible in sheets if kind == "WorkSheet" and visible]
    for name in names:
        kind = next(k for n, k, _v in sheets if n == name)
        if kind == "ChartSheet":
            raise SheetProblem("chart_sheet", name)
        if archive is not None:
            _check_extent(archive, name)
        try:
            data = workbook.get_sheet_by_name(name)
        except calamine.PasswordError:
            raise SheetProblem("password") from None
        except (calamine.CalamineError, ValueError) as error:
            raise SheetProblem("format", _short(error)) from None
        last_row = data.end[0] + 1 if data.end is not None else 0
        rows = _numbered(data, _merges(data, archive, name))
        if mode == "head":
            head: list[tuple[int, list[Any]]] = []
            for number, values in rows:
                head.append((number, values))
                if number >= HEAD_ROWS:
                    break
            _send(out, ("head", name, last_row, head))
            if len(names) == 1:
                # The one table the app will read: go on with its rows, so that it is not
                # parsed a second time (the app reads them when it is ready, or ends us).
                _send(out, ("heads_done", True))
                _stream(out, last_row, rows, skip=HEAD_ROWS)
                return
            continue
        _stream(out, last_row, rows, skip=skip)
        return
    _send(out, ("heads_done", False))
    if archive is not None:
        archive.close()


def _stream(out: BinaryIO, last_row: int, rows: Iterator[tuple[int, list[Any]]],
            skip: int) -> None:
    _send(out, ("size", last_row))
    chunk: list[list[Any]] = []
    first = skip + 1
    for number, values in rows:
        if number <= skip:
            continue
        if not chunk:
            first = number
        chunk.append(values)
        if len(chunk) >= CHUNK_ROWS:
            _send(out, ("rows", first, chunk))
            chunk = []
    if chunk:
        _send(out, ("rows", first, chunk))
    _send(out, ("end",))


Merge = tuple[tuple[int, int], tuple[int, int]]  # (first row, first column), (last ...)


def _merges(data: Any, archive: zipfile.ZipFile | None, name: str) -> list[Merge]:
    """The sheet's merged ranges (0-based, inclusive): calamine's, or for an OpenDocument
    sheet (for which it reports none) those its content.xml declares."""
    merges: list[Merge] = list(data.merged_cell_ranges or [])
    if merges or archive is None or "content.xml" not in archive.namelist():
        return merges
    return _ods_merges(archive, name)


#: A cell spanning more than one row or column in an OpenDocument sheet.
_ODS_SPAN = re.compile(rb'number-(?:rows|columns)-spanned="(?:[2-9]|[1-9]\d)')
_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(archive: zipfile.ZipFile, name: str) -> list[Merge]:
    """The merged ranges of sheet ``name`` of an .ods: its cells with
    ``table:number-rows-spanned`` or ``-columns-spanned`` above 1, placed by counting rows
    and cells (repeats included, never expanded). The XML is looked through for a span first
    and parsed only when it has one."""
    from xml.etree import ElementTree

    with archive.open("content.xml") as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            if _ODS_SPAN.search(tail + chunk):
                break
            tail = chunk[-64:]
        else:
            return []
    t = _TABLE_NS
    merges: list[Merge] = []
    parser: Any = ElementTree.XMLPullParser(("start", "end"))
    stack: list[Any] = []
    inside = done = False
    row = column = cell_depth = 0
    with archive.open("content.xml") as stream:
        while not done and (chunk := stream.read(1 << 20)):
            parser.feed(chunk)
            for event, element in parser.read_events():
                tag = element.tag
                if event == "start":
                    stack.append(element)
                    if tag == f"{t}table" and not inside and element.get(f"{t}name") == name:
                        inside, row = True, 0
                    elif inside and tag == f"{t}table-row" and not cell_depth:
                        column = 0
                    elif inside and tag in (f"{t}table-cell", f"{t}covered-table-cell"):
                        if not cell_depth:
                            rows = int(element.get(f"{t}number-rows-spanned") or 1)
                            columns = int(element.get(f"{t}number-columns-spanned") or 1)
                            if rows > 1 or columns > 1:
                                merges.append(((row, column),
                                               (row + rows - 1, column + columns - 1)))
                        cell_depth += 1
                    continue
                stack.pop()
                if tag == f"{t}table-row" and not cell_depth:
                    row += int(element.get(f"{t}number-rows-repeated") or 1)
                    if stack:
                        stack[-1].remove(element)  # a long sheet is not kept in memory
                elif not inside:
                    continue
                elif tag in (f"{t}table-cell", f"{t}covered-table-cell"):
                    cell_depth -= 1
                    if not cell_depth:
                        column += int(element.get(f"{t}number-columns-repeated") or 1)
                elif tag == f"{t}table":
                    done = True
                    break
    return merges


def _numbered(data: Any, merges: list[Merge]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values from column A) with merged ranges filled from their top-left cell.

    python-calamine's ``iter_rows`` starts at row 1 but at the first used column (checked
    by the tests for every format)."""
    start_col = data.start[1] if data.start is not None else 0
    pad = [""] * start_col
    merges = sorted(merges)
    pending = 0  # merges[:pending] have begun
    active: list[tuple[int, int, int, Any]] = []  # (last row, first col, last col, value)
    for index, values in enumerate(data.iter_rows()):
        row = pad + values if start_col else values
        if merges or active:
            while pending < len(merges) and merges[pending][0][0] <= index:
                (r0, c0), (r1, c1) = merges[pending]
                if r0 == index and c0 < len(row):
                    active.append((r1, c0, c1, row[c0]))
                pending += 1
            if active:
                for _last, c0, c1, value in active:
                    for col in range(c0, min(c1, len(row) - 1) + 1):
                        row[col] = value
                active = [merge for merge in active if merge[0] > index]
        while row and row[-1] == "":  # a stray far cell pads every row to its column
            row.pop()
        yield index + 1, row


# ---- checks before calamine allocates ---------------------------------------------------
def _archive(path: str) -> zipfile.ZipFile | None:
    try:
        with open(path, "rb") as handle:  # an import file, never the book (the app checks)
            magic = handle.read(4)
    except OSError as error:
        raise SheetProblem("os", _short(error)) from None
    if magic != b"PK\x03\x04":
        return None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise SheetProblem("format", _short(error)) from None


def _check_expansion(archive: zipfile.ZipFile, path: str) -> None:
    """Refuse a decompression bomb: the sizes the archive declares, and (below) the bytes
    actually read from a sheet, against its own size."""
    import os

    packed = max(os.path.getsize(path), 1)
    expanded = sum(info.file_size for info in archive.infolist())
    if expanded > _expansion_cap(packed):
        raise SheetProblem("bomb", f"{expanded}:{packed}")


def _expansion_cap(packed: int) -> int:
    return min(MAX_EXPANDED, max(SMALL_EXPANDED, packed * MAX_RATIO))


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The XML part of sheet ``name`` in an .xlsx/.xlsm (None for .xlsb and .ods)."""
    import posixpath
    from xml.etree import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rid = None
    for element in book.iter():
        if element.tag.endswith("}sheet") and element.get("name") == name:
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
    for element in rels.iter():
        if element.tag.endswith("}Relationship") and element.get("Id") == rid:
            target = element.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    return None


def _check_extent(archive: zipfile.ZipFile, name: str) -> None:
    """Scan the sheet's XML for the cells it really holds (its ``<dimension>`` is often wrong
    and calamine ignores it) and refuse a rectangle of more than MAX_CELLS."""
    part = _sheet_part(archive, name)
    if part is None:
        return
    try:
        info = archive.getinfo(part)
    except KeyError:
        return
    cap = _expansion_cap(max(info.compress_size, 1))
    try:
        _scan(archive, info, name, cap)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise SheetProblem("damaged", _short(error)) from None


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, cap: int) -> None:
    """The sheet part read in 1 MB steps, never whole: its rows and columns kept, stopped
    once it unpacks past ``cap``."""
    first_row = first_col = sys.maxsize
    last_row = last_col = 0
    read = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            read += len(chunk)
            if read > cap and read > SMALL_EXPANDED:
                raise SheetProblem("bomb", f"{read}:{info.compress_size}")
            text = tail + chunk
            cut = text.rfind(b"<")
            text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            first = _ROW_REF.search(text)
            if first:
                numbers = [int(first[1]), int(_last_row_ref(text, first.start())[1])]
                first_row, last_row = min(first_row, *numbers), max(last_row, *numbers)
            first_col, last_col = _column_span(text, first_col, last_col)
            if len(tail) > 4096:  # a tag that long is not a cell reference
                tail = b""
    if last_row and last_col:
        cells = (last_row - first_row + 1) * (last_col - first_col + 1)
        if cells > MAX_CELLS:
            raise SheetProblem("extent", f"{name}:{_column_name(last_col)}{last_row}:{cells}")


def _last_row_ref(text: bytes, first: int) -> re.Match[bytes]:
    """The last row reference in ``text`` (at or after the one at ``first``), looked for
    backwards from its end: what ``findall`` would list last, without listing every row of
    the chunk (100,000 rows of a 44 MB sheet: 0.05-0.07 s)."""
    end = len(text)
    while (place := text.rfind(b"row ", first, end)) > first:
        found = _ROW_REF.match(text, place)
        if found:
            return found
        end = place
    found = _ROW_REF.match(text, first)
    assert found is not None  # the first reference, found by search()
    return found


def _column_span(text: bytes, first: int, last: int) -> tuple[int, int]:
    """The first and last column numbers, widened by the cells of ``text``. Within A:Z, a
    search for a cell right of the last column seen (and one left of the first) instead of a
    list of every cell: 0.05 s instead of 0.2-0.3 s for 800,000 cells. A wider sheet lists
    them."""
    while last <= _LETTERS:
        found = _cells_after(last).search(text)
        if found is None:
            break
        number = _column_number(found[1])
        first, last = min(first, number), number
    while last <= _LETTERS and 1 < first <= _LETTERS:
        found = _cells_before(first).search(text)
        if found is None:
            break
        first = _column_number(found[1])
    if last > _LETTERS:
        numbers = [_column_number(letters) for letters in set(_CELL_REF.findall(text))]
        if numbers:
            first, last = min(first, *numbers), max(last, *numbers)
    return first, last


_LETTERS = 26  # columns A to Z: named by one letter


@functools.cache
def _cells_after(column: int) -> re.Pattern[bytes]:
    """A cell right of ``column`` (0 to 26): a later single letter, or two or three."""
    if column == 0:
        return _CELL_REF
    later = f"[{chr(65 + column)}-Z]|" if column < _LETTERS else ""
    return re.compile(rf'c r="({later}[A-Z]{{2,3}})\d'.encode())


@functools.cache
def _cells_before(column: int) -> re.Pattern[bytes]:
    """A cell left of ``column`` (2 to 26): an earlier single letter."""
    return re.compile(rf'c r="([A-{chr(63 + column)}])\d'.encode())


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def _column_name(number: int) -> str:
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


if __name__ == "__main__":
    sys.exit(main())
