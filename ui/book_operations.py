"""Work on the whole book that runs on the worker thread: rescore, back up, undo, export.

Each function takes the worker's own ``Database`` and a :class:`~ui.tasks.Progress` and
returns a small result the UI turns into a status message; :func:`start` wraps one in a
``DatabaseTask`` with its outcome callbacks. Nothing here touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from models.enums import SnapshotPeriod, Tier
from models.periods import Period
from storage.backup import BackupInfo
from storage.database import Database
from storage.today_queries import ChangeSummary
from ui.tasks import DatabaseTask, Progress

if TYPE_CHECKING:
    from storage.export_files import ExportResult


@dataclass(frozen=True)
class Rescored:
    customers: int
    changed_tier: int
    newly_scored: int
    snapshot_period: str
    seconds: float


def rescore_book(db: Database, progress: Progress, as_of: date | None = None) -> Rescored:
    """Rescore every customer and store this month's snapshot, like the ``score`` command."""
    progress.report(0, 0)
    result = db.rescore(as_of)
    progress.check()
    day = as_of or date.today()
    snapshot = db.write_snapshot(result.scores, Period.containing(day, SnapshotPeriod.MONTH))
    return Rescored(customers=result.summary.customers, changed_tier=result.changed_tier,
                    newly_scored=result.newly_scored, snapshot_period=snapshot.period,
                    seconds=result.seconds + snapshot.seconds)


def backup_now(db: Database, progress: Progress) -> BackupInfo:
    return db.backup("manual", progress=lambda done, total: _report(progress, done, total))


def daily_backup(db: Database, progress: Progress) -> BackupInfo | None:
    return db.backup_if_due(progress=lambda done, total: _report(progress, done, total))


def _report(progress: Progress, done: int, total: int) -> None:
    progress.report(done, total)
    progress.check()  # a cancelled backup stops between steps; its partial file is removed


@dataclass(frozen=True)
class Undone:
    change: ChangeSummary
    undo_id: str


def undo_latest(db: Database, _progress: Progress, skip: frozenset[str]) -> Undone | None:
    """Reverse the newest change not in ``skip``; None when there is nothing to undo."""
    change = db.latest_change(skip)
    if change is None:
        return None
    return Undone(change=change, undo_id=db.undo(change.change_id))


def export_book(db: Database, progress: Progress, path: Path, tiers: list[Tier],
                lang: str) -> ExportResult:
    from storage.export_portfolio import export_portfolio  # openpyxl: only when exporting

    return export_portfolio(db, path, tiers=tiers, lang=lang, progress=progress.report)


def start(path: Path, work: Callable[[Database, Progress], Any], *,
          owner: QObject | None = None,
          success: Callable[[Any], object] | None = None,
          failure: Callable[[BaseException], object] | None = None,
          cancelled: Callable[[], object] | None = None) -> DatabaseTask:
    """A ``DatabaseTask`` for ``work`` with its callbacks (dropped if ``owner`` goes first),
    not started yet."""
    task = DatabaseTask(path, work, owner)
    if success is not None:
        task.success(success)
    if failure is not None:
        task.failure(failure)
    if cancelled is not None:
        task.on_cancel(cancelled)
    return task
