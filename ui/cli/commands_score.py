"""Subcommands of the value engine: ``score`` rescores the book (and snapshots it), ``explain``
breaks one customer's score down, ``weights`` shows or changes the scoring settings."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from models.config import DIMENSIONS, PRESETS, ScoringConfig, preset_weights
from models.enums import SnapshotPeriod, Tier
from ui.cli.errors import UserError
from ui.cli.text import t

if TYPE_CHECKING:  # numpy and sqlite-utils load when a command runs, not for --help
    from models.explain import DimensionLine, Explanation
    from models.scoring import BookSummary
    from models.tier_change import TierChange
    from storage.book import RescoreResult, SnapshotResult

THRESHOLD_NAMES = ("strategic", "key", "standard")
MONEY_DIMENSIONS = frozenset({"revenue", "profit"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    score = subparsers.add_parser(
        "score", help=t("recompute scores, tiers, ABC classes and lifecycle stages"),
        description=t("Score every customer as of a date, store the result, snapshot the "
                      "period, and print tier counts, revenue share per tier, the 80/20 "
                      "concentration and how many customers changed tier."))
    score.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                       help=t("score as of this date (default: today)"))
    score.add_argument("--backfill", type=_count, default=0, metavar="N",
                       help=t("also snapshot the N periods before, from the transaction history"))
    score.add_argument("--period", choices=SnapshotPeriod.codes(), default="month",
                       help=t("snapshot period (default: month)"))
    score.add_argument("--json", action="store_true", help=t("print JSON"))
    score.set_defaults(handler=run_score)

    explain = subparsers.add_parser(
        "explain", help=t("why a customer has its score and tier"),
        description=t("Each dimension's raw value, points, weight and contribution (they add up "
                      "to the score), the gap to the next tier and what could close it."))
    explain.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    explain.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                         help=t("as of this date (default: the last rescore)"))
    explain.add_argument("--json", action="store_true", help=t("print JSON"))
    explain.set_defaults(handler=run_explain)

    weights = subparsers.add_parser(
        "weights", help=t("show or change the scoring weights and tier thresholds"),
        description=t("Without options, show the weights and thresholds. Any change is "
                      "validated (weights must add up to 100, thresholds must fall from "
                      "strategic to standard), stored, and re-tiers the whole book at once."))
    choice = weights.add_mutually_exclusive_group()
    choice.add_argument("--preset", choices=list(PRESETS), help=t("use a preset weighting"))
    choice.add_argument("--set", dest="assignments", nargs="+", action="extend",
                        type=_assignment, metavar="DIM=PERCENT",
                        help=t("set weights; dimensions: {dimensions}",
                               dimensions=", ".join(DIMENSIONS)))
    weights.add_argument("--threshold", nargs="+", action="extend", type=_assignment,
                         metavar="TIER=SCORE",
                         help=t("set tier thresholds (strategic, key, standard)"))
    weights.add_argument("--guard", type=_guard, metavar="PERCENT|off",
                         help=t("strategic also needs revenue in the top PERCENT %% (off: none)"))
    weights.add_argument("--json", action="store_true", help=t("print JSON"))
    weights.set_defaults(handler=run_weights)


# ---- score ---------------------------------------------------------------------------------
def run_score(args: argparse.Namespace) -> int:
    from storage.book import Book

    as_of = args.as_of or date.today()
    kind = SnapshotPeriod(args.period)
    with Book(args.db) as book:
        # The scores and this period's snapshot in one transaction: both or neither.
        result = book.scoring.rescore(as_of, snapshot=kind)
        current = result.snapshot
        assert current is not None
        started = time.perf_counter()
        backfilled = book.scoring.backfill(args.backfill, kind, as_of) if args.backfill else []
        snapshot_seconds = current.seconds + time.perf_counter() - started
    if args.json:
        _print_json(_score_json(result, [*backfilled, current], snapshot_seconds))
        return 0
    _print_summary(result)
    periods = ", ".join(s.period for s in backfilled)
    line = f"Snapshot {current.period} stored"
    if backfilled:
        line += f"; backfilled {len(backfilled)} earlier periods ({periods})"
    print(f"{line} in {snapshot_seconds:.1f} s.")
    return 0


def _print_summary(result: RescoreResult) -> None:
    s = result.summary
    print(f"Scored {s.customers:,} customers as of {s.as_of} in {result.seconds:.2f} s.")
    print(f"  {'tier':<10} {'customers':>10} {'share':>7} {'revenue':>18} {'rev. share':>10}")
    for tier in Tier:
        count = s.tier_counts[tier]
        share = 100.0 * count / s.customers if s.customers else 0.0
        revenue_share = s.tier_revenue_share(tier)
        print(f"  {tier.value:<10} {count:>10,} {share:>6.1f}% {s.tier_revenue[tier]:>18,.0f} "
              f"{_percent(revenue_share):>10}")
    print(f"  {'total':<10} {s.customers:>10,} {'':>7} {s.total_revenue:>18,.0f}")
    print(_concentration_text(s))
    print("ABC classes: " + " · ".join(f"{k.value} {v:,}" for k, v in s.abc_counts.items()))
    print("Lifecycle: " + " · ".join(f"{k.value} {v:,}" for k, v in s.lifecycle_counts.items()))
    changed = f"{result.changed_tier:,} customers changed tier"
    if result.newly_scored:
        changed += f", {result.newly_scored:,} were scored for the first time"
    print(f"{changed}; {s.overridden:,} tiers are manual overrides.")


def _concentration_text(summary: BookSummary) -> str:
    c = summary.concentration
    if c.percent_of_buying is None:
        return "Concentration: no revenue in the window."
    return (f"Concentration: {c.percent_of_buying:.1f} % of buying customers "
            f"({c.customers_needed:,} of {c.buying_customers:,}) bring "
            f"{c.target_percent:g} % of revenue.")


def _score_json(result: RescoreResult, snapshots: list[SnapshotResult],
                snapshot_seconds: float) -> dict[str, Any]:
    s = result.summary
    c = s.concentration
    return {
        "as_of": s.as_of.isoformat(), "customers": s.customers, "seconds": result.seconds,
        "total_revenue": s.total_revenue,
        "tiers": {t.value: {"customers": s.tier_counts[t], "revenue": s.tier_revenue[t],
                            "revenue_share": s.tier_revenue_share(t)} for t in Tier},
        "abc": {k.value: v for k, v in s.abc_counts.items()},
        "lifecycle": {k.value: v for k, v in s.lifecycle_counts.items()},
        "concentration": {"target_percent": c.target_percent,
                          "customers_needed": c.customers_needed,
                          "buying_customers": c.buying_customers,
                          "total_customers": c.total_customers,
                          "percent_of_buying": c.percent_of_buying,
                          "percent_of_all": c.percent_of_all},
        "changed_tier": result.changed_tier, "newly_scored": result.newly_scored,
        "changed_rows": result.changed_rows, "overridden": s.overridden,
        "snapshots": [{"period": r.period, "as_of": r.as_of.isoformat(),
                       "customers": r.customers} for r in snapshots],
        "snapshot_seconds": snapshot_seconds,
    }


# ---- explain -------------------------------------------------------------------------------
def run_explain(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        explanation = book.scoring.explain(customer.id, args.as_of)
        changes = book.scoring.tier_changes(customer.id)
    latest = changes[0] if changes else None
    if args.json:
        _print_json({"customer": {"id": customer.id, "code": customer.code,
                                  "name": customer.name}, **explanation_json(explanation),
                     "tier_change": tier_change_json(latest) if latest else None})
        return 0
    code = f" ({customer.code})" if customer.code else ""
    e = explanation
    print(f"{customer.name}{code} as of {e.as_of}")
    tier_text = f"tier {e.tier.value}"
    if e.tier_overridden:
        tier_text += (f" (manual override: {e.override_reason}; the score alone gives "
                      f"{e.computed_tier.value})")
    print(f"Score {e.score:.2f}, {tier_text}; ABC class "
          f"{e.abc_class.value if e.abc_class else '-'}; lifecycle {e.lifecycle.value}"
          f"{' (manual override)' if e.lifecycle_overridden else ''}.")
    if e.stale:
        print("Note: this customer's records changed after the last rescore; run 'score'.")
    print(f"  {'dimension':<19} {'raw value':>22} {'points':>6} {'weight':>7} {'contrib.':>8}")
    for line in e.lines:
        print(f"  {line.dimension:<19} {format_raw(line):>22} {line.points:>6} "
              f"{line.weight:>6g}% {line.contribution:>8.2f}")
    print(f"  {'score':<19} {'':>22} {'':>6} {'100%':>7} {e.score:>8.2f}")
    if e.missing:
        print(f"Missing data, scored at the neutral 50 points: {', '.join(e.missing)}.")
    print(_next_tier_text(e))
    for lever in e.levers:
        target = ""
        if lever.target_points is not None:
            target = f"; alone it closes the gap at {lever.target_points} points"
            if lever.target_raw is not None:
                target += f" (about {_raw_text(lever.dimension, lever.target_raw)})"
        print(f"  - {lever.dimension}: {lever.points} points now, can add up to "
              f"{lever.reach:.2f}{target}")
    if e.closing_set and len(e.closing_set) > 1:
        print(f"Together, {' + '.join(e.closing_set)} could close the gap.")
    if latest is not None:
        print(f"Tier changed from {latest.tier_before.value} ({latest.from_period}) to "
              f"{latest.tier_after.value} ({latest.to_period}), score {latest.score_before:.2f}"
              f" -> {latest.score_after:.2f}; moved most by: {latest.words(str)}.")
    return 0


def tier_change_json(change: TierChange) -> dict[str, Any]:
    """The latest tier change: the periods, tiers, scores and every dimension whose
    contribution moved, largest move first (contributions in score points)."""
    return {
        "from_period": change.from_period, "to_period": change.to_period,
        "tier_before": change.tier_before.value, "tier_after": change.tier_after.value,
        "score_before": change.score_before, "score_after": change.score_after,
        "steps": change.steps, "summary": change.words(str),
        "revenue_guard": change.revenue_guard,
        "drivers": [{"dimension": d.dimension, "points_before": d.points_before,
                     "points_after": d.points_after, "points_change": d.points_change,
                     "weight": d.weight, "contribution_before": d.contribution_before,
                     "contribution_after": d.contribution_after,
                     "contribution_change": d.contribution_change} for d in change.drivers],
    }


def _next_tier_text(e: Explanation) -> str:
    if e.next_tier is None:
        return "Already in the top tier."
    if e.guard_blocked:
        guard = f" (about {e.guard_revenue:,.0f} or more)" if e.guard_revenue else ""
        return (f"The score reaches {e.next_tier.value}, but the revenue guard keeps it at "
                f"{e.computed_tier.value}: revenue must be in the top share of the book{guard}.")
    return (f"Next tier up: {e.next_tier.value}, {e.points_to_next_tier:.2f} points away. "
            "Most plausible levers:")


def format_raw(line: DimensionLine) -> str:
    if line.raw is None:
        return "missing"
    text = _raw_text(line.dimension, line.raw)
    if line.dimension == "timeliness" and line.average_days_late is not None:
        text += f", {line.average_days_late:.1f} d late"
    return text


def _raw_text(dimension: str, value: float) -> str:
    if dimension in MONEY_DIMENSIONS:
        return f"{value:,.2f}"
    if dimension in ("margin", "growth", "timeliness"):
        return f"{100 * value:.1f} %"
    if dimension == "tenure":
        return f"{value:.1f} months"
    if dimension == "frequency":
        return f"{value:,.0f} orders"
    return f"{value:g} / 5"


def explanation_json(e: Explanation) -> dict[str, Any]:
    return {
        "as_of": e.as_of.isoformat(), "score": e.score, "tier": e.tier.value,
        "computed_tier": e.computed_tier.value, "tier_overridden": e.tier_overridden,
        "override_reason": e.override_reason, "abc_class": e.abc_class.value if e.abc_class
        else None, "lifecycle": e.lifecycle.value, "lifecycle_overridden": e.lifecycle_overridden,
        "revenue": e.revenue, "stale": e.stale,
        "dimensions": [{"dimension": line.dimension, "raw": line.raw, "points": line.points,
                        "weight": line.weight, "contribution": line.contribution,
                        "missing": line.missing, "average_days_late": line.average_days_late}
                       for line in e.lines],
        "next_tier": e.next_tier.value if e.next_tier else None,
        "points_to_next_tier": e.points_to_next_tier, "guard_blocked": e.guard_blocked,
        "guard_revenue": e.guard_revenue,
        "closing_set": list(e.closing_set),
        "levers": [{"dimension": lever.dimension, "points": lever.points,
                    "weight": lever.weight, "reach": lever.reach,
                    "target_points": lever.target_points, "target_raw": lever.target_raw}
                   for lever in e.levers],
    }


# ---- weights -------------------------------------------------------------------------------
def run_weights(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        config = book.scoring.config()
        changed = _changed_config(config, args)
        # The book is re-tiered at once, this month's snapshot with it.
        result = book.scoring.change_settings(changed) if changed != config else None
        config = book.scoring.config()
    if args.json:
        _print_json({**_config_json(config),
                     "changed_tier": result.changed_tier if result else None})
        return 0
    width = max(len(name) for name in DIMENSIONS)
    print("Weights (%):")
    for name in DIMENSIONS:
        print(f"  {name:<{width}} {config.weights.get(name, 0.0):>6g}")
    print(f"Thresholds: strategic {config.threshold_strategic:g}, key {config.threshold_key:g}, "
          f"standard {config.threshold_standard:g}; revenue guard: "
          + (f"top {config.strategic_revenue_top_percent:g} %"
             if config.strategic_revenue_top_percent is not None else "off") + ".")
    if result is not None:
        print(f"Saved; re-tiered {result.summary.customers:,} customers as of "
              f"{result.summary.as_of}: {result.changed_tier:,} changed tier.")
    return 0


def _changed_config(config: ScoringConfig, args: argparse.Namespace) -> ScoringConfig:
    if args.preset:
        config = replace(config, weights=preset_weights(args.preset))
    if args.assignments:
        weights = dict(config.weights)
        weights.update(dict(args.assignments))  # unknown names are refused by validation
        config = replace(config, weights=weights)
    for name, value in args.threshold or ():
        if name not in THRESHOLD_NAMES:
            raise UserError(f"unknown tier '{name}' in --threshold; use "
                            f"{', '.join(THRESHOLD_NAMES)}")
        config = replace(config, **{f"threshold_{name}": value})
    if args.guard is not None:
        guard = None if args.guard == "off" else args.guard
        config = replace(config, strategic_revenue_top_percent=guard)
    return config


def _config_json(config: ScoringConfig) -> dict[str, Any]:
    return {"weights": {name: config.weights.get(name, 0.0) for name in DIMENSIONS},
            "thresholds": {name: getattr(config, f"threshold_{name}")
                           for name in THRESHOLD_NAMES},
            "strategic_revenue_top_percent": config.strategic_revenue_top_percent}


# ---- argument types ------------------------------------------------------------------------
def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("not a date (YYYY-MM-DD): {text}",
                                           text=repr(text))) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("not a whole number: {text}", text=repr(text))) from None
    if not 0 <= value <= 120:
        raise argparse.ArgumentTypeError(t("must be between 0 and 120"))
    return value


def _assignment(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    try:
        if not sep or not name.strip():
            raise ValueError(text)
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("expected NAME=NUMBER, got {text}",
                                           text=repr(text))) from None


def _guard(text: str) -> float | str:
    """A top share in percent, or 'off' to switch the guard off."""
    if text.strip().lower() == "off":
        return "off"
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("expected a percentage or 'off', got {text}",
                                           text=repr(text))) from None


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _print_json(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()
