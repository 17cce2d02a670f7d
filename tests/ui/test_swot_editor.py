"""The SWOT editor of an account plan (issue 19, point 3), driven as a user does: SWOT… on the
Plan tab, lines typed into each box, one about a competitor and one about an open need, Save,
the lines in the database and in the plan's detail, the undo bar taking the save back; lines
reordered with the arrows and Ctrl+Up, one edited by double-click and one removed with
Delete; Cancel asking first; the overview's brief; the model under qtmodeltester; Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from models.competition import Competitor, SwotItem, SwotQuadrant, ThreatLevel, by_quadrant
from models.entities import Customer, Need
from models.enums import NeedKind
from storage.book import Book
from tests.ui.test_workspace import shown_workspace
from ui.gui.forms import prompts
from ui.gui.forms.swot_editor import QuadrantBox, SwotDialog, SwotItemDialog
from ui.gui.models.swot_model import SwotListModel
from ui.gui.settings import Settings
from ui.gui.workspace.history_tab import HistoryTab
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.plan_tab import PlanTab
from ui.gui.workspace.workspace import CustomerWorkspace

S, W, O, T = (SwotQuadrant.STRENGTHS, SwotQuadrant.WEAKNESSES,  # noqa: E741 (the boxes' letters)
              SwotQuadrant.OPPORTUNITIES, SwotQuadrant.THREATS)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    """A customer with a plan for 2027, a competitor and an open need."""
    with Book(tmp_path / "swot.db", new_book=True) as opened:
        customer = opened.customers.add(Customer(name="华南食品", code="HN")).record
        opened.competition.save(Competitor(customer_id=customer.id, name="Haitian Trading",
                                           share_percent=30, threat=ThreatLevel.HIGH))
        opened.needs.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                              description="Deliveries arrive late"))
        opened.plans.create(customer.id, "2027", carry_over=False)
        yield opened


@pytest.fixture
def workspace(qtbot, book: Book, settings: Settings) -> Iterator[CustomerWorkspace]:  # type: ignore[no-untyped-def]
    yield from shown_workspace(qtbot, book, book.customers.resolve("HN").id, settings)


def _plan_id(book: Book, workspace: CustomerWorkspace) -> str:
    plan = book.plans.of_customer(workspace.customer_id)
    assert plan is not None
    return plan.id


def _open_swot(qtbot, workspace: CustomerWorkspace) -> SwotDialog:  # type: ignore[no-untyped-def]
    tab = workspace.show_tab("plan")
    assert isinstance(tab, PlanTab)
    qtbot.waitUntil(lambda: tab.is_loaded and tab.panel.selected() is not None, timeout=10_000)
    qtbot.mouseClick(tab.swot_button, LEFT)
    dialog = tab.dialog
    assert isinstance(dialog, SwotDialog) and dialog.isVisible()
    return dialog


def _add(qtbot, box: QuadrantBox, text: str, about: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Add… in ``box``, the text typed, the "About" entry whose words start with ``about``."""
    qtbot.mouseClick(box.add_button, LEFT)
    line = box.dialog
    assert isinstance(line, SwotItemDialog) and line.isVisible()
    qtbot.keyClicks(line.text, text)
    if about is not None:
        index = next(i for i in range(line.about.count())
                     if line.about.itemText(i).startswith(about))
        line.about.setCurrentIndex(index)
    qtbot.mouseClick(line.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert not line.isVisible()


def _shown(box: QuadrantBox) -> list[str]:
    return [box.model.data(box.model.index(row)) for row in range(box.model.rowCount())]


def _stored(book: Book, plan_id: str) -> dict[SwotQuadrant, list[tuple[str, str | None,
                                                                         str | None]]]:
    return {q: [(i.text, i.competitor_id, i.need_id) for i in items]
            for q, items in by_quadrant(book.competition.swot(plan_id)).items()}


def test_type_lines_save_and_undo(qtbot, workspace: CustomerWorkspace, book: Book) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan_id(book, workspace)
    dialog = _open_swot(qtbot, workspace)
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    assert [dialog.boxes[q].title() for q in SwotQuadrant] == [
        "Strengths (S)", "Weaknesses (W)", "Opportunities (O)", "Threats (T)"]
    # the 2×2 grid: strengths beside weaknesses, above opportunities beside threats
    s, w, o, t = (dialog.boxes[q].geometry() for q in SwotQuadrant)
    assert s.top() == w.top() < o.top() == t.top() and s.left() == o.left() < w.left()
    _add(qtbot, dialog.boxes[S], "98 % on-time delivery")
    _add(qtbot, dialog.boxes[S], "Engineers on site")
    _add(qtbot, dialog.boxes[T], "Undercuts our prices", about="Competitor: Haitian")
    _add(qtbot, dialog.boxes[O], "Fix the late deliveries", about="Complaint: Deliveries")
    assert _shown(dialog.boxes[T]) == [
        "Undercuts our prices  ·  Competitor: Haitian Trading"]
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    rival = book.competition.competitors(workspace.customer_id)[0]
    need = book.needs.of_customer(workspace.customer_id)[0]
    assert _stored(book, plan_id) == {
        S: [("98 % on-time delivery", None, None), ("Engineers on site", None, None)],
        W: [],
        O: [("Fix the late deliveries", None, need.id)],
        T: [("Undercuts our prices", rival.id, None)]}
    tab = workspace.tab("plan")
    assert isinstance(tab, PlanTab)
    qtbot.waitUntil(lambda: tab.is_loaded and "Engineers on site" in tab.detail.toPlainText(),
                    timeout=10_000)
    assert "Undercuts our prices · Competitor: Haitian Trading" in tab.detail.toPlainText()
    assert workspace.undo_bar.isVisible()
    assert workspace.undo_bar.change_id is not None
    # the customer's History tab names the lines (logged under the plan's customer)
    history = workspace.show_tab("history")
    assert isinstance(history, HistoryTab)
    qtbot.waitUntil(lambda: history.is_loaded, timeout=10_000)
    model = history.panel.model
    kinds = {model.data(model.index(row, 3)) for row in range(model.rowCount())}
    assert {"SWOT line: Engineers on site", "SWOT line: Undercuts our prices"} <= kinds
    workspace.show_tab("plan")
    # the bar takes the whole save back: the SWOT is empty again
    workspace.undo_bar.undo_requested.emit(workspace.undo_bar.change_id)
    assert book.competition.swot(plan_id) == []
    qtbot.waitUntil(lambda: tab.is_loaded and "No SWOT yet" in tab.detail.toPlainText(),
                    timeout=10_000)


def test_reorder_edit_and_remove(qtbot, workspace: CustomerWorkspace, book: Book) -> None:  # type: ignore[no-untyped-def]
    plan_id = _plan_id(book, workspace)
    book.competition.save_swot(plan_id, [
        SwotItem(plan_id="", quadrant=S, text=text) for text in ("one", "two", "three")])
    dialog = _open_swot(qtbot, workspace)
    box = dialog.boxes[S]
    assert _shown(box) == ["one", "two", "three"]
    view = box.view
    view.setCurrentIndex(box.model.index(2))
    assert not box.down_button.isEnabled() and box.up_button.isEnabled()
    qtbot.mouseClick(box.up_button, LEFT)  # three above two
    assert _shown(box) == ["one", "three", "two"]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # and above one
    assert _shown(box) == ["three", "one", "two"]
    assert box.current() == 0 and not box.up_button.isEnabled()
    # double-click "two" and change it
    rect = view.visualRect(box.model.index(2))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    line = box.dialog
    assert isinstance(line, SwotItemDialog) and line.text.text() == "two"
    line.text.selectAll()
    qtbot.keyClicks(line.text, "two, reworded")
    line.about.setCurrentIndex(line.about.findData(
        f"competitor:{book.competition.competitors(workspace.customer_id)[0].id}"))
    qtbot.mouseClick(line.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    # Delete removes "one"
    view.setCurrentIndex(box.model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _shown(box) == ["three", "two, reworded  ·  Competitor: Haitian Trading"]
    before = {i.text: i.id for i in book.competition.swot(plan_id)}
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert not dialog.isVisible()
    rival = book.competition.competitors(workspace.customer_id)[0]
    stored = book.competition.swot(plan_id)
    assert [(i.text, i.competitor_id, i.position) for i in stored] == [
        ("three", None, 0), ("two, reworded", rival.id, 1)]
    # the same lines, edited in place, not new ones
    assert [i.id for i in stored] == [before["three"], before["two"]]
    assert book.reader.scalar("SELECT count(*) FROM swot_items WHERE deleted_at IS NOT NULL "
                              "AND text = 'one'") == 1


def test_cancel_asks_before_losing_lines(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                         book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def refuse_to_discard(_parent: object) -> bool:
        asked.append(True)
        return False

    monkeypatch.setattr(prompts, "confirm_discard", refuse_to_discard)
    dialog = _open_swot(qtbot, workspace)
    _add(qtbot, dialog.boxes[W], "Priced above them")
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert asked == [True] and dialog.isVisible()  # kept editing
    monkeypatch.setattr(prompts, "confirm_discard", lambda _parent: True)
    dialog.reject()
    assert not dialog.isVisible()
    assert book.competition.swot(_plan_id(book, workspace)) == []


def test_the_overview_shows_the_swot_in_brief(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                              book: Book) -> None:
    overview = workspace.tab("overview")
    assert isinstance(overview, OverviewTab)
    qtbot.waitUntil(lambda: overview.is_loaded, timeout=10_000)
    assert "No SWOT yet" in overview.page.toPlainText()
    book.competition.save_swot(_plan_id(book, workspace), [
        SwotItem(plan_id="", quadrant=S, text="Quick delivery"),
        SwotItem(plan_id="", quadrant=S, text="Good service"),
        SwotItem(plan_id="", quadrant=T, text="Price war")])
    workspace.refresh()
    qtbot.waitUntil(lambda: overview.is_loaded and "Quick delivery" in
                    overview.page.toPlainText(), timeout=10_000)
    text = overview.page.toPlainText()
    section = text[text.index("SWOT of the plan 2027"):]
    assert "Quick delivery (2 lines)" in section and "Good service" not in section
    assert "Price war" in section and section.count("—") == 2  # W and O are empty


def test_the_model_under_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = SwotListModel(S, lambda item: "x" if item.need_id else "")
    model.set_items([SwotItem(plan_id="p", quadrant=S, text=t) for t in "abc"])
    model.move(0, 1)
    model.move(2, -1)
    assert [i.text for i in model.items()] == ["b", "c", "a"]
    assert model.move(0, -1) == 0 and model.move(2, 1) == 2  # the ends stay put
    model.append(SwotItem(plan_id="p", quadrant=S, text="d", need_id="n"))
    assert model.data(model.index(3)) == "d  ·  x"
    model.remove(0)
    qtmodeltester.check(model)


def test_chinese(qtbot, chinese: None, workspace: CustomerWorkspace, book: Book) -> None:  # type: ignore[no-untyped-def]
    workspace.retranslate()
    dialog = _open_swot(qtbot, workspace)
    assert dialog.windowTitle() == "2027年经营计划的 SWOT 分析"
    assert [dialog.boxes[q].title() for q in SwotQuadrant] == [
        "优势（S）", "劣势（W）", "机会（O）", "威胁（T）"]
    assert dialog.save_button.text() == "保存" and dialog.boxes[S].add_button.text() == "添加…"
    qtbot.mouseClick(dialog.boxes[T].add_button, LEFT)
    line = dialog.boxes[T].dialog
    assert line is not None and line.windowTitle() == "新条目：威胁（T）"
    assert [line.about.itemText(i) for i in range(line.about.count())] == [
        "无特定对象", "竞争对手：Haitian Trading", "投诉：Deliveries arrive late"]
    line.reject()
    dialog.reject()


def test_a_long_line_wraps_with_its_about_in_grey(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem

    from ui.gui.forms.swot_delegate import SwotLineDelegate
    from ui.gui.models.swot_model import ABOUT_ROLE

    model = SwotListModel(T, lambda item: "Competitor: Haitian" if item.competitor_id else "")
    model.set_items([SwotItem(plan_id="p", quadrant=T, text="Short"),
                     SwotItem(plan_id="p", quadrant=T, text="They offer 90-day terms " * 6,
                              competitor_id="c")])
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = SwotLineDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(240, 300)
    view.show()
    qtbot.waitExposed(view)
    option = QStyleOptionViewItem()
    option.widget = view
    short, long = (delegate.sizeHint(option, model.index(row)).height() for row in (0, 1))
    assert long > 3 * short  # 140 characters in a 240-pixel list: several lines
    assert model.data(model.index(1), ABOUT_ROLE) == "Competitor: Haitian"
    assert model.data(model.index(0), ABOUT_ROLE) == ""
