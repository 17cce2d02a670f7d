"""The relationship map of a 200-contact account on the 100,000-customer book, offscreen
(issue 19: draws in under 200 ms): the map read through the Book (org chart, last meetings,
flags, levels, history), drawn as an org chart and painted, against the raw SQL that reads the
same contacts and last meetings, in the same run.

``python -m tests.benchmarks relationship_map``. Runs on a private copy of the cached book
(the account's 200 contacts are added to the copy); the cache itself is never written.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import shutil
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import arguments, full_size_db, median, report

DRAW_LIMIT = 0.200
CONTACTS = 200
REPEAT = 7


def add_account(path: Path) -> str:
    """The book's top customer by contacts, given a 200-person organisation: one head, six
    directors, thirty managers, the rest their staff; a few of them met lately."""
    from datetime import datetime, timedelta

    from models.record import new_id, utc_now_iso
    from storage.database import Database

    rng = random.Random(19)
    with Database(path) as db, db.atomic():
        customer = str(db.scalar("SELECT customer_id FROM contacts GROUP BY customer_id "
                                 "ORDER BY count(*) DESC LIMIT 1"))
        db.conn.execute("DELETE FROM contacts WHERE customer_id = ? AND id NOT IN "
                        "(SELECT contact_id FROM interaction_contacts) AND id NOT IN "
                        "(SELECT contact_id FROM needs WHERE contact_id IS NOT NULL)",
                        [customer])
        now = utc_now_iso()
        ids: list[str] = []
        rows = []
        for index in range(CONTACTS):
            if index == 0:
                boss, role, influence = None, "decision_maker", 5
            elif index <= 6:
                boss, role, influence = ids[0], "economic_buyer", 4
            elif index <= 36:
                boss, role, influence = ids[1 + (index - 7) % 6], "influencer", 3
            else:
                boss, role, influence = ids[7 + rng.randrange(30)], "user", rng.randint(1, 2)
            contact_id = new_id()
            ids.append(contact_id)
            rows.append((contact_id, now, now, customer, f"Person {index:03d}",
                         f"Title {index % 17}", role, influence,
                         rng.choice(("champion", "supporter", "neutral", "skeptic")),
                         boss, rng.choice(("", "Wang Lei", "Li Na"))))
        db.conn.executemany(
            "INSERT INTO contacts (id, created_at, updated_at, customer_id, name, title, role, "
            "influence, attitude, reports_to, covered_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        for n in range(40):
            interaction = new_id()
            when = (datetime(2026, 6, 30) - timedelta(days=rng.randrange(365))).isoformat(
                sep=" ", timespec="minutes")
            db.conn.execute(
                "INSERT INTO interactions (id, created_at, updated_at, customer_id, kind, "
                "occurred_at, summary) VALUES (?, ?, ?, ?, 'visit', ?, ?)",
                [interaction, now, now, customer, when, f"visit {n}"])
            db.conn.executemany("INSERT INTO interaction_contacts VALUES (?, ?)",
                                [(interaction, c) for c in rng.sample(ids, 3)])
    return customer


def main() -> None:
    arguments(__doc__ or "")
    from PySide6.QtWidgets import QApplication

    from storage.book import Book
    from ui.gui.workspace.relationship_map import RelationshipMapPanel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-map-") as folder:
        copy = Path(folder) / "book.db"
        shutil.copyfile(full_size_db(), copy)
        customer = add_account(copy)
        with Book(copy) as book:
            conn = book.reader.conn
            live = conn.execute("SELECT count(*) FROM contacts WHERE customer_id = ? AND "
                                "deleted_at IS NULL", [customer]).fetchone()[0]
            print(f"Relationship map: one account of {live} contacts on the "
                  f"{book.customers.count():,}-customer book")

            def raw() -> None:
                conn.execute("SELECT * FROM contacts WHERE customer_id = ? AND deleted_at IS "
                             "NULL ORDER BY is_primary DESC, coalesce(influence, 0) DESC, name",
                             [customer]).fetchall()
                conn.execute("SELECT ic.contact_id, max(i.occurred_at) FROM interactions i "
                             "JOIN interaction_contacts ic ON ic.interaction_id = i.id WHERE "
                             "i.customer_id = ? AND i.deleted_at IS NULL GROUP BY 1",
                             [customer]).fetchall()

            panel = RelationshipMapPanel()
            panel.resize(1200, 700)
            panel.show()
            app.processEvents()
            raws, reads, draws, totals = [], [], [], []
            for _ in range(REPEAT):
                start = time.perf_counter()
                raw()
                raws.append(time.perf_counter() - start)
                start = time.perf_counter()
                rmap = book.relationships.map(customer)
                read = time.perf_counter() - start
                panel.show_map(rmap)
                panel.view.viewport().grab()  # painted: every box on screen drawn
                app.processEvents()
                total = time.perf_counter() - start
                reads.append(read)
                draws.append(total - read)
                totals.append(total)
            assert len(panel.view.boxes) == live
            baseline = median(raws)
            report("raw SQL: contacts and last meetings", baseline)
            report("book.relationships.map (read)", median(reads), baseline=baseline)
            report("org chart drawn and painted", median(draws))
            report("map read, drawn and painted", median(totals), limit=DRAW_LIMIT,
                   baseline=baseline)
            panel.close()


if __name__ == "__main__":
    main()
