"""Files in and out of the book: imports (and taking one back), exports, backups, demo."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import SnapshotPeriod, Tier
from storage.backup import BackupInfo, Progress, StartedBackup, list_backups
from storage.book.scoring import Scoring
from storage.changes import Changes
from storage.scoring_store import RescoreResult

if TYPE_CHECKING:  # openpyxl and the importer load when an import or export runs
    from storage.calendar_queries import CalendarItem
    from storage.database import Database
    from storage.demo import DemoSummary
    from storage.export_calendar import CalendarExport
    from storage.export_files import ExportResult
    from storage.importer import ImportPreview, ImportResult
    from storage.importer.batches import ImportBatch
    from storage.importer.columns import ImportKind, Overrides
    from storage.importer.filters import RowFilter
    from storage.importer.undo import ImportUndone
    from storage.importer.workbook import BookImport


#: Sales data whose newest line is older than this (about six months) is historical.
STALE_DAYS = 183


@dataclass(frozen=True)
class Imported:
    """An import and, when asked for, the rescore made in its transaction."""

    result: ImportResult
    rescore_seconds: float | None
    #: After a sales import: the newest sale in the whole book (None: no sales, or no
    #: sales imported).
    latest_sale: date | None = None

    @property
    def changes(self) -> Changes:
        """An import may add or update customers and anything about them."""
        return Changes.everything()

    def stale_on(self, today: date) -> bool:
        """Whether the book's newest sale is older than STALE_DAYS before ``today``: scored
        as of today, every customer counts as lapsed; scoring as of that sale makes sense
        of the data."""
        return self.latest_sale is not None and (today - self.latest_sale).days > STALE_DAYS


@dataclass(frozen=True)
class BookImported:
    """A whole-book workbook imported, and the rescore made in its transaction."""

    result: BookImport
    rescore_seconds: float | None

    @property
    def changes(self) -> Changes:
        return Changes.everything() if self.result.written else Changes()


@dataclass(frozen=True)
class ImportTakenBack:
    undone: ImportUndone
    rescore_seconds: float | None

    @property
    def changes(self) -> Changes:
        if not (self.undone.removed or self.undone.reverted):
            return Changes()
        return Changes.everything()


class Imports:
    """Files in, and taking an import back by its batch."""

    def __init__(self, db: Database, scoring: Scoring) -> None:
        self._db = db
        self._scoring = scoring

    def guess_kind(self, path: Path, sheet: str | None = None) -> ImportKind | None:
        """What a file holds (customers, contacts or transactions), told from its headers;
        None when its columns name none of them."""
        from storage.importer.sources import guess_kind

        return guess_kind(path, sheet)

    def worksheets(self, path: Path) -> list[tuple[str, bool]]:
        """A workbook's worksheets to import from, as (name, visible); [] for CSV."""
        from storage.importer.sources import worksheets

        return worksheets(path)

    def preview(self, path: Path, kind: str, *, sheet: str | None = None,
                overrides: Overrides | None = None, create_customers: bool = False,
                where: Sequence[RowFilter | str] = (), saved_mapping: bool = True,
                date_order: str | None = None,
                progress: Callable[[int, int], bool] | None = None) -> ImportPreview:
        """Read and check the whole file without writing anything. ``overrides``: (column,
        field) pairs (a column may feed several fields) or column -> field, applied to the
        mapping saved for this file layout (``saved_mapping``; the mapping records when) or
        else to the headers' own; ``create_customers``: customers a contacts or transactions
        file names that the book lacks are made (counted in the preview) instead of refusing
        their rows; ``where``: row filters (``RowFilter`` or ``订单状态=已完成``, ``Status in
        Paid,Shipped``), the rows they leave out counted in ``filtered``; ``date_order``
        (``dmy`` or ``mdy``): how to read dates such as 3/4/2024 when the file's own dates
        do not tell (else a DateOrderError asks)."""
        from storage.importer import preview_import

        return preview_import(self._db, path, kind, sheet=sheet, overrides=overrides,
                              create_customers=create_customers, where=where,
                              saved_mapping=saved_mapping, date_order=date_order,
                              progress=progress)

    def run(self, path: Path, kind: str, *, sheet: str | None = None,
            overrides: Overrides | None = None, skip_invalid: bool = False,
            create_customers: bool = False, where: Sequence[RowFilter | str] = (),
            saved_mapping: bool = True, rescore: bool = True, date_order: str | None = None,
            progress: Callable[[int, int], bool] | None = None) -> Imported:
        """Import in one transaction with its rescore (lines and scores both or neither),
        after the import's one backup. ``progress`` returning False cancels: nothing is
        written. The options are :meth:`preview`'s; an import given ``overrides`` saves its
        mapping for the file's layout."""
        from storage.importer import run_import

        seconds: list[float] = []
        result = run_import(self._db, path, kind, sheet=sheet, overrides=overrides,
                            skip_invalid=skip_invalid, create_customers=create_customers,
                            where=where, saved_mapping=saved_mapping, date_order=date_order,
                            progress=progress,
                            then=self._timed_rescore(seconds) if rescore else None)
        latest = None
        if result.written and result.kind == "transactions":
            newest = self._db.scalar("SELECT max(date) FROM transactions "
                                     "WHERE deleted_at IS NULL")
            latest = date.fromisoformat(newest) if newest else None
        return Imported(result, seconds[0] if seconds else None, latest)

    def run_book(self, path: Path, *, skip_invalid: bool = False, dry_run: bool = False,
                 rescore: bool = True,
                 progress: Callable[[int, int], bool] | None = None) -> BookImported:
        """Import a whole-book workbook (:meth:`Exports.book`'s): every sheet as its kind of
        record, in one transaction with the rescore, after one backup; a bad row means
        nothing is written unless ``skip_invalid``. ``dry_run`` checks it all (each sheet
        against what the sheets before it make) and writes nothing."""
        from storage.importer.workbook import import_book

        seconds: list[float] = []
        result = import_book(self._db, path, skip_invalid=skip_invalid, dry_run=dry_run,
                             progress=progress,
                             then=self._timed_rescore(seconds) if rescore else None)
        return BookImported(result, seconds[0] if seconds else None)

    def batches(self, limit: int = 100) -> list[ImportBatch]:
        from storage.importer.batches import list_batches

        return list_batches(self._db, limit=limit)

    def batch(self, batch_id: int) -> ImportBatch | None:
        from storage.importer.batches import get_batch

        return get_batch(self._db, batch_id)

    def of_changes(self, change_ids: Sequence[str]) -> dict[str, ImportBatch]:
        """The import batch each of these change ids belongs to (those that do)."""
        from storage.importer.batches import batches_of_changes

        return batches_of_changes(self._db, change_ids)

    def newest_change_id(self, excluding: Sequence[str] = ()) -> str | None:
        from storage.importer.batches import newest_change_id

        return newest_change_id(self._db, excluding)

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

    def portfolio(self, path: Path, *, tiers: Sequence[Tier] = (), lang: str = "en",
                  progress: Callable[[int, int], bool] | None = None) -> ExportResult:
        """The portfolio workbook; ``progress`` returning False cancels (no file is left)."""
        from storage.export_portfolio import export_portfolio

        return export_portfolio(self._db, path, tiers=tiers, lang=lang, progress=progress)

    def book(self, path: Path, *, lang: str = "en",
             progress: Callable[[int, int], bool] | None = None) -> ExportResult:
        """Every record of the book, a sheet per kind, under the headers the importer reads
        (:meth:`Imports.run_book` takes it back); ``progress`` returning False cancels."""
        from storage.export_book import export_book

        return export_book(self._db, path, lang=lang, progress=progress)

    def weekly(self, path: Path, *, today: date | None = None, owner: str | None = None,
               lang: str = "en") -> ExportResult:
        """The weekly report (周报) of the week holding ``today``, of ``owner`` or all."""
        from storage.export_weekly import export_weekly

        return export_weekly(self._db, path, today=today, owner=owner, lang=lang)

    def calendar(self, path: Path, *, since: date, until: date, owner: str | None = None,
                 kinds: Sequence[str] = (), lang: str = "en", reminder: str = "on_day",
                 done: str = "cancelled", zone: str | None = None) -> CalendarExport:
        """Follow-ups, plan actions and reviews, needs' answer-by dates (``kinds``: all when
        empty) due from ``since`` to ``until``, of ``owner`` or everyone's, as an .ics file
        (storage/export_calendar.py: reminders, stable UIDs, done items cancelled)."""
        from storage.calendar_queries import KINDS
        from storage.export_calendar import export_calendar

        return export_calendar(self._db, path, since=since, until=until, owner=owner,
                               kinds=kinds or KINDS, lang=lang, reminder=reminder, done=done,
                               zone=zone)

    def calendar_due(self, day: date, *, owner: str | None = None) -> list[CalendarItem]:
        """The open items due on ``day`` or the day before (fallen due today, or overdue
        since today), of ``owner`` or everyone's: what the window's reminders tell of."""
        from storage.calendar_queries import calendar_items

        return calendar_items(self._db, day - timedelta(days=1), day, owner=owner,
                              include_done=False)


class Backups:
    """Backups of the open book and their policy."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def make(self, reason: str = "manual", *, target: Path | None = None,
             progress: Progress | None = None) -> BackupInfo:
        """A verified backup now (``target``: a file of the user's choosing)."""
        return self._db.backup(reason, progress=progress, target=target)

    def if_due(self, progress: Progress | None = None) -> BackupInfo | None:
        """The day's backup, unless one was made today."""
        return self._db.backup_if_due(progress=progress)

    def start(self, reason: str, progress: Progress | None = None) -> StartedBackup:
        """A backup whose check runs beside the work that follows (an import)."""
        return self._db.start_backup(reason, progress)

    def budget_is_set(self) -> bool:
        return self._db.backup_budget_is_set()

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

    @property
    def changes(self) -> Changes:
        return Changes.everything()


class Demo:
    """Demo data for a first look."""

    def __init__(self, db: Database, scoring: Scoring) -> None:
        self._db = db
        self._scoring = scoring

    def generate(self, customers: int, *, seed: int = 1, anchor: date | None = None,
                 score: bool = True,
                 progress: Callable[[int, int], bool] | None = None,
                 language: str | None = None) -> DemoMade:
        """The demo, its scores and the month's snapshot in one transaction: a full disk
        half-way leaves the book as it was, never customers without scores."""
        from storage.demo import generate_demo

        day = anchor or date.today()
        with self._db.atomic():
            summary = generate_demo(self._db, customers, seed=seed, anchor=day,
                                    progress=progress, language=language)
            scored = self._scoring.rescore(day, snapshot=SnapshotPeriod.MONTH,
                                           in_transaction=True) if score else None
            if scored is not None:  # plans go to the top tiers: only known once scored
                from storage.demo_plans import add_demo_plans

                summary.plans = add_demo_plans(self._db, day, seed)
                from storage.demo_whitespace import add_demo_support

                add_demo_support(self._db, day, seed)  # promotions, two costing too much
                from storage.demo_segments import add_demo_history

                add_demo_history(self._db, day, customers)  # months before: tier changes
                from storage.demo_competition import add_demo_competition

                add_demo_competition(self._db, day, seed)  # competitors, plans' SWOT
        return DemoMade(summary, scored)
