"""The book's own settings: scoring weights and thresholds, and the backup policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.config import ScoringConfig
from models.enums import Priority
from storage.changes import Changes

if TYPE_CHECKING:
    from storage.database import Database


class Settings:
    """Settings stored in the book (they travel with it), saved together."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def scoring(self) -> ScoringConfig:
        return self._db.scoring_config()

    def backup_policy(self) -> tuple[int, int]:
        """How many daily and weekly backups are kept."""
        return self._db.backup_policy()

    def service_levels(self) -> dict[Priority, int]:
        """Days to answer a need or complaint of each priority."""
        return self._db.service_levels()

    def save(self, backup_policy: tuple[int, int],
             scoring: ScoringConfig | None = None,
             service_levels: dict[Priority, int] | None = None) -> Changes:
        """The backup policy, and when given new scoring settings and service levels, in one
        transaction. New weights re-tier the book at once (from its stored points where
        nothing else changed, as the weights command does), with this month's snapshot in
        step. New service levels apply to needs saved from now on."""
        changes = Changes(frozenset({"settings"}), frozenset())
        with self._db.atomic():
            self._db.set_backup_policy(*backup_policy)
            if service_levels is not None:
                self._db.set_service_levels(service_levels)
            if scoring is not None:
                changes = changes | self._db.change_settings(scoring).changes | Changes(
                    frozenset({"customer_metrics"}), None)
        return changes
