"""The transactions import's bulk path (issue 15, performance): a chunk of rows converted
column by column must come to exactly what the row-by-row path makes of the same file, the
same counts, messages, sample and stored lines, whatever the mix of good and bad rows."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import astuple
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Customer
from storage.database import Database
from storage.importer import preview_import, run_import
from storage.importer.file_errors import ImportFileError
from storage.importer.handlers import RowHandler, TransactionRowsHandler
from storage.importer.results import ImportPreview

HEADER = ["客户编号", "客户名称", "日期", "金额", "毛利", "到期日", "付款日", "单号", "产品",
          "备注"]
#: Cells of every sort the readers give: good ones, blank markers, bad dates and amounts,
#: text too long or with control characters, total words.
CELLS: dict[str, list[str]] = {
    "code": ["A1", "A1", "B1", "B1", "", "Z9", " A1", "NA", "合计", "12.0"],
    "name": ["", "Acme", "Solo", "Twin", "Nobody", " Solo", "Total", "NA"],
    "date": ["2026-05-01", "2026-05-02", "2026/5/3", "2026-05-01", "", "2026-02-30", "x",
             "N/A", "46143", "2026年5月4日", "合计"],
    "amount": ["10", "12.5", "-3", "0", "1,234.5", "", "abc", "1_000", "nan", "1e16", "NULL",
               "(5)", " 7 ", "Total:"],
    "profit": ["1", "", "-", "x", "0.3"],
    "due": ["", "2026-05-20", "2026-04-01", "bad"],
    "paid": ["", "2026-05-03", "2026-04-30"],
    "order": ["O1", "O2", "", "—", "x" * 90],
    "product": ["bolts", "nuts", "", "a\nb", "a\x01b", "空"],
    "notes": ["", "two\nlines", "x" * 2_001, "ok"],
}
FIELDS = list(CELLS)


@pytest.fixture
def book(fresh_db: Database) -> Database:
    fresh_db.add(Customer(name="Acme", code="A1"))
    fresh_db.add(Customer(name="Bolt", code="B1"))
    fresh_db.add(Customer(name="Solo"))  # no code: found by its name
    fresh_db.add(Customer(name="Twin", code="T1"))
    fresh_db.add(Customer(name="Twin", code="T2"))  # a name two customers share
    return fresh_db


def _rows(rng: random.Random, count: int) -> Iterator[list[str]]:
    for _ in range(count):
        roll = rng.random()
        if roll < 0.02:
            yield []  # a blank line
        elif roll < 0.03:
            yield ["", "", "", "-", "N/A"]  # blank markers only
        elif roll < 0.75:  # mostly good: a known code, a date, an amount
            yield [rng.choice(["A1", "B1"]), "", f"2026-05-{rng.randint(1, 28):02d}",
                   f"{rng.randint(-5, 900)}.{rng.randint(0, 99):02d}",
                   rng.choice(["", "1.5"]), rng.choice(["", "2026-06-30"]), "",
                   rng.choice(["O1", "O2", ""]), rng.choice(["bolts", "nuts"]), ""]
        else:
            yield [rng.choice(CELLS[name]) for name in FIELDS]


def _write(path: Path, rows: Iterator[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        out.writerows(rows)
    return path


def _seen(preview: ImportPreview, db: Database) -> dict[str, Any]:
    """Everything a preview tells the user, in comparable form (customers by code or name:
    those an import makes get new ids each time)."""
    names = _names(db) | {m.customer_id: m.code or m.name for m in preview.new_customers}
    return {"counts": (preview.rows, preview.valid, preview.skipped, preview.filtered,
                       preview.duplicates, preview.bad_rows, preview.orders, preview.returns,
                       preview.zero_lines, preview.creates, preview.updates,
                       preview.customers_created, preview.issues_truncated),
            "duplicate_rows": preview.duplicate_rows,
            "issues": [astuple(issue) for issue in preview.issues],
            "sample": [{**line, "customer_id": names[line["customer_id"]]}
                       for line in preview.sample],
            "new_customers": [(m.row, m.action, m.code, m.name) for m in preview.new_customers]}


def _names(db: Database) -> dict[str, str]:
    return {r[0]: r[1] or r[2] for r in db.conn.execute("SELECT id, code, name FROM customers")}


def _stored(db: Database) -> list[tuple[Any, ...]]:
    codes = _names(db)
    return [(codes[r[0]], *r[1:]) for r in db.conn.execute(
        "SELECT customer_id, date, amount, profit, due_date, paid_date, reference, product, "
        "notes, order_no FROM transactions WHERE deleted_at IS NULL ORDER BY rowid")]


def _row_by_row(patch: pytest.MonkeyPatch) -> None:
    """The handler as before the bulk path: each row through row(), total rows told by
    values.data_rows alone."""
    patch.setattr(TransactionRowsHandler, "rows", RowHandler.rows)
    patch.setattr(TransactionRowsHandler, "strict_columns", RowHandler.strict_columns)


def _both(book: Database, path: Path, monkeypatch: pytest.MonkeyPatch, write: bool = True,
          **options: Any) -> tuple[Any, Any]:
    """What the bulk path and the row-by-row path make of ``path``, each on a copy of the
    book, written (``run_import``) or only checked."""
    results = []
    for bulk in (True, False):
        copy = Database(":memory:")
        book.conn.backup(copy.conn)
        with monkeypatch.context() as patch:
            if not bulk:
                _row_by_row(patch)
            if write:
                result = run_import(copy, path, "transactions", **options)
                seen: tuple[Any, ...] = (_seen(result.preview, copy), result.written,
                                         _stored(copy))
            else:
                seen = (_seen(preview_import(copy, path, "transactions", **options), copy),)
        results.append(seen)
        copy.close()
    return results[0], results[1]


@pytest.mark.parametrize("create", [False, True])
def test_a_mixed_file_over_several_chunks_imports_as_row_by_row(
        book: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create: bool) -> None:
    path = _write(tmp_path / "mixed.csv", _rows(random.Random(15), 5_500))
    # Some of the file's lines are in the book already: duplicates among the chunks.
    _write(tmp_path / "first.csv", _rows(random.Random(15), 700))
    run_import(book, tmp_path / "first.csv", "transactions", skip_invalid=True)
    before = len(_stored(book))
    bulk, one_by_one = _both(book, path, monkeypatch, skip_invalid=True,
                             create_customers=create)
    assert bulk == one_by_one
    counts = bulk[0]["counts"]
    assert counts[4] > 100 and counts[5] > 500 and counts[1] > 3_000  # each sort is there
    assert bulk[1] and len(bulk[2]) == before + counts[1]
    preview_bulk, preview_rows = _both(book, path, monkeypatch, write=False,
                                       create_customers=create)
    assert preview_bulk == preview_rows


def test_all_or_nothing_and_where_filters_agree(book: Database, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "mixed.csv", _rows(random.Random(7), 2_500))
    bulk, one_by_one = _both(book, path, monkeypatch, skip_invalid=False)
    assert bulk == one_by_one and bulk[1] is False and bulk[2] == []
    bulk, one_by_one = _both(book, path, monkeypatch, where=["产品=bolts"])
    assert bulk == one_by_one and bulk[0]["counts"][3] > 0


def test_clean_columns_read_blank_markers_and_spaces_as_row_by_row(
        book: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Columns without a bad cell take the quickest paths (texts of many values stripped
    together, markers looked up once; texts of few values through a cache): they must still
    read NULL, 空 and — as empty and strip spaces."""
    rng = random.Random(3)
    rows = [[rng.choice(["A1", "B1"]), "", f"2026-05-{rng.randint(1, 28):02d}",
             str(rng.randint(1, 900)), rng.choice(["", "1.5", " 2 ", "NA"]), "", "",
             rng.choice([f"O{i}", "—", "", f" O{i} ", "n/a"]),
             rng.choice([f"bolt {i}", " nuts ", "空", "-", f"M{i % 9}"]),
             rng.choice(["", "NULL", f"note {i}", "(空白)"])] for i in range(3_000)]
    bulk, one_by_one = _both(book, _write(tmp_path / "clean.csv", iter(rows)), monkeypatch)
    assert bulk == one_by_one
    stored = bulk[2]
    assert {line[7] for line in stored if not line[7].startswith(("bolt ", "M"))} == {"nuts", ""}
    assert all(line[9] is None or line[9] == f"O{line[9][1:]}" for line in stored)
    assert sum(line[9] is None for line in stored) > 1_000


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from([c for cells in CELLS.values() for c in cells]),
                         max_size=len(HEADER) + 1), min_size=1, max_size=40))
def test_any_rows_import_as_row_by_row(tmp_path_factory: pytest.TempPathFactory,
                                       rows: list[list[str]]) -> None:
    path = _write(tmp_path_factory.mktemp("any") / "any.csv", iter(rows))

    def checked(db: Database) -> dict[str, Any] | str:
        try:
            return _seen(preview_import(db, path, "transactions", create_customers=True), db)
        except ImportFileError as error:  # nothing below the header, say
            return type(error).__name__

    with Database(":memory:") as db, pytest.MonkeyPatch.context() as patch:
        db.add(Customer(name="Acme", code="A1"))
        db.add(Customer(name="Solo"))
        bulk = checked(db)
        _row_by_row(patch)
        assert checked(db) == bulk


def test_every_scored_customer_the_import_touches_is_stamped(book: Database,
                                                             tmp_path: Path) -> None:
    """A line that changes none of its customer's figures (a zero-value line on a known
    day) still stamps the customer, so an explanation scored before the import reads as
    stale; the figures' own update stamps the others (the stamp is skipped only when that
    update reached every customer)."""
    first = _write(tmp_path / "first.csv", iter([["A1", "", "2026-05-01", "10"],
                                                 ["B1", "", "2026-05-01", "10"]]))
    run_import(book, first, "transactions")
    book.rescore(date(2026, 6, 30))
    book.conn.execute("UPDATE customer_metrics SET computed_at = '2000-01-01'")
    book.conn.commit()
    second = _write(tmp_path / "second.csv", iter([["A1", "", "2026-05-01", "0"],
                                                  ["B1", "", "2026-05-02", "5"]]))
    run_import(book, second, "transactions")
    stamps = dict(book.conn.execute(
        "SELECT c.code, m.computed_at FROM customer_metrics m JOIN customers c "
        "ON c.id = m.customer_id WHERE c.code IN ('A1', 'B1')").fetchall())
    assert stamps["A1"] != "2000-01-01" and stamps["A1"] == stamps["B1"]


def test_a_line_of_a_customer_the_book_lacks_fails_as_the_foreign_key_would(
        book: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import turns SQLite's per-line foreign key check off for its transaction and
    checks the customers of all its lines once instead: a customer gone missing (here a
    code the import believes known) still fails it, and nothing stays written."""
    import sqlite3

    from storage.importer.identity import BookCustomers

    path = _write(tmp_path / "ok.csv", iter([["A1", "", "2026-05-01", "10"]] * 3))
    real = BookCustomers.__init__

    def with_a_ghost(self: BookCustomers, rows: Any) -> None:
        real(self, rows)
        self.by_code["A1"] = "no-such-customer"

    monkeypatch.setattr(BookCustomers, "__init__", with_a_ghost)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        run_import(book, path, "transactions")
    assert book.scalar("SELECT count(*) FROM transactions") == 0
    assert book.scalar("PRAGMA foreign_keys") == 1
    monkeypatch.undo()
    assert run_import(book, path, "transactions").created == 3
    assert book.scalar("PRAGMA foreign_keys") == 1
