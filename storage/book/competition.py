"""``book.competition``: an account's competitors and share of wallet, and a plan's SWOT.

Each write is one transaction through the records' write path (change log, team sync)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from models.competition import Competitor, SwotItem, check_shares
from models.record import new_id
from storage import competition_store
from storage.book.records import Done, Records, Saved
from storage.changes import Changes
from storage.competition_store import CompetitivePosition, PortfolioCompetition

if TYPE_CHECKING:
    from storage.database import Database

__all__ = ["Competition", "CompetitivePosition", "PortfolioCompetition", "SwotSaved"]


@dataclass(frozen=True)
class SwotSaved:
    """A plan's SWOT as stored after a save, and what the save changed."""

    items: list[SwotItem]
    changes: Changes
    #: The save's one change (Edit → Undo and the undo bar take it back whole); None when
    #: nothing differed from what was stored.
    change_id: str | None = None


class Competition:
    """Competitors per account and the SWOT per plan."""

    def __init__(self, db: Database, records: Records) -> None:
        self._db = db
        self._records = records

    def competitors(self, customer_id: str) -> list[Competitor]:
        """The customer's competitors, the most threatening first."""
        return competition_store.competitors_of(self._db, customer_id)

    def position(self, customer_id: str) -> CompetitivePosition:
        """The competitors and the wallet: theirs, ours and the customer's total spend."""
        with self._db.read_snapshot():
            return competition_store.position(self._db, customer_id)

    def save(self, competitor: Competitor) -> Saved[Competitor]:
        """Add or update a competitor; ValidationErrors when a field is wrong or the shares
        of the customer's competitors would add up to more than 100 %."""
        competitor = competitor.validated()
        with self._db.atomic():
            others = [c for c in competition_store.competitors_of(
                self._db, competitor.customer_id) if c.id != competitor.id]
            check_shares([*others, competitor])
            exists = self._db.conn.execute(
                "SELECT 1 FROM competitors WHERE id = ? AND deleted_at IS NULL",
                [competitor.id]).fetchone()
            return (self._records.update(competitor) if exists
                    else self._records.add(competitor))

    def find(self, customer_id: str, name: str) -> Competitor | None:
        """The customer's competitor of that name (case and spaces ignored), if any."""
        wanted = " ".join(name.split()).casefold()
        return next((c for c in self.competitors(customer_id)
                     if " ".join(c.name.split()).casefold() == wanted), None)

    def remove(self, competitor_id: str) -> Done:
        """Delete a competitor (undoable); SWOT items that named it keep their text."""
        return self._records.delete(Competitor, competitor_id)

    def swot(self, plan_id: str) -> list[SwotItem]:
        """The plan's SWOT items in their order (``models.competition.by_quadrant`` boxes
        them)."""
        return competition_store.swot_of(self._db, plan_id)

    def save_swot(self, plan_id: str, items: list[SwotItem]) -> SwotSaved:
        """Make the plan's SWOT ``items`` (in this order within each box), in one
        transaction logged as one change: new ones added, changed ones updated, the ones
        left out deleted. Undoing that change takes the whole save back."""
        items = [replace(item, plan_id=plan_id).validated() for item in items]
        change_id = new_id()
        wrote = False
        with self._db.atomic():
            stored = {i.id: i for i in competition_store.swot_of(self._db, plan_id)}
            keep = {i.id for i in items}
            for gone in sorted(stored.keys() - keep):
                self._db.soft_delete(SwotItem, gone, change_id=change_id)
                wrote = True
            positions: dict[str, int] = {}
            for item in items:
                position = positions.get(item.quadrant, 0)
                positions[item.quadrant] = position + 1
                item = replace(item, position=position)
                before = stored.get(item.id)
                if before is None:
                    self._db.add(item, change_id=change_id)
                    wrote = True
                elif (before.quadrant, before.text, before.competitor_id, before.need_id,
                      before.position) != (item.quadrant, item.text, item.competitor_id,
                                           item.need_id, item.position):
                    self._db.update(replace(item, updated_at=before.updated_at),
                                    change_id=change_id)
                    wrote = True
            result = competition_store.swot_of(self._db, plan_id)
            customer = self._db.conn.execute("SELECT customer_id FROM plans WHERE id = ?",
                                             [plan_id]).fetchone()
        return SwotSaved(result, Changes(frozenset({"swot_items", "change_log"}),
                                         frozenset({customer[0]}) if customer else None),
                         change_id if wrote else None)

    def portfolio(self) -> dict[str, PortfolioCompetition]:
        """Customer id -> main competitor and our share of wallet (customers with
        competitors only)."""
        return competition_store.portfolio(self._db)
