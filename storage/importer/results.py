"""What an import's check and run answer with: the preview of every row and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storage.importer.columns import ColumnMapping, ImportKind
from storage.importer.rows import MSG_UNKNOWN_CUSTOMER, RowIssue
from storage.importer.sources import TableSource

MAX_ISSUES = 10_000  # kept for display; every bad row is still counted
SAMPLE_ROWS = 50
SHOWN_DUPLICATE_ROWS = 20  # row numbers of duplicates kept to show


class ImportCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(frozen=True)
class CustomerMatch:
    """What a customer of the file becomes: a new customer or an update of one."""

    row: int  # its first row
    action: str  # "create" or "update"
    customer_id: str
    code: str
    name: str
    rows: int = 1  # rows of the file that mean this customer


@dataclass
class ImportPreview:
    """Everything the user should see before deciding: mapping, counts, every bad row."""

    kind: ImportKind
    source: TableSource
    mapping: ColumnMapping
    rows: int = 0  # data rows read (blank and total rows excluded)
    valid: int = 0
    skipped: int = 0  # blank and total rows
    filtered: int = 0  # rows the row filters left out
    #: Transaction rows already in the book (same customer, date, amount, profit, reference
    #: and product): not imported again. The first row numbers are kept to show.
    duplicates: int = 0
    duplicate_rows: list[int] = field(default_factory=list)
    bad_rows: int = 0
    #: Transactions: the new lines' orders (distinct order numbers per customer; a line
    #: without one is an order), and the lines that are no order: returns (negative
    #: amounts) and zero-value lines. Frequency counts orders the same way.
    orders: int = 0
    returns: int = 0
    zero_lines: int = 0
    creates: int = 0  # customers, contacts or transaction lines
    updates: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    issues_truncated: bool = False
    #: Worth a look but nothing refused: details a customer's rows disagree on (once per
    #: customer), a new code whose name a customer without a code already has.
    warnings: list[RowIssue] = field(default_factory=list)
    matches: list[CustomerMatch] = field(default_factory=list)
    #: Customers a contacts or transactions file named that the book did not have, made
    #: because the import was asked to (``create_customers``): how many, and the first ones.
    customers_created: int = 0
    new_customers: list[CustomerMatch] = field(default_factory=list)
    sample: list[dict[str, Any]] = field(default_factory=list)
    #: The import batch the rows were written in (``keyplan import --undo N``); None for a
    #: preview, a refused import or one that wrote nothing.
    batch: int | None = None

    @property
    def ok(self) -> bool:
        return self.bad_rows == 0 and self.valid > 0

    @property
    def unknown_customers(self) -> bool:
        """Whether rows were refused for naming a customer the book does not have (which
        ``create_customers`` would make)."""
        return any(issue.message == MSG_UNKNOWN_CUSTOMER for issue in self.issues)

    def refuse(self, issues: list[RowIssue], rows: int = 1) -> None:
        """``rows`` bad rows, for the reasons ``issues`` (kept up to MAX_ISSUES)."""
        self.bad_rows += rows
        room = MAX_ISSUES - len(self.issues)
        if room < len(issues):
            self.issues_truncated = True
        self.issues.extend(issues[:max(0, room)])

    def warn(self, issue: RowIssue) -> None:
        if len(self.warnings) < MAX_ISSUES:
            self.warnings.append(issue)


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
    customers_created: int = 0  # customers a contacts or transactions file made
