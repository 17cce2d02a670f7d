"""The portfolio workbook's "Whitespace" and "Profit after support" sheets.

A customers × lines matrix of a 100,000-customer book would be two million cells nobody can
read (and seconds of the export's budget), so the Whitespace sheet shows what a manager acts
on: per peer group (tier × kind) and line, how many customers buy it, their median revenue,
how many do not and what that leaves on the table (a colour scale on the share), then each
customer's best suggestion, the best :data:`TOP` of the book. The customer's whole grid is in
its plan workbook. The Profit after support sheet sums the tiers and lists every customer
whose plans grant support in the 12 months, flagged ones first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from copy import copy
from datetime import date
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font

from models.enums import CustomerKind, Tier
from storage import support_cost_queries, whitespace_queries
from storage.base import DatabaseBase
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_style import FONT_NAME, INTEGER, MONEY, PERCENT, SheetWriter, set_value

#: Customers listed with their best suggestion.
TOP = 1_000
ALERT = Font(name=FONT_NAME, size=10, bold=True, color="C00000")
#: The Profit after support list's flag column and its width (before the two units of margin).
FLAG_COLUMN, FLAG_WIDTH = 10, 20


def add_whitespace_sheets(workbook: Any, db: DatabaseBase, labels: Labels, today: date,
                          tiers: Sequence[Tier] = ()) -> None:
    """Append both sheets (only the customers of ``tiers`` when given)."""
    keep = {Tier(t).value for t in tiers}
    whitespace_sheet(workbook.create_sheet(), db, labels, today, keep)
    profit_sheet(workbook.create_sheet(), db, labels, keep)


def _tier_words(labels: Labels, tier: str | None) -> str:
    return labels.enum(Tier(tier)) if tier else labels("ws.unscored")


def whitespace_sheet(ws: Any, db: DatabaseBase, labels: Labels, today: date,
                     keep: set[str]) -> None:
    found = whitespace_queries.portfolio(db, today, top=TOP * 4 if keep else TOP)
    ws.title = sheet_name(labels("sheet.whitespace"))
    writer = SheetWriter(ws, 9)
    writer.title(labels("title.whitespace_portfolio"),
                 labels("note.whitespace_portfolio", date=today.isoformat()))
    writer.section(labels("ws.groups"))
    writer.header([labels("ws.tier"), labels("ws.kind"), labels("ws.line"),
                   labels("ws.customers"), labels("ws.buyers"), labels("ws.share"),
                   labels("ws.median"), labels("ws.open"), labels("ws.potential")])
    first = writer.row
    writer.rows(([_tier_words(labels, tier), labels.enum(CustomerKind(kind)) if kind else "",
                  stats.line, stats.peers, stats.buyers,
                  stats.penetration if stats.peers else None,
                  stats.median_revenue if stats.buyers else None, open_,
                  open_ * stats.median_revenue if stats.buyers else None]
                 for tier, kind, stats, open_ in found.groups
                 if not keep or tier in keep),
                formats=(None, None, None, INTEGER, INTEGER, PERCENT, MONEY, INTEGER, MONEY))
    last = writer.row - 1
    if last >= first:
        ws.conditional_formatting.add(f"F{first}:F{last}", ColorScaleRule(  # type: ignore[no-untyped-call]
            start_type="num", start_value=0, start_color="F8F8F8",
            end_type="num", end_value=1, end_color="63BE7B"))
    top = [o for o in found.top if not keep or o.tier in keep][:TOP]
    found_names = _names(db, [o.customer_id for o in top])
    names = {cid: (code, name) for cid, (code, name, _) in found_names.items()}
    owners = {cid: owner for cid, (_, _, owner) in found_names.items()}
    writer.section(labels("ws.top", count=f"{len(top):,}"))
    writer.header([labels("field.code"), labels("field.name"), labels("ws.tier"),
                   labels("field.owner"), labels("ws.line"), labels("ws.share"),
                   labels("ws.median"), labels("ws.score"), labels("ws.lift")])
    fast_rows(writer, [[*names.get(o.customer_id, ("", "")), _tier_words(labels, o.tier),
                        owners.get(o.customer_id, ""), o.suggestion.line,
                        o.suggestion.penetration, o.suggestion.median_revenue,
                        o.suggestion.score, o.suggestion.lift] for o in top],
              formats=(None, None, None, None, None, PERCENT, MONEY, MONEY, "0.0"))
    writer.finish(freeze=False, fixed={2: 30})  # two tables: no rows repeated per page


def fast_rows(writer: SheetWriter, rows: list[list[Any]], formats: Sequence[str | None],
              measured: int = 200) -> None:
    """:meth:`SheetWriter.rows` for many rows: the first row is styled cell by cell, the
    others take its cells' styles as they are (openpyxl hashes every style it is given:
    five seconds for a thousand rows on a loaded machine, a tenth of that copied); widths
    are measured on the first ``measured`` rows."""
    if not rows:
        return
    first = writer.row
    writer.rows(rows[:measured], formats=formats)
    templates = [writer.ws.cell(row=first, column=c) for c in range(1, len(rows[0]) + 1)]
    for values in rows[measured:]:
        for column, (template, value) in enumerate(zip(templates, values, strict=True), 1):
            cell = writer.ws.cell(row=writer.row, column=column)
            assert isinstance(cell, Cell) and isinstance(template, Cell)  # nothing merged
            cell._style = copy(template._style)  # type: ignore[attr-defined]
            set_value(cell, value)  # after the style: a formula-like text sets its own
        writer.row += 1


def _names(db: DatabaseBase, ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """id -> (code, name, owner) of the listed customers, in one read."""
    if not ids:
        return {}
    rows = db.conn.execute("SELECT id, code, name, owner FROM customers "
                           "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])
    return {cid: (code or "", name, owner or "") for cid, code, name, owner in rows}


def profit_sheet(ws: Any, db: DatabaseBase, labels: Labels, keep: set[str]) -> None:
    as_of = support_cost_queries.scored_as_of(db) or date.today()
    supported = [c for c in support_cost_queries.supported(db, as_of)
                 if not keep or c.tier in keep]
    tiers = [t for t in support_cost_queries.tier_profits(db, as_of, supported)
             if not keep or t.tier in keep]
    ws.title = sheet_name(labels("sheet.profit_support"))
    writer = SheetWriter(ws, 10)
    writer.title(labels("title.profit_support"), labels("note.profit_support",
                                                        date=as_of.isoformat()))
    writer.section(labels("ps.by_tier"))
    writer.header([labels("ws.tier"), labels("ws.customers"), labels("ps.revenue"),
                   labels("ps.profit"), labels("ps.support"), labels("ps.after"),
                   labels("ps.share"), labels("ps.supported"), labels("ps.flagged")])
    formats = (None, INTEGER, MONEY, MONEY, MONEY, MONEY, PERCENT, INTEGER, INTEGER)
    writer.rows(([_tier_words(labels, t.tier), t.customers, t.revenue, t.profit,
                  t.support_cost, t.profit_after_support,
                  t.support_cost / t.profit if t.profit > 0 else None, t.supported, t.flagged]
                 for t in tiers), formats=formats)
    profit = sum(t.profit for t in tiers)
    support = sum(t.support_cost for t in tiers)
    writer.total([labels("total"), sum(t.customers for t in tiers),
                  sum(t.revenue for t in tiers), profit, support, profit - support,
                  support / profit if profit > 0 else None,
                  sum(t.supported for t in tiers), sum(t.flagged for t in tiers)],
                 formats=formats)
    writer.section(labels("ps.customers_supported"))
    if not supported:
        writer.note(labels("ps.none"))
        writer.finish(freeze=False)
        return
    writer.header([labels("field.code"), labels("field.name"), labels("ws.tier"),
                   labels("field.owner"), labels("ps.revenue"), labels("ps.profit"),
                   labels("ps.support"), labels("ps.after"), labels("ps.share"),
                   labels("ps.flagged")])
    first = writer.row
    writer.rows(([c.code, c.name, _tier_words(labels, c.tier), c.owner, c.revenue, c.profit,
                  c.support_cost, c.profit_after_support, c.support_share,
                  labels("ps.flag") if c.flagged else ""] for c in supported),
                formats=(None, None, None, None, MONEY, MONEY, MONEY, MONEY, PERCENT, None),
                wrap=(FLAG_COLUMN,))
    for offset, customer in enumerate(supported):
        if customer.flagged:
            for column in (8, FLAG_COLUMN):
                ws.cell(row=first + offset, column=column).font = ALERT
    # The flag wraps in a column of its own width: in bold, 'Support costs more than its
    # profit' ran a third past a 26-unit column and off the printed page (the print area
    # ends with the table); on two lines it stays inside, and 支持成本超过利润 takes one.
    writer.finish(freeze=False, fixed={2: 30, FLAG_COLUMN: FLAG_WIDTH})  # no title rows
