"""Closed vocabularies of the domain, stored in the database as their string codes.

The UI turns each code into words in the user's language; these modules only carry codes.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class StrEnumBase(StrEnum):
    """A string enum whose value is the stable code written to the database."""

    @classmethod
    def codes(cls) -> list[str]:
        return [member.value for member in cls]


class Tier(StrEnumBase):
    """Value tier (分级), highest first."""

    STRATEGIC = "strategic"  # 战略客户
    KEY = "key"  # 重点客户
    STANDARD = "standard"  # 普通客户
    LOW_VALUE = "low_value"  # 低价值客户

    @property
    def rank(self) -> int:
        """0 for the highest tier, so tiers sort and compare by importance."""
        return list(Tier).index(self)


class AbcClass(StrEnumBase):
    """Pareto class by cumulative revenue share."""

    A = "A"
    B = "B"
    C = "C"


class LifecycleStage(StrEnumBase):
    POTENTIAL = "potential"  # 潜在
    NEW = "new"  # 新客户
    ACTIVE = "active"  # 活跃
    CHURNED = "churned"  # 流失


class RelationshipLevel(IntEnum):
    """The four-level ladder of article 001; a plan tries to climb it."""

    TRANSACTIONAL = 1  # 交易型
    DEPENDENT = 2  # 依赖型
    PARTNERSHIP = 3  # 合作共赢
    GROWTH_PARTNERSHIP = 4  # 共同成长


class CustomerKind(StrEnumBase):
    ORGANISATION = "organisation"
    INDIVIDUAL = "individual"


class PriceOrientation(StrEnumBase):
    PRICE = "price"
    VALUE = "value"


class LoyaltySegment(StrEnumBase):
    LOYAL = "loyal"
    SWING = "swing"
    MULTI_BRAND = "multi_brand"


class Channel(StrEnumBase):
    DIRECT = "direct"
    DISTRIBUTOR = "distributor"
    ONLINE = "online"
    PHONE = "phone"


class NeedKind(StrEnumBase):
    REQUIREMENT = "requirement"  # 需求
    COMPLAINT = "complaint"  # 投诉
    SUGGESTION = "suggestion"  # 建议


class NeedStatus(StrEnumBase):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    MET = "met"
    DECLINED = "declined"

    @property
    def is_open(self) -> bool:
        return self in (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


class Priority(StrEnumBase):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class InteractionKind(StrEnumBase):
    VISIT = "visit"
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    TRAINING = "training"
    EVENT = "event"


class Sentiment(StrEnumBase):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class ContactRole(StrEnumBase):
    """Role in the buying decision."""

    DECISION_MAKER = "decision_maker"
    ECONOMIC_BUYER = "economic_buyer"
    INFLUENCER = "influencer"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    USER = "user"
    GATEKEEPER = "gatekeeper"
    COACH = "coach"


class Attitude(StrEnumBase):
    """Attitude of a contact towards us."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"


class PlanStatus(StrEnumBase):
    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class ActionStatus(StrEnumBase):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ObjectiveKind(StrEnumBase):
    REVENUE = "revenue"
    MARGIN = "margin"
    SHARE_OF_WALLET = "share_of_wallet"
    FREE_TEXT = "free_text"


class SupportKind(StrEnumBase):
    """Differentiated support measures (article 002)."""

    REBATE = "rebate"  # 返利 (%)
    PURCHASE_DISCOUNT = "purchase_discount"  # 进货折扣 (%)
    PROMOTION_SUPPORT = "promotion_support"  # 促销支持 (budget)
    PRIORITY_SERVICE = "priority_service"
    CUSTOMISED_SERVICE = "customised_service"
    JOINT_DEVELOPMENT = "joint_development"


class SnapshotPeriod(StrEnumBase):
    MONTH = "month"
    QUARTER = "quarter"


class PersonRole(StrEnumBase):
    """Someone on our side of the accounts."""

    SALESPERSON = "salesperson"
    MANAGER = "manager"


class LineStatus(StrEnumBase):
    """A product line for one customer (whitespace): bought in the last 12 months, bought
    before and not since, or never."""

    BOUGHT = "bought"
    LAPSED = "lapsed"
    NOT_BOUGHT = "not_bought"
