"""Customers from the main window: Enter opens the workspace, Ctrl+N creates a customer that
opens once saved, the workspace's writes refresh the lists and schedule a rescore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from models.entities import Contact, Customer
from storage.changes import Changes
from tests.ui.conftest import wait_idle
from ui.gui.background.tasks import Task
from ui.gui.forms.customer_form import CustomerFormDialog
from ui.gui.window.main_window import VIEW_CUSTOMER, VIEW_CUSTOMERS, VIEW_PLANS, MainWindow


def _noting_runs(started: list[object]) -> Callable[[Task], Task]:
    """Task.run_in_background that also notes each task it starts."""
    real_run = Task.run_in_background

    def run(task: Task) -> Task:
        started.append(task)
        return real_run(task)
    return run


def _open_row(qtbot, window: MainWindow, row: int) -> str:  # type: ignore[no-untyped-def]
    table = window.customers.table
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    return window.customers.model.customer_id(row)


def test_enter_opens_the_workspace_with_its_own_side_bar_entry(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    customer_id = _open_row(qtbot, window, 2)
    workspace = window.workspace
    assert workspace is not None and workspace.customer_id == customer_id
    assert window.current_view_name() == VIEW_CUSTOMER
    assert workspace.current_tab_name() == "overview"
    name = window.book.reader.get(Customer, customer_id).name
    entry = window.navigation.item(window.navigation.count() - 1)
    assert entry.toolTip() == name and window.navigation.currentItem() is entry

    window.navigation.setCurrentRow(1)
    assert window.current_view_name() == VIEW_CUSTOMERS
    other = _open_row(qtbot, window, 5)  # another customer replaces the workspace
    assert window.workspace is not workspace and window.workspace.customer_id == other
    assert window.navigation.count() == 5
    assert window.log_interaction_action.isEnabled()


def test_the_same_customer_again_switches_only_the_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    customer_id = _open_row(qtbot, window, 0)
    workspace = window.workspace
    assert workspace is not None
    assert window.open_customer(customer_id, "needs") is workspace
    assert workspace is not None and workspace.current_tab_name() == "needs"


def test_ctrl_n_creates_a_customer_and_opens_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    assert window.new_customer_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    window.new_customer_action.trigger()
    dialog = window.findChild(CustomerFormDialog, "customerFormDialog")
    assert dialog is not None and dialog.isVisible()
    name = dialog.form.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Northwind Optics")
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    created = window.book.reader.find(Customer, "name = ?", ["Northwind Optics"])
    assert len(created) == 1
    assert window.workspace is not None and window.workspace.customer_id == created[0].id
    assert window.customers.model.rowCount() == 301
    assert window.count_label.text() == "Customers: 301"
    assert window._rescore_timer.isActive()  # the new customer gets a score soon


def test_log_an_interaction_from_the_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.log_interaction() is None  # no open customer, nothing to log
    _open_row(qtbot, window, 1)
    window.show_view(VIEW_CUSTOMERS)
    window.log_interaction_action.trigger()
    assert window.current_view_name() == VIEW_CUSTOMER
    dialog = window.workspace.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_workspace_writes_refresh_the_lists_and_rescore(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A logged interaction moves Today's count and may move scores: Today reads again at
    once and a rescore is scheduled."""
    wait_idle(qtbot, window)
    customer_id = _open_row(qtbot, window, 0)
    with qtbot.waitSignal(window.today.loaded, timeout=10_000):
        window.workspace.changed.emit(Changes.of_customer(customer_id, {"interactions"}))
    assert window._rescore_timer.isActive()


def test_an_edit_reads_only_what_it_concerns(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                             monkeypatch) -> None:
    """A new contact of one customer: that customer's row is read again and nothing else:
    no list reloads, no background query, no rescore (contacts move no score)."""
    import ui.gui.background.tasks

    wait_idle(qtbot, window)
    customer_id = _open_row(qtbot, window, 3)
    window.show_view(VIEW_CUSTOMERS)
    qtbot.waitUntil(lambda: window.task_status.current() is None, timeout=15_000)
    model = window.customers.model
    resets: list[int] = []
    model.rows_reset.connect(resets.append)
    started: list[object] = []
    monkeypatch.setattr(ui.gui.background.tasks.Task, "run_in_background",
                        _noting_runs(started))
    statements: list[str] = []
    window.book.reader.conn.set_trace_callback(statements.append)
    window.book.reader.add(Contact(customer_id=customer_id, name="新的联系人"))
    statements.clear()
    window.workspace.changed.emit(Changes.of_customer(customer_id, {"contacts"}))
    row = model.row_of(customer_id)
    model.data(model.index(row, 0))  # the repaint reads the row again
    window.book.reader.conn.set_trace_callback(None)
    assert resets == [] and started == []
    assert not window._rescore_timer.isActive()
    assert len(statements) <= 3, statements  # the row's page (and the header), no list
    assert window.today.is_loaded


def test_a_view_not_on_screen_reads_again_when_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    customer_id = _open_row(qtbot, window, 1)
    window.show_view(VIEW_CUSTOMERS)
    window.apply_changes(Changes.of_customer(customer_id, {"plans"}))
    assert VIEW_PLANS in window._stale_views
    with qtbot.waitSignal(window.plans.loaded, timeout=10_000):
        window.show_view(VIEW_PLANS)
    assert VIEW_PLANS not in window._stale_views


def test_shortcut_list_includes_the_workspace_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    _open_row(qtbot, window, 0)
    window.shortcuts_action.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "Log an interaction" in labels and "New customer…" in labels
    dialog.close()


def test_a_phone_number_typed_and_saved_costs_a_handful_of_statements(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    """End to end, as the user does it: type a new phone number in the profile, save. The
    Book's answer names the one field; the window repaints one row: no list reload, no
    background task, no rescore (a phone number moves no score), a bounded number of SQL
    statements (the write, its change log, the row's page and the header)."""
    import ui.gui.background.tasks

    wait_idle(qtbot, window)
    customer_id = _open_row(qtbot, window, 2)
    window.show_view(VIEW_CUSTOMERS)
    qtbot.waitUntil(lambda: window.task_status.current() is None, timeout=15_000)
    window.open_customer(customer_id, "profile")
    model = window.customers.model
    resets: list[int] = []
    model.rows_reset.connect(resets.append)
    started: list[object] = []
    monkeypatch.setattr(ui.gui.background.tasks.Task, "run_in_background",
                        _noting_runs(started))
    applied: list[Changes] = []
    window.workspace.changed.connect(applied.append)
    statements: list[str] = []
    window.book.trace(statements.append)
    _edit_profile(qtbot, window, "phone", "021-5555 0101")
    model.data(model.index(model.row_of(customer_id), 0))  # the repaint reads the row again
    window.book.trace(None)
    assert applied and applied[0].customer_fields == frozenset({"phone"})
    assert resets == [] and started == []
    assert not window._rescore_timer.isActive()
    assert not any("DISTINCT owner" in s for s in statements)  # the owners did not move
    assert len(statements) <= 30, statements
    assert window.book.customers.get(customer_id).phone == "021-5555 0101"


def _edit_profile(qtbot, window: MainWindow, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    profile = window.workspace.show_tab("profile")
    editor = profile.form.editors[field]
    editor.selectAll()
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)


def test_an_edit_that_moves_a_customer_out_of_the_filter_reloads_the_list(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """Filtered by owner, a new owner takes the customer out of the list at once; a new
    phone number repaints the row only."""
    from dataclasses import replace as replaced

    wait_idle(qtbot, window)
    model = window.customers.model
    first = model.record(0)
    assert first is not None and first.owner
    model.set_query(replaced(model.query, owners=frozenset({first.owner})))
    shown = model.rowCount()
    assert model.row_of(first.id) >= 0
    window.open_customer(first.id, "profile")
    resets: list[int] = []
    model.rows_reset.connect(resets.append)
    _edit_profile(qtbot, window, "phone", "021-5555 0101")
    assert resets == [] and model.rowCount() == shown  # the row only
    _edit_profile(qtbot, window, "owner", "Someone Else")
    qtbot.waitUntil(lambda: model.row_of(first.id) == -1, timeout=10_000)
    assert model.rowCount() == shown - 1
