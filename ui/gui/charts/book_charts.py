"""Charts of the whole book: tiers, Pareto curve, value–potential matrix, lifecycle and
relationship levels. Each takes aggregated data and returns a :class:`Chart`."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import numpy as np
from matplotlib.artist import Artist
from PySide6.QtCore import QCoreApplication

from models.enums import AbcClass, LifecycleStage, RelationshipLevel, Tier
from models.pareto import Concentration, pareto_curve
from storage.book.types import FloatArray, MatrixPoints, TierDistribution
from ui.gui.charts import density
from ui.gui.charts.style import (
    INK,
    Chart,
    ClickTarget,
    empty_chart,
    money,
    new_figure,
    percent,
    style_axes,
)
from ui.gui.style.tier_palette import TIER_COLOURS, TIER_HATCHES
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate("Charts", ...)

MAX_CURVE_POINTS = 2_000
#: From this many customers the matrix is one composited picture, not a marker per point.
DENSE_POINTS = 2_000
MATRIX_EXTENT = (-6.0, 106.0, 0.0, 100.0)
#: Characters per line of a note under an axis: it fits a half-width dashboard panel.
NOTE_WIDTH = 48
#: Characters per line of a category's name under its bar.
CATEGORY_WIDTH = 12
ABC_SHADES = {AbcClass.A: "#e8eef7", AbcClass.B: "#f3f6fa", AbcClass.C: "#fafafa"}
STAGE_COLOURS = {
    LifecycleStage.POTENTIAL: "#b0bec5",
    LifecycleStage.NEW: "#81c784",
    LifecycleStage.ACTIVE: "#2e7d32",
    LifecycleStage.CHURNED: "#8d6e63",
}
LEVEL_COLOURS = ("#cfd8dc", "#90a4ae", "#546e7a", "#263238")


def no_customers() -> Chart:
    return empty_chart(
        translate("Charts", "No customers yet"),
        translate("Charts", "Add customers or import them, and the chart appears here."),
    )


def not_scored() -> Chart:
    return empty_chart(
        translate("Charts", "Not scored yet"),
        translate(
            "Charts",
            "Rescore the book (View → Rescore, or the score command) to see tiers and classes.",
        ),
    )


def tiers_chart(data: TierDistribution) -> Chart:
    """Customers and revenue per tier, side by side."""
    if data.total_customers == 0:
        return not_scored() if data.unscored else no_customers()
    figure = new_figure()
    counts_axes, revenue_axes = figure.subplots(1, 2)
    tiers = list(Tier)
    names = [label(t) for t in tiers]
    total_revenue = sum(data.revenue.values())
    chart = Chart(figure=figure)
    for axes, values, title, fmt in (
        (
            counts_axes,
            [data.customers[t] for t in tiers],
            translate("Charts", "Customers per tier"),
            lambda v: f"{v:,.0f}",
        ),
        (
            revenue_axes,
            [100.0 * data.revenue[t] / total_revenue if total_revenue else 0.0 for t in tiers],
            translate("Charts", "Share of 12-month revenue"),
            percent,
        ),
    ):
        bars = axes.bar(
            names, values, color=[TIER_COLOURS[t] for t in tiers], edgecolor=INK, linewidth=0.6
        )
        for bar, tier, value in zip(bars, tiers, values, strict=True):
            bar.set_hatch(TIER_HATCHES[tier])
            axes.annotate(
                fmt(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=9,
                xytext=(0, 2),
                textcoords="offset points",
            )
            tooltip = translate(
                "Charts", "{tier}: {customers} customers, {revenue} revenue"
            ).format(
                tier=label(tier),
                customers=f"{data.customers[tier]:,}",
                revenue=money(data.revenue[tier]),
            )
            chart.targets.append(ClickTarget(bar, tooltip, {"tiers": {tier}}))
        axes.set_title(title)
        style_axes(axes)
        axes.margins(y=0.15)
    counts_axes.set_ylabel(translate("Charts", "Customers"))
    revenue_axes.set_ylabel(translate("Charts", "% of revenue"))
    if data.unscored:
        figure.suptitle(
            translate("Charts", "{count} customers not scored yet").format(count=data.unscored),
            fontsize=9,
            color="#666666",
        )
    return chart


def pareto_chart(
    revenue: FloatArray, concentration: Concentration, a_percent: float, b_percent: float
) -> Chart:
    """Cumulative revenue share against cumulative customer share, with the 80 % line, the
    concentration point and the ABC bands."""
    if revenue.size == 0:
        return no_customers()
    if concentration.total_revenue <= 0:
        return empty_chart(
            translate("Charts", "No revenue in the last 12 months"),
            translate(
                "Charts", "Record or import transactions to see how concentrated revenue is."
            ),
        )
    x, y = pareto_curve(revenue)
    if x.size > MAX_CURVE_POINTS:  # a smooth curve needs no 100,000 vertices
        keep = np.unique(np.linspace(0, x.size - 1, MAX_CURVE_POINTS).astype(np.int64))
        x, y = x[keep], y[keep]
    figure = new_figure()
    axes = figure.subplots()
    chart = Chart(figure=figure)
    bounds = [0.0]
    for cut in (a_percent, b_percent):
        index = int(np.searchsorted(y, cut - 1e-9))
        bounds.append(float(x[min(index, x.size - 1)]))
    bounds.append(100.0)
    for cls, start, end in zip(AbcClass, bounds, bounds[1:], strict=False):
        band = axes.axvspan(start, end, color=ABC_SHADES[cls], zorder=0)
        axes.text(
            (start + end) / 2,
            3,
            label(cls),
            ha="center",
            va="bottom",
            fontsize=11,
            weight="bold",
            color="#5c6b7a",
        )
        chart.targets.append(
            ClickTarget(
                band,
                translate("Charts", "Class {cls}: {share} of customers").format(
                    cls=label(cls), share=percent(end - start)
                ),
                {"abc_classes": {cls}},
            )
        )
    axes.plot(x, y, color=TIER_COLOURS[Tier.STRATEGIC], linewidth=2)
    target = concentration.target_percent
    axes.axhline(target, color="#888888", linestyle="--", linewidth=1)
    axes.text(99, target + 1.5, f"{target:.0f} %", ha="right", fontsize=9, color="#666666")
    share = concentration.percent_of_all or 0.0
    axes.plot([share], [target], marker="o", color=TIER_COLOURS[Tier.KEY], markersize=8)
    axes.annotate(
        translate("Charts", "{share} of customers bring {target} of revenue").format(
            share=percent(share), target=f"{target:.0f} %"
        ),
        (share, target),
        # Inside the plot's right edge, whatever the share and the panel's width (placed
        # beside the point it ran past the figure's edge in a narrow panel).
        xytext=(0.97, (target - 22) / 102),
        textcoords="axes fraction",
        ha="right",
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": INK},
        color=INK,
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb"},
    )
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 102)
    axes.set_xlabel(translate("Charts", "Cumulative share of customers (%), largest first"))
    axes.set_ylabel(translate("Charts", "Cumulative share of revenue (%)"))
    axes.set_title(translate("Charts", "Revenue concentration (Pareto)"))
    style_axes(axes)
    return chart


def matrix_chart(points: MatrixPoints, value_line: float, potential_line: float = 50.0) -> Chart:
    """Score against growth potential, tier-coloured, with the four named quadrants."""
    if points.score.size == 0:
        if points.unrated:
            return empty_chart(
                translate("Charts", "No growth-potential ratings yet"),
                translate(
                    "Charts",
                    "Rate customers in an assessment to place them on the value–potential matrix.",
                ),
            )
        return not_scored() if points.unscored else no_customers()
    figure = new_figure()
    axes = figure.subplots()
    chart = Chart(figure=figure)
    dense = points.score.size >= DENSE_POINTS
    size = 4 if dense else 14
    alpha = 0.35 if dense else 0.85
    # A little jitter: potential comes from 1–5 ratings, so points would pile up in columns.
    rng = np.random.default_rng(0)
    jitter = rng.uniform(-4, 4, points.potential.size)
    tiers = list(Tier)
    if dense:
        picture = density.composite(points.potential + jitter, points.score, points.tier_rank,
                                    [TIER_COLOURS[t] for t in tiers], alpha, MATRIX_EXTENT)
        density.draw(axes, picture)
    for rank in reversed(range(len(Tier))):  # strategic drawn last, on top
        tier = tiers[rank]
        mask = points.tier_rank == rank
        if not mask.any():
            continue
        artist: Artist
        if dense:
            artist = density.TierCells(axes, picture, rank)
            axes.plot([], [], "o", color=TIER_COLOURS[tier], markersize=4, label=label(tier))
        else:
            artist = axes.scatter(
                points.potential[mask] + jitter[mask],
                points.score[mask],
                s=size,
                alpha=alpha,
                color=TIER_COLOURS[tier],
                edgecolors="none",
                label=label(tier),
            )
        chart.targets.append(
            ClickTarget(
                artist,
                translate("Charts", "{tier}: {count} customers").format(
                    tier=label(tier), count=f"{int(mask.sum()):,}"
                ),
                {"tiers": {tier}},
            )
        )
    axes.axvline(potential_line, color="#888888", linewidth=1)
    axes.axhline(value_line, color="#888888", linewidth=1)
    for x, y, text in (
        (97, 97, translate("Charts", "Stars: invest")),
        (3, 97, translate("Charts", "Cash cows: keep")),
        (97, 2, translate("Charts", "Rising: develop")),
        (3, 2, translate("Charts", "Maintain at low cost")),
    ):
        axes.text(
            x,
            y,
            text,
            ha="right" if x > 50 else "left",
            va="top" if y > 50 else "bottom",
            fontsize=9,
            color="#555555",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    axes.set_xlim(*MATRIX_EXTENT[:2])  # room for the jitter around 0 and 100
    axes.set_ylim(*MATRIX_EXTENT[2:])
    axes.set_xticks([0, 25, 50, 75, 100])
    xlabel = translate("Charts", "Growth potential (points)")
    if points.unrated:
        note = translate(
            "Charts", "{count} customers without a growth-potential rating are not shown"
        ).format(count=f"{points.unrated:,}")
        xlabel = f"{xlabel}\n{textwrap.fill(note, NOTE_WIDTH)}"
    axes.set_xlabel(xlabel)
    axes.set_ylabel(translate("Charts", "Value score"))
    axes.set_title(translate("Charts", "Value–potential matrix"))
    handles, labels = axes.get_legend_handles_labels()
    # Under the plot in one row: beside it, the legend took the width the four quadrant
    # names need in a half-width panel, and they ran into each other.
    legend = figure.legend(  # strategic first, as everywhere else
        handles[::-1],
        labels[::-1],
        loc="outside lower center",
        ncols=len(handles),
        frameon=False,
        fontsize=9,
        handletextpad=0.1,
        columnspacing=0.8,
        markerscale=1.5 if dense else 1,
    )
    for handle in legend.legend_handles:
        if handle is not None:  # an artist without a legend handler has none
            handle.set_alpha(1)
    return chart


def lifecycle_chart(counts: Mapping[LifecycleStage, int]) -> Chart:
    return _category_bars(
        counts, translate("Charts", "Lifecycle stages"), STAGE_COLOURS, "lifecycles"
    )


def relationship_chart(counts: Mapping[RelationshipLevel, int]) -> Chart:
    colours = {level: LEVEL_COLOURS[i] for i, level in enumerate(RelationshipLevel)}
    return _category_bars(
        counts, translate("Charts", "Relationship levels"), colours, "relationship_levels"
    )


E = TypeVar("E", bound=Enum)


def _category_bars(
    counts: Mapping[E, int], title: str, colours: Mapping[E, str], filter_key: str
) -> Chart:
    if sum(counts.values()) == 0:
        return no_customers()
    figure = new_figure()
    axes = figure.subplots()
    chart = Chart(figure=figure)
    members = list(counts)
    total = sum(counts.values())
    bars = axes.bar(
        # Two short lines rather than one long one ("Growth partnership" under its bar ran
        # into its neighbour's name in a half-width panel).
        [textwrap.fill(label(m), CATEGORY_WIDTH, break_long_words=False) for m in members],
        [counts[m] for m in members],
        color=[colours[m] for m in members],
        edgecolor=INK,
        linewidth=0.6,
    )
    for bar, member in zip(bars, members, strict=True):
        value = counts[member]
        axes.annotate(
            f"{value:,}\n({percent(100.0 * value / total)})",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 2),
            textcoords="offset points",
        )
        chart.targets.append(
            ClickTarget(
                bar,
                translate("Charts", "{name}: {count} customers").format(
                    name=label(member), count=f"{value:,}"
                ),
                {filter_key: {member}},
            )
        )
    axes.tick_params(axis="x", labelsize=9)
    axes.set_title(title)
    axes.set_ylabel(translate("Charts", "Customers"))
    axes.margins(y=0.2)
    style_axes(axes)
    return chart
