"""The real window and real commands on one book at once: nothing is lost, the window shows
what the commands wrote.

The window's worker connections come and go (lists, the rescore, the search) while another
process opens, reads, writes and closes the book 200 times and ``keyplan info``/``score``
run beside them: this destroyed the book while the open path read its header with ``open()``.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from models.entities import Customer
from tests.ui.conftest import open_window, wait_idle
from ui.gui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 200


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in conn.execute("SELECT name FROM customers")]
    finally:
        conn.close()


def test_window_and_commands_on_one_book(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                         settings: Settings) -> None:
    demo_names = _names(book_path)
    window = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, window)
    visitor = subprocess.Popen(
        [sys.executable, "-m", "tests.concurrency_child", "visitor", str(book_path),
         str(ROUNDS)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    commands = [subprocess.Popen([sys.executable, "main.py", "--db", str(book_path), *args],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
                for args in (["info"], ["score"], ["info", "--json"])]
    saved = 0
    while visitor.poll() is None or saved < 3:
        window.book.reader.add(Customer(name=f"holder-{saved}"))  # a save in the window
        saved += 1
        window.book_changed()  # every view reads again on worker connections
        if saved % 5 == 1:
            window.rescore()
        qtbot.wait(30)
    _out, err = visitor.communicate(timeout=120)
    assert visitor.returncode == 0, err
    for command in commands:
        _out, err = command.communicate(timeout=120)
        assert command.returncode == 0, err
        assert "Traceback" not in err
    qtbot.waitUntil(lambda: window.task_status.current() is None, timeout=60_000)
    # The window sees the commands' rows without being told (PRAGMA data_version poll).
    expected = len(demo_names) + saved + ROUNDS
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == expected, timeout=15_000)
    window.close()
    names = _names(book_path)
    assert len(names) == expected
    assert set(names) == (set(demo_names) | {f"holder-{n}" for n in range(saved)}
                          | {f"visitor-{n}" for n in range(ROUNDS)})


def test_a_command_line_write_reaches_the_open_window(qtbot, book_path: Path,  # type: ignore[no-untyped-def]
                                                      settings: Settings) -> None:
    window = open_window(qtbot, book_path, settings)
    wait_idle(qtbot, window)
    before = window.customers.model.rowCount()
    done = subprocess.run(
        [sys.executable, "-m", "tests.concurrency_child", "visitor", str(book_path), "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == before + 1, timeout=10_000)
    assert window.statusBar().currentMessage() == \
        "Changes saved by another program were loaded."
    window.close()
