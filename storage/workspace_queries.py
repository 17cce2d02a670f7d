"""Narrow reads for the customer workspace: its header, contact activity and change captions.

Each is one or two indexed lookups on a single customer, so opening a workspace stays fast on
a book of 100,000 customers (the full :meth:`customer_detail` reads every child table).
The Book's ``customers`` and ``history`` managers call these functions with their connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.enums import AbcClass, LifecycleStage, RelationshipLevel, Tier
from storage.base import DatabaseBase
from storage.errors import RecordNotFoundError
from storage.scoring_store import SCORING_STATE_KEY
from storage.settings_store import SettingsMixin

#: Table -> SQL expression giving a short caption of one of its records (History tab).
_CAPTIONS: dict[str, str] = {
    "customers": "name",
    "contacts": "name",
    "interactions": "substr(occurred_at, 1, 16) || ' ' || substr(summary, 1, 60)",
    "needs": "substr(description, 1, 60)",
    "transactions": "date || ' ' || coalesce(nullif(reference, ''), product, '')",
    "assessments": "assessed_on",
    "plans": "period",
    "plan_objectives": "substr(description, 1, 60)",
    "plan_support_measures": "kind",
    "plan_actions": "substr(what, 1, 60)",
    "plan_reviews": "reviewed_on",
    "competitors": "name",
    "swot_items": "substr(text, 1, 60)",
    "relationship_levels": "changed_on",
}


@dataclass(frozen=True)
class WorkspaceHeader:
    """What the top of a customer workspace shows."""

    customer_id: str
    name: str
    code: str
    tier: Tier | None
    tier_overridden: bool
    score: float | None
    abc_class: AbcClass | None
    lifecycle: LifecycleStage | None
    lifecycle_overridden: bool
    relationship_level: RelationshipLevel
    as_of: date | None
    #: The latest snapshot of an earlier month than ``as_of`` (the trend's reference).
    previous_period: str | None
    previous_score: float | None
    deleted: bool = False

    @property
    def score_delta(self) -> float | None:
        if self.score is None or self.previous_score is None:
            return None
        return round(self.score - self.previous_score, 2)


def workspace_header(db: SettingsMixin, customer_id: str) -> WorkspaceHeader:
    """Name, tier, score, trend and classes of one customer (deleted ones too)."""
    rows = db.query(
        "SELECT c.name, c.code, c.tier_override, c.lifecycle_override, c.deleted_at, "
        "c.relationship_level, m.tier, m.score, m.abc_class, m.lifecycle "
        "FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
        "WHERE c.id = ?",
        [customer_id],
    )
    if not rows:
        raise RecordNotFoundError(kind="customers", key=customer_id)
    row = rows[0]
    # The score is as of the last rescore (a row it left unchanged keeps its old stamp).
    state = db.get_setting(SCORING_STATE_KEY) if row["score"] is not None else None
    as_of = date.fromisoformat(state["as_of"]) if state else None
    current_month = f"{as_of:%Y-%m}" if as_of else "9999-99"
    # Month labels sort as text; quarterly labels (with a Q) are a different series.
    previous = db.query(
        "SELECT period, score FROM score_snapshots WHERE customer_id = ? AND period < ? "
        "AND period NOT LIKE '%Q%' ORDER BY period DESC LIMIT 1",
        [customer_id, current_month],
    )
    return WorkspaceHeader(
        customer_id=customer_id,
        name=row["name"],
        code=row["code"],
        tier=Tier(row["tier"]) if row["tier"] else None,
        tier_overridden=row["tier_override"] is not None,
        score=row["score"],
        abc_class=AbcClass(row["abc_class"]) if row["abc_class"] else None,
        lifecycle=LifecycleStage(row["lifecycle"]) if row["lifecycle"] else None,
        lifecycle_overridden=row["lifecycle_override"] is not None,
        relationship_level=RelationshipLevel(row["relationship_level"]),
        as_of=as_of,
        previous_period=previous[0]["period"] if previous else None,
        previous_score=previous[0]["score"] if previous else None,
        deleted=row["deleted_at"] is not None,
    )


def contact_last_seen(db: DatabaseBase, customer_id: str) -> dict[str, datetime]:
    """Each contact's latest interaction (any the contact took part in)."""
    return {
        contact_id: datetime.fromisoformat(at)
        for contact_id, at in db.conn.execute(
            "SELECT ic.contact_id, max(i.occurred_at) FROM interactions i "
            "JOIN interaction_contacts ic ON ic.interaction_id = i.id "
            "WHERE i.customer_id = ? AND i.deleted_at IS NULL GROUP BY ic.contact_id",
            [customer_id],
        )
        if at
    }


def contact_names(db: DatabaseBase, customer_id: str) -> dict[str, str]:
    """Names of the customer's contacts, deleted ones included (old interactions)."""
    return dict(
        db.conn.execute(
            "SELECT id, name FROM contacts WHERE customer_id = ?", [customer_id]
        ).fetchall()
    )


def record_captions(db: DatabaseBase, table: str, ids: list[str]) -> dict[str, str]:
    """A short caption for each record id of ``table`` (deleted ones too)."""
    expression = _CAPTIONS.get(table)
    if expression is None or not ids:
        return {}
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for record_id, caption in db.conn.execute(
            f"SELECT id, {expression} FROM [{table}] WHERE id IN ({marks})", chunk
        ):
            found[record_id] = str(caption or "")
    return found


def change_is_current(db: DatabaseBase, change_id: str) -> bool:
    """False when a later change touched the same record (undoing it would clobber)."""
    row = db.conn.execute(
        "SELECT max(seq), table_name, record_id FROM change_log WHERE change_id = ?",
        [change_id],
    ).fetchone()
    if row is None or row[0] is None:
        return False
    later = int(db.scalar(
        "SELECT count(*) FROM change_log WHERE table_name = ? AND record_id = ? AND seq > ? "
        "AND change_id <> ?",
        [row[1], row[2], row[0], change_id],
    ))
    return not later
