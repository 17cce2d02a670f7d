"""Export the whole book (or some tiers) as one workbook: a Summary sheet with tier and ABC
counts, revenue shares and a native Pareto chart, in a team's book the manager's roll-up (By
salesperson), and a Customers sheet with every customer's score, tier, class, stage,
relationship level and dimension values, filterable.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from models.config import DIMENSIONS
from models.enums import AbcClass, CustomerKind, LifecycleStage, Tier
from storage import rollup_queries
from storage.base import DatabaseBase
from storage.export_files import ExportCancelled, ExportResult, Progress, atomic_write
from storage.export_labels import Labels
from storage.export_plan import dimension_values
from storage.export_plan_sheets import sheet_name
from storage.export_portfolio_competition import COMPETITION_COLUMNS, CompetitionWords
from storage.export_portfolio_segments import SEGMENT_COLUMNS, SEGMENT_SELECT, SegmentWords
from storage.export_portfolio_whitespace import add_whitespace_sheets
from storage.export_rollup import rollup_sheet
from storage.xlsx_stream import DATE, NUMBER, TEXT, RowStreamer, save_with_streamed_rows, style_id
from storage.xlsx_style import (
    ACCENT,
    FONT_NAME,
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    INTEGER,
    MAX_WIDTH,
    MIN_WIDTH,
    MONEY,
    PERCENT,
    SCORE,
    SUBTITLE_FONT,
    TITLE_FONT,
    SheetWriter,
    display_width,
    fit_columns,
    print_setup,
    put,
    shown_text,
)
from storage.xlsx_style import (
    DATE as DATE_FORMAT,
)

PARETO_BANDS = 20
HEADER_ROW = 4
WIDTH_SAMPLE = 2_000
#: The widest the "why the tier changed" column gets (column units); longer reasons wrap.
REASON_WIDTH = 40

#: (label key, kind, number format) of the Customers sheet, before the dimension columns.
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("field.code", TEXT, None), ("field.name", TEXT, None), ("field.tier", TEXT, None),
    ("field.score", NUMBER, SCORE), ("field.abc_class", TEXT, None),
    ("field.lifecycle", TEXT, None), ("field.relationship_level", TEXT, None),
    ("field.revenue_12m", NUMBER, MONEY), ("field.profit_12m", NUMBER, MONEY),
    ("field.margin", NUMBER, PERCENT), ("field.owner", TEXT, None), ("field.kind", TEXT, None),
    ("field.industry", TEXT, None), ("field.region", TEXT, None), ("field.city", TEXT, None),
    ("field.phone", TEXT, None), ("field.email", TEXT, None),
    ("field.last_purchase", DATE, DATE_FORMAT), ("field.next_follow_up", DATE, DATE_FORMAT),
    ("field.open_needs", NUMBER, INTEGER),
)

_SQL = """
SELECT c.code, c.name, m.tier, m.score, m.abc_class, m.lifecycle, c.relationship_level,
       coalesce(m.revenue_12m, 0), m.profit_12m, c.owner, c.kind, c.industry, c.region,
       c.city, c.phone, c.email, m.last_purchase, m.next_follow_up, coalesce(m.open_needs, 0),
       m.dimensions, {segments}
FROM customers c {scan} LEFT JOIN customer_metrics m ON m.customer_id = c.id
WHERE c.deleted_at IS NULL {tier_filter}
ORDER BY coalesce(m.tier_rank, 9), m.score IS NULL, m.score DESC, c.name_sort, c.id
"""


def export_portfolio(db: DatabaseBase, path: str | Path, *, tiers: Sequence[Tier] = (),
                     lang: str | None = None, today: date | None = None,
                     progress: Progress | None = None) -> ExportResult:
    """Write the portfolio workbook; ``progress(done, total)`` returning False cancels (no
    file is written and the previous one is kept)."""
    started = time.perf_counter()
    labels = Labels(lang)
    today = today or date.today()
    tier_filter, params = "", list(dict.fromkeys(Tier(t).value for t in tiers))
    if params:
        tier_filter = f"AND m.tier IN ({','.join('?' * len(params))})"
    # The whole book reads the customers straight through (NOT INDEXED): SQLite's pick, the
    # owners' partial index (its condition matches the WHERE), reads the same rows with a
    # lookup in the table each, 1.08 s of processor time against 0.72 on 100,000 customers.
    # Some tiers are read from their metrics first, as SQLite picks.
    sql = _SQL.format(tier_filter=tier_filter, segments=SEGMENT_SELECT,
                      scan="" if params else "NOT INDEXED")
    # The summary reads the narrow metrics table alone (one row per customer, deleted flag
    # copied in): the revenue of the whole book in the order of its covering index, some
    # tiers' and the groups' counts by a scan of the table (SQLite's picks, an index each
    # with a lookup in the table per row, take three times as long).
    revenue = [float(r[0]) for r in db.conn.execute(
        f"SELECT m.revenue_12m FROM customer_metrics m {'NOT INDEXED' if params else ''} "
        f"WHERE m.deleted = 0 {tier_filter} ORDER BY m.revenue_12m DESC", params)]
    groups = db.query(
        f"SELECT m.tier, m.abc_class, count(*) AS n, total(m.revenue_12m) AS revenue "
        f"FROM customer_metrics m NOT INDEXED WHERE m.deleted = 0 {tier_filter} "
        f"GROUP BY 1, 2", params)
    total = sum(g["n"] for g in groups)

    workbook = Workbook()
    summary = workbook.active
    summary_sheet(summary, labels, groups, revenue, today, tiers)
    sheet = workbook.create_sheet(sheet_name(labels("sheet.customers")))
    # A team's book (more than one owner) gets the manager's roll-up, of the whole book,
    # after the customers (whose sheet stays the second).
    figures = rollup_queries.rollup(db, today)
    if figures.is_team:
        rollup_sheet(workbook.create_sheet(), labels, figures)
    add_whitespace_sheets(workbook, db, labels, today, tiers)
    columns = COLUMNS + SEGMENT_COLUMNS + COMPETITION_COLUMNS
    segments = SegmentWords(db, labels)
    competition = CompetitionWords(db, labels)
    headers = [labels(key) for key, _, _ in COLUMNS] + segments.headers() + [
        *competition.headers()] + [
        labels("summary.points", dimension=labels.dimension(d)) for d in DIMENSIONS]
    kinds = [kind for _, kind, _ in columns] + [NUMBER] * len(DIMENSIONS)
    formats = [fmt for _, _, fmt in columns] + [INTEGER] * len(DIMENSIONS)
    _customers_skeleton(sheet, labels, headers, total, today, tiers)
    words = _Words(labels, segments, competition)
    # The widths' sample: the first rows SQLite gives, unordered (in the owners' order).
    unordered = _SQL.format(tier_filter=tier_filter, segments=SEGMENT_SELECT,
                            scan="").split("ORDER BY")[0]
    sample = [words.values(r) for r in db.conn.execute(f"{unordered} LIMIT {WIDTH_SAMPLE}",
                                                       params)]
    _fit(sheet, headers, sample, formats)
    # Why the tier changed wraps in a column as wide as its longest reason, up to
    # REASON_WIDTH (an English reason naming two unrated dimensions runs to 85 letters).
    reason = len(COLUMNS) + segments.reason_column
    reason_width = segments.width(REASON_WIDTH)
    fit_columns(sheet, {reason + 1: reason_width})
    styles = [style_id(sheet, number_format=f) if f else None for f in formats]
    styles[reason] = style_id(sheet, alignment=Alignment(wrap_text=True))
    quoted = style_id(sheet, quotePrefix=True)
    streamer = RowStreamer(kinds, styles, quoted,
                           wrap={reason: max(MIN_WIDTH, min(MAX_WIDTH, reason_width + 2))})

    def on_chunk(done: int) -> None:
        if progress is not None and not progress(done, total):
            raise ExportCancelled()

    def write(temporary: Path) -> None:
        rows = (words.values(r) for r in db.conn.execute(sql, params))
        with tempfile.TemporaryDirectory(dir=temporary.parent, prefix=".keyplan-") as scratch:
            save_with_streamed_rows(workbook, sheet, temporary, streamer, rows, len(headers),
                                    total, scratch=Path(scratch) / "skeleton.xlsx",
                                    on_chunk=on_chunk)

    target = atomic_write(path, write)
    if progress is not None:
        progress(total, total)
    return ExportResult(path=target, sheets=workbook.sheetnames, rows=total,
                        seconds=time.perf_counter() - started)


class _Words:
    """Code -> label lookups made once, so each of 100,000 rows costs a few dict reads."""

    def __init__(self, labels: Labels, segments: SegmentWords,
                 competition: CompetitionWords) -> None:
        self.segments = segments
        self.competition = competition
        self.tier = {t.value: labels.enum(t) for t in Tier}
        self.stage = {s.value: labels.enum(s) for s in LifecycleStage}
        self.kind = {k.value: labels.enum(k) for k in CustomerKind}
        self.level = {level: labels.level(level) for level in range(1, 5)}

    def values(self, row: Sequence[Any]) -> list[Any]:
        (code, name, tier, score, abc, lifecycle, level, revenue, profit, owner, kind,
         industry, region, city, phone, email, last_purchase, follow_up, open_needs,
         dimensions, *segments) = row
        return [
            code, name, self.tier.get(tier, ""), score, abc, self.stage.get(lifecycle, ""),
            self.level.get(level, level), revenue, profit,
            (profit / revenue) if profit is not None and revenue else None, owner,
            self.kind.get(kind, kind), industry, region, city, phone, email, last_purchase,
            follow_up, open_needs, *self.segments.values(segments),
            *self.competition.values(segments[0]), *_points(dimensions),
        ]


def _points(text: str | None) -> list[Any]:
    """The dimension columns from ``customer_metrics.dimensions`` (points per dimension)."""
    if not text or text == "{}":
        return _NO_POINTS
    data = json.loads(text)
    if isinstance(data, list):  # the compact form: points in DIMENSIONS order
        return [*data, *_NO_POINTS][:len(DIMENSIONS)]
    values = [data.get(name) for name in DIMENSIONS]
    if any(isinstance(v, dict) for v in values):  # an object per dimension
        parsed = dimension_values(data)
        values = [parsed.get(name) for name in DIMENSIONS]
    return values


_NO_POINTS: list[Any] = [None] * len(DIMENSIONS)


def _customers_skeleton(ws: Any, labels: Labels, headers: list[str], total: int, today: date,
                        tiers: Sequence[Tier]) -> None:
    put(ws, 1, 1, labels("title.portfolio"), font=TITLE_FONT, align=None, border=False)
    subtitle = [labels("note.exported", date=today.isoformat()), labels("note.count",
                                                                        count=f"{total:,}")]
    if tiers:
        subtitle.append(labels("note.filtered",
                               tiers=", ".join(labels.enum(Tier(t)) for t in tiers)))
    put(ws, 2, 1, " · ".join(subtitle), font=SUBTITLE_FONT, align=None, border=False)
    for column, label in enumerate(headers, 1):
        put(ws, HEADER_ROW, column, label, font=HEADER_FONT, align=HEADER_ALIGN,
            fill=HEADER_FILL)
    ws.row_dimensions[HEADER_ROW].height = 42
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(total, 1)}"
    ws.freeze_panes = f"C{HEADER_ROW + 1}"  # code and name stay in view when scrolling right
    print_setup(ws, HEADER_ROW)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _fit(ws: Any, headers: list[str], sample: list[list[Any]],
         formats: list[str | None]) -> None:
    widths: dict[int, int] = {}
    for column, header in enumerate(headers, 1):
        # Headers wrap (up to three lines): English at spaces, Chinese anywhere.
        words = header.split() if header.isascii() else [header[:(len(header) + 1) // 2]]
        widths[column] = max(display_width(w) for w in words) + 1  # room for the filter button
    for values in sample:
        for column, value in enumerate(values, 1):
            width = display_width(shown_text(value, formats[column - 1]))
            if width > widths[column]:
                widths[column] = width
    widths[2] = min(widths[2], 36)
    fit_columns(ws, widths)


def summary_sheet(ws: Any, labels: Labels, groups: list[dict[str, Any]], revenue: list[float],
                  today: date, tiers: Sequence[Tier]) -> None:
    ws.title = sheet_name(labels("sheet.summary"))
    writer = SheetWriter(ws, 5)
    writer.title(labels("title.summary"), labels("note.exported", date=today.isoformat()))
    customers = sum(g["n"] for g in groups) or 1
    money = sum(g["revenue"] for g in groups)
    header = [labels("summary.group"), labels("summary.customers"),
              labels("summary.customer_share"), labels("summary.revenue"),
              labels("summary.revenue_share")]
    formats = (None, INTEGER, PERCENT, MONEY, PERCENT)
    for section, key, members in (
        ("section.tiers", "tier", [*list(Tier), None]),
        ("section.abc", "abc_class", [*list(AbcClass), None]),
    ):
        writer.section(labels(section))
        writer.header(header)
        lines = []
        for member in members:
            code = member.value if member is not None else None
            n = sum(g["n"] for g in groups if g[key] == code)
            value = sum(g["revenue"] for g in groups if g[key] == code)
            if member is None and n == 0:
                continue
            name = labels.enum(member) if member is not None else labels("summary.unscored")
            lines.append([name, n, n / customers, value, value / money if money else None])
        writer.rows(lines, formats=formats)
        writer.total([labels("total"), customers if groups else 0, 1.0, money,
                      1.0 if money else None], formats=formats)
    writer.section(labels("section.pareto"))
    writer.note(labels("note.pareto"))
    writer.header([labels("summary.top_share"), labels("summary.bucket_share"),
                   labels("summary.cumulative")])
    first = writer.row
    bands = pareto_bands(revenue, PARETO_BANDS)
    writer.rows(bands, formats=(PERCENT, PERCENT, PERCENT))
    last = writer.row - 1
    point = next((b for b in bands if b[2] >= 0.8), None)
    if point is not None:
        writer.note(labels("note.pareto_point", customers=f"{point[0]:.0%}",
                           revenue=f"{point[2]:.0%}"),
                    font=Font(name=FONT_NAME, size=10, bold=True, color=ACCENT))
    writer.header_row = 0
    writer.finish(freeze=False, fixed={1: 22, 2: 15, 3: 17, 4: 18, 5: 14})
    if bands:
        ws.add_chart(pareto_chart(ws, labels, first, last), f"G{first - 1}")


def pareto_bands(revenue: list[float], bands: int) -> list[tuple[float, float, float]]:
    """(top share of customers, revenue share of that band, cumulative revenue share) for
    equal bands of customers ranked by revenue, highest first."""
    count = len(revenue)
    total = sum(r for r in revenue if r > 0)
    if not count or total <= 0:
        return []
    bands = min(bands, count)
    result, cumulative, start = [], 0.0, 0
    for band in range(1, bands + 1):
        end = round(count * band / bands)
        share = sum(max(r, 0.0) for r in revenue[start:end]) / total
        cumulative += share
        result.append((end / count, share, min(cumulative, 1.0)))
        start = end
    return result


def pareto_chart(ws: Any, labels: Labels, first: int, last: int) -> BarChart:
    bars = BarChart()
    bars.title = labels("section.pareto")
    bars.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=last),
                  titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    bars.series[0].graphicalProperties.solidFill = ACCENT
    bars.y_axis.number_format = "0%"
    bars.y_axis.majorGridlines = None
    bars.x_axis.number_format = "0%"
    bars.gapWidth = 40
    line = LineChart()
    line.add_data(Reference(ws, min_col=3, min_row=first - 1, max_row=last),
                  titles_from_data=True)
    line.series[0].graphicalProperties.line.solidFill = "ED7D31"
    line.series[0].graphicalProperties.line.width = 28_000
    line.series[0].smooth = False
    line.y_axis.axId = 200
    line.y_axis.scaling.min = 0
    line.y_axis.scaling.max = 1
    line.y_axis.number_format = "0%"
    line.y_axis.crosses = "max"
    for axis in (bars.x_axis, bars.y_axis, line.y_axis):
        axis.delete = False
    bars += line
    bars.legend.position = "b"
    bars.height = 10
    bars.width = 25
    return bars
