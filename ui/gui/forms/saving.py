"""Writing a form's record: add or update, and after a conflicting save the merge dialog, then
a forced save of the merged record."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from models.record import Record
from models.validation import ValidationErrors
from storage.book import Book, Saved
from storage.errors import ConflictError, RecordNotFoundError, StorageError
from ui.gui.forms import prompts
from ui.gui.forms.base import RecordForm
from ui.gui.forms.merge_dialog import MergeDialog
from ui.gui.text.i18n import storage_message, validation_message


class RecordSaver(QObject):
    """Saves one form's record; ``saved`` carries the :class:`Saved` the Book answered (the
    record as stored, and what the save changed)."""

    saved = Signal(object)
    #: The merge dialog was opened (tests and callers may want to look at it).
    merge_opened = Signal(object)

    def __init__(self, book: Book | None, form: RecordForm, parent: QWidget) -> None:
        """``book`` is None for a plan's part, whose saver overrides :meth:`write`."""
        super().__init__(parent)
        self.book = book
        self.form = form
        self.widget = parent
        self.merge_dialog: MergeDialog | None = None
        self.names: Mapping[str, str] = {}

    def save(self) -> bool:
        """Write the form's record; False if invalid or refused (a merge may follow)."""
        record = self.form.validate()
        if record is None:
            self.form.reveal_errors()
            return False
        try:
            saved = self.write(record, new=self.form.is_new())
        except ConflictError as conflict:
            self._merge(record, conflict.current)
            return False
        except RecordNotFoundError:
            prompts.show_error(
                self.widget,
                self.tr(
                    "This record was deleted in another window, so it cannot be saved. Close "
                    "the form, or undo the delete first."
                ),
            )
            return False
        except ValidationErrors as problems:
            prompts.show_error(
                self.widget, "\n".join(validation_message(e) for e in problems.errors)
            )
            return False
        except StorageError as error:
            prompts.show_error(self.widget, storage_message(error))
            return False
        except sqlite3.IntegrityError as error:
            if not self._explain_integrity(error):
                raise
            return False
        self._done(saved)
        return True

    def write(self, record: Record, *, new: bool, force: bool = False) -> Saved[Any]:
        """The book's write; a saver that keeps records in memory (a plan's parts) overrides."""
        assert self.book is not None  # only such a saver has no book
        if new:
            return self.book.records.add(record)
        return self.book.records.update(record, force=force)

    def _done(self, saved: Saved[Any]) -> None:
        self.form.load(saved.record)
        self.saved.emit(saved)

    def _explain_integrity(self, error: sqlite3.IntegrityError) -> bool:
        if "customers.code" in str(error) and "code" in self.form.rows:
            self.form.rows["code"].show_error(self.tr("Another customer already has this code."))
            return True
        return False

    # -- conflicts ---------------------------------------------------------------------------
    def _merge(self, mine: Record, theirs: Record) -> None:
        base = self.form.original or theirs
        dialog = MergeDialog(base, mine, theirs, names=self.names, parent=self.widget)
        if not dialog.conflicts and not dialog.theirs_changed:
            # The other save changed nothing this form shows: nothing to decide.
            dialog.deleteLater()
            self._save_merged(dialog.merged())
            return
        self.merge_dialog = dialog
        dialog.accepted.connect(lambda: self._save_merged(dialog.merged()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.merge_opened.emit(dialog)

    def _save_merged(self, merged: Record) -> None:
        self.merge_dialog = None
        try:
            saved = self.write(merged, new=False, force=True)
        except RecordNotFoundError:
            prompts.show_error(
                self.widget,
                self.tr("This record was deleted in another window, so it cannot be saved."),
            )
            return
        except (StorageError, ValidationErrors) as error:
            text = (
                storage_message(error)
                if isinstance(error, StorageError)
                else "\n".join(validation_message(e) for e in error.errors)
            )
            prompts.show_error(self.widget, text)
            return
        self._done(saved)
