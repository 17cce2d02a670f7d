"""The portfolio workbook's segment columns and "why the tier changed" (issue 19, points 6
and 7), read back in both languages against the book."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from models.enums import Channel, LoyaltySegment, PriceOrientation, SnapshotPeriod
from models.periods import Period
from storage.database import Database
from storage.export_labels import Labels
from storage.export_portfolio import export_portfolio
from storage.tier_change_queries import latest_tier_changes
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
