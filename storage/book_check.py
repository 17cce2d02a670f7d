"""The ``check`` command's diagnosis: SQLite's integrity check of the whole file, read-only.

``PRAGMA integrity_check`` walks every page, b-tree and index and finds structural damage
(torn pages, broken links, indexes out of step with their tables). It cannot see a byte
flipped inside a row's own data when the page around it is still well formed; no check can,
short of checksums the SQLite format does not keep. ``quick_check`` skips the index
comparison and is a few times faster.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from storage.connection import (
    BUSY_TIMEOUT_MS,
    check_file,
    check_ours,
    check_size,
    classify,
    probe_book,
)
from storage.errors import CorruptDatabaseError, StorageError
from storage.migrations import MIGRATION_SET, migrations

#: How many problems SQLite lists at most (the first ones say enough).
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class CheckResult:
    path: Path
    quick: bool
    seconds: float
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_book(path: Path, *, quick: bool = False) -> CheckResult:
    """Check the book at ``path`` without writing to it. Raises a StorageError for a file
    that cannot be checked (missing, not ours, locked); a damaged one gives its problems."""
    started = time.perf_counter()
    if not check_file(path):
        raise StorageError(str(path), detail="the file does not exist")
    try:
        probe = probe_book(path, migrations.migrations_table, MIGRATION_SET)
    except CorruptDatabaseError as error:
        return CheckResult(path, quick, time.perf_counter() - started,
                           [str(error.params.get("detail") or error)])
    check_ours(probe, path)
    try:
        check_size(path)
    except CorruptDatabaseError:
        return CheckResult(path, quick, time.perf_counter() - started,
                           ["the file is cut short (its size is not a whole number of pages)"])
    pragma = "quick_check" if quick else "integrity_check"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
        if rows == ["ok"]:
            rows = [f"foreign key: {table} row {rowid} points to a missing {parent}"
                    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]
    except sqlite3.DatabaseError as error:
        classified = classify(error, path)
        if isinstance(classified, CorruptDatabaseError):
            rows = [str(error)]
        elif isinstance(classified, StorageError):
            raise classified from error
        else:
            raise
    finally:
        conn.close()
    # SQLite heads its list with "*** in database main ***" and may put several per row.
    problems = [] if rows == ["ok"] else [
        line for row in rows for line in row.splitlines()
        if line.strip() and not line.startswith("*** in database")]
    return CheckResult(path, quick, time.perf_counter() - started, problems)
