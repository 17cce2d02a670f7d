"""A sales file's day/month order, end to end: decided from the data, asked for when the data
cannot tell, never guessed (the US Superstore export was read day first: 1,153 of 2,709 dates
wrong; with times, every row was refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.book import Book
from storage.importer.dates import DateOrderError
from ui.cli.app import run

US = ("Order ID,Order Date,Customer ID,Customer Name,Sales\n"
      "A-1,10/3/2011 10:42,C1,First Co,100\n"
      "A-2,10/31/2011 9:05,C1,First Co,50\n"  # 31: month first
      "A-3,1/2/2012 14:00,C2,Second Co,75\n")
AMBIGUOUS = "客户编号,客户名称,日期,金额\nC1,甲公司,3/4/2024,100\nC2,乙公司,5/6/2024,200\n"


def _dates(book: Book) -> list[str]:
    return [r["date"] for r in book.reader.query(
        "SELECT date FROM transactions ORDER BY date")]


def test_us_dates_with_times_are_read_month_first(tmp_path: Path) -> None:
    path = tmp_path / "superstore.csv"
    path.write_text(US, encoding="utf-8")
    with Book(tmp_path / "b.db") as book:
        imported = book.imports.run(path, "transactions", create_customers=True,
                                    rescore=False)
        assert imported.result.rejected == 0
        assert _dates(book) == ["2011-10-03", "2011-10-31", "2012-01-02"]


def test_dates_that_read_both_ways_are_a_question(tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    with Book(tmp_path / "b.db") as book:
        with pytest.raises(DateOrderError, match="'日期' holds dates such as 3/4/2024, "
                                                 "5/6/2024"):
            book.imports.preview(path, "transactions", create_customers=True)
        preview = book.imports.preview(path, "transactions", create_customers=True,
                                       date_order="dmy")
        assert preview.bad_rows == 0
        book.imports.run(path, "transactions", create_customers=True, date_order="mdy",
                         rescore=False)
        assert _dates(book) == ["2024-03-04", "2024-05-06"]


def test_the_command_line_asks_and_takes_the_order(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    db = str(tmp_path / "b.db")
    assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                "--create-customers"]) == 1
    assert "--date-order dmy or --date-order mdy" in capsys.readouterr().err
    assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                "--create-customers", "--date-order", "dmy", "--no-rescore"]) == 0
    with Book(Path(db)) as book:
        assert _dates(book) == ["2024-04-03", "2024-06-05"]


def test_the_command_line_reads_a_two_digit_year_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """24/03/04 and 24/05/06 read both day-first and month-first; --date-order ymd reads
    them year first (2024-03-04), and a row with the year last is refused, not guessed."""
    path = tmp_path / "japan.csv"
    path.write_text("客户编号,客户名称,日付,金额\nC1,甲公司,03/04/05,100\nC2,乙公司,05/06/07,200\n"
                    "C3,丙公司,3/4/2024,300\n", encoding="utf-8")
    db = str(tmp_path / "b.db")
    assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                "--create-customers"]) == 1
    assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                "--create-customers", "--date-order", "ymd", "--no-rescore"]) == 1
    assert "row 4, column '日付': Not a valid date in the order of this column (dates like " \
        "24/12/31). [3/4/2024]" in capsys.readouterr().out
    assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                "--create-customers", "--date-order", "ymd", "--no-rescore",
                "--skip-invalid"]) == 0
    with Book(Path(db)) as book:
        assert _dates(book) == ["2003-04-05", "2005-06-07"]
