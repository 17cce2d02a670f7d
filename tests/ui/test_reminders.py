"""Reminders: an item falling due today, or overdue since today, is told of once a day (in the
tray where there is one, else inside the window), clicking opens Today, and Preferences turns
them off. The timer and the clock are driven; nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from models.entities import Customer, Interaction, Need
from models.enums import InteractionKind, NeedKind, Priority
from models.plans import AccountPlan, PlanAction
from storage.book import Book
from tests.ui.conftest import open_window, wait_idle
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow
from ui.gui.window.menus import VIEW_CUSTOMERS, VIEW_TODAY

DAY = date(2027, 3, 10)
#: The offscreen platform can neither raise a window nor hold a tray icon, and says so.
OFFSCREEN = pytest.mark.qt_log_ignore("does not support raise", "systemTrayWindowChanged")


@pytest.fixture
def reminded_window(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                    settings: Settings) -> Iterator[MainWindow]:
    """A book with a follow-up due on DAY, a plan action due the day after, a complaint to
    answer the day before and a follow-up already done; the window's reminders on a clock
    set to DAY, 08:00, and no tray."""
    path = tmp_path / "book.db"
    with Book(path, new_book=True) as book:
        acme = book.customers.add(Customer(name="华为技术", code="C1", owner="王芳")).record
        other = book.customers.add(Customer(name="ACME", code="C2", owner="李雷")).record
        at = datetime(2027, 3, 1, 10, tzinfo=UTC)
        book.interactions.add(Interaction(customer_id=acme.id, kind=InteractionKind.VISIT,
                                          occurred_at=at, summary="拜访", next_step="送样品",
                                          next_step_due=DAY))
        book.interactions.add(Interaction(customer_id=acme.id, kind=InteractionKind.CALL,
                                          occurred_at=at, summary="电话", next_step="已办",
                                          next_step_due=DAY, next_step_done=True))
        book.plans.save(AccountPlan(customer_id=other.id, period="2027-H1", owner="李雷",
                                    actions=[PlanAction(what="高层互访",
                                                        due_date=DAY + timedelta(days=1))]))
        book.needs.add(Need(customer_id=other.id, kind=NeedKind.COMPLAINT,
                            description="交货延迟", priority=Priority.HIGH,
                            raised_on=DAY - timedelta(days=3),
                            due_on=DAY - timedelta(days=1)))
    settings.set_last_view(VIEW_CUSTOMERS)
    window = open_window(qtbot, path, settings)
    wait_idle(qtbot, window)
    window.reminders.stop()  # the test drives the timer
    window.reminders.use_tray = False
    window.reminders.clock = lambda: clock[0]
    yield window
    window.close()


clock = [datetime(2027, 3, 10, 8, 0)]


@pytest.fixture(autouse=True)
def _reset_clock() -> None:
    clock[0] = datetime(2027, 3, 10, 8, 0)


def _tick(qtbot, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    """The timer fires; the customers of the items told of once the look has answered."""
    told: list[str] = []
    reminders = window.reminders
    reminders.told.connect(lambda items: told.extend(i.customer_name for i in items))
    reminders.start(0)
    reminders.timer.timeout.emit()
    reminders.timer.stop()
    qtbot.waitUntil(lambda: reminders.task is None, timeout=10_000)
    return told


def test_due_today_and_overdue_since_today_are_told_once_a_day(  # type: ignore[no-untyped-def]
        qtbot, reminded_window: MainWindow) -> None:
    window = reminded_window
    notice = window.reminders.notice
    assert sorted(_tick(qtbot, window)) == ["ACME", "华为技术"]  # the follow-up, the complaint
    assert notice.isVisible()
    text = notice.text.text()
    assert "1 item falls due today." in text and "1 item became overdue." in text
    assert "华为技术: 送样品" in text and "ACME: 交货延迟" in text
    assert "已办" not in text  # done: nothing to remind of
    notice.hide()
    assert _tick(qtbot, window) == []  # the same day: told already
    assert not notice.isVisible()
    clock[0] = datetime(2027, 3, 11, 9, 0)  # the next day: the action falls due, the
    assert sorted(_tick(qtbot, window)) == ["ACME", "华为技术"]  # follow-up became overdue
    clock[0] = datetime(2027, 3, 12, 9, 0)
    assert _tick(qtbot, window) == ["ACME"]  # the action, overdue since today
    clock[0] = datetime(2027, 3, 13, 9, 0)
    assert _tick(qtbot, window) == []  # overdue for days: Today lists them, no more notices


@OFFSCREEN
def test_clicking_the_notice_opens_today(qtbot, reminded_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = reminded_window
    assert window.current_view_name() == VIEW_CUSTOMERS
    _tick(qtbot, window)
    notice = window.reminders.notice
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert window.current_view_name() == VIEW_TODAY
    assert not notice.isVisible()


def test_only_my_items_when_preferences_say_who_i_am(  # type: ignore[no-untyped-def]
        qtbot, reminded_window: MainWindow) -> None:
    window = reminded_window
    window.settings.set_me(window.book.path, "王芳")
    assert _tick(qtbot, window) == ["华为技术"]


def test_turned_off_in_preferences(qtbot, reminded_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.gui.dialogs.preferences_dialog import PreferencesDialog

    window = reminded_window
    window.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert isinstance(dialog, PreferencesDialog)
    assert dialog.reminders_box.isChecked()
    dialog.reminders_box.setChecked(False)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.settings.reminders() is False
    assert _tick(qtbot, window) == []
    assert not window.reminders.notice.isVisible()
    window.settings.set_reminders(True)
    assert len(_tick(qtbot, window)) == 2


@OFFSCREEN
def test_in_the_tray_where_there_is_one(qtbot, reminded_window: MainWindow,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = reminded_window
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda _self, title, text, *_rest: shown.append((title, text)))
    window.reminders.use_tray = True
    _tick(qtbot, window)
    assert [title for title, _text in shown] == ["KeyPlan: due today"]
    assert "华为技术: 送样品" in shown[0][1]
    assert not window.reminders.notice.isVisible()
    tray = window.reminders.tray
    assert tray is not None
    tray.messageClicked.emit()
    assert window.current_view_name() == VIEW_TODAY
