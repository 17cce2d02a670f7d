"""Restoring a book from its newest backup that passes the check (a damaged book's way back).

Backups whose recorded check failed are passed over; the others are decompressed beside the
book and checked there (integrity, ours, not newer), the failures recorded beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from storage.backup import BackupInfo, list_backups
from storage.backup_files import write_record
from storage.backup_restore import stage, swap_in
from storage.backup_verify import verification
from storage.errors import StorageError


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept: Path | None
    skipped: list[Path]  # newer backups that failed the check


class NoGoodBackup(Exception):
    """Every backup of the book failed its check (or there is none)."""


def candidates(path: Path) -> list[BackupInfo]:
    """Backups worth trying, newest first: all but those whose recorded check failed."""
    return [b for b in list_backups(path) if b.verified is not False]


def restore_newest_good(path: Path, report: Callable[[int, int], object] = lambda _d, _t: None,
                        check: Callable[[], object] = lambda: None) -> Restored:
    """Check the backups newest first and restore the first good one (worker thread).

    Each is decompressed beside the book and checked there (integrity, ours, not newer); a
    failure is recorded beside the backup, so it is not offered again."""
    backups = candidates(path)
    skipped: list[Path] = []
    for number, backup in enumerate(backups):
        report(number, len(backups))
        check()  # may raise to stop (a cancel)
        try:
            incoming = stage(path, backup.path)
        except StorageError as error:
            skipped.append(backup.path)
            with suppress(OSError):
                write_record(backup.path, verification(
                    str(error.params.get("detail") or type(error).__name__), backup.path, None))
            continue
        try:
            kept = swap_in(path, incoming)
        finally:
            incoming.unlink(missing_ok=True)
        return Restored(backup=backup.path, kept=kept, skipped=skipped)
    raise NoGoodBackup(str(path))
