"""Child processes of the concurrency test: an app that keeps its connections open, and a
command-line user that opens, reads, writes and closes the same book again and again.

``holder PATH``: keeps a book open as the app does (a UI connection plus worker connections
opened and closed while it runs), adds a customer named ``holder-N`` each round and prints
``ready`` once, then ``stopped N`` when its stdin closes.

``visitor PATH ROUNDS``: each round is one command-line run: open, read, add ``visitor-N``,
close. Prints ``done N``.
"""

from __future__ import annotations

import sys
import threading

from models.entities import Customer
from storage.database import Database


def holder(path: str) -> None:
    stop = threading.Event()

    def stop_at_end_of_input() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=stop_at_end_of_input, daemon=True).start()
    app = Database(path)
    rounds = 0
    print("ready", flush=True)
    while not stop.is_set():
        # What a window does all day: worker connections come and go beside the UI one.
        worker = Database(path)
        worker.customer_count()
        worker.close()
        with app.read_snapshot():
            app.customer_count()
        app.add(Customer(name=f"holder-{rounds}"))
        rounds += 1
    app.close()
    print(f"stopped {rounds}", flush=True)


def visitor(path: str, rounds: int) -> None:
    for number in range(rounds):
        db = Database(path)
        db.customer_count()
        db.add(Customer(name=f"visitor-{number}"))
        db.close()
    print(f"done {rounds}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "holder":
        holder(sys.argv[2])
    else:
        visitor(sys.argv[2], int(sys.argv[3]))
