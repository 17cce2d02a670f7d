"""``keyplan export calendar`` in English and Chinese: the .ics it writes, what it prints, and
its refusals (ME outside a team, a range that runs backwards)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from models.entities import Customer, Interaction
from models.enums import InteractionKind
from ui.cli.app import run

DUE = date(2027, 4, 2)


pytestmark = pytest.mark.usefixtures("cli_english_afterwards")


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    from storage.book import Book

    path = tmp_path / "book.db"
    with Book(path, new_book=True) as book:
        for name, owner, step in (("华为技术", "王芳", "送样品, 确认; 报价"),
                                  ("ACME", "李雷", "Call back")):
            customer = book.customers.add(Customer(name=name, owner=owner)).record
            book.interactions.add(Interaction(
                customer_id=customer.id, kind=InteractionKind.VISIT,
                occurred_at=datetime(2027, 3, 1, 10, tzinfo=UTC), summary="拜访",
                next_step=step, next_step_due=DUE))
    return path


def _summaries(path: Path) -> set[str]:
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_in_chinese(book_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "日历"  # the .ics is added
    assert run(["--db", str(book_path), "export", "calendar", "-o", str(out), "--owner", "王芳",
                "--from", "2027-04-01", "--to", "2027-04-30", "--lang", "zh_CN"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"已写入 {out}.ics：2027-04-01 至 2027-04-30 的 1 个日程")
    assert _summaries(tmp_path / "日历.ics") == {"[华为技术] 送样品, 确认; 报价"}
    calendar = Calendar.from_ical((tmp_path / "日历.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "KeyPlan：王芳 的跟进与计划"
    (event,) = calendar.walk("VEVENT")
    assert "事项：跟进 · 拜访" in str(event["DESCRIPTION"])


def test_in_english(book_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.ics"
    assert run(["--db", str(book_path), "export", "calendar", "-o", str(out), "--from",
                "2027-04-01", "--to", "2027-04-30", "--lang", "en", "--only", "follow_up",
                "--remind", "none"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Wrote {out}: 2 events from 2027-04-01 to 2027-04-30 (0 done")
    assert _summaries(out) == {"[华为技术] 送样品, 确认; 报价", "[ACME] Call back"}
    assert not Calendar.from_ical(out.read_bytes()).walk("VALARM")


@pytest.mark.parametrize(("lang", "words"), [("en", "ME is who you are in a team"),
                                             ("zh_CN", "ME 指您在团队中的身份")])
def test_me_outside_a_team_is_refused(book_path: Path, tmp_path: Path, lang: str, words: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(book_path), "export", "calendar", "-o", str(tmp_path / "x.ics"),
                "--owner", "ME", "--lang", lang]) == 1
    assert words in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def test_a_range_that_runs_backwards_is_refused(book_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(book_path), "export", "calendar", "-o", str(tmp_path / "x.ics"),
                "--from", "2027-05-01", "--to", "2027-04-01", "--lang", "en"]) == 1
    assert "--to 2027-04-01 is before --from 2027-05-01." in capsys.readouterr().err
