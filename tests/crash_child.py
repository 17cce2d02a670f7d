"""Child process of the crash-safety test: runs one operation on a book, to be killed mid-way.

Prints ``start`` just before the operation and ``done`` after it has committed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from models.entities import Customer, Transaction
from storage.database import Database
from storage.demo import generate_demo


def main(operation: str, path: str, seed: int) -> None:
    db = Database(path)
    work: Callable[[], object]
    if operation == "bulk":
        work = lambda: generate_demo(db, 150, seed=seed, anchor=date(2026, 6, 30))  # noqa: E731
    elif operation == "edits":
        customer = db.list_customers().rows[0]
        records = [Transaction(customer_id=customer.id, date=date(2026, 1, 1 + i % 28),
                               amount=1000 + seed, reference=f"S{seed}-{i}") for i in range(150)]
        work = lambda: db.add_many(records)  # noqa: E731
    elif operation == "update":
        first = db.get(Customer, db.list_customers().rows[0].id)
        from dataclasses import replace

        changed = replace(first, owner=f"owner-{seed}", city=f"city-{seed}",
                          notes=f"note {seed}\n" * 200)
        work = lambda: db.update(changed)  # noqa: E731
    elif operation == "rescore":
        work = lambda: rescore(db, seed)  # noqa: E731
    else:
        raise SystemExit(f"unknown operation {operation}")
    print("start", flush=True)
    work()
    print("done", flush=True)
    db.close()


def rescore(db: Database, seed: int) -> None:
    """The book-wide recomputation: the value engine's rescore when present, else activity."""
    rescore_book = getattr(db, "rescore", None)
    if rescore_book is not None:
        rescore_book(as_of=date(2026, 6, 30 - seed % 20))
    else:
        db.refresh_activity(date(2026, 6, 30 - seed % 20))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
