"""Every spreadsheet format through one reader (python-calamine in a child process), and the
hostile files that must end with a message within seconds, never with a crash or a hang."""

from __future__ import annotations

import gc
import re
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.entities import Customer
from storage.database import Database
from storage.importer import ImportKind, open_table, preview_import, run_import, spreadsheet
from storage.importer.file_errors import (
    ArchiveBombError,
    ChartSheetError,
    DamagedWorkbookError,
    EncryptedFileError,
    FolderGivenError,
    HeadersOnlyError,
    NotATableError,
    SheetExtentError,
    SheetNotFoundError,
    SheetTooLargeError,
)
from storage.importer.sources import guess_kind

CORPUS = Path(__file__).parent / "corpus"
TX = ImportKind.TRANSACTIONS


def _sales_xlsx(path: Path) -> Path:
    """The workbook tests/corpus/sales.xls and .ods were converted from (see its README)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "销售明细"
    ws["B1"] = "2026年5月销售明细"
    for column, header in zip("BCDEF", ["区域", "客户编号", "客户名称", "日期", "金额"],
                              strict=True):
        ws[f"{column}3"] = header
    rows = [("华东", "A1", "华东机械", date(2026, 5, 1), 1234.5),
            (None, "A1", "华东机械", date(2026, 5, 8), 2000),
            (None, "B1", "北方贸易", date(2026, 5, 9), 300.25),
            ("华南", "C1", "南方电子", date(2026, 5, 10), 88)]
    for number, row in enumerate(rows, start=4):
        for offset, value in enumerate(row):
            if value is not None:
                ws.cell(row=number, column=2 + offset, value=value)
    ws.merge_cells("B4:B6")
    hidden = workbook.create_sheet("隐藏")
    hidden["A1"] = "备注"
    hidden.sheet_state = "hidden"
    workbook.save(path)
    return path


@pytest.fixture
def book(fresh_db: Database) -> Database:
    for code, name in (("A1", "华东机械"), ("B1", "北方贸易"), ("C1", "南方电子")):
        fresh_db.add(Customer(name=name, code=code))
    return fresh_db


@pytest.mark.parametrize("name", ["sales.xlsx", "sales.xls", "sales.ods", "sales.xlsb"])
def test_each_format_gives_the_same_table(tmp_path: Path, name: str) -> None:
    path = _sales_xlsx(tmp_path / name) if name.endswith(".xlsx") else CORPUS / name
    source = open_table(path, TX)
    assert source.format == name.rpartition(".")[2]
    assert (source.sheet, source.header_row) == ("销售明细", 3)
    assert source.sheets == ["销售明细", "隐藏"]  # the hidden sheet is listed, not chosen
    assert source.headers == ["", "区域", "客户编号", "客户名称", "日期", "金额"]  # from column A
    rows = list(source.rows())
    assert [number for number, _values in rows] == [4, 5, 6, 7]
    first = rows[0][1]
    assert first[1:5] == ["华东", "A1", "华东机械", date(2026, 5, 1)] and first[5] == 1234.5
    assert rows[3][1][1] == "华南" and rows[2][1][5] == pytest.approx(300.25)
    # Merged cells carry their top-left value down (an .ods's read from its content.xml:
    # calamine reports none).
    assert [values[1] for _number, values in rows] == ["华东", "华东", "华东", "华南"]
    assert source.position == source.size == 7
    assert list(source.rows()) == rows  # read again: parsed again, the same rows


_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
    "</office:document-content>")


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>")


def _ods_cell(value: object, extra: str = "") -> str:
    if value is None:
        return f"<table:table-cell{extra}/>"
    kind = "float" if isinstance(value, int | float) else "string"
    number = f' office:value="{value}"' if kind == "float" else ""
    return (f'<table:table-cell office:value-type="{kind}"{number}{extra}><text:p>{value}'
            "</text:p></table:table-cell>")


def _ods_row(*cells: str, repeated: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{times}>{''.join(cells)}</table:table-row>"


def test_merged_cells_of_an_ods_sheet_are_filled(tmp_path: Path) -> None:
    """calamine reports no merged ranges for OpenDocument: they are read from content.xml,
    counting repeated rows and cells (never expanded), on the sheet asked for only."""
    covered = "<table:covered-table-cell/>"
    other = _ods_row(_ods_cell("x"), _ods_cell("y", ' table:number-rows-spanned="5"'))
    sales = "".join([
        _ods_row(_ods_cell("区域"), _ods_cell("客户编号"), _ods_cell("金额")),
        _ods_row(_ods_cell(None, ' table:number-columns-repeated="3"'), repeated=2),
        _ods_row(_ods_cell("华东", ' table:number-rows-spanned="3"'), _ods_cell("A1"),
                 _ods_cell(10)),
        _ods_row(covered, _ods_cell("A1"), _ods_cell(20)),
        _ods_row(covered, _ods_cell("B1"), _ods_cell(25)),
        _ods_row(_ods_cell("两列", ' table:number-columns-spanned="2"'), covered,
                 _ods_cell(30)),
        _ods_row(_ods_cell("华南"), _ods_cell("C1"), _ods_cell(40))])
    tables = "".join(f'<table:table table:name="{name}">{rows}</table:table>'
                     for name, rows in (("其他", other), ("销售", sales)))
    path = tmp_path / "merged.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _ODS_CONTENT.format(tables=tables))
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
    source = open_table(path, TX, sheet="销售")
    assert source.format == "ods" and source.headers == ["区域", "客户编号", "金额"]
    assert [(n, v) for n, v in source.rows() if v] == [
        (4, ["华东", "A1", 10.0]), (5, ["华东", "A1", 20.0]), (6, ["华东", "B1", 25.0]),
        (7, ["两列", "两列", 30.0]), (8, ["华南", "C1", 40.0])]


def test_an_opened_sheet_never_read_ends_its_reader(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader that parsed the one sheet waits with its rows for the import; a file
    opened and then dropped (a preview closed) must not leave it waiting."""
    started: list[spreadsheet._Child] = []
    original = spreadsheet._Child.__init__

    def recording(child: spreadsheet._Child, *args: object) -> None:
        original(child, *args)  # type: ignore[arg-type]
        started.append(child)

    monkeypatch.setattr(spreadsheet._Child, "__init__", recording)
    source = open_table(_sales_xlsx(tmp_path / "s.xlsx"), TX)
    assert source.waiting is not None and len(started) == 1
    assert started[0]._process.poll() is None  # waiting with the rows
    del source
    gc.collect()
    assert started[0]._process.poll() is not None  # ended, not left blocked on its pipe


@pytest.mark.parametrize("name", ["sales.xls", "sales.xlsb"])
def test_an_xls_file_imports_end_to_end(book: Database, name: str) -> None:
    """.xls (most Chinese ERP exports) and .xlsb (Excel's binary workbook, its dates as
    serials in a date format) through the same reader to the same lines."""
    result = run_import(book, CORPUS / name, "transactions")
    assert (result.written, result.rejected) == (True, 0)
    got = book.query("SELECT c.code, t.date, t.amount FROM transactions t JOIN customers c "
                     "ON c.id = t.customer_id ORDER BY t.date")
    assert [tuple(r.values()) for r in got] == [
        ("A1", "2026-05-01", 1234.5), ("A1", "2026-05-08", 2000.0),
        ("B1", "2026-05-09", 300.25), ("C1", "2026-05-10", 88.0)]


def test_a_named_sheet_and_the_wrong_kinds_of_sheet(tmp_path: Path) -> None:
    path = tmp_path / "charted.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "数据"
    ws.append(["客户编号", "日期", "金额"])
    ws.append(["A1", date(2026, 5, 1), 10])
    workbook.create_chartsheet("图表", 0)  # first in the workbook: a chart, not a table
    workbook.save(path)
    assert open_table(path, TX).sheet == "数据"
    with pytest.raises(ChartSheetError, match=r"'图表' .* is a chart.*数据"):
        open_table(path, TX, sheet="图表")
    with pytest.raises(SheetNotFoundError, match=r"no sheet 'Nope'\. Its sheets: 数据"):
        open_table(path, TX, sheet="Nope")


def _declared_far(path: Path, rows: int, stray: str | None) -> Path:
    """``rows`` real rows in a sheet declaring A1:XFD1048576; with ``stray``, a real cell
    there too."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["客户编号", "日期", "金额"])
    for number in range(rows):
        ws.append([f"C{number}", "2026-05-01", number])
    if stray:
        ws[stray] = "x"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]*"',
                                               '<dimension ref="A1:XFD1048576"', sheet).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_sheet_declaring_the_whole_grid_reads_its_real_rows_fast(tmp_path: Path) -> None:
    path = _declared_far(tmp_path / "declared.xlsx", 100, None)
    started = time.perf_counter()
    source = open_table(path, TX)
    rows = list(source.rows())
    assert time.perf_counter() - started < 2.0
    assert len(rows) == 100 and rows[-1] == (101, ["C99", "2026-05-01", 99.0])


def test_a_stray_far_cell_ends_with_a_message_not_a_crash(tmp_path: Path) -> None:
    path = _declared_far(tmp_path / "stray.xlsx", 100, "XFD1048576")
    started = time.perf_counter()
    with pytest.raises(SheetExtentError, match=r"spans A1:XFD1048576 \(17,179,869,184 cells\)"):
        open_table(path, TX)
    assert time.perf_counter() - started < 5.0


def test_a_stray_cell_in_a_two_letter_column_is_found(tmp_path: Path) -> None:
    """The extent check searches a sheet within A:Z for a cell right of (or left of) the
    columns seen so far instead of listing every cell: a cell in column AB far down, and a
    table starting in column C, still count."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["客户编号", "日期", "金额"])
    ws["AB1000000"] = "x"  # 1,000,000 rows x 28 columns
    workbook.save(tmp_path / "ab.xlsx")
    with pytest.raises(SheetExtentError, match=r"spans A1:AB1000000 \(28,000,000 cells\)"):
        open_table(tmp_path / "ab.xlsx", TX)
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws["C1"], ws["D1"], ws["E1"] = "客户编号", "日期", "金额"
    ws["E2"], ws["Z1000000"] = 1, "x"  # columns C:Z, 24 of them: 24,000,000 cells
    workbook.save(tmp_path / "cz.xlsx")
    with pytest.raises(SheetExtentError, match=r"\(24,000,000 cells\)"):
        open_table(tmp_path / "cz.xlsx", TX)


_COLUMN_NUMBERS = st.one_of(st.integers(1, 30), st.integers(1, 800), st.integers(1, 16_384))


@given(st.lists(st.lists(_COLUMN_NUMBERS, max_size=12), min_size=1, max_size=4))
def test_the_column_span_is_that_of_every_cell(pieces: list[list[int]]) -> None:
    """Piece by piece (the XML as it is read), the first and last columns found by searching
    are those of the list of every cell."""
    from storage import sheet_process

    first, last = sys.maxsize, 0
    for columns in pieces:
        text = "".join(f'<row r="{i + 1}"><c r="{sheet_process._column_name(column)}{i + 1}" '
                       f't="n"><v>1</v></c></row>' for i, column in enumerate(columns))
        first, last = sheet_process._column_span(text.encode(), first, last)
    every = [column for columns in pieces for column in columns]
    assert (first, last) == ((min(every), max(every)) if every else (sys.maxsize, 0))


def test_a_sheet_too_big_for_the_memory_limit_is_refused(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """16 million cells pass the extent check (calamine asks for 500 MB); under a 400 MB cap
    the child dies and the app says so."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["客户编号", "金额"])
    ws["XFD1000"] = "x"
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    monkeypatch.setattr(spreadsheet, "MEMORY_LIMIT_MB", 400)
    with pytest.raises(SheetTooLargeError, match="within 400 MB"):
        open_table(path, TX)
    monkeypatch.setattr(spreadsheet, "MEMORY_LIMIT_MB", 1200)
    rows = list(open_table(path, TX).rows())  # with room, its rows come without padding
    assert rows[-1] == (1000, [*[""] * 16383, "x"])


def test_a_decompression_bomb_is_not_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _sales_xlsx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * (100 << 20))  # 100 MB in ~100 KB
    started = time.perf_counter()
    with pytest.raises(ArchiveBombError, match=r"expand to 10\d MB .* \d{3,} times its size"):
        open_table(path, TX)
    assert time.perf_counter() - started < 5.0


def _with_sizes_that_lie(path: Path, part: str, size: int) -> None:
    """Write ``size`` as ``part``'s unpacked size in its local header and the directory."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22),
                                                   (b"PK\x01\x02", 28, 46, 24)):
        at = data.find(signature)
        while at >= 0:
            length = int.from_bytes(data[at + length_at:at + length_at + 2], "little")
            if data[at + name_at:at + name_at + length] == name:
                data[at + size_at:at + size_at + 4] = size.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("size", [1, 100])
def test_a_workbook_whose_parts_lie_about_their_size_is_called_damaged(
        tmp_path: Path, size: int) -> None:
    """A sheet that unpacks to more than its archive says, as a copy broken in transfer or a
    bomb in disguise does, is refused as damaged within seconds (it was 'not a
    readable spreadsheet (zipfile.BadZipFile: Bad CRC-32 ...)', the child's traceback)."""
    path = tmp_path / "lying.xlsx"
    _sales_xlsx(path)
    _with_sizes_that_lie(path, "xl/worksheets/sheet1.xml", size)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == size
    started = time.perf_counter()
    with pytest.raises(DamagedWorkbookError) as caught:
        open_table(path, TX)
    assert str(caught.value) == (
        f"{path} is damaged: a part of it does not unpack as the file says it should, so it "
        "was not read. Open it in Excel or WPS and save it again (or ask for the file again), "
        "then import the new copy.")
    assert time.perf_counter() - started < 5.0


def test_encrypted_strict_folder_and_broken_files(tmp_path: Path) -> None:
    # A password-protected .xlsx is an OLE container with an EncryptedPackage stream.
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
                          + "EncryptionInfo".encode("utf-16-le") + bytes(50)
                          + "EncryptedPackage".encode("utf-16-le") + bytes(3000))
    with pytest.raises(EncryptedFileError, match="protected by a password"):
        open_table(encrypted, TX)
    # Strict Open XML (other namespaces) is read like any workbook.
    strict = tmp_path / "strict.xlsx"
    _sales_xlsx(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as archive, \
            zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as out:
        for name in archive.namelist():
            data = archive.read(name).replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships")
            out.writestr(name, data)
    assert len(list(open_table(strict, TX).rows())) == 4
    with pytest.raises(FolderGivenError, match="is a folder"):
        open_table(tmp_path, TX)
    not_a_workbook = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(NotATableError, match="without a workbook"):
        open_table(not_a_workbook, TX)
    garbage_ole = tmp_path / "old.xls"
    garbage_ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(NotATableError, match="not a readable spreadsheet"):
        open_table(garbage_ole, TX)


def test_a_file_with_only_headers_says_so(book: Database, tmp_path: Path) -> None:
    csv_file = tmp_path / "h.csv"
    csv_file.write_text("客户编号,日期,金额\n\n", encoding="utf-8")
    with pytest.raises(HeadersOnlyError, match=r"header row \(客户编号, 日期, 金额\) but no rows"):
        preview_import(book, csv_file, "transactions")
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["客户编号", "日期", "金额"])
    workbook.save(tmp_path / "h.xlsx")
    with pytest.raises(HeadersOnlyError):
        preview_import(book, tmp_path / "h.xlsx", "transactions")


@pytest.mark.parametrize(("header", "kind"), [
    ("客户编号,客户名称,日期,金额,产品", ImportKind.TRANSACTIONS),
    ("Order ID,Order Date,Customer ID,Customer Name,Sales", ImportKind.TRANSACTIONS),
    ("客户名称,联系人,职位,手机,邮箱", ImportKind.CONTACTS),
    ("客户编号,客户名称,行业,地区,城市,电话", ImportKind.CUSTOMERS),
    ("Customer code,Customer name,Industry,Region", ImportKind.CUSTOMERS),
    ("颜色,尺码,库存", None),
])
def test_what_a_file_holds_is_told_from_its_headers(tmp_path: Path, header: str,
                                                   kind: ImportKind | None) -> None:
    path = tmp_path / "file.csv"
    path.write_text(header + "\n" + ",".join("1" for _ in header.split(",")) + "\n",
                    encoding="utf-8")
    assert guess_kind(path) == kind
