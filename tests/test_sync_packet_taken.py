"""Another book wrote this device's next packet (PacketTakenError): a copy of this book is
in use under the same device id. The book stays stopped at every later sync, and cannot say
it moved here for good, until it takes a new device id; before, its next sync numbered its
packets after the other copy's and the two synced as one member, each missing the other's
edits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book import Book
from storage.sync import folder as shared
from storage.sync import home
from storage.sync.errors import PacketTakenError
from tests.test_sync_merge import Team


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def test_a_book_whose_packet_another_copy_took_stays_stopped_until_it_is_a_new_member(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, _b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    device = a.sync.device_id
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "copy.db")])
    copy = Book(tmp_path / "copy.db")
    team.books.append(copy)
    copy.sync.moved_here()  # wrongly: the original is still used
    # The original sends packet 2; the copy looked at the folder just before it arrived.
    a.customers.update(replace(a.customers.get(customer.id), city="Ningbo"))
    a.sync.push(team.folder)
    copy.customers.update(replace(copy.customers.get(customer.id), phone="021-5555 0101"))
    real = shared.packets
    with monkeypatch.context() as patch:
        patch.setattr(shared, "packets", lambda folder, member: {
            n: p for n, p in real(folder, member).items() if member != device or n < 2})
        with pytest.raises(PacketTakenError) as caught:
            copy.sync.push(team.folder)
    taken = str(shared.device_folder(team.folder, device) / shared.packet_name(2))
    assert caught.value.path == taken and "--new-device" in str(caught.value)
    # Later syncs stop too (before, the next push sent packet 3 after the original's 2),
    # and 'moved here for good' is refused: the other copy is in use.
    for work in (copy.sync.push, copy.sync.pull):
        with pytest.raises(PacketTakenError):
            work(team.folder)
    with pytest.raises(PacketTakenError):
        copy.sync.moved_here()
    assert sorted(real(team.folder, device)) == [1, 2]
    assert home.noted(copy.connection)["taken"] == taken
    # The way out: the copy becomes a member of its own; every book gets both edits.
    assert copy.sync.new_device() != device
    assert "taken" not in home.noted(copy.connection)
    team.sync()
    team.sync()
    for book in team.books:
        stored = book.customers.get(customer.id)
        assert (stored.city, stored.phone) == ("Ningbo", "021-5555 0101")
    assert sorted(real(team.folder, device)) == [1, 2]
    assert a.sync.status(team.folder).to_send == copy.sync.status(team.folder).to_send == 0
