"""Rescore a book in a process of its own: ``python -m ui.gui.background.rescore_process BOOK
[AS_OF]``.

Scoring 100,000 customers keeps Python busy for seconds in long numpy and sorting calls that
hold the interpreter lock; on a thread of the app that would stall the UI for hundreds of
milliseconds at a time. A separate process has its own lock, and cancelling it is a kill:
the rescore is one transaction, so the book stays exactly as it was. No Qt here; prints one
line of JSON with what changed.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from models.enums import SnapshotPeriod
    from storage.book import Book

    as_of = date.fromisoformat(args[1]) if len(args) > 1 else date.today()
    with Book(Path(args[0])) as book:
        result = book.scoring.rescore(as_of, snapshot=SnapshotPeriod.MONTH)
        snapshot = result.snapshot
        assert snapshot is not None
    print(json.dumps({
        "customers": result.summary.customers, "changed_tier": result.changed_tier,
        "changed_rows": result.changed_rows,
        "newly_scored": result.newly_scored, "snapshot_period": snapshot.period,
        "seconds": result.seconds,
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
