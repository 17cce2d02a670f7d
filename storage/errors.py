"""Environmental database problems, each with a message the user can act on.

These are the errors a user can cause or fix (a wrong file, a read-only folder, a newer app's
database); anything else from SQLite is a bug and is left to propagate with its traceback.
Messages are English sources marked for translation in the ``Storage`` context.
"""

from __future__ import annotations

from typing import Any

from models.record import Record
from models.validation import tr_noop

TRANSLATION_CONTEXT = "Storage"


class StorageError(Exception):
    """A problem with the database file that the user can act on."""

    message: str = tr_noop("The database could not be used: {detail}")

    def __init__(self, path: str = "", **params: Any) -> None:
        self.path = path
        self.params: dict[str, Any] = {"path": path, **params}
        params_with_detail = {"detail": "", **self.params}
        super().__init__(self.message.format(**params_with_detail))


class FolderMissingError(StorageError):
    message = tr_noop("The folder for {path} does not exist. Choose another location or create "
                      "the folder first.")


class ReadOnlyError(StorageError):
    message = tr_noop("{path} is read-only. Copy it somewhere writable or change its "
                      "permissions, then open it again.")


class NotADatabaseError(StorageError):
    message = tr_noop("{path} is not a KeyPlan database (it is not an SQLite file). It was left "
                      "unchanged.")


class CorruptDatabaseError(StorageError):
    message = tr_noop("{path} is damaged ({detail}). It was left unchanged; restore a backup.")


class NewerSchemaError(StorageError):
    message = tr_noop("{path} was written by a newer version of KeyPlan (schema {found}, this "
                      "version knows {known}). Update KeyPlan to open it; the file was left "
                      "unchanged.")


class DatabaseLockedError(StorageError):
    message = tr_noop("The book is in use by another program: {path} stayed locked for "
                      "{seconds} seconds. Nothing was changed; try again when the other "
                      "program has finished.")

    def __init__(self, path: str = "", **params: Any) -> None:
        super().__init__(path, **{"seconds": 5, **params})


class RecordNotFoundError(StorageError):
    message = tr_noop("No {kind} matches '{key}'.")


class AmbiguousRecordError(StorageError):
    message = tr_noop("'{key}' matches {count} customers; use the customer id or code.")


class ImportNotUndoableError(StorageError):
    message = tr_noop("The lines of an import are not undone one customer at a time. To take "
                      "back the whole import, restore the backup made just before it (File → "
                      "Backups) while it is still listed; restoring also takes back every "
                      "change made after that backup.")


class DiskFullError(StorageError):
    message = tr_noop("The disk holding {path} is full. Free some space and try again; nothing "
                      "was written.")


class DiskIOError(StorageError):
    message = tr_noop("The disk holding {path} failed to read or write ({detail}). The change "
                      "was not saved. Check the drive or network connection, then try again.")


class PermissionDeniedError(StorageError):
    message = tr_noop("You do not have permission to open {path}. Ask whoever owns the file, or "
                      "copy it into a folder of your own.")


class StaleWalError(StorageError):
    message = tr_noop("{path} has a journal file (-wal) left by a crash or by another program "
                      "that cannot be used ({detail}). Close other programs using the book and "
                      "try again; a copy of the journal is kept in the backup folder.")


class BookMovedError(StorageError):
    message = tr_noop("{path} was moved, replaced or deleted by another program while it was "
                      "open. Nothing more was written to it; open the book again.")


class NotAKeyPlanBookError(NotADatabaseError):
    message = tr_noop("{path} is another program's SQLite database, not a KeyPlan book. It was "
                      "left unchanged.")


class BookMissingError(StorageError):
    """The book is gone but its backups are there: never start an empty book in its place."""

    message = tr_noop("{path} does not exist, but {count} backups of it do (the newest from "
                      "{newest}). Restore one instead of starting an empty book.")


class ConflictError(StorageError):
    """The record was saved by someone else (another window, the command line) since it was
    loaded; ``current`` is the stored version, so the caller can merge field by field."""

    message = tr_noop("This {kind} was changed elsewhere since you opened it. Review the other "
                      "changes before saving.")

    def __init__(self, current: Record, **params: Any) -> None:
        self.current = current
        super().__init__(**params)


class DamagedBookBackupError(CorruptDatabaseError):
    """The fresh copy of the book failed its integrity check: it is not kept as a backup."""

    message = tr_noop("{path} is damaged ({detail}), so no backup was made and the existing "
                      "backups were kept. Restore a good backup (File → Backups, or the "
                      "restore command).")


class BackupCheckFailedError(StorageError):
    message = tr_noop("The backup of {path} did not read back the same after it was written "
                      "({detail}), so it was deleted. Check the disk and try again.")


class ImportAlreadyUndoneError(StorageError):
    """An import batch is undone once; its undo is not redone (import the file again)."""

    message = tr_noop("The import of {file} ({at}) was already undone on {undone}. To bring "
                      "its rows back, import the file again.")
