"""What needs attention today: follow-ups, complaints at top accounts, reviews and silences due.

Each list returns its first rows and how many rows match in all, so the Today view can show a
bounded list on a 100,000-customer book. The lists are ranked and counted on narrow rows: the
follow-up and need indexes, and ``idx_metrics_keys`` (customer id -> deletion, tier rank and
score) for the customer's side; the wide rows (customer name, metrics row) are read for the
shown rows only. The latest undoable change (Edit -> Undo) is found here too, since it is
another "what happened last" question about the book. The Book's ``today`` and ``history``
managers call these functions with their connection.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
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
    owner: str = ""


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


#: The customer's side of a ranking: deletion, tier rank and score by customer id, in one
#: narrow index. The metrics row itself is wide (dimensions, search text), and reading it
#: for each of 40,000 follow-ups costs three times the whole ranking.
KEYS = "customer_metrics k INDEXED BY idx_metrics_keys"
#: The customers a salesperson owns (the metrics row mirrors the customer's owner).
OWNED = "(SELECT customer_id FROM customer_metrics WHERE owner = :owner AND deleted = 0)"
#: The live customers of one tier (the test of its rank fills the braces), for an ``IN``.
TIER = ("(SELECT customer_id FROM customer_metrics INDEXED BY idx_book_tier "
        "WHERE deleted = 0 AND tier_rank {})")
#: Tier ranks in the order Today lists them (None: not scored, last).
RANKS: tuple[int | None, ...] = (*(t.rank for t in Tier), None)
#: Up to this many items, ranking looks each one's customer up (a few milliseconds); a
#: backlog of more is walked tier by tier instead, each tier's customers held in memory.
LOOK_UP_AT = 3_000
_FOLLOW_UP = ("i.next_step_due IS NOT NULL AND i.next_step_done = 0 AND i.deleted_at IS NULL "
              "AND i.next_step_due <= :until AND i.next_step_due >= :since")
_OPEN_NEED = "n.status IN ('open', 'in_progress') AND n.deleted_at IS NULL"


def deleted_customers(db: DatabaseBase) -> list[str]:
    """Ids of the customers in the bin (their records stay, and must not be counted)."""
    return [str(r[0]) for r in db.conn.execute(
        "SELECT id FROM customers WHERE deleted_at IS NOT NULL")]


def _ranked(db: DatabaseBase, rank: str, due: str, rid: str, body: str,
            params: Mapping[str, object], limit: int) -> tuple[list[int], int]:
    """Row ids of the first ``limit`` rows of ``body`` (``FROM ... WHERE ...`` joined to the
    customer's keys) by ``rank`` then ``due``, plus every row tied with the last of them on
    both (the caller orders those by name, read for these rows only), and how many rows
    match in all."""
    first = db.conn.execute(
        f"SELECT {rank}, {due}, {rid}, count(*) OVER () {body} ORDER BY 1, 2, 3 LIMIT :limit",
        {**params, "limit": int(limit)}).fetchall()
    if not first:
        return [], 0
    total = int(first[0][3])
    if total <= len(first):
        return [int(r[2]) for r in first], total
    edge = (first[-1][0], first[-1][1])
    ids = [int(r[2]) for r in first if (r[0], r[1]) < edge]
    ids += [int(r[0]) for r in db.conn.execute(
        f"SELECT {rid} {body} AND {rank} = :edge_rank AND {due} = :edge_due",
        {**params, "edge_rank": edge[0], "edge_due": edge[1]})]
    return ids, total


def _by_tier(db: DatabaseBase, customer: str, due: str, rid: str, body: str,
             params: Mapping[str, object], limit: int) -> list[int]:
    """Like :func:`_ranked` for a large backlog of everyone's (no count): ``body``'s rows
    tier by tier, each tier's customers held in memory and its first rows by ``due`` read
    until ``limit`` are found, plus the rows tied with the last on tier and date."""
    found: list[tuple[int | None, object, int]] = []
    for rank in RANKS:
        if len(found) >= limit:
            break
        tier = TIER.format("IS NULL" if rank is None else f"= {rank}")
        found += [(rank, r[0], int(r[1])) for r in db.conn.execute(
            f"SELECT {due}, {rid} {body} AND {customer} IN {tier} ORDER BY 1, 2 LIMIT :left",
            {**params, "left": limit - len(found)})]
    ids = [f[2] for f in found]
    if len(found) >= limit:
        rank, day, _rid = found[-1]
        taken = set(ids)
        tier = TIER.format("IS NULL" if rank is None else f"= {rank}")
        ids += [int(r[0]) for r in db.conn.execute(
            f"SELECT {rid} {body} AND {customer} IN {tier} AND {due} = :edge_due",
            {**params, "edge_due": day}) if int(r[0]) not in taken]
    return ids


def follow_ups_due(db: DatabaseBase, until: date, *, since: date | None = None,
                   today: date | None = None, owner: str | None = None,
                   limit: int = DEFAULT_LIMIT,
                   deleted: list[str] | None = None) -> Listing[FollowUp]:
    """Open next steps due on or before ``until`` (and on or after ``since`` if given:
    without it, every overdue one too), highest tier first, then earliest; ``owner``: only
    theirs (the interaction's owner, else the customer's). ``deleted``: the customers in the
    bin, if the caller has read them already."""
    today = today or date.today()
    params = {"until": until.isoformat(), "since": since.isoformat() if since else "",
              "owner": owner}
    look_up = (f"FROM interactions i JOIN {KEYS} ON k.customer_id = i.customer_id "
               f"AND k.deleted = 0 WHERE {_FOLLOW_UP}")
    if owner:  # the interaction's owner is on its row: each one is read, in file order
        look_up += (f" AND i.rowid IN (SELECT f.rowid FROM interactions f INDEXED BY "
                    f"idx_interactions_follow_up WHERE {_FOLLOW_UP.replace('i.', 'f.')}) "
                    f"AND (i.owner = :owner OR (i.owner = '' AND i.customer_id IN {OWNED}))")
        total = -1
    else:  # counted on the follow-up index alone
        gone = deleted_customers(db) if deleted is None else deleted
        total = int(db.scalar(
            f"SELECT count(*) FROM interactions i WHERE {_FOLLOW_UP} AND i.customer_id "
            f"NOT IN (SELECT value FROM json_each(:gone))",
            {**params, "gone": json.dumps(gone)}) or 0)
    if 0 <= LOOK_UP_AT < total:
        ids = _by_tier(db, "i.customer_id", "i.next_step_due", "i.rowid",
                       f"FROM interactions i INDEXED BY idx_interactions_follow_up "
                       f"WHERE {_FOLLOW_UP}", params, limit)
    elif total != 0:
        ids, counted = _ranked(db, "coalesce(k.tier_rank, 9)", "i.next_step_due", "i.rowid",
                               look_up, params, limit)
        total = counted if total < 0 else total
    else:
        ids = []
    rows = db.conn.execute(
        "SELECT i.id, i.customer_id, c.name, m.tier, i.kind, i.next_step, i.next_step_due, "
        "coalesce(nullif(i.owner, ''), c.owner) FROM json_each(:ids) j "
        "JOIN interactions i ON i.rowid = j.value JOIN customers c ON c.id = i.customer_id "
        "JOIN customer_metrics m ON m.customer_id = i.customer_id "
        "ORDER BY coalesce(m.tier_rank, 9), i.next_step_due, m.name_sort, i.id LIMIT :limit",
        {"ids": json.dumps(ids), "limit": int(limit)}).fetchall()
    found = []
    for r in rows:
        due = date.fromisoformat(r[6])
        found.append(FollowUp(interaction_id=r[0], customer_id=r[1], customer_name=r[2],
                              tier=_tier(r[3]), kind=InteractionKind(r[4]), next_step=r[5],
                              due=due, owner=r[7], overdue=due < today))
    return Listing(found, total)


def open_complaints(db: DatabaseBase, tiers: Collection[Tier] = TOP_TIERS, *,
                    owner: str | None = None, late_on: date | None = None,
                    limit: int = DEFAULT_LIMIT,
                    deleted: list[str] | None = None) -> Listing[OpenComplaint]:
    """Complaints still open or in progress at customers of ``tiers``, highest tier and
    priority, then oldest first; with ``late_on``, every open need (of any kind and tier)
    past its answer-by date that day, highest tier and latest first. ``owner``: only theirs
    (the need's, else the customer's). ``deleted``: as for :func:`follow_ups_due`."""
    body = (f"FROM needs n JOIN {KEYS} ON k.customer_id = n.customer_id AND k.deleted = 0 "
            f"WHERE {_OPEN_NEED} ")
    params: dict[str, object] = {"owner": owner}
    total = -1
    if late_on is not None:
        body += "AND n.due_on < :late_on"
        params["late_on"] = late_on.isoformat()
        rank, due = "coalesce(k.tier_rank, 9)", "n.due_on"
        order = "coalesce(m.tier_rank, 9), n.due_on, m.name_sort, n.id"
        if not owner:  # the due-date index counts them; the bin's are taken off
            gone = deleted_customers(db) if deleted is None else deleted
            total = int(db.scalar(f"SELECT count(*) FROM needs n WHERE {_OPEN_NEED} "
                                  f"AND n.due_on < :late_on", params) or 0) - int(db.scalar(
                f"SELECT count(*) FROM needs n INDEXED BY idx_needs_customer "
                f"WHERE n.customer_id IN (SELECT value FROM json_each(:gone)) "
                f"AND {_OPEN_NEED} AND n.due_on < :late_on",
                {**params, "gone": json.dumps(gone)}) or 0)
    else:
        ranks = ", ".join(str(t.rank) for t in sorted(tiers, key=lambda t: t.rank)) or "-1"
        body += f"AND n.kind = 'complaint' AND k.tier_rank IN ({ranks})"
        rank, due = "k.tier_rank", f"CASE n.priority {_PRIORITY_RANK} END"
        order = (f"m.tier_rank, CASE n.priority {_PRIORITY_RANK} END, n.raised_on IS NULL, "
                 "n.raised_on, m.name_sort, n.id")
    if owner and late_on is not None:  # each need's owner is read, in file order
        body += (f" AND n.rowid IN (SELECT d.rowid FROM needs d INDEXED BY idx_needs_due "
                 f"WHERE {_OPEN_NEED.replace('n.', 'd.')} AND d.due_on < :late_on)")
    if owner:
        body += f" AND (n.owner = :owner OR (n.owner = '' AND n.customer_id IN {OWNED}))"
    if 0 <= LOOK_UP_AT < total:
        ids = _by_tier(db, "n.customer_id", "n.due_on", "n.rowid",
                       f"FROM needs n INDEXED BY idx_needs_open_kind WHERE {_OPEN_NEED} "
                       f"AND n.due_on < :late_on", params, limit)
    elif total != 0:
        ids, counted = _ranked(db, rank, due, "n.rowid", body, params, limit)
        total = counted if total < 0 else total
    else:
        ids = []
    rows = db.conn.execute(
        "SELECT n.id, n.customer_id, c.name, m.tier, n.description, n.priority, n.status, "
        "n.raised_on, n.due_on, n.kind, coalesce(nullif(n.owner, ''), c.owner) "
        "FROM json_each(:ids) j JOIN needs n ON n.rowid = j.value "
        "JOIN customers c ON c.id = n.customer_id "
        f"JOIN customer_metrics m ON m.customer_id = n.customer_id ORDER BY {order} "
        "LIMIT :limit", {"ids": json.dumps(ids), "limit": int(limit)}).fetchall()
    return Listing([OpenComplaint(
        need_id=r[0], customer_id=r[1], customer_name=r[2], tier=_tier(r[3]),
        description=r[4], priority=Priority(r[5]), status=NeedStatus(r[6]),
        raised_on=_day(r[7]), due_on=_day(r[8]), kind=NeedKind(r[9]), owner=r[10])
        for r in rows], total)


_PRIORITY_RANK = "WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2"


# ---- customers due: slipping, silent, reviews ------------------------------------------
@dataclass(frozen=True)
class Slipping:
    """A customer whose tier fell, whose score fell by :data:`SLIP_POINTS` or more, or (a
    strategic or key customer) whose 12-month revenue fell by :data:`REVENUE_FALL` or more,
    since the last monthly snapshot before this month."""

    customer_id: str
    customer_name: str
    tier: Tier | None
    tier_before: Tier | None
    score: float | None
    score_before: float | None
    period_before: str
    owner: str
    revenue: float = 0.0  # 12 months to today, and to the snapshot
    revenue_before: float = 0.0

    @property
    def revenue_fell(self) -> bool:
        return self.revenue_before > 0 and self.revenue <= self.revenue_before * (
            1 - REVENUE_FALL)


#: A score that fell by at least this many points since last month is worth a look.
SLIP_POINTS = 5.0
#: A strategic or key customer whose 12-month revenue fell by this share is slipping too.
REVENUE_FALL = 0.2


def slipping_customers(db: DatabaseBase, today: date, *, owner: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> Listing[Slipping]:
    """Customers whose tier or score fell since the last monthly snapshot before ``today``'s
    month, or strategic and key ones whose 12-month revenue fell by REVENUE_FALL, highest
    tier (before) and largest fall of score first.

    The snapshot's rows (tier and score inline) are compared with the narrow keys index, in
    customer id order on both sides; names and owners are read for the shown rows."""
    row = db.conn.execute(
        "SELECT max(period) FROM score_snapshots WHERE period < ? AND period LIKE '____-__'",
        [f"{today:%Y-%m}"]).fetchone()
    before = row[0] if row else None
    if before is None:
        return Listing([], 0)
    rank_before = ("CASE s.tier WHEN 'strategic' THEN 0 WHEN 'key' THEN 1 "
                   "WHEN 'standard' THEN 2 ELSE 3 END")
    mine = f"AND s.customer_id IN {OWNED} " if owner else ""
    rows = db.conn.execute(
        f"WITH fell AS (SELECT s.customer_id, s.tier AS tier_before, k.score, "
        f"s.score AS score_before, {rank_before} AS rank_before, count(*) OVER () AS total, "
        f"k.revenue_12m, s.revenue AS revenue_before "
        f"FROM score_snapshots s JOIN {KEYS} ON k.customer_id = s.customer_id "
        f"AND k.deleted = 0 WHERE s.period = :before AND k.tier_rank IS NOT NULL "
        f"AND (k.tier_rank > {rank_before} OR k.score <= s.score - :points "
        f"OR ({rank_before} <= 1 AND s.revenue > 0 "
        f"AND k.revenue_12m <= s.revenue * :keep)) {mine}"
        f"ORDER BY rank_before, k.score - s.score, s.customer_id LIMIT :limit) "
        f"SELECT fell.customer_id, c.name, m.tier, fell.tier_before, fell.score, "
        f"fell.score_before, c.owner, fell.total, fell.revenue_12m, fell.revenue_before "
        f"FROM fell "
        f"JOIN customers c ON c.id = fell.customer_id "
        f"JOIN customer_metrics m ON m.customer_id = fell.customer_id "
        f"ORDER BY fell.rank_before, fell.score - fell.score_before, fell.customer_id",
        {"before": before, "points": SLIP_POINTS, "owner": owner, "limit": int(limit),
         "keep": 1 - REVENUE_FALL},
    ).fetchall()
    return Listing([Slipping(customer_id=r[0], customer_name=r[1], tier=_tier(r[2]),
                             tier_before=_tier(r[3]), score=r[4], score_before=r[5],
                             period_before=before, owner=r[6], revenue=float(r[8] or 0),
                             revenue_before=float(r[9] or 0)) for r in rows],
                   int(rows[0][7]) if rows else 0)


def silent_customers(db: SettingsMixin, *, today: date | None = None,
                     tiers: Collection[Tier] = TOP_TIERS, owner: str | None = None,
                     limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
    """Customers of ``tiers`` not contacted for longer than their tier's cadence (or
    never), highest tier and longest silence first."""
    due = _Due(db, today or date.today(), tiers, owner)
    if not due.before:
        return Listing([], 0)
    last = "m.last_interaction_at"
    if owner:
        return due.listing(*due.owned(last, limit))
    # Everyone's: the silent of a tier are its customers less those contacted since its
    # cut-off (few, on a book in use), and the first of them are the first entries of the
    # last-contact index that belong to the tier (never contacted, then the oldest).
    recent = dict(db.conn.execute(
        f"SELECT k.tier_rank, count(*) FROM customer_metrics m "
        f"INDEXED BY idx_book_last_interaction JOIN {KEYS} ON k.customer_id = m.customer_id "
        f"AND k.deleted = 0 WHERE m.deleted = 0 AND {last} >= :earliest "
        f"AND k.tier_rank IN ({due.ranks}) AND {last} >= {due.cut('k.tier_rank')} "
        f"GROUP BY k.tier_rank", due.params()).fetchall())
    found: list[tuple[str, int, str | None]] = []
    for rank in due.before:
        for test, order in ((f"{last} IS NULL", "m.name_sort"),
                            (f"{last} < :before", f"{last}, m.name_sort")):
            if len(found) >= limit:
                break
            found += [(r[0], rank, r[1]) for r in db.conn.execute(
                f"SELECT m.customer_id, {last} FROM customer_metrics m "
                f"INDEXED BY idx_book_last_interaction JOIN {KEYS} "
                f"ON k.customer_id = m.customer_id AND k.deleted = 0 "
                f"WHERE m.deleted = 0 AND {test} AND k.tier_rank = :rank "
                f"ORDER BY {order}, m.customer_id LIMIT :limit",
                {"before": due.before[rank], "rank": rank, "limit": limit - len(found)})]
    total = due.tier_sizes() - sum(recent.values())
    return due.listing(found, total)


def reviews_due(db: SettingsMixin, *, today: date | None = None,
                tiers: Collection[Tier] = tuple(Tier), owner: str | None = None,
                limit: int = DEFAULT_LIMIT) -> Listing[CustomerDue]:
    """Scored customers whose last assessment is older than their tier's review cadence
    (or who were never assessed), highest tier and longest overdue first."""
    due = _Due(db, today or date.today(), tiers, owner)
    if not due.before:
        return Listing([], 0)
    last = ("(SELECT max(a.assessed_on) FROM assessments a WHERE a.customer_id = "
            "m.customer_id AND a.deleted_at IS NULL)")
    if owner:
        return due.listing(*due.owned(last, limit))
    # Everyone's: the due of a tier are its customers less those assessed since its cut-off
    # (one pass over the assessment index); the first of them are read tier by tier.
    recent = dict(db.conn.execute(
        f"SELECT k.tier_rank, count(*) FROM (SELECT customer_id, max(assessed_on) AS last "
        f"FROM assessments WHERE deleted_at IS NULL AND assessed_on >= :earliest "
        f"GROUP BY customer_id) a JOIN {KEYS} ON k.customer_id = a.customer_id "
        f"AND k.deleted = 0 WHERE k.tier_rank IN ({due.ranks}) "
        f"AND a.last >= {due.cut('k.tier_rank')} GROUP BY k.tier_rank",
        due.params()).fetchall())
    found: list[tuple[str, int, str | None]] = []
    for rank in due.before:
        if len(found) >= limit:
            break
        found += [(r[0], rank, r[1]) for r in db.conn.execute(
            f"SELECT customer_id, last FROM (SELECT m.customer_id, m.name_sort, {last} AS last "
            f"FROM customer_metrics m INDEXED BY idx_book_tier "
            f"WHERE m.deleted = 0 AND m.tier_rank = :rank) "
            f"WHERE last IS NULL OR last < :before ORDER BY last, name_sort, customer_id "
            f"LIMIT :limit",
            {"before": due.before[rank], "rank": rank, "limit": limit - len(found)})]
    total = due.tier_sizes() - sum(recent.values())
    return due.listing(found, total)


class _Due:
    """The tiers' cut-offs for a list of customers due (a contact, a review): ``before`` maps
    each tier's rank to the first day that is recent enough, highest tier first."""

    def __init__(self, db: SettingsMixin, today: date, tiers: Collection[Tier],
                 owner: str | None) -> None:
        self.db = db
        self.owner = owner
        config = db.scoring_config()
        self.days = {t.rank: int(config.review_cadence_days.get(t.value, 90)) for t in tiers}
        self.before = {rank: (today - timedelta(days=days - 1)).isoformat()
                       for rank, days in sorted(self.days.items())}
        self.ranks = ", ".join(str(rank) for rank in self.before)

    def cut(self, rank: str) -> str:
        """The SQL expression of the cut-off of the tier of rank ``rank`` (an expression)."""
        whens = " ".join(f"WHEN {r} THEN :before_{r}" for r in self.before)
        return f"CASE {rank} {whens} END"

    def params(self) -> dict[str, object]:
        return {"earliest": min(self.before.values()), "owner": self.owner,
                **{f"before_{r}": day for r, day in self.before.items()}}

    def tier_sizes(self) -> int:
        """Scored customers of these tiers (the tier index, counted)."""
        return int(self.db.scalar(
            f"SELECT count(*) FROM customer_metrics INDEXED BY idx_book_tier "
            f"WHERE deleted = 0 AND tier_rank IN ({self.ranks})") or 0)

    def owned(self, last: str, limit: int) -> tuple[list[tuple[str, int, str | None]], int]:
        """The first due customers of the owner and how many in all, read from the owner's
        customers (a tenth of the book: each one's tier, then ``last`` for its tier's)."""
        rows = self.db.conn.execute(
            f"SELECT customer_id, tier_rank, last, count(*) OVER () FROM ("
            f"SELECT m.customer_id, k.tier_rank, m.name_sort, {last} AS last "
            f"FROM customer_metrics m INDEXED BY idx_book_owner JOIN {KEYS} "
            f"ON k.customer_id = m.customer_id AND k.deleted = 0 "
            f"WHERE m.owner = :owner AND m.deleted = 0 AND k.tier_rank IN ({self.ranks})) "
            f"WHERE last IS NULL OR last < {self.cut('tier_rank')} "
            f"ORDER BY tier_rank, last, name_sort, customer_id LIMIT :limit",
            {**self.params(), "limit": int(limit)}).fetchall()
        return [(r[0], int(r[1]), r[2]) for r in rows], int(rows[0][3]) if rows else 0

    def listing(self, found: list[tuple[str, int, str | None]],
                total: int) -> Listing[CustomerDue]:
        """The found (customer id, tier rank, last date) with their names and owners."""
        names = {r[0]: (r[1], r[2]) for r in self.db.conn.execute(
            "SELECT c.id, c.name, c.owner FROM json_each(:ids) j JOIN customers c "
            "ON c.id = j.value", {"ids": json.dumps([f[0] for f in found])})}
        tiers = list(Tier)
        result = []
        for customer_id, rank, last in found:
            when = _day(last)
            days = self.days[rank]
            name, owner = names.get(customer_id, ("", ""))
            result.append(CustomerDue(
                customer_id=customer_id, customer_name=name, tier=tiers[rank], last=when,
                due=when + timedelta(days=days) if when else None, cadence_days=days,
                owner=owner))
        return Listing(result, total)

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
