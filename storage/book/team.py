"""``book.team``: the members of this book's team, their roles, and a manager's changes.

A team is started by one book (its founder, a manager) and joined by others with the team
key (storage/book/sync.py does the key and the packets). Each member's entry lives in the
shared folder, signed by its device; roles and removals are decisions signed by a manager
(storage/sync/roster.py). Removing a member replaces the team key: the remaining members pick
the new one up at their next sync, the removed one cannot read what is sent afterwards, and
what it sends afterwards is refused. It keeps what it already had: a removal protects what
comes later, not what was shared before.

The owner filter of the window is a view, not access control: every member's book holds the
whole team's accounts.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import PersonRole
from storage.sync import folder as shared
from storage.sync import state
from storage.sync import team as roster_io
from storage.sync.errors import AmbiguousMemberError, NoSuchMemberError, NotInTeamError
from storage.sync.keys import key_text
from storage.sync.roster import Member, Notice

if TYPE_CHECKING:
    from storage.book.people import People
    from storage.book.sync import Sync
    from storage.database import Database


@dataclass(frozen=True)
class TeamMember:
    """One device of the team as the roster says."""

    device: str
    person: str
    role: PersonRole
    joined_at: str
    founder: bool
    own: bool  # this book
    removed_at: str | None
    removed_by: str | None  # the manager's person (or device id when unknown)
    last_packet_at: datetime | None  # its newest packet in the folder (file time)
    packets: int  # its packets in the folder


@dataclass(frozen=True)
class TeamRoster:
    """The team: its members, the key's epoch, and what was ignored in the folder."""

    members: tuple[TeamMember, ...]
    epoch: int
    warnings: tuple[Notice, ...]  # entries or decisions ignored (template + params)

    def me(self) -> TeamMember | None:
        return next((member for member in self.members if member.own), None)

    def founder(self) -> TeamMember | None:
        """Who started the team (a team started before roles: its earliest member), whom
        the user knows the team by; None before the roster was first read."""
        found = next((member for member in self.members if member.founder), None)
        if found is not None:
            return found
        dated = [member for member in self.members if member.joined_at]
        return min(dated, key=lambda member: (member.joined_at, member.device), default=None)

    def current(self) -> tuple[TeamMember, ...]:
        """The members not removed."""
        return tuple(member for member in self.members if member.removed_at is None)


@dataclass(frozen=True)
class Started:
    key: str  # the team key's text, to show once
    device: str
    person: str
    role: PersonRole


@dataclass(frozen=True)
class Joined:
    team: str
    device: str
    person: str
    registered: bool  # its entry is in the folder already (a folder was given)


@dataclass(frozen=True)
class Removed:
    members: tuple[TeamMember, ...]  # the devices removed
    epoch: int  # the new key's epoch
    key: str  # the new key's text: new members join with it from now on


class Team:
    """The team's members and roles; ``remove_member`` and ``set_role`` are a manager's."""

    def __init__(self, db: Database, sync: Sync, people: People) -> None:
        self._db = db
        self._sync = sync
        self._people = people

    # ---- becoming a member -------------------------------------------------------------------
    def default_person(self) -> str:
        """Who this book's user is when not said: the person set before, else the only
        person the book knows, else the computer's login name."""
        found = roster_io.person(self._db.conn) if self._sync.in_team else None
        if found:
            return found
        living = [person.name for person in self._people.listed() if not person.deleted_at]
        if len(living) == 1:
            return living[0]
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "me"

    def start(self, person: str | None = None,
              role: PersonRole = PersonRole.MANAGER) -> Started:
        """Start a team with this book, its user ``person`` in ``role`` (the founder is a
        manager unless told otherwise); returns the key's text to show once."""
        name = (person or self.default_person()).strip()
        with self._db.atomic():
            key = self._sync.team_init()
            roster_io.set_person(self._db.conn, name, role.value)
        return Started(key=key, device=self._sync.device_id, person=name, role=role)

    def join(self, key: str, folder: Path | None = None, person: str | None = None) -> Joined:
        """Join the team of ``key`` as ``person`` (a salesperson until a manager says
        otherwise); with ``folder``, the entry is written there at once (else at the first
        sync)."""
        name = (person or self.default_person()).strip()
        if folder is not None:
            shared.root(Path(folder))  # SyncFolderMissingError before joining, not after
        with self._db.atomic():
            team = self._sync.join(key)
            roster_io.set_person(self._db.conn, name, PersonRole.SALESPERSON.value)
        if folder is not None:
            roster_io.refresh(self._db, Path(folder))
        return Joined(team=team, device=self._sync.device_id, person=name,
                      registered=folder is not None)

    # ---- who is who ----------------------------------------------------------------------------
    def members(self, folder: Path | None = None) -> TeamRoster:
        """The team's members: read again from ``folder`` (which also writes this device's
        entry there and takes a new key, as a sync does), or as last read without one."""
        conn = self._db.conn
        warnings: tuple[Notice, ...] = ()
        if folder is not None:
            warnings = tuple(roster_io.refresh(self._db, Path(folder)).warnings)
        elif not self._sync.in_team:
            raise NotInTeamError()
        device = state.device(conn).device
        cached = roster_io.cached(conn)
        epoch = int(conn.execute("SELECT coalesce(max(epoch), 1) FROM sync_keyring "
                                 "WHERE key IS NOT NULL").fetchone()[0])
        members = tuple(self._member(member, device, cached, folder)
                        for member in sorted(cached.values(),
                                             key=lambda found: (found.person.casefold(),
                                                                found.device)))
        return TeamRoster(members=members, epoch=epoch, warnings=warnings)

    def my_role(self) -> PersonRole | None:
        """This book's role in its team (None: not in a team)."""
        if not self._sync.in_team:
            return None
        mine = roster_io.cached(self._db.conn).get(self._sync.device_id)
        return PersonRole(mine.role) if mine is not None else PersonRole.SALESPERSON

    def me(self) -> str | None:
        """The person this book's user is in the team (None: not in a team, or not said)."""
        return roster_io.person(self._db.conn) if self._sync.in_team else None

    def key_text(self) -> str:
        """The current team key's text, for a new member (after a removal, the new key)."""
        key, _kid = roster_io.current_key(self._db.conn)
        return key_text(key)

    # ---- a manager's changes ----------------------------------------------------------------
    def remove_member(self, folder: Path, who: str) -> Removed:
        """Remove a member (a device id, or a person: all their devices) from the team: a new
        team key for the others (NotManagerError unless this book's user is a manager;
        LastManagerError when no manager would be left)."""
        folder = Path(folder)
        roster = self.members(folder)
        targets = _named(roster, who)
        applied = state.applied(self._db.conn)
        last = {member.device: max(applied.get(member.device, 0),
                                   max(shared.packets(folder, member.device), default=0))
                for member in targets}
        rotated = roster_io.remove(self._db, folder, [member.device for member in targets],
                                   last)
        after = self.members()
        removed = tuple(member for member in after.members if member.device in rotated.devices)
        return Removed(members=removed, epoch=rotated.epoch, key=key_text(rotated.key))

    def set_role(self, folder: Path, who: str, role: PersonRole) -> TeamRoster:
        """Give a member (a person: all their devices; or a device id) ``role``; the book's
        person of that name, if it has one, gets it too (NotManagerError unless this book's
        user is a manager)."""
        folder = Path(folder)
        targets = _named(self.members(folder), who)
        roster_io.set_role(self._db, folder, [member.device for member in targets],
                           role.value)
        for name in {member.person for member in targets if member.person}:
            found = self._people.named(name)
            if found is not None and found.role is not role:
                self._people.update(replace(found, role=role))
        return self.members()

    # ---- helpers -------------------------------------------------------------------------------
    def _member(self, member: Member, device: str, cached: dict[str, Member],
                folder: Path | None) -> TeamMember:
        files = shared.packets(folder, member.device) if folder is not None else {}
        newest = files[max(files)] if files else None
        by = cached.get(member.removed_by or "")
        return TeamMember(
            device=member.device, person=member.person, role=PersonRole(member.role),
            joined_at=member.joined_at, founder=member.founder, own=member.device == device,
            removed_at=member.removed_at,
            removed_by=(by.person or by.device) if by else member.removed_by,
            last_packet_at=_mtime(newest) if newest else None, packets=len(files))


def _named(roster: TeamRoster, who: str) -> list[TeamMember]:
    """The living members ``who`` names: a device id (or its first 8+ characters), else a
    person (all their devices)."""
    wanted = who.strip()
    living = [member for member in roster.members if member.removed_at is None]
    by_device = [member for member in living if member.device == wanted.lower()
                 or (len(wanted) >= 8 and member.device.startswith(wanted.lower()))]
    if len(by_device) == 1:
        return by_device
    by_person = [member for member in living
                 if member.person.casefold() == wanted.casefold()]
    if by_person:
        return by_person
    if by_device:
        raise AmbiguousMemberError(who=who, devices=", ".join(m.device for m in by_device))
    raise NoSuchMemberError(who=who)


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None
