"""The warning shown when the open book lives in a synced or network folder, with the offer to
copy it to this computer (in the background) and open the copy.

Two computers writing one SQLite file through Dropbox, OneDrive, 坚果云 or a network share
damage it; the book belongs on the laptop and only team sync's change files travel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from storage.book import copy_out, default_path
from ui.gui.background.tasks import Progress, Task


def local_target(book_path: Path) -> Path:
    """Where the copy goes: the user's data folder, under the book's name, never over an
    existing file."""
    folder = default_path().parent
    target = folder / book_path.name
    number = 2
    while target.exists():
        target = folder / f"{book_path.stem} ({number}){book_path.suffix}"
        number += 1
    return target


class SharedFolderWarning(QMessageBox):
    """Warns; ``copy_book()`` (the dialog's first button) copies in the background and hands
    the copy's path to ``opened``."""

    def __init__(self, book_path: Path, service: str, opened: Callable[[Path], object],
                 failed: Callable[[BaseException], object],
                 parent: QWidget | None = None, *, in_team: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("sharedFolderWarning")
        self.book_path, self.target = book_path, local_target(book_path)
        self.opened, self.failed = opened, failed
        self.task: Task | None = None
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("The book is in a shared folder"))
        self.setText(self.tr(
            "This book is in a folder that {service} shares: {path}").format(
            service=service, path=book_path))
        self.setInformativeText(self.tr(
            "A book file that two computers write through a synced or network folder gets "
            "damaged, and a half-synced copy can lose work. Keep the book on this computer: to "
            "work as a team, each person keeps their own book and team sync sends only change "
            "files through the shared folder.\n\nCopy the book to {target} and open the copy? "
            "The file in the shared folder is left as it is.").format(target=self.target)
            + ("\n\n" + self.tr(
                "The copy takes this book's place in its team and syncs from this computer; "
                "the file left in the shared folder will not sync any more.")
               if in_team else ""))
        self.copy_button = self.addButton(self.tr("Copy to this computer and open it"),
                                          QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = self.addButton(self.tr("Keep it where it is"),
                                          QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.copy_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.copy_button:
            self.copy_book()

    def copy_book(self) -> Task:
        """Copy in the background behind a window-modal busy dialog: the window stays on the
        original until the copy opens, and an edit saved there meanwhile would not be in the
        book the user goes on with (storage checks under the original's lock, this keeps the
        user from racing it)."""
        source, target = self.book_path, self.target

        def work(_progress: Progress) -> Path:
            return copy_out(source, target)

        self.progress = busy = QProgressDialog(
            self.tr("Copying the book to {target}…").format(target=target), "", 0, 0,
            self.parentWidget())
        busy.setObjectName("copyingBook")
        busy.setWindowTitle(self.tr("Copying the book"))
        busy.setCancelButton(None)  # SQLite's copy runs to its end; it is seconds
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(0)
        busy.show()

        def done(outcome: Callable[[Any], object]) -> Callable[[Any], None]:
            def finish(value: Any) -> None:
                busy.close()
                outcome(value)
            return finish

        task = Task(work, self.parent())
        task.success(done(self.opened)).failure(done(self.failed))
        self.task = task
        return task.run_in_background()
