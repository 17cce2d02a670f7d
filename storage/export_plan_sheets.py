"""The list sheets of the plan workbook: Contacts, Interactions, Needs, and the Plan itself."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from models.enums import ObjectiveKind
from models.plan_logic import PlanProgress, is_overdue
from models.plans import AccountPlan
from storage.customer_queries import CustomerDetail
from storage.export_labels import Labels
from storage.xlsx_style import (
    ALERT_FONT,
    DATE,
    DATETIME,
    MONEY,
    PERCENT,
    WRAP,
    SheetWriter,
    display_width,
    put,
)

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str) -> str:
    """A valid sheet name: no []:*?/\\ and at most 31 characters."""
    return _SHEET_FORBIDDEN.sub(" ", text).strip("'")[:31] or "Sheet"


def contacts_sheet(ws: Any, detail: CustomerDetail, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.contacts"))
    writer = SheetWriter(ws, 10)
    writer.title(labels("title.contacts", name=detail.customer.name))
    writer.header([labels("contact.name"), labels("contact.title"), labels("contact.department"),
                   labels("contact.role"), labels("contact.influence"),
                   labels("contact.attitude"), labels("contact.primary"), labels("field.phone"),
                   labels("field.email"), labels("field.notes")])
    writer.rows(([c.name, c.title, c.department, labels.enum(c.role), c.influence,
                  labels.enum(c.attitude), labels("yes") if c.is_primary else "", c.phone,
                  c.email, c.notes] for c in detail.contacts), wrap=(10,))
    writer.finish(fixed={10: 40})


def interactions_sheet(ws: Any, detail: CustomerDetail, labels: Labels, limit: int) -> None:
    ws.title = sheet_name(labels("sheet.interactions"))
    writer = SheetWriter(ws, 9)
    writer.title(labels("title.interactions", name=detail.customer.name))
    names = {c.id: c.name for c in detail.contacts}
    writer.header([labels("interaction.date"), labels("interaction.kind"),
                   labels("interaction.summary"), labels("sheet.contacts"),
                   labels("interaction.feedback"), labels("interaction.sentiment"),
                   labels("interaction.next_step"), labels("interaction.due"),
                   labels("interaction.done")])
    recent = sorted(detail.interactions, key=lambda i: i.occurred_at, reverse=True)[:limit]
    writer.rows(([i.occurred_at, labels.enum(i.kind), i.summary,
                  "、".join(names[c] for c in i.contact_ids if c in names)
                  if labels.lang == "zh_CN" else ", ".join(names[c] for c in i.contact_ids
                                                           if c in names),
                  i.feedback, labels.enum(i.sentiment), i.next_step, i.next_step_due,
                  (labels("yes") if i.next_step_done else labels("no")) if i.next_step else ""]
                 for i in recent), formats=(DATETIME, None, None, None, None, None, None, DATE),
                wrap=(3, 4, 5, 7))
    writer.finish(fixed={1: 18, 3: 44, 4: 16, 5: 32, 7: 28})


def needs_sheet(ws: Any, detail: CustomerDetail, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.needs"))
    writer = SheetWriter(ws, 7)
    writer.title(labels("title.needs", name=detail.customer.name))
    writer.header([labels("need.kind"), labels("need.description"), labels("need.priority"),
                   labels("need.status"), labels("need.raised_on"), labels("need.resolved_on"),
                   labels("need.resolution")])
    # Open needs first (complaints before other open needs), then the rest, newest first.
    needs = sorted(detail.needs, key=lambda n: (not n.status.is_open,
                                                n.kind.value != "complaint",
                                                -(n.raised_on or date.min).toordinal()))
    writer.rows(([labels.enum(n.kind), n.description, labels.enum(n.priority),
                  labels.enum(n.status), n.raised_on, n.resolved_on, n.resolution]
                 for n in needs), formats=(None, None, None, None, DATE, DATE), wrap=(2, 7))
    writer.finish(fixed={2: 50, 7: 36})


def plan_sheet(ws: Any, detail: CustomerDetail, plan: AccountPlan | None,
               progress: PlanProgress | None, labels: Labels, today: date) -> None:
    ws.title = sheet_name(labels("sheet.plan"))
    writer = SheetWriter(ws, 6)
    fixed = {1: 44, 2: 18, 3: 16, 4: 16, 5: 18, 6: 14}
    if plan is None or progress is None:
        writer.title(labels("title.plan", name=detail.customer.name))
        writer.note(labels("note.no_plan"))
        writer.finish(freeze=False, fixed=fixed)
        return
    writer.title(labels("title.plan", name=detail.customer.name),
                 labels("note.period", period=plan.period, start=progress.start.isoformat(),
                        end=progress.end.isoformat()))
    writer.header([labels("section.plan"), "", "", "", "", ""])
    ws.merge_cells(start_row=writer.header_row, start_column=1, end_row=writer.header_row,
                   end_column=6)
    writer.pairs([
        (labels("plan.period"), plan.period, None),
        (labels("plan.status"), labels.enum(plan.status), None),
        (labels("plan.owner"), plan.owner, None),
        (labels("plan.current_level"), labels.level(plan.current_level), None),
        (labels("plan.target_level"), labels.level(plan.target_level), None),
        (labels("plan.review_cadence"), plan.review_cadence_days, None),
        (labels("plan.time_elapsed"), progress.time_elapsed, PERCENT),
        (labels("plan.period_revenue"), progress.figures.revenue, MONEY),
        (labels("plan.period_margin"),
         None if progress.figures.margin_percent is None
         else progress.figures.margin_percent / 100, PERCENT),
    ], span=5)
    if plan.situation:
        writer.section(labels("plan.situation"))
        writer.widths.update(fixed)
        writer.paragraph(plan.situation, 6)

    writer.section(labels("section.objectives"))
    _header(writer, ["objective.description", "objective.kind", "objective.baseline",
                     "objective.target", "objective.actual", "objective.progress"], labels)
    by_id = {o.objective_id: o for o in progress.objectives}
    objectives = {o.id: o.description for o in plan.objectives}
    for objective in plan.objectives:
        figures = by_id[objective.id]
        values = [figures.baseline, figures.target, figures.actual]
        fmt = MONEY
        if objective.kind in (ObjectiveKind.MARGIN, ObjectiveKind.SHARE_OF_WALLET):
            values, fmt = [None if v is None else v / 100 for v in values], PERCENT
        writer.rows([[objective.description, labels.enum(objective.kind), *values,
                      figures.progress]],
                    formats=(None, None, fmt, fmt, fmt, PERCENT), wrap=(1,))

    writer.section(labels("section.actions"))
    _header(writer, ["action.what", "action.owner", "action.due", "action.status",
                     "action.objective", "action.done_on"], labels)
    for action in sorted(plan.actions, key=lambda a: (not a.status.is_open,
                                                      a.due_date or date.max)):
        row = writer.row
        writer.rows([[action.what, action.owner, action.due_date, labels.enum(action.status),
                      objectives.get(action.objective_id or "", ""), action.done_on]],
                    formats=(None, None, DATE, None, None, DATE), wrap=(1, 5))
        if is_overdue(action, today):
            put(ws, row, 3, action.due_date, fmt=DATE, font=ALERT_FONT)

    writer.section(labels("section.needs"))
    _header(writer, ["need.description", "need.kind", "need.priority", "need.status",
                     "need.raised_on"], labels)
    needs = {n.id: n for n in detail.needs}
    writer.rows(([n.description, labels.enum(n.kind), labels.enum(n.priority),
                  labels.enum(n.status), n.raised_on]
                 for n in (needs[i] for i in plan.need_ids if i in needs)),
                formats=(None, None, None, None, DATE), wrap=(1,))

    writer.section(labels("section.support"))
    _header(writer, ["support.terms", "support.kind", "support.rate", "support.cost"], labels)
    writer.rows(([m.terms, labels.enum(m.kind),
                  None if m.rate_percent is None else m.rate_percent / 100, m.cost]
                 for m in plan.support_measures), formats=(None, None, PERCENT, MONEY),
                wrap=(1,))

    writer.section(labels("section.reviews"))
    _header(writer, ["review.date", "review.note", "", "", "", ""], labels)
    ws.merge_cells(start_row=writer.row - 1, start_column=2, end_row=writer.row - 1,
                   end_column=6)
    note_width = sum(fixed[c] + 2 for c in range(2, 7))
    for review in plan.reviews:
        put(ws, writer.row, 1, review.reviewed_on, fmt=DATE)
        put(ws, writer.row, 2, review.note, align=WRAP)
        for column in range(3, 7):
            put(ws, writer.row, column, None)
        ws.merge_cells(start_row=writer.row, start_column=2, end_row=writer.row, end_column=6)
        lines = sum(max(1, -(-display_width(line) // note_width))
                    for line in review.note.split("\n"))
        if lines > 1:
            ws.row_dimensions[writer.row].height = min(400, 13.5 * lines + 3)
        writer.row += 1
    writer.header_row = 0  # the plan is a document of sections: no single header to repeat
    writer.finish(freeze=False, fixed=fixed)


def _header(writer: SheetWriter, keys: list[str], labels: Labels) -> None:
    writer.header([labels(k) if k else "" for k in keys])
    writer.header_row = 0
