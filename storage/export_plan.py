"""Export one customer's account plan as a document-like workbook: Overview, Score, Revenue,
Contacts, Interactions, Needs and Plan sheets, with native (editable) charts.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.axis import TextAxis

from models.config import COMPUTED_DIMENSIONS, DIMENSIONS, ScoringConfig
from models.enums import AbcClass, LifecycleStage, Tier
from models.plan_logic import PlanProgress
from models.plans import AccountPlan
from storage.base import DatabaseBase
from storage.customer_queries import CustomerDetail
from storage.export_files import ExportResult, atomic_write
from storage.export_labels import Labels
from storage.export_plan_competition import add_competition_sheets
from storage.export_plan_map import relationship_map_sheet
from storage.export_plan_sheets import (
    contacts_sheet,
    interactions_sheet,
    needs_sheet,
    plan_sheet,
    sheet_name,
)
from storage.export_plan_whitespace import add_whitespace_sheet
from storage.xlsx_style import (
    ACCENT,
    DATE,
    MONEY,
    PERCENT,
    SCORE,
    TOTAL_FONT,
    SheetWriter,
)

if TYPE_CHECKING:
    from storage.database import Database

REVENUE_MONTHS = 36
RECENT_INTERACTIONS = 200


@dataclass
class PlanExportData:
    """Everything the plan workbook shows, read from the book in one go."""

    detail: CustomerDetail
    plan: AccountPlan | None
    progress: PlanProgress | None
    config: ScoringConfig
    dimensions: dict[str, float | None]
    monthly: list[tuple[str, float, float | None, int]] = field(default_factory=list)
    today: date = field(default_factory=date.today)


def export_plan(db: Database, customer_id: str, path: str | Path, *, period: str | None = None,
                lang: str | None = None, today: date | None = None) -> ExportResult:
    """Write the account-plan workbook of one customer (the plan of ``period``, or the latest
    plan; the profile sheets are written even when the customer has no plan yet)."""
    started = time.perf_counter()
    data = gather(db, customer_id, period=period, today=today)
    labels = Labels(lang)
    workbook = build_workbook(data, labels)
    add_whitespace_sheet(workbook, db, customer_id, labels, data.today)
    add_competition_sheets(workbook, db, customer_id, data.plan, labels)
    target = atomic_write(path, lambda temporary: workbook.save(temporary))
    rows = sum(ws.max_row for ws in workbook.worksheets)
    return ExportResult(path=target, sheets=workbook.sheetnames, rows=rows,
                        seconds=time.perf_counter() - started)


def gather(db: Database, customer_id: str, *, period: str | None = None,
           today: date | None = None) -> PlanExportData:
    today = today or date.today()
    detail: CustomerDetail = db.customer_detail(customer_id)
    plan = db.plan_for(customer_id, period)
    if plan is None and period is not None:
        from storage.errors import RecordNotFoundError

        raise RecordNotFoundError(kind="plans", key=f"{detail.customer.name} {period}")
    progress = db.plan_progress(plan, today=today) if plan else None
    return PlanExportData(detail=detail, plan=plan, progress=progress,
                          config=db.scoring_config(),
                          dimensions=dimension_values(detail.metrics.get("dimensions")),
                          monthly=monthly_revenue(db, customer_id), today=today)


def dimension_values(raw: Any) -> dict[str, float | None]:
    """Dimension -> 0–100 value from ``customer_metrics.dimensions`` (a number per dimension,
    or an object holding it under ``value``/``score``)."""
    if isinstance(raw, str):
        raw = json.loads(raw or "{}")
    if isinstance(raw, list):  # the compact form: points in DIMENSIONS order
        raw = dict(zip(DIMENSIONS, raw, strict=False))
    result: dict[str, float | None] = {}
    for name, value in (raw or {}).items():
        if isinstance(value, dict):
            value = next((value[k] for k in ("value", "score", "normalised") if k in value),
                         None)
        result[name] = float(value) if isinstance(value, int | float) else None
    return result


def monthly_revenue(db: DatabaseBase,
                    customer_id: str) -> list[tuple[str, float, float | None, int]]:
    """(month, revenue, profit, invoices) for the last months up to the latest sale; months
    without sales are listed with zero so the chart's time axis is even."""
    rows = db.conn.execute(
        "SELECT substr(date, 1, 7), total(amount), sum(profit), count(*) FROM transactions "
        "WHERE customer_id = ? AND deleted_at IS NULL GROUP BY 1 ORDER BY 1",
        [customer_id]).fetchall()
    if not rows:
        return []
    by_month = {r[0]: (float(r[1]), r[2], int(r[3])) for r in rows}
    last_year, last_month = (int(x) for x in rows[-1][0].split("-"))
    first_index = max(_index(rows[0][0]), last_year * 12 + last_month - REVENUE_MONTHS)
    result = []
    for index in range(first_index, last_year * 12 + last_month):
        month = f"{index // 12}-{index % 12 + 1:02d}"
        revenue, profit, count = by_month.get(month, (0.0, 0.0, 0))
        result.append((month, revenue, profit, count))
    return result


def _index(month: str) -> int:
    year, number = (int(x) for x in month.split("-"))
    return year * 12 + number - 1


def build_workbook(data: PlanExportData, labels: Labels) -> Workbook:
    workbook = Workbook()
    overview_sheet(workbook.active, data, labels)
    score_sheet(workbook.create_sheet(), data, labels)
    revenue_sheet(workbook.create_sheet(), data, labels)
    contacts_sheet(workbook.create_sheet(), data.detail, labels)
    relationship_map_sheet(workbook.create_sheet(), data, labels)
    interactions_sheet(workbook.create_sheet(), data.detail, labels, RECENT_INTERACTIONS)
    needs_sheet(workbook.create_sheet(), data.detail, labels)
    plan_sheet(workbook.create_sheet(), data.detail, data.plan, data.progress, labels,
               data.today)
    return workbook


def overview_sheet(ws: Any, data: PlanExportData, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.overview"))
    customer, metrics = data.detail.customer, data.detail.metrics
    writer = SheetWriter(ws, 4)
    writer.title(labels("title.plan", name=customer.name),
                 labels("note.exported", date=data.today.isoformat()))
    writer.section(labels("section.profile"))
    place = " · ".join(x for x in (customer.region, customer.city) if x)
    writer.pairs([
        (labels("field.code"), customer.code, None),
        (labels("field.name"), customer.name, None),
        (labels("field.kind"), labels.enum(customer.kind), None),
        # The other segments (idea 7), as the portfolio's columns have them.
        (labels("field.price_orientation"), labels.enum(customer.price_orientation), None),
        (labels("field.loyalty_segment"), labels.enum(customer.loyalty_segment), None),
        (labels("field.channel"), labels.enum(customer.channel), None),
        (labels("field.industry"), customer.industry, None),
        (f"{labels('field.region')} / {labels('field.city')}", place, None),
        (labels("field.owner"), customer.owner, None),
        (labels("field.phone"), customer.phone, None),
        (labels("field.relationship_level"), labels.level(customer.relationship_level), None),
    ], span=3)
    writer.section(labels("section.value"))
    tier = Tier(metrics["tier"]) if metrics.get("tier") else None
    tier_text = labels.enum(tier)
    if customer.tier_override:
        tier_text += f" ({labels('field.tier_override', reason=customer.tier_override_reason)})"
    revenue = float(metrics.get("revenue_12m") or 0)
    profit = metrics.get("profit_12m")
    writer.pairs([
        (labels("field.tier"), tier_text, None),
        (labels("field.score"), metrics.get("score"), SCORE),
        (labels("field.abc_class"),
         labels.enum(AbcClass(metrics["abc_class"])) if metrics.get("abc_class") else "", None),
        (labels("field.lifecycle"),
         labels.enum(LifecycleStage(metrics["lifecycle"])) if metrics.get("lifecycle") else "",
         None),
        (labels("field.revenue_12m"), revenue, MONEY),
        (labels("field.profit_12m"), profit, MONEY),
        (labels("field.margin"), (profit / revenue) if profit is not None and revenue else None,
         PERCENT),
        (labels("field.first_purchase"), _day(metrics.get("first_purchase")), DATE),
        (labels("field.last_purchase"), _day(metrics.get("last_purchase")), DATE),
        (labels("field.last_interaction"), (metrics.get("last_interaction_at") or "")[:16],
         None),
        (labels("field.next_follow_up"), _day(metrics.get("next_follow_up")), DATE),
        (labels("field.open_needs"), metrics.get("open_needs", 0), None),
        (labels("field.contacts"), len(data.detail.contacts), None),
    ], span=3)
    writer.finish(freeze=False, landscape=False, fixed={1: 26, 2: 22, 3: 22, 4: 22})


def score_sheet(ws: Any, data: PlanExportData, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.score"))
    customer, metrics = data.detail.customer, data.detail.metrics
    writer = SheetWriter(ws, 5)
    config = data.config
    writer.title(labels("title.score", name=customer.name),
                 labels("note.thresholds", s=f"{config.threshold_strategic:g}",
                        k=f"{config.threshold_key:g}", n=f"{config.threshold_standard:g}"))
    if not data.dimensions:
        writer.note(labels("note.not_scored"), font=TOTAL_FONT)
    writer.header([labels("score.dimension"), labels("score.source"), labels("score.weight"),
                   labels("score.value"), labels("score.points")])
    first = writer.row
    rows = []
    for name in DIMENSIONS:
        weight = float(config.weights.get(name, 0.0))
        value = data.dimensions.get(name)
        if weight == 0 and value is None:
            continue
        source = labels("score.computed" if name in COMPUTED_DIMENSIONS else "score.rated")
        points = value * weight / 100 if value is not None else None
        rows.append((labels.dimension(name), source, weight / 100, value, points))
    writer.rows(rows, formats=(None, None, PERCENT, SCORE, SCORE))
    last = writer.row - 1
    writer.total([labels("total"), "", sum(r[2] for r in rows), None, metrics.get("score")],
                 formats=(None, None, PERCENT, SCORE, SCORE))
    writer.finish()
    if data.dimensions and rows:
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = labels("score.value")
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # first dimension on top, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.y_axis.number_format = "0"
        chart.add_data(Reference(ws, min_col=4, min_row=first - 1, max_row=last),
                       titles_from_data=True)
        chart.series[0].graphicalProperties.solidFill = ACCENT
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.height = max(7.5, 0.6 * len(rows) + 2)
        chart.width = 16
        ws.add_chart(chart, f"G{first - 1}")


def revenue_sheet(ws: Any, data: PlanExportData, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.revenue"))
    writer = SheetWriter(ws, 5)
    writer.title(labels("title.revenue", name=data.detail.customer.name),
                 labels("note.exported", date=data.today.isoformat()))
    writer.header([labels("revenue.month"), labels("revenue.revenue"), labels("revenue.profit"),
                   labels("field.margin"), labels("revenue.invoices")])
    first = writer.row
    writer.rows(([month, revenue, profit,
                  (profit / revenue) if profit is not None and revenue else None, count]
                 for month, revenue, profit, count in data.monthly),
                formats=(None, MONEY, MONEY, PERCENT, None))
    last = writer.row - 1
    if data.monthly:
        writer.total([labels("total"), sum(m[1] for m in data.monthly),
                      sum(m[2] or 0 for m in data.monthly), None,
                      sum(m[3] for m in data.monthly)], formats=(None, MONEY, MONEY, None, None))
    writer.finish(fixed={1: 11})
    if data.monthly:
        chart = LineChart()
        chart.title = labels("sheet.revenue")
        chart.y_axis.number_format = "#,##0"
        chart.y_axis.title = labels("revenue.revenue")
        # A line chart's category axis is a TextAxis (the stubs say only "an axis").
        x_axis = cast(TextAxis, chart.x_axis)
        x_axis.delete = False
        chart.y_axis.delete = False
        x_axis.tickLblSkip = 3
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=first - 1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        for series, colour in zip(chart.series, (ACCENT, "ED7D31"), strict=False):
            series.smooth = False
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.width = 28_000  # EMU, about 2.2 pt
        assert chart.legend is not None  # a new chart has one
        chart.legend.position = "b"
        chart.height = 9
        chart.width = 22
        ws.add_chart(chart, f"G{first - 1}")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None
