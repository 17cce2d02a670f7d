"""The account-plan workbook: sheets in both languages, formats, charts, safety, atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from models.entities import Contact, Interaction, Need
from models.enums import InteractionKind, NeedKind, ObjectiveKind, PlanStatus, SupportKind
from models.plans import AccountPlan, Objective, PlanAction, SupportMeasure
from storage.database import Database
from storage.export_files import ExportFileLockedError, ExportFolderMissingError
from storage.export_plan import export_plan
from storage.xlsx_style import display_width, safe_text
from tests.conftest import DEMO_ANCHOR

ROOT = Path(__file__).resolve().parent.parent
INJECTIONS = ("=1+2", "+SUM(A1:A3)", "-2+3", "@HYPERLINK(\"http://x\")", "\t=1+2",
              "=cmd|' /C calc'!A0")


@pytest.fixture
def planned(demo_db: Database) -> tuple[Database, str]:
    """The demo book, scored, with one customer carrying a plan and hostile texts."""
    demo_db.rescore(DEMO_ANCHOR)
    customer_id = demo_db.query("SELECT customer_id FROM customer_metrics "
                                "ORDER BY revenue_12m DESC LIMIT 1")[0]["customer_id"]
    contact = demo_db.add(Contact(customer_id=customer_id, name=INJECTIONS[1],
                                  title=INJECTIONS[0]))
    demo_db.add(Interaction(customer_id=customer_id, kind=InteractionKind.VISIT,
                            occurred_at=datetime.combine(DEMO_ANCHOR, datetime.min.time()),
                            summary=INJECTIONS[2],
                            contact_ids=(contact.id,)))
    need = demo_db.add(Need(customer_id=customer_id, kind=NeedKind.COMPLAINT,
                            description=INJECTIONS[3]))
    # A control character XML forbids, as another tool could have written it.
    with demo_db.atomic():
        demo_db.conn.execute("UPDATE contacts SET notes = ? WHERE id = ?",
                             ["bell\x07 and vtab\x0b", contact.id])
    objective = Objective(kind=ObjectiveKind.REVENUE, description=INJECTIONS[5],
                          target_value=2_000_000)
    demo_db.save_plan(AccountPlan(
        customer_id=customer_id, period="2026-H1", status=PlanStatus.ACTIVE,
        situation="采购总监更换。\n" + INJECTIONS[4], need_ids=(need.id,),
        objectives=[objective, Objective(kind=ObjectiveKind.MARGIN, description="毛利率",
                                         target_value=25)],
        support_measures=[SupportMeasure(kind=SupportKind.REBATE, terms="2 %", rate_percent=2,
                                         cost=1000)],
        actions=[PlanAction(what="Quarterly review", due_date=date(2026, 3, 31),
                            objective_id=objective.id)]))
    return demo_db, customer_id


@pytest.mark.parametrize(("lang", "sheets"), [
    ("en", ["Overview", "Score", "Revenue", "Contacts", "Relationship map", "Interactions",
            "Needs", "Plan", "Whitespace", "Competition", "SWOT"]),
    ("zh_CN", ["概况", "评分", "销售额", "联系人", "关系图", "互动记录", "需求", "经营计划",
               "产品空白点", "竞争对手", "SWOT 分析"]),
])
def test_plan_workbook_sheets_and_layout(planned: tuple[Database, str], tmp_path: Path,
                                         lang: str, sheets: list[str]) -> None:
    db, customer_id = planned
    result = export_plan(db, customer_id, tmp_path / "plan.xlsx", lang=lang, today=DEMO_ANCHOR)
    assert result.sheets == sheets
    book = openpyxl.load_workbook(result.path)
    assert book.sheetnames == sheets
    contacts = book[sheets[3]]
    assert contacts.freeze_panes == "A4"  # title, blank line, header
    assert contacts.print_title_rows == "$1:$3"
    assert contacts.page_setup.orientation == "landscape"
    fit = contacts.sheet_properties.pageSetUpPr
    assert contacts.page_setup.fitToWidth == 1 and fit is not None and fit.fitToPage
    header = [c.value for c in contacts[3] if c.value]
    assert header[0] == ("Name" if lang == "en" else "姓名")
    assert contacts["A3"].fill.fgColor.rgb.endswith("1F4E79")
    overview = book[sheets[0]]
    name = db.resolve_customer(customer_id).name
    assert name in overview["A1"].value
    revenue = book[sheets[2]]
    assert revenue["B5"].number_format == "#,##0.00"
    score = book[sheets[1]]
    assert score["C5"].number_format == "0.0%"
    with zipfile.ZipFile(result.path) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(package.read(n).decode() for n in charts)
    assert len(charts) == 2 and "<barChart>" in xml and "<lineChart>" in xml


def test_user_text_is_never_a_formula(planned: tuple[Database, str], tmp_path: Path) -> None:
    db, customer_id = planned
    path = export_plan(db, customer_id, tmp_path / "plan.xlsx", lang="en").path
    book = openpyxl.load_workbook(path)
    found: dict[str, str] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = cell.value
                if isinstance(text, str) and text.startswith(INJECTIONS):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    found[text] = ws.title
    assert {"=1+2", "+SUM(A1:A3)", "-2+3", INJECTIONS[3], INJECTIONS[5]} <= set(found)
    notes = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("bell")]
    assert notes == ["bell\ufffd and vtab\ufffd"]


def test_revenue_sheet_matches_transactions(planned: tuple[Database, str],
                                            tmp_path: Path) -> None:
    db, customer_id = planned
    path = export_plan(db, customer_id, tmp_path / "plan.xlsx", lang="en").path
    ws = openpyxl.load_workbook(path)["Revenue"]
    months: dict[str, float] = {}
    for month, amount, *_ in ws.iter_rows(min_row=4, values_only=True):
        if month and str(month)[:2] == "20":
            assert isinstance(month, str) and isinstance(amount, int | float), (month, amount)
            months[month] = amount
    first, last = min(months), max(months)
    expected = db.scalar("SELECT total(amount) FROM transactions WHERE customer_id = ? AND "
                         "deleted_at IS NULL AND substr(date, 1, 7) BETWEEN ? AND ?",
                         [customer_id, first, last])
    assert sum(months.values()) == pytest.approx(expected)


def test_plan_export_is_fast(planned: tuple[Database, str], tmp_path: Path) -> None:
    db, customer_id = planned
    started = time.perf_counter()
    export_plan(db, customer_id, tmp_path / "plan.xlsx")
    assert time.perf_counter() - started < 1.0


def test_failed_export_keeps_the_previous_file(planned: tuple[Database, str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    db, customer_id = planned
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.xlsx"
    target.write_bytes(b"previous good file")

    def broken_save(self: object, filename: object) -> None:
        Path(str(filename)).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(Exception, match="disk is full"):
        export_plan(db, customer_id, target)
    assert target.read_bytes() == b"previous good file"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.xlsx"]


def test_locked_or_missing_target_gives_a_clear_error(planned: tuple[Database, str],
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db, customer_id = planned
    with pytest.raises(ExportFolderMissingError, match="folder does not exist"):
        export_plan(db, customer_id, tmp_path / "missing" / "plan.xlsx")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportFileLockedError, match="open in another program"):
        export_plan(db, customer_id, target)
    assert target.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.xlsx"]


def test_export_plan_command(planned: tuple[Database, str], tmp_path: Path) -> None:
    db, customer_id = planned
    code = db.resolve_customer(customer_id).code
    db.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db.path),
                               "export", *args], capture_output=True, text=True, timeout=120,
                              cwd=ROOT)

    ok = run("plan", code, "--period", "2026-H1", "-o", str(tmp_path / "p.xlsx"), "--lang",
             "zh_CN")
    assert ok.returncode == 0, ok.stderr
    assert "概况" in ok.stdout
    missing = run("plan", code, "-o", str(tmp_path / "nowhere" / "p.xlsx"))
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "folder does not exist" in missing.stderr
    no_plan = run("plan", code, "--period", "2031", "-o", str(tmp_path / "q.xlsx"))
    assert no_plan.returncode == 1 and "Traceback" not in no_plan.stderr


def test_export_without_a_plan_still_writes_the_profile(demo_db: Database,
                                                        tmp_path: Path) -> None:
    customer_id = demo_db.query("SELECT id FROM customers LIMIT 1")[0]["id"]
    result = export_plan(demo_db, customer_id, tmp_path / "p.xlsx", lang="en")
    ws = openpyxl.load_workbook(result.path)["Plan"]
    assert "No account plan yet" in str(ws["A3"].value)


def test_safety_helpers() -> None:
    assert safe_text("a\x00b\x1fc\ud800d\uffff") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert safe_text("x" * 40_000).endswith("…") and len(safe_text("x" * 40_000)) == 32_767
    assert display_width("华为技术") == 8 and display_width("abcd") == 4
    assert display_width("ab\n华为技术有限") == 12
