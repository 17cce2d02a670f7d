"""Edit → Playbooks…: the plan templates in a list (model/view) beside a form of the one
chosen: whom it is for, its objectives, support measures and actions; new, copy, reset a
built-in, delete one's own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.enums import LifecycleStage, ObjectiveKind, RelationshipLevel, SupportKind, Tier
from models.playbooks import (
    OWNER_ACCOUNT,
    OWNER_ME,
    Playbook,
    PlaybookSteps,
)
from models.validation import ValidationError, ValidationErrors
from storage.book import Book
from storage.changes import Changes
from storage.errors import StorageError
from ui.gui.forms.base import ERROR_STYLE
from ui.gui.text.i18n import current_language, storage_message, validation_message
from ui.gui.text.labels import label

Index = QModelIndex | QPersistentModelIndex


class PlaybookListModel(QAbstractListModel):
    """The playbooks by name; a built-in in bold, its edit marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Playbook] = []

    def load(self, playbooks: list[Playbook]) -> None:
        self.beginResetModel()
        self.rows = playbooks
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        playbook = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if playbook.builtin_key and playbook.created_at:
                return self.tr("{name} (edited)").format(name=playbook.name)
            return playbook.name
        if role == Qt.ItemDataRole.FontRole and playbook.builtin_key:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return playbook
        return None


class PlaybooksDialog(QDialog):
    """The playbooks editor; ``changed(changes)`` after each write."""

    changed = Signal(object)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbooksDialog")
        self.book = book
        self.lang = current_language()
        self.current: Playbook | None = None
        self.model = PlaybookListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("playbookList")
        self.list.setModel(self.model)
        self.list.setMinimumWidth(380)
        self.list.setWordWrap(True)  # a long name on two lines, never cut
        self.name = QLineEdit(self)
        self.name.setObjectName("field_name")
        self.tiers = {tier: QCheckBox(label(tier), self) for tier in Tier}
        self.new_only = QCheckBox(self)
        self.new_only.setObjectName("field_lifecycle")
        self.from_level = QComboBox(self)
        self.from_level.setObjectName("field_from_level")
        self.target_level = QComboBox(self)
        self.target_level.setObjectName("field_target_level")
        self.cadence = QSpinBox(self)
        self.cadence.setObjectName("field_review_cadence_days")
        self.cadence.setRange(7, 366)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("field_summary")
        self.summary.setMaximumHeight(70)
        self.objective_table = self._table("objectives", 3)
        self.measure_table = self._table("measures", 3)
        self.action_table = self._table("actions", 3)
        self.steps = QTabWidget(self)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.new_button = self._button("newPlaybook")
        self.copy_button = self._button("copyPlaybook")
        self.reset_button = self._button("resetPlaybook")
        self.delete_button = self._button("deletePlaybook")
        self.save_button = self._button("savePlaybook")
        self.close_button = self._button("close")
        self._lay_out()
        self._retranslate()
        self.list.selectionModel().currentChanged.connect(lambda now, _: self._show(now))
        self.new_button.clicked.connect(self.new_playbook)
        self.copy_button.clicked.connect(self.copy_playbook)
        self.reset_button.clicked.connect(self.reset_playbook)
        self.delete_button.clicked.connect(self.delete_playbook)
        self.save_button.clicked.connect(self.save_playbook)
        self.close_button.clicked.connect(self.accept)
        self.reload()
        self.resize(1180, 660)

    # ---- building ------------------------------------------------------------------------
    def _table(self, name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns, self)
        table.setObjectName(name)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1 if name != "actions" else 0,
                                                      QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # room for the longest choice ("account owner", "Share of wallet", 客户负责人)
        for column, width in ((1, 80), (2, 170)) if name == "actions" else ((0, 190), (2, 110)):
            table.setColumnWidth(column, width)
        return table

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        return button

    def _steps_page(self, table: QTableWidget) -> QWidget:
        page = QWidget(self)
        add, remove = QPushButton(self.tr("Add"), page), QPushButton(self.tr("Remove"), page)
        add.setObjectName(f"add_{table.objectName()}")
        remove.setObjectName(f"remove_{table.objectName()}")
        add.clicked.connect(lambda: self._add_row(table))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow())
                               if table.currentRow() >= 0 else None)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addLayout(buttons)
        return page

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(5)]
        tiers = QHBoxLayout()
        for box in self.tiers.values():
            tiers.addWidget(box)
        tiers.addWidget(self.new_only)
        tiers.addStretch(1)
        levels = QHBoxLayout()
        levels.addWidget(self.from_level)
        levels.addWidget(QLabel("→", self))
        levels.addWidget(self.target_level)
        levels.addStretch(1)
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], tiers)
        form.addRow(self.labels[2], levels)
        form.addRow(self.labels[3], self.cadence)
        form.addRow(self.labels[4], self.summary)
        self.steps.addTab(self._steps_page(self.objective_table), "")
        self.steps.addTab(self._steps_page(self.measure_table), "")
        self.steps.addTab(self._steps_page(self.action_table), "")
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.addLayout(form)
        column.addWidget(self.steps, 1)
        column.addWidget(self.error)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.reset_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Playbooks"))
        for caption, text in zip(self.labels, (self.tr("Name:"), self.tr("For:"),
                                               self.tr("Relationship level:"),
                                               self.tr("Review every (days):"),
                                               self.tr("Summary:")), strict=False):
            caption.setText(text)
        self.new_only.setText(self.tr("New customers only"))
        self.from_level.addItem(self.tr("Any level"), None)
        self.target_level.addItem(self.tr("One level up"), None)
        for level in RelationshipLevel:
            self.from_level.addItem(label(level), int(level))
            self.target_level.addItem(label(level), int(level))
        self.objective_table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Objective"), self.tr("Target (%)")])
        self.measure_table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Terms"), self.tr("Rate (%)")])
        self.action_table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Day"), self.tr("For")])
        for number, text in enumerate((self.tr("Objectives"), self.tr("Support measures"),
                                       self.tr("Actions"))):
            self.steps.setTabText(number, text)
        self.new_button.setText(self.tr("New"))
        self.copy_button.setText(self.tr("Copy"))
        self.reset_button.setText(self.tr("Reset to built-in"))
        self.delete_button.setText(self.tr("Delete"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self.objective_table.setToolTip(self.tr(
            "A revenue target is growth in percent over the customer's last 12 months; a "
            "margin or share of wallet target is the percentage aimed at."))
        self.action_table.setToolTip(self.tr("Day: days after the plan's start."))

    # ---- rows of the three tables ----------------------------------------------------------
    def _combo(self, choices: list[tuple[str, str]], value: str) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo

    def _add_row(self, table: QTableWidget, values: tuple[Any, ...] | None = None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        if table is self.objective_table:
            kind, text, target = values or (ObjectiveKind.FREE_TEXT, "", None)
            table.setCellWidget(row, 0, self._combo([(k.value, label(k)) for k in ObjectiveKind],
                                                    kind.value))
            cells = (text, "" if target is None else f"{target:g}")
        elif table is self.measure_table:
            kind, text, rate = values or (SupportKind.PRIORITY_SERVICE, "", None)
            table.setCellWidget(row, 0, self._combo([(k.value, label(k)) for k in SupportKind],
                                                    kind.value))
            cells = (text, "" if rate is None else f"{rate:g}")
        else:
            what, day, owner = values or ("", 0, OWNER_ACCOUNT)
            table.setItem(row, 0, QTableWidgetItem(what))
            table.setItem(row, 1, QTableWidgetItem(str(day)))
            table.setCellWidget(row, 2, self._combo(
                [(OWNER_ME, self.tr("me")), (OWNER_ACCOUNT, self.tr("account owner"))], owner))
            return
        table.setItem(row, 1, QTableWidgetItem(cells[0]))
        table.setItem(row, 2, QTableWidgetItem(cells[1]))

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _code(self, table: QTableWidget, row: int, column: int) -> str:
        widget = table.cellWidget(row, column)
        return str(widget.currentData()) if isinstance(widget, QComboBox) else ""

    def read_steps(self) -> PlaybookSteps:
        """The three tables as steps (ValidationError on ``body`` where one does not read)."""
        raw = {
            "objectives": [{"kind": self._code(self.objective_table, r, 0),
                            "description": self._text(self.objective_table, r, 1),
                            "target": self._text(self.objective_table, r, 2) or None}
                           for r in range(self.objective_table.rowCount())],
            "measures": [{"kind": self._code(self.measure_table, r, 0),
                          "terms": self._text(self.measure_table, r, 1),
                          "rate_percent": self._text(self.measure_table, r, 2) or None}
                         for r in range(self.measure_table.rowCount())],
            "actions": [{"what": self._text(self.action_table, r, 0),
                         "offset_days": _whole(self._text(self.action_table, r, 1)),
                         "owner": self._code(self.action_table, r, 2)}
                        for r in range(self.action_table.rowCount())],
        }
        return PlaybookSteps.from_dict(raw)

    # ---- showing ---------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.model.load(self.book.playbooks.list(self.lang))
        rows = self.model.rows
        chosen = next((n for n, p in enumerate(rows) if p.id == select), 0)
        if rows:
            self.list.setCurrentIndex(self.model.index(chosen, 0))
            self._show(self.model.index(chosen, 0))

    def _show(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        playbook: Playbook = index.data(Qt.ItemDataRole.UserRole)
        self.load(playbook)

    def load(self, playbook: Playbook) -> None:
        """Fill the form with ``playbook``."""
        self.current = playbook
        self.name.setText(playbook.name)
        for tier, box in self.tiers.items():
            box.setChecked(tier.value in playbook.tiers)
        self.new_only.setChecked(playbook.lifecycle == LifecycleStage.NEW.value)
        self.from_level.setCurrentIndex(max(0, self.from_level.findData(playbook.from_level)))
        self.target_level.setCurrentIndex(
            max(0, self.target_level.findData(playbook.target_level)))
        self.cadence.setValue(playbook.review_cadence_days)
        self.summary.setPlainText(playbook.summary)
        steps = playbook.steps
        for table in (self.objective_table, self.measure_table, self.action_table):
            table.setRowCount(0)
        for o in steps.objectives:
            self._add_row(self.objective_table, (o.kind, o.description, o.target))
        for m in steps.measures:
            self._add_row(self.measure_table, (m.kind, m.terms, m.rate_percent))
        for a in steps.actions:
            self._add_row(self.action_table, (a.what, a.offset_days, a.owner))
        self.reset_button.setEnabled(bool(playbook.builtin_key and playbook.created_at))
        self.delete_button.setEnabled(not playbook.builtin_key and bool(playbook.created_at))
        self._error("")

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def edited(self) -> Playbook:
        """The form as a playbook (ValidationError where a step does not read)."""
        base = self.current or Playbook()
        lifecycle = LifecycleStage.NEW.value if self.new_only.isChecked() else ""
        return replace(
            base, name=self.name.text().strip(),
            tiers=tuple(t.value for t, box in self.tiers.items() if box.isChecked()),
            lifecycle=lifecycle, from_level=self.from_level.currentData(),
            target_level=self.target_level.currentData(),
            review_cadence_days=self.cadence.value(),
            summary=self.summary.toPlainText().strip(), body=self.read_steps().to_json())

    # ---- writing ---------------------------------------------------------------------------
    def _write(self, write: Any) -> Any:
        try:
            done = write()
        except ValidationErrors as errors:
            self._error("\n".join(validation_message(e) for e in errors.errors))
            return None
        except ValidationError as error:
            self._error(validation_message(error))
            return None
        except StorageError as error:
            self._error(storage_message(error))
            return None
        if done is not None:
            self.changed.emit(done.changes if hasattr(done, "changes") else Changes())
        return done

    def save_playbook(self) -> None:
        saved = self._write(lambda: self.book.playbooks.save(self.edited()))
        if saved is not None:
            self.reload(saved.record.id)

    def new_playbook(self) -> None:
        self.list.clearSelection()
        self.load(Playbook(name=self.tr("New playbook")))
        self.name.setFocus()
        self.name.selectAll()

    def copy_playbook(self) -> None:
        if self.current is None:
            return
        name = self.tr("{name} (copy)").format(name=self.current.name)
        saved = self._write(lambda: self.book.playbooks.copy(self.edited(), name))
        if saved is not None:
            self.reload(saved.record.id)

    def reset_playbook(self) -> None:
        if self.current is None or not self.current.builtin_key:
            return
        key, playbook_id = self.current.builtin_key, self.current.id
        if self._write(lambda: self.book.playbooks.reset(key)) is not None:
            self.reload(playbook_id)

    def delete_playbook(self) -> None:
        if self.current is None or self.current.builtin_key or not self.current.created_at:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete playbook"),
            self.tr("Delete the playbook {name}? Plans made from it keep what they "
                    "took.").format(name=self.current.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        playbook_id = self.current.id
        if self._write(lambda: self.book.playbooks.delete(playbook_id)) is not None:
            self.reload()


def _whole(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text  # refused by the steps' check, said beside the form
