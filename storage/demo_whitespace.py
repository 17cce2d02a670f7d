"""The demo's product mix and support costs, so that the Products tab and profit after support
have something to say: bigger customers buy across more product lines (small ones keep to
parts and consumables), and some planned accounts get promotions, two of them costing more
than the customer earns us."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from models.enums import SupportKind
from models.plan_periods import period_containing
from models.plans import SupportMeasure

#: Indexes into the demo's product list (storage.demo_vocab.PRODUCTS_*), the most common
#: first: 标准件, 备品备件, 耗材, 年度服务, 技术支持, 定制件, 培训服务, 软件许可, 设备升级, 整机.
COMMON_FIRST = np.array([0, 3, 6, 2, 4, 1, 8, 7, 5, 9], dtype=np.int64)


def product_index(uniform: npt.NDArray[np.float64],
                  mean_amount: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """The product of each invoice from a uniform draw in [0, 1) and its customer's mean
    invoice: a customer reaches further down :data:`COMMON_FIRST` the bigger it is (3 lines
    for the smallest, 7 for a mean invoice of 38,000, all 10 from about 280,000) and favours
    the first lines of its reach. The draw is the demo's own: the rest of the demo stays as
    it was."""
    reach = np.clip(np.log10(np.maximum(mean_amount, 1.0)) * 3.4 - 8.3, 3.0, 10.0)
    # Raising the draw to a power puts more invoices on the common lines of the customer's reach.
    position = (uniform ** 1.3 * reach).astype(np.int64)
    return COMMON_FIRST[np.minimum(position, 9)]


_PROMOTION = {
    "zh_CN": "新品上市联合推广：展会、样机与促销人员",
    "en": "Joint launch promotion: trade fair, demonstration units and promoters",
}


def add_demo_support(db: Any, anchor: date, seed: int = 1) -> int:
    """Promotion support in the half-year plans (inside the caller's transaction): for the
    two thinnest margins among the planned accounts one that costs more than the customer's
    profit (profit after support below zero: the flag), and a modest one for about half of
    the other key accounts. Returns how many plans got one.

    The thin two are sought among every plan, not the key accounts' alone: a demo of more
    than about 900 customers gives its 40 plans to strategic accounts only, and had no flag.
    """
    period = period_containing(anchor, f"{anchor.year}-H1")
    rng = random.Random(f"support:{seed}")
    rows = db.conn.execute(
        "SELECT p.id, m.profit_12m, c.name, m.tier FROM plans p "
        "JOIN customer_metrics m ON m.customer_id = p.customer_id "
        "JOIN customers c ON c.id = p.customer_id "
        "WHERE p.period = ? AND p.deleted_at IS NULL AND m.profit_12m > 0 "
        "AND m.tier IN ('strategic', 'key') "
        "ORDER BY m.profit_12m / m.revenue_12m, p.id", [period]).fetchall()
    given = 0
    for number, (plan_id, profit, name, tier) in enumerate(rows):
        if number >= 2 and tier != "key":
            continue  # no draw: the key accounts' draws stay as they were
        if number >= 2 and rng.random() < 0.5:
            continue
        given += 1
        share = rng.uniform(1.25, 1.6) if number < 2 else rng.uniform(0.1, 0.35)
        cost = round(float(profit) * share, -2)
        if number < 2:  # in whole hundreds above the profit, however small it is
            cost = max(cost, (float(profit) // 100 + 1) * 100)
        lang = "zh_CN" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "en"
        plan = db.get_plan(plan_id)
        measure = SupportMeasure(kind=SupportKind.PROMOTION_SUPPORT, terms=_PROMOTION[lang],
                                 cost=cost)
        db.save_plan(replace(plan, support_measures=[*plan.support_measures, measure]))
    return given
