"""The team as this book knows it: its own keys, the roster read from the folder, the keys of
each epoch, and a manager's changes (roles, removals with a new key).

:func:`refresh` runs at the start of every push and pull (storage/book/sync.py): it writes
this device's roster entry into the folder if it is not there as it should be (and
``founder.json`` when this book started the team), reads the roster (storage/sync/roster.py),
takes the new team keys sealed for this device, and caches the roster and the keyring in the
book (tables of m018). So a member picks up a new key at its next sync without a word typed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from models.record import utc_now_iso
from storage.sync import folder as shared
from storage.sync.errors import (
    LastManagerError,
    NotFirstMemberError,
    NotInTeamError,
    NotManagerError,
    RemovedFromTeamError,
    RosterIncompleteError,
    TeamHasManagerError,
)
from storage.sync.identity import Identity, b64, key_id, mac, seal, wrap
from storage.sync.keys import new_key
from storage.sync.roster import (
    DECISION_KIND,
    FOUNDER_KIND,
    MEMBER_KIND,
    Documents,
    Member,
    Roster,
    previous_label,
    replay,
    walk_back,
)


class Database(Protocol):
    """The book's query layer as used here (storage.database.Database, not imported: the
    packages of storage/ import no cycle)."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def atomic(self) -> AbstractContextManager[object]: ...


@dataclass(frozen=True)
class Own:
    """This book as a member: its device, person, keys and team."""

    device: str
    team: str
    identity: Identity
    founder: bool
    joined_at: str


def own(conn: sqlite3.Connection) -> Own:
    """This book's membership; its own keys are made here when a book that joined before
    m018 has none yet (call inside a transaction)."""
    row = conn.execute("SELECT device, team_id, sign_key, box_key, founder, joined_at "
                       "FROM sync_device WHERE id = 1").fetchone()
    if row[1] is None:
        raise NotInTeamError()
    if row[2] is None or row[3] is None:
        made = Identity.new()
        conn.execute("UPDATE sync_device SET sign_key = ?, box_key = ? WHERE id = 1",
                     [b64(made.sign), b64(made.box)])
        identity = made
    else:
        identity = Identity(sign=base64.b64decode(row[2]), box=base64.b64decode(row[3]))
    return Own(device=row[0], team=row[1], identity=identity, founder=bool(row[4]),
               joined_at=row[5] or "")


def set_person(conn: sqlite3.Connection, person: str, role: str | None = None) -> None:
    """Who this book's user is in the team (and, for the founder, its role), kept in the
    roster cache until the folder's entry says so too."""
    device, joined = conn.execute("SELECT device, joined_at FROM sync_device "
                                  "WHERE id = 1").fetchone()
    identity = own(conn).identity
    conn.execute("INSERT INTO sync_members (device, person, role, joined_at, sign_public, "
                 "box_public, founder) VALUES (?, ?, ?, ?, ?, ?, "
                 "(SELECT founder FROM sync_device WHERE id = 1)) ON CONFLICT (device) DO "
                 "UPDATE SET person = excluded.person, role = coalesce(?, role)",
                 [device, person.strip(), role or "salesperson", joined or "",
                  identity.sign_public, identity.box_public, role])


def person(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT m.person FROM sync_members m JOIN sync_device d "
                       "ON d.device = m.device WHERE d.id = 1").fetchone()
    return row[0] if row and row[0] else None


def keys(conn: sqlite3.Connection) -> dict[str, bytes]:
    return {kid: base64.b64decode(key) for kid, key in
            conn.execute("SELECT kid, key FROM sync_keyring WHERE key IS NOT NULL")}


def cached(conn: sqlite3.Connection) -> dict[str, Member]:
    """The roster as last read (this device's own row included once it is set)."""
    found = {}
    for row in conn.execute("SELECT device, person, role, joined_at, sign_public, box_public, "
                            "kid, founder, removed_at, removed_by, cutoff FROM sync_members"):
        found[row[0]] = Member(device=row[0], person=row[1], joined_at=row[3], sign=row[4],
                               box=row[5], kid=row[6], role=row[2], founder=bool(row[7]),
                               removed_at=row[8], removed_by=row[9], cutoff=row[10])
    return found


# ---- reading and writing the folder ---------------------------------------------------------
def documents(folder: Path) -> Documents:
    base = shared.root(folder)
    return Documents(founder=shared.read_document(base / shared.FOUNDER_FILE),
                     members=shared.read_documents(base / shared.MEMBERS_DIR),
                     decisions=shared.read_documents(base / shared.DECISIONS_DIR))


def refresh(db: Database, folder: Path, *, sending: bool = False) -> Roster:
    """Write this device's entry into the folder if needed, read the roster, take the keys
    sealed for this device, and cache both; RemovedFromTeamError when ``sending`` and a
    manager removed this device."""
    conn = db.conn
    with db.atomic():
        me = own(conn)
        _adopt_team(conn, folder, me)
        me = own(conn)
        # Another team's folder (OtherTeamError) before this device's entry is written
        # there: its members would read a stranger's entry, ignored with a warning.
        shared.check_team(folder, me.team)
        held = keys(conn)
        _register(conn, folder, me, held)
        known = cached(conn)
        roster = replay(documents(folder), team=me.team, keys=held,
                        known={device: member for device, member in known.items()
                               if device != me.device or member.sign},
                        pinned_founder=next((device for device, member in known.items()
                                             if member.founder), None),
                        me=me.identity, my_device=me.device)
        _store(conn, roster, held, me)
    mine = roster.members.get(me.device)
    if sending and mine is not None and mine.removed_at is not None:
        by = roster.members.get(mine.removed_by or "")
        raise RemovedFromTeamError(at=mine.removed_at[:16].replace("T", " "),
                                   by=by.person if by else mine.removed_by)
    return roster


def _adopt_team(conn: sqlite3.Connection, folder: Path, me: Own) -> None:
    """A member who joined with a key that replaced the team's first one computes another
    team id from it: the folder's decisions, sealing the earlier key with this one, say it
    is the same team (storage/sync/roster.walk_back)."""
    found = shared.team_of(folder)
    if found is None or found == me.team:
        return
    held = keys(conn)
    for doc in shared.read_documents(shared.root(folder) / shared.DECISIONS_DIR).values():
        if doc and doc.get("team") == found and str(doc.get("kid")) in held:
            walked = dict(held)
            walk_back({"d": doc}, walked)
            if len(walked) > len(held):
                conn.execute("UPDATE sync_device SET team_id = ? WHERE id = 1", [found])
                return


def _register(conn: sqlite3.Connection, folder: Path, me: Own, held: dict[str, bytes]) -> None:
    """This device's entry (and the founder's file) in the folder, as it should be."""
    base = shared.root(folder)
    base.mkdir(parents=True, exist_ok=True)
    name = person(conn) or ""
    kid = _sealing_kid(conn, held)
    entry: dict[str, Any] = {"kind": MEMBER_KIND, "format": 1, "team": me.team,
                             "device": me.device, "person": name, "joined": me.joined_at,
                             "sign": me.identity.sign_public, "box": me.identity.box_public,
                             "kid": kid}
    path = base / shared.MEMBERS_DIR / f"{me.device}.json"
    there = shared.read_document(path)
    if there is None or any(there.get(field) != value for field, value in entry.items()
                            if field != "kid") or str(there.get("kid")) not in held:
        entry["mac"] = mac(held[kid], entry)
        entry["sig"] = me.identity.signature(entry)
        shared.write_document(path, entry)
    if me.founder and not (base / shared.FOUNDER_FILE).exists():
        role = conn.execute("SELECT role FROM sync_members WHERE device = ?",
                            [me.device]).fetchone()
        founder: dict[str, Any] = {"kind": FOUNDER_KIND, "format": 1, "team": me.team,
                                   "device": me.device, "sign": me.identity.sign_public,
                                   "role": role[0] if role else "manager", "kid": kid,
                                   "at": utc_now_iso()}
        founder["mac"] = mac(held[kid], founder)
        founder["sig"] = me.identity.signature(founder)
        with contextlib.suppress(FileExistsError):  # written meanwhile: the roster decides
            shared.write_document(base / shared.FOUNDER_FILE, founder, exclusive=True)


def _sealing_kid(conn: sqlite3.Connection, held: dict[str, bytes]) -> str:
    row = conn.execute("SELECT kid FROM sync_keyring WHERE key IS NOT NULL "
                       "ORDER BY epoch DESC LIMIT 1").fetchone()
    return str(row[0]) if row else next(iter(held))


def _store(conn: sqlite3.Connection, roster: Roster, held: dict[str, bytes], me: Own) -> None:
    """The roster and the keyring into the book."""
    first = roster.rotations[0].prev_kid if roster.rotations else None
    epochs: dict[str, tuple[int, str | None]] = {}
    if first is not None:
        epochs[first] = (1, None)
    for rotation in roster.rotations:
        epochs[rotation.kid] = (rotation.epoch, json.dumps(sorted(rotation.recipients)))
    now = utc_now_iso()
    for kid, (epoch, recipients) in epochs.items():
        key = held.get(kid)
        conn.execute("INSERT INTO sync_keyring (kid, epoch, key, recipients, added_at) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kid) DO UPDATE SET "
                     "epoch = excluded.epoch, recipients = excluded.recipients, "
                     "key = coalesce(sync_keyring.key, excluded.key)",
                     [kid, epoch, b64(key) if key else None, recipients, now])
    for kid, key in held.items():  # keys found by walking back the chain
        conn.execute("INSERT INTO sync_keyring (kid, epoch, key, added_at) VALUES (?, 1, ?, ?) "
                     "ON CONFLICT (kid) DO UPDATE SET key = coalesce(sync_keyring.key, "
                     "excluded.key)", [kid, b64(key), now])
    own_row = cached(conn).get(me.device)
    for member in roster.members.values():
        person_name = member.person
        if member.device == me.device and own_row is not None and own_row.person:
            person_name = own_row.person
        conn.execute(
            "INSERT INTO sync_members (device, person, role, joined_at, sign_public, "
            "box_public, kid, founder, removed_at, removed_by, cutoff) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET "
            "person = excluded.person, role = excluded.role, joined_at = excluded.joined_at, "
            "sign_public = excluded.sign_public, box_public = excluded.box_public, "
            "kid = excluded.kid, founder = excluded.founder, "
            "removed_at = excluded.removed_at, removed_by = excluded.removed_by, "
            "cutoff = excluded.cutoff",
            [member.device, person_name, member.role, member.joined_at, member.sign,
             member.box, member.kid, int(member.founder), member.removed_at,
             member.removed_by, member.cutoff])


# ---- a manager's changes ---------------------------------------------------------------------
@dataclass(frozen=True)
class Rotated:
    """A removal done: the devices removed and the team's new key (epoch ``epoch``)."""

    devices: tuple[str, ...]
    epoch: int
    key: bytes


def remove(db: Database, folder: Path, devices: list[str],
           last_packets: dict[str, int]) -> Rotated:
    """Remove ``devices`` from the team: a decision signed by this (manager's) device, with
    a new team key sealed for each remaining member and the current key sealed under it.
    ``last_packets``: each removed device's last packet this manager had; later ones are
    refused."""
    roster = refresh(db, folder, sending=True)
    conn = db.conn
    me = own(conn)
    _check_manager(roster, me.device)
    remaining = [member for member in roster.managers() if member.device not in devices]
    if not remaining:
        raise LastManagerError()
    sealing_key, current_kid = current_key(conn)
    recipients = [member for member in roster.confirmed(current_kid)
                  if member.device not in devices and member.box]
    new = new_key()
    kid = key_id(new)
    decision: dict[str, Any] = {
        "action": "remove", "devices": {device: int(last_packets.get(device, 0))
                                        for device in devices},
        "kid": kid, "prev_kid": current_kid,
        "previous": seal(new, sealing_key, previous_label(current_kid)),
        "keys": {member.device: wrap(new, member.box) for member in recipients}}
    _decide(db, folder, me, decision)
    refreshed = refresh(db, folder)
    epoch = next((rotation.epoch for rotation in refreshed.rotations if rotation.kid == kid), 0)
    return Rotated(devices=tuple(devices), epoch=epoch, key=new)


def set_role(db: Database, folder: Path, devices: list[str], role: str) -> Roster:
    """Give ``devices`` the role ``role`` (a decision signed by this manager's device)."""
    roster = refresh(db, folder, sending=True)
    me = own(db.conn)
    if role == "manager" and devices == [me.device] and not roster.managers():
        return claim(db, folder, roster, me)
    _check_manager(roster, me.device)
    if role != "manager" and not [member for member in roster.managers()
                                  if member.device not in devices]:
        raise LastManagerError()
    _decide(db, folder, me, {"action": "role", "role": role,
                             "devices": {device: None for device in devices}})
    return refresh(db, folder)


def claim(db: Database, folder: Path, roster: Roster, me: Own) -> Roster:
    """A team started before m018 has no founder, hence no manager: its first member (the
    earliest joined; the book that started it) names itself one by a signed claim, which
    every book accepts from that member alone (storage/sync/roster._claim). Refused while a
    device that sent packets has no entry in the roster yet: it may be the first member."""
    if roster.founder is not None or roster.claimed is not None:
        raise TeamHasManagerError()
    unknown = sorted(device for device in shared.devices(folder)
                     if device not in roster.members)
    if unknown:
        raise RosterIncompleteError(devices=", ".join(device[:8] for device in unknown))
    first = roster.first_member()
    if first is None or first.device != me.device:
        raise NotFirstMemberError(person=first.person if first else "?",
                                  device=first.device[:8] if first else "?")
    _decide(db, folder, me, {"action": "claim", "devices": {me.device: None}})
    return refresh(db, folder)


def _check_manager(roster: Roster, device: str) -> None:
    mine = roster.members.get(device)
    if mine is None or mine.role != "manager" or mine.removed_at is not None:
        raise NotManagerError()


def current_key(conn: sqlite3.Connection) -> tuple[bytes, str]:
    """The newest team key this book holds, and its id."""
    row = conn.execute("SELECT key, kid FROM sync_keyring WHERE key IS NOT NULL "
                       "ORDER BY epoch DESC LIMIT 1").fetchone()
    return base64.b64decode(row[0]), str(row[1])


def _decide(db: Database, folder: Path, me: Own, fields: dict[str, Any]) -> None:
    base = shared.root(folder) / shared.DECISIONS_DIR
    number = 1 + max((int(name.rsplit("-", 1)[1]) for name in shared.read_documents(base)
                      if name.startswith(me.device) and name.rsplit("-", 1)[1].isdigit()),
                     default=0)
    decision = {"kind": DECISION_KIND, "format": 1, "team": me.team, "by": me.device,
                "n": number, "at": utc_now_iso(), **fields}
    decision["sig"] = me.identity.signature(decision)
    shared.write_document(base / f"{me.device}-{number:06d}.json", decision, exclusive=True)

