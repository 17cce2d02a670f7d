"""What every workspace tab shares: the open customer, lazy loading on first show, and a list
panel (buttons over a table; arrows move, Enter opens, Delete deletes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QWidget,
)

from storage.book import Book
from ui.gui.forms.dialog import RecordFormDialog
from ui.gui.settings import Settings

D = TypeVar("D", bound=RecordFormDialog)


@dataclass
class WorkspaceContext:
    """The open book and customer, shared by the workspace's tabs."""

    book: Book
    customer_id: str
    settings: Settings | None = None

    @property
    def in_memory(self) -> bool:
        """An in-memory book cannot be opened by a worker: load on the UI thread."""
        return self.book.in_memory


class WorkspaceTab(QWidget):
    """A tab that loads on first show and reloads when the book changed."""

    #: This tab wrote to the book: the write's Changes, as the Book answered (the workspace
    #: refreshes and passes them on to the main window).
    changed = Signal(object)
    #: A record was soft-deleted: (its Done, which the undo bar takes back; the bar's message).
    deleted = Signal(object, str)
    #: A write the undo bar offers to take back (a plan's SWOT saved whole): (its Done; the
    #: bar's message).
    undoable = Signal(object, str)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True

    @property
    def book(self) -> Book:
        return self.context.book

    @property
    def customer_id(self) -> str:
        return self.context.customer_id

    def watch_form(self, dialog: D, deleted: Callable[..., object]) -> D:
        """A record's form opened from this tab: what it saves reaches the workspace as this
        tab's change, its Delete goes to ``deleted(done, record)`` (for the undo bar), and it
        is freed once closed."""
        dialog.saved.connect(lambda saved: self.changed.emit(saved.changes))
        dialog.deleted.connect(deleted)
        dialog.finished.connect(dialog.deleteLater)
        return dialog

    def ensure_loaded(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def mark_stale(self) -> None:
        """The book changed: reload now if shown, else on the next show."""
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def showEvent(self, event: QShowEvent) -> None:
        # A tab is built when its page comes to the front, but Qt shows it a turn of the
        # event loop later: a write in between (mark_stale while not yet visible) would
        # otherwise leave it stale until the user switched tabs away and back.
        super().showEvent(event)
        self.ensure_loaded()

    def reload(self) -> None:
        raise NotImplementedError

    @property
    def is_loaded(self) -> bool:
        """Everything this tab reads is on screen (background loads included)."""
        return not self.stale

    def retranslate(self) -> None:
        """Put every text in the current language."""

    def save_form(self) -> bool:
        """Ctrl+S: save this tab's form, if it has one."""
        return False

    def has_unsaved_changes(self) -> bool:
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
