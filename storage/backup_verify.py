"""Checking backups: whole (integrity_check), ours, not from a newer KeyPlan; recorded beside.

A compressed backup is checked by decompressing it to a temporary file first. The result of
the check made when a backup is written is kept in a small JSON file beside it (time,
result, size and sha256 of the stored file), which the listing and the restore offers read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from storage.backup_files import (
    COMPRESSED_SUFFIX,
    BackupInfo,
    create_private,
    list_backups,
    partial_path,
    read_record,
    write_record,
)
from storage.backup_zstd import DecompressError, Streamed, decompress_file
from storage.connection import check_schema, classify, read_applied_migrations
from storage.errors import CorruptDatabaseError, NotADatabaseError, StorageError
from storage.migrations import MIGRATION_SET, migrations


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a plain database file: "ok" or what is wrong."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return "; ".join(str(row[0]) for row in rows)


def check_database(path: Path) -> None:
    """Check a plain database file: an SQLite file, whole, ours, not from a newer version."""
    path = Path(path)
    if not path.is_file():
        raise NotADatabaseError(str(path))
    # SQLite itself says "not a database": no byte is read with open(), which would drop
    # this process's locks on the file if it ever were a book open here (see connection).
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if isinstance(classify(error, path), NotADatabaseError):
            raise NotADatabaseError(str(path)) from error
    result = integrity(path)
    if result != "ok":
        raise CorruptDatabaseError(str(path), detail=result)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        has_customers = conn.execute("SELECT 1 FROM sqlite_master WHERE name = "
                                     "'customers'").fetchone()
    finally:
        conn.close()
    if not has_customers:
        raise NotADatabaseError(str(path))
    applied = read_applied_migrations(path, migrations.migrations_table, MIGRATION_SET)
    check_schema(applied, [m.name for m in migrations._migrations], path)


def unpack(backup: Path, target: Path) -> Streamed:
    """Decompress ``backup`` into the empty file ``target``, checking it against its record."""
    try:
        streamed = decompress_file(backup, target)
    except DecompressError as error:
        raise CorruptDatabaseError(str(backup), detail=str(error)) from error
    record = read_record(backup)
    if record is not None and record.get("sha256") not in (None, streamed.stored_sha256):
        raise CorruptDatabaseError(str(backup), detail="sha256 differs from the one recorded")
    return streamed


@contextmanager
def unpacked(backup: Path) -> Iterator[Path]:
    """The backup as a plain database file: itself, or a temporary decompressed copy."""
    backup = Path(backup)
    if not backup.name.endswith(COMPRESSED_SUFFIX):
        yield backup
        return
    if not backup.is_file():
        raise NotADatabaseError(str(backup))
    temporary = create_private(partial_path(backup, "check"))
    try:
        unpack(backup, temporary)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def verify_backup(path: Path) -> None:
    """Check a backup before restoring it: ours, whole, and not from a newer version."""
    path = Path(path)
    with unpacked(path) as plain:
        check_as(plain, path)


def check_as(plain: Path, shown: Path) -> None:
    """:func:`check_database` of ``plain``, with errors naming ``shown`` (the backup the
    user chose, not its temporary copy)."""
    try:
        check_database(plain)
    except StorageError as error:
        if plain == shown:
            raise
        params = {k: v for k, v in error.params.items() if k != "path"}
        raise type(error)(str(shown), **params) from error


def verification(result: str, stored: Path, streamed: Streamed | None) -> dict[str, object]:
    """The record kept beside a backup."""
    return {"verified_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "result": result, "size": stored.stat().st_size,
            "sha256": streamed.stored_sha256 if streamed else None,
            "plain_size": streamed.plain_size if streamed else None,
            "plain_sha256": streamed.plain_sha256 if streamed else None}


def verify_and_record(backup: Path) -> bool:
    """Check a backup now (decompressing it) and record the result beside it."""
    try:
        verify_backup(backup)
        result = "ok"
    except StorageError as error:
        result = str(error.params.get("detail") or type(error).__name__)
    with suppress(OSError):  # a read-only backup folder: the check still answers
        write_record(backup, verification(result, backup, None))
    return result == "ok"


def newest_good_backup(db_path: Path, *, check_unknown: bool = False) -> BackupInfo | None:
    """The newest backup whose check, recorded when it was made, passed (None if none).

    Backups made before checks were recorded (plain ``.db`` files of earlier versions) have
    none: with ``check_unknown`` they are checked now, newest first, and the result is
    recorded; without it, the newest of them is offered when no checked one is newer (a
    restore checks a backup before it replaces anything)."""
    for backup in list_backups(db_path):
        if backup.verified:
            return backup
        if backup.verified is None and (not check_unknown or verify_and_record(backup.path)):
            return backup
    return None
