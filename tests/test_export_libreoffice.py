"""A real spreadsheet program reads our workbooks: LibreOffice converts an exported plan and
portfolio to PDF, and shows formula-like user text literally."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import Database
from storage.export_plan import export_plan
from storage.export_portfolio import export_portfolio
from tests.conftest import DEMO_ANCHOR

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (Debian package libreoffice-calc-nogui) is not "
                            "installed: soffice not found")
#: CSV export of every sheet (last token -1), UTF-8 (76), comma-separated, as shown.
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _convert(files: list[Path], target: str, folder: Path) -> None:
    assert SOFFICE is not None
    profile = folder / "lo-profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         target, "--outdir", str(folder), *map(str, files)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def workbooks(demo_db: Database, tmp_path: Path) -> list[Path]:
    hostile = demo_db.add(Customer(name="=1+2", code="@SUM(1,2)", owner="-3+4"))
    demo_db.save_plan(demo_db.new_plan(hostile.id, "2026-H1"))
    demo_db.rescore(DEMO_ANCHOR)
    out = tmp_path / "out"
    out.mkdir()
    return [
        export_plan(demo_db, hostile.id, out / "plan-en.xlsx", lang="en").path,
        export_plan(demo_db, hostile.id, out / "plan-zh.xlsx", lang="zh_CN").path,
        export_portfolio(demo_db, out / "book-en.xlsx", lang="en").path,
        export_portfolio(demo_db, out / "book-zh.xlsx", lang="zh_CN").path,
    ]


def test_libreoffice_converts_plan_and_portfolio_to_pdf(workbooks: list[Path]) -> None:
    folder = workbooks[0].parent
    _convert(workbooks, "pdf", folder)
    for book in workbooks:
        pdf = book.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 5_000, pdf
        assert pdf.read_bytes().startswith(b"%PDF")


def test_libreoffice_shows_formula_like_text_literally(workbooks: list[Path]) -> None:
    folder = workbooks[0].parent
    _convert([workbooks[0], workbooks[2]], CSV_ALL_SHEETS, folder)
    with (folder / "plan-en-Overview.csv").open(encoding="utf-8") as handle:
        overview = {r[0]: r[1] for r in csv.reader(handle) if len(r) > 1}
    assert "Account plan: =1+2" in overview
    assert overview["Customer name"] == "=1+2"
    assert overview["Customer code"] == "@SUM(1,2)"
    with (folder / "book-en-Customers.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    hostile = next(r for r in rows if len(r) > 1 and r[1] == "=1+2")
    assert hostile[0] == "@SUM(1,2)"
    assert "-3+4" in hostile
