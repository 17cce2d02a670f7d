"""Opening a database file safely: checks first, changes only once the file is known to be ours.

Every check reads the file without writing to it, so a wrong, damaged, foreign or newer file
is refused and left byte-for-byte as it was.

No check ever opens the book, its ``-wal`` or its ``-shm`` with Python's ``open()``: on POSIX,
closing *any* descriptor of a file drops *every* fcntl lock the process holds on it, so one
header read in a process that already has a connection silently released SQLite's locks; the
other process then thought it was alone, checkpointed and deleted the WAL still in use, and
the book was destroyed. Files are only looked at with ``stat()`` and through SQLite itself
(which keeps the descriptors of locked files open until the last lock is gone).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from storage.errors import (
    BookMovedError,
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    DiskIOError,
    FolderMissingError,
    NewerSchemaError,
    NotADatabaseError,
    NotAKeyPlanBookError,
    PermissionDeniedError,
    ReadOnlyError,
    StaleWalError,
    StorageError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000
#: ``PRAGMA application_id`` of every KeyPlan book ("KPLN"): other programs' files are refused.
APPLICATION_ID = 0x4B504C4E

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

_open_lock = threading.Lock()
_open_books: Counter[str] = Counter()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def note_opened(path: Path) -> None:
    """Count a KeyPlan connection to ``path`` in this process (see :func:`open_in_process`)."""
    with _open_lock:
        _open_books[_key(path)] += 1


def note_closed(path: Path) -> None:
    with _open_lock:
        key = _key(path)
        _open_books[key] -= 1
        if _open_books[key] <= 0:
            del _open_books[key]


def open_in_process(path: Path) -> bool:
    """True while this process has the book open: then nothing but SQLite may touch its files."""
    with _open_lock:
        return _open_books[_key(path)] > 0


#: Files SQLite keeps beside a book while it is open.
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def is_open_book_file(path: Path) -> bool:
    """Whether ``path`` is a book this process has open, or one of its journal files: then
    only SQLite may open it (an import or an export given it by mistake must refuse)."""
    name = Path(path).name
    for suffix in JOURNAL_SUFFIXES:
        if name.endswith(suffix):
            return open_in_process(Path(path).with_name(name.removesuffix(suffix)))
    return open_in_process(Path(path))


def check_file(path: Path) -> bool:
    """Check, from the file system alone, that ``path`` can be opened; returns True if the file
    already exists. Raises a :class:`StorageError` subclass with an actionable message."""
    folder = path.parent
    if not folder.is_dir():
        raise FolderMissingError(str(path))
    if not path.exists():
        if not os.access(folder, os.W_OK):
            raise ReadOnlyError(str(folder))
        return False
    if path.is_dir():
        raise NotADatabaseError(str(path))
    if not os.access(path, os.R_OK):
        raise PermissionDeniedError(str(path))
    if path.stat().st_size and (not os.access(path, os.W_OK) or not os.access(folder, os.W_OK)):
        # SQLite needs the folder too, for the WAL and shared-memory files.
        raise ReadOnlyError(str(path))
    return True


@dataclass(frozen=True)
class BookProbe:
    """What a read-only look through SQLite tells about an existing file."""

    application_id: int
    objects: int  # tables, indexes, views and triggers
    applied: list[str]  # our migrations already applied


def probe_book(path: Path, migrations_table: str, migration_set: str) -> BookProbe:
    """Read the file's identity and applied migrations through SQLite, writing nothing.

    SQLite itself answers "not a database" for a file that is not one: no byte of it is read
    here by hand (see the module's docstring). Without a ``-wal`` beside the file the
    connection may write (``mode=rw``) only so that, as the last one out, it removes the empty
    ``-wal`` and ``-shm`` that reading a WAL file creates (a read-only one would leave them
    beside another program's file); with one, it is read-only, so that a journal nobody has
    checked yet is read but never folded into the file."""
    wal_exists = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode={'ro' if wal_exists else 'rw'}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise classify(error, path) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        objects = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [migrations_table]
        ).fetchone()
        applied: list[str] = []
        if exists:
            rows = conn.execute(
                f"SELECT name FROM [{migrations_table}] WHERE migration_set = ? ORDER BY rowid",
                [migration_set],
            ).fetchall()
            applied = [row[0] for row in rows]
    except sqlite3.Error as error:
        raise classify(error, path) from error
    finally:
        conn.close()
    return BookProbe(application_id=application_id, objects=objects, applied=applied)


def read_applied_migrations(path: Path, migrations_table: str, migration_set: str) -> list[str]:
    """Names of the migrations already applied, read without writing."""
    return probe_book(path, migrations_table, migration_set).applied


def check_ours(probe: BookProbe, path: Path) -> None:
    """Refuse another program's database before anything is written to it: a KeyPlan book
    carries our application id or our migrations; an SQLite file without any table may
    become one."""
    if probe.application_id == APPLICATION_ID or probe.applied or probe.objects == 0:
        return
    raise NotAKeyPlanBookError(str(path))


def check_size(path: Path) -> None:
    """A file cut short (a copy stopped half-way) is damaged, not merely odd."""
    size = path.stat().st_size
    if size and (size < 512 or size % 512):
        raise CorruptDatabaseError(str(path), detail="truncated")


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
            raise DatabaseLockedError(str(path), seconds=f"{BUSY_TIMEOUT_MS / 1000:g}")
    except sqlite3.Error as error:
        raise classify(error, path) from error
    return conn


def _create_private(path: Path) -> None:
    """Create the empty file with mode 0600. Only ever for a file that did not exist, so no
    connection of this process can hold a lock on it yet."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN = 3, 5, 6, 8, 10, 11, 13, 14
_AUTH, _NOTADB = 23, 26
# Read-only because a journal left beside the file cannot be replayed or set up.
_READONLY_STALE = {264, 776, 1288}  # READONLY_RECOVERY, _ROLLBACK, _CANTINIT
_READONLY_DBMOVED = 1032
#: Less free space than this beside the book counts as a full disk.
NEARLY_FULL_BYTES = 1 << 20


def disk_nearly_full(path: Path) -> bool:
    """True when the disk holding ``path`` has (almost) no room left. ``statvfs`` reads the
    file system, not the file: no descriptor of the book is opened."""
    try:
        return shutil.disk_usage(path.parent).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def classify(error: sqlite3.Error, path: Path) -> StorageError | sqlite3.Error:
    """Turn an environmental SQLite error into a user message; leave bugs as they are.

    Sorted by SQLite's result code first (the text differs between versions), so a busy or
    full disk is never called damaged."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    where = str(path)
    if primary in (_BUSY, _LOCKED) or (primary is None and ("locked" in text or "busy" in text)):
        return DatabaseLockedError(where, seconds=f"{BUSY_TIMEOUT_MS / 1000:g}")
    if primary == _FULL or "disk is full" in text:
        return DiskFullError(where)
    if code in _READONLY_STALE:
        return StaleWalError(where, detail=str(error))
    if code == _READONLY_DBMOVED:
        return BookMovedError(where)
    if primary == _READONLY or (primary is None and ("readonly" in text or "read-only" in text)):
        return ReadOnlyError(where)
    if primary in (_PERM, _AUTH):
        return PermissionDeniedError(where)
    if primary == _NOTADB or (primary is None and "not a database" in text):
        return NotADatabaseError(where)
    if primary == _CORRUPT or (primary is None and ("malformed" in text or "corrupt" in text)):
        return CorruptDatabaseError(where, detail=str(error))
    if primary == _IOERR or "disk i/o error" in text:
        # SQLite reports ENOSPC met while growing the -shm file as SQLITE_IOERR_SHMSIZE (a
        # failing disk gives the same code): the free space tells the two apart.
        if disk_nearly_full(path):
            return DiskFullError(where)
        return DiskIOError(where, detail=str(error))
    if primary == _CANTOPEN or "unable to open" in text:
        if not path.parent.is_dir():
            return FolderMissingError(where)
        if path.exists() and not os.access(path, os.R_OK):
            return PermissionDeniedError(where)
        return ReadOnlyError(where)
    return error
