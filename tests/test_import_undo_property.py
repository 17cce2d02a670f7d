"""Property: importing customers, contacts and transactions, then undoing the imports newest
first, leaves every live row of the user tables (and the book's figures) as they were."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.entities import Contact, Customer, Transaction
from storage.database import Database
from storage.importer import run_import
from storage.importer.undo import undo_import

CODES = ["A1", "A2", "A3", "N1", "N2", "N3"]  # A*: in the book before; N*: new
WORDS = ["Optics", "Steel", "Paper", "Retail", ""]
DAY = date.today() - timedelta(days=40)
IGNORED = {"updated_at", "import_batch"}  # a reverted record is saved again


def _live(db: Database, table: str) -> list[tuple[Any, ...]]:
    cursor = db.conn.execute(f"SELECT * FROM [{table}] WHERE deleted_at IS NULL")
    names = [d[0] for d in cursor.description]
    return sorted(tuple((n, v) for n, v in zip(names, row, strict=True) if n not in IGNORED)
                  for row in cursor)


def _state(db: Database) -> dict[str, Any]:
    state: dict[str, Any] = {t: _live(db, t) for t in ("customers", "contacts", "transactions")}
    state["metrics"] = db.conn.execute(
        "SELECT customer_id, revenue_12m, profit_12m, last_purchase, deleted, search_text, "
        "name_sort FROM customer_metrics WHERE deleted = 0 ORDER BY customer_id").fetchall()
    return state


customer_rows = st.dictionaries(st.sampled_from(CODES), st.tuples(st.sampled_from(WORDS),
                                                                  st.sampled_from(WORDS)),
                                max_size=6)
contact_rows = st.dictionaries(st.tuples(st.sampled_from(CODES), st.sampled_from(["Li", "Wu"])),
                               st.sampled_from(WORDS), max_size=5)
line_rows = st.lists(st.tuples(st.sampled_from(CODES), st.integers(1, 10_000),
                               st.integers(0, 400)), max_size=12)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customers=customer_rows, contacts=contact_rows, lines=line_rows)
def test_imports_undone_newest_first_leave_the_book_as_it_was(
        tmp_path: Path, customers: dict[str, tuple[str, str]],
        contacts: dict[tuple[str, str], str], lines: list[tuple[str, int, int]]) -> None:
    with Database(":memory:") as db:
        for code, industry in zip(CODES[:3], WORDS, strict=False):
            customer = db.add(Customer(name=f"Firm {code}", code=code, industry=industry))
            db.add(Contact(customer_id=customer.id, name="Li", title="Buyer"))
            db.add(Transaction(customer_id=customer.id, date=DAY, amount=100, reference=code))
        before = _state(db)
        files = [
            ("customers", "code,name,industry,city\n" + "".join(
                f"{code},Firm {code},{industry},{city}\n"
                for code, (industry, city) in customers.items())),
            ("contacts", "customer code,name,title\n" + "".join(
                f"{code},{name},{title}\n" for (code, name), title in contacts.items())),
            ("transactions", "customer code,date,amount,profit,reference\n" + "".join(
                f"{code},{DAY},{amount},{profit},R{n}\n"
                for n, (code, amount, profit) in enumerate(lines))),
        ]
        batches = []
        for kind, text in files:
            if text.count("\n") == 1:
                continue  # a header and no rows is refused (HeadersOnlyError), not imported
            path = tmp_path / f"{kind}.csv"
            path.write_text(text, encoding="utf-8")
            result = run_import(db, path, kind, skip_invalid=True)  # unknown codes left out
            if result.batch is not None:
                batches.append(result.batch)
        for batch in reversed(batches):
            done = undo_import(db, batch)
            assert done.kept == []
        assert _state(db) == before
