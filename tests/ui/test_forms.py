"""The record forms driven as a user does: typing, ticking, Save and Esc; checked in the
database and on screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from models.entities import Contact, Customer, Interaction
from models.enums import RelationshipLevel, Tier
from models.validation import MSG_BAD_EMAIL, MSG_REQUIRED
from storage.book import Book
from storage.database import Database
from ui.gui.forms import prompts
from ui.gui.forms.customer_form import CustomerFormDialog
from ui.gui.forms.interaction_form import InteractionFormDialog
from ui.gui.settings import Settings

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions are answered yes and error boxes recorded, never shown (no blocking exec)."""
    shown: list[str] = []
    monkeypatch.setattr(prompts, "confirm_discard", lambda _parent: True)
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, _text, _action: True)
    monkeypatch.setattr(prompts, "show_error", lambda _parent, text: shown.append(text))
    return shown


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book(book_path) as opened:
        yield opened


@pytest.fixture
def db(book: Book) -> Database:
    """The forms' own connection, for setting data up and checking it."""
    return book.reader


def choose(qtbot, combo: QComboBox, value: object) -> None:  # type: ignore[no-untyped-def]
    """Pick ``value`` with the keyboard, as a user does in a closed combo box."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value, f"{value!r} not offered"


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def shortcut(qtbot, widget: QWidget, key: Qt.Key,  # type: ignore[no-untyped-def]
             modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier) -> None:
    """Press a shortcut in ``widget``'s window, made active first as a user's window is."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def customers_named(db: Database, name: str) -> list[Customer]:
    return db.find(Customer, "name = ?", [name])


def test_create_a_customer_through_the_form(qtbot, book: Book, db: Database,  # type: ignore[no-untyped-def]
                                            settings: Settings) -> None:
    dialog = CustomerFormDialog.create_new(book, settings, None)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "New customer"
    assert not dialog.save_button.isEnabled()  # no name yet
    editors = dialog.form.editors
    type_into(qtbot, editors["name"], "Northwind Optics")
    type_into(qtbot, editors["code"], "NW-001")
    type_into(qtbot, editors["email"], "buyer@northwind.example")
    type_into(qtbot, editors["tags"], "optics, export")
    choose(qtbot, editors["relationship_level"], RelationshipLevel.PARTNERSHIP)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()

    stored = customers_named(db, "Northwind Optics")
    assert len(stored) == 1 and stored[0].id == saved.args[0].record.id
    changes = saved.args[0].changes  # a new customer: the lists gain a row
    assert changes.rows_added_or_removed and changes.customer_ids == {stored[0].id}
    assert stored[0].code == "NW-001" and stored[0].email == "buyer@northwind.example"
    assert stored[0].tags == ("optics", "export")
    assert stored[0].relationship_level is RelationshipLevel.PARTNERSHIP
    assert db.history(stored[0].id)[0].action == "create"


def test_invalid_input_shows_its_message_beside_the_field_and_writes_nothing(  # type: ignore[no-untyped-def]
        qtbot, book: Book, db: Database) -> None:
    before = db.customer_count()
    dialog = CustomerFormDialog.create_new(book)
    qtbot.addWidget(dialog)
    form = dialog.form
    type_into(qtbot, form.editors["name"], "Bad Mail Ltd")
    type_into(qtbot, form.editors["email"], "not-an-email")
    assert form.error_text("email") == MSG_BAD_EMAIL
    assert form.rows["email"].error.isVisible()  # under the e-mail field itself
    assert not dialog.save_button.isEnabled()
    shortcut(qtbot, form.editors["email"], Qt.Key.Key_S)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert db.customer_count() == before and not customers_named(db, "Bad Mail Ltd")

    # Clearing the required name shows its message too; fixing both enables Save.
    form.editors["name"].selectAll()
    qtbot.keyClick(form.editors["name"], Qt.Key.Key_Delete)
    assert form.error_text("name") == MSG_REQUIRED
    qtbot.keyClicks(form.editors["name"], "Good Mail Ltd")
    form.editors["email"].selectAll()
    qtbot.keyClicks(form.editors["email"], "orders@goodmail.example")
    assert form.error_text("email") == "" and not form.rows["email"].error.isVisible()
    assert dialog.save_button.isEnabled()


def test_validation_messages_are_in_chinese(qtbot, chinese: None, book: Book) -> None:  # type: ignore[no-untyped-def]
    dialog = CustomerFormDialog.create_new(book)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.form.editors["email"], "nope")
    shown = dialog.form.error_text("email")
    assert shown == QCoreApplication.translate("Validation", MSG_BAD_EMAIL) != MSG_BAD_EMAIL
    assert dialog.windowTitle() == "新建客户"


def test_a_tier_override_needs_a_reason(qtbot, book: Book, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = CustomerFormDialog.create_new(book)
    qtbot.addWidget(dialog)
    editors = dialog.form.editors
    type_into(qtbot, editors["name"], "Override Co")
    choose(qtbot, editors["tier_override"], Tier.KEY)
    assert dialog.form.error_text("tier_override_reason") == \
        "Give a reason for the manual override."
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, editors["tier_override_reason"], "Reference customer in the region")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved):
        shortcut(qtbot, editors["name"], Qt.Key.Key_S)
    stored = customers_named(db, "Override Co")[0]
    assert stored.tier_override is Tier.KEY
    assert stored.tier_override_reason == "Reference customer in the region"


def test_closing_a_changed_form_asks_before_discarding(qtbot, book: Book, db: Database,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = []
    keep_or_discard = [False]

    def confirm_discard(_parent: object) -> bool:
        answers.append(True)
        return keep_or_discard[0]

    monkeypatch.setattr(prompts, "confirm_discard", confirm_discard)
    dialog = CustomerFormDialog.create_new(book)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and not answers

    dialog = CustomerFormDialog.create_new(book)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.form.editors["name"], "Half Typed")
    qtbot.keyClick(dialog.form.editors["name"], Qt.Key.Key_Escape)
    assert answers == [True] and dialog.isVisible()  # "keep editing"
    keep_or_discard[0] = True
    dialog.close()
    assert answers == [True, True] and not dialog.isVisible()
    assert not customers_named(db, "Half Typed")


def test_log_an_interaction_with_a_next_step(qtbot, book: Book, db: Database) -> None:  # type: ignore[no-untyped-def]
    customer_id = db.query("SELECT customer_id FROM contacts WHERE deleted_at IS NULL "
                           "GROUP BY customer_id HAVING count(*) >= 2 LIMIT 1")[0]["customer_id"]
    contacts = db.find(Contact, "customer_id = ?", [customer_id])
    dialog = InteractionFormDialog.for_customer(book, customer_id, None)
    qtbot.addWidget(dialog)
    form = dialog.form
    present = form.editors["contact_ids"]
    assert present.options.rowCount() == len(contacts)
    present.setFocus()
    present.setCurrentIndex(present.options.index(1, 0))
    qtbot.keyClick(present, Qt.Key.Key_Space)  # tick the second contact
    type_into(qtbot, form.editors["summary"], "Walked the plant; line 3 needs new sensors")
    type_into(qtbot, form.editors["feedback"], "Happy with delivery times")
    type_into(qtbot, form.editors["next_step"], "Send a quote for 40 sensors")
    due = date.today() + timedelta(days=7)
    qtbot.mouseClick(form.editors["next_step_due"].check, LEFT)
    form.editors["next_step_due"].edit.setDate(QDate(due.year, due.month, due.day))
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)

    stored = db.get(Interaction, saved.args[0].record.id)
    assert saved.args[0].changes.touches({"interactions"})
    chosen = str(present.options.item(1).data(Qt.ItemDataRole.UserRole))
    assert stored.contact_ids == (chosen,)
    assert stored.next_step == "Send a quote for 40 sensors" and stored.next_step_due == due
    assert stored.feedback == "Happy with delivery times" and not stored.next_step_done
    follow_up = db.scalar("SELECT next_follow_up FROM customer_metrics WHERE customer_id = ?",
                          [customer_id])
    assert follow_up is not None and follow_up <= due.isoformat()


def test_a_due_date_without_a_next_step_is_refused(qtbot, book: Book, db: Database) -> None:  # type: ignore[no-untyped-def]
    customer_id = db.query("SELECT id FROM customers LIMIT 1")[0]["id"]
    before = db.scalar("SELECT count(*) FROM interactions")
    dialog = InteractionFormDialog.for_customer(book, customer_id, None)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.form.editors["summary"], "Short call")
    qtbot.mouseClick(dialog.form.editors["next_step_due"].check, LEFT)
    assert dialog.form.error_text("next_step") == MSG_REQUIRED
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert db.scalar("SELECT count(*) FROM interactions") == before


def test_a_complaint_raised_by_a_contact_gets_its_answer_by_date(  # type: ignore[no-untyped-def]
        qtbot, book: Book, db: Database) -> None:
    """The need form offers the customer's contacts and an owner; left empty, the answer-by
    date is set from the priority's service level (high: 2 days)."""
    from models.entities import Need
    from models.enums import Priority
    from ui.gui.forms.need_form import NeedFormDialog

    customer_id = db.query("SELECT customer_id FROM contacts WHERE deleted_at IS NULL "
                           "LIMIT 1")[0]["customer_id"]
    contact = db.find(Contact, "customer_id = ?", [customer_id])[0]
    dialog = NeedFormDialog(book, customer_id)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.editors["contact_id"].itemText(0) == "Not recorded"
    choose(qtbot, form.editors["contact_id"], contact.id)
    choose(qtbot, form.editors["priority"], Priority.HIGH)
    type_into(qtbot, form.editors["description"], "Late delivery of line 3 sensors")
    type_into(qtbot, form.editors["owner"], "Zhang Wei")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    stored = db.get(Need, saved.args[0].record.id)
    assert stored.contact_id == contact.id and stored.owner == "Zhang Wei"
    assert stored.due_on == date.today() + timedelta(days=2)
