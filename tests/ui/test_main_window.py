"""The main window on a demo book, driven as a user would: status, search, sort, language."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from storage.book import Book
from storage.database import Database
from storage.search_keys import pinyin_syllables
from ui.gui.models.customer_table_model import COL_NAME, COL_REVENUE, RECORD_ROLE, SORT_ROLE
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.window.main_window import VIEW_CUSTOMERS, MainWindow

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "keyplan_zh_CN.ts"


def _wait_for_rows(qtbot, window: MainWindow, predicate) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: predicate(window.customers.model.rowCount()), timeout=5_000)


def test_status_bar_shows_path_and_count(window: MainWindow, book_path: Path) -> None:
    assert window.current_view_name() == VIEW_CUSTOMERS
    assert window.count_label.text() == "Customers: 300"
    assert str(book_path) in window.path_label.text()
    assert window.customers.table.isVisible()
    assert window.customers.model.rowCount() == 300


def test_typing_in_the_search_box_narrows_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.customers.model
    first = next(row for row in window.book.reader.list_customers(limit=300).rows
                 if row.name.isascii())  # QTest types ASCII only
    window.find_action.trigger()
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, first.name)
    _wait_for_rows(qtbot, window, lambda n: n < 300)
    names = [model.data(model.index(r, COL_NAME)) for r in range(model.rowCount())]
    assert first.name in names
    assert window.count_label.text() == f"Customers: {model.rowCount()} of 300"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    _wait_for_rows(qtbot, window, lambda n: n == 300)
    assert window.search_box.text() == ""


def test_pinyin_initials_find_a_chinese_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rows = window.book.reader.list_customers(limit=300).rows
    target = next(r for r in rows if any("\u4e00" <= ch <= "\u9fff" for ch in r.name))
    initials = "".join(s[0] for s in pinyin_syllables(target.name) if s[:1].isalnum())[:4]
    qtbot.keyClicks(window.search_box, initials)
    _wait_for_rows(qtbot, window, lambda n: n < 300)
    model = window.customers.model
    found = {model.data(model.index(r, COL_NAME), RECORD_ROLE).id for r in range(model.rowCount())}
    assert target.id in found


def test_clicking_the_revenue_header_sorts_by_revenue(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    header = window.customers.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_REVENUE) + header.sectionSize(COL_REVENUE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    model = window.customers.model
    assert model.query.sort == "revenue_12m"
    if not model.query.descending:  # first click sorts ascending; a second click flips it
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert model.query.descending
    revenues = [model.data(model.index(r, COL_REVENUE), SORT_ROLE) for r in range(300)]
    assert revenues == sorted(revenues, reverse=True)
    shown = model.data(model.index(0, COL_REVENUE))
    assert shown.replace(",", "") == f"{revenues[0]:.0f}"


def _english_sources_with_translations() -> set[str]:
    sources = set()
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation and translation != source:
            sources.add(source)
            sources.add(source.replace("&", ""))
    return sources


def _visible_texts(window: MainWindow) -> list[str]:
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
    texts += [action.text() for action in window.findChildren(QAction)]
    model = window.customers.model
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [model.data(model.index(r, c)) for r in range(40) for c in range(model.columnCount())]
    return [t for t in texts if t]


def test_chinese_window_shows_no_translated_english(qtbot, chinese: None, book_path: Path,  # type: ignore[no-untyped-def]
                                                    settings: Settings) -> None:
    window = MainWindow(Book(book_path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = _visible_texts(window)
    assert "文件(&F)" in texts and "客户" in texts and "客户：300" in texts
    leaked = sorted(set(texts) & _english_sources_with_translations())
    assert not leaked, f"English on a Chinese screen: {leaked}"
    window.close()


def test_language_switch_retranslates_live(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.file_menu.title() == "&File"
    window.language_actions[i18n.CHINESE].trigger()
    assert window.settings.language() == i18n.CHINESE
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=3_000)
    assert window.count_label.text() == "客户：300"
    header = window.customers.model.headerData(COL_NAME, Qt.Orientation.Horizontal)
    assert header == "客户"
    window.language_actions[i18n.ENGLISH].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=3_000)


def test_layout_and_last_book_are_remembered(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                            settings: Settings) -> None:
    window = MainWindow(Book(book_path), settings)
    qtbot.addWidget(window)
    window.show()
    window.customers.table.horizontalHeader().resizeSection(COL_REVENUE, 211)
    window.customers.table.sortByColumn(COL_REVENUE, Qt.SortOrder.DescendingOrder)
    window.resize(700, 500)
    settings.remember_database(window.book.reader.path)
    window.close()
    assert not window.book_open

    again = MainWindow(Book(book_path), settings)
    qtbot.addWidget(again)
    again.show()
    assert again.customers.table.horizontalHeader().sectionSize(COL_REVENUE) == 211
    assert again.customers.model.query.sort == "revenue_12m"
    assert again.customers.model.query.descending
    assert again.size().width() == 700
    assert settings.last_database() == book_path.resolve()
    assert settings.recent_databases()[0] == book_path.resolve()
    again.close()


def test_opening_another_book_swaps_it_in(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    Database(other).close()
    assert window.open_path(other)
    assert window.book.reader.path == other
    assert window.customers.model.rowCount() == 0
    assert window.count_label.text() == "Customers: 0"
    window.recent_menu.aboutToShow.emit()
    assert any(str(other) not in a.text() for a in window.recent_menu.actions())


def test_help_windows_open_without_blocking(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.shortcuts_action.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Search customers" in labels
    dialog.close()
    window.about_action.trigger()
    about = window.findChild(QMessageBox, "aboutBox")
    assert about is not None and "KeyPlan" in about.text()
    about.close()
