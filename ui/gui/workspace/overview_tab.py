"""The Overview tab: the customer on one page, each part a link to its detail tab; printable
and exportable as PDF (Qt's print support)."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.enums import Tier
from storage.book import Book
from storage.book.overview import AccountOverview
from ui.gui.dialogs.save_path import with_suffix
from ui.gui.forms.period_field import period_label
from ui.gui.forms.values import EMPTY, money, percent
from ui.gui.style.tier_palette import NO_TIER_COLOUR, TIER_COLOURS
from ui.gui.text.dimension_labels import dimension_label
from ui.gui.text.i18n import current_language
from ui.gui.text.labels import label
from ui.gui.workspace.competition_section import competition_section
from ui.gui.workspace.latest_read import LatestRead
from ui.gui.workspace.profit_section import profit_section
from ui.gui.workspace.relationship_map_section import relationship_section
from ui.gui.workspace.revenue_chart import add_revenue_image, revenue_img_tag
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab
from ui.gui.workspace.tier_change_section import tier_change_section

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

LATE = "#c62828"
MUTED = "#666666"
# Months in the revenue chart.
CHART_MONTHS = 24
# Device pixels per logical pixel of the chart in a PDF or on paper.
PRINT_RATIO = 4.0


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _load(book: Book, customer_id: str) -> AccountOverview:
    return book.overview.of(customer_id)


class OverviewTab(WorkspaceTab):
    """Reads the overview in the background and paints it as one page of links."""

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overview: AccountOverview | None = None
        self.reader: LatestRead[AccountOverview] = LatestRead(self, context, self._loaded,
                                                              self._failed)
        self.page = QTextBrowser(self)
        self.page.setObjectName("overviewPage")
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._clicked)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("overviewPrint")
        self.print_button.clicked.connect(self.print_page)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("overviewPdf")
        self.pdf_button.clicked.connect(self.export_pdf)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.page, 1)
        self.retranslate()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self.overview is None:
            loading = self.tr("Loading…")
            self.page.setHtml(f"<p style='color:{MUTED}'>{escape(loading)}</p>")
        customer_id = self.customer_id
        self.reader.run(lambda book: _load(book, customer_id))

    def _loaded(self, overview: AccountOverview) -> None:
        self.overview = overview
        self._show()

    def _show(self) -> None:
        """The page, its revenue chart drawn for this screen's pixels."""
        self._add_chart(self.page.document(), self.page.devicePixelRatioF())
        self.page.setHtml(self.html())

    def _add_chart(self, document: QTextDocument, ratio: float) -> None:
        o = self.overview
        if o is not None:
            tier = o.header.tier
            colour = NO_TIER_COLOUR if tier is None or tier is Tier.LOW_VALUE \
                else TIER_COLOURS[tier]
            add_revenue_image(document, o.monthly[-CHART_MONTHS:], colour, ratio)

    def _failed(self, error: BaseException) -> None:
        self.page.setHtml(f"<p style='color:{LATE}'>{escape(str(error))}</p>")

    @property
    def is_loaded(self) -> bool:
        return not self.stale and not self.reader.loading

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("Print…"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        if self.overview is not None:
            self._show()

    # -- the page --------------------------------------------------------------------------
    def html(self) -> str:
        o = self.overview
        if o is None:
            return ""
        today = date.today()
        h = o.header
        parts = [f"<h2>{escape(h.name)}"
                 + (f" <span style='color:{MUTED}'>{escape(h.code)}</span>" if h.code else "")
                 + "</h2>"]
        parts += self._value(o)
        parts += tier_change_section(self.book, self.customer_id)
        parts += self._revenue(o)
        parts += self._contact(o, today)
        parts += self._needs(o, today)
        parts += self._plan(o, today)
        parts += profit_section(self.book, self.customer_id)
        parts += relationship_section(self.book, self.customer_id)
        parts += competition_section(self.book, self.customer_id)
        parts += self._contacts(o)
        return "".join(parts)

    def _section(self, title: str, tab: str) -> str:
        return (f"<h3><a href='tab:{tab}' style='text-decoration:none'>{escape(title)} "
                f"›</a></h3>")

    def _value(self, o: AccountOverview) -> list[str]:
        h, e = o.header, o.explanation
        out = [self._section(self.tr("Value"), "score")]
        if h.tier is None or e is None:
            text = self.tr("Not scored yet: rescore the book (View → Rescore now) to see its "
                           "tier and why.")
            out.append(f"<p>{escape(text)}</p>")
            return out
        delta = h.score_delta
        moved = "" if delta is None else f" ({delta:+.1f})"
        by_hand, score = self.tr("set by hand"), self.tr("Score")
        out.append(f"<p><b>{escape(label(h.tier))}</b>"
                   + (f" · {escape(by_hand)}" if h.tier_overridden else "")
                   + f" · {escape(score)} <b>{h.score:.1f}</b>{escape(moved)}"
                   + f" · {escape(label(h.abc_class))}"
                   + f" · {escape(label(h.lifecycle))}"
                   + f" · {escape(label(h.relationship_level))}</p>")
        strong = sorted((line for line in e.lines if not line.missing),
                        key=lambda line: -line.contribution)[:2]
        weak = sorted((line for line in e.lines if not line.missing),
                      key=lambda line: line.points)[:2]
        if strong:
            # '销售额 98，利润贡献 98' in Chinese, not '销售额 98, 利润贡献 98'.
            comma = "，" if current_language().startswith("zh") else ", "
            out.append("<p>" + escape(self.tr("Carried by {strong}; weakest: {weak}.").format(
                strong=comma.join(f"{dimension_label(line.dimension)} {line.points}"
                                  for line in strong),
                weak=comma.join(f"{dimension_label(line.dimension)} {line.points}"
                                for line in weak))) + "</p>")
        if e.next_tier is not None and e.points_to_next_tier is not None:
            out.append("<p>" + escape(self.tr("{points:.1f} points to {tier}.").format(
                points=e.points_to_next_tier, tier=label(e.next_tier))) + "</p>")
        return out

    def _revenue(self, o: AccountOverview) -> list[str]:
        out = [self._section(self.tr("Revenue"), "transactions")]
        trend = o.trend
        change = EMPTY if trend is None else f"{trend:+.0%}"
        text = self.tr("Last 12 months: {revenue} ({change} on the 12 before)").format(
            revenue=money(o.revenue_12m), change=change)
        out.append(f"<p>{escape(text)}</p>")
        months, values = o.months[-CHART_MONTHS:], o.monthly[-CHART_MONTHS:]
        tip = "\n".join(self.tr("{month}: {revenue}").format(month=month, revenue=money(value))
                        for month, value in zip(months, values, strict=True))
        out.append(f"<p>{revenue_img_tag(len(values), escape(tip, quote=True))}</p>")
        return out

    def _contact(self, o: AccountOverview, today: date) -> list[str]:
        out = [self._section(self.tr("Contact"), "interactions")]
        last = o.last_contact
        if last is None:
            out.append(_paragraph(self.tr("No interaction logged yet.")))
        else:
            when = last.occurred_at.date()
            out.append("<p>" + escape(self.tr("Last: {date} ({days} days ago), {kind}: "
                                              "{summary}").format(
                date=when.isoformat(), days=(today - when).days, kind=label(last.kind),
                summary=last.summary)) + "</p>")
        nxt = o.next_follow_up
        if nxt is not None and nxt.next_step_due is not None:
            late = nxt.next_step_due < today
            style = f" style='color:{LATE}'" if late else ""
            out.append(f"<p{style}>" + escape(self.tr("Next: {step}, due {date}").format(
                step=nxt.next_step, date=nxt.next_step_due.isoformat())) + "</p>")
        return out

    def _needs(self, o: AccountOverview, today: date) -> list[str]:
        out = [self._section(self.tr("Open needs and complaints ({count})").format(
            count=o.open_needs_total), "needs")]
        if not o.open_needs:
            out.append(_paragraph(self.tr("None open.")))
            return out
        items = []
        for need in o.open_needs:
            late = need.due_on is not None and need.due_on < today
            due = (escape(self.tr("answer by {date}").format(date=need.due_on.isoformat()))
                   if need.due_on else "")
            style = f" style='color:{LATE}'" if late else ""
            items.append(f"<li{style}>{escape(label(need.kind))} · "
                         f"{escape(label(need.priority))}: {escape(need.description)}"
                         + (f" · {due}" if due else "") + "</li>")
        out.append("<ul>" + "".join(items) + "</ul>")
        return out

    def _plan(self, o: AccountOverview, today: date) -> list[str]:
        out = [self._section(self.tr("Account plan"), "plan")]
        if o.plan is None or o.progress is None:
            out.append(_paragraph(self.tr("No plan yet: New plan… on the Plan tab.")))
            return out
        met = o.progress.objectives_met
        out.append("<p>" + escape(self.tr("{period}, {status}: {met} of {count} objectives "
                                          "met; {elapsed} of the period gone.").format(
            period=period_label(o.plan.period), status=label(o.plan.status), met=met,
            count=len(o.progress.objectives),
            elapsed=percent(o.progress.time_elapsed, 0))) + "</p>")
        if o.next_actions:
            items = []
            for action in o.next_actions:
                late = action.due_date is not None and action.due_date < today
                style = f" style='color:{LATE}'" if late else ""
                due = action.due_date.isoformat() if action.due_date else EMPTY
                items.append(f"<li{style}>{escape(due)} · {escape(action.what)}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")
        return out

    def _contacts(self, o: AccountOverview) -> list[str]:
        out = [self._section(self.tr("Key contacts"), "contacts")]
        if not o.key_contacts:
            out.append(_paragraph(self.tr("No contact yet.")))
            return out
        items = [f"<li>{escape(c.name)}"
                 + (f" · {escape(c.title)}" if c.title else "")
                 + (f" · {escape(label(c.role))}" if c.role else "")
                 + f" · {escape(label(c.attitude))}</li>" for c in o.key_contacts]
        out.append("<ul>" + "".join(items) + "</ul>")
        return out

    # -- links, print, PDF -----------------------------------------------------------------
    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("tab:"):
            workspace = self.parent()
            while workspace is not None and not hasattr(workspace, "show_tab"):
                workspace = workspace.parent()
            if workspace is not None:
                workspace.show_tab(text[4:])

    def document(self) -> QTextDocument:
        document = QTextDocument()
        self._add_chart(document, PRINT_RATIO)
        document.setHtml(self.html())
        return document

    def export_pdf(self) -> Path | None:
        name = self.overview.header.name if self.overview else "overview"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), str(Path.home() / f"{name}.pdf"),
            self.tr("PDF documents (*.pdf)"))
        return self.write_pdf(Path(path)) if path else None

    def write_pdf(self, path: Path) -> Path:
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinter

        path = with_suffix(path, ".pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setOutputFileName(str(path))
        self.document().print_(printer)
        return path

    def print_page(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)
