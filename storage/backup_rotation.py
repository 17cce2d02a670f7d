"""Which automatic backups to delete: the daily/weekly policy, then the folder's size budget.

Whatever either says, the three newest backups that passed their check stay, and backups
made by hand (or kept by a restore) are never deleted.
"""

from __future__ import annotations

from pathlib import Path

from storage.backup_files import AUTOMATIC_REASONS, BackupInfo, delete_backup, list_backups

DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
KEEP_VERIFIED = 3
#: Without a setting the folder may hold ten times the book (compressed backups are about a
#: third of it), and never less than this.
DEFAULT_BUDGET_BOOKS = 10
MIN_DEFAULT_BUDGET = 1024 ** 3


def default_budget(book_size: int) -> int:
    return max(MIN_DEFAULT_BUDGET, DEFAULT_BUDGET_BOOKS * book_size)


def rotate_backups(db_path: Path, keep_daily: int = DEFAULT_KEEP_DAILY,
                   keep_weekly: int = DEFAULT_KEEP_WEEKLY,
                   max_bytes: int | None = None) -> list[Path]:
    """Delete automatic backups beyond the newest one of each of the last ``keep_daily`` days
    and of each of the last ``keep_weekly`` weeks, then the oldest automatic ones while the
    folder holds more than ``max_bytes``. Returns what was deleted."""
    backups = list_backups(db_path)  # newest first
    protected = {b.path for b in [b for b in backups if b.verified][:KEEP_VERIFIED]}
    automatic = [b for b in backups if b.reason in AUTOMATIC_REASONS]
    keep = protected | _policy_keeps(automatic, keep_daily, keep_weekly)
    deleted = [b for b in automatic if b.path not in keep]
    if max_bytes is not None:
        left = [b for b in backups if b not in deleted]
        total = sum(b.size for b in left)
        for backup in reversed(left):  # oldest first
            if total <= max_bytes:
                break
            if backup.reason in AUTOMATIC_REASONS and backup.path not in protected:
                deleted.append(backup)
                total -= backup.size
    for backup in deleted:
        delete_backup(backup.path)
    return [b.path for b in deleted]


def _policy_keeps(automatic: list[BackupInfo], keep_daily: int, keep_weekly: int) -> set[Path]:
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
    return keep
