"""The Today view on the demo book: it lists overdue follow-ups, opens them, ticks them off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from models.entities import Interaction
from storage.book import Book
from tests.ui.conftest import open_window
from ui.gui.models.today_model import (
    COL_CUSTOMER,
    COL_WHEN,
    ITEM_ROLE,
    OVERDUE,
    SECTIONS,
    TodayItem,
    TodayModel,
    load_today,
)
from ui.gui.settings import Settings
from ui.gui.window.main_window import VIEW_CUSTOMER, VIEW_TODAY, MainWindow


def _today_window(qtbot, path: Path, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, path, settings, view=VIEW_TODAY)
    qtbot.waitUntil(lambda: window.today.is_loaded, timeout=10_000)
    return window


def _first(model: TodayModel, section: str) -> QModelIndex:
    return model.index(0, 0, model.section_index(section))


def test_today_lists_overdue_follow_ups_first(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                              settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    model = window.today.model
    assert window.current_view_name() == VIEW_TODAY
    assert model.sections()[0] == OVERDUE
    assert model.sections() == [s for s in SECTIONS if s in model.sections()]
    expected = window.book.reader.scalar(
        "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id "
        "WHERE i.next_step_due < ? AND i.next_step_done = 0 AND i.deleted_at IS NULL "
        "AND c.deleted_at IS NULL", [date.today().isoformat()])
    assert expected > 0
    header = model.data(model.section_index(OVERDUE))
    assert header == f"Overdue follow-ups ({expected})"
    item = model.data(_first(model, OVERDUE), ITEM_ROLE)
    assert isinstance(item, TodayItem) and item.overdue and item.when < date.today()
    stored = window.book.reader.get(Interaction, item.record_id)
    assert item.what == stored.next_step and not stored.next_step_done
    shown = model.data(_first(model, OVERDUE).siblingAtColumn(COL_CUSTOMER))
    assert shown == item.customer_name
    assert model.data(_first(model, OVERDUE).siblingAtColumn(COL_WHEN)) == \
        item.when.isoformat()
    assert window.navigation.item(0).text() == f"Today ({expected})"
    window.close()


def test_double_click_opens_the_customer(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                         settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    tree = window.today.tree
    index = _first(window.today.model, OVERDUE)
    item = window.today.model.data(index, ITEM_ROLE)
    opened: list[tuple[str, str]] = []
    window.today.customer_activated.connect(lambda cid, tab: opened.append((cid, tab)))
    tree.scrollTo(index.siblingAtColumn(COL_WHEN))  # on a narrow window, as a user scrolls
    rect = tree.visualRect(index.siblingAtColumn(COL_WHEN))
    assert tree.viewport().rect().contains(rect.center())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(item.customer_id, "interactions")]
    assert window.current_view_name() == VIEW_CUSTOMER
    workspace = window.workspace
    assert workspace is not None and workspace.customer_id == item.customer_id
    assert workspace.current_tab_name() == "interactions"
    assert window.navigation.currentItem().text() in item.customer_name or \
        window.navigation.currentItem().text().endswith("…")
    window.close()


def test_enter_opens_and_the_open_button_too(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                             settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    opened: list[str] = []
    today.customer_activated.connect(lambda cid, _tab: opened.append(cid))
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Down)
    item = today.model.data(today.tree.currentIndex(), ITEM_ROLE)
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert opened == [item.customer_id]
    window.show_view(VIEW_TODAY)
    qtbot.mouseClick(today.open_button, Qt.MouseButton.LeftButton)
    assert opened == [item.customer_id, item.customer_id]
    window.close()


def test_ticking_a_follow_up_marks_it_done(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                           settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    index = _first(today.model, OVERDUE)
    item = today.model.data(index, ITEM_ROLE)
    before = today.model.data_.totals[OVERDUE]
    today.tree.setCurrentIndex(index)
    today.tree.setFocus()
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        qtbot.keyClick(today.tree, Qt.Key.Key_Space)  # the check box of the current row
        assert today.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert window.book.reader.get(Interaction, item.record_id).next_step_done
    assert today.model.data_.totals[OVERDUE] == before - 1
    remaining = [today.model.data(today.model.index(r, 0, today.model.section_index(OVERDUE)),
                                  ITEM_ROLE).record_id
                 for r in range(today.model.rowCount(today.model.section_index(OVERDUE)))]
    assert item.record_id not in remaining
    window.close()


def test_the_done_button_ticks_the_current_row(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                               settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    today = window.today
    index = _first(today.model, OVERDUE)
    item = today.model.data(index, ITEM_ROLE)
    today.tree.setCurrentIndex(index)
    assert today.done_button.isEnabled()
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        qtbot.mouseClick(today.done_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.get(Interaction, item.record_id).next_step_done
    window.close()


def test_sections_cover_complaints_silences_and_reviews(scored_path: Path) -> None:
    with Book(scored_path) as book:
        data = load_today(book, _NoProgress())  # type: ignore[arg-type]
    assert data.totals["reviews"] > 0
    assert all(i.tab == "assessment" for i in data.items["reviews"])
    assert all(i.tier is not None and i.tier.value in ("strategic", "key")
               for i in data.items["silent"] + data.items["complaints"])
    assert all(i.tab == "needs" for i in data.items["complaints"])


def test_chinese_today_has_no_english(qtbot, chinese: None, book_path: Path,  # type: ignore[no-untyped-def]
                                      settings: Settings) -> None:
    window = _today_window(qtbot, book_path, settings)
    model = window.today.model
    header = model.data(model.section_index(OVERDUE))
    assert header.startswith("已逾期的跟进")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "客户"
    assert window.today.done_button.text() == "标记完成"
    QApplication.processEvents()
    window.close()


class _NoProgress:
    cancelled = False

    def report(self, done: int, total: int) -> bool:
        return True

    def check(self) -> None:
        return None

