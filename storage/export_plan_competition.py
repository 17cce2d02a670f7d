"""The plan workbook's "Competition" sheet (the account's wallet and its competitors, the most
threatening first) and "SWOT" sheet (the plan's SWOT as the classic 2×2 grid: strengths and
weaknesses above, opportunities and threats below, each box a list of short lines)."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill

from models.competition import SwotItem, SwotQuadrant, ThreatLevel, by_quadrant
from models.plans import AccountPlan
from storage import competition_store
from storage.base import DatabaseBase
from storage.competition_store import CompetitivePosition
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_style import (
    DATE,
    FONT_NAME,
    MONEY,
    PERCENT,
    SheetWriter,
    print_setup,
    put,
    wrapped_lines,
)

#: Fill of the threat cell: high red, medium amber, low green.
THREAT_FILL = {ThreatLevel.HIGH: "F8CBAD", ThreatLevel.MEDIUM: "FFE699",
               ThreatLevel.LOW: "E2EFDA"}
#: Header fill of each SWOT box (the usual colours: green, red, blue, amber).
QUADRANT_FILL = {SwotQuadrant.STRENGTHS: "C6E0B4", SwotQuadrant.WEAKNESSES: "F8CBAD",
                 SwotQuadrant.OPPORTUNITIES: "BDD7EE", SwotQuadrant.THREATS: "FFE699"}
#: Width of each of the grid's two columns (characters).
BOX_WIDTH = 58


def add_competition_sheets(workbook: Any, db: DatabaseBase, customer_id: str,
                           plan: AccountPlan | None, labels: Labels) -> None:
    """Append the two sheets to the plan ``workbook`` (after the sheets it has)."""
    name = db.conn.execute("SELECT name FROM customers WHERE id = ?",
                           [customer_id]).fetchone()[0]
    position = competition_store.position(db, customer_id)
    competition_sheet(workbook.create_sheet(), position, name, labels)
    items = competition_store.swot_of(db, plan.id) if plan is not None else []
    needs = {row[0]: row[1] for row in db.conn.execute(
        "SELECT id, description FROM needs WHERE customer_id = ?", [customer_id])}
    competitors = {row[0]: row[1] for row in db.conn.execute(
        "SELECT id, name FROM competitors WHERE customer_id = ?", [customer_id])}
    swot_sheet(workbook.create_sheet(), plan, items, name, labels, competitors, needs)


def competition_sheet(ws: Any, position: CompetitivePosition, name: str,
                      labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.competition"))
    writer = SheetWriter(ws, 8)
    writer.title(labels("title.competition", name=name), labels("note.competition"))
    writer.section(labels("comp.wallet"))
    wallet = position.wallet
    if wallet.known:
        writer.pairs([
            (labels("comp.theirs"), wallet.competitors_percent / 100, PERCENT),
            (labels("comp.ours"), (wallet.our_percent or 0.0) / 100, PERCENT),
            (labels("comp.our_revenue"), wallet.our_revenue, MONEY),
            (labels("comp.total_spend"), wallet.total_spend, MONEY),
        ])
    else:
        writer.pairs([(labels("comp.ours"), labels("comp.unknown"), None),
                      (labels("comp.our_revenue"), wallet.our_revenue, MONEY)])
    writer.section(labels("comp.list"))
    if not position.competitors:
        writer.note(labels("comp.none"))
        writer.finish(freeze=False, fixed={1: _first_width(writer)})
        return
    writer.header([labels("comp.name"), labels("comp.threat"), labels("comp.share"),
                   labels("comp.products"), labels("comp.strengths"),
                   labels("comp.weaknesses"), labels("comp.notes"), labels("comp.reviewed")])
    first = writer.row
    writer.rows(([c.name, labels.enum(c.threat),
                  c.share_percent / 100 if c.share_percent is not None else None,
                  c.products, c.strengths, c.weaknesses, c.notes, c.reviewed_on]
                 for c in position.competitors),
                formats=(None, None, PERCENT, None, None, None, None, DATE),
                wrap=(4, 5, 6, 7))
    for offset, competitor in enumerate(position.competitors):
        ws.cell(row=first + offset, column=2).fill = PatternFill(
            "solid", fgColor=THREAT_FILL[competitor.threat])
    writer.finish(freeze=False, fixed={1: _first_width(writer), 4: 22, 5: 28, 6: 28, 7: 28})


def _first_width(writer: SheetWriter) -> int:
    """The first column: at least 26 units, and as wide as its longest text (the wallet's
    labels are bold: 'Customer's yearly spend (estimated)' was cut in 26 units)."""
    return max(26, writer.widths.get(1, 0) + 1)


def item_text(item: SwotItem, labels: Labels, competitors: dict[str, str],
              needs: dict[str, str]) -> str:
    """"• 对手降价（竞争对手：永辉）": the line and what it is about, if anything and if the
    line does not say it already ('永辉以低价争夺份额' needs no '（竞争对手：永辉）')."""
    about = []
    competitor = competitors.get(item.competitor_id or "")
    if competitor and competitor not in item.text:
        about.append(labels("swot.competitor", name=competitor))
    need = needs.get(item.need_id or "")
    if need and need[:60] not in item.text:
        about.append(labels("swot.need", text=need[:60]))
    chinese = labels.lang == "zh_CN"
    if not about:
        return f"• {item.text}"
    joined = ("；" if chinese else "; ").join(about)
    return f"• {item.text}（{joined}）" if chinese else f"• {item.text} ({joined})"


def swot_sheet(ws: Any, plan: AccountPlan | None, items: list[SwotItem], name: str,
               labels: Labels, competitors: dict[str, str], needs: dict[str, str]) -> None:
    ws.title = sheet_name(labels("sheet.swot"))
    writer = SheetWriter(ws, 2)
    writer.title(labels("title.swot", name=name, period=plan.period if plan else ""))
    if plan is None:
        writer.note(labels("swot.no_plan"))
        writer.finish(freeze=False, landscape=False, fixed={1: BOX_WIDTH, 2: BOX_WIDTH})
        return
    boxes = by_quadrant(items)
    header_font = Font(name=FONT_NAME, size=12, bold=True, color="1F1F1F")
    box_align = Alignment(vertical="top", wrap_text=True)
    row = writer.row
    for pair in ((SwotQuadrant.STRENGTHS, SwotQuadrant.WEAKNESSES),
                 (SwotQuadrant.OPPORTUNITIES, SwotQuadrant.THREATS)):
        lines = 1
        for column, quadrant in enumerate(pair, 1):
            put(ws, row, column, labels.enum(quadrant), font=header_font,
                fill=PatternFill("solid", fgColor=QUADRANT_FILL[quadrant]))
            text = "\n".join(item_text(i, labels, competitors, needs)
                             for i in boxes[quadrant]) or labels("swot.empty")
            put(ws, row + 1, column, text, align=box_align)
            lines = max(lines, wrapped_lines(text, BOX_WIDTH - 1))
        ws.row_dimensions[row].height = 22
        ws.row_dimensions[row + 1].height = min(400, 14 * max(lines, 4) + 6)
        row += 2
    for column in (1, 2):
        ws.column_dimensions["AB"[column - 1]].width = BOX_WIDTH + 2
    print_setup(ws, 0, landscape=False)
