"""Backup file names, listing and housekeeping: unique names, owned temporary files, fsync.

A backup is ``{book}-{YYYYmmdd-HHMMSS}-{microseconds}-{pid}-{n}-{reason}.db.zst``: the time
to the microsecond, the writing process and a per-process counter, so two backups never get
the same name, whether they start in the same second or in two processes. Names of earlier
versions (``{book}-{YYYYmmdd-HHMMSS}-{reason}.db``, plain SQLite files) are still listed.
Temporary files end ``.{pid}.partial``, so the next start can tell a dead writer's leftovers
from a running one's. Nothing here ever opens the book or its -wal/-shm: with POSIX locks, a
close() of any descriptor of the book drops every SQLite lock this process holds on it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.presence import process_alive

BACKUP_FOLDER = "backups"
AUTOMATIC_REASONS = ("daily", "migration", "import", "restore")
REASONS = (*AUTOMATIC_REASONS, "manual", "replaced")  # manual and replaced are never rotated
COMPRESSED_SUFFIX = ".zst"
RECORD_SUFFIX = ".json"
PARTIAL_SUFFIX = ".partial"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<micro>\d{6})-\d+-\d+)?"
                   r"-(?P<reason>[a-z]+)\.db(?P<zst>\.zst)?$")
#: A temporary file and the journal files SQLite may leave beside it when its writer is killed.
_PARTIAL = re.compile(r"\.(?P<pid>\d+)\.partial(?:-journal|-wal|-shm)?$")
_counter = itertools.count(1)
_counter_lock = threading.Lock()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # local time, from the file name
    reason: str
    size: int
    verified: bool | None = None  # True: checked good when made; False: failed; None: unknown
    sha256: str | None = None  # of the file as stored (compressed for .zst), when recorded

    @property
    def compressed(self) -> bool:
        return self.path.name.endswith(COMPRESSED_SUFFIX)


def backup_folder(db_path: Path) -> Path:
    """``backups/<book name>/`` beside the book (beside a symlink's target)."""
    return Path(db_path).resolve().parent / BACKUP_FOLDER / Path(db_path).resolve().stem


def real_book_path(db_path: Path) -> Path:
    """The file a (possibly symlinked) book path names."""
    return Path(os.path.realpath(db_path))


def make_folder(db_path: Path) -> Path:
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    return folder


def new_backup_path(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """A name no other backup has or will have (time to the microsecond, pid, counter)."""
    now = now or datetime.now()
    folder = backup_folder(db_path)
    stem = Path(db_path).resolve().stem
    while True:
        with _counter_lock:
            number = next(_counter)
        name = (f"{stem}-{now:%Y%m%d-%H%M%S}-{now:%f}-{os.getpid()}-{number}-{reason}"
                f".db{COMPRESSED_SUFFIX}")
        if not (folder / name).exists():
            return folder / name


def partial_path(final: Path, role: str) -> Path:
    """A temporary file beside ``final`` whose name says which process owns it."""
    return final.with_name(f".{final.name}.{role}.{os.getpid()}{PARTIAL_SUFFIX}")


def create_private(path: Path) -> Path:
    """Create ``path`` empty and readable by its owner only; fails if it exists (O_EXCL)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    os.close(fd)
    return path


def fsync_file(path: Path) -> None:
    """Flush a file we wrote (never the live book) to the disk."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX; Windows cannot open a folder for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(partial: Path, final: Path) -> None:
    """Give a complete, synced temporary file its final name, never replacing a backup."""
    if final.exists():
        raise FileExistsError(final)
    os.replace(partial, final)
    fsync_folder(final.parent)


def record_path(backup: Path) -> Path:
    return backup.with_name(backup.name + RECORD_SUFFIX)


def read_record(backup: Path) -> dict[str, object] | None:
    try:
        data = json.loads(record_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_record(backup: Path, record: dict[str, object]) -> None:
    """The backup's verification beside it, written whole or not at all."""
    target = record_path(backup)
    partial = partial_path(target, "record")
    create_private(partial)
    try:
        partial.write_text(json.dumps(record, indent=1), encoding="utf-8")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    size = path.stat().st_size
    if match:
        created = datetime.strptime(match["stamp"] + (match["micro"] or "000000"),
                                    "%Y%m%d-%H%M%S%f")
    else:
        created = datetime.fromtimestamp(path.stat().st_mtime)
    record = read_record(path)
    verified: bool | None = None
    sha256 = None
    if record is not None and record.get("size") == size:
        verified = record.get("result") == "ok"
        sha256 = str(record.get("sha256") or "") or None
    return BackupInfo(path=path, created=created, reason=match["reason"] if match else "manual",
                      size=size, verified=verified, sha256=sha256)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of a book, newest first (both plain ``.db`` and compressed ``.db.zst``)."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if _NAME.match(path.name) and not path.name.startswith("."):
            try:
                found.append(info(path))
            except FileNotFoundError:
                continue  # rotated away by another process meanwhile
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def delete_backup(path: Path) -> None:
    """A backup, its record and the journal a raw copy of a damaged book may have."""
    path.unlink(missing_ok=True)
    record_path(path).unlink(missing_ok=True)
    path.with_name(path.name + "-wal").unlink(missing_ok=True)


def clean_partials(db_path: Path) -> list[Path]:
    """Remove temporary files that a backup or restore left when its process died.

    Call when a book is opened. Looks in the book's backup folder and beside the book; a file
    whose owner still runs is left alone. Only unlinks, never opens, so it is safe while this
    process holds the book open.
    """
    removed: list[Path] = []
    book = real_book_path(db_path)
    places = [(backup_folder(db_path), ""), (book.parent, f".{book.name}.")]
    for folder, prefix in places:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():  # not glob: a book may be called "plan[1].db"
            match = _PARTIAL.search(path.name)
            if (match is None or not path.name.startswith(prefix)
                    or process_alive(int(match["pid"]))):
                continue
            try:
                path.unlink()
            except OSError:
                continue  # Windows: still open somewhere; the next start tries again
            removed.append(path)
    return removed
