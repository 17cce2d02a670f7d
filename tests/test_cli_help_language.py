"""The command line's help (and argparse's own words) in the user's language: --lang, else
$KEYPLAN_LANG, else the locale, decided before the parser is built; English unchanged."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.cli import text
from ui.cli.app import build_parser, run
from ui.cli.commands_score import DIMENSIONS
from ui.cli.help_format import display_width, wrap
from ui.cli.import_fields import IMPORT_FIELDS

ROOT = Path(__file__).resolve().parent.parent

#: Names a user types or reads as they are: never a sentence left in English.
PROPER_NAMES = frozenset({"KeyPlan", "SQLite", "Excel", "LibreOffice", "Outlook", "Google",
                          "Apple", "PNG", "SVG", "JSON", "CSV", "PRAGMA", "Order", "ID",
                          "Total", "BOM"})
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z']*[,.;:]?")


pytestmark = pytest.mark.usefixtures("cli_english_afterwards")


def _walk(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _walk(sub)


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """What the user types: option names, metavars, choices, command and field names."""
    words = {parser.prog.split()[-1], *PROPER_NAMES}
    for action in parser._actions:
        words.update(action.option_strings)
        words.update(str(c) for c in action.choices or ())
        metavar = action.metavar if isinstance(action.metavar, str) else ""
        words.update(re.split(r"[^\w-]+", metavar))
        if isinstance(action, argparse._SubParsersAction):
            words.update(action.choices)
    for kind, fields in IMPORT_FIELDS.items():
        words.update((kind, *fields))
    words.update(DIMENSIONS)  # weights --set DIM=PERCENT
    return words


def english_runs(help_text: str, typed: set[str]) -> list[str]:
    """Runs of three or more English words in a row, not counting quoted commands (a 'keyplan
    ...' example) and what the user types."""
    unquoted = re.sub(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])", " ", " ".join(help_text.split()))
    runs, run_ = [], []
    for token in unquoted.split():
        word = ENGLISH_WORD.fullmatch(token) and token.rstrip(",.;:") not in typed
        if word:
            run_.append(token)
            continue
        if len(run_) >= 3:
            runs.append(" ".join(run_))
        run_ = []
    if len(run_) >= 3:
        runs.append(" ".join(run_))
    return runs


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        run(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


def flat(help_text: str) -> str:
    """Without spaces or line breaks: what the wrapping to the terminal's width does not
    change."""
    return re.sub(r"\s+", "", help_text)


def test_main_help_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "zh_CN", "--help"], capsys)
    assert out.startswith("用法：keyplan [-h] [--db PATH]")
    for words in ("位置参数", "选项", "显示本帮助信息并退出", "显示程序的版本号并退出",
                  "在本机的 SQLite 客户簿上", "从电子表格（.xlsx、.xls、.ods 等）或 CSV 导入"):
        assert flat(words) in flat(out), words
    assert english_runs(out, _typed_words(build_parser())) == []


def test_import_help_in_chinese_names_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "zh_CN", "import", "--help"], capsys)
    assert out.startswith("用法：keyplan import [-h]")
    assert flat("要导入的文件：.xlsx、.xlsm、.xlsb、.xls、.ods 或 .csv") in flat(out)
    assert flat("GB18030/GBK、Big5、Shift_JIS") in flat(out)
    assert "字段：customers: code, name" in out  # field names stay as typed
    assert "only the rows" not in out and "usage" not in out


def test_a_sub_subcommand_help_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "zh_CN", "export", "calendar", "--help"], capsys)
    assert out.startswith("用法：keyplan export calendar [-h] -o FILE.ics")
    assert "起始日期（默认：30 天前）" in out and "截止日期（默认：365 天后）" in out
    assert flat("只导出这一类事项（可重复）：follow_up, plan_action, plan_review, need") \
        in flat(out)


def test_a_commands_own_lang_and_the_environment_decide_too(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = _help(["export", "plan", "--help", "--lang", "zh_CN"], capsys)
    assert "导出一个客户的经营计划工作簿。" in out
    monkeypatch.setenv(text.ENVIRONMENT, "zh_CN")
    assert flat("新建计划草稿。使用 --from-previous 时") in flat(_help(["plan", "new", "--help"],
                                                                       capsys))
    monkeypatch.setenv(text.ENVIRONMENT, "en")
    assert "Create a draft plan." in _help(["plan", "new", "--help"], capsys)
    monkeypatch.setenv(text.ENVIRONMENT, "zh_CN")  # the option wins
    assert "Create a draft plan." in _help(["--lang", "en", "plan", "new", "--help"], capsys)


def test_the_first_lang_is_read_before_parsing() -> None:
    assert text.language_in(["--lang", "zh_CN", "export", "book", "--lang", "en"]) == "zh_CN"
    assert text.language_in(["export", "book", "-o", "x.xlsx", "--lang=zh_CN"]) == "zh_CN"
    assert text.language_in(["import", "customers", "--", "--lang", "zh_CN"]) is None
    assert text.language_in(["--lang"]) is None  # argparse reports it, in the default language


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_help_in_chinese_has_no_english_sentence_and_fits(
        lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each (sub)command's help: in Chinese, no three English words in a row outside what
    the user types; every line within the terminal's 80 columns (a Chinese character takes
    two) but usage lines listing choices; in English, no Chinese beyond its examples."""
    monkeypatch.setenv("COLUMNS", "80")
    text.choose_language(lang)
    parsers = list(_walk(build_parser()))
    assert len(parsers) >= 40
    found: dict[str, list[str]] = {}
    for parser in parsers:
        help_text = parser.format_help()
        assert "%%" not in help_text, parser.prog  # a description is not %-formatted
        unexplained = [action.metavar or action.dest for action in parser._actions
                       if action.help is None
                       and not isinstance(action, argparse._SubParsersAction)]
        assert not unexplained, (parser.prog, unexplained)
        if lang == "zh_CN":
            assert "用法：" in help_text and "选项:" in help_text, parser.prog
            runs = english_runs(help_text, _typed_words(parser))
            if runs:
                found[parser.prog] = runs
            wide = [line for line in help_text.splitlines()
                    if display_width(line) > 80 and "{" not in line]
            assert not wide, (parser.prog, wide)
        else:
            assert help_text.startswith("usage: "), parser.prog
            assert "options:" in help_text and "show this help message and exit" in help_text
            chinese = set(re.findall(r"[\u4e00-\u9fff]+", help_text))
            assert chinese <= {"客户经营计划", "周报", "按销售人员", "客户名称", "订单编号",
                               "实付金额", "客戶名稱", "売上", "合计", "订单状态", "已完成"
                               }, parser.prog
    assert not found, found


def test_english_help_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(["--lang", "en", "import", "--help"], capsys)
    assert out.startswith("usage: keyplan import [-h] [--sheet NAME]")
    assert "positional arguments:" in out and "options:" in out
    assert "  -h, --help            show this help message and exit" in out
    assert "--skip-invalid        import the valid rows and report the bad ones" in out
    assert "the file: .xlsx, .xlsm, .xlsb, .xls, .ods or .csv" in out
    assert ".xlsx or .csv file" not in out and "an .xlsx workbook or a CSV" not in out


def test_usage_errors_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(["--lang", "zh_CN", "export", "plan", "X"], capsys) == (
        "keyplan export plan：错误：缺少以下必需的参数：-o/--output")
    assert _usage_error(["--lang", "zh_CN", "import", "--sheet"], capsys) == (
        "keyplan import：错误：参数 --sheet：需要一个值")
    assert _usage_error(["--lang", "zh_CN", "frobnicate"], capsys).startswith(
        "keyplan：错误：参数 COMMAND：无效的选项：'frobnicate'（可选：'demo'")
    assert _usage_error(["--lang", "zh_CN", "demo", "--customers", "x"], capsys) == (
        "keyplan demo：错误：参数 --customers：不是整数：'x'")
    assert _usage_error(["--lang", "en", "export", "plan", "X"], capsys) == (
        "keyplan export plan: error: the following arguments are required: -o/--output")
    assert _usage_error(["--lang", "en", "demo", "--customers", "x"], capsys) == (
        "keyplan demo: error: argument --customers: not a whole number: 'x'")


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        run(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(("用法：keyplan", "usage: keyplan")), err
    return err[-1]


def test_wrapping_counts_a_chinese_character_as_two_columns() -> None:
    lines = wrap("导出汇总表（工作表 'By salesperson' / '按销售'）：每位负责人一行，另加合计。", 20)
    assert lines == ["导出汇总表（工作表", "'By salesperson' /", "'按销售'）：每位负责",
                     "人一行，另加合计。"]
    assert all(display_width(line) <= 20 for line in lines)
    assert wrap("a-very-long-path/without/any/spaces/in/it", 11)[0] == "a-very-long"


def _main(*argv: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", text.ENVIRONMENT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True,
                          cwd=ROOT, timeout=120, env={**environment, **env})


def test_the_environment_and_the_locale_in_a_real_process() -> None:
    by_variable = _main("import", "--help", KEYPLAN_LANG="zh_CN", PYTHONIOENCODING="utf-8")
    assert by_variable.returncode == 0
    assert by_variable.stdout.decode("utf-8").startswith("用法：keyplan import")
    by_locale = _main("team", "join", "--help", LANG="zh_CN.UTF-8", PYTHONIOENCODING="utf-8")
    assert by_locale.returncode == 0 and "用法：keyplan team join" in by_locale.stdout.decode()
    english = _main("--help", LANG="en_US.UTF-8", PYTHONIOENCODING="utf-8")
    assert english.stdout.decode().startswith("usage: keyplan")


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
def test_chinese_help_on_a_windows_console_encoding(encoding: str) -> None:
    """A GBK console shows the help; a cp1252 one gets '?' for what it cannot write, and no
    UnicodeEncodeError ends the command."""
    result = _main("--lang", "zh_CN", "import", "--help", PYTHONIOENCODING=encoding)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    out = result.stdout.decode(encoding)
    if encoding == "gbk":
        assert out.startswith("用法：keyplan import") and "客户簿" in out
    else:
        assert out.startswith("???keyplan import") and "--skip-invalid" in out
