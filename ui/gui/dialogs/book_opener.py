"""Opening a book from the UI: a refused file becomes a message with a way forward.

Environmental problems (not an SQLite file, read-only, newer schema, locked, damaged...) are
shown in the user's language with the choices that fit the problem (see
:mod:`ui.gui.dialogs.startup_checks`): pick another file, create a new book or the missing folder,
try
again, restore the newest good backup, or give up. Anything else is a bug and propagates
with its traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from storage.book import Book
from storage.errors import BookMissingError, StorageError
from ui.gui.dialogs.startup_checks import (
    Choice,
    NoGoodBackup,
    Restored,
    advice,
    choice_text,
    choices_for,
    run_restore,
)
from ui.gui.text.i18n import storage_message

__all__ = ["Choice", "ask_after_error", "choose_existing", "choose_new", "open_book"]

CONTEXT = "BookOpener"
SUFFIX = ".db"


def file_filter() -> str:
    return QCoreApplication.translate("BookOpener",
                                      "KeyPlan books (*.db *.sqlite);;All files (*)")


def ask_after_error(parent: QWidget | None, error: StorageError,
                    path: Path | None = None) -> Choice:
    """Show why the book could not be opened and ask what to do next."""
    box = QMessageBox(parent)
    box.setObjectName("storageErrorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("BookOpener", "Cannot open the book"))
    box.setText(storage_message(error))
    box.setInformativeText(_advice(error))
    buttons: dict[QAbstractButton, Choice] = {}
    for number, choice in enumerate(_choices(error, path or Path(error.path))):
        role = QMessageBox.ButtonRole.AcceptRole if number == 0 else \
            QMessageBox.ButtonRole.ActionRole
        button = box.addButton(choice_text(choice), role)
        buttons[button] = choice
        if number == 0:
            box.setDefaultButton(button)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return buttons.get(box.clickedButton(), Choice.CANCEL)


def _advice(error: StorageError) -> str:
    if isinstance(error, BookMissingError):
        return QCoreApplication.translate(
            "BookOpener", "The book may have been moved, deleted or lost in a crash. KeyPlan "
            "can put back its newest backup that passes the integrity check.")
    return advice(error)


def _choices(error: StorageError, path: Path) -> list[Choice]:
    """A missing book with backups: restore first; an empty book only when asked for."""
    if isinstance(error, BookMissingError):
        return [Choice.RESTORE_BACKUP, Choice.OTHER_FILE, Choice.NEW_BOOK]
    return choices_for(error, path)


def choose_existing(parent: QWidget | None, folder: Path | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("BookOpener", "Open a book"),
        str(folder or Path.home()), file_filter())
    return Path(path) if path else None


def choose_new(parent: QWidget | None, folder: Path | None) -> Path | None:
    """Ask where to create a new book; an existing file is never reused."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("BookOpener", "New book"),
        str((folder or Path.home()) / "keyplan.db"), file_filter())
    if not path:
        return None
    chosen = Path(path)
    if not chosen.suffix:
        chosen = chosen.with_suffix(SUFFIX)
    return chosen


def open_book(path: Path, parent: QWidget | None = None,
              folder: Path | None = None) -> tuple[Book, bool] | None:
    """Open ``path``, asking the user how to go on after each refusal.

    Returns the database and whether its file was created just now, or None if the user
    gave up. A refused file is never written to (a restore replaces it only when asked,
    and keeps it beside the backups).
    """
    new_book = False  # only a path the user chose as a new book may start empty
    while True:
        existed = path.exists()
        try:
            return Book(path, new_book=new_book), not existed
        except StorageError as error:
            choice = ask_after_error(parent, error, path)
        start = folder or (path.parent if path.parent.is_dir() else None)
        if choice is Choice.RETRY:
            continue
        if choice is Choice.CREATE_FOLDER:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as problem:
                _warn(parent, problem.strerror or str(problem))
            continue
        if choice is Choice.RESTORE_BACKUP:
            _report_restore(parent, run_restore(path, parent))
            continue
        if choice is Choice.OTHER_FILE:
            chosen = choose_existing(parent, start)
        elif choice is Choice.NEW_BOOK:
            # An existing file picked here is opened, never overwritten: nothing is lost.
            chosen = choose_new(parent, start)
        else:
            return None
        if chosen is None:
            return None
        path, new_book = chosen, choice is Choice.NEW_BOOK


def _report_restore(parent: QWidget | None, outcome: object) -> None:
    translate = QCoreApplication.translate
    if isinstance(outcome, Restored):
        box = QMessageBox(QMessageBox.Icon.Information,
                          translate("BookOpener", "Backup restored"),
                          translate("BookOpener", "The book was restored from {backup}. The "
                                                  "damaged file was kept as {kept}.").format(
                              backup=outcome.backup.name, kept=outcome.kept),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("restoredBox")
        box.exec()
    elif isinstance(outcome, NoGoodBackup):
        _warn(parent, translate("BookOpener", "No backup of this book passes the integrity "
                                              "check."))
    elif isinstance(outcome, StorageError):
        _warn(parent, storage_message(outcome))
    elif isinstance(outcome, BaseException):
        raise outcome


def _warn(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("BookOpener", "Cannot open the book"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()
