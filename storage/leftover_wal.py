"""A journal (``-wal``) found beside a book that nobody has open is copied aside first.

SQLite replays a leftover WAL into the book when it is next opened. A crash leaves a good one,
but a WAL copied in from elsewhere (a sync tool, a restored folder) or a stale one can be
wrong; the copy lets such a book be recovered by hand. Only done when no KeyPlan process has
the book open (this one included): then reading the file cannot release anybody's locks.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from storage import presence
from storage.backup_files import backup_folder
from storage.connection import open_in_process

#: How many copied journals to keep per book (newest first).
KEEP_COPIES = 3
SUFFIX = ".wal-leftover"


def copies_folder(db_path: Path) -> Path:
    """The book's backup folder: copied journals are kept beside its backups."""
    return backup_folder(db_path)


def keep_leftover_wal(db_path: Path) -> Path | None:
    """Copy a non-empty ``-wal`` of a book nobody has open into its backup folder; returns
    the copy, or None when there was nothing to keep."""
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    if open_in_process(db_path) or presence.holders(db_path):
        return None
    folder = copies_folder(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{os.getpid()}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with wal.open("rb") as source, open(
                os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
    except OSError:
        target.unlink(missing_ok=True)
        return None  # a courtesy copy: never a reason not to open the book
    for old in sorted(folder.glob(f"{db_path.stem}-*{SUFFIX}"), reverse=True)[KEEP_COPIES:]:
        old.unlink(missing_ok=True)
    return target
