"""A book in a synced or network folder is recognised from its path alone, and can be copied
out to this computer consistently, the original left as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from storage.book import Book, CopyOutError, copy_out, shared_folder
from storage.database import Database


@pytest.mark.parametrize(("folders", "service"), [
    (("Users", "li", "Dropbox", "sales"), "Dropbox"),
    (("Users", "li", "OneDrive - Contoso", "KeyPlan"), "OneDrive"),
    (("home", "li", "坚果云", "客户"), "坚果云 Nutstore"),
    (("Users", "li", "Nutstore"), "坚果云 Nutstore"),
    (("Users", "li", "Documents", "KeyPlan"), None),
])
def test_services_are_told_by_their_folder_names(tmp_path: Path, folders: tuple[str, ...],
                                                 service: str | None) -> None:
    assert shared_folder(tmp_path.joinpath(*folders, "book.db")) == service


def test_a_syncthing_folder_is_told_by_its_marker(tmp_path: Path) -> None:
    shared = tmp_path / "team"
    (shared / ".stfolder").mkdir(parents=True)
    assert shared_folder(shared / "deep" / "book.db") == "Syncthing"
    assert shared_folder(tmp_path / "book.db") is None


def test_a_network_path_is_a_network_share() -> None:
    assert shared_folder(Path("//fileserver/sales/book.db")) == "network share"


def test_copy_out_copies_and_leaves_the_original(demo_file: Path, tmp_path: Path) -> None:
    original = tmp_path / "Dropbox" / "book.db"
    original.parent.mkdir()
    original.write_bytes(demo_file.read_bytes())
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    target = copy_out(original, tmp_path / "local" / "book.db")
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    with Book(target) as copy, Database(original) as source:
        assert copy.customers.count() == source.customer_count() == 300
    assert not list((tmp_path / "local").glob(".*"))  # no temporary file left behind
    with pytest.raises(CopyOutError, match="a file has that name"):
        copy_out(original, target)


def test_the_command_line_warns_about_a_shared_book(demo_file: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from ui.cli.app import run

    book = tmp_path / "OneDrive" / "book.db"
    book.parent.mkdir()
    book.write_bytes(demo_file.read_bytes())
    assert run(["--db", str(book), "--lang", "en", "info"]) == 0
    assert "a folder that OneDrive shares" in capsys.readouterr().err
    assert run(["--db", str(demo_file), "--lang", "en", "info"]) == 0
    assert "shares" not in capsys.readouterr().err


def test_a_team_book_copied_out_syncs_on_and_the_original_is_the_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copying out is a move: the copy keeps the team device and syncs without being asked,
    while the file left in the shared folder (still open here) is stopped as a copy, on this
    computer and on another, and copying that one out again makes no second claim."""
    from dataclasses import replace

    from models.entities import Customer
    from storage.sync import home
    from tests.test_sync_merge import Team

    (tmp_path / "Dropbox").mkdir()
    team = Team(tmp_path / "Dropbox", 2)
    try:
        a, b = team.books
        customer = a.customers.add(Customer(name="Acme")).record
        team.sync()
        original, device = a.path, a.sync.device_id
        sent = len(team.packets(a))
        target = copy_out(original, tmp_path / "local" / "book.db")
        with Book(target) as copy:
            assert copy.sync.device_id == device
            copy.customers.update(replace(copy.customers.get(customer.id), city="Ningbo"))
            assert copy.sync.push(team.folder).packets == 1  # no question asked
            copy.sync.pull(team.folder)
            b.sync.pull(team.folder)
            assert b.customers.get(customer.id).city == "Ningbo"
            assert len(team.packets(a)) == sent + 1
            for work in (a.sync.push, a.sync.pull):  # the file left in Dropbox
                with pytest.raises(home.BookCopiedHereError) as caught:
                    work(team.folder)
                assert str(target) in str(caught.value)
            monkeypatch.setattr(home, "computer", lambda: "laptop-2")
            with pytest.raises(home.BookCopiedError):
                a.sync.push(team.folder)  # the Dropbox file, opened on another laptop
            monkeypatch.undo()
            again = copy_out(original, tmp_path / "local" / "book (2).db")
            with Book(again) as second, pytest.raises(home.BookCopiedHereError):
                second.sync.push(team.folder)  # a copy of the copy left behind: asked
            assert len(team.packets(a)) == sent + 1  # nothing sent but the copy's packet
            copy.sync.push(team.folder)  # the copy still syncs on
    finally:
        team.close()


def test_a_move_the_original_cannot_note_is_not_claimed_by_the_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The original locked or read-only: the copy does not take the device either, and is
    asked at its first sync, as any copy beside the original."""
    import storage.shared_folder as module
    from storage.sync import home
    from tests.test_sync_merge import Team

    team = Team(tmp_path, 1)
    try:
        (a,) = team.books
        team.sync()
        # a read-only original: read under a plain transaction, the move not noted in it
        monkeypatch.setattr(module, "_lock", lambda conn: bool(conn.execute("BEGIN")) and False)
        with Book(copy_out(a.path, tmp_path / "local" / "book.db")) as copy, \
                pytest.raises(home.BookCopiedHereError):
            copy.sync.push(team.folder)
        a.sync.push(team.folder)  # the original syncs on
    finally:
        team.close()


def _editing_during_the_copy(monkeypatch: pytest.MonkeyPatch, edit: Callable[[], object],
                             times: int) -> list[int]:
    """``edit()`` run in the original while its first ``times`` snapshots are being taken
    (after the backup, before the check): the window saving while the copy runs."""
    from storage.sync import home

    real, calls = home.hand_over, list[int]()

    def slowly(conn: sqlite3.Connection, source: Path, target: Path) -> bool:
        if len(calls) < times:
            calls.append(1)
            edit()
        return real(conn, source, target)

    monkeypatch.setattr(home, "hand_over", slowly)
    return calls


def test_an_edit_made_while_the_book_is_copied_out_reaches_the_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window stays open on the original while the copy runs: an edit saved after the
    snapshot was left only in the file the copy replaces (and, in a team, in a file stopped
    as a copy). The copy now checks the original under its write lock and copies again."""
    from dataclasses import replace

    from models.entities import Customer
    from storage.sync import home
    from tests.test_sync_merge import Team

    (tmp_path / "Dropbox").mkdir()
    team = Team(tmp_path / "Dropbox", 2)
    try:
        a, b = team.books
        customer = a.customers.add(Customer(name="Acme")).record
        team.sync()

        def edit() -> None:
            a.customers.update(replace(a.customers.get(customer.id), city="Hangzhou"))

        calls = _editing_during_the_copy(monkeypatch, edit, times=1)
        target = copy_out(a.path, tmp_path / "local" / "book.db")
        assert calls == [1]
        with Book(target) as copy:
            assert copy.customers.get(customer.id).city == "Hangzhou"
            copy.sync.push(team.folder)
            b.sync.pull(team.folder)
            assert b.customers.get(customer.id).city == "Hangzhou"
            with pytest.raises(home.BookCopiedHereError):
                a.sync.push(team.folder)
    finally:
        team.close()


def test_a_book_that_keeps_changing_is_not_copied(demo_file: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Overtaken at every snapshot, the copy gives up with a message; no file is left."""
    import shutil

    from models.entities import Customer

    mine = tmp_path / "Dropbox" / "book.db"
    mine.parent.mkdir()
    shutil.copy(demo_file, mine)  # the session's demo is shared: written only as a copy
    with Book(mine) as book:
        count = book.customers.count()
        _editing_during_the_copy(
            monkeypatch, lambda: book.customers.add(Customer(name="Busy")), times=99)
        target = tmp_path / "local" / "book.db"
        with pytest.raises(CopyOutError, match="kept changing while it was copied"):
            copy_out(mine, target)
        assert not target.exists() and list(target.parent.iterdir()) == []
        assert book.customers.count() == count + 3  # the original keeps every edit
