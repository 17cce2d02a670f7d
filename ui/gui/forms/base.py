"""A record form: field editors laid out in sections, validated on every edit by the domain's
``Record.parse``, each field's message shown beside it in the user's language."""

from __future__ import annotations

from dataclasses import MISSING
from dataclasses import fields as dataclass_fields
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.record import Record
from models.validation import ValidationError, ValidationErrors
from ui.gui.forms.field_labels import field_label
from ui.gui.text.i18n import validation_message

ERROR_STYLE = "color: #b3261e;"
#: Bookkeeping fields a form carries along without showing them.
_HIDDEN = ("id", "created_at", "updated_at", "deleted_at")


class FieldRow(QWidget):
    """An editor with its message underneath (hidden while the value is fine)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class RecordForm(QWidget):
    """Subclasses set ``record_class`` and build their fields in :meth:`build`.

    The form keeps the record it was loaded with (``original``): fields without an editor
    keep their values from it, and the merge after a conflicting save starts from it.
    """

    record_class: ClassVar[type[Record]]
    #: Emitted after every edit with whether the form now holds a valid record.
    validity_changed = Signal(bool)
    edited = Signal()

    def __init__(
        self,
        record: Record | None = None,
        *,
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editors: dict[str, Any] = {}
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        self.sections: list[tuple[QGroupBox, str]] = []
        self._touched: set[str] = set()
        self._errors: dict[str, ValidationError] = {}
        self._across: set[str] = set()
        self._valid = False
        self._initial: dict[str, Any] = {}
        self.original: Record | None = record
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("formError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.build()
        self.grid.addWidget(
            self.general_error, self.grid.rowCount(), 0, 1, max(1, self.grid.columnCount())
        )
        self.retranslate()
        self.load(record, defaults or {})

    # -- building (subclasses) ---------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def section(self, title: str, row: int, column: int, *, span: int = 1) -> QFormLayout:
        """A titled group of fields at ``row``/``column`` of the form's grid."""
        box = QGroupBox(self)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QFormLayout(box)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(box, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
        self.sections.append((box, title))
        return layout

    def add(self, layout: QFormLayout, name: str, editor: Any) -> Any:
        """Put ``editor`` for field ``name`` in ``layout`` with its label and message."""
        editor.setObjectName(f"field_{name}")
        row = FieldRow(editor, self)
        caption = QLabel(self)
        caption.setBuddy(editor)
        layout.addRow(caption, row)
        self.editors[name] = editor
        self.rows[name] = row
        self.labels[name] = caption
        editor.edited.connect(lambda n=name: self._on_edited(n))
        return editor

    def section_titles(self) -> dict[QGroupBox, str]:
        return dict(self.sections)

    def retranslate(self) -> None:
        """Labels (and messages) in the current language; subclasses add their own texts."""
        for name, caption in self.labels.items():
            caption.setText(self.label_for(name) + ":")
        self._show_errors()

    def label_for(self, name: str) -> str:
        """The label beside field ``name``; a form may say it shorter where its section
        already gives the context."""
        return field_label(self.record_class, name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ------------------------------------------------------------------------------
    def load(self, record: Record | None, defaults: dict[str, Any] | None = None) -> None:
        """Show ``record`` (or an empty form with ``defaults``) as the unchanged state."""
        self.original = record
        values = self._record_values(record) if record is not None else dict(defaults or {})
        self._base = values
        for name, editor in self.editors.items():
            editor.set_value(values.get(name, self._default(name)))
        self._touched.clear()
        self._initial = self.values()
        self.validate()

    def _default(self, name: str) -> Any:
        for f in dataclass_fields(self.record_class):
            if f.name == name:
                if f.default is not MISSING:
                    return f.default
                if f.default_factory is not MISSING:
                    return f.default_factory()
        return None

    @staticmethod
    def _record_values(record: Record) -> dict[str, Any]:
        return {f.name: getattr(record, f.name) for f in dataclass_fields(record)}

    def values(self) -> dict[str, Any]:
        """The editors' current raw values."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def raw(self) -> dict[str, Any]:
        """What ``Record.parse`` gets: the loaded record's values under the editors' ones."""
        return {**self._base, **self.values()}

    def set_values(self, values: dict[str, Any], *, touch: bool = True) -> None:
        """Put values in the editors as if the user had (for presets such as "mark met")."""
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
                if touch:
                    self._touched.add(name)
            else:
                self._base[name] = value
        self.validate()
        self.edited.emit()

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    def is_new(self) -> bool:
        return self.original is None

    # -- validation --------------------------------------------------------------------------
    def _on_edited(self, name: str) -> None:
        self._touched.add(name)
        self.validate()
        self.edited.emit()

    def validate(self) -> Record | None:
        """Parse the form; show the messages of touched fields; None if invalid."""
        record: Record | None = None
        try:
            record = self.record_class.parse(self.raw())
            self._errors = {}
        except ValidationErrors as problems:
            self._errors = problems.by_field()
        self._across = {name for name in self._errors if self._passes_alone(name)}
        self._show_errors()
        valid = record is not None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        return record

    def _passes_alone(self, name: str) -> bool:
        """True when ``name``'s own check passes: its error comes from a rule across fields
        (a due date without a next step), which the user caused by editing another field."""
        check = self.record_class.CHECKS.get(name)
        if check is None:
            return True
        try:
            check(self.raw().get(name))
        except ValidationError:
            return False
        return True

    def reveal_errors(self) -> None:
        """Show every message, touched or not (after the user tried to save)."""
        self._touched.update(self.editors)
        self._touched.add("*")
        self._show_errors()

    def _show_errors(self) -> None:
        general = []
        for name, row in self.rows.items():
            error = self._errors.get(name)
            shown = name in self._touched or (name in self._across and bool(self._touched))
            row.show_error(validation_message(error) if error and shown else "")
        for name, error in self._errors.items():
            if name not in self.rows and (self._touched or not self.is_new()):
                general.append(
                    f"{field_label(self.record_class, name)}: {validation_message(error)}"
                )
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    def errors(self) -> dict[str, ValidationError]:
        return dict(self._errors)

    def error_text(self, name: str) -> str:
        """The message shown beside field ``name`` ('' when none is shown)."""
        row = self.rows[name]
        return row.error.text() if not row.error.isHidden() else ""

    @property
    def valid(self) -> bool:
        return self._valid

    def record(self) -> Record | None:
        """The valid record the form holds, or None."""
        try:
            return self.record_class.parse(self.raw())
        except ValidationErrors:
            return None

    def first_editor(self) -> QWidget | None:
        return next(iter(self.editors.values()), None)
