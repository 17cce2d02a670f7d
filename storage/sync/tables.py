"""What travels between team members: the user's records, table by table, parents first.

Scores, tiers, snapshots and the activity figures do not travel: every device recomputes
them from the same merged records (tiers are relative to the whole book, so they agree only
if computed from it). Derived keys (``name_sort``, ``search_text``), the number of the local
import batch and generated columns stay home too. Two settings travel, the ones scoring and
due dates are computed from; the backup policy and saved import layouts are each device's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

#: Synced tables in an order that writes each row after the rows it refers to.
TABLES = ("people", "customers", "contacts", "transactions", "interactions", "needs",
          "assessments", "plans", "plan_objectives", "plan_support_measures", "plan_actions",
          "plan_reviews", "relationship_levels", "playbooks", "competitors", "swot_items")
SETTINGS = "settings"
#: The settings that travel (keys of ``settings``).
SYNCED_SETTINGS = ("scoring_config", "service_levels")
#: Columns each device keeps to itself (derived, or numbered by the device).
LOCAL_COLUMNS = frozenset({"name_sort", "search_text", "import_batch"})

#: table -> (column, table it refers to) for each reference a row may hold.
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "contacts": (("customer_id", "customers"),),
    "transactions": (("customer_id", "customers"),),
    "interactions": (("customer_id", "customers"),),
    "needs": (("customer_id", "customers"), ("contact_id", "contacts")),
    "assessments": (("customer_id", "customers"),),
    "plans": (("customer_id", "customers"),),
    "plan_objectives": (("plan_id", "plans"),),
    "plan_support_measures": (("plan_id", "plans"),),
    "plan_actions": (("plan_id", "plans"), ("objective_id", "plan_objectives")),
    "plan_reviews": (("plan_id", "plans"),),
    "relationship_levels": (("customer_id", "customers"),),
    "competitors": (("customer_id", "customers"),),
    "swot_items": (("plan_id", "plans"),),
}


@dataclass(frozen=True)
class Link:
    """A list field kept in a link table: ``table(own, other)``, ``other`` in ``target``."""

    table: str
    own: str
    other: str
    target: str


#: table -> list field -> its link table.
LINKS: dict[str, dict[str, Link]] = {
    "interactions": {"contact_ids": Link("interaction_contacts", "interaction_id",
                                         "contact_id", "contacts")},
    "plans": {"need_ids": Link("plan_needs", "plan_id", "need_id", "needs")},
}

#: Unique keys among live rows: when two members made the same one, the record made first
#: keeps it (customers: the later one's code is cleared; plans, people: the later one is
#: set aside as deleted), and a ``duplicate`` conflict says so.
UNIQUE: dict[str, tuple[str, ...]] = {
    "customers": ("code",),
    "plans": ("customer_id", "period"),
    "people": ("name",),
}

_columns: dict[str, tuple[str, ...]] = {}


def columns(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The columns of ``table`` that travel (stored ones only: generated columns are not
    listed by ``table_info``)."""
    known = _columns.get(table)
    if known is None:
        known = tuple(row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")
                      if row[1] not in LOCAL_COLUMNS)
        _columns[table] = known
    return known


def customer_column(table: str) -> str | None:
    """How a row of ``table`` names its customer (None: through its plan, or not at all)."""
    if table == "customers":
        return "id"
    if any(column == "customer_id" for column, _ in PARENTS.get(table, ())):
        return "customer_id"
    return None


def is_plan_part(table: str) -> bool:
    return table.startswith("plan_")
