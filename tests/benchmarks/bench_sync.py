"""Team sync on the 100,000-customer book: a day's changes out, a big batch of a member's
changes in, against a raw bulk upsert of the same rows in the same run.

``python -m tests.benchmarks sync``. The cached book is copied twice (opening a copy upgrades
it; the cache is never written): A and B, members of one team that already hold the same
book (as after their first sync: each copy's state says everything in it was sent).

Figures:

* **a day's changes out**: 500 edits made through the Book on A (a phone number, a note, an
  owner, a city), then ``book.sync.push``: limit 0.2 s;
* **100,000 changes in**: A changes one field of each of 100,000 customers in one
  transaction, written as the Book writes an edit (the row, its change-log entry, the
  field's clock; not through the form's validation, which would take minutes), pushes them;
  B's ``book.sync.pull`` merges them (five packets, each one transaction, with the customer
  list's rows kept in step): limit 10 s and 5x the baseline;
* the baseline: the same 100,000 rows, as A holds them afterwards, upserted into B with one
  ``executemany`` of ``INSERT ... ON CONFLICT DO UPDATE`` in one transaction (rolled back, so
  the pull then finds B as it was);
* for reference: the same merge with 100,000 new interactions instead (whole records);
* **first join of a new member from checkpoints**: A writes its whole book as a checkpoint
  (``book.sync.compact``, for reference), then a day's edits as the tail; a new, empty book
  joins the team and pulls: the checkpoint in bulk, the tail merged: limit 30 s, against the
  baseline of the same rows bulk-inserted (``executemany``, one transaction) into an empty
  book in the same run; then, for reference, the rescore the pull asks for (scores and tiers
  are never sent).

* **a first push, then a new member's join**: a copy of the book that has never sent
  starts a team and pushes: its 1.6 million changes go as one checkpoint (its packet 1,
  never written: ``storage.book.sync_send.FIRST_CHECKPOINT``), then a day's edits as packet 2; a
  new, empty book joins and pulls: the checkpoint in bulk, packet 2 merged: limit 30 s,
  against the same rows bulk-inserted into an empty book in the same run (as above).

``KEYPLAN_BENCH_JOIN_ONLY=1`` measures the join alone (one copy of the book, no B);
``KEYPLAN_BENCH_FIRST_PUSH_ONLY=1`` the first push and the join after it alone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.benchmarks.common import arguments, full_size_db
from tests.benchmarks.limits import verdict

DAY_EDITS = 500
BATCH = 100_000
LIMIT_EXPORT = 0.200
LIMIT_APPLY = 10.0
RATIO_APPLY = 5.0
LIMIT_JOIN = 30.0
FIELDS = ("phone", "notes", "owner", "city")


def as_already_sent(path: Path) -> None:
    """Mark everything the book holds as sent: both copies start from the same book."""
    from storage.sync.tables import TABLES

    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE sync_device SET pushed_seq = (SELECT coalesce(max(seq), 0) "
                     "FROM change_log)")
        for table in TABLES:
            last = conn.execute(f"SELECT rowid, id FROM [{table}] ORDER BY rowid DESC "
                                f"LIMIT 1").fetchone()
            if last:
                conn.execute("INSERT OR REPLACE INTO sync_rows VALUES (?, ?, ?)",
                             [table, last[0], last[1]])
    conn.close()


def prepare(cached: Path, folder: Path) -> tuple[Path, Path, str]:
    """Two upgraded copies of the cached book in one team; returns their paths and the key."""
    from storage.book import Book

    a, b = folder / "a.db", folder / "b.db"
    shutil.copyfile(cached, a)
    with Book(a) as book:  # upgrades the copy (with the backup an upgrade makes first)
        key = book.sync.team_init()
        book.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(a, b)
    with Book(b) as book:
        book.sync.join(key)
    as_already_sent(a)
    as_already_sent(b)
    return a, b, key


def day_of_edits(a: Path, shared: Path, mark: str = "") -> float:
    from storage.book import Book

    with Book(a) as book:
        ids = [r[0] for r in book.connection.execute(
            f"SELECT id FROM customers WHERE deleted_at IS NULL AND coalesce(phone, '') "
            f"NOT LIKE 'phone bulk%' ORDER BY name_sort LIMIT {DAY_EDITS}")]
        for number, customer_id in enumerate(ids):
            customer = book.customers.get(customer_id)
            field = FIELDS[number % len(FIELDS)]
            value = (f"021-{mark or '5555'} {number:04d}" if field == "phone"
                     else f"{field} {mark}{number}")
            changed: dict[str, Any] = {field: value}
            book.customers.update(replace(customer, **changed))
        started = time.perf_counter()
        pushed = book.sync.push(shared)
        seconds = time.perf_counter() - started
    assert pushed.ops == DAY_EDITS, pushed
    return seconds


def bulk_edits(a: Path, count: int) -> list[str]:
    """One field of each of ``count`` customers changed, as the Book writes an edit."""
    from storage.database import Database

    with Database(a) as db, db.atomic():
        rows = db.query(f"SELECT * FROM customers WHERE deleted_at IS NULL ORDER BY rowid "
                        f"LIMIT {count}")
        for number, before in enumerate(rows):
            field = FIELDS[number % len(FIELDS)]
            after = {**before, field: f"{field} bulk {number}"}
            db.conn.execute(f"UPDATE customers SET [{field}] = ? WHERE id = ?",
                            [after[field], before["id"]])
            db.log_change("update", "customers", before["id"], before["id"], before, after)
    return [row["id"] for row in rows]


def raw_upsert(source: Path, target: Path, ids: list[str]) -> float:
    """The same rows, as ``source`` holds them, upserted into ``target`` and rolled back."""
    import json

    src = sqlite3.connect(source)
    columns = [r[1] for r in src.execute("PRAGMA table_info(customers)")]
    rows = src.execute(f"SELECT {', '.join(columns)} FROM customers WHERE id IN "
                       f"(SELECT value FROM json_each(?))", [json.dumps(ids)]).fetchall()
    src.close()
    conn = sqlite3.connect(target, isolation_level=None)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    sql = (f"INSERT INTO customers ({', '.join(columns)}) VALUES "
           f"({', '.join('?' * len(columns))}) ON CONFLICT (id) DO UPDATE SET {updates}")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(sql, rows)
    seconds = time.perf_counter() - started
    conn.execute("ROLLBACK")
    conn.close()
    return seconds


def bulk_interactions(a: Path, count: int) -> None:
    import uuid

    from storage.database import Database

    with Database(a) as db, db.atomic():
        customers = [r[0] for r in db.conn.execute(
            f"SELECT id FROM customers WHERE deleted_at IS NULL LIMIT {count}")]
        now = "2026-12-01T09:00:00.000+00:00"
        db.conn.executemany(
            "INSERT INTO interactions (id, created_at, updated_at, customer_id, kind, "
            "occurred_at, summary) VALUES (?, ?, ?, ?, 'call', '2026-12-01 09:00', ?)",
            [(str(uuid.uuid4()), now, now, c, f"call {n}") for n, c in enumerate(customers)])


def raw_bulk_insert(source: Path, target: Path) -> tuple[float, float]:
    """Every synced row of ``source`` (and its list fields' rows) inserted into the empty
    book ``target`` with ``executemany`` in one committed transaction, the tables' indexes
    dropped first and created again after, with the join's page cache (as the join does):
    the same rows a join loads, and nothing else (no clocks, no figures, no decryption)."""
    import json

    from storage.sync.checkpoint import DERIVED
    from storage.sync.tables import LINKS, TABLES

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA cache_size = -262144")  # as the join's big write has
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA temp_store = MEMORY")
    cpu = time.process_time()
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    tables = [*TABLES, *(link.table for links in LINKS.values() for link in links.values())]
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        "tbl_name IN (SELECT value FROM json_each(?))", [json.dumps(tables)]).fetchall()
    for index, _sql in indexes:
        conn.execute(f"DROP INDEX [{index}]")
    for table in tables:
        names = [r[1] for r in src.execute(f"PRAGMA table_info([{table}])")
                 if r[1] != "import_batch"]
        names = [n for n in names if n not in ("name_sort", "search_text")] + [
            n for n in DERIVED.get(table, ()) if n in names]
        select = ", ".join(f"[{n}]" for n in names)
        sql = (f"INSERT INTO [{table}] ({select}) VALUES ({', '.join('?' * len(names))})")
        order = " ORDER BY id" if table in TABLES else ""  # as a checkpoint holds them
        cursor = src.execute(f"SELECT {select} FROM [{table}]{order}")
        while chunk := cursor.fetchmany(10_000):
            conn.executemany(sql, chunk)
    for _index, create in indexes:
        conn.execute(create)
    conn.execute("COMMIT")  # as the join commits (the WAL copied back later, by neither)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    conn.close()
    src.close()
    return seconds, cpu


def join_from_checkpoint(a: Path, folder: Path, shared: Path, key: str) -> None:
    from storage.book import Book

    with Book(a) as book:
        compacted = book.sync.compact(shared)
    verdict(f"compact: A's book as a checkpoint ({compacted.records:,} records, "
            f"{compacted.bytes / 1e6:.0f} MB)", compacted.seconds,
            extra=f"(reference, load {os.getloadavg()[0]:.1f})")
    day_of_edits(a, shared, mark="6666")  # the tail, after the checkpoint
    empty = folder / "raw.db"
    Book(empty, new_book=True).close()
    baseline, raw_cpu = raw_bulk_insert(a, empty)
    verdict("raw: the same rows bulk-inserted into an empty book", baseline,
            extra=f"(CPU {raw_cpu:.1f} s, load {os.getloadavg()[0]:.1f})")
    c = folder / "c.db"
    with Book(c, new_book=True) as book:
        book.sync.join(key)
        cpu = time.process_time()
        started = time.perf_counter()
        pulled = book.sync.pull(shared)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        assert pulled.checkpoints == 1 and pulled.ops >= DAY_EDITS, pulled
        verdict(f"join: a new member from the checkpoint and a {pulled.packets}-packet tail",
                seconds, limit=LIMIT_JOIN, baseline=baseline,
                extra=f"(CPU {cpu:.1f} s against {raw_cpu:.1f} s, "
                      f"load {os.getloadavg()[0]:.1f})")
        started = time.perf_counter()
        book.scoring.rescore()
        verdict("then the rescore the join asks for", time.perf_counter() - started,
                extra="(reference)")
    from storage.sync.tables import TABLES

    same = "SELECT id, phone, notes, owner, city, deleted_at FROM customers ORDER BY id"
    with sqlite3.connect(a) as one, sqlite3.connect(c) as two:
        assert one.execute(same).fetchall() == two.execute(same).fetchall()
        for table in TABLES:
            count = f"SELECT count(*) FROM [{table}]"
            assert one.execute(count).fetchone() == two.execute(count).fetchone(), table


def first_push_and_join(cached: Path, folder: Path) -> None:
    """A book that never sent starts a team: its first push is a checkpoint, a day's edits
    follow as packet 2, and a new member joins from them."""
    from storage.book import Book

    shared = folder / "first-push"
    shared.mkdir()
    a = folder / "first.db"
    shutil.copyfile(cached, a)
    with Book(a) as book:  # upgrades the copy
        key = book.sync.team_init()
        to_send = book.sync.status(shared).to_send
        cpu = time.process_time()
        started = time.perf_counter()
        pushed = book.sync.push(shared)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    first = pushed.compacted
    assert first is not None and first.number == 1 and pushed.packets == 0, pushed
    verdict(f"first push: {to_send:,} changes as a checkpoint ({first.records:,} records, "
            f"{first.bytes / 1e6:.0f} MB)", seconds,
            extra=f"(reference: was 84 packets; CPU {cpu:.1f} s, "
                  f"load {os.getloadavg()[0]:.1f})")
    day_of_edits(a, shared, mark="7777")  # packet 2
    empty = folder / "raw-first.db"
    Book(empty, new_book=True).close()
    baseline, raw_cpu = raw_bulk_insert(a, empty)
    verdict("raw: the same rows bulk-inserted into an empty book", baseline,
            extra=f"(CPU {raw_cpu:.1f} s, load {os.getloadavg()[0]:.1f})")
    empty.unlink()
    c = folder / "joiner.db"
    with Book(c, new_book=True) as book:
        book.sync.join(key)
        cpu = time.process_time()
        started = time.perf_counter()
        pulled = book.sync.pull(shared)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    assert pulled.checkpoints == 1 and pulled.packets == 1 and pulled.ops >= DAY_EDITS, pulled
    verdict("join: a new member from the first push's checkpoint and packet 2", seconds,
            limit=LIMIT_JOIN, baseline=baseline,
            extra=f"(CPU {cpu:.1f} s against {raw_cpu:.1f} s, "
                  f"load {os.getloadavg()[0]:.1f})")
    from storage.sync.tables import TABLES

    same = "SELECT id, phone, notes, owner, city, deleted_at FROM customers ORDER BY id"
    with sqlite3.connect(a) as one, sqlite3.connect(c) as two:
        assert one.execute(same).fetchall() == two.execute(same).fetchall()
        for table in TABLES:
            count = f"SELECT count(*) FROM [{table}]"
            assert one.execute(count).fetchone() == two.execute(count).fetchone(), table
    a.unlink()
    c.unlink()


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    cached = args.db or full_size_db()
    from storage.book import Book

    with tempfile.TemporaryDirectory(prefix="keyplan-bench-sync-") as name:
        folder = Path(name)
        shared = folder / "shared"
        shared.mkdir()
        started = time.perf_counter()
        if os.environ.get("KEYPLAN_BENCH_FIRST_PUSH_ONLY"):
            first_push_and_join(cached, folder)
            return
        if os.environ.get("KEYPLAN_BENCH_JOIN_ONLY"):
            a = folder / "a.db"
            shutil.copyfile(cached, a)
            with Book(a) as book:
                key = book.sync.team_init()
            as_already_sent(a)
            print(f"An upgraded copy of {cached.name} in {time.perf_counter() - started:.0f} s",
                  flush=True)
            join_from_checkpoint(a, folder, shared, key)
            return
        a, b, key = prepare(cached, folder)
        print(f"Two upgraded copies of {cached.name} in one team in "
              f"{time.perf_counter() - started:.0f} s", flush=True)

        verdict(f"push: a day's changes ({DAY_EDITS} edits) out", day_of_edits(a, shared),
                limit=LIMIT_EXPORT)
        with Book(b) as book:
            pulled = book.sync.pull(shared)
        assert pulled.ops == DAY_EDITS

        ids = bulk_edits(a, BATCH)
        with Book(a) as book:
            started = time.perf_counter()
            pushed = book.sync.push(shared)
            verdict(f"push: {pushed.ops:,} changes out ({pushed.packets} packets)",
                    time.perf_counter() - started)
        baseline = raw_upsert(a, b, ids)
        verdict(f"raw: the same {len(ids):,} rows upserted (executemany)", baseline)
        with Book(b) as book:
            started = time.perf_counter()
            pulled = book.sync.pull(shared)
            seconds = time.perf_counter() - started
        assert pulled.ops == BATCH and pulled.conflicts == 0, pulled
        verdict(f"pull: {pulled.ops:,} changes merged in ({pulled.packets} packets)", seconds,
                limit=LIMIT_APPLY, baseline=baseline, ratio_limit=RATIO_APPLY)
        same = "SELECT id, phone, notes, owner, city FROM customers ORDER BY id"
        with sqlite3.connect(a) as one, sqlite3.connect(b) as two:
            assert one.execute(same).fetchall() == two.execute(same).fetchall()

        bulk_interactions(a, BATCH)
        with Book(a) as book:
            pushed = book.sync.push(shared)
        with Book(b) as book:
            started = time.perf_counter()
            pulled = book.sync.pull(shared)
            verdict(f"pull: {pulled.ops:,} new interactions merged in",
                    time.perf_counter() - started, extra="(reference)")

        join_from_checkpoint(a, folder, shared, key)
        for path in (a, b, folder / "c.db", folder / "raw.db"):
            path.unlink(missing_ok=True)
        first_push_and_join(cached, folder)


if __name__ == "__main__":
    main()
