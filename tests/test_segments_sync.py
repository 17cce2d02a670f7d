"""The lifecycle windows set in Preferences travel to the other members of a team with the
scoring settings (issue 19, point 6), and every member then sees the same stages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from models.entities import Customer, Transaction
from tests.test_sync_merge import Team


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = Team(tmp_path, 2)
    yield made
    made.close()


def test_lifecycle_windows_travel_and_every_member_sees_the_same_stages(team: Team) -> None:
    a, b = team.books
    day = date(2026, 6, 30)
    for number in range(10):
        customer = a.customers.add(Customer(name=f"Customer {number}")).record
        # Last purchases 1 to 10 months back: the churn window decides who is churned.
        a.transactions.add(Transaction(customer_id=customer.id,
                                       date=date(2025, 1, 10), amount=500.0))
        a.transactions.add(Transaction(customer_id=customer.id,
                                       date=date(2026, 6 - number // 2, 20 - number),
                                       amount=1000.0))
    a.scoring.rescore(day)
    stages = "SELECT customer_id, lifecycle FROM customer_metrics ORDER BY 1"
    before = a.reader.query(stages)
    a.scoring.change_settings(replace(a.scoring.config(), churn_months=2,
                                      new_customer_days=30))
    changed = a.reader.query(stages)
    assert changed != before  # the save rescored A at once
    team.sync()
    config = b.scoring.config()
    assert (config.churn_months, config.new_customer_days) == (2, 30)
    b.scoring.rescore(day)
    assert b.reader.query(stages) == changed
    assert {r["lifecycle"] for r in changed} == {"active", "churned"}
