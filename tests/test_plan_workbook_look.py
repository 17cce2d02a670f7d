"""What the plan workbook's issue-19 sheets look like in a spreadsheet (issue 19, the look
pass in LibreOffice): no label cut, no line that says the same thing twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from models.competition import Competitor, SwotItem, SwotQuadrant, ThreatLevel
from models.entities import Contact, Customer, Need, Transaction
from models.enums import Channel, LoyaltySegment, NeedKind, PriceOrientation
from storage.book import Book
from storage.export_labels import Labels
from storage.export_plan_map import TREE_COLUMNS
from storage.xlsx_style import display_width


def _account(book: Book) -> Customer:
    customer = book.customers.add(Customer(name="东方超市", code="E1")).record
    book.transactions.add(Transaction(customer_id=customer.id, date=date.today(),
                                      amount=90_000.0))
    book.scoring.rescore(date.today())
    rival = book.competition.save(Competitor(
        customer_id=customer.id, name="永辉供应链", share_percent=35,
        threat=ThreatLevel.HIGH)).record
    need = book.needs.add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                               description="缩短交期")).record
    plan = book.plans.create(customer.id, "2027", carry_over=False).record
    book.competition.save_swot(plan.id, [
        # The demo's lines name what they are about themselves ...
        SwotItem(plan_id="", quadrant=SwotQuadrant.THREATS, text="永辉供应链以低价争夺份额",
                 competitor_id=rival.id),
        SwotItem(plan_id="", quadrant=SwotQuadrant.OPPORTUNITIES, text="满足需求：缩短交期",
                 need_id=need.id),
        # ... this one does not.
        SwotItem(plan_id="", quadrant=SwotQuadrant.OPPORTUNITIES, text="新仓库",
                 need_id=need.id)])
    return customer


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_competition_labels_whole_and_swot_lines_not_repeated(tmp_path: Path,
                                                              lang: str) -> None:
    labels = Labels(lang)
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = _account(book)
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang=lang)
    workbook = load_workbook(result.path)
    ws = workbook[labels("sheet.competition")]
    # 'Customer's yearly spend (estimated)', 35 letters in bold, was cut in a 28-unit
    # column (26 + 2): the column is now as wide as its longest label + 1 + 2.
    label = labels("comp.total_spend")
    assert label in [c.value for c in ws["A"]]
    expected = max(26, display_width(label) + 1) + 2
    assert ws.column_dimensions["A"].width == expected
    assert expected == (38 if lang == "en" else 28)
    swot = [c.value for row in workbook[labels("sheet.swot")].iter_rows() for c in row
            if isinstance(c.value, str)]
    if lang == "en":
        assert "• 永辉供应链以低价争夺份额" in swot
        assert "• 满足需求：缩短交期\n• 新仓库 (need: 缩短交期)" in swot
    else:
        assert "• 永辉供应链以低价争夺份额" in swot
        assert "• 满足需求：缩短交期\n• 新仓库（需求：缩短交期）" in swot


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_maps_influence_title_fits_its_column(tmp_path: Path, lang: str) -> None:
    labels = Labels(lang)
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = _account(book)
        book.contacts.add(Contact(customer_id=customer.id, name="李总", influence=5))
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang=lang)
    ws = load_workbook(result.path)[labels("sheet.relationship_map")]
    letter = get_column_letter(TREE_COLUMNS + 3)
    title = next(c.value for c in ws[letter] if c.value == labels("contact.influence"))
    # 'Influence (1–5)' (15 letters, bold) in 13 + 2 units; 影响力（1–5） is 13 wide.
    assert ws.column_dimensions[letter].width == 15
    assert display_width(str(title)) <= 15


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_overview_names_the_customers_segments(tmp_path: Path, lang: str) -> None:
    labels = Labels(lang)
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(
            name="东方超市", price_orientation=PriceOrientation.VALUE,
            loyalty_segment=LoyaltySegment.SWING, channel=Channel.DISTRIBUTOR)).record
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang=lang)
    ws = load_workbook(result.path)[labels("sheet.overview")]
    pairs = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}
    expected = {"en": ("Value-oriented", "Swing", "Distributor"),
                "zh_CN": ("价值导向", "摇摆客户", "经销商")}[lang]
    assert (pairs[labels("field.price_orientation")], pairs[labels("field.loyalty_segment")],
            pairs[labels("field.channel")]) == expected
