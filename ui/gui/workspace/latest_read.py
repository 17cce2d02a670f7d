"""A workspace widget's read of the book off the UI thread, of which only the newest answer is
shown, and none once the widget is gone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from storage.book import Book
from ui.gui.background.tasks import BookTask
from ui.gui.workspace.tab_base import WorkspaceContext

T = TypeVar("T")


class LatestRead(Generic[T]):
    """Runs ``read(book)`` on a worker with its own connection (on the UI thread for an
    in-memory book, which a worker cannot open), then calls ``loaded(result)`` or
    ``failed(error)``: only for the newest read (a reload while one is under way drops the
    older answer) and only while ``owner`` lives (a closed workspace gets nothing)."""

    def __init__(self, owner: QWidget, context: WorkspaceContext,
                 loaded: Callable[[T], object],
                 failed: Callable[[BaseException], object]) -> None:
        self._owner = owner
        self._context = context
        self._loaded = loaded
        self._failed = failed
        #: How many reads were started (0: none yet).
        self.generation = 0
        #: A read is under way (the screenshot command and the tests wait for it).
        self.loading = False

    def run(self, read: Callable[[Book], T]) -> None:
        self.generation += 1
        generation = self.generation
        self.loading = True
        if self._context.in_memory:
            self._deliver(generation, read(self._context.book))
            return
        task = BookTask(self._context.book.path, lambda book, _progress: read(book))
        task.success(lambda result: self._deliver(generation, result))
        task.failure(lambda error: self._fail(generation, error))
        task.run_in_background()

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self._owner) and generation == self.generation

    def _deliver(self, generation: int, result: T) -> None:
        if self._current(generation):
            self.loading = False
            self._loaded(result)

    def _fail(self, generation: int, error: BaseException) -> None:
        if self._current(generation):
            self.loading = False
            self._failed(error)
