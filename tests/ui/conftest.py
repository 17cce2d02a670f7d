"""UI fixtures: throw-away QSettings, a demo book on disk, and a language switch that resets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QApplication

from models.enums import SnapshotPeriod
from models.periods import Period
from storage.book import Book
from storage.database import Database
from tests.conftest import DEMO_ANCHOR
from ui.gui.background.tasks import Task
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.window.main_window import MainWindow

if TYPE_CHECKING:
    from ui.gui.views.dashboard_view import DashboardView

#: The offscreen platform warns on every main window layout; it says nothing about our code.
OFFSCREEN_NOISE = "propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """Keep the developer's real QSettings out of reach, and end in English."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    i18n.install_language(i18n.ENGLISH)
    yield
    Task.wait_for_all(10_000)
    i18n.install_language(i18n.ENGLISH)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "ui.ini")


@pytest.fixture
def book_path(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the 300-customer demo book on disk."""
    copy = tmp_path / "book.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


@pytest.fixture(scope="session")
def scored_file(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo book scored as of its anchor, with monthly snapshots of the last 3 months."""
    path = tmp_path_factory.mktemp("scored") / "scored.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    with Database(path) as db:
        result = db.rescore(DEMO_ANCHOR)
        assert result.scores is not None
        db.write_snapshot(result.scores, Period.containing(DEMO_ANCHOR, SnapshotPeriod.MONTH))
        db.backfill_snapshots(2, SnapshotPeriod.MONTH, DEMO_ANCHOR)
    return path


@pytest.fixture
def scored_path(scored_file: Path, tmp_path: Path) -> Path:
    """A private copy of the scored demo book."""
    copy = tmp_path / "scored.db"
    with Database(scored_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window asked the desktop to open (an exported file, its folder): the local
    paths, in order; nothing is launched."""
    from PySide6.QtGui import QDesktopServices

    urls: list[str] = []

    def open_url(url: QUrl | str) -> bool:
        urls.append(QUrl(url).toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


def open_window(qtbot, path: Path, settings: Settings,  # type: ignore[no-untyped-def]
                view: str = "customers") -> MainWindow:
    """A shown main window on the book at ``path``, starting on ``view``."""
    settings.set_last_view(view)
    # The demo book is unscored on purpose (tests score it themselves); scoring it on open
    # has its own test.
    win = MainWindow(Book(path), settings, score_unscored=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dashboard(qtbot, path: Path,  # type: ignore[no-untyped-def]
                   settings: Settings) -> tuple[MainWindow, DashboardView]:
    """A main window of a dashboard's size on the book at ``path``, showing the dashboard once
    its charts and tables are read."""
    from ui.gui.views.dashboard_view import DashboardView  # loads matplotlib: only when used
    from ui.gui.window.main_window import VIEW_DASHBOARD

    window = open_window(qtbot, path, settings)
    window.resize(1400, 1000)
    qtbot.wait(10)  # the resize is laid out before the charts are sized to their panels
    window.show_view(VIEW_DASHBOARD)
    dashboard = window.dashboard
    assert isinstance(dashboard, DashboardView)
    qtbot.waitUntil(lambda: dashboard.is_loaded, timeout=30_000)
    return window, dashboard


def wait_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Until the start-up work (claim, lists, daily backup) is done."""
    qtbot.waitUntil(lambda: window.session.claimed and window.task_status.current() is None,
                    timeout=15_000)


@pytest.fixture
def window(qtbot, book_path: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on the demo book, showing the customer book."""
    win = open_window(qtbot, book_path, settings)
    yield win
    win.close()  # also closes its book


@pytest.fixture
def scored_window(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                  settings: Settings) -> Iterator[MainWindow]:
    """The main window on the scored demo book, showing the customer book."""
    win = open_window(qtbot, scored_path, settings)
    yield win
    win.close()

