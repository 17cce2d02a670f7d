"""``keyplan screenshot`` renders the window offscreen, once loaded, in the chosen language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.cli.app import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_writes_a_png_of_the_requested_size(book_path: Path, tmp_path: Path,
                                                       lang: str) -> None:
    out = tmp_path / f"book-{lang}.png"
    result = _run("--db", str(book_path), "screenshot", str(out), "--view", "customers",
                  "--lang", lang, "--size", "1000x640")
    assert result.returncode == 0, result.stderr
    # The command's own --lang speaks for its line too.
    ready = "秒后就绪。" if lang == "zh_CN" else "ready in"
    assert ready in result.stdout and f", {lang})" in result.stdout.replace("，", ", ") \
        .replace("）", ")")
    assert "propagateSizeHints" not in result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 640)
    # Not a blank canvas: the table drew many distinct colours (text, stripes).
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 640, 7)}
    assert len(colours) > 20


def test_screenshot_refuses_a_missing_book(tmp_path: Path) -> None:
    result = _run("--db", str(tmp_path / "nope.db"), "screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "no such database" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_screenshot_arguments_are_checked() -> None:
    parser = build_parser()
    args = parser.parse_args(["screenshot", "out.png", "--size", "800x600"])
    assert args.size == (800, 600) and args.view == "customers" and args.lang is None
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["screenshot", "out.png", "--size", "huge"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        parser.parse_args(["screenshot", "out.png", "--view", "nowhere"])


@pytest.mark.parametrize("view", ["today", "dashboard", "plans"])
def test_screenshot_of_the_other_views(scored_path: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"{view}.png"
    result = _run("--db", str(scored_path), "screenshot", str(out), "--view", view,
                  "--lang", "en", "--size", "1000x640")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 640)
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 640, 7)}
    assert len(colours) > 20
