"""``keyplan export book`` and ``keyplan import book``: every record of the book out to one
workbook, and such a workbook back into a book (no lock-in). Registered by
:mod:`ui.cli.commands_io` as the ``book`` kind of ``export`` and of ``import``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ui.cli.errors import UserError
from ui.cli.text import language, t, t_n, translate

if TYPE_CHECKING:
    from storage.book.import_types import BookImport, RowIssue

MAX_LISTED_ISSUES = 100
#: Options of ``import`` that a whole-book import has no use for: it reads every sheet as
#: KeyPlan wrote it.
_SHEET_OPTIONS = (("--sheet", "sheet"), ("--map", "map"), ("--where", "where"),
                  ("--create-customers", "create_customers"), ("--date-order", "date_order"),
                  ("--fresh-mapping", "fresh_mapping"))


def run_export_book(args: argparse.Namespace) -> int:
    from storage.book import Book
    from ui.cli.progress import ProgressLine

    with Book(args.db) as book:
        line = ProgressLine(t("Exporting"))
        try:
            result = book.exports.book(args.output, lang=args.lang or language(),
                                       progress=line)
        finally:
            line.close()
    print(t("Wrote {path}: {rows} records on {count} sheets ({sheets}) in {seconds} s.",
            path=result.path, rows=f"{result.rows:,}", count=len(result.sheets),
            sheets=", ".join(result.sheets), seconds=f"{result.seconds:.1f}"))
    print(t("To bring them into another book: keyplan --db OTHER.db import book {path}",
            path=result.path))
    return 0


def run_import_book(args: argparse.Namespace) -> int:
    unused = [flag for flag, name in _SHEET_OPTIONS if getattr(args, name, None)]
    if unused:
        raise UserError(t("{options}: not for a whole-book import, which reads every sheet "
                          "as KeyPlan wrote it.", options=", ".join(unused)))
    from storage.book import Book
    from ui.cli.progress import ProgressLine

    with Book(args.db) as book:
        line = ProgressLine(t("Checking") if args.dry_run else t("Importing"))
        try:
            imported = book.imports.run_book(args.file, skip_invalid=args.skip_invalid,
                                             dry_run=args.dry_run,
                                             rescore=not (args.no_rescore or args.dry_run),
                                             progress=line)
        finally:
            line.close()
    result = imported.result
    _print_sheets(result)
    if args.dry_run:
        print(t("Dry run: nothing was written."))
        return 0 if result.bad_rows == 0 else 1
    if not result.written:
        print(t_n("Nothing was imported: {count} bad rows. Fix them, or run again with "
                  "--skip-invalid to import the valid rows.",
                  "Nothing was imported: 1 bad row. Fix it, or run again with "
                  "--skip-invalid to import the valid rows.", result.bad_rows,
                  count=f"{result.bad_rows:,}"))
        return 1
    print(t_n("Imported {created} new and {updated} updated records ({rejected} bad rows left "
              "out) in {seconds} s.", "Imported {created} new and {updated} updated records "
              "(1 bad row left out) in {seconds} s.", result.bad_rows,
              created=f"{result.created:,}",
            updated=f"{result.updated:,}", rejected=f"{result.bad_rows:,}",
            seconds=f"{result.seconds:.1f}"))
    if imported.rescore_seconds is not None:
        print(t("Rescored the book in {seconds} s.", seconds=f"{imported.rescore_seconds:.1f}"))
    return 0


def _print_sheets(result: BookImport) -> None:
    print(t_n("{path}: {count} sheets of records.", "{path}: 1 sheet of records.",
              len(result.sheets), path=result.path, count=len(result.sheets)))
    for sheet in result.sheets:
        preview = sheet.preview
        if preview is None:
            print("  " + t("{sheet}: no records", sheet=sheet.sheet))
            continue
        print("  " + t_n("{sheet}: {rows} rows, {created} new, {updated} updated, {bad} bad",
                         "{sheet}: 1 row, {created} new, {updated} updated, {bad} bad",
                         preview.rows, sheet=sheet.sheet, rows=f"{preview.rows:,}",
                       created=f"{preview.creates + preview.customers_created:,}",
                       updated=f"{preview.updates:,}", bad=f"{preview.bad_rows:,}"))
    if result.duplicates:
        print(t_n("{count} sales lines are already in the book and are not imported again.",
                  "1 sales line is already in the book and is not imported again.",
                  result.duplicates, count=f"{result.duplicates:,}"))
    if result.ignored:
        print(t("Sheets left alone (they hold no kind of record): {sheets}",
                sheets=", ".join(result.ignored)))
    issues = result.issues
    for sheet_name, issue in issues[:MAX_LISTED_ISSUES]:
        value = f" [{issue.value}]" if issue.value else ""
        print(f"  {sheet_name}, {issue_text(issue)}{value}")
    if len(issues) > MAX_LISTED_ISSUES or result.bad_rows > len(issues):
        print("  " + t("... and more problems ({count} bad rows in all).",
                       count=f"{result.bad_rows:,}"))


def issue_text(issue: RowIssue) -> str:
    """``row N, column 'X': message`` in the chosen language."""
    message = translate(issue.context, issue.message, issue.params)
    if issue.column:
        return t("row {row}, column '{column}': {message}", row=issue.row,
                 column=issue.column, message=message)
    return t("row {row}: {message}", row=issue.row, message=message)
