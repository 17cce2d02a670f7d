"""The team keys a book holds, one per epoch, and which packets each may open.

A team starts at epoch 1 with the key its members joined with. Removing a member makes a new
key (the next epoch), which only the remaining members receive; the book keeps every key it
was given (table ``sync_keyring`` of m018), so a packet sealed before the removal still opens.
New packets are sealed with the newest key the book holds. Besides opening a packet, the
keyring refuses, with a reason the member reads, what must not be merged:

* a removed member's packets written after its removal (numbered after the last one the
  manager had when removing it);
* a packet sealed with a key that had already been replaced when its sender was confirmed a
  member (a device made with the old key after the removal: the removed member again);
* in a removed book, every packet sealed with a key it was not given.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from dataclasses import dataclass, field

from models.validation import tr_noop
from storage.sync.packets import KeyNotYetError, PacketError

REMOVED_SENDER = tr_noop("its device was removed from the team (after its packet {cutoff}); "
                         "what it sends since is not merged")
UNCONFIRMED_SENDER = tr_noop("it is sealed with a team key that had been replaced before its "
                             "device was a confirmed member; that device must join again with "
                             "the current key")
REMOVED_HERE = tr_noop("this book was removed from the team: it was not given the key that "
                       "sealed this packet")


@dataclass(frozen=True)
class Epoch:
    epoch: int
    kid: str
    key: bytes | None  # None: a key this book was not given
    recipients: frozenset[str] | None  # the members it was sealed for (None: the first key)


@dataclass
class Keyring:
    """The keys of one book, by id, with what the roster says about their senders."""

    epochs: dict[str, Epoch] = field(default_factory=dict)
    cutoffs: dict[str, int] = field(default_factory=dict)  # removed device -> its last packet
    removed_here: bool = False

    @property
    def current(self) -> Epoch | None:
        """The newest epoch this book knows of (its key may be missing: removed)."""
        return max(self.epochs.values(), key=lambda found: found.epoch, default=None)

    @property
    def first(self) -> Epoch | None:
        return min(self.epochs.values(), key=lambda found: found.epoch, default=None)

    def sealing(self) -> tuple[bytes, str, int]:
        held = [found for found in self.epochs.values() if found.key is not None]
        newest = max(held, key=lambda found: found.epoch)
        assert newest.key is not None
        return newest.key, newest.kid, newest.epoch

    def opening(self, device: str, number: int, kid: str | None) -> bytes:
        first = self.first
        found = first if kid is None else self.epochs.get(kid)
        if found is None:
            if self.removed_here:
                raise PacketError(REMOVED_HERE)
            raise KeyNotYetError(kid)
        device, number = _sender(device, number)
        cutoff = self.cutoffs.get(device)
        if cutoff is not None and number > cutoff:
            raise PacketError(REMOVED_SENDER, cutoff=cutoff)
        if cutoff is None and not self._confirmed(device, found):
            raise PacketError(UNCONFIRMED_SENDER)
        if found.key is None:
            if self.removed_here:
                raise PacketError(REMOVED_HERE)
            raise KeyNotYetError(kid)
        return found.key

    def _confirmed(self, device: str, found: Epoch) -> bool:
        """A packet sealed with a replaced key is merged only from a member that was given
        a later key (it was a member when the key was replaced)."""
        later = [other for other in self.epochs.values() if other.epoch > found.epoch]
        if not later:
            return True
        return any(other.recipients is not None and device in other.recipients
                   for other in later)


def _sender(device: str, number: int) -> tuple[str, int]:
    """The device that sealed a file, and the last of its packets the file holds: a
    checkpoint's files are sealed under ``<device>.checkpoint.<NNNNNN>-<random>``
    (storage/sync/checkpoint.py), NNNNNN its device's last packet it covers."""
    own, found, name = device.partition(".checkpoint.")
    if not found:
        return device, number
    covered = name.split("-", 1)[0]
    return own, int(covered) if covered.isdigit() else number


def load(conn: sqlite3.Connection) -> Keyring:
    """The keyring of the book (tables ``sync_keyring`` and ``sync_members``)."""
    ring = Keyring()
    for kid, epoch, key, recipients in conn.execute(
            "SELECT kid, epoch, key, recipients FROM sync_keyring"):
        ring.epochs[kid] = Epoch(
            epoch=int(epoch), kid=kid, key=base64.b64decode(key) if key else None,
            recipients=frozenset(json.loads(recipients)) if recipients else None)
    ring.cutoffs = {device: int(cutoff) for device, cutoff in conn.execute(
        "SELECT device, cutoff FROM sync_members WHERE removed_at IS NOT NULL")}
    own = conn.execute("SELECT m.removed_at FROM sync_members m JOIN sync_device d "
                       "ON d.device = m.device WHERE d.id = 1").fetchone()
    ring.removed_here = bool(own and own[0])
    return ring
