"""``keyplan team init|join`` and ``keyplan sync FOLDER [--status]``, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from main import main
from storage.book import Book

KEY = re.compile(r"KP1(?:-[A-Z2-7]{4}){14}")


def _team(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str, Path]:
    first, second = str(tmp_path / "li.db"), str(tmp_path / "wang.db")
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    assert main(["--lang", "en", "--db", first, "demo", "--customers", "30", "--seed",
                 "4"]) == 0
    assert main(["--lang", "en", "--db", first, "team", "init"]) == 0
    printed = capsys.readouterr().out
    (key,) = KEY.findall(printed)  # printed once, and only there
    assert "shown only this once" in printed
    assert main(["--lang", "en", "--db", second, "team", "join", key.lower()]) == 0
    assert "Joined team" in capsys.readouterr().out
    return first, second, folder


def test_a_team_syncs_from_the_command_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    first, second, folder = _team(tmp_path, capsys)
    assert main(["--lang", "en", "--db", first, "sync", str(folder)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"Synced with {folder}: sent ") and "merged 0 changes" in line
    assert main(["--lang", "en", "--db", second, "sync", str(folder)]) == 0
    line = capsys.readouterr().out.strip()
    assert "sent 0 changes in 0 packets" in line and "from 1 packets" in line
    assert ", rescored (30 tiers changed)" in line and len(line.splitlines()) == 1
    with Book(first) as one, Book(second) as two:
        tiers = "SELECT customer_id, tier FROM customer_metrics ORDER BY 1"
        assert one.reader.query(tiers) == two.reader.query(tiers)
        member = one.sync.device_id
    assert main(["--lang", "en", "--db", second, "sync", str(folder), "--status"]) == 0
    status = capsys.readouterr().out
    assert f"  {member}: last packet 20" in status
    assert "merged 1 of 1, 0 waiting, 0 refused" in status
    assert main(["--lang", "en", "--db", first, "sync", str(folder), "--status"]) == 0
    assert "  this book: last packet 20" in capsys.readouterr().out
    assert "To send: 0 changes. Conflicts: 0." in status
    assert main(["--lang", "zh_CN", "--db", second, "sync", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"已与 {folder} 同步：发送 0 项变更")


def test_sync_explains_what_stops_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    solo = str(tmp_path / "solo.db")
    assert main(["--lang", "en", "--db", solo, "sync", str(tmp_path)]) == 1
    assert "not in a team yet" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", solo, "team", "join", "KP1-AAAA-BBBB"]) == 1
    assert "not a KeyPlan team key" in capsys.readouterr().err
    assert main(["--lang", "zh_CN", "--db", solo, "team", "init"]) == 0
    capsys.readouterr()
    assert main(["--lang", "zh_CN", "--db", solo, "team", "init"]) == 1
    assert "本账簿已在一个团队中" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", solo, "sync", str(tmp_path / "gone")]) == 1
    assert "does not exist or is not a folder" in capsys.readouterr().err
