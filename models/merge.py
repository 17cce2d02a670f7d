"""Three-way merge of two edits of one record, field by field (two windows, one customer).

``base`` is what both sides started from; a field changed on one side only takes that side's
value; a field changed on both sides to different values is a conflict the user decides.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Generic, TypeVar

from models.record import Record

R = TypeVar("R", bound=Record)

BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "deleted_at"})


@dataclass(frozen=True)
class MergeResult(Generic[R]):
    merged: R  # mine where only I changed, theirs where only they changed, mine on conflicts
    conflicts: tuple[str, ...]  # fields both sides changed differently
    theirs_changed: tuple[str, ...]  # fields only the other side changed (taken from theirs)


def merge_records(base: R, mine: R, theirs: R) -> MergeResult[R]:
    values = {}
    conflicts: list[str] = []
    taken: list[str] = []
    for f in fields(base):
        name = f.name
        if name in BOOKKEEPING:
            continue
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if m == t or t == b:
            continue  # nothing to take from theirs
        if m == b:
            values[name] = t
            taken.append(name)
        else:
            conflicts.append(name)
    merged = replace(mine, updated_at=theirs.updated_at, **values)
    return MergeResult(merged=merged, conflicts=tuple(conflicts), theirs_changed=tuple(taken))
