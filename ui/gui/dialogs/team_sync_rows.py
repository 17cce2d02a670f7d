"""The Team sync dialog's members (the roster's, with each one's packets) and the words of
storage's notices (roster entries ignored, packets refused)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.enums import PersonRole
from storage.book.sync import SyncStatus
from storage.book.team import TeamRoster
from storage.errors import TRANSLATION_CONTEXT as STORAGE_CONTEXT


@dataclass(frozen=True)
class MemberRow:
    """A member of the team as the roster names it, with its packets as the folder has them
    (a device that wrote packets but is not in the roster yet has no person)."""

    device: str
    own: bool
    person: str = ""
    role: PersonRole | None = None
    removed_at: str | None = None
    last_packet_at: datetime | None = None
    applied: int = 0
    available: int = 0
    pending: int = 0
    quarantined: int = 0


def member_rows(roster: TeamRoster | None, status: SyncStatus | None) -> list[MemberRow]:
    peers = {peer.device: peer for peer in status.peers} if status else {}
    rows = []
    for member in roster.members if roster else ():
        peer = peers.pop(member.device, None)
        rows.append(MemberRow(
            device=member.device, own=member.own, person=member.person, role=member.role,
            removed_at=member.removed_at,
            last_packet_at=peer.last_packet_at if peer else member.last_packet_at,
            applied=peer.applied if peer else 0, available=peer.available if peer else 0,
            pending=peer.pending if peer else 0, quarantined=peer.quarantined if peer else 0))
    for peer in peers.values():
        rows.append(MemberRow(device=peer.device, own=peer.own,
                              last_packet_at=peer.last_packet_at, applied=peer.applied,
                              available=peer.available, pending=peer.pending,
                              quarantined=peer.quarantined))
    return rows


def filled(template: str, params: dict[str, Any]) -> str:
    """A storage template (English, marked for translation) in the user's words."""
    text = QCoreApplication.translate(STORAGE_CONTEXT, template)
    try:
        return str(text.format(**params))
    except (KeyError, IndexError, ValueError):
        return text


def notice_text(notice: Any) -> str:
    """A roster warning in the user's words."""
    return filled(notice.template, notice.params)
