"""Sending (``book.sync.push`` and ``compact``): what this book changed since its last
packet, as packets in ``FOLDER/keyplan-sync/<device>/`` (encrypted with the team key, each
written atomically and recorded as sent in its own short transaction), a big first push as a
checkpoint instead, and this device's checkpoints, which let its covered packets go."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from storage.book.sync_device import (
    CHECKPOINTING,
    SENDING,
    Progress,
    check_home,
    left_to_send,
    own_device,
)
from storage.book.sync_results import Compacted, Pushed
from storage.sync import checkpoint, home, state
from storage.sync import folder as shared
from storage.sync.capture import Captured, capture, clock_bulk_deletes, save
from storage.sync.clock import stamp
from storage.sync.errors import PacketTakenError
from storage.sync.keyring import load as keyring
from storage.sync.packets import Header, KeyNotYetError, Op, PacketError, decode, encode
from storage.sync.tables import SETTINGS, SYNCED_SETTINGS
from storage.sync.tables import TABLES as SYNCED_TABLES
from storage.sync.team import refresh as refresh_team

if TYPE_CHECKING:
    from storage.database import Database

#: Operations per packet: a few megabytes at most, and one short transaction to apply.
MAX_OPS = 20_000
#: A first push of more changes than this writes a checkpoint instead of packets (the 100k
#: demo book: 1.66 million changes, 84 packets, a joiner merging each; a checkpoint loads in
#: bulk), when they are at least half of the records the checkpoint would hold (a member who
#: joined from the team's checkpoint and then changed 60,000 records sends packets: a
#: checkpoint of the whole book would have the members merge every record of it).
FIRST_CHECKPOINT = 50_000


class Sender:
    """This book's changes into the team's folder."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._db.conn

    def push(self, folder: Path, *, compact: bool = True,
             progress: Progress | None = None) -> Pushed:
        """``book.sync.push`` (storage/book/sync.py)."""
        started = time.perf_counter()
        first = self._first_checkpoint(folder, progress)
        pushed = self._push(folder, progress)
        if first is not None:
            return replace(pushed, compacted=first, seconds=time.perf_counter() - started)
        if compact and checkpoint.due(folder, own_device(self._conn).device):
            compacted = self._checkpoint(folder, checkpoint.KEEP_DAYS, progress)
            pushed = replace(pushed, compacted=compacted,
                             seconds=time.perf_counter() - started)
        return pushed

    def _first_checkpoint(self, folder: Path, progress: Progress | None) -> Compacted | None:
        """A book's first push, when it has more than :data:`FIRST_CHECKPOINT` changes to
        send, as a checkpoint (storage/sync/checkpoint.write_first) instead of packets: a
        joiner loads it in bulk. None when packets do better (a small book, or one that
        sent before)."""
        if own_device(self._conn).packets:
            return None  # sent before: the usual case, decided without reading the folder
        refresh_team(self._db, folder, sending=True)
        device = own_device(self._conn)
        shared.check_team(folder, str(device.team_id))
        check_home(self._db, device, folder)
        if shared.packets(folder, device.device) \
                or checkpoint.latest_of(folder, device.device, keyring(self._conn)):
            return None
        to_send = left_to_send(self._conn, device.pushed_seq)
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
        """``book.sync.compact`` (storage/book/sync.py)."""
        self._push(folder, progress)
        return self._checkpoint(folder, keep_days, progress)

    def _checkpoint(self, folder: Path, keep_days: float,
                    progress: Progress | None = None) -> Compacted:
        started = time.perf_counter()
        device = own_device(self._conn)
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
        device = own_device(self._conn)
        shared.check_team(folder, str(device.team_id))
        check_home(self._db, device, folder)
        shared.clean_temporary(folder, device.device)
        packets = ops = 0
        to_send = left_to_send(self._conn, device.pushed_seq) if progress is not None else 0
        # Packets are numbered after this device's latest whole checkpoint too: one a first
        # push wrote (covering its packet 1, never written) whose sending was not recorded
        # (killed just then), or one of a book restored from an older backup. A number a
        # checkpoint covers would be skipped by every member.
        own = checkpoint.latest_of(folder, device.device, keyring(self._conn))
        after = own.number if own is not None else 0
        try:
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
                        sent = self._sent_before(folder, device, number, captured)
                        if sent is None:
                            raise PacketTakenError(str(error)) from error
                        if not sent:
                            continue  # recorded, its changes still to send: number on
                    else:
                        save(self._conn, captured)
                        state.set_pushed(self._conn, seq=seq, packets=number)
                        state.mark_applied(self._conn, device.device, number, header.made)
                packets += 1
                ops += len(captured.ops)
                if not captured.full:
                    break
                if progress is not None:  # between packets: each one sent is whole
                    progress(min(1.0, ops / to_send) if to_send else 0.0, SENDING)
        except PacketTakenError as error:
            # Another copy sends under this device id: this book stays stopped until it
            # takes a new one, or its next sync would number after the other's packets.
            with self._db.atomic():
                home.taken(self._conn, device.device, error.path)
            raise
        return Pushed(packets, ops, time.perf_counter() - started)

    def _sent_before(self, folder: Path, device: state.Device, number: int,
                     captured: Captured) -> bool | None:
        """Packet ``number`` of this device, found already in the folder, recorded as sent
        when this book wrote it (a push that wrote it and was killed, or failed, before
        recording it, and a listing of the folder that did not show it yet: a network
        share); None when another copy of this book wrote it (PacketTakenError).

        True when it holds exactly what this push was sending (``captured``): that counts
        as sent, recorded as the push would have. False when edits were made since: the
        packet is recorded but the changes it held stay to send, the next packet carries
        them again, and a change sent twice merges to itself (the same clock)."""
        path = shared.device_folder(folder, device.device) / shared.packet_name(number)
        data = path.read_bytes()  # OSError (being synced, gone): this push fails, no note
        try:
            header, ops = decode(keyring(self._conn), device.device, number, data)
        except (PacketError, KeyNotYetError):
            return None  # not sealed by this book with a key it holds
        if not ops or not all(self._own_op(op) for op in ops):
            return None
        exact = [_sent_as(op) for op in ops] == [_sent_as(op) for op in captured.ops]
        if exact:
            settings = [(str(op["id"]), op["f"]["value"][0], str(op["h"])) for op in ops
                        if op.get("t") == SETTINGS]
            save(self._conn, replace(captured, settings=settings))
            seq = captured.pushed_seq if captured.pushed_seq is not None \
                else device.pushed_seq
        else:
            seq = device.pushed_seq
        state.set_pushed(self._conn, seq=seq, packets=number)
        state.mark_applied(self._conn, device.device, number, header.made)
        return exact

    def _own_op(self, op: Op) -> bool:
        """Whether ``op`` is one this book sends: an edit logged here (not merged from a
        member), a record it holds, or one of its synced settings as it stands."""
        table = op.get("t")
        if op.get("o") == "put":
            return table in SYNCED_TABLES and self._conn.execute(
                f"SELECT 1 FROM [{table}] WHERE id = ?", [op.get("id")]).fetchone() is not None
        if "cid" in op:
            return self._conn.execute(
                "SELECT 1 FROM change_log WHERE change_id = ? AND hlc = ? AND origin IS NULL "
                "LIMIT 1", [op["cid"], op.get("h")]).fetchone() is not None
        if table == SETTINGS and op.get("id") in SYNCED_SETTINGS:
            row = self._conn.execute("SELECT value FROM settings WHERE key = ?",
                                     [op["id"]]).fetchone()
            return row is not None and [row[0]] == op.get("f", {}).get("value", [])[:1]
        return False

    def _records(self) -> int:
        """The records a checkpoint of this book holds (deleted ones too)."""
        return sum(int(self._conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
                   for table in SYNCED_TABLES)


def _sent_as(op: Op) -> tuple[object, ...]:
    """What tells one operation from another in two captures of the same changes (a
    setting's clock is stamped anew at each capture)."""
    if op.get("t") == SETTINGS:
        return (op.get("t"), op.get("id"), json.dumps(op.get("f"), sort_keys=True))
    return (op.get("o"), op.get("t"), op.get("id"), op.get("cid"), op.get("h"))
