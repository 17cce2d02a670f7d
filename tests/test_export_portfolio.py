"""The portfolio workbook: every customer with its figures, the summary and Pareto chart, the
streamed rows' safety, tier filters and cancelling."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from models.config import DIMENSIONS
from models.entities import Customer
from models.enums import Tier
from storage.database import Database
from storage.export_files import ExportCancelled
from storage.export_portfolio import export_portfolio, pareto_bands
from storage.scoring_queries import parse_points
from tests.conftest import DEMO_ANCHOR

HEADER_ROW = 4


@pytest.fixture
def scored(demo_db: Database) -> Database:
    demo_db.add(Customer(name="=1+2", code="-5", owner="@owner", industry="+plus"))
    demo_db.rescore(DEMO_ANCHOR)
    return demo_db


def _rows(path: Path, sheet: str) -> tuple[list[str], list[dict[str, object]]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    headers = [str(h) for h in rows[0]]
    return headers, [dict(zip(headers, r, strict=True)) for r in rows[1:]]


def test_every_customer_with_its_figures(scored: Database, tmp_path: Path) -> None:
    result = export_portfolio(scored, tmp_path / "book.xlsx", lang="en", today=DEMO_ANCHOR)
    assert result.sheets == ["Summary", "Customers", "By salesperson", "Whitespace",
                             "Profit after support"]  # ten owners: a team
    count = scored.customer_count()
    assert result.rows == count
    headers, rows = _rows(result.path, "Customers")
    assert len(rows) == count
    assert headers[:3] == ["Customer code", "Customer name", "Tier"]
    assert "Payment timeliness (points)" in headers
    metrics = {r["code"]: r for r in scored.query(
        "SELECT c.code, m.* FROM customers c JOIN customer_metrics m ON m.customer_id = c.id")}
    for row in rows[:50]:
        stored = metrics[row["Customer code"]]
        assert row["Score"] == pytest.approx(stored["score"])
        assert row["Revenue (12 months)"] == pytest.approx(stored["revenue_12m"])
        points = parse_points(stored["dimensions"])
        assert row["Tenure (points)"] == points["tenure"]
        if stored["last_purchase"]:
            assert row["Last purchase"] == datetime.fromisoformat(stored["last_purchase"])
    ws = openpyxl.load_workbook(result.path)["Customers"]
    last = get_column_letter(len(headers))
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["E"].width
    assert len(DIMENSIONS) == 15


def test_summary_counts_and_pareto_chart(scored: Database, tmp_path: Path) -> None:
    path = export_portfolio(scored, tmp_path / "book.xlsx", lang="zh_CN").path
    ws = openpyxl.load_workbook(path)["汇总"]
    values = [r for r in ws.iter_rows(values_only=True) if r[0]]
    counts = {r["tier"]: r["n"] for r in scored.query(
        "SELECT tier, count(*) AS n FROM customer_metrics WHERE deleted = 0 GROUP BY tier")}
    shown = {r[0]: r[1] for r in values}
    assert shown["战略客户"] == counts.get("strategic", 0)
    assert shown["低价值客户"] == counts.get("low_value", 0)
    with zipfile.ZipFile(path) as package:
        chart = package.read("xl/charts/chart1.xml").decode()
    assert "<barChart>" in chart and "<lineChart>" in chart


def test_pareto_bands() -> None:
    bands = pareto_bands([50, 30, 10, 5, 5, 0, 0, 0, 0, 0], 5)
    assert [round(b[0], 2) for b in bands] == [0.2, 0.4, 0.6, 0.8, 1.0]
    assert [round(b[1], 2) for b in bands] == [0.8, 0.15, 0.05, 0.0, 0.0]
    assert bands[-1][2] == pytest.approx(1.0)
    assert pareto_bands([], 20) == [] and pareto_bands([0.0, 0.0], 20) == []


def test_streamed_text_is_never_a_formula(scored: Database, tmp_path: Path) -> None:
    path = export_portfolio(scored, tmp_path / "book.xlsx", lang="en").path
    ws = openpyxl.load_workbook(path)["Customers"]
    row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[1].value == "=1+2")
    cells = {c.value: c for c in row if c.value in ("=1+2", "-5", "@owner", "+plus")}
    assert set(cells) == {"=1+2", "-5", "@owner", "+plus"}
    for cell in cells.values():
        assert cell.data_type == "s" and cell.quotePrefix


def test_tier_filter(scored: Database, tmp_path: Path) -> None:
    result = export_portfolio(scored, tmp_path / "book.xlsx", tiers=[Tier.STRATEGIC, Tier.KEY],
                              lang="en")
    _headers, rows = _rows(result.path, "Customers")
    expected = scored.scalar("SELECT count(*) FROM customer_metrics WHERE deleted = 0 AND "
                             "tier IN ('strategic', 'key')")
    assert len(rows) == expected == result.rows > 0
    assert {r["Tier"] for r in rows} == {"Strategic", "Key"}


def test_cancel_leaves_no_file(scored: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "book.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(ExportCancelled):
        export_portfolio(scored, target, progress=lambda done, total: False)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in folder.iterdir()] == ["book.xlsx"]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_portfolio(scored, target, progress=progress)
    assert seen[-1][0] == seen[-1][1] == scored.customer_count()


def test_empty_book_exports(fresh_db: Database, tmp_path: Path) -> None:
    result = export_portfolio(fresh_db, tmp_path / "empty.xlsx", lang="en",
                              today=date(2026, 1, 1))
    assert result.rows == 0
    assert openpyxl.load_workbook(result.path).sheetnames == [
        "Summary", "Customers", "Whitespace", "Profit after support"]
