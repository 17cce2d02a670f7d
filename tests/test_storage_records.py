"""Every kind of record survives a round trip through the database, and writes are validated."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from models.entities import Assessment, Contact, Customer, Interaction, Need, Transaction
from models.enums import (
    ActionStatus,
    Attitude,
    ContactRole,
    InteractionKind,
    NeedKind,
    NeedStatus,
    ObjectiveKind,
    PlanStatus,
    RelationshipLevel,
    Sentiment,
    SupportKind,
    Tier,
)
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.validation import ValidationErrors
from storage.customer_queries import CustomerQuery
from storage.database import Database
from storage.errors import RecordNotFoundError

STAMPS = ("created_at", "updated_at")


def _same(stored: object, original: object) -> None:
    """Equal in every field except the timestamps storage assigns."""
    assert replace(stored, created_at="", updated_at="") == replace(  # type: ignore[type-var]
        original, created_at="", updated_at="")


@pytest.fixture
def customer(fresh_db: Database) -> Customer:
    return fresh_db.add(Customer(
        name="华为技术有限公司", code="C001", industry="电子", region="华南", city="深圳",
        owner="王磊", tags=("老客户", "上市公司"), relationship_level=RelationshipLevel.PARTNERSHIP,
        tier_override=Tier.STRATEGIC, tier_override_reason="Group headquarters",
        notes="第一行\n第二行"))


def test_customer_round_trip(fresh_db: Database, customer: Customer) -> None:
    stored = fresh_db.get(Customer, customer.id)
    _same(stored, customer)
    assert stored.created_at.endswith("+00:00") and stored.created_at == stored.updated_at
    assert len(stored.id) == 36


def test_every_child_record_round_trips(fresh_db: Database, customer: Customer) -> None:
    contact = fresh_db.add(Contact(customer_id=customer.id, name="张伟", title="采购总监",
                                   role=ContactRole.ECONOMIC_BUYER, influence=4,
                                   attitude=Attitude.SUPPORTER, is_primary=True,
                                   email="zhang.wei@example.cn", phone="+86 138-0000-0000"))
    records = [
        contact,
        fresh_db.add(Transaction(customer_id=customer.id, date=date(2026, 3, 1), amount=12_500.5,
                                 profit=3_000.25, due_date=date(2026, 3, 31),
                                 paid_date=date(2026, 4, 2), reference="INV-1", product="整机")),
        fresh_db.add(Interaction(customer_id=customer.id, kind=InteractionKind.VISIT,
                                 occurred_at=datetime(2026, 3, 2, 14, 30), summary="拜访采购部",
                                 contact_ids=(contact.id,), feedback="满意",
                                 sentiment=Sentiment.POSITIVE, next_step="发送报价单",
                                 next_step_due=date(2026, 3, 9))),
        fresh_db.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                          description="发货延迟", raised_on=date(2026, 2, 1))),
        fresh_db.add(Assessment(customer_id=customer.id, assessed_on=date(2026, 1, 15),
                                payment_credit=4, need_quality=3, communication=5,
                                industry_influence=5, growth_potential=4, loyalty=4, synergy=3,
                                satisfaction=None)),
    ]
    for record in records:
        _same(fresh_db.get(type(record), record.id), record)


def test_account_plan_round_trip_with_children(fresh_db: Database, customer: Customer) -> None:
    need = fresh_db.add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                             description="缩短交期"))
    objective = Objective(kind=ObjectiveKind.REVENUE, description="Revenue 2 M",
                          target_value=2_000_000, baseline_value=1_500_000, actual_value=1_750_000)
    plan = fresh_db.add(AccountPlan(
        customer_id=customer.id, period="2027-h1", status=PlanStatus.ACTIVE,
        situation="稳定合作", current_level=RelationshipLevel.DEPENDENT,
        target_level=RelationshipLevel.PARTNERSHIP, need_ids=(need.id,),
        objectives=[objective],
        support_measures=[SupportMeasure(kind=SupportKind.REBATE, terms="年度返利",
                                         rate_percent=3, cost=60_000)],
        actions=[PlanAction(what="高层拜访", owner="王磊", due_date=date(2027, 2, 1),
                            objective_id=objective.id)],
        reviews=[PlanReview(reviewed_on=date(2027, 3, 1), note="进展顺利")]))
    stored = fresh_db.get(AccountPlan, plan.id)
    assert stored.period == "2027-H1"
    assert stored.need_ids == (need.id,)
    assert [o.description for o in stored.objectives] == ["Revenue 2 M"]
    assert stored.objectives[0].progress == pytest.approx(0.5)
    assert stored.support_measures[0].rate_percent == 3
    assert stored.actions[0].objective_id == objective.id
    assert stored.actions[0].status is ActionStatus.OPEN
    assert stored.reviews[0].note == "进展顺利"

    # Saving again without an action removes it; nothing else is duplicated.
    fresh_db.update(replace(stored, actions=[]))
    again = fresh_db.get(AccountPlan, plan.id)
    assert again.actions == [] and len(again.objectives) == 1
    assert fresh_db.scalar("SELECT count(*) FROM plan_support_measures") == 1


def test_update_changes_fields_and_keeps_created_at(fresh_db: Database,
                                                    customer: Customer) -> None:
    updated = fresh_db.update(replace(customer, name="华为", owner="李娜"))
    stored = fresh_db.get(Customer, customer.id)
    assert stored.name == "华为" and stored.owner == "李娜"
    assert stored.created_at == customer.created_at
    assert updated.updated_at >= customer.updated_at


def test_soft_delete_hides_and_restore_brings_back(fresh_db: Database,
                                                   customer: Customer) -> None:
    fresh_db.soft_delete(Customer, customer.id)
    assert fresh_db.list_customers().total == 0
    with pytest.raises(RecordNotFoundError):
        fresh_db.get(Customer, customer.id)
    assert fresh_db.get(Customer, customer.id, include_deleted=True).is_deleted
    assert fresh_db.scalar("SELECT count(*) FROM customers") == 1  # the row is kept
    fresh_db.restore(Customer, customer.id)
    assert [r.id for r in fresh_db.list_customers().rows] == [customer.id]


def test_invalid_record_is_refused_and_nothing_written(fresh_db: Database) -> None:
    with pytest.raises(ValidationErrors) as caught:
        fresh_db.add(Customer(name="  ", email="not-an-address"))
    assert {e.field for e in caught.value.errors} == {"name", "email"}
    assert fresh_db.scalar("SELECT count(*) FROM customers") == 0


def test_add_many_is_all_or_nothing(fresh_db: Database, customer: Customer) -> None:
    good = Transaction(customer_id=customer.id, date=date(2026, 1, 1), amount=10)
    bad = Transaction(customer_id=customer.id, date=date(2026, 1, 1), amount=float("nan"))
    with pytest.raises(ValidationErrors):
        fresh_db.add_many([good, bad])
    assert fresh_db.scalar("SELECT count(*) FROM transactions") == 0


def test_customer_detail_orders_like_the_workspace(fresh_db: Database,
                                                   customer: Customer) -> None:
    for day, amount in ((1, 100.0), (20, 300.0), (10, 200.0)):
        fresh_db.add(Transaction(customer_id=customer.id, date=date(2026, 5, day), amount=amount))
    fresh_db.add(Need(customer_id=customer.id, kind=NeedKind.SUGGESTION, description="done",
                      status=NeedStatus.MET))
    fresh_db.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT, description="open"))
    detail = fresh_db.customer_detail(customer.id)
    assert [t.amount for t in detail.transactions] == [300.0, 200.0, 100.0]
    assert [n.description for n in detail.needs] == ["open", "done"]
    assert detail.metrics["open_needs"] == 1


def test_resolve_customer_by_id_code_or_exact_name(fresh_db: Database,
                                                    customer: Customer) -> None:
    assert fresh_db.resolve_customer(customer.id).id == customer.id
    assert fresh_db.resolve_customer("C001").id == customer.id
    assert fresh_db.resolve_customer("华为技术有限公司").id == customer.id
    with pytest.raises(RecordNotFoundError):
        fresh_db.resolve_customer("华为")


def test_search_by_name_code_pinyin_initials_tag_and_contact(fresh_db: Database,
                                                             customer: Customer) -> None:
    other = fresh_db.add(Customer(name="Northwind Trading", code="N-7"))
    fresh_db.add(Contact(customer_id=other.id, name="李明"))

    def found(text: str) -> set[str]:
        return set(fresh_db.customer_ids(CustomerQuery(search=text)))

    assert found("hwjs") == {customer.id}
    assert found("HuaWei") == {customer.id}
    assert found("c001") == {customer.id}
    assert found("上市") == {customer.id}
    assert found("north") == {other.id}
    assert found("李明") == {other.id}
    assert found("lm") == {other.id}
    assert found("%") == set()  # no wildcard leaks into the match


def test_chinese_and_latin_names_sort_by_pronunciation(fresh_db: Database) -> None:
    for name in ("Zeta Ltd", "阿里巴巴", "北京银行", "Alpha Co", "中国石化"):
        fresh_db.add(Customer(name=name))
    names = [r.name for r in fresh_db.list_customers().rows]
    assert names == ["阿里巴巴", "Alpha Co", "北京银行", "Zeta Ltd", "中国石化"]


def test_ids_come_in_two_steps_when_many_match(demo_db: Database) -> None:
    for query in (CustomerQuery(), CustomerQuery(search="a"),
                  CustomerQuery(search="a", descending=True)):
        every = demo_db.customer_ids(query)
        assert len(every) > 20
        steps = list(demo_db.customer_ids_in_steps(query, 20))
        assert steps == [(every[:20], len(every)), (every, len(every))]
        # The ids read in one SQLite step are in the order row-by-row reading gives.
        assert every == [r.id for r in demo_db.list_customers(query, limit=1_000).rows]
    assert not demo_db.conn.in_transaction


def test_ids_come_at_once_when_few_match_or_filters_apply(demo_db: Database) -> None:
    some = demo_db.list_customers(limit=1).rows[0]
    for query in (CustomerQuery(search=some.name),
                  CustomerQuery(search="a", owners=frozenset({some.owner})),
                  CustomerQuery(search="a", sort="score"),
                  CustomerQuery(ids=frozenset({some.id}))):
        every = demo_db.customer_ids(query)
        assert list(demo_db.customer_ids_in_steps(query, 20)) == [(every, len(every))]


def test_both_steps_read_one_snapshot(demo_db: Database) -> None:
    query = CustomerQuery(search="a")
    steps = demo_db.customer_ids_in_steps(query, 20)
    head, total = next(steps)
    with Database(demo_db.path) as other:  # another window adds a matching customer
        added = other.add(Customer(name="Zzzz Alpha Trading"))  # sorts last
    ids, count = next(steps)
    assert count == total == len(ids) and ids[:20] == head and added.id not in ids
    steps.close()
    assert not demo_db.conn.in_transaction
    assert added.id in demo_db.customer_ids(query)


def test_id_lists_survive_ids_with_the_separator(demo_db: Database) -> None:
    odd = "SELECT 'a' || char(31) || 'b' AS customer_id UNION ALL SELECT 'c'"
    assert demo_db._id_list(odd, []) == ["a\x1fb", "c"]
    assert demo_db._id_list("SELECT '' AS customer_id", []) == [""]
    assert demo_db._id_list("SELECT customer_id FROM customer_metrics WHERE 0", []) == []
