"""The main window's customer handling: the open customer's workspace, new customers, and the
customer book narrowed from a chart.

A mixin of :class:`~ui.gui.window.main_window.MainWindow`. One workspace is open at a time, as the
"customer" view of the stack with its own entry (the customer's name) in the side bar;
opening another customer replaces it, after asking about unsaved changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from models.entities import Customer
from storage.book import Book, Saved
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.views.filter_bar import BookFilters
from ui.gui.workspace.workspace import TAB_NAMES, CustomerWorkspace

if TYPE_CHECKING:
    from ui.gui.settings import Settings
    from ui.gui.views.customer_view import CustomerBookView

VIEW_CUSTOMER = "customer"
NAME_CHARS = 16  # longest customer name shown in the side bar before eliding


class CustomerMixin(QMainWindow):
    """Opens customers in a workspace and keeps it in step with the book."""

    book: Book
    settings: Settings
    customers: CustomerBookView
    stack: QStackedWidget
    navigation: QListWidget
    views: dict[str, QWidget]
    workspace: CustomerWorkspace | None

    # -- the workspace -----------------------------------------------------------------------
    if TYPE_CHECKING:  # provided by MainWindow and the other mixins
        def show_view(self, name: str) -> QWidget: ...
        def book_changed(self) -> None: ...
        def apply_changes(self, changes: Changes) -> None: ...
        def schedule_rescore(self) -> None: ...
        def clear_search_and_filters(self) -> None: ...
        def fit_navigation(self) -> None: ...

    def open_customer(self, customer_id: str, tab: str = "") -> CustomerWorkspace | None:
        """Show ``customer_id`` in its workspace, on ``tab`` if given (a name of
        ``TAB_NAMES``); None if the user kept the current one (unsaved changes)."""
        tab = tab if tab in TAB_NAMES else ""
        current = self.workspace
        if current is not None and current.customer_id == customer_id:
            if tab:
                current.show_tab(tab)
            self.show_view(VIEW_CUSTOMER)
            return current
        if not self.close_workspace():
            return None
        try:
            workspace = CustomerWorkspace(self.book, customer_id, self.settings, self,
                                          tab=tab or "overview")
        except StorageError:
            self.customers.reveal(customer_id)  # gone meanwhile: show where it was
            return None
        workspace.changed.connect(self._workspace_changed)
        workspace.export_plan_requested.connect(self.export_plan)  # type: ignore[attr-defined]
        workspace.customer_deleted.connect(
            lambda _deleted: self._workspace_changed(Changes.everything()))
        self.workspace = workspace
        self.views[VIEW_CUSTOMER] = workspace
        self.stack.addWidget(workspace)
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, VIEW_CUSTOMER)
        self.navigation.addItem(item)
        self._name_workspace_entry()
        self.show_view(VIEW_CUSTOMER)
        workspace.setFocus()
        self.customers.reveal(customer_id)  # selected now, or once its row's id is known
        return workspace

    def close_workspace(self) -> bool:
        """Close the open workspace (asking first about unsaved changes); False if kept."""
        workspace = self.workspace
        if workspace is None:
            return True
        if not workspace.confirm_close():
            return False
        if self.stack.currentWidget() is workspace:
            self.show_view("customers")
        self.workspace = None
        self.views.pop(VIEW_CUSTOMER, None)
        self.stack.removeWidget(workspace)
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == VIEW_CUSTOMER:
                self.navigation.takeItem(row)
                break
        self.fit_navigation()
        workspace.hide()
        workspace.deleteLater()
        return True

    def _workspace_changed(self, changes: Changes) -> None:
        """The workspace wrote to the book: the views it concerns read again, and the book is
        rescored when the write may move scores (a new contact or plan cannot)."""
        self.apply_changes(changes)
        if changes.may_move_scores():
            self.schedule_rescore()
        self._name_workspace_entry()

    def _name_workspace_entry(self) -> None:
        workspace = self.workspace
        if workspace is None:
            self.fit_navigation()
            return
        header = workspace.header_view.header
        name = getattr(header, "name", "") or QCoreApplication.translate("MainWindow",
                                                                         "Customer")
        short = name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == VIEW_CUSTOMER:
                item.setText(short)
                item.setToolTip(name)
        self.fit_navigation()

    # -- new records ---------------------------------------------------------------------------
    def new_customer(self) -> Any:
        """Ctrl+N: the customer form; the new customer opens in its workspace once saved."""
        from ui.gui.forms.customer_form import CustomerFormDialog

        dialog = CustomerFormDialog.create_new(self.book, self.settings, self)
        dialog.saved.connect(self._customer_created)
        return dialog

    def _customer_created(self, saved: Saved[Customer]) -> None:
        self.apply_changes(saved.changes)
        self.schedule_rescore()
        self.open_customer(saved.record.id)

    def log_interaction(self) -> Any:
        """Log an interaction for the open customer (its workspace's Ctrl+I)."""
        if self.workspace is None:
            return None
        self.show_view(VIEW_CUSTOMER)
        return self.workspace.log_interaction()

    # -- from a chart ------------------------------------------------------------------------
    def filter_book_from_chart(self, fields: dict[str, Any], description: str) -> None:
        """A click on a chart: list its customers in the book, the filter shown as a chip."""
        migration = fields.get("migration")
        if migration is not None:
            ids = self.book.charts.migration_customers(*migration)
            filters = BookFilters(ids=ids, ids_label=description.split(":")[0])
        else:
            filters = BookFilters.from_fields(fields)
        self.clear_search_and_filters()
        self.customers.set_filters(filters)
        self.show_view("customers")
