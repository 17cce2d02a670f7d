"""The plan workbook's "Competition" and "SWOT" sheets and the portfolio's competition
columns read back (issue 19, point 3), in both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.competition import Competitor, SwotItem, SwotQuadrant, ThreatLevel
from models.entities import Customer, Need, Transaction
from models.enums import NeedKind
from storage.book import Book

WORDS = {"en": {"competition": "Competition", "swot": "SWOT", "S": "Strengths (S)",
                "W": "Weaknesses (W)", "O": "Opportunities (O)", "T": "Threats (T)",
                "ours": "Our share of wallet", "main": "Main competitor",
                "high": "High", "low": "Low", "about": "• 对手降价 (competitor: 永辉供应链)",
                "need": "• 新仓库 (need: 缩短交期)", "empty": "(nothing yet)"},
         "zh_CN": {"competition": "竞争对手", "swot": "SWOT 分析", "S": "优势 (S)",
                   "W": "劣势 (W)", "O": "机会 (O)", "T": "威胁 (T)",
                   "ours": "我方钱包份额", "main": "主要竞争对手", "high": "高", "low": "低",
                   "about": "• 对手降价（竞争对手：永辉供应链）",
                   "need": "• 新仓库（需求：缩短交期）", "empty": "（暂无）"}}


def _cells(ws) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def _account(book: Book) -> Customer:
    customer = book.customers.add(Customer(name="东方超市", code="E1")).record
    book.transactions.add(Transaction(customer_id=customer.id, date=date.today(),
                                      amount=90_000.0))
    book.scoring.rescore(date.today())
    rival = book.competition.save(Competitor(
        customer_id=customer.id, name="永辉供应链", products="生鲜", share_percent=35,
        threat=ThreatLevel.HIGH, strengths="价格低", weaknesses="账期短",
        reviewed_on=date(2026, 11, 2))).record
    book.competition.save(Competitor(customer_id=customer.id, name="本地批发", share_percent=5,
                                     threat=ThreatLevel.LOW))
    need = book.needs.add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                               description="缩短交期")).record
    plan = book.plans.create(customer.id, "2027", carry_over=False).record
    book.competition.save_swot(plan.id, [
        SwotItem(plan_id="", quadrant=SwotQuadrant.STRENGTHS, text="交货准时"),
        SwotItem(plan_id="", quadrant=SwotQuadrant.STRENGTHS, text="服务好"),
        SwotItem(plan_id="", quadrant=SwotQuadrant.THREATS, text="对手降价",
                 competitor_id=rival.id),
        SwotItem(plan_id="", quadrant=SwotQuadrant.OPPORTUNITIES, text="新仓库",
                 need_id=need.id)])
    return customer


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_plan_workbook_has_competition_and_a_swot_grid(tmp_path: Path, lang: str) -> None:
    words = WORDS[lang]
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = _account(book)
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang=lang)
    assert words["competition"] in result.sheets and words["swot"] in result.sheets
    workbook = load_workbook(result.path)
    rows = _cells(workbook[words["competition"]])
    flat = [row for row in rows if any(v is not None for v in row)]
    pairs = {row[0]: row[1] for row in flat if isinstance(row[0], str)}
    # theirs 35 + 5 = 40 %, ours 60 %, total spend 90,000 / 0.6 = 150,000
    assert pairs[words["ours"]] == pytest.approx(0.60)
    assert 150_000.0 in [row[1] for row in flat]
    table = [row for row in flat if row[0] in ("永辉供应链", "本地批发")]
    assert [(r[0], r[1], r[2]) for r in table] == [("永辉供应链", words["high"], 0.35),
                                                   ("本地批发", words["low"], 0.05)]
    grid = _cells(workbook[words["swot"]])
    headers = [row[:2] for row in grid if row[0] in (words["S"], words["O"])]
    assert headers == [[words["S"], words["W"]], [words["O"], words["T"]]]
    top = next(i for i, row in enumerate(grid) if row[0] == words["S"])
    bottom = next(i for i, row in enumerate(grid) if row[0] == words["O"])
    assert grid[top + 1][:2] == ["• 交货准时\n• 服务好", words["empty"]]
    assert grid[bottom + 1][:2] == [words["need"], words["about"]]


def test_a_customer_without_plan_or_competitors_gets_sheets_that_say_so(tmp_path: Path) -> None:
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(name="West")).record
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang="en")
    workbook = load_workbook(result.path)
    texts = {v for row in _cells(workbook["Competition"]) for v in row if isinstance(v, str)}
    assert "No competitor recorded for this customer yet." in texts
    assert "Unknown: no competitor's share estimated" in texts
    texts = {v for row in _cells(workbook["SWOT"]) for v in row if isinstance(v, str)}
    assert "No plan yet: the SWOT belongs to an account plan." in texts


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_portfolio_names_the_main_competitor_and_our_share(tmp_path: Path,
                                                               lang: str) -> None:
    words = WORDS[lang]
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = _account(book)
        other = book.customers.add(Customer(name="West", code="W1")).record
        book.scoring.rescore(date.today())
        result = book.exports.portfolio(tmp_path / "portfolio.xlsx", lang=lang)
        sheet = load_workbook(result.path, read_only=True)[result.sheets[1]]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if words["main"] in r)
    main, ours = header.index(words["main"]), header.index(words["ours"])
    by_code = {r[0]: r for r in rows[rows.index(header) + 1:] if r[0]}
    assert by_code["E1"][main] == "永辉供应链" and by_code["E1"][ours] == pytest.approx(0.6)
    assert by_code["W1"][main] in (None, "") and by_code["W1"][ours] is None
    assert customer.id != other.id
