"""Writes tests/corpus/sales.xlsb: the sales table of sales.xls and sales.ods as an Excel
binary workbook (MS-XLSB), record by record, since neither openpyxl nor LibreOffice writes
one and no freely licensed sample could be fetched here. Only the records a reader needs:
the sheet list (a visible sheet and a hidden one), two cell formats (General and the built-in
date, 14), and per row a BrtRowHdr with its cells: inline strings (BrtCellSt), numbers and
dates (BrtCellReal; a date is an Excel serial in the date format).

    python tests/corpus/make_sales_xlsb.py tests/corpus/sales.xlsb
"""

from __future__ import annotations

import struct
import sys
import zipfile
from datetime import date
from pathlib import Path

ROW_HDR, CELL_REAL, CELL_ST = 0x00, 0x05, 0x06
BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 0x81, 0x82, 0x83, 0x84
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BUNDLE_SH = 0x8F, 0x90, 0x9C
BEGIN_SHEET_DATA, END_SHEET_DATA, WS_DIM = 0x91, 0x92, 0x94
BEGIN_CELL_XFS, XF = 0x269, 0x2F
DATE_STYLE = 1  # the second cell format: built-in number format 14, a date

Cell = str | float | date | None


def _varint(value: int, most: int) -> bytes:
    out = bytearray()
    for _ in range(most):
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            break
    return bytes(out)


def record(kind: int, payload: bytes = b"") -> bytes:
    return _varint(kind, 2) + _varint(len(payload), 4) + payload


def wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _cell(column: int, value: Cell) -> bytes:
    if isinstance(value, str):
        return record(CELL_ST, struct.pack("<II", column, 0) + wide(value))
    if isinstance(value, date):
        serial = (value - date(1899, 12, 30)).days
        return record(CELL_REAL, struct.pack("<IId", column, DATE_STYLE, float(serial)))
    assert value is not None
    return record(CELL_REAL, struct.pack("<IId", column, 0, float(value)))


def sheet(rows: dict[int, list[Cell]]) -> bytes:
    """A worksheet part: ``rows`` maps a 0-based row to its cells from column A."""
    last_row = max(rows)
    last_col = max(len(cells) for cells in rows.values()) - 1
    body = [record(BEGIN_SHEET), record(WS_DIM, struct.pack("<IIII", 0, last_row, 0, last_col)),
            record(BEGIN_SHEET_DATA)]
    for number in sorted(rows):
        body.append(record(ROW_HDR, struct.pack("<IIHBBBI", number, 0, 300, 0, 0, 0, 0)))
        body.extend(_cell(column, value) for column, value in enumerate(rows[number])
                    if value is not None)
    body += [record(END_SHEET_DATA), record(END_SHEET)]
    return b"".join(body)


def workbook(sheets: list[tuple[str, bool]]) -> bytes:
    body = [record(BEGIN_BOOK), record(BEGIN_BUNDLE_SHS)]
    for number, (name, visible) in enumerate(sheets, 1):
        body.append(record(BUNDLE_SH, struct.pack("<II", 0 if visible else 1, number)
                           + wide(f"rId{number}") + wide(name)))
    body += [record(END_BUNDLE_SHS), record(END_BOOK)]
    return b"".join(body)


def styles() -> bytes:
    xf = [struct.pack("<HH", 0, fmt) + bytes(12) for fmt in (0, 14)]
    return record(BEGIN_CELL_XFS, struct.pack("<I", len(xf))) + b"".join(
        record(XF, part) for part in xf)


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Override PartName="/xl/worksheets/sheet1.bin" \
ContentType="application/vnd.ms-excel.worksheet"/>\
<Override PartName="/xl/worksheets/sheet2.bin" \
ContentType="application/vnd.ms-excel.worksheet"/>\
<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/></Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.bin"/></Relationships>"""
_BOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.bin"/><Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet2.bin"/><Relationship Id="rId3" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.bin"/></Relationships>"""

#: The table of sales.xls and sales.ods: a title in B1, headers in row 3 from column B.
SALES: dict[int, list[Cell]] = {
    0: [None, "2026年5月销售明细"],
    2: [None, "区域", "客户编号", "客户名称", "日期", "金额"],
    3: [None, "华东", "A1", "华东机械", date(2026, 5, 1), 1234.5],
    4: [None, "华东", "A1", "华东机械", date(2026, 5, 8), 2000],
    5: [None, "华东", "B1", "北方贸易", date(2026, 5, 9), 300.25],
    6: [None, "华南", "C1", "南方电子", date(2026, 5, 10), 88],
}


def write(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.bin", workbook([("销售明细", True), ("隐藏", False)]))
        archive.writestr("xl/_rels/workbook.bin.rels", _BOOK_RELS)
        archive.writestr("xl/styles.bin", styles())
        archive.writestr("xl/worksheets/sheet1.bin", sheet(SALES))
        archive.writestr("xl/worksheets/sheet2.bin", sheet({0: ["备注"]}))


if __name__ == "__main__":
    write(Path(sys.argv[1]))
