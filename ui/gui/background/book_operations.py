"""Work on the whole book that runs on the worker thread: rescore, back up, undo, export.

Each function takes the worker's own ``Book`` and a :class:`~ui.gui.background.tasks.Progress` and
returns a small result the UI turns into a status message; :func:`start` wraps one in a
``BookTask`` with its outcome callbacks. Nothing here touches a widget.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from models.enums import SnapshotPeriod, Tier
from storage.book import Book
from storage.book.types import BackupInfo, ChangeSummary
from storage.changes import Changes
from ui.gui.background.tasks import BookTask, Cancelled, Progress

if TYPE_CHECKING:
    from storage.book.types import ExportResult


@dataclass(frozen=True)
class Rescored:
    customers: int
    changed_tier: int
    newly_scored: int
    snapshot_period: str
    seconds: float
    #: customer_metrics rows the rescore rewrote (0: nothing the views show moved).
    changed_rows: int = -1

    @property
    def changes(self) -> Changes:
        """The scores (when any row moved) and the month's snapshot."""
        moved = Changes.of_rescore(self.changed_rows if self.changed_rows >= 0 else 1)
        return moved | Changes(frozenset({"score_snapshots"}))


#: Books at least this large are rescored in a process of their own (see
#: :mod:`ui.gui.background.rescore_process`); smaller ones take a few milliseconds on the worker
#: thread.
PROCESS_RESCORE_CUSTOMERS = 20_000
ROOT = Path(__file__).resolve().parents[3]  # the folder holding ui/, for python -m


def rescore_book(book: Book, progress: Progress, as_of: date | None = None) -> Rescored:
    """Rescore every customer and store this month's snapshot, like the ``score`` command."""
    progress.report(0, 0)
    if not book.in_memory and book.customers.count() >= PROCESS_RESCORE_CUSTOMERS:
        return rescore_in_process(book.path, progress, as_of)
    result = book.scoring.rescore(as_of or date.today(), snapshot=SnapshotPeriod.MONTH)
    snapshot = result.snapshot
    assert snapshot is not None
    return Rescored(customers=result.summary.customers, changed_tier=result.changed_tier,
                    newly_scored=result.newly_scored, snapshot_period=snapshot.period,
                    seconds=result.seconds, changed_rows=result.changed_rows)


def rescore_in_process(path: Path, progress: Progress, as_of: date | None = None) -> Rescored:
    """Run :mod:`ui.gui.background.rescore_process` and wait for it; a cancel kills it (nothing is
    kept)."""
    command = [sys.executable, "-m", "ui.gui.background.rescore_process", str(path)]
    if as_of is not None:
        command.append(as_of.isoformat())
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    while True:
        try:
            out, err = child.communicate(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if progress.cancelled:
                child.kill()
                child.communicate()
                raise Cancelled() from None
    if child.returncode != 0:
        raise RescoreFailed(err.strip().splitlines()[-1] if err.strip() else
                            f"exit status {child.returncode}")
    data = json.loads(out.strip().splitlines()[-1])
    return Rescored(customers=int(data["customers"]), changed_tier=int(data["changed_tier"]),
                    newly_scored=int(data["newly_scored"]),
                    snapshot_period=str(data["snapshot_period"]), seconds=float(data["seconds"]),
                    changed_rows=int(data.get("changed_rows", -1)))


class RescoreFailed(RuntimeError):
    """The rescoring process ended with an error (its last line of output)."""


def backup_now(book: Book, progress: Progress) -> BackupInfo:
    return book.backups.make("manual",
                             progress=lambda done, total: _report(progress, done, total))


def daily_backup(book: Book, progress: Progress) -> BackupInfo | None:
    return book.backups.if_due(progress=lambda done, total: _report(progress, done, total))


def _report(progress: Progress, done: int, total: int) -> None:
    progress.report(done, total)
    progress.check()  # a cancelled backup stops between steps; its partial file is removed


@dataclass(frozen=True)
class Undone:
    change: ChangeSummary
    undo_id: str
    changes: Changes


def undo_latest(book: Book, _progress: Progress, skip: frozenset[str]) -> Undone | None:
    """Reverse the newest change not in ``skip``; None when there is nothing to undo.

    When that change is an import's, the whole import is undone through its batch (the
    summary names the file); an undone import and the undo of one are passed over (they are
    not redone), as are imports from before batches existed."""
    passed = set(skip)
    while (newest := book.imports.newest_change_id(sorted(passed))) is not None:
        batch = book.imports.of_changes([newest]).get(newest)
        if batch is None:
            break
        if batch.undone:
            passed.add(newest)
            continue
        taken_back = book.imports.undo(batch.id, rescore=False)
        return Undone(change=ChangeSummary(change_id=newest, action="import",
                                           table_name="import_batches", record_id=str(batch.id),
                                           customer_id=None, customer_name=batch.source,
                                           at=batch.at), undo_id=taken_back.undone.undo_id,
                      changes=taken_back.changes)
    change = book.history.latest(frozenset(passed))
    if change is None:
        return None
    done = book.history.undo(change.change_id)
    return Undone(change=change, undo_id=done.change_id, changes=done.changes)


def export_book(book: Book, progress: Progress, path: Path, tiers: list[Tier],
                lang: str) -> ExportResult:
    return book.exports.portfolio(path, tiers=tiers, lang=lang, progress=progress.report)


def start(path: Path, work: Callable[[Book, Progress], Any], *,
          owner: QObject | None = None,
          success: Callable[[Any], object] | None = None,
          failure: Callable[[BaseException], object] | None = None,
          cancelled: Callable[[], object] | None = None) -> BookTask:
    """A ``BookTask`` for ``work`` with its callbacks (dropped if ``owner`` goes first),
    not started yet."""
    task = BookTask(path, work, owner)
    if success is not None:
        task.success(success)
    if failure is not None:
        task.failure(failure)
    if cancelled is not None:
        task.on_cancel(cancelled)
    return task
