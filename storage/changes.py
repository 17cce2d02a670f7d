"""What a write changed, so that each view reloads only what concerns it.

A save in a customer's workspace changes one table for one customer; a rescore changes
scores across the book, or nothing at all; an import or a restore may change anything. Views
look at the tables and customers named here (anki's ``OpChanges``, in small) instead of every
view reloading the whole book after every edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Every table a user-visible operation may write.
ALL_TABLES = frozenset({
    "customers", "contacts", "transactions", "interactions", "interaction_contacts", "needs",
    "assessments", "plans", "plan_objectives", "plan_support_measures", "plan_actions",
    "plan_needs", "plan_reviews", "customer_metrics", "score_snapshots", "settings",
    "change_log", "import_batches", "people",
})
#: Tables the value engine reads: a write to one of them may move scores and tiers.
SCORING_INPUTS = frozenset({"customers", "transactions", "interactions", "needs",
                            "assessments", "settings"})
#: The derived tables a rescore writes.
SCORES = frozenset({"customer_metrics", "score_snapshots"})
#: The customer fields the value engine reads (besides whether the customer is there).
SCORING_CUSTOMER_FIELDS = frozenset({"tier_override", "lifecycle_override", "created_at"})
#: The customer fields its search text is made of (contacts' names are the rest).
SEARCH_FIELDS = frozenset({"name", "code", "tags"})


@dataclass(frozen=True)
class Changes:
    """Tables written and the customers concerned (None: any customer may be concerned).

    ``rows_added_or_removed`` says that the set of customers itself may differ (a new or
    deleted customer, an import): lists must be read again, not only repainted."""

    tables: frozenset[str] = frozenset()
    customer_ids: frozenset[str] | None = frozenset()
    rows_added_or_removed: bool = False
    #: The customer fields a write to ``customers`` changed (None: any of them may have).
    customer_fields: frozenset[str] | None = None

    @classmethod
    def everything(cls) -> Changes:
        """Anything may have changed (an import, a restore, another program's write)."""
        return cls(ALL_TABLES, None, True)

    @classmethod
    def of_customer(cls, customer_id: str, tables: Iterable[str]) -> Changes:
        """A write to ``tables`` about one customer (a workspace save)."""
        return cls(frozenset(tables) | {"change_log"}, frozenset({customer_id}))

    @classmethod
    def of_rescore(cls, changed_rows: int) -> Changes:
        """A rescore: scores of any customer, or nothing when no row changed."""
        return cls(SCORES, None) if changed_rows else cls()

    @property
    def empty(self) -> bool:
        return not self.tables and not self.rows_added_or_removed

    def touches(self, tables: Iterable[str]) -> bool:
        return not self.tables.isdisjoint(tables)

    def concerns(self, customer_id: str) -> bool:
        return self.customer_ids is None or customer_id in self.customer_ids

    def may_move_scores(self) -> bool:
        """Whether a rescore may come to another result: a new phone number cannot."""
        inputs = self.tables & SCORING_INPUTS
        if inputs == {"customers"} and not self.rows_added_or_removed \
                and self.customer_fields is not None:
            return not self.customer_fields.isdisjoint(SCORING_CUSTOMER_FIELDS)
        return bool(inputs)

    def __or__(self, other: Changes) -> Changes:
        ids = (None if self.customer_ids is None or other.customer_ids is None
               else self.customer_ids | other.customer_ids)
        fields = (None if self.customer_fields is None or other.customer_fields is None
                  else self.customer_fields | other.customer_fields)
        return Changes(self.tables | other.tables, ids,
                       self.rows_added_or_removed or other.rows_added_or_removed, fields)

    def list_keys_moved(self) -> frozenset[str]:
        """What the customer list may be filtered, searched or sorted on that these changes
        can move: the sort keys of ``storage.customer_queries.SORT_COLUMNS`` and "search"."""
        moved: set[str] = set()
        if "customers" in self.tables:
            fields = self.customer_fields
            if fields is None or not fields.isdisjoint(SEARCH_FIELDS):
                moved.add("search")
            for field, key in CUSTOMER_FIELD_KEYS.items():
                if fields is None or field in fields:
                    moved.add(key)
        if "contacts" in self.tables:
            moved.add("search")  # contacts' names find their customer
        if self.touches({"interactions", "interaction_contacts"}):
            moved |= {"last_interaction_at", "next_follow_up"}
        if self.touches(SCORES):
            moved |= SCORE_KEYS
        return frozenset(moved)


#: Customer fields -> the list's sort and filter keys they move at once (scores and tiers
#: move with the rescore that follows).
CUSTOMER_FIELD_KEYS = {
    "name": "name", "owner": "owner", "relationship_level": "relationship_level",
    "tier_override": "tier", "lifecycle_override": "lifecycle",
    # the segment filters (issue 19, point 6)
    "kind": "kind", "price_orientation": "price_orientation",
    "loyalty_segment": "loyalty_segment", "channel": "channel",
}
#: The list's keys a rescore moves.
SCORE_KEYS = frozenset({"tier", "score", "abc_class", "lifecycle", "revenue_12m"})
