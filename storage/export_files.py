"""Writing an export file safely: to a temporary file beside the target, renamed when complete.

A failed or cancelled export never leaves a half-written workbook and never replaces the
previous good file; the user gets one clear line saying what to do.
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.validation import tr_noop
from storage.connection import is_open_book_file
from storage.errors import StorageError


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    sheets: list[str]
    rows: int
    seconds: float


class ExportError(StorageError):
    message = tr_noop("Could not write {path}: {detail}")


class ExportFolderMissingError(ExportError):
    message = tr_noop("Could not write {path}: the folder does not exist.")


class ExportNotWritableError(ExportError):
    message = tr_noop("Could not write {path}: the file or its folder is read-only. Choose "
                      "another location.")


class ExportFileLockedError(ExportError):
    message = tr_noop("Could not write {path}: the file is open in another program (Excel?). "
                      "Close it and try again; the previous file was left unchanged.")


class ExportDiskFullError(ExportError):
    message = tr_noop("Could not write {path}: the disk is full. Nothing was written.")


class ExportOverBookError(ExportError):
    message = tr_noop("Could not write {path}: it is the open book. Choose another name; "
                      "nothing was written.")


class ExportOverDatabaseError(ExportError):
    message = tr_noop("Could not write {path}: it is a database, perhaps a KeyPlan book, and an "
                      "export never replaces one. Choose another name; nothing was written.")


class ExportCancelled(Exception):
    """The caller's progress callback asked to stop; no file was written."""


#: (done, total) -> keep going?
Progress = Callable[[int, int], bool]


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)``, then move the result over ``path`` in one step."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportNotWritableError(str(target))
    if is_open_book_file(target):  # an export must never be written over the book
        raise ExportOverBookError(str(target))
    if _is_database(target):  # nor over another book, which another program may have open
        raise ExportOverDatabaseError(str(target))
    if not folder.is_dir():
        raise ExportFolderMissingError(str(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportNotWritableError(str(target))
    try:
        temporary = _create_shared(folder, f".{target.stem[:40]}-")
    except OSError as error:
        raise _classify(error, target) from error
    try:
        write(temporary)
        if target.exists():  # a file written over keeps its permissions
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except OSError as error:
        raise _classify(error, target) from error
    finally:
        if temporary.exists():
            temporary.unlink()
    return target


def _is_database(path: Path) -> bool:
    """Whether ``path`` is a (non-empty) SQLite file. Asked of SQLite, read-only, never with
    open(): this process may hold an SQLite connection to the file that is not a KeyPlan
    book's (a copy being made, a backup being checked), and closing a plain descriptor of it
    would drop that connection's locks; SQLite keeps its own descriptors open while another
    connection of the process holds locks on the file."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):  # missing, unreadable: the checks around say so
        return False
    try:
        probe.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as error:
        # "file is not a database": anything else (busy, locked) is a database in use
        return "not a database" not in str(error)
    finally:
        probe.close()


def _create_shared(folder: Path, prefix: str) -> Path:
    """A new temporary file created like any document (0666 less the user's umask), unlike
    mkstemp's private 0600: an export is meant to be shared; the book's backups stay private."""
    for _attempt in range(100):
        path = folder / f"{prefix}{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0),
                         0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _classify(error: OSError, target: Path) -> ExportError:
    if error.errno == errno.ENOSPC:
        return ExportDiskFullError(str(target))
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if target.exists():
            return ExportFileLockedError(str(target))
        return ExportNotWritableError(str(target))
    if error.errno == errno.ENOENT:
        return ExportFolderMissingError(str(target))
    return ExportError(str(target), detail=error.strerror or str(error))
