"""The command line on a GBK console (Windows cp936): no UnicodeEncodeError, UTF-8 unchanged."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.entities import Customer
from storage.database import Database
from ui.cli.console import make_console_safe

ROOT = Path(__file__).resolve().parent.parent
#: 𠮷 (U+20BB7) and the emoji are outside GBK; 华为 and 技术 are in it.
NAME = "华为𠮷技术😀"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gbk") / "book.db"
    with Database(path) as db:
        db.add(Customer(name=NAME, code="G1"))
    return path


def keyplan(book: Path, *args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, "main.py", "--db", str(book), *args], cwd=ROOT,
                          env=env, capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("args", [("explain", "G1"), ("info",), ("explain", NAME)])
def test_a_gbk_console_gets_every_line_without_a_traceback(book: Path,
                                                            args: tuple[str, ...]) -> None:
    done = keyplan(book, *args, encoding="gbk")
    stderr = done.stderr.decode("gbk", errors="replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "UnicodeEncodeError" not in stderr
    if args[0] == "explain":
        assert "华为?技术? (G1)" in done.stdout.decode("gbk")


def test_a_utf8_console_keeps_every_character(book: Path) -> None:
    done = keyplan(book, "explain", "G1", encoding="utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", errors="replace")
    assert f"{NAME} (G1)" in done.stdout.decode("utf-8")


def test_an_error_line_on_a_gbk_console_is_escaped_not_raised(book: Path) -> None:
    done = keyplan(book, "explain", "no such 𠮷", encoding="gbk")
    stderr = done.stderr.decode("gbk")
    assert done.returncode == 1
    assert "Traceback" not in stderr
    assert "keyplan: error:" in stderr
    assert "\\U00020bb7" in stderr


def stream(encoding: str, errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors)


@pytest.mark.parametrize(("encoding", "stdout_errors", "stderr_errors"), [
    ("gbk", "replace", "backslashreplace"),
    ("cp1252", "replace", "backslashreplace"),
    ("utf-8", "strict", "strict"),
    ("UTF8", "strict", "strict"),
    ("utf-16-le", "strict", "strict"),
])
def test_only_streams_that_cannot_write_everything_are_changed(
        monkeypatch: pytest.MonkeyPatch, encoding: str, stdout_errors: str,
        stderr_errors: str) -> None:
    out, err = stream(encoding), stream(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    make_console_safe()
    assert (out.errors, err.errors) == (stdout_errors, stderr_errors)
    print(NAME, file=out)
    print(NAME, file=err)


def test_streams_that_are_not_text_files_or_already_lenient_are_left_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lenient = stream("gbk", errors="ignore")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", lenient)
    make_console_safe()
    assert lenient.errors == "ignore"
    monkeypatch.setattr(sys, "stdout", None)
    make_console_safe()
