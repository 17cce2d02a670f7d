"""After a conflicting save: what changed elsewhere (taken as is) and, field by field, the
user's choice between their value and the other one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.merge import MergeResult, merge_records
from models.record import Record
from ui.gui.forms.field_labels import field_label, kind_label
from ui.gui.forms.values import display_value

MINE, THEIRS = 0, 1


class MergeDialog(QDialog):
    """Shows a :class:`MergeResult`; :meth:`merged` is the record to save (with force)."""

    def __init__(
        self,
        base: Record,
        mine: Record,
        theirs: Record,
        *,
        names: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.cls = type(mine)
        self.theirs = theirs
        self.result_: MergeResult[Record] = merge_records(base, mine, theirs)
        self.names = names or {}
        self.choices: dict[str, QButtonGroup] = {}
        self.setWindowTitle(self.tr("Changed elsewhere"))

        intro = QLabel(
            self.tr(
                "This {kind} was saved in another window or by another program while you were "
                "editing it. Changes made there to fields you did not touch are taken over; "
                "where both sides changed a field, choose which value to keep."
            ).format(kind=kind_label(self.cls).lower()),
            self,
        )
        intro.setWordWrap(True)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        self.taken_box = QGroupBox(self.tr("Taken from the other save"), content)
        taken = QGridLayout(self.taken_box)
        for row, name in enumerate(self.result_.theirs_changed):
            taken.addWidget(
                QLabel(field_label(self.cls, name) + ":", self.taken_box),
                row,
                0,
                Qt.AlignmentFlag.AlignTop,
            )
            taken.addWidget(self._value_label(getattr(theirs, name), name), row, 1)
        taken.setColumnStretch(1, 1)
        self.taken_box.setVisible(bool(self.result_.theirs_changed))
        body.addWidget(self.taken_box)

        self.conflict_box = QGroupBox(self.tr("Changed in both places: choose"), content)
        grid = QGridLayout(self.conflict_box)
        grid.setHorizontalSpacing(18)
        grid.addWidget(self._bold(self.tr("Field")), 0, 0)
        grid.addWidget(self._bold(self.tr("Your value")), 0, 1)
        grid.addWidget(self._bold(self.tr("Value saved elsewhere")), 0, 2)
        for row, name in enumerate(self.result_.conflicts, start=1):
            grid.addWidget(
                QLabel(field_label(self.cls, name) + ":", self.conflict_box),
                row,
                0,
                Qt.AlignmentFlag.AlignTop,
            )
            group = QButtonGroup(self)
            for column, source in ((1, mine), (2, theirs)):
                button = QRadioButton(self._text(getattr(source, name), name), self.conflict_box)
                button.setObjectName(f"{'mine' if column == 1 else 'theirs'}_{name}")
                group.addButton(button, MINE if column == 1 else THEIRS)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignTop)
            group.button(MINE).setChecked(True)
            self.choices[name] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.conflict_box.setVisible(bool(self.result_.conflicts))
        body.addWidget(self.conflict_box)
        body.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save merged"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Back to the form"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(max(560, self.sizeHint().width()), min(560, self.sizeHint().height() + 80))

    def _bold(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _text(self, value: Any, name: str) -> str:
        text = display_value(self.cls, name, value, self.names)
        return text if len(text) <= 120 else text[:117] + "…"

    def _value_label(self, value: Any, name: str) -> QLabel:
        label = QLabel(self._text(value, name), self)
        label.setWordWrap(True)
        return label

    @property
    def conflicts(self) -> tuple[str, ...]:
        return self.result_.conflicts

    @property
    def theirs_changed(self) -> tuple[str, ...]:
        return self.result_.theirs_changed

    def choose(self, name: str, side: int) -> None:
        """Pick ``MINE`` or ``THEIRS`` for a conflicting field (as a click does)."""
        self.choices[name].button(side).setChecked(True)

    def merged(self) -> Record:
        """The user's record with the other save's changes and the chosen values."""
        picked = {
            name: getattr(self.theirs, name)
            for name, group in self.choices.items()
            if group.checkedId() == THEIRS
        }
        return replace(self.result_.merged, **picked)
