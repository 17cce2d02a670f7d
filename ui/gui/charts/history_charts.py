"""Charts over time: tier migration between two periods and revenue per tier per period."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.enums import Tier
from storage.book.types import Migration, TierRevenueHistory
from ui.gui.charts.style import (
    INK,
    Chart,
    ClickTarget,
    empty_chart,
    money,
    money_axis,
    new_figure,
    style_axes,
)
from ui.gui.style.tier_palette import TIER_COLOURS, TIER_HATCHES, TIER_TEXT
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate("Charts", ...)

#: A segment of the migration chart gets its count written in it from this share of the
#: longest row (about 30 pixels in the narrowest panel: room for three digits).
LABEL_SHARE = 0.06


def no_snapshots() -> Chart:
    return empty_chart(
        translate("Charts", "No history yet"),
        translate(
            "Charts",
            "Each rescore keeps the month's tiers (View → Rescore now); the history fills in "
            "month by month.",
        ),
    )


def migration_chart(data: Migration) -> Chart:
    """For each tier of the first period, where its customers are in the second: stacked
    horizontal bars with counts, segments coloured by the tier they moved to."""
    total = sum(data.counts.values())
    if total == 0:
        return no_snapshots()
    figure = new_figure()
    axes = figure.subplots()
    chart = Chart(figure=figure)
    tiers = list(Tier)
    rows = [label(t) for t in tiers]
    left = [0.0] * len(tiers)
    # A count goes inside its segment when the segment is wide enough on the common scale
    # (a share of its own row let a 1 into a sliver of a short row, wider than the sliver).
    widest = max(_row_total(data, before) for before in tiers)
    up = down = 0
    for after in tiers:
        widths = [float(data.counts.get((before, after), 0)) for before in tiers]
        bars = axes.barh(
            rows,
            widths,
            left=left,
            color=TIER_COLOURS[after],
            edgecolor=INK,
            linewidth=0.5,
            label=label(after),
            hatch=TIER_HATCHES[after],
        )
        for bar, before, width in zip(bars, tiers, widths, strict=True):
            if not width:
                continue
            if after.rank < before.rank:
                up += int(width)
            elif after.rank > before.rank:
                down += int(width)
            if width >= LABEL_SHARE * widest:
                axes.text(
                    bar.get_x() + width / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{int(width):,}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=TIER_TEXT[after],
                    # The plain tier colour behind the count: read on the hatch it was lost.
                    bbox={"boxstyle": "round,pad=0.15", "fc": TIER_COLOURS[after],
                          "ec": "none"},
                )
            chart.targets.append(
                ClickTarget(
                    bar,
                    translate("Charts", "{before} → {after}: {count} customers").format(
                        before=label(before), after=label(after), count=f"{int(width):,}"
                    ),
                    {"migration": (data.from_period, data.to_period, before, after)},
                )
            )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()  # strategic on top
    axes.set_xlabel(
        translate("Charts", "Customers (by tier in {period})").format(period=data.from_period)
    )
    axes.set_title(
        translate("Charts", "Tier migration {start} → {end}").format(
            start=data.from_period, end=data.to_period
        )
    )
    axes.legend(
        title=translate("Charts", "Tier in {period}").format(period=data.to_period),
        frameon=False,
        loc="center left",
        bbox_to_anchor=(1.01, 0.5),
    )
    style_axes(axes)
    axes.grid(axis="x", color="#e6e6e6")
    # Under the axis label, in the layout (a free text in the corner ran into that label).
    figure.supxlabel(
        translate("Charts", "Moved up: {up}   Moved down: {down}   Unchanged: {same}").format(
            up=f"{up:,}", down=f"{down:,}", same=f"{total - up - down:,}"
        ),
        x=0.01,
        ha="left",
        fontsize=9,
        color=INK,
    )
    return chart


def _row_total(data: Migration, before: Tier) -> int:
    return sum(count for (b, _a), count in data.counts.items() if b == before)


def tier_revenue_chart(history: TierRevenueHistory) -> Chart:
    """Revenue (12 months to each period's end) stacked by tier, per snapshot period."""
    if not history.periods:
        return no_snapshots()
    figure = new_figure()
    axes = figure.subplots()
    chart = Chart(figure=figure)
    bottom = [0.0] * len(history.periods)
    for tier in Tier:
        values = history.revenue[tier]
        bars = axes.bar(
            history.periods,
            values,
            bottom=bottom,
            color=TIER_COLOURS[tier],
            edgecolor=INK,
            linewidth=0.4,
            hatch=TIER_HATCHES[tier],
            label=label(tier),
        )
        for bar, period, value in zip(bars, history.periods, values, strict=True):
            chart.targets.append(
                ClickTarget(
                    bar,
                    translate("Charts", "{period}, {tier}: {revenue}").format(
                        period=period, tier=label(tier), revenue=money(value)
                    ),
                    {"tiers": {tier}},
                )
            )
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    money_axis(axes.yaxis)
    axes.set_ylabel(translate("Charts", "Revenue, 12 months to the period's end"))
    axes.set_title(translate("Charts", "Revenue by tier over time"))
    axes.legend(frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))
    if len(history.periods) > 8:
        axes.tick_params(axis="x", labelrotation=45)
    style_axes(axes)
    return chart
