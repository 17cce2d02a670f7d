"""Sales data a year old, scored as of today, makes every customer lapsed: the import says so
and how to score it as of its own time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storage.book import Book
from ui.cli.app import run


def _sales(path: Path, day: str) -> Path:
    path.write_text(f"客户编号,客户名称,日期,金额\nC1,老客户,{day},100\n", encoding="utf-8")
    return path


def test_old_sales_get_a_hint_new_ones_do_not(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.db"
    old = _sales(tmp_path / "old.csv", "2011-12-09")
    assert run(["--db", str(book), "--lang", "en", "import", "transactions", str(old),
                "--create-customers"]) == 0
    out = capsys.readouterr().out
    assert "the newest sale in the book is from 2011-12-09" in out
    assert "keyplan score --as-of 2011-12-09" in out
    recent = _sales(tmp_path / "new.csv", date.today().isoformat())
    assert run(["--db", str(book), "--lang", "en", "import", "transactions", str(recent)]) == 0
    assert "newest sale" not in capsys.readouterr().out


def test_stale_is_judged_on_the_whole_book(tmp_path: Path) -> None:
    with Book(tmp_path / "b.db") as book:
        imported = book.imports.run(_sales(tmp_path / "s.csv", "2026-01-10"), "transactions",
                                    create_customers=True, rescore=False)
    assert imported.latest_sale == date(2026, 1, 10)
    assert not imported.stale_on(date(2026, 7, 12))  # 183 days later
    assert imported.stale_on(date(2026, 7, 13))
