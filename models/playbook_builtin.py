"""The built-in playbooks, written from the domain notes (articles 001-004), in zh_CN and
English: one per sensible tier x relationship-level step, onboarding and cost-to-serve."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from models.enums import LifecycleStage, ObjectiveKind, SupportKind, Tier
from models.playbooks import (
    OWNER_ACCOUNT,
    OWNER_ME,
    Playbook,
    PlaybookAction,
    PlaybookMeasure,
    PlaybookObjective,
    PlaybookSteps,
    builtin_id,
)

CHINESE = "zh_CN"

#: (English, Chinese) text pairs.
Words = tuple[str, str]

#: The objectives a customer's first plan opens with, for an open complaint and for an open
#: need or suggestion (article 002: past complaints are the first thing a plan addresses).
NEED_OBJECTIVES: dict[str, tuple[str, str]] = {
    "en": ("Resolve the complaint: {}", "Meet the need: {}"),
    CHINESE: ("解决投诉：{}", "满足需求：{}"),
}


def need_objective_words(lang: str) -> tuple[str, str]:
    return NEED_OBJECTIVES[CHINESE if lang.startswith("zh") else "en"]


@dataclass(frozen=True)
class _Builtin:
    key: str
    name: Words
    summary: Words
    tiers: tuple[Tier, ...]
    from_level: int | None
    target_level: int | None
    cadence: int
    objectives: tuple[tuple[ObjectiveKind, Words, float | None], ...]
    measures: tuple[tuple[SupportKind, Words, float | None], ...]
    actions: tuple[tuple[Words, int, str], ...]
    lifecycle: LifecycleStage | None = None


_TOP = (Tier.STRATEGIC, Tier.KEY)
_SCORED = (Tier.STRATEGIC, Tier.KEY, Tier.STANDARD)
_FREE = ObjectiveKind.FREE_TEXT

BUILTINS: tuple[_Builtin, ...] = (
    _Builtin(
        "onboarding",
        ("New customer onboarding", "新客户导入"),
        ("A new customer: learn what it needs, make the first orders go well and find out "
         "whether it can become a key account.",
         "新客户：了解其需求，确保最初几笔订单顺利，判断其能否成长为重点客户。"),
        (), None, 2, 30,
        ((_FREE, ("Build the customer's file: needs, decision makers, payment terms",
                  "建立客户档案：需求、决策人、付款条件"), None),
         (ObjectiveKind.REVENUE, ("Reach a first year's revenue", "实现首年销售额"), 20.0)),
        ((SupportKind.PRIORITY_SERVICE, ("Priority handling of the first orders",
                                         "首批订单优先处理"), None),),
        ((("Welcome visit: meet the buyer and the user", "欢迎拜访：会见采购和使用部门"), 7,
          OWNER_ME),
         (("Check the first delivery and invoice with the customer", "与客户核对首次交货和发票"),
          30, OWNER_ACCOUNT),
         (("First assessment: score the customer's value", "首次评估：为客户价值打分"), 90,
          OWNER_ACCOUNT)),
        LifecycleStage.NEW),
    _Builtin(
        "transactional_to_dependent",
        ("Transactional → dependent: earn trust", "交易型 → 依赖型：建立信任"),
        ("The customer buys on price and does not trust us yet. Make the service reliable, "
         "answer every complaint and become the supplier they count on.",
         "客户看重价格，尚未信任我们。让服务稳定可靠，回应每一次投诉，成为客户依赖的供应商。"),
        _SCORED, 1, 2, 90,
        ((_FREE, ("No open complaint at the end of the period", "期末无未解决的投诉"), None),
         (ObjectiveKind.REVENUE, ("Grow revenue", "提升销售额"), 10.0)),
        ((SupportKind.PURCHASE_DISCOUNT, ("Volume discount on agreed orders",
                                          "约定订单量的进货折扣"), 2.0),),
        ((("Visit the customer: what went wrong before, what they need",
           "拜访客户：了解过去的不满和当前需求"), 14, OWNER_ME),
         (("Agree delivery and service terms in writing", "书面约定交货和服务条款"), 45,
          OWNER_ACCOUNT),
         (("Satisfaction call after the first quarter", "首季度后进行满意度回访"), 90,
          OWNER_ACCOUNT))),
    _Builtin(
        "dependent_to_partnership",
        ("Dependent → partnership: widen and share", "依赖型 → 合作共赢：拓宽关系、共享信息"),
        ("A dependent relationship breaks when the customer's managers change. Widen the "
         "contacts beyond purchasing, plan jointly and share market information.",
         "依赖型关系在客户管理层变动时容易断裂。拓宽采购以外的联系人，共同制定计划，共享市场信息。"),
        _TOP, 2, 3, 60,
        ((_FREE, ("Contacts beyond purchasing: management, technical, users",
                  "采购以外的联系人：管理层、技术部门、使用部门"), None),
         (ObjectiveKind.SHARE_OF_WALLET, ("Raise our share of the customer's spend",
                                          "提高我们在客户采购中的份额"), 40.0),
         (ObjectiveKind.REVENUE, ("Grow revenue", "提升销售额"), 15.0)),
        ((SupportKind.REBATE, ("Annual rebate on the agreed volume", "按约定采购量年度返利"),
          3.0),
         (SupportKind.PRIORITY_SERVICE, ("A named contact and priority service",
                                         "专人对接、优先服务"), None)),
        ((("Meet the customer's management: raise the contact level",
           "会见客户管理层：提高沟通层级"), 21, OWNER_ME),
         (("Joint planning session for the year", "共同制定年度计划"), 45, OWNER_ACCOUNT),
         (("Share market information and our product plans", "分享市场信息和我们的产品规划"),
          60, OWNER_ACCOUNT),
         (("Review the relationship map: who else to meet", "检查关系图：还需结识哪些人"), 90,
          OWNER_ME))),
    _Builtin(
        "partnership_to_growth",
        ("Partnership → growth partnership: grow with the customer",
         "合作共赢 → 共同成长：助力客户发展"),
        ("A stable win-win partner. Help the customer's own business grow and profit: joint "
         "development, training, shared promotions.",
         "稳定的合作共赢伙伴。帮助客户自身业务成长并获利：联合开发、培训、共同推广。"),
        _TOP, 3, 4, 60,
        ((_FREE, ("A joint project that grows the customer's business",
                  "开展一个助力客户业务成长的联合项目"), None),
         (ObjectiveKind.REVENUE, ("Grow revenue together", "共同提升销售额"), 20.0),
         (ObjectiveKind.MARGIN, ("Keep a healthy margin", "保持合理毛利率"), 25.0)),
        ((SupportKind.JOINT_DEVELOPMENT, ("Joint development of a product or service",
                                          "联合开发产品或服务"), None),
         (SupportKind.PROMOTION_SUPPORT, ("Shared promotion budget", "共同促销预算"), None)),
        ((("Workshop on the customer's growth plans", "研讨客户的发展规划"), 30, OWNER_ME),
         (("Training for the customer's team", "为客户团队提供培训"), 75, OWNER_ACCOUNT),
         (("Review the joint project's results with management", "与管理层回顾联合项目成果"),
          150, OWNER_ME))),
    _Builtin(
        "strategic_retention",
        ("Growth partner: keep and deepen", "共同成长：保持并深化"),
        ("A customer that grows with us. Keep it: regular reviews at management level, "
         "anticipate its needs, protect the relationship from changes of people.",
         "与我们共同成长的客户。保持关系：定期与管理层回顾，预判其需求，防范人员变动带来的风险。"),
        _SCORED, 4, 4, 30,
        ((_FREE, ("Every open need answered within its service level",
                  "所有未满足需求在服务时限内答复"), None),
         (ObjectiveKind.REVENUE, ("Keep revenue growing", "保持销售额增长"), 8.0)),
        ((SupportKind.CUSTOMISED_SERVICE, ("Customised service and a named team",
                                           "定制化服务和专属团队"), None),
         (SupportKind.REBATE, ("Loyalty rebate", "忠诚度返利"), 2.0)),
        ((("Management review of the partnership", "管理层合作回顾"), 30, OWNER_ME),
         (("Second contact for every key role", "为每个关键角色建立第二联系人"), 60,
          OWNER_ACCOUNT),
         (("Half-year review with the customer", "与客户进行半年度回顾"), 180, OWNER_ME))),
    _Builtin(
        "standard_grow",
        ("Standard customer: grow the share", "普通客户：提升份额"),
        ("A standard customer worth more of our time when it buys more: find the needs we do "
         "not meet yet and one more contact.",
         "普通客户：若能增加采购则值得投入更多。找出尚未满足的需求，再结识一位联系人。"),
        (Tier.STANDARD,), None, None, 90,
        ((ObjectiveKind.REVENUE, ("Grow revenue", "提升销售额"), 10.0),
         (_FREE, ("One more contact beyond purchasing", "再结识一位采购以外的联系人"), None)),
        (),
        ((("Call: needs we do not meet yet", "电话沟通：了解尚未满足的需求"), 30, OWNER_ME),
         (("Offer a product line the customer does not buy yet", "推荐客户尚未采购的产品线"),
          60, OWNER_ACCOUNT))),
    _Builtin(
        "low_value_cost_to_serve",
        ("Low-value customer: cost to serve", "低价值客户：控制服务成本"),
        ("Serve a low-value customer at a cost its margin can carry: standard terms, remote "
         "contact, no special support.",
         "以毛利可承受的成本服务低价值客户：标准条款、远程联系、不提供特别支持。"),
        (Tier.LOW_VALUE,), None, None, 180,
        ((ObjectiveKind.MARGIN, ("Keep the margin above the cost to serve",
                                 "毛利率高于服务成本"), 15.0),
         (_FREE, ("Orders through the online or phone channel", "通过网上或电话渠道下单"),
          None)),
        (),
        ((("Move the customer to standard terms and remote ordering",
           "改为标准条款和远程下单"), 30, OWNER_ACCOUNT),
         (("Check the cost to serve against the margin", "核对服务成本与毛利"), 150,
          OWNER_ACCOUNT))),
)

KEYS = tuple(b.key for b in BUILTINS)


def _pick(words: Words, lang: str) -> str:
    return words[1] if lang.startswith("zh") else words[0]


@cache
def builtin(key: str, lang: str) -> Playbook:
    """The built-in playbook ``key`` as shipped, in ``lang`` (StopIteration: no such key).
    Made once per language: callers change a playbook with ``replace``, never in place."""
    b = next(b for b in BUILTINS if b.key == key)
    steps = PlaybookSteps(
        tuple(PlaybookObjective(kind, _pick(words, lang), target)
              for kind, words, target in b.objectives),
        tuple(PlaybookMeasure(kind, _pick(words, lang), rate) for kind, words, rate in b.measures),
        tuple(PlaybookAction(_pick(words, lang), offset, owner)
              for words, offset, owner in b.actions))
    return Playbook(id=builtin_id(key), name=_pick(b.name, lang), builtin_key=key,
                    tiers=tuple(t.value for t in b.tiers),
                    lifecycle=b.lifecycle.value if b.lifecycle else "",
                    from_level=b.from_level, target_level=b.target_level,
                    review_cadence_days=b.cadence, summary=_pick(b.summary, lang),
                    body=steps.to_json())


def builtins(lang: str) -> list[Playbook]:
    return [builtin(key, lang) for key in KEYS]
