"""What a SWOT line can be about: one of the account's competitors or one of its needs. Read
once per editor or page from the book; names the link of a line and lists the choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from models.competition import Competitor, SwotItem
from models.entities import Need
from storage.book import Book
from storage.errors import StorageError
from ui.gui.forms.values import record_caption
from ui.gui.text.labels import label

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

#: A choice of the "About" list: "competitor:ID", "need:ID", or "" for nothing (a string:
#: a combo box hands it back unchanged).
Link = str


@dataclass
class SwotLinks:
    """The customer's competitors (live ones offered; deleted ones still named) and needs
    (open ones offered, plus those the SWOT already names)."""

    competitors: dict[str, str]
    offered_competitors: list[str]
    needs: dict[str, Need]
    offered_needs: list[str]

    @classmethod
    def read(cls, book: Book, customer_id: str, items: Sequence[SwotItem] = ()) -> SwotLinks:
        live = book.competition.competitors(customer_id)
        named: dict[str, str] = {c.id: c.name for c in live}
        for item in items:
            if item.competitor_id and item.competitor_id not in named:
                try:
                    gone = book.records.get(Competitor, item.competitor_id,
                                            include_deleted=True)
                    named[gone.id] = translate("SwotEditor", "{name} (deleted)").format(
                        name=gone.name)
                except StorageError:  # not in this book (yet): name it anyway
                    named[item.competitor_id] = translate("SwotEditor", "a removed competitor")
        chosen = [i.need_id for i in items if i.need_id]
        needs = book.plans.needs_to_address(customer_id, chosen)
        return cls(named, [c.id for c in live], {n.id: n for n in needs},
                   [n.id for n in needs if n.status.is_open or n.id in chosen])

    def about(self, item: SwotItem) -> str:
        """"Competitor: Haitian" / "Complaint: late deliveries" / "" for a line about
        nothing in particular."""
        if item.competitor_id:
            return self.competitor_text(item.competitor_id)
        if item.need_id:
            return self.need_text(item.need_id)
        return ""

    def competitor_text(self, competitor_id: str) -> str:
        name = self.competitors.get(competitor_id)
        if name is None:
            name = translate("SwotEditor", "a removed competitor")
        return translate("SwotEditor", "Competitor: {name}").format(name=name)

    def need_text(self, need_id: str) -> str:
        need = self.needs.get(need_id)
        if need is None:
            return translate("SwotEditor", "A need no longer open")
        return translate("SwotEditor", "{kind}: {text}").format(kind=label(need.kind),
                                                                text=record_caption(need))

    def choices(self) -> list[tuple[Link, str]]:
        """The "About" list: nothing, then the competitors, then the needs."""
        out: list[tuple[Link, str]] = [("", translate("SwotEditor", "Nothing in particular"))]
        out += [(f"competitor:{i}", self.competitor_text(i)) for i in self.offered_competitors]
        out += [(f"need:{i}", self.need_text(i)) for i in self.offered_needs]
        return out


def link_of(item: SwotItem) -> Link:
    if item.competitor_id:
        return f"competitor:{item.competitor_id}"
    if item.need_id:
        return f"need:{item.need_id}"
    return ""


def linked(link: Link) -> tuple[str | None, str | None]:
    """(competitor id, need id) of a choice."""
    kind, _, record_id = (link or "").partition(":")
    return (record_id if kind == "competitor" else None,
            record_id if kind == "need" else None)
