"""Writing an export file safely: to a temporary file beside the target, renamed when complete.

A failed or cancelled export never leaves a half-written workbook and never replaces the
previous good file; the user gets one clear line saying what to do.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.validation import tr_noop
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
    if not folder.is_dir():
        raise ExportFolderMissingError(str(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportNotWritableError(str(target))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}-", suffix=".tmp",
                                        dir=folder)
    except OSError as error:
        raise _classify(error, target) from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # mkstemp makes a private file; an export is meant to be shared like any document.
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except OSError as error:
        raise _classify(error, target) from error
    finally:
        if temporary.exists():
            temporary.unlink()
    return target


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
