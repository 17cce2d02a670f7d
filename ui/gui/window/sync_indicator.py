"""The status bar's team sync: the last sync, the members, the open conflicts (a warning
look when something needs a look, the failure's reason when a sync failed); a click opens
File → Team sync…, the tooltip tells the details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QToolButton, QWidget

from ui.gui.models.conflicts_model import device_label, local_time
from ui.gui.window.sync import TeamSync

translate = QCoreApplication.translate  # lupdate reads translate("TeamSync", ...)

WARNING_STYLE = ("QToolButton#syncIndicator { background: #fff4ce; color: #5c4400; "
                 "border-radius: 3px; padding: 1px 6px; }")
ERROR_STYLE = ("QToolButton#syncIndicator { background: #fde7e9; color: #a4262c; "
               "border-radius: 3px; padding: 1px 6px; }")


def summary(team: TeamSync) -> str:
    """The indicator's text."""
    if not team.in_team:
        return ""
    if team.folder is None:
        return translate("TeamSync", "Team sync: choose the folder")
    if team.running and team.last is None:
        return translate("TeamSync", "Team sync: syncing…")
    if team.error is not None:
        return translate("TeamSync", "Team sync failed")
    parts = []
    if team.running:
        parts.append(translate("TeamSync", "Syncing…"))
    elif team.paused:
        parts.append(translate("TeamSync", "Sync stopped"))
    elif team.last is not None:
        parts.append(translate("TeamSync", "Synced {time}").format(
            time=team.last.at.astimezone().strftime("%H:%M")))
    status = team.status
    if status is not None:
        parts.append(translate("TeamSync", "peers: {count}").format(
            count=len(team.others())))
    if team.conflicts:
        parts.append(translate("TeamSync", "conflicts: {count}").format(
            count=team.conflicts))
    if status is not None and status.quarantined:
        parts.append(translate("TeamSync", "refused packets: {count}").format(
            count=len(status.quarantined)))
    return " · ".join(parts)


def warning(team: TeamSync) -> bool:
    """Something for the user to look at: conflicts, refused packets, no folder."""
    refused = team.status is not None and bool(team.status.quarantined)
    return bool(team.conflicts) or refused or team.folder is None \
        or team.note is not None


def details(team: TeamSync) -> str:
    """The indicator's tooltip: the folder, the last sync, each member, the counts."""
    lines = [translate("TeamSync", "Team sync with {folder}").format(
        folder=team.folder) if team.folder else translate(
        "TeamSync", "No shared folder chosen yet.")]
    if team.error is not None:
        lines.append(translate("TeamSync", "The last sync failed: {error}").format(
            error=team.error))
    if team.last is not None:
        lines.append(translate("TeamSync", "Last sync: {time} (changes sent: {sent}, "
                                           "merged: {merged}).").format(
            time=local_time(team.last.at, seconds=True),
            sent=QLocale().toString(team.last.pushed.ops),
            merged=QLocale().toString(team.last.pulled.ops)))
    status = team.status
    if status is not None:
        for peer in status.peers:
            if peer.own:
                continue
            seen = local_time(peer.last_packet_at) if peer.last_packet_at \
                else translate("TeamSync", "never")
            lines.append(translate("TeamSync", "{member}: last packet {seen}, {pending} "
                                               "waiting, {refused} refused").format(
                member=device_label(peer.device, team.people()), seen=seen,
                pending=peer.pending, refused=peer.quarantined))
        lines.append(translate("TeamSync", "To send: {count} changes.").format(
            count=QLocale().toString(status.to_send)))
    lines.append(translate("TeamSync", "Open conflicts: {count}").format(
        count=QLocale().toString(team.conflicts)))
    if team.note:
        lines.append(team.note)
    lines.append(translate("TeamSync", "Click to open Team sync."))
    return "\n".join(lines)


class SyncIndicator(QToolButton):
    """The status bar's team sync: last sync, peers, conflicts; a click opens the dialog."""

    def __init__(self, team: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.team = team
        team.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        team = self.team
        text = summary(team)
        self.setVisible(bool(text))
        self.setText(text)
        self.setToolTip(details(team) if text else "")
        if team.error is not None:
            self.setStyleSheet(ERROR_STYLE)
        elif warning(team):
            self.setStyleSheet(WARNING_STYLE)
        else:
            self.setStyleSheet("")

    def retranslate(self) -> None:
        self.refresh()
