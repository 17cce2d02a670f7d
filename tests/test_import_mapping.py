"""Mapping (issue 15, point 6): the headers real exports use, in Chinese (simplified and
traditional), Japanese and English, matched as whole headers and per kind of file; a mapping
saved per file layout and used again; row filters."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Customer
from storage.database import Database
from storage.importer import ImportFileError, auto_map, preview_import, run_import
from storage.importer.columns import ALIASES, ImportKind, _alias_table, normalise_header
from storage.importer.filters import RowFilter, row_test

ROOT = Path(__file__).resolve().parent.parent
T, C, P = ImportKind.TRANSACTIONS, ImportKind.CUSTOMERS, ImportKind.CONTACTS


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("kind", "headers", "expected"), [
    # The Superstore sample, in English and as its Chinese edition names the columns.
    (T, ["Row ID", "Order ID", "Order Date", "Ship Date", "Customer ID", "Customer Name",
         "Segment", "Product Name", "Sales", "Quantity", "Discount", "Profit"],
     {"reference": 0, "order_no": 1, "date": 2, "customer_code": 4, "customer_name": 5,
      "product": 7, "amount": 8, "quantity": 9, "profit": 11}),
    (C, ["行 ID", "订单 ID", "订单日期", "客户 ID", "客户名称", "细分", "城市", "省/自治区",
         "销售额"],
     {"code": 3, "name": 4, "city": 6, "region": 7}),
    (T, ["行 ID", "订单 ID", "订单日期", "发货日期", "客户 ID", "客户名称", "产品名称", "销售额",
         "数量", "利润"],
     {"reference": 0, "order_no": 1, "date": 2, "customer_code": 4, "customer_name": 5,
      "product": 6, "amount": 7, "quantity": 8, "profit": 9}),
    # UCI Online Retail: no amount, and Description is a better product than StockCode.
    (T, ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
         "CustomerID", "Country"],
     {"order_no": 0, "product": 2, "quantity": 3, "date": 4, "unit_price": 5,
      "customer_code": 6}),
    # Tmall and JD order exports: what the buyer paid, not the list total.
    (T, ["订单编号", "买家会员名", "总金额", "买家实际支付金额", "订单状态", "订单创建时间",
         "订单付款时间 ", "宝贝标题 ", "宝贝数量"],
     {"order_no": 0, "customer_name": 1, "amount": 3, "date": 5, "product": 7,
      "quantity": 8}),
    (T, ["订单号", "下单帐号", "商品名称", "购买数量", "单价", "应付金额", "下单时间", "订单状态"],
     {"order_no": 0, "customer_name": 1, "product": 2, "quantity": 3, "unit_price": 4,
      "amount": 5, "date": 6}),
    # A Kingdee/Yonyou sales outbound list.
    (T, ["单据日期", "单据编号", "客户编码", "客户名称", "物料编码", "物料名称", "数量", "含税单价",
         "价税合计"],
     {"date": 0, "order_no": 1, "customer_code": 2, "customer_name": 3, "product": 5,
      "quantity": 6, "unit_price": 7, "amount": 8}),
    # Traditional Chinese and Japanese.
    (T, ["日期", "客戶編號", "客戶名稱", "訂單編號", "產品名稱", "數量", "單價", "銷售額", "毛利",
         "備註"],
     {"date": 0, "customer_code": 1, "customer_name": 2, "order_no": 3, "product": 4,
      "quantity": 5, "unit_price": 6, "amount": 7, "profit": 8, "notes": 9}),
    (T, ["日付", "伝票番号", "顧客コード", "顧客名", "商品名", "数量", "単価", "売上", "粗利",
         "備考"],
     {"date": 0, "order_no": 1, "customer_code": 2, "customer_name": 3, "product": 4,
      "quantity": 5, "unit_price": 6, "amount": 7, "profit": 8, "notes": 9}),
    (C, ["顧客コード", "顧客名", "業種", "都道府県", "住所", "電話番号", "担当者"],
     {"code": 0, "name": 1, "industry": 2, "region": 3, "address": 4, "phone": 5, "owner": 6}),
    (C, ["客戶編號", "客戶名稱", "行業", "地區", "城市", "地址", "負責人", "電子郵件"],
     {"code": 0, "name": 1, "industry": 2, "region": 3, "city": 4, "address": 5, "owner": 6,
      "email": 7}),
    (P, ["顧客名", "担当者", "役職", "部署", "携帯電話", "メールアドレス"],
     {"customer_name": 0, "name": 1, "title": 2, "department": 3, "mobile": 4, "email": 5}),
    # Power BI's Financial Sample: Sales is the amount, Gross Sales is not mapped.
    (T, ["Segment", "Country", "Product", "Units Sold", "Sale Price", "Gross Sales", "Sales",
         "Profit", "Date"],
     {"product": 2, "quantity": 3, "unit_price": 4, "amount": 6, "profit": 7, "date": 8}),
])
def test_real_export_headers(kind: ImportKind, headers: list[str],
                             expected: dict[str, int]) -> None:
    assert auto_map(kind, headers).sources == expected


def test_sales_is_an_amount_never_an_owner() -> None:
    """A customers list cut from an order export keeps its ' Sales ' column: it is no
    salesperson. In a transactions file it is the amount."""
    assert auto_map(C, ["Customer ID", " Sales ", "销售", "売上"]).sources == {"code": 0}
    assert auto_map(C, ["Customer ID", "Sales Rep", "Salesperson"]).sources == {
        "code": 0, "owner": 1}
    assert auto_map(T, ["Customer ID", " Sales ", "Order Date"]).sources == {
        "customer_code": 0, "amount": 1, "date": 2}


def test_no_word_names_two_fields_of_one_kind() -> None:
    for kind, fields in ALIASES.items():
        owner: dict[str, str] = {}
        for name, words in fields.items():
            cjk, english = words.split("|")
            for word in cjk.split() + english.split(","):
                reduced = normalise_header(word)
                assert reduced, (kind, name, word)
                assert owner.setdefault(reduced, name) == name, (kind, word, owner[reduced], name)


def test_every_word_maps_its_field_alone() -> None:
    """No word is dead: each, as a file's only header, feeds its field (a word KeyPlan's own
    export uses for a computed column, such as Margin, would be passed over)."""
    for kind in ImportKind:
        for word, (field, _rank) in _alias_table(kind).items():
            assert auto_map(kind, [word]).sources == {field: 0}, (kind, word)


_words = st.sampled_from(sorted({(kind, word) for kind in ImportKind
                                 for word in _alias_table(kind)}))


@settings(max_examples=300, deadline=None)
@given(_words, st.text(alphabet=string.ascii_lowercase + "额号名", min_size=1, max_size=3),
       st.booleans())
def test_a_header_matches_as_a_whole_never_by_a_part(item: tuple[ImportKind, str], extra: str,
                                                     before: bool) -> None:
    kind, word = item
    longer = extra + word if before else word + extra
    mapped = auto_map(kind, [longer]).sources
    if normalise_header(longer) in _alias_table(kind):
        assert mapped == {_alias_table(kind)[normalise_header(longer)][0]: 0}
    else:
        assert mapped == {}


@settings(max_examples=200, deadline=None)
@given(_words, st.sampled_from(["  {} ", "{}", "{}（元）", "{} (USD)", "【{}】", "{}:"]),
       st.booleans())
def test_case_width_spaces_and_units_do_not_matter(item: tuple[ImportKind, str], shape: str,
                                                   upper: bool) -> None:
    kind, word = item
    field = _alias_table(kind)[word][0]
    header = shape.format(word.upper() if upper else word)
    if normalise_header(header) != word:  # 【x】 is all brackets: nothing is left
        return
    assert auto_map(kind, [header]).sources == {field: 0}


@pytest.fixture
def book(fresh_db: Database) -> Database:
    fresh_db.add(Customer(name="Acme", code="A1"))
    return fresh_db


def test_a_mapping_is_saved_per_layout_and_used_again(book: Database, tmp_path: Path) -> None:
    lines = ["Kunde,Datum,Betrag,Notiz", "A1,2026-05-01,10,x"]
    overrides = [("Kunde", "customer_code"), ("Datum", "date"), ("Betrag", "amount")]
    first = _csv(tmp_path / "may.csv", lines)
    with pytest.raises(ImportFileError, match="no column for"):
        preview_import(book, first, "transactions")
    dry = run_import(book, first, "transactions", overrides=overrides, dry_run=True)
    assert not dry.written and book.get_setting("import_mappings") is None
    done = run_import(book, first, "transactions", overrides=overrides)
    assert done.written and done.preview.mapping.saved_at is None
    # Next month's file: the same headers, spelt a little differently, and new rows.
    june = _csv(tmp_path / "june.csv", ["KUNDE , datum,Betrag ,Notiz", "A1,2026-06-01,20,y"])
    preview = preview_import(book, june, "transactions")
    assert preview.mapping.sources == {"customer_code": 0, "date": 1, "amount": 2}
    assert preview.mapping.saved_at is not None and preview.valid == 1
    # Overrides apply on top of it, and are saved in turn.
    run_import(book, june, "transactions", overrides=[("Notiz", "notes")])
    july = preview_import(book, _csv(tmp_path / "july.csv", lines), "transactions")
    assert july.mapping.sources == {"customer_code": 0, "date": 1, "amount": 2, "notes": 3}
    with pytest.raises(ImportFileError, match="no column for"):
        preview_import(book, first, "transactions", saved_mapping=False)
    # Another layout has none, and another kind of import of this layout neither.
    other = _csv(tmp_path / "other.csv", ["Kunde,Datum,Betrag", "A1,2026-05-01,10"])
    with pytest.raises(ImportFileError, match="no column for"):
        preview_import(book, other, "transactions")
    assert preview_import(book, first, "customers", overrides=[("Kunde", "code")]
                          ).mapping.saved_at is None


def test_a_refused_import_saves_no_mapping(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "bad.csv", ["Kunde,Datum,Betrag", "A1,2026-05-01,10", "ZZ,x,y"])
    result = run_import(book, path, "transactions", skip_invalid=False,
                        overrides=[("Kunde", "customer_code"), ("Datum", "date"),
                                   ("Betrag", "amount")])
    assert not result.written and book.get_setting("import_mappings") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("订单状态=已完成", RowFilter("订单状态", ("已完成",))),
    (" Status != Cancelled ", RowFilter("Status", ("Cancelled",), keep=False)),
    ("Status in Paid, Shipped", RowFilter("Status", ("Paid", "Shipped"))),
    ("订单状态 in 交易成功，已发货", RowFilter("订单状态", ("交易成功", "已发货"))),
    ("Status NOT IN a,b", RowFilter("Status", ("a", "b"), keep=False)),
    ("Paid in in yes,no", RowFilter("Paid in", ("yes", "no"))),
    ("Refund=", RowFilter("Refund", ("",))),
])
def test_row_filters_are_written_as_on_the_command_line(text: str,
                                                        expected: RowFilter) -> None:
    assert RowFilter.parse(text) == expected


@pytest.mark.parametrize("text", ["Status", "in a,b", "Status in ", "=x", ""])
def test_malformed_row_filters_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="a row filter is"):
        RowFilter.parse(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["已完成", "已取消", "交易成功", "", "NULL", "ＰＡＩＤ", "paid"]),
                min_size=1, max_size=30),
       st.lists(st.sampled_from(["已完成", "交易成功", "paid", ""]), min_size=1, max_size=3),
       st.booleans())
def test_a_filter_keeps_exactly_its_rows(statuses: list[str], wanted: list[str],
                                         keep: bool) -> None:
    test = row_test([RowFilter("B", tuple(wanted), keep)], ["订单号", "订单状态"])
    assert test is not None
    reduced = {"NULL": "", "ＰＡＩＤ": "paid"}
    for status in statuses:
        assert test(["x", status]) is ((reduced.get(status, status) in wanted) is keep)


def test_row_filters_in_an_import(book: Database, tmp_path: Path) -> None:
    path = _csv(tmp_path / "tmall.csv", [
        "订单编号,客户编号,订单创建时间,实付款,订单状态,退款状态",
        "T1,A1,2026-05-01 10:42,10,交易成功,",
        "T2,A1,2026-05-02 11:00,20,交易关闭,",
        "T3,A1,2026-05-03 12:00,30,交易成功,退款成功",
        "T4,A1,2026-05-04 13:00,40,交易成功,NULL",
        "T5,A1,2026-05-05 14:00,bad,已取消,",
    ])
    preview = preview_import(book, path, "transactions", where=["订单状态=交易成功", "退款状态="])
    assert (preview.rows, preview.valid, preview.filtered, preview.bad_rows) == (2, 2, 3, 0)
    result = run_import(book, path, "transactions",
                        where=[RowFilter("E", ("交易成功",)), RowFilter("退款状态", ("",))])
    assert result.created == 2
    assert [r[0] for r in book.conn.execute("SELECT order_no FROM transactions ORDER BY 1")] == [
        "T1", "T4"]
    with pytest.raises(ImportFileError, match="no column 'Status'"):
        preview_import(book, path, "transactions", where=["Status=Paid"])
    with pytest.raises(ImportFileError, match="a row filter is"):
        preview_import(book, path, "transactions", where=["订单状态"])


def test_the_command_filters_rows_and_remembers_the_mapping(tmp_path: Path) -> None:
    db_path = tmp_path / "book.db"
    with Database(db_path) as db:
        db.add(Customer(name="Acme", code="A1"))
    path = _csv(tmp_path / "orders.csv", ["Kunde,Datum,Betrag,Status", "A1,2026-05-01,10,ok",
                                          "A1,2026-05-02,20,storniert"])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                               "import", "transactions", str(path), "--no-rescore", *args],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)

    first = run("--map", "Kunde=customer_code", "--map", "Datum=date", "--map", "Betrag=amount",
                "--where", "Status in ok,geliefert")
    assert first.returncode == 0, first.stderr + first.stdout
    assert "1 row left out by --where." in first.stdout and "Imported 1 new" in first.stdout
    again = run("--dry-run", "--where", "Status!=ok")
    assert again.returncode == 0, again.stderr + again.stdout
    assert "Columns as mapped for files with these headers on " in again.stdout
    assert "1 row left out by --where." in again.stdout
    fresh = run("--dry-run", "--fresh-mapping")
    assert fresh.returncode == 1 and "no column for" in fresh.stderr


def test_no_column_for_a_field_is_said_in_the_users_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line said 'no column for date / amount or quantity and unit_price or ...'
    under --lang zh_CN too: the message is now translated, and its fields are named as --map
    takes them, with / and + in place of the English 'or' and 'and'."""
    from ui.cli import text
    from ui.cli.app import run

    path = _csv(tmp_path / "h.csv", ["名称,数量", "x,1"])
    db = str(tmp_path / "book.db")
    fields = "date; amount / quantity + unit_price; customer_code / customer_name / customer_id"
    try:
        assert run(["--db", db, "--lang", "zh_CN", "import", "transactions", str(path),
                    "--dry-run"]) == 1
        chinese = capsys.readouterr().err
        assert run(["--db", db, "--lang", "en", "import", "transactions", str(path),
                    "--dry-run"]) == 1
        english = capsys.readouterr().err
    finally:
        text.choose_language("en")
    assert chinese == (f"keyplan：错误：{path}：没有列对应字段 {fields}。文件中的列：名称, 数量。"
                       "请用 --map 列=字段 指定由哪一列填充该字段。\n")
    assert english == (f"keyplan: error: {path}: no column for {fields}. Columns found: 名称, "
                       "数量. Map one with --map COLUMN=FIELD.\n")
