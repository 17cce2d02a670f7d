"""Edit → Playbooks… and the new plan's template chooser, driven as a user does: edit a
built-in and reset it, make one's own with an action, copy and delete it, a step that does
not read refused beside the form; the new plan proposes the playbook that fits the customer,
previews it and makes the plan from it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableWidget, QTableWidgetItem

from models.entities import Customer
from models.enums import RelationshipLevel, Tier
from storage.book import Book
from tests.ui.test_forms import choose, type_into
from ui.gui.dialogs.playbooks_dialog import PlaybooksDialog
from ui.gui.workspace.plan_tab import NewPlanDialog


@pytest.fixture
def book() -> Iterator[Book]:
    with Book(":memory:") as made:
        yield made


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item


def _select(qtbot, dialog: PlaybooksDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    row = next(n for n, p in enumerate(dialog.model.rows) if p.name.startswith(name))
    rect = dialog.list.visualRect(dialog.model.index(row, 0))
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.current is not None and dialog.current.name.startswith(name)


def test_edit_and_reset_a_built_in(qtbot, book: Book) -> None:  # type: ignore[no-untyped-def]
    dialog = PlaybooksDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 7
    _select(qtbot, dialog, "Low-value customer")
    assert not dialog.reset_button.isEnabled() and not dialog.delete_button.isEnabled()
    dialog.cadence.selectAll()
    type_into(qtbot, dialog.cadence, "120")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert book.playbooks.find("low_value_cost_to_serve", "en").review_cadence_days == 120
    assert dialog.model.data(dialog.list.currentIndex()) == \
        "Low-value customer: cost to serve (edited)"
    assert dialog.reset_button.isEnabled()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert book.playbooks.find("low_value_cost_to_serve", "en").review_cadence_days == 180
    assert dialog.cadence.value() == 180 and not dialog.reset_button.isEnabled()


def test_make_copy_and_delete_ones_own(qtbot, book: Book,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = PlaybooksDialog(book)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.name, "South China dealers")
    dialog.tiers[Tier.KEY].setChecked(True)
    choose(qtbot, dialog.from_level, 2)
    dialog.steps.setCurrentIndex(2)
    add = dialog.findChild(type(dialog.new_button), "add_actions")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    table = dialog.action_table
    _item(table, 0, 0).setText("季度拜访")
    _item(table, 0, 1).setText("x")  # not a day
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "The playbook's objectives, measures or actions cannot be read."
    assert book.reader.scalar("SELECT count(*) FROM playbooks") == 0
    _item(table, 0, 1).setText("14")
    owner = table.cellWidget(0, 2)
    assert isinstance(owner, QComboBox)
    owner.setCurrentIndex(owner.findData("me"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible()
    mine = book.playbooks.find("South China dealers", "en")
    assert (mine.tiers, mine.from_level) == (("key",), 2)
    assert [(a.what, a.offset_days, a.owner) for a in mine.steps.actions] == \
        [("季度拜访", 14, "me")]
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copy = book.playbooks.find("South China dealers (copy)", "en")
    assert copy.body == mine.body and dialog.current is not None \
        and dialog.current.id == copy.id
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    own = [p.name for p in book.playbooks.list("en") if not p.builtin_key]
    assert own == ["South China dealers"]


def test_the_new_plan_proposes_previews_and_uses_the_playbook(  # type: ignore[no-untyped-def]
        qtbot, book: Book) -> None:
    customer = book.customers.add(Customer(
        name="华东机械", owner="王伟", tier_override=Tier.KEY, tier_override_reason="合同",
        relationship_level=RelationshipLevel.DEPENDENT)).record
    dialog = NewPlanDialog(book, customer.id)
    qtbot.addWidget(dialog)
    dialog.show()
    chooser = dialog.template
    assert chooser.isEnabled()  # no plan yet: nothing to carry over
    assert chooser.combo.currentText() == \
        "Dependent → partnership: widen and share (fits this customer)"
    preview = chooser.preview.toPlainText()
    assert "Day 21: Meet the customer's management: raise the contact level (me)" in preview
    assert "Annual rebate on the agreed volume 3 %" in preview
    # the customer's first plan: its open complaints and needs come first, playbook or not
    first_note = "A customer's first plan opens with its open complaints, then its open needs."
    assert first_note in preview
    choose(qtbot, chooser.combo, None)
    assert "An empty draft plan" in chooser.preview.toPlainText()
    choose(qtbot, chooser.combo, chooser.proposed.id if chooser.proposed else "")
    dialog.period.set_value("2027-H1")
    with qtbot.waitSignal(dialog.created) as signal:
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    plan = signal.args[0].record
    assert [a.due_date for a in plan.actions] == [
        date(2027, 1, 22), date(2027, 2, 15), date(2027, 3, 2), date(2027, 4, 1)]
    # the next plan offers to carry over, and the chooser stands aside while it does
    again = NewPlanDialog(book, customer.id)
    qtbot.addWidget(again)
    assert again.carry.isChecked() and not again.template.isEnabled()
    assert again.template.playbook() is None
    assert "carried over" in again.template.preview.toPlainText()
    again.carry.setChecked(False)
    assert again.template.playbook() is not None
    assert first_note not in again.template.preview.toPlainText()  # not the first plan now


def test_the_chinese_preview_uses_chinese_punctuation(  # type: ignore[no-untyped-def]
        qtbot, book: Book, chinese: None) -> None:
    """zh_CN: '销售额：…' and '（25 %）', not an English colon and brackets in Chinese."""
    customer = book.customers.add(Customer(name="华南五金", owner="王伟")).record
    dialog = NewPlanDialog(book, customer.id)
    qtbot.addWidget(dialog)
    chooser = dialog.template
    text = "".join(chooser.describe(p) for p in chooser.playbooks)
    assert "销售额：" in text and "销售额: " not in text
    assert "适用：</b>战略客户" in text
    assert ": " not in text
    assert " (" not in text
