"""Derived columns after a merge: customers' search texts and the customer list's rows.

A merge writes rows the way a form or an import does, so what those keep in step it keeps
too: a customer's search text (its name, code, tags and its contacts' names, in pinyin too)
and the copy of its name key, owner, level, search text and deleted flag in its
``customer_metrics`` row (the customer list sorts and filters on those). The activity figures
(revenue, last interaction, follow-ups, open needs) are the query layer's own
(``refresh_activity_of``); scores and tiers wait for the rescore the merge's answer asks for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

from storage.search_keys import search_text

_CHUNK = 5_000

_LISTING_SQL = """
UPDATE customer_metrics AS m
SET deleted = c.deleted_at IS NOT NULL, name_sort = c.name_sort, owner = c.owner,
    relationship_level = c.relationship_level, search_text = c.search_text
FROM customers c
WHERE c.id = m.customer_id AND m.customer_id IN (SELECT value FROM json_each(?))
  AND (m.deleted IS NOT (c.deleted_at IS NOT NULL) OR m.name_sort IS NOT c.name_sort
       OR m.owner IS NOT c.owner OR m.relationship_level IS NOT c.relationship_level
       OR m.search_text IS NOT c.search_text)
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


def refresh_listing(conn: sqlite3.Connection, customer_ids: Collection[str]) -> None:
    """Copy the customers' list keys into their ``customer_metrics`` rows."""
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 50_000):
        conn.execute(_LISTING_SQL, [json.dumps(ids[start:start + 50_000])])


def _tags(text: str | None) -> list[str]:
    try:
        tags = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(tag) for tag in tags] if isinstance(tags, list) else []
