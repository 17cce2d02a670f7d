"""The new plan's playbook preview shows each built-in playbook whole, without scrolling, in
both languages (the look pass of issue 19, point 2: at 460 x 220 pixels the support measures
and actions were under the fold)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.entities import Customer
from storage.book import Book
from ui.gui.dialogs.plan_template_chooser import TemplateChooser
from ui.gui.text import i18n


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_every_built_in_playbook_shows_whole(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             language: str) -> None:
    with Book(tmp_path / "book.db", new_book=True) as book:
        customer = book.customers.add(Customer(name="东方超市")).record
        chooser = TemplateChooser(book, customer.id)
        qtbot.addWidget(chooser)
        chooser.show()
        qtbot.waitExposed(chooser)
        assert chooser.combo.count() == 8  # an empty plan and the seven built-ins
        for index in range(1, chooser.combo.count()):
            chooser.combo.setCurrentIndex(index)
            bar = chooser.preview.verticalScrollBar()
            assert bar.maximum() == 0, chooser.combo.currentText()
