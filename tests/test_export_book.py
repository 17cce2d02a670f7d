"""Export all data and import it back (issue 15, point 9: no lock-in): a book exported with
``book.exports.book`` and imported into an empty book with ``book.imports.run_book`` holds
the same records, field by field, links included; hostile text (formula-looking, control
characters, blank markers, CJK, very long) comes back unchanged and is never a formula."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.entities import Assessment, Contact, Customer, Interaction, Need
from models.enums import (
    ActionStatus,
    CustomerKind,
    InteractionKind,
    NeedKind,
    ObjectiveKind,
    PlanStatus,
    RelationshipLevel,
    SupportKind,
    Tier,
)
from models.plans import AccountPlan, Objective, PlanAction, PlanReview, SupportMeasure
from models.record import Record
from storage.book import Book
from storage.database import Database
from storage.mapping import TABLES, from_row

RECORDS: tuple[type[Record], ...] = (Customer, Contact, Interaction, Need, Assessment,
                                     AccountPlan, Objective, SupportMeasure, PlanAction,
                                     PlanReview)
_LINKS = {"interactions": ("contact_ids", "SELECT interaction_id, contact_id FROM "
                                          "interaction_contacts"),
          "plans": ("need_ids", "SELECT plan_id, need_id FROM plan_needs")}


def everything(db: Database) -> dict[str, Any]:
    """Every live record of the book by table, field by field (its stamps aside), keyed by
    id, links included; sales lines, whose ids an import makes anew, as a sorted list."""
    result: dict[str, Any] = {}
    for cls in RECORDS:
        table = TABLES[cls]
        links: dict[str, list[str]] = {}
        if table in _LINKS:
            for owner, linked in db.conn.execute(_LINKS[table][1]):
                links.setdefault(owner, []).append(linked)
        records = {}
        for row in db.query(f"SELECT * FROM [{table}] WHERE deleted_at IS NULL"):
            record = replace(from_row(cls, row), created_at="", updated_at="")
            if table in _LINKS:
                link_field: dict[str, Any] = {_LINKS[table][0]: tuple(sorted(
                    links.get(record.id, [])))}
                record = replace(record, **link_field)
            records[record.id] = record
        result[table] = records
    result["transactions"] = sorted(db.conn.execute(
        "SELECT customer_id, date, amount, profit, due_date, paid_date, reference, product, "
        "notes, order_no FROM transactions WHERE deleted_at IS NULL"), key=repr)
    return result


def add_plans(book: Book, customers: list[Customer]) -> None:
    """Account plans (the demo has none) with every part, linked to needs and objectives."""
    for number, customer in enumerate(customers):
        plan = book.plans.create(customer.id, "2026-Q3", carry_over=False).record
        needs = [n.id for n in book.needs.of_customer(customer.id)][:2]
        objectives = [Objective(kind=ObjectiveKind.REVENUE, description=f"Grow to {number}M",
                                target_value=1e6 * (number + 1), baseline_value=5e5,
                                actual_value=123456.78),
                      Objective(kind=ObjectiveKind.FREE_TEXT, description="打入华东市场")]
        plan = replace(
            plan, status=PlanStatus.ACTIVE, situation=f"Situation {number}\nsecond line",
            current_level=RelationshipLevel.DEPENDENT,
            target_level=RelationshipLevel.PARTNERSHIP, review_cadence_days=30,
            owner="Li Lei", need_ids=tuple(needs), objectives=objectives,
            support_measures=[SupportMeasure(kind=SupportKind.REBATE, terms="2% over 1M",
                                             rate_percent=2.5, cost=25000.0)],
            actions=[PlanAction(what="Quarterly review", owner="Li Lei",
                                due_date=date(2026, 8, 1), objective_id=objectives[0].id),
                     PlanAction(what="Visit the plant", status=ActionStatus.DONE,
                                done_on=date(2026, 7, 2))],
            reviews=[PlanReview(reviewed_on=date(2026, 7, 15), note="On track.")])
        book.plans.save(plan)


def add_edge_cases(book: Book) -> None:
    """What an export must not lose: two customers of one name without a code, each with a
    contact of one name; two contacts of one name at one customer; texts that look like
    formulas, blank markers or total rows; an override with its reason; links."""
    twins = [book.customers.add(Customer(name="张伟", kind=CustomerKind.INDIVIDUAL,
                                         notes=note)).record for note in ("-", "NA")]
    for twin in twins:
        contact = book.contacts.add(Contact(customer_id=twin.id, name="王芳", title="N/A"))
        book.interactions.add(Interaction(
            customer_id=twin.id, kind=InteractionKind.VISIT,
            occurred_at=datetime(2026, 6, 1, 9, 45), summary="=1+1",
            contact_ids=(contact.record.id,), next_step="@SUM(A1)",
            next_step_due=date(2026, 6, 8)))
    odd = book.customers.add(Customer(
        name="合计", code="Total", industry="—", notes="line one\r\nline two\rthree\t_x000D_",
        tier_override=Tier.STRATEGIC, tier_override_reason="+1 board decision",
        tags=("VIP", "华东"))).record
    first = book.contacts.add(Contact(customer_id=odd.id, name="Wang Fang", title="CFO"))
    book.contacts.add(Contact(customer_id=odd.id, name="Wang Fang", title="Buyer"))
    book.needs.add(Need(customer_id=odd.id, kind=NeedKind.COMPLAINT, description="空",
                        contact_id=first.record.id, raised_on=date(2026, 5, 3)))
    book.needs.add(Need(customer_id=odd.id, kind=NeedKind.COMPLAINT, description="空",
                        raised_on=date(2026, 5, 3)))
    book.assessments.add(Assessment(customer_id=odd.id, assessed_on=date(2026, 4, 1),
                                    loyalty=5, notes="-"))


@pytest.fixture
def full_book(demo_book: Book) -> Book:
    add_edge_cases(demo_book)
    add_plans(demo_book, [from_row(Customer, row) for row in demo_book.reader.query(
        "SELECT * FROM customers WHERE code <> '' ORDER BY code LIMIT 12")])
    return demo_book


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_book_exported_and_imported_into_an_empty_book_is_the_same(
        full_book: Book, tmp_path: Path, lang: str) -> None:
    before = everything(full_book.reader)
    assert len(before["plans"]) == 12 and len(before["plan_actions"]) == 24
    exported = full_book.exports.book(tmp_path / "all.xlsx", lang=lang)
    counts = {table: len(records) for table, records in before.items()}
    assert exported.rows == sum(counts.values())
    with Book(tmp_path / "new.db") as new:
        imported = new.imports.run_book(exported.path)
        assert imported.result.written, imported.result.issues[:5]
        assert imported.result.bad_rows == 0 and not imported.result.ignored
        assert imported.result.created == exported.rows
        after = everything(new.reader)
    for table in before:
        assert after[table] == before[table], table


def test_the_sheets_are_named_and_headed_in_the_export_language(full_book: Book,
                                                                tmp_path: Path) -> None:
    path = full_book.exports.book(tmp_path / "全部.xlsx", lang="zh_CN").path
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["客户", "联系人", "交易记录", "互动记录", "需求", "定期评估",
                                   "经营计划", "计划目标", "计划支持", "计划行动", "计划回顾"]
    header = next(workbook["交易记录"].iter_rows(max_row=1, values_only=True))
    assert header == ("客户编号", "客户名称", "日期", "金额", "毛利", "到期日", "付款日期",
                      "订单号", "参考号", "产品", "备注", "KeyPlan 客户编号")
    # Choices in the export's language: a complaint is 投诉, a VIP's override 战略客户.
    customers = list(workbook["客户"].iter_rows(values_only=True))
    total = next(row for row in customers if row[0] == "Total")
    assert total[1] == "合计" and total[16] == "战略客户" and total[11] == "VIP, 华东"
    workbook.close()


def test_a_sheet_beyond_excels_rows_goes_on_in_numbered_sheets(
        full_book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel holds 1,048,575 records a sheet; with the limit at 1,000 the demo's sales lines
    fill "Transactions", "Transactions (2)" ... and all of them import back."""
    import storage.export_book

    monkeypatch.setattr(storage.export_book, "MAX_SHEET_ROWS", 1_000)
    lines = full_book.reader.scalar("SELECT count(*) FROM transactions")
    parts = -(-lines // 1_000)
    assert parts >= 3
    path = full_book.exports.book(tmp_path / "split.xlsx", lang="en").path
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert [n for n in names if n.startswith("Transactions")] == [
        "Transactions", *(f"Transactions ({n})" for n in range(2, parts + 1))]
    with Book(tmp_path / "new.db") as new:
        assert new.imports.run_book(path).result.written
        assert everything(new.reader)["transactions"] == everything(
            full_book.reader)["transactions"]


def test_a_cancelled_export_leaves_the_previous_file(full_book: Book, tmp_path: Path) -> None:
    from storage.export_files import ExportCancelled

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "all.xlsx"
    target.write_bytes(b"the previous export")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2_000

    with pytest.raises(ExportCancelled):
        full_book.exports.book(target, progress=progress)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["all.xlsx"]
    assert seen[0][1] > 2_000 and seen[-1][0] >= 2_000


def test_a_bad_row_means_nothing_is_imported_unless_asked(tmp_path: Path) -> None:
    """The import is one transaction: a sheet naming a customer the file does not have
    refuses, and nothing of the other sheets stays; --skip-invalid keeps the good rows."""
    with Book(tmp_path / "a.db") as book:
        customer = book.customers.add(Customer(name="Acme", code="A1")).record
        book.contacts.add(Contact(customer_id=customer.id, name="Ann"))
        path = book.exports.book(tmp_path / "all.xlsx", lang="en").path
    workbook = openpyxl.load_workbook(path)
    workbook["Contacts"]["A3"] = "NOPE"  # a second contact of a customer nobody has
    workbook["Contacts"]["C3"] = "Bob"
    workbook.save(path)
    with Book(tmp_path / "b.db") as book:
        refused = book.imports.run_book(path).result
        assert not refused.written and refused.bad_rows == 1
        sheet, issue = refused.issues[0]
        assert (sheet, issue.row, issue.column) == ("Contacts", 3, "Customer code")
        assert book.reader.scalar("SELECT count(*) FROM customers") == 0
        kept = book.imports.run_book(path, skip_invalid=True).result
        assert kept.written and kept.created == 2
        assert book.reader.scalar("SELECT count(*) FROM contacts") == 1


# ---- hostile text ---------------------------------------------------------------------------
#: Pieces that trouble spreadsheets and importers: formulas and DDE, Excel's own escapes,
#: blank markers and total words, XML's specials, line ends, wide and invisible characters.
_PIECES = ["=1+1", "@SUM(A1)", "+1", "-2", "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0",
           "_x000D_", "_x005F_", "\t", "NA", "-", "—", "空", "#N/A", "Total", "合计", "&<>\"'",
           "中文", "\u3000", "\x85", "\u2028", "\u200b", "😀", "Ω"]
_CHARACTERS = st.characters(blacklist_categories=["Cs"], blacklist_characters=(
    "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127])) + "\ufffe\uffff"))
_MULTILINE = st.lists(st.one_of(st.sampled_from([*_PIECES, "\n", "\r\n", "\r"]),
                                st.text(_CHARACTERS, max_size=12)), max_size=8).map(
    lambda parts: "".join(parts).strip())
_LINE = _MULTILINE.map(lambda text: re.sub(r"[\r\n]+", " ", text).strip())


def _filled(text: str, fallback: str) -> str:
    return text or fallback


@settings(max_examples=12, deadline=None)
@given(name=_LINE, code=_LINE, notes=_MULTILINE, title=_LINE, summary=_MULTILINE,
       description=_MULTILINE, note=_MULTILINE)
def test_hostile_text_survives_unchanged_and_never_becomes_a_formula(
        tmp_path_factory: pytest.TempPathFactory, name: str, code: str, notes: str,
        title: str, summary: str, description: str, note: str) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    with Book(folder / "a.db") as book:
        customer = book.customers.add(Customer(name=_filled(name[:200], "x"), code=code[:40],
                                               notes=notes, industry=title[:80])).record
        contact = book.contacts.add(Contact(customer_id=customer.id,
                                            name=_filled(title[:80], "y"), title=title[:80],
                                            notes=notes[:5000])).record
        book.interactions.add(Interaction(
            customer_id=customer.id, kind=InteractionKind.CALL,
            occurred_at=datetime(2026, 1, 2, 3, 4), summary=_filled(summary, "z"),
            feedback=notes[:5000], contact_ids=(contact.id,)))
        need = book.needs.add(Need(customer_id=customer.id, kind=NeedKind.SUGGESTION,
                                   description=_filled(description, "w"),
                                   resolution=note)).record
        plan = book.plans.create(customer.id, "2027", carry_over=False).record
        objective = Objective(description=_filled(title[:500], "v"))
        book.plans.save(replace(plan, situation=notes, need_ids=(need.id,),
                                objectives=[objective],
                                actions=[PlanAction(what=_filled(name[:500], "u"),
                                                    objective_id=objective.id)],
                                reviews=[PlanReview(note=_filled(note, "t"))]))
        before = everything(book.reader)
        path = book.exports.book(folder / "all.xlsx", lang="en").path
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(part) and b"<f " not in archive.read(part)
    with Book(folder / "b.db") as new:
        imported = new.imports.run_book(path).result
        assert imported.written, imported.issues[:3]
        assert everything(new.reader) == before


def test_the_longest_texts_come_back_whole(tmp_path: Path) -> None:
    """10,000 characters of customer notes, 5,000 of a summary: under Excel's 32,767."""
    with Book(tmp_path / "a.db") as book:
        customer = book.customers.add(Customer(name="长" * 200, notes="注" * 9_999 + "!")).record
        book.interactions.add(Interaction(customer_id=customer.id, kind=InteractionKind.EMAIL,
                                          occurred_at=datetime(2026, 3, 4, 23, 59),
                                          summary="=" + "x\n" * 2_499 + "y"))
        before = everything(book.reader)
        path = book.exports.book(tmp_path / "all.xlsx").path
    with Book(tmp_path / "b.db") as new:
        assert new.imports.run_book(path).result.written
        assert everything(new.reader) == before


def test_dates_before_excels_calendar_come_back_as_text(tmp_path: Path) -> None:
    """Excel's serial numbers go wrong before 1900-03-01: such dates are written as ISO text
    (which the importer reads), later ones as real dates with their time of day."""
    from models.entities import Transaction

    with Book(tmp_path / "a.db") as book:
        customer = book.customers.add(Customer(name="Old Firm", code="O1")).record
        for day in (date(1850, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(9999, 12, 31)):
            book.transactions.add(Transaction(customer_id=customer.id, date=day, amount=1.5))
        for moment in (datetime(1899, 12, 31, 23, 59), datetime(1900, 3, 1, 0, 1),
                       datetime(2026, 6, 30, 12, 0)):
            book.interactions.add(Interaction(customer_id=customer.id, occurred_at=moment,
                                              kind=InteractionKind.MEETING, summary="x"))
        before = everything(book.reader)
        path = book.exports.book(tmp_path / "all.xlsx").path
    sheet = openpyxl.load_workbook(path)["Transactions"]
    assert [cell.value for cell in sheet["C"][1:]] == [
        "1850-01-01", "1900-02-28", datetime(1900, 3, 1), datetime(9999, 12, 31)]
    with Book(tmp_path / "b.db") as new:
        assert new.imports.run_book(path).result.written
        assert everything(new.reader) == before


def test_a_full_disk_while_streaming_keeps_the_previous_file(
        full_book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet's rows are compressed and written on a thread of their own: a write that fails
    there (the disk fills up half-way through the sales lines) still ends the export with
    the disk-full message, the previous workbook untouched and no temporary file left."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "all.xlsx"
    target.write_bytes(b"the previous export")
    writes = {"count": 0}
    original = zipfile._ZipWriteFile.write  # type: ignore[attr-defined]

    def filling(self: Any, data: Any) -> int:
        writes["count"] += 1
        if writes["count"] == 40:
            raise OSError(28, "No space left on device")
        return int(original(self, data))

    monkeypatch.setattr(zipfile._ZipWriteFile, "write", filling)  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="disk is full"):
        full_book.exports.book(target)
    assert writes["count"] >= 40
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["all.xlsx"]
