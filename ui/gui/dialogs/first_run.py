"""First run: an empty book gets a choice between realistic demo data and starting empty.

Demo data is generated on the worker thread (its own connection) with a progress dialog and
Cancel; a cancelled generation leaves the book empty, as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.book import Book
from storage.book.types import DemoSummary
from storage.errors import StorageError
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.text import i18n
from ui.gui.text.i18n import storage_message

DEMO_CUSTOMERS = 500
DEMO_SEED = 1


def needs_first_run(book: Book, created: bool, first_launch: bool) -> bool:
    """Offer the choice for a file made just now, or an empty book on the very first launch."""
    return created or (first_launch and book.customers.count() == 0)


class FirstRunDialog(QDialog):
    """Asks "demo data or empty book?" and fills the book at ``path`` if asked.

    Ends with ``accept()`` once the book is ready either way (``demo_added`` tells which),
    or ``reject()`` if the user closed it or cancelled the generation.
    """

    demo_finished = Signal(object)  # DemoSummary

    def __init__(self, path: Path, parent: QWidget | None = None,
                 customers: int = DEMO_CUSTOMERS) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.path = path
        self.customers = customers
        self.demo_added = False
        self.task: BookTask | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.error_box: QMessageBox | None = None

        self.setWindowTitle(self.tr("Welcome to KeyPlan"))
        title = QLabel(self.tr("Your customer book is empty."), self)
        title.setStyleSheet("font-size: 15px; font-weight: 600;")
        explanation = QLabel(self.tr(
            "Start with realistic demo customers to explore tiers, scores and account "
            "plans, or with an empty book for your own customers. Demo data can be "
            "removed by creating a new book later."), self)
        explanation.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("myName")
        self.name_edit.setMaxLength(80)
        self.name_edit.setPlaceholderText(self.tr("Your name (you can add it later in "
                                                  "Preferences)"))
        name_row = QFormLayout()
        name_row.addRow(self.tr("Your name:"), self.name_edit)
        buttons = QDialogButtonBox(self)
        self.demo_button = QPushButton(self.tr("Demo data"), self)
        self.demo_button.setObjectName("demoButton")
        self.empty_button = QPushButton(self.tr("Empty book"), self)
        self.empty_button.setObjectName("emptyButton")
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.demo_button.setDefault(True)
        self.demo_button.setAutoDefault(True)
        self.empty_button.setAutoDefault(False)
        # The button box would map roles onto accept/reject; we decide ourselves.
        self.demo_button.clicked.connect(self.start_demo)
        self.empty_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(name_row)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def my_name(self) -> str:
        """The name the user gave, spaces tidied ('' when none)."""
        return " ".join(self.name_edit.text().split())

    def start_demo(self) -> None:
        """Generate the demo book in the background, with progress and Cancel."""
        if self.task is not None:
            return
        self.demo_button.setEnabled(False)
        self.empty_button.setEnabled(False)
        dialog = QProgressDialog(self.tr("Creating demo customers…"), self.tr("Cancel"),
                                 0, self.customers, self)
        dialog.setObjectName("demoProgress")
        dialog.setWindowTitle(self.tr("Demo data"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        self.progress_dialog = dialog
        customers = self.customers
        language = i18n.current_language()  # the demo speaks the user's language

        def work(book: Book, progress: Progress) -> DemoSummary:
            # Scored in the same transaction: the book opens with tiers, ABC classes, stages.
            return book.demo.generate(customers, seed=DEMO_SEED, language=language,
                                      progress=progress.report).summary

        self.task = BookTask(self.path, work, self)
        dialog.canceled.connect(self.task.cancel)
        self.task.on_progress(self._on_progress).success(self._on_success) \
            .failure(self._on_failure).on_cancel(self._on_cancelled)
        dialog.show()
        self.task.run_in_background()

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(max(total, 1))
            self.progress_dialog.setValue(done)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect()
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.task = None

    def _on_success(self, summary: DemoSummary) -> None:
        self._close_progress()
        self.demo_added = True
        self.demo_finished.emit(summary)
        self.accept()

    def _on_cancelled(self) -> None:
        self._close_progress()
        self.demo_button.setEnabled(True)
        self.empty_button.setEnabled(True)

    def _on_failure(self, error: BaseException) -> None:
        self._close_progress()
        self.demo_button.setEnabled(True)
        self.empty_button.setEnabled(True)
        if not isinstance(error, StorageError):
            raise error
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Demo data"),
                          storage_message(error), QMessageBox.StandardButton.Ok, self)
        self.error_box = box
        box.open()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the book stays empty; the task ends on its own
        super().reject()

