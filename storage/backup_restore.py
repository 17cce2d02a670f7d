"""Restoring a backup in one atomic step: a crash at any instant leaves the old book or the new.

The order, and why:

1. The backup is decompressed (or, if plain, copied with SQLite's backup API) into a temporary
   file beside the book, in the same folder so the final rename is atomic; that file is
   checked (integrity, ours, not newer) and synced. Until here nothing of the book changed.
2. The current book is kept in the backup folder, reason "replaced": a compressed, verified
   copy through SQLite, after a TRUNCATE checkpoint that folds its journal (-wal) into it.
3. The book's -wal must not survive beside the new file, where SQLite would replay the old
   book's commits into it. After the checkpoint and our connection's close it is gone or
   empty; an empty one is deleted, a non-empty one (a book too damaged to checkpoint) is
   moved into the kept copy's place. The -shm is rebuilt by SQLite and is deleted.
4. One ``os.replace`` puts the new file in place; the folder is synced (POSIX).

A symlinked book keeps its link: the link's target is what gets replaced.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from storage.backup_files import (
    COMPRESSED_SUFFIX,
    create_private,
    fsync_file,
    fsync_folder,
    make_folder,
    new_backup_path,
    publish,
    real_book_path,
)
from storage.backup_verify import check_as, unpack
from storage.backup_write import create_backup
from storage.connection import BUSY_TIMEOUT_MS, classify, open_in_process
from storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NotADatabaseError,
    StorageError,
)

#: Seconds to sleep between the steps, so a test can kill a restore at every stage.
PAUSE_ENV = "KEYPLAN_TEST_RESTORE_PAUSE"


def restore_backup(db_path: Path, backup: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the book with a checked backup; returns where the replaced book was kept
    (None if there was no book).

    No connection to the book may be open, in this process or another, while this runs.
    """
    backup = Path(backup)
    if not backup.is_file():
        raise NotADatabaseError(str(backup))
    if os.path.realpath(backup) == str(real_book_path(db_path)):
        raise StorageError(str(db_path), detail="a book cannot be restored from itself")
    incoming = stage(db_path, backup)
    try:
        return swap_in(db_path, incoming, now=now)
    finally:
        incoming.unlink(missing_ok=True)


def stage(db_path: Path, backup: Path) -> Path:
    """The backup as a checked, synced temporary file beside the book."""
    book = real_book_path(db_path)
    incoming = create_private(book.with_name(f".{book.name}.restore.{os.getpid()}.partial"))
    try:
        if backup.name.endswith(COMPRESSED_SUFFIX):
            unpack(backup, incoming)
        else:
            _copy_plain(backup, incoming)
        check_as(incoming, backup)
        fsync_file(incoming)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    _pause()
    return incoming


def _copy_plain(backup: Path, incoming: Path) -> None:
    """SQLite's copy of a plain backup; SQLite itself refuses a file that is not one (no
    byte is read with open(): the file may be any book the user picked)."""
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(incoming)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        problem = classify(error, backup)
        if isinstance(problem, StorageError):
            raise problem from error
        raise CorruptDatabaseError(str(backup), detail=str(error)) from error


def swap_in(db_path: Path, incoming: Path, *, now: datetime | None = None) -> Path | None:
    """Keep the current book, clear its journal, and put ``incoming`` in its place."""
    book = real_book_path(db_path)
    kept = None
    mode = 0o600
    if book.exists():
        mode = book.stat().st_mode & 0o777
        kept = keep_current(db_path, now)
        _pause()
        _clear_journal(book, kept)
        _pause()
    if os.name == "posix":
        os.chmod(incoming, mode)
    os.replace(incoming, book)
    fsync_folder(book.parent)
    _pause()
    return kept


def keep_current(db_path: Path, now: datetime | None = None) -> Path:
    """Keep the book about to be replaced in its backup folder; returns the kept copy."""
    book = real_book_path(db_path)
    try:
        conn = sqlite3.connect(book, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return create_backup(conn, db_path, "replaced", now=now).path
        finally:
            conn.close()  # the last connection out removes the -wal and -shm
    except sqlite3.DatabaseError as error:
        problem = classify(error, book)
        if not isinstance(problem, CorruptDatabaseError | NotADatabaseError):
            raise problem from error
    except (CorruptDatabaseError, NotADatabaseError):
        pass
    return _raw_copy(book, db_path, now)


def _raw_copy(book: Path, db_path: Path, now: datetime | None) -> Path:
    """A byte copy of a book too damaged for SQLite to read. Safe only because a restore runs
    with no connection to the book open in this process: opening and closing the file here
    cannot release a POSIX lock SQLite holds (its -wal is moved, not copied, later)."""
    if open_in_process(book):
        raise StorageError(str(book), detail="the book is still open in this program")
    make_folder(db_path)
    compressed = new_backup_path(db_path, "replaced", now)
    kept = compressed.with_name(compressed.name.removesuffix(COMPRESSED_SUFFIX))
    partial = create_private(kept.with_name(f".{kept.name}.raw.{os.getpid()}.partial"))
    try:
        shutil.copyfile(book, partial)
        fsync_file(partial)
        publish(partial, kept)
    finally:
        partial.unlink(missing_ok=True)
    return kept


def _clear_journal(book: Path, kept: Path) -> None:
    wal = book.with_name(book.name + "-wal")
    try:
        size = wal.stat().st_size
    except FileNotFoundError:
        size = None
    if size and kept.name.endswith(COMPRESSED_SUFFIX):
        # Our checkpoint and close should have emptied it: someone else has the book open.
        raise DatabaseLockedError(str(book))
    if size:
        # The damaged book's last commits: beside its raw copy, where they belong. A crash
        # right after this leaves the (damaged) book without them; the kept pair has both.
        os.replace(wal, kept.with_name(kept.name + "-wal"))
    elif size == 0:
        wal.unlink()
    book.with_name(book.name + "-shm").unlink(missing_ok=True)
    fsync_folder(book.parent)


def _pause() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        time.sleep(float(seconds))
