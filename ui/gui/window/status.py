"""The main window's status bar: customers shown, the book's path, who else has it open, and
the background work (see :mod:`ui.gui.window.task_status`).

A mixin of :class:`~ui.gui.window.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from storage.book import Book
from storage.presence import Holder
from ui.gui.window.sync import TeamSync
from ui.gui.window.sync_indicator import SyncIndicator
from ui.gui.window.task_status import TaskStatus

if TYPE_CHECKING:
    from ui.gui.views.customer_view import CustomerBookView

translate = QCoreApplication.translate  # lupdate reads translate("MainWindow", ...)


class StatusMixin(QMainWindow):
    """Builds and updates the status bar."""

    book: Book
    book_open: bool
    customers: CustomerBookView
    team_sync: TeamSync

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.presence_label = QLabel(self)
        self.presence_label.setObjectName("presenceLabel")
        self.presence_label.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; border-radius: 3px; "
            "padding: 1px 6px; }")
        self.presence_label.hide()
        self.task_status = TaskStatus(self)
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        bar.addWidget(self.count_label)
        bar.addWidget(self.presence_label)
        bar.addPermanentWidget(self.task_status)
        self.sync_indicator = SyncIndicator(self.team_sync, self)  # a click: File → Team sync…
        bar.addPermanentWidget(self.sync_indicator)
        bar.addPermanentWidget(self.path_label)
        # A search or filter changes what is shown, not the book: no count on every keystroke.
        self.customers.count_changed.connect(lambda _count: self.update_status(recount=False))

    def update_status(self, recount: bool = True) -> None:
        """Show how many customers are shown; ``recount`` the book's size (it changed)."""
        if not self.book_open:
            return
        locale = QLocale()
        if recount or getattr(self, "book_size", None) is None:
            self.book_size = self.book.customers.count()
        total = self.book_size
        shown = self.customers.model.rowCount()
        if self.customers.narrowed():
            text = translate("MainWindow", "Customers: {shown} of {total}").format(
                shown=locale.toString(shown), total=locale.toString(total))
        else:
            text = translate("MainWindow", "Customers: {total}").format(
                total=locale.toString(total))
        self.count_label.setText(text)
        path = str(self.book.path)
        self.path_label.setText(translate("MainWindow", "Book: {path}").format(path=path))
        self.path_label.setToolTip(path)
        # Qt appends the application's display name ("— KeyPlan") itself.
        self.setWindowTitle(self.book.path.name)

    def _show_holders(self, others: list[Holder]) -> None:
        if not others:
            self.presence_label.hide()
            return
        apps = ", ".join(sorted(
            {translate("MainWindow", "another window") if h.app == "gui"
             else translate("MainWindow", "the {command} command").format(command=h.app)
             for h in others}))
        self.presence_label.setText(translate(
            "MainWindow", "This book is also open in {apps}; both can keep working.").format(
            apps=apps))
        self.presence_label.setToolTip("\n".join(
            f"{h.app} — pid {h.pid} @ {h.host}" for h in others))
        self.presence_label.show()

