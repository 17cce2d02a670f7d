"""File → Export account plan… and Weekly report…, driven as a user does: the menu, the file
picker, the task in the status bar, the message that opens the workbook; the workbook shows
the figures the window shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from models.enums import ObjectiveKind, PlanStatus
from models.plans import AccountPlan, Objective
from tests.ui.conftest import wait_idle
from ui.gui.window.main_window import MainWindow


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def fake(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def _done_box(qtbot, window: MainWindow) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "exportDoneBox") is not None,
                    timeout=30_000)
    box = window.findChild(QMessageBox, "exportDoneBox")
    assert isinstance(box, QMessageBox)
    return box


def _button(box: QMessageBox, text: str) -> QPushButton:
    found = next(b for b in box.buttons() if b.text() == text)
    assert isinstance(found, QPushButton)
    return found


def test_the_selected_customers_plan_is_exported_with_the_figures_on_screen(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow, tmp_path: Path, monkeypatch,
        opened_urls: list[str]) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    customer_id = window.customers.model.customer_id(0)
    window.book.plans.save(AccountPlan(
        customer_id=customer_id, period="2027-H1", status=PlanStatus.ACTIVE,
        objectives=[Objective(kind=ObjectiveKind.SHARE_OF_WALLET, description="提升份额",
                              baseline_value=20, target_value=40, actual_value=25)]))
    window.customers.select_customer(customer_id)
    target = tmp_path / "plan"
    asked = _save_as(monkeypatch, target)
    window.export_plan_action.trigger()
    box = _done_box(qtbot, window)
    path = tmp_path / "plan.xlsx"
    assert path.is_file() and asked and asked[0].endswith(f"{date.today().isoformat()}.xlsx")
    assert str(path) in window.statusBar().currentMessage()
    qtbot.mouseClick(_button(box, "Open the workbook"), Qt.MouseButton.LeftButton)
    assert opened_urls == [str(path)]
    # The plan tab shows 25 % progress (20 -> 40, at 25); the workbook holds the same share.
    window.open_customer(customer_id, "plan")
    plan_tab = window.workspace.show_tab("plan")
    qtbot.waitUntil(lambda: "25%" in plan_tab.detail.toPlainText().replace(" ", ""),
                    timeout=10_000)
    sheet = load_workbook(path)["Plan"]
    shares = [c.value for row in sheet.iter_rows() for c in row
              if isinstance(c.value, float) and c.number_format.endswith("%")]
    assert 0.25 in shares


def test_export_plan_without_a_customer_says_what_to_do(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    window.customers.table.clearSelection()
    window.export_plan_action.trigger()
    box = window.findChild(QMessageBox, "exportHintBox")
    assert isinstance(box, QMessageBox) and "select one in the customer list" in box.text()
    box.close()


def test_weekly_report_of_one_salesperson(qtbot, scored_window: MainWindow,  # type: ignore[no-untyped-def]
                                          tmp_path: Path, opened_urls: list[str]) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    window.weekly_action.trigger()
    from ui.gui.dialogs.weekly_dialog import WeeklyReportDialog

    dialog = window.findChild(WeeklyReportDialog, "weeklyReportDialog")
    assert isinstance(dialog, WeeklyReportDialog)
    assert dialog.owner_combo.itemText(0) == "Everyone"
    dialog.owner_combo.setCurrentIndex(1)
    owner = dialog.owner_combo.currentText()
    assert owner in dialog.suggested_path().name
    dialog.save_to(tmp_path / "week")
    box = _done_box(qtbot, window)
    path = tmp_path / "week.xlsx"
    workbook = load_workbook(path)
    assert owner in workbook.worksheets[0]["A1"].value
    assert len(workbook.sheetnames) == 6
    qtbot.mouseClick(_button(box, "Show in folder"), Qt.MouseButton.LeftButton)
    assert opened_urls == [str(tmp_path)]


def test_the_plan_tabs_export_button_writes_that_period(  # type: ignore[no-untyped-def]
        qtbot, scored_window: MainWindow, tmp_path: Path, monkeypatch,
        opened_urls: list[str]) -> None:
    window = scored_window
    wait_idle(qtbot, window)
    customer_id = window.customers.model.customer_id(1)
    for period in ("2026-H2", "2027-H1"):
        window.book.plans.save(AccountPlan(customer_id=customer_id, period=period))
    window.open_customer(customer_id, "plan")
    plan_tab = window.workspace.show_tab("plan")
    qtbot.waitUntil(lambda: plan_tab.panel.model.rowCount() == 2, timeout=10_000)
    row = next(r for r in range(2) if plan_tab.panel.model.row(r).period == "2026-H2")
    plan_tab.panel.table.selectRow(row)
    asked = _save_as(monkeypatch, tmp_path / "older.xlsx")
    qtbot.mouseClick(plan_tab.export_button, Qt.MouseButton.LeftButton)
    _done_box(qtbot, window)
    assert asked[0].endswith("-2026-H2.xlsx")
    sheet = load_workbook(tmp_path / "older.xlsx")["Plan"]
    texts = [c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("2026-H2" in t for t in texts) and not any("2027-H1" in t for t in texts)
