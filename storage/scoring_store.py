"""The value engine's storage: rescoring the whole book into ``customer_metrics`` in one
transaction, explaining one customer, and changing the scoring settings (which re-tiers the
whole book at once).

A rescore reads the book once (one transaction aggregate, the latest assessments, the
customers), scores it with numpy in :mod:`models.scoring`, and writes only the rows whose
values changed. When most rows change (the first scoring, a new weighting) the indexes over
the written columns are dropped and rebuilt inside the same transaction, which is several
times faster than updating 100,000 entries in each of them one by one.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from models.config import DIMENSIONS, ScoringConfig
from models.dimensions import raw_dimensions
from models.enums import AbcClass, LifecycleStage, SnapshotPeriod, Tier
from models.explain import Explanation, ScoredCustomer, explain, scored_customer
from models.pareto import Concentration, pareto_curve
from models.periods import Period
from models.record import utc_now_iso
from models.scoring import BookScores, BookSummary, only_tiering_changed
from models.tiers import hundredths
from storage.bulk_indexes import indexes_rebuilt, table_indexes
from storage.change_keys import OUTSIDE_KEY, book_keys, score_keys, stored_keys
from storage.changes import Changes
from storage.errors import RecordNotFoundError
from storage.parallel_reads import ParallelReads
from storage.retier import retier_stored
from storage.scoring_queries import (
    ABC_TEXT,
    STAGE_TEXT,
    TIER_TEXT,
    compute_book,
    load_book,
    parse_points,
    points_array_json,
)
from storage.snapshot_store import SnapshotResult, SnapshotsMixin

SCORING_STATE_KEY = "scoring_state"
#: Rebuild an index when at least this share of the book's rows (and BULK_MIN_ROWS) touch it.
BULK_FRACTION = 0.3
BULK_MIN_ROWS = 5_000
#: customer_metrics columns a rescore writes, in two groups that change independently: the
#: score side (a new weighting changes only these) and the book side (revenue, class, stage).
SCORE_COLUMNS = ("score", "computed_tier", "tier", "tier_rank", "dimensions", "growth_points")
BOOK_COLUMNS = ("abc_class", "lifecycle", "revenue_12m", "profit_12m")
WRITTEN_COLUMNS = SCORE_COLUMNS + BOOK_COLUMNS
_OUTSIDE = (None, None, None, None, "{}", None, None, None, 0.0, 0.0)
_GROWTH = DIMENSIONS.index("growth_potential")
_CURRENT_SQL = ("SELECT customer_id, rowid, score_key, book_key, tier_rank "
                "FROM customer_metrics INDEXED BY idx_metrics_keys WHERE deleted = 0 "
                "ORDER BY customer_id")


@dataclass(frozen=True)
class RescoreResult:
    """What a rescore did: the book's summary and how much changed."""

    summary: BookSummary
    #: customer_metrics rows whose values changed (and were written).
    changed_rows: int
    #: Customers whose (effective) tier differs from the one stored before.
    changed_tier: int
    #: Customers that had no tier before (first scoring, new customers).
    newly_scored: int
    seconds: float
    #: The scored book itself (e.g. to snapshot it without scoring twice); None when new
    #: settings re-tiered the book from its stored points (:meth:`update_scoring_config`).
    scores: BookScores | None = field(repr=False, compare=False)
    timings: dict[str, float] = field(default_factory=dict)
    #: The period's snapshot stored in the same transaction, when one was asked for.
    snapshot: SnapshotResult | None = None

    @property
    def changes(self) -> Changes:
        """What the views showing scores must read again (nothing when no row moved)."""
        moved = Changes.of_rescore(self.changed_rows if self.changed_rows >= 0 else 1)
        if self.snapshot is not None:
            moved = moved | Changes(frozenset({"score_snapshots"}))
        return moved


@dataclass(frozen=True)
class ScoringState:
    """The last rescore: when, with which settings, and the book-level figures it produced."""

    as_of: date
    computed_at: str
    config: ScoringConfig
    summary: BookSummary
    quantiles: dict[str, list[float] | None]
    guard_revenue: float | None


class ScoringMixin(SnapshotsMixin):
    # Provided by SettingsMixin and MetricsMixin, which Database combines with this mixin; declared
    # here for mypy, which checks that both signatures agree.
    if TYPE_CHECKING:
        def get_setting(self, key: str, default: Any = None) -> Any: ...
        def set_setting(self, key: str, value: Any) -> None: ...
        def save_scoring_config(self, config: ScoringConfig) -> ScoringConfig: ...
        def refresh_activity(self, as_of: date | None = None) -> None: ...
        def refresh_customer_activity(self, customer_id: str,
                                      as_of: date | None = None) -> None: ...

    # ---- computing -------------------------------------------------------------------------
    def score_book(self, as_of: date | None = None,
                   config: ScoringConfig | None = None) -> BookScores:
        """Score the book as of ``as_of`` (default today) without writing anything."""
        scores, _ = compute_book(self, as_of or date.today(), config or self._config())
        return scores

    def rescore(self, as_of: date | None = None, *, config: ScoringConfig | None = None,
                helpers: bool | None = None, snapshot: Period | None = None) -> RescoreResult:
        """Recompute every customer's score, tiers, class and stage as of ``as_of`` (default
        today) and store them in ``customer_metrics``, all in one transaction, together with
        the snapshot of ``snapshot`` when given (a failure then keeps neither: a full disk
        met by the snapshot no longer leaves new scores without their period's snapshot).

        The big reads run on helper connections (other cores) unless this is nested in a
        transaction that may hold uncommitted writes they would miss; ``helpers`` overrides
        that choice for callers that know what their transaction wrote.
        """
        started = time.perf_counter()
        as_of = as_of or date.today()
        config = (config or self._config()).validated()
        timings: dict[str, float] = {}
        if helpers is None:
            helpers = not self.conn.in_transaction
        if not self._metric_rows_complete():
            with self.atomic():  # customers added behind the query API's back
                self._ensure_metric_rows()
            helpers = False
        if self.conn.in_transaction:  # part of a caller's transaction: one block, as asked
            with self.atomic():
                scores, current = self._compute(as_of, config, helpers, started, timings)
                changed, changed_tier, newly = self._write_metrics(scores, current, timings)
                summary = scores.summary()
                self._save_state(scores, summary)
                stored = self.write_snapshot(scores, snapshot) if snapshot else None
        else:
            # Compute from a read snapshot first and take the write lock only to write, so
            # another window's save waits a moment, not the whole rescore (seconds on 100k).
            # An edit committed in between is picked up by the rescore that edit triggers.
            with self.read_snapshot():
                scores, current = self._compute(as_of, config, helpers, started, timings)
            with self.big_write(), self.atomic():
                changed, changed_tier, newly = self._write_metrics(scores, current, timings)
                summary = scores.summary()
                self._save_state(scores, summary)
                stored = self.write_snapshot(scores, snapshot) if snapshot else None
        return RescoreResult(summary=summary, changed_rows=changed, changed_tier=changed_tier,
                             newly_scored=newly, seconds=time.perf_counter() - started,
                             scores=scores, timings=timings, snapshot=stored)

    def update_scoring_config(self, config: ScoringConfig, as_of: date | None = None, *,
                              snapshot: Period | None = None) -> RescoreResult:
        """Validate and store new settings and re-tier the whole book with them, at once
        (as of ``as_of``, default the last rescore's date, else today), with the snapshot of
        ``snapshot`` brought in step in the same transaction when given.

        New weights, thresholds or revenue guard alone, on the last rescore's date and a book
        unchanged since, re-tier from the stored points (:mod:`storage.retier`); anything
        else rescores in full."""
        started = time.perf_counter()
        config = config.validated()
        state = self.scoring_state()
        day = as_of or (state.as_of if state else None)
        # Only the settings row will be uncommitted: helper connections read the same book,
        # unless a caller's own transaction holds other writes.
        helpers = not self.conn.in_transaction
        with self.big_write(), self.atomic():
            self.save_scoring_config(config)
            # The stored points are re-tiered only when the snapshot asked for is the last
            # rescore's own (a later rescore without one, say an import's, scored customers
            # it lacks): otherwise the full rescore below writes the snapshot anew.
            if state is not None and day == state.as_of \
                    and only_tiering_changed(state.config, config) \
                    and (snapshot is None or self.snapshot_is_of(snapshot, state.computed_at)):
                result = self._retier(state, config, started)
                if result is not None:
                    if snapshot is not None:
                        self.retier_snapshot(snapshot, state.as_of)
                    return result
            return self.rescore(day, config=config, helpers=helpers, snapshot=snapshot)

    def change_settings(self, config: ScoringConfig) -> RescoreResult:
        """New weights, thresholds or guard as the user sets them (Preferences, the weights
        command): the book re-tiered as of its last rescore, this month's snapshot in step."""
        state = self.scoring_state()
        day = state.as_of if state is not None else date.today()
        return self.update_scoring_config(
            config, snapshot=Period.containing(day, SnapshotPeriod.MONTH))

    # ---- reading ---------------------------------------------------------------------------
    def scoring_state(self) -> ScoringState | None:
        data = self.get_setting(SCORING_STATE_KEY)
        if not data:
            return None
        return ScoringState(
            as_of=date.fromisoformat(data["as_of"]), computed_at=data["computed_at"],
            config=ScoringConfig.from_json(data["config"]),
            summary=_summary_from_json(data["summary"]), quantiles=data["quantiles"],
            guard_revenue=data["guard_revenue"])

    def explain_customer(self, customer_id: str, as_of: date | None = None) -> Explanation:
        """Why ``customer_id`` has its score and tier, and what would move it up.

        As of the last rescore (or ``as_of`` equal to it) this reads the stored row and the
        customer's own figures only: a few milliseconds. Another date, changed settings or a
        book never scored are computed in full (about a second for 100,000 customers).
        """
        customer = self._customer_row(customer_id)
        state = self.scoring_state()
        config = self._config()
        if state is not None and (as_of is None or as_of == state.as_of) \
                and state.config == config:
            stored = self._stored_explanation(customer, state)
            if stored is not None:
                return stored
        day = as_of or (state.as_of if state else date.today())
        scores, _ = compute_book(self, day, config)
        try:
            row = scored_customer(scores, customer_id)
        except KeyError:
            raise RecordNotFoundError(kind=f"customers on {day}", key=customer_id) from None
        return explain(row, config, quantiles=scores.quantiles,
                       guard_revenue=scores.guard_revenue,
                       override_reason=customer["tier_override_reason"],
                       lifecycle_override_reason=customer["lifecycle_override_reason"])

    def _customer_row(self, customer_id: str) -> dict[str, Any]:
        rows = self.query("SELECT id, tier_override, tier_override_reason, lifecycle_override, "
                          "lifecycle_override_reason FROM customers "
                          "WHERE id = ? AND deleted_at IS NULL", [customer_id])
        if not rows:
            raise RecordNotFoundError(kind="customers", key=customer_id)
        return rows[0]

    def pareto_points(self) -> tuple[list[float], list[float]]:
        """The stored book's Pareto curve (customer share %, revenue share %) for a chart."""
        revenue = np.array([r[0] for r in self.conn.execute(
            "SELECT revenue_12m FROM customer_metrics WHERE deleted = 0 AND score IS NOT NULL")],
            dtype=np.float64)
        x, y = pareto_curve(revenue)
        return x.tolist(), y.tolist()

    # ---- internals -------------------------------------------------------------------------
    def _compute(self, as_of: date, config: ScoringConfig, helpers: bool, started: float,
                 timings: dict[str, float]) -> tuple[BookScores, list[tuple[Any, ...]]]:
        """Score the book and read the stored rows to compare against; writes nothing."""
        with ParallelReads(self, enabled=helpers) as reads:
            stored = reads.submit(_CURRENT_SQL)  # read while the book is scored
            scores, _ = compute_book(self, as_of, config, reads=reads)
            timings["score"] = time.perf_counter() - started
            current = stored.result()
        return scores, current

    def _metric_rows_complete(self) -> bool:
        return int(self.scalar("SELECT count(*) FROM customers")) == int(
            self.scalar("SELECT count(*) FROM customer_metrics"))

    def _config(self) -> ScoringConfig:
        return self.scoring_config()

    def _ensure_metric_rows(self) -> bool:
        """Customers added behind the query API's back get their customer_metrics row;
        returns whether nothing had to be written."""
        customers = int(self.scalar("SELECT count(*) FROM customers"))
        if customers == int(self.scalar("SELECT count(*) FROM customer_metrics")):
            return True
        missing = [r[0] for r in self.conn.execute(
            "SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM customer_metrics)")]
        if len(missing) > 1_000:
            self.refresh_activity()
        for customer_id in missing if len(missing) <= 1_000 else ():
            self.refresh_customer_activity(customer_id)
        return not missing

    def _write_metrics(self, scores: BookScores, current: list[tuple[Any, ...]],
                       timings: dict[str, float]) -> tuple[int, int, int]:
        """Write the rows whose values changed; returns (rows, tier changes, first scorings).

        ``current`` holds the stored change keys (customer_id, rowid, score_key, book_key,
        tier_rank) of the live rows. A row is written when the key of its new values differs
        from the stored one, and only in the column group(s) that changed, so an index over
        the other group is left alone; an index that most rows touch is rebuilt instead of
        updated entry by entry. Unchanged rows are not touched at all.
        """
        started = time.perf_counter()
        ids = [row[0] for row in current]
        if ids == scores.customer_ids:
            where = np.arange(len(ids), dtype=np.int64)
        else:
            position = {cid: i for i, cid in enumerate(scores.customer_ids)}
            where = np.fromiter((position.get(cid, -1) for cid in ids), dtype=np.int64,
                                count=len(ids))
        inside = where >= 0
        new_score = np.full(len(ids), OUTSIDE_KEY, dtype=np.int64)
        new_book = new_score.copy()
        new_tier = np.full(len(ids), -1, dtype=np.int64)
        new_score[inside] = score_keys(scores)[where[inside]]
        new_book[inside] = book_keys(scores)[where[inside]]
        new_tier[inside] = scores.tier[where[inside]]
        score_changed = stored_keys([row[2] for row in current]) != new_score
        book_changed = stored_keys([row[3] for row in current]) != new_book
        old_tier = np.fromiter((-1 if row[4] is None else row[4] for row in current),
                               dtype=np.int64, count=len(ids))
        changed = np.flatnonzero(score_changed | book_changed)
        was, now_tier = old_tier[changed], new_tier[changed]
        newly = int(np.count_nonzero((was < 0) & (now_tier >= 0)))
        changed_tier = int(np.count_nonzero((was >= 0) & (was != now_tier)))
        values = _metric_values(scores, where[changed])
        stamp = (scores.as_of.isoformat(), utc_now_iso())
        split = len(SCORE_COLUMNS)
        both: list[tuple[Any, ...]] = []
        score_side: list[tuple[Any, ...]] = []
        book_side: list[tuple[Any, ...]] = []
        for k, i in enumerate(changed.tolist()):
            new, rowid = values[k], current[i][1]
            keys = (int(new_score[i]), int(new_book[i]))
            if score_changed[i] and book_changed[i]:
                both.append((*new, *keys, *stamp, rowid))
            elif score_changed[i]:
                score_side.append((*new[:split], keys[0], *stamp, rowid))
            else:
                book_side.append((*new[split:], keys[1], *stamp, rowid))
        timings["compare"] = time.perf_counter() - started
        self._update_metrics([((*WRITTEN_COLUMNS, "score_key", "book_key"), both),
                              ((*SCORE_COLUMNS, "score_key"), score_side),
                              ((*BOOK_COLUMNS, "book_key"), book_side)], len(current))
        timings["write"] = time.perf_counter() - started - timings["compare"]
        return len(changed), changed_tier, newly

    def _update_metrics(self, batches: list[tuple[tuple[str, ...], list[tuple[Any, ...]]]],
                        live_rows: int) -> None:
        """Run each batch (columns set, rows of their values + as_of, computed_at, rowid).

        SQLite updates every index holding a column in the SET list, changed or not, one
        entry at a time: an index that at least :data:`BULK_FRACTION` of the live rows would
        touch is dropped and built again around the updates instead."""
        threshold = max(BULK_MIN_ROWS, BULK_FRACTION * live_rows)
        rebuild = [name for name, (_sql, columns) in table_indexes(self, "customer_metrics").items()
                   if sum(len(rows) for written, rows in batches
                          if columns.intersection(written)) >= threshold]
        with indexes_rebuilt(self, "customer_metrics", rebuild):
            for written, rows in batches:
                if rows:
                    rows.sort(key=lambda r: r[-1])  # rowid order: sequential table pages
                    assignments = ", ".join(f"{c} = ?" for c in (*written, "as_of",
                                                                 "computed_at"))
                    self.conn.executemany(
                        f"UPDATE customer_metrics SET {assignments} WHERE rowid = ?", rows)

    def _stored_explanation(self, customer: dict[str, Any],
                            state: ScoringState) -> Explanation | None:
        rows = self.query("SELECT score, computed_tier, tier, abc_class, lifecycle, dimensions, "
                          "revenue_12m, computed_at FROM customer_metrics WHERE customer_id = ?",
                          [customer["id"]])
        if not rows or rows[0]["score"] is None:
            return None
        stored = rows[0]
        config = state.config
        book, _ = load_book(self, state.as_of, config, customer_id=customer["id"])
        if len(book) != 1:
            return None
        raw = raw_dimensions(book)
        points_by_name = parse_points(stored["dimensions"])
        points = np.array([points_by_name.get(n) or 0 for n in DIMENSIONS], dtype=np.int64)
        missing = np.array([points_by_name.get(n) is None for n in DIMENSIONS])
        points[missing] = 50
        values = raw.values[0].copy()
        values[missing] = np.nan
        computed = Tier(stored["computed_tier"])
        score_h = round(float(stored["score"]) * 100)
        late = float(raw.average_days_late[0])
        row = ScoredCustomer(
            customer_id=customer["id"], as_of=state.as_of, raw=values,
            average_days_late=None if math.isnan(late) else late, points=points,
            computed_tier=computed, tier=Tier(stored["tier"]),
            tier_overridden=customer["tier_override"] is not None,
            guard_blocked=computed is Tier.KEY
            and score_h >= hundredths(config.threshold_strategic),
            abc_class=AbcClass(stored["abc_class"]) if stored["abc_class"] else None,
            lifecycle=LifecycleStage(stored["lifecycle"]),
            lifecycle_overridden=customer["lifecycle_override"] is not None,
            revenue=float(stored["revenue_12m"]))
        return explain(row, config, quantiles=state.quantiles, guard_revenue=state.guard_revenue,
                       override_reason=customer["tier_override_reason"],
                       lifecycle_override_reason=customer["lifecycle_override_reason"],
                       # Every write through the query API refreshes the customer's activity
                       # figures, stamping its row after the rescore that scored it.
                       stale=(stored["computed_at"] or "") > state.computed_at)

    def _retier(self, state: ScoringState, config: ScoringConfig,
                started: float) -> RescoreResult | None:
        """Re-tier the book from its stored points (see :mod:`storage.retier`) and write the
        score side of the rows whose score or tier changed; None when a full rescore is
        needed."""
        stored = retier_stored(self, state.computed_at, state.summary, config)
        if stored is None:
            return None
        timings = {"score": time.perf_counter() - started}
        tiering = stored.tiering
        changed = np.flatnonzero(stored.keys != stored.stored_keys)
        stamp = (state.as_of.isoformat(), utc_now_iso())
        rows = [(score / 100.0, TIER_TEXT[computed], TIER_TEXT[tier], tier, key, *stamp,
                 stored.rowids[i])
                for i, score, computed, tier, key in zip(
                    changed.tolist(), tiering.score_hundredths[changed].tolist(),
                    tiering.computed_tier[changed].tolist(), tiering.tier[changed].tolist(),
                    stored.keys[changed].tolist(), strict=True)]
        timings["compare"] = time.perf_counter() - started - timings["score"]
        self._update_metrics([(("score", "computed_tier", "tier", "tier_rank", "score_key"),
                               rows)], len(stored.rowids))
        timings["write"] = time.perf_counter() - started - timings["score"] - timings["compare"]
        was = stored.stored_tier[changed]
        self._store_state(state.as_of, config, stored.summary, state.quantiles,
                          tiering.guard_revenue)
        return RescoreResult(
            summary=stored.summary, changed_rows=len(rows),
            changed_tier=int(np.count_nonzero((was >= 0) & (was != tiering.tier[changed]))),
            newly_scored=0, seconds=time.perf_counter() - started, scores=None,
            timings=timings)

    def _save_state(self, scores: BookScores, summary: BookSummary) -> None:
        self._store_state(scores.as_of, scores.config, summary, scores.quantiles,
                          scores.guard_revenue)

    def _store_state(self, as_of: date, config: ScoringConfig, summary: BookSummary,
                     quantiles: dict[str, list[float] | None],
                     guard_revenue: float | None) -> None:
        self.set_setting(SCORING_STATE_KEY, {
            "as_of": as_of.isoformat(), "computed_at": utc_now_iso(),
            "config": config.to_json(), "summary": _summary_to_json(summary),
            "quantiles": quantiles, "guard_revenue": guard_revenue,
        })


def _metric_values(scores: BookScores, rows: npt.NDArray[np.int64]) -> list[tuple[Any, ...]]:
    """The WRITTEN_COLUMNS values of the scored customers at ``rows`` (-1: a customer not in
    the book on the scored date, whose row is cleared), one tuple per row."""
    inside = rows >= 0
    picked = rows[inside]
    columns = [
        (scores.score_hundredths[picked] / 100.0).tolist(),
        TIER_TEXT[scores.computed_tier[picked]].tolist(),
        TIER_TEXT[scores.tier[picked]].tolist(),
        scores.tier[picked].tolist(),
        points_array_json(scores.points[picked], scores.raw.missing[picked]),
        [None if missing else points for points, missing in zip(
            scores.points[picked, _GROWTH].tolist(),
            scores.raw.missing[picked, _GROWTH].tolist(), strict=True)],
        ABC_TEXT[scores.abc[picked]].tolist(),
        STAGE_TEXT[scores.lifecycle[picked]].tolist(),
        scores.revenue[picked].tolist(),
        scores.profit[picked].tolist(),
    ]
    scored = iter(list(zip(*columns, strict=True)))
    return [next(scored) if flag else _OUTSIDE for flag in inside.tolist()]


def _summary_to_json(summary: BookSummary) -> dict[str, Any]:
    c = summary.concentration
    return {
        "as_of": summary.as_of.isoformat(), "customers": summary.customers,
        "total_revenue": summary.total_revenue,
        "tier_counts": {t.value: v for t, v in summary.tier_counts.items()},
        "tier_revenue": {t.value: v for t, v in summary.tier_revenue.items()},
        "abc_counts": {k.value: v for k, v in summary.abc_counts.items()},
        "lifecycle_counts": {k.value: v for k, v in summary.lifecycle_counts.items()},
        "overridden": summary.overridden,
        "concentration": {"target_percent": c.target_percent,
                          "customers_needed": c.customers_needed,
                          "buying_customers": c.buying_customers,
                          "total_customers": c.total_customers, "total_revenue": c.total_revenue},
    }


def _summary_from_json(data: dict[str, Any]) -> BookSummary:
    return BookSummary(
        as_of=date.fromisoformat(data["as_of"]), customers=int(data["customers"]),
        total_revenue=float(data["total_revenue"]),
        tier_counts={Tier(k): int(v) for k, v in data["tier_counts"].items()},
        tier_revenue={Tier(k): float(v) for k, v in data["tier_revenue"].items()},
        abc_counts={AbcClass(k): int(v) for k, v in data["abc_counts"].items()},
        lifecycle_counts={LifecycleStage(k): int(v) for k, v in data["lifecycle_counts"].items()},
        overridden=int(data["overridden"]), concentration=Concentration(**data["concentration"]))

