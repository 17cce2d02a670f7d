"""Edit → Preferences, driven as a user: invalid weights are refused beside the fields and
nothing is written; valid settings are saved and the book is rescored in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDoubleSpinBox

from models.config import ScoringConfig
from storage.settings_store import SCORING_CONFIG_KEY
from tests.ui.conftest import wait_idle
from ui.gui.dialogs.preferences_dialog import PreferencesDialog
from ui.gui.text import i18n
from ui.gui.window.main_window import MainWindow


def _open(window: MainWindow) -> PreferencesDialog:
    window.preferences_action.trigger()
    shown = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _type(qtbot, box: QDoubleSpinBox, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    box.interpretText()


def test_weights_not_adding_up_are_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    dialog = _open(window)
    dialog.tabs.setCurrentIndex(1)
    _type(qtbot, dialog.weights["revenue"], "50")
    assert dialog.total_label.text() == "Total: 130 %"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.errors["weights"]
    assert error.isVisible()
    assert error.text() == "Weights must add up to 100 % (they add up to 130 %)."
    assert dialog.isVisible() and dialog.task is None
    assert window.book.reader.get_setting(SCORING_CONFIG_KEY) is None  # nothing was written
    assert window.book.reader.scoring_config() == ScoringConfig()


def test_thresholds_out_of_order_are_shown_beside_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window)
    _type(qtbot, dialog.threshold_boxes[next(iter(dialog.threshold_boxes))], "10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["thresholds"].isVisible()
    assert "must fall from strategic to standard" in dialog.errors["thresholds"].text()
    assert not dialog.errors["weights"].isVisible()
    assert window.book.reader.get_setting(SCORING_CONFIG_KEY) is None


def test_valid_settings_are_saved_and_the_book_rescored(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    dialog = _open(window)
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("balanced"))
    dialog.preset_combo.activated.emit(dialog.preset_combo.currentIndex())
    assert dialog.total_label.text() == "Total: 100 %"
    dialog.cadence[next(iter(dialog.cadence))].setValue(45)
    dialog.keep_daily.setValue(10)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    config = window.book.reader.scoring_config()
    assert config.review_cadence_days["strategic"] == 45
    assert config.weights["satisfaction"] == 6.25
    assert window.book.reader.backup_policy() == (10, 4)
    # The save itself scored the book with the new weights (a re-tier where the book was
    # scored before; this one never was) and stored this month's snapshot with it.
    scored = window.book.reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE tier IS NOT NULL")
    assert scored == 300
    assert window.book.reader.scalar("SELECT count(*) FROM score_snapshots") == 300
    state = window.book.reader.scoring_state()
    assert state is not None and state.config.weights["satisfaction"] == 6.25
    assert window.rescore_task is None  # no second, full rescore after it
    assert window.statusBar().currentMessage() == "Preferences saved."


def test_new_weights_on_a_scored_book_retier_without_a_rescore(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    latest = ("SELECT s.customer_id, s.tier, m.computed_tier FROM score_snapshots s "
              "JOIN customer_metrics m ON m.customer_id = s.customer_id "
              "WHERE s.period = (SELECT max(period) FROM score_snapshots) ORDER BY s.customer_id")
    before = window.book.reader.query(latest)
    dialog = _open(window)
    dialog.preset_combo.setCurrentIndex(dialog.preset_combo.findData("strategic"))
    dialog.preset_combo.activated.emit(dialog.preset_combo.currentIndex())
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.rescore_task is None
    state = window.book.reader.scoring_state()
    assert state is not None and state.config.weights == window.book.reader.scoring_config().weights
    after = window.book.reader.query(latest)
    assert [r["tier"] for r in after] != [r["tier"] for r in before]
    # The snapshot follows the new tiers.
    assert all(r["tier"] == r["computed_tier"] for r in after)


def test_language_switches_live_from_the_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(i18n.CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=3_000)
    assert window.settings.language() == i18n.CHINESE
    QApplication.processEvents()
    assert dialog.windowTitle() == "Preferences"  # built in English; it is short-lived
    dialog.reject()


def test_ctrl_s_saves(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window)
    dialog.keep_weekly.setValue(6)
    shortcut = dialog.findChild(QShortcut)
    assert shortcut is not None and shortcut.key() == QKeySequence(QKeySequence.StandardKey.Save)
    # The offscreen platform never makes a dialog the active window, so the key itself
    # cannot reach a window shortcut here; the shortcut's own signal stands in for it.
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        shortcut.activated.emit()
    assert window.book.reader.backup_policy()[1] == 6


def test_service_levels_are_saved_with_the_rest(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from models.enums import Priority

    wait_idle(qtbot, window)
    dialog = _open(window)
    assert dialog.sla[Priority.HIGH].value() == 2  # the default, shown
    dialog.sla[Priority.HIGH].setValue(1)
    dialog.sla[Priority.LOW].setValue(14)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.book.settings.service_levels() == {
        Priority.HIGH: 1, Priority.MEDIUM: 5, Priority.LOW: 14}
    assert window.rescore_task is None  # service levels move no score


def test_who_i_am_is_kept_and_owns_my_new_customers(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from models.enums import PersonRole
    from ui.gui.forms.customer_form import CustomerFormDialog

    wait_idle(qtbot, window)
    dialog = _open(window)
    assert dialog.me_name.text() == ""
    dialog.me_name.setFocus()
    qtbot.keyClicks(dialog.me_name, "  Wang   Fang ")  # QTest types Latin letters only
    dialog.me_role_combo.setCurrentIndex(list(PersonRole).index(PersonRole.MANAGER))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.settings.me(window.book.path) == "Wang Fang"
    person = window.book.people.named("Wang Fang")
    assert person is not None and person.role is PersonRole.MANAGER
    form = CustomerFormDialog.create_new(window.book, window.settings, window)
    assert form.form.editors["owner"].text() == "Wang Fang"
    form.reject()
    again = _open(window)
    assert again.me_name.text() == "Wang Fang" and again.me_role_combo.currentIndex() == 1
    again.reject()


#: A 1366 x 768 laptop screen less a taskbar (40) and the dialog's title bar (31), and a
#: third of room for a system font taller than the test machine's (Microsoft YaHei's lines
#: are about 30 % taller than the offscreen platform's font).
LAPTOP_ROOM = (round(1366 / 1.3), round((768 - 40 - 31) / 1.3))


def test_the_dialog_fits_a_laptop_screen_in_chinese(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   chinese: None) -> None:
    """Issue 14, point 8: with the weights and the tiers on one page the Chinese dialog
    needed 667 pixels of height, more than a laptop leaves once fonts are bigger."""
    dialog = _open(window)
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        hint = dialog.sizeHint()
        assert hint.width() <= LAPTOP_ROOM[0] and hint.height() <= LAPTOP_ROOM[1], (
            dialog.tabs.tabText(page), hint)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "常规", "权重", "分级", "定期回顾", "生命周期"]


def test_a_corrected_weight_takes_its_error_away(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 14, point 8: the weights' error stayed after the weights were put right, and
    a dialog opened again must not show it either."""
    dialog = _open(window)
    dialog.tabs.setCurrentIndex(1)
    _type(qtbot, dialog.weights["revenue"], "50")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.errors["weights"]
    assert error.isVisible() and "130 %" in error.text()
    _type(qtbot, dialog.weights["revenue"], "40")  # still wrong: the message follows
    assert error.isVisible() and "120 %" in error.text()
    _type(qtbot, dialog.weights["revenue"], "20")  # right again: the message goes
    assert not error.isVisible() and error.text() == ""
    assert dialog.tabs.currentIndex() == 1  # checking as one types never turns the page
    _type(qtbot, dialog.weights["revenue"], "50")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert error.isVisible()
    dialog.reject()
    again = _open(window)
    again.tabs.setCurrentIndex(1)
    assert not again.errors["weights"].isVisible() and again.errors["weights"].text() == ""
    assert again.total_label.text() == "Total: 100 %"
