"""Checkpoints: a new member joins from a member's whole book and the packets after it; old
packets go once every member's latest checkpoint covers them, and a book back after months
still catches up (from the checkpoint, then the tail)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from models.entities import Customer, Interaction
from models.enums import InteractionKind
from storage.book import Book
from storage.sync import checkpoint
from tests.test_sync_merge import Team, _same


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def _newcomer(team: Team, tmp_path: Path, key: str, name: str = "new.db") -> Book:
    book = Book(tmp_path / name, new_book=True)
    book.sync.join(key)
    team.books.append(book)  # closed with the team
    return book


def _age(team: Team, book: Book, days: float) -> None:
    """Make a book's packets look ``days`` old (their files' times)."""
    then = time.time() - days * 86_400
    for path in team.packets(book):
        os.utime(path, (then, then))


def test_a_new_member_joins_from_a_checkpoint_and_the_packets_after_it(
        team: Team, tmp_path: Path) -> None:
    a, b = team.books
    a.demo.generate(60, seed=5)
    customer = a.customers.add(Customer(name="华为技术", code="HW", tags=("key",))).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), phone="021-5555 0101"))
    b.customers.update(replace(b.customers.get(customer.id), city="Suzhou"))
    team.sync()
    compacted = a.sync.compact(team.folder)
    assert compacted.written and compacted.records > 1000 and compacted.deleted == 0
    assert a.sync.compact(team.folder).written is False  # nothing new: no second one
    # After the checkpoint: a tail of packets.
    b.customers.update(replace(b.customers.get(customer.id), notes="after the checkpoint"))
    team.sync()
    key = _key_of(a)
    c = _newcomer(team, tmp_path, key)
    pulled = c.sync.pull(team.folder)
    assert pulled.checkpoints == 1
    assert pulled.changes.customer_ids is None and pulled.rescore_due
    team.sync()
    for book in (a, b):
        _same(book, c)
    stored = c.customers.get(customer.id)
    assert (stored.phone, stored.city, stored.notes) == ("021-5555 0101", "Suzhou",
                                                         "after the checkpoint")
    assert "hwjs" in c.reader.scalar("SELECT search_text FROM customer_metrics "
                                     "WHERE customer_id = ?", [customer.id])
    assert c.customers.count() == a.customers.count()
    assert c.sync.status(team.folder).to_send == 0  # nothing it loaded goes back
    assert c.sync.push(team.folder).ops == 0
    # The clocks came along: a later edit on C wins over the checkpoint's, everywhere.
    c.customers.update(replace(c.customers.get(customer.id), city="Ningbo"))
    team.sync()
    assert {book.customers.get(customer.id).city for book in team.books} == {"Ningbo"}


def _key_of(book: Book) -> str:
    from storage.sync import state
    from storage.sync.keys import key_text

    found = state.device(book.connection).team_key
    assert found is not None
    return key_text(found)


def _away_while_a_works(team: Team, tmp_path: Path) -> tuple[Book, str]:
    """B edits a customer's note, closes for months; A edits the note five times later
    (each a packet) and logs five calls. Returns A and the customer."""
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme", notes="first")).record
    team.sync()
    b.customers.update(replace(b.customers.get(customer.id), notes="B's offline note"))
    b.close()
    for number in range(5):
        a.customers.update(replace(a.customers.get(customer.id), notes=f"A's note {number}"))
        a.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.CALL,
                                       occurred_at=datetime(2026, 5, 1, 10, 0),
                                       summary=f"call {number}"))
        a.sync.push(team.folder)
    return a, customer.id


def _back(team: Team, tmp_path: Path) -> Book:
    team.books[1] = Book(tmp_path / "book1.db")
    return team.books[1]


def test_a_book_back_after_months_catches_up_from_the_checkpoint_then_the_tail(
        team: Team, tmp_path: Path) -> None:
    a, customer_id = _away_while_a_works(team, tmp_path)
    young = a.sync.compact(team.folder)
    assert young.written and young.number == 6 and young.deleted == 0  # too young to go
    _age(team, a, checkpoint.KEEP_DAYS + 1)
    # B never wrote a checkpoint: A's own covers all of A's packets, so they go.
    gone = a.sync.compact(team.folder)
    assert (gone.written, gone.deleted) == (False, 6)
    assert team.packets(a) == []
    a.customers.update(replace(a.customers.get(customer_id), city="Ningbo"))  # the tail
    a.sync.push(team.folder)
    b = _back(team, tmp_path)
    pulled = b.sync.pull(team.folder)
    assert pulled.checkpoints == 1 and pulled.packets == 1
    team.sync()
    _same(a, b)
    stored = b.customers.get(customer_id)
    assert (stored.notes, stored.city) == ("A's note 4", "Ningbo")
    assert len(b.interactions.of_customer(customer_id)) == 5
    # B's offline note lost to later writes that did not know it: kept, on both books.
    (in_b,) = b.sync.conflicts(customer_id)
    assert (in_b.ours, in_b.theirs, in_b.kept) == ("B's offline note", "A's note 4", "theirs")
    (in_a,) = a.sync.conflicts(customer_id)
    assert (in_a.ours, in_a.theirs, in_a.kept) == ("A's note 4", "B's offline note", "ours")


def test_a_packet_a_members_checkpoint_does_not_cover_stays(team: Team,
                                                             tmp_path: Path) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    assert b.sync.compact(team.folder).written  # covers A's first packet only
    b.close()
    for number in range(3):
        a.customers.update(replace(a.customers.get(customer.id), notes=f"note {number}"))
        a.sync.push(team.folder)
    a.sync.compact(team.folder)
    _age(team, a, checkpoint.KEEP_DAYS + 1)
    assert a.sync.compact(team.folder).deleted == 1
    assert [int(path.stem) for path in team.packets(a)] == [2, 3, 4]
    b = _back(team, tmp_path)
    pulled = b.sync.pull(team.folder)
    assert pulled.checkpoints == 0 and pulled.packets == 3  # the tail was all it needed
    assert b.customers.get(customer.id).notes == "note 2"


def test_a_checkpoint_applied_again_or_half_arrived_changes_nothing(
        team: Team, tmp_path: Path) -> None:
    a, b = team.books
    a.demo.generate(20, seed=2)
    team.sync()
    written = a.sync.compact(team.folder)
    manifest = checkpoint.latest(team.folder, _raw_key(a))[a.sync.device_id]
    # Applied to a book that holds all of it already: not a field moves.
    from storage.sync.checkpoint_load import load

    with b.reader.atomic():
        again = load(b.reader, manifest, _raw_key(a), bulk=False,
                     refresh_all=b.reader.refresh_activity)
    assert again.records == 0 and again.conflicts == 0
    # A part cut short (still arriving): the new member waits, then joins once it is whole.
    part = manifest.path / "000001.kpk"
    whole = part.read_bytes()
    part.write_bytes(whole[: len(whole) // 2])
    c = _newcomer(team, tmp_path, _key_of(a))
    pulled = c.sync.pull(team.folder)
    assert pulled.checkpoints == 0 and pulled.packets > 0  # from the packets instead
    _same(a, c)
    part.write_bytes(whole)
    d = _newcomer(team, tmp_path, _key_of(a), "d.db")
    assert d.sync.pull(team.folder).checkpoints == 1 and written.records > 0
    _same(a, d)


def _raw_key(book: Book) -> bytes:
    from storage.sync import state

    found = state.device(book.connection).team_key
    assert found is not None
    return found


def test_a_joiner_whose_keys_come_out_otherwise_works_them_out_itself(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.search_keys import sort_key

    a, _b = team.books
    a.demo.generate(15, seed=4)
    customer = a.customers.add(Customer(name="华为技术", code="HW")).record
    # The keys A holds (and its checkpoint carries) are stale on purpose: used, they show.
    with a.reader.atomic():
        a.connection.execute("UPDATE customers SET name_sort = 'stale', search_text = 'stale'")
    a.sync.compact(team.folder)
    c = _newcomer(team, tmp_path, _key_of(a))
    monkeypatch.setattr(checkpoint, "keys_probe", lambda: ("another pinyin table",))
    manifest = checkpoint.latest(team.folder, _raw_key(a))[a.sync.device_id]
    assert not manifest.same_keys
    assert c.sync.pull(team.folder).checkpoints == 1
    for row in c.reader.query("SELECT name, name_sort, search_text FROM customers"):
        assert row["name_sort"] == sort_key(row["name"]) and row["search_text"] != "stale"
    assert "hwjs" in c.reader.scalar("SELECT search_text FROM customer_metrics WHERE "
                                     "customer_id = ?", [customer.id])
    # Where the keys come out alike, the ones carried are taken as they are.
    monkeypatch.undo()
    d = _newcomer(team, tmp_path, _key_of(a), "d.db")
    assert d.sync.pull(team.folder).checkpoints == 1
    assert d.reader.scalar("SELECT count(*) FROM customers WHERE name_sort = 'stale'") == 16
