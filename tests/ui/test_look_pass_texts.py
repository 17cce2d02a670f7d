"""Texts found in the look pass over issue 19's screens (both languages): one support
measure is '1 measure', not '1 measures'; the overview's strongest and weakest dimensions
are listed with a Chinese comma in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.support_cost import CustomerProfit
from storage.book import Book
from tests.ui.test_workspace import RICH_CUSTOMER, shown_workspace
from ui.gui.settings import Settings
from ui.gui.text import i18n
from ui.gui.workspace.overview_tab import OverviewTab
from ui.gui.workspace.profit_section import profit_lines

ONE = {i18n.ENGLISH: ("Support granted in its plans: 222,696 (1 measure, 137 % of the profit);"
                      " profit after support: -59,629.",
                      "One of them states neither a cost nor a rate and is not counted."),
       i18n.CHINESE: ("经营计划中给予的支持：222,696（1 项措施，占利润的 137 %）；"
                      "扣除支持后利润：-59,629。", "其中 1 项既未注明成本也未注明比例，未计入。")}
TWO = {i18n.ENGLISH: ("Support granted in its plans: 222,696 (2 measures, 137 % of the "
                      "profit); profit after support: -59,629.",
                      "2 of them state neither a cost nor a rate and are not counted."),
       i18n.CHINESE: ("经营计划中给予的支持：222,696（2 项措施，占利润的 137 %）；"
                      "扣除支持后利润：-59,629。", "其中 2 项既未注明成本也未注明比例，未计入。")}


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_one_support_measure_is_one_measure(language: str) -> None:
    # The demo's flagged customer: profit 163,067, a promotion of 222,696 (137 %).
    one = CustomerProfit("c", 1_679_681.57, 163_066.92, 222_695.65, measures=1, uncosted=1)
    assert profit_lines(one)[1:] == list(ONE[language])
    two = CustomerProfit("c", 1_679_681.57, 163_066.92, 222_695.65, measures=2, uncosted=2)
    assert profit_lines(two)[1:] == list(TWO[language])


def test_the_strongest_dimensions_are_listed_in_the_languages_way(  # type: ignore[no-untyped-def]
        qtbot, scored_path: Path, settings: Settings, language: str) -> None:
    with Book(scored_path) as book:
        customer_id = str(book.reader.scalar(RICH_CUSTOMER))
        shown = shown_workspace(qtbot, book, customer_id, settings)
        workspace = next(shown)
        overview = workspace.tab("overview")
        assert isinstance(overview, OverviewTab)
        qtbot.waitUntil(lambda: overview.is_loaded and overview.overview is not None,
                        timeout=15_000)
        line = next(block for block in overview.page.toPlainText().split("\n")
                    if block.startswith(("Carried by", "主要得分来自")))
        next(shown, None)  # waits for the workspace's background work
    if language == i18n.CHINESE:
        # 主要得分来自销售额 98，利润贡献 90；最弱：毛利率 9，合作期限 17。
        assert line.startswith("主要得分来自") and line[6] != " "
        assert ", " not in line and line.count("，") == 2 and line.endswith("。")
    else:
        assert ", " in line and "，" not in line and line.endswith(".")


def test_the_price_segment_has_one_chinese_name(language: str) -> None:
    """价格/价值导向 in the window's form, filter and dashboard and in the workbooks (the
    portfolio's column said 价格倾向 and the customer form 价格取向); the importer reads the
    new header and the old one."""
    from models.entities import Customer
    from storage.export_labels import Labels
    from storage.importer.columns import ImportKind, auto_map
    from ui.gui.forms.field_labels import field_label
    from ui.gui.views.filter_bar import field_title

    if language != i18n.CHINESE:
        return
    assert field_label(Customer, "price_orientation") == "价格/价值导向"
    assert field_title("price_orientations") == "价格/价值导向"
    assert Labels("zh_CN")("field.price_orientation") == "价格/价值导向"
    for header in ("价格/价值导向", "价格倾向"):
        mapping = auto_map(ImportKind.CUSTOMERS, ["客户名称", header])
        assert mapping.sources.get("price_orientation") == 1, header


def test_the_levels_history_names_who_moved_it_in_the_languages_brackets(
        language: str, tmp_path: Path) -> None:
    from models.entities import Customer
    from models.enums import RelationshipLevel
    from ui.gui.workspace.relationship_map_section import relationship_section

    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(name="东方超市")).record
        book.relationships.set_level(customer.id, RelationshipLevel.DEPENDENT,
                                     reason="按需供货", by="李雷")
        html = "".join(relationship_section(book, customer.id))
    expected = {i18n.ENGLISH: "Dependent: 按需供货 (李雷)",
                i18n.CHINESE: "依赖型：按需供货（李雷）"}[language]
    assert expected in html
