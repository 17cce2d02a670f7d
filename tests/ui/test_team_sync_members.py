"""File → Team sync… driven as a user, continued: the book in a team syncs as it opens, the
interval in Preferences, a refused packet, a manager's changes of the team, and the join
field's check of every mistyped character."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from models.entities import Customer
from storage.book import Book
from tests.ui.conftest import open_window, wait_idle
from tests.ui.test_team_sync import open_dialog, start_team
from ui.gui.dialogs.team_sync_dialog import PAGE_KEY
from ui.gui.dialogs.team_sync_setup import KeyChecker
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Nutstore" / "team"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def window(qtbot, book_path: Path, settings: Settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, win)
    yield win
    win.close()


def test_the_interval_is_set_in_preferences(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.gui.dialogs.preferences_dialog import PreferencesDialog

    assert window.settings.sync_interval() == 300  # five minutes unless chosen
    window.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert isinstance(dialog, PreferencesDialog)
    assert dialog.sync_minutes.value() == 5
    dialog.sync_minutes.setValue(12)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.settings.sync_interval() == 12 * 60


def test_a_book_in_a_team_syncs_as_it_opens(  # type: ignore[no-untyped-def]
        qtbot, book_path: Path, settings: Settings, shared: Path, tmp_path: Path) -> None:
    with Book(book_path) as book:
        key = book.team.start("李雷").key
    settings.set_sync_folder(book_path, shared)  # chosen on this computer before
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.team.join(key, shared, "王芳")
        other.customers.add(Customer(name="杭州云帆科技有限公司", code="YF-001"))
        other.sync.push(shared)
    win = open_window(qtbot, book_path, settings)
    team = win.team_sync
    qtbot.waitUntil(lambda: team.last is not None and not team.running, timeout=30_000)
    assert team.error is None and team.last is not None
    assert team.last.pushed.ops > 0 and team.last.pulled.ops > 0
    assert win.book.reader.scalar("SELECT count(*) FROM customers WHERE code = 'YF-001'") == 1
    assert win.sync_indicator.text().startswith("Synced ")
    assert "peers: 1" in win.sync_indicator.text()
    assert "王芳" in win.sync_indicator.toolTip()
    win.close()


def test_a_damaged_packet_is_refused_and_said_so(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    stranger = shared / "keyplan-sync" / "0f0e0d0c-0b0a-4908-8706-050403020100"
    stranger.mkdir()
    (stranger / "000001.kpk").write_bytes(b"half a packet")  # cut short by a sync program
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.status is not None
                    and bool(team.status.quarantined), timeout=20_000)
    assert team.error is None
    assert "refused packets: 1" in window.sync_indicator.text()
    assert "#fff4ce" in window.sync_indicator.styleSheet()
    assert "Packet 1 of device 0f0e0d0c was refused: " in dialog.error_label.text()
    refused = dialog.peers_model.column_of("refused")
    assert [dialog.peers_model.index(r, refused).data()
            for r in range(dialog.peers_model.rowCount())].count("1") == 1
    dialog.close()


def test_a_manager_changes_a_role_and_removes_a_member(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.gui.forms import prompts

    window.settings.set_me(window.book.path, "李雷")
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.team.join(key, shared, "王芳")
        other.sync.push(shared)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.roster is not None
                    and len(team.roster.members) == 2, timeout=20_000)
    members = dialog.members

    def roles() -> dict[str, str]:
        model = members.model
        return {model.row(r).person: model.index(r, model.column_of("role")).data()
                for r in range(model.rowCount())}

    def select(person: str) -> None:
        members.table.selectRow(members.model.row_of(lambda r: r.person == person))

    assert roles() == {"李雷": "Manager", "王芳": "Salesperson"}
    assert members.role_button.isVisible() and members.remove_button.isVisible()
    select("李雷")
    assert not members.remove_button.isEnabled()  # not oneself
    select("王芳")
    assert members.role_button.text() == "Make manager" and members.remove_button.isEnabled()
    qtbot.mouseClick(members.role_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: roles()["王芳"] == "Manager", timeout=20_000)

    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)  # the user says Remove
    select("王芳")
    qtbot.mouseClick(members.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == PAGE_KEY, timeout=20_000)
    renewed = dialog.key_page.key.text()
    assert renewed.startswith("KP1-") and renewed != key
    assert "new key" in dialog.key_page.title.text()
    qtbot.mouseClick(dialog.key_page.done_button, Qt.MouseButton.LeftButton)
    assert roles()["王芳"].startswith("Removed ")
    assert window.book.team.key_text() == renewed
    dialog.close()


KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@hypothesis_settings(max_examples=60, deadline=None)
@given(position=st.integers(min_value=0), replacement=st.sampled_from(KEY_ALPHABET),
       lower=st.booleans(), spaced=st.booleans())
def test_the_join_field_refuses_any_mistyped_character(  # type: ignore[no-untyped-def]
        qapp, team_key: str, position: int, replacement: str, lower: bool,
        spaced: bool) -> None:
    """Any one character typed wrong after KP1- is caught as it is typed; case and spaces or
    dashes in other places are not mistakes."""
    checker = KeyChecker()
    try:
        body = [i for i, c in enumerate(team_key) if c != "-" and i > 3]
        where = body[position % len(body)]
        assume(team_key[where] != replacement)
        wrong = team_key[:where] + replacement + team_key[where + 1:]
        assert checker.problem(wrong) is not None
        same = team_key.lower() if lower else team_key
        same = same.replace("-", " ") if spaced else same
        assert checker.problem(same) is None
    finally:
        checker.close()


@pytest.fixture(scope="module")
def team_key() -> str:
    with Book(":memory:") as book:
        return book.sync.team_init()
