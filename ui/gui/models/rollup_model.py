"""The roll-up's table: one row per owner, the total pinned under them whatever the order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.enums import Tier
from models.rollup import OwnerRollup, Rollup
from ui.gui.charts.style import money
from ui.gui.models.rows_model import RIGHT, Column, RowsModel
from ui.gui.text.labels import label

EMPTY = "—"
LATE = "#c62828"


translate = QCoreApplication.translate  # lupdate reads translate("RollupModel", ...)


def owner_text(row: OwnerRollup) -> str:
    if row.is_total:
        return translate("RollupModel", "Total")
    return row.owner or translate("RollupModel", "(no owner)")


def _count(value: int) -> str:
    return f"{value:,}"


def _share(value: float | None) -> str:
    return EMPTY if value is None else f"{value * 100:.0f} %"


def _change(value: float | None) -> str:
    return EMPTY if value is None else f"{value * 100:+.0f} %"


def _moment(value: datetime | None) -> str:
    return EMPTY if value is None else value.strftime("%Y-%m-%d")


def _late(value: int) -> str | None:
    return LATE if value else None


def _tier_column(tier: Tier) -> Column:
    return Column(
        f"tier_{tier.value}",
        lambda: label(tier),
        lambda r: _count(r.tier_count(tier)),
        lambda r: r.tier_count(tier),
        RIGHT,
    )


def columns() -> list[Column]:
    bold = lambda r: bool(r.is_total)  # noqa: E731 (one rule for every column)
    found: list[Column] = [
        Column(
            "owner",
            lambda: translate("RollupModel", "Salesperson"),
            owner_text,
            lambda r: (r.owner == "", r.owner.casefold()),
        ),
        Column(
            "customers",
            lambda: translate("RollupModel", "Customers"),
            lambda r: _count(r.customer_count),
            lambda r: r.customer_count,
            RIGHT,
        ),
        *(_tier_column(t) for t in Tier),
        Column(
            "revenue",
            lambda: translate("RollupModel", "Revenue 12 mo."),
            lambda r: money(r.revenue),
            lambda r: r.revenue,
            RIGHT,
            tooltip=lambda r: translate("RollupModel", "The 12 months before: {revenue}").format(
                revenue=money(r.revenue_before)
            ),
        ),
        Column(
            "change",
            lambda: translate("RollupModel", "Change"),
            lambda r: _change(r.change),
            lambda r: r.change,
            RIGHT,
            colour=lambda r: LATE if r.change is not None and r.change < 0 else None,
        ),
        Column(
            "share",
            lambda: translate("RollupModel", "Share"),
            lambda r: _share(r.share),
            lambda r: r.share,
            RIGHT,
        ),
        Column(
            "plans",
            lambda: translate("RollupModel", "Active plans"),
            lambda r: _count(r.active_plans),
            lambda r: r.active_plans,
            RIGHT,
        ),
        Column(
            "objectives",
            lambda: translate("RollupModel", "Objectives met"),
            lambda r: f"{r.objectives_met:,} / {r.objectives:,}" if r.objectives else EMPTY,
            lambda r: r.objectives_progress,
            RIGHT,
        ),
        Column(
            "plan_revenue",
            lambda: translate("RollupModel", "Plan revenue"),
            lambda r: _share(r.plan_revenue_progress),
            lambda r: r.plan_revenue_progress,
            RIGHT,
            tooltip=lambda r: translate("RollupModel", "{revenue} of {target} targeted").format(
                revenue=money(r.plan_revenue), target=money(r.plan_revenue_target)
            ),
        ),
        Column(
            "actions",
            lambda: translate("RollupModel", "Actions done"),
            lambda r: _share(r.actions_progress),
            lambda r: r.actions_progress,
            RIGHT,
            tooltip=lambda r: translate("RollupModel", "{done} of {count} actions done").format(
                done=r.actions_done, count=r.actions
            ),
        ),
        Column(
            "overdue_actions",
            lambda: translate("RollupModel", "Late actions"),
            lambda r: _count(r.overdue_actions),
            lambda r: r.overdue_actions,
            RIGHT,
            colour=lambda r: _late(r.overdue_actions),
        ),
        Column(
            "overdue_follow_ups",
            lambda: translate("RollupModel", "Late follow-ups"),
            lambda r: _count(r.overdue_follow_ups),
            lambda r: r.overdue_follow_ups,
            RIGHT,
            colour=lambda r: _late(r.overdue_follow_ups),
        ),
        Column(
            "complaints",
            lambda: translate("RollupModel", "Complaints"),
            lambda r: _count(r.open_complaints),
            lambda r: r.open_complaints,
            RIGHT,
            colour=lambda r: _late(r.open_complaints),
        ),
        Column(
            "slipping",
            lambda: translate("RollupModel", "Slipping"),
            lambda r: _count(r.slipping),
            lambda r: r.slipping,
            RIGHT,
        ),
        Column(
            "last_activity",
            lambda: translate("RollupModel", "Last activity"),
            lambda r: _moment(r.last_activity),
            lambda r: r.last_activity,
            RIGHT,
        ),
    ]
    return [
        Column(
            c.key, c.title, c.text, c.sort, c.align, c.colour, c.background, c.tooltip, bold=bold
        )
        for c in found
    ]


class RollupModel(RowsModel):
    """The owners' rows sorted by any column; the total stays the last row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(columns(), parent)
        self.rollup: Rollup | None = None

    def set_rollup(self, rollup: Rollup) -> None:
        self.rollup = rollup
        self.set_rows([*rollup.rows, rollup.total])

    def _sorted(self, rows: list[Any]) -> list[Any]:
        owners = [r for r in rows if not r.is_total]
        return super()._sorted(owners) + [r for r in rows if r.is_total]
