"""The calendar export (.ics): every item of a small book as an event, parsed back with
icalendar: summaries, descriptions, reminders, stable UIDs across exports, done items
cancelled or left out, hostile text escaped and folded, timed items in a fixed zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from models.entities import Contact, Customer, Interaction, Need
from models.enums import ActionStatus, InteractionKind, NeedKind, PlanStatus, Priority
from models.plans import AccountPlan, PlanAction, PlanReview
from storage.book import Book
from storage.calendar_queries import FOLLOW_UP, PLAN_REVIEW, CalendarItem, calendar_items
from storage.export_calendar import calendar_bytes, local_zone
from storage.ical_lines import fold_text

HOSTILE = "Call back, then; send the quote \\ 报价, 谢谢;"
#: A need's description may run over several lines.
LINES = "交货延迟;\nsecond line, with commas\nand a \\ backslash"
SINCE, UNTIL = date(2027, 1, 1), date(2027, 12, 31)
NOW = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


@pytest.fixture
def book(tmp_path: Path) -> Book:
    opened = Book(tmp_path / "book.db", new_book=True)
    acme = opened.customers.add(Customer(name="ACME, Inc.; 华为", code="C1",
                                         owner="王芳")).record
    other = opened.customers.add(Customer(name="李雷贸易", code="C2", owner="李雷")).record
    li = opened.contacts.add(Contact(customer_id=acme.id, name="李总")).record
    zhang = opened.contacts.add(Contact(customer_id=acme.id, name="张工")).record
    opened.interactions.add(Interaction(
        customer_id=acme.id, kind=InteractionKind.VISIT, occurred_at=_at(date(2026, 12, 1)),
        summary="拜访", next_step=HOSTILE, next_step_due=date(2027, 1, 15),
        contact_ids=(li.id, zhang.id)))
    opened.interactions.add(Interaction(
        customer_id=other.id, kind=InteractionKind.CALL, occurred_at=_at(date(2026, 12, 2)),
        summary="电话", next_step="寄样品", next_step_due=date(2027, 1, 20), owner="王芳"))
    opened.interactions.add(Interaction(  # outside the range
        customer_id=other.id, kind=InteractionKind.CALL, occurred_at=_at(date(2026, 12, 2)),
        summary="电话", next_step="去年的事", next_step_due=date(2026, 12, 30)))
    opened.plans.save(AccountPlan(
        customer_id=acme.id, period="2027-H1", status=PlanStatus.ACTIVE, owner="王芳",
        review_cadence_days=60, reviews=[PlanReview(reviewed_on=date(2027, 1, 10),
                                                    note="开局")],
        actions=[PlanAction(what="联合规划会", due_date=date(2027, 2, 1)),
                 PlanAction(what="高层互访", due_date=date(2027, 2, 3),
                            status=ActionStatus.DONE, done_on=date(2027, 2, 2))]))
    opened.needs.add(Need(customer_id=other.id, kind=NeedKind.COMPLAINT,
                          description=LINES, priority=Priority.HIGH,
                          raised_on=date(2027, 3, 1), due_on=date(2027, 3, 3),
                          contact_id=None))
    return opened


def _export(book: Book, path: Path, **options: Any) -> Calendar:
    options = {"since": SINCE, "until": UNTIL, "lang": "en", "zone": "", **options}
    book.exports.calendar(path, **options)
    return Calendar.from_ical(path.read_bytes())


def _events(calendar: Calendar) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_every_item_is_an_all_day_event_with_its_words(book: Book, tmp_path: Path) -> None:
    events = _events(_export(book, tmp_path / "a.ics"))
    assert set(events) == {
        f"[ACME, Inc.; 华为] {HOSTILE}", "[李雷贸易] 寄样品", "[ACME, Inc.; 华为] 联合规划会",
        "[ACME, Inc.; 华为] 高层互访", f"[李雷贸易] Answer: {LINES}",
        "[ACME, Inc.; 华为] Review the account plan 2027-H1"}
    visit = events[f"[ACME, Inc.; 华为] {HOSTILE}"]
    assert visit.decoded("DTSTART") == date(2027, 1, 15)
    assert visit.decoded("DTEND") == date(2027, 1, 16)
    description = str(visit["DESCRIPTION"])
    assert "What: Follow-up · Visit" in description
    assert "Customer: ACME, Inc.; 华为 (C1)" in description
    assert "Contact: " in description and "李总" in description and "张工" in description
    assert "Owner: 王芳" in description
    assert "keyplan://customer/" in description
    assert str(visit["STATUS"]) == "CONFIRMED"
    (alarm,) = visit.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)  # 09:00 on the day
    action = events["[ACME, Inc.; 华为] 联合规划会"]
    assert "Plan: 2027-H1" in str(action["DESCRIPTION"])
    assert "Owner: 王芳" in str(action["DESCRIPTION"])
    # the other customer's follow-up is the interaction owner's, 王芳
    assert "Owner: 王芳" in str(events["[李雷贸易] 寄样品"]["DESCRIPTION"])


def test_plan_reviews_fall_a_cadence_apart_until_the_period_ends(book: Book) -> None:
    reviews = calendar_items(book._db, SINCE, UNTIL, kinds=[PLAN_REVIEW])
    # the last review on 10 January; then every 60 days while 2027-H1 lasts
    assert [(r.due, r.sequence) for r in reviews] == [
        (date(2027, 3, 11), 2), (date(2027, 5, 10), 3)]
    assert {r.uid_key for r in reviews} == {f"plan_review-{reviews[0].record_id}-2",
                                            f"plan_review-{reviews[0].record_id}-3"}


def test_uids_are_stable_and_a_changed_record_gets_a_higher_sequence(
        book: Book, tmp_path: Path) -> None:
    first = {str(e["UID"]): e for e in _export(book, tmp_path / "a.ics").walk("VEVENT")}
    again = {str(e["UID"]): e for e in _export(book, tmp_path / "b.ics").walk("VEVENT")}
    assert set(first) == set(again) and len(first) == 7
    assert all(uid.endswith("@keyplan") for uid in first)
    follow_up = next(i for i in book.interactions.of_customer(
        book.customers.resolve("C2").id) if i.next_step == "寄样品")
    book.interactions.update(replace(follow_up, next_step_done=True))
    later = {str(e["UID"]): e for e in _export(book, tmp_path / "c.ics").walk("VEVENT")}
    uid = f"follow_up-{follow_up.id}@keyplan"
    assert set(later) == set(first)
    assert later[uid].decoded("SEQUENCE") >= first[uid].decoded("SEQUENCE")
    assert str(later[uid]["STATUS"]) == "CANCELLED"
    assert not later[uid].walk("VALARM")  # nothing to remind of


def test_done_items_are_cancelled_or_left_out(book: Book, tmp_path: Path) -> None:
    events = _events(_export(book, tmp_path / "a.ics"))
    assert str(events["[ACME, Inc.; 华为] 高层互访"]["STATUS"]) == "CANCELLED"
    omitted = _events(_export(book, tmp_path / "b.ics", done="omit"))
    assert "[ACME, Inc.; 华为] 高层互访" not in omitted
    assert len(omitted) == 5  # summaries: the two reviews share one


def test_owner_range_and_kinds(book: Book, tmp_path: Path) -> None:
    mine = _events(_export(book, tmp_path / "a.ics", owner="李雷"))
    assert set(mine) == {f"[李雷贸易] Answer: {LINES}"}  # the customer's owner's
    # 王芳's: her customer's items, and the follow-up she owns at 李雷's customer
    hers = _events(_export(book, tmp_path / "h.ics", owner="王芳"))
    assert set(hers) == {
        f"[ACME, Inc.; 华为] {HOSTILE}", "[李雷贸易] 寄样品", "[ACME, Inc.; 华为] 联合规划会",
        "[ACME, Inc.; 华为] 高层互访", "[ACME, Inc.; 华为] Review the account plan 2027-H1"}
    january = _events(_export(book, tmp_path / "b.ics", until=date(2027, 1, 31),
                              kinds=[FOLLOW_UP]))
    assert set(january) == {f"[ACME, Inc.; 华为] {HOSTILE}", "[李雷贸易] 寄样品"}


def test_reminders_the_day_before_or_none(book: Book, tmp_path: Path) -> None:
    before = _export(book, tmp_path / "a.ics", reminder="day_before")
    triggers = {alarm.decoded("TRIGGER") for alarm in before.walk("VALARM")}
    assert triggers == {timedelta(hours=-15)}  # 09:00 the day before an all-day event
    assert not _export(book, tmp_path / "b.ics", reminder="none").walk("VALARM")


def test_chinese_words(book: Book, tmp_path: Path) -> None:
    calendar = _export(book, tmp_path / "a.ics", lang="zh_CN")
    assert str(calendar["X-WR-CALNAME"]) == "KeyPlan：跟进与计划"
    events = _events(calendar)
    assert f"[李雷贸易] 答复：{LINES}" in events
    assert "[ACME, Inc.; 华为] 回顾客户经营计划 2027-H1" in events
    description = str(events["[李雷贸易] 寄样品"]["DESCRIPTION"])
    assert "事项：跟进 · 电话" in description and "客户：李雷贸易（C2）" in description


def test_every_line_is_folded_to_75_octets(book: Book, tmp_path: Path) -> None:
    _export(book, tmp_path / "a.ics", lang="zh_CN")
    raw = (tmp_path / "a.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def _item(title: str, customer: str = "客户", at: time | None = None) -> CalendarItem:
    return CalendarItem(kind=FOLLOW_UP, record_id="00000000-0000-4000-8000-000000000001",
                        sequence=0, customer_id="c1", customer_code="", customer_name=customer,
                        title=title, due=date(2027, 5, 4), at=at, owner="王芳",
                        updated_at="2026-12-01T10:00:00+00:00")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"),
               max_size=300),
       st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=80))
def test_any_text_comes_back_as_it_was(title: str, customer: str) -> None:
    data = calendar_bytes([_item(title, customer)], lang="en", now=NOW)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"[{customer}] {title}"


def test_the_sequence_grows_with_the_records_last_write() -> None:
    def sequence(updated_at: str) -> int:
        item = _item("x")._replace(updated_at=updated_at)
        (event,) = Calendar.from_ical(calendar_bytes([item], now=NOW)).walk("VEVENT")
        return int(event.decoded("SEQUENCE"))

    assert sequence("2026-12-01T10:00:00.000+00:00") < sequence(
        "2026-12-01T10:00:01.000+00:00") < sequence("2027-03-01T00:00:00+00:00")


def test_fold_never_splits_a_character_or_an_escape() -> None:
    line = "DESCRIPTION:" + "报" * 30 + "\\;" + "a" * 100 + "\\\\" + "价" * 40
    folded = fold_text(line)
    assert folded.replace("\r\n ", "") == line
    for part in folded.split("\r\n "):
        assert len(part.encode()) <= 75
        assert not (part.endswith("\\") and not part.endswith("\\\\"))


def test_a_timed_item_is_in_the_users_zone() -> None:
    data = calendar_bytes([_item("电话会议", at=time(14, 30))], lang="en",
                          zone="Asia/Shanghai", now=NOW)
    calendar = Calendar.from_ical(data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2027, 5, 4, 6, 30, tzinfo=UTC)
    assert event.decoded("DURATION") == timedelta(minutes=30)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)


def test_without_a_zone_a_timed_item_is_written_in_utc() -> None:
    (event,) = Calendar.from_ical(calendar_bytes(
        [_item("x", at=time(9, 0))], zone="", now=NOW)).walk("VEVENT")
    assert event.decoded("DTSTART").tzinfo is not None


def test_the_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    assert local_zone() == "Asia/Shanghai"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone() != "Not/AZone"


#: The export's Chinese words, by hand: each kind's name, and the details' words.
KIND_WORDS = {"follow_up": "跟进", "plan_action": "计划行动", "plan_review": "计划回顾",
              "need": "需求答复"}
DETAIL_WORDS = {"visit": "拜访", "call": "电话", "meeting": "会议", "email": "电子邮件",
                "message": "即时消息", "training": "培训", "event": "活动",
                "requirement": "需求", "complaint": "投诉", "suggestion": "建议",
                "open": "未开始", "in_progress": "进行中", "done": "已完成",
                "cancelled": "已取消", "draft": "草稿", "active": "执行中"}


def _summary_zh(item: CalendarItem) -> str:
    what = {"plan_review": f"回顾客户经营计划 {item.plan}",
            "need": f"答复：{item.title}"}.get(item.kind, item.title)
    return f"[{item.customer_name}] {what}"


def _description_zh(item: CalendarItem) -> str:
    detail = f" · {DETAIL_WORDS[item.detail]}" if item.detail else ""
    code = f"（{item.customer_code}）" if item.customer_code else ""
    lines = [f"事项：{KIND_WORDS[item.kind]}{detail}", f"客户：{item.customer_name}{code}"]
    lines += [f"联系人：{item.contact}"] if item.contact else []
    lines += [f"经营计划：{item.plan}"] if item.plan else []
    lines += [f"负责人：{item.owner}"] if item.owner else []
    lines += [item.title] if item.kind != "plan_review" and len(item.title) > 60 else []
    lines.append(f"KeyPlan 记录：keyplan://customer/{item.customer_id}/{item.kind}/"
                 f"{item.record_id}")
    return "\n".join(lines)


def _check_lines(raw: bytes) -> None:
    """CRLF line ends only, every physical line at most 75 octets of whole UTF-8."""
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character


def test_the_whole_export_parses_back_as_the_book_holds_it(
        demo_book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.demo_plans import add_demo_plans
    from tests.conftest import DEMO_ANCHOR

    monkeypatch.setattr("storage.export_calendar.CHUNK", 7)  # written 7 events at a time

    demo_book.scoring.rescore(DEMO_ANCHOR)  # the demo's plans go to key accounts
    with demo_book._db.atomic():  # the demo's plans: actions and reviews too
        assert add_demo_plans(demo_book._db, DEMO_ANCHOR, 7)
    since, until = DEMO_ANCHOR - timedelta(days=364), DEMO_ANCHOR + timedelta(days=180)
    demo_book.exports.calendar(tmp_path / "all.ics", since=since, until=until, lang="zh_CN",
                               zone="")
    raw = (tmp_path / "all.ics").read_bytes()
    _check_lines(raw)
    events: list[Any] = Calendar.from_ical(raw).walk("VEVENT")
    items = calendar_items(demo_book._db, since, until)
    by_uid = {str(event["UID"]): event for event in events}
    assert len(by_uid) == len(events) == len(items)
    kinds = {item.kind for item in items}
    assert kinds == {"follow_up", "plan_action", "plan_review", "need"}
    assert any(item.done for item in items) and any(item.contact for item in items)
    for item in items:
        event = by_uid[f"{item.uid_key}@keyplan"]
        assert str(event["SUMMARY"]) == _summary_zh(item)
        assert str(event["DESCRIPTION"]) == _description_zh(item)
        assert [str(word) for word in event.categories] == [KIND_WORDS[item.kind]]
        assert event.decoded("DTSTART") == item.due and item.at is None
        assert event.decoded("DTEND") == item.due + timedelta(days=1)
        written = datetime.fromisoformat(item.updated_at).replace(microsecond=0)
        assert event.decoded("LAST-MODIFIED") == written.astimezone(UTC)
        assert event.decoded("SEQUENCE") == int(
            (written - datetime(2020, 1, 1, tzinfo=UTC)).total_seconds())
        assert str(event["STATUS"]) == ("CANCELLED" if item.done else "CONFIRMED")
        alarms = event.walk("VALARM")
        assert len(alarms) == (0 if item.done else 1)
        if alarms:
            assert alarms[0].decoded("TRIGGER") == timedelta(hours=9)
            assert str(alarms[0]["DESCRIPTION"]) == "KeyPlan 提醒"


#: Text that needs escaping and folding care: separators, backslashes, line breaks, Chinese
#: (3 octets), a supplementary-plane character (4 octets).
HOSTILE_TEXT = st.text(st.sampled_from(list(",;:\\\nN 报价客户谢谢，𠀀a")), max_size=120)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=HOSTILE_TEXT, customer=HOSTILE_TEXT, code=HOSTILE_TEXT, contact=HOSTILE_TEXT,
       owner=HOSTILE_TEXT, plan=HOSTILE_TEXT, kind=st.sampled_from(["follow_up", "need"]))
def test_hostile_fields_come_back_in_summary_and_description(
        title: str, customer: str, code: str, contact: str, owner: str, plan: str,
        kind: str) -> None:
    item = _item(title, customer)._replace(kind=kind, customer_code=code, contact=contact,
                                            owner=owner, plan=plan, detail="")
    data = calendar_bytes([item, item._replace(record_id="r2", title=title * 3)],
                          lang="zh_CN", now=NOW)
    _check_lines(data)
    first, second = Calendar.from_ical(data).walk("VEVENT")
    assert str(first["SUMMARY"]) == _summary_zh(item)
    assert str(first["DESCRIPTION"]) == _description_zh(item)
    longer = item._replace(record_id="r2", title=title * 3)
    assert str(second["DESCRIPTION"]) == _description_zh(longer)
