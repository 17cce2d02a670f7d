"""The weekly report (周报) as a print-ready workbook: a cover sheet with the week's counts,
then one sheet per part (visits and outcomes, actions done, next week, tier and score moves,
late complaints), in English or Chinese."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from storage.base import DatabaseBase
from storage.export_files import ExportResult, atomic_write
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.weekly_report import WeeklyReport, weekly_report
from storage.xlsx_style import DATE, DATETIME, INTEGER, SCORE, SheetWriter

#: Room for a company name of 14 Chinese characters on one line (a narrower column made
#: the row two lines high, the second one empty, wherever the estimate and the spreadsheet
#: disagreed).
NAME_WIDTH = 30
DATE_ALIGN = Alignment(horizontal="center", vertical="top")


def export_weekly(db: DatabaseBase, path: str | Path, *, today: date | None = None,
                  owner: str | None = None, lang: str | None = None) -> ExportResult:
    """Write the weekly report of the week holding ``today`` (of ``owner``, or everyone)."""
    started = time.perf_counter()
    report = weekly_report(db, today or date.today(), owner)
    workbook = build_weekly_workbook(report, Labels(lang))
    target = atomic_write(path, lambda temporary: workbook.save(temporary))
    rows = sum(ws.max_row for ws in workbook.worksheets)
    return ExportResult(path=target, sheets=workbook.sheetnames, rows=rows,
                        seconds=time.perf_counter() - started)


def build_weekly_workbook(report: WeeklyReport, labels: Labels) -> Workbook:
    workbook = Workbook()
    _summary(workbook.active, report, labels)
    _interactions(workbook.create_sheet(), report, labels)
    _actions_done(workbook.create_sheet(), report, labels)
    _ahead(workbook.create_sheet(), report, labels)
    _movers(workbook.create_sheet(), report, labels)
    _complaints(workbook.create_sheet(), report, labels)
    return workbook


def _title(report: WeeklyReport, labels: Labels) -> str:
    if report.owner:
        return labels("title.weekly_owner", owner=report.owner, start=report.start.isoformat(),
                      end=report.end.isoformat())
    return labels("title.weekly", start=report.start.isoformat(), end=report.end.isoformat())


def _summary(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_summary"))
    writer = SheetWriter(ws, 2)
    writer.title(_title(report, labels), labels("note.exported", date=report.today.isoformat()))
    writer.header([labels("week.part"), labels("week.count")])
    writer.rows([
        (labels("title.week_interactions"), len(report.interactions)),
        (labels("title.week_actions_done"), len(report.actions_done)),
        (labels("week.plan_action") + " · " + labels("sheet.week_ahead"),
         len(report.actions_ahead)),
        (labels("week.follow_up") + " · " + labels("sheet.week_ahead"),
         len(report.follow_ups_ahead)),
        (labels("sheet.week_movers"), len(report.movers)),
        (labels("sheet.week_complaints"), len(report.late_complaints)),
    ], formats=(None, INTEGER))
    writer.finish(landscape=False, fixed={1: 44, 2: 12})


def _interactions(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_interactions"))
    writer = SheetWriter(ws, 10)
    writer.title(labels("title.week_interactions"), _title(report, labels))
    if not report.interactions:
        writer.note(labels("note.week_none"))
    writer.header([labels("interaction.date"), labels("week.customer"), labels("field.tier"),
                   labels("interaction.kind"), labels("interaction.summary"),
                   labels("interaction.feedback"), labels("interaction.sentiment"),
                   labels("interaction.next_step"), labels("interaction.due"),
                   labels("field.owner")])
    writer.rows(([i.occurred_at, i.customer, labels.enum(i.tier), labels.enum(i.kind),
                  i.summary, i.feedback, labels.enum(i.sentiment), i.next_step,
                  i.next_step_due, i.owner] for i in report.interactions),
                formats=(DATETIME, None, None, None, None, None, None, None, DATE),
                wrap=(2, 5, 6, 8))
    # Ten columns on one landscape page: the long texts wrap in narrower columns, so the
    # page is printed at about 80 % rather than 65 % (too small to read).
    writer.finish(fixed={1: 16, 2: NAME_WIDTH, 5: 26, 6: 22, 8: 22})
    _centre_dates(ws, writer.header_row)


def _actions_done(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_actions_done"))
    writer = SheetWriter(ws, 6)
    writer.title(labels("title.week_actions_done"), _title(report, labels))
    if not report.actions_done:
        writer.note(labels("note.week_none"))
    writer.header([labels("action.done_on"), labels("week.customer"), labels("field.tier"),
                   labels("plan.period"), labels("action.what"), labels("action.owner")])
    writer.rows(([a.done_on, a.customer, labels.enum(a.tier), a.period, a.what, a.owner]
                 for a in report.actions_done), formats=(DATE,), wrap=(2, 5))
    writer.finish(fixed={2: NAME_WIDTH, 5: 44})
    _centre_dates(ws, writer.header_row)


def _ahead(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_ahead"))
    writer = SheetWriter(ws, 6)
    writer.title(labels("title.week_ahead", start=report.next_start.isoformat(),
                        end=report.next_end.isoformat()), _title(report, labels))
    rows: list[tuple[Any, ...]] = [
        (a.due, labels("week.plan_action"), a.customer, labels.enum(a.tier), a.what, a.owner)
        for a in report.actions_ahead]
    rows += [(f.due, labels("week.follow_up") + " · " + labels.enum(f.kind), f.customer,
              labels.enum(f.tier), f.next_step, f.owner) for f in report.follow_ups_ahead]
    rows.sort(key=lambda r: (r[0] or date.max, r[2]))
    if not rows:
        writer.note(labels("note.week_none"))
    writer.header([labels("week.due"), labels("week.type"), labels("week.customer"),
                   labels("field.tier"), labels("action.what"), labels("action.owner")])
    writer.rows(rows, formats=(DATE,), wrap=(3, 5))
    writer.finish(fixed={3: NAME_WIDTH, 5: 40})
    _centre_dates(ws, writer.header_row)


def _movers(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_movers"))
    writer = SheetWriter(ws, 7)
    if report.compared_with is None:  # said in words, not as "since —"
        writer.title(labels("title.week_movers_any"), _title(report, labels))
        writer.note(labels("note.week_no_snapshot"))
    else:
        writer.title(labels("title.week_movers", period=report.compared_with),
                     _title(report, labels))
        if not report.movers:
            writer.note(labels("note.week_none"))
    writer.header([labels("week.customer"), labels("week.tier_before"), labels("week.tier_now"),
                   labels("week.score_before"), labels("week.score_now"),
                   labels("week.change"), labels("field.owner")])
    writer.rows(([m.customer, labels.enum(m.tier_before), labels.enum(m.tier_now),
                  m.score_before, m.score_now,
                  None if m.score_now is None or m.score_before is None
                  else round(m.score_now - m.score_before, 2), m.owner]
                 for m in report.movers), formats=(None, None, None, SCORE, SCORE, SCORE),
                wrap=(1,))
    writer.finish(fixed={1: NAME_WIDTH})


def _complaints(ws: Any, report: WeeklyReport, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.week_complaints"))
    writer = SheetWriter(ws, 8)
    sla = {p.value: d for p, d in report.service_levels.items()}
    writer.title(labels("title.week_complaints"), _title(report, labels))
    writer.note(labels("note.week_sla", **sla))
    if not report.late_complaints:
        writer.note(labels("note.week_none"))
    writer.header([labels("week.customer"), labels("field.tier"), labels("need.description"),
                   labels("need.priority"), labels("need.raised_on"), labels("week.due"),
                   labels("week.days_late"), labels("field.owner")])
    writer.rows(([c.customer, labels.enum(c.tier), c.description, labels.enum(c.priority),
                  c.raised_on, c.due, c.days_late, c.owner] for c in report.late_complaints),
                formats=(None, None, None, None, DATE, DATE, INTEGER), wrap=(1, 3))
    writer.finish(fixed={1: NAME_WIDTH, 3: 40})
    _centre_dates(ws, writer.header_row)


def _centre_dates(ws: Any, header_row: int) -> None:
    """Dates centred in their column: right-aligned, they ran into the next column's text."""
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            if cell.number_format in (DATE, DATETIME) and cell.value is not None:
                cell.alignment = DATE_ALIGN
