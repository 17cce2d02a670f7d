"""The team's roster in the shared folder, and what it is worth: who is a member, in what
role, who was removed, and the team keys that followed each removal.

Three kinds of file (storage/sync/folder.py), each signed with Ed25519 by the device that
wrote it and checked against the public key the roster already knows for that device:

* ``founder.json``: the device that started the team, and its role (a manager). Written once;
  each book remembers the first founder it saw and ignores, with a warning, another.
* ``members/<device>.json``: a member's entry: person, joined, public keys (Ed25519 to sign,
  X25519 to receive keys), and ``kid``/``mac``: the id of a team key and an HMAC with it,
  proof that the writer held that key (someone without the key cannot add a member).
* ``decisions/<device>-<n>.json``: a manager's change of the roster: a new ``role`` for some
  devices, or their removal (``remove``) with the new team key, wrapped for each remaining
  member (storage/sync/identity.py), the key it replaces sealed with it (so that a member
  who joins with the new key can read the old packets too), and for each removed device the
  number of its last packet the manager had: its later ones are refused.

* ``decisions/<device>-<n>.json`` with ``claim``: in a team started before m018 (no
  ``founder.json``, so no manager), its first member (the earliest ``joined`` of the
  roster's entries: the book that started it) names itself a manager. Only that member's
  claim counts, so a later member racing to claim first gains nothing.

:func:`replay` reads them in a fixed order (decisions by time, then device, then number), so
every book comes to the same roster. A decision counts only when its signer is a manager at
that point; a file that is unsigned, badly signed, or signed with another key than the one
known for its device is ignored and said in a warning; it is never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.validation import tr_noop
from storage.sync.identity import Identity, key_id, mac, unseal, verify

MEMBER_KIND = "keyplan-member"
FOUNDER_KIND = "keyplan-founder"
DECISION_KIND = "keyplan-decision"
ROLES = ("salesperson", "manager")

BAD_ENTRY = tr_noop("the roster entry of device {device} is not signed by that device, or was "
                    "changed since: it is ignored")
REPLACED_ENTRY = tr_noop("the roster entry of device {device} is signed with another key than "
                         "the one this book knows for it: it is ignored")
BAD_FOUNDER = tr_noop("founder.json is not signed by the device that started the team, or was "
                      "changed since: it is ignored")
OTHER_FOUNDER = tr_noop("founder.json names {device}, but this book knows another founder: it "
                        "is ignored")
BAD_DECISION = tr_noop("the change of the team {name} is not signed by the manager it names, "
                       "or was changed since: it is ignored")
NOT_MANAGER = tr_noop("the change of the team {name} was made by {person}, who was not a "
                      "manager then: it is ignored")
BAD_KEY = tr_noop("the new team key of {name} does not open with this book's key: this book "
                  "cannot read what the team sends from then on")


@dataclass
class Member:
    device: str
    person: str
    joined_at: str
    sign: str  # Ed25519 public key (base64)
    box: str  # X25519 public key (base64)
    kid: str  # the team key its entry proves it held
    role: str = "salesperson"
    founder: bool = False
    removed_at: str | None = None
    removed_by: str | None = None
    cutoff: int | None = None


@dataclass(frozen=True)
class Rotation:
    """A new team key made by a removal."""

    kid: str
    prev_kid: str
    epoch: int
    recipients: frozenset[str]
    by: str
    at: str


@dataclass(frozen=True)
class Notice:
    """A warning about the folder's roster: ``template`` is English, marked for translation."""

    template: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return self.template.format(**self.params)


@dataclass
class Roster:
    members: dict[str, Member] = field(default_factory=dict)
    rotations: list[Rotation] = field(default_factory=list)
    founder: str | None = None
    claimed: str | None = None  # a founderless team's first member, manager by its claim
    warnings: list[Notice] = field(default_factory=list)

    def first_member(self) -> Member | None:
        """The member that joined first (ties: the smaller device id), removed or not: in a
        team started before m018, the book that started it (the others joined with its
        key, later)."""
        dated = [member for member in self.members.values() if member.joined_at]
        return min(dated, key=lambda member: (member.joined_at, member.device), default=None)

    def managers(self) -> list[Member]:
        return [member for member in self.members.values()
                if member.role == "manager" and member.removed_at is None]

    def confirmed(self, current_kid: str) -> list[Member]:
        """The members that hold the current key: their entry proves it, or they were given
        it; the next key is sealed for them."""
        given = self.rotations[-1].recipients if self.rotations else frozenset()
        return [member for member in self.members.values() if member.removed_at is None
                and (member.kid == current_kid or member.device in given)]


@dataclass
class Documents:
    """The roster's files as read from the folder."""

    founder: dict[str, Any] | None
    members: dict[str, dict[str, Any] | None]
    decisions: dict[str, dict[str, Any] | None]


def walk_back(decisions: dict[str, dict[str, Any] | None], keys: dict[str, bytes]) -> None:
    """Add to ``keys`` every earlier key sealed under one of them (a member that joined
    with a newer key reads the packets sealed before it)."""
    chain = {str(doc.get("kid")): doc for doc in decisions.values()
             if doc and doc.get("action") == "remove"}
    moved = True
    while moved:
        moved = False
        for kid, doc in chain.items():
            prev_kid = str(doc.get("prev_kid"))
            if kid in keys and prev_kid not in keys:
                try:
                    previous = unseal(keys[kid], doc["previous"], previous_label(prev_kid))
                except (KeyError, ValueError):
                    continue
                if key_id(previous) == prev_kid:
                    keys[prev_kid] = previous
                    moved = True


def previous_label(prev_kid: str) -> bytes:
    return f"keyplan previous key/{prev_kid}".encode("ascii")


def replay(docs: Documents, *, team: str, keys: dict[str, bytes],
           known: dict[str, Member], pinned_founder: str | None,
           me: Identity | None, my_device: str) -> Roster:
    """The roster the folder's files make, from what this book already trusts (``known``:
    its cached members, whose public keys are pinned). ``keys`` grows by the keys the
    decisions give this device."""
    roster = Roster()
    walk_back(docs.decisions, keys)
    _members(roster, docs, team=team, keys=keys, known=known)
    _founder(roster, docs.founder, team=team, keys=keys, pinned=pinned_founder)
    ordered = sorted(((name, doc) for name, doc in docs.decisions.items() if doc),
                     key=lambda item: (str(item[1].get("at")), str(item[1].get("by")),
                                       str(item[1].get("n")), item[0]))
    if roster.founder is None:
        _claim(roster, docs.decisions, team=team)
    for name, doc in ordered:
        _decide(roster, name, doc, team=team, keys=keys, me=me, my_device=my_device)
    for device, member in known.items():  # a removal is never taken back
        if member.removed_at and device in roster.members \
                and roster.members[device].removed_at is None:
            mine = roster.members[device]
            mine.removed_at, mine.removed_by, mine.cutoff = (member.removed_at,
                                                              member.removed_by, member.cutoff)
    return roster


def _members(roster: Roster, docs: Documents, *, team: str, keys: dict[str, bytes],
             known: dict[str, Member]) -> None:
    for device, doc in docs.members.items():
        pinned = known.get(device)
        if doc is None:
            continue  # unreadable: being synced
        if doc.get("kind") != MEMBER_KIND or doc.get("team") != team \
                or doc.get("device") != device or not verify(str(doc.get("sign")), doc):
            roster.warnings.append(Notice(BAD_ENTRY, {"device": device}))
            continue
        if pinned is not None and pinned.sign != doc["sign"]:
            roster.warnings.append(Notice(REPLACED_ENTRY, {"device": device}))
            continue
        kid = str(doc.get("kid"))
        if kid not in keys:
            continue  # sealed with a key that has not reached this book yet
        if doc.get("mac") != mac(keys[kid], doc):
            roster.warnings.append(Notice(BAD_ENTRY, {"device": device}))
            continue
        roster.members[device] = Member(
            device=device, person=str(doc.get("person") or ""),
            joined_at=str(doc.get("joined") or ""), sign=str(doc["sign"]),
            box=str(doc.get("box")), kid=kid)
    for device, member in known.items():  # trusted before, missing or spoilt in the folder
        if device not in roster.members:
            roster.members[device] = Member(
                device=device, person=member.person, joined_at=member.joined_at,
                sign=member.sign, box=member.box, kid=member.kid)


def _founder(roster: Roster, doc: dict[str, Any] | None, *, team: str, keys: dict[str, bytes],
             pinned: str | None) -> None:
    founder, role = pinned, "manager"
    if doc is not None:
        device = str(doc.get("device"))
        member = roster.members.get(device)
        kid = str(doc.get("kid"))
        valid = (doc.get("kind") == FOUNDER_KIND and doc.get("team") == team
                 and member is not None and member.sign == doc.get("sign")
                 and verify(member.sign, doc) and kid in keys
                 and doc.get("mac") == mac(keys[kid], doc))
        if not valid:
            if member is not None or kid in keys:
                roster.warnings.append(Notice(BAD_FOUNDER, {}))
        elif pinned is not None and device != pinned:
            roster.warnings.append(Notice(OTHER_FOUNDER, {"device": device}))
        else:
            founder = device
            role = str(doc.get("role")) if doc.get("role") in ROLES else "manager"
    if founder is not None and founder in roster.members:
        roster.founder = founder
        roster.members[founder].founder = True
        roster.members[founder].role = role


def _claim(roster: Roster, decisions: dict[str, dict[str, Any] | None], *, team: str) -> None:
    """A team without a founder (started before m018): its first member becomes a manager
    by a claim it signed. Only the first member's claim counts, whenever it was written, so
    a later member who claims first gains nothing; the rule is worked out again at every
    replay from the roster's entries, so every book that holds the same files agrees (a book
    that has not yet seen the first member's entry ignores a later member's claim all the
    same: it is not the first member's)."""
    first = roster.first_member()
    if first is None or first.removed_at is not None:
        return
    for name, doc in sorted(decisions.items()):
        if not doc or doc.get("action") != "claim" or doc.get("by") != first.device:
            continue
        if doc.get("kind") != DECISION_KIND or doc.get("team") != team \
                or not name.startswith(first.device) or not verify(first.sign, doc):
            roster.warnings.append(Notice(BAD_DECISION, {"name": name}))
            continue
        first.role = "manager"
        roster.claimed = first.device
        return


def _decide(roster: Roster, name: str, doc: dict[str, Any], *, team: str,
            keys: dict[str, bytes], me: Identity | None, my_device: str) -> None:
    if doc.get("action") == "claim":
        return  # a founderless team's first member: _claim
    by = str(doc.get("by"))
    signer = roster.members.get(by)
    if signer is None:
        return  # its writer's entry has not arrived yet
    if doc.get("kind") != DECISION_KIND or doc.get("team") != team \
            or not name.startswith(by) or not verify(signer.sign, doc):
        roster.warnings.append(Notice(BAD_DECISION, {"name": name}))
        return
    if signer.role != "manager" or signer.removed_at is not None:
        roster.warnings.append(Notice(NOT_MANAGER, {"name": name, "person": signer.person}))
        return
    devices = doc.get("devices")
    if not isinstance(devices, dict):
        roster.warnings.append(Notice(BAD_DECISION, {"name": name}))
        return
    targets = [roster.members[device] for device in devices if device in roster.members
               and roster.members[device].removed_at is None]
    if doc.get("action") == "role" and doc.get("role") in ROLES:
        for member in targets:
            member.role = str(doc["role"])
    elif doc.get("action") == "remove":
        for member in targets:
            member.removed_at, member.removed_by = str(doc.get("at")), by
            cutoff = devices[member.device]
            member.cutoff = int(cutoff) if isinstance(cutoff, int) else 0
        _rotate(roster, name, doc, keys=keys, me=me, my_device=my_device)


def _rotate(roster: Roster, name: str, doc: dict[str, Any], *, keys: dict[str, bytes],
            me: Identity | None, my_device: str) -> None:
    wrapped = doc.get("keys")
    kid, prev_kid = str(doc.get("kid")), str(doc.get("prev_kid"))
    if not isinstance(wrapped, dict):
        return
    roster.rotations.append(Rotation(
        kid=kid, prev_kid=prev_kid, epoch=len(roster.rotations) + 2,
        recipients=frozenset(wrapped), by=str(doc.get("by")), at=str(doc.get("at"))))
    if me is None or my_device not in wrapped or kid in keys:
        return
    try:
        key = me.unwrap(wrapped[my_device])
    except ValueError:
        key = b""
    if key_id(key) != kid:
        roster.warnings.append(Notice(BAD_KEY, {"name": name}))
        return
    keys[kid] = key
