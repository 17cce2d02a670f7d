"""The few questions forms ask (discard changes? undo an older change?) and error boxes.

Kept in one module so tests can answer them without a blocking dialog (monkeypatch these
functions).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


def confirm_discard(parent: QWidget | None) -> bool:
    """Ask whether to throw away unsaved changes; True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("Prompts", "Discard changes?"),
        translate("Prompts", "This form has changes that are not saved. Discard them?"),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    discard = box.addButton(translate("Prompts", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("Prompts", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """A yes/no question whose yes button says what it does."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(
        QCoreApplication.translate("Prompts", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("Prompts", "Not saved"), text)
