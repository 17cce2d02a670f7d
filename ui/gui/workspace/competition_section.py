"""The "Competition" section of the account overview: the share-of-wallet bar (ours, then
each competitor's estimate), our share in a sentence and the competitors, the most
threatening first (models/competition.py)."""

from __future__ import annotations

import sqlite3
from html import escape

from PySide6.QtCore import QCoreApplication

from storage.book import Book
from storage.book.competition import CompetitivePosition
from ui.gui.forms.competition_words import (
    OURS_COLOUR,
    THEIRS_COLOURS,
    THREAT_COLOUR,
    percent_text,
    threat_word,
    wallet_sentence,
)
from ui.gui.forms.period_field import period_label
from ui.gui.workspace.swot_section import swot_brief

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: Competitors listed on the overview; the others are counted.
SHOWN = 5
#: Width of the bar in pixels.
BAR_WIDTH = 420
#: The narrowest part of the bar that still holds its percentage ("10 %" and its padding).
LABEL_WIDTH = 40


def bar_colours(position: CompetitivePosition) -> dict[str, str]:
    """Competitor id -> its colour in the wallet bar (those with an estimated share)."""
    estimated = [c for c in position.competitors if c.share_percent]
    return {c.id: THEIRS_COLOURS[index % len(THEIRS_COLOURS)]
            for index, c in enumerate(estimated)}


def wallet_bar(position: CompetitivePosition) -> str:
    """An HTML bar of the wallet: our share, then each estimated competitor's; empty when no
    share is known."""
    wallet = position.wallet
    if not wallet.known:
        return ""
    parts = [(translate("Competition", "Us"), wallet.our_percent or 0.0, OURS_COLOUR)]
    colours = bar_colours(position)
    for competitor in position.competitors:
        if competitor.id in colours:
            parts.append((competitor.name, competitor.share_percent or 0.0,
                          colours[competitor.id]))
    cells = []
    for name, share, colour in parts:
        if share <= 0:
            continue
        width = max(2, round(BAR_WIDTH * share / 100))
        tip = escape(f"{name} {percent_text(share)}", quote=True)
        text = escape(percent_text(share)) if width >= LABEL_WIDTH else ""
        ink = "#ffffff" if colour == OURS_COLOUR else "#212121"
        cells.append(f"<td width='{width}' title='{tip}' style='background:{colour}; "
                     f"color:{ink}; padding:2px 4px'>{text}</td>")
    return f"<table cellspacing='0' cellpadding='0'><tr>{''.join(cells)}</tr></table>"


def competition_section(book: Book, customer_id: str) -> list[str]:
    """The section's HTML parts (a heading linking to the Competition tab)."""
    try:
        position = book.competition.position(customer_id)
    except sqlite3.ProgrammingError:
        return []  # the page repaints after its book closed
    title = translate("Competition", "Competition")
    out = [f"<h3><a href='tab:competition' style='text-decoration:none'>{escape(title)} ›"
           f"</a></h3>"]
    if not position.competitors:
        out.append("<p style='color:#666666'>" + escape(translate(
            "Competition", "No competitor recorded yet: who else supplies this customer, and "
            "with what share of its spend?")) + "</p>")
        return out + _swot(book, customer_id)
    # The sentence first: the bar then sits below text, not tight under the heading.
    out.append(f"<p>{escape(wallet_sentence(position.wallet))}</p>")
    out.append(wallet_bar(position))
    in_bar = bar_colours(position) if position.wallet.known else {}
    items = []
    for competitor in position.competitors[:SHOWN]:
        colour = THREAT_COLOUR[competitor.threat]
        share = ("" if competitor.share_percent is None
                 else f" · {percent_text(competitor.share_percent)}")
        products = f" · {escape(competitor.products)}" if competitor.products else ""
        key = (f"<span style='color:{in_bar[competitor.id]}'>■</span> "
               if competitor.id in in_bar else "")  # its colour in the bar above
        items.append(f"<li>{key}<b>{escape(competitor.name)}</b> <span style='color:{colour}'>"
                     f"{escape(threat_word(competitor.threat))}</span>{share}{products}</li>")
    out.append("<ul>" + "".join(items) + "</ul>")
    if len(position.competitors) > SHOWN:
        out.append("<p style='color:#666666'>" + escape(translate(
            "Competition", "And {count} more.").format(
            count=len(position.competitors) - SHOWN)) + "</p>")
    return out + _swot(book, customer_id)


def _swot(book: Book, customer_id: str) -> list[str]:
    """The current (latest) plan's SWOT in brief; nothing without a plan."""
    plan = book.plans.of_customer(customer_id)
    if plan is None:
        return []
    items = book.competition.swot(plan.id)
    title = translate("Competition", "SWOT of the plan {period}").format(
        period=period_label(plan.period))
    out = [f"<p><a href='tab:plan' style='text-decoration:none'><b>{escape(title)} ›</b></a>"
           "</p>"]
    if not items:
        out.append("<p style='color:#666666'>" + escape(translate(
            "Competition", "No SWOT yet: SWOT… on the Plan tab.")) + "</p>")
        return out
    return [*out, swot_brief(items)]
