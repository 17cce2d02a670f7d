"""The weekly report (周报): each part holds exactly the week's records, worked out by hand
from a small book, and the workbook shows them in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from main import main
from models.entities import Customer, Interaction, Need
from models.enums import (
    ActionStatus,
    InteractionKind,
    NeedKind,
    NeedStatus,
    Priority,
    Tier,
)
from models.periods import Period
from models.plan_periods import week_of
from models.plans import AccountPlan, PlanAction
from models.service_levels import days_late, due_on
from storage.book import Book
from storage.weekly_report import weekly_report

TODAY = date(2026, 12, 9)  # a Wednesday: the week is 7 to 13 December


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def book(tmp_path: Path) -> Book:
    opened = Book(tmp_path / "book.db", new_book=True)
    huawei = opened.customers.add(Customer(name="华为技术", code="C1", owner="王芳")).record
    zte = opened.customers.add(Customer(name="=HYPERLINK(\"x\")", code="C2",
                                        owner="李雷")).record
    add = opened.interactions.add
    add(Interaction(customer_id=huawei.id, kind=InteractionKind.VISIT, occurred_at=_at(TODAY),
                    summary="拜访采购部", feedback="认可报价", next_step="送样品",
                    next_step_due=TODAY + timedelta(days=6)))
    add(Interaction(customer_id=zte.id, kind=InteractionKind.CALL,
                    occurred_at=_at(date(2026, 12, 7), 9), summary="电话回访", owner="王芳"))
    add(Interaction(customer_id=huawei.id, kind=InteractionKind.VISIT,  # last week: not in it
                    occurred_at=_at(date(2026, 12, 6), 23), summary="上周拜访"))
    add(Interaction(customer_id=zte.id, kind=InteractionKind.EMAIL, occurred_at=_at(TODAY),
                    summary="邮件", next_step="复核合同", next_step_due=date(2026, 12, 20)))
    plan = AccountPlan(customer_id=huawei.id, period="2027-H1", owner="王芳", actions=[
        PlanAction(what="联合规划会", status=ActionStatus.DONE, done_on=date(2026, 12, 8),
                   due_date=date(2026, 12, 8)),
        PlanAction(what="高层互访", due_date=date(2026, 12, 15)),
        PlanAction(what="季度回顾", due_date=date(2026, 12, 28)),  # the week after next
        PlanAction(what="早已完成", status=ActionStatus.DONE, done_on=date(2026, 11, 30)),
    ])
    opened.plans.save(plan)
    opened.needs.add(Need(customer_id=zte.id, kind=NeedKind.COMPLAINT, description="交货延迟",
                          priority=Priority.MEDIUM, raised_on=date(2026, 11, 29)))
    opened.needs.add(Need(customer_id=huawei.id, kind=NeedKind.COMPLAINT,
                          description="发票错误", priority=Priority.LOW,
                          raised_on=date(2026, 12, 1)))  # due 11 December: not late yet
    opened.needs.add(Need(customer_id=huawei.id, kind=NeedKind.COMPLAINT, description="已解决",
                          priority=Priority.HIGH, status=NeedStatus.MET,
                          raised_on=date(2026, 10, 1)))
    return opened


def test_the_week_runs_monday_to_sunday() -> None:
    assert week_of(TODAY) == (date(2026, 12, 7), date(2026, 12, 13))
    assert week_of(date(2026, 12, 13)) == (date(2026, 12, 7), date(2026, 12, 13))
    assert week_of(date(2026, 12, 14)) == (date(2026, 12, 14), date(2026, 12, 20))


def test_service_levels_by_priority() -> None:
    assert due_on(date(2026, 11, 29), Priority.MEDIUM) == date(2026, 12, 4)
    assert days_late(date(2026, 11, 29), Priority.MEDIUM, TODAY) == 5
    assert days_late(date(2026, 12, 1), Priority.LOW, TODAY) == 0
    assert due_on(None, Priority.HIGH) is None


def test_each_part_holds_the_weeks_records(book: Book) -> None:
    report = weekly_report(book.reader, TODAY)
    # By time, then customer name: the formula-named customer sorts before 华为 (huawei).
    assert [i.summary for i in report.interactions] == ["电话回访", "邮件", "拜访采购部"]
    assert [a.what for a in report.actions_done] == ["联合规划会"]
    assert [a.what for a in report.actions_ahead] == ["高层互访"]
    assert [(f.next_step, f.due) for f in report.follow_ups_ahead] == [
        ("送样品", date(2026, 12, 15)), ("复核合同", date(2026, 12, 20))]  # 14 to 20 December
    assert [(c.description, c.days_late) for c in report.late_complaints] == [("交货延迟", 5)]
    assert report.movers == []  # no earlier snapshot to compare with
    book.close()


def test_the_owner_narrows_every_part(book: Book) -> None:
    report = weekly_report(book.reader, TODAY, owner="王芳")
    # Her own visit, and the call she made at a colleague's customer (its own owner).
    assert [i.summary for i in report.interactions] == ["电话回访", "拜访采购部"]
    assert [a.what for a in report.actions_done] == ["联合规划会"]
    assert report.late_complaints == []  # the late one is 李雷's customer
    colleague = weekly_report(book.reader, TODAY, owner="李雷")
    assert [i.summary for i in colleague.interactions] == ["邮件"]
    assert [c.description for c in colleague.late_complaints] == ["交货延迟"]
    book.close()


def test_tier_and_score_moves_since_last_month(book: Book) -> None:
    scored = book.scoring.rescore(TODAY)
    assert scored.summary.customers == 2
    db = book.reader
    assert scored.scores is not None
    db.write_snapshot(scored.scores, Period.parse("2026-11"))
    first = book.customers.ids()[0]
    with db.atomic():
        db.conn.execute("UPDATE customer_metrics SET tier = 'strategic', score = score + 12 "
                        "WHERE customer_id = ?", [first])
    report = weekly_report(db, TODAY)
    assert len(report.movers) == 1
    mover = report.movers[0]
    assert mover.period_before == report.compared_with == "2026-11"
    assert mover.tier_now is Tier.STRATEGIC
    assert mover.score_now is not None and mover.score_before is not None
    assert round(mover.score_now - mover.score_before, 6) == 12
    book.close()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_workbook_shows_each_part(book: Book, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"weekly-{lang}.xlsx"
    book.close()
    assert main(["--db", str(book.path), "export", "weekly", "--as-of", TODAY.isoformat(),
                 "-o", str(path), "--lang", lang]) == 0
    workbook = load_workbook(path)
    assert len(workbook.sheetnames) == 6
    summary = workbook.worksheets[0]
    counts = [summary.cell(row=r, column=2).value for r in range(5, 11)]
    assert counts == [3, 1, 1, 2, 0, 1]
    title = summary["A1"].value
    assert ("2026-12-07" in title and "2026-12-13" in title
            and (("周报" in title) if lang == "zh_CN" else title.startswith("Weekly report")))
    visits = workbook.worksheets[1]
    cells = [c for row in visits.iter_rows() for c in row if isinstance(c.value, str)]
    assert "拜访采购部" in [c.value for c in cells]
    # A customer named like a formula is shown as its text, never stored as a formula.
    named = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert named and all(c.data_type == "s" for c in named)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_moves_without_an_earlier_snapshot_say_so(book: Book, tmp_path: Path,
                                                  lang: str) -> None:
    """A book with no monthly snapshot before this month (a new book, this month's demo)
    has nothing to compare with: the sheet says so in words (it was titled 'since —')."""
    assert weekly_report(book.reader, TODAY).compared_with is None
    path = tmp_path / "weekly.xlsx"
    book.close()
    assert main(["--db", str(book.path), "export", "weekly", "--as-of", TODAY.isoformat(),
                 "-o", str(path), "--lang", lang]) == 0
    moves = load_workbook(path).worksheets[4]
    texts = [c.value for row in moves.iter_rows(max_row=4) for c in row if c.value]
    assert not any("—" in str(text) for text in texts)
    expected = ("No earlier monthly snapshot to compare with yet." if lang == "en"
                else "尚无可比较的上月快照。")
    assert expected in texts


def test_complaints_are_late_by_the_books_service_levels(book: Book, tmp_path: Path) -> None:
    """Preferences' service levels, not the built-in ones, decide which complaints are late:
    a need keeps the answer-by date it was saved with (as the Today view judges it), and one
    saved without a date is judged by the book's levels; the sheet states the book's levels."""
    book.settings.save(book.settings.backup_policy(),
                       service_levels={Priority.HIGH: 1, Priority.MEDIUM: 3, Priority.LOW: 7})
    huawei = book.customers.resolve("C1")
    # saved under the new levels: low priority, raised 1 December, due 8 December (late 1 day)
    book.needs.add(Need(customer_id=huawei.id, kind=NeedKind.COMPLAINT, description="包装破损",
                        priority=Priority.LOW, raised_on=date(2026, 12, 1)))
    # saved with no answer-by date (an older book): judged by the levels, 5 + 3 = 8 December
    with book.reader.atomic():
        book.reader.conn.execute("UPDATE needs SET due_on = NULL WHERE description = '交货延迟'")
    report = weekly_report(book.reader, TODAY)
    assert report.service_levels == {Priority.HIGH: 1, Priority.MEDIUM: 3, Priority.LOW: 7}
    # 交货延迟: medium, raised 29 November + 3 days = 2 December, 7 days late; 发票错误 kept
    # the due date of the built-in levels it was saved with (11 December): not late
    assert [(c.description, c.due, c.days_late) for c in report.late_complaints] == [
        ("交货延迟", date(2026, 12, 2), 7), ("包装破损", date(2026, 12, 8), 1)]
    path = tmp_path / "weekly.xlsx"
    book.close()
    assert main(["--db", str(book.path), "export", "weekly", "--as-of", TODAY.isoformat(),
                 "-o", str(path), "--lang", "en"]) == 0
    complaints = load_workbook(path).worksheets[5]
    texts = [str(c.value) for row in complaints.iter_rows(max_row=4) for c in row if c.value]
    assert "Service level: high 1 days, medium 3, low 7 from the day raised." in texts
