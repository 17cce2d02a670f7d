"""Start the desktop application: language first, then the book, then the main window.

The translator is installed before the first widget exists, so every window is born in the
user's language; a book that cannot be opened becomes a message with a way forward.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog

from storage.book import Book, default_path
from ui.gui.background.tasks import Task
from ui.gui.dialogs.book_opener import open_book
from ui.gui.dialogs.first_run import FirstRunDialog, needs_first_run
from ui.gui.settings import APPLICATION, ORGANISATION, Settings
from ui.gui.style.fonts import install_fonts
from ui.gui.text import i18n
from ui.gui.window.main_window import MainWindow


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once with our names (QSettings uses them)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        install_fonts(existing)
        return existing
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("KeyPlan")
    install_fonts(app)  # before the first widget: every one inherits the CJK fallbacks
    return app


def startup_path(db_path: Path | None, settings: Settings) -> Path:
    """``--db`` if given, else the last book if it still exists, else the default book."""
    if db_path is not None:
        return db_path
    last = settings.last_database()
    if last is not None and last.is_file():
        return last
    return default_path()


def open_startup_book(db_path: Path | None, settings: Settings) -> Book | None:
    """Open the book to start with, offering demo data on first run; None if the user quit."""
    first_launch = not settings.has_last_database()
    opened = open_book(startup_path(db_path, settings), None, settings.last_folder())
    if opened is None:
        return None
    book, created = opened
    if needs_first_run(book, created, first_launch):
        dialog = FirstRunDialog(book.path)
        dialog.exec()
        if dialog.result() == QDialog.DialogCode.Rejected and dialog.task is not None:
            Task.wait_for_all()  # let a cancelled generation roll back before we read
        me = dialog.my_name()
        if me:
            book.people.ensure(me)
            settings.set_me(book.path, me)
    settings.remember_database(book.path)
    return book


def run_gui(db_path: Path | None) -> int:
    """Run the desktop application until its window closes; returns the exit code."""
    app = application()
    settings = Settings()
    i18n.install_language(i18n.resolve_language(settings.language()))
    book = open_startup_book(db_path, settings)
    if book is None:
        return 1
    window = MainWindow(book, settings)
    window.show()
    try:
        return app.exec()
    finally:
        Task.wait_for_all(5_000)
        window.close_book()
