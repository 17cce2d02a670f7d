"""New weights re-tier the book and bring the month's snapshot in step in one transaction:
the snapshot then equals the one a full rescore with those weights would have written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from models.config import preset_weights
from models.enums import SnapshotPeriod
from models.periods import Period
from storage.database import Database
from tests.conftest import DEMO_ANCHOR

PERIOD = Period.containing(DEMO_ANCHOR, SnapshotPeriod.MONTH)


def _copy(source: Database, target: Path) -> Database:
    source.conn.execute("VACUUM INTO ?", [str(target)])
    return Database(target)


def _snapshot(db: Database) -> tuple[dict[str, tuple[float, str]], list[tuple[str, int, float]]]:
    rows = {r[0]: (r[1], r[2]) for r in db.conn.execute(
        "SELECT customer_id, score, tier FROM score_snapshots WHERE period = ?", [PERIOD.label])}
    summary = [(r[0], r[1], r[2]) for r in db.conn.execute(
        "SELECT tier, customers, revenue FROM snapshot_summaries WHERE period = ? ORDER BY tier",
        [PERIOD.label])]
    return rows, summary


def test_new_weights_retier_the_snapshot_as_a_rescore_would(demo_db: Database,
                                                            tmp_path: Path) -> None:
    demo_db.rescore(DEMO_ANCHOR, snapshot=PERIOD)
    before, _ = _snapshot(demo_db)
    config = replace(demo_db.scoring_config(), weights=preset_weights("strategic"))
    reference = _copy(demo_db, tmp_path / "reference.db")
    try:
        retiered = demo_db.update_scoring_config(config, snapshot=PERIOD)
        assert retiered.scores is None  # the re-tier path, not a full rescore
        reference.save_scoring_config(config)
        reference.rescore(DEMO_ANCHOR, snapshot=PERIOD)
        rows, summary = _snapshot(demo_db)
        expected_rows, expected_summary = _snapshot(reference)
    finally:
        reference.close()
    assert rows == expected_rows
    assert rows != before  # the new weights did move tiers
    assert [s[:2] for s in summary] == [s[:2] for s in expected_summary]
    assert [s[2] for s in summary] == pytest.approx([s[2] for s in expected_summary])
