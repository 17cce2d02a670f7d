"""The customer workspace driven as a user does: header, lazy tabs, keyboard, needs, ratings,
delete and undo; checked in the database and on screen."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.entities import RATING_FIELDS, Assessment, Contact, Customer, Interaction, Need
from models.enums import NeedKind, NeedStatus, Priority
from storage.book import Book
from storage.database import Database
from tests.ui.test_forms import answers, choose, shortcut, type_into  # noqa: F401  (fixture)
from ui.gui.background.tasks import BookTask, Task
from ui.gui.models.rows_model import RECORD_ROLE
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.text.labels import label
from ui.gui.workspace import TAB_NAMES, CustomerWorkspace

LEFT = Qt.MouseButton.LeftButton

#: A customer with something in every tab: contacts, interactions, needs, ratings, sales.
RICH_CUSTOMER = """
SELECT c.id FROM customers c
WHERE (SELECT count(*) FROM contacts WHERE customer_id = c.id) >= 2
  AND (SELECT count(*) FROM interactions WHERE customer_id = c.id) >= 2
  AND (SELECT count(*) FROM needs WHERE customer_id = c.id) >= 1
  AND (SELECT count(*) FROM assessments WHERE customer_id = c.id) >= 1
  AND (SELECT count(*) FROM transactions WHERE customer_id = c.id) >= 3
ORDER BY c.name_sort LIMIT 1
"""


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book(book_path) as opened:
        yield opened


@pytest.fixture
def db(book: Book) -> Database:
    """The workspace's own connection, for setting data up and checking it."""
    return book.reader


@pytest.fixture
def customer_id(db: Database) -> str:
    return str(db.scalar(RICH_CUSTOMER))


def shown_workspace(qtbot, book: Book, customer_id: str,  # type: ignore[no-untyped-def]
                    settings: Settings) -> Generator[CustomerWorkspace, None, None]:
    """A workspace on ``customer_id``, shown at a desktop size; waits for its background
    work when the test is done (for fixtures to yield from)."""
    view = CustomerWorkspace(book, customer_id, settings)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitExposed(view)
    yield view
    wait_for_background()


@pytest.fixture
def workspace(qtbot, book: Book, customer_id: str,  # type: ignore[no-untyped-def]
              settings: Settings) -> Iterator[CustomerWorkspace]:
    yield from shown_workspace(qtbot, book, customer_id, settings)


def wait_for_background() -> None:
    """Let the workspace's background loads finish (BookTask may have its own pool)."""
    for task_class in (Task, BookTask):
        task_class.wait_for_all(10_000)


def rows_of(tab, panel_name: str = "panel") -> list:  # type: ignore[no-untyped-def]
    model = getattr(tab, panel_name).model
    return [model.data(model.index(r, 0), RECORD_ROLE) for r in range(model.rowCount())]


def cell(panel, row: int, key: str) -> str:  # type: ignore[no-untyped-def]
    model = panel.model
    return str(model.data(model.index(row, model.column_of(key))))


def test_the_header_shows_name_tier_score_and_classes(workspace: CustomerWorkspace,
                                                      db: Database, customer_id: str) -> None:
    customer = db.get(Customer, customer_id)
    header = workspace.header_view
    assert header.name.text() == customer.name
    level = customer.relationship_level
    assert header.facts["relationship"].value.text() == f"{int(level)}. {label(level)}"
    assert header.tier.text() == "Not scored"  # the demo book is not scored yet
    db.rescore()
    workspace.refresh()
    tier = db.scalar("SELECT tier FROM customer_metrics WHERE customer_id = ?", [customer_id])
    assert header.tier.text().startswith(label(header.header.tier)) and tier
    assert header.facts["abc"].value.text() in ("A", "B", "C")
    assert header.facts["trend"].value.text() == "—"  # no earlier period yet


def test_tabs_load_on_first_show_and_show_tab_names_them(workspace: CustomerWorkspace) -> None:
    assert set(workspace.tabs) == {"overview"}  # the account on one page comes first
    assert workspace.tab_widget.count() == len(TAB_NAMES)
    needs = workspace.show_tab("needs")
    assert workspace.current_tab_name() == "needs" and not needs.stale
    assert set(workspace.tabs) == {"overview", "needs"}
    with pytest.raises(KeyError):
        workspace.show_tab("nonsense")


def test_profile_saves_with_ctrl_s_and_says_the_book_changed(qtbot,  # type: ignore[no-untyped-def]
                                                            workspace: CustomerWorkspace,
                                                            db: Database,
                                                            customer_id: str) -> None:
    profile = workspace.show_tab("profile")
    industry = profile.form.editors["industry"]
    industry.selectAll()
    type_into(qtbot, industry, "Robotics")
    assert profile.save_button.isEnabled()
    with qtbot.waitSignal(workspace.changed) as changed:
        shortcut(qtbot, industry, Qt.Key.Key_S)
    assert db.get(Customer, customer_id).industry == "Robotics"
    changes = changed.args[0]  # what the Book answered: this customer's industry, no more
    assert changes.customer_ids == {customer_id} and changes.customer_fields == {"industry"}
    assert changes.touches({"customers"}) and not changes.rows_added_or_removed
    assert not profile.save_button.isEnabled() and not workspace.has_unsaved_changes()


def test_ctrl_i_logs_an_interaction_shown_first_in_the_timeline(qtbot,  # type: ignore[no-untyped-def]
                                                               workspace: CustomerWorkspace,
                                                               db: Database,
                                                               customer_id: str) -> None:
    timeline = workspace.show_tab("interactions")
    before = len(rows_of(timeline))
    shortcut(qtbot, timeline.panel.table, Qt.Key.Key_I)
    dialog = workspace.dialog
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.form.editors["summary"], "Quarterly review meeting")
    type_into(qtbot, dialog.form.editors["next_step"], "Send the revised price list")
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(dialog.save_button, LEFT)
    shown = rows_of(timeline)
    assert len(shown) == before + 1
    assert shown[0].summary == "Quarterly review meeting"  # newest first
    assert cell(timeline.panel, 0, "next_step") == "Send the revised price list"
    stored = db.find(Interaction, "customer_id = ? AND summary = ?",
                     [customer_id, "Quarterly review meeting"])
    assert len(stored) == 1 and stored[0].next_step == "Send the revised price list"


def test_ticking_done_marks_the_next_step_done(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                               db: Database) -> None:
    timeline = workspace.show_tab("interactions")
    model = timeline.panel.model
    row = next(i for i, r in enumerate(rows_of(timeline)) if r.next_step)
    index = model.index(row, model.column_of("done"))
    wanted = not model.data(index, RECORD_ROLE).next_step_done
    target = Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked
    interaction_id = model.data(index, RECORD_ROLE).id
    with qtbot.waitSignal(workspace.changed):
        assert model.setData(index, target, Qt.ItemDataRole.CheckStateRole)
    assert db.get(Interaction, interaction_id).next_step_done is wanted
    again = next(r for r in rows_of(timeline) if r.id == interaction_id)
    assert again.next_step_done is wanted


def test_add_a_need_and_mark_it_met(qtbot, workspace: CustomerWorkspace, db: Database,  # type: ignore[no-untyped-def]
                                    customer_id: str) -> None:
    needs = workspace.show_tab("needs")
    qtbot.mouseClick(needs.add_button, LEFT)
    dialog = needs.dialog
    assert dialog is not None and dialog.isVisible()
    choose(qtbot, dialog.form.editors["kind"], NeedKind.COMPLAINT)
    choose(qtbot, dialog.form.editors["priority"], Priority.HIGH)
    type_into(qtbot, dialog.form.editors["description"], "Late deliveries in March")
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(dialog.save_button, LEFT)
    shown = rows_of(needs)
    assert shown[0].description == "Late deliveries in March"  # open, high, complaint: first
    assert cell(needs.panel, 0, "status") == "Open"

    needs.panel.table.setFocus()
    needs.panel.table.selectRow(0)
    assert needs.met_button.isEnabled()
    qtbot.mouseClick(needs.met_button, LEFT)
    dialog = needs.dialog
    assert dialog.form.editors["status"].value() is NeedStatus.MET
    type_into(qtbot, dialog.form.editors["resolution"], "Second truck on Mondays")
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(dialog.save_button, LEFT)
    stored = db.get(Need, shown[0].id)
    assert stored.status is NeedStatus.MET and stored.resolved_on == date.today()
    assert stored.resolution == "Second truck on Mondays"
    row = next(i for i, n in enumerate(rows_of(needs)) if n.id == stored.id)
    assert cell(needs.panel, row, "status") == "Met"
    assert all(n.status.is_open for n in rows_of(needs)[:row])  # open needs stay first
    assert "closed" in needs.summary.text()


def test_rate_an_assessment(qtbot, workspace: CustomerWorkspace, db: Database,  # type: ignore[no-untyped-def]
                            customer_id: str) -> None:
    tab = workspace.show_tab("assessment")
    before = len(rows_of(tab))
    ratings = {name: (index % 5) + 1 for index, name in enumerate(RATING_FIELDS)}
    for name, value in ratings.items():
        qtbot.mouseClick(tab.form.editors[name].buttons[value], LEFT)
    type_into(qtbot, tab.form.editors["notes"], "After the plant visit")
    assert tab.save_button.isEnabled()
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(tab.save_button, LEFT)
    latest = db.find(Assessment, "customer_id = ?", [customer_id],
                     order_by="created_at DESC", limit=1)[0]
    assert latest.ratings() == ratings and latest.assessed_on == date.today()
    assert latest.notes == "After the plant visit"
    shown = rows_of(tab)
    assert len(shown) == before + 1 and shown[0].id == latest.id
    assert [cell(tab.panel, 0, name) for name in RATING_FIELDS] == \
        [str(ratings[name]) for name in RATING_FIELDS]
    # The next assessment starts from these ratings, with nothing typed yet.
    assert tab.form.editors["loyalty"].value() == ratings["loyalty"]
    assert tab.form.is_new() and not tab.form.is_dirty()


def test_delete_then_undo_restores_the_contact(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                               db: Database, customer_id: str) -> None:
    contacts = workspace.show_tab("contacts")
    victim = rows_of(contacts)[0].contact
    contacts.panel.table.setFocus()
    contacts.panel.table.selectRow(0)
    with qtbot.waitSignal(workspace.changed) as changed:
        qtbot.keyClick(contacts.panel.table, Qt.Key.Key_Delete)
    assert changed.args[0].touches({"contacts"}) and changed.args[0].concerns(customer_id)
    assert db.find(Contact, "id = ?", [victim.id]) == []
    assert victim.id not in {r.contact.id for r in rows_of(contacts)}
    bar = workspace.undo_bar
    assert bar.isVisible() and victim.name in bar.text.text()
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(bar.undo_button, LEFT)
    assert db.get(Contact, victim.id).name == victim.name
    assert victim.id in {r.contact.id for r in rows_of(contacts)}
    assert not bar.isVisible()


def test_deleting_the_customer_can_be_undone(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                             db: Database, customer_id: str) -> None:
    profile = workspace.show_tab("profile")
    with qtbot.waitSignal(workspace.customer_deleted) as deleted, \
            qtbot.waitSignal(workspace.changed) as changed:
        qtbot.mouseClick(profile.delete_button, LEFT)
    assert deleted.args == [True]
    assert changed.args[0].rows_added_or_removed  # the customer lists lose a row
    assert db.find(Customer, "id = ?", [customer_id]) == []
    assert "Deleted" in workspace.header_view.code.text()
    assert not workspace.tab_widget.isEnabled() and workspace.log_interaction() is None
    with qtbot.waitSignal(workspace.customer_deleted) as restored:
        qtbot.mouseClick(workspace.undo_bar.undo_button, LEFT)
    assert restored.args == [False]
    assert db.get(Customer, customer_id).id == customer_id
    assert workspace.tab_widget.isEnabled() and profile.isEnabled()


def test_transactions_show_totals_that_match_the_book(workspace: CustomerWorkspace,
                                                      db: Database, customer_id: str) -> None:
    tab = workspace.show_tab("transactions")
    count, revenue = db.conn.execute(
        "SELECT count(*), total(amount) FROM transactions WHERE customer_id = ? "
        "AND deleted_at IS NULL", [customer_id]).fetchone()
    assert len(rows_of(tab)) == count
    shown_count, shown_revenue, _profit, _margin = tab.totals_figures()
    assert shown_count == count and shown_revenue == pytest.approx(revenue)
    assert tab.totals.text().startswith(f"{count} transactions · revenue ")
    dates = [t.date for t in rows_of(tab)]
    assert dates == sorted(dates, reverse=True)


def test_each_tab_opens_with_its_data(qtbot, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    for name in TAB_NAMES:
        tab = workspace.show_tab(name)
        assert workspace.current_tab_name() == name and tab.isVisible()
    contacts = workspace.tabs["contacts"]
    assert len(rows_of(contacts)) >= 2
    seen = [r.last_seen for r in rows_of(contacts) if r.last_seen]
    assert seen, "the relationship map shows when contacts were last met"
    chart = workspace.tabs["transactions"].chart
    qtbot.waitUntil(lambda: chart.chart is not None, timeout=10_000)
    assert chart.canvas is not None and not chart.chart.empty


def test_arrows_and_enter_in_a_list_open_the_record(qtbot, workspace: CustomerWorkspace) -> None:  # type: ignore[no-untyped-def]
    contacts = workspace.show_tab("contacts")
    table = contacts.panel.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    second = rows_of(contacts)[1].contact
    assert contacts.panel.selected().contact.id == second.id
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = contacts.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form.editors["name"].text() == second.name
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # unchanged: closes without asking
    assert not dialog.isVisible()


def test_a_language_switch_retranslates_the_open_workspace(qtbot,  # type: ignore[no-untyped-def]
                                                           workspace: CustomerWorkspace) -> None:

    needs = workspace.show_tab("needs")
    assert workspace.tab_widget.tabText(0) == "Overview"
    i18n.install_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: workspace.tab_widget.tabText(0) == "总览", timeout=3_000)
    assert needs.add_button.text() == "添加需求…"
    assert needs.panel.model.headerData(0, Qt.Orientation.Horizontal) == "状态"
    assert workspace.header_view.facts["score"].caption.text() == "评分"
    i18n.install_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: workspace.tab_widget.tabText(0) == "Overview", timeout=3_000)
