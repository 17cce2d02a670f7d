"""Change history, undo, and two edits of one record never silently overwriting each other."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from models.entities import Contact, Customer, Interaction, Need, Transaction
from models.enums import InteractionKind, NeedKind, NeedStatus
from models.merge import merge_records
from storage.database import Database
from storage.errors import ConflictError


@pytest.fixture
def customer(fresh_db: Database) -> Customer:
    return fresh_db.add(Customer(name="Acme", code="A1", owner="Li"))


def test_create_update_delete_restore_are_logged_field_by_field(fresh_db: Database,
                                                                customer: Customer) -> None:
    fresh_db.update(replace(customer, owner="Wang", city="Shanghai"))
    fresh_db.soft_delete(Customer, customer.id)
    fresh_db.restore(Customer, customer.id)
    changes = list(reversed(fresh_db.history(customer.id)))
    created = [c for c in changes if c.action == "create"]
    assert {c.field for c in created} >= {"name", "code", "owner"}
    assert next(c for c in created if c.field == "name").new_value == "Acme"
    updates = {c.field: (c.old_value, c.new_value) for c in changes if c.action == "update"}
    assert updates == {"owner": ("Li", "Wang"), "city": ("", "Shanghai")}
    assert [c.action for c in changes][-2:] == ["delete", "restore"]
    for change in changes:
        assert change.device and change.user and change.at.endswith("+00:00")
        assert change.table_name == "customers" and change.customer_id == customer.id


def test_child_records_appear_in_the_customer_history(fresh_db: Database,
                                                      customer: Customer) -> None:
    need = fresh_db.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                             description="Late delivery"))
    fresh_db.update(replace(need, status=NeedStatus.MET))
    fresh_db.add(Transaction(customer_id=customer.id, date=date(2026, 1, 5), amount=100))
    tables = {c.table_name for c in fresh_db.history(customer.id)}
    assert tables == {"customers", "needs", "transactions"}
    status = next(c for c in fresh_db.history(customer.id) if c.field == "status")
    assert (status.old_value, status.new_value) == ("open", "met")


def test_undo_reverses_an_update_a_delete_and_a_create(fresh_db: Database,
                                                       customer: Customer) -> None:
    fresh_db.update(replace(customer, owner="Wang"))
    update_id = fresh_db.history(customer.id)[0].change_id
    fresh_db.undo(update_id)
    assert fresh_db.get(Customer, customer.id).owner == "Li"

    delete_id = fresh_db.soft_delete(Customer, customer.id)
    fresh_db.undo(delete_id)
    assert fresh_db.get(Customer, customer.id).deleted_at is None

    contact = fresh_db.add(Contact(customer_id=customer.id, name="Zhang"))
    create_id = fresh_db.history(customer.id)[0].change_id
    fresh_db.undo(create_id)
    assert fresh_db.find(Contact, "customer_id = ?", [customer.id]) == []
    assert fresh_db.get(Contact, contact.id, include_deleted=True).is_deleted


def test_undo_restores_interaction_contacts(fresh_db: Database, customer: Customer) -> None:
    a = fresh_db.add(Contact(customer_id=customer.id, name="A"))
    b = fresh_db.add(Contact(customer_id=customer.id, name="B"))
    meeting = fresh_db.add(Interaction(customer_id=customer.id, kind=InteractionKind.MEETING,
                                       occurred_at=datetime(2026, 3, 1, 10, 0),
                                       summary="Kick-off",
                                       contact_ids=(a.id,)))
    fresh_db.update(replace(meeting, contact_ids=(a.id, b.id), summary="Kick-off meeting"))
    fresh_db.undo(fresh_db.history(customer.id)[0].change_id)
    again = fresh_db.get(Interaction, meeting.id)
    assert again.contact_ids == (a.id,) and again.summary == "Kick-off"


def test_a_stale_save_is_refused_with_the_stored_version(fresh_db: Database,
                                                         customer: Customer) -> None:
    window_a = fresh_db.get(Customer, customer.id)
    window_b = fresh_db.get(Customer, customer.id)
    fresh_db.update(replace(window_a, owner="Wang"))
    with pytest.raises(ConflictError) as caught:
        fresh_db.update(replace(window_b, city="Beijing"))
    assert isinstance(caught.value.current, Customer)
    assert caught.value.current.owner == "Wang"
    assert "changed elsewhere" in str(caught.value)
    assert fresh_db.get(Customer, customer.id).city == ""  # nothing overwritten

    merge = merge_records(window_b, replace(window_b, city="Beijing"), caught.value.current)
    assert merge.conflicts == () and merge.theirs_changed == ("owner",)
    fresh_db.update(merge.merged)
    stored = fresh_db.get(Customer, customer.id)
    assert (stored.owner, stored.city) == ("Wang", "Beijing")


def test_merge_reports_fields_both_sides_changed(customer: Customer) -> None:
    mine = replace(customer, owner="Zhao", phone="123")
    theirs = replace(customer, owner="Wang", updated_at="later")
    result = merge_records(customer, mine, theirs)
    assert result.conflicts == ("owner",)
    assert result.merged.owner == "Zhao" and result.merged.phone == "123"
    assert result.merged.updated_at == "later"


def test_a_failed_write_logs_nothing(fresh_db: Database, customer: Customer) -> None:
    before = fresh_db.scalar("SELECT count(*) FROM change_log")
    with pytest.raises(ValueError):
        fresh_db.update(replace(customer, name=""))
    assert fresh_db.scalar("SELECT count(*) FROM change_log") == before


def test_the_import_action_migration_keeps_every_logged_change(db_path: Path) -> None:
    """m010 copies the change log into a table whose CHECK also allows ``import``: every row,
    its numbering and the numbering after it survive."""
    import sqlite3

    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.migrations import migrations

    conn = sqlite3.connect(db_path)
    migrations.apply(SqliteUtilsDatabase(conn), stop_before="m010_change_log_imports")
    conn.executemany(
        "INSERT INTO change_log (change_id, at, device, user, action, table_name, record_id, "
        "customer_id, field, old_value, new_value) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [("c1", "2026-01-01T00:00:00+00:00", "pc", "me", "create", "customers", "x", "x",
          "name", None, '"Acme"'),
         ("c2", "2026-01-02T00:00:00+00:00", "pc", "me", "update", "customers", "x", "x",
          "industry", '"Steel"', '"Ships"')])
    conn.commit()
    before = conn.execute("SELECT * FROM change_log ORDER BY seq").fetchall()
    conn.close()
    with Database(db_path) as db:  # applies m010
        # m017 added two columns after these (the clock and the origin), NULL on old rows.
        after = db.conn.execute("SELECT * FROM change_log ORDER BY seq").fetchall()
        assert [row[:len(before[0])] for row in after] == before
        assert {row[len(before[0]):] for row in after} == {(None, None)}
        db.log_import("transactions", "march.csv", {"x": 3})
        last = db.history("x")[0]
        assert (last.action, last.record_id, last.new_value) == ("import", "march.csv", 3)
        assert last.seq == before[-1][0] + 1
