"""The column headers of the records beyond customers, contacts and sales: interactions,
needs, assessments and account plans with their parts; and the KeyPlan ids and overrides a
whole-book export adds to the first three kinds.

The format is :mod:`storage.importer.aliases`' ("CJK words|English words", whole headers
only). KeyPlan's own export labels (storage.export_labels) come first in every kind; these are
the words other files use. A record names its customer by code or name (the words of
``aliases``) or by KeyPlan's customer id; a plan's part names its plan by customer and
period, or by KeyPlan's plan id.
"""

from __future__ import annotations

from storage.importer.aliases import _CUSTOMER_CODE, _CUSTOMER_NAME, _NOTES

_IDS = {"customer_id": "|keyplan customer id", "id": "|keyplan id"}
_CUSTOMER = {"customer_code": _CUSTOMER_CODE, "customer_name": _CUSTOMER_NAME}
_PLAN = {**_CUSTOMER, "period": "计划期间 期间 计划周期 期間 計劃期間|period, plan period",
         "plan_id": "|keyplan plan id"}

#: Added to the customers kind: what only KeyPlan's own export carries.
CUSTOMER_EXTRAS: dict[str, str] = {
    "tier_override": "人工等级 人工设定等级 手动等级|tier override, manual tier, tier set by hand",
    "tier_override_reason": "等级调整原因 人工等级原因|tier override reason, reason for the tier",
    "lifecycle_override": "人工生命周期 人工设定生命周期|lifecycle override, lifecycle set by hand",
    "lifecycle_override_reason": "生命周期调整原因|lifecycle override reason, reason for the "
                                 "lifecycle",
    "id": _IDS["id"],
}
#: Added to the contacts kind.
CONTACT_EXTRAS: dict[str, str] = {
    "reports_to": "|keyplan reports to id",
    "covered_by": "我方对接人 我方负责人 对接人|covered by, covered by us, our contact person",
    **_IDS}
#: Added to the transactions kind.
TRANSACTION_EXTRAS: dict[str, str] = {"customer_id": _IDS["customer_id"]}

INTERACTIONS: dict[str, str] = {
    **_CUSTOMER,
    "occurred_at": ("日期 时间 日期时间 拜访日期 拜访时间 沟通日期 沟通时间 联系日期 互动日期 日時 "
                    "日付|date, time, date and time, datetime, occurred at, visit date, "
                    "contact date, activity date"),
    "kind": ("方式 类型 沟通方式 拜访方式 跟进方式 互动类型 互动方式 種別 方法|kind, type, "
             "activity type, interaction type, channel"),
    "summary": ("沟通内容 内容 摘要 拜访内容 跟进内容 跟进记录 记录 主题 內容 件名 内容摘要|"
                "summary, subject, content, description, topic"),
    "feedback": "客户反馈 反馈 反馈意见 客戶反饋 反饋|feedback, customer feedback, response",
    "sentiment": "情绪 客户情绪 情緒|sentiment, mood, tone",
    "next_step": ("下一步 下一步计划 下一步行动 后续行动 跟进事项 待办 後續行動|next step, "
                  "next action, follow-up, to do"),
    "next_step_due": ("截止日期 下次跟进日期 跟进日期 期限|due, due date, next step due, "
                      "follow-up date"),
    "next_step_done": "已完成 是否完成 完成|done, completed, finished",
    "owner": ("负责人 销售员 业务员 销售代表 跟进人 拜访人 負責人 担当者|owner, salesperson, "
              "sales rep"),
    "contacts": ("参与联系人 联系人 参与人 出席人 拜访对象 參與聯絡人|contact, "
                 "participants, attendees"),  # not "Contacts": a count in KeyPlan's exports
    "contact_ids": "|keyplan contact ids",
    **_IDS,
}

NEEDS: dict[str, str] = {
    **_CUSTOMER,
    "kind": "类型 类别 需求类型 類型 種別|kind, type, category",
    "description": ("描述 内容 需求描述 需求内容 问题描述 投诉内容 描述內容|description, details, "
                    "need, request, complaint, issue"),
    "priority": "优先级 紧急程度 優先級 優先度|priority, urgency",
    "status": "状态 处理状态 狀態 状況 ステータス|status, state",
    "raised_on": ("提出日期 日期 登记日期 提出时间 受理日期 提出日|raised, raised on, date, "
                  "date raised, reported on, opened"),
    "resolved_on": ("解决日期 处理日期 完成日期 解決日期|resolved, resolved on, closed, closed on, "
                    "date resolved"),
    "resolution": "处理结果 解决方案 处理意见 處理結果|resolution, outcome, answer",
    "owner": "负责人 处理人 跟进人 負責人 担当者|owner, handled by, assignee, assigned to",
    "due_on": "答复期限 期限 截止日期 应答复日期|answer by, due, due date, due on, deadline",
    "contact": "提出人 联系人 反馈人 提出者|raised by, contact, reported by",
    "contact_id": "|keyplan contact id",
    **_IDS,
}

ASSESSMENTS: dict[str, str] = {
    **_CUSTOMER,
    "assessed_on": "评估日期 日期 評估日期 評価日|assessed on, date, assessment date",
    "assessor": "评估人 评估者 評估人 評価者|assessor, rated by",
    "payment_credit": "付款信用 信用|payment credit, credit",
    "need_quality": "需求质量 需求質量|need quality",
    "communication": "沟通效率 沟通 溝通效率|communication, communication efficiency",
    "industry_influence": "行业影响力 行業影響力|industry influence",
    "growth_potential": "成长潜力 成長潛力|growth potential, potential",
    "loyalty": "忠诚度 忠誠度|loyalty",
    "synergy": "协同效应 协同 協同效應|synergy",
    "satisfaction": "满意度 滿意度|satisfaction",
    "notes": _NOTES,
    **_IDS,
}

PLANS: dict[str, str] = {
    **_CUSTOMER,
    "period": _PLAN["period"],
    "status": "状态 计划状态 狀態|status, plan status",
    "situation": "现状分析 现状 情况 現狀|situation, current situation, analysis",
    "current_level": ("当前关系层次 当前关系 當前關係層次|current relationship level, current "
                      "level"),
    "target_level": "目标关系层次 目标关系 目標關係層次|target relationship level, target level",
    "review_cadence_days": "回顾周期 回顧週期|review every, review cadence, review every days",
    "owner": "计划负责人 负责人 計劃負責人|plan owner, owner",
    "needs": "应对的需求 计划应对的需求 需求|needs addressed, needs",
    "need_ids": "|keyplan need ids",
    **_IDS,
}

PLAN_OBJECTIVES: dict[str, str] = {
    **_PLAN,
    "description": "目标 目标描述 目標|objective, description, goal",
    "kind": "衡量指标 指标 类型 衡量指標|measure, kind, metric, type",
    "baseline_value": "基线 基准 基線|baseline",
    "target_value": "目标值 目標值|target, target value",
    "actual_value": "实际值 实际 實際值|actual, actual value",
    **_IDS,
}

PLAN_SUPPORT: dict[str, str] = {
    **_PLAN,
    "kind": "支持方式 支持 类型 支持類型|support, kind, type",
    "terms": "条款 条件 條款|terms, conditions",
    "rate_percent": "比例 比率 费率 返利比例 折扣率|rate, rate percent, percentage",
    "cost": "费用 成本 費用|cost, costs",
    **_IDS,
}

PLAN_ACTIONS: dict[str, str] = {
    **_PLAN,
    "what": "行动 行动项 事项 任务 行動|action, what, task",
    "owner": "负责人 执行人 負責人 執行人|owner, assignee",
    "due_date": "截止日期 期限 到期日|due, due date, deadline",
    "status": "状态 狀態|status",
    "objective": "对应目标 目标 對應目標|for objective, objective",
    "objective_id": "|keyplan objective id",
    "done_on": "完成日期 完成于|done on, completed on, finished on",
    **_IDS,
}

PLAN_REVIEWS: dict[str, str] = {
    **_PLAN,
    "reviewed_on": "回顾日期 日期 回顧日期|reviewed on, date, review date",
    "note": "回顾内容 内容 回顧內容|review note, note, review",
    **_IDS,
}
