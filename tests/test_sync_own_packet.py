"""A packet this book wrote itself but did not record as sent (killed, disk full, a later step
failed) is found again at the next push while the folder's listing is stale (a network
share): the book reads it, sees its own changes, records it as sent and numbers on after it.
Before, it was taken for another copy's packet and the book was stopped for good."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Customer
from models.record import new_id, utc_now_iso
from storage.book import Book
from storage.sync import folder as shared
from storage.sync import home, state
from storage.sync.clock import format_hlc, now_ms
from storage.sync.errors import PacketTakenError
from storage.sync.keyring import load as keyring
from storage.sync.packets import Header, encode
from tests.test_sync_merge import Team

Writer = Callable[[Path, str, int, bytes], Path]


def another_copy_first(book: Book) -> Writer:
    """A ``write_packet`` for ``book``'s pushes that finds another copy of the book (same
    device id) just wrote that packet: its own edit of a customer's notes, which this book
    never made, sealed with the team key; the file is there, so FileExistsError. Packets of
    other devices are written as usual."""
    device = book.sync.device_id
    ring = keyring(book.connection)
    customer = str(book.reader.scalar(
        "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY code LIMIT 1"))
    real = shared.write_packet

    def write(folder: Path, member: str, number: int, data: bytes) -> Path:
        if member != device:
            return real(folder, member, number, data)
        hlc = format_hlc(now_ms(), 0, device)
        op = {"o": "set", "t": "customers", "id": customer, "h": hlc,
              "f": {"notes": ["written in the other copy", ""]}, "cid": new_id(),
              "at": utc_now_iso(), "u": "", "d": "the other copy"}
        real(folder, member, number,
             encode(ring, Header(device=member, number=number, made=hlc, schema=1, ops=1),
                    [op]))
        raise FileExistsError(str(shared.device_folder(folder, member)
                                  / shared.packet_name(number)))

    return write


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def _orphan(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    """A's next push writes its packet, then fails to record it (as if killed)."""
    a = team.books[0]

    def dies(*args: object) -> None:
        raise OSError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(state, "mark_applied", dies)
        with pytest.raises(OSError, match="killed"):
            a.sync.push(team.folder)


def _logged(book: Book, record_id: str, field: str) -> list[object]:
    return [row[0] for row in book.connection.execute(
        "SELECT new_value FROM change_log WHERE record_id = ? AND field = ?",
        [record_id, field])]


@pytest.mark.parametrize("edit_between", [False, True])
def test_an_own_packet_left_unrecorded_is_taken_as_sent_under_a_stale_listing(
        team: Team, monkeypatch: pytest.MonkeyPatch, edit_between: bool) -> None:
    a, b = team.books
    device = a.sync.device_id
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), city="Ningbo"))
    _orphan(team, monkeypatch)
    assert sorted(shared.packets(team.folder, device)) == [1, 2]
    assert state.device(a.connection).packets == 1  # packet 2 not recorded
    if edit_between:  # an edit after the packet was written: still to send
        a.customers.update(replace(a.customers.get(customer.id), phone="0574-1234"))
    with monkeypatch.context() as patch:
        patch.setattr(shared, "packets", lambda folder, member: {})  # stale listing
        pushed = a.sync.push(team.folder)
    # Packet 2 recorded as sent; with an edit since, its change goes again in packet 3.
    assert (pushed.packets, pushed.ops) == ((1, 2) if edit_between else (1, 1))
    assert "taken" not in home.noted(a.connection)
    assert state.device(a.connection).packets == (3 if edit_between else 2)
    assert sorted(shared.packets(team.folder, device)) == ([1, 2, 3] if edit_between
                                                           else [1, 2])
    assert a.sync.push(team.folder).packets == 0  # nothing left, nothing sent twice
    a.customers.update(replace(a.customers.get(customer.id), region="East"))
    team.sync()
    got = b.customers.get(customer.id)
    assert (got.city, got.region) == ("Ningbo", "East")
    assert got.phone == ("0574-1234" if edit_between else "")
    # B merged each edit once: one entry each in its history.
    assert _logged(b, customer.id, "city") == ['"Ningbo"']
    assert _logged(b, customer.id, "region") == ['"East"']
    assert a.sync.status(team.folder).to_send == b.sync.status(team.folder).to_send == 0
    assert a.customers.get(customer.id).city == "Ningbo"


def test_a_copys_new_record_in_this_books_next_packet_still_stops_the_book(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The packet holds only a new record (no change id): it is not in this book, so the
    packet is another copy's; the book stops and says so at every later sync."""
    a, _b = team.books
    a.customers.add(Customer(name="Acme"))
    team.sync()
    device = a.sync.device_id
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "copy.db")])
    copy = Book(tmp_path / "copy.db")
    team.books.append(copy)
    copy.sync.moved_here()  # wrongly: the original is still used
    a.customers.add(Customer(name="Beta"))  # the original's packet 2: a new record
    a.sync.push(team.folder)
    copy.customers.add(Customer(name="Gamma"))
    with monkeypatch.context() as patch:
        patch.setattr(shared, "packets", lambda folder, member: {})
        with pytest.raises(PacketTakenError):
            copy.sync.push(team.folder)
    taken = str(shared.device_folder(team.folder, device) / shared.packet_name(2))
    assert home.noted(copy.connection)["taken"] == taken
    for work in (copy.sync.push, copy.sync.pull):
        with pytest.raises(PacketTakenError):
            work(team.folder)
    assert sorted(shared.packets(team.folder, device)) == [1, 2]
