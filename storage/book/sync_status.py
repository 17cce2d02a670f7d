"""Where the team stands, as this book sees it (``book.sync.status``): each member's packets
in the folder, merged here or waiting, its latest checkpoint; what is left to send, the open
conflicts and the refused packets."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.book.sync_device import left_to_send, own_device
from storage.book.sync_results import PeerStatus, SyncStatus
from storage.sync import checkpoint, state
from storage.sync import folder as shared
from storage.sync.keyring import load as keyring


def status(conn: sqlite3.Connection, folder: Path) -> SyncStatus:
    device = own_device(conn)
    applied = state.applied(conn)
    refused = state.quarantined(conn)
    members = sorted(set(shared.devices(folder)) | set(applied))
    ring = keyring(conn)
    checkpoints = checkpoint.latest(folder, ring, skip=ring.cutoffs)
    peers = []
    for name in members:
        files = shared.packets(folder, name)
        done = applied.get(name, 0)
        newest = files.get(max(files)) if files else None
        row = conn.execute("SELECT applied_at FROM sync_peers WHERE device = ?",
                           [name]).fetchone()
        peers.append(PeerStatus(
            device=name, own=name == device.device, applied=done,
            available=max(files, default=0), pending=sum(1 for n in files if n > done),
            quarantined=sum(1 for (d, _n) in refused if d == name),
            last_packet_at=_mtime(newest) if newest else None,
            applied_at=row[0] if row else None,
            checkpoint=checkpoints[name].number if name in checkpoints else 0))
    count = conn.execute
    return SyncStatus(
        device=device.device, team=str(device.team_id), peers=tuple(peers),
        to_send=left_to_send(conn, device.pushed_seq),
        conflicts=int(count("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS "
                            "NULL").fetchone()[0]),
        waiting=int(count("SELECT count(*) FROM sync_waiting").fetchone()[0]),
        quarantined=tuple(refused.values()))


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None
