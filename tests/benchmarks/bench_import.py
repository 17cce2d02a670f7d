"""Import figures (issue 15) on the full-size book, each against a raw baseline measured in
the same run:

- 1,000,000 CSV lines: the import against the csv module's parse plus a bare executemany of
  the same rows into an empty copy of the table, then its indexes (limit 1.6x); the
  pre-import backup and the rescore timed apart;
- 100,000 .xlsx rows: the import against python-calamine's parse plus the same bare insert
  (limit 2x and 6 s);
- a sheet declaring A1:XFD1048576 with 100 real rows: opened and read (limit 2 s);
- peak memory of the importing process and of the sheet reader child (limit 500 MB each).

    python -m tests.benchmarks import [--db PATH]
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_excel import TX_HEADER, TX_SQL, empty_of_transactions, scratch_copy
from tests.benchmarks.common import ANCHOR, CACHE, ROOT, arguments, full_size_db, report, timed

CSV_RATIO = 1.6
XLSX_RATIO = 2.0
XLSX_LIMIT = 6.0
XLSX_ROWS = 100_000
DECLARED_LIMIT = 2.0
MEMORY_MB = 500


class WithoutBackup:
    """The book as the importer sees it, minus the pre-import backup (timed apart)."""

    path = ":memory:"

    def __init__(self, db: Any) -> None:
        self._db = db

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _peak_mb() -> float:
    """This process's high-water mark (Linux VmHWM; ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status") as status:  # not a book: the process's own status
            return next(int(line.split()[1]) for line in status
                        if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _stored_rows(target: Path) -> tuple[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(target) as conn:
        columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_xinfo(transactions)")
                            if r[6] == 0)
        rows = conn.execute(f"SELECT {columns} FROM transactions").fetchall()
    conn.close()
    return columns, rows


def _raw_insert(target: Path, columns: str, rows: list[tuple[Any, ...]]) -> float:
    """A bare executemany of ``rows`` into an empty copy of the table, then its indexes, in
    one transaction on a connection set up as the book's (WAL, synchronous, 64 MB cache).

    Building the indexes after the rows is how anyone loads a million rows: with them in
    place (and SQLite's default 2 MB cache) the same executemany took 72 s on this machine,
    a baseline no import could miss."""
    from storage.connection import PRAGMAS

    with sqlite3.connect(target) as conn:
        schema = conn.execute("SELECT type, sql FROM sqlite_master WHERE tbl_name = "
                              "'transactions' AND sql IS NOT NULL").fetchall()
    conn.close()
    path = CACHE / "bench-import-raw.db"
    for leftover in CACHE.glob(path.name + "*"):
        leftover.unlink()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    for pragma in PRAGMAS:
        raw.execute(pragma)
    tables = [sql for kind, sql in schema if kind == "table"]
    indexes = [sql for kind, sql in schema if kind == "index"]
    for sql in tables:
        raw.execute(sql.replace("REFERENCES customers(id)", ""))
    started = time.perf_counter()
    raw.execute("BEGIN")
    raw.executemany(f"INSERT INTO transactions ({columns}) "
                    f"VALUES ({','.join('?' * len(rows[0]))})", rows)
    for sql in indexes:
        raw.execute(sql)
    raw.execute("COMMIT")
    seconds = time.perf_counter() - started
    raw.close()
    for leftover in CACHE.glob(path.name + "*"):
        leftover.unlink()
    return seconds


_IMPORT_CHILD = """
import json, sys, time
from storage.database import Database
from storage.importer import run_import
from tests.benchmarks.bench_import import WithoutBackup, _children_peak_mb, _peak_mb
with Database(sys.argv[1]) as db:
    started = time.perf_counter()
    result = run_import(WithoutBackup(db), sys.argv[2], "transactions", skip_invalid=False)
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "created": result.created, "rejected": result.rejected,
                  "peak_mb": _peak_mb(), "reader_peak_mb": _children_peak_mb()}))
"""


def _import(target: Path, path: Path) -> dict[str, Any]:
    """The import in a process of its own, so that its peak memory is its own."""
    child = subprocess.run([sys.executable, "-c", _IMPORT_CHILD, str(target), str(path)],
                           capture_output=True, text=True, cwd=ROOT, check=True)
    figures: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return figures


def _memory(figures: dict[str, Any]) -> str:
    worst = max(figures["peak_mb"], figures["reader_peak_mb"])
    return (f"peak memory {figures['peak_mb']:.0f} MB, sheet reader "
            f"{figures['reader_peak_mb']:.0f} MB, limit {MEMORY_MB} MB "
            f"{'OK' if worst <= MEMORY_MB else 'OVER'}")


def bench_csv(book: Path, folder: Path) -> None:
    from storage.database import Database

    rows_file = folder / "transactions.csv"
    conn = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True)
    with rows_file.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(TX_HEADER)
        for row in conn.execute(TX_SQL):
            out.writerow(["" if v is None else v for v in row])
    conn.close()
    target = empty_of_transactions(book, "bench-import-csv.db")

    def parse() -> int:
        with rows_file.open(encoding="utf-8", newline="") as handle:
            return sum(1 for _ in csv.reader(handle))

    parse_seconds, lines = timed(parse)
    figures = _import(target, rows_file)
    columns, rows = _stored_rows(target)
    insert_seconds = _raw_insert(target, columns, rows)
    raw = parse_seconds + insert_seconds
    report(f"CSV import: {figures['created']:,} of {lines - 1:,} lines", figures["seconds"],
           baseline=raw, limit=raw * CSV_RATIO,
           extra=f"(raw: csv parse {parse_seconds:.1f} s + executemany and indexes "
                 f"{insert_seconds:.1f} s "
                 f"= {raw:.1f} s; limit {CSV_RATIO}x; {figures['rejected']} rejected; "
                 f"{_memory(figures)})")
    with Database(target) as db:
        backup_seconds, _ = timed(lambda: db.start_backup("import").finish())
        rescore_seconds, _ = timed(lambda: db.rescore(ANCHOR))
    print(f"  (apart: the pre-import backup of this {target.stat().st_size / 1e6:.0f} MB book "
          f"{backup_seconds:.1f} s, run beside the import; the rescore after it "
          f"{rescore_seconds:.1f} s)")


def bench_xlsx(book: Path, folder: Path) -> None:
    import openpyxl
    import python_calamine

    path = folder / "transactions.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("明细")
    sheet.append(["2026 年销售明细"])
    sheet.append(TX_HEADER)
    conn = sqlite3.connect(f"{book.resolve().as_uri()}?mode=ro", uri=True)
    for row in conn.execute(TX_SQL + f" LIMIT {XLSX_ROWS}"):
        sheet.append(list(row))
    conn.close()
    workbook.save(path)
    target = empty_of_transactions(book, "bench-import-xlsx.db")

    def parse() -> int:
        data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_name("明细")
        return sum(1 for _ in data.iter_rows())

    parse_seconds, _ = timed(parse)
    figures = _import(target, path)
    columns, rows = _stored_rows(target)
    insert_seconds = _raw_insert(target, columns, rows)
    raw = parse_seconds + insert_seconds
    report(f"xlsx import: {figures['created']:,} rows", figures["seconds"], baseline=raw,
           limit=min(XLSX_LIMIT, raw * XLSX_RATIO),
           extra=f"(raw: calamine parse {parse_seconds:.1f} s + executemany and indexes "
                 f"{insert_seconds:.1f} s = {raw:.1f} s; limits {XLSX_RATIO}x and "
                 f"{XLSX_LIMIT:.0f} s; file {path.stat().st_size / 1e6:.1f} MB; "
                 f"{_memory(figures)})")


def bench_declared(folder: Path) -> None:
    import openpyxl

    from storage.importer import ImportKind, open_table

    path = folder / "declared.xlsx"
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(TX_HEADER)
    for number in range(100):
        ws.append([f"C{number}", "2026-05-01", number, None, None, None, f"N{number}", "x"])
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"',
        parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    def read() -> int:
        return sum(1 for _ in open_table(path, ImportKind.TRANSACTIONS).rows())

    seconds, rows = timed(read, repeat=3)
    report(f"sheet declaring A1:XFD1048576, {rows} real rows", seconds, limit=DECLARED_LIMIT)


def main() -> None:
    args = arguments(__doc__ or "")
    print("== Import ==")
    print(f"  (load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; other "
          "processes slow every figure here, baselines included)")
    source = args.db or full_size_db()
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="bench-import-") as name:
        folder = Path(name)
        book = scratch_copy(source, "bench-import-scratch.db")
        bench_declared(folder)
        bench_xlsx(book, folder)
        bench_csv(book, folder)
    for leftover in CACHE.glob("bench-import-*.db*"):
        leftover.unlink()
    print(f"  (load average after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
