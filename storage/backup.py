"""Backups of the open book: made on demand, daily, before migrations and imports; rotated.

The book's face for backups (:class:`BackupsMixin`) and the one import place for the rest:
writing a backup is :mod:`storage.backup_write` (compressed, verified, never of a damaged
book), names and housekeeping :mod:`storage.backup_files`, checks :mod:`storage.backup_verify`,
rotation within a size budget :mod:`storage.backup_rotation`, and the atomic restore
:mod:`storage.backup_restore`.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.validation import ValidationError, tr_noop
from storage.backup_files import (
    AUTOMATIC_REASONS,
    REASONS,
    BackupInfo,
    backup_folder,
    clean_partials,
    delete_backup,
    info,
    list_backups,
)
from storage.backup_restore import restore_backup
from storage.backup_rotation import (
    DEFAULT_KEEP_DAILY,
    DEFAULT_KEEP_WEEKLY,
    default_budget,
    rotate_backups,
)
from storage.backup_verify import newest_good_backup, verify_backup
from storage.backup_write import (
    Progress,
    StartedBackup,
    copy_database,
    create_backup,
    start_backup,
    write_verified,
)
from storage.base import DatabaseBase
from storage.errors import StorageError

__all__ = ["AUTOMATIC_REASONS", "REASONS", "BackupInfo", "BackupsMixin", "Progress",
           "StartedBackup", "backup_due", "backup_folder", "clean_partials", "copy_database",
           "create_backup", "delete_backup", "list_backups", "newest_good_backup",
           "restore_backup", "rotate_backups", "verify_backup"]

DAILY_INTERVAL = timedelta(hours=24)
MIN_BUDGET = 10 * 1024 * 1024

MSG_KEEP_RANGE = tr_noop("Keep between 1 and 365 backups.")
MSG_BUDGET_RANGE = tr_noop("The backup folder needs at least 10 MB.")


def backup_due(db_path: Path, *, now: datetime | None = None) -> bool:
    """True when no automatic backup is younger than a day."""
    now = now or datetime.now()
    return not any(b.reason in AUTOMATIC_REASONS and now - b.created < DAILY_INTERVAL
                   for b in list_backups(db_path))


BACKUP_POLICY_KEY = "backup_policy"


class BackupsMixin(DatabaseBase):
    """Backups of the open book, with the rotation policy stored in the book's settings."""

    # Provided by SettingsMixin, which Database combines with this mixin; declared
    # here for mypy, which checks that both signatures agree.
    if TYPE_CHECKING:
        def get_setting(self, key: str, default: Any = None) -> Any: ...
        def set_setting(self, key: str, value: Any) -> None: ...

    def backup(self, reason: str = "manual", progress: Progress | None = None,
               target: Path | None = None) -> BackupInfo:
        """Back up now: into ``target`` if given (compressed if it ends ``.zst``), else into
        the book's backup folder, then rotate the folder."""
        if str(self.path) == ":memory:":
            raise StorageError(":memory:", detail="an in-memory book has no file to back up")
        if target is not None:
            target = Path(target)
            if not target.name.endswith(".zst"):
                copy_database(self.conn, target, progress)
            elif target.exists():
                raise FileExistsError(target)
            else:
                write_verified(self.conn, target, self.path, progress)
            return info(target)
        return self.start_backup(reason, progress).finish()

    def start_backup(self, reason: str, progress: Progress | None = None) -> StartedBackup:
        """Copy the book into its backup folder now; its compression and check go on in
        the background (the caller may write meanwhile) until ``finish()``, which also
        rotates the folder."""
        if str(self.path) == ":memory:":
            raise StorageError(":memory:", detail="an in-memory book has no file to back up")
        daily, weekly = self.backup_policy()
        budget = self.backup_budget()
        path = self.path
        return start_backup(self.conn, path, reason, progress,
                            after=lambda: rotate_backups(path, daily, weekly, budget))

    def backup_if_due(self, progress: Progress | None = None) -> BackupInfo | None:
        """The automatic once-a-day backup; None when one was made in the last 24 hours or
        the book is empty."""
        if str(self.path) == ":memory:" or not backup_due(self.path):
            return None
        if not self.scalar("SELECT 1 FROM customers LIMIT 1"):
            return None
        return self.backup("daily", progress)

    def _stored_policy(self) -> dict[str, Any]:
        stored = self.get_setting(BACKUP_POLICY_KEY)
        return dict(stored) if isinstance(stored, dict) else {}

    def backup_policy(self) -> tuple[int, int]:
        """How many daily and weekly automatic backups to keep."""
        stored = self._stored_policy()
        return (int(stored.get("keep_daily", DEFAULT_KEEP_DAILY)),
                int(stored.get("keep_weekly", DEFAULT_KEEP_WEEKLY)))

    def set_backup_policy(self, keep_daily: int, keep_weekly: int) -> None:
        for field, value in (("keep_daily", keep_daily), ("keep_weekly", keep_weekly)):
            if not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationError(field, MSG_KEEP_RANGE)
        self.set_setting(BACKUP_POLICY_KEY,
                         {**self._stored_policy(), "keep_daily": keep_daily,
                          "keep_weekly": keep_weekly})

    def backup_budget(self) -> int:
        """Bytes the backup folder may hold (the setting, else 10× the book, at least 1 GB);
        the oldest automatic backups go first, never the three newest verified ones."""
        stored = self._stored_policy().get("max_bytes")
        if isinstance(stored, int) and stored > 0:
            return stored
        size = os.stat(self.path).st_size if os.path.exists(self.path) else 0
        return default_budget(size)

    def backup_budget_is_set(self) -> bool:
        return isinstance(self._stored_policy().get("max_bytes"), int)

    def set_backup_budget(self, max_bytes: int | None) -> None:
        """Limit the backup folder to ``max_bytes`` (None: back to the default)."""
        policy = self._stored_policy()
        if max_bytes is None:
            policy.pop("max_bytes", None)
        elif not isinstance(max_bytes, int) or max_bytes < MIN_BUDGET:
            raise ValidationError("max_bytes", MSG_BUDGET_RANGE)
        else:
            policy["max_bytes"] = max_bytes
        self.set_setting(BACKUP_POLICY_KEY, policy)
