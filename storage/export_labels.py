"""Words of exported workbooks and of the importer's column matching, in English and Chinese.

Storage must not import Qt, so exported files cannot use the Qt Linguist catalogue; their
labels live here, in one table per language, and the importer reads the same table so a
workbook KeyPlan exported always imports back. Chinese terms follow the domain articles and
the interface's translation (战略客户, 合作共赢, ...).
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from enum import Enum
from functools import cache
from types import MappingProxyType
from typing import Any

from models.config import DIMENSIONS

LANGUAGES = ("en", "zh_CN")

#: key -> (English, Chinese)
TEXT: dict[str, tuple[str, str]] = {
    # sheets
    "sheet.overview": ("Overview", "概况"),
    "sheet.score": ("Score", "评分"),
    "sheet.revenue": ("Revenue", "销售额"),
    "sheet.contacts": ("Contacts", "联系人"),
    "sheet.interactions": ("Interactions", "互动记录"),
    "sheet.needs": ("Needs", "需求"),
    "sheet.plan": ("Plan", "经营计划"),
    "sheet.customers": ("Customers", "客户"),
    "sheet.summary": ("Summary", "汇总"),
    "sheet.week_summary": ("Week", "本周概览"),
    "sheet.week_interactions": ("Visits and outcomes", "本周拜访与成果"),
    "sheet.week_actions_done": ("Actions done", "已完成行动"),
    "sheet.week_ahead": ("Next week", "下周计划"),
    "sheet.week_movers": ("Tier and score moves", "等级与评分变化"),
    "sheet.week_complaints": ("Late complaints", "逾期投诉"),
    # whitespace and profit after support (issue 19, points 4 and 5)
    "sheet.whitespace": ("Whitespace", "产品空白点"),
    "sheet.profit_support": ("Profit after support", "扣除支持后利润"),
    "title.whitespace": ("Product lines of {name}", "{name}的产品线"),
    "title.whitespace_portfolio": ("Whitespace: product lines by peer group",
                                   "产品空白点：按同类客户组"),
    "title.profit_support": ("Profit after support", "扣除支持后利润"),
    "note.whitespace": ("The 12 months to {date}. Peers: {count} customers, {group}. A line "
                        "to propose scores the share of peers buying it × their median "
                        "revenue in it.",
                        "截至 {date} 的近12个月。同类客户：{count} 个，{group}。建议产品线的"
                        "得分 = 购买该产品线的同类客户占比 × 其在该产品线的销售额中位数。"),
    "note.whitespace_portfolio": ("The 12 months to {date}. Peers: customers of the same "
                                  "tier and kind. Potential: customers not buying × the "
                                  "buyers' median revenue.",
                                  "截至 {date} 的近12个月。同类客户：等级与类型相同的客户。"
                                  "潜在销售额 = 未购买的客户数 × 购买客户的销售额中位数。"),
    "note.profit_support": ("The 12 months to {date}. Support: the measures of active and "
                            "closed plans in those months, a stated cost in proportion to "
                            "the plan's days in them, else the rate × the revenue of those "
                            "days.",
                            "截至 {date} 的近12个月。支持成本：这期间执行中和已关闭计划的支持"
                            "措施；有成本的按计划期内落在这期间的天数折算，否则按比例 × "
                            "这些天的销售额。"),
    "ws.group_tier_kind": ("{tier} · {kind}", "{tier} · {kind}"),
    "ws.group_tier": ("{tier}, every kind", "{tier}（各类型）"),
    "ws.group_book": ("the whole book", "全部客户"),
    "ws.unscored": ("Not scored", "未评分"),
    "ws.lines": ("Product lines", "产品线"),
    "ws.suggestions": ("Lines to propose, best first", "建议推荐的产品线（按得分）"),
    "ws.none": ("Nothing to propose.", "暂无建议。"),
    "ws.line": ("Product line", "产品线"),
    "ws.status": ("Status", "状态"),
    "ws.bought": ("Bought", "已购买"),
    "ws.lapsed": ("Lapsed", "已中断"),
    "ws.not_bought": ("Not bought", "未购买"),
    "ws.revenue_12m": ("Revenue, 12 months", "近12个月销售额"),
    "ws.revenue_total": ("Revenue, all", "累计销售额"),
    "ws.last_bought": ("Last bought", "最近购买"),
    "ws.peers": ("Peers", "同类客户数"),
    "ws.buyers": ("Peers buying", "购买的同类客户"),
    "ws.share": ("Share of peers", "同类客户占比"),
    "ws.median": ("Peers' median", "同类中位数"),
    "ws.score": ("Expected a year", "预期年销售额"),
    "ws.lift": ("Lift", "提升度"),
    "ws.tier": ("Tier", "等级"),
    "ws.kind": ("Kind", "客户类型"),
    "ws.customers": ("Customers", "客户数"),
    "ws.open": ("Not buying", "未购买客户数"),
    "ws.potential": ("Potential", "潜在销售额"),
    "ws.groups": ("By peer group", "按同类客户组"),
    "ws.top": ("Best suggestion per customer (top {count})",
               "每个客户的首选建议（前 {count} 个）"),
    "ps.revenue": ("Revenue, 12 months", "近12个月销售额"),
    "ps.profit": ("Profit, 12 months", "近12个月利润"),
    "ps.support": ("Support cost", "支持成本"),
    "ps.after": ("Profit after support", "扣除支持后利润"),
    "ps.share": ("Support / profit", "支持成本占利润"),
    "ps.measures": ("Measures", "支持措施数"),
    "ps.uncosted": ("Without cost or rate", "无成本或比例"),
    "ps.flag": ("Support costs more than its profit", "支持成本超过利润"),
    "ps.flagged": ("Flagged", "预警"),
    "ps.supported": ("With support", "有支持的客户"),
    "ps.by_tier": ("By tier", "按等级"),
    "ps.customers_supported": ("Customers with support, flagged first",
                               "有支持措施的客户（预警优先）"),
    "ps.none": ("No plan grants support in these 12 months.", "近12个月没有计划给予支持。"),
    "sheet.rollup": ("By salesperson", "按销售人员"),
    "title.rollup": ("By salesperson on {date}", "按销售人员汇总（{date}）"),
    "note.rollup": ("Revenue: the 12 months to {date} against the 12 before. Plans: the "
                    "active ones{period}. Late work belongs to its own owner, else to the "
                    "customer's (as Today lists it).",
                    "销售额：截至 {date} 的近12个月与上年同期对比。计划：执行中的计划{period}。"
                    "逾期事项归其负责人，未指定时归客户负责人（与“今日待办”一致）。"),
    "note.rollup_period": (" of {period}", "（{period}）"),
    "note.rollup_slipping": ("Slipping: since the snapshot of {period}.",
                             "下滑客户：与 {period} 快照相比。"),
    "rollup.owner": ("Salesperson", "销售人员"),
    "rollup.no_owner": ("(no owner)", "（无负责人）"),
    "rollup.customers": ("Customers", "客户数"),
    "rollup.revenue": ("Revenue, 12 months", "近12个月销售额"),
    "rollup.revenue_before": ("Revenue, 12 months before", "上年同期销售额"),
    "rollup.change": ("Change", "同比变化"),
    "rollup.share": ("Share of revenue", "销售额占比"),
    "rollup.active_plans": ("Active plans", "执行中计划"),
    "rollup.objectives_met": ("Objectives met", "已达成目标"),
    "rollup.objectives": ("Objectives", "目标数"),
    "rollup.plan_revenue": ("Plan revenue vs target", "计划销售额完成率"),
    "rollup.actions_done": ("Actions done", "行动完成率"),
    "rollup.overdue_actions": ("Overdue plan actions", "逾期计划行动"),
    "rollup.overdue_follow_ups": ("Overdue follow-ups", "逾期跟进"),
    "rollup.open_complaints": ("Open complaints", "未解决投诉"),
    "rollup.slipping": ("Slipping customers", "下滑客户"),
    "rollup.last_activity": ("Last activity", "最近活动"),
    "title.weekly": ("Weekly report {start} to {end}", "周报（{start} 至 {end}）"),
    "title.weekly_owner": ("Weekly report of {owner}, {start} to {end}",
                           "{owner} 的周报（{start} 至 {end}）"),
    "title.week_interactions": ("This week's visits and outcomes", "本周拜访与成果"),
    "title.week_actions_done": ("Plan actions done this week", "本周完成的计划行动"),
    "title.week_ahead": ("Next week, {start} to {end}: plan actions and follow-ups",
                         "下周（{start} 至 {end}）：计划行动与跟进"),
    "title.week_movers": ("Customers whose tier or score moved since {period}",
                          "自 {period} 以来等级或评分有变化的客户"),
    "title.week_movers_any": ("Customers whose tier or score moved", "等级或评分有变化的客户"),
    "title.week_complaints": ("Complaints open past their service level",
                              "超过处理时限仍未解决的投诉"),
    "note.week_none": ("Nothing this week.", "本周无记录。"),
    "note.week_no_snapshot": ("No earlier monthly snapshot to compare with yet.",
                              "尚无可比较的上月快照。"),
    "note.week_sla": ("Service level: high {high} days, medium {medium}, low {low} from the "
                      "day raised.",
                      "处理时限：自提出之日起，高 {high} 天、中 {medium} 天、低 {low} 天。"),
    "week.part": ("Part", "内容"),
    "week.count": ("Count", "数量"),
    "week.customer": ("Customer", "客户"),
    "week.type": ("Type", "类别"),
    "week.plan_action": ("Plan action", "计划行动"),
    "week.follow_up": ("Follow-up", "跟进事项"),
    "week.tier_before": ("Tier before", "原等级"),
    "week.tier_now": ("Tier now", "现等级"),
    "week.score_before": ("Score before", "原评分"),
    "week.score_now": ("Score now", "现评分"),
    "week.change": ("Change", "变化"),
    "week.due": ("Due", "应完成日期"),
    "week.days_late": ("Days late", "逾期天数"),
    # titles and notes
    "title.plan": ("Account plan: {name}", "客户经营计划：{name}"),
    "title.portfolio": ("Customer portfolio", "客户组合分析"),
    "title.score": ("Value score: {name}", "客户价值评分：{name}"),
    "title.revenue": ("Monthly revenue: {name}", "月度销售额：{name}"),
    "title.contacts": ("Contacts and relationship map: {name}", "联系人与关系图：{name}"),
    # relationship map (issue 19, point 1)
    "sheet.relationship_map": ("Relationship map", "关系图"),
    "title.relationship_map": ("Relationship map: {name}", "客户关系图：{name}"),
    "map.note": ("Each contact is indented under the person they report to; the name's colour "
                 "is their attitude to us (green with us, orange sceptical, red against).",
                 "每位联系人缩进在其汇报对象之下；姓名底色表示对我方态度（绿色支持，橙色怀疑，"
                 "红色反对）。"),
    "map.flags": ("Flags", "风险提示"),
    "map.no_flags": ("The map raises no flag.", "关系图没有风险提示。"),
    "map.flag.single_threaded": ("Single-threaded: one contact or none known at this account.",
                                 "单线联系：该客户只认识一位联系人或一位都没有。"),
    "map.flag.single_threaded_one": ("Single-threaded: everything of the last six months went "
                                     "through {name}.",
                                     "单线联系：近六个月的往来全部通过 {name}。"),
    "map.flag.no_decision_level": ("No contact at decision level: raise the level of contact.",
                                   "缺少决策层联系人：需提高沟通层级。"),
    "map.flag.not_covered": ("No coverage: no colleague on our side is assigned to any "
                             "contact.", "无我方对接：没有同事负责对接任何联系人。"),
    "map.tree": ("Who reports to whom", "汇报关系"),
    "map.covered_by": ("Covered by (us)", "我方对接人"),
    "map.not_covered": ("Not covered", "无人对接"),
    "map.last_met": ("Last met", "最近见面"),
    "map.none": ("No contact yet.", "暂无联系人。"),
    "map.by_level": ("Contacts by level", "按层级的联系人"),
    "map.level": ("Level", "层级"),
    "map.gaps": ("Gaps", "缺口"),
    "map.level.decision": ("Decision level", "决策层"),
    "map.level.management": ("Management level", "管理层"),
    "map.level.operational": ("Operational level", "执行层"),
    "map.gap.empty": ("nobody known at this level", "此层级无已知联系人"),
    "map.gap.no_support": ("nobody here supports us", "无人支持我方"),
    "map.gap.uncovered": ("nobody on our side covers them", "我方无人对接"),
    "title.interactions": ("Recent interactions: {name}", "近期互动：{name}"),
    "title.needs": ("Needs, complaints and suggestions: {name}", "需求、投诉与建议：{name}"),
    "title.summary": ("Portfolio summary", "客户组合汇总"),
    "note.exported": ("Exported {date} from KeyPlan", "KeyPlan 导出于 {date}"),
    "note.period": ("Plan period {period} ({start} to {end})",
                    "计划期间 {period}（{start} 至 {end}）"),
    "note.no_plan": ("No account plan yet for this customer.", "该客户尚无经营计划。"),
    "note.not_scored": ("Not scored yet: run the value engine (score) first.",
                        "尚未评分：请先运行价值评估。"),
    "note.filtered": ("Tiers: {tiers}", "客户等级：{tiers}"),
    "note.count": ("{count} customers", "共 {count} 个客户"),
    "note.thresholds": ("Tier thresholds: strategic ≥ {s}, key ≥ {k}, standard ≥ {n}",
                        "分级阈值：战略客户 ≥ {s}，重点客户 ≥ {k}，普通客户 ≥ {n}"),
    "note.pareto": ("Top customers' share of 12-month revenue (Pareto)",
                    "头部客户占近12个月销售额的比例（帕累托分析）"),
    "note.pareto_point": ("The top {customers} of customers bring {revenue} of revenue.",
                          "前 {customers} 的客户贡献了 {revenue} 的销售额。"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "total": ("Total", "合计"),
    # sections
    "section.profile": ("Profile", "客户资料"),
    "section.value": ("Value and key figures", "价值与关键指标"),
    "section.plan": ("Plan", "计划概要"),
    "section.objectives": ("Objectives", "目标"),
    "section.needs": ("Needs addressed", "计划应对的需求"),
    "section.support": ("Differentiated support", "差异化支持"),
    "section.actions": ("Actions", "行动"),
    "section.reviews": ("Reviews", "回顾记录"),
    "section.tiers": ("Customers by tier", "按等级统计"),
    "section.abc": ("Customers by ABC class", "按 ABC 类统计"),
    "section.pareto": ("Pareto: cumulative revenue share", "帕累托：累计销售额占比"),
    # customer fields
    "field.code": ("Customer code", "客户编号"),
    "field.name": ("Customer name", "客户名称"),
    "field.kind": ("Kind", "客户类型"),
    "field.industry": ("Industry", "行业"),
    "field.region": ("Region", "地区"),
    "field.city": ("City", "城市"),
    "field.address": ("Address", "地址"),
    "field.phone": ("Phone", "电话"),
    "field.email": ("E-mail", "邮箱"),
    "field.website": ("Website", "网站"),
    "field.owner": ("Owner", "负责人"),
    "field.tags": ("Tags", "标签"),
    "field.relationship_level": ("Relationship level", "关系层次"),
    "field.price_orientation": ("Price orientation", "价格/价值导向"),
    "field.loyalty_segment": ("Loyalty segment", "忠诚度细分"),
    "field.channel": ("Channel", "渠道"),
    # why the tier changed (issue 19, point 7)
    "field.tier_change": ("Why the tier changed", "级别变化原因"),
    "field.tier_change_between": ("Why the tier changed, {from_period} → {to_period}",
                                  "级别变化原因（{from_period} → {to_period}）"),
    "tier_change.text": ("{before} → {after}: {drivers}", "{before} → {after}：{drivers}"),
    # a dimension without data in one period ({points}: the other period's)
    "tier_change.unrated_before": ("{dimension} not rated → {points}",
                                   "{dimension} 未评分→{points}"),
    "tier_change.unrated_after": ("{dimension} {points} → not rated",
                                  "{dimension} {points}→未评分"),
    # a dimension rated in both periods: its points before and after, the signed change
    "tier_change.moved": ("{dimension} {before}→{after} ({change})",
                          "{dimension} {before}→{after}（{change}）"),
    "tier_change.guard": ("the revenue guard (revenue in the book's top share)",
                          "战略客户的销售额门槛（销售额须居前列）"),
    "field.notes": ("Notes", "备注"),
    "field.tier": ("Tier", "客户等级"),
    "field.tier_override": ("Tier set by hand: {reason}", "人工调整等级：{reason}"),
    "field.score": ("Score", "评分"),
    "field.abc_class": ("ABC class", "ABC 类"),
    "field.lifecycle": ("Lifecycle", "生命周期"),
    "field.revenue_12m": ("Revenue (12 months)", "近12个月销售额"),
    "field.profit_12m": ("Profit (12 months)", "近12个月毛利"),
    "field.margin": ("Margin", "毛利率"),
    "field.first_purchase": ("First purchase", "首次购买"),
    "field.last_purchase": ("Last purchase", "最近购买"),
    "field.last_interaction": ("Last interaction", "最近互动"),
    "field.next_follow_up": ("Next follow-up", "下次跟进"),
    "field.open_needs": ("Open needs", "未满足需求"),
    "field.contacts": ("Contacts", "联系人数"),
    # contacts
    "contact.name": ("Name", "姓名"),
    "contact.title": ("Title", "职位"),
    "contact.department": ("Department", "部门"),
    "contact.role": ("Buying role", "采购角色"),
    "contact.influence": ("Influence (1–5)", "影响力（1–5）"),
    "contact.attitude": ("Attitude to us", "对我方态度"),
    "contact.primary": ("Primary", "主要联系人"),
    # interactions
    "interaction.date": ("Date", "日期"),
    "interaction.kind": ("Kind", "方式"),
    "interaction.summary": ("Summary", "沟通内容"),
    "interaction.feedback": ("Customer feedback", "客户反馈"),
    "interaction.sentiment": ("Sentiment", "情绪"),
    "interaction.next_step": ("Next step", "下一步"),
    "interaction.due": ("Due", "截止日期"),
    "interaction.done": ("Done", "已完成"),
    # needs
    "need.kind": ("Kind", "类型"),
    "need.description": ("Description", "描述"),
    "need.priority": ("Priority", "优先级"),
    "need.status": ("Status", "状态"),
    "need.raised_on": ("Raised", "提出日期"),
    "need.resolved_on": ("Resolved", "解决日期"),
    "need.resolution": ("Resolution", "处理结果"),
    # revenue and score
    "revenue.month": ("Month", "月份"),
    "revenue.revenue": ("Revenue", "销售额"),
    "revenue.profit": ("Profit", "毛利"),
    "revenue.invoices": ("Invoices", "单据数"),
    "score.dimension": ("Dimension", "评估维度"),
    "score.source": ("Source", "来源"),
    "score.weight": ("Weight", "权重"),
    "score.value": ("Value (0–100)", "得分（0–100）"),
    "score.points": ("Weighted points", "加权得分"),
    "score.computed": ("Transactions", "交易数据"),
    "score.rated": ("Assessment", "定期评估"),
    # plan
    "plan.period": ("Period", "计划期间"),
    "plan.status": ("Status", "状态"),
    "plan.current_level": ("Current relationship level", "当前关系层次"),
    "plan.target_level": ("Target relationship level", "目标关系层次"),
    "plan.review_cadence": ("Review every (days)", "回顾周期（天）"),
    "plan.owner": ("Plan owner", "计划负责人"),
    "plan.situation": ("Situation", "现状分析"),
    "plan.time_elapsed": ("Time elapsed", "时间进度"),
    "plan.period_revenue": ("Revenue in period", "期间销售额"),
    "plan.period_margin": ("Margin in period", "期间毛利率"),
    "objective.description": ("Objective", "目标"),
    "objective.kind": ("Measure", "衡量指标"),
    "objective.baseline": ("Baseline", "基线"),
    "objective.target": ("Target", "目标值"),
    "objective.actual": ("Actual", "实际值"),
    "objective.progress": ("Progress", "完成进度"),
    "support.kind": ("Support", "支持方式"),
    "support.terms": ("Terms", "条款"),
    "support.rate": ("Rate", "比例"),
    "support.cost": ("Cost", "费用"),
    "action.what": ("Action", "行动"),
    "action.owner": ("Owner", "负责人"),
    "action.due": ("Due", "截止日期"),
    "action.status": ("Status", "状态"),
    "action.objective": ("For objective", "对应目标"),
    "action.done_on": ("Done on", "完成日期"),
    "review.date": ("Date", "日期"),
    "review.note": ("Review note", "回顾内容"),
    # summary
    "summary.group": ("Group", "分组"),
    "summary.customers": ("Customers", "客户数"),
    "summary.customer_share": ("Share of customers", "客户占比"),
    "summary.revenue": ("Revenue (12 months)", "近12个月销售额"),
    "summary.revenue_share": ("Share of revenue", "销售额占比"),
    "summary.top_share": ("Top customers", "头部客户比例"),
    "summary.bucket_share": ("Revenue share of the band", "该段销售额占比"),
    "summary.cumulative": ("Cumulative revenue share", "累计销售额占比"),
    "summary.unscored": ("Not scored", "未评分"),
    "summary.points": ("{dimension} (points)", "{dimension}（分）"),
    # dimensions
    "dim.revenue": ("Revenue", "销售额"),
    "dim.profit": ("Profit contribution", "利润贡献"),
    "dim.margin": ("Margin", "毛利率"),
    "dim.frequency": ("Purchase frequency", "购买频率"),
    "dim.tenure": ("Tenure", "合作期限"),
    "dim.growth": ("Revenue growth", "成长性"),
    "dim.timeliness": ("Payment timeliness", "付款及时性"),
    "dim.payment_credit": ("Payment credit", "付款信用"),
    "dim.need_quality": ("Need quality", "需求质量"),
    "dim.communication": ("Communication efficiency", "沟通效率"),
    "dim.industry_influence": ("Industry influence", "行业影响力"),
    "dim.growth_potential": ("Growth potential", "成长潜力"),
    "dim.loyalty": ("Loyalty", "忠诚度"),
    "dim.synergy": ("Synergy", "协同效应"),
    "dim.satisfaction": ("Satisfaction", "满意度"),
    # the whole book (export book): one sheet per kind of record, under headers the importer
    # reads; records name their customer, plan or contacts by code and name, and by id
    "sheet.transactions": ("Transactions", "交易记录"),
    "sheet.assessments": ("Assessments", "定期评估"),
    "sheet.plans": ("Plans", "经营计划"),
    "sheet.plan_objectives": ("Plan objectives", "计划目标"),
    "sheet.plan_support": ("Plan support", "计划支持"),
    "sheet.plan_actions": ("Plan actions", "计划行动"),
    "sheet.plan_reviews": ("Plan reviews", "计划回顾"),
    "sheet.part": ("{sheet} ({part})", "{sheet}（{part}）"),
    "key.id": ("KeyPlan ID", "KeyPlan 编号"),
    "key.customer": ("KeyPlan customer ID", "KeyPlan 客户编号"),
    "key.contact": ("KeyPlan contact ID", "KeyPlan 联系人编号"),
    "key.reports_to": ("KeyPlan ID of the boss", "KeyPlan 汇报对象编号"),
    "key.contacts": ("KeyPlan contact IDs", "KeyPlan 联系人编号列表"),
    "key.needs": ("KeyPlan need IDs", "KeyPlan 需求编号列表"),
    "key.plan": ("KeyPlan plan ID", "KeyPlan 计划编号"),
    "key.objective": ("KeyPlan objective ID", "KeyPlan 目标编号"),
    "field.tier_set": ("Tier set by hand", "人工设定等级"),
    "field.tier_reason": ("Reason for the tier", "等级调整原因"),
    "field.lifecycle_set": ("Lifecycle set by hand", "人工设定生命周期"),
    "field.lifecycle_reason": ("Reason for the lifecycle", "生命周期调整原因"),
    "transaction.date": ("Date", "日期"),
    "transaction.amount": ("Amount", "金额"),
    "transaction.profit": ("Profit", "毛利"),
    "transaction.due_date": ("Due date", "到期日"),
    "transaction.paid_date": ("Paid date", "付款日期"),
    "transaction.order_no": ("Order number", "订单号"),
    "transaction.reference": ("Reference", "参考号"),
    "transaction.product": ("Product", "产品"),
    "interaction.contacts": ("Contacts present", "参与联系人"),
    "need.due_on": ("Answer by", "答复期限"),
    "need.contact": ("Raised by", "提出人"),
    "assessment.date": ("Assessed on", "评估日期"),
    "assessment.assessor": ("Assessor", "评估人"),
    "support.rate_percent": ("Rate (%)", "比例（%）"),
    # the calendar export (.ics): event texts (storage/export_calendar.py)
    "cal.name": ("KeyPlan: follow-ups and plans", "KeyPlan：跟进与计划"),
    "cal.name_owner": ("KeyPlan: {owner}'s follow-ups and plans",
                       "KeyPlan：{owner} 的跟进与计划"),
    "cal.follow_up": ("Follow-up", "跟进"),
    "cal.plan_action": ("Plan action", "计划行动"),
    "cal.plan_review": ("Plan review", "计划回顾"),
    "cal.need": ("Need to answer", "需求答复"),
    "cal.review_title": ("Review the account plan {period}", "回顾客户经营计划 {period}"),
    "cal.need_title": ("Answer: {text}", "答复：{text}"),
    "cal.customer": ("Customer", "客户"),
    "cal.contact": ("Contact", "联系人"),
    "cal.plan": ("Plan", "经营计划"),
    "cal.owner": ("Owner", "负责人"),
    "cal.what": ("What", "事项"),
    "cal.reference": ("In KeyPlan", "KeyPlan 记录"),
    "cal.reminder": ("KeyPlan reminder", "KeyPlan 提醒"),
}

#: "EnumClass.code" -> (English, Chinese); codes as stored in the database.
ENUM_TEXT: dict[str, tuple[str, str]] = {
    "Tier.strategic": ("Strategic", "战略客户"), "Tier.key": ("Key", "重点客户"),
    "Tier.standard": ("Standard", "普通客户"), "Tier.low_value": ("Low value", "低价值客户"),
    "AbcClass.A": ("A", "A"), "AbcClass.B": ("B", "B"), "AbcClass.C": ("C", "C"),
    "LifecycleStage.potential": ("Potential", "潜在"), "LifecycleStage.new": ("New", "新客户"),
    "LifecycleStage.active": ("Active", "活跃"), "LifecycleStage.churned": ("Churned", "流失"),
    "RelationshipLevel.1": ("Transactional", "交易型"),
    "RelationshipLevel.2": ("Dependent", "依赖型"),
    "RelationshipLevel.3": ("Partnership", "合作共赢"),
    "RelationshipLevel.4": ("Growth partnership", "共同成长"),
    "CustomerKind.organisation": ("Organisation", "组织客户"),
    "CustomerKind.individual": ("Individual", "个人客户"),
    "PriceOrientation.price": ("Price-oriented", "价格导向"),
    "PriceOrientation.value": ("Value-oriented", "价值导向"),
    "LoyaltySegment.loyal": ("Loyal", "忠诚客户"), "LoyaltySegment.swing": ("Swing", "摇摆客户"),
    "LoyaltySegment.multi_brand": ("Multi-brand", "多品牌客户"),
    "Channel.direct": ("Direct", "直销"), "Channel.distributor": ("Distributor", "经销商"),
    "Channel.online": ("Online", "线上"), "Channel.phone": ("Phone", "电话"),
    "NeedKind.requirement": ("Requirement", "需求"), "NeedKind.complaint": ("Complaint", "投诉"),
    "NeedKind.suggestion": ("Suggestion", "建议"),
    "NeedStatus.open": ("Open", "待处理"), "NeedStatus.in_progress": ("In progress", "处理中"),
    "NeedStatus.met": ("Met", "已满足"), "NeedStatus.declined": ("Declined", "已婉拒"),
    "Priority.high": ("High", "高"), "Priority.medium": ("Medium", "中"),
    "Priority.low": ("Low", "低"),
    "InteractionKind.visit": ("Visit", "拜访"), "InteractionKind.call": ("Call", "电话"),
    "InteractionKind.meeting": ("Meeting", "会议"), "InteractionKind.email": ("E-mail", "电子邮件"),
    "InteractionKind.message": ("Message", "即时消息"),
    "InteractionKind.training": ("Training", "培训"), "InteractionKind.event": ("Event", "活动"),
    "Sentiment.positive": ("Positive", "积极"), "Sentiment.neutral": ("Neutral", "中性"),
    "Sentiment.negative": ("Negative", "消极"),
    "ContactRole.decision_maker": ("Decision maker", "决策者"),
    "ContactRole.economic_buyer": ("Economic buyer", "预算审批人"),
    "ContactRole.influencer": ("Influencer", "影响者"),
    "ContactRole.technical_evaluator": ("Technical evaluator", "技术评估人"),
    "ContactRole.user": ("User", "使用者"), "ContactRole.gatekeeper": ("Gatekeeper", "把关人"),
    "ContactRole.coach": ("Coach", "内线"),
    "Attitude.champion": ("Champion", "坚定支持"), "Attitude.supporter": ("Supporter", "支持"),
    "Attitude.neutral": ("Neutral", "中立"), "Attitude.skeptic": ("Skeptic", "怀疑"),
    "Attitude.opponent": ("Opponent", "反对"),
    "PlanStatus.draft": ("Draft", "草稿"), "PlanStatus.active": ("Active", "执行中"),
    "PlanStatus.closed": ("Closed", "已关闭"),
    "ActionStatus.open": ("Open", "未开始"), "ActionStatus.in_progress": ("In progress", "进行中"),
    "ActionStatus.done": ("Done", "已完成"), "ActionStatus.cancelled": ("Cancelled", "已取消"),
    "ObjectiveKind.revenue": ("Revenue", "销售额"), "ObjectiveKind.margin": ("Margin %", "毛利率"),
    "ObjectiveKind.share_of_wallet": ("Share of wallet", "钱包份额"),
    "ObjectiveKind.free_text": ("Other objective", "其他目标"),
    "SupportKind.rebate": ("Rebate", "返利"),
    "SupportKind.purchase_discount": ("Purchase discount", "进货折扣"),
    "SupportKind.promotion_support": ("Promotion support", "促销支持"),
    "SupportKind.priority_service": ("Priority service", "优先服务"),
    "SupportKind.customised_service": ("Customised service", "定制服务"),
    "SupportKind.joint_development": ("Joint development", "联合开发"),
}

# Competition and SWOT (issue 19, point 3).
TEXT.update({
    "sheet.competition": ("Competition", "竞争对手"),
    "sheet.swot": ("SWOT", "SWOT 分析"),
    "title.competition": ("{name}: competitors and share of wallet", "{name}：竞争对手与钱包份额"),
    "note.competition": (
        "Our share is what the competitors' estimated shares leave; the customer's yearly "
        "spend is our revenue of the last 12 months over our share.",
        "我方份额＝100% 减去各竞争对手的估计份额；"
        "客户年采购总额＝我方近 12 个月销售额 ÷ 我方份额。"),
    "title.swot": ("{name}: SWOT of plan {period}", "{name}：{period} 经营计划 SWOT 分析"),
    "comp.wallet": ("Share of wallet", "钱包份额"),
    "comp.theirs": ("Competitors' share", "竞争对手合计份额"),
    "comp.ours": ("Our share of wallet", "我方钱包份额"),
    "comp.our_revenue": ("Our revenue, last 12 months", "我方近 12 个月销售额"),
    "comp.total_spend": ("Customer's yearly spend (estimated)", "客户年采购总额（估算）"),
    "comp.unknown": ("Unknown: no competitor's share estimated", "未知：尚未估计竞争对手份额"),
    "comp.list": ("Competitors, the most threatening first", "竞争对手（按威胁程度排序）"),
    "comp.name": ("Competitor", "竞争对手"),
    "comp.products": ("Products they supply", "供应产品"),
    "comp.share": ("Share of wallet", "钱包份额"),
    "comp.threat": ("Threat", "威胁程度"),
    "comp.strengths": ("Strengths", "优势"),
    "comp.weaknesses": ("Weaknesses", "劣势"),
    "comp.notes": ("Notes", "备注"),
    "comp.reviewed": ("Last reviewed", "最近评估"),
    "comp.none": ("No competitor recorded for this customer yet.", "尚未记录该客户的竞争对手。"),
    "swot.no_plan": ("No plan yet: the SWOT belongs to an account plan.",
                     "尚无经营计划：SWOT 分析属于经营计划。"),
    "swot.empty": ("(nothing yet)", "（暂无）"),
    "swot.competitor": ("competitor: {name}", "竞争对手：{name}"),
    "swot.need": ("need: {text}", "需求：{text}"),
    "field.main_competitor": ("Main competitor", "主要竞争对手"),
    "field.our_share": ("Our share of wallet", "我方钱包份额"),
})
ENUM_TEXT.update({
    "ThreatLevel.low": ("Low", "低"), "ThreatLevel.medium": ("Medium", "中"),
    "ThreatLevel.high": ("High", "高"),
    "SwotQuadrant.strengths": ("Strengths (S)", "优势 (S)"),
    "SwotQuadrant.weaknesses": ("Weaknesses (W)", "劣势 (W)"),
    "SwotQuadrant.opportunities": ("Opportunities (O)", "机会 (O)"),
    "SwotQuadrant.threats": ("Threats (T)", "威胁 (T)"),
})

assert all(f"dim.{d}" in TEXT for d in DIMENSIONS), "every scoring dimension needs a label"


def default_language() -> str:
    """zh_CN when the environment's locale is Chinese, otherwise English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    code = (locale.getlocale()[0] or "").lower()
    # POSIX names start "zh"; Windows gives "Chinese (Simplified)_China" and the like.
    return "zh_CN" if code.startswith(("zh", "chinese")) else "en"


def normalise_language(lang: str | None) -> str:
    if not lang:
        return default_language()
    return "zh_CN" if lang.replace("-", "_").lower().startswith("zh") else "en"


class Labels:
    """The export's words in one language: ``labels("field.name")``, ``labels.enum(tier)``."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = normalise_language(lang)
        self._index = 1 if self.lang == "zh_CN" else 0

    def __call__(self, key: str, **params: Any) -> str:
        text = TEXT[key][self._index]
        return text.format(**params) if params else text

    def enum(self, value: Enum | None) -> str:
        if value is None:
            return ""
        return ENUM_TEXT[enum_key(value)][self._index]

    def level(self, level: int) -> str:
        """A relationship level as the ladder shows it: "2 · 依赖型"."""
        return f"{int(level)} · {ENUM_TEXT[f'RelationshipLevel.{int(level)}'][self._index]}"

    def dimension(self, name: str) -> str:
        return TEXT[f"dim.{name}"][self._index] if f"dim.{name}" in TEXT else name


def enum_key(value: Enum) -> str:
    return f"{type(value).__name__}.{value.value}"


@cache
def enum_words(enum_name: str) -> Mapping[str, str]:
    """Every English and Chinese word of one enum -> its code (for the importer, which asks
    for each choice cell of each row: made once)."""
    prefix = f"{enum_name}."
    result: dict[str, str] = {}
    for key, words in ENUM_TEXT.items():
        if key.startswith(prefix):
            for word in words:
                result.setdefault(word.casefold(), key[len(prefix):])
    return MappingProxyType(result)  # shared by every caller: read-only
