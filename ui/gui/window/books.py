"""The main window's books: opening another or a new one, recent books, and what happens once
a book is open (claim it, read the lists, the daily backup, preloading the dashboard).

A mixin of :class:`~ui.gui.window.main_window.MainWindow`.
"""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu

from storage.book import Book, shared_folder
from storage.errors import StorageError
from ui.gui.background.memory import tune_ui_connection
from ui.gui.dialogs.book_opener import choose_existing, choose_new, open_book
from ui.gui.text.i18n import storage_message
from ui.gui.window.book_session import BookSession

if TYPE_CHECKING:
    from ui.gui.settings import Settings
    from ui.gui.views.customer_view import CustomerBookView
    from ui.gui.views.plans_view import PlansView
    from ui.gui.views.today_view import TodayView

translate = QCoreApplication.translate  # lupdate reads translate("MainWindow", ...)

#: Once a book is open, wait this long, then import the dashboard (matplotlib) in the background.
PRELOAD_DELAY_MS = 1_500


def preload_dashboard() -> None:
    """Import the dashboard (matplotlib: a few hundred ms) and draw one throw-away chart
    (fonts: about 100 ms) on a thread of its own, so the first click on Dashboard waits for
    neither, on the UI thread or on the worker that builds its charts."""
    if "ui.gui.views.dashboard_view" not in sys.modules:
        threading.Thread(target=_preload, name="keyplan-preload", daemon=True).start()


def _preload() -> None:
    importlib.import_module("ui.gui.views.dashboard_view")
    from ui.gui.charts.style import warm_up

    warm_up()




class BooksMixin(QMainWindow):
    """Swaps the open book in place."""

    book: Book
    book_open: bool
    automatic_backup: bool
    score_unscored: bool
    settings: Settings
    session: BookSession
    customers: CustomerBookView
    today: TodayView
    plans: PlansView
    dashboard: Any
    workspace: Any
    recent_menu: QMenu

    if TYPE_CHECKING:  # provided by MainWindow and the other mixins
        def close_workspace(self) -> bool: ...
        def update_status(self, recount: bool = True) -> None: ...
        def daily_backup(self) -> Any: ...
        def rescore(self) -> Any: ...
        def say(self, text: str) -> None: ...
        def _show_holders(self, others: list[Any]) -> None: ...
        def book_changed_elsewhere(self) -> None: ...

    def open_book_dialog(self) -> None:
        path = choose_existing(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path)

    def new_book(self) -> None:
        path = choose_new(self, self.settings.last_folder())
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open the book at ``path`` in this window; the current one stays if it fails."""
        if self.book_open and path.resolve() == self.book.path.resolve():
            return True
        opened = open_book(path, self, self.settings.last_folder())
        if opened is None:
            return False
        self.set_book(opened[0])
        return True

    def set_book(self, book: Book) -> None:
        if self.workspace is not None and not self.close_workspace():
            book.close()  # the user kept unsaved changes in the open customer
            return
        old, was_open = self.book, self.book_open
        self.session.release()
        tune_ui_connection(book)
        self.book = book
        self.book_open = True
        self.session = BookSession(book.path, self)
        self.session.holders_changed.connect(self._show_holders)
        self.session.changed_elsewhere.connect(self.book_changed_elsewhere)
        self.customers.set_book(book)
        self.today.set_owners(self.customers.filter_bar.owners, self.settings.me(book.path))
        self.today.set_book(book)
        self.plans.set_book(book)
        if self.dashboard is not None:
            self.dashboard.set_book(book)
        if was_open and old is not book:
            old.close()
        self.settings.remember_database(book.path)
        self.update_status()
        self._after_open()

    def _after_open(self) -> None:
        """Once the window is up: claim the book, read the lists, make the daily backup."""
        if not self.book_open:
            return
        self.session.claim()
        self.session.watch(self.book)
        if self.today.model.data_ is None:
            self.today.reload()
        self.plans.reload()
        if self.automatic_backup:
            self.daily_backup()
        if self.score_unscored and self.book.scoring.state() is None \
                and self.book.customers.count():
            # Customers and their history, but no tiers yet (an import, an older book): the
            # views would be blank where the value engine's figures belong.
            self.rescore()
            self.say(translate("MainWindow", "This book has not been scored yet: scoring it "
                                             "now, in the background."))
        if self.dashboard is None:
            QTimer.singleShot(PRELOAD_DELAY_MS, preload_dashboard)
        self._warn_if_shared()

    def _warn_if_shared(self) -> None:
        """A book in Dropbox, OneDrive, 坚果云 or on a network share gets damaged when two
        computers write it: say so, and offer to copy it to this computer."""
        if self.book.in_memory:
            return
        service = shared_folder(self.book.path)
        if service is None:
            return
        from ui.gui.dialogs.shared_folder_warning import SharedFolderWarning

        source = self.book.path

        def copied(path: Path) -> None:
            self.settings.book_moved(source, path)  # its team folder, who "me" is in it
            if self.open_path(path):
                self.say(translate("MainWindow", "The book was copied to {path} and opened "
                                                 "from there.").format(path=path))

        def failed(error: BaseException) -> None:
            if not isinstance(error, StorageError):
                raise error
            self.say(storage_message(error))

        self.shared_warning = SharedFolderWarning(self.book.path, service, copied, failed,
                                                  self, in_team=self.book.sync.in_team)
        self.shared_warning.open()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.book.path.resolve()
        recent = [p for p in self.settings.recent_databases() if p != current]
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            empty = self.recent_menu.addAction(translate("MainWindow", "No other recent books"))
            empty.setEnabled(False)

