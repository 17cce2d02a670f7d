"""Importing real-looking files: encodings, delimiters, title and total rows, matching of
customers, every kind of bad row, all-or-nothing, crashes and cancelling, the command."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from models.entities import Contact, Customer
from storage.database import Database
from storage.importer import (
    ImportCancelled,
    ImportFileError,
    MappingError,
    preview_import,
    run_import,
)
from storage.importer import writer as writer_module

ROOT = Path(__file__).resolve().parent.parent
TX_HEADER = "客户编号,客户名称,日期,金额,毛利,到期日,付款日,单号"
TX_ROWS = [
    "A1,华东机械,2026/5/1,\"￥1,234.50\",200,2026-06-01,2026年6月3日,INV-1",
    ",Northwind,2026-05-02,(100.00),-20,,,CN-1",
    "A1,,46150,\"RMB 2,000\",,,,INV-2",
]


@pytest.fixture
def book(fresh_db: Database) -> Database:
    fresh_db.add(Customer(name="华东机械", code="A1"))
    fresh_db.add(Customer(name="Northwind", code="B1"))
    fresh_db.add(Customer(name="Twin", code="T1"))
    fresh_db.add(Customer(name="Twin", code="T2"))
    return fresh_db


def _csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def _state(db: Database) -> tuple[int, ...]:
    return tuple(db.scalar(f"SELECT count(*) FROM {t}") for t in (
        "customers", "contacts", "transactions", "change_log"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_transactions_in_every_encoding(book: Database, tmp_path: Path, encoding: str) -> None:
    path = _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS], encoding)
    result = run_import(book, path, "transactions")
    assert (result.created, result.rejected, result.written) == (3, 0, True)
    rows = book.query("SELECT c.code, t.date, t.amount, t.profit, t.due_date, t.paid_date "
                      "FROM transactions t JOIN customers c ON c.id = t.customer_id "
                      "ORDER BY t.date, t.amount")
    assert [tuple(r.values()) for r in rows] == [
        ("A1", "2026-05-01", 1234.5, 200.0, "2026-06-01", "2026-06-03"),
        ("B1", "2026-05-02", -100.0, -20.0, None, None),
        ("A1", "2026-05-08", 2000.0, None, None, None),
    ]
    revenue = book.scalar("SELECT revenue_12m FROM customer_metrics m JOIN customers c ON "
                          "c.id = m.customer_id WHERE c.code = 'A1'")
    assert revenue == pytest.approx(3234.5) or revenue == 0  # 0 once the rows are a year old


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_nul_characters_are_dropped(book: Database, tmp_path: Path, encoding: str) -> None:
    """Junk exports hold NULs: they are dropped wherever they are, in the first lines read
    to find the header as further down (looked for in the bytes once, not in every line)."""
    rows = [*TX_ROWS, *(f"A1,,2026-05-{day:02},{day}.5,,,,INV-{day}" for day in range(3, 28))]
    lines = [TX_HEADER.replace("金额", "金\0额"), *rows[:15], "B1,,2026-06-01,7\0\0.25,,,,NUL-1",
             *rows[15:]]
    path = _csv(tmp_path / "nul.csv", lines, encoding)
    result = run_import(book, path, "transactions")
    assert (result.created, result.rejected) == (len(rows) + 1, 0), result.errors
    assert book.scalar("SELECT amount FROM transactions WHERE order_no = 'NUL-1'") == 7.25


def test_importing_the_same_transactions_again_adds_nothing(book: Database,
                                                            tmp_path: Path) -> None:
    """A re-imported invoice line (same customer, date, amount, profit, reference, product)
    is reported and left out; a new line in the same file is imported; identical lines
    within one file are both kept (two equal orders on one day happen)."""
    first = run_import(book, _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS]), "transactions")
    assert (first.created, first.duplicates) == (3, 0)
    before = _state(book)
    again = run_import(book, _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS]), "transactions")
    assert (again.created, again.duplicates, again.rejected) == (0, 3, 0)
    assert again.preview.duplicate_rows == [2, 3, 4]
    assert _state(book) == before
    more = [*TX_ROWS, "A1,华东机械,2026-05-09,500,,,,INV-3", "A1,华东机械,2026-05-09,500,,,,INV-3",
            "A1,华东机械,2026/5/1,\"￥1,234.50\",200,2026-06-01,2026年6月3日,INV-1b"]
    preview = preview_import(book, _csv(tmp_path / "more.csv", [TX_HEADER, *more]),
                             "transactions")
    assert (preview.valid, preview.duplicates) == (3, 3)
    result = run_import(book, tmp_path / "more.csv", "transactions")
    assert (result.created, result.duplicates) == (3, 3)
    assert book.scalar("SELECT count(*) FROM transactions") == 6
    # A deleted line is not 'in the book': importing it again brings it back.
    book.conn.execute("UPDATE transactions SET deleted_at = '2026-06-01T00:00:00+00:00' "
                      "WHERE order_no = 'INV-2'")
    book.conn.commit()
    last = run_import(book, tmp_path / "tx.csv", "transactions")
    assert (last.created, last.duplicates) == (1, 2)


def test_an_import_marks_the_explanations_it_changed_as_stale(book: Database,
                                                             tmp_path: Path) -> None:
    """An invoice from the previous window changes a customer's growth but none of its listed
    12-month figures; its stored explanation must still say it predates the import."""
    from datetime import timedelta

    today = date.today()
    first = [TX_HEADER, f"A1,华东机械,{today - timedelta(days=1000)},500,,,,OLD-1",
             f"A1,华东机械,{today - timedelta(days=30)},800,,,,NEW-1"]
    run_import(book, _csv(tmp_path / "first.csv", first), "transactions")
    book.rescore()
    customer_id = book.scalar("SELECT id FROM customers WHERE code = 'A1'")
    assert not book.explain_customer(customer_id).stale
    listed = book.query("SELECT revenue_12m, profit_12m, first_purchase, last_purchase "
                        "FROM customer_metrics WHERE customer_id = ?", [customer_id])
    previous_window = [TX_HEADER, f"A1,华东机械,{today - timedelta(days=500)},300,,,,MID-1"]
    run_import(book, _csv(tmp_path / "previous.csv", previous_window), "transactions")
    assert book.query("SELECT revenue_12m, profit_12m, first_purchase, last_purchase "
                      "FROM customer_metrics WHERE customer_id = ?", [customer_id]) == listed
    assert book.explain_customer(customer_id).stale


def test_a_transactions_import_is_one_history_entry_per_customer(book: Database,
                                                                 tmp_path: Path) -> None:
    run_import(book, _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS]), "transactions")
    a1, b1 = (book.scalar("SELECT id FROM customers WHERE code = ?", [code])
              for code in ("A1", "B1"))
    entries = {customer: [c for c in book.history(customer) if c.action == "import"]
               for customer in (a1, b1)}
    assert [(c.table_name, c.record_id, c.new_value) for c in entries[a1]] == [
        ("transactions", "tx.csv", 2)]
    assert [c.new_value for c in entries[b1]] == [1]
    assert entries[a1][0].change_id == entries[b1][0].change_id  # one import, one change
    logged = book.scalar("SELECT count(*) FROM change_log")
    run_import(book, tmp_path / "tx.csv", "transactions")  # every line already there
    assert book.scalar("SELECT count(*) FROM change_log") == logged


def test_the_command_says_which_rows_were_already_there(tmp_path: Path) -> None:
    path = _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS])
    with Database(tmp_path / "book.db") as db:
        db.add(Customer(name="华东机械", code="A1"))
        db.add(Customer(name="Northwind", code="B1"))
        run_import(db, path, "transactions")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                           str(tmp_path / "book.db"),
                           "import", "transactions", str(path), "--dry-run"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "3 rows are already in the book" in done.stdout and "rows 2, 3, 4." in done.stdout


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_title_blank_and_total_rows_and_other_delimiters(book: Database, tmp_path: Path,
                                                         delimiter: str) -> None:
    lines = ["2026年5月销售明细", "", TX_HEADER, *TX_ROWS, ",,,,", "合计,,,\"3,134.50\",,,,"]
    path = _csv(tmp_path / "tx.csv", [line.replace(",", delimiter) if delimiter != ";" else
                                      line.replace(",", ";") for line in lines])
    if delimiter == ";":  # the quoted thousands separators survive only with another sep.
        path.write_text(path.read_text("utf-8").replace('"￥1;234.50"', "￥1234.50")
                        .replace('"RMB 2;000"', "RMB 2000").replace('"3;134.50"', "3134.5"),
                        "utf-8")
    else:
        path.write_text(path.read_text("utf-8").replace('"￥1\t234.50"', "￥1234.50")
                        .replace('"RMB 2\t000"', "RMB 2000").replace('"3\t134.50"', "3134.5"),
                        "utf-8")
    preview = preview_import(book, path, "transactions")
    assert preview.source.header_row == 3
    assert (preview.rows, preview.valid, preview.skipped) == (3, 3, 2)


def test_every_bad_row_is_listed_and_nothing_is_written(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "tx.csv", [
        TX_HEADER, *TX_ROWS,
        "ZZ,nobody,2026-05-01,5,,,,",  # unknown customer
        ",Twin,2026-05-01,5,,,,",  # ambiguous name
        "A1,,2026-02-30,abc,,,,",  # bad date and amount
        "A1,,2026-05-10,5,,2026-05-01,,",  # due before the date
        "A1,,,5,,,,",  # no date
        "A1,,2026-05-10,1e14,,,,",  # beyond the money limit
    ])
    before = _state(book)
    preview = preview_import(book, path, "transactions")
    assert (preview.valid, preview.bad_rows) == (3, 6)
    listed = [(i.row, i.column, i.english()) for i in preview.issues]
    assert listed == [
        (5, "客户编号", "No customer has the code or name 'ZZ'."),
        (6, "客户名称", "2 customers are named 'Twin'; give the customer code."),
        (7, "日期", "Not a date KeyPlan can read (e.g. 2024-03-14, 2024/3/14, 14.03.2024, "
                    "3/14/2024, 2024年3月14日)."),
        (7, "金额", "Not a number."),
        (8, "到期日", "Must not be earlier than 2026-05-10."),
        (9, "日期", "This field is required."),
        (10, "金额", "Must be between -10000000000000 and 10000000000000."),
    ]
    assert [i.context for i in preview.issues[:4]] == ["Import", "Import", "Storage",
                                                       "Validation"]
    refused = run_import(book, path, "transactions", skip_invalid=False)
    assert not refused.written and refused.rejected == 6
    assert _state(book) == before
    dry = run_import(book, path, "transactions", dry_run=True)
    assert not dry.written and _state(book) == before
    partial = run_import(book, path, "transactions", skip_invalid=True)
    assert partial.written and partial.created == 3
    assert _state(book)[2] == before[2] + 3


def test_customers_create_or_update_by_code_then_name(book: Database, tmp_path: Path) -> None:
    """Rows with a code match by code; a row without one by its (unique) name; two rows with
    one code are one customer, the details they disagree on said once."""
    path = _csv(tmp_path / "c.csv", [
        "客户编号,客户名称,客户类型,行业,地区,城市,负责人,邮箱,关系层次,备注",
        "A1,华东机械（新名）,组织客户,机械,华东,上海,王伟,a@b.cn,2 · 依赖型,",
        ",Northwind,个人客户,,,,Li,,合作共赢,changed",
        "N1,New Co,,,,,,,1,",
        "N1,New Co again,,,,,,,,",
        "N2,Bad mail,,,,,,not-an-email,9,",
    ])
    preview = preview_import(book, path, "customers")
    assert [(m.row, m.action, m.code) for m in preview.matches] == [
        (2, "update", "A1"), (3, "update", "B1"), (4, "create", "N1")]
    assert [(i.row, i.column, i.field) for i in preview.issues] == [
        (6, "邮箱", "email"), (6, "关系层次", "relationship_level")]
    assert [(w.row, w.column, w.english()) for w in preview.warnings] == [
        (5, "客户名称", "Other values for 客户名称 than on this customer's first row (row 4), "
                       "on rows: 5; the first row's values are kept.")]
    assert (preview.rows, preview.valid, preview.bad_rows) == (5, 4, 1)
    result = run_import(book, path, "customers", skip_invalid=True)
    assert (result.created, result.updated, result.rejected) == (1, 2, 1)
    a1 = book.resolve_customer("A1")
    assert (a1.name, a1.city, a1.relationship_level, a1.email) == ("华东机械（新名）", "上海", 2,
                                                                    "a@b.cn")
    northwind = book.resolve_customer("B1")
    assert (northwind.kind.value, northwind.relationship_level, northwind.notes) == (
        "individual", 3, "changed")
    assert book.resolve_customer("N1").name == "New Co"
    assert book.history(a1.id)[0].action == "update"
    assert book.list_customers().total == 5
    assert "hdjx" in book.scalar("SELECT search_text FROM customers WHERE code = 'A1'")


def test_contacts_reference_their_customer(book: Database, tmp_path: Path) -> None:
    book.add(Contact(customer_id=book.resolve_customer("A1").id, name="张伟", title="采购"))
    path = _csv(tmp_path / "p.csv", [
        "客户名称,联系人,职位,手机,邮箱,主要联系人,对我方态度",
        "华东机械,张伟,采购总监,13800138000,zw@x.cn,是,坚定支持",
        "Northwind,Anna,Buyer,,,,Champion",
        "Nobody Ltd,Bob,,,,,",
    ])
    result = run_import(book, path, "contacts", skip_invalid=True)
    assert (result.created, result.updated, result.rejected) == (1, 1, 1)
    assert result.errors[0].row == 4 and result.errors[0].column == "客户名称"
    zhang = book.find(Contact, "name = ?", ["张伟"])
    assert len(zhang) == 1 and zhang[0].title == "采购总监" and zhang[0].phone == "13800138000"
    assert zhang[0].is_primary and zhang[0].attitude.value == "champion"
    assert "anna" in book.scalar("SELECT search_text FROM customers WHERE code = 'B1'")


def test_a_contact_named_twice_by_its_id_is_made_then_changed(book: Database,
                                                              tmp_path: Path) -> None:
    """Rows giving one KeyPlan id: the first makes the contact, the next changes it (two of
    one name stay two); the check counts as the import does, though the import keeps no
    copy of what it wrote (the book has it)."""
    first, second = "0b6a7f7e-3c1e-4a55-9a33-6f1b2d8e9c01", "0b6a7f7e-3c1e-4a55-9a33-6f1b2d8e9c02"
    path = _csv(tmp_path / "ids.csv", [
        "客户编号,联系人,职位,KeyPlan ID",
        f"A1,王芳,采购,{first}",
        f"A1,王芳,采购经理,{second}",
        f"A1,王芳,采购总监,{first}",
    ])
    checked = preview_import(book, path, "contacts")
    result = run_import(book, path, "contacts")
    assert (checked.creates, checked.updates) == (result.created, result.updated) == (2, 1)
    stored = {c.id: c.title for c in book.find(Contact, "name = ?", ["王芳"])}
    assert stored == {first: "采购总监", second: "采购经理"}


def test_xlsx_with_title_rows_serial_dates_and_sheet_choice(book: Database,
                                                            tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert isinstance(notes, Worksheet)
    notes.title = "说明"
    notes["A1"] = "This sheet explains the file"
    ws = workbook.create_sheet("明细")
    ws.append(["销售明细表"])
    ws.append([])
    ws.append(["Customer code", "Invoice date", "Amount", "Gross profit", "Product"])
    ws.append(["A1", datetime(2026, 5, 1), 1000, 100, "=not a formula"])
    ws.append(["B1", 46150, "2,000.00", None, "Pumps"])
    ws.append([None, None, None, None, None])
    ws.append(["Total", None, 3000, None, None])
    path = tmp_path / "sales.xlsx"
    workbook.save(path)
    preview = preview_import(book, path, "transactions")
    assert preview.source.sheet == "明细" and preview.source.header_row == 3
    assert (preview.valid, preview.bad_rows, preview.skipped) == (2, 0, 2)
    run_import(book, path, "transactions")
    assert book.scalar("SELECT count(*) FROM transactions WHERE date = '2026-05-08'") == 1
    with pytest.raises(ImportFileError, match="no sheet 'Nope'"):
        preview_import(book, path, "transactions", sheet="Nope")


def test_file_level_problems(book: Database, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError, match="holds no rows"):
        preview_import(book, empty, "transactions")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(ImportFileError, match=r"not a readable spreadsheet"):
        preview_import(book, old, "transactions")
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\xff\xfe\xfd\x81\x30" * 3 + b"\x80\x00\xff")
    with pytest.raises(ImportFileError):
        preview_import(book, garbage, "transactions")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="not a readable"):
        preview_import(book, broken, "transactions")
    headers_only = _csv(tmp_path / "h.csv", ["名称,数量", "x,1"])
    with pytest.raises(MappingError, match="no column for date"):
        preview_import(book, headers_only, "transactions")
    with pytest.raises(ImportFileError, match="unknown field"):
        preview_import(book, headers_only, "transactions", overrides={"数量": "bogus"})


def test_a_crash_mid_import_leaves_the_book_unchanged(book: Database, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [TX_HEADER] + [f"A1,,2026-05-01,{i},,,," for i in range(1, 12_001)]
    path = _csv(tmp_path / "big.csv", lines)
    before = _state(book)
    calls = {"n": 0}
    original = writer_module.BulkWriter._flush

    def flaky(self: writer_module.BulkWriter) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        original(self)

    monkeypatch.setattr(writer_module.BulkWriter, "_flush", flaky)
    with pytest.raises(RuntimeError):
        run_import(book, path, "transactions")
    assert calls["n"] == 2 and _state(book) == before
    monkeypatch.setattr(writer_module.BulkWriter, "_flush", original)
    with pytest.raises(ImportCancelled):
        run_import(book, path, "transactions", progress=lambda done, total: done < total / 2)
    assert _state(book) == before
    assert run_import(book, path, "transactions").created == 12_000


def test_import_command(tmp_path: Path) -> None:
    db_path = tmp_path / "book.db"
    with Database(db_path) as db:
        db.add(Customer(name="华东机械", code="A1"))
        db.add(Customer(name="Northwind", code="B1"))
    good = _csv(tmp_path / "tx.csv", [TX_HEADER, *TX_ROWS], "gbk")
    bad = _csv(tmp_path / "bad.csv", [TX_HEADER, *TX_ROWS, "ZZ,,2026-05-01,5,,,,"])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                               "import", *args], capture_output=True, text=True, timeout=120,
                              cwd=ROOT)

    dry = run("transactions", str(good), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "encoding gb18030" in dry.stdout and "3 valid" in dry.stdout
    refused = run("transactions", str(bad))
    assert refused.returncode == 1 and "row 5" in refused.stdout
    assert "Nothing was imported" in refused.stdout
    mapped = run("transactions", str(good), "--map", "单号=ignore", "--no-rescore")
    assert mapped.returncode == 0, mapped.stderr
    assert "Imported 3 new" in mapped.stdout
    # The same headers: the mapping given with --map above (单号 ignored) is used again, so
    # the three good rows are the lines already imported.
    skipped = run("transactions", str(bad), "--skip-invalid", "--no-rescore")
    assert skipped.returncode == 0 and "1 bad row left out" in skipped.stdout
    assert "Columns as mapped for files with these headers" in skipped.stdout
    assert "3 rows are already in the book" in skipped.stdout
    fresh = run("transactions", str(bad), "--skip-invalid", "--no-rescore", "--fresh-mapping")
    assert fresh.returncode == 0 and "Imported 3 new" in fresh.stdout
    missing = run("transactions", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    with Database(db_path) as db:
        assert db.scalar("SELECT count(*) FROM transactions") == 6
        assert db.scalar("SELECT count(*) FROM transactions WHERE order_no IS NOT NULL") == 3


def test_bulk_path_rebuilds_indexes_and_figures(book: Database, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A big import drops and rebuilds the transaction indexes in its own transaction, and
    leaves the activity figures exactly as a full refresh computes them."""
    monkeypatch.setattr(writer_module, "REINDEX_MIN_ROWS", 1_000)
    today = date.today()
    lines = [TX_HEADER] + [f"{'A1' if i % 2 else 'B1'},,{today.replace(day=1).isoformat()},"
                           f"{i},{i / 10},,," for i in range(1, 8_001)]
    path = _csv(tmp_path / "big.csv", lines)
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND " \
              "tbl_name = 'transactions' ORDER BY name"
    before = book.query(indexes)
    original = writer_module.BulkWriter._refresh_transaction_figures

    def crash(self: writer_module.BulkWriter) -> None:
        raise RuntimeError("crash after the rows, before the figures")

    monkeypatch.setattr(writer_module.BulkWriter, "_refresh_transaction_figures", crash)
    with pytest.raises(RuntimeError):
        run_import(book, path, "transactions")
    assert book.query(indexes) == before
    assert book.scalar("SELECT count(*) FROM transactions") == 0
    monkeypatch.setattr(writer_module.BulkWriter, "_refresh_transaction_figures", original)
    assert run_import(book, path, "transactions").created == 8_000
    assert book.query(indexes) == before
    figures = "SELECT customer_id, revenue_12m, profit_12m, first_purchase, last_purchase " \
              "FROM customer_metrics ORDER BY customer_id"
    after_import = book.query(figures)
    book.refresh_activity()
    assert book.query(figures) == after_import
    assert sum(r["revenue_12m"] for r in after_import) > 0
