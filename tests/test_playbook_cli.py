"""``keyplan playbook list|show|export|import`` and ``keyplan plan new --template`` in English
and Chinese: what they print, what they write, and their refusals."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from models.entities import Customer, Need, Transaction
from models.enums import NeedKind, RelationshipLevel, Tier
from storage.book import Book
from ui.cli.app import run

pytestmark = pytest.mark.usefixtures("cli_english_afterwards")


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.db"
    with Book(path, new_book=True) as book:
        customer = book.customers.add(Customer(
            name="华东机械", code="HD", owner="王伟", tier_override=Tier.STRATEGIC,
            tier_override_reason="集团客户", relationship_level=RelationshipLevel.PARTNERSHIP)
        ).record
        book.transactions.add(Transaction(customer_id=customer.id, date=date(2026, 6, 1),
                                          amount=100_000))
        book.needs.add(Need(customer_id=customer.id, kind=NeedKind.COMPLAINT,
                            description="发票错误", raised_on=date(2026, 9, 1)))
        book.customers.add(Customer(name="Nobody", code="NB"))  # not scored: nothing fits
    return path


def test_list_and_show_in_chinese(book_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(book_path), "--lang", "zh_CN", "playbook", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7
    assert lines[2] == ("依赖型 → 合作共赢：拓宽关系、共享信息 [内置]：战略客户、重点客户；"
                        "2 · 依赖型 → 3 · 合作共赢；3 个目标，4 项行动")
    assert lines[6].startswith("低价值客户：控制服务成本 [内置]：低价值客户；"
                               "任意层次 → 提升一个层次")
    assert run(["--db", str(book_path), "--lang", "zh_CN", "playbook", "show",
                "Dependent → partnership: widen and share"]) == 0
    shown = capsys.readouterr().out
    assert "适用：战略客户、重点客户；关系层次 2 · 依赖型 → 3 · 合作共赢；每 60 天回顾一次" in shown
    assert "  - [销售额] 提升销售额（比近 12 个月 +15 %）" in shown
    assert "  - 第 21 天：会见客户管理层：提高沟通层级（我）" in shown


def test_list_and_show_in_english(book_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(book_path), "--lang", "en", "playbook", "show", "onboarding"]) == 0
    shown = capsys.readouterr().out
    assert shown.splitlines()[:2] == [
        "New customer onboarding (onboarding)",
        "For: New; relationship level any level → 2 · Dependent; review every 30 days"]
    assert "  - day 7: Welcome visit: meet the buyer and the user (me)" in shown
    assert run(["--db", str(book_path), "--lang", "en", "playbook", "show", "nothing"]) == 1
    assert "No playbook is called nothing." in capsys.readouterr().err


def test_plan_new_with_auto_and_a_named_template(book_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(book_path), "--lang", "zh_CN", "plan", "new", "HD", "--period",
                "2027", "--template", "auto"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "计划模板：合作共赢 → 共同成长：助力客户发展"
    assert "4 个目标，3 项行动，2 项支持措施，1 个需求。" in out[1]  # the complaint first
    with Book(book_path) as book:
        customer = book.customers.resolve("HD")
        plan = book.plans.of_customer(customer.id, "2027")
        assert plan is not None
        assert [o.description for o in plan.objectives][:2] == [
            "解决投诉：发票错误", "开展一个助力客户业务成长的联合项目"]
        assert plan.objectives[2].target_value == 120_000  # 100,000 in 2026, +20 %
        assert plan.actions[0].due_date == date(2027, 1, 31)  # day 30
        assert plan.actions[0].owner == "王伟"  # "me" is no one here: the owner
    assert run(["--db", str(book_path), "--lang", "en", "plan", "new", "HD", "--period",
                "2028", "--template", "low_value_cost_to_serve"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Playbook: Low-value customer: cost to serve",
                   out[1]] and out[1].endswith(
        "2 objectives, 2 actions, 0 support measures, 0 needs.")
    assert run(["--db", str(book_path), "--lang", "en", "plan", "new", "NB", "--period",
                "2027", "--template", "auto"]) == 0
    assert capsys.readouterr().out.startswith(
        "No playbook fits Nobody: the plan starts empty.\nCreated draft plan 2027 for Nobody")
    assert run(["--db", str(book_path), "--lang", "en", "plan", "new", "NB", "--period",
                "2029", "--template", "auto", "--from-previous"]) == 1
    assert "do not go together" in capsys.readouterr().err


def test_export_and_import_between_books(book_path: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with Book(book_path) as book:
        from models.playbooks import Playbook, PlaybookAction, PlaybookSteps

        book.playbooks.save(Playbook(name="经销商激励", tiers=("key",), from_level=2,
                                     body=PlaybookSteps(actions=(PlaybookAction(
                                         "季度返利核对", 90, "account_owner"),)).to_json()))
    out = tmp_path / "playbooks.json"
    assert run(["--db", str(book_path), "--lang", "zh_CN", "playbook", "export", "-o",
                str(out)]) == 0
    assert capsys.readouterr().out == f"已写入 {out}。\n"
    assert [p["name"] for p in json.loads(out.read_text("utf-8"))["playbooks"]] == ["经销商激励"]
    other = tmp_path / "other.db"
    Book(other, new_book=True).close()
    for expected in ("1 playbooks added, 0 replaced.", "0 playbooks added, 1 replaced."):
        assert run(["--db", str(other), "--lang", "en", "playbook", "import", str(out)]) == 0
        assert capsys.readouterr().out.endswith(expected + "\n")
    with Book(other) as book:
        assert book.playbooks.find("经销商激励", "en").steps.actions[0].offset_days == 90
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert run(["--db", str(other), "--lang", "zh_CN", "playbook", "import", str(bad)]) == 1
    assert "不是计划模板文件" in capsys.readouterr().err
