"""Realistic, deterministic demo books: the same seed and anchor date give the same file content.

Revenue per customer is log-normal with a heavy tail, so the 80/20 pattern appears on its own;
lifecycles, late payers, overdue follow-ups, open complaints and assessment histories are all
present in plausible proportions. Rows are generated per chunk of customers and bulk-inserted
inside one transaction, so a million transactions take seconds, and an interrupted run
leaves the book as it was.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from models.entities import RATING_FIELDS
from models.enums import Priority
from models.service_levels import DEFAULT_SLA_DAYS
from storage import demo_vocab as V
from storage.demo_relationships import add_demo_relationships
from storage.demo_whitespace import product_index
from storage.metrics import MetricsMixin
from storage.search_keys import search_text, sort_key

#: Bumped whenever the generator's output changes, so cached benchmark books are rebuilt.
DEMO_VERSION = 2
CHUNK_CUSTOMERS = 2_000
HISTORY_DAYS = 3 * 365
RATINGS = RATING_FIELDS
INTERACTION_KINDS = ("visit", "call", "meeting", "email", "message", "training", "event")
KIND_WEIGHTS = (25, 30, 12, 15, 12, 3, 3)

#: A need older than this has been answered by now.
OPEN_NEED_DAYS = 60
#: A newest follow-up that fell due within this many days may still be open...
RECENT_DAYS = 14
#: ...with this chance; every older one is done.
OPEN_SHARE = 0.3
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


@dataclass
class DemoSummary:
    customers: int = 0
    contacts: int = 0
    transactions: int = 0
    interactions: int = 0
    needs: int = 0
    assessments: int = 0
    plans: int = 0  # active plans of the top customers (storage.demo_plans), once scored
    counts: dict[str, int] = field(default_factory=dict)


class DemoCancelled(Exception):
    """The caller's progress callback asked to stop; nothing was written."""


@dataclass
class _Chunk:
    customers: list[tuple[object, ...]] = field(default_factory=list)
    contacts: list[tuple[object, ...]] = field(default_factory=list)
    transactions: list[tuple[object, ...]] = field(default_factory=list)
    interactions: list[tuple[object, ...]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    needs: list[tuple[object, ...]] = field(default_factory=list)
    assessments: list[tuple[object, ...]] = field(default_factory=list)


_INSERTS = {
    "customers": ("id, created_at, updated_at, code, name, name_sort, search_text, kind, "
                  "industry, region, city, phone, email, owner, tags, relationship_level, "
                  "price_orientation, loyalty_segment, channel", 19),
    "contacts": ("id, created_at, updated_at, customer_id, name, title, phone, email, role, "
                 "influence, attitude, is_primary", 12),
    "transactions": ("id, created_at, updated_at, customer_id, date, amount, profit, due_date, "
                     "paid_date, reference, product", 11),
    "interactions": ("id, created_at, updated_at, customer_id, kind, occurred_at, summary, "
                     "feedback, sentiment, next_step, next_step_due, next_step_done, owner", 13),
    "needs": ("id, created_at, updated_at, customer_id, kind, description, priority, status, "
              "raised_on, resolved_on, resolution, due_on", 12),
    "assessments": ("id, created_at, updated_at, customer_id, assessed_on, assessor, "
                    + ", ".join(RATINGS), 14),
}


def generate_demo(database: MetricsMixin, customers: int, *, seed: int = 1,
                  anchor: date | None = None, progress: Progress | None = None,
                  language: str | None = None) -> DemoSummary:
    """Add ``customers`` demo customers with their history to ``database`` in one transaction.

    ``language`` "zh_CN" or "en" writes every name and activity text in that language (a
    salesperson's book speaks one); None mixes them as a firm trading abroad does (about 72 %
    Chinese)."""
    anchor = anchor or date.today()
    generator = _Generator(seed, anchor, customers, language)
    # Continue the numbering of an earlier demo (codes C000001, ...) instead of colliding.
    generator.code_offset = int(database.scalar(
        "SELECT coalesce(max(CAST(substr(code, 2) AS INTEGER)), 0) FROM customers "
        "WHERE code GLOB 'C[0-9][0-9][0-9][0-9][0-9][0-9]*'") or 0)
    generator.names.update(r[0] for r in database.conn.execute("SELECT name FROM customers"))
    if generator.code_offset:
        # A second demo in the same book must not repeat the first one's ids.
        generator.reseed(f"{seed}:{generator.code_offset}")
    summary = DemoSummary()
    with database.atomic():
        done = 0
        for chunk in generator.chunks():
            for table, rows in (("customers", chunk.customers), ("contacts", chunk.contacts),
                                ("transactions", chunk.transactions),
                                ("interactions", chunk.interactions), ("needs", chunk.needs),
                                ("assessments", chunk.assessments)):
                columns, width = _INSERTS[table]
                database.conn.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * width)})", rows)
                setattr(summary, table, getattr(summary, table) + len(rows))
            database.conn.executemany(
                "INSERT INTO interaction_contacts (interaction_id, contact_id) VALUES (?, ?)",
                chunk.links)
            done += len(chunk.customers)
            if progress is not None and not progress(done, customers):
                raise DemoCancelled()
        add_demo_relationships(database, anchor, seed)
        database.refresh_activity(anchor)
    return summary


class _Generator:
    def __init__(self, seed: int, anchor: date, total: int,
                 language: str | None = None) -> None:
        self.language = language
        #: Salespeople named in the language of the book (a mixed book has both).
        self.owners = {None: V.OWNERS, "zh_CN": V.ZH_OWNERS, "en": V.EN_OWNERS}.get(
            language, V.OWNERS)
        self.seed = seed
        self.rng = random.Random(seed)
        self.anchor = anchor
        self.total = total
        self.first_day = anchor.toordinal() - HISTORY_DAYS
        self.names: set[str] = set()
        self.code_offset = 0
        self._iso: dict[int, str] = {}

    def reseed(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.seed = int.from_bytes(seed.encode(), "big") % (2**63)

    # ---- helpers --------------------------------------------------------------------------
    def uid(self) -> str:
        bits = self.rng.getrandbits(128)
        return _uuid4_text(bits >> 64, bits & 0xFFFFFFFFFFFFFFFF)

    def iso(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def stamp(self, ordinal: int) -> str:
        return f"{self.iso(min(ordinal, self.anchor.toordinal()))}T01:00:00.000+00:00"

    # ---- generation -----------------------------------------------------------------------
    def chunks(self) -> Iterator[_Chunk]:
        for start in range(0, self.total, CHUNK_CUSTOMERS):
            chunk = _Chunk()
            for index in range(start, min(start + CHUNK_CUSTOMERS, self.total)):
                self.customer(index, chunk)
            chunk.transactions = _draw_invoices(chunk.plans, self, start)
            yield chunk

    def customer(self, index: int, chunk: _Chunk) -> None:
        rng = self.rng
        drawn = rng.random()  # drawn whatever the language: the same seed, the same book
        chinese = drawn < 0.72 if self.language is None else self.language == "zh_CN"
        individual = rng.random() < 0.06
        region, city_zh, city_en = rng.choice(V.CITIES)
        industry, industry_zh, industry_en = rng.choice(V.INDUSTRIES)
        parts = self.company_name(chinese, individual, city_zh, city_en, industry_zh,
                                  industry_en)
        name = "".join(parts) if chinese else " ".join(parts)
        customer_id = self.uid()
        size = math.exp(rng.gauss(0.0, 1.3))  # heavy tail: top 20 % bring about 80 %
        level = 1 + min(3, int(rng.random() * 1.6 + min(size, 12) / 5))
        stage = rng.random()
        contacts = self.contacts(customer_id, chinese, individual, size, chunk)
        first, last = self.plan_transactions(customer_id, size, stage, chunk)
        tags = rng.sample(V.TAGS_ZH if chinese else V.TAGS_EN, k=rng.choice((0, 1, 1, 2)))
        created = first if first is not None else self.anchor.toordinal() - rng.randrange(400)
        code = f"C{self.code_offset + index + 1:06d}"
        contact_names = [c[1] for c in contacts]
        chunk.customers.append((
            customer_id, self.stamp(created), self.stamp(created), code, name,
            sort_key(name, parts), search_text(name, code, tags, contact_names, parts),
            "individual" if individual else "organisation", industry, region,
            city_zh if chinese else city_en, self.phone(), "", rng.choice(self.owners),
            _json_list(tags), level, rng.choice(("price", "value", None)),
            rng.choice(("loyal", "loyal", "swing", "multi_brand", None)),
            rng.choice(("direct", "direct", "distributor", "online", "phone")),
        ))
        self.interactions(customer_id, chinese, size, first, last, contacts, chunk)
        self.needs(customer_id, chinese, size, chunk)
        self.assessments(customer_id, size, first, chunk)

    def company_name(self, chinese: bool, individual: bool, city_zh: str, city_en: str,
                     industry_zh: str, industry_en: str) -> list[str]:
        rng = self.rng
        for attempt in range(20):
            if individual:
                parts = ([rng.choice(V.ZH_SURNAMES), rng.choice(V.ZH_GIVEN)] if chinese
                         else [rng.choice(V.EN_FIRST), rng.choice(V.EN_LAST)])
            elif chinese:
                brand = rng.choice(V.BRAND_CHARS_A) + rng.choice(V.BRAND_CHARS_B)
                parts = [city_zh, brand, industry_zh, rng.choice(V.ZH_SUFFIXES)]
            else:
                brand = rng.choice(V.EN_WORDS_A) + rng.choice(V.EN_WORDS_B)
                parts = [brand, industry_en, rng.choice(V.EN_SUFFIXES)]
            if attempt >= 10:
                parts.append(f"({city_zh if chinese else city_en} {attempt - 9})")
            joined = "".join(parts) if chinese else " ".join(parts)
            if joined not in self.names:
                self.names.add(joined)
                return parts
        self.names.add(joined)
        return parts

    def phone(self) -> str:
        return f"1{self.rng.choice('3589')}{self.rng.randrange(10**9):09d}"

    def contacts(self, customer_id: str, chinese: bool, individual: bool, size: float,
                 chunk: _Chunk) -> list[tuple[str, str]]:
        rng = self.rng
        count = 1 if individual else min(6, 1 + int(rng.random() * 2 + math.log1p(size)))
        result = []
        for position in range(count):
            contact_id = self.uid()
            if chinese:
                name = rng.choice(V.ZH_SURNAMES) + rng.choice(V.ZH_GIVEN)
                title_index = rng.randrange(len(V.ZH_TITLES))
                title = V.ZH_TITLES[title_index]
            else:
                name = f"{rng.choice(V.EN_FIRST)} {rng.choice(V.EN_LAST)}"
                title_index = rng.randrange(len(V.EN_TITLES))
                title = V.EN_TITLES[title_index]
            role = V.TITLE_ROLES[title_index]
            influence = max(1, min(5, {"decision_maker": 5, "economic_buyer": 4}.get(role, 3)
                                   + rng.choice((-1, 0, 0, 1))))
            attitude = rng.choices(("champion", "supporter", "neutral", "skeptic", "opponent"),
                                   (8, 30, 40, 15, 7))[0]
            stamp = self.stamp(self.first_day + rng.randrange(HISTORY_DAYS))
            chunk.contacts.append((contact_id, stamp, stamp, customer_id, name, title,
                                   self.phone(), "", role, influence, attitude,
                                   int(position == 0)))
            result.append((contact_id, name))
        return result

    def plan_transactions(self, customer_id: str, size: float, stage: float,
                          chunk: _Chunk) -> tuple[int | None, int | None]:
        """Decide the customer's buying pattern; returns the (first, last) possible purchase day.

        The invoices themselves are drawn for the whole chunk at once (:func:`_draw_invoices`).
        """
        rng = self.rng
        today = self.anchor.toordinal()
        if stage < 0.07:
            return None, None  # potential: no purchase yet
        if stage < 0.14:  # churned: stopped 12–30 months ago
            end = today - rng.randrange(370, 900)
            start = max(self.first_day, end - rng.randrange(60, 700))
        elif stage < 0.20:  # new: first purchase within 90 days
            start, end = today - rng.randrange(1, 88), today
        else:
            start = self.first_day + int(rng.random() ** 1.5 * (HISTORY_DAYS - 120))
            end = today
        frequency = rng.gammavariate(2.0, 12.1) * (0.5 + min(size, 8) / 8)
        count = max(1, min(150, int(frequency * (end - start + 30) / HISTORY_DAYS + 0.5)))
        mean_amount = 180_000 * size / count * (HISTORY_DAYS / max(end - start, 90)) ** 0.3
        chunk.plans.append((customer_id, start, end, count, mean_amount,
                            min(0.5, max(0.03, rng.gauss(0.22, 0.08))),
                            rng.choices((0, 1, 2), (70, 24, 6))[0],
                            rng.choice((30, 30, 45, 60, 90))))
        return start, end

    def interactions(self, customer_id: str, chinese: bool, size: float, first: int | None,
                     last: int | None, contacts: list[tuple[str, str]], chunk: _Chunk) -> None:
        rng = self.rng
        today = self.anchor.toordinal()
        count = min(12, int(rng.random() * 3.0 + math.log1p(size) * 1.25))
        if count == 0:
            return
        latest = last if last is not None and last < today - 300 else today - rng.randrange(0, 200)
        # Nothing on the anchor day itself: its hour (08:00-18:00) would often be later than
        # the clock when the demo is made that morning, and the roll-up's "Last activity"
        # then read a time still to come. The draws stay as they were (the same book).
        days = [min(day, today - 1) for day in
                (*sorted(latest - rng.randrange(0, 420) for _ in range(count - 1)), latest)]
        summaries = V.ZH_SUMMARIES if chinese else V.EN_SUMMARIES
        feedback = V.ZH_FEEDBACK if chinese else V.EN_FEEDBACK
        steps = V.ZH_NEXT_STEPS if chinese else V.EN_NEXT_STEPS
        for position, day in enumerate(days):
            interaction_id = self.uid()
            newest = position == len(days) - 1
            next_step, due, done = "", None, 0
            if newest or rng.random() < 0.4:
                next_step = rng.choice(steps)
                due_day = day + rng.randrange(3, 30)
                due = self.iso(due_day)
                # Past follow-ups are done, but for a few of the newest that fell due in
                # the last two weeks: a working salesperson's backlog, not years of it.
                recent = today - RECENT_DAYS <= due_day < today
                done = int(due_day < today and not (newest and recent
                                                    and rng.random() < OPEN_SHARE))
            minute = rng.randrange(8 * 60, 18 * 60, 15)
            occurred = f"{self.iso(day)} {minute // 60:02d}:{minute % 60:02d}"
            stamp = self.stamp(day)
            chunk.interactions.append((
                interaction_id, stamp, stamp, customer_id,
                rng.choices(INTERACTION_KINDS, KIND_WEIGHTS)[0], occurred,
                rng.choice(summaries), rng.choice(feedback),
                rng.choices(("positive", "neutral", "negative"), (45, 40, 15))[0],
                next_step, due, done, "",
            ))
            for contact_id, _name in rng.sample(contacts, k=min(len(contacts),
                                                               rng.choice((0, 1, 1, 2)))):
                chunk.links.append((interaction_id, contact_id))

    def needs(self, customer_id: str, chinese: bool, size: float, chunk: _Chunk) -> None:
        rng = self.rng
        today = self.anchor.toordinal()
        count = int(rng.random() * 1.1 + math.log1p(size) * 0.25)
        texts = V.ZH_NEEDS if chinese else V.EN_NEEDS
        for _ in range(count):
            kind = rng.choices(("requirement", "complaint", "suggestion"), (55, 25, 20))[0]
            raised = today - rng.randrange(1, 540)
            status = rng.choices(("open", "in_progress", "met", "declined"), (30, 15, 45, 10))[0]
            if status in ("open", "in_progress") and today - raised > OPEN_NEED_DAYS:
                status = "met"  # a working book answers its needs within weeks
            resolved = None
            if status in ("met", "declined"):
                resolved = self.iso(min(today, raised + rng.randrange(3, 90)))
            priority = rng.choices(("high", "medium", "low"), (25, 50, 25))[0]
            stamp = self.stamp(raised)
            chunk.needs.append((
                self.uid(), stamp, stamp, customer_id, kind, rng.choice(texts[kind]),
                priority, status, self.iso(raised), resolved, "",
                self.iso(raised + DEFAULT_SLA_DAYS[Priority(priority)]),
            ))

    def assessments(self, customer_id: str, size: float, first: int | None,
                    chunk: _Chunk) -> None:
        rng = self.rng
        if first is None or rng.random() > 0.25 + min(size, 6) / 10:
            return
        today = self.anchor.toordinal()
        count = rng.choice((1, 1, 2, 3, 4))
        base = {name: 2.2 + min(size, 8) / 4 + rng.gauss(0, 0.7) for name in RATINGS}
        assessor = rng.choice(self.owners)
        for number in range(count):
            day = today - 182 * (count - 1 - number) - rng.randrange(0, 60)
            drift = rng.gauss(0, 0.5)
            values = [max(1, min(5, round(base[name] + drift + rng.gauss(0, 0.4))))
                      if rng.random() > 0.05 else None for name in RATINGS]
            stamp = self.stamp(day)
            chunk.assessments.append((self.uid(), stamp, stamp, customer_id, self.iso(day),
                                      assessor, *values))


def _json_list(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


def _uuid4_text(high: int, low: int) -> str:
    """A version-4 UUID string from 128 random bits (faster than uuid.UUID for bulk rows)."""
    high = (high & ~0xF000) | 0x4000
    low = (low & 0x3FFFFFFFFFFFFFFF) | 0x8000000000000000
    h = f"{high:016x}{low:016x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _draw_invoices(plans: list[tuple[Any, ...]], gen: _Generator,
                   chunk_start: int) -> list[tuple[object, ...]]:
    """All invoices of a chunk of customers, drawn with numpy in one go (a million in seconds)."""
    if not plans:
        return []
    rng = np.random.Generator(np.random.PCG64([gen.seed, chunk_start]))
    ids, start, end, count, mean, margin, lateness, terms = zip(*plans, strict=True)
    counts = np.array(count)
    owner = np.repeat(np.arange(len(plans)), counts)
    total = int(counts.sum())
    span = np.array(end) - np.array(start) + 1
    days = np.array(start)[owner] + (rng.random(total) * span[owner]).astype(np.int64)
    order = np.lexsort((days, owner))
    days = days[order]
    amount = np.round(np.array(mean)[owner] * rng.lognormal(0.0, 0.45, total), 2)
    rate = np.clip(rng.normal(np.array(margin)[owner], 0.04), -0.05, 0.6)
    profit = np.round(amount * rate, 2)
    term = np.array(terms)[owner]
    due = days + term
    late = np.array(lateness)[owner]
    on_time = (late == 0) | (rng.random(total) < 0.5)
    early = -(rng.random(total) * (term // 2 + 1)).astype(np.int64)
    overdue = 1 + (rng.random(total) * np.where(late == 1, 24, 89)).astype(np.int64)
    paid = due + np.where(on_time, early, overdue)
    today = gen.anchor.toordinal()
    first_index = np.cumsum(counts) - counts
    number = np.arange(total) - first_index[owner] + 1
    product = product_index(rng.random(total), np.array(mean)[owner])  # demo_whitespace
    high = rng.integers(0, 2**64, size=total, dtype=np.uint64, endpoint=False)
    low = rng.integers(0, 2**64, size=total, dtype=np.uint64, endpoint=False)
    iso = gen.iso
    # One catalogue per book: a firm sells the same product lines to all its customers, so a
    # mixed demo (mostly Chinese) names them in Chinese for everyone (per customer, the
    # Products tab of a Chinese customer suggested 耗材 and 'Consumables' as two lines).
    products = V.PRODUCTS_EN if gen.language == "en" else V.PRODUCTS_ZH
    rows: list[tuple[object, ...]] = []
    for o, d, a, p, du, pa, n, pr, hi, lo in zip(
            owner.tolist(), days.tolist(), amount.tolist(), profit.tolist(), due.tolist(),
            paid.tolist(), number.tolist(), product.tolist(), high.tolist(), low.tolist(),
            strict=True):
        day_text = iso(d)
        stamp = gen.stamp(d)
        rows.append((_uuid4_text(hi, lo), stamp, stamp, ids[o], day_text, a, p, iso(du),
                     iso(pa) if pa <= today else None, f"INV-{day_text[:4]}-{n:04d}",
                     products[pr]))
    return rows
