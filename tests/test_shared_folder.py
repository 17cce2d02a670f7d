"""A book in a synced or network folder is recognised from its path alone, and can be copied
out to this computer consistently, the original left as it was."""

from __future__ import annotations

import hashlib
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
