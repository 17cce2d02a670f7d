"""The dated items a calendar export writes: follow-ups, plan actions, plan reviews and needs'
answer-by dates, with the customer, contact, plan and owner each one concerns.

Each kind is one statement over its due-date column in a range (a year's items on the
100,000-customer book are read in a fraction of a second); the export
(:mod:`storage.export_calendar`) turns the rows into events. Done items are read too, so that
a re-export can mark them cancelled in the user's calendar.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time, timedelta
from operator import attrgetter
from typing import NamedTuple

from models.plan_periods import period_bounds
from models.validation import ValidationError
from storage.base import DatabaseBase

#: The statuses of a plan action or need still to do.
_OPEN = ("open", "in_progress")
#: The kinds of item, in the order an export lists them.
FOLLOW_UP, PLAN_ACTION, PLAN_REVIEW, NEED = "follow_up", "plan_action", "plan_review", "need"
KINDS: tuple[str, ...] = (FOLLOW_UP, PLAN_ACTION, PLAN_REVIEW, NEED)
#: Reviews projected ahead of a plan, at most (its cadence can be as short as a week).
MAX_REVIEWS_AHEAD = 60


class CalendarItem(NamedTuple):
    """One dated thing to do for a customer (a tuple: a year of a large book's items is
    made in a third of a frozen dataclass's time)."""

    kind: str  # one of KINDS
    record_id: str  # the record's global id (a plan's for a review)
    sequence: int  # which review of the plan (1, 2, ...); 0 for the other kinds
    customer_id: str
    customer_code: str
    customer_name: str
    title: str  # the next step, the action, the need's description; a review: the period
    due: date
    at: time | None  # a time of day, where the item has one; None: all day
    owner: str
    contact: str = ""  # the contacts present, or who raised the need
    plan: str = ""  # the plan's period
    detail: str = ""  # the interaction's kind, the need's kind, the action's status
    done: bool = False
    updated_at: str = ""  # UTC ISO time of the record's last write (a re-export's version)

    @property
    def uid_key(self) -> str:
        """What makes this item's calendar UID: the kind, the record's global id and, for a
        plan review, its number."""
        suffix = f"-{self.sequence}" if self.kind == PLAN_REVIEW else ""
        return f"{self.kind}-{self.record_id}{suffix}"


#: The customers a salesperson owns (the metrics row mirrors the customer's owner, in an
#: index): a set made once, tested on each item's own row before its customer is read.
OWNED = "(SELECT customer_id FROM customer_metrics WHERE owner = :owner AND deleted = 0)"


def _owner_test(expression: str, owner: str | None) -> str:
    return f" AND {expression} = :owner" if owner is not None else ""


def _own_or_owned(alias: str, table: str, due: str, by_customer: str, by_owner: str,
                  owner: str | None) -> str:
    """The test that an item ``alias`` of ``table`` (due in ``due``) is ``owner``'s, its own
    owner's else its customer's: the rows of the customers they own (index ``by_customer``) and
    the rows they own at others' customers (``by_owner``), each read from its index."""
    if owner is None:
        return ""
    live = f"deleted_at IS NULL AND {due} BETWEEN :since AND :until"
    return (f" AND {alias}.rowid IN (SELECT rowid FROM {table} INDEXED BY {by_customer} "
            f"WHERE customer_id IN {OWNED} AND {live} AND owner IN ('', :owner) "
            f"UNION ALL SELECT rowid FROM {table} INDEXED BY {by_owner} "
            f"WHERE owner = :owner AND owner <> '' AND {due} IS NOT NULL AND {live} "
            f"AND customer_id NOT IN {OWNED})")


def _index(include_done: bool, owner: str | None, open_items: str = "") -> str:
    """How the items' table is read: open items by their due-date index ``open_items`` (when
    given, else as SQLite chooses); everyone's, done ones too, by a scan of the table (no
    index holds the done ones' dates, and the customer index SQLite would take reads the
    whole table too, a row lookup each: a third more for a year of the 100,000-customer
    book); one owner's by the indexes :func:`_own_or_owned` names."""
    if not include_done:
        return f" INDEXED BY {open_items}" if open_items else ""
    return " NOT INDEXED" if owner is None else ""


def _contacts_of(ids: str) -> str:
    """The SQL of an interaction's contacts' names, joined by '、'."""
    return (f"(SELECT group_concat(ct.name, '、') FROM interaction_contacts ic "
            f"JOIN contacts ct ON ct.id = ic.contact_id WHERE ic.interaction_id = {ids})")


def calendar_items(db: DatabaseBase, since: date, until: date, *, owner: str | None = None,
                   kinds: Collection[str] = KINDS,
                   include_done: bool = True) -> list[CalendarItem]:
    """The items of ``kinds`` due from ``since`` to ``until`` (inclusive) at live customers,
    of ``owner`` (the item's own owner, else the plan's, else the customer's) or everyone's;
    done ones too when ``include_done``. Ordered by day, then kind."""
    params: dict[str, object] = {"since": since.isoformat(), "until": until.isoformat(),
                                 "owner": owner}
    found: list[CalendarItem] = []
    if FOLLOW_UP in kinds:
        found += _follow_ups(db, params, owner, include_done)
    if PLAN_ACTION in kinds:
        found += _plan_actions(db, params, owner, include_done)
    if PLAN_REVIEW in kinds:
        found += _plan_reviews(db, since, until, owner)
    if NEED in kinds:
        found += _needs(db, params, owner, include_done)
    # Each kind is read in order of its due dates (SQLite sorts in the scan): the items are
    # then made in about the order an export writes them, and lie together in memory (a
    # fifth of the writing time for a large book); the sort keeps each kind's order.
    found.sort(key=attrgetter("due"))
    return found


def _follow_ups(db: DatabaseBase, params: dict[str, object], owner: str | None,
                include_done: bool) -> list[CalendarItem]:
    who = "coalesce(nullif(i.owner, ''), c.owner)"
    index = _index(include_done, owner, "idx_interactions_follow_up")
    done = "" if include_done else " AND i.next_step_done = 0"
    mine = _own_or_owned("i", "interactions", "next_step_due", "idx_interactions_customer",
                         "idx_interactions_owner_due", owner)
    rows = db.conn.execute(
        f"SELECT i.id, i.customer_id, coalesce(c.code, ''), c.name, i.next_step, "
        f"i.next_step_due, {who}, {_contacts_of('i.id')}, i.kind, i.next_step_done, "
        f"i.updated_at FROM interactions i{index} "
        f"JOIN customers c ON c.id = i.customer_id AND c.deleted_at IS NULL "
        f"WHERE i.next_step_due BETWEEN :since AND :until AND i.deleted_at IS NULL{done}"
        f"{mine} ORDER BY i.next_step_due", params)
    when, make = _When(), CalendarItem._make
    return [make((FOLLOW_UP, r[0], 0, r[1], r[2], r[3], r[4] or "", *when[r[5]], r[6],
                  r[7] or "", "", r[8], bool(r[9]), r[10] or "")) for r in rows]


def _plan_actions(db: DatabaseBase, params: dict[str, object], owner: str | None,
                  include_done: bool) -> list[CalendarItem]:
    who = "coalesce(nullif(a.owner, ''), nullif(p.owner, ''), c.owner)"
    source = ("plan_actions a" if include_done
              else "plan_actions a INDEXED BY idx_plan_actions_due")
    status = "" if include_done else " AND a.status IN ('open', 'in_progress')"
    rows = db.conn.execute(
        f"SELECT a.id, p.customer_id, coalesce(c.code, ''), c.name, a.what, a.due_date, "
        f"{who}, p.period, a.status, a.updated_at FROM {source} "
        f"JOIN plans p ON p.id = a.plan_id AND p.deleted_at IS NULL "
        f"JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
        f"WHERE a.due_date BETWEEN :since AND :until AND a.deleted_at IS NULL{status}"
        f"{_owner_test(who, owner)} ORDER BY a.due_date", params)
    when, make = _When(), CalendarItem._make
    return [make((PLAN_ACTION, r[0], 0, r[1], r[2], r[3], r[4] or "", *when[r[5]], r[6], "",
                  r[7], r[8], r[8] not in _OPEN, r[9] or "")) for r in rows]


def _needs(db: DatabaseBase, params: dict[str, object], owner: str | None,
           include_done: bool) -> list[CalendarItem]:
    who = "coalesce(nullif(n.owner, ''), c.owner)"
    status = "" if include_done else " AND n.status IN ('open', 'in_progress')"
    mine = _own_or_owned("n", "needs", "due_on", "idx_needs_customer", "idx_needs_owner_due",
                         owner)
    index = _index(include_done, owner)
    rows = db.conn.execute(
        f"SELECT n.id, n.customer_id, coalesce(c.code, ''), c.name, n.description, n.due_on, "
        f"{who}, coalesce(ct.name, ''), n.kind, n.status, n.updated_at FROM needs n{index} "
        f"JOIN customers c ON c.id = n.customer_id AND c.deleted_at IS NULL "
        f"LEFT JOIN contacts ct ON ct.id = n.contact_id "
        f"WHERE n.due_on BETWEEN :since AND :until AND n.deleted_at IS NULL{status}"
        f"{mine} ORDER BY n.due_on", params)
    when, make = _When(), CalendarItem._make  # an answer-by date has no time
    return [make((NEED, r[0], 0, r[1], r[2], r[3], r[4] or "", when[r[5]][0], None, r[6],
                  r[7], "", r[8], r[9] not in _OPEN, r[10] or "")) for r in rows]


def _plan_reviews(db: DatabaseBase, since: date, until: date,
                  owner: str | None) -> list[CalendarItem]:
    """The reviews of draft and active plans: the next one falls a cadence after the last
    review noted (or after the start of the plan's period, or the plan's making, when none
    is), and the ones after it every cadence until the period ends. A review's number (the
    reviews noted so far, plus one, ...) keeps its UID stable; noting a review moves the
    dates of the ones after it, under the same UIDs."""
    who = "coalesce(nullif(p.owner, ''), c.owner)"
    rows = db.conn.execute(
        f"SELECT p.id, p.customer_id, coalesce(c.code, ''), c.name, p.period, "
        f"p.review_cadence_days, {who}, p.created_at, p.updated_at, p.status, "
        f"(SELECT count(*) FROM plan_reviews r WHERE r.plan_id = p.id "
        f"AND r.deleted_at IS NULL), "
        f"(SELECT max(r.reviewed_on) FROM plan_reviews r WHERE r.plan_id = p.id "
        f"AND r.deleted_at IS NULL), "
        f"(SELECT max(r.updated_at) FROM plan_reviews r WHERE r.plan_id = p.id) "
        f"FROM plans p JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL "
        f"WHERE p.deleted_at IS NULL AND p.status IN ('draft', 'active')"
        f"{_owner_test(who, owner)}", {"owner": owner}).fetchall()
    found: list[CalendarItem] = []
    for r in rows:
        cadence = max(1, int(r[5] or 90))
        try:
            start, end = period_bounds(r[4])
        except ValidationError:
            start, end = date.fromisoformat(r[7][:10]), date.max
        noted, last = int(r[10] or 0), r[11]
        day = (date.fromisoformat(last[:10]) if last else start) + timedelta(days=cadence)
        end = min(end, until)
        number = noted + 1
        for _ in range(MAX_REVIEWS_AHEAD):
            if day > end:
                break
            if day >= since:
                found.append(CalendarItem(
                    kind=PLAN_REVIEW, record_id=r[0], sequence=number, customer_id=r[1],
                    customer_code=r[2], customer_name=r[3], title=r[4], due=day, at=None,
                    owner=r[6], plan=r[4], detail=r[9],
                    updated_at=max(r[8] or "", r[12] or "")))
            day += timedelta(days=cadence)
            number += 1
    return found


class _When(dict[str, tuple[date, time | None]]):
    """The day and time (None: all day) of each due value, worked out once per value: the
    items are made as bare tuples of their fields in order (``_make``), a third of the
    time of naming each field, for a year of a large book's 100,000 items."""

    def __missing__(self, value: str) -> tuple[date, time | None]:
        found = self[value] = (date.fromisoformat(value[:10]), _time_of(value))
        return found


def _time_of(value: str) -> time | None:
    """The time of a ``YYYY-MM-DD HH:MM`` value (None for a bare date)."""
    if len(value) < 16:
        return None
    try:
        return time.fromisoformat(value[11:16])
    except ValueError:
        return None
