"""Remake plan-*.png and weekly-*.png: a 500-customer demo book per language, an account
plan written for its best customer (as the Plan tab's editor saves one), the Plan tab
through the screenshot command, and last week's report exported and printed by LibreOffice.

    .venv/bin/python resources/screenshots/plan_and_weekly.py [WORK_FOLDER]

Needs LibreOffice (soffice) and poppler (pdftoppm) on the PATH. The demo's "today" is the
day it runs, as for the other screenshots here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (matplotlib's dependency)

from models.enums import ActionStatus, ObjectiveKind, PlanStatus, SupportKind  # noqa: E402
from models.plan_periods import period_containing, week_of  # noqa: E402
from models.plans import (  # noqa: E402
    Objective,
    PlanAction,
    PlanReview,
    SupportMeasure,
)
from storage.book import Book  # noqa: E402

SHOTS = ROOT / "resources" / "screenshots"
FONTS = ROOT / "resources" / "fonts"
LANGUAGES = ("zh_CN", "en")
#: Each language's words (the actions a tuple, the rest strings).
WORDS: dict[str, dict[str, Any]] = {
    "zh_CN": {
        "situation": "对方明年扩建二期产线，采购部新任经理更看重交付稳定性；"
                     "我方目前约占其采购额的三成。",
        "revenue": "本季度销售额达到 {target}",
        "share": "钱包份额从 30% 提升到 40%",
        "margin": "毛利率提升到 {target}%",
        "supplier": "进入二期产线的合格供应商名录",
        "rebate": "年度返利 2%，季度销售额达标后生效",
        "service": "专属客服，24 小时内响应",
        "actions": ("拜访采购部新任经理，介绍交付保障方案", "提交二期产线报价",
                    "安排技术交流会", "季度业务回顾"),
        "review": "报价已提交，等待技术评审；交付保障方案得到认可。",
    },
    "en": {
        "situation": "A second production line opens next year; the new purchasing manager "
                     "cares most about reliable delivery. We have about a third of their "
                     "spend.",
        "revenue": "Revenue of {target} this quarter",
        "share": "Share of wallet from 30 % to 40 %",
        "margin": "Margin up to {target} %",
        "supplier": "On the approved-supplier list for the new line",
        "rebate": "2 % annual rebate once the quarter's target is met",
        "service": "A dedicated service contact, answers within 24 hours",
        "actions": ("Visit the new purchasing manager: our delivery guarantee",
                    "Send the quotation for the new line", "Arrange a technical workshop",
                    "Quarterly business review"),
        "review": "Quotation sent, technical review pending; the delivery guarantee "
                  "went down well.",
    },
}


def keyplan(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=True)


def write_plan(path: Path, language: str) -> str:
    """An active plan of this quarter for the best-scored customer; returns its code."""
    words = WORDS[language]
    today = date.today()
    with Book(path) as book:
        customer_id = str(book.reader.scalar(
            "SELECT customer_id FROM customer_metrics WHERE tier = 'strategic' "
            "ORDER BY revenue_12m DESC LIMIT 1"))
        plan = book.plans.create(customer_id, period_containing(today, "2000-Q1"),
                                 carry_over=False).record
        # Objectives measured from the book: first to read what it has sold this quarter.
        measured = replace(plan, objectives=[
            Objective(plan_id=plan.id, kind=ObjectiveKind.REVENUE, description="-",
                      target_value=1.0),
            Objective(plan_id=plan.id, kind=ObjectiveKind.MARGIN, description="-",
                      target_value=1.0)])
        figures = book.plans.progress(measured, today=today).objectives
        revenue = figures[0].actual or 100_000.0
        margin = figures[1].actual or 15.0
        target_revenue = round(revenue * 1.3, -4)
        target_margin = round(margin + 1.5, 1)
        owner = plan.owner
        due = (-20, -3, 5, 24)
        book.plans.save(replace(
            plan, status=PlanStatus.ACTIVE, situation=words["situation"],
            objectives=[
                Objective(plan_id=plan.id, kind=ObjectiveKind.REVENUE,
                          description=words["revenue"].format(target=f"{target_revenue:,.0f}"),
                          baseline_value=round(revenue * 0.5, -4),
                          target_value=target_revenue),
                Objective(plan_id=plan.id, kind=ObjectiveKind.SHARE_OF_WALLET,
                          description=words["share"], baseline_value=30, target_value=40,
                          actual_value=34),
                Objective(plan_id=plan.id, kind=ObjectiveKind.MARGIN,
                          description=words["margin"].format(target=target_margin),
                          baseline_value=round(margin - 2.5, 1), target_value=target_margin),
                Objective(plan_id=plan.id, kind=ObjectiveKind.FREE_TEXT,
                          description=words["supplier"])],
            support_measures=[
                SupportMeasure(plan_id=plan.id, kind=SupportKind.REBATE, terms=words["rebate"],
                               rate_percent=2.0, cost=round(target_revenue * 0.02, -2)),
                SupportMeasure(plan_id=plan.id, kind=SupportKind.PRIORITY_SERVICE,
                               terms=words["service"])],
            actions=[PlanAction(plan_id=plan.id, what=what, owner=owner,
                                due_date=today + timedelta(days=days),
                                status=ActionStatus.DONE if days == due[0] else
                                ActionStatus.OPEN,
                                done_on=today + timedelta(days=days) if days == due[0] else None)
                     for what, days in zip(words["actions"], due, strict=True)],
            reviews=[PlanReview(plan_id=plan.id, reviewed_on=today - timedelta(days=2),
                                note=words["review"])]))
        return book.customers.get(customer_id).code


def weekly_png(path: Path, language: str, folder: Path) -> Path:
    """Last week's report, printed to PDF by LibreOffice: its visits and next-week pages,
    cropped to their tables and stacked."""
    last_week = week_of(date.today())[0] - timedelta(days=3)
    workbook = folder / f"weekly-{language}.xlsx"
    keyplan("--db", str(path), "export", "weekly", "--as-of", last_week.isoformat(),
            "-o", str(workbook), "--lang", language)
    fonts = folder / "fonts.conf"
    fonts.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                     "<fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf"
                     f"</include><dir>{FONTS}</dir></fontconfig>", encoding="utf-8")
    environment = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(workbook)], check=True, env=environment, capture_output=True)
    pdf = workbook.with_suffix(".pdf")
    pages = []
    # This week's visits and outcomes, then next week's actions. The visits' ten columns
    # print at about 72 % of size to fit the page: drawn at a higher resolution, their text
    # is as large as the next week's.
    for page, dots in ((2, 150), (4, 110)):
        stem = folder / f"{language}-{page}"
        subprocess.run(["pdftoppm", "-png", "-r", str(dots), "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(stem)], check=True)
        image = Image.open(f"{stem}.png").convert("RGB")
        pages.append(image.crop(_used_box(image)))
    width = max(p.width for p in pages) + 40
    sheet = Image.new("RGB", (width, sum(p.height for p in pages) + 60), "white")
    top = 20
    for page_image in pages:
        sheet.paste(page_image, (20, top))
        top += page_image.height + 20
    target = SHOTS / f"weekly-{language}.png"
    sheet.save(target)
    return target


def _used_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The printed part of a page (its ink), with a margin."""
    grey = image.convert("L").point(lambda v: 255 if v < 250 else 0)
    left, top, right, bottom = grey.getbbox() or (0, 0, image.width, image.height)
    return (max(0, left - 10), max(0, top - 10), min(image.width, right + 10),
            min(image.height, bottom + 10))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        book = folder / f"demo-{language}.db"
        book.unlink(missing_ok=True)
        keyplan("--db", str(book), "demo", "--customers", "500", "--lang", language)
        code = write_plan(book, language)
        keyplan("--db", str(book), "screenshot", "--view", f"customer:{code}:plan",
                "--lang", language, str(SHOTS / f"plan-{language}.png"))
        print(weekly_png(book, language, folder))


if __name__ == "__main__":
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        sys.exit("LibreOffice (soffice) and pdftoppm are needed for the weekly report")
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
