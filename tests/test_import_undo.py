"""An import is undone through its own batch: its rows go, the fields it changed come back,
later edits and other imports stay, and the undo shows in History; one backup per import."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from main import main
from models.entities import Contact, Customer, Interaction, Transaction
from models.enums import InteractionKind
from storage.backup import list_backups
from storage.database import Database
from storage.errors import ImportAlreadyUndoneError
from storage.importer import run_import
from storage.importer.batches import get_batch, list_batches
from storage.importer.undo import undo_import

DAY = (date.today() - timedelta(days=30)).isoformat()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _lines(db: Database, code: str) -> list[float]:
    return sorted(r[0] for r in db.conn.execute(
        "SELECT t.amount FROM transactions t JOIN customers c ON c.id = t.customer_id "
        "WHERE c.code = ? AND t.deleted_at IS NULL", [code]))


def _revenue(db: Database, customer_id: str) -> float:
    return float(db.scalar("SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?",
                           [customer_id]))


@pytest.fixture
def book(fresh_db: Database) -> Database:
    fresh_db.add(Customer(name="Acme", code="A1", industry="Retail", owner="Li"))
    fresh_db.add(Customer(name="Beta", code="B1"))
    return fresh_db


def test_undoing_the_first_of_two_imports_keeps_the_second_and_a_later_edit(
        book: Database, tmp_path: Path) -> None:
    acme = book.find(Customer, "code = 'A1'")[0]
    a = run_import(book, _write(tmp_path / "a.csv", "customer code,date,amount,reference\n"
                                f"A1,{DAY},100,A-1\nA1,{DAY},200,A-2\nB1,{DAY},50,A-3\n"),
                   "transactions")
    book.update(replace(book.get(Customer, acme.id), industry="Optics"))
    b = run_import(book, _write(tmp_path / "b.csv", "customer code,date,amount,reference\n"
                                f"A1,{DAY},300,B-1\nB1,{DAY},70,B-2\n"), "transactions")
    assert (a.batch, b.batch) == (1, 2) and _lines(book, "A1") == [100, 200, 300]
    assert a.batch is not None and b.batch is not None
    assert _revenue(book, acme.id) == 600

    done = undo_import(book, a.batch)

    assert (done.removed, done.reverted, done.kept) == (3, 0, [])
    assert _lines(book, "A1") == [300] and _lines(book, "B1") == [70]  # B's rows stay
    assert book.get(Customer, acme.id).industry == "Optics"  # the edit stays
    assert _revenue(book, acme.id) == 300
    batch = get_batch(book, a.batch)
    assert batch is not None and batch.undone and batch.undo_change_id == done.undo_id
    other = get_batch(book, b.batch)
    assert other is not None and other.undone_at is None
    # The undo is in the customer's History: the lines removed, under the file's name.
    latest = book.history(acme.id)[0]
    assert (latest.action, latest.table_name, latest.record_id, latest.new_value) == \
        ("delete", "import_batches", "a.csv", 2)
    assert latest.change_id == done.undo_id


def test_undoing_a_customers_import_reverts_updates_and_removes_unused_new_customers(
        book: Database, tmp_path: Path) -> None:
    acme = book.find(Customer, "code = 'A1'")[0]
    result = run_import(book, _write(tmp_path / "customers.csv",
                                     "code,name,industry\nA1,Acme Holdings,Optics\n"
                                     "N1,Newco,Steel\nN2,Newer,Paper\n"), "customers")
    assert (result.created, result.updated) == (2, 1)
    assert book.get(Customer, acme.id).industry == "Optics"
    newer = book.find(Customer, "code = 'N2'")[0]
    book.add(Transaction(customer_id=newer.id, date=date.today(), amount=10))  # uses Newer

    done = undo_import(book, result.batch)  # type: ignore[arg-type]

    assert book.get(Customer, acme.id).industry == "Retail"  # the field comes back
    assert book.get(Customer, acme.id).owner == "Li"
    assert book.find(Customer, "code = 'N1'") == []  # created, used by nothing: gone
    assert book.find(Customer, "code = 'N2'", include_deleted=True)[0].deleted_at is None
    assert (done.removed, done.reverted) == (1, 1)
    assert [(k.table, k.record_id, k.reason) for k in done.kept] == \
        [("customers", newer.id, "used")]
    assert book.scalar("SELECT deleted FROM customer_metrics m JOIN customers c ON "
                       "c.id = m.customer_id WHERE c.code = 'N1'") == 1
    assert book.get(Customer, acme.id).name == "Acme"
    keys = book.conn.execute("SELECT c.name_sort, c.search_text, m.search_text FROM customers c "
                             "JOIN customer_metrics m ON m.customer_id = c.id WHERE c.id = ?",
                             [acme.id]).fetchone()
    assert "holdings" not in keys[0].lower() and "holdings" not in keys[1].lower()
    assert keys[2] == keys[1]  # the book's copy follows
    back = {c.field: (c.old_value, c.new_value) for c in book.history(acme.id)
            if c.change_id == done.undo_id}
    assert back == {"industry": ("Optics", "Retail"), "name": ("Acme Holdings", "Acme")}


def test_a_record_changed_since_the_import_is_kept_and_named(book: Database,
                                                             tmp_path: Path) -> None:
    acme = book.find(Customer, "code = 'A1'")[0]
    result = run_import(book, _write(tmp_path / "c.csv", "code,name,industry\nA1,Acme,Optics\n"
                                     "N1,Newco,Steel\n"), "customers")
    book.update(replace(book.get(Customer, acme.id), owner="Wang"))
    newco = book.find(Customer, "code = 'N1'")[0]
    book.update(replace(newco, city="Xiamen"))

    done = undo_import(book, result.batch)  # type: ignore[arg-type]

    assert sorted((k.record_id, k.reason) for k in done.kept) == \
        sorted([(acme.id, "changed"), (newco.id, "changed")])
    assert (done.removed, done.reverted) == (0, 0)
    kept = book.get(Customer, acme.id)
    assert (kept.industry, kept.owner) == ("Optics", "Wang")  # left exactly as it is
    assert book.get(Customer, newco.id).city == "Xiamen"


def test_contacts_import_undo_removes_new_contacts_and_reverts_changed_ones(
        book: Database, tmp_path: Path) -> None:
    acme = book.find(Customer, "code = 'A1'")[0]
    zhang = book.add(Contact(customer_id=acme.id, name="Zhang", title="Buyer"))
    result = run_import(book, _write(tmp_path / "people.csv",
                                     "customer code,name,title\nA1,Zhang,Director\n"
                                     "A1,Wu,Engineer\nA1,Qian,Manager\n"), "contacts")
    assert (result.created, result.updated) == (2, 1)
    qian = book.find(Contact, "name = 'Qian'")[0]
    book.add(Interaction(customer_id=acme.id, kind=InteractionKind.MEETING,
                         occurred_at=datetime(2026, 11, 2, 10, 0), summary="Visit",
                         contact_ids=(qian.id,)))
    assert "wu" in book.scalar("SELECT search_text FROM customers WHERE id = ?", [acme.id])

    done = book.undo(_import_change(book, acme.id))  # the History tab's path

    assert book.get(Contact, zhang.id).title == "Buyer"
    assert [c.name for c in book.find(Contact, "customer_id = ?", [acme.id])] == \
        ["Zhang", "Qian"]  # Qian is named by a later meeting: kept
    assert "wu" not in book.scalar("SELECT search_text FROM customers WHERE id = ?", [acme.id])
    assert get_batch(book, result.batch).undo_change_id == done  # type: ignore[arg-type, union-attr]


def _import_change(db: Database, customer_id: str) -> str:
    """The change id of the newest change of the customer that an import wrote (the History
    tab's row of the import)."""
    ids = {b.change_id for b in list_batches(db)}
    return next(c.change_id for c in db.history(customer_id) if c.change_id in ids)


def test_undoing_twice_is_refused_with_a_clear_message(book: Database, tmp_path: Path) -> None:
    result = run_import(book, _write(tmp_path / "march.csv", "customer code,date,amount\n"
                                     f"A1,{DAY},100\n"), "transactions")
    first = book.undo(_import_change(book, book.find(Customer, "code = 'A1'")[0].id))
    with pytest.raises(ImportAlreadyUndoneError) as refused:
        undo_import(book, result.batch)  # type: ignore[arg-type]
    assert "The import of march.csv (" in str(refused.value)
    assert "was already undone on " in str(refused.value)
    assert "import the file again" in str(refused.value)
    with pytest.raises(ImportAlreadyUndoneError):
        book.undo(first)  # the undo itself is not redone either
    assert _lines(book, "A1") == []


def test_a_refused_or_empty_import_leaves_no_batch(book: Database, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.csv", f"customer code,date,amount\nA1,{DAY},x\nA1,{DAY},5\n")
    assert run_import(book, bad, "transactions", skip_invalid=False).batch is None
    good = _write(tmp_path / "good.csv", f"customer code,date,amount\nA1,{DAY},5\n")
    assert run_import(book, good, "transactions").batch == 1
    assert run_import(book, good, "transactions").batch is None  # all lines already there
    assert [b.id for b in list_batches(book)] == [1]


def test_a_file_import_makes_exactly_one_backup(tmp_path: Path) -> None:
    path = tmp_path / "book.db"
    with Database(path) as db:
        db.add(Customer(name="Acme", code="A1"))
        before = len(list_backups(path))
        run_import(db, _write(tmp_path / "t.csv", f"customer code,date,amount\nA1,{DAY},9\n"),
                   "transactions")
        made = list_backups(path)[:len(list_backups(path)) - before]
    assert [b.reason for b in made] == ["import"]


def test_the_command_lists_and_undoes_imports(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "book.db"
    with Database(path) as db:
        db.add(Customer(name="Acme", code="A1"))
    source = _write(tmp_path / "sales.csv", f"customer code,date,amount\nA1,{DAY},9\n")
    assert main(["--db", str(path), "import", "transactions", str(source)]) == 0
    assert "Import batch 1: undo it with 'keyplan import --undo 1'." in capsys.readouterr().out
    assert main(["--db", str(path), "import", "--list"]) == 0
    assert "transactions sales.csv: 1 added, 0 updated" in capsys.readouterr().out
    assert main(["--db", str(path), "import", "--undo", "last", "--no-rescore"]) == 0
    assert "rows removed: 1; records put back: 0." in capsys.readouterr().out
    assert main(["--db", str(path), "import", "--undo", "1"]) == 1
    assert "was already undone" in capsys.readouterr().err
    assert main(["--db", str(path), "import", "--undo", "last"]) == 1
    assert "no import to undo" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(path), "import", "transactions"])
    assert usage.value.code == 2


def test_cancelling_during_the_backup_writes_nothing_and_leaves_no_file(tmp_path: Path) -> None:
    from storage.backup import backup_folder
    from storage.importer import ImportCancelled

    path = tmp_path / "book.db"
    with Database(path) as db:
        db.add(Customer(name="Acme", code="A1"))
        before = sorted(p.name for p in backup_folder(path).iterdir()) \
            if backup_folder(path).is_dir() else []
        calls: list[tuple[int, int]] = []

        def cancel(done: int, total: int) -> bool:
            calls.append((done, total))
            return False  # the user pressed Cancel at the first report (the backup's)

        source = _write(tmp_path / "t.csv", f"customer code,date,amount\nA1,{DAY},9\n")
        with pytest.raises(ImportCancelled):
            run_import(db, source, "transactions", progress=cancel)
        assert len(calls) == 1
        assert db.scalar("SELECT count(*) FROM transactions") == 0
        assert list_batches(db) == []
        after = sorted(p.name for p in backup_folder(path).iterdir())
    assert after == before  # no backup, no partial file
