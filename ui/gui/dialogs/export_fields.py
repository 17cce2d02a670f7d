"""The fields the export dialogs (weekly report, calendar) share: whose items, a day, the
Save/Cancel buttons, and the file name they suggest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox


def owner_combo(dialog: QDialog, name: str, owners: list[str], me: str) -> QComboBox:
    """Everyone (the first item, data ""; the dialog's retranslate names it), then each owner;
    ``me`` chosen when it is one of them."""
    combo = QComboBox(dialog)
    combo.setObjectName(name)
    combo.addItem("", "")
    for owner in owners:
        combo.addItem(owner, owner)
    if me and me in owners:
        combo.setCurrentIndex(owners.index(me) + 1)
    return combo


def date_edit(dialog: QDialog, name: str, day: date) -> QDateEdit:
    """A day typed as an ISO date or picked from a calendar."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), dialog)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def save_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save (which calls ``save``, to choose the file) and Cancel (which closes the dialog)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def suggested_file(folder: Path, stem: str, owner: str, day: date, suffix: str) -> Path:
    """STEM[-OWNER]-DAY.SUFFIX in ``folder``: one salesperson's export named after them, each
    period's after its first day, so that exports do not overwrite each other."""
    who = f"-{owner}" if owner else ""
    return folder / f"{stem}{who}-{day.isoformat()}{suffix}"
