"""Opening a book from the UI: a refused file becomes a message with a way forward.

Environmental problems (not an SQLite file, read-only, newer schema, locked...) are shown in
the user's language with a choice: pick another file, create a new book, or give up. Anything
else is a bug and propagates with its traceback.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from storage.database import Database
from storage.errors import StorageError
from ui.i18n import storage_message

CONTEXT = "BookOpener"
SUFFIX = ".db"


class Choice(Enum):
    OTHER_FILE = "other"
    NEW_BOOK = "new"
    CANCEL = "cancel"


def file_filter() -> str:
    return QCoreApplication.translate("BookOpener",
                                      "KeyPlan books (*.db *.sqlite);;All files (*)")


def ask_after_error(parent: QWidget | None, error: StorageError) -> Choice:
    """Show why the book could not be opened and ask what to do next."""
    box = QMessageBox(parent)
    box.setObjectName("storageErrorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("BookOpener", "Cannot open the book"))
    box.setText(storage_message(error))
    box.setInformativeText(QCoreApplication.translate(
        "BookOpener", "You can open another book or start a new, empty one."))
    other = box.addButton(QCoreApplication.translate("BookOpener", "Open another…"),
                          QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(QCoreApplication.translate("BookOpener", "New book…"),
                        QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(other)
    box.exec()
    clicked = box.clickedButton()
    if clicked is other:
        return Choice.OTHER_FILE
    if clicked is new:
        return Choice.NEW_BOOK
    return Choice.CANCEL


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
              folder: Path | None = None) -> tuple[Database, bool] | None:
    """Open ``path``, asking the user how to go on after each refusal.

    Returns the database and whether its file was created just now, or None if the user
    gave up. A refused file is never written to.
    """
    while True:
        existed = path.exists()
        try:
            return Database(path), not existed
        except StorageError as error:
            choice = ask_after_error(parent, error)
        start = folder or (path.parent if path.parent.is_dir() else None)
        if choice is Choice.OTHER_FILE:
            chosen = choose_existing(parent, start)
        elif choice is Choice.NEW_BOOK:
            # An existing file picked here is opened, never overwritten: nothing is lost.
            chosen = choose_new(parent, start)
        else:
            return None
        if chosen is None:
            return None
        path = chosen
