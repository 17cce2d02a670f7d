"""Derived columns after a merge: customers' search texts and the customer list's rows.

A merge writes rows the way a form or an import does, so what those keep in step it keeps
too: a customer's search text (its name, code, tags and its contacts' names, in pinyin too)
and the copy of its name key, owner, level, search text and deleted flag in its
``customer_metrics`` row (the customer list sorts and filters on those). The activity figures
(revenue, last interaction, follow-ups, open needs) are worked out as storage/metrics.py
does, but only those read from the tables a merge wrote, and each column is written only
where it changed (a new customer's row is the query layer's ``refresh_activity_of``); scores
and tiers wait for the rescore the merge's answer asks for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from datetime import date, timedelta

from models.record import utc_now_iso
from storage.metrics import ACTIVITY_WINDOW_DAYS
from storage.search_keys import search_text

_CHUNK = 5_000

#: customer_metrics column -> the expression of ``customers c`` it copies. Each is written
#: only where it differs: setting a column rewrites every index that holds it (the list's
#: ten covering indexes all hold name_sort), even to the same value.
_LISTING_COLUMNS = {
    "deleted": "c.deleted_at IS NOT NULL",
    "name_sort": "c.name_sort",
    "owner": "c.owner",
    "relationship_level": "c.relationship_level",
    "search_text": "c.search_text",
}
_LISTING_SQL = """
UPDATE customer_metrics AS m SET {column} = {value}
FROM customers c
WHERE c.id = m.customer_id AND m.customer_id IN (SELECT value FROM json_each(?))
  AND m.{column} IS NOT ({value})
"""


def refresh_search_texts(conn: sqlite3.Connection, customer_ids: Collection[str]) -> None:
    """Work out the search text of these customers again (only changed ones are written)."""
    ids = sorted(customer_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = json.dumps(ids[start:start + _CHUNK])
        contacts: dict[str, list[str]] = {}
        for customer_id, name in conn.execute(
                "SELECT customer_id, name FROM contacts WHERE deleted_at IS NULL AND "
                "customer_id IN (SELECT value FROM json_each(?))", [chunk]):
            contacts.setdefault(customer_id, []).append(name)
        changed = []
        for customer_id, name, code, tags, stored in conn.execute(
                "SELECT id, name, code, tags, search_text FROM customers WHERE id IN "
                "(SELECT value FROM json_each(?))", [chunk]):
            text = search_text(name, code, _tags(tags), contacts.get(customer_id, []))
            if text != stored:
                changed.append((text, customer_id))
        conn.executemany("UPDATE customers SET search_text = ? WHERE id = ?", changed)


def refresh_listing(conn: sqlite3.Connection, changed: Mapping[str, Collection[str]]) -> None:
    """Copy into the customers' ``customer_metrics`` rows the list columns that changed
    (column -> customers)."""
    for column, customer_ids in changed.items():
        ids = sorted(customer_ids)
        for start in range(0, len(ids), 50_000):
            conn.execute(_LISTING_SQL.format(column=column, value=_LISTING_COLUMNS[column]),
                         [json.dumps(ids[start:start + 50_000])])


#: The activity figures of customer_metrics, by the table they are read from: for each
#: customer (``j.value``) what storage/metrics.py's _ACTIVITY_SQL works out for the book.
_FIGURES: dict[str, dict[str, str]] = {
    "transactions": {
        "revenue_12m": "(SELECT total(CASE WHEN date > :start AND date <= :as_of THEN amount "
                       "END) FROM transactions WHERE customer_id = j.value AND deleted_at IS "
                       "NULL)",
        "profit_12m": "(SELECT total(CASE WHEN date > :start AND date <= :as_of THEN profit "
                      "END) FROM transactions WHERE customer_id = j.value AND deleted_at IS "
                      "NULL)",
        "first_purchase": "(SELECT min(date) FROM transactions WHERE customer_id = j.value "
                          "AND deleted_at IS NULL)",
        "last_purchase": "(SELECT max(CASE WHEN date <= :as_of THEN date END) FROM "
                         "transactions WHERE customer_id = j.value AND deleted_at IS NULL)",
    },
    "interactions": {
        "last_interaction_at": "(SELECT max(occurred_at) FROM interactions WHERE "
                               "customer_id = j.value AND deleted_at IS NULL)",
        "next_follow_up": "(SELECT min(next_step_due) FROM interactions WHERE customer_id = "
                          "j.value AND next_step_due IS NOT NULL AND next_step_done = 0 AND "
                          "deleted_at IS NULL)",
    },
    "needs": {
        "open_needs": "(SELECT count(*) FROM needs WHERE customer_id = j.value AND status IN "
                      "('open', 'in_progress') AND deleted_at IS NULL)",
    },
}
#: Revenue and profit are also the value engine's: a change clears its key (m008).
_ENGINE_COLUMNS = frozenset({"revenue_12m", "profit_12m"})
_FIGURE_SQL = """
UPDATE customer_metrics AS m SET {column} = x.value, as_of = :as_of, computed_at = :now
    {engine}
FROM (SELECT j.value AS customer_id, {figure} AS value FROM json_each(:ids) j) x
WHERE m.customer_id = x.customer_id AND m.{column} IS NOT x.value
"""


def refresh_activity(conn: sqlite3.Connection, changed: Mapping[str, Collection[str]],
                     as_of: date | None = None) -> None:
    """Work out again the figures read from each table (table -> customers); only the
    values that differ are written."""
    day = as_of or date.today()
    params = {"as_of": day.isoformat(), "now": utc_now_iso(),
              "start": (day - timedelta(days=ACTIVITY_WINDOW_DAYS)).isoformat()}
    for table, customer_ids in changed.items():
        ids = sorted(customer_ids)
        for start in range(0, len(ids), 50_000):
            chunk = json.dumps(ids[start:start + 50_000])
            for column, figure in _FIGURES.get(table, {}).items():
                engine = ", book_key = NULL" if column in _ENGINE_COLUMNS else ""
                conn.execute(_FIGURE_SQL.format(column=column, figure=figure, engine=engine),
                             {**params, "ids": chunk})


def _tags(text: str | None) -> list[str]:
    try:
        tags = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(tag) for tag in tags] if isinstance(tags, list) else []
