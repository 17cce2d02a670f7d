"""Every window, in both languages, speaks that language and shows its words whole (issue 14,
point 6): the four views, each tab of a customer's workspace, and the dialogs the menus and
the Plan tab open (Preferences page by page, backups, weekly report, keyboard shortcuts,
about, a new customer, a logged interaction, a new plan and the plan editor) and the first
run's welcome, in a 1280 x 800 window.

Two findings fail it: a text that is not in the window's language (English words on a
Chinese screen but for keys, file types and the book's own data; Chinese on an English
screen but for data), and a text wider than its place (a label, a button, a check box or a
column title cut: its width by QFontMetrics against the room the widget leaves it), and a
table that must show every column at that size (FITTING_TABLES) with columns wider than it.
The import wizard has a test of its own (below), step by step."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from models.enums import ActionStatus, ObjectiveKind, PlanStatus
from models.plans import Objective, PlanAction
from storage.book import Book
from storage.database import Database
from tests.ui.conftest import wait_idle
from tests.ui.test_workspace_language import ALLOWED, ENGLISH_WORD
from ui.gui.dialogs.backups_dialog import BackupsDialog
from ui.gui.dialogs.calendar_export_dialog import CalendarExportDialog
from ui.gui.dialogs.first_run import FirstRunDialog
from ui.gui.dialogs.help_dialogs import ShortcutsDialog
from ui.gui.dialogs.import_dialog import ImportDialog
from ui.gui.dialogs.playbooks_dialog import PlaybooksDialog
from ui.gui.dialogs.preferences_dialog import PreferencesDialog
from ui.gui.dialogs.team_sync_dialog import TeamSyncDialog
from ui.gui.dialogs.weekly_dialog import WeeklyReportDialog
from ui.gui.forms.swot_editor import QuadrantBox, SwotDialog
from ui.gui.models.rows_model import Column, RowsModel
from ui.gui.settings import Settings
from ui.gui.style.table_style import clipped_titles
from ui.gui.text import i18n
from ui.gui.window.main_window import VIEWS, MainWindow
from ui.gui.workspace import TAB_NAMES
from ui.gui.workspace.competition_tab import CompetitionTab
from ui.gui.workspace.contacts_tab import ContactsTab
from ui.gui.workspace.plan_tab import PlanTab

#: Names that stay as they are in Chinese: the product, what the About box credits, and
#: file types, programs and sizes named as such (导出到 Excel, .xlsx 工作簿或 CSV 文件, 1.00 GiB).
NAMES = {"KeyPlan", "SQLite", "Python", "PySide", "Qt", "Excel", "xlsx", "xls", "ods", "CSV",
         "KiB", "MiB", "GiB",
         # the sync programs a team may already use (team sync's folder), and U 盘 (USB stick)
         "Syncthing", "OneDrive", "Dropbox", "U",
         # the calendars an exported .ics is opened in
         "Outlook", "Google", "Apple"}
#: Keys as the shortcut list names them (Ctrl+Shift+E, Esc), and the example search.
KEYS = {"Shift", "Alt", "Esc", "Enter", "Return", "Del", "Delete", "Tab", "Space", "Home",
        "End", "Ins", "PgUp", "PgDown", "Backspace", "Meta", "hwjs"}
#: A language's own name, as the language menus offer it.
OWN_NAMES = set(i18n.LANGUAGES.values())
HAN = re.compile(r"[\u3400-\u9fff]+")
#: A file or folder path: the user's data.
PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s'\"<>]*")
#: The window's size on a first start (a laptop screen or larger).
SIZE = (1280, 800)
#: Tables whose every column shows at that size, with no horizontal scroll bar: the
#: dashboard's (18 columns By salesperson), the Score and the Products tabs'.
FITTING_TABLES = {"rollupTable", "segmentTable", "scoreTable", "productLinesTable",
                  "productSuggestionsTable"}


@pytest.fixture(scope="module")
def walk_file(scored_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scored demo book with an account plan for its top customer, so the Plans view and
    the Plan tab have one to show."""
    path = tmp_path_factory.mktemp("walk") / "walk.db"
    with Database(scored_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(path)])
    with Book(path) as book:
        customer_id = str(book.reader.scalar(
            "SELECT customer_id FROM customer_metrics ORDER BY score DESC LIMIT 1"))
        plan = book.plans.create(customer_id, "2026-H2", carry_over=False).record
        today = date.today()
        book.plans.save(replace(
            plan, status=PlanStatus.ACTIVE,
            objectives=[Objective(plan_id=plan.id, kind=ObjectiveKind.SHARE_OF_WALLET,
                                  description="Share of wallet", baseline_value=20,
                                  target_value=40, actual_value=25)],
            actions=[PlanAction(plan_id=plan.id, what="Quarterly review", owner=plan.owner,
                                due_date=today + timedelta(days=7),
                                status=ActionStatus.OPEN)]))
    return path


@pytest.fixture
def walk_path(walk_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "walk.db"
    with Database(walk_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    return copy


def book_text(path: Path) -> str:
    """Every text the book holds (names, notes, owners, plans): data, in any language."""
    parts = [str(path)]
    with Database(path) as db:
        tables = [r[0] for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
            "ESCAPE '\\' AND name NOT IN ('change_log', 'settings')")]
        for table in tables:
            columns = [r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")
                       if r[2] == "TEXT"]
            if columns:
                for row in db.conn.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    parts += [value for value in row if isinstance(value, str)]
    return "\n".join(parts)


def model_texts(model: QAbstractItemModel, rows: int = 30) -> list[str]:
    """Titles, cells and tips of a view's first rows (and of their first children)."""
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps columnCount to itself
        columns = 1
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    for row in range(min(rows, model.rowCount(QModelIndex()))):
        parent = model.index(row, 0)
        for column in range(columns):
            index = model.index(row, column)
            texts += [model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)]
        for child in range(min(5, model.rowCount(parent))):
            texts += [model.data(model.index(child, c, parent)) for c in range(columns)]
    return [str(t) for t in texts if t]


def visible_texts(root: QWidget) -> list[str]:
    """Every text ``root`` shows: titles, labels, buttons, fields, lists, tables and tips."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            texts += [widget.toPlainText(), widget.placeholderText()]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
        if isinstance(widget, FigureCanvasQTAgg):  # a chart: its titles, labels, legends
            texts += [t.get_text() for t in widget.figure.findobj(Text) if t.get_visible()]
    return [t for t in texts if t]


def foreign_texts(root: QWidget, language: str, data: str) -> list[str]:
    """Texts of ``root`` not in ``language``: English words in Chinese, Chinese in English,
    the book's own data and the allowed names excepted."""
    found = []
    for text in visible_texts(root):
        if text in OWN_NAMES:
            continue
        shown = PATH.sub(" ", re.sub(r"<[^>]+>", " ", text))
        if language == i18n.CHINESE:
            words = set(ENGLISH_WORD.findall(shown)) - ALLOWED - NAMES - KEYS
        else:
            words = set(HAN.findall(shown))
        if any(word not in data for word in words):
            found.append(text)
    return sorted(set(found))


def _mnemonic_free(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped_texts(root: QWidget) -> list[str]:
    """Visible labels, buttons, check boxes and column titles whose text is wider than the
    room their widget leaves it."""
    clipped = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            if widget.wordWrap() or not widget.text() or not widget.pixmap().isNull():
                continue
            text = re.sub(r"<[^>]+>", "", widget.text()) if "<" in widget.text() \
                else widget.text()
            room = widget.contentsRect().width() - 2 * widget.margin() - max(
                widget.indent(), 0)
            widest = max(widget.fontMetrics().horizontalAdvance(line)
                         for line in _mnemonic_free(text).split("\n"))
            if widest > room:
                clipped.append(f"label {text!r}: {widest} > {room}")
        elif isinstance(widget, QPushButton) and widget.text():
            option = QStyleOptionButton()
            option.initFrom(widget)
            option.text = widget.text()
            room = widget.style().subElementRect(
                QStyle.SubElement.SE_PushButtonContents, option, widget).width()
            if widget.menu() is not None:
                room -= widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
            if not widget.icon().isNull():
                room -= widget.iconSize().width() + 4
            text = _mnemonic_free(widget.text())
            width = widget.fontMetrics().horizontalAdvance(text)
            if width > room:
                clipped.append(f"button {text!r}: {width} > {room}")
        elif isinstance(widget, QToolButton | QCheckBox | QRadioButton) and widget.text():
            # Their size hints are the text and the style's parts, no more (a push button's
            # has a minimum width): narrower than the hint cuts the text.
            if widget.width() < widget.sizeHint().width():
                clipped.append(f"{type(widget).__name__} {widget.text()!r}: "
                               f"{widget.width()} < {widget.sizeHint().width()}")
        elif isinstance(widget, QHeaderView) and widget.isVisible():
            clipped += [f"column {title!r}" for title in clipped_titles(widget)]
        if isinstance(widget, QTableView) and widget.objectName() in FITTING_TABLES:
            length = widget.horizontalHeader().length()
            if length > widget.viewport().width():
                clipped.append(f"table {widget.objectName()}: columns {length} pixels wide "
                               f"in {widget.viewport().width()}")
    return clipped


class Walk:
    """What one language's walk found, per screen."""

    def __init__(self, language: str, data: str) -> None:
        self.language = language
        self.data = data
        self.found: dict[str, list[str]] = {}
        self.seen: list[str] = []

    def look(self, name: str, root: QWidget) -> None:
        QApplication.processEvents()
        self.seen.append(name)
        problems = [f"not {self.language}: {text!r}"
                    for text in foreign_texts(root, self.language, self.data)]
        problems += clipped_texts(root)
        if problems:
            self.found[name] = problems

    def report(self) -> str:
        return "\n".join(f"{name}: {problem}" for name, problems in self.found.items()
                         for problem in problems)


def _shown(window: MainWindow, kind: type[QDialog]) -> QDialog:
    shown = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(shown) == 1, kind.__name__
    return shown[0]


def open_window(qtbot, path: Path, settings: Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    settings.set_last_view("today")
    window = MainWindow(Book(path), settings, score_unscored=False)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, window)
    return window


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.install_language(request.param)
    yield request.param
    i18n.install_language(i18n.ENGLISH)


def test_every_window_speaks_its_language_and_fits(  # type: ignore[no-untyped-def]
        qtbot, walk_path: Path, settings: Settings, language: str) -> None:
    walk = Walk(language, book_text(walk_path))
    window = open_window(qtbot, walk_path, settings)
    loaded = {"today": lambda: window.today.is_loaded, "customers": lambda: True,
              "dashboard": lambda: window.dashboard.is_loaded,
              "plans": lambda: window.plans.is_loaded}
    for view in VIEWS:
        window.show_view(view)
        qtbot.waitUntil(loaded[view], timeout=30_000)
        walk.look(view, window)

    # Every tab of the customer with the account plan.
    customer_id = window.book.reader.scalar("SELECT customer_id FROM plans LIMIT 1")
    workspace = window.open_customer(str(customer_id), "overview")
    assert workspace is not None
    for tab in TAB_NAMES:
        workspace.show_tab(tab)
        qtbot.waitUntil(lambda: workspace.is_loaded, timeout=20_000)
        walk.look(f"workspace {tab}", window)

    # The Contacts tab's org chart and its contacts by level, and the contact form.
    contacts = workspace.show_tab("contacts")
    assert isinstance(contacts, ContactsTab)
    for mode, name in ((1, "relationship map"), (2, "contacts by level")):
        contacts.show_mode(mode)
        walk.look(name, window)
    assert contacts.rmap is not None
    contacts.edit(contacts.rmap.contacts[0])
    assert contacts.dialog is not None
    walk.look("contact form", contacts.dialog)
    contacts.dialog.reject()

    # The Competition tab's competitor form.
    competition = workspace.show_tab("competition")
    assert isinstance(competition, CompetitionTab)
    competition.add_competitor()
    assert competition.dialog is not None
    walk.look("competitor form", competition.dialog)
    competition.dialog.reject()

    # The plan editor and a new plan, from the Plan tab's buttons.
    plans = workspace.show_tab("plan")
    assert isinstance(plans, PlanTab)
    qtbot.waitUntil(lambda: workspace.is_loaded, timeout=20_000)
    # The plan's period is named whole in its list (2026年下半年 / H2 2026): cells may be
    # elided by design, but not this one.
    table = plans.panel.table
    period = str(table.model().index(0, 0).data())
    bold = QFont(table.font())
    bold.setBold(True)  # as the list shows a period
    if QFontMetrics(bold).horizontalAdvance(period) + 14 > table.columnWidth(0):
        walk.found["plan list"] = [f"cell {period!r} cut"]
    plan_id = str(window.book.reader.scalar("SELECT id FROM plans LIMIT 1"))
    editor = plans.edit(plan_id)
    walk.look("plan editor", editor)
    editor.reject()
    new_plan = plans.new_plan()
    walk.look("new plan", new_plan)
    new_plan.reject()
    # The plan's SWOT editor and the form of one of its lines.
    swot = plans.edit_swot(plan_id)
    assert isinstance(swot, SwotDialog)
    walk.look("SWOT editor", swot)
    line = swot.findChildren(QuadrantBox)[0].add()
    walk.look("SWOT line", line)
    line.reject()
    swot.reject()

    # The dialogs of the menus.
    window.preferences_action.trigger()
    preferences = _shown(window, PreferencesDialog)
    assert isinstance(preferences, PreferencesDialog)
    for page in range(preferences.tabs.count()):
        preferences.tabs.setCurrentIndex(page)
        walk.look(f"preferences {preferences.tabs.tabText(page)}", preferences)
    preferences.reject()
    for action, kind in ((window.backups_action, BackupsDialog),
                         (window.weekly_action, WeeklyReportDialog),
                         (window.calendar_action, CalendarExportDialog),
                         (window.playbooks_action, PlaybooksDialog),
                         (window.shortcuts_action, ShortcutsDialog)):
        action.trigger()
        dialog = _shown(window, kind)
        walk.look(kind.__name__, dialog)
        dialog.reject()
    window.about_action.trigger()
    about = next(d for d in window.findChildren(QDialog)
                 if d.isVisible() and d.objectName() != "preferencesDialog")
    walk.look("about", about)
    about.reject()
    window.new_customer_action.trigger()
    form = next(d for d in window.findChildren(QDialog) if d.isVisible())
    walk.look("new customer", form)
    form.reject()
    window.log_interaction_action.trigger()
    form = next(d for d in window.findChildren(QDialog) if d.isVisible())
    walk.look("log an interaction", form)
    form.reject()

    # File → Team sync…: joining or starting, the new key, then where things stand.
    window.team_sync_action.trigger()
    team_sync = _shown(window, TeamSyncDialog)
    assert isinstance(team_sync, TeamSyncDialog)
    walk.look("team sync setup", team_sync)
    team_sync.start_team()
    walk.look("team sync key", team_sync)
    team_sync.key_page.done_button.click()
    walk.look("team sync status", team_sync)
    team_sync.reject()

    # The first run's welcome, on a new book.
    welcome = FirstRunDialog(walk_path.with_name("new.db"))
    qtbot.addWidget(welcome)
    welcome.show()
    walk.look("first run", welcome)
    welcome.reject()

    assert len(walk.seen) == 4 + len(TAB_NAMES) + 2 + preferences.tabs.count() + 18
    assert walk.found == {}, walk.report()
    window.close()


def test_the_import_wizard_speaks_its_language_and_fits(  # type: ignore[no-untyped-def]
        qtbot, walk_path: Path, settings: Settings, language: str) -> None:
    """Step by step: the empty page; a GBK sales file of 订单编号/下单时间/实付金额 with
    bad rows, told from its headers, a row filter on and 'Also as…' open; a file whose dates
    read both ways, asking their order; one whose columns match nothing; one naming
    customers the book lacks, made on
    import; and the result with its rescore. The files' own headers and values are data."""
    with Book(walk_path) as book:
        name = book.reader.list_customers(limit=1).rows[0].name
    orders = walk_path.with_name("订单.csv")
    orders.write_bytes(
        ("订单编号,客户名称,下单时间,实付金额,订单状态\r\n"
         f"DD1,{name},2026-03-02 10:42,1200.50,已完成\r\n"
         f"DD2,{name},2026-13-45,880,已完成\r\nDD3,{name},2026-03-04,八百,已取消\r\n"
         "DD4,,2026-03-05,100,已完成\r\n合计,,,2181,\r\n").encode("gbk"))
    us_dates = walk_path.with_name("us.csv")
    us_dates.write_text(f"Customer,Order Date,Amount\n{name},3/4/2026,10\n"
                        f"{name},5/6/2026,20\n", encoding="utf-8")
    new = walk_path.with_name("new.csv")
    new.write_text(f"客户名称,日期,金额,单号\n{name},2026-10-01,300,TX-1\n"
                   "杭州新客户贸易有限公司,2026-11-01,500,TX-2\n", encoding="utf-8")
    odd = walk_path.with_name("odd.csv")
    odd.write_text("Kennung,Firma\nON-1,Odd Names GmbH\n", encoding="utf-8")
    files = "".join(f.read_text(encoding="gbk" if f == orders else "utf-8")
                    for f in (orders, us_dates, odd, new))
    walk = Walk(language, book_text(walk_path) + files)
    window = open_window(qtbot, walk_path, settings)
    window.import_action.trigger()
    wizard = _shown(window, ImportDialog)
    assert isinstance(wizard, ImportDialog)
    walk.look("import", wizard)

    def check(path: Path) -> None:
        wizard.set_file(path)
        qtbot.waitUntil(lambda: wizard.task is None, timeout=20_000)

    check(orders)
    assert wizard.issues.count() == 3 and wizard.sample.rowCount() == 1
    walk.look("import: a sales file with bad rows", wizard)
    wizard.filter_column.setCurrentIndex(wizard.filter_column.findData("订单状态"))
    wizard.filter_values.setText("已完成")
    wizard._filter_changed()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=20_000)
    wizard.mapping_host.findChildren(QToolButton)[0].click()
    wizard.skip_invalid.setChecked(True)
    walk.look("import: a row filter and 'Also as…'", wizard)
    check(us_dates)
    assert wizard.date_order.isVisible()
    walk.look("import: the date order asked", wizard)
    check(odd)
    assert wizard.combos and not wizard.import_button.isEnabled()
    walk.look("import: columns it cannot match", wizard)
    check(new)
    wizard.create_customers.setChecked(True)
    qtbot.waitUntil(lambda: wizard.task is None, timeout=20_000)
    walk.look("import: customers to make", wizard)
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.import_button.click()
    qtbot.waitUntil(lambda: window.rescore_task is None, timeout=30_000)
    walk.look("import: the result", wizard)
    wizard.reject()
    assert len(walk.seen) == 7
    assert walk.found == {}, walk.report()
    window.close()


def test_the_checks_find_what_they_look_for(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """A cut label and button, and a word in the other language, are found."""
    from PySide6.QtWidgets import QHBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    layout = QHBoxLayout(page)
    label = QLabel("Lowest score for the strategic tier", page)
    button = QPushButton("Export account plan to Excel", page)
    layout.addWidget(label)
    layout.addWidget(button)
    page.show()
    label.setFixedWidth(60)
    button.setFixedWidth(60)
    QApplication.processEvents()
    found = clipped_texts(page)
    assert any(f.startswith("label 'Lowest") for f in found)
    assert any(f.startswith("button 'Export") for f in found)
    # A table that must fit, its columns wider than its view.
    model = RowsModel([Column(str(n), f"Column {n}".strip, str) for n in range(9)], page)
    model.set_rows(["a row of figures"])
    table = QTableView(page)
    table.setObjectName("scoreTable")
    table.setModel(model)
    layout.addWidget(table)
    table.setFixedWidth(200)
    QApplication.processEvents()
    assert any(f.startswith("table scoreTable: columns") for f in clipped_texts(page))
    table.hide()
    foreign = "Lowest score" if language == i18n.CHINESE else "最低得分"
    button.hide()
    label.setText(foreign)
    assert foreign_texts(page, language, data="") == [foreign]
    assert foreign_texts(page, language, data=foreign) == []
