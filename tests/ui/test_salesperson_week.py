"""A salesperson's week in the window, as a user works through it (issue 14's acceptance):

Monday: Today lists the overdue follow-ups; open the top one, log the visit with a next step,
and write the account plan's objective. Friday: export the plan (the workbook shows the
progress the Plan tab shows) and the weekly report (it lists Monday's visit). In English and
in Chinese.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.entities import Interaction
from models.enums import ObjectiveKind
from tests.ui.conftest import open_window, wait_idle
from tests.ui.test_forms import choose, type_into
from ui.gui.models.today_model import ITEM_ROLE, OVERDUE, TodayItem
from ui.gui.settings import Settings
from ui.gui.text import i18n

LEFT = Qt.MouseButton.LeftButton


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE])
def test_a_salespersons_week(qtbot, scored_path: Path, settings: Settings,  # type: ignore[no-untyped-def]
                             tmp_path: Path, monkeypatch, language: str) -> None:
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    i18n.install_language(language)
    window = open_window(qtbot, scored_path, settings, view="today")
    wait_idle(qtbot, window)
    today = window.today
    qtbot.waitUntil(lambda: today.is_loaded, timeout=10_000)

    # Monday: the top overdue follow-up, opened with Enter.
    overdue = today.model.section_index(OVERDUE)
    rows = [today.model.index(r, 0, overdue) for r in range(today.model.rowCount(overdue))]
    first = next(i for i in rows if today.model.data(i, ITEM_ROLE).table == "interactions")
    item: TodayItem = today.model.data(first, ITEM_ROLE)
    today.tree.setCurrentIndex(first)
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    workspace = window.workspace
    assert workspace is not None and workspace.customer_id == item.customer_id
    assert workspace.current_tab_name() == "interactions"

    # Log the visit, with a next step in a week.
    dialog = workspace.log_interaction()
    assert dialog is not None
    type_into(qtbot, dialog.form.editors["summary"], "Visited the buyer: new line in March")
    type_into(qtbot, dialog.form.editors["next_step"], "Send the quotation")
    due = date.today() + timedelta(days=7)
    qtbot.mouseClick(dialog.form.editors["next_step_due"].check, LEFT)
    dialog.form.editors["next_step_due"].edit.setDate(QDate(due.year, due.month, due.day))
    with qtbot.waitSignal(workspace.changed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    visits = window.book.interactions.of_customer(item.customer_id)
    assert visits[0].summary == "Visited the buyer: new line in March"
    assert isinstance(visits[0], Interaction) and visits[0].next_step_due == due

    # The account plan: a share-of-wallet objective, 20 % -> 40 %, at 25 % now.
    plans = workspace.show_tab("plan")
    new = plans.new_plan()
    new.carry.setChecked(False)
    choose(qtbot, new.template.combo, None)  # an empty plan, not the playbook proposed
    with qtbot.waitSignal(workspace.changed, timeout=10_000):
        new.create_plan()
    editor = plans.dialog
    objectives = editor.form.editors["objectives"]
    part = objectives.add()
    choose(qtbot, part.form.editors["kind"], ObjectiveKind.SHARE_OF_WALLET)
    type_into(qtbot, part.form.editors["description"], "Share of their spend")
    type_into(qtbot, part.form.editors["baseline_value"], "20")
    type_into(qtbot, part.form.editors["target_value"], "40")
    type_into(qtbot, part.form.editors["actual_value"], "25")
    qtbot.mouseClick(part.save_button, LEFT)
    with qtbot.waitSignal(workspace.changed, timeout=10_000):
        qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: "25%" in plans.detail.toPlainText().replace(" ", ""),
                    timeout=10_000)
    shown = plans.detail.toPlainText()

    # Friday: the plan workbook, through File -> Export account plan...
    plan_file = tmp_path / "plan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(plan_file), ""))
    window.export_plan_action.trigger()
    qtbot.waitUntil(lambda: plan_file.is_file(), timeout=30_000)
    workbook = load_workbook(plan_file)
    plan_sheet = workbook["经营计划" if language == i18n.CHINESE else "Plan"]
    shares = [c.value for row in plan_sheet.iter_rows() for c in row
              if isinstance(c.value, float) and c.number_format.endswith("%")]
    assert 0.25 in shares and "25%" in shown.replace(" ", "")  # the screen's figure
    _close_message(qtbot, window)

    # ... and the weekly report of the customer's owner: Monday's visit is in it.
    report = tmp_path / "week.xlsx"
    window.export_weekly_to(report, date.today(), item.owner)
    qtbot.waitUntil(lambda: report.is_file(), timeout=30_000)
    visits_sheet = load_workbook(report).worksheets[1]
    texts = [c.value for row in visits_sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert "Visited the buyer: new line in March" in texts
    assert (visits_sheet.title == "本周拜访与成果") == (language == i18n.CHINESE)
    _close_message(qtbot, window)
    window.close()


def _close_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "exportDoneBox") is not None,
                    timeout=30_000)
    for box in window.findChildren(QMessageBox, "exportDoneBox"):
        box.close()
        box.setObjectName("")
