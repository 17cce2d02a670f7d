"""Checkpoints: one member's whole book in the shared folder, so that a new member joins from
it and the packets written after it, instead of merging every packet ever sent, and so that
old packets can go.

::

    FOLDER/keyplan-sync/<device>/checkpoints/000042-1a2b3c4d/000000.kpk   the manifest
                                                             000001.kpk   part 1 ...

A checkpoint of device D holds D's book as of one read transaction: every record of every
synced table (deleted ones too: tombstones), with its list fields, the clock and the value
replaced (``prev``) of each field written since it was made, the synced settings with their
clocks, and the operations still waiting for their record. ``covers`` says which packets of
each member that state includes (D's own last packet, and for each member the last one D had
merged, in number order): the book's state *is* the merge of those packets, so applying it
anywhere merges like applying them (per field, the later clock wins; a delete is a field
with a clock), and applying it to a book that already holds part of it changes nothing.

Every file is sealed like a packet (storage/sync/packets.py ``encode``/``decode``, the same
team key) under the name ``<device>.checkpoint.<dir>`` and its part number, so a part cannot
pass for a packet, for a part of another checkpoint, or for another part. Each file is
written atomically (storage/sync/folder.py ``write_atomic``), the manifest last: a
checkpoint without its manifest, or with a part missing, cut short or not yet arrived, is
not used (the manifest holds each part's sha256). Each part is a few JSON lines, one per
chunk of rows (``{"o": "rows", "t": TABLE, "cols": [...], "rows": [[...], ...],
"clocks": {ID: {FIELD: [HLC, PREV]}}}``), plus ``settings`` and ``waiting`` lines.

A member's packets covered by every member's latest checkpoint, and older than
:data:`KEEP_DAYS`, may be deleted by their writer: a book that has not synced for longer
catches up from a checkpoint, then the packets after it.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.sync import folder as shared
from storage.sync.clock import format_hlc
from storage.sync.packets import Header, KeyNotYetError, Keys, Op, PacketError, decode, encode
from storage.sync.tables import LINKS, SYNCED_SETTINGS, TABLES, columns

CHECKPOINTS = "checkpoints"
#: Rows per JSON line, and per part file (a part is decrypted whole, in memory).
CHUNK_ROWS = 10_000
PART_ROWS = 100_000
#: A checkpoint is due after this many own packets since the last one, or this many bytes.
DUE_PACKETS = 200
DUE_BYTES = 32 << 20
#: Covered packets younger than this stay: a member who syncs within it reads a few packets
#: rather than a whole book.
KEEP_DAYS = 30
#: Derived keys travel in a checkpoint (a joiner would spend half a minute on 100,000 names'
#: pinyin); a book whose keys come out otherwise (see :func:`keys_probe`) works them out.
DERIVED = {"customers": ("name_sort", "search_text")}
_DIR = re.compile(r"^(\d{6,})-[0-9a-f]{8}$")


@dataclass(frozen=True)
class Manifest:
    """A complete checkpoint in the folder: whose, what it covers, its parts."""

    device: str
    name: str  # its folder's name
    number: int  # the device's own last packet it covers
    covers: dict[str, int]  # member -> last packet of theirs included
    last_hlc: dict[str, str]  # member -> the latest clock of theirs included
    made: str
    schema: int
    records: int
    parts: tuple[str, ...]  # sha256 of each part file, in order
    path: Path = field(compare=False)
    keys: tuple[str, ...] = ()  # the writer's keys_probe()

    @property
    def same_keys(self) -> bool:
        """Whether the derived keys it carries are the ones this book would work out."""
        return self.keys == keys_probe()

    @property
    def size(self) -> int:
        """How much it covers: the sum of the packet numbers (a joiner takes the largest)."""
        return sum(self.covers.values())


@dataclass(frozen=True)
class Written:
    manifest: Manifest
    bytes: int


def keys_probe() -> tuple[str, ...]:
    """The name and search keys of a sample customer: two books that work out the same keys
    for it (the same pinyin tables and rules) work out the same for every customer."""
    from storage.search_keys import search_text, sort_key

    name = "重庆长安 Acme-01 行"
    return sort_key(name), search_text(name, "C-01", ["重点", "key"], ["王芳", "Li Lei"])


def sealed_name(device: str, name: str) -> str:
    """The name the files of checkpoint ``name`` are sealed under (never a device id)."""
    return f"{device}.checkpoint.{name}"


def base(folder: Path, device: str) -> Path:
    return shared.device_folder(folder, device) / CHECKPOINTS


def own_numbers(folder: Path, device: str) -> list[int]:
    """The own packet numbers of ``device``'s checkpoint folders, complete or not (from their
    names: nothing is decrypted)."""
    where = base(folder, device)
    if not where.is_dir():
        return []
    return sorted(int(match[1]) for entry in os.scandir(where)
                  if (match := _DIR.match(entry.name)))


def due(folder: Path, device: str) -> bool:
    """Whether this device has sent enough since its last checkpoint to write another."""
    last = max(own_numbers(folder, device), default=0)
    newer = [path for number, path in shared.packets(folder, device).items() if number > last]
    if len(newer) >= DUE_PACKETS:
        return True
    total = 0
    for path in newer:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total >= DUE_BYTES


# ---- writing -----------------------------------------------------------------------------
#: Called as a checkpoint is written: the share done (0 to 1); it may raise to stop (the
#: checkpoint's folder is then removed: nothing half-written stays).
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Marks:
    """How far a first checkpoint reached, read in its own read transaction: the change
    log's last entry and each synced table's last row (storage/sync/capture.py ``save``)."""

    seq: int
    rows: dict[str, tuple[int, str]]


def write(conn: sqlite3.Connection, folder: Path, keys: bytes | Keys,
          schema: int, progress: Progress | None = None) -> Written | None:
    """This book's state as a checkpoint of its device (None: the latest one already holds
    it). Reads in one read transaction of its own (no write lock: the window goes on
    saving); older checkpoints of this device are removed once it is complete."""
    conn.execute("BEGIN")
    try:
        return _write(conn, folder, keys, schema, progress=progress)
    finally:
        conn.rollback()


def write_first(conn: sqlite3.Connection, folder: Path, keys: bytes | Keys, schema: int,
                progress: Progress | None = None) -> tuple[Written, Marks]:
    """A book's first send as a checkpoint covering its own packet 1, which is never written:
    every member finds that packet gone and a checkpoint covering it, and loads the
    checkpoint (in bulk into an empty book, merged into one with records of its own,
    storage/sync/checkpoint_load.py), then the packets from 2 on. Returns the marks to save
    as sent, read in the same read transaction, so that what changed meanwhile goes in
    packet 2."""
    conn.execute("BEGIN")
    try:
        seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])
        rows: dict[str, tuple[int, str]] = {}
        for table in TABLES:
            last = conn.execute(f"SELECT rowid, id FROM [{table}] ORDER BY rowid DESC "
                                f"LIMIT 1").fetchone()
            if last is not None:
                rows[table] = (int(last[0]), str(last[1]))
        written = _write(conn, folder, keys, schema, own_number=1, progress=progress)
        assert written is not None
        return written, Marks(seq, rows)
    finally:
        conn.rollback()


def _write(conn: sqlite3.Connection, folder: Path, keys: bytes | Keys,
           schema: int, *, own_number: int | None = None,
           progress: Progress | None = None) -> Written | None:
    from storage.sync import state

    device = state.device(conn)
    number_own = device.packets if own_number is None else own_number
    covers = state.applied(conn)
    covers[device.device] = max(covers.get(device.device, 0), number_own)
    covers = {member: number for member, number in covers.items() if number > 0}
    last_hlc = {row[0]: row[1] for row in conn.execute(
        "SELECT device, last_hlc FROM sync_peers WHERE last_hlc IS NOT NULL")}
    previous = latest(folder, keys).get(device.device)
    if previous is not None and previous.covers == covers and own_number is None:
        return None
    total_rows = sum(int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
                     for table in TABLES) if progress is not None else 0
    ms, counter = conn.execute("SELECT clock_ms, clock_counter FROM sync_device").fetchone()
    made = format_hlc(int(ms), int(counter), device.device)
    name = f"{number_own:06d}-{os.urandom(4).hex()}"
    target = base(folder, device.device) / name
    target.mkdir(parents=True, exist_ok=True)
    sealed = sealed_name(device.device, name)
    digests: list[str] = []
    records = 0
    total = 0
    try:
        for number, (ops, rows) in enumerate(_parts(conn), start=1):
            data = encode(keys, Header(sealed, number, made, schema, len(ops)), ops)
            shared.write_atomic(target / shared.packet_name(number), data)
            digests.append(_sha256(data))
            records += rows
            total += len(data)
            if progress is not None:
                progress(min(1.0, records / total_rows) if total_rows else 1.0)
        head: Op = {"o": "manifest", "covers": covers, "last_hlc": last_hlc,
                    "records": records, "parts": digests, "keys": list(keys_probe())}
        data = encode(keys, Header(sealed, 0, made, schema, 1), [head])
        shared.write_atomic(target / shared.packet_name(0), data)
        total += len(data)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    manifest = Manifest(device.device, name, number_own, covers, last_hlc, made, schema,
                        records, tuple(digests), target, keys_probe())
    for entry in os.scandir(target.parent):  # the older ones: this one holds more
        if entry.name != name and _DIR.match(entry.name):
            shutil.rmtree(entry.path, ignore_errors=True)
    return Written(manifest, total)


def _parts(conn: sqlite3.Connection) -> Iterator[tuple[list[Op], int]]:
    """The checkpoint's lines, grouped into parts of about :data:`PART_ROWS` rows."""
    ops: list[Op] = []
    rows = 0
    for op in _lines(conn):
        ops.append(op)
        rows += len(op.get("rows", ()))
        if rows >= PART_ROWS:
            yield ops, rows
            ops, rows = [], 0
    if ops:
        yield ops, rows


def _lines(conn: sqlite3.Connection) -> Iterator[Op]:
    for table in TABLES:
        names = [*columns(conn, table), *DERIVED.get(table, ())]
        select = ", ".join(f"[{name}]" for name in names)
        links = LINKS.get(table, {})
        # In id order: a joiner's inserts then append to the id's index instead of landing
        # all over it (a third less work for a million rows).
        cursor = conn.execute(f"SELECT {select} FROM [{table}] ORDER BY id")
        while chunk := cursor.fetchmany(CHUNK_ROWS):
            ids = [row[0] for row in chunk]
            found = [_links(conn, link.table, link.own, link.other, ids)
                     for link in links.values()]
            rows = [[*row, *(lists.get(row[0], []) for lists in found)] for row in chunk]
            yield {"o": "rows", "t": table, "cols": [*names, *links], "rows": rows,
                   "clocks": _clocks(conn, table, ids)}
    settings = [list(row) for row in conn.execute(
        "SELECT s.key, s.value, coalesce(c.hlc, '') FROM settings s LEFT JOIN sync_settings c "
        "ON c.key = s.key WHERE s.key IN (SELECT value FROM json_each(?))",
        [_json(list(SYNCED_SETTINGS))])]
    yield {"o": "settings", "rows": settings}
    waiting = [list(row) for row in conn.execute(
        "SELECT table_name, record_id, needs_table, needs_id, op, device, number "
        "FROM sync_waiting ORDER BY id")]
    yield {"o": "waiting", "rows": waiting}


def _clocks(conn: sqlite3.Connection, table: str,
            ids: list[Any]) -> dict[str, dict[str, list[str | None]]]:
    found: dict[str, dict[str, list[str | None]]] = {}
    for record_id, name, hlc, prev in conn.execute(
            "SELECT record_id, field, hlc, prev FROM sync_clocks WHERE table_name = ? AND "
            "record_id IN (SELECT value FROM json_each(?))", [table, _json(ids)]):
        found.setdefault(record_id, {})[name] = [hlc, prev]
    return found


def _links(conn: sqlite3.Connection, table: str, own: str, other: str,
           ids: list[Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for owner, target in conn.execute(
            f"SELECT {own}, {other} FROM {table} WHERE {own} IN "
            f"(SELECT value FROM json_each(?)) ORDER BY {own}, {other}", [_json(ids)]):
        found.setdefault(owner, []).append(target)
    return found


# ---- reading -----------------------------------------------------------------------------
def latest(folder: Path, keys: bytes | Keys,
           skip: Collection[str] = ()) -> dict[str, Manifest]:
    """Each member's latest complete checkpoint in the folder (one whose manifest opens
    and whose parts are all there); none of the members in ``skip`` (removed ones: what
    they write after their removal is never trusted)."""
    found: dict[str, Manifest] = {}
    for member in shared.devices(folder):
        if member in skip:
            continue
        manifest = latest_of(folder, member, keys)
        if manifest is not None:
            found[member] = manifest
    return found


def latest_of(folder: Path, member: str, keys: bytes | Keys) -> Manifest | None:
    """``member``'s latest complete checkpoint in the folder (None: none is whole)."""
    where = base(folder, member)
    if not where.is_dir():
        return None
    names = sorted((entry.name for entry in os.scandir(where) if _DIR.match(entry.name)),
                   reverse=True)
    for name in names:
        manifest = _manifest(where / name, member, name, keys)
        if manifest is not None:
            return manifest
    return None


def _manifest(path: Path, member: str, name: str, keys: bytes | Keys) -> Manifest | None:
    try:
        data = (path / shared.packet_name(0)).read_bytes()
        header, ops = decode(keys, sealed_name(member, name), 0, data)
        head = ops[0]
        parts = tuple(str(digest) for digest in head["parts"])
        if not all((path / shared.packet_name(n)).is_file()
                   for n in range(1, len(parts) + 1)):
            return None  # still arriving
        return Manifest(member, name, int(name.split("-")[0]),
                        {str(k): int(v) for k, v in head["covers"].items()},
                        {str(k): str(v) for k, v in head["last_hlc"].items()},
                        header.made, header.schema, int(head["records"]), parts, path,
                        tuple(str(k) for k in head.get("keys", ())))
    except (OSError, PacketError, KeyNotYetError, KeyError, TypeError, ValueError,
            IndexError):
        return None  # not whole yet, or sealed with a key still on its way


def parts(manifest: Manifest, keys: bytes | Keys) -> Iterator[list[Op]]:
    """The lines of each part in order; PacketError when one is not what the manifest says
    (cut short, damaged, replaced)."""
    sealed = sealed_name(manifest.device, manifest.name)
    for number, digest in enumerate(manifest.parts, start=1):
        try:
            data = (manifest.path / shared.packet_name(number)).read_bytes()
        except OSError as error:
            raise PacketError(f"part {number} of the checkpoint is missing: {error}") \
                from error
        if _sha256(data) != digest:
            raise PacketError(f"part {number} of the checkpoint is not the one it lists")
        yield decode(keys, sealed, number, data)[1]


def covering_gap(folder: Path, found: dict[str, Manifest], applied: dict[str, int],
                 failed: Collection[str] = ()) -> Manifest | None:
    """A checkpoint holding a member's next packet (after ``applied``) when that packet is
    gone: it is not in the folder, and no earlier one is either (packets go oldest first).
    None when every member's next packet is there, or on its way."""
    members = set(shared.devices(folder)) | {m for c in found.values() for m in c.covers}
    for member in sorted(members):
        following = applied.get(member, 0) + 1
        files = shared.packets(folder, member)
        if following in files or any(number < following for number in files):
            continue
        covering = [c for c in found.values()
                    if c.covers.get(member, 0) >= following and c.name not in failed]
        if covering:
            return max(covering, key=lambda c: (c.covers[member], c.size))
    return None


# ---- removing covered packets -------------------------------------------------------------
def delete_covered(folder: Path, device: str, keys: bytes | Keys,
                   keep_days: float = KEEP_DAYS, skip: Collection[str] = ()) -> int:
    """Delete this device's packets that every member's latest checkpoint covers and that
    are older than ``keep_days``; returns how many went. A packet a checkpoint of some member
    does not cover stays: a book joining from that checkpoint reads it."""
    found = latest(folder, keys, skip)
    if device not in found:
        return 0
    covered = min(manifest.covers.get(device, 0) for manifest in found.values())
    limit = time.time() - keep_days * 86_400
    deleted = 0
    for number, path in sorted(shared.packets(folder, device).items()):
        if number > covered:
            break
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                deleted += 1
        except OSError:
            continue  # held by the sync program: next time
    return deleted


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
