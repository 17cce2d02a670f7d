"""The ``chart`` command: any dashboard or customer chart as a PNG or SVG file."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from models.validation import tr_noop
from ui.cli.errors import UserError
from ui.cli.text import CONTEXT, t, translate
from ui.cli.text import language as messages_language
from ui.gui.charts.kinds import KINDS

FORMATS = (".png", ".svg")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chart = subparsers.add_parser(
        "chart", help=t("draw a chart to a PNG or SVG file"),
        description=t("Draw one of the dashboard's charts (tiers, pareto, matrix, migration, "
                      "lifecycle, relationship, trend) or, with --customer, a customer's chart "
                      "(radar, trend, history)."))
    chart.add_argument("kind", choices=KINDS, metavar="KIND",
                       help=t("one of: {kinds}", kinds=", ".join(KINDS)))
    chart.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                       help=t("output file, .png or .svg"))
    chart.add_argument("--customer", metavar="C", help=t("customer id, code or exact name"))
    chart.add_argument("--from", dest="from_period", metavar="PERIOD",
                       help=t("migration: first period (default: the one before --to)"))
    chart.add_argument("--to", dest="to_period", metavar="PERIOD",
                       help=t("migration: second period (default: the latest snapshot)"))
    chart.add_argument("--lang", choices=("zh_CN", "en"), default=None,
                       help=t("language of the labels (default: the language of the messages: "
                              "keyplan --lang, else $KEYPLAN_LANG, else the locale)"))
    chart.add_argument("--size", default="1000x600", metavar="WxH",
                       help=t("pixel size of a PNG (default 1000x600)"))
    chart.set_defaults(handler=run_chart)


def run_chart(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(t("{path}: the file name must end in .png or .svg", path=args.output))
    if not args.output.parent.is_dir():
        raise UserError(t("the folder {path} does not exist", path=args.output.parent))
    width, height = _size(args.size)
    started = time.perf_counter()
    from PySide6.QtCore import QCoreApplication

    from storage.book import Book
    from ui.gui.charts.catalog import ChartRequest, ChartRequestError, build_chart
    from ui.gui.charts.style import DPI, use_chinese_units
    from ui.gui.text import i18n

    # The translators need an application. Run in-process (a script calling main(), the
    # tests), the command must neither leave a bare QCoreApplication behind, which a later
    # window cannot replace (Qt aborts the first widget; PySide refuses a QApplication), nor
    # change the language of an application that was already there.
    existing = QCoreApplication.instance()
    app = existing or QCoreApplication([])
    previous = i18n.current_language()
    try:
        language = i18n.install_language(args.lang or messages_language())
        use_chinese_units(language == i18n.CHINESE)
        with Book(args.db) as book:
            customer_id = book.customers.resolve(args.customer).id if args.customer else None
            try:
                chart = build_chart(book, ChartRequest(args.kind, customer_id,
                                                       args.from_period, args.to_period))
            except ChartRequestError as error:
                raise UserError(translate(CONTEXT, error.template, error.params)) from None
        figure = chart.figure
        figure.set_size_inches(width / DPI, height / DPI)
        try:
            figure.savefig(args.output, format=suffix[1:], dpi=DPI)
        except OSError as error:
            raise UserError(t("cannot write {path}: {reason}", path=args.output,
                              reason=error.strerror)) from None
    finally:
        use_chinese_units(previous == i18n.CHINESE)
        if existing is None:
            i18n.install_language(i18n.ENGLISH)  # takes our translators out of the app
            app.shutdown()
        else:
            i18n.install_language(previous)
    seconds = f"{time.perf_counter() - started:.2f}"
    if chart.empty:
        print(t("Wrote {kind} chart to {path} (empty state) in {seconds} s.", kind=args.kind,
                path=args.output, seconds=seconds))
    else:
        print(t("Wrote {kind} chart to {path} in {seconds} s.", kind=args.kind,
                path=args.output, seconds=seconds))
    return 0


#: The chart catalogue's messages (ChartRequestError), here to be collected and translated.
CHART_MESSAGES = (
    tr_noop("the {kind} chart is of the whole book; drop --customer"),
    tr_noop("the {kind} chart needs a customer (--customer)"),
    tr_noop("unknown chart {kind}; choose from {kinds}"),
    tr_noop("no snapshot for period {period} (known: none yet)"),
    tr_noop("no snapshot for period {period} (known: {known})"),
)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UserError(t("--size must look like 1000x600, not {text}",
                          text=repr(text))) from None
    if not (200 <= width <= 8000 and 150 <= height <= 8000):
        raise UserError(t("--size must be between 200x150 and 8000x8000"))
    return width, height
