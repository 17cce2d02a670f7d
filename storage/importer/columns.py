"""Which file column feeds which field: automatic matching of headers in Chinese, Japanese and
English (the words are in :mod:`storage.importer.aliases`), and the user's overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from openpyxl.utils import column_index_from_string

from storage.export_labels import TEXT
from storage.importer import aliases, record_aliases
from storage.importer.dates import DateOrder


class ImportKind(StrEnum):
    CUSTOMERS = "customers"
    CONTACTS = "contacts"
    TRANSACTIONS = "transactions"
    INTERACTIONS = "interactions"
    NEEDS = "needs"
    ASSESSMENTS = "assessments"
    PLANS = "plans"
    PLAN_OBJECTIVES = "plan_objectives"
    PLAN_SUPPORT = "plan_support"
    PLAN_ACTIONS = "plan_actions"
    PLAN_REVIEWS = "plan_reviews"


#: kind -> field -> "CJK words|English words" (besides the export's own labels).
ALIASES: dict[ImportKind, dict[str, str]] = {
    ImportKind.CUSTOMERS: {**aliases.CUSTOMERS, **record_aliases.CUSTOMER_EXTRAS},
    ImportKind.CONTACTS: {**aliases.CONTACTS, **record_aliases.CONTACT_EXTRAS},
    ImportKind.TRANSACTIONS: {**aliases.TRANSACTIONS, **record_aliases.TRANSACTION_EXTRAS},
    ImportKind.INTERACTIONS: record_aliases.INTERACTIONS,
    ImportKind.NEEDS: record_aliases.NEEDS,
    ImportKind.ASSESSMENTS: record_aliases.ASSESSMENTS,
    ImportKind.PLANS: record_aliases.PLANS,
    ImportKind.PLAN_OBJECTIVES: record_aliases.PLAN_OBJECTIVES,
    ImportKind.PLAN_SUPPORT: record_aliases.PLAN_SUPPORT,
    ImportKind.PLAN_ACTIONS: record_aliases.PLAN_ACTIONS,
    ImportKind.PLAN_REVIEWS: record_aliases.PLAN_REVIEWS,
}

#: A record's customer: its code, its name or KeyPlan's id of it.
_CUSTOMER_REF = ("customer_code", "customer_name", "customer_id")
#: A plan's part's plan: KeyPlan's id of it, or its customer and period.
_PLAN_REF = ("plan_id", "customer_code+period", "customer_name+period", "customer_id+period")

#: Fields a mapping must have (customers: a name or a code to match).
REQUIRED: dict[ImportKind, tuple[tuple[str, ...], ...]] = {
    ImportKind.CUSTOMERS: (("name", "code"),),
    ImportKind.CONTACTS: (("name",), _CUSTOMER_REF),
    ImportKind.TRANSACTIONS: (("date",), ("amount", "quantity+unit_price"), _CUSTOMER_REF),
    ImportKind.INTERACTIONS: (("occurred_at",), ("kind",), ("summary",), _CUSTOMER_REF),
    ImportKind.NEEDS: (("kind",), ("description",), _CUSTOMER_REF),
    ImportKind.ASSESSMENTS: (("assessed_on",), _CUSTOMER_REF),
    ImportKind.PLANS: (("period",), _CUSTOMER_REF),
    ImportKind.PLAN_OBJECTIVES: (("description",), _PLAN_REF),
    ImportKind.PLAN_SUPPORT: (("kind",), _PLAN_REF),
    ImportKind.PLAN_ACTIONS: (("what",), _PLAN_REF),
    ImportKind.PLAN_REVIEWS: (("reviewed_on",), ("note",), _PLAN_REF),
}

_KEYS = {"key.customer": "customer_id", "key.id": "id"}
_OF_CUSTOMER = {"field.code": "customer_code", "field.name": "customer_name", **_KEYS}
_OF_PLAN = {**_OF_CUSTOMER, "plan.period": "period", "key.plan": "plan_id"}

#: Export labels that name the same fields, so KeyPlan's own workbooks import back.
_EXPORT_FIELDS: dict[ImportKind, dict[str, str]] = {
    ImportKind.CUSTOMERS: {**{f"field.{name}": name for name in (
        "code", "name", "kind", "industry", "region", "city", "address", "phone", "email",
        "website", "owner", "tags", "relationship_level", "price_orientation",
        "loyalty_segment", "channel", "notes")},
        "field.tier_set": "tier_override", "field.tier_reason": "tier_override_reason",
        "field.lifecycle_set": "lifecycle_override",
        "field.lifecycle_reason": "lifecycle_override_reason", "key.id": "id"},
    ImportKind.CONTACTS: {"field.code": "customer_code", "field.name": "customer_name",
                          "contact.name": "name", "contact.title": "title",
                          "contact.department": "department", "contact.role": "role",
                          "contact.influence": "influence", "contact.attitude": "attitude",
                          "contact.primary": "is_primary", "field.phone": "phone",
                          "field.email": "email", "field.notes": "notes",
                          "map.covered_by": "covered_by", "key.reports_to": "reports_to",
                          **_KEYS},
    ImportKind.TRANSACTIONS: {"field.code": "customer_code", "field.name": "customer_name",
                              **{f"transaction.{name}": name for name in (
                                  "date", "amount", "profit", "due_date", "paid_date",
                                  "order_no", "reference", "product")},
                              "field.notes": "notes", "key.customer": "customer_id"},
    ImportKind.INTERACTIONS: {**_OF_CUSTOMER, "interaction.date": "occurred_at",
                              "interaction.kind": "kind", "interaction.summary": "summary",
                              "interaction.feedback": "feedback",
                              "interaction.sentiment": "sentiment",
                              "interaction.next_step": "next_step",
                              "interaction.due": "next_step_due",
                              "interaction.done": "next_step_done", "field.owner": "owner",
                              "interaction.contacts": "contacts",
                              "key.contacts": "contact_ids"},
    ImportKind.NEEDS: {**_OF_CUSTOMER, "need.kind": "kind", "need.description": "description",
                       "need.priority": "priority", "need.status": "status",
                       "need.raised_on": "raised_on", "need.resolved_on": "resolved_on",
                       "need.resolution": "resolution", "field.owner": "owner",
                       "need.due_on": "due_on", "need.contact": "contact",
                       "key.contact": "contact_id"},
    ImportKind.ASSESSMENTS: {**_OF_CUSTOMER, "assessment.date": "assessed_on",
                             "assessment.assessor": "assessor",
                             **{f"dim.{name}": name for name in (
                                 "payment_credit", "need_quality", "communication",
                                 "industry_influence", "growth_potential", "loyalty",
                                 "synergy", "satisfaction")},
                             "field.notes": "notes"},
    ImportKind.PLANS: {**_OF_CUSTOMER, "plan.period": "period", "plan.status": "status",
                       "plan.situation": "situation", "plan.current_level": "current_level",
                       "plan.target_level": "target_level",
                       "plan.review_cadence": "review_cadence_days", "plan.owner": "owner",
                       "section.needs": "needs", "key.needs": "need_ids"},
    ImportKind.PLAN_OBJECTIVES: {**_OF_PLAN, "objective.description": "description",
                                 "objective.kind": "kind", "objective.baseline": "baseline_value",
                                 "objective.target": "target_value",
                                 "objective.actual": "actual_value"},
    ImportKind.PLAN_SUPPORT: {**_OF_PLAN, "support.kind": "kind", "support.terms": "terms",
                              "support.rate_percent": "rate_percent", "support.cost": "cost"},
    ImportKind.PLAN_ACTIONS: {**_OF_PLAN, "action.what": "what", "action.owner": "owner",
                              "action.due": "due_date", "action.status": "status",
                              "action.objective": "objective", "key.objective": "objective_id",
                              "action.done_on": "done_on"},
    ImportKind.PLAN_REVIEWS: {**_OF_PLAN, "review.date": "reviewed_on", "review.note": "note"},
}

IGNORE = ("", "-", "ignore", "skip", "忽略")
#: Columns of KeyPlan's own exports that are computed, never imported (score, tier, points).
_DERIVED_KEYS = ("field.tier", "field.score", "field.abc_class", "field.lifecycle",
                 "field.revenue_12m", "field.profit_12m", "field.margin", "field.first_purchase",
                 "field.last_purchase", "field.last_interaction", "field.next_follow_up",
                 "field.open_needs", "field.contacts")
_UNIT = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_PUNCT = re.compile(r"[\s_\-.:：/·*#]+")


def normalise_header(text: str) -> str:
    """A header reduced for matching: no units in brackets, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _PUNCT.sub("", _UNIT.sub("", text))


@cache
def _alias_table(kind: ImportKind) -> dict[str, tuple[str, int]]:
    """Reduced header -> (field, rank): KeyPlan's own export labels first, then each field's
    words in their order (a lower rank is a better name)."""
    table: dict[str, tuple[str, int]] = {}
    for key, name in _EXPORT_FIELDS[kind].items():
        for word in TEXT[key]:
            table.setdefault(normalise_header(word), (name, 0))
    for name, words in ALIASES[kind].items():
        cjk, english = words.split("|")
        for rank, word in enumerate(cjk.split() + english.split(","), 1):
            table.setdefault(normalise_header(word), (name, rank))
    return table


@cache
def _derived() -> frozenset[str]:
    words = {word for key in _DERIVED_KEYS for word in TEXT[key]}
    english, chinese = TEXT["summary.points"]
    for key, labels in TEXT.items():
        if key.startswith("dim."):
            words.add(english.format(dimension=labels[0]))
            words.add(chinese.format(dimension=labels[1]))
    return frozenset(unicodedata.normalize("NFKC", w).casefold().strip() for w in words)


def fields_of(kind: ImportKind) -> list[str]:
    return list(ALIASES[kind])


#: The user's choices: (column, field) pairs in order, or column -> field. A column named by
#: several pairs feeds each of those fields (a code that is also the name).
Overrides = Mapping[str, str] | Sequence[tuple[str, str]]


@dataclass(frozen=True)
class ColumnMapping:
    """``sources[field]`` is the file column (0-based) that feeds ``field``. One column may
    feed several fields; a column feeding none is ignored."""

    kind: ImportKind
    headers: list[str]
    sources: dict[str, int]
    scales: dict[int, float] = field(default_factory=dict)  # column -> multiplier (万元)
    #: When the mapping saved for this file layout was saved (it was the start, before any
    #: overrides); None when the headers were matched afresh.
    saved_at: str | None = None
    #: The day/month order of each date field's column (``3/4/2024``), decided from the
    #: file or given; a field missing here reads only unambiguous dates.
    date_orders: dict[str, DateOrder] = field(default_factory=dict)
    #: Cells taken as written (a whole-book export of KeyPlan's own): no blank markers (NA,
    #: -, 空 ...) and no total rows, so a note that says "-" comes back as "-".
    literal: bool = False

    @property
    def columns(self) -> list[str | None]:
        """Per column, the first field it feeds (in field order), for a one-field-per-column
        display such as the import wizard's."""
        result: list[str | None] = [None] * len(self.headers)
        for name in ALIASES[self.kind]:
            index = self.sources.get(name)
            if index is not None and result[index] is None:
                result[index] = name
        return result

    def fields_of(self, index: int) -> list[str]:
        """Every field column ``index`` feeds, in field order."""
        return [name for name in ALIASES[self.kind] if self.sources.get(name) == index]

    def index_of(self, name: str) -> int | None:
        return self.sources.get(name)

    def header_of(self, name: str) -> str:
        index = self.index_of(name)
        return self.headers[index] if index is not None else ""

    @property
    def mapped(self) -> dict[str, str]:
        """Field -> header, for showing the mapping."""
        return {f: self.headers[self.sources[f]] for f in ALIASES[self.kind] if f in self.sources}

    @property
    def ignored(self) -> list[str]:
        used = set(self.sources.values())
        return [h for i, h in enumerate(self.headers) if i not in used and h]

    def missing(self) -> list[tuple[str, ...]]:
        """Required fields (alternatives grouped) that no column feeds; an alternative of
        several fields joined by ``+`` needs them all."""
        return [group for group in REQUIRED[self.kind]
                if not any(all(f in self.sources for f in alternative.split("+"))
                           for alternative in group)]


def override_pairs(overrides: Overrides | None) -> list[tuple[str, str]]:
    if not overrides:
        return []
    if isinstance(overrides, Mapping):
        return [(str(k), str(v)) for k, v in overrides.items()]
    return [(str(k), str(v)) for k, v in overrides]


def header_score(kind: ImportKind, cells: Sequence[object]) -> int:
    table = _alias_table(kind)
    return sum(1 for cell in cells if cell is not None and normalise_header(str(cell)) in table)


def auto_map(kind: ImportKind, headers: Sequence[str], overrides: Overrides | None = None,
             base: Mapping[str, int] | None = None) -> ColumnMapping:
    """Match whole headers to fields (a field fed by the column matching its best word, the
    first such column on a tie), or start from ``base`` (field -> column, a mapping saved
    for this layout), then apply ``overrides``: column (header text, letter such as ``C`` or
    1-based number) -> field (or ``ignore``). A column named in the overrides feeds exactly
    the fields they give it (its automatic field goes); a field they give moves from any
    other column. Raises ValueError for an override naming an unknown column or field."""
    if base is not None:
        sources = {name: index for name, index in base.items()
                   if name in ALIASES[kind] and 0 <= index < len(headers)}
    else:
        sources = _matched(kind, headers)
    overridden: set[int] = set()
    for spec, target in override_pairs(overrides):
        index = _column_index(spec, headers)
        if index not in overridden:
            overridden.add(index)
            sources = {f: i for f, i in sources.items() if i != index}
        name = target.strip()
        if name.casefold() in IGNORE:
            continue
        if name not in ALIASES[kind]:
            raise ValueError(f"unknown field {name!r} for {kind.value}; known: "
                             f"{', '.join(ALIASES[kind])}")
        sources[name] = index
    scales = {i: 10_000.0 for f, i in sources.items()
              if f in ("amount", "profit", "unit_price") and "万元" in str(headers[i])}
    return ColumnMapping(kind=kind, headers=list(headers), sources=sources, scales=scales)


def _matched(kind: ImportKind, headers: Sequence[str]) -> dict[str, int]:
    table = _alias_table(kind)
    derived = _derived()
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    for index, header in enumerate(headers):
        found = table.get(normalise_header(header)) if header else None
        if found is None or unicodedata.normalize("NFKC", header).casefold().strip() in derived:
            continue
        name, rank = found
        if name not in best or rank < best[name][0]:
            best[name] = (rank, index)
    return {name: index for name, (_, index) in sorted(best.items(), key=lambda i: i[1][1])}


def column_index(spec: str, headers: Sequence[str]) -> int:
    """The 0-based column ``spec`` names: header text, letter (``C``) or 1-based number;
    raises ValueError when the file has no such column."""
    return _column_index(spec, headers)


def _column_index(spec: str, headers: Sequence[str]) -> int:
    wanted = normalise_header(spec)
    for index, header in enumerate(headers):
        if header and (header.strip() == spec.strip() or normalise_header(header) == wanted):
            return index
    text = spec.strip()
    if text.isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    if text.isalpha() and text.isascii() and len(text) <= 3:
        index = int(column_index_from_string(text.upper())) - 1
        if index < len(headers):
            return index
    raise ValueError(f"no column {spec!r}; the file has: {', '.join(h for h in headers if h)}")
