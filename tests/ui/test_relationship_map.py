"""The relationship map in the window (issue 19, point 1): the org chart's boxes and lines,
a double-click opening the contact, a new boss picked in the form and drawn, the by-level view
with its gaps, the flags and the level's timeline on the overview, and a moved relationship
level that asks for its reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.entities import Contact
from models.enums import RelationshipLevel
from storage.book import Book
from tests.test_relationships import _account
from tests.ui.test_forms import answers, choose, type_into  # noqa: F401  (fixture)
from tests.ui.test_workspace import shown_workspace, wait_for_background
from ui.gui.settings import Settings
from ui.gui.workspace import CustomerWorkspace
from ui.gui.workspace.contacts_tab import ContactsTab
from ui.gui.workspace.relationship_map import ContactBox

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    with Book(tmp_path / "acme.db", new_book=True) as opened:
        yield opened


@pytest.fixture
def account(book: Book) -> tuple[str, dict[str, Contact]]:
    customer, contacts = _account(book)
    return customer.id, contacts


@pytest.fixture
def workspace(qtbot, book: Book, account: tuple[str, dict[str, Contact]],  # type: ignore[no-untyped-def]
              settings: Settings) -> Iterator[CustomerWorkspace]:
    shown = shown_workspace(qtbot, book, account[0], settings)
    view = next(shown)
    # The overview loads in the background: let it land while the book is open.
    qtbot.waitUntil(lambda: view.is_loaded, timeout=10_000)
    yield view
    for _ in shown:
        pass


def _map(qtbot, workspace: CustomerWorkspace) -> ContactsTab:  # type: ignore[no-untyped-def]
    tab: ContactsTab = workspace.show_tab("contacts")
    qtbot.mouseClick(tab.mode_buttons[1], LEFT)
    assert tab.stack.currentWidget() is tab.map
    return tab


def test_the_map_draws_a_box_per_contact_under_its_boss(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, account: tuple[str, dict[str, Contact]]) -> None:
    _, c = account
    tab = _map(qtbot, workspace)
    boxes = tab.map.view.boxes
    assert set(boxes) == {x.id for x in c.values()}
    y = {name: boxes[c[name].id].pos().y() for name in c}
    assert y["wang"] < y["liu"] < y["zhao"] == y["chen"]
    x = {name: boxes[c[name].id].pos().x() for name in c}
    assert x["zhao"] < x["chen"] and x["liu"] == (x["zhao"] + x["chen"]) / 2
    # Three lines: 王总 to 刘经理, 刘经理 to each engineer.
    lines = [i for i in tab.map.view.scene().items() if not isinstance(i, ContactBox)]
    assert len(lines) == 3
    # The account hangs on 刘经理: the flag names him and his box is marked.
    assert boxes[c["liu"].id].flagged and not boxes[c["wang"].id].flagged
    assert tab.map.flags.isVisibleTo(tab) and "刘经理" in tab.map.flags.text()
    assert "Single-threaded" in tab.map.flags.text()
    assert boxes[c["wang"].id].covered == "Covered by 李雷"
    assert boxes[c["chen"].id].covered == "Not covered by us"


def test_a_double_click_opens_the_contact_with_the_bosses_it_may_have(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, account: tuple[str, dict[str, Contact]]) -> None:
    _, c = account
    tab = _map(qtbot, workspace)
    view = tab.map.view
    box = view.boxes[c["liu"].id]
    view.centerOn(box)
    point = view.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.original == c["liu"]
    boss = dialog.form.editors["reports_to"]
    offered = {boss.itemData(i) for i in range(boss.count())}
    # Nobody, or 王总; never himself nor the two who report to him.
    assert offered == {None, c["wang"].id}
    assert boss.currentData() == c["wang"].id
    dialog.reject()


def test_a_new_boss_picked_in_the_form_is_saved_and_drawn(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, book: Book,
        account: tuple[str, dict[str, Contact]]) -> None:
    _, c = account
    tab = _map(qtbot, workspace)
    tab.edit_id(c["chen"].id)
    dialog = tab.dialog
    assert dialog is not None
    choose(qtbot, dialog.form.editors["reports_to"], c["zhao"].id)
    covered = dialog.form.editors["covered_by"]
    covered.lineEdit().selectAll()
    type_into(qtbot, covered.lineEdit(), "Han Meimei")
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(dialog.save_button, LEFT)
    stored = book.contacts.get(c["chen"].id)
    assert (stored.reports_to, stored.covered_by) == (c["zhao"].id, "Han Meimei")
    qtbot.waitUntil(lambda: tab.map.view.boxes[c["chen"].id].pos().y()
                    > tab.map.view.boxes[c["zhao"].id].pos().y(), timeout=5_000)
    assert tab.map.view.boxes[c["chen"].id].covered == "Covered by Han Meimei"


def test_the_levels_view_lists_contacts_by_level_with_the_gaps(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace) -> None:
    tab: ContactsTab = workspace.show_tab("contacts")
    qtbot.mouseClick(tab.mode_buttons[2], LEFT)
    text = tab.levels.page.toPlainText()
    decision, management, operational = (text.index("Decision level (1)"),
                                         text.index("Management level (1)"),
                                         text.index("Operational level (2)"))
    assert decision < text.index("王总") < management < text.index("刘经理") < operational
    # 刘经理 (neutral, nobody covering) is a gap at management level.
    assert "Gap: nobody here supports us; nobody on our side covers them." in \
        text[management:operational]
    assert "Gap" not in text[decision:management]


def test_the_overview_shows_the_flags_and_the_levels_history(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, book: Book,
        account: tuple[str, dict[str, Contact]]) -> None:
    customer_id, _ = account
    book.relationships.set_level(customer_id, RelationshipLevel.DEPENDENT, reason="按需供货",
                                 by="李雷")
    overview = workspace.show_tab("overview")
    overview.reload()
    wait_for_background()
    qtbot.waitUntil(lambda: overview.is_loaded, timeout=10_000)
    text = overview.page.toPlainText()
    assert "Relationship" in text and "Single-threaded" in text
    assert "Dependent" in text and "按需供货 (李雷)" in text


def test_a_moved_level_asks_for_its_reason_and_is_kept(  # type: ignore[no-untyped-def]
        qtbot, workspace: CustomerWorkspace, book: Book,
        account: tuple[str, dict[str, Contact]]) -> None:
    customer_id, _ = account
    profile = workspace.show_tab("profile")
    form = profile.form
    choose(qtbot, form.editors["relationship_level"], RelationshipLevel.PARTNERSHIP)
    assert not profile.save_button.isEnabled()
    assert form.error_text("relationship_level_reason") == \
        "Say why the relationship level changed."
    type_into(qtbot, form.editors["relationship_level_reason"], "Joint planning")
    assert profile.save_button.isEnabled()
    with qtbot.waitSignal(workspace.changed) as changed:
        qtbot.mouseClick(profile.save_button, LEFT)
    assert "relationship_levels" in changed.args[0].tables
    (change,) = book.relationships.levels(customer_id)
    assert (change.level, change.reason) == (RelationshipLevel.PARTNERSHIP, "Joint planning")
    assert book.customers.get(customer_id).relationship_level is RelationshipLevel.PARTNERSHIP
    # The reason does not stay in the form for the next change.
    assert form.editors["relationship_level_reason"].text() == ""
