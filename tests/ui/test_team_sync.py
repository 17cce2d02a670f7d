"""File → Team sync… driven as a user: start a team and read its key, a second book joins with
it, both edit one customer, Sync now, the conflict in the dialog and in the History tab, Take
theirs; the status bar's indicator; a sync that fails on its folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QMessageBox

from models.entities import Customer
from storage.book import Book
from tests.ui.conftest import open_window, wait_idle
from ui.gui.dialogs.team_sync_dialog import PAGE_KEY, PAGE_SETUP, PAGE_STATUS, TeamSyncDialog
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow
from ui.gui.workspace.history_tab import HistoryTab


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


def choose(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The folder the user picks in the system's folder dialog."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_args, **_kw: str(folder)))


def open_dialog(qtbot, window: MainWindow) -> TeamSyncDialog:  # type: ignore[no-untyped-def]
    window.team_sync_action.trigger()
    dialog = window.findChild(TeamSyncDialog)
    assert isinstance(dialog, TeamSyncDialog)
    qtbot.waitExposed(dialog)
    return dialog


def start_team(qtbot, window: MainWindow, dialog: TeamSyncDialog,  # type: ignore[no-untyped-def]
               monkeypatch: pytest.MonkeyPatch, folder: Path) -> str:
    """Choose the folder, start a team, copy the key, close the key page; the first sync."""
    choose(monkeypatch, folder)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(folder)
    assert dialog.stack.currentIndex() == PAGE_SETUP
    qtbot.mouseClick(dialog.setup.start_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == PAGE_KEY
    key = dialog.key_page.key.text()
    assert key.startswith("KP1-") and dialog.key_page.key.isReadOnly()
    qtbot.mouseClick(dialog.key_page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    qtbot.mouseClick(dialog.key_page.done_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == PAGE_STATUS
    assert dialog.key_page.key.text() == ""  # shown once
    qtbot.waitUntil(lambda: window.team_sync.last is not None, timeout=20_000)
    return key


def a_customer(book: Book) -> Customer:
    customer_id = str(book.reader.scalar(
        "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY code LIMIT 1"))
    return book.customers.get(customer_id)


def test_start_join_conflict_and_take_theirs(qtbot, window: MainWindow, shared: Path,  # type: ignore[no-untyped-def]
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window.settings.set_me(window.book.path, "李雷")  # Preferences, You
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    assert team.error is None and team.last is not None and team.last.pushed.ops > 0
    device = window.book.sync.device_id
    # the device's first eight characters, as members and conflicts name it; all in the tip
    assert dialog.device_value.text() == f"李雷, Manager (device {device[:8]})"
    assert dialog.device_value.toolTip() == device
    # every member column as wide as its header; the name takes the room left, not Refused
    header = dialog.peers_table.horizontalHeader()
    titles = header.fontMetrics()
    for column in range(dialog.peers_model.columnCount()):
        title = str(dialog.peers_model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= titles.horizontalAdvance(title)
    member = dialog.peers_model.column_of("member")
    assert header.sectionResizeMode(member) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(member) > header.sectionSize(dialog.peers_model.column_of(
        "refused"))
    # The team by who started it and how many are in it; its hex id only in the tooltip.
    assert dialog.team_value.text() == "Started by 李雷 · members: 1"
    assert team.last.status.team in dialog.team_value.toolTip()
    assert window.sync_indicator.isVisible()
    assert "Synced" in window.sync_indicator.text()
    assert "peers: 0" in window.sync_indicator.text()

    # A colleague's book joins with the key and takes in the team's customers.
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.team.join(key, shared, "王芳")
        other.sync.push(shared)
        other.sync.pull(shared)
        customer = a_customer(other)
        # The colleague changes the phone first; this window's user later.
        other.records.update(replace(customer, phone="010-1111 2222"))
        other.sync.push(shared)
        mine = a_customer(window.book)
        assert mine.id == customer.id
        saved = window.book.records.update(replace(mine, phone="021-3333 4444"))
        window.apply_changes(saved.changes)

        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not team.running and team.conflicts == 1, timeout=20_000)
        assert [p.own for p in team.last.status.peers].count(False) == 1
        assert "peers: 1" in window.sync_indicator.text()
        assert "conflicts: 1" in window.sync_indicator.text()
        assert "#fff4ce" in window.sync_indicator.styleSheet()  # the warning look
        assert customer.name in window.sync_indicator.toolTip() or \
            "Open conflicts: 1" in window.sync_indicator.toolTip()

        # The dialog lists it: customer, field, both values.
        model = dialog.conflicts_model
        assert model.rowCount() == 1
        texts = [model.index(0, c).data() for c in range(model.columnCount())]
        assert texts[0] == customer.name
        assert "021-3333 4444" in texts and "010-1111 2222" in texts
        assert texts[model.column_of("member")] == "王芳"  # as the team names her

        # The members: this book's user a manager (the founder), the colleague.
        members = dialog.peers_model
        shown = {members.index(r, 0).data(): members.index(r, 1).data()
                 for r in range(members.rowCount())}
        assert shown == {"李雷 (this book)": "Manager", "王芳": "Salesperson"}
        assert dialog.team_value.text() == "Started by 李雷 · members: 2"

        # The customer's History tab shows it too, above the history.
        workspace = window.open_customer(str(customer.id), "history")
        assert workspace is not None
        history = workspace.show_tab("history")
        assert isinstance(history, HistoryTab)
        qtbot.waitUntil(lambda: history.is_loaded)
        assert history.conflicts_box.isVisible()
        assert history.conflicts.model.rowCount() == 1
        take_column = history.conflicts.model.column_of("take")
        assert history.conflicts.model.index(0, take_column).data() == "Take theirs"
        member = history.conflicts.model.column_of("member")
        assert history.conflicts.model.index(0, member).data() == "王芳"

        # Take theirs in the dialog.
        dialog.conflicts_table.selectRow(0)
        assert dialog.theirs_button.isEnabled() and not dialog.ours_button.isEnabled()
        qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
        assert window.book.customers.get(str(customer.id)).phone == "010-1111 2222"
        assert window.book.sync.all_conflicts() == []
        assert dialog.conflicts_model.rowCount() == 0
        assert team.conflicts == 0
        assert "conflicts" not in window.sync_indicator.text()
        qtbot.waitUntil(lambda: not history.conflicts_box.isVisible() and history.is_loaded)

        # The taken value is this book's new edit: it reaches the colleague at the next sync.
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not team.running, timeout=20_000)
        other.sync.pull(shared)
        assert other.customers.get(str(customer.id)).phone == "010-1111 2222"
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    dialog.close()


def test_the_history_tab_takes_the_other_value_with_one_click(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)
        other.sync.push(shared)
        other.sync.pull(shared)
        mine = a_customer(window.book)
        # This window's user first; the colleague's later change stands.
        edited = window.book.records.update(replace(mine, phone="0755-8888 1111"))
        window.apply_changes(edited.changes)
        customer = other.customers.get(str(mine.id))
        other.records.update(replace(customer, phone="0755-8888 2222"))
        other.sync.push(shared)
        team.sync()
        qtbot.waitUntil(lambda: not team.running and team.conflicts == 1, timeout=20_000)
    assert window.book.customers.get(str(mine.id)).phone == "0755-8888 2222"
    workspace = window.open_customer(str(mine.id), "history")
    assert workspace is not None
    history = workspace.show_tab("history")
    assert isinstance(history, HistoryTab)
    qtbot.waitUntil(lambda: history.is_loaded)
    model = history.conflicts.model
    take = model.column_of("take")
    assert model.index(0, take).data() == "Keep ours"
    table = history.conflicts.table
    rect = table.visualRect(model.index(0, take))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.book.customers.get(str(mine.id)).phone == "0755-8888 1111"
    qtbot.waitUntil(lambda: team.conflicts == 0)
    qtbot.waitUntil(lambda: history.is_loaded and not history.conflicts_box.isVisible())
    # Resolved ones on request.
    history.show_resolved.setChecked(True)
    assert history.conflicts_box.isVisible()
    assert model.rowCount() == 1 and model.index(0, take).data() == "Resolved"


def test_key_is_checked_as_it_is_typed(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Book(tmp_path / "founder.db", new_book=True) as founder:
        key = founder.sync.team_init()
    dialog = open_dialog(qtbot, window)
    setup = dialog.setup
    wrong = key[:-1] + ("A" if key[-1] != "A" else "B")
    qtbot.keyClicks(setup.key_edit, wrong)
    assert not setup.join_button.isEnabled()
    assert setup.key_message.text().startswith("That is not a KeyPlan team key")
    assert "keyplan" not in setup.key_message.text()  # the window's words, not a command's
    setup.key_edit.clear()
    qtbot.keyClicks(setup.key_edit, key.lower())  # case does not matter
    assert setup.join_button.isEnabled()
    assert setup.key_message.text() == "The key is complete."
    qtbot.mouseClick(setup.join_button, Qt.MouseButton.LeftButton)
    assert window.book.sync.in_team
    assert dialog.stack.currentIndex() == PAGE_STATUS
    assert "Choose the folder" in dialog.error_label.text()
    assert window.sync_indicator.text() == "Team sync: choose the folder"
    assert "#fff4ce" in window.sync_indicator.styleSheet()
    dialog.close()
    # The indicator opens the dialog.
    qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(TeamSyncDialog)))


def test_the_timer_and_the_folder_watch_start_syncs(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    synced: list[object] = []
    team.synced.connect(synced.append)

    # The timer: every second here (minutes in Preferences).
    window.settings.set_sync_interval(1)
    team.tick.setInterval(100)
    qtbot.waitUntil(lambda: len(synced) >= 2, timeout=20_000)
    # Never two at once: asked for while one runs, the running one answers (and one follows).
    qtbot.waitUntil(lambda: not team.running)
    running = team.sync()
    assert running is not None and team.sync() is running

    # The folder watch: a member's packet arriving starts a sync, the timer far off.
    window.settings.set_sync_interval(3600)
    team.watcher.settle.setInterval(100)
    qtbot.waitUntil(lambda: team.watcher.watching and not team.running, timeout=10_000)
    synced.clear()
    fired: list[int] = []
    team.watcher.changed.connect(lambda: fired.append(1))
    before = window.customers.model.rowCount()
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)
        other.customers.add(Customer(name="深圳远航物流有限公司", code="YH-001"))
        other.sync.push(shared)
    qtbot.waitUntil(lambda: any(result.pulled.ops for result in synced),  # type: ignore[attr-defined]
                    timeout=20_000)
    assert window.book.reader.scalar(
        "SELECT count(*) FROM customers WHERE code = 'YH-001'") == 1
    assert fired  # the watch, not the timer, started it
    # A new customer may move every tier: the usual background rescore ran after the merge.
    qtbot.waitUntil(lambda: window.book.reader.scalar(
        "SELECT m.score FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
        "WHERE c.code = 'YH-001'") is not None, timeout=30_000)
    # The customer list shows the new customer (the merge's Changes reached the views).
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == before + 1)


def test_a_failing_folder_shows_its_message_without_a_box(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    shared.rename(shared.with_name("unplugged"))  # the USB stick is gone
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.error is not None, timeout=20_000)
    assert "does not exist" in dialog.error_label.text()
    assert dialog.error_label.isVisible()
    assert window.sync_indicator.text() == "Team sync failed"
    assert "does not exist" in window.sync_indicator.toolTip()
    # The timer's attempts fail quietly too: no message box, ever.
    window.settings.set_sync_interval(1)
    team.tick.setInterval(100)
    attempts: list[object] = []
    team.state_changed.connect(lambda: attempts.append(1))
    qtbot.waitUntil(lambda: len(attempts) >= 4, timeout=20_000)
    QApplication.processEvents()
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]

    # Another team's folder: said so.
    window.settings.set_sync_interval(3600)
    shared.with_name("unplugged").rename(shared)
    (shared / "keyplan-sync" / "team.json").write_text(
        '{"kind": "keyplan-team", "format": 1, "team": "0123456789abcdef"}', encoding="utf-8")
    qtbot.waitUntil(lambda: not team.running)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.error is not None
                    and "another team" in team.error, timeout=20_000)
    assert "another team" in dialog.error_label.text()
    dialog.close()


def test_a_copied_book_offers_its_two_ways_out(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BookCopiedError in the window: its own words and two buttons, each through the Book."""
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    device = window.book.sync.device_id
    assert not dialog.new_device_button.isVisible()
    assert not dialog.moved_here_button.isVisible()
    monkeypatch.setattr("storage.sync.home.computer", lambda: "laptop-2")  # a copy, elsewhere
    qtbot.waitUntil(lambda: not team.running)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.copied, timeout=20_000)
    shown = dialog.error_label.text()
    assert "laptop-2" in shown and "keyplan" not in shown and "--new-device" not in shown
    assert dialog.new_device_button.isVisible() and dialog.moved_here_button.isVisible()
    assert dialog.new_device_button.text() == "This is a copy: make it a new member"
    qtbot.mouseClick(dialog.new_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.last is not None
                    and team.error is None, timeout=20_000)
    assert window.book.sync.device_id != device and team.device == window.book.sync.device_id
    assert not dialog.new_device_button.isVisible()
    # Synced as the new member: in the roster under the new id.
    assert team.roster is not None and team.device in {m.device for m in team.roster.members}

    moved = window.book.sync.device_id
    monkeypatch.setattr("storage.sync.home.computer", lambda: "laptop-3")  # moved for good
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.copied, timeout=20_000)
    assert dialog.moved_here_button.text() == "The book moved here for good"
    qtbot.mouseClick(dialog.moved_here_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.error is None and not team.copied,
                    timeout=20_000)
    assert window.book.sync.device_id == moved
    assert not dialog.moved_here_button.isVisible()
    dialog.close()
