"""Field editors for the record forms: each gives a raw value for ``Record.parse`` and says
when the user edited it."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, cast

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, QSize, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from ui.gui.text.labels import label

DATE_FORMAT = "yyyy-MM-dd"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class FieldEditor(QWidget):
    """Base of the composite editors: ``edited`` after every change by the user."""

    edited = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextField(QLineEdit):
    """One line of text; tags accept a tuple and show it comma-separated."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, max_length: int = 0) -> None:
        super().__init__(parent)
        if max_length:
            # Longer input is still typed in full, so the domain's message explains the limit.
            self.setMaxLength(max_length + 50)
        self.textEdited.connect(lambda _text: self.edited.emit())

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        if isinstance(value, tuple | list):
            value = ", ".join(str(v) for v in value)
        self.setText("" if value is None else str(value))


class NoteField(QPlainTextEdit):
    """Several lines of text; Tab moves on to the next field."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 10
        self.setMinimumHeight(self._height)
        self.textChanged.connect(self._changed)
        self._loading = False

    def sizeHint(self) -> QSize:
        # Qt's default asks for about 12 lines; a form's note starts at its few lines.
        return QSize(super().sizeHint().width(), self._height)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False


class ChoiceField(QComboBox):
    """One value of an enum, in the user's language; optional ones offer ``none_text``."""

    edited = Signal()

    def __init__(
        self, enum: type[Enum], parent: QWidget | None = None, *, none_text: str | None = None
    ) -> None:
        super().__init__(parent)
        self.enum = enum
        self.none_text = none_text
        self._fill()
        self.activated.connect(lambda _index: self.edited.emit())

    def _fill(self) -> None:
        current = self.currentData() if self.count() else None
        blocker = QSignalBlocker(self)
        self.clear()
        if self.none_text is not None:
            self.addItem(self.none_text, None)
        for member in self.enum:
            self.addItem(label(member), member)
        self.set_value(current)
        del blocker

    def retranslate(self, none_text: str | None = None) -> None:
        if none_text is not None and self.none_text is not None:
            self.none_text = none_text
        self._fill()

    def value(self) -> Enum | None:
        # Qt hands back a str enum's item data as a plain str: make it the member again.
        data = self.currentData()
        return None if data is None else self.enum(data)

    def set_value(self, value: Any) -> None:
        for index in range(self.count()):
            if self.itemData(index) == value:
                self.setCurrentIndex(index)
                return
        self.setCurrentIndex(0)


class CheckField(QCheckBox):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(lambda _checked: self.edited.emit())

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class DateField(QDateEdit):
    """A required date, typed or picked from the calendar."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setDate(QDate.currentDate())
        self.dateChanged.connect(lambda _d: self.edited.emit())

    def value(self) -> date:
        return cast(date, self.date().toPython())  # typed "object" in PySide6's stubs

    def set_value(self, value: Any) -> None:
        blocker = QSignalBlocker(self)
        self.setDate(_qdate(value) if isinstance(value, date) else QDate.currentDate())
        del blocker


class DateTimeField(QDateTimeEdit):
    """A date and time to the minute."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATETIME_FORMAT)
        self.set_value(None)
        self.dateTimeChanged.connect(lambda _d: self.edited.emit())

    def value(self) -> datetime:
        return cast(datetime, self.dateTime().toPython()).replace(second=0, microsecond=0)

    def set_value(self, value: Any) -> None:
        blocker = QSignalBlocker(self)
        if isinstance(value, datetime):
            self.setDateTime(QDateTime(_qdate(value), QTime(value.hour, value.minute)))
        else:
            now = QDateTime.currentDateTime()
            self.setDateTime(QDateTime(now.date(), QTime(now.time().hour(), now.time().minute())))
        del blocker


class OptionalDateField(FieldEditor):
    """A date that may be absent: a tick box switches the date on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.clicked.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.edited.emit())

    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked:
            self.edit.setFocus()
        self.edited.emit()

    def value(self) -> date | None:
        return cast(date, self.edit.date().toPython()) if self.check.isChecked() else None

    def set_value(self, value: Any) -> None:
        blockers = QSignalBlocker(self.edit), QSignalBlocker(self.check)
        self.check.setChecked(isinstance(value, date))
        self.edit.setEnabled(isinstance(value, date))
        self.edit.setDate(_qdate(value) if isinstance(value, date) else QDate.currentDate())
        del blockers


class RatingField(FieldEditor):
    """A 1–5 rating as a row of buttons (or the keys 1–5; 0 or Delete clears it)."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str = "–") -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons: dict[int, QToolButton] = {}
        for value in range(0, 6):
            button = QToolButton(self)
            button.setText(none_text if value == 0 else str(value))
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(self.fontMetrics().horizontalAdvance("00") + 14)
            self.group.addButton(button, value)
            self.buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)
        # The chosen rating must stand out from the five it was chosen among.
        self.setStyleSheet(
            "QToolButton { padding: 2px 4px; } QToolButton:checked { "
            "background: #1565c0; color: white; border: 1px solid #0d47a1; "
            "border-radius: 3px; }"
        )
        self.buttons[0].setChecked(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group.idClicked.connect(lambda _id: self.edited.emit())

    def set_none_text(self, text: str) -> None:
        self.buttons[0].setText(text)

    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return chosen if chosen > 0 else None

    def set_value(self, value: Any) -> None:
        self.buttons[int(value) if value in (1, 2, 3, 4, 5) else 0].setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.group.checkedId()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            chosen = key - Qt.Key.Key_0
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            chosen = 0
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            chosen = min(5, current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            chosen = max(0, current - 1)
        else:
            super().keyPressEvent(event)
            return
        if chosen != current:
            self.buttons[chosen].setChecked(True)
            self.edited.emit()
