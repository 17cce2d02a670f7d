"""The command-line contract: subcommands, JSON output and exit codes (0 ok, 1 failure, 2 usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from storage.database import USER_TABLES, Database, known_migrations

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_version_help_and_usage_errors_in_a_real_process(tmp_path: Path) -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("KeyPlan ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("demo", "info"):
        assert command in helped.stdout
    bad = run("--db", str(tmp_path / "x.db"), "frobnicate")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
    assert not (tmp_path / "x.db").exists()
    bad_count = run("--db", str(tmp_path / "x.db"), "demo", "--customers", "many")
    assert bad_count.returncode == 2 and "not a whole number" in bad_count.stderr


def test_demo_then_info_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "book.db")
    assert main(["--db", db, "demo", "--customers", "40", "--seed", "3",
                 "--anchor", "2026-01-31"]) == 0
    assert "Added 40 customers" in capsys.readouterr().out
    assert main(["--db", db, "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["customers"] == 40
    assert info["counts"]["transactions"] > 40
    assert set(info["counts"]) == set(USER_TABLES)
    assert info["schema_version"] == len(known_migrations())
    assert info["path"] == str(Path(db).resolve())
    assert info["file_size"] > 0
    assert main(["--db", db, "info"]) == 0
    text = capsys.readouterr().out
    assert "Schema version" in text and "transactions" in text


def test_demo_scores_its_book_so_chart_tiers_draws_tiers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storage.chart_data import snapshot_periods, tier_distribution

    db = str(tmp_path / "book.db")
    assert main(["--db", db, "demo", "--customers", "30", "--anchor", "2026-12-06"]) == 0
    out = capsys.readouterr().out
    assert "Scored 30 customers as of 2026-12-06" in out and "snapshot 2026-12" in out
    with Database(db) as book:
        tiers = tier_distribution(book)
        assert tiers.unscored == 0 and sum(tiers.customers.values()) == 30
        # The demo's month and, for its tier changes, the two before (issue 19, point 7).
        assert snapshot_periods(book) == ["2026-10", "2026-11", "2026-12"]
    png = tmp_path / "tiers.png"
    assert main(["--db", db, "chart", "tiers", "-o", str(png)]) == 0
    out = capsys.readouterr().out
    assert "Wrote tiers chart" in out and "empty state" not in out
    assert png.stat().st_size > 0

    unscored = str(tmp_path / "unscored.db")
    assert main(["--db", unscored, "demo", "--customers", "30", "--no-score"]) == 0
    assert "Scored" not in capsys.readouterr().out
    with Database(unscored) as book:
        assert tier_distribution(book).unscored == 30


def test_user_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello", encoding="utf-8")
    result = run("--db", str(not_a_db), "info")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "not a KeyPlan database" in result.stderr and "Traceback" not in result.stderr
    assert not_a_db.read_text(encoding="utf-8") == "hello"

    missing = run("--db", str(tmp_path / "no" / "such.db"), "info")
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_no_arguments_opens_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli.app import run as run_cli

    opened: list[Path | None] = []

    def open_gui(path: Path | None) -> int:
        opened.append(path)
        return 0

    assert run_cli([], open_gui=open_gui) == 0
    assert run_cli(["--db", "x.db"], open_gui=open_gui) == 0
    assert opened == [None, Path("x.db")]
