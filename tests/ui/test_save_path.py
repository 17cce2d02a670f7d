"""The suffix every save in the window gives its file (workbooks, calendar, PDF, charts)."""

from __future__ import annotations

from pathlib import Path

from ui.gui.dialogs.save_path import with_suffix


def test_the_suffix_is_added_when_missing_or_another_and_kept_in_any_case() -> None:
    assert with_suffix(Path("out/plan"), ".xlsx") == Path("out/plan.xlsx")
    assert with_suffix(Path("out/plan.csv"), ".xlsx") == Path("out/plan.csv.xlsx")
    assert with_suffix(Path("out/v1.2"), ".ics") == Path("out/v1.2.ics")
    assert with_suffix(Path("out/Plan.XLSX"), ".xlsx") == Path("out/Plan.XLSX")
    assert with_suffix(Path("out/chart.svg"), ".png") == Path("out/chart.svg.png")
