"""``keyplan team init|join|list|remove|role`` in both languages, and the refused packets'
reasons of ``keyplan sync --status`` in the user's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from main import main
from storage.book import Book

KEY = re.compile(r"KP1(?:-[A-Z2-7]{4}){14}")


def _run(capsys: pytest.CaptureFixture[str], *argv: str, lang: str = "en",
         code: int = 0) -> tuple[str, str]:
    assert main(["--lang", lang, *argv]) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


def _team(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, str], Path,
                                                                       str]:
    folder = tmp_path / "坚果云"
    folder.mkdir()
    dbs = {name: str(tmp_path / f"{name}.db") for name in ("li", "wang", "zhao")}
    out, _ = _run(capsys, "--db", dbs["li"], "team", "init", "--name", "李雷")
    (key,) = KEY.findall(out)
    assert "You are 李雷, manager, in the team." in out
    out, _ = _run(capsys, "--db", dbs["wang"], "team", "join", key, str(folder), "--name",
                  "Wang Fang")
    assert f"Wang Fang is in the team's roster in {folder}, as a salesperson" in out
    _run(capsys, "--db", dbs["zhao"], "team", "join", key, "--name", "赵敏", lang="zh_CN")
    with Book(dbs["li"]) as li:
        li.people.ensure("李雷")
    for db in dbs.values():
        _run(capsys, "--db", db, "sync", str(folder))
    return dbs, folder, key


def test_team_list_shows_each_member_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dbs, folder, _key = _team(tmp_path, capsys)
    with Book(dbs["li"]) as li:
        li_device = li.sync.device_id
    out, err = _run(capsys, "--db", dbs["wang"], "team", "list", str(folder))
    assert err == "" and out.startswith("The team has 3 members (key epoch 1):")
    lines = out.splitlines()[1:]
    assert [line.split(":")[0].strip() for line in lines] == ["Wang Fang", "李雷", "赵敏"]
    (li_line,) = [line for line in lines if "李雷" in line]
    assert f"manager, device {li_device}, joined 20" in li_line
    assert "last packet 20" in li_line and li_line.endswith("; started the team")
    assert lines[0].endswith(" (this book)") and "salesperson" in lines[0]
    out, _ = _run(capsys, "--db", dbs["zhao"], "team", "list", str(folder), lang="zh_CN")
    assert out.startswith("团队共有 3 名成员（密钥第 1 代）：")
    assert "李雷：经理，设备" in out and "；团队创建者" in out and "（本客户簿）" in out
    out, _ = _run(capsys, "--db", dbs["zhao"], "team", "list", str(folder), "--json")
    listed = json.loads(out)
    assert listed["epoch"] == 1 and listed["warnings"] == []
    assert {(m["person"], m["role"], m["removed"]) for m in listed["members"]} == {
        ("李雷", "manager", False), ("Wang Fang", "salesperson", False),
        ("赵敏", "salesperson", False)}


def test_roles_and_removal_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dbs, folder, key = _team(tmp_path, capsys)
    _, err = _run(capsys, "--db", dbs["wang"], "team", "remove", str(folder), "赵敏", code=1)
    assert "Only a manager of the team may do that" in err
    _, err = _run(capsys, "--db", dbs["wang"], "team", "role", str(folder), "Wang Fang",
                  "manager", lang="zh_CN", code=1)
    assert "只有团队的经理可以这样做" in err
    _, err = _run(capsys, "--db", dbs["li"], "team", "role", str(folder), "Nobody",
                  "manager", code=1)
    assert "No member of the team is called Nobody" in err
    out, _ = _run(capsys, "--db", dbs["li"], "team", "role", str(folder), "wang fang",
                  "manager")
    assert re.fullmatch(r"Wang Fang \(device [0-9a-f-]{36}\) is now manager\.\n", out)
    out, _ = _run(capsys, "--db", dbs["wang"], "team", "remove", str(folder), "赵敏",
                  lang="zh_CN")
    assert re.match(r"已将 赵敏（设备 [0-9a-f-]{36}）移出团队。\n团队密钥已更换（第 2 代）", out)
    (new_key,) = KEY.findall(out)
    assert new_key != key
    _, err = _run(capsys, "--db", dbs["zhao"], "sync", str(folder), code=1)
    assert "This book was removed from the team on 20" in err and " by Wang Fang." in err
    # Li syncs with no word typed, takes the new key; Zhao is listed as removed.
    out, _ = _run(capsys, "--db", dbs["li"], "sync", str(folder))
    assert out.startswith(f"Synced with {folder}")
    out, _ = _run(capsys, "--db", dbs["li"], "team", "list", str(folder))
    assert out.startswith("The team has 2 members (key epoch 2):")
    assert re.search(r"赵敏: salesperson, .*; removed 20\d\d-\d\d-\d\d \d\d:\d\d by Wang Fang",
                     out)
    # What Li sends now is refused by Zhao's book, and says why in Zhao's language.
    with Book(dbs["li"]) as li:
        li.people.ensure("New Colleague")
    _run(capsys, "--db", dbs["li"], "sync", str(folder))
    with Book(dbs["zhao"]) as zhao:
        pulled = zhao.sync.pull(folder)
    assert pulled.quarantined == 1
    out, _ = _run(capsys, "--db", dbs["zhao"], "sync", str(folder), "--status", lang="zh_CN")
    assert "已拒收" in out and "本客户簿已被移出团队" in out
    out, _ = _run(capsys, "--db", dbs["zhao"], "sync", str(folder), "--status")
    assert "(this book was removed from the team: it was not given the key" in out


def test_join_with_a_missing_folder_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "--db", str(tmp_path / "li.db"), "team", "init")
    (key,) = KEY.findall(out)
    db = str(tmp_path / "wang.db")
    _, err = _run(capsys, "--db", db, "team", "join", key, str(tmp_path / "gone"), code=1)
    assert "does not exist or is not a folder" in err
    with Book(db) as book:
        assert not book.sync.in_team
    _, err = _run(capsys, "--db", db, "team", "list", str(tmp_path), lang="zh_CN", code=1)
    assert "本客户簿尚未加入团队" in err
