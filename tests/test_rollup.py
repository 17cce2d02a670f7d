"""The manager's roll-up (issue 18): every figure of a small book worked out by hand, the
slipping customers and plan progress against the Today view's and the plans module's own
answers on the demo book, and the sheet and the command that export it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.entities import Customer, Interaction, Need, Transaction
from models.enums import (
    ActionStatus,
    InteractionKind,
    NeedKind,
    NeedStatus,
    ObjectiveKind,
    PersonRole,
    PlanStatus,
    SnapshotPeriod,
    Tier,
)
from models.people import Person
from models.periods import Period
from models.plans import AccountPlan, Objective, PlanAction
from storage.book import Book
from storage.database import Database
from tests.conftest import DEMO_ANCHOR

AS_OF = date(2026, 6, 30)
HOSTILE = "=cmd|' /C calc'!A0"


def _customer(book: Book, name: str, owner: str, tier: Tier) -> Customer:
    return book.customers.add(Customer(name=name, owner=owner, tier_override=tier,
                                       tier_override_reason="set for the test")).record


def _sale(book: Book, customer: Customer, day: str, amount: float,
          profit: float | None = None) -> None:
    book.transactions.add(Transaction(customer_id=customer.id, date=date.fromisoformat(day),
                                      amount=amount, profit=profit))


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Book]:
    """Ann owns A1 (strategic) and A2 (key), Bob owns B1 (standard) and a customer in the
    bin, N1 (low value) has no owner; Cy owns no customer but one follow-up; Dee is a
    salesperson with nothing yet."""
    book = Book(tmp_path / "small.db", new_book=True)
    a1 = _customer(book, "A1", "Ann", Tier.STRATEGIC)
    a2 = _customer(book, "A2", "Ann", Tier.KEY)
    b1 = _customer(book, "B1", "Bob", Tier.STANDARD)
    n1 = _customer(book, "N1", "", Tier.LOW_VALUE)
    gone = _customer(book, "X1", "Bob", Tier.KEY)
    _sale(book, a1, "2026-03-01", 1000, profit=200)  # this year (and in the plan's half)
    _sale(book, a1, "2025-03-01", 500)  # the year before
    _sale(book, a1, "2024-03-01", 9999)  # more than two years back: neither
    _sale(book, a1, "2026-07-05", 777)  # after the day of the roll-up
    _sale(book, a2, "2025-07-01", 200)  # this year
    _sale(book, a2, "2025-06-30", 300)  # exactly a year back: the year before
    _sale(book, b1, "2026-06-30", 400)  # the day itself: this year
    _sale(book, n1, "2025-01-01", 100)  # the year before
    _sale(book, gone, "2026-01-01", 5000)  # in the bin: not counted
    book.plans.save(AccountPlan(
        customer_id=a1.id, period="2026-H1", status=PlanStatus.ACTIVE, objectives=[
            Objective(kind=ObjectiveKind.REVENUE, description="Sell 800",
                      baseline_value=0, target_value=800),  # 1,000 sold: met
            Objective(kind=ObjectiveKind.MARGIN, description="30 % margin",
                      target_value=30),  # 20 %: not met
            Objective(kind=ObjectiveKind.FREE_TEXT, description="Meet the CEO"),
        ], actions=[
            PlanAction(what="Done", due_date=date(2026, 5, 1), status=ActionStatus.DONE,
                       done_on=date(2026, 5, 1)),
            PlanAction(what="Late", due_date=date(2026, 6, 1)),  # Ann's, overdue
            PlanAction(what="Dropped", due_date=date(2026, 6, 1),
                       status=ActionStatus.CANCELLED),
            PlanAction(what="Bob helps", owner="Bob", due_date=date(2026, 6, 15)),
        ]))
    book.plans.save(AccountPlan(  # a draft: its late action counts, the plan does not
        customer_id=b1.id, period="2026-H1", status=PlanStatus.DRAFT,
        actions=[PlanAction(what="Draft's", due_date=date(2026, 5, 1))]))
    book.plans.save(AccountPlan(  # closed: nothing of it counts
        customer_id=b1.id, period="2025-H2", status=PlanStatus.CLOSED,
        actions=[PlanAction(what="Old", due_date=date(2025, 9, 1))]))
    visit = datetime(2026, 6, 20, 10, 0)
    book.interactions.add(Interaction(customer_id=a1.id, kind=InteractionKind.VISIT,
                                      occurred_at=visit, summary="Visit", next_step="Call",
                                      next_step_due=date(2026, 6, 29)))  # Ann's, overdue
    book.interactions.add(Interaction(customer_id=b1.id, kind=InteractionKind.CALL,
                                      occurred_at=visit - timedelta(days=3), summary="Call",
                                      next_step="Quote", next_step_due=AS_OF))  # due today
    book.interactions.add(Interaction(customer_id=n1.id, kind=InteractionKind.CALL,
                                      occurred_at=visit - timedelta(days=25), summary="Call",
                                      next_step="Send", next_step_due=date(2026, 6, 1),
                                      owner="Cy"))  # Cy's, overdue
    book.needs.add(Need(customer_id=b1.id, kind=NeedKind.COMPLAINT, description="Late"))
    book.needs.add(Need(customer_id=a1.id, kind=NeedKind.COMPLAINT, description="Fixed",
                        status=NeedStatus.MET, resolved_on=date(2026, 6, 1),
                        resolution="Replaced"))
    book.needs.add(Need(customer_id=a1.id, kind=NeedKind.REQUIREMENT, description="Faster"))
    book.people.add(Person(name="Dee", role=PersonRole.SALESPERSON))
    book.people.add(Person(name="Max", role=PersonRole.MANAGER))
    book.records.delete(Customer, gone.id)
    book.scoring.rescore(AS_OF)
    yield book
    book.close()


def test_every_figure_of_a_small_book(small: Book) -> None:
    rollup = small.rollup(as_of=AS_OF)
    assert [r.owner for r in rollup.rows] == ["Ann", "Bob", "Cy", "Dee", ""]
    assert rollup.owners == ["Ann", "Bob", "Cy", "Dee"] and rollup.is_team
    ann, bob, cy, dee, nobody = rollup.rows
    assert ann.customers == {Tier.STRATEGIC: 1, Tier.KEY: 1} and ann.customer_count == 2
    assert (ann.revenue, ann.revenue_before) == (1200, 800)
    assert ann.change == pytest.approx(0.5) and ann.share == pytest.approx(0.75)
    assert (ann.active_plans, ann.objectives, ann.objectives_met) == (1, 3, 1)
    assert (ann.plan_revenue, ann.plan_revenue_target) == (1000, 800)
    assert ann.plan_revenue_progress == pytest.approx(1.25)
    assert (ann.actions, ann.actions_done) == (3, 1)  # the cancelled one left out
    assert ann.actions_progress == pytest.approx(1 / 3)
    assert (ann.overdue_actions, ann.overdue_follow_ups, ann.open_complaints) == (1, 1, 0)
    assert ann.last_activity == datetime(2026, 6, 20, 10, 0)

    assert bob.customers == {Tier.STANDARD: 1} and (bob.revenue, bob.revenue_before) == (400, 0)
    assert bob.change is None and bob.share == pytest.approx(0.25)
    assert bob.active_plans == 0 and bob.objectives == 0 and bob.actions == 0
    # His own action on Ann's plan and the draft plan's: the closed plan's is not late work.
    assert (bob.overdue_actions, bob.overdue_follow_ups, bob.open_complaints) == (2, 0, 1)
    assert bob.last_activity == datetime(2026, 6, 17, 10, 0)

    assert cy.customer_count == 0 and cy.revenue == 0 and cy.overdue_follow_ups == 1
    assert cy.share == 0 and cy.last_activity is None
    assert dee.customer_count == 0 and dee.overdue_work == 0

    assert nobody.customers == {Tier.LOW_VALUE: 1}
    assert (nobody.revenue, nobody.revenue_before) == (0, 100)
    assert nobody.change == pytest.approx(-1.0)
    assert nobody.last_activity == datetime(2026, 5, 26, 10, 0)  # Cy's call at N1

    total = rollup.total
    assert total.is_total and total.customer_count == 4
    assert total.customers == {Tier.STRATEGIC: 1, Tier.KEY: 1, Tier.STANDARD: 1,
                               Tier.LOW_VALUE: 1}
    assert (total.revenue, total.revenue_before, total.share) == (1600, 900, 1.0)
    assert (total.overdue_actions, total.overdue_follow_ups, total.open_complaints) == (
        3, 2, 1)
    assert total.last_activity == datetime(2026, 6, 20, 10, 0)
    assert rollup.compared_with is None and total.slipping == 0


def test_the_metrics_own_revenue_when_worked_out_that_day(small: Book) -> None:
    """Figures refreshed on the day of the roll-up are read, not summed again: the same
    answer (and a hand-set figure shows which one was read)."""
    small.reader.refresh_activity(AS_OF)
    ann = small.rollup(as_of=AS_OF).row("Ann")
    assert ann is not None and (ann.revenue, ann.revenue_before) == (1200, 800)
    a2 = small.customers.resolve("A2")
    with small.reader.atomic():
        small.reader.conn.execute("UPDATE customer_metrics SET revenue_12m = 1234 "
                                  "WHERE customer_id = ?", [a2.id])
    ann = small.rollup(as_of=AS_OF).row("Ann")
    assert ann is not None and ann.revenue == 1000 + 1234
    assert ann.revenue_by_tier == {Tier.STRATEGIC: 1000, Tier.KEY: 1234}
    other_day = small.rollup(as_of=AS_OF + timedelta(days=1)).row("Ann")
    # Summed from the sales: a day later A2's sale of 2025-07-01 is more than a year old.
    assert other_day is not None and other_day.revenue == 1000


def test_plan_progress_as_the_plans_module_measures_it(small: Book) -> None:
    a1 = small.customers.resolve("A1")
    plan = small.plans.of_customer(a1.id, "2026-H1")
    assert plan is not None
    progress = small.plans.progress(plan, today=AS_OF)
    ann = small.rollup(as_of=AS_OF).row("Ann")
    assert ann is not None
    assert ann.objectives_met == progress.objectives_met
    assert ann.objectives == len(progress.objectives)
    assert ann.actions_done == progress.actions_done
    assert ann.overdue_actions + 1 == progress.actions_overdue  # one is Bob's


def test_a_plan_period_and_another_day(small: Book) -> None:
    other = small.rollup(as_of=AS_OF, period="2025-H2")
    assert other.period == "2025-H2" and all(r.active_plans == 0 for r in other.rows)
    assert other.total.overdue_actions == 0  # the 2025-H2 plan is closed
    earlier = small.rollup(as_of=date(2026, 2, 1))
    ann = earlier.row("Ann")
    assert ann is not None
    # 2025-02-01 .. 2026-02-01: A1's sale of 2025-03 and A2's two; the year before: 2024-03.
    assert (ann.revenue, ann.revenue_before) == (1000, 9999)
    assert ann.overdue_actions == 0 and ann.overdue_follow_ups == 0


def test_a_solo_book_is_not_a_team(tmp_path: Path) -> None:
    with Book(tmp_path / "solo.db", new_book=True) as book:
        _customer(book, "Only", "Me", Tier.KEY)
        _customer(book, "Free", "", Tier.KEY)
        rollup = book.rollup(as_of=AS_OF)
        assert rollup.owners == ["Me"] and not rollup.is_team
        assert [r.owner for r in rollup.rows] == ["Me", ""]
        assert rollup.total.share is None  # nothing sold


@pytest.fixture
def demo_book_scored(demo_db: Database) -> Iterator[Book]:
    db = demo_db
    month_end = DEMO_ANCHOR.replace(day=1) - timedelta(days=1)
    scores = db.rescore(month_end).scores
    assert scores is not None
    db.write_snapshot(scores, Period.containing(month_end, SnapshotPeriod.MONTH))
    db.rescore(DEMO_ANCHOR)
    book = Book(db.path)
    yield book
    book.close()


def test_slipping_and_late_work_match_today(demo_book_scored: Book) -> None:
    book = demo_book_scored
    rollup = book.rollup(as_of=DEMO_ANCHOR)
    assert rollup.compared_with is not None
    slipping = book.today.slipping(DEMO_ANCHOR, limit=100_000)
    assert rollup.total.slipping == slipping.total > 0
    for row in rollup.rows:
        if row.owner:
            mine = book.today.slipping(DEMO_ANCHOR, owner=row.owner, limit=100_000)
            assert row.slipping == mine.total, row.owner
            late = [a for a in book.plans.due(DEMO_ANCHOR - timedelta(days=1),
                                              today=DEMO_ANCHOR, owner=row.owner)]
            assert row.overdue_actions == len(late), row.owner
            follow_ups = book.today.follow_ups(DEMO_ANCHOR - timedelta(days=1),
                                               owner=row.owner, limit=100_000)
            assert row.overdue_follow_ups == follow_ups.total, row.owner
    assert rollup.total.revenue == pytest.approx(sum(
        r[0] for r in book.reader.conn.execute(
            "SELECT total(t.amount) FROM transactions t JOIN customers c ON "
            "c.id = t.customer_id AND c.deleted_at IS NULL WHERE t.deleted_at IS NULL AND "
            "t.date > ? AND t.date <= ?",
            [(DEMO_ANCHOR - timedelta(days=365)).isoformat(), DEMO_ANCHOR.isoformat()])))


# -- the sheet and the command ------------------------------------------------------------
def _sheet_rows(path: Path, title: str) -> list[list[object]]:
    workbook = load_workbook(path)
    ws = workbook[title]
    header = next(r for r in range(1, 10) if ws.cell(r, 2).value is not None
                  and ws.cell(r, 1).fill.fgColor.rgb.endswith("1F4E79"))
    assert ws.freeze_panes == f"A{header + 1}"
    return [[c.value for c in row] for row in ws.iter_rows(min_row=header)]


def test_the_exported_sheet(small: Book, tmp_path: Path) -> None:
    result = small.rollup.export(tmp_path / "r.xlsx", as_of=AS_OF, lang="en")
    assert result.sheets == ["By salesperson"]
    rows = _sheet_rows(result.path, "By salesperson")
    assert rows[0][:7] == ["Salesperson", "Strategic", "Key", "Standard", "Low value",
                           "Customers", "Revenue, 12 months"]
    by_name = {r[0]: r for r in rows[1:]}
    assert list(by_name) == ["Ann", "Bob", "Cy", "Dee", "(no owner)", "Total"]
    ann = by_name["Ann"]
    assert ann[1:10] == [1, 1, 0, 0, 2, 1200, 800, pytest.approx(0.5), pytest.approx(0.75)]
    assert ann[10:15] == [1, 1, 3, pytest.approx(1.25), pytest.approx(1 / 3)]
    assert ann[15:19] == [1, 1, 0, 0]
    assert ann[19] == datetime(2026, 6, 20, 10, 0)
    assert by_name["Bob"][8] is None  # no change without a year before
    assert by_name["Total"][5:8] == [4, 1600, 900]
    ws = load_workbook(result.path)["By salesperson"]
    cell = next(c for c in ws["H"] if c.value == 800)
    assert cell.number_format == "#,##0"
    assert ws.row_dimensions[5].height == 44  # three lines of header words, none cut


def test_the_sheet_in_chinese_and_a_hostile_owner(small: Book, tmp_path: Path) -> None:
    b1 = small.customers.resolve("B1")
    from dataclasses import replace

    small.customers.update(replace(b1, owner=HOSTILE))
    result = small.rollup.export(tmp_path / "r.xlsx", as_of=AS_OF, lang="zh_CN")
    assert result.sheets == ["按销售人员"]
    rows = _sheet_rows(result.path, "按销售人员")
    assert rows[0][0] == "销售人员" and rows[0][1] == "战略客户"
    names = [r[0] for r in rows[1:]]
    assert HOSTILE in names and names[-2:] == ["（无负责人）", "合计"]
    ws = load_workbook(result.path)["按销售人员"]
    assert ws["A1"].value == f"按销售人员汇总（{AS_OF.isoformat()}）"  # as the dashboard says
    cell = next(c for c in ws["A"] if c.value == HOSTILE)
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula


def test_the_portfolio_of_a_team_has_the_sheet(small: Book, tmp_path: Path) -> None:
    result = small.exports.portfolio(tmp_path / "p.xlsx", lang="zh_CN")
    assert result.sheets == ["汇总", "客户", "按销售人员", "产品空白点", "扣除支持后利润"]
    rows = _sheet_rows(result.path, "按销售人员")
    assert [r[0] for r in rows[1:]][:2] == ["Ann", "Bob"]


def test_a_solo_portfolio_has_no_roll_up(tmp_path: Path) -> None:
    with Book(tmp_path / "solo.db", new_book=True) as book:
        _customer(book, "Only", "Me", Tier.KEY)
        result = book.exports.portfolio(tmp_path / "p.xlsx", lang="en")
    assert "By salesperson" not in result.sheets


def test_the_command_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from main import main

    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "--db", "a.db", "demo", "--customers", "60",
                 "--anchor", "2026-06-30"]) == 0
    capsys.readouterr()
    assert main(["--lang", "zh_CN", "--db", "a.db", "export", "rollup", "-o", "r.xlsx",
                 "--as-of", "2026-06-30", "--lang", "zh_CN"]) == 0
    out = capsys.readouterr().out
    with Book(tmp_path / "a.db") as book:
        expected = book.rollup(as_of=AS_OF)
    assert out.startswith(f"已写入 r.xlsx：{len(expected.rows)} 行及合计，用时 ")
    rows = _sheet_rows(tmp_path / "r.xlsx", "按销售人员")
    assert rows[0][0] == "销售人员" and rows[-1][0] == "合计"
    assert rows[-1][5:7] == [expected.total.customer_count,
                             pytest.approx(expected.total.revenue)]
    assert rows[-1][10] == expected.total.active_plans > 0
    assert main(["--lang", "en", "--db", "a.db", "export", "rollup", "-o", "en.xlsx",
                 "--as-of", "2026-06-30", "--period", "2026-H1", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Wrote en.xlsx: {len(expected.rows)} lines and the total in ")
    ws = load_workbook(tmp_path / "en.xlsx")["By salesperson"]
    assert "Plans: the active ones of 2026-H1." in str(ws["A4"].value)
    assert main(["--lang", "en", "--db", "a.db", "export", "rollup", "-o", "bad.xlsx",
                 "--period", "2026-H3"]) != 0
    assert "period: Not a valid period" in capsys.readouterr().err
    assert not (tmp_path / "bad.xlsx").exists()
