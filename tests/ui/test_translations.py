"""The Chinese translation is complete, compiled and in step with the code."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from storage.errors import NotADatabaseError
from ui.gui.text import i18n

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
TS = I18N / "keyplan_zh_CN.ts"
QM = I18N / "keyplan_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _messages() -> list[tuple[str, str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None, (name, source)
            found.append((name, source, message.findtext("comment") or "", translation))
    return found


def _updater():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  I18N / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated() -> None:
    unfinished = [(c, s) for c, s, _, t in _messages()
                  if t is None or t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert not unfinished, f"untranslated in {TS.name}: {unfinished}"


def test_translations_keep_placeholders() -> None:
    broken = [(c, s) for c, s, _, t in _messages()
              if t is not None and sorted(PLACEHOLDER.findall(s))
              != sorted(PLACEHOLDER.findall(t.text or ""))]
    assert not broken, f"placeholders differ: {broken}"


def test_a_book_is_kehubu_everywhere() -> None:
    """A book of customers is 客户簿 in every context: storage's and the command line's team
    messages said 账簿 (29 places) where the window says 客户簿."""
    ledger = [(c, s) for c, s, _, t in _messages()
              if t is not None and "账簿" in "".join(t.itertext())]
    assert not ledger, f"账簿 instead of 客户簿: {ledger}"


def test_domain_messages_are_in_the_ts() -> None:
    """Every tr_noop message of models/ and storage/ reaches the translators."""
    present = {(c, s) for c, s, _, _ in _messages()}
    missing = [m for m in _updater().domain_messages() if m not in present]
    assert not missing, ("run resources/i18n/update_translations.py and translate: "
                         f"{missing}")


def test_committed_qm_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), \
        "keyplan_zh_CN.qm is stale: run resources/i18n/update_translations.py"


def test_every_message_in_the_code_has_a_translation() -> None:
    """lupdate over ui/ plus the domain's tr_noop messages finds nothing untranslated."""
    problems = _updater().check()
    assert not problems, ("run resources/i18n/update_translations.py and translate:\n"
                          + "\n".join(problems))


def test_chinese_is_loaded_for_ui_and_domain_messages(chinese: None) -> None:
    assert i18n.current_language() == i18n.CHINESE
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("Validation", "This field is required.") == "此项为必填项。"
    message = i18n.storage_message(NotADatabaseError("/tmp/x.txt"))
    assert message == "/tmp/x.txt 不是 KeyPlan 数据库（它不是 SQLite 文件）。该文件未被改动。"


def test_language_follows_preference_then_system(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.resolve_language("zh_CN") == "zh_CN"
    assert i18n.resolve_language("en") == "en"
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.resolve_language("") == "zh_CN"
    assert i18n.resolve_language("fr") == "zh_CN"


# ---- every screen in Chinese -----------------------------------------------------------------
def _translated_english() -> set[str]:
    """English sources that have a different Chinese translation (so must not show)."""
    found = set()
    for _context, source, _comment, translation in _messages():
        text = translation.text if translation is not None else ""
        if text and text != source and translation.get("type") not in ("vanished", "obsolete"):
            found.update({source, source.replace("&", "")})
    return found


def _shown_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QTabWidget,
        QWidget,
    )

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models (the side bar) keep columnCount private
                columns = 1
            texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
            for row in range(min(model.rowCount(), 30)):
                parent = model.index(row, 0)
                texts += [model.data(model.index(row, c)) for c in range(columns)]
                texts += [model.data(model.index(r, c, parent))
                          for r in range(min(model.rowCount(parent), 5)) for c in range(columns)]
    for menu in root.findChildren(QMenu):
        texts.append(menu.title())
    texts += [action.text() for action in root.findChildren(QAction)]
    return [t for t in texts if isinstance(t, str) and t]


def test_no_screen_shows_translated_english_in_chinese(qtbot, chinese: None,  # type: ignore[no-untyped-def]
                                                        scored_path: Path, settings) -> None:
    from models.enums import Tier
    from tests.ui.conftest import open_window, wait_idle
    from ui.gui.dialogs.backups_dialog import BackupsDialog
    from ui.gui.dialogs.preferences_dialog import PreferencesDialog
    from ui.gui.views.filter_bar import BookFilters

    window = open_window(qtbot, scored_path, settings, view="today")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.today.is_loaded, timeout=10_000)
    english = _translated_english()
    seen: dict[str, list[str]] = {}
    seen["today"] = _shown_texts(window)
    window.customers.set_filters(BookFilters(tiers=frozenset({Tier.KEY}), ids=frozenset(),
                                             ids_label=""))
    window.show_view("customers")
    seen["customers"] = _shown_texts(window)
    window.show_view("plans")
    qtbot.waitUntil(lambda: window.plans.is_loaded, timeout=10_000)
    seen["plans"] = _shown_texts(window)
    window.show_view("dashboard")
    qtbot.waitUntil(lambda: window.dashboard.is_loaded, timeout=30_000)
    seen["dashboard"] = _shown_texts(window)
    window.preferences_action.trigger()
    preferences = window.findChild(PreferencesDialog)
    assert preferences is not None
    for index in range(preferences.tabs.count()):
        preferences.tabs.setCurrentIndex(index)
        seen[f"preferences {index}"] = _shown_texts(preferences)
    preferences.reject()
    window.backups_action.trigger()
    backups = window.findChild(BackupsDialog)
    assert backups is not None
    seen["backups"] = _shown_texts(backups)
    backups.reject()
    from ui.gui.dialogs.import_dialog import ImportDialog

    window.import_action.trigger()
    importer = window.findChild(ImportDialog)
    assert importer is not None
    seen["import"] = _shown_texts(importer)
    importer.reject()
    window.open_customer(window.book.reader.list_customers(limit=1).rows[0].id, "score")
    qtbot.waitUntil(lambda: window.workspace.is_loaded, timeout=20_000)
    seen["workspace"] = _shown_texts(window)
    assert "今日待办" in " ".join(seen["today"]) and "筛选：" in seen["customers"]
    leaked = {name: sorted(set(texts) & english) for name, texts in seen.items()}
    assert not any(leaked.values()), f"English on a Chinese screen: {leaked}"
    window.close()


def test_switching_language_live_retranslates_every_view(qtbot, scored_path: Path,  # type: ignore[no-untyped-def]
                                                          settings) -> None:
    """English to Chinese from View → Language with the window open: every view, not only the
    menus, speaks Chinese at once (the customer list and its filters, Today, Plans, the
    dashboard, the empty-search message), and back again."""
    from tests.ui.conftest import open_window, wait_idle

    window = open_window(qtbot, scored_path, settings, view="today")
    wait_idle(qtbot, window)
    window.show_view("plans")
    qtbot.waitUntil(lambda: window.plans.is_loaded, timeout=10_000)
    window.show_view("dashboard")
    qtbot.waitUntil(lambda: window.dashboard.is_loaded, timeout=30_000)
    english = _translated_english()
    window.language_actions[i18n.CHINESE].trigger()
    assert i18n.current_language() == i18n.CHINESE
    assert window.view_actions["today"].text() != "Today", window.view_actions["today"].text()
    views = {"customers": window.customers, "today": window.today, "plans": window.plans,
             "dashboard": window.dashboard}
    leaked = {name: sorted(set(_shown_texts(view)) & english) for name, view in views.items()}
    assert not any(leaked.values()), f"English after the switch: {leaked}"
    assert window.customers.empty_label.text().startswith("没有")
    window.language_actions[i18n.ENGLISH].trigger()
    assert window.customers.empty_label.text().startswith("No customer matches")
    window.close()


def test_a_dimension_has_one_name_in_the_window_workbooks_and_command_line() -> None:
    """The window (Dimensions), the workbooks (export labels) and the command line (its
    Chinese words are the export labels') name each scoring dimension alike in each language:
    the profit dimension is 'Profit contribution' / 利润贡献 (the domain notes' term, not
    the window's former 'Gross profit' / 毛利, which names a sale's profit column)."""
    from models.config import DIMENSIONS
    from storage.export_labels import Labels

    source = (Path(__file__).resolve().parents[2] / "ui" / "gui" / "text"
              / "dimension_labels.py").read_text(encoding="utf-8")
    window = dict(re.findall(r'"(\w+)": translate\("Dimensions", "([^"]+)"\)', source))
    chinese = {text: (translation.text or "") for context, text, _, translation in _messages()
               if context == "Dimensions" and translation.get("type") != "vanished"}
    english, zh_cn = Labels("en"), Labels("zh_CN")
    assert sorted(window) == sorted(DIMENSIONS)
    assert [(d, window[d], chinese[window[d]]) for d in DIMENSIONS] == [
        (d, english.dimension(d), zh_cn.dimension(d)) for d in DIMENSIONS]
    assert (window["profit"], chinese[window["profit"]]) == ("Profit contribution", "利润贡献")
