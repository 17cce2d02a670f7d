"""The Products tab (whitespace): every product line of the book with what this customer does
in it (bought in the last 12 months, lapsed, never), what its peers buy of each, and the
lines to propose, best first, each with the reason in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from models.enums import CustomerKind, LineStatus, Tier
from models.whitespace import BASIS_TIER, BASIS_TIER_KIND, CustomerLine, Suggestion
from models.whitespace import WhitespaceGrid as Grid
from storage.book import Book
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY, money, percent
from ui.gui.models.rows_model import RIGHT, Column
from ui.gui.text.labels import label
from ui.gui.workspace.latest_read import LatestRead
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: Text colour of each status (bought: green; lapsed: amber, the one to win back; never: grey).
STATUS_COLOUR = {LineStatus.BOUGHT: "#2e7d32", LineStatus.LAPSED: "#b26a00",
                 LineStatus.NOT_BOUGHT: "#757575"}


def status_text(status: LineStatus) -> str:
    return {
        LineStatus.BOUGHT: translate("ProductsTab", "Bought"),
        LineStatus.LAPSED: translate("ProductsTab", "Lapsed"),
        LineStatus.NOT_BOUGHT: translate("ProductsTab", "Not bought"),
    }[status]


def _load(book: Book, customer_id: str) -> Grid:
    return book.whitespace.grid(customer_id)


class ProductsTab(WorkspaceTab):
    """Reads the grid in the background (the peers' figures are kept per book, so only the
    first grid after a change reads the whole window) and shows it in two tables."""

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.grid: Grid | None = None
        self.reader: LatestRead[Grid] = LatestRead(self, context, self._loaded, self._failed)
        self.summary = QLabel(self)
        self.summary.setObjectName("productsSummary")
        self.summary.setWordWrap(True)
        self.lines_panel = ListPanel(self._line_columns(), self, name="productLines")
        self.suggestions_title = QLabel(self)
        self.suggestions_title.setObjectName("productSuggestionsTitle")
        font = self.suggestions_title.font()
        font.setBold(True)
        self.suggestions_title.setFont(font)
        self.suggestions_panel = ListPanel(self._suggestion_columns(), self,
                                           name="productSuggestions")
        self.suggestions_panel.selection_changed.connect(self._show_why)
        self.why = QLabel(self)
        self.why.setObjectName("productWhy")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.suggestions_title)
        lower_layout.addWidget(self.suggestions_panel, 1)
        lower_layout.addWidget(self.why)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.lines_panel)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.retranslate()
        # "102 家中 16 家（16 %）" is wider than its digits: room for the Chinese words.
        self.lines_panel.fit_columns({"line": 16, "status": 8, "revenue": 12, "last": 10,
                                      "peers": 21, "median": 12})
        self.suggestions_panel.fit_columns({"line": 16, "status": 8, "peers": 21,
                                            "median": 12, "score": 12, "lift": 6})
        # The product's name takes the room left: the last column stretched, the peers'
        # median and the lift sat far from the other figures.
        self.lines_panel.stretch_column("line")
        self.suggestions_panel.stretch_column("line")

    # -- columns -----------------------------------------------------------------------------
    def _peer(self, line: CustomerLine) -> tuple[int, int] | None:
        found = self.grid.stats.get(line.line) if self.grid else None
        return (found.buyers, found.peers) if found else None

    def _median(self, line: CustomerLine) -> float | None:
        found = self.grid.stats.get(line.line) if self.grid else None
        return found.median_revenue if found and found.buyers else None

    def _line_columns(self) -> list[Column]:
        def peers(r: CustomerLine) -> str:
            found = self._peer(r)
            if found is None or not found[1]:
                return EMPTY
            return translate("ProductsTab", "{buyers} of {peers} ({share})").format(
                buyers=found[0], peers=found[1], share=percent(found[0] / found[1], 0))

        return [
            Column("line", lambda: translate("ProductsTab", "Product line"), lambda r: r.line),
            Column("status", lambda: translate("ProductsTab", "Status"),
                   lambda r: status_text(r.status), sort=lambda r: list(LineStatus).index(
                       r.status), colour=lambda r: STATUS_COLOUR[r.status]),
            Column("revenue", lambda: translate("ProductsTab", "Revenue, 12 months"),
                   lambda r: money(r.revenue_12m) if r.revenue_12m else EMPTY,
                   sort=lambda r: r.revenue_12m, align=RIGHT),
            Column("last", lambda: translate("ProductsTab", "Last bought"),
                   lambda r: r.last_bought.isoformat() if r.last_bought else EMPTY,
                   sort=lambda r: r.last_bought or date.min),
            Column("peers", lambda: translate("ProductsTab", "Peers buying"), peers,
                   sort=lambda r: (self._peer(r) or (0, 1))[0], align=RIGHT),
            Column("median", lambda: translate("ProductsTab", "Peers' median"),
                   lambda r: money(self._median(r)) if self._median(r) else EMPTY,
                   sort=lambda r: self._median(r) or 0.0, align=RIGHT),
        ]

    @staticmethod
    def _suggestion_columns() -> list[Column]:
        return [
            Column("line", lambda: translate("ProductsTab", "Product line"), lambda s: s.line),
            Column("status", lambda: translate("ProductsTab", "Status"),
                   lambda s: status_text(s.status), colour=lambda s: STATUS_COLOUR[s.status]),
            Column("peers", lambda: translate("ProductsTab", "Peers buying"),
                   lambda s: translate("ProductsTab", "{buyers} of {peers} ({share})").format(
                       buyers=s.buyers, peers=s.peers, share=percent(s.penetration, 0)),
                   sort=lambda s: s.penetration, align=RIGHT),
            Column("median", lambda: translate("ProductsTab", "Peers' median"),
                   lambda s: money(s.median_revenue), sort=lambda s: s.median_revenue,
                   align=RIGHT),
            Column("score", lambda: translate("ProductsTab", "Expected a year"),
                   lambda s: money(s.score), sort=lambda s: s.score, align=RIGHT,
                   tooltip=lambda s: translate(
                       "ProductsTab", "Share of peers buying × their median revenue")),
            Column("lift", lambda: translate("ProductsTab", "Lift"),
                   lambda s: f"{s.lift:.1f}×" if s.lift is not None else EMPTY,
                   sort=lambda s: s.lift or 0.0, align=RIGHT,
                   tooltip=lambda s: translate(
                       "ProductsTab", "How much more often the peers buy it than the whole "
                       "book")),
        ]

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.grid is None:
            self.summary.setText(self.tr("Loading…"))
        customer_id = self.customer_id
        self.reader.run(lambda book: _load(book, customer_id))

    def _loaded(self, grid: Grid) -> None:
        self.grid = grid
        self.lines_panel.set_rows(grid.lines, keep=lambda r: r.line)
        self.suggestions_panel.set_rows(grid.suggestions, keep=lambda s: s.line)
        if grid.suggestions and self.suggestions_panel.selected() is None:
            self.suggestions_panel.select(lambda s: s is grid.suggestions[0])
        self._show_texts()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(str(error))

    @property
    def is_loaded(self) -> bool:
        return not self.stale and not self.reader.loading

    # -- words -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.suggestions_title.setText(self.tr("Lines to propose, best first"))
        self.lines_panel.model.retranslate()
        self.suggestions_panel.model.retranslate()
        self._show_texts()

    def peer_group(self) -> str:
        """Who the peers are, in words."""
        grid = self.grid
        if grid is None:
            return ""
        tier = label(Tier(grid.tier)) if grid.tier else self.tr("not scored yet")
        if grid.basis == BASIS_TIER_KIND:
            kind = label(CustomerKind(grid.kind)) if grid.kind else ""
            return self.tr("{tier} · {kind}").format(tier=tier, kind=kind)
        if grid.basis == BASIS_TIER:
            return self.tr("{tier}, every kind (too few of its own kind)").format(tier=tier)
        return self.tr("the whole book (too few in its tier)")

    def _show_texts(self) -> None:
        grid = self.grid
        if grid is None:
            return
        bought = len(grid.bought)
        self.summary.setText(self.tr(
            "Buys {bought} of {lines} product lines in the 12 months to {day}. Peers: {count} "
            "customers, {group}.").format(bought=QLocale().toString(bought),
                                          lines=QLocale().toString(len(grid.lines)),
                                          day=grid.as_of.isoformat(),
                                          count=QLocale().toString(grid.peers),
                                          group=self.peer_group()))
        self._show_why()

    def why_text(self, s: Suggestion) -> str:
        text = self.tr(
            "{line}: {buyers} of {peers} peers ({share}) bought it in the last 12 months, a "
            "median of {median} each; offered to this customer that is about {score} a year."
        ).format(line=s.line, buyers=s.buyers, peers=s.peers, share=percent(s.penetration, 0),
                 median=money(s.median_revenue), score=money(s.score))
        if s.lift is not None and s.lift >= 1.2:
            text += " " + self.tr("Its peers buy it {lift:.1f} times as often as the whole "
                                  "book.").format(lift=s.lift)
        if s.status is LineStatus.LAPSED and self.grid is not None:
            last = next((x.last_bought for x in self.grid.lines if x.line == s.line), None)
            if last is not None:
                text += " " + self.tr("It bought it until {day}: win it back.").format(
                    day=last.isoformat())
        return text

    def _show_why(self) -> None:
        grid = self.grid
        if grid is None:
            self.why.setText("")
            return
        if not grid.suggestions:
            self.why.setText(self.tr("Nothing to propose: it buys every line its peers buy, "
                                     "or its peers buy too little to go by."))
            return
        chosen = self.suggestions_panel.selected() or grid.suggestions[0]
        self.why.setText(self.why_text(chosen))
