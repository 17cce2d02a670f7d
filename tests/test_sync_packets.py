"""The packet file, the team key's text, the clock and the folder's atomic writes."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from storage.book.sync import is_team_key
from storage.sync import folder as shared
from storage.sync.clock import MAX_COUNTER, ZERO, base_clock, format_hlc, observe, stamp
from storage.sync.errors import BadTeamKeyError, OtherTeamError, SyncFolderMissingError
from storage.sync.keys import key_text, new_key, parse_key, team_id
from storage.sync.packets import Header, PacketError, decode, encode

DEVICE = "0f1e2d3c-4b5a-4697-8877-665544332211"
OPS = [{"o": "set", "t": "customers", "id": "c1", "h": "x", "f": {"city": ["上海", ""]}},
       {"o": "put", "t": "customers", "id": "c2", "r": {"name": "Acme 🎉", "notes": "a\nb"}}]


def _packet(key: bytes, number: int = 7) -> bytes:
    return encode(key, Header(DEVICE, number, made=format_hlc(1, 0, DEVICE), schema=17,
                              ops=len(OPS)), OPS)


def test_a_packet_reads_back_as_written() -> None:
    key = new_key()
    header, ops = decode(key, DEVICE, 7, _packet(key))
    assert ops == OPS and (header.device, header.number, header.schema) == (DEVICE, 7, 17)


@pytest.mark.parametrize("damage", ["cut", "byte", "empty", "other key", "renamed", "moved"])
def test_a_damaged_cut_or_misplaced_packet_is_refused(damage: str) -> None:
    key = new_key()
    data = _packet(key)
    device, number = DEVICE, 7
    if damage == "cut":
        data = data[:len(data) // 2]
    elif damage == "byte":
        data = data[:40] + bytes([data[40] ^ 1]) + data[41:]
    elif damage == "empty":
        data = b""
    elif damage == "other key":
        key = new_key()
    elif damage == "renamed":
        number = 8  # the same file under another number
    else:
        device = "11111111-2222-4333-8444-555555555555"
    with pytest.raises(PacketError):
        decode(key, device, number, data)


def test_the_key_text_catches_a_typo_and_forgives_case_and_lookalikes() -> None:
    key = new_key()
    text = key_text(key)
    assert text.startswith("KP1-") and len(text.split("-")) == 15
    assert parse_key(text.lower().replace("-", " ")) == key
    assert parse_key(text.replace("O", "0").replace("I", "1")) == key
    body = text[4:]
    assert parse_key(body) == key  # the prefix may be left out
    for spot in (5, 30, len(text) - 1):
        wrong = text[:spot] + ("A" if text[spot] != "A" else "B") + text[spot + 1:]
        with pytest.raises(BadTeamKeyError):
            parse_key(wrong)
    with pytest.raises(BadTeamKeyError):
        parse_key(text[:-5])
    assert team_id(key) == team_id(parse_key(text)) and team_id(key) != team_id(new_key())


def _clock_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE sync_device (id INTEGER PRIMARY KEY, device TEXT, "
                 "clock_ms INTEGER NOT NULL DEFAULT 0, clock_counter INTEGER NOT NULL DEFAULT 0)")
    conn.execute("INSERT INTO sync_device (id, device) VALUES (1, 'dev')")
    return conn


def test_the_clock_never_goes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.sync import clock

    conn = _clock_db()
    now = [1_000_000]
    monkeypatch.setattr(clock, "now_ms", lambda: now[0])
    first = stamp(conn)
    now[0] -= 60_000  # the computer's clock is set back a minute
    second, third = stamp(conn), stamp(conn)
    assert first < second < third
    assert (second, third) == (format_hlc(1_000_000, 1, "dev"), format_hlc(1_000_000, 2, "dev"))
    observe(conn, format_hlc(5_000_000, 3, "peer"))  # a peer's later change was applied
    assert stamp(conn) == format_hlc(5_000_000, 4, "dev")
    conn.execute("UPDATE sync_device SET clock_counter = ?", [MAX_COUNTER])
    assert stamp(conn) == format_hlc(5_000_001, 0, "dev")  # the counter carries over


def test_a_records_base_clock_is_its_creation_time_alike_everywhere() -> None:
    utc = base_clock("2026-05-01T08:00:00.250+00:00")
    assert utc == base_clock("2026-05-01T16:00:00.250+08:00")
    assert utc == base_clock("2026-05-01T08:00:00.250")  # no offset: UTC, on every device
    assert ZERO < utc < format_hlc(1_777_622_400_250, 0, "a")
    assert base_clock(None) == base_clock("not a date") == ZERO


def test_packets_are_written_whole_never_over_another(tmp_path: Path) -> None:
    written = shared.write_packet(tmp_path, DEVICE, 1, b"one")
    assert written.name == "000001.kpk" and written.read_bytes() == b"one"
    with pytest.raises(FileExistsError):
        shared.write_packet(tmp_path, DEVICE, 1, b"two")
    assert written.read_bytes() == b"one"
    (written.parent / ".000002.kpk.99-ab.tmp").write_bytes(b"half")  # a writer was killed
    assert shared.packets(tmp_path, DEVICE) == {1: written}
    assert [p.name for p in written.parent.iterdir() if p.name.endswith(".tmp")] \
        == [".000002.kpk.99-ab.tmp"]
    assert shared.devices(tmp_path) == [DEVICE]
    (tmp_path / shared.SYNC_DIR / "not-a-device").mkdir()
    assert shared.devices(tmp_path) == [DEVICE]


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)  # the folder module's os.replace
    with pytest.raises(OSError):
        shared.write_packet(tmp_path, DEVICE, 1, b"one")
    assert list((tmp_path / shared.SYNC_DIR / DEVICE).iterdir()) == []


def test_the_folder_belongs_to_one_team(tmp_path: Path) -> None:
    shared.check_team(tmp_path, "team-a")
    marker = tmp_path / shared.SYNC_DIR / shared.TEAM_FILE
    assert json.loads(marker.read_text())["team"] == "team-a"
    shared.check_team(tmp_path, "team-a")
    with pytest.raises(OtherTeamError) as refused:
        shared.check_team(tmp_path, "team-b")
    # Told by its members (none have entries here), never by the ids' hex digits.
    assert "another team (its members: ?)" in str(refused.value)
    assert "team-a" not in str(refused.value) and "team-b" not in str(refused.value)
    with pytest.raises(SyncFolderMissingError):
        shared.check_team(tmp_path / "missing", "team-a")


def test_a_key_is_checked_without_joining_to_its_last_character() -> None:
    """is_team_key reads a key as join does, opening nothing. The last character of the key
    carries one bit and four unused ones, which base32 decoding ignores: each other letter
    there is refused all the same (it read as the same key before)."""
    text = key_text(new_key())
    assert is_team_key(text) and is_team_key(text.lower().replace("-", " "))
    body_end = text.rindex("-") - 1  # the key's last character, before the check group
    others = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" if c != text[body_end]]
    for other in others:
        assert not is_team_key(text[:body_end] + other + text[body_end + 1:]), other
    assert not is_team_key("") and not is_team_key("KP1-AAAA") and not is_team_key(text[:-1])
