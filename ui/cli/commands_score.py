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
from ui.cli.text import dimension_word, listed, pad, separator, t, width_of, word

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
    if backfilled:
        print(t("Snapshot {period} stored; backfilled {count} earlier periods ({periods}) in "
                "{seconds} s.", period=current.period, count=len(backfilled), periods=periods,
                seconds=f"{snapshot_seconds:.1f}"))
    else:
        print(t("Snapshot {period} stored in {seconds} s.", period=current.period,
                seconds=f"{snapshot_seconds:.1f}"))
    return 0


def _print_summary(result: RescoreResult) -> None:
    s = result.summary
    print(t("Scored {customers} customers as of {date} in {seconds} s.",
            customers=f"{s.customers:,}", date=s.as_of, seconds=f"{result.seconds:.2f}"))
    print(f"  {pad(t('tier'), 10)} {pad(t('customers'), 10, True)} {pad(t('share'), 7, True)} "
          f"{pad(t('revenue'), 18, True)} {pad(t('rev. share'), 10, True)}")
    for tier in Tier:
        count = s.tier_counts[tier]
        share = 100.0 * count / s.customers if s.customers else 0.0
        revenue_share = s.tier_revenue_share(tier)
        print(f"  {pad(word(tier), 10)} {count:>10,} {share:>6.1f}% {s.tier_revenue[tier]:>18,.0f} "
              f"{_percent(revenue_share):>10}")
    print(f"  {pad(t('total'), 10)} {s.customers:>10,} {'':>7} {s.total_revenue:>18,.0f}")
    print(_concentration_text(s))
    print(t("ABC classes: {counts}", counts=" · ".join(
        f"{k.value} {v:,}" for k, v in s.abc_counts.items())))
    print(t("Lifecycle: {counts}", counts=" · ".join(
        f"{word(k)} {v:,}" for k, v in s.lifecycle_counts.items())))
    if result.newly_scored:
        print(t("{changed} customers changed tier, {new} were scored for the first time; "
                "{overridden} tiers are manual overrides.", changed=f"{result.changed_tier:,}",
                new=f"{result.newly_scored:,}", overridden=f"{s.overridden:,}"))
    else:
        print(t("{changed} customers changed tier; {overridden} tiers are manual overrides.",
                changed=f"{result.changed_tier:,}", overridden=f"{s.overridden:,}"))


def _concentration_text(summary: BookSummary) -> str:
    c = summary.concentration
    if c.percent_of_buying is None:
        return t("Concentration: no revenue in the window.")
    return t("Concentration: {percent} % of buying customers ({needed} of {buying}) bring "
             "{target} % of revenue.", percent=f"{c.percent_of_buying:.1f}",
             needed=f"{c.customers_needed:,}", buying=f"{c.buying_customers:,}",
             target=f"{c.target_percent:g}")


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
    print(t("{customer} as of {date}", customer=f"{customer.name}{code}", date=e.as_of))
    tier_text = t("tier {tier}", tier=word(e.tier))
    if e.tier_overridden:
        tier_text += t(" (manual override: {reason}; the score alone gives {tier})",
                       reason=e.override_reason, tier=word(e.computed_tier))
    lifecycle = t("{stage} (manual override)", stage=word(e.lifecycle)) \
        if e.lifecycle_overridden else word(e.lifecycle)
    print(t("Score {score}, {tier}; ABC class {abc}; lifecycle {lifecycle}.",
            score=f"{e.score:.2f}", tier=tier_text,
            abc=e.abc_class.value if e.abc_class else "-", lifecycle=lifecycle))
    if e.stale:
        print(t("Note: this customer's records changed after the last rescore; run 'score'."))
    print(f"  {pad(t('dimension'), 19)} {pad(t('raw value'), 22, True)} "
          f"{pad(t('points'), 6, True)} {pad(t('weight'), 7, True)} "
          f"{pad(t('contrib.'), 8, True)}")
    for line in e.lines:
        print(f"  {pad(dimension_word(line.dimension), 19)} {pad(format_raw(line), 22, True)} "
              f"{line.points:>6} {line.weight:>6g}% {line.contribution:>8.2f}")
    print(f"  {pad(t('score'), 19)} {'':>22} {'':>6} {'100%':>7} {e.score:>8.2f}")
    if e.missing:
        print(t("Missing data, scored at the neutral 50 points: {dimensions}.",
                dimensions=listed(dimension_word(name) for name in e.missing)))
    print(_next_tier_text(e))
    for lever in e.levers:
        if lever.target_points is None:
            print(t("  - {dimension}: {points} points now, can add up to {reach}",
                    dimension=dimension_word(lever.dimension), points=lever.points,
                    reach=f"{lever.reach:.2f}"))
        elif lever.target_raw is None:
            print(t("  - {dimension}: {points} points now, can add up to {reach}; alone it "
                    "closes the gap at {target} points", dimension=dimension_word(
                        lever.dimension), points=lever.points, reach=f"{lever.reach:.2f}",
                    target=lever.target_points))
        else:
            print(t("  - {dimension}: {points} points now, can add up to {reach}; alone it "
                    "closes the gap at {target} points (about {raw})", dimension=dimension_word(
                        lever.dimension), points=lever.points, reach=f"{lever.reach:.2f}",
                    target=lever.target_points,
                    raw=_raw_text(lever.dimension, lever.target_raw)))
    if e.closing_set and len(e.closing_set) > 1:
        print(t("Together, {dimensions} could close the gap.",
                dimensions=" + ".join(dimension_word(name) for name in e.closing_set)))
    if latest is not None:
        print(t("Tier changed from {before} ({from_period}) to {after} ({to_period}), score "
                "{score_before} -> {score_after}; moved most by: {drivers}.",
                before=word(latest.tier_before), from_period=latest.from_period,
                after=word(latest.tier_after), to_period=latest.to_period,
                score_before=f"{latest.score_before:.2f}",
                score_after=f"{latest.score_after:.2f}",
                drivers=latest.words(dimension_word, separator(), unrated=(
                    t("{dimension} not rated → {points}"),
                    t("{dimension} {points} → not rated")),
                    moved=t("{dimension} {before}→{after} ({change})"))))
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
        return t("Already in the top tier.")
    if e.guard_blocked:
        if e.guard_revenue:
            return t("The score reaches {tier}, but the revenue guard keeps it at {computed}: "
                     "revenue must be in the top share of the book (about {revenue} or more).",
                     tier=word(e.next_tier), computed=word(e.computed_tier),
                     revenue=f"{e.guard_revenue:,.0f}")
        return t("The score reaches {tier}, but the revenue guard keeps it at {computed}: "
                 "revenue must be in the top share of the book.", tier=word(e.next_tier),
                 computed=word(e.computed_tier))
    return t("Next tier up: {tier}, {points} points away. Most plausible levers:",
             tier=word(e.next_tier), points=f"{e.points_to_next_tier:.2f}")


def format_raw(line: DimensionLine) -> str:
    if line.raw is None:
        return t("missing")
    text = _raw_text(line.dimension, line.raw)
    if line.dimension == "timeliness" and line.average_days_late is not None:
        text = t("{value}, {days} d late", value=text, days=f"{line.average_days_late:.1f}")
    return text


def _raw_text(dimension: str, value: float) -> str:
    if dimension in MONEY_DIMENSIONS:
        return f"{value:,.2f}"
    if dimension in ("margin", "growth", "timeliness"):
        return f"{100 * value:.1f} %"
    if dimension == "tenure":
        return t("{value} months", value=f"{value:.1f}")
    if dimension == "frequency":
        return t("{value} orders", value=f"{value:,.0f}")
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
    width = max(width_of(dimension_word(name)) for name in DIMENSIONS)
    print(t("Weights (%):"))
    for name in DIMENSIONS:
        print(f"  {pad(dimension_word(name), width)} {config.weights.get(name, 0.0):>6g}")
    guard = t("top {percent} %", percent=f"{config.strategic_revenue_top_percent:g}") \
        if config.strategic_revenue_top_percent is not None else t("off")
    print(t("Thresholds: {strategic} {strategic_score}, {key} {key_score}, {standard} "
            "{standard_score}; revenue guard: {guard}.", strategic=word(Tier.STRATEGIC),
            strategic_score=f"{config.threshold_strategic:g}", key=word(Tier.KEY),
            key_score=f"{config.threshold_key:g}", standard=word(Tier.STANDARD),
            standard_score=f"{config.threshold_standard:g}", guard=guard))
    if result is not None:
        print(t("Saved; re-tiered {customers} customers as of {date}: {changed} changed tier.",
                customers=f"{result.summary.customers:,}", date=result.summary.as_of,
                changed=f"{result.changed_tier:,}"))
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
            raise UserError(t("unknown tier '{name}' in --threshold; use {names}", name=name,
                              names=", ".join(THRESHOLD_NAMES)))
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
