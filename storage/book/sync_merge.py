"""Merging (``book.sync.pull``): the members' packets in the folder that this book has not
merged yet, each in one transaction, in number order per member (a packet still on its way
holds back that member's later ones; one that fails its check is quarantined, never applied,
and read again only if its file changes); a new member's empty book filled from the team's
checkpoints first, and a checkpoint merged where a member's next packet is gone."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.book.sync_device import MERGING, Progress, check_home, own_device
from storage.book.sync_results import Pulled
from storage.collector import collector_paused
from storage.sync import checkpoint, state
from storage.sync import folder as shared
from storage.sync.applied import Applied
from storage.sync.apply import Applier
from storage.sync.capture import clock_bulk_deletes
from storage.sync.checkpoint_load import is_empty, load
from storage.sync.clock import observe, too_far_ahead
from storage.sync.derived import refresh_activity, refresh_listing, refresh_search_texts
from storage.sync.keyring import load as keyring
from storage.sync.packets import Header, KeyNotYetError, Keys, PacketError, decode
from storage.sync.team import refresh as refresh_team

if TYPE_CHECKING:
    from storage.database import Database

#: What a packet's operations may fail on when they are not what they should be.
_BAD_PACKET = (sqlite3.IntegrityError, KeyError, TypeError, ValueError, IndexError,
               AttributeError)


class Merger:
    """The team's packets and checkpoints into this book."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def pull(self, folder: Path, progress: Progress | None = None) -> Pulled:
        """``book.sync.pull`` (storage/book/sync.py)."""
        started = time.perf_counter()
        refresh_team(self._db, folder)  # the roster, and a new team key
        device = own_device(self._conn)
        shared.check_team(folder, str(device.team_id))
        assert device.team_key is not None
        check_home(self._db, device, folder)
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
            with collector_paused(), self._db.big_write(), self._db.atomic():
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
        with collector_paused(), self._db.atomic():
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
