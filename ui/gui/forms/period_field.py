"""A plan period picked, not typed: its length (month, quarter, half year, year), then one
period of that length, named in the user's language (2027年一季度, Q1 2027)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from models.plan_periods import period_bounds, period_containing, shift_period
from models.validation import normalise_period
from ui.gui.forms.fields import FieldEditor

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: The lengths offered, longest first, each by the code of the period holding a day.
KINDS = ("year", "half", "quarter", "month")
#: How many periods before and after today's each list offers.
BEFORE, AFTER = 2, 6
#: A period with less than this share left is "nearly over": the next one is suggested.
NEARLY_OVER = 1 / 6


def kind_of(period: str) -> str:
    if len(period) == 4:
        return "year"
    return {"H": "half", "Q": "quarter"}.get(period[5], "month")


#: A period of each length, for models.plan_periods.period_containing.
_LIKE = {"year": "2000", "half": "2000-H1", "quarter": "2000-Q1", "month": "2000-01"}


def period_of(day: date, kind: str) -> str:
    return period_containing(day, _LIKE[kind])


def next_when_nearly_over(today: date, kind: str) -> str:
    """The period of ``kind`` holding today, or the next one when today's is nearly over
    (a plan made in December is for next half year, not for the last weeks of this one)."""
    period = period_of(today, kind)
    start, end = period_bounds(period)
    left = ((end - today).days + 1) / ((end - start).days + 1)
    return shift_period(period, 1) if left < NEARLY_OVER else period


def period_label(period: str) -> str:
    """``period`` in the current language: 2027年一季度 / Q1 2027."""
    code = normalise_period(period)
    if not code:
        return period
    year = code[:4]
    kind = kind_of(code)
    if kind == "year":
        return translate("PeriodField", "{year}").format(year=year)
    number = int(code[6]) if kind in ("half", "quarter") else int(code[5:])
    if kind == "half":
        text = (translate("PeriodField", "H1 {year}") if number == 1
                else translate("PeriodField", "H2 {year}"))
        return text.format(year=year)
    if kind == "quarter":
        quarters = (translate("PeriodField", "Q1 {year}"), translate("PeriodField", "Q2 {year}"),
                    translate("PeriodField", "Q3 {year}"), translate("PeriodField", "Q4 {year}"))
        return quarters[number - 1].format(year=year)
    return translate("PeriodField", "{month}/{year}").format(month=number, year=year)


class PeriodField(FieldEditor):
    """Two lists: the period's length, and the periods of that length around today."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("periodKind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.period = QComboBox(self)
        self.period.setObjectName("periodChoice")
        self.period.setMinimumContentsLength(12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.period, 1)
        self.setFocusProxy(self.kind)
        self.kind.activated.connect(self._kind_chosen)
        self.period.activated.connect(lambda _index: self.edited.emit())
        self.kind.setCurrentIndex(KINDS.index("half"))
        self._fill(next_when_nearly_over(self.today, "half"))
        self.retranslate()

    def retranslate(self) -> None:
        names = {"year": translate("PeriodField", "Year"),
                 "half": translate("PeriodField", "Half year"),
                 "quarter": translate("PeriodField", "Quarter"),
                 "month": translate("PeriodField", "Month")}
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, names[kind])
        for index in range(self.period.count()):
            self.period.setItemText(index, period_label(str(self.period.itemData(index))))

    def value(self) -> str:
        return str(self.period.currentData() or "")

    def set_value(self, value: Any) -> None:
        code = normalise_period(str(value or "")) or next_when_nearly_over(self.today, "half")
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(KINDS.index(kind_of(code)))
        self._fill(code)

    def _kind_chosen(self, _index: int) -> None:
        kind = str(self.kind.currentData())
        self._fill(next_when_nearly_over(self.today, kind))
        self.edited.emit()

    def _fill(self, chosen: str) -> None:
        """The periods of ``chosen``'s length around today (and ``chosen`` itself)."""
        kind = kind_of(chosen)
        current = period_of(self.today, kind)
        codes = [shift_period(current, step) for step in range(-BEFORE, AFTER + 1)]
        if chosen not in codes:
            codes = sorted({*codes, chosen})
        with QSignalBlocker(self.period):
            self.period.clear()
            for code in codes:
                self.period.addItem(period_label(code), code)
            self.period.setCurrentIndex(codes.index(chosen))
