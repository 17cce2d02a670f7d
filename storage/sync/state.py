"""What this book knows about its team: its device, key and clock, what it sent, what it
applied from each member, and the packets it refused (tables ``sync_*`` of m017; its own
keys, the keyring and the roster of m018 are storage/sync/team.py's)."""

from __future__ import annotations

import base64
import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from models.record import new_id, utc_now_iso
from models.validation import tr_noop
from storage.sync import keyring, packets
from storage.sync.clock import ZERO
from storage.sync.identity import Identity, b64, key_id
from storage.sync.tables import SYNCED_SETTINGS

#: The reason storage/book/sync_merge.py gives a packet whose changes failed to apply.
NOT_APPLIED = tr_noop("its changes could not be applied: {error}")


@dataclass(frozen=True)
class Device:
    device: str
    team_key: bytes | None
    team_id: str | None
    joined_at: str | None
    pushed_seq: int
    packets: int  # the last packet number this book wrote


def device(conn: sqlite3.Connection) -> Device:
    row = conn.execute("SELECT device, team_key, team_id, joined_at, pushed_seq, packets "
                       "FROM sync_device WHERE id = 1").fetchone()
    return Device(device=row[0], team_key=base64.b64decode(row[1]) if row[1] else None,
                  team_id=row[2], joined_at=row[3], pushed_seq=int(row[4]),
                  packets=int(row[5]))


def enter_team(conn: sqlite3.Connection, key: bytes, team: str, *, founder: bool) -> str:
    """Make this book a member of ``team`` under a new device id (a copy of a book must never
    write as the original); returns the id. Everything the book holds will be sent as whole
    records; history before now is not. A founder's synced settings are sent too; a joiner's
    are not (the team's arrive and win), until changed."""
    device_id = new_id()
    conn.execute("UPDATE sync_device SET device = ?, team_key = ?, team_id = ?, joined_at = ?, "
                 "pushed_seq = (SELECT coalesce(max(seq), 0) FROM change_log), packets = 0 "
                 "WHERE id = 1",
                 [device_id, base64.b64encode(key).decode("ascii"), team, utc_now_iso()])
    for table in ("sync_rows", "sync_applied_rows", "sync_peers", "sync_quarantine",
                  "sync_waiting", "sync_settings", "sync_keyring", "sync_members"):
        conn.execute(f"DELETE FROM {table}")
    # The device's own keys (storage/sync/identity.py) and the team key, epoch 1 until the
    # folder's roster says which epoch it is (a member may join with a replaced key's
    # successor).
    own = Identity.new()
    conn.execute("UPDATE sync_device SET sign_key = ?, box_key = ?, founder = ? WHERE id = 1",
                 [b64(own.sign), b64(own.box), int(founder)])
    conn.execute("INSERT INTO sync_keyring (kid, epoch, key, recipients, added_at) "
                 "VALUES (?, 1, ?, NULL, ?)", [key_id(key), b64(key), utc_now_iso()])
    if not founder:
        conn.executemany(
            "INSERT INTO sync_settings (key, value, hlc) SELECT key, value, ? FROM settings "
            "WHERE key = ?", [(ZERO, key_name) for key_name in SYNCED_SETTINGS])
    return device_id


def set_pushed(conn: sqlite3.Connection, *, seq: int, packets: int) -> None:
    conn.execute("UPDATE sync_device SET pushed_seq = max(pushed_seq, ?), "
                 "packets = max(packets, ?) WHERE id = 1", [seq, packets])


def applied(conn: sqlite3.Connection) -> dict[str, int]:
    """Device -> the last of its packets applied here (in number order, no gaps)."""
    return {row[0]: int(row[1]) for row in conn.execute("SELECT device, applied FROM sync_peers")}


def mark_applied(conn: sqlite3.Connection, device_id: str, number: int, last_hlc: str) -> None:
    conn.execute("INSERT INTO sync_peers (device, applied, applied_at, last_hlc) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET "
                 "applied = excluded.applied, applied_at = excluded.applied_at, "
                 "last_hlc = max(coalesce(last_hlc, ''), excluded.last_hlc)",
                 [device_id, number, utc_now_iso(), last_hlc])


@dataclass(frozen=True)
class Quarantined:
    device: str
    number: int
    sha256: str
    reason: str  # English, as stored
    at: str

    @property
    def explained(self) -> tuple[str, dict[str, str]]:
        """The reason as a template marked for translation and the values that fill it
        (the stored text itself, with no values, when no template matches it)."""
        return explain(self.reason)


#: The templates a stored reason may be made of, tried in order.
REASONS: tuple[str, ...] = (
    packets.NOT_A_PACKET, packets.CHECK_FAILED, packets.NOT_DECOMPRESSED, packets.TOO_LARGE,
    packets.OTHER_FORMAT, packets.OTHER_PLACE, packets.BAD_CHECKSUM, packets.WRONG_COUNT,
    packets.UNREADABLE, packets.OTHER_KEY, keyring.REMOVED_SENDER, keyring.UNCONFIRMED_SENDER,
    keyring.REMOVED_HERE, NOT_APPLIED)


def explain(reason: str) -> tuple[str, dict[str, str]]:
    for template in REASONS:
        match = _pattern(template).fullmatch(reason)
        if match:
            return template, match.groupdict()
    return reason, {}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*)"
                    for index, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def quarantined(conn: sqlite3.Connection) -> dict[tuple[str, int], Quarantined]:
    return {(row[0], int(row[1])): Quarantined(row[0], int(row[1]), row[2], row[3], row[4])
            for row in conn.execute("SELECT device, number, sha256, reason, at "
                                    "FROM sync_quarantine")}


def quarantine(conn: sqlite3.Connection, device_id: str, number: int, sha256: str,
               reason: str) -> None:
    """Never apply this packet's bytes; a file that changes later (its sync finished) is
    read again."""
    conn.execute("INSERT INTO sync_quarantine (device, number, sha256, reason, at) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device, number) DO UPDATE SET "
                 "sha256 = excluded.sha256, reason = excluded.reason, at = excluded.at",
                 [device_id, number, sha256, reason, utc_now_iso()])


def release(conn: sqlite3.Connection, device_id: str, number: int) -> None:
    conn.execute("DELETE FROM sync_quarantine WHERE device = ? AND number = ?",
                 [device_id, number])
