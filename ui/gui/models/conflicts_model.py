"""The values team merges set aside, as rows of a table: customer, record and field, this
book's value and the member's, when and from whom. The Team sync dialog lists every open one;
a customer's History tab lists that customer's (resolved ones too, on request).

A row carries its texts ready made (:func:`ui.gui.forms.conflict_texts.conflict_rows` words
them); the model only lays them out, sorts and colours them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from storage.book.conflicts import Conflict
from ui.gui.models.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # lupdate reads translate("Conflicts", ...)

#: The value that stands now is shown bold; the one set aside in grey.
SET_ASIDE_COLOUR = "#777777"
LINK_COLOUR = "#1565c0"


@dataclass(frozen=True)
class ConflictRow:
    conflict: Conflict
    customer: str  # the customer's name ('' for a setting)
    record: str  # the kind of record and its caption ("Contact: Wang Fang")
    field: str  # the field's label
    ours: str  # this book's value, as shown
    theirs: str  # the member's value, as shown
    member: str  # who set the other value: a person, or the device
    tip: str  # what kind of conflict it is

    @property
    def resolved(self) -> bool:
        return self.conflict.resolved_at is not None

    @property
    def ours_kept(self) -> bool:
        return self.conflict.kept == "ours"


def local_time(moment: str | datetime, seconds: bool = False) -> str:
    """A UTC stamp (ISO text or datetime) in this computer's time zone."""
    if isinstance(moment, str):
        try:
            when = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        when = moment
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def short_device(device: str) -> str:
    """A device id as people can tell them apart (its first eight characters)."""
    return translate("Conflicts", "device {id}").format(id=device[:8])


def device_label(device: str, people: dict[str, str]) -> str:
    """A member as people know them: their name when the team names it, else the device."""
    return people.get(device) or short_device(device)


def take_text(row: ConflictRow) -> str:
    """What one click on the row's action does: take the value set aside."""
    if row.resolved:
        return translate("Conflicts", "Resolved")
    if row.ours_kept:
        return translate("Conflicts", "Take theirs")
    return translate("Conflicts", "Keep ours")


def conflict_columns(*, customer: bool, action: bool) -> list[Column]:
    """The table's columns; ``customer`` for the list of the whole book, ``action`` for a
    column whose click takes the value set aside (the History tab)."""

    def set_aside(theirs: bool) -> Callable[[ConflictRow], str | None]:
        return lambda r: SET_ASIDE_COLOUR if r.ours_kept == theirs else None

    columns = []
    if customer:
        columns.append(Column("customer", lambda: translate("Conflicts", "Customer"),
                              lambda r: r.customer or "—"))
    columns += [
        Column("record", lambda: translate("Conflicts", "Record"), lambda r: r.record,
               tooltip=lambda r: r.record),
        Column("field", lambda: translate("Conflicts", "Field"), lambda r: r.field,
               tooltip=lambda r: r.tip),
        Column("ours", lambda: translate("Conflicts", "Our value"), lambda r: r.ours,
               tooltip=lambda r: r.ours, colour=set_aside(False),
               bold=lambda r: r.ours_kept and not r.resolved),
        Column("theirs", lambda: translate("Conflicts", "Their value"), lambda r: r.theirs,
               tooltip=lambda r: r.theirs, colour=set_aside(True),
               bold=lambda r: not r.ours_kept and not r.resolved),
        Column("at", lambda: translate("Conflicts", "When"),
               lambda r: local_time(r.conflict.at), sort=lambda r: r.conflict.id),
        Column("member", lambda: translate("Conflicts", "From"), lambda r: r.member),
    ]
    if action:
        columns.append(Column(
            "take", lambda: translate("Conflicts", "One click"), take_text,
            colour=lambda r: None if r.resolved else LINK_COLOUR,
            tooltip=lambda r: None if r.resolved else translate(
                "Conflicts", "Click to make the value set aside the current one (sent to the "
                             "team at the next sync)")))
    return columns


class ConflictsModel(RowsModel):
    """Conflicts as rows (``row(i)`` is a :class:`ConflictRow`)."""

    def __init__(self, *, customer: bool, action: bool, parent: Any = None) -> None:
        super().__init__(conflict_columns(customer=customer, action=action), parent)
