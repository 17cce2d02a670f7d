"""The plan period picker: lengths and periods named in the user's language, and a default
that moves to the next period when the current one is nearly over."""

from __future__ import annotations

from datetime import date

import pytest

from ui.gui.forms.period_field import PeriodField, next_when_nearly_over, period_label


@pytest.mark.parametrize(("today", "kind", "expected"), [
    (date(2026, 12, 6), "half", "2027-H1"),  # 26 of 184 days left: nearly over
    (date(2026, 11, 1), "half", "2026-H2"),
    (date(2026, 12, 6), "quarter", "2026-Q4"),  # 26 of 92 days left: more than a sixth
    (date(2026, 12, 28), "month", "2027-01"),
    (date(2026, 12, 6), "year", "2027"),  # 26 of 365 days left
    (date(2026, 6, 1), "year", "2026"),
])
def test_the_default_is_the_next_period_when_this_one_is_nearly_over(
        today: date, kind: str, expected: str) -> None:
    assert next_when_nearly_over(today, kind) == expected


def test_periods_are_named_in_chinese(qtbot, chinese: None) -> None:  # type: ignore[no-untyped-def]
    assert period_label("2027-Q1") == "2027年一季度"
    assert period_label("2027-H2") == "2027年下半年"
    assert period_label("2027-05") == "2027年5月"
    assert period_label("2027") == "2027年"
    field = PeriodField(today=date(2026, 12, 6))
    qtbot.addWidget(field)
    assert field.value() == "2027-H1" and field.period.currentText() == "2027年上半年"
    assert [field.kind.itemText(i) for i in range(4)] == ["年度", "半年", "季度", "月度"]


def test_choosing_a_length_offers_its_periods(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = PeriodField(today=date(2026, 12, 6))
    qtbot.addWidget(field)
    edits: list[int] = []
    field.edited.connect(lambda: edits.append(1))
    field.kind.setCurrentIndex(2)  # quarter
    field.kind.activated.emit(2)
    assert field.value() == "2026-Q4" and field.period.currentText() == "Q4 2026"
    assert edits == [1]
    field.set_value("2031-Q2")  # outside the offered range: offered too
    assert field.value() == "2031-Q2"
    assert period_label("2027-05") == "5/2027"
