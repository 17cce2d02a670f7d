"""The sheets of the whole-book export: for each kind of record, its columns (headers the
importer reads back), the query that lists its records and how a stored row becomes cells.

Every record names its customer by code and name (what a person reads) and by KeyPlan's id
(what makes the import exact); a plan's part names its plan by period, and by id; links to
contacts, needs and objectives go by name and by id. Choices are written as the words of the
export's language (组织客户, Champion), which the importer reads in either language.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from models.enums import (
    ActionStatus,
    Attitude,
    Channel,
    ContactRole,
    CustomerKind,
    InteractionKind,
    LifecycleStage,
    LoyaltySegment,
    NeedKind,
    NeedStatus,
    ObjectiveKind,
    PlanStatus,
    PriceOrientation,
    Priority,
    Sentiment,
    SupportKind,
    Tier,
)
from storage.export_labels import Labels
from storage.xlsx_stream import DATE, DATETIME, NUMBER, TEXT
from storage.xlsx_style import DATE as DATE_FORMAT
from storage.xlsx_style import DATETIME as DATETIME_FORMAT
from storage.xlsx_style import INTEGER, MONEY

Row = Sequence[Any]


@dataclass(frozen=True)
class Column:
    label: str  # key in storage.export_labels.TEXT
    kind: str = TEXT
    width: int = 14
    number_format: str | None = None


@dataclass(frozen=True)
class BookSheet:
    """One kind of record: its sheet's name, columns, query (one row per record, columns in
    order, codes as stored) and ``cells(labels)``, which turns a row into cells (None: the
    row is written as it comes, the fast path of a million sales lines)."""

    name: str  # label key of the sheet's name
    columns: tuple[Column, ...]
    sql: str
    count_sql: str
    cells: Callable[[Labels], Callable[[Row], list[Any]]] | None = None
    #: ``sql`` lists one customer's records (its id the parameter), read customer after
    #: customer in the order of :data:`CUSTOMER_ORDER_SQL`, each row after the customer's
    #: code and name and before its id: a million lines in that order without sorting them
    #: (a sort of them all would hold them in memory).
    per_customer: bool = False


def _date(label: str) -> Column:
    return Column(label, DATE, 12, DATE_FORMAT)


def _money(label: str) -> Column:
    return Column(label, NUMBER, 14, MONEY)


_CODE, _NAME = Column("field.code", width=12), Column("field.name", width=30)
_CUSTOMER_KEY = Column("key.customer", width=38)
_KEY = Column("key.id", width=38)
_PLAN_KEY = Column("key.plan", width=38)
_PERIOD = Column("plan.period", width=10)
#: How child rows are listed: by their customer's code (customers without one after, by
#: name), so a customer's records stand together.
_BY_CUSTOMER = "c.code = '', c.code, c.name_sort, c.id"
_LIVE_CUSTOMER = "JOIN customers c ON c.id = {alias}.customer_id AND c.deleted_at IS NULL"
CUSTOMER_ORDER_SQL = ("SELECT c.code, c.name, c.id FROM customers c WHERE c.deleted_at IS NULL "
                      f"ORDER BY {_BY_CUSTOMER}")
_PLAN_OF = ("JOIN plans p ON p.id = {alias}.plan_id AND p.deleted_at IS NULL "
            "JOIN customers c ON c.id = p.customer_id AND c.deleted_at IS NULL")


def _listed(select: str, *, separator: str = "char(10)") -> str:
    """A subquery joining the texts ``select`` lists (in its order) into one cell, one a
    line."""
    return f"(SELECT group_concat(x, {separator}) FROM ({select}))"


def _words(labels: Labels, enum: type[Enum]) -> dict[Any, str]:
    """Stored code -> the export's word for it ('' and NULL stay empty)."""
    return {member.value: labels.enum(member) for member in enum}


def _yes_no(labels: Labels) -> dict[Any, str]:
    return {1: labels("yes"), 0: labels("no")}  # stored 1 and 0 (True and False alike)


# ---- customers -----------------------------------------------------------------------------
def _customer_cells(labels: Labels) -> Callable[[Row], list[Any]]:
    words = [None, None, _words(labels, CustomerKind), *[None] * 8, "tags", "level",
             _words(labels, PriceOrientation), _words(labels, LoyaltySegment),
             _words(labels, Channel), _words(labels, Tier), None,
             _words(labels, LifecycleStage), None, None, None]
    levels = {level: labels.level(level) for level in range(1, 5)}

    def cells(row: Row) -> list[Any]:
        result = list(row)
        for index, table in enumerate(words):
            value = result[index]
            if table is None or value is None:
                continue
            if table == "tags":
                result[index] = ", ".join(json.loads(value)) if value else ""
            elif table == "level":
                result[index] = levels.get(value, value)
            else:
                assert isinstance(table, dict)
                result[index] = table.get(value, value)
        return result

    return cells


CUSTOMERS = BookSheet(
    "sheet.customers",
    (_CODE, _NAME, Column("field.kind", width=12), Column("field.industry"),
     Column("field.region"), Column("field.city", width=12), Column("field.address", width=30),
     Column("field.phone"), Column("field.email", width=24), Column("field.website", width=24),
     Column("field.owner", width=12), Column("field.tags", width=20),
     Column("field.relationship_level", width=18), Column("field.price_orientation"),
     Column("field.loyalty_segment"), Column("field.channel", width=12),
     Column("field.tier_set"), Column("field.tier_reason", width=24),
     Column("field.lifecycle_set"), Column("field.lifecycle_reason", width=24),
     Column("field.notes", width=40), _KEY),
    "SELECT c.code, c.name, c.kind, c.industry, c.region, c.city, c.address, c.phone, c.email, "
    "c.website, c.owner, c.tags, c.relationship_level, c.price_orientation, c.loyalty_segment, "
    "c.channel, c.tier_override, c.tier_override_reason, c.lifecycle_override, "
    "c.lifecycle_override_reason, c.notes, c.id FROM customers c WHERE c.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}",
    "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
    _customer_cells)


# ---- contacts ------------------------------------------------------------------------------
def _contact_cells(labels: Labels) -> Callable[[Row], list[Any]]:
    roles, attitudes, yes_no = (_words(labels, ContactRole), _words(labels, Attitude),
                                _yes_no(labels))

    def cells(row: Row) -> list[Any]:
        result = list(row)
        result[7] = roles.get(result[7], result[7])
        result[9] = attitudes.get(result[9], result[9])
        result[10] = yes_no.get(result[10], result[10])
        return result

    return cells


CONTACTS = BookSheet(
    "sheet.contacts",
    (_CODE, _NAME, Column("contact.name", width=16), Column("contact.title", width=16),
     Column("contact.department"), Column("field.phone"), Column("field.email", width=24),
     Column("contact.role"), Column("contact.influence", NUMBER, 10, INTEGER),
     Column("contact.attitude"), Column("contact.primary", width=10),
     Column("field.notes", width=40), Column("map.covered_by", width=12),
     Column("key.reports_to", width=38), _CUSTOMER_KEY, _KEY),
    "SELECT c.code, c.name, k.name, k.title, k.department, k.phone, k.email, k.role, "
    "k.influence, k.attitude, k.is_primary, k.notes, k.covered_by, k.reports_to, c.id, k.id "
    "FROM contacts k "
    f"{_LIVE_CUSTOMER.format(alias='k')} WHERE k.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}, k.is_primary DESC, k.rowid",
    "SELECT count(*) FROM contacts k " + _LIVE_CUSTOMER.format(alias="k")
    + " WHERE k.deleted_at IS NULL",
    _contact_cells)


# ---- transactions: written as they come ---------------------------------------------------
TRANSACTIONS = BookSheet(
    "sheet.transactions",
    (_CODE, _NAME, _date("transaction.date"), _money("transaction.amount"),
     _money("transaction.profit"), _date("transaction.due_date"),
     _date("transaction.paid_date"), Column("transaction.order_no"),
     Column("transaction.reference"), Column("transaction.product", width=24),
     Column("field.notes", width=30), _CUSTOMER_KEY),
    "SELECT t.date, t.amount, t.profit, t.due_date, t.paid_date, t.order_no, t.reference, "
    "t.product, t.notes FROM transactions t WHERE t.customer_id = ? AND t.deleted_at IS NULL "
    "ORDER BY t.date",
    "SELECT count(*) FROM transactions t " + _LIVE_CUSTOMER.format(alias="t")
    + " WHERE t.deleted_at IS NULL", per_customer=True)


# ---- interactions --------------------------------------------------------------------------
def _interaction_cells(labels: Labels) -> Callable[[Row], list[Any]]:
    kinds, sentiments, yes_no = (_words(labels, InteractionKind), _words(labels, Sentiment),
                                 _yes_no(labels))

    def cells(row: Row) -> list[Any]:
        result = list(row)
        result[3] = kinds.get(result[3], result[3])
        result[6] = sentiments.get(result[6], result[6])
        result[9] = yes_no.get(result[9], result[9])
        return result

    return cells


_PRESENT = ("SELECT {column} AS x FROM interaction_contacts ic JOIN contacts ct ON "
            "ct.id = ic.contact_id AND ct.deleted_at IS NULL WHERE ic.interaction_id = i.id "
            "ORDER BY ct.name, ct.id")
INTERACTIONS = BookSheet(
    "sheet.interactions",
    (_CODE, _NAME, Column("interaction.date", DATETIME, 16, DATETIME_FORMAT),
     Column("interaction.kind", width=10), Column("interaction.summary", width=40),
     Column("interaction.feedback", width=30), Column("interaction.sentiment", width=10),
     Column("interaction.next_step", width=30), _date("interaction.due"),
     Column("interaction.done", width=8), Column("field.owner", width=12),
     Column("interaction.contacts", width=20), Column("key.contacts", width=38),
     _CUSTOMER_KEY, _KEY),
    "SELECT c.code, c.name, i.occurred_at, i.kind, i.summary, i.feedback, i.sentiment, "
    "i.next_step, i.next_step_due, i.next_step_done, i.owner, "
    f"{_listed(_PRESENT.format(column='ct.name'))}, "
    f"{_listed(_PRESENT.format(column='ct.id'))}, c.id, i.id FROM interactions i "
    f"{_LIVE_CUSTOMER.format(alias='i')} WHERE i.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}, i.occurred_at, i.rowid",
    "SELECT count(*) FROM interactions i " + _LIVE_CUSTOMER.format(alias="i")
    + " WHERE i.deleted_at IS NULL",
    _interaction_cells)


# ---- needs ---------------------------------------------------------------------------------
def _need_cells(labels: Labels) -> Callable[[Row], list[Any]]:
    kinds, priorities, statuses = (_words(labels, NeedKind), _words(labels, Priority),
                                   _words(labels, NeedStatus))

    def cells(row: Row) -> list[Any]:
        result = list(row)
        result[2] = kinds.get(result[2], result[2])
        result[4] = priorities.get(result[4], result[4])
        result[5] = statuses.get(result[5], result[5])
        return result

    return cells


NEEDS = BookSheet(
    "sheet.needs",
    (_CODE, _NAME, Column("need.kind", width=10), Column("need.description", width=40),
     Column("need.priority", width=8), Column("need.status", width=10),
     _date("need.raised_on"), _date("need.resolved_on"),
     Column("need.resolution", width=30), Column("field.owner", width=12),
     _date("need.due_on"), Column("need.contact", width=14), Column("key.contact", width=38),
     _CUSTOMER_KEY, _KEY),
    "SELECT c.code, c.name, n.kind, n.description, n.priority, n.status, n.raised_on, "
    "n.resolved_on, n.resolution, n.owner, n.due_on, ct.name, ct.id, c.id, n.id FROM needs n "
    f"{_LIVE_CUSTOMER.format(alias='n')} LEFT JOIN contacts ct ON ct.id = n.contact_id AND "
    f"ct.deleted_at IS NULL WHERE n.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}, n.raised_on, n.rowid",
    "SELECT count(*) FROM needs n " + _LIVE_CUSTOMER.format(alias="n")
    + " WHERE n.deleted_at IS NULL",
    _need_cells)


# ---- assessments ---------------------------------------------------------------------------
_RATINGS = ("payment_credit", "need_quality", "communication", "industry_influence",
            "growth_potential", "loyalty", "synergy", "satisfaction")
ASSESSMENTS = BookSheet(
    "sheet.assessments",
    (_CODE, _NAME, _date("assessment.date"), Column("assessment.assessor", width=12),
     *(Column(f"dim.{name}", NUMBER, 10, INTEGER) for name in _RATINGS),
     Column("field.notes", width=30), _CUSTOMER_KEY, _KEY),
    "SELECT c.code, c.name, a.assessed_on, a.assessor, "
    + ", ".join(f"a.{name}" for name in _RATINGS)
    + ", a.notes, c.id, a.id FROM assessments a "
    f"{_LIVE_CUSTOMER.format(alias='a')} WHERE a.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}, a.assessed_on, a.rowid",
    "SELECT count(*) FROM assessments a " + _LIVE_CUSTOMER.format(alias="a")
    + " WHERE a.deleted_at IS NULL")


# ---- account plans and their parts ---------------------------------------------------------
def _plan_cells(labels: Labels) -> Callable[[Row], list[Any]]:
    statuses = _words(labels, PlanStatus)
    levels = {level: labels.level(level) for level in range(1, 5)}

    def cells(row: Row) -> list[Any]:
        result = list(row)
        result[3] = statuses.get(result[3], result[3])
        result[5] = levels.get(result[5], result[5])
        result[6] = levels.get(result[6], result[6])
        return result

    return cells


_ADDRESSED = ("SELECT {column} AS x FROM plan_needs pn JOIN needs nd ON nd.id = pn.need_id AND "
              "nd.deleted_at IS NULL WHERE pn.plan_id = p.id ORDER BY nd.raised_on, nd.id")
PLANS = BookSheet(
    "sheet.plans",
    (_CODE, _NAME, _PERIOD, Column("plan.status", width=10),
     Column("plan.situation", width=40), Column("plan.current_level", width=18),
     Column("plan.target_level", width=18), Column("plan.review_cadence", NUMBER, 10, INTEGER),
     Column("plan.owner", width=12), Column("section.needs", width=30),
     Column("key.needs", width=38), _CUSTOMER_KEY, _KEY),
    "SELECT c.code, c.name, p.period, p.status, p.situation, p.current_level, p.target_level, "
    "p.review_cadence_days, p.owner, "
    f"{_listed(_ADDRESSED.format(column='nd.description'))}, "
    f"{_listed(_ADDRESSED.format(column='nd.id'))}, c.id, p.id FROM plans p "
    f"{_LIVE_CUSTOMER.format(alias='p')} WHERE p.deleted_at IS NULL "
    f"ORDER BY {_BY_CUSTOMER}, p.period",
    "SELECT count(*) FROM plans p " + _LIVE_CUSTOMER.format(alias="p")
    + " WHERE p.deleted_at IS NULL",
    _plan_cells)


def _part_cells(labels: Labels, columns: dict[int, type[Enum]]) -> Callable[[Row], list[Any]]:
    tables = {index: _words(labels, enum) for index, enum in columns.items()}

    def cells(row: Row) -> list[Any]:
        result = list(row)
        for index, table in tables.items():
            result[index] = table.get(result[index], result[index])
        return result

    return cells


def _part(name: str, columns: tuple[Column, ...], select: str, table: str, alias: str,
          order: str, cells: Callable[[Labels], Callable[[Row], list[Any]]],
          extra: str = "") -> BookSheet:
    """A sheet of a plan's part: its customer and period first, ids last."""
    joins = f"{_PLAN_OF.format(alias=alias)} {extra}".strip()
    return BookSheet(
        name, (_CODE, _NAME, _PERIOD, *columns, _PLAN_KEY, _CUSTOMER_KEY, _KEY),
        f"SELECT c.code, c.name, p.period, {select}, p.id, c.id, {alias}.id FROM {table} "
        f"{alias} {joins} WHERE {alias}.deleted_at IS NULL "
        f"ORDER BY {_BY_CUSTOMER}, p.period, {order}",
        f"SELECT count(*) FROM {table} {alias} {joins} WHERE {alias}.deleted_at IS NULL",
        cells)


PLAN_OBJECTIVES = _part(
    "sheet.plan_objectives",
    (Column("objective.description", width=36), Column("objective.kind", width=14),
     _money("objective.baseline"), _money("objective.target"), _money("objective.actual")),
    "o.description, o.kind, o.baseline_value, o.target_value, o.actual_value",
    "plan_objectives", "o", "o.created_at, o.rowid",
    lambda labels: _part_cells(labels, {4: ObjectiveKind}))
PLAN_SUPPORT = _part(
    "sheet.plan_support",
    (Column("support.kind", width=16), Column("support.terms", width=36),
     Column("support.rate_percent", NUMBER, 10), _money("support.cost")),
    "s.kind, s.terms, s.rate_percent, s.cost", "plan_support_measures", "s",
    "s.created_at, s.rowid", lambda labels: _part_cells(labels, {3: SupportKind}))
PLAN_ACTIONS = _part(
    "sheet.plan_actions",
    (Column("action.what", width=36), Column("action.owner", width=12), _date("action.due"),
     Column("action.status", width=10), Column("action.objective", width=30),
     Column("key.objective", width=38), _date("action.done_on")),
    "a.what, a.owner, a.due_date, a.status, ob.description, ob.id, a.done_on",
    "plan_actions", "a", "a.created_at, a.rowid",
    lambda labels: _part_cells(labels, {6: ActionStatus}),
    "LEFT JOIN plan_objectives ob ON ob.id = a.objective_id AND ob.deleted_at IS NULL")
PLAN_REVIEWS = _part(
    "sheet.plan_reviews", (_date("review.date"), Column("review.note", width=50)),
    "r.reviewed_on, r.note", "plan_reviews", "r", "r.reviewed_on, r.rowid",
    lambda labels: _part_cells(labels, {}))

#: In the order the importer needs them: customers before what names them, contacts and
#: needs before what links to them, plans before their parts, objectives before actions.
SHEETS: tuple[BookSheet, ...] = (CUSTOMERS, CONTACTS, TRANSACTIONS, INTERACTIONS, NEEDS,
                                 ASSESSMENTS, PLANS, PLAN_OBJECTIVES, PLAN_SUPPORT,
                                 PLAN_ACTIONS, PLAN_REVIEWS)
