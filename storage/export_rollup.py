"""The manager's roll-up as a sheet ("By salesperson" / "按销售人员"): one line per owner and the
total, in the portfolio workbook or a workbook of its own (``keyplan export rollup``)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from models.enums import Tier
from models.rollup import OwnerRollup, Rollup
from storage import rollup_queries
from storage.base import DatabaseBase
from storage.export_files import ExportResult, atomic_write
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_style import DATETIME, INTEGER, MONEY0, PERCENT, SheetWriter

HEADER_HEIGHT = 44
#: Number formats of the columns after the owner's name.
FORMATS: tuple[str | None, ...] = (
    None, *([INTEGER] * len(Tier)), INTEGER, MONEY0, MONEY0, PERCENT, PERCENT, INTEGER,
    INTEGER, INTEGER, PERCENT, PERCENT, INTEGER, INTEGER, INTEGER, INTEGER, DATETIME)


def export_rollup(db: DatabaseBase, path: str | Path, *, as_of: date | None = None,
                  period: str | None = None, lang: str | None = None) -> ExportResult:
    """Write a workbook holding the roll-up sheet alone."""
    started = time.perf_counter()
    with db.read_snapshot():
        figures = rollup_queries.rollup(db, as_of or date.today(), period)
    workbook = Workbook()
    rollup_sheet(workbook.active, Labels(lang), figures)
    target = atomic_write(path, lambda temporary: workbook.save(temporary))
    return ExportResult(path=target, sheets=workbook.sheetnames, rows=len(figures.rows),
                        seconds=time.perf_counter() - started)


def headers(labels: Labels) -> list[str]:
    return [labels("rollup.owner"), *(labels.enum(t) for t in Tier),
            labels("rollup.customers"), labels("rollup.revenue"),
            labels("rollup.revenue_before"), labels("rollup.change"), labels("rollup.share"),
            labels("rollup.active_plans"), labels("rollup.objectives_met"),
            labels("rollup.objectives"), labels("rollup.plan_revenue"),
            labels("rollup.actions_done"), labels("rollup.overdue_actions"),
            labels("rollup.overdue_follow_ups"), labels("rollup.open_complaints"),
            labels("rollup.slipping"), labels("rollup.last_activity")]


def values(row: OwnerRollup, labels: Labels) -> list[Any]:
    """One line of the sheet (the owner's name as text: never a formula)."""
    name = labels("total") if row.is_total else (row.owner or labels("rollup.no_owner"))
    return [name, *(row.tier_count(t) for t in Tier), row.customer_count, row.revenue,
            row.revenue_before, row.change, row.share, row.active_plans, row.objectives_met,
            row.objectives, row.plan_revenue_progress, row.actions_progress,
            row.overdue_actions, row.overdue_follow_ups, row.open_complaints, row.slipping,
            row.last_activity]


def rollup_sheet(ws: Any, labels: Labels, figures: Rollup) -> None:
    """Fill ``ws`` with the roll-up: title, a note on what the figures mean, a header row
    frozen above the owners' lines, and the total."""
    ws.title = sheet_name(labels("sheet.rollup"))
    columns = headers(labels)
    writer = SheetWriter(ws, len(columns))
    day = figures.as_of.isoformat()
    writer.title(labels("title.rollup", date=day), labels("note.exported",
                                                          date=date.today().isoformat()))
    period = labels("note.rollup_period", period=figures.period) if figures.period else ""
    writer.note(labels("note.rollup", date=day, period=period))
    if figures.compared_with:
        writer.note(labels("note.rollup_slipping", period=figures.compared_with))
    writer.header(columns)
    # Three lines of header ("Revenue, 12 months before" in a column of figures).
    ws.row_dimensions[writer.header_row].height = HEADER_HEIGHT
    writer.rows((values(r, labels) for r in figures.rows), formats=FORMATS)
    writer.total(values(figures.total, labels), formats=FORMATS)
    writer.finish(fixed={1: max(14, writer.widths.get(1, 0))})
