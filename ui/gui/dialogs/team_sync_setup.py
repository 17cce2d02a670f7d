"""Team sync's first steps: start a team (its key shown once, to copy) or join one with the
key a member gives (checked as it is typed)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.book.sync import BadTeamKeyError, is_team_key
from ui.gui.dialogs.team_sync_words import sync_error_text

ERROR_COLOUR = "#a4262c"
GOOD_COLOUR = "#2e7d32"


class KeyChecker:
    """Whether a text is a whole team key, by storage's own reading of it (a mistyped
    character fails its check characters); nothing is opened or joined."""

    def problem(self, text: str) -> str | None:
        """None for a good key, else what is wrong, in the window's words."""
        return None if is_team_key(text) else sync_error_text(BadTeamKeyError())

    def close(self) -> None:
        """Nothing held (kept for the dialog, which closes it when it closes)."""


class SetupPage(QWidget):
    """Not in a team yet: ``start_requested`` or ``join_requested(key)``."""

    start_requested = Signal()
    join_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checker = KeyChecker()
        self.start_box = QGroupBox(self)
        self.start_text = QLabel(self.start_box)
        self.start_text.setWordWrap(True)
        self.start_button = QPushButton(self.start_box)
        self.start_button.setObjectName("startTeam")
        self.start_button.clicked.connect(self.start_requested)
        start_layout = QVBoxLayout(self.start_box)
        start_layout.addWidget(self.start_text)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        start_layout.addLayout(start_row)

        self.join_box = QGroupBox(self)
        self.join_text = QLabel(self.join_box)
        self.join_text.setWordWrap(True)
        self.key_edit = QLineEdit(self.join_box)
        self.key_edit.setObjectName("joinKey")
        self.key_edit.setPlaceholderText("KP1-…")
        self.key_edit.textChanged.connect(self._check)
        self.key_edit.returnPressed.connect(self._join)
        self.join_button = QPushButton(self.join_box)
        self.join_button.setObjectName("joinTeam")
        self.join_button.setEnabled(False)
        self.join_button.clicked.connect(self._join)
        self.key_message = QLabel(self.join_box)
        self.key_message.setObjectName("keyMessage")
        self.key_message.setWordWrap(True)
        join_layout = QVBoxLayout(self.join_box)
        join_layout.addWidget(self.join_text)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.join_button)
        join_layout.addLayout(key_row)
        join_layout.addWidget(self.key_message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start_box)
        layout.addWidget(self.join_box)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.start_box.setTitle(self.tr("Start a team"))
        self.start_text.setText(self.tr(
            "This book becomes the team's first member. You get the team key, shown once: "
            "give it to each colleague who should share the customers."))
        self.start_button.setText(self.tr("Start a team"))
        self.join_box.setTitle(self.tr("Join a team"))
        self.join_text.setText(self.tr(
            "Paste the key a member of the team gave you. This book's customers are sent "
            "to the team at the first sync, and the team's come in."))
        self.join_button.setText(self.tr("Join"))
        self._check(self.key_edit.text())

    def _check(self, text: str) -> None:
        if not text.strip():
            self.key_message.clear()
            self.join_button.setEnabled(False)
            return
        problem = self.checker.problem(text)
        self.join_button.setEnabled(problem is None)
        if problem is None:
            self.key_message.setText(self.tr("The key is complete."))
            self.key_message.setStyleSheet(f"color: {GOOD_COLOUR};")
        else:
            self.key_message.setText(problem)
            self.key_message.setStyleSheet(f"color: {ERROR_COLOUR};")

    def _join(self) -> None:
        if self.join_button.isEnabled():
            self.join_requested.emit(self.key_edit.text().strip())


class KeyPage(QWidget):
    """The new team's key, shown this once: large, selectable, with Copy."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renewed = False
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.key = QLineEdit(self)
        self.key.setObjectName("teamKey")
        self.key.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.key.setFont(font)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyKey")
        self.copy_button.clicked.connect(self.copy)
        self.copied = QLabel(self)
        self.copied.setObjectName("keyCopied")
        self.copied.setStyleSheet(f"color: {GOOD_COLOUR};")
        self.explanation = QLabel(self)
        self.explanation.setObjectName("keyExplanation")
        self.explanation.setWordWrap(True)
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("keyDone")
        self.done_button.clicked.connect(self.done)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.copy_button)
        done_row = QHBoxLayout()
        done_row.addWidget(self.copied, 1)
        done_row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(key_row)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        layout.addLayout(done_row)
        self.retranslate()

    def show_key(self, key: str, *, renewed: bool = False) -> None:
        """``renewed``: a member was removed; the others have the new key already, only a
        new member needs it."""
        self.renewed = renewed
        self.retranslate()
        self.key.setText(key)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(key) + 24)
        self.key.setCursorPosition(0)
        self.key.selectAll()
        self.copied.clear()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key.text())
        self.copied.setText(self.tr("Copied."))

    def retranslate(self) -> None:
        if self.renewed:
            self.title.setText(self.tr(
                "The team's new key, shown only this once. The members' books take it up at "
                "their next sync by themselves; give it only to someone who joins from now "
                "on:"))
        else:
            self.title.setText(self.tr("The team key, shown only this once:"))
        self.copy_button.setText(self.tr("Copy"))
        self.explanation.setText(self.tr(
            "Give it to each colleague who should share the customers: in File → Team "
            "sync… they choose Join a team and paste it, then choose their copy of the shared "
            "folder. Anyone who has this key can read the team's packets, so send it in "
            "private (in person, by phone, a private message) and never put it in the shared "
            "folder. KeyPlan keeps it in this book and will not show it again."))
        self.done_button.setText(self.tr("I have given it out"))
