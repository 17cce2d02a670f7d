"""The Team sync dialog's members (the roster's, with each one's packets, and a manager's
changes of roles and removals) and the words of storage's notices (roster entries ignored,
packets refused)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enums import PersonRole
from storage.book.sync import SyncStatus
from storage.book.team import TeamRoster
from storage.errors import TRANSLATION_CONTEXT as STORAGE_CONTEXT
from ui.gui.background.tasks import BookTask
from ui.gui.dialogs.team_sync_setup import ERROR_COLOUR
from ui.gui.forms import prompts
from ui.gui.models.conflicts_model import local_time, short_device
from ui.gui.models.rows_model import RIGHT, Column, RowsModel
from ui.gui.style.table_style import style_record_table
from ui.gui.text.labels import label as enum_label

translate = QCoreApplication.translate  # lupdate reads translate("TeamSyncDialog", ...)


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
        rows.append(
            MemberRow(
                device=member.device,
                own=member.own,
                person=member.person,
                role=member.role,
                removed_at=member.removed_at,
                last_packet_at=peer.last_packet_at if peer else member.last_packet_at,
                applied=peer.applied if peer else 0,
                available=peer.available if peer else 0,
                pending=peer.pending if peer else 0,
                quarantined=peer.quarantined if peer else 0,
            )
        )
    for peer in peers.values():
        rows.append(
            MemberRow(
                device=peer.device,
                own=peer.own,
                last_packet_at=peer.last_packet_at,
                applied=peer.applied,
                available=peer.available,
                pending=peer.pending,
                quarantined=peer.quarantined,
            )
        )
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


def size_columns(table: QTableView, model: RowsModel, chars: dict[str, int],
                 stretch: str | None = None) -> None:
    """Widen each column of ``chars`` to that many digits or to its whole header, whichever
    is wider (the bold header was cut: 最新数据包 ran into 已合并); ``stretch`` takes the room
    left instead of the last column, so the figures sit next to each other."""
    cells = table.fontMetrics()
    header = table.horizontalHeader()
    bold = header.font()
    bold.setBold(True)
    titles = QFontMetrics(bold)
    for key, count in chars.items():
        column = model.column_of(key)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = max(cells.horizontalAdvance("0" * count) + 16,
                   titles.horizontalAdvance(title) + 28)
        if header.sectionSize(column) < need:
            header.resizeSection(column, need)
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(model.column_of(stretch), QHeaderView.ResizeMode.Stretch)


class MembersBox(QGroupBox):
    """The team's members with their packets; a manager changes a role or removes one.
    ``removed(Removed)`` carries the new key after a removal; ``problem(message)``."""

    removed = Signal(object)
    problem = Signal(str)

    def __init__(self, team: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team = team  # ui.gui.window.sync.TeamSync
        self.model = RowsModel(self._columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName("peersTable")
        self.table.setModel(self.model)
        style_record_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.role_button = QPushButton(self)
        self.role_button.setObjectName("memberRole")
        self.role_button.clicked.connect(self.change_role)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeMember")
        self.remove_button.clicked.connect(self.remove_member)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.role_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.retranslate()

    def _columns(self) -> list[Column]:
        def seen(row: MemberRow) -> str:
            return (
                local_time(row.last_packet_at)
                if row.last_packet_at
                else translate("TeamSyncDialog", "never")
            )

        def who(row: MemberRow) -> str:
            name = row.person or short_device(row.device)
            return (
                translate("TeamSyncDialog", "{name} (this book)").format(name=name)
                if row.own
                else name
            )

        def role(row: MemberRow) -> str:
            if row.removed_at:
                return translate("TeamSyncDialog", "Removed {when}").format(
                    when=local_time(row.removed_at)
                )
            return enum_label(row.role) if row.role is not None else "—"

        return [
            Column(
                "member",
                lambda: translate("TeamSyncDialog", "Member"),
                who,
                tooltip=lambda r: r.device,
                bold=lambda r: r.own,
            ),
            Column(
                "role",
                lambda: translate("TeamSyncDialog", "Role"),
                role,
                colour=lambda r: "#777777" if r.removed_at else None,
            ),
            Column(
                "seen",
                lambda: translate("TeamSyncDialog", "Last packet"),
                seen,
                sort=lambda r: r.last_packet_at.timestamp() if r.last_packet_at else None,
            ),
            Column(
                "merged",
                lambda: translate("TeamSyncDialog", "Merged"),
                lambda r: translate("TeamSyncDialog", "{applied} of {available}").format(
                    applied=r.applied, available=r.available
                ),
                sort=lambda r: r.applied,
                align=RIGHT,
            ),
            Column(
                "pending",
                lambda: translate("TeamSyncDialog", "Waiting"),
                lambda r: str(r.pending),
                sort=lambda r: r.pending,
                align=RIGHT,
            ),
            Column(
                "refused",
                lambda: translate("TeamSyncDialog", "Refused"),
                lambda r: str(r.quarantined),
                sort=lambda r: r.quarantined,
                align=RIGHT,
                colour=lambda r: ERROR_COLOUR if r.quarantined else None,
            ),
        ]

    def retranslate(self) -> None:
        self.setTitle(translate("TeamSyncDialog", "Members"))
        self.remove_button.setText(translate("TeamSyncDialog", "Remove from the team…"))
        self.model.retranslate()
        self._update()

    def show_members(self, roster: TeamRoster | None, status: SyncStatus | None) -> None:
        self.model.set_rows(member_rows(roster, status))
        self.table.resizeColumnsToContents()
        size_columns(self.table, self.model, {"seen": 16, "merged": 6, "pending": 4,
                                              "refused": 4}, stretch="member")
        rows = min(max(self.model.rowCount(), 2), 5)  # the conflicts keep the rest
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 4
        )
        self._update()

    def selected(self) -> MemberRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update(self) -> None:
        """A manager changes roles and removes members; others see no such buttons."""
        manager = bool(self.team.manager) and self.team.folder is not None
        row = self.selected()
        member = row is not None and row.role is not None and not row.removed_at
        for button in (self.role_button, self.remove_button):
            button.setVisible(manager)
        self.role_button.setEnabled(member)
        self.remove_button.setEnabled(member and row is not None and not row.own)
        self.role_button.setText(
            translate("TeamSyncDialog", "Make salesperson")
            if row is not None and row.role is PersonRole.MANAGER
            else translate("TeamSyncDialog", "Make manager")
        )

    def change_role(self) -> BookTask | None:
        row = self.selected()
        if row is None or row.role is None:
            return None
        role = PersonRole.SALESPERSON if row.role is PersonRole.MANAGER else PersonRole.MANAGER
        device = row.device
        return self.team.manage(
            lambda book, folder: book.team.set_role(folder, device, role),
            lambda _roster: None,
            self.problem.emit,
        )

    def remove_member(self) -> BookTask | None:
        row = self.selected()
        if row is None or row.own:
            return None
        name = row.person or short_device(row.device)
        if not prompts.confirm(
            self,
            translate("TeamSyncDialog", "Remove from the team"),
            translate(
                "TeamSyncDialog",
                "Remove {name} from the team? The team gets a new key: what the others send "
                "from now on cannot be read by {name}'s book, and what it sends is no longer "
                "merged. What {name} already has stays on that computer.",
            ).format(name=name),
            translate("TeamSyncDialog", "Remove {name}").format(name=name),
        ):
            return None
        device = row.device
        return self.team.manage(
            lambda book, folder: book.team.remove_member(folder, device),
            self.removed.emit,
            self.problem.emit,
        )
