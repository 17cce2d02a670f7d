"""The import itself: one pass over the file that checks every row and, unless previewing,
writes the valid ones in bulk inside one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.entities import Contact, Customer
from models.validation import ValidationError, ValidationErrors
from storage.backup_write import StartedBackup
from storage.importer.batches import begin_batch, finish_batch
from storage.importer.columns import ColumnMapping, ImportKind, auto_map
from storage.importer.duplicates import BookTransactions
from storage.importer.rows import (
    MSG_DUPLICATE_ROW,
    MSG_UNKNOWN_CUSTOMER,
    Customers,
    RowIssue,
    contact_record,
    customer_record,
    issues_of,
    raw_values,
    transaction_converter,
)
from storage.importer.sources import ImportFileError, TableSource, open_table
from storage.importer.store import BookConnection, ImportTarget, RecordStore
from storage.importer.values import cell_text, is_blank, is_total_row
from storage.importer.writer import BulkWriter
from storage.mapping import from_row

MAX_ISSUES = 10_000  # kept for display; every bad row is still counted
SAMPLE_ROWS = 50
SHOWN_DUPLICATE_ROWS = 20  # row numbers of duplicates kept to show
PROGRESS_EVERY = 2_000

#: (done, total) -> keep going? ``total`` is in the file's unit (CSV bytes, sheet rows).
ImportProgress = Callable[[int, int], bool]


class ImportCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


class MappingError(ImportFileError):
    # Raised by prepare(); the import wizard checks ColumnMapping.missing() itself and asks
    # for the columns, so this text is for the command line (which is English throughout).
    message = ("{path}: no column for {fields}. Columns found: {headers}. Map one with "
               "--map COLUMN=FIELD.")


@dataclass(frozen=True)
class CustomerMatch:
    """What a customers-file row does: create a customer or update an existing one."""

    row: int
    action: str  # "create" or "update"
    customer_id: str
    code: str
    name: str


@dataclass
class ImportPreview:
    """Everything the user should see before deciding: mapping, counts, every bad row."""

    kind: ImportKind
    source: TableSource
    mapping: ColumnMapping
    rows: int = 0  # data rows read (blank and total rows excluded)
    valid: int = 0
    skipped: int = 0  # blank and total rows
    #: Transaction rows already in the book (same customer, date, amount, profit, reference
    #: and product): not imported again. The first row numbers are kept to show.
    duplicates: int = 0
    duplicate_rows: list[int] = field(default_factory=list)
    bad_rows: int = 0
    creates: int = 0
    updates: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    issues_truncated: bool = False
    matches: list[CustomerMatch] = field(default_factory=list)
    sample: list[dict[str, Any]] = field(default_factory=list)
    #: The import batch the rows were written in (``keyplan import --undo N``); None for a
    #: preview, a refused import or one that wrote nothing.
    batch: int | None = None

    @property
    def ok(self) -> bool:
        return self.bad_rows == 0 and self.valid > 0


@dataclass(frozen=True)
class ImportResult:
    kind: ImportKind
    created: int
    updated: int
    skipped: int  # blank and total rows
    rejected: int  # bad rows not imported
    duplicates: int  # transaction rows already in the book, not imported again
    errors: list[RowIssue]
    seconds: float
    written: bool  # False for a dry run or an all-or-nothing import refused for bad rows
    preview: ImportPreview  # the whole check, as preview_import would have given it
    batch: int | None = None  # the import batch that undoes it (None if nothing written)


def prepare(path: str | Path, kind: ImportKind | str, *, sheet: str | None = None,
            overrides: Mapping[str, str] | None = None) -> tuple[TableSource, ColumnMapping]:
    """Open the file and map its columns; raises ImportFileError (or MappingError)."""
    kind = ImportKind(kind)
    source = open_table(path, kind, sheet)
    try:
        mapping = auto_map(kind, source.headers, overrides)
    except ValueError as error:
        raise ImportFileError(str(path), detail=str(error)) from None
    missing = mapping.missing()
    if missing:
        raise MappingError(str(path), fields=" / ".join(" or ".join(g) for g in missing),
                           headers=", ".join(h for h in source.headers if h) or "none")
    return source, mapping


def preview_import(db: RecordStore, path: str | Path, kind: ImportKind | str, *,
                   sheet: str | None = None, overrides: Mapping[str, str] | None = None,
                   progress: ImportProgress | None = None) -> ImportPreview:
    """Read and check the whole file without writing anything."""
    source, mapping = prepare(path, kind, sheet=sheet, overrides=overrides)
    return _run(db, source, mapping, write=False, progress=progress)


def run_import(db: ImportTarget, path: str | Path, kind: ImportKind | str, *,
               sheet: str | None = None, overrides: Mapping[str, str] | None = None,
               skip_invalid: bool = True, dry_run: bool = False,
               progress: ImportProgress | None = None,
               then: Callable[[], object] | None = None) -> ImportResult:
    """Import the file in one transaction. With ``skip_invalid`` the valid rows are written
    and the bad ones reported; without it a single bad row means nothing is written.

    ``then`` runs inside that transaction once the rows are written (the rescore that
    follows an import): a failure there, a full disk say, takes the rows back too, so the
    book never keeps new lines beside scores that do not count them."""
    started = time.perf_counter()
    source, mapping = prepare(path, kind, sheet=sheet, overrides=overrides)
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
        preview = _run(db, source, mapping, write=not dry_run, progress=progress,
                       all_or_nothing=not skip_invalid, then=_both(finish_backup, then))
    finally:
        if backup is not None:
            _keep(backup)
    written = not dry_run and (skip_invalid or preview.bad_rows == 0)
    return ImportResult(kind=mapping.kind, created=preview.creates if written else 0,
                        updated=preview.updates if written else 0, skipped=preview.skipped,
                        rejected=preview.bad_rows, duplicates=preview.duplicates,
                        errors=preview.issues,
                        seconds=time.perf_counter() - started, written=written,
                        preview=preview, batch=preview.batch if written else None)


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


def _run(db: RecordStore, source: TableSource, mapping: ColumnMapping, *, write: bool,
         progress: ImportProgress | None, all_or_nothing: bool = False,
         then: Callable[[], object] | None = None) -> ImportPreview:
    preview = ImportPreview(kind=mapping.kind, source=source, mapping=mapping)
    book = Customers([tuple(r) for r in db.conn.execute(
        "SELECT id, code, name FROM customers WHERE deleted_at IS NULL")])
    writer = BulkWriter(db, mapping.kind, lambda: _expected_rows(source),
                        source=source.path.name) if write else None
    step = _row_handler(db, mapping, preview, book, writer)
    try:
        if writer is None:
            _read(source, preview, step, progress)
        else:
            with db.atomic():
                batch = begin_batch(db, mapping.kind.value, source.path.name)
                writer.tie_to(batch)
                _read(source, preview, step, progress)
                writer.finish()
                preview.batch = finish_batch(db, batch, preview.creates, preview.updates)
                if all_or_nothing and preview.bad_rows:
                    raise _Refused()
                if then is not None:
                    then()
    except _Refused:
        preview.batch = None  # rolled back with the rows
    return preview


def _expected_rows(source: TableSource) -> int:
    """Rows the whole file probably holds, judged from how far the first chunk got."""
    if source.format != "csv":  # a sheet says how many rows it has
        return source.size
    if not source.position:
        return 0
    return int(source.size / source.position * max(1, source.rows_read))


def _read(source: TableSource, preview: ImportPreview, step: Callable[[int, list[Any]], None],
          progress: ImportProgress | None) -> None:
    count = 0
    for number, values in source.rows():
        count += 1
        source.rows_read = count
        if progress is not None and count % PROGRESS_EVERY == 0 \
                and not progress(source.position, source.size):
            raise ImportCancelled()
        if is_blank(values):
            preview.skipped += 1
            continue
        if is_total_row(values):
            preview.skipped += 1
            continue
        preview.rows += 1
        step(number, values)
    if progress is not None:
        progress(source.size, source.size)


def _row_handler(db: RecordStore, mapping: ColumnMapping, preview: ImportPreview, book: Customers,
                 writer: BulkWriter | None) -> Callable[[int, list[Any]], None]:
    kind = mapping.kind
    seen: dict[str, int] = {}  # customers file: code or name -> first row

    def bad(issues: list[RowIssue]) -> None:
        preview.bad_rows += 1
        room = MAX_ISSUES - len(preview.issues)
        if room <= 0:
            preview.issues_truncated = True
            return
        preview.issues.extend(issues[:room])

    def keep(number: int, record: dict[str, Any]) -> None:
        preview.valid += 1
        if len(preview.sample) < SAMPLE_ROWS:
            preview.sample.append({"row": number, **record})

    def customer_row(number: int, values: list[Any]) -> None:
        raw = raw_values(mapping, values)
        code, name = raw.get("code", ""), raw.get("name", "")
        key = f"code:{code}" if code else f"name:{name}"
        if key in seen:
            bad([RowIssue(number, mapping.header_of("code" if code else "name"),
                          "code" if code else "name", MSG_DUPLICATE_ROW,
                          {"row": seen[key]}, code or name)])
            return
        found = book.find(code, "" if code and not name else name)
        if isinstance(found, ValidationError):
            bad(issues_of(found, number, mapping, raw))
            return
        existing = _customer(db, found) if found else None
        try:
            record = customer_record(raw, existing)
        except (ValidationError, ValidationErrors) as error:
            bad(issues_of(error, number, mapping, raw))
            return
        seen[key] = number
        action = "update" if existing else "create"
        preview.updates += existing is not None
        preview.creates += existing is None
        preview.matches.append(CustomerMatch(number, action, record.id, record.code,
                                             record.name))
        book.add(record.id, record.code, record.name)
        keep(number, {"action": action, "code": record.code, "name": record.name})
        if writer is not None:
            writer.customer(record, existing)

    def customer_of(number: int, raw: dict[str, Any]) -> str | list[RowIssue]:
        """The referenced customer's id, or the issue saying why there is none."""
        code = cell_text(raw.get("customer_code"))
        name = cell_text(raw.get("customer_name"))
        found = book.find(code, name)
        if isinstance(found, str):
            return found
        if found is None:
            found = ValidationError("customer_code" if code else "customer_name",
                                    MSG_UNKNOWN_CUSTOMER, key=code or name)
        return issues_of(found, number, mapping, raw)

    contacts: dict[tuple[str, str], str] = {}
    if kind == ImportKind.CONTACTS:
        contacts = {(r[0], r[1]): r[2] for r in db.conn.execute(
            "SELECT customer_id, name, id FROM contacts WHERE deleted_at IS NULL")}

    def contact_row(number: int, values: list[Any]) -> None:
        raw = raw_values(mapping, values)
        customer_id = customer_of(number, raw)
        if not isinstance(customer_id, str):
            bad(customer_id)
            return
        known = contacts.get((customer_id, raw.get("name", "")))
        existing = from_row(Contact, db.query("SELECT * FROM contacts WHERE id = ?", [known])[0]) \
            if known else None
        try:
            record = contact_record(raw, customer_id, existing)
        except (ValidationError, ValidationErrors) as error:
            bad(issues_of(error, number, mapping, raw))
            return
        contacts[(customer_id, record.name)] = record.id
        preview.updates += existing is not None
        preview.creates += existing is None
        keep(number, {"customer_id": customer_id, "name": record.name, "title": record.title})
        if writer is not None:
            writer.contact(record, existing)

    convert = transaction_converter(mapping)
    book_lines = BookTransactions(db) if kind == ImportKind.TRANSACTIONS else None
    reference_columns = [i for i, c in enumerate(mapping.columns)
                         if c in ("customer_code", "customer_name")]

    code_index = mapping.index_of("customer_code")

    def transaction_row(number: int, values: list[Any]) -> None:
        # The common case first: a known customer code, without building anything.
        code = values[code_index] if code_index is not None and code_index < len(values) \
            else None
        customer_id: str | list[RowIssue] | None = book.by_code.get(code) \
            if isinstance(code, str) else None
        if customer_id is None:
            raw = {str(mapping.columns[i]): values[i] for i in reference_columns
                   if i < len(values)}
            customer_id = customer_of(number, raw)
        try:
            fields = convert(values)
        except ValidationErrors as error:
            problems = issues_of(error, number, mapping, _cells(mapping, values))
            bad(problems if isinstance(customer_id, str) else [*customer_id, *problems])
            return
        if not isinstance(customer_id, str):
            bad(customer_id)
            return
        if book_lines is not None and book_lines.contains(customer_id, fields):
            preview.duplicates += 1
            if len(preview.duplicate_rows) < SHOWN_DUPLICATE_ROWS:
                preview.duplicate_rows.append(number)
            return
        preview.creates += 1
        preview.valid += 1
        if len(preview.sample) < SAMPLE_ROWS:
            preview.sample.append({"row": number, "customer_id": customer_id,
                                   "date": fields[0], "amount": fields[1],
                                   "profit": fields[2]})
        if writer is not None:
            writer.transaction(customer_id, fields)

    return {ImportKind.CUSTOMERS: customer_row, ImportKind.CONTACTS: contact_row,
            ImportKind.TRANSACTIONS: transaction_row}[kind]


def _cells(mapping: ColumnMapping, values: list[Any]) -> dict[str, Any]:
    return {name: values[i] for i, name in enumerate(mapping.columns)
            if name is not None and i < len(values)}


def _customer(db: BookConnection, customer_id: str) -> Customer:
    row = db.query("SELECT * FROM customers WHERE id = ?", [customer_id])[0]
    return from_row(Customer, row)

