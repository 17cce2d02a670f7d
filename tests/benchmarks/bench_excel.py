"""Excel figures on the full-size book: portfolio export of 100,000 customers (time, peak
memory, ratio to a bare openpyxl write-only dump of the same cells), one account-plan export,
1,000,000 transaction rows imported from CSV and 100,000 from .xlsx, with raw baselines.

    python -m tests.benchmarks excel [--db PATH]

The book is copied first, so the given (or cached) file is never written to.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import ANCHOR, CACHE, ROOT, arguments, full_size_db, report, timed

EXPORT_LIMIT = 20.0
EXPORT_MEMORY_MB = 500
PLAN_LIMIT = 1.0
CSV_IMPORT_LIMIT = 30.0
XLSX_IMPORT_LIMIT = 30.0
XLSX_ROWS = 100_000
TX_HEADER = ["客户编号", "日期", "金额", "毛利", "到期日", "付款日", "单号", "产品"]
TX_SQL = ("SELECT c.code, t.date, t.amount, t.profit, t.due_date, t.paid_date, t.reference, "
          "t.product FROM transactions t JOIN customers c ON c.id = t.customer_id "
          "WHERE t.deleted_at IS NULL")

_EXPORT_CHILD = """
import json, resource, sys, time
from datetime import date
from storage.database import Database
from storage.export_portfolio import export_portfolio
with Database(sys.argv[1]) as db:
    started = time.perf_counter()
    result = export_portfolio(db, sys.argv[2], lang="zh_CN", today=date.fromisoformat(sys.argv[3]))
    seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # Linux: this process's own high-water mark (ru_maxrss also counts the parent's at fork)
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
except OSError:
    pass
print(json.dumps({"seconds": seconds, "rows": result.rows, "maxrss_mb": peak}))
"""


def scratch_copy(source: Path, name: str) -> Path:
    """A private, migrated copy of ``source`` to write to."""
    target = CACHE / name
    for leftover in CACHE.glob(target.name + "*"):
        leftover.unlink()
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode = WAL")
    from sqlite_utils import Database as SqliteUtilsDatabase

    from storage.migrations import migrations

    migrations.apply(SqliteUtilsDatabase(dst))
    dst.close()
    return target


def bench_portfolio(book: Path, folder: Path) -> None:
    from storage.database import Database
    from storage.export_labels import Labels
    from storage.export_portfolio import _SQL, _Words
    from storage.export_portfolio_competition import CompetitionWords
    from storage.export_portfolio_segments import SEGMENT_SELECT, SegmentWords

    with Database(book) as db:
        seconds, _ = timed(lambda: db.rescore(ANCHOR))
        print(f"  (book scored first: rescore of {db.customer_count():,} customers "
              f"{seconds:.1f} s)")
    # The export runs in a fresh process so its peak memory is its own.
    out = folder / "portfolio.xlsx"
    child = subprocess.run([sys.executable, "-c", _EXPORT_CHILD, str(book), str(out),
                            ANCHOR.isoformat()], capture_output=True, text=True, cwd=ROOT,
                           check=True)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    with Database(book) as db:
        labels = Labels("zh_CN")
        words = _Words(labels, SegmentWords(db, labels), CompetitionWords(db, labels))
        cells = [words.values(r) for r in db.conn.execute(
            _SQL.format(tier_filter="", segments=SEGMENT_SELECT, scan="NOT INDEXED"))]

    # Baseline: the same cells (already fetched and translated) through openpyxl's own
    # write-only API, no styles, in this process.
    import openpyxl

    def bare_dump() -> None:
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in cells:
            sheet.append(row)
        workbook.save(folder / "bare.xlsx")

    bare, _ = timed(bare_dump)
    count = sum(1 for row in cells for v in row if v is not None)
    report(f"portfolio export: {figures['rows']:,} customers", figures["seconds"],
           limit=EXPORT_LIMIT, baseline=bare,
           extra=f"(bare openpyxl write-only dump of the same {count:,} cells: {bare:.1f} s; "
                 f"peak memory {figures['maxrss_mb']:.0f} MB, limit {EXPORT_MEMORY_MB} MB "
                 f"{'OK' if figures['maxrss_mb'] <= EXPORT_MEMORY_MB else 'OVER'}; "
                 f"file {out.stat().st_size / 1e6:.0f} MB)")


def bench_plan(book: Path, folder: Path) -> None:
    from models.enums import ObjectiveKind
    from models.plans import AccountPlan, Objective, PlanAction
    from storage.database import Database
    from storage.export_plan import export_plan

    with Database(book) as db:
        customer_id = db.scalar("SELECT customer_id FROM customer_metrics "
                                "ORDER BY revenue_12m DESC LIMIT 1")
        if db.plan_for(customer_id, "2026-H1") is None:
            objective = Objective(kind=ObjectiveKind.REVENUE, description="Revenue",
                                  target_value=1e7)
            db.save_plan(AccountPlan(customer_id=customer_id, period="2026-H1",
                                     objectives=[objective],
                                     actions=[PlanAction(what="Review", due_date=ANCHOR)]))
        seconds, result = timed(lambda: export_plan(db, customer_id, folder / "plan.xlsx",
                                                    today=ANCHOR), repeat=3)
    report("account plan export (one customer, 7 sheets, 2 charts)", seconds, limit=PLAN_LIMIT,
           extra=f"({result.rows} rows)")


def empty_of_transactions(source: Path, name: str) -> Path:
    """A copy of the book with its customers and no transactions: the first import."""
    path = scratch_copy(source, name)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM transactions")
        conn.execute("DELETE FROM change_log")
    conn.execute("VACUUM")
    conn.close()
    return path


def bench_csv_import(source: Path, folder: Path) -> None:
    from storage.database import Database
    from storage.importer import run_import

    rows_file = folder / "transactions.csv"
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    with rows_file.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(TX_HEADER)
        for row in conn.execute(TX_SQL):
            out.writerow(["" if v is None else v for v in row])
    conn.close()
    target = empty_of_transactions(source, "bench-excel-import.db")

    def read_only() -> int:
        with rows_file.open(encoding="utf-8", newline="") as handle:
            return sum(1 for _ in csv.reader(handle))

    read_seconds, _ = timed(read_only)
    with Database(target) as db:
        started = time.perf_counter()
        result = run_import(db, rows_file, "transactions", skip_invalid=False)
        seconds = time.perf_counter() - started
        # The stored columns only: the generated day numbers (m007) are computed on insert.
        columns = ", ".join(r[1] for r in db.conn.execute("PRAGMA table_xinfo(transactions)")
                            if r[6] == 0)
        rows = db.conn.execute(f"SELECT {columns} FROM transactions").fetchall()
    raw_seconds = raw_executemany(target, columns, rows)
    report(f"CSV import: {result.created:,} transaction rows", seconds, limit=CSV_IMPORT_LIMIT,
           baseline=raw_seconds,
           extra=f"(csv module read alone {read_seconds:.1f} s; executemany of the same rows "
                 f"alone {raw_seconds:.1f} s; file {rows_file.stat().st_size / 1e6:.0f} MB; "
                 f"{result.rejected} rejected)")


def raw_executemany(book: Path, columns: str, rows: list[tuple[object, ...]]) -> float:
    """Bare executemany of ``rows`` into an empty table with the same schema and indexes."""
    with sqlite3.connect(book) as conn:
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'transactions' "
                              "AND sql IS NOT NULL").fetchall()
    path = CACHE / "bench-excel-raw.db"
    path.unlink(missing_ok=True)
    raw = sqlite3.connect(path)
    for (sql,) in schema:
        raw.execute(sql.replace("REFERENCES customers(id)", ""))
    started = time.perf_counter()
    with raw:
        raw.executemany(f"INSERT INTO transactions ({columns}) "
                        f"VALUES ({','.join('?' * len(rows[0]))})", rows)
    seconds = time.perf_counter() - started
    raw.close()
    path.unlink()
    return seconds


def bench_xlsx_import(source: Path, folder: Path) -> None:
    import openpyxl

    from storage.database import Database
    from storage.importer import run_import

    path = folder / "transactions.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("明细")
    sheet.append(["2026 年销售明细"])
    sheet.append(TX_HEADER)
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    for row in conn.execute(TX_SQL + f" LIMIT {XLSX_ROWS}"):
        sheet.append(list(row))
    conn.close()
    workbook.save(path)
    target = empty_of_transactions(source, "bench-excel-import.db")

    def read_only() -> int:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for _ in book["明细"].iter_rows(values_only=True))
        book.close()
        return count

    read_seconds, _ = timed(read_only)
    with Database(target) as db:
        started = time.perf_counter()
        result = run_import(db, path, "transactions", skip_invalid=False)
        seconds = time.perf_counter() - started
    report(f"xlsx import: {result.created:,} transaction rows", seconds,
           limit=XLSX_IMPORT_LIMIT, baseline=read_seconds,
           extra=f"(openpyxl read-only iteration alone {read_seconds:.1f} s)")


def main() -> None:
    args = arguments(__doc__ or "")
    print("== Excel export and import ==")
    print(f"  (load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; other "
          "processes slow every figure here, baselines included)")
    source = args.db or full_size_db()
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="bench-excel-") as name:
        folder = Path(name)
        book = scratch_copy(source, "bench-excel-scratch.db")
        bench_portfolio(book, folder)
        bench_plan(book, folder)
        bench_csv_import(book, folder)
        bench_xlsx_import(book, folder)
    for leftover in CACHE.glob("bench-excel-*.db*"):
        leftover.unlink()
    print(f"  (load average after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
