"""Playbooks in the book: the built-ins with the user's edits laid over them, the user's own,
what a customer's tier, level and stage are, and what a first plan takes from its needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.enums import LifecycleStage, NeedKind, RelationshipLevel, Tier
from models.playbook_builtin import KEYS, builtin
from models.playbooks import Playbook
from storage.base import DatabaseBase
from storage.mapping import from_row

#: The JSON file's kind and version (``keyplan playbook export``).
FORMAT = "keyplan-playbooks"
VERSION = 1


@dataclass(frozen=True)
class CustomerFit:
    """What decides which playbook fits a customer."""

    tier: Tier | None
    level: RelationshipLevel
    lifecycle: LifecycleStage | None


def stored(db: DatabaseBase, *, include_deleted: bool = False) -> list[Playbook]:
    where = "" if include_deleted else " WHERE deleted_at IS NULL"
    return [from_row(Playbook, row)
            for row in db.query(f"SELECT * FROM playbooks{where} ORDER BY name, id")]


def resolved(db: DatabaseBase, lang: str) -> list[Playbook]:
    """Every playbook the user can pick: the built-ins in their order (the edited version
    where there is one), then the user's own by name."""
    rows = stored(db)
    edited = {p.builtin_key: p for p in rows if p.builtin_key}
    own = sorted((p for p in rows if not p.builtin_key), key=lambda p: (p.name.casefold(), p.id))
    return [edited.get(key) or builtin(key, lang) for key in KEYS] + own


def customer_fit(db: DatabaseBase, customer_id: str) -> CustomerFit:
    row = db.conn.execute(
        "SELECT coalesce(c.tier_override, m.tier), c.relationship_level, "
        "coalesce(c.lifecycle_override, m.lifecycle) FROM customers c "
        "LEFT JOIN customer_metrics m ON m.customer_id = c.id WHERE c.id = ?",
        [customer_id]).fetchone()
    if row is None:
        from storage.errors import RecordNotFoundError

        raise RecordNotFoundError(kind="customers", key=customer_id)
    return CustomerFit(Tier(row[0]) if row[0] else None, RelationshipLevel(row[1] or 1),
                       LifecycleStage(row[2]) if row[2] else None)


def is_first_plan(db: DatabaseBase, customer_id: str) -> bool:
    return not db.scalar("SELECT 1 FROM plans WHERE customer_id = ? AND deleted_at IS NULL "
                         "LIMIT 1", [customer_id])


def open_needs(db: DatabaseBase, customer_id: str) -> list[tuple[str, bool, str]]:
    """The customer's open complaints and requirements, oldest first: (id, is a complaint,
    description)."""
    return [(str(r[0]), r[1] == NeedKind.COMPLAINT.value, str(r[2])) for r in db.conn.execute(
        "SELECT id, kind, description FROM needs WHERE customer_id = ? AND deleted_at IS NULL "
        "AND status IN ('open', 'in_progress') AND kind IN ('complaint', 'requirement') "
        "ORDER BY coalesce(raised_on, substr(created_at, 1, 10)), created_at, id",
        [customer_id])]


def revenue_before(db: DatabaseBase, customer_id: str, start: date) -> float:
    """The customer's revenue in the 12 months before ``start`` (a revenue objective's
    baseline)."""
    since = date(start.year - 1, start.month, min(start.day, 28))
    return float(db.scalar(
        "SELECT total(amount) FROM transactions WHERE customer_id = ? AND deleted_at IS NULL "
        "AND date >= ? AND date < ?", [customer_id, since.isoformat(), start.isoformat()]))


# ---- the JSON file --------------------------------------------------------------------------
def to_portable(playbook: Playbook) -> dict[str, Any]:
    return {"name": playbook.name, "builtin_key": playbook.builtin_key,
            "tiers": list(playbook.tiers), "lifecycle": playbook.lifecycle,
            "from_level": playbook.from_level, "target_level": playbook.target_level,
            "review_cadence_days": playbook.review_cadence_days, "summary": playbook.summary,
            **playbook.steps.to_dict()}


def dumps(playbooks: list[Playbook]) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION,
                       "playbooks": [to_portable(p) for p in playbooks]},
                      ensure_ascii=False, indent=2)


def from_portable(raw: dict[str, Any]) -> Playbook:
    """A playbook read from the JSON file, validated (ValidationErrors)."""
    from models.playbooks import PlaybookSteps
    from models.validation import ValidationError, ValidationErrors

    try:
        steps = PlaybookSteps.from_dict(raw)
    except ValidationError as error:
        raise ValidationErrors([error]) from None
    return Playbook.parse({
        "name": raw.get("name"), "builtin_key": raw.get("builtin_key") or "",
        "tiers": tuple(raw.get("tiers") or ()), "lifecycle": raw.get("lifecycle") or "",
        "from_level": raw.get("from_level"), "target_level": raw.get("target_level"),
        "review_cadence_days": raw.get("review_cadence_days"),
        "summary": raw.get("summary") or "", "body": steps.to_json()})
