"""Subcommands about the book itself: ``demo`` fills (and scores) it, ``info`` describes it."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date

from ui.cli.text import listed, pad, t, width_of, word


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo", help=t("fill the database with realistic demo customers"),
        description=t("Add demo customers with three years of history, then score the book as "
                      "of the anchor and snapshot its month, as 'score' does. The same --seed "
                      "and --anchor give the same data; dates are relative to the anchor (today)."))
    demo.add_argument("--customers", type=_positive_int, default=500, metavar="N",
                      help=t("number of customers (default 500)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=t("random seed (default 1)"))
    demo.add_argument("--anchor", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                      help=t("the 'today' of the demo history (default: today)"))
    demo.add_argument("--lang", choices=("en", "zh_CN"), default=None,
                      help=t("write every name and activity in this language (default: a mix, "
                             "mostly Chinese)"))
    demo.add_argument("--no-score", action="store_true",
                      help=t("add the customers without scoring the book"))
    demo.set_defaults(handler=run_demo)

    info = subparsers.add_parser("info", help=t("row counts, schema version, file size and path"))
    info.add_argument("--json", action="store_true", help=t("print JSON"))
    info.set_defaults(handler=run_info)


def run_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from models.enums import Tier
    from storage.book import Book

    as_of = args.anchor or date.today()
    with Book(args.db) as book:
        # Scored as 'score' does, so the dashboard and 'chart tiers' show the demo's tiers.
        made = book.demo.generate(args.customers, seed=args.seed, anchor=as_of,
                                  score=not args.no_score, language=args.lang)
        path = book.path
    summary, result = made.summary, made.scored
    elapsed = time.perf_counter() - started - (result.seconds if result else 0.0)
    print(t("Added {customers} customers, {contacts} contacts, {transactions} transactions, "
            "{interactions} interactions, {needs} needs, {assessments} assessments and "
            "{plans} account plans to {path} in {seconds} s.",
            customers=f"{summary.customers:,}", contacts=f"{summary.contacts:,}",
            transactions=f"{summary.transactions:,}", interactions=f"{summary.interactions:,}",
            needs=f"{summary.needs:,}", assessments=f"{summary.assessments:,}",
            plans=f"{summary.plans:,}", path=path, seconds=f"{elapsed:.1f}"))
    if result is None:
        return 0
    tiers = listed(f"{word(tier)} {result.summary.tier_counts[tier]:,}" for tier in Tier)
    snapshot = result.snapshot.period if result.snapshot else "-"
    print(t("Scored {customers} customers as of {date} ({tiers}) and stored snapshot "
            "{snapshot} in {seconds} s.", customers=f"{result.summary.customers:,}",
            date=as_of, tiers=tiers, snapshot=snapshot, seconds=f"{result.seconds:.1f}"))
    return 0


def run_info(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        info = book.info()
    if args.json:
        json.dump({"path": info.path, "schema_version": info.schema_version,
                   "file_size": info.file_size, "counts": info.counts},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    labels = (t("Database:"), t("Schema version:"), t("File size:"))
    column = max(width_of(label) for label in labels) + 1
    print(pad(labels[0], column) + f"{info.path}")
    print(pad(labels[1], column) + f"{info.schema_version}")
    print(pad(labels[2], column) + t("{size} bytes", size=f"{info.file_size:,}"))
    width = max(len(name) for name in info.counts)
    for name, count in info.counts.items():
        print(f"  {name:<{width}}  {count:>12,}")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("not a whole number: {text}", text=repr(text))) from None
    if value < 1 or value > 10_000_000:
        raise argparse.ArgumentTypeError(t("must be between 1 and 10,000,000"))
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("not a date (YYYY-MM-DD): {text}",
                                           text=repr(text))) from None
