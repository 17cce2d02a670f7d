"""The demo's competition: one to three competitors at each scored demo customer of the top
three tiers (their share of its wallet, strengths, weaknesses and threat, in the customer's
language), and a SWOT for each demo plan, its threats naming the main competitor and its
opportunities the customer's open needs. Runs inside the demo's transaction after the plans,
in a few statements."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

#: Competitor names, products, strengths and weaknesses (Chinese, English).
NAMES = (("华润贸易", "广州恒信供应链", "上海立达实业", "浙江宏达商贸", "深圳瑞丰科技",
          "本地经销商", "苏州联创工业品", "北京中诚集采"),
         ("Northbridge Supply", "Apex Distribution", "Meridian Trading", "Harbor Industrial",
          "Summit Components", "Local wholesaler", "Brightline Partners", "Keystone Sourcing"))
PRODUCTS = (("同类标准品", "低价通用件", "配套耗材", "全系列产品", "进口品牌代理"),
            ("Standard lines", "Low-price generics", "Consumables", "The full range",
             "Imported brands"))
STRENGTHS = (("价格低 5–8%", "本地仓库，交货快", "与对方老板关系密切", "账期长（90 天）",
              "产品线更全"),
             ("Prices 5-8 % lower", "Local warehouse, fast delivery",
              "Close to the owner", "90-day payment terms", "Wider range"))
WEAKNESSES = (("售后响应慢", "质量不稳定", "缺少技术支持", "交货经常延误", "资金紧张"),
              ("Slow after-sales service", "Uneven quality", "No technical support",
               "Often late", "Short of cash"))
#: The SWOT's own lines: strengths, weaknesses, opportunities, and the threat's pattern.
SWOT = ((("交货准时率 98%", "技术服务团队驻场支持", "产品质量稳定，投诉少"),
         ("价格高于主要竞争对手", "只与采购部接触，缺少管理层关系"),
         ("客户扩建新产线，需求增加", "客户希望减少供应商数量"),
         "{name}以低价争夺份额", "满足需求：{text}"),
        (("98 % on-time delivery", "Our service engineers on site", "Steady quality, few "
          "complaints"),
         ("Priced above the main competitor", "Only purchasing knows us, not management"),
         ("A new production line doubles their needs", "They want fewer suppliers"),
         "{name} undercuts our prices", "Meet their need: {text}"))


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def add_demo_competition(db: Any, anchor: date, seed: int = 1) -> int:
    """Competitors for the scored strategic, key and standard customers that have none, and
    SWOTs for the plans that have none; returns the competitors written."""
    # A second demo in the same book draws other ids than the first (UNIQUE ids).
    earlier = db.conn.execute("SELECT (SELECT count(*) FROM competitors) + "
                              "(SELECT count(*) FROM swot_items)").fetchone()[0]
    rng = random.Random(f"competition:{seed}:{earlier}" if earlier else f"competition:{seed}")
    stamp = f"{anchor.isoformat()}T01:00:00.000+00:00"

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    customers = db.conn.execute(
        "SELECT c.id, c.name, m.tier FROM customers c JOIN customer_metrics m "
        "ON m.customer_id = c.id WHERE c.deleted_at IS NULL AND m.tier IN "
        "('strategic', 'key', 'standard') AND NOT EXISTS (SELECT 1 FROM competitors k "
        "WHERE k.customer_id = c.id) ORDER BY c.code").fetchall()
    rows: list[tuple[object, ...]] = []
    main: dict[str, tuple[str, str]] = {}
    for customer_id, name, tier in customers:
        if tier == "standard" and rng.random() < 0.5:
            continue
        lang = 0 if _chinese(name) else 1
        left = rng.uniform(35, 75)  # what the competitors take together
        count = rng.choice((1, 2, 2, 3))
        for index, rival in enumerate(rng.sample(NAMES[lang], k=count)):
            share: float | None = round(left * (0.6 if index == 0 else 0.5) / 5) * 5 or 5.0
            if index == count - 1 and index and rng.random() < 0.3:
                share = None  # nobody knows
            left -= share or 0.0
            threat = ("high" if (share or 0) >= 25 else "medium" if (share or 0) >= 10
                      else "low")
            record_id = new_id()
            rows.append((record_id, stamp, stamp, customer_id, rival,
                         rng.choice(PRODUCTS[lang]), share, rng.choice(STRENGTHS[lang]),
                         rng.choice(WEAKNESSES[lang]), threat,
                         (anchor - timedelta(days=rng.randrange(5, 200))).isoformat()))
            if index == 0:
                main[customer_id] = (record_id, rival)
    db.conn.executemany(
        "INSERT INTO competitors (id, created_at, updated_at, customer_id, name, products, "
        "share_percent, strengths, weaknesses, threat, reviewed_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    needs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for need_id, customer_id, text in db.conn.execute(
            "SELECT id, customer_id, description FROM needs WHERE deleted_at IS NULL AND "
            "status IN ('open', 'in_progress') ORDER BY raised_on DESC"):
        needs[customer_id].append((need_id, text))
    items: list[tuple[object, ...]] = []
    for plan_id, customer_id, name in db.conn.execute(
            "SELECT p.id, p.customer_id, c.name FROM plans p JOIN customers c "
            "ON c.id = p.customer_id WHERE p.deleted_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM swot_items s WHERE s.plan_id = p.id) ORDER BY p.id").fetchall():
        strengths, weaknesses, opportunities, threat, need_text = SWOT[
            0 if _chinese(name) else 1]
        lines: list[tuple[str, str, str | None, str | None]] = [
            *(("strengths", t, None, None) for t in rng.sample(strengths, k=2)),
            ("weaknesses", rng.choice(weaknesses), None, None),
            ("opportunities", rng.choice(opportunities), None, None)]
        for need_id, text in needs.get(customer_id, [])[:1]:
            lines.append(("opportunities", need_text.format(text=text[:30]), None, need_id))
        if customer_id in main:
            rival_id, rival = main[customer_id]
            lines.append(("threats", threat.format(name=rival), rival_id, None))
        positions: dict[str, int] = defaultdict(int)
        for quadrant, text, competitor_id, need_id in lines:
            items.append((new_id(), stamp, stamp, plan_id, quadrant, text, competitor_id,
                          need_id, positions[quadrant]))
            positions[quadrant] += 1
    db.conn.executemany(
        "INSERT INTO swot_items (id, created_at, updated_at, plan_id, quadrant, text, "
        "competitor_id, need_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
    return len(rows)
