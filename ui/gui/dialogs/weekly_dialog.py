"""File → Weekly report…: which week and whose, then where to save the workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models.plan_periods import week_of
from ui.gui.dialogs.export_fields import date_edit, owner_combo, save_buttons, suggested_file
from ui.gui.dialogs.save_path import with_suffix


class WeeklyReportDialog(QDialog):
    """Emits ``chosen(path, day, owner)``: ``owner`` is "" for everyone."""

    chosen = Signal(object, object, str)

    def __init__(self, owners: list[str], folder: Path | None, parent: QWidget | None = None,
                 *, me: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("weeklyReportDialog")
        self.folder = folder or Path.home()
        self.day_edit = date_edit(self, "weeklyDay", date.today())
        self.day_edit.dateChanged.connect(self._show_week)
        self.week = QLabel(self)
        self.week.setObjectName("weeklyRange")
        self.owner_combo = owner_combo(self, "weeklyOwner", owners, me)
        form = QFormLayout()
        self.day_label = QLabel(self)
        self.owner_label = QLabel(self)
        form.addRow(self.day_label, self.day_edit)
        form.addRow("", self.week)
        form.addRow(self.owner_label, self.owner_combo)
        self.buttons = save_buttons(self, self.choose_file)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Weekly report"))
        self.day_label.setText(self.tr("Week of"))
        self.owner_label.setText(self.tr("Salesperson"))
        self.owner_combo.setItemText(0, self.tr("Everyone"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save…"))
        self._show_week()

    def day(self) -> date:
        return cast(date, self.day_edit.date().toPython())  # typed "object" in PySide6's stubs

    def owner(self) -> str:
        return str(self.owner_combo.currentData() or "")

    def suggested_path(self) -> Path:
        start, _ = week_of(self.day())
        return suggested_file(self.folder, self.tr("weekly-report"), self.owner(), start,
                              ".xlsx")

    def _show_week(self) -> None:
        start, end = week_of(self.day())
        self.week.setText(self.tr("Monday {start} to Sunday {end}").format(
            start=start.isoformat(), end=end.isoformat()))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the weekly report"), str(self.suggested_path()),
            self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        self.chosen.emit(with_suffix(path, ".xlsx"), self.day(), self.owner())
        self.accept()
