"""What needs attention today: follow-ups, complaints at top accounts, reviews and silences due.

Each list is one indexed SQL query that also returns how many rows match in all, so the Today
view can show a bounded list on a 100,000-customer book. The latest undoable change (Edit →
Undo) is found here too, since it is another "what happened last" question about the book.
The Book's ``today`` and ``history`` managers call these functions with their connection.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from models.enums import InteractionKind, NeedKind, NeedStatus, Priority, Tier
from storage.base import DatabaseBase
from storage.settings_store import SettingsMixin

#: Tiers whose open complaints and long silences the Today view surfaces (article 002, 004).
TOP_TIERS: frozenset[Tier] = frozenset({Tier.STRATEGIC, Tier.KEY})
DEFAULT_LIMIT = 500

T = TypeVar("T")


@dataclass(frozen=True)
class FollowUp:
    """The next step of an interaction, not done yet (owner: the interaction's, else the
    customer's)."""

    interaction_id: str
    customer_id: str
    customer_name: str
    tier: Tier | None
    kind: InteractionKind
    next_step: str
    due: date
    owner: str
    overdue: bool


@dataclass(frozen=True)
class OpenComplaint:
    need_id: str
    customer_id: str
    customer_name: str
    tier: Tier | None
    description: str
    priority: Priority
    status: NeedStatus
    raised_on: date | None
    due_on: date | None = None
    kind: NeedKind = NeedKind.COMPLAINT
    owner: str = ""


@dataclass(frozen=True)
class CustomerDue:
    """A customer due for a review (last assessment) or a contact (last interaction)."""

    customer_id: str
    customer_name: str
    tier: Tier
    last: date | None  # last assessment or contact; None if never
    due: date | None  # when it fell due; None if never done at all
    cadence_days: int


@dataclass(frozen=True)
class Listing(Generic[T]):
    """Up to ``limit`` rows, and how many match in all."""

    rows: list[T]
    total: int


@dataclass(frozen=True)
class ChangeSummary:
    """One logged change (all its fields), as Edit → Undo names it."""

    change_id: str
    action: str
    table_name: str
    record_id: str
    customer_id: str | None
    customer_name: str
    at: str


def _tier(value: str | None) -> Tier | None:
    return Tier(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def follow_ups_due(db: DatabaseBase, until: date, *, since: date | None = None,
                   today: date | None = None, owner: str | None = None,
                   limit: int = DEFAULT_LIMIT) -> Listing[FollowUp]:
    """Open next steps due on or before ``until`` (and on or after ``since`` if given:
    without it, every overdue one too), highest tier first, then earliest; ``owner``: only
    theirs (the interaction's owner, else the customer's)."""
    today = today or date.today()
    where = ("i.next_step_due IS NOT NULL AND i.next_step_done = 0 AND i.deleted_at IS NULL "
             "AND i.next_step_due <= :until AND i.next_step_due >= :since")
    if owner:
        where += " AND coalesce(nullif(i.owner, ''), m.owner) = :owner"
    params = {"until": until.isoformat(), "since": since.isoformat() if since else "",
              "limit": int(limit), "owner": owner}
    # Ranked and counted on the narrow rows (the follow-up index and the metrics row, which
    # mirrors the customer's owner, deletion and name order); the wide customer rows are
    # read for the shown ones only: a backlog of 40,000 is ranked in a third of the time.
    rows = db.conn.execute(
        f"WITH due AS (SELECT i.id, i.customer_id, i.next_step_due, "
        f"coalesce(m.tier_rank, 9) AS rank, m.name_sort AS name_sort, count(*) OVER () AS total "
        f"FROM interactions i JOIN customer_metrics m ON m.customer_id = i.customer_id "
        f"AND m.deleted = 0 WHERE {where} "
        f"ORDER BY rank, i.next_step_due, name_sort, i.id LIMIT :limit) "
        f"SELECT due.id, due.customer_id, c.name, m.tier, i.kind, i.next_step, "
        f"due.next_step_due, coalesce(nullif(i.owner, ''), c.owner), due.total FROM due "
        f"JOIN interactions i ON i.id = due.id JOIN customers c ON c.id = due.customer_id "
        f"LEFT JOIN customer_metrics m ON m.customer_id = due.customer_id "
        f"ORDER BY due.rank, due.next_step_due, due.name_sort, due.id", params).fetchall()
    total = int(rows[0][8]) if rows else 0
    found = []
    for r in rows:
        due = date.fromisoformat(r[6])
        found.append(FollowUp(interaction_id=r[0], customer_id=r[1], customer_name=r[2],
                              tier=_tier(r[3]), kind=InteractionKind(r[4]), next_step=r[5],
                              due=due, owner=r[7], overdue=due < today))
    return Listing(found, total)


def open_complaints(db: DatabaseBase, tiers: Collection[Tier] = TOP_TIERS, *,
                    owner: str | None = None, late_on: date | None = None,
                    limit: int = DEFAULT_LIMIT) -> Listing[OpenComplaint]:
    """Complaints still open or in progress at customers of ``tiers``, oldest first; with
    ``late_on``, every open need (of any kind and tier) past its answer-by date that day,
    highest tier and latest first. ``owner``: only theirs (the need's, else the customer's)."""
    codes = sorted(t.value for t in tiers)
    marks = ",".join("?" * len(codes)) or "''"
    params: list[object] = []
    # Ranked and counted on the needs and the metrics row (which mirrors the customer's
    # owner and deletion); the customer's name is read for the shown rows only.
    base = ("FROM needs n JOIN customer_metrics m ON m.customer_id = n.customer_id "
            "AND m.deleted = 0 WHERE n.status IN ('open', 'in_progress') "
            "AND n.deleted_at IS NULL ")
    if late_on is not None:
        base += "AND n.due_on < ? "
        params.append(late_on.isoformat())
        order = "coalesce(m.tier_rank, 9), n.due_on, m.name_sort, n.id"
    else:
        base += f"AND n.kind = 'complaint' AND m.tier IN ({marks}) "
        params += codes
        order = ("m.tier_rank, CASE n.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 "
                 "ELSE 2 END, n.raised_on IS NULL, n.raised_on, m.name_sort, n.id")
    if owner:
        base += "AND coalesce(nullif(n.owner, ''), m.owner) = ? "
        params.append(owner)
    rows = db.conn.execute(
        f"WITH shown AS (SELECT n.id, m.tier, count(*) OVER () AS total, "
        f"row_number() OVER (ORDER BY {order}) AS position {base} ORDER BY {order} "
        f"LIMIT ?) "
        f"SELECT n.id, n.customer_id, c.name, shown.tier, n.description, n.priority, n.status, "
        f"n.raised_on, n.due_on, n.kind, coalesce(nullif(n.owner, ''), c.owner), shown.total "
        f"FROM shown JOIN needs n ON n.id = shown.id JOIN customers c ON c.id = n.customer_id "
        f"ORDER BY shown.position", [*params, int(limit)]).fetchall()
    total = int(rows[0][11]) if rows else 0
    return Listing([OpenComplaint(
        need_id=r[0], customer_id=r[1], customer_name=r[2], tier=_tier(r[3]),
        description=r[4], priority=Priority(r[5]), status=NeedStatus(r[6]),
        raised_on=_day(r[7]), due_on=_day(r[8]), kind=NeedKind(r[9]), owner=r[10])
        for r in rows], total)


@dataclass(frozen=True)
class Slipping:
    """A customer whose tier fell, or whose score fell by :data:`SLIP_POINTS` or more,
    since the last monthly snapshot before this month."""

    customer_id: str
    customer_name: str
    tier: Tier | None
    tier_before: Tier | None
    score: float | None
    score_before: float | None
    period_before: str
    owner: str


#: A score that fell by at least this many points since last month is worth a look.
SLIP_POINTS = 5.0


def slipping_customers(db: DatabaseBase, today: date, *, owner: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> Listing[Slipping]:
    """Customers whose tier or score fell since the last monthly snapshot before ``today``'s
    month, highest tier (before) and largest fall first."""
    row = db.conn.execute(
        "SELECT max(period) FROM score_snapshots WHERE period < ? AND period LIKE '____-__'",
        [f"{today:%Y-%m}"]).fetchone()
    before = row[0] if row else None
    if before is None:
        return Listing([], 0)
    rank = ("CASE {0} WHEN 'strategic' THEN 0 WHEN 'key' THEN 1 WHEN 'standard' THEN 2 "
            "ELSE 3 END")
    rows = db.conn.execute(
        f"WITH fell AS (SELECT m.customer_id, m.tier, s.tier AS tier_before, m.score, "
        f"s.score AS score_before, m.owner, count(*) OVER () AS total, "
        f"{rank.format('s.tier')} AS rank_before FROM customer_metrics m "
        f"JOIN score_snapshots s ON s.period = :before AND s.customer_id = m.customer_id "
        f"WHERE m.deleted = 0 AND m.tier IS NOT NULL AND ({rank.format('m.tier')} > "
        f"{rank.format('s.tier')} OR m.score <= s.score - :points) "
        f"AND (:owner IS NULL OR m.owner = :owner) "
        f"ORDER BY rank_before, m.score - s.score LIMIT :limit) "
        f"SELECT fell.customer_id, c.name, fell.tier, fell.tier_before, fell.score, "
        f"fell.score_before, fell.owner, fell.total FROM fell "
        f"JOIN customers c ON c.id = fell.customer_id "
        f"ORDER BY fell.rank_before, fell.score - fell.score_before",
        {"before": before, "points": SLIP_POINTS, "owner": owner or None,
         "limit": int(limit)}).fetchall()
    return Listing([Slipping(customer_id=r[0], customer_name=r[1], tier=_tier(r[2]),
                             tier_before=_tier(r[3]), score=r[4], score_before=r[5],
                             period_before=before, owner=r[6]) for r in rows],
                   int(rows[0][7]) if rows else 0)


def reviews_due(db: SettingsMixin, *, today: date | None = None,
                tiers: Collection[Tier] = tuple(Tier), owner: str | None = None,
                limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
    """Scored customers whose last assessment is older than their tier's review cadence
    (or who were never assessed), highest tier and longest overdue first."""
    join = ("LEFT JOIN (SELECT customer_id, max(assessed_on) AS last FROM assessments "
            "WHERE deleted_at IS NULL GROUP BY customer_id) l "
            "ON l.customer_id = m.customer_id")
    return _customers_due(db, "l.last", join, today or date.today(), tiers, limit, owner)


def silent_customers(db: SettingsMixin, *, today: date | None = None,
                     tiers: Collection[Tier] = TOP_TIERS, owner: str | None = None,
                     limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
    """Customers of ``tiers`` not contacted for longer than their tier's cadence (or
    never), longest silence first."""
    return _customers_due(db, "substr(m.last_interaction_at, 1, 10)", "",
                          today or date.today(), tiers, limit, owner)


def _customers_due(db: SettingsMixin, last: str, join: str, today: date,
                   tiers: Collection[Tier], limit: int,
                   owner: str | None = None) -> Listing[CustomerDue]:
    """Customers of ``tiers`` whose ``last`` date (an expression over ``customer_metrics
    m`` and ``join``) is on or before their tier's cut-off (today minus the cadence), or
    missing.

    The narrow metrics table is read once; names are joined for the shown rows only, and
    the total comes from a window count over the same pass.
    """
    config = db.scoring_config()
    cadence = {t.value: int(config.review_cadence_days.get(t.value, 90)) for t in tiers}
    cutoffs = {tier: [(today - timedelta(days=days)).isoformat(), days]
               for tier, days in cadence.items()}
    sql = f"""
        WITH cut AS (SELECT key AS tier, json_extract(value, '$[0]') AS cutoff,
                            json_extract(value, '$[1]') AS days FROM json_each(:cutoffs)),
        due AS (
            SELECT m.customer_id, m.tier, m.tier_rank, m.name_sort, cut.days,
                   {last} AS last, count(*) OVER () AS total
            FROM customer_metrics m JOIN cut ON cut.tier = m.tier {join}
            WHERE m.deleted = 0 AND ({last} IS NULL OR {last} <= cut.cutoff)
              AND (:owner IS NULL OR m.owner = :owner)
            ORDER BY m.tier_rank, {last} IS NOT NULL, {last}, m.name_sort
            LIMIT :limit
        )
        SELECT due.customer_id, c.name, due.tier, due.last, due.days, due.total
        FROM due JOIN customers c ON c.id = due.customer_id
        ORDER BY due.tier_rank, due.last IS NOT NULL, due.last, due.name_sort"""
    params = {"cutoffs": json.dumps(cutoffs), "limit": int(limit), "owner": owner or None}
    found, total = [], 0
    for r in db.conn.execute(sql, params):
        when = _day(r[3])
        total = int(r[5])
        found.append(CustomerDue(
            customer_id=r[0], customer_name=r[1], tier=Tier(r[2]), last=when,
            due=when + timedelta(days=int(r[4])) if when else None,
            cadence_days=int(r[4])))
    return Listing(found, total)


# ---- undo ------------------------------------------------------------------------------
def latest_change(db: DatabaseBase, excluding: Collection[str] = ()) -> ChangeSummary | None:
    """The newest logged change whose id is not in ``excluding`` (already undone, or an
    undo itself), or None. Imports are passed over: one is taken back by restoring the
    backup made before it, not by Edit → Undo."""
    row = db.conn.execute(
        "SELECT l.change_id, l.action, l.table_name, l.record_id, l.customer_id, l.at, "
        "coalesce(c.name, '') FROM change_log l LEFT JOIN customers c ON c.id = l.customer_id "
        "WHERE l.change_id NOT IN (SELECT value FROM json_each(?)) AND l.action <> 'import' "
        "ORDER BY l.seq DESC LIMIT 1", [json.dumps(sorted(excluding))]).fetchone()
    if row is None:
        return None
    return ChangeSummary(change_id=row[0], action=row[1], table_name=row[2],
                         record_id=row[3], customer_id=row[4], at=row[5],
                         customer_name=row[6])
