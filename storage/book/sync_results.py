"""What ``book.sync`` answers with: what a push sent, a pull merged, a checkpoint wrote, and
where the team stands (storage/book/sync.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.changes import Changes
from storage.sync.state import Quarantined

__all__ = ["Compacted", "PeerStatus", "Pulled", "Pushed", "SyncStatus"]


@dataclass(frozen=True)
class Compacted:
    """A checkpoint written (or not: the latest already held everything) and the own
    packets it let go."""

    written: bool
    number: int  # this device's last packet it covers
    records: int
    bytes: int
    deleted: int  # own packets deleted (covered by every member's latest checkpoint)
    seconds: float


@dataclass(frozen=True)
class Pushed:
    packets: int
    ops: int
    seconds: float
    compacted: Compacted | None = None  # a checkpoint was due and written


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
    checkpoints: int = 0  # members' checkpoints applied (a new member's first pull)
    #: members whose packets wait: stamped more than a day ahead of this computer's clock
    #: (storage.sync.clock.AHEAD says so)
    ahead: tuple[str, ...] = ()
    #: records deleted here that came back, a member having edited them after the delete
    #: (each also a 'revived' conflict, whose other side deletes it again)
    revived: int = 0

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
    #: its own last packet that its latest checkpoint in the folder covers (0: none)
    checkpoint: int = 0


@dataclass(frozen=True)
class SyncStatus:
    device: str
    team: str
    peers: tuple[PeerStatus, ...]
    to_send: int  # changes and new records not yet in a packet
    conflicts: int  # not yet resolved
    waiting: int  # operations waiting for their record
    quarantined: tuple[Quarantined, ...]
