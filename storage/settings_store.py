"""Domain settings kept in the book itself (``settings`` table, JSON values): they travel with
the file, unlike UI state, which lives in QSettings.
"""

from __future__ import annotations

import json
from typing import Any

from models.config import ScoringConfig
from models.enums import Priority
from models.record import utc_now_iso
from models.service_levels import checked_service_levels, parse_service_levels
from storage.base import DatabaseBase

SCORING_CONFIG_KEY = "scoring_config"
SERVICE_LEVELS_KEY = "service_levels"


class SettingsMixin(DatabaseBase):
    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                [key, json.dumps(value, ensure_ascii=False, sort_keys=True), utc_now_iso()])

    def scoring_config(self) -> ScoringConfig:
        stored = self.get_setting(SCORING_CONFIG_KEY)
        return ScoringConfig.from_json(stored) if stored else ScoringConfig()

    def service_levels(self) -> dict[Priority, int]:
        """Days to answer a need of each priority (Preferences; defaults 2, 5 and 10)."""
        return parse_service_levels(self.get_setting(SERVICE_LEVELS_KEY))

    def set_service_levels(self, levels: dict[Priority, int]) -> None:
        self.set_setting(SERVICE_LEVELS_KEY, checked_service_levels(levels))

    def save_scoring_config(self, config: ScoringConfig) -> ScoringConfig:
        """Validate and store; raises ValidationErrors and leaves the stored config as it was."""
        config = config.validated()
        self.set_setting(SCORING_CONFIG_KEY, config.to_json())
        return config
