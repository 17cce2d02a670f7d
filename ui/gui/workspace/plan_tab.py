"""The Plan tab: the customer's account plans (overdue ones first), the selected plan in
full with its progress, and new plans — empty or carried over from the last period."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.competition import SwotItem
from models.entities import Need
from models.plan_logic import PlanProgress
from models.plan_periods import shift_period
from models.plans import AccountPlan
from models.validation import ValidationError, check_period
from storage.book import Book, Done, Saved
from storage.book.competition import SwotSaved
from storage.book.types import PlanSummary
from storage.errors import StorageError
from ui.gui.dialogs.plan_template_chooser import TemplateChooser
from ui.gui.forms.base import ERROR_STYLE
from ui.gui.forms.list_panel import ListPanel
from ui.gui.forms.period_field import PeriodField, kind_of, next_when_nearly_over, period_label
from ui.gui.forms.plan_form import PlanFormDialog
from ui.gui.forms.swot_editor import SwotDialog
from ui.gui.forms.swot_links import SwotLinks
from ui.gui.forms.values import EMPTY, number, percent
from ui.gui.models.rows_model import RIGHT, Column
from ui.gui.text.i18n import current_language, storage_message, validation_message
from ui.gui.text.labels import label
from ui.gui.workspace.swot_section import swot_grid
from ui.gui.workspace.tab_base import WorkspaceContext, WorkspaceTab

translate = QCoreApplication.translate  # lupdate reads translate(context, text)

OVERDUE = "#c62828"


def suggested_period(book: Book, customer_id: str, today: date | None = None) -> str:
    """The period after the latest plan (of its length), else the current half-year or the
    next one when the current one is nearly over; never one that has a plan already."""
    today = today or date.today()
    taken = book.plans.periods_taken(customer_id)
    latest = book.plans.of_customer(customer_id)
    kind = kind_of(latest.period) if latest is not None else "half"
    period = next_when_nearly_over(today, kind)
    if latest is not None and latest.period >= period:
        period = shift_period(latest.period, 1)
    while period in taken:
        period = shift_period(period, 1)
    return period


class NewPlanDialog(QDialog):
    """Asks for the period; ``created(plan)`` after the plans API made the draft."""

    created = Signal(object)  # Saved[AccountPlan]

    def __init__(self, book: Book, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPlanDialog")
        self.book = book
        self.customer_id = customer_id
        self.period = PeriodField(self)
        self.period.setObjectName("field_period")
        self.period.set_value(suggested_period(book, customer_id))
        self.taken = book.plans.periods_taken(customer_id)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.carry = QCheckBox(self)
        self.carry.setObjectName("carryOver")
        has_previous = book.plans.of_customer(customer_id) is not None
        self.carry.setEnabled(has_previous)
        self.carry.setChecked(has_previous)
        self.template = TemplateChooser(book, customer_id, self)
        self.template.set_active(not has_previous)
        self.carry.toggled.connect(lambda on: self.template.set_active(not on))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.create_plan)
        self.buttons.rejected.connect(self.reject)
        self.period.edited.connect(self._check)
        form = QFormLayout()
        self.period_label = QLabel(self)
        form.addRow(self.period_label, self.period)
        form.addRow("", self.error)
        form.addRow("", self.carry)
        form.addRow(self.template)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("New account plan"))
        self.period_label.setText(self.tr("Period:"))
        self.period.setToolTip(self.tr("A year, half year, quarter or month"))
        self.carry.setText(self.tr("Carry over what is still open from the last plan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _check(self) -> bool:
        try:
            period = check_period("period", self.period.value())
        except ValidationError as error:
            self._show(validation_message(error))
            return False
        if period in self.taken:
            self._show(self.tr("This customer has a plan for {period} already: open it from "
                               "the list.").format(period=period_label(period)))
            return False
        self._show("")
        return True

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not text)

    def create_plan(self) -> None:
        if not self._check():
            return
        period = self.period.value()
        try:
            created = self.book.plans.create(
                self.customer_id, period, carry_over=self.carry.isChecked(),
                playbook=self.template.playbook(), lang=current_language(),
                me=self.book.team.me() or "")
        except StorageError as error:
            self._show(storage_message(error))
            return
        except ValidationError as error:
            self._show(validation_message(error))
            return
        self.created.emit(created)
        self.accept()


def _columns() -> list[Column]:

    return [
        Column(
            "period",
            lambda: translate("PlanTab", "Period"),
            lambda p: period_label(p.period),  # 2026年四季度 / Q4 2026
            sort=lambda p: p.period,
            bold=lambda p: True,
        ),
        Column("status", lambda: translate("PlanTab", "Status"), lambda p: label(p.status)),
        Column("owner", lambda: translate("PlanTab", "Owner"), lambda p: p.owner),
        Column(
            "objectives",
            lambda: translate("PlanTab", "Objectives"),
            lambda p: str(p.objectives),
            sort=lambda p: p.objectives,
            align=RIGHT,
        ),
        Column(
            "open",
            lambda: translate("PlanTab", "Open actions"),
            lambda p: str(p.actions_open),
            sort=lambda p: p.actions_open,
            align=RIGHT,
        ),
        Column(
            "overdue",
            lambda: translate("PlanTab", "Overdue"),
            lambda p: str(p.actions_overdue),
            sort=lambda p: p.actions_overdue,
            align=RIGHT,
            colour=lambda p: OVERDUE if p.actions_overdue else None,
        ),
        Column(
            "next_due",
            lambda: translate("PlanTab", "Next due"),
            lambda p: p.next_due.isoformat() if p.next_due else EMPTY,
            sort=lambda p: p.next_due,
        ),
    ]


class PlanTab(WorkspaceTab):
    # Export the selected plan: its period (the window writes the workbook).
    export_requested = Signal(str)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.panel = ListPanel(_columns(), self, name="plans")
        self.new_button = self.panel.button("newPlan", self.new_plan)
        self.edit_button = self.panel.button("editPlan", self.edit_selected, needs_row=True)
        self.swot_button = self.panel.button("swotPlan", self.swot_selected, needs_row=True)
        self.delete_button = self.panel.button("deletePlan", self.delete_selected, needs_row=True)
        self.export_button = self.panel.button("exportPlan", self._export_selected,
                                               needs_row=True)
        self.panel.activated.connect(lambda summary: self.edit(summary.plan_id))
        self.panel.delete_pressed.connect(self.delete)
        self.panel.selection_changed.connect(self._show_selected)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("planDetail")
        self.detail.setOpenLinks(False)
        self.detail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dialog: QDialog | None = None
        self._shown: tuple[AccountPlan, PlanProgress, dict[str, Need]] | None = None
        self._swot: tuple[list[SwotItem], SwotLinks] | None = None
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.panel.fit_columns(  # the period as named: 2026年四季度, Q4 2026
            {"period": 12, "status": 8, "owner": 12, "objectives": 8, "open": 10, "overdue": 8}
        )

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New plan…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.swot_button.setText(self.tr("SWOT…"))
        self.swot_button.setToolTip(self.tr("Strengths, weaknesses, opportunities and threats "
                                            "of the selected plan"))
        self.delete_button.setText(self.tr("Delete"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.export_button.setToolTip(self.tr("The account plan workbook of this period"))
        self.panel.model.retranslate()
        self._render()  # from what was read: a language switch never touches the book

    def reload(self) -> None:
        plans = self.book.plans.list(customer_id=self.customer_id)
        self.panel.set_rows(plans, keep=lambda p: p.plan_id)
        if self.panel.selected() is None and plans:
            self.panel.table.selectRow(0)
        self._show_selected()

    def _show_selected(self) -> None:
        """Read the selected plan, its progress and the customer's needs, then show them."""
        summary: PlanSummary | None = self.panel.selected()
        self._shown = None
        self._swot = None
        if summary is not None:
            try:
                plan = self.book.plans.get(summary.plan_id)
            except StorageError:
                plan = None
            if plan is not None:
                # A need deleted since is still named by the plan: read those too.
                needs = self.book.needs.of_customer(plan.customer_id, include_deleted=True)
                self._shown = (plan, self.book.plans.progress(plan), {n.id: n for n in needs})
                swot = self.book.competition.swot(plan.id)
                self._swot = (swot, SwotLinks.read(self.book, plan.customer_id, swot))
        self._render()

    def _render(self) -> None:
        if self._shown is None:
            empty = self.tr(
                "No account plan yet. Create one for the coming period: where the "
                "relationship stands, what to reach, how to support the customer "
                "and who does what by when."
            )
            self.detail.setHtml(
                f"<p style='color:#777'>{escape(empty)}</p>"
                if not self.panel.model.rowCount()
                else ""
            )
            return
        self.detail.setHtml(self._html(*self._shown))

    def _html(self, plan: AccountPlan, progress: PlanProgress, needs: dict[str, Need]) -> str:
        title = self.tr("Account plan {period}").format(period=period_label(plan.period))
        levels = self.tr("Relationship: {current} → target {target}").format(
            current=label(plan.current_level), target=label(plan.target_level)
        )
        elapsed = self.tr("Time elapsed: {share}").format(share=percent(progress.time_elapsed, 0))
        out = [
            f"<h3>{escape(title)} · {escape(label(plan.status))}</h3>",
            f"<p>{escape(levels)} · {escape(elapsed)}</p>",
        ]
        if plan.situation:
            out.append(f"<p>{escape(plan.situation).replace(chr(10), '<br>')}</p>")
        rows: list[tuple[str, ...]] = [
            (
                o.description,
                EMPTY if o.baseline is None else number(o.baseline),
                EMPTY if o.target is None else number(o.target),
                EMPTY if o.actual is None else number(o.actual),
                percent(o.progress, 0),
            )
            for o in progress.objectives
        ]
        out.append(
            self._table(
                self.tr("Objectives"),
                [self.tr("Objective"), self.tr("Baseline"), self.tr("Target"), self.tr("Actual"),
                 self.tr("Progress")],
                rows,
            )
        )
        today = date.today()
        rows = [
            (
                a.what,
                a.owner,
                a.due_date.isoformat() if a.due_date else EMPTY,
                label(a.status)
                + (" ⚠" if a.status.is_open and a.due_date and a.due_date < today else ""),
            )
            for a in plan.actions
        ]
        out.append(
            self._table(
                self.tr("Actions"),
                [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Status")],
                rows,
            )
        )
        rows = [
            (
                label(s.kind),
                s.terms,
                EMPTY if s.rate_percent is None else f"{number(s.rate_percent)} %",
                EMPTY if s.cost is None else number(s.cost),
            )
            for s in plan.support_measures
        ]
        out.append(
            self._table(
                self.tr("Support"),
                [self.tr("Measure"), self.tr("Terms"), self.tr("Rate"), self.tr("Cost")],
                rows,
            )
        )
        rows = [
            (label(needs[n].kind), needs[n].description, label(needs[n].status))
            for n in plan.need_ids
            if n in needs
        ]
        out.append(
            self._table(
                self.tr("Needs addressed"),
                [self.tr("Kind"), self.tr("Description"), self.tr("Status")],
                rows,
            )
        )
        heading = self.tr("SWOT")
        out.append(f"<h4>{escape(heading)}</h4>")
        if self._swot is None or not self._swot[0]:
            none = self.tr("No SWOT yet: SWOT… above.")
            out.append(f"<p style='color:#777'>{escape(none)}</p>")
        else:
            out.append(swot_grid(*self._swot))
        return "".join(out)

    def _table(self, title: str, headers: list[str], rows: list[tuple[str, ...]]) -> str:
        html = [f"<h4>{escape(title)}</h4>"]
        if not rows:
            none = self.tr("None yet.")
            return html[0] + f"<p style='color:#777'>{escape(none)}</p>"
        html.append("<table cellspacing='0' cellpadding='3' border='0' width='98%'><tr>")
        html += [f"<th align='left' style='background:#eeeeee'>{escape(h)}</th>" for h in headers]
        html.append("</tr>")
        for row in rows:
            html.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>")
        html.append("</table>")
        return "".join(html)

    # -- actions -----------------------------------------------------------------------------
    def new_plan(self) -> NewPlanDialog:
        dialog = NewPlanDialog(self.book, self.customer_id, self)
        dialog.created.connect(self._created)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, created: Saved[AccountPlan]) -> None:
        plan = created.record
        self.changed.emit(created.changes)
        self.panel.select(lambda p: p.plan_id == plan.id)
        self.edit(plan.id)

    def _export_selected(self) -> None:
        summary = self.panel.selected()
        if summary is not None:
            self.export_requested.emit(summary.period)

    def edit_selected(self) -> None:
        summary = self.panel.selected()
        if summary is not None:
            self.edit(summary.plan_id)

    def edit(self, plan_id: str) -> PlanFormDialog:
        dialog = PlanFormDialog(self.book, self.book.plans.get(plan_id), self)
        self.dialog = self.watch_form(dialog,
                                      lambda done, plan: self._deleted(done, plan.period))
        dialog.open()
        return dialog

    def swot_selected(self) -> SwotDialog | None:
        summary = self.panel.selected()
        return self.edit_swot(summary.plan_id) if summary is not None else None

    def edit_swot(self, plan_id: str) -> SwotDialog:
        """The plan's SWOT in its editor; a save is offered for undo on the bar."""
        plan = self.book.plans.get(plan_id)
        dialog = SwotDialog(self.book, plan, self)
        dialog.saved.connect(lambda saved: self._swot_saved(saved, plan.period))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _swot_saved(self, saved: SwotSaved, period: str) -> None:
        if saved.change_id is None:
            self.changed.emit(saved.changes)
            return
        self.undoable.emit(Done(saved.change_id, saved.changes), self.tr(
            "SWOT of the plan {period} saved").format(period=period_label(period)))

    def delete_selected(self) -> None:
        summary = self.panel.selected()
        if summary is not None:
            self.delete(summary)

    def delete(self, summary: PlanSummary) -> None:
        self._deleted(self.book.plans.delete(summary.plan_id), summary.period)

    def _deleted(self, done: Done, period: str) -> None:
        self.deleted.emit(
            done, self.tr("Account plan {period} deleted.").format(period=period_label(period))
        )
