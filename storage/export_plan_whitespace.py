"""The plan workbook's "Whitespace" sheet: the customer's product lines (bought, lapsed, not
bought, with what its peers buy of each), the lines to propose with their scores, and its
profit after the support its plans grant (flagged when the support costs more)."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl.styles import Font, PatternFill

from models.enums import CustomerKind, LineStatus, Tier
from models.support_cost import CustomerProfit
from models.whitespace import BASIS_TIER, BASIS_TIER_KIND, WhitespaceGrid
from storage import support_cost_queries, whitespace_queries
from storage.base import DatabaseBase
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_style import (
    ALERT_FONT,
    DATE,
    FONT_NAME,
    INTEGER,
    MONEY,
    PERCENT,
    SheetWriter,
)

#: Fill of each status cell: bought green, lapsed amber (win it back), never grey.
STATUS_FILL = {LineStatus.BOUGHT: "E2EFDA", LineStatus.LAPSED: "FCE4D6",
               LineStatus.NOT_BOUGHT: "EDEDED"}


def status_word(labels: Labels, status: LineStatus) -> str:
    return labels(f"ws.{status.value}")


def group_words(labels: Labels, basis: str, tier: str | None, kind: str | None) -> str:
    tier_text = labels.enum(Tier(tier)) if tier else labels("ws.unscored")
    if basis == BASIS_TIER_KIND:
        return labels("ws.group_tier_kind", tier=tier_text,
                      kind=labels.enum(CustomerKind(kind)) if kind else "")
    if basis == BASIS_TIER:
        return labels("ws.group_tier", tier=tier_text)
    return labels("ws.group_book")


def add_whitespace_sheet(workbook: Any, db: DatabaseBase, customer_id: str, labels: Labels,
                         today: date) -> None:
    """Append the sheet to the plan ``workbook`` (after the sheets it has)."""
    grid = whitespace_queries.grid(db, customer_id, today)
    as_of = support_cost_queries.scored_as_of(db) or today
    profits = support_cost_queries.customer_profits(db, as_of, customer_id)
    name = db.conn.execute("SELECT name FROM customers WHERE id = ?",
                           [customer_id]).fetchone()[0]
    whitespace_sheet(workbook.create_sheet(), grid, profits[0] if profits else None, name,
                     labels)


def whitespace_sheet(ws: Any, grid: WhitespaceGrid, profit: CustomerProfit | None, name: str,
                     labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.whitespace"))
    writer = SheetWriter(ws, 8)
    writer.title(labels("title.whitespace", name=name), labels(
        "note.whitespace", date=grid.as_of.isoformat(), count=f"{grid.peers:,}",
        group=group_words(labels, grid.basis, grid.tier, grid.kind)))
    writer.section(labels("ws.lines"))
    writer.header([labels("ws.line"), labels("ws.status"), labels("ws.revenue_12m"),
                   labels("ws.revenue_total"), labels("ws.last_bought"), labels("ws.buyers"),
                   labels("ws.share"), labels("ws.median")])
    first = writer.row
    rows = []
    for line in grid.lines:
        stats = grid.stats.get(line.line)
        rows.append([line.line, status_word(labels, line.status), line.revenue_12m or None,
                     line.revenue_total or None, line.last_bought,
                     stats.buyers if stats else 0,
                     stats.penetration if stats and stats.peers else None,
                     stats.median_revenue if stats and stats.buyers else None])
    writer.rows(rows, formats=(None, None, MONEY, MONEY, DATE, INTEGER, PERCENT, MONEY))
    for offset, line in enumerate(grid.lines):
        ws.cell(row=first + offset, column=2).fill = PatternFill(
            "solid", fgColor=STATUS_FILL[line.status])
    writer.section(labels("ws.suggestions"))
    if grid.suggestions:
        writer.header([labels("ws.line"), labels("ws.status"), labels("ws.buyers"),
                       labels("ws.peers"), labels("ws.share"), labels("ws.median"),
                       labels("ws.score"), labels("ws.lift")])
        writer.rows(([s.line, status_word(labels, s.status), s.buyers, s.peers,
                      s.penetration, s.median_revenue, s.score, s.lift]
                     for s in grid.suggestions),
                    formats=(None, None, INTEGER, INTEGER, PERCENT, MONEY, MONEY, "0.0"))
    else:
        writer.note(labels("ws.none"))
    header_row = writer.header_row
    if profit is not None:
        writer.section(labels("title.profit_support"))
        if profit.flagged:
            writer.note(f"⚠ {labels('ps.flag')}", font=ALERT_FONT)
        writer.pairs([
            (labels("ps.revenue"), profit.revenue, MONEY),
            (labels("ps.profit"), profit.profit, MONEY),
            (labels("ps.support"), profit.support_cost, MONEY),
            (labels("ps.after"), profit.profit_after_support, MONEY),
            (labels("ps.share"), profit.support_share, PERCENT),
            (labels("ps.measures"), profit.measures, INTEGER),
            (labels("ps.uncosted"), profit.uncosted, INTEGER),
        ])
        if profit.flagged:
            ws.cell(row=writer.row - 4, column=2).font = Font(name=FONT_NAME, size=10,
                                                               bold=True, color="C00000")
    writer.header_row = header_row
    writer.finish(freeze=False, fixed={1: 20})
