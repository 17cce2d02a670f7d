"""The customer workspace: a header over tabs (Profile, Contacts, Interactions, Needs,
Transactions, Assessment, Score, Plan, History), each built and loaded on first show.

Entry points for the main window (stable):

* ``CustomerWorkspace(book, customer_id, settings, parent)`` — open it on
  ``CustomerBookView.customer_activated(id)``;
* ``changed(Changes)`` — emitted after every write with what the Book says it changed
  (refresh the lists, rescore in the background);
* ``show_tab(name)`` — one of :data:`TAB_NAMES` (e.g. the Today view opens "interactions");
* ``log_interaction()`` — what Ctrl+I does inside the workspace;
* ``has_unsaved_changes()`` / ``confirm_close()`` — ask before closing the workspace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from storage.book import Book, Done
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.forms import prompts
from ui.gui.forms.interaction_form import InteractionFormDialog
from ui.gui.settings import Settings
from ui.gui.text.i18n import storage_message
from ui.gui.workspace.header import WorkspaceHeaderView
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab
from ui.gui.workspace.undo_bar import UndoBar

TAB_NAMES = (
    "overview",
    "profile",
    "contacts",
    "interactions",
    "needs",
    "transactions",
    "products",
    "competition",
    "assessment",
    "score",
    "plan",
    "history",
)


def _factories() -> dict[str, Callable[[WorkspaceContext, QWidget], WorkspaceTab]]:
    """Tab classes, imported when first needed (opening a workspace builds one tab)."""
    from ui.gui.workspace.assessment_tab import AssessmentTab
    from ui.gui.workspace.competition_tab import CompetitionTab
    from ui.gui.workspace.contacts_tab import ContactsTab
    from ui.gui.workspace.history_tab import HistoryTab
    from ui.gui.workspace.interactions_tab import InteractionsTab
    from ui.gui.workspace.needs_tab import NeedsTab
    from ui.gui.workspace.overview_tab import OverviewTab
    from ui.gui.workspace.plan_tab import PlanTab
    from ui.gui.workspace.products_tab import ProductsTab
    from ui.gui.workspace.profile_tab import ProfileTab
    from ui.gui.workspace.score_tab import ScoreTab
    from ui.gui.workspace.transactions_tab import TransactionsTab

    return {
        "overview": OverviewTab,
        "profile": ProfileTab,
        "contacts": ContactsTab,
        "interactions": InteractionsTab,
        "needs": NeedsTab,
        "transactions": TransactionsTab,
        "products": ProductsTab,
        "competition": CompetitionTab,
        "assessment": AssessmentTab,
        "score": ScoreTab,
        "plan": PlanTab,
        "history": HistoryTab,
    }


class CustomerWorkspace(QWidget):
    """Everything about one customer, editable; see the module docstring for the API."""

    #: The book was written (any save, delete, undo): refresh lists and rescore.
    changed = Signal(object)  # Changes: what the write changed, as the Book answered
    #: The customer itself was deleted (True) or brought back (False).
    customer_deleted = Signal(bool)
    #: The Plan tab's Export button: (customer id, plan period) to write as a workbook.
    export_plan_requested = Signal(str, str)

    def __init__(
        self,
        book: Book,
        customer_id: str,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        tab: str = "overview",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerWorkspace")
        self.context = WorkspaceContext(book, customer_id, settings)
        self.tabs: dict[str, WorkspaceTab] = {}
        self.dialog: InteractionFormDialog | None = None
        self.header_view = WorkspaceHeaderView(self)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undo_requested.connect(self.undo)
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("workspaceTabs")
        self.tab_widget.setDocumentMode(True)
        self._pages: dict[str, QWidget] = {}
        for name in TAB_NAMES:
            page = QWidget(self.tab_widget)
            page.setObjectName(f"page_{name}")
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.tab_widget.addTab(page, "")
        self.tab_widget.currentChanged.connect(self._current_changed)

        self.log_interaction_action = QAction(self)
        self.log_interaction_action.setObjectName("logInteraction")
        self.log_interaction_action.setShortcut(QKeySequence("Ctrl+I"))
        self.log_interaction_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.log_interaction_action.triggered.connect(self.log_interaction)
        self.save_action = QAction(self)
        self.save_action.setObjectName("saveForm")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_current)
        self.addActions([self.log_interaction_action, self.save_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header_view)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.tab_widget, 1)
        self.retranslate()
        self.refresh_header()
        self.show_tab(tab)

    # -- properties ------------------------------------------------------------------------
    @property
    def book(self) -> Book:
        return self.context.book

    @property
    def customer_id(self) -> str:
        return self.context.customer_id

    # -- tabs --------------------------------------------------------------------------------
    def tab(self, name: str) -> WorkspaceTab:
        """The tab ``name``, built now if it was not yet (it loads when shown)."""
        if name not in self._pages:
            raise KeyError(f"no tab {name!r}; choose from {', '.join(TAB_NAMES)}")
        found = self.tabs.get(name)
        if found is None:
            page = self._pages[name]
            found = _factories()[name](self.context, page)
            found.setObjectName(f"tab_{name}")
            layout = page.layout()
            assert layout is not None  # each page was made with its layout
            layout.addWidget(found)
            found.changed.connect(self._written)
            found.deleted.connect(self._deleted)
            found.undoable.connect(self._deleted)  # the bar offers its undo alike
            if name == "plan":
                found.export_requested.connect(  # type: ignore[attr-defined]
                    lambda period: self.export_plan_requested.emit(self.customer_id, period))
            self.tabs[name] = found
        return found

    def show_tab(self, name: str) -> WorkspaceTab:
        """Bring tab ``name`` to the front, loading it if needed; returns it."""
        found = self.tab(name)
        index = TAB_NAMES.index(name)
        if self.tab_widget.currentIndex() != index:
            self.tab_widget.setCurrentIndex(index)
        found.ensure_loaded()
        return found

    @property
    def is_loaded(self) -> bool:
        """The tab in front has everything on screen (what the screenshot command waits for)."""
        found = self.tabs.get(self.current_tab_name())
        return found is not None and found.is_loaded

    def current_tab_name(self) -> str:
        return TAB_NAMES[self.tab_widget.currentIndex()]

    def _current_changed(self, index: int) -> None:
        if 0 <= index < len(TAB_NAMES):
            self.tab(TAB_NAMES[index]).ensure_loaded()

    # -- book changes ----------------------------------------------------------------------
    def refresh_header(self) -> None:
        try:
            header = self.book.customers.header(self.customer_id)
        except StorageError:
            return
        self.header_view.show_header(header)
        self.tab_widget.setEnabled(not header.deleted)

    def refresh(self) -> None:
        """Reload after the book changed (here or elsewhere, e.g. after a rescore)."""
        self.refresh_header()
        for tab in self.tabs.values():
            tab.mark_stale()

    def _written(self, changes: Changes) -> None:
        """Something was written here: this customer's tabs read again, and the window learns
        what changed (what the Book answered for the write)."""
        self.refresh()
        self.changed.emit(changes)

    def _deleted(self, done: Done, message: str) -> None:
        self.undo_bar.offer(done.change_id, message)
        self._written(done.changes)
        if self.header_view.header is not None and self.header_view.header.deleted:
            self.customer_deleted.emit(True)

    def undo(self, change_id: str) -> None:
        """Reverse a change (the undo bar's button): a delete comes back."""
        was_deleted = bool(self.header_view.header and self.header_view.header.deleted)
        try:
            done = self.book.history.undo(change_id)
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return
        self._written(done.changes)
        if was_deleted and self.header_view.header and not self.header_view.header.deleted:
            self.customer_deleted.emit(False)

    # -- keyboard ----------------------------------------------------------------------------
    def log_interaction(self) -> InteractionFormDialog | None:
        """Ctrl+I: a new interaction of this customer, in a dialog."""
        if self.header_view.header is not None and self.header_view.header.deleted:
            return None
        dialog = InteractionFormDialog.for_customer(self.book, self.customer_id, self)
        dialog.saved.connect(lambda saved: self._written(saved.changes))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        return dialog

    def save_current(self) -> bool:
        """Ctrl+S: save the form of the tab in front (Profile, Assessment)."""
        name = self.current_tab_name()
        return name in self.tabs and self.tabs[name].save_form()

    def has_unsaved_changes(self) -> bool:
        return any(tab.has_unsaved_changes() for tab in self.tabs.values())

    def confirm_close(self) -> bool:
        """True if the workspace may close (nothing unsaved, or the user discards it)."""
        return not self.has_unsaved_changes() or prompts.confirm_discard(self)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = {
            "overview": self.tr("Overview"),
            "profile": self.tr("Profile"),
            "contacts": self.tr("Contacts"),
            "interactions": self.tr("Interactions"),
            "needs": self.tr("Needs"),
            "transactions": self.tr("Transactions"),
            "products": self.tr("Products"),
            "competition": self.tr("Competition"),
            "assessment": self.tr("Assessment"),
            "score": self.tr("Score"),
            "plan": self.tr("Plan"),
            "history": self.tr("History"),
        }
        for index, name in enumerate(TAB_NAMES):
            self.tab_widget.setTabText(index, titles[name])
        self.log_interaction_action.setText(self.tr("Log an interaction"))
        self.save_action.setText(self.tr("Save"))
        self.header_view.retranslate()
        self.undo_bar.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
