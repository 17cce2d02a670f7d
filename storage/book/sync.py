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
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.validation import tr_noop
from storage.book.conflicts import Conflict, conflicts_of, open_conflicts, take
from storage.book.records import Done
from storage.book.sync_results import Compacted, PeerStatus, Pulled, Pushed, SyncStatus
from storage.sync import checkpoint, home, state
from storage.sync import folder as shared
from storage.sync.applied import Applied
from storage.sync.apply import Applier
from storage.sync.capture import Captured, capture, clock_bulk_deletes, save
from storage.sync.checkpoint_load import is_empty, load
from storage.sync.clock import observe, stamp, too_far_ahead
from storage.sync.derived import refresh_activity, refresh_listing, refresh_search_texts
from storage.sync.errors import (
    AlreadyInTeamError,
    BadTeamKeyError,
    NotInTeamError,
    PacketTakenError,
)
from storage.sync.keyring import load as keyring
from storage.sync.keys import key_text, new_key, parse_key, team_id
from storage.sync.packets import Header, KeyNotYetError, Keys, PacketError, decode, encode
from storage.sync.tables import TABLES as SYNCED_TABLES
from storage.sync.team import refresh as refresh_team

if TYPE_CHECKING:
    from storage.database import Database

__all__ = ["BadTeamKeyError", "Compacted", "PeerStatus", "Progress", "Pulled", "Pushed",
           "Sync", "SyncStatus", "is_team_key"]

#: Operations per packet: a few megabytes at most, and one short transaction to apply.
MAX_OPS = 20_000
#: A first push of more changes than this writes a checkpoint instead of packets (the 100k
#: demo book: 1.66 million changes, 84 packets, a joiner merging each; a checkpoint loads in
#: bulk), when they are at least half of the records the checkpoint would hold (a member who
#: joined from the team's checkpoint and then changed 60,000 records sends packets: a
#: checkpoint of the whole book would have the members merge every record of it).
FIRST_CHECKPOINT = 50_000

#: Told how far a push, pull or compact is (0 to 1) and what it does (English words marked
#: for translation, storage's context); it may raise to stop: what was done stays, whole
#: (each packet is its own transaction; a checkpoint half-written is removed).
Progress = Callable[[float, str], None]
SENDING = tr_noop("Sending this book's changes")
CHECKPOINTING = tr_noop("Writing this book as a checkpoint")
MERGING = tr_noop("Merging the team's changes")
#: What a packet's operations may fail on when they are not what they should be.
_BAD_PACKET = (sqlite3.IntegrityError, KeyError, TypeError, ValueError, IndexError,
               AttributeError)


def is_team_key(text: str) -> bool:
    """Whether ``text`` is a whole, well-formed team key (as ``join`` reads it: case, spaces
    and dashes do not matter; a mistyped character fails its check characters). Nothing is
    opened or joined: a form checks a key as it is typed with this."""
    try:
        parse_key(text)
    except BadTeamKeyError:
        return False
    return True


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
                people = [str(row[0]) for row in self._conn.execute(
                    "SELECT person FROM sync_members WHERE removed_at IS NULL AND person <> '' "
                    "ORDER BY founder DESC, joined_at, person")]
                raise AlreadyInTeamError(team=found.team_id, members=", ".join(people) or "?")
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
    def push(self, folder: Path, *, compact: bool = True,
             progress: Progress | None = None) -> Pushed:
        """Write this book's changes since its last packet into ``folder`` (packets of at
        most :data:`MAX_OPS` operations, each in its own short transaction). When enough
        was sent since this device's last checkpoint (``checkpoint.due``) and ``compact``,
        a checkpoint follows (:meth:`compact`: the whole book is read, so run it where a
        long call does no harm, as the window runs every sync: in the background)."""
        started = time.perf_counter()
        first = self._first_checkpoint(folder, progress)
        pushed = self._push(folder, progress)
        if first is not None:
            return replace(pushed, compacted=first, seconds=time.perf_counter() - started)
        if compact and checkpoint.due(folder, self.device_id):
            compacted = self._checkpoint(folder, checkpoint.KEEP_DAYS, progress)
            pushed = replace(pushed, compacted=compacted,
                             seconds=time.perf_counter() - started)
        return pushed

    def _first_checkpoint(self, folder: Path, progress: Progress | None) -> Compacted | None:
        """A book's first push, when it has more than :data:`FIRST_CHECKPOINT` changes to
        send, as a checkpoint (storage/sync/checkpoint.write_first) instead of packets: a
        joiner loads it in bulk. None when packets do better (a small book, or one that
        sent before)."""
        if self._member().packets:
            return None  # sent before: the usual case, decided without reading the folder
        refresh_team(self._db, folder, sending=True)
        device = self._member()
        shared.check_team(folder, str(device.team_id))
        self._check_home(device, folder)
        if shared.packets(folder, device.device) \
                or checkpoint.latest_of(folder, device.device, keyring(self._conn)):
            return None
        to_send = self._to_send(device.pushed_seq)
        if to_send < FIRST_CHECKPOINT or to_send * 2 < self._records():
            return None
        started = time.perf_counter()
        with self._db.atomic():
            clock_bulk_deletes(self._conn, device.pushed_seq)
        tell = (lambda share: progress(share, CHECKPOINTING)) if progress else None
        written, marks = checkpoint.write_first(self._conn, folder, keyring(self._conn),
                                                self._db.schema_version, tell)
        try:
            with self._db.atomic():  # what the checkpoint holds counts as sent: packet 1
                save(self._conn, Captured(rows=marks.rows))
                state.set_pushed(self._conn, seq=marks.seq, packets=1)
                state.mark_applied(self._conn, device.device, 1, written.manifest.made)
        except BaseException:
            # Not recorded as sent (a cancel interrupted the write, the disk is full): the
            # checkpoint goes too, and the next push starts again. Killed right here, it
            # stays unrecorded: the next push numbers its packets after it (:meth:`_push`)
            # and sends everything again, which merges to itself.
            shutil.rmtree(written.manifest.path, ignore_errors=True)
            raise
        return Compacted(True, 1, written.manifest.records, written.bytes, 0,
                         time.perf_counter() - started)

    def compact(self, folder: Path, *, keep_days: float = checkpoint.KEEP_DAYS,
                progress: Progress | None = None) -> Compacted:
        """Send what is left to send, then write this book as a checkpoint of its device
        into ``folder`` (unless its latest one holds the same), and delete this device's
        packets that every member's latest checkpoint covers and that are older than
        ``keep_days``. Reads the whole book in a read transaction of its own: saving goes on
        meanwhile; call it off the window's thread."""
        self._push(folder, progress)
        return self._checkpoint(folder, keep_days, progress)

    def _checkpoint(self, folder: Path, keep_days: float,
                    progress: Progress | None = None) -> Compacted:
        started = time.perf_counter()
        device = self._member()
        ring = keyring(self._conn)
        tell = (lambda share: progress(share, CHECKPOINTING)) if progress else None
        written = checkpoint.write(self._conn, folder, ring, self._db.schema_version, tell)
        deleted = checkpoint.delete_covered(folder, device.device, ring, keep_days,
                                            skip=ring.cutoffs)
        if written is None:
            return Compacted(False, device.packets, 0, 0, deleted,
                             time.perf_counter() - started)
        return Compacted(True, written.manifest.number, written.manifest.records,
                         written.bytes, deleted, time.perf_counter() - started)

    def _push(self, folder: Path, progress: Progress | None = None) -> Pushed:
        started = time.perf_counter()
        refresh_team(self._db, folder, sending=True)  # the roster, and a new team key
        device = self._member()
        shared.check_team(folder, str(device.team_id))
        self._check_home(device, folder)
        shared.clean_temporary(folder, device.device)
        packets = ops = 0
        to_send = self._to_send(device.pushed_seq) if progress is not None else 0
        # Packets are numbered after this device's latest whole checkpoint too: one a first
        # push wrote (covering its packet 1, never written) whose sending was not recorded
        # (killed just then), or one of a book restored from an older backup. A number a
        # checkpoint covers would be skipped by every member.
        own = checkpoint.latest_of(folder, device.device, keyring(self._conn))
        after = own.number if own is not None else 0
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
                number = max(device.packets, max(written, default=0), after) + 1
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
            if progress is not None:  # between packets: each one sent is whole
                progress(min(1.0, ops / to_send) if to_send else 0.0, SENDING)
        return Pushed(packets, ops, time.perf_counter() - started)

    def new_device(self) -> str:
        """Make this copy of a book a member of its own (after :class:`BookCopiedError`):
        a new device id, here; returns it. Nothing is sent again."""
        with self._db.atomic():
            self._member()
            return home.new_device(self._conn)

    def moved_here(self) -> None:
        """The book moved to this computer for good (after :class:`BookCopiedError`): it
        syncs here under its device id from now on."""
        with self._db.atomic():
            home.moved_here(self._conn, self._member().device)

    def _check_home(self, device: state.Device, folder: Path) -> None:
        written = shared.packets(folder, device.device)
        with self._db.atomic():
            home.check(self._conn, device.device, sent=device.packets,
                       in_folder=max(written, default=0))

    # ---- merging ----------------------------------------------------------------------------
    def pull(self, folder: Path, progress: Progress | None = None) -> Pulled:
        """Merge the members' packets in ``folder`` that this book has not merged yet
        (``progress`` told after each packet, each merged in its own transaction)."""
        started = time.perf_counter()
        refresh_team(self._db, folder)  # the roster, and a new team key
        device = self._member()
        shared.check_team(folder, str(device.team_id))
        assert device.team_key is not None
        self._check_home(device, folder)
        tell = (lambda share: progress(share, MERGING)) if progress else None
        total, used = self._from_checkpoints(folder, device, tell)
        applied = state.applied(self._conn)
        refused = state.quarantined(self._conn)
        packets = quarantined = 0
        outdated: list[str] = []
        ahead: list[str] = []
        waiting_files = {member: shared.packets(folder, member)
                         for member in shared.devices(folder)} if progress else {}
        due = sum(1 for member, files in waiting_files.items()
                  for n in files if n > applied.get(member, 0))
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
                if too_far_ahead(header.made):
                    ahead.append(member)
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
                if progress is not None:
                    progress(min(1.0, packets / due) if due else 1.0, MERGING)
        waiting = int(self._conn.execute("SELECT count(*) FROM sync_waiting").fetchone()[0])
        return Pulled(packets=packets, ops=total.ops, records=total.records,
                      conflicts=total.conflicts, waiting=waiting, quarantined=quarantined,
                      outdated=tuple(outdated), changes=total.changes(),
                      seconds=time.perf_counter() - started, checkpoints=used,
                      ahead=tuple(ahead), revived=total.revived)

    def _from_checkpoints(self, folder: Path, device: state.Device,
                          progress: checkpoint.Progress | None = None) -> tuple[Applied, int]:
        """A new member's empty book filled from the checkpoint that covers most, in bulk;
        then, for each member whose next packet is gone (deleted once covered) while a
        checkpoint covers it, that checkpoint merged (a book back after months).
        ``progress`` is told after each part of each checkpoint (it may raise: the
        checkpoint's one transaction rolls back)."""
        total = Applied()
        ring = keyring(self._conn)
        found = checkpoint.latest(folder, ring, skip=ring.cutoffs)
        if not found:
            return total, 0
        used = 0
        failed: set[str] = set()
        failed.update(c.name for c in found.values() if too_far_ahead(c.made))
        usable = [c for c in found.values() if c.name not in failed]
        if usable and is_empty(self._conn):
            best = max(usable, key=lambda m: (m.size, m.made))
            if self._load(best, ring, bulk=True, into=total, progress=progress):
                used += 1
            else:
                failed.add(best.name)
        while True:
            wanted = checkpoint.covering_gap(folder, found, state.applied(self._conn),
                                             failed)
            if wanted is None:
                return total, used
            if self._load(wanted, ring, bulk=False, into=total, progress=progress):
                used += 1
            else:
                failed.add(wanted.name)

    def _load(self, manifest: checkpoint.Manifest, keys: Keys, *, bulk: bool,
              into: Applied, progress: checkpoint.Progress | None = None) -> bool:
        """One checkpoint in one transaction; False when a part of it is not whole yet."""
        try:  # a whole book's pages: kept in memory, copied back after the commit
            with _no_cycle_collection(), self._db.big_write(), self._db.atomic():
                result = load(self._db, manifest, keys, bulk=bulk,
                              refresh_all=self._db.refresh_activity, progress=progress)
                self._refresh_derived(result)
                observe(self._conn, result.latest)
        except (PacketError, KeyNotYetError):
            return False
        into.add(result)
        return True

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
            self._refresh_derived(result)
            observe(self._conn, max(result.latest, header.made))
            state.mark_applied(self._conn, member, number, header.made)
            if own:  # our own packet, written before this book was restored from a backup
                state.set_pushed(self._conn, seq=0, packets=number)
        return result

    def _refresh_derived(self, result: Applied) -> None:
        """The search texts, list columns and figures of the customers a merge touched."""
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

    def _quarantine(self, member: str, number: int, digest: str, reason: str) -> None:
        with self._db.atomic():
            state.quarantine(self._conn, member, number, digest, reason)

    # ---- where things stand -------------------------------------------------------------------
    def status(self, folder: Path) -> SyncStatus:
        device = self._member()
        applied = state.applied(self._conn)
        refused = state.quarantined(self._conn)
        members = sorted(set(shared.devices(folder)) | set(applied))
        ring = keyring(self._conn)
        checkpoints = checkpoint.latest(folder, ring, skip=ring.cutoffs)
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
                applied_at=row[0] if row else None,
                checkpoint=checkpoints[member].number if member in checkpoints else 0))
        count = self._conn.execute
        return SyncStatus(
            device=device.device, team=str(device.team_id), peers=tuple(peers),
            to_send=self._to_send(device.pushed_seq),
            conflicts=int(count("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS "
                                "NULL").fetchone()[0]),
            waiting=int(count("SELECT count(*) FROM sync_waiting").fetchone()[0]),
            quarantined=tuple(refused.values()))

    def _records(self) -> int:
        """The records a checkpoint of this book holds (deleted ones too)."""
        return sum(int(self._conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
                   for table in SYNCED_TABLES)

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
