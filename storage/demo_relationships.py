"""The demo's relationship maps: who reports to whom at each demo customer, which colleague
covers whom, and each account's climb up the relationship ladder with dated reasons, in the
customer's language. Runs inside the demo's transaction, on the customers it just made (those
without a level history yet), in a few statements."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import date

from storage.base import DatabaseBase
from storage.demo_vocab import EN_OWNERS, ZH_OWNERS

#: Why an account moved onto each rung (article 001), in Chinese and English.
REASONS: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {
    1: (("首次成交，按单报价", "通过招标进入供应商名录"),
        ("First order, priced deal by deal", "Entered their supplier list through a tender")),
    2: (("成为其主要供应商，按需供货并提供上门服务", "采购部长期固定合作，需求随叫随到"),
        ("Became their main supplier, serving what they ask",
         "Purchasing relies on us for whatever they need")),
    3: (("开始联合规划，共享市场与库存信息", "联系人扩展到生产和财务，签订年度合作协议"),
        ("Joint planning started; market and stock information shared",
         "Contacts widened to production and finance; yearly agreement signed")),
    4: (("协助客户开拓新市场，共同开发新品", "派驻顾问帮助客户改善经营，共同成长"),
        ("Helping them open a new market; products developed together",
         "Our adviser helps them run their business better")),
}
FALLBACK = ("采购负责人更换，关系回落，需重新建立信任",
            "Their purchasing head changed; the relationship fell back")


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def add_demo_relationships(db: DatabaseBase, anchor: date, seed: int) -> int:
    """Bosses, coverage and level histories for the customers without a history; returns
    the number of history rows written."""
    # A second demo in the same book draws other ids than the first (UNIQUE ids).
    earlier = db.conn.execute("SELECT count(*) FROM relationship_levels").fetchone()[0]
    rng = random.Random(f"relationships:{seed}:{earlier}" if earlier else
                        f"relationships:{seed}")
    customers = db.conn.execute(
        "SELECT c.id, c.name, c.owner, c.relationship_level, substr(c.created_at, 1, 10) "
        "FROM customers c WHERE c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
        "relationship_levels r WHERE r.customer_id = c.id) ORDER BY c.code").fetchall()
    if not customers:
        return 0
    wanted = {row[0] for row in customers}
    contacts: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for contact_id, customer_id, influence, role in db.conn.execute(
            "SELECT id, customer_id, coalesce(influence, 0), coalesce(role, '') FROM contacts "
            "WHERE deleted_at IS NULL AND reports_to IS NULL ORDER BY customer_id, id"):
        if customer_id in wanted:
            contacts[customer_id].append((contact_id, influence, role))
    updates: list[tuple[str | None, str, str]] = []
    history: list[tuple[object, ...]] = []
    stamp = f"{anchor.isoformat()}T01:00:00.000+00:00"
    for customer_id, name, owner, level, created in customers:
        chinese = _chinese(name) or _chinese(owner or "")
        colleagues = ZH_OWNERS if chinese else EN_OWNERS
        people = sorted(contacts.get(customer_id, ()),
                        key=lambda c: (-c[1], c[2] != "decision_maker"))
        placed: list[tuple[str, int]] = []
        for index, (contact_id, influence, _role) in enumerate(people):
            boss = None
            if placed:
                above = [p for p in placed if p[1] > influence] or placed[:1]
                boss = rng.choice(above[:2])[0]
            covered = ""
            if index == 0 and rng.random() < 0.7:
                covered = owner or ""
            elif index > 0 and rng.random() < 0.35:
                covered = rng.choice(colleagues)
            updates.append((boss, covered, contact_id))
            placed.append((contact_id, influence))
        # The reasons in the customer's language, as its plan and SWOT are: an English
        # customer owned by 陈静 read '2026-08-05 Dependent: 成为其主要供应商…' under an
        # English plan (the draws are the same either way).
        history.extend(_ladder(rng, customer_id, int(level), owner or "", created, anchor,
                               _chinese(name), stamp))
    db.conn.executemany("UPDATE contacts SET reports_to = ?, covered_by = ? WHERE id = ?",
                        updates)
    db.conn.executemany(
        "INSERT INTO relationship_levels (id, created_at, updated_at, customer_id, level, "
        "changed_on, reason, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", history)
    return len(history)


def _ladder(rng: random.Random, customer_id: str, level: int, owner: str, created: str,
            anchor: date, chinese: bool, stamp: str) -> list[tuple[object, ...]]:
    """The rungs from the first order up to ``level``, dated between the customer's start and
    the anchor; one account in ten climbed once more and fell back (its managers changed)."""
    start = min(date.fromisoformat(created).toordinal(), anchor.toordinal() - 30)
    steps = list(range(1, level + 1))
    if 1 < level < 4 and rng.random() < 0.1:
        steps += [level + 1, level]
    days = sorted(rng.sample(range(start, anchor.toordinal()), k=len(steps) - 1)) \
        if anchor.toordinal() - start > len(steps) else [start] * (len(steps) - 1)
    dates = [start, *days]
    rows: list[tuple[object, ...]] = []
    for index, (rung, day) in enumerate(zip(steps, dates, strict=True)):
        fell = index > 0 and rung < steps[index - 1]
        reason = FALLBACK[0 if chinese else 1] if fell else rng.choice(
            REASONS[rung][0 if chinese else 1])
        row_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        rows.append((row_id, stamp, stamp, customer_id, rung, date.fromordinal(day).isoformat(),
                     reason, owner))
    return rows
