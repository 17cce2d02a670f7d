"""A rescore computes without holding the write lock: another window's save goes through
at once instead of waiting seconds (or failing) while a large book is scored."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import storage.scoring_queries as scoring_queries
import storage.scoring_store as scoring_store
from storage.database import Database
from tests.conftest import DEMO_ANCHOR


def test_other_writers_are_not_blocked_while_scoring(demo_file: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    real_compute = scoring_queries.compute_book
    wrote_meanwhile: list[bool] = []

    def compute_and_meanwhile_write(*args: Any, **kwargs: Any) -> Any:
        other = sqlite3.connect(path, timeout=0)  # no waiting at all
        try:
            other.execute("INSERT INTO settings (key, value, updated_at) VALUES "
                          "('probe', '1', 'now')")
            other.commit()
            wrote_meanwhile.append(True)
        finally:
            other.close()
        return real_compute(*args, **kwargs)

    monkeypatch.setattr(scoring_store, "compute_book", compute_and_meanwhile_write)
    with Database(path) as db:
        result = db.rescore(DEMO_ANCHOR)
        assert wrote_meanwhile == [True]
        assert result.summary is not None
        assert db.scalar("SELECT count(*) FROM customer_metrics WHERE score IS NULL "
                         "AND deleted = 0") == 0
