"""The manager's roll-up: every salesperson's book, plans and late work in one table."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from models.rollup import Rollup as RollupFigures
from storage import rollup_queries
from storage.export_files import ExportResult

if TYPE_CHECKING:
    from storage.database import Database


class Rollup:
    """``book.rollup(as_of=..., period=...)``: one line per owner and the total, read in one
    snapshot of the book; ``book.rollup.export(path)``: the same as a workbook."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def __call__(self, *, as_of: date | None = None,
                 period: str | None = None) -> RollupFigures:
        """The roll-up on ``as_of`` (today by default); ``period``: only the plans of that
        plan period count (default: every active plan)."""
        with self._db.read_snapshot():
            return rollup_queries.rollup(self._db, as_of or date.today(), period)

    def export(self, path: Path, *, as_of: date | None = None, period: str | None = None,
               lang: str | None = None) -> ExportResult:
        """A workbook with the "By salesperson" sheet."""
        from storage.export_rollup import export_rollup

        return export_rollup(self._db, path, as_of=as_of, period=period, lang=lang)
