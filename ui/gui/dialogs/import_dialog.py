"""File → Import…: customers, contacts or transactions from a spreadsheet or CSV file.

Choosing a file tells what it holds from its headers, then checks every row in the background
(nothing written) and shows how the columns were matched, the first rows as they will be
imported, what would be created or updated, and every bad row with its reason; a column can
be fed to another field, or to several ("Also as…": a customer ID that is also the name), and
a contacts or sales file may make the customers it names. Import
then backs the book up and writes the rows in one transaction; the dialog stays open with
what was done (and, once the book is rescored, how the scores moved) until it is closed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.entities import Contact, Customer, Transaction
from storage.book import Book, Imported
from storage.book.import_types import (
    ColumnMapping,
    DateOrderError,
    ImportKind,
    ImportPreview,
    ImportResult,
    MappingError,
    RowFilter,
    RowIssue,
    fields_of,
)
from storage.errors import StorageError
from ui.gui.background.eta import Eta
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.forms.field_labels import field_label
from ui.gui.text.i18n import storage_message
from ui.gui.text.labels import label

RECORDS = {ImportKind.CUSTOMERS: Customer, ImportKind.CONTACTS: Contact,
           ImportKind.TRANSACTIONS: Transaction}
IGNORE = "ignore"
MAX_SHOWN_ISSUES = 500
MAX_SAMPLE_ROWS = 20
#: KeyPlan's own record ids: a whole-book import reads them; a person never needs to see one.
INTERNAL = frozenset({"id", "customer_id"})
#: What the file dialog offers (python-calamine reads every one of these).
FILE_PATTERNS = "*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt"


def kind_text(kind: ImportKind) -> str:
    translate = QCoreApplication.translate
    return {ImportKind.CUSTOMERS: translate("ImportDialog", "Customers"),
            ImportKind.CONTACTS: translate("ImportDialog", "Contacts"),
            ImportKind.TRANSACTIONS: translate("ImportDialog", "Transactions (sales)")}[kind]


def import_field_label(kind: ImportKind, field: str) -> str:
    translate = QCoreApplication.translate
    extra = {"customer_code": translate("ImportDialog", "Customer code"),
             "customer_name": translate("ImportDialog", "Customer name"),
             "mobile": translate("ImportDialog", "Mobile phone"),
             "order_no": translate("ImportDialog", "Order number"),
             "quantity": translate("ImportDialog", "Quantity"),
             "unit_price": translate("ImportDialog", "Unit price"),
             "id": translate("ImportDialog", "KeyPlan ID"),
             "customer_id": translate("ImportDialog", "KeyPlan customer ID")}
    return extra.get(field) or field_label(RECORDS[kind], field)


def sentences(text: str, more: str) -> str:
    """Two sentences one after the other: a space after an English full stop, none after a
    Chinese one (。 has its own room: '1 行。 被行筛选' showed a gap)."""
    if not text or text[-1] in "。！？；）":
        return text + more
    return f"{text} {more}"


def issue_text(issue: RowIssue) -> str:
    message = QCoreApplication.translate(issue.context, issue.message)
    with contextlib.suppress(KeyError, IndexError, ValueError):  # a broken translation
        message = message.format(**issue.params)
    where = QCoreApplication.translate("ImportDialog", "Row {row}").format(row=issue.row)
    if issue.column:
        where += f" · {issue.column}"
    return f"{where}: {message}" + (f" ({issue.value})" if issue.value else "")


def read_file(book: Book, path: Path, sheet: str | None
              ) -> tuple[list[tuple[str, bool]], ImportKind | StorageError | None]:
    """A file's worksheets (none for CSV) and what it holds, told from its headers (or why
    it cannot be read: the sheets are still listed, to choose another)."""
    try:  # first: it refuses the open book itself before anything opens the file
        kind: ImportKind | StorageError | None = book.imports.guess_kind(path, sheet)
    except StorageError as error:
        kind = error
    return book.imports.worksheets(path), kind


def import_with_backup(book: Book, progress: Progress, path: Path, kind: ImportKind,
                       overrides: Sequence[tuple[str, str]], skip_invalid: bool,
                       create_customers: bool = False, date_order: str | None = None,
                       where: list[RowFilter] | None = None,
                       sheet: str | None = None) -> Imported:
    """Import in one transaction. ``run_import`` makes the import's one backup (reason
    "import") first, reporting its progress: Cancel stops the backup or the import, and
    nothing is written."""
    progress.check()
    # The window rescores afterwards, in a process of its own for a large book.
    return book.imports.run(path, kind, sheet=sheet, overrides=overrides,
                            skip_invalid=skip_invalid,
                            create_customers=create_customers, rescore=False,
                            date_order=date_order, where=where or [],
                            progress=progress.report)


class ImportDialog(QDialog):
    """Check, adjust and import a file; emits ``imported(result)`` once written."""

    imported = Signal(object)  # ImportResult

    def __init__(self, book: Book, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.db_path = book.path
        self.folder = folder or Path.home()
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        # The user's choices: header -> the fields it feeds (["ignore"]: none).
        self.overrides: dict[str, list[str]] = {}
        self.task: BookTask | None = None
        # Per file column, its first field's choice, and every choice it has (Also as…).
        self.combos: dict[int, QComboBox] = {}
        self.field_combos: dict[int, list[QComboBox]] = {}
        self.field_rows: dict[int, QGridLayout] = {}
        self.eta = Eta()
        self.outcome: ImportResult | None = None  # the import done (QDialog has result())
        self.stale_note = ""

        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("A workbook (.xlsx, .xls, .ods …) or a CSV "
                                                  "file"))
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(choose)
        # A workbook's worksheets (shown when it has several): the one read is chosen.
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_combo.activated.connect(lambda _i: self._sheet_chosen())
        self.picked_sheet: str | None = None  # the user's choice; else the file's best
        self.sheet_label = QLabel(self.tr("Sheet:"), self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("importKind")
        for kind in RECORDS:  # the others come in through a whole-book import
            self.kind_combo.addItem(kind_text(kind), kind.value)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.kind_note = QLabel(self)
        self.kind_note.setObjectName("importKindNote")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addWidget(self.kind_note, 1)
        self.create_customers = QCheckBox(
            self.tr("Make the customers this file names that the book does not have yet"), self)
        self.create_customers.setObjectName("importCreateCustomers")
        self.create_customers.toggled.connect(lambda _on: self.check())
        # Asked only when a date column reads both ways (3/4/2024) and no date in it tells.
        self.date_order = QComboBox(self)
        self.date_order.setObjectName("importDateOrder")
        self.date_order.addItem(self.tr("Choose…"), None)
        self.date_order.addItem(self.tr("Day first: 31/12/2024"), "dmy")
        self.date_order.addItem(self.tr("Month first: 12/31/2024"), "mdy")
        self.date_order.addItem(self.tr("Year first: 24/12/31"), "ymd")
        self.date_order.activated.connect(lambda _i: self.check())
        self.date_order_label = QLabel(self.tr("Dates such as {example} are:").format(
            example="3/4/2024"), self)
        # One row filter (e.g. only 订单状态 = 已完成): a column, is / is not, its values.
        self.filter_column = QComboBox(self)
        self.filter_column.setObjectName("importFilterColumn")
        self.filter_column.addItem(self.tr("(every row)"), None)
        self.filter_column.activated.connect(lambda _i: self._filter_changed())
        self.filter_keep = QComboBox(self)
        self.filter_keep.setObjectName("importFilterKeep")
        self.filter_keep.addItem(self.tr("is one of"), True)
        self.filter_keep.addItem(self.tr("is none of"), False)
        self.filter_keep.activated.connect(lambda _i: self._filter_changed())
        self.filter_values = QLineEdit(self)
        self.filter_values.setObjectName("importFilterValues")
        self.filter_values.setPlaceholderText(self.tr("values, separated by commas"))
        self.filter_values.editingFinished.connect(self._filter_changed)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_column, 1)
        filter_row.addWidget(self.filter_keep)
        filter_row.addWidget(self.filter_values, 2)
        self.applied_filter: RowFilter | None = None
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        form.addRow(self.sheet_label, sheet_row)
        self.sheet_label.hide()
        self.sheet_combo.hide()
        form.addRow(self.tr("It holds:"), kind_row)
        form.addRow("", self.create_customers)
        form.addRow(self.tr("Only rows where:"), filter_row)
        date_row = QHBoxLayout()  # as wide as its choices, not the whole dialog
        date_row.addWidget(self.date_order)
        date_row.addStretch(1)
        form.addRow(self.date_order_label, date_row)
        self.date_order_label.hide()
        self.date_order.hide()

        self.summary = QLabel(self.tr("Choose a file to see what it would import."), self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.time_left = QLabel(self)
        self.time_left.setObjectName("importTimeLeft")
        self.time_left.hide()
        self.mapping_host = QWidget(self)
        self.mapping_form = QFormLayout(self.mapping_host)
        mapping_scroll = QScrollArea(self)
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setWidget(self.mapping_host)
        self.issues = QListWidget(self)  # a few hundred lines at most: no model needed
        self.issues.setObjectName("importIssues")
        # Whole messages on as many lines as they need (a long one ran off to the right).
        self.issues.setWordWrap(True)
        self.issues.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.issues.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.skip_invalid = QCheckBox(self.tr("Import the valid rows and leave the bad ones "
                                              "out"), self)
        self.skip_invalid.toggled.connect(lambda _on: self._update_buttons())
        self.columns_pane = QWidget(self)  # the file's columns beside the rows with problems
        columns = QHBoxLayout(self.columns_pane)
        columns.setContentsMargins(0, 0, 0, 0)
        left = self.columns_layout = QVBoxLayout()
        self.mapping_label = QLabel(self.tr("Columns of the file, and what they feed:"), self)
        left.addWidget(self.mapping_label)
        left.addWidget(mapping_scroll, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Rows with problems:"), self))
        right.addWidget(self.issues, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.sample = QTableWidget(self)  # the first rows only: a small, fixed table
        self.sample.setObjectName("importSample")
        self.sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)
        # The record tables' row height (30 pixels by default, 27 there).
        self.sample.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.sample_label = QLabel(self.tr("The first rows, as they will be imported:"), self)
        self.rows_pane = QWidget(self)
        first_rows = QVBoxLayout(self.rows_pane)
        first_rows.setContentsMargins(0, 0, 0, 0)
        first_rows.addWidget(self.sample_label)
        first_rows.addWidget(self.sample, 1)
        # The panes above and the first rows share the height by what each shows
        # (_share_height), the handle between them for the user to move: at fixed shares of
        # 3 to 2 the first rows showed 4½ of 20 under two half-empty panes.
        self.panes = QSplitter(Qt.Orientation.Vertical, self)
        self.panes.setObjectName("importPanes")
        self.panes.setChildrenCollapsible(False)
        self.panes.addWidget(self.columns_pane)
        self.panes.addWidget(self.rows_pane)
        self.panes.setStretchFactor(0, 0)
        self.panes.setStretchFactor(1, 1)
        self.panes_moved = False  # by the user: their shares are kept from then on
        self.panes.splitterMoved.connect(self._panes_moved)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(self.tr("Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.start_import)
        buttons.rejected.connect(self._close_or_cancel)

        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.time_left)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.skip_invalid)
        layout.addWidget(buttons)
        self.resize(self.fitting_size())
        self._show_sample(None)
        self._kind_changed_ui()
        self._update_buttons()

    def fitting_size(self, available: QSize | None = None) -> QSize:
        """120 characters by 44 lines (at 1,280×800 the first rows' table then shows 11 of a
        four-column file's 20 rows), but never larger than the screen it opens on (or
        ``available``, a screen's room for windows): with a CJK font (average character 12
        pixels) that was 1,440 pixels, past a 1,280 or 1,366 pixel screen's edge, the Import
        and Cancel buttons out of reach."""
        char = self.fontMetrics().averageCharWidth()
        wanted = QSize(char * 120, self.fontMetrics().height() * 44)
        if available is None:
            parent = self.parentWidget()
            screen = parent.screen() if parent is not None else self.screen()
            if screen is None:
                return wanted
            available = screen.availableGeometry().size()
        room = available - QSize(40, 60)  # frame and title bar
        return wanted.boundedTo(room).expandedTo(self.minimumSizeHint())

    @property
    def kind(self) -> ImportKind:
        return ImportKind(str(self.kind_combo.currentData()))

    # -- checking ----------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from"), str(self.folder),
            self.tr("Spreadsheets and CSV files ({patterns});;All files (*)").format(
                patterns=FILE_PATTERNS))
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Tell what the file holds from its headers, then check it as that."""
        self.path = path
        self.file_edit.setText(str(path))
        self.picked_sheet = None
        self.sheet_combo.clear()
        self._start_over()

    def _sheet_chosen(self) -> None:
        picked = self.sheet_combo.currentData()
        if picked and picked != self.picked_sheet:
            self.picked_sheet = str(picked)
            self._start_over()

    def _start_over(self) -> None:
        """Read the file (or the sheet picked) afresh: its columns are other columns."""
        self.overrides = {}
        self._ask_date_order(False)
        self.applied_filter = None
        self.filter_values.clear()
        self.filter_column.setCurrentIndex(0)
        path, sheet = self.path, self.picked_sheet
        if path is None:
            return
        if self.task is not None:
            self.task.cancel()
        task = BookTask(self.db_path, lambda book, _progress: read_file(book, path, sheet),
                        self)
        self.task = task
        task.success(self._on_guessed).failure(self._on_failed)
        task.finished.connect(lambda t=task: self._done(t))
        self.summary.setText(self.tr("Reading the file…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_buttons()
        task.run_in_background()

    def chosen_sheet(self) -> str | None:
        """The sheet to read: the one picked, else the one the last check read (None: the
        file's best, or a CSV file)."""
        if self.picked_sheet is not None:
            return self.picked_sheet
        return self.preview.source.sheet if self.preview is not None else None

    def _show_sheets(self, sheets: list[tuple[str, bool]]) -> None:
        self.sheet_combo.clear()
        if self.picked_sheet is None:  # shown until a check says which sheet it read
            self.sheet_combo.addItem(self.tr("Choose…"), None)
        for name, visible in sheets:
            self.sheet_combo.addItem(name if visible else self.tr("{name} (hidden)").format(
                name=name), name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(self.picked_sheet)))
        several = len(sheets) > 1 or any(not visible for _name, visible in sheets)
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)

    def _on_guessed(self, found: tuple[list[tuple[str, bool]], Any]) -> None:
        sheets, kind = found
        self._show_sheets(sheets)
        if isinstance(kind, StorageError):
            self.kind_note.clear()  # not told from headers: none were read
            self._on_failed(kind)  # the task ends as a failed one would (_done)
            return
        self.task = None
        if kind is None:
            self.kind_note.setText(self.tr("Its columns name no customers, contacts or sales "
                                           "that KeyPlan knows: choose what it holds, then "
                                           "match the columns below."))
        else:
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
            self.kind_combo.blockSignals(False)
            self.kind_note.setText(self.tr("(told from its column headers)"))
            self._kind_changed_ui()
        self.check()

    def _kind_changed(self) -> None:
        self.overrides = {}
        self.kind_note.clear()
        self._kind_changed_ui()
        if self.path is not None:
            self.check()

    def _kind_changed_ui(self) -> None:
        self.create_customers.setVisible(self.kind is not ImportKind.CUSTOMERS)

    def check(self) -> None:
        """Read and check the whole file in the background (nothing is written)."""
        if self.path is None:
            return
        if self.task is not None:
            self.task.cancel()
        path, kind, overrides = self.path, self.kind, self.override_pairs()
        create = self.create_customers.isChecked() and kind is not ImportKind.CUSTOMERS
        order = self.chosen_date_order()
        where = [self.applied_filter] if self.applied_filter is not None else []
        sheet = self.picked_sheet
        task = BookTask(self.db_path, lambda book, progress: book.imports.preview(
            path, kind, sheet=sheet, overrides=overrides, create_customers=create,
            date_order=order, where=where, progress=progress.report), self)
        self.task = task
        task.on_progress(self._on_progress).success(self._on_checked).failure(self._on_failed)
        task.finished.connect(lambda t=task: self._done(t))
        self.summary.setText(self.tr("Checking every row…"))
        self._start_progress()
        task.run_in_background()

    def _start_progress(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.eta.restart()
        self.time_left.clear()
        self.time_left.show()
        self._update_buttons()

    def _done(self, task: BookTask) -> None:
        if task is self.task:
            self.task = None
            self.progress.hide()
            self.time_left.hide()
            self._update_buttons()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total))
        left = self.eta.seconds_left(done, total)
        if left is None:
            self.time_left.clear()
        elif left < 60:
            self.time_left.setText(self.tr("about {seconds} s left").format(
                seconds=max(1, round(left))))
        else:
            self.time_left.setText(self.tr("about {minutes} min left").format(
                minutes=round(left / 60)))

    def row_filter(self) -> RowFilter | None:
        """The filter the three fields describe; None when they describe none."""
        column = self.filter_column.currentData()
        values = tuple(v.strip() for v in self.filter_values.text().replace("，", ",")
                       .split(",") if v.strip())
        if column is None or not values:
            return None
        return RowFilter(str(column), values, bool(self.filter_keep.currentData()))

    def _filter_changed(self) -> None:
        chosen = self.row_filter()
        if chosen != self.applied_filter:
            self.applied_filter = chosen
            self.check()

    def _fill_filter_columns(self, headers: list[str]) -> None:
        chosen = self.filter_column.currentData()
        self.filter_column.clear()
        self.filter_column.addItem(self.tr("(every row)"), None)
        for header in headers:
            if header:
                self.filter_column.addItem(header, header)
        self.filter_column.setCurrentIndex(max(0, self.filter_column.findData(chosen)))

    def chosen_date_order(self) -> str | None:
        data = self.date_order.currentData() if self.date_order.isVisible() else None
        return str(data) if data else None

    def date_question(self, error: DateOrderError) -> str:
        """The question as the window asks it: the box above, not the command line's
        --date-order a user of the window has never seen."""
        return self.tr("Column '{column}' holds dates such as {examples} that read both "
                       "day-first and month-first, and none of its values tells which: "
                       "choose which they are in the box above.").format(
            column=error.params.get("column", ""), examples=error.params.get("examples", ""))

    def _on_sheet(self, error: StorageError) -> StorageError:
        """The error as about the sheet the user picked, not the whole file: 'report.xlsx
        holds no rows to import' of an empty chart sheet when the workbook's other sheet
        holds eight."""
        if self.picked_sheet is None or self.path is None or error.path != str(self.path):
            return error
        where = self.tr("{path}, sheet '{sheet}',").format(path=error.path,
                                                           sheet=self.picked_sheet)
        params = {k: v for k, v in error.params.items() if k != "path"}
        try:
            return type(error)(where, **params)
        except TypeError:  # an error made some other way: as it is
            return error

    def missing_text(self, mapping: ColumnMapping) -> str:
        """What no column feeds yet, by the names the boxes below use: the command line's
        'no column for customer_code or customer_name or customer_id ... Map one with --map
        COLUMN=FIELD' told a user of the window neither where nor how, in English only."""
        kind = mapping.kind
        groups = [self.tr(" or ").join(
            self.tr(" and ").join(import_field_label(kind, f) for f in alternative.split("+"))
            for alternative in group if alternative not in INTERNAL)
            for group in mapping.missing()]
        return self.tr("No column of the file feeds {fields} yet: choose, in the boxes "
                       "below, the column that holds each.").format(
            fields=self.tr("; ", "between fields no column feeds").join(groups))

    def _ask_date_order(self, ask: bool, error: DateOrderError | None = None) -> None:
        if not ask:
            self.date_order.setCurrentIndex(0)
        # The file's own first date as the example, not one it does not hold.
        first = str(error.params.get("examples", "")).split(", ")[0] if error else ""
        self.date_order_label.setText(self.tr("Dates such as {example} are:").format(
            example=first or "3/4/2024"))
        self.date_order.setVisible(ask)
        self.date_order_label.setVisible(ask)

    def _on_failed(self, error: BaseException) -> None:
        self.preview = None
        if not isinstance(error, StorageError):
            raise error
        if isinstance(error, DateOrderError):  # a question for the user, not a dead end
            self._ask_date_order(True, error)
            self.summary.setText(self.date_question(error))
        elif isinstance(error, MappingError) and error.mapping is not None:
            self.summary.setText(self.missing_text(error.mapping))
        else:
            self.summary.setText(storage_message(self._on_sheet(error)))
        self.issues.clear()
        # A column missing: the mapping as far as it goes, for the user to complete.
        self._show_mapping(error.mapping if isinstance(error, MappingError | DateOrderError)
                           else None)
        self._show_sample(None)

    def _on_checked(self, preview: ImportPreview) -> None:
        self.preview = preview
        locale = QLocale()
        numbers = {name: locale.toString(getattr(preview, name)) for name in
                   ("rows", "valid", "creates", "updates", "bad_rows", "skipped")}
        text = self.tr(
            "Rows read: {rows}. Valid: {valid} ({creates} new, {updates} updated). With "
            "problems: {bad_rows}. Blank or total rows skipped: {skipped}.").format(**numbers)
        if preview.duplicates:
            text = sentences(text, self.tr(
                "Already in the book, not imported again: {count} (same customer, date, "
                "amount, profit, reference and product; rows {rows}).").format(
                count=locale.toString(preview.duplicates),
                rows=self._row_list(preview.duplicate_rows, preview.duplicates)))
        if preview.customers_created:
            text = sentences(text, self.tr(
                "New customers the file names, to be made: {count}.").format(
                count=locale.toString(preview.customers_created)))
        if preview.filtered:
            text = sentences(text, self.tr("Left out by the row filter: {count}.").format(
                count=locale.toString(preview.filtered)))
        if preview.mapping.saved_at:
            text = sentences(text, self.tr("Columns matched as saved for files like this "
                                           "on {date}.").format(date=preview.mapping.saved_at[:10]))
        self._fill_filter_columns(preview.mapping.headers)
        if preview.source.sheet is not None:  # the sheet read, when the file chose it
            chosen = self.sheet_combo.findData(preview.source.sheet)
            if chosen >= 0:
                self.sheet_combo.setCurrentIndex(chosen)
                if self.sheet_combo.itemData(0) is None:
                    self.sheet_combo.removeItem(0)  # "Choose…": a sheet is chosen
        self.summary.setText(text)
        self.issues.clear()
        self.issues.addItems([issue_text(i) for i in preview.issues[:MAX_SHOWN_ISSUES]])
        self.issues.addItems([issue_text(i) for i in preview.warnings[:MAX_SHOWN_ISSUES]])
        if preview.bad_rows > MAX_SHOWN_ISSUES:
            self.issues.addItem(self.tr("… and more: fix these first."))
        self._show_mapping(preview.mapping)
        self._show_sample(preview)

    def _show_sample(self, preview: ImportPreview | None) -> None:
        """The first good rows under the fields they feed, as they will be stored."""
        rows = preview.sample[:MAX_SAMPLE_ROWS] if preview is not None else []
        fields = ["row"] + [f for f in fields_of(preview.mapping.kind) if f not in INTERNAL
                            and any(row.get(f) not in (None, "") for row in rows)] \
            if preview is not None else []
        self.sample.clear()
        self.sample.setColumnCount(len(fields))
        self.sample.setRowCount(len(rows))
        if preview is not None:
            self.sample.setHorizontalHeaderLabels(
                [self.tr("Row") if f == "row" else import_field_label(preview.mapping.kind, f)
                 for f in fields])
        for r, row in enumerate(rows):
            for c, name in enumerate(fields):
                self.sample.setItem(r, c, QTableWidgetItem(self._cell_text(row.get(name))))
        self.sample.resizeColumnsToContents()
        self.rows_pane.setVisible(bool(rows))
        # Once the new columns' boxes are shown (a widget added to a shown one is shown from
        # the event loop): until then the pane above measures as empty.
        QTimer.singleShot(0, self, self._share_height)

    def _panes_moved(self, _position: int, _index: int) -> None:
        self.panes_moved = True

    def _share_height(self) -> None:
        """The panes above as tall as their columns and problems need (6 lines at least),
        the first rows the rest; when both need more than there is, the first rows keep half
        (all of them, if that is less), the panes above scroll. Not once the user has moved
        the handle."""
        if self.panes_moved or self.rows_pane.isHidden():
            return
        total = sum(self.panes.sizes())
        if total <= 0:  # not laid out yet: showEvent shares it
            return
        spacing = max(self.columns_layout.spacing(), 0)
        label = self.mapping_label.sizeHint().height() + spacing
        frame = 2 * self.issues.frameWidth()
        problems = sum(self.issues.sizeHintForRow(i) for i in range(min(self.issues.count(),
                                                                         100)))
        columns = self.mapping_host.sizeHint().height()
        upper = label + frame + max(columns, problems, self.fontMetrics().height() * 6)
        table = self.sample
        header = table.horizontalHeader().sizeHint().height()
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        scroll = table.horizontalScrollBar().sizeHint().height() \
            if table.horizontalScrollBar().maximum() > 0 else 0
        lower = self.sample_label.sizeHint().height() + spacing \
            + 2 * table.frameWidth() + header + rows + scroll
        share = max(total - upper, min(lower, total // 2))
        self.panes.setSizes([total - share, share])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._share_height()

    def _cell_text(self, value: Any) -> str:
        """A stored value as the window shows it: a choice by its word (组织客户, Champion),
        tags as a list, a yes/no as a word, money with two decimals."""
        if value is None:
            return ""
        if isinstance(value, Enum):
            return label(value)
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, float):
            return QLocale().toString(value, "f", 2)
        if isinstance(value, tuple):
            return self.tr(", ", "between row numbers in a list").join(map(str, value))
        return str(value)

    def _row_list(self, rows: list[int], total: int) -> str:
        """Row numbers as a list in the user's language (Chinese lists use 、)."""
        separator = self.tr(", ", "between row numbers in a list")
        text = separator.join(str(n) for n in rows)
        return text + (separator + "…" if total > len(rows) else "")

    def override_pairs(self) -> list[tuple[str, str]]:
        """The user's choices as (column, field) pairs: a column chosen for two fields is
        named twice."""
        return [(header, name) for header, names in self.overrides.items() for name in names]

    def _show_mapping(self, mapping: ColumnMapping | None) -> None:
        """One row per column of the file: the field it feeds and "Also as…" to feed one
        more (a customer ID that is also the name), with any more it feeds below (the pane is
        narrow: side by side they would be cut off)."""
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos, self.field_combos, self.field_rows = {}, {}, {}
        if mapping is None:
            return
        for index, header in enumerate(mapping.headers):
            if not header:
                continue
            cell = QWidget(self.mapping_host)
            grid = QGridLayout(cell)
            grid.setContentsMargins(0, 0, 0, 0)
            self.field_rows[index] = grid
            self.field_combos[index] = []
            for line, name in enumerate(mapping.fields_of(index) or [IGNORE]):
                grid.addWidget(self._field_combo(cell, mapping.kind, index, header, name),
                               line, 0)
            also = QToolButton(cell)
            also.setObjectName("importAlsoAs")
            also.setText(self.tr("Also as…"))
            also.setToolTip(self.tr("Feed one more field from this column, e.g. a customer ID "
                                    "that is also the customer's name"))
            also.clicked.connect(lambda _on=False, i=index, h=header, k=mapping.kind:
                                 self._add_field(i, h, k))
            grid.addWidget(also, 0, 1)
            grid.setColumnStretch(2, 1)
            self.combos[index] = self.field_combos[index][0]
            self.mapping_form.addRow(header, cell)

    def _field_combo(self, parent: QWidget, kind: ImportKind, index: int, header: str,
                     chosen: str) -> QComboBox:
        combo = QComboBox(parent)
        # As wide as a usual field's name, not the longest: "Also as…" stays in view (the
        # list itself shows every name whole).
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.addItem(self.tr("(not imported)"), IGNORE)
        for name in fields_of(kind):
            combo.addItem(import_field_label(kind, name), name)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.activated.connect(lambda _i, i=index, h=header: self._remap(i, h))
        self.field_combos[index].append(combo)
        return combo

    def _add_field(self, index: int, header: str, kind: ImportKind) -> None:
        """One more choice for column ``index``, set when the user picks its field."""
        grid = self.field_rows[index]
        combo = self._field_combo(self.field_combos[index][0].parentWidget() or self,
                                  kind, index, header, IGNORE)
        grid.addWidget(combo, len(self.field_combos[index]) - 1, 0)
        combo.show()
        combo.setFocus()

    def _remap(self, index: int, header: str) -> None:
        chosen: list[str] = []
        for combo in self.field_combos[index]:
            name = str(combo.currentData())
            if name != IGNORE and name not in chosen:
                chosen.append(name)
        self.overrides[header] = chosen or [IGNORE]
        self.check()

    def _update_buttons(self) -> None:
        preview = self.preview
        ready = self.task is None and preview is not None and preview.valid > 0 and (
            preview.bad_rows == 0 or self.skip_invalid.isChecked())
        self.import_button.setEnabled(bool(ready) and self.outcome is None)

    # -- importing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.path is None or not self.import_button.isEnabled():
            return
        path, kind, overrides = self.path, self.kind, self.override_pairs()
        skip = self.skip_invalid.isChecked()
        create = self.create_customers.isChecked() and kind is not ImportKind.CUSTOMERS
        order = self.chosen_date_order()
        where = [self.applied_filter] if self.applied_filter is not None else []
        sheet = self.chosen_sheet()
        task = BookTask(self.db_path, lambda book, progress: import_with_backup(
            book, progress, path, kind, overrides, skip, create, order, where, sheet), self)
        self.task = task
        task.on_progress(self._on_progress).success(self._on_imported).failure(self._on_failed)
        task.finished.connect(lambda t=task: self._done(t))
        self.summary.setText(self.tr("Backing up, then importing…"))
        self._start_progress()
        task.run_in_background()

    def _on_imported(self, imported: Imported) -> None:
        result = imported.result
        if not result.written:
            self.summary.setText(self.tr("Nothing was imported: some rows have problems."))
            return
        # The summary stays until the user closes the dialog (the window's own messages,
        # the rescore's among them, would replace it in the status bar).
        self.outcome = result
        text = self.result_text(result)
        if imported.latest_sale is not None and imported.stale_on(date.today()):
            text = sentences(text, self.tr(
                "The newest sale in the book is from {date}, more than six months ago: "
                "scored as of today, every customer counts as lapsed, so tiers and lifecycle "
                "stages say little about this data.").format(
                date=imported.latest_sale.isoformat()))
        self.stale_note = text  # the result and the stale-data hint, before the rescore
        self.summary.setText(text)
        self.close_button.setText(self.tr("Close"))
        for widget in (self.sheet_combo, self.kind_combo, self.create_customers,
                       self.skip_invalid,
                       self.date_order, self.filter_column, self.filter_keep,
                       self.filter_values):
            widget.setEnabled(False)
        # Every choice of field, "Also as…" and the fields it added included: nothing done
        # now changes what was imported.
        for choice in [*(c for cs in self.field_combos.values() for c in cs),
                       *self.mapping_host.findChildren(QToolButton)]:
            choice.setEnabled(False)
        self._update_buttons()
        self.imported.emit(result)

    def show_rescore(self, customers: int, changed_tier: int) -> None:
        """Add how the import moved the scores, once the window's rescore is done."""
        if self.outcome is None:
            return
        locale = QLocale()
        self.summary.setText(sentences(self.stale_note, self.tr(
            "Rescored {customers} customers: {changed} changed tier.").format(
            customers=locale.toString(customers), changed=locale.toString(changed_tier))))

    def _close_or_cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.outcome is not None:
            self.accept()
        else:
            self.reject()

    def result_text(self, result: Any) -> str:
        locale = QLocale()
        # 'label: N', as the check's summary: no '1 rows' in English.
        text = self.tr("Imported: {created} new, {updated} updated; bad rows left out: "
                       "{rejected}.").format(
            created=locale.toString(result.created), updated=locale.toString(result.updated),
            rejected=locale.toString(result.rejected))
        if result.duplicates:
            text = sentences(text, self.tr(
                "Already in the book, not imported again: {count}.").format(
                count=locale.toString(result.duplicates)))
        if result.customers_created:
            text = sentences(text, self.tr("New customers made: {count}.").format(
                count=locale.toString(result.customers_created)))
        return text

    def keyPressEvent(self, event: Any) -> None:
        # Enter in the dialog must not import by accident: only the button imports.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
