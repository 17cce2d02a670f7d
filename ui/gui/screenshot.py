"""Render the main window offscreen to a PNG once it is fully loaded, and time it.

The window is built exactly as the app builds it, but with throw-away UI settings, so a
screenshot neither depends on nor changes the user's layout.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Screenshot:
    path: Path
    width: int
    height: int
    language: str
    ready_seconds: float


class ScreenshotError(Exception):
    """A screenshot that cannot be taken for a reason the user can fix (a missing book or
    folder, an unknown customer): one line for the command line to print, its ``template``
    and ``params`` for the command line to translate."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params


def take_screenshot(db_path: Path | None, output: str | Path, *, view: str = "customers",
                    language: str | None = None,
                    size: tuple[int, int] = (1280, 800),
                    started: float | None = None) -> Screenshot:
    """Save a PNG of ``view`` of the book at ``db_path``; raises ScreenshotError or StorageError.

    ``started`` is the ``time.perf_counter()`` the ready time counts from (default: now).
    """
    started = time.perf_counter() if started is None else started
    if db_path is not None and not Path(db_path).is_file():
        raise ScreenshotError("no such database: {path}", path=str(db_path))
    output = Path(output)
    if not output.parent.is_dir():
        raise ScreenshotError("no such folder: {path}", path=str(output.parent))
    if not os.environ.get("QT_QPA_PLATFORM"):
        # Render headless unless the caller chose a platform; the window never appears.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from storage.book import Book
    from ui.gui.app import application
    from ui.gui.settings import Settings
    from ui.gui.text import i18n
    from ui.gui.window.main_window import MainWindow

    _quiet_offscreen_warnings()
    app = application()
    with tempfile.TemporaryDirectory(prefix="keyplan-shot-") as folder:
        settings = Settings.at(Path(folder) / "ui.ini")
        chosen = language or i18n.resolve_language(Settings().language())
        used = i18n.install_language(chosen)
        with Book(db_path) as book:
            window = MainWindow(book, settings, automatic_backup=False,
                                score_unscored=False)
            shown: object
            if view.startswith("customer:"):
                # One customer's workspace (``customer:KEY[:TAB]``), open in the window as
                # Enter on the customer opens it.
                from ui.gui.workspace.standalone import CustomerViewError, parse_customer_view

                try:
                    key, tab = parse_customer_view(view)
                except CustomerViewError as error:
                    raise ScreenshotError(error.template, **error.params) from None
                shown = window.open_customer(book.customers.resolve(key).id, tab)
            else:
                shown = window.show_view(view)
            window.resize(*size)
            window.show()
            _settle(app)
            _wait_until_loaded(app, shown)
            image = window.grab()  # painting loads the visible rows: fully loaded now
            ready = time.perf_counter() - started
            if not image.save(str(output), "PNG"):
                raise ScreenshotError("could not write {path}", path=str(output))
            window.hide()
            window.close_book()  # background reads still queued stop before the book closes
            window.deleteLater()
            _settle(app)
    return Screenshot(path=output, width=image.width(), height=image.height(), language=used,
                      ready_seconds=ready)


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's harmless complaint; pass every other message on."""
    from PySide6.QtCore import (
        QMessageLogContext,
        QtMsgType,
        qFormatLogMessage,
        qInstallMessageHandler,
    )

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    qInstallMessageHandler(handler)


def _wait_until_loaded(app: QApplication, view: object, timeout: float = 60.0) -> None:
    """Let a view that reads in the background (Today, Plans, Dashboard) finish drawing."""
    deadline = time.perf_counter() + timeout
    while not getattr(view, "is_loaded", True) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    _settle(app)


def _settle(app: QApplication) -> None:
    """Let layouts, deferred resizes and queued events run to completion."""
    for _ in range(3):
        app.processEvents()
