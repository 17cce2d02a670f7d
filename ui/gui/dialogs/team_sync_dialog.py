"""File → Team sync…: the folder the team shares, starting or joining a team, where things
stand (team, this device, each member, what waits to be sent), Sync now, and every open
conflict with "Take theirs" / "Keep ours".

The dialog only shows and asks: the window's :class:`~ui.gui.window.sync.TeamSync` runs the
syncs (in the background, one at a time) and answers the conflicts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.errors import StorageError
from ui.gui.dialogs.team_sync_rows import MembersBox, filled, notice_text, size_columns
from ui.gui.dialogs.team_sync_setup import ERROR_COLOUR, KeyPage, SetupPage
from ui.gui.dialogs.team_sync_words import sync_error_text
from ui.gui.forms.conflict_texts import conflict_rows
from ui.gui.models.conflicts_model import (
    ConflictRow,
    ConflictsModel,
    device_label,
    local_time,
    short_device,
)
from ui.gui.style.table_style import style_record_table
from ui.gui.text.labels import label as enum_label

PAGE_SETUP, PAGE_KEY, PAGE_STATUS = range(3)


class TeamSyncDialog(QDialog):
    def __init__(self, team: Any, parent: QWidget | None = None) -> None:
        """``team``: the window's ui.gui.window.sync.TeamSync (window/ imports dialogs/,
        never the reverse)."""
        super().__init__(parent)
        self.setObjectName("teamSyncDialog")
        self.team = team
        self.key_shown = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("syncFolder")
        self.folder_edit.setReadOnly(True)
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("chooseSyncFolder")
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)

        self.setup = SetupPage(self)
        self.setup.start_requested.connect(self.start_team)
        self.setup.join_requested.connect(self.join_team)
        self.key_page = KeyPage(self)
        self.key_page.done.connect(self._key_given)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.setup)
        self.stack.addWidget(self.key_page)
        self.stack.addWidget(self._status_page())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 104, self.fontMetrics().height() * 36)
        self.retranslate()
        team.state_changed.connect(self.refresh)
        self.finished.connect(lambda _result: self.setup.checker.close())
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def _status_page(self) -> QWidget:
        page = QWidget(self)
        self.team_value = QLabel(page)
        self.device_value = QLabel(page)
        self.last_value = QLabel(page)
        self.last_value.setObjectName("lastSync")
        self.send_value = QLabel(page)
        self.send_value.setObjectName("toSend")
        self.auto_value = QLabel(page)
        self.auto_value.setWordWrap(True)
        for label in (self.team_value, self.device_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels = [QLabel(page) for _ in range(5)]
        for label, value in zip(self.form_labels, (self.team_value, self.device_value,
                                                   self.last_value, self.send_value,
                                                   self.auto_value), strict=True):
            self.form.addRow(label, value)
        self.sync_button = QPushButton(page)
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: self.team.sync(automatic=False))
        self.error_label = QLabel(page)
        self.error_label.setObjectName("syncError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addLayout(self.form, 1)
        top.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignTop)
        # The last sync found this book a copy (another computer synced as this device):
        # the two ways out, shown only then.
        self.new_device_button = QPushButton(page)
        self.new_device_button.setObjectName("newDevice")
        self.new_device_button.clicked.connect(lambda: self.team.new_device())
        self.moved_here_button = QPushButton(page)
        self.moved_here_button.setObjectName("movedHere")
        self.moved_here_button.clicked.connect(lambda: self.team.moved_here())
        copied_row = QHBoxLayout()
        copied_row.addWidget(self.new_device_button)
        copied_row.addWidget(self.moved_here_button)
        copied_row.addStretch(1)

        self.members = MembersBox(self.team, page)
        self.members.removed.connect(self._removed)
        self.members.problem.connect(self._say_problem)
        self.peers_model = self.members.model
        self.peers_table = self.members.table

        self.conflicts_box = QGroupBox(page)
        self.conflicts_model = ConflictsModel(customer=True, action=False, parent=self)
        self.conflicts_table = QTableView(self.conflicts_box)
        self.conflicts_table.setObjectName("conflictsTable")
        self.conflicts_table.setModel(self.conflicts_model)
        style_record_table(self.conflicts_table)
        self.conflicts_table.setSortingEnabled(True)
        self.conflicts_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_take())
        self.conflicts_model.modelReset.connect(self._update_take)
        self.theirs_button = QPushButton(self.conflicts_box)
        self.theirs_button.setObjectName("takeTheirs")
        self.theirs_button.clicked.connect(lambda: self.take(theirs=True))
        self.ours_button = QPushButton(self.conflicts_box)
        self.ours_button.setObjectName("keepOurs")
        self.ours_button.clicked.connect(lambda: self.take(theirs=False))
        self.conflicts_hint = QLabel(self.conflicts_box)
        self.conflicts_hint.setWordWrap(True)
        take_row = QHBoxLayout()
        take_row.addWidget(self.conflicts_hint, 1)
        take_row.addWidget(self.theirs_button)
        take_row.addWidget(self.ours_button)
        conflicts_layout = QVBoxLayout(self.conflicts_box)
        conflicts_layout.addLayout(take_row)
        conflicts_layout.addWidget(self.conflicts_table, 1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addLayout(copied_row)
        layout.addWidget(self.members)
        layout.addWidget(self.conflicts_box, 1)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Team sync"))
        self.intro.setText(self.tr(
            "Each member keeps their own book on their own computer. Only change packets, "
            "encrypted with the team key, travel through a folder the team already shares "
            "(Syncthing, OneDrive, Dropbox, Nutstore, a network share, a USB stick). Two "
            "people who change different fields of a customer both keep their change; when "
            "both change the same field, the later change stands and the other is listed "
            "below to take instead."))
        self.folder_label.setText(self.tr("Shared folder:"))
        self.folder_edit.setPlaceholderText(self.tr("Not chosen yet"))
        self.folder_button.setText(self.tr("Choose…"))
        for label, text in zip(self.form_labels, (
                self.tr("Team:"), self.tr("This book:"), self.tr("Last sync:"),
                self.tr("To send:"), self.tr("Automatic:")), strict=True):
            label.setText(text)
        self.sync_button.setText(self.tr("Sync now"))
        self.new_device_button.setText(self.tr("This is a copy: make it a new member"))
        self.moved_here_button.setText(self.tr("The book moved here for good"))
        self.conflicts_box.setTitle(self.tr("Conflicts"))
        self.theirs_button.setText(self.tr("Take theirs"))
        self.ours_button.setText(self.tr("Keep ours"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.setup.retranslate()
        self.key_page.retranslate()
        self.members.retranslate()
        self.conflicts_model.retranslate()
        self.refresh()

    # -- showing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show where things stand now (the controller said something moved)."""
        team = self.team
        folder = team.folder
        self.folder_edit.setText(str(folder) if folder else "")
        if self.key_shown:
            self.stack.setCurrentIndex(PAGE_KEY)
        elif not team.in_team:
            self.stack.setCurrentIndex(PAGE_SETUP)
            return
        else:
            self.stack.setCurrentIndex(PAGE_STATUS)
        status = team.status
        locale = QLocale()
        self.team_value.setText(self._team_text())
        # The team's id (16 hex digits) only in the tooltip: the user knows the team by who
        # started it and who is in it.
        self.team_value.setToolTip(self.tr("Team id {team}").format(team=status.team)
                                   if status else "")
        me = team.roster.me() if team.roster is not None else None
        # The device's short form, as the conflicts and the members name it; the whole id in
        # the tooltip (a 36-character UUID said nothing to a user).
        self.device_value.setText(self.tr("{person}, {role} ({device})").format(
            person=me.person, role=enum_label(me.role), device=short_device(team.device))
            if me is not None else short_device(team.device))
        self.device_value.setToolTip(team.device)
        if team.running:
            self.last_value.setText(self.tr("Syncing…"))
        elif team.last is not None:
            self.last_value.setText(self.tr("{time} (changes sent: {sent}, merged: {merged})")
                                    .format(time=local_time(team.last.at, seconds=True),
                                            sent=locale.toString(team.last.pushed.ops),
                                            merged=locale.toString(team.last.pulled.ops)))
        else:
            self.last_value.setText(self.tr("Not yet since the book was opened"))
        self.send_value.setText(self.tr("{count} changes").format(
            count=locale.toString(status.to_send)) if status else "—")
        minutes = max(1, round(team.window.settings.sync_interval() / 60))
        self.auto_value.setText(self.tr(
            "When the book opens, every {minutes} minutes (Preferences, General) and as soon "
            "as a member's changes arrive in the folder.").format(minutes=minutes))
        self.sync_button.setEnabled(folder is not None and not team.running)
        problems = [text for text in (team.error, team.note) if text]
        if team.roster is not None:
            problems += [notice_text(notice) for notice in team.roster.warnings]
        people = team.people()
        for refused in status.quarantined if status else ():
            template, params = refused.explained
            problems.append(self.tr("Packet {number} of {member} was refused: {reason}")
                            .format(number=refused.number,
                                    member=device_label(refused.device, people),
                                    reason=filled(template, params)))
        if folder is None:
            problems.insert(0, self.tr("Choose the folder your team shares to start syncing."))
        self.error_label.setText("\n".join(problems))
        self.error_label.setVisible(bool(problems))
        self.new_device_button.setVisible(team.copied)
        self.moved_here_button.setVisible(team.copied and team.may_have_moved)
        for button in (self.new_device_button, self.moved_here_button):
            button.setEnabled(not team.running)
        self.members.show_members(team.roster, status)
        self.reload_conflicts()

    def _team_text(self) -> str:
        """'Started by 李雷 · members: 3', from the roster as last read."""
        roster = self.team.roster
        founder = roster.founder() if roster is not None else None
        if roster is None or founder is None:
            return self.tr("(known after the first sync)")
        return self.tr("Started by {person} · members: {count}").format(
            person=founder.person, count=QLocale().toString(len(roster.current())))

    def reload_conflicts(self) -> None:
        book = self.team.window.book
        rows = conflict_rows(book, book.sync.all_conflicts(), self.team.people()) \
            if self.team.in_team else []
        self.conflicts_model.set_rows(rows)
        self.conflicts_hint.setText(self.tr(
            "{count} open. The value in bold stands now; choose the other to use it "
            "instead (it is sent to the team at the next sync).").format(
            count=QLocale().toString(len(rows))) if rows else self.tr("No open conflicts."))
        self.conflicts_table.resizeColumnsToContents()
        # At least the width of a few words and of the whole header (empty, the columns
        # shrank to their titles and the last one took the rest).
        size_columns(self.conflicts_table, self.conflicts_model,
                     {"customer": 16, "record": 12, "field": 10, "ours": 14, "theirs": 14,
                      "at": 16})

    def selected_conflict(self) -> ConflictRow | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return self.conflicts_model.row(rows[0].row()) if rows else None

    def _removed(self, removed: Any) -> None:
        """The new key, shown once: the members have it already; a new member joins with it."""
        self.key_shown = True
        self.key_page.show_key(removed.key, renewed=True)
        self.refresh()

    def _update_take(self) -> None:
        row = self.selected_conflict()
        self.theirs_button.setEnabled(row is not None and row.ours_kept)
        self.ours_button.setEnabled(row is not None and not row.ours_kept)

    # -- acting --------------------------------------------------------------------------------
    def choose_folder(self) -> Path | None:
        start = str(self.team.folder) if self.team.folder else ""
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("The folder your team shares"), start)
        if not chosen:
            return None
        folder = Path(chosen)
        if folder.resolve() == self.team.window.book.path.resolve().parent:
            self._say_problem(self.tr(
                "That is the book's own folder. Choose the folder the team shares; the book "
                "stays where it is and only change packets go into the shared folder."))
            return None
        self.team.set_folder(folder)
        return folder

    def start_team(self) -> str | None:
        try:
            key = self.team.start_team()
        except StorageError as error:
            self._say_problem(sync_error_text(error))
            return None
        self.key_shown = True
        self.key_page.show_key(key)
        self.refresh()
        return key

    def join_team(self, key: str) -> str | None:
        try:
            team_id = self.team.join_team(key)
        except StorageError as error:
            self.setup.key_message.setText(sync_error_text(error))
            return None
        self.setup.key_edit.clear()
        self.refresh()
        return team_id

    def _key_given(self) -> None:
        self.key_shown = False
        self.key_page.key.clear()  # shown once
        self.refresh()

    def take(self, *, theirs: bool) -> bool:
        row = self.selected_conflict()
        if row is None:
            return False
        done = self.team.take(row.conflict.id, theirs=theirs)
        self.reload_conflicts()
        return done is not None

    def _say_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        if self.stack.currentIndex() == PAGE_SETUP:
            self.setup.key_message.setText(text)
            self.setup.key_message.setStyleSheet(f"color: {ERROR_COLOUR};")
