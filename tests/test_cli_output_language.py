"""What the commands print, in the user's language (issue 15, point 8): under --lang zh_CN
every line a user reads is Chinese (codes, paths, numbers and the data as they are; --json
unchanged); in English the lines read as they always did."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from models.config import DIMENSIONS
from tests.test_cli_help_language import PROPER_NAMES, _typed_words, _walk, english_runs
from ui.cli import text
from ui.cli.app import build_parser, run

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    text.choose_language("en")


@pytest.fixture(scope="module")
def made_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Chinese demo book of 40 customers whose plans run now (their actions are due)."""
    path = tmp_path_factory.mktemp("cli_language") / "book.db"
    assert run(["--db", str(path), "--lang", "en", "demo", "--customers", "40", "--lang",
                "zh_CN", "--anchor", date.today().isoformat()]) == 0
    return path


@pytest.fixture
def book(made_book: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "book.db"
    shutil.copy(made_book, copy)
    return copy


def _out(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert run(list(argv)) == code, argv
    captured = capsys.readouterr()
    return captured.out + captured.err


def _zh(capsys: pytest.CaptureFixture[str], book: Path, *argv: str, code: int = 0) -> str:
    return _out(capsys, "--db", str(book), "--lang", "zh_CN", *argv, code=code)


def _en(capsys: pytest.CaptureFixture[str], book: Path, *argv: str, code: int = 0) -> str:
    return _out(capsys, "--db", str(book), "--lang", "en", *argv, code=code)


def _counts(capsys: pytest.CaptureFixture[str], book: Path) -> dict[str, int]:
    counts: dict[str, int] = json.loads(_en(capsys, book, "info", "--json"))["counts"]
    return counts


def _a_planned_customer(book: Path) -> str:
    import sqlite3

    with sqlite3.connect(book) as db:
        row = db.execute("SELECT c.code FROM plans p JOIN customers c ON c.id = p.customer_id "
                         "ORDER BY c.code LIMIT 1").fetchone()
    return str(row[0])


# ---- demo and info -------------------------------------------------------------------
def test_demo_and_info_in_chinese_and_english(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    said = _zh(capsys, db, "demo", "--customers", "20", "--anchor", "2026-06-30")
    counts = _counts(capsys, db)
    first, second = said.splitlines()
    assert first.startswith(f"已向 {db} 添加 20 个客户、{counts['contacts']:,} 位联系人、"
                            f"{counts['transactions']:,} 笔交易、")
    assert f"{counts['plans']:,} 份客户经营计划，用时 " in first and first.endswith(" 秒。")
    assert second.startswith("已按 2026-06-30 为 20 个客户评分（战略客户 ")
    assert "低价值客户 " in second and "并保存快照 2026-06，用时 " in second
    info = _zh(capsys, db, "info").splitlines()
    assert info[0] == f"数据库：   {db}" and info[1].startswith("结构版本： ")
    assert info[2].startswith("文件大小： ") and info[2].endswith(" 字节")
    assert info[3].startswith("  customers ")  # table names are codes, as in English

    english = tmp_path / "english.db"
    said = _en(capsys, english, "demo", "--customers", "20", "--anchor", "2026-06-30")
    counts = _counts(capsys, english)
    first, second = said.splitlines()
    assert re.fullmatch(
        rf"Added 20 customers, {counts['contacts']:,} contacts, {counts['transactions']:,} "
        rf"transactions, {counts['interactions']:,} interactions, {counts['needs']:,} needs, "
        rf"{counts['assessments']:,} assessments and {counts['plans']:,} account plans to "
        rf"{re.escape(str(english))} in \d+\.\d s\.", first)
    assert re.fullmatch(r"Scored 20 customers as of 2026-06-30 \(strategic \d+, key \d+, "
                        r"standard \d+, low_value \d+\) and stored snapshot 2026-06 in "
                        r"\d+\.\d s\.", second)
    info = _en(capsys, english, "info").splitlines()
    assert info[0] == f"Database:       {english}" and info[1].startswith("Schema version: ")
    assert info[2].startswith("File size:      ") and info[2].endswith(" bytes")


# ---- score, explain, weights ---------------------------------------------------------
def test_score_explain_and_weights_in_chinese(capsys: pytest.CaptureFixture[str],
                                              book: Path) -> None:
    today = date.today()
    scored = _zh(capsys, book, "score").splitlines()
    assert re.fullmatch(rf"已按 {today} 为 40 个客户评分，用时 \d+\.\d\d 秒。", scored[0])
    assert scored[1] == "  等级             客户    占比             销售额 销售额占比"
    assert scored[2].startswith("  战略客户   ") and scored[5].startswith("  低价值客户 ")
    assert scored[6].startswith("  合计       ") and scored[7].startswith("集中度：")
    assert scored[8].startswith("ABC 分类：A ") and scored[9].startswith("生命周期：潜在 ")
    assert "个客户等级变化" in scored[10] and scored[11].startswith(f"已保存快照 {today:%Y-%m}")
    code = _a_planned_customer(book)
    explained = _zh(capsys, book, "explain", code)
    assert "，截至 " in explained and "得分 " in explained and "生命周期 " in explained
    assert "  维度                                原始值   得分    权重     贡献" in explained
    assert "  销售额 " in explained and "  总分 " in explained
    weights = _zh(capsys, book, "weights").splitlines()
    assert weights[0] == "权重（%）：" and weights[1] == "  销售额         20"
    assert weights[-1] == ("等级门槛：战略客户 75，重点客户 60，普通客户 35；"
                           "销售额门槛：前 20%。")
    changed = _zh(capsys, book, "weights", "--threshold", "key=61")
    assert re.search(r"已保存；已按 \S+ 为 40 个客户重新分级：\d+ 个等级变化。", changed)
    refused = _zh(capsys, book, "weights", "--threshold", "top=9", code=1)
    assert refused == ("keyplan：错误：--threshold 中的等级“top”未知；"
                       "请用 strategic, key, standard\n")


def test_score_explain_and_weights_in_english_as_before(capsys: pytest.CaptureFixture[str],
                                                        book: Path) -> None:
    today = date.today()
    scored = _en(capsys, book, "score").splitlines()
    assert re.fullmatch(rf"Scored 40 customers as of {today} in \d+\.\d\d s\.", scored[0])
    assert scored[1] == "  tier        customers   share            revenue rev. share"
    assert scored[2].startswith("  strategic  ") and scored[5].startswith("  low_value  ")
    assert re.fullmatch(r"Concentration: [\d.]+ % of buying customers \(\d+ of \d+\) bring "
                        r"80 % of revenue\.", scored[7])
    assert scored[8].startswith("ABC classes: A ")
    assert scored[9].startswith("Lifecycle: potential ")
    assert re.fullmatch(r"\d+ customers changed tier; \d+ tiers are manual overrides\.",
                        scored[10])
    assert re.fullmatch(rf"Snapshot {today:%Y-%m} stored in \d+\.\d s\.", scored[11])
    explained = _en(capsys, book, "explain", _a_planned_customer(book))
    assert "  dimension                        raw value points  weight contrib." in explained
    assert re.search(r"\n  tenure +[\d.]+ months ", explained)
    assert "\n  score                                                100%" in explained
    weights = _en(capsys, book, "weights").splitlines()
    assert weights[0] == "Weights (%):" and weights[1] == "  revenue                20"
    assert weights[-1] == ("Thresholds: strategic 75, key 60, standard 35; revenue guard: "
                           "top 20 %.")
    refused = _en(capsys, book, "weights", "--threshold", "top=9", code=1)
    assert refused == ("keyplan: error: unknown tier 'top' in --threshold; use strategic, "
                       "key, standard\n")


# ---- plans ---------------------------------------------------------------------------
def test_plan_list_due_and_progress_in_both_languages(capsys: pytest.CaptureFixture[str],
                                                      book: Path) -> None:
    code = _a_planned_customer(book)
    listed = _zh(capsys, book, "plan", "list").splitlines()
    assert listed and all(re.search(r"（C\d+）|\(C\d+\)", line) for line in listed)
    assert all("项未完成行动" in line for line in listed)
    assert any(line.startswith(f"{date.today().year}") and "执行中" in line for line in listed)
    due = _zh(capsys, book, "plan", "due", "--days", "400")
    assert due.strip() and "OVERDUE" not in due
    progress = _zh(capsys, book, "plan", "progress", code).splitlines()
    assert "，期间已过 " in progress[0] and "；销售额 " in progress[0]
    assert any("实际 " in line for line in progress)
    assert re.fullmatch(r"  行动：\d+ 项未完成（\d+ 项逾期），\d+ 项已完成", progress[-1])
    assert _zh(capsys, book, "plan", "progress", code, "--period", "1999", code=1) \
        .endswith("没有 1999 的客户经营计划\n")

    listed = _en(capsys, book, "plan", "list").splitlines()
    assert all(re.search(r"\): \d+ open actions(, next due \d{4}-\d\d-\d\d)?"
                         r"(  \d+ OVERDUE)?$", line) for line in listed)
    progress = _en(capsys, book, "plan", "progress", code).splitlines()
    assert re.search(r" \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\), \d+% of the period gone; "
                     r"revenue [\d,.]+$", progress[0])
    assert re.fullmatch(r"  actions: \d+ open \(\d+ overdue\), \d+ done", progress[-1])
    assert _en(capsys, book, "plan", "progress", code, "--period", "1999", code=1) \
        .endswith(" has no plan for 1999\n")


# ---- exports -------------------------------------------------------------------------
def test_exports_say_what_they_wrote_in_both_languages(capsys: pytest.CaptureFixture[str],
                                                       book: Path, tmp_path: Path) -> None:
    code = _a_planned_customer(book)
    plan = tmp_path / "plan.xlsx"
    said = _zh(capsys, book, "export", "plan", code, "-o", str(plan), "--lang", "zh_CN")
    assert re.fullmatch(rf"已写入 {re.escape(str(plan))}（\d+ 张工作表：概况, .*），"
                        r"用时 \d+\.\d\d 秒。\n", said)
    portfolio = tmp_path / "portfolio.xlsx"
    assert re.fullmatch(rf"已写入 {re.escape(str(portfolio))}：40 个客户，用时 \d+\.\d 秒。\n",
                        _zh(capsys, book, "export", "portfolio", "-o", str(portfolio)))
    weekly = tmp_path / "weekly.xlsx"
    assert _zh(capsys, book, "export", "weekly", "-o", str(weekly)).startswith(
        f"已写入 {weekly}（")
    said = _en(capsys, book, "export", "plan", code, "-o", str(plan), "--lang", "en")
    assert re.fullmatch(rf"Wrote {re.escape(str(plan))} \(\d+ sheets: Overview, .*\) in "
                        r"\d+\.\d\d s\.\n", said)
    assert re.fullmatch(rf"Wrote {re.escape(str(portfolio))}: 40 customers in \d+\.\d s\.\n",
                        _en(capsys, book, "export", "portfolio", "-o", str(portfolio)))


def test_an_export_without_its_own_lang_writes_in_the_messages_language(
        capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path) -> None:
    """keyplan --lang zh_CN export plan … (no --lang of the export's own) names its sheets in
    Chinese as its message does; the export's own --lang still wins."""
    from openpyxl import load_workbook

    code = _a_planned_customer(book)
    plan = tmp_path / "plan.xlsx"
    _zh(capsys, book, "export", "plan", code, "-o", str(plan))
    names = load_workbook(plan, read_only=True).sheetnames
    assert names[0] == "概况" and "经营计划" in names and "Plan" not in names
    portfolio = tmp_path / "portfolio.xlsx"
    _zh(capsys, book, "export", "portfolio", "-o", str(portfolio))
    assert "客户" in load_workbook(portfolio, read_only=True).sheetnames
    _zh(capsys, book, "export", "plan", code, "-o", str(plan), "--lang", "en")
    names = load_workbook(plan, read_only=True).sheetnames
    assert names[0] == "Overview" and "Plan" in names and "经营计划" not in names
    _en(capsys, book, "export", "plan", code, "-o", str(plan))
    names = load_workbook(plan, read_only=True).sheetnames
    assert names[0] == "Overview" and "Plan" in names and "经营计划" not in names


# ---- backup, restore, check ----------------------------------------------------------
def test_backup_restore_and_check_in_both_languages(capsys: pytest.CaptureFixture[str],
                                                    book: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert re.fullmatch(rf"已备份到 {re.escape(str(copy))}（[\d,]+ 字节，已校验完整性），"
                        r"用时 \d+\.\d 秒。\n", _zh(capsys, book, "backup", "-o", str(copy)))
    assert _zh(capsys, book, "backup", "-o", str(copy), code=1) == \
        f"keyplan：错误：{copy} 已存在；请换一个文件名\n"
    assert _zh(capsys, book, "backup", "--keep-daily", "5", "--keep-weekly", "3") == \
        "保留 5 份每日和 3 份每周自动备份。\n"
    assert _zh(capsys, book, "backup", "--list") == "还没有备份。\n"
    _zh(capsys, book, "backup")
    listed = _zh(capsys, book, "backup", "--list")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  手动      +[\d,]+  已校验     \S+\n",
                        listed)
    assert re.fullmatch(rf"{re.escape(str(book))}：完整性检查通过，用时 \d+\.\d 秒。\n",
                        _zh(capsys, book, "check"))
    assert _zh(capsys, book, "check", "--quick").endswith("：快速检查通过，用时 0.0 秒。\n") \
        or "快速检查通过" in _zh(capsys, book, "check", "--quick")
    restored = _zh(capsys, book, "restore", str(copy))
    assert re.fullmatch(rf"已从 {re.escape(str(copy))} 恢复 {re.escape(str(book))}，用时 "
                        r"\d+\.\d 秒；被替换的客户簿保存为 \S+。\n", restored)
    missing = tmp_path / "none.db"
    assert _zh(capsys, book, "restore", str(missing), code=1) == \
        f"keyplan：错误：{missing} 不存在\n"

    assert _en(capsys, book, "backup", "--keep-daily", "5", "--keep-weekly", "3") == \
        "Keeping 5 daily and 3 weekly automatic backups.\n"
    listed = _en(capsys, book, "backup", "--list")
    assert re.fullmatch(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  (manual   |replaced ) +[\d,]+  "
                        r"verified   \S+\n)+", listed)
    assert re.fullmatch(rf"{re.escape(str(book))}: integrity check passed in \d+\.\d s\.\n",
                        _en(capsys, book, "check"))
    assert _en(capsys, book, "restore", str(missing), code=1) == \
        f"keyplan: error: {missing} does not exist\n"


# ---- chart, screenshot and import's own errors ----------------------------------------
def test_chart_screenshot_and_import_errors_in_both_languages(
        qapp: object, capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path) -> None:
    """(qapp: the chart command makes a QCoreApplication when none exists, which would stop the
    widget tests that follow in this process.)"""
    png = str(tmp_path / "chart.png")
    assert _zh(capsys, book, "chart", "radar", "-o", png, code=1) == \
        "keyplan：错误：radar 图表需要指定客户（--customer）\n"
    assert _en(capsys, book, "chart", "radar", "-o", png, code=1) == \
        "keyplan: error: the radar chart needs a customer (--customer)\n"
    assert _zh(capsys, book, "chart", "migration", "--from", "1999-01", "-o", png,
               code=1).startswith("keyplan：错误：没有期间 '1999-01' 的快照（已有：")
    assert _en(capsys, book, "chart", "tiers", "-o", str(tmp_path / "x.gif"), code=1) == \
        f"keyplan: error: {tmp_path / 'x.gif'}: the file name must end in .png or .svg\n"
    assert _zh(capsys, book, "chart", "tiers", "-o", str(tmp_path / "x.gif"), code=1) == \
        f"keyplan：错误：{tmp_path / 'x.gif'}：文件名必须以 .png 或 .svg 结尾\n"
    assert _zh(capsys, book, "chart", "tiers", "--size", "3", "-o", png, code=1) == \
        "keyplan：错误：--size 的格式应如 1000x600，而不是 '3'\n"
    nowhere = tmp_path / "no" / "shot.png"
    assert _zh(capsys, book, "screenshot", str(nowhere), code=1) == \
        f"keyplan：错误：文件夹不存在：{nowhere.parent}\n"
    assert _en(capsys, book, "screenshot", str(nowhere), code=1) == \
        f"keyplan: error: no such folder: {nowhere.parent}\n"
    csv = tmp_path / "c.csv"
    csv.write_text("客户名称\n甲\n", encoding="utf-8")
    assert _zh(capsys, book, "import", "customers", str(csv), "--map", "X", code=1) == \
        "keyplan：错误：--map 的格式应为 列=字段，收到的是 'X'\n"
    assert _en(capsys, book, "import", "customers", str(csv), "--map", "X", code=1) == \
        "keyplan: error: --map expects COLUMN=FIELD, got 'X'\n"
    assert _zh(capsys, book, "import", "--undo", "99", code=1) == \
        "keyplan：错误：没有导入批次 99（见 keyplan import --list）\n"
    assert _en(capsys, book, "import", "--undo", "last", code=1) == \
        "keyplan: error: no import to undo\n"


# ---- the walk ------------------------------------------------------------------------
def _allowed_words() -> set[str]:
    """What the user types or reads as a code: option names, choices, commands, fields,
    dimensions, tier and table names."""
    text.choose_language("zh_CN")
    words: set[str] = set(PROPER_NAMES) | set(DIMENSIONS)
    for parser in _walk(build_parser()):
        words |= _typed_words(parser)
    return words


def test_the_main_commands_in_chinese_leave_no_english_sentence(
        qapp: object, capsys: pytest.CaptureFixture[str], book: Path, tmp_path: Path) -> None:
    """Every main command under --lang zh_CN: some Chinese on each, and no run of three English
    words outside paths, codes, option names and the (Chinese) demo data."""
    code = _a_planned_customer(book)
    out = tmp_path / "out"
    out.mkdir()
    csv = out / "sales.csv"
    csv.write_text(f"客户编号,日期,金额\n{code},2026-01-05,100\n{code},2026-13-05,50\n",
                   encoding="utf-8")
    commands: list[tuple[list[str], int]] = [
        (["info"], 0), (["score"], 0), (["score", "--backfill", "2"], 0),
        (["explain", code], 0), (["weights"], 0), (["weights", "--guard", "off"], 0),
        (["plan", "list"], 0), (["plan", "due", "--days", "400"], 0),
        (["plan", "progress", code], 0), (["plan", "new", code, "--period", "2030"], 0),
        (["playbook", "list"], 0),
        (["competitor", "add", code, "对手甲", "--share", "20"], 0),
        (["competitor", "list", code], 0),
        (["export", "plan", code, "-o", str(out / "p.xlsx"), "--lang", "zh_CN"], 0),
        (["export", "portfolio", "-o", str(out / "f.xlsx"), "--lang", "zh_CN"], 0),
        (["export", "weekly", "-o", str(out / "w.xlsx"), "--lang", "zh_CN"], 0),
        (["export", "book", "-o", str(out / "b.xlsx"), "--lang", "zh_CN"], 0),
        (["export", "rollup", "-o", str(out / "r.xlsx"), "--lang", "zh_CN"], 0),
        (["export", "calendar", "-o", str(out / "c.ics"), "--lang", "zh_CN"], 0),
        (["import", "transactions", str(csv), "--dry-run"], 1),
        (["import", "transactions", str(csv), "--skip-invalid", "--no-rescore"], 0),
        (["import", "--list"], 0), (["import", "--undo", "last", "--no-rescore"], 0),
        (["backup", "-o", str(out / "copy.db")], 0), (["backup", "--list"], 0),
        (["check"], 0), (["restore", str(out / "copy.db")], 0),
        (["chart", "history", "-o", str(out / "h.png")], 1),
    ]
    allowed = _allowed_words() | {code}
    for argv, expected in commands:
        said = _zh(capsys, book, *argv, code=expected)
        assert CHINESE.search(said), (argv, said)
        without_paths = re.sub(r"/\S+", " ", said)
        assert english_runs(without_paths, allowed) == [], (argv, said)


def test_a_damaged_book_names_the_restore_command_in_chinese(
        capsys: pytest.CaptureFixture[str], book: Path) -> None:
    assert _en(capsys, book, "backup").startswith("Backed up to ")
    data = bytearray(book.read_bytes())
    data[100] = 0x07  # the schema page's b-tree type: no longer one that exists
    book.write_bytes(bytes(data))
    lines = _zh(capsys, book, "info", code=1).splitlines()
    assert lines[0].startswith("keyplan：错误：")
    assert lines[1].startswith(f"keyplan：用这条命令恢复最新的完好备份：keyplan --db {book} "
                               "restore ")
    lines = _en(capsys, book, "info", code=1).splitlines()
    assert lines[1].startswith(f"keyplan: restore the newest good backup with: keyplan --db "
                               f"{book} restore ")


def test_a_screenshot_of_an_unknown_tab_says_so_in_both_languages(book: Path,
                                                                  tmp_path: Path) -> None:
    """In a process of its own: the window the command opened is left to the process's end."""
    said = {}
    for lang in ("zh_CN", "en"):
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(book),
                               "--lang", lang, "screenshot", str(tmp_path / "s.png"), "--view",
                               "customer:C000001:nope"], capture_output=True, text=True,
                              cwd=ROOT, timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 1 and not done.stdout
        said[lang] = done.stderr
    assert said["zh_CN"].startswith("keyplan：错误：未知的标签页 'nope'；可选：overview, profile, ")
    assert said["en"].startswith("keyplan: error: unknown tab 'nope'; choose from overview, "
                                 "profile, ")
