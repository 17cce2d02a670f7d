"""``book.sync``: working as a team through a shared folder, without a server.

Each book is a device of a team. ``push`` writes what this book changed since its last
packet into the folder (``FOLDER/keyplan-sync/<device>/NNNNNN.kpk``, encrypted with the team
key); ``pull`` merges the members' packets in, each in one transaction, in number order per
member (a packet still on its way holds back that member's later ones; one that fails its
check is quarantined, never applied, and read again only if its file changes). Scores and
tiers are not sent: the answer of ``pull`` says when a rescore is due. The folder only ever
holds packets and ``team.json``; the book itself stays on this computer.
"""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.book.conflicts import Conflict, conflicts_of, open_conflicts, take
from storage.book.records import Done
from storage.changes import Changes
from storage.sync import folder as shared
from storage.sync import state
from storage.sync.applied import Applied
from storage.sync.apply import Applier
from storage.sync.capture import capture, clock_bulk_deletes, save
from storage.sync.clock import observe, stamp
from storage.sync.derived import refresh_activity, refresh_listing, refresh_search_texts
from storage.sync.errors import AlreadyInTeamError, NotInTeamError, PacketTakenError
from storage.sync.keyring import load as keyring
from storage.sync.keys import key_text, new_key, parse_key, team_id
from storage.sync.packets import Header, KeyNotYetError, PacketError, decode, encode
from storage.sync.tables import TABLES as SYNCED_TABLES
from storage.sync.team import refresh as refresh_team

if TYPE_CHECKING:
    from storage.database import Database

#: Operations per packet: a few megabytes at most, and one short transaction to apply.
MAX_OPS = 20_000
#: What a packet's operations may fail on when they are not what they should be.
_BAD_PACKET = (sqlite3.IntegrityError, KeyError, TypeError, ValueError, IndexError,
               AttributeError)


@dataclass(frozen=True)
class Pushed:
    packets: int
    ops: int
    seconds: float


@dataclass(frozen=True)
class Pulled:
    packets: int
    ops: int
    records: int  # records written
    conflicts: int
    waiting: int  # operations now waiting for a record that has not arrived
    quarantined: int  # packets refused by this pull
    outdated: tuple[str, ...]  # members whose packets need a newer KeyPlan
    changes: Changes
    seconds: float

    @property
    def rescore_due(self) -> bool:
        """Whether scores and tiers may come out otherwise (they are never sent)."""
        return self.changes.may_move_scores()


@dataclass(frozen=True)
class PeerStatus:
    device: str
    own: bool
    applied: int  # its last packet merged here
    available: int  # its last packet in the folder
    pending: int  # its packets in the folder not merged yet
    quarantined: int
    last_packet_at: datetime | None  # when its newest packet was written (file time)
    applied_at: str | None  # when this book last merged one of its packets


@dataclass(frozen=True)
class SyncStatus:
    device: str
    team: str
    peers: tuple[PeerStatus, ...]
    to_send: int  # changes and new records not yet in a packet
    conflicts: int  # not yet resolved
    waiting: int  # operations waiting for their record
    quarantined: tuple[state.Quarantined, ...]


class Sync:
    """Team membership, sending and merging change packets, and the conflicts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    # ---- membership -----------------------------------------------------------------------
    @property
    def in_team(self) -> bool:
        return state.device(self._conn).team_key is not None

    @property
    def device_id(self) -> str:
        return state.device(self._conn).device

    def team_init(self) -> str:
        """Start a team with this book: returns the key's text, to show once and give to
        the members (it is kept in the book; anyone holding it can read the packets)."""
        with self._db.atomic():
            found = state.device(self._conn)
            if found.team_key is not None:
                raise AlreadyInTeamError(team=found.team_id)
            key = new_key()
            state.enter_team(self._conn, key, team_id(key), founder=True)
        return key_text(key)

    def join(self, key: str) -> str:
        """Join the team of ``key`` (BadTeamKeyError when it is mistyped); returns the team
        id. Everything in this book will be sent to the team at the next push."""
        secret = parse_key(key)
        with self._db.atomic():
            state.enter_team(self._conn, secret, team_id(secret), founder=False)
        return team_id(secret)

    # ---- sending --------------------------------------------------------------------------
    def push(self, folder: Path) -> Pushed:
        """Write this book's changes since its last packet into ``folder`` (packets of at
        most :data:`MAX_OPS` operations, each in its own short transaction)."""
        started = time.perf_counter()
        refresh_team(self._db, folder, sending=True)  # the roster, and a new team key
        device = self._member()
        shared.check_team(folder, str(device.team_id))
        shared.clean_temporary(folder, device.device)
        packets = ops = 0
        while True:
            with self._db.atomic():
                device = state.device(self._conn)
                captured = capture(self._conn, device.pushed_seq, MAX_OPS)
                seq = captured.pushed_seq if captured.pushed_seq is not None \
                    else device.pushed_seq
                if not captured.ops:
                    save(self._conn, captured)
                    state.set_pushed(self._conn, seq=seq, packets=device.packets)
                    break
                written = shared.packets(folder, device.device)
                number = max(device.packets, max(written, default=0)) + 1
                header = Header(device=device.device, number=number,
                                made=stamp(self._conn), schema=self._db.schema_version,
                                ops=len(captured.ops))
                assert device.team_key is not None
                data = encode(keyring(self._conn), header, captured.ops)
                try:
                    shared.write_packet(folder, device.device, number, data)
                except FileExistsError as error:
                    raise PacketTakenError(str(error)) from error
                save(self._conn, captured)
                state.set_pushed(self._conn, seq=seq, packets=number)
                state.mark_applied(self._conn, device.device, number, header.made)
            packets += 1
            ops += len(captured.ops)
            if not captured.full:
                break
        return Pushed(packets, ops, time.perf_counter() - started)

    # ---- merging ----------------------------------------------------------------------------
    def pull(self, folder: Path) -> Pulled:
        """Merge the members' packets in ``folder`` that this book has not merged yet."""
        started = time.perf_counter()
        refresh_team(self._db, folder)  # the roster, and a new team key
        device = self._member()
        shared.check_team(folder, str(device.team_id))
        assert device.team_key is not None
        applied = state.applied(self._conn)
        refused = state.quarantined(self._conn)
        total = Applied()
        packets = quarantined = 0
        outdated: list[str] = []
        for member in shared.devices(folder):
            files = shared.packets(folder, member)
            number = applied.get(member, 0) + 1
            while number in files:
                try:
                    data = files[number].read_bytes()
                except OSError:
                    break  # being written by the sync program: next time
                digest = hashlib.sha256(data).hexdigest()
                known = refused.get((member, number))
                if known is not None and known.sha256 == digest:
                    break  # the same bad bytes: a gap until the file changes
                try:
                    header, ops = decode(keyring(self._conn), member, number, data)
                except KeyNotYetError:
                    break  # sealed with a new team key still on its way here
                except PacketError as error:
                    self._quarantine(member, number, digest, str(error))
                    quarantined += 1
                    break
                if header.schema > self._db.schema_version:
                    outdated.append(member)
                    break
                try:
                    result = self._apply(member, number, header, ops, device.pushed_seq,
                                         own=member == device.device)
                except _BAD_PACKET as error:
                    self._quarantine(member, number, digest,
                                     f"its changes could not be applied: {error}")
                    quarantined += 1
                    break
                if known is not None:
                    with self._db.atomic():
                        state.release(self._conn, member, number)
                total.add(result)
                packets += 1
                number += 1
        waiting = int(self._conn.execute("SELECT count(*) FROM sync_waiting").fetchone()[0])
        return Pulled(packets=packets, ops=total.ops, records=total.records,
                      conflicts=total.conflicts, waiting=waiting, quarantined=quarantined,
                      outdated=tuple(outdated), changes=total.changes(),
                      seconds=time.perf_counter() - started)

    def _apply(self, member: str, number: int, header: Header, ops: list[dict[str, Any]],
               pushed_seq: int, *, own: bool) -> Applied:
        """One packet, in one transaction: merged, derived columns refreshed, recorded."""
        with _no_cycle_collection(), self._db.atomic():
            if state.applied(self._conn).get(member, 0) >= number:
                return Applied()  # another process (the window, a command) merged it first
            clock_bulk_deletes(self._conn, pushed_seq)
            applier = Applier(self._conn)
            applier.apply([(op, member, number) for op in ops])
            applier.retry_waiting()
            result = applier.result
            listing = dict(result.listing)
            if result.search:
                refresh_search_texts(self._conn, result.search)
                listing["search_text"] = listing.get("search_text", set()) | result.search
            new = result.new_customers
            if new:  # a new customer's row, with its figures and every list column
                self._db.refresh_activity_of(new)
            refresh_activity(self._conn, {table: ids - new
                                          for table, ids in result.activity.items()})
            refresh_listing(self._conn, {column: ids - new for column, ids in listing.items()})
            observe(self._conn, max(result.latest, header.made))
            state.mark_applied(self._conn, member, number, header.made)
            if own:  # our own packet, written before this book was restored from a backup
                state.set_pushed(self._conn, seq=0, packets=number)
        return result

    def _quarantine(self, member: str, number: int, digest: str, reason: str) -> None:
        with self._db.atomic():
            state.quarantine(self._conn, member, number, digest, reason)

    # ---- where things stand -------------------------------------------------------------------
    def status(self, folder: Path) -> SyncStatus:
        device = self._member()
        applied = state.applied(self._conn)
        refused = state.quarantined(self._conn)
        members = sorted(set(shared.devices(folder)) | set(applied))
        peers = []
        for member in members:
            files = shared.packets(folder, member)
            done = applied.get(member, 0)
            newest = files.get(max(files)) if files else None
            row = self._conn.execute("SELECT applied_at FROM sync_peers WHERE device = ?",
                                     [member]).fetchone()
            peers.append(PeerStatus(
                device=member, own=member == device.device, applied=done,
                available=max(files, default=0), pending=sum(1 for n in files if n > done),
                quarantined=sum(1 for (d, _n) in refused if d == member),
                last_packet_at=_mtime(newest) if newest else None,
                applied_at=row[0] if row else None))
        count = self._conn.execute
        return SyncStatus(
            device=device.device, team=str(device.team_id), peers=tuple(peers),
            to_send=self._to_send(device.pushed_seq),
            conflicts=int(count("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS "
                                "NULL").fetchone()[0]),
            waiting=int(count("SELECT count(*) FROM sync_waiting").fetchone()[0]),
            quarantined=tuple(refused.values()))

    def _to_send(self, pushed_seq: int) -> int:
        count = int(self._conn.execute(
            "SELECT count(*) FROM change_log WHERE seq > ? AND origin IS NULL AND action IN "
            "('update', 'delete', 'restore')", [pushed_seq]).fetchone()[0])
        marks = dict(self._conn.execute("SELECT table_name, pushed_rowid FROM sync_rows"))
        for table in SYNCED_TABLES:
            count += int(self._conn.execute(
                f"SELECT count(*) FROM [{table}] t WHERE t.rowid > ? AND NOT EXISTS "
                f"(SELECT 1 FROM sync_applied_rows a WHERE a.table_name = ? AND "
                f"a.first_rowid <= t.rowid AND a.last_rowid >= t.rowid)",
                [marks.get(table, 0), table]).fetchone()[0])
        return count

    # ---- conflicts (storage/book/conflicts.py) ---------------------------------------------
    def conflicts(self, customer_id: str, *, resolved: bool = False) -> list[Conflict]:
        """The values merges set aside for a customer and its records, newest first."""
        return conflicts_of(self._conn, customer_id, resolved=resolved)

    def all_conflicts(self) -> list[Conflict]:
        """Every conflict not yet resolved (settings' too), newest first."""
        return open_conflicts(self._conn)

    def take_theirs(self, conflict_id: int) -> Done:
        """Make the member's value of a conflict the current one (a new edit of this book,
        sent at the next push); the conflict is resolved."""
        return take(self._db, conflict_id, "theirs")

    def take_ours(self, conflict_id: int) -> Done:
        """Make this book's value of a conflict the current one; the conflict is resolved."""
        return take(self._db, conflict_id, "ours")

    # ---- helpers ---------------------------------------------------------------------------------
    def _member(self) -> state.Device:
        device = state.device(self._conn)
        if device.team_key is None:
            raise NotInTeamError()
        return device


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a packet is merged: the merge makes hundreds of
    thousands of small dicts and lists without cycles, which the collector went over again
    and again (2 s of the 9 s of CPU that 100,000 changes took). Reference counting still
    frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None
