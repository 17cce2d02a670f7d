"""``keyplan screenshot --view customer:KEY[:TAB]`` renders one customer's workspace, loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from storage.database import Database
from ui.gui.workspace.standalone import parse_customer_view

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_customer_views_name_a_customer_and_maybe_a_tab() -> None:
    assert parse_customer_view("customer:C000123") == ("C000123", "profile")
    assert parse_customer_view("customer:C000123:score") == ("C000123", "score")
    assert parse_customer_view("customer:ab-12:history") == ("ab-12", "history")
    with pytest.raises(ValueError, match="unknown tab"):
        parse_customer_view("customer:C000123:scores")
    with pytest.raises(ValueError):
        parse_customer_view("customer:")


def test_screenshot_of_a_customer_workspace(book_path: Path, tmp_path: Path) -> None:
    with Database(book_path) as db:
        code = db.scalar("SELECT code FROM customers WHERE code <> '' ORDER BY name_sort")
    out = tmp_path / "customer.png"
    result = _run("--db", str(book_path), "screenshot", str(out), "--view",
                  f"customer:{code}:transactions", "--lang", "zh_CN", "--size", "1100x700")
    assert result.returncode == 0, result.stderr
    assert "秒后就绪。" in result.stdout  # the command's --lang speaks for its line too
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1100, 700)
    colours = {image.pixel(x, y) for x in range(0, 1100, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20  # header, table and the revenue chart drew


def test_screenshot_of_an_unknown_customer_or_tab_fails_clearly(book_path: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = _run("--db", str(book_path), "screenshot", str(out), "--view", "customer:NOPE")
    assert result.returncode != 0 and "NOPE" in result.stderr and not out.exists()
    result = _run("--db", str(book_path), "screenshot", str(out), "--view",
                  "customer:NOPE:bogus")
    assert result.returncode != 0 and "unknown tab" in result.stderr
