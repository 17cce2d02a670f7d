"""The "Profit after support" section of the account overview: the 12 months' revenue and
profit, what the support granted in the customer's plans costs, the profit left, and a flag
when the support costs more than the customer earns us (models/support_cost.py)."""

from __future__ import annotations

import sqlite3
from html import escape

from PySide6.QtCore import QCoreApplication

from models.support_cost import CustomerProfit
from storage.book import Book
from storage.errors import RecordNotFoundError
from ui.gui.forms.values import money, percent

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

FLAG_COLOUR = "#c62828"


def flag_text() -> str:
    return translate("ProfitSection", "Its support costs more than the profit it brings.")


def profit_lines(figures: CustomerProfit) -> list[str]:
    """The section's sentences, plain text (the overview and the tests read the same)."""
    lines = [translate("ProfitSection", "Last 12 months: revenue {revenue}, profit {profit}.")
             .format(revenue=money(figures.revenue), profit=money(figures.profit))]
    if not figures.measures:
        lines.append(translate("ProfitSection",
                               "No support granted in its plans in these 12 months."))
        return lines
    share = figures.support_share
    # One measure reads '(1 measure, ...)', not '(1 measures, ...)'.
    template = translate(
        "ProfitSection", "Support granted in its plans: {cost} (1 measure{share}); "
        "profit after support: {after}.") if figures.measures == 1 else translate(
        "ProfitSection", "Support granted in its plans: {cost} ({count} measures{share}); "
        "profit after support: {after}.")
    lines.append(template.format(
        cost=money(figures.support_cost), count=figures.measures,
        share=translate("ProfitSection", ", {share} of the profit").format(
            share=percent(share, 0)) if share is not None else "",
        after=money(figures.profit_after_support)))
    if figures.uncosted == 1:
        lines.append(translate(
            "ProfitSection", "One of them states neither a cost nor a rate and is not "
            "counted."))
    elif figures.uncosted:
        lines.append(translate(
            "ProfitSection", "{count} of them state neither a cost nor a rate and are not "
            "counted.").format(count=figures.uncosted))
    return lines


def profit_section(book: Book, customer_id: str) -> list[str]:
    """The section's HTML parts (a heading linking to the Plan tab); nothing when the
    customer is gone."""
    try:
        figures = book.support.of(customer_id)
    except RecordNotFoundError:
        return []
    except sqlite3.ProgrammingError:
        # The overview arrived from its worker after the book was closed (the window or
        # the workspace closing): there is no page left to paint.
        return []
    title = translate("ProfitSection", "Profit after support")
    out = [f"<h3><a href='tab:plan' style='text-decoration:none'>{escape(title)} ›</a></h3>"]
    if figures.flagged:
        out.append(f"<p style='color:{FLAG_COLOUR}'><b>⚠ {escape(flag_text())}</b></p>")
    out += [f"<p>{escape(line)}</p>" for line in profit_lines(figures)]
    return out
