"""Preferences → Lifecycle (issue 19, point 6): the windows that decide new, active and churned
are edited as a user does, refused beside the field when they contradict each other, saved
with the scoring settings, and the book rescored with them at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from models.config import ScoringConfig
from storage.settings_store import SCORING_CONFIG_KEY
from tests.ui.conftest import wait_idle
from ui.gui.dialogs.preferences_dialog import PreferencesDialog
from ui.gui.window.main_window import MainWindow


def _open(window: MainWindow) -> PreferencesDialog:
    window.preferences_action.trigger()
    shown = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _type(qtbot, box: QSpinBox, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    box.interpretText()


def test_a_new_window_as_long_as_the_churn_window_is_refused(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    dialog = _open(window)
    dialog.tabs.setCurrentIndex(4)
    assert dialog.tabs.tabText(4) == "Lifecycle"
    _type(qtbot, dialog.lifecycle["churn_months"], "3")
    _type(qtbot, dialog.lifecycle["new_customer_days"], "120")
    dialog.tabs.setCurrentIndex(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.errors["new_customer_days"]
    assert dialog.tabs.currentIndex() == 4  # the page of the error is shown
    assert error.isVisible()
    assert error.text() == ("A customer must stop being new before it can churn: 120 days is "
                            "not shorter than 3 months.")
    assert window.book.reader.get_setting(SCORING_CONFIG_KEY) is None  # nothing written
    # Correcting the value takes the message away at once.
    _type(qtbot, dialog.lifecycle["new_customer_days"], "60")
    assert not error.isVisible()
    # The boxes hold no value outside the windows the settings accept.
    _type(qtbot, dialog.lifecycle["churn_months"], "99")
    assert dialog.lifecycle["churn_months"].value() <= 60


def test_new_windows_are_saved_and_the_book_rescored(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    reader = window.book.reader

    def churned() -> int:
        return int(reader.scalar(
            "SELECT count(*) FROM customer_metrics WHERE lifecycle = 'churned'"))

    before = churned()
    dialog = _open(window)
    assert dialog.lifecycle["churn_months"].value() == ScoringConfig().churn_months
    dialog.tabs.setCurrentIndex(4)
    _type(qtbot, dialog.lifecycle["churn_months"], "3")
    _type(qtbot, dialog.lifecycle["new_customer_days"], "30")
    _type(qtbot, dialog.lifecycle["window_months"], "6")
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    config = reader.scoring_config()
    assert (config.churn_months, config.new_customer_days, config.window_months) == (3, 30, 6)
    state = reader.scoring_state()
    assert state is not None and state.config.churn_months == 3  # scored with them
    assert churned() > before  # three silent months now churn a customer
    # Every stage is the one the new windows give.
    assert reader.scalar("SELECT count(*) FROM customer_metrics m JOIN customers c "
                         "ON c.id = m.customer_id WHERE c.deleted_at IS NULL "
                         "AND m.lifecycle IS NULL AND m.score IS NOT NULL") == 0


def test_the_three_windows_are_boxes_of_one_width(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """Days and months boxes side by side in one column line up (they were as wide as each
    one's own range and suffix)."""
    dialog = _open(window)
    dialog.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: dialog.lifecycle["churn_months"].isVisible())
    widths = {box.width() for box in dialog.lifecycle.values()}
    assert len(widths) == 1
    dialog.close()
