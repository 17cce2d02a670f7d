"""Memory the app gives back: the UI connection's page cache, cached module sources, and
freed heap after background work."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from storage.book import Book
from ui.gui.background import memory
from ui.gui.background.tasks import Task
from ui.gui.window.main_window import MainWindow


def test_the_ui_connection_gets_a_smaller_page_cache(book_path: Path) -> None:
    with Book(book_path) as book:
        memory.tune_ui_connection(book)
        assert book.reader.scalar("PRAGMA cache_size") == -memory.UI_CACHE_KIB
    with Book(":memory:") as book:
        memory.tune_ui_connection(book)  # nothing to tune; no error


def test_the_window_tunes_its_connection(window: MainWindow) -> None:
    assert window.book.reader.scalar("PRAGMA cache_size") == -memory.UI_CACHE_KIB


def test_release_drops_cached_sources_and_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    linecache.getlines(memory.__file__)
    assert memory.__file__ in linecache.cache
    trimmed: list[int] = []
    monkeypatch.setattr(memory, "_trim", trimmed.append)
    assert memory.release_freed_memory(wait=True)
    assert trimmed == [0] and memory.__file__ not in linecache.cache


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_the_real_trim_runs_on_linux() -> None:
    assert memory._malloc_trim()
    assert memory.release_freed_memory(wait=True)


def test_a_finished_task_releases_memory(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import ui.gui.background.tasks

    calls: list[bool] = []
    monkeypatch.setattr(ui.gui.background.tasks, "release_freed_memory", lambda: calls.append(True))
    task = Task(lambda progress: 42)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.run_in_background()
    assert calls == [True]
