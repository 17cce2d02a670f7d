"""The Competition tab: the customer's competitors, the most threatening first, with the
share-of-wallet bar and our share above them; add, edit and delete through the competitor
form."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.competition import Competitor, ThreatLevel
from storage.book import Done
from storage.book.competition import CompetitivePosition
from ui.gui.forms.competition_words import (
    THREAT_COLOUR,
    field_word,
    percent_text,
    threat_word,
    wallet_sentence,
)
from ui.gui.forms.competitor_form import CompetitorFormDialog
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.values import EMPTY
from ui.gui.models.rows_model import Column, first_line
from ui.gui.workspace.competition_section import bar_colours, wallet_bar
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)


def _columns(colours: dict[str, str]) -> list[Column]:
    """``colours``: competitor id -> its part's colour in the wallet bar (filled on reload),
    the background of its share: the bar's key."""

    def text_column(key: str) -> Column:
        return Column(key, lambda: field_word(key),
                      lambda c: first_line(getattr(c, key), 60) or EMPTY,
                      tooltip=lambda c: getattr(c, key) or None)

    return [
        Column("name", lambda: field_word("name"), lambda c: c.name, bold=lambda _c: True),
        Column("threat", lambda: field_word("threat"), lambda c: threat_word(c.threat),
               sort=lambda c: c.threat.rank, colour=lambda c: THREAT_COLOUR[c.threat],
               bold=lambda c: c.threat is ThreatLevel.HIGH),
        Column("share_percent", lambda: field_word("share_percent"),
               lambda c: percent_text(c.share_percent),
               sort=lambda c: -1.0 if c.share_percent is None else c.share_percent,
               background=lambda c: colours.get(c.id),
               align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        text_column("products"), text_column("strengths"), text_column("weaknesses"),
        Column("reviewed_on", lambda: field_word("reviewed_on"),
               lambda c: c.reviewed_on.isoformat() if c.reviewed_on else EMPTY,
               sort=lambda c: c.reviewed_on),
    ]


class CompetitionTab(WorkspaceTab):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.bar_colours: dict[str, str] = {}  # filled in place: the columns read it
        self.panel = ListPanel(_columns(self.bar_colours), self, name="competitors")
        self.add_button = self.panel.button("addCompetitor", self.add_competitor)
        self.edit_button = self.panel.button("editCompetitor", self.edit_selected,
                                             needs_row=True)
        self.delete_button = self.panel.button("deleteCompetitor", self.delete_selected,
                                               needs_row=True)
        self.panel.activated.connect(self.edit)
        self.panel.delete_pressed.connect(self.delete)
        self.bar = QLabel(self)
        self.bar.setObjectName("walletBar")
        self.summary = QLabel(self)
        self.summary.setObjectName("competitionSummary")
        self.summary.setWordWrap(True)
        self.dialog: CompetitorFormDialog | None = None
        self.position: CompetitivePosition | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.panel, 1)
        self.retranslate()
        self.panel.fit_columns({"name": 16, "threat": 14, "share_percent": 11, "products": 18,
                                "strengths": 22, "weaknesses": 22, "reviewed_on": 10})

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add competitor…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.panel.model.retranslate()
        self._show_summary()

    def _show_summary(self) -> None:
        position = self.position
        if position is None or not position.competitors:
            self.summary.setText(self.tr(
                "No competitor recorded. Note who else supplies this customer, what share of "
                "its spend they take and how much of a threat they are."))
            self.bar.setText("")
            self.bar.hide()
            return
        self.summary.setText(wallet_sentence(position.wallet))
        self.bar.setText(wallet_bar(position))
        self.bar.setVisible(position.wallet.known)

    def reload(self) -> None:
        self.position = self.book.competition.position(self.customer_id)
        self.bar_colours.clear()
        if self.position.wallet.known:
            self.bar_colours.update(bar_colours(self.position))
        self.panel.set_rows(self.position.competitors, keep=lambda c: c.id)
        self._show_summary()

    def add_competitor(self) -> None:
        self._watch(CompetitorFormDialog(self.book, self.customer_id, parent=self)).open()

    def edit_selected(self) -> None:
        competitor = self.panel.selected()
        if competitor is not None:
            self.edit(competitor)

    def edit(self, competitor: Competitor) -> None:
        self._watch(CompetitorFormDialog(self.book, self.customer_id, competitor,
                                         parent=self)).open()

    def _watch(self, dialog: CompetitorFormDialog) -> CompetitorFormDialog:
        self.dialog = self.watch_form(dialog, self._deleted)
        return dialog

    def delete_selected(self) -> None:
        competitor = self.panel.selected()
        if competitor is not None:
            self.delete(competitor)

    def delete(self, competitor: Competitor) -> None:
        self._deleted(self.book.competition.remove(competitor.id), competitor)

    def _deleted(self, done: Done, competitor: Competitor) -> None:
        self.deleted.emit(done, self.tr("Competitor deleted: {name}").format(
            name=competitor.name))
