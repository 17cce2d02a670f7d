"""A whole-book import writes in bulk (issue 15, point 9): new customers and contacts a chunk
at a time, their change-log entries in one statement per chunk, the contacts' names into
their customers' search texts in one pass, the change log's indexes and the activity figures
once at the end of the book. What the record-by-record path wrote must all still be there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storage.importer.deferred as deferred_module
import storage.importer.workbook as workbook_module
from models.entities import Contact, Customer, Interaction, Need
from models.enums import InteractionKind, NeedKind
from storage.book import Book
from storage.database import Database
from storage.importer import spreadsheet
from storage.search_keys import search_text, with_contacts

_ID = "0f3c2a1e-5b6d-4c7e-8f90-a1b2c3d4e5f6"
_OTHER_ID = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a"


def _created(db: Database, table: str) -> dict[tuple[str, str], Any]:
    """(record id, field) -> value logged when the records of ``table`` were made."""
    return {(r[0], r[1]): r[2] for r in db.conn.execute(
        "SELECT record_id, field, new_value FROM change_log WHERE action = 'create' AND "
        "table_name = ?", [table])}


def _indexes(db: Database) -> list[tuple[str, str]]:
    return sorted(db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                  "AND sql IS NOT NULL"))


def _small_book(folder: Path) -> tuple[Path, dict[str, dict[tuple[str, str], Any]]]:
    """A book of two customers with contacts, a need and an interaction, exported; with the
    create entries its own window-made records logged."""
    with Book(folder / "a.db") as book:
        huawei = book.customers.add(Customer(name="华为技术", code="A1", industry="电信",
                                             tags=("VIP", "华东"), notes="line\nother")).record
        acme = book.customers.add(Customer(name="Acme Foods", city="Lyon")).record
        fang = book.contacts.add(Contact(customer_id=huawei.id, name="王芳", title="CFO",
                                         influence=4)).record
        book.contacts.add(Contact(customer_id=huawei.id, name="Li Lei", phone="138 0000 0000"))
        book.contacts.add(Contact(customer_id=acme.id, name="Ann Smith"))
        book.needs.add(Need(customer_id=huawei.id, kind=NeedKind.COMPLAINT, description="空"))
        book.interactions.add(Interaction(customer_id=huawei.id, kind=InteractionKind.CALL,
                                          occurred_at=datetime(2026, 6, 1, 9, 45),
                                          summary="call", contact_ids=(fang.id,)))
        logged = {table: _created(book.reader, table) for table in ("customers", "contacts")}
        path = book.exports.book(folder / "all.xlsx", lang="en").path
    return path, logged


def test_new_customers_and_contacts_are_logged_field_by_field_as_one_by_one(
        tmp_path: Path) -> None:
    path, made_by_hand = _small_book(tmp_path)
    assert len(made_by_hand["customers"]) >= 9 and len(made_by_hand["contacts"]) >= 8
    with Book(tmp_path / "b.db") as book:
        result = book.imports.run_book(path).result
        assert result.written and result.bad_rows == 0
        db = book.reader
        for table in ("customers", "contacts"):
            assert _created(db, table) == made_by_hand[table], table
        # Every entry of the import carries its batches' change ids, none a change of its own.
        batches = {r[0] for r in db.conn.execute("SELECT change_id FROM import_batches")}
        logged = {r[0] for r in db.conn.execute("SELECT DISTINCT change_id FROM change_log")}
        assert logged <= batches


@pytest.mark.parametrize("whole_book_from", [0, 500])
def test_search_texts_and_activity_figures_are_those_of_a_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_book_from: int) -> None:
    """Refreshed for the customers touched, or (from 0: for any number) the whole book's,
    its figures' indexes dropped and made again."""
    monkeypatch.setattr(deferred_module, "FULL_REFRESH_FROM", whole_book_from)
    path, _logged = _small_book(tmp_path)
    with Book(tmp_path / "b.db") as book:
        indexes = _indexes(book.reader)
        assert sum(name.startswith("idx_book_") for name, _sql in indexes) >= 10
        assert book.imports.run_book(path).result.written
        db = book.reader
        assert _indexes(db) == indexes
        texts = dict(db.conn.execute("SELECT id, search_text FROM customers"))
        huawei = next(t for t in texts.values() if t.startswith("华为技术"))
        assert huawei.split("\x1f") == ["华为技术", "huaweijishu", "hwjs", "王芳", "wangfang",
                                        "wf", "li lei", "a1", "vip", "华东"]
        figures = db.query("SELECT customer_id, open_needs, last_interaction_at, search_text "
                           "FROM customer_metrics ORDER BY customer_id")
        assert [f["customer_id"] for f in figures] == sorted(texts)
        assert sorted(f["open_needs"] for f in figures) == [0, 1]
        assert sum(f["last_interaction_at"] is not None for f in figures) == 1
        assert {f["customer_id"]: f["search_text"] for f in figures} == texts
        for customer_id in texts:  # the record-by-record refresh finds nothing to change
            db.refresh_search_text(customer_id)
        assert dict(db.conn.execute("SELECT id, search_text FROM customers")) == texts
        db.refresh_activity()
        assert db.query("SELECT customer_id, open_needs, last_interaction_at, search_text "
                        "FROM customer_metrics ORDER BY customer_id") == figures


def test_two_new_customers_giving_one_keplan_id_are_two(tmp_path: Path) -> None:
    """The second cannot take the id the first took, though the first waits unwritten."""
    with Book(tmp_path / "a.db") as book:
        book.customers.add(Customer(name="Acme", code="A1"))
        book.customers.add(Customer(name="Beta", code="B2"))
        path = book.exports.book(tmp_path / "all.xlsx", lang="en").path
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Customers"]
    column = [c.value for c in sheet[1]].index("KeyPlan ID") + 1
    sheet.cell(2, column, _ID)
    sheet.cell(3, column, _ID)
    workbook.save(path)
    with Book(tmp_path / "b.db") as book:
        result = book.imports.run_book(path).result
        assert result.written and result.created == 2
        ids = dict(book.reader.conn.execute("SELECT code, id FROM customers"))
        assert ids["A1"] == _ID and ids["B2"] != _ID


def test_a_contact_given_twice_by_its_keyplan_id_is_made_then_updated(tmp_path: Path) -> None:
    """The second row updates the contact the first made, which still waits to be written."""
    with Book(tmp_path / "a.db") as book:
        customer = book.customers.add(Customer(name="Acme", code="A1")).record
        book.contacts.add(Contact(customer_id=customer.id, name="Ann", title="Buyer"))
        book.contacts.add(Contact(customer_id=customer.id, name="Bob", title="CFO"))
        path = book.exports.book(tmp_path / "all.xlsx", lang="en").path
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Contacts"]
    column = [c.value for c in sheet[1]].index("KeyPlan ID") + 1
    sheet.cell(2, column, _OTHER_ID)
    sheet.cell(3, column, _OTHER_ID)
    workbook.save(path)
    with Book(tmp_path / "b.db") as book:
        result = book.imports.run_book(path).result
        assert result.written and result.bad_rows == 0
        contacts = book.reader.query("SELECT id, name, title FROM contacts")
        assert contacts == [{"id": _OTHER_ID, "name": "Bob", "title": "CFO"}]
        assert (result.created, result.updated) == (2, 1)  # the customer and Ann; Bob


def test_the_change_logs_indexes_come_back_whether_the_import_is_kept_or_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deferred_module, "REINDEX_MIN_ENTRIES", 1)  # dropped for any book
    path, _logged = _small_book(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook["Contacts"].append(["NOPE", "Nobody", "Carl"])  # of a customer nobody has
    workbook.save(path)
    with Book(tmp_path / "b.db") as book:
        indexes = _indexes(book.reader)
        assert sum(name.startswith("idx_change_log") for name, _sql in indexes) == 3
        refused = book.imports.run_book(path).result
        assert not refused.written and refused.bad_rows == 1
        assert _indexes(book.reader) == indexes
        assert book.reader.scalar("SELECT count(*) FROM change_log") == 0
        kept = book.imports.run_book(path, skip_invalid=True).result
        assert kept.written and book.reader.scalar("SELECT count(*) FROM contacts") == 3
        assert _indexes(book.reader) == indexes


_NAMES = st.text(st.sampled_from(list("华为技术长春盛星软件 Ab-z1\x1f\u3000")), max_size=8)


@settings(max_examples=300, deadline=None)
@given(name=_NAMES, other=_NAMES, code=_NAMES, tags=st.lists(_NAMES, max_size=3),
       before=st.lists(_NAMES, max_size=3), after=st.lists(_NAMES, max_size=3))
def test_a_search_text_from_the_stored_one_is_the_one_made_anew(
        name: str, other: str, code: str, tags: list[str], before: list[str],
        after: list[str]) -> None:
    """The contacts' pass takes the name's pinyin from the text stored with the customer:
    whatever contacts that text held, or when it is another name's (or none), the result is
    search_text's."""
    made = search_text(name, code, tags, after)
    assert with_contacts(search_text(name, code, tags, before), name, code, tags, after) == made
    assert with_contacts(search_text(other, "", (), before), name, code, tags, after) == made
    assert with_contacts(None, name, code, tags, after) == made


def test_the_next_sheet_is_read_ahead_and_never_left_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sheet is parsed once, the next one while this one is written; an import that
    stops half-way ends the child reading ahead."""
    path, _logged = _small_book(tmp_path)
    children: list[Any] = []
    original = spreadsheet._Child

    class Counted(original):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            children.append((args[1], args[2], self))

    monkeypatch.setattr(spreadsheet, "_Child", Counted)
    with Book(tmp_path / "b.db") as book:
        assert book.imports.run_book(path).result.written
    heads = [sheet for mode, sheet, _child in children if mode == "head"]
    assert sorted(heads) == sorted(set(heads)) and "Contacts" in heads and len(heads) == 11
    assert all(child._process.poll() is not None for _m, _s, child in children)

    children.clear()
    real_sheet = workbook_module._sheet

    def failing(db: Any, path: Path, kind: Any, sheet: str, *rest: Any) -> Any:
        if sheet == "Contacts":
            raise OSError("disk gone")
        return real_sheet(db, path, kind, sheet, *rest)

    monkeypatch.setattr(workbook_module, "_sheet", failing)
    with Database(tmp_path / "c.db") as db, pytest.raises(OSError):
        workbook_module.import_book(db, path)
    assert ("head", "Transactions") in [(mode, sheet) for mode, sheet, _c in children]
    assert all(child._process.poll() is not None for _m, _s, child in children)
    assert not spreadsheet._PREFETCHED


def test_ids_of_deleted_records_are_not_taken_again(tmp_path: Path) -> None:
    """A row giving the id of a record deleted in the book makes a record with a new id (the
    deleted one keeps its own for undo); the ids are looked up a chunk of rows at a time."""
    with Book(tmp_path / "a.db") as book:
        customer = book.customers.add(Customer(name="Acme", code="A1")).record
        contact = book.contacts.add(Contact(customer_id=customer.id, name="Ann")).record
        need = book.needs.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                                   description="late")).record
        path = book.exports.book(tmp_path / "all.xlsx", lang="en").path
        book.contacts.delete(contact.id)
        book.needs.delete(need.id)
        result = book.imports.run_book(path).result
        assert result.written and result.bad_rows == 0
        assert (result.created, result.updated) == (2, 1)  # Ann and the need; Acme
        db = book.reader
        for table, old in (("contacts", contact.id), ("needs", need.id)):
            rows = db.query(f"SELECT id, deleted_at FROM {table} ORDER BY deleted_at IS NULL")
            assert [r["id"] == old for r in rows] == [True, False], table
            assert rows[0]["deleted_at"] is not None and rows[1]["deleted_at"] is None
