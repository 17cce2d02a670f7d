"""What to tell and offer when a book cannot be opened: one actionable answer per problem.

Each refusal from storage (folder missing, read-only, not a database, damaged, newer schema,
locked) gets its own advice and its own ways forward; a damaged book can be replaced by its
newest backup that passes the integrity check (backups whose recorded check failed are passed
over; the others are decompressed and checked again), found and restored off the UI thread.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from storage.book.restoring import NoGoodBackup, Restored, candidates, restore_newest_good
from storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    FolderMissingError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyError,
    StorageError,
)
from ui.gui.background.tasks import Task


class Choice(Enum):
    OTHER_FILE = "other"
    NEW_BOOK = "new"
    CREATE_FOLDER = "create_folder"
    RETRY = "retry"
    RESTORE_BACKUP = "restore"
    CANCEL = "cancel"


def advice(error: StorageError) -> str:
    """What the user can do about ``error``, in their language."""
    translate = QCoreApplication.translate
    if isinstance(error, FolderMissingError):
        return translate("StartupChecks", "Create the folder, or open or start a book "
                                          "somewhere else.")
    if isinstance(error, ReadOnlyError):
        return translate("StartupChecks", "KeyPlan needs to write beside the book (its journal "
                                          "and backups). Fix the permissions and try again, or "
                                          "open a copy kept in a writable folder.")
    if isinstance(error, NotADatabaseError):
        return translate("StartupChecks", "You can open another book or start a new, "
                                          "empty one.")
    if isinstance(error, CorruptDatabaseError):
        return translate("StartupChecks", "KeyPlan can replace it with the newest backup that "
                                          "passes the integrity check; the damaged file is "
                                          "kept beside the backups.")
    if isinstance(error, NewerSchemaError):
        return translate("StartupChecks", "Install the newer KeyPlan to open this book, or "
                                          "open another one.")
    if isinstance(error, DatabaseLockedError):
        return translate("StartupChecks", "Another program holds the book. Close it (or wait "
                                          "for it to finish) and try again.")
    if isinstance(error, DiskFullError):
        return translate("StartupChecks", "Free some disk space and try again.")
    return translate("StartupChecks", "You can open another book or start a new, empty one.")


def choices_for(error: StorageError, path: Path) -> list[Choice]:
    """The ways forward offered for ``error``, the recommended one first."""
    if isinstance(error, FolderMissingError):
        return [Choice.CREATE_FOLDER, Choice.OTHER_FILE, Choice.NEW_BOOK]
    if isinstance(error, ReadOnlyError | DatabaseLockedError | DiskFullError):
        return [Choice.RETRY, Choice.OTHER_FILE]
    if isinstance(error, CorruptDatabaseError):
        restore = [Choice.RESTORE_BACKUP] if candidates(path) else []
        return [*restore, Choice.OTHER_FILE, Choice.NEW_BOOK]
    if isinstance(error, NewerSchemaError):
        return [Choice.OTHER_FILE]
    return [Choice.OTHER_FILE, Choice.NEW_BOOK]


def choice_text(choice: Choice) -> str:
    translate = QCoreApplication.translate
    return {
        Choice.OTHER_FILE: translate("BookOpener", "Open another…"),
        Choice.NEW_BOOK: translate("BookOpener", "New book…"),
        Choice.CREATE_FOLDER: translate("StartupChecks", "Create the folder"),
        Choice.RETRY: translate("StartupChecks", "Try again"),
        Choice.RESTORE_BACKUP: translate("StartupChecks", "Restore the newest good backup"),
        Choice.CANCEL: translate("StartupChecks", "Cancel"),
    }[choice]


def run_restore(path: Path, parent: QWidget | None) -> Restored | BaseException | None:
    """Restore the newest good backup with a progress dialog, waiting without freezing;
    returns what happened (None if the user cancelled)."""
    dialog = QProgressDialog(
        QCoreApplication.translate("StartupChecks", "Checking the backups…"),
        QCoreApplication.translate("StartupChecks", "Cancel"), 0, 0, parent)
    dialog.setObjectName("restoreProgress")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    outcome: list[Restored | BaseException | None] = []
    loop = QEventLoop()
    task = Task(lambda progress: restore_newest_good(path, progress.report, progress.check))
    task.success(outcome.append).failure(outcome.append).on_cancel(lambda: outcome.append(None))

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    task.on_progress(show_progress)
    task.finished.connect(loop.quit)
    dialog.canceled.connect(task.cancel)
    dialog.show()
    task.run_in_background()
    if task.running:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    return outcome[0] if outcome else None


__all__ = ["NoGoodBackup", "Restored", "candidates", "restore_newest_good"]
