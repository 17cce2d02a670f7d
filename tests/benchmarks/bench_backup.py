"""Backup figures on the full-size book: a compressed, verified backup (online copy, zstd,
integrity_check, read-back) against a plain online backup (SQLite backup API to a file)
measured in the same run, the compressed size, and a restore of the compressed backup.

    python -m tests.benchmarks backup [--db PATH]

Goal: the compressed, verified backup within 3x the plain one. The book is only read.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import CACHE, arguments, full_size_db, report

RATIO_GOAL = 3.0


def _plain_backup(source: Path, target: Path) -> float:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    started = time.perf_counter()
    src.backup(dst, pages=4096)
    seconds = time.perf_counter() - started
    dst.close()
    src.close()
    return seconds


def main() -> None:
    args = arguments(__doc__ or "")
    from storage import backup_write, backup_zstd
    from storage.backup import create_backup, restore_backup

    print("== Backup (full-size book) ==")
    source = args.db or full_size_db()
    size = source.stat().st_size
    print(f"  book {size / 1e6:.0f} MB; zstd level {backup_zstd.LEVEL}, "
          f"{backup_zstd.WORKERS} worker thread(s), {os.cpu_count()} core(s)")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        work = Path(folder)
        plain = work / "plain.db"
        plain_seconds = _plain_backup(source, plain)
        plain.unlink()
        report("plain online backup (backup API to a file)", plain_seconds)

        book = work / "book.db"  # only names the backup folder: the copy reads ``conn``
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        phases: dict[str, float] = {}
        for name in ("online_copy", "compress_file", "decompress_file"):
            original = getattr(backup_write, name)

            def timed_phase(*a, _f=original, _n=name, **k):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                try:
                    return _f(*a, **k)
                finally:
                    phases[_n] = phases.get(_n, 0.0) + time.perf_counter() - started

            setattr(backup_write, name, timed_phase)
        started = time.perf_counter()
        info = create_backup(conn, book, "manual")
        seconds = time.perf_counter() - started
        conn.close()
        ok = report("compressed, verified backup", seconds, limit=plain_seconds * RATIO_GOAL,
                    baseline=plain_seconds,
                    extra=f"{info.size / 1e6:.0f} MB ({size / info.size:.1f}x smaller)")
        print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items())
              + f"; integrity_check ran beside compress_file (total "
              f"{seconds - sum(phases.values()):.1f} s not in a phase)")
        if not ok:
            print(f"  goal {RATIO_GOAL:.0f}x the plain backup not met")

        target = work / "restored.db"
        started = time.perf_counter()
        restore_backup(target, info.path)
        report("restore of the compressed backup (checked)", time.perf_counter() - started,
               baseline=plain_seconds)


if __name__ == "__main__":
    main()
