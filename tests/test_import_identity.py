"""Who a file row means (issue 15, point 2): one customer per code however many rows name it,
a code before a name, a name only where it is unique, one column feeding several fields, and
customers made on request by a transactions file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from models.entities import Contact, Customer
from storage.database import Database
from storage.importer import auto_map, preview_import, run_import
from storage.importer.columns import ImportKind
from storage.importer.undo import undo_import

ROOT = Path(__file__).resolve().parent.parent


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _customers(db: Database) -> list[tuple[str, str, str]]:
    return [(r["code"], r["name"], r["city"]) for r in db.query(
        "SELECT code, name, city FROM customers WHERE deleted_at IS NULL ORDER BY code, name")]


def test_a_sheet_with_one_row_per_order_gives_each_customer_once(fresh_db: Database,
                                                                 tmp_path: Path) -> None:
    """The usual ERP export used as a customer list: 7 rows, 3 customers. C2's city differs
    on two later rows: said once, on the customer, and the first city is kept."""
    path = _csv(tmp_path / "orders.csv", [
        "Order ID,Customer ID,Customer Name,City,Sales",
        "O1,C1,Acme,Berlin,10", "O2,C2,Bolt,Paris,20", "O3,C1,Acme,Berlin,30",
        "O4,C2,Bolt,Lyon,40", "O5,C3,Cog,,50", "O6,C2,Bolt,Nice,60", "O7,C3,Cog,Rome,70",
    ])
    preview = preview_import(fresh_db, path, "customers")
    assert (preview.rows, preview.valid, preview.bad_rows) == (7, 7, 0)
    assert [(m.row, m.action, m.code, m.rows) for m in preview.matches] == [
        (2, "create", "C1", 2), (3, "create", "C2", 3), (6, "create", "C3", 2)]
    assert [(w.row, w.column, w.value, w.params["rows"]) for w in preview.warnings] == [
        (5, "City", "C2", "5, 7")]
    result = run_import(fresh_db, path, "customers", skip_invalid=False)
    assert (result.written, result.created, result.updated) == (True, 3, 0)
    assert _customers(fresh_db) == [("C1", "Acme", "Berlin"), ("C2", "Bolt", "Paris"),
                                    ("C3", "Cog", "Rome")]
    again = run_import(fresh_db, path, "customers")
    assert (again.created, again.updated) == (0, 3)
    assert len(_customers(fresh_db)) == 3


def test_two_customers_sharing_a_name_are_never_merged(fresh_db: Database,
                                                       tmp_path: Path) -> None:
    fresh_db.add(Customer(name="张伟", code="C1", city="北京"))
    coded = _csv(tmp_path / "coded.csv", ["客户编号,客户名称,城市", "C2,张伟,上海", "C1,张伟,天津"])
    result = run_import(fresh_db, coded, "customers")
    assert (result.created, result.updated) == (1, 1)
    assert _customers(fresh_db) == [("C1", "张伟", "天津"), ("C2", "张伟", "上海")]
    # Without a code column a name is a key only where one customer has it.
    by_name = _csv(tmp_path / "names.csv", ["客户名称,城市", "张伟,广州"])
    preview = preview_import(fresh_db, by_name, "customers")
    assert (preview.valid, preview.bad_rows, preview.creates, preview.updates) == (0, 1, 0, 0)
    assert preview.issues[0].english() == ("2 customers are named '张伟'; give the customer "
                                           "code.")
    refused = run_import(fresh_db, by_name, "customers", skip_invalid=True)
    assert (refused.created, refused.updated) == (0, 0)
    assert _customers(fresh_db) == [("C1", "张伟", "天津"), ("C2", "张伟", "上海")]


def test_a_name_matches_only_where_the_row_has_no_code(fresh_db: Database,
                                                       tmp_path: Path) -> None:
    """A new code is a new customer even when a customer without a code has the name (that
    is said); a row without a code updates the one customer of its name."""
    fresh_db.add(Customer(name="Acme"))
    fresh_db.add(Customer(name="Bolt"))
    path = _csv(tmp_path / "c.csv", ["Code,Name,City", "A9,Acme,Oslo", ",Bolt,Rome"])
    preview = preview_import(fresh_db, path, "customers")
    assert [(m.action, m.code, m.name) for m in preview.matches] == [
        ("create", "A9", "Acme"), ("update", "", "Bolt")]
    assert [(w.row, w.field, w.params) for w in preview.warnings] == [
        (2, "code", {"key": "A9", "count": 1})]
    run_import(fresh_db, path, "customers")
    assert _customers(fresh_db) == [("", "Acme", ""), ("", "Bolt", "Rome"), ("A9", "Acme", "Oslo")]


def test_rows_without_a_code_join_the_coded_customer_of_their_name(fresh_db: Database,
                                                                   tmp_path: Path) -> None:
    path = _csv(tmp_path / "c.csv", ["Code,Name,City", ",Acme,Oslo", "A1,Acme,", "A2,Bolt,",
                                     "A3,Bolt,", ",Bolt,Rome"])
    preview = preview_import(fresh_db, path, "customers")
    assert [(m.row, m.code, m.rows) for m in preview.matches] == [(2, "A1", 2), (4, "A2", 1),
                                                                  (5, "A3", 1)]
    assert [(i.row, i.english()) for i in preview.issues] == [
        (6, "2 customers are named 'Bolt'; give the customer code.")]
    run_import(fresh_db, path, "customers", skip_invalid=True)
    assert _customers(fresh_db) == [("A1", "Acme", "Oslo"), ("A2", "Bolt", ""),
                                    ("A3", "Bolt", "")]


def test_one_column_may_feed_several_fields() -> None:
    mapping = auto_map(ImportKind.CUSTOMERS, ["CustomerID", "Country"],
                       [("CustomerID", "code"), ("CustomerID", "name")])
    assert mapping.sources == {"code": 0, "name": 0}
    assert mapping.fields_of(0) == ["code", "name"] and mapping.columns == ["code", None]
    assert mapping.mapped == {"code": "CustomerID", "name": "CustomerID"}
    assert mapping.ignored == ["Country"] and mapping.missing() == []
    # A column named in the overrides feeds exactly what they say: its own field goes.
    moved = auto_map(ImportKind.TRANSACTIONS, ["客户名称", "日期", "金额", "Sales"],
                     [("Sales", "amount")])
    assert moved.sources == {"customer_name": 0, "date": 1, "amount": 3}
    dropped = auto_map(ImportKind.TRANSACTIONS, ["客户名称", "日期", "金额"], {"金额": "ignore"})
    assert dropped.missing() == [("amount", "quantity+unit_price")]


def test_the_same_column_as_code_and_name(fresh_db: Database, tmp_path: Path) -> None:
    """The UCI retail sample has only a numeric CustomerID: it becomes both, and its
    transactions find their customers by that code, also when a workbook gives it as a
    number and a CSV as '12488.0'."""
    path = _csv(tmp_path / "c.csv", ["CustomerID,Country", "12488,France", "12489,Spain",
                                     "12488,France"])
    result = run_import(fresh_db, path, "customers",
                        overrides=[("CustomerID", "code"), ("CustomerID", "name")])
    assert (result.created, result.rejected) == (2, 0)
    assert _customers(fresh_db) == [("12488", "12488", ""), ("12489", "12489", "")]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["InvoiceNo", "InvoiceDate", "CustomerID", "Amount"])
    sheet.append(["536365", "2026-05-01", 12488, 15.3])
    sheet.append(["536366", "2026-05-02", 12489.0, 20])
    workbook.save(tmp_path / "tx.xlsx")
    assert run_import(fresh_db, tmp_path / "tx.xlsx", "transactions").created == 2
    floats = _csv(tmp_path / "tx.csv", ["InvoiceDate,CustomerID,Amount", "2026-05-03,12488.0,9"])
    assert run_import(fresh_db, floats, "transactions").created == 1
    assert fresh_db.scalar("SELECT count(*) FROM transactions t JOIN customers c ON "
                           "c.id = t.customer_id WHERE c.code = '12488'") == 2


def test_an_unknown_code_is_not_looked_up_by_name(fresh_db: Database, tmp_path: Path) -> None:
    fresh_db.add(Customer(name="张伟", code="C1"))
    path = _csv(tmp_path / "tx.csv", ["客户编号,客户名称,日期,金额", "C2,张伟,2026-05-01,10"])
    preview = preview_import(fresh_db, path, "transactions")
    assert [i.english() for i in preview.issues] == [
        "No customer has the code or name 'C2'."]


def test_a_transactions_file_makes_missing_customers_when_asked(fresh_db: Database,
                                                                tmp_path: Path) -> None:
    fresh_db.add(Customer(name="Acme", code="A1"))
    path = _csv(tmp_path / "tx.csv", [
        "客户编号,客户名称,日期,金额",
        "A1,Acme,2026-05-01,10", "N1,New One,2026-05-02,20", "N1,New One,2026-05-03,30",
        ",Walk-in,2026-05-04,40", "N2,,2026-05-05,bad", "N3," + "x" * 300 + ",2026-05-06,5",
    ])
    refused = preview_import(fresh_db, path, "transactions")
    assert (refused.valid, refused.bad_rows, refused.customers_created) == (1, 5, 0)
    preview = preview_import(fresh_db, path, "transactions", create_customers=True)
    assert (preview.valid, preview.bad_rows, preview.customers_created) == (4, 2, 2)
    assert [(m.row, m.code, m.name) for m in preview.new_customers] == [
        (3, "N1", "New One"), (5, "", "Walk-in")]
    assert [(i.row, i.column, i.field) for i in preview.issues] == [
        (6, "金额", "amount"), (7, "客户名称", "customer_name")]
    assert fresh_db.scalar("SELECT count(*) FROM customers") == 1  # a preview writes nothing
    result = run_import(fresh_db, path, "transactions", create_customers=True,
                        skip_invalid=True)
    assert (result.created, result.customers_created) == (4, 2)
    assert _customers(fresh_db) == [("", "Walk-in", ""), ("A1", "Acme", ""),
                                    ("N1", "New One", "")]
    lines = fresh_db.query("SELECT c.name, count(*) AS n, sum(t.amount) AS total "
                           "FROM transactions t JOIN customers c ON c.id = t.customer_id "
                           "GROUP BY c.name ORDER BY c.name")
    assert [tuple(r.values()) for r in lines] == [("Acme", 1, 10.0), ("New One", 2, 50.0),
                                                  ("Walk-in", 1, 40.0)]
    assert fresh_db.scalar("SELECT count(*) FROM customer_metrics") == 3
    undone = undo_import(fresh_db, result.batch or 0)
    assert undone.removed == 6  # four lines and the two customers they made
    assert _customers(fresh_db) == [("A1", "Acme", "")]


def test_a_contact_twice_in_one_file_is_one_contact(fresh_db: Database,
                                                    tmp_path: Path) -> None:
    fresh_db.add(Customer(name="Acme", code="A1"))
    path = _csv(tmp_path / "p.csv", ["客户编号,联系人,职位", "A1,Anna,Buyer", "A1,Anna,Head buyer"])
    preview = preview_import(fresh_db, path, "contacts")
    assert (preview.valid, preview.creates, preview.updates) == (2, 1, 1)
    run_import(fresh_db, path, "contacts")
    contacts = fresh_db.find(Contact, "name = ?", ["Anna"])
    assert [c.title for c in contacts] == ["Head buyer"]


def test_the_command_maps_one_column_twice_and_makes_customers(tmp_path: Path) -> None:
    db_path = tmp_path / "book.db"
    Database(db_path).close()
    customers = _csv(tmp_path / "c.csv", ["CustomerID,Country", "12488,France"])
    tx = _csv(tmp_path / "tx.csv", ["InvoiceDate,CustomerID,Amount", "2026-05-01,12488,5",
                                    "2026-05-02,777,6"])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                               "import", *args, "--no-rescore"], capture_output=True,
                              text=True, timeout=120, cwd=ROOT)

    done = run("customers", str(customers), "--map", "CustomerID=code", "--map",
               "CustomerID=name")
    assert done.returncode == 0, done.stderr + done.stdout
    refused = run("transactions", str(tx))
    assert refused.returncode == 1 and "'777'" in refused.stdout
    made = run("transactions", str(tx), "--create-customers")
    assert made.returncode == 0, made.stderr + made.stdout
    assert "1 new customer named by the file will be made: 777." in made.stdout
    assert "Made 1 new customer the file named." in made.stdout
    assert "New lines: 2; orders: 2, returns: 0, zero-value lines (no orders): 0." in made.stdout
    with Database(db_path) as db:
        assert _customers(db) == [("12488", "12488", ""), ("777", "777", "")]
        assert db.scalar("SELECT count(*) FROM transactions") == 2


# ---- properties ---------------------------------------------------------------------------
_codes = st.sampled_from(["", "", "K1", "K2", "K3", "K4"])
_names = st.sampled_from(["甲", "乙", "丙", "Acme"])
_cities = st.sampled_from(["", "北京", "上海"])
_book = st.lists(st.tuples(_codes, _names), max_size=5)
_file = st.lists(st.tuples(_codes, _names, _cities), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(book=_book, rows=_file, with_code=st.booleans())
def test_customers_import_properties(tmp_path: Path, book: list[tuple[str, str]],
                                     rows: list[tuple[str, str, str]], with_code: bool) -> None:
    """Whatever the book and the file: one customer per code, codes never change or move,
    a name shared in the book is never written by a row without a code, and the counts add
    up (each customer of the file is made or updated once, its rows counted once)."""
    db = Database(":memory:")
    try:
        seen_codes: set[str] = set()
        for code, name in book:
            if code in seen_codes:
                code = ""
            seen_codes.add(code)
            db.add(Customer(name=name, code=code))
        before = {r["id"]: (r["code"], r["name"], r["updated_at"]) for r in db.query(
            "SELECT id, code, name, updated_at FROM customers")}
        header = "客户编号,客户名称,城市" if with_code else "客户名称,城市"
        lines = [f"{c},{n},{city}" if with_code else f"{n},{city}" for c, n, city in rows]
        path = _csv(tmp_path / "c.csv", [header, *lines])
        preview = preview_import(db, path, "customers")
        assert preview.valid + preview.bad_rows == preview.rows == len(rows)
        assert preview.creates + preview.updates == len(preview.matches)
        assert sum(m.rows for m in preview.matches) == preview.valid
        assert len(preview.warnings) <= len(preview.matches) * 2
        assert len({m.customer_id for m in preview.matches}) == len(preview.matches)
        result = run_import(db, path, "customers", skip_invalid=True)
        after = {r["id"]: (r["code"], r["name"], r["updated_at"]) for r in db.query(
            "SELECT id, code, name, updated_at FROM customers")}
        assert len(after) == len(before) + result.created
        for customer_id, (code, _name, _) in before.items():
            if code:  # a coded customer keeps its code (and so stays itself)
                assert after[customer_id][0] == code
        codes = [code for code, _, _ in after.values() if code]
        assert len(codes) == len(set(codes))
        file_codes = {c for c, _, _ in rows if c} if with_code else set()
        assert file_codes <= set(codes)
        shared = {n for n in {name for _, name, _ in before.values()}
                  if sum(1 for _, name, _ in before.values() if name == n) > 1}
        for customer_id, (code, name, stamp) in before.items():
            touched = after[customer_id][2] != stamp
            if touched:  # updated: by its code, or by a name it alone had
                assert (with_code and code in file_codes) or name not in shared
    finally:
        db.close()
