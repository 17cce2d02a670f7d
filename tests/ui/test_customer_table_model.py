"""The customer book model without a widget: lazy pages, SQL sorting, search, roles, labels."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

import ui.gui.models.customer_table_model as ctm
from models.enums import LifecycleStage, RelationshipLevel, Tier
from storage.book import Book
from storage.customer_queries import CustomerQuery, CustomerRow
from storage.search_keys import pinyin_syllables
from ui.gui.models.customer_table_model import (
    COL_LIFECYCLE,
    COL_NAME,
    COL_NEXT_FOLLOW_UP,
    COL_RELATIONSHIP,
    COL_REVENUE,
    COL_SCORE,
    COL_TIER,
    COLUMNS,
    PAGE_SIZE,
    RECORD_ROLE,
    SORT_ROLE,
    CustomerTableModel,
)
from ui.gui.text import labels


@pytest.fixture
def model(demo_book: Book) -> CustomerTableModel:
    return CustomerTableModel(demo_book)


def _column(model: CustomerTableModel, column: int, role: int = SORT_ROLE) -> list[object]:
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, model: CustomerTableModel) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model, force_py=True)


def test_every_customer_is_a_row_with_translated_headers(model: CustomerTableModel,
                                                         demo_book: Book) -> None:
    assert model.rowCount() == demo_book.reader.customer_count() == 300
    assert model.columnCount() == len(COLUMNS) == 10
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)]
    assert headers[COL_NAME] == "Customer"
    assert headers[COL_REVENUE] == "Revenue (12 months)"


def test_rows_load_lazily_one_page_at_a_time(demo_book: Book,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = demo_book.customers.rows

    def counting(ids: list[str]) -> list[CustomerRow]:
        calls.append(len(ids))
        return original(ids)

    monkeypatch.setattr(demo_book.customers, "rows", counting)
    model = CustomerTableModel(demo_book)
    assert calls == []  # ids only, no rows, until something is shown
    last = model.rowCount() - 1
    model.data(model.index(last, COL_NAME))
    assert calls == [last % PAGE_SIZE + 1]  # only the page holding the last row
    model.data(model.index(last - last % PAGE_SIZE, COL_REVENUE))
    assert len(calls) == 1  # cached
    model.data(model.index(5, COL_NAME))
    assert calls == [last % PAGE_SIZE + 1, PAGE_SIZE]


def test_cache_stays_bounded(demo_book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctm, "PAGE_SIZE", 10)
    monkeypatch.setattr(ctm, "CACHE_ROWS", 25)
    model = CustomerTableModel(demo_book)
    for row in range(0, 300, 7):
        assert isinstance(model.data(model.index(row, COL_NAME), RECORD_ROLE), CustomerRow)
    assert len(model._cache) <= 25 + 10
    # Evicted rows come back on demand, identical.
    first = model.data(model.index(0, COL_NAME))
    assert first == demo_book.reader.customer_rows([model.customer_id(0)])[0].name


def test_sort_by_revenue_runs_in_sql(model: CustomerTableModel, demo_book: Book) -> None:
    model.sort(COL_REVENUE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "revenue_12m" and model.query.descending
    revenues = _column(model, COL_REVENUE)
    assert revenues == sorted(revenues, reverse=True)  # type: ignore[type-var]
    assert revenues[0] > revenues[-1]  # type: ignore[operator]
    ids = [model.customer_id(r) for r in range(model.rowCount())]
    assert ids == demo_book.reader.customer_ids(CustomerQuery(sort="revenue_12m", descending=True))
    model.sort(COL_REVENUE, Qt.SortOrder.AscendingOrder)
    assert _column(model, COL_REVENUE) == list(reversed(revenues)) or \
        _column(model, COL_REVENUE) == sorted(revenues)  # type: ignore[type-var]


def test_sort_by_name_and_follow_up_match_storage(model: CustomerTableModel,
                                                  demo_book: Book) -> None:
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [model.customer_id(r) for r in range(model.rowCount())] == demo_book.reader.customer_ids(
            )
    model.sort(COL_NEXT_FOLLOW_UP, Qt.SortOrder.AscendingOrder)
    dates = [d for d in _column(model, COL_NEXT_FOLLOW_UP) if d is not None]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert model.sort_column() == COL_NEXT_FOLLOW_UP


def test_search_narrows_by_name_and_pinyin_initials(model: CustomerTableModel,
                                                    demo_book: Book) -> None:
    resets: list[int] = []
    model.rows_reset.connect(resets.append)
    target = next(r for r in demo_book.reader.list_customers(limit=300).rows
                  if any("\u4e00" <= ch <= "\u9fff" for ch in r.name))
    initials = "".join(s[0] for s in pinyin_syllables(target.name) if s[:1].isalnum())[:4]
    model.set_search(initials)
    found = [model.data(model.index(r, COL_NAME), RECORD_ROLE) for r in range(model.rowCount())]
    assert target.id in {row.id for row in found}
    assert 0 < model.rowCount() < 300
    assert resets == [model.rowCount()]
    model.set_search(target.name)
    assert model.rowCount() >= 1
    assert model.data(model.index(0, COL_NAME)) == target.name or target.name in _column(
        model, COL_NAME, Qt.ItemDataRole.DisplayRole)
    model.set_search("no customer is called this")
    assert model.rowCount() == 0
    model.set_search("")
    assert model.rowCount() == 300


def test_record_sort_and_display_roles(model: CustomerTableModel) -> None:
    index = model.index(0, COL_RELATIONSHIP)
    record = model.data(index, RECORD_ROLE)
    assert isinstance(record, CustomerRow)
    assert model.data(index, SORT_ROLE) == int(record.relationship_level)
    assert model.data(index) == labels.label(record.relationship_level)
    revenue = model.index(0, COL_REVENUE)
    assert isinstance(model.data(revenue, SORT_ROLE), float)
    assert model.data(revenue, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, COL_SCORE)) in ("", None) or \
        isinstance(model.data(model.index(0, COL_SCORE), SORT_ROLE), float)


def test_tier_is_coloured_and_marks_an_override(demo_book: Book) -> None:
    first, second = demo_book.reader.customer_ids()[:2]
    with demo_book.reader.atomic():
        demo_book.reader.conn.execute(
                "UPDATE customer_metrics SET tier = 'strategic', tier_rank = 0, "
                             "score = 91.25, lifecycle = 'active' WHERE customer_id = ?",
                             [first])
        demo_book.reader.conn.execute("UPDATE customer_metrics SET tier = 'key', tier_rank = 1 "
                             "WHERE customer_id = ?", [second])
        demo_book.reader.conn.execute(
                "UPDATE customers SET tier_override = 'strategic' WHERE id = ?",
                             [first])
    model = CustomerTableModel(demo_book)
    row = model.row_of(first)
    tier = model.index(row, COL_TIER)
    assert model.data(tier) == "Strategic (override)"
    assert model.data(tier, SORT_ROLE) == Tier.STRATEGIC.rank
    brush = model.data(tier, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == QColor(ctm.TIER_COLOURS[Tier.STRATEGIC])
    assert "hand" in model.data(tier, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(row, COL_SCORE)) == "91.3" or \
        model.data(model.index(row, COL_SCORE)) == "91.2"
    assert model.data(model.index(row, COL_LIFECYCLE)) == "Active"
    key_tier = model.index(model.row_of(second), COL_TIER)
    assert model.data(key_tier) == "Key"
    assert model.data(key_tier, Qt.ItemDataRole.BackgroundRole).color() == \
        QColor(ctm.TIER_COLOURS[Tier.KEY])
    model.sort(COL_TIER, Qt.SortOrder.AscendingOrder)
    assert model.customer_id(0) == first and model.customer_id(1) == second


def test_overdue_follow_up_has_a_tooltip(demo_book: Book) -> None:
    model = CustomerTableModel(demo_book)
    for row in range(model.rowCount()):
        record = model.data(model.index(row, COL_NAME), RECORD_ROLE)
        if record.next_follow_up is not None and record.next_follow_up < date.today():
            tip = model.data(model.index(row, COL_NEXT_FOLLOW_UP), Qt.ItemDataRole.ToolTipRole)
            assert tip == "Overdue"
            return
    pytest.skip("no overdue follow-up in this demo book")


def test_refresh_sees_new_writes(model: CustomerTableModel, demo_book: Book) -> None:
    victim = model.customer_id(0)
    with demo_book.reader.atomic():
        demo_book.reader.conn.execute("UPDATE customers SET deleted_at = '2026-01-01T00:00:00Z' "
                             "WHERE id = ?", [victim])
        demo_book.reader.conn.execute(
                "UPDATE customer_metrics SET deleted = 1 WHERE customer_id = ?",
                             [victim])
    model.refresh()
    assert model.rowCount() == 299
    assert model.row_of(victim) == -1


def test_labels_cover_every_enum_value_and_translate(chinese: None) -> None:
    assert labels.label(Tier.STRATEGIC) == "战略客户"
    assert [labels.label(t) for t in Tier] == ["战略客户", "重点客户", "普通客户", "低价值客户"]
    assert [labels.label(s) for s in LifecycleStage] == ["潜在", "新客户", "活跃", "流失"]
    assert [labels.label(r) for r in RelationshipLevel] == ["交易型", "依赖型", "合作共赢",
                                                            "共同成长"]
    assert labels.label(None) == ""


def test_every_enum_member_has_its_own_label() -> None:
    import enum

    import models.enums as enums

    for cls in vars(enums).values():
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and cls.__module__ == \
                enums.__name__ and cls not in (enums.StrEnumBase,):
            words = [labels.label(member) for member in cls]
            assert all(words), cls
            assert len(set(words)) == len(words), cls
            assert labels.choices(cls)[0] == (next(iter(cls)), words[0])
