"""The "raise the contact level" view (提高沟通层级): the account's contacts by level, decision
level first, each level with its gaps (nobody known, nobody supporting us, nobody covering),
and the relationship level's history as a small timeline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from models.relationships import LevelGroup
from storage.book.relationships import RelationshipMap
from ui.gui.text.labels import label
from ui.gui.workspace.relationship_map_words import GAP_COLOUR, level_text


class ContactLevelsView(QWidget):
    """Contacts listed by level with the gaps; a name's link opens the contact."""

    contact_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = QTextBrowser(self)
        self.page.setObjectName("contactLevelsPage")
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)
        self.rmap: RelationshipMap | None = None

    def show_map(self, rmap: RelationshipMap) -> None:
        self.rmap = rmap
        self.page.setHtml(self.html())

    def retranslate(self) -> None:
        if self.rmap is not None:
            self.page.setHtml(self.html())

    def html(self) -> str:
        if self.rmap is None:
            return ""
        intro = self.tr("Raise the level of contact: who we know at each level of the "
                        "decision, and where we are missing.")
        parts = [f"<p>{escape(intro)}</p>"]
        for group in self.rmap.groups:
            parts.append(f"<h3>{escape(level_text(group.level))} ({len(group.contacts)})</h3>")
            gaps = self._gaps(group)
            if gaps:
                parts.append(f"<p style='color:{GAP_COLOUR}'>{escape(gaps)}</p>")
            items = []
            for c in group.contacts:
                seen = self.rmap.last_seen.get(c.id)
                bits = [c.title, label(c.role) if c.role else "", label(c.attitude),
                        self.tr("covered by {name}").format(name=c.covered_by)
                        if c.covered_by else self.tr("not covered"),
                        self.tr("last met {date}").format(date=seen.date().isoformat())
                        if seen else self.tr("never met")]
                items.append(f"<li><a href='contact:{escape(c.id)}'>{escape(c.name)}</a> · "
                             + escape(" · ".join(b for b in bits if b)) + "</li>")
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
        return "".join(parts)

    def _gaps(self, group: LevelGroup) -> str:
        if group.empty:
            return self.tr("Gap: nobody known at this level.")
        gaps = []
        if group.no_support:
            gaps.append(self.tr("nobody here supports us"))
        if group.uncovered:
            gaps.append(self.tr("nobody on our side covers them"))
        return self.tr("Gap: {gaps}.").format(gaps="; ".join(gaps)) if gaps else ""

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("contact:"):
            self.contact_activated.emit(text[len("contact:"):])

