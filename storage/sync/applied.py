"""What applying members' packets did: counts, and what the derived columns and the views
need to know (``changes()``: the ``Changes`` a pull answers with)."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.changes import Changes
from storage.sync.clock import ZERO
from storage.sync.merge import DELETED, RecordState
from storage.sync.tables import LINKS

#: Customer fields -> the customer list's column (customer_metrics) that copies them.
LISTING_FIELDS = {"name": "name_sort", "owner": "owner",
                  "relationship_level": "relationship_level", DELETED: "deleted"}
#: Tables whose rows feed a customer's activity figures.
ACTIVITY_TABLES = frozenset({"transactions", "interactions", "needs"})


@dataclass
class Applied:
    """What the operations did: counts, and what the derived columns and views need."""

    ops: int = 0
    records: int = 0
    conflicts: int = 0
    #: records deleted here that came back: a member edited them after the delete
    revived: int = 0
    waiting: int = 0
    latest: str = ZERO
    tables: set[str] = field(default_factory=set)
    customers: set[str] = field(default_factory=set)
    customer_fields: set[str] = field(default_factory=set)
    added_or_removed: bool = False
    #: customers whose search text, list columns (column -> customers) or activity
    #: figures (table they come from -> customers) must be worked out again, and new ones
    search: set[str] = field(default_factory=set)
    listing: dict[str, set[str]] = field(default_factory=dict)
    activity: dict[str, set[str]] = field(default_factory=dict)
    new_customers: set[str] = field(default_factory=set)
    #: the whole book may have changed (a new member's book filled from a checkpoint)
    everything: bool = False

    def add(self, other: Applied) -> None:
        """Take in what another packet did."""
        self.ops += other.ops
        self.records += other.records
        self.conflicts += other.conflicts
        self.revived += other.revived
        self.tables |= other.tables
        self.customers |= other.customers
        self.customer_fields |= other.customer_fields
        self.added_or_removed = self.added_or_removed or other.added_or_removed
        self.everything = self.everything or other.everything
        self.new_customers |= other.new_customers
        self.search |= other.search
        for column, ids in other.listing.items():
            self.listing.setdefault(column, set()).update(ids)
        for table, ids in other.activity.items():
            self.activity.setdefault(table, set()).update(ids)

    def changes(self) -> Changes:
        """What the packets changed, for the views: every table written, the customers
        concerned, the customer fields (None: new customers, any field)."""
        if self.everything:
            return Changes.everything()
        if not self.tables:
            return Changes()
        tables = set(self.tables) | {"change_log"}
        if self.activity or self.listing or self.search or self.new_customers:
            tables.add("customer_metrics")
        fields = None if "*" in self.customer_fields else frozenset(self.customer_fields)
        return Changes(frozenset(tables), frozenset(self.customers), self.added_or_removed,
                       fields)

    def account(self, table: str, written: list[tuple[str, RecordState]],
                customers: dict[str, str | None]) -> None:
        """Note what the records of ``table`` just written (new or changed) move."""
        if not written:
            return
        self.records += len(written)
        self.tables.add(table)
        self.tables.update(link.table for link in LINKS.get(table, {}).values())
        for record_id, state in written:
            customer = customers.get(record_id)
            if customer:
                self.customers.add(customer)
            if state.inserted or DELETED in state.changed:
                self.added_or_removed = True
            if table == "customers":
                self._customer(record_id, state)
            elif customer and table == "contacts":
                self.search.add(customer)
                if state.changed.get("customer_id"):  # moved: the old customer's text too
                    self.search.add(str(state.changed["customer_id"]))
            elif customer and table in ACTIVITY_TABLES:
                self.activity.setdefault(table, set()).add(customer)

    def _customer(self, record_id: str, state: RecordState) -> None:
        changed = set(state.changed) if not state.inserted else {"*"}
        self.customer_fields.update(changed)
        if state.inserted:
            self.new_customers.add(record_id)
        else:
            for name in changed & LISTING_FIELDS.keys():
                self.listing.setdefault(LISTING_FIELDS[name], set()).add(record_id)
        if state.inserted or changed & {"name", "code", "tags"}:
            self.search.add(record_id)
