"""The relationship map of an account (idea 10): who reports to whom, the level each contact
sits at, the colleague on our side who covers them, the risks the map shows (a single-threaded
account, no contact at decision level, no coverage) and the history of the relationship level
(idea 5). Pure: the storage layer reads the records, this module reasons about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import partial as p
from typing import ClassVar

from models.entities import MSG_REPORTS_TO_SELF, Contact, Interaction
from models.enums import ContactRole, RelationshipLevel, Tier
from models.record import Record
from models.validation import (
    ValidationError,
    check_date,
    check_int_range,
    clean_text,
    tr_noop,
)

MSG_REPORTS_TO_CYCLE = tr_noop("{name} already reports, directly or not, to this contact.")
MSG_REPORTS_TO_OTHER = tr_noop("Reports to someone who is not a contact of this customer.")
MSG_LEVEL_REASON = tr_noop("Say why the relationship level changed.")

#: Months of interactions looked at for a single-threaded account.
SINGLE_THREAD_MONTHS = 6
#: The tiers whose accounts must not hang on one person (article 001: a dependent
#: relationship breaks when the customer's managers change).
WATCHED_TIERS = frozenset({Tier.STRATEGIC, Tier.KEY})
DECISION_ROLES = frozenset({ContactRole.DECISION_MAKER, ContactRole.ECONOMIC_BUYER})


class ContactLevel(StrEnum):
    """How high a contact sits in the customer's decisions (提高沟通层级: raise it)."""

    DECISION = "decision"  # 决策层: decides or signs
    MANAGEMENT = "management"  # 管理层: weighs heavily on the decision
    OPERATIONAL = "operational"  # 执行层: uses, evaluates, orders


class RelationshipFlag(StrEnum):
    """A risk the relationship map shows on an account."""

    SINGLE_THREADED = "single_threaded"
    NO_DECISION_LEVEL = "no_decision_level"
    NOT_COVERED = "not_covered"


@dataclass(kw_only=True)
class LevelChange(Record):
    """One step of the relationship level's history: the level an account moved to, when,
    why and who said so."""

    customer_id: str
    level: RelationshipLevel
    changed_on: date
    reason: str = ""
    changed_by: str = ""

    CHECKS: ClassVar = {
        "customer_id": p(clean_text, "customer_id", required=True, max_len=64),
        "level": lambda v: RelationshipLevel(check_int_range("level", v, 1, 4)),
        "changed_on": p(check_date, "changed_on"),
        "reason": p(clean_text, "reason", max_len=500, multiline=True),
        "changed_by": p(clean_text, "changed_by", max_len=80),
    }


# ---- reports-to ------------------------------------------------------------------------------
def check_reports_to(contact: Contact, others: Sequence[Contact]) -> None:
    """Raise ValidationError when ``contact`` may not report to the boss it names: itself, a
    person who is not a live contact of the same customer, or someone below it (a cycle).
    ``others`` are the customer's contacts as stored, deleted ones included (``contact``'s old
    version among them); a boss deleted since is let be."""
    boss = contact.reports_to
    if not boss:
        return
    if boss == contact.id:
        raise ValidationError("reports_to", MSG_REPORTS_TO_SELF)
    by_id = {c.id: c for c in others if c.id != contact.id}
    if boss not in by_id or by_id[boss].customer_id != contact.customer_id:
        raise ValidationError("reports_to", MSG_REPORTS_TO_OTHER)
    if by_id[boss].is_deleted:
        return  # a boss deleted since: the map shows this contact at the top
    seen = {contact.id}
    current: str | None = boss
    while current is not None and current in by_id:
        if current in seen:
            break  # a cycle above us that does not pass through this contact: not ours
        seen.add(current)
        above = by_id[current].reports_to
        if above == contact.id:
            raise ValidationError("reports_to", MSG_REPORTS_TO_CYCLE, name=by_id[boss].name)
        current = above


def below(contact_id: str, contacts: Iterable[Contact]) -> set[str]:
    """The ids of every contact who reports, directly or not, to ``contact_id`` (the choices a
    form must not offer as its boss)."""
    children: dict[str, list[str]] = {}
    for c in contacts:
        if c.reports_to:
            children.setdefault(c.reports_to, []).append(c.id)
    found: set[str] = set()
    stack = [contact_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found and child != contact_id:
                found.add(child)
                stack.append(child)
    return found


# ---- the org chart -----------------------------------------------------------------------------
@dataclass
class MapNode:
    """A contact in the org chart, with the people who report to them."""

    contact: Contact
    depth: int = 0
    children: list[MapNode] = field(default_factory=list)
    #: Horizontal place in leaf widths (a parent sits centred over its children).
    x: float = 0.0


def org_chart(contacts: Sequence[Contact]) -> list[MapNode]:
    """The customer's live contacts as trees: a contact whose boss is unknown, deleted or (from
    bad data) part of a cycle is a root. Bosses first by weight (influence), then name; each
    node gets its depth and a horizontal place (a tidy tree: leaves side by side, a parent over
    the middle of its children)."""
    live = [c for c in contacts if not c.is_deleted]
    nodes = {c.id: MapNode(c) for c in live}
    roots: list[MapNode] = []
    for c in sorted(live, key=_order):
        parent = nodes.get(c.reports_to) if c.reports_to else None
        if parent is None or _climbs_to(c.id, nodes):
            roots.append(nodes[c.id])
        else:
            parent.children.append(nodes[c.id])
    next_leaf = 0.0

    def place(node: MapNode, depth: int) -> None:
        nonlocal next_leaf
        node.depth = depth
        if not node.children:
            node.x = next_leaf
            next_leaf += 1
            return
        for child in node.children:
            place(child, depth + 1)
        node.x = (node.children[0].x + node.children[-1].x) / 2

    for root in roots:
        place(root, 0)
    return roots


def _order(c: Contact) -> tuple[int, int, str]:
    return (-(c.influence or 0), 0 if c.role in DECISION_ROLES else 1, c.name)


def _climbs_to(contact_id: str, nodes: Mapping[str, MapNode]) -> bool:
    """True when following the bosses up from ``contact_id`` comes back to it."""
    seen: set[str] = set()
    current = nodes[contact_id].contact.reports_to
    while current and current in nodes and current not in seen:
        if current == contact_id:
            return True
        seen.add(current)
        current = nodes[current].contact.reports_to
    return False


def walk(roots: Iterable[MapNode]) -> list[MapNode]:
    """Every node, depth first, parents before their children (the order of an indented list)."""
    out: list[MapNode] = []
    stack = list(reversed(list(roots)))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


# ---- levels and flags --------------------------------------------------------------------------
def contact_level(contact: Contact) -> ContactLevel:
    """Decision level: decides or signs (decision maker, economic buyer) or weighs 5 of 5;
    management: weighs 4, or influences the decision with weight 3; the rest are operational."""
    influence = contact.influence or 0
    if contact.role in DECISION_ROLES or influence >= 5:
        return ContactLevel.DECISION
    if influence >= 4 or (influence >= 3 and contact.role in (
            ContactRole.INFLUENCER, ContactRole.TECHNICAL_EVALUATOR, ContactRole.COACH)):
        return ContactLevel.MANAGEMENT
    return ContactLevel.OPERATIONAL


@dataclass(frozen=True)
class LevelGroup:
    """The contacts at one level and what is missing there."""

    level: ContactLevel
    contacts: tuple[Contact, ...]
    #: Nobody known at this level.
    empty: bool
    #: Known, but nobody on our side covers any of them.
    uncovered: bool
    #: Known, but none of them supports us (champion or supporter).
    no_support: bool

    @property
    def has_gap(self) -> bool:
        return self.empty or self.uncovered or self.no_support


def by_level(contacts: Sequence[Contact]) -> list[LevelGroup]:
    """The live contacts by level, highest first, each level with its gaps (the "raise the
    contact level" view: where we are missing, unsupported or uncovered)."""
    from models.enums import Attitude

    live = [c for c in contacts if not c.is_deleted]
    groups = []
    for level in ContactLevel:
        members = tuple(sorted((c for c in live if contact_level(c) is level), key=_order))
        groups.append(LevelGroup(
            level=level, contacts=members, empty=not members,
            uncovered=bool(members) and not any(c.covered_by for c in members),
            no_support=bool(members) and not any(
                c.attitude in (Attitude.CHAMPION, Attitude.SUPPORTER) for c in members)))
    return groups


@dataclass(frozen=True)
class FlagFinding:
    """A flag raised on an account, with what it is about."""

    flag: RelationshipFlag
    #: For SINGLE_THREADED: the one contact everything goes through (None: none known).
    contact_id: str | None = None


def last_seen(interactions: Iterable[Interaction]) -> dict[str, datetime]:
    """Each contact's latest interaction among ``interactions`` (deleted ones aside)."""
    seen: dict[str, datetime] = {}
    for i in interactions:
        if i.is_deleted:
            continue
        for contact_id in i.contact_ids:
            if contact_id not in seen or seen[contact_id] < i.occurred_at:
                seen[contact_id] = i.occurred_at
    return seen


def flags(tier: Tier | None, contacts: Sequence[Contact], seen: Mapping[str, datetime],
          today: date, *, months: int = SINGLE_THREAD_MONTHS) -> list[FlagFinding]:
    """The risks of a strategic or key account's map (other tiers raise none). ``seen`` is
    each contact's latest interaction (:func:`last_seen`).

    - single-threaded: one contact or none known, or the interactions of the last ``months``
      months that name a contact all name the same single one;
    - no decision level: no contact decides, signs or weighs 5 of 5;
    - not covered: no contact has a colleague on our side covering them.
    """
    if tier not in WATCHED_TIERS:
        return []
    live = [c for c in contacts if not c.is_deleted]
    found: list[FlagFinding] = []
    if len(live) <= 1:
        found.append(FlagFinding(RelationshipFlag.SINGLE_THREADED,
                                 live[0].id if live else None))
    else:
        since = datetime.combine(today - timedelta(days=round(months * 30.44)),
                                 datetime.min.time())
        met = [c.id for c in live if c.id in seen and seen[c.id] >= since]
        if len(met) == 1:
            found.append(FlagFinding(RelationshipFlag.SINGLE_THREADED, met[0]))
    if not any(contact_level(c) is ContactLevel.DECISION for c in live):
        found.append(FlagFinding(RelationshipFlag.NO_DECISION_LEVEL))
    if not any(c.covered_by for c in live):
        found.append(FlagFinding(RelationshipFlag.NOT_COVERED))
    return found


# ---- the relationship level over time ----------------------------------------------------------
@dataclass(frozen=True)
class LevelSpan:
    """A stretch of time the account stayed at one relationship level."""

    level: RelationshipLevel
    start: date | None  # None: before the history begins
    end: date | None  # None: still at this level
    reason: str = ""
    changed_by: str = ""


def level_spans(changes: Sequence[LevelChange], current: RelationshipLevel) -> list[LevelSpan]:
    """The history as consecutive spans, oldest first. The current level closes the list: if
    the last recorded change does not match it (the level was set before the history began, or
    by an import), a span of unknown start shows it without a reason."""
    ordered = sorted((c for c in changes if not c.is_deleted),
                     key=lambda c: (c.changed_on, c.created_at))
    spans: list[LevelSpan] = []
    for index, change in enumerate(ordered):
        end = ordered[index + 1].changed_on if index + 1 < len(ordered) else None
        spans.append(LevelSpan(change.level, change.changed_on, end, change.reason,
                               change.changed_by))
    if not spans:
        return [LevelSpan(current, None, None)]
    if spans[-1].level != current:
        spans.append(LevelSpan(current, None, None))
    return spans
