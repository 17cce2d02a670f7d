"""The command line speaks the user's language: --lang, else $KEYPLAN_LANG, else the locale."""

from __future__ import annotations

import locale
from pathlib import Path

import pytest

from storage import export_labels
from ui.cli import text
from ui.cli.app import run

pytestmark = pytest.mark.usefixtures("cli_english_afterwards")


@pytest.fixture
def not_a_book(tmp_path: Path) -> Path:
    path = tmp_path / "notes.csv"
    path.write_text("客户,金额\n", encoding="utf-8")
    return path


def test_lang_option_gives_chinese_errors(not_a_book: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(not_a_book), "--lang", "zh_CN", "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("keyplan：错误：") and "不是 KeyPlan 数据库" in err


def test_the_environment_and_the_locale_decide_without_the_option(
        not_a_book: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv(text.ENVIRONMENT, raising=False)
    run(["--db", str(not_a_book), "info"])
    assert "不是 KeyPlan 数据库" in capsys.readouterr().err
    monkeypatch.setenv(text.ENVIRONMENT, "en")  # a script that wants fixed output
    run(["--db", str(not_a_book), "info"])
    assert "is not a KeyPlan database" in capsys.readouterr().err


def test_a_windows_chinese_locale_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda: ("Chinese (Simplified)_China", "936"))
    assert export_labels.default_language() == "zh_CN"
    monkeypatch.setattr(locale, "getlocale", lambda: ("English_United States", "1252"))
    assert export_labels.default_language() == "en"


def test_a_message_with_a_broken_translation_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    text.choose_language("zh_CN")
    catalog = dict(text._catalog("zh_CN"))
    catalog[(text.CONTEXT, "keyplan: error: {message}")] = "错误：{mesage}"  # a typo
    monkeypatch.setattr(text, "_catalog", lambda _lang: catalog)
    assert text.t("keyplan: error: {message}", message="x") == "keyplan: error: x"
