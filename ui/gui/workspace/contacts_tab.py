"""The Contacts tab: the relationship map — who decides, how much they weigh, how they see us,
and when we last met them — as a list, as an org chart, and by level with the gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.entities import Contact
from models.enums import Attitude
from storage.book import Done
from storage.book.relationships import RelationshipMap
from ui.gui.forms.contact_form import ContactFormDialog
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY, yes_no
from ui.gui.models.rows_model import RIGHT, Column
from ui.gui.text.labels import label
from ui.gui.workspace.relationship_map import RelationshipMapPanel
from ui.gui.workspace.relationship_map_levels import ContactLevelsView
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

ATTITUDE_COLOURS = {
    Attitude.CHAMPION: "#1b5e20",
    Attitude.SUPPORTER: "#2e7d32",
    Attitude.SKEPTIC: "#e65100",
    Attitude.OPPONENT: "#b71c1c",
}


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    last_seen: datetime | None
    boss: str = ""


def _columns() -> list[Column]:

    return [
        Column(
            "name",
            lambda: translate("ContactsTab", "Name"),
            lambda r: r.contact.name,
            bold=lambda r: r.contact.is_primary,
        ),
        Column("title", lambda: translate("ContactsTab", "Job title"), lambda r: r.contact.title),
        Column(
            "role",
            lambda: translate("ContactsTab", "Buying role"),
            lambda r: label(r.contact.role) or EMPTY,
            sort=lambda r: r.contact.role.value if r.contact.role else None,
        ),
        Column(
            "influence",
            lambda: translate("ContactsTab", "Influence"),
            lambda r: (
                "●" * r.contact.influence + "○" * (5 - r.contact.influence)
                if r.contact.influence
                else EMPTY
            ),
            sort=lambda r: r.contact.influence,
            align=RIGHT,
            tooltip=lambda r: f"{r.contact.influence} / 5" if r.contact.influence else None,
        ),
        Column(
            "attitude",
            lambda: translate("ContactsTab", "Attitude to us"),
            lambda r: label(r.contact.attitude),
            sort=lambda r: list(Attitude).index(r.contact.attitude),
            colour=lambda r: ATTITUDE_COLOURS.get(r.contact.attitude),
        ),
        Column(
            "primary",
            lambda: translate("ContactsTab", "Main contact"),
            lambda r: yes_no(True) if r.contact.is_primary else "",
            sort=lambda r: not r.contact.is_primary,
        ),
        Column(
            "last_seen",
            lambda: translate("ContactsTab", "Last contact"),
            lambda r: r.last_seen.strftime("%Y-%m-%d") if r.last_seen else EMPTY,
            sort=lambda r: r.last_seen,
        ),
        Column(
            "reports_to",
            lambda: translate("ContactsTab", "Reports to"),
            lambda r: r.boss,
        ),
        Column(
            "covered_by",
            lambda: translate("ContactsTab", "Covered by"),
            lambda r: r.contact.covered_by,
        ),
        Column("phone", lambda: translate("ContactsTab", "Phone"), lambda r: r.contact.phone),
        Column("email", lambda: translate("ContactsTab", "E-mail"), lambda r: r.contact.email),
    ]


#: The widest a column of the list gets (pixels) when fitted to its contents.
MAX_COLUMN = 220
#: A title's margins and the sorted column's arrow in the header (pixels).
TITLE_MARGIN, SORT_ARROW = 12, 20


class ContactsTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.panel = ListPanel(_columns(), self, name="contacts")
        self.add_button = self.panel.button("addContact", self.add_contact)
        self.edit_button = self.panel.button("editContact", self.edit_selected, needs_row=True)
        self.delete_button = self.panel.button(
            "deleteContact", self.delete_selected, needs_row=True
        )
        self.panel.activated.connect(lambda row: self.edit(row.contact))
        self.panel.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self._fit_to_contents())
        self.panel.delete_pressed.connect(lambda row: self.delete(row.contact))
        self.empty = QLabel(self)
        self.empty.setStyleSheet("color: #777777;")
        self.dialog: ContactFormDialog | None = None
        self.rmap: RelationshipMap | None = None
        self.map = RelationshipMapPanel(self)
        self.map.contact_activated.connect(self.edit_id)
        self.levels = ContactLevelsView(self)
        self.levels.contact_activated.connect(self.edit_id)
        self.stack = QStackedWidget(self)
        self.modes = QButtonGroup(self)
        switch = QHBoxLayout()
        self.mode_buttons: list[QToolButton] = []
        for index, (name, page) in enumerate(
            (("contactsList", self.panel), ("contactsMap", self.map),
             ("contactsLevels", self.levels))):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setChecked(index == 0)
            self.modes.addButton(button, index)
            self.mode_buttons.append(button)
            switch.addWidget(button)
            self.stack.addWidget(page)
        switch.addStretch(1)
        self.modes.idClicked.connect(self.show_mode)
        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.empty)
        self.retranslate()
        self.panel.fit_columns(
            {
                "name": 12,
                "title": 12,
                "role": 14,
                "influence": 9,
                "attitude": 9,
                "primary": 4,
                "last_seen": 10,
                "reports_to": 10,
                "covered_by": 8,
                "phone": 13,
            }
        )

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add contact…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        for button, text in zip(self.mode_buttons, (self.tr("List"), self.tr("Map"),
                                                    self.tr("By level")), strict=True):
            button.setText(text)
        self.mode_buttons[1].setToolTip(self.tr("Who reports to whom, as an org chart"))
        self.mode_buttons[2].setToolTip(self.tr("Raise the level of contact: the gaps by level"))
        self.map.retranslate()
        self.levels.retranslate()
        self.empty.setText(
            self.tr(
                "No contacts yet. Add the people who buy, decide and influence at this customer."
            )
        )
        self.panel.model.retranslate()

    def reload(self) -> None:
        rmap = self.book.relationships.map(self.customer_id)
        contacts = rmap.contacts  # main, then weightiest
        names = {c.id: c.name for c in contacts}
        self.panel.set_rows(
            [ContactRow(c, rmap.last_seen.get(c.id), names.get(c.reports_to or "", ""))
             for c in contacts],
            keep=lambda r: r.contact.id,
        )
        self._fit_to_contents()
        self.rmap = rmap
        if self.stack.currentIndex() == 1:
            self.map.show_map(rmap)
        self.levels.show_map(rmap)
        self.empty.setVisible(not contacts)

    def _fit_to_contents(self) -> None:
        """Each column as wide as its widest cell or title, up to MAX_COLUMN pixels, E-mail
        (the last) taking the room left: at widths fixed in digits a 3-character name had
        124 pixels, 'Technical evaluator' was elided and E-mail sat behind a scroll bar at
        1280 x 800."""
        table = self.panel.table
        header = table.horizontalHeader()
        titles = header.fontMetrics()
        for column in range(self.panel.model.columnCount() - 1):
            title = str(self.panel.model.headerData(column, Qt.Orientation.Horizontal) or "")
            # Room for the sort arrow in the sorted column only (Qt keeps it in every one).
            arrow = SORT_ARROW if column == header.sortIndicatorSection() else 0
            need = max(table.sizeHintForColumn(column),
                       titles.horizontalAdvance(title) + TITLE_MARGIN + arrow)
            header.resizeSection(column, min(need + 6, MAX_COLUMN))

    def show_mode(self, index: int) -> None:
        """0 the list, 1 the org chart, 2 by level."""
        self.mode_buttons[index].setChecked(True)
        self.stack.setCurrentIndex(index)
        if index == 1 and self.rmap is not None:
            self.map.show_map(self.rmap)

    def edit_id(self, contact_id: str) -> None:
        contacts = self.rmap.contacts if self.rmap is not None else []
        contact = next((c for c in contacts if c.id == contact_id), None)
        if contact is not None:
            self.edit(contact)

    def add_contact(self) -> None:
        self._open(ContactFormDialog(self.book, self.customer_id, None, self))

    def edit_selected(self) -> None:
        row = self.panel.selected()
        if row is not None:
            self.edit(row.contact)

    def edit(self, contact: Contact) -> None:
        self._open(ContactFormDialog(self.book, self.customer_id, contact, self))

    def _open(self, dialog: ContactFormDialog) -> None:
        self.dialog = self.watch_form(dialog, self._deleted)
        dialog.open()

    def delete_selected(self) -> None:
        row = self.panel.selected()
        if row is not None:
            self.delete(row.contact)

    def delete(self, contact: Contact) -> None:
        self._deleted(self.book.contacts.delete(contact.id), contact)

    def _deleted(self, done: Done, contact: Contact) -> None:
        self.deleted.emit(done, self.tr("Contact {name} deleted.").format(name=contact.name))
