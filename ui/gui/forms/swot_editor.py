"""The SWOT editor of an account plan: the classic 2×2 grid (strengths | weaknesses over
opportunities | threats), each box a list of short lines to add, edit, remove and reorder,
a line optionally about a competitor or an open need. Saved whole through
``book.competition.save_swot`` (one transaction, one change Edit → Undo takes back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.competition import SwotItem, SwotQuadrant
from models.plans import AccountPlan
from models.validation import ValidationErrors
from storage.book import Book
from storage.errors import StorageError
from ui.gui.forms import prompts
from ui.gui.forms.competition_words import QUADRANT_COLOUR, quadrant_word
from ui.gui.forms.period_field import period_label
from ui.gui.forms.swot_delegate import SwotLineDelegate
from ui.gui.forms.swot_links import SwotLinks, link_of, linked
from ui.gui.models.swot_model import SwotListModel
from ui.gui.text.i18n import storage_message, validation_message

#: The longest line a SWOT keeps (models.competition.SwotItem).
MAX_TEXT = 200


class SwotItemDialog(QDialog):
    """One line: its text and what it is about. ``item()`` after it was accepted."""

    def __init__(self, quadrant: SwotQuadrant, links: SwotLinks,
                 item: SwotItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("swotItemDialog")
        self.quadrant = quadrant
        self.original = item
        self.text = QLineEdit(self)
        self.text.setObjectName("swotText")
        self.text.setMaxLength(MAX_TEXT)
        self.about = QComboBox(self)
        self.about.setObjectName("swotAbout")
        self.about.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for link, text in links.choices():
            self.about.addItem(text, link)
        if item is not None:
            self.text.setText(item.text)
            found = self.about.findData(link_of(item))
            if found < 0:  # a need closed since: still named, offered to keep
                self.about.addItem(links.about(item), link_of(item))
                found = self.about.count() - 1
            self.about.setCurrentIndex(found)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._update)
        self.text_label = QLabel(self)
        self.about_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.text_label, self.text)
        form.addRow(self.about_label, self.about)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    def retranslate(self) -> None:
        what = quadrant_word(self.quadrant)
        self.setWindowTitle(self.tr("New line: {box}").format(box=what) if self.original is None
                            else self.tr("Line: {box}").format(box=what))
        self.text_label.setText(self.tr("Line:"))
        self.about_label.setText(self.tr("About:"))
        self.text.setPlaceholderText(self.tr("A few words, e.g. 98 % on-time delivery"))
        self.about.setToolTip(self.tr("A competitor or an open need of the customer this "
                                      "line is about (optional)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.text.text().strip()))

    def item(self) -> SwotItem:
        """The line as typed (a new one without a plan yet: the SWOT's save sets it)."""
        competitor_id, need_id = linked(str(self.about.currentData() or ""))
        text = " ".join(self.text.text().split())
        if self.original is None:
            return SwotItem(plan_id="", quadrant=self.quadrant, text=text,
                            competitor_id=competitor_id, need_id=need_id)
        return replace(self.original, text=text, competitor_id=competitor_id, need_id=need_id)


class QuadrantBox(QGroupBox):
    """One box of the grid: its lines and the buttons that change them. ``edited`` after
    any change."""

    edited = Signal()

    def __init__(self, quadrant: SwotQuadrant, links: SwotLinks,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"swot_{quadrant.value}")
        self.quadrant = quadrant
        self.links = links
        self.model = SwotListModel(quadrant, links.about, self)
        self.view = QListView(self)
        self.view.setObjectName(f"swotList_{quadrant.value}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SwotLineDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrap again when resized
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.view.installEventFilter(self)
        self.dialog: SwotItemDialog | None = None
        self.add_button = self._button("swotAdd", self.add, tool=False)
        self.edit_button = self._button("swotEdit", lambda: self.edit_row(self.current()))
        self.remove_button = self._button("swotRemove", lambda: self.remove_row(self.current()))
        self.up_button = self._button("swotUp", lambda: self.move_row(self.current(), -1))
        self.down_button = self._button("swotDown", lambda: self.move_row(self.current(), 1))
        self.up_button.setText("↑")
        self.down_button.setText("↓")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setStyleSheet(
            f"QGroupBox#{self.objectName()} {{ font-weight: bold; border: 2px solid "
            f"{QUADRANT_COLOUR[quadrant]}; border-radius: 4px; margin-top: 1.4em; "
            f"padding-top: 4px }} QGroupBox#{self.objectName()}::title {{ subcontrol-origin: "
            f"margin; left: 8px; padding: 1px 6px; background: {QUADRANT_COLOUR[quadrant]} }}")
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_buttons())
        self.model.rowsInserted.connect(lambda *_: self.update_buttons())
        self.model.rowsRemoved.connect(lambda *_: self.update_buttons())
        self.model.rowsMoved.connect(lambda *_: self.update_buttons())
        self.retranslate()
        self.update_buttons()

    def _button(self, name: str, slot: Callable[[], object], *,
                tool: bool = True) -> QPushButton | QToolButton:
        button: QPushButton | QToolButton
        if tool:
            button = QToolButton(self)
        else:
            button = QPushButton(self)
            button.setAutoDefault(False)  # Enter in the list edits, never adds
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.setTitle(quadrant_word(self.quadrant))
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.remove_button.setText(self.tr("Remove"))
        self.up_button.setToolTip(self.tr("Move up (Ctrl+Up)"))
        self.down_button.setToolTip(self.tr("Move down (Ctrl+Down)"))
        self.view.setToolTip(self.tr("Double-click or Enter edits a line, Delete removes it"))
        self.model.refresh()

    def current(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def update_buttons(self) -> None:
        row = self.current()
        count = self.model.rowCount()
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row))
        else:
            self.view.setCurrentIndex(QModelIndex())
        self.update_buttons()

    # -- changes -----------------------------------------------------------------------------
    def add(self) -> SwotItemDialog:
        """Ask for a new line (non-blocking); it joins the end of the box."""
        dialog = SwotItemDialog(self.quadrant, self.links, parent=self)
        dialog.accepted.connect(lambda: self._added(dialog.item()))
        return self._open(dialog)

    def _added(self, item: SwotItem) -> None:
        self._select(self.model.append(item))
        self.edited.emit()

    def edit_row(self, row: int) -> SwotItemDialog | None:
        if not 0 <= row < self.model.rowCount():
            return None
        dialog = SwotItemDialog(self.quadrant, self.links, self.model.item(row), parent=self)
        dialog.accepted.connect(lambda: self._edited(row, dialog.item()))
        return self._open(dialog)

    def _edited(self, row: int, item: SwotItem) -> None:
        if item != self.model.item(row):
            self.model.replace(row, item)
            self.edited.emit()

    def _open(self, dialog: SwotItemDialog) -> SwotItemDialog:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def remove_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.model.remove(row)
            self._select(min(row, self.model.rowCount() - 1))
            self.edited.emit()

    def move_row(self, row: int, step: int) -> None:
        moved = self.model.move(row, step)
        if moved != row:
            self._select(moved)
            self.edited.emit()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() >= 0:
                self.edit_row(self.current())
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current() >= 0:
                self.remove_row(self.current())
                return True
            if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_row(self.current(), -1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]


class SwotDialog(QDialog):
    """The SWOT of one plan. ``saved(SwotSaved)`` after Save wrote it."""

    saved = Signal(object)

    def __init__(self, book: Book, plan: AccountPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("swotDialog")
        self.book = book
        self.plan = plan
        stored = book.competition.swot(plan.id)
        self.links = SwotLinks.read(book, plan.customer_id, stored)
        self.hint = QLabel(self)
        self.hint.setObjectName("swotHint")
        self.hint.setWordWrap(True)
        self.boxes = {q: QuadrantBox(q, self.links, self) for q in SwotQuadrant}
        grid = QGridLayout()
        for index, quadrant in enumerate(SwotQuadrant):  # S W / O T, the reading order
            grid.addWidget(self.boxes[quadrant], index // 2, index % 2)
            self.boxes[quadrant].edited.connect(self._update)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        self._load(stored)
        self._closing = False
        self.retranslate()
        self.resize(980, 640)

    def _load(self, items: list[SwotItem]) -> None:
        for quadrant in SwotQuadrant:
            self.boxes[quadrant].model.set_items([i for i in items if i.quadrant is quadrant])
            self.boxes[quadrant].update_buttons()
        self._stored = self.items()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SWOT of the account plan {period}").format(
            period=period_label(self.plan.period)))
        self.hint.setText(self.tr(
            "Short lines: our strengths and weaknesses at this customer, the opportunities "
            "and threats around it. A line may be about a competitor or an open need. Saved "
            "together; Edit → Undo takes a save back."))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        for box in self.boxes.values():
            box.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def items(self) -> list[SwotItem]:
        """Every line, box by box, each box in its order (as save_swot takes them)."""
        return [item for q in SwotQuadrant for item in self.boxes[q].model.items()]

    def is_dirty(self) -> bool:
        return self.items() != self._stored

    def _update(self) -> None:
        self.save_button.setEnabled(self.is_dirty())

    def save(self) -> bool:
        if not self.is_dirty():
            return False
        try:
            saved = self.book.competition.save_swot(self.plan.id, self.items())
        except ValidationErrors as problems:
            prompts.show_error(self, "\n".join(validation_message(e) for e in problems.errors))
            return False
        except StorageError as error:
            prompts.show_error(self, storage_message(error))
            return False
        self.saved.emit(saved)
        self._closing = True
        self.accept()
        return True

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask before losing changes."""
        if self._closing or not self.is_dirty() or prompts.confirm_discard(self):
            self._closing = True
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.is_dirty() or prompts.confirm_discard(self):
            self._closing = True
            super().closeEvent(event)
        else:
            event.ignore()
