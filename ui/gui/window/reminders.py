"""Reminders: a notification when a follow-up, plan action, plan review or need to answer falls
due today or became overdue today (due yesterday, not done), each item at most once a day.

In the system tray where the platform has one (QSystemTrayIcon), else as a notice inside the
window; clicking either opens Today. The user's own items when Preferences names who "me"
is, else everyone's; off when Preferences turns reminders off. A timer looks every few
minutes (and soon after a book opens), on the worker thread with a connection of its own;
the clock is a parameter, so tests drive both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.gui.background.tasks import BookTask

if TYPE_CHECKING:
    from storage.book.types import CalendarItem
    from ui.gui.settings import Settings

#: How often the reminders look (the day's items change as the user works).
CHECK_MS = 5 * 60 * 1000
#: The first look after a book opens (the window's own start-up work goes first).
FIRST_CHECK_MS = 8 * 1000
#: Items named in one notification; more are counted.
NAMED = 3


class Notice(QFrame):
    """The in-window notification: what fell due, Open Today, and a close button; in the
    bottom right corner of the window's views, as a desktop's notifications are."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("reminderNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#reminderNotice { background: palette(base); "
                           "border: 1px solid palette(mid); border-radius: 6px; }")
        self.title = QLabel(self)
        self.title.setObjectName("reminderTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("reminderText")
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("reminderOpenToday")
        self.open_button.clicked.connect(self._open)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("reminderClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 10)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addLayout(bottom)
        self.hide()

    def show_message(self, title: str, text: str, button: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.open_button.setText(button)
        self.show()
        self.place()
        self.raise_()

    def place(self) -> None:
        """Bottom right of the window's views, as wide as 52 characters (or the views)."""
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(self.fontMetrics().averageCharWidth() * 52, max(200, parent.width() - 24))
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 120
        self.setFixedSize(width, height)
        self.move(parent.width() - width - 12, parent.height() - height - 12)

    def _open(self) -> None:
        self.hide()
        self.clicked.emit()


class Reminders(QObject):
    """Looks for items falling due and tells of them; ``open_today`` is asked to show Today
    when a notification is clicked."""

    told = Signal(list)  # the CalendarItems just told of

    def __init__(self, window: Any, settings: Settings, open_today: Callable[[], object], *,
                 clock: Callable[[], datetime] = datetime.now,
                 tray: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.open_today = open_today
        self.clock = clock
        self.use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray: QSystemTrayIcon | None = None
        self.notice = Notice(window.centralWidget() or window)
        self.notice.clicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.timeout.connect(self.check)
        self.last: list[CalendarItem] = []
        self.task: BookTask | None = None  # a look under way

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        """Look soon, then every CHECK_MS."""
        self.timer.start(first_ms)

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> BookTask | None:
        """Look, on the worker thread (its own connection), for the items fallen due today
        or overdue since today; those not told of today yet are told of when it answers.
        None when reminders are off, no book is open, or a look is still under way."""
        if self.timer.interval() != CHECK_MS and self.timer.isActive():
            self.timer.setInterval(CHECK_MS)
        if self.task is not None or not self.settings.reminders() \
                or not getattr(self.window, "book_open", True):
            return None
        today = self.clock().date()
        path = self.window.book.path
        owner = self.settings.me(path) or None
        task = BookTask(path, lambda book, _progress: book.exports.calendar_due(
            today, owner=owner), self)
        self.task = task
        task.success(lambda items: self._found(today, items)).failure(self._failed)
        task.run_in_background()
        return task

    def _found(self, today: date, items: list[CalendarItem]) -> None:
        self.task = None
        key = today.isoformat()
        told = self.settings.reminded(key)
        new = [item for item in items if item.uid_key not in told]
        if not new or not self.settings.reminders():
            return
        self.settings.set_reminded(key, told | {item.uid_key for item in new})
        self.last = new
        self._tell(new, today)
        self.told.emit(new)

    def _failed(self, _error: BaseException) -> None:
        """A book busy or gone for a moment: the next look tries again."""
        self.task = None

    def _tell(self, items: list[CalendarItem], today: date) -> None:
        title = self.tr("KeyPlan: due today")
        text = self.describe(items, today)
        if self.use_tray:
            tray = self._tray()
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.notice.show_message(title, text, self.tr("Open Today"))

    def describe(self, items: list[CalendarItem], today: date) -> str:
        due = [item for item in items if item.due >= today]
        late = [item for item in items if item.due < today]
        lines = []
        if len(due) == 1:
            lines.append(self.tr("1 item falls due today."))
        elif due:
            lines.append(self.tr("{count} items fall due today.").format(count=len(due)))
        if len(late) == 1:
            lines.append(self.tr("1 item became overdue."))
        elif late:
            lines.append(self.tr("{count} items became overdue.").format(count=len(late)))
        for item in items[:NAMED]:
            what = item.title if item.kind != "plan_review" else self.tr(
                "Review the account plan {period}").format(period=item.plan)
            lines.append("• " + self.tr("{customer}: {what}").format(
                customer=item.customer_name, what=what))
        if len(items) > NAMED:
            lines.append(self.tr("… and {count} more").format(count=len(items) - NAMED))
        return "\n".join(lines)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = self.window.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.setObjectName("reminderTray")
            self.tray.setToolTip("KeyPlan")
            self.tray.messageClicked.connect(self._clicked)
            self.tray.activated.connect(lambda _reason: self._clicked())
        self.tray.show()
        return self.tray

    def _clicked(self) -> None:
        self.notice.hide()
        self.open_today()
        self.window.raise_()
        self.window.activateWindow()
