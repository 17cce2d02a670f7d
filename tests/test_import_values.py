"""Cell parsing of the importer: dates, amounts, totals, header matching, and the bulk
transaction check agreeing with the Transaction model's own validation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Transaction
from models.validation import ValidationError, ValidationErrors, check_date, check_datetime
from storage.importer.columns import ImportKind, auto_map, normalise_header
from storage.importer.dates import parse_date
from storage.importer.record_specs import parse_datetime
from storage.importer.rows import transaction_converter
from storage.importer.values import cell_text, is_total_row, parse_amount


@pytest.mark.parametrize("text", [
    "2026-05-01", "2026/5/1", "2026.5.1", "2026年5月1日", "2026 年 5 月 1 日", "20260501",
    "1-May-2026", "May 1, 2026", "2026-05-01 13:45", "2026/05/01 00:00:00", "２０２６年５月１日",
    46143, 46143.0,
    "46143", datetime(2026, 5, 1, 9, 30), date(2026, 5, 1),
])
def test_dates_in_common_formats(text: Any) -> None:
    assert parse_date("date", text) == date(2026, 5, 1)


@pytest.mark.parametrize("text", ["2026-02-30", "tomorrow", "5/1", "12", "2026-13-01", "1e9",
                                  float("nan"), "20261345"])
def test_bad_dates_say_what_the_importer_reads(text: Any) -> None:
    """Not the forms' 'expected YYYY-MM-DD': the importer reads 2026/3/2 and 2026年3月2日 too."""
    with pytest.raises(ValidationError) as caught:
        parse_date("date", text)
    assert caught.value.message == ("Not a date KeyPlan can read (e.g. 2024-03-14, 2024/3/14, "
                                    "14.03.2024, 3/14/2024, 2024年3月14日).")


def test_the_import_messages_examples_are_read() -> None:
    """Every layout the message offers as an example is one the importer takes."""
    assert {parse_date("date", text) for text in ("2024-03-14", "2024/3/14", "14.03.2024",
                                                   "3/14/2024", "2024年3月14日")} \
        == {date(2024, 3, 14)}
    assert {parse_datetime("occurred_at", text) for text in (
        "2024-03-14 10:42", "2024/3/14 10:42", "3/14/2024 10:42 AM")} \
        == {datetime(2024, 3, 14, 10, 42)}


@pytest.mark.parametrize(("text", "expected"), [
    ("3/14/2024 2:05 PM", datetime(2024, 3, 14, 14, 5)),
    ("3/14/2024 12:05 AM", datetime(2024, 3, 14, 0, 5)),
    ("3/14/2024 12:05 p.m.", datetime(2024, 3, 14, 12, 5)),
    ("2024/3/14 下午2:05", datetime(2024, 3, 14, 14, 5)),
    ("2024年3月14日 14时05分", datetime(2024, 3, 14, 14, 5)),
    ("2024-03-14T10:42:05", datetime(2024, 3, 14, 10, 42)),
])
def test_a_twelve_hour_time_is_kept(text: str, expected: datetime) -> None:
    """'3/14/2024 2:05 PM' was read as midnight: the date reader dropped the time it did not
    recognise."""
    assert parse_datetime("occurred_at", text) == expected


@pytest.mark.parametrize("text", ["tomorrow 10:42", "2024-03-14 13:05 PM", "2026-02-30 09:00",
                                  "2026-05-01 25:00", float("inf")])
def test_bad_date_times_say_what_the_importer_reads(text: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_datetime("occurred_at", text)
    assert caught.value.message == ("Not a date and time KeyPlan can read (e.g. 2024-03-14 "
                                    "10:42, 2024/3/14 10:42, 3/14/2024 10:42 AM).")


def test_forms_still_ask_for_iso_dates() -> None:
    """The window's date fields take YYYY-MM-DD only, and say so (they share nothing with
    the importer's message)."""
    for text in ("2026/3/2", "2026年3月2日", "3/14/2024"):
        with pytest.raises(ValidationError) as caught:
            check_date("date", text)
        assert caught.value.message == "Not a valid date (expected YYYY-MM-DD)."
    with pytest.raises(ValidationError) as caught:
        check_datetime("when", "2026/3/2 10:42")
    assert caught.value.message == "Not a valid date and time (expected YYYY-MM-DD HH:MM)."


@pytest.mark.parametrize(("text", "number"), [
    ("1,234.56", 1234.56), ("¥1,234.56", 1234.56), ("￥ 1 234", 1234.0), ("$1,234", 1234.0),
    ("RMB 1,234", 1234.0), ("1,234元", 1234.0), ("(1,234.56)", -1234.56), ("-1,234", -1234.0),
    ("1.2万", 12000.0), ("-¥5", -5.0), (" 7 ", 7.0), (12.5, 12.5), ("CNY1,000,000", 1e6),
    ("１，２３４", 1234.0),
])
def test_amounts(text: Any, number: float) -> None:
    assert parse_amount("amount", text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["1,2,3", "abc", "12abc", "1_000", "--5", "¥"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount("amount", text)


def test_total_rows_and_cell_text() -> None:
    assert is_total_row(["合计", "", ""]) and is_total_row(["", "总计："])
    assert is_total_row(["Total"]) and is_total_row(["Grand Total"])
    assert not is_total_row(["张三", "合计公司"])
    assert cell_text(13800138000.0) == "13800138000"
    assert cell_text(12.5) == "12.5"
    assert cell_text(None) == ""


def test_headers_match_in_both_languages() -> None:
    mapping = auto_map(ImportKind.TRANSACTIONS, ["客户编号", "客户名称", "日期", "金额（万元）",
                                                 "毛利", "到期日", "付款日", "备注", "其他"])
    assert mapping.columns == ["customer_code", "customer_name", "date", "amount", "profit",
                               "due_date", "paid_date", "notes", None]
    assert mapping.scales == {3: 10_000.0}
    english = auto_map(ImportKind.CONTACTS, ["Customer", "Contact Name", "Job Title", "Mobile",
                                             "E-mail"])
    assert english.columns == ["customer_name", "name", "title", "mobile", "email"]
    assert normalise_header(" Amount (¥) ") == "amount"
    changed = auto_map(ImportKind.TRANSACTIONS, ["客户", "Date", "X"], {"C": "amount",
                                                                      "Date": "ignore"})
    assert changed.columns == ["customer_name", None, "amount"]
    with pytest.raises(ValueError, match="unknown field"):
        auto_map(ImportKind.TRANSACTIONS, ["a"], {"a": "nonsense"})
    with pytest.raises(ValueError, match="no column"):
        auto_map(ImportKind.TRANSACTIONS, ["a"], {"zz": "amount"})


_FIELDS = ["date", "amount", "profit", "due_date", "paid_date", "reference", "product", "notes"]
_cells = st.one_of(st.none(), st.text(max_size=12), st.floats(allow_nan=True),
                   st.sampled_from(["2026-05-01", "2026-04-30", "2026-06-01", "1e14", "-5",
                                    "", "x" * 90, "a\nb", "a\x01b"]),
                   st.integers(min_value=-10**15, max_value=10**15))


@settings(max_examples=400, deadline=None)
@given(st.lists(_cells, min_size=8, max_size=8))
def test_bulk_check_agrees_with_the_transaction_model(cells: list[Any]) -> None:
    mapping = auto_map(ImportKind.TRANSACTIONS, ["日期", "金额", "毛利", "到期日", "付款日",
                                                 "凭证号", "产品", "备注"])
    convert = transaction_converter(mapping)
    try:
        fast = convert(list(cells))
        fast_fields: set[str] = set()
    except ValidationErrors as error:
        fast, fast_fields = None, {e.field for e in error.errors}
    raw: dict[str, Any] = {"customer_id": "c1"}
    try:
        for name, value in zip(_FIELDS, cells, strict=True):
            if name in ("date", "due_date", "paid_date"):
                raw[name] = parse_date(name, value)
            elif name in ("amount", "profit"):
                raw[name] = parse_amount(name, value)
            else:
                raw[name] = cell_text(value) if value is not None else ""
        model = Transaction.parse(raw)
    except (ValidationError, ValidationErrors):
        model = None
    assert (fast is None) == (model is None), (cells, fast_fields)
    if fast is not None and model is not None:
        assert fast[:5] == (model.date, model.amount, model.profit, model.due_date,
                            model.paid_date)
        assert fast[5:] == (model.reference, model.product, model.notes, "")


def test_bulk_ids_are_version_7_uuids_in_ascending_order() -> None:
    import time
    import uuid

    from storage.importer.line_ids import LineIds

    ids, other = LineIds(), LineIds()
    taken = [ids.take(1) for _ in range(3)] + [ids.take(2_000), ids.take(0), ids.take(7)]
    texts = [text for batch in taken for text in batch]
    assert len(texts) == 2_010 and texts == sorted(texts) and len(set(texts)) == 2_010
    for text in texts:
        parsed = uuid.UUID(text)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == text
        # the time in ms first: the ids of a line made now sort with the clock
        assert abs((parsed.int >> 80) - time.time() * 1000) < 60_000
    assert not set(texts) & set(other.take(2_000))
    # ... and in a book: the writer hands them out in that order, row by row or in bulk
    from storage.importer.columns import ImportKind
    from storage.importer.writer import BulkWriter

    writer = BulkWriter(None, ImportKind.TRANSACTIONS)  # type: ignore[arg-type]
    handed = writer._next_ids(1) + writer._next_ids(6_000) + writer._next_ids(1)
    assert handed == sorted(handed) and len(set(handed)) == 6_002


_sheet_cells = st.one_of(_cells, st.sampled_from(
    [True, 46143, 46143.0, date(2026, 5, 1), datetime(2026, 6, 2, 9, 30), "NA", " 7 ", "1_000",
     "(5)", "¥5", "空", "--", "ｎａｎ", "  text  ", "\x0bx\x0b", "3/4/2026", 12.0, "nan", "inf",
     "2026-05-01"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_sheet_cells, max_size=10), min_size=1, max_size=12))
def test_the_column_pass_agrees_with_the_row_converter(rows: list[list[Any]]) -> None:
    """The bulk path converts a chunk column by column; a row it does not send to the exact
    converter (``slow``) must be one that converter accepts, with the same values."""
    from storage.importer.line_chunks import ChunkConverter

    mapping = auto_map(ImportKind.TRANSACTIONS, ["日期", "金额", "毛利", "到期日", "付款日",
                                                 "凭证号", "产品", "备注", "单号"])
    exact = transaction_converter(mapping)
    lines = ChunkConverter(mapping)([list(row) for row in rows])
    for i, row in enumerate(rows):
        if i in lines.slow:
            continue
        fields = exact(list(row))  # raises when the column pass let a bad row through
        iso = [day.isoformat() if day is not None else None
               for day in (fields[0], fields[3], fields[4])]
        got = (lines.days[i], lines.amounts[i], lines.profits[i], lines.dues[i], lines.paids[i],
               lines.references[i], lines.products[i], lines.notes[i], lines.order_nos[i])
        assert got == (iso[0], fields[1], fields[2], iso[1], iso[2], *fields[5:])
        assert [type(v) for v in got[1:3]] == [type(v) for v in fields[1:3]]


def test_clean_rows_are_never_sent_the_long_way() -> None:
    """The point of the column pass: good rows, text or workbook cells, stay on it."""
    from storage.importer.line_chunks import ChunkConverter

    mapping = auto_map(ImportKind.TRANSACTIONS, ["日期", "金额", "毛利", "到期日", "单号", "产品"])
    convert = ChunkConverter(mapping)
    text = [["2026-05-01", "12.5", "", "2026-05-31", "O1", "bolts"],
            ["2026/5/2", "-3", "1", "", "", " nuts "]] * 50
    sheet = [[datetime(2026, 5, 1), 12.5, None, date(2026, 5, 31), 17.0, "bolts"],
             [46144.0, 3, 1.25, "", "O2"]] * 50
    for rows in (text, sheet):
        lines = convert(rows)
        assert lines.slow == set() and lines.days[:2] == ["2026-05-01", "2026-05-02"]


def test_total_leads_hold_every_first_letter_of_a_total_row() -> None:
    """data_rows looks closer only at rows whose first cells start with one of TOTAL_LEADS:
    every character is_total_row could take for a total word's first (after lstrip, in any
    case) must be among them."""
    import sys

    from storage.importer.values import _TOTAL_FIRST, TOTAL_LEADS

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace() or char.casefold() in _TOTAL_FIRST:
            assert char in TOTAL_LEADS, hex(code)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.floats(allow_nan=False), st.sampled_from(
    ["", " ", "合计", " Total", "ſum", "Sum:", "subtotal（元）", "Smith", "-", "NA", "空",
     "\u3000总计", "x", "共计 ", "Grand total"])), max_size=6), max_size=30), st.booleans())
def test_data_rows_leave_out_what_the_row_checks_do(rows: list[list[Any]],
                                                    literal: bool) -> None:
    from storage.importer.values import data_rows, is_blank, is_empty

    numbered = list(enumerate(rows, 2))
    if literal:
        expected = [r for r in numbered if not is_empty(r[1])]
    else:
        expected = [r for r in numbered if not is_blank(r[1]) and not is_total_row(r[1])]
    assert data_rows(numbered, literal) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.floats(allow_nan=False), st.sampled_from(
    ["", " ", "合计", " Total", "Sum:", "Smith", "-", "2026-05-01", "12.5", "x"])), max_size=6),
    max_size=30), st.sets(st.integers(min_value=0, max_value=3)))
def test_data_rows_looking_at_fewer_columns_keep_only_total_rows_more(
        rows: list[list[Any]], looked_at: set[int]) -> None:
    """Columns left out of the closer look let through only total rows (whose total word
    is in those columns): the caller refuses any such row and checks it itself."""
    from storage.importer.values import data_rows, is_blank

    numbered = list(enumerate(rows, 2))
    every = data_rows(numbered)
    fewer = data_rows(numbered, False, tuple(sorted(looked_at)))
    assert [row for row in fewer if row in every] == every
    assert all(is_total_row(row[1]) and not is_blank(row[1]) for row in fewer
               if row not in every)


def test_the_import_date_messages_are_said_in_chinese() -> None:
    """A row's date problem is looked up under Storage (RowIssue.context) and found there."""
    from storage.importer.dates import MSG_IMPORT_BAD_DATE, MSG_IMPORT_BAD_DATETIME
    from storage.importer.rows import RowIssue
    from ui.cli import text

    issue = RowIssue(row=3, column="日期", field="date", message=MSG_IMPORT_BAD_DATE)
    text.choose_language("zh_CN")
    try:
        assert text.translate(issue.context, issue.message) == (
            "不是 KeyPlan 能识别的日期（例如 2024-03-14、2024/3/14、14.03.2024、3/14/2024、"
            "2024年3月14日）。")
        assert text.translate("Storage", MSG_IMPORT_BAD_DATETIME).startswith(
            "不是 KeyPlan 能识别的日期时间（例如 2024-03-14 10:42、")
    finally:
        text.choose_language("en")
