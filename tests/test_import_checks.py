"""What an import says about files that would otherwise go wrong quietly (issue 15): a CSV row
with more values than its header (an unquoted 1,200 moved the amount), a customers file
without names for its new codes, a workbook whose only table is on a hidden sheet, and the
option that makes the customers a sales file names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from models.entities import Customer
from storage.database import Database
from storage.importer import preview_import, run_import
from storage.importer.file_errors import HiddenSheetsOnlyError

ROOT = Path(__file__).resolve().parent.parent


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_row_with_more_values_than_headers_is_refused(fresh_db: Database,
                                                             tmp_path: Path) -> None:
    """Row 3's 1,200 without quotes reads as amount 1 and a stray 200: refused, never stored
    as 1. Trailing empty values (row 4) and short rows (row 5, its product empty) are fine."""
    fresh_db.add(Customer(name="甲", code="C1"))
    path = _csv(tmp_path / "sales.csv", [
        "客户编号,日期,金额,产品",
        "C1,2026-09-01,100,A",
        "C1,2026-09-02,1,200,B",
        "C1,2026-09-03,50,C,,",
        "C1,2026-09-04,70",
    ])
    preview = preview_import(fresh_db, path, "transactions")
    assert (preview.rows, preview.valid, preview.bad_rows) == (4, 3, 1)
    [issue] = preview.issues
    assert (issue.row, issue.column, issue.value) == (3, "", "B")  # beyond the 4th column
    assert issue.params == {"count": 5, "width": 4}
    assert "values may have moved" in str(issue)
    refused = run_import(fresh_db, path, "transactions", skip_invalid=False)
    assert not refused.written
    assert fresh_db.scalar("SELECT count(*) FROM transactions") == 0
    done = run_import(fresh_db, path, "transactions", skip_invalid=True)
    assert (done.created, done.rejected) == (3, 1)
    assert [tuple(r) for r in fresh_db.conn.execute(
        "SELECT date, amount, product FROM transactions ORDER BY date")] == [
        ("2026-09-01", 100.0, "A"), ("2026-09-03", 50.0, "C"), ("2026-09-04", 70.0, "")]


def test_a_header_with_trailing_empty_columns_sets_the_width(fresh_db: Database,
                                                             tmp_path: Path) -> None:
    """The header row as written counts: 'a,b,c,,' is five columns wide."""
    fresh_db.add(Customer(name="甲", code="C1"))
    path = _csv(tmp_path / "sales.csv", ["客户编号,日期,金额,,", "C1,2026-09-01,100,x,y",
                                         "C1,2026-09-02,5,,,z"])
    preview = preview_import(fresh_db, path, "transactions")
    assert [(i.row, i.params["count"], i.params["width"]) for i in preview.issues] == [
        (3, 6, 5)]


def test_cells_right_of_a_sheets_table_are_not_refused(fresh_db: Database,
                                                       tmp_path: Path) -> None:
    """In a workbook a note beside the table is its own column, not a split value."""
    fresh_db.add(Customer(name="甲", code="C1"))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["客户编号", "日期", "金额"])
    sheet.append(["C1", "2026-09-01", 100, None, "note"])
    workbook.save(tmp_path / "sales.xlsx")
    preview = preview_import(fresh_db, tmp_path / "sales.xlsx", "transactions")
    assert (preview.valid, preview.bad_rows) == (1, 0)


def test_new_codes_without_a_name_column_are_refused_by_name(fresh_db: Database,
                                                            tmp_path: Path) -> None:
    """A code-only file updates the customers it names; a new code cannot become a customer
    and says why (it said 'This field is required.' without naming the field)."""
    fresh_db.add(Customer(name="甲", code="C1", city="北京"))
    path = _csv(tmp_path / "codes.csv", ["Code,City", "C1,西安", "ZZ,Paris", "ZZ,Lyon"])
    preview = preview_import(fresh_db, path, "customers")
    assert (preview.rows, preview.valid, preview.bad_rows) == (3, 1, 2)
    [issue] = preview.issues
    assert (issue.row, issue.column, issue.field, issue.value) == (3, "Code", "name", "ZZ")
    assert str(issue) == ("row 3, column 'Code': No customer has the code 'ZZ', and a new "
                          "customer needs a name, which no column of the file gives.")
    run_import(fresh_db, path, "customers", skip_invalid=True)
    assert [tuple(r) for r in fresh_db.conn.execute(
        "SELECT code, name, city FROM customers WHERE deleted_at IS NULL")] == [
        ("C1", "甲", "西安")]


def test_a_workbook_whose_table_is_on_a_hidden_sheet_names_it(fresh_db: Database,
                                                              tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    shown = workbook.active
    assert shown is not None
    shown.title = "说明"
    data = workbook.create_sheet("数据")
    data.append(["客户编号", "客户名称"])
    data.append(["C1", "甲"])
    data.sheet_state = "hidden"
    workbook.save(tmp_path / "hidden.xlsx")
    with pytest.raises(HiddenSheetsOnlyError, match=r"its hidden sheets: 数据\. Choose one"):
        preview_import(fresh_db, tmp_path / "hidden.xlsx", "customers")
    preview = preview_import(fresh_db, tmp_path / "hidden.xlsx", "customers", sheet="数据")
    assert (preview.source.sheet, preview.valid) == ("数据", 1)


def test_the_command_names_the_option_that_makes_missing_customers(tmp_path: Path) -> None:
    db_path = tmp_path / "book.db"
    Database(db_path).close()
    tx = _csv(tmp_path / "tx.csv", ["InvoiceDate,CustomerID,Amount", "2026-05-01,777,5",
                                    "2026-05-02,778,1,200"])

    def run(lang: str, *args: str) -> str:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                               "--lang", lang, "import", "transactions", str(tx), "--dry-run",
                               *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 1, done.stderr
        return done.stdout

    english = run("en")
    assert "run it again with --create-customers." in english
    assert "row 3: This row has 4 values under 3 column headers" in english
    chinese = run("zh_CN")
    assert "请加上 --create-customers 重新运行。" in chinese
    assert "第 3 行：此行有 4 个值，而表头只有 3 列" in chinese
    made = run("en", "--create-customers")  # row 3 is still refused, for its values
    assert "--create-customers." not in made
    assert "1 new customer named by the file will be made: 777." in made


def test_a_date_against_its_columns_order_is_said_in_chinese(tmp_path: Path) -> None:
    """The date reader's row messages are translated under Storage, where update_translations
    collects them; looked up under Validation they came out in English."""
    db_path = tmp_path / "book.db"
    Database(db_path).close()
    tx = _csv(tmp_path / "us.csv", ["Order Date,Customer ID,Customer Name,Sales",
                                    "10/31/2011 10:42,K1,Acme,10", "31/10/2011,K1,Acme,20"])
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                           "--lang", "zh_CN", "import", "transactions", str(tx), "--dry-run",
                           "--create-customers"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert "第 3 行，“Order Date”列：按此列的日期顺序（如 12/31/2024）不是有效日期。 " \
           "[31/10/2011]" in done.stdout


def test_the_date_order_question_quotes_different_dates() -> None:
    """An invoice's lines share its time: the question quoted '12/1/2010 8:26, 12/1/2010
    8:26, 12/1/2010 9:41'; now three different values."""
    from storage.importer.dates import DateOrderError, decide_orders

    rows = [["12/1/2010 8:26"], ["12/1/2010 8:26"], ["12/1/2010 9:41"], ["12/1/2010 9:41"],
            ["1/2/2011 10:00"]]
    with pytest.raises(DateOrderError) as raised:
        decide_orders(rows, {"date": (0, "InvoiceDate")})
    assert raised.value.params["examples"] == "12/1/2010 8:26, 12/1/2010 9:41, 1/2/2011 10:00"


def test_a_sales_row_without_a_customer_says_so(fresh_db: Database, tmp_path: Path) -> None:
    """A quarter of the UCI retail sample has no CustomerID: such a row said "No customer
    has the code or name ''" and named no column; --create-customers makes nobody for it."""
    path = _csv(tmp_path / "uci.csv", ["InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID",
                                       "536365,6,2010-12-01 08:26,2.55,17850",
                                       "536414,56,2010-12-01 11:52,0,"])
    preview = preview_import(fresh_db, path, "transactions", create_customers=True)
    assert (preview.valid, preview.bad_rows, preview.customers_created) == (1, 1, 1)
    [issue] = preview.issues
    assert str(issue) == ("row 3, column 'CustomerID': The row names no customer: its "
                          "customer column is empty.")
    assert not preview.unknown_customers  # nothing --create-customers would make


def test_a_total_row_wider_than_the_header_is_skipped_as_one(fresh_db: Database,
                                                             tmp_path: Path) -> None:
    """'合计' in the amount column with an unquoted 5,000 after it: a total row, skipped (as
    without the extra value), not refused as a row whose values moved. Found by
    tests/test_import_bulk.py's property test."""
    fresh_db.add(Customer(name="甲", code="C1"))
    path = _csv(tmp_path / "sales.csv", ["客户编号,日期,金额", "C1,2026-09-01,100",
                                         ",,合计,5,000"])
    for by_rows in (False, True):
        with pytest.MonkeyPatch.context() as patch:
            if by_rows:  # every column looked at for total words before the handler
                from storage.importer.handlers import RowHandler, TransactionRowsHandler
                patch.setattr(TransactionRowsHandler, "strict_columns",
                              RowHandler.strict_columns)
            preview = preview_import(fresh_db, path, "transactions")
        assert (preview.valid, preview.bad_rows, preview.skipped) == (1, 0, 1), by_rows


def test_library_warnings_stay_off_the_users_terminal(tmp_path: Path) -> None:
    """openpyxl warns about parts of a workbook it drops ('Data Validation extension is not
    supported ...'): the command line keeps that off the terminal unless python's -W asks
    for it (e768969 had no test)."""
    import zipfile

    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    path = tmp_path / "validated.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", (
                    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}">'
                    b'<x14:dataValidations xmlns:x14="http://schemas.microsoft.com/office/'
                    b'spreadsheetml/2009/9/main" count="0"/></ext></extLst></worksheet>'))
            out.writestr(name, data)
    code = ("import sys, openpyxl\nfrom ui.cli.app import run\n"
            "assert run(['--db', sys.argv[1], 'info']) == 0\nopenpyxl.load_workbook(sys.argv[2])\n")

    def stderr(*options: str) -> str:
        done = subprocess.run([sys.executable, *options, "-c", code, str(tmp_path / "b.db"),
                               str(path)], capture_output=True, text=True, timeout=120,
                              cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "Warning" not in stderr()
    assert "Data Validation extension is not supported" in stderr("-W", "default")


@pytest.mark.usefixtures("cli_english_afterwards")
def test_one_row_is_a_row_in_english_and_the_same_words_in_chinese() -> None:
    """'1 rows left out', '1 new customers', '1 bad rows' read so on every one-row import."""
    from ui.cli.text import choose_language, t_n

    def line(count: int) -> str:
        return t_n("{count} rows left out by --where.", "1 row left out by --where.", count,
                   count=f"{count:,}")

    choose_language("en")
    assert [line(n) for n in (0, 1, 2, 1_000)] == [
        "0 rows left out by --where.", "1 row left out by --where.",
        "2 rows left out by --where.", "1,000 rows left out by --where."]
    choose_language("zh_CN")
    assert [line(n) for n in (1, 2)] == ["--where 排除了 1 行。", "--where 排除了 2 行。"]


@pytest.mark.usefixtures("cli_english_afterwards")
def test_a_customers_differing_details_name_its_first_row(fresh_db: Database,
                                                          tmp_path: Path) -> None:
    """An order-per-row export used as a customer list: K1's city differs on row 3 from its
    first row, row 2. The note said 'Other rows of this customer (3) give other values',
    pointing at row 3 as one of the 'other rows' of itself."""
    from ui.cli.text import choose_language, translate

    path = _csv(tmp_path / "orders.csv", ["Order ID,Customer ID,Customer Name,City",
                                          "O1,K1,Acme,Paris", "O2,K1,Acme,Lyon",
                                          "O3,K2,Beta,Rome", "O4,K1,Acme,Nice"])
    [note] = preview_import(fresh_db, path, "customers").warnings
    assert str(note) == ("row 3, column 'City': Other values for City than on this customer's "
                         "first row (row 2), on rows: 3, 5; the first row's values are kept.")
    choose_language("zh_CN")
    assert translate(note.context, note.message, note.params) == (
        "该客户第 3, 5 行的“City”与其首行（第 2 行）不同；保留首行的值。")
