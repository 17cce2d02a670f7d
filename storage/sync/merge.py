"""The merge rules, on one record in memory: the same result on every device, whatever order
the changes arrive in.

* **Per field, the later clock wins.** Two people editing different fields of one customer
  both keep their edit. A field never written since its record was made has the record's
  base clock (its ``created_at``); two base clocks tie only for the same record made in two
  copies of one book, and then the larger value wins, on both sides alike.
* **Conflicts**: when the value set aside was not known to the write that won (the winner
  replaced another value, not this one), both values and clocks are kept as a conflict, on
  each device that saw both. A write that knowingly replaced the other (its old value is the
  one it replaced) is an ordinary edit, not a conflict.
* **Deletes are tombstones, and a later edit revives.** Whether a record is deleted is
  decided by the latest operation on it: a delete (deleted), or anything else, a create, a
  restore or an edit of any field (alive). So an edit made after a delete on another device
  brings the record back (a ``revived`` conflict says so on both sides), and a delete made
  after every edit stands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storage.sync.clock import base_clock

#: Bookkeeping columns the rules manage themselves.
DELETED = "deleted_at"
UNMERGED = frozenset({"id", "updated_at", DELETED})


@dataclass(frozen=True)
class Clock:
    """A field's clock, and the value the write that set it replaced (JSON text, or None
    when not known: a field never written since its record was made)."""

    hlc: str
    prev: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One field of an operation: the value, its clock, and what its writer replaced."""

    value: Any
    hlc: str
    old: Any = None
    knows_old: bool = False


@dataclass(frozen=True)
class Conflict:
    """A value set aside by the merge (``kept`` says whose value stayed)."""

    field: str
    kind: str  # "field", "revived" or "duplicate"
    ours: Any
    ours_hlc: str | None
    theirs: Any
    theirs_hlc: str | None
    kept: str  # "ours" or "theirs"


@dataclass
class RecordState:
    """A record as the merge sees it: its row (with list fields), its field clocks, and what
    this merge changed."""

    row: dict[str, Any] | None
    clocks: dict[str, Clock] = field(default_factory=dict)
    inserted: bool = False
    changed: dict[str, Any] = field(default_factory=dict)  # field -> value before the merge
    dirty_clocks: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    _base: tuple[Any, str] | None = None

    def base(self) -> str:
        made = self.row.get("created_at") if self.row else None
        if self._base is None or self._base[0] != made:
            self._base = (made, base_clock(made))
        return self._base[1]

    def clock(self, name: str) -> Clock:
        return self.clocks.get(name) or Clock(self.base())

    def latest(self) -> str:
        """The latest clock of anything done to the record (its status follows it)."""
        return max([self.base(), *(c.hlc for c in self.clocks.values())])

    def set_clock(self, name: str, clock: Clock) -> None:
        self.clocks[name] = clock
        self.dirty_clocks.add(name)

    def write(self, name: str, value: Any) -> None:
        assert self.row is not None
        if name not in self.changed:
            self.changed[name] = self.row.get(name)
        self.row[name] = value


def same(a: Any, b: Any) -> bool:
    """Equal as stored values (list fields in any order; 1 and 1.0 alike)."""
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b) and (a is None) == (b is None)


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def encoded(value: Any) -> str:
    """A value as JSON text (one encoder for all: ``json.dumps`` with options makes one
    per call)."""
    return _ENCODER.encode(value)


def decoded(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def merge_fields(state: RecordState, fields: dict[str, Incoming]) -> None:
    """Each field of an operation against the record's own, the later clock winning."""
    assert state.row is not None
    for name, incoming in fields.items():
        if name in UNMERGED:
            continue
        ours = state.clock(name)
        current = state.row.get(name)
        theirs_later = incoming.hlc > ours.hlc or (
            incoming.hlc == ours.hlc and encoded(incoming.value) > encoded(current))
        if same(current, incoming.value):
            if incoming.hlc > ours.hlc:
                state.set_clock(name, Clock(incoming.hlc, _prev(incoming)))
            continue
        if theirs_later:
            if incoming.knows_old and not same(incoming.old, current):
                state.conflicts.append(Conflict(name, "field", current, ours.hlc,
                                                incoming.value, incoming.hlc, "theirs"))
            state.write(name, incoming.value)
            state.set_clock(name, Clock(incoming.hlc, _prev(incoming)))
        elif incoming.knows_old and not (ours.prev is not None
                                         and same(decoded(ours.prev), incoming.value)):
            state.conflicts.append(Conflict(name, "field", current, ours.hlc, incoming.value,
                                            incoming.hlc, "ours"))


def merge_status(state: RecordState, latest_before: str, status_hlc: str,
                 deleted_at: str | None, *, explicit: Incoming | None) -> None:
    """Deleted or alive, as the latest operation on the record says.

    ``latest_before`` is the record's latest clock before this operation; ``status_hlc`` and
    ``deleted_at`` the operation's latest clock and the status it leaves; ``explicit`` the
    operation's own ``deleted_at`` field when it deletes or restores (None: an edit)."""
    assert state.row is not None
    current = state.row.get(DELETED)
    if explicit is not None and explicit.hlc > state.clock(DELETED).hlc:
        state.set_clock(DELETED, Clock(explicit.hlc, _prev(explicit)))
    if status_hlc > latest_before:
        if current != deleted_at:
            if current is not None and deleted_at is None and explicit is None:
                # An edit made after the delete brought the record back.
                state.conflicts.append(Conflict(DELETED, "revived", current, latest_before,
                                                None, status_hlc, "theirs"))
            state.write(DELETED, deleted_at)
    elif explicit is not None and deleted_at is not None and current is None:
        # Their delete came before an edit made here or elsewhere: the record stays.
        state.conflicts.append(Conflict(DELETED, "revived", None, latest_before, deleted_at,
                                        explicit.hlc, "ours"))


def _prev(incoming: Incoming) -> str | None:
    return encoded(incoming.old) if incoming.knows_old else None
