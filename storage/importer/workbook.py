"""Import a whole-book workbook (``keyplan export book``, File → Export all data…): each sheet
as its kind of record, in the order the records need one another, all in one transaction
after one backup, so the book gets every record of the file or none.

A sheet is known by its name in either language ("Transactions", "交易记录", and the parts of
a long one, "Transactions (2)"); other sheets are left alone and listed. The cells are read
as written (:attr:`ColumnMapping.literal`): a note "-" or a customer named "NA" come back
unchanged. Into an empty book this gives the same records with the same ids; into a book that
has some of them, those are updated, as each kind's import does.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from storage.connection import is_open_book_file
from storage.export_labels import TEXT
from storage.importer import spreadsheet
from storage.importer.columns import ImportKind
from storage.importer.deferred import DeferredWork
from storage.importer.file_errors import (
    FolderGivenError,
    HeadersOnlyError,
    ImportFileError,
    NotABookError,
)
from storage.importer.results import ImportCancelled, ImportPreview
from storage.importer.rows import RowIssue
from storage.importer.run import (
    ImportProgress,
    _backup_progress,
    _keep,
    _run,
    prepare,
    temp_on_disk,
)
from storage.importer.store import ImportTarget

#: Sheet (its label key) -> kind, in the order a book is imported: customers before what
#: names them, contacts and needs before what links to them, plans before their parts,
#: objectives before the actions that serve them.
SHEET_KINDS: dict[str, ImportKind] = {
    "sheet.customers": ImportKind.CUSTOMERS,
    "sheet.contacts": ImportKind.CONTACTS,
    "sheet.transactions": ImportKind.TRANSACTIONS,
    "sheet.interactions": ImportKind.INTERACTIONS,
    "sheet.needs": ImportKind.NEEDS,
    "sheet.assessments": ImportKind.ASSESSMENTS,
    "sheet.plans": ImportKind.PLANS,
    "sheet.plan_objectives": ImportKind.PLAN_OBJECTIVES,
    "sheet.plan_support": ImportKind.PLAN_SUPPORT,
    "sheet.plan_actions": ImportKind.PLAN_ACTIONS,
    "sheet.plan_reviews": ImportKind.PLAN_REVIEWS,
}
_ORDER = list(SHEET_KINDS.values())
_PART = re.compile(r"^(.*?)\s*[(（]\s*(\d{1,4})\s*[)）]$")
#: Progress steps per sheet (sheets are weighed alike: their sizes are known only once read).
STEPS = 1_000


@dataclass(frozen=True)
class SheetImport:
    """One sheet: its kind and what its import found (None: it holds no records)."""

    kind: ImportKind
    sheet: str
    preview: ImportPreview | None


@dataclass
class BookImport:
    path: Path
    sheets: list[SheetImport] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # sheets that are no kind of record
    written: bool = False
    seconds: float = 0.0

    def _total(self, name: str) -> int:
        return sum(getattr(s.preview, name) for s in self.sheets if s.preview is not None)

    @property
    def created(self) -> int:
        return self._total("creates") + self._total("customers_created")

    @property
    def updated(self) -> int:
        return self._total("updates")

    @property
    def bad_rows(self) -> int:
        return self._total("bad_rows")

    @property
    def duplicates(self) -> int:
        return self._total("duplicates")

    @property
    def issues(self) -> list[tuple[str, RowIssue]]:
        """(sheet, issue) of every problem kept, in import order."""
        return [(s.sheet, issue) for s in self.sheets if s.preview is not None
                for issue in s.preview.issues]


def book_sheets(names: list[str]) -> tuple[list[tuple[ImportKind, str]], list[str]]:
    """The sheets that hold a kind of record, as (kind, sheet) in import order, and the
    others."""
    known = {_fold(word): kind for key, kind in SHEET_KINDS.items() for word in TEXT[key]}
    found: list[tuple[int, int, str, ImportKind]] = []
    others: list[str] = []
    for name in names:
        part = _PART.match(name.strip())
        base, number = (part[1], int(part[2])) if part else (name, 1)
        kind = known.get(_fold(base))
        if kind is None:
            others.append(name)
        else:
            found.append((_ORDER.index(kind), number, name, kind))
    found.sort()
    return [(kind, name) for _rank, _number, name, kind in found], others


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def import_book(db: ImportTarget, path: str | Path, *, skip_invalid: bool = False,
                dry_run: bool = False, progress: ImportProgress | None = None,
                then: Callable[[], object] | None = None) -> BookImport:
    """Import every record sheet of ``path`` in one transaction; a bad row anywhere means
    nothing is written unless ``skip_invalid`` (the good rows are, the bad ones reported).
    ``dry_run`` imports and takes it all back (the later sheets are checked against the
    records the earlier ones make). ``then`` runs in the transaction once the records are
    written (the rescore). ``progress(done, total)`` returning False cancels."""
    started = time.perf_counter()
    path = Path(path)
    _check_file(path)
    plan, ignored = book_sheets([s.name for s in spreadsheet.list_sheets(path)
                                 if s.kind == "WorkSheet"])
    if not plan:
        raise NotABookError(str(path), sheets=", ".join(ignored) or "—")
    result = BookImport(path, ignored=ignored)
    backup = None
    if not dry_run and str(db.path) != ":memory:":
        backup = db.start_backup("import", progress=_backup_progress(progress))
    try:
        with temp_on_disk(db), db.atomic():
            deferred = DeferredWork(db)
            for index, (kind, sheet) in enumerate(plan):
                if index + 1 < len(plan):  # parsed meanwhile (a sales sheet: 8 s)
                    spreadsheet.prefetch(path, plan[index + 1][1])
                result.sheets.append(_sheet(db, path, kind, sheet,
                                            _scaled(progress, index, len(plan)), deferred))
            refused = result.bad_rows and not skip_invalid
            if dry_run or refused:
                raise _TakenBack()
            deferred.finish()
            if backup is not None:
                backup.finish()  # the import commits only once its backup checked good
            if then is not None:
                then()
            result.written = True
    except _TakenBack:
        pass
    finally:
        spreadsheet.end_prefetched()
        if backup is not None:
            _keep(backup)
    if progress is not None:
        progress(STEPS * len(plan), STEPS * len(plan))
    result.seconds = time.perf_counter() - started
    return result


class _TakenBack(Exception):
    """Rolls the whole import back: a dry run, or bad rows without skip_invalid."""


def _sheet(db: ImportTarget, path: Path, kind: ImportKind, sheet: str,
           progress: ImportProgress | None, deferred: DeferredWork) -> SheetImport:
    try:
        source, mapping = prepare(path, kind, sheet=sheet)
    except HeadersOnlyError:
        return SheetImport(kind, sheet, None)
    # New customers and contacts are logged field by field, the other kinds per customer.
    fields = len(mapping.sources) if kind in (ImportKind.CUSTOMERS, ImportKind.CONTACTS) else 1
    deferred.expect_log_entries(source.size * fields)
    preview = _run(db, source, replace(mapping, literal=True), write=True, progress=progress,
                   inside=True, deferred=deferred)
    return SheetImport(kind, sheet, preview)


def _scaled(progress: ImportProgress | None, index: int, count: int) -> ImportProgress | None:
    """Sheet ``index``'s progress as a share of the whole book's."""
    if progress is None:
        return None

    def report(done: int, total: int) -> bool:
        share = done / total if total else 1.0
        if not progress(STEPS * index + int(STEPS * min(share, 1.0)), STEPS * count):
            raise ImportCancelled()
        return True
    return report


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise FolderGivenError(str(path))
    if not path.is_file():
        raise ImportFileError(str(path), detail="no such file")
    if is_open_book_file(path):
        raise ImportFileError(str(path), detail="it is the open book itself, not a workbook")
