"""Soak: the full-size book (100,000 customers, ~1,000,000 transactions, 200,000
interactions) is opened, checked, rescored, backfilled, exported, imported into, backed up and
restored, end to end, on a private copy; every step is timed and must not fail."""

from __future__ import annotations

import csv
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import arguments, full_size_db, report

MIN_CUSTOMERS = 100_000
MIN_TRANSACTIONS = 950_000
MIN_INTERACTIONS = 200_000


def _step(name: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    report(name, time.perf_counter() - started)
    return result


def main() -> None:
    args = arguments(__doc__ or "")
    from storage.backup import copy_database, list_backups, restore_backup, verify_backup
    from storage.database import Database
    from storage.export_plan import export_plan
    from storage.export_portfolio import export_portfolio
    from storage.importer.run import run_import

    print("== Soak (full-size book, end to end) ==")
    source = args.db or full_size_db()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        work = Path(folder)
        book = work / "soak.db"
        raw_copy = work / "raw-copy.db"
        started = time.perf_counter()
        raw_copy.write_bytes(source.read_bytes())
        raw_seconds = time.perf_counter() - started
        src = sqlite3.connect(source)
        started = time.perf_counter()
        copy_database(src, book)
        backup_seconds = time.perf_counter() - started
        src.close()
        raw_copy.unlink()
        size = book.stat().st_size
        report(f"online backup of the book ({size / 1e6:.0f} MB)", backup_seconds,
               baseline=raw_seconds, extra=f"(plain file copy {raw_seconds:.1f} s)")

        db = _step("open", lambda: Database(book))
        counts = db.info().counts
        print(f"  {counts['customers']:,} customers, {counts['transactions']:,} transactions, "
              f"{counts['interactions']:,} interactions, {counts['contacts']:,} contacts")
        if (counts["customers"] < MIN_CUSTOMERS or counts["transactions"] < MIN_TRANSACTIONS
                or counts["interactions"] < MIN_INTERACTIONS):
            print("  warning: the book is smaller than the soak's target size")
        _step("quick_check", lambda: db.scalar("PRAGMA quick_check"))
        _step("rescore", lambda: db.rescore())
        _step("backfill 12 monthly snapshots", lambda: db.backfill_snapshots(12))
        top = db.scalar("SELECT customer_id FROM customer_metrics ORDER BY revenue_12m DESC "
                        "LIMIT 1")
        _step("export one account plan", lambda: export_plan(db, top, work / "plan.xlsx"))
        _step("export the portfolio", lambda: export_portfolio(db, work / "portfolio.xlsx"))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak resident memory so far: {peak_mb:.0f} MB")

        csv_path = work / "transactions.csv"
        codes = [r[0] for r in db.conn.execute("SELECT code FROM customers LIMIT 5000")]
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["客户编号", "日期", "金额", "毛利"])
            for i in range(50_000):
                writer.writerow([codes[i % len(codes)], "2026-06-15", f"{1000 + i:.2f}",
                                 f"{200 + i % 50:.2f}"])
        result = _step("import 50,000 transactions from CSV",
                       lambda: run_import(db, csv_path, "transactions"))
        print(f"  imported {result.created:,} rows, {result.rejected} rejected")
        _step("rescore after the import", lambda: db.rescore())
        info = _step("backup (online API, checked)", lambda: db.backup("manual"))
        print(f"  backup {info.size / 1e6:.0f} MB, {len(list_backups(book))} backup(s) kept")
        db.close()
        _step("verify the backup (integrity_check)", lambda: verify_backup(info.path))
        _step("restore from the backup", lambda: restore_backup(book, info.path))
        with Database(book) as reopened:
            ok = reopened.scalar("PRAGMA quick_check")
            print(f"  after restore: quick_check {ok}, "
                  f"{reopened.customer_count():,} customers")


if __name__ == "__main__":
    main()
