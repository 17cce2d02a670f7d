"""Whitespace: which product lines a customer buys, has stopped buying or never bought from us,
and which of the missing ones its peers buy (pure arithmetic, computable by hand).

**Product lines.** A product line is the transaction's ``product`` text as stored, trimmed
(lines without a product are left out). The demo books and the sales files we import carry
a handful of product names each (ten per language in the demo), so no mapping table is
needed: a customer × line grid of ten to twenty columns reads well. Should a book ever hold
hundreds of distinct products, the mapping belongs in front of :func:`line_of`, which is the
one place a product text becomes a line.

**Status of a line for a customer**, on ``as_of`` (the 12-month window is the one the scores
use: after ``as_of − 365 days``, up to and including ``as_of``):

* *bought*: revenue in the window;
* *lapsed*: bought before the window, nothing in it;
* *not bought*: never.

**Peers** are the customers of the same tier and the same kind (organisation or individual,
the first of the segments), the customer itself left out. When that group holds fewer than
:data:`MIN_PEERS` others, the same tier is taken whatever the kind, then the whole book; the
grid says which group was used.

**Suggestions**: every line the customer does not buy now (lapsed or not bought) that at
least :data:`MIN_BUYERS` peers bought in the window. For each:

* *penetration* = peers buying the line ÷ peers;
* *median revenue* = the median, over those buyers, of their 12-month revenue in the line;
* *score* = penetration × median revenue: what a peer customer is worth in that line, on
  average (a line half the peers buy at 10,000 a year scores 5,000);
* *lift* = penetration among the peers ÷ penetration in the whole book (above 1: this kind
  of customer buys it more than customers at large).

Suggestions rank by score, then penetration, then the line's name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from models.enums import LineStatus

#: Days of the window in which a line counts as bought (the scores' 12 months).
WINDOW_DAYS = 365
#: A peer group smaller than this (the customer left out) gives way to a wider one.
MIN_PEERS = 5
#: A line fewer peers than this bought is not suggested (one buyer is an anecdote).
MIN_BUYERS = 2

#: Which group the peers were drawn from, narrowest first.
BASIS_TIER_KIND = "tier_kind"
BASIS_TIER = "tier"
BASIS_BOOK = "book"


def window_start(as_of: date) -> date:
    """The last day before the window: a sale counts as recent when its date is after it."""
    return as_of - timedelta(days=WINDOW_DAYS)


def line_of(product: str | None) -> str:
    """The product line of a transaction's product text ("" for none)."""
    return (product or "").strip()


@dataclass(frozen=True)
class CustomerLine:
    """One product line for one customer."""

    line: str
    status: LineStatus
    #: Revenue in the 12-month window.
    revenue_12m: float = 0.0
    #: Revenue ever (up to ``as_of``).
    revenue_total: float = 0.0
    last_bought: date | None = None


@dataclass(frozen=True)
class LineStats:
    """What a group of customers buys of one line in the window."""

    line: str
    #: Customers of the group (the one looked at left out).
    peers: int
    #: Of those, how many bought the line in the window.
    buyers: int
    #: The median of the buyers' 12-month revenue in the line (0 with no buyer).
    median_revenue: float

    @property
    def penetration(self) -> float:
        return self.buyers / self.peers if self.peers else 0.0


@dataclass(frozen=True)
class Suggestion:
    """A line the customer does not buy now that its peers do."""

    line: str
    status: LineStatus
    peers: int
    buyers: int
    penetration: float
    median_revenue: float
    #: Penetration among the peers ÷ penetration in the whole book (None: nobody buys it).
    lift: float | None

    @property
    def score(self) -> float:
        """Penetration × median revenue: a peer's expected yearly revenue in the line."""
        return self.penetration * self.median_revenue


@dataclass(frozen=True)
class WhitespaceGrid:
    """One customer's lines, every line of the book in it, and the ranked suggestions."""

    customer_id: str
    as_of: date
    #: Every product line of the book, the customer's status in each, bought lines first.
    lines: list[CustomerLine]
    suggestions: list[Suggestion]
    #: The peer group used (:data:`BASIS_TIER_KIND`, :data:`BASIS_TIER`, :data:`BASIS_BOOK`).
    basis: str
    peers: int
    tier: str | None = None
    kind: str | None = None
    #: What the peers buy of every line (the customer left out).
    stats: dict[str, LineStats] = field(default_factory=dict)

    def status(self, line: str) -> LineStatus:
        for item in self.lines:
            if item.line == line:
                return item.status
        return LineStatus.NOT_BOUGHT

    @property
    def bought(self) -> list[CustomerLine]:
        return [line for line in self.lines if line.status is LineStatus.BOUGHT]


@dataclass
class GroupRevenue:
    """The 12-month revenue per line of every customer of one peer group (the input of the
    statistics): ``members`` customers, ``revenue[line]`` the buyers' revenues."""

    members: int = 0
    revenue: dict[str, list[float]] = field(default_factory=dict)


def customer_lines(sales: Iterable[tuple[str, date, float]], all_lines: Iterable[str],
                   as_of: date) -> list[CustomerLine]:
    """The status of every line for one customer from its sales (product, date, amount);
    sales after ``as_of`` are ignored. Bought lines first (most revenue first), then lapsed
    (most recent first), then the rest by name."""
    start = window_start(as_of)
    recent: dict[str, float] = {}
    total: dict[str, float] = {}
    last: dict[str, date] = {}
    for product, day, amount in sales:
        line = line_of(product)
        if not line or day > as_of:
            continue
        total[line] = total.get(line, 0.0) + amount
        if day > start:
            recent[line] = recent.get(line, 0.0) + amount
        if line not in last or day > last[line]:
            last[line] = day
    result = []
    for line in sorted(set(all_lines) | set(total)):
        if line in recent:
            status = LineStatus.BOUGHT
        elif line in total:
            status = LineStatus.LAPSED
        else:
            status = LineStatus.NOT_BOUGHT
        result.append(CustomerLine(line, status, recent.get(line, 0.0), total.get(line, 0.0),
                                   last.get(line)))
    order = {LineStatus.BOUGHT: 0, LineStatus.LAPSED: 1, LineStatus.NOT_BOUGHT: 2}
    result.sort(key=lambda c: (order[c.status], -c.revenue_12m,
                               -(c.last_bought.toordinal() if c.last_bought else 0), c.line))
    return result


@dataclass(frozen=True)
class PeerTable:
    """A group's revenues per line sorted, with their medians: made once, then used for
    every customer of the group (leaving one customer out costs a binary search)."""

    members: int
    revenue: dict[str, list[float]]
    medians: dict[str, float]


def table(group: GroupRevenue) -> PeerTable:
    ordered = {line: sorted(values) for line, values in group.revenue.items()}
    return PeerTable(group.members, ordered,
                     {line: float(median(v)) for line, v in ordered.items() if v})


def _position(ordered: list[float], value: float) -> int:
    """Where ``value`` stands in ascending ``ordered`` (-1: not there). Sums made in a
    different order may differ in their last bits: a hair's breadth counts as equal."""
    at = bisect_left(ordered, value - _HAIR * max(1.0, abs(value)))
    if at < len(ordered) and abs(ordered[at] - value) <= _HAIR * max(1.0, abs(value)):
        return at
    return -1


_HAIR = 1e-9


def median_without(ordered: list[float], value: float) -> float | None:
    """The median of ascending ``ordered`` with one occurrence of ``value`` taken out (None
    when nothing is left); ``value`` not in the list: the list's own median."""
    at = _position(ordered, value)
    if at < 0:
        return float(median(ordered)) if ordered else None
    count = len(ordered) - 1
    if count == 0:
        return None

    def kth(k: int) -> float:
        return ordered[k] if k < at else ordered[k + 1]

    middle = count // 2
    return kth(middle) if count % 2 else (kth(middle - 1) + kth(middle)) / 2


def table_stats(peers: PeerTable, leave_out: Mapping[str, float] | None = None
                ) -> dict[str, LineStats]:
    """Per line: peers, buyers and median revenue of the group; ``leave_out`` is the
    looked-at customer's own 12-month revenue per line when it belongs to the group (it
    is taken out, and the group's size counts it out)."""
    count = peers.members - (1 if leave_out is not None else 0)
    own = leave_out or {}
    result = {}
    for line, values in peers.revenue.items():
        if line in own and _position(values, own[line]) >= 0:
            result[line] = LineStats(line, count, len(values) - 1,
                                     median_without(values, own[line]) or 0.0)
        else:
            result[line] = LineStats(line, count, len(values), peers.medians.get(line, 0.0))
    return result


def line_stats(group: GroupRevenue, *, leave_out: Mapping[str, float] | None = None
               ) -> dict[str, LineStats]:
    """:func:`table_stats` of a group not prepared yet."""
    return table_stats(table(group), leave_out)


class PeerIndex:
    """Every group a customer may be compared with, prepared once per book and day; the
    groups merged by tier, or the whole book, only when a small group needs them."""

    def __init__(self, groups: Mapping[tuple[str | None, str | None], GroupRevenue]) -> None:
        self._raw = dict(groups)
        self.groups = {key: table(g) for key, g in groups.items()}
        self._tiers: dict[str | None, PeerTable] = {}
        self._book: PeerTable | None = None
        members = sum(g.members for g in groups.values())
        buyers: dict[str, int] = {}
        for group in groups.values():
            for line, revenues in group.revenue.items():
                buyers[line] = buyers.get(line, 0) + len(revenues)
        #: Each line's penetration in the whole book (for the lift).
        self.overall = {line: n / members for line, n in buyers.items()} if members else {}

    @property
    def lines(self) -> list[str]:
        return sorted(self.overall)

    def tier(self, tier: str | None) -> PeerTable:
        found = self._tiers.get(tier)
        if found is None:
            found = self._tiers[tier] = table(merge(
                g for (t, _), g in self._raw.items() if t == tier))
        return found

    @property
    def book(self) -> PeerTable:
        if self._book is None:
            self._book = table(merge(self._raw.values()))
        return self._book


def peer_index(groups: Mapping[tuple[str | None, str | None], GroupRevenue]) -> PeerIndex:
    return PeerIndex(groups)


def choose_table(index: PeerIndex, tier: str | None, kind: str | None
                 ) -> tuple[str, PeerTable]:
    """The narrowest peer group with at least :data:`MIN_PEERS` others: same tier and kind,
    else same tier, else the whole book."""
    exact = index.groups.get((tier, kind))
    if exact is not None and exact.members - 1 >= MIN_PEERS:
        return BASIS_TIER_KIND, exact
    same_tier = index.tier(tier)
    if same_tier.members - 1 >= MIN_PEERS:
        return BASIS_TIER, same_tier
    return BASIS_BOOK, index.book


def choose_group(tier: str | None, kind: str | None,
                 groups: Mapping[tuple[str | None, str | None], GroupRevenue]
                 ) -> tuple[str, GroupRevenue]:
    """The narrowest peer group with at least :data:`MIN_PEERS` others: same tier and kind,
    else same tier, else the whole book. ``groups`` is keyed by (tier, kind)."""
    exact = groups.get((tier, kind), GroupRevenue())
    if exact.members - 1 >= MIN_PEERS:
        return BASIS_TIER_KIND, exact
    same_tier = merge(g for (t, _), g in groups.items() if t == tier)
    if same_tier.members - 1 >= MIN_PEERS:
        return BASIS_TIER, same_tier
    return BASIS_BOOK, merge(groups.values())


def merge(groups: Iterable[GroupRevenue]) -> GroupRevenue:
    result = GroupRevenue()
    for group in groups:
        result.members += group.members
        for line, revenues in group.revenue.items():
            result.revenue.setdefault(line, []).extend(revenues)
    return result


def suggestions(lines: list[CustomerLine], stats: Mapping[str, LineStats],
                book: Mapping[str, float]) -> list[Suggestion]:
    """The lines to propose, best first; ``book`` is each line's penetration in the whole
    book (for the lift)."""
    result = []
    for item in lines:
        if item.status is LineStatus.BOUGHT:
            continue
        found = stats.get(item.line)
        if found is None or found.buyers < MIN_BUYERS or not found.peers:
            continue
        overall = book.get(item.line, 0.0)
        result.append(Suggestion(item.line, item.status, found.peers, found.buyers,
                                 found.penetration, found.median_revenue,
                                 found.penetration / overall if overall else None))
    result.sort(key=lambda s: (-s.score, -s.penetration, s.line))
    return result


def grid(customer_id: str, as_of: date, tier: str | None, kind: str | None,
         sales: Iterable[tuple[str, date, float]],
         groups: Mapping[tuple[str | None, str | None], GroupRevenue] | PeerIndex
         ) -> WhitespaceGrid:
    """The whole computation for one customer: its lines, its peers, its suggestions."""
    index = groups if isinstance(groups, PeerIndex) else peer_index(groups)
    lines = customer_lines(sales, index.overall, as_of)
    basis, peers = choose_table(index, tier, kind)
    own = {c.line: c.revenue_12m for c in lines if c.status is LineStatus.BOUGHT}
    stats = table_stats(peers, leave_out=own)
    return WhitespaceGrid(customer_id, as_of, lines, suggestions(lines, stats, index.overall),
                          basis, max(peers.members - 1, 0), tier, kind, stats)
