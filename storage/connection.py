"""Opening a database file safely: checks first, changes only once the file is known to be ours.

Every check reads the file without writing to it, so a wrong, damaged or newer file is refused
and left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    FolderMissingError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
    StorageError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000

# WAL lets the UI read while a background task writes and keeps a crash from damaging the
# file. synchronous=FULL syncs the WAL at each commit: our commits are few and batched
# (one per edit, one per import or rescore), so we take durability on power loss over speed.
PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)


def check_file(path: Path) -> bool:
    """Check that ``path`` can be opened as ours; returns True if the file already exists.

    Raises a :class:`StorageError` subclass with an actionable message otherwise.
    """
    folder = path.parent
    if not folder.is_dir():
        raise FolderMissingError(str(path))
    if not path.exists():
        if not os.access(folder, os.W_OK):
            raise ReadOnlyError(str(folder))
        return False
    if path.is_dir():
        raise NotADatabaseError(str(path))
    size = path.stat().st_size
    if size == 0:
        return True  # an empty file is a valid, empty SQLite database
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(str(path))
    if size < 512 or size % 512:
        raise CorruptDatabaseError(str(path), detail="truncated")
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        # SQLite needs the folder too, for the WAL and shared-memory files.
        raise ReadOnlyError(str(path))
    return True


def read_applied_migrations(path: Path, migrations_table: str, migration_set: str) -> list[str]:
    """Names of the migrations already applied, read through a read-only connection."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise classify(error, path) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [migrations_table]
        ).fetchone()
        if not exists:
            return []
        rows = conn.execute(
            f"SELECT name FROM [{migrations_table}] WHERE migration_set = ? ORDER BY rowid",
            [migration_set],
        ).fetchall()
        return [row[0] for row in rows]
    except sqlite3.Error as error:
        raise classify(error, path) from error
    finally:
        conn.close()


def check_schema(applied: list[str], known: list[str], path: Path) -> None:
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerSchemaError(str(path), found=len(applied), known=len(known))


def connect(path: Path, *, existed: bool) -> sqlite3.Connection:
    """A connection with our pragmas; a new file is created readable by its owner only."""
    if not existed and not path.exists():
        _create_private(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DatabaseLockedError(str(path))
    except sqlite3.Error as error:
        raise classify(error, path) from error
    return conn


def _create_private(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def classify(error: sqlite3.Error, path: Path) -> StorageError | sqlite3.Error:
    """Turn an environmental SQLite error into a user message; leave bugs as they are."""
    text = str(error).lower()
    code = getattr(error, "sqlite_errorcode", None)
    if "not a database" in text or code == sqlite3.SQLITE_NOTADB:
        return NotADatabaseError(str(path))
    if "malformed" in text or "corrupt" in text or code == sqlite3.SQLITE_CORRUPT:
        return CorruptDatabaseError(str(path), detail=str(error))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(str(path))
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(str(path))
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(str(path))
    if "unable to open" in text:
        if not path.parent.is_dir():
            return FolderMissingError(str(path))
        return ReadOnlyError(str(path))
    return error
