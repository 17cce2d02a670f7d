"""Export all data on the full-size book (100,000 customers, about 1,000,000 sales lines): the
time and peak memory of ``export_book`` against a bare openpyxl write-only dump of the same
cells (the same queries, the same words, one sheet per kind) measured in the same run, each in
a process of its own; then that workbook imported into an empty book.

    python -m tests.benchmarks book [--db PATH]      (KEYPLAN_BENCH_NO_IMPORT=1: the export only)

The book is copied first, so the given (or cached) file is never written to.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_excel import scratch_copy
from tests.benchmarks.common import CACHE, ROOT, arguments, full_size_db
from tests.benchmarks.limits import verdict

#: Seconds for the whole book: about 18 million cells, five times the portfolio's 3.5
#: million (whose limit is 20 s), on a laptop's two cores.
EXPORT_LIMIT = 100.0
EXPORT_MEMORY_MB = 500
#: The streamed export against openpyxl's own write-only writer of the same cells: the load
#: of a shared machine slows both, so the ratio is the steadier figure.
RATIO_LIMIT = 0.5

_PEAK = """
def peak_mb():
    try:  # Linux: this process's own high-water mark
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_EXPORT_CHILD = _PEAK + """
import json, sys, time
from storage.database import Database
from storage.export_book import export_book
with Database(sys.argv[1]) as db:
    started = time.perf_counter()
    result = export_book(db, sys.argv[2], lang="zh_CN")
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rows": result.rows, "sheets": result.sheets,
                  "peak_mb": peak_mb()}))
"""

_BARE_CHILD = _PEAK + """
import json, sys, time
import openpyxl
from storage.database import Database
from storage.export_book import _records
from storage.export_book_sheets import SHEETS
from storage.export_labels import Labels
labels = Labels("zh_CN")
with Database(sys.argv[1]) as db:
    started = time.perf_counter()
    workbook = openpyxl.Workbook(write_only=True)
    cells = 0
    for spec in SHEETS:
        sheet = workbook.create_sheet(labels(spec.name)[:31])
        sheet.append([labels(c.label) for c in spec.columns])
        for values in _records(db, spec, labels):  # the export's own cells, read as it reads
            cells += sum(1 for v in values if v is not None and v != "")
            sheet.append(list(values))
    workbook.save(sys.argv[2])
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "cells": cells, "peak_mb": peak_mb()}))
"""

_IMPORT_CHILD = _PEAK + """
import json, sys, time
from storage.database import Database
import storage.importer.workbook as workbook
from storage.importer.workbook import import_book
highs = {}
read_sheet = workbook._sheet
def measured(*args):  # the high-water mark after each sheet, to see which one sets it
    found = read_sheet(*args)
    highs[found.sheet] = round(peak_mb())
    return found
workbook._sheet = measured
with Database(sys.argv[1], new_book=True) as db:
    started = time.perf_counter()
    result = import_book(db, sys.argv[2])
    seconds = time.perf_counter() - started
    counts = {t: db.scalar(f"SELECT count(*) FROM {t}") for t in (
        "customers", "contacts", "transactions", "interactions", "needs", "assessments")}
print(json.dumps({"seconds": seconds, "written": result.written, "created": result.created,
                  "bad": result.bad_rows, "counts": counts, "peak_mb": peak_mb(),
                  "highs": highs}))
"""


def _child(code: str, *argv: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _import(workbook: Path) -> None:
    """The export imported into an empty book, with the high-water mark after each sheet."""
    target = CACHE / "bench-book-import.db"
    for leftover in CACHE.glob(target.name + "*"):
        leftover.unlink()
    imported = _child(_IMPORT_CHILD, str(target), str(workbook))
    verdict(f"import book into an empty book: {imported['created']:,} records",
            imported["seconds"],
            extra=f"(written {imported['written']}, {imported['bad']} bad rows, peak "
                  f"{imported['peak_mb']:.0f} MB, after each sheet {imported['highs']}; "
                  f"{imported['counts']})")
    from storage.backup_files import backup_folder

    shutil.rmtree(backup_folder(target), ignore_errors=True)  # the import's backup of it


def main() -> None:
    args = arguments(__doc__ or "")
    print("== Export all data (and import it back) ==")
    print(f"  (load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; other "
          "processes slow every figure here, baselines included)")
    source = args.db or full_size_db()
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="bench-book-") as name:
        folder = Path(name)
        book = scratch_copy(source, "bench-book-scratch.db")
        out, bare_out = folder / "all.xlsx", folder / "bare.xlsx"
        exported = _child(_EXPORT_CHILD, str(book), str(out))
        bare = _child(_BARE_CHILD, str(book), str(bare_out))
        memory_ok = exported["peak_mb"] <= EXPORT_MEMORY_MB
        verdict(f"export book: {exported['rows']:,} records, {len(exported['sheets'])} sheets",
                exported["seconds"], limit=EXPORT_LIMIT, baseline=bare["seconds"],
                ratio_limit=RATIO_LIMIT,
                extra=f"(bare openpyxl write-only dump of the same {bare['cells']:,} cells: "
                      f"{bare['seconds']:.1f} s, peak {bare['peak_mb']:.0f} MB, file "
                      f"{bare_out.stat().st_size / 1e6:.0f} MB; export peak "
                      f"{exported['peak_mb']:.0f} MB, limit {EXPORT_MEMORY_MB} MB "
                      f"{'PASS' if memory_ok else 'FAIL'}; file "
                      f"{out.stat().st_size / 1e6:.0f} MB)")
        if not os.environ.get("KEYPLAN_BENCH_NO_IMPORT"):
            _import(out)
    for leftover in CACHE.glob("bench-book-*.db*"):
        leftover.unlink()
    print(f"  (load average after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
