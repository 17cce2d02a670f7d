"""``keyplan competitor add|list|remove`` in English and Chinese: what they print and write,
the shares' rule and the refusals (issue 19, point 3)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from models.competition import ThreatLevel
from models.entities import Customer, Transaction
from storage.book import Book
from ui.cli.app import run

pytestmark = pytest.mark.usefixtures("cli_english_afterwards")


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.db"
    with Book(path, new_book=True) as book:
        customer = book.customers.add(Customer(name="华东机械", code="HD")).record
        book.transactions.add(Transaction(customer_id=customer.id, date=date.today(),
                                          amount=60_000))
        book.scoring.rescore(date.today())
    return path


def _run(path: Path, lang: str, *args: str) -> int:
    return run(["--db", str(path), "--lang", lang, "competitor", *args])


def test_add_list_and_remove_in_english(book_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(book_path, "en", "add", "HD", "Acme", "--share", "25", "--threat", "high",
                "--products", "bearings", "--strengths", "cheap") == 0
    # ours 75 %, yearly spend 60,000 / 0.75 = 80,000
    assert capsys.readouterr().out.splitlines() == [
        "Added competitor Acme for 华东机械.",
        "Our share of wallet: 75 % (competitors 25 %). The customer's yearly spend: about "
        "80,000."]
    assert _run(book_path, "en", "add", "HD", " acme ", "--share", "40") == 0
    assert capsys.readouterr().out.startswith("Updated competitor Acme of 华东机械.")
    assert _run(book_path, "en", "add", "HD", "Beta") == 0
    capsys.readouterr()
    assert _run(book_path, "en", "list", "HD") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Acme  [High]  40 %  bearings", "    strengths: cheap", "Beta  [Medium]  share unknown",
        "Our share of wallet: 60 % (competitors 40 %). The customer's yearly spend: about "
        "100,000."]
    assert _run(book_path, "en", "list", "HD", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in listed["competitors"]] == ["Acme", "Beta"]
    assert (listed["our_percent"], listed["total_spend_estimate"]) == (60.0, 100_000.0)
    assert _run(book_path, "en", "remove", "HD", "Beta") == 0
    assert capsys.readouterr().out == "Removed competitor Beta from 华东机械.\n"
    with Book(book_path) as book:
        customer = book.customers.resolve("HD")
        assert [(c.name, c.threat, c.share_percent, c.products, c.reviewed_on)
                for c in book.competition.competitors(customer.id)] == [
            ("Acme", ThreatLevel.HIGH, 40.0, "bearings", date.today())]


def test_refusals(book_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(book_path, "en", "add", "HD", "Acme", "--share", "70") == 0
    assert _run(book_path, "en", "add", "HD", "Beta", "--share", "31") == 1
    assert "100" in capsys.readouterr().err
    assert _run(book_path, "en", "add", "HD", "Beta", "--share", "lots") == 1
    assert _run(book_path, "en", "remove", "HD", "Gamma") == 1
    assert "华东机械 has no competitor named Gamma." in capsys.readouterr().err
    with Book(book_path) as book:
        assert book.reader.scalar("SELECT count(*) FROM competitors") == 1


def test_in_chinese(book_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(book_path, "zh_CN", "list", "HD") == 0
    assert capsys.readouterr().out == "华东机械 尚未记录竞争对手。\n"
    assert _run(book_path, "zh_CN", "add", "HD", "海天", "--share", "40", "--threat",
                "low") == 0
    assert capsys.readouterr().out.splitlines() == [
        "已为 华东机械 添加竞争对手 海天。",
        "我方钱包份额：60 %（竞争对手合计 40 %）。客户年采购总额约 100,000。"]
    assert _run(book_path, "zh_CN", "list", "HD") == 0
    assert capsys.readouterr().out.splitlines()[0] == "海天  [低]  40 %"
    assert _run(book_path, "zh_CN", "add", "HD", "李锦记", "--share", "61") == 1
    assert "竞争对手的份额合计为 101 %：最多为 100 %。" in capsys.readouterr().err
    assert _run(book_path, "zh_CN", "remove", "HD", "海天") == 0
    assert capsys.readouterr().out == "已从 华东机械 删除竞争对手 海天。\n"
