"""The manager's roll-up as a chart: each salesperson's 12-month revenue, stacked by the tier
of the customers it came from; a click on a part lists that owner's customers of that tier."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.enums import Tier
from models.rollup import Rollup
from ui.gui.charts.book_charts import no_customers
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
from ui.gui.style.tier_palette import TIER_COLOURS, TIER_HATCHES
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate("Charts", ...)

#: Height of the figure per owner's bar, in inches (at least the usual panel's height).
BAR_INCHES = 0.42


def owner_name(owner: str) -> str:
    return owner or translate("Charts", "(no owner)")


def rollup_chart(rollup: Rollup) -> Chart:
    """Horizontal bars, one per owner (the first on top), parts per tier."""
    rows = [r for r in rollup.rows if r.customer_count or r.revenue]
    if not rows:
        return no_customers()
    if not rollup.is_team:
        return empty_chart(
            translate("Charts", "One salesperson"),
            translate("Charts", "The roll-up compares salespeople: it appears once the "
                                "customers have more than one owner."))
    figure = new_figure((8.0, max(3.2, 1.2 + BAR_INCHES * len(rows))))
    axes = figure.subplots()
    chart = Chart(figure=figure)
    names = [owner_name(r.owner) for r in rows]
    positions = list(range(len(rows)))[::-1]  # the first owner at the top
    left = [0.0] * len(rows)
    for tier in Tier:
        values = [r.revenue_by_tier.get(tier, 0.0) for r in rows]
        bars = axes.barh(positions, values, left=left, color=TIER_COLOURS[tier],
                         edgecolor=INK, linewidth=0.5, label=label(tier), height=0.7)
        for bar, row, value in zip(bars, rows, values, strict=True):
            bar.set_hatch(TIER_HATCHES[tier])
            if value <= 0:
                continue
            tooltip = translate("Charts", "{owner}, {tier}: {customers} customers, "
                                          "{revenue} revenue").format(
                owner=owner_name(row.owner), tier=label(tier),
                customers=f"{row.tier_count(tier):,}", revenue=money(value))
            chart.targets.append(ClickTarget(bar, tooltip,
                                             {"owners": {row.owner}, "tiers": {tier}}))
        left = [a + b for a, b in zip(left, values, strict=True)]
    for position, row, end in zip(positions, rows, left, strict=True):
        axes.annotate(money(row.revenue), (end, position), xytext=(4, 0),
                      textcoords="offset points", va="center", fontsize=9)
    axes.set_yticks(positions, names)
    axes.set_title(translate("Charts", "12-month revenue per salesperson, by tier"))
    money_axis(axes.xaxis)
    style_axes(axes)
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#e6e6e6", linewidth=0.8)
    axes.set_xlim(0, max(max(left), 1.0) * 1.15)  # room for the totals beside the bars
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=len(Tier), fontsize=8,
                frameon=False)
    return chart
