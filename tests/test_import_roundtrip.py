"""Round trip: a portfolio exported from one book and imported into a new one gives the same
customers; their transactions, exported to CSV and imported, give the same figures."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from storage.database import Database
from storage.export_portfolio import export_portfolio
from storage.importer import run_import
from tests.conftest import DEMO_ANCHOR

FIELDS = ("code", "name", "kind", "industry", "region", "city", "owner", "phone", "email",
          "relationship_level")


def _customers(db: Database) -> dict[str, tuple[object, ...]]:
    return {r[0]: tuple(r) for r in db.conn.execute(
        f"SELECT {', '.join(FIELDS)} FROM customers WHERE deleted_at IS NULL")}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_portfolio_round_trip(demo_db: Database, tmp_path: Path, lang: str) -> None:
    demo_db.rescore(DEMO_ANCHOR)
    book = export_portfolio(demo_db, tmp_path / "book.xlsx", lang=lang, today=DEMO_ANCHOR).path

    with Database(tmp_path / "new.db") as new:
        result = run_import(new, book, "customers", skip_invalid=False)
        assert result.written and result.rejected == 0
        assert result.created == demo_db.customer_count()
        assert _customers(new) == _customers(demo_db)

        # The figures: every transaction through a CSV file (GB18030, as Chinese Excel saves).
        transactions = tmp_path / "transactions.csv"
        with transactions.open("w", encoding="gb18030", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["客户编号", "日期", "金额", "毛利", "到期日", "付款日", "单号", "产品"])
            for row in demo_db.conn.execute(
                    "SELECT c.code, t.date, t.amount, t.profit, t.due_date, t.paid_date, "
                    "t.reference, t.product FROM transactions t JOIN customers c ON "
                    "c.id = t.customer_id WHERE t.deleted_at IS NULL"):
                out.writerow(["" if v is None else v for v in row])
        imported = run_import(new, transactions, "transactions", skip_invalid=False)
        assert imported.rejected == 0
        assert imported.created == demo_db.scalar("SELECT count(*) FROM transactions")
        new.rescore(DEMO_ANCHOR)
        figures = "SELECT c.code, round(m.revenue_12m, 2), round(m.profit_12m, 2), " \
                  "m.first_purchase, m.last_purchase FROM customers c JOIN customer_metrics m " \
                  "ON m.customer_id = c.id"
        assert sorted(new.conn.execute(figures).fetchall()) == sorted(
            demo_db.conn.execute(figures).fetchall())

    # And the workbook itself shows the same revenue the new book computes.
    ws = openpyxl.load_workbook(book)["客户" if lang == "zh_CN" else "Customers"]
    shown = {r[0]: r[7] for r in ws.iter_rows(min_row=5, values_only=True)}
    stored = dict(demo_db.conn.execute(
        "SELECT c.code, m.revenue_12m FROM customers c JOIN customer_metrics m "
        "ON m.customer_id = c.id").fetchall())
    assert shown.keys() == stored.keys()
    assert all(shown[k] == pytest.approx(stored[k]) for k in stored)
