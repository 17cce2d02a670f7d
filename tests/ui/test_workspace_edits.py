"""Workspace edits that involve the rest of the book: a conflicting save merged by field, the
History tab and its Undo, the Score tab's explanation, and account plans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt

from models.entities import Contact, Customer
from models.enums import ObjectiveKind, SnapshotPeriod
from models.periods import Period
from storage.book import Book
from storage.database import Database
from tests.ui.test_forms import answers, choose, shortcut, type_into  # noqa: F401  (fixture)
from tests.ui.test_workspace import (
    RICH_CUSTOMER,
    cell,
    rows_of,
    shown_workspace,
)
from ui.gui.settings import Settings
from ui.gui.text.labels import label
from ui.gui.workspace import CustomerWorkspace
from ui.gui.workspace.contacts_tab import ContactsTab

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="session")
def scored_file(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo book scored today, with this month's and three earlier monthly snapshots."""
    path = tmp_path_factory.mktemp("scored") / "scored.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    with Database(path) as db:
        result = db.rescore()
        assert result.scores is not None
        db.write_snapshot(result.scores, Period.containing(result.scores.as_of,
                                                           SnapshotPeriod.MONTH))
        db.backfill_snapshots(3)
    return path


@pytest.fixture
def book_file(scored_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "scored-copy.db"
    with Database(scored_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


@pytest.fixture
def book(book_file: Path) -> Iterator[Book]:
    with Book(book_file) as opened:
        yield opened


@pytest.fixture
def db(book: Book) -> Database:
    """The workspace's own connection, for setting data up and checking it."""
    return book.reader


@pytest.fixture
def workspace(qtbot, book: Book, db: Database,  # type: ignore[no-untyped-def]
              settings: Settings) -> Iterator[CustomerWorkspace]:
    yield from shown_workspace(qtbot, book, str(db.scalar(RICH_CUSTOMER)), settings)


def test_a_conflicting_save_merges_by_field(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                            db: Database, book_file: Path) -> None:
    profile = workspace.show_tab("profile")
    editors = profile.form.editors
    original = db.get(Customer, workspace.customer_id)
    with Database(book_file) as other:  # another window saves first
        other.update(replace(other.get(Customer, original.id), phone="+86 21 5555 0101",
                             industry="Aerospace"))
    editors["industry"].selectAll()
    type_into(qtbot, editors["industry"], "Medical devices")  # both changed: a conflict
    editors["city"].selectAll()
    type_into(qtbot, editors["city"], "Kunshan")  # only here (no demo customer is in Kunshan)
    with qtbot.waitSignal(profile.saver.merge_opened) as opened:
        shortcut(qtbot, editors["city"], Qt.Key.Key_S)
    dialog = opened.args[0]
    assert dialog.isVisible()
    assert dialog.theirs_changed == ("phone",) and dialog.conflicts == ("industry",)
    assert db.get(Customer, original.id).industry == "Aerospace"  # nothing written yet
    mine = dialog.findChild(type(dialog.choices["industry"].button(0)), "mine_industry")
    assert mine.text() == "Medical devices" and mine.isChecked()
    theirs = dialog.findChild(type(mine), "theirs_industry")
    qtbot.mouseClick(theirs, LEFT, pos=QPoint(8, theirs.height() // 2))  # on its circle
    assert theirs.isChecked() and not mine.isChecked()
    with qtbot.waitSignal(workspace.changed) as changed:
        qtbot.mouseClick(dialog.save_button, LEFT)
    stored = db.get(Customer, original.id)
    assert (stored.phone, stored.industry, stored.city) == \
        ("+86 21 5555 0101", "Aerospace", "Kunshan")
    assert changed.args[0].customer_fields == {"city"}  # theirs were saved already
    assert editors["phone"].text() == "+86 21 5555 0101"  # the form shows what was saved
    assert not profile.has_unsaved_changes()


def test_a_conflict_in_a_dialog_keeps_my_value_when_chosen(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                                           db: Database, book_file: Path) -> None:
    contacts: ContactsTab = workspace.show_tab("contacts")
    contact = rows_of(contacts)[0].contact
    contacts.edit(contact)
    dialog = contacts.dialog
    assert dialog is not None
    with Database(book_file) as other:
        other.update(replace(other.get(Contact, contact.id), title="CFO", department="Finance"))
    dialog.form.editors["title"].selectAll()
    type_into(qtbot, dialog.form.editors["title"], "Chief Buyer")
    with qtbot.waitSignal(dialog.saver.merge_opened) as opened:
        qtbot.mouseClick(dialog.save_button, LEFT)
    merge = opened.args[0]
    assert merge.conflicts == ("title",) and merge.theirs_changed == ("department",)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(merge.save_button, LEFT)  # mine is preselected
    stored = db.get(Contact, contact.id)
    assert saved.args[0].record == stored and saved.args[0].changes.touches({"contacts"})
    assert (stored.title, stored.department) == ("Chief Buyer", "Finance")
    assert not dialog.isVisible()


def test_history_lists_a_change_and_undo_reverts_it(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                                    db: Database) -> None:
    old = db.get(Customer, workspace.customer_id).industry
    profile = workspace.show_tab("profile")
    profile.form.editors["industry"].selectAll()
    type_into(qtbot, profile.form.editors["industry"], "Shipbuilding")
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(profile.save_button, LEFT)

    history = workspace.show_tab("history")
    assert cell(history.panel, 0, "field") == "Industry"
    assert cell(history.panel, 0, "old") == (old or "—")
    assert cell(history.panel, 0, "new") == "Shipbuilding"
    assert cell(history.panel, 0, "action") == "Changed"
    assert cell(history.panel, 0, "record").startswith("Customer: ")
    assert not history.undo_button.isEnabled()
    history.panel.table.setFocus()
    history.panel.table.selectRow(0)
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(history.undo_button, LEFT)
    assert db.get(Customer, workspace.customer_id).industry == old
    assert cell(history.panel, 0, "new") == (old or "—")  # the reversal is logged on top
    workspace.show_tab("profile")
    assert profile.form.editors["industry"].text() == old


def test_the_score_tab_contributions_add_up_to_the_shown_score(qtbot,  # type: ignore[no-untyped-def]
                                                               workspace: CustomerWorkspace,
                                                               db: Database) -> None:
    score = workspace.show_tab("score")
    qtbot.waitUntil(lambda: score.explanation is not None, timeout=10_000)
    explanation = score.explanation
    locale = QLocale()
    contributions = [locale.toDouble(text)[0] for text in score.contributions_shown()]
    assert len(contributions) == 15
    shown = score.total.text()
    total = locale.toString(explanation.score, "f", 2)
    assert shown == f"Score {total} → {label(explanation.tier)}"
    assert round(sum(contributions), 2) == pytest.approx(locale.toDouble(total)[0], abs=1e-9)
    stored = db.scalar("SELECT score FROM customer_metrics WHERE customer_id = ?",
                       [workspace.customer_id])
    assert explanation.score == pytest.approx(stored)
    assert score.next_tier.text()  # the gap to the next tier, or that it is the top one
    radar = score.radar
    qtbot.waitUntil(lambda: radar.chart is not None, timeout=10_000)
    assert not radar.chart.empty


def test_the_header_shows_the_trend_against_the_previous_month(workspace: CustomerWorkspace,
                                                               db: Database) -> None:
    header = workspace.header_view.header
    assert header is not None and header.previous_period is not None
    delta = header.score_delta
    text = workspace.header_view.facts["trend"].value.text()
    assert text.endswith(f"{delta:+.1f}") and text[0] in "▲▼▶"
    assert header.previous_period in workspace.header_view.facts["trend"].value.toolTip()


def test_create_and_edit_an_account_plan(qtbot, workspace: CustomerWorkspace,  # type: ignore[no-untyped-def]
                                         db: Database) -> None:
    plans = workspace.show_tab("plan")
    before = len(rows_of(plans))
    new = plans.new_plan()
    choose(qtbot, new.period.kind, "half")
    choose(qtbot, new.period.period, "2028-H1")
    assert new.period.period.currentText() == "H1 2028"
    new.carry.setChecked(False)
    choose(qtbot, new.template.combo, None)  # an empty plan, not the playbook proposed
    with qtbot.waitSignal(workspace.changed):
        new.create_plan()
    editor = plans.dialog
    assert editor.isVisible() and editor.windowTitle() == "Account plan H1 2028"
    objectives = editor.form.editors["objectives"]
    part = objectives.add()
    choose(qtbot, part.form.editors["kind"], ObjectiveKind.REVENUE)
    type_into(qtbot, part.form.editors["description"], "Grow revenue")
    type_into(qtbot, part.form.editors["target_value"], "1200000")
    qtbot.mouseClick(part.save_button, LEFT)
    assert len(objectives.value()) == 1
    actions = editor.form.editors["actions"]
    part = actions.add()
    type_into(qtbot, part.form.editors["what"], "Run a joint workshop")
    qtbot.mouseClick(part.save_button, LEFT)
    type_into(qtbot, editor.form.editors["situation"], "Second supplier since spring")
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(editor.save_button, LEFT)
    stored = db.plan_for(workspace.customer_id, "2028-H1")
    assert stored is not None and stored.situation == "Second supplier since spring"
    assert [o.description for o in stored.objectives] == ["Grow revenue"]
    assert stored.objectives[0].target_value == 1_200_000
    assert [a.what for a in stored.actions] == ["Run a joint workshop"]
    assert len(rows_of(plans)) == before + 1
    assert "Grow revenue" in plans.detail.toPlainText()
