"""The import itself: one pass over the file that checks every row and, unless previewing,
writes the valid ones in bulk inside one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from models.validation import tr_noop
from storage.backup_write import StartedBackup
from storage.collector import collector_paused
from storage.importer.batches import begin_batch, finish_batch
from storage.importer.columns import ColumnMapping, ImportKind, Overrides, auto_map
from storage.importer.dates import DateOrder, DateOrderError, date_columns, decide_file_orders
from storage.importer.deferred import DeferredWork
from storage.importer.filters import RowFilter, row_test
from storage.importer.handlers import HANDLERS, BookAtHand, RowHandler
from storage.importer.layouts import save_mapping, saved_mapping
from storage.importer.linked import LINKED_HANDLERS
from storage.importer.results import (
    MAX_ISSUES,
    CustomerMatch,
    ImportCancelled,
    ImportPreview,
    ImportResult,
)
from storage.importer.rows import MSG_RAGGED_ROW, RowIssue
from storage.importer.sources import (
    ImportFileError,
    TableSource,
    open_table,
    ragged_rows,
    rows_below_header,
)
from storage.importer.store import ImportSource, ImportTarget, RecordStore, SettingsAccess
from storage.importer.values import data_rows
from storage.importer.writer import BulkWriter

__all__ = ["MAX_ISSUES", "CustomerMatch", "ImportCancelled", "ImportPreview", "ImportResult",
           "MappingError", "missing_fields", "prepare", "preview_import",
           "run_import"]

#: Rows read, checked and written together (the progress is asked after each chunk). A
#: chunk's rows, their columns and their conversions stay within a core's cache at about a
#: thousand rows: with 2,000 a 1,000,000-line preview took 3.6-3.8 s of CPU, with 1,024
#: (and CSV blocks of 512) 2.7-2.8 s; 4,000 took 4.0-4.4 s.
PROGRESS_EVERY = 1_024
#: Kinds whose imports are batches (their tables carry ``import_batch``, m012 and m020):
#: every kind.
BATCH_KINDS = frozenset(ImportKind)

#: (done, total) -> keep going? ``total`` is in the file's unit (CSV bytes, sheet rows).
ImportProgress = Callable[[int, int], bool]
#: Row filters, as RowFilter or their text (``订单状态=已完成``).
Filters = Sequence[RowFilter | str]
RowTest = Callable[[list[Any]], bool]


class MappingError(ImportFileError):
    """A required field no column feeds. Raised by prepare(); the import wizard shows
    ``mapping`` (as far as the headers go) for the user to complete, in its own words. The
    fields are named as ``--map`` takes them, in any language: ``date; amount / quantity +
    unit_price`` (/ between fields either of which will do, + between fields needed
    together: the English 'or' and 'and' it had were shown under --lang zh_CN too)."""

    message = tr_noop("{path}: no column for {fields}. Columns found: {headers}. Map one "
                      "with --map COLUMN=FIELD.")
    #: The columns matched so far.
    mapping: ColumnMapping | None = None


def missing_fields(mapping: ColumnMapping) -> str:
    """The required fields no column feeds, as :class:`MappingError` names them."""
    return "; ".join(" / ".join(alternative.replace("+", " + ") for alternative in group)
                     for group in mapping.missing())


def prepare(path: str | Path, kind: ImportKind | str, *, sheet: str | None = None,
            overrides: Overrides | None = None, saved: SettingsAccess | None = None,
            date_order: DateOrder | str | None = None,
            meanwhile: Callable[[], object] | None = None) -> tuple[TableSource, ColumnMapping]:
    """Open the file and map its columns, starting from the mapping saved in ``saved`` (a
    book) for this layout if there is one, and decide the day/month order of its date
    columns (``date_order`` when given); raises ImportFileError (MappingError, or
    DateOrderError for a column whose dates all read both ways). ``meanwhile`` runs while a
    spreadsheet is parsed (:func:`open_table`)."""
    kind = ImportKind(kind)
    source = open_table(path, kind, sheet, meanwhile)
    kept = saved_mapping(saved, kind, source.headers) if saved is not None else None
    try:
        mapping = auto_map(kind, source.headers, overrides, base=kept[0] if kept else None)
    except ValueError as error:
        raise ImportFileError(str(path), detail=str(error)) from None
    if kept is not None:
        mapping = replace(mapping, saved_at=kept[1])
    missing = mapping.missing()
    if missing:
        unmapped = MappingError(str(path), fields=missing_fields(mapping),
                                headers=", ".join(h for h in source.headers if h) or "—")
        unmapped.mapping = mapping
        raise unmapped
    if mapping.kind is ImportKind.TRANSACTIONS:
        try:
            orders = decide_file_orders(rows_below_header(source),
                                        lambda: (values for _number, values in source.rows()),
                                        date_columns(mapping), date_order)
        except DateOrderError as question:
            question.mapping = mapping
            raise
        mapping = replace(mapping, date_orders=orders)
    return source, mapping


def preview_import(db: ImportSource, path: str | Path, kind: ImportKind | str, *,
                   sheet: str | None = None, overrides: Overrides | None = None,
                   create_customers: bool = False, where: Filters = (),
                   saved_mapping: bool = True, date_order: DateOrder | str | None = None,
                   progress: ImportProgress | None = None) -> ImportPreview:
    """Read and check the whole file without writing anything.

    ``overrides`` change the mapping, which starts from the one saved for this layout
    (``saved_mapping``: an import with overrides saves its mapping) or else from the headers.
    ``create_customers``: a contacts or transactions row naming a customer the book does
    not have makes it (counted in ``customers_created``) instead of being refused.
    ``where``: only the rows every filter keeps are read (``RowFilter`` or its text,
    ``订单状态=已完成``, ``Status in Paid,Shipped``); the others are counted in ``filtered``.
    ``date_order`` (dmy or mdy) reads dates such as 3/4/2024 when the file does not tell."""
    at_hand = BookAtHand(db, ImportKind(kind))
    source, mapping = prepare(path, kind, sheet=sheet, overrides=overrides,
                              saved=db if saved_mapping else None, date_order=date_order,
                              meanwhile=at_hand.load)
    return _run(db, source, mapping, write=False, progress=progress,
                create_customers=create_customers, where=_row_test(source, where),
                at_hand=at_hand)


def run_import(db: ImportTarget, path: str | Path, kind: ImportKind | str, *,
               sheet: str | None = None, overrides: Overrides | None = None,
               skip_invalid: bool = True, dry_run: bool = False,
               create_customers: bool = False, where: Filters = (),
               saved_mapping: bool = True, date_order: DateOrder | str | None = None,
               progress: ImportProgress | None = None,
               then: Callable[[], object] | None = None) -> ImportResult:
    """Import the file in one transaction. With ``skip_invalid`` the valid rows are written
    and the bad ones reported; without it a single bad row means nothing is written.

    ``then`` runs inside that transaction once the rows are written (the rescore that
    follows an import): a failure there, a full disk say, takes the rows back too, so the
    book never keeps new lines beside scores that do not count them. The other options are
    :func:`preview_import`'s; a written import given ``overrides`` saves its mapping for the
    file's layout, in its transaction."""
    started = time.perf_counter()
    at_hand = BookAtHand(db, ImportKind(kind))
    source, mapping = prepare(path, kind, sheet=sheet, overrides=overrides,
                              saved=db if saved_mapping else None, date_order=date_order,
                              meanwhile=at_hand.load)
    keep = _row_test(source, where)
    backup = None
    if not dry_run and str(db.path) != ":memory:":
        # An import can change thousands of rows at once: keep the book as it was first.
        # The one backup of the import, copied before its transaction (SQLite's backup API
        # copies in steps of read transactions, so the book stays writable meanwhile). Its
        # compression and integrity check run beside the import, and the import commits
        # only once the check has passed: a damaged book is never imported into, and the
        # import no longer waits seconds for the check first.
        backup = db.start_backup("import", progress=_backup_progress(progress))
    try:
        if backup is not None and progress is not None and not progress(0, source.size):
            raise ImportCancelled()
        finish_backup = backup.finish if backup is not None else None
        remember = (lambda: save_mapping(db, mapping)) if overrides else None
        preview = _run(db, source, mapping, write=not dry_run, progress=progress,
                       all_or_nothing=not skip_invalid,
                       then=_both(_both(remember, finish_backup), then),
                       create_customers=create_customers, where=keep, at_hand=at_hand)
    finally:
        if backup is not None:
            _keep(backup)
    written = not dry_run and (skip_invalid or preview.bad_rows == 0)
    return ImportResult(kind=mapping.kind, created=preview.creates if written else 0,
                        updated=preview.updates if written else 0, skipped=preview.skipped,
                        rejected=preview.bad_rows, duplicates=preview.duplicates,
                        errors=preview.issues,
                        seconds=time.perf_counter() - started, written=written,
                        preview=preview, batch=preview.batch if written else None,
                        customers_created=preview.customers_created if written else 0)


def _both(first: Callable[[], object] | None,
          second: Callable[[], object] | None) -> Callable[[], object] | None:
    """Run ``first`` then ``second`` (either may be missing) inside the import's transaction."""
    if first is None or second is None:
        return first or second

    def run() -> None:
        first()
        second()
    return run


def _keep(backup: StartedBackup) -> None:
    """An import that stopped before its commit (refused rows, cancel, an error) still
    leaves its backup, complete: it is a good copy of the book as it was."""
    try:
        backup.finish()
    except Exception:
        backup.discard()


def _backup_progress(progress: ImportProgress | None) -> Callable[[int, int], None] | None:
    """The import's progress callback for the backup before it: cancelling stops the copy
    (its partial file is removed) and nothing is imported."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        if not progress(done, total):
            raise ImportCancelled()
    return report


class _Refused(Exception):
    """Rolls the transaction back when an all-or-nothing import met a bad row."""


def _row_test(source: TableSource, where: Filters) -> RowTest | None:
    try:
        return row_test(where, source.headers)
    except ValueError as error:
        raise ImportFileError(str(source.path), detail=str(error)) from None


def _run(db: RecordStore, source: TableSource, mapping: ColumnMapping, *, write: bool,
         progress: ImportProgress | None, all_or_nothing: bool = False,
         then: Callable[[], object] | None = None, create_customers: bool = False,
         where: RowTest | None = None, inside: bool = False,
         at_hand: BookAtHand | None = None,
         deferred: DeferredWork | None = None) -> ImportPreview:
    """Read (and with ``write``, write) one table. ``inside``: in the caller's transaction,
    which takes everything back on a failure (a whole-book import: a savepoint per sheet
    would keep a copy of every page it changes, in memory); ``deferred``: what the caller
    does once at its end."""
    preview = ImportPreview(kind=mapping.kind, source=source, mapping=mapping)
    writer = BulkWriter(db, mapping.kind, lambda: _expected_rows(source),
                        source=source.path.name, deferred=deferred) if write else None
    handler = (HANDLERS.get(mapping.kind) or LINKED_HANDLERS[mapping.kind])(
        db, mapping, preview, writer, create_customers=create_customers, at_hand=at_hand)
    try:
        if writer is None:
            _read(source, preview, handler, progress, where)
        else:
            checked_once = mapping.kind is ImportKind.TRANSACTIONS and not inside
            with _foreign_keys_off(db) if checked_once else nullcontext(), \
                    nullcontext() if inside else temp_on_disk(db), \
                    nullcontext() if inside else db.atomic():
                # The rows carry their import's number: the import is undone on its own.
                batch = begin_batch(db, mapping.kind.value, source.path.name) \
                    if mapping.kind in BATCH_KINDS else None
                if batch is not None:
                    writer.tie_to(batch)
                _read(source, preview, handler, progress, where)
                writer.finish()
                if batch is not None:
                    preview.batch = finish_batch(db, batch,
                                                 preview.creates + preview.customers_created,
                                                 preview.updates)
                if all_or_nothing and preview.bad_rows:
                    raise _Refused()
                if then is not None:
                    then()
    except _Refused:
        preview.batch = None  # rolled back with the rows
    return preview


def _expected_rows(source: TableSource) -> int:
    """Rows the whole file probably holds, judged from how far the first chunk got."""
    if source.format != "csv":
        return source.size
    if not source.position:
        return 0
    return int(source.size / source.position * max(1, source.rows_read))


def _read(source: TableSource, preview: ImportPreview, handler: RowHandler,
          progress: ImportProgress | None, where: RowTest | None) -> None:
    """Hand the data rows to ``handler`` a chunk at a time (PROGRESS_EVERY rows, checked
    for blank and total rows and filtered together), asking ``progress`` after each."""
    count = 0
    # A workbook KeyPlan wrote is read as written: a "-" is a value, a "Total" a name.
    literal = handler.mapping.literal
    # Total rows are looked for in the first four columns, but those whose every cell the
    # handler reads as a date or a number (a total word fails it) it checks itself; with
    # row filters, in every column here (a total row is skipped, not filtered out).
    looked_at = (0, 1, 2, 3) if where is not None else tuple(
        column for column in range(4) if column not in handler.strict_columns)
    rows = source.rows()
    with collector_paused():
        while chunk := list(islice(rows, PROGRESS_EVERY)):
            count += len(chunk)
            source.rows_read = count
            if progress is not None and len(chunk) == PROGRESS_EVERY \
                    and not progress(source.position, source.size):
                raise ImportCancelled()
            kept = data_rows(chunk, literal, looked_at)
            preview.skipped += len(chunk) - len(kept)
            if where is not None:
                wanted = [row for row in kept if where(row[1])]
                preview.filtered += len(kept) - len(wanted)
                kept = wanted
            preview.rows += len(kept)
            ragged = ragged_rows(source, kept)
            if ragged:
                _refuse_ragged(source, preview, ragged)
                refused = {number for number, _values in ragged}
                kept = [row for row in kept if row[0] not in refused]
            handler.rows(kept)
    handler.finish()
    if progress is not None:
        progress(source.size, source.size)


def _refuse_ragged(source: TableSource, preview: ImportPreview,
                   rows: list[tuple[int, list[Any]]]) -> None:
    """Refuse the CSV rows with more values than the header has columns: which of their
    values is which is no longer known (the amount may be the first half of 1,200)."""
    for number, values in rows:
        extra = ", ".join(str(value) for value in values[source.width:] if str(value).strip())
        preview.refuse([RowIssue(number, "", "", MSG_RAGGED_ROW,
                                 {"count": len(values), "width": source.width}, extra[:80])])


@contextmanager
def _foreign_keys_off(db: RecordStore) -> Iterator[None]:
    """SQLite looks each new line's customer up in ``customers`` as it inserts it (1.5-2 s of
    a 1,000,000-line import); the writer checks the customers of all its lines at once
    instead, before the commit, whenever the connection does not (BulkWriter.finish). The
    setting holds for the import's transaction only (it cannot change inside one), whose
    other writes (the batch, the change log, the figures, the rescore after) are of rows of
    customers the book has; the schema has no cascades for it to skip."""
    if db.conn.in_transaction or not db.conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        yield
        return
    db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


@contextmanager
def temp_on_disk(db: RecordStore) -> Iterator[None]:
    """SQLite's temporary storage in files for an import's transaction. The book's
    connections keep it in memory (quick sorts for the window's reads), where an import's
    index rebuilds (a million lines sorted per index) and the journals of its large
    statements (the figures of 93,000 customers updated at once) then lie too, a few hundred
    MB; in a temporary file the operating system keeps what fits in its cache anyway. Set
    outside the transaction (SQLite may refuse it inside), back as it was after."""
    if db.conn.in_transaction:
        yield
        return
    before = int(db.conn.execute("PRAGMA temp_store").fetchone()[0])
    db.conn.execute("PRAGMA temp_store = FILE")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA temp_store = {before}")
