"""Score history: per-period snapshots of every customer, backfilled from the transaction
history, read back per customer or per period, and compared as tier migrations.

A snapshot records the *computed* tier and lifecycle (an override is a decision of today, not a
fact about a past period), the score, ABC class, window revenue and each dimension's points.
Writing a period replaces it whole, so customers no longer in the book drop out.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from models.config import ScoringConfig
from models.enums import AbcClass, LifecycleStage, SnapshotPeriod, Tier
from models.migration import TierMigration, build_migration
from models.periods import Period, periods_before
from models.record import utc_now_iso
from models.scores import ScoreSnapshot
from models.scoring import BookScores, score_book
from storage.bulk_indexes import indexes_rebuilt
from storage.checkpoint import CheckpointMixin
from storage.migrations import MIGRATION_COUNTS_SQL
from storage.parallel_reads import ParallelReads
from storage.scoring_queries import (
    ABC_TEXT,
    STAGE_TEXT,
    TIER_TEXT,
    Population,
    finish_book,
    parse_points,
    points_array_json,
    read_assessments,
    read_population,
    start_book,
)

#: (done, total) -> keep going?
Progress = Callable[[int, int], bool]
#: A backfill writing at least this many rows rebuilds the per-customer index afterwards.
REBUILD_MIN_ROWS = 50_000

_SNAPSHOT_COLUMNS = ("period, customer_id, as_of, score, tier, abc_class, lifecycle, revenue, "
                     "dimensions, computed_at")


@dataclass(frozen=True)
class SnapshotResult:
    period: str
    as_of: date
    customers: int
    seconds: float


class BackfillCancelled(Exception):
    """The progress callback asked to stop; no snapshot of this backfill was kept."""


@dataclass(frozen=True)
class KnownMigration:
    """Customers per (tier rank before, tier rank after) from ``from_period``, counted in
    memory by a backfill that has just scored both periods of the same customers."""

    from_period: str
    counts: dict[tuple[int, int], int]

    @classmethod
    def between(cls, from_period: str, before: npt.NDArray[np.int64],
                after: npt.NDArray[np.int64]) -> KnownMigration:
        """From each customer's tier rank in two periods (-1: not in the book then)."""
        both = (before >= 0) & (after >= 0)
        ranks = len(TIER_TEXT)
        pairs = np.bincount(before[both] * ranks + after[both], minlength=ranks * ranks)
        return cls(from_period, {(i // ranks, i % ranks): int(n)
                                 for i, n in enumerate(pairs.tolist())})


class SnapshotsMixin(CheckpointMixin):
    # Provided by SettingsMixin, which Database combines with this mixin; declared
    # here for mypy, which checks that both signatures agree.
    if TYPE_CHECKING:
        def scoring_config(self) -> ScoringConfig: ...

    def write_snapshot(self, scores: BookScores, period: Period,
                       known: KnownMigration | None = None) -> SnapshotResult:
        """Store ``scores`` as the snapshot of ``period`` (replacing any earlier one), with the
        tier migrations from the stored period before it and to the one after it (``known``:
        the counts from the period before, when the caller has them in memory)."""
        started = time.perf_counter()
        ids = scores.customer_ids
        order: Any = slice(None)  # a scored book comes in id order: the primary key's order
        if any(a > b for a, b in pairwise(ids)):
            order = np.argsort(np.array(ids, dtype=object), kind="stable")
            ids = [ids[i] for i in order.tolist()]
        now = utc_now_iso()
        dims = points_array_json(scores.points[order], scores.raw.missing[order])
        rows = zip(
            [period.label] * len(ids), ids, [scores.as_of.isoformat()] * len(ids),
            (scores.score_hundredths[order] / 100.0).tolist(),
            TIER_TEXT[scores.computed_tier[order]].tolist(),
            ABC_TEXT[scores.abc[order]].tolist(),
            STAGE_TEXT[scores.computed_lifecycle[order]].tolist(),
            scores.revenue[order].tolist(), dims, [now] * len(ids), strict=True)
        ranks = np.asarray(scores.computed_tier, dtype=np.int64)
        counts = np.bincount(ranks, minlength=len(TIER_TEXT))
        revenue = np.bincount(ranks, weights=np.asarray(scores.revenue, dtype=np.float64),
                              minlength=len(TIER_TEXT))
        summary = [(period.label, TIER_TEXT[rank], int(counts[rank]), float(revenue[rank]))
                   for rank in range(len(TIER_TEXT)) if counts[rank]]
        with self.atomic():
            self.conn.execute("DELETE FROM score_snapshots WHERE period = ?", [period.label])
            self.conn.executemany(f"INSERT INTO score_snapshots ({_SNAPSHOT_COLUMNS}) "
                                  f"VALUES ({','.join('?' * 10)})", rows)
            self.conn.execute("DELETE FROM snapshot_summaries WHERE period = ?", [period.label])
            self.conn.executemany("INSERT INTO snapshot_summaries (period, tier, customers, "
                                  "revenue) VALUES (?, ?, ?, ?)", summary)
            self._store_migrations(period.label, known)
        return SnapshotResult(period=period.label, as_of=scores.as_of, customers=len(ids),
                              seconds=time.perf_counter() - started)

    def snapshot_is_of(self, period: Period, computed_at: str) -> bool:
        """Whether ``period``'s snapshot was written by the rescore (or re-tier) stamped
        ``computed_at``, or later: it then holds exactly the customers that one scored."""
        written = self.scalar("SELECT min(computed_at) FROM score_snapshots WHERE period = ?",
                              [period.label])
        return written is not None and str(written) >= computed_at

    def retier_snapshot(self, period: Period, as_of: date) -> bool:
        """After a re-tier from the stored points (new weights, thresholds or guard, no other
        change): the snapshot of ``period`` taken by that same rescore (``as_of``) takes the
        new scores and tiers from ``customer_metrics``, with its tier summary and migrations.
        Returns False when that period has no snapshot of that day (nothing to bring in
        step). Revenue, classes, stages and points are the rescore's own and do not move."""
        label = period.label
        if not self.scalar("SELECT 1 FROM score_snapshots WHERE period = ? AND as_of = ? "
                           "LIMIT 1", [label, as_of.isoformat()]):
            return False
        with self.atomic():
            self.conn.execute(
                "UPDATE score_snapshots SET score = m.score, tier = m.computed_tier, "
                "computed_at = ? FROM customer_metrics m "
                "WHERE m.customer_id = score_snapshots.customer_id "
                "AND score_snapshots.period = ?", [utc_now_iso(), label])
            rows = self.conn.execute("SELECT tier, revenue FROM score_snapshots "
                                     "WHERE period = ?", [label]).fetchall()
            counts: dict[str, int] = {}
            revenue: dict[str, list[float]] = {}
            for tier, amount in rows:
                counts[tier] = counts.get(tier, 0) + 1
                revenue.setdefault(tier, []).append(float(amount or 0.0))
            self.conn.execute("DELETE FROM snapshot_summaries WHERE period = ?", [label])
            self.conn.executemany(
                "INSERT INTO snapshot_summaries (period, tier, customers, revenue) "
                "VALUES (?, ?, ?, ?)",
                [(label, tier, counts[tier], math.fsum(revenue[tier]))
                 for tier in TIER_TEXT.tolist() if tier in counts])
            self._store_migrations(label, None)
        return True

    def _store_migrations(self, label: str, known: KnownMigration | None) -> None:
        """Keep ``snapshot_migrations`` for the pairs of neighbouring periods around
        ``label``, just rewritten: from the one before (from ``known`` if it is that one) and
        to the one after."""
        self.conn.execute("DELETE FROM snapshot_migrations WHERE from_period = ? "
                          "OR to_period = ?", [label, label])
        before = self.scalar("SELECT max(period) FROM score_snapshots WHERE period < ?",
                             [label])
        after = self.scalar("SELECT min(period) FROM score_snapshots WHERE period > ?",
                            [label])
        if before is not None and known is not None and known.from_period == before:
            self.conn.executemany(
                "INSERT INTO snapshot_migrations (from_period, to_period, from_tier, to_tier, "
                "customers) VALUES (?, ?, ?, ?, ?)",
                [(before, label, TIER_TEXT[a], TIER_TEXT[b], count)
                 for (a, b), count in known.counts.items() if count])
        elif before is not None:
            self.conn.execute(MIGRATION_COUNTS_SQL, [before, label, label, before])
        if after is not None:
            self.conn.execute(MIGRATION_COUNTS_SQL, [label, after, after, label])

    def backfill_snapshots(self, periods: int, kind: SnapshotPeriod = SnapshotPeriod.MONTH,
                           as_of: date | None = None, config: ScoringConfig | None = None,
                           progress: Progress | None = None) -> list[SnapshotResult]:
        """Snapshot the ``periods`` complete periods before the one holding ``as_of``, each
        scored as of its last day from the transaction history; one transaction for all.

        While one period's snapshot is written, helper connections already aggregate the
        next period's transactions (unless nested in a transaction with pending writes).
        """
        as_of = as_of or date.today()
        config = (config or self.scoring_config()).validated()
        wanted = periods_before(as_of, kind, periods)
        helpers = not self.conn.in_transaction
        with self.big_write(), self.atomic(), \
                ParallelReads(self, enabled=helpers) as reads:
            population = read_population(self)
            stored = int(self.scalar("SELECT count(*) FROM score_snapshots"))
            # Many periods at once: rebuild the per-customer index once at the end.
            rebuild = ["idx_snapshots_customer"] \
                if len(wanted) * len(population.ids) >= max(REBUILD_MIN_ROWS, stored // 2) else []
            with indexes_rebuilt(self, "score_snapshots", rebuild):
                return self._backfill(wanted, config, population, reads, progress)

    def _backfill(self, wanted: list[Period], config: ScoringConfig, population: Population,
                  reads: ParallelReads, progress: Progress | None) -> list[SnapshotResult]:
        results: list[SnapshotResult] = []
        if not wanted:
            return results
        history = read_assessments(self, population)
        pending = start_book(self, wanted[0].end, config, population=population, reads=reads,
                             assessments=history)
        previous: tuple[str, npt.NDArray[np.int64]] | None = None  # label, tier by customer
        for done, period in enumerate(wanted, start=1):
            started = time.perf_counter()
            book, in_book = finish_book(self, pending)
            if done < len(wanted):
                pending = start_book(self, wanted[done].end, config, population=population,
                                     reads=reads, assessments=history)
            scores = score_book(book, config)
            tiers = np.full(len(population.ids), -1, dtype=np.int64)
            tiers[np.flatnonzero(in_book)] = scores.computed_tier
            known = KnownMigration.between(previous[0], previous[1], tiers) \
                if previous is not None else None
            written = self.write_snapshot(scores, period, known)
            previous = (period.label, tiers)
            results.append(SnapshotResult(period=period.label, as_of=period.end,
                                          customers=written.customers,
                                          seconds=time.perf_counter() - started))
            if progress is not None and not progress(done, len(wanted)):
                raise BackfillCancelled()
        return results

    def snapshot_periods(self) -> list[str]:
        """Labels of the stored periods, oldest first (one index probe per period)."""
        periods: list[str] = []
        while True:
            label = self.scalar("SELECT min(period) FROM score_snapshots WHERE period > ?",
                                [periods[-1] if periods else ""])
            if label is None:
                return periods
            periods.append(label)

    def customer_snapshots(self, customer_id: str) -> list[ScoreSnapshot]:
        """A customer's history, oldest period first (monthly and quarterly labels mixed)."""
        rows = self.query(f"SELECT {_SNAPSHOT_COLUMNS} FROM score_snapshots "
                          "WHERE customer_id = ? ORDER BY as_of, period", [customer_id])
        return [_snapshot(row) for row in rows]

    def period_snapshots(self, period: str) -> list[ScoreSnapshot]:
        rows = self.query(f"SELECT {_SNAPSHOT_COLUMNS} FROM score_snapshots WHERE period = ?",
                          [Period.parse(period).label])
        return [_snapshot(row) for row in rows]

    def period_tier_counts(self, period: str) -> dict[Tier, tuple[int, float]]:
        """Customers and revenue per tier in one stored period (for history charts)."""
        result = {tier: (0, 0.0) for tier in Tier}
        for tier, count, revenue in self.conn.execute(
                "SELECT tier, count(*), total(revenue) FROM score_snapshots "
                "WHERE period = ? GROUP BY tier", [Period.parse(period).label]):
            result[Tier(tier)] = (int(count), float(revenue))
        return result

    def tier_migration(self, from_period: str, to_period: str) -> TierMigration:
        """Who moved between the tiers of two stored periods, and the dimensions that drove it."""
        before, after = Period.parse(from_period).label, Period.parse(to_period).label
        live = ("NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = {alias}.customer_id "
                "AND c.deleted_at IS NOT NULL)")
        matrix: dict[tuple[Tier, Tier], int] = {}
        matched = 0
        for old, new, count in self.conn.execute(
                "SELECT a.tier, b.tier, count(*) FROM score_snapshots a JOIN score_snapshots b "
                "ON b.period = :after AND b.customer_id = a.customer_id "
                f"WHERE a.period = :before AND {live.format(alias='a')} GROUP BY 1, 2",
                {"before": before, "after": after}):
            matrix[(Tier(old), Tier(new))] = int(count)
            matched += int(count)
        counts = {label: int(self.scalar(
            f"SELECT count(*) FROM score_snapshots s WHERE period = ? AND {live.format(alias='s')}",
            [label])) for label in (before, after)}
        width = len(_SNAPSHOT_COLUMNS.split(","))
        columns = ", ".join(f"{alias}.{c.strip()}" for alias in ("a", "b")
                            for c in _SNAPSHOT_COLUMNS.split(","))
        movers = []
        for row in self.conn.execute(
                f"SELECT {columns} FROM score_snapshots a JOIN score_snapshots b "
                "ON b.period = :after AND b.customer_id = a.customer_id "
                f"WHERE a.period = :before AND a.tier <> b.tier AND {live.format(alias='a')}",
                {"before": before, "after": after}):
            names = [c.strip() for c in _SNAPSHOT_COLUMNS.split(",")]
            movers.append((_snapshot(dict(zip(names, row[:width], strict=True))),
                           _snapshot(dict(zip(names, row[width:], strict=True)))))
        weights = self.scoring_config().weights
        return build_migration(before, after, matrix, entered=counts[after] - matched,
                               left=counts[before] - matched, movers=movers, weights=weights)


def _snapshot(row: dict[str, Any]) -> ScoreSnapshot:
    return ScoreSnapshot(
        customer_id=row["customer_id"], period=row["period"],
        as_of=date.fromisoformat(row["as_of"]), score=float(row["score"]),
        tier=Tier(row["tier"]), abc_class=AbcClass(row["abc_class"]) if row["abc_class"]
        else None, lifecycle=LifecycleStage(row["lifecycle"]), revenue=float(row["revenue"]),
        dimensions=dict(parse_points(row["dimensions"])),
        computed_at=row["computed_at"])
