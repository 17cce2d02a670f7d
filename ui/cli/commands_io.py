"""Subcommands that move data in and out of the book (``export``, ``import``) and work on
account plans (``plan``)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import PlanStatus, Tier
from storage.export_labels import LANGUAGES, Labels
from ui.cli.book_io import issue_text, run_export_book, run_import_book
from ui.cli.commands_calendar import register_calendar
from ui.cli.commands_score import _iso_date
from ui.cli.errors import UserError
from ui.cli.import_fields import IMPORT_FIELDS
from ui.cli.text import language, pad, t, t_n, word

if TYPE_CHECKING:  # openpyxl and sqlite-utils load when a command runs, not for --help
    from storage.book import Book
    from storage.book.import_types import ImportPreview, KeptRecord

MAX_LISTED_ISSUES = 100


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_export(subparsers)
    _register_import(subparsers)
    _register_plan(subparsers)


# ---- export ------------------------------------------------------------------------------
def _register_export(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export", help=t("write an account plan or the portfolio as an Excel workbook"),
        description=t("Write .xlsx workbooks that open in Excel and LibreOffice, with native "
                      "charts. The file is written to a temporary file first and renamed, so a "
                      "failed export never leaves a broken file or replaces the previous one."))
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    plan = kinds.add_parser(
        "plan", help=t("one customer's account plan (Overview, Score, Revenue, Contacts, "
                       "Interactions, Needs, Plan)"),
        description=t("Export one customer's account plan workbook."))
    plan.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    plan.add_argument("--period", metavar="PERIOD",
                      help=t("plan period, e.g. 2027-H1 (default: the latest plan)"))
    plan.set_defaults(handler=run_export_plan)
    portfolio = kinds.add_parser(
        "portfolio", help=t("every customer with score, tier, ABC class, lifecycle and "
                            "dimensions, plus a summary with a Pareto chart"),
        description=t("Export the portfolio workbook: a Summary sheet (tier and ABC counts, "
                      "revenue shares, Pareto chart) and a filterable Customers sheet."))
    portfolio.add_argument("--tier", action="append", choices=Tier.codes(), default=[],
                           metavar="TIER", help=t("only this tier (repeatable): {tiers}",
                                                  tiers=", ".join(Tier.codes())))
    portfolio.set_defaults(handler=run_export_portfolio)
    weekly = kinds.add_parser(
        "weekly", help=t("the weekly report (周报): the week's visits and outcomes, actions done, "
                         "next week's actions and follow-ups, tier moves, late complaints"),
        description=t("Export the weekly report of the week (Monday to Sunday) holding today "
                      "or --as-of: one print-ready sheet per part."))
    weekly.add_argument("--owner", metavar="NAME",
                        help=t("only this salesperson's customers and actions (default: all)"))
    weekly.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                        help=t("a day of the week to report (default: today)"))
    weekly.set_defaults(handler=run_export_weekly)
    whole = kinds.add_parser(
        "book", help=t("all data: every customer, contact, sale, interaction, need, assessment "
                       "and account plan, as a workbook 'keyplan import book' reads back"),
        description=t("Export all data: one sheet per kind of record (Customers, Contacts, "
                      "Transactions, Interactions, Needs, Assessments, Plans and their "
                      "objectives, support, actions and reviews) under the headers the importer "
                      "reads. 'keyplan import book FILE' brings it into another book as the "
                      "same records (into an empty book, with the same ids). A kind of more "
                      "than 1,048,575 records (Excel's rows) goes on in numbered sheets: "
                      "Transactions (2) ..."))
    whole.set_defaults(handler=run_export_book)
    rollup = kinds.add_parser(
        "rollup", help=t("the manager's roll-up: per salesperson, customers per tier, revenue "
                         "against the year before, plan progress and late work"),
        description=t("Export the roll-up (sheet 'By salesperson' / '按销售人员'): one line per "
                      "owner (customers nobody owns on a line of their own) and the total: "
                      "customers per tier, revenue of the last 12 months against the 12 before, "
                      "share of the book's revenue, active plans, objectives met, revenue "
                      "against the plans' targets, actions done, overdue plan actions and "
                      "follow-ups, open complaints, slipping customers and the last activity."))
    rollup.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                        help=t("the day of the figures (default: today)"))
    rollup.add_argument("--period", metavar="PERIOD",
                        help=t("only the plans of this period, e.g. 2027-H1 (default: every "
                               "active plan)"))
    rollup.set_defaults(handler=run_export_rollup)
    for sub in (plan, portfolio, weekly, whole, rollup):
        sub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx",
                         help=t("the workbook to write"))
        sub.add_argument("--lang", choices=LANGUAGES, default=None,
                         help=t("language of sheet names and labels (default: the language "
                                "of the messages: keyplan --lang, else $KEYPLAN_LANG, else "
                                "the locale)"))
    register_calendar(kinds)  # .ics, not a workbook: its own options


def run_export_plan(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        result = book.exports.plan(customer.id, args.output, period=args.period,
                                   lang=args.lang or language())
    print(t("Wrote {path} ({count} sheets: {sheets}) in {seconds} s.", path=result.path,
            count=len(result.sheets), sheets=", ".join(result.sheets),
            seconds=f"{result.seconds:.2f}"))
    return 0


def run_export_portfolio(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        result = book.exports.portfolio(args.output, tiers=[Tier(t) for t in args.tier],
                                        lang=args.lang or language())
    print(t("Wrote {path}: {count} customers in {seconds} s.", path=result.path,
            count=f"{result.rows:,}", seconds=f"{result.seconds:.1f}"))
    return 0


def run_export_weekly(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        result = book.exports.weekly(args.output, today=args.as_of, owner=args.owner,
                                     lang=args.lang or language())
    print(t("Wrote {path} ({count} sheets: {sheets}) in {seconds} s.", path=result.path,
            count=len(result.sheets), sheets=", ".join(result.sheets),
            seconds=f"{result.seconds:.2f}"))
    return 0


def run_export_rollup(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        result = book.rollup.export(args.output, as_of=args.as_of, period=args.period,
                                    lang=args.lang or language())
    print(t("Wrote {path}: {count} lines and the total in {seconds} s.", path=result.path,
            count=result.rows, seconds=f"{result.seconds:.2f}"))
    return 0


# ---- import ------------------------------------------------------------------------------
def _register_import(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help=t("import customers, contacts, transactions and the other records "
                         "from a spreadsheet (.xlsx, .xls, .ods ...) or CSV, or a whole book "
                         "(import book)"),
        description=t("Import rows from a spreadsheet (.xlsx, .xlsm, .xlsb, .xls or .ods) or "
                      "a CSV file (comma, semicolon, tab or | between columns; UTF-8, UTF-16, "
                      "GB18030/GBK, Big5, Shift_JIS, EUC-JP, EUC-KR or Windows-1252, told "
                      "apart from the text; a file whose encoding cannot be told is refused "
                      "with the best guesses). Columns are matched from whole Chinese, "
                      "Japanese and English headers (客户名称, 订单编号, 实付金额, 客戶名稱, 売上, "
                      "Order ID ...); title rows, blank rows and total rows (合计, Total) are "
                      "skipped. Customers match existing ones by code, else (without a code) by "
                      "a name only one customer has, and update them; the rows of one customer "
                      "are taken once. Contacts and transactions name their customer the same "
                      "way. The import is one transaction: by default a single bad row means "
                      "nothing is written (use --skip-invalid to import the valid rows)."),
        epilog=t("Fields: {fields}.", fields="; ".join(
            f"{kind}: {', '.join(fields)}" for kind, fields in IMPORT_FIELDS.items())))
    parser.add_argument("kind", nargs="?", choices=[*IMPORT_FIELDS, "book"],
                        help=t("what the file holds; 'book': a workbook of 'keyplan export "
                               "book', every sheet imported as its kind of record in one "
                               "transaction"))
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help=t("the file: .xlsx, .xlsm, .xlsb, .xls, .ods or .csv"))
    parser.add_argument("--sheet", metavar="NAME",
                        help=t("sheet of a workbook (default: the one whose headers match best)"))
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help=t("feed FIELD from COLUMN (header text, letter or number); "
                               "FIELD 'ignore' drops a column; repeatable, and one column may "
                               "feed several fields (--map ID=code --map ID=name)"))
    parser.add_argument("--where", action="append", default=[], metavar="FILTER",
                        help=t("import only the rows that pass: 'COLUMN=VALUE', "
                               "'COLUMN!=VALUE', 'COLUMN in A,B' or 'COLUMN not in A,B' "
                               "(e.g. --where 订单状态=已完成); repeatable, all must pass"))
    parser.add_argument("--fresh-mapping", action="store_true",
                        help=t("match the columns from the headers, not from the mapping saved "
                               "for files with these headers (an import with --map saves its "
                               "mapping, used again next time)"))
    parser.add_argument("--create-customers", action="store_true",
                        help=t("contacts and transactions: make the customers the file names "
                               "that the book does not have (by code, else by name) instead of "
                               "refusing their rows"))
    parser.add_argument("--date-order", choices=("dmy", "mdy", "ymd"), default=None,
                        help=t("transactions: read dates such as 3/4/2024 day first (dmy) or "
                               "month first (mdy); needed only when no date in the column tells "
                               "(a first part above 12 means day first, a second one month "
                               "first); ymd reads a two-digit year first, as in 24/12/31, and "
                               "refuses dates with the year last"))
    parser.add_argument("--dry-run", action="store_true",
                        help=t("check every row and show what would happen; write nothing"))
    parser.add_argument("--skip-invalid", action="store_true",
                        help=t("import the valid rows and report the bad ones"))
    parser.add_argument("--no-rescore", action="store_true",
                        help=t("do not rescore the book after importing (or undoing)"))
    parser.add_argument("--list", action="store_true", dest="list_batches",
                        help=t("list the imports (batches), newest first, and exit"))
    parser.add_argument("--undo", metavar="BATCH",
                        help=t("undo import BATCH (its number, or 'last'): remove the rows it "
                               "added and put back the fields it changed, keeping records "
                               "changed since; one transaction"))
    parser.set_defaults(handler=run_import_command, import_parser=parser)


def run_import_command(args: argparse.Namespace) -> int:
    if args.list_batches or args.undo:
        return run_import_batches(args)
    if args.kind is None or args.file is None:
        args.import_parser.error(t("give KIND and FILE (or --undo BATCH, or --list)"))
    if args.kind == "book":
        return run_import_book(args)
    overrides: list[tuple[str, str]] = []
    for item in args.map:
        column, sep, field = item.partition("=")
        if not sep or not column.strip():
            raise UserError(t("--map expects COLUMN=FIELD, got {item}", item=repr(item)))
        overrides.append((column.strip(), field.strip()))
    from storage.book import Book
    from ui.cli.progress import ProgressLine

    with Book(args.db) as book:
        if args.dry_run:
            line = ProgressLine(t("Checking"))
            try:
                preview = book.imports.preview(args.file, args.kind, sheet=args.sheet,
                                               overrides=overrides,
                                               create_customers=args.create_customers,
                                               where=args.where,
                                               saved_mapping=not args.fresh_mapping,
                                               date_order=args.date_order, progress=line)
            finally:
                line.close()
            _print_preview(preview)
            _hint_create_customers(preview, args)
            print(t("Dry run: nothing was written."))
            return 0 if preview.bad_rows == 0 else 1
        # One pass: rows are checked and written in one transaction, which is rolled back
        # if a row is bad and --skip-invalid was not given; the rescore runs inside it.
        line = ProgressLine(t("Importing"))
        try:
            imported = book.imports.run(args.file, args.kind, sheet=args.sheet,
                                        overrides=overrides, skip_invalid=args.skip_invalid,
                                        create_customers=args.create_customers,
                                        where=args.where, saved_mapping=not args.fresh_mapping,
                                        date_order=args.date_order,
                                        rescore=not args.no_rescore, progress=line)
        finally:
            line.close()
        result = imported.result
        _print_preview(result.preview)
        _hint_create_customers(result.preview, args)
        if not result.written:
            print(t_n("Nothing was imported: {count} bad rows. Fix them, or run again with "
                      "--skip-invalid to import the valid rows.",
                      "Nothing was imported: 1 bad row. Fix it, or run again with "
                      "--skip-invalid to import the valid rows.", result.rejected,
                      count=f"{result.rejected:,}"))
            return 1
        print(t_n("Imported {created} new and {updated} updated {kind} ({rejected} bad rows "
                  "left out) in {seconds} s.", "Imported {created} new and {updated} updated "
                  "{kind} (1 bad row left out) in {seconds} s.", result.rejected,
                  created=f"{result.created:,}",
                updated=f"{result.updated:,}", kind=_kind_word(args.kind),
                rejected=f"{result.rejected:,}", seconds=f"{result.seconds:.1f}"))
        if result.customers_created:
            print(t_n("Made {count} new customers the file named.",
                      "Made 1 new customer the file named.", result.customers_created,
                      count=f"{result.customers_created:,}"))
        if result.batch is not None:
            print(t("Import batch {batch}: undo it with 'keyplan import --undo {batch}'.",
                    batch=result.batch))
        if imported.rescore_seconds is not None:
            print(t("Rescored the book in {seconds} s.",
                    seconds=f"{imported.rescore_seconds:.1f}"))
        if imported.latest_sale is not None and imported.stale_on(date.today()):
            print(t("Note: the newest sale in the book is from {day}, more than six months "
                    "ago: scored as of today, every customer counts as lapsed. To see this "
                    "data as of its own time: keyplan score --as-of {day}",
                    day=imported.latest_sale.isoformat()))
    return 0


def run_import_batches(args: argparse.Namespace) -> int:
    """``import --list`` and ``import --undo BATCH|last``."""
    from storage.book import Book

    with Book(args.db) as book:
        if args.list_batches:
            batches = book.imports.batches()
            if not batches:
                print(t("No imports yet."))
            for b in batches:
                undone = "  " + t("undone {at}", at=b.undone_at[:16]) if b.undone_at else ""
                print(f"{b.id:>5}  {b.at[:16]}  {_kind_word(b.kind):<12} {b.source}: " + t(
                    "{added} added, {updated} updated", added=f"{b.rows_added:,}",
                    updated=f"{b.rows_updated:,}") + undone)
            return 0
        batch = book.imports.last() if args.undo == "last" else None
        if args.undo != "last":
            if not args.undo.isdigit():
                raise UserError(t("--undo expects a batch number or 'last', got {text}",
                                  text=repr(args.undo)))
            batch = book.imports.batch(int(args.undo))
        if batch is None:
            raise UserError(t("no import to undo") if args.undo == "last"
                            else t("no import batch {batch} (see 'keyplan import --list')",
                                   batch=args.undo))
        # The undo and the rescore after it in one transaction: both or neither.
        taken = book.imports.undo(batch.id, rescore=not args.no_rescore)
        done = taken.undone
        print(t("Undid import {batch} ({kind} from {source}, {at}): rows removed: {removed}; "
                "records put back: {reverted}.", batch=batch.id, kind=_kind_word(batch.kind),
                source=batch.source, at=batch.at[:16], removed=f"{done.removed:,}",
                reverted=f"{done.reverted:,}"))
        if done.kept:
            print(t_n("Kept {count} records changed since the import or still in use:",
                      "Kept 1 record changed since the import or still in use:",
                      len(done.kept), count=f"{len(done.kept):,}"))
            for table, rows in _kept_by_table(book, done.kept).items():
                for caption, reason in rows[:MAX_LISTED_ISSUES]:
                    print(f"  {table:<13} {caption}  ({reason})")
        if taken.rescore_seconds is not None:
            print(t("Rescored the book in {seconds} s.",
                    seconds=f"{taken.rescore_seconds:.1f}"))
    return 0


def _kept_by_table(book: Book, kept: list[KeptRecord]) -> dict[str, list[tuple[str, str]]]:
    reasons = {"changed": t("changed since the import"),
               "used": t("still used by later records")}
    by_table: dict[str, list[tuple[str, str]]] = {}
    for record in kept:
        caption = book.customers.captions(record.table, [record.record_id]).get(
            record.record_id)
        by_table.setdefault(record.table, []).append(
            (caption or record.record_id, reasons.get(record.reason, record.reason)))
    return by_table


def _print_preview(preview: ImportPreview) -> None:
    source, mapping = preview.source, preview.mapping
    where = t("sheet '{sheet}'", sheet=source.sheet) if source.sheet else t(
        "encoding {encoding}, delimiter {delimiter}", encoding=source.encoding,
        delimiter=repr(source.delimiter))
    print(t("{path} ({format}, {where}), header on row {row}", path=source.path,
            format=source.format, where=where, row=source.header_row))
    if mapping.saved_at:
        print(t("Columns as mapped for files with these headers on {date} (--fresh-mapping "
                "to match them from the headers):", date=mapping.saved_at[:10]))
    for field, header in mapping.mapped.items():
        print(f"  {field:<20} <- {header}")
    if mapping.ignored:
        print("  " + t("ignored columns: {columns}", columns=", ".join(mapping.ignored)))
    print(t_n("{rows} rows: {valid} valid, {bad} bad; blank or total rows skipped: {skipped}.",
              "1 row: {valid} valid, {bad} bad; blank or total rows skipped: {skipped}.",
              preview.rows, rows=f"{preview.rows:,}", valid=f"{preview.valid:,}",
              bad=f"{preview.bad_rows:,}", skipped=f"{preview.skipped:,}"))
    if preview.filtered:
        print(t_n("{count} rows left out by --where.", "1 row left out by --where.",
                  preview.filtered, count=f"{preview.filtered:,}"))
    if preview.duplicates:
        rows = ", ".join(str(n) for n in preview.duplicate_rows)
        more = ", ..." if preview.duplicates > len(preview.duplicate_rows) else ""
        print(t_n("{count} rows are already in the book (same customer, date, amount and "
                  "profit to the cent, order or reference, and product) and are not imported "
                  "again: rows {rows}.", "1 row is already in the book (same customer, date, "
                  "amount and profit to the cent, order or reference, and product) and is not "
                  "imported again: row {rows}.", preview.duplicates,
                  count=f"{preview.duplicates:,}", rows=rows + more))
    if preview.kind == "customers":
        print(t_n("{creates} customers to create, {updates} to update.",
                  "1 customer to create, {updates} to update.", preview.creates,
                  creates=f"{preview.creates:,}", updates=f"{preview.updates:,}"))
    if preview.kind == "transactions" and preview.creates:
        print(t("New lines: {lines}; orders: {orders}, returns: {returns}, zero-value lines "
                "(no orders): {zero}.", lines=f"{preview.creates:,}",
                orders=f"{preview.orders:,}", returns=f"{preview.returns:,}",
                zero=f"{preview.zero_lines:,}"))
    if preview.customers_created:
        names = ", ".join(m.code or m.name for m in preview.new_customers[:5])
        more = ", ..." if preview.customers_created > 5 else ""
        print(t_n("{count} new customers named by the file will be made: {names}.",
                  "1 new customer named by the file will be made: {names}.",
                  preview.customers_created, count=f"{preview.customers_created:,}",
                  names=names + more))
    for warning in preview.warnings[:MAX_LISTED_ISSUES]:
        value = f" [{warning.value}]" if warning.value else ""
        print("  " + t("note: {note}", note=_issue_text(warning)) + value)
    if len(preview.warnings) > MAX_LISTED_ISSUES:
        print("  " + t("... and {count} more notes.",
                       count=f"{len(preview.warnings) - MAX_LISTED_ISSUES:,}"))
    for issue in preview.issues[:MAX_LISTED_ISSUES]:
        value = f" [{issue.value}]" if issue.value else ""
        print(f"  {_issue_text(issue)}{value}")
    hidden = max(0, len(preview.issues) - MAX_LISTED_ISSUES)
    if hidden or preview.issues_truncated:
        print("  " + t("... and more problems ({count} bad rows in all).",
                       count=f"{preview.bad_rows:,}"))


_issue_text = issue_text


def _hint_create_customers(preview: ImportPreview, args: argparse.Namespace) -> None:
    """Rows of a contacts or sales file refused for a customer the book lacks: say how to
    make those customers instead (the import's own option, easy to miss)."""
    if preview.kind in ("contacts", "transactions") and not args.create_customers \
            and preview.unknown_customers:
        print(t("To make the customers this file names that the book does not have, run it "
                "again with --create-customers."))


def _kind_word(kind: str) -> str:
    """customers, contacts, transactions ... in the chosen language."""
    return {"customers": t("customers"), "contacts": t("contacts"),
            "transactions": t("transactions"), "interactions": t("interactions"),
            "needs": t("needs"), "assessments": t("assessments"), "plans": t("account plans"),
            "plan_objectives": t("plan objectives"), "plan_support": t("support measures"),
            "plan_actions": t("plan actions"), "plan_reviews": t("plan reviews"),
            }.get(str(kind), str(kind))


# ---- plans -------------------------------------------------------------------------------
def _register_plan(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = subparsers.add_parser("plan", help=t("account plans: new, list, due actions, progress"),
                                 description=t("Work with account plans (客户经营计划)."))
    commands = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    new = commands.add_parser(
        "new", help=t("create a draft plan for a period"),
        description=t("Create a draft plan. With --from-previous, carry over from the latest "
                      "earlier plan what is still open: open actions, unmet objectives, still-open "
                      "needs and open complaints, and the support measures."))
    new.add_argument("customer", metavar="CUSTOMER", help=t("customer id, code or exact name"))
    new.add_argument("--period", required=True, metavar="PERIOD",
                     help=t("2027, 2027-H1, 2027-Q3 or 2027-05"))
    new.add_argument("--from-previous", action="store_true",
                     help=t("carry over what is still open from the previous plan"))
    new.add_argument("--template", metavar="NAME|auto",
                     help=t("start from this playbook ('keyplan playbook list'); auto: the one "
                            "that fits the customer's tier and relationship level"))
    new.set_defaults(handler=run_plan_new)
    listing = commands.add_parser("list", help=t("plans, those with overdue actions first"))
    listing.add_argument("--status", action="append", choices=PlanStatus.codes(), default=[],
                         help=t("only this status (repeatable)"))
    listing.add_argument("--owner", metavar="NAME", help=t("only this plan owner"))
    listing.set_defaults(handler=run_plan_list)
    due = commands.add_parser("due", help=t("open plan actions due soon or overdue"))
    due.add_argument("--days", type=int, default=7, metavar="N",
                     help=t("due within N days from today (default 7)"))
    due.add_argument("--owner", metavar="NAME", help=t("only actions of this owner"))
    due.set_defaults(handler=run_plan_due)
    progress = commands.add_parser("progress", help=t("a plan's objectives against actuals"))
    progress.add_argument("customer", metavar="CUSTOMER",
                          help=t("customer id, code or exact name"))
    progress.add_argument("--period", metavar="PERIOD", help=t("default: the latest plan"))
    progress.set_defaults(handler=run_plan_progress)


def run_plan_new(args: argparse.Namespace) -> int:
    from storage.book import Book

    if args.template and args.from_previous:
        raise UserError(t("--template and --from-previous do not go together: a plan carried "
                          "over starts from the previous plan."))
    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        playbook = None
        if args.template and args.template.strip().casefold() == "auto":
            playbook = book.playbooks.propose(customer.id, language())
            if playbook is None:
                print(t("No playbook fits {customer}: the plan starts empty.",
                        customer=customer.name))
        elif args.template:
            playbook = book.playbooks.find(args.template, language())
        plan = book.plans.create(customer.id, args.period, carry_over=args.from_previous,
                                 playbook=playbook, lang=language(),
                                 me=book.team.me() or "").record
    if playbook is not None:
        print(t("Playbook: {name}", name=playbook.name))
    print(t("Created draft plan {period} for {customer} (id {id}): {objectives} objectives, "
            "{actions} actions, {measures} support measures, {needs} needs.",
            period=plan.period, customer=customer.name, id=plan.id,
            objectives=len(plan.objectives), actions=len(plan.actions),
            measures=len(plan.support_measures), needs=len(plan.need_ids)))
    return 0


def run_plan_list(args: argparse.Namespace) -> int:
    from storage.book import Book

    with Book(args.db) as book:
        plans = book.plans.list(frozenset(PlanStatus(s) for s in args.status) or None,
                                owner=args.owner)
    if not plans:
        print(t("No plans."))
    for p in plans:
        overdue = "  " + t("{count} OVERDUE", count=p.actions_overdue) \
            if p.actions_overdue else ""
        status = pad(word(p.status), 7)
        who = f"{p.customer_name} ({p.customer_code})"
        if p.next_due:
            print(t("{period} {status} {customer}: {count} open actions, next due {date}",
                    period=f"{p.period:<8}", status=status, customer=who,
                    count=p.actions_open, date=p.next_due) + overdue)
        else:
            print(t("{period} {status} {customer}: {count} open actions",
                    period=f"{p.period:<8}", status=status, customer=who,
                    count=p.actions_open) + overdue)
    return 0


def run_plan_due(args: argparse.Namespace) -> int:
    from storage.book import Book

    today = date.today()
    with Book(args.db) as book:
        actions = book.plans.due(today + timedelta(days=args.days), today=today,
                                 owner=args.owner)
    if not actions:
        print(t("No plan actions due."))
    for a in actions:
        flag = t("OVERDUE") + " " if a.overdue else ""
        print(f"{a.due_date} {flag}{a.customer_name} [{a.period}] {a.what}"
              + (f" ({a.owner})" if a.owner else ""))
    return 0


def run_plan_progress(args: argparse.Namespace) -> int:
    from storage.book import Book

    labels = Labels(language())
    with Book(args.db) as book:
        customer = book.customers.resolve(args.customer)
        plan = book.plans.of_customer(customer.id, args.period)
        if plan is None:
            raise UserError(t("{customer} has no plan for {period}", customer=customer.name,
                              period=args.period) if args.period
                            else t("{customer} has no plan", customer=customer.name))
        progress = book.plans.progress(plan)
    print(t("{customer} {period} ({start} to {end}), {elapsed} of the period gone; revenue "
            "{revenue}", customer=customer.name, period=plan.period, start=progress.start,
            end=progress.end, elapsed=f"{progress.time_elapsed:.0%}",
            revenue=f"{progress.figures.revenue:,.2f}"))
    width = 16 if language() == "en" else 12
    for o in progress.objectives:
        share = t("n/a") if o.progress is None else f"{o.progress:.0%}"
        actual = t("n/a") if o.actual is None else f"{o.actual:,.2f}"
        print(f"  {pad(labels.enum(o.kind), width)} {pad(share, 6, True)}  "
              + t("actual {actual}", actual=actual) + f"  {o.description}")
    print("  " + t("actions: {open} open ({overdue} overdue), {done} done",
                   open=progress.actions_open, overdue=progress.actions_overdue,
                   done=progress.actions_done))
    return 0
