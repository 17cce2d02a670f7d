"""What the Today view lists, read on the worker thread in two steps.

First the worklist (overdue, due today and later this week: follow-ups, plan actions, needs
past their answer-by date; then open complaints at top customers), shown at once; then the
customers due a look (slipping since last month, silent, due a review), which weigh each
customer of the book against a cut-off and follow a moment later in the same task. Until they
arrive their sections say they are loading, never blank and never another owner's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from models.enums import Tier
from models.plan_periods import week_of
from storage.book import Book
from storage.book.types import DEFAULT_LIMIT
from ui.gui.background.tasks import Progress

# Section codes, in display order.
OVERDUE = "overdue"
TODAY = "today"
WEEK = "week"
COMPLAINTS = "complaints"
SLIPPING = "slipping"
SILENT = "silent"
REVIEWS = "reviews"
SECTIONS = (OVERDUE, TODAY, WEEK, COMPLAINTS, SLIPPING, SILENT, REVIEWS)
#: Read after the worklist is shown (each weighs every customer of the book, not the day's
#: items): the last sections, so the rows above them never move when they arrive.
CUSTOMER_SECTIONS = (SLIPPING, SILENT, REVIEWS)
#: Where a row opens the customer, by the table of its record.
TABS = {"interactions": "interactions", "plan_actions": "plan", "needs": "needs",
        "slipping": "score", "silent": "interactions", "reviews": "assessment"}
#: Rows with a tick box (done) and a new date (snooze): follow-ups and plan actions; needs
#: can be given a new answer-by date but are resolved on their tab.
CHECKABLE_TABLES = frozenset({"interactions", "plan_actions"})
MOVABLE_TABLES = frozenset({"interactions", "plan_actions", "needs"})


@dataclass(frozen=True)
class TodayItem:
    section: str
    record_id: str  # interaction, plan action or need id; the customer id otherwise
    customer_id: str
    customer_name: str
    tier: Tier | None
    what: str  # the user's own words (next step, action, need); '' for silences/reviews
    kind_label: Any  # an enum shown before ``what`` (interaction or need kind), or None
    when: date | None  # due date (follow-ups, actions, needs, silences, reviews)
    last: date | None = None  # last contact or review
    #: A slipping customer: last month's tier, score and period, and the score now.
    before: tuple[Tier | None, float | None, str, float | None] | None = None
    owner: str = ""
    overdue: bool = False
    #: The record's table: interactions, plan_actions, needs; silent or reviews for customers.
    table: str = "interactions"
    #: A slipping customer whose 12-month revenue fell: (at last month's snapshot, now).
    revenue_change: tuple[float, float] | None = None

    @property
    def tab(self) -> str:
        return TABS[self.table]

    @property
    def checkable(self) -> bool:
        return self.table in CHECKABLE_TABLES

    @property
    def movable(self) -> bool:
        return self.table in MOVABLE_TABLES


@dataclass
class TodayData:
    as_of: date
    items: dict[str, list[TodayItem]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    owner: str | None = None
    #: Sections still being read (shown as loading, with no rows).
    pending: set[str] = field(default_factory=set)

    def copy(self) -> TodayData:
        """A copy the UI may change while the worker goes on with the original."""
        return TodayData(self.as_of, {s: list(rows) for s, rows in self.items.items()},
                         dict(self.totals), self.owner, set(self.pending))

    def same_lists(self, other: TodayData | None) -> bool:
        """Whether ``other`` answers the same question (the same day and owner)."""
        return other is not None and (other.as_of, other.owner) == (self.as_of, self.owner)


def _rank(item: TodayItem) -> tuple[int, date]:
    """Value at stake first: strategic and key customers' items, then the oldest."""
    return (item.tier.rank if item.tier is not None else 9, item.when or date.max)


def load_today(book: Book, progress: Progress, as_of: date | None = None,
               limit: int = DEFAULT_LIMIT, owner: str | None = None) -> TodayData:
    """Everything the Today view shows (both steps). ``owner``: only that salesperson's."""
    return load_customers_due(book, progress, load_worklist(book, progress, as_of, limit,
                                                            owner), limit)


def load_worklist(book: Book, progress: Progress, as_of: date | None = None,
                  limit: int = DEFAULT_LIMIT, owner: str | None = None) -> TodayData:
    """The first step: what is overdue, due today and due later this week (follow-ups, plan
    actions, needs past their answer-by date), ranked by the customer's tier, then open
    complaints at top customers. The customer sections are left pending."""
    today = as_of or date.today()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    sunday = week_of(today)[1]
    data = TodayData(as_of=today, owner=owner, pending=set(CUSTOMER_SECTIONS))
    for section in (OVERDUE, TODAY, WEEK):
        data.items[section], data.totals[section] = [], 0
    spans = {OVERDUE: (None, yesterday), TODAY: (today, today), WEEK: (tomorrow, sunday)}
    for section, (since, until) in spans.items():
        if (until < today and section != OVERDUE) or (since and since > until):
            continue
        listing = book.today.follow_ups(until, since=since, today=today, owner=owner,
                                        limit=limit)
        data.items[section] += [TodayItem(
            section, f.interaction_id, f.customer_id, f.customer_name, f.tier, f.next_step,
            f.kind, f.due, owner=f.owner, overdue=f.overdue) for f in listing.rows]
        data.totals[section] += listing.total
    progress.check()
    actions = book.plans.due(sunday, today=today, owner=owner)
    tiers = _tiers_of(book, [a.customer_id for a in actions])
    for action in actions:
        section = _section_of(action.due_date, today)
        data.totals[section] += 1
        if len(data.items[section]) < 2 * limit:
            data.items[section].append(TodayItem(
                section, action.action_id, action.customer_id, action.customer_name,
                tiers.get(action.customer_id), action.what, None, action.due_date,
                owner=action.owner, overdue=action.overdue, table="plan_actions"))
    late = book.today.late_needs(today, owner=owner, limit=limit)
    data.items[OVERDUE] += [TodayItem(
        OVERDUE, n.need_id, n.customer_id, n.customer_name, n.tier, n.description, n.kind,
        n.due_on, owner=n.owner, overdue=True, table="needs") for n in late.rows]
    data.totals[OVERDUE] += late.total
    for section in (OVERDUE, TODAY, WEEK):
        data.items[section] = sorted(data.items[section], key=_rank)
    progress.check()
    shown = {i.record_id for i in data.items[OVERDUE]}
    complaints = book.today.complaints(owner=owner, limit=limit)
    data.items[COMPLAINTS] = [TodayItem(
        COMPLAINTS, c.need_id, c.customer_id, c.customer_name, c.tier, c.description,
        c.priority, c.due_on or c.raised_on, owner=c.owner, table="needs")
        for c in complaints.rows if c.need_id not in shown]
    data.totals[COMPLAINTS] = complaints.total - (len(complaints.rows)
                                                  - len(data.items[COMPLAINTS]))
    return data


def load_customers_due(book: Book, progress: Progress, worklist: TodayData,
                       limit: int = DEFAULT_LIMIT) -> TodayData:
    """The second step: ``worklist`` (left as it is: the UI may be showing it) with the
    customers slipping since last month, the silent top customers and the reviews due."""
    progress.check()
    data = worklist.copy()
    today, owner = data.as_of, data.owner
    slipping = book.today.slipping(today, owner=owner, limit=limit)
    data.items[SLIPPING] = [TodayItem(
        SLIPPING, s.customer_id, s.customer_id, s.customer_name, s.tier, "", None, None,
        owner=s.owner, table="slipping", before=(s.tier_before, s.score_before,
                                                 s.period_before, s.score),
        revenue_change=(s.revenue_before, s.revenue) if s.revenue_fell else None)
        for s in slipping.rows]
    data.totals[SLIPPING] = slipping.total
    progress.check()
    silent = book.today.silent(today=today, owner=owner, limit=limit)
    progress.check()
    reviews = book.today.reviews(today=today, owner=owner, limit=limit)
    for section, due in ((SILENT, silent), (REVIEWS, reviews)):
        data.items[section] = [TodayItem(
            section, d.customer_id, d.customer_id, d.customer_name, d.tier, "", None, d.due,
            last=d.last, owner=d.owner, overdue=True, table=section) for d in due.rows]
        data.totals[section] = due.total
    data.pending.clear()
    return data


def _section_of(due: date | None, today: date) -> str:
    if due is None or due < today:
        return OVERDUE
    return TODAY if due == today else WEEK


def _tiers_of(book: Book, ids: list[str]) -> dict[str, Tier | None]:
    return {row.id: row.tier for row in book.customers.rows(list(dict.fromkeys(ids)))}
