"""The book's own settings: scoring weights and thresholds, and the backup policy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.config import ScoringConfig
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

    def save(self, backup_policy: tuple[int, int],
             scoring: ScoringConfig | None = None) -> Changes:
        """The backup policy and, when given, new scoring settings, in one transaction. New
        weights re-tier the book at once (from its stored points where nothing else changed,
        as the weights command does), with this month's snapshot in step."""
        changes = Changes(frozenset({"settings"}), frozenset())
        with self._db.atomic():
            self._db.set_backup_policy(*backup_policy)
            if scoring is not None:
                changes = changes | self._db.change_settings(scoring).changes | Changes(
                    frozenset({"customer_metrics"}), None)
        return changes
