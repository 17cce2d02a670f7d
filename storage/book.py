"""``Book``: the one public face of storage/, composed of small managers with one job each.

The command line reaches the file only through it (an import-linter contract says so); the
window follows. Each user-visible operation is one method and one transaction: a write that
has a second step (an import and the rescore after it, a demo and its scores) does both or
neither. Until the managers own their SQL, they call the query modules underneath.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from models.config import ScoringConfig
from models.entities import Customer
from models.enums import PlanStatus, SnapshotPeriod, Tier
from models.explain import Explanation
from models.periods import Period
from models.plan_logic import PlanProgress
from models.plans import AccountPlan
from storage.backup import BackupInfo, list_backups, restore_backup
from storage.book_check import CheckResult, check_book
from storage.database import Database, DatabaseInfo, default_path
from storage.plans_store import DueAction, PlanSummary
from storage.scoring_store import RescoreResult, ScoringState
from storage.snapshot_store import SnapshotResult

if TYPE_CHECKING:  # openpyxl and the importer load when an import or export runs
    from storage.demo import DemoSummary
    from storage.export_files import ExportResult
    from storage.importer import ImportPreview, ImportResult
    from storage.importer.batches import ImportBatch
    from storage.importer.undo import ImportUndone
    from storage.importer.undo import KeptRecord as KeptRecord  # for the command line

__all__ = ["Book", "RescoreResult", "SnapshotResult", "check", "default_path", "list_backups",
           "restore"]


def restore(path: Path, backup: Path) -> Path | None:
    """Put ``backup`` in the place of the book at ``path`` (no book may be open on it);
    returns where the replaced book was kept."""
    return restore_backup(path, backup)


def check(path: Path, *, quick: bool = False) -> CheckResult:
    """SQLite's integrity check of the book at ``path``, read-only."""
    return check_book(path, quick=quick)


class Book:
    """An open KeyPlan book. One thread only: open another ``Book`` per worker thread."""

    def __init__(self, path: str | Path | None = None, *, new_book: bool = False) -> None:
        self._db = Database(path, new_book=new_book)
        self.customers = Customers(self._db)
        self.scoring = Scoring(self._db)
        self.plans = Plans(self._db)
        self.imports = Imports(self._db, self.scoring)
        self.exports = Exports(self._db)
        self.backups = Backups(self._db)
        self.demo = Demo(self._db, self.scoring)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def reader(self) -> Database:
        """The book's connection, for the views that still read many tables themselves
        (charts): read from it, never write through it."""
        return self._db

    def info(self) -> DatabaseInfo:
        return self._db.info()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Customers:
    """Finding customers and naming records."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def resolve(self, key: str) -> Customer:
        """The customer with this id, code or exact name (RecordNotFound, Ambiguous)."""
        return self._db.resolve_customer(key)

    def count(self) -> int:
        return self._db.customer_count()

    def captions(self, table: str, ids: Sequence[str]) -> dict[str, str]:
        return self._db.record_captions(table, list(ids))


class Scoring:
    """Scores, tiers and their snapshots."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def rescore(self, as_of: date | None = None, *, snapshot: SnapshotPeriod | None = None,
                in_transaction: bool = False) -> RescoreResult:
        """Score the book as of ``as_of`` and store it, with the snapshot of the period of
        kind ``snapshot`` holding that day in the same transaction."""
        day = as_of or date.today()
        period = Period.containing(day, snapshot) if snapshot is not None else None
        return self._db.rescore(day, snapshot=period,
                                helpers=False if in_transaction else None)

    def backfill(self, periods: int, kind: SnapshotPeriod,
                 as_of: date | None = None) -> list[SnapshotResult]:
        return self._db.backfill_snapshots(periods, kind, as_of or date.today())

    def explain(self, customer_id: str, as_of: date | None = None) -> Explanation:
        return self._db.explain_customer(customer_id, as_of)

    def config(self) -> ScoringConfig:
        return self._db.scoring_config()

    def state(self) -> ScoringState | None:
        return self._db.scoring_state()

    def change_settings(self, config: ScoringConfig) -> RescoreResult:
        """New weights, thresholds or guard: the book re-tiered at once (from its stored
        points where nothing else changed), with this month's snapshot in step."""
        return self._db.change_settings(config)


class Plans:
    """Account plans and their actions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, customer_id: str, period: str, *, carry_over: bool) -> AccountPlan:
        """A draft plan for ``period``; ``carry_over``: what is still open from the last."""
        if carry_over:
            return self._db.new_plan_from_previous(customer_id, period)
        return self._db.new_plan(customer_id, period)

    def list(self, statuses: frozenset[PlanStatus] | None = None, *, owner: str | None = None,
             today: date | None = None) -> list[PlanSummary]:
        return self._db.list_plans(statuses, owner=owner, today=today)

    def due(self, until: date, *, today: date | None = None,
            owner: str | None = None) -> list[DueAction]:
        return self._db.plan_actions_due(until, today=today, owner=owner)

    def of_customer(self, customer_id: str, period: str | None = None) -> AccountPlan | None:
        return self._db.plan_for(customer_id, period)

    def progress(self, plan: AccountPlan) -> PlanProgress:
        return self._db.plan_progress(plan)


@dataclass(frozen=True)
class Imported:
    """An import and, when asked for, the rescore made in its transaction."""

    result: ImportResult
    rescore_seconds: float | None


@dataclass(frozen=True)
class ImportTakenBack:
    undone: ImportUndone
    rescore_seconds: float | None


class Imports:
    """Files in, and taking an import back by its batch."""

    def __init__(self, db: Database, scoring: Scoring) -> None:
        self._db = db
        self._scoring = scoring

    def preview(self, path: Path, kind: str, *, sheet: str | None = None,
                overrides: dict[str, str] | None = None) -> ImportPreview:
        from storage.importer import preview_import

        return preview_import(self._db, path, kind, sheet=sheet, overrides=overrides)

    def run(self, path: Path, kind: str, *, sheet: str | None = None,
            overrides: dict[str, str] | None = None, skip_invalid: bool = False,
            rescore: bool = True) -> Imported:
        """Import in one transaction with its rescore (lines and scores both or neither)."""
        from storage.importer import run_import

        seconds: list[float] = []
        result = run_import(self._db, path, kind, sheet=sheet, overrides=overrides,
                            skip_invalid=skip_invalid,
                            then=self._timed_rescore(seconds) if rescore else None)
        return Imported(result, seconds[0] if seconds else None)

    def batches(self, limit: int = 100) -> list[ImportBatch]:
        from storage.importer.batches import list_batches

        return list_batches(self._db, limit=limit)

    def batch(self, batch_id: int) -> ImportBatch | None:
        from storage.importer.batches import get_batch

        return get_batch(self._db, batch_id)

    def last(self) -> ImportBatch | None:
        from storage.importer.batches import last_batch

        return last_batch(self._db)

    def undo(self, batch_id: int, *, rescore: bool = True) -> ImportTakenBack:
        """Take import ``batch_id`` back, and rescore, in one transaction."""
        from storage.importer.undo import undo_import

        seconds: list[float] = []
        with self._db.atomic():
            undone = undo_import(self._db, batch_id)
            if rescore and (undone.removed or undone.reverted):
                self._timed_rescore(seconds)()
        return ImportTakenBack(undone, seconds[0] if seconds else None)

    def _timed_rescore(self, seconds: list[float]) -> Callable[[], None]:
        def rescore() -> None:
            started = time.perf_counter()
            self._scoring.rescore(in_transaction=True)
            seconds.append(time.perf_counter() - started)
        return rescore


class Exports:
    """Workbooks out."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def plan(self, customer_id: str, path: Path, *, period: str | None = None,
             lang: str = "en") -> ExportResult:
        from storage.export_plan import export_plan

        return export_plan(self._db, customer_id, path, period=period, lang=lang)

    def portfolio(self, path: Path, *, tiers: Sequence[Tier] = (),
                  lang: str = "en") -> ExportResult:
        from storage.export_portfolio import export_portfolio

        return export_portfolio(self._db, path, tiers=tiers, lang=lang)


class Backups:
    """Backups of the open book and their policy."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def make(self, reason: str = "manual", *, target: Path | None = None) -> BackupInfo:
        return self._db.backup(reason, target=target)

    def listed(self) -> list[BackupInfo]:
        return list_backups(self._db.path)

    def policy(self) -> tuple[int, int]:
        return self._db.backup_policy()

    def set_policy(self, keep_daily: int, keep_weekly: int) -> None:
        self._db.set_backup_policy(keep_daily, keep_weekly)

    def budget(self) -> int:
        return self._db.backup_budget()

    def set_budget(self, max_bytes: int | None) -> None:
        self._db.set_backup_budget(max_bytes)


@dataclass(frozen=True)
class DemoMade:
    summary: DemoSummary
    scored: RescoreResult | None


class Demo:
    """Demo data for a first look."""

    def __init__(self, db: Database, scoring: Scoring) -> None:
        self._db = db
        self._scoring = scoring

    def generate(self, customers: int, *, seed: int = 1, anchor: date | None = None,
                 score: bool = True) -> DemoMade:
        """The demo, its scores and the month's snapshot in one transaction: a full disk
        half-way leaves the book as it was, never customers without scores."""
        from storage.demo import generate_demo

        day = anchor or date.today()
        with self._db.atomic():
            summary = generate_demo(self._db, customers, seed=seed, anchor=day)
            scored = self._scoring.rescore(day, snapshot=SnapshotPeriod.MONTH,
                                           in_transaction=True) if score else None
        return DemoMade(summary, scored)
