"""The value engine's commands: score, explain and weights — output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from main import main
from storage.database import Database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def book(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    return str(path)


def test_score_prints_tiers_concentration_and_changes(
        book: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", book, "score", "--as-of", "2026-06-30", "--backfill", "2"]) == 0
    out = capsys.readouterr().out
    for text in ("Scored 300 customers as of 2026-06-30", "strategic", "low_value",
                 "Concentration:", "% of revenue", "changed tier", "ABC classes",
                 "Snapshot 2026-06 stored; backfilled 2 earlier periods (2026-04, 2026-05)"):
        assert text in out
    assert main(["--db", book, "score", "--as-of", "2026-06-30", "--period", "quarter",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["customers"] == 300 and data["changed_tier"] == 0
    assert sum(t["customers"] for t in data["tiers"].values()) == 300
    assert sum(t["revenue_share"] for t in data["tiers"].values()) == pytest.approx(100)
    assert 0 < data["concentration"]["percent_of_buying"] < 100
    assert [s["period"] for s in data["snapshots"]] == ["2026-Q2"]


def test_explain_text_and_json(book: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", book, "score", "--as-of", "2026-06-30"]) == 0
    capsys.readouterr()
    with Database(book) as db:
        code, name = db.conn.execute("SELECT code, name FROM customers ORDER BY code "
                                     "LIMIT 1").fetchone()
    assert main(["--db", book, "explain", code, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["customer"]["code"] == code and data["as_of"] == "2026-06-30"
    assert len(data["dimensions"]) == 15
    assert sum(round(d["contribution"] * 100) for d in data["dimensions"]) == \
        round(data["score"] * 100)
    assert main(["--db", book, "explain", name]) == 0
    out = capsys.readouterr().out
    assert name in out and "revenue" in out and "score" in out


def test_weights_show_change_and_reject(book: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", book, "weights", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert sum(shown["weights"].values()) == pytest.approx(100)
    assert shown["thresholds"] == {"strategic": 75.0, "key": 60.0, "standard": 35.0}
    assert main(["--db", book, "weights", "--preset", "strategic"]) == 0
    assert "re-tiered 300 customers" in capsys.readouterr().out
    assert main(["--db", book, "weights", "--set", "synergy=5", "loyalty=20",
                 "--threshold", "key=55", "--guard", "off", "--json"]) == 0
    changed = json.loads(capsys.readouterr().out)
    assert changed["weights"]["synergy"] == 5 and changed["thresholds"]["key"] == 55
    assert changed["strategic_revenue_top_percent"] is None
    assert main(["--db", book, "weights", "--set", "revenue=50"]) == 1
    assert "Weights must add up to 100 %" in capsys.readouterr().err
    assert main(["--db", book, "weights", "--threshold", "key=90"]) == 1
    assert "Tier thresholds must fall" in capsys.readouterr().err
    assert main(["--db", book, "weights", "--threshold", "vip=90"]) == 1
    assert "unknown tier 'vip'" in capsys.readouterr().err
    with Database(book) as db:
        assert db.scoring_config().threshold_key == 55


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_exit_codes_in_a_real_process(book: str) -> None:
    bad_date = run("--db", book, "score", "--as-of", "2026-13-45")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    unknown = run("--db", book, "explain", "no such customer")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "Traceback" not in unknown.stderr


@pytest.mark.parametrize("argv", [["weights", "--preset", "balanced", "--set", "revenue=1"],
                                  ["weights", "--set", "revenue"],
                                  ["score", "--backfill", "-3"],
                                  ["score", "--period", "year"]])
def test_usage_errors_exit_2(book: str, argv: list[str],
                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--db", book, *argv])
    assert leaving.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_user_errors_exit_1_with_one_line(book: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", book, "weights", "--set", "revenue=95"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "add up to 100 %" in err
    assert main(["--db", book, "score", "--as-of", "2001-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["customers"] == 0
    assert main(["--db", book, "explain", "C000001"]) == 1  # not in the 2001 book
    assert capsys.readouterr().err.startswith("keyplan: error: No customers on 2001-01-01 ")
