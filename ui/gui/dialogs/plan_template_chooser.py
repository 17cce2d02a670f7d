"""The new plan's template chooser: the playbooks, the one that fits the customer's tier and
relationship level chosen and marked, and a preview of what the plan will start with."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from models.enums import LifecycleStage, ObjectiveKind, RelationshipLevel, Tier
from models.playbooks import OWNER_ME, Playbook
from storage.book import Book
from ui.gui.text.i18n import current_language
from ui.gui.text.labels import label


class TemplateChooser(QWidget):
    """A combo box of playbooks (first: an empty plan) and the chosen one's preview."""

    def __init__(self, book: Book, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateChooser")
        lang = current_language()
        self.playbooks = book.playbooks.list(lang)
        self.proposed = book.playbooks.propose(customer_id, lang)
        #: A first plan opens with the open complaints and needs, whichever the playbook.
        self.first_plan = not book.plans.periods_taken(customer_id)
        self.caption = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("template")
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("templatePreview")
        # Tall enough for each built-in playbook whole, with a first plan's note: up to
        # 390 pixels of text at 520 wide (at the former 460 x 220 the measures and actions
        # were under the fold).
        self.preview.setMinimumSize(520, 400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.combo)
        layout.addWidget(self.preview)
        self.caption.setText(self.tr("Start from a playbook:"))
        self.combo.addItem(self.tr("Empty plan"), None)
        for playbook in self.playbooks:
            name = playbook.name
            if self.proposed is not None and playbook.id == self.proposed.id:
                name = self.tr("{name} (fits this customer)").format(name=name)
            self.combo.addItem(name, playbook.id)
        if self.proposed is not None:
            self.combo.setCurrentIndex(self.combo.findData(self.proposed.id))
        self.combo.currentIndexChanged.connect(self._show)
        self._show()

    def playbook(self) -> Playbook | None:
        """The playbook chosen (None: an empty plan, or the chooser is off)."""
        if not self.isEnabled():
            return None
        chosen = self.combo.currentData()
        return next((p for p in self.playbooks if p.id == chosen), None)

    def _show(self) -> None:
        if not self.isEnabled():
            self.preview.setHtml("<p>" + escape(self.tr(
                "A plan carried over starts from the last plan, not from a playbook.")) + "</p>")
            return
        self.preview.setHtml(self.describe(self.playbook()))

    def set_active(self, on: bool) -> None:
        """Off while the plan is carried over from the last one (the preview says so)."""
        self.setEnabled(on)
        self._show()

    def describe(self, playbook: Playbook | None) -> str:
        """The preview's HTML: whom the playbook is for, and what the plan starts with."""
        if playbook is None:
            return "<p>" + escape(self.tr(
                "An empty draft plan: the current relationship level, one level up as the "
                "target, the review cadence of the customer's tier.")) + "</p>" + \
                "<p>" + escape(self._first_plan_note()) + "</p>"
        whom = [label(Tier(t)) for t in playbook.tiers]
        if playbook.lifecycle:
            whom.append(label(LifecycleStage(playbook.lifecycle)))
        start = label(RelationshipLevel(playbook.from_level)) if playbook.from_level \
            else self.tr("any level")
        target = label(RelationshipLevel(playbook.target_level)) if playbook.target_level \
            else self.tr("one level up")
        steps = playbook.steps
        chinese = current_language().startswith("zh")
        heading = self.tr("For:")
        tiers = ("、" if chinese else ", ").join(whom) or self.tr("any tier")
        sep = "；" if chinese else "; "
        gap = "" if chinese else " "  # after 适用：, a full-width colon
        parts = [f"<p><b>{escape(heading)}</b>{gap}{escape(tiers)}{sep}"
                 f"{escape(start)} → {escape(target)}{sep}"
                 + escape(self.tr("review every {days} days").format(
                     days=playbook.review_cadence_days)) + "</p>"]
        if playbook.summary:
            parts.append(f"<p>{escape(playbook.summary)}</p>")
        if self.first_plan:
            parts.append(f"<p>{escape(self._first_plan_note())}</p>")
        colon = "：" if chinese else ": "
        goals = []
        for o in steps.objectives:
            if o.target is None:
                extra = ""
            elif o.kind == ObjectiveKind.REVENUE:
                extra = self.tr(" (+{n} % on the last 12 months)").format(n=f"{o.target:g}")
            else:
                extra = f"（{o.target:g} %）" if chinese else f" ({o.target:g} %)"
            goals.append(f"{escape(label(o.kind))}{colon}{escape(o.description)}"
                         f"{escape(extra)}")
        measures = [f"{escape(label(m.kind))}{colon}{escape(m.terms)}"
                    + ("" if m.rate_percent is None else f" {m.rate_percent:g} %")
                    for m in steps.measures]
        actions = [escape(self.tr("Day {day}: {what} ({who})").format(
            day=a.offset_days, what=a.what,
            who=self.tr("me") if a.owner == OWNER_ME else self.tr("account owner")))
            for a in steps.actions]
        for title, items in ((self.tr("Objectives"), goals),
                             (self.tr("Support measures"), measures),
                             (self.tr("Actions"), actions)):
            if items:
                parts.append(f"<p><b>{escape(title)}</b></p><ul>"
                             + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        return "".join(parts)

    def _first_plan_note(self) -> str:
        return self.tr("A customer's first plan opens with its open complaints, then its "
                       "open needs.")
