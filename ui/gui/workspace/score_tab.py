"""The Score tab: the value engine's explanation — each dimension's raw value, points, weight
and contribution, the total, the gap to the next tier and what could close it — and the radar
against the tier's average."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from models.config import RATED_DIMENSIONS
from models.explain import DimensionLine, Explanation, Lever
from storage.book import Book
from storage.errors import RecordNotFoundError
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY, money, number, percent
from ui.gui.models.rows_model import RIGHT, Column
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.labels import label
from ui.gui.workspace.chart_view import ChartView
from ui.gui.workspace.latest_read import LatestRead
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

MISSING_INK = "#8a8a8a"


def raw_text(dimension: str, value: float | None) -> str:
    """A raw dimension value in its unit (see models.dimensions.RawDimensions)."""
    if value is None:
        return EMPTY
    if dimension in ("revenue", "profit"):
        return money(value)
    if dimension in ("margin", "growth", "timeliness"):
        return percent(value)
    if dimension == "frequency":
        return translate("ScoreTab", "{count} orders").format(count=number(round(value, 1)))
    if dimension == "tenure":
        return translate("ScoreTab", "{months} months").format(months=number(round(value)))
    if dimension in RATED_DIMENSIONS:
        return translate("ScoreTab", "{rating} / 5").format(rating=number(round(value, 1)))
    return number(value)


def _columns() -> list[Column]:

    def ink(line: DimensionLine) -> str | None:
        return MISSING_INK if line.missing else None

    return [
        Column(
            "dimension",
            lambda: translate("ScoreTab", "Dimension"),
            lambda d: dimension_label(d.dimension),
            colour=ink,
        ),
        Column(
            "raw",
            lambda: translate("ScoreTab", "Value"),
            lambda d: raw_text(d.dimension, d.raw),
            sort=lambda d: d.raw,
            align=RIGHT,
            colour=ink,
        ),
        Column(
            "points",
            lambda: translate("ScoreTab", "Points (0–100)"),
            lambda d: str(d.points),
            sort=lambda d: d.points,
            align=RIGHT,
            colour=ink,
        ),
        Column(
            "weight",
            lambda: translate("ScoreTab", "Weight"),
            lambda d: number(d.weight) + " %",
            sort=lambda d: d.weight,
            align=RIGHT,
            colour=ink,
        ),
        Column(
            "contribution",
            lambda: translate("ScoreTab", "Contribution"),
            lambda d: QLocale().toString(d.contribution, "f", 2),
            sort=lambda d: d.contribution,
            align=RIGHT,
            bold=lambda d: d.contribution >= 10,
            colour=ink,
        ),
        Column(
            "missing",
            lambda: translate("ScoreTab", "Data"),
            lambda d: (
                translate("ScoreTab", "missing: scored as 50")
                if d.missing
                else translate("ScoreTab", "measured")
            ),
            sort=lambda d: d.missing,
            colour=ink,
        ),
    ]


def _explain(book: Book, customer_id: str) -> Explanation | None:
    try:
        return book.scoring.explain(customer_id)
    except RecordNotFoundError:
        return None


class ScoreTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.explanation: Explanation | None = None
        self.reader: LatestRead[Explanation | None] = LatestRead(self, context, self._loaded,
                                                                 self._failed)
        self.notice = QLabel(self)
        self.notice.setObjectName("scoreNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00;")
        self.notice.hide()
        self.total = QLabel(self)
        self.total.setObjectName("scoreTotal")
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.total.setFont(font)
        self.next_tier = QLabel(self)
        self.next_tier.setObjectName("scoreNextTier")
        self.next_tier.setWordWrap(True)
        self.next_tier.setTextFormat(Qt.TextFormat.RichText)
        # Titles wider than their figures ('Points (0–100)') on two lines, the columns as
        # wide as their figures and the Data column the room left: 'missing: scored as 50'
        # whole at 1280 x 800 with no horizontal scroll bar.
        self.panel = ListPanel(_columns(), self, name="score", wrap_titles=True)
        header = self.panel.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.panel.model.column_of("missing"),
                                    QHeaderView.ResizeMode.Stretch)
        self.radar = ChartView(context, "radar", self, min_height=300)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.total)
        left_layout.addWidget(self.panel, 1)
        left_layout.addWidget(self.next_tier)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.radar)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.panel.model.retranslate()
        self.radar.retranslate()
        self._show()

    def reload(self) -> None:
        self.total.setText(self.tr("Loading the explanation…"))
        customer_id = self.customer_id
        self.reader.run(lambda book: _explain(book, customer_id))
        self.radar.reload()

    def _loaded(self, explanation: Explanation | None) -> None:
        self.explanation = explanation
        self._show()

    def _failed(self, error: BaseException) -> None:
        self.total.setText(
            self.tr("The explanation could not be computed: {error}").format(error=error)
        )

    @property
    def is_loaded(self) -> bool:
        return not self.stale and not self.reader.loading and not self.radar.loading

    def shown_score(self) -> str:
        return self.total.text()

    def _show(self) -> None:
        explanation = self.explanation
        if explanation is None:
            self.panel.set_rows([])
            self.notice.setText("")
            self.next_tier.setText("")
            if self.reader.generation:
                self.total.setText(
                    self.tr(
                        "Not scored yet: rescore the book to see why this customer has its tier."
                    )
                )
            return
        self.panel.set_rows(list(explanation.lines), keep=lambda d: d.dimension)
        locale = QLocale()
        self.total.setText(
            self.tr("Score {score} → {tier}").format(
                score=locale.toString(explanation.score, "f", 2), tier=label(explanation.tier)
            )
        )
        self.notice.setText(self._notices(explanation))
        self.notice.setVisible(bool(self.notice.text()))
        self.next_tier.setText(self._next_tier_text(explanation))

    def _notices(self, e: Explanation) -> str:
        notes = []
        if e.stale:
            notes.append(
                self.tr(
                    "Records changed since the last rescore; these figures are as of {date}."
                ).format(date=e.as_of.isoformat())
            )
        if e.tier_overridden:
            notes.append(
                self.tr(
                    "Tier set by hand to {tier} (computed: {computed}). Reason: {reason}"
                ).format(
                    tier=label(e.tier),
                    computed=label(e.computed_tier),
                    reason=e.override_reason or EMPTY,
                )
            )
        if e.lifecycle_overridden:
            notes.append(
                self.tr("Lifecycle stage set by hand. Reason: {reason}").format(
                    reason=e.lifecycle_override_reason or EMPTY
                )
            )
        return "\n".join(notes)

    def _next_tier_text(self, e: Explanation) -> str:
        if e.next_tier is None or e.points_to_next_tier is None:
            return self.tr("Top tier: no higher tier to reach.")
        gap = QLocale().toString(e.points_to_next_tier, "f", 2)
        lines = [
            self.tr("<b>{points} points</b> to {tier}.").format(points=gap, tier=label(e.next_tier))
        ]
        if e.guard_blocked:
            lines.append(
                self.tr(
                    "The revenue guard holds this customer at Key: strategic "
                    "customers need at least {revenue} revenue in 12 months."
                ).format(revenue=money(e.guard_revenue))
            )
        elif e.levers:
            items = "".join(f"<li>{self._lever_text(lever)}</li>" for lever in e.levers)
            lines.append(
                self.tr("What could get it there, most plausible first:")
                + f"<ul style='margin-top:2px'>{items}</ul>"
            )
            if len(e.closing_set) > 1:
                lines.append(
                    self.tr("Together: {dimensions}.").format(
                        dimensions=" + ".join(dimension_label(d) for d in e.closing_set)
                    )
                )
        else:
            lines.append(self.tr("No single dimension can close the gap."))
        return "<br>".join(lines)

    def _lever_text(self, lever: Lever) -> str:
        name = dimension_label(lever.dimension)
        if lever.target_points is not None:
            text = self.tr("{dimension}: from {points} to {target} points").format(
                dimension=name, points=lever.points, target=lever.target_points
            )
            if lever.target_raw is not None:
                text += self.tr(" (about {value})").format(
                    value=raw_text(lever.dimension, lever.target_raw)
                )
            return text
        return self.tr("{dimension}: up to {reach} score points at most").format(
            dimension=name, reach=QLocale().toString(lever.reach, "f", 2)
        )

    def contributions_shown(self) -> list[str]:
        """The Contribution column's texts (tests add them up)."""
        model = self.panel.model
        column = model.column_of("contribution")
        return [str(model.data(model.index(row, column))) for row in range(model.rowCount())]
