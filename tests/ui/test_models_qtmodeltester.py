"""Every Qt model of the window passes Qt's own model checks (qtmodeltester), filled with a
real demo book's rows: Today's tree, the plans list, a workspace tab's table, the backups."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from models.entities import Customer
from storage.database import Database
from tests.ui.conftest import open_window, wait_idle
from ui.gui.dialogs.backups_dialog import BackupsDialog
from ui.gui.settings import Settings


def test_today_and_plans_models(qtbot, qtmodeltester, scored_path: Path,  # type: ignore[no-untyped-def]
                                settings: Settings) -> None:
    window = open_window(qtbot, scored_path, settings, view="today")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.today.is_loaded, timeout=15_000)
    window.show_view("plans")
    qtbot.waitUntil(lambda: window.plans.is_loaded, timeout=15_000)
    assert window.today.model.rowCount() > 0
    qtmodeltester.check(window.today.model, force_py=True)
    qtmodeltester.check(window.plans.model, force_py=True)
    window.close()


def test_workspace_table_models(qtbot, qtmodeltester, scored_path: Path,  # type: ignore[no-untyped-def]
                                settings: Settings) -> None:
    window = open_window(qtbot, scored_path, settings)
    wait_idle(qtbot, window)
    with Database(scored_path) as db:
        busiest = db.scalar("SELECT customer_id FROM interactions GROUP BY customer_id "
                            "ORDER BY count(*) DESC LIMIT 1")
    customer = window.book.reader.get(Customer, str(busiest))
    window.book.reader.update(replace(customer, city="杭州"))  # an entry for the History tab
    from models.entities import Need
    from models.enums import NeedKind

    window.book.needs.add(Need(customer_id=customer.id, kind=NeedKind.REQUIREMENT,
                               description="需要安装培训"))  # a row for the Needs tab
    workspace = window.open_customer(str(busiest), "interactions")
    assert workspace is not None
    for name in ("interactions", "contacts", "needs", "transactions", "history"):
        tab: Any = workspace.show_tab(name)  # a table of its own or a panel's
        qtbot.waitUntil(lambda tab=tab: tab.is_loaded, timeout=15_000)
        model = tab.table.model() if hasattr(tab, "table") else tab.panel.table.model()
        assert model.rowCount() > 0, name
        qtmodeltester.check(model, force_py=True)
    window.close()


def test_backups_model(qtbot, qtmodeltester, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Database(book_path) as db:
        db.backup("manual")
        db.backup("daily")
        policy = db.backup_policy()
    dialog = BackupsDialog(book_path, policy)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    qtmodeltester.check(dialog.model, force_py=True)
