"""Charts of one customer: score radar against its tier, revenue by month, score history."""

from __future__ import annotations

import numpy as np
from matplotlib.projections.polar import PolarAxes
from PySide6.QtCore import QCoreApplication

from models.config import DIMENSIONS
from models.enums import Tier
from models.normalise import NEUTRAL_POINTS
from storage.book.types import CustomerProfile, MonthlyRevenue, ScoreHistory
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
from ui.gui.style.tier_palette import TIER_COLOURS
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate("Charts", ...)

SMALL = (6.0, 4.2)


def radar_chart(profile: CustomerProfile) -> Chart:
    """Each dimension's points (0–100) for this customer and the average of its tier."""
    if not profile.points:
        return empty_chart(
            translate("Charts", "Not scored yet"),
            translate("Charts", "Rescore the book to see this customer's value profile."),
            SMALL,
        )
    figure = new_figure((6.4, 5.2))
    axes = figure.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    angles = np.linspace(0, 2 * np.pi, len(DIMENSIONS), endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    tier_colour = TIER_COLOURS.get(profile.tier, "#555555") if profile.tier else "#555555"
    if profile.tier_average:
        average = [profile.tier_average.get(d, np.nan) for d in DIMENSIONS]
        axes.plot(
            closed,
            [*average, average[0]],
            color="#888888",
            linestyle="--",
            linewidth=1.2,
            label=translate("Charts", "Average of {tier}").format(tier=label(profile.tier)),
        )
    values = [profile.points.get(d) for d in DIMENSIONS]
    known = [np.nan if v is None else float(v) for v in values]
    axes.plot(
        closed,
        [*known, known[0]],
        color=tier_colour,
        linewidth=2,
        label=profile.name or translate("Charts", "This customer"),
    )
    # The area is what is scored: a dimension without data counts at the neutral value, so
    # the area keeps it there (the line breaks and a cross marks it) instead of dipping to 0.
    scored = np.nan_to_num([*known, known[0]], nan=float(NEUTRAL_POINTS))
    axes.fill(closed, scored, color=tier_colour, alpha=0.15)
    missing = [a for a, v in zip(angles, values, strict=True) if v is None]
    if missing:
        axes.scatter(
            missing,
            [NEUTRAL_POINTS] * len(missing),
            marker="x",
            color="#999999",
            s=30,
            label=translate("Charts", "No data (neutral 50)"),
        )
    axes.set_xticks(angles)
    axes.set_xticklabels([dimension_label(d) for d in DIMENSIONS], fontsize=8)
    # Each name grows away from the circle (left of it on the left, right on the right), so
    # neighbours near the top and bottom do not run into each other.
    for tick_label, angle in zip(axes.get_xticklabels(), angles, strict=True):
        side = np.cos(angle)
        tick_label.set_horizontalalignment(
            "left" if side > 0.1 else "right" if side < -0.1 else "center")
    axes.tick_params(axis="x", pad=2)
    axes.set_ylim(0, 100)
    axes.set_yticks([25, 50, 75, 100])
    axes.set_yticklabels(["25", "50", "75", "100"], fontsize=7, color="#888888")
    # The rings' numbers go between two spokes, not over a dimension's name.
    axes.set_rlabel_position(float(np.degrees(angles[1] / 2)))
    axes.set_title(translate("Charts", "Value profile"), pad=12)
    # Below the plot, where constrained layout makes room for it (it used to cover the
    # names at the top right).
    figure.legend(loc="outside lower center", ncols=1, frameon=False, fontsize=8)
    return Chart(figure=figure)


def revenue_trend_chart(data: MonthlyRevenue) -> Chart:
    """Revenue per month with a least-squares trend line."""
    if not any(data.revenue):
        return empty_chart(
            translate("Charts", "No sales in this period"),
            translate("Charts", "Transactions of the last two years appear here."),
            SMALL,
        )
    figure = new_figure((7.0, 3.6))
    axes = figure.subplots()
    chart = Chart(figure=figure)
    x = np.arange(len(data.months))
    bars = axes.bar(
        x,
        data.revenue,
        color="#7fb2e5",
        edgecolor="#4a7bb0",
        linewidth=0.5,
        label=translate("Charts", "Revenue"),
    )
    for bar, month, value in zip(bars, data.months, data.revenue, strict=True):
        chart.targets.append(ClickTarget(bar, f"{month}: {money(value)}"))
    if np.count_nonzero(data.revenue) >= 2:
        slope, intercept = np.polyfit(x, data.revenue, 1)
        axes.plot(
            x,
            slope * x + intercept,
            color=TIER_COLOURS[Tier.KEY],
            linewidth=2,
            label=translate("Charts", "Trend ({change} per month)").format(change=money(slope)),
        )
    step = max(1, len(x) // 12)
    axes.set_xticks(x[::step])
    axes.set_xticklabels(data.months[::step], rotation=45, ha="right", fontsize=8)
    money_axis(axes.yaxis)
    axes.set_title(translate("Charts", "Revenue by month"))
    axes.legend(frameon=False, fontsize=8)
    style_axes(axes)
    return chart


def score_history_chart(history: ScoreHistory) -> Chart:
    """The customer's score per snapshot period over the tier bands."""
    if not history.periods:
        return empty_chart(
            translate("Charts", "No history yet"),
            translate("Charts", "Scores are kept per period at each rescore."),
            SMALL,
        )
    figure = new_figure((7.0, 3.6))
    axes = figure.subplots()
    chart = Chart(figure=figure)
    lower = 0.0
    for tier in reversed(list(Tier)):
        upper = (
            100.0
            if tier is Tier.STRATEGIC
            else history.thresholds.get(list(Tier)[tier.rank - 1], 100.0)
        )
        start = history.thresholds.get(tier, lower) if tier is not Tier.LOW_VALUE else 0.0
        axes.axhspan(start, upper, color=TIER_COLOURS[tier], alpha=0.12, zorder=0)
        axes.text(
            0.995,
            (start + upper) / 2,
            label(tier),
            transform=axes.get_yaxis_transform(),
            ha="right",
            va="center",
            fontsize=8,
            color="#666666",
        )
        lower = upper
    x = np.arange(len(history.periods))
    axes.plot(x, history.scores, color=INK, linewidth=1.5, zorder=2)
    dots = axes.scatter(
        x,
        history.scores,
        c=[TIER_COLOURS[t] for t in history.tiers],
        edgecolors=INK,
        linewidths=0.6,
        s=40,
        zorder=3,
    )
    chart.targets.append(ClickTarget(dots, translate("Charts", "Score per period")))
    step = max(1, len(x) // 12)
    axes.set_xticks(x[::step])
    axes.set_xticklabels(history.periods[::step], rotation=45, ha="right", fontsize=8)
    axes.set_ylim(0, 100)
    axes.set_ylabel(translate("Charts", "Score"))
    axes.set_title(translate("Charts", "Score history"))
    style_axes(axes)
    return chart
