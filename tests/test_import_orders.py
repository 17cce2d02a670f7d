"""Orders and money (issue 15, point 5): an order column groups lines into orders, and purchase
frequency counts orders (returns and zero-value lines are none); an amount from quantity times
unit price; duplicates compared to the cent; blank markers read as empty cells."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from models.config import ScoringConfig
from models.dimensions import COLUMN
from models.entities import Customer
from storage.database import Database
from storage.importer import MappingError, preview_import, run_import
from storage.importer.duplicates import cents
from storage.importer.values import BLANK_MARKERS, cell_text, is_blank, parse_amount
from storage.scoring_queries import compute_book, load_book

AS_OF = date(2026, 6, 30)
ORDERS = [
    "Customer ID,InvoiceNo,InvoiceDate,Product,Amount",
    "A1,O1,2026-05-01,bolts,10",
    "A1,O1,2026-05-01,nuts,20",
    "A1,O1,2026-05-01,washers,30",
    "A1,O2,2026-05-10,bolts,40",
    "A1,O2,2026-05-11,nuts,50",  # an order's lines may carry different dates
    "A1,C3,2026-05-12,bolts,-50",  # a return
    "A1,O4,2026-05-13,sample,0",  # a zero-value line
    "A1,,2026-05-14,service,70",  # a line without an order number: an order of its own
    "A1,O0,2025-05-01,old,80",  # before the 12-month window
    "B1,O1,2026-05-01,bolts,5",  # another customer's O1 is another order
    "B1,,2026-05-02,bolts,6",
    "B1,,2026-05-03,nuts,7",
]


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def book(fresh_db: Database) -> Database:
    fresh_db.add(Customer(name="Acme", code="A1"))
    fresh_db.add(Customer(name="Bolt", code="B1"))
    return fresh_db


def _figures(db: Database, as_of: date = AS_OF,
             customer_id: str | None = None) -> dict[str, tuple[float, float]]:
    figures, _ = load_book(db, as_of, ScoringConfig(), customer_id=customer_id)
    codes = {r["id"]: r["code"] for r in db.query("SELECT id, code FROM customers")}
    return {codes[cid]: (float(figures.invoices[i]), float(figures.orders[i]))
            for i, cid in enumerate(figures.customer_ids)}


def test_an_order_column_groups_lines_into_orders(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "orders.csv", ORDERS)
    preview = preview_import(book, path, "transactions")
    assert preview.mapping.mapped["order_no"] == "InvoiceNo"
    # A1: O1, O2, the line without a number and O0; B1: O1 and two lines without one.
    assert (preview.valid, preview.orders, preview.returns, preview.zero_lines) == (12, 7, 1, 1)
    run_import(book, path, "transactions")
    stored = book.query("SELECT order_no, count(*) AS n FROM transactions GROUP BY order_no "
                        "ORDER BY order_no")
    assert [(r["order_no"], r["n"]) for r in stored] == [
        (None, 3), ("C3", 1), ("O0", 1), ("O1", 4), ("O2", 2), ("O4", 1)]
    # In the window A1 has 8 lines: O1 (3 lines), O2 (2) and the unnumbered line are 3
    # orders; the return and the zero line are none. B1: 3 lines, 3 orders.
    assert _figures(book) == {"A1": (8.0, 3.0), "B1": (3.0, 3.0)}
    a1 = book.scalar("SELECT id FROM customers WHERE code = 'A1'")
    assert _figures(book, customer_id=a1) == {"A1": (8.0, 3.0)}
    # As of 2026-05-10 the later lines are in the future: O1 and O2's first line are 4 lines
    # in 2 orders (O0, 2025-05-01, is before that window too).
    assert _figures(book, date(2026, 5, 10)) == {"A1": (4.0, 2.0), "B1": (3.0, 3.0)}
    scores, _ = compute_book(book, AS_OF, ScoringConfig())
    position = scores.customer_ids.index(a1)
    assert scores.raw.values[position, COLUMN["frequency"]] == 3.0
    # A deleted line is no longer part of its order; the order goes with its last line.
    book.conn.execute("UPDATE transactions SET deleted_at = '2026-06-01T00:00:00+00:00' "
                      "WHERE order_no = 'O2'")
    book.conn.commit()
    assert _figures(book)["A1"] == (6.0, 2.0)


def test_without_order_numbers_frequency_counts_sales_lines(book: Database,
                                                            tmp_path: Path) -> None:
    path = _csv(tmp_path / "tx.csv", ["客户编号,日期,金额", "A1,2026-05-01,10", "A1,2026-05-01,10",
                                      "A1,2026-05-02,-3", "A1,2026-05-03,0"])
    run_import(book, path, "transactions")
    assert _figures(book)["A1"] == (4.0, 2.0)


def test_amount_is_quantity_times_unit_price(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "uci.csv", [
        "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID",
        "536365,85123A,6,2026-05-01,2.55,A1",
        "536365,71053,6,2026-05-01,3.39,A1",
        "C536379,D,-1,2026-05-02,27.50,A1",
        "536366,22633,x,2026-05-02,1.85,A1",
        "536367,22632,2,2026-05-02,,A1",
    ])
    preview = preview_import(book, path, "transactions")
    assert [(i.row, i.column, i.field) for i in preview.issues] == [
        (5, "Quantity", "quantity"), (6, "UnitPrice", "unit_price")]
    run_import(book, path, "transactions", skip_invalid=True)
    amounts = [r[0] for r in book.conn.execute("SELECT amount FROM transactions ORDER BY rowid")]
    assert amounts == [15.3, 20.34, -27.5]  # 6 x 2.55 is 15.3 exactly, not 15.299999999999999
    with_amount = _csv(tmp_path / "both.csv", ["客户编号,日期,数量,单价,金额",
                                               "A1,2026-05-03,2,5,9", "A1,2026-05-04,2,5,"])
    run_import(book, with_amount, "transactions")
    assert [r[0] for r in book.conn.execute(
        "SELECT amount FROM transactions WHERE date >= '2026-05-03' ORDER BY date")] == [9.0, 10.0]
    neither = _csv(tmp_path / "neither.csv", ["客户编号,日期,数量", "A1,2026-05-03,2"])
    with pytest.raises(MappingError) as raised:
        preview_import(book, neither, "transactions")
    assert raised.value.params["fields"] == "amount / quantity + unit_price"


def test_the_same_lines_from_a_workbook_and_a_csv_are_duplicates(book: Database,
                                                                 tmp_path: Path) -> None:
    """Workbooks store what a formula computed (1234.5600000000002); a CSV export writes
    1234.56. Compared as floats, the second import doubled the lines."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["客户编号", "日期", "金额", "毛利"])
    computed = math.nextafter(1234.56, math.inf)  # 1234.5600000000002
    assert computed != 1234.56
    sheet.append(["A1", date(2026, 5, 1), computed, 0.1 + 0.2])
    sheet.append(["B1", date(2026, 5, 2), 0.285, None])
    workbook.save(tmp_path / "sales.xlsx")
    assert run_import(book, tmp_path / "sales.xlsx", "transactions").created == 2
    csv = _csv(tmp_path / "sales.csv", ["客户编号,日期,金额,毛利", "A1,2026-05-01,1234.56,0.3",
                                        "B1,2026-05-02,0.285,", "B1,2026-05-02,0.28,"])
    again = run_import(book, csv, "transactions")
    assert (again.duplicates, again.created) == (2, 1)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("-99999999999.99"), max_value=Decimal("99999999999.99"),
                   places=2, allow_nan=False, allow_infinity=False),
       st.integers(min_value=-3, max_value=3))
def test_cents_are_the_decimal_value_whatever_the_float_noise(value: Decimal,
                                                              steps: int) -> None:
    """Any amount with two decimals, read from text or computed a few float steps away from
    it, is the same number of cents."""
    number = float(value)
    for _ in range(abs(steps)):
        number = math.nextafter(number, math.inf if steps > 0 else -math.inf)
    assert cents(number) == int(value * 100)


def test_half_cents_round_half_away_from_zero() -> None:
    assert [cents(x) for x in (0.285, -0.285, 0.125, 2.675, 0.004999)] == [29, -29, 13, 268, 0]


@pytest.mark.parametrize("marker", sorted(BLANK_MARKERS))
def test_blank_markers_are_empty_cells(marker: str) -> None:
    for variant in (marker, f" {marker.upper()} ", marker.capitalize()):
        assert cell_text(variant) == ""
        assert parse_amount("profit", variant) is None
    assert is_blank([marker, None, "  "])


@pytest.mark.parametrize("text", ["Nanjing", "NAB", "-5", "--5", "空调", "N/A price", "0"])
def test_words_that_merely_start_like_a_marker_stay(text: str) -> None:
    assert cell_text(text) == text


def test_blank_markers_in_a_file(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "tx.csv", [
        "客户编号,日期,金额,毛利,产品,订单号",
        "A1,2026-05-01,10,NULL,N/A,—",
        "A1,2026-05-02,#N/A,5,x,O9",
        "NULL,n/a,-,NA,空,null",
    ])
    preview = preview_import(book, path, "transactions")
    assert (preview.rows, preview.valid, preview.skipped) == (2, 1, 1)
    assert [(i.row, i.field, i.english()) for i in preview.issues] == [
        (3, "amount", "This field is required.")]
    run_import(book, path, "transactions", skip_invalid=True)
    row = book.query("SELECT amount, profit, product, order_no FROM transactions")[0]
    assert row == {"amount": 10.0, "profit": None, "product": "", "order_no": None}


def test_a_book_from_before_order_numbers_knows_its_lines(tmp_path: Path) -> None:
    """m015 on a book whose imports kept the order number as the reference: the lines stay,
    with no order number, and the same file imported again (its number now read as the
    order) adds nothing."""
    import sqlite3

    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.database import known_migrations
    from storage.migrations import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m015_transaction_orders")
    assert "m015_transaction_orders" in known_migrations()
    conn.execute("INSERT INTO customers (id, created_at, updated_at, name, code, name_sort) "
                 "VALUES ('a1', 't', 't', 'Acme', 'A1', 'acme')")
    conn.execute("INSERT INTO customer_metrics (customer_id) VALUES ('a1')")
    conn.execute("INSERT INTO transactions (id, created_at, updated_at, customer_id, date, "
                 "amount, reference) VALUES ('t1', 't', 't', 'a1', '2026-05-01', 10.0, 'INV-1')")
    conn.commit()
    conn.close()
    with Database(path) as db:
        assert db.query("SELECT reference, order_no FROM transactions") == [
            {"reference": "INV-1", "order_no": None}]
        again = run_import(db, _csv(tmp_path / "tx.csv", ["客户编号,日期,金额,单号",
                                                          "A1,2026-05-01,10,INV-1"]),
                           "transactions")
        assert (again.created, again.duplicates) == (0, 1)
