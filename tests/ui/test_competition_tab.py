"""The Competition tab, the competitor form and the overview's Competition section (issue 19,
point 3), driven as a user does: the tab clicked, a competitor typed into the form and saved,
a share that would pass 100 % held back beside its field, an edit, a delete and its undo; the
share of wallet shown against figures worked out by hand, in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.competition import Competitor, ThreatLevel
from models.entities import Customer, Transaction
from storage.book import Book
from tests.ui.test_workspace import shown_workspace
from ui.gui.forms.competition_words import THEIRS_COLOURS
from ui.gui.settings import Settings
from ui.gui.workspace.competition_tab import CompetitionTab
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.workspace import CustomerWorkspace


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    """One customer that bought 120,000 from us in the last 12 months."""
    with Book(tmp_path / "competition.db", new_book=True) as opened:
        customer = opened.customers.add(Customer(name="华南食品", code="HN")).record
        opened.transactions.add(Transaction(customer_id=customer.id, date=date.today(),
                                            amount=120_000))
        opened.scoring.rescore(date.today())
        yield opened


@pytest.fixture
def workspace(qtbot, book: Book, settings: Settings) -> Iterator[CustomerWorkspace]:  # type: ignore[no-untyped-def]
    yield from shown_workspace(qtbot, book, book.customers.resolve("HN").id, settings)


def _open(qtbot, workspace: CustomerWorkspace, title: str) -> CompetitionTab:  # type: ignore[no-untyped-def]
    bar = workspace.tab_widget.tabBar()
    index = [bar.tabText(i) for i in range(bar.count())].index(title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = workspace.tab("competition")
    assert isinstance(tab, CompetitionTab)
    qtbot.waitUntil(lambda: tab.is_loaded, timeout=10_000)
    return tab


def _shown(tab: CompetitionTab, column: int) -> list[str]:
    model = tab.panel.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _type(qtbot, dialog, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for name, text in values.items():
        editor = dialog.form.editors[name]
        editor.selectAll()
        qtbot.keyClicks(editor, text)


def test_add_edit_and_delete_a_competitor(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                          book: Book) -> None:
    tab = _open(qtbot, workspace, "Competition")
    assert tab.summary.text().startswith("No competitor recorded.")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    _type(qtbot, dialog, {"name": "Haitian Trading", "products": "Soy sauce",
                          "share_percent": "130"})
    assert not dialog.save_button.isEnabled()  # 130 % is past 100
    assert "100" in dialog.form.error_text("share_percent")
    _type(qtbot, dialog, {"share_percent": "25"})
    dialog.form.editors["threat"].setCurrentIndex(0)  # High, the first offered
    dialog.form.editors["threat"].activated.emit(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.panel.model.rowCount() == 1,
                    timeout=10_000)
    customer_id = workspace.customer_id
    [stored] = book.competition.competitors(customer_id)
    assert (stored.name, stored.products, stored.share_percent, stored.threat) == (
        "Haitian Trading", "Soy sauce", 25.0, ThreatLevel.HIGH)
    assert _shown(tab, 0) == ["Haitian Trading"] and _shown(tab, 1) == ["High threat"]
    # ours 100 - 25 = 75 %; yearly spend 120,000 / 0.75 = 160,000
    assert tab.summary.text() == ("Our share of wallet: 75 % (competitors 25 %). The "
                                  "customer's yearly spend: about 160,000.")
    assert "75 %" in tab.bar.text() and tab.bar.isVisible()
    # a second one written elsewhere (25 + 15 = 40 %, within 100 %) shows after a refresh
    book.competition.save(Competitor(customer_id=customer_id, name="李锦记", share_percent=15,
                                     threat=ThreatLevel.LOW))
    workspace.refresh()
    qtbot.waitUntil(lambda: tab.is_loaded and tab.panel.model.rowCount() == 2,
                    timeout=10_000)
    assert _shown(tab, 0) == ["Haitian Trading", "李锦记"]  # the higher threat first
    # each share's cell is the colour of its part in the bar: the bar's key
    model = tab.panel.model
    shares = [model.data(model.index(row, model.column_of("share_percent")),
                         Qt.ItemDataRole.BackgroundRole) for row in range(2)]
    assert [s.color().name() if s is not None else None for s in shares] == \
        [QColor(c).name() for c in THEIRS_COLOURS[:2]]
    assert all(f"background:{c}" in tab.bar.text() for c in THEIRS_COLOURS[:2])
    # edit the first by double-click
    table = tab.panel.table
    first = table.visualRect(tab.panel.model.index(0, 0)).center()
    # a real double-click starts with a press: the view only accepts one on the row it was
    # pressed on (as in test_filters)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.form.is_new()
    assert dialog.form.editors["share_percent"].text() == "25"
    _type(qtbot, dialog, {"share_percent": "45"})
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.is_loaded and _shown(tab, 2)[0] == "45 %", timeout=10_000)
    assert tab.summary.text().startswith("Our share of wallet: 40 % (competitors 60 %).")
    # delete the second and take it back with the undo bar
    table.selectRow(1)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.panel.model.rowCount() == 1,
                    timeout=10_000)
    assert [c.name for c in book.competition.competitors(customer_id)] == ["Haitian Trading"]
    workspace.undo_bar.undo_requested.emit(workspace.undo_bar.change_id)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.panel.model.rowCount() == 2,
                    timeout=10_000)


def test_the_overview_section(qtbot, workspace: CustomerWorkspace, book: Book) -> None:  # type: ignore[no-untyped-def]
    overview = workspace.tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.is_loaded, timeout=10_000)
    text = overview.page.toPlainText()
    assert "Competition ›" in text and "No competitor recorded yet" in text
    customer_id = workspace.customer_id
    for name, share, threat in (("Low one", 5.0, ThreatLevel.LOW),
                                ("Big one", 30.0, ThreatLevel.HIGH),
                                ("Unknown share", None, ThreatLevel.MEDIUM)):
        book.competition.save(Competitor(customer_id=customer_id, name=name,
                                         share_percent=share, threat=threat))
    workspace.refresh()
    overview.ensure_loaded()
    qtbot.waitUntil(lambda: overview.is_loaded and "Big one" in overview.page.toPlainText(),
                    timeout=10_000)
    text = overview.page.toPlainText()
    section = text[text.index("Competition ›"):]
    # ranked by threat: high, medium, low
    assert section.index("Big one") < section.index("Unknown share") < section.index("Low one")
    assert "Big one High threat · 30 %\n" in section  # no products: the line ends there
    # ours 100 - 35 = 65 %; spend 120,000 / 0.65 = 184,615
    assert "Our share of wallet: 65 % (competitors 35 %). The customer's yearly spend: about " \
           "184,615." in section
    html = overview.page.toHtml()
    assert "65 %" in html and "#1565c0" in html  # our part of the bar


def test_chinese_words(qtbot, chinese: None, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                       book: Book) -> None:
    workspace.retranslate()
    book.competition.save(Competitor(customer_id=workspace.customer_id, name="海天",
                                     share_percent=40, threat=ThreatLevel.MEDIUM))
    tab = _open(qtbot, workspace, "竞争")
    assert _shown(tab, 1) == ["中等威胁"]
    assert tab.summary.text().startswith("我方钱包份额：60 %（竞争对手 40 %）。")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.dialog is not None and tab.dialog.windowTitle() == "新建竞争对手"
    tab.dialog.reject()
