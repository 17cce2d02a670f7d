"""Books of one team kept in step through a folder: what travels, how it merges, and what
happens to packets that arrive late, twice, damaged, or from a newer KeyPlan."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from models.entities import Contact, Customer, Interaction, Transaction
from models.enums import ActionStatus, InteractionKind, NeedKind, Priority
from models.plans import PlanAction
from storage.book import Book
from storage.errors import StorageError
from storage.sync.errors import AlreadyInTeamError, NotInTeamError, OtherTeamError


class Team:
    """Books in ``tmp_path`` sharing ``folder``."""

    def __init__(self, root: Path, size: int) -> None:
        self.folder = root / "shared"
        self.folder.mkdir()
        self.books = [Book(root / f"book{n}.db", new_book=True) for n in range(size)]
        key = self.books[0].sync.team_init()
        for book in self.books[1:]:
            book.sync.join(key)

    def sync(self, *books: Book) -> None:
        for book in books or self.books:
            book.sync.push(self.folder)
        for book in books or self.books:
            book.sync.pull(self.folder)

    def packets(self, book: Book) -> list[Path]:
        return sorted((self.folder / "keyplan-sync" / book.sync.device_id).glob("*.kpk"))

    def close(self) -> None:
        for book in self.books:
            book.close()


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def _rows(book: Book, table: str) -> list[tuple[object, ...]]:
    columns = [row[1] for row in book.connection.execute(f"PRAGMA table_info({table})")
               if row[1] not in ("updated_at", "import_batch")]
    return sorted(book.connection.execute(f"SELECT {', '.join(columns)} FROM {table}"),
                  key=repr)


def _same(a: Book, b: Book) -> None:
    for table in ("customers", "contacts", "transactions", "interactions",
                  "interaction_contacts", "needs", "plans", "plan_objectives", "plan_actions",
                  "plan_needs", "people"):
        assert _rows(a, table) == _rows(b, table), table


def test_everything_a_book_holds_reaches_a_member_and_nothing_comes_back(team: Team) -> None:
    a, b = team.books
    a.demo.generate(60, seed=3)  # every kind of record, plans and their parts included
    customer = a.customers.add(Customer(name="华为技术", code="HW", tags=("key",))).record
    a.contacts.add(Contact(customer_id=customer.id, name="王芳"))
    pushed = a.sync.push(team.folder)
    pulled = b.sync.pull(team.folder)
    assert pushed.ops == pulled.ops > 0 and pulled.records == pulled.ops
    _same(a, b)
    search = b.reader.scalar("SELECT search_text FROM customers WHERE id = ?", [customer.id])
    assert "hwjs" in search and "王芳" in search  # derived keys worked out there
    assert b.reader.scalar("SELECT search_text FROM customer_metrics WHERE customer_id = ?",
                           [customer.id]) == search
    assert pulled.changes.rows_added_or_removed and pulled.rescore_due
    assert b.sync.push(team.folder).ops == 0  # what came in is not sent back
    assert a.sync.pull(team.folder).ops == 0  # nor is our own packet merged again


def test_two_members_editing_different_fields_both_keep_their_edit(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), phone="021-5555 0101"))
    b.customers.update(replace(b.customers.get(customer.id), city="Suzhou"))
    team.sync()
    team.sync()
    for book in team.books:
        stored = book.customers.get(customer.id)
        assert (stored.phone, stored.city) == ("021-5555 0101", "Suzhou")
        assert book.sync.conflicts(customer.id) == []


def test_the_same_field_keeps_the_later_edit_and_sets_the_other_aside(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme", notes="first")).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), notes="A's note"))
    b.customers.update(replace(b.customers.get(customer.id), notes="B's note"))  # later
    team.sync()
    team.sync()
    assert {book.customers.get(customer.id).notes for book in team.books} == {"B's note"}
    (in_a,) = a.sync.conflicts(customer.id)
    (in_b,) = b.sync.conflicts(customer.id)
    assert (in_a.field, in_a.ours, in_a.theirs, in_a.kept) == ("notes", "A's note", "B's note",
                                                               "theirs")
    assert (in_b.ours, in_b.theirs, in_b.kept) == ("B's note", "A's note", "ours")
    assert in_a.ours_hlc is not None and in_a.theirs_hlc is not None
    assert in_a.device == b.sync.device_id and in_a.ours_hlc < in_a.theirs_hlc
    # One click takes the value set aside instead: a new edit, which wins everywhere.
    done = a.sync.take_ours(in_a.id)
    assert "customers" in done.changes.tables
    assert a.sync.conflicts(customer.id) == []
    team.sync()
    assert {book.customers.get(customer.id).notes for book in team.books} == {"A's note"}
    assert b.sync.conflicts(customer.id) == []  # A's choice resolved B's copy of it too


def test_an_edit_made_after_seeing_the_other_value_is_no_conflict(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.update(replace(a.customers.get(customer.id), owner="Li"))
    team.sync()
    b.customers.update(replace(b.customers.get(customer.id), owner="Wang"))
    team.sync()
    assert {book.customers.get(customer.id).owner for book in team.books} == {"Wang"}
    assert a.sync.conflicts(customer.id) == [] and b.sync.conflicts(customer.id) == []


def test_an_edit_after_a_delete_elsewhere_revives_and_says_so(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.delete(customer.id)
    b.customers.update(replace(b.customers.get(customer.id), city="Ningbo"))  # later
    team.sync()
    team.sync()
    for book in team.books:
        assert book.customers.get(customer.id).city == "Ningbo"  # alive everywhere
        (revived,) = book.sync.conflicts(customer.id)
        assert revived.kind == "revived" and revived.field == "deleted_at"
    assert a.customers.count() == 1 and a.reader.scalar(
        "SELECT deleted FROM customer_metrics WHERE customer_id = ?", [customer.id]) == 0


def test_a_delete_after_every_edit_stands(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    b.customers.update(replace(b.customers.get(customer.id), city="Ningbo"))
    a.customers.delete(customer.id)  # later than B's edit, though A has not seen it
    team.sync()
    team.sync()
    for book in team.books:
        assert book.reader.scalar("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?",
                                  [customer.id]) == 1
        assert book.reader.scalar("SELECT city FROM customers WHERE id = ?",
                                  [customer.id]) == "Ningbo"  # the tombstone keeps the edit


def test_new_interactions_never_conflict_and_their_fields_merge(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    visit = a.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.VISIT,
                                           occurred_at=datetime(2026, 5, 4, 10, 0), summary="visit",
                                           next_step="send offer", next_step_due=date(2026, 5,
                                                                                      8))).record
    b.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.CALL,
                                   occurred_at=datetime(2026, 5, 4, 11, 0), summary="call"))
    team.sync()
    team.sync()
    a.interactions.update(replace(a.interactions.get(visit.id), next_step_done=True))
    b.interactions.update(replace(b.interactions.get(visit.id), feedback="liked it"))
    team.sync()
    team.sync()
    _same(a, b)
    for book in team.books:
        stored = book.interactions.get(visit.id)
        assert stored.next_step_done and stored.feedback == "liked it"
        assert len(book.interactions.of_customer(customer.id)) == 2
        assert book.sync.conflicts(customer.id) == []
        assert book.reader.scalar("SELECT next_follow_up FROM customer_metrics WHERE "
                                  "customer_id = ?", [customer.id]) is None  # done: none due


def test_an_edit_that_arrives_before_its_record_waits_for_it(tmp_path: Path) -> None:
    made = Team(tmp_path, 3)
    a, b, c = made.books
    try:
        customer = a.customers.add(Customer(name="Acme")).record
        a.sync.push(made.folder)
        b.sync.pull(made.folder)
        b.customers.update(replace(b.customers.get(customer.id), city="Wuxi"))
        b.contacts.add(Contact(customer_id=customer.id, name="Zhao"))
        b.sync.push(made.folder)
        # C's copy of the folder has B's packet but not yet A's.
        late = made.packets(a)[0]
        kept = late.read_bytes()
        late.unlink()
        pulled = c.sync.pull(made.folder)
        assert pulled.waiting == 2 and c.sync.status(made.folder).waiting == 2
        assert c.customers.count() == 0
        late.write_bytes(kept)
        pulled = c.sync.pull(made.folder)
        assert pulled.waiting == 0
        assert c.customers.get(customer.id).city == "Wuxi"
        assert [x.name for x in c.contacts.of_customer(customer.id)] == ["Zhao"]
        made.sync()
        _same(a, c)
    finally:
        made.close()


def test_packets_apply_in_number_order_and_a_gap_waits(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    a.sync.push(team.folder)
    a.customers.update(replace(a.customers.get(customer.id), city="Hefei"))
    a.sync.push(team.folder)
    first, second = team.packets(a)
    held = first.read_bytes()
    first.unlink()  # the second arrived first
    assert b.sync.pull(team.folder).packets == 0
    status = b.sync.status(team.folder)
    (peer,) = [p for p in status.peers if not p.own]
    assert (peer.applied, peer.available, peer.pending) == (0, 2, 1)
    first.write_bytes(held)
    assert b.sync.pull(team.folder).packets == 2
    assert b.customers.get(customer.id).city == "Hefei"
    shutil.copyfile(second, second.with_name("copy.kpk"))  # a stray copy is no packet
    assert b.sync.pull(team.folder).packets == 0


def test_a_damaged_packet_is_quarantined_never_applied_and_read_again_once_whole(
        team: Team) -> None:
    a, b = team.books
    a.customers.add(Customer(name="Acme"))
    a.sync.push(team.folder)
    (packet,) = team.packets(a)
    whole = packet.read_bytes()
    packet.write_bytes(whole[:len(whole) // 2])  # still being synced
    pulled = b.sync.pull(team.folder)
    assert (pulled.packets, pulled.quarantined, b.customers.count()) == (0, 1, 0)
    (refused,) = b.sync.status(team.folder).quarantined
    assert refused.number == 1 and "check failed" in refused.reason
    assert b.sync.pull(team.folder).quarantined == 0  # the same bytes are not read again
    packet.write_bytes(whole)  # the sync program finished
    pulled = b.sync.pull(team.folder)
    assert (pulled.packets, b.customers.count()) == (1, 1)
    assert b.sync.status(team.folder).quarantined == ()


def test_a_packet_from_a_newer_keyplan_waits_for_the_update(team: Team,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    a, b = team.books
    a.customers.add(Customer(name="Acme"))
    monkeypatch.setattr(type(a.reader), "schema_version", property(lambda self: 99))
    a.sync.push(team.folder)
    monkeypatch.undo()
    pulled = b.sync.pull(team.folder)
    assert pulled.outdated == (a.sync.device_id,) and pulled.packets == 0
    assert b.sync.status(team.folder).quarantined == ()


def test_the_same_code_given_twice_stays_with_the_first_customer(team: Team) -> None:
    a, b = team.books
    first = a.customers.add(Customer(name="Acme Shanghai", code="C001")).record
    second = b.customers.add(Customer(name="Acme Beijing", code="C001")).record
    team.sync()
    team.sync()
    _same(a, b)
    for book in team.books:
        assert book.customers.get(first.id).code == "C001"
        assert book.customers.get(second.id).code == ""
        (duplicate,) = book.sync.conflicts(second.id)
        assert (duplicate.kind, duplicate.field) == ("duplicate", "code")


def test_imports_travel_and_their_undo_too(team: Team, tmp_path: Path) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme", code="A1")).record
    sales = tmp_path / "sales.csv"
    sales.write_text("customer code,date,amount\nA1,2026-03-01,100\nA1,2026-03-02,250\n",
                     encoding="utf-8")
    imported = a.imports.run(sales, "transactions")
    team.sync()
    assert b.reader.scalar("SELECT total(amount) FROM transactions WHERE deleted_at IS NULL") \
        == 350
    assert b.reader.scalar("SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?",
                           [customer.id]) == a.reader.scalar(
        "SELECT revenue_12m FROM customer_metrics WHERE customer_id = ?", [customer.id])
    assert imported.result.batch is not None
    a.imports.undo(imported.result.batch)
    team.sync()
    _same(a, b)
    assert b.reader.scalar("SELECT count(*) FROM transactions WHERE deleted_at IS NULL") == 0


def test_plans_travel_part_by_part(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    need = a.needs.add(_need(customer.id)).record
    plan = a.plans.create(customer.id, "2027-H1", carry_over=False).record
    plan = a.plans.save(replace(plan, need_ids=(need.id,), actions=[
        PlanAction(plan_id=plan.id, what="visit the plant"),
        PlanAction(plan_id=plan.id, what="send samples")])).record
    team.sync()
    _same(a, b)
    in_b = b.plans.get(plan.id)
    first, second = in_b.actions
    done = replace(first, status=ActionStatus.DONE)
    b.plans.save(replace(in_b, actions=[done, second]))  # B: done
    a_plan = a.plans.get(plan.id)  # A: the other action goes, its wording changes
    a.plans.save(replace(a_plan, situation="growing", actions=[a_plan.actions[0]]))
    team.sync()
    team.sync()
    _same(a, b)
    for book in team.books:
        stored = book.plans.get(plan.id)
        assert stored.situation == "growing" and stored.need_ids == (need.id,)
        assert [(x.what, x.status.value) for x in stored.actions] == [("visit the plant",
                                                                       "done")]


def test_scoring_settings_travel_and_every_member_sees_the_same_tiers(team: Team) -> None:
    a, b = team.books
    for number in range(12):
        customer = a.customers.add(Customer(name=f"Customer {number}")).record
        a.transactions.add(Transaction(customer_id=customer.id, date=date(2026, 3, 1),
                                       amount=1000.0 * (number + 1) ** 2))
    config = a.scoring.config()
    a.scoring.change_settings(replace(config, weights={
        **config.weights, "revenue": config.weights["revenue"] + 5,
        "tenure": config.weights["tenure"] - 5}))
    a.scoring.rescore()
    team.sync()
    assert b.scoring.config() == a.scoring.config()
    b.scoring.rescore()
    tiers = "SELECT customer_id, tier, round(score, 6) FROM customer_metrics ORDER BY 1"
    assert a.reader.query(tiers) == b.reader.query(tiers)
    assert b.reader.scalar("SELECT count(*) FROM change_log WHERE table_name = "
                           "'customer_metrics'") == 0  # scores themselves never travel


def test_a_book_restored_from_a_backup_gets_its_own_later_changes_back(team: Team,
                                                                      tmp_path: Path) -> None:
    a, b = team.books
    first = a.customers.add(Customer(name="Before the backup")).record
    a.sync.push(team.folder)
    backup = tmp_path / "backup.db"
    a.reader.conn.execute("VACUUM INTO ?", [str(backup)])
    later = a.customers.add(Customer(name="After the backup")).record
    a.sync.push(team.folder)
    path = a.path
    a.close()
    shutil.copyfile(backup, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    restored = Book(path)
    team.books[0] = restored
    pulled = restored.sync.pull(team.folder)
    assert pulled.packets == 1
    assert {c.id for c in restored.customers.where("1")} == {first.id, later.id}
    restored.customers.add(Customer(name="After the restore"))
    assert restored.sync.push(team.folder).packets == 1
    assert len(team.packets(restored)) == 3  # numbered after its earlier packets
    b.sync.pull(team.folder)
    assert b.customers.count() == 3


def test_membership_and_folders_are_checked(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    with Book(tmp_path / "solo.db", new_book=True) as solo:
        with pytest.raises(NotInTeamError):
            solo.sync.push(tmp_path / "shared")
        solo.team.start("Li Lei")
        team = solo.sync.status(tmp_path / "shared").team
        with pytest.raises(AlreadyInTeamError) as already:
            solo.sync.team_init()
        # The team by its people, not its id's 16 hex digits.
        assert "(members: Li Lei)" in str(already.value) and team not in str(already.value)
        solo.sync.push(tmp_path / "shared")
    with Book(tmp_path / "other.db", new_book=True) as other:
        other.team.start("Zhao Min")
        with pytest.raises(OtherTeamError) as another:
            other.sync.pull(tmp_path / "shared")
        assert "another team (its members: Li Lei), not this book's" in str(another.value)
        assert team not in str(another.value)
        with pytest.raises(StorageError):
            other.sync.pull(tmp_path / "no such folder")


def _need(customer_id: str):  # type: ignore[no-untyped-def]
    from models.entities import Need

    return Need(customer_id=customer_id, kind=NeedKind.REQUIREMENT, description="faster "
                "delivery", priority=Priority.HIGH, raised_on=date(2026, 5, 1))



def test_the_figures_a_merge_works_out_are_the_books_own(team: Team) -> None:
    """The activity figures and list columns kept in step by a merge equal what the book
    computes for itself from the same records (storage/metrics.py)."""
    a, b = team.books
    a.demo.generate(40, seed=5)
    team.sync()
    rows = a.reader.query("SELECT id, customer_id FROM interactions WHERE deleted_at IS NULL "
                          "ORDER BY id LIMIT 30")
    for number, row in enumerate(rows):
        interaction = a.interactions.get(row["id"])
        if number % 3 == 0:
            a.interactions.delete(interaction.id)
        else:
            a.interactions.update(replace(interaction, next_step_done=not
                                          interaction.next_step_done))
    for number, customer_id in enumerate(r["customer_id"] for r in rows[:10]):
        a.transactions.add(Transaction(customer_id=customer_id, date=date.today(),
                                       amount=100.0 * (number + 1)))
        customer = a.customers.get(customer_id)
        a.customers.update(replace(customer, owner=f"Owner {number}", name=f"新名字 {number}"))
    for need in a.reader.query("SELECT id FROM needs WHERE deleted_at IS NULL LIMIT 5"):
        a.needs.delete(need["id"])
    team.sync()
    # Sums to the cent: rows stored in another order add up in another order.
    columns = ("customer_id, round(revenue_12m, 6), round(profit_12m, 6), first_purchase, "
               "last_purchase, "
               "last_interaction_at, next_follow_up, open_needs, deleted, name_sort, owner, "
               "relationship_level, search_text")
    merged = b.reader.query(f"SELECT {columns} FROM customer_metrics ORDER BY customer_id")
    b.reader.refresh_activity()
    assert b.reader.query(f"SELECT {columns} FROM customer_metrics ORDER BY customer_id") \
        == merged
    assert merged == a.reader.query(f"SELECT {columns} FROM customer_metrics ORDER BY "
                                    f"customer_id")


def test_one_customers_plans_for_one_period_and_people_of_one_name_stay_one(
        team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    first = a.plans.create(customer.id, "2027-H1", carry_over=False).record
    second = b.plans.create(customer.id, "2027-H1", carry_over=False).record  # made later
    a.people.ensure("Li Lei")
    b.people.ensure("Li Lei")
    team.sync()
    team.sync()
    _same(a, b)
    for book in team.books:
        assert [p.id for p in book.plans.all_of_customer(customer.id)] == [first.id]
        (duplicate,) = book.sync.conflicts(customer.id)
        assert (duplicate.kind, duplicate.record_id) == ("duplicate", second.id)
        assert [p.name for p in book.people.listed()] == ["Li Lei"]


def test_lists_and_settings_edited_on_both_books_merge_as_fields_do(team: Team) -> None:
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    zhao = a.contacts.add(Contact(customer_id=customer.id, name="Zhao")).record
    qian = a.contacts.add(Contact(customer_id=customer.id, name="Qian")).record
    meeting = a.interactions.add(Interaction(customer_id=customer.id,
                                             kind=InteractionKind.MEETING,
                                             occurred_at=datetime(2026, 5, 4, 10, 0),
                                             summary="kick-off",
                                             contact_ids=(zhao.id,))).record
    team.sync()
    a.interactions.update(replace(a.interactions.get(meeting.id), contact_ids=(zhao.id,
                                                                               qian.id)))
    b.interactions.update(replace(b.interactions.get(meeting.id), contact_ids=(qian.id,)))
    a.settings.save(a.settings.backup_policy(), service_levels={
        Priority.HIGH: 1, Priority.MEDIUM: 4, Priority.LOW: 9})
    b.settings.save(b.settings.backup_policy(), service_levels={  # later: it wins
        Priority.HIGH: 3, Priority.MEDIUM: 6, Priority.LOW: 12})
    team.sync()
    team.sync()
    _same(a, b)
    for book in team.books:
        assert book.interactions.get(meeting.id).contact_ids == (qian.id,)
        assert book.settings.service_levels()[Priority.HIGH] == 3
    (lost,) = a.sync.conflicts(customer.id)
    assert lost.field == "contact_ids" and sorted(lost.ours) == sorted([zhao.id, qian.id])
    a.sync.take_ours(lost.id)
    (setting,) = [c for c in a.sync.all_conflicts() if c.table == "settings"]
    assert setting.record_id == "service_levels" and setting.kept == "theirs"
    a.sync.take_ours(setting.id)
    team.sync()
    for book in team.books:
        assert set(book.interactions.get(meeting.id).contact_ids) == {zhao.id, qian.id}
        assert book.settings.service_levels()[Priority.HIGH] == 1


def test_a_list_logged_as_its_json_text_travels_as_the_list(team: Team) -> None:
    """The importer logs an updated interaction's contacts as the JSON text of the list
    (storage/importer/writer.py); they travel as the list itself."""
    from storage.mapping import to_row, to_sql

    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    zhao = a.contacts.add(Contact(customer_id=customer.id, name="Zhao")).record
    call = a.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.CALL,
                                          occurred_at=datetime(2026, 5, 4, 10, 0),
                                          summary="call")).record
    team.sync()
    with a.reader.atomic():  # what an import's update of the call writes
        a.reader.conn.execute("INSERT INTO interaction_contacts VALUES (?, ?)",
                              [call.id, zhao.id])
        before = {**to_row(call), "contact_ids": to_sql(())}
        after = {**to_row(call), "contact_ids": to_sql((zhao.id,))}
        a.reader.log_change("update", "interactions", call.id, customer.id, before, after)
    team.sync()
    assert b.interactions.get(call.id).contact_ids == (zhao.id,)


def test_two_connections_pulling_at_once_merge_each_packet_once(team: Team) -> None:
    """The window and a command on one book may pull at the same moment: a packet the other
    merged while this one read the folder is not merged again."""
    a, b = team.books
    a.customers.add(Customer(name="Acme"))
    a.sync.push(team.folder)
    with Book(b.path) as window:
        from storage.sync import state

        stale = [state.applied(b.connection)]  # b read the folder, then the window merged
        assert window.sync.pull(team.folder).packets == 1
        original = state.applied
        try:
            state.applied = lambda conn: stale.pop() if stale else original(conn)
            pulled = b.sync.pull(team.folder)
        finally:
            state.applied = original
        assert not stale and pulled.packets == 1 and pulled.ops == 0
    assert b.customers.count() == 1
