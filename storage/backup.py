"""Backups through SQLite's online backup API: daily, before migrations and imports, rotated.

A backup is written beside its final name, checked, made private and then renamed, so a
backup file that exists is always complete. Restoring checks the backup first and keeps the
file it replaces.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from models.validation import ValidationError, tr_noop
from storage.base import DatabaseBase
from storage.connection import SQLITE_HEADER, check_schema, read_applied_migrations
from storage.errors import CorruptDatabaseError, NotADatabaseError, StorageError
from storage.migrations import MIGRATION_SET, migrations

BACKUP_FOLDER = "backups"
AUTOMATIC_REASONS = ("daily", "migration", "import", "restore")
REASONS = (*AUTOMATIC_REASONS, "manual", "replaced")
DAILY_INTERVAL = timedelta(hours=24)
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
PAGES_PER_STEP = 4096  # ~16 MB at a time, so a progress bar moves and others can read

MSG_KEEP_RANGE = tr_noop("Keep between 1 and 365 backups.")

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+)\.db$")

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # local time, from the file name
    reason: str
    size: int


def backup_folder(db_path: Path) -> Path:
    return db_path.resolve().parent / BACKUP_FOLDER / db_path.stem


def copy_database(source: sqlite3.Connection, target: Path,
                  progress: Progress | None = None) -> Path:
    """Online copy of an open database to ``target`` (which must not exist), checked."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        dest = sqlite3.connect(partial)
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            source.backup(dest, pages=PAGES_PER_STEP, progress=step)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            result = dest.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CorruptDatabaseError(str(target), detail=result)
        finally:
            dest.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def create_backup(source: sqlite3.Connection, db_path: Path, reason: str,
                  progress: Progress | None = None, *, now: datetime | None = None) -> BackupInfo:
    """A new backup of the open database in its backup folder."""
    if reason not in REASONS:
        raise ValueError(reason)
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = now or datetime.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    while target.exists():  # two backups in the same second
        now += timedelta(seconds=1)
        target = folder / f"{db_path.stem}-{now.strftime('%Y%m%d-%H%M%S')}-{reason}.db"
    copy_database(source, target, progress)
    return _info(target)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of a book, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = [_info(p) for p in folder.glob("*.db") if _NAME.match(p.name)]
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def backup_due(db_path: Path, *, now: datetime | None = None) -> bool:
    """True when no automatic backup is younger than a day."""
    now = now or datetime.now()
    return not any(b.reason in AUTOMATIC_REASONS and now - b.created < DAILY_INTERVAL
                   for b in list_backups(db_path))


def rotate_backups(db_path: Path, keep_daily: int = DEFAULT_KEEP_DAILY,
                   keep_weekly: int = DEFAULT_KEEP_WEEKLY) -> list[Path]:
    """Delete automatic backups beyond the newest one of each of the last ``keep_daily`` days
    and of each of the last ``keep_weekly`` weeks. Manual backups are never deleted."""
    automatic = [b for b in list_backups(db_path) if b.reason in AUTOMATIC_REASONS]
    keep: set[Path] = set()
    days: list[str] = []
    weeks: list[tuple[int, int]] = []
    for backup in automatic:  # newest first
        day = backup.created.date().isoformat()
        if day not in days:
            days.append(day)
            if len(days) <= keep_daily:
                keep.add(backup.path)
        week = backup.created.isocalendar()[:2]
        if week not in weeks:
            weeks.append(week)
            if len(weeks) <= keep_weekly:
                keep.add(backup.path)
    deleted = []
    for backup in automatic:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def verify_backup(path: Path) -> None:
    """Check a backup before restoring it: ours, whole, and not from a newer version."""
    path = Path(path)
    if not path.is_file():
        raise NotADatabaseError(str(path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabaseError(str(path))
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_customers = conn.execute("SELECT 1 FROM sqlite_master WHERE name = "
                                         "'customers'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(str(path), detail=str(error)) from error
    if result != "ok":
        raise CorruptDatabaseError(str(path), detail=result)
    if not has_customers:
        raise NotADatabaseError(str(path))
    applied = read_applied_migrations(path, migrations.migrations_table, MIGRATION_SET)
    check_schema(applied, [m.name for m in migrations._migrations], path)


def restore_backup(db_path: Path, backup: Path, *, now: datetime | None = None) -> Path:
    """Replace the book with a checked backup; returns where the replaced file was kept.

    No KeyPlan window or command may have the book open while this runs.
    """
    db_path = Path(db_path)
    verify_backup(backup)
    if backup.resolve() == db_path.resolve():
        raise StorageError(str(db_path), detail="a book cannot be restored from itself")
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{db_path.stem}-{stamp}-replaced.db"
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_database(source, incoming)
    finally:
        source.close()
    if db_path.exists():
        _checkpoint(db_path)
        os.replace(db_path, kept)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    os.replace(incoming, db_path)
    return kept


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the file being replaced, so the kept copy is complete on its own."""
    try:
        conn = sqlite3.connect(db_path, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged book is kept as it is, WAL and all


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    created = (datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match
               else datetime.fromtimestamp(path.stat().st_mtime))
    return BackupInfo(path=path, created=created, reason=match["reason"] if match else "manual",
                      size=path.stat().st_size)


BACKUP_POLICY_KEY = "backup_policy"


class BackupsMixin(DatabaseBase):
    """Backups of the open book, with the rotation policy stored in the book's settings."""

    def backup(self, reason: str = "manual", progress: Progress | None = None,
               target: Path | None = None) -> BackupInfo:
        """Back up now: into ``target`` if given, else into the book's backup folder."""
        if str(self.path) == ":memory:":
            raise StorageError(":memory:", detail="an in-memory book has no file to back up")
        if target is not None:
            copy_database(self.conn, Path(target), progress)
            return _info(Path(target))
        info = create_backup(self.conn, self.path, reason, progress)
        daily, weekly = self.backup_policy()
        rotate_backups(self.path, daily, weekly)
        return info

    def backup_if_due(self, progress: Progress | None = None) -> BackupInfo | None:
        """The automatic once-a-day backup; None when one was made in the last 24 hours or
        the book is empty."""
        if str(self.path) == ":memory:" or not backup_due(self.path):
            return None
        if not self.scalar("SELECT 1 FROM customers LIMIT 1"):
            return None
        return self.backup("daily", progress)

    def backup_policy(self) -> tuple[int, int]:
        """How many daily and weekly automatic backups to keep."""
        stored = self.get_setting(BACKUP_POLICY_KEY) or {}  # type: ignore[attr-defined]
        return (int(stored.get("keep_daily", DEFAULT_KEEP_DAILY)),
                int(stored.get("keep_weekly", DEFAULT_KEEP_WEEKLY)))

    def set_backup_policy(self, keep_daily: int, keep_weekly: int) -> None:
        for field, value in (("keep_daily", keep_daily), ("keep_weekly", keep_weekly)):
            if not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationError(field, MSG_KEEP_RANGE)
        self.set_setting(BACKUP_POLICY_KEY,  # type: ignore[attr-defined]
                         {"keep_daily": keep_daily, "keep_weekly": keep_weekly})
