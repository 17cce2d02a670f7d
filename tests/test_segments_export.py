"""The portfolio workbook's segment columns and "why the tier changed" (issue 19, points 6
and 7), read back in both languages against the book."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from models.enums import Channel, LoyaltySegment, PriceOrientation, SnapshotPeriod
from models.periods import Period
from storage.database import Database
from storage.export_labels import Labels
from storage.export_portfolio import export_portfolio
from storage.tier_change_queries import latest_tier_changes
from storage.xlsx_style import wrapped_lines
from tests.conftest import DEMO_ANCHOR

HEADER_ROW = 4


@pytest.fixture
def snapshotted(demo_db: Database) -> Database:
    result = demo_db.rescore(DEMO_ANCHOR)
    assert result.scores is not None
    demo_db.write_snapshot(result.scores, Period.containing(DEMO_ANCHOR, SnapshotPeriod.MONTH))
    demo_db.backfill_snapshots(2, SnapshotPeriod.MONTH, DEMO_ANCHOR)
    return demo_db


def _customers(path: Path, sheet: str) -> tuple[list[str], list[dict[str, object]]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    headers = [str(h) for h in rows[0]]
    return headers, [dict(zip(headers, r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_segment_and_tier_change_columns_read_back(snapshotted: Database, tmp_path: Path,
                                                   lang: str) -> None:
    labels = Labels(lang)
    result = export_portfolio(snapshotted, tmp_path / "p.xlsx", lang=lang, today=DEMO_ANCHOR)
    headers, rows = _customers(result.path, result.sheets[1])
    names = [labels(k) for k in ("field.kind", "field.price_orientation",
                                 "field.loyalty_segment", "field.channel")]
    # The tier change's title names the two months it compares.
    names.append(labels("field.tier_change_between", from_period="2026-05",
                        to_period="2026-06"))
    assert all(name in headers for name in names)
    # The new columns sit with the customer's fields, before the dimensions' points.
    assert headers.index(names[-1]) < headers.index(
        labels("summary.points", dimension=labels.dimension("revenue")))
    book = {code: (price, loyalty, channel, cid) for code, price, loyalty, channel, cid in
            snapshotted.conn.execute("SELECT code, price_orientation, loyalty_segment, "
                                     "channel, id FROM customers WHERE deleted_at IS NULL")}
    changes = latest_tier_changes(snapshotted)
    assert changes  # the demo's last two months move some tiers
    shown_reasons = 0
    for row in rows:
        price, loyalty, channel, cid = book[str(row[labels("field.code")])]
        assert row[names[1]] == (labels.enum(PriceOrientation(price)) if price else None)
        assert row[names[2]] == (labels.enum(LoyaltySegment(loyalty)) if loyalty else None)
        assert row[names[3]] == (labels.enum(Channel(channel)) if channel else None)
        reason = row[names[4]]
        if cid in changes:
            change = changes[cid]
            assert isinstance(reason, str)
            assert reason.startswith(f"{labels.enum(change.tier_before)} → "
                                     f"{labels.enum(change.tier_after)}")
            first, second = change.drivers[:2]
            assert labels.dimension(first.dimension) in reason
            assert labels.dimension(second.dimension) in reason
            shown_reasons += 1
        else:
            assert reason is None
    assert shown_reasons == len(changes)
    # Filled: the demo customers carry every segment.
    assert sum(1 for row in rows if row[names[3]]) > len(rows) / 2


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_tier_change_reasons_wrap_in_a_column_of_forty(snapshotted: Database, tmp_path: Path,
                                                       lang: str) -> None:
    """The reasons (60-85 character cells: 'Key → Strategic: Payment credit not rated → 100,
    Industry influence 50→75 (+25)') were cut at the 60-unit column; now they wrap in a
    column of 40 (+2) units, each mover's row two lines tall (13.5 points a line + 3), the
    others untouched."""
    result = export_portfolio(snapshotted, tmp_path / "p.xlsx", lang=lang, today=DEMO_ANCHOR)
    ws = openpyxl.load_workbook(result.path)[result.sheets[1]]
    headers = [c.value for c in ws[HEADER_ROW]]
    column = next(i for i, h in enumerate(headers, 1)
                  if str(h).startswith(Labels(lang)("field.tier_change")))
    letter = get_column_letter(column)
    assert ws.column_dimensions[letter].width == 42
    # By hand: 79 letters of 0.85 units, 67 units, two lines in 41.
    assert wrapped_lines("Key → Strategic: Payment credit not rated → 100, Industry "
                         "influence 50→75 (+25)", 41) == 2
    movers = two_lines = 0
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        cell = ws.cell(row=row, column=column)
        height = ws.row_dimensions[row].height
        if cell.value:
            movers += 1
            assert cell.alignment.wrap_text
            lines = wrapped_lines(str(cell.value), 41)
            assert height == (13.5 * lines + 3 if lines > 1 else None)
            two_lines += lines == 2
        else:
            assert height is None
    assert movers > 0
    assert two_lines > movers / 2  # two drivers and the tiers: 58-85 units
