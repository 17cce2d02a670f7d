"""File → Import…: a file is checked before anything is written, columns can be re-mapped,
bad rows block the import unless left out, and an import backs the book up first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QTableWidget, QToolButton, QWidget

from models.entities import Customer
from storage.backup import list_backups
from tests.ui.conftest import wait_idle
from ui.gui.dialogs.import_dialog import ImportDialog, sentences
from ui.gui.text import i18n
from ui.gui.window.main_window import MainWindow

GOOD = "客户名称,客户编号,行业,负责人\n北方光学有限公司,NO-001,光学,张伟\n" \
       "Southwind Trading,SW-002,Retail,Li Ming\n,,,\n合计,,,\n"
WITH_BAD_ROW = "Customer,Date,Amount\nNo Such Customer Ltd,2026-05-01,100\n" \
               "{name},2026-05-02,not a number\n{name},2026-05-03,250.5\n"


def _label(form: QFormLayout, row: int) -> str:
    item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
    label = item.widget() if item is not None else None
    assert isinstance(label, QLabel), row
    return label.text()


def _widgets(layout: QLayout) -> list[QWidget]:
    items = [layout.itemAt(i) for i in range(layout.count())]
    return [w for item in items if item is not None and (w := item.widget()) is not None]


def _headers(table: QTableWidget) -> list[str]:
    items = [table.horizontalHeaderItem(c) for c in range(table.columnCount())]
    assert None not in items
    return [item.text() for item in items if item is not None]


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def _dialog(qtbot, window: MainWindow) -> ImportDialog:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, window)
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _check(qtbot, dialog: ImportDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.set_file(path)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)


def test_customers_are_checked_then_imported_after_a_backup(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.summary.text().startswith(
        "Rows read: 2. Valid: 2 (2 new, 0 updated). With problems: 0.")
    assert window.book.reader.customer_count() == 300  # checking wrote nothing
    names = {_label(dialog.mapping_form, r): combo.currentText() for r, combo in
             enumerate(dialog.combos.values())}
    assert names["客户名称"] == "Customer name" and names["负责人"] == "Account owner"
    assert dialog.import_button.isEnabled()
    before = {b.path for b in list_backups(window.book.reader.path)}
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    stored = window.book.reader.find(Customer, "code = ?", ["NO-001"])
    assert len(stored) == 1 and stored[0].name == "北方光学有限公司" and stored[0].owner == "张伟"
    made = [b for b in list_backups(window.book.reader.path) if b.path not in before]
    assert [b.reason for b in made] == ["import"]  # one backup per import, not two
    assert made[0].path.name.endswith(".db.zst")
    assert made[0].path.with_name(made[0].path.name + ".json").is_file()
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == 302, timeout=10_000)
    assert window.statusBar().currentMessage() == \
        "Imported: 2 new, 0 updated; bad rows left out: 0." or window.rescore_task is not None


def test_bad_rows_block_the_import_unless_left_out(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "sales.csv"
    path.write_text(WITH_BAD_ROW.format(name=name), encoding="utf-8")
    dialog = _dialog(qtbot, window)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("transactions"))
    _check(qtbot, dialog, path)
    assert "With problems: 2." in dialog.summary.text()
    assert dialog.issues.count() == 2
    assert dialog.issues.item(0).text().startswith("Row ")
    assert not dialog.import_button.isEnabled()
    before = window.book.reader.scalar("SELECT count(*) FROM transactions")
    dialog.skip_invalid.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.scalar("SELECT count(*) FROM transactions") == before + 1


def test_a_column_can_feed_another_field(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.csv"
    path.write_text("Firma,Kennung\nOdd Names GmbH,ON-1\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    # Nothing says which column is the name: said with the boxes' own words, not the command
    # line's field names and --map.
    assert dialog.summary.text() == ("No column of the file feeds Customer name or Code "
                                     "yet: choose, in the boxes below, the column that holds "
                                     "each.")
    assert not dialog.import_button.isEnabled()
    # The columns are shown all the same, for the user to say what they feed.
    assert [c.currentData() for c in dialog.combos.values()] == ["ignore", "ignore"]
    for index, field in ((0, "name"), (1, "code")):
        combo = dialog.combos[index]
        combo.setCurrentIndex(combo.findData(field))
        combo.activated.emit(combo.currentIndex())  # as a click does: checked again
        qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text().startswith("Rows read: 1. Valid: 1 (1 new")
    assert dialog.override_pairs() == [("Firma", "name"), ("Kennung", "code")]
    assert [c.currentData() for c in dialog.combos.values()] == ["name", "code"]
    dialog.reject()


def test_a_file_imported_before_is_recognised(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    """Checking a sales file whose lines are already in the book says so and offers nothing
    to import: importing it twice would double the customers' revenue."""
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "sales.csv"
    path.write_text(f"Customer,Date,Amount,Reference\n{name},2026-05-03,250.5,INV-77\n"
                    f"{name},2026-05-04,99,INV-78\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("transactions"))
    _check(qtbot, dialog, path)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # the summary stayed
    assert not dialog.isVisible()
    before = window.book.reader.scalar("SELECT count(*) FROM transactions")
    wait_idle(qtbot, window)
    window.import_action.trigger()
    dialog = next(d for d in window.findChildren(ImportDialog) if d.isVisible())
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("transactions"))
    _check(qtbot, dialog, path)
    assert "Valid: 0 " in dialog.summary.text()
    assert "Already in the book, not imported again: 2" in dialog.summary.text()
    assert "rows 2, 3)" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert window.book.reader.scalar("SELECT count(*) FROM transactions") == before
    dialog.reject()


def test_a_sales_file_is_recognised_and_can_make_its_customers(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The wizard tells a sales file from its headers, shows its first rows as they will be
    stored, offers to make the customer it names that the book lacks, and keeps the result
    on screen (with the rescore's figures) until it is closed."""
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "orders.csv"
    path.write_text("Order ID,Order Date,Customer ID,Customer Name,Sales\n"
                    f"SO-1,2026-05-03,,{name},250.5\n"
                    "SO-2,2026-05-04,NEW-9,Brand New Ltd,99\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    assert dialog.kind == "customers"  # the first choice, before a file is chosen
    _check(qtbot, dialog, path)
    assert dialog.kind == "transactions"
    assert dialog.kind_note.text() == "(told from its column headers)"
    assert dialog.create_customers.isVisible()
    assert "With problems: 1." in dialog.summary.text()  # NEW-9 is not in the book
    assert dialog.sample.isVisible() and dialog.sample.rowCount() == 1
    headers = _headers(dialog.sample)
    assert "Amount" in headers
    assert _cell(dialog.sample, 0, headers.index("Amount")) == "250.50"
    dialog.create_customers.setChecked(True)  # checks again, making the customer
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert "With problems: 0." in dialog.summary.text()
    assert "New customers the file names, to be made: 1." in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.close_button.text() == "Close"
    assert not dialog.import_button.isEnabled()
    assert "New customers made: 1." in dialog.summary.text()
    made = window.book.reader.find(Customer, "code = ?", ["NEW-9"])
    assert [c.name for c in made] == ["Brand New Ltd"]
    qtbot.waitUntil(lambda: "Rescored" in dialog.summary.text(), timeout=20_000)
    assert "Imported: 2 new" in dialog.summary.text()  # the import's figures still there
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_dates_that_read_both_ways_are_asked_about(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """3/4/2024 in every row: the wizard asks which order, then reads the file that way."""
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "sales.csv"
    path.write_text(f"Customer,Date,Amount\n{name},3/4/2024,10\n{name},5/6/2024,20\n",
                    encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.date_order.isVisible()
    assert "read both day-first and month-first" in dialog.summary.text()
    # The window's own question, on the file's own date: not the command line's options.
    assert "in the box above" in dialog.summary.text()
    assert "--date-order" not in dialog.summary.text()
    assert dialog.date_order_label.text() == "Dates such as 3/4/2024 are:"
    # The columns show while it asks: which one is read as the date (it was an empty pane).
    assert [c.currentData() for c in dialog.combos.values()] == [
        "customer_name", "date", "amount"]
    assert not dialog.import_button.isEnabled()
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("mdy"))
    dialog.date_order.activated.emit(dialog.date_order.currentIndex())  # as a click does
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert "With problems: 0." in dialog.summary.text()
    sql = "SELECT count(*) FROM transactions WHERE date IN ('2024-03-04', '2024-05-06')"
    before = window.book.reader.scalar(sql)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.scalar(sql) == before + 2  # month first: 4 March, 6 May
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_a_two_digit_year_first_is_offered_and_read(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """03/04/05 in every row: 'Year first: 24/12/31' reads it as 2003-04-05."""
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "sales.csv"
    path.write_text(f"Customer,Date,Amount\n{name},03/04/05,10\n{name},05/06/07,20\n",
                    encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.date_order.isVisible()
    index = dialog.date_order.findData("ymd")
    assert dialog.date_order.itemText(index) == "Year first: 24/12/31"
    dialog.date_order.setCurrentIndex(index)
    dialog.date_order.activated.emit(index)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert "With problems: 0." in dialog.summary.text()
    sql = "SELECT count(*) FROM transactions WHERE date IN ('2003-04-05', '2005-06-07')"
    before = window.book.reader.scalar(sql)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.scalar(sql) == before + 2
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_a_row_filter_keeps_only_the_finished_orders(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Only status = Done: the cancelled order is counted apart and not imported."""
    name = window.book.reader.list_customers(limit=1).rows[0].name
    path = tmp_path / "orders.csv"
    path.write_text(f"Customer,Date,Amount,Status\n{name},2026-05-03,10,Done\n"
                    f"{name},2026-05-04,20,Cancelled\n{name},2026-05-05,30,done\n",
                    encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert "Valid: 3 " in dialog.summary.text()
    dialog.filter_column.setCurrentIndex(dialog.filter_column.findData("Status"))
    dialog.filter_column.activated.emit(dialog.filter_column.currentIndex())
    qtbot.keyClicks(dialog.filter_values, "Done")
    qtbot.keyClick(dialog.filter_values, Qt.Key.Key_Return)  # editing finished: checked again
    qtbot.waitUntil(lambda: dialog.task is None and "Left out by the row filter: 1."
                    in dialog.summary.text(), timeout=20_000)
    assert "Valid: 2 " in dialog.summary.text()
    before = window.book.reader.scalar("SELECT count(*) FROM transactions")
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.book.reader.scalar("SELECT count(*) FROM transactions") == before + 2
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_one_column_feeds_two_fields_through_also_as(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A customer list holding only an ID: every row lacks a name until "Also as…" on the
    ID's row feeds the name from it too (the command line's --map CustomerID=code
    --map CustomerID=name)."""
    path = tmp_path / "ids.csv"
    path.write_text("CustomerID,City\nC-77,Shanghai\nC-78,Beijing\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert "With problems: 2." in dialog.summary.text()  # a customer needs a name
    assert not dialog.import_button.isEnabled()
    assert dialog.combos[0].currentData() == "code"
    row = dialog.field_rows[0]
    also = next(w for w in _widgets(row) if isinstance(w, QToolButton))
    assert also.text() == "Also as…"
    qtbot.waitUntil(also.isVisible, timeout=5_000)  # a layout shows new widgets a turn later
    qtbot.mouseClick(also, Qt.MouseButton.LeftButton)
    assert len(dialog.field_combos[0]) == 2
    added = dialog.field_combos[0][1]
    assert added.isVisible() and added.currentData() == "ignore"
    added.setCurrentIndex(added.findData("name"))
    added.activated.emit(added.currentIndex())  # as a click does: checked again
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text().startswith("Rows read: 2. Valid: 2 (2 new")
    assert [c.currentData() for c in dialog.field_combos[0]] == ["code", "name"]
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    made = window.book.reader.find(Customer, "code IN ('C-77', 'C-78')")
    assert sorted((c.code, c.name, c.city) for c in made) == [
        ("C-77", "C-77", "Shanghai"), ("C-78", "C-78", "Beijing")]
    # Imported: no choice of field is left to change, the one "Also as…" added included,
    # nor "Also as…" itself (it stayed clickable and added live boxes).
    choices = [*dialog.mapping_host.findChildren(QToolButton),
               *(c for combos in dialog.field_combos.values() for c in combos)]
    assert len(choices) == 2 + 3 and not any(c.isEnabled() for c in choices)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_the_sample_rows_name_their_customer(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A sales file naming its customers by code only: the first rows show the code and the
    name the book has for it."""
    customer = window.book.reader.list_customers(limit=1).rows[0]
    path = tmp_path / "by_code.csv"
    path.write_text(f"客户编号,日期,金额\n{customer.code},2026-05-03,10\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    headers = _headers(dialog.sample)
    assert dialog.sample.rowCount() == 1
    assert _cell(dialog.sample, 0, headers.index("Customer code")) == customer.code
    assert _cell(dialog.sample, 0, headers.index("Customer name")) == customer.name
    dialog.reject()


def _workbook(path: Path, sheets: dict[str, list[list[str]]],
              hidden: tuple[str, ...] = ()) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_the_sheet_read_is_shown_and_another_can_be_chosen(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Two years' customer lists: the dialog says which sheet it read (the one whose headers
    name the most fields, 2025's) and imports 2026's once that is chosen."""
    path = _workbook(tmp_path / "lists.xlsx", {
        "2025": [["客户编号", "客户名称", "城市"], ["Y25-1", "甲公司", "北京"]],
        "2026": [["客户编号", "客户名称"], ["Y26-1", "乙公司"], ["Y26-2", "丙公司"]],
    })
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.sheet_combo.isVisible()
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == [
        "2025", "2026"]
    assert dialog.sheet_combo.currentText() == "2025"
    assert dialog.summary.text().startswith("Rows read: 1. Valid: 1 (1 new")
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)  # as a click does
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text().startswith("Rows read: 2. Valid: 2 (2 new")
    assert dialog.sheet_combo.currentText() == "2026"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    made = window.book.reader.find(Customer, "code LIKE 'Y2%'")
    assert sorted(c.code for c in made) == ["Y26-1", "Y26-2"]
    assert not dialog.sheet_combo.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_a_table_on_a_hidden_sheet_can_be_chosen(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "hidden.xlsx", {
        "说明": [], "数据": [["客户编号", "客户名称"], ["H-1", "丁公司"]]}, hidden=("数据",))
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert "its hidden sheets: 数据. Choose one of them" in dialog.summary.text()
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == [
        "Choose…", "说明", "数据 (hidden)"]
    assert not dialog.import_button.isEnabled()
    dialog.sheet_combo.setCurrentIndex(2)
    dialog.sheet_combo.activated.emit(2)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text().startswith("Rows read: 1. Valid: 1 (1 new")
    assert dialog.sheet_combo.currentText() == "数据 (hidden)"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in window.book.reader.find(Customer, "code = 'H-1'")] == ["丁公司"]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)


def test_an_empty_sheet_picked_is_named_as_the_sheet(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A workbook's empty second sheet (a chart's, say) chosen: the sheet has no rows, not the
    file, whose first sheet holds one; and no '(told from its column headers)' is left over
    from the sheet read before."""
    path = _workbook(tmp_path / "report.xlsx", {
        "数据": [["客户编号", "客户名称"], ["R-1", "戊公司"]], "图表": []})
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.kind_note.text() == "(told from its column headers)"
    dialog.sheet_combo.setCurrentIndex(dialog.sheet_combo.findData("图表"))
    dialog.sheet_combo.activated.emit(dialog.sheet_combo.currentIndex())
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text() == f"{path}, sheet '图表', holds no rows to import."
    assert dialog.kind_note.text() == ""
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_a_csv_file_shows_no_sheet_choice(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert not dialog.sheet_combo.isVisible() and not dialog.sheet_label.isVisible()
    dialog.reject()


def test_the_first_rows_show_every_field_the_file_feeds(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """A customers file's first rows show its city, kind, tags and owner as they will be
    stored (they showed only the code and the name); a contacts file's its role and whether
    the contact is the primary one, in words."""
    path = tmp_path / "customers.csv"
    path.write_text("客户编号,客户名称,客户类型,城市,标签,负责人\n"
                    "S-1,王小明,个人客户,杭州,\"VIP, 华东\",李雷\n", encoding="utf-8")
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)

    def first_row() -> dict[str, str]:
        return dict(zip(_headers(dialog.sample),
                        (_cell(dialog.sample, 0, c) for c in range(dialog.sample.columnCount())),
                        strict=True))

    assert first_row() == {"Row": "2", "Code": "S-1", "Customer name": "王小明",
                           "Customer kind": "Individual", "City": "杭州",
                           "Tags": "VIP, 华东", "Account owner": "李雷"}
    customer = window.book.reader.list_customers(limit=1).rows[0]
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(f"客户名称,姓名,职位,角色,主要联系人\n{customer.name},赵六,采购经理,"
                        "决策者,是\n", encoding="utf-8")
    _check(qtbot, dialog, contacts)
    assert first_row() == {"Row": "2", "Customer code": customer.code,
                           "Customer name": customer.name, "Name": "赵六",
                           "Job title": "采购经理", "Buying role": "Decision maker",
                           "Primary contact": "Yes"}
    # A sales file's its product, reference and notes too (only the date, amount and order
    # number showed), the second line through the one-by-one path (a new customer).
    sales = tmp_path / "sales.csv"
    sales.write_text("客户名称,下单时间,实付金额,订单编号,商品名称,凭证号,备注,到期日\n"
                     f"{customer.name},2026-03-02 10:42,1200.5,DD1,工业阀门,FP-9,加急,"
                     "2026-04-01\n新客户有限公司,2026-03-03,88,DD2,垫片,FP-10,,\n",
                     encoding="utf-8")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("transactions"))
    dialog.create_customers.setChecked(True)
    _check(qtbot, dialog, sales)
    assert dialog.sample.rowCount() == 2
    assert first_row() == {"Row": "2", "Customer code": customer.code,
                           "Customer name": customer.name, "Date": "2026-03-02",
                           "Amount": "1,200.50", "Due date": "2026-04-01",
                           "Reference": "FP-9", "Order number": "DD1",
                           "Product": "工业阀门", "Notes": "加急"}
    assert [_cell(dialog.sample, 1, c) for c in range(dialog.sample.columnCount())] == [
        "3", "", "新客户有限公司", "2026-03-03", "88.00", "", "FP-10", "DD2", "垫片", ""]
    dialog.reject()


def test_cancel_while_importing_writes_nothing(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Cancel pressed while the rows are being written (the bar counts the file's bytes,
    with the time left): the dialog closes, the work stops at its next report and its
    transaction is rolled back: no line, no import batch."""
    customer = window.book.reader.list_customers(limit=1).rows[0]
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("客户编号,日期,金额,订单号\n")
        out.writelines(f"{customer.code},2026-05-{day % 28 + 1:02d},{day % 900 + 1},"
                       f"B{day}\n" for day in range(150_000))
    reader = window.book.reader
    lines = reader.conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
    batches = len(window.book.imports.batches())
    dialog = _dialog(qtbot, window)
    _check(qtbot, dialog, path)
    assert dialog.summary.text().startswith("Rows read: 150,000. Valid: 150,000 (150,000 new")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    task = dialog.task
    assert task is not None
    size = path.stat().st_size
    pressed: list[int] = []

    def cancel_at_the_first_rows(done: int, total: int) -> None:
        # The first report of the rows' phase (the backup's come first, in its own unit):
        # the bar shows part of the file's bytes, and Cancel is pressed.
        if total == size and done > 0 and not pressed:
            pressed.append(done)
            assert 0 < dialog.progress.value() < size
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    task.progressed.connect(cancel_at_the_first_rows)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert pressed and pressed[0] < size and not dialog.isVisible()
    assert reader.conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == lines
    assert len(window.book.imports.batches()) == batches


def test_the_dialog_fits_the_screen_it_opens_on(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """120 average characters of a wide font are wider than the screen (a CJK font's average
    character is 12 pixels: 1,440 on a 1,280 screen): the dialog keeps to the screen."""
    wait_idle(qtbot, window)
    font = window.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    window.setFont(font)
    dialog = ImportDialog(window.book, None, window)
    room = window.screen().availableGeometry()
    assert dialog.fontMetrics().averageCharWidth() * 120 > room.width()  # it would not fit
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= room.width() - 40 and dialog.height() <= room.height() - 60
    dialog.reject()


def _rows_in_view(table: QTableWidget) -> float:
    """How many of the table's rows its viewport shows (a part row as its part)."""
    height = table.viewport().height()
    return sum(max(0, min(table.rowViewportPosition(r) + table.rowHeight(r), height)
                   - max(table.rowViewportPosition(r), 0)) / table.rowHeight(r)
               for r in range(table.rowCount()))


def test_the_first_rows_get_the_room_the_panes_above_leave(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    """On a 1,280×800 screen the first rows of a 20-row file of four columns showed 4½ rows
    under two half-empty panes (the columns and the problems had 3 shares of the height, the
    first rows 2): the panes above now take what they show, the first rows the rest."""
    wait_idle(qtbot, window)
    path = tmp_path / "customers.csv"
    path.write_text("客户编号,客户名称,城市,负责人\n" + "".join(
        f"N-{i:03},新客户{i}有限公司,杭州,李雷\n" for i in range(20)), encoding="utf-8")
    for language in (i18n.ENGLISH, i18n.CHINESE):
        i18n.install_language(language)
        dialog = ImportDialog(window.book, None, window)
        dialog.resize(dialog.fitting_size(QSize(1280, 800)))
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.height() <= 740
        _check(qtbot, dialog, path)
        assert dialog.sample.rowCount() == 20
        qtbot.waitUntil(lambda d=dialog: _rows_in_view(d.sample) >= 8, timeout=5_000)
        # The four columns' boxes are all in view above it, none scrolled away.
        scroll = dialog.mapping_host.parentWidget()
        assert scroll is not None and dialog.mapping_host.height() <= scroll.height(), language
        dialog.reject()


def test_sentences_follow_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A space between English sentences, none after a Chinese full stop."""
    assert sentences("Rows read: 8.", "Left out by the row filter: 3.") == \
        "Rows read: 8. Left out by the row filter: 3."
    assert sentences("跳过空行或合计行 1 行。", "被行筛选排除：3 行。") == \
        "跳过空行或合计行 1 行。被行筛选排除：3 行。"
    assert sentences("", "读取 1 行。") == "读取 1 行。"
