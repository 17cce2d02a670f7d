"""The plan workbook's "Relationship map" sheet read back (issue 19, point 1): the hand-made
account's tree indented by who reports to whom, its flag, and the contacts by level with their
gaps, in both languages; and the demo's maps and level histories."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from storage.book import Book
from storage.demo_relationships import REASONS
from tests.test_relationships import _account


def _cells(ws) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [[cell.value for cell in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_relationship_map_sheet_reads_back_as_a_tree(tmp_path: Path, lang: str) -> None:
    with Book(tmp_path / "acme.db", new_book=True) as book:
        customer, _ = _account(book)
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang=lang)
    title = "Relationship map" if lang == "en" else "关系图"
    assert result.sheets.index(title) == result.sheets.index(
        "Contacts" if lang == "en" else "联系人") + 1
    rows = _cells(load_workbook(result.path)[title])
    by_level = next(i for i, row in enumerate(rows)
                    if row[0] == ("Contacts by level" if lang == "en" else "按层级的联系人"))
    # The tree (above the table by level): each name in the column of its depth, under its boss.
    placed = {value.removeprefix("└ "): (index, column)
              for index, row in enumerate(rows[:by_level])
              for column, value in enumerate(row[:5])
              if isinstance(value, str) and value.removeprefix("└ ") in
              {"王总", "刘经理", "赵工", "陈工"}}
    assert {name: column for name, (_, column) in placed.items()} == {
        "王总": 0, "刘经理": 1, "赵工": 2, "陈工": 2}
    order = sorted(placed, key=lambda name: placed[name][0])
    assert order == ["王总", "刘经理", "赵工", "陈工"]
    wang = rows[placed["王总"][0]]
    assert wang[5:11][0] == "CEO" and wang[5:11][4] == "李雷"
    text = "\n".join(str(v) for row in rows for v in row if v is not None)
    flag = ("Single-threaded: everything of the last six months went through 刘经理."
            if lang == "en" else "单线联系：近六个月的往来全部通过 刘经理。")
    assert flag in text
    gap = "nobody on our side covers them" if lang == "en" else "我方无人对接"
    level = "Management level" if lang == "en" else "管理层"
    (management,) = [row for row in rows if row[0] == level]
    assert management[1] == "刘经理" and gap in str(management[6])


def test_the_demo_draws_maps_and_climbs_the_ladder(demo_book: Book) -> None:
    db = demo_book.reader
    contacts, bosses, covered = db.conn.execute(
        "SELECT count(*), count(reports_to), sum(covered_by <> '') FROM contacts").fetchone()
    assert 0.3 < bosses / contacts < 0.8 and 0.2 < covered / contacts < 0.8
    # Every boss is a contact of the same customer, and nobody is their own boss.
    assert db.scalar("SELECT count(*) FROM contacts k JOIN contacts b ON b.id = k.reports_to "
                     "WHERE b.customer_id <> k.customer_id OR b.id = k.id") == 0
    # Each customer's history ends at its current level and starts at the first rung.
    wrong = db.scalar(
        "SELECT count(*) FROM customers c WHERE (SELECT level FROM relationship_levels r "
        "WHERE r.customer_id = c.id ORDER BY changed_on DESC, rowid DESC LIMIT 1) "
        "<> c.relationship_level OR (SELECT level FROM relationship_levels r WHERE "
        "r.customer_id = c.id ORDER BY changed_on, rowid LIMIT 1) <> 1")
    assert wrong == 0
    reasons = {r for (r,) in db.conn.execute("SELECT DISTINCT reason FROM relationship_levels")}
    chinese = {text for rung in REASONS.values() for text in rung[0]}
    assert reasons & chinese and reasons - chinese  # the mixed demo speaks both
    customer = str(db.scalar("SELECT customer_id FROM relationship_levels "
                             "GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1"))
    spans = demo_book.relationships.map(customer).levels
    assert len(spans) >= 3 and all(s.reason for s in spans)


def test_the_table_by_level_wraps_under_the_trees_narrow_columns(tmp_path: Path) -> None:
    """The table by level shares the tree's 11-character columns: 'Management level' and
    'Technical evaluator' wrap in their cell instead of running into the next one."""
    with Book(tmp_path / "acme.db", new_book=True) as book:
        customer, _ = _account(book)
        result = book.exports.plan(customer.id, tmp_path / "plan.xlsx", lang="en")
    ws = load_workbook(result.path)["Relationship map"]
    (management,) = [row for row in ws.iter_rows() if row[0].value == "Management level"]
    assert ws.column_dimensions["A"].width < len("Management level")
    texts = [cell for cell in management[:7] if isinstance(cell.value, str) and cell.value]
    assert len(texts) >= 3 and all(cell.alignment.wrap_text for cell in texts)
