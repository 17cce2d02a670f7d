"""File → Export calendar…: whose items, which days, what to include and when to be reminded,
then where to save the .ics file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from storage.book.types import CALENDAR_KINDS, DONE_CANCELLED, DONE_OMIT, REMINDERS
from ui.gui.dialogs.export_fields import date_edit, owner_combo, save_buttons, suggested_file
from ui.gui.dialogs.save_path import with_suffix

#: The default range: a month back (done items, to cancel them) to a year ahead.
DAYS_BACK, DAYS_AHEAD = 30, 365


@dataclass(frozen=True)
class CalendarChoice:
    """What the dialog asked for."""

    path: Path
    since: date
    until: date
    owner: str  # "" for everyone
    kinds: tuple[str, ...]
    reminder: str
    done: str


class CalendarExportDialog(QDialog):
    """Emits ``chosen(CalendarChoice)`` once a file is chosen."""

    chosen = Signal(object)

    def __init__(self, owners: list[str], folder: Path | None, parent: QWidget | None = None,
                 *, me: str = "", today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarExportDialog")
        self.folder = folder or Path.home()
        today = today or date.today()
        self.owner_combo = owner_combo(self, "calendarOwner", owners, me)
        self.since_edit = self._date_edit("calendarFrom", today - timedelta(days=DAYS_BACK))
        self.until_edit = self._date_edit("calendarTo", today + timedelta(days=DAYS_AHEAD))
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind in CALENDAR_KINDS:
            box = QCheckBox(self)
            box.setObjectName(f"calendarKind_{kind}")
            box.setChecked(True)
            box.toggled.connect(self._check)
            self.kind_boxes[kind] = box
        self.reminder_combo = QComboBox(self)
        self.reminder_combo.setObjectName("calendarReminder")
        for reminder in REMINDERS:
            self.reminder_combo.addItem("", reminder)
        self.done_box = QCheckBox(self)
        self.done_box.setObjectName("calendarDoneCancelled")
        self.done_box.setChecked(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("calendarProblem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("calendarNote")
        self.note.setWordWrap(True)

        form = QFormLayout()
        self.owner_label, self.since_label, self.until_label = (QLabel(self) for _ in range(3))
        self.kinds_label, self.reminder_label = QLabel(self), QLabel(self)
        form.addRow(self.owner_label, self.owner_combo)
        form.addRow(self.since_label, self.since_edit)
        form.addRow(self.until_label, self.until_edit)
        kinds = QVBoxLayout()
        for box in self.kind_boxes.values():
            kinds.addWidget(box)
        form.addRow(self.kinds_label, kinds)
        form.addRow(self.reminder_label, self.reminder_combo)
        form.addRow("", self.done_box)
        self.buttons = save_buttons(self, self.choose_file)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._check()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = date_edit(self, name, day)
        edit.dateChanged.connect(self._check)
        return edit

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export calendar"))
        self.owner_label.setText(self.tr("Salesperson:"))
        self.owner_combo.setItemText(0, self.tr("Everyone"))
        self.since_label.setText(self.tr("From:"))
        self.until_label.setText(self.tr("To:"))
        self.kinds_label.setText(self.tr("Include:"))
        names = {"follow_up": self.tr("Follow-ups (next steps of interactions)"),
                 "plan_action": self.tr("Plan actions"),
                 "plan_review": self.tr("Plan reviews (by each plan's review cadence)"),
                 "need": self.tr("Needs and complaints to answer (answer-by dates)")}
        for kind, box in self.kind_boxes.items():
            box.setText(names[kind])
        self.reminder_label.setText(self.tr("Reminder:"))
        words = {"on_day": self.tr("At 09:00 on the day"),
                 "day_before": self.tr("At 09:00 the day before"),
                 "none": self.tr("No reminder")}
        for row in range(self.reminder_combo.count()):
            self.reminder_combo.setItemText(row, words[str(self.reminder_combo.itemData(row))])
        self.done_box.setText(self.tr("Done items as cancelled events"))
        self.note.setText(self.tr(
            "Each item becomes an all-day event on its due date. Import the file in Outlook, "
            "Google Calendar or Apple Calendar; importing a later export updates the same "
            "events, and done items written as cancelled leave the calendar."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save…"))
        self._check()

    # -- the choice ----------------------------------------------------------------------------
    def since(self) -> date:
        return cast(date, self.since_edit.date().toPython())  # "object" in PySide6's stubs

    def until(self) -> date:
        return cast(date, self.until_edit.date().toPython())

    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind, box in self.kind_boxes.items() if box.isChecked())

    def owner(self) -> str:
        return str(self.owner_combo.currentData() or "")

    def _check(self) -> None:
        """Save only with a range that runs forward and something to include."""
        problem = ""
        if self.until() < self.since():
            problem = self.tr("The last day is before the first.")
        elif not self.kinds():
            problem = self.tr("Choose at least one kind of item.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)

    def suggested_path(self) -> Path:
        return suggested_file(self.folder, self.tr("keyplan-calendar"), self.owner(),
                              self.since(), ".ics")

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the calendar"), str(self.suggested_path()),
            self.tr("Calendar files (*.ics)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        self.chosen.emit(CalendarChoice(
            path=with_suffix(path, ".ics"), since=self.since(), until=self.until(),
            owner=self.owner(),
            kinds=self.kinds(), reminder=str(self.reminder_combo.currentData()),
            done=DONE_CANCELLED if self.done_box.isChecked() else DONE_OMIT))
        self.accept()
