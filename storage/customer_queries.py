"""Reading the customer book: filtered, sorted, paged lists, and one customer in full.

The list is built for 100,000 customers: filtering and sorting happen in SQL on indexed
columns, and the UI asks first for the ordered ids, then for the rows it is about to show.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from models.entities import Assessment, Contact, Customer, Interaction, Need, Transaction
from models.enums import (
    AbcClass,
    Channel,
    CustomerKind,
    LifecycleStage,
    LoyaltySegment,
    PriceOrientation,
    RelationshipLevel,
    Tier,
)
from models.plans import AccountPlan
from models.record import Record
from storage.base import DatabaseBase
from storage.errors import AmbiguousRecordError, RecordNotFoundError
from storage.mapping import from_row
from storage.scoring_queries import parse_points
from storage.search_keys import normalise_query, rank_matches

R = TypeVar("R", bound=Record)

#: Sortable columns of the customer book -> expression on ``customer_metrics m``, whose
#: covering indexes (migration m002) make every order an index scan.
SORT_COLUMNS: dict[str, str] = {
    "name": "m.name_sort",
    "tier": "m.tier_rank",
    "score": "m.score",
    "abc_class": "m.abc_class",
    "lifecycle": "m.lifecycle",
    "relationship_level": "m.relationship_level",
    "revenue_12m": "m.revenue_12m",
    "last_interaction_at": "m.last_interaction_at",
    "next_follow_up": "m.next_follow_up",
    "owner": "m.owner",
}
_NOT_NULL_SORTS = frozenset({"name", "relationship_level", "revenue_12m", "owner"})
#: A search in the book's own order (by name) lists its best matches first when it keeps at
#: most this many customers; a letter or two typed in a large book keeps tens of thousands,
#: which stay in name order (ranking them would cost a keystroke 0.3 s on 100,000).
RANK_LIMIT = 5_000


@dataclass(frozen=True)
class CustomerQuery:
    """What the customer book shows: a search, filters and an order. Empty filters match all."""

    search: str = ""
    tiers: frozenset[Tier] = frozenset()
    abc_classes: frozenset[AbcClass] = frozenset()
    lifecycles: frozenset[LifecycleStage] = frozenset()
    relationship_levels: frozenset[RelationshipLevel] = frozenset()
    owners: frozenset[str] = frozenset()
    #: The segments (idea 7), stored on the customer.
    kinds: frozenset[CustomerKind] = frozenset()
    price_orientations: frozenset[PriceOrientation] = frozenset()
    loyalty_segments: frozenset[LoyaltySegment] = frozenset()
    channels: frozenset[Channel] = frozenset()
    ids: frozenset[str] | None = None  # e.g. customers picked by clicking a chart
    sort: str = "name"

    def segment_filters(self) -> tuple[tuple[str, frozenset[Any]], ...]:
        """(customers column, chosen values) of each segment."""
        return (("kind", self.kinds), ("price_orientation", self.price_orientations),
                ("loyalty_segment", self.loyalty_segments), ("channel", self.channels))
    descending: bool = False


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer book."""

    id: str
    code: str
    name: str
    tier: Tier | None
    tier_overridden: bool
    score: float | None
    abc_class: AbcClass | None
    lifecycle: LifecycleStage | None
    relationship_level: RelationshipLevel
    revenue_12m: float
    last_interaction_at: datetime | None
    next_follow_up: date | None
    owner: str
    industry: str
    region: str


@dataclass(frozen=True)
class CustomerPage:
    rows: list[CustomerRow]
    total: int


@dataclass
class CustomerDetail:
    """A customer and everything recorded about it, in the order the workspace shows it."""

    customer: Customer
    metrics: dict[str, Any]
    contacts: list[Contact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    plans: list[AccountPlan] = field(default_factory=list)


_ROW_COLUMNS = """
    c.id, c.code, c.name, m.tier, c.tier_override IS NOT NULL AS tier_overridden, m.score,
    m.abc_class, m.lifecycle, c.relationship_level, coalesce(m.revenue_12m, 0) AS revenue_12m,
    m.last_interaction_at, m.next_follow_up, c.owner, c.industry, c.region
"""


class CustomerQueriesMixin(DatabaseBase):
    """The book is listed from ``customer_metrics`` alone; customers are joined only for the
    rows on screen."""

    # Provided by RecordsMixin, which Database combines with this mixin; declared
    # here for mypy, which checks that both signatures agree.
    if TYPE_CHECKING:
        def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R: ...
        def find(self, cls: type[R], where: str = "1", params: Sequence[Any] = (), *,
                 order_by: str = "created_at", include_deleted: bool = False,
                 limit: int | None = None) -> list[R]: ...
        def get_plan(self, plan_id: str, *, include_deleted: bool = False) -> AccountPlan: ...

    def customer_ids(self, query: CustomerQuery = CustomerQuery()) -> list[str]:
        """Ids of every customer matching ``query``, in its order (about 30 ms for 100k).

        A search in name order is one scan of the search index. In any other order the
        matches come from that scan and the order from the sort column's covering index:
        both are index-only, where filtering in the sort order would look up every row.
        """
        ranked = self._ranked_search(query)
        if ranked is not None:
            return ranked
        where, params = _where(query)
        if query.search.strip() and _sort_of(query) != "name":
            matches = set(self.customer_ids(replace(query, sort="name", descending=False)))
            return list(filter(matches.__contains__,
                               self.customer_ids(replace(query, search=""))))
        return self._id_list(f"SELECT m.customer_id FROM {_source(query)} WHERE {where} "
                             f"ORDER BY {_order(query)}", params)

    def customer_ids_in_steps(self, query: CustomerQuery,
                              first: int) -> Generator[tuple[list[str], int], None, None]:
        """Every id of ``query`` as ``(ids, total)``, where a long answer comes in two steps:
        its first ``first`` ids with the count of all, then every id.

        In name order with no filter but the search, the first ids come from an index walk
        that stops early and the others are counted from the index without building Python
        objects: 90,000 matches of a one-letter search are counted (about 15 ms) long before
        their ids are read (about 30 ms). Both steps read one snapshot (a read transaction,
        unless one is open already). Any other query, or one with fewer than ``first``
        matches, gives every id at once.
        """
        if _sort_of(query) != "name" or query.ids is not None or any(
                (query.tiers, query.abc_classes, query.lifecycles, query.relationship_levels,
                 query.owners, *(values for _, values in query.segment_filters()))):
            # Filters: counting looks up every row, as reading the ids does.
            ids = self.customer_ids(query)
            yield ids, len(ids)
            return
        where, params = _where(query)
        select = f"SELECT m.customer_id FROM {_source(query)} WHERE {where}"
        with self.read_snapshot():
            ranked = self._ranked_search(query)
            if ranked is not None:
                if len(ranked) >= first:
                    yield ranked[:first], len(ranked)
                yield ranked, len(ranked)
                return
            head = self._id_list(f"{select} ORDER BY {_order(query)} LIMIT ?",
                                 [*params, int(first)])
            if len(head) < first:
                yield head, len(head)
                return
            last = head[-1]
            name = self.scalar("SELECT name_sort FROM customer_metrics WHERE customer_id = ?",
                               [last])
            after = f"AND (m.name_sort, m.customer_id) {'<' if query.descending else '>'} (?, ?)"
            rest = int(self.scalar(f"SELECT count(*) FROM {_source(query)} WHERE {where} "
                                   f"{after}", [*params, name, last]))
            yield head, len(head) + rest
            ids = head + self._id_list(f"{select} {after} ORDER BY {_order(query)}",
                                       [*params, name, last])
            yield ids, len(ids)

    def _ranked_search(self, query: CustomerQuery) -> list[str] | None:
        """The ids of a search in name order, best matches first (search_keys.search_rank:
        "hw" lists 华为 before 北京海伟, and both before a customer whose contact is 何伟).

        None when the search is not ranked: no search, another order chosen, or more than
        RANK_LIMIT matches (found by an index-only walk that stops there).
        """
        if not normalise_query(query.search) or _sort_of(query) != "name" or query.descending:
            return None
        where, params = _where(query)
        matches = self.conn.execute(
            f"SELECT m.customer_id, m.search_text FROM {_source(query)} WHERE {where} "
            f"ORDER BY {_order(query)} LIMIT ?", [*params, RANK_LIMIT + 1]).fetchall()
        if len(matches) > RANK_LIMIT:
            return None
        return rank_matches(matches, query.search)

    def _id_list(self, sql: str, params: list[Any]) -> list[str]:
        """The ids ``sql`` selects, in its order, read in one SQLite step.

        SQLite joins them into one string (it keeps a subquery's order for ``group_concat``)
        and Python splits it: the loop over the rows runs without the interpreter lock, so a
        thread reading 90,000 ids does not slow the UI thread down, and it is about a third
        quicker than fetching row by row. An id containing the separator (not one KeyPlan
        makes) is caught by the count, and the rows are then fetched one by one.
        """
        joined, count = self.conn.execute(
            f"SELECT group_concat(customer_id, char(31)), count(*) FROM ({sql})",
            params).fetchone()
        ids = joined.split("\x1f") if count else []
        if len(ids) != count:
            ids = [row[0] for row in self.conn.execute(sql, params)]
        return ids

    def customer_rows(self, ids: list[str]) -> list[CustomerRow]:
        """The book's lines for ``ids``, in the same order."""
        found: dict[str, CustomerRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.query(f"SELECT {_ROW_COLUMNS} FROM customers c JOIN "
                                  f"customer_metrics m ON m.customer_id = c.id "
                                  f"WHERE c.id IN ({marks})", chunk):
                found[row["id"]] = _row(row)
        return [found[i] for i in ids if i in found]

    def list_customers(self, query: CustomerQuery = CustomerQuery(), *, offset: int = 0,
                       limit: int = 100) -> CustomerPage:
        """One page of the book, plus how many customers match in all."""
        ranked = self._ranked_search(query)
        if ranked is not None:
            return CustomerPage(rows=self.customer_rows(ranked[offset:offset + limit]),
                                total=len(ranked))
        where, params = _where(query)
        total = int(self.scalar(f"SELECT count(*) FROM {_source(query)} WHERE {where}",
                                params))
        ids = [row[0] for row in self.conn.execute(
            f"SELECT m.customer_id FROM {_source(query)} WHERE {where} "
            f"ORDER BY {_order(query)} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])]
        return CustomerPage(rows=self.customer_rows(ids), total=total)

    def customer_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM customers WHERE deleted_at IS NULL"))

    def owners(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT owner FROM customers WHERE deleted_at IS NULL AND owner <> '' "
            "ORDER BY owner")]

    def resolve_customer(self, key: str) -> Customer:
        """A customer by id, by code, or by exact name (refused if the name is ambiguous)."""
        key = key.strip()
        for column in ("id", "code"):
            rows = self.query(f"SELECT * FROM customers WHERE {column} = ? AND "
                              "deleted_at IS NULL", [key])
            if rows and key:
                return from_row(Customer, rows[0])
        rows = self.query("SELECT * FROM customers WHERE name = ? AND deleted_at IS NULL", [key])
        if len(rows) > 1:
            raise AmbiguousRecordError(key=key, count=len(rows))
        if not rows:
            raise RecordNotFoundError(kind="customers", key=key)
        return from_row(Customer, rows[0])

    def customer_detail(self, customer_id: str) -> CustomerDetail:
        customer = self.get(Customer, customer_id)
        metrics = self.query("SELECT * FROM customer_metrics WHERE customer_id = ?",
                             [customer_id])
        metric_row = metrics[0] if metrics else {}
        if metric_row:
            metric_row["dimensions"] = parse_points(metric_row.get("dimensions"))
        find = self.find
        by_customer = "customer_id = ?"
        return CustomerDetail(
            customer=customer,
            metrics=metric_row,
            contacts=find(Contact, by_customer, [customer_id],
                          order_by="is_primary DESC, coalesce(influence, 0) DESC, name"),
            interactions=find(Interaction, by_customer, [customer_id],
                              order_by="occurred_at DESC"),
            needs=find(Need, by_customer, [customer_id],
                       order_by="status NOT IN ('open', 'in_progress'), "
                                "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, "
                                "raised_on DESC"),
            transactions=find(Transaction, by_customer, [customer_id], order_by="date DESC"),
            assessments=find(Assessment, by_customer, [customer_id],
                             order_by="assessed_on DESC"),
            plans=[self.get_plan(r["id"]) for r in self.query(
                "SELECT id FROM plans WHERE customer_id = ? AND deleted_at IS NULL "
                "ORDER BY period DESC", [customer_id])],
        )

    def children_of(self, cls: type[Record], customer_id: str) -> list[Record]:
        return self.find(cls, "customer_id = ?", [customer_id])


def _where(query: CustomerQuery) -> tuple[str, list[Any]]:
    clauses = ["m.deleted = 0"]
    params: list[Any] = []
    text = normalise_query(query.search)
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("m.search_text LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    for column, values in (("m.tier", query.tiers), ("m.abc_class", query.abc_classes),
                           ("m.lifecycle", query.lifecycles),
                           ("m.relationship_level", query.relationship_levels),
                           ("m.owner", query.owners)):
        if values:
            codes = sorted(v.value if hasattr(v, "value") else v for v in values)
            clauses.append(f"{column} IN ({','.join('?' * len(codes))})")
            params.extend(codes)
    segments = []
    for column, chosen in query.segment_filters():
        if chosen:
            codes = sorted(v.value for v in chosen)
            segments.append(f"c.{column} IN ({','.join('?' * len(codes))})")
            params.extend(codes)
    if segments:
        # The segments live on the customer row alone: one pass over the customers builds
        # the set of ids the metrics rows are then probed against.
        clauses.append("m.customer_id IN (SELECT c.id FROM customers c WHERE "
                       f"{' AND '.join(segments)})")
    if query.ids is not None:
        clauses.append("m.customer_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(query.ids)))
    return " AND ".join(clauses), params


def _sort_of(query: CustomerQuery) -> str:
    return query.sort if query.sort in SORT_COLUMNS else "name"


def _source(query: CustomerQuery) -> str:
    """The metrics table, read through the search index when searching (the planner would
    otherwise walk the name index and fetch every wide row to test its search text)."""
    if normalise_query(query.search):
        return "customer_metrics m INDEXED BY idx_book_search"
    return "customer_metrics m"


def _order(query: CustomerQuery) -> str:
    sort = _sort_of(query)
    expression = SORT_COLUMNS[sort]
    if query.search and sort != "name":
        # A search keeps few rows: filtering in name order and sorting the survivors beats
        # walking the sort column's index and looking every row up.
        expression = f"+{expression}"
    direction = "DESC" if query.descending else "ASC"
    nulls = "" if sort in _NOT_NULL_SORTS else " NULLS LAST"
    # Ties follow the same direction so the covering index serves the whole ORDER BY.
    tie = (f"m.name_sort {direction}, m.customer_id {direction}" if sort != "name"
           else f"m.customer_id {direction}")
    return f"{expression} {direction}{nulls}, {tie}"


def _row(row: dict[str, Any]) -> CustomerRow:
    return CustomerRow(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        tier=Tier(row["tier"]) if row["tier"] else None,
        tier_overridden=bool(row["tier_overridden"]),
        score=row["score"],
        abc_class=AbcClass(row["abc_class"]) if row["abc_class"] else None,
        lifecycle=LifecycleStage(row["lifecycle"]) if row["lifecycle"] else None,
        relationship_level=RelationshipLevel(row["relationship_level"]),
        revenue_12m=float(row["revenue_12m"] or 0),
        last_interaction_at=(datetime.fromisoformat(row["last_interaction_at"])
                             if row["last_interaction_at"] else None),
        next_follow_up=date.fromisoformat(row["next_follow_up"]) if row["next_follow_up"]
        else None,
        owner=row["owner"],
        industry=row["industry"],
        region=row["region"],
    )
