"""What a salesperson's weekly report (周报) says: the week's visits and outcomes, the plan
actions done, next week's actions and follow-ups, the customers whose tier or score moved, and
the complaints open past their service level.

The week runs Monday to Sunday and holds the report's day. ``owner`` narrows every part to
one salesperson: an interaction's or action's own owner, else its plan's or customer's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from models.enums import ActionStatus, InteractionKind, Priority, Sentiment, Tier
from models.plan_periods import week_of
from models.service_levels import DEFAULT_SLA_DAYS, due_on, parse_service_levels
from storage.base import DatabaseBase
from storage.settings_store import SERVICE_LEVELS_KEY

#: Rows per part at most (a manager's whole-firm report of a large book stays readable).
PART_LIMIT = 2_000
#: A score that moved by at least this many points since the previous month is reported.
SCORE_MOVE = 5.0


@dataclass(frozen=True)
class WeekInteraction:
    occurred_at: datetime
    customer: str
    tier: Tier | None
    kind: InteractionKind
    summary: str
    feedback: str
    sentiment: Sentiment
    owner: str
    next_step: str
    next_step_due: date | None


@dataclass(frozen=True)
class WeekAction:
    customer: str
    tier: Tier | None
    period: str
    what: str
    owner: str
    due: date | None
    done_on: date | None
    status: ActionStatus


@dataclass(frozen=True)
class FollowUpAhead:
    customer: str
    tier: Tier | None
    kind: InteractionKind
    next_step: str
    due: date
    owner: str


@dataclass(frozen=True)
class Mover:
    customer: str
    owner: str
    period_before: str
    tier_before: Tier | None
    tier_now: Tier | None
    score_before: float | None
    score_now: float | None


@dataclass(frozen=True)
class LateComplaint:
    customer: str
    tier: Tier | None
    description: str
    priority: Priority
    raised_on: date
    due: date
    days_late: int
    owner: str


@dataclass(frozen=True)
class WeeklyReport:
    start: date
    end: date
    today: date
    owner: str | None
    interactions: list[WeekInteraction]
    actions_done: list[WeekAction]
    actions_ahead: list[WeekAction]
    follow_ups_ahead: list[FollowUpAhead]
    movers: list[Mover]
    late_complaints: list[LateComplaint]
    #: The monthly snapshot the movers are measured against; None: the book has none yet.
    compared_with: str | None = None
    #: Days to answer a need of each priority that the late complaints were judged by.
    service_levels: dict[Priority, int] = field(default_factory=lambda: dict(DEFAULT_SLA_DAYS))

    @property
    def next_start(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def next_end(self) -> date:
        return self.end + timedelta(days=7)


def _tier(value: str | None) -> Tier | None:
    return Tier(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def weekly_report(db: DatabaseBase, today: date, owner: str | None = None,
                  sla_days: dict[Priority, int] | None = None) -> WeeklyReport:
    """Gather the report of the week holding ``today`` from one read snapshot of the book.

    Complaints are late by ``sla_days``, else by the book's service levels (Preferences), the
    same ones that gave each need its due date in the window.
    """
    start, end = week_of(today)
    with db.read_snapshot():
        levels = sla_days or _service_levels(db)
        before = _snapshot_before(db, today)
        return WeeklyReport(
            start=start, end=end, today=today, owner=owner,
            interactions=_interactions(db, start, end, owner),
            actions_done=_actions(db, owner, "a.done_on BETWEEN :start AND :end "
                                  "AND a.status = 'done'", start, end),
            actions_ahead=_actions(db, owner, "a.due_date BETWEEN :start AND :end "
                                   "AND a.status IN ('open', 'in_progress')",
                                   end + timedelta(days=1), end + timedelta(days=7)),
            follow_ups_ahead=_follow_ups(db, end + timedelta(days=1), end + timedelta(days=7),
                                         owner),
            movers=_movers(db, before, owner) if before is not None else [],
            late_complaints=_late_complaints(db, today, owner, levels),
            compared_with=before,
            service_levels=levels,
        )


def _service_levels(db: DatabaseBase) -> dict[Priority, int]:
    stored = db.scalar("SELECT value FROM settings WHERE key = ?", [SERVICE_LEVELS_KEY])
    return parse_service_levels(json.loads(stored) if stored else None)


def _owner_clause(expression: str, owner: str | None) -> str:
    return f" AND {expression} = :owner" if owner else ""


def _interactions(db: DatabaseBase, start: date, end: date,
                  owner: str | None) -> list[WeekInteraction]:
    who = "coalesce(nullif(i.owner, ''), c.owner)"
    rows = db.conn.execute(
        f"SELECT i.occurred_at, c.name, m.tier, i.kind, i.summary, i.feedback, i.sentiment, "
        f"{who}, i.next_step, i.next_step_due FROM interactions i "
        f"JOIN customers c ON c.id = i.customer_id AND c.deleted_at IS NULL "
        f"LEFT JOIN customer_metrics m ON m.customer_id = i.customer_id "
        f"WHERE i.deleted_at IS NULL AND i.occurred_at >= :start AND i.occurred_at < :after"
        f"{_owner_clause(who, owner)} ORDER BY i.occurred_at, c.name_sort LIMIT :limit",
        {"start": start.isoformat(), "after": (end + timedelta(days=1)).isoformat(),
         "owner": owner, "limit": PART_LIMIT})
    return [WeekInteraction(
        occurred_at=datetime.fromisoformat(r[0]), customer=r[1], tier=_tier(r[2]),
        kind=InteractionKind(r[3]), summary=r[4], feedback=r[5], sentiment=Sentiment(r[6]),
        owner=r[7], next_step=r[8], next_step_due=_day(r[9])) for r in rows]


def _actions(db: DatabaseBase, owner: str | None, condition: str, start: date,
             end: date) -> list[WeekAction]:
    who = "coalesce(nullif(a.owner, ''), nullif(p.owner, ''), c.owner)"
    rows = db.conn.execute(
        f"SELECT c.name, m.tier, p.period, a.what, {who}, a.due_date, a.done_on, a.status "
        f"FROM plan_actions a JOIN plans p ON p.id = a.plan_id AND p.deleted_at IS NULL "
        f"JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
        f"LEFT JOIN customer_metrics m ON m.customer_id = c.id "
        f"WHERE a.deleted_at IS NULL AND {condition}{_owner_clause(who, owner)} "
        f"ORDER BY coalesce(m.tier_rank, 9), coalesce(a.done_on, a.due_date), c.name_sort "
        f"LIMIT :limit",
        {"start": start.isoformat(), "end": end.isoformat(), "owner": owner,
         "limit": PART_LIMIT})
    return [WeekAction(customer=r[0], tier=_tier(r[1]), period=r[2], what=r[3], owner=r[4],
                       due=_day(r[5]), done_on=_day(r[6]), status=ActionStatus(r[7]))
            for r in rows]


def _follow_ups(db: DatabaseBase, start: date, end: date, owner: str | None) -> list[FollowUpAhead]:
    who = "coalesce(nullif(i.owner, ''), c.owner)"
    rows = db.conn.execute(
        f"SELECT c.name, m.tier, i.kind, i.next_step, i.next_step_due, {who} "
        f"FROM interactions i JOIN customers c ON c.id = i.customer_id "
        f"AND c.deleted_at IS NULL LEFT JOIN customer_metrics m ON m.customer_id = c.id "
        f"WHERE i.deleted_at IS NULL AND i.next_step_done = 0 AND i.next_step_due IS NOT NULL "
        f"AND i.next_step_due BETWEEN :start AND :end{_owner_clause(who, owner)} "
        f"ORDER BY i.next_step_due, coalesce(m.tier_rank, 9), c.name_sort LIMIT :limit",
        {"start": start.isoformat(), "end": end.isoformat(), "owner": owner,
         "limit": PART_LIMIT})
    return [FollowUpAhead(customer=r[0], tier=_tier(r[1]), kind=InteractionKind(r[2]),
                          next_step=r[3], due=date.fromisoformat(r[4]), owner=r[5])
            for r in rows]


def _snapshot_before(db: DatabaseBase, today: date) -> str | None:
    """The last monthly snapshot before this month, the movers' point of comparison."""
    row = db.conn.execute(
        "SELECT max(period) FROM score_snapshots WHERE period < ? AND period NOT LIKE '%Q%' "
        "AND period LIKE '____-__'", [f"{today:%Y-%m}"]).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def _movers(db: DatabaseBase, before: str, owner: str | None) -> list[Mover]:
    """Customers whose tier differs from, or whose score moved :data:`SCORE_MOVE` points
    since, the monthly snapshot ``before``."""
    rows = db.conn.execute(
        f"SELECT c.name, c.owner, s.tier, m.tier, s.score, m.score FROM customer_metrics m "
        f"JOIN customers c ON c.id = m.customer_id AND c.deleted_at IS NULL "
        f"JOIN score_snapshots s ON s.period = :before AND s.customer_id = m.customer_id "
        f"WHERE (m.tier IS NOT s.tier OR abs(m.score - s.score) >= :move)"
        f"{_owner_clause('c.owner', owner)} "
        f"ORDER BY coalesce(m.tier_rank, 9), abs(m.score - s.score) DESC, c.name_sort "
        f"LIMIT :limit",
        {"before": before, "move": SCORE_MOVE, "owner": owner, "limit": PART_LIMIT})
    return [Mover(customer=r[0], owner=r[1], period_before=before, tier_before=_tier(r[2]),
                  tier_now=_tier(r[3]), score_before=r[4], score_now=r[5]) for r in rows]


def _late_complaints(db: DatabaseBase, today: date, owner: str | None,
                     sla_days: dict[Priority, int]) -> list[LateComplaint]:
    rows = db.conn.execute(
        f"SELECT c.name, m.tier, n.description, n.priority, n.raised_on, c.owner, n.due_on "
        f"FROM needs n JOIN customers c ON c.id = n.customer_id AND c.deleted_at IS NULL "
        f"LEFT JOIN customer_metrics m ON m.customer_id = c.id "
        f"WHERE n.deleted_at IS NULL AND n.kind = 'complaint' "
        f"AND n.status IN ('open', 'in_progress') AND n.raised_on IS NOT NULL "
        f"AND n.raised_on <= :today{_owner_clause('c.owner', owner)} "
        f"ORDER BY n.raised_on, coalesce(m.tier_rank, 9), c.name_sort",
        {"today": today.isoformat(), "owner": owner})
    late = []
    for r in rows:
        raised = date.fromisoformat(r[4])
        priority = Priority(r[3])
        # the answer-by date the need was given (its service level then, or typed in), as the
        # Today view judges it; the service levels only for a need saved without one
        due = date.fromisoformat(r[6][:10]) if r[6] else due_on(raised, priority, sla_days)
        if due is not None and due < today:
            late.append(LateComplaint(customer=r[0], tier=_tier(r[1]), description=r[2],
                                      priority=priority, raised_on=raised, due=due,
                                      days_late=(today - due).days, owner=r[5]))
    late.sort(key=lambda c: (-c.days_late, c.tier.rank if c.tier else 9))
    return late[:PART_LIMIT]
