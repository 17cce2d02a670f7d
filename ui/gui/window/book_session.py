"""The open book's presence among other KeyPlan processes, and this session's undo trail.

On open the window claims the book (a marker beside the file) and learns who else has it
open; a cheap poll keeps that notice current while the window is open, and the claim is
released on close. Another poll asks SQLite whether anybody else committed a change
(``PRAGMA data_version``: a command-line import, another window), so the window shows it.
Undo walks back through the change log, skipping changes already undone in this session and
the reversals themselves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from storage import presence
from storage.book import Book
from storage.presence import Holder
from ui.gui.background.tasks import Task

#: How often to look for other windows or commands on the book (a folder listing).
POLL_MS = 15_000
#: How often to ask SQLite whether another connection changed the book (one cheap pragma).
CHANGE_POLL_MS = 2_000


class BookSession(QObject):
    """One open book: presence markers and the undo trail. ``holders_changed`` carries the
    other live holders whenever that list changes."""

    holders_changed = Signal(list)  # list[Holder]
    changed_elsewhere = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.others: list[Holder] = []
        self.skip_undo: set[str] = set()
        self._claimed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._book: Book | None = None
        self._version: int | None = None
        self._change_timer = QTimer(self)
        self._change_timer.setInterval(CHANGE_POLL_MS)
        self._change_timer.timeout.connect(self.check_for_changes)

    @property
    def claimed(self) -> bool:
        return self._claimed

    def claim(self) -> list[Holder]:
        """Mark the book as open in this window; returns (and announces) the other holders."""
        if str(self.path) == ":memory:":
            return []
        self._claimed = True
        self._set_others(presence.claim(self.path, "gui"))
        self._timer.start()
        return self.others

    def poll(self) -> None:
        if self._claimed:
            self._set_others(presence.holders(self.path))

    def holders_now(self) -> list[Holder]:
        """The other live holders at this moment (polls at once)."""
        self.poll()
        return self.others

    def watch(self, book: Book) -> None:
        """Watch the book through ``book`` (the window's own connection) for changes that
        other connections commit."""
        self._book = book
        self._version = self._data_version()
        self._change_timer.start()

    def note_own_changes(self) -> None:
        """The window just read the book again: what was committed so far is seen."""
        self._version = self._data_version()

    def check_for_changes(self) -> bool:
        """Emit ``changed_elsewhere`` if someone else committed since the last look. Skipped
        while the window's own background work runs: its end reloads the views anyway."""
        if self._book is None or Task.book_work_running():
            return False
        version = self._data_version()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changed_elsewhere.emit()
        return True

    def _data_version(self) -> int | None:
        if self._book is None:
            return None
        try:
            return self._book.data_version()
        except sqlite3.Error:
            return None  # closed meanwhile: the next book's session takes over

    def release(self) -> None:
        self._timer.stop()
        self._change_timer.stop()
        self._book = None
        if self._claimed:
            self._claimed = False
            presence.release(self.path)

    def _set_others(self, others: list[Holder]) -> None:
        key = [(h.pid, h.host) for h in others]
        if key != [(h.pid, h.host) for h in self.others]:
            self.others = others
            self.holders_changed.emit(others)

    def undone(self, change_id: str, undo_id: str) -> None:
        """Remember an undo, so the next one goes further back instead of redoing."""
        self.skip_undo.update((change_id, undo_id))
