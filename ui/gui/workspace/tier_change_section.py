"""The "Why the tier changed" section of the account overview: each change of the customer's
tier between consecutive snapshot periods, latest first, with the dimensions whose
contribution moved the score most (models/tier_change.py)."""

from __future__ import annotations

import sqlite3
from html import escape

from PySide6.QtCore import QCoreApplication

from models.tier_change import TierChange
from storage.book import Book
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: Changes shown; older ones are counted.
SHOWN = 3
UP = "#2e7d32"
DOWN = "#c62828"


def change_lines(change: TierChange) -> tuple[str, str]:
    """The change's two sentences, plain text (the overview and the tests read the same)."""
    head = translate("TierChangeSection", "{before} → {after} from {start} to {end} (score "
                     "{score_before:.1f} → {score_after:.1f}).").format(
        before=label(change.tier_before), after=label(change.tier_after),
        start=change.from_period, end=change.to_period, score_before=change.score_before,
        score_after=change.score_after)
    separator = translate("TierChangeSection", ", ", "between two dimensions")
    unrated = (translate("TierChangeSection", "{dimension} not rated → {points}",
                         "a dimension without data in the earlier period, rated later"),
               translate("TierChangeSection", "{dimension} {points} → not rated",
                         "a dimension rated in the earlier period, without data later"))
    moved = translate("TierChangeSection", "{dimension} {before}→{after} ({change})",
                      "a dimension's points in the two periods and the signed change")
    drivers = change.words(dimension_label, separator, unrated=unrated, moved=moved)
    if change.revenue_guard:
        why = translate("TierChangeSection", "The score was strategic in both; the revenue "
                        "guard decided: strategic also needs revenue in the book's top share.")
    elif drivers:
        why = translate("TierChangeSection", "Moved most by: {drivers}.").format(
            drivers=drivers)
    else:
        why = translate("TierChangeSection", "No dimension moved: the tier thresholds did.")
    return head, why


def tier_change_section(book: Book, customer_id: str) -> list[str]:
    """The section's HTML parts (a heading linking to the Score tab); nothing when the
    customer's tier never changed between two stored periods."""
    try:
        changes = book.scoring.tier_changes(customer_id)
    except sqlite3.ProgrammingError:
        return []  # the book was closed before the overview arrived from its worker
    if not changes:
        return []
    title = translate("TierChangeSection", "Why the tier changed")
    out = [f"<h3><a href='tab:score' style='text-decoration:none'>{escape(title)} ›</a></h3>"]
    for change in changes[:SHOWN]:
        head, why = change_lines(change)
        colour = UP if change.steps > 0 else DOWN
        out.append(f"<p><span style='color:{colour}'><b>{'▲' if change.steps > 0 else '▼'}"
                   f"</b></span> {escape(head)}<br>{escape(why)}</p>")
    if len(changes) > SHOWN:
        more = translate("TierChangeSection", "And {count} earlier changes.").format(
            count=len(changes) - SHOWN)
        out.append(f"<p style='color:#666666'>{escape(more)}</p>")
    return out
