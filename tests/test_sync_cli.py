"""``keyplan team init|join`` and ``keyplan sync FOLDER [--status]``, in both languages."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
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
    assert main(["--lang", "en", "--db", first, "team", "init", "--name", "Li Lei"]) == 0
    printed = capsys.readouterr().out
    (key,) = KEY.findall(printed)  # printed once, and only there
    assert "shown only this once" in printed
    assert main(["--lang", "en", "--db", second, "team", "join", key.lower(), "--name",
                 "Wang Fang"]) == 0
    assert "Joined the team as Wang Fang, device " in capsys.readouterr().out
    return first, second, folder


def test_a_team_syncs_from_the_command_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    first, second, folder = _team(tmp_path, capsys)
    assert main(["--lang", "en", "--db", first, "sync", str(folder)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"Synced with {folder}: changes sent: ")
    assert "changes merged: 0 (packets: 0, records: 0)" in line
    assert main(["--lang", "en", "--db", second, "sync", str(folder)]) == 0
    line = capsys.readouterr().out.strip()
    assert "changes sent: 0 (packets: 0)" in line and "(packets: 1, records: " in line
    assert "; rescored (tiers changed: 30); " in line and len(line.splitlines()) == 1
    with Book(first) as one, Book(second) as two:
        tiers = "SELECT customer_id, tier FROM customer_metrics ORDER BY 1"
        assert one.reader.query(tiers) == two.reader.query(tiers)
        member, own = one.sync.device_id, two.sync.device_id
        team = one.sync.status(folder).team
    assert main(["--lang", "en", "--db", second, "sync", str(folder), "--status"]) == 0
    status = capsys.readouterr().out
    # The team and its members by name, never the team's hex id.
    assert status.startswith(f"Team started by Li Lei, 2 members; this book is Wang Fang, "
                             f"device {own}.\n")
    assert team not in status
    assert f"  Li Lei (device {member}): last packet 20" in status
    assert "merged 1 of 1, 0 waiting, 0 refused" in status
    assert main(["--lang", "en", "--db", first, "sync", str(folder), "--status"]) == 0
    assert "  this book: last packet 20" in capsys.readouterr().out
    assert "To send: 0 changes. Conflicts: 0." in status
    assert main(["--lang", "zh_CN", "--db", second, "sync", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"已与 {folder} 同步：发送 0 项变更")
    assert main(["--lang", "zh_CN", "--db", second, "sync", str(folder), "--status"]) == 0
    status = capsys.readouterr().out
    assert status.startswith(f"团队由 Li Lei 创建，共 2 名成员；本客户簿属于 Wang Fang，"
                             f"设备编号 {own}。\n")
    assert f"  Li Lei（设备编号 {member}）：" in status


def test_sync_explains_what_stops_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    solo = str(tmp_path / "solo.db")
    assert main(["--lang", "en", "--db", solo, "sync", str(tmp_path)]) == 1
    assert "not in a team yet" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", solo, "team", "join", "KP1-AAAA-BBBB"]) == 1
    assert "not a KeyPlan team key" in capsys.readouterr().err
    assert main(["--lang", "zh_CN", "--db", solo, "team", "init"]) == 0
    capsys.readouterr()
    assert main(["--lang", "zh_CN", "--db", solo, "team", "init"]) == 1
    assert "本客户簿已在一个团队中" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", solo, "sync", str(tmp_path / "gone")]) == 1
    assert "does not exist or is not a folder" in capsys.readouterr().err


def test_a_copied_book_is_told_apart_and_compacts(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands BookCopiedError names exist: --new-device gives the copy its own id,
    --moved-here keeps the id on this computer; --compact writes a checkpoint, which the
    sync and the status then mention, and a joiner loads."""
    first, second, folder = _team(tmp_path, capsys)
    assert main(["--lang", "en", "--db", first, "sync", str(folder)]) == 0
    capsys.readouterr()
    copy = tmp_path / "copy.db"
    shutil.copy(first, copy)
    monkeypatch.setattr("storage.sync.home.computer", lambda: "laptop-2")
    assert main(["--lang", "en", "--db", str(copy), "sync", str(folder)]) == 1
    told = capsys.readouterr().err
    assert "--new-device" in told and "--moved-here" in told and "laptop-2" in told
    with Book(first) as original:
        device = original.sync.device_id
    assert main(["--lang", "en", "--db", str(copy), "sync", str(folder), "--new-device"]) == 0
    said = capsys.readouterr().out
    with Book(copy) as copied:
        assert copied.sync.device_id != device and copied.sync.device_id in said
    assert "Synced with" in said
    # The original, opened on "laptop-2" now, moved here for good: its id stays.
    assert main(["--lang", "zh_CN", "--db", first, "sync", str(folder), "--moved-here"]) == 0
    assert "同步" in capsys.readouterr().out
    with Book(first) as original:
        assert original.sync.device_id == device
    assert main(["--lang", "en", "--db", first, "sync", str(folder), "--keep-days", "3"]) == 2
    assert "--keep-days goes with --compact" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", first, "sync", str(folder), "--compact",
                 "--keep-days", "0"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Checkpoint written: ") and "records up to packet 1" in said
    assert main(["--lang", "en", "--db", first, "sync", str(folder), "--compact"]) == 0
    assert "already holds this book" in capsys.readouterr().out
    assert main(["--lang", "en", "--db", second, "sync", str(folder), "--status"]) == 0
    assert f"  {device}: last packet" in (status := capsys.readouterr().out)
    assert "    checkpoint up to its packet 1" in status
    joiner = str(tmp_path / "zhao.db")
    with Book(first) as original:
        key = original.team.key_text()
    assert main(["--lang", "en", "--db", joiner, "team", "join", key]) == 0
    capsys.readouterr()
    assert main(["--lang", "zh_CN", "--db", joiner, "sync", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "检查点" in said, said
    with Book(joiner) as three, Book(first) as one:
        names = "SELECT id, name FROM customers ORDER BY id"
        assert three.reader.query(names) == one.reader.query(names)


def test_packets_from_a_clock_ahead_wait_and_are_said_to(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second, folder = _team(tmp_path, capsys)
    assert main(["--lang", "en", "--db", first, "sync", str(folder)]) == 0
    capsys.readouterr()
    with Book(first) as one:
        device = one.sync.device_id
    # The first computer's clock as if it ran two days ahead of this one.
    monkeypatch.setattr("storage.book.sync_merge.too_far_ahead", lambda _hlc: True)
    assert main(["--lang", "en", "--db", second, "sync", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "changes merged: 0 (packets: 0, records: 0)" in out
    assert "the packets of 1 member wait: its computer's clock" in err and device in err
    assert main(["--lang", "zh_CN", "--db", second, "sync", str(folder)]) == 0
    assert device in (err := capsys.readouterr().err) and "时钟" in err
    monkeypatch.undo()
    assert main(["--lang", "en", "--db", second, "sync", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "(packets: 1, records: 715)" in out and "wait" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("lang", "writing", "merging"), [
    ("en", "Writing this book as a checkpoint", "Merging the team's changes"),
    ("zh_CN", "正在将本客户簿写为检查点", "正在合并团队的更改")])
def test_sync_shows_its_progress_on_a_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str, writing: str, merging: str) -> None:
    first, second, folder = _team(tmp_path, capsys)
    monkeypatch.setattr("storage.book.sync_send.FIRST_CHECKPOINT", 100)  # a checkpoint, then
    monkeypatch.setattr("storage.sync.checkpoint.PART_ROWS", 50)  # parts to load one by one
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["--lang", lang, "--db", first, "sync", str(folder)]) == 0
    drawn = terminal.getvalue()
    assert f"\r{writing} 100%" in drawn and drawn.endswith("\r")  # the line cleared at the end
    assert re.search(rf"\r{re.escape(writing)} +[1-9]\d?%", drawn)  # part way
    assert ("Checkpoint written: " if lang == "en" else "检查点") in capsys.readouterr().out
    terminal.seek(0)
    terminal.truncate()
    assert main(["--lang", lang, "--db", second, "sync", str(folder)]) == 0
    assert f"\r{merging}" in terminal.getvalue()
    # Not on a terminal (a pipe, a log): nothing but the messages.
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    with Book(first) as li:  # something to merge
        customer_id = str(li.reader.scalar("SELECT id FROM customers LIMIT 1"))
        li.customers.update(replace(li.customers.get(customer_id), city="Ningbo"))
    assert main(["--lang", lang, "--db", first, "sync", str(folder)]) == 0
    assert main(["--lang", lang, "--db", second, "sync", str(folder)]) == 0
    assert piped.getvalue() == ""
    with Book(second) as wang:
        assert wang.customers.get(customer_id).city == "Ningbo"


def test_sync_says_when_records_deleted_here_came_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from models.entities import Customer
    from tests.test_sync_merge import Team

    team = Team(tmp_path, 2)
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.delete(customer.id)
    b.customers.update(replace(b.customers.get(customer.id), city="Ningbo"))  # later
    b.sync.push(team.folder)
    team.close()
    assert main(["--lang", "en", "--db", str(tmp_path / "book0.db"), "sync",
                 str(team.folder)]) == 0
    assert "keyplan: note: 1 deleted record came back: a member edited it after the " \
           "delete. Delete it again if it should stay deleted." in capsys.readouterr().out
    assert main(["--lang", "en", "--db", str(tmp_path / "book0.db"), "sync",
                 str(team.folder)]) == 0
    assert "came back" not in capsys.readouterr().out  # said once, when it happened


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ("Team started by Li Lei, 1 member; this book is Li Lei, device ",
            "To send: 1 change. Conflicts: 0. Changes waiting for their record: 0.",
            "The team has 1 member (key epoch 1):")),
    ("zh_CN", ("团队由 Li Lei 创建，共 1 名成员；本客户簿属于 Li Lei，设备编号 ",
               "待发送：1 项变更。冲突：0 项。等待所属记录的变更：0 项。",
               "团队共有 1 名成员（密钥第 1 代）："))])
def test_one_member_and_one_change_are_said_in_the_singular(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
        said: tuple[str, str, str]) -> None:
    from models.entities import Customer

    path = str(tmp_path / "li.db")
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    with Book(path, new_book=True) as li:
        li.team.start("Li Lei")
    assert main(["--lang", lang, "--db", path, "sync", str(folder)]) == 0
    with Book(path) as li:
        li.customers.add(Customer(name="Acme"))
    capsys.readouterr()
    assert main(["--lang", lang, "--db", path, "sync", str(folder), "--status"]) == 0
    status = capsys.readouterr().out
    assert status.startswith(said[0]) and said[1] in status
    assert main(["--lang", lang, "--db", path, "team", "list", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(said[2])


def test_records_that_came_back_are_said_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from models.entities import Customer
    from tests.test_sync_merge import Team

    team = Team(tmp_path, 2)
    a, b = team.books
    customer = a.customers.add(Customer(name="Acme")).record
    team.sync()
    a.customers.delete(customer.id)
    b.customers.update(replace(b.customers.get(customer.id), city="Ningbo"))  # later
    b.sync.push(team.folder)
    team.close()
    assert main(["--lang", "zh_CN", "--db", str(tmp_path / "book0.db"), "sync",
                 str(team.folder)]) == 0
    assert "keyplan：提示：1 条已删除的记录已恢复：有成员在删除之后修改了它们。" \
        in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "way_out"), [
    ("en", "give this book its own device id (keyplan sync FOLDER --new-device)"),
    ("zh_CN", "请为本客户簿分配自己的设备编号（keyplan sync 文件夹 --new-device）")])
def test_a_copy_that_sent_just_now_is_told_only_the_new_member_way_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str, way_out: str) -> None:
    """Another copy wrote this device's next packet just now (PacketTakenError): it is in
    use, so the message names --new-device only, never --moved-here."""
    from storage.sync import folder as shared
    from tests.test_sync_own_packet import another_copy_first

    first, _second, folder = _team(tmp_path, capsys)
    assert main(["--lang", "en", "--db", first, "sync", str(folder)]) == 0
    with Book(first) as li:
        device = li.sync.device_id
        li.customers.update(replace(li.customers.get(str(li.reader.scalar(
            "SELECT id FROM customers LIMIT 1"))), city="Ningbo"))

        taken = another_copy_first(li)

    monkeypatch.setattr(shared, "write_packet", taken)
    capsys.readouterr()
    assert main(["--lang", lang, "--db", first, "sync", str(folder)]) != 0
    said = capsys.readouterr().err
    assert str(shared.device_folder(folder, device)) in said and way_out in said
    assert "--moved-here" not in said
