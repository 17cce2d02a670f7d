"""A copy of a book made before its first sync is caught when the original's packets are no
longer top-level files in the folder: its first push was a checkpoint (packet 1 never
written), or compaction deleted its packets. Before, the copy saw no packet of its device,
synced on as the original's device and numbered its packets after the original's checkpoint:
two books syncing as one member."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book import Book
from storage.sync import checkpoint, home
from storage.sync import folder as shared
from tests.test_sync_merge import Team


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def _copy_is_caught(team: Team, copy: Book, number: int) -> None:
    a = team.books[0]
    files = sorted(p.relative_to(team.folder) for p in team.folder.rglob("*") if p.is_file())
    copy.customers.add(Customer(name="Made on the copy"))
    for work in (copy.sync.push, copy.sync.pull):
        with pytest.raises(home.DeviceInUseError) as caught:
            work(team.folder)
        assert f"up to number {number}" in str(caught.value)
    # Nothing was sent under the original's device id.
    assert sorted(p.relative_to(team.folder) for p in team.folder.rglob("*")
                  if p.is_file()) == files
    # The way out: the copy becomes a member of its own, and all three books agree.
    assert copy.sync.new_device() != a.sync.device_id
    team.sync()
    team.sync()
    names = "SELECT name FROM customers ORDER BY name"
    assert a.reader.query(names) == team.books[1].reader.query(names) \
        == copy.reader.query(names)
    assert len(copy.reader.query(names)) == 4


def test_a_copy_before_the_first_sync_is_caught_when_the_first_push_was_a_checkpoint(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.book.sync_send.FIRST_CHECKPOINT", 3)
    a, _b = team.books
    for n in range(3):
        a.customers.add(Customer(name=f"Acme {n}"))
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "early-copy.db")])  # not synced
    pushed = a.sync.push(team.folder)
    assert pushed.compacted is not None and pushed.compacted.number == 1
    assert shared.packets(team.folder, a.sync.device_id) == {}  # only the checkpoint
    team.sync()
    copy = Book(tmp_path / "early-copy.db")
    team.books.append(copy)
    _copy_is_caught(team, copy, 1)


def test_a_copy_before_the_first_sync_is_caught_when_compaction_deleted_the_packets(
        team: Team, tmp_path: Path) -> None:
    a, b = team.books
    for n in range(3):
        a.customers.add(Customer(name=f"Acme {n}"))
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "early-copy.db")])  # not synced
    team.sync()
    first = a.customers.get(str(a.reader.scalar("SELECT id FROM customers LIMIT 1")))
    a.customers.update(replace(first, city="Ningbo"))  # packet 2
    team.sync()
    b.sync.compact(team.folder, keep_days=0)
    a.sync.compact(team.folder, keep_days=0)  # every member's checkpoint covers A's packets
    device = a.sync.device_id
    assert shared.packets(team.folder, device) == {}
    assert checkpoint.own_numbers(team.folder, device) == [2]
    copy = Book(tmp_path / "early-copy.db")
    team.books.append(copy)
    _copy_is_caught(team, copy, 2)
