"""Junk files never crash the importer and never write part of an import: random bytes,
random CSV cells in random encodings, random workbook cells."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from models.entities import Customer
from storage.database import Database
from storage.importer import ImportFileError, preview_import, run_import

KINDS = ("customers", "contacts", "transactions")
HEADERS = ["客户编号", "客户名称", "日期", "金额", "毛利", "联系人", "电话", "邮箱", "Date",
           "Amount", "到期日", "付款日", "负责人", "关系层次", "合计", "", "x"]
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _book() -> Database:
    db = Database(":memory:")
    db.add(Customer(name="华东机械", code="A1"))
    db.add(Customer(name="Northwind", code="B1"))
    return db


def _state(db: Database) -> tuple[int, ...]:
    return tuple(db.scalar(f"SELECT count(*) FROM {t}") for t in (
        "customers", "contacts", "transactions", "change_log"))


def _import_safely(path: Path, kind: str) -> None:
    """Preview and import; only ImportFileError may escape; writes are all or nothing."""
    db = _book()
    try:
        before = _state(db)
        try:
            preview = preview_import(db, path, kind)
        except ImportFileError:
            assert _state(db) == before
            return
        assert _state(db) == before
        assert preview.valid + preview.bad_rows == preview.rows
        result = run_import(db, path, kind, skip_invalid=False)
        if not result.written:
            assert _state(db) == before
            assert result.rejected == preview.bad_rows > 0 or preview.valid == 0
        else:
            added = _state(db)
            assert result.rejected == 0
            if kind == "transactions":
                assert added[2] - before[2] == result.created == preview.valid
            if kind == "customers":
                assert added[0] - before[0] == result.created
    finally:
        db.close()


@FUZZ
@given(data=st.binary(max_size=2_000), kind=st.sampled_from(KINDS),
       prefix=st.sampled_from([b"", b"PK\x03\x04", "客户编号,日期,金额\n".encode(),
                               b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_random_bytes(folder: Path, data: bytes, kind: str, prefix: bytes) -> None:
    path = folder / ("junk.xlsx" if prefix.startswith(b"PK") else "junk.csv")
    path.write_bytes(prefix + data)
    _import_safely(path, kind)


_cell = st.one_of(
    st.text(max_size=15), st.sampled_from(["A1", "B1", "华东机械", "Northwind", "2026-05-01",
                                           "2026/5/1", "¥1,234", "(5)", "合计", "=1+2", "",
                                           "a@b.cn", "13800138000", "2 · 依赖型", "1e300"]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
)


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       rows=st.lists(st.lists(_cell, max_size=9), max_size=25),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       delimiter=st.sampled_from([",", ";", "\t"]), kind=st.sampled_from(KINDS))
def test_random_csv_cells(folder: Path, header: list[str], rows: list[list[str]],
                          encoding: str, delimiter: str, kind: str) -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = folder / "cells.csv"
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    _import_safely(path, kind)


_xlsx_cell: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.integers(min_value=-10**9, max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(), st.sampled_from(["A1", "Northwind", "合计", "=SUM(A1:A2)", "¥5"]),
)


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       rows=st.lists(st.lists(_xlsx_cell, max_size=9), max_size=20),
       title_rows=st.integers(min_value=0, max_value=3), kind=st.sampled_from(KINDS))
def test_random_workbook_cells(folder: Path, header: list[str], rows: list[list[Any]],
                               title_rows: int, kind: str) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)
    for _ in range(title_rows):
        ws.append(["报表标题"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = folder / "cells.xlsx"
    workbook.save(path)
    _import_safely(path, kind)
