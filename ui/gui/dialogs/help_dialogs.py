"""Help menu windows: About KeyPlan and the list of keyboard shortcuts.

The shortcut list is read from the window's own actions, so it never drifts from the menus.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from storage.book import Book
from ui._version import __version__


class ShortcutsDialog(QDialog):
    """Every action with a shortcut, and the keys of the customer list."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(24)
        for action in actions:
            if action.shortcut().isEmpty():
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            form.addRow(_key_label(keys), QLabel(plain_text(action.text()), self))
        form.addRow(_key_label(self.tr("↑ ↓ Page Up/Down")),
                    QLabel(self.tr("Move through the customer list"), self))
        form.addRow(_key_label(self.tr("Enter")),
                    QLabel(self.tr("Open the selected customer"), self))
        form.addRow(_key_label(self.tr("Esc")),
                    QLabel(self.tr("Clear the search (in the search box)"), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def plain_text(text: str) -> str:
    """A menu text without its mnemonic: "&Open" -> "Open", "打开(&O)" -> "打开"."""
    return re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _key_label(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def about_text(book: Book | None) -> str:
    translate = QCoreApplication.translate
    purpose = translate(
        "HelpDialogs", "Customer value and account planning on your own computer: see which "
        "customers matter most, why, and what to do next.")
    offline = translate(
        "HelpDialogs", "Everything is kept in one local SQLite file; no server, no account, "
        "no connection needed.")
    lines = [f"<h3>KeyPlan {__version__}</h3>", f"<p>{purpose}</p>", f"<p>{offline}</p>"]
    if book is not None:
        current = translate("HelpDialogs", "Current book: {path}").format(
            path=_escape(str(book.path)))
        lines.append(f"<p>{current}</p>")
    return "".join(lines)


def show_about(parent: QWidget, book: Book | None) -> QMessageBox:
    """Open the About box without blocking (the caller may keep the reference)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("HelpDialogs", "About KeyPlan"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(book))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
