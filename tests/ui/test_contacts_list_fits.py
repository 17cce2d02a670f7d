"""The Contacts tab's list fits a workspace of 1200 x 760 in both languages (the look pass of
issue 19, point 1): its columns were fixed widths in digits, a 3-character name 124 pixels
wide, 'Technical evaluator' elided and E-mail behind a horizontal scroll bar; now each
column is as wide as its widest cell or title, E-mail taking the room left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.entities import Contact, Customer
from models.enums import Attitude, ContactRole
from storage.book import Book
from tests.ui.test_workspace import shown_workspace
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.workspace.contacts_tab import MAX_COLUMN, ContactsTab


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_the_list_fits_without_a_scroll_bar(qtbot, tmp_path: Path, settings: Settings,  # type: ignore[no-untyped-def]
                                            language: str) -> None:
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(name="南京诚信化工实业有限公司")).record
        boss = book.contacts.add(Contact(
            customer_id=customer.id, name="刘华", title="副总经理", influence=5,
            role=ContactRole.DECISION_MAKER, is_primary=True, phone="19509904060")).record
        book.contacts.add(Contact(
            customer_id=customer.id, name="潘玉兰", title="技术总监", influence=3,
            role=ContactRole.TECHNICAL_EVALUATOR, attitude=Attitude.CHAMPION,
            reports_to=boss.id, covered_by="陈静", phone="18339264241",
            email="pan.yulan@chengxin-chem.cn"))
        shown = shown_workspace(qtbot, book, customer.id, settings)
        workspace = next(shown)
        tab = workspace.show_tab("contacts")
        assert isinstance(tab, ContactsTab)
        qtbot.waitUntil(lambda: tab.panel.model.rowCount() == 2, timeout=10_000)
        table = tab.panel.table
        last = tab.panel.model.columnCount() - 1
        for sort in (None, 2):  # as opened, and sorted by buying role
            if sort is not None:
                table.sortByColumn(sort, Qt.SortOrder.AscendingOrder)
            qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(),
                            timeout=3_000)
            assert table.horizontalHeader().length() <= table.viewport().width()
            for column in range(last):  # every cell whole ('Technical evaluator' too)
                need = min(table.sizeHintForColumn(column), MAX_COLUMN)
                assert table.columnWidth(column) >= need, column
        next(shown, None)
