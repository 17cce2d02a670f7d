"""The dashboard's "By salesperson" section: the manager's roll-up as a sortable table and a
chart of each owner's revenue by tier. A double-click on an owner lists their customers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.rollup import OwnerRollup, Rollup
from ui.gui.charts.chart_canvas import ChartCanvas
from ui.gui.models.rollup_model import RollupModel, owner_text
from ui.gui.models.rows_model import RECORD_ROLE, SORT_ROLE
from ui.gui.views.dashboard_table import DashboardTable


class RollupSection(QWidget):
    """Hidden until a roll-up of a team's book (more than one owner) is shown."""

    owner_chosen = Signal(str, str)  # the owner ("" = customers nobody owns), their name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollupSection")
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666666;")
        self.model = RollupModel(self)
        self.table = DashboardTable(self.model, self, "rollupTable")
        self.table.doubleClicked.connect(self._double_clicked)
        self.canvas = ChartCanvas("rollup", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(self.canvas)
        self.setVisible(False)
        self.retranslate()

    def set_rollup(self, rollup: Rollup) -> None:
        self.model.set_rollup(rollup)
        self.table.fit()
        self.setVisible(rollup.is_team)

    def row_at(self, row: int) -> OwnerRollup:
        return self.model.index(row, 0).data(RECORD_ROLE)

    def shown(self, row: int, key: str) -> str:
        """The text a cell shows (tests read the table as the user does)."""
        return str(self.model.index(row, self.model.column_of(key)).data())

    def sort_value(self, row: int, key: str) -> object:
        return self.model.index(row, self.model.column_of(key)).data(SORT_ROLE)

    def _double_clicked(self, index: QModelIndex) -> None:
        row: OwnerRollup = index.siblingAtColumn(0).data(RECORD_ROLE)
        if row is not None and not row.is_total:
            self.owner_chosen.emit(row.owner, owner_text(row))

    def retranslate(self) -> None:
        self.title.setText(self.tr("By salesperson"))
        self.note.setText(self.tr(
            "Revenue of the last 12 months against the 12 before; the active plans' "
            "objectives, revenue against their targets and actions; late work is its own "
            "owner's, else the customer's owner's, as Today lists it. Double-click a "
            "salesperson to list their customers."))
        self.model.retranslate()
        self.canvas.retranslate()
        self.table.fit()  # the titles in the new language wrap where they need to
