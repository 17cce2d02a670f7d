"""A search lists its best matches first (issue 14, point 8): typing the initials "hw"
puts 华为 before names that only hold "hw" further in, and those before a customer found
through a contact; more matches than the ranking's limit keep the name order."""

from __future__ import annotations

import pytest

from models.entities import Contact, Customer
from storage.customer_queries import RANK_LIMIT, CustomerQuery
from storage.database import Database
from storage.search_keys import search_rank, search_text


def test_ranks_follow_where_the_search_matches() -> None:
    huawei = search_text("华为技术有限公司", "C001")
    assert search_rank(huawei, "hw") == 0  # initials
    assert search_rank(huawei, "huawei") == 0  # pinyin
    assert search_rank(huawei, "华为") == 0  # the name
    assert search_rank(search_text("北京海伟软件有限公司"), "hw") == 1  # initials further in
    assert search_rank(search_text("Apex Foods Ltd."), "foods") == 1  # a word of the name
    assert search_rank(search_text("Apex Foods Ltd."), "ood") == 2
    assert search_rank(search_text("Apex Foods Ltd.", "C9", (), ["何伟"]), "hw") == 3
    assert search_rank(search_text("北京海伟软件有限公司", "C002"), "c002") == 3


def test_hw_lists_huawei_first(fresh_db: Database) -> None:
    apex = fresh_db.add(Customer(name="Apex Ltd."))
    fresh_db.add(Contact(customer_id=apex.id, name="何伟"))
    haiwei = fresh_db.add(Customer(name="北京海伟软件有限公司"))
    zhonghua = fresh_db.add(Customer(name="中华物流有限公司"))
    huawei = fresh_db.add(Customer(name="华为技术有限公司"))
    fresh_db.add(Customer(name="Zeta Ltd."))  # no match
    expected = [huawei.id, haiwei.id, zhonghua.id, apex.id]
    assert fresh_db.customer_ids(CustomerQuery(search="hw")) == expected
    assert fresh_db.customer_ids(CustomerQuery(search=" HW ")) == expected
    assert [r.id for r in fresh_db.list_customers(CustomerQuery(search="hw")).rows] == expected
    steps = list(fresh_db.customer_ids_in_steps(CustomerQuery(search="hw"), 2))
    assert steps == [(expected[:2], 4), (expected, 4)]
    # An order the user chose is kept: by name, descending, it is the plain name order.
    descending = fresh_db.customer_ids(CustomerQuery(search="hw", descending=True))
    assert descending == [zhonghua.id, huawei.id, haiwei.id, apex.id]


def test_more_matches_than_the_limit_keep_the_name_order(fresh_db: Database,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.customer_queries as module

    fresh_db.add(Customer(name="Bravo Hw Trading"))
    fresh_db.add(Customer(name="Hw Alpha"))
    assert fresh_db.customer_ids(CustomerQuery(search="hw"))[0] == fresh_db.customer_ids(
        CustomerQuery(search="hw alpha"))[0]
    monkeypatch.setattr(module, "RANK_LIMIT", 1)
    names = [r.name for r in fresh_db.list_customers(CustomerQuery(search="hw")).rows]
    assert names == ["Bravo Hw Trading", "Hw Alpha"] and RANK_LIMIT > 1_000
