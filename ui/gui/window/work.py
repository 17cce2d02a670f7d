"""The main window's background work: rescoring, backups and restore, undo, export.

A mixin of :class:`~ui.gui.window.main_window.MainWindow`. Every write runs on the worker thread
(one
thread, so writes never wait on each other and the UI never waits on a write lock), shows in
the status bar with progress and Cancel, and ends in a status message and a refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from models.validation import ValidationError
from storage.book import Book, newest_good_backup, restore
from storage.book.types import BackupInfo
from storage.changes import Changes
from storage.errors import CorruptDatabaseError, StorageError
from ui.gui.background import book_operations as ops
from ui.gui.background.tasks import BookTask, Progress, Task
from ui.gui.text import i18n

if TYPE_CHECKING:
    from ui.gui.settings import Settings
    from ui.gui.views.customer_view import CustomerBookView
    from ui.gui.views.today_view import TodayView
    from ui.gui.window.book_session import BookSession
    from ui.gui.window.task_status import TaskStatus

#: After an edit, wait this long for more edits before rescoring the book once.
RESCORE_DELAY_MS = 1_500
LARGE_BOOK_RESCORE_DELAY_MS = 15_000
STATUS_MESSAGE_MS = 8_000


translate = QCoreApplication.translate  # lupdate reads translate("MainWindow", ...)


class WorkMixin(QMainWindow):
    """Starts, tracks and answers the window's background tasks."""

    book: Book
    book_open: bool
    settings: Settings
    session: BookSession
    task_status: TaskStatus
    views: dict[str, QWidget]
    stack: QStackedWidget
    customers: CustomerBookView
    today: TodayView
    message_box: QMessageBox | None

    if TYPE_CHECKING:  # provided by MainWindow and the other mixins
        def book_changed(self) -> None: ...
        def apply_changes(self, changes: Changes) -> None: ...
        def set_book(self, book: Book) -> None: ...
        def show_view(self, name: str) -> QWidget: ...
        def current_view_name(self) -> str: ...
        def set_language(self, preference: str) -> None: ...

    def init_work(self) -> None:
        self.message_box = None
        self.rescore_task: BookTask | None = None
        self._rescore_again = False
        self._rescore_timer = QTimer(self)
        self._rescore_timer.setSingleShot(True)
        self._rescore_timer.setInterval(RESCORE_DELAY_MS)
        self._rescore_timer.timeout.connect(self.rescore)

    # -- running ---------------------------------------------------------------------------
    def run_tracked(self, text: str, work: Callable[[Book, Progress], Any], *,
                    success: Callable[[Any], object] | None = None,
                    cancellable: bool = True) -> BookTask:
        """Run ``work`` on the worker thread, shown in the status bar as ``text``."""
        task = ops.start(self.book.path, work, owner=self, success=success,
                         failure=self.show_error)
        self.task_status.track(task, text, cancellable=cancellable)
        task.run_in_background()
        return task

    def show_error(self, error: BaseException) -> None:
        """A user-fixable failure becomes a message; anything else is a bug and is raised."""
        if isinstance(error, CorruptDatabaseError) and self.book_open \
                and Path(error.path).resolve() == self.book.path.resolve():
            self.offer_restore_after_damage(error)
            return
        if isinstance(error, StorageError):
            text = i18n.storage_message(error)
        elif isinstance(error, ValidationError):
            text = i18n.validation_message(error)
        elif isinstance(error, OSError):
            text = error.strerror or str(error)
        else:
            raise error
        self.tell(QMessageBox.Icon.Warning, translate("MainWindow", "KeyPlan"), text)

    def offer_restore_after_damage(self, error: CorruptDatabaseError) -> QMessageBox:
        """The open book turned out damaged: say so and offer its newest good backup (the
        damaged file is kept beside the backups, never backed up over them)."""
        good = newest_good_backup(self.book.path)
        box = QMessageBox(QMessageBox.Icon.Critical, translate("MainWindow", "The book is damaged"),
                          i18n.storage_message(error), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("damagedBookBox")
        if good is None:
            box.setInformativeText(translate(
                "MainWindow", "No backup of this book passes the integrity check. Keep working "
                "on a copy and do not delete the file: it may still be recovered."))
            box.addButton(QMessageBox.StandardButton.Close)
        else:
            box.setInformativeText(translate(
                "MainWindow", "KeyPlan can put back the newest backup that passes the integrity "
                "check, made {when}. Changes since then are lost; the damaged book is kept "
                "with the backups.").format(when=f"{good.created:%Y-%m-%d %H:%M}"))
            restore = box.addButton(translate("MainWindow", "Restore that backup"),
                                    QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.setDefaultButton(restore)
            restore.clicked.connect(lambda: self.restore_from_backup(good.path))
        self.message_box = box
        box.open()
        return box

    def tell(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("workMessage")
        self.message_box = box
        box.open()
        return box

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def stop_work(self) -> None:
        """Cancel what runs and wait for it (closing the book or restoring a backup)."""
        self._rescore_timer.stop()
        Task.wait_for_all(10_000)

    # -- rescoring ---------------------------------------------------------------------------
    def schedule_rescore(self) -> None:
        """Rescore soon after edits; several quick edits lead to one rescore. A large book
        waits for a longer pause: its rescore holds the book's write lock for seconds, and a
        form saved meanwhile would have to wait for it."""
        large = getattr(self, "book_size", 0) >= ops.PROCESS_RESCORE_CUSTOMERS
        self._rescore_timer.setInterval(LARGE_BOOK_RESCORE_DELAY_MS if large
                                        else RESCORE_DELAY_MS)
        self._rescore_timer.start()

    def rescore(self) -> BookTask | None:
        """Rescore the whole book in the background, with progress and Cancel."""
        self._rescore_timer.stop()
        if not self.book_open:
            return None
        if self.rescore_task is not None:
            self._rescore_again = True
            return self.rescore_task
        task = self.run_tracked(translate("MainWindow", "Rescoring the book…"), ops.rescore_book,
                                success=self._rescored)
        task.finished.connect(self._rescore_finished)
        self.rescore_task = task
        return task

    def _rescored(self, result: ops.Rescored) -> None:
        locale = QLocale()
        self.say(translate("MainWindow", "Rescored {customers} customers in {seconds} s; "
                                         "{changed} changed tier.").format(
            customers=locale.toString(result.customers),
            seconds=locale.toString(result.seconds, "f", 1),
            changed=locale.toString(result.changed_tier)))
        # A rescore that rewrote no row (an edit that moved no figure) changes no view; the
        # snapshot it stored is the dashboard's history.
        self.apply_changes(result.changes)

    def _rescore_finished(self) -> None:
        self.rescore_task = None
        if self._rescore_again:
            self._rescore_again = False
            self.rescore()

    # -- backups -----------------------------------------------------------------------------
    def daily_backup(self) -> BookTask | None:
        if str(self.book.path) == ":memory:":
            return None

        def done(info: BackupInfo | None) -> None:
            if info is not None:
                self.say(translate("MainWindow", "Daily backup made: {name}").format(
                    name=info.path.name))

        return self.run_tracked(translate("MainWindow", "Daily backup…"), ops.daily_backup,
                                success=done)

    def backup_now(self) -> BookTask:
        def done(info: BackupInfo) -> None:
            self.say(translate("MainWindow", "Backed up to {path}").format(path=info.path))
            dialog = self.findChild(QWidget, "backupsDialog")
            if dialog is not None and hasattr(dialog, "reload"):
                dialog.reload()

        return self.run_tracked(translate("MainWindow", "Backing up…"), ops.backup_now,
                                success=done)

    def show_backups(self) -> None:
        from ui.gui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.book.path, self.book.settings.backup_policy(), self,
                               budget=self.book.backups.budget())
        dialog.backup_requested.connect(self.backup_now)
        dialog.restore_requested.connect(self.restore_from_backup)
        dialog.open()

    def restore_from_backup(self, backup: Path) -> Task | None:
        """Replace the open book with ``backup``: close it, restore, open it again."""
        others = self.session.holders_now()
        if others:
            self.tell(QMessageBox.Icon.Warning, translate("MainWindow", "Restore"), translate(
                "MainWindow", "The book is also open in another KeyPlan window or command. "
                "Close it there first: a book cannot be replaced while it is in use."))
            return None
        path = self.book.path
        self.stop_work()
        self._set_restoring(True)
        self.book_open = False
        self.session.release()
        self.customers.model.close()
        self.book.close()
        task = Task(lambda _progress: restore(path, backup), self)

        def reopen(kept: Path | None) -> None:
            self._set_restoring(False)
            try:
                self.set_book(Book(path))
            except StorageError as error:
                self.show_error(error)
                return
            if kept is not None:
                self.say(translate("MainWindow", "Restored {backup}; the replaced book was kept "
                                                 "as {kept}.").format(backup=backup.name,
                                                                      kept=kept.name))
            elif not failed_already:
                self.say(translate("MainWindow", "Restored {backup}.").format(
                    backup=backup.name))

        failed_already: list[BaseException] = []

        def failed(error: BaseException) -> None:
            failed_already.append(error)
            reopen(None)
            self.show_error(error)

        task.success(reopen).failure(failed)
        self.task_status.track(task, translate("MainWindow", "Restoring the backup…"),
                               cancellable=False)
        task.run_in_background()
        return task

    def _set_restoring(self, restoring: bool) -> None:
        """While the book is closed for a restore, a notice replaces the views (which would
        otherwise read from the closed connection when they repaint)."""
        self.menuBar().setEnabled(not restoring)
        if restoring:
            self._view_before_restore = self.current_view_name()
            page = QLabel(translate("MainWindow", "Restoring the backup…"), self)
            page.setObjectName("restoringPage")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(page)
            self.stack.setCurrentWidget(page)
            self._restoring_page: QLabel | None = page
            return
        shown: QLabel | None = getattr(self, "_restoring_page", None)
        if shown is not None:
            self.stack.removeWidget(shown)
            shown.deleteLater()
            self._restoring_page = None
            self.show_view(self._view_before_restore)

    # -- undo, export, preferences -------------------------------------------------------------
    def undo_last_change(self) -> BookTask:
        skip = frozenset(self.session.skip_undo)

        def done(undone: ops.Undone | None) -> None:
            if undone is None:
                self.say(translate("MainWindow", "Nothing to undo."))
                return
            self.session.undone(undone.change.change_id, undone.undo_id)
            what = undone.change.customer_name or undone.change.table_name
            self.say(translate("MainWindow", "Undone: a change to {what}.").format(what=what))
            changes = undone.changes
            self.apply_changes(changes)
            if changes.may_move_scores():
                self.schedule_rescore()

        return self.run_tracked(translate("MainWindow", "Undoing…"),
                                lambda book, p: ops.undo_latest(book, p, skip),
                                success=done, cancellable=False)

    def import_file(self) -> None:
        """File → Import…: check a file, then import it (a backup is made first)."""
        from ui.gui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.book, self.settings.last_folder(), self)

        def imported(result: object) -> None:
            self.say(dialog.result_text(result))
            self.book_changed()
            task = self.rescore()
            if task is not None:  # the dialog, still open, adds how the scores moved
                task.success(lambda rescored: dialog.show_rescore(rescored.customers,
                                                                  rescored.changed_tier))

        dialog.imported.connect(imported)
        dialog.open()

    def show_preferences(self) -> None:
        from ui.gui.dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.book, self.settings, self)
        dialog.language_chosen.connect(self.set_language)
        dialog.saved.connect(self._preferences_saved)
        dialog.open()

    def _preferences_saved(self, changes: Changes) -> None:
        """New weights were applied by the save itself (a re-tier, as the command line does):
        the views read what the save says moved."""
        self.say(translate("MainWindow", "Preferences saved."))
        self.apply_changes(changes)
        me = self.settings.me(self.book.path)
        if me != self.today.me:  # who "me" is changed: Today lists their work
            self.today.set_owners(self.book.customers.owners(), me)
            self.today.reload()


