"""``keyplan export book`` and ``keyplan import book``: the round trip as a user types it, from
the folder the workbook is in (a relative path), in both languages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from main import main
from storage.database import Database
from tests.test_export_book import everything


def test_export_book_then_import_book_into_an_empty_book(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "--db", "a.db", "demo", "--customers", "30",
                 "--anchor", "2026-06-30"]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "--db", "a.db", "export", "book", "-o", "all.xlsx",
                 "--lang", "zh_CN"]) == 0
    out = capsys.readouterr().out
    with Database(tmp_path / "a.db") as db:
        before = everything(db)
        records = sum(len(v) for v in before.values())
    assert f"Wrote all.xlsx: {records:,} records on 11 sheets (客户, 联系人, 交易记录" in out
    assert openpyxl.load_workbook("all.xlsx", read_only=True).sheetnames[0] == "客户"

    assert main(["--lang", "en", "--db", "b.db", "import", "book", "all.xlsx",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "  客户: 30 rows, 30 new, 0 updated, 0 bad" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    with Database(tmp_path / "b.db") as db:
        assert db.scalar("SELECT count(*) FROM customers") == 0

    assert main(["--lang", "zh_CN", "--db", "b.db", "import", "book", "all.xlsx"]) == 0
    out = capsys.readouterr().out
    assert f"已导入 {records:,} 条新记录" in out
    with Database(tmp_path / "b.db") as db:
        assert everything(db) == before


def test_import_book_refuses_what_it_has_no_use_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Orders"
    sheet.append(["Customer", "Amount"])
    sheet.append(["Acme", 12])
    workbook.save("orders.xlsx")
    assert main(["--lang", "en", "--db", "b.db", "import", "book", "orders.xlsx",
                 "--map", "A=code"]) != 0
    assert "--map: not for a whole-book import" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", "b.db", "import", "book", "orders.xlsx"]) != 0
    err = capsys.readouterr().err
    assert "orders.xlsx holds no sheet of a KeyPlan book" in err and "Its sheets: Orders" in err
