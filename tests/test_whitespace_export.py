"""The Whitespace sheets (issue 19, points 4 and 5) read back: the plan workbook's grid,
suggestions and profit after support of the small book worked out in test_whitespace.py and
test_support_cost.py, the portfolio's groups, best suggestions and tiers, in both
languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.enums import PlanStatus, SupportKind
from models.plans import AccountPlan, SupportMeasure
from storage.export_plan import export_plan
from storage.export_portfolio import export_portfolio
from storage.xlsx_style import wrapped_lines
from tests.test_whitespace import AS_OF, build_small


def _values(ws: Any) -> list[list[Any]]:
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def _row(rows: list[list[Any]], first: Any) -> list[Any]:
    return next(r for r in rows if r and r[0] == first)


@pytest.mark.parametrize(("lang", "sheet", "lapsed", "suggested"), [
    ("en", "Whitespace", "Lapsed", "Lines to propose, best first"),
    ("zh_CN", "产品空白点", "已中断", "建议推荐的产品线（按得分）"),
])
def test_plan_workbook_whitespace_sheet(tmp_path: Path, lang: str, sheet: str, lapsed: str,
                                        suggested: str) -> None:
    book, c = build_small(tmp_path / "small.db")
    # K1 is granted a promotion costing more than its profit (none stated: profit 0).
    book.plans.save(AccountPlan(customer_id=c["K1"].id, period="2026-H1",
                                status=PlanStatus.ACTIVE, support_measures=[
                                    SupportMeasure(kind=SupportKind.PROMOTION_SUPPORT,
                                                   cost=50.0)]))
    result = export_plan(book.reader, c["K1"].id, tmp_path / f"plan-{lang}.xlsx", lang=lang,
                         today=AS_OF)
    assert sheet in result.sheets  # the competition sheets follow it
    rows = _values(load_workbook(result.path)[sheet])
    assert _row(rows, "Parts")[:8] == [
        "Parts", "Bought" if lang == "en" else "已购买", 100, 100, _at(2026, 1, 10), 2,
        pytest.approx(2 / 5), 120]  # K2 200 and K5 40 of the 5 peers: median 120
    assert _row(rows, "Service")[1] == lapsed
    assert any(r[0] == suggested for r in rows)
    after = rows.index(next(r for r in rows if r[0] == suggested))
    units = rows[after + 2]
    assert units[:8] == ["Units", "Not bought" if lang == "en" else "未购买", 3, 5,
                         pytest.approx(0.6), 2000, pytest.approx(1200), pytest.approx(1.2)]
    assert rows[after + 3][0] == "Service"
    flag = "⚠ Support costs more than its profit" if lang == "en" else "⚠ 支持成本超过利润"
    assert any(r[0] == flag for r in rows)
    support_label = "Support cost" if lang == "en" else "支持成本"
    assert _row(rows, support_label)[1] == pytest.approx(50)
    book.close()


def _at(year: int, month: int, day: int) -> Any:
    from datetime import datetime

    return datetime(year, month, day)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_portfolio_whitespace_and_profit_sheets(tmp_path: Path, lang: str) -> None:
    book, c = build_small(tmp_path / "small.db")
    book.plans.save(AccountPlan(customer_id=c["K2"].id, period="2026-H1",
                                status=PlanStatus.ACTIVE, support_measures=[
                                    SupportMeasure(kind=SupportKind.REBATE,
                                                   rate_percent=10.0)]))
    result = export_portfolio(book.reader, tmp_path / f"portfolio-{lang}.xlsx", lang=lang,
                              today=AS_OF)
    workbook = load_workbook(result.path)
    names = (["Whitespace", "Profit after support"] if lang == "en"
             else ["产品空白点", "扣除支持后利润"])
    assert workbook.sheetnames[-2:] == names
    rows = _values(workbook[names[0]])
    key = "Key" if lang == "en" else "重点客户"
    org = "Organisation" if lang == "en" else "组织客户"
    units = next(r for r in rows if r[:3] == [key, org, "Units"])
    # 6 key organisations, 3 buy Units (median 2000), 3 do not: 6000 on the table.
    assert units[3:9] == [6, 3, pytest.approx(0.5), 2000, 3, 6000]
    best = [r for r in rows if r[0] in {"", None} and r[1] in {"K1", "K5", "K6"}]
    assert [r[1] for r in best] == ["K1", "K5", "K6"]
    assert best[0][4:8] == ["Units", pytest.approx(0.6), 2000, pytest.approx(1200)]
    profit = _values(workbook[names[1]])
    key_line = _row(profit, key)
    # K2's rebate: 10 % of its 2026-H1 revenue (200 + 300 + 70) = 57, more than the profit
    # its sales state (none): flagged.
    assert key_line[4] == pytest.approx(57)
    assert key_line[7:9] == [1, 1]
    listed = next(r for r in profit if r[1] == "K2")
    assert listed[6:8] == [pytest.approx(57), pytest.approx(-57)]
    flag = "Support costs more than its profit" if lang == "en" else "支持成本超过利润"
    assert listed[9] == flag
    # The flag stays inside its column on the printed page: the cell wraps, the column
    # takes the English on two lines ('Support costs more than' / 'its profit', 23 letters
    # of 0.85 unit on the first) and the Chinese on one (8 characters of 2 units), and the
    # row is as tall as its lines.
    ws = workbook[names[1]]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "K2")
    cell = ws.cell(row, 10)
    assert cell.alignment.wrap_text and cell.font.bold
    width = ws.column_dimensions["J"].width
    assert width == 22 and ws.max_column == 10
    lines = 2 if lang == "en" else 1
    assert wrapped_lines(flag, int(width) - 1) == lines
    assert (ws.row_dimensions[row].height or 15) >= 13.5 * lines
    book.close()


def test_the_filtered_portfolio_keeps_to_its_tiers(tmp_path: Path) -> None:
    from models.enums import Tier

    book, _ = build_small(tmp_path / "small.db")
    result = export_portfolio(book.reader, tmp_path / "p.xlsx", lang="en", today=AS_OF,
                              tiers=[Tier.STANDARD])
    rows = _values(load_workbook(result.path)["Whitespace"])
    assert {r[0] for r in rows if r and r[2] in {"Units", "Parts", "Service"}
            and r[0] != "Product line"} <= {"Standard", None, ""}
    assert not any(r[1] == "K1" for r in rows)
    assert date(2026, 6, 30) == AS_OF
    book.close()


def test_fast_rows_keep_styles_and_text(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from storage.export_portfolio_whitespace import fast_rows
    from storage.xlsx_style import MONEY, SheetWriter

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    writer = SheetWriter(sheet, 2)
    rows = [[f"c{i}", float(i)] for i in range(5)] + [["=1+1", 9.5]]
    fast_rows(writer, rows, formats=(None, MONEY), measured=2)
    path = tmp_path / "fast.xlsx"
    workbook.save(path)
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    assert [ws.cell(row=r, column=1).value for r in range(1, 7)] == [r[0] for r in rows]
    assert ws.cell(row=5, column=2).number_format == MONEY  # copied from the first row
    formula = ws.cell(row=6, column=1)
    assert formula.data_type == "s" and formula.quotePrefix  # text, never a formula


def test_the_portfolio_sheets_repeat_no_rows_on_each_page(tmp_path: Path) -> None:
    """Two tables on one sheet: the first 80 rows must not print on every page."""
    book, _ = build_small(tmp_path / "small.db")
    result = export_portfolio(book.reader, tmp_path / "p.xlsx", lang="en", today=AS_OF)
    workbook = load_workbook(result.path)
    for name in ("Whitespace", "Profit after support"):
        assert not workbook[name].print_title_rows
        assert workbook[name].freeze_panes is None
    book.close()
