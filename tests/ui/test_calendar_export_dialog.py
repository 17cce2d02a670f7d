"""File → Export calendar…, driven as a user does: the dialog's choices, the task on the worker
thread, the message at the end; the .ics holds what the dialog asked for."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar, vCategory
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from tests.ui.conftest import wait_idle
from ui.gui.dialogs.calendar_export_dialog import CalendarExportDialog
from ui.gui.window.main_window import MainWindow

ANCHOR = date(2026, 6, 30)  # the demo book's day (tests/conftest.py)


def _dialog(qtbot, window: MainWindow) -> CalendarExportDialog:  # type: ignore[no-untyped-def]
    window.calendar_action.trigger()
    dialog = window.findChild(CalendarExportDialog, "calendarExportDialog")
    assert isinstance(dialog, CalendarExportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _set_range(dialog: CalendarExportDialog, since: date, until: date) -> None:
    from PySide6.QtCore import QDate

    dialog.since_edit.setDate(QDate(since.year, since.month, since.day))
    dialog.until_edit.setDate(QDate(until.year, until.month, until.day))


def test_one_salespersons_follow_ups_and_actions_as_an_ics(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow, tmp_path: Path, opened_urls: list[str]) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    dialog = _dialog(qtbot, window)
    assert dialog.owner_combo.itemText(0) == "Everyone"
    assert dialog.until() - dialog.since() == timedelta(days=395)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    for kind_box in dialog.kind_boxes.values():  # nothing to include: nothing to save
        qtbot.keyClick(kind_box, Qt.Key.Key_Space)  # (quick clicks would make double-clicks)
    assert not save.isEnabled() and dialog.problem.text() == "Choose at least one kind of item."
    qtbot.keyClick(dialog.kind_boxes["follow_up"], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.kind_boxes["plan_action"], Qt.Key.Key_Space)
    _set_range(dialog, ANCHOR, ANCHOR - timedelta(days=1))
    assert not save.isEnabled() and dialog.problem.text() == "The last day is before the first."
    _set_range(dialog, ANCHOR - timedelta(days=120), ANCHOR + timedelta(days=60))
    assert save.isEnabled() and dialog.problem.isHidden()
    dialog.owner_combo.setCurrentIndex(1)
    owner = dialog.owner_combo.currentText()
    dialog.reminder_combo.setCurrentIndex(dialog.reminder_combo.findData("day_before"))
    assert owner in dialog.suggested_path().name
    dialog.save_to(tmp_path / "mine")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "calendarDoneBox") is not None,
                    timeout=30_000)
    box = window.findChild(QMessageBox, "calendarDoneBox")
    assert isinstance(box, QMessageBox)
    calendar = Calendar.from_ical((tmp_path / "mine.ics").read_bytes())
    events = calendar.walk("VEVENT")
    expected = window.book.exports.calendar(
        tmp_path / "check.ics", since=ANCHOR - timedelta(days=120),
        until=ANCHOR + timedelta(days=60), owner=owner, kinds=["follow_up", "plan_action"])
    assert len(events) == expected.events > 0
    assert f"{expected.events} events" in box.text()
    assert all(f"Owner: {owner}" in str(e["DESCRIPTION"]) for e in events)
    categories = [e["CATEGORIES"] for e in events]
    assert all(isinstance(c, vCategory) for c in categories)
    assert {str(c.cats[0]) for c in categories if isinstance(c, vCategory)} <= {
        "Follow-up", "Plan action"}
    assert {a.decoded("TRIGGER") for a in calendar.walk("VALARM")} == {timedelta(hours=-15)}
    button = next(b for b in box.buttons() if b.text() == "Show in folder")
    assert isinstance(button, QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened_urls == [str(tmp_path)]


def test_the_dialog_in_chinese(qtbot, scored_window: MainWindow, chinese) -> None:  # type: ignore[no-untyped-def]
    window = scored_window
    dialog = _dialog(qtbot, window)
    assert dialog.windowTitle() == "导出日历"
    assert dialog.owner_combo.itemText(0) == "所有人"
    dialog.reject()
