"""The Transactions tab: revenue by month with its trend, the totals, and every invoice."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from models.entities import Transaction
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY, money, percent
from ui.gui.models.rows_model import RIGHT, Column
from ui.gui.workspace.chart_view import ChartView
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

LATE = "#c62828"


def _margin(t: Transaction) -> float | None:
    if t.profit is None or not t.amount:
        return None
    return t.profit / t.amount


def _columns() -> list[Column]:

    today = date.today()

    def late(r: Transaction) -> bool:
        paid = r.paid_date or today
        return r.due_date is not None and paid > r.due_date

    return [
        Column(
            "date",
            lambda: translate("TransactionsTab", "Date"),
            lambda r: r.date.isoformat(),
            sort=lambda r: r.date,
        ),
        Column(
            "reference", lambda: translate("TransactionsTab", "Reference"), lambda r: r.reference
        ),
        Column("product", lambda: translate("TransactionsTab", "Product"), lambda r: r.product),
        Column(
            "amount",
            lambda: translate("TransactionsTab", "Amount"),
            lambda r: money(r.amount),
            sort=lambda r: r.amount,
            align=RIGHT,
        ),
        Column(
            "profit",
            lambda: translate("TransactionsTab", "Profit"),
            lambda r: money(r.profit),
            sort=lambda r: r.profit,
            align=RIGHT,
        ),
        Column(
            "margin",
            lambda: translate("TransactionsTab", "Margin"),
            lambda r: percent(_margin(r)),
            sort=_margin,
            align=RIGHT,
        ),
        Column(
            "due_date",
            lambda: translate("TransactionsTab", "Due"),
            lambda r: r.due_date.isoformat() if r.due_date else EMPTY,
            sort=lambda r: r.due_date,
        ),
        Column(
            "paid_date",
            lambda: translate("TransactionsTab", "Paid"),
            lambda r: r.paid_date.isoformat() if r.paid_date else EMPTY,
            sort=lambda r: r.paid_date,
            colour=lambda r: LATE if late(r) else None,
        ),
    ]


class TransactionsTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.chart = ChartView(context, "trend", self, min_height=220)
        self.totals = QLabel(self)
        self.totals.setObjectName("transactionTotals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.totals.font()
        font.setBold(True)
        self.totals.setFont(font)
        self.panel = ListPanel(_columns(), self, name="transactions")
        self.transactions: list[Transaction] = []
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.totals)
        lower_layout.addWidget(self.panel, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.panel.fit_columns(
            {
                "date": 10,
                "reference": 16,
                "product": 16,
                "amount": 11,
                "profit": 11,
                "margin": 7,
                "due_date": 10,
            }
        )

    def retranslate(self) -> None:
        self.chart.retranslate()
        self.panel.model.retranslate()
        self._show_totals()

    def totals_figures(self) -> tuple[int, float, float | None, float | None]:
        """Count, revenue, profit (None if no invoice has one) and margin of the list."""
        count = len(self.transactions)
        revenue = sum(t.amount for t in self.transactions)
        with_profit = [(t.amount, t.profit) for t in self.transactions if t.profit is not None]
        profit = sum(p for _amount, p in with_profit) if with_profit else None
        base = sum(amount for amount, _p in with_profit)
        margin = profit / base if profit is not None and base else None
        return count, revenue, profit, margin

    def _show_totals(self) -> None:
        count, revenue, profit, margin = self.totals_figures()
        self.totals.setText(
            self.tr(
                "{count} transactions · revenue {revenue} · profit {profit} · margin {margin}"
            ).format(
                count=QLocale().toString(count),
                revenue=money(revenue),
                profit=money(profit),
                margin=percent(margin),
            )
        )

    @property
    def is_loaded(self) -> bool:
        return not self.stale and not self.chart.loading

    def reload(self) -> None:
        self.transactions = self.book.transactions.of_customer(self.customer_id)  # newest first
        self.panel.set_rows(self.transactions, keep=lambda r: r.id)
        self._show_totals()
        self.chart.reload()
