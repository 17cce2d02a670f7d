"""Child process of the two-process sync test: one member's book, working and syncing.

``python -m tests.sync_child NAME BOOK FOLDER ROUNDS SHARED_ID``: each round adds a customer
``NAME-N``, writes the round into the shared customer's notes and syncs through FOLDER
(push, then pull) while the other member does the same; then it goes on syncing until it
holds both members' customers (or a minute passes) and prints ``done N`` with how many
customers it holds.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from models.entities import Customer
from storage.book import Book


def main(name: str, path: str, folder: str, rounds: int, shared_id: str) -> None:
    shared = Path(folder)
    with Book(path) as book:
        for number in range(rounds):
            book.customers.add(Customer(name=f"{name}-{number}"))
            current = book.customers.get(shared_id)
            book.customers.update(replace(current, notes=f"{name} round {number}"))
            book.sync.push(shared)
            book.sync.pull(shared)
            time.sleep(random.uniform(0, 0.02))
        deadline = time.monotonic() + 60
        while book.customers.count() < 2 * rounds + 1 and time.monotonic() < deadline:
            book.sync.push(shared)
            book.sync.pull(shared)
            time.sleep(0.05)
        book.sync.push(shared)
        print(f"done {book.customers.count()}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
