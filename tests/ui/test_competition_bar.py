"""The overview's share-of-wallet bar: a 10 % competitor's part still shows its percentage,
the list below keys each competitor to its colour in the bar, and the sentence comes before
the bar (issue 19, point 3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.competition import Competitor
from storage.book import Book
from ui.gui.forms.competition_words import OURS_COLOUR, THEIRS_COLOURS
from ui.gui.workspace.competition_section import competition_section, wallet_bar


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book(book_path) as opened:
        yield opened


def test_a_small_share_keeps_its_label_and_the_list_its_colour(qapp, book: Book) -> None:  # type: ignore[no-untyped-def]
    customer_id = str(book.reader.scalar("SELECT id FROM customers ORDER BY code LIMIT 1"))
    for name, share in (("Alpha Trading", 25.0), ("Beta Supply", 10.0), ("Gamma Ltd", None)):
        book.competition.save(Competitor(customer_id=customer_id, name=name,
                                         share_percent=share))
    position = book.competition.position(customer_id)
    bar = wallet_bar(position)
    # 65 % ours, 25 % and 10 % theirs: three parts of 273, 105 and 42 px, each labelled.
    assert bar.count("<td ") == 3
    for text in ("65 %", "25 %", "10 %"):
        assert f">{text}</td>" in bar
    assert f"background:{OURS_COLOUR}" in bar
    html = "".join(competition_section(book, customer_id))
    assert html.index("<p>") < html.index("<table")  # the sentence above the bar
    keys = html.split("<li>")[1:]
    alpha = next(k for k in keys if "Alpha Trading" in k)
    beta = next(k for k in keys if "Beta Supply" in k)
    gamma = next(k for k in keys if "Gamma Ltd" in k)
    assert f"color:{THEIRS_COLOURS[0]}'>■" in alpha
    assert f"color:{THEIRS_COLOURS[1]}'>■" in beta
    assert "■" not in gamma  # no share: not in the bar
