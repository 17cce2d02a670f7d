"""A book's first push, when large, is a checkpoint (its own packet 1 never written) that
every member loads: in bulk into an empty book, merged into one with records of its own; a
progress callback is told how far it is and may stop it, leaving book and folder whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from main import main
from models.entities import Customer
from storage.book import Book
from storage.sync import checkpoint, state
from storage.sync import folder as shared
from storage.sync.keyring import load as keyring
from tests.test_sync_merge import _same

TABLES = ("customers", "contacts", "transactions", "interactions", "interaction_contacts",
          "needs", "plans", "plan_objectives", "plan_actions", "plan_needs", "people")


class Stop(Exception):
    pass


def _same_records(a: Book, b: Book) -> None:
    """As tests.test_sync_merge._same, but the search text's words may come in another
    order: a checkpoint merged into a book with records of its own inserts the contacts in
    id order, and a customer's search text lists its contacts in row order (the same words,
    found the same)."""
    for table in TABLES:
        columns = [row[1] for row in a.connection.execute(f"PRAGMA table_info({table})")
                   if row[1] not in ("updated_at", "import_batch", "search_text")]
        select = f"SELECT {', '.join(columns)} FROM {table}"
        assert sorted(a.connection.execute(select), key=repr) \
            == sorted(b.connection.execute(select), key=repr), table
    words = "SELECT id, search_text FROM customers ORDER BY id"
    assert [(i, sorted(t.split("\x1f"))) for i, t in a.connection.execute(words)] \
        == [(i, sorted(t.split("\x1f"))) for i, t in b.connection.execute(words)]


def test_a_large_first_push_is_a_checkpoint_members_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Syncthing"
    folder.mkdir()
    first = tmp_path / "li.db"
    assert main(["--lang", "en", "--db", str(first), "demo", "--customers", "25", "--seed",
                 "7"]) == 0
    monkeypatch.setattr("storage.book.sync_send.FIRST_CHECKPOINT", 100)
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new, \
            Book(tmp_path / "wang.db", new_book=True) as wang:
        key = li.team.start("Li Lei").key
        new.team.join(key, folder, "Zhao Min")
        wang.team.join(key, folder, "Wang Fang")
        own = wang.customers.add(Customer(name="Wang's own customer")).record.id
        device = li.sync.device_id
        # Stopped part way: nothing sent, nothing half-written in the folder.
        calls: list[tuple[float, str]] = []

        def stop(share: float, words: str) -> None:
            calls.append((share, words))
            raise Stop

        with pytest.raises(Stop):
            li.sync.push(folder, progress=stop)
        assert calls and calls[0][1] == "Writing this book as a checkpoint"
        assert checkpoint.own_numbers(folder, device) == []
        assert li.sync.status(folder).to_send > 100
        # Then whole: a checkpoint covering packet 1, which is never written.
        shares: list[float] = []
        pushed = li.sync.push(folder, progress=lambda share, _words: shares.append(share))
        assert pushed.compacted is not None and pushed.compacted.number == 1
        assert pushed.compacted.records > 300 and pushed.packets == 0
        assert shares == sorted(shares) and shares[-1] == 1.0
        assert checkpoint.own_numbers(folder, device) == [1]
        assert shared.packets(folder, device) == {}
        assert li.sync.status(folder).to_send == 0
        # An edit after it goes as packet 2.
        customer = li.customers.get(str(li.reader.scalar(
            "SELECT id FROM customers ORDER BY code LIMIT 1")))
        li.customers.update(replace(customer, city="Ningbo"))
        li.sync.push(folder)
        assert sorted(shared.packets(folder, device)) == [2]
        # An empty book loads the checkpoint in bulk, then packet 2.
        pulled = new.sync.pull(folder)
        assert pulled.checkpoints == 1
        _same(new, li)
        # A book with records of its own merges it, keeps its own, and sends them back.
        assert wang.sync.pull(folder).checkpoints == 1
        assert wang.customers.get(own).name == "Wang's own customer"
        assert wang.customers.get(customer.id).city == "Ningbo"
        wang.sync.push(folder)
        li.sync.pull(folder)
        new.sync.pull(folder)
        _same_records(li, wang)
        _same_records(new, wang)
        # A small book's first push stays packets.
        assert new.sync.push(folder).compacted is None


def _team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """A 25-customer book that starts a team (a first push of more than 100 changes writes
    a checkpoint here); returns the folder, the book and the team key."""
    folder = tmp_path / "Syncthing"
    folder.mkdir()
    first = tmp_path / "li.db"
    assert main(["--lang", "en", "--db", str(first), "demo", "--customers", "25", "--seed",
                 "7"]) == 0
    monkeypatch.setattr("storage.book.sync_send.FIRST_CHECKPOINT", 100)
    with Book(first) as li:
        key = li.team.start("Li Lei").key
    return folder, first, key


def _first_code(book: Book) -> str:
    return str(book.reader.scalar("SELECT id FROM customers ORDER BY code LIMIT 1"))


def test_an_edit_made_while_the_checkpoint_is_written_goes_in_packet_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, first, key = _team(tmp_path, monkeypatch)
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new:
        new.team.join(key, folder, "Zhao Min")
        customer_id = _first_code(li)
        edited: list[bool] = []

        def edit_meanwhile(_share: float, _words: str) -> None:
            if not edited:  # another window saves while the checkpoint is read
                with Book(first) as window:
                    customer = window.customers.get(customer_id)
                    window.customers.update(replace(customer, city="Suzhou"))
                edited.append(True)

        pushed = li.sync.push(folder, progress=edit_meanwhile)
        assert edited
        # The checkpoint holds the book as it was when it began; the same push sends the
        # edit made meanwhile as packet 2.
        assert pushed.compacted is not None and pushed.compacted.number == 1
        assert (pushed.packets, pushed.ops) == (1, 1)
        assert sorted(shared.packets(folder, li.sync.device_id)) == [2]
        assert li.sync.status(folder).to_send == 0
        new.sync.pull(folder)
        assert new.customers.get(customer_id).city == "Suzhou"
        _same(new, li)


def test_a_first_checkpoint_not_recorded_as_sent_is_removed_or_numbered_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, first, key = _team(tmp_path, monkeypatch)
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new:
        new.team.join(key, folder, "Zhao Min")
        device = li.sync.device_id
        to_send = li.sync.status(folder).to_send

        def refused(*_args: object, **_kwargs: object) -> None:
            raise Stop  # a cancel interrupting the bookkeeping once the checkpoint is whole

        with monkeypatch.context() as patch:
            patch.setattr("storage.book.sync_send.save", refused)
            with pytest.raises(Stop):
                li.sync.push(folder)
        assert checkpoint.own_numbers(folder, device) == []  # removed with it
        assert li.sync.status(folder).to_send == to_send
        # Killed at that moment instead: the whole checkpoint stays, unrecorded.
        with monkeypatch.context() as patch:
            patch.setattr("storage.book.sync_send.save", refused)
            patch.setattr("storage.book.sync_send.shutil.rmtree", lambda *_a, **_k: None)
            with pytest.raises(Stop):
                li.sync.push(folder)
        assert checkpoint.own_numbers(folder, device) == [1]
        customer = li.customers.get(_first_code(li))
        li.customers.update(replace(customer, city="Ningbo"))
        # The next push sends everything again as packets after it (never a packet 1,
        # which every member would skip as covered).
        pushed = li.sync.push(folder)
        assert pushed.compacted is None and pushed.ops >= to_send
        assert min(shared.packets(folder, device)) == 2
        pulled = new.sync.pull(folder)
        assert pulled.checkpoints == 1
        assert new.customers.get(customer.id).city == "Ningbo"
        _same(new, li)


def test_a_first_checkpoint_cut_short_is_written_again_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, first, key = _team(tmp_path, monkeypatch)
    monkeypatch.setattr("storage.sync.checkpoint.PART_ROWS", 100)  # several parts
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new:
        new.team.join(key, folder, "Zhao Min")
        device = li.sync.device_id

        def killed(share: float, _words: str) -> None:
            if share > 0.3:
                raise Stop

        with monkeypatch.context() as patch:  # killed: its folder not even removed
            patch.setattr("storage.sync.checkpoint.shutil.rmtree", lambda *_a, **_k: None)
            with pytest.raises(Stop):
                li.sync.push(folder, progress=killed)
        assert checkpoint.own_numbers(folder, device) == [1]
        assert checkpoint.latest_of(folder, device, keyring(li.connection)) is None
        assert new.sync.pull(folder).checkpoints == 0  # nothing whole to load yet
        pushed = li.sync.push(folder)
        assert pushed.compacted is not None and pushed.compacted.number == 1
        assert len(checkpoint.own_numbers(folder, device)) == 1  # the piece removed
        assert shared.packets(folder, device) == {}
        assert new.sync.pull(folder).checkpoints == 1
        _same(new, li)


def test_a_joiner_stopped_while_loading_the_checkpoint_keeps_nothing_of_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, first, key = _team(tmp_path, monkeypatch)
    monkeypatch.setattr("storage.sync.checkpoint.PART_ROWS", 100)
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new:
        new.team.join(key, folder, "Zhao Min")
        li.sync.push(folder)
        calls: list[tuple[float, str]] = []

        def stop(share: float, words: str) -> None:
            calls.append((share, words))
            raise Stop

        with pytest.raises(Stop):
            new.sync.pull(folder, progress=stop)
        assert calls == [(calls[0][0], "Merging the team's changes")]
        assert 0 < calls[0][0] < 1
        assert new.reader.scalar("SELECT count(*) FROM customers") == 0
        assert state.applied(new.connection).get(li.sync.device_id, 0) == 0
        shares: list[float] = []
        pulled = new.sync.pull(folder, progress=lambda share, _w: shares.append(share))
        assert pulled.checkpoints == 1 and shares == sorted(shares) and len(shares) > 2
        _same(new, li)


def test_a_member_who_joined_from_a_checkpoint_sends_its_edits_as_packets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, first, key = _team(tmp_path, monkeypatch)
    with Book(first) as li, Book(tmp_path / "new.db", new_book=True) as new:
        new.team.join(key, folder, "Zhao Min")
        li.sync.push(folder)
        assert new.sync.pull(folder).checkpoints == 1
        records = new.reader.scalar("SELECT count(*) FROM customers")
        for customer_id in [str(r[0]) for r in new.connection.execute(
                "SELECT id FROM customers").fetchall()]:
            customer = new.customers.get(customer_id)
            new.customers.update(replace(customer, city=f"{customer.city} East"))
        # More than the threshold (100 here), far fewer than the book's records: packets.
        assert new.sync.status(folder).to_send == records > 0
        pushed = new.sync.push(folder)
        assert pushed.compacted is None and pushed.ops == records
        assert sorted(shared.packets(folder, new.sync.device_id)) == [1]
        li.sync.pull(folder)
        _same_records(li, new)  # the search texts' contacts in another order: see there
