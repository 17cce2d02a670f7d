"""A plan's SWOT as HTML: the 2×2 grid in full (the Plan tab's detail) or in brief (the
overview's Competition section: each box's count and first line)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from models.competition import SwotItem, SwotQuadrant, by_quadrant
from ui.gui.forms.competition_words import QUADRANT_COLOUR, quadrant_word
from ui.gui.forms.swot_links import SwotLinks

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

GREY = "#666666"


def _grid(cells: dict[SwotQuadrant, str]) -> str:
    rows = []
    order = list(SwotQuadrant)
    for top in (0, 2):
        tds = []
        for quadrant in order[top:top + 2]:
            colour = QUADRANT_COLOUR[quadrant]
            tds.append(f"<td width='50%' valign='top' style='border:2px solid {colour}'>"
                       f"<div style='background:{colour}; padding:2px 4px'><b>"
                       f"{escape(quadrant_word(quadrant))}</b></div>{cells[quadrant]}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return ("<table cellspacing='4' cellpadding='2' width='98%'>" + "".join(rows)
            + "</table>")


def swot_grid(items: Sequence[SwotItem], links: SwotLinks) -> str:
    """Every line of every box, with what it is about in grey."""
    boxes = by_quadrant(items)
    cells = {}
    for quadrant, lines in boxes.items():
        if not lines:
            cells[quadrant] = (f"<p style='color:{GREY}'>"
                               + escape(translate("SwotSection", "Nothing yet.")) + "</p>")
            continue
        entries = []
        for item in lines:
            about = links.about(item)
            tail = f" <span style='color:{GREY}'>· {escape(about)}</span>" if about else ""
            entries.append(f"<li>{escape(item.text)}{tail}</li>")
        cells[quadrant] = "<ul style='margin-left:-20px'>" + "".join(entries) + "</ul>"
    return _grid(cells)


def swot_brief(items: Sequence[SwotItem]) -> str:
    """Each box's number of lines and its first line."""
    boxes = by_quadrant(items)
    cells = {}
    for quadrant, lines in boxes.items():
        if not lines:
            cells[quadrant] = f"<span style='color:{GREY}'>—</span>"
            continue
        more = translate("SwotSection", "{count} lines").format(count=len(lines)) \
            if len(lines) > 1 else ""
        first = escape(lines[0].text)
        cells[quadrant] = first + (f" <span style='color:{GREY}'>({escape(more)})</span>"
                                   if more else "")
    return _grid(cells)
