"""Smoke-run the one-folder build: python packaging/smoke.py [dist/KeyPlan/KeyPlan]."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROGRAM = ROOT / "dist" / "KeyPlan" / ("KeyPlan.exe" if os.name == "nt" else "KeyPlan")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"


def fresh_environment(home: Path) -> dict[str, str]:
    """This environment with an empty home (and user folders on Windows), Qt offscreen."""
    env = {**os.environ, "HOME": str(home), "USERPROFILE": str(home),
           "QT_QPA_PLATFORM": "offscreen"}
    for name in ("APPDATA", "LOCALAPPDATA", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                 "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("MPLCONFIGDIR", None)
    return env


def step(program: Path, args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run the program with args; fail loudly unless it exits 0. Returns its stdout."""
    started = time.monotonic()
    done = subprocess.run([str(program), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=300,
                          check=False)
    seconds = time.monotonic() - started
    print(f"  {seconds:5.2f} s  KeyPlan {' '.join(args)}", flush=True)
    boxes = "Glyph" in done.stderr and "missing from" in done.stderr  # Chinese drawn as boxes
    if done.returncode != 0 or "Traceback" in done.stderr or boxes:
        sys.exit(f"smoke: 'KeyPlan {' '.join(args)}' exited {done.returncode}\n"
                 f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}")
    return done.stdout


def expect_file(path: Path, magic: bytes) -> None:
    if not path.is_file() or not path.read_bytes().startswith(magic):
        sys.exit(f"smoke: {path.name} was not written (or is not the expected kind of file)")


def first_customer_code(book: Path) -> str:
    with sqlite3.connect(book) as connection:
        row = connection.execute(
            "SELECT code FROM customers WHERE deleted_at IS NULL ORDER BY code LIMIT 1"
        ).fetchone()
    if row is None:
        sys.exit("smoke: the demo book has no customers")
    return str(row[0])


def main(argv: list[str]) -> int:
    program = Path(argv[0]).resolve() if argv else DEFAULT_PROGRAM
    if not program.is_file():
        sys.exit(f"smoke: no build at {program} (run: python3 dev.py build)")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="keyplan-smoke-") as temp:
        work = Path(temp)
        home = work / "home"
        home.mkdir()
        env = fresh_environment(home)
        book = work / "smoke.db"
        print(f"Smoke-running {program} in {work}:", flush=True)
        if "KeyPlan" not in step(program, ["--version"], env, work):
            sys.exit("smoke: --version did not name KeyPlan")
        step(program, ["--db", str(book), "demo", "--customers", "200"], env, work)
        step(program, ["--db", str(book), "score"], env, work)
        if '"customers": 200' not in step(program, ["--db", str(book), "info", "--json"],
                                          env, work):
            sys.exit("smoke: info --json does not count the 200 demo customers")
        # The window (team sync's folder watch in it) loads watchdog, which picks its
        # observer for this system as it loads: a missing one would stop the screenshot.
        step(program, ["--db", str(book), "screenshot", "out.png"], env, work)
        expect_file(work / "out.png", PNG_MAGIC)
        step(program, ["--db", str(book), "screenshot", "zh.png", "--lang", "zh_CN",
                       "--view", "dashboard"], env, work)
        expect_file(work / "zh.png", PNG_MAGIC)
        code = first_customer_code(book)
        step(program, ["--db", str(book), "export", "plan", code, "-o", "plan.xlsx"], env, work)
        expect_file(work / "plan.xlsx", ZIP_MAGIC)
        step(program, ["--db", str(book), "chart", "pareto", "-o", "pareto.svg", "--lang",
                       "zh_CN"], env, work)
        expect_file(work / "pareto.svg", b"<?xml")
        # icalendar and its time zones travel with the build (the calendar export).
        step(program, ["--db", str(book), "export", "calendar", "-o", "cal.ics", "--lang",
                       "zh_CN"], env, work)
        expect_file(work / "cal.ics", b"BEGIN:VCALENDAR")
        # The window rescores large books in a child process: `KeyPlan -m
        # ui.gui.background.rescore_process`.
        child = ["-m", "ui.gui.background.rescore_process", str(book)]
        if '"customers": 200' not in step(program, child, env, work):
            sys.exit("smoke: the rescoring child process did not report the book")
        # Imports read spreadsheets with python-calamine in a child process: `KeyPlan -m
        # storage.sheet_process` (its output is pickled frames; the sheet name shows in them).
        xls = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "sales.xls"
        reader = ["-m", "storage.sheet_process", "head", str(xls), "", "0", "3072"]
        if "销售明细" not in step(program, reader, env, work):
            sys.exit("smoke: the spreadsheet reader did not read tests/corpus/sales.xls")
    print(f"Smoke run passed in {time.monotonic() - started:.1f} s.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
