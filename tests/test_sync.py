"""Team sync, the corners of step one: a conflict resolved on one book is resolved on the
others, taking back a value another record now holds says so, imports of interactions,
needs and plans travel, a copied book is caught before its packets collide, and a clock far
ahead of this computer's does not win every later merge."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.entities import Contact, Customer
from storage.book import Book
from storage.sync.unique import KeyTakenError
from tests.test_sync_merge import Team, _same


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def _both_edit_notes(team: Team) -> str:
    """A and B write the same customer's notes, B later: a conflict on both books."""
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme", notes="first")).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), notes="A's note"))
    b.customers.update(replace(b.customers.get(customer.id), notes="B's note"))
    team.sync()
    team.sync()
    assert len(a.sync.conflicts(customer.id)) == len(b.sync.conflicts(customer.id)) == 1
    return customer.id


@pytest.mark.parametrize("side", ["take_ours", "take_theirs"])
def test_a_conflict_resolved_on_one_book_is_resolved_on_the_other(team: Team,
                                                                 side: str) -> None:
    a, b = team.books
    customer_id = _both_edit_notes(team)
    (conflict,) = a.sync.conflicts(customer_id)
    getattr(a.sync, side)(conflict.id)  # A's own value back, or B's kept on purpose
    expected = "A's note" if side == "take_ours" else "B's note"
    team.sync()
    for book in team.books:
        assert book.customers.get(customer_id).notes == expected
        assert book.sync.conflicts(customer_id) == []
        (resolved,) = book.sync.conflicts(customer_id, resolved=True)
        assert resolved.resolved_at is not None
    assert b.sync.all_conflicts() == []


def test_a_later_edit_of_another_value_leaves_the_conflict_open(team: Team) -> None:
    a, b = team.books
    customer_id = _both_edit_notes(team)
    a.customers.update(replace(a.customers.get(customer_id), notes="a third note"))
    team.sync()
    assert b.customers.get(customer_id).notes == "a third note"
    assert len(b.sync.conflicts(customer_id)) == 1  # neither value was chosen


def test_taking_back_a_code_another_customer_now_holds_says_so(team: Team) -> None:
    a, b = team.books
    first = a.customers.add(Customer(name="Acme Shanghai", code="C001")).record
    second = b.customers.add(Customer(name="Acme Beijing", code="C001")).record
    team.sync()
    team.sync()
    (duplicate,) = b.sync.conflicts(second.id)
    assert (duplicate.field, duplicate.ours, duplicate.theirs) == ("code", "C001", "")
    with pytest.raises(KeyTakenError) as caught:
        b.sync.take_ours(duplicate.id)
    assert "C001" in str(caught.value) and "another record" in str(caught.value)
    assert caught.value.message.startswith("{value} now belongs")  # translated by the window
    assert b.customers.get(second.id).code == "" and b.customers.get(first.id).code == "C001"
    assert b.sync.conflicts(second.id) == [duplicate]  # still open: nothing was written
    # Once the other customer's code changes, taking it back works and travels.
    b.customers.update(replace(b.customers.get(first.id), code="C009"))
    b.sync.take_ours(duplicate.id)
    team.sync()
    assert [a.customers.get(second.id).code, a.customers.get(first.id).code] == ["C001", "C009"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_imports_of_interactions_needs_and_plans_reach_the_other_book(
        team: Team, tmp_path: Path) -> None:
    a, b = team.books
    acme = a.customers.add(Customer(name="Acme", code="A1")).record
    a.contacts.add(Contact(customer_id=acme.id, name="王芳"))
    a.contacts.add(Contact(customer_id=acme.id, name="Li Lei"))
    team.sync()
    files = [
        ("interactions", [["客户编号", "拜访时间", "方式", "沟通内容", "下一步", "截止日期",
                           "参与联系人"],
                          ["A1", "2026/5/6 14:30", "拜访", "介绍新品", "寄样品", "2026-05-20",
                           "王芳、Li Lei"]]),
        ("needs", [["Customer", "Type", "Description", "Priority", "Status", "Raised",
                    "Raised by"],
                   ["Acme", "Complaint", "Late delivery", "High", "Open", "2026-05-01",
                    "Li Lei"]]),
        ("plans", [["客户编号", "计划期间", "状态", "当前关系层次", "目标关系层次", "现状分析"],
                   ["A1", "2027年一季度", "执行中", "依赖型", "3 · 合作共赢", "稳定"]]),
        ("plan_objectives", [["Customer code", "Period", "Objective", "Measure", "Target"],
                             ["A1", "2027-Q1", "Grow revenue", "Revenue", "1,200,000"]]),
        ("plan_actions", [["Customer code", "Period", "Action", "Due", "For objective"],
                          ["A1", "2027-Q1", "Visit the plant", "2027-02-01", "Grow revenue"]]),
    ]
    for kind, rows in files:
        assert a.imports.run(_csv(tmp_path / f"{kind}.csv", rows), kind).result.written
    team.sync()
    _same(a, b)
    [visit] = b.interactions.of_customer(acme.id)
    names = {c.id: c.name for c in b.contacts.of_customer(acme.id)}
    assert sorted(names[c] for c in visit.contact_ids) == ["Li Lei", "王芳"]
    [need] = b.needs.of_customer(acme.id)
    assert need.description == "Late delivery" and names[need.contact_id or ""] == "Li Lei"
    plan = b.plans.of_customer(acme.id, "2027-Q1")
    assert plan is not None and plan.situation == "稳定"
    assert [a_.what for a_ in plan.actions] == ["Visit the plant"]
    assert plan.actions[0].objective_id == plan.objectives[0].id
    assert b.reader.scalar("SELECT open_needs FROM customer_metrics WHERE customer_id = ?",
                           [acme.id]) == 1
    # Imported again on A with another next step: the update travels as an edit.
    files[0][1][1][4] = "寄报价单"
    again = a.imports.run(_csv(tmp_path / "interactions.csv", files[0][1]), "interactions")
    assert again.result.updated == 1
    team.sync()
    [visit] = b.interactions.of_customer(acme.id)
    assert visit.next_step == "寄报价单"
    _same(a, b)


def test_a_copy_of_a_book_on_another_computer_is_caught_before_it_sends(
        team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.sync import home

    monkeypatch.setattr(home, "computer", lambda: "laptop-1")
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.close()
    shutil.copyfile(tmp_path / "book0.db", tmp_path / "copy.db")
    a = team.books[0] = Book(tmp_path / "book0.db")
    copy = Book(tmp_path / "copy.db")
    team.books.append(copy)
    monkeypatch.setattr(home, "computer", lambda: "laptop-2")
    copy.customers.update(replace(copy.customers.get(customer.id), city="Ningbo"))
    before = team.packets(a)
    with pytest.raises(home.BookCopiedError) as caught:
        copy.sync.push(team.folder)
    assert "laptop-2" in str(caught.value) and "--new-device" in str(caught.value)
    with pytest.raises(home.BookCopiedError):
        copy.sync.pull(team.folder)
    assert team.packets(a) == before  # nothing sent under the original's id
    original = a.sync.device_id
    assert copy.sync.new_device() != original
    monkeypatch.setattr(home, "computer", lambda: "laptop-1")
    a.customers.update(replace(a.customers.get(customer.id), phone="021-5555 0101"))
    monkeypatch.setattr(home, "computer", lambda: "laptop-2")
    copy.sync.push(team.folder)
    copy.sync.pull(team.folder)
    monkeypatch.setattr(home, "computer", lambda: "laptop-1")
    team.sync(a, b)
    monkeypatch.setattr(home, "computer", lambda: "laptop-2")
    copy.sync.pull(team.folder)
    for book in (a, b, copy):
        stored = book.customers.get(customer.id)
        assert (stored.city, stored.phone) == ("Ningbo", "021-5555 0101")
    # A book moved for good says so once, and syncs there under its id.
    monkeypatch.setattr(home, "computer", lambda: "new-laptop")
    with pytest.raises(home.BookCopiedError):
        b.sync.push(team.folder)
    b.sync.moved_here()
    b.sync.push(team.folder)


def test_a_clock_days_ahead_waits_and_does_not_drag_the_others_along(
        team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.sync import clock

    a, b = team.books
    customer = a.customers.add(Customer(name="Acme", notes="first")).record
    team.sync()
    real = clock.now_ms
    days = 3 * 24 * 3600 * 1000
    monkeypatch.setattr(clock, "now_ms", lambda: real() + days)  # A's date is wrong
    a.customers.update(replace(a.customers.get(customer.id), notes="from the future"))
    a.sync.push(team.folder)
    monkeypatch.setattr(clock, "now_ms", real)
    pulled = b.sync.pull(team.folder)
    assert pulled.ahead == (a.sync.device_id,) and pulled.packets == 0
    assert b.customers.get(customer.id).notes == "first"  # it waits
    assert "more than a day ahead" in clock.AHEAD
    # A clock received never moves this book's more than a day past its computer's.
    clock.observe(b.connection, clock.format_hlc(real() + days, 5, a.sync.device_id))
    assert b.reader.scalar("SELECT clock_ms FROM sync_device") <= real() + clock.MAX_SKEW_MS
    # Once this computer's time is within a day of it, the packet is merged.
    monkeypatch.setattr(clock, "now_ms", lambda: real() + days - 3600 * 1000)
    pulled = b.sync.pull(team.folder)
    assert pulled.ahead == () and pulled.packets == 1
    assert b.customers.get(customer.id).notes == "from the future"


def test_a_copy_beside_the_original_on_one_computer_is_caught_before_it_syncs(
        team: Team, tmp_path: Path) -> None:
    """Copied to another file on the same computer (a 'Save as', a copy in another folder):
    the copy stops before sending or merging anything, names the original, and either way
    out works; a book whose file merely moved syncs on."""
    from storage.sync import home

    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    original = tmp_path / "book0.db"
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "copy.db")])  # the copy, whole
    copy = Book(tmp_path / "copy.db")
    team.books.append(copy)
    copy.customers.update(replace(copy.customers.get(customer.id), city="Ningbo"))
    before = team.packets(a)
    for work in (copy.sync.push, copy.sync.pull):
        with pytest.raises(home.BookCopiedHereError) as caught:
            work(team.folder)
        assert str(original) in str(caught.value) and "--new-device" in str(caught.value)
        assert caught.value.code == "book_copied_here"
    assert team.packets(a) == before  # nothing sent under the original's id
    assert copy.sync.new_device() != a.sync.device_id
    team.sync()
    team.sync()
    for book in (a, b, copy):
        assert book.customers.get(customer.id).city == "Ningbo"
        assert book.sync.status(team.folder).to_send == 0
    # The original's file moved on this computer (the old path gone): it syncs on.
    a.close()
    moved = tmp_path / "moved" / "book0.db"
    moved.parent.mkdir()
    original.rename(moved)
    a = team.books[0] = Book(moved)
    a.customers.update(replace(a.customers.get(customer.id), phone="021-5555 0101"))
    a.sync.push(team.folder)
    b.sync.pull(team.folder)
    assert b.customers.get(customer.id).phone == "021-5555 0101"


def test_a_copy_made_before_the_first_sync_is_caught_when_the_original_synced(
        team: Team, tmp_path: Path) -> None:
    from storage.sync import home

    a, b = team.books
    a.customers.add(Customer(name="Acme"))
    a.connection.execute("VACUUM INTO ?", [str(tmp_path / "early-copy.db")])  # not synced yet
    team.sync()
    copy = Book(tmp_path / "early-copy.db")
    team.books.append(copy)
    with pytest.raises(home.DeviceInUseError) as caught:
        copy.sync.push(team.folder)
    assert "up to number 1" in str(caught.value) and caught.value.code == "device_in_use"
    assert len(team.packets(a)) == 1
    copy.sync.new_device()
    copy.customers.add(Customer(name="Made on the copy"))
    team.sync()
    team.sync()
    names = "SELECT name FROM customers ORDER BY name"
    assert a.reader.query(names) == b.reader.query(names) == copy.reader.query(names)
    assert len(a.reader.query(names)) == 2


def test_a_pull_that_brings_back_a_record_deleted_here_says_so(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.delete(customer.id)
    b.customers.update(replace(b.customers.get(customer.id), city="Ningbo"))  # later
    a.sync.push(team.folder)
    b.sync.push(team.folder)
    assert b.sync.pull(team.folder).revived == 0  # B's edit stands: nothing came back there
    pulled = a.sync.pull(team.folder)
    assert pulled.revived == 1 and pulled.conflicts == 1
    assert a.customers.get(customer.id).deleted_at is None
