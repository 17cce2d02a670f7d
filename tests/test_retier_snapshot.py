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


def test_a_snapshot_older_than_the_last_rescore_is_written_anew(demo_db: Database) -> None:
    """A rescore without a snapshot (the import command's) scored a customer the month's
    snapshot lacks: new weights then write the whole snapshot, not only re-tier it."""
    from models.entities import Customer

    demo_db.rescore(DEMO_ANCHOR, snapshot=PERIOD)
    demo_db.add(Customer(name="New since the snapshot"))
    demo_db.rescore(DEMO_ANCHOR)  # no snapshot, as after an import
    demo_db.update_scoring_config(
        replace(demo_db.scoring_config(), weights=preset_weights("strategic")), snapshot=PERIOD)
    scored = demo_db.scalar("SELECT count(*) FROM customer_metrics m JOIN customers c "
                            "ON c.id = m.customer_id WHERE c.deleted_at IS NULL "
                            "AND m.score IS NOT NULL")
    rows, summary = _snapshot(demo_db)
    assert len(rows) == scored
    assert sum(s[1] for s in summary) == scored
    tiers = dict(demo_db.conn.execute("SELECT customer_id, computed_tier FROM customer_metrics "
                                      "WHERE score IS NOT NULL").fetchall())
    assert all(tiers[cid] == tier for cid, (_score, tier) in rows.items())
