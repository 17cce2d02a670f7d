"""Playbooks on the 100,000-customer book (issue 19, point 2): the proposal for a customer
(its tier, level and stage read, every playbook weighed) and a first plan made from the
proposed playbook with the customer's open complaints and needs, each for 200 customers with
open needs, against raw SQL doing the same reads and writing the same rows, in the same run.

``python -m tests.benchmarks playbooks``. Runs on a private copy of the cached book; the cache
itself is never written.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import arguments, full_size_db, report

CUSTOMERS = 200
PERIOD = "2031"


def main() -> None:
    args = arguments(__doc__ or "")
    from models.record import new_id, utc_now_iso
    from storage.book import Book

    with tempfile.TemporaryDirectory(prefix="keyplan-bench-playbooks-") as folder:
        copy = Path(folder) / "book.db"
        shutil.copyfile(args.db or full_size_db(), copy)
        with Book(copy) as book:
            conn = book.reader.conn
            ids = [r[0] for r in conn.execute(
                "SELECT customer_id FROM needs WHERE deleted_at IS NULL AND status IN "
                "('open', 'in_progress') GROUP BY customer_id ORDER BY customer_id LIMIT ?",
                [CUSTOMERS * 2])]
            ours, theirs = ids[:CUSTOMERS], ids[CUSTOMERS:]
            print(f"Playbooks: {len(ours)} customers with open needs on the "
                  f"{book.customers.count():,}-customer book")

            def raw_fit() -> None:
                for customer in theirs:
                    conn.execute(
                        "SELECT coalesce(c.tier_override, m.tier), c.relationship_level, "
                        "coalesce(c.lifecycle_override, m.lifecycle) FROM customers c LEFT "
                        "JOIN customer_metrics m ON m.customer_id = c.id WHERE c.id = ?",
                        [customer]).fetchone()
                    conn.execute("SELECT * FROM playbooks WHERE deleted_at IS NULL").fetchall()

            start = time.perf_counter()
            raw_fit()
            raw_seconds = time.perf_counter() - start
            start = time.perf_counter()
            chosen = {c: book.playbooks.propose(c, "zh_CN") for c in ours}
            seconds = time.perf_counter() - start
            report(f"proposal, {len(ours)} customers", seconds, baseline=raw_seconds,
                   extra=f"raw SQL {raw_seconds * 1000:.1f} ms")

            def raw_plans() -> int:
                written = 0
                now = utc_now_iso()
                for customer in theirs:
                    with book.reader.atomic():
                        conn.execute("SELECT * FROM customers WHERE id = ?", [customer])
                        conn.execute("SELECT 1 FROM plans WHERE customer_id = ? AND period = ? "
                                     "AND deleted_at IS NULL", [customer, PERIOD]).fetchone()
                        conn.execute("SELECT total(amount) FROM transactions WHERE "
                                     "customer_id = ? AND deleted_at IS NULL AND date >= ? AND "
                                     "date < ?", [customer, "2030-01-01", "2031-01-01"])
                        needs = conn.execute(
                            "SELECT id, kind, description FROM needs WHERE customer_id = ? AND "
                            "deleted_at IS NULL AND status IN ('open', 'in_progress')",
                            [customer]).fetchall()
                        plan = new_id()
                        conn.execute(
                            "INSERT INTO plans (id, created_at, updated_at, customer_id, period, "
                            "status, current_level, target_level, review_cadence_days, owner) "
                            "VALUES (?, ?, ?, ?, ?, 'draft', 2, 3, 60, '')",
                            [plan, now, now, customer, PERIOD])
                        conn.executemany(
                            "INSERT INTO plan_objectives (id, created_at, updated_at, plan_id, "
                            "kind, description) VALUES (?, ?, ?, ?, 'free_text', ?)",
                            [(new_id(), now, now, plan, n[2]) for n in needs] * 1
                            + [(new_id(), now, now, plan, "goal") for _ in range(3)])
                        conn.executemany("INSERT INTO plan_needs VALUES (?, ?)",
                                         [(plan, n[0]) for n in needs])
                        conn.executemany(
                            "INSERT INTO plan_actions (id, created_at, updated_at, plan_id, "
                            "what, due_date, status) VALUES (?, ?, ?, ?, 'x', '2031-02-01', "
                            "'open')", [(new_id(), now, now, plan) for _ in range(4)])
                        written += 1
                return written

            start = time.perf_counter()
            raw_plans()
            raw_seconds = time.perf_counter() - start
            start = time.perf_counter()
            fallback = book.playbooks.find("dependent_to_partnership", "zh_CN")
            proposed = sum(1 for p in chosen.values() if p is not None)
            # the cached book may hold no scores: an unscored customer fits no playbook, and
            # takes the 依赖型 → 合作共赢 one, so that every plan is made from one
            made = [book.plans.create(c, PERIOD, carry_over=False,
                                      playbook=chosen[c] or fallback, lang="zh_CN").record
                    for c in ours]
            seconds = time.perf_counter() - start
            objectives = sum(len(p.objectives) for p in made)
            report(f"first plan from a playbook, {len(ours)} customers", seconds,
                   baseline=raw_seconds,
                   extra=f"raw SQL {raw_seconds * 1000:.1f} ms; {objectives} objectives, "
                         f"{sum(len(p.actions) for p in made)} actions; "
                         f"{seconds / len(ours) * 1000:.1f} ms a plan; {proposed} proposed")
