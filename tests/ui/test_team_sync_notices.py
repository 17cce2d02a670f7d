"""File → Team sync… with a copied book and a refused packet, in the user's words: a copy
beside the original on one computer is stopped before it syncs, names the original and
offers its two ways out; a refused packet's reason reads in Chinese; a record deleted here
that a colleague edited later comes back, and the status bar says so; the History tab takes
either side of a conflict in one click, and a code another customer holds is a message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.entities import Customer
from storage.book import Book
from tests.test_sync_own_packet import another_copy_first
from tests.ui.conftest import open_window, wait_idle
from tests.ui.test_team_sync import a_customer, open_dialog, start_team
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


def test_a_copy_beside_the_original_offers_its_two_ways_out(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    device = window.book.sync.device_id
    original = window.book.path
    # This window's book is now seen from another file of the same computer, while the
    # original file still holds the device: a copy beside it.
    elsewhere = str(tmp_path / "Copy of book.db")
    monkeypatch.setattr("storage.sync.home.book_path", lambda _conn: elsewhere)
    qtbot.waitUntil(lambda: not team.running)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.copied, timeout=20_000)
    shown = dialog.error_label.text()
    assert f"The book {original} on this computer syncs as this book's team device" in shown
    assert "keyplan" not in shown and "--new-device" not in shown
    assert dialog.new_device_button.isVisible() and dialog.moved_here_button.isVisible()
    qtbot.mouseClick(dialog.new_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.last is not None
                    and team.error is None and not team.copied, timeout=20_000)
    assert window.book.sync.device_id != device
    assert not dialog.new_device_button.isVisible()
    dialog.close()


def test_a_copy_that_sent_just_now_offers_only_a_new_member(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another copy wrote this device's next packet between this book's look at the folder
    and its own write (PacketTakenError): that copy is in use, so 'moved here for good' is
    not offered (it would have this book number its packets after the other's: two books
    syncing as one member); a new member is, and it syncs."""
    from storage.sync import folder as shared_folder

    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    device = window.book.sync.device_id
    # The other copy's packet got there first.
    monkeypatch.setattr(shared_folder, "write_packet", another_copy_first(window.book))
    window.book.customers.update(replace(a_customer(window.book), city="Ningbo"))
    qtbot.waitUntil(lambda: not team.running)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.copied, timeout=20_000)
    shown = dialog.error_label.text()
    assert "another book sends under this book's device id" in shown
    assert "make this book a new member below" in shown and "moved" not in shown
    assert dialog.new_device_button.isVisible() and not dialog.moved_here_button.isVisible()
    team.moved_here()  # not offered: does nothing
    assert team.copied and window.book.sync.device_id == device
    qtbot.mouseClick(dialog.new_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.last is not None
                    and team.error is None and not team.copied, timeout=20_000)
    assert window.book.sync.device_id != device
    assert window.book.sync.status(shared).to_send == 0  # the edit went as the new member's
    assert not dialog.new_device_button.isVisible()
    dialog.close()


def test_a_refused_packet_reads_in_chinese(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, chinese: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    start_team(qtbot, window, dialog, monkeypatch, shared)
    team = window.team_sync
    stranger = shared / "keyplan-sync" / "0f0e0d0c-0b0a-4908-8706-050403020100"
    stranger.mkdir()
    (stranger / "000001.kpk").write_bytes(b"half a packet")  # cut short by a sync program
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not team.running and team.status is not None
                    and bool(team.status.quarantined), timeout=20_000)
    assert "拒收的数据包：1" in window.sync_indicator.text()
    assert "设备 0f0e0d0c 的第 1 个数据包被拒收：不是 KeyPlan 数据包，或内容不完整" \
        in dialog.error_label.text()
    dialog.close()


def test_a_record_deleted_here_and_brought_back_is_said_so(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)
        other.sync.pull(shared)
        mine = a_customer(window.book)
        window.apply_changes(window.book.customers.delete(str(mine.id)).changes)
        customer = other.customers.get(str(mine.id))
        other.customers.update(replace(customer, city="Ningbo"))  # after the delete
        other.sync.push(shared)
        team.sync()
        qtbot.waitUntil(lambda: not team.running and team.conflicts == 1, timeout=20_000)
    assert window.book.customers.get(str(mine.id)).deleted_at is None
    said = window.statusBar().currentMessage()
    assert "Deleted records back: 1, edited by a colleague after the delete" in said


def test_taking_back_a_code_another_customer_holds_is_a_message_not_a_crash(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague's new customer took a code this book's customer already had: the merge
    leaves the code with the first and sets the colleague's aside; taking it back in the
    History tab says why it cannot, in words, and changes nothing."""
    from ui.gui.forms import prompts

    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    mine = a_customer(window.book)
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)  # and adds a customer before it has merged this book's
        theirs = other.customers.add(Customer(name="Acme Ningbo", code=mine.code)).record
        other.sync.push(shared)
        team.sync()
        qtbot.waitUntil(lambda: not team.running and team.conflicts >= 1, timeout=20_000)
    book = window.book
    assert book.customers.get(str(theirs.id)).code == ""
    assert book.customers.get(str(mine.id)).code == mine.code
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, text: shown.append(text))
    workspace = window.open_customer(str(theirs.id), "history")
    assert workspace is not None
    history = workspace.show_tab("history")
    assert isinstance(history, HistoryTab)
    qtbot.waitUntil(lambda: history.is_loaded and history.conflicts.model.rowCount() == 1)
    model = history.conflicts.model
    table = history.conflicts.table
    rect = table.visualRect(model.index(0, model.column_of("take")))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown == [f"{mine.code} now belongs to another record (a customer code, a plan's "
                     "period or a person's name is used once). Change that record first, or "
                     "keep the value the merge chose."]
    assert book.customers.get(str(theirs.id)).code == ""
    assert len(book.sync.conflicts(str(theirs.id))) == 1  # still open


def test_take_theirs_is_one_click_in_the_history_tab(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, shared: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """This book's change came later and stands; one click on Take theirs in the customer's
    History tab makes the colleague's value the current one, here and, after a sync, there."""
    dialog = open_dialog(qtbot, window)
    key = start_team(qtbot, window, dialog, monkeypatch, shared)
    dialog.close()
    team = window.team_sync
    mine = a_customer(window.book)
    with Book(tmp_path / "colleague.db", new_book=True) as other:
        other.sync.join(key)
        other.sync.pull(shared)
        other.customers.update(replace(other.customers.get(str(mine.id)),
                                       phone="0571-1111 0000"))
        other.sync.push(shared)
        edited = window.book.records.update(replace(window.book.customers.get(str(mine.id)),
                                                    phone="0571-2222 0000"))  # later
        window.apply_changes(edited.changes)
        team.sync()
        qtbot.waitUntil(lambda: not team.running and team.conflicts == 1, timeout=20_000)
        assert window.book.customers.get(str(mine.id)).phone == "0571-2222 0000"
        workspace = window.open_customer(str(mine.id), "history")
        assert workspace is not None
        history = workspace.show_tab("history")
        assert isinstance(history, HistoryTab)
        qtbot.waitUntil(lambda: history.is_loaded and history.conflicts.model.rowCount() == 1)
        model, table = history.conflicts.model, history.conflicts.table
        take = model.index(0, model.column_of("take"))
        assert take.data() == "Take theirs"
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(take).center())
        assert window.book.customers.get(str(mine.id)).phone == "0571-1111 0000"
        qtbot.waitUntil(lambda: team.conflicts == 0)
        qtbot.waitUntil(lambda: history.is_loaded and not history.conflicts_box.isVisible())
        team.sync()
        qtbot.waitUntil(lambda: not team.running, timeout=20_000)
        other.sync.pull(shared)
        assert other.customers.get(str(mine.id)).phone == "0571-1111 0000"
        assert other.sync.all_conflicts() == []  # resolved there too
