"""File → Backups…: the book's backups (date, reason, size, check), Back up now, and Restore.

Restoring replaces the open book, so it asks first and hands the work to the main window,
which closes the book, restores the checked backup and opens it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.book import backup_folder, list_backups
from storage.book.types import BackupInfo
from ui.gui.style.table_style import read_only_row_flags

Index = QModelIndex | QPersistentModelIndex
COL_DATE, COL_REASON, COL_SIZE, COL_CHECK = range(4)
INFO_ROLE = Qt.ItemDataRole.UserRole + 1


def reason_text(reason: str) -> str:
    translate = QCoreApplication.translate
    return {
        "daily": translate("BackupsDialog", "Daily (automatic)"),
        "migration": translate("BackupsDialog", "Before an upgrade"),
        "import": translate("BackupsDialog", "Before an import"),
        "restore": translate("BackupsDialog", "Before a restore"),
        "manual": translate("BackupsDialog", "Made by hand"),
        "replaced": translate("BackupsDialog", "Replaced by a restore"),
    }.get(reason, reason)


def check_text(verified: bool | None) -> str:
    translate = QCoreApplication.translate
    if verified is None:
        return translate("BackupsDialog", "Not checked")
    return (translate("BackupsDialog", "Verified") if verified
            else translate("BackupsDialog", "Failed its check"))


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        translate = QCoreApplication.translate
        return (translate("BackupsDialog", "Made on"), translate("BackupsDialog", "Reason"),
                translate("BackupsDialog", "Size"), translate("BackupsDialog", "Check"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_row_flags(index.isValid())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.backups):
            return None
        info = self.backups[index.row()]
        if role == INFO_ROLE:
            return info
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_CHECK and info.verified:
                return QCoreApplication.translate(
                    "BackupsDialog", "Decompressed and passed the integrity check when it was "
                    "made (sha256 {sha256}).").format(sha256=info.sha256 or "?")
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        locale = QLocale()
        if index.column() == COL_DATE:
            # PySide6 takes a datetime for a QDateTime; its stubs do not say so.
            created = QDateTime(info.created)  # type: ignore[call-overload]
            return locale.toString(created, QLocale.FormatType.ShortFormat)
        if index.column() == COL_REASON:
            return reason_text(info.reason)
        if index.column() == COL_CHECK:
            return check_text(info.verified)
        return locale.formattedDataSize(info.size)


class BackupsDialog(QDialog):
    """Lists the backups; Back up now and Restore are carried out by the main window."""

    backup_requested = Signal()
    restore_requested = Signal(Path)

    def __init__(self, db_path: Path, policy: tuple[int, int],
                 parent: QWidget | None = None, budget: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.db_path = db_path
        self.confirm_box: QMessageBox | None = None
        self.model = BackupsModel(self)
        text = self.tr(
            "KeyPlan backs the book up once a day when it opens, before upgrades and "
            "imports. It keeps the newest {daily} daily and {weekly} weekly automatic "
            "backups; backups made by hand are never deleted.").format(
            daily=policy[0], weekly=policy[1])
        if budget is not None:
            text += "\n" + self.tr(  # a paragraph of its own: no space between Chinese sentences
                "Every backup is compressed and checked after it is written. When the "
                "backups take more than {budget}, the oldest automatic ones are deleted, "
                "never the three newest verified ones.").format(
                budget=QLocale().formattedDataSize(budget))
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableView(self)
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.ask_restore())
        self.empty_label = QLabel(self.tr("No backups yet."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNowButton")
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        self.folder_button = QPushButton(self.tr("Show folder"), self)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button.clicked.connect(self.ask_restore)
        self.folder_button.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 90, self.fontMetrics().height() * 26)
        self.reload()

    def reload(self) -> None:
        """Read the backup folder again (a few file names: instant)."""
        backups = list_backups(self.db_path)
        self.model.set_backups(backups)
        folder = backup_folder(self.db_path)
        self.folder_label.setText(self.tr("Folder: {folder}").format(folder=folder))
        self.table.resizeColumnToContents(COL_DATE)
        self.table.resizeColumnToContents(COL_SIZE)
        self.table.resizeColumnToContents(COL_CHECK)
        self.empty_label.setVisible(not backups)
        self.folder_button.setEnabled(folder.is_dir())
        if backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.model.data(rows[0], INFO_ROLE)
        return info if isinstance(info, BackupInfo) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def ask_restore(self) -> None:
        """Confirm, then ask the main window to restore the selected backup."""
        info = self.selected()
        if info is None:
            return
        created = QDateTime(info.created)  # type: ignore[call-overload]  # as in data()
        when = QLocale().toString(created, QLocale.FormatType.LongFormat)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore this backup?"),
                          self.tr("Replace the open book with the backup of {when}?").format(
                              when=when), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmRestore")
        box.setInformativeText(self.tr(
            "Changes made since then are no longer shown; the current book is kept beside "
            "the backups, so nothing is lost."))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if box.clickedButton() is restore:
                self.restore_requested.emit(info.path)
                self.accept()

        box.finished.connect(lambda _r: answered())
        self.confirm_box = box
        box.open()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup_folder(self.db_path))))
