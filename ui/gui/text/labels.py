"""Words for the domain's codes: every enum value of ``models.enums`` in the user's language.

Storage and models only carry codes; this is the one place that turns them into text, in the
``Labels`` translation context (a disambiguation separates equal English words, e.g. the
"Active" of a lifecycle stage and of a plan).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from models.competition import SwotQuadrant, ThreatLevel
from models.enums import (
    AbcClass,
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
    PersonRole,
    PlanStatus,
    PriceOrientation,
    Priority,
    RelationshipLevel,
    Sentiment,
    SnapshotPeriod,
    SupportKind,
    Tier,
)
from ui.gui.text import i18n

CONTEXT = "Labels"


def _table() -> dict[tuple[type[Enum], object], str]:
    """Every label in the current language (lupdate reads the literal calls below)."""
    translate = QCoreApplication.translate
    return _keyed([
        (Tier.STRATEGIC, translate("Labels", "Strategic", "tier")),
        (Tier.KEY, translate("Labels", "Key", "tier")),
        (Tier.STANDARD, translate("Labels", "Standard", "tier")),
        (Tier.LOW_VALUE, translate("Labels", "Low value", "tier")),
        # Pareto classes are letters in both languages.
        (AbcClass.A, "A"),
        (AbcClass.B, "B"),
        (AbcClass.C, "C"),
        (LifecycleStage.POTENTIAL, translate("Labels", "Potential", "lifecycle stage")),
        (LifecycleStage.NEW, translate("Labels", "New", "lifecycle stage")),
        (LifecycleStage.ACTIVE, translate("Labels", "Active", "lifecycle stage")),
        (LifecycleStage.CHURNED, translate("Labels", "Churned", "lifecycle stage")),
        (RelationshipLevel.TRANSACTIONAL, translate("Labels", "Transactional",
                                                    "relationship level")),
        (RelationshipLevel.DEPENDENT, translate("Labels", "Dependent", "relationship level")),
        (RelationshipLevel.PARTNERSHIP, translate("Labels", "Partnership", "relationship level")),
        (RelationshipLevel.GROWTH_PARTNERSHIP, translate("Labels", "Growth partnership",
                                                        "relationship level")),
        (CustomerKind.ORGANISATION, translate("Labels", "Organisation", "customer kind")),
        (CustomerKind.INDIVIDUAL, translate("Labels", "Individual", "customer kind")),
        (PriceOrientation.PRICE, translate("Labels", "Price-oriented", "price orientation")),
        (PriceOrientation.VALUE, translate("Labels", "Value-oriented", "price orientation")),
        (LoyaltySegment.LOYAL, translate("Labels", "Loyal", "loyalty segment")),
        (LoyaltySegment.SWING, translate("Labels", "Swing", "loyalty segment")),
        (LoyaltySegment.MULTI_BRAND, translate("Labels", "Multi-brand", "loyalty segment")),
        (Channel.DIRECT, translate("Labels", "Direct", "channel")),
        (Channel.DISTRIBUTOR, translate("Labels", "Distributor", "channel")),
        (Channel.ONLINE, translate("Labels", "Online", "channel")),
        (Channel.PHONE, translate("Labels", "Phone", "channel")),
        (NeedKind.REQUIREMENT, translate("Labels", "Requirement", "need kind")),
        (NeedKind.COMPLAINT, translate("Labels", "Complaint", "need kind")),
        (NeedKind.SUGGESTION, translate("Labels", "Suggestion", "need kind")),
        (NeedStatus.OPEN, translate("Labels", "Open", "need status")),
        (NeedStatus.IN_PROGRESS, translate("Labels", "In progress", "need status")),
        (NeedStatus.MET, translate("Labels", "Met", "need status")),
        (NeedStatus.DECLINED, translate("Labels", "Declined", "need status")),
        (Priority.HIGH, translate("Labels", "High", "priority")),
        (Priority.MEDIUM, translate("Labels", "Medium", "priority")),
        (Priority.LOW, translate("Labels", "Low", "priority")),
        (InteractionKind.VISIT, translate("Labels", "Visit", "interaction kind")),
        (InteractionKind.CALL, translate("Labels", "Call", "interaction kind")),
        (InteractionKind.MEETING, translate("Labels", "Meeting", "interaction kind")),
        (InteractionKind.EMAIL, translate("Labels", "E-mail", "interaction kind")),
        (InteractionKind.MESSAGE, translate("Labels", "Message", "interaction kind")),
        (InteractionKind.TRAINING, translate("Labels", "Training", "interaction kind")),
        (InteractionKind.EVENT, translate("Labels", "Event", "interaction kind")),
        (Sentiment.POSITIVE, translate("Labels", "Positive", "sentiment")),
        (Sentiment.NEUTRAL, translate("Labels", "Neutral", "sentiment")),
        (Sentiment.NEGATIVE, translate("Labels", "Negative", "sentiment")),
        (ContactRole.DECISION_MAKER, translate("Labels", "Decision maker", "contact role")),
        (ContactRole.ECONOMIC_BUYER, translate("Labels", "Economic buyer", "contact role")),
        (ContactRole.INFLUENCER, translate("Labels", "Influencer", "contact role")),
        (ContactRole.TECHNICAL_EVALUATOR, translate("Labels", "Technical evaluator",
                                                    "contact role")),
        (ContactRole.USER, translate("Labels", "User", "contact role")),
        (ContactRole.GATEKEEPER, translate("Labels", "Gatekeeper", "contact role")),
        (ContactRole.COACH, translate("Labels", "Coach", "contact role")),
        (Attitude.CHAMPION, translate("Labels", "Champion", "attitude")),
        (Attitude.SUPPORTER, translate("Labels", "Supporter", "attitude")),
        (Attitude.NEUTRAL, translate("Labels", "Neutral", "attitude")),
        (Attitude.SKEPTIC, translate("Labels", "Skeptic", "attitude")),
        (Attitude.OPPONENT, translate("Labels", "Opponent", "attitude")),
        (PlanStatus.DRAFT, translate("Labels", "Draft", "plan status")),
        (PlanStatus.ACTIVE, translate("Labels", "Active", "plan status")),
        (PlanStatus.CLOSED, translate("Labels", "Closed", "plan status")),
        (ActionStatus.OPEN, translate("Labels", "Open", "action status")),
        (ActionStatus.IN_PROGRESS, translate("Labels", "In progress", "action status")),
        (ActionStatus.DONE, translate("Labels", "Done", "action status")),
        (ActionStatus.CANCELLED, translate("Labels", "Cancelled", "action status")),
        (ObjectiveKind.REVENUE, translate("Labels", "Revenue", "objective kind")),
        (ObjectiveKind.MARGIN, translate("Labels", "Margin", "objective kind")),
        (ObjectiveKind.SHARE_OF_WALLET, translate("Labels", "Share of wallet", "objective kind")),
        (ObjectiveKind.FREE_TEXT, translate("Labels", "Other objective", "objective kind")),
        (SupportKind.REBATE, translate("Labels", "Rebate", "support kind")),
        (SupportKind.PURCHASE_DISCOUNT, translate("Labels", "Purchase discount", "support kind")),
        (SupportKind.PROMOTION_SUPPORT, translate("Labels", "Promotion support", "support kind")),
        (SupportKind.PRIORITY_SERVICE, translate("Labels", "Priority service", "support kind")),
        (SupportKind.CUSTOMISED_SERVICE, translate("Labels", "Customised service", "support kind")),
        (SupportKind.JOINT_DEVELOPMENT, translate("Labels", "Joint development", "support kind")),
        (SnapshotPeriod.MONTH, translate("Labels", "Month", "snapshot period")),
        (SnapshotPeriod.QUARTER, translate("Labels", "Quarter", "snapshot period")),
        (PersonRole.SALESPERSON, translate("Labels", "Salesperson", "role")),
        (PersonRole.MANAGER, translate("Labels", "Manager", "role")),
        # The competition's words (context Competition: the Competition tab's own).
        (ThreatLevel.HIGH, translate("Competition", "High threat")),
        (ThreatLevel.MEDIUM, translate("Competition", "Medium threat")),
        (ThreatLevel.LOW, translate("Competition", "Low threat")),
        (SwotQuadrant.STRENGTHS, translate("Competition", "Strengths (S)")),
        (SwotQuadrant.WEAKNESSES, translate("Competition", "Weaknesses (W)")),
        (SwotQuadrant.OPPORTUNITIES, translate("Competition", "Opportunities (O)")),
        (SwotQuadrant.THREATS, translate("Competition", "Threats (T)")),
    ])


def _keyed(pairs: list[tuple[Enum, str]]) -> dict[tuple[type[Enum], object], str]:
    # Keyed by class and value: str enums of different classes with the same code
    # ("active" lifecycle, "active" plan) are equal and would collide as plain keys.
    return {(type(member), member.value): text for member, text in pairs}


_cache: dict[tuple[str, int], dict[tuple[type[Enum], object], str]] = {}


def _labels() -> dict[tuple[type[Enum], object], str]:
    key = (i18n.current_language(), i18n.generation())
    table = _cache.get(key)
    if table is None:
        _cache.clear()  # the words of other languages or translators are not needed again
        table = _cache[key] = _table()
    return table


def label(value: Enum | None) -> str:
    """The word for ``value`` in the current language; '' for None, the code if unknown."""
    if value is None:
        return ""
    found = _labels().get((type(value), value.value))
    return found if found is not None else str(value.value)


def choices(enum: type[Enum]) -> list[tuple[Enum, str]]:
    """Every value of ``enum`` with its label, in declaration order (for combo boxes, filters)."""
    return [(value, label(value)) for value in enum]


def clear_cache() -> None:
    """Forget the cached words (a translator was replaced under the same language name)."""
    _cache.clear()
