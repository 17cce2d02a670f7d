"""The Book: each use case is one transaction; a second step that fails takes the first back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book import Book
from storage.errors import DiskFullError
from storage.scoring_store import ScoringMixin


def _lines(path: Path, count: int) -> Path:
    rows = "\n".join(f"Acme,2026-03-{1 + n % 28:02d},{100 + n},INV-{n}" for n in range(count))
    path.write_text("customer,date,amount,reference\n" + rows + "\n", encoding="utf-8")
    return path


def _fail_rescore(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError("book.db")

    monkeypatch.setattr(ScoringMixin, "rescore", full)


def test_an_import_and_its_rescore_are_one_transaction(db_path: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with Book(db_path) as book:
        book.reader.add(Customer(name="Acme"))
        imported = book.imports.run(_lines(tmp_path / "a.csv", 30), "transactions")
        assert imported.result.created == 30 and imported.rescore_seconds is not None
        _fail_rescore(monkeypatch)
        with pytest.raises(DiskFullError):
            book.imports.run(_lines(tmp_path / "b.csv", 40), "transactions")
        assert book.reader.scalar("SELECT count(*) FROM transactions") == 30


def test_an_undo_and_its_rescore_are_one_transaction(db_path: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with Book(db_path) as book:
        book.reader.add(Customer(name="Acme"))
        batch = book.imports.run(_lines(tmp_path / "a.csv", 30), "transactions").result.batch
        assert batch is not None
        _fail_rescore(monkeypatch)
        with pytest.raises(DiskFullError):
            book.imports.undo(batch)
        assert book.reader.scalar("SELECT count(*) FROM transactions "
                                  "WHERE deleted_at IS NULL") == 30  # nothing taken back
        monkeypatch.undo()
        taken = book.imports.undo(batch)
        assert taken.undone.removed == 30 and taken.rescore_seconds is not None


def test_a_demo_is_made_and_scored_in_one_go(db_path: Path) -> None:
    with Book(db_path) as book:
        made = book.demo.generate(20, seed=3, anchor=date(2026, 6, 30))
        assert made.scored is not None and made.scored.snapshot is not None
        assert book.reader.scalar("SELECT count(*) FROM score_snapshots "
                                  "WHERE period = '2026-06'") == 20
        # The two months before too, so a first look finds tier changes (issue 19, point 7).
        assert book.charts.snapshot_periods() == ["2026-04", "2026-05", "2026-06"]
        assert book.customers.count() == 20


def test_new_settings_retier_with_the_months_snapshot(db_path: Path) -> None:
    from dataclasses import replace

    from models.config import preset_weights

    with Book(db_path) as book:
        book.demo.generate(40, seed=5, anchor=date(2026, 6, 30))
        result = book.scoring.change_settings(
            replace(book.scoring.config(), weights=preset_weights("strategic")))
        assert result.scores is None  # re-tiered from the stored points
        assert book.scoring.state() is not None
        tiers = book.reader.query(
            "SELECT s.tier AS shown, m.computed_tier AS now FROM score_snapshots s "
            "JOIN customer_metrics m ON m.customer_id = s.customer_id "
            "WHERE s.period = '2026-06'")
        assert tiers and all(r["shown"] == r["now"] for r in tiers)
