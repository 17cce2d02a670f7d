"""Two members' books, each in its own process, syncing through one folder while both work:
every packet one of them reads is whole, and both end with the same records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from models.entities import Customer
from storage.book import Book

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 25


def test_two_processes_sync_through_one_folder_while_both_run(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    li, wang = tmp_path / "li.db", tmp_path / "wang.db"
    with Book(li, new_book=True) as first, Book(wang, new_book=True) as second:
        second.sync.join(first.sync.team_init())
        shared_id = first.customers.add(Customer(name="Shared customer")).record.id
        first.sync.push(folder)
        second.sync.pull(folder)
    children = [subprocess.Popen([sys.executable, "-m", "tests.sync_child", name, str(path),
                                  str(folder), str(ROUNDS), shared_id],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
                for name, path in (("li", li), ("wang", wang))]
    for child in children:
        out, err = child.communicate(timeout=240)
        assert child.returncode == 0, err
        assert out.strip() == f"done {2 * ROUNDS + 1}", err
    with Book(li) as first, Book(wang) as second:
        first.sync.pull(folder)
        second.sync.pull(folder)  # the other's last packet, written after it finished
        for book in (first, second):
            assert book.sync.status(folder).quarantined == ()
            assert book.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        query = ("SELECT id, name, notes, deleted_at, created_at FROM customers ORDER BY id")
        assert first.reader.query(query) == second.reader.query(query)
        names = {row["name"] for row in first.reader.query(query)}
        assert names == {"Shared customer"} | {f"{who}-{n}" for who in ("li", "wang")
                                               for n in range(ROUNDS)}
        notes = first.customers.get(shared_id).notes
        assert notes in {f"li round {ROUNDS - 1}", f"wang round {ROUNDS - 1}"}
