"""The relationship section of the account overview: the map's flags and the relationship
level's history as a small timeline (each step with its date, reason and who made it)."""

from __future__ import annotations

import sqlite3
from html import escape

from PySide6.QtCore import QCoreApplication

from models.enums import RelationshipLevel
from storage.book import Book
from storage.errors import RecordNotFoundError
from ui.gui.text.i18n import current_language
from ui.gui.text.labels import label
from ui.gui.workspace.relationship_map_words import FLAG_COLOUR, flag_text

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

# A colour per rung of the ladder (article 001), from grey to green.
LEVEL_COLOURS = {
    RelationshipLevel.TRANSACTIONAL: "#eceff1",
    RelationshipLevel.DEPENDENT: "#fff3e0",
    RelationshipLevel.PARTNERSHIP: "#e3f2fd",
    RelationshipLevel.GROWTH_PARTNERSHIP: "#e8f5e9",
}


def relationship_section(book: Book, customer_id: str) -> list[str]:
    """The section's HTML parts (a heading linking to the Contacts tab, the flags, the
    timeline); nothing when the customer is gone."""
    try:
        rmap = book.relationships.map(customer_id)
    except (RecordNotFoundError, sqlite3.ProgrammingError):
        return []  # the customer is gone, or the page repaints after its book closed
    title = translate("RelationshipSection", "Relationship")
    out = [f"<h3><a href='tab:contacts' style='text-decoration:none'>{escape(title)} ›</a></h3>"]
    names = {c.id: c.name for c in rmap.contacts}
    if rmap.flags:
        items = "".join(f"<li>{escape(flag_text(f, names))}</li>" for f in rmap.flags)
        out.append(f"<ul style='color:{FLAG_COLOUR}'>{items}</ul>")
    elif rmap.contacts:
        out.append("<p>" + escape(translate(
            "RelationshipSection", "{count} contacts; the map raises no flag.").format(
            count=len(rmap.contacts))) + "</p>")
    cells, notes = [], []
    chinese = current_language().startswith("zh")
    for span in rmap.levels:
        since = (translate("RelationshipSection", "since {date}").format(
            date=span.start.isoformat()) if span.start else translate(
            "RelationshipSection", "before the history"))
        cells.append(f"<td style='background:{LEVEL_COLOURS[span.level]}; padding:4px 8px'>"
                     f"<b>{escape(label(span.level))}</b><br/>{escape(since)}</td>")
        if span.reason and span.start:
            line = translate("RelationshipSection", "{date} {level}: {reason}").format(
                date=span.start.isoformat(), level=label(span.level), reason=span.reason)
            # '（陈静）' in Chinese, ' (陈静)' in English.
            who = (f"（{span.changed_by}）" if chinese else f" ({span.changed_by})") \
                if span.changed_by else ""
            notes.append(f"<li>{escape(line + who)}</li>")
    arrow = "<td style='padding:4px'>→</td>"
    out.append("<table cellspacing='0'><tr>" + arrow.join(cells) + "</tr></table>")
    if notes:
        out.append("<ul>" + "".join(reversed(notes)) + "</ul>")
    return out
