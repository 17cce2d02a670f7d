"""With zh_CN loaded, the workspace and every form show no English: no source string with a
translation, and no English words where Chinese belongs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from storage.book import Book
from storage.database import Database
from tests.ui.test_forms import answers  # noqa: F401  (fixture)
from tests.ui.test_workspace_edits import book_file, scored_file  # noqa: F401  (fixtures)
from ui.gui.background.tasks import BookTask, Task
from ui.gui.forms.contact_form import ContactFormDialog
from ui.gui.forms.customer_form import CustomerFormDialog
from ui.gui.forms.merge_dialog import MergeDialog
from ui.gui.settings import Settings
from ui.gui.workspace import TAB_NAMES, CustomerWorkspace

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "keyplan_zh_CN.ts"
#: Three or more Latin letters in a row: an English word (codes like INV-2026-0033 excepted).
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z]{3,}(?![A-Za-z0-9-])")
#: Texts that are English in both languages: names of keys, file types, units.
ALLOWED = {"Ctrl", "PNG", "SVG", "ABC", "PDF", "SWOT"}  # SWOT: 中文也称 SWOT 分析
#: A Chinese-named customer with data in every tab.
CHINESE_CUSTOMER = """
SELECT c.id FROM customers c
WHERE c.name GLOB '*[一-龥]*'
  AND (SELECT count(*) FROM contacts WHERE customer_id = c.id) >= 2
  AND (SELECT count(*) FROM interactions WHERE customer_id = c.id) >= 2
  AND (SELECT count(*) FROM needs WHERE customer_id = c.id) >= 1
  AND (SELECT count(*) FROM assessments WHERE customer_id = c.id) >= 1
ORDER BY c.name_sort LIMIT 1
"""


def english_sources() -> set[str]:
    sources = set()
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation and translation != source:
            sources.add(source)
            sources.add(source.replace("&", ""))
    return sources


def model_texts(model: QAbstractItemModel, rows: int = 30) -> list[str]:
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for row in range(min(rows, model.rowCount())):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            texts += [model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)]
    return [str(t) for t in texts if t]


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTextBrowser):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return [t for t in texts if t]


def english_in(texts: list[str], data: set[str]) -> list[str]:
    """Texts that are translated English sources, or hold English words that are not data."""
    sources = english_sources()
    found = []
    for text in texts:
        if text in sources and text not in data:  # a product line may be named 'Training'
            found.append(text)
            continue
        shown = re.sub(r"<[^>]+>", " ", text)  # rich text: its markup is not on screen
        words = set(ENGLISH_WORD.findall(shown)) - ALLOWED
        if words and not any(word in item for item in data for word in words):
            found.append(text)
    return sorted(set(found))


@pytest.fixture
def book(book_file: Path) -> Iterator[Book]:  # noqa: F811
    with Book(book_file) as opened:
        yield opened


@pytest.fixture
def db(book: Book) -> Database:
    """The workspace's own connection, for reading the customer's texts."""
    return book.reader


def book_data(db: Database, customer_id: str) -> set[str]:
    """The customer's own texts (names, references, e-mails may hold Latin letters)."""
    data: set[str] = set()
    for table in ("customers", "contacts", "transactions", "interactions", "needs",
                  "assessments"):
        column = "id" if table == "customers" else "customer_id"
        for row in db.query(f"SELECT * FROM {table} WHERE {column} = ?", [customer_id]):
            data.update(str(v) for v in row.values() if isinstance(v, str))
    # The Products tab lists every product line the book sells (the whitespace grid): the
    # mixed demo's English customers' lines are data too, not untranslated words.
    data.update(str(row["product"]) for row in db.query(
        "SELECT DISTINCT product FROM transactions WHERE product IS NOT NULL"))
    return data


def test_the_chinese_workspace_and_its_forms_show_no_english(  # type: ignore[no-untyped-def]
        qtbot, book: Book, db: Database, chinese: None, settings: Settings) -> None:
    customer_id = str(db.scalar(CHINESE_CUSTOMER))
    data = book_data(db, customer_id)
    workspace = CustomerWorkspace(book, customer_id, settings)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 800)
    workspace.show()
    qtbot.waitExposed(workspace)
    texts: list[str] = []
    for name in TAB_NAMES:
        workspace.show_tab(name)
        for pool in (Task.pool(), BookTask.pool()):
            pool.waitForDone(10_000)
        qtbot.wait(50)
        texts += visible_texts(workspace)
    assert "概况" in texts and "评估" in texts
    score = workspace.tabs["score"]
    qtbot.waitUntil(lambda: score.explanation is not None, timeout=10_000)
    texts += visible_texts(workspace)

    dialogs: list[QWidget] = []

    def look(dialog: QWidget | None) -> None:
        assert dialog is not None and dialog.isVisible()
        texts.extend(visible_texts(dialog))
        dialogs.append(dialog)

    look(CustomerFormDialog.create_new(book, settings, workspace))
    look(workspace.log_interaction())
    contacts = workspace.show_tab("contacts")
    contacts.add_contact()
    look(contacts.dialog)
    needs = workspace.show_tab("needs")
    needs.add_need()
    look(needs.dialog)
    assessment = workspace.show_tab("assessment")
    assessment.panel.table.selectRow(0)
    assessment.edit_selected()
    look(assessment.dialog)
    plans = workspace.show_tab("plan")
    look(plans.new_plan())
    plans.dialog.create_plan()
    look(plans.dialog)
    look(plans.dialog.form.editors["actions"].add())
    customer = workspace.tabs["profile"].form.original
    merge = MergeDialog(customer, replace(customer, industry="甲"),
                        replace(customer, industry="乙", city="丙"), parent=workspace)
    merge.open()
    look(merge)
    contact_dialog = ContactFormDialog(book, customer_id, None, workspace)
    contact_dialog.open()
    look(contact_dialog)
    leaked = english_in(texts, data)
    assert not leaked, f"English on a Chinese screen: {leaked}"
    for dialog in reversed(dialogs):
        if shiboken6.isValid(dialog):
            dialog.close()


def test_the_english_check_catches_english() -> None:
    """The check above is only as good as its detector: English must not slip through."""
    assert english_in(["保存修改", "编号 C000884", "INV-2026-0033", "Ctrl+S"], set()) == []
    assert english_in(["Save changes"], set()) == ["Save changes"]  # a translated source
    assert english_in(["Loading the radar"], set()) == ["Loading the radar"]  # any English
    assert english_in(["联系人 Alice Wong"], {"Alice Wong"}) == []  # the user's own data
