"""Operating-system failures around the book (full disk, no permission, failing drive) as the
same user messages SQLite's own errors get, and the restore line offered for a lost book."""

from __future__ import annotations

import errno
from pathlib import Path

from storage import backup
from storage.errors import (
    DiskFullError,
    DiskIOError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)


def os_error(error: OSError) -> StorageError | None:
    """The user message for an environmental OSError; None for anything else (a bug)."""
    where = str(error.filename or "")
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(where)
    if error.errno == errno.EROFS:
        return ReadOnlyError(where)
    if error.errno in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(where)
    if error.errno == errno.EIO:
        return DiskIOError(where, detail=error.strerror or "I/O error")
    return None


def quoted(path: Path) -> str:
    """A path as it is typed in a shell (Windows and POSIX both take double quotes)."""
    text = str(path)
    return f'"{text}"' if any(c in text for c in " '&()") else text


def restore_hint(db_path: Path) -> str | None:
    """The command that restores the newest backup that passes the integrity check."""
    command = restore_command(db_path)
    return None if command is None else f"restore the newest good backup with: {command}"


def restore_command(db_path: Path) -> str | None:
    """``keyplan --db BOOK restore BACKUP`` for the newest backup whose check passed."""
    good = newest_good(db_path)
    if good is None:
        return None
    return f"keyplan --db {quoted(db_path)} restore {quoted(good)}"


def newest_good(db_path: Path) -> Path | None:
    """The newest backup whose recorded check passed."""
    found = backup.newest_good_backup(db_path, check_unknown=True)
    return None if found is None else Path(found.path)
