"""The dashboard's "Tiers by segment" section: for the segment chosen (kind, price or value
orientation, loyalty segment, channel), each value's customers per tier, the share of them
that are strategic or key, and their revenue. A double-click lists that value's customers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.enums import Tier
from models.segments import SEGMENTS, SegmentRow, TiersBySegment
from storage.book import Book
from ui.gui.background.tasks import BookTask, Progress
from ui.gui.charts.style import money
from ui.gui.models.rows_model import RECORD_ROLE, RIGHT, Column, RowsModel
from ui.gui.text.labels import label
from ui.gui.views.dashboard_table import DashboardTable

translate = QCoreApplication.translate  # lupdate reads translate("SegmentBreakdown", ...)
EMPTY = "—"
#: Segment column -> the customer list's filter field (filter_bar.SEGMENT_FIELDS).
FILTER_FIELDS = {"kind": "kinds", "price_orientation": "price_orientations",
                 "loyalty_segment": "loyalty_segments", "channel": "channels"}


def segment_title(segment: str) -> str:
    return {
        "kind": translate("SegmentBreakdown", "Customer kind"),
        "price_orientation": translate("SegmentBreakdown", "Price or value orientation"),
        "loyalty_segment": translate("SegmentBreakdown", "Loyalty segment"),
        "channel": translate("SegmentBreakdown", "Channel"),
    }[segment]


def value_text(row: SegmentRow) -> str:
    return label(row.value) if row.value is not None else translate("SegmentBreakdown",
                                                                     "(not set)")


def _tier_column(tier: Tier) -> Column:
    return Column(f"tier_{tier.value}", lambda: label(tier),
                  lambda r: f"{r.count(tier):,}", lambda r: r.count(tier), RIGHT)


def columns() -> list[Column]:
    return [
        Column("value", lambda: translate("SegmentBreakdown", "Segment"), value_text,
               lambda r: (r.value is None, value_text(r))),
        *(_tier_column(t) for t in Tier),
        Column("total", lambda: translate("SegmentBreakdown", "Customers"),
               lambda r: f"{r.total:,}", lambda r: r.total, RIGHT),
        Column("top_share", lambda: translate("SegmentBreakdown", "Strategic or key"),
               lambda r: EMPTY if r.top_share is None else f"{r.top_share * 100:.0f} %",
               lambda r: r.top_share, RIGHT),
        Column("revenue", lambda: translate("SegmentBreakdown", "Revenue 12 mo."),
               lambda r: money(r.revenue), lambda r: r.revenue, RIGHT),
    ]


def load_breakdown(book: Book, _progress: Progress) -> TiersBySegment:
    return book.charts.tiers_by_segment()


class SegmentBreakdown(QWidget):
    """Reads its figures in the background each time the dashboard reloads."""

    filter_requested = Signal(object, str)  # CustomerQuery field dict, description
    loaded = Signal()  # the figures are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentBreakdown")
        self.breakdown: TiersBySegment | None = None
        self.task: BookTask | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.segment_label = QLabel(self)
        self.segment_combo = QComboBox(self)
        self.segment_combo.setObjectName("segmentChoice")
        for segment in SEGMENTS:
            self.segment_combo.addItem("", segment)
        self.segment_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666666;")
        self.model = RowsModel(columns(), self)
        self.table = DashboardTable(self.model, self, "segmentTable")
        self.table.doubleClicked.connect(self._double_clicked)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.segment_label)
        header.addWidget(self.segment_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addLayout(header)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.retranslate()

    # -- loading ---------------------------------------------------------------------------
    def reload(self, path: str | Path) -> BookTask:
        """Read the figures of the book at ``path`` anew (a reload in flight is dropped)."""
        if self.task is not None:
            self.task.cancel()
        task = BookTask(path, load_breakdown, self)
        self.task = task
        task.success(lambda result: self._loaded(task, result))
        task.failure(self._failed)
        task.run_in_background()
        return task

    def _loaded(self, task: BookTask, breakdown: TiersBySegment) -> None:
        if task is not self.task:
            return
        self.task = None
        self.set_breakdown(breakdown)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        raise error

    def set_breakdown(self, breakdown: TiersBySegment) -> None:
        self.breakdown = breakdown
        self._show()

    @property
    def segment(self) -> str:
        return str(self.segment_combo.currentData())

    def _show(self) -> None:
        rows = self.breakdown.rows(self.segment) if self.breakdown is not None else ()
        self.model.set_rows(list(rows))
        self.table.fit()

    def shown(self, row: int, key: str) -> str:
        """The text a cell shows (tests read the table as the user does)."""
        return str(self.model.index(row, self.model.column_of(key)).data())

    def _double_clicked(self, index: QModelIndex) -> None:
        row: SegmentRow | None = index.siblingAtColumn(0).data(RECORD_ROLE)
        if row is None or row.value is None:
            return  # customers with no value set have no filter of their own
        fields: dict[str, Any] = {FILTER_FIELDS[self.segment]: {row.value}}
        self.filter_requested.emit(fields, f"{segment_title(self.segment)}: {value_text(row)}")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Tiers by segment"))
        self.segment_label.setText(self.tr("Segment:"))
        for i, segment in enumerate(SEGMENTS):
            self.segment_combo.setItemText(i, segment_title(segment))
        self.note.setText(self.tr(
            "Scored customers of each segment in each tier, the share of them that are "
            "strategic or key, and their revenue of the scoring window. Double-click a row "
            "to list its customers."))
        self.model.retranslate()
        self.table.fit()  # the titles in the new language wrap where they need to
