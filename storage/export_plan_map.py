"""The plan workbook's "Relationship map" sheet: the account's contacts as a tree (each one
indented under the person they report to, coloured by attitude), the flags of the map, and the
contacts by level with the gaps to close (提高沟通层级)."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from openpyxl.styles import Font, PatternFill

from models.entities import Contact
from models.enums import Attitude, Tier
from models.relationships import (
    ContactLevel,
    FlagFinding,
    RelationshipFlag,
    by_level,
    flags,
    last_seen,
    org_chart,
    walk,
)
from storage.customer_queries import CustomerDetail
from storage.export_labels import Labels
from storage.export_plan_sheets import sheet_name
from storage.xlsx_style import (
    ALERT_FONT,
    BODY_FONT,
    DATE,
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    SheetWriter,
    put,
)


class PlanExportData(Protocol):
    """What the sheet reads of ``storage.export_plan.PlanExportData``."""

    detail: CustomerDetail
    today: date


#: Tree columns before the details: deeper people stay in the last one, marked by depth.
TREE_COLUMNS = 5
TREE_WIDTH = 11
ATTITUDE_FILLS = {
    Attitude.CHAMPION: "C8E6C9",
    Attitude.SUPPORTER: "E8F5E9",
    Attitude.NEUTRAL: "F5F5F5",
    Attitude.SKEPTIC: "FFE0B2",
    Attitude.OPPONENT: "FFCDD2",
}
_FLAG_KEYS = {RelationshipFlag.SINGLE_THREADED: "map.flag.single_threaded",
              RelationshipFlag.NO_DECISION_LEVEL: "map.flag.no_decision_level",
              RelationshipFlag.NOT_COVERED: "map.flag.not_covered"}


def relationship_map_sheet(ws: Any, data: PlanExportData, labels: Labels) -> None:
    ws.title = sheet_name(labels("sheet.relationship_map"))
    detail = data.detail
    contacts = [c for c in detail.contacts if not c.is_deleted]
    details = 6
    writer = SheetWriter(ws, TREE_COLUMNS + details)
    writer.title(labels("title.relationship_map", name=detail.customer.name),
                 labels("map.note"))
    seen = last_seen(detail.interactions)
    tier_code = detail.customer.tier_override or detail.metrics.get("tier")
    tier = Tier(tier_code) if tier_code else None
    found = flags(tier, contacts, seen, data.today)

    writer.section(labels("map.flags"))
    names = {c.id: c.name for c in contacts}
    if not found:
        writer.note(labels("map.no_flags"), font=BODY_FONT)
    for finding in found:
        writer.note(_flag_text(finding, names, labels), font=ALERT_FONT)

    writer.section(labels("map.tree"))
    if not contacts:
        writer.note(labels("map.none"), font=BODY_FONT)
    else:
        row = writer.row
        put(ws, row, 1, labels("contact.name"), font=HEADER_FONT, align=HEADER_ALIGN,
            fill=HEADER_FILL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=TREE_COLUMNS)
        for offset, key in enumerate(("contact.title", "contact.role", "contact.influence",
                                      "contact.attitude", "map.covered_by", "map.last_met")):
            put(ws, row, TREE_COLUMNS + 1 + offset, labels(key), font=HEADER_FONT,
                align=HEADER_ALIGN, fill=HEADER_FILL)
        ws.row_dimensions[row].height = 30
        row += 1
        for node in walk(org_chart(contacts)):
            c = node.contact
            column = min(node.depth, TREE_COLUMNS - 1) + 1
            prefix = "└ " if node.depth else ""
            if node.depth >= TREE_COLUMNS:
                prefix = f"{'·' * (node.depth - TREE_COLUMNS + 1)}└ "
            for empty in range(1, TREE_COLUMNS + 1):
                if empty != column:
                    put(ws, row, empty, None, border=False)
            put(ws, row, column, prefix + c.name, font=Font(name=BODY_FONT.name, size=10,
                                                            bold=True),
                fill=PatternFill("solid", fgColor=ATTITUDE_FILLS[c.attitude]))
            met = seen.get(c.id)
            values = [c.title, labels.enum(c.role), c.influence, labels.enum(c.attitude),
                      c.covered_by, met.date() if met else None]
            for offset, value in enumerate(values):
                put(ws, row, TREE_COLUMNS + 1 + offset, value,
                    fmt=DATE if offset == len(values) - 1 else None,
                    font=ALERT_FONT if offset == 4 and not value else BODY_FONT)
            if not c.covered_by:
                put(ws, row, TREE_COLUMNS + 5, labels("map.not_covered"), font=ALERT_FONT)
            row += 1
        writer.row = row

    writer.section(labels("map.by_level"))
    writer.header([labels("map.level"), labels("contact.name"), labels("contact.title"),
                   labels("contact.role"), labels("contact.attitude"), labels("map.covered_by"),
                   labels("map.gaps")])
    for group in by_level(contacts):
        gaps = []
        if group.empty:
            gaps.append(labels("map.gap.empty"))
        if group.no_support:
            gaps.append(labels("map.gap.no_support"))
        if group.uncovered:
            gaps.append(labels("map.gap.uncovered"))
        level = labels(_LEVEL_KEYS[group.level])
        members: tuple[Contact | None, ...] = group.contacts or (None,)
        for index, m in enumerate(members):
            writer.rows([[level if index == 0 else "", m.name if m else "",
                          m.title if m else "", labels.enum(m.role) if m else "",
                          labels.enum(m.attitude) if m else "", m.covered_by if m else "",
                          "; ".join(gaps) if index == 0 else ""]],
                        # The table sits under the tree's narrow columns: every text wraps
                        # ("Management level", "Technical evaluator" ran into the next cell).
                        wrap=range(1, 8))
    widths = {column: TREE_WIDTH for column in range(1, TREE_COLUMNS + 1)}
    # 'Influence (1–5)' whole on one line (in 10 units its '5)' wrapped onto a second).
    widths.update({TREE_COLUMNS + 1: 16, TREE_COLUMNS + 2: 14, TREE_COLUMNS + 3: 13,
                   TREE_COLUMNS + 4: 10, TREE_COLUMNS + 5: 14, TREE_COLUMNS + 6: 12})
    writer.finish(freeze=False, fixed=widths)


_LEVEL_KEYS = {ContactLevel.DECISION: "map.level.decision",
               ContactLevel.MANAGEMENT: "map.level.management",
               ContactLevel.OPERATIONAL: "map.level.operational"}


def _flag_text(finding: FlagFinding, names: dict[str, str], labels: Labels) -> str:
    if finding.flag is RelationshipFlag.SINGLE_THREADED and finding.contact_id in names:
        return labels("map.flag.single_threaded_one", name=names[finding.contact_id])
    return labels(_FLAG_KEYS[finding.flag])
